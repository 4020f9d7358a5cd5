"""Training kdiff's linear denoiser û = Wz with a fixed or learnable k-target (kdiff §3–4).

``train_exact``: full-batch gradient descent (or Adam) on the exact population loss
(``population``: Eq. 8 integrated with the sampler's quadrature nodes and the loss's κ²), batched over a
list of settings (D, d, loss, sampler, clamp) that share one target mode. W lives in closed coordinates
(c_∥, c_⊥) — all the loss sees of W — or as explicit (B, D, D) matrices (``param="explicit"``, for the
mode checks of Eq. 9). ``train_sgd``: Monte Carlo minibatches of (x, n, t) and Alg. 1's loss.

The target is ``theory.kdiff_target.KTarget`` (modes learn / fixed / two / binned); a batch of them is one
template module run with stacked parameters under ``torch.func.vmap``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from torch.func import functional_call, stack_module_state, vmap

from difftheory.linear_model.subspace_data import LATENTS, sample_data
from difftheory.linear_model.population import (
    SIM_LOSSES,
    ModeMoments,
    kappa_sq,
    mode_moments,
    population_loss_closed,
    population_loss_matrix,
    quadrature_nodes,
)
from difftheory.theory.kdiff_target import K_PARAM, KMODES, KTarget, TargetSpec, binned_k_of_t, k_from_state
from difftheory.theory.kdiff_optimum import check_dims
from difftheory.theory.projection import random_projection
from difftheory.theory.time_densities import TimeDensity
from difftheory.theory.target_conversions import noisy, velocity_from_target
from difftheory.training import Adam, check_loss, cosine_lr
from difftheory.validate import check_choice, check_float, check_int

OPTIMIZERS = ("adam", "gd")
TARGET_PREFIX = "kt."  # the target's place in the batched coefficient module (``_Coefficients.kt``)
K_KEY = TARGET_PREFIX + K_PARAM  # its learned logit(s) in the stacked parameters
PARAMS = ("closed", "explicit")

# Divergence: training stops (one line, ``difftheory.training.LossGrew``) when a loss exceeds LOSS_GROWTH_LIMIT times its start.
# The start is the exact population loss of the initial W (W = 0: the zero predictor, the untrained model), so the
# limit never depends on a lucky first minibatch. A descending run exceeds its start only by a transient overshoot:
# over the 32-setting quick sweep (exact, Adam) the largest loss/start ratio is 1.05 at the default lr 0.2, 2.6 at lr 1
# and 8.4 at lr 2 (tests/test_linear_trainer.py::test_growth_limit_has_headroom); a 100-fold rise means the step has
# left the stable range (lr 1e6 reaches 7e11× in one step). The same 100× as the MLP toys (toy/kdiff_mlp.py), so the
# simulators stop at one rule.
LOSS_GROWTH_LIMIT = 100.0
COSINE_FLOOR = 0.01  # schedule="cosine" decays lr to 1 % of its start
EXPLICIT_D_MAX = 4096  # explicit D×D matrices (and minibatches of D-vectors): 4096² float64 = 134 MB per matrix
SGD_LOSS_WINDOW = 16  # SGD compares the mean of the last 16 minibatch losses (batch may be 1: one draw is noisy)
POLISH_GTOL = 1e-12  # Newton polish stops when every gradient entry of the loss per ambient dimension is below this
POLISH_ITERS = 100
POLISH_DECREMENT = 1e-15  # ... or when the Newton step would lower f by less than this (relative): round-off
# Converged by construction (``gtol``): after the polish, Newton–CG rounds on each setting whose largest gradient entry
# is still above gtol. A step is taken when it lowers the largest gradient entry (not f: near a minimum f changes by
# ~g²/λ, below float64's resolution of f long before g reaches 1e-10), so the gradient falls quadratically to gtol.
REFINE_ROUNDS = 40  # Newton–CG iterations per setting before the run reports that it hit the cap
REFINE_CG_ITERS = 400  # conjugate-gradient iterations per Newton step (Hessian-vector products by double backward)


@dataclass(frozen=True)
class Setting:
    """One configuration of the linear model: dimensions, training loss, time sampler, velocity clamp."""

    D: int
    d: int
    loss: str = "u"
    sampler: TimeDensity = field(default_factory=TimeDensity)
    clamp: float | None = 0.05

    def __post_init__(self):
        check_dims(self.D, self.d)
        check_choice("loss", self.loss, SIM_LOSSES)
        if not isinstance(self.sampler, TimeDensity):
            raise ValueError(f"sampler must be a TimeDensity (see parse_sampler), got {self.sampler!r}")
        if self.clamp is not None:
            check_float("clamp", self.clamp, 0.0, 1.0, lo_open=True, hi_open=True)

    def __str__(self) -> str:
        return f"D={self.D}, d={self.d}, loss={self.loss}, sampler={self.sampler}, clamp={self.clamp}"


@dataclass
class TrainResult:
    settings: tuple
    k_mode: str
    steps: int
    record_steps: np.ndarray  # (T,)
    k: np.ndarray  # final target parameters in k-space: (B,) learn/fixed, (B, 2) two, (B, N + 1) binned
    k_traj: np.ndarray  # (T, B, ...)
    loss: np.ndarray  # (B,) exact population loss, kdiff Eq. (4)
    loss_traj: np.ndarray  # (T, B)
    c_par: np.ndarray | None = None  # (B,) closed coordinates of W (param="closed")
    c_perp: np.ndarray | None = None
    W: torch.Tensor | None = None  # (B, D, D) (param="explicit" and sgd)
    P: torch.Tensor | None = None  # (B, D, d)
    k_steps: np.ndarray | None = None  # exact mode: k after the first-order steps, before the polish
    loss_start: np.ndarray | None = None  # (B,) exact population loss at the start (the divergence reference)
    grad_norm: np.ndarray | None = None  # (B,) exact mode: max |∂(L/D)/∂θ| at the end (convergence measure)
    grad_start: np.ndarray | None = None  # (B,) exact mode: the same at the start (0 to round-off: a fixed point)
    gtol: float | None = None  # exact mode: the gradient the run was asked to reach (converged by construction)
    refine_iters: np.ndarray | None = None  # (B,) Newton–CG iterations each setting took to reach gtol
    hit_cap: np.ndarray | None = None  # (B,) True where gtol was not reached within REFINE_ROUNDS iterations
    seeds: list | None = None  # sgd: the replicate seeds


class _Coefficients(nn.Module):
    """Forward = KTarget.coefficients, so a stack of targets can run through functional_call + vmap."""

    def __init__(self, target: KTarget):
        super().__init__()
        self.kt = target

    def forward(self, t):
        return self.kt.coefficients(t)


def _targets(k_mode, k, n_bins, B) -> list[KTarget]:
    """B KTargets, each built from its ``TargetSpec`` (``k``: one value, or one per target)."""
    check_choice("k_mode", k_mode, KMODES)
    ks = np.broadcast_to(np.asarray(k, dtype=float), (B,))
    return [TargetSpec(k_mode, float(kk), n_bins).build() for kk in ks]


def batched_target(k_mode: str, k, n_bins: int, B: int):
    """B KTargets stacked: (template, params, buffers); params are float64 leaves with grad."""
    mods = [_Coefficients(t) for t in _targets(k_mode, k, n_bins, B)]
    params, buffers = stack_module_state(mods)
    params = {n: p.detach().double().requires_grad_(k_mode != "fixed") for n, p in params.items()}
    buffers = {n: b.double() for n, b in buffers.items()}
    return mods[0], params, buffers


def target_coefficients(template, params, buffers, t):
    """(φ(t), ψ(t)) of each stacked target at its own nodes t (B, n)  # kdiff Eq. (13), §4, App. E

    Written out batched (the same operations as ``KTarget.coefficients``, tested equal to
    ``target_coefficients_vmap``): a vmap over the stacked modules costs more than the moments themselves."""
    k_mode = template.kt.k_mode
    if k_mode == "two":
        kk = k_values(params, buffers).to(t.dtype)  # (B, 2)  # kdiff App. E: u = k0 x − k1 n
        return kk[:, :1].expand_as(t), (-kk[:, 1:]).expand_as(t)
    if k_mode == "binned":  # linear interpolation of sigmoid(w) between the N + 1 bin end points  # kdiff §4
        k = binned_k_of_t(k_values(params, buffers).to(t.dtype), t, template.kt.n_bins)  # ends (B, N + 1)
    else:
        k = k_values(params, buffers).to(t.dtype).reshape(-1, 1).expand_as(t)
    return k, -(1 - k)


def target_coefficients_vmap(template, params, buffers, t):
    """The reference path: ``KTarget.coefficients`` of each stacked module under vmap."""
    return vmap(lambda p, b, tt: functional_call(template, (p, b), (tt,)))(params, buffers, t)


def k_values(params, buffers) -> torch.Tensor:
    """The targets' k (k0, k1 / bin end values) from the stacked parameters (KTarget.k, batched)."""
    return k_from_state(params | buffers, TARGET_PREFIX)


