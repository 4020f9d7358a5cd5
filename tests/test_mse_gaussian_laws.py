"""Exact Gaussian laws of mse's Table 1 generators (toy/mse_gaussian_laws.py): against Monte Carlo with the
sample-based samplers, against the closed-form limits, against the samplers run on impulses, the scores against the
general FID formula and mpmath, the round-off bound against 50-digit arithmetic, and bad input."""

import mpmath as mp
import numpy as np
import pytest

from difftheory.gpu_validation.evaluate import frechet_distance as fd_full
from difftheory.theory import mse_diffusion_size as ds
from difftheory.theory import mse_generator as mg
from difftheory.theory.gmm import GaussianMixture
from difftheory.theory.schedules import mse_schedule
from difftheory.toy import mse_gaussian_laws as gl
from difftheory.toy.mse_generators import heun_edm2

VAR = np.array([0.3, 1.5, 4.0])
MEAN = np.array([0.5, -1.0, 2.0])
N_MC = 40_000


def _gmm_denoiser(schedule):
    """The exact denoiser of N(MEAN, diag(VAR)) from one-component mixtures (theory.gmm), per coordinate: an
    independent twin of ``posterior_gain``."""
    sch = mse_schedule(schedule)
    comps = [GaussianMixture.isotropic([[m]], np.sqrt(v)) for m, v in zip(MEAN, VAR)]

    def den(y, t):
        a, s = float(sch.alpha(t)), float(sch.sigma(t))
        return np.column_stack([g.posterior_mean(a * y[:, [j]], a, s)[:, 0] for j, g in enumerate(comps)])

    return den


def _within_se(x, law):
    """Sample mean and variance of ``x`` against the exact law within 4.5 standard errors."""
    n = len(x)
    m, v = x.mean(0), x.var(0, ddof=1)
    assert np.all(np.abs(m - law.mean) <= 4.5 * np.sqrt(law.var / n)), (m, law.mean)
    assert np.all(np.abs(v - law.var) <= 4.5 * law.var * np.sqrt(2 / (n - 1))), (v, law.var)


COARSE = np.array([0.3, 0.45, 0.6, 0.75, 0.9])  # 4 coarse steps on the Normal schedule: laws far from the data


@pytest.mark.parametrize("solver", mg.SOLVERS)
@pytest.mark.parametrize("kind", mg.KINDS)
@pytest.mark.parametrize("start", gl.STARTS)
def test_uds_law_matches_monte_carlo(solver, kind, start):
    sch = mse_schedule("normal")
    etas = mg.step_etas(kind, sch, "fpred", COARSE)
    rng = np.random.default_rng(3)
    s0 = 1 / sch.rho(COARSE[0])
    eps = rng.standard_normal((N_MC, 3))
    y0 = eps * s0 if start == "prior" else MEAN + eps * np.sqrt(VAR + s0**2)
    x = mg.uds_sample(_gmm_denoiser("normal"), sch, COARSE, etas, y0, rng.standard_normal((4, N_MC, 3)), solver)
    law = gl.uds_law(VAR, sch, COARSE, etas, solver, MEAN, start)
    _within_se(x, law)
    assert np.all(np.abs(law.var - VAR) > 0.01 * VAR)  # the coarse grid is far from the data: a real test


def test_edm2_heun_law_matches_monte_carlo_and_the_sampler():
    sig = np.array([5.0, 2.0, 0.8, 0.3])
    y0 = np.random.default_rng(4).standard_normal((N_MC, 3))
    x = heun_edm2(_gmm_denoiser("normal"), 4, y0, sig)
    _within_se(x, gl.edm2_heun_law(VAR, sig, MEAN))
    with pytest.raises(ValueError, match="sigmas"):
        heun_edm2(_gmm_denoiser("normal"), 4, y0, sig[::-1])


def test_affine_maps_equal_the_samplers_on_impulses():
    assert gl.twin_gap() <= 1e-9
    var = gl.power_law_spectrum(64, 1.0)
    for sampler, grid in (("heun_edm2", "uniform"), ("heun", "logsnr"), ("euler", "uniform")):
        m = gl.generator_map(var, "edm2", sampler, "flow" if sampler == "heun_edm2" else "ml", 63, grid)
        lin, noise = gl.sampled_map(var, "edm2", sampler, "flow" if sampler == "heun_edm2" else "ml", 63, grid)
        np.testing.assert_allclose(lin, m.out * m.gain, rtol=1e-9)
        np.testing.assert_allclose(noise, m.out**2 * m.noise, rtol=1e-9)


