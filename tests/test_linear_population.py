"""Population loss, Eq. (8) gradient, W*/Δ* twins and the Eq. (9) mode solution of the linear model."""

import math

import numpy as np
import pytest
import sympy as sp
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.linear_model.subspace_data import sample_data
from difftheory.linear_model.modes import mode_trajectory, split_modes, symbolic_solution
from difftheory.linear_model.population import (
    delta_star_closed,
    grad_eq8,
    kappa_sq,
    mode_moments,
    optimal_closed,
    population_loss_closed,
    population_loss_matrix,
    quadrature_nodes,
)
from difftheory.theory.kdiff_optimum import delta_star, moments, optimal_coefficients
from difftheory.theory.projection import random_projection
from difftheory.theory.time_densities import TimeDensity
from difftheory.theory.target_conversions import kappa_k, velocity_from_target

SAMPLERS = [TimeDensity(), TimeDensity("logit-normal", 0.0, 1.0), TimeDensity("logit-normal", -0.8, 0.8)]
FAST = settings(max_examples=15, deadline=None)


def _moments_k(k, sampler, loss, clamp, nodes=256):
    t, w = quadrature_nodes([sampler], nodes)
    phi = torch.full_like(t, k)
    psi = phi - 1
    return mode_moments(t, w, phi, psi, kappa_sq(t, phi, psi, loss, clamp))


@FAST
@given(t=st.floats(0.01, 0.99), k=st.floats(0.0, 1.0), clamp=st.sampled_from([None, 0.05, 0.3]))
def test_kappa_sq_matches_kappa_k_and_conversion_derivative(t, k, clamp):
    tt = torch.tensor([[t]], dtype=torch.float64)
    phi = torch.tensor([[k]], dtype=torch.float64)
    psi = phi - 1
    a = kappa_sq(tt, phi, psi, "v", clamp)
    b = kappa_sq(tt, phi, psi, "v", clamp, k_family=False)  # read off the velocity conversion
    ref = kappa_k(np.array(t), k, "v", clamp) ** 2
    assert float(a) == pytest.approx(ref, rel=1e-12)
    assert float(b) == pytest.approx(ref, rel=1e-12)
    # the conversion is linear in û: v̂(û + δ) − v̂(û) = κ δ
    z, u = torch.randn(1, 1, dtype=torch.float64), torch.randn(1, 1, dtype=torch.float64)
    dv = velocity_from_target(z, u + 0.1, tt, phi, psi, clamp) - velocity_from_target(z, u, tt, phi, psi, clamp)
    assert float(dv / 0.1) ** 2 == pytest.approx(ref, rel=1e-9)


@FAST
@given(D=st.integers(1, 12), data=st.data(), k=st.floats(0.0, 1.0), sampler=st.sampled_from(SAMPLERS),
       loss=st.sampled_from(["u", "v"]))
def test_constant_k_reduces_to_theory_delta_star_and_W_star(D, data, k, sampler, loss):
    d = data.draw(st.integers(1, D))
    clamp = 0.05 if loss == "v" else None
    m = _moments_k(k, sampler, loss, clamp, nodes=512)
    ours = float(delta_star_closed(m, D, d)[0])
    ref = float(delta_star(k, D, d, sampler, loss, clamp))
    assert ours == pytest.approx(ref, rel=2e-4, abs=1e-9)
    cp, cq = (float(c[0]) for c in optimal_closed(m))
    rp, rq = optimal_coefficients(moments(k, sampler, loss, clamp), k)
    assert cp == pytest.approx(rp, rel=2e-4, abs=1e-9)
    assert cq == pytest.approx(rq, rel=2e-4, abs=1e-9)


@FAST
@given(D=st.integers(2, 10), data=st.data(), seed=st.integers(0, 10**6), k=st.floats(0.05, 0.95),
       sampler=st.sampled_from(SAMPLERS))