def moments_for(settings, template, params, buffers, t, w) -> ModeMoments:
    """The six mode moments of each setting for its current target parameters (κ² per setting's loss)."""
    phi, psi = target_coefficients(template, params, buffers, t)
    return moments_of_coefficients(settings, phi, psi, t, w, template.kt.k_mode != "two")


def moments_of_coefficients(settings, phi, psi, t, w, k_family: bool = True) -> ModeMoments:
    """The six mode moments for target coefficients (φ, ψ) at nodes t (B, n), κ² per setting's loss and clamp."""
    is_v = torch.tensor([s.loss == "v" for s in settings]).reshape(-1, 1)
    if bool(is_v.any()):
        clamps = [0.0 if s.clamp is None else s.clamp for s in settings]  # 0 = unclamped (den > 0 inside (0, 1))
        k2 = torch.where(is_v, kappa_sq(t, phi, psi, "v", clamps, k_family), torch.ones_like(t))
    else:
        k2 = kappa_sq(t, phi, psi, "u")
    return mode_moments(t, w, phi, psi, k2)


def _lr_at(lr, i, steps, schedule):
    return cosine_lr(lr, i, steps, COSINE_FLOOR) if schedule == "cosine" else lr


def _check_loss(loss, start, settings, step, k_mode, lr):
    """Stop with one line (``difftheory.training.check_loss``) when a loss is non-finite or exceeds
    ``LOSS_GROWTH_LIMIT`` × its start; the message names the setting, the step and what to change."""
    check_loss(loss, start, LOSS_GROWTH_LIMIT, f"at step {step}", "lower the learning rate or set a velocity clamp",
               label=lambda j: f"setting {settings[j]} (target mode {k_mode}, lr {lr:g})")


