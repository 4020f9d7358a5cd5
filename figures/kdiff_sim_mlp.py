"""kdiff MLP simulations on manifolds: learned k over (D, d) as a heatmap, and learned k against theory."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory.toy.kdiff_mlp import manifold_sweep  # noqa: E402


@figure("kdiff_sim_manifold_heatmap", paper="kdiff",
        caption="k-Diff MLPs (Alg. 1: v-loss, logit-normal(0,1), clamp 0.05) on d-spheres in R^D: learned k "
                "(left) and learned k − D/(D+d) (right) over the (D, d) sweep.")
def manifold_heatmap(out_dir: Path, scale: str, seed: int) -> list[Path]:
    rows = [r for r in manifold_sweep(scale, seed)["rows"] if r["kind"] == "sphere"]
    Ds = sorted({r["D"] for r in rows})
    ds = sorted({r["d"] for r in rows})
    grid = np.full((len(ds), len(Ds)), np.nan)
    diff = np.full_like(grid, np.nan)
    for r in rows:
        i, j = ds.index(r["d"]), Ds.index(r["D"])
        grid[i, j], diff[i, j] = r["k_learned"], r["k_learned"] - r["D_over_D_plus_d"]
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
    for ax, val, title, cmap in ((axes[0], grid, "learned k", "viridis"),
                                 (axes[1], diff, "learned k − D/(D+d)", "coolwarm")):
        lim = np.nanmax(np.abs(val)) if cmap == "coolwarm" else None
        im = ax.imshow(val, origin="lower", aspect="auto", cmap=cmap,
                       vmin=-lim if lim else None, vmax=lim if lim else None)
        for (i, j), v in np.ndenumerate(val):
            if np.isfinite(v):
                ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7)
        ax.set_xticks(range(len(Ds)), Ds)
        ax.set_yticks(range(len(ds)), ds)
        ax.set_xlabel("ambient D")
        ax.set_ylabel("intrinsic d")
        ax.set_title(title)
        fig.colorbar(im, ax=ax)
    return [save(fig, Path(out_dir) / "kdiff_sim_manifold_heatmap.png")]


@figure("kdiff_sim_mlp_k", paper="kdiff",
        caption="k-Diff MLPs on manifolds: learned k against D/(D+d) (true d) and D/(D+d̂) (TwoNN estimate), with "
                "the identity; right: k over training (as kdiff Fig. 3).")
def mlp_k(out_dir: Path, scale: str, seed: int) -> list[Path]:
    sw = manifold_sweep(scale, seed)
    rows = sw["rows"]
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    axes[0].scatter([r["D_over_D_plus_d"] for r in rows], [r["k_learned"] for r in rows], label="vs D/(D+d)")
    axes[0].scatter([r["D_over_D_plus_dhat"] for r in rows], [r["k_learned"] for r in rows], marker="x",
                    label="vs D/(D+d̂), TwoNN")
    axes[0].plot([0.4, 1], [0.4, 1], color="gray", lw=0.8)
    axes[0].set_xlabel("D/(D+d)")
    axes[0].set_ylabel("learned k")
    axes[0].legend(fontsize=8)
    for r in rows:
        steps = np.linspace(0, sw["steps"], len(r["k_traj"]))
        axes[1].plot(steps, r["k_traj"], label=f"{r['kind']} D={r['D']} d={r['d']}")
    axes[1].set_xlabel("training step")
    axes[1].set_ylabel("k")
    axes[1].legend(fontsize=6, ncol=2)
    return [save(fig, Path(out_dir) / "kdiff_sim_mlp_k.png")]
