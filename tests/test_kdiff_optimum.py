"""Numeric twins of kdiff Thm 3.1–3.2 (kdiff_optimum): minimiser vs closed forms, the end points where κ² is not
integrable, W* as a stationary point of a Monte-Carlo loss gradient, and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.theory import kdiff_optimum_symbolic
from difftheory.theory.kdiff_optimum import (W_star, delta_star, k_star, k_star_of_ratio, k_star_u_loss,
                                            mode_losses_at_singular_end, singular_end)
from difftheory.theory.time_densities import LATENT_DENSITY, PIXEL_DENSITY, TimeDensity, parse_sampler
from difftheory.theory.target_conversions import kappa_k

UNIFORM = TimeDensity()
samplers = st.one_of(st.just(UNIFORM),
                     st.builds(lambda m, s: TimeDensity("logit-normal", m, s), st.floats(-1.5, 1.5), st.floats(0.3, 1.5)))


@settings(max_examples=12, deadline=None)
@given(samplers, st.integers(1, 300), st.data())
def test_numeric_minimiser_matches_closed_form_u_loss(sampler, D, data):
    d = data.draw(st.integers(1, D))
    e1, e2 = float(sampler.expect(lambda t: t)), float(sampler.expect(lambda t: t * t))
    closed = min(1.0, max(0.0, kdiff_optimum_symbolic.k_star_general(e1, e2, D, d)))
    res = k_star(D, d, sampler, "u")
    assert abs(res.k_star - closed) < 1e-6
    assert abs(k_star_u_loss(D, d, sampler) - closed) < 1e-9
    if sampler.name == "uniform":
        assert abs(res.k_star - D / (D + d)) < 1e-6


@settings(max_examples=6, deadline=None)
@given(st.sampled_from([UNIFORM, LATENT_DENSITY, PIXEL_DENSITY]), st.sampled_from([("v", 0.05), ("x", 0.05), ("u", None)]),
       st.sampled_from([1.5, 3.0, 10.0]))
def test_ratio_sweep_agrees_with_precise_minimiser(sampler, setting, r):
    loss, clamp = setting
    fast = k_star_of_ratio([r], sampler, loss, clamp, grid=401)[0]
    precise = k_star(int(10 * r), 10, sampler, loss, clamp).k_star
    assert abs(fast - precise) < 5e-3


def test_fixed_bug_v_loss_uniform_unclamped():
    res = k_star(100, 10, UNIFORM, "v", None)
    assert res.k_star > 0.99 and res.interior
    assert all(np.isfinite(v) for v in res.delta_at.values())
    assert res.delta_at["0"] == pytest.approx(55.0, rel=1e-10)       # (D + d)/2
    assert res.delta_at["1"] == pytest.approx(10.0, rel=1e-10)       # d


@pytest.mark.parametrize("loss,end,k_near", [("v", 0, 1e-8), ("x", 0, 1e-8), ("v", 1, 1 - 1e-8), ("eps", 1, 1 - 1e-8)])
def test_end_points_are_the_limits(loss, end, k_near):
    assert singular_end(end, UNIFORM, loss) == end
    at_end = float(delta_star(float(end), 40, 7, UNIFORM, loss))
    near = float(delta_star(k_near, 40, 7, UNIFORM, loss))
    assert np.isfinite(at_end) and abs(near - at_end) < 2e-3 * at_end


def test_singular_end_only_where_kappa_is_not_integrable():
    assert singular_end(0, UNIFORM, "eps") is None          # κ = −1 at k = 0
    assert singular_end(1, UNIFORM, "x") is None            # κ = 1 at k = 1
    assert singular_end(0, UNIFORM, "v", clamp=0.05) is None
    assert singular_end(0, LATENT_DENSITY, "v") is None
    assert singular_end(0.5, UNIFORM, "v") is None
    par, perp = mode_losses_at_singular_end(0, UNIFORM, "x")
    assert par == pytest.approx(2 / 3) and perp == pytest.approx(1 / 3)


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 2**31 - 1), st.sampled_from([(UNIFORM, "u", None), (LATENT_DENSITY, "v", 0.05),
                                                    (PIXEL_DENSITY, "x", 0.05)]), st.floats(0.1, 0.9))
def test_W_star_is_stationary_for_a_monte_carlo_gradient(seed, setting, k):
    sampler, loss, clamp = setting
    rng = np.random.default_rng(seed)
    D, d, N = 5, 2, 40_000
    P, _ = np.linalg.qr(rng.normal(size=(D, d)))
    t = sampler.sample(N, rng)
    x = rng.normal(size=(N, d)) @ P.T
    n = rng.normal(size=(N, D))
    z = t[:, None] * x + (1 - t[:, None]) * n
    u = k * x - (1 - k) * n
    w2 = kappa_k(t, k, loss, clamp) ** 2

    def grad_stats(W):
        g = w2[:, None, None] * np.einsum("ni,nj->nij", z @ W.T - u, z)     # ∂/∂W of ½κ²‖Wz − u‖²
        return g.mean(0), g.std(0) / np.sqrt(N)

    Ws = W_star(P, k, sampler, loss, clamp)
    mean, se = grad_stats(Ws)
    assert np.max(np.abs(mean) / se) < 5.5
    mean_off, se_off = grad_stats(Ws + 0.2 * np.eye(D))
    assert np.max(np.abs(mean_off) / se_off) > 10           # the test can see a non-stationary point


@pytest.mark.parametrize("args,name", [
    ((0, 1), "D"), ((3, 4), "d"), ((3, 0), "d"), ((2.5, 1), "D"),
])
def test_bad_dims(args, name):
    with pytest.raises(ValueError, match=name):
        delta_star(0.5, *args, UNIFORM)


@pytest.mark.parametrize("kw,name", [
    (dict(k=1.5), "k"), (dict(k=float("nan")), "k"), (dict(loss="w"), "loss"), (dict(clamp=0.0), "clamp"),
    (dict(clamp=1e-15), "clamp"),
    (dict(clamp=1.0), "clamp"),
])
def test_bad_settings(kw, name):
    args = dict(k=0.5, D=10, d=2, sampler=UNIFORM, loss="v", clamp=None) | kw
    with pytest.raises(ValueError, match=name):
        delta_star(**args)


@pytest.mark.parametrize("text,name", [("logit-normal:0,0", "sigma"), ("logit-normal:0,3", "sigma"),
                                       ("logit-normal:9,1", "mu"), ("logit-normal:a,b", "sampler"),
                                       ("gauss", "sampler")])
def test_bad_sampler(text, name):
    with pytest.raises(ValueError, match=name):
        parse_sampler(text)


def test_ratio_sweep_bad_input():
    with pytest.raises(ValueError, match="ratios"):
        k_star_of_ratio([0.5])


@settings(max_examples=10, deadline=None)
@given(st.floats(0.0, 1.0), st.integers(1, 50), st.floats(0.3, 1.5), st.sampled_from([("v", 0.05), ("v", None), ("u", None)]))
def test_delta_star_symmetric_in_k_when_D_equals_d(k, d, sig, setting):
    """(x, n, t, k) → (n, x, 1 − t, 1 − k) maps u → −u, keeps z and the v-loss κ: Δ*(k) = Δ*(1 − k) if D = d and p
    is symmetric about ½ — and not when D > d (the perpendicular term breaks it)."""
    loss, clamp = setting
    s = TimeDensity("logit-normal", 0.0, sig)
    a, b = delta_star(np.array([k, 1 - k]), d, d, s, loss, clamp)
    assert abs(a - b) <= 1e-8 * max(1.0, a)
    if abs(k - 0.5) > 0.05:
        a2, b2 = delta_star(np.array([k, 1 - k]), 3 * d, d, s, loss, clamp)
        assert abs(a2 - b2) > 1e-6 * a2


# ---------------------------------------------------------------------------------------- accuracy and ties
def _mp_delta(k, D, d, loss, clamp, dps=50):
    """Δ*(k) from Eq. (12) in mpmath (uniform t; the cancellation is harmless at 50 digits)."""
    import mpmath as mp

    xi, eta = {"v": (1, -1), "x": (1, 0), "eps": (0, 1)}[loss]
    with mp.workdps(dps):
        k = mp.mpf(k)

        def w(t):
            den = k * (1 - t) + (1 - k) * t
            return ((xi * (1 - t) - eta * t) / max(den, mp.mpf(clamp))) ** 2

        pts = [0, 1]
        if abs(1 - 2 * k) > 0 and 0 < (clamp - k) / (1 - 2 * k) < 1:
            pts = [0, (clamp - k) / (1 - 2 * k), 1]
        m = [mp.quad(lambda t, f=f: w(t) * f(t), pts) for f in
             (lambda t: 1, lambda t: t, lambda t: 1 - t, lambda t: t * t, lambda t: (1 - t) ** 2)]
        phi, psi = k, -(1 - k)
        par = (phi**2 + psi**2) * m[0] - (phi * m[1] + psi * m[2]) ** 2 / (m[3] + m[4])
        perp = psi**2 * m[0] - (psi * m[2]) ** 2 / m[4]
        return float(mp.mpf(d) / 2 * par + (mp.mpf(D) - d) / 2 * perp)


@pytest.mark.parametrize("loss,k", [("eps", 1.0), ("x", 0.0), ("v", 0.0), ("v", 1.0), ("v", 0.02)])
def test_smallest_accepted_clamp_is_accurate(loss, k):
    """Issue 12: Δ* went negative below clamp ≈ 1e-12 (Eq. 12's cancellation); the residual form at CLAMP_MIN
    agrees with 50-digit mpmath to 1e-10 relative, and Δ* ≥ 0."""
    from difftheory.theory.kdiff_optimum import CLAMP_MIN

    got = float(delta_star(k, 10, 2, UNIFORM, loss, CLAMP_MIN))
    want = _mp_delta(k, 10, 2, loss, CLAMP_MIN)
    assert got >= 0 and abs(got - want) <= 1e-10 * want


def test_ranges_below_accuracy_are_refused():
    from difftheory.theory.kdiff_optimum import CLAMP_MIN, D_MAX
    from difftheory.theory.time_densities import SIGMA_MIN

    with pytest.raises(ValueError, match="clamp"):
        delta_star(0.5, 10, 2, UNIFORM, "v", CLAMP_MIN / 10)
    with pytest.raises(ValueError, match="D must be an integer in"):
        delta_star(0.5, D_MAX + 1, 2, UNIFORM, "v", 0.05)
    with pytest.raises(ValueError, match="sigma"):
        TimeDensity("logit-normal", 0.0, SIGMA_MIN / 10)
    with pytest.raises(ValueError, match="ratios"):
        k_star_of_ratio([D_MAX * 10.0])


def test_narrow_sampler_and_huge_D_are_accurate():
    """Issue 12: D = 1e20, logit-normal(0, 1e-9) gave Δ* = −222043.6. At the accepted extremes (D = 1e15,
    σ = SIGMA_MIN) the u-loss Δ* equals its closed form in the sampler's moments (App. D with E[t], E[t²])."""
    import mpmath as mp

    from difftheory.theory.kdiff_optimum import D_MAX
    from difftheory.theory.time_densities import SIGMA_MIN

    s = TimeDensity("logit-normal", 0.0, SIGMA_MIN)
    with mp.workdps(40):
        pdf = lambda x: mp.npdf(x, 0, SIGMA_MIN)  # noqa: E731
        e1 = mp.quad(lambda x: pdf(x) / (1 + mp.exp(-x)), [-20 * SIGMA_MIN, 0, 20 * SIGMA_MIN])
        e2 = mp.quad(lambda x: pdf(x) / (1 + mp.exp(-x)) ** 2, [-20 * SIGMA_MIN, 0, 20 * SIGMA_MIN])
        f = kdiff_optimum_symbolic.delta_k().subs({kdiff_optimum_symbolic.m0: 1, kdiff_optimum_symbolic.m_a: e1, kdiff_optimum_symbolic.m_s: 1 - e1, kdiff_optimum_symbolic.m_aa: e2, kdiff_optimum_symbolic.m_ss: 1 - 2 * e1 + e2})
        for k in (0.0, 0.5, 0.9):
            want = float(f.subs({kdiff_optimum_symbolic.k: k, kdiff_optimum_symbolic.D: D_MAX, kdiff_optimum_symbolic.d: 1}).evalf(40))
            got = float(delta_star(k, D_MAX, 1, s, "u"))
            assert got >= 0 and abs(got - want) <= 1e-10 * want


def test_tie_at_D_equals_d_reported_and_routines_agree():
    """Issue 9: at D = d under the v-loss Δ*(0) = Δ*(1) and k = ½ is a maximum; k_star and k_star_of_ratio follow
    one documented rule (the largest tied minimiser) and the tie and the maximum are reported."""
    from difftheory.theory.kdiff_optimum import TIE_RULE

    for sampler, clamp in ((UNIFORM, 0.05), (LATENT_DENSITY, 0.05)):
        res = k_star(10, 10, sampler, "v", clamp)
        assert res.ties == [0.0, 1.0] and res.k_star == 1.0 and not res.interior
        assert [s["type"] for s in res.stationary] == ["maximum"] and abs(res.stationary[0]["k"] - 0.5) < 1e-6
        assert k_star_of_ratio([1.0], sampler, "v", clamp)[0] == 1.0
    unclamped = k_star(30, 30, UNIFORM, "v", None)     # two interior minima mirror each other: k and 1 − k
    lo, hi = unclamped.ties
    assert abs(lo + hi - 1) < 1e-6 and unclamped.k_star == hi
    assert [s["type"] for s in unclamped.stationary] == ["minimum", "maximum", "minimum"]
    assert abs(k_star_of_ratio([1.0], UNIFORM, "v", None, grid=801)[0] - hi) < 5e-3
    assert "largest" in TIE_RULE
    # no tie away from D = d; a unique minimum has a single stationary point
    one = k_star(40, 10, UNIFORM, "u")
    assert one.ties == [one.k_star] and [s["type"] for s in one.stationary] == ["minimum"]


def test_minimum_inside_the_last_grid_step_is_found():
    """k* = D/(D + d) = 0.999 lies between the last two grid points; the end point must not win."""
    res = k_star(10**6, 10**3, UNIFORM, "u")
    assert abs(res.k_star - 10**6 / (10**6 + 10**3)) < 1e-9 and res.interior
