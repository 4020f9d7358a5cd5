"""The resolution sweep: the dimensionality prediction of kdiff Thm 3.2 tested with learned k.

The same images are shown at several resolutions: taken at the base (smallest) resolution and
upsampled bilinearly, so the content (and the intrinsic dimension d) stays fixed while the ambient
dimension D = C·S² grows. kdiff predicts the learned k to rise with D (k* = D/(D + d) in the linear
model with the u-loss and uniform t). For each resolution we train k-Diff (learn mode) with the same
tokens per side (patch = S / tokens_per_side) and report k against D/(D + d̂) and against the linear
model's k* for the training setting (v-loss, logit-normal t, clamp; ``theory.kdiff_optimum.k_star``),
with d̂ the PCA dimension of the data (components for 95 % of the variance).

``sweep-tiny`` (CPU, digits 8 → 16 → 32; ~30 CPU-s per seed at 500 steps) feeds the ledger claim
``kdiff.gpu.resolution_sweep_cpu``; ``sweep-gpu`` (ImageNet at 32 px upsampled to 32 … 256, JiT-S-like) fits
one GPU in under an hour per seed. Each sweep records, per resolution, the learned k and its drift over the
last 20 % of training (``k_drift``), so the claims can tell a settled rise from a transient one."""

from __future__ import annotations

import functools
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from difftheory.gpu_validation.configs import Config, get_config
from difftheory.gpu_validation.datasets import ImageFolderDataset, TensorImages, digits_dataset
from difftheory.gpu_validation.results import as_float
from difftheory.decide import drift, slope_ci
from difftheory.validate import check_choice, check_float, check_int

SWEEP_COLUMNS = ("resolution", "D", "d_hat", "d_hat99", "k_learned", "k_drift", "k_ratio", "k_star_linear", "steps",
                 "seed")


class UpsampledImages(TensorImages):
    """Base-resolution images served bilinearly upsampled to ``size`` (per batch, nothing stored)."""

    def __init__(self, base: TensorImages, size: int):
        super().__init__(base.images, base.labels, base.num_classes)
        self.size = size

    def _up(self, x):
        if x.shape[-1] == self.size:
            return x
        return F.interpolate(x, size=(self.size, self.size), mode="bilinear", align_corners=False)

    def __getitem__(self, i):
        return self._up(self.images[i][None])[0], self.labels[i]

    def batch(self, idx):
        return self._up(self.images[idx]), self.labels[idx]


def pca_dimension(x, var: float = 0.95, max_n: int = 2000, seed: int = 0) -> int:
    """Smallest number of principal components holding a ``var`` fraction of the variance of the rows of
    ``x`` (N, D): eigenvalues of the centred covariance (or, when N < D, of the Gram matrix) of at most
    ``max_n`` rows."""
    var = check_float("var", var, 0.0, 1.0, lo_open=True)
    x = torch.as_tensor(np.asarray(x), dtype=torch.float64).flatten(1)
    if x.shape[0] > max_n:
        idx = torch.randperm(x.shape[0], generator=torch.Generator().manual_seed(seed))[:max_n]
        x = x[idx]
    x = x - x.mean(0)
    ev = torch.linalg.eigvalsh(x @ x.T if x.shape[0] < x.shape[1] else x.T @ x).flip(0).clamp_min(0)
    frac = torch.cumsum(ev, 0) / ev.sum()
    return int(torch.searchsorted(frac, torch.tensor(var, dtype=frac.dtype)).item()) + 1


def base_images(cfg: Config, data: str | None, max_images: int = 50_000) -> TensorImages:
    """The sweep's images at the base resolution ``cfg.resolutions[0]``."""
    base = cfg.resolutions[0]
    if cfg.data == "digits" and data is None:
        return digits_dataset(base)
    if data is None:
        raise ValueError(f"data (an image folder root/<class>/<image>) is required for config {cfg.name!r}")
    ds = ImageFolderDataset(data, base)
    n = min(len(ds), check_int("max_images", max_images, 1))
    idx = torch.randperm(len(ds), generator=torch.Generator().manual_seed(0))[:n].tolist()
    xs, ys = zip(*(ds[i] for i in idx))
    return TensorImages(torch.stack(xs), torch.stack(ys), ds.num_classes)


