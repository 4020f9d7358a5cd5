"""Reading GPU run logs back: a validated intake of the files under a results root (``difftheory verify
--gpu-results DIR``). A training run is a folder with ``run.json`` and ``log.csv`` (and ``eval.csv`` once evaluated),
written by ``train.py`` (``runfiles``); a resolution sweep leaves ``sweep.csv`` (``resolution_sweep.py``).

The intake (``load``) reads every file once — all ``kdiff.gpu.*`` claims of a run share it (cached per root and
file fingerprint) — and trusts none of it:

- only regular files inside the root are opened: a FIFO, device, folder or a symbolic link out of the root named
  like a result file is skipped (``lstat`` first, then ``open`` with O_NONBLOCK | O_NOFOLLOW and ``fstat`` on the
  open descriptor), and no file is read past its size limit (``MAX_BYTES``);
- text must be UTF-8; JSON without NaN/Infinity and at most ``MAX_JSON_DEPTH`` deep; every field the claims read
  is typed and range-checked: k ∈ [0, 1], FID ≥ 0, IS ≥ 1, finite numbers, integers where counts are, steps and
  epochs increasing along a log, configuration names that are names;
- a file that fails is skipped whole, with one warning line on stderr naming it and the reason, and recorded in
  ``Intake.skipped``; the claims that needed it say so (``Intake.problems``) and stay ``open``.

The summaries here are measurements, not verdicts: k at a given epoch, the drift of k over the last 20 % of a
log, every (step, samples, FID) row of every run. The claims' decision functions apply the rules."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from difftheory.decide import DRIFT_SHARE, drift

# Size limits. A 600-epoch ImageNet run logs every 100 steps: ~7 500 rows, ~1.5 MB; log_every = 1 would give ~150 MB.
# 64 MiB (about 300 000 rows) leaves 40x room over the default cadence; larger logs are refused, never half-read.
MAX_BYTES = {"run.json": 1 << 20, "log.csv": 64 << 20, "eval.csv": 1 << 20, "sweep.csv": 1 << 20}
MAX_JSON_DEPTH = 32     # run.json is 3 levels deep (settings.target); Python's parser itself fails near 1000 levels
RESULT_FILES = tuple(MAX_BYTES)
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")   # a configuration name (configs.CONFIGS, sweep-*-<res>)
K_MODES = ("learn", "fixed", "two", "binned")                   # theory.kdiff_target.KMODES (torch-free here)
SPACES = ("pixel", "latent")
SHOWN = 160             # characters of a file name or value quoted in a message or detail


class ResultFileError(ValueError):
    """A result file that cannot be used; the message is the reason (the caller names the file)."""


def safe_text(text, limit: int = SHOWN) -> str:
    """``text`` fit for a detail line and the reports: characters that could act as Markdown/HTML (< > & ` | and
    backslash), control and non-printable characters escaped as \\uXXXX, at most ``limit`` characters."""
    text = str(text)
    out = "".join(c if c.isprintable() and c not in "<>&`|\\" else f"\\u{ord(c):04x}" for c in text)
    return out if len(out) <= limit else out[:limit - 3] + "..."


# ------------------------------------------------------------------------------------------ opening files
def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def open_result(path: Path, root: Path, limit: int):
    """A text stream of ``path`` (UTF-8, strict; a leading byte-order mark is dropped) when it is a regular file inside ``root`` of at most ``limit``
    bytes; ResultFileError naming the reason otherwise. Never blocks: a FIFO is refused before it is opened, and
    the descriptor is opened non-blocking and checked again (``fstat``) against a swap in between."""
    path, root = Path(path), Path(root)
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            target = Path(os.path.realpath(path))
            if not target.is_relative_to(Path(os.path.realpath(root))):
                raise ResultFileError(f"a symbolic link out of the results folder (to {safe_text(target)})")
            try:
                os.stat(path)
            except OSError as exc:
                raise ResultFileError(f"a symbolic link that does not resolve ({exc.strerror})") from None
            path, st = target, os.lstat(target)
        if not stat.S_ISREG(st.st_mode):
            raise ResultFileError(f"{_kind(st.st_mode)}, not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except ResultFileError:
        raise
    except OSError as exc:
        raise ResultFileError(f"cannot be opened ({exc.strerror or type(exc).__name__})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ResultFileError(f"{_kind(st.st_mode)}, not a regular file")
        if st.st_size > limit:
            raise ResultFileError(f"{st.st_size} bytes, more than the {limit} bytes a {path.name} may have")
    except BaseException:
        os.close(fd)
        raise
    raw = io.FileIO(fd, "r", closefd=True)
    return io.TextIOWrapper(io.BufferedReader(_Limited(raw, limit)), encoding="utf-8-sig", errors="strict", newline="")


class _Limited(io.RawIOBase):
    """A raw stream that refuses to deliver more than ``limit`` bytes (a file that grows while read)."""

    def __init__(self, raw, limit: int):
        self.raw, self.left = raw, limit + 1

    def readable(self):
        return True

    def readinto(self, b):
        n = self.raw.readinto(memoryview(b)[:max(0, min(len(b), self.left))])
        self.left -= n or 0
        if self.left <= 0:
            raise ResultFileError("grew past its size limit while being read")
        return n

    def close(self):
        self.raw.close()
        super().close()


def read_text(path: Path, root: Path, limit: int) -> str:
    with open_result(path, root, limit) as f:
        return _decoded(f.read)


def _decoded(fn, *args):
    try:
        return fn(*args)
    except UnicodeDecodeError as exc:
        raise ResultFileError(f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None


# ------------------------------------------------------------------------------------------ typed fields
def _num(v, what: str, lo=-math.inf, hi=math.inf, integer=False, optional=False):
    """A JSON value or CSV cell as a finite number in [lo, hi] (an integer value when ``integer``); None for an
    empty cell, "nan" or null when ``optional``."""
    if isinstance(v, str):
        s = v.strip()
        if s.lower() in ("", "nan") and optional:
            return None
        try:
            v = float(s)
        except ValueError:
            raise ResultFileError(f"{what} is {safe_text(repr(v), 40)}, not a number") from None
    elif v is None and optional:
        return None
    elif isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ResultFileError(f"{what} is {type(v).__name__} {safe_text(repr(v), 40)}, not a number")
    if isinstance(v, int) and abs(v) > 2**53:
        raise ResultFileError(f"{what} is {safe_text(str(v), 40)}, too large")
    if not math.isfinite(v):
        if optional and isinstance(v, float) and math.isnan(v):
            return None
        raise ResultFileError(f"{what} is {v!r}, not a finite number")
    if integer and v != int(v):
        raise ResultFileError(f"{what} is {v!r}, not an integer")
    if not lo <= v <= hi:
        raise ResultFileError(f"{what} is {v!r}, outside [{lo:g}, {hi:g}]")
    return int(v) if integer else float(v)


def _name(v, what: str, choices=None, optional=False):
    if v is None and optional:
        return None
    if not isinstance(v, str) or (choices is None and not NAME_RE.match(v)) or (choices is not None and v not in choices):
        want = f"one of {', '.join(choices)}" if choices else "a configuration name (letters, digits, . _ + -)"
        raise ResultFileError(f"{what} is {safe_text(repr(v), 60)}, not {want}")
    return v


def _depth(x, limit: int, level: int = 1) -> None:
    if level > limit:
        raise ResultFileError(f"JSON nested deeper than {limit} levels")
    for v in (x.values() if isinstance(x, dict) else x if isinstance(x, list) else ()):
        if isinstance(v, (dict, list)):
            _depth(v, limit, level + 1)


def parse_run_info(text: str) -> dict:
    """run.json as the claims read it, every field they use typed and range-checked: config, space, n_data,
    total_steps and the run spec's batch_size, epochs, seed and target {k_mode, k, n_bins} (files written before the
    spec held the target keep k_mode, k_init, n_bins, seed beside it)."""
    def bad_constant(name):
        raise ResultFileError(f"JSON holds {name}, which is not a number JSON allows")

    try:
        obj = json.loads(text, parse_constant=bad_constant)
    except RecursionError:
        raise ResultFileError("JSON nested too deeply to read") from None
    except json.JSONDecodeError as exc:
        raise ResultFileError(f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except ValueError as exc:   # e.g. an integer of more digits than Python converts
        raise ResultFileError(f"not valid JSON ({safe_text(str(exc), 80)})") from None
    if not isinstance(obj, dict):
        raise ResultFileError(f"JSON {type(obj).__name__}, not an object")
    _depth(obj, MAX_JSON_DEPTH)
    info = {"config": _name(obj.get("config"), "config"),
            "space": _name(obj.get("space"), "space", SPACES, optional=True),
            "n_data": _num(obj.get("n_data"), "n_data", 1, MAX_IMAGES, integer=True, optional=True),
            "total_steps": _num(obj.get("total_steps"), "total_steps", 1, BIG, integer=True, optional=True)}
    settings = obj.get("settings", {})
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        raise ResultFileError(f"settings is {type(settings).__name__} {safe_text(repr(settings), 40)}, not an object")
    target = settings.get("target")
    if target is None:   # before the run spec held the target
        target = {"k_mode": obj.get("k_mode"), "k": obj.get("k_init"), "n_bins": obj.get("n_bins")}
        where = ""
    else:
        where = "settings.target."
    if not isinstance(target, dict):
        raise ResultFileError(f"settings.target is {type(target).__name__}, not an object")
    seed = settings["seed"] if "seed" in settings else obj.get("seed")
    info["settings"] = {
        "batch_size": _num(settings.get("batch_size"), "settings.batch_size", 1, MAX_BATCH, integer=True, optional=True),
        "epochs": _num(settings.get("epochs"), "settings.epochs", 0, MAX_EPOCHS, optional=True),
        "seed": _num(seed, "seed", 0, 2**63 - 1, integer=True, optional=True),
        "target": {"k_mode": _name(target.get("k_mode"), where + "k_mode", K_MODES),
                   "k": _num(target.get("k"), where + ("k" if where else "k_init"), 0, 1, optional=True),
                   "n_bins": _num(target.get("n_bins"), where + "n_bins", 1, 4096, integer=True, optional=True)}}
    if info["settings"]["epochs"] == 0:
        raise ResultFileError("settings.epochs is 0.0, not a positive number")
    return info


def _config_hint(text: str):
    """(config, k_mode) a damaged run.json still names plainly, to tell which claims could have needed it."""
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return None, None
    if not isinstance(obj, dict):
        return None, None
    cfg = obj.get("config") if isinstance(obj.get("config"), str) and NAME_RE.match(obj["config"]) else None
    tgt = (obj.get("settings") or {}).get("target") if isinstance(obj.get("settings"), dict) else None
    mode = (tgt or {}).get("k_mode") if isinstance(tgt, dict) else obj.get("k_mode")
    return cfg, mode if mode in K_MODES else None


# Upper ends of quantities the claims add up or average. BIG: no step count, epoch, loss, rate or time of a training
# run comes near 1e12, and sums of such numbers stay finite. FID_MAX: Inception FIDs of image sets lie below ~500
# (noise against ImageNet); 1e4 refuses only impossible values. IS_MAX: the score is at most the number of classes of
# torch-fidelity's logits (1008). Images per run: ImageNet-1k has 1.28e6; 1e10 leaves room for any dataset.
BIG, FID_MAX, IS_MAX = 1e12, 1e4, 1008.0
MAX_IMAGES, MAX_BATCH, MAX_EPOCHS = 1e10, 1e7, 1e6
# log.csv, eval.csv and sweep.csv columns: (range, integer, required). Optional cells may be empty or "nan".
LOG_FIELDS = {"step": ((0, BIG), True, True), "progress": ((0, 1), False, False),
              "epoch": ((0, MAX_EPOCHS), False, False), "loss": ((0, BIG), False, False),
              "k": ((0, 1), False, True), "k1": ((0, 1), False, False), "k_grad": ((-BIG, BIG), False, False),
              "lr": ((0, BIG), False, False), "grad_norm": ((0, BIG), False, False),
              "images_per_s": ((0, BIG), False, False), "seconds": ((0, BIG), False, False)}
EVAL_FIELDS = {"step": ((0, BIG), True, True), "ema": ((0, 1), False, False),
               "n_samples": ((0, MAX_IMAGES), True, False), "fd_pixels": ((0, FID_MAX), False, False),
               "fid": ((0, FID_MAX), False, False), "is": ((1, IS_MAX), False, False)}
SWEEP_FIELDS = {"resolution": ((1, 1e5), True, True), "D": ((1, BIG), True, True),
                "d_hat": ((1, BIG), True, True), "d_hat99": ((1, BIG), True, False),
                "k_learned": ((0, 1), False, True), "k_drift": ((-1, 1), False, False),
                "k_ratio": ((0, 1), False, True), "k_star_linear": ((0, 1), False, False),
                "steps": ((0, BIG), True, False), "seed": ((0, 2**63 - 1), True, False)}


def _table(f, fields: dict) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The known columns of a CSV stream as float64 arrays (NaN where an optional cell is empty or "nan") and the
    file line of each row; every cell typed and range-checked (``fields``: column -> (range, integer, required)).
    Parsed straight into arrays: a 50 MB log takes ~4 bytes of memory per byte of file at most, not ~35."""
    from array import array

    reader = csv.reader(f, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ResultFileError(f"not CSV ({exc})") from None
    if not header:
        raise ResultFileError("empty: no header row")
    header = [h.strip() for h in header]
    missing = [c for c, (_, _, req) in fields.items() if req and c not in header]
    if missing:
        raise ResultFileError(f"no column {', '.join(missing)} (header: {safe_text(','.join(header), 80)})")
    idx = [(i, c, fields[c][2]) for i, c in enumerate(header) if c in fields]
    bufs, lines = {c: array("d") for _, c, _ in idx}, array("q")
    line, width = 1, len(header)
    try:
        for row in reader:
            line = reader.line_num
            if not row:
                continue
            if len(row) != width:
                raise ResultFileError(f"line {line} has {len(row)} fields, the header {width}")
            for i, c, req in idx:
                v = row[i].strip()
                if not v:
                    if req:
                        raise ResultFileError(f"line {line}: {c} is {row[i]!r}, not a number")
                    bufs[c].append(math.nan)
                    continue
                try:
                    bufs[c].append(float(v))
                except ValueError:
                    raise ResultFileError(f"line {line}: {c} is {safe_text(repr(v), 40)}, not a number") from None
            lines.append(line)
    except csv.Error as exc:
        raise ResultFileError(f"not CSV at line {line + 1} ({exc})") from None
    cols = {c: np.frombuffer(b, dtype=np.float64) if len(b) else np.zeros(0) for c, b in bufs.items()}
    lines = np.frombuffer(lines, dtype=np.int64) if len(lines) else np.zeros(0, dtype=np.int64)
    for c, x in cols.items():
        (lo, hi), integer, req = fields[c]
        bad = ~np.isfinite(x) if req else np.isinf(x)
        if bad.any():
            j = int(np.argmax(bad))
            raise ResultFileError(f"line {lines[j]}: {c} is {float(x[j])!r}, not a finite number")
        with np.errstate(invalid="ignore"):
            out = (x < lo) | (x > hi)
            frac = (x != np.floor(x)) & np.isfinite(x) if integer else np.zeros(x.shape, bool)
        if out.any():
            j = int(np.argmax(out))
            raise ResultFileError(f"line {lines[j]}: {c} is {float(x[j])!r}, outside [{lo:g}, {hi:g}]")
        if frac.any():
            j = int(np.argmax(frac))
            raise ResultFileError(f"line {lines[j]}: {c} is {float(x[j])!r}, not an integer")
    for c in fields:
        cols.setdefault(c, np.full(lines.size, math.nan))
    return cols, lines


def _in_order(cols, lines, checks) -> None:
    """Rows in training order: each (column, strict) never falls (strictly increases), ignoring empty cells."""
    for c, strict in checks:
        x = cols[c]
        ok = np.flatnonzero(np.isfinite(x))
        if ok.size < 2:
            continue
        a, b = x[ok[:-1]], x[ok[1:]]
        bad = b <= a if strict else b < a
        if bad.any():
            j = int(np.argmax(bad))
            raise ResultFileError(f"{c} {'does not increase' if strict else 'falls'} from {a[j]:g} to {b[j]:g} at line "
                                  f"{lines[ok[j + 1]]}: rows must be in training order")


def _dicts(cols, integer_cols) -> list[dict]:
    names = list(cols)
    n = len(next(iter(cols.values()))) if cols else 0
    return [{c: (None if not math.isfinite(cols[c][i]) else int(cols[c][i]) if c in integer_cols else float(cols[c][i]))
             for c in names} for i in range(n)]


def parse_log(f) -> dict[str, np.ndarray]:
    """log.csv as columns of float64 (NaN where a cell is empty), rows in training order: step strictly increasing,
    epoch and progress never falling."""
    cols, lines = _decoded(_table, f, LOG_FIELDS)
    _in_order(cols, lines, (("step", True), ("epoch", False), ("progress", False)))
    return cols


def parse_eval(f) -> list[dict]:
    """eval.csv rows (typed), steps never falling."""
    cols, lines = _decoded(_table, f, EVAL_FIELDS)
    _in_order(cols, lines, (("step", False),))
    return _dicts(cols, {c for c, (_, integer, _) in EVAL_FIELDS.items() if integer})


def parse_sweep(f) -> list[dict]:
    """sweep.csv rows (typed): at least two resolutions, each once, with d̂ ≤ D."""
    cols, lines = _decoded(_table, f, SWEEP_FIELDS)
    rows = _dicts(cols, {c for c, (_, integer, _) in SWEEP_FIELDS.items() if integer})
    if len(rows) < 2:
        raise ResultFileError(f"{len(rows)} row(s): a sweep needs at least two resolutions")
    seen = set()
    for r in rows:
        if r["resolution"] in seen:
            raise ResultFileError(f"resolution {r['resolution']} appears twice")
        seen.add(r["resolution"])
        for c in ("d_hat", "d_hat99"):
            if r[c] is not None and r[c] > r["D"]:
                raise ResultFileError(f"{c} {r[c]} exceeds D {r['D']} at resolution {r['resolution']}")
    return rows


def read_result(path: Path, root: Path, parse):
    """``parse`` applied to the stream of one result file (size limit by its name)."""
    with open_result(path, root, MAX_BYTES.get(Path(path).name, 1 << 20)) as f:
        return parse(f)


# ------------------------------------------------------------------------------------------ runs and sweeps
@dataclass
class Run:
    path: Path
    info: dict
    log: dict = field(default_factory=dict)     # column -> float64 array (NaN: empty cell)
    eval: list[dict] = field(default_factory=list)
    name: str = ""                              # the folder relative to the results root, fit for a report

    @property
    def target(self) -> dict:
        """The run's k-target {k_mode, k, n_bins} from the run spec."""
        return self.info["settings"]["target"]

    @property
    def seed(self):
        return self.info["settings"]["seed"]

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

    @property
    def epochs_from_info(self) -> bool:
        """Whether run.json alone turns steps into epochs (n_data and batch_size); else the log's epoch column."""
        return bool(self.info.get("n_data") and self.info["settings"].get("batch_size"))

    def series(self, col: str, x: str = "progress") -> tuple[np.ndarray, np.ndarray]:
        """(x, values) of a log column, rows where both are finite only."""
        if col not in self.log or x not in self.log:
            return np.zeros(0), np.zeros(0)
        a, b = self.log[x], self.log[col]
        ok = np.isfinite(a) & np.isfinite(b)
        return a[ok], b[ok]

    def epochs(self) -> tuple[np.ndarray, np.ndarray]:
        """(epoch, k) from log.csv; the epoch from its column, else from progress × the run's epochs."""
        e, k = self.series("k", "epoch")
        if e.size:
            return e, k
        p, k = self.series("k")
        total = self.info["settings"].get("epochs")
        return (p * float(total), k) if total else (np.zeros(0), np.zeros(0))

    def epoch_of_step(self, step: float) -> float | None:
        """Training epochs after ``step`` steps: step × batch / images, from run.json (None when unknown)."""
        if self.epochs_from_info:
            return float(step) * float(self.info["settings"]["batch_size"]) / float(self.info["n_data"])
        s, e = self.series("epoch", "step")   # older run.json: the log's own epoch column
        hit = np.flatnonzero(s == step)
        return float(e[hit[-1]]) if hit.size else None


@dataclass
class Skipped:
    """A result file (or folder) the intake could not use: where, why, and which run it belonged to."""
    file: str                  # relative to the results root, fit for a report
    reason: str
    kind: str                  # run (run.json) | log | eval | sweep | folder
    config: str | None = None  # the run's configuration, where known
    k_mode: str | None = None
    run: str | None = None     # the run folder (log and eval files)

    def to_dict(self) -> dict:
        return {"file": self.file, "reason": self.reason}


@dataclass
class Sweep:
    path: Path
    name: str
    rows: list[dict]
    needs: list[Skipped] = field(default_factory=list)   # a run log it would read k_drift from, skipped


@dataclass
class Intake:
    root: Path
    runs: list[Run] = field(default_factory=list)
    sweeps: list[Sweep] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def problems(self, configs=(), k_mode: str | None = None, kinds=("run", "log", "eval"), logs_of=(),
                 sweeps: bool = False) -> list[dict]:
        """The skipped files a claim needed, as [{"file", "reason"}]: any folder that could not be listed; a run.json
        unless it plainly names a configuration outside ``configs`` or a mode other than ``k_mode``; the log or eval
        file of a run of ``configs`` (and ``k_mode``) when its kind is in ``kinds``, and the log of a run named in
        ``logs_of``; with ``sweeps``, every skipped sweep.csv and every file a sweep read its drift from."""
        out = []
        for s in self.skipped:
            if s.kind == "folder":
                need = True
            elif s.kind == "sweep":
                need = sweeps
            elif s.kind == "run":
                need = "run" in kinds and (s.config is None or s.config in configs) and (
                    k_mode is None or s.k_mode is None or s.k_mode == k_mode)
            else:
                need = (s.kind in kinds and s.config in configs and (k_mode is None or s.k_mode == k_mode)) or (
                    s.kind == "log" and s.run in logs_of)
            if need:
                out.append(s.to_dict())
        if sweeps:
            out += [n.to_dict() for sw in self.sweeps for n in sw.needs if n.to_dict() not in out]
        return out


def _relative(path: Path, root: Path) -> str:
    try:
        rel = Path(path).relative_to(root)
    except ValueError:
        rel = Path(path)
    return safe_text(rel.as_posix() if str(rel) != "." else ".")


def _walk(root: Path):
    """(folder, entry names) of every folder under ``root``, symbolic links to folders not followed; errors as
    (folder, None)."""
    errors = []
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        yield Path(folder), dirs + files
    for exc in errors:
        yield Path(getattr(exc, "filename", root) or root), None


def _warn(s: Skipped, root: Path) -> None:
    print(f"difftheory: warning: --gpu-results {safe_text(root)}: skipped {s.file}: {s.reason}", file=sys.stderr,
          flush=True)


def _read_intake(root: Path) -> Intake:
    intake = Intake(root)
    run_dirs, sweep_files = [], []
    for folder, names in _walk(root):
        if names is None:
            intake.skipped.append(Skipped(_relative(folder, root), "cannot be listed", "folder"))
            continue
        if "run.json" in names:
            run_dirs.append(folder)
        if "sweep.csv" in names:
            sweep_files.append(folder / "sweep.csv")
    by_path = {}
    for folder in sorted(run_dirs):
        name = _relative(folder, root)
        text = None
        try:
            text = read_text(folder / "run.json", root, MAX_BYTES["run.json"])
            info = parse_run_info(text)
        except ResultFileError as exc:
            cfg, mode = _config_hint(text) if text is not None else (None, None)
            intake.skipped.append(Skipped(_relative(folder / "run.json", root), str(exc), "run", cfg, mode))
            continue
        run = Run(folder, info, name=name)
        for fname, parse, attr in (("log.csv", parse_log, "log"), ("eval.csv", parse_eval, "eval")):
            if not os.path.lexists(folder / fname):
                continue
            try:
                setattr(run, attr, read_result(folder / fname, root, parse))
            except ResultFileError as exc:
                intake.skipped.append(Skipped(_relative(folder / fname, root), str(exc), fname.split(".")[0],
                                              info["config"], run.k_mode, name))
        intake.runs.append(run)
        by_path[folder] = run
    unread = {s.file: s for s in intake.skipped if s.kind in ("run", "log")}
    for path in sorted(sweep_files):
        try:
            rows = read_result(path, root, parse_sweep)
        except ResultFileError as exc:
            intake.skipped.append(Skipped(_relative(path, root), str(exc), "sweep"))
            continue
        sweep = Sweep(path, _relative(path, root), rows)
        for r in rows:   # a sweep.csv from before k_drift was written: the drift of its runs' logs beside it
            if r["k_drift"] is None:
                folder = path.parent / f"res{r['resolution']}"
                run = by_path.get(folder)
                if run is not None and run.log:
                    ks = run.log["k"][np.isfinite(run.log["k"])]
                    d = drift(ks.tolist())
                    r["k_drift"] = d if math.isfinite(d) else None
                else:
                    sweep.needs += [unread[f] for f in (_relative(folder / n, root) for n in ("run.json", "log.csv"))
                                    if f in unread]
        intake.sweeps.append(sweep)
    for s in intake.skipped:
        _warn(s, root)
    return intake


def _fingerprint(root: Path) -> tuple:
    """What the intake depends on: every result-file entry under ``root`` (path, type, size, mtime, inode)."""
    out = []
    for folder, names in _walk(root):
        for n in names or ():
            if n in RESULT_FILES:
                try:
                    st = os.lstat(folder / n)
                    out.append((str(folder / n), st.st_mode, st.st_size, st.st_mtime_ns, st.st_ino))
                except OSError:
                    out.append((str(folder / n), None))
        if names is None:
            out.append((str(folder), "unlistable"))
    return tuple(sorted(out, key=str))


_CACHE: dict = {}


def load(root) -> Intake:
    """The intake of ``root``: read once per process and content (all GPU claims of a run share it)."""
    root = Path(root)
    key = (str(Path(os.path.realpath(root))), _fingerprint(root))
    if key not in _CACHE:
        _CACHE.clear()   # one root at a time: the last one read
        _CACHE[key] = _read_intake(root)
    return _CACHE[key]


def load_runs(root) -> list[Run]:
    """The usable training runs under ``root`` (recursively), sorted by path."""
    return load(root).runs


def as_float(v) -> float | None:
    """A CSV or JSON cell as a finite float, else None."""
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


# ------------------------------------------------------------------------------------------ summaries
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
    """Every eval.csv row with an FID, with what makes two rows comparable: config, setting, seed, training step,
    epochs, training images and number of samples."""
    out = []
    for r in runs:
        for row in r.eval:
            if row["fid"] is None:
                continue
            step, n = row["step"], row["n_samples"]
            out.append({"config": r.info.get("config"), "space": r.info.get("space"), "setting": r.setting,
                        "seed": r.seed, "step": step, "epoch": r.epoch_of_step(step), "n_samples": n,
                        "n_data": r.info.get("n_data"), "fid": row["fid"], "run": r.name})
    return out
