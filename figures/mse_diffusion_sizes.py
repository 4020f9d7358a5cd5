"""mse Fig. 1: diffusion sizes β_{t−Δt,t} of the ML- and MSE-diffusion for the SOTA models of §6."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory.theory import mse_diffusion_size  # noqa: E402


@figure("mse_fig1_diffusion_sizes", paper="mse",
        caption="Diffusion sizes β = η/ρ̊_t of the ML- (dashed) and MSE-diffusion (solid) with the exact discrete step "
                "η ≤ 1, for DiT/SiT/REPA/RAE, LightningDiT/SD3, EDM2 (dots: its 32-point grid) and SiD2, against "
                "generation progress i/N (0 = noise); dotted: the paper's approximation η² ≈ 2Δtλ' for the MSE-diffusion "
                "(not a step size where it exceeds 1).")
def fig1(out_dir: Path, scale: str, seed: int) -> list[Path]:
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for c, m in zip(colors, mse_diffusion_size.SOTA_MODELS):
        d = mse_diffusion_size.diffusion_sizes(m.schedule, m.param, mse_diffusion_size.model_grid(m))
        marker = "o" if m.grid == "edm2" else None
        label = f"{m.name} ({m.schedule}+{m.param}, {m.steps})"
        progress = [(i + 1) / len(d["t"]) for i in range(len(d["t"]))]  # step i/N (EDM2's grid is non-uniform in t)
        for ax in axes:
            ax.plot(progress, d["beta_mse"], color=c, marker=marker, ms=3, label=label)
            ax.plot(progress, d["beta_ml"], color=c, ls="--", lw=0.8, marker=marker, ms=2)
            ax.plot(progress, d["beta_mse_approx"], color=c, ls=":", lw=0.7)
    axes[0].set_yscale("log")
    axes[0].set_title("β (log scale); solid MSE, dashed ML (exact η); dotted MSE approx.")
    axes[1].set_ylim(0, 0.06)
    axes[1].axhline(0.01, color="gray", lw=0.6)
    axes[1].axhline(0.05, color="gray", lw=0.6, ls=":")
    axes[1].set_title("β near zero (lines at 1% and 5%)")
    for ax in axes:
        ax.set_xlabel("generation progress i/N (0 = noise, 1 = data)")
        ax.set_ylabel("β_{t−Δt,t} (data units)")
    axes[0].legend(fontsize=7)
    return [save(fig, Path(out_dir) / "mse_fig1_diffusion_sizes.png")]
