"""``difftheory linear``: train kdiff's linear denoiser (exact population loss or SGD) and compare the
learned k, W and loss with theory's k*, W*(k) (Eq. 11) and Δ*(k) (Eq. 12).

Every argument is checked before training, with the CLI flag in the message; ranges the simulator cannot
compute accurately are refused (exit 2, one line). Training that diverges (a non-finite loss, or one grown
``LOSS_GROWTH_LIMIT``-fold over its start) stops with one line and exit 1. The output says whether the start
k = ½ is a stationary point of Δ*(k), and whether k left it by round-off (then its end point is not chosen by
the loss: e.g. D = d under the v-loss, where ½ is the maximum between tied minima at 0 and 1)."""

from __future__ import annotations

import math
import re

from difftheory.validate import float_flag, int_flag

# Ranges (each refused outside, one line, exit 2):
D_MAX = 10**9  # exact mode: beyond D/d ~ 1e9 the parallel mode's share of the loss (~d/D) nears the float64 resolution
# of the gradient that balances it against the perpendicular one, so the learned 1 − k* (~d/D) is no longer resolved
SGD_D_MAX = 256  # sgd mode trains an explicit D×D W on minibatches: larger D takes minutes per run
BATCH_MAX = 65536
BATCH_ELEMENTS_MAX = 2**22  # batch·D: a minibatch tensor stays ≤ 32 MB (five of them live per step)
STEPS_MAX = 10**7
SEED_MAX = 2**32 - 1
CLAMP_MIN = 1e-6  # the simulator's loss (kdiff Eq. 4 through its moments, Eq. 32) subtracts terms of size ~1/clamp:
# at 1e-6 they keep 10 of float64's 16 digits; its Δ* stays within 3e-5 of theory's adaptive one for uniform and
# logit-normal(±5, 2) down to 1e-8 (theory itself stops at 1e-10, theory.kdiff_optimum.CLAMP_MIN)

FLAG = {"D": "--D", "d": "--d", "loss": "--loss", "clamp": "--clamp", "k": "--k", "steps": "--steps", "lr": "--lr",
        "batch": "--batch", "seed": "--seed", "sampler": "--sampler", "mode": "--mode", "mu": "--sampler's MU",
        "sigma": "--sampler's SIGMA"}


