"""``difftheory figures``: regenerate the paper figures."""

from __future__ import annotations

import shutil
from pathlib import Path

from difftheory.io import check_writable_dir, commit_staged, finish_staged, folder_lock
from difftheory.ledger import SCALES, SEED_MAX
from difftheory.validate import check_int, int_flag, shown

STAGE = ".staging"  # OUT/.staging: the figures of this run, moved into OUT together once all are drawn


def add_arguments(p):
    p.add_argument("--only", metavar="GLOB", help="figure names matching GLOB (e.g. 'kdiff_*'); see --list")
    p.add_argument("--out", default="figures-out", help="output folder (default figures-out/)")
    p.add_argument("--scale", choices=SCALES, default="quick")
    p.add_argument("--seed", type=int_flag(0, SEED_MAX), default=0,
                   help=f"seed, an integer in [0, {SEED_MAX}] (default 0)")
    p.add_argument("--list", action="store_true", help="list the figure names and exit")


def run(args) -> int:
    from tqdm import tqdm

    from difftheory.figures import registry

    seed = check_int("--seed", args.seed, 0, SEED_MAX)
    if args.list:
        for f in registry.select():
            print(f"{f.id}\t{f.paper}\t{f.caption}")
        return 0
    if args.only is not None and not args.only.strip():
        raise ValueError("--only must be a non-empty glob over figure names (e.g. 'kdiff_*'), got ''")
    names = [f.id for f in registry.select(args.only)]
    if not names:
        raise ValueError(f"--only {shown(args.only)} matches no figure (available: {', '.join(sorted(registry.discover()))})")
    out = check_writable_dir("--out", Path(args.out))
    with folder_lock("--out", out):  # a second run into --out is refused while this one runs
        stage = out / STAGE
        finish_staged(stage, out)  # a run killed among its renames: complete them
        shutil.rmtree(stage, ignore_errors=True)
        try:  # all or nothing: drawn into the staging folder, moved into --out together
            for name in tqdm(names, desc="figures", unit="fig", disable=None):  # None: off when stderr is no terminal
                registry.render(name, stage, args.scale, seed)
            written = commit_staged(stage, out)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    for path in written:
        print(path)
    return 0
