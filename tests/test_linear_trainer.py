"""Training the linear model: exact and SGD modes against theory, determinism, batching, bad input."""

import json

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.cli import main
from difftheory.ledger import Context
from difftheory.linear_model.trainer import Setting, train_exact, train_sgd
from difftheory.threads import single_thread
from difftheory.theory.kdiff_optimum import W_star, delta_star, k_star_u_loss
from difftheory.theory.time_densities import TimeDensity
from difftheory.training import TrainingDiverged

SAMPLERS = [TimeDensity(), TimeDensity("logit-normal", 0.0, 1.0), TimeDensity("logit-normal", -0.8, 0.8)]
FAST = settings(max_examples=8, deadline=None)


@pytest.fixture(autouse=True)
def _one_thread():
    with single_thread():
        yield


@FAST
@given(D=st.integers(1, 40), data=st.data(), k=st.floats(0.0, 1.0), sampler=st.sampled_from(SAMPLERS),
       loss=st.sampled_from(["u", "v"]), seed=st.integers(0, 1000))
def test_exact_training_reaches_W_star(D, data, k, sampler, loss, seed):
    d = data.draw(st.integers(1, D))
    s = Setting(D, d, loss, sampler, 0.05 if loss == "v" else None)
    res = train_exact([s], k_mode="fixed", k=k, steps=60, lr=0.1, param="explicit", init="random", seed=seed)
    Ws = W_star(res.P[0, :, :d].numpy(), k, sampler, s.loss, s.clamp)
    err = np.linalg.norm(res.W[0].numpy() - Ws) / max(np.linalg.norm(Ws), 1e-12)
    assert err < 1e-3
    ref = float(delta_star(k, D, d, sampler, s.loss, s.clamp))
    assert float(res.loss[0]) == pytest.approx(ref, rel=1e-3, abs=1e-9)


@FAST
@given(D=st.integers(1, 1024), data=st.data(), sampler=st.sampled_from(SAMPLERS))
def test_learned_k_matches_k_star_u_loss(D, data, sampler):
    d = data.draw(st.integers(1, min(D, 16)))
    res = train_exact([Setting(D, d, "u", sampler, None)], steps=150, lr=0.2)
    # Δ*(k) is a convex quadratic under the u-loss: the minimiser on [0, 1] is the clipped stationary point
    # (e.g. 0 for D = d = 1 under logit-normal(−0.8, 0.8), whose stationary point is −0.284)
    k_ref = k_star_u_loss(D, d, sampler)
    assert float(res.k[0]) == pytest.approx(k_ref, abs=2e-4)


def test_batched_equals_looped_and_is_deterministic():
    ss = [Setting(8, 2, "u"), Setting(64, 4, "v", TimeDensity("logit-normal", 0.0, 1.0), 0.05), Setting(3, 3, "u")]
    batched = train_exact(ss, steps=100, lr=0.2, polish=False)
    looped = [train_exact([s], steps=100, lr=0.2, polish=False).k[0] for s in ss]
    assert np.allclose(batched.k, looped, atol=1e-10)
    again = train_exact(ss, steps=100, lr=0.2, polish=False)
    assert np.array_equal(batched.k, again.k) and np.array_equal(batched.k_traj, again.k_traj)
    a = train_sgd(ss[0], steps=50, seed=4)
    b = train_sgd(ss[0], steps=50, seed=4)
    c = train_sgd(ss[0], steps=50, seed=5)
    assert np.array_equal(a.k, b.k) and not np.array_equal(a.k, c.k)


def test_sgd_lands_near_k_star_and_all_modes_run():
    s = Setting(4, 1, "u", TimeDensity(), None)
    res = train_sgd(s, steps=400, lr=0.03, batch=512, seed=0)
    assert float(res.k[0]) == pytest.approx(0.8, abs=0.02)
    for mode in ("two", "binned"):
        r = train_sgd(Setting(4, 2, "v", TimeDensity("logit-normal", 0.0, 1.0), 0.05), k_mode=mode, n_bins=4, steps=20)
        assert np.all(np.isfinite(r.k)) and np.isfinite(r.loss).all()
        e = train_exact([Setting(4, 2, "v")], k_mode=mode, n_bins=4, steps=20, polish=False)
        assert np.all(np.isfinite(e.k)) and e.k.shape == ((1, 2) if mode == "two" else (1, 5))


