"""Runs a selection of claims: in worker processes, resumable, with per-claim progress.

- **Workers.** Claims are grouped by the module that registers them (claims of one module share in-memory
  caches: trained models, sweeps); groups run in ``workers`` spawned processes, longest expected first.
  Every claim runs single-threaded with the global RNGs seeded from the run's seed, so its numbers do not
  depend on the worker count, the order, or what ran before it in the same process.
  Workers die with the main process (a parent-death signal, and a watch on the parent), ignore Ctrl-C (the
  main process stops them) and are killed when the run stops for any reason; none outlives it.
- **Figures** named by claims are rendered once, right after the first claim (in run order) that names
  them, in that claim's process (its caches are warm), into the staging folder ``OUT/.partial/out/figures``.
- **Resume.** Each finished claim is written atomically to ``OUT/.partial/<id>.json``, stamped with the run's
  settings and a run id; a run started again with ``resume=True`` (same settings, checked) reruns only the
  claims not yet there, and adopts only rows that carry its own stamp. A damaged ``.partial`` (settings or a
  row not of their shape) is refused with one line naming the file. The final ``claims.json`` is the same as
  an uninterrupted run's (timing aside).
- **All or nothing.** The report is written into ``OUT/.partial/out`` beside the figures and moved into
  ``OUT`` together (``commit``, ``difftheory.io.commit_staged``); a run that stops before (full disk, signal)
  leaves ``OUT`` as it was and its finished claims for ``resume``.
- **Progress.** A bar over the expected seconds of the claims (from an earlier ``claims.json`` of the same
  scale when one is found), naming the claims running now, with an ETA; off when stderr is no terminal.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
import traceback
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

from difftheory import ledger
from difftheory.io import commit_staged, disk_full, finish_staged, signals_held, stop_signals, write_json
from difftheory.threads import single_thread
from difftheory.validate import shown

PARTIAL = ".partial"
SETTINGS_FILE = "settings.json"
STAGE = "out"  # OUT/.partial/out: figures and report, moved into OUT together
STAMP_KEYS = ("scale", "seed", "gpu_results", "run")  # what a row carries of its run (``_run``)


def run_settings(claims: list[ledger.Claim], ctx: ledger.Context) -> dict:
    """What a resumed run must share with the run it continues."""
    return {"scale": ctx.scale, "seed": ctx.seed, "gpu_results": None if ctx.gpu_results is None else str(ctx.gpu_results),
            "claims": [c.id for c in claims]}


def figure_owners(claims: list[ledger.Claim]) -> dict[str, str]:
    """figure name -> id of the first claim (in run order) that names it: that claim's process renders it."""
    owners: dict[str, str] = {}
    for c in claims:
        for name in c.figures:
            owners.setdefault(name, c.id)
    return owners


def groups(claims: list[ledger.Claim]) -> list[list[ledger.Claim]]:
    """Claims grouped by registering module (shared in-memory caches), run order kept inside a group."""
    out: OrderedDict[str, list[ledger.Claim]] = OrderedDict()
    for c in claims:
        out.setdefault(c.fn.__module__, []).append(c)
    return list(out.values())


def stage_dir(out) -> Path:
    """Where a run's figures and report are written before ``commit`` moves them into ``out``."""
    return Path(out) / PARTIAL / STAGE


def run_claim(c: ledger.Claim, ctx: ledger.Context, owned: list[str]) -> dict:
    """One claim, single-threaded and seeded, then the figures it owns (into the staging folder); the row
    carries ``_rendered``. A full disk stops the run (it is no verdict)."""
    import numpy as np
    import torch

    random.seed(ctx.seed)
    np.random.seed(ctx.seed % 2**32)
    torch.manual_seed(ctx.seed)
    with single_thread():
        row = ledger.run_one(c, ctx)
        rendered: dict[str, list[str]] = {}
        for name in owned:
            try:
                from difftheory.figures import registry

                paths = registry.render(name, stage_dir(ctx.out) / "figures", ctx.scale, ctx.seed)
                rendered[name] = [_relative(p, stage_dir(ctx.out)) for p in paths]
            except Exception as exc:  # noqa: BLE001 - report, keep going
                if disk_full(exc):
                    raise
                rendered[name] = []
                row["verdict"] = "error"
                row["detail"] = f"figure {name} failed:\n{traceback.format_exc()}"
    row["_rendered"] = rendered
    return row