def add_arguments(p):
    p.add_argument("--D", type=int_flag(1, D_MAX, f" ([1, {SGD_D_MAX}] for --mode sgd)"), required=True,
                   help=f"ambient dimension D in [1, {D_MAX:g}] ({SGD_D_MAX} for sgd)")
    p.add_argument("--d", type=int_flag(1, None, ", at most --D"), required=True, help="intrinsic dimension 1 <= d <= D")
    p.add_argument("--loss", default="u", help="u (κ = 1, default) or v (Alg. 1's v-loss)")
    p.add_argument("--sampler", default="uniform", help="uniform (default) or logit-normal:MU,SIGMA (|MU| <= 5, 0 < SIGMA <= 2)")
    p.add_argument("--clamp", default="0.05",
                   help=f"velocity-denominator clamp in [{CLAMP_MIN:g}, 1), or 'none' (default 0.05; v-loss only)")
    p.add_argument("--k", default="learn", help="'learn' (k = sigmoid(w_k) from 0.5, default) or a fixed k in [0, 1]")
    p.add_argument("--steps", type=int_flag(1, STEPS_MAX), default=None,
                   help=f"optimizer steps in [1, {STEPS_MAX}] (default 800 exact, 3000 sgd)")
    p.add_argument("--mode", default="exact", help="exact (population loss, default) or sgd (Monte Carlo minibatches)")
    p.add_argument("--lr", type=float_flag(0, None, lo_open=True), default=None, help="learning rate (default 0.2 exact Adam, 0.01 sgd Adam)")
    p.add_argument("--batch", type=int_flag(1, BATCH_MAX, f", --batch × --D ≤ {BATCH_ELEMENTS_MAX}"), default=256,
                   help=f"sgd minibatch size in [1, {BATCH_MAX}] (default 256)")
    p.add_argument("--seed", type=int_flag(0, SEED_MAX), default=0,
                   help=f"seed in [0, {SEED_MAX}] (projection P, SGD draws; default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def as_flags(message: str) -> str:
    """A library error names its parameter (``D must be …``); the CLI names the flag (``--D must be …``)."""
    m = re.match(r"^(\w+)( must| is)", message)
    if m and m.group(1) in FLAG:
        return FLAG[m.group(1)] + message[len(m.group(1)):]
    return message


def _parse(args):
    from difftheory.linear_model.trainer import Setting
    from difftheory.theory.time_densities import parse_sampler
    from difftheory.validate import check_choice, check_float, check_int

    from difftheory.theory.kdiff_target import TargetSpec

    training = check_choice("--mode", args.mode, ("exact", "sgd"))  # how W is trained (not the k mode)
    D = _int("--D", args.D, 1, D_MAX if training == "exact" else SGD_D_MAX)
    d = _int("--d", args.d, 1, None)
    if d > D:
        raise ValueError(f"--d must be an integer in [1, --D={D}], got {d}")
    loss = check_choice("--loss", args.loss, ("u", "v"))
    try:
        sampler = parse_sampler(args.sampler)
    except ValueError as exc:
        raise ValueError(as_flags(str(exc))) from None
    clamp = None if str(args.clamp).strip().lower() == "none" else check_float(
        "--clamp", _float("--clamp", args.clamp), CLAMP_MIN, 1.0, hi_open=True)
    if args.k == "learn":
        target = TargetSpec("learn", 0.5)
    else:
        target = TargetSpec("fixed", check_float("--k", _float("--k", args.k), 0.0, 1.0))
    steps = _int("--steps", args.steps if args.steps is not None else (800 if training == "exact" else 3000), 1,
                 STEPS_MAX)
    lr = args.lr if args.lr is not None else (0.2 if training == "exact" else 0.01)
    lr = check_float("--lr", lr, 0.0, None, lo_open=True)
    batch = _int("--batch", args.batch, 1, BATCH_MAX)
    if training == "sgd" and batch * D > BATCH_ELEMENTS_MAX:
        raise ValueError(f"--batch must be an integer in [1, {BATCH_ELEMENTS_MAX // D}] for --D {D} (--batch × --D ≤ "
                         f"{BATCH_ELEMENTS_MAX}), got {batch}")
    seed = _int("--seed", args.seed, 0, SEED_MAX)
    if loss == "v" and clamp is None and (sampler.end_density(0) > 0 or sampler.end_density(1) > 0):
        raise ValueError(f"--clamp none with --loss v and --sampler {sampler}: the weight κ² = 1/(k(1 − t) + (1 − k)t)² "
                         f"is not integrable at k = 0 and 1, and near them the simulator's loss loses its digits; give "
                         f"--clamp (>= {CLAMP_MIN:g}) or a logit-normal sampler (the limits: difftheory kstar)")
    try:
        setting = Setting(D, d, loss, sampler, clamp)
    except ValueError as exc:
        raise ValueError(as_flags(str(exc))) from None
    return setting, training, target, steps, lr, batch, seed


def _int(name, v, lo, hi):
    """check_int, but an integer too long for an error line is shown by its digit count."""
    from difftheory.validate import check_int

    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 10**18:
        rng = f"[{lo}, {'inf' if hi is None else hi}]"
        raise ValueError(f"{name} must be an integer in {rng}, got an integer of {len(str(abs(v)))} digits")
    return check_int(name, v, lo, hi)


def _float(name, text):
    try:
        v = float(text)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {text!r}") from None
    if not math.isfinite(v):
        raise ValueError(f"{name} must be a finite number, got {text!r}")
    return v


def _start_line(out) -> str | None:
    if not out["started_at_stationary_point"]:
        return None
    tie = " between tied minima Δ*(0) = Δ*(1)" if out["end_points_tie"] and out["start_stationary_type"] == "maximum" else ""
    line = f"start             k = {out['k_start']:g} is a stationary {out['start_stationary_type']} of Δ*(k){tie}"
    if out["left_stationary_point_by_roundoff"]:
        return line + ("; every gradient is zero there, so k left it by round-off (Adam amplifies a ~1e-17 gradient): "
                       "its end point is not chosen by the loss")
    if out["left_stationary_point_by"]:
        return line + f"; k left it by {out['left_stationary_point_by']}"
    return line + ("; k stayed" if out["k_mode"] == "learn" else "")


def run(args) -> int:
    import sys

    from difftheory.io import dumps
    from difftheory.linear_model.theory_comparison import linear_report
    from difftheory.threads import single_thread
    from difftheory.training import TrainingDiverged

    setting, training, target, steps, lr, batch, seed = _parse(args)
    try:
        with single_thread():
            out = linear_report(setting, training, target, steps, lr, batch, seed)
    except TrainingDiverged as exc:  # NonFiniteLoss or LossGrew
        print(f"difftheory linear: error: training diverged: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        raise ValueError(as_flags(str(exc))) from None
    if args.json:
        print(dumps(out))
        return 0

    def num(key, fmt):
        return "n/a" if out[key] is None else format(out[key], fmt)

    print(f"setting: D={out['D']} d={out['d']} loss={out['loss']} sampler={out['sampler']} clamp={out['clamp']} "
          f"mode={training} k={target.k_mode if target.k_mode == 'learn' else target.k}")
    print(f"k_final           {out['k_final']:.6f}   (theory k* {out['k_star_theory']:.6f}, D/(D+d) {out['k_D_over_D_plus_d']:.6f})")
    line = _start_line(out)
    if line:
        print(line)
    print(f"loss_final        {out['loss_final']:.6g}   (start {out['loss_start']:.6g})")
    print(f"Δ*(k_final)       {num('delta_star_theory', '.6g')}   (on the simulator's quadrature {num('delta_star_quadrature', '.6g')}, "
          f"relative gap {num('quadrature_rel_gap', '.1e')})")
    print(f"‖W − W*‖/‖W*‖     {num('w_error', '.3g')}")
    print(f"steps             {out['steps']}   ({out['seconds']} s)")
    return 0
