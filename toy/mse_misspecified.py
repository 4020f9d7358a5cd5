"""Exact laws of mse's generators on Gaussian data when the denoiser is *not* the Bayes denoiser: a fixed wrong
denoiser, or one trained by MSE in a class that cannot represent the Bayes denoiser. No sampling, no seeds.

Data X ~ N(0, diag(v)). A linear denoiser X̂_t(y) = k_t y per direction (any gains k, one per grid point) makes every
step of EulerUDS (mse Eq. 14) and HeunUDS (Eq. 15) affine in the state and the step's noise, so the output law is
Gaussian in closed form — the same construction as ``toy.mse_gaussian_laws.uds_map`` (coefficients read off the step
twins ``theory.mse_generator.euler_uds``, ``heun_uds``), with the gains given instead of the posterior gain.

Denoisers:
- ``wrong_variance_gain``: the Bayes denoiser of a wrong data variance v·f(σ) — a fixed error where f ≠ 1;
- ``class_gain``: X̂ = θ/(θ + σ^p) Y, θ ≥ 0 per direction; p = 2 contains the Bayes denoiser (θ = v), p ≠ 2 does not;
  ``train_class`` fits θ by the MSE objective of mse Eq. (2), ∫ S_t² E‖ε̂ − ε‖² dt = ∫ S_t²ρ̊_t² E‖X̂ − X‖² dt (Eq. 3),
  in closed form per direction (E(kY − X)² = (1 − k)²v + k²ρ̊⁻²) and a bounded scalar search in log θ.

Training weights S_t² by name: the parameterizations of ``theory.mse_parameterizations`` and "ml" (S² = λ̊': the
KL weight of the ML-diffusion, w̄ = λ̊' at λ' = λ̊', mse Eq. 23), whose coherent rate (30) is the ML rate itself.

Time convention: t ∈ (0, 1), 0 = noise, 1 = data; σ = ρ̊⁻¹ (α = 1 units of Y)."""

from __future__ import annotations

import numpy as np
from scipy import optimize

from difftheory.theory import mse_generator
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS, S2
from difftheory.theory.schedules import mse_schedule
from difftheory.toy import mse_gaussian_laws as gl
from difftheory.validate import check_choice, check_float

WEIGHTS = PARAMETERIZATIONS + ("ml",)
TRAIN_LAM = (-16.0, 16.0)  # λ̊ range of the training integral: outside it the integrand's t-mass is < Φ(−15.6) ≈ 1e-54
TRAIN_NODES = 4001  # trapezoid nodes in λ̊ (integrand smooth on the scale 0.1): relative error ≪ 1e-8
THETA_SPAN = 1e4  # the search for θ runs over [v/THETA_SPAN, v·THETA_SPAN] in log θ


def gain_map(var, schedule, grid, etas, gains, solver: str = "heun") -> gl.AffineMap:
    """UDS (mse Eqs. 14–15) with per-step η's ``etas`` and the linear denoiser X̂_{t_i} = gains[i]·Ŷ (gains of shape
    (N + 1, D)), final denoise with gains[N], as an ``AffineMap`` of ``toy.mse_gaussian_laws``."""
    check_choice("solver", solver, mse_generator.SOLVERS)
    var = np.asarray(var, float)
    grid = np.asarray(grid, float)
    gains = np.asarray(gains, float)
    etas = np.asarray(etas, float)
    if gains.shape != (grid.size, var.size) or etas.shape != (grid.size - 1,):
        raise ValueError(f"gains must have shape (grid points, D) = {(grid.size, var.size)} and etas one per step; got "
                         f"gains {gains.shape}, etas {etas.shape}")
    rho = mse_schedule(schedule).rho(grid)
    G, W = gl.uds_recursion(rho, etas, gains, solver)
    return gl.AffineMap(G, W, gains[-1], float(rho[0]), grid.size - 1)


def wrong_variance_gain(var, sigma, factor):
    """Gains of the Bayes denoiser for the variance v·factor(σ): k = v f/(v f + σ²), shape (len σ, D)."""
    sigma = np.asarray(sigma, float)[:, None]
    vf = np.asarray(var, float)[None, :] * np.asarray(factor(sigma), float)
    return vf / (vf + sigma**2)


def class_gain(theta, sigma, p: float):
    """X̂ = θ/(θ + σ^p) Y per direction: gains of shape (len σ, D)."""
    sigma = np.asarray(sigma, float)[:, None]
    theta = np.asarray(theta, float)[None, :]
    return theta / (theta + sigma**p)


def training_weight(weight: str, schedule, t):
    """S_t² of the training objective (mse Eq. 2) by name; "ml" is S² = λ̊' (the ML-diffusion's KL weight)."""
    check_choice("weight", weight, WEIGHTS)
    sch = mse_schedule(schedule)
    return sch.dlam(t) if weight == "ml" else S2(weight, sch, t)


def train_class(var, schedule, weight: str, p: float) -> np.ndarray:
    """θ per direction minimising ∫_0^1 S_t²ρ̊_t² E(k_t Y_t − X)² dt with k = θ/(θ + σ^p) (mse Eqs. 2–3), the t-integral
    taken over λ̊ (dt = dλ̊/λ̊')."""
    p = check_float("p", p, 0.5, 4.0)
    sch = mse_schedule(schedule)
    lam = np.linspace(*TRAIN_LAM, TRAIN_NODES)
    t = sch.t_of_lam(lam)
    ok = (t > 0) & (t < 1)
    lam, t = lam[ok], t[ok]
    sigma = np.exp(-lam)
    wt = training_weight(weight, schedule, t) * np.exp(2 * lam) / sch.dlam(t)  # S²ρ̊² dt/dλ̊
    out = []
    for v in np.asarray(var, float):
        def loss(log_theta, v=v):
            k = 1.0 / (1.0 + sigma**p * np.exp(-log_theta))
            return float(np.trapezoid(wt * ((1 - k) ** 2 * v + k * k * sigma**2), lam))
        res = optimize.minimize_scalar(loss, bounds=(np.log(v / THETA_SPAN), np.log(v * THETA_SPAN)), method="bounded",
                                       options={"xatol": 1e-10})
        out.append(float(np.exp(res.x)))
    return np.array(out)


def data_kl(var, m: gl.AffineMap, start: str = "marginal") -> float:
    """KL(data ‖ generated) of the output of ``m`` (mse Eq. 18's direction)."""
    var = np.asarray(var, float)
    return gl.kl_divergence(gl.data_law(var), gl.law_of(m, var, start=start))


def oracle_eps_error(var, rho, gains):
    """E‖ε̂_{t_i} − ε‖² under the oracle for X̂ = k Y: ρ̊²[(1 − k)²v + k²ρ̊⁻²], shape (N + 1, D)  # mse Eq. (3)"""
    r = np.asarray(rho, float)[:, None]
    return r * r * ((1 - gains) ** 2 * np.asarray(var, float)[None, :] + gains**2 / (r * r))
