"""Time-conditioned MLP denoisers trained with k-Diff exactly as kdiff Alg. 1, sampled with Alg. 2 (Heun).

The target and the loss are ``theory.ktarget``'s ``KTarget`` and ``kdiff_loss``; sampling is its ``sample``.
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

from difftheory.linear_model.trainer import NonFiniteLoss
from difftheory.threads import single_thread
from difftheory.theory.ktarget import KTarget, kdiff_loss, sample
from difftheory.theory.samplers import LATENT_SAMPLER, TimeSampler
from difftheory.toy.manifolds import Manifold
from difftheory.validate import check_float, check_int


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

    mode: str
    ks: list  # initial (learn) or fixed k of each model
    seeds: list
    template: _Alg1
    params: dict
    buffers: dict
    k_traj: list = field(default_factory=list)

    @property
    def k(self) -> np.ndarray:
        if "target.w_k" in self.params:
            return torch.sigmoid(self.params["target.w_k"]).detach().numpy().copy()
        return self.buffers["target.k_fixed"].numpy().copy()


def _make_group(mode, ks, seeds, D, width, depth, clamp) -> Group:
    mods = []
    for k, s in zip(ks, seeds):
        torch.manual_seed(s)
        mods.append(_Alg1(TimeMLP(D, width, depth), KTarget(mode, k), clamp))
    params, buffers = stack_module_state(mods)
    params = {n: p.detach().requires_grad_(mode != "fixed" or not n.startswith("target.")) for n, p in params.items()}
    buffers = {n: b.float() for n, b in buffers.items()}
    return Group(mode, list(ks), list(seeds), mods[0], params, buffers)


@dataclass
class Ensemble:
    manifold: Manifold
    groups: list
    sampler: TimeSampler
    clamp: float | None
    steps: int
    record_steps: list
    losses: np.ndarray  # (T, models) minibatch losses at the recorded steps


def train_ensemble(manifold: Manifold, models: list, steps: int = 1000, batch: int = 256, lr: float = 3e-3,
                   k_lr: float = 5e-2, sampler: TimeSampler = LATENT_SAMPLER, clamp: float | None = 0.05,
                   width: int = 128, depth: int = 3, seed: int = 0, record_every: int | None = None,
                   progress: bool = False) -> Ensemble:
    """Train MLP denoisers with Alg. 1 on ``manifold``. ``models``: list of ``"learn"`` (k = sigmoid(w_k)
    from 0.5) or a float (fixed k: 0 → ε, 0.5 → v, 1 → x); each entry is one model with its own init and
    minibatches. Adam (lr for the nets, ``k_lr`` for w_k), cosine-decayed; defaults: kdiff Table 4's
    logit-normal(0, 1) time sampler and clamp 0.05."""
    steps = check_int("steps", steps, 1, 10**7)
    batch = check_int("batch", batch, 1, 10**6)
    lr = check_float("lr", lr, 0.0, None, lo_open=True)
    k_lr = check_float("k_lr", k_lr, 0.0, None, lo_open=True)
    check_int("seed", seed, 0)
    if not models:
        raise ValueError("models must list at least one 'learn' or fixed k in [0, 1], got []")
    learn = [j for j, m in enumerate(models) if m == "learn"]
    fixed = [j for j, m in enumerate(models) if m != "learn"]
    fixed_k = [check_float(f"models[{j}]", models[j], 0.0, 1.0) for j in fixed]
    seeds = [seed * 1000 + j for j in range(len(models))]
    D = manifold.D
    groups = []
    if learn:
        groups.append(_make_group("learn", [0.5] * len(learn), [seeds[j] for j in learn], D, width, depth, clamp))
    if fixed:
        groups.append(_make_group("fixed", fixed_k, [seeds[j] for j in fixed], D, width, depth, clamp))
    order = learn + fixed
    net_params = [p for g in groups for n, p in g.params.items() if not n.startswith("target.")]
    k_params = [p for g in groups for n, p in g.params.items() if n.startswith("target.")]
    opt = torch.optim.Adam([{"params": net_params, "lr": lr}] + ([{"params": k_params, "lr": k_lr}] if k_params else []))
    base = [g["lr"] for g in opt.param_groups]
    gen = torch.Generator().manual_seed(seed)
    record_every = check_int("record_every", record_every or max(steps // 50, 1), 1)
    rec, losses = [], []

    from tqdm import tqdm

    for i in tqdm(range(steps), desc=f"k-Diff MLP D={D}", disable=not progress, leave=False):
        total, per_model = 0.0, []
        for g in groups:
            M = len(g.seeds)
            x = manifold.sample(M * batch, gen).reshape(M, batch, D)
            n = torch.randn(M, batch, D, generator=gen)
            t = sampler.sample_torch(M * batch, generator=gen).reshape(M, batch)
            loss = vmap(lambda p, b, xx, tt, nn_: functional_call(g.template, (p, b), (xx, tt, nn_)))(
                g.params, g.buffers, x, t, n)
            per_model.append(loss.detach())
            total = total + loss.sum()
        if not bool(torch.isfinite(total)):
            raise NonFiniteLoss(f"non-finite k-Diff loss at step {i} for {manifold.kind} D={D} d={manifold.d} "
                                f"(models {models}, lr {lr:g}, clamp {clamp}); lower lr or set a clamp")
        c = 0.5 * (1 + math.cos(math.pi * i / steps))
        for pg, b0 in zip(opt.param_groups, base):
            pg["lr"] = b0 * (0.02 + 0.98 * c)
        opt.zero_grad()
        total.backward()
        opt.step()
        if i % record_every == 0 or i == steps - 1:
            rec.append(i)
            losses.append(torch.cat(per_model).numpy())
            for g in groups:
                g.k_traj.append(g.k)
    inv = np.argsort(order)
    return Ensemble(manifold, groups, sampler, clamp, steps, rec, np.stack(losses)[:, inv])


def learned_k(ens: Ensemble) -> np.ndarray:
    """Final k of the learn-mode models."""
    return np.concatenate([g.k for g in ens.groups if g.mode == "learn"]) if any(
        g.mode == "learn" for g in ens.groups) else np.array([])


@torch.no_grad()
def generate(ens: Ensemble, n: int, steps: int = 50, seed: int = 0) -> list[tuple[str, float, torch.Tensor]]:
    """n samples per model by Alg. 2 with Heun (``ktarget.sample``, NFE = 2·steps − 1), from z0 ~ N(0, I);
    returns (mode, k, samples) per model."""
    n = check_int("n", n, 1)
    gen = torch.Generator().manual_seed(seed)
    out = []
    for g in ens.groups:
        M = len(g.seeds)
        vel = _Velocity(g.template.net, g.template.target, ens.clamp)

        def velocity_fn(z, t, g=g, vel=vel):
            tt = torch.tensor(float(t))
            return vmap(lambda p, b, zz: functional_call(vel, (p, b), (zz, tt)))(g.params, g.buffers, z)

        z0 = torch.randn(M, n, ens.manifold.D, generator=gen)
        xs = sample(velocity_fn, z0, steps=steps, solver="heun")
        for j in range(M):
            out.append((g.mode, float(g.k[j]), xs[j]))
    return out


def sliced_w2(x: torch.Tensor, y: torch.Tensor, n_projections: int = 200, seed: int = 0) -> float:
    """Sliced 2-Wasserstein distance between two point clouds (POT)."""
    import ot

    return float(ot.sliced_wasserstein_distance(x.double().numpy(), y.double().numpy(),
                                                n_projections=n_projections, seed=seed))


def sample_quality(ens: Ensemble, n: int = 1000, steps: int = 50, seed: int = 0) -> list[dict]:
    """Per model: mean off-manifold distance of generated samples and sliced W2 to fresh data."""
    gen = torch.Generator().manual_seed(seed + 7)
    fresh = ens.manifold.sample(n, gen)
    rows = []
    for j, (mode, k, xs) in enumerate(generate(ens, n, steps, seed)):
        if not bool(torch.isfinite(xs).all()):
            raise NonFiniteLoss(f"non-finite samples from model {j} ({mode}, k={k:.3f}) on {ens.manifold.kind} "
                                f"D={ens.manifold.D} d={ens.manifold.d}")
        rows.append({"mode": mode, "k": k, "off_manifold": float(ens.manifold.distance(xs).mean()),
                     "sliced_w2": sliced_w2(xs, fresh, seed=seed)})
    return rows


# --- the experiments shared by the claims and the figures (cached per scale and seed) -------------------
SWEEP = {  # (kinds, D values, d values, steps, width)
    "quick": (("sphere",), (4, 16, 64), (1, 3), 600, 64),
    "full": (("sphere", "nonlinear"), (4, 8, 16, 32, 64, 128, 256, 512), (1, 2, 4, 8), 2000, 128),
}


@functools.lru_cache(maxsize=4)
def manifold_sweep(scale: str = "quick", seed: int = 0, n_seeds: int = 3) -> dict:
    """Learned k of a k-Diff MLP (Alg. 1: v-loss, logit-normal(0,1), clamp 0.05) over manifolds of
    intrinsic dimension d in R^D (``n_seeds`` models each), with TwoNN's d̂ of the same data."""
    from difftheory.toy.intrinsic_dim import two_nn
    from difftheory.toy.manifolds import make_manifold, span_dim

    kinds, Ds, ds, steps, width = SWEEP[scale]
    rows = []
    with single_thread():
        for kind in kinds:
            for d in ds:
                for D in Ds:
                    if span_dim(kind, d) > D:
                        continue
                    m = make_manifold(kind, D, d, seed)
                    ens = train_ensemble(m, ["learn"] * n_seeds, steps=steps, width=width, seed=seed)
                    x = m.sample(2000, torch.Generator().manual_seed(seed + 1))
                    d_hat = two_nn(x.numpy())
                    traj = np.array(ens.groups[0].k_traj)  # (T, seeds)
                    tail = traj[-max(len(traj) // 5, 2):]
                    kl = learned_k(ens)
                    rows.append({"kind": kind, "D": D, "d": d, "k_learned": float(kl.mean()),
                                 "k_seeds": kl.tolist(), "k_se": float(kl.std(ddof=1) / np.sqrt(len(kl))),
                                 "k_drift_last_20pct": float(np.abs(tail[-1] - tail[0]).max()),
                                 "k_traj": traj.mean(1).tolist(),
                                 "D_over_D_plus_d": D / (D + d), "d_hat": d_hat, "D_over_D_plus_dhat": D / (D + d_hat)})
    return {"rows": rows, "steps": steps, "width": width}


QUALITY = {"quick": (16, 2, 500, 128, 64, 600), "full": (64, 4, 3000, 256, 128, 2000)}  # D, d, steps, batch, width, n


@functools.lru_cache(maxsize=4)
def quality_run(scale: str = "quick", seed: int = 0, n_seeds: int = 3) -> dict:
    """Fixed ε / v / x targets against learned k on a sphere: sample quality over ``n_seeds`` seeds each."""
    from difftheory.toy.manifolds import make_manifold

    D, d, steps, batch, width, n = QUALITY[scale]
    m = make_manifold("sphere", D, d, seed)
    models = ["learn"] * n_seeds + [0.0] * n_seeds + [0.5] * n_seeds + [1.0] * n_seeds
    with single_thread():
        ens = train_ensemble(m, models, steps=steps, batch=batch, width=width, seed=seed)
        rows = sample_quality(ens, n=n, steps=25 if scale == "quick" else 50, seed=seed)
    return {"manifold": f"sphere D={D} d={d}", "steps": steps, "rows": rows}
