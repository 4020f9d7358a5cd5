"""``difftheory verify``: run the claims ledger and write the report (the work is in ``difftheory.runner``)."""

from __future__ import annotations

import fnmatch
import json
import platform
import shlex
import sys
import time
from pathlib import Path

from difftheory import ledger, paper, report, runner
from difftheory.io import check_path, check_writable_dir, folder_lock
from difftheory.validate import check_int, int_flag, shown

WORKERS_MAX = 64

REFERENCE = Path(__file__).resolve().parents[2] / "reference"  # the committed reference ledgers (source checkout)


def add_arguments(p):
    p.add_argument("--scale", choices=ledger.SCALES, default="quick", help="quick (default, minutes) or full")
    p.add_argument("--only", metavar="GLOB", help="run only claims whose id matches GLOB, e.g. '<paper>.*'")
    p.add_argument("--out", default="verify-out", help="output folder (default verify-out/)")
    p.add_argument("--seed", type=int_flag(0, ledger.SEED_MAX), default=0,
                   help=f"seed for every stochastic check, an integer in [0, {ledger.SEED_MAX}] (default 0)")
    p.add_argument("--gpu-results", metavar="DIR", help="folder of GPU run logs for the method=gpu claims")
    p.add_argument("--workers", type=int_flag(1, WORKERS_MAX), default=None,
                   help=f"worker processes, 1 to {WORKERS_MAX} (default: the usable cores, at most 8); the numbers do "
                        "not depend on it")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run in --out (same settings): rerun only the unfinished claims")
    p.add_argument("--compare", metavar="DIR",
                   help="after the run, list the claims whose verdict differs from DIR/claims.json (e.g. reference/full)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args) -> int:
    seed = check_int("--seed", args.seed, 0, ledger.SEED_MAX)
    workers = runner.default_workers() if args.workers is None else check_int("--workers", args.workers, 1, WORKERS_MAX)
    gpu = None
    if args.gpu_results is not None:
        gpu = check_path("--gpu-results", args.gpu_results)
        if not gpu.is_dir():
            raise ValueError(f"--gpu-results must be an existing folder, got {args.gpu_results!r}")
    reference = None
    if args.compare is not None:
        try:
            compare = check_path("--compare", args.compare)
            reference = compare / "claims.json" if compare.is_dir() else compare
            reference_rows = json.loads(reference.read_text(encoding="utf-8"))
            {r["id"]: r["verdict"] for r in reference_rows}
        except (OSError, ValueError, TypeError, KeyError):
            raise ValueError(f"--compare must be a folder with a readable claims.json (or that file), got "
                             f"{shown(args.compare)}") from None
    if args.only is not None and not args.only.strip():
        raise ValueError("--only must be a non-empty glob over claim ids (e.g. '<paper>.*'), got ''")
    claims = ledger.select(args.only)
    unloaded = ledger.load_error_rows(args.scale)  # plug-ins that could not load: one error row each
    load_errors = [r for r in unloaded if args.only is None or fnmatch.fnmatchcase(r["id"], args.only)]
    if not claims and not load_errors:
        example = next(iter(paper.names()), "paper")
        raise ValueError(f"--only {shown(args.only)} matches no claim id (try '{example}.*')")
    check_path("--out", args.out)
    try:
        if args.resume:
            runner.unfinished_run(args.out)  # before --out is created: a mistaken --resume leaves nothing behind
        out = check_writable_dir("--out", Path(args.out))
        with folder_lock("--out", out):  # a second run into --out is refused while this one runs
            runner.recover(out)
            ctx = ledger.Context(scale=args.scale, seed=seed, out=out, gpu_results=gpu)
            hints = [out / "claims.json", REFERENCE / args.scale / "claims.json"]
            cache_at_start = model_cache_state()
            t0 = time.time()
            rows = runner.run_claims(claims, ctx, workers=workers, resume=args.resume, progress=not args.no_progress,
                                     hints=hints) if claims else []
            for row in unloaded:  # a plug-in that could not load: one line, one error row
                print(f"difftheory verify: paper {row['paper']!r} could not be loaded: {row['detail']}",
                      file=sys.stderr)
            rows += load_errors
            meta = run_meta(args, seed, workers, time.time() - t0, t0)
            meta["model_cache"] = cache_at_start
            report.write_report(rows, runner.stage_dir(out), meta)  # beside the figures, then moved together
            runner.commit(out)
    except runner.ResumeRefused as exc:  # the library names the parameter ``resume``, the CLI its flag
        raise ValueError(_resume_flag(str(exc))) from None
    for line in report.summary_lines(rows):
        print(line)
    print(f"report: {out / 'report.md'}  {out / 'report.html'}  {out / 'claims.json'}")
    if reference is not None:
        for line in report.compare_lines(rows, reference_rows, args.compare):
            print(line)
    return 1 if any(r["verdict"] == "error" for r in rows) else 0


def stopped_hint(args) -> str:
    """After a run stopped early (signal, full disk): how to continue it, when its finished claims were kept."""
    part = Path(args.out) / runner.PARTIAL
    if not (part / runner.SETTINGS_FILE).is_file():
        return ""
    n = sum(1 for p in part.glob("*.json") if p.name != runner.SETTINGS_FILE)
    return f"{n} finished claims are kept in {part}: run the same command with --resume to continue"


def _resume_flag(message: str) -> str:
    """``runner.ResumeRefused``'s message ("resume: …; … run without resume") with the flag ``--resume``."""
    if message.startswith("resume:"):
        message = "--" + message
    if message.endswith("run without resume"):
        message = message[: -len("resume")] + "--resume"
    return message


def model_cache_state() -> str:
    """Where trained models are cached and how many entries it held when the run started (a run from an
    empty cache trains everything; its wall time is the honest one)."""
    from difftheory.cache import cache_dir

    root = cache_dir()
    if root is None:
        return "off"
    n = len(list(root.glob("*.safetensors"))) if root.is_dir() else 0
    return f"{root} ({n} entries at start)"


def run_meta(args, seed: int, workers: int, wall: float, started: float) -> dict:
    """Provenance for the report header."""
    import os

    import numpy
    import scipy
    import sympy
    import torch

    from difftheory import __version__

    argv = ["difftheory", "verify", "--scale", args.scale, "--seed", str(seed), "--out", str(args.out)]
    if args.only:
        argv += ["--only", args.only]
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    try:  # this process and its finished workers
        import resource

        cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                  for f in ("ru_utime", "ru_stime"))
    except ImportError:
        cpu = None
    return {"command": shlex.join(argv), "scale": args.scale, "seed": seed, "workers": workers,
            "wall_seconds": round(wall, 1), "cpu_seconds": None if cpu is None else round(cpu, 1), "cores": cores,
            "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started)),
            "versions": {"difftheory": __version__, "python": platform.python_version(), "torch": torch.__version__,
                         "numpy": numpy.__version__, "scipy": scipy.__version__, "sympy": sympy.__version__}}
