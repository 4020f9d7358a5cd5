"""The toy generator comparison (mse Table 1 analogue): exact-side MMD² of every generator with 95 % intervals
over seeds."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from difftheory.decide import mean_ci  # noqa: E402
from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory.toy.mse_generators import (EDM2_HEUN, KINDS, MMD_BANDWIDTH, NFES, SOLVERS,  # noqa: E402
                                           generator_comparison, mmd2_width_error, mse_gmm)

WIDTH_ERROR = 0.02  # the equivalence margin drawn (as in toy/claims_mse_toy.py)


@figure("mse_toy_generators", paper="mse",
        caption="2-D Gaussian mixture: exact-side MMD² to the data of Euler/Heun-UDS as Flow, MSE- and ML-diffusion "
                "(and EDM2's Heun in Table 1's Normal/F-pred/EDM2-grid setting) at NFE 63 and 255, for the exact "
                "denoiser and an MLP trained on Vel (means and 95% intervals over seeds; dashed: ± the MMD² of a 2% "
                "mode-width error, the equivalence margin).")
def toy_generators(out_dir: Path, scale: str, seed: int) -> list[Path]:
    res = generator_comparison(scale, seed)
    margin = mmd2_width_error(mse_gmm(), WIDTH_ERROR, MMD_BANDWIDTH)
    names = list(res)
    fig, axes = plt.subplots(1, len(names), figsize=(5.5 * len(names), 4), squeeze=False)
    colors = dict(zip(KINDS + (EDM2_HEUN,), ("tab:blue", "tab:green", "tab:red", "tab:purple")))
    cells = [(sv, f) for sv in SOLVERS for f in NFES]
    for j, name in enumerate(names):
        d = res[name]
        ax = axes[0, j]
        for i, k in enumerate(KINDS):
            xs = np.arange(len(cells)) + (i - 1) * 0.2
            st = [mean_ci(d["mmd2"][f"{sv}/{k}/{f}"]) for sv, f in cells]
            m = np.array([s[0] for s in st])
            ax.errorbar(xs, m, yerr=[m - [s[1] for s in st], [s[2] for s in st] - m], fmt="o", color=colors[k],
                        label=k, capsize=3)
        if name == "edm2":
            for f in NFES:
                x = [i for i, c in enumerate(cells) if c == ("heun", f)][0] + 0.4
                m, lo, hi = mean_ci(d["mmd2"][f"{EDM2_HEUN}/flow/{f}"])
                ax.errorbar([x], [m], yerr=[[m - lo], [hi - m]], fmt="s", color=colors[EDM2_HEUN], capsize=3,
                            label="HeunEDM2 (flow)" if f == NFES[0] else None)
        for y in (margin, -margin):
            ax.axhline(y, color="gray", ls="--", lw=0.7)
        ax.axhline(0, color="gray", lw=0.6)
        ax.set_title(f"{d['setting']} ({d['seeds']} seeds × {d['n']})", fontsize=9)
        ax.set_xticks(range(len(cells)), [f"{sv}\nNFE {f}" for sv, f in cells])
        ax.set_ylabel("MMD² to the data")
        ax.legend(fontsize=7)
    return [save(fig, Path(out_dir) / "mse_toy_generators.png")]
