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

from difftheory.decide import drift
from difftheory.threads import single_thread
from difftheory.theory.kdiff_target import KTarget, TargetSpec, k_from_state, kdiff_loss, sample
from difftheory.theory.time_densities import LATENT_DENSITY, TimeDensity
from difftheory.toy.manifolds import Manifold
from difftheory.training import Adam, NonFiniteLoss, check_loss, cosine_lr
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


@dataclass
class Ensemble:
    manifolds: list  # one Manifold per model (same D)
    groups: list
    sampler: TimeDensity
    clamp: float | None
    steps: int
    record_steps: list
    losses: np.ndarray  # (T, models) minibatch losses at the recorded steps
    k_ema: np.ndarray | None = None  # (T, learn models): EMA of k at the recorded steps (decay ``ema``)
    order: list = field(default_factory=list)  # model index of each stacked slot (learn group first)
    snapshot: list | None = None  # per group, a copy of the stacked parameters at step ``snapshot_at``
    ema_params: list | None = None  # per group, the EMA of the stacked parameters (``ema_weights``)

    @property
    def manifold(self):
        return self.manifolds[0]


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
    weights) in ``Ensemble.ema_params``; the snapshot is then of the EMA parameters."""
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
    order = learn + fixed
    net_params = [p for g in groups for n, p in g.params.items() if not n.startswith("target.")]
    k_params = [p for g in groups for n, p in g.params.items() if n.startswith("target.")]
    opts = [(Adam(net_params), lr)] + ([(Adam(k_params), k_lr)] if k_params else [])
    gen = torch.Generator().manual_seed(seed)
    record_every = check_int("record_every", record_every or max(steps // 50, 1), 1)
    decay = 1.0 - 1.0 / max(ema_share * steps, 1.0)
    rec, losses, k_ema_traj = [], [], []
    ema = None
    first = None
    snapshot = None
    ema_params = [{n: p.detach().clone() for n, p in g.params.items()} for g in groups] if ema_weights else None
    what = (f"{manifolds[0].kind} D={D} d={sorted({m.d for m in manifolds})} (models {len(models)}, lr {lr:g}, "
            f"k_lr {k_lr:g}, clamp {clamp})")

    from tqdm import tqdm

    for i in tqdm(range(steps), desc=f"k-Diff MLP D={D}", disable=not progress, leave=False):
        total, per_model = 0.0, []
        for g, idx in zip(groups, members):
            M = len(idx)
            x = torch.stack([manifolds[j].sample(batch, gen) for j in idx])
            n = torch.randn(M, batch, D, generator=gen)
            t = sampler.sample_torch(M * batch, generator=gen).reshape(M, batch)
            loss = vmap(lambda p, b, xx, tt, nn_: functional_call(g.template, (p, b), (xx, tt, nn_)))(
                g.params, g.buffers, x, t, n)
            per_model.append(loss.detach())
            total = total + loss.sum()
        cur = torch.cat(per_model)
        if first is None:
            first = cur.clone()
        check_loss(cur, first, LOSS_GROWTH_LIMIT, f"at step {i} training k-Diff MLPs on {what}",
                   "lower lr or set a clamp")
        for opt, _ in opts:
            for p in opt.params:
                p.grad = None
        total.backward()
        for opt, base in opts:
            lr_i = base if lr_schedule == "constant" else cosine_lr(base, i, steps, COSINE_FLOOR)
            opt.step([p.grad for p in opt.params], lr_i)
        if ema_params is not None:
            with torch.no_grad():
                for e, g in zip(ema_params, groups):
                    for n, p in g.params.items():
                        e[n].lerp_(p.detach(), 1 - decay)
        if snapshot_at is not None and i + 1 == snapshot_at:
            src = ema_params if ema_params is not None else [g.params for g in groups]
            snapshot = [{n: p.detach().clone() for n, p in e.items()} for e in src]
        if learn:
            k_now = groups[0].k
            ema = k_now if ema is None else decay * ema + (1 - decay) * k_now
        if i % record_every == 0 or i == steps - 1:
            rec.append(i)
            losses.append(cur.numpy())
            for g in groups:
                g.k_traj.append(g.k)
            if learn:
                k_ema_traj.append(ema.copy())
    inv = np.argsort(order)
    return Ensemble(manifolds, groups, sampler, clamp, steps, rec, np.stack(losses)[:, inv],
                    np.array(k_ema_traj) if learn else None, order, snapshot, ema_params)


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
@dataclass(frozen=True)
class SweepScale:
    """One scale of the manifold sweep: every (kind, D, d) config trains ``seeds`` learn-mode models; the
    ``quality`` config also trains ``seeds`` fixed-target models per k in QUALITY_KS (ε, v, x)."""

    configs: tuple  # (kind, D, d)
    seeds: int
    steps: int
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
SWEEP = {
    "quick": SweepScale(configs=(("sphere", 4, 1), ("sphere", 4, 3), ("sphere", 16, 1), ("sphere", 16, 3)),
                        seeds=3, steps=800, width=64, quality=("sphere", 16, 3), quality_n=500, quality_steps=25),
    "full": SweepScale(configs=_FULL_CONFIGS, seeds=5, steps=5000, width=64, quality=("sphere", 16, 4),
                       quality_n=2000, quality_steps=50),
}


def _train_stack(cfg: SweepScale, D: int, configs: list, seed: int) -> dict:
    """Train every learn-mode model of the configs with ambient D (and, for the quality config, the fixed
    targets) as one stacked ensemble; returns tensors (for the on-disk cache)."""
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
    snap_at = int(0.8 * cfg.steps)
    ens = train_ensemble(manifolds, models, steps=cfg.steps, batch=cfg.batch, lr=cfg.lr, k_lr=cfg.k_lr,
                         lr_schedule="constant", width=cfg.width, depth=cfg.depth, seed=seed,
                         snapshot_at=snap_at if any(c == cfg.quality for c in configs) else None, ema_weights=True)
    out = {"k_ema": torch.tensor(ens.k_ema, dtype=torch.float64),
           "k_final": torch.tensor(learned_k(ens), dtype=torch.float64),
           "losses": torch.tensor(ens.losses, dtype=torch.float64),
           "record_steps": torch.tensor(ens.record_steps)}
    qual = [j for j, (c, _) in enumerate(tags) if c == cfg.quality]
    if qual:
        for name, params in (("end", ens.ema_params), ("at80", ens.snapshot)):  # EMA weights, as kdiff samples
            rows = sample_quality(ens, cfg.quality_n, cfg.quality_steps, seed, models=qual, params=params)
            out[f"quality_{name}"] = torch.tensor([[rows[j]["off_manifold"], rows[j]["sliced_w2"], rows[j]["k"]]
                                                   for j in qual], dtype=torch.float64)
    return out


def _cache_key(cfg: SweepScale, D: int, configs: list, seed: int) -> dict:
    from dataclasses import asdict

    return {"scale": asdict(cfg), "D": D, "configs": [list(c) for c in configs], "seed": seed,
            "quality_ks": list(QUALITY_KS), "loss_growth_limit": LOSS_GROWTH_LIMIT}


@functools.lru_cache(maxsize=4)
def manifold_sweep(scale: str = "quick", seed: int = 0) -> dict:
    """Learned k of k-Diff MLPs (Alg. 1: v-loss, logit-normal(0,1), clamp 0.05; Adam at a constant lr as kdiff
    Table 4) over manifolds of intrinsic dimension d in R^D, ``seeds`` models per config, with TwoNN's d̂ of
    the same data (one sample per seed), the fixed-target comparison on the quality config, and each model's
    EMA-of-k trajectory (its drift over the last 20 % is the convergence measure). Trained models' results
    are cached on disk (difftheory.cache), keyed by the settings, the seed and the training code."""
    from difftheory import cache
    from difftheory.toy import intrinsic_dim, manifolds
    from difftheory.toy.intrinsic_dim import two_nn
    from difftheory.toy.manifolds import make_manifold
    from difftheory.theory import kdiff_target, target_conversions

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
                               lambda D=D, configs=configs: _train_stack(cfg, D, configs, seed),
                               code=[__name__, manifolds.__name__, kdiff_target.__name__, target_conversions.__name__,
                                     "difftheory.training", "difftheory.theory.projection"])
            k_ema, k_final = res["k_ema"].numpy(), res["k_final"].numpy()
            steps_rec = res["record_steps"].numpy()
            for i, c in enumerate(configs):
                sl = slice(i * cfg.seeds, (i + 1) * cfg.seeds)
                traj = k_ema[:, sl]  # (T, seeds)
                m = make_manifold(c[0], D, c[2], seed)
                d_hat = [two_nn(m.sample(cfg.dhat_n, torch.Generator().manual_seed(seed * 1000 + 100 + s)).numpy())
                         for s in range(cfg.seeds)]
                rows.append({"kind": c[0], "D": D, "d": c[2],
                             "k_seeds": traj[-1].tolist(),  # EMA of k at the end of training, per seed
                             "k_raw_seeds": k_final[sl].tolist(),
                             "drift_seeds": [drift(traj[:, s]) for s in range(cfg.seeds)],
                             "k_traj_mean": traj.mean(1).tolist(), "k_traj_sd": traj.std(1, ddof=1).tolist(),
                             "d_hat_seeds": d_hat, "D_over_D_plus_d": D / (D + c[2])})
            if "quality_end" in res:
                quality = {"config": list(cfg.quality), "ks": ["learn", *QUALITY_KS],
                           "end": res["quality_end"].numpy().tolist(), "at80": res["quality_at80"].numpy().tolist()}
            record = steps_rec.tolist()
    return {"rows": rows, "quality": quality, "steps": cfg.steps, "width": cfg.width, "seeds": cfg.seeds,
            "record_steps": record, "lr": cfg.lr, "k_lr": cfg.k_lr, "batch": cfg.batch,
            "quality_n": cfg.quality_n, "quality_steps": cfg.quality_steps, "dhat_n": cfg.dhat_n,
            "estimator": intrinsic_dim.ESTIMATOR}
