"""Prediction targets and conversions of kdiff (numeric twins; NumPy arrays and torch tensors alike).

Convention (kdiff §3, mse): z = α x + σ n, u = φ x + ψ n; flow matching α = t, σ = 1 − t, so t = 0 is
noise and t = 1 is data. The k-target is φ = k, ψ = −(1 − k)."""

from __future__ import annotations

import numpy as np

LOSSES = ("u", "v", "x", "eps")
DEFAULT_CLAMP = 0.05  # kdiff §4 / Table 4: minimum of the velocity denominator


def _max(a, c):
    """max(a, c) elementwise for NumPy or torch."""
    if hasattr(a, "clamp_min"):
        return a.clamp_min(c)
    return np.maximum(a, c)


def fm_schedule(t):
    """Flow-matching schedule (kdiff §3.3): α = t, σ = 1 − t."""
    return t, 1 - t


def k_target(x, n, k):
    """u = k x − (1 − k) n  # kdiff Eq. (13)"""
    return k * x - (1 - k) * n


def noisy(x, n, t):
    """z = t x + (1 − t) n  # kdiff Eq. (1a) with α = t, σ = 1 − t"""
    return t * x + (1 - t) * n


def velocity_denominator(t, k, clamp=None):
    """k(1 − t) + (1 − k) t, clamped below at ``clamp`` when given  # kdiff Alg. 1, §4"""
    den = k * (1 - t) + (1 - k) * t
    return den if clamp is None else _max(den, clamp)


def velocity_from_u(z, u, t, k, clamp=None):
    """v = ((1 − 2k) z + u) / (k(1 − t) + (1 − k) t)  # kdiff Alg. 1"""
    return ((1 - 2 * k) * z + u) / velocity_denominator(t, k, clamp)


def velocity_from_target(z, u, t, phi, psi, clamp=None):
    """v = x̂ − n̂ = (−(φ + ψ) z + û) / (φ(1 − t) − ψ t) for any target u = φx + ψn on α = t, σ = 1 − t.

    Follows from kdiff Eq. (18) with v = x − n; φ = k, ψ = −(1 − k) gives Alg. 1 (also for the
    two-parameter target k0 x − k1 n of App. E and a time-dependent k(t))."""
    den = phi * (1 - t) - psi * t
    if clamp is not None:
        den = _max(den, clamp)
    return (-(phi + psi) * z + u) / den


def x_hat(z, u_hat, alpha, sigma, phi, psi):
    """x̂ = (−ψ z + σ û) / (φσ − ψα)  # kdiff Eq. (18a)"""
    return (-psi * z + sigma * u_hat) / (phi * sigma - psi * alpha)


def n_hat(z, u_hat, alpha, sigma, phi, psi):
    """n̂ = (φ z − α û) / (φσ − ψα)  # kdiff Eq. (18b)"""
    return (phi * z - alpha * u_hat) / (phi * sigma - psi * alpha)


def kappa(alpha, sigma, phi, psi, xi, eta):
    """κ = (ξσ − ηα) / (φσ − ψα) for the loss on w = ξx + ηn  # kdiff Eq. (22)"""
    return (xi * sigma - eta * alpha) / (phi * sigma - psi * alpha)


# w = ξ x + η n for the losses practitioners train with (kdiff Eqs. 23–26); "u" means w = u (κ = 1)
LOSS_COEFFS = {"x": (1.0, 0.0), "eps": (0.0, 1.0), "v": (1.0, -1.0)}


def kappa_k(t, k, loss: str, clamp=None):
    """κ(t; k) of the k-target under the flow-matching schedule, for loss u, v, x or eps.

    The denominator φσ − ψα = k(1 − t) + (1 − k) t is the velocity denominator of Alg. 1; with
    ``clamp`` it is clamped below as in kdiff §4 (Table 4: 0.05)."""
    if loss == "u":
        return 1.0 + 0.0 * t
    if loss not in LOSS_COEFFS:
        raise ValueError(f"loss must be one of {', '.join(LOSSES)}; got {loss!r}")
    xi, eta = LOSS_COEFFS[loss]
    return (xi * (1 - t) - eta * t) / velocity_denominator(t, k, clamp)
