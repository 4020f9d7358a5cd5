"""mse §2, §4–§5: schedules, parameterizations, KL weights, the MSE-diffusion rate (symbolic vs numeric twins)."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from difftheory.theory import mse_divergence
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS, S2, derive_S, dlam_over_S2
from difftheory.theory.mse_schedules_symbolic import SCHEDULES, T, derive_dlam, sym_alpha_sigma
from difftheory.theory.schedules import MseSchedule

FAST = settings(max_examples=40, deadline=None)
schedules = st.sampled_from(SCHEDULES)
params = st.sampled_from(PARAMETERIZATIONS)
times = st.floats(0.01, 0.99)


@st.composite
def intervals(draw):
    a = draw(st.floats(0.005, 0.9))
    b = draw(st.floats(a + 0.02, 0.995))
    return a, b


@pytest.mark.parametrize("name", SCHEDULES)
def test_dlam_twin_matches_symbolic_derivative(name):
    f = sp.lambdify(T, derive_dlam(name), "mpmath")
    sch = MseSchedule(name)
    for t in np.linspace(0.02, 0.98, 7):
        assert float(f(t)) == pytest.approx(float(sch.dlam(t)), rel=1e-10)


@given(schedules, times)
@FAST
def test_schedule_twin_consistency(name, t):
    sch = MseSchedule(name)
    assert sch.alpha(t) / sch.sigma(t) == pytest.approx(sch.rho(t), rel=1e-10)
    h = 1e-6 * min(t, 1 - t)
    fd = (sch.lam(t + h) - sch.lam(t - h)) / (2 * h)
    assert fd == pytest.approx(float(sch.dlam(t)), rel=1e-5)
    assert float(sch.t_of_lam(sch.lam(t))) == pytest.approx(t, abs=1e-9)


@pytest.mark.parametrize("name", SCHEDULES)
def test_alpha_increasing_sigma_decreasing(name):
    sch = MseSchedule(name)
    t = np.linspace(0.01, 0.99, 200)
    assert np.all(np.diff(sch.rho(t)) > 0)
    if name != "normal":
        assert np.all(np.diff(sch.alpha(t)) > 0) and np.all(np.diff(sch.sigma(t)) < 0)


@pytest.mark.parametrize("param", PARAMETERIZATIONS)
@pytest.mark.parametrize("name", ["logis", "sechinter"])
def test_S2_twin_matches_derivation_from_target(param, name):
    S = derive_S(param, name)
    for t in (0.1, 0.5, 0.9):
        val = complex(sp.N((S**2).subs(T, t), 20)).real
        assert float(S2(param, name, t)) == pytest.approx(val, rel=1e-10)


def test_derived_S_is_invariant_to_the_target_form():
    # the Vel target written as α'Ȳ − λ̊'σε (mse §2) gives the same S as α'X + σ'ε
    alpha, sigma = sym_alpha_sigma("sech")
    lam_p = sp.diff(sp.log(alpha / sigma), T)
    assert sp.simplify(derive_S("vel", "sech") + lam_p * sigma) == 0


@given(schedules, params, intervals())
@settings(max_examples=30, deadline=None)
def test_coherence_identity_holds_along_t(name, param, iv):
    t0, t1 = iv
    M, targ = mse_divergence.mse_M(param, name, t0, t1)
    ts = np.linspace(t0, t1, 101)
    res = mse_divergence.coherence_residual(param, name, ts, M)
    assert np.max(np.abs(res)) < 1e-9
    # the rate never exceeds ML and equals it at the argmax
    sch = MseSchedule(name)
    lam = mse_divergence.mse_rate(sch.dlam(ts), S2(param, sch, ts), M)
    assert np.all(lam <= sch.dlam(ts) * (1 + 1e-9))
    assert float(mse_divergence.mse_rate(sch.dlam(targ), S2(param, sch, targ), M)) == pytest.approx(float(sch.dlam(targ)), rel=1e-5)


@given(schedules, params, intervals(), st.floats(0, 1))
@settings(max_examples=30, deadline=None)
def test_rate_30_agrees_with_numeric_root_of_coherence(name, param, iv, u):
    t0, t1 = iv
    M, _ = mse_divergence.mse_M(param, name, t0, t1)
    t = t0 + u * (t1 - t0)
    sch = MseSchedule(name)
    d, s2 = float(sch.dlam(t)), float(S2(param, sch, t))
    lam = float(mse_divergence.mse_rate(d, s2, M))
    f = lambda x: np.log(mse_divergence.kl_weight(x, d) / (M * s2))  # decreasing on (0, λ̊'], zero at λ̌'
    if f(d) < -1e-12:
        root = optimize.brentq(f, d * 1e-40, d, xtol=1e-300, rtol=1e-13)
        assert lam == pytest.approx(root, rel=1e-7)
    else:
        assert lam == pytest.approx(d, rel=1e-4)


@given(schedules, params, intervals())
@settings(max_examples=20, deadline=None)
def test_M_is_the_max_of_the_ratio(name, param, iv):
    t0, t1 = iv
    M, targ = mse_divergence.mse_M(param, name, t0, t1)
    ts = np.random.default_rng(0).uniform(t0, t1, 5000)
    assert np.all(dlam_over_S2(param, name, ts) <= M * (1 + 1e-9))
    assert t0 <= targ <= t1


def test_logis_vel_M_closed_form():
    for tmax in (0.5, 0.9, 0.999):
        M, targ = mse_divergence.mse_M("vel", "logis", 0.01, tmax)
        assert M == pytest.approx(tmax / (1 - tmax), rel=1e-9)


@given(st.floats(1.0001, 5.0), st.floats(0.0, 3.0))
@FAST
def test_eta_mse_solves_discrete_coherence(gamma, extra):
    a = (gamma - 1) * (1 + extra)  # a = 2 M S² ≥ γ − 1
    eta = mse_divergence.eta_mse(gamma, a / 2, 1.0)
    assert 0 < eta <= mse_divergence.eta_ml(gamma) + 1e-12
    assert mse_divergence.w_eta(eta, gamma) == pytest.approx(a / 2, rel=1e-8)


@given(st.floats(0.05, 3.0), st.floats(0.05, 0.95))
@FAST
def test_w_step_equals_w_eta_and_eta_ring_minimises(dlam_step, q):
    gamma = np.exp(2 * dlam_step)
    eta = np.sqrt(1 - q * q)
    assert mse_divergence.w_step(1.0, np.sqrt(gamma), q) == pytest.approx(mse_divergence.w_eta(eta, gamma), rel=1e-10)
    er = mse_divergence.eta_ml(gamma)
    assert mse_divergence.w_eta(er, gamma) == pytest.approx((gamma - 1) / 2, rel=1e-9)
    assert mse_divergence.w_eta(er, gamma) <= mse_divergence.w_eta(eta, gamma) + 1e-12


def test_prop1_path_kl_equals_weighted_sum():
    sch = MseSchedule("sech")
    grid = np.linspace(0.1, 0.9, 7)
    h = sch.rho(grid)
    etas = np.full(6, 0.4)
    k = np.linspace(0.2, 0.9, 6)
    assert mse_divergence.path_kl_gaussian(h, etas, k, 0.8) == pytest.approx(mse_divergence.prop1_sum(h, etas, k, 0.8), rel=1e-9)


def test_prop2_first_order():
    gaps = [abs(np.subtract(*mse_divergence.prop2_gap("logis", 0.1, 0.9, 0.5, n))) for n in (64, 256)]
    assert 3.0 < gaps[0] / gaps[1] < 5.0


def test_printed_w_eta_differs_by_half_from_derivation():
    w_eta, printed, *_ = mse_divergence.derive_w_eta()
    assert sp.simplify(w_eta / printed) == sp.Rational(1, 2)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.2, 1.5, float("nan")])
def test_bad_times_rejected(bad):
    with pytest.raises(ValueError, match="t0|tmax"):
        mse_divergence.mse_M("vel", "logis", bad, 0.9) if bad < 0.5 or bad != bad else mse_divergence.mse_M("vel", "logis", 0.1, bad)


def test_bad_names_and_order_rejected():
    with pytest.raises(ValueError, match="schedule"):
        MseSchedule("cosine")
    with pytest.raises(ValueError, match="parameterization"):
        S2("eps", "logis", 0.5)
    with pytest.raises(ValueError, match="t0 must be < tmax"):
        mse_divergence.mse_M("vel", "logis", 0.6, 0.5)
    with pytest.raises(ValueError, match="M must satisfy"):
        mse_divergence.mse_rate(10.0, 1.0, 1.0)
    from difftheory.theory.mse_schedules_symbolic import check_time

    with pytest.raises(ValueError, match=r"\(0, 1\)"):
        check_time([0.5, 1.0])


# ---------------------------------------------------------------- exact discrete steps and diffusion sizes (issue 9)
@given(st.lists(st.floats(1e-8, 30.0), min_size=1, max_size=12), st.data())
@FAST
def test_discrete_etas_equal_the_printed_forms(dls, data):
    dl = np.array(dls)
    s2dt = np.array(data.draw(st.lists(st.floats(1e-6, 1e3), min_size=len(dls), max_size=len(dls))))
    eta_ring, eta_check, M = mse_divergence.discrete_etas(dl, s2dt)
    gamma = np.exp(2 * dl)
    assert np.all((eta_check >= 0) & (eta_check <= eta_ring * (1 + 1e-12)) & (eta_ring <= 1))
    big = dl > 1e-3  # below, 1 − 1/γ in float64 loses digits (the reason discrete_etas works from Δλ̊)
    np.testing.assert_allclose(eta_ring[big], mse_divergence.eta_ml(gamma[big]), rtol=1e-9)
    assert M == pytest.approx(float(np.max(np.expm1(2 * dl) / (2 * s2dt))), rel=1e-12)
    # the printed form, evaluated at 40 digits (in float64 its √(2MS² + 1 − γ) amplifies round-off near the argmax)
    import mpmath

    with mpmath.workdps(40):
        Mp = max(mpmath.expm1(2 * mpmath.mpf(x)) / (2 * mpmath.mpf(y)) for x, y in zip(dl, s2dt))
        for x, y, e in zip(dl, s2dt, eta_check):
            g, a = mpmath.exp(2 * mpmath.mpf(x)), 2 * Mp * mpmath.mpf(y)
            printed = (g - 1) / (mpmath.sqrt(a * g) + mpmath.sqrt(max(a + 1 - g, 0)))
            assert e == pytest.approx(float(printed), rel=1e-10)
            assert float(mpmath.sqrt(1 - 1 / g)) == pytest.approx(float(mse_divergence.discrete_etas([x], [y])[0][0]), rel=1e-12)
    ok = dl < 15
    # η̌ solves the discrete coherence w^N(η) = M S²Δt (with the 1/2 of Eq. 17)
    small = ok & (eta_check > 1e-6)
    np.testing.assert_allclose(mse_divergence.w_eta(eta_check[small], gamma[small]), M * s2dt[small], rtol=1e-6)


def test_integrated_etas_match_adaptive_quadrature():
    from scipy import integrate

    from difftheory.theory import mse_diffusion_size
    for name, param, grid in (("logis", "vel", np.linspace(1e-3, 0.999, 41)), ("sechinter", "sigmoid", np.linspace(0.01, 0.99, 9)),
                              ("normal", "fpred", mse_diffusion_size.edm2_grid(12))):
        sch = MseSchedule(name)
        d = mse_diffusion_size.diffusion_sizes(sch, param, grid, integrated=True)
        for i in (0, len(grid) // 2, len(grid) - 3):
            f = lambda t: float(mse_divergence.mse_rate(sch.dlam(t), S2(param, sch, t), d["M"]))
            v = integrate.quad(f, grid[i], grid[i + 1], epsrel=1e-12, limit=200)[0]
            assert d["eta_mse_integrated"][i] == pytest.approx(np.sqrt(-np.expm1(-2 * v)), rel=1e-6)


def test_diffusion_sizes_exact_and_approximation():
    from difftheory.theory import mse_diffusion_size
    sch = MseSchedule("logis")
    grid = np.linspace(1e-3, 0.999, 251)
    d = mse_diffusion_size.diffusion_sizes(sch, "vel", grid)
    rr = sch.rho(grid)
    np.testing.assert_allclose(d["beta_ml"], np.sqrt(1 - (rr[:-1] / rr[1:]) ** 2) / rr[1:], rtol=1e-12)
    np.testing.assert_allclose(d["beta_mse_approx"], np.sqrt(2 * np.diff(grid) * d["lam_mse"]) / rr[1:], rtol=1e-12)
    assert d["eta_mse_approx"].max() > 1 >= d["eta_mse"].max()  # the paper's approximation is no step size here
    # exact β never exceeds 1/ρ̊_t, the noise level at the step end
    assert np.all(d["beta_mse"] <= 1 / rr[1:] * (1 + 1e-12)) and np.all(d["beta_ml"] <= 1 / rr[1:] * (1 + 1e-12))


@pytest.mark.parametrize("name", SCHEDULES)
def test_edm_rho_grid(name):
    from difftheory.theory import mse_diffusion_size
    g = mse_diffusion_size.edm_rho_grid(name, 1e-3, 0.999, 40)
    assert g[0] == 1e-3 and g[-1] == 0.999 and len(g) == 41 and np.all(np.diff(g) > 0)
    s = np.exp(-MseSchedule(name).lam(g))  # σ_E spaced as EDM's σ_i
    np.testing.assert_allclose(s[1:-1], mse_diffusion_size.edm2_sigmas(41, s[-1], s[0])[1:-1], rtol=1e-8)


def test_grid_accuracy_guard():
    from difftheory.theory import mse_diffusion_size
    mse_diffusion_size.check_grid_accuracy("logis", np.linspace(1e-3, 0.999, 1001))  # ordinary grids pass
    mse_diffusion_size.check_grid_accuracy("normal", mse_diffusion_size.edm2_grid(32))  # EDM2's σ_min = 0.002 passes
    with pytest.raises(ValueError, match="too close to 1"):
        mse_diffusion_size.check_grid_accuracy("logis", np.array([0.5, 1 - 1e-13]))
    with pytest.raises(ValueError, match="below float64 resolution"):
        mse_diffusion_size.check_grid_accuracy("sech", np.linspace(0.5, 0.5 + 1e-9, 1001))


# ---------------------------------------------------------------- issue 11: §2–§6 statements and App. A (SDE)
def test_data_form_target_gives_S_equal_C_over_rho():
    from difftheory.theory.mse_parameterizations import derive_data_form_S

    d = derive_data_form_S()
    assert all(d[k] == 0 for k in ("S_minus_C_over_rho", "A_minus_B_minus_C", "eps_hat_3_minus_1", "error_identity",
                                   "S_fpred_sq_minus_printed"))


@given(st.sampled_from(("normal", "logis", "sech")), st.floats(1e-6, 1 - 1e-6))
@FAST
def test_bell_cdf_inverts_the_printed_quantile(name, t):
    from difftheory.theory.mse_schedules_symbolic import bell_cdf

    lam = MseSchedule(name).lam(t)
    q = {"normal": lam - 0.4, "logis": lam, "sech": 2 / np.pi * lam}[name]
    assert float(bell_cdf(name, q)) == pytest.approx(t, rel=1e-9, abs=1e-15)


def test_symbolic_bell_laws_and_end_limits():
    from difftheory.theory.mse_schedules_symbolic import SECH_CONVENTIONS, derive_end_limits, printed_quantile, sym_bell

    x = sp.Symbol("x", real=True)
    for conv, holds in zip(SECH_CONVENTIONS, (True, False)):
        pdf, cdf = sym_bell("sech", x, conv)
        assert abs(float(sp.N((sp.diff(cdf, x) - pdf).subs(x, 0.7)))) < 1e-14
        gap = abs(float(sp.N((cdf.subs(x, printed_quantile("sech")) - T).subs(T, 0.3), 20)))
        assert (gap < 1e-15) == holds
    assert derive_end_limits("logis") == (-sp.oo, sp.oo)
    with pytest.raises(ValueError, match="schedule"):
        sym_bell("sechinter", x)


def test_S2_of_lam_matches_the_schedule_S2():
    from difftheory.theory.mse_parameterizations import RHO_ONLY_PARAMETERIZATIONS, S2_of_lam

    t = np.linspace(0.02, 0.98, 9)
    for name in SCHEDULES:
        sch = MseSchedule(name)
        for p in RHO_ONLY_PARAMETERIZATIONS:
            np.testing.assert_allclose(S2_of_lam(p, sch.lam(t), sch.dlam(t)), S2(p, sch, t), rtol=1e-12)
    with pytest.raises(ValueError, match="parameterization"):
        S2_of_lam("vel", 0.0, 1.0)


def test_generator_in_Z_is_alpha_times_generator_in_Y():
    from difftheory.theory import mse_generator
    rng = np.random.default_rng(1)
    y, xh, xi = rng.standard_normal((3, 50))
    rs, rt, hs, ht, as_, at = 0.8, 1.3, 0.6, 1.1, 0.4, 0.7
    z = mse_generator.generator_step_z(as_ * y, xh, rs, rt, as_ / hs, at / ht, hs, ht, xi)
    np.testing.assert_allclose(z / at, mse_generator.generator_step(y, xh, rs, rt, hs, ht, xi), rtol=1e-13)
    res, alpha_syms = mse_generator.derive_alpha_free()
    assert res == 0 and alpha_syms == []
    scale, left = mse_generator.derive_rho_scale_invariance()
    assert all(v == 0 for v in scale.values()) and left == []


def test_kl_decompositions_18_19_hold_for_gaussians():
    rng = np.random.default_rng(2)
    sch = MseSchedule("sech")
    for n in (1, 2, 4):
        grid = np.sort(rng.uniform(0.1, 0.9, n + 1))
        h = sch.rho(grid)
        eta = np.sqrt(-np.expm1(-2 * 0.5 * np.diff(sch.lam(grid))))
        k = rng.uniform(0.1, 1.0, n)
        d = mse_divergence.kl_decompositions(h, eta, k, 0.8, 0.7, 0.05)
        assert d["x_marginal"] + d["path_given_x"] == pytest.approx(d["joint"], rel=1e-10)
        assert d["diffusion_loss"] + d["bias"] == pytest.approx(d["joint"], rel=1e-10)
        assert d["diffusion_loss"] == pytest.approx(mse_divergence.prop1_sum(h, eta, k, 0.8), rel=1e-10)
        assert d["cond_twin_gap"] < 1e-12
        # B̄ two ways; the divergence reading of (20) is ≥ 0; (10)'s start adds exactly the start term
        assert d["bias_closed_form"] == pytest.approx(d["bias"], rel=1e-10, abs=1e-12)
        assert d["bias_as_divergence"] >= 0
        assert d["joint_prior_start"] == pytest.approx(d["joint"] + d["start_term"], rel=1e-10)
    with pytest.raises(ValueError, match="rhoring needs N"):
        mse_divergence.kl_decompositions(h[:-1], eta, k, 0.8, 0.7, 0.05)


@given(st.floats(-0.9, 1e3))
@FAST
def test_kl_variance_ratio_matches_gaussian_kl(x):
    clean = abs(x) > 1e-2  # where the full-covariance KL has no cancellation to speak of
    v = float(mse_divergence.kl_variance_ratio(x))
    assert v >= 0
    if clean:
        assert v == pytest.approx(mse_divergence.gaussian_kl([0.0], [[1 + x]], [0.0], [[1.0]]), rel=1e-9)


def test_kl_variance_ratio_series_is_continuous_and_checks_input():
    a, b = mse_divergence.kl_variance_ratio(np.nextafter(1e-3, 0)), mse_divergence.kl_variance_ratio(1e-3)
    assert a == pytest.approx(b, rel=1e-9)
    with pytest.raises(ValueError, match="x must be > -1"):
        mse_divergence.kl_variance_ratio(-1.0)


def test_repa_rate_and_step():
    r = mse_divergence.derive_repa()
    assert sp.simplify(r["ratio"] - (1 - r["t"]) / 2) == 0 and r["d_ratio_dt"] == sp.Rational(-1, 2)
    g = np.linspace(0.1, 0.9, 9)
    np.testing.assert_allclose(mse_divergence.eta_repa(g) ** 2, 1 - g[:-1] / g[1:], rtol=1e-14)
    with pytest.raises(ValueError, match="increasing"):
        mse_divergence.eta_repa([0.5, 0.4])


def test_app_a_derivations():
    from difftheory.theory import mse_sde
    assert mse_sde.derive_difference_form()["residual_corrected"] == 0
    assert mse_sde.derive_sde_rates() == (0, 0)
    _, plus, minus = mse_sde.derive_eps_form()
    assert minus == 0 and plus != 0
    assert mse_sde.derive_variation_of_constants() == (0, 0, 0)
    dl = mse_sde.derive_taylor_deltas()
    assert dl["delta1"]["h0"] == 0 and dl["delta2"]["h0"] == 0


def test_deltas_32_approach_their_series_coefficient():
    from difftheory.theory import mse_sde
    # Logis, ρ = ρ̊^κ: log r = (1 + κ)λ̊ with λ̊' = 1/(t(1−t)), λ̊'' = −(1 − 2t)/(t(1−t))²; δ1 ≈ −Δt(R1² + R2)/(2R1)
    kappa, t, dt = 0.5, 0.6, 1e-5
    d1, d2 = mse_sde.deltas("logis", kappa, np.array([t - dt, t]))
    l1, l2 = 1 / (t * (1 - t)), -(1 - 2 * t) / (t * (1 - t)) ** 2
    R1, R2, P1, P2 = (1 + kappa) * l1, (1 + kappa) * l2, kappa * l1, kappa * l2
    assert d1[0] / dt == pytest.approx(-(R1**2 + R2) / (2 * R1), rel=1e-3)
    assert d2[0] / dt == pytest.approx(-(2 * P1**2 + P2) / (2 * P1), rel=1e-3)


def test_gaussian_laws_of_uds_and_euler_maruyama():
    from difftheory.theory import mse_sde
    for kappa in (0.0, 1.0):  # both converge to the continuous marginal v + ρ̊⁻²
        for scheme in ("uds", "em"):
            errs = [mse_sde.gaussian_law("sech", kappa, np.linspace(0.05, 0.95, n + 1), scheme=scheme)["w2"] for n in (256, 2048)]
            assert errs[1] < errs[0] / 4 and errs[1] < 1e-2
    # the recursion of gaussian_law is em_step applied to the linear state: one step, same numbers
    sch, g, v = MseSchedule("logis"), np.array([0.3, 0.35]), 1.0
    h, d = sch.rho(g), sch.dlam(g)
    k = v / (v + h[0] ** -2)
    a = mse_sde.em_step(1.0, k, 0.5 * d[0], d[0], h[0], 0.05, 0.0)  # state gain
    b = mse_sde.em_step(0.0, 0.0, 0.5 * d[0], d[0], h[0], 0.05, 1.0)  # noise coefficient
    assert mse_sde.gaussian_law("logis", 0.5, g, v, "em")["var"] == pytest.approx(a**2 * (v + h[0] ** -2) + b**2, rel=1e-13)
    assert mse_sde.gaussian_law("logis", 0.5, np.linspace(0.05, 0.95, 4097), scheme="em_plus")["var"] > 100  # (36)'s + sign
    errs = [mse_sde.local_error_33("sech", 0.5, np.linspace(0.05, 0.95, n + 1)) for n in (256, 1024)]
    assert errs[1] < errs[0] / 4
    with pytest.raises(ValueError, match="scheme"):
        mse_sde.gaussian_law("sech", 0.5, g, scheme="rk4")
    with pytest.raises(ValueError, match="grid"):
        mse_sde.gaussian_law("sech", 0.5, np.array([0.5, 0.4]))
    with pytest.raises(ValueError, match="kappa"):
        mse_sde.deltas("sech", 0.0, g)
