"""kdiff theory figures: Δ*(k) curves and k* against D/d for the samplers and losses (numeric twins)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from difftheory.figures.registry import figure, save  # noqa: E402

PAIRS = ((10, 10), (20, 10), (100, 10), (1000, 10))


@figure("kdiff_delta_curves", paper="kdiff",
        caption="Δ*(k)/d of the linear model for several (D, d): left Thm 3.2's setting (u-loss, uniform t, "
                "minimum at D/(D+d), dots); right Alg. 1 as trained (v-loss, clamp 0.05, logit-normal(0,1)). "
                "Hollow dots: minimisers tied with k* (D = d, where Δ*(k) = Δ*(1 − k)).")
def delta_curves(out_dir: Path, scale: str, seed: int) -> list[Path]:
    from difftheory.theory.kdiff_optimum import delta_star, k_star
    from difftheory.theory.time_densities import LATENT_DENSITY, TimeDensity

    ks = np.linspace(0, 1, 101 if scale == "quick" else 401)
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    panels = ((axes[0], TimeDensity(), "u", None, "u-loss, uniform t (Thm 3.2)"),
              (axes[1], LATENT_DENSITY, "v", 0.05, "v-loss, clamp 0.05, logit-normal(0,1) (Alg. 1)"))
    for ax, sampler, loss, clamp, title in panels:
        for D, d in PAIRS:
            vals = delta_star(ks, D, d, sampler, loss, clamp) / d
            line, = ax.plot(ks, vals, label=f"D={D}, d={d}")
            ks_ = k_star(D, d, sampler, loss, clamp)
            ax.plot([ks_.k_star], [ks_.delta_at["k_star"] / d], "o", color=line.get_color())
            others = [k for k in ks_.ties if k != ks_.k_star]      # tied minimisers (D = d): hollow markers
            if others:
                ax.plot(others, delta_star(np.array(others), D, d, sampler, loss, clamp) / d, "o", mfc="none",
                        color=line.get_color())
        ax.set_yscale("log")
        ax.set_xlabel("k")
        ax.set_ylabel("Δ*(k) / d")
        ax.set_title(title, fontsize=9)
        for kk, name in ((0, "ε"), (0.5, "v"), (1, "x")):
            ax.axvline(kk, color="0.8", lw=0.8, zorder=0)
            ax.text(kk, 0.02, name, transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=8,
                    color="0.4")
    axes[0].legend(fontsize=8)
    return [save(fig, Path(out_dir) / "kdiff_delta_curves.png")]


@figure("kdiff_kstar_vs_ratio", paper="kdiff",
        caption="k* against D/d for the uniform and Table 4's logit-normal samplers and the u-, v-, x-, ε-losses "
                "(clamp 0.05 except u); dashed: Thm 3.2's D/(D+d).")
def kstar_vs_ratio(out_dir: Path, scale: str, seed: int) -> list[Path]:
    from difftheory.theory.kdiff_practical import SAMPLERS, SETTINGS, kstar_curves

    data = kstar_curves(scale)
    r = data["ratios"]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8), sharey=True)
    for ax, s in zip(axes, SAMPLERS):
        for loss, clamp in SETTINGS:
            ax.plot(r, data["curves"][f"{s} {loss}"], marker=".", ms=3,
                    label=f"{loss}-loss" + ("" if clamp is None else f", clamp {clamp}"))
        ax.plot(r, r / (r + 1), "k--", lw=1, label="D/(D+d)")
        ax.set_xscale("log")
        ax.set_xlabel("D / d")
        ax.set_title(f"{s}: {SAMPLERS[s]}", fontsize=9)
    axes[0].set_ylabel("k*")
    axes[0].legend(fontsize=8)
    return [save(fig, Path(out_dir) / "kdiff_kstar_vs_ratio.png")]
