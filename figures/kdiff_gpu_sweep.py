"""kdiff resolution sweep on CPU: learned k against training step at 8, 16, 32 px (same digits, larger D),
and the final k against D with the predictions D/(D + d̂) and the linear model's k* (v-loss, logit-normal
t, clamp 0.05)."""

from __future__ import annotations

from pathlib import Path

from difftheory.figures.registry import figure, save


@figure("kdiff_gpu_resolution_sweep", paper="kdiff",
        caption="Learned k rises with resolution at fixed content (digits upsampled 8→16→32 px, tiny JiT-style "
                "k-Diff on CPU): k(step) per resolution and final k vs D with D/(D+d̂) and the linear-model k*.")
def resolution_sweep_figure(out_dir: Path, scale: str, seed: int) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from difftheory.gpu_validation.resolution_sweep import cpu_sweep, sweep_plan

    runs = [cpu_sweep(s, n) for s, n in sweep_plan(scale, seed)]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, run in enumerate(runs):
        for j, (res, curve) in enumerate(sorted(run["k_curves"].items())):
            steps, ks = zip(*curve)
            a.plot(steps, ks, color=colors[j], alpha=0.9 if i == 0 else 0.4,
                   label=f"{res}×{res} px (D={res * res})" if i == 0 else None)
        D = [int(r["D"]) for r in run["rows"]]
        b.plot(D, [float(r["k_learned"]) for r in run["rows"]], "o-", color="k", alpha=0.9 if i == 0 else 0.4,
               label="learned k" if i == 0 else None)
    rows = runs[0]["rows"]
    D = [int(r["D"]) for r in rows]
    b.plot(D, [float(r["k_ratio"]) for r in rows], "s--", label="D/(D+d̂), d̂ = PCA 95 %")
    b.plot(D, [float(r["k_star_linear"]) for r in rows], "^:", label="linear-model k* (v-loss, logit-normal, clamp)")
    a.axhline(0.5, color="grey", lw=0.8)
    a.set(xlabel="training step", ylabel="learned k", title="k during training")
    b.set(xscale="log", xlabel="ambient dimension D", ylabel="k", title="final k vs D (content fixed)")
    a.legend(fontsize=8)
    b.legend(fontsize=8)
    return [save(fig, Path(out_dir) / "kdiff_gpu_resolution_sweep.png")]
