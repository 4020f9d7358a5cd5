"""Side-by-side timings for the mse toy comparison (ratios, same process, same data).

1. Scoring: exact 2-Wasserstein (POT network simplex) vs exact-side MMD² at equal n.
2. Generation: Euler- vs Heun-UDS at equal NFE (255) with the exact GMM denoiser — the cost is the
   denoiser calls, so the ratio should be ≈ 1.

Run: python benchmarks/bench_mse_toy.py"""

import time

import numpy as np

from difftheory.toy import mse_generators as tg


def best_of(fn, reps=5):
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return min(ts)


def main():
    gmm = tg.mse_gmm()
    den = tg.exact_denoiser(gmm, "logis")
    tg.w2(np.zeros((2, 2)), np.ones((2, 2)))  # import POT outside the timings
    for n in (600, 1500):
        x = tg.generate(tg.SETTINGS[0], "flow", "euler", 63, n, 0, den)
        ref = gmm.sample(n, np.random.default_rng(1))
        t_w2 = best_of(lambda: tg.w2(x, ref))
        t_mmd = best_of(lambda: tg.mmd2_to_gmm(x, gmm, tg.MMD_BANDWIDTH))
        print(f"n={n}: W2 (POT emd) {t_w2 * 1e3:.1f} ms, MMD² {t_mmd * 1e3:.1f} ms, ratio W2/MMD² = {t_w2 / t_mmd:.1f}")
    t_e = best_of(lambda: tg.generate(tg.SETTINGS[0], "ml", "euler", 255, 600, 0, den), reps=3)
    t_h = best_of(lambda: tg.generate(tg.SETTINGS[0], "ml", "heun", 255, 600, 0, den), reps=3)
    print(f"NFE 255, n=600: Euler {t_e:.3f} s, Heun {t_h:.3f} s, ratio Heun/Euler = {t_h / t_e:.2f}")


if __name__ == "__main__":
    main()
