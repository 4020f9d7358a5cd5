"""Numeric twins of kdiff Thm 3.1 (W*, Δ*) and Thm 3.2 (k*) for any sampler, loss and clamp.

The k-target (φ = k, ψ = −(1 − k)) on the flow-matching schedule (α = t, σ = 1 − t); the effective
measure is D̃α = p(t) κ(t; k)² dt (kdiff Eq. 5), so every integral of Eqs. (11)–(12) is a moment
m_f = E_p[κ² f(t)] for f ∈ {1, t, 1 − t, t², (1 − t)²}."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from difftheory.theory.samplers import TimeSampler
from difftheory.theory.targets import LOSSES, kappa_k
from difftheory.validate import check_choice, check_float, check_int

MOMENT_NAMES = ("m0", "m_a", "m_s", "m_aa", "m_ss")  # E[κ²·1], E[κ² α], E[κ² σ], E[κ² α²], E[κ² σ²]


def check_dims(D, d) -> tuple[int, int]:
    """Validate ambient D and intrinsic d: integers with 1 <= d <= D."""
    D = check_int("D", D, 1)
    d = check_int("d", d, 1)
    if d > D:
        raise ValueError(f"d must be an integer in [1, D={D}], got {d}")
    return D, d


def check_setting(loss: str, clamp) -> tuple[str, float | None]:
    loss = check_choice("loss", loss, LOSSES)
    if clamp is not None:
        clamp = check_float("clamp", clamp, 0.0, 1.0, lo_open=True, hi_open=True)
    return loss, clamp


def _kinks(ks, clamp) -> list[float]:
    """t-values where k + (1 − 2k) t = clamp (the clamp switches on or off)."""
    if clamp is None:
        return []
    out = []
    for k in np.atleast_1d(ks):
        if abs(1 - 2 * k) > 1e-12:
            t = (clamp - k) / (1 - 2 * k)
            if 0 < t < 1:
                out.append(float(t))
    return out


def moments(k, sampler: TimeSampler, loss: str = "u", clamp=None) -> np.ndarray:
    """The five moments E_p[κ(t;k)² f(t)] (order MOMENT_NAMES); ``k`` scalar → shape (5,), array → (K, 5)."""
    ks = np.atleast_1d(np.asarray(k, dtype=float))

    def integrand(t):
        w = np.broadcast_to(kappa_k(t, ks, loss, clamp) ** 2, ks.shape)
        a, s = t, 1 - t
        return np.stack([w, w * a, w * s, w * a * a, w * s * s], axis=-1)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        m = sampler.expect(integrand, points=_kinks(ks, clamp) if ks.size <= 8 else ())
    return m[0] if np.ndim(k) == 0 else m


def optimal_coefficients(m: np.ndarray, k) -> tuple:
    """(c_∥, c_⊥) with W* = c_∥ PPᵀ + c_⊥ (I − PPᵀ)  # kdiff Eq. (11b)"""
    m0, m_a, m_s, m_aa, m_ss = np.moveaxis(np.asarray(m), -1, 0)
    phi, psi = k, -(1 - k)
    return (phi * m_a + psi * m_s) / (m_aa + m_ss), psi * m_s / m_ss


def W_star(P: np.ndarray, k: float, sampler: TimeSampler, loss: str = "u", clamp=None) -> np.ndarray:
    """W* = c_∥ PPᵀ + c_⊥ (I − PPᵀ) for a D×d matrix P with orthonormal columns  # kdiff Eq. (11b)"""
    c_par, c_perp = optimal_coefficients(moments(k, sampler, loss, clamp), k)
    proj = P @ P.T
    return c_par * proj + c_perp * (np.eye(P.shape[0]) - proj)


def delta_star_from_moments(m: np.ndarray, k, D, d):
    """Δ* = ½d(∫(φ²+ψ²) − (∫(φα+ψσ))²/∫(α²+σ²)) + ½(D−d)(∫ψ² − (∫ψσ)²/∫σ²)  # kdiff Eq. (12)"""
    m0, m_a, m_s, m_aa, m_ss = np.moveaxis(np.asarray(m), -1, 0)
    phi, psi = k, -(1 - k)
    par = (phi**2 + psi**2) * m0 - (phi * m_a + psi * m_s) ** 2 / (m_aa + m_ss)
    perp = psi**2 * m0 - (psi * m_s) ** 2 / m_ss
    return 0.5 * d * par + 0.5 * (D - d) * perp


def delta_star(k, D, d, sampler: TimeSampler, loss: str = "u", clamp=None):
    """Δ*(k): the equilibrium loss of the linear model for the k-target  # kdiff Eq. (12)"""
    D, d = check_dims(D, d)
    loss, clamp = check_setting(loss, clamp)
    k = np.asarray(k, dtype=float)
    if np.any((k < 0) | (k > 1)):
        raise ValueError(f"k must be in [0, 1], got {k}")
    val = delta_star_from_moments(moments(k, sampler, loss, clamp), k, D, d)
    return np.where(np.isfinite(val), val, np.inf)


def k_star_u_loss(D, d, sampler: TimeSampler) -> float:
    """Closed form of k* under the u-loss (κ = 1) for any sampler, through its moments:

    k* = (d(1 − b/q) + (D − d)c) / (d(2 − 1/q) + (D − d)c), b = E[1 − t], q = E[t² + (1 − t)²],
    c = 1 − b²/E[(1 − t)²] = Var(t)/E[(1 − t)²]. Equals D/(D + d) for every (D, d) iff E[t] = ½."""
    D, d = check_dims(D, d)
    m0, m_a, m_s, m_aa, m_ss = moments(0.5, sampler, "u")
    b, q = m_s / m0, (m_aa + m_ss) / m0
    c = 1 - m_s**2 / (m0 * m_ss)
    return float((d * (1 - b / q) + (D - d) * c) / (d * (2 - 1 / q) + (D - d) * c))


@dataclass
class KStar:
    k_star: float
    interior: bool
    delta_at: dict = field(default_factory=dict)  # keys "0", "0.5", "1", "k_star"


def k_star(D, d, sampler: TimeSampler | None = None, loss: str = "u", clamp=None, grid: int = 101) -> KStar:
    """argmin_{k ∈ [0,1]} Δ*(k): a grid (one vectorised integral) refined by bounded Brent."""
    D, d = check_dims(D, d)
    loss, clamp = check_setting(loss, clamp)
    sampler = sampler or TimeSampler()
    ks = np.linspace(0.0, 1.0, grid)
    vals = delta_star(ks, D, d, sampler, loss, clamp)
    i = int(np.argmin(vals))
    lo, hi = ks[max(i - 1, 0)], ks[min(i + 1, grid - 1)]
    res = optimize.minimize_scalar(lambda k: float(delta_star(k, D, d, sampler, loss, clamp)),
                                   bounds=(lo, hi), method="bounded", options={"xatol": 1e-10})
    k_opt, v_opt = (float(res.x), float(res.fun)) if res.fun <= vals[i] else (float(ks[i]), float(vals[i]))
    for end in (0.0, 1.0):  # an end point wins if it is at least as good
        v_end = float(delta_star(end, D, d, sampler, loss, clamp))
        if v_end <= v_opt:
            k_opt, v_opt = end, v_end
    interior = 1e-6 < k_opt < 1 - 1e-6
    at = {key: float(delta_star(kk, D, d, sampler, loss, clamp)) for key, kk in (("0", 0.0), ("0.5", 0.5), ("1", 1.0))}
    at["k_star"] = v_opt
    return KStar(k_opt, interior, at)