def _relative(path: Path, out: Path) -> str:
    """A figure's path relative to the output folder (portable reports), absolute if it lies elsewhere."""
    try:
        return str(Path(path).resolve().relative_to(Path(out).resolve()))
    except ValueError:
        return str(path)


def _partial_path(out: Path, claim_id: str) -> Path:
    return Path(out) / PARTIAL / f"{claim_id}.json"


_PARENT: int | None = None  # in a worker: the main process's pid


def _worker_start(parent: int) -> None:
    """Worker initializer: die with the main process, leave Ctrl-C to it (it stops the workers itself)."""
    import signal
    import threading

    global _PARENT
    _PARENT = parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Linux: the kernel kills this process when its parent dies, whatever kills the parent
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    _exit_if_orphaned()  # the parent may have died before prctl

    def watch():  # elsewhere (and as a second guard): poll the parent
        while True:
            time.sleep(0.5)
            _exit_if_orphaned()

    threading.Thread(target=watch, daemon=True, name="watch-parent").start()


def _exit_if_orphaned() -> None:
    if _PARENT is not None and os.getppid() != _PARENT:
        os._exit(1)


def _save_row(ctx: ledger.Context, cid: str, row: dict, stamp: dict) -> None:
    _exit_if_orphaned()  # an orphaned worker writes nothing
    write_json(_partial_path(ctx.out, cid), {**row, "_run": stamp}, indent=None)


def _run_group(module: str, ids: list[str], ctx: ledger.Context, owners: dict[str, str], stamp: dict) -> None:
    """Worker entry point: run the claims ``ids`` (registered by ``module``) in order, each saved as soon as it is
    done. Only that module is imported (not every claims module: seconds per worker)."""
    import importlib

    importlib.import_module(module)
    for cid in ids:
        c = ledger.REGISTRY[cid]
        owned = [name for name in c.figures if owners.get(name) == cid]
        row = run_claim(c, ctx, owned)
        _save_row(ctx, cid, row, stamp)


def _row_problem(row, c: ledger.Claim, scale: str, out: Path) -> str | None:
    """Why ``row`` is not what ``_save_row`` writes for claim ``c`` (None if it is): a dict whose fixed fields
    equal the claim's registration, whose verdict and detail are what the claim's decision gives on its evidence
    (a decision is pure: re-deciding is cheap and catches an edited verdict), and whose figures lie in the
    staging folder."""
    if not isinstance(row, dict):
        return f"it holds a JSON {type(row).__name__}, not a claim's row"
    missing = [k for k in ledger.ROW_KEYS + ("_run", "_rendered") if k not in row]
    if missing:
        return f"it lacks {', '.join(missing)}"
    fixed = ledger.row(c, scale, ledger.Decision("open", "-"), {}, [], 0.0)
    decided = ("verdict", "reading", "margin", "deciding", "fragile", "detail", "evidence", "margin_detail", "figures",
               "seconds")
    changed = [k for k in ledger.ROW_KEYS if k not in decided and row[k] != fixed[k]]
    if changed:
        return f"its {', '.join(changed)} {'is' if len(changed) == 1 else 'are'} not the claim's"
    kinds = {"verdict": str, "detail": str, "evidence": dict, "figures": list, "_run": dict, "_rendered": dict,
             "seconds": (int, float)}
    wrong = [k for k, t in kinds.items() if not isinstance(row[k], t) or isinstance(row[k], bool)]
    if wrong:
        return f"its {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not of the row's type"
    if row["verdict"] not in ledger.OUTCOMES:
        return f"its verdict {shown(row['verdict'])} is none of {', '.join(ledger.OUTCOMES)}"
    if row["verdict"] != "error":  # an error row holds a traceback, not a decision
        try:
            d, m = ledger.assess(c, row["evidence"])
        except Exception:  # noqa: BLE001 - evidence the decision cannot read
            return "its evidence is not what the claim's decision reads"
        if (d.verdict, d.detail, d.reading, m.fragile) != (row["verdict"], row["detail"], row["reading"], row["fragile"]):
            return f"its verdict and detail are not what the decision gives on its evidence ({d.verdict})"
    for name, paths in row["_rendered"].items():
        if name not in c.figures or not isinstance(paths, list) or not all(
                isinstance(x, str) and not Path(x).is_absolute() and ".." not in Path(x).parts
                and (stage_dir(out) / x).is_file() for x in paths):
            return f"its figure {shown(name)} is not one of the claim's figures in {stage_dir(out)}"
    return None


