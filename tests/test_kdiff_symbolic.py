"""SymPy derivations of kdiff §3 / Apps. A–D against random rational points, the numeric twins and
deliberately wrong statements (so each comparison can fail)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from difftheory.theory import kdiff_linear_dynamics
from difftheory.theory import kdiff_optimum_symbolic
from difftheory.theory import kdiff_reparam
from difftheory.theory.kdiff_optimum import delta_star, delta_star_from_moments, k_star_u_loss, optimal_coefficients
from difftheory.theory.time_densities import TimeDensity

rationals = st.fractions(min_value=-5, max_value=5, max_denominator=20).map(sp.Rational)


def test_appendix_a_all_lines_match():
    a = kdiff_reparam.derive_appendix_a()
    assert all(a["matches"].values()), a["matches"]


@settings(max_examples=25, deadline=None)
@given(rationals, rationals, rationals, rationals, rationals, rationals)
def test_x_hat_n_hat_reproduce_z_and_u_hat(al, si, ph, ps, zz, uh):
    a = kdiff_reparam.derive_appendix_a()
    sub = {kdiff_reparam.alpha: al, kdiff_reparam.sigma: si, kdiff_reparam.phi: ph, kdiff_reparam.psi: ps, kdiff_reparam.z: zz, kdiff_reparam.u_hat: uh}
    if ph * si - ps * al == 0:
        return
    xh, nh = a["x_hat"].subs(sub), a["n_hat"].subs(sub)
    assert al * xh + si * nh == zz          # Eq. (16a), exactly
    assert ph * xh + ps * nh == uh          # Eq. (16b)


def test_appendix_a_detects_a_wrong_kappa():
    a = kdiff_reparam.derive_appendix_a()
    wrong = (kdiff_reparam.xi * kdiff_reparam.sigma + kdiff_reparam.eta * kdiff_reparam.alpha) / (kdiff_reparam.phi * kdiff_reparam.sigma - kdiff_reparam.psi * kdiff_reparam.alpha)
    assert not kdiff_reparam._same(a["kappa"], wrong)


def test_twins_of_appendix_a_and_alg1():
    gaps = kdiff_reparam.twin_gaps(np.random.default_rng(3), n=400)
    assert max(gaps.values()) < 1e-10, gaps


def test_alg1_conversion():
    g = kdiff_reparam.derive_alg1()
    assert all(g["matches"].values())
    assert not kdiff_reparam._same(g["v_hat"], ((1 - 2 * kdiff_reparam.k) * kdiff_reparam.z - kdiff_reparam.u_hat) / g["den"])


@settings(max_examples=12, deadline=None)
@given(st.integers(2, 6), st.integers(0, 10_000), st.data())
def test_cayley_P_is_exactly_orthonormal(D, seed, data):
    d = data.draw(st.integers(1, D))
    P = kdiff_linear_dynamics.cayley_P(D, d, seed)
    assert P.T * P == sp.eye(d)
    proj = P * P.T
    assert proj * proj == proj and proj.trace() == d


@settings(max_examples=3, deadline=None)
@given(st.integers(0, 1000))
def test_second_moments_and_gradient_on_random_P(seed):
    assert all(kdiff_linear_dynamics.second_moments(3, 2, seed).values())
    assert kdiff_linear_dynamics.gradient_flow(3, 1, seed)["eq8"]


def test_expect_rules():
    x, n = sp.symbols("x n")
    mu = (sp.Symbol("mu"),)
    assert kdiff_linear_dynamics.expect(x * x, [x], [n], mu) == 1
    assert kdiff_linear_dynamics.expect(x, [x], [n], mu) == mu[0]
    assert kdiff_linear_dynamics.expect(x * n, [x], [n], mu) == 0
    assert kdiff_linear_dynamics.expect(3 + 2 * n * n, [x], [n], mu) == 5
    with pytest.raises(ValueError):
        kdiff_linear_dynamics.expect(x**3, [x], [n], mu)


def test_decoupling_and_its_negative():
    assert all(kdiff_linear_dynamics.decoupling_projector().values())
    assert all(kdiff_linear_dynamics.decoupling_explicit(4, 2, 5).values())
    # the negative: Eq. (9b) with the parallel projector in place of I − PPᵀ is not what (8)·(I − PPᵀ) gives, and a
    # non-projector (PPᵀ scaled by 2) breaks Eq. (34a) — so the comparisons can fail
    P = kdiff_linear_dynamics.cayley_P(4, 2, 5)
    W = sp.Matrix(4, 4, lambda i, j: sp.Symbol(f"W_{i}_{j}", real=True))
    proj, I = P * P.T, sp.eye(4)
    G = kdiff_linear_dynamics.alpha**2 * W * proj + kdiff_linear_dynamics.sigma**2 * W - kdiff_linear_dynamics.phi * kdiff_linear_dynamics.alpha * proj - kdiff_linear_dynamics.psi * kdiff_linear_dynamics.sigma * I
    wrong_9b = kdiff_linear_dynamics.sigma**2 * W * proj - kdiff_linear_dynamics.psi * kdiff_linear_dynamics.sigma * proj
    assert sp.expand(G * (I - proj) - wrong_9b) != sp.zeros(4, 4)
    assert (2 * proj) * (2 * proj) != 2 * proj


def test_optimum_explicit_and_modes():
    o = kdiff_linear_dynamics.optimum_explicit(3, 1, 0)
    assert all(v for v in o.values() if isinstance(v, bool))
    assert not kdiff_linear_dynamics._is_zero(o["delta_star"] - kdiff_linear_dynamics.printed_12(3, 2))     # wrong d is detected
    assert all(kdiff_linear_dynamics.equilibrium_modes().values())
    assert all(kdiff_linear_dynamics.mode_problems()["matches"].values())


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.05, 5.0), min_size=5, max_size=5), st.floats(0, 1), st.integers(1, 50), st.integers(0, 500))
def test_twin_delta_star_and_coefficients_match_derivation(m, k, d, extra):
    D = d + extra
    f = sp.lambdify((kdiff_optimum_symbolic.k, kdiff_optimum_symbolic.D, kdiff_optimum_symbolic.d, kdiff_optimum_symbolic.m0, kdiff_optimum_symbolic.m_a, kdiff_optimum_symbolic.m_s, kdiff_optimum_symbolic.m_aa, kdiff_optimum_symbolic.m_ss), kdiff_optimum_symbolic.delta_k())
    want = f(k, D, d, *m)
    got = delta_star_from_moments(np.array(m), k, D, d)
    assert abs(got - want) <= 1e-9 * max(1.0, abs(want))
    mp = kdiff_linear_dynamics.mode_problems()
    I = kdiff_linear_dynamics.MOMENT
    sub = {I["pa"]: k * m[1], I["ps"]: -(1 - k) * m[2], I["aa"]: m[3], I["ss"]: m[4]}
    c_par, c_perp = optimal_coefficients(np.array(m), k)
    assert abs(c_par - float(mp["a_opt"].subs(sub))) < 1e-9
    assert abs(c_perp - float(mp["b_opt"].subs(sub))) < 1e-9


def test_appendix_d_lines_and_a_wrong_line_is_caught():
    a = kdiff_optimum_symbolic.derive_appendix_d()
    assert all(a["matches"].values()), a["matches"]
    wrong = sp.Rational(1, 16) * (2 * (kdiff_optimum_symbolic.D + kdiff_optimum_symbolic.d) * kdiff_optimum_symbolic.k**2 - 4 * kdiff_optimum_symbolic.D * kdiff_optimum_symbolic.k + (2 * kdiff_optimum_symbolic.D + 2 * kdiff_optimum_symbolic.d))
    assert sp.simplify(a["delta_uniform"] - wrong) != 0


@settings(max_examples=20, deadline=None)
@given(st.floats(0, 1), st.integers(1, 40), st.integers(0, 300))
def test_uniform_u_loss_polynomial_equals_twin(k, d, extra):
    D = d + extra
    poly = kdiff_optimum_symbolic.derive_appendix_d()["delta_uniform"]
    want = float(poly.subs({kdiff_optimum_symbolic.k: k, kdiff_optimum_symbolic.D: D, kdiff_optimum_symbolic.d: d}))
    got = float(delta_star(k, D, d, TimeDensity(), "u"))
    assert abs(got - want) <= 1e-9 * max(1.0, want)


def test_special_targets_and_regimes():
    s = kdiff_optimum_symbolic.derive_special_targets()["targets"]
    assert {n: v["scale"] for n, v in s.items()} == {"eps": -1, "v": sp.Rational(1, 2), "x": 1}
    r = kdiff_optimum_symbolic.derive_regimes()
    assert r["at_ratio_1"] == sp.Rational(1, 2) and r["limit_ratio_inf"] == 1 and r["dk_dratio"].is_positive


def test_general_sampler_condition():
    g = kdiff_optimum_symbolic.derive_general_sampler()
    assert g["matches_lead_form"] and g["condition_is_mean_half"]
    # a density with E[t] != 1/2 gives k* != D/(D+d): counterexample at e1 = 0.3, e2 = 0.15
    assert abs(kdiff_optimum_symbolic.k_star_general(0.3, 0.15, 10, 10) - 0.5) > 0.05


@settings(max_examples=8, deadline=None)
@given(st.floats(-1.5, 1.5), st.floats(0.3, 1.5), st.integers(1, 30), st.integers(0, 300))
def test_general_sampler_closed_form_matches_twin(mu, sig, d, extra):
    s = TimeDensity("logit-normal", mu, sig)
    e1, e2 = float(s.expect(lambda t: t)), float(s.expect(lambda t: t * t))
    D = d + extra
    assert abs(min(1.0, max(0.0, kdiff_optimum_symbolic.k_star_general(e1, e2, D, d))) - k_star_u_loss(D, d, s)) < 1e-9


@settings(max_examples=10, deadline=None)
@given(st.floats(1e-3, 1 - 1e-3))
def test_uniform_v_loss_closed_form_equals_twin(k):
    assume(abs(k - 0.5) > 0.02)      # the closed form has a removable 0/0 at k = ½
    u = kdiff_optimum_symbolic.derive_uniform_v_loss()
    par = float(u["par"].subs(u["k"], k))
    perp = float(u["perp"].subs(u["k"], k))
    want = 0.5 * 7 * par + 0.5 * (30 - 7) * perp
    got = float(delta_star(k, 30, 7, TimeDensity(), "v"))
    assert abs(got - want) <= 1e-7 * want
    assert u["limits"] == {"par_k0": 2, "perp_k0": 1, "par_k1": 2, "perp_k1": 0}


@pytest.mark.parametrize("k,loss", [(sp.Rational(1, 4), "x"), (sp.Rational(2, 3), "eps"), (sp.Rational(1, 3), "v"),
                                    (sp.Rational(1, 2), "u")])
def test_twin_moments_equal_sympy_integrals(k, loss):
    from difftheory.theory.kdiff_optimum import moments

    t = kdiff_optimum_symbolic.t
    xi, eta = {"x": (1, 0), "eps": (0, 1), "v": (1, -1), "u": (None, None)}[loss]
    kappa = sp.Integer(1) if loss == "u" else (xi * (1 - t) - eta * t) / (k * (1 - t) + (1 - k) * t)   # App. A, Eq. (22)
    want = [float(v) for v in kdiff_optimum_symbolic.uniform_moments(kappa**2).values()]
    got = moments(float(k), TimeDensity(), loss)
    assert np.allclose(got, want, rtol=1e-10, atol=0)


def test_moment_functional_equals_a_discrete_measure_with_symbolic_weights():
    """∫D̃α as a linear functional (moment symbols) agrees with a 2-point measure with symbolic weights."""
    w = sp.symbols("w0:2", positive=True)
    pts = [sp.symbols(f"a{i} s{i} f{i} p{i}", real=True) for i in range(2)]
    L, W, P = kdiff_linear_dynamics.point_loss(3, 1, 0)
    integrated = kdiff_linear_dynamics.integrate_measure(L)
    sub = {}
    for key, mono in kdiff_linear_dynamics.MONOMIALS.items():
        sub[kdiff_linear_dynamics.MOMENT[key]] = sum(wi * mono.subs(dict(zip(kdiff_linear_dynamics.SCHEDULE, pt))) for wi, pt in zip(w, pts))
    sub[sp.Symbol("I_1", positive=True)] = sum(w)
    direct = sum(wi * L.subs(dict(zip(kdiff_linear_dynamics.SCHEDULE, pt))) for wi, pt in zip(w, pts))
    assert sp.expand(integrated.subs(sub) - direct) == 0


def test_uniform_v_loss_numeric_limits_match_the_exact_ones():
    exact, quick = kdiff_optimum_symbolic.derive_uniform_v_loss(True), kdiff_optimum_symbolic.derive_uniform_v_loss(False)
    for key, value in exact["limits"].items():
        assert abs(quick["limits"][key] - float(value)) <= kdiff_optimum_symbolic.LIMIT_TOL
        assert quick["limit_gaps"][key] <= kdiff_optimum_symbolic.LIMIT_TOL
    # the termwise antiderivative agrees with sympy.integrate on a Laurent polynomial with a log term
    s, kk = sp.symbols("s k", positive=True)
    f = (3 * s**2 - 2 * s + 5) / s**2 / (1 - 2 * kk)
    assert sp.simplify(kdiff_optimum_symbolic._antiderivative_between(f, s, kk, 1 - kk) - sp.integrate(f, (s, kk, 1 - kk))) == 0
    with pytest.raises(ValueError, match="Laurent"):
        kdiff_optimum_symbolic._antiderivative_between(1 / (s + 1), s, kk, 1 - kk)


# ---------------------------------------------------------------------------------------- the assumption audit
def test_data_scale_derivation():
    from difftheory.theory import kdiff_assumptions
    a = kdiff_assumptions.derive_data_scale()
    assert all(a["facts"].values()), a["facts"]
    assert sp.simplify(a["k_star"] - kdiff_assumptions.D / (kdiff_assumptions.D + kdiff_assumptions.lam_total)) == 0
    assert sp.simplify(a["k_star"] - kdiff_assumptions.D / (kdiff_assumptions.D + kdiff_assumptions.d)) != 0       # the whitened answer is not the general one


@settings(max_examples=6, deadline=None)
@given(st.integers(2, 6), st.data(), st.integers(0, 10_000))
def test_data_scale_matrix_twin_matches_D_over_D_plus_Lambda(D, data, seed):
    from difftheory.theory import kdiff_assumptions
    d = data.draw(st.integers(1, D - 1))
    lams = data.draw(st.lists(st.floats(0.05, 5.0), min_size=d, max_size=d))
    P = kdiff_assumptions.orthonormal_P(D, d, seed)
    got = kdiff_assumptions.population_k_star(P, lams, TimeDensity(), "u", None, shared=True, n_nodes=32, grid=41)["k_star"]
    assert abs(got - D / (D + sum(lams))) < 1e-6


def test_time_conditioned_derivation_and_twin():
    from difftheory.theory import kdiff_assumptions
    from difftheory.theory.time_densities import LATENT_DENSITY, PIXEL_DENSITY

    b = kdiff_assumptions.derive_time_conditioned()
    assert all(b["facts"].values()), b["facts"]
    P = kdiff_assumptions.orthonormal_P(7, 2, 3)
    for s, lams in ((TimeDensity(), (1.0, 1.0)), (LATENT_DENSITY, (1.0, 1.0)), (TimeDensity(), (2.0, 0.5)),
                    (PIXEL_DENSITY, (0.3, 0.3))):
        num = kdiff_assumptions.population_k_star(P, lams, s, "u", None, shared=False, n_nodes=200, grid=41)["k_star"]
        assert abs(num - kdiff_assumptions.time_conditioned_k_star(s, lams)) < 1e-6
    assert abs(kdiff_assumptions.time_conditioned_k_star(LATENT_DENSITY, (1.0, 1.0)) - 0.5) < 1e-12   # symmetric sampler, whitened
    flat = kdiff_assumptions.population_k_star(P, (1.0, 1.0), TimeDensity(), "v", None, shared=False, n_nodes=200, grid=21)
    assert flat["delta_spread_rel"] < 1e-9                                                 # every k is optimal
    shared = kdiff_assumptions.population_k_star(P, (1.0, 1.0), TimeDensity(), "v", None, shared=True, n_nodes=200, grid=21)
    assert shared["delta_spread_rel"] > 0.1                                                # not so with one W


def test_matrix_twin_reproduces_thm_3_1_delta_star():
    """The matrix computation (shared W, whitened) equals kdiff_optimum.delta_star (moments of Eq. 12)."""
    from difftheory.theory import kdiff_assumptions
    from difftheory.theory.time_densities import LATENT_DENSITY

    P = kdiff_assumptions.orthonormal_P(6, 2, 0)
    nodes, weights = LATENT_DENSITY.quadrature(400)
    ks = np.array([0.2, 0.5, 0.9])
    got = kdiff_assumptions.population_delta(ks, P, (1.0, 1.0), nodes, weights, "v", 0.2, shared=True)
    want = delta_star(ks, 6, 2, LATENT_DENSITY, "v", 0.2)
    assert np.allclose(got, want, rtol=1e-4)            # Gauss–Legendre through the clamp kink: ~1e-5
