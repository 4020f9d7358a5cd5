"""The one schedule type (theory/schedules.py) and the target conversions on it (theory/target_conversions.py).

Every paper's schedule: α, σ and their derivatives against central finite differences (and mse's against the
SymPy definitions of theory/mse_schedules_symbolic.py); the conversions x̂, n̂, ŵ, v̂ round-trip for every schedule; kdiff's
closed forms (Alg. 1) equal the general conversions on its path; the linear path and its conversions match
facebookresearch/flow_matching's CondOTScheduler / AffineProbPath (skipped when flow_matching is absent)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from difftheory.theory import target_conversions
from difftheory.theory.mse_schedules_symbolic import T, sym_alpha_sigma
from difftheory.theory.schedules import (ERD_SCHEDULES, KDIFF_LINEAR, MSE_SCHEDULES, CosinePath, LinearPath,
                                         MseSchedule, Schedule, erd_schedule, mse_schedule)

ALL = ([("kdiff", "linear", KDIFF_LINEAR)] + [("erd", n, erd_schedule(n)) for n in ERD_SCHEDULES]
       + [("mse", n, mse_schedule(n)) for n in MSE_SCHEDULES])
IDS = [f"{p}-{n}" for p, n, _ in ALL]
T_GRID = np.linspace(0.05, 0.95, 37)


@pytest.mark.parametrize("paper,name,sch", ALL, ids=IDS)
def test_derivatives_match_finite_differences(paper, name, sch):
    h = 1e-6
    out = sch(T_GRID)
    a_p, s_p = sch.alpha_sigma(T_GRID + h)
    a_m, s_m = sch.alpha_sigma(T_GRID - h)
    np.testing.assert_allclose(out.d_alpha, (a_p - a_m) / (2 * h), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(out.d_sigma, (s_p - s_m) / (2 * h), rtol=1e-6, atol=1e-8)
    assert isinstance(sch, Schedule)


@pytest.mark.parametrize("name", MSE_SCHEDULES)
def test_mse_instances_match_sympy_definitions(name):
    alpha, sigma = sym_alpha_sigma(name)
    f = sp.lambdify(T, [alpha, sigma, sp.diff(alpha, T), sp.diff(sigma, T)], "scipy")
    out = mse_schedule(name)(T_GRID)
    for ours, ref in zip(out, f(T_GRID)):
        np.testing.assert_allclose(ours, np.broadcast_to(ref, T_GRID.shape), rtol=1e-12, atol=1e-14)
    sch = mse_schedule(name)  # λ̊ = log(α/σ) and λ̊' = dα/α − dσ/σ, from the common type
    np.testing.assert_allclose(sch.lam(T_GRID), np.log(out.alpha / out.sigma), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(sch.dlam(T_GRID), out.d_alpha / out.alpha - out.d_sigma / out.sigma, rtol=1e-10)
    np.testing.assert_allclose(sch.log_snr(T_GRID), 2 * sch.lam(T_GRID), rtol=1e-12, atol=1e-12)


def test_time_conventions_and_shared_paths():
    t = np.array([0.0, 0.3, 1.0])
    assert KDIFF_LINEAR.data_at == 1 and all(erd_schedule(n).data_at == 0 for n in ERD_SCHEDULES)
    a, s = KDIFF_LINEAR.alpha_sigma(t)
    assert a[-1] == 1 and s[-1] == 0  # kdiff: t = 1 is data
    for n in ERD_SCHEDULES:
        a, s = erd_schedule(n).alpha_sigma(t)
        assert a[0] == 1 and s[0] == 0  # erd: t = 0 is data
    # mse's Logis is kdiff's linear path, mse's Sech the cosine path with data at t = 1
    assert all(np.array_equal(x, y) for x, y in zip(mse_schedule("logis")(T_GRID), KDIFF_LINEAR(T_GRID)))
    assert all(np.array_equal(x, y) for x, y in zip(mse_schedule("sech")(T_GRID), CosinePath(data_at=1)(T_GRID)))
    # erd's linear and GVP are the same paths in reversed time
    for rev, fwd in ((erd_schedule("linear"), LinearPath(data_at=1)), (erd_schedule("gvp"), CosinePath(data_at=1))):
        r, f = rev(T_GRID), fwd(1 - T_GRID)
        np.testing.assert_allclose(r.alpha, f.alpha, atol=1e-15)
        np.testing.assert_allclose(r.d_alpha, -f.d_alpha, atol=1e-15)
    with pytest.raises(ValueError, match="schedule"):
        erd_schedule("cosine")
    with pytest.raises(ValueError, match="schedule"):
        MseSchedule("vp")
    with pytest.raises(ValueError, match="data_at"):
        LinearPath(data_at=2)


def test_torch_inputs_follow_numpy():
    torch = pytest.importorskip("torch")
    tt = torch.tensor(T_GRID, dtype=torch.float64)
    for sch in (KDIFF_LINEAR, *(erd_schedule(n) for n in ERD_SCHEDULES)):
        for ours, ref in zip(sch(tt), sch(T_GRID)):
            assert isinstance(ours, torch.Tensor)
            np.testing.assert_allclose(ours.numpy(), ref, rtol=1e-14, atol=1e-15)


def test_kdiff_linear_takes_sympy():
    t = sp.Symbol("t")
    a, s, da, ds = KDIFF_LINEAR(t)
    assert (a, s, da, ds) == (t, 1 - t, 1, -1)
    x, n = sp.symbols("x n")
    assert sp.diff(target_conversions.noisy(x, n, t), t) == target_conversions.affine_target(x, n, *target_conversions.velocity_coefficients(KDIFF_LINEAR, t))


# ------------------------------------------------------------------ conversions
def _targets_for(sch, t):
    """(φ, ψ) of x, ε, the velocity, the v-prediction and a k-target, at times t."""
    a, s, da, ds = sch(t)
    one = np.ones_like(t)
    return {"x": (one, 0 * one), "eps": (0 * one, one), "velocity": (da, ds), "v-pred": (-s, a),
            "k=0.3": tuple(c * one for c in target_conversions.k_coefficients(0.3))}


@pytest.mark.parametrize("paper,name,sch", ALL, ids=IDS)
def test_conversions_round_trip(paper, name, sch):
    rng = np.random.default_rng(0)
    t = T_GRID
    x, n = rng.standard_normal((2, len(t)))
    a, s, da, ds = sch(t)
    z = target_conversions.noisy(x, n, t, sch)
    np.testing.assert_allclose(z, a * x + s * n, rtol=1e-15)
    tg = _targets_for(sch, t)
    for src_name, src in tg.items():
        u = target_conversions.affine_target(x, n, *src)
        if np.min(np.abs(src[0] * s - src[1] * a)) < 1e-3:
            continue  # the target does not determine (x, n) here (φσ = ψα)
        xh = target_conversions.x_hat(z, u, a, s, *src)
        nh = target_conversions.n_hat(z, u, a, s, *src)
        np.testing.assert_allclose(xh, x, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(nh, n, rtol=1e-9, atol=1e-9)
        v = target_conversions.target_to_velocity(sch, z, u, t, *src)
        np.testing.assert_allclose(v, da * x + ds * n, rtol=1e-9, atol=1e-8)  # v = dz/dt
        for dst_name, dst in tg.items():
            w = target_conversions.convert_target(z, u, a, s, src, dst)
            np.testing.assert_allclose(w, target_conversions.affine_target(x, n, *dst), rtol=1e-9, atol=1e-8,
                                       err_msg=f"{src_name} -> {dst_name}")
            # the error gain: ŵ − w = κ (û − u)  # kdiff Eq. (22)
            dw = target_conversions.convert_target(z, u + 1.0, a, s, src, dst) - w
            np.testing.assert_allclose(dw, target_conversions.kappa(a, s, *src, *dst), rtol=1e-7, atol=1e-7)


def test_kdiff_closed_forms_equal_the_general_conversions():
    rng = np.random.default_rng(1)
    t = rng.uniform(0.01, 0.99, 500)
    k = rng.uniform(0.05, 0.95, 500)
    z, u = rng.standard_normal((2, 500))
    phi, psi = target_conversions.k_coefficients(k)
    general = target_conversions.target_to_velocity(KDIFF_LINEAR, z, u, t, phi, psi)
    np.testing.assert_allclose(target_conversions.velocity_from_u(z, u, t, k), general, rtol=1e-11, atol=1e-12)
    np.testing.assert_allclose(target_conversions.velocity_from_target(z, u, t, phi, psi), general, rtol=1e-11, atol=1e-12)
    for clamp in (0.05, 0.3):
        np.testing.assert_allclose(target_conversions.velocity_from_target(z, u, t, phi, psi, clamp),
                                   target_conversions.target_to_velocity(KDIFF_LINEAR, z, u, t, phi, psi, clamp), rtol=1e-11)
    a, s = KDIFF_LINEAR.alpha_sigma(t)
    np.testing.assert_allclose(target_conversions.velocity_denominator(t, k), phi * s - psi * a, rtol=1e-14)
    for loss, (xi, eta) in target_conversions.LOSS_COEFFS.items():
        np.testing.assert_allclose(target_conversions.kappa_k(t, k, loss), target_conversions.kappa(a, s, phi, psi, xi, eta), rtol=1e-12)
    assert target_conversions.LOSS_COEFFS["v"] == tuple(float(c) for c in target_conversions.velocity_coefficients(KDIFF_LINEAR, 0.5))
    x, n = rng.standard_normal((2, 500))
    assert np.array_equal(target_conversions.k_target(x, n, k), target_conversions.affine_target(x, n, phi, psi))


def test_erd_named_targets_are_the_general_ones():
    t = T_GRID
    lin = erd_schedule("linear")
    a, s, da, ds = lin(t)
    assert all(np.array_equal(c, d) for c, d in zip(target_conversions.erd_target_coefficients("u", a, s), (da, ds)))  # u = velocity
    for name in ERD_SCHEDULES:
        a, s = erd_schedule(name).alpha_sigma(t)
        assert all(np.array_equal(c, d) for c, d in zip(target_conversions.erd_target_coefficients("v", a, s), (-s, a)))


# ------------------------------------------------------------------ cross-check with facebookresearch/flow_matching
def test_linear_path_matches_flow_matching_condot():
    torch = pytest.importorskip("torch")
    fm_path = pytest.importorskip("flow_matching.path")
    fm_sched = pytest.importorskip("flow_matching.path.scheduler")
    g = torch.Generator().manual_seed(0)
    n = 64
    t = torch.rand(n, generator=g, dtype=torch.float64) * 0.98 + 0.01
    x, eps, pred = (torch.randn(n, 3, generator=g, dtype=torch.float64) for _ in range(3))
    out = fm_sched.CondOTScheduler()(t)
    ours = KDIFF_LINEAR(t)
    for a, b in ((ours.alpha, out.alpha_t), (ours.sigma, out.sigma_t), (ours.d_alpha, out.d_alpha_t),
                 (ours.d_sigma, out.d_sigma_t)):
        assert torch.equal(a, b)
    path = fm_path.AffineProbPath(scheduler=fm_sched.CondOTScheduler())
    s = path.sample(x_0=eps, x_1=x, t=t)
    tc = t[:, None]
    a, sg, da, ds = KDIFF_LINEAR(tc)
    assert torch.allclose(target_conversions.noisy(x, eps, tc), s.x_t, rtol=0, atol=1e-14)
    assert torch.allclose(target_conversions.affine_target(x, eps, da, ds), s.dx_t, rtol=0, atol=1e-14)
    z = s.x_t
    x_t, e_t, v_t = (1.0, 0.0), (0.0, 1.0), (da, ds)
    checks = {  # flow_matching's conversion ↔ ours, with the prediction read as the named target
        "target_to_velocity": (path.target_to_velocity(x_1=pred, x_t=z, t=tc), x_t, v_t),
        "epsilon_to_velocity": (path.epsilon_to_velocity(epsilon=pred, x_t=z, t=tc), e_t, v_t),
        "velocity_to_target": (path.velocity_to_target(velocity=pred, x_t=z, t=tc), v_t, x_t),
        "velocity_to_epsilon": (path.velocity_to_epsilon(velocity=pred, x_t=z, t=tc), v_t, e_t),
        "target_to_epsilon": (path.target_to_epsilon(x_1=pred, x_t=z, t=tc), x_t, e_t),
        "epsilon_to_target": (path.epsilon_to_target(epsilon=pred, x_t=z, t=tc), e_t, x_t),
    }
    for name, (theirs, src, dst) in checks.items():
        mine = target_conversions.convert_target(z, pred, a, sg, src, dst)
        assert torch.allclose(mine, theirs, rtol=1e-10, atol=1e-9), name
    assert torch.allclose(target_conversions.target_to_velocity(KDIFF_LINEAR, z, pred, tc, *x_t),
                          path.target_to_velocity(x_1=pred, x_t=z, t=tc), rtol=1e-10, atol=1e-9)
