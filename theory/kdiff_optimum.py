"""Numeric twins of kdiff Thm 3.1 (W*, Δ*) and Thm 3.2 (k*) for any sampler, loss and clamp.

The k-target (φ = k, ψ = −(1 − k)) on the flow-matching schedule (α = t, σ = 1 − t); the effective
measure is D̃α = p(t) κ(t; k)² dt (kdiff Eq. 5), so every integral of Eqs. (11)–(12) is a moment
m_f = E_p[κ² f(t)] for f ∈ {1, t, 1 − t, t², (1 − t)²}.

Δ* is evaluated in residual form (``residual_losses``: the loss at W*, a sum of non-negative terms), not as Eq. (12)'s
difference of two large numbers; accepted inputs (``check_dims``, ``check_setting``, ``time_densities.TimeDensity``) are
those where that is accurate to ≤ 1e-10 relative (``benchmarks/kstar_accuracy.py``). ``k_star`` reports ties
(``TIE_REL``, ``TIE_RULE``) and the stationary points of Δ*(k)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from difftheory.theory.time_densities import TimeDensity
from difftheory.theory.target_conversions import LOSS_COEFFS, LOSSES, kappa_k
from difftheory.validate import check_choice, check_float, check_int

MOMENT_NAMES = ("m0", "m_a", "m_s", "m_aa", "m_ss")  # E[κ²·1], E[κ² α], E[κ² σ], E[κ² α²], E[κ² σ²]

# Accepted ranges: those where Δ* is computed to <= 1e-10 relative, measured against mpmath with 30 + 2·log10(1/clamp)
# digits (benchmarks/kstar_accuracy.py) over k ∈ {0, 1e-6, 0.003, 0.02, 0.049, ½, 0.951, 0.99, 1 − 1e-6, 1}, the u/v/x/ε
# losses, the uniform sampler (the worst case: p(0), p(1) > 0) and logit-normal at (±5, 2) and (0 or −5, 1e-4), D/d up
# to 1e15. Worst error at clamp ≥ 1e-10: 1.2e-12. Outside the ranges the input is refused (ValueError), never computed.
D_MAX = 10**15      # integers above 2^53 ≈ 9e15 are not exact in float64; accuracy measured up to D/d = 1e15
CLAMP_MIN = 1e-10   # the residual form's error grows like (quad's ~1e-10 relative error of c_∥)² / clamp: at 1e-12 it
                    # reached 1e-9 (uniform, x-loss, k = 0), at 1e-10 it stays <= 1.2e-12; Eq. (12) itself went negative
                    # below ~1e-12 (Δ* = −1.25 at 1e-15)


def check_dims(D, d) -> tuple[int, int]:
    """Validate ambient D and intrinsic d: integers with 1 <= d <= D <= D_MAX."""
    D = check_int("D", D, 1, D_MAX)
    d = check_int("d", d, 1)
    if d > D:
        raise ValueError(f"d must be an integer in [1, D={D}], got {d}")
    return D, d


def check_setting(loss: str, clamp) -> tuple[str, float | None]:
    loss = check_choice("loss", loss, LOSSES)
    if clamp is not None:
        clamp = check_float("clamp", clamp, CLAMP_MIN, 1.0, hi_open=True)
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


def _expect_by_kinks(sampler: TimeDensity, integrand, ks: np.ndarray, clamp) -> np.ndarray:
    """E_p[integrand(t, ks)] for an array of k, shape (K, …): one adaptive integral over all k, with every clamp
    kink t = (c − k)/(1 − 2k) as a break point (without them quad_vec subdivides blindly towards each kink, ≈ 10×
    slower). quad_vec controls the error of the whole vector against its largest entry, and the entries differ by
    up to ~1/clamp between k; so a pilot pass measures the magnitude of every entry and the final pass integrates
    every entry scaled to O(1): each gets the relative tolerance. Per entry, not per k: next to k = 1 the
    perpendicular residual ℓ_⊥ ∝ (1 − k)² is far below ℓ_∥, yet Δ* weighs it by D − d (up to 1e15); scaled by the
    larger of the two it lost up to 1e-10 of Δ* (logit-normal(5, 2), D = 1e13, 1 − k = 1e-9; issue 19). One subdivision
    for all k also makes the quadrature error a smooth function of k, so Δ* differences between neighbouring k carry
    round-off only (``k_star`` reads slopes)."""
    pts = _kinks(ks, clamp)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        pilot = sampler.expect(lambda t: integrand(t, ks, slice(None)), points=pts)
        mag = np.abs(pilot)
        mag = np.where(np.isfinite(mag) & (mag > 0), mag, 1.0)
        val = sampler.expect(lambda t: integrand(t, ks, slice(None)) / mag, points=pts)
    return val * mag


def moments(k, sampler: TimeDensity, loss: str = "u", clamp=None) -> np.ndarray:
    """The five moments E_p[κ(t;k)² f(t)] (order MOMENT_NAMES); ``k`` scalar → shape (5,), array → (K, 5)."""
    ks = np.atleast_1d(np.asarray(k, dtype=float))

    def integrand(t, sub, sel):
        w = np.broadcast_to(kappa_k(t, sub, loss, clamp) ** 2, sub.shape)
        a, s = t, 1 - t
        return np.stack([w, w * a, w * s, w * a * a, w * s * s], axis=-1)

    m = _expect_by_kinks(sampler, integrand, ks, clamp)
    return m[0] if np.ndim(k) == 0 else m


def optimal_coefficients(m: np.ndarray, k) -> tuple:
    """(c_∥, c_⊥) with W* = c_∥ PPᵀ + c_⊥ (I − PPᵀ)  # kdiff Eq. (11b)"""
    m0, m_a, m_s, m_aa, m_ss = np.moveaxis(np.asarray(m), -1, 0)
    phi, psi = k, -(1 - k)
    return (phi * m_a + psi * m_s) / (m_aa + m_ss), psi * m_s / m_ss


