"""Integrators and bounds of toy/erd_kernel_dynamics.py on small random PSD kernels: exact solutions vs RK4, the
erd Eq. (46) identity, the Eq. (60) comparison bound in the cases where it is exact, modal solutions and bounds,
SGD → surrogate as η → 0, the conditional MSE, |dt/dλ|, the representation-gradient split, and bad input."""

import numpy as np
import pytest
import scipy.linalg
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.theory.target_conversions import ERD_TARGETS
from difftheory.theory.gmm import erd_gmm
from difftheory.theory.schedules import ERD_SCHEDULES as SCHEDULES, erd_schedule
from difftheory.theory.target_conversions import erd_target_coefficients
from difftheory.toy import erd_kernel_dynamics
from difftheory.toy.erd_model import init_mlp


def _problem(seed, N=14, O=2, n_eval=4, n_levels=2, rank=40):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N * O, rank))
    K4 = (X @ X.T / rank).reshape(N, O, N, O)
    n_rows = n_eval * n_levels
    path = np.arange(n_rows, N)
    levels = erd_kernel_dynamics.Levels(start=tuple(L * n_eval for L in range(n_levels)), n=n_eval,
                       m=tuple(rng.uniform(0.5, 1.5, n_levels)))
    return {"K4": K4, "path": path, "r0": rng.standard_normal((N, O)), "xi": rng.standard_normal((len(path), O)),
            "m": rng.uniform(0.3, 2.0, len(path)), "levels": levels, "eta": 0.2}


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), m=st.floats(0.1, 3.0), s=st.floats(0.0, 2.0))
def test_flow_gain_and_propagator_match_expm(seed, m, s):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((3, 3))
    theta = A @ A.T
    G = erd_kernel_dynamics.flow_gain(theta, m, [s])[0]
    E = scipy.linalg.expm(-m * s * theta)
    assert np.allclose(theta @ G, np.eye(3) - E, atol=1e-10)
    assert np.allclose(erd_kernel_dynamics.propagator(theta, m, [s])[0], E, atol=1e-12)
    # G(s) = m ∫₀ˢ exp(−m u Θ) du by quadrature
    u, w = np.polynomial.legendre.leggauss(30)
    quad = sum(wi * scipy.linalg.expm(-m * (s * (ui + 1) / 2) * theta) for ui, wi in zip(u, w)) * m * s / 2
    assert np.allclose(G, quad, atol=1e-10)
    assert np.allclose(erd_kernel_dynamics.flow_gains(theta[None], np.array([m]), [s])[0, 0], G, atol=1e-14)


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_sample_path_exact_matches_fine_rk4(seed):
    p = _problem(seed)
    K = len(p["path"])
    R = erd_kernel_dynamics.sample_path_exact(p["K4"], p["path"], p["r0"], p["xi"], p["m"], p["eta"], K)
    R2 = erd_kernel_dynamics.sample_path_rk4(p["K4"], p["path"], p["r0"], p["xi"], p["m"], p["eta"], K, substeps=32)
    assert np.abs(R - R2).max() / np.abs(R).max() < 1e-8


def test_sample_point_residual_decays_by_the_matrix_exponential():
    p = _problem(3)
    R = erd_kernel_dynamics.sample_path_exact(p["K4"], p["path"], p["r0"], p["xi"], p["m"], p["eta"], 1)
    q = p["path"][0]
    e0 = p["r0"][q] + p["xi"][0]
    E = scipy.linalg.expm(-p["m"][0] * p["eta"] * p["K4"][q, :, q, :])
    assert np.allclose(R[1, q] + p["xi"][0], E @ e0, atol=1e-12)


def test_excess_identity_holds_and_misreading_fails():
    p = _problem(5)
    K = len(p["path"])
    R = erd_kernel_dynamics.sample_path_exact(p["K4"], p["path"], p["r0"], p["xi"], p["m"], p["eta"], K)
    B = erd_kernel_dynamics.PathBlocks.of(p["K4"], p["path"], p["levels"].rows())
    ex = erd_kernel_dynamics.excess_along_path(B, p["path"], R, p["xi"], p["m"], p["eta"], p["levels"])
    mL = np.asarray(p["levels"].m)
    ic = erd_kernel_dynamics.identity_check(ex, ratio_m=mL[None] / p["m"][:, None])
    assert ic["rel_err"].max() < 1e-10
    assert ic["rel_err_M_lambda_inside"].max() > 1e-3  # M(λ) for M(λ_τ) is wrong when M varies


