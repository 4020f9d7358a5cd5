"""theory/kdiff_binned.py: the linear model's optimal time-binned k(t) — NumPy twins against SymPy, against the
simulator's population loss and against theory/kdiff_optimum."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.linear_model.population import delta_star_closed, quadrature_nodes
from difftheory.linear_model.trainer import Setting, batched_target, moments_for
from difftheory.theory import kdiff_binned
from difftheory.theory.kdiff_target import KTarget
from difftheory.theory.kdiff_optimum import delta_star, k_star_u_loss
from difftheory.theory.time_densities import LATENT_DENSITY, PIXEL_DENSITY, TimeDensity

U = TimeDensity()
SAMPLERS = [U, LATENT_DENSITY, PIXEL_DENSITY]


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_bin_quadrature_integrates_the_sampler(sampler):
    t, w = kdiff_binned.bin_quadrature(sampler, 16)
    assert w.sum() == pytest.approx(1.0, abs=1e-14)
    for f in (lambda x: x, lambda x: (1 - x) ** 2, lambda x: 1 / (0.05 + x)):
        assert float(w @ f(t)) == pytest.approx(float(sampler.expect(f)), rel=1e-9)


def test_hat_basis_is_the_ktarget_interpolation():
    n = 7
    kt = KTarget("binned", 0.5, n).double()
    with torch.no_grad():
        kt.w_k.copy_(torch.randn(n + 1, generator=torch.Generator().manual_seed(0), dtype=torch.float64))
    t = np.linspace(0, 1, 301)
    ours = kdiff_binned.profile_values(torch.sigmoid(kt.w_k).detach().numpy(), t, n)
    ref = kt.k_of_t(torch.as_tensor(t)).detach().numpy()
    assert np.allclose(ours, ref, atol=1e-14)
    H = kdiff_binned.basis_matrix(t, n, "hat")
    assert np.allclose(H.sum(1), 1.0) and np.allclose(H @ (2 - 3 * kdiff_binned.parameter_times(n, "hat")), 2 - 3 * t)


@settings(max_examples=10, deadline=None)
@given(D=st.integers(1, 40), data=st.data(), seed=st.integers(0, 1000), loss=st.sampled_from(["u", "v"]),
       sampler=st.sampled_from(SAMPLERS))
def test_profile_delta_star_equals_the_simulator_population_loss(D, data, seed, loss, sampler):
    """NumPy Δ*[k(·)] (per-bin quadrature) = the trainer's torch Eq. (12) for the same binned target (composite
    quadrature, 65 536 nodes): two independent implementations of Thm 3.1 with a t-dependent target."""
    d = data.draw(st.integers(1, D))
    n = 8
    theta = np.random.default_rng(seed).uniform(0.05, 0.95, n + 1)
    ours = kdiff_binned.profile_delta_star(theta, D, d, sampler, loss, 0.05 if loss == "v" else None, n)["delta"]
    s = Setting(D, d, loss, sampler, 0.05 if loss == "v" else None)
    template, params, buffers = batched_target("binned", 0.5, n, 1)
    with torch.no_grad():
        params["kt.w_k"].copy_(torch.logit(torch.as_tensor(theta)).reshape(1, -1))
    t, w = quadrature_nodes([sampler], 65536)  # panels not aligned with the bins: converges as 1/n² (16 384 nodes: 5e-6 off)
    ref = float(delta_star_closed(moments_for((s,), template, params, buffers, t, w), D, d)[0].detach())
    assert ours == pytest.approx(ref, rel=5e-6)


@pytest.mark.parametrize("loss, clamp", [("u", None), ("v", 0.05), ("v", None)])
def test_analytic_gradient_matches_finite_differences(loss, clamp):
    th = np.random.default_rng(1).uniform(0.1, 0.9, 9)
    g = kdiff_binned.profile_delta_star(th, 16, 5, LATENT_DENSITY, loss, clamp, 8, grad=True)["grad"]
    h = 1e-6
    num = [(kdiff_binned.profile_delta_star(th + h * e, 16, 5, LATENT_DENSITY, loss, clamp, 8)["delta"]
            - kdiff_binned.profile_delta_star(th - h * e, 16, 5, LATENT_DENSITY, loss, clamp, 8)["delta"]) / (2 * h)
           for e in np.eye(9)]
    assert np.allclose(g, num, atol=1e-7)


@pytest.mark.parametrize("loss, clamp, sampler", [("u", None, U), ("v", 0.05, LATENT_DENSITY), ("v", 0.05, U)])
def test_constant_profile_is_thm31_with_constant_k(loss, clamp, sampler):
    for k in (0.2, 0.5, 0.9):
        ours = kdiff_binned.profile_delta_star(np.full(5, k), 12, 3, sampler, loss, clamp, 4)["delta"]
        assert ours == pytest.approx(float(delta_star(k, 12, 3, sampler, loss, clamp)), rel=1e-9)


def test_symbolic_derivations_hold():
    assert kdiff_binned.symbolic_stationarity_step(3)["holds"]
    assert kdiff_binned.symbolic_u_loss_closed_form()["equals_coded"]
    hat = kdiff_binned.symbolic_hat_uniform(3, 1, 2)
    assert hat["equal"] and hat["exact_end_values"] == ["6/11", "15/22", "9/11"]
    v = kdiff_binned.symbolic_v_identities()
    assert v["B4_holds"] and v["B5_holds"] and v["B4_clamp_inactive_above"] == 0.5


def test_numpy_closed_form_equals_sympy_solution():
    import sympy as sp

    cf = kdiff_binned.symbolic_u_loss_closed_form()
    Ds, ds, S1, S2, Ap = cf["symbols"]
    for D, d, sampler in ((64, 4, U), (8, 2, LATENT_DENSITY), (5, 5, PIXEL_DENSITY)):
        ours = kdiff_binned.u_loss_optimum(D, d, sampler)
        sub = {Ds: D, ds: d, S1: ours["S1"], S2: ours["S2"], Ap: ours["A_par"]}
        assert ours["c_par"] == pytest.approx(float(cf["c_par_expr"].subs(sub)), rel=1e-12)
        assert ours["c_perp"] == pytest.approx(float(cf["c_perp_expr"].subs(sub)), rel=1e-12)
        assert isinstance(sp.sympify(cf["c_par"]), sp.Expr)


@settings(max_examples=6, deadline=None)
@given(D=st.integers(1, 200), data=st.data(), sampler=st.sampled_from([U, LATENT_DENSITY]), n=st.sampled_from([1, 4, 8]))
def test_u_loss_optimum_is_affine_for_every_bin_count(D, data, sampler, n):
    """(B2): with hats, the u-loss optimum is k*(t) = a + b(1 − t) for any N ≥ 1 (while inside [0, 1])."""
    d = data.draw(st.integers(1, D))
    cf = kdiff_binned.u_loss_optimum(D, d, sampler)
    if not cf["inside"]:
        return
    num = kdiff_binned.optimal_profile(D, d, sampler, "u", None, n)
    tp = kdiff_binned.parameter_times(n, "hat")
    mass = kdiff_binned.parameter_mass(sampler, n)
    m = mass >= kdiff_binned.MASS_FRAC * mass.mean()
    assert np.max(np.abs(num["theta"] - (cf["a"] + cf["b"] * (1 - tp)))[m]) < 1e-5
    if D > d:
        assert cf["b"] < 0  # k*(t) rises with t


def test_one_step_bin_is_thm32_generalised():
    """With one step bin the profile is a constant k: the optimum is theory's u-loss k* for any sampler."""
    for D, d, sampler in ((10, 2, U), (10, 2, LATENT_DENSITY), (6, 6, U)):
        num = kdiff_binned.optimal_profile(D, d, sampler, "u", None, 1, basis="step", starts={"0.5": np.array([0.5])})
        assert float(num["theta"][0]) == pytest.approx(k_star_u_loss(D, d, sampler), abs=1e-7)


