"""Numerical checks of erd's training-dynamics statements on the App. F MLP (time as in App. F: t = 0 data):
one gradient step through the joint NTK (Prop. B.1 / Thm C.4), the Bayes split of the stochastic gradient
(Lemma C.2) and of the representation gradient with its norm bound (Prop. D.3)."""

from __future__ import annotations

import numpy as np
import torch
from torch.func import grad, jacrev, vjp, vmap

from difftheory.theory.gmm import erd_gmm
from difftheory.theory.schedules import erd_schedule
from difftheory.theory.target_conversions import erd_target_coefficients
from difftheory.toy import ntk
from difftheory.toy.erd_gmm_floor import bayes_predictor
from difftheory.toy.erd_model import init_mlp, mlp_forward
from difftheory.validate import check_int


def toy_batch(target: str, schedule: str, n: int, seed: int, t=None, dtype=torch.float64):
    """(z_t, t, y, E[y | z_t]) for n draws of App. F's world; t ~ U(0.02, 0.98) unless given (scalar or array)."""
    rng = np.random.default_rng(seed)
    g = erd_gmm()
    x0 = g.sample(n, rng)
    eps = rng.standard_normal((n, 2))
    tt = rng.uniform(0.02, 0.98, n) if t is None else np.broadcast_to(np.asarray(t, float), (n,)).copy()
    a, s = erd_schedule(schedule).alpha_sigma(tt)
    cx, ce = erd_target_coefficients(target, a, s)
    z = a[:, None] * x0 + s[:, None] * eps
    y = cx[:, None] * x0 + ce[:, None] * eps
    fstar = bayes_predictor(target, schedule, tt, z)
    as_t = lambda v: torch.as_tensor(np.asarray(v), dtype=dtype)  # noqa: E731
    return as_t(z), as_t(tt), as_t(y), as_t(fstar)


def ntk_step_errors(params, z, t, y, z_eval, t_eval, etas) -> dict:
    """One gradient-descent step on L = (1/2B) Σ_j ‖f(z_j) − y_j‖² with step η changes the outputs at the
    evaluation inputs by Δf = −(η/B) Σ_j Θ(·, z_j) e_j + O(η²)  # erd Prop. B.1, Eq. (18) (Euler step of the flow).
    Returns the first-order prediction error ‖Δf − Δf_pred‖ for each η and the fitted log-log slope."""
    B = z.shape[0]
    leaves = [p.detach().clone().requires_grad_() for pair in params for p in pair]
    ps = [(leaves[j], leaves[j + 1]) for j in range(0, len(leaves), 2)]
    e = mlp_forward(ps, z, t) - y
    loss = 0.5 * (e**2).sum() / B
    grads = torch.autograd.grad(loss, leaves)
    f0 = mlp_forward(params, z_eval, t_eval).detach()
    K = ntk.ntk_structured(params, z_eval, t_eval, z, t).detach()  # (n_eval·O, B·O)
    pred_unit = -(K @ e.detach().reshape(-1)).reshape(f0.shape) / B
    errs, norms = [], []
    for eta in etas:
        new = [(W - eta * gW, b - eta * gb) for (W, b), gW, gb in zip(params, grads[0::2], grads[1::2])]
        df = mlp_forward(new, z_eval, t_eval).detach() - f0
        errs.append(float((df - eta * pred_unit).norm()))
        norms.append(float((eta * pred_unit).norm()))
    slope = float(np.polyfit(np.log(etas), np.log(errs), 1)[0])
    return {"etas": list(map(float, etas)), "abs_error": errs, "predicted_norm": norms, "loglog_slope": slope,
            "relative_error": [a / b for a, b in zip(errs, norms)]}


def bayes_split_of_step(params, z, t, y, fstar, z_eval, t_eval) -> dict:
    """Thm C.4 on a batch: the Bayes-centred residual r = f − f* moves by −(η/B) Θ (r + ξ), ξ = f* − y: the
    contraction part Θ r and the Bayes-forcing part Θ ξ (norms per unit step)."""
    B = z.shape[0]
    with torch.no_grad():
        r = mlp_forward(params, z, t) - fstar
    xi = fstar - y
    K = ntk.ntk_structured(params, z_eval, t_eval, z, t)
    contraction = (K @ r.reshape(-1)) / B
    forcing = (K @ xi.reshape(-1)) / B
    return {"contraction_norm": float(contraction.norm()), "forcing_norm": float(forcing.norm()),
            "residual_rms": float(r.pow(2).sum(1).mean().sqrt()), "bayes_noise_rms": float(xi.pow(2).sum(1).mean().sqrt())}


