"""erd Prop. E.1 weights and the baselines: SymPy derivations vs NumPy twins, reductions, bad inputs."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.theory import erd_weights
from difftheory.theory.target_conversions import erd_target_coefficients
from difftheory.theory.erd_bayes_lemmas import bayes_decomposition_symbolic, w2_coupling_bound, w2_coupling_bound_symbolic

pos = st.floats(0.01, 3.0)


@settings(max_examples=40, deadline=None)
@given(a=pos, s=pos, target=st.sampled_from(erd_weights.ERD_TARGETS))
def test_erd_weight_reduces_to_eq111_with_exact_constants(a, s, target):
    # Eq. (111) with the derived constants: x0 α, ε σ, u sqrt(α²+σ²), v √2 ασ
    expected = {"x0": a, "eps": s, "u": np.hypot(a, s), "v": np.sqrt(2) * a * s}[target]
    assert erd_weights.erd_weight(target, a, s) == pytest.approx(expected, rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(a=pos, s=pos, target=st.sampled_from(erd_weights.ERD_TARGETS), name=st.sampled_from(erd_weights.WEIGHTS))
def test_numeric_twin_matches_symbolic(a, s, target, name):
    expr = erd_weights.weight_symbolic(name, target).subs({erd_weights.gamma_s: 5, erd_weights.k_s: 1, erd_weights.p_s: 1, erd_weights.sigma_data_s: 0.5})
    sym = float(expr.subs({erd_weights.alpha_s: a, erd_weights.sigma_s: s}))
    assert float(erd_weights.weight(name, target, a, s, gamma=5, k=1, p=1, sigma_data=0.5)) == pytest.approx(sym, rel=1e-10)


def test_erd_weight_monte_carlo_matches_definition():
    rng = np.random.default_rng(0)
    n, d = 200_000, 4
    x0 = rng.choice([-1.0, 1.0], size=(n, d))  # mean 0, Cov I, not Gaussian
    eps = rng.standard_normal((n, d))
    a, s = 0.6, 0.8
    for target in erd_weights.ERD_TARGETS:
        cx, ce = erd_target_coefficients(target, a, s)
        mc = np.sqrt(np.mean(((cx * a * x0 + ce * s * eps) ** 2).sum(1)) / d)
        assert mc == pytest.approx(erd_weights.erd_weight(target, a, s), rel=0.01)


@settings(max_examples=30, deadline=None)
@given(a=pos, s=pos, space=st.sampled_from(erd_weights.ERD_TARGETS), target=st.sampled_from(erd_weights.ERD_TARGETS))
def test_space_ratio_is_the_error_ratio(a, s, space, target):
    # given z, ŷ − y for any target is proportional to x̂0 − x0: perturb x̂0 and compare squared errors
    cs, cy = erd_target_coefficients(space, a, s), erd_target_coefficients(target, a, s)
    dx = 0.37
    gain = lambda c: (c[0] * s - c[1] * a) / s  # noqa: E731
    ratio = (gain(cs) * dx) ** 2 / (gain(cy) * dx) ** 2
    assert float(erd_weights.space_ratio(space, target, a, s)) == pytest.approx(ratio, rel=1e-10)


def test_min_snr_v_form_on_vp():
    a = np.linspace(0.05, 0.99, 50)
    s = np.sqrt(1 - a**2)
    snr = a**2 / s**2
    assert np.allclose(erd_weights.weight("min-snr", "v", a, s, gamma=5), np.minimum(snr, 5) / (snr + 1))
    assert not np.allclose(erd_weights.weight("min-snr", "v", 0.5, 0.5, gamma=5), min(1.0, 5) / 2)  # linear: not the VP form


def test_normalized_weight_has_unit_mean():
    from difftheory.theory.schedules import erd_schedule

    fn = erd_weights.normalized_weight("erd", "x0", erd_schedule("linear").alpha_sigma)
    t = (np.arange(4096) + 0.5) / 4096
    assert np.mean(fn(t)) == pytest.approx(1.0)
    assert np.allclose(fn(t), 2 * (1 - t), rtol=1e-9)  # α = 1 − t has mean 1/2


def test_symbolic_lemmas():
    res = bayes_decomposition_symbolic(2, 2)
    assert res["cross_term"] == 0 and res["residual"] == 0
    expr = w2_coupling_bound_symbolic()
    val = expr.subs({sp.Symbol("alpha", positive=True): 0.3, sp.Symbol("sigma", positive=True): 0.9,
                     sp.Symbol("sigma_max", positive=True): 1.0, sp.Symbol("m2", positive=True): 8.18,
                     sp.Symbol("d", positive=True): 2})
    assert float(val) == pytest.approx(float(w2_coupling_bound(0.3, 0.9, 1.0, 8.18, 2)))


@pytest.mark.parametrize("call, match", [
    (lambda: erd_weights.erd_weight("w", 0.5, 0.5), "target"),
    (lambda: erd_weights.weight("snr", "eps", 0.5, 0.5), "weight"),
    (lambda: erd_weights.erd_weight("eps", -0.1, 0.5), "alpha"),
    (lambda: erd_weights.erd_weight("eps", 0.0, 0.0), "both"),
    (lambda: erd_weights.erd_weight("eps", np.nan, 0.5), "alpha"),
    (lambda: erd_weights.weight("min-snr", "eps", 0.5, 0.5, gamma=0), "gamma"),
    (lambda: erd_weights.erd_weight("eps", 0.5, 0.5, sigma_data=0), "sigma_data"),
])
def test_bad_inputs(call, match):
    with pytest.raises(ValueError, match=match):
        call()
