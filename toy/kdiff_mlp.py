"""Time-conditioned MLP denoisers trained with k-Diff exactly as kdiff Alg. 1, sampled with Alg. 2 (Heun).

The target and the loss are ``theory.kdiff_target``'s ``KTarget`` and ``kdiff_loss``; sampling is its ``sample``.
An *ensemble* of models with the same architecture and target mode (e.g. three seeds, or ε/v/x fixed
targets) trains as one: the parameters are stacked and Alg. 1 runs under ``torch.func.vmap``; each model
draws its own minibatches. Convention: t = 0 noise, t = 1 data, z = t x + (1 − t) n.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from torch.func import functional_call, stack_module_state, vmap

from difftheory.decide import DRIFT_SHARE
from difftheory.threads import single_thread
from difftheory.theory.kdiff_target import KTarget, TargetSpec, k_from_state, kdiff_loss, sample
from difftheory.theory.time_densities import LATENT_DENSITY, TimeDensity
from difftheory.toy.manifolds import Manifold
from difftheory.training import DRIFT_ROOM, Adam, NonFiniteLoss, check_loss, cosine_lr
from difftheory.validate import check_choice, check_float, check_int


class TimeMLP(nn.Module):
    """û = net(z, t): an MLP on [z, sin/cos features of t] with SiLU activations."""

    def __init__(self, D: int, width: int = 128, depth: int = 3, n_freq: int = 8):
        super().__init__()
        self.register_buffer("freqs", math.pi * 2.0 ** torch.arange(n_freq, dtype=torch.float32) / 2)
        dims = [D + 2 * n_freq] + [width] * depth
        layers = []
        for a, b in zip(dims[:-1], dims[1:]):
            layers += [nn.Linear(a, b), nn.SiLU()]
        layers.append(nn.Linear(width, D))
        self.mlp = nn.Sequential(*layers)

    def forward(self, z, t):
        tf = t.reshape(-1, 1) * self.freqs
        return self.mlp(torch.cat([z, tf.sin(), tf.cos()], dim=-1))


class _Alg1(nn.Module):
    """forward(x, t, n) = Alg. 1's loss of (net, target); a module so functional_call can swap both."""

    def __init__(self, net: TimeMLP, target: KTarget, clamp):
        super().__init__()
        self.net, self.target, self.clamp = net, target, clamp

    def forward(self, x, t, n):
        return kdiff_loss(self.net, self.target, x, t, n, clamp=self.clamp)  # kdiff Alg. 1


class _Velocity(nn.Module):
    """forward(z, t) = v̂ of Alg. 2: the target's (clamped) conversion of û = net(z, t)."""

    def __init__(self, net: TimeMLP, target: KTarget, clamp):
        super().__init__()
        self.net, self.target, self.clamp = net, target, clamp

    def forward(self, z, t):
        tt = t.expand(z.shape[0])
        return self.target.velocity(z, self.net(z, tt), tt, self.clamp)  # kdiff Alg. 2


@dataclass
class Group:
    """Models sharing a target mode: stacked parameters of (net, target)."""

    k_mode: str
    ks: list  # initial (learn) or fixed k of each model
    seeds: list
    template: _Alg1
    params: dict
    buffers: dict
    k_traj: list = field(default_factory=list)

    @property
    def k(self) -> np.ndarray:
        return k_from_state(self.params | self.buffers, "target.").detach().numpy().copy()


def _make_group(k_mode, ks, seeds, D, width, depth, clamp) -> Group:
    mods = []
    for k, s in zip(ks, seeds):
        torch.manual_seed(s)
        mods.append(_Alg1(TimeMLP(D, width, depth), TargetSpec(k_mode, k).build(), clamp))
    params, buffers = stack_module_state(mods)
    params = {n: p.detach().requires_grad_(k_mode != "fixed" or not n.startswith("target.")) for n, p in params.items()}
    buffers = {n: b.float() for n, b in buffers.items()}
    return Group(k_mode, list(ks), list(seeds), mods[0], params, buffers)


LOSS_GROWTH_LIMIT = 100.0  # a model whose minibatch loss exceeds 100× its first-step loss has diverged: the v-loss
# starts near its ceiling (an untrained net predicts ~0, loss ≈ E‖v‖²) and minibatch noise at batch ≥ 64 moves it by
# far less than 2×, so a 100× rise is divergence, never noise
LR_SCHEDULES = ("constant", "cosine")
COSINE_FLOOR = 0.02  # lr_schedule="cosine" decays to 2 % of lr
ADAM_BETAS = (0.9, 0.95)  # kdiff Table 4's Adam (β1, β2): with β2 = 0.999 a rarely sampled t moves its weights ~5× more