def _load_partial(out: Path, claims: list[ledger.Claim], stamp: dict, strict: bool) -> dict[str, dict]:
    """The finished rows of this run (those stamped ``stamp``). ``strict`` (resume): a damaged row is refused
    with ``ResumeRefused`` naming its file; otherwise (polling a running run) it is skipped. A row of another
    run (another seed, or a worker of a run that was killed) is never adopted: its claim runs again."""
    done = {}
    for c in claims:
        p = _partial_path(out, c.id)
        if not os.path.lexists(p):
            continue
        row = None
        try:
            row = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:  # ValueError: not UTF-8 or not JSON (atomic writes: never torn)
            problem = f"it is not a readable JSON file: {exc.strerror if isinstance(exc, OSError) else type(exc).__name__}"
        else:
            problem = _row_problem(row, c, stamp["scale"], out)
        if problem is not None:
            if strict:
                raise ResumeRefused(f"resume: {p} is damaged ({problem}); delete it to run that claim again, or "
                                    "run without resume")
            continue
        if row["_run"] == stamp:
            done[c.id] = row
    return done


class ResumeRefused(ValueError):
    """``resume=True`` but ``ctx.out`` holds no unfinished run, or one with other settings (the message names the
    parameter ``resume``; the CLI names its flag)."""


def unfinished_run(out) -> Path:
    """The settings file of the unfinished run in ``out``; ``ResumeRefused`` when there is none. Reads only: callers
    check before creating ``out`` (a mistaken resume leaves nothing behind)."""
    f = Path(out) / PARTIAL / SETTINGS_FILE
    if os.path.lexists(f) and not f.is_file():
        raise ResumeRefused(f"resume: {f} is damaged (it is not a file); run without resume (it starts afresh)")
    if not f.is_file():
        raise ResumeRefused(f"resume: no unfinished run in {out} (no {PARTIAL}/{SETTINGS_FILE}); run without resume")
    return f


def _stored_settings(f: Path) -> dict:
    """The settings file of an unfinished run, checked to be of the shape ``prepare`` writes."""
    try:
        stored = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8 or not JSON (e.g. truncated)
        problem = f"it is not readable JSON: {type(exc).__name__}"
    else:
        kinds = {"scale": str, "seed": int, "gpu_results": (str, type(None)), "claims": list, "run": str}
        if not isinstance(stored, dict):
            problem = f"it holds a JSON {type(stored).__name__}, not a run's settings"
        elif any(k not in stored or not isinstance(stored[k], t) or isinstance(stored[k], bool)
                 for k, t in kinds.items()) or not all(isinstance(c, str) for c in stored["claims"]):
            problem = f"it lacks {', '.join(kinds)} of the right types"
        else:
            return stored
    raise ResumeRefused(f"resume: {f} is damaged ({problem}); run without resume (it starts afresh)")


