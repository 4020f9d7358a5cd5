"""erd App. F's experiments on the 2D GMM: the trained models, and the measurements the claims
(``claims_erd_toy.py``, ``claims_erd_fig7.py``, ``claims_erd_ntk.py``, ``claims_erd_weighting.py``) and the figures
(``figures/erd_toy.py``) read.

Models are trained once per (specs, settings, seed, code) and shared — on disk (``difftheory/cache.py``) and in
memory — in four disjoint groups, each trained only when a claim that reads it runs:

- ``global``: the 12 global models of App. F (4 targets × 3 schedules, t ∈ [0, 1], uniform weighting, replicate 0)
  — the NTK, representation, Fig. 7 and dynamics claims;
- ``replicates``: the global model of the replicated *cell* (ε on the GVP = cosine schedule, the schedule and one
  of the targets of erd §4.3 / Fig. 6) for replicates 1 … seeds − 1, so that the cell has ``seeds`` independent
  global models (replicate 0 is the ``global`` one);
- ``piecewise``: the cell's piecewise models (``n_bins`` time bins × ``seeds`` replicates) — Fig. 7's comparison;
- ``weighting``: the cell trained with ERD, Min-SNR-5 and P2 weights (× ``seeds``) — the main claim at toy scale;
  its uniform models are the cell's global models;
- ``compute_matched``: the cell's global models (× ``seeds``) trained ``n_bins`` times longer, as many gradient steps as
  its ``n_bins`` piecewise models together — App. F.2's "not a capacity deficit" against a compute-matched control.

Every model keeps its parameters after 80 % of training too (the drift test of ``decide.settled``).

Time as in erd App. F: t = 0 data, t = 1 noise. ``full`` = App. F.1 settings (width 256, batch 512, 2000 Adam
steps, lr 1e-3); ``quick`` runs the same code with smaller settings (``EXPERIMENT_SCALES``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import torch

from difftheory.theory.gmm import erd_gmm
from difftheory.theory.schedules import ERD_SCHEDULES, erd_schedule
from difftheory.theory.target_conversions import ERD_TARGETS, erd_target_coefficients, n_hat, x_hat
from difftheory.threads import single_thread
from difftheory.toy import ntk
from difftheory.toy.distances import w2
from difftheory.toy.erd_gmm_floor import bayes_predictor, floor_curve, signal_and_noise
from difftheory.toy.erd_model import init_mlp, mlp_forward, stacked_forward
from difftheory.toy.erd_train import TRAIN_CONFIGS, ModelSpec, TrainConfig, schedule_and_target, trained
from difftheory.validate import check_choice, check_int

COMPARED_WEIGHTINGS = ("uniform", "erd", "min-snr", "p2")  # erd §4.3 / Fig. 6 (Min-SNR-5, P2 k=1 γ=1)
APP_F = TrainConfig()  # erd App. F.1: width 256, 3 hidden layers, batch 512, 2000 Adam steps at lr 1e-3


@dataclass(frozen=True)
class ExperimentScale:
    train: TrainConfig
    seeds: int = 5  # independent replicates of the cell (verdicts that compare means need >= 5)
    cell: tuple = ("eps", "gvp")  # (target, schedule) replicated for Fig. 7's comparison and the weighting claim
    n_bins: int = 5  # piecewise models on [b/n, (b+1)/n] (App. F.1: "e.g. t ∈ [0.0, 0.2]")
    t_eval: int = 20  # evaluation times (midpoints of t_eval cells)
    n_eval: int = 1000  # samples per evaluation time
    floor_nodes: int = 96  # Gauss–Hermite nodes per dimension for the exact floors
    ntk_n: int = 96  # NTK inputs per t
    ntk_ts: tuple = tuple(np.round(np.linspace(0.05, 0.95, 10), 4))
    gram_n: int = 64
    rep_n: int = 2000  # representation samples per t (half fit the PCA / probe, half test it)
    rep_ts: tuple = (0.1, 0.4, 0.7, 0.9)  # erd Fig. 9
    sample_n: int = 500
    sample_steps: int = 50
    bootstrap: int = 200  # resamples for the sampling intervals of one model's statistics


EXPERIMENT_SCALES = {
    "quick": ExperimentScale(train=TRAIN_CONFIGS["quick"]),
    "full": ExperimentScale(train=APP_F, t_eval=50, n_eval=2000, ntk_n=300,
                            ntk_ts=tuple(np.round(np.linspace(0.05, 0.95, 19), 4)), gram_n=128, rep_n=4000,
                            sample_n=1000, sample_steps=100),
}

GLOBAL_SPECS = tuple(ModelSpec(tg, sc) for sc in ERD_SCHEDULES for tg in ERD_TARGETS)


def get_scale(scale: str) -> ExperimentScale:
    return EXPERIMENT_SCALES[check_choice("scale", scale, tuple(EXPERIMENT_SCALES))]


def app_f_settings(scale: str) -> bool:
    """True when the scale trains with App. F.1's own settings (only then do its verdicts speak for App. F)."""
    return get_scale(scale).train == APP_F


