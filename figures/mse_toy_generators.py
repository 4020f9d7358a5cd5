"""The toy generator comparison (mse Table 1 analogue): W2 and MMD² per generator with 95% intervals."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory.toy.mse_generators import KINDS, NFES, SOLVERS, generator_comparison  # noqa: E402


@figure("mse_toy_generators", paper="mse",
        caption="2-D Gaussian mixture: W2 to fresh data (top) and exact-side MMD² (bottom) of Euler/Heun-UDS as "
                "Flow, MSE- and ML-diffusion at NFE 63 and 255, for the exact denoiser and an MLP trained on Vel "
                "(means and 95% intervals over seeds; dashed: data-vs-data W2).")
def toy_generators(out_dir: Path, scale: str, seed: int) -> list[Path]:
    res = generator_comparison(scale, seed)
    names = list(res)
    fig, axes = plt.subplots(2, len(names), figsize=(5 * len(names), 7), squeeze=False)
    colors = dict(zip(KINDS, ("tab:blue", "tab:green", "tab:red")))
    cells = [(sv, f) for sv in SOLVERS for f in NFES]
    for j, name in enumerate(names):
        d = res[name]
        for row, metric in enumerate(("w2", "mmd2")):
            ax = axes[row, j]
            for i, k in enumerate(KINDS):
                xs = np.arange(len(cells)) + (i - 1) * 0.25
                m = np.array([d[metric][f"{sv}/{k}/{f}"]["mean"] for sv, f in cells])
                lo = np.array([d[metric][f"{sv}/{k}/{f}"]["lo"] for sv, f in cells])
                hi = np.array([d[metric][f"{sv}/{k}/{f}"]["hi"] for sv, f in cells])
                ax.errorbar(xs, m, yerr=[m - lo, hi - m], fmt="o", color=colors[k], label=k, capsize=3)
            if metric == "w2":
                ax.axhline(d["w2_floor"]["mean"], color="gray", ls="--", lw=0.8)
                ax.set_title(name)
            else:
                ax.axhline(0, color="gray", lw=0.6)
            ax.set_xticks(range(len(cells)), [f"{sv}\nNFE {f}" for sv, f in cells])
            ax.set_ylabel("W2 to data" if metric == "w2" else "MMD² to data")
        axes[0, j].legend(fontsize=8)
    return [save(fig, Path(out_dir) / "mse_toy_generators.png")]
