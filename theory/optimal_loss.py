"""Numeric twins of kdiff Thm 3.1 (W*, Δ*) and Thm 3.2 (k*) for any sampler, loss and clamp.

The k-target (φ = k, ψ = −(1 − k)) on the flow-matching schedule (α = t, σ = 1 − t); the effective
measure is D̃α = p(t) κ(t; k)² dt (kdiff Eq. 5), so every integral of Eqs. (11)–(12) is a moment
m_f = E_p[κ² f(t)] for f ∈ {1, t, 1 − t, t², (1 − t)²}."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from difftheory.theory.samplers import TimeSampler
from difftheory.theory.targets import LOSS_COEFFS, LOSSES, kappa_k
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


def mode_losses_from_moments(m: np.ndarray, k) -> tuple:
    """(ℓ_∥, ℓ_⊥): Eq. (12)'s brackets, the equilibrium loss per parallel / perpendicular dimension
    (Δ* = ½ d ℓ_∥ + ½ (D − d) ℓ_⊥)  # kdiff Eq. (12)"""
    m0, m_a, m_s, m_aa, m_ss = np.moveaxis(np.asarray(m), -1, 0)
    phi, psi = k, -(1 - k)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        par = (phi**2 + psi**2) * m0 - (phi * m_a + psi * m_s) ** 2 / (m_aa + m_ss)
        perp = psi**2 * m0 - (psi * m_s) ** 2 / m_ss
    return par, perp


def delta_star_from_moments(m: np.ndarray, k, D, d):
    """Δ* = ½d(∫(φ²+ψ²) − (∫(φα+ψσ))²/∫(α²+σ²)) + ½(D−d)(∫ψ² − (∫ψσ)²/∫σ²)  # kdiff Eq. (12)"""
    par, perp = mode_losses_from_moments(m, k)
    return 0.5 * d * par + 0.5 * (D - d) * perp


def singular_end(k, sampler: TimeSampler, loss: str, clamp=None):
    """The end t0 ∈ {0, 1} where the weight p(t) κ(t; k)² is not integrable, or None.

    κ = (ξσ − ηα)/(k(1 − t) + (1 − k)t): at k = 0 the denominator is t, so κ² ≈ ξ²/t² near t = 0; at k = 1
    it is 1 − t, so κ² ≈ η²/(1 − t)² near t = 1. Against a density with p(t0) > 0 (uniform) the moments
    diverge; the clamp, the u-loss (κ = 1) and the logit-normal sampler (p → 0 faster than any power) keep
    them finite."""
    if clamp is not None or loss == "u":
        return None
    xi, eta = LOSS_COEFFS[loss]
    if k == 0 and xi != 0 and sampler.end_density(0) > 0:
        return 0
    if k == 1 and eta != 0 and sampler.end_density(1) > 0:
        return 1
    return None


def mode_losses_at_singular_end(end: int, sampler: TimeSampler, loss: str) -> tuple[float, float]:
    """(ℓ_∥, ℓ_⊥) at k = ``end`` when κ² is not integrable there (see ``singular_end``).

    A finite loss needs the residual W z − u to vanish at t = end, which pins both modes:
    k = 0 (u = −n, z → n): c_∥ = c_⊥ = −1, residual t(n − x) → ℓ_∥ = 2 E_p[κ²t²], ℓ_⊥ = E_p[κ²t²];
    k = 1 (u = x, z → x): c_∥ = 1, residual (1 − t)(x − n)_∥ → ℓ_∥ = 2 E_p[κ²(1 − t)²]; ψ = 0 so c_⊥ = 0, ℓ_⊥ = 0.
    These are the limits of Eq. (12) as k → 0, 1 (kdiff.beyond.endpoint_limits), so Δ*(k) is continuous."""
    if end == 0:
        m = float(sampler.expect(lambda t: (kappa_k(t, 0.0, loss) * t) ** 2))
        return 2 * m, m
    m = float(sampler.expect(lambda t: (kappa_k(t, 1.0, loss) * (1 - t)) ** 2))
    return 2 * m, 0.0


def mode_losses(k, sampler: TimeSampler, loss: str = "u", clamp=None) -> tuple:
    """(ℓ_∥(k), ℓ_⊥(k)) for scalar or array k, with the singular end points handled exactly."""
    ks = np.atleast_1d(np.asarray(k, dtype=float))
    par, perp = np.empty_like(ks), np.empty_like(ks)
    regular = np.ones(ks.shape, dtype=bool)
    for end in (0, 1):
        if singular_end(end, sampler, loss, clamp) is not None and np.any(ks == end):
            par[ks == end], perp[ks == end] = mode_losses_at_singular_end(end, sampler, loss)
            regular &= ks != end
    if np.any(regular):
        kr = ks[regular]
        par[regular], perp[regular] = (np.broadcast_to(v, kr.shape)
                                       for v in mode_losses_from_moments(moments(kr, sampler, loss, clamp), kr))
    if np.ndim(k) == 0:
        return par[0], perp[0]
    return par, perp


