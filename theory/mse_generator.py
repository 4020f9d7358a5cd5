"""The forward-time generator of mse §3: autoregression (4)–(6), oracle (8)–(9), generator (10),
pathwise form (11)–(12) and the universal diffusion solver UDS (13) with its Euler (14) and Heun (15)
steps. Symbolic derivations (SymPy) and NumPy twins.

Time convention: t ∈ (0, 1), 0 = noise, 1 = data (α increasing); a step goes from s to t > s.
The state is Y_t = Z_t/α_t = X + ρ̊_t⁻¹ ε_t (Eq. 7); a denoiser maps (Y_t, t) to X̂_t(Y_t).
A diffusion schedule ρ enters only through η_st = √(1 − ρ_s²/ρ_t²) per step, so a generator on a grid
is given by its η's: η = 0 is the flow (DDIM), η = η̊ = √(1 − ρ̊_s²/ρ̊_t²) the ML-diffusion (DDPM)."""

from __future__ import annotations

from typing import Callable

import numpy as np
import sympy as sp

from difftheory.theory.mse_divergence import discrete_etas
from difftheory.theory.mse_parameterizations import S2
from difftheory.theory.schedules import mse_schedule
from difftheory.validate import check_choice

KINDS = ("flow", "mse", "ml")
SOLVERS = ("euler", "heun")

# ---------------------------------------------------------------- symbolic derivations


def derive_oracle():
    """Residuals of the oracle forms (8) and (9) after substituting the autoregression (5) and Y, Z of (7);
    both simplify to 0."""
    rs, rt, hs, ht, at, as_ = sp.symbols("rho_s rho_t rhoring_s rhoring_t alpha_t alpha_s", positive=True)
    X, es, xi = sp.symbols("X epsilon_s xi_s")
    et = (rs * es + sp.sqrt(rt**2 - rs**2) * xi) / rt  # Eq. (5)
    Ys, Yt = X + es / hs, X + et / ht  # Eq. (7)
    st, ss = at / ht, as_ / hs
    Zs, Zt = as_ * Ys, at * Yt
    r_s, r_t = rs * hs, rt * ht
    eq8 = r_t * Yt - (r_s * Ys + (r_t - r_s) * X + sp.sqrt(rt**2 - rs**2) * xi)
    eq9 = rt / st * Zt - (rs / ss * Zs + (r_t - r_s) * X + sp.sqrt(rt**2 - rs**2) * xi)
    cov = sp.simplify(rs / rt)  # Cov(ε_t, ε_s) = E[ε_t ε_s] from Eq. (5) with E ε_s² = 1, E ε_s ξ_s = 0
    var_t = sp.simplify((rs / rt) ** 2 + (rt**2 - rs**2) / rt**2)
    return sp.simplify(eq8), sp.simplify(eq9), cov, var_t


def derive_uds_from_generator():
    """Generator (10) divided by r_t is Euler-UDS (14) with q = r_s/r_t = √(1 − η²) ρ̊_s/ρ̊_t and
    β = η/ρ̊_t; returns the residual (0) and the coefficient forms."""
    rs, rt, hs, ht = sp.symbols("rho_s rho_t rhoring_s rhoring_t", positive=True)
    eta = sp.Symbol("eta", positive=True)
    Ys, Xh, xi = sp.symbols("Y_s Xhat_s xi")
    gen = (rs * hs * Ys + (rt * ht - rs * hs) * Xh + sp.sqrt(rt**2 - rs**2) * xi) / (rt * ht)  # Eq. (10)
    q = rs * hs / (rt * ht)
    beta = sp.sqrt(1 - rs**2 / rt**2) / ht
    euler = q * Ys + (1 - q) * Xh + beta * xi  # Eq. (14)
    on_eta = {rs: rt * sp.sqrt(1 - eta**2)}
    return sp.simplify(gen - euler), sp.simplify(q.subs(on_eta)), sp.simplify(beta.subs(on_eta))


