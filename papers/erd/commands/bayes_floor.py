"""``difftheory bayes-floor``: the exact Bayes floor E‖y − E[y | z_t]‖² of erd App. F's 2D GMM.

Time as in erd App. F: t = 0 is data, t = 1 is noise. Exact posterior, Gauss–Hermite quadrature over z.
Node counts outside [MIN_NODES, MAX_NODES] are refused: fewer miss the stated accuracy (``ACCURACY`` of the
target energy, measured over every target, schedule and t), more are not needed. Every answer is checked
before it is printed: finite, floor ≥ 0, floor + signal = target energy to ``ACCURACY``."""

from __future__ import annotations

import math

from difftheory.io import dumps
from difftheory.validate import float_flag, int_flag


def add_arguments(p):
    from difftheory.toy.erd_gmm_floor import DEFAULT_NODES, MAX_NODES, MIN_NODES

    p.add_argument("--target", required=True, help="eps | x0 | v (= α ε − σ x0) | u (= ε − x0)")
    p.add_argument("--schedule", required=True, help="linear | vp | gvp (erd App. F.1)")
    p.add_argument("--t", type=float_flag(0, 1), required=True, help="diffusion time in [0, 1]; t = 0 data, t = 1 noise")
    p.add_argument("--nodes", type=int_flag(MIN_NODES, MAX_NODES), default=DEFAULT_NODES,
                   help=f"Gauss–Hermite nodes per dimension, {MIN_NODES}–{MAX_NODES} (default {DEFAULT_NODES})")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def run(args) -> int:
    from difftheory.theory.target_conversions import ERD_TARGETS
    from difftheory.theory.schedules import ERD_SCHEDULES, erd_schedule
    from difftheory.toy.erd_gmm_floor import ACCURACY, MAX_NODES, MIN_NODES, floor_and_signal, target_second_moment
    from difftheory.validate import check_choice, check_float

    target = check_choice("--target", args.target, ERD_TARGETS)
    schedule = check_choice("--schedule", args.schedule, ERD_SCHEDULES)
    t = check_float("--t", args.t, 0.0, 1.0)
    nodes = args.nodes
    if isinstance(nodes, bool) or not isinstance(nodes, int) or not MIN_NODES <= nodes <= MAX_NODES:
        raise ValueError(f"--nodes must be an integer in [{MIN_NODES}, {MAX_NODES}] (fewer nodes miss the stated "
                         f"accuracy {ACCURACY:g} of the target energy), got {nodes!r}")
    per_dim, signal_dim = floor_and_signal(target, schedule, t, nodes=nodes)
    energy = target_second_moment(target, schedule, t)
    a, s = erd_schedule(schedule).alpha_sigma(t)
    floor, signal = float(per_dim.sum()), float(signal_dim.sum())
    consistency = (floor + signal - energy) / energy
    numbers = [float(a), float(s), floor, signal, energy, consistency, *map(float, per_dim)]
    if not all(math.isfinite(v) for v in numbers) or min(per_dim) < 0 or abs(consistency) > ACCURACY:
        raise ValueError(f"the quadrature for --target {target} --schedule {schedule} --t {t!r} --nodes {nodes} missed "
                         f"its accuracy check (floor {floor!r}, floor + signal − energy = {consistency!r} of the energy); "
                         f"no number is printed")
    out = {
        "target": target,
        "schedule": schedule,
        "t": t,
        "time_convention": "t=0 data, t=1 noise (erd App. F)",
        "alpha": float(a),
        "sigma": float(s),
        "floor_sum": floor,
        "floor_per_dim": [float(v) for v in per_dim],
        "signal_energy": signal,
        "target_energy": energy,
        "relative_consistency": consistency,
        "accuracy": ACCURACY,
        "nodes": nodes,
    }
    if args.json:
        print(dumps(out))
    else:
        print(f"Bayes floor E||y - E[y|z_t]||^2 for y={target}, schedule={schedule}, t={t:g} "
              f"(alpha={out['alpha']:.6g}, sigma={out['sigma']:.6g}; t=0 data):")
        print(f"  sum over dims : {floor:.8g}")
        print(f"  per dimension : {', '.join(f'{v:.8g}' for v in out['floor_per_dim'])}")
        print(f"  recoverable signal E||E[y|z]||^2 = {signal:.8g}  (target energy E||y||^2 = {energy:.8g}; "
              f"floor + signal - energy = {consistency:.1e} of it, accuracy {ACCURACY:g})")
    return 0
