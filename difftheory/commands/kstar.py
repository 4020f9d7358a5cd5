"""``difftheory kstar``: the optimal k of kdiff's linear model (Thm 3.1's Δ*(k) minimised over [0, 1]) for a
given ambient D, intrinsic d, time sampler, loss and clamp. Light imports only (NumPy + SciPy): no torch,
no SymPy."""

from __future__ import annotations

import json
import math

LOSS_HELP = ("u: MSE on the k-target itself (κ = 1, Thm 3.2); v: Alg. 1's velocity loss; x: data loss; "
             "eps: noise loss (κ from kdiff App. A)")


def add_arguments(p):
    p.add_argument("--D", required=True, metavar="INT", help="ambient dimension, integer >= 1")
    p.add_argument("--d", required=True, metavar="INT", help="intrinsic dimension, integer in [1, D]")
    p.add_argument("--sampler", default="uniform",
                   help="time density: 'uniform' (default) or 'logit-normal:MU,SIGMA' (|MU| <= 5, 0 < SIGMA <= 2; kdiff Table 4: "
                        "logit-normal:0,1 latent, logit-normal:-0.8,0.8 pixel)")
    p.add_argument("--loss", default="u", help=f"one of u, v, x, eps (default u). {LOSS_HELP}")
    p.add_argument("--clamp", default=None,
                   help="lower clamp of the velocity denominator k(1-t)+(1-k)t, a number in (0, 1) or 'none'. "
                        "Default: none for the u-loss (κ = 1, the clamp has no effect), 0.05 for v/x/eps "
                        "(Alg. 1 with kdiff §4 / Table 4)")
    p.add_argument("--json", action="store_true",
                   help='print one JSON object {"k_star", "interior", "delta_at": {"0", "0.5", "1", "k_star"}, '
                        '"D", "d", "sampler", "loss", "clamp"}; interior: k* more than 1e-6 from both ends; '
                        'a non-finite Δ* would be null (Δ* is finite for every valid input)')


def _int(name, text):
    from difftheory.validate import check_int

    try:
        value = int(text)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an integer >= 1, got {text!r}") from None
    return check_int(name, value, 1)


def _clamp(text, loss):
    from difftheory.validate import check_float

    if text is None:
        return None if loss == "u" else 0.05
    if str(text).lower() == "none":
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"--clamp must be a number in (0, 1) or 'none', got {text!r}") from None
    return check_float("--clamp", value, 0.0, 1.0, lo_open=True, hi_open=True)


def _finite_or_none(x):
    return float(x) if math.isfinite(x) else None


def run(args) -> int:
    from difftheory.theory.optimal_loss import check_dims, check_setting, k_star
    from difftheory.theory.samplers import parse_sampler
    from difftheory.theory.targets import LOSSES
    from difftheory.validate import check_choice

    D, d = _int("--D", args.D), _int("--d", args.d)
    if d > D:
        raise ValueError(f"--d must be an integer in [1, --D={D}], got {d}")
    check_dims(D, d)
    loss = check_choice("--loss", args.loss, LOSSES)
    try:
        sampler = parse_sampler(args.sampler)
    except ValueError as exc:
        raise ValueError(f"--sampler: {exc}") from None
    clamp = _clamp(args.clamp, loss)
    check_setting(loss, clamp)
    res = k_star(D, d, sampler, loss, clamp)
    if args.json:
        print(json.dumps({
            "k_star": res.k_star, "interior": res.interior,
            "delta_at": {key: _finite_or_none(v) for key, v in res.delta_at.items()},
            "D": D, "d": d, "sampler": str(sampler), "loss": loss, "clamp": clamp,
        }))
        return 0
    where = "interior minimum" if res.interior else "end point of [0, 1]"
    print(f"k* = {res.k_star:.6f}  ({where})   D={D} d={d} sampler={sampler} loss={loss} clamp={clamp}")
    if loss == "u" and sampler.name == "uniform":
        print(f"   Thm 3.2: D/(D+d) = {D / (D + d):.6f}")
    for key, label in (("0", "k=0   (eps)"), ("0.5", "k=0.5 (v)"), ("1", "k=1   (x)"), ("k_star", "k=k*")):
        print(f"   Δ*({label}) = {res.delta_at[key]:.6g}")
    return 0