def derive_ddpm_ddim():
    """Euler-UDS against the DDPM posterior q(z_t | z_s, x̂) and DDIM (η_DDIM = 0), written in the usual
    quantities of the reverse-time papers (here t is the cleaner time): the forward kernel
    z_s = (α_s/α_t) z_t + σ_{s|t} n gives the Gaussian posterior q(z_t | z_s, x) (Ho et al. 2020 Eqs. 6–7).

    Returns residuals (mean_ddpm, var_ddpm, mean_ddim) of Euler-UDS with η̊ resp. η = 0 (all 0), in Z units."""
    at, as_, st, ss = sp.symbols("alpha_t alpha_s sigma_t sigma_s", positive=True)
    zs, xh = sp.symbols("z_s xhat")
    # forward (noising) kernel from the cleaner t to the noisier s: z_s = (α_s/α_t) z_t + σ_{s|t} n
    a_st = as_ / at
    var_st = ss**2 - a_st**2 * st**2
    # Gaussian posterior of z_t given z_s and x (Ho et al. 2020 Eqs. 6–7, general α, σ)
    post_var = var_st * st**2 / ss**2
    post_mean = (a_st * st**2 / ss**2) * zs + (at * var_st / ss**2) * xh
    hs, ht = as_ / ss, at / st
    ys = zs / as_
    eta_ring = sp.sqrt(1 - hs**2 / ht**2)
    q_ml = sp.sqrt(1 - eta_ring**2) * hs / ht
    uds_mean = at * (q_ml * ys + (1 - q_ml) * xh)  # Euler-UDS (14) times α_t, noise part separately
    uds_var = (at * eta_ring / ht) ** 2
    q0 = hs / ht
    ddim = at * xh + st * (zs - as_ * xh) / ss  # DDIM: α_t x̂ + σ_t ε̂_s
    flow = at * (q0 * ys + (1 - q0) * xh)
    return sp.simplify(uds_mean - post_mean), sp.simplify(uds_var - post_var), sp.simplify(flow - ddim)


def derive_alpha_free():
    """The generator in Z = αY (the oracle's Z-form (9) with X replaced by X̂_s) against (10) (mse §3 after (9)):
    with Ẑ = α Ŷ and σ = α/ρ̊, the Z-form is (10) term by term for any α_s, α_t (residual 0), so α enters
    only through the denoiser's input (X̂_s is evaluated at Ẑ_s = α_s Ŷ_s). Returns the residual and the
    α, σ symbols left in the derived one-step KL weight w^N of (17) (none: the KL does not see α either)."""
    from difftheory.theory.mse_divergence import derive_step_kl

    rs, rt, hs, ht, at, as_ = sp.symbols("rho_s rho_t rhoring_s rhoring_t alpha_t alpha_s", positive=True)
    Ys, Yt, Xh, xi = sp.symbols("Y_s Y_t Xhat_s xi_s")
    ss, st = as_ / hs, at / ht
    r_s, r_t = rs * hs, rt * ht
    z_form = rt / st * (at * Yt) - (rs / ss * (as_ * Ys) + (r_t - r_s) * Xh + sp.sqrt(rt**2 - rs**2) * xi)
    y_form = r_t * Yt - (r_s * Ys + (r_t - r_s) * Xh + sp.sqrt(rt**2 - rs**2) * xi)  # Eq. (10)
    w, _, _ = derive_step_kl()
    alpha_syms = sorted(str(x) for x in w.free_symbols if str(x).startswith(("alpha", "sigma")))
    return sp.simplify(z_form - y_form), alpha_syms


def derive_rho_scale_invariance():
    """Only quotients of ρ enter the generator (mse §3, 'the function λ_t is not needed, only its quotients'):
    q_st, β_st of (13)–(14) and the derived KL weight w^N of (17) under ρ → cρ (residuals 0), and q, β written
    with Λ = ∫_s^t λ' (ρ_s = ρ_t e^{−Λ}): the ρ symbols left (none)."""
    from difftheory.theory.mse_divergence import derive_step_kl

    rs, rt, hs, ht, c, Lam = sp.symbols("rho_s rho_t rhoring_s rhoring_t c Lambda", positive=True)
    q = rs * hs / (rt * ht)
    beta = sp.sqrt(1 - rs**2 / rt**2) / ht
    w, _, s = derive_step_kl()
    scale = {rs: c * rs, rt: c * rt}
    res = {"q": sp.simplify(q.subs(scale, simultaneous=True) - q),
           "beta": sp.simplify(beta.subs(scale, simultaneous=True) - beta),
           "w": sp.simplify(w.subs({s["rho_s"]: c * s["rho_s"], s["rho_t"]: c * s["rho_t"]}, simultaneous=True) - w)}
    by_rate = {rs: rt * sp.exp(-Lam)}
    left = sorted({str(x) for e in (q, beta, w.subs(s["rho_s"], s["rho_t"] * sp.exp(-Lam)))
                   for x in sp.simplify(e.subs(by_rate)).free_symbols if str(x) in ("rho_s", "rho_t")})
    return res, left