def test_comparison_bound_is_exact_without_forcing():
    """ξ = 0: dℓ̃/dτ = −μℓ̃ exactly, so Eq. (60)'s bound is e^{βT} ℓ̃(T): checks the RK4 integration of the bound."""
    p = _problem(7)
    K = len(p["path"])
    xi = np.zeros_like(p["xi"])
    R = erd_kernel_dynamics.sample_path_exact(p["K4"], p["path"], p["r0"], xi, p["m"], p["eta"], K)
    B = erd_kernel_dynamics.PathBlocks.of(p["K4"], p["path"], p["levels"].rows())
    ex = erd_kernel_dynamics.excess_along_path(B, p["path"], R, xi, p["m"], p["eta"], p["levels"])
    betas = np.array([0.1, 1.0])
    mu = ex["C"] / ex["lt"]
    f2 = np.stack([ex["F2"], ex["F2_main"]], -1)
    U, Uh, _ = erd_kernel_dynamics.comparison_bound(B, p["path"], R, xi, p["m"], p["eta"], p["levels"], betas, f2,
                                   np.abs(mu).max(axis=(1, 2)) + betas.max())
    T = p["eta"] * np.arange(K + 1)
    expected = ex["lt_ends"][:, :, None, None] * np.exp(betas * T[:, None, None, None])
    assert np.abs(U / expected - 1).max() < 1e-6
    assert np.abs(U / Uh - 1).max() < 1e-4


def test_comparison_bound_dominates_the_excess_with_forcing():
    p = _problem(11)
    K = len(p["path"])
    R = erd_kernel_dynamics.sample_path_exact(p["K4"], p["path"], p["r0"], p["xi"], p["m"], p["eta"], K)
    B = erd_kernel_dynamics.PathBlocks.of(p["K4"], p["path"], p["levels"].rows())
    ex = erd_kernel_dynamics.excess_along_path(B, p["path"], R, p["xi"], p["m"], p["eta"], p["levels"])
    betas = np.array([0.01, 0.1, 1.0, 10.0])
    mu = ex["C"] / ex["lt"]
    f2 = np.stack([ex["F2"], ex["F2_main"]], -1)
    U, _, _ = erd_kernel_dynamics.comparison_bound(B, p["path"], R, p["xi"], p["m"], p["eta"], p["levels"], betas, f2,
                                  np.abs(mu).max(axis=(1, 2)) + betas.max())
    assert np.all(ex["lt_ends"][1:, :, None] <= U[1:, :, 0, :] * (1 + 1e-7))


def test_modal_exact_matches_rk4_and_bound_is_exact_without_forcing():
    rng = np.random.default_rng(2)
    kap = np.sort(rng.uniform(0, 3, 6))[::-1]
    a0 = rng.standard_normal(6)
    forcing = rng.standard_normal((20, 6))
    A = erd_kernel_dynamics.modal_exact(kap, a0, forcing, 1.3, 0.1)
    assert np.abs(A - erd_kernel_dynamics.modal_rk4(kap, a0, forcing, 1.3, 0.1, substeps=16)).max() < 1e-9
    g = np.array([0.5, 2.0])
    Bm = erd_kernel_dynamics.modal_bound(kap, a0, forcing, 1.3, 0.1, g)
    assert np.all(A[:, None, :] ** 2 <= Bm * (1 + 1e-12))
    A0 = erd_kernel_dynamics.modal_exact(kap, a0, np.zeros_like(forcing), 1.3, 0.1)
    B0 = erd_kernel_dynamics.modal_bound(kap, a0, np.zeros_like(forcing), 1.3, 0.1, g)
    T = 0.1 * np.arange(21)
    assert np.allclose(A0[:, None, :] ** 2 / B0, np.exp(-g[None, :, None] * T[:, None, None]), rtol=1e-12)


def test_constant_rate_bound_equals_remark35_for_constant_forcing():
    b61 = erd_kernel_dynamics.constant_rate_bound(0.7, 1.2, 3.0, 1.0, np.full(50, 0.4), 0.05)
    b7 = erd_kernel_dynamics.remark35_bound(0.7, 1.2, 3.0, 1.0, 0.4, 0.05 * np.arange(51))
    assert np.allclose(b61, b7, rtol=1e-12)


def test_sgd_approaches_the_surrogate_at_first_order():
    p = _problem(13)
    gaps = []
    for h in range(7):
        e = p["eta"] / 2**h
        sur = erd_kernel_dynamics.sample_path_exact(p["K4"], p["path"], p["r0"], p["xi"], p["m"], e, 5)[-1]
        sgd = erd_kernel_dynamics.sgd_linearized(p["K4"], p["path"], p["r0"], p["xi"], p["m"], e, 5)[-1]
        gaps.append(np.linalg.norm(sgd - sur) / np.linalg.norm(sur - p["r0"]))
    assert 0.9 < np.log(gaps[-2] / gaps[-1]) / np.log(2) < 1.1


