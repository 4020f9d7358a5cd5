"""kdiff resolution sweep on CPU: learned k against training step at 8, 16, 32 px (same digits, larger D;
mean over seeds with the seeds' range), and the final k against D with its 95 % CI over seeds, beside the
predictions D/(D + d̂) and the linear model's k* (v-loss, logit-normal t, clamp 0.05)."""

from __future__ import annotations

from pathlib import Path

from difftheory.figures.registry import figure, save


@figure("kdiff_gpu_resolution_sweep", paper="kdiff",
        caption="Learned k rises with resolution at fixed content (digits upsampled 8→16→32 px, tiny JiT-style "
                "k-Diff on CPU): k(step) per resolution (mean and range over seeds) and final k vs D with 95% CIs "
                "over seeds, beside D/(D+d̂) and the linear-model k*.")
def resolution_sweep_figure(out_dir: Path, scale: str, seed: int) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from difftheory.decide import mean_ci
    from difftheory.gpu_validation.resolution_sweep import cpu_sweep, sweep_plan

    runs = [cpu_sweep(s, n) for s, n in sweep_plan(scale, seed)]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for j, res in enumerate(sorted(runs[0]["k_curves"])):
        steps = np.array([s for s, _ in runs[0]["k_curves"][res]])
        ks = np.array([[k for _, k in run["k_curves"][res]] for run in runs])
        a.plot(steps, ks.mean(0), color=colors[j], label=f"{res}×{res} px (D={res * res})")
        a.fill_between(steps, ks.min(0), ks.max(0), color=colors[j], alpha=0.25, lw=0)
    rows = runs[0]["rows"]
    D = np.array([int(r["D"]) for r in rows])
    stats = [mean_ci([float(run["rows"][i]["k_learned"]) for run in runs]) for i in range(len(rows))]
    mean = np.array([m for m, _, _ in stats])
    lo, hi = np.array([s[1] for s in stats]), np.array([s[2] for s in stats])
    if len(runs) >= 2:
        b.errorbar(D, mean, yerr=[mean - lo, hi - mean], fmt="o-", color="k", capsize=3,
                   label=f"learned k (mean, 95% CI over {len(runs)} seeds)")
    else:
        b.plot(D, mean, "o-", color="k", label="learned k (one seed)")
    b.plot(D, [float(r["k_ratio"]) for r in rows], "s--", label="D/(D+d̂), d̂ = PCA 95 %")
    b.plot(D, [float(r["k_star_linear"]) for r in rows], "^:", label="linear-model k* (v-loss, logit-normal, clamp)")
    a.axhline(0.5, color="grey", lw=0.8)
    a.set(xlabel="training step", ylabel="learned k", title=f"k during training ({len(runs)} seeds)")
    b.set(xscale="log", xlabel="ambient dimension D", ylabel="k", title="final k vs D (content fixed)")
    a.legend(fontsize=8)
    b.legend(fontsize=8)
    return [save(fig, Path(out_dir) / "kdiff_gpu_resolution_sweep.png")]
