"""Training erd App. F's toy models: many (target, schedule, weighting, time-bin, seed) models at once, as one
stack of parameters through ``torch.func.vmap`` (Adam is elementwise, so a stack trains exactly as its
models would one at a time, given the same batches).

Time as in erd App. F: t = 0 data, t = 1 noise; each model samples t ~ U(t_lo, t_hi) (global models:
[0, 1]; piecewise models: one bin). Loss per model: mean over the batch of w(t) ‖f(z_t, t) − y‖² (summed
over the 2 dimensions), w normalized to mean 1 over t ~ U(0, 1) (``erd_weights.normalized_weight``).
App. F.1 settings are ``TRAIN_CONFIGS["full"]``: Adam 1e-3, batch 512, 2000 iterations, width 256."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import torch
from tqdm import tqdm

from difftheory.theory.erd_weights import TARGETS, WEIGHTS, normalized_weight, target_coefficients
from difftheory.toy.erd_model import init_mlp, stack_params, stacked_forward
from difftheory.toy.erd_schedules import SCHEDULES, alpha_sigma
from difftheory.toy.gmm import erd_gmm
from difftheory.validate import check_choice, check_float, check_int



T_EPS = 1e-4  # weights are evaluated at t clamped to [T_EPS, 1 − T_EPS] (some are 0·∞ at the endpoints)


@dataclass(frozen=True)
class ModelSpec:
    target: str
    schedule: str
    weighting: str = "uniform"
    t_lo: float = 0.0
    t_hi: float = 1.0
    seed: int = 0

    def __post_init__(self):
        check_choice("target", self.target, TARGETS)
        check_choice("schedule", self.schedule, SCHEDULES)
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
    "quick": TrainConfig(iterations=300, batch=256, width=64),
}

WEIGHT_TABLE = 4096  # weights are tabulated on this many t cells and interpolated


def _init_seed(spec: ModelSpec, seed: int) -> int:
    return zlib.crc32(f"{spec.label()}|{seed}".encode()) & 0x7FFFFFFF


def weight_table(specs: list[ModelSpec], n: int = WEIGHT_TABLE) -> torch.Tensor:
    """(M, n + 1) normalized weights on t = k/n, clamped to [T_EPS, 1 − T_EPS]."""
    grid = np.clip(np.linspace(0.0, 1.0, n + 1), T_EPS, 1 - T_EPS)
    rows = []
    for s in specs:
        fn = normalized_weight(s.weighting, s.target, lambda t, _s=s.schedule: alpha_sigma(_s, t))
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


def schedule_and_target(specs: list[ModelSpec], t: torch.Tensor):
    """α, σ, c_x, c_ε of each model at its times t (M, B) → four (M, B) tensors."""
    a = torch.empty_like(t)
    s = torch.empty_like(t)
    cx = torch.empty_like(t)
    ce = torch.empty_like(t)
    for name in SCHEDULES:
        idx = [i for i, sp in enumerate(specs) if sp.schedule == name]
        if idx:
            a[idx], s[idx] = alpha_sigma(name, t[idx])
    for name in TARGETS:
        idx = [i for i, sp in enumerate(specs) if sp.target == name]
        if idx:
            cxi, cei = target_coefficients(name, a[idx], s[idx])
            cx[idx], ce[idx] = cxi, cei
    return a, s, cx, ce


def train_stack(specs: list[ModelSpec], config: TrainConfig, seed: int = 0, progress: bool = False):
    """Train the models ``specs`` together. Returns (stacked params, loss history (iterations, M) as NumPy).

    Raises RuntimeError naming the model's setting when a loss becomes non-finite."""
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
    opt = torch.optim.Adam(flat, lr=config.lr)
    table = weight_table(specs)
    lo = torch.tensor([s.t_lo for s in specs])[:, None]
    hi = torch.tensor([s.t_hi for s in specs])[:, None]
    gen = torch.Generator().manual_seed(seed)
    history = np.empty((config.iterations, M), dtype=np.float32)
    for it in tqdm(range(config.iterations), desc="erd toy training", disable=not progress, leave=False):
        x0 = sample_gmm_torch(M, config.batch, gen)
        eps = torch.randn(M, config.batch, 2, generator=gen)
        t = lo + (hi - lo) * torch.rand(M, config.batch, generator=gen)
        a, s, cx, ce = schedule_and_target(specs, t)
        z = a[..., None] * x0 + s[..., None] * eps
        y = cx[..., None] * x0 + ce[..., None] * eps
        w = torch.gather(table, 1, (t * WEIGHT_TABLE).round().long().clamp(0, WEIGHT_TABLE))
        per_model = (w * ((stacked_forward(params, z, t) - y) ** 2).sum(-1)).mean(1)
        if not torch.isfinite(per_model).all():
            bad = int(torch.nonzero(~torch.isfinite(per_model))[0, 0])
            raise RuntimeError(f"non-finite training loss at iteration {it} for model {specs[bad].label()} "
                               f"(lr={config.lr}, batch={config.batch}, width={config.width})")
        opt.zero_grad(set_to_none=True)
        per_model.sum().backward()
        opt.step()
        history[it] = per_model.detach().numpy()
    return [(W.detach(), b.detach()) for W, b in params], history


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