def test_closed_and_matrix_loss_agree_and_grad_is_eq8(D, data, seed, k, sampler):
    d = data.draw(st.integers(1, D))
    g = torch.Generator().manual_seed(seed)
    P = random_projection(D, d, g)
    proj = (P @ P.T)[None]
    m = _moments_k(k, sampler, "v", 0.05)
    c = torch.randn(2, generator=g, dtype=torch.float64)
    W = c[0] * proj + c[1] * (torch.eye(D, dtype=torch.float64) - proj)
    assert float(population_loss_matrix(W, proj, m, d)) == pytest.approx(
        float(population_loss_closed(c[0], c[1], m, D, d)), rel=1e-10)
    W = torch.randn(1, D, D, generator=g, dtype=torch.float64).requires_grad_()
    (grad,) = torch.autograd.grad(population_loss_matrix(W, proj, m, d).sum(), W)
    assert torch.allclose(grad, grad_eq8(W.detach(), proj, m), atol=1e-10)


def test_population_loss_matches_monte_carlo():
    """Eq. (4) with Eq. (32) against a brute-force average of ½ κ² ‖Wz − u‖² over (x, n, t)."""
    g = torch.Generator().manual_seed(3)
    D, d, k, sampler = 3, 2, 0.7, TimeDensity("logit-normal", 0.0, 1.0)
    P = random_projection(D, d, g)
    W = torch.randn(D, D, generator=g, dtype=torch.float64)
    m = _moments_k(k, sampler, "v", 0.05)
    exact = float(population_loss_matrix(W[None], (P @ P.T)[None], m, d))
    n_mc = 400_000
    x = sample_data(n_mc, P, "uniform", g)
    n = torch.randn(n_mc, D, generator=g, dtype=torch.float64)
    t = sampler.sample_torch(n_mc, generator=g, dtype=torch.float64)[:, None]
    z, u = t * x + (1 - t) * n, k * x - (1 - k) * n
    vals = 0.5 * kappa_k(t, k, "v", 0.05) ** 2 * ((z @ W.T - u) ** 2).sum(1, keepdim=True)
    se = float(vals.std()) / math.sqrt(n_mc)
    assert abs(float(vals.mean()) - exact) < 4 * se


def test_symbolic_mode_solution_matches_numeric_decay():
    expr, (tt, tau, A, B, c0) = symbolic_solution()
    vals = {tt: 2.5, tau: 1.0, A: 0.7, B: 0.3, c0: -1.2}
    numeric = 0.3 / 0.7 + (-1.2 - 0.3 / 0.7) * math.exp(-0.7 * 2.5)
    assert float(expr.subs(vals)) == pytest.approx(numeric, rel=1e-12)
    assert sp.simplify(tau * sp.diff(expr, tt) + A * expr - B) == 0


@FAST
@given(D=st.integers(2, 8), data=st.data(), seed=st.integers(0, 1000))
def test_mode_trajectory_starts_at_W0_and_ends_at_W_star(D, data, seed):
    d = data.draw(st.integers(1, D))
    g = torch.Generator().manual_seed(seed)
    P = random_projection(D, d, g)
    proj = (P @ P.T)[None]
    m = _moments_k(0.6, TimeDensity(), "u", None)
    W0 = torch.randn(1, D, D, generator=g, dtype=torch.float64)
    par, perp = mode_trajectory(W0, proj, m, [0.0, 500.0])
    a0, b0 = split_modes(W0, proj)
    assert torch.allclose(par[0], a0) and torch.allclose(perp[0], b0)
    cp, cq = optimal_closed(m)
    W_star = cp * proj + cq * (torch.eye(D, dtype=torch.float64) - proj)
    assert torch.allclose(par[1] + perp[1], W_star, atol=1e-9)


def test_bad_inputs_are_rejected():
    t = torch.rand(1, 4, dtype=torch.float64)
    with pytest.raises(ValueError, match="loss"):
        kappa_sq(t, t, t - 1, "w")
    with pytest.raises(ValueError, match="nodes"):
        quadrature_nodes([TimeDensity()], 2)
    with pytest.raises(ValueError, match="d must be"):
        random_projection(3, 4)


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_composite_quadrature_integrates_the_sampler(sampler):
    """nodes > 512: composite Gauss–Legendre in logit t (no n×n eigenproblem); moments to theory's adaptive integral."""
    t, w = quadrature_nodes([sampler], 2048)
    assert t.shape == (1, 2048) and float(w.sum()) == pytest.approx(1.0, abs=1e-13)
    for f in (lambda x: x, lambda x: (1 - x) ** 2, lambda x: 1 / (0.05 + x) ** 2):
        assert float((w * f(t)).sum()) == pytest.approx(float(sampler.expect(f)), rel=1e-9)
