"""Reading GPU run logs back: every folder under a results root with ``run.json`` + ``log.csv`` (and
optionally ``eval.csv``) written by ``train.py`` (``runfiles``), and every ``sweep.csv`` of ``resolution_sweep.py``.
The ledger's ``kdiff.gpu.*`` claims take their evidence from these numbers only (``claims_gpu.py``).

The summaries here are measurements, not verdicts: k at a given epoch, the drift of k over the last 20 %
of a log, every (step, samples, FID) row of every run. The claims' decision functions apply the rules."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from difftheory.decide import DRIFT_SHARE, drift


@dataclass
class Run:
    path: Path
    info: dict
    log: list[dict] = field(default_factory=list)  # rows of floats
    eval: list[dict] = field(default_factory=list)

    @property
    def target(self) -> dict:
        """The run's k-target {k_mode, k, n_bins}: from the run spec (``settings.target``); run.json files written
        before the spec held it kept it beside the spec (``k_mode``, ``k_init``, ``n_bins``)."""
        settings = self.info.get("settings") or {}
        if isinstance(settings.get("target"), dict):
            return settings["target"]
        return {"k_mode": self.info.get("k_mode"), "k": self.info.get("k_init", math.nan),
                "n_bins": self.info.get("n_bins")}

    @property
    def seed(self):
        """The run's seed (from the run spec; older run.json files kept it beside it)."""
        return (self.info.get("settings") or {}).get("seed", self.info.get("seed"))

    @property
    def k_mode(self):
        return self.target.get("k_mode")

    @property
    def label(self) -> str:
        return f"{self.info.get('config')}/{self.setting} seed {self.seed}"

    @property
    def setting(self) -> str:
        """The target setting as the claims name it: learn, fixed k=0|0.5|1, binned (N bins), two."""
        target = self.target
        if target.get("k_mode") == "fixed":
            k = target.get("k")
            return f"fixed k={float(math.nan if k is None else k):g}"
        if target.get("k_mode") == "binned":
            return f"binned ({target.get('n_bins')} bins)"
        return str(target.get("k_mode"))

    def series(self, col: str, x: str = "progress") -> tuple[np.ndarray, np.ndarray]:
        """(x, values) of a log column, rows where both are finite only."""
        rows = [(r.get(x, math.nan), r.get(col, math.nan)) for r in self.log]
        rows = [(a, b) for a, b in rows if math.isfinite(a) and math.isfinite(b)]
        if not rows:
            return np.zeros(0), np.zeros(0)
        p, v = np.array(rows).T
        return p, v

    def epochs(self) -> tuple[np.ndarray, np.ndarray]:
        """(epoch, k) from log.csv; the epoch from its column, else from progress × the run's epochs."""
        e, k = self.series("k", "epoch")
        if e.size:
            return e, k
        p, k = self.series("k")
        total = (self.info.get("settings") or {}).get("epochs")
        return (p * float(total), k) if total else (np.zeros(0), np.zeros(0))

    def epoch_of_step(self, step: float) -> float | None:
        """Training epochs after ``step`` steps: step × batch / images, from run.json (None when unknown)."""
        n, batch = self.info.get("n_data"), (self.info.get("settings") or {}).get("batch_size")
        if n and batch:
            return float(step) * float(batch) / float(n)
        for r in self.log:  # older run.json: the log's own epoch column
            if r.get("step") == step and math.isfinite(r.get("epoch", math.nan)):
                return float(r["epoch"])
        return None


def as_float(v) -> float | None:
    """A CSV or JSON cell as a finite float, else None."""
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


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
        if isinstance(info, dict):
            runs.append(Run(info_path.parent, info, _read(info_path.parent / "log.csv"),
                            _read(info_path.parent / "eval.csv")))
    return runs


def sweep_files(root) -> list[Path]:
    return sorted(Path(root).rglob("sweep.csv"))


def _interp(x: np.ndarray, y: np.ndarray, at: float) -> float | None:
    """y at ``at`` by linear interpolation of a logged curve; None when the log does not reach ``at``."""
    if x.size == 0 or at > x.max():
        return None
    return float(np.interp(at, x, y))


def k_rise_summary(run: Run, window: float) -> dict:
    """Learned-k readings of a run for the "k reaches ≈ 1 within ``window`` epochs" claim: k at the window
    (interpolated), the smallest k logged between the window and twice the window, the first epoch with
    k ≥ each of 0.9 / 0.95 / 0.99, the last logged epoch and k."""
    e, k = run.epochs()
    base = {"label": run.label, "config": run.info.get("config"), "seed": run.seed, "logged": int(e.size)}
    if e.size == 0:
        return base
    after = k[(e >= window) & (e <= 2 * window)]
    first = {f"epoch_first_k_{g}": (float(e[k >= g][0]) if (k >= g).any() else None) for g in (0.9, 0.95, 0.99)}
    return base | {"epochs_logged": float(e.max()), "k_at_window": _interp(e, k, window),
                   "k_min_window_to_2x": float(after.min()) if e.max() >= 2 * window and after.size else None,
                   "k_end": float(k[-1]), **first}


def k_settle_summary(run: Run) -> dict:
    """The last logged k of a run and its drift over the last ``DRIFT_SHARE`` of the log (end − value at 80 %)."""
    p, k = run.series("k")
    base = {"label": run.label, "config": run.info.get("config"), "seed": run.seed, "logged": int(p.size)}
    if p.size == 0:
        return base
    e, _ = run.epochs()
    d = drift(k.tolist(), DRIFT_SHARE)
    return base | {"k_end": float(k[-1]), "k_drift": d if math.isfinite(d) else None,
                   "progress_end": float(p.max()), "epochs_logged": float(e.max()) if e.size else None}


def fid_rows(runs: list[Run]) -> list[dict]:
    """Every eval.csv row with a finite FID, with what makes two rows comparable: config, setting, seed,
    training step, epochs, training images and number of samples."""
    out = []
    for r in runs:
        for row in r.eval:
            if not math.isfinite(row.get("fid", math.nan)):
                continue
            step = row.get("step", math.nan)
            n = row.get("n_samples", math.nan)
            out.append({"config": r.info.get("config"), "space": r.info.get("space"), "setting": r.setting,
                        "seed": r.seed, "step": int(step) if math.isfinite(step) else None,
                        "epoch": r.epoch_of_step(step) if math.isfinite(step) else None,
                        "n_samples": int(n) if math.isfinite(n) else None, "n_data": r.info.get("n_data"),
                        "fid": float(row["fid"]), "run": str(r.path)})
    return out

