"""An independent high-precision reference for kdiff's Δ*(k) and its minimum over k ∈ [0, 1] (kdiff Eq. (12)),
for the property tests of ``difftheory kstar`` (tests/test_kstar_properties.py).

Nothing here comes from ``theory/``: κ², the five moments E_p[κ² f(t)] and Eq. (12) are written again from the
definitions and evaluated in mpmath at 50 digits, with a fixed Gauss–Legendre rule whose error is known a priori:

- logit-normal t (s = logit t ~ N(μ, σ²)): s-intervals of length ≤ min(1, σ) over μ ± 20σ. In s the integrand is
  analytic in the strip |Im s| < π (κ's denominator k(1 − t) + (1 − k)t vanishes at logit k ± iπ, t at ±iπ) and the
  Gaussian is entire, so 12 nodes per unit interval leave < 1e-20 relative;
- uniform t: intervals halving towards both ends down to 2^-72 ≈ 2e-22 (κ's pole at t = −k/(1 − 2k) lies outside
  [0, 1], at least as far from an interval [h/2, h] as the interval is long), 12 nodes each;
- a clamp adds its kink t_c (where the denominator meets the clamp) as a break point.

One rule for all five moments makes Eq. (12) the exact minimum of the loss under a discrete positive measure, so
its cancellation (E[κ²] ~ 1/clamp) amplifies round-off only (50 digits cover it), not the quadrature error.
Where κ² is not integrable (uniform t, unclamped v/x/ε loss, k exactly 0 or 1) the reference takes Δ* at
k = 1e-30 from that end, with intervals down to 2^-112 and 80 digits (Δ* is continuous there; next to the end it
moves by ~D·(1 − k), below 1e-14 relative for D ≤ 1e15).

``reference_minimum`` scans a fixed probe set — a uniform grid and points 10^(−j/2) from each end, j = 2 … 30 —
plus any hint points, then refines the best bracket by Brent in log-distance to the nearer end."""

from __future__ import annotations

import functools
import math

import mpmath as mp
from scipy import optimize

DPS = 50
COEF = {"x": (1, 0), "eps": (0, 1), "v": (1, -1)}   # κ = (ξ(1 − t) − ηt)/(k(1 − t) + (1 − k)t)  (kdiff App. A)
SINGULAR_STEP = mp.mpf("1e-30")
SINGULAR_DEPTH = 112   # halvings towards the ends for the singular end values: 2^-112 ≈ 2e-34 < SINGULAR_STEP


@functools.lru_cache(maxsize=8)
def _gl(n: int):
    with mp.workdps(DPS + 10):
        xs, ws = zip(*mp.calculus.quadrature.GaussLegendre(mp.mp).calc_nodes(_degree(n), mp.mp.prec))
    return [(mp.mpf(x), mp.mpf(w)) for x, w in zip(xs, ws)]


def _degree(n: int) -> int:
    """mpmath's Gauss–Legendre degree m has 3·2^(m−1) nodes; the smallest m with at least n."""
    m = 1
    while 3 * 2 ** (m - 1) < n:
        m += 1
    return m


def _rule(a, b, n):
    """Nodes and weights of Gauss–Legendre on [a, b]."""
    h, c = (b - a) / 2, (b + a) / 2
    return [(c + h * x, h * w) for x, w in _gl(n)]


class Sampler:
    """The quadrature of one time density: intervals (side, a, b) and per node (t, 1 − t, weight·density), with
    t and 1 − t kept apart (no cancellation near t = 1). Uniform t is integrated in u = t on [0, ½] (side 0) and in
    u = 1 − t on [½, 1] (side 1); logit-normal in s = logit t (side None)."""

    def __init__(self, name: str, mu: float = 0.0, sigma: float = 1.0, depth: int = 72):
        self.name, self.mu, self.sigma, self.depth = name, mu, sigma, depth
        self.n = 12
        with mp.workdps(DPS):
            self.intervals = self._intervals()
            self.nodes = [self.rule(iv) for iv in self.intervals]

    def _intervals(self):
        if self.name == "uniform":
            cuts = [mp.mpf(0)] + [mp.mpf(2) ** -j for j in range(self.depth, 0, -1)]
            return [(side, a, b) for side in (0, 1) for a, b in zip(cuts[:-1], cuts[1:])]
        mu, sg = mp.mpf(self.mu), mp.mpf(self.sigma)
        lo, hi = mu - 20 * sg, mu + 20 * sg
        n = int(mp.ceil((hi - lo) / min(mp.mpf(1), sg)))
        return [(None, lo + (hi - lo) * i / n, lo + (hi - lo) * (i + 1) / n) for i in range(n)]

    def rule(self, interval):
        side, a, b = interval
        return [self._node(x, w, side) for x, w in _rule(a, b, self.n)]

    def _node(self, x, w, side):
        if side == 0:
            return x, 1 - x, w
        if side == 1:
            return 1 - x, x, w
        e = mp.exp(-x)
        return 1 / (1 + e), e / (1 + e), w * mp.npdf(x, self.mu, self.sigma)

    def __repr__(self):
        return "uniform" if self.name == "uniform" else f"logit-normal:{self.mu!r},{self.sigma!r}"


@functools.lru_cache(maxsize=64)
def sampler(name: str, mu: float = 0.0, sigma: float = 1.0, depth: int = 72) -> Sampler:
    return Sampler(name, mu, sigma, depth)


