"""Side-by-side timings for the mse toy comparison (ratios, same process, same data, CPU seconds).

1. Scoring: exact-side MMD² with pdist (condensed pairs, the current form) vs the full n × n matrix (the
   form before), and vs the exact 2-Wasserstein distance (POT network simplex) that the comparison used to
   compute as well, at equal n.
2. Generation: Euler- vs Heun-UDS vs EDM2's Heun at equal NFE (255) with the exact GMM denoiser — the cost is
   the denoiser calls, so the ratios should be ≈ 1.

Run: python benchmarks/bench_mse_toy.py"""

import time

import numpy as np

from difftheory.threads import single_thread
from difftheory.toy import mse_generators
from difftheory.toy.distances import w2


def best_of(fn, reps=5):
    ts = []
    for _ in range(reps):
        t = time.process_time()
        fn()
        ts.append(time.process_time() - t)
    return min(ts)


def mmd2_full_matrix(x, gmm, h):
    n, D = x.shape
    sq = np.sum(x * x, 1)
    d2 = np.maximum(sq[:, None] + sq[None] - 2 * x @ x.T, 0.0)
    kxx = (np.exp(-d2 / (2 * h * h)).sum() - n) / (n * (n - 1))
    v1 = h * h + gmm.sds**2
    dm = ((x[:, None, :] - gmm.means[None]) ** 2).sum(-1)
    kxp = np.mean(((h * h / v1) ** (D / 2) * np.exp(-dm / (2 * v1))) @ gmm.weights)
    return kxx - 2 * kxp + mse_generators._kpq(gmm, gmm, h)


def main():
    gmm = mse_generators.mse_gmm()
    den = mse_generators.exact_denoiser(gmm, "normal")
    w2(np.zeros((2, 2)), np.ones((2, 2)))  # import POT outside the timings
    s = mse_generators.SETTINGS["edm2"]
    for n in (1000, 3000):
        x = mse_generators.generate(s, "flow", "euler", 63, n, 0, den)
        ref = gmm.sample(n, np.random.default_rng(1))
        t_new = best_of(lambda: mse_generators.mmd2_to_gmm(x, gmm, mse_generators.MMD_BANDWIDTH))
        t_old = best_of(lambda: mmd2_full_matrix(x, gmm, mse_generators.MMD_BANDWIDTH), reps=3)
        t_w2 = best_of(lambda: w2(x, ref), reps=2)
        print(f"n={n}: MMD² pdist {t_new * 1e3:.1f} ms, full matrix {t_old * 1e3:.1f} ms (ratio {t_old / t_new:.1f}), "
              f"W2 (POT emd) {t_w2 * 1e3:.0f} ms (ratio to MMD² pdist {t_w2 / t_new:.0f})")
    y0 = np.random.default_rng(0).standard_normal((1000, 2))
    t_e = best_of(lambda: mse_generators.generate(s, "flow", "euler", 255, 1000, 0, den), reps=3)
    t_h = best_of(lambda: mse_generators.generate(s, "flow", "heun", 255, 1000, 0, den), reps=3)
    t_k = best_of(lambda: mse_generators.heun_edm2(den, 128, y0), reps=3)
    print(f"NFE 255, n=1000: EulerUDS {t_e:.3f} s, HeunUDS {t_h:.3f} s, HeunEDM2 {t_k:.3f} s; "
          f"Heun/Euler {t_h / t_e:.2f}, HeunEDM2/HeunUDS {t_k / t_h:.2f}")


if __name__ == "__main__":
    with single_thread():
        main()
