"""The three noise schedules of erd App. F.1, in App. F's time convention: t = 0 is data, t = 1 is noise
(z_t = α_t x0 + σ_t ε). The opposite of kdiff/mse (t = 0 noise); nothing here converts.

Linear (flow matching): α = 1 − t, σ = t. VP (score SDE): β(t) = β_min + t(β_max − β_min), β_min = 0.1,
β_max = 20, α = exp(−½ ∫₀ᵗ β), σ = sqrt(1 − α²). GVP: α = cos(πt/2), σ = sin(πt/2).
Functions accept NumPy arrays or torch tensors."""

from __future__ import annotations

import math

import numpy as np

from difftheory.validate import check_choice, check_float

SCHEDULES = ("linear", "vp", "gvp")
BETA_MIN, BETA_MAX = 0.1, 20.0  # erd App. F.1


def _lib(t):
    if hasattr(t, "clamp_min"):
        import torch

        return torch
    return np


def alpha_sigma(schedule: str, t):
    """(α_t, σ_t) of ``schedule`` at t ∈ [0, 1] (t = 0 data, t = 1 noise)  # erd App. F.1"""
    check_choice("schedule", schedule, SCHEDULES)
    xp = _lib(t)
    if xp is np:
        t = np.asarray(t, float)
    if schedule == "linear":
        return 1 - t, t
    if schedule == "gvp":
        return xp.cos(math.pi * t / 2), xp.sin(math.pi * t / 2)
    log_alpha = -0.5 * (BETA_MIN * t + 0.5 * (BETA_MAX - BETA_MIN) * t**2)  # −½ ∫₀ᵗ β(s) ds
    alpha = xp.exp(log_alpha)
    return alpha, xp.sqrt(-xp.expm1(2 * log_alpha))


def check_t(t, name: str = "t") -> float:
    """t as a float in [0, 1]."""
    return check_float(name, t, 0.0, 1.0)


def log_snr(schedule: str, t):
    """λ_t = log(α²/σ²)  # erd Eq. (13)"""
    a, s = alpha_sigma(schedule, t)
    xp = _lib(t)
    return 2 * (xp.log(a) - xp.log(s))
