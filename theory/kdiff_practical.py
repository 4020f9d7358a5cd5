"""k* of kdiff's linear model for the losses k-Diff is actually trained with (Alg. 1: v-loss, clamp 0.05,
logit-normal samplers of Table 4), besides the x- and ε-losses — numerically, through the twin
``optimal_loss`` (Δ*(k) from the moments of p κ²). Shared by the claim kdiff.beyond.kstar_practical_losses
and the figures (cached per scale)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from difftheory.theory.optimal_loss import delta_star, k_star, k_star_of_ratio
from difftheory.theory.samplers import LATENT_SAMPLER, PIXEL_SAMPLER, TimeSampler

SAMPLERS = {"uniform": TimeSampler(), "latent": LATENT_SAMPLER, "pixel": PIXEL_SAMPLER}
SETTINGS = (("u", None), ("v", 0.05), ("x", 0.05), ("eps", 0.05))   # Alg. 1 clamps the velocity denominator


@lru_cache(maxsize=4)
def kstar_curves(scale: str = "quick") -> dict:
    """k*(D/d) for every sampler × loss (clamp 0.05 except the u-loss), on a log grid of D/d."""
    ratios = np.logspace(0, 3, 25 if scale == "quick" else 61)
    grid = 201 if scale == "quick" else 801
    curves = {f"{s} {loss}": k_star_of_ratio(ratios, SAMPLERS[s], loss, clamp, grid=grid)
              for s in SAMPLERS for loss, clamp in SETTINGS}
    return {"ratios": ratios, "curves": curves}


@lru_cache(maxsize=4)
def practical_table(scale: str = "quick") -> dict:
    """The numbers behind kdiff.beyond.kstar_practical_losses."""
    r = [1.0, 1.5, 2.0, 3.0, 10.0, 100.0] if scale == "quick" else [1.0, 1.2, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 1000.0]
    grid = 201 if scale == "quick" else 1601
    rows = {"thm3_2": [x / (x + 1) for x in r]}
    for s in SAMPLERS:
        for loss, clamp in (("v", 0.05), ("v", None), ("x", 0.05), ("eps", 0.05), ("u", None)):
            key = f"{s} {loss} clamp{clamp if clamp is not None else 'none'}"
            rows[key] = k_star_of_ratio(r, SAMPLERS[s], loss, clamp, grid=grid).tolist()
    clamps = [0.01, 0.05, 0.2] if scale == "quick" else [0.01, 0.02, 0.05, 0.1, 0.2]
    sweep = {}
    for s in ("latent", "pixel"):
        for c in clamps:
            for x, kk in zip((2.0, 10.0), k_star_of_ratio([2.0, 10.0], SAMPLERS[s], "v", c, grid=grid)):
                sweep.setdefault(f"{s} v D/d={x:g}", {})[str(c)] = float(kk)
    precise = {}
    extra = () if scale == "quick" else (("uniform", "v", None), ("latent", "x", 0.05), ("pixel", "x", 0.05))
    for s, loss, clamp in (("uniform", "v", 0.05), ("latent", "v", 0.05), ("pixel", "v", 0.05)) + extra:
        ks = k_star(100, 10, SAMPLERS[s], loss, clamp)
        precise[f"{s} {loss} clamp{clamp}"] = {"k_star": ks.k_star, "interior": ks.interior, "delta_at": ks.delta_at}
    # D = d and a sampler symmetric about ½: (x, n, t, k) → (n, x, 1 − t, 1 − k) maps u → −u, z → z, den → den
    ks = np.array([0.1, 0.3])
    sym = {f"{s} Δ*(k), Δ*(1−k) at k={kk:g}, D=d=10": [float(a), float(b)] for s in ("latent", "uniform")
           for kk, a, b in zip(ks, delta_star(ks, 10, 10, SAMPLERS[s], "v", 0.05),
                               delta_star(1 - ks, 10, 10, SAMPLERS[s], "v", 0.05))}
    fine = np.concatenate([np.linspace(1.0, 1.2, 11), np.logspace(np.log10(1.25), 3, 15)])
    k_fine = k_star_of_ratio(fine, SAMPLERS["latent"], "v", 0.05, grid=grid)
    interior = [(float(a), float(b)) for a, b in zip(fine, k_fine) if 0.01 < b < 0.99]
    never = {"ratios": fine.tolist(), "k_star": k_fine.tolist(), "interior_(D/d, k*)": interior}
    return {"latent_v_clamp_fine_sweep": never, "symmetry_at_D_eq_d": sym, "ratio_values": r, "ratios": rows, "clamp_sweep": sweep, "D=100,d=10": precise,
            "samplers": {k: str(v) for k, v in SAMPLERS.items()}}