def model_key(spec: ModelSpec) -> str:
    """"target/schedule" of a global model, with "/replicateK" for the cell's replicates K ≥ 1."""
    return f"{spec.target}/{spec.schedule}" + (f"/replicate{spec.seed}" if spec.seed else "")


def select(params, idx):
    idx = torch.as_tensor(list(idx))
    return [(W[idx], b[idx]) for W, b in params]


def one(params, m: int, dtype=None):
    """Model m of a stack as a plain parameter list (optionally cast)."""
    return [(W[m] if dtype is None else W[m].to(dtype), b[m] if dtype is None else b[m].to(dtype)) for W, b in params]


def t_eval_grid(scale: str) -> np.ndarray:
    T = get_scale(scale).t_eval
    return (np.arange(T) + 0.5) / T


def bins_of(ts: np.ndarray, n_bins: int) -> np.ndarray:
    return np.minimum((np.asarray(ts) * n_bins).astype(int), n_bins - 1)


@lru_cache(maxsize=32)
def floors(target: str, schedule: str, scale: str) -> np.ndarray:
    """Summed Bayes floor on the evaluation grid (exact quadrature)."""
    return floor_curve(target, schedule, t_eval_grid(scale), nodes=get_scale(scale).floor_nodes)


# ----------------------------------------------------------------------------------------- model groups
def cell_specs(scale: str, weighting: str = "uniform") -> list[ModelSpec]:
    """The cell's global models with ``weighting``, replicates 0 … seeds − 1."""
    cfg = get_scale(scale)
    tg, sc = cfg.cell
    return [ModelSpec(tg, sc, weighting, seed=k) for k in range(cfg.seeds)]


def group_specs(name: str, scale: str) -> tuple:
    cfg = get_scale(scale)
    tg, sc = cfg.cell
    S, nb = cfg.seeds, cfg.n_bins
    if name == "global":
        return GLOBAL_SPECS
    if name == "replicates":
        return tuple(ModelSpec(tg, sc, seed=k) for k in range(1, S))
    if name == "piecewise":
        return tuple(ModelSpec(tg, sc, t_lo=b / nb, t_hi=(b + 1) / nb, seed=k) for k in range(S) for b in range(nb))
    if name == "weighting":
        return tuple(ModelSpec(tg, sc, w, seed=k) for k in range(S) for w in COMPARED_WEIGHTINGS if w != "uniform")
    if name == "compute_matched":
        return tuple(ModelSpec(tg, sc, seed=k) for k in range(S))
    raise ValueError(f"group must be one of global, replicates, piecewise, weighting, compute_matched; got {name!r}")


def group_config(name: str, scale: str) -> TrainConfig:
    """The training settings of a group: the scale's, except ``compute_matched`` (n_bins × the iterations)."""
    cfg = get_scale(scale)
    if name == "compute_matched":
        return replace(cfg.train, iterations=cfg.train.iterations * cfg.n_bins)
    return cfg.train


