"""Analytic solution of the mode dynamics of kdiff Eq. (9) (gradient flow of the linear denoiser).

τ dW_∥/dt̃ = −(A_∥ W_∥ − B_∥ PPᵀ),  τ dW_⊥/dt̃ = −(A_⊥ W_⊥ − B_⊥ (I − PPᵀ))          # kdiff Eq. (9a, 9b)

with A_∥ = ∫D̃α(α² + σ²), B_∥ = ∫D̃α(φα + ψσ), A_⊥ = ∫D̃α σ², B_⊥ = ∫D̃α ψσ (``population.ModeMoments``).
Each is a linear matrix ODE with a scalar rate, so

    W_∥(t̃) = W_∥* + (W_∥(0) − W_∥*) e^{−A_∥ t̃/τ},   W_⊥(t̃) = W_⊥* + (W_⊥(0) − W_⊥*) e^{−A_⊥ t̃/τ}.

Gradient descent with step η is Euler's method on this flow (t̃/τ = η·steps); its exact iterates replace
e^{−A η n} by (1 − A η)^n (``discrete=True``). ``symbolic_solution`` derives the flow's solution with SymPy.
"""

from __future__ import annotations

import torch

from difftheory.linear_model.population import ModeMoments, optimal_closed


def split_modes(W, proj):
    """(W_∥, W_⊥) = (W PPᵀ, W (I − PPᵀ))  # kdiff Eq. (10)"""
    par = W @ proj
    return par, W - par


def mode_rates(m: ModeMoments):
    """(A_∥, A_⊥) = (∫D̃α(α² + σ²), ∫D̃α σ²): the relaxation rates of the two modes  # kdiff Eq. (9)"""
    return m.par[0], m.perp[0]


def decay(rate, time, discrete: bool = False, lr: float | None = None):
    """e^{−rate·time} for the flow; (1 − rate·lr)^(time/lr) for gradient descent with step ``lr``."""
    if discrete:
        return (1 - rate * lr) ** torch.round(torch.as_tensor(time, dtype=rate.dtype) / lr)
    return torch.exp(-rate * time)


def mode_trajectory(W0, proj, m: ModeMoments, times, discrete: bool = False, lr: float | None = None):
    """Analytic (W_∥(t̃), W_⊥(t̃)) for W0 (B, D, D) at training times ``times`` (T,) → two (T, B, D, D)
    tensors  # solution of kdiff Eq. (9a, 9b)"""
    c_par, c_perp = optimal_closed(m)
    eye = torch.eye(W0.shape[-1], dtype=W0.dtype)
    star_par = c_par.reshape(-1, 1, 1) * proj  # W_∥* = (B_∥/A_∥) PPᵀ  # kdiff Eq. (11b)
    star_perp = c_perp.reshape(-1, 1, 1) * (eye - proj)  # W_⊥* = (B_⊥/A_⊥)(I − PPᵀ)
    p0, q0 = split_modes(W0, proj)
    r_par, r_perp = mode_rates(m)
    times = torch.as_tensor(times, dtype=W0.dtype).reshape(-1, 1, 1, 1)
    f_par = decay(r_par.reshape(1, -1, 1, 1), times, discrete, lr)
    f_perp = decay(r_perp.reshape(1, -1, 1, 1), times, discrete, lr)
    return star_par + (p0 - star_par) * f_par, star_perp + (q0 - star_perp) * f_perp


def symbolic_solution():
    """SymPy: solve τ c'(t̃) = −(A c − B), c(0) = c0 (one matrix entry of either mode of Eq. 9);
    returns (expression, symbols) with the solution c(t̃)."""
    import sympy as sp

    tt, tau, A, B, c0 = sp.symbols("ttilde tau A B c0", positive=True)
    c = sp.Function("c")
    sol = sp.dsolve(sp.Eq(tau * c(tt).diff(tt), -(A * c(tt) - B)), c(tt), ics={c(0): c0})
    return sp.simplify(sol.rhs), (tt, tau, A, B, c0)
