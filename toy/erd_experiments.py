"""erd App. F's experiments on the 2D GMM, each computed once per (scale, seed) (``functools.lru_cache``) and
shared by the claims (``claims_erd_toy.py``) and the figures (``figures/erd_toy.py``).

Time as in erd App. F: t = 0 data, t = 1 noise. ``full`` = App. F.1 settings (width 256, batch 512,
2000 Adam steps); ``quick`` runs the same code with smaller settings (``EXPERIMENT_SCALES``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import torch

from difftheory.theory.erd_weights import TARGETS
from difftheory.theory.targets import n_hat, x_hat
from difftheory.toy import ntk
from difftheory.toy.erd_bayes import floor_curve, signal_and_noise
from difftheory.toy.erd_model import mlp_forward, stacked_forward
from difftheory.toy.erd_schedules import SCHEDULES, alpha_sigma
from difftheory.toy.erd_train import (
    TRAIN_CONFIGS,
    ModelSpec,
    TrainConfig,
    eval_loss_curve,
    schedule_and_target,
    train_stack,
)
from difftheory.threads import single_thread
from difftheory.toy.gmm import erd_gmm
from difftheory.validate import check_choice, check_int
from difftheory.toy.distances import w2

COMPARED_WEIGHTINGS = ("uniform", "erd", "min-snr", "p2")  # erd §4.3 / Fig. 6 (Min-SNR-5, P2 k=1 γ=1)


@dataclass(frozen=True)
class ExperimentScale:
    train: TrainConfig
    n_bins: int = 5  # piecewise models on [b/n, (b+1)/n]
    t_eval: int = 20  # evaluation times (midpoints of t_eval cells)
    n_eval: int = 1000  # samples per evaluation time
    floor_nodes: int = 64
    ntk_n: int = 96  # NTK inputs per t
    ntk_ts: tuple = tuple(np.round(np.linspace(0.05, 0.95, 10), 4))
    gram_n: int = 64
    pca_n: int = 400
    seeds: int = 5
    cmp_schedules: tuple = ("linear",)
    sample_n: int = 500
    sample_steps: int = 50


EXPERIMENT_SCALES = {
    "quick": ExperimentScale(train=TrainConfig(iterations=400, batch=128, width=64)),
    "full": ExperimentScale(train=TRAIN_CONFIGS["full"], t_eval=50, n_eval=4000, floor_nodes=96, ntk_n=300,
                            ntk_ts=tuple(np.round(np.linspace(0.05, 0.95, 19), 4)), gram_n=128, pca_n=800,
                            cmp_schedules=SCHEDULES, sample_n=2000, sample_steps=100),
}

GLOBAL_SPECS = tuple(ModelSpec(tg, sc) for sc in SCHEDULES for tg in TARGETS)


def get_scale(scale: str) -> ExperimentScale:
    return EXPERIMENT_SCALES[check_choice("scale", scale, tuple(EXPERIMENT_SCALES))]


def select(params, idx):
    idx = torch.as_tensor(idx)
    return [(W[idx], b[idx]) for W, b in params]


def t_eval_grid(scale: str) -> np.ndarray:
    T = get_scale(scale).t_eval
    return (np.arange(T) + 0.5) / T


@lru_cache(maxsize=16)
def floors(target: str, schedule: str, scale: str) -> np.ndarray:
    """Summed Bayes floor on the evaluation grid (exact quadrature)."""
    return floor_curve(target, schedule, t_eval_grid(scale), nodes=get_scale(scale).floor_nodes)


@lru_cache(maxsize=4)
@single_thread()
def global_models(scale: str = "quick", seed: int = 0) -> dict:
    """The 12 global models of erd App. F (4 targets × 3 schedules, t ∈ [0, 1]) trained at the scale's settings:
    {"specs": list[ModelSpec], "params": stacked [(W (12, ...), b (12, ...)), ...], "history": (iterations, 12)}.
    The contract the NTK, representation and dynamics claims read."""
    cfg = get_scale(scale)
    seed = check_int("seed", seed, 0, 2**31 - 1)
    params, history = train_stack(list(GLOBAL_SPECS), cfg.train, seed, progress=False)
    return {"specs": list(GLOBAL_SPECS), "params": params, "history": history}


@lru_cache(maxsize=4)
@single_thread()
def global_and_piecewise(scale: str = "quick", seed: int = 0) -> dict:
    """Train the 12 global models (t ∈ [0, 1]) and the 12 × n_bins piecewise models in one stack; evaluate the
    unweighted loss on the t grid (global everywhere, piecewise inside its own bin) beside the exact floor."""
    cfg = get_scale(scale)
    seed = check_int("seed", seed, 0, 2**31 - 1)
    nb = cfg.n_bins
    piece = [ModelSpec(s.target, s.schedule, t_lo=b / nb, t_hi=(b + 1) / nb) for s in GLOBAL_SPECS for b in range(nb)]
    specs = list(GLOBAL_SPECS) + piece
    params, history = train_stack(specs, cfg.train, seed, progress=False)
    G = len(GLOBAL_SPECS)
    ts = t_eval_grid(scale)
    loss_global = eval_loss_curve(select(params, range(G)), list(GLOBAL_SPECS), ts, cfg.n_eval, seed + 1)
    bins = np.minimum((ts * nb).astype(int), nb - 1)
    loss_piece = np.empty_like(loss_global)
    for b in range(nb):
        idx = [G + g * nb + b for g in range(G)]
        cols = np.nonzero(bins == b)[0]
        loss_piece[:, cols] = eval_loss_curve(select(params, idx), [specs[i] for i in idx], ts[cols], cfg.n_eval,
                                              seed + 1)
    floor = np.array([floors(s.target, s.schedule, scale) for s in GLOBAL_SPECS])
    return {"specs": list(GLOBAL_SPECS), "params": select(params, range(G)), "ts": ts, "bins": bins, "n_bins": nb,
            "loss_global": loss_global, "loss_piece": loss_piece, "floor": floor, "history": history}


@single_thread()
def phase_space(ts=None) -> dict:
    """Exact recoverable-signal and Bayes-noise RMS norms sqrt(E‖E[y|z]‖²), sqrt(E‖y − E[y|z]‖²) per target,
    schedule and t (erd Fig. 3 / Fig. 8 axes)."""
    ts = np.linspace(0.0, 1.0, 21) if ts is None else np.asarray(ts, float)
    out = {}
    for sc in SCHEDULES:
        for tg in TARGETS:
            sn = np.array([signal_and_noise(tg, sc, float(t), nodes=64) for t in ts])
            out[(tg, sc)] = np.sqrt(np.clip(sn, 0.0, None))
    return {"ts": ts, "norms": out}


def _inputs_at(schedule: str, t: float, n: int, gen: torch.Generator, dtype=torch.float32):
    """n inputs z_t (sorted by mixture component), their times and component labels."""
    g = erd_gmm()
    per = n // len(g.weights)
    labels = torch.arange(len(g.weights)).repeat_interleave(per)
    x0 = torch.tensor(g.means, dtype=dtype)[labels] + float(g.sds[0]) * torch.randn(len(labels), 2, generator=gen)
    eps = torch.randn(len(labels), 2, generator=gen)
    a, s = alpha_sigma(schedule, t)
    return (float(a) * x0 + float(s) * eps).to(dtype), torch.full((len(labels),), float(t), dtype=dtype), labels


@lru_cache(maxsize=4)
@single_thread()
def ntk_study(scale: str = "quick", seed: int = 0) -> dict:
    """Fixed-noise empirical NTK of each global model on n inputs z_t at each t: top-3 eigenvalues and the
    Shannon effective rank of the full block kernel Θ/n (operator on the empirical measure), and the normalized
    output-traced Gram at t = 0.05 and 0.95 (inputs sorted by mixture component)."""
    cfg = get_scale(scale)
    gp = global_and_piecewise(scale, seed)
    ts = np.array(cfg.ntk_ts)
    top3 = np.zeros((len(gp["specs"]), len(ts), 3))
    erank = np.zeros((len(gp["specs"]), len(ts)))
    grams = {}
    for m, spec in enumerate(gp["specs"]):
        p = [(W[m].double(), b[m].double()) for W, b in gp["params"]]
        for j, t in enumerate(ts):
            gen = torch.Generator().manual_seed(seed + 7 + j)
            z, tt, _ = _inputs_at(spec.schedule, float(t), cfg.ntk_n, gen, torch.float64)
            vals = ntk.eigenvalues(ntk.ntk_structured(p, z, tt)) / len(z)
            top3[m, j] = vals[:3]
            erank[m, j] = ntk.effective_rank(vals)
        for t in (0.05, 0.95):
            gen = torch.Generator().manual_seed(seed + 11)
            z, tt, labels = _inputs_at(spec.schedule, t, cfg.gram_n, gen, torch.float64)
            grams[(spec.target, spec.schedule, t)] = (ntk.normalized_gram(ntk.ntk_structured(p, z, tt, kind="trace"))
                                                      .numpy(), labels.numpy())
    return {"specs": gp["specs"], "ts": ts, "top3": top3, "erank": erank, "grams": grams}


def block_contrast(gram: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(mean within-component cosine − mean between-component cosine, mean off-diagonal cosine)."""
    same = labels[:, None] == labels[None, :]
    off = ~np.eye(len(labels), dtype=bool)
    within = gram[same & off].mean()
    between = gram[~same].mean()
    return float(within - between), float(gram[off].mean())


