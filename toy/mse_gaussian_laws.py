"""Exact laws of mse's Table 1 generators on Gaussian data: no sampling, no seeds.

Data X ~ N(m, diag(v)) in D directions. The exact denoiser is linear per direction: X̂_t(y) = m + k_t (y − m),
k_t = v/(v + ρ̊_t⁻²), the Gaussian posterior mean of X given Y_t = X + ρ̊_t⁻¹ε (mse Eq. 7). Every step of EulerUDS
(mse Eq. 14), HeunUDS (Eq. 15) and EDM2's Heun sampler (Karras et al. 2022 Alg. 1) is then affine in the state
and in the step's noise ξ, so the deviation e = Ŷ − m follows e ← a e + c ξ in each direction and the law stays
Gaussian: E ← a E, V ← a² V + c² (kept as an ``AffineMap``: gain Πa and accumulated noise, so one pass serves every
start law). The coefficients a, c are read off the step twins themselves
(``theory.mse_generator.euler_uds``, ``heun_uds``, ``edm_euler``, ``edm_heun``) evaluated on unit inputs, so no
step is derived twice. The generated law is that of the output X̂_{t_N}(Ŷ_{t_N}) = m + k_{t_N} e (``uds_sample``'s
final denoise; EDM2's last Euler step to σ = 0 gives the same).

Start (mse Eq. 10): Ŷ_{t0} = ρ̊_{t0}⁻¹ ε, i.e. N(0, ρ̊_{t0}⁻²) ("prior"); "marginal" starts from the exact marginal
N(m, v + ρ̊_{t0}⁻²), from which every continuous process (the flow and every diffusion rate) keeps the marginal
N(m, v + ρ̊_t⁻²) (mse App. A; ``theory.mse_sde``) — the closed-form limit the schemes must approach.

Scores between the generated law and the data law (both Gaussian with diagonal covariance, known exactly):
- the Fréchet distance FD = ‖μ₁ − μ₂‖² + Σ_i (√V₁ᵢ − √V₂ᵢ)² (the FID formula, Heusel et al. 2017; here on the
  data themselves, not on Inception features);
- KL(p_data ‖ p_gen) = ½ Σ_i [r_i − 1 − log r_i + (μ₁ − μ₂)²/V_gen], r = v/V_gen (the direction of mse Eq. 18),
  in a cancellation-free form.

Round-off: V ← a²V + c² adds non-negative terms and a, c cancel little, so V carries a relative error of at most
``STEP_ROUNDOFF`` per step (``roundoff_bound``); a difference of two scores below the sum of their bounds is a tie at
float64 precision. ``twin_gap`` checks the affine maps against the samplers themselves run on impulses.

Time convention: t ∈ (0, 1), 0 = noise, 1 = data (α increasing); EDM's σ = ρ̊⁻¹ decreases along the grid."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from difftheory.theory import mse_diffusion_size, mse_generator
from difftheory.theory.schedules import mse_schedule
from difftheory.toy.mse_generators import EDM2_HEUN, NFES, SETTINGS, Setting, heun_edm2, make_grid, steps_for
from difftheory.validate import check_choice, check_float, check_int

STARTS = ("prior", "marginal")
SAMPLERS = mse_generator.SOLVERS + (EDM2_HEUN,)  # euler, heun (UDS), heun_edm2 (EDM2's own, flow only)
GRIDS = ("edm", "uniform", "logsnr")  # EDM's ρ-spaced σ-grid (EDM2: ρ = 7); mse §3's uniform t-grid; uniform in λ̊
STEP_ROUNDOFF = 64 * np.finfo(float).eps  # bound on the relative error one step adds to V: a and c take ≤ 12
# float64 operations each; UDS's a = q + (1 − q)(…), q ∈ (0, 1], is a weighted mean of numbers in [0, 1] and cannot
# cancel below q; EDM's a = 1 + (σ_t − σ_s)(1 − k)/σ_s cancels at most down to σ_t/σ_s (≥ 0.35 on EDM's ρ-grids,
# 0.019 once, on the uniform t-grid's first step: ≤ 2 ε/0.019 ≈ 100 ε there, absorbed by the 2 spare steps of
# ``roundoff_bound``); V ← a²V + c² doubles their errors and adds 3 roundings. tests/test_mse_gaussian_laws.py
# checks the bound against 50-digit mpmath on EDM2's grid and the uniform t-grid (observed < 1e-14 after 128 steps;
# the bound gives 1.8e-12)

# The model of an image batch the claims use: EDM2's latent shape (4 × 64 × 64 for ImageNet-512), EDM2's σ_data,
# and the power-law spectrum of natural images (power ∝ 1/f² in 2-D ⇒ the i-th eigenvalue ∝ 1/i)
IMAGE_DIM = 4 * 64 * 64
IMAGE_SIGMA_DATA = 0.5
IMAGE_ALPHA = 1.0


class GaussianLaw(NamedTuple):
    """N(mean, diag(var)) in D directions."""

    mean: np.ndarray
    var: np.ndarray


def power_law_spectrum(dim: int = IMAGE_DIM, alpha: float = IMAGE_ALPHA,
                       sigma_data: float = IMAGE_SIGMA_DATA) -> np.ndarray:
    """λ_i = c i^−α, i = 1..dim, with c such that the mean eigenvalue is σ_data² (E‖X‖²/D = σ_data²)."""
    dim = check_int("dim", dim, 1)
    alpha = check_float("alpha", alpha, 0.0, 8.0)
    sigma_data = check_float("sigma_data", sigma_data, 0.0, None, lo_open=True)
    lam = np.arange(1, dim + 1, dtype=float) ** -alpha
    return lam * (sigma_data**2 / lam.mean())


def data_law(var, mean=0.0) -> GaussianLaw:
    var = _check_var(var)
    return GaussianLaw(np.broadcast_to(np.asarray(mean, float), var.shape).copy(), var)


def _check_var(var) -> np.ndarray:
    v = np.asarray(var, float)
    if v.ndim != 1 or v.size == 0 or not np.all(np.isfinite(v)) or np.any(v <= 0):
        raise ValueError(f"var must be a 1-D array of finite positive variances, got shape {v.shape}")
    return v


def posterior_gain(var, rho):
    """k = v/(v + ρ̊⁻²) = vρ̊²/(vρ̊² + 1): E[X | Y = y] = m + k (y − m) for X ~ N(m, v), Y = X + ρ̊⁻¹ε (mse Eq. 7)."""
    vr = np.asarray(var, float) * np.asarray(rho, float) ** 2
    return vr / (vr + 1.0)


def _start(var, mean, rho0: float, start: str) -> tuple[np.ndarray, np.ndarray]:
    """(E e, V e) of the deviation e = Ŷ_{t0} − m at the start."""
    check_choice("start", start, STARTS)
    if start == "prior":  # Ŷ_{t0} = ρ̊_{t0}⁻¹ ε  # mse Eq. (10)
        return -mean, np.full_like(var, rho0**-2.0)
    return np.zeros_like(var), var + rho0**-2.0


def _check_grid(grid) -> np.ndarray:
    g = np.asarray(grid, float)
    if g.ndim != 1 or g.size < 2 or not np.all(np.isfinite(g)) or np.any(np.diff(g) <= 0) or g[0] <= 0 or g[-1] >= 1:
        raise ValueError(f"grid must be an increasing 1-D array of at least 2 times in (0, 1), got shape {g.shape}")
    return g


class AffineMap(NamedTuple):
    """A generator on Gaussian data as a map of the start deviation e_0 = Ŷ_{t0} − m: the output is
    m + out·(gain·e_0 + √noise·ζ), ζ ~ N(0, I) independent of e_0 (per direction)."""

    gain: np.ndarray
    noise: np.ndarray
    out: np.ndarray
    rho0: float  # ρ̊ at the start (the prior start is N(0, ρ̊_0⁻²))
    steps: int


def law_of(m: AffineMap, var, mean=0.0, start: str = "prior") -> GaussianLaw:
    """The output law of ``m`` from the start law ``start`` (module docstring)."""
    var = _check_var(var)
    mean = np.broadcast_to(np.asarray(mean, float), var.shape)
    E, V = _start(var, mean, m.rho0, start)
    return GaussianLaw(mean + m.out * m.gain * E, m.out * m.out * (m.gain * m.gain * V + m.noise))


def uds_map(var, schedule, grid, etas, solver: str = "euler") -> AffineMap:
    """``mse_generator.uds_sample`` (EulerUDS (14) or HeunUDS (15), per-step η's ``etas``, final denoise) on
    X ~ N(m, diag(var)) with the exact denoiser, as an ``AffineMap``: per step e ← a e + c ξ, a and c read off the
    step twins on unit inputs."""
    check_choice("solver", solver, mse_generator.SOLVERS)
    var = _check_var(var)
    sch = mse_schedule(schedule)
    grid = _check_grid(grid)
    etas = np.asarray(etas, float)
    if etas.shape != (grid.size - 1,) or np.any(~((etas >= 0) & (etas < 1))):
        raise ValueError(f"etas must hold one η in [0, 1) per step ({grid.size - 1}), got shape {etas.shape}")
    rho = sch.rho(grid)
    gains = posterior_gain(var, rho[:, None])  # the exact denoiser's gain at every grid point
    G, W = uds_recursion(rho, etas, gains, solver)
    return AffineMap(G, W, gains[-1], float(rho[0]), grid.size - 1)


def uds_recursion(rho, etas, gains, solver: str) -> tuple[np.ndarray, np.ndarray]:
    """UDS steps (mse Eqs. 14–15) on ρ̊ = ``rho`` with per-step η's ``etas`` and a linear denoiser X̂_{t_i} = gains[i]·Ŷ
    (deviations from the mean), as the affine recursion e ← a e + c ξ: the gain G and noise variance W of the last
    state, a and c read off the step twins on unit inputs."""
    G, W = np.ones_like(gains[0]), np.zeros_like(gains[0])
    for i in range(len(rho) - 1):
        q, beta = mse_generator.uds_coefficients(rho[i], rho[i + 1], etas[i])
        a = mse_generator.euler_uds(1.0, gains[i], q, beta, 0.0)  # Ŷ_t's gain on Ŷ_s (X̂_s = k_s Ŷ_s in deviations)
        c = mse_generator.euler_uds(0.0, 0.0, q, beta, 1.0)  # … and on ξ
        if solver == "heun":  # X̂_t at the Euler point a Ŷ_s + c ξ (the same ξ, as uds_sample)
            a, c = (mse_generator.heun_uds(1.0, gains[i], gains[i + 1] * a, q, beta, 0.0),
                    mse_generator.heun_uds(0.0, 0.0, gains[i + 1] * c, q, beta, 1.0))
        G, W = a * G, a * a * W + c * c
    return G, W


def edm2_heun_map(var, sigmas) -> AffineMap:
    """``toy.mse_generators.heun_edm2`` (Heun on σ_0 > … > σ_{N−1} = ``sigmas``, then Euler to σ_N = 0) on
    X ~ N(m, diag(var)) with the exact denoiser D(x; σ) = m + k (x − m), ρ̊ = 1/σ, as an ``AffineMap``."""
    var = _check_var(var)
    sig = np.asarray(sigmas, float)
    if sig.ndim != 1 or sig.size < 2 or not np.all(np.isfinite(sig)) or np.any(sig <= 0) or np.any(np.diff(sig) >= 0):
        raise ValueError(f"sigmas must be at least 2 finite positive decreasing noise levels, got shape {sig.shape}")
    G = np.ones_like(var)
    k_s = posterior_gain(var, 1.0 / sig[0])
    for i in range(sig.size - 1):
        k_t = posterior_gain(var, 1.0 / sig[i + 1])
        a_e = mse_generator.edm_euler(1.0, k_s, sig[i], sig[i + 1])
        G = G * mse_generator.edm_heun(1.0, k_s, a_e, k_t * a_e, sig[i], sig[i + 1])
        k_s = k_t
    out = mse_generator.edm_euler(1.0, k_s, sig[-1], 0.0)  # the last Euler step to σ = 0 returns D(x; σ_{N−1})
    return AffineMap(G, np.zeros_like(var), out, 1.0 / float(sig[0]), sig.size)


def uds_law(var, schedule, grid, etas, solver: str = "euler", mean=0.0, start: str = "prior") -> GaussianLaw:
    """Exact law of ``mse_generator.uds_sample``'s output for X ~ N(mean, diag(var)) and the exact denoiser."""
    return law_of(uds_map(var, schedule, grid, etas, solver), var, mean, start)


def edm2_heun_law(var, sigmas, mean=0.0, start: str = "prior") -> GaussianLaw:
    """Exact law of ``toy.mse_generators.heun_edm2``'s output for X ~ N(mean, diag(var)) and the exact denoiser."""
    return law_of(edm2_heun_map(var, sigmas), var, mean, start)


def limit_law(var, rho_end: float, mean=0.0, start: str = "prior", rho_start: float | None = None) -> GaussianLaw:
    """The N → ∞ limit of the schemes, denoised at the end (ρ̊ = ``rho_end``), in closed form. From "marginal"
    every continuous process keeps the marginal, so the output is N(m, k² (v + ρ̊_end⁻²)) = N(m, k v). From
    "prior" (``rho_start`` needed) only the flow's limit is given here: the probability-flow ODE dx/dσ = (x − D)/σ
    maps e ↦ e·√((v + σ_end²)/(v + σ_start²)) (σ = ρ̊⁻¹)."""
    var = _check_var(var)
    mean = np.broadcast_to(np.asarray(mean, float), var.shape)
    k = posterior_gain(var, rho_end)
    if start == "marginal":
        return GaussianLaw(mean.copy(), k * var)
    check_choice("start", start, STARTS)
    if rho_start is None:
        raise ValueError("rho_start is needed for the flow's limit from the prior start")
    E, V = _start(var, mean, rho_start, "prior")
    g2 = (var + rho_end**-2.0) / (var + rho_start**-2.0)
    return GaussianLaw(mean + k * np.sqrt(g2) * E, k * k * g2 * V)


# ------------------------------------------------------------------------------------------ scores
def frechet_distance(p: GaussianLaw, q: GaussianLaw) -> float:
    """‖μ_p − μ_q‖² + Σ (√V_p − √V_q)², the FID formula for diagonal covariances (cancellation-free form)."""
    dv = (p.var - q.var) / (np.sqrt(p.var) + np.sqrt(q.var))
    return float(np.sum((p.mean - q.mean) ** 2) + np.sum(dv * dv))


def _x_minus_log1p(u):
    """u − log(1 + u) without cancellation (series for |u| < 1e-3: error < u⁷ ≤ 1e-21, below ε·u²/2)."""
    u = np.asarray(u, float)
    small = np.abs(u) < 1e-3
    us = np.where(small, u, 0.0)
    series = us * us * (0.5 - us * (1 / 3 - us * (0.25 - us * (0.2 - us / 6))))
    with np.errstate(divide="ignore", invalid="ignore"):
        direct = u - np.log1p(np.where(small, 0.0, u))
    return np.where(small, series, direct)


def kl_divergence(p: GaussianLaw, q: GaussianLaw) -> float:
    """KL(p ‖ q) = ½ Σ [V_p/V_q − 1 − log(V_p/V_q) + (μ_p − μ_q)²/V_q]; p the data law in the claims (mse Eq. 18)."""
    u = (p.var - q.var) / q.var  # V_p/V_q − 1
    return float(0.5 * np.sum(_x_minus_log1p(u) + (p.mean - q.mean) ** 2 / q.var))


def roundoff_bound(law: GaussianLaw, data: GaussianLaw, steps: int) -> float:
    """Bound on the float64 error of ``frechet_distance(law, data)``: V carries a relative error ≤ steps·
    ``STEP_ROUNDOFF`` (positive-term recursions), so √V moves by ≤ √V·δ/2 and each FD term (√V − √v)² by
    ≤ 2|√V − √v|·√V·δ/2 + (√V·δ/2)²; plus ε per term for the sum."""
    delta = (steps + 2) * STEP_ROUNDOFF
    dsd = np.sqrt(law.var) * delta / 2
    gap = np.abs(np.sqrt(law.var) - np.sqrt(data.var))
    terms = 2 * gap * dsd + dsd * dsd
    fd_terms = gap * gap + (law.mean - data.mean) ** 2
    return float(np.sum(terms) + np.finfo(float).eps * law.var.size * np.sum(fd_terms))


# ------------------------------------------------------------------------------------------ Table 1's generators
def grid_for(setting: Setting, grid: str, steps: int, rho: float = mse_diffusion_size.EDM2_RHO) -> np.ndarray:
    """The t-grid (steps + 1 points) on the setting's interval: "edm" EDM's ρ-spaced σ-grid (for the EDM2 setting
    and ρ = 7 exactly ``make_grid``'s, Table 1's grid); "uniform" mse §3's uniform t-grid; "logsnr" uniform in λ̊
    (EDM's grid as ρ → ∞)."""
    check_choice("grid", grid, GRIDS)
    steps = check_int("steps", steps, 1)
    rho = check_float("rho", rho, 0.0, None, lo_open=True)
    base = make_grid(setting, steps)
    t0, tmax = float(base[0]), float(base[-1])
    if grid == "uniform":
        return mse_diffusion_size.uniform_grid(t0, tmax, steps)
    sch = mse_schedule(setting.schedule)
    if grid == "logsnr":
        g = sch.t_of_lam(np.linspace(float(sch.lam(t0)), float(sch.lam(tmax)), steps + 1))
    elif setting.grid == "edm2":
        return mse_diffusion_size.edm2_grid(steps + 1, rho=rho)
    else:
        g = mse_diffusion_size.edm_rho_grid(sch, t0, tmax, steps, rho)
    g[0], g[-1] = t0, tmax
    return g


def _spec(setting: str, sampler: str, kind: str, nfe: int, grid: str, rho: float):
    """(setting, steps, t-grid, per-step η's or EDM's σ's) of one generator (see ``generator_map``)."""
    s = SETTINGS[check_choice("setting", setting, EXACT_SETTINGS)]
    check_choice("sampler", sampler, SAMPLERS)
    check_choice("kind", kind, mse_generator.KINDS)
    if grid == "setting":
        grid = "edm" if s.grid == "edm2" else s.grid
    steps = steps_for(sampler, nfe)
    g = grid_for(s, grid, steps, rho)
    if sampler == EDM2_HEUN:
        if kind != "flow" or s.schedule != "normal":
            raise ValueError(f"heun_edm2 is a flow on the Normal schedule (EDM2's); got kind={kind!r}, "
                             f"schedule={s.schedule!r}")
        # σ = ρ̊⁻¹ at the grid's points (on EDM's grid its own σ's, as heun_edm2 uses them)
        sig = (mse_diffusion_size.edm2_sigmas(steps + 1, rho=rho) if grid == "edm"
               else np.exp(-mse_schedule("normal").lam(g)))
        return s, steps, g, sig
    return s, steps, g, mse_generator.step_etas(kind, s.schedule, s.param, g)


def generator_map(var, setting: str, sampler: str, kind: str, nfe: int, grid: str = "setting",
                  rho: float = mse_diffusion_size.EDM2_RHO) -> AffineMap:
    """One generator of Table 1 in ``setting`` (toy.mse_generators.SETTINGS with the exact denoiser: "edm2" Normal +
    F-pred, "logis" Logis + Vel) at ``nfe`` denoiser calls, on ``grid`` ("setting": the setting's own, else see
    ``grid_for``), as an ``AffineMap``. ``sampler`` euler | heun (UDS, ``kind`` flow | mse | ml) or heun_edm2
    (EDM2's Heun: a flow on the Normal schedule)."""
    s, _, g, par = _spec(setting, sampler, kind, nfe, grid, rho)
    if sampler == EDM2_HEUN:
        return edm2_heun_map(var, par)
    return uds_map(var, s.schedule, g, par, sampler)


def sampled_map(var, setting: str, sampler: str, kind: str, nfe: int, grid: str = "setting",
                rho: float = mse_diffusion_size.EDM2_RHO) -> tuple[np.ndarray, np.ndarray]:
    """The same map read off the sample-based samplers (``mse_generator.uds_sample``, ``mse_generators.heun_edm2``)
    run once on impulses with the linear denoiser X̂_t(y) = k_t y: row 0 starts at e_0 = 1 with no noise, row j ≥ 1
    at 0 with ξ_{j−1} = 1. Returns (out·gain, out²·noise) per direction — ``generator_map``'s twin."""
    var = _check_var(var)
    s, steps, g, par = _spec(setting, sampler, kind, nfe, grid, rho)
    sch = mse_schedule(s.schedule)

    def den(y, t):
        return posterior_gain(var, sch.rho(t)) * y

    if sampler == EDM2_HEUN:
        x = heun_edm2(den, steps + 1, np.ones((1, var.size)), par)
        return x[0] / par[0], np.zeros_like(var)  # heun_edm2 starts at x_0 = σ_0 y0
    y0 = np.zeros((steps + 1, var.size))
    y0[0] = 1.0
    noise = np.zeros((steps, steps + 1, var.size))
    noise[np.arange(steps), np.arange(1, steps + 1)] = 1.0
    x = mse_generator.uds_sample(den, sch, g, par, y0, noise, solver=sampler)
    return x[0], np.sum(x[1:] ** 2, axis=0)


def generator_law(var, setting: str, sampler: str, kind: str, nfe: int, grid: str = "setting",
                  rho: float = mse_diffusion_size.EDM2_RHO, mean=0.0, start: str = "prior") -> GaussianLaw:
    """The exact output law of ``generator_map(...)`` for X ~ N(mean, diag(var)) from ``start``."""
    return law_of(generator_map(var, setting, sampler, kind, nfe, grid, rho), var, mean, start)


EXACT_SETTINGS = tuple(k for k, v in SETTINGS.items() if v.denoiser == "exact")  # edm2, logis
TABLE1_GENERATORS = [(sv, k) for sv in mse_generator.SOLVERS for k in mse_generator.KINDS] + [(EDM2_HEUN, "flow")]
SPECTRUM_ALPHAS = (0.0, 0.5, 1.0)  # white latents … natural-image pixels (power ∝ 1/f² ⇒ λ_i ∝ 1/i)
SWEEP_RHOS = (5.0, 7.0, 10.0, 20.0, 50.0)  # EDM's ρ-family around EDM2's 7 (ρ ≤ 3 is far worse for both samplers)


def spectrum_key(alpha: float) -> str:
    return f"alpha={alpha:g}"


def _per_spectrum(alphas, dim, sigma_data, maps: dict) -> dict:
    """Evaluate ``maps`` (name → fn(var) -> AffineMap) once on the distinct eigenvalues of all spectra stacked
    (every direction is independent; the white spectrum has one) and return {spectrum_key(α): {"lam_max",
    "lam_min", name: {"fd", "kl", "roundoff", "fd_marginal"}}}: scores from the prior start (mse Eq. 10), and the
    FD from the exact-marginal start."""
    vars_ = [power_law_spectrum(dim, a, sigma_data) for a in alphas]
    uniq = [np.unique(v, return_inverse=True) for v in vars_]
    stacked = np.concatenate([u for u, _ in uniq])
    cut = np.cumsum([0] + [u.size for u, _ in uniq])
    out = {spectrum_key(a): {"lam_max": float(v.max()), "lam_min": float(v.min())} for a, v in zip(alphas, vars_)}
    for name, fn in maps.items():
        m = fn(stacked)
        for j, (a, var) in enumerate(zip(alphas, vars_)):
            inv = uniq[j][1]
            part = AffineMap(*(x[cut[j]:cut[j + 1]][inv] for x in m[:3]), m.rho0, m.steps)
            data = data_law(var)
            law = law_of(part, var)
            out[spectrum_key(a)][name] = {"fd": frechet_distance(law, data), "kl": kl_divergence(data, law),
                                          "roundoff": roundoff_bound(law, data, m.steps),
                                          "fd_marginal": frechet_distance(law_of(part, var, start="marginal"), data)}
    return out


@lru_cache(maxsize=2)
def table1_exact(alphas: tuple = SPECTRUM_ALPHAS, dim: int = IMAGE_DIM, sigma_data: float = IMAGE_SIGMA_DATA) -> dict:
    """Exact scores of every Table 1 generator (``TABLE1_GENERATORS`` at ``mse_generators.NFES``) in each exact
    setting on its own grid, for the data N(0, diag(power_law_spectrum(dim, α, σ_data))) of each α.

    Returns {spectrum_key(α): {"lam_max", "lam_min", setting: {key: {"fd", "kl", "roundoff", "fd_marginal"}}}},
    key = "sampler/kind/nfe" (as toy.mse_generators); "fd_marginal" is the FD from the exact-marginal start
    (the discretisation alone), the others from the prior start of mse Eq. (10); KL is KL(data ‖ generated)."""
    out = None
    for setting in EXACT_SETTINGS:
        maps = {f"{sv}/{k}/{f}": (lambda v, sv=sv, k=k, f=f: generator_map(v, setting, sv, k, f))
                for sv, k in TABLE1_GENERATORS for f in NFES
                if sv != EDM2_HEUN or SETTINGS[setting].schedule == "normal"}
        res = _per_spectrum(alphas, dim, sigma_data, maps)
        if out is None:
            out = {key: {"lam_max": r["lam_max"], "lam_min": r["lam_min"]} for key, r in res.items()}
        for key, r in res.items():
            out[key][setting] = {n: r[n] for n in maps}
    return out


def grid_names(rhos=SWEEP_RHOS) -> list[str]:
    return [f"rho={r:g}" for r in rhos] + ["logsnr", "uniform"]


def _grid_spec(name: str) -> tuple[str, float]:
    return ("edm", float(name.split("=")[1])) if name.startswith("rho=") else (name, mse_diffusion_size.EDM2_RHO)


@lru_cache(maxsize=2)
def heun_grid_sweep(alphas: tuple = SPECTRUM_ALPHAS, dim: int = IMAGE_DIM, sigma_data: float = IMAGE_SIGMA_DATA,
                    rhos: tuple = SWEEP_RHOS) -> dict:
    """Scores of HeunUDS (flow) and HeunEDM2 in the EDM2 setting at each NFE of Table 1 on each grid of
    ``grid_names(rhos)`` (only the grid changes; ρ = 7 is Table 1's).

    Returns {spectrum_key(α): {"lam_max", "lam_min", "sampler/grid/nfe": {"fd", "kl", "roundoff", "fd_marginal"}}}."""
    maps = {f"{sv}/{name}/{f}": (lambda v, sv=sv, name=name, f=f: generator_map(v, "edm2", sv, "flow", f,
                                                                                *_grid_spec(name)))
            for sv in ("heun", EDM2_HEUN) for name in grid_names(rhos) for f in NFES}
    return _per_spectrum(alphas, dim, sigma_data, maps)


TWIN_DIRECTIONS = 32  # directions of the image spectrum (evenly spread over its index) for the twin check


@lru_cache(maxsize=2)
def twin_gap(alpha: float = IMAGE_ALPHA, dim: int = IMAGE_DIM, sigma_data: float = IMAGE_SIGMA_DATA) -> float:
    """Largest relative gap, over Table 1's generators in both exact settings and ``TWIN_DIRECTIONS`` directions,
    between ``generator_map`` (coefficients read off the step twins) and ``sampled_map`` (the samplers themselves)."""
    var = power_law_spectrum(dim, alpha, sigma_data)
    var = var[np.linspace(0, var.size - 1, TWIN_DIRECTIONS).astype(int)]
    worst = 0.0
    for setting in EXACT_SETTINGS:
        for sv, k in TABLE1_GENERATORS:
            if sv == EDM2_HEUN and SETTINGS[setting].schedule != "normal":
                continue
            for f in NFES:
                m = generator_map(var, setting, sv, k, f)
                lin, noise = sampled_map(var, setting, sv, k, f)
                worst = max(worst, float(np.max(np.abs(lin - m.out * m.gain) / np.abs(m.out * m.gain))))
                if np.any(m.noise > 0):
                    want = m.out**2 * m.noise
                    worst = max(worst, float(np.max(np.abs(noise - want) / want)))
    return worst
