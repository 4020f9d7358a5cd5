"""``difftheory kstar``: the optimal k of kdiff's linear model (Thm 3.1's Δ*(k) minimised over [0, 1]) for a
given ambient D, intrinsic d, time sampler, loss and clamp. Light imports only (NumPy + SciPy): no torch,
no SymPy.

Accepted ranges are those where Δ* is computed to ≤ 1e-10 relative (measured against 40+-digit mpmath, see
``theory/kdiff_optimum.py``); anything outside is refused with exit 2 and one line naming the flag, the value
and the valid range — never computed."""

from __future__ import annotations

import math

from difftheory.io import dumps

LOSS_HELP = ("u: MSE on the k-target itself (κ = 1, Thm 3.2); v: Alg. 1's velocity loss; x: data loss; "
             "eps: noise loss (κ from kdiff App. A)")


def add_arguments(p):
    from difftheory.theory.kdiff_optimum import CLAMP_MIN, D_MAX
    from difftheory.theory.time_densities import MU_MAX, SIGMA_MAX, SIGMA_MIN

    p.add_argument("--D", required=True, metavar="INT",
                   help=f"ambient dimension, an integer in [1, {D_MAX:.0e}] (plain or exact scientific notation, e.g. "
                        "1e6); larger D is refused: above 2^53 ≈ 9e15 an integer is not exact in float64, and "
                        f"accuracy was measured up to D/d = {D_MAX:.0e}")
    p.add_argument("--d", required=True, metavar="INT", help="intrinsic dimension, an integer in [1, D]")
    p.add_argument("--sampler", default="uniform",
                   help=f"time density: 'uniform' (default) or 'logit-normal:MU,SIGMA' with |MU| <= {MU_MAX:g} and "
                        f"{SIGMA_MIN:g} <= SIGMA <= {SIGMA_MAX:g} (a narrower SIGMA is refused: Δ* loses accuracy "
                        "below 1e-10 there; kdiff Table 4: logit-normal:0,1 latent, logit-normal:-0.8,0.8 pixel)")
    p.add_argument("--loss", default="u", help=f"one of u, v, x, eps (default u). {LOSS_HELP}")
    p.add_argument("--clamp", default=None,
                   help=f"lower clamp of the velocity denominator k(1-t)+(1-k)t: a number in [{CLAMP_MIN:g}, 1) or "
                        "'none'. Default: none for the u-loss (κ = 1, the clamp has no effect), 0.05 for v/x/eps "
                        f"(Alg. 1 with kdiff §4 / Table 4). Clamps below {CLAMP_MIN:g} are refused: κ² reaches "
                        "1/clamp² and Δ* is no longer accurate to 1e-10; use 'none' for the unclamped loss")
    p.add_argument("--json", action="store_true",
                   help='print one JSON object {"k_star", "interior", "delta_at": {"0", "0.5", "1", "k_star"}, "ties", '
                        '"stationary", "D", "d", "sampler", "loss", "clamp"}; interior: k* more than 1e-6 from both '
                        'ends; ties: every minimiser (end point or interior minimum) whose Δ* is within 1e-9 '
                        '(relative) of the least, k* being the largest of them; stationary: [{"k", "type": '
                        'minimum|maximum|inflection, "delta"}], the points in (0, 1) where dΔ*/dk = 0')


def _int(flag, text, lo, hi):
    """An integer flag from plain or exact scientific notation ('1e6'), checked against [lo, hi] before any
    conversion that could overflow."""
    from decimal import Decimal, InvalidOperation

    rng = f"[{lo}, {hi:.0e}]" if isinstance(hi, int) and hi >= 10**6 else f"[{lo}, {hi}]"
    shown = text if len(str(text)) <= 40 else str(text)[:20] + f"...({len(str(text))} characters)"
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(f"{flag} must be an integer in {rng}, got {shown!r}") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise ValueError(f"{flag} must be an integer in {rng}, got {shown!r}")
    if value.adjusted() > len(str(hi)) or not lo <= value <= hi:   # adjusted(): the decimal exponent; no huge int
        raise ValueError(f"{flag} must be an integer in {rng}, got {shown}")
    return int(value)


def _clamp(text, loss):
    from difftheory.theory.kdiff_optimum import CLAMP_MIN

    if text is None:
        return None if loss == "u" else 0.05
    if str(text).lower() == "none":
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and CLAMP_MIN <= value < 1.0):
        raise ValueError(f"--clamp must be a number in [{CLAMP_MIN:g}, 1) or 'none', got {text!r}")
    return value


def _sampler(text):
    from difftheory.theory.time_densities import parse_sampler

    try:
        return parse_sampler(text)
    except ValueError as exc:
        raise ValueError(f"--sampler: {exc}") from None


def _k_text(k: float) -> str:
    """k with six decimals, or with the digits that tell it from an end point when it lies within 1e-4 of one."""
    return f"{k:.6f}" if k in (0.0, 1.0) or 1e-4 < k < 1 - 1e-4 else f"{k:.12g}"


def run(args) -> int:
    from difftheory.theory.kdiff_optimum import D_MAX, TIE_REL, k_star
    from difftheory.theory.target_conversions import LOSSES
    from difftheory.validate import check_choice

    D = _int("--D", args.D, 1, D_MAX)
    d = _int("--d", args.d, 1, D)
    loss = check_choice("--loss", args.loss, LOSSES)
    sampler = _sampler(args.sampler)
    clamp = _clamp(args.clamp, loss)
    res = k_star(D, d, sampler, loss, clamp)
    if args.json:
        print(dumps({
            "k_star": res.k_star, "interior": res.interior,
            "delta_at": res.delta_at,
            "ties": res.ties, "stationary": res.stationary,
            "D": D, "d": d, "sampler": str(sampler), "loss": loss, "clamp": clamp,
        }))
        return 0
    k = res.k_star
    where = ("interior minimum" if res.interior else "end point of [0, 1]" if k in (0.0, 1.0) else
             f"minimum next to the end point {round(k)}, {min(k, 1 - k):.2g} from it")
    print(f"k* = {_k_text(k)}  ({where})   D={D} d={d} sampler={sampler} loss={loss} clamp={clamp}")
    if len(res.ties) > 1:
        print(f"   TIE: Δ* is equal (within {TIE_REL:g} relative) at k = {', '.join(_k_text(t) if 0 < t < 1 else f'{t:g}' for t in res.ties)}; "
              "k* reports the largest")
    for s in res.stationary:
        print(f"   stationary point k = {_k_text(s['k'])}: {s['type']} (Δ* = {s['delta']:.10g})")
    if loss == "u" and sampler.name == "uniform":
        print(f"   Thm 3.2: D/(D+d) = {D / (D + d):.6f}")
    for key, label in (("0", "k=0   (eps)"), ("0.5", "k=0.5 (v)"), ("1", "k=1   (x)"), ("k_star", "k=k*")):
        print(f"   Δ*({label}) = {res.delta_at[key]:.10g}")
    return 0
