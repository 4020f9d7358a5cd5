"""``difftheory figures``: regenerate the paper figures."""

from __future__ import annotations

from pathlib import Path

from difftheory.io import check_writable_dir
from difftheory.ledger import SCALES
from difftheory.validate import check_int


def add_arguments(p):
    p.add_argument("--only", metavar="GLOB", help="figure names matching GLOB (e.g. 'kdiff_*'); see --list")
    p.add_argument("--out", default="figures-out", help="output folder (default figures-out/)")
    p.add_argument("--scale", choices=SCALES, default="quick")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--list", action="store_true", help="list the figure names and exit")


def run(args) -> int:
    from tqdm import tqdm

    from difftheory.figures import registry

    seed = check_int("--seed", args.seed, 0, 2**32 - 1)
    if args.list:
        for f in registry.select():
            print(f"{f.id}\t{f.paper}\t{f.caption}")
        return 0
    if args.only is not None and not args.only.strip():
        raise ValueError("--only must be a non-empty glob over figure names (e.g. 'kdiff_*'), got ''")
    names = [f.id for f in registry.select(args.only)]
    if not names:
        raise ValueError(f"--only {args.only!r} matches no figure (available: {', '.join(sorted(registry.discover()))})")
    out = check_writable_dir("--out", Path(args.out))
    for name in tqdm(names, desc="figures", unit="fig", disable=None):   # None: no bar when stderr is not a terminal
        for path in registry.render(name, out, args.scale, seed):
            print(path)
    return 0
