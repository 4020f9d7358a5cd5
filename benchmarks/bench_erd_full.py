"""erd's NTK claims (Figs. 10–12) at App. F scale, before and after "train each model once, only what is read,
share it through the disk cache" — side by side in one process, single-threaded, CPU seconds.

- before: the old path — the 12 global and 60 piecewise models trained in one stack (the NTK claims read only the
  12 global ones), then the NTK spectra of the 12 global models (one input draw per t);
- after, cold cache: the 12 global models and the 4 replicates of the ε/GVP cell (the only models the NTK claims
  read), trained into an empty disk cache, then ``erd_experiments.ntk_study`` (final and 80 % parameters,
  half-sample noise, Grams with controls);
- after, warm cache: the same with the models loaded from the cache (a second claim, process or run).

Training at App. F's 2000 iterations is the bulk of "before" (an hour or more on a shared core), so training runs a
proportional subset (``--iterations``, default 100 = 5 %) and its CPU time is scaled to 2000 iterations; the NTK parts
run at full size. Both the measured and the extrapolated numbers are printed.

    python benchmarks/bench_erd_full.py [--iterations 100]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import tempfile
import time

import numpy as np
import torch

from difftheory.toy import erd_experiments
from difftheory.toy import erd_train
from difftheory.toy import ntk
from difftheory.toy.erd_train import ModelSpec, TrainConfig, train_stack


def cpu(fn):
    t0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - t0, time.perf_counter() - w0


def before(cfg: TrainConfig, scale: erd_experiments.ExperimentScale):
    """The old ``global_and_piecewise`` + ``ntk_study`` path."""
    nb = scale.n_bins
    piece = [ModelSpec(s.target, s.schedule, t_lo=b / nb, t_hi=(b + 1) / nb) for s in erd_experiments.GLOBAL_SPECS for b in range(nb)]
    specs = list(erd_experiments.GLOBAL_SPECS) + piece
    (params, _), t_train, _ = cpu(lambda: train_stack(specs, cfg, 0))

    def spectra():
        out = []
        for m, spec in enumerate(erd_experiments.GLOBAL_SPECS):
            p = erd_experiments.one(params, m, torch.float64)
            for j, t in enumerate(scale.ntk_ts):
                z, tt, _ = erd_experiments._inputs_at(spec.schedule, float(t), scale.ntk_n, torch.Generator().manual_seed(7 + j),
                                         torch.float64)
                out.append(ntk.eigenvalues(ntk.ntk_structured(p, z, tt))[:3])
        return out

    _, t_ntk, _ = cpu(spectra)
    return len(specs), t_train, t_ntk


def after(scale_name: str):
    def train():
        erd_experiments.group("global", scale_name, 0)
        erd_experiments.group("replicates", scale_name, 0)

    _, t_train, _ = cpu(train)
    _, t_ntk, _ = cpu(lambda: erd_experiments.ntk_study(scale_name, 0))
    return len(erd_experiments.group_specs("global", scale_name)) + len(erd_experiments.group_specs("replicates", scale_name)), t_train, t_ntk


def clear():
    for f in (erd_experiments.global_models, erd_experiments.ntk_study, erd_train.trained):
        f.cache_clear()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=100, help="training iterations run (App. F: 2000)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    full = erd_experiments.EXPERIMENT_SCALES["full"]
    cfg = dataclasses.replace(full.train, iterations=args.iterations)
    erd_experiments.EXPERIMENT_SCALES["bench"] = dataclasses.replace(full, train=cfg)
    scale_up = full.train.iterations / args.iterations
    with tempfile.TemporaryDirectory() as cache:
        os.environ["DIFFTHEORY_CACHE"] = cache
        n_before, b_train, b_ntk = before(cfg, full)
        clear()
        n_after, a_train, a_ntk = after("bench")
        clear()
        _, w_train, w_ntk = after("bench")
    rows = [("before (72 models trained, NTK of 12)", n_before, b_train, b_ntk),
            ("after, cold cache (16 models, NTK of 16 with drift)", n_after, a_train, a_ntk),
            ("after, warm cache (models loaded)", 0, w_train, w_ntk)]
    print(f"App. F scale (width {cfg.width}, batch {cfg.batch}); training measured at {args.iterations} iterations, "
          f"scaled ×{scale_up:g} to {full.train.iterations}; NTK at n = {full.ntk_n}, {len(full.ntk_ts)} times; CPU seconds, "
          "one thread")
    print(f"{'path':54s} {'models':>6s} {'train(meas)':>11s} {'train(2000)':>11s} {'NTK':>7s} {'total(2000)':>11s}")
    totals = []
    for name, n, tr, nt in rows:
        total = tr * (scale_up if n else 1) + nt
        totals.append(total)
        print(f"{name:54s} {n:6d} {tr:11.1f} {tr * (scale_up if n else 1):11.1f} {nt:7.1f} {total:11.1f}")
    print(f"ratio before / after (cold) = {totals[0] / totals[1]:.2f}x; before / after (warm) = {totals[0] / totals[2]:.2f}x")
    print(f"per model-iteration: before {b_train / n_before / args.iterations * 1e3:.2f} ms, after "
          f"{a_train / n_after / args.iterations * 1e3:.2f} ms")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