def W_star(P: np.ndarray, k: float, sampler: TimeDensity, loss: str = "u", clamp=None) -> np.ndarray:
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


def singular_end(k, sampler: TimeDensity, loss: str, clamp=None):
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


def mode_losses_at_singular_end(end: int, sampler: TimeDensity, loss: str) -> tuple[float, float]:
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


def residual_losses(k, sampler: TimeDensity, loss: str = "u", clamp=None, m=None) -> tuple:
    """(ℓ_∥, ℓ_⊥) evaluated as the residual integrals at W*, for an array ``k``:

    ℓ_∥ = E_p[κ²((c_∥α − φ)² + (c_∥σ − ψ)²)], ℓ_⊥ = E_p[κ²(c_⊥σ − ψ)²] with (c_∥, c_⊥) of Eq. (11b).
    Algebraically equal to Eq. (12)'s brackets (``mode_losses_from_moments``), but a sum of non-negative terms: no
    cancellation. Eq. (12) subtracts two numbers of size E[κ²] ~ 1/clamp (or 1/Var t for a narrow sampler), losing
    ~log10 of that many digits (Δ* = −1.25 at clamp 1e-15); this form keeps ~1e-10 relative (measured against
    40-digit mpmath; see ``CLAMP_MIN``)  # kdiff Eqs. (11)–(12)"""
    ks = np.atleast_1d(np.asarray(k, dtype=float))
    if m is None:
        m = moments(ks, sampler, loss, clamp)
    c_par, c_perp = optimal_coefficients(m, ks)
    phi, psi = ks, -(1 - ks)

    def integrand(t, sub, sel):
        w = np.broadcast_to(kappa_k(t, sub, loss, clamp) ** 2, sub.shape)
        a, s, cp, cq, f, g = t, 1 - t, c_par[sel], c_perp[sel], phi[sel], psi[sel]
        return np.stack([w * ((cp * a - f) ** 2 + (cp * s - g) ** 2), w * (cq * s - g) ** 2], axis=-1)

    r = _expect_by_kinks(sampler, integrand, ks, clamp)
    return r[..., 0], r[..., 1]