def test_gd_follows_frobenius_flow_in_closed_coordinates():
    """Closed coordinates with the Frobenius metric give the same W as explicit D×D gradient descent."""
    s = Setting(6, 2, "u", TimeDensity(), None)
    a = train_exact([s], k_mode="fixed", k=0.7, steps=40, lr=0.1, optimizer="gd", schedule="constant", polish=False)
    b = train_exact([s], k_mode="fixed", k=0.7, steps=40, lr=0.1, optimizer="gd", schedule="constant", polish=False,
                    param="explicit")
    P = b.P[0, :, :2]
    proj = P @ P.T
    W = a.c_par[0] * proj + a.c_perp[0] * (torch.eye(6, dtype=torch.float64) - proj)
    assert torch.allclose(W, b.W[0], atol=1e-12)


def test_non_finite_loss_stops_with_setting_named():
    s = Setting(5, 2, "u", TimeDensity(), None)
    with pytest.raises(TrainingDiverged, match=r"D=5, d=2, loss=u"):  # NonFiniteLoss or LossGrew, whichever first
        train_exact([s], k_mode="fixed", k=0.5, steps=400, lr=1e6, optimizer="gd", schedule="constant", polish=False)


@pytest.mark.parametrize("kwargs, match", [
    (dict(D=0, d=1), "D must be"), (dict(D=3, d=4), "d must be"), (dict(D=3, d=1, loss="x"), "loss"),
    (dict(D=3, d=1, clamp=1.5), "clamp"), (dict(D=3, d=1, sampler="uniform"), "sampler"),
])
def test_bad_settings_rejected(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Setting(**kwargs)


def test_bad_training_arguments_rejected():
    s = Setting(4, 2)
    with pytest.raises(ValueError, match="steps"):
        train_exact([s], steps=0)
    with pytest.raises(ValueError, match="lr"):
        train_exact([s], lr=-1.0)
    with pytest.raises(ValueError, match="k_mode"):
        train_exact([s], k_mode="foo")
    with pytest.raises(ValueError, match="explicit"):
        train_exact([s, Setting(5, 2)], param="explicit")
    with pytest.raises(ValueError, match="settings"):
        train_exact([])
    with pytest.raises(ValueError, match="latent"):
        train_sgd(s, latent="cauchy")


def test_cli_json_and_errors(capsys):
    assert main(["linear", "--D", "16", "--d", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("k_final", "loss_final", "delta_star_theory", "w_error", "steps", "started_at_stationary_point",
                "left_stationary_point_by_roundoff", "quadrature_rel_gap", "grad_norm_end"):
        assert key in out
    assert out["k_final"] == pytest.approx(16 / 18, abs=1e-5)
    assert out["loss_final"] == pytest.approx(out["delta_star_theory"], rel=1e-6)
    assert out["w_error"] < 1e-4
    assert out["started_at_stationary_point"] is False and out["left_stationary_point_by_roundoff"] is False
    assert main(["linear", "--D", "6", "--d", "2", "--k", "0.3", "--loss", "v", "--sampler", "logit-normal:0,1",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["k_final"] == 0.3 and out["w_error"] < 1e-3
    for argv, flag in ((["--D", "0", "--d", "1"], "--D"), (["--D", "4", "--d", "2", "--sampler", "gauss"], "--sampler"),
                       (["--D", "4", "--d", "2", "--k", "1.5"], "--k"), (["--D", "400", "--d", "2", "--mode", "sgd"], "--D"),
                       (["--D", "4", "--d", "2", "--clamp", "x"], "--clamp"), (["--D", "4", "--d", "5"], "--d"),
                       (["--D", "4", "--d", "2", "--sampler", "logit-normal:9,1"], "--sampler's MU"),
                       (["--D", "4", "--d", "2", "--lr", "inf"], "--lr"),
                       (["--D", "128", "--d", "2", "--mode", "sgd", "--batch", "65536"], "--batch")):
        assert main(["linear"] + argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "error" in err[0] and flag in err[0], (argv, err)


# ------------------------------------------------------------------------------------- issue 12 regressions
def test_cli_v_loss_unclamped_at_k1(capsys):
    """`linear --loss v --clamp none --k 1` used to print w_error NaN (TypeError as text, null with --json). Under
    uniform t the unclamped v-loss weight is not integrable at k = 1: refused in one line before training. With a
    logit-normal sampler (density 0 at the ends) k = 1 is regular and W* is finite."""
    assert main(["linear", "--D", "6", "--d", "2", "--loss", "v", "--clamp", "none", "--k", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--clamp none" in err[0]
    assert main(["linear", "--D", "6", "--d", "2", "--loss", "v", "--clamp", "none", "--k", "1", "--sampler",
                 "logit-normal:0,1", "--steps", "50", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["w_error"] is not None and out["w_error"] < 1e-6
    assert out["loss_final"] == pytest.approx(out["delta_star_theory"], rel=1e-6)
    assert main(["linear", "--D", "6", "--d", "2", "--loss", "v", "--clamp", "none", "--k", "1", "--sampler",
                 "logit-normal:0,1", "--steps", "50"]) == 0
    assert "‖W − W*‖/‖W*‖     " in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--lr", "1e6"], ["--mode", "sgd", "--lr", "1e30", "--steps", "20"],
                                  ["--lr", "1e300"]])
def test_cli_divergence_stops_with_one_line_and_exit_1(argv, capsys):
    assert main(["linear", "--D", "6", "--d", "2"] + argv) == 1
    cap = capsys.readouterr()
    err = cap.err.strip().splitlines()
    assert len(err) == 1 and ("diverged" in err[0] or "non-finite" in err[0]) and not cap.out


@pytest.mark.parametrize("argv, flag", [
    (["--D", "1" + "0" * 400, "--d", "1"], "--D"), (["--D", "6", "--d", "2", "--loss", "v", "--clamp", "1e-300"], "--clamp"),
    (["--D", "6", "--d", "2", "--seed", "-" + "1" * 50], "--seed"), (["--D", "6", "--d", "2", "--steps", "0"], "--steps"),
    (["--D", "6", "--d", "2", "--sampler", "logit-normal:0,1e-9"], "--sampler's SIGMA"),
])
def test_cli_refuses_before_training_with_one_line(argv, flag, capsys, monkeypatch):
    import difftheory.linear_model.trainer as tr

    def boom(*a, **k):
        raise AssertionError("training started")

    monkeypatch.setattr(tr, "train_exact", boom)
    monkeypatch.setattr(tr, "train_sgd", boom)
    assert main(["linear"] + argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"difftheory linear: error: {flag}") and len(err[0]) < 300


def test_cli_flags_the_stationary_start_and_round_off(capsys):
    """D = d under the v-loss: k = ½ is the maximum between tied minima and a fixed point; Adam leaves it by round-off
    (plain GD stays). Under the u-loss at D = d, ½ is the minimum: k stays."""
    assert main(["linear", "--D", "4", "--d", "4", "--loss", "v", "--sampler", "logit-normal:0,1", "--steps", "200",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["started_at_stationary_point"] and out["start_stationary_type"] == "maximum"
    assert out["start_is_fixed_point"] and out["end_points_tie"]
    assert out["left_stationary_point_by_roundoff"] and out["left_stationary_point_by"] == "round-off"
    assert main(["linear", "--D", "4", "--d", "4", "--loss", "v", "--sampler", "logit-normal:0,1", "--steps", "200"]) == 0
    assert "left it by round-off" in capsys.readouterr().out
    assert main(["linear", "--D", "4", "--d", "4", "--steps", "100", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["started_at_stationary_point"] and out["start_stationary_type"] == "minimum"
    assert not out["left_stationary_point_by_roundoff"] and out["k_final"] == pytest.approx(0.5, abs=1e-9)
    gd = train_exact([Setting(4, 4, "v", TimeDensity("logit-normal", 0.0, 1.0), 0.05)], steps=200, lr=0.2,
                     optimizer="gd", polish=False)
    assert float(gd.k[0]) == pytest.approx(0.5, abs=1e-12)  # GD multiplies a ~1e-17 gradient by lr: it stays


# ------------------------------------------------------------------------------------- trainer internals
def test_adam_matches_torch_optim_adam():
    from difftheory.training import Adam

    g = torch.Generator().manual_seed(0)
    ps = [torch.randn(5, 3, generator=g, dtype=torch.float64, requires_grad=True) for _ in range(2)]
    qs = [p.detach().clone().requires_grad_() for p in ps]
    ref, ours = torch.optim.Adam(ps, lr=0.1), Adam(qs)
    for _ in range(30):
        ref.zero_grad()
        sum((p**3).sum() for p in ps).backward()
        ref.step()
        ours.step(torch.autograd.grad(sum((q**3).sum() for q in qs), qs), 0.1)
    assert all(torch.equal(p.detach(), q.detach()) for p, q in zip(ps, qs))


@pytest.mark.parametrize("mode", ["learn", "fixed", "two", "binned"])
def test_batched_coefficients_equal_ktarget_under_vmap(mode):
    from difftheory.linear_model.trainer import batched_target, target_coefficients, target_coefficients_vmap

    template, params, buffers = batched_target(mode, 0.3, 5, 3)
    with torch.no_grad():
        for p in params.values():
            p.add_(torch.randn(p.shape, generator=torch.Generator().manual_seed(1), dtype=p.dtype))
    t = torch.rand(3, 40, generator=torch.Generator().manual_seed(2), dtype=torch.float64)
    a, b = target_coefficients(template, params, buffers, t), target_coefficients_vmap(template, params, buffers, t)
    assert torch.equal(a[0], b[0]) and torch.equal(a[1], b[1])


def test_newton_polish_reaches_the_lbfgs_stationary_point():
    ss = [Setting(6, d, loss, TimeDensity(), 0.05 if loss == "v" else None) for d in (1, 3) for loss in ("u", "v")]
    newton = train_exact(ss, steps=50, lr=0.2)  # closed coordinates: batched Newton
    lbfgs = train_exact(ss, steps=50, lr=0.2, param="explicit")  # explicit W: one L-BFGS per setting
    assert np.allclose(newton.k, lbfgs.k, atol=1e-6)
    assert np.all(newton.grad_norm < 1e-8)


def test_growth_limit_has_headroom():
    """The trainer's LOSS_GROWTH_LIMIT comment: sensible runs stay far below it (measured max 1.05× at lr 0.2)."""
    from difftheory.linear_model import sweeps
    from difftheory.linear_model.trainer import LOSS_GROWTH_LIMIT

    ss = [Setting(D, d, *sweeps.FAMILIES[f]) for f in sweeps.FAMILIES for D, d in sweeps.sweep_dims("quick", f)]
    res = train_exact(ss, steps=100, lr=0.2, polish=False, record_every=1)
    assert (res.loss_traj / res.loss_start).max() < LOSS_GROWTH_LIMIT / 50


def test_divergence_raises_loss_grew():
    from difftheory.training import LossGrew

    with pytest.raises(LossGrew, match=r"grew .*x over its start.*D=5, d=2"):
        train_exact([Setting(5, 2)], steps=20, lr=1e6, polish=False)
    with pytest.raises(TrainingDiverged):  # NonFiniteLoss and LossGrew: one except clause catches both
        train_sgd(Setting(5, 2, "u"), steps=20, lr=1e30, batch=8)


def test_sgd_replicates_equal_separate_runs():
    s = Setting(6, 2, "v", TimeDensity("logit-normal", 0.0, 1.0), 0.05)
    both = train_sgd(s, steps=40, lr=0.03, batch=64, seeds=[3, 4], latent=["gaussian", "uniform"])
    one = train_sgd(s, steps=40, lr=0.03, batch=64, seed=4, latent="uniform")
    assert np.allclose(both.k[1], one.k[0], atol=1e-12) and np.allclose(both.W[1], one.W[0], atol=1e-12)
    assert both.seeds == [3, 4]


def test_quick_claims_decide_as_measured(tmp_path):
    """Evidence + decision of cheap claims at quick scale: the verdicts and the numbers behind them."""
    from difftheory.ledger import run_one, REGISTRY, discover
    from difftheory.testing import verdict_problems

    discover()
    ctx = Context(scale="quick", seed=0, out=tmp_path)
    row = run_one(REGISTRY["kdiff.sim.linear.mode_dynamics"], ctx)
    assert not verdict_problems(row, "verified")
    assert row["evidence"]["max_abs_gap_autograd_vs_eq8_gradient"] < 1e-12
    row = run_one(REGISTRY["kdiff.sim.linear.two_param_target"], ctx)
    ev = row["evidence"]
    assert not verdict_problems(row, "corrected")
    assert not ev["hit_cap"] and ev["grad_norm_two"] <= ev["gtol"] and ev["grad_norm_single"] <= ev["gtol"]
    assert ev["trained_ratio_unclamped"] == pytest.approx(ev["single_k_learned"], abs=1e-6)
    assert ev["max_rel_change_unclamped_under_scaling"] < 1e-12
