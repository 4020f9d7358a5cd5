"""mse §2, §4–§5: schedules, parameterizations, KL weights, the MSE-diffusion rate (symbolic vs numeric twins)."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from difftheory.theory import mse_divergence as mdv
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS, S2, derive_S, dlam_over_S2
from difftheory.theory.mse_schedules import SCHEDULES, T, Schedule, derive_dlam, sym_alpha_sigma

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
    sch = Schedule(name)
    for t in np.linspace(0.02, 0.98, 7):
        assert float(f(t)) == pytest.approx(float(sch.dlam(t)), rel=1e-10)


@given(schedules, times)
@FAST
def test_schedule_twin_consistency(name, t):
    sch = Schedule(name)
    assert sch.alpha(t) / sch.sigma(t) == pytest.approx(sch.rho(t), rel=1e-10)
    h = 1e-6 * min(t, 1 - t)
    fd = (sch.lam(t + h) - sch.lam(t - h)) / (2 * h)
    assert fd == pytest.approx(float(sch.dlam(t)), rel=1e-5)
    assert float(sch.t_of_lam(sch.lam(t))) == pytest.approx(t, abs=1e-9)


@pytest.mark.parametrize("name", SCHEDULES)
def test_alpha_increasing_sigma_decreasing(name):
    sch = Schedule(name)
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
    M, targ = mdv.mse_M(param, name, t0, t1)
    ts = np.linspace(t0, t1, 101)
    res = mdv.coherence_residual(param, name, ts, M)
    assert np.max(np.abs(res)) < 1e-9
    # the rate never exceeds ML and equals it at the argmax
    sch = Schedule(name)
    lam = mdv.mse_rate(sch.dlam(ts), S2(param, sch, ts), M)
    assert np.all(lam <= sch.dlam(ts) * (1 + 1e-9))
    assert float(mdv.mse_rate(sch.dlam(targ), S2(param, sch, targ), M)) == pytest.approx(float(sch.dlam(targ)), rel=1e-5)


@given(schedules, params, intervals(), st.floats(0, 1))
@settings(max_examples=30, deadline=None)
def test_rate_30_agrees_with_numeric_root_of_coherence(name, param, iv, u):
    t0, t1 = iv
    M, _ = mdv.mse_M(param, name, t0, t1)
    t = t0 + u * (t1 - t0)
    sch = Schedule(name)
    d, s2 = float(sch.dlam(t)), float(S2(param, sch, t))
    lam = float(mdv.mse_rate(d, s2, M))
    f = lambda x: np.log(mdv.kl_weight(x, d) / (M * s2))  # decreasing on (0, λ̊'], zero at λ̌'
    if f(d) < -1e-12:
        root = optimize.brentq(f, d * 1e-40, d, xtol=1e-300, rtol=1e-13)
        assert lam == pytest.approx(root, rel=1e-7)
    else:
        assert lam == pytest.approx(d, rel=1e-4)


@given(schedules, params, intervals())
@settings(max_examples=20, deadline=None)
def test_M_is_the_max_of_the_ratio(name, param, iv):
    t0, t1 = iv
    M, targ = mdv.mse_M(param, name, t0, t1)
    ts = np.random.default_rng(0).uniform(t0, t1, 5000)
    assert np.all(dlam_over_S2(param, name, ts) <= M * (1 + 1e-9))
    assert t0 <= targ <= t1


def test_logis_vel_M_closed_form():
    for tmax in (0.5, 0.9, 0.999):
        M, targ = mdv.mse_M("vel", "logis", 0.01, tmax)
        assert M == pytest.approx(tmax / (1 - tmax), rel=1e-9)


@given(st.floats(1.0001, 5.0), st.floats(0.0, 3.0))
@FAST
def test_eta_mse_solves_discrete_coherence(gamma, extra):
    a = (gamma - 1) * (1 + extra)  # a = 2 M S² ≥ γ − 1
    eta = mdv.eta_mse(gamma, a / 2, 1.0)
    assert 0 < eta <= mdv.eta_ml(gamma) + 1e-12
    assert mdv.w_eta(eta, gamma) == pytest.approx(a / 2, rel=1e-8)


@given(st.floats(0.05, 3.0), st.floats(0.05, 0.95))
@FAST
def test_w_step_equals_w_eta_and_eta_ring_minimises(dlam_step, q):
    gamma = np.exp(2 * dlam_step)
    eta = np.sqrt(1 - q * q)
    assert mdv.w_step(1.0, np.sqrt(gamma), q) == pytest.approx(mdv.w_eta(eta, gamma), rel=1e-10)
    er = mdv.eta_ml(gamma)
    assert mdv.w_eta(er, gamma) == pytest.approx((gamma - 1) / 2, rel=1e-9)
    assert mdv.w_eta(er, gamma) <= mdv.w_eta(eta, gamma) + 1e-12


def test_prop1_path_kl_equals_weighted_sum():
    sch = Schedule("sech")
    grid = np.linspace(0.1, 0.9, 7)
    h = sch.rho(grid)
    etas = np.full(6, 0.4)
    k = np.linspace(0.2, 0.9, 6)
    assert mdv.path_kl_gaussian(h, etas, k, 0.8) == pytest.approx(mdv.prop1_sum(h, etas, k, 0.8), rel=1e-9)


def test_prop2_first_order():
    gaps = [abs(np.subtract(*mdv.prop2_gap("logis", 0.1, 0.9, 0.5, n))) for n in (64, 256)]
    assert 3.0 < gaps[0] / gaps[1] < 5.0


def test_printed_w_eta_differs_by_half_from_derivation():
    w_eta, printed, *_ = mdv.derive_w_eta()
    assert sp.simplify(w_eta / printed) == sp.Rational(1, 2)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.2, 1.5, float("nan")])
def test_bad_times_rejected(bad):
    with pytest.raises(ValueError, match="t0|tmax"):
        mdv.mse_M("vel", "logis", bad, 0.9) if bad < 0.5 or bad != bad else mdv.mse_M("vel", "logis", 0.1, bad)


def test_bad_names_and_order_rejected():
    with pytest.raises(ValueError, match="schedule"):
        Schedule("cosine")
    with pytest.raises(ValueError, match="parameterization"):
        S2("eps", "logis", 0.5)
    with pytest.raises(ValueError, match="t0 must be < tmax"):
        mdv.mse_M("vel", "logis", 0.6, 0.5)
    with pytest.raises(ValueError, match="M must satisfy"):
        mdv.mse_rate(10.0, 1.0, 1.0)
    from difftheory.theory.mse_schedules import check_time

    with pytest.raises(ValueError, match=r"\(0, 1\)"):
        check_time([0.5, 1.0])