def mode_losses(k, sampler: TimeDensity, loss: str = "u", clamp=None) -> tuple:
    """(ℓ_∥(k), ℓ_⊥(k)) for scalar or array k (residual form, ``residual_losses``), with the singular end points
    handled exactly."""
    ks = np.atleast_1d(np.asarray(k, dtype=float))
    par, perp = np.empty_like(ks), np.empty_like(ks)
    regular = np.ones(ks.shape, dtype=bool)
    for end in (0, 1):
        if singular_end(end, sampler, loss, clamp) is not None and np.any(ks == end):
            par[ks == end], perp[ks == end] = mode_losses_at_singular_end(end, sampler, loss)
            regular &= ks != end
    if np.any(regular):
        par[regular], perp[regular] = residual_losses(ks[regular], sampler, loss, clamp)
    if np.ndim(k) == 0:
        return par[0], perp[0]
    return par, perp


def delta_star(k, D, d, sampler: TimeDensity, loss: str = "u", clamp=None):
    """Δ*(k): the equilibrium loss of the linear model for the k-target  # kdiff Eq. (12)

    Finite for every k ∈ [0, 1]: where κ² is not integrable (k = 0 or 1, unclamped v/x/ε-loss, uniform
    sampler) the value is the exact constrained minimum, the limit of Eq. (12)."""
    D, d = check_dims(D, d)
    loss, clamp = check_setting(loss, clamp)
    k = np.asarray(k, dtype=float)
    if np.any(~np.isfinite(k)) or np.any((k < 0) | (k > 1)):
        bad = k if k.ndim == 0 else k[~(np.isfinite(k) & (k >= 0) & (k <= 1))][0]
        raise ValueError(f"k must be a number in [0, 1], got {float(bad)!r}")
    par, perp = mode_losses(k, sampler, loss, clamp)
    val = 0.5 * d * par + 0.5 * (float(D) - d) * perp
    if not np.all(np.isfinite(val)):   # a bug here (every accepted input gives a finite Δ*): say so in one line
        raise ValueError(f"Δ*(k) is not finite for loss={loss}, sampler={sampler}, clamp={clamp} "
                         f"({int(np.sum(~np.isfinite(val)))} of {val.size} k values)")
    return val


TIE_REL = 1e-9       # ties: Δ* within TIE_REL·max(1, |Δ*_min|) of the minimum (issue 9). Relative, since Δ* scales with
                     # D, d; 10× above the measured accuracy of Δ* (≤ 1e-10 relative over the accepted ranges)
INTERIOR_TOL = 1e-6  # k* counts as interior when more than this from both ends
# Probes 10^(−j) from an end (j = 3 … 14), in one vectorised integral with the end and its neighbouring grid point,
# wherever the grid descends into that end. For large D/d a minimum sits next to an end, at a distance ∝ d/D (issue
# 19: 3.6e-7 from k = 1 at D/d = 1.5e5 under the v-loss, unclamped logit-normal(2.36, 0.86)), far inside the last grid
# step. Near the end Δ*(end − e) ≈ Δ*(end) − A·e + B·e², below Δ*(end) for every e < 2e*: every probe closer than
# twice the minimiser's distance lies below the end, so the probe sequence changes slope inside the decade steps
# that bracket it.
END_MIN = 1e-14      # the closest probe. A minimum nearer the end lies below the end's Δ* by < A·END_MIN/2 =
                     # (A/Δ*)·5e-15 relative: a tie under TIE_REL while A/Δ* < 2e5 (measured at most 8.4e4, logit-normal
                     # (±5, 2), x/v/ε losses; other settings < 3e3)
END_MIN_SINGULAR = 1e-11   # where κ² is not integrable at the end (``singular_end``) the minimum next to it lies at
                     # e* ~ exp(−c·D/d) and below the end by ~10–30·e* relative (mpmath: D/d = 100: e* = 2.3e-6, 2.5e-5
                     # lower; D/d = 1000: 1e-15, 3e-14 lower): a tie beyond 1e-11; closer probes cost seconds of quadrature
