"""One linear-model setting trained and compared with theory (what ``difftheory linear`` prints): the learned k
against k* and D/(D + d), W against W*(k) (kdiff Eq. 11b), the loss against Δ*(k) (Eq. 12), and whether the start
k = ½ is a stationary point of Δ*(k) that k left by round-off (then its end point is not chosen by the loss: e.g.
D = d under the v-loss, where ½ is the maximum between tied minima at 0 and 1)."""

from __future__ import annotations

import math
import time

from difftheory.io import to_jsonable

EXACT_NODES = 2048  # exact mode: composite Gauss–Legendre in logit t, 128 panels × 16 nodes (linear_model.population):
# Δ* within ≤ 3e-5 of theory's adaptive integral over the accepted ranges (the simulators' default 256-node rule leaves
# 3e-3 for logit-normal(5, 2) with the 0.05 clamp and 7e-4 for the unclamped v-loss under uniform t)


def _w_star_coefficients(k, setting):
    """(c_∥*, c_⊥*) of Eq. (11b); at a singular end (κ² not integrable) the constrained limit: k = 0 → (−1, −1),
    k = 1 → (1, 0) (theory.kdiff_optimum.mode_losses_at_singular_end)."""
    from difftheory.theory.kdiff_optimum import moments, optimal_coefficients, singular_end

    end = singular_end(k, setting.sampler, setting.loss, setting.clamp)
    if end == 0:
        return -1.0, -1.0
    if end == 1:
        return 1.0, 0.0
    return (float(c) for c in optimal_coefficients(moments(k, setting.sampler, setting.loss, setting.clamp), k))


def linear_report(setting, training="exact", target=None, steps=800, lr=0.2, batch=256, seed=0) -> dict:
    """Train one setting and compare with theory; the dict ``difftheory linear`` prints (``--json``). ``training``:
    ``exact`` (population loss) or ``sgd`` (Monte Carlo minibatches; the output's ``mode``); ``target``: a
    ``theory.kdiff_target.TargetSpec`` (learn or fixed k; default: learned from 0.5). Raises
    ``difftheory.training.NonFiniteLoss`` / ``LossGrew`` (one-line messages) when training diverges."""
    import numpy as np

    from difftheory.linear_model.stationary import K_MOVED, ROUNDOFF_GRAD, delta_star_derivatives, start_analysis
    from difftheory.linear_model.trainer import train_exact, train_sgd
    from difftheory.theory.kdiff_optimum import delta_star, k_star

    from difftheory.theory.kdiff_target import TargetSpec

    target = TargetSpec() if target is None else target
    k_mode, k = target.k_mode, target.k
    start = time.perf_counter()
    if training == "exact":
        res = train_exact([setting], k_mode=k_mode, k=k, steps=steps, lr=lr, seed=seed, nodes=EXACT_NODES)
    else:
        res = train_sgd(setting, k_mode=k_mode, k=k, steps=steps, lr=lr, batch=batch, seed=seed, nodes=EXACT_NODES)
    k_final = float(np.asarray(res.k).reshape(-1)[0])
    D, d = setting.D, setting.d
    cp, cq = _w_star_coefficients(k_final, setting)
    if training == "exact":
        num = d * (res.c_par[0] - cp) ** 2 + (D - d) * (res.c_perp[0] - cq) ** 2
        den = d * cp**2 + (D - d) * cq**2
        w_error = math.sqrt(num / den) if den > 0 else math.sqrt(num)
    else:
        P = res.P[0].numpy()
        Ws = cp * P @ P.T + cq * (np.eye(D) - P @ P.T)
        nrm = float(np.linalg.norm(Ws))
        w_error = float(np.linalg.norm(res.W[0].numpy() - Ws) / (nrm if nrm > 0 else 1.0))
    k0 = k  # the start of a learned k, or the fixed k
    st = start_analysis([setting], k0, nodes=EXACT_NODES)[0]
    grad_start = float(res.grad_start[0]) if res.grad_start is not None else None
    fixed_point = bool(training == "exact" and grad_start is not None and grad_start <= ROUNDOFF_GRAD)
    moved = k_mode == "learn" and abs(k_final - k0) > K_MOVED
    left_by = None
    if st["stationary"] and moved:
        left_by = "round-off" if fixed_point else ("sampling noise" if training == "sgd" else "the gradient of W's start")
    dq = float(delta_star_derivatives([setting], min(max(k_final, 0.0), 1.0), nodes=EXACT_NODES)["delta"][0])
    ds = float(delta_star(min(max(k_final, 0.0), 1.0), D, d, setting.sampler, setting.loss, setting.clamp))
    ks = k_star(D, d, setting.sampler, setting.loss, setting.clamp)
    out = {
        "D": D, "d": d, "loss": setting.loss, "sampler": str(setting.sampler), "clamp": setting.clamp,
        "mode": training, "k_mode": k_mode, "k_start": k0,
        "k_final": k_final,
        "loss_start": float(res.loss_start[0]),
        "loss_final": float(res.loss[0]),
        "delta_star_theory": ds,
        "delta_star_quadrature": dq,
        "quadrature_rel_gap": abs(dq - ds) / max(abs(ds), 1e-300),
        "w_error": w_error,
        "grad_norm_end": float(res.grad_norm[0]) if res.grad_norm is not None else None,
        "k_star_theory": ks.k_star,
        "k_star_ties": list(getattr(ks, "ties", [])),
        "k_D_over_D_plus_d": D / (D + d),
        "started_at_stationary_point": st["stationary"],
        "start_stationary_type": st["type"],
        "start_is_fixed_point": fixed_point,
        "left_stationary_point_by_roundoff": bool(st["stationary"] and moved and fixed_point),
        "left_stationary_point_by": left_by,
        "end_points_tie": st["ends_tie"],
        "steps": int(res.steps),
        "seconds": round(time.perf_counter() - start, 3),
    }
    return to_jsonable(out)  # NaN/±inf → None (difftheory.io's one JSON policy)