def test_posterior_gain_is_the_gaussian_posterior_mean():
    g = GaussianMixture.isotropic([[0.7]], 1.3)
    for rho in (0.01, 1.0, 40.0):
        y = np.array([[-2.0], [0.4], [3.0]])
        want = g.posterior_mean(y, 1.0, 1 / rho)[:, 0]  # Normal schedule: α = 1, σ = 1/ρ̊
        np.testing.assert_allclose(0.7 + gl.posterior_gain(1.3**2, rho) * (y[:, 0] - 0.7), want, rtol=1e-13)


@pytest.mark.parametrize("kind", mg.KINDS)
def test_many_steps_from_the_marginal_reach_the_closed_form(kind):
    """From the exact marginal every continuous process keeps it (mse App. A), so the schemes converge to
    N(m, k_N v) after the final denoise: Euler at first order (×4 steps, ÷4 error), Heun at second (÷16)."""
    sch = mse_schedule("normal")
    errs = {}
    for solver in mg.SOLVERS:
        for n in (250, 1000):
            g = sch.t_of_lam(np.linspace(-2.0, 4.0, n + 1))
            law = gl.uds_law(VAR, sch, g, mg.step_etas(kind, sch, "fpred", g), solver, MEAN, "marginal")
            lim = gl.limit_law(VAR, float(sch.rho(g[-1])), MEAN, "marginal")
            np.testing.assert_allclose(law.mean, lim.mean, rtol=1e-12)
            assert np.all(np.abs(lim.var - VAR) <= sch.rho(g[-1]) ** -2.0)  # the data law up to σ_N² (final denoise)
            errs[solver, n] = float(np.max(np.abs(law.var / lim.var - 1)))
    assert errs["euler", 1000] < 1e-2 and 3 < errs["euler", 250] / errs["euler", 1000] < 5
    assert errs["heun", 1000] < 1e-4 and 12 < errs["heun", 250] / errs["heun", 1000] < 20


def test_flow_from_the_prior_reaches_the_ode_map():
    """Both Heun flows converge to the probability-flow ODE's map at second order (×4 points, ÷16 error)."""
    sch = mse_schedule("normal")
    errs = {}
    for n in (256, 1024):
        sig = ds.edm2_sigmas(n)
        lim = gl.limit_law(VAR, 1 / sig[-1], MEAN, "prior", 1 / sig[0])
        for name, law in (("edm2", gl.edm2_heun_law(VAR, sig, MEAN)),
                          ("uds", gl.uds_law(VAR, sch, sch.t_of_lam(-np.log(sig)), np.zeros(n - 1), "heun", MEAN))):
            errs[name, n] = float(np.max(np.abs(law.var / lim.var - 1)))
            np.testing.assert_allclose(law.mean, lim.mean, rtol=1e-5)
    for name in ("edm2", "uds"):
        assert errs[name, 1024] < 1e-4 and 12 < errs[name, 256] / errs[name, 1024] < 20
    with pytest.raises(ValueError, match="rho_start"):
        gl.limit_law(VAR, 10.0)


def test_scores_against_the_general_formula_and_mpmath():
    p = gl.GaussianLaw(np.array([0.1, -0.2, 0.0]), np.array([0.5, 2.0, 1.0]))
    q = gl.GaussianLaw(np.array([0.0, 0.3, 0.1]), np.array([0.7, 1.5, 1.0]))
    assert gl.frechet_distance(p, q) == pytest.approx(fd_full(p.mean, np.diag(p.var), q.mean, np.diag(q.var)), rel=1e-12)
    kl = 0.5 * np.sum(p.var / q.var - 1 - np.log(p.var / q.var) + (p.mean - q.mean) ** 2 / q.var)
    assert gl.kl_divergence(p, q) == pytest.approx(kl, rel=1e-13)
    mp.mp.dps = 50
    for u in (1e-2, 1e-4, -3e-5, 1e-8, -1e-12):  # the cancellation-free branch, both sides of the switch
        want = float(mp.mpf(u) - mp.log1p(mp.mpf(u)))
        assert gl._x_minus_log1p(u) == pytest.approx(want, rel=1e-14)


def test_power_law_spectrum_has_the_data_scale():
    lam = gl.power_law_spectrum(4096, 1.0, 0.5)
    assert lam.mean() == pytest.approx(0.25, rel=1e-14) and lam[0] / lam[1] == pytest.approx(2.0)
    assert np.all(gl.power_law_spectrum(10, 0.0) == 0.25)


def _mp_uds_var(v, rho, etas, solver):
    """V_N of the prior-start law (before the denoise) for one direction in 50-digit arithmetic, from the same float64
    ρ̊'s and η's (the formulas written out, independently of the step twins)."""
    mp.mp.dps = 50
    k = [mp.mpf(v) * mp.mpf(r) ** 2 / (mp.mpf(v) * mp.mpf(r) ** 2 + 1) for r in rho]
    V = 1 / mp.mpf(rho[0]) ** 2
    for i, e in enumerate(etas):
        e = mp.mpf(e)
        q = mp.sqrt(1 - e * e) * mp.mpf(rho[i]) / mp.mpf(rho[i + 1])
        beta = e / mp.mpf(rho[i + 1])
        a, c = q + (1 - q) * k[i], beta
        if solver == "heun":
            a, c = q + (1 - q) * (k[i] + k[i + 1] * a) / 2, (1 - q) * k[i + 1] * c / 2 + beta
        V = a * a * V + c * c
    return V * k[-1] ** 2


