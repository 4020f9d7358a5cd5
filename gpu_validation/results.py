"""Reading GPU run logs back: every folder under a results root with ``run.json`` + ``log.csv`` (and
optionally ``eval.csv``) written by ``train.py``, and every ``sweep.csv`` of ``resolution_sweep.py``.
The ledger's ``kdiff.gpu.*`` claims are computed from these numbers only."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

K_ONE = 0.95  # "k ≈ 1": learned k at or above this value


@dataclass
class Run:
    path: Path
    info: dict
    log: list[dict] = field(default_factory=list)  # rows of floats
    eval: list[dict] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.info.get('config')}/{self.info.get('k_mode')}" + (
            f"(k={self.info.get('k_init')})" if self.info.get("k_mode") == "fixed" else "") + f" seed {self.info.get('seed')}"

    def series(self, col: str) -> tuple[np.ndarray, np.ndarray]:
        """(progress, values) of a log column, rows with a finite value only."""
        rows = [(r["progress"], r[col]) for r in self.log if math.isfinite(r.get(col, math.nan))]
        if not rows:
            return np.zeros(0), np.zeros(0)
        p, v = np.array(rows).T
        return p, v

    def final_fid(self) -> tuple[float, float] | None:
        """(step, FID) of the last eval row that has an FID."""
        rows = [r for r in self.eval if math.isfinite(r.get("fid", math.nan))]
        return (rows[-1]["step"], rows[-1]["fid"]) if rows else None


def _floats(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        try:
            out[k] = float(v) if v not in ("", None) else math.nan
        except ValueError:
            out[k] = math.nan
    return out


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="") as f:
        return [_floats(r) for r in csv.DictReader(f)]


def load_runs(root) -> list[Run]:
    """All training runs under ``root`` (recursively), sorted by path."""
    runs = []
    for info_path in sorted(Path(root).rglob("run.json")):
        try:
            info = json.loads(info_path.read_text())
        except (OSError, json.JSONDecodeError):
            continue
        runs.append(Run(info_path.parent, info, _read(info_path.parent / "log.csv"), _read(info_path.parent / "eval.csv")))
    return runs


def sweep_files(root) -> list[Path]:
    return sorted(Path(root).rglob("sweep.csv"))


def k_milestones(run: Run, threshold: float = K_ONE, tail: float = 0.1) -> dict:
    """Learned-k milestones of a run: first progress with k ≥ threshold, k near 5 % of training, the
    final k (mean over the last ``tail`` of the logged progress) and how far training got."""
    p, k = run.series("k")
    if p.size == 0:
        return {"logged": 0}
    reached = p[k >= threshold]
    last = p.max()
    tail_mask = p >= last - tail * max(last, 1e-12)
    early = k[np.argmin(np.abs(p - 0.05))]
    before = k[p <= last * (1 - tail)]
    return {"logged": int(p.size), "progress_reached": float(reached[0]) if reached.size else None,
            "k_at_5pct": float(early), "k_final": float(k[tail_mask].mean()), "progress_end": float(last),
            "k_before_tail": float(before[-1]) if before.size else None, "k_max": float(k.max())}


def fid_tolerance(values_by_setting: dict[str, list[float]], best: float, rel: float = 0.02) -> tuple[float, str]:
    """Noise band for "within noise": 2 × the pooled seed-to-seed SD when any setting has ≥ 2 seeds,
    never below ``rel`` × the best FID; ``rel`` × best when there are no replicates."""
    devs = [np.std(v, ddof=1) for v in values_by_setting.values() if len(v) >= 2]
    floor = rel * best
    if devs:
        sd = float(np.sqrt(np.mean(np.square(devs))))
        return max(2 * sd, floor), f"2 x pooled seed SD {sd:.3g} (floor {rel:.0%} of best)"
    return floor, f"{rel:.0%} of the best FID (no seed replicates supplied)"
