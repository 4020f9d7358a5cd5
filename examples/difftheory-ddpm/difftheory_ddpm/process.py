"""DDPM's forward process in closed form (the numeric twins the claims check against a SymPy derivation)."""

from __future__ import annotations

import numpy as np

T = 1000  # ddpm §4: T = 1000 steps
BETA_1, BETA_T = 1e-4, 0.02  # ddpm §4: a linear schedule from β_1 = 1e-4 to β_T = 0.02


def linear_betas(T: int = T, beta_1: float = BETA_1, beta_T: float = BETA_T) -> np.ndarray:
    """β_1 … β_T, linear (ddpm §4)."""
    if not (isinstance(T, int) and T >= 2):
        raise ValueError(f"T must be an integer >= 2, got {T!r}")
    if not 0 < beta_1 < beta_T < 1:
        raise ValueError(f"need 0 < beta_1 < beta_T < 1, got beta_1={beta_1!r}, beta_T={beta_T!r}")
    return np.linspace(beta_1, beta_T, T)


def alpha_bar(betas) -> np.ndarray:
    """ᾱ_t = ∏_{s ≤ t} (1 − β_s)  # ddpm Eq. (4); in log space so that T = 1000 loses nothing."""
    return np.exp(np.cumsum(np.log1p(-np.asarray(betas, float))))


def prior_kl_bits(abar_T: float, second_moment: float) -> float:
    """L_T = D_KL(q(x_T | x_0) ‖ N(0, I)) per dimension in bits, averaged over data with E[x_0²] = ``second_moment``
    (ddpm Eq. (5)'s L_T; q(x_T | x_0) = N(√ᾱ_T x_0, (1 − ᾱ_T) I))."""
    a = float(abar_T)
    nats = 0.5 * (a * second_moment - a - np.log1p(-a))
    return nats / np.log(2)


def elbo_weight(betas, sigma2=None) -> np.ndarray:
    """The weight of ‖ε − ε_θ‖² in the ELBO's L_{t−1}: β_t² / (2σ_t² α_t (1 − ᾱ_t))  # ddpm Eq. (12); σ_t² = β_t
    (the paper's choice, §3.2) unless given."""
    b = np.asarray(betas, float)
    s2 = b if sigma2 is None else np.asarray(sigma2, float)
    return b**2 / (2 * s2 * (1 - b) * (1 - alpha_bar(b)))
