"""``difftheory verify``: run the claims ledger and write the report."""

from __future__ import annotations

import sys
from pathlib import Path

from difftheory import ledger, report
from difftheory.validate import check_int


def add_arguments(p):
    p.add_argument("--scale", choices=ledger.SCALES, default="quick", help="quick (default, minutes) or full")
    p.add_argument("--only", metavar="GLOB", help="run only claims whose id matches GLOB, e.g. 'kdiff.*'")
    p.add_argument("--out", default="verify-out", help="output folder (default verify-out/)")
    p.add_argument("--seed", type=int, default=0, help="seed for every stochastic check (default 0)")
    p.add_argument("--gpu-results", metavar="DIR", help="folder of GPU run logs for the method=gpu claims")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args) -> int:
    seed = check_int("--seed", args.seed, 0, 2**32 - 1)
    gpu = None
    if args.gpu_results is not None:
        gpu = Path(args.gpu_results)
        if not gpu.is_dir():
            raise ValueError(f"--gpu-results must be an existing folder, got {args.gpu_results!r}")
    claims = ledger.select(args.only)
    if not claims:
        raise ValueError(f"--only {args.only!r} matches no claim id (try 'kdiff.*')")
    out = Path(args.out)
    ctx = ledger.Context(scale=args.scale, seed=seed, out=out, gpu_results=gpu)
    rows = run_claims(claims, ctx, progress=not args.no_progress)
    report.write_report(rows, out)
    for line in report.summary_lines(rows):
        print(line)
    print(f"report: {out / 'report.md'}  {out / 'report.html'}  {out / 'claims.json'}")
    return 1 if any(r["verdict"] == "error" for r in rows) else 0


def run_claims(claims, ctx, progress: bool = True) -> list[dict]:
    """Run the claims, then render the figures they name (each once) and attach the paths."""
    import traceback

    from tqdm import tqdm

    from difftheory.figures import registry

    rows = []
    bar = tqdm(claims, desc="verify", unit="claim", disable=None if progress else True, file=sys.stderr)  # None: off when not a terminal
    for c in bar:
        bar.set_postfix_str(c.id)
        rows.append(ledger.run_one(c, ctx))
    rendered: dict[str, list[str]] = {}
    for c, row in zip(claims, rows):
        for name in c.figures:
            if name not in rendered:
                try:
                    paths = registry.render(name, Path(ctx.out) / "figures", ctx.scale, ctx.seed)
                    rendered[name] = [str(p) for p in paths]
                except Exception:  # noqa: BLE001 - report, keep going
                    rendered[name] = []
                    row["verdict"] = "error"
                    row["detail"] = f"figure {name} failed:\n{traceback.format_exc()}"
            row["figures"] = row["figures"] + rendered[name]
    return rows