def group(name: str, scale: str, seed: int = 0):
    """The trained group (``erd_train.Trained``), from the cache or trained now."""
    seed = check_int("seed", seed, 0, 2**31 - 1)
    return trained(group_specs(name, scale), group_config(name, scale), seed)


@lru_cache(maxsize=4)
def global_models(scale: str = "quick", seed: int = 0) -> dict:
    """The 12 global models of erd App. F (4 targets × 3 schedules, t ∈ [0, 1]) trained at the scale's settings:
    {"specs": list[ModelSpec], "params": stacked [(W (12, ...), b (12, ...)), ...], "history": (iterations, 12),
    "params_checkpoint": the same after 80 % of the iterations, "checkpoint_iteration", "config"}.
    The one source of these models for every claim (NTK, representations, Fig. 7, dynamics); trained once,
    disk-cached."""
    tr = group("global", scale, seed)
    return {"specs": list(tr.specs), "params": tr.params, "history": tr.history,
            "params_checkpoint": tr.params_checkpoint, "checkpoint_iteration": tr.checkpoint_iteration,
            "config": tr.config}


def stack_of(specs: list[ModelSpec], scale: str, seed: int = 0, groups: tuple = ()) -> dict:
    """Parameters (final and 80 %), histories of ``specs`` gathered from the named groups (in that order of
    training requests)."""
    found = {}
    for name in groups:
        tr = global_models(scale, seed) if name == "global" else None
        if tr is None:
            g = group(name, scale, seed)
            items = (list(g.specs), g.params, g.params_checkpoint, g.history)
        else:
            items = (tr["specs"], tr["params"], tr["params_checkpoint"], tr["history"])
        for m, s in enumerate(items[0]):
            if s in specs and s not in found:
                found[s] = (one(items[1], m), one(items[2], m), items[3][:, m])
    missing = [s.label() for s in specs if s not in found]
    if missing:
        raise ValueError(f"models {missing} are in none of the groups {groups}")
    rows = [found[s] for s in specs]

    def stack(i):
        return [(torch.stack([r[i][L][0] for r in rows]), torch.stack([r[i][L][1] for r in rows]))
                for L in range(len(rows[0][i]))]

    return {"specs": list(specs), "params": stack(0), "params_checkpoint": stack(1),
            "history": np.stack([r[2] for r in rows], 1)}


# ----------------------------------------------------------------------------------------- evaluation
@single_thread()
def evaluate(params, specs: list[ModelSpec], ts, n: int, seed: int) -> dict:
    """Per model and t: the unweighted loss E‖f − y‖², the excess over the Bayes floor measured directly as
    E‖f − E[y|z_t]‖² (Lemma C.1: loss = floor + excess; the direct form has no floor noise and is ≥ 0) and its
    standard error, on n common samples per t: the same x0, ε for every model and for every call at that t (the
    samples are seeded by (seed, t)), so excesses of different model sets are paired."""
    ts = np.asarray(ts, float)
    M, T = len(specs), len(ts)
    g = erd_gmm()
    loss, excess, se = np.zeros((M, T)), np.zeros((M, T)), np.zeros((M, T))
    for j, t in enumerate(ts):
        rng = np.random.default_rng([seed, int(round(float(t) * 1e9))])
        x0 = g.sample(n, rng)
        eps = rng.standard_normal((n, 2))
        z = np.zeros((M, n, 2))
        y = np.zeros((M, n, 2))
        fs = np.zeros((M, n, 2))
        for key in {(s.target, s.schedule) for s in specs}:
            idx = [m for m, s in enumerate(specs) if (s.target, s.schedule) == key]
            a, sg = erd_schedule(key[1]).alpha_sigma(float(t))
            cx, ce = erd_target_coefficients(key[0], a, sg)
            zz = a * x0 + sg * eps
            z[idx], y[idx] = zz, cx * x0 + ce * eps
            fs[idx] = bayes_predictor(key[0], key[1], float(t), zz)
        with torch.no_grad():
            f = stacked_forward(params, torch.as_tensor(z, dtype=torch.float32),
                                torch.full((M, n), float(t))).double().numpy()
        e_y = ((f - y) ** 2).sum(-1)
        e_f = ((f - fs) ** 2).sum(-1)
        loss[:, j] = e_y.mean(1)
        excess[:, j] = e_f.mean(1)
        se[:, j] = e_f.std(1, ddof=1) / np.sqrt(n)
    return {"loss": loss, "excess": excess, "excess_se": se}


