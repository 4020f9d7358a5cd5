"""Exact Bayes predictor and floors of erd App. F's GMM (t = 0 data): quadrature vs Monte-Carlo, minimiser, CLI."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.cli import main
from difftheory.theory.target_conversions import ERD_TARGETS
from difftheory.theory.gmm import erd_gmm
from difftheory.theory.schedules import ERD_SCHEDULES as SCHEDULES, erd_schedule
from difftheory.theory.target_conversions import erd_target_coefficients
from difftheory.toy import erd_gmm_floor
from difftheory.toy.erd_gmm_floor import bayes_floor, bayes_predictor, signal_and_noise, target_second_moment
from difftheory.toy.erd_gmm_floor import MIN_NODES


def _world(target, schedule, t, n, seed):
    rng = np.random.default_rng(seed)
    g = erd_gmm()
    a, s = erd_schedule(schedule).alpha_sigma(t)
    cx, ce = erd_target_coefficients(target, a, s)
    x0 = g.sample(n, rng)
    eps = rng.standard_normal((n, 2))
    return a * x0 + s * eps, cx * x0 + ce * eps


@settings(max_examples=12, deadline=None)
@given(target=st.sampled_from(ERD_TARGETS), schedule=st.sampled_from(SCHEDULES), t=st.floats(0.0, 1.0))
def test_floor_nonnegative_and_matches_monte_carlo(target, schedule, t):
    floor = bayes_floor(target, schedule, t)
    assert np.all(floor >= 0)
    z, y = _world(target, schedule, t, 40_000, 1)
    err = ((y - bayes_predictor(target, schedule, t, z)) ** 2).sum(1)
    se = err.std() / np.sqrt(len(err))
    assert abs(err.mean() - floor.sum()) <= 5 * se + 1e-9


@settings(max_examples=10, deadline=None)
@given(target=st.sampled_from(ERD_TARGETS), schedule=st.sampled_from(SCHEDULES), t=st.floats(0.05, 0.95),
       c=st.floats(-1.0, 1.0).filter(lambda c: abs(c) > 0.05))
def test_bayes_predictor_minimises_mse_among_perturbations(target, schedule, t, c):
    z, y = _world(target, schedule, t, 20_000, 2)
    fs = bayes_predictor(target, schedule, t, z)
    delta = c * np.stack([np.sin(z[:, 0]), np.cos(z[:, 1])], 1)
    base = ((y - fs) ** 2).sum(1)
    pert = ((y - fs - delta) ** 2).sum(1)
    # same draws: the difference is E‖δ‖² − 2E⟨δ, y − f*⟩ ≥ 0 up to sampling error of the cross term
    diff = pert - base
    assert diff.mean() > -3 * diff.std() / np.sqrt(len(diff))
    assert diff.mean() == pytest.approx((delta**2).sum(1).mean(), abs=6 * diff.std() / np.sqrt(len(diff)))


def test_posterior_target_matches_affine_identity():
    g = erd_gmm()
    rng = np.random.default_rng(3)
    z = rng.normal(size=(50, 2)) * 2
    a, s = 0.6, 0.7
    for target in ERD_TARGETS:
        cx, ce = erd_target_coefficients(target, a, s)
        m, v = g.posterior_target(z, a, s, cx, ce)
        mx = g.posterior_mean(z, a, s)
        assert np.allclose(m, cx * mx + ce * (z - a * mx) / s)
        assert np.allclose(v.sum(1), (cx - ce * a / s) ** 2 * g.posterior_var_trace(z, a, s))


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_floor_endpoints(schedule):
    # t = 0: z = x0 exactly: x0 recoverable, ε not at all (floor = d = 2)
    assert bayes_floor("x0", schedule, 0.0).sum() == pytest.approx(0.0, abs=1e-12)
    assert bayes_floor("eps", schedule, 0.0).sum() == pytest.approx(2.0, rel=1e-9)
    s, n = signal_and_noise("u", schedule, 0.4)
    assert s + n == pytest.approx(target_second_moment("u", schedule, 0.4), rel=1e-5)


def test_schedules_follow_app_f():
    assert erd_schedule("linear").alpha_sigma(0.25) == (0.75, 0.25)
    a, s = erd_schedule("gvp").alpha_sigma(1 / 3)
    assert a == pytest.approx(np.cos(np.pi / 6)) and s == pytest.approx(0.5)
    a, s = erd_schedule("vp").alpha_sigma(0.5)
    assert a == pytest.approx(np.exp(-0.5 * (0.1 * 0.5 + 0.5 * 19.9 * 0.25)))
    assert a**2 + s**2 == pytest.approx(1.0)


def test_cli_json(capsys):
    assert main(["bayes-floor", "--target", "v", "--schedule", "vp", "--t", "0.5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["floor_sum"] == pytest.approx(sum(out["floor_per_dim"]))
    assert out["floor_sum"] == pytest.approx(bayes_floor("v", "vp", 0.5).sum())
    assert main(["bayes-floor", "--target", "eps", "--schedule", "linear", "--t", "0.3"]) == 0
    assert "sum over dims" in capsys.readouterr().out


@pytest.mark.parametrize("argv, word", [
    (["--target", "w", "--schedule", "vp", "--t", "0.5"], "--target"),
    (["--target", "v", "--schedule", "cosine", "--t", "0.5"], "--schedule"),
    (["--target", "v", "--schedule", "vp", "--t", "1.5"], "--t"),
    (["--target", "v", "--schedule", "vp", "--t", "nan"], "--t"),
    (["--target", "v", "--schedule", "vp", "--t", "0.5", "--nodes", "1"], "--nodes"),
])
def test_cli_bad_input(argv, word, capsys):
    assert main(["bayes-floor"] + argv) == 2
    err = capsys.readouterr().err.strip()
    assert word in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("target, schedule, t", [("eps", "linear", 0.375), ("v", "vp", 0.25), ("x0", "gvp", 0.9)])
def test_factorised_quadrature_equals_the_tensor_rule(target, schedule, t):
    """erd's GMM is a product of two 1-D mixtures: the per-coordinate quadrature gives the tensor rule's numbers."""
    g = erd_gmm()
    assert erd_gmm_floor.product_factors(g) is not None
    a, s = erd_schedule(schedule).alpha_sigma(t)
    cx, ce = erd_target_coefficients(target, a, s)

    def both(z):
        m, v = g.posterior_target(z, a, s, cx, ce)
        return np.stack([m**2, v], -1)

    tensor = erd_gmm_floor.expect_over_z(both, schedule, t, g, 48)
    floor, signal = erd_gmm_floor.floor_and_signal(target, schedule, t, nodes=MIN_NODES)
    ref = erd_gmm_floor.expect_over_z(both, schedule, t, g, MIN_NODES)
    assert np.allclose(ref[:, 1], floor, rtol=1e-12, atol=1e-14) and np.allclose(ref[:, 0], signal, rtol=1e-12)
    assert np.all(np.isfinite(tensor))


def test_non_product_mixture_uses_the_tensor_rule():
    from difftheory.theory.gmm import GaussianMixture

    g = GaussianMixture.isotropic([[0.0, 0.0], [1.0, 2.0], [3.0, -1.0]], 0.4)
    assert erd_gmm_floor.product_factors(g) is None
    floor = bayes_floor("x0", "linear", 0.5, gmm=g, nodes=MIN_NODES)
    assert np.all(floor > 0) and np.all(np.isfinite(floor))


def test_api_bad_input():
    with pytest.raises(ValueError, match="t must"):
        bayes_floor("eps", "linear", -0.1)
    with pytest.raises(ValueError, match="schedule"):
        bayes_floor("eps", "cosine", 0.5)
    with pytest.raises(ValueError, match="nodes"):
        bayes_floor("eps", "linear", 0.5, nodes=MIN_NODES - 1)
