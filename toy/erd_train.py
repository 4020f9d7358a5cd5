"""Training erd App. F's toy models: many (target, schedule, weighting, time-bin, seed) models at once, as one
stack of parameters through ``torch.func.vmap`` (Adam is elementwise, so a stack trains exactly as its
models would one at a time).

Every model draws its batches from its **own** random stream (seeded by its spec and the run seed), so a
trained model depends only on (spec, config, seed, code) — not on which other models share its stack. That is
what lets claims share models: the uniform-weighted ε/GVP model of the weighting comparison *is* the global
ε/GVP model of the NTK claims. ``trained()`` trains a group once and keeps it in the on-disk cache
(``difftheory/cache.py``, keyed by specs, config, seed and a hash of this code) and in memory.

Time as in erd App. F: t = 0 data, t = 1 noise; each model samples t ~ U(t_lo, t_hi) (global models:
[0, 1]; piecewise models: one bin). Loss per model: mean over the batch of w(t) ‖f(z_t, t) − y‖² (summed
over the 2 dimensions), w normalized to mean 1 over t ~ U(0, 1) (``erd_weights.normalized_weight``).
App. F.1 settings are ``TRAIN_CONFIGS["full"]``: Adam 1e-3, batch 512, 2000 iterations, width 256.

Training stops with a one-line ``difftheory.training.TrainingDiverged`` error (``NonFiniteLoss`` / ``LossGrew``) when
a model's loss is non-finite or its mean over the last ``GROWTH_WINDOW`` iterations exceeds ``GROWTH_FACTOR`` × its
loss at the initial parameters."""

from __future__ import annotations

import math
import zlib
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
import torch
from tqdm import tqdm

from difftheory.theory.erd_weights import WEIGHTS, normalized_weight

from difftheory.theory.gmm import erd_gmm
from difftheory.theory.schedules import ERD_SCHEDULES, erd_schedule
from difftheory.theory.target_conversions import ERD_TARGETS, erd_target_coefficients
from difftheory.toy.erd_model import init_mlp, stack_params, stacked_forward
from difftheory.training import check_loss
from difftheory.validate import check_choice, check_float, check_int

T_EPS = 1e-4  # weights are evaluated at t clamped to [T_EPS, 1 − T_EPS] (some are 0·∞ at the endpoints)
# A healthy Adam run ends far below its starting loss; a 10-step mean 10× above the initial loss is divergence, not
# noise (a batch mean fluctuates by tens of per cent at most, and the weights are normalized to mean 1 over t).
GROWTH_FACTOR = 10.0
GROWTH_WINDOW = 10
CHECKPOINT_SHARE = 0.8  # parameters are also kept after 80 % of the iterations: the drift test of decide.settled
CODE = ("difftheory.toy.erd_train", "difftheory.toy.erd_model", "difftheory.theory.schedules", "difftheory.theory.gmm",
        "difftheory.theory.erd_weights", "difftheory.theory.target_conversions", "difftheory.training")  # what a cached model depends on (its code hash)


@dataclass(frozen=True)
class ModelSpec:
    target: str
    schedule: str
    weighting: str = "uniform"
    t_lo: float = 0.0
    t_hi: float = 1.0
    seed: int = 0  # replicate index (independent initialisation and data stream)

    def __post_init__(self):
        check_choice("target", self.target, ERD_TARGETS)
        check_choice("schedule", self.schedule, ERD_SCHEDULES)
        check_choice("weighting", self.weighting, WEIGHTS)
        check_float("t_lo", self.t_lo, 0.0, 1.0)
        check_float("t_hi", self.t_hi, self.t_lo, 1.0, lo_open=True)
        check_int("seed", self.seed, 0, 2**31 - 1)

    def label(self) -> str:
        return f"{self.target}/{self.schedule}/{self.weighting}/t∈[{self.t_lo:g},{self.t_hi:g}]/seed{self.seed}"


@dataclass(frozen=True)
class TrainConfig:
    iterations: int = 2000
    batch: int = 512
    lr: float = 1e-3
    width: int = 256
    depth: int = 3

    def __post_init__(self):
        check_int("iterations", self.iterations, 1, 10**7)
        check_int("batch", self.batch, 1, 10**6)
        check_float("lr", self.lr, 0.0, 1.0, lo_open=True)
        check_int("width", self.width, 1, 10**5)
        check_int("depth", self.depth, 1, 64)


TRAIN_CONFIGS = {
    "full": TrainConfig(),  # erd App. F.1
    "quick": TrainConfig(iterations=400, batch=128, width=64),
}

WEIGHT_TABLE = 4096  # weights are tabulated on this many t cells and interpolated


def _init_seed(spec: ModelSpec, seed: int) -> int:
    return zlib.crc32(f"{spec.label()}|{seed}".encode()) & 0x7FFFFFFF


