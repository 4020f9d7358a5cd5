"""Stationary points and ties of Δ*(k) for the linear model's settings (kdiff Eq. 12), on the trainer's quadrature.

Training a learnable k starts at k0 = ½ with W = 0. Where k0 is a stationary point of Δ*(k) that is not a minimum
(e.g. D = d under Alg. 1's v-loss with a sampler symmetric about ½: Δ*(k) = Δ*(1 − k), so k = ½ is the maximum
between the tied minima at 0 and 1) and the start is a fixed point of the training dynamics (every gradient zero
to round-off), any departure of k is round-off amplified (Adam divides by the root of the squared gradient, so a
1e-17 gradient moves k by ~lr). Such runs say nothing about where the loss sends k; they are reported as ties.

Definitions (aligned with ``theory.kdiff_optimum.k_star``'s ``ties``/``stationary``, which ``kstar --json`` prints):
- k0 is a *stationary point* of Δ* when |dΔ*/dk(k0)| ≤ STATIONARY_RTOL · max(1, Δ*(k0)); its *type* is ``minimum``
  / ``maximum`` by the sign of d²Δ*/dk², ``inflection`` when |d²Δ*/dk²| ≤ CURVATURE_RTOL · max(1, Δ*(k0)).
- values *tie* when they lie within TIE_REL · max(1, |min|) of the minimum (``kdiff_optimum.TIE_REL``).
Derivatives are exact on the quadrature: autograd through Eq. (12) with the moments as functions of k
(Δ*(k) = min_W L(W, k), and Eq. (12) is that minimum in closed form).

``kdiff_optimum.k_star`` finds stationary points on a grid of its adaptive-quadrature Δ*; it has no test of a given
point, so this one tests k0 directly, on the simulator's quadrature (the loss the trainer descends, which is what
decides whether a training start is a fixed point), with exact derivatives.
"""

from __future__ import annotations

import numpy as np
import torch

from difftheory.linear_model.population import delta_star_closed, quadrature_nodes
from difftheory.theory.kdiff_optimum import is_tied

STATIONARY_RTOL = 1e-9  # round-off of Eq. (12) on the quadrature is ~1e-15·Δ*; every real slope seen is ≥ 1e-4·Δ*
CURVATURE_RTOL = 1e-6  # a curvature below 1e-6·Δ* cannot be told from zero by a 1e-9 slope test over |Δk| ~ 1e-3
ROUNDOFF_GRAD = 1e-12  # a start whose every |∂(L/D)/∂θ| is below this is a fixed point of the training dynamics
K_MOVED = 1e-6  # k "left" its start when it ends more than this away


def delta_star_derivatives(settings, k, nodes: int = 256) -> dict:
    """Δ*(k), dΔ*/dk and d²Δ*/dk² per setting for the constant k-target (``k`` scalar or one per setting)."""
    from difftheory.linear_model.trainer import moments_of_coefficients

    B = len(settings)
    t, w = quadrature_nodes([s.sampler for s in settings], nodes)
    kk = torch.as_tensor(np.broadcast_to(np.asarray(k, dtype=float), (B,)).copy(), dtype=torch.float64)
    kk.requires_grad_()
    phi = kk.reshape(-1, 1).expand_as(t)
    m = moments_of_coefficients(settings, phi, -(1 - phi), t, w, k_family=True)
    Ds = torch.tensor([float(s.D) for s in settings], dtype=torch.float64)
    ds = torch.tensor([float(s.d) for s in settings], dtype=torch.float64)
    delta = delta_star_closed(m, Ds, ds)  # kdiff Eq. (12)
    (g,) = torch.autograd.grad(delta.sum(), kk, create_graph=True)
    (h,) = torch.autograd.grad(g.sum(), kk)
    return {"delta": delta.detach().numpy(), "slope": g.detach().numpy(), "curvature": h.detach().numpy()}


def classify(delta: float, slope: float, curvature: float) -> dict:
    """Whether a point is stationary (``STATIONARY_RTOL``) and its type (``CURVATURE_RTOL``)."""
    scale = max(abs(float(delta)), 1.0)
    stationary = bool(abs(slope) <= STATIONARY_RTOL * scale)
    kind = None
    if stationary:
        if curvature > CURVATURE_RTOL * scale:
            kind = "minimum"
        elif curvature < -CURVATURE_RTOL * scale:
            kind = "maximum"
        else:
            kind = "inflection"
    return {"stationary": stationary, "type": kind, "slope_rel": float(slope) / scale,
            "curvature_rel": float(curvature) / scale}


def start_analysis(settings, k0, nodes: int = 256) -> list[dict]:
    """For each setting: is the start k0 a stationary point of Δ*(k), of which type, and do the end points tie
    (Δ*(0) and Δ*(1) within TIE_REL · max(1, |smaller|))?"""
    at = delta_star_derivatives(settings, k0, nodes)
    ends = [delta_star_derivatives(settings, e, nodes)["delta"] for e in (0.0, 1.0)]
    out = []
    for i in range(len(settings)):
        c = classify(at["delta"][i], at["slope"][i], at["curvature"][i])
        d0, d1 = float(ends[0][i]), float(ends[1][i])
        lo = min(d0, d1)
        c.update({"k0": float(np.broadcast_to(k0, (len(settings),))[i]), "delta_at_k0": float(at["delta"][i]),
                  "delta_at_0": d0, "delta_at_1": d1,
                  "ends_tie": bool(np.isfinite(lo) and is_tied(max(d0, d1), lo))})
        out.append(c)
    return out


def left_by_roundoff(start: dict, grad_start: float, k_final: float, learned: bool = True) -> bool:
    """k left a non-minimum stationary start that was a fixed point of the training dynamics: round-off moved it."""
    return bool(learned and start["stationary"] and start["type"] != "minimum" and grad_start <= ROUNDOFF_GRAD
                and abs(float(k_final) - start["k0"]) > K_MOVED)