def prepare(claims: list[ledger.Claim], ctx: ledger.Context, resume: bool) -> tuple[dict[str, dict], dict]:
    """Check or start the partial folder; return the rows already finished (resume) or {}, and the stamp
    every row of this run carries."""
    part = Path(ctx.out) / PARTIAL
    settings = run_settings(claims, ctx)
    if resume:
        stored = _stored_settings(unfinished_run(ctx.out))
        for key in ("scale", "seed", "gpu_results", "claims"):
            if stored[key] != settings[key]:
                was = stored[key] if key != "claims" else f"{len(stored[key])} claims"
                given = settings[key] if key != "claims" else f"{len(settings[key])} claims"
                raise ResumeRefused(f"resume: the unfinished run in {ctx.out} has {key} = {shown(was)}, this one "
                                    f"{shown(given)}; resume with the same settings or run without resume")
        stamp = {k: stored[k] for k in STAMP_KEYS}
        return _load_partial(ctx.out, claims, stamp, strict=True), stamp
    if part.exists():
        shutil.rmtree(part)  # an earlier run's rows, figures and report: this run starts afresh
    settings["run"] = uuid.uuid4().hex
    write_json(part / SETTINGS_FILE, settings, indent=None)
    return {}, {k: settings[k] for k in STAMP_KEYS}


def expected_seconds(claims: list[ledger.Claim], scale: str, hints: list[Path]) -> dict[str, float]:
    """Per-claim expected seconds from the first readable ``claims.json`` among ``hints`` with the same
    scale (1 s for a claim not found)."""
    for h in hints:
        try:
            rows = json.loads(Path(h).read_text(encoding="utf-8"))
            got = {r["id"]: float(r.get("seconds", 1.0)) for r in rows if r.get("scale", scale) == scale}
        except (OSError, ValueError, TypeError, KeyError):
            continue
        if got:
            return {c.id: max(0.05, got.get(c.id, 1.0)) for c in claims}
    return {c.id: 1.0 for c in claims}


def run_claims(claims: list[ledger.Claim], ctx: ledger.Context, *, workers: int = 1, resume: bool = False,
               progress: bool = True, hints: list[Path] = ()) -> list[dict]:
    """Run ``claims`` (resuming when asked) and return their rows in the given order, figures attached (paths
    relative to the staging folder, the same relative to ``ctx.out`` after ``commit``)."""
    done, stamp = prepare(claims, ctx, resume)
    owners = figure_owners(claims)
    todo = [c for c in claims if c.id not in done]
    expect = expected_seconds(claims, ctx.scale, list(hints))
    bar = _Progress(claims, expect, done, enabled=progress)
    try:
        if workers <= 1 or len(groups(todo)) <= 1:
            for c in todo:
                bar.running([c.id])
                row = run_claim(c, ctx, [n for n in c.figures if owners.get(n) == c.id])
                _save_row(ctx, c.id, row, stamp)
                done[c.id] = {**row, "_run": stamp}
                bar.finished(c.id)
        else:
            _run_parallel(todo, ctx, owners, workers, expect, done, bar, stamp)
    finally:
        bar.close()
    return assemble(claims, done)


def _run_parallel(todo, ctx, owners, workers, expect, done, bar, stamp) -> None:
    """The groups in ``workers`` spawned processes; any way this ends early (a signal, a full disk, a worker
    that died) kills the workers before it returns."""
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    gs = sorted(groups(todo), key=lambda g: -sum(expect[c.id] for c in g))  # longest first
    ids = [c.id for c in todo]
    with _deaf_children():
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                                   initializer=_worker_start, initargs=(os.getpid(),))
        futures = {pool.submit(_run_group, g[0].fn.__module__, [c.id for c in g], ctx, owners, stamp): g for g in gs}
    try:
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for f in finished:
                f.result()  # a worker that raised (not a claim that raised: that is a row) stops the run
            new = _load_partial(ctx.out, [c for c in todo if c.id not in done], stamp, strict=False)
            for cid, row in new.items():
                done[cid] = row
                bar.finished(cid)
            bar.running([next(c.id for c in g if c.id not in done)
                         for g in (futures[f] for f in pending) if any(c.id not in done for c in g)])
        missing = [i for i in ids if i not in done]
        if missing:
            raise ChildProcessError(f"the workers ended without the rows of {len(missing)} claims "
                                    f"({', '.join(missing[:3])}{', …' if len(missing) > 3 else ''})")
    except BrokenProcessPool:
        _stop_workers(pool)
        raise ChildProcessError("a worker process died (killed by a signal, or out of memory)") from None
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