def _data_seed(spec: ModelSpec, seed: int) -> int:
    return zlib.crc32(f"data|{spec.label()}|{seed}".encode()) & 0x7FFFFFFF


def weight_table(specs: list[ModelSpec], n: int = WEIGHT_TABLE) -> torch.Tensor:
    """(M, n + 1) normalized weights on t = k/n, clamped to [T_EPS, 1 − T_EPS]."""
    grid = np.clip(np.linspace(0.0, 1.0, n + 1), T_EPS, 1 - T_EPS)
    rows = []
    for s in specs:
        fn = normalized_weight(s.weighting, s.target, erd_schedule(s.schedule).alpha_sigma)
        rows.append(fn(grid))
    table = torch.tensor(np.array(rows), dtype=torch.float32)
    if not torch.isfinite(table).all():
        raise ValueError("a weight table is not finite; check the weighting/target/schedule combination")
    return table


def sample_gmm_torch(n_models: int, batch: int, gen: torch.Generator) -> torch.Tensor:
    """x0 ~ erd App. F's GMM, shape (M, B, 2)."""
    g = erd_gmm()
    means = torch.tensor(g.means, dtype=torch.float32)
    j = torch.randint(len(g.weights), (n_models, batch), generator=gen)
    return means[j] + float(g.sds[0]) * torch.randn(n_models, batch, 2, generator=gen)


class _Streams:
    """One random stream per model: each step draws (x0, ε, u) for every model from that model's generator."""

    def __init__(self, specs: list[ModelSpec], seed: int):
        g = erd_gmm()
        self.gens = [torch.Generator().manual_seed(_data_seed(s, seed)) for s in specs]
        self.means = torch.tensor(g.means, dtype=torch.float32)
        self.sd = float(g.sds[0])
        self.cum = torch.tensor(np.cumsum(g.weights)[:-1], dtype=torch.float32)

    def draw(self, batch: int):
        normal = torch.stack([torch.randn(batch, 4, generator=g) for g in self.gens])  # (M, B, 4)
        unif = torch.stack([torch.rand(batch, 2, generator=g) for g in self.gens])  # (M, B, 2)
        comp = torch.searchsorted(self.cum, unif[..., 0].contiguous(), right=True)
        x0 = self.means[comp] + self.sd * normal[..., :2]
        return x0, normal[..., 2:], unif[..., 1]


def schedule_and_target(specs: list[ModelSpec], t: torch.Tensor):
    """α, σ, c_x, c_ε of each model at its times t (M, B) → four (M, B) tensors."""
    a = torch.empty_like(t)
    s = torch.empty_like(t)
    cx = torch.empty_like(t)
    ce = torch.empty_like(t)
    for name in ERD_SCHEDULES:
        idx = [i for i, sp in enumerate(specs) if sp.schedule == name]
        if idx:
            a[idx], s[idx] = erd_schedule(name).alpha_sigma(t[idx])
    for name in ERD_TARGETS:
        idx = [i for i, sp in enumerate(specs) if sp.target == name]
        if idx:
            cxi, cei = erd_target_coefficients(name, a[idx], s[idx])
            cx[idx], ce[idx] = cxi, cei
    return a, s, cx, ce


def _check_growth(history: np.ndarray, it: int, specs: list[ModelSpec], config: TrainConfig) -> None:
    """Raise ``NonFiniteLoss`` (one line) for a non-finite loss at iteration ``it``, ``LossGrew`` when the mean of the
    last GROWTH_WINDOW iterations exceeds GROWTH_FACTOR × the loss at the initial parameters (``history[0]``)."""

    def label(j):
        return f"model {specs[j].label()} (lr={config.lr}, batch={config.batch}, width={config.width})"

    check_loss(history[it], None, GROWTH_FACTOR, f"at iteration {it}", label=label)
    if it + 1 >= GROWTH_WINDOW:
        recent = history[it + 1 - GROWTH_WINDOW:it + 1].mean(0)
        check_loss(recent, history[0], GROWTH_FACTOR, f"(mean of the last {GROWTH_WINDOW} iterations) at iteration {it}",
                   label=label)


@dataclass(frozen=True)
class Trained:
    """A trained stack: parameters (leading model axis), the parameters after ``CHECKPOINT_SHARE`` of the
    iterations, and the training-loss history (iterations, M)."""

    specs: tuple
    config: TrainConfig
    seed: int
    params: list
    params_checkpoint: list
    history: np.ndarray
    checkpoint_iteration: int


def checkpoint_iteration(iterations: int) -> int:
    """Iterations done when the drift checkpoint is taken (80 % of training)."""
    return int(math.floor(CHECKPOINT_SHARE * iterations))