def delta_star(k, D, d, sampler: TimeSampler, loss: str = "u", clamp=None):
    """Δ*(k): the equilibrium loss of the linear model for the k-target  # kdiff Eq. (12)

    Finite for every k ∈ [0, 1]: where κ² is not integrable (k = 0 or 1, unclamped v/x/ε-loss, uniform
    sampler) the value is the exact constrained minimum, the limit of Eq. (12)."""
    D, d = check_dims(D, d)
    loss, clamp = check_setting(loss, clamp)
    k = np.asarray(k, dtype=float)
    if np.any(~np.isfinite(k)) or np.any((k < 0) | (k > 1)):
        raise ValueError(f"k must be in [0, 1], got {k}")
    par, perp = mode_losses(k, sampler, loss, clamp)
    val = 0.5 * d * par + 0.5 * (D - d) * perp
    if not np.all(np.isfinite(val)):
        raise ValueError(f"Δ*(k) is not finite for loss={loss}, sampler={sampler}, clamp={clamp} at k={k}")
    return val


def k_star_of_ratio(ratios, sampler: TimeSampler | None = None, loss: str = "u", clamp=None,
                    grid: int = 401) -> np.ndarray:
    """k* for many D/d at once. Δ*/d = ½ℓ_∥ + ½(D/d − 1)ℓ_⊥ depends on (D, d) only through D/d, so one
    vectorised set of moments on a k-grid serves every ratio; the grid minimum is refined by a parabola
    through its neighbours (accuracy ~ (1/grid)², for figures and sweeps; ``k_star`` is the precise one)."""
    sampler = sampler or TimeSampler()
    loss, clamp = check_setting(loss, clamp)
    r = np.atleast_1d(np.asarray(ratios, dtype=float))
    if np.any(~np.isfinite(r)) or np.any(r < 1):
        raise ValueError(f"ratios D/d must be finite numbers >= 1, got {ratios}")
    ks = np.linspace(0.0, 1.0, check_int("grid", grid, 5))
    par, perp = mode_losses(ks, sampler, loss, clamp)
    f = par[None, :] + (r[:, None] - 1) * perp[None, :]
    i = np.argmin(f, axis=1)
    out = ks[i].copy()
    inner = (i > 0) & (i < ks.size - 1)
    j = i[inner]
    rows = np.nonzero(inner)[0]
    fm, f0, fp = f[rows, j - 1], f[rows, j], f[rows, j + 1]
    curv = fm - 2 * f0 + fp
    h = ks[1] - ks[0]
    shift = np.where(curv > 0, 0.5 * h * (fm - fp) / np.where(curv > 0, curv, 1.0), 0.0)
    out[rows] = np.clip(ks[j] + np.clip(shift, -h, h), 0.0, 1.0)
    return out


def k_star_u_loss(D, d, sampler: TimeSampler) -> float:
    """Closed form of k* under the u-loss (κ = 1) for any sampler, through its moments:

    k* = (d(1 − b/q) + (D − d)c) / (d(2 − 1/q) + (D − d)c), b = E[1 − t], q = E[t² + (1 − t)²],
    c = 1 − b²/E[(1 − t)²] = Var(t)/E[(1 − t)²]. Equals D/(D + d) for every (D, d) iff E[t] = ½.
    Δ*(k) is a convex quadratic (curvature d(2 − 1/q) + (D − d)c ≥ 0), so the minimiser on [0, 1] is this
    stationary point clipped to [0, 1] (the pixel sampler's stationary point at D = d is negative: k* = 0)."""
    D, d = check_dims(D, d)
    m0, m_a, m_s, m_aa, m_ss = moments(0.5, sampler, "u")
    b, q = m_s / m0, (m_aa + m_ss) / m0
    c = 1 - m_s**2 / (m0 * m_ss)
    k_stationary = (d * (1 - b / q) + (D - d) * c) / (d * (2 - 1 / q) + (D - d) * c)
    return float(min(1.0, max(0.0, k_stationary)))


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
    for end, v_end in ((0.0, float(vals[0])), (1.0, float(vals[-1]))):  # an end point wins if at least as good
        if v_end <= v_opt:
            k_opt, v_opt = end, v_end
    interior = 1e-6 < k_opt < 1 - 1e-6
    at = {"0": float(vals[0]), "0.5": float(vals[(grid - 1) // 2]) if (grid - 1) % 2 == 0
          else float(delta_star(0.5, D, d, sampler, loss, clamp)), "1": float(vals[-1])}
    at["k_star"] = v_opt
    return KStar(k_opt, interior, at)
