"""mse Table 1 on exact Gaussian laws: the FD of every generator per spectrum, and the HeunUDS/HeunEDM2 grid sweep."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory.toy import mse_gaussian_laws as gl  # noqa: E402
from difftheory.toy.mse_generators import EDM2_HEUN, NFES  # noqa: E402


@figure("mse_table1_exact", paper="mse",
        caption="Exact Gaussian laws (D = 4·64·64, σ_data = 0.5, λ_i ∝ i^−α), EDM2 setting: left, the Fréchet distance "
                "to the data of every Table 1 generator at NFE 63 (dark) and 255 (light) per spectrum (solid bars: "
                "start N(0, σ_max²) as mse Eq. 10; dots: from the exact marginal, the discretisation alone); right, "
                "HeunUDS (flow, solid) and HeunEDM2 (dashed) at NFE 63 on each grid, only the grid changed (EDM's ρ-grids, "
                "uniform in λ̊; mse §3's uniform t-grid, far worse for both, as text).")
def table1_exact(out_dir: Path, scale: str, seed: int) -> list[Path]:
    table = gl.table1_exact()
    sweep = gl.heun_grid_sweep()
    spectra = list(table)
    gens = [f"{sv}/{k}" for sv, k in gl.TABLE1_GENERATORS]
    fig, axes = plt.subplots(1, len(spectra) + 1, figsize=(4.2 * (len(spectra) + 1), 4.4))
    x = np.arange(len(gens))
    for ax, sp in zip(axes, spectra):
        cells = table[sp]["edm2"]
        for j, (f, shade) in enumerate(zip(NFES, (0.9, 0.45))):
            fd = [cells[f"{g}/{f}"]["fd"] for g in gens]
            fdm = [cells[f"{g}/{f}"]["fd_marginal"] for g in gens]
            ax.bar(x + (j - 0.5) * 0.38, fd, 0.38, color=plt.cm.Blues(shade), label=f"NFE {f}")
            ax.plot(x + (j - 0.5) * 0.38, fdm, "k.", ms=4, label="from the marginal" if j == 0 else None)
        ax.set_yscale("log")
        ax.set_xticks(x, [g.replace(EDM2_HEUN, "EDM2").replace("/", "\n") for g in gens], fontsize=7)
        ax.set_title(f"{sp} (λ_max {table[sp]['lam_max']:.3g})", fontsize=9)
        ax.set_ylabel("FD to the data")
        ax.legend(fontsize=7)
    ax = axes[-1]
    grids = [g for g in gl.grid_names() if g != "uniform"]  # mse §3's uniform t-grid is far off the scale: as text
    off = []
    for sp, color in zip(spectra, ("tab:blue", "tab:orange", "tab:green")):
        for sv, ls, name in (("heun", "-", "HeunUDS"), (EDM2_HEUN, "--", "HeunEDM2")):
            ax.plot(grids, [sweep[sp][f"{sv}/{g}/63"]["fd"] for g in grids], ls, marker="o", color=color, ms=3,
                    label=f"{sp} {name}")
            off.append(f"{sp} {name} {sweep[sp][f'{sv}/uniform/63']['fd']:.3g}")
    ax.set_xlabel("uniform t-grid: " + "; ".join(off[:2]) + "\n" + "; ".join(off[2:4]) + "\n" + "; ".join(off[4:]),
                  fontsize=6)
    ax.set_yscale("log")
    ax.set_title("NFE 63, grid changed alone", fontsize=9)
    ax.set_ylabel("FD to the data")
    ax.tick_params(axis="x", labelsize=7, rotation=30)
    ax.legend(fontsize=6, loc="upper right")
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "mse_table1_exact.png")]