@dataclass
class Ensemble:
    """A stack of models in training: its state (parameters, Adam moments, the minibatch stream, the EMAs) and what
    was recorded. ``train_on`` continues it; ``ensemble_state``/``restore_ensemble`` save and load it, so a run
    continued from a saved state takes exactly the steps an uninterrupted one would."""

    manifolds: list  # one Manifold per model (same D)
    groups: list
    members: list  # per group, the model indices it holds
    sampler: TimeDensity
    clamp: float | None
    batch: int
    lr_schedule: str
    horizon: int  # the cosine schedule's length (``steps`` of ``train_ensemble``)
    decay: float  # EMA decay per step, fixed at the start (time constant ``ema_share`` × horizon)
    record_every: int
    opts: list  # (Adam, base lr) pairs: nets, then w_k
    gen: torch.Generator
    order: list  # model index of each stacked slot (learn group first)
    steps: int = 0  # steps taken so far
    record_steps: list = field(default_factory=list)
    loss_rows: list = field(default_factory=list)  # minibatch losses at the recorded steps, stacked order
    k_ema_rows: list = field(default_factory=list)  # EMA of k of the learn models at the recorded steps
    first: torch.Tensor | None = None  # each model's first-step loss (the divergence guard's reference)
    k_ema_now: np.ndarray | None = None  # EMA of k of the learn models after ``steps`` steps
    snapshot_at: int | None = None
    snapshot: list | None = None  # per group, a copy of the stacked parameters at step ``snapshot_at``
    ema_params: list | None = None  # per group, the EMA of the stacked parameters (``ema_weights``)

    @property
    def manifold(self):
        return self.manifolds[0]

    @property
    def losses(self) -> np.ndarray:
        """(T, models) minibatch losses at the recorded steps, in model order."""
        return np.stack(self.loss_rows)[:, np.argsort(self.order)]

    @property
    def k_ema(self) -> np.ndarray | None:
        """(T, learn models): EMA of k at the recorded steps (None without learn-mode models)."""
        return np.array(self.k_ema_rows) if any(g.k_mode == "learn" for g in self.groups) else None


def train_ensemble(manifold, models: list, steps: int = 1000, batch: int = 256, lr: float = 3e-3,
                   k_lr: float = 5e-2, sampler: TimeDensity = LATENT_DENSITY, clamp: float | None = 0.05,
                   width: int = 128, depth: int = 3, seed: int = 0, record_every: int | None = None,
                   lr_schedule: str = "cosine", ema_share: float = 0.05, snapshot_at: int | None = None,
                   ema_weights: bool = False, progress: bool = False) -> Ensemble:
    """Train MLP denoisers with Alg. 1 on ``manifold`` (one Manifold, or a list with one per model, all of the
    same D). ``models``: list of ``"learn"`` (k = sigmoid(w_k) from 0.5) or a float (fixed k: 0 → ε, 0.5 → v,
    1 → x); each entry is one model with its own init and minibatches. Adam (lr for the nets, ``k_lr`` for w_k),
    ``lr_schedule`` constant (kdiff Table 4) or cosine-decayed to 2 %; defaults: kdiff Table 4's
    logit-normal(0, 1) time sampler and clamp 0.05. ``k_ema`` records an exponential moving average of k with
    time constant ``ema_share`` × steps (the paper evaluates EMA weights, Table 4). Stops with
    ``difftheory.training.NonFiniteLoss``/``LossGrew`` (one line) on a non-finite loss or one grown
    ``LOSS_GROWTH_LIMIT``-fold over its first-step loss.
    ``snapshot_at``: keep a copy of every group's parameters after that many steps (``Ensemble.snapshot``).
    ``ema_weights``: also keep an EMA of all parameters (same time constant; kdiff Table 4 samples from EMA
    weights) in ``Ensemble.ema_params``; the snapshot is then of the EMA parameters.
    A constant-lr run goes on with ``train_on`` (the EMA time constants stay those of ``steps``)."""
    ens = start_ensemble(manifold, models, steps, batch, lr, k_lr, sampler, clamp, width, depth, seed, record_every,
                         lr_schedule, ema_share, snapshot_at, ema_weights)
    return train_on(ens, steps, progress)


