"""The ddpm paper's figure: the ELBO weight of each step against L_simple's constant weight."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory_ddpm import process  # noqa: E402


@figure("ddpm_elbo_weight", paper="ddpm",
        caption="ddpm Eq. (12): the ELBO weight β_t²/(2σ_t² α_t (1 − ᾱ_t)) of ‖ε − ε_θ‖² per step (σ_t² = β_t, §4's "
                "linear schedule); L_simple (Eq. 14) weighs every step 1.")
def elbo_weight_figure(out_dir: Path, scale: str, seed: int) -> list[Path]:
    w = process.elbo_weight(process.linear_betas())
    fig, ax = plt.subplots(figsize=(5, 3.2))
    ax.semilogy(range(1, len(w) + 1), w)
    ax.set_xlabel("t")
    ax.set_ylabel("ELBO weight of step t")
    return [save(fig, Path(out_dir) / "ddpm_elbo_weight.png")]