def gradient_decomposition(params, z, t, y, fstar, M: float = 1.0) -> dict:
    """Lemma C.2 / Prop. D.3 per sample. ∇_θ ½M‖f − y‖² = M Jᵀ(f − f*) + M Jᵀ(f* − y) (Eq. 36); with f = W h,
    the representation parameters ϑ (all but the head) get M (∇_ϑ h)ᵀ Wᵀ (r + ξ) (Eq. 77) and
    ‖∇_ϑ ℓ‖ ≤ M ‖∇_ϑ h‖_F ‖W‖_op (‖r‖ + ‖ξ‖) (Eq. 78). The two terms are vector–Jacobian products of h (no Jacobian
    is built) and ‖∇_ϑ h‖_F² = Σ_layers Σ_k ‖Δ_k‖² (‖a‖² + 1) from the per-layer backprop signals of h
    (``ntk.layer_signals`` with an identity head). Returns the worst relative mismatch of the splits, the worst ratio
    of the norm to its bound, and the per-sample Bayes-noise share ‖ξ-term‖/(‖r-term‖ + ‖ξ-term‖)."""
    check_int("n", z.shape[0], 1, None)
    head_W, head_b = params[-1]
    hidden = params[:-1]
    width = head_W.shape[0]
    eye = (torch.eye(width, dtype=z.dtype), torch.zeros(width, dtype=z.dtype))

    def h_of(hp, zi, ti):
        return mlp_forward(list(hp) + [eye], zi[None], ti[None])[0]

    def loss_of(hp, zi, ti, yi):
        return 0.5 * M * (((h_of(hp, zi, ti) @ head_W + head_b) - yi) ** 2).sum()

    hp = [tuple(pair) for pair in hidden]
    flat = lambda g: torch.cat([x.reshape(x.shape[0], -1) for pair in g for x in pair], 1)  # noqa: E731
    g_full = flat(vmap(grad(loss_of), in_dims=(None, 0, 0, 0))(hp, z, t, y))  # (n, P_ϑ)
    with torch.no_grad():
        f = mlp_forward(list(params), z, t)
    r = f - fstar
    xi = fstar - y

    def pull(hp_, zi, ti, cot):  # (∇_ϑ h)ᵀ cot for one sample
        _, back = vjp(lambda q: h_of(q, zi, ti), hp_)
        return back(cot)[0]

    g_r = M * flat(vmap(pull, in_dims=(None, 0, 0, 0))(hp, z, t, r @ head_W.T))  # (∇h)ᵀ Wᵀ r (head_W is (width, O))
    g_xi = M * flat(vmap(pull, in_dims=(None, 0, 0, 0))(hp, z, t, xi @ head_W.T))
    split_err = float(((g_r + g_xi - g_full).norm(dim=1) / g_full.norm(dim=1).clamp_min(1e-300)).max())
    inputs, deltas = ntk.layer_signals(list(hidden) + [eye], z, t)
    jac_f2 = sum((D**2).sum((1, 2)) * ((a**2).sum(1) + 1) for a, D in zip(inputs[:-1], deltas[:-1]))  # ‖∇_ϑ h‖_F²
    bound = M * jac_f2.sqrt() * torch.linalg.matrix_norm(head_W, ord=2) * (r.norm(dim=1) + xi.norm(dim=1))
    ratio = g_full.norm(dim=1) / bound
    share = g_xi.norm(dim=1) / (g_r.norm(dim=1) + g_xi.norm(dim=1))
    return {"split_max_rel_err": split_err, "bound_ratio_max": float(ratio.max()),
            "bound_ratio_median": float(ratio.median()), "noise_share_mean": float(share.mean()),
            "residual_rms": float(r.pow(2).sum(1).mean().sqrt()), "bayes_noise_rms": float(xi.pow(2).sum(1).mean().sqrt()),
            "jacobian_frobenius": jac_f2.sqrt().tolist()}


def jacobian_frobenius_reference(params, z, t) -> torch.Tensor:
    """‖∇_ϑ h‖_F per sample from the full Jacobian (jacrev): the twin of the layer-signal formula (small models only)."""
    head_W = params[-1][0]
    width = head_W.shape[0]
    eye = (torch.eye(width, dtype=z.dtype), torch.zeros(width, dtype=z.dtype))
    hp = [tuple(pair) for pair in params[:-1]]

    def h_of(q, zi, ti):
        return mlp_forward(list(q) + [eye], zi[None], ti[None])[0]

    J = vmap(jacrev(h_of), in_dims=(None, 0, 0))(hp, z, t)
    return torch.cat([x.reshape(x.shape[0], -1) for pair in J for x in pair], 1).norm(dim=1)


def small_mlp(width: int = 32, seed: int = 0, dtype=torch.float64):
    """A small App. F-shaped MLP (3 hidden layers) for the first-order checks."""
    g = torch.Generator().manual_seed(seed)
    return [(W.to(dtype), b.to(dtype)) for W, b in init_mlp(width, 3, generator=g)]
