"""Training kdiff's linear denoiser û = Wz with a fixed or learnable k-target (kdiff §3–4).

``train_exact``: full-batch gradient descent (or Adam) on the exact population loss
(``population``: Eq. 8 integrated with the sampler's quadrature nodes and the loss's κ²), batched over a
list of settings (D, d, loss, sampler, clamp) that share one target mode. W lives in closed coordinates
(c_∥, c_⊥) — all the loss sees of W — or as explicit (B, D, D) matrices (``param="explicit"``, for the
mode checks of Eq. 9). ``train_sgd``: Monte Carlo minibatches of (x, n, t) and Alg. 1's loss.

The target is ``theory.ktarget.KTarget`` (modes learn / fixed / two / binned); a batch of them is one
template module run with stacked parameters under ``torch.func.vmap``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from torch.func import functional_call, stack_module_state, vmap

from difftheory.linear_model.data import LATENTS, random_projection, sample_data
from difftheory.linear_model.population import (
    SIM_LOSSES,
    ModeMoments,
    kappa_sq,
    mode_moments,
    population_loss_closed,
    population_loss_matrix,
    quadrature_nodes,
)
from difftheory.theory.ktarget import KMODES, KTarget, kdiff_loss
from difftheory.theory.optimal_loss import check_dims
from difftheory.theory.samplers import TimeSampler
from difftheory.theory.targets import noisy
from difftheory.validate import check_choice, check_float, check_int

OPTIMIZERS = ("adam", "gd")
PARAMS = ("closed", "explicit")




class NonFiniteLoss(FloatingPointError):
    """Training produced a non-finite loss; the message names the setting, the step and what to change."""


@dataclass(frozen=True)
class Setting:
    """One configuration of the linear model: dimensions, training loss, time sampler, velocity clamp."""

    D: int
    d: int
    loss: str = "u"
    sampler: TimeSampler = field(default_factory=TimeSampler)
    clamp: float | None = 0.05

    def __post_init__(self):
        check_dims(self.D, self.d)
        check_choice("loss", self.loss, SIM_LOSSES)
        if not isinstance(self.sampler, TimeSampler):
            raise ValueError(f"sampler must be a TimeSampler (see parse_sampler), got {self.sampler!r}")
        if self.clamp is not None:
            check_float("clamp", self.clamp, 0.0, 1.0, lo_open=True, hi_open=True)

    def __str__(self) -> str:
        return f"D={self.D}, d={self.d}, loss={self.loss}, sampler={self.sampler}, clamp={self.clamp}"


@dataclass
class TrainResult:
    settings: tuple
    mode: str
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
    k_steps: np.ndarray | None = None  # exact mode: k after the first-order steps, before the L-BFGS polish


class _Coefficients(nn.Module):
    """Forward = KTarget.coefficients, so a stack of targets can run through functional_call + vmap."""

    def __init__(self, target: KTarget):
        super().__init__()
        self.kt = target

    def forward(self, t):
        return self.kt.coefficients(t)


def _check_mode(mode, k, n_bins, B):
    check_choice("mode", mode, KMODES)
    ks = np.broadcast_to(np.asarray(k, dtype=float), (B,))
    return [KTarget(mode, float(kk), n_bins) for kk in ks]


def batched_target(mode: str, k, n_bins: int, B: int):
    """B KTargets stacked: (template, params, buffers); params are float64 leaves with grad."""
    mods = [_Coefficients(t) for t in _check_mode(mode, k, n_bins, B)]
    params, buffers = stack_module_state(mods)
    params = {n: p.detach().double().requires_grad_(mode != "fixed") for n, p in params.items()}
    buffers = {n: b.double() for n, b in buffers.items()}
    return mods[0], params, buffers


def target_coefficients(template, params, buffers, t):
    """(φ(t), ψ(t)) of each stacked target at its own nodes t (B, n)  # kdiff Eq. (13), §4, App. E"""
    return vmap(lambda p, b, tt: functional_call(template, (p, b), (tt,)))(params, buffers, t)