def _validate_common(settings, k_mode, steps, lr, optimizer, seed, n_bins):
    settings = tuple(settings)
    if not settings or not all(isinstance(s, Setting) for s in settings):
        raise ValueError(f"settings must be a non-empty list of Setting, got {settings!r}")
    check_choice("k_mode", k_mode, KMODES)
    steps = check_int("steps", steps, 1, 10_000_000)
    lr = check_float("lr", lr, 0.0, None, lo_open=True)
    check_choice("optimizer", optimizer, OPTIMIZERS)
    check_int("seed", seed, 0, 2**63 - 1)
    check_int("n_bins", n_bins, 1, 100_000)
    return settings, steps, lr


def train_exact(settings, k_mode: str = "learn", k=0.5, n_bins: int = 16, steps: int = 1500, lr: float = 0.05,
                optimizer: str = "adam", param: str = "closed", init: str = "zero", seed: int = 0,
                nodes: int = 256, record_every: int | None = None, schedule: str = "cosine",
                polish: bool = True, progress: bool = False, gtol: float | None = None) -> TrainResult:
    """Train W and the target on the exact population loss (kdiff Eq. 4/8), batched over ``settings``.

    ``optimizer``: ``adam`` (per-parameter scale, cosine-decayed lr) or ``gd`` — plain gradient descent
    on W in the Frobenius metric (closed coordinates are rescaled so the flow is exactly Eq. 9's) and on
    the target parameters with the loss per ambient dimension (L / D). ``k``: initial (learn/two/binned)
    or fixed value, scalar or one per setting. ``param="explicit"`` needs one shared D.

    ``polish``: after the ``steps`` first-order steps, go on from where they ended until the gradient vanishes,
    so the end point is the stationary point the dynamics is heading to (the sigmoid of k saturates near k = 1
    and first-order steps crawl there): a batched, saddle-free Newton method with a backtracking line search on
    every parameter (W's closed coordinates and w_k) for ``param="closed"`` with a learned or fixed constant k,
    one L-BFGS per setting otherwise. ``k_steps`` keeps the value before the polish; the trajectory's last entry
    is the polished one. ``grad_norm`` is the largest gradient entry of L / D at the end (the convergence measure).

    ``gtol``: converged by construction — after the polish, every setting whose largest gradient entry is above
    ``gtol`` goes on with Newton–CG steps until it is not, up to ``REFINE_ROUNDS`` iterations; ``refine_iters``
    reports the iterations each took and ``hit_cap`` where the cap was reached first.

    Stops with ``difftheory.training.NonFiniteLoss`` / ``LossGrew`` (one line) when a loss is non-finite or grows
    more than ``LOSS_GROWTH_LIMIT``-fold over its start."""
    settings, steps, lr = _validate_common(settings, k_mode, steps, lr, optimizer, seed, n_bins)
    check_choice("param", param, PARAMS)
    check_choice("init", init, ("zero", "random"))
    check_choice("schedule", schedule, ("cosine", "constant"))
    B = len(settings)
    record_every = check_int("record_every", record_every or max(steps // 100, 1), 1)
    gen = torch.Generator().manual_seed(seed)
    t, w = quadrature_nodes([s.sampler for s in settings], nodes)
    template, params, buffers = batched_target(k_mode, k, n_bins, B)
    Ds = torch.tensor([float(s.D) for s in settings], dtype=torch.float64)
    ds = torch.tensor([float(s.d) for s in settings], dtype=torch.float64)

    P = proj = None
    if param == "closed":
        if init == "random":
            c0 = torch.randn(2, B, generator=gen, dtype=torch.float64)
        else:
            c0 = torch.zeros(2, B, dtype=torch.float64)
        weights = [c0[0].clone().requires_grad_(), c0[1].clone().requires_grad_()]
        metric = [ds, (Ds - ds).clamp_min(1.0)]  # Frobenius metric ‖W‖² = d c_∥² + (D − d) c_⊥²

        def loss_fn(m, ws=weights, sl=slice(None)):
            return population_loss_closed(ws[0], ws[1], m, Ds[sl], ds[sl])
    else:
        if len({s.D for s in settings}) != 1:
            raise ValueError(f"param='explicit' needs one D for the whole batch, got D in {sorted({s.D for s in settings})}")
        D = settings[0].D
        if D > EXPLICIT_D_MAX:
            raise ValueError(f"D must be an integer in [1, {EXPLICIT_D_MAX}] for param='explicit' (D×D matrices), got {D}")
        P = torch.zeros(B, D, max(s.d for s in settings), dtype=torch.float64)
        for i, s in enumerate(settings):
            P[i, :, : s.d] = random_projection(D, s.d, gen)
        proj = P @ P.transpose(-1, -2)
        W0 = torch.randn(B, D, D, generator=gen, dtype=torch.float64) / math.sqrt(D) if init == "random" \
            else torch.zeros(B, D, D, dtype=torch.float64)
        weights = [W0.requires_grad_()]
        metric = [torch.ones(B, dtype=torch.float64)]

        def loss_fn(m, ws=weights, sl=slice(None)):
            return population_loss_matrix(ws[0], proj[sl], m, ds[sl])

    tparams = list(params.values())
    opt = Adam(weights + tparams) if optimizer == "adam" else None
    rec_steps, k_traj, loss_traj = [], [], []
    start = None
    grad_start = _grad_norm(settings, weights, params, buffers, template, t, w, loss_fn, Ds)

    from tqdm import tqdm

    for i in tqdm(range(steps + 1), desc="linear exact", disable=not progress, leave=False):
        m = moments_for(settings, template, params, buffers, t, w)
        loss = loss_fn(m)
        _check_loss(loss, start, settings, i, k_mode, lr)
        if start is None:
            start = loss.detach().clone()
        if i % record_every == 0 or i == steps:
            rec_steps.append(i)
            k_traj.append(k_values(params, buffers).detach().clone())
            loss_traj.append(loss.detach().clone())
        if i == steps:
            break
        lr_i = _lr_at(lr, i, steps, schedule)
        grads = torch.autograd.grad(loss.sum(), weights + tparams, allow_unused=True)
        if opt is not None:
            opt.step(grads, lr_i)
        else:
            with torch.no_grad():
                for wt, g, mt in zip(weights, grads[: len(weights)], metric):
                    wt -= lr_i * g / mt.reshape((-1,) + (1,) * (wt.dim() - 1))
                for tp, g in zip(tparams, grads[len(weights):]):
                    if g is not None:
                        tp -= lr_i * g / Ds.reshape((-1,) + (1,) * (tp.dim() - 1))

    k_steps = k_values(params, buffers).detach().numpy().copy()
    if polish:
        if param == "closed" and k_mode in ("learn", "fixed"):
            _polish_newton(settings, weights, params, buffers, template, t, w, loss_fn, Ds)
        else:
            for i in range(B):  # one L-BFGS per setting: a shared line search would let one slow setting stall all
                _polish_one(settings, i, weights, params, buffers, template, t, w, loss_fn)
        with torch.no_grad():
            loss = loss_fn(moments_for(settings, template, params, buffers, t, w))
        _check_loss(loss, start, settings, steps, k_mode, lr)
        k_traj[-1] = k_values(params, buffers).detach().clone()
        loss_traj[-1] = loss.detach().clone()
    kf = k_values(params, buffers).detach()
    res = TrainResult(settings, k_mode, steps, np.array(rec_steps), kf.numpy().copy(),
                      torch.stack(k_traj).numpy(), loss.detach().numpy().copy(), torch.stack(loss_traj).numpy())
    res.k_steps = k_steps
    res.loss_start = start.numpy().copy()
    res.grad_start = grad_start
    res.grad_norm = _grad_norm(settings, weights, params, buffers, template, t, w, loss_fn, Ds)
    if gtol is not None:
        check_float("gtol", gtol, 0.0, 1.0, lo_open=True)
        iters = np.zeros(B, dtype=int)
        for i in np.nonzero(res.grad_norm > gtol)[0]:
            iters[i] = _refine_newton_cg(settings, int(i), weights, params, buffers, template, t, w, loss_fn, gtol)
        res.grad_norm = _grad_norm(settings, weights, params, buffers, template, t, w, loss_fn, Ds)
        with torch.no_grad():
            loss = loss_fn(moments_for(settings, template, params, buffers, t, w))
        _check_loss(loss, start, settings, steps, k_mode, lr)
        res.k = k_values(params, buffers).detach().numpy().copy()
        res.loss = loss.detach().numpy().copy()
        res.k_traj[-1], res.loss_traj[-1] = res.k, res.loss
        res.gtol, res.refine_iters, res.hit_cap = gtol, iters, res.grad_norm > gtol
    if param == "closed":
        res.c_par, res.c_perp = (wt.detach().numpy().copy() for wt in weights)
    else:
        res.W, res.P = weights[0].detach(), P
    return res


def _grad_norm(settings, weights, params, buffers, template, t, w, loss_fn, Ds) -> np.ndarray:
    """Per setting, the largest |∂(L/D)/∂θ| over all trained parameters θ (W and the target's w_k)."""
    ws = [wt.detach().clone().requires_grad_() for wt in weights]
    ps = {n: p.detach().clone().requires_grad_(p.requires_grad) for n, p in params.items()}
    loss = loss_fn(moments_for(settings, template, ps, buffers, t, w), ws) / Ds
    leaves = ws + [p for p in ps.values() if p.requires_grad]
    grads = torch.autograd.grad(loss.sum(), leaves, allow_unused=True)
    out = torch.zeros(len(settings), dtype=torch.float64)
    for g in grads:
        if g is not None:
            out = torch.maximum(out, g.abs().reshape(len(settings), -1).max(dim=1).values)
    return out.numpy()


def _polish_newton(settings, weights, params, buffers, template, t, w, loss_fn, Ds):
    """Batched saddle-free Newton on θ = (c_∥, c_⊥[, w_k]) per setting, for f = L / D (settings are independent,
    so one autograd pass gives every setting's gradient and Hessian): step −V|Λ|⁻¹Vᵀg (a descent direction
    also where the Hessian is indefinite), each entry capped at 4, Armijo backtracking per setting. Stops per
    setting when every |∂f/∂θ| ≤ POLISH_GTOL, the Newton decrement is below round-off, or no step lowers f."""
    B = len(settings)
    learn = K_KEY in params
    X = torch.stack([wt.detach() for wt in weights] + ([params[K_KEY].detach()] if learn else []), dim=1).clone()
    n = X.shape[1]

    def f_of(Xc, with_grad=False):
        ps = dict(params)
        if learn:
            ps = {K_KEY: Xc[:, 2]}
        m = moments_for(settings, template, ps, buffers, t, w)
        return loss_fn(m, [Xc[:, 0], Xc[:, 1]]) / Ds

    active = torch.ones(B, dtype=torch.bool)
    for _ in range(POLISH_ITERS):
        Xg = X.clone().requires_grad_()
        f = f_of(Xg)
        (g,) = torch.autograd.grad(f.sum(), Xg, create_graph=True)
        H = torch.stack([torch.autograd.grad(g[:, j].sum(), Xg, retain_graph=j < n - 1)[0] for j in range(n)], dim=1)
        g, f = g.detach(), f.detach()
        active &= g.abs().max(dim=1).values > POLISH_GTOL
        if not bool(active.any()):
            break
        lam, V = torch.linalg.eigh(0.5 * (H + H.transpose(1, 2)).detach())
        lam_abs = lam.abs().clamp_min(1e-12 * lam.abs().max(dim=1, keepdim=True).values.clamp_min(1e-300))
        step = -(V @ ((V.transpose(1, 2) @ g.unsqueeze(-1)) / lam_abs.unsqueeze(-1))).squeeze(-1)
        step = step / (step.abs().max(dim=1, keepdim=True).values / 4.0).clamp_min(1.0)
        slope = (g * step).sum(1)  # < 0: a descent direction; −slope is the Newton decrement
        active &= -slope > POLISH_DECREMENT * f.abs().clamp_min(1e-300)  # predicted decrease below round-off: done
        if not bool(active.any()):
            break
        alpha = torch.ones(B, dtype=torch.float64)
        accepted = ~active
        with torch.no_grad():
            for _ in range(40):
                trial = torch.where(accepted.unsqueeze(1), X, X + alpha.unsqueeze(1) * step)
                ft = f_of(trial)
                ok = (~accepted) & torch.isfinite(ft) & (ft <= f + 1e-4 * alpha * slope)
                X = torch.where(ok.unsqueeze(1), trial, X)
                accepted |= ok
                if bool(accepted.all()):
                    break
                alpha = torch.where(accepted, alpha, 0.5 * alpha)
        active &= accepted  # no step lowers f: stationary to round-off
    with torch.no_grad():
        for j, wt in enumerate(weights):
            wt.copy_(X[:, j])
        if learn:
            params[K_KEY].copy_(X[:, 2])


def _setting_objective(settings, i, weights, params, buffers, template, t, w, loss_fn):
    """Setting i's own parameters as one flat vector x0, the loss per ambient dimension f(x) as a torch function,
    and ``write(x)`` that puts x back into the batched parameters."""
    sl = slice(i, i + 1)
    leaves = [wt.detach()[sl].clone() for wt in weights] + [p.detach()[sl].clone() for p in params.values()]
    shapes, sizes = [x.shape for x in leaves], [x.numel() for x in leaves]
    bs = {n: b[sl] for n, b in buffers.items()}
    scale, names = float(settings[i].D), list(params)

    def unflat(x):
        out, at = [], 0
        for shp, n in zip(shapes, sizes):
            out.append(x[at: at + n].reshape(shp))
            at += n
        return out

    def f(x):
        xs = unflat(x)
        ws, ps = xs[: len(weights)], dict(zip(names, xs[len(weights):]))
        return loss_fn(moments_for(settings[sl], template, ps, bs, t[sl], w[sl]), ws, sl).sum() / scale

    def write(x):
        xs = unflat(x.detach())
        with torch.no_grad():
            for wt, v in zip(weights, xs[: len(weights)]):
                wt[sl] = v
            for p, v in zip(params.values(), xs[len(weights):]):
                p[sl] = v

    return torch.cat([x.reshape(-1) for x in leaves]), f, write


def _refine_newton_cg(settings, i, weights, params, buffers, template, t, w, loss_fn, gtol: float) -> int:
    """Newton–CG on setting i until its largest gradient entry is ≤ ``gtol`` (or REFINE_ROUNDS iterations); a step
    (halved up to 30 times) is taken when it lowers the largest gradient entry. Returns the iterations taken."""
    x, f, write = _setting_objective(settings, i, weights, params, buffers, template, t, w, loss_fn)

    def grad(xv, graph=False):
        xv = xv.detach().requires_grad_()
        (g,) = torch.autograd.grad(f(xv), xv, create_graph=graph)
        return xv, g

    taken_iters = 0
    for _ in range(REFINE_ROUNDS):
        xv, g = grad(x, graph=True)
        gmax = float(g.detach().abs().max())
        if gmax <= gtol:
            break

        def hv(v):
            (h,) = torch.autograd.grad(g, xv, v, retain_graph=True)
            return h.detach()

        b = -g.detach()  # CG on H s = −g (H positive definite near a minimum; a flat direction is orthogonal to g)
        s_, r = torch.zeros_like(b), b.clone()
        p_, rr = r.clone(), float(r @ r)
        for _ in range(REFINE_CG_ITERS):
            Hp = hv(p_)
            pHp = float(p_ @ Hp)
            if pHp <= 0:
                break
            a = rr / pHp
            s_, r = s_ + a * p_, r - a * Hp
            rr_new = float(r @ r)
            if rr_new <= (1e-3 * gtol) ** 2:
                break
            p_, rr = r + (rr_new / rr) * p_, rr_new
        if not bool(s_.abs().max() > 0):
            s_ = b  # no curvature information: a gradient step
        step, taken = 1.0, False
        for _ in range(30):
            trial = x + step * s_
            with torch.enable_grad():
                _, gt = grad(trial)
            if bool(torch.isfinite(gt).all()) and float(gt.abs().max()) < gmax:
                x, taken = trial.detach(), True
                break
            step *= 0.5
        if not taken:
            break
        taken_iters += 1
    write(x)
    return taken_iters


def _polish_one(settings, i, weights, params, buffers, template, t, w, loss_fn):
    """L-BFGS-B (scipy) on setting i's own parameters, the loss per ambient dimension, until its projected gradient
    is below 1e-12 or no step lowers it; writes them back."""
    from scipy import optimize

    sl = slice(i, i + 1)
    leaves = [wt.detach()[sl].clone() for wt in weights] + [p.detach()[sl].clone() for p in params.values()]
    shapes = [x.shape for x in leaves]
    sizes = [x.numel() for x in leaves]
    bs = {n: b[sl] for n, b in buffers.items()}
    scale = float(settings[i].D)
    names = list(params)

    def unflat(x):
        out, at = [], 0
        for shp, n in zip(shapes, sizes):
            out.append(torch.as_tensor(x[at: at + n], dtype=torch.float64).reshape(shp).requires_grad_())
            at += n
        return out

    def fun(x):
        xs = unflat(x)
        ws, ps = xs[: len(weights)], dict(zip(names, xs[len(weights):]))
        total = loss_fn(moments_for(settings[sl], template, ps, bs, t[sl], w[sl]), ws, sl).sum() / scale
        grads = torch.autograd.grad(total, xs)
        return float(total.detach()), np.concatenate([g.reshape(-1).numpy() for g in grads])

    x0 = np.concatenate([x.reshape(-1).numpy() for x in leaves])
    res = optimize.minimize(fun, x0, jac=True, method="L-BFGS-B",
                            options={"maxiter": 600, "maxcor": 30, "gtol": 1e-12, "ftol": 1e-16})
    new = unflat(res.x)
    with torch.no_grad():
        for wt, v in zip(weights, new[: len(weights)]):
            wt[sl] = v
        for n, v in zip(names, new[len(weights):]):
            params[n][sl] = v


def train_sgd(setting: Setting, k_mode: str = "learn", k: float = 0.5, n_bins: int = 16, steps: int = 3000,
              lr: float = 0.01, batch: int = 256, optimizer: str = "adam", latent="gaussian",
              seed: int = 0, record_every: int | None = None, schedule: str = "cosine", nodes: int = 256,
              progress: bool = False, seeds=None, betas=(0.9, 0.999)) -> TrainResult:
    """Train W (D×D, from 0) and the target on Monte Carlo minibatches of (x, n, t): the u-loss
    ½‖Wz − u‖², or the v-loss of Alg. 1 (½·``kdiff_target.kdiff_loss``, same ½ as Eq. 4). The returned
    ``loss`` is the exact population loss of the trained (W, target).

    ``seeds``: train one replicate per seed in one batched run (stacked W and target parameters; Adam acts
    elementwise and the summed loss separates, so each replicate follows its own run); each replicate draws its
    projection P and its minibatches from its own generator. ``latent``: one kind, or one per replicate.
    Without ``seeds`` one replicate with ``seed``. Result arrays have the replicate axis first. ``betas``: Adam's
    (β1, β2) (PyTorch's default; kdiff Table 4 trains with (0.9, 0.95)).

    Stops with ``difftheory.training.NonFiniteLoss`` / ``LossGrew`` (one line) when the loss is non-finite or the mean of the last
    ``SGD_LOSS_WINDOW`` minibatch losses exceeds ``LOSS_GROWTH_LIMIT`` × the exact population loss at the start."""
    seeds = [seed] if seeds is None else list(seeds)
    if not seeds:
        raise ValueError("seeds must be a non-empty list of integers")
    for s_ in seeds:
        _validate_common([setting], k_mode, steps, lr, optimizer, s_, n_bins)
    (setting,), steps, lr = _validate_common([setting], k_mode, steps, lr, optimizer, seeds[0], n_bins)
    batch = check_int("batch", batch, 1, 1_000_000)
    R = len(seeds)
    latents = [latent] * R if isinstance(latent, str) else list(latent)
    if len(latents) != R:
        raise ValueError(f"latent must be one kind or one per seed ({R}), got {len(latents)}")
    for lat in latents:
        check_choice("latent", lat, LATENTS)
    check_choice("schedule", schedule, ("cosine", "constant"))
    record_every = check_int("record_every", record_every or max(steps // 100, 1), 1)
    D, d = setting.D, setting.d
    if D > EXPLICIT_D_MAX:
        raise ValueError(f"D must be an integer in [1, {EXPLICIT_D_MAX}] for minibatch training (D×D W), got {D}")
    gens = [torch.Generator().manual_seed(s_) for s_ in seeds]
    P = torch.stack([random_projection(D, d, g) for g in gens])  # (R, D, d)
    W = torch.zeros(R, D, D, dtype=torch.float64, requires_grad=True)
    settings = (setting,) * R
    template, params, buffers = batched_target(k_mode, k, n_bins, R)
    tparams = list(params.values())
    opt = Adam([W] + tparams, betas=tuple(betas)) if optimizer == "adam" else None
    clamp = setting.clamp
    start = exact_loss_batched(setting, template, params, buffers, W.detach(), P, nodes)

    from tqdm import tqdm

    rec_steps, k_traj, loss_traj = [], [], []
    window = torch.zeros(SGD_LOSS_WINDOW, R, dtype=torch.float64)
    for i in tqdm(range(steps), desc="linear sgd", disable=not progress, leave=False):
        x = torch.stack([sample_data(batch, P[j], latents[j], g) for j, g in enumerate(gens)])  # (R, B, D)
        n = torch.stack([torch.randn(batch, D, generator=g, dtype=torch.float64) for g in gens])
        tt = torch.stack([setting.sampler.sample_torch(batch, generator=g, dtype=torch.float64) for g in gens])
        phi, psi = target_coefficients(template, params, buffers, tt)  # (R, B)
        phi, psi, tc = phi.unsqueeze(-1), psi.unsqueeze(-1), tt.unsqueeze(-1)
        z = noisy(x, n, tc)
        u = phi * x + psi * n  # kdiff Eq. (13) / App. E
        u_hat = z @ W.transpose(1, 2)  # û = W z  # kdiff Eq. (2)
        if setting.loss == "v":  # kdiff Alg. 1: v and v̂ from u and û by the (clamped) conversion
            diff = velocity_from_target(z, u_hat, tc, phi, psi, clamp) - velocity_from_target(z, u, tc, phi, psi, clamp)
        else:
            diff = u_hat - u  # kdiff Eq. (4), κ = 1
        loss = 0.5 * diff.pow(2).sum(-1).mean(-1)  # (R,)
        window[i % SGD_LOSS_WINDOW] = loss.detach()
        _check_loss(loss, None, settings, i, k_mode, lr)
        _check_loss(window[: min(i + 1, SGD_LOSS_WINDOW)].mean(0), start, settings, i, k_mode, lr)
        lr_i = _lr_at(lr, i, steps, schedule)
        grads = torch.autograd.grad(loss.sum(), [W] + tparams, allow_unused=True)
        if opt is not None:
            opt.step(grads, lr_i)
        else:  # plain SGD
            with torch.no_grad():
                for p_, g_ in zip([W] + tparams, grads):
                    if g_ is not None:
                        p_ -= lr_i * g_
        if i % record_every == 0:
            rec_steps.append(i)
            k_traj.append(k_values(params, buffers).detach().clone())
            loss_traj.append(loss.detach().clone())
    exact = exact_loss_batched(setting, template, params, buffers, W.detach(), P, nodes)
    _check_loss(exact, start, settings, steps, k_mode, lr)
    k_final = k_values(params, buffers).detach()
    rec_steps.append(steps)
    k_traj.append(k_final)
    loss_traj.append(exact)
    res = TrainResult(settings, k_mode, steps, np.array(rec_steps), k_final.numpy().copy(),
                      torch.stack(k_traj).numpy(), exact.numpy().copy(), torch.stack(loss_traj).numpy(),
                      W=W.detach(), P=P)
    res.loss_start = start.numpy().copy()
    res.seeds = seeds
    return res


@torch.no_grad()
def exact_loss_batched(setting: Setting, template, params, buffers, W: torch.Tensor, P: torch.Tensor, nodes: int = 256):
    """Exact population loss (kdiff Eq. 4) of R explicit W (R, D, D) with projections P (R, D, d) and R stacked
    targets."""
    R = W.shape[0]
    t, w = quadrature_nodes([setting.sampler] * R, nodes)
    m = moments_for((setting,) * R, template, params, buffers, t, w)
    return population_loss_matrix(W, P @ P.transpose(1, 2), m, setting.d)


@torch.no_grad()
def exact_loss_explicit(setting: Setting, target: KTarget, W: torch.Tensor, P: torch.Tensor, nodes: int = 256):
    """Exact population loss (kdiff Eq. 4) of an explicit W (D×D) with one KTarget."""
    t, w = quadrature_nodes([setting.sampler], nodes)
    phi, psi = target.coefficients(t)
    m = mode_moments(t, w, phi, psi, kappa_sq(t, phi, psi, setting.loss, setting.clamp, target.k_mode != "two"))
    proj = (P @ P.T).unsqueeze(0)
    return population_loss_matrix(W.unsqueeze(0), proj, m, setting.d)[0]
