"""Training all 12 target × schedule models of erd App. F together (stacked parameters, batched GEMMs = torch.func.vmap
of one model) vs
one at a time, same code, same settings, side by side. Prints the ratio (goal ≥ 3× on 2 cores).

    python benchmarks/bench_erd_training.py [--iterations 100] [--width 256] [--batch 512]
"""

from __future__ import annotations

import argparse
import time

import torch

from difftheory.theory.target_conversions import ERD_TARGETS
from difftheory.theory.schedules import ERD_SCHEDULES as SCHEDULES
from difftheory.toy.erd_train import ModelSpec, TrainConfig, train_stack


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--width", type=int, default=256)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = ap.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    cfg = TrainConfig(iterations=args.iterations, batch=args.batch, width=args.width)
    specs = [ModelSpec(tg, sc) for sc in SCHEDULES for tg in ERD_TARGETS]
    train_stack(specs[:1], TrainConfig(iterations=3, batch=args.batch, width=args.width))  # warm-up
    t0 = time.perf_counter()
    train_stack(specs, cfg)
    stacked = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in specs:
        train_stack([s], cfg)
    single = time.perf_counter() - t0
    print(f"{len(specs)} models, {args.iterations} iterations, width {args.width}, batch {args.batch}")
    print(f"stacked          {stacked:8.2f} s")
    print(f"one at a time    {single:8.2f} s")
    print(f"ratio one-at-a-time/stacked = {single / stacked:.2f}x")


if __name__ == "__main__":
    main()
