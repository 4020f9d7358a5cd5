"""The files of a training run folder, written by rank 0 (all atomically, ``difftheory.io``):

``run.json``     the run spec (``Config.to_dict()``, under ``settings``) and what the run found (steps, world size,
                 device, number of training images);
``log.csv``      one row every ``log_every`` steps (``LOG_COLUMNS``: loss, k, dL/dk, lr, throughput);
``eval.csv``     one row per end-of-run evaluation (``EVAL_COLUMNS``: Fréchet distances, IS);
``samples.png``  a grid of the first 100 samples (pixel space);
``tb/``          TensorBoard scalars, when TensorBoard is importable.
``results.py`` reads them back for the claims."""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import torch

from difftheory.io import atomic_path, write_json

LOG_COLUMNS = ("step", "progress", "epoch", "loss", "k", "k1", "k_grad", "lr", "grad_norm", "images_per_s", "seconds")
EVAL_COLUMNS = ("step", "ema", "n_samples", "fd_pixels", "fid", "is")
SCALARS = ("loss", "k", "k1", "k_grad", "lr", "grad_norm")  # the log columns sent to TensorBoard


@dataclass
class RunResult:
    """What ``train`` returns: where the run's files are and its final numbers."""

    out: Path
    steps: int
    total_steps: int
    k: dict
    seconds: float
    images_per_s: float
    log: Path
    checkpoint: Path
    samples: Path | None = None
    eval: dict = field(default_factory=dict)
    model: torch.nn.Module | None = field(default=None, repr=False)  # the trained KDiff (not the EMA)

    def to_dict(self) -> dict:
        return {"out": str(self.out), "steps": self.steps, "total_steps": self.total_steps, "k": self.k,
                "seconds": round(self.seconds, 3), "images_per_s": round(self.images_per_s, 2),
                "log": str(self.log), "checkpoint": str(self.checkpoint),
                "samples": None if self.samples is None else str(self.samples), "eval": self.eval}


def write_run_info(out: Path, cfg, total_steps: int, world: int, device: torch.device, n_data: int) -> None:
    """``run.json``: the whole run spec and the facts of this invocation."""
    write_json(out / "run.json", {"config": cfg.name, "space": cfg.space, "backbone": cfg.backbone,
                                  "total_steps": total_steps, "world_size": world, "device": device.type,
                                  "n_data": n_data, "settings": cfg.to_dict()})


def write_csv(path: Path, columns, rows) -> None:
    """A whole CSV file, atomically."""
    with atomic_path(Path(path)) as tmp, open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)


def read_csv(path: Path) -> list[dict]:
    """The rows of a CSV file as dicts of strings ([] when there is no file)."""
    if not Path(path).exists():
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def check_run_files(out: Path, resume: bool) -> None:
    """Before a run starts: the files it will continue must be readable result files (``results``: regular files,
    typed, in training order) — log.csv when resuming, eval.csv whenever it exists (a row is added to it). A
    ValueError names ``resume`` (or ``out``), the file and the reason."""
    from difftheory.gpu_validation import results

    for name, parse in (("log.csv", results.parse_log), ("eval.csv", results.parse_eval)):
        path = Path(out) / name
        if (name == "log.csv" and not resume) or not os.path.lexists(path):
            continue
        try:
            results.read_result(path, Path(out), parse)
        except results.ResultFileError as exc:
            raise ValueError(f"{'resume' if resume else 'out'}: {results.safe_text(path)!r} cannot be continued ({exc}); "
                             "move it away or train into a new out folder") from None


def start_log(path: Path, upto: int | None) -> None:
    """A fresh ``log.csv``; with ``upto`` (a resumed run) keeping the rows of steps ≤ ``upto`` (the file was checked
    by ``check_run_files``)."""
    rows = [r for r in read_csv(path) if int(float(r["step"])) <= upto] if upto is not None else []
    write_csv(path, LOG_COLUMNS, rows)


def append_log(path: Path, row: dict) -> None:
    """One row appended to ``log.csv`` (a crash loses at most this row)."""
    with open(path, "a", newline="") as f:
        csv.DictWriter(f, fieldnames=LOG_COLUMNS).writerow(row)


def _eval_key(row: dict) -> tuple:
    def num(v):
        try:
            return float(v)
        except (TypeError, ValueError):
            return None
    return num(row.get("step")), num(row.get("ema")), num(row.get("n_samples"))


def append_eval(out: Path, row: dict) -> None:
    """One evaluation in eval.csv. An evaluation of the same step, EMA and number of samples replaces the earlier
    one: resuming a finished run evaluates the same model again, and the file keeps one row for it, not two."""
    rows = [r for r in read_csv(out / "eval.csv") if _eval_key(r) != _eval_key(row)]
    write_csv(out / "eval.csv", EVAL_COLUMNS, rows + [row])


def tensorboard(out: Path, enabled: bool):
    """A TensorBoard writer into ``out/tb``; None when disabled or TensorBoard is not importable."""
    if not enabled:
        return None
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError:
        return None
    return SummaryWriter(str(out / "tb"))


def log_scalars(writer, row: dict, step: int) -> None:
    if writer is not None:
        for key in SCALARS:
            if math.isfinite(row[key]):
                writer.add_scalar(key, row[key], step)


def save_grid(x: torch.Tensor, path: Path, cols: int = 10) -> None:
    """The first cols² images of ``x`` (in [−1, 1]) as a PNG grid."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = ((x[: cols * cols].clamp(-1, 1) + 1) / 2).permute(0, 2, 3, 1).numpy()
    rows = math.ceil(x.shape[0] / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(cols, rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, img in zip(axes.flat, x):
        ax.imshow(img.squeeze(-1) if img.shape[-1] == 1 else img, cmap="gray", vmin=0, vmax=1)
    with atomic_path(Path(path)) as tmp:
        fig.savefig(tmp, format="png", dpi=80, bbox_inches="tight")
    plt.close(fig)
