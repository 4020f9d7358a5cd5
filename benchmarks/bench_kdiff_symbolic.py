"""Times the kdiff symbolic derivations (the whole set the claims use) and two design choices side by side:
(1) the point loss ½E‖Wz − u‖² by linearity from entrywise second moments vs expanding the full quadratic;
(2) sympy.limit after expanding logs into one fraction vs plain sympy.limit, for the end points of Δ*(k).

Run: python benchmarks/bench_kdiff_symbolic.py"""

from __future__ import annotations

import time

import sympy as sp

from difftheory.theory import kdiff_linear_dynamics
from difftheory.theory import kdiff_optimum_symbolic
from difftheory.theory import kdiff_reparam
def clock(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def clear_caches():
    for f in (kdiff_reparam.derive_appendix_a, kdiff_reparam.derive_alg1, kdiff_linear_dynamics.decoupling_projector, kdiff_linear_dynamics.optimum_explicit,
              kdiff_linear_dynamics.equilibrium_modes, kdiff_linear_dynamics.mode_problems, kdiff_optimum_symbolic.derive_appendix_d, kdiff_optimum_symbolic.derive_special_targets,
              kdiff_optimum_symbolic.derive_regimes, kdiff_optimum_symbolic.derive_general_sampler, kdiff_optimum_symbolic.derive_uniform_v_loss):
        f.cache_clear()


def full_set() -> dict:
    clear_caches()
    steps = {
        "appA": lambda: kdiff_reparam.derive_appendix_a(), "alg1": lambda: kdiff_reparam.derive_alg1(),
        "second_moments": lambda: [kdiff_linear_dynamics.second_moments(D, d) for D, d in ((4, 2), (5, 3), (3, 1))],
        "gradient_flow": lambda: [kdiff_linear_dynamics.gradient_flow(D, d) for D, d in ((3, 1), (4, 2))],
        "decoupling": lambda: (kdiff_linear_dynamics.decoupling_projector(), kdiff_linear_dynamics.decoupling_explicit(5, 2)),
        "optimum_explicit": lambda: [kdiff_linear_dynamics.optimum_explicit(D, d) for D, d in ((3, 1), (4, 2))],
        "equilibrium_modes": kdiff_linear_dynamics.equilibrium_modes, "mode_problems": kdiff_linear_dynamics.mode_problems,
        "appD": kdiff_optimum_symbolic.derive_appendix_d, "special_targets": kdiff_optimum_symbolic.derive_special_targets, "regimes": kdiff_optimum_symbolic.derive_regimes,
        "general_sampler": kdiff_optimum_symbolic.derive_general_sampler, "uniform_v_loss": kdiff_optimum_symbolic.derive_uniform_v_loss,
    }
    return {name: clock(fn)[0] for name, fn in steps.items()}


def point_loss_full_expansion(D, d, seed=0):
    P, xt, n, mu, zv, uv = kdiff_linear_dynamics.model(D, d, seed)
    W = sp.Matrix(D, D, lambda i, j: sp.Symbol(f"W_{i}_{j}", real=True))
    r = W * zv - uv
    return kdiff_linear_dynamics.expect(sp.Rational(1, 2) * (r.T * r)[0, 0], xt, n, mu)


def main():
    times = full_set()
    for name, s in times.items():
        print(f"{name:20s} {s:7.2f} s")
    print(f"{'total':20s} {sum(times.values()):7.2f} s")

    t_lin, (L1, _, _) = clock(kdiff_linear_dynamics.point_loss, 4, 2)
    t_full, L2 = clock(point_loss_full_expansion, 4, 2)
    assert sp.expand(L1 - L2) == 0
    print(f"point loss (D=4,d=2): linearity {t_lin:.2f} s, full expansion {t_full:.2f} s, ratio {t_full / t_lin:.1f}x")

    u = kdiff_optimum_symbolic.derive_uniform_v_loss()
    e = sp.Symbol("e", positive=True)
    shifted = u["par"].subs(u["k"], e)
    t_fast, a = clock(lambda: sp.limit(sp.together(sp.expand_log(shifted, force=True)), e, 0, "+"))
    t_plain, b = clock(lambda: sp.limit(shifted, e, 0, "+"))
    assert a == b
    print(f"limit k→0 of ℓ_∥: expanded-log form {t_fast:.2f} s, plain {t_plain:.2f} s, ratio {t_plain / t_fast:.1f}x")


if __name__ == "__main__":
    main()
