"""``difftheory linear``: train kdiff's linear denoiser (exact population loss or SGD) and compare the
learned k, W and loss with theory's k*, W*(k) (Eq. 11) and Δ*(k) (Eq. 12)."""

from __future__ import annotations

import json
import math
import time


def add_arguments(p):
    p.add_argument("--D", type=int, required=True, help="ambient dimension D >= 1")
    p.add_argument("--d", type=int, required=True, help="intrinsic dimension 1 <= d <= D")
    p.add_argument("--loss", default="u", help="u (κ = 1, default) or v (Alg. 1's v-loss)")
    p.add_argument("--sampler", default="uniform", help="uniform (default) or logit-normal:MU,SIGMA")
    p.add_argument("--clamp", default="0.05", help="velocity-denominator clamp in (0, 1), or 'none' (default 0.05; v-loss only)")
    p.add_argument("--k", default="learn", help="'learn' (k = sigmoid(w_k) from 0.5, default) or a fixed k in [0, 1]")
    p.add_argument("--steps", type=int, default=None, help="optimizer steps (default 800 exact, 3000 sgd)")
    p.add_argument("--mode", default="exact", help="exact (population loss, default) or sgd (Monte Carlo minibatches)")
    p.add_argument("--lr", type=float, default=None, help="learning rate (default 0.2 exact Adam, 0.01 sgd Adam)")
    p.add_argument("--batch", type=int, default=256, help="sgd minibatch size (default 256)")
    p.add_argument("--seed", type=int, default=0, help="seed (projection P, SGD draws; default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _parse(args):
    from difftheory.linear_model.trainer import Setting
    from difftheory.theory.samplers import parse_sampler
    from difftheory.validate import check_choice, check_float, check_int

    mode = check_choice("--mode", args.mode, ("exact", "sgd"))
    clamp = None if str(args.clamp).lower() == "none" else _float("--clamp", args.clamp)
    setting = Setting(args.D, args.d, check_choice("--loss", args.loss, ("u", "v")), parse_sampler(args.sampler), clamp)
    if args.k == "learn":
        kmode, k = "learn", 0.5
    else:
        kmode, k = "fixed", check_float("--k", _float("--k", args.k), 0.0, 1.0)
    steps = check_int("--steps", args.steps if args.steps is not None else (800 if mode == "exact" else 3000), 1, 10**7)
    lr = args.lr if args.lr is not None else (0.2 if mode == "exact" else 0.01)
    lr = check_float("--lr", lr, 0.0, None, lo_open=True)
    check_int("--batch", args.batch, 1, 10**6)
    check_int("--seed", args.seed, 0, 2**32 - 1)
    if mode == "sgd" and setting.D > 256:
        raise ValueError(f"--D must be an integer in [1, 256] for --mode sgd (explicit D×D minibatch training), got {setting.D}")
    return setting, mode, kmode, k, steps, lr


def _float(name, text):
    try:
        return float(text)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {text!r}") from None


def linear_report(setting, mode="exact", kmode="learn", k=0.5, steps=800, lr=0.2, batch=256, seed=0) -> dict:
    """Train one setting and compare with theory; the dict the CLI prints (``--json``)."""
    import numpy as np

    from difftheory.linear_model.trainer import train_exact, train_sgd
    from difftheory.theory.optimal_loss import W_star, delta_star, k_star, moments, optimal_coefficients

    start = time.perf_counter()
    if mode == "exact":
        res = train_exact([setting], mode=kmode, k=k, steps=steps, lr=lr, seed=seed)
    else:
        res = train_sgd(setting, mode=kmode, k=k, steps=steps, lr=lr, batch=batch, seed=seed)
    k_final = float(np.asarray(res.k).reshape(-1)[0])
    D, d = setting.D, setting.d
    if mode == "exact":
        cp, cq = optimal_coefficients(moments(k_final, setting.sampler, setting.loss, setting.clamp), k_final)
        num = d * (res.c_par[0] - cp) ** 2 + (D - d) * (res.c_perp[0] - cq) ** 2
        w_error = math.sqrt(num / (d * cp**2 + (D - d) * cq**2))
    else:
        P = res.P[0].numpy()
        Ws = W_star(P, k_final, setting.sampler, setting.loss, setting.clamp)
        w_error = float(np.linalg.norm(res.W[0].numpy() - Ws) / np.linalg.norm(Ws))
    ks = k_star(D, d, setting.sampler, setting.loss, setting.clamp)
    out = {
        "D": D, "d": d, "loss": setting.loss, "sampler": str(setting.sampler), "clamp": setting.clamp,
        "mode": mode, "k_mode": kmode,
        "k_final": k_final,
        "loss_final": float(res.loss[0]),
        "delta_star_theory": float(delta_star(k_final, D, d, setting.sampler, setting.loss, setting.clamp)),
        "w_error": w_error,
        "k_star_theory": ks.k_star,
        "k_D_over_D_plus_d": D / (D + d),
        "steps": int(res.steps),
        "seconds": round(time.perf_counter() - start, 3),
    }
    return {key: (None if isinstance(v, float) and not math.isfinite(v) else v) for key, v in out.items()}


def run(args) -> int:
    import sys

    from difftheory.linear_model.trainer import NonFiniteLoss
    from difftheory.threads import single_thread

    setting, mode, kmode, k, steps, lr = _parse(args)
    try:
        with single_thread():
            out = linear_report(setting, mode, kmode, k, steps, lr, args.batch, args.seed)
    except NonFiniteLoss as exc:
        print(f"difftheory linear: error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(out))
        return 0
    print(f"setting: D={out['D']} d={out['d']} loss={out['loss']} sampler={out['sampler']} clamp={out['clamp']} "
          f"mode={mode} k={kmode if kmode == 'learn' else k}")
    print(f"k_final           {out['k_final']:.6f}   (theory k* {out['k_star_theory']:.6f}, D/(D+d) {out['k_D_over_D_plus_d']:.6f})")
    print(f"loss_final        {out['loss_final']:.6g}")
    ds = out["delta_star_theory"]
    print(f"Δ*(k_final)       {ds:.6g}" if ds is not None else "Δ*(k_final)       inf")
    print(f"‖W − W*‖/‖W*‖     {out['w_error']:.3g}")
    print(f"steps             {out['steps']}   ({out['seconds']} s)")
    return 0