def _kink(s: Sampler, k, clamp):
    """(side, position) of the kink where k(1 − t) + (1 − k)t = clamp in node coordinates, or None."""
    if clamp is None or k == mp.mpf(1) / 2:
        return None
    tc = (mp.mpf(clamp) - k) / (1 - 2 * k)
    if not 0 < tc < 1:
        return None
    if s.name == "uniform":
        return (0, tc) if tc <= mp.mpf(1) / 2 else (1, 1 - tc)
    return (None, mp.log(tc / (1 - tc)))


def _columns(nodes, loss):
    """Per node: t, 1 − t − t (the denominator is t + k(1 − 2t)), w·(ξ(1 − t) − ηt)², and f(t) for the moments."""
    xi, eta = COEF.get(loss, (None, None))
    t = [a for a, _, _ in nodes]
    o = [b for _, b, _ in nodes]
    num = [w if loss == "u" else w * (xi * b - eta * a) ** 2 for a, b, w in nodes]
    return t, [b - a for a, b in zip(t, o)], num, [[mp.mpf(1)] * len(t), t, o, [a * a for a in t], [b * b for b in o]]


@functools.lru_cache(maxsize=256)
def _cached_columns(s: Sampler, loss: str):
    with mp.workdps(DPS):
        return _columns([n for part in s.nodes for n in part], loss)


def moments(s: Sampler, k, loss: str, clamp=None, dps: int = DPS):
    """E_p[κ² f(t)] for f = 1, t, 1 − t, t², (1 − t)², as mpf  (κ: kdiff App. A, with Alg. 1's clamp)."""
    with mp.workdps(dps):
        k = mp.mpf(k)
        kink = _kink(s, k, clamp)
        if kink is None:
            t, slope, num, fs = _cached_columns(s, loss)
        else:   # the interval holding the kink is split there
            nodes = []
            for (side, a, b), part in zip(s.intervals, s.nodes):
                if kink[0] == side and a < kink[1] < b:
                    part = s.rule((side, a, kink[1])) + s.rule((side, kink[1], b))
                nodes += part
            t, slope, num, fs = _columns(nodes, loss)
        if loss == "u":
            q = num
        else:
            c = mp.mpf(clamp) if clamp is not None else None
            q = []
            for a, b, n in zip(t, slope, num):
                den = a + k * b
                if c is not None and den < c:
                    den = c
                q.append(n / (den * den))
        return [mp.fdot(q, f) for f in fs]


def singular(s: Sampler, k, loss: str, clamp) -> bool:
    return s.name == "uniform" and clamp is None and loss != "u" and k in (0, 1) and (
        (k == 0 and COEF[loss][0] != 0) or (k == 1 and COEF[loss][1] != 0))


def delta(s: Sampler, k, D, d, loss: str, clamp=None):
    """Δ*(k)  # kdiff Eq. (12), as mpf"""
    dps = DPS
    if singular(s, float(k), loss, clamp):   # the limit: Δ* at 1e-30 from the end (continuous; off by ~D·1e-30)
        s = sampler(s.name, s.mu, s.sigma, SINGULAR_DEPTH)
        k = SINGULAR_STEP if k == 0 else 1 - SINGULAR_STEP
        dps = DPS + 30                       # Eq. (12) cancels E[κ²] ~ 1e30 there
    with mp.workdps(dps):
        k = mp.mpf(k)
        m0, m_a, m_s, m_aa, m_ss = moments(s, k, loss, clamp, dps)
        phi, psi = k, -(1 - k)
        par = (phi**2 + psi**2) * m0 - (phi * m_a + psi * m_s) ** 2 / (m_aa + m_ss)
        perp = psi**2 * m0 - (psi * m_s) ** 2 / m_ss
        return mp.mpf(d) / 2 * par + (mp.mpf(D) - d) / 2 * perp


PROBES = sorted({0.0, 1.0} | {j / 20 for j in range(1, 20)}
                | {10 ** (-j / 2) for j in range(2, 31)} | {1 - 10 ** (-j / 2) for j in range(2, 31)})


def _coord(lo: float, hi: float):
    """(to_u, from_u): log distance to the end nearer the bracket (monotone, smooth on (0, 1))."""
    if lo + hi <= 1.0:
        return (lambda k: math.log(k)), (lambda u: math.exp(u))
    return (lambda k: math.log1p(-k)), (lambda u: -math.expm1(u))


def reference_minimum(s: Sampler, D, d, loss, clamp=None, hints=()) -> dict:
    """{"k", "delta"} of the least Δ* found, the probe values {k: Δ*} and the refined point."""
    ks = sorted(set(PROBES) | {float(h) for h in hints if 0.0 <= h <= 1.0})
    vals = {k: delta(s, k, D, d, loss, clamp) for k in ks}
    best = min(ks, key=vals.get)
    i = ks.index(best)
    lo, hi = ks[max(i - 1, 0)], ks[min(i + 1, len(ks) - 1)]
    k_ref, v_ref = best, vals[best]
    a, b = max(lo, 1e-300), min(hi, 1 - 2**-53)   # open bracket for the log coordinate
    if b > a:
        to_u, from_u = _coord(a, b)
        ua, ub = sorted((to_u(a), to_u(b)))
        res = optimize.minimize_scalar(lambda u: float(delta(s, from_u(u), D, d, loss, clamp)), bounds=(ua, ub),
                                       method="bounded", options={"xatol": 1e-12 * max(1.0, abs(ua), abs(ub))})
        k = from_u(res.x)
        v = delta(s, k, D, d, loss, clamp)
        if v < v_ref:
            k_ref, v_ref = k, v
    return {"k": k_ref, "delta": v_ref, "probes": vals}
