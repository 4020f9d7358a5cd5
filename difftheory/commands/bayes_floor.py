"""``difftheory bayes-floor``: the exact Bayes floor E‖y − E[y | z_t]‖² of erd App. F's 2D GMM.

Time as in erd App. F: t = 0 is data, t = 1 is noise. Exact posterior, Gauss–Hermite quadrature over z."""

from __future__ import annotations

import json

from difftheory.validate import check_float, check_int


def add_arguments(p):
    p.add_argument("--target", required=True, help="eps | x0 | v (= α ε − σ x0) | u (= ε − x0)")
    p.add_argument("--schedule", required=True, help="linear | vp | gvp (erd App. F.1)")
    p.add_argument("--t", type=float, required=True, help="diffusion time in [0, 1]; t = 0 data, t = 1 noise")
    p.add_argument("--nodes", type=int, default=96, help="Gauss–Hermite nodes per dimension (default 96)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def run(args) -> int:
    from difftheory.theory.erd_weights import TARGETS
    from difftheory.toy.erd_bayes import bayes_floor, signal_and_noise, target_second_moment
    from difftheory.toy.erd_schedules import SCHEDULES, alpha_sigma
    from difftheory.validate import check_choice

    target = check_choice("--target", args.target, TARGETS)
    schedule = check_choice("--schedule", args.schedule, SCHEDULES)
    t = check_float("--t", args.t, 0.0, 1.0)
    nodes = check_int("--nodes", args.nodes, 4, 400)
    per_dim = bayes_floor(target, schedule, t, nodes=nodes)
    signal, _ = signal_and_noise(target, schedule, t, nodes=nodes)
    a, s = alpha_sigma(schedule, t)
    out = {
        "target": target,
        "schedule": schedule,
        "t": t,
        "time_convention": "t=0 data, t=1 noise (erd App. F)",
        "alpha": float(a),
        "sigma": float(s),
        "floor_sum": float(per_dim.sum()),
        "floor_per_dim": [float(v) for v in per_dim],
        "signal_energy": signal,
        "target_energy": target_second_moment(target, schedule, t),
        "nodes": nodes,
    }
    if args.json:
        print(json.dumps(out))
    else:
        print(f"Bayes floor E||y - E[y|z_t]||^2 for y={target}, schedule={schedule}, t={t:g} "
              f"(alpha={out['alpha']:.6g}, sigma={out['sigma']:.6g}; t=0 data):")
        print(f"  sum over dims : {out['floor_sum']:.8g}")
        print(f"  per dimension : {', '.join(f'{v:.8g}' for v in out['floor_per_dim'])}")
        print(f"  recoverable signal E||E[y|z]||^2 = {signal:.8g}  (target energy E||y||^2 = {out['target_energy']:.8g})")
    return 0