FLAT_SHARE = 1e-3    # an inflection candidate: a grid step whose slope is < 1e-3 of the steepest (else not refined)
SLOPE_NOISE = 1e-12  # a step whose Δ* difference is below 1e-12·max(1, |Δ*| at its ends) carries no sign: the grid is one
                     # adaptive integral (one subdivision for all k, each k to its own relative tolerance), so
                     # neighbouring differences carry round-off (~1e-15 relative, measured against mpmath) only
TIE_RULE = ("k* is the largest tied minimiser. Ties arise at D = d with a sampler symmetric about ½, where "
            "Δ*(k) = Δ*(1 − k) ((x, n, t, k) → (n, x, 1 − t, 1 − k) keeps z and κ); for D slightly above d the unique "
            "minimiser lies next to the largest one (v-loss, uniform or logit-normal(0,1), clamp 0.05 or none, "
            "D/d = 1.001), so this choice keeps k*(D/d) right-continuous at D/d = 1")


def k_star_of_ratio(ratios, sampler: TimeDensity | None = None, loss: str = "u", clamp=None,
                    grid: int = 401) -> np.ndarray:
    """k* for many D/d at once. Δ*/d = ½ℓ_∥ + ½(D/d − 1)ℓ_⊥ depends on (D, d) only through D/d, so one
    vectorised set of moments on a k-grid serves every ratio; the grid minimum is refined by a parabola
    through its neighbours (accuracy ~ (1/grid)², for figures and sweeps; ``k_star`` is the precise one).
    Ties follow ``TIE_RULE`` as in ``k_star`` (the largest tied grid point)."""
    sampler = sampler or TimeDensity()
    loss, clamp = check_setting(loss, clamp)
    r = np.atleast_1d(np.asarray(ratios, dtype=float))
    if np.any(~np.isfinite(r)) or np.any(r < 1) or np.any(r > D_MAX):
        bad = r[~(np.isfinite(r) & (r >= 1) & (r <= D_MAX))][0]
        raise ValueError(f"ratios D/d must be numbers in [1, {D_MAX:.0e}], got {bad!r}")
    ks = np.linspace(0.0, 1.0, check_int("grid", grid, 5))
    par, perp = mode_losses(ks, sampler, loss, clamp)
    f = par[None, :] + (r[:, None] - 1) * perp[None, :]
    f_min = f.min(axis=1, keepdims=True)
    tied = f - f_min <= TIE_REL * np.maximum(1.0, np.abs(f_min))
    i = ks.size - 1 - np.argmax(tied[:, ::-1], axis=1)     # TIE_RULE: the largest tied grid point
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


def k_star_u_loss(D, d, sampler: TimeDensity) -> float:
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
    ties: list = field(default_factory=list)      # every minimiser (ends and interior minima) within TIE_REL of the minimum
    stationary: list = field(default_factory=list)  # [{"k", "type": minimum|maximum|inflection, "delta"}], in k order


def is_tied(v, v_min) -> bool:
    """Δ* value ``v`` ties with the minimum ``v_min``: within TIE_REL·max(1, |v_min|) (issue 9)."""
    return v - v_min <= TIE_REL * max(1.0, abs(v_min))


REFINE_XATOL = 1e-8  # Brent's tolerance in u: the minimiser's distance e to the end to 1e-8 relative (plus √eps·|u|);
                     # Δ* there exceeds the minimum by ~(1e-8)²·(Δ*(end) − Δ*_min), far below round-off
LOG_REFINE_BELOW = 1e-4   # brackets reaching closer than this to an end are refined in u; others in k itself
                     # (tolerance 1e-10 + √eps·k ≈ 1.5e-8, ≤ 1.5e-4 of the distance to the end)