def train_models(specs: list[ModelSpec], config: TrainConfig, seed: int = 0, progress: bool = False) -> Trained:
    """Train the models ``specs`` together (no cache). See the module docstring for the streams and the stop rule."""
    if not specs:
        raise ValueError("specs must name at least one model")
    seed = check_int("seed", seed, 0, 2**31 - 1)
    M = len(specs)
    models = []
    for s in specs:
        g = torch.Generator().manual_seed(_init_seed(s, seed))
        models.append(init_mlp(config.width, config.depth, generator=g))
    params = stack_params(models)
    flat = [p.requires_grad_() for pair in params for p in pair]
    opt = torch.optim.Adam(flat, lr=config.lr, fused=True)  # fused: one kernel per step, same update as Adam
    table = weight_table(specs)
    lo = torch.tensor([s.t_lo for s in specs])[:, None]
    hi = torch.tensor([s.t_hi for s in specs])[:, None]
    streams = _Streams(specs, seed)
    history = np.empty((config.iterations, M), dtype=np.float32)
    ck = checkpoint_iteration(config.iterations)
    snapshot = [(W.detach().clone(), b.detach().clone()) for W, b in params] if ck == 0 else None
    for it in tqdm(range(config.iterations), desc="erd toy training", disable=not progress, leave=False):
        x0, eps, u = streams.draw(config.batch)
        t = lo + (hi - lo) * u
        a, s, cx, ce = schedule_and_target(specs, t)
        z = a[..., None] * x0 + s[..., None] * eps
        y = cx[..., None] * x0 + ce[..., None] * eps
        w = torch.gather(table, 1, (t * WEIGHT_TABLE).round().long().clamp(0, WEIGHT_TABLE))
        per_model = (w * ((stacked_forward(params, z, t) - y) ** 2).sum(-1)).mean(1)
        history[it] = per_model.detach().numpy()
        _check_growth(history, it, specs, config)
        opt.zero_grad(set_to_none=True)
        per_model.sum().backward()
        opt.step()
        if it + 1 == ck:
            snapshot = [(W.detach().clone(), b.detach().clone()) for W, b in params]
    final = [(W.detach(), b.detach()) for W, b in params]
    return Trained(tuple(specs), config, seed, final, snapshot, history, ck)


def train_stack(specs: list[ModelSpec], config: TrainConfig, seed: int = 0, progress: bool = False):
    """Train ``specs`` together; (stacked params, loss history (iterations, M) as NumPy)."""
    tr = train_models(specs, config, seed, progress)
    return tr.params, tr.history


def _to_tensors(tr: Trained) -> dict:
    out = {"history": torch.from_numpy(tr.history)}
    for i, (W, b) in enumerate(tr.params):
        out[f"W{i}"], out[f"b{i}"] = W, b
    for i, (W, b) in enumerate(tr.params_checkpoint):
        out[f"ckW{i}"], out[f"ckb{i}"] = W, b
    return out


def _from_tensors(d: dict, specs, config, seed) -> Trained:
    n = sum(1 for k in d if k.startswith("W"))
    params = [(d[f"W{i}"], d[f"b{i}"]) for i in range(n)]
    ck = [(d[f"ckW{i}"], d[f"ckb{i}"]) for i in range(n)]
    return Trained(tuple(specs), config, seed, params, ck, d["history"].numpy(), checkpoint_iteration(config.iterations))


@lru_cache(maxsize=32)
def trained(specs: tuple, config: TrainConfig, seed: int = 0) -> Trained:
    """``train_models`` through the on-disk cache (``difftheory.cache``) and an in-process LRU: a group of models is
    trained at most once per (specs, config, seed, code), whichever claim or process asks first."""
    from difftheory.cache import cached
    from difftheory.threads import single_thread

    specs = tuple(specs)
    key = {"specs": [s.label() for s in specs], "config": asdict(config), "seed": int(seed),
           "streams": "per-model", "checkpoint_share": CHECKPOINT_SHARE}

    def build():
        with single_thread():
            return _to_tensors(train_models(list(specs), config, seed))

    return _from_tensors(cached("erd-toy-models", key, build, code=CODE), specs, config, seed)


def eval_loss_curve(params, specs: list[ModelSpec], ts, n: int = 2000, seed: int = 1) -> np.ndarray:
    """Unweighted E‖f(z_t, t) − y‖² of each model at each t in ``ts`` (M, T), n common samples per t."""
    ts = np.asarray(ts, float)
    M, T = len(specs), len(ts)
    gen = torch.Generator().manual_seed(seed)
    x0 = sample_gmm_torch(1, T * n, gen).expand(M, -1, -1)
    eps = torch.randn(1, T * n, 2, generator=gen).expand(M, -1, -1)
    t = torch.tensor(np.repeat(ts, n), dtype=torch.float32)[None].expand(M, -1).contiguous()
    a, s, cx, ce = schedule_and_target(specs, t)
    z = a[..., None] * x0 + s[..., None] * eps
    y = cx[..., None] * x0 + ce[..., None] * eps
    with torch.no_grad():
        err = ((stacked_forward(params, z, t) - y) ** 2).sum(-1)
    return err.reshape(M, T, n).mean(-1).double().numpy()