def k_values(params, buffers) -> torch.Tensor:
    """The targets' k (k0, k1 / bin end values) from the stacked parameters (KTarget.k, batched)."""
    if "kt.w_k" in params:
        return torch.sigmoid(params["kt.w_k"])
    return buffers["kt.k_fixed"]


def moments_for(settings, template, params, buffers, t, w) -> ModeMoments:
    """The six mode moments of each setting for its current target parameters (κ² per setting's loss)."""
    phi, psi = target_coefficients(template, params, buffers, t)
    k_family = template.kt.mode != "two"
    is_v = torch.tensor([s.loss == "v" for s in settings]).reshape(-1, 1)
    if bool(is_v.any()):
        clamps = [0.0 if s.clamp is None else s.clamp for s in settings]  # 0 = unclamped (den > 0 inside (0, 1))
        k2 = torch.where(is_v, kappa_sq(t, phi, psi, "v", clamps, k_family), torch.ones_like(t))
    else:
        k2 = kappa_sq(t, phi, psi, "u")
    return mode_moments(t, w, phi, psi, k2)


def _lr_at(lr, i, steps, schedule):
    if schedule == "cosine":  # cosine decay to 1% of lr
        return lr * (0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * i / max(steps, 1))))
    return lr


def _check_finite(loss, settings, step, mode, lr):
    bad = ~torch.isfinite(loss.detach().reshape(-1))
    if bool(bad.any()):
        j = int(torch.nonzero(bad)[0])
        raise NonFiniteLoss(
            f"non-finite loss at step {step} for setting {settings[j]} (target mode {mode}, lr {lr:g}); "
            "lower the learning rate or set a velocity clamp")


def _validate_common(settings, mode, steps, lr, optimizer, seed, n_bins):
    settings = tuple(settings)
    if not settings or not all(isinstance(s, Setting) for s in settings):
        raise ValueError(f"settings must be a non-empty list of Setting, got {settings!r}")
    check_choice("mode", mode, KMODES)
    steps = check_int("steps", steps, 1, 10_000_000)
    lr = check_float("lr", lr, 0.0, None, lo_open=True)
    check_choice("optimizer", optimizer, OPTIMIZERS)
    check_int("seed", seed, 0, 2**63 - 1)
    check_int("n_bins", n_bins, 1, 100_000)
    return settings, steps, lr