def _refine(f, lo, hi, gap: float = END_MIN / 10) -> tuple[float, float]:
    """Bounded Brent for the minimum of ``f`` on [lo, hi] ∩ [gap, 1 − gap]. A bracket that reaches within
    LOG_REFINE_BELOW of an end is searched in the log distance to that end (u = log k, or log(1 − k)): in k itself
    Brent stops at its tolerance √eps·|k| ≈ 1.5e-8, wider than a minimum 1e-9 from k = 1; in u it resolves such a
    minimum to ~1e-8 of its distance. (The map is smooth and monotone on (0, 1).)"""
    lo, hi = max(lo, gap), min(hi, 1.0 - gap)
    if min(lo, 1.0 - hi) >= LOG_REFINE_BELOW:
        res = optimize.minimize_scalar(f, bounds=(lo, hi), method="bounded", options={"xatol": 1e-10})
        return float(res.x), float(res.fun)
    if lo < 1.0 - hi:
        to_u, to_k = np.log, np.exp
    else:
        to_u, to_k = (lambda k: np.log1p(-k)), (lambda u: -np.expm1(u))
    ua, ub = sorted((float(to_u(lo)), float(to_u(hi))))
    res = optimize.minimize_scalar(lambda u: f(min(max(float(to_k(u)), lo), hi)), bounds=(ua, ub), method="bounded",
                                   options={"xatol": REFINE_XATOL})
    return min(max(float(to_k(res.x)), lo), hi), float(res.fun)


def _end_probes(end: float, singular: bool) -> np.ndarray:
    """Probe points 10^(−j) from ``end`` (0 or 1), j = 3, 4, …, down to END_MIN (END_MIN_SINGULAR): nearest last."""
    e = 10.0 ** -np.arange(3, int(round(-np.log10(END_MIN_SINGULAR if singular else END_MIN))) + 1)
    return e if end == 0.0 else 1.0 - e


