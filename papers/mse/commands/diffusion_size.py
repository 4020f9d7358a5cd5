"""``difftheory diffusion-size``: ML- and MSE-diffusion sizes β_{t−Δt,t} = η/ρ̊_t of a schedule and
parameterization on a uniform generation grid (mse §5–§6), with the exact discrete step η ∈ [0, 1]
(η̊ = √(1 − ρ̊_s²/ρ̊_t²) for ML, §5's η̌ for MSE). Time: t ∈ (0, 1), 0 = noise, 1 = data."""

from __future__ import annotations

from difftheory.io import dumps
from difftheory.validate import float_flag, int_flag


def add_arguments(p):
    from difftheory.theory.mse_diffusion_size import MAX_STEPS
    from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS
    from difftheory.theory.mse_schedules_symbolic import SCHEDULES

    p.add_argument("--schedule", required=True, help=f"noise schedule: {', '.join(SCHEDULES)}")
    p.add_argument("--parameterization", required=True, help=f"parameterization: {', '.join(PARAMETERIZATIONS)}")
    p.add_argument("--steps", required=True, type=int_flag(1, MAX_STEPS),
                   help=f"number of generation steps N in [1, {MAX_STEPS}]")
    p.add_argument("--t0", type=float_flag(0, 1, lo_open=True, hi_open=True), default=None,
                   help="start of generation in (0, 1) (default: 1e-3; normal: EDM2's σ_max = 80)")
    p.add_argument("--tmax", type=float_flag(0, 1, lo_open=True, hi_open=True, note=", > --t0"), default=None,
                   help="end of generation in (0, 1), > t0 (default: 1 − 1e-3; normal: EDM2's σ_min = 0.002)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: t, eta_ml, eta_mse, beta_ml, beta_mse, M, M_discrete (and t0, tmax)")


def run(args) -> int:
    import numpy as np

    from difftheory.theory.mse_diffusion_size import diffusion_sizes_cli, later_stage_max

    d = diffusion_sizes_cli(args.schedule, args.parameterization, args.steps, args.t0, args.tmax)
    if args.json:
        out = {"t": d["t"].tolist(), "eta_ml": d["eta_ml"].tolist(), "eta_mse": d["eta_mse"].tolist(),
               "beta_ml": d["beta_ml"].tolist(), "beta_mse": d["beta_mse"].tolist(), "M": float(d["M"]),
               "M_discrete": float(d["M_discrete"]), "t_argmax": float(d["t_argmax"]), "t0": d["t0"],
               "tmax": d["tmax"], "schedule": args.schedule, "parameterization": args.parameterization,
               "steps": args.steps}
        print(dumps(out))
        return 0
    print(f"schedule={args.schedule} parameterization={args.parameterization} steps={args.steps} "
          f"t0={d['t0']:.10g} tmax={d['tmax']:.10g}  M={d['M']:.6g} (argmax t={d['t_argmax']:.6g}) "
          f"M_discrete={d['M_discrete']:.6g}")
    print(f"later-half max beta: ML {later_stage_max(d['beta_ml']):.4g}  MSE {later_stage_max(d['beta_mse']):.4g}  "
          "(exact discrete eta <= 1; beta in data units)")
    idx = np.unique(np.linspace(0, len(d["t"]) - 1, min(len(d["t"]), 11)).astype(int))
    print(f"{'t':>12} {'eta_ml':>10} {'beta_ml':>12} {'eta_mse':>10} {'beta_mse':>12}")
    for i in idx:
        print(f"{d['t'][i]:12.6g} {d['eta_ml'][i]:10.4g} {d['beta_ml'][i]:12.4g} {d['eta_mse'][i]:10.4g} "
              f"{d['beta_mse'][i]:12.4g}")
    return 0
