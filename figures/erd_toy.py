"""erd App. F figures regenerated on the 2D GMM (time as in App. F: t = 0 data, t = 1 noise): Fig. 2/7, 3/8, 9,
10, 11, 12, the weighting comparison, and the weights of Prop. E.1 beside the baselines."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory.theory.erd_weights import normalized_weight  # noqa: E402
from difftheory.theory.target_conversions import ERD_TARGETS  # noqa: E402
from difftheory.toy import erd_experiments  # noqa: E402
from difftheory.theory.schedules import ERD_SCHEDULES as SCHEDULES, erd_schedule  # noqa: E402

LABEL = {"eps": "ε", "x0": "x0", "v": "v = αε − σx0", "u": "u = ε − x0"}


def _grid(nrows, ncols, **kw):
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.4 * ncols, 2.8 * nrows), squeeze=False, **kw)
    return fig, axes


@figure("erd_fig7_loss_vs_floor", paper="erd",
        caption="erd Fig. 2/7: the global models' MSE (blue) vs the exact Bayes floor (black) across t (0 = data), per "
                "target (columns) and schedule (rows); bottom: excess over the floor E‖f − E[y|z]‖² of the replicated "
                "cell's global and piecewise models (mean ± 95% CI over replicates; grey lines: bin edges).")
def fig7(out_dir: Path, scale: str, seed: int) -> list[Path]:
    gc = erd_experiments.global_curves(scale, seed)
    cc = erd_experiments.cell_curves(scale, seed)
    fig, axes = _grid(len(SCHEDULES) + 1, len(ERD_TARGETS))
    for i, s in enumerate(gc["specs"]):
        ax = axes[SCHEDULES.index(s.schedule), ERD_TARGETS.index(s.target)]
        ax.plot(gc["ts"], gc["floor"][i], "k-", lw=1.5, label="Bayes floor")
        ax.plot(gc["ts"], gc["loss"][i], "C0-", label="global")
        ax.set_title(f"{LABEL[s.target]}, {s.schedule}", fontsize=9)
        ax.set_xlabel("t (0 = data)")
    axes[0, 0].set_ylabel("MSE")
    axes[0, 0].legend(fontsize=7)
    bottom = axes[-1]
    for ax in bottom[2:]:
        ax.axis("off")
    ax = bottom[0]
    for name, key, color in (("global", "excess_global", "C0"), ("piecewise", "excess_piecewise", "C1")):
        mean, lo, hi = _seed_band(np.log10(np.maximum(cc[key], 1e-12)))  # geometric mean and its interval
        ax.semilogy(cc["ts"], 10**mean, color=color, label=name)
        ax.fill_between(cc["ts"], 10**lo, 10**hi, color=color, alpha=0.25)
    for b in range(1, cc["n_bins"]):
        ax.axvline(b / cc["n_bins"], color="0.85", lw=0.5)
    ax.set_title(f"excess E‖f − E[y|z]‖², {LABEL[cc['cell'][0]]}/{cc['cell'][1]}, {cc['seeds']} replicates", fontsize=8)
    ax.set_xlabel("t (0 = data)")
    ax.legend(fontsize=7)
    ax = bottom[1]
    ax.axis("on")
    for b in range(cc["n_bins"]):
        cols = cc["bins"] == b
        d = cc["excess_global"][:, cols].mean(1) - cc["excess_piecewise"][:, cols].mean(1)
        mean, lo, hi = _seed_band(d[:, None])
        ax.errorbar([(b + 0.5) / cc["n_bins"]], mean, yerr=[mean - lo, hi - mean], fmt="o", color="C2", capsize=3)
    ax.axhline(0, color="0.5", lw=0.7)
    ax.set_title("global − piecewise excess per bin (95% CI)", fontsize=8)
    ax.set_xlabel("t bin centre (0 = data)")
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "erd_fig7_loss_vs_floor.png")]


def _seed_band(x: np.ndarray, floor: float | None = None):
    """Mean and 95% t-interval over the first axis (replicates); the lower end clipped at ``floor`` (log axes)."""
    from scipy import stats

    m = x.mean(0)
    if len(x) < 2:
        return m, m, m
    h = stats.t.ppf(0.975, len(x) - 1) * x.std(0, ddof=1) / np.sqrt(len(x))
    return m, (m - h) if floor is None else np.clip(m - h, floor, None), m + h


@figure("erd_fig8_phase_space", paper="erd",
        caption="erd Fig. 3/8: exact recoverable-signal RMS ‖E[y|z_t]‖ vs Bayes-noise RMS ‖y − E[y|z_t]‖ along t "
                "(colour, 0 = data); dashed: the 50 % contamination diagonal.")
def fig8(out_dir: Path, scale: str, seed: int) -> list[Path]:
    ph = erd_experiments.phase_space()
    fig, axes = _grid(1, len(SCHEDULES))
    for j, sc in enumerate(SCHEDULES):
        ax = axes[0, j]
        for k, tg in enumerate(ERD_TARGETS):
            sig, noise = ph["norms"][(tg, sc)].T
            ax.plot(sig, noise, color=f"C{k}", lw=1, label=LABEL[tg])
            ax.scatter(sig, noise, c=ph["ts"], cmap="viridis", s=10, zorder=3)
        lim = max(ax.get_xlim()[1], ax.get_ylim()[1])
        ax.plot([0, lim], [0, lim], "k--", lw=0.7)
        ax.set_title(sc)
        ax.set_xlabel("signal ‖E[y|z]‖ (RMS)")
    axes[0, 0].set_ylabel("Bayes noise ‖y − E[y|z]‖ (RMS)")
    axes[0, 0].legend(fontsize=7)
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "erd_fig8_phase_space.png")]


@figure("erd_fig9_pca", paper="erd",
        caption="erd Fig. 9: last hidden layer of the global models at t = 0.1, 0.4, 0.7, 0.9 on the PCA plane fitted "
                "at t = 0.1 (colour = mixture component; test samples), per target (rows) on the linear schedule; titles: "
                "between-cluster share of variance and linear-probe accuracy on h vs on z_t.")
def fig9(out_dir: Path, scale: str, seed: int) -> list[Path]:
    rp = erd_experiments.representations(scale, seed)
    fig, axes = _grid(len(ERD_TARGETS), len(rp["ts"]))
    for i, tg in enumerate(ERD_TARGETS):
        v = rp["by_model"][f"{tg}/linear"]["final"]
        lim = np.abs(np.concatenate(v["proj"])).max() * 1.05
        for j, t in enumerate(rp["ts"]):
            ax = axes[i, j]
            ax.scatter(*v["proj"][j].T, c=v["labels"], cmap="tab10", s=3, vmin=0, vmax=9)
            ax.set_xlim(-lim, lim)
            ax.set_ylim(-lim, lim)
            ax.set_title(f"{LABEL[tg]}, t = {t:g}: sep {v['sep'][j]:.2f}, acc h {v['acc_h'][j]:.2f} / z "
                         f"{v['acc_z'][j]:.2f}", fontsize=7)
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "erd_fig9_pca.png")]


@figure("erd_fig10_ntk_eigs", paper="erd",
        caption="erd Fig. 10: top-3 eigenvalues of the fixed-noise empirical NTK Θ/n of the global models vs t "
                "(0 = data), per target (columns) and schedule (rows).")
def fig10(out_dir: Path, scale: str, seed: int) -> list[Path]:
    st = erd_experiments.ntk_study(scale, seed)
    fig, axes = _grid(len(SCHEDULES), len(ERD_TARGETS))
    for m, s in enumerate(st["specs"]):
        if s.seed:
            continue
        ax = axes[SCHEDULES.index(s.schedule), ERD_TARGETS.index(s.target)]
        for k in range(3):
            ax.semilogy(st["ts"], st["top3"][m, :, k], marker="o", ms=3, label=f"κ{k + 1}")
        reps = [i for i, r in enumerate(st["specs"]) if (r.target, r.schedule) == (s.target, s.schedule)]
        if len(reps) > 1:
            mean, lo, hi = _seed_band(np.log10(st["top3"][reps, :, 0]))
            ax.fill_between(st["ts"], 10**lo, 10**hi, color="C0", alpha=0.25, label=f"κ1, {len(reps)} replicates")
        ax.set_title(f"{LABEL[s.target]}, {s.schedule}", fontsize=9)
        ax.set_xlabel("t (0 = data)")
    axes[0, 0].legend(fontsize=7)
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "erd_fig10_ntk_eigs.png")]


@figure("erd_fig11_effective_rank", paper="erd",
        caption="erd Fig. 11: Shannon effective rank exp(H(λ/Σλ)) of the full empirical NTK Θ/n vs t (0 = data); "
                "dotted: the homogenised reference erank(Ḡ) (≈ 2 for two outputs).")
def fig11(out_dir: Path, scale: str, seed: int) -> list[Path]:
    st = erd_experiments.ntk_study(scale, seed)
    fig, axes = _grid(1, len(SCHEDULES))
    for m, s in enumerate(st["specs"]):
        if s.seed:
            continue
        ax = axes[0, SCHEDULES.index(s.schedule)]
        ax.plot(st["ts"], st["erank"][m], marker="o", ms=3, color=f"C{ERD_TARGETS.index(s.target)}", label=LABEL[s.target])
        ax.plot(st["ts"], st["erank_hom"][m], ls=":", color=f"C{ERD_TARGETS.index(s.target)}")
        ax.set_title(s.schedule)
        ax.set_xlabel("t (0 = data)")
    axes[0, 0].set_ylabel("effective rank")
    axes[0, 0].legend(fontsize=7)
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "erd_fig11_effective_rank.png")]


@figure("erd_fig12_ntk_gram", paper="erd",
        caption="erd Fig. 12: normalized output-traced NTK Gram (gradient cosine) at t = 0.05 (top) and 0.95 (bottom), "
                "inputs sorted by mixture component, linear schedule.")
def fig12(out_dir: Path, scale: str, seed: int) -> list[Path]:
    st = erd_experiments.ntk_study(scale, seed)
    fig, axes = _grid(2, len(ERD_TARGETS))
    for j, tg in enumerate(ERD_TARGETS):
        for i, t in enumerate((0.05, 0.95)):
            G = st["grams"][(f"{tg}/linear", t, "final")]["gram"]
            im = axes[i, j].imshow(G, vmin=-1, vmax=1, cmap="RdBu_r")
            axes[i, j].set_title(f"{LABEL[tg]}, t = {t:g}", fontsize=9)
            axes[i, j].set_xticks([])
            axes[i, j].set_yticks([])
    fig.colorbar(im, ax=axes, shrink=0.6)
    return [save(fig, Path(out_dir) / "erd_fig12_ntk_gram.png")]


@figure("erd_weighting_comparison", paper="erd",
        caption="ERD vs uniform, Min-SNR-5, P2 at toy scale (App. F MLP, cosine/GVP schedule, ε target): W2 of DDIM "
                "samples to fresh data per replicate with mean ± 95% CI (left; grey: data-vs-data W2 at the same n) and "
                "the mean excess over the exact floor across t (right, mean over replicates).")
def fig_weighting(out_dir: Path, scale: str, seed: int) -> list[Path]:
    wc = erd_experiments.weighting_comparison(scale, seed)
    fig, axes = _grid(1, 2)
    for k, w in enumerate(erd_experiments.COMPARED_WEIGHTINGS):
        idx = [i for i, s in enumerate(wc["specs"]) if s.weighting == w]
        vals = wc["w2"][idx]
        axes[0, 0].scatter(np.full(len(vals), k) + np.random.default_rng(k).uniform(-0.15, 0.15, len(vals)), vals, s=8,
                           color=f"C{k}")
        mean, lo, hi = _seed_band(vals[:, None])
        axes[0, 0].errorbar([k + 0.3], mean, yerr=[mean - lo, hi - mean], fmt="o", color=f"C{k}", capsize=3)
        axes[0, 1].semilogy(wc["ts"], wc["excess_curves"][idx].mean(0), color=f"C{k}", label=w)
    axes[0, 0].axhline(np.mean(wc["w2_data_vs_data"]), color="0.6", ls="--")
    axes[0, 0].set_xticks(range(len(erd_experiments.COMPARED_WEIGHTINGS)), erd_experiments.COMPARED_WEIGHTINGS)
    axes[0, 0].set_ylabel("W2(samples, data)")
    axes[0, 1].set_xlabel("t (0 = data)")
    axes[0, 1].set_ylabel("E‖f − E[y|z]‖²")
    axes[0, 1].legend(fontsize=7)
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "erd_weighting_comparison.png")]


@figure("erd_weights", paper="erd",
        caption="Loss weights normalized to mean 1 over t ~ U(0, 1): ERD (Eq. 110) and the baselines, per target "
                "(columns) on the linear schedule (t = 0 data).")
def fig_weights(out_dir: Path, scale: str, seed: int) -> list[Path]:
    t = np.linspace(0.005, 0.995, 199)
    fig, axes = _grid(1, len(ERD_TARGETS))
    for j, tg in enumerate(ERD_TARGETS):
        for w in ("uniform", "erd", "min-snr", "p2"):
            fn = normalized_weight(w, tg, erd_schedule("linear").alpha_sigma)
            axes[0, j].semilogy(t, fn(t), label=w)
        axes[0, j].set_title(LABEL[tg])
        axes[0, j].set_xlabel("t (0 = data)")
    axes[0, 0].legend(fontsize=7)
    fig.tight_layout()
    return [save(fig, Path(out_dir) / "erd_weights.png")]