def separability(points: np.ndarray, labels: np.ndarray) -> float:
    """Between-cluster share of the total variance, tr S_B / tr S_T ∈ [0, 1]."""
    mu = points.mean(0)
    total = ((points - mu) ** 2).sum()
    between = sum((labels == k).sum() * ((points[labels == k].mean(0) - mu) ** 2).sum() for k in np.unique(labels))
    return float(between / total)


@lru_cache(maxsize=4)
@single_thread()
def representations(scale: str = "quick", seed: int = 0, ts: tuple = (0.1, 0.4, 0.7, 0.9)) -> dict:
    """Last hidden layer h_θ(z_t, t) of each global model at the four times of erd Fig. 9, projected on the PCA
    basis fitted at the first time (t = 0.1); the same x0 and ε at every t. Also the separability of the
    projected h and of the raw input z_t (what any predictor could at best preserve)."""
    cfg = get_scale(scale)
    gp = global_and_piecewise(scale, seed)
    out = {}
    for m, spec in enumerate(gp["specs"]):
        p = [(W[m], b[m]) for W, b in gp["params"]]
        gen = torch.Generator().manual_seed(seed + 23)
        g = erd_gmm()
        per = cfg.pca_n // 4
        labels = torch.arange(4).repeat_interleave(per)
        x0 = torch.tensor(g.means, dtype=torch.float32)[labels] + 0.3 * torch.randn(len(labels), 2, generator=gen)
        eps = torch.randn(len(labels), 2, generator=gen)
        hs, zs = [], []
        for t in ts:
            a, s = alpha_sigma(spec.schedule, t)
            z = float(a) * x0 + float(s) * eps
            with torch.no_grad():
                _, h = mlp_forward(p, z, torch.full((len(z),), float(t)), return_hidden=True)
            hs.append(h.double().numpy())
            zs.append(z.double().numpy())
        center = hs[0].mean(0)
        _, _, Vt = np.linalg.svd(hs[0] - center, full_matrices=False)
        proj = [(h - center) @ Vt[:2].T for h in hs]
        lab = labels.numpy()
        out[(spec.target, spec.schedule)] = {
            "proj": proj,
            "labels": lab,
            "rms": [float(np.sqrt((q**2).sum(1).mean())) for q in proj],
            "sep_h": [separability(q, lab) for q in proj],
            "sep_input": [separability(z, lab) for z in zs],
        }
    return {"ts": ts, "by_model": out}


