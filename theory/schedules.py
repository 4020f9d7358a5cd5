"""Noise schedules of the three papers as one type: z_t = α_t x + σ_t ε, with α_t, σ_t and their t-derivatives.

A ``Schedule`` is called on t and returns ``ScheduleOutput(alpha, sigma, d_alpha, d_sigma)`` (after
facebookresearch/flow_matching's scheduler); ``alpha_sigma(t)`` gives the pair alone. Inputs may be NumPy
arrays, Python floats or torch tensors (the result follows the input); ``LinearPath(data_at=1)`` is plain
arithmetic and also takes SymPy expressions.

Time conventions differ between the papers and each instance keeps its paper's: ``data_at`` is the t at
which z_t = x.
- kdiff (§3.3, Eq. 1a) and mse (§2): t = 0 noise, t = 1 data (``data_at = 1``; α increases).
- erd (App. F.1): t = 0 data, t = 1 noise (``data_at = 0``). Nothing here converts between them.

Instances:
- ``KDIFF_LINEAR``: kdiff's flow-matching path α = t, σ = 1 − t (z = t x + (1 − t) n).
- ``erd_schedule(name)`` for erd App. F.1's Linear (α = 1 − t, σ = t), VP (β(t) = β_min + t(β_max − β_min),
  α = exp(−½ ∫₀ᵗ β), σ = sqrt(1 − α²)) and GVP (α = cos(πt/2), σ = sin(πt/2)).
- ``mse_schedule(name)`` for mse §2's Normal, Logis, Sech and SechInter (``MseSchedule``), defined through
  the log signal-to-noise ratio λ̊_t = log(α_t/σ_t); λ̊, λ̊', ρ̊ = e^λ̊ and the inverse t(λ̊) are methods.
  Logis is the linear path and Sech the cosine path with data at t = 1. The SymPy definitions live in
  ``theory.mse_schedules_symbolic``.
Target conversions on any schedule: ``theory.target_conversions``."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from scipy import special

from difftheory.validate import check_choice, check_float

ERD_SCHEDULES = ("linear", "vp", "gvp")
MSE_SCHEDULES = ("normal", "logis", "sech", "sechinter")
BETA_MIN, BETA_MAX = 0.1, 20.0  # erd App. F.1 (VP)
LOG16 = float(np.log(16.0))  # mse §2 SechInter: λ̊ = log tan(πt/2) + log(16)(t − 1)
NORMAL_SHIFT = 0.4  # mse §2 Normal: λ̊ = Φ⁻¹(t) + 0.4 (EDM2's P_mean = −0.4, P_std = 1)


class ScheduleOutput(NamedTuple):
    """α_t, σ_t, dα_t/dt, dσ_t/dt at the same t."""

    alpha: Any
    sigma: Any
    d_alpha: Any
    d_sigma: Any


def _lib(t):
    """torch for tensors, NumPy otherwise."""
    if hasattr(t, "clamp_min"):
        import torch

        return torch
    return np


def _as_array(t):
    """NumPy/float input as a float array (tensors pass through)."""
    return np.asarray(t, float) if _lib(t) is np else t


def _ones_like(t):
    if hasattr(t, "clamp_min"):
        import torch

        return torch.ones_like(t)
    if isinstance(t, np.ndarray):
        return np.ones_like(t, dtype=float)
    return 1


def _check_data_at(data_at):
    if data_at not in (0, 1):
        raise ValueError(f"data_at must be 0 or 1 (the t at which z_t is data); got {data_at!r}")


def check_unit_time(t, name: str = "t") -> float:
    """t as a float in the closed interval [0, 1]."""
    return check_float(name, t, 0.0, 1.0)


class Schedule(ABC):
    """z_t = α_t x + σ_t ε on t ∈ [0, 1]; ``data_at`` ∈ {0, 1} is the end where z_t = x."""

    name: str
    data_at: int

    @abstractmethod
    def alpha_sigma(self, t):
        """(α_t, σ_t)."""

    @abstractmethod
    def derivatives(self, t):
        """(dα_t/dt, dσ_t/dt)."""

    def __call__(self, t) -> ScheduleOutput:
        alpha, sigma = self.alpha_sigma(t)
        d_alpha, d_sigma = self.derivatives(t)
        return ScheduleOutput(alpha, sigma, d_alpha, d_sigma)

    def log_snr(self, t):
        """log(α_t²/σ_t²)  # erd Eq. (13); mse's λ̊_t is half of it"""
        a, s = self.alpha_sigma(t)
        xp = _lib(t)
        return 2 * (xp.log(a) - xp.log(s))