@lru_cache(maxsize=4)
def global_curves(scale: str = "quick", seed: int = 0) -> dict:
    """Fig. 7 (top rows): loss, exact floor and excess of the 12 global models on the t grid, final and at 80 %."""
    cfg = get_scale(scale)
    gm = global_models(scale, seed)
    ts = t_eval_grid(scale)
    fin = evaluate(gm["params"], gm["specs"], ts, cfg.n_eval, seed + 1)
    ck = evaluate(gm["params_checkpoint"], gm["specs"], ts, cfg.n_eval, seed + 1)
    floor = np.array([floors(s.target, s.schedule, scale) for s in gm["specs"]])
    return {"specs": gm["specs"], "ts": ts, "floor": floor, **fin, "excess_checkpoint": ck["excess"]}


@lru_cache(maxsize=4)
def cell_curves(scale: str = "quick", seed: int = 0) -> dict:
    """Fig. 7 (bottom rows) on the replicated cell: per replicate the global model's excess on the t grid and
    the piecewise models' excess inside their own bins, final and at 80 % of training."""
    cfg = get_scale(scale)
    ts = t_eval_grid(scale)
    nb, S = cfg.n_bins, cfg.seeds
    bins = bins_of(ts, nb)
    pw = group("piecewise", scale, seed)
    glob = stack_of(cell_specs(scale), scale, seed, ("replicates", "global"))
    out = {"ts": ts, "bins": bins, "n_bins": nb, "seeds": S, "cell": cfg.cell,
           "floor": floors(cfg.cell[0], cfg.cell[1], scale)}
    for tag, key in (("", "params"), ("_checkpoint", "params_checkpoint")):
        g = evaluate(glob[key], glob["specs"], ts, cfg.n_eval, seed + 1)
        piece = np.zeros((S, len(ts)))
        piece_loss = np.zeros((S, len(ts)))
        params = pw.params if key == "params" else pw.params_checkpoint
        for b in range(nb):
            idx = [m for m, s in enumerate(pw.specs) if round(s.t_lo * nb) == b]
            cols = np.nonzero(bins == b)[0]
            e = evaluate(select(params, idx), [pw.specs[m] for m in idx], ts[cols], cfg.n_eval, seed + 1)
            order = [pw.specs[m].seed for m in idx]
            piece[np.ix_(order, cols)] = e["excess"]
            piece_loss[np.ix_(order, cols)] = e["loss"]
        out[f"excess_global{tag}"] = g["excess"]
        out[f"excess_piecewise{tag}"] = piece
        if not tag:
            out["loss_global"], out["loss_piecewise"] = g["loss"], piece_loss
    out["history_global"] = glob["history"]
    out["history_piecewise"] = pw.history
    return out


@lru_cache(maxsize=4)
def compute_matched_curves(scale: str = "quick", seed: int = 0) -> dict:
    """The cell's compute-matched global models (``compute_matched`` group) on the same t grid and samples as
    ``cell_curves``: excess per replicate and t, final and at 80 % of training."""
    cfg = get_scale(scale)
    ts = t_eval_grid(scale)
    cm = group("compute_matched", scale, seed)
    order = np.argsort([s.seed for s in cm.specs])
    out = {"iterations": group_config("compute_matched", scale).iterations}
    for tag, params in (("", cm.params), ("_checkpoint", cm.params_checkpoint)):
        out[f"excess{tag}"] = evaluate(params, list(cm.specs), ts, cfg.n_eval, seed + 1)["excess"][order]
    return out