def ddim_sample(params, specs: list[ModelSpec], n: int, steps: int, seed: int, t_start: float = 0.999) -> torch.Tensor:
    """Deterministic DDIM sampler from t_start to 0 (t = 0 data): x̂0, ε̂ from the predicted target by the general
    conversion (kdiff Eq. 18 via ``targets.x_hat`` / ``n_hat``), z ← α' x̂0 + σ' ε̂. Returns (M, n, 2)."""
    M = len(specs)
    gen = torch.Generator().manual_seed(seed)
    ts = np.linspace(t_start, 0.0, steps + 1)
    t0 = torch.full((M, n), float(ts[0]))
    a0, s0, _, _ = schedule_and_target(specs, t0)
    z = s0[..., None] * torch.randn(1, n, 2, generator=gen).expand(M, -1, -1)
    with torch.no_grad():
        for t, t_next in zip(ts[:-1], ts[1:]):
            tt = torch.full((M, n), float(t))
            a, s, cx, ce = schedule_and_target(specs, tt)
            yhat = stacked_forward(params, z, tt)
            a, s, cx, ce = (v[..., None] for v in (a, s, cx, ce))
            xh = x_hat(z, yhat, a, s, cx, ce)
            nh = n_hat(z, yhat, a, s, cx, ce)
            a2, s2, _, _ = schedule_and_target(specs, torch.full((M, n), float(t_next)))
            z = a2[..., None] * xh + s2[..., None] * nh
    return z


