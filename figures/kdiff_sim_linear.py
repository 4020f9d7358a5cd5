"""kdiff linear-model simulations: learned k vs theory, k over training, Δ*(k) landscapes, mode dynamics, k(t)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from difftheory.figures.registry import figure, save  # noqa: E402
from difftheory.linear_model import sweeps  # noqa: E402
from difftheory.theory.kdiff_optimum import delta_star  # noqa: E402


@figure("kdiff_sim_learned_vs_theory", paper="kdiff",
        caption="Linear model: learned k (k-Diff, exact population loss) against theory's k* for the same loss, "
                "sampler and clamp (left) and against D/(D+d) (right); one point per (D, d, family). Red rings: D = d under "
                "the v-loss, where k = ½ is a stationary maximum of Δ*(k) between tied minima at 0 and 1 and a fixed point "
                "of training; the learned k there is round-off amplified, not chosen by the loss.")
def learned_vs_theory(out_dir: Path, scale: str, seed: int) -> list[Path]:
    rows = sweeps.learned_k_sweep(scale, seed)["rows"]
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.4))
    fams = list(sweeps.FAMILIES)
    markers = "osD^v"
    for f, mk in zip(fams, markers):
        rr = [r for r in rows if r["family"] == f]
        axes[0].scatter([r["k_star"] for r in rr], [r["k_learned"] for r in rr], marker=mk, s=28, alpha=0.75, label=f)
        axes[1].scatter([r["D_over_D_plus_d"] for r in rr], [r["k_learned"] for r in rr], marker=mk, s=28, alpha=0.75)
    ties = [r for r in rows if r["start_stationary"] and r["start_type"] != "minimum" and r["start_fixed_point"]]
    if ties:
        axes[0].scatter([r["k_star"] for r in ties], [r["k_learned"] for r in ties], s=140, facecolors="none",
                        edgecolors="red", label="tie: started at a stationary maximum (k set by round-off)")
    for ax, xl in zip(axes, ("theory k* (min Δ*(k) for the loss/sampler/clamp)", "D/(D+d)")):
        ax.plot([0, 1], [0, 1], color="gray", lw=0.8)
        ax.set_xlabel(xl)
        ax.set_ylabel("learned k")
        ax.set_xlim(-0.03, 1.03)
        ax.set_ylim(-0.03, 1.03)
    axes[0].legend(fontsize=7, loc="lower right")
    axes[0].set_title("learned k vs k*")
    axes[1].set_title("learned k vs D/(D+d)")
    return [save(fig, Path(out_dir) / "kdiff_sim_learned_vs_theory.png")]


@figure("kdiff_sim_k_trajectories", paper="kdiff",
        caption="Linear model: k over training (Adam on the exact loss, from 0.5; as kdiff Fig. 3) for several D; "
                "dotted: theory's k*. Left: u-loss, uniform t; right: Alg. 1's v-loss, logit-normal(0,1), clamp 0.05.")
def k_trajectories(out_dir: Path, scale: str, seed: int) -> list[Path]:
    sw = sweeps.learned_k_sweep(scale, seed)
    steps, traj, rows = sw["record_steps"], sw["k_traj"], sw["rows"]
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    for ax, fam in zip(axes, ("u / uniform", "v / logit-normal(0,1) / clamp 0.05")):
        for i, r in enumerate(rows):
            if r["family"] != fam:
                continue
            line, = ax.plot(steps[:-1], traj[:-1, i], label=f"D={r['D']}, d={r['d']}")
            ax.axhline(r["k_star"], color=line.get_color(), ls=":", lw=0.8)
        ax.set_xlabel("training step")
        ax.set_title(fam)
        ax.legend(fontsize=7)
    axes[0].set_ylabel("k")
    return [save(fig, Path(out_dir) / "kdiff_sim_k_trajectories.png")]


@figure("kdiff_sim_delta_landscape", paper="kdiff",
        caption="Δ*(k)/D (Eq. 12, theory/) for several (D, d); markers: where learned k ends (linear model). "
                "Left: u-loss, uniform; right: v-loss, logit-normal(0,1), clamp 0.05.")
def delta_landscape(out_dir: Path, scale: str, seed: int) -> list[Path]:
    rows = sweeps.learned_k_sweep(scale, seed)["rows"]
    ks = np.linspace(0.0, 1.0, 41)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for ax, fam in zip(axes, ("u / uniform", "v / logit-normal(0,1) / clamp 0.05")):
        loss, sampler, clamp = sweeps.FAMILIES[fam]
        for r in [r for r in rows if r["family"] == fam][:4]:
            vals = delta_star(ks, r["D"], r["d"], sampler, loss, clamp) / r["D"]
            line, = ax.plot(ks, vals, label=f"D={r['D']}, d={r['d']}")
            kl = min(r["k_learned"], 1.0)
            ax.plot([kl], [float(delta_star(kl, r["D"], r["d"], sampler, loss, clamp)) / r["D"]], "o",
                    color=line.get_color())
        ax.set_xlabel("k")
        ax.set_ylabel("Δ*(k) / D")
        ax.set_title(fam)
        ax.legend(fontsize=7)
    return [save(fig, Path(out_dir) / "kdiff_sim_delta_landscape.png")]


@figure("kdiff_sim_mode_dynamics", paper="kdiff",
        caption="Gradient descent on explicit D×D W at fixed k: distance of W PPᵀ and W(I − PPᵀ) to their "
                "equilibria (markers: simulation; lines: analytic solution of Eq. 9, e^(−A t̃)). GD is Euler's method on "
                "the flow, so it decays as (1 − ηA)^n, a little faster than the line; the markers floor at round-off.")
def mode_dynamics(out_dir: Path, scale: str, seed: int) -> list[Path]:
    rows = sweeps.mode_run(scale, seed)["rows"]
    fig, axes = plt.subplots(1, len(rows), figsize=(5 * len(rows), 4), squeeze=False)
    for ax, r in zip(axes[0], rows):
        steps = np.array(r["checkpoints"])
        ax.semilogy(steps, r["dist_par"], "o", label="‖W_∥ − W_∥*‖ (GD)")
        ax.semilogy(steps, r["dist_perp"], "s", label="‖W_⊥ − W_⊥*‖ (GD)")
        ax.semilogy(steps, r["flow_dist_par"], "-", color="C0", label=f"Eq. 9 flow, rate A_∥={r['rate_par']:.3f}")
        ax.semilogy(steps, r["flow_dist_perp"], "-", color="C1", label=f"Eq. 9 flow, rate A_⊥={r['rate_perp']:.3f}")
        ax.set_title(f"{r['setting']}, k={r['k']}", fontsize=8)
        ax.set_xlabel(f"GD step (η = {r['lr']})")
        ax.legend(fontsize=7)
    return [save(fig, Path(out_dir) / "kdiff_sim_mode_dynamics.png")]


@figure("kdiff_sim_binned_k", paper="kdiff",
        caption="Time-binned k(t) in the linear model (Alg. 1's v-loss, logit-normal(0,1), clamp 0.05), as kdiff Fig. 5a. "
                "Left: exact population loss; markers: learned by Adam from ½, lines: the profile minimising Thm 3.1's Δ* "
                "(theory/kdiff_binned), dotted: 1 − t (the exact optimum at D = d); grey band: bin ends carrying < 10 % of "
                "the average mass. Right: minibatch Adam on the paper's 128 bins (D = d = 4), mean ± sd over seeds.")
def binned_k(out_dir: Path, scale: str, seed: int) -> list[Path]:
    out = sweeps.binned_run(scale, seed)
    sgd = sweeps.binned_sgd_run(scale, seed)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    t = np.asarray(out["t_ends"])
    mask = np.asarray(out["mass_mask"], bool)
    for name, ka, ko in zip(out["settings"], out["k_adam"], out["k_opt"]):
        line, = axes[0].plot(t, ko, "-", lw=1.2, label=name.split(", loss")[0] + " (optimum)")
        axes[0].plot(t, ka, "o", ms=3, color=line.get_color())
    axes[0].plot(t, 1 - t, ":", color="gray", lw=0.8, label="1 − t")
    for lo, hi in ((t[0], t[mask][0]), (t[mask][-1], t[-1])):
        axes[0].axvspan(lo, hi, color="0.9", zorder=0)
    k = np.asarray(sgd["k"])
    m, sd = k.mean(0), k.std(0, ddof=1) if k.shape[0] > 1 else np.zeros(k.shape[1])
    ts = np.asarray(sgd["t_ends"])
    axes[1].fill_between(ts, m - sd, m + sd, alpha=0.3)
    axes[1].plot(ts, m, "-", label=f"k(t), mean of {k.shape[0]} seeds")
    axes[1].plot(ts, 1 - m, "--", label="1 − k(t)")
    for ax in axes:
        ax.axhline(0.5, color="gray", lw=0.6)
        ax.set_xlabel("t (0 = noise, 1 = data)")
        ax.legend(fontsize=7)
    axes[0].set_ylabel("k(t)")
    axes[0].set_title(f"exact loss, {out['n_bins']} bins: Adam (markers) vs optimum (lines)", fontsize=9)
    axes[1].set_title(f"{sgd['setting'].split(', loss')[0]}, minibatch Adam, {sgd['n_bins']} bins, batch {sgd['batch']}",
                      fontsize=9)
    return [save(fig, Path(out_dir) / "kdiff_sim_binned_k.png")]