# ----------------------------------------------------------------------------------------- exact phase space
@single_thread()
def phase_space(ts=None, nodes: int = 96) -> dict:
    """Exact recoverable-signal and Bayes-noise RMS norms sqrt(E‖E[y|z]‖²), sqrt(E‖y − E[y|z]‖²) per target,
    schedule and t (erd Fig. 3 / Fig. 8 axes)."""
    ts = np.linspace(0.0, 1.0, 21) if ts is None else np.asarray(ts, float)
    out = {}
    for sc in ERD_SCHEDULES:
        for tg in ERD_TARGETS:
            sn = np.array([signal_and_noise(tg, sc, float(t), nodes=nodes) for t in ts])
            out[(tg, sc)] = np.sqrt(np.clip(sn, 0.0, None))
    return {"ts": ts, "norms": out}


# ----------------------------------------------------------------------------------------- NTK
def _inputs_at(schedule: str, t: float, n: int, gen: torch.Generator, dtype=torch.float32):
    """n inputs z_t (sorted by mixture component), their times and component labels."""
    g = erd_gmm()
    per = n // len(g.weights)
    labels = torch.arange(len(g.weights)).repeat_interleave(per)
    x0 = torch.tensor(g.means, dtype=dtype)[labels] + float(g.sds[0]) * torch.randn(len(labels), 2, generator=gen,
                                                                                   dtype=dtype)
    eps = torch.randn(len(labels), 2, generator=gen, dtype=dtype)
    a, s = erd_schedule(schedule).alpha_sigma(t)
    return (float(a) * x0 + float(s) * eps).to(dtype), torch.full((len(labels),), float(t), dtype=dtype), labels


def homogenised_rank(K: torch.Tensor, outputs: int) -> float:
    """Effective rank the kernel would have if it were perfectly homogenised: Θ_(i,o),(j,p) = Ḡ_op for all i, j, with
    Ḡ the mean diagonal O×O block. Then Θ = 1 1ᵀ ⊗ Ḡ has eigenvalues n·eig(Ḡ), so its Shannon effective rank is
    erank(Ḡ) ∈ [1, O] (≈ O = 2 here: the head's gradients for the two outputs are orthogonal)."""
    n = K.shape[0] // outputs
    blocks = K.reshape(n, outputs, n, outputs).diagonal(dim1=0, dim2=2)  # (O, O, n)
    return ntk.effective_rank(ntk.eigenvalues(blocks.mean(-1)))


