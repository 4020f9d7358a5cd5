"""mse §3: generator (10), UDS Euler/Heun (13)–(15), pathwise form (11), and the DDPM/DDIM remark
cross-checked against diffusers (test-only dependency, constructed offline from config arguments)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.theory import mse_generator
from difftheory.theory.mse_divergence import eta_ml
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS
from difftheory.theory.mse_schedules_symbolic import SCHEDULES
from difftheory.theory.schedules import MseSchedule

FAST = settings(max_examples=40, deadline=None)


@given(st.floats(0.05, 5), st.floats(1.01, 4), st.floats(0.05, 3), st.floats(1.01, 4), st.integers(0, 2**31))
@FAST
def test_uds_euler_step_matches_generator_10(h_s, h_ratio, rho_s, rho_ratio, seed):
    rng = np.random.default_rng(seed)
    y, xh, xi = rng.standard_normal((3, 64))
    h_t, rho_t = h_s * h_ratio, rho_s * rho_ratio
    a = mse_generator.generator_step(y, xh, rho_s, rho_t, h_s, h_t, xi)
    q, beta = mse_generator.uds_coefficients(h_s, h_t, np.sqrt(1 - (rho_s / rho_t) ** 2))
    np.testing.assert_allclose(mse_generator.euler_uds(y, xh, q, beta, xi), a, rtol=1e-12, atol=1e-12)
    assert q == pytest.approx(rho_s * h_s / (rho_t * h_t), rel=1e-12)


def test_heun_equals_euler_for_a_constant_denoiser():
    sch = MseSchedule("logis")
    grid = np.linspace(0.1, 0.9, 9)
    etas = mse_generator.step_etas("mse", sch, "vel", grid)
    rng = np.random.default_rng(0)
    y0, noise = rng.standard_normal(16), rng.standard_normal((8, 16))
    den = lambda y, t: np.full_like(y, 0.7)
    a = mse_generator.uds_sample(den, sch, grid, etas, y0, noise, "euler", denoise_last=False)
    b = mse_generator.uds_sample(den, sch, grid, etas, y0, noise, "heun", denoise_last=False)
    np.testing.assert_allclose(a, b, rtol=1e-12)


def test_flow_with_exact_gaussian_denoiser_reaches_the_data_law():
    # X ~ N(0, v): X̂_t(y) = v y/(v + ρ̊⁻²); the UDS flow is exact for this linear denoiser only in the limit
    v = 0.5
    sch = MseSchedule("sech")
    den = lambda y, t: v * y / (v + sch.rho(t) ** -2)
    grid = np.linspace(0.02, 0.98, 400)
    rng = np.random.default_rng(1)
    y0 = rng.standard_normal(20000) * np.sqrt(v + sch.rho(grid[0]) ** -2)
    out = mse_generator.uds_sample(den, sch, grid, np.zeros(399), y0, np.zeros((399, 20000)), "heun", denoise_last=False)
    assert out.var() == pytest.approx(v + sch.rho(grid[-1]) ** -2, rel=0.03)


@given(st.sampled_from(SCHEDULES), st.sampled_from(PARAMETERIZATIONS), st.integers(2, 60))
@settings(max_examples=30, deadline=None)
def test_step_etas_ordering(name, param, n):
    grid = np.linspace(0.05, 0.95, n + 1)
    ml = mse_generator.step_etas("ml", name, param, grid)
    mse = mse_generator.step_etas("mse", name, param, grid)
    assert np.all(mse_generator.step_etas("flow", name, param, grid) == 0)
    assert np.all((mse >= 0) & (mse <= ml + 1e-12) & (ml < 1))
    assert np.any(np.isclose(mse, ml, rtol=1e-6))  # the MSE-diffusion touches ML at the argmax step


def test_xi_star_is_standard_normal_and_pathwise_identity():
    rng = np.random.default_rng(2)
    rho = np.exp(np.linspace(0, 1.5, 8))
    xis = rng.standard_normal((7, 50000))
    xs = mse_generator.xi_star(rho, xis)
    assert xs.var() == pytest.approx(1.0, abs=0.03)


def test_uds_sample_is_seeded_and_rejects_bad_solver():
    sch = MseSchedule("logis")
    grid = np.linspace(0.1, 0.9, 5)
    den = lambda y, t: 0.5 * y
    run = lambda s: mse_generator.uds_sample(den, sch, grid, mse_generator.step_etas("ml", sch, "vel", grid), *(
        lambda r: (r.standard_normal(4), r.standard_normal((4, 4))))(np.random.default_rng(s)))
    np.testing.assert_array_equal(run(3), run(3))
    with pytest.raises(ValueError, match="solver"):
        mse_generator.uds_sample(den, sch, grid, np.zeros(4), np.zeros(2), np.zeros((4, 2)), solver="rk4")
    with pytest.raises(ValueError, match="kind"):
        mse_generator.step_etas("sde", sch, "vel", grid)
    assert mse_generator.nfe("heun", 31) == 63 and mse_generator.nfe("euler", 62) == 63


def _vp_from_alphas_cumprod(ac, k):
    a = float(ac[k]) ** 0.5
    s = (1 - float(ac[k])) ** 0.5
    return a, s, a / s


def test_euler_uds_ml_is_diffusers_ddpm_step():
    torch = pytest.importorskip("torch")
    diffusers = pytest.importorskip("diffusers")
    sched = diffusers.DDPMScheduler(num_train_timesteps=1000, beta_schedule="linear", prediction_type="sample",
                                    variance_type="fixed_small", clip_sample=False)
    sched.set_timesteps(50)
    ac = sched.alphas_cumprod.double().numpy()
    ts = [int(t) for t in sched.timesteps][:-1]  # interior steps (the last one jumps to ᾱ = 1)
    rng = np.random.default_rng(0)
    for k in ts[::7]:
        kp = k - 1000 // 50
        a_s, s_s, h_s = _vp_from_alphas_cumprod(ac, k)  # mse s: the noisier time
        a_t, s_t, h_t = _vp_from_alphas_cumprod(ac, kp)  # mse t: the cleaner time
        z = torch.tensor(rng.standard_normal((2, 8)), dtype=torch.float32)
        xh = torch.tensor(rng.standard_normal((2, 8)), dtype=torch.float32)
        out = sched.step(xh, k, z, generator=torch.Generator().manual_seed(k)).prev_sample.double().numpy()
        xi = torch.randn(z.shape, generator=torch.Generator().manual_seed(k), dtype=torch.float32).double().numpy()
        eta = eta_ml((h_t / h_s) ** 2)  # the ML (DDPM) step η̊
        q, beta = mse_generator.uds_coefficients(h_s, h_t, eta)
        mine = a_t * mse_generator.euler_uds(z.double().numpy() / a_s, xh.double().numpy(), q, beta, xi)
        np.testing.assert_allclose(mine, out, rtol=2e-5, atol=2e-5)


@pytest.mark.parametrize("eta_frac", [0.0, 0.3, 1.0])
def test_euler_uds_is_diffusers_ddim_step(eta_frac):
    torch = pytest.importorskip("torch")
    diffusers = pytest.importorskip("diffusers")
    sched = diffusers.DDIMScheduler(num_train_timesteps=1000, beta_schedule="scaled_linear", prediction_type="sample",
                                    clip_sample=False, set_alpha_to_one=False)
    sched.set_timesteps(25)
    ac = sched.alphas_cumprod.double().numpy()
    rng = np.random.default_rng(1)
    for k in [int(t) for t in sched.timesteps][:-1:5]:
        kp = k - 1000 // 25
        a_s, s_s, h_s = _vp_from_alphas_cumprod(ac, k)
        a_t, s_t, h_t = _vp_from_alphas_cumprod(ac, kp)
        z = torch.tensor(rng.standard_normal((3, 5)), dtype=torch.float32)
        xh = torch.tensor(rng.standard_normal((3, 5)), dtype=torch.float32)
        noise = torch.tensor(rng.standard_normal((3, 5)), dtype=torch.float32)
        # UDS step with η = eta_frac·η̊ ⇔ DDIM noise σ_DDIM = σ_t η, i.e. DDIM's eta = σ_t η / √(posterior var)
        eta = eta_frac * np.sqrt(1 - (h_s / h_t) ** 2)
        post_sd = s_t * np.sqrt(1 - (h_s / h_t) ** 2)
        eta_ddim = s_t * eta / post_sd
        out = sched.step(xh, k, z, eta=float(eta_ddim), variance_noise=noise).prev_sample.double().numpy()
        q, beta = mse_generator.uds_coefficients(h_s, h_t, eta)
        mine = a_t * mse_generator.euler_uds(z.double().numpy() / a_s, xh.double().numpy(), q, beta, noise.double().numpy())
        np.testing.assert_allclose(mine, out, rtol=2e-5, atol=2e-5)