def test_dense_v_optimum_is_one_minus_t_at_the_linear_predictor_floor():
    n = 16
    opt = kdiff_binned.optimal_profile(4, 4, LATENT_DENSITY, "v", 0.05, n)
    tp = kdiff_binned.parameter_times(n, "hat")
    mass = kdiff_binned.parameter_mass(LATENT_DENSITY, n)
    m = mass >= kdiff_binned.MASS_FRAC * mass.mean()
    assert np.max(np.abs(opt["theta"] - kdiff_binned.dense_v_optimum(tp))[m]) < 1e-4
    floor = 0.5 * 4 * float(LATENT_DENSITY.expect(lambda t: 2 - (2 * t - 1) ** 2 / (t**2 + (1 - t) ** 2)))
    assert opt["delta"] == pytest.approx(floor, rel=1e-8)
    assert abs(opt["c_par"]) < 1e-4  # W* = 0: the target alone is the best linear predictor


def test_sparse_v_optimum_nears_the_perpendicular_exact_family():
    """(B5): as D/d grows the optimum approaches k = 1 − γ(1 − t)."""
    n = 8
    fits = []
    for D in (16, 256):
        opt = kdiff_binned.optimal_profile(D, 1, LATENT_DENSITY, "v", 0.05, n, starts={"1": np.ones(n + 1)})
        mass = kdiff_binned.parameter_mass(LATENT_DENSITY, n)
        fits.append(kdiff_binned.perp_exact_family_fit(opt["theta"], n, "hat", mass >= kdiff_binned.MASS_FRAC * mass.mean())["max_dev"])
    assert fits[1] < fits[0] and fits[1] < 0.01


def test_bad_inputs_are_rejected():
    with pytest.raises(ValueError, match="theta"):
        kdiff_binned.profile_delta_star(np.full(3, 0.5), 4, 2, U, "u", None, 4)
    with pytest.raises(ValueError, match="theta"):
        kdiff_binned.profile_delta_star(np.full(5, 1.5), 4, 2, U, "u", None, 4)
    with pytest.raises(ValueError, match="loss"):
        kdiff_binned.profile_delta_star(np.full(5, 0.5), 4, 2, U, "x", None, 4)
    with pytest.raises(ValueError, match="n_bins"):
        kdiff_binned.bin_quadrature(U, 0)
    with pytest.raises(ValueError, match="d must be"):
        kdiff_binned.optimal_profile(2, 3, U, "u", None, 4)