def test_fixed_noise_modes_are_orthonormal_in_the_empirical_measure():
    p = _problem(17)
    rows = np.arange(4)
    kap, V = erd_kernel_dynamics.fixed_noise_modes(p["K4"], rows)
    assert np.all(np.diff(kap) <= 1e-12) and kap.min() >= 0
    phi = np.sqrt(4) * V  # φ_j = √n U_j: (1/n) Σ_i φ_j·φ_l = δ
    assert np.allclose(phi.T @ phi / 4, np.eye(len(kap)), atol=1e-12)
    r = p["r0"][rows]
    a = erd_kernel_dynamics.modal_coefficients(V, r)
    assert np.isclose((a**2).sum(), (r**2).sum(1).mean())  # Parseval: ‖r‖²_{L²(q̂)} = Σ a_j²


@pytest.mark.parametrize("target", ERD_TARGETS)
def test_conditional_mse_matches_bias_plus_posterior_variance_and_monte_carlo(target):
    rng = np.random.default_rng(4)
    g = erd_gmm()
    t = 0.4
    a, s = erd_schedule("linear").alpha_sigma(t)
    cx, ce = erd_target_coefficients(target, a, s)
    z = g.sample(6, rng) * a + s * rng.standard_normal((6, 2))
    f = rng.standard_normal((6, 2))
    direct = erd_kernel_dynamics.conditional_mse(f, target, "linear", np.full(6, t), z)
    m, v = g.posterior_target(z, a, s, cx, ce)
    assert np.allclose(direct, ((f - m) ** 2).sum(1) + v.sum(1), rtol=1e-10)
    # Monte-Carlo over the exact posterior of x0 | z (first point)
    pi, mean, var, _ = erd_kernel_dynamics.posterior_components(target, "linear", np.array([t]), z[:1])
    j = rng.choice(len(pi[0]), 200_000, p=pi[0])
    x0 = mean[0, j] + np.sqrt(var[0, j])[:, None] * rng.standard_normal((200_000, 2))
    y = cx * x0 + ce * (z[0] - a * x0) / s
    err = ((f[0] - y) ** 2).sum(1)
    assert abs(err.mean() - direct[0]) < 5 * err.std() / np.sqrt(len(err))


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_dt_dlambda_matches_finite_differences(schedule):
    t = np.linspace(0.05, 0.95, 7)
    h = 1e-6
    dlam = (erd_schedule(schedule).log_snr(t + h) - erd_schedule(schedule).log_snr(t - h)) / (2 * h)
    assert np.allclose(erd_kernel_dynamics.dt_dlambda(schedule, t), 1 / np.abs(dlam), rtol=1e-6)


def test_representation_gradient_split_bound_and_twins():
    g = torch.Generator().manual_seed(0)
    params = [(W.double(), b.double()) for W, b in init_mlp(12, 3, generator=g)]
    rng = np.random.default_rng(0)
    z, t = rng.standard_normal((5, 2)), rng.uniform(0.1, 0.9, 5)
    y, fs = rng.standard_normal((5, 2)), rng.standard_normal((5, 2)) * 0.1
    out = erd_kernel_dynamics.representation_gradients(params, z, t, y, fs, M=0.7, twin_samples=5)
    assert out["split_rel_err"].max() < 1e-12
    assert np.all(out["norm"] <= out["bound"] * (1 + 1e-12))
    assert out["jacobian_twin_rel_err"] < 1e-12
    assert out["quad_form_rel_err"].max() < 1e-10
    term, rho = out["g_xi"] / out["g_r"], out["xi"] / out["r"]
    assert np.all(term >= rho / out["sqrt_cond"] * (1 - 1e-9)) and np.all(term <= rho * out["sqrt_cond"] * (1 + 1e-9))


def test_bad_input_is_rejected_with_the_argument_named():
    p = _problem(1)
    K = len(p["path"])
    with pytest.raises(ValueError, match="n_steps"):
        erd_kernel_dynamics.sample_path_exact(p["K4"], p["path"], p["r0"], p["xi"], p["m"], p["eta"], K + 1)
    with pytest.raises(ValueError, match="eta"):
        erd_kernel_dynamics.sample_path_exact(p["K4"], p["path"], p["r0"], p["xi"], p["m"], 0.0, K)
    with pytest.raises(ValueError, match="r0"):
        erd_kernel_dynamics.sgd_linearized(p["K4"], p["path"], p["r0"][:3], p["xi"], p["m"], 0.1, K)
    with pytest.raises(ValueError, match="m_path"):
        erd_kernel_dynamics.sample_path_rk4(p["K4"], p["path"], p["r0"], p["xi"], -p["m"], 0.1, K)
    with pytest.raises(ValueError, match="allocation"):
        erd_kernel_dynamics.allocation("min-snr", "eps", "linear", np.array([0.5]))
    with pytest.raises(ValueError, match="schedule"):
        erd_kernel_dynamics.dt_dlambda("cosine", np.array([0.5]))
    with pytest.raises(ValueError, match="open interval"):
        erd_kernel_dynamics.dt_dlambda("linear", np.array([0.0, 0.5]))
    with pytest.raises(ValueError, match="scale"):
        erd_kernel_dynamics.get_dynamics_scale("medium")
