"""Training the linear model: exact and SGD modes against theory, determinism, batching, bad input."""

import json

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.cli import main
from difftheory.linear_model import claims_linear
from difftheory.ledger import Context
from difftheory.linear_model.trainer import NonFiniteLoss, Setting, train_exact, train_sgd
from difftheory.threads import single_thread
from difftheory.theory.optimal_loss import W_star, delta_star, k_star_u_loss
from difftheory.theory.samplers import TimeSampler

SAMPLERS = [TimeSampler(), TimeSampler("logit-normal", 0.0, 1.0), TimeSampler("logit-normal", -0.8, 0.8)]
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
    res = train_exact([s], mode="fixed", k=k, steps=60, lr=0.1, param="explicit", init="random", seed=seed)
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
    ss = [Setting(8, 2, "u"), Setting(64, 4, "v", TimeSampler("logit-normal", 0.0, 1.0), 0.05), Setting(3, 3, "u")]
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
    s = Setting(4, 1, "u", TimeSampler(), None)
    res = train_sgd(s, steps=400, lr=0.03, batch=512, seed=0)
    assert float(res.k[0]) == pytest.approx(0.8, abs=0.02)
    for mode in ("two", "binned"):
        r = train_sgd(Setting(4, 2, "v", TimeSampler("logit-normal", 0.0, 1.0), 0.05), mode=mode, n_bins=4, steps=20)
        assert np.all(np.isfinite(r.k)) and np.isfinite(r.loss).all()
        e = train_exact([Setting(4, 2, "v")], mode=mode, n_bins=4, steps=20, polish=False)
        assert np.all(np.isfinite(e.k)) and e.k.shape == ((1, 2) if mode == "two" else (1, 5))


def test_gd_follows_frobenius_flow_in_closed_coordinates():
    """Closed coordinates with the Frobenius metric give the same W as explicit D×D gradient descent."""
    s = Setting(6, 2, "u", TimeSampler(), None)
    a = train_exact([s], mode="fixed", k=0.7, steps=40, lr=0.1, optimizer="gd", schedule="constant", polish=False)
    b = train_exact([s], mode="fixed", k=0.7, steps=40, lr=0.1, optimizer="gd", schedule="constant", polish=False,
                    param="explicit")
    P = b.P[0, :, :2]
    proj = P @ P.T
    W = a.c_par[0] * proj + a.c_perp[0] * (torch.eye(6, dtype=torch.float64) - proj)
    assert torch.allclose(W, b.W[0], atol=1e-12)


def test_non_finite_loss_stops_with_setting_named():
    s = Setting(5, 2, "u", TimeSampler(), None)
    with pytest.raises(NonFiniteLoss, match=r"D=5, d=2, loss=u"):
        train_exact([s], mode="fixed", k=0.5, steps=400, lr=1e6, optimizer="gd", schedule="constant", polish=False)


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
    with pytest.raises(ValueError, match="mode"):
        train_exact([s], mode="foo")
    with pytest.raises(ValueError, match="explicit"):
        train_exact([s, Setting(5, 2)], param="explicit")
    with pytest.raises(ValueError, match="settings"):
        train_exact([])
    with pytest.raises(ValueError, match="latent"):
        train_sgd(s, latent="cauchy")


def test_cli_json_and_errors(capsys):
    assert main(["linear", "--D", "16", "--d", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("k_final", "loss_final", "delta_star_theory", "w_error", "steps"):
        assert key in out
    assert out["k_final"] == pytest.approx(16 / 18, abs=1e-5)
    assert out["loss_final"] == pytest.approx(out["delta_star_theory"], rel=1e-6)
    assert out["w_error"] < 1e-4
    assert main(["linear", "--D", "6", "--d", "2", "--k", "0.3", "--loss", "v", "--sampler", "logit-normal:0,1",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["k_final"] == 0.3 and out["w_error"] < 1e-3
    for argv in (["--D", "0", "--d", "1"], ["--D", "4", "--d", "2", "--sampler", "gauss"],
                 ["--D", "4", "--d", "2", "--k", "1.5"], ["--D", "400", "--d", "2", "--mode", "sgd"],
                 ["--D", "4", "--d", "2", "--clamp", "x"]):
        assert main(["linear"] + argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "error" in err[0]


def test_quick_claims_run_without_error(tmp_path):
    ctx = Context(scale="quick", seed=0, out=tmp_path)
    for fn in (claims_linear.mode_dynamics, claims_linear.fixed_k_equilibrium, claims_linear.two_param_target):
        res = fn(ctx)
        assert res.verdict in ("verified", "corrected", "refuted", "open") and res.evidence
