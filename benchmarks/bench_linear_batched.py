"""Batched vs looped exact-mode training of kdiff's linear model, measured side by side.

One ``train_exact`` call on B settings (stacked targets under vmap, batched moment algebra) against B calls
on one setting each, same steps, same optimizer, no polish. Prints the wall times and their ratio, and
checks the two give the same learned k. Run: ``python benchmarks/bench_linear_batched.py``.
"""

from __future__ import annotations

import time

import numpy as np

from difftheory.linear_model.trainer import Setting, train_exact
from difftheory.threads import single_thread
from difftheory.theory.samplers import LATENT_SAMPLER, PIXEL_SAMPLER, TimeSampler


def settings_grid() -> list[Setting]:
    out = []
    for loss, sampler, clamp in (("u", TimeSampler(), None), ("u", PIXEL_SAMPLER, None), ("v", LATENT_SAMPLER, 0.05)):
        for D in (2, 8, 32, 128, 512, 1024):
            for d in (1, 4):
                if d <= D:
                    out.append(Setting(D, d, loss, sampler, clamp))
    return out


def main(steps: int = 300, repeats: int = 3) -> dict:
    ss = settings_grid()
    with single_thread():
        train_exact(ss[:2], steps=5, polish=False)  # warm-up (quadrature nodes cached, vmap traced once)
        t_batch, t_loop = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            batched = train_exact(ss, steps=steps, lr=0.2, polish=False)
            t_batch.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            looped = np.array([train_exact([s], steps=steps, lr=0.2, polish=False).k[0] for s in ss])
            t_loop.append(time.perf_counter() - t0)
    tb, tl = min(t_batch), min(t_loop)
    res = {"settings": len(ss), "steps": steps, "batched_s": tb, "looped_s": tl, "ratio_looped_over_batched": tl / tb,
           "max_abs_k_difference": float(np.max(np.abs(batched.k - looped)))}
    print(f"{len(ss)} settings × {steps} steps: batched {tb:.3f} s, looped {tl:.3f} s, "
          f"looped/batched = {tl / tb:.1f}×; max |k_batched − k_looped| = {res['max_abs_k_difference']:.1e}")
    return res


if __name__ == "__main__":
    main()