def k_star(D, d, sampler: TimeDensity | None = None, loss: str = "u", clamp=None, grid: int = 101) -> KStar:
    """argmin_{k ∈ [0,1]} Δ*(k): Δ* on a grid (one vectorised integral) and, at an end the grid descends into, on
    probes next to that end (``_end_probes``, one more integral); every local minimum and maximum of these sequences
    refined by bounded Brent (``_refine``); the end points compete with the interior minima.

    ``ties``: all candidates (0, 1, interior minima) within ``TIE_REL`` of the least Δ* (``is_tied``); k* follows
    ``TIE_RULE``. ``stationary``: the points in (0, 1) where dΔ*/dk = 0 — a sign change of the slope between
    neighbouring points (minimum or maximum), or a refined zero of the grid slope without a sign change
    (inflection) — with Δ* there."""
    D, d = check_dims(D, d)
    loss, clamp = check_setting(loss, clamp)
    sampler = sampler or TimeDensity()
    grid = check_int("grid", grid, 5)
    ks = np.linspace(0.0, 1.0, grid)
    vals = delta_star(ks, D, d, sampler, loss, clamp)

    def f(k):
        return float(delta_star(k, D, d, sampler, loss, clamp))

    def signs(v):
        step = np.diff(v)
        noise = SLOPE_NOISE * np.maximum(1.0, np.maximum(np.abs(v[:-1]), np.abs(v[1:])))
        return step, np.where(np.abs(step) <= noise, 0, np.sign(step))   # flat steps carry no sign

    candidates = {0.0: float(vals[0]), 1.0: float(vals[-1])}
    stationary = []

    def extrema(kk, vv, gap=END_MIN / 10):
        """Minima and maxima bracketed by a sign change between consecutive non-flat steps of a sequence."""
        sign = signs(vv)[1]
        nz = np.flatnonzero(sign)
        for j1, j2 in zip(nz[:-1], nz[1:]):
            lo, hi = kk[j1], kk[j2 + 1]
            inner = np.arange(j1 + 1, j2 + 1)       # points between the two steps
            if sign[j1] < 0 < sign[j2]:
                i = inner[np.argmin(vv[inner])]
                k_i, v_i = _refine(f, lo, hi, gap)
                if v_i > vv[i]:
                    k_i, v_i = float(kk[i]), float(vv[i])
                candidates[k_i] = v_i
                stationary.append({"k": k_i, "type": "minimum", "delta": v_i})
            elif sign[j1] > 0 > sign[j2]:
                i = inner[np.argmax(vv[inner])]
                k_i, neg = _refine(lambda k: -f(k), lo, hi, gap)
                if -neg < vv[i]:
                    k_i, neg = float(kk[i]), -float(vv[i])
                stationary.append({"k": k_i, "type": "maximum", "delta": -neg})

    extrema(ks, vals)
    g_slope, g_sign = signs(vals)
    for end, side in ((0.0, 0), (1.0, -1)):     # next to an end the grid descends into (or is flat at)
        if (g_sign[side] >= 0) if end == 0.0 else (g_sign[side] <= 0):
            singular = singular_end(int(end), sampler, loss, clamp) is not None
            probes = _end_probes(end, singular)
            near = np.concatenate([[ks[1] if end == 0.0 else ks[-2]], probes, [end]])   # towards the end
            v_near = delta_star(near, D, d, sampler, loss, clamp)
            if end == 0.0:                      # in increasing k
                near, v_near = near[::-1], v_near[::-1]
            extrema(near, v_near, (END_MIN_SINGULAR if singular else END_MIN) / 10)
    i = int(np.argmin(vals))                   # the grid's best point, refined even without a detected sign change,
    below_ends = vals[i] < min(vals[0], vals[-1]) - SLOPE_NOISE * max(1.0, abs(vals[i]))   # when it beats both ends
    if (0 < i < grid - 1 and below_ends
            and not any(ks[i - 1] <= s_["k"] <= ks[i + 1] for s_ in stationary if s_["type"] == "minimum")):
        k_i, v_i = _refine(f, ks[i - 1], ks[i + 1])
        if v_i > vals[i]:
            k_i, v_i = float(ks[i]), float(vals[i])
        candidates[k_i] = v_i
        stationary.append({"k": k_i, "type": "minimum", "delta": v_i})
    for i in range(1, grid - 2):                # the grid slope dips towards 0 without changing sign: an inflection?
        if (g_sign[i - 1] == g_sign[i] == g_sign[i + 1] != 0
                and abs(g_slope[i]) < min(abs(g_slope[i - 1]), abs(g_slope[i + 1]))
                and abs(g_slope[i]) <= FLAT_SHARE * float(np.max(np.abs(g_slope)))):
            h = 1e-4
            k_i, g = _refine(lambda k: abs(f(min(k + h, 1.0)) - f(max(k - h, 0.0))) / (2 * h), ks[i - 1], ks[i + 2])
            if g <= 1e-7 * max(1.0, float(np.max(np.abs(vals)))):   # central-difference slope ~0 for Δ*'s size
                stationary.append({"k": k_i, "type": "inflection", "delta": f(k_i)})
    unique = []                                 # one entry per stationary point (two searches may both bracket it)
    for s_ in sorted(stationary, key=lambda s_: s_["k"]):
        if unique and unique[-1]["type"] == s_["type"] and s_["k"] - unique[-1]["k"] <= INTERIOR_TOL:
            keep_new = s_["delta"] < unique[-1]["delta"] if s_["type"] == "minimum" else s_["delta"] > unique[-1]["delta"]
            if keep_new:
                unique[-1] = s_
        else:
            unique.append(s_)
    v_min = min(candidates.values())
    ties = []                                   # tied candidates; the ends always, of two interior ones within
    for k in sorted(k for k, v in candidates.items() if is_tied(v, v_min)):   # INTERIOR_TOL (one minimum found twice)
        if ties and 0.0 < ties[-1] and k < 1.0 and k - ties[-1] <= INTERIOR_TOL:   # keep the lower Δ*
            if candidates[k] < candidates[ties[-1]]:
                ties[-1] = k
        else:
            ties.append(k)
    k_opt = ties[-1]                                         # TIE_RULE: the largest tied minimiser
    interior = INTERIOR_TOL < k_opt < 1 - INTERIOR_TOL
    half = float(vals[(grid - 1) // 2]) if (grid - 1) % 2 == 0 else f(0.5)
    at = {"0": float(vals[0]), "0.5": half, "1": float(vals[-1]), "k_star": candidates[k_opt]}
    return KStar(k_opt, interior, at, ties, unique)
