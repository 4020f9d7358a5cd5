"""The resolution sweep: the dimensionality prediction of kdiff Thm 3.2 tested with learned k.

The same images are shown at several resolutions: taken at the base (smallest) resolution and
upsampled bilinearly, so the content (and the intrinsic dimension d) stays fixed while the ambient
dimension D = C·S² grows. kdiff predicts the learned k to rise with D (k* = D/(D + d) in the linear
model with the u-loss and uniform t). For each resolution we train k-Diff (learn mode) with the same
tokens per side (patch = S / tokens_per_side) and report k against D/(D + d̂) and against the linear
model's k* for the training setting (v-loss, logit-normal t, clamp; ``theory.optimal_loss.k_star``),
with d̂ the PCA dimension of the data (components for 95 % of the variance).

``sweep-tiny`` (CPU, digits 8 → 16 → 32) runs in seconds; ``sweep-gpu`` (ImageNet at 32 px upsampled
to 32 … 256, JiT-S-like) fits one GPU in under an hour."""

from __future__ import annotations

import csv
import functools
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from difftheory.gpu_validation.configs import Config, get_config
from difftheory.gpu_validation.data import ImageFolderDataset, TensorImages, digits_dataset
from difftheory.validate import check_float, check_int

SWEEP_COLUMNS = ("resolution", "D", "d_hat", "d_hat99", "k_learned", "k_ratio", "k_star_linear", "steps")


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
        raise ValueError(f"--data (an image folder root/<class>/<image>) is required for config {cfg.name!r}")
    ds = ImageFolderDataset(data, base)
    n = min(len(ds), check_int("max_images", max_images, 1))
    idx = torch.randperm(len(ds), generator=torch.Generator().manual_seed(0))[:n].tolist()
    xs, ys = zip(*(ds[i] for i in idx))
    return TensorImages(torch.stack(xs), torch.stack(ys), ds.num_classes)


@functools.lru_cache(maxsize=64)
def _k_star_linear(D: int, d: int, mu: float, sigma: float, clamp: float) -> float:
    from difftheory.theory.optimal_loss import k_star
    from difftheory.theory.samplers import TimeSampler

    return k_star(D, d, TimeSampler("logit-normal", mu, sigma), loss="v", clamp=clamp or None).k_star


def resolution_sweep(cfg: Config | str = "sweep-tiny", out="runs/sweep", data: str | None = None,
                     device: str = "auto", seed: int = 0, max_steps: int | None = None, progress: bool = True,
                     tail: float = 0.2) -> dict:
    """Train learn-k k-Diff at each resolution of ``cfg.resolutions``; write ``sweep.csv`` and return
    ``{"rows": [...], "monotone": bool, "spearman": float, "k_curves": {S: [(step, k)]}}``. ``k_learned`` is the mean logged k over the
    last ``tail`` fraction of each run."""
    from difftheory.gpu_validation.train import _read_csv, _write_csv_atomic, train

    cfg = get_config(cfg) if isinstance(cfg, str) else cfg
    if cfg.kind != "sweep" or len(cfg.resolutions) < 2:
        raise ValueError(f"config must be a sweep config with >= 2 resolutions, got {cfg.name!r}")
    out = Path(out)
    base = base_images(cfg, data)
    rows, curves = [], {}
    for res in cfg.resolutions:
        if res % cfg.tokens_per_side:
            raise ValueError(f"resolution {res} must be divisible by tokens_per_side {cfg.tokens_per_side}")
        run_cfg = replace(cfg, name=f"{cfg.name}-{res}", kind="train", image_size=res,
                          patch=res // cfg.tokens_per_side, resolutions=())
        ds = UpsampledImages(base, res)
        res_out = out / f"res{res}"
        train(run_cfg, res_out, device=device, max_steps=max_steps, seed=seed, progress=progress,
              tensorboard=False, dataset=ds)
        log = _read_csv(res_out / "log.csv")
        ks = np.array([float(r["k"]) for r in log])
        k_learned = float(ks[-max(1, int(round(tail * len(ks)))):].mean())
        sample = ds.batch(torch.arange(min(len(ds), 2000)))[0].flatten(1).numpy()
        D = int(sample.shape[1])
        d_hat, d_hat99 = pca_dimension(sample, 0.95), pca_dimension(sample, 0.99)
        rows.append({"resolution": res, "D": D, "d_hat": d_hat, "d_hat99": d_hat99, "k_learned": k_learned,
                     "k_ratio": D / (D + d_hat),
                     "k_star_linear": _k_star_linear(D, d_hat, cfg.sampler_mu, cfg.sampler_sigma, cfg.clamp),
                     "steps": int(log[-1]["step"]) if log else 0})
        curves[res] = [(int(r["step"]), float(r["k"])) for r in log]
    out.mkdir(parents=True, exist_ok=True)
    _write_csv_atomic(out / "sweep.csv", SWEEP_COLUMNS, rows)
    return summarize_sweep(rows) | {"k_curves": curves}


MIN_RISE = 0.01  # a "rise" of learned k between consecutive resolutions must exceed this


def summarize_sweep(rows: list[dict]) -> dict:
    """Monotonicity of learned k in D (each step up by more than ``MIN_RISE``) and Spearman's ρ between
    learned k and D/(D + d̂)."""
    from scipy.stats import spearmanr

    rows = sorted(rows, key=lambda r: int(r["D"]))
    k = np.array([float(r["k_learned"]) for r in rows])
    pred = np.array([float(r["k_ratio"]) for r in rows])
    rho = float(spearmanr(k, pred).statistic) if len(rows) > 2 else float(np.sign(np.diff(k)).mean())
    return {"rows": rows, "monotone": bool(np.all(np.diff(k) > MIN_RISE)), "spearman": rho, "min_rise": MIN_RISE}


def read_sweep(path) -> dict:
    with open(path, newline="") as f:
        return summarize_sweep(list(csv.DictReader(f)))


@functools.lru_cache(maxsize=8)
def cpu_sweep(seed: int, steps: int = 150) -> dict:
    """The ``sweep-tiny`` experiment (digits 8 → 16 → 32 px; ~8 s for 100 steps on one core), cached per
    (seed, steps) so the ledger claim and its figure share one run."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return resolution_sweep(replace(get_config("sweep-tiny"), steps=steps), tmp, device="cpu", seed=seed,
                                progress=False)


def sweep_plan(scale: str, seed: int) -> list[tuple[int, int]]:
    """(seed, steps) runs of the CPU sweep: one 100-step run at quick scale, three 150-step runs at full."""
    return [(seed, 100)] if scale == "quick" else [(seed + i, 150) for i in range(3)]