@functools.lru_cache(maxsize=64)
def _k_star_linear(D: int, d: int, mu: float, sigma: float, clamp: float) -> float:
    from difftheory.theory.kdiff_optimum import k_star
    from difftheory.theory.time_densities import TimeDensity

    return k_star(D, d, TimeDensity("logit-normal", mu, sigma), loss="v", clamp=clamp or None).k_star


def data_dimensions(ds: "UpsampledImages", n: int = 2000) -> tuple[int, int, int]:
    """(D, d̂ at 95 % of the variance, d̂ at 99 %) of the first ``n`` images of a sweep dataset."""
    sample = ds.batch(torch.arange(min(len(ds), n)))[0].flatten(1).numpy()
    return int(sample.shape[1]), pca_dimension(sample, 0.95), pca_dimension(sample, 0.99)


@functools.lru_cache(maxsize=16)
def _digits_dimensions(base: int, res: int) -> tuple[int, int, int]:
    """``data_dimensions`` of the digits at ``base`` px upsampled to ``res`` (the same for every seed: computed once)."""
    return data_dimensions(UpsampledImages(digits_dataset(base), res))


def resolution_sweep(cfg: Config | str = "sweep-tiny", out="runs/sweep", data: str | None = None,
                     device: str = "auto", seed: int = 0, max_steps: int | None = None, progress: bool = True,
                     tail: float = 0.2) -> dict:
    """Train learn-k k-Diff at each resolution of ``cfg.resolutions``; write ``sweep.csv`` and return
    ``summarize_sweep(rows) | {"k_curves": {S: [(step, k)]}}``. ``k_learned`` is the mean logged k over the
    last ``tail`` fraction of each run, ``k_drift`` the change of k over the last 20 % of its log."""
    from difftheory.gpu_validation.runfiles import read_csv, write_csv
    from difftheory.gpu_validation.train import check_max_steps, train
    from difftheory.io import check_writable_dir

    cfg = get_config(cfg) if isinstance(cfg, str) else cfg
    if cfg.kind != "sweep" or len(cfg.resolutions) < 2:
        raise ValueError(f"cfg must be a sweep config with >= 2 resolutions, got {cfg.name!r}")
    for res in cfg.resolutions:
        if res % cfg.tokens_per_side:
            raise ValueError(f"cfg.resolutions: {res} must be divisible by tokens_per_side {cfg.tokens_per_side}")
    tail = check_float("tail", tail, 0.0, 1.0, lo_open=True)
    cfg, max_steps = replace(cfg, seed=seed), check_max_steps(max_steps)  # a learned k from 0.5 (cfg.target)
    base = base_images(cfg, data)
    out = check_writable_dir("out", Path(out))
    rows, curves = [], {}
    for res in cfg.resolutions:
        run_cfg = replace(cfg, name=f"{cfg.name}-{res}", kind="train", image_size=res,
                          patch=res // cfg.tokens_per_side, resolutions=())
        ds = UpsampledImages(base, res)
        res_out = out / f"res{res}"
        train(run_cfg, res_out, device=device, max_steps=max_steps, progress=progress, tensorboard=False, dataset=ds)
        log = read_csv(res_out / "log.csv")
        ks = [float(r["k"]) for r in log]
        k_learned = float(np.mean(ks[-max(1, int(round(tail * len(ks)))):]))
        if cfg.data == "digits" and data is None:
            D, d_hat, d_hat99 = _digits_dimensions(cfg.resolutions[0], res)
        else:
            D, d_hat, d_hat99 = data_dimensions(ds)
        rows.append({"resolution": res, "D": D, "d_hat": d_hat, "d_hat99": d_hat99, "k_learned": k_learned,
                     "k_drift": drift(ks), "k_ratio": D / (D + d_hat),
                     "k_star_linear": _k_star_linear(D, d_hat, cfg.sampler_mu, cfg.sampler_sigma, cfg.clamp),
                     "steps": int(log[-1]["step"]) if log else 0, "seed": cfg.seed})
        curves[res] = [(int(r["step"]), float(r["k"])) for r in log]
    write_csv(out / "sweep.csv", SWEEP_COLUMNS, rows)
    return summarize_sweep(rows) | {"k_curves": curves}


def summarize_sweep(rows: list[dict]) -> dict:
    """Measurements of one sweep (one seed): the least-squares slope of learned k on log2(resolution), i.e.
    the rise of k per doubling of the side (D × 4), its regression interval (n − 2 degrees of freedom), the
    largest |drift| of k over the last 20 % of any resolution's run (None when not logged) and Spearman's ρ
    between learned k and D/(D + d̂). No verdict: the claims decide."""
    from scipy.stats import spearmanr

    rows = sorted(rows, key=lambda r: int(float(r["D"])))
    x = [math.log2(float(r["resolution"])) for r in rows]
    k = [float(r["k_learned"]) for r in rows]
    pred = [float(r["k_ratio"]) for r in rows]
    slope, lo, hi = slope_ci(x, k)
    drifts = [as_float(r.get("k_drift")) for r in rows]
    rho = float(spearmanr(k, pred).statistic) if len(rows) > 2 else math.nan
    return {"rows": rows, "slope_per_doubling": slope, "slope_lo": lo, "slope_hi": hi,
            "drift_max": None if any(d is None for d in drifts) else max(abs(d) for d in drifts),
            "spearman": rho, "seed": _seed(rows[0].get("seed")) if rows else None}


def _seed(v) -> int | None:
    v = as_float(v)
    return None if v is None else int(v)


def read_sweep(path) -> dict:
    """``summarize_sweep`` of a sweep.csv, read and checked by the results intake (``results.load`` of its folder;
    a file from before k_drift was written takes it from the runs' logs beside it, ``res<S>/log.csv``). A file that
    cannot be used is a ValueError naming it and the reason."""
    from difftheory.gpu_validation import results

    path = Path(path)
    intake = results.load(path.parent)
    for sweep in intake.sweeps:
        if sweep.path == path:
            return summarize_sweep(sweep.rows)
    why = next((s.reason for s in intake.skipped if s.kind == "sweep" and s.file == "sweep.csv"), "not found")
    raise ValueError(f"sweep file {results.safe_text(path)!r} cannot be used: {why}")


@functools.lru_cache(maxsize=16)
def cpu_sweep(seed: int, steps: int) -> dict:
    """One seed of the ``sweep-tiny`` experiment (digits 8 → 16 → 32 px; about 0.02 CPU-s per step and
    resolution), cached per (seed, steps) so the ledger claim and its figure share the runs."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return resolution_sweep(replace(get_config("sweep-tiny"), steps=steps), tmp, device="cpu", seed=seed,
                                progress=False)


# kdiff Thm 3.2's sweep on CPU. Full: 5 seeds (the ledger's minimum wherever a verdict compares means over
# seeds) x 500 steps (k's drift over the last 20 % is then <= 0.03 while the rise per doubling of the side
# is ~0.08; ~170 CPU-s in all). Quick: 2 seeds x 60 steps (~11 CPU-s): too few seeds to decide, so open.
SWEEP_SEEDS = {"quick": 2, "full": 5}
SWEEP_STEPS = {"quick": 60, "full": 500}


def sweep_plan(scale: str, seed: int) -> list[tuple[int, int]]:
    """(seed, steps) runs of the CPU sweep at ``scale`` (quick | full)."""
    check_choice("scale", scale, tuple(SWEEP_SEEDS))
    return [(seed + i, SWEEP_STEPS[scale]) for i in range(SWEEP_SEEDS[scale])]
