"""Side-by-side timing for the k-Diff MLP sweep (CPU seconds, same process, one thread): every (d, seed) model of
one ambient D trained as one vmap-stacked ensemble (how manifold_sweep trains) vs one ensemble per config (how it
trained before), and the torch.optim.Adam constructor the trainer now avoids.

Run: python benchmarks/bench_kdiff_mlp.py"""

import time

from difftheory.threads import single_thread
from difftheory.toy.kdiff_mlp import train_ensemble
from difftheory.toy.manifolds import make_manifold

STEPS, SEEDS, WIDTH = 200, 5, 64


def cpu(fn):
    t = time.process_time()
    fn()
    return time.process_time() - t


def main():
    train_ensemble(make_manifold("sphere", 4, 1), ["learn"], steps=2, width=8)  # warm-up outside the timings
    for D, ds in ((16, (1, 2, 4)), (64, (1, 2, 4))):
        ms = [make_manifold("sphere", D, d, 0) for d in ds]
        stacked = cpu(lambda: train_ensemble([m for m in ms for _ in range(SEEDS)], ["learn"] * SEEDS * len(ms),
                                             steps=STEPS, width=WIDTH, lr_schedule="constant"))
        separate = cpu(lambda: [train_ensemble(m, ["learn"] * SEEDS, steps=STEPS, width=WIDTH, lr_schedule="constant")
                                for m in ms])
        print(f"D={D}, {len(ms)} configs × {SEEDS} seeds, {STEPS} steps: stacked {stacked:.2f} s, one ensemble per "
              f"config {separate:.2f} s, ratio {separate / stacked:.2f}")
    t = time.process_time()
    import torch

    p = torch.nn.Parameter(torch.zeros(3))
    torch.optim.Adam([p])
    print(f"first torch.optim.Adam(...) in a process: {time.process_time() - t:.2f} s (the trainer uses linear_model's Adam)")


if __name__ == "__main__":
    with single_thread():
        main()
