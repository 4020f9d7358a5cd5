"""Prediction targets and the conversions between them, written once for any schedule (NumPy arrays and torch
tensors alike; the affine forms also take SymPy expressions).

Every target is affine in the data x and the noise n: u = φ x + ψ n (kdiff Eq. 1b; erd Eq. 111 writes
y = c_x x0 + c_ε ε). Named ones: x (1, 0), ε (0, 1), the velocity dz/dt (dα_t, dσ_t) of the schedule
(``velocity_coefficients``), kdiff's k-target (k, −(1 − k)) (Eq. 13, ``k_coefficients``) and erd's target
spaces (``erd_target_coefficients``). Given z = α x + σ n (``noisy``) and a prediction û of u, x̂ and n̂
follow (kdiff Eq. 18, ``x_hat``/``n_hat``), hence any other target ŵ = ξ x̂ + η n̂ (``convert_target``,
``target_to_velocity``) and the error gain κ = ∂ŵ/∂û (Eq. 22, ``kappa``). Schedules: ``theory.schedules``.

kdiff's path α = t, σ = 1 − t (t = 0 noise, t = 1 data; ``schedules.KDIFF_LINEAR``) keeps the closed forms
its paper prints (``velocity_denominator``, ``velocity_from_u``, ``velocity_from_target``, ``kappa_k``: Alg. 1
and §4's clamp); they equal the general conversions on that path (checked in tests/test_schedules.py)."""

from __future__ import annotations

import numpy as np

from difftheory.theory.schedules import KDIFF_LINEAR
from difftheory.validate import check_choice

LOSSES = ("u", "v", "x", "eps")
DEFAULT_CLAMP = 0.05  # kdiff §4 / Table 4: minimum of the velocity denominator
ERD_TARGETS = ("eps", "x0", "v", "u")  # erd Eq. (111), App. F.1


def _max(a, c):
    """max(a, c) elementwise for NumPy or torch."""
    if hasattr(a, "clamp_min"):
        return a.clamp_min(c)
    return np.maximum(a, c)


# ------------------------------------------------------------------ targets as affine coefficients (φ, ψ)
def affine_target(x, n, phi, psi):
    """u = φ x + ψ n  # kdiff Eq. (1b), erd Eq. (111)"""
    return phi * x + psi * n


def k_coefficients(k):
    """(φ, ψ) = (k, −(1 − k)) of kdiff's k-target  # kdiff Eq. (13)"""
    return k, -(1 - k)


def k_target(x, n, k):
    """u = k x − (1 − k) n, the affine target with ``k_coefficients(k)``  # kdiff Eq. (13)"""
    return k * x - (1 - k) * n


def velocity_coefficients(schedule, t):
    """(φ, ψ) = (dα_t, dσ_t) of the velocity v = dz_t/dt of ``schedule``  # kdiff §3.3, mse §2 Vel"""
    return schedule.derivatives(t)


def erd_target_coefficients(target: str, alpha, sigma):
    """(c_x, c_ε) of y = c_x x0 + c_ε ε  # erd Eq. (111), App. F.1 (works for SymPy and NumPy alike)

    x0 (1, 0), ε (0, 1), u = ε − x0 (−1, 1): the velocity of erd's Linear path (t = 0 data), v = α ε − σ x0
    (−σ, α): the v-prediction."""
    check_choice("target", target, ERD_TARGETS)
    one = 1 + 0 * alpha
    return {
        "x0": (one, 0 * one),
        "eps": (0 * one, one),
        "u": (-one, one),  # u = ε − x0 (flow matching)
        "v": (-sigma * one, alpha * one),  # v = α ε − σ x0
    }[target]


# ------------------------------------------------------------------ conversions on any schedule
def noisy(x, n, t, schedule=KDIFF_LINEAR):
    """z = α_t x + σ_t n  # kdiff Eq. (1a); on kdiff's path z = t x + (1 − t) n"""
    alpha, sigma = schedule.alpha_sigma(t)
    return alpha * x + sigma * n


def x_hat(z, u_hat, alpha, sigma, phi, psi):
    """x̂ = (−ψ z + σ û) / (φσ − ψα)  # kdiff Eq. (18a)"""
    return (-psi * z + sigma * u_hat) / (phi * sigma - psi * alpha)


def n_hat(z, u_hat, alpha, sigma, phi, psi):
    """n̂ = (φ z − α û) / (φσ − ψα)  # kdiff Eq. (18b)"""
    return (phi * z - alpha * u_hat) / (phi * sigma - psi * alpha)


def kappa(alpha, sigma, phi, psi, xi, eta):
    """κ = (ξσ − ηα) / (φσ − ψα) for the loss on w = ξx + ηn  # kdiff Eq. (22)"""
    return (xi * sigma - eta * alpha) / (phi * sigma - psi * alpha)


def convert_target(z, u_hat, alpha, sigma, src, dst):
    """ŵ = ξ x̂ + η n̂ for the target w with coefficients ``dst`` = (ξ, η), from the prediction û of the target
    with coefficients ``src`` = (φ, ψ), at z = α x + σ n  # kdiff Eqs. (18), (21)"""
    phi, psi = src
    xi, eta = dst
    return xi * x_hat(z, u_hat, alpha, sigma, phi, psi) + eta * n_hat(z, u_hat, alpha, sigma, phi, psi)


def target_to_velocity(schedule, z, u_hat, t, phi, psi, clamp=None):
    """v̂ = dα x̂ + dσ n̂ = ((φ dσ − ψ dα) z + (σ dα − α dσ) û) / (φσ − ψα) for the target u = φx + ψn on any
    ``schedule``; with ``clamp`` the denominator is clamped below as in kdiff §4  # kdiff Eq. (18), Alg. 1"""
    alpha, sigma, d_alpha, d_sigma = schedule(t)
    den = phi * sigma - psi * alpha
    if clamp is not None:
        den = _max(den, clamp)
    return ((phi * d_sigma - psi * d_alpha) * z + (sigma * d_alpha - alpha * d_sigma) * u_hat) / den


# ------------------------------------------------------------------ kdiff's closed forms on α = t, σ = 1 − t
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
    two-parameter target k0 x − k1 n of App. E and a time-dependent k(t)). Equals
    ``target_to_velocity(KDIFF_LINEAR, ...)``, written as the paper simplifies it."""
    den = phi * (1 - t) - psi * t
    if clamp is not None:
        den = _max(den, clamp)
    return (-(phi + psi) * z + u) / den


# w = ξ x + η n for the losses practitioners train with (kdiff Eqs. 23–26); "u" means w = u (κ = 1)
# (v = x − n is ``velocity_coefficients(KDIFF_LINEAR, t)``)
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