@dataclass(frozen=True)
class LinearPath(Schedule):
    """The flow-matching (conditional OT) path. data_at = 1: α = t, σ = 1 − t (kdiff §3.3 Eq. 1a, mse's Logis);
    data_at = 0: α = 1 − t, σ = t (erd App. F.1 Linear; NumPy input is taken as a float array)."""

    data_at: int = 1
    name: str = "linear"

    def __post_init__(self):
        _check_data_at(self.data_at)

    def alpha_sigma(self, t):
        if self.data_at == 1:
            return t, 1 - t
        t = _as_array(t)
        return 1 - t, t

    def derivatives(self, t):
        one = _ones_like(_as_array(t) if self.data_at == 0 else t)
        return (one, -one) if self.data_at == 1 else (-one, one)


@dataclass(frozen=True)
class CosinePath(Schedule):
    """The variance-preserving cosine path. data_at = 1: α = sin(πt/2), σ = cos(πt/2) (mse's Sech);
    data_at = 0: α = cos(πt/2), σ = sin(πt/2) (erd App. F.1 GVP). NumPy input is taken as a float array."""

    data_at: int = 1
    name: str = "cosine"

    def __post_init__(self):
        _check_data_at(self.data_at)

    def alpha_sigma(self, t):
        t = _as_array(t)
        xp = _lib(t)
        if self.data_at == 1:
            return xp.sin(math.pi * t / 2), xp.cos(math.pi * t / 2)
        return xp.cos(math.pi * t / 2), xp.sin(math.pi * t / 2)

    def derivatives(self, t):
        t = _as_array(t)
        xp = _lib(t)
        c, s = math.pi / 2 * xp.cos(math.pi * t / 2), math.pi / 2 * xp.sin(math.pi * t / 2)
        return (c, -s) if self.data_at == 1 else (-s, c)


@dataclass(frozen=True)
class VPPath(Schedule):
    """erd App. F.1 VP (score SDE), t = 0 data: β(t) = β_min + t(β_max − β_min), α = exp(−½ ∫₀ᵗ β),
    σ = sqrt(1 − α²). NumPy input is taken as a float array."""

    beta_min: float = BETA_MIN
    beta_max: float = BETA_MAX
    name: str = "vp"
    data_at: int = 0

    def log_alpha(self, t):
        """−½ ∫₀ᵗ β(s) ds"""
        return -0.5 * (self.beta_min * t + 0.5 * (self.beta_max - self.beta_min) * t**2)

    def beta(self, t):
        """β(t) = β_min + t(β_max − β_min)"""
        return self.beta_min + t * (self.beta_max - self.beta_min)

    def alpha_sigma(self, t):
        t = _as_array(t)
        xp = _lib(t)
        log_alpha = self.log_alpha(t)
        alpha = xp.exp(log_alpha)
        return alpha, xp.sqrt(-xp.expm1(2 * log_alpha))

    def derivatives(self, t):
        t = _as_array(t)
        a, s = self.alpha_sigma(t)
        d_alpha = -0.5 * self.beta(t) * a  # d log α/dt = −½ β(t)
        return d_alpha, -a * d_alpha / s  # σ² = 1 − α²


ERD_INSTANCES = {"linear": LinearPath(data_at=0), "vp": VPPath(), "gvp": CosinePath(data_at=0)}
KDIFF_LINEAR = LinearPath(data_at=1)  # kdiff §3.3: z = t x + (1 − t) n, t = 1 data


def erd_schedule(name) -> Schedule:
    """erd App. F.1's schedule ``name`` (linear, vp, gvp); t = 0 data, t = 1 noise. A Schedule passes through."""
    if isinstance(name, Schedule):
        return name
    return ERD_INSTANCES[check_choice("schedule", name, ERD_SCHEDULES)]