@contextmanager
def _deaf_children():
    """Processes started in this block ignore SIGINT/SIGTERM/SIGHUP (an ignored disposition survives exec, and
    Python keeps it): a Ctrl-C reaches the whole process group, and this process, not each worker, decides how
    the run stops. Those signals are held back meanwhile and delivered here after the block."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = stop_signals()
    with signals_held():
        before = {s: signal.signal(s, signal.SIG_IGN) for s in names}
        try:
            yield
        finally:
            for s, h in before.items():
                signal.signal(s, h)


def _stop_workers(pool) -> None:
    """Kill the pool's processes now (``shutdown`` alone waits for the running groups to finish)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for p in procs:
        try:
            p.kill()
        except (OSError, ValueError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        try:
            p.join(timeout=10)
        except (OSError, ValueError, AssertionError):
            pass


def assemble(claims: list[ledger.Claim], done: dict[str, dict]) -> list[dict]:
    """Rows in run order; every claim gets the paths of all figures it names, whoever rendered them."""
    rendered: dict[str, list[str]] = {}
    for r in done.values():
        rendered.update(r.get("_rendered", {}))
    rows = []
    for c in claims:
        r = {k: v for k, v in done[c.id].items() if k not in ("_rendered", "_run")}
        r["figures"] = [p for name in c.figures for p in rendered.get(name, [])]
        rows.append(r)
    return rows


def commit(out: Path) -> list[Path]:
    """Move the staged figures and report into ``out`` together (``io.commit_staged``), then remove the partial
    folder; returns the paths written."""
    written = commit_staged(stage_dir(out), out)
    finish(out)
    return written


def recover(out: Path) -> None:
    """Before a run into ``out``: complete the commit of a run killed among its renames (its report and figures
    are complete; the partial folder goes with it)."""
    if finish_staged(stage_dir(out), out):
        finish(out)


def finish(out: Path) -> None:
    """Remove the partial folder once the report is written."""
    part = Path(out) / PARTIAL
    if part.is_dir():
        shutil.rmtree(part)


class _Progress:
    """tqdm over expected seconds; the postfix names what is running and its expected time."""

    def __init__(self, claims, expect, done, enabled: bool):
        from tqdm import tqdm

        self.expect = expect
        total = sum(expect[c.id] for c in claims)
        self.bar = tqdm(total=round(total, 1), desc="verify", unit="s", file=sys.stderr,
                        disable=None if enabled else True,  # None: off when stderr is not a terminal
                        bar_format="{l_bar}{bar}| {n:.0f}/{total:.0f} s expected [{elapsed}<{remaining}] {postfix}")
        self.n_done, self.n = len(done), len(claims)
        self.bar.update(round(sum(expect[i] for i in done), 1))
        self.t0 = time.time()

    def running(self, ids: list[str]) -> None:
        self.bar.set_postfix_str(f"{self.n_done}/{self.n} claims; running "
                                 + ", ".join(f"{i} (~{self.expect[i]:.0f} s)" for i in ids))

    def finished(self, cid: str) -> None:
        self.n_done += 1
        self.bar.update(round(self.expect[cid], 1))

    def close(self) -> None:
        self.bar.close()


def default_workers() -> int:
    """Worker processes for ``verify``: the cores this process may use, at most 8."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:
        n = os.cpu_count() or 1
    return max(1, min(8, n))