@lru_cache(maxsize=4)
@single_thread()
def weighting_comparison(scale: str = "quick", seed: int = 0) -> dict:
    """erd's main claim at toy scale: ERD vs uniform, Min-SNR-5, P2 (same MLP, targets, schedules, iterations),
    ``seeds`` independent seeds. Per model: W2 of DDIM samples to fresh data, and the loss excess over the exact
    floor per t bin."""
    cfg = get_scale(scale)
    specs = [ModelSpec(tg, sc, w, seed=k) for k in range(cfg.seeds) for sc in cfg.cmp_schedules for tg in TARGETS
             for w in COMPARED_WEIGHTINGS]
    params, _ = train_stack(specs, cfg.train, seed + 1000, progress=False)
    samples = ddim_sample(params, specs, cfg.sample_n, cfg.sample_steps, seed + 2000).double().numpy()
    rng = np.random.default_rng(seed + 3000)
    g = erd_gmm()
    fresh = {k: g.sample(cfg.sample_n, rng) for k in range(cfg.seeds)}
    ref = [w2(g.sample(cfg.sample_n, rng), fresh[k]) for k in range(cfg.seeds)]  # estimator floor: data vs data
    w2s = np.array([w2(samples[i], fresh[s.seed]) for i, s in enumerate(specs)])
    ts = t_eval_grid(scale)
    loss = eval_loss_curve(params, specs, ts, max(cfg.n_eval // 2, 1), seed + 4000)
    floor = np.array([floors(s.target, s.schedule, scale) for s in specs])
    excess = loss - floor
    nb = cfg.n_bins
    bins = np.minimum((ts * nb).astype(int), nb - 1)
    excess_bins = np.stack([excess[:, bins == b].mean(1) for b in range(nb)], 1)
    return {"specs": specs, "w2": w2s, "w2_data_vs_data": np.array(ref), "excess": excess, "excess_bins": excess_bins,
            "ts": ts, "samples": samples, "n_bins": nb}


def paired_summary(values: np.ndarray, specs: list[ModelSpec], seeds: int) -> dict:
    """Per weighting: the per-seed mean over (target, schedule), its mean and 95 % t-interval across seeds;
    and ERD's paired difference to each baseline."""
    from scipy import stats

    per_seed = {w: np.array([np.mean([v for v, s in zip(values, specs) if s.weighting == w and s.seed == k])
                             for k in range(seeds)]) for w in COMPARED_WEIGHTINGS}

    def ci(x):
        h = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x)) if len(x) > 1 else float("nan")
        return [float(x.mean()), float(x.mean() - h), float(x.mean() + h)]

    out = {w: ci(v) for w, v in per_seed.items()}
    diffs = {f"erd-{w}": ci(per_seed["erd"] - per_seed[w]) for w in COMPARED_WEIGHTINGS if w != "erd"}
    return {"by_weighting": out, "erd_minus": diffs}
