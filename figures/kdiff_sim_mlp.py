"""kdiff MLP simulations on manifolds: learned k over (D, d) as a heatmap, and learned k against theory, with
95 % intervals over seeds."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from difftheory.decide import mean_ci  # noqa: E402
from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory.toy.kdiff_mlp import manifold_sweep  # noqa: E402


@figure("kdiff_sim_manifold_heatmap", paper="kdiff",
        caption="k-Diff MLPs (Alg. 1: v-loss, logit-normal(0,1), clamp 0.05, constant-lr Adam) on d-spheres in R^D: "
                "learned k (left; mean ± 95% CI half-width over seeds) and learned k − D/(D+d) (right).")
def manifold_heatmap(out_dir: Path, scale: str, seed: int) -> list[Path]:
    rows = [r for r in manifold_sweep(scale, seed)["rows"] if r["kind"] == "sphere"]
    Ds = sorted({r["D"] for r in rows})
    ds = sorted({r["d"] for r in rows})
    grid = np.full((len(ds), len(Ds)), np.nan)
    half = np.full_like(grid, np.nan)
    diff = np.full_like(grid, np.nan)
    for r in rows:
        i, j = ds.index(r["d"]), Ds.index(r["D"])
        m, lo, hi = mean_ci(r["k_seeds"])
        grid[i, j], half[i, j], diff[i, j] = m, (hi - lo) / 2, m - r["D_over_D_plus_d"]
    fig, axes = plt.subplots(1, 2, figsize=(12, 3.8))
    for ax, val, title, cmap in ((axes[0], grid, "learned k (± 95% CI)", "viridis"),
                                 (axes[1], diff, "learned k − D/(D+d)", "coolwarm")):
        lim = np.nanmax(np.abs(val)) if cmap == "coolwarm" else None
        im = ax.imshow(val, origin="lower", aspect="auto", cmap=cmap,
                       vmin=-lim if lim else None, vmax=lim if lim else None)
        for (i, j), v in np.ndenumerate(val):
            if np.isfinite(v):
                text = f"{v:.3f}\n±{half[i, j]:.3f}" if cmap == "viridis" else f"{v:+.3f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=7)
        ax.set_xticks(range(len(Ds)), Ds)
        ax.set_yticks(range(len(ds)), ds)
        ax.set_xlabel("ambient D")
        ax.set_ylabel("intrinsic d")
        ax.set_title(title)
        fig.colorbar(im, ax=ax)
    return [save(fig, Path(out_dir) / "kdiff_sim_manifold_heatmap.png")]


@figure("kdiff_sim_mlp_k", paper="kdiff",
        caption="k-Diff MLPs on manifolds: learned k (mean, 95% CI over seeds) against D/(D+d) (true d) and D/(D+d̂) "
                "(TwoNN), with the identity and the linear k* = 1 of the trained loss; right: EMA of k over training "
                "(mean ± s.d. over seeds), as kdiff Fig. 3, each stack trained until its k settled or the cap.")
def mlp_k(out_dir: Path, scale: str, seed: int) -> list[Path]:
    sw = manifold_sweep(scale, seed)
    rows = sw["rows"]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    stats = [mean_ci(r["k_seeds"]) for r in rows]
    k = np.array([s[0] for s in stats])
    err = np.array([[s[0] - s[1], s[2] - s[0]] for s in stats]).T
    axes[0].errorbar([r["D_over_D_plus_d"] for r in rows], k, yerr=err, fmt="o", capsize=3, label="vs D/(D+d)")
    dhat = [r["D"] / (r["D"] + np.mean(r["d_hat_seeds"])) for r in rows]
    axes[0].errorbar(dhat, k, yerr=err, fmt="x", capsize=3, label="vs D/(D+d̂), TwoNN")
    axes[0].plot([0.4, 1], [0.4, 1], color="gray", lw=0.8, label="identity")
    axes[0].axhline(1.0, color="tab:red", lw=0.8, ls="--", label="linear k* of the v-loss (= 1)")
    axes[0].set_xlabel("D/(D+d)")
    axes[0].set_ylabel("learned k")
    axes[0].legend(fontsize=8)
    for r in rows:
        steps, m, s = np.array(r["record_steps"]), np.array(r["k_traj_mean"]), np.array(r["k_traj_sd"])
        line, = axes[1].plot(steps, m, lw=1, label=f"{r['kind']} D={r['D']} d={r['d']}" +
                             (" (hit the cap)" if r["hit_cap"] else ""))
        axes[1].fill_between(steps, m - s, m + s, color=line.get_color(), alpha=0.15)
        axes[1].axvline(r["steps"], color=line.get_color(), lw=0.6, ls=":")
    axes[1].axvspan(0.8 * sw["base_steps"], sw["base_steps"], color="gray", alpha=0.1)
    axes[1].set_xlabel("training step (dotted: where each stack stopped; shaded: last 20 % of the base steps)")
    axes[1].set_ylabel("EMA of k")
    axes[1].legend(fontsize=6, ncol=2)
    return [save(fig, Path(out_dir) / "kdiff_sim_mlp_k.png")]
