"""``difftheory verify`` at quick scale in one process against two worker processes, side by side in one run:
wall and CPU time of each, and a check that both give the same claims.json (timing fields aside).

    python benchmarks/bench_verify.py [--scale quick] [--only GLOB]

Each run gets an empty model cache (``DIFFTHEORY_CACHE``) so that neither profits from the other's training."""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(workers: int, scale: str, only: str | None, root: Path) -> tuple[float, float, list]:
    out, cache = root / f"out-w{workers}", root / f"cache-w{workers}"
    cmd = [sys.executable, "-m", "difftheory", "verify", "--scale", scale, "--workers", str(workers), "--out", str(out),
           "--no-progress"] + (["--only", only] if only else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env={**os.environ, "DIFFTHEORY_CACHE": str(cache), "MPLBACKEND": "Agg"},
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rows = json.loads((out / "claims.json").read_text())
    return wall, cpu, [{k: v for k, v in r.items() if k != "seconds"} for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="quick")
    ap.add_argument("--only")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        w1, c1, r1 = run(1, a.scale, a.only, Path(tmp))
        w2, c2, r2 = run(2, a.scale, a.only, Path(tmp))
    print(f"verify --scale {a.scale}: 1 process {w1:.1f} s wall / {c1:.1f} s CPU; 2 workers {w2:.1f} s wall / "
          f"{c2:.1f} s CPU; wall ratio {w1 / w2:.2f}x; same claims.json: {r1 == r2}")


if __name__ == "__main__":
    main()
