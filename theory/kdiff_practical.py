"""k* of kdiff's linear model for the losses k-Diff is actually trained with (Alg. 1: v-loss, clamp 0.05,
logit-normal samplers of Table 4), besides the x- and ε-losses — numerically, through the twin
``kdiff_optimum`` (Δ*(k) from the κ²-weighted moments, residual form). Shared by the claim
kdiff.beyond.kstar_practical_losses and the figures (cached per scale)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from difftheory.theory.kdiff_optimum import delta_star, k_star, k_star_of_ratio
from difftheory.theory.time_densities import LATENT_DENSITY, PIXEL_DENSITY, TimeDensity

SAMPLERS = {"uniform": TimeDensity(), "latent": LATENT_DENSITY, "pixel": PIXEL_DENSITY}
SETTINGS = (("u", None), ("v", 0.05), ("x", 0.05), ("eps", 0.05))   # Alg. 1 clamps the velocity denominator
PAPER_LATENT_K = 0.66   # kdiff §5.1 / Fig. 3: the learned latent k (LightningDiT-XL/1, 800 epochs)


@lru_cache(maxsize=4)
def kstar_curves(scale: str = "quick") -> dict:
    """k*(D/d) for every sampler × loss (clamp 0.05 except the u-loss), on a log grid of D/d."""
    ratios = np.logspace(0, 3, 25 if scale == "quick" else 61)
    grid = 201 if scale == "quick" else 801
    curves = {f"{s} {loss}": k_star_of_ratio(ratios, SAMPLERS[s], loss, clamp, grid=grid)
              for s in SAMPLERS for loss, clamp in SETTINGS}
    return {"ratios": ratios, "curves": curves}


def _key(s, loss, clamp) -> str:
    return f"{s} {loss} clamp{clamp if clamp is not None else 'none'}"


@lru_cache(maxsize=4)
def practical_table(scale: str = "quick") -> dict:
    """The numbers behind kdiff.beyond.kstar_practical_losses: k* per D/d for every sampler × loss setting (the
    sweep ``k_star_of_ratio``), the clamp sweep, the precise minimiser at D = 100, d = 10 (and the sweep's gap to
    it), the tie at D = d, and a fine D/d sweep of the trained latent setting."""
    quick = scale == "quick"
    r = [1.0, 1.5, 2.0, 3.0, 10.0, 100.0] if quick else [1.0, 1.2, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 1000.0]
    grid = 201 if quick else 1601
    rows = {"thm3_2": [x / (x + 1) for x in r]}
    settings = (("v", 0.05), ("v", None), ("x", 0.05), ("eps", 0.05), ("u", None))
    for s in SAMPLERS:
        for loss, clamp in settings:
            rows[_key(s, loss, clamp)] = k_star_of_ratio(r, SAMPLERS[s], loss, clamp, grid=grid).tolist()
    clamps = [0.01, 0.05, 0.2] if quick else [0.01, 0.02, 0.05, 0.1, 0.2]
    sweep = {}
    for s in ("latent", "pixel"):
        for c in clamps:
            for x, kk in zip((2.0, 10.0), k_star_of_ratio([2.0, 10.0], SAMPLERS[s], "v", c, grid=grid)):
                sweep.setdefault(f"{s} v D/d={x:g}", {})[str(c)] = float(kk)
    precise, gap = {}, 0.0
    extra = () if quick else (("uniform", "v", None), ("latent", "x", 0.05), ("pixel", "x", 0.05))
    for s, loss, clamp in (("uniform", "v", 0.05), ("latent", "v", 0.05), ("pixel", "v", 0.05)) + extra:
        ks = k_star(100, 10, SAMPLERS[s], loss, clamp)
        fast = float(k_star_of_ratio([10.0], SAMPLERS[s], loss, clamp, grid=grid)[0])
        gap = max(gap, abs(fast - ks.k_star))
        precise[_key(s, loss, clamp)] = {"k_star": ks.k_star, "sweep_k_star": fast, "interior": ks.interior,
                                         "ties": ks.ties, "delta_at": ks.delta_at}
    # D = d with a sampler symmetric about ½: (x, n, t, k) → (n, x, 1 − t, 1 − k) maps u → −u, z → z, den → den
    tie = k_star(10, 10, LATENT_DENSITY, "v", 0.05)
    ks_sym = np.array([0.1, 0.3])
    sym = 0.0
    for s in ("latent", "uniform"):
        a, b = delta_star(ks_sym, 10, 10, SAMPLERS[s], "v", 0.05), delta_star(1 - ks_sym, 10, 10, SAMPLERS[s], "v", 0.05)
        sym = max(sym, float(np.max(np.abs(a - b) / a)))
    fine = np.concatenate([np.linspace(1.0, 1.2, 11), np.logspace(np.log10(1.25), 3, 15 if quick else 60)])
    k_fine = k_star_of_ratio(fine, LATENT_DENSITY, "v", 0.05, grid=grid)
    j = int(np.argmin(np.abs(k_fine - PAPER_LATENT_K)))
    return {"ratio_values": r, "k_star": rows, "clamp_sweep": sweep, "D=100,d=10": precise,
            "sweep_vs_precise_max_gap": gap,
            "tie_at_D_eq_d": {"k_star": tie.k_star, "ties": tie.ties, "stationary": tie.stationary},
            "symmetry_max_rel_gap": sym,
            "fine_sweep": {"ratios": fine.tolist(), "k_star": k_fine.tolist()}, "fine_sweep_points": int(fine.size),
            "fine_sweep_interior": int(np.sum((k_fine > 0.01) & (k_fine < 0.99))),
            "closest_to_paper_latent_k": {"paper_k": PAPER_LATENT_K, "k_star": float(k_fine[j]), "ratio": float(fine[j])},
            "samplers": {k: str(v) for k, v in SAMPLERS.items()}}
