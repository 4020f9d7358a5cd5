"""Times the kdiff symbolic derivations (the whole set the claims use) and two design choices side by side:
(1) the point loss ½E‖Wz − u‖² by linearity from entrywise second moments vs expanding the full quadratic;
(2) sympy.limit after expanding logs into one fraction vs plain sympy.limit, for the end points of Δ*(k).

Run: python benchmarks/bench_kdiff_symbolic.py"""

from __future__ import annotations

import time

import sympy as sp

from difftheory.theory import kdiff_linear_dynamics as dyn
from difftheory.theory import kdiff_optimal_k as opt
from difftheory.theory import kdiff_reparam as rep


def clock(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def clear_caches():
    for f in (rep.derive_appendix_a, rep.derive_alg1, dyn.decoupling_projector, dyn.optimum_explicit,
              dyn.equilibrium_modes, dyn.mode_problems, opt.derive_appendix_d, opt.derive_special_targets,
              opt.derive_regimes, opt.derive_general_sampler, opt.derive_uniform_v_loss):
        f.cache_clear()


def full_set() -> dict:
    clear_caches()
    steps = {
        "appA": lambda: rep.derive_appendix_a(), "alg1": lambda: rep.derive_alg1(),
        "second_moments": lambda: [dyn.second_moments(D, d) for D, d in ((4, 2), (5, 3), (3, 1))],
        "gradient_flow": lambda: [dyn.gradient_flow(D, d) for D, d in ((3, 1), (4, 2))],
        "decoupling": lambda: (dyn.decoupling_projector(), dyn.decoupling_explicit(5, 2)),
        "optimum_explicit": lambda: [dyn.optimum_explicit(D, d) for D, d in ((3, 1), (4, 2))],
        "equilibrium_modes": dyn.equilibrium_modes, "mode_problems": dyn.mode_problems,
        "appD": opt.derive_appendix_d, "special_targets": opt.derive_special_targets, "regimes": opt.derive_regimes,
        "general_sampler": opt.derive_general_sampler, "uniform_v_loss": opt.derive_uniform_v_loss,
    }
    return {name: clock(fn)[0] for name, fn in steps.items()}


def point_loss_full_expansion(D, d, seed=0):
    P, xt, n, mu, zv, uv = dyn.model(D, d, seed)
    W = sp.Matrix(D, D, lambda i, j: sp.Symbol(f"W_{i}_{j}", real=True))
    r = W * zv - uv
    return dyn.expect(sp.Rational(1, 2) * (r.T * r)[0, 0], xt, n, mu)


def main():
    times = full_set()
    for name, s in times.items():
        print(f"{name:20s} {s:7.2f} s")
    print(f"{'total':20s} {sum(times.values()):7.2f} s")

    t_lin, (L1, _, _) = clock(dyn.point_loss, 4, 2)
    t_full, L2 = clock(point_loss_full_expansion, 4, 2)
    assert sp.expand(L1 - L2) == 0
    print(f"point loss (D=4,d=2): linearity {t_lin:.2f} s, full expansion {t_full:.2f} s, ratio {t_full / t_lin:.1f}x")

    u = opt.derive_uniform_v_loss()
    e = sp.Symbol("e", positive=True)
    shifted = u["par"].subs(u["k"], e)
    t_fast, a = clock(lambda: sp.limit(sp.together(sp.expand_log(shifted, force=True)), e, 0, "+"))
    t_plain, b = clock(lambda: sp.limit(shifted, e, 0, "+"))
    assert a == b
    print(f"limit k→0 of ℓ_∥: expanded-log form {t_fast:.2f} s, plain {t_plain:.2f} s, ratio {t_plain / t_fast:.1f}x")


if __name__ == "__main__":
    main()
