"""Noise schedules of mse §2 (Normal, Logis, Sech, SechInter): symbolic definitions and numeric twins.

Time convention (mse, as kdiff): t ∈ (0, 1), t = 0 is noise and t = 1 is data; the signal schedule α_t
increases and the noise schedule σ_t decreases. ρ̊_t = α_t/σ_t is the signal-to-noise ratio,
λ̊_t = log ρ̊_t its logarithm and λ̊'_t its derivative (the "ring" quantities of the paper).

``sym_alpha_sigma(name)`` gives SymPy (α_t, σ_t) from the paper's definitions; ``derive_dlam(name)``
derives λ̊'_t from them. ``Schedule`` is the NumPy twin (closed forms, stable at the ends)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp
from scipy import special

from difftheory.validate import check_choice

SCHEDULES = ("normal", "logis", "sech", "sechinter")
LOG16 = float(np.log(16.0))
NORMAL_SHIFT = 0.4  # mse §2 Normal: λ̊ = Φ⁻¹(t) + 0.4 (EDM2's P_mean = −0.4, P_std = 1)

T = sp.Symbol("t", positive=True)


def check_time(t, name: str = "t") -> np.ndarray:
    """``t`` as a float array strictly inside (0, 1); ValueError naming the offending value."""
    arr = np.asarray(t, dtype=float)
    bad = ~np.isfinite(arr) | (arr <= 0) | (arr >= 1)
    if np.any(bad):
        v = arr[bad].flat[0] if arr.ndim else float(arr)
        raise ValueError(f"{name} must lie in the open interval (0, 1) (mse time: 0 = noise, 1 = data), got {v!r}")
    return arr


def sym_lam(name: str, t=T):
    """λ̊_t as printed in mse §2 (SymPy)."""
    check_choice("schedule", name, SCHEDULES)
    if name == "normal":
        return sp.sqrt(2) * sp.erfinv(2 * t - 1) + sp.Rational(2, 5)  # Φ⁻¹(t) + 0.4
    if name == "logis":
        return sp.log(t / (1 - t))
    lam = sp.log(sp.tan(sp.pi * t / 2))
    if name == "sechinter":
        lam = lam + sp.log(16) * (t - 1)
    return lam


def sym_alpha_sigma(name: str, t=T):
    """(α_t, σ_t) from the paper's definitions (mse §2), SymPy."""
    check_choice("schedule", name, SCHEDULES)
    if name == "normal":
        return sp.Integer(1), sp.exp(-sym_lam("normal", t))
    if name == "logis":
        return t, 1 - t
    if name == "sech":
        return sp.sin(sp.pi * t / 2), sp.cos(sp.pi * t / 2)
    lam = sym_lam("sechinter", t)
    alpha = (1 + sp.exp(-2 * lam)) ** sp.Rational(-1, 2)
    return alpha, sp.sqrt(1 - alpha**2)


def derive_dlam(name: str, t=T):
    """λ̊'_t = d/dt log(α_t/σ_t), derived from the definitions of α_t, σ_t (SymPy, simplified)."""
    alpha, sigma = sym_alpha_sigma(name, t)
    return sp.simplify(sp.diff(sp.log(alpha / sigma), t))


@dataclass(frozen=True)
class Schedule:
    """NumPy twin of an mse §2 schedule. Time: t ∈ (0, 1), 0 = noise, 1 = data (α increasing)."""

    name: str

    def __post_init__(self):
        check_choice("schedule", self.name, SCHEDULES)

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
        """λ̊'_t (closed forms; checked against ``derive_dlam``)  # mse §2"""
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

    def alpha(self, t):
        t = np.asarray(t, float)
        if self.name == "normal":
            return np.ones_like(t)
        if self.name == "logis":
            return t
        if self.name == "sech":
            return np.sin(np.pi * t / 2)
        return np.sqrt(special.expit(2 * self.lam(t)))  # (1 + e^{−2λ̊})^{−1/2}

    def sigma(self, t):
        t = np.asarray(t, float)
        if self.name == "normal":
            return np.exp(-self.lam(t))
        if self.name == "logis":
            return 1 - t
        if self.name == "sech":
            return np.cos(np.pi * t / 2)
        return np.sqrt(special.expit(-2 * self.lam(t)))  # σ² = 1 − α²

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


def get_schedule(name) -> Schedule:
    return name if isinstance(name, Schedule) else Schedule(check_choice("schedule", name, SCHEDULES))


# ---------------------------------------------------------------- §2: schedules as quantile functions (Kingma & Gao)
# The bell-shaped densities behind three schedules (mse §2, after Kingma & Gao 2023): λ̊ − 0.4 = Φ⁻¹(t) (Normal),
# λ̊ = logit t, the standard logistic quantile (Logis), and (2/π)λ̊ the hyperbolic-secant quantile (Sech).
# Two conventions of "the hyperbolic secant distribution" are in use: the standard (unit-variance) one with
# density ½ sech(πx/2), CDF (2/π) arctan(e^{πx/2}), and the unscaled (1/π) sech(x), CDF (2/π) arctan(e^x).
BELL_SCHEDULES = ("normal", "logis", "sech")
SECH_CONVENTIONS = ("unit variance: ½ sech(πx/2)", "unscaled: (1/π) sech(x)")
NORMAL_SHIFT_SYM = sp.Rational(2, 5)  # the 0.4 of Normal, exact


def sym_bell(name: str, x, convention: str = SECH_CONVENTIONS[0]):
    """(density, CDF) in x of the bell-shaped law behind schedule ``name`` (SymPy)  # mse §2"""
    check_choice("schedule", name, BELL_SCHEDULES)
    check_choice("convention", convention, SECH_CONVENTIONS)
    if name == "normal":
        return sp.exp(-x**2 / 2) / sp.sqrt(2 * sp.pi), (1 + sp.erf(x / sp.sqrt(2))) / 2
    if name == "logis":
        return sp.exp(-x) / (1 + sp.exp(-x)) ** 2, 1 / (1 + sp.exp(-x))
    if convention == SECH_CONVENTIONS[0]:
        return sp.sech(sp.pi * x / 2) / 2, 2 / sp.pi * sp.atan(sp.exp(sp.pi * x / 2))
    return sp.sech(x) / sp.pi, 2 / sp.pi * sp.atan(sp.exp(x))


def printed_quantile(name: str, t=T):
    """The quantity mse §2 calls the quantile function: λ̊ − 0.4 (Normal), λ̊ (Logis), (2/π)λ̊ (Sech) (SymPy)."""
    check_choice("schedule", name, BELL_SCHEDULES)
    lam = sym_lam(name, t)
    return {"normal": lam - NORMAL_SHIFT_SYM, "logis": lam, "sech": 2 / sp.pi * lam}[name]



def bell_cdf(name: str, x):
    """NumPy twin of the CDF of ``sym_bell`` (unit-variance sech convention)  # mse §2"""
    check_choice("schedule", name, BELL_SCHEDULES)
    x = np.asarray(x, float)
    if name == "normal":
        return special.ndtr(x)
    if name == "logis":
        return special.expit(x)
    return 2 / np.pi * np.arctan(np.exp(np.pi * x / 2))


def derive_end_limits(name: str):
    """(lim_{t→0⁺} λ̊_t, lim_{t→1⁻} λ̊_t) from the printed λ̊ (SymPy): −∞ and +∞ mean ρ̊_0 = 0, ρ̊_1 = ∞  # mse §3"""
    lam = sym_lam(name)
    return sp.limit(lam, T, 0, "+"), sp.limit(lam, T, 1, "-")