@pytest.mark.parametrize("solver", mg.SOLVERS)
def test_roundoff_bound_covers_the_float64_error(solver):
    sch = mse_schedule("normal")
    g = ds.edm2_grid(128)
    etas = mg.step_etas("mse", sch, "fpred", g)
    var = np.array([1e-4, 0.02, 0.25, 3.0, 400.0])
    law = gl.uds_law(var, sch, g, etas, solver)
    rel = [abs(float(_mp_uds_var(v, sch.rho(g), etas, solver)) / w - 1) for v, w in zip(var, law.var)]
    assert max(rel) <= (len(g) + 1) * gl.STEP_ROUNDOFF
    assert max(rel) > 0  # the arithmetic does round: the bound is not vacuous
    data = gl.data_law(var)
    exact = sum((mp.sqrt(_mp_uds_var(v, sch.rho(g), etas, solver)) - mp.sqrt(v)) ** 2 for v in var)
    assert abs(gl.frechet_distance(law, data) - float(exact)) <= gl.roundoff_bound(law, data, len(g) - 1)


def _mp_edm2_var(v, sig):
    """V of heun_edm2's output (prior start) for one direction in 50-digit arithmetic from the same float64 σ's."""
    mp.mp.dps = 50
    sig = [mp.mpf(x) for x in sig]
    k = [mp.mpf(v) / (mp.mpf(v) + s * s) for s in sig]
    g = mp.mpf(1)
    for i in range(len(sig) - 1):
        s, t = sig[i], sig[i + 1]
        a_e = t / s + (1 - t / s) * k[i]  # Euler: x + (t − s)(x − k x)/s
        g *= 1 + (t - s) * ((1 - k[i]) / s + (a_e - k[i + 1] * a_e) / t) / 2
    return (g * k[-1] * sig[0]) ** 2


def test_roundoff_bound_covers_edm2_heun():
    var = np.array([1e-5, 0.02, 0.25, 3.0, 400.0])
    for sig in (ds.edm2_sigmas(128), np.exp(-mse_schedule("normal").lam(np.linspace(1e-6, 1 - 3e-9, 32)))):
        law = gl.edm2_heun_law(var, sig)
        rel = [abs(float(_mp_edm2_var(v, sig)) / w - 1) for v, w in zip(var, law.var)]
        assert max(rel) <= (len(sig) + 2) * gl.STEP_ROUNDOFF


@pytest.mark.parametrize("call, message", [
    (lambda: gl.uds_law([1.0, -1.0], "normal", COARSE, np.zeros(4)), "var must be"),
    (lambda: gl.uds_law([1.0], "normal", COARSE[::-1], np.zeros(4)), "grid must be"),
    (lambda: gl.uds_law([1.0], "normal", COARSE, np.zeros(3)), "etas must"),
    (lambda: gl.uds_law([1.0], "normal", COARSE, np.ones(4)), "etas must"),
    (lambda: gl.uds_law([1.0], "normal", COARSE, np.zeros(4), "rk4"), "solver must be"),
    (lambda: gl.uds_law([1.0], "normal", COARSE, np.zeros(4), start="data"), "start must be"),
    (lambda: gl.edm2_heun_law([1.0], [1.0, 2.0]), "sigmas must"),
    (lambda: gl.generator_law([1.0], "mlp", "heun", "flow", 63), "setting must be"),
    (lambda: gl.generator_law([1.0], "edm2", "heun_edm2", "ml", 63), "heun_edm2 is a flow"),
    (lambda: gl.generator_law([1.0], "logis", "heun_edm2", "flow", 63), "heun_edm2 is a flow"),
    (lambda: gl.generator_law([1.0], "edm2", "heun", "flow", 64), "nfe must be odd"),
    (lambda: gl.generator_law([1.0], "edm2", "heun", "flow", 63, "cosine"), "grid must be"),
    (lambda: gl.power_law_spectrum(0), "dim must be"),
    (lambda: gl.power_law_spectrum(10, -1.0), "alpha must be"),
    (lambda: gl.power_law_spectrum(10, 1.0, 0.0), "sigma_data must be"),
])
def test_bad_input_is_one_clear_line(call, message):
    with pytest.raises(ValueError, match=message) as info:
        call()
    assert "\n" not in str(info.value)