# ---------------------------------------------------------------- numeric twins


def autoregression_step(eps_s, rho_ratio, xi):
    """ε_t = (ρ_s/ρ_t) ε_s + √(1 − ρ_s²/ρ_t²) ξ_s  # mse Eq. (4)"""
    return rho_ratio * eps_s + np.sqrt(1 - rho_ratio**2) * xi


def oracle_step(y_s, x, rho_s, rho_t, rhoring_s, rhoring_t, xi):
    """r_t Y_t = r_s Y_s + (r_t − r_s) X + √(ρ_t² − ρ_s²) ξ_s, r = ρ ρ̊  # mse Eq. (8)"""
    r_s, r_t = rho_s * rhoring_s, rho_t * rhoring_t
    return (r_s * y_s + (r_t - r_s) * x + np.sqrt(rho_t**2 - rho_s**2) * xi) / r_t


def generator_step(y_s, x_hat_s, rho_s, rho_t, rhoring_s, rhoring_t, xi):
    """r_t Ŷ_t = r_s Ŷ_s + (r_t − r_s) X̂_s + √(ρ_t² − ρ_s²) ξ_s  # mse Eq. (10)"""
    return oracle_step(y_s, x_hat_s, rho_s, rho_t, rhoring_s, rhoring_t, xi)


def generator_step_z(z_s, x_hat_s, rho_s, rho_t, sigma_s, sigma_t, rhoring_s, rhoring_t, xi):
    """(ρ_t/σ_t) Ẑ_t = (ρ_s/σ_s) Ẑ_s + (r_t − r_s) X̂_s + √(ρ_t² − ρ_s²) ξ_s, r = ρρ̊  # mse Eq. (9) with X → X̂_s"""
    r_s, r_t = rho_s * rhoring_s, rho_t * rhoring_t
    return sigma_t / rho_t * (rho_s / sigma_s * z_s + (r_t - r_s) * x_hat_s + np.sqrt(rho_t**2 - rho_s**2) * xi)


def uds_coefficients(rhoring_s, rhoring_t, eta):
    """q_st = r_s/r_t = √(1 − η²) ρ̊_s/ρ̊_t and β_st = η/ρ̊_t  # mse Eq. (13), §5 (η = ρ̊_t β)"""
    eta = np.asarray(eta, float)
    return np.sqrt(1 - eta**2) * rhoring_s / rhoring_t, eta / rhoring_t


def euler_uds(y_s, x_hat_s, q, beta, xi):
    """Ŷ_t = q Ŷ_s + (1 − q) X̂_s(Ŷ_s) + β ξ  # mse Eq. (14)"""
    return q * y_s + (1 - q) * x_hat_s + beta * xi


def heun_uds(y_s, x_hat_s, x_hat_t, q, beta, xi):
    """Ŷ_t = q Ŷ_s + (1 − q)(X̂_s + X̂_t(Ŷ_t^Euler))/2 + β ξ  # mse Eq. (15)"""
    return q * y_s + (1 - q) * 0.5 * (x_hat_s + x_hat_t) + beta * xi


def xi_star(rho_grid, xis):
    """ξ*_{t_i} = Σ_k √(ρ_{k+1}² − ρ_k²) ξ_k / √(ρ_j² − ρ_i²) over the steps of ``rho_grid``  # mse Eq. (11)"""
    rho = np.asarray(rho_grid, float)
    w = np.sqrt(np.diff(rho**2))
    return np.tensordot(w, xis, axes=(0, 0)) / np.sqrt(rho[-1] ** 2 - rho[0] ** 2)