@dataclass(frozen=True)
class MseSchedule(Schedule):
    """mse §2's schedule ``name`` (NumPy; closed forms, stable at the ends). Time: t ∈ (0, 1), 0 = noise,
    1 = data (α increasing). ρ̊_t = α_t/σ_t, λ̊_t = log ρ̊_t, λ̊'_t its derivative (the paper's "ring" quantities)."""

    name: str
    data_at: int = 1

    def __post_init__(self):
        check_choice("schedule", self.name, MSE_SCHEDULES)

    def lam(self, t):
        """λ̊_t = log ρ̊_t  # mse §2"""
        t = np.asarray(t, float)
        if self.name == "normal":
            return special.ndtri(t) + NORMAL_SHIFT
        if self.name == "logis":
            return np.log(t) - np.log1p(-t)
        lam = np.log(np.tan(np.pi * t / 2))
        return lam + LOG16 * (t - 1) if self.name == "sechinter" else lam

    def dlam(self, t):
        """λ̊'_t (closed forms; checked against ``mse_schedules_symbolic.derive_dlam``)  # mse §2"""
        t = np.asarray(t, float)
        if self.name == "normal":
            u = special.ndtri(t)
            return np.sqrt(2 * np.pi) * np.exp(0.5 * u * u)  # 1/φ(Φ⁻¹(t))
        if self.name == "logis":
            return 1.0 / (t * (1 - t))
        d = np.pi / np.sin(np.pi * t)
        return d + LOG16 if self.name == "sechinter" else d

    def rho(self, t):
        """ρ̊_t = α_t/σ_t = exp(λ̊_t)  # mse §2"""
        return np.exp(self.lam(t))

    def alpha_sigma(self, t):
        t = np.asarray(t, float)
        if self.name == "logis":
            return KDIFF_LINEAR.alpha_sigma(t)  # α = t, σ = 1 − t
        if self.name == "sech":
            return _COSINE.alpha_sigma(t)  # α = sin(πt/2), σ = cos(πt/2)
        if self.name == "normal":
            return np.ones_like(t), np.exp(-self.lam(t))  # α = 1, σ = e^{−λ̊}
        lam = self.lam(t)
        return np.sqrt(special.expit(2 * lam)), np.sqrt(special.expit(-2 * lam))  # α = (1 + e^{−2λ̊})^{−1/2}, σ² = 1 − α²

    def alpha(self, t):
        return self.alpha_sigma(t)[0]

    def sigma(self, t):
        return self.alpha_sigma(t)[1]

    def derivatives(self, t):
        t = np.asarray(t, float)
        if self.name == "logis":
            return KDIFF_LINEAR.derivatives(t)
        if self.name == "sech":
            return _COSINE.derivatives(t)
        a, s = self.alpha_sigma(t)
        d = self.dlam(t)
        if self.name == "normal":
            return np.zeros_like(t), -d * s  # σ = e^{−λ̊}
        return a * s * s * d, -s * a * a * d  # α² = expit(2λ̊): dα = α σ² λ̊', dσ = −σ α² λ̊'

    def t_of_lam(self, lam):
        """Inverse of λ̊: closed forms for Normal, Logis and Sech; for SechInter a vectorised bisection in
        u = logit(t) (λ̊ increases in u), 100 halvings of [−800, 40], i.e. to far below float64 resolution."""
        lam = np.asarray(lam, float)
        if self.name == "normal":
            return special.ndtr(lam - NORMAL_SHIFT)
        if self.name == "logis":
            return special.expit(lam)
        if self.name == "sech":
            return 2 / np.pi * np.arctan(np.exp(lam))
        lo, hi = np.full(lam.shape, -800.0), np.full(lam.shape, 40.0)
        with np.errstate(over="ignore", under="ignore", divide="ignore"):
            for _ in range(100):
                mid = 0.5 * (lo + hi)
                below = self.lam(special.expit(mid)) < lam
                lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
        return special.expit(0.5 * (lo + hi))


_COSINE = CosinePath(data_at=1)


def mse_schedule(name) -> MseSchedule:
    """mse §2's schedule ``name`` (normal, logis, sech, sechinter); an MseSchedule passes through."""
    return name if isinstance(name, MseSchedule) else MseSchedule(check_choice("schedule", name, MSE_SCHEDULES))
