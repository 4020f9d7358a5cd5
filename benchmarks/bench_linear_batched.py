"""Batched vs looped training of kdiff's linear model, measured side by side (CPU seconds, one thread).

1. Exact mode: one ``train_exact`` call on B settings (stacked targets, batched moment algebra) against B calls on one
   setting each, same steps, same optimizer, no polish; checks the two give the same learned k.
2. Minibatch mode: one ``train_sgd`` call with R seeds (stacked W and targets) against R single-seed calls; checks
   each replicate reproduces its single run.
Run: ``python benchmarks/bench_linear_batched.py``.
"""

from __future__ import annotations

import time

import numpy as np

from difftheory.linear_model.trainer import Setting, train_exact, train_sgd
from difftheory.threads import single_thread
from difftheory.theory.time_densities import LATENT_DENSITY, PIXEL_DENSITY, TimeDensity


def settings_grid() -> list[Setting]:
    out = []
    for loss, sampler, clamp in (("u", TimeDensity(), None), ("u", PIXEL_DENSITY, None), ("v", LATENT_DENSITY, 0.05)):
        for D in (2, 8, 32, 128, 512, 1024):
            for d in (1, 4):
                if d <= D:
                    out.append(Setting(D, d, loss, sampler, clamp))
    return out


def main(steps: int = 300, repeats: int = 3, sgd_steps: int = 300, seeds: int = 6) -> dict:
    ss = settings_grid()
    with single_thread():
        train_exact(ss[:2], steps=5, polish=False)  # warm-up (quadrature nodes cached)
        t_batch, t_loop = [], []
        for _ in range(repeats):
            t0 = time.process_time()
            batched = train_exact(ss, steps=steps, lr=0.2, polish=False)
            t_batch.append(time.process_time() - t0)
            t0 = time.process_time()
            looped = np.array([train_exact([s], steps=steps, lr=0.2, polish=False).k[0] for s in ss])
            t_loop.append(time.process_time() - t0)
        s = Setting(8, 2, "u")
        t0 = time.process_time()
        rep = train_sgd(s, steps=sgd_steps, lr=0.03, batch=1024, seeds=list(range(seeds)))
        t_rep = time.process_time() - t0
        t0 = time.process_time()
        single = np.array([train_sgd(s, steps=sgd_steps, lr=0.03, batch=1024, seed=j).k[0] for j in range(seeds)])
        t_single = time.process_time() - t0
    tb, tl = min(t_batch), min(t_loop)
    res = {"settings": len(ss), "steps": steps, "batched_s": tb, "looped_s": tl, "ratio_looped_over_batched": tl / tb,
           "max_abs_k_difference": float(np.max(np.abs(batched.k - looped))),
           "sgd_seeds": seeds, "sgd_batched_s": t_rep, "sgd_looped_s": t_single, "sgd_ratio": t_single / t_rep,
           "sgd_max_abs_k_difference": float(np.max(np.abs(np.asarray(rep.k).reshape(-1) - single)))}
    print(f"exact: {len(ss)} settings × {steps} steps: batched {tb:.3f} s, looped {tl:.3f} s, "
          f"looped/batched = {tl / tb:.1f}×; max |k_batched − k_looped| = {res['max_abs_k_difference']:.1e}")
    print(f"sgd:   {seeds} seeds × {sgd_steps} steps (batch 1024): batched {t_rep:.3f} s, looped {t_single:.3f} s, "
          f"looped/batched = {t_single / t_rep:.1f}×; max |k difference| = {res['sgd_max_abs_k_difference']:.1e}")
    return res


if __name__ == "__main__":
    main()