def step_etas(kind: str, schedule, param: str, grid) -> np.ndarray:
    """η per step of ``grid`` (increasing t): flow 0, ml η̊ = √(1 − 1/γ), mse η̌ with the discrete M  # mse §5

    For "mse" the discrete coherence w^N(η_i) = M S_{t_i}² Δt_i is solved per step (η̌ of §5 with S² → S²Δt_i,
    M = max_i (γ_i − 1)/(2 S² Δt_i)); for a uniform grid this is exactly the printed η̌."""
    check_choice("kind", kind, KINDS)
    sch = mse_schedule(schedule)
    grid = np.asarray(grid, float)
    dl = np.diff(sch.lam(grid))  # Δλ̊ per step: γ = e^{2Δλ̊} without forming ρ̊ ratios
    if kind == "flow":
        return np.zeros_like(dl)
    # per-step MSE weight S_t² Δt_i: on a uniform grid Δt cancels into M (the paper's form); on a
    # non-uniform grid (EDM2) it must stay, or coarse steps get the same MSE budget as fine ones
    eta_ring, eta_check, _ = discrete_etas(dl, S2(param, sch, grid[1:]) * np.diff(grid))
    return eta_ring if kind == "ml" else eta_check


def uds_sample(denoiser: Callable, schedule, grid, etas, y0, noise, solver: str = "euler", denoise_last: bool = True):
    """Run UDS (mse Eqs. 13–15) on ``grid`` (t_0 < … < t_N) from Ŷ_{t0} = ``y0`` with per-step η's.

    ``denoiser(y, t) -> X̂_t(y)`` (Y units), ``noise``: array (N, *y0.shape) of standard normals ξ
    (same seed → same numbers). Heun uses the Euler prediction (same ξ) for X̂_t. The output
    X̂_{t_N}(Ŷ_{t_N}) (``denoise_last``) plays the role of EDM's final step to σ = 0, so a grid of N + 1
    points costs N + 1 denoiser calls with Euler and 2N + 1 with Heun (``nfe``)."""
    check_choice("solver", solver, SOLVERS)
    sch = mse_schedule(schedule)
    grid = np.asarray(grid, float)
    rr = sch.rho(grid)
    y = np.asarray(y0, float)
    xh = denoiser(y, grid[0])
    n = len(grid) - 1
    for i in range(n):
        q, beta = uds_coefficients(rr[i], rr[i + 1], etas[i])
        y_e = euler_uds(y, xh, q, beta, noise[i])
        if solver == "heun":
            xh_t = denoiser(y_e, grid[i + 1])
            y = heun_uds(y, xh, xh_t, q, beta, noise[i])
        else:
            y = y_e
        xh = denoiser(y, grid[i + 1])
    return xh if denoise_last else y


# ---------------------------------------------------------------- EDM2's sampler (Table 1's HeunEDM2 column)
# Karras et al. 2022 Alg. 1 with S_churn = 0 (EDM2's ``edm_sampler``): the ODE dx/dσ = (x − D(x; σ))/σ in EDM's
# variable x = Y = X + σε (σ = ρ̊⁻¹, decreasing as mse's t increases), Euler then the trapezoidal correction.


def edm_euler(x_s, d_s, sigma_s, sigma_t):
    """x_t = x_s + (σ_t − σ_s)(x_s − D_s)/σ_s, D_s = D(x_s; σ_s)  # Karras et al. 2022 Alg. 1, Euler step"""
    return x_s + (sigma_t - sigma_s) * ((x_s - d_s) / sigma_s)


def edm_heun(x_s, d_s, x_euler, d_t, sigma_s, sigma_t):
    """x_t = x_s + (σ_t − σ_s)·½[(x_s − D_s)/σ_s + (x_E − D_t)/σ_t], D_t = D(x_E; σ_t) at the Euler point x_E
    # Karras et al. 2022 Alg. 1, 2nd-order correction (σ_t > 0)"""
    return x_s + (sigma_t - sigma_s) * 0.5 * ((x_s - d_s) / sigma_s + (x_euler - d_t) / sigma_t)


def nfe(solver: str, steps: int) -> int:
    """Denoiser calls of ``uds_sample`` with ``steps`` UDS steps (final denoise included): N + 1 (Euler),
    2N + 1 (Heun) — EDM2's 63 = 2·31 + 1 for its 32-point grid."""
    check_choice("solver", solver, SOLVERS)
    return steps + 1 if solver == "euler" else 2 * steps + 1
