"""Empirical NTK on erd App. F's MLP (width 256, 3 hidden layers, 2 outputs) at 500 inputs: the structured
per-layer path vs torch.func jacrev + vmap, side by side in one process. Prints the ratio (goal ≥ 50×).

    python benchmarks/bench_ntk.py [--n 500] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time

import torch

from difftheory.toy import ntk
from difftheory.toy.erd_model import init_mlp


def best_of(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = ap.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    g = torch.Generator().manual_seed(0)
    params = init_mlp(256, 3, generator=g)
    x = torch.randn(args.n, 2, generator=g) * 2
    t = torch.rand(args.n, generator=g)
    ts, Ks = best_of(lambda: ntk.ntk_structured(params, x, t), args.repeats)
    tj, Kj = best_of(lambda: ntk.ntk_jacrev(params, x, t), max(1, args.repeats - 2))
    rel = float((Ks - Kj).abs().max() / Kj.abs().max())
    print(f"threads={torch.get_num_threads()} n={args.n} kernel {tuple(Ks.shape)}")
    print(f"structured   {ts * 1e3:9.1f} ms")
    print(f"jacrev+vmap  {tj * 1e3:9.1f} ms")
    print(f"ratio jacrev/structured = {tj / ts:.1f}x  (max rel. difference {rel:.1e})")


if __name__ == "__main__":
    main()
