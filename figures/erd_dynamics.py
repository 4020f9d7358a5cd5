"""erd's dynamics bounds against the exactly integrated frozen-kernel dynamics of the trained App. F networks
(``toy/erd_kernel_dynamics.dynamics_study``): Thm 3.4 / C.6 (Eq. 60) bound vs measured excess over training time,
and Thm 3.8 / D.4 (Eq. 102) per mode against the kernel eigenvalue. Time in the toy world: t = 0 data."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory.toy import erd_kernel_dynamics  # noqa: E402

LABEL = {"eps": "ε", "x0": "x0", "v": "v", "u": "u"}


def _models(st, schedule="linear"):
    return [m for m in st["models"] if m["schedule"] == schedule]


@figure("erd_dynamics_excess_bound", paper="erd",
        caption="erd Thm 3.4 / C.6: the excess ℓ̃_T of the frozen-kernel SGD sample path (black) and the Eq. (60) bound "
                "(colours: β·T_h ∈ {0.01, 0.1, 1, 10, 100}) over training time τ, linear schedule, M uniform; columns: "
                "targets, rows: evaluation levels t (0 = data).")
def excess_bound(out_dir: Path, scale: str, seed: int) -> list[Path]:
    st = erd_kernel_dynamics.dynamics_study(scale, seed)
    models = _models(st)
    levels = st["levels"]
    fig, axes = plt.subplots(len(levels), len(models), figsize=(3.2 * len(models), 2.5 * len(levels)), squeeze=False,
                             sharex="col")
    for j, mod in enumerate(models):
        c = mod["allocations"]["uniform"]["curves"]
        for i, t in enumerate(levels):
            ax = axes[i, j]
            for b in range(len(c["betas"])):
                ax.plot(c["tau"], c["bound_eq60"][:, i, b], color=f"C{b}", lw=1,
                        label=f"β·T_h = {st['rate_grid'][b]:g}")
            ax.plot(c["tau"], c["excess"][:, i], "k-", lw=1.6, label="measured ℓ̃")
            ax.set_yscale("log")
            top = max(c["excess"][:, i].max(), 1e-300)
            ax.set_ylim(min(c["excess"][:, i].min() / 3, top / 10), top * 1e3)
            ax.set_title(f"{LABEL[mod['target']]}, t = {t:g}", fontsize=9)
            if j == 0:
                ax.set_ylabel("excess ℓ̃")
            if i == len(levels) - 1:
                ax.set_xlabel("training time τ")
    axes[0, 0].legend(fontsize=6)
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "erd_dynamics_excess_bound.png")]


@figure("erd_dynamics_modes", paper="erd",
        caption="erd Thm 3.8 / D.4 per mode at the end of the horizon: |a_j(T)|² of the fixed-noise surrogate (dots), "
                "the Eq. (102) bound minimised over γ on the grid (line), and the actual joint sample-path dynamics "
                "projected on the same modes (crosses, where the closure is dropped), against the kernel eigenvalue κ_j; "
                "linear schedule, M uniform, highest evaluation level.")
def modes(out_dir: Path, scale: str, seed: int) -> list[Path]:
    st = erd_kernel_dynamics.dynamics_study(scale, seed)
    models = _models(st)
    fig, axes = plt.subplots(1, len(models), figsize=(3.4 * len(models), 3.0), squeeze=False)
    for j, mod in enumerate(models):
        f = mod["allocations"]["uniform"]["fixed_noise"][-1]
        c = f["curves"]
        kap = np.maximum(np.asarray(c["kappa"]), 1e-16)
        order = np.argsort(kap)
        ax = axes[0, j]
        ax.plot(kap[order], np.asarray(c["bound_end"]).min(0)[order], "C0-", lw=1, label="Eq. (102), best γ")
        ax.plot(kap, c["measured_end"], "k.", ms=3, label="fixed-noise surrogate")
        ax.plot(kap, c["joint_end"], "C3x", ms=3, label="joint dynamics")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("κ_j")
        ax.set_title(f"{LABEL[mod['target']]}, t = {f['level']:g}", fontsize=9)
    axes[0, 0].set_ylabel("|a_j(T)|²")
    axes[0, 0].legend(fontsize=6)
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "erd_dynamics_modes.png")]
