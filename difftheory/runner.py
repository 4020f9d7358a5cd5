"""Runs a selection of claims: in worker processes, resumable, with per-claim progress.

- **Workers.** Claims are grouped by the module that registers them (claims of one module share in-memory
  caches: trained models, sweeps); groups run in ``workers`` spawned processes, longest expected first.
  Every claim runs single-threaded with the global RNGs seeded from the run's seed, so its numbers do not
  depend on the worker count, the order, or what ran before it in the same process.
- **Figures** named by claims are rendered once, right after the first claim (in run order) that names
  them, in that claim's process (its caches are warm).
- **Resume.** Each finished claim is written atomically to ``OUT/.partial/<id>.json``; a run started again
  with ``resume=True`` (same settings, checked) reruns only the claims not yet there. The final
  ``claims.json`` is the same as an uninterrupted run's (timing aside).
- **Progress.** A bar over the expected seconds of the claims (from an earlier ``claims.json`` of the same
  scale when one is found), naming the claims running now, with an ETA; off when stderr is no terminal.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import traceback
from collections import OrderedDict
from pathlib import Path

from difftheory import ledger
from difftheory.io import write_json
from difftheory.threads import single_thread

PARTIAL = ".partial"
SETTINGS_FILE = "settings.json"


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


def run_claim(c: ledger.Claim, ctx: ledger.Context, owned: list[str]) -> dict:
    """One claim, single-threaded and seeded, then the figures it owns; the row carries ``_rendered``."""
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

                paths = registry.render(name, Path(ctx.out) / "figures", ctx.scale, ctx.seed)
                rendered[name] = [_relative(p, ctx.out) for p in paths]
            except Exception:  # noqa: BLE001 - report, keep going
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


def _run_group(ids: list[str], ctx: ledger.Context, owners: dict[str, str]) -> None:
    """Worker entry point: run the claims ``ids`` in order, each saved as soon as it is done."""
    registry = ledger.discover()
    for cid in ids:
        c = registry[cid]
        owned = [name for name in c.figures if owners.get(name) == cid]
        row = run_claim(c, ctx, owned)
        write_json(_partial_path(ctx.out, cid), row, indent=None)


def _load_partial(out: Path, ids: list[str]) -> dict[str, dict]:
    done = {}
    for cid in ids:
        p = _partial_path(out, cid)
        if p.is_file():
            try:
                done[cid] = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue  # a torn file cannot exist (atomic writes); an unreadable one is simply rerun
    return done


class ResumeRefused(ValueError):
    """``resume=True`` but ``ctx.out`` holds no unfinished run, or one with other settings (the message names the
    parameter ``resume``; the CLI names its flag)."""


def unfinished_run(out) -> Path:
    """The settings file of the unfinished run in ``out``; ``ResumeRefused`` when there is none. Reads only: callers
    check before creating ``out`` (a mistaken resume leaves nothing behind)."""
    f = Path(out) / PARTIAL / SETTINGS_FILE
    if not f.is_file():
        raise ResumeRefused(f"resume: no unfinished run in {out} (no {PARTIAL}/{SETTINGS_FILE}); run without resume")
    return f


def prepare(claims: list[ledger.Claim], ctx: ledger.Context, resume: bool) -> dict[str, dict]:
    """Check or start the partial folder; return the rows already finished (resume) or {}."""
    part = Path(ctx.out) / PARTIAL
    settings = run_settings(claims, ctx)
    if resume:
        stored = json.loads(unfinished_run(ctx.out).read_text(encoding="utf-8"))
        for key in ("scale", "seed", "gpu_results", "claims"):
            if stored.get(key) != settings[key]:
                shown = stored.get(key) if key != "claims" else f"{len(stored.get(key, []))} claims"
                given = settings[key] if key != "claims" else f"{len(settings[key])} claims"
                raise ResumeRefused(f"resume: the unfinished run in {ctx.out} has {key} = {shown!r}, this one "
                                    f"{given!r}; resume with the same settings or run without resume")
        return _load_partial(ctx.out, settings["claims"])
    if part.exists():
        for p in part.glob("*.json"):
            p.unlink()
    write_json(part / SETTINGS_FILE, settings, indent=None)
    return {}


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
    """Run ``claims`` (resuming when asked) and return their rows in the given order, figures attached."""
    done = prepare(claims, ctx, resume)
    owners = figure_owners(claims)
    todo = [c for c in claims if c.id not in done]
    expect = expected_seconds(claims, ctx.scale, list(hints))
    bar = _Progress(claims, expect, done, enabled=progress)
    try:
        if workers <= 1 or len(groups(todo)) <= 1:
            for c in todo:
                bar.running([c.id])
                row = run_claim(c, ctx, [n for n in c.figures if owners.get(n) == c.id])
                write_json(_partial_path(ctx.out, c.id), row, indent=None)
                done[c.id] = row
                bar.finished(c.id)
        else:
            _run_parallel(todo, ctx, owners, workers, expect, done, bar)
    finally:
        bar.close()
    return assemble(claims, done)


def _run_parallel(todo, ctx, owners, workers, expect, done, bar) -> None:
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    gs = sorted(groups(todo), key=lambda g: -sum(expect[c.id] for c in g))  # longest first
    ids = [c.id for c in todo]
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(_run_group, [c.id for c in g], ctx, owners): g for g in gs}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for f in finished:
                f.result()  # a worker that died (not a claim that raised: that is a row) stops the run
            new = _load_partial(ctx.out, [i for i in ids if i not in done])
            for cid, row in new.items():
                done[cid] = row
                bar.finished(cid)
            bar.running([next(c.id for c in g if c.id not in done)
                         for g in (futures[f] for f in pending) if any(c.id not in done for c in g)])


def assemble(claims: list[ledger.Claim], done: dict[str, dict]) -> list[dict]:
    """Rows in run order; every claim gets the paths of all figures it names, whoever rendered them."""
    rendered: dict[str, list[str]] = {}
    for r in done.values():
        rendered.update(r.get("_rendered", {}))
    rows = []
    for c in claims:
        r = {k: v for k, v in done[c.id].items() if k != "_rendered"}
        r["figures"] = [p for name in c.figures for p in rendered.get(name, [])]
        rows.append(r)
    return rows


def finish(out: Path) -> None:
    """Remove the partial folder once the report is written."""
    part = Path(out) / PARTIAL
    if part.is_dir():
        for p in part.iterdir():
            p.unlink()
        part.rmdir()


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