def start_ensemble(manifold, models: list, steps: int = 1000, batch: int = 256, lr: float = 3e-3,
                   k_lr: float = 5e-2, sampler: TimeDensity = LATENT_DENSITY, clamp: float | None = 0.05,
                   width: int = 128, depth: int = 3, seed: int = 0, record_every: int | None = None,
                   lr_schedule: str = "cosine", ema_share: float = 0.05, snapshot_at: int | None = None,
                   ema_weights: bool = False) -> Ensemble:
    """The untrained stack of ``train_ensemble`` (same arguments; ``steps`` sets the cosine horizon, the EMA time
    constants and the recording interval), ready for ``train_on``."""
    steps = check_int("steps", steps, 1, 10**7)
    batch = check_int("batch", batch, 1, 10**6)
    lr = check_float("lr", lr, 0.0, None, lo_open=True)
    k_lr = check_float("k_lr", k_lr, 0.0, None, lo_open=True)
    check_int("seed", seed, 0)
    check_choice("lr_schedule", lr_schedule, LR_SCHEDULES)
    ema_share = check_float("ema_share", ema_share, 0.0, 0.5, lo_open=True)
    if snapshot_at is not None:
        snapshot_at = check_int("snapshot_at", snapshot_at, 1, steps)
    if not models:
        raise ValueError("models must list at least one 'learn' or fixed k in [0, 1], got []")
    manifolds = list(manifold) if isinstance(manifold, (list, tuple)) else [manifold] * len(models)
    if len(manifolds) != len(models):
        raise ValueError(f"manifold must be one Manifold or a list of {len(models)} (one per model), got {len(manifolds)}")
    D = manifolds[0].D
    if any(m.D != D for m in manifolds):
        raise ValueError(f"manifold list must share one ambient D, got {sorted({m.D for m in manifolds})}")
    learn = [j for j, m in enumerate(models) if m == "learn"]
    fixed = [j for j, m in enumerate(models) if m != "learn"]
    fixed_k = [check_float(f"models[{j}]", models[j], 0.0, 1.0) for j in fixed]
    seeds = [seed * 1000 + j for j in range(len(models))]
    groups, members = [], []
    if learn:
        groups.append(_make_group("learn", [0.5] * len(learn), [seeds[j] for j in learn], D, width, depth, clamp))
        members.append(learn)
    if fixed:
        groups.append(_make_group("fixed", fixed_k, [seeds[j] for j in fixed], D, width, depth, clamp))
        members.append(fixed)
    net_params = [p for g in groups for n, p in g.params.items() if not n.startswith("target.")]
    k_params = [p for g in groups for n, p in g.params.items() if n.startswith("target.")]
    opts = [(Adam(net_params, ADAM_BETAS), lr)] + ([(Adam(k_params, ADAM_BETAS), k_lr)] if k_params else [])
    ema_params = [{n: p.detach().clone() for n, p in g.params.items()} for g in groups] if ema_weights else None
    return Ensemble(manifolds, groups, members, sampler, clamp, batch, lr_schedule, steps,
                    1.0 - 1.0 / max(ema_share * steps, 1.0),
                    check_int("record_every", record_every or max(steps // 50, 1), 1), opts,
                    torch.Generator().manual_seed(seed), learn + fixed, snapshot_at=snapshot_at, ema_params=ema_params)


def train_on(ens: Ensemble, until: int, progress: bool = False) -> Ensemble:
    """Train ``ens`` (in place) until it has taken ``until`` steps in all: the same steps, minibatches and records as
    one uninterrupted run of that length. A cosine schedule cannot run past its horizon."""
    until = check_int("until", until, ens.steps, 10**7)
    if ens.lr_schedule == "cosine" and until > ens.horizon:
        raise ValueError(f"until must be <= {ens.horizon} (the cosine schedule's length) for lr_schedule='cosine', "
                         f"got {until}")
    groups, members, manifolds = ens.groups, ens.members, ens.manifolds
    learn = any(g.k_mode == "learn" for g in groups)
    D = manifolds[0].D
    what = (f"{manifolds[0].kind} D={D} d={sorted({m.d for m in manifolds})} (models {len(ens.order)}, "
            f"lr {ens.opts[0][1]:g}, clamp {ens.clamp})")

    from tqdm import tqdm

    for i in tqdm(range(ens.steps, until), desc=f"k-Diff MLP D={D}", disable=not progress, leave=False):
        total, per_model = 0.0, []
        for g, idx in zip(groups, members):
            M = len(idx)
            x = torch.stack([manifolds[j].sample(ens.batch, ens.gen) for j in idx])
            n = torch.randn(M, ens.batch, D, generator=ens.gen)
            t = ens.sampler.sample_torch(M * ens.batch, generator=ens.gen).reshape(M, ens.batch)
            loss = vmap(lambda p, b, xx, tt, nn_: functional_call(g.template, (p, b), (xx, tt, nn_)))(
                g.params, g.buffers, x, t, n)
            per_model.append(loss.detach())
            total = total + loss.sum()
        cur = torch.cat(per_model)
        if ens.first is None:
            ens.first = cur.clone()
        check_loss(cur, ens.first, LOSS_GROWTH_LIMIT, f"at step {i} training k-Diff MLPs on {what}",
                   "lower lr or set a clamp")
        for opt, _ in ens.opts:
            for p in opt.params:
                p.grad = None
        total.backward()
        for opt, base in ens.opts:
            lr_i = base if ens.lr_schedule == "constant" else cosine_lr(base, i, ens.horizon, COSINE_FLOOR)
            opt.step([p.grad for p in opt.params], lr_i)
        if ens.ema_params is not None:
            with torch.no_grad():
                for e, g in zip(ens.ema_params, groups):
                    for n, p in g.params.items():
                        e[n].lerp_(p.detach(), 1 - ens.decay)
        if ens.snapshot_at is not None and i + 1 == ens.snapshot_at:
            src = ens.ema_params if ens.ema_params is not None else [g.params for g in groups]
            ens.snapshot = [{n: p.detach().clone() for n, p in e.items()} for e in src]
        if learn:
            k_now = groups[0].k
            ens.k_ema_now = k_now if ens.k_ema_now is None else ens.decay * ens.k_ema_now + (1 - ens.decay) * k_now
        if i % ens.record_every == 0:
            ens.record_steps.append(i)
            ens.loss_rows.append(cur.numpy())
            for g in groups:
                g.k_traj.append(g.k)
            if learn:
                ens.k_ema_rows.append(ens.k_ema_now.copy())
    ens.steps = until
    return ens


def ensemble_state(ens: Ensemble) -> dict[str, torch.Tensor]:
    """Everything ``train_on`` needs to go on (and the records), as tensors for the on-disk cache."""
    out = {"steps": torch.tensor(ens.steps), "gen": ens.gen.get_state(), "record_steps": torch.tensor(ens.record_steps)}
    if ens.loss_rows:
        out["losses"] = torch.tensor(np.stack(ens.loss_rows))
    if ens.first is not None:
        out["first"] = ens.first
    if ens.k_ema_now is not None:
        out["k_ema_now"] = torch.tensor(ens.k_ema_now)
        if ens.k_ema_rows:
            out["k_ema_rows"] = torch.tensor(np.array(ens.k_ema_rows))
    for gi, g in enumerate(ens.groups):
        out |= {f"p{gi}.{n}": p.detach() for n, p in g.params.items()}
        if g.k_traj:
            out[f"k_traj{gi}"] = torch.tensor(np.array(g.k_traj))
    for name, per_group in (("ema", ens.ema_params), ("snapshot", ens.snapshot)):
        for gi, e in enumerate(per_group or []):
            out |= {f"{name}{gi}.{n}": p for n, p in e.items()}
    for o, (opt, _) in enumerate(ens.opts):
        out[f"adam{o}.n"] = torch.tensor(opt.n)
        for i, (m, v) in enumerate(zip(opt.m, opt.v)):
            out[f"adam{o}.m{i}"], out[f"adam{o}.v{i}"] = m, v
    return {k: v.detach().clone() for k, v in out.items()}


@torch.no_grad()
def restore_ensemble(state: dict, ens: Ensemble) -> Ensemble:
    """Load ``ensemble_state``'s tensors into ``ens``, a fresh ``start_ensemble`` with the same arguments (in place)."""
    ens.steps = int(state["steps"])
    ens.gen.set_state(state["gen"])
    ens.record_steps = state["record_steps"].tolist()
    ens.loss_rows = list(state["losses"].numpy()) if "losses" in state else []
    ens.first = state["first"].clone() if "first" in state else None
    if "k_ema_now" in state:
        ens.k_ema_now = state["k_ema_now"].numpy().copy()
        ens.k_ema_rows = list(state["k_ema_rows"].numpy()) if "k_ema_rows" in state else []
    for gi, g in enumerate(ens.groups):
        for n, p in g.params.items():
            p.copy_(state[f"p{gi}.{n}"])
        g.k_traj = list(state[f"k_traj{gi}"].numpy()) if f"k_traj{gi}" in state else []
    if ens.ema_params is not None:
        for gi, e in enumerate(ens.ema_params):
            for n, p in e.items():
                p.copy_(state[f"ema{gi}.{n}"])
    if "snapshot0." + next(iter(ens.groups[0].params)) in state:
        ens.snapshot = [{n: state[f"snapshot{gi}.{n}"].clone() for n in g.params} for gi, g in enumerate(ens.groups)]
    for o, (opt, _) in enumerate(ens.opts):
        opt.n = int(state[f"adam{o}.n"])
        for i, (m, v) in enumerate(zip(opt.m, opt.v)):
            m.copy_(state[f"adam{o}.m{i}"])
            v.copy_(state[f"adam{o}.v{i}"])
    return ens


def learned_k(ens: Ensemble) -> np.ndarray:
    """Final k of the learn-mode models."""
    return np.concatenate([g.k for g in ens.groups if g.k_mode == "learn"]) if any(
        g.k_mode == "learn" for g in ens.groups) else np.array([])


def _slots(ens: Ensemble, models) -> list[tuple[int, list[int], list[int]]]:
    """(group index, slots in that group, model indices) for the requested model indices (all when None)."""
    models = list(range(len(ens.order))) if models is None else list(models)
    out, start = [], 0
    for gi, g in enumerate(ens.groups):
        M = len(g.seeds)
        members = ens.order[start:start + M]
        pick = [(s, j) for s, j in enumerate(members) if j in models]
        if pick:
            out.append((gi, [s for s, _ in pick], [j for _, j in pick]))
        start += M
    return out


@torch.no_grad()
def generate(ens: Ensemble, n: int, steps: int = 50, seed: int = 0, models=None,
             params: list | None = None) -> dict[int, tuple[str, float, torch.Tensor]]:
    """n samples per model by Alg. 2 with Heun (``kdiff_target.sample``, NFE = 2·steps − 1) from one shared start
    z0 ~ N(0, I) (common random numbers: differences between models are not start-noise differences).
    ``models``: the model indices to sample (all when None); ``params``: per group, stacked parameters to use
    instead of the final ones (e.g. a snapshot). Returns {model index: (k_mode, k, samples)}."""
    n = check_int("n", n, 1)
    z0 = torch.randn(n, ens.manifold.D, generator=torch.Generator().manual_seed(seed))
    out = {}
    for gi, slots, idx in _slots(ens, models):
        g = ens.groups[gi]
        P = g.params if params is None else params[gi]
        P = {name: p[slots] for name, p in P.items()}
        B = {name: b[slots] for name, b in g.buffers.items()}
        vel = _Velocity(g.template.net, g.template.target, ens.clamp)

        def velocity_fn(z, t, P=P, B=B, vel=vel):
            tt = torch.tensor(float(t))
            return vmap(lambda p, b, zz: functional_call(vel, (p, b), (zz, tt)))(P, B, z)

        xs = sample(velocity_fn, z0.expand(len(slots), n, ens.manifold.D), steps=steps, solver="heun")
        ks = k_from_state(P | B, "target.").detach().numpy()
        for s, j in enumerate(idx):
            out[j] = (g.k_mode, float(ks[s]), xs[s])
    return out


def sliced_w2(x: torch.Tensor, y: torch.Tensor, n_projections: int = 200, seed: int = 0) -> float:
    """Sliced 2-Wasserstein distance between two point clouds (POT)."""
    import ot

    return float(ot.sliced_wasserstein_distance(x.double().numpy(), y.double().numpy(),
                                                n_projections=n_projections, seed=seed))


def sample_quality(ens: Ensemble, n: int = 1000, steps: int = 50, seed: int = 0, models=None,
                   params: list | None = None) -> dict[int, dict]:
    """Per model (indices ``models``, all when None): mean off-manifold distance of its generated samples to its
    own manifold and sliced W2 to fresh data of that manifold."""
    rows = {}
    for j, (k_mode, k, xs) in generate(ens, n, steps, seed, models, params).items():
        m = ens.manifolds[j]
        if not bool(torch.isfinite(xs).all()):
            raise NonFiniteLoss(f"non-finite samples from model {j} ({k_mode}, k={k:.3f}) on {m.kind} D={m.D} d={m.d}")
        fresh = m.sample(n, torch.Generator().manual_seed(seed + 7))
        rows[j] = {"mode": k_mode, "k": k, "off_manifold": float(m.distance(xs).mean()),
                   "sliced_w2": sliced_w2(xs, fresh, seed=seed)}
    return rows


# --- the experiments shared by the claims and the figures (cached per scale and seed) -------------------
# "k lands on a prediction": the 95 % CI over seeds of the learned k lies within ± K_TOL of it. 0.05 is a tenth of
# the whole ε→v or v→x range; with it, a config can tell D/(D+d) from the linear k* of the loss actually trained
# (k* = 1 for D > d) only where the two differ by more than 2·K_TOL (then each band excludes the other value):
# d/(D+d) > 0.1, i.e. D/d < 9 (toy/claims_kdiff_toy.py judges those). K_TOL is also the bound the convergence rule
# keeps room to: a stack trains until every learned k's drift over the last 20 % of its run is ≤ K_DRIFT_TOL.
K_TOL = 0.05
K_DRIFT_TOL = K_TOL / DRIFT_ROOM
# Each chunk adds a quarter of the steps taken so far, so the last chunk is the last 20 % of the run
# (decide.DRIFT_SHARE): the drift is k's EMA at the end minus at the previous chunk end, exactly that window.
CHUNK_GROWTH = 4


@dataclass(frozen=True)
class SweepScale:
    """One scale of the manifold sweep: every (kind, D, d) config trains ``seeds`` learn-mode models; the
    ``quality`` config also trains ``seeds`` fixed-target models per k in QUALITY_KS (ε, v, x). Models of one D
    train as one stack, for at least ``steps`` and then in chunks until every learned k has settled (drift ≤
    K_DRIFT_TOL) or the next chunk would pass ``cap`` steps."""

    configs: tuple  # (kind, D, d)
    seeds: int
    steps: int  # the least a stack trains
    cap: int  # the most a stack trains (a stack that reaches it unsettled has "hit the cap")
    width: int
    quality: tuple  # (kind, D, d), one of ``configs``
    quality_n: int  # generated samples per model
    quality_steps: int  # Alg. 2 Heun steps (NFE = 2·steps − 1)
    batch: int = 256
    lr: float = 1e-3  # Adam, constant (kdiff Table 4: constant schedule)
    # w_k's Adam lr: with the nets' 1e-3, w_k moves ≤ 1e-3 per step and k has not settled after 4000 steps
    # (D=16, d=4: 0.70 and still rising 0.06 per 20 % of training); 0.05 lets k settle within 10³ steps
    k_lr: float = 0.05
    depth: int = 3
    dhat_n: int = 2000  # points per TwoNN estimate


QUALITY_KS = (0.0, 0.5, 1.0)  # fixed targets ε, v, x (kdiff §3.3)
_FULL_CONFIGS = tuple(("sphere", D, d) for d in (1, 2, 4) for D in (4, 8, 16, 64, 256) if D >= d + 1) + (
    ("sphere", 4, 3), ("nonlinear", 16, 2), ("nonlinear", 16, 4))
# Caps: full 4× its 5000 steps (the chunk ends stop at 19 078); quick 2× its 800 (ends at 1563), to stay fast: a quick
# stack that needs more is `open` ("hit the cap"), as quick verdicts that cannot resolve an effect are.
SWEEP = {
    "quick": SweepScale(configs=(("sphere", 4, 1), ("sphere", 4, 3), ("sphere", 16, 1), ("sphere", 16, 3)),
                        seeds=3, steps=800, cap=1600, width=64, quality=("sphere", 16, 3), quality_n=500,
                        quality_steps=25),
    "full": SweepScale(configs=_FULL_CONFIGS, seeds=5, steps=5000, cap=20000, width=64, quality=("sphere", 16, 4),
                       quality_n=2000, quality_steps=50),
}
CODE = (__name__, "difftheory.toy.manifolds", "difftheory.theory.kdiff_target", "difftheory.theory.target_conversions",
        "difftheory.training", "difftheory.theory.projection")  # what a cached stack depends on (its code hash)


def chunk_ends(steps: int, cap: int) -> list[int]:
    """The step counts at which a stack's convergence is checked: 80 % of ``steps`` (where the first drift window
    starts), ``steps``, then each one a quarter more (rounded up) while ≤ ``cap``. From the second on, the span since
    the previous end is the last 20 % of the run (at least: rounding only widens it)."""
    steps = check_int("steps", steps, 2, 10**7)
    cap = check_int("cap", cap, steps, 10**8)
    ends = [int(math.floor((1 - DRIFT_SHARE) * steps)), steps]
    while ends[-1] + -(-ends[-1] // CHUNK_GROWTH) <= cap:
        ends.append(ends[-1] + -(-ends[-1] // CHUNK_GROWTH))
    return ends


def _stack_models(cfg: SweepScale, D: int, configs: list, seed: int) -> tuple[list, list, list]:
    """(manifolds, models, tags) of the stack of ambient dimension D: ``seeds`` learn-mode models per config, and
    the fixed targets on the quality config."""
    from difftheory.toy.manifolds import make_manifold

    manifolds, models, tags = [], [], []
    for c in configs:
        m = make_manifold(c[0], D, c[2], seed)
        manifolds += [m] * cfg.seeds
        models += ["learn"] * cfg.seeds
        tags += [(c, "learn")] * cfg.seeds
        if c == cfg.quality:
            for k in QUALITY_KS:
                manifolds += [m] * cfg.seeds
                models += [k] * cfg.seeds
                tags += [(c, k)] * cfg.seeds
    return manifolds, models, tags


def _start_stack(cfg: SweepScale, D: int, configs: list, seed: int) -> Ensemble:
    manifolds, models, _ = _stack_models(cfg, D, configs, seed)
    return start_ensemble(manifolds, models, steps=cfg.steps, batch=cfg.batch, lr=cfg.lr, k_lr=cfg.k_lr,
                          lr_schedule="constant", width=cfg.width, depth=cfg.depth, seed=seed, ema_weights=True)


def _chunk_key(cfg: SweepScale, D: int, configs: list, seed: int, end: int) -> dict:
    """What a stack's state after ``end`` steps depends on: not the cap, the rule or the evaluation settings (a run
    with a larger cap or another rule resumes from the same states)."""
    from dataclasses import asdict

    train = {k: v for k, v in asdict(cfg).items() if k not in ("cap", "quality_n", "quality_steps", "dhat_n")}
    return {"train": train, "D": D, "configs": [list(c) for c in configs], "seed": seed, "end": end,
            "quality_ks": list(QUALITY_KS), "loss_growth_limit": LOSS_GROWTH_LIMIT}


def train_stack(cfg: SweepScale, D: int, configs: list, seed: int, progress: bool = False) -> dict:
    """Converged by construction: train the stack of ambient D through ``chunk_ends(cfg.steps, cfg.cap)`` until,
    at some end from ``cfg.steps`` on, every learned k's EMA moved by ≤ K_DRIFT_TOL since the previous end (the
    last 20 % of the run), or the cap is reached. Each chunk's state goes through the on-disk cache
    (``kdiff_mlp_chunk``, keyed without the cap or the rule), so an interrupted or re-capped run resumes. Returns
    tensors: the EMA-of-k trajectory and its value at the last two ends, the steps taken, whether the cap was hit,
    and on the quality config each model's sample quality with the EMA weights at the end and at the previous end."""
    from difftheory import cache

    ends = chunk_ends(cfg.steps, cfg.cap)
    state, prev = None, None
    for end in ends:
        def build(state=state, end=end):
            ens = _start_stack(cfg, D, configs, seed)
            if state is not None:
                restore_ensemble(state, ens)
            return ensemble_state(train_on(ens, end, progress))

        prev, state = state, cache.cached("kdiff_mlp_chunk", _chunk_key(cfg, D, configs, seed, end), build, code=CODE)
        if end >= cfg.steps:
            drift_now = float((state["k_ema_now"].double() - prev["k_ema_now"].double()).abs().max())
            if drift_now <= K_DRIFT_TOL:
                break
    settled = drift_now <= K_DRIFT_TOL
    ens = restore_ensemble(state, _start_stack(cfg, D, configs, seed))
    out = {"k_ema": torch.tensor(ens.k_ema, dtype=torch.float64),
           "k_end": state["k_ema_now"].double(), "k_prev": prev["k_ema_now"].double(),
           "k_final": torch.tensor(learned_k(ens), dtype=torch.float64),
           "losses": torch.tensor(ens.losses, dtype=torch.float64),
           "record_steps": torch.tensor(ens.record_steps),
           "steps": torch.tensor([int(prev["steps"]), int(state["steps"])]), "hit_cap": torch.tensor(not settled)}
    _, _, tags = _stack_models(cfg, D, configs, seed)
    qual = [j for j, (c, _) in enumerate(tags) if c == cfg.quality]
    if qual:
        before = [{n: prev[f"ema{gi}.{n}"] for n in g.params} for gi, g in enumerate(ens.groups)]
        for name, params in (("end", ens.ema_params), ("at80", before)):  # EMA weights, as kdiff samples
            rows = sample_quality(ens, cfg.quality_n, cfg.quality_steps, seed, models=qual, params=params)
            out[f"quality_{name}"] = torch.tensor([[rows[j]["off_manifold"], rows[j]["sliced_w2"], rows[j]["k"]]
                                                   for j in qual], dtype=torch.float64)
    return out


def _cache_key(cfg: SweepScale, D: int, configs: list, seed: int) -> dict:
    from dataclasses import asdict

    return {"scale": asdict(cfg), "D": D, "configs": [list(c) for c in configs], "seed": seed,
            "quality_ks": list(QUALITY_KS), "loss_growth_limit": LOSS_GROWTH_LIMIT,
            "rule": {"k_drift_tol": K_DRIFT_TOL, "chunk_growth": CHUNK_GROWTH, "drift_share": DRIFT_SHARE}}


@functools.lru_cache(maxsize=4)
def manifold_sweep(scale: str = "quick", seed: int = 0) -> dict:
    """Learned k of k-Diff MLPs (Alg. 1: v-loss, logit-normal(0,1), clamp 0.05; Adam at a constant lr as kdiff
    Table 4) over manifolds of intrinsic dimension d in R^D, ``seeds`` models per config, trained until k settles
    (``train_stack``), with TwoNN's d̂ of the same data (one sample per seed), the fixed-target comparison on the
    quality config, and each model's EMA of k: at the end, its drift over the last 20 % of the run (the convergence
    measure), and its trajectory. Per config: the steps its stack took and whether it hit the cap unsettled.
    Results are cached on disk (difftheory.cache), keyed by the settings, the rule, the cap, the seed and the code."""
    from difftheory import cache
    from difftheory.toy import intrinsic_dim
    from difftheory.toy.intrinsic_dim import two_nn
    from difftheory.toy.manifolds import make_manifold

    check_choice("scale", scale, tuple(SWEEP))
    check_int("seed", seed, 0)
    cfg = SWEEP[scale]
    by_D: dict[int, list] = {}
    for c in cfg.configs:
        by_D.setdefault(c[1], []).append(c)
    rows, quality = [], None
    with single_thread():
        for D, configs in sorted(by_D.items()):
            res = cache.cached("kdiff_mlp_sweep", _cache_key(cfg, D, configs, seed),
                               lambda D=D, configs=configs: train_stack(cfg, D, configs, seed), code=CODE)
            k_ema, k_final = res["k_ema"].numpy(), res["k_final"].numpy()
            k_end, k_prev = res["k_end"].numpy(), res["k_prev"].numpy()
            window = res["steps"].tolist()
            for i, c in enumerate(configs):
                sl = slice(i * cfg.seeds, (i + 1) * cfg.seeds)
                traj = k_ema[:, sl]  # (T, seeds)
                drifts = (k_end[sl] - k_prev[sl]).tolist()
                m = make_manifold(c[0], D, c[2], seed)
                d_hat = [two_nn(m.sample(cfg.dhat_n, torch.Generator().manual_seed(seed * 1000 + 100 + s)).numpy())
                         for s in range(cfg.seeds)]
                rows.append({"kind": c[0], "D": D, "d": c[2],
                             "k_seeds": k_end[sl].tolist(),  # EMA of k at the end of training, per seed
                             "k_raw_seeds": k_final[sl].tolist(),
                             "drift_seeds": drifts, "steps": window[1], "drift_window": window,
                             "hit_cap": max(abs(v) for v in drifts) > K_DRIFT_TOL,
                             "record_steps": res["record_steps"].tolist(),
                             "k_traj_mean": traj.mean(1).tolist(), "k_traj_sd": traj.std(1, ddof=1).tolist(),
                             "d_hat_seeds": d_hat, "D_over_D_plus_d": D / (D + c[2])})
            if "quality_end" in res:
                quality = {"config": list(cfg.quality), "ks": ["learn", *QUALITY_KS],
                           "end": res["quality_end"].numpy().tolist(), "at80": res["quality_at80"].numpy().tolist(),
                           "steps": window[1], "drift_window": window,
                           "hit_cap": next(r["hit_cap"] for r in rows if (r["kind"], r["D"], r["d"]) == cfg.quality)}
    return {"rows": rows, "quality": quality, "base_steps": cfg.steps, "cap": cfg.cap, "cap_ends": chunk_ends(cfg.steps,
            cfg.cap)[-1], "k_drift_tol": K_DRIFT_TOL, "drift_room": DRIFT_ROOM, "width": cfg.width,
            "seeds": cfg.seeds, "lr": cfg.lr, "k_lr": cfg.k_lr, "batch": cfg.batch, "quality_n": cfg.quality_n,
            "quality_steps": cfg.quality_steps, "dhat_n": cfg.dhat_n, "estimator": intrinsic_dim.ESTIMATOR}
