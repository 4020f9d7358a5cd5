"""How the accepted ranges of ``difftheory kstar`` (kdiff_optimum.CLAMP_MIN, D_MAX, time_densities.SIGMA_MIN, MU_MAX,
SIGMA_MAX) were found: Δ*(k) of the twin (kdiff_optimum.delta_star, residual form) against Eq. (12) evaluated in
mpmath with 30 + 2·log10(1/clamp) digits (enough for its cancellation), over k ∈ {0, 1e-6, 0.003, 0.02, 0.049,
½, 0.951, 0.99, 1 − 1e-6, 1}, the v, x, ε and u losses, and samplers at the corners of the accepted ranges.
Prints the worst relative error per setting. A few minutes of CPU.

    python benchmarks/kstar_accuracy.py [--quick]
"""

from __future__ import annotations

import sys

import mpmath as mp
import numpy as np

from difftheory.theory.kdiff_optimum import CLAMP_MIN, D_MAX, delta_star
from difftheory.theory.time_densities import SIGMA_MIN, TimeDensity

COEF = {"x": (1, 0), "eps": (0, 1), "v": (1, -1)}


def delta_mp(k, D, d, sampler: TimeDensity, loss, clamp):
    """Eq. (12) with the five κ²-weighted moments integrated by mpmath (tanh-sinh, split at the clamp kink)."""
    k = mp.mpf(k)

    def kap2(t, o):   # o = 1 − t, passed separately (no cancellation near t = 1)
        if loss == "u":
            return mp.mpf(1)
        xi, eta = COEF[loss]
        den = k * o + (1 - k) * t
        return ((xi * o - eta * t) / (den if clamp is None else max(den, mp.mpf(clamp)))) ** 2

    kinks = []
    if clamp is not None and k != mp.mpf(1) / 2:
        tc = (mp.mpf(clamp) - k) / (1 - 2 * k)
        if 0 < tc < 1:
            kinks.append(tc)
    fs = (lambda t, o: 1, lambda t, o: t, lambda t, o: o, lambda t, o: t * t, lambda t, o: o * o)
    if sampler.name == "uniform":
        pts = [mp.mpf(0)] + kinks + [mp.mpf(1)]
        m = [mp.quad(lambda t, f=f: kap2(t, 1 - t) * f(t, 1 - t), pts) for f in fs]
    else:
        mu, sg = mp.mpf(sampler.mu), mp.mpf(sampler.sigma)
        pts = sorted({mu + j * sg for j in (-40, -20, -10, -5, -2, -1, 0, 1, 2, 5, 10, 20, 40)}
                     | {mp.log(t / (1 - t)) for t in kinks})

        def g(s, f):
            t, o = 1 / (1 + mp.exp(-s)), 1 / (1 + mp.exp(s))
            return kap2(t, o) * f(t, o) * mp.npdf(s, mu, sg)

        m = [mp.quad(lambda s, f=f: g(s, f), pts) for f in fs]
    phi, psi = k, -(1 - k)
    par = (phi**2 + psi**2) * m[0] - (phi * m[1] + psi * m[2]) ** 2 / (m[3] + m[4])
    perp = psi**2 * m[0] - (psi * m[2]) ** 2 / m[4]
    return mp.mpf(d) / 2 * par + (mp.mpf(D) - d) / 2 * perp


def worst(sampler, loss, clamp, D, d, ks):
    twin = delta_star(np.concatenate([ks, np.linspace(0, 1, 101)]), D, d, sampler, loss, clamp)[:ks.size]
    out = 0.0
    for k, v in zip(ks, twin):
        if sampler.name == "uniform" and clamp is None and loss != "u" and k in (0.0, 1.0):
            continue   # the singular ends: exact constrained values (kdiff.beyond.endpoint_limits)
        ref = float(delta_mp(k, D, d, sampler, loss, clamp))
        out = max(out, abs(v - ref) / abs(ref))
    return out


def main(quick: bool):
    ks = np.array([0.0, 1e-6, 0.003, 0.02, 0.049, 0.5, 0.951, 0.99, 1 - 1e-6, 1.0])
    samplers = [TimeDensity(), TimeDensity("logit-normal", -5, 2), TimeDensity("logit-normal", 5, 2),
                TimeDensity("logit-normal", 0, SIGMA_MIN), TimeDensity("logit-normal", -5, SIGMA_MIN)]
    clamps = [0.05, CLAMP_MIN] if quick else [0.05, 1e-4, 1e-8, CLAMP_MIN, 1e-12]
    for clamp in clamps:
        mp.mp.dps = 30 + 2 * int(round(-np.log10(clamp)))
        for s in samplers[:2] if quick else samplers:
            for D, d in ((10, 2), (D_MAX, 1)):
                err = max(worst(s, loss, clamp, D, d, ks) for loss in ("v", "x", "eps", "u"))
                print(f"clamp={clamp:g}  sampler={s}  D={D:g} d={d}  worst relative error {err:.1e}", flush=True)


if __name__ == "__main__":
    main("--quick" in sys.argv)