def _spectrum(p, schedule: str, t: float, n: int, gen_seed: int) -> dict:
    """κ1..κ3 and the effective rank of Θ/n on n inputs z_t, the homogenised reference, and κ1 of the two
    half-samples' kernels (their diagonal blocks) as a sampling-noise estimate."""
    gen = torch.Generator().manual_seed(gen_seed)
    z, tt, _ = _inputs_at(schedule, t, n, gen, torch.float64)
    order = torch.randperm(len(z), generator=gen)
    z, tt = z[order], tt[order]
    K = ntk.ntk_structured(p, z, tt)
    O = K.shape[0] // len(z)
    vals = ntk.eigenvalues(K) / len(z)
    h = (len(z) // 2) * O
    halves = [ntk.eigenvalues(K[:h, :h]) / (h // O), ntk.eigenvalues(K[h:, h:]) / (len(z) - h // O)]
    return {"top3": vals[:3], "erank": ntk.effective_rank(vals), "erank_hom": homogenised_rank(K, O),
            "kappa1_halves": np.array([v[0] for v in halves]),
            "erank_halves": np.array([ntk.effective_rank(v) for v in halves])}


def block_contrast(gram: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(mean within-component cosine − mean between-component cosine, mean off-diagonal cosine)."""
    same = labels[:, None] == labels[None, :]
    off = ~np.eye(len(labels), dtype=bool)
    within = gram[same & off].mean()
    between = gram[~same].mean()
    return float(within - between), float(gram[off].mean())


def _gram_stats(p, schedule: str, t: float, n: int, gen_seed: int) -> dict:
    gen = torch.Generator().manual_seed(gen_seed)
    z, tt, labels = _inputs_at(schedule, t, n, gen, torch.float64)
    G = ntk.normalized_gram(ntk.ntk_structured(p, z, tt, kind="trace")).numpy()
    contrast, mean_cos = block_contrast(G, labels.numpy())
    vals = np.clip(np.linalg.eigvalsh(0.5 * (G + G.T)), 0, None)
    return {"gram": G, "labels": labels.numpy(), "contrast": contrast, "mean_cosine": mean_cos,
            "top_share": float(vals[-1] / vals.sum())}


@lru_cache(maxsize=4)
@single_thread()
def ntk_study(scale: str = "quick", seed: int = 0) -> dict:
    """Fixed-noise empirical NTK (float64) of the 12 global models and of the cell's replicates, at each t of
    ``ntk_ts`` on n inputs z_t: top-3 eigenvalues and Shannon effective rank of Θ/n with its homogenised reference,
    for the final parameters and those after 80 % of training (drift), with κ1 of the two half-samples (sampling
    noise); and the normalized output-traced Gram at t = 0.05 and 0.95 (inputs sorted by component) for the final
    (two input draws), 80 % and untrained (initial) parameters, keyed by (``model_key``, t, which)."""
    cfg = get_scale(scale)
    gm = global_models(scale, seed)
    rep = group("replicates", scale, seed)
    specs = list(gm["specs"]) + list(rep.specs)
    finals = [one(gm["params"], m, torch.float64) for m in range(len(gm["specs"]))] + \
             [one(rep.params, m, torch.float64) for m in range(len(rep.specs))]
    ckpts = [one(gm["params_checkpoint"], m, torch.float64) for m in range(len(gm["specs"]))] + \
            [one(rep.params_checkpoint, m, torch.float64) for m in range(len(rep.specs))]
    ts = np.array(cfg.ntk_ts)
    M, T = len(specs), len(ts)
    out = {k: np.zeros((M, T, 3)) for k in ("top3", "top3_checkpoint")}
    out.update({k: np.zeros((M, T)) for k in ("erank", "erank_checkpoint", "erank_hom", "erank_hom_checkpoint")})
    out["kappa1_halves"] = np.zeros((M, T, 2))
    out["erank_halves"] = np.zeros((M, T, 2))
    grams = {}
    for m, spec in enumerate(specs):
        for j, t in enumerate(ts):
            s = _spectrum(finals[m], spec.schedule, float(t), cfg.ntk_n, seed + 7 + j)
            c = _spectrum(ckpts[m], spec.schedule, float(t), cfg.ntk_n, seed + 7 + j)
            out["top3"][m, j], out["erank"][m, j], out["erank_hom"][m, j] = s["top3"], s["erank"], s["erank_hom"]
            out["kappa1_halves"][m, j], out["erank_halves"][m, j] = s["kappa1_halves"], s["erank_halves"]
            out["top3_checkpoint"][m, j], out["erank_checkpoint"][m, j] = c["top3"], c["erank"]
            out["erank_hom_checkpoint"][m, j] = c["erank_hom"]
        init = [(W.double(), b.double()) for W, b in
                init_mlp(cfg.train.width, cfg.train.depth, generator=torch.Generator().manual_seed(seed + 31 + m))]
        for t in (0.05, 0.95):
            for tag, p, gs in (("final", finals[m], seed + 11), ("final_draw_b", finals[m], seed + 12),
                               ("checkpoint", ckpts[m], seed + 11), ("init", init, seed + 11)):
                grams[(model_key(spec), t, tag)] = _gram_stats(p, spec.schedule, t, cfg.gram_n, gs)
    return {"specs": specs, "ts": ts, "grams": grams, **out}


# ----------------------------------------------------------------------------------------- representations
def separability(points: np.ndarray, labels: np.ndarray) -> float:
    """Between-cluster share of the total variance, tr S_B / tr S_T ∈ [0, 1]."""
    mu = points.mean(0)
    total = ((points - mu) ** 2).sum()
    between = sum((labels == k).sum() * ((points[labels == k].mean(0) - mu) ** 2).sum() for k in np.unique(labels))
    return float(between / total)


LDA_SHRINK = 0.1  # ridge share of the mean variance added to the pooled covariance: 256-dim h from 1000-2000 samples


def lda_predict(train_x, train_y, test_x, shrink: float = LDA_SHRINK) -> np.ndarray:
    """Linear discriminant (pooled covariance with ridge ``shrink`` × mean variance): a linear probe."""
    classes = np.unique(train_y)
    mu = np.array([train_x[train_y == k].mean(0) for k in classes])
    resid = train_x - mu[np.searchsorted(classes, train_y)]
    cov = resid.T @ resid / max(len(train_x) - len(classes), 1)
    cov = cov + shrink * np.trace(cov) / cov.shape[0] * np.eye(cov.shape[0])
    W = np.linalg.solve(cov, mu.T)  # (d, K)
    scores = test_x @ W - 0.5 * np.sum(mu.T * W, 0)
    return classes[np.argmax(scores, 1)]


def _rep_stats(p, schedule: str, ts, n: int, seed: int, B: int) -> dict:
    """Fig. 9 on one model: h at each t for the same (x0, ε), PCA fitted on the t = ts[0] training half; per t the
    RMS radius and between-cluster share on that plane, and linear-probe accuracies on h and on z_t (test half),
    with bootstrap replicates over the test half."""
    gen = torch.Generator().manual_seed(seed)
    g = erd_gmm()
    labels = torch.arange(4).repeat_interleave(n // 4)
    x0 = torch.tensor(g.means, dtype=torch.float32)[labels] + float(g.sds[0]) * torch.randn(len(labels), 2, generator=gen)
    eps = torch.randn(len(labels), 2, generator=gen)
    lab = labels.numpy()
    perm = torch.randperm(len(lab), generator=gen).numpy()
    tr, te = perm[: len(lab) // 2], perm[len(lab) // 2:]
    rng = np.random.default_rng(seed)
    boot = rng.integers(0, len(te), (B, len(te)))
    hs, zs = [], []
    for t in ts:
        a, s = erd_schedule(schedule).alpha_sigma(t)
        z = float(a) * x0 + float(s) * eps
        with torch.no_grad():
            _, h = mlp_forward(p, z, torch.full((len(z),), float(t)), return_hidden=True)
        hs.append(h.double().numpy())
        zs.append(z.double().numpy())
    center = hs[0][tr].mean(0)
    _, _, Vt = np.linalg.svd(hs[0][tr] - center, full_matrices=False)
    out = {"proj": [], "rms": [], "sep": [], "acc_h": [], "acc_z": [], "rms_boot": [], "gap_boot": [], "sep_boot": []}
    for h, z in zip(hs, zs):
        q = (h - center) @ Vt[:2].T
        r2 = (q[te] ** 2).sum(1)
        ok_h = lda_predict(h[tr], lab[tr], h[te]) == lab[te]
        ok_z = lda_predict(z[tr], lab[tr], z[te]) == lab[te]
        out["proj"].append(q[te])
        out["rms"].append(float(np.sqrt(r2.mean())))
        out["sep"].append(separability(q[te], lab[te]))
        out["acc_h"].append(float(ok_h.mean()))
        out["acc_z"].append(float(ok_z.mean()))
        out["rms_boot"].append(np.sqrt(r2[boot].mean(1)))
        out["gap_boot"].append(ok_z[boot].mean(1) - ok_h[boot].mean(1))
        out["sep_boot"].append(np.array([separability(q[te][i], lab[te][i]) for i in boot]))
    out["labels"] = lab[te]
    return out


@lru_cache(maxsize=4)
@single_thread()
def representations(scale: str = "quick", seed: int = 0) -> dict:
    """erd Fig. 9 for the 12 global models and the cell's replicates (final and 80 % parameters): PCA-plane radius
    and separability at ``rep_ts``, linear-probe accuracy on h vs on z_t (same probe, same test samples), bootstrap
    replicates; keyed by ``model_key``."""
    cfg = get_scale(scale)
    gm = global_models(scale, seed)
    rep = group("replicates", scale, seed)
    models = [(s, one(gm["params"], m), one(gm["params_checkpoint"], m)) for m, s in enumerate(gm["specs"])] + \
             [(s, one(rep.params, m), one(rep.params_checkpoint, m)) for m, s in enumerate(rep.specs)]
    out = {}
    for spec, fin_p, ck_p in models:
        fin = _rep_stats(fin_p, spec.schedule, cfg.rep_ts, cfg.rep_n, seed + 23, cfg.bootstrap)
        ck = _rep_stats(ck_p, spec.schedule, cfg.rep_ts, cfg.rep_n, seed + 23, cfg.bootstrap)
        out[model_key(spec)] = {"final": fin, "checkpoint": ck, "spec": spec}
    return {"ts": cfg.rep_ts, "by_model": out, "cell": "/".join(cfg.cell)}


# ----------------------------------------------------------------------------------------- weighting comparison
# The sampler starts where the signal α is 2 % of the noise σ (log-SNR −7.8): there N(0, σ² I) misses the true marginal
# by W2 ≤ α (E‖x0‖²)^½ ≈ 0.06, below the W2 estimator floor, while an ε-model's error reaches x̂0 = (z − σε̂)/α
# amplified by σ/α = 50 (at t = 0.999 on the cosine schedule, α = 0.0016: by 640, which swamps every weighting).
START_SIGNAL = 0.02


def start_time(schedule: str, ratio: float = START_SIGNAL) -> float:
    """The t at which α/σ = ``ratio`` (α/σ falls from ∞ at t = 0; bisection)."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        a, s = erd_schedule(schedule).alpha_sigma(mid)
        lo, hi = (mid, hi) if a / s > ratio else (lo, mid)
    return 0.5 * (lo + hi)


def ddim_sample(params, specs: list[ModelSpec], n: int, steps: int, seed: int, t_start: float | None = None) -> torch.Tensor:
    """Deterministic DDIM sampler from t_start (default: where α/σ = START_SIGNAL for the specs' schedule) to 0 (t = 0
    data), started from N(0, σ² I): x̂0, ε̂ from the predicted target by the general conversion (kdiff Eq. 18 via
    ``target_conversions.x_hat`` / ``n_hat``), z ← α' x̂0 + σ' ε̂. Returns (M, n, 2)."""
    M = len(specs)
    if t_start is None:
        t_start = min(start_time(sc) for sc in {s.schedule for s in specs})
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
    """erd's main claim at toy scale on the cell (§4.3's cosine schedule): uniform, ERD, Min-SNR-5 and P2 with the
    same MLP and iterations, ``seeds`` replicates each. Per model: W2 of DDIM samples to fresh data (final and 80 %
    parameters) and the mean excess over the exact floor E‖f − E[y|z]‖² over t."""
    cfg = get_scale(scale)
    wg = group("weighting", scale, seed)  # the group only this claim reads: trained first
    specs = [s for w in COMPARED_WEIGHTINGS for s in cell_specs(scale, w)]
    st = stack_of(specs, scale, seed, ("weighting", "replicates", "global"))
    rng = np.random.default_rng(seed + 3000)
    g = erd_gmm()
    fresh = {k: g.sample(cfg.sample_n, rng) for k in range(cfg.seeds)}
    ref = [w2(g.sample(cfg.sample_n, rng), fresh[k]) for k in range(cfg.seeds)]  # estimator floor: data vs data
    ts = t_eval_grid(scale)
    out = {"specs": specs, "w2_data_vs_data": np.array(ref), "ts": ts, "history": st["history"],
           "weighting_group_size": len(wg.specs)}
    for tag, key in (("", "params"), ("_checkpoint", "params_checkpoint")):  # W2 after 100 % and 80 % of training
        samples = ddim_sample(st[key], specs, cfg.sample_n, cfg.sample_steps, seed + 2000).double().numpy()
        out[f"w2{tag}"] = np.array([w2(samples[i], fresh[s.seed]) for i, s in enumerate(specs)])
        if not tag:
            out["samples"] = samples
    ev = evaluate(st["params"], specs, ts, max(cfg.n_eval // 2, 1), seed + 4000)
    out["excess"], out["excess_curves"] = ev["excess"].mean(1), ev["excess"]
    return out