def train_exact(settings, mode: str = "learn", k=0.5, n_bins: int = 16, steps: int = 1500, lr: float = 0.05,
                optimizer: str = "adam", param: str = "closed", init: str = "zero", seed: int = 0,
                nodes: int = 256, record_every: int | None = None, schedule: str = "cosine",
                polish: bool = True, progress: bool = False) -> TrainResult:
    """Train W and the target on the exact population loss (kdiff Eq. 4/8), batched over ``settings``.

    ``optimizer``: ``adam`` (per-parameter scale, cosine-decayed lr) or ``gd`` — plain gradient descent
    on W in the Frobenius metric (closed coordinates are rescaled so the flow is exactly Eq. 9's) and on
    the target parameters with the loss per ambient dimension (L / D). ``k``: initial (learn/two/binned)
    or fixed value, scalar or one per setting. ``param="explicit"`` needs one shared D.

    ``polish``: after the ``steps`` first-order steps, run L-BFGS (strong Wolfe) from where they ended
    until the gradient vanishes, so the end point is the stationary point the dynamics is heading to (the
    sigmoid of k saturates near k = 1 and first-order steps crawl there). ``k_steps`` keeps the value
    before the polish; the trajectory's last entry is the polished one."""
    settings, steps, lr = _validate_common(settings, mode, steps, lr, optimizer, seed, n_bins)
    check_choice("param", param, PARAMS)
    check_choice("init", init, ("zero", "random"))
    check_choice("schedule", schedule, ("cosine", "constant"))
    B = len(settings)
    record_every = check_int("record_every", record_every or max(steps // 100, 1), 1)
    gen = torch.Generator().manual_seed(seed)
    t, w = quadrature_nodes([s.sampler for s in settings], nodes)
    template, params, buffers = batched_target(mode, k, n_bins, B)
    Ds = torch.tensor([s.D for s in settings], dtype=torch.float64)
    ds = torch.tensor([s.d for s in settings], dtype=torch.float64)

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
    opt = torch.optim.Adam(weights + tparams, lr=lr) if optimizer == "adam" else None
    rec_steps, k_traj, loss_traj = [], [], []

    from tqdm import tqdm

    for i in tqdm(range(steps + 1), desc="linear exact", disable=not progress, leave=False):
        m = moments_for(settings, template, params, buffers, t, w)
        loss = loss_fn(m)
        _check_finite(loss, settings, i, mode, lr)
        if i % record_every == 0 or i == steps:
            rec_steps.append(i)
            k_traj.append(k_values(params, buffers).detach().clone())
            loss_traj.append(loss.detach().clone())
        if i == steps:
            break
        lr_i = _lr_at(lr, i, steps, schedule)
        if opt is not None:
            for g in opt.param_groups:
                g["lr"] = lr_i
            opt.zero_grad()
            loss.sum().backward()
            opt.step()
        else:
            grads = torch.autograd.grad(loss.sum(), weights + tparams, allow_unused=True)
            with torch.no_grad():
                for wt, g, mt in zip(weights, grads[: len(weights)], metric):
                    wt -= lr_i * g / mt.reshape((-1,) + (1,) * (wt.dim() - 1))
                for tp, g in zip(tparams, grads[len(weights):]):
                    if g is not None:
                        tp -= lr_i * g / Ds.reshape((-1,) + (1,) * (tp.dim() - 1))

    k_steps = k_values(params, buffers).detach().numpy().copy()
    if polish:
        for i in range(B):  # one L-BFGS per setting: a shared line search would let one slow setting stall all
            _polish_one(settings, i, weights, params, buffers, template, t, w, loss_fn)
        with torch.no_grad():
            loss = loss_fn(moments_for(settings, template, params, buffers, t, w))
        _check_finite(loss, settings, steps, mode, lr)
        k_traj[-1] = k_values(params, buffers).detach().clone()
        loss_traj[-1] = loss.detach().clone()
    kf = k_values(params, buffers).detach()
    res = TrainResult(settings, mode, steps, np.array(rec_steps), kf.numpy().copy(),
                      torch.stack(k_traj).numpy(), loss.detach().numpy().copy(), torch.stack(loss_traj).numpy())
    res.k_steps = k_steps
    if param == "closed":
        res.c_par, res.c_perp = (wt.detach().numpy().copy() for wt in weights)
    else:
        res.W, res.P = weights[0].detach(), P
    return res


def _polish_one(settings, i, weights, params, buffers, template, t, w, loss_fn):
    """L-BFGS (strong Wolfe) on setting i's own parameters until its gradient vanishes; writes them back."""
    sl = slice(i, i + 1)
    ws = [wt.detach()[sl].clone().requires_grad_() for wt in weights]
    ps = {n: p.detach()[sl].clone().requires_grad_() for n, p in params.items()}
    bs = {n: b[sl] for n, b in buffers.items()}
    scale = float(settings[i].D)
    lbfgs = torch.optim.LBFGS(ws + list(ps.values()), lr=1, max_iter=300, tolerance_grad=1e-12,
                              tolerance_change=1e-15, history_size=30, line_search_fn="strong_wolfe")

    def closure():
        lbfgs.zero_grad()
        total = loss_fn(moments_for(settings[sl], template, ps, bs, t[sl], w[sl]), ws, sl).sum() / scale
        total.backward()
        return total

    for _ in range(2):
        lbfgs.step(closure)
    with torch.no_grad():
        for wt, new in zip(weights, ws):
            wt[sl] = new
        for n, p in params.items():
            p[sl] = ps[n]


def train_sgd(setting: Setting, mode: str = "learn", k: float = 0.5, n_bins: int = 16, steps: int = 3000,
              lr: float = 0.01, batch: int = 256, optimizer: str = "adam", latent: str = "gaussian",
              seed: int = 0, record_every: int | None = None, schedule: str = "cosine", nodes: int = 256,
              progress: bool = False) -> TrainResult:
    """Train W (D×D, from 0) and the target on Monte Carlo minibatches of (x, n, t): the u-loss
    ½‖Wz − u‖², or the v-loss of Alg. 1 (½·``ktarget.kdiff_loss``, same ½ as Eq. 4). The returned
    ``loss`` is the exact population loss of the trained (W, target)."""
    (setting,), steps, lr = _validate_common([setting], mode, steps, lr, optimizer, seed, n_bins)
    batch = check_int("batch", batch, 1, 1_000_000)
    check_choice("latent", latent, LATENTS)
    check_choice("schedule", schedule, ("cosine", "constant"))
    record_every = check_int("record_every", record_every or max(steps // 100, 1), 1)
    gen = torch.Generator().manual_seed(seed)
    D, d = setting.D, setting.d
    P = random_projection(D, d, gen)
    W = torch.zeros(D, D, dtype=torch.float64, requires_grad=True)
    target = KTarget(mode, k, n_bins).double()
    params = [W] + [p for p in target.parameters()]
    opt = torch.optim.Adam(params, lr=lr) if optimizer == "adam" else torch.optim.SGD(params, lr=lr)

    def net_u(z, t):  # û = W z  # kdiff Eq. (2)
        return z @ W.T

    from tqdm import tqdm

    rec_steps, k_traj, loss_traj = [], [], []
    for i in tqdm(range(steps), desc="linear sgd", disable=not progress, leave=False):
        x = sample_data(batch, P, latent, gen)
        n = torch.randn(batch, D, generator=gen, dtype=torch.float64)
        t = setting.sampler.sample_torch(batch, generator=gen, dtype=torch.float64)
        if setting.loss == "v":
            loss = 0.5 * kdiff_loss(net_u, target, x, t, n, clamp=setting.clamp)  # kdiff Alg. 1
        else:
            z = noisy(x, n, t[:, None])
            loss = 0.5 * (net_u(z, t) - target.target(x, n, t)).pow(2).sum(1).mean()  # kdiff Eq. (4), κ = 1
        _check_finite(loss, (setting,), i, mode, lr)
        for g in opt.param_groups:
            g["lr"] = _lr_at(lr, i, steps, schedule)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if i % record_every == 0:
            rec_steps.append(i)
            k_traj.append(target.k.detach().clone().reshape(1, -1).squeeze(-1) if mode in ("learn", "fixed")
                          else target.k.detach().clone().reshape(1, -1))
            loss_traj.append(loss.detach().reshape(1))
    exact = exact_loss_explicit(setting, target, W.detach(), P, nodes)
    k_final = target.k.detach().reshape(1, -1)
    k_final = k_final.squeeze(-1) if mode in ("learn", "fixed") else k_final
    rec_steps.append(steps)
    k_traj.append(k_final)
    loss_traj.append(exact.reshape(1))
    return TrainResult((setting,), mode, steps, np.array(rec_steps), k_final.numpy().copy(),
                       torch.stack(k_traj).numpy(), exact.reshape(1).numpy(), torch.stack(loss_traj).numpy(),
                       W=W.detach().unsqueeze(0), P=P.unsqueeze(0))


@torch.no_grad()
def exact_loss_explicit(setting: Setting, target: KTarget, W: torch.Tensor, P: torch.Tensor, nodes: int = 256):
    """Exact population loss (kdiff Eq. 4) of an explicit W (D×D) with one KTarget."""
    t, w = quadrature_nodes([setting.sampler], nodes)
    phi, psi = target.coefficients(t)
    m = mode_moments(t, w, phi, psi, kappa_sq(t, phi, psi, setting.loss, setting.clamp, target.mode != "two"))
    proj = (P @ P.T).unsqueeze(0)
    return population_loss_matrix(W.unsqueeze(0), proj, m, setting.d)[0]
