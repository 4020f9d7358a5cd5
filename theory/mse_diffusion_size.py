"""Diffusion sizes β_{t−Δt,t} of the ML- and the MSE-diffusion on a generation grid (mse §5–§6, Fig. 1).

Time convention: t ∈ (0, 1), 0 = noise, 1 = data (α increasing); the grid t_0 < … < t_N runs from noise
to data. β_st = η_st/ρ̊_t (mse §5: η_st = ρ̊_t β_st), in data units (Y = X + ε/ρ̊), at the step ends t_1..t_N.

The step η is the **exact discrete** one, so η ∈ [0, 1] always:

- ML-diffusion: η̊ = √(1 − ρ̊_s²/ρ̊_t²) (the argmin of w^N, the DDPM step; also the exact step of the
  continuous ML rate λ' = λ̊', since ∫_s^t λ̊' = Δλ̊);
- MSE-diffusion: η̌ of §5 (discrete coherence w^N(η) = M S_t²Δt_i, M = max_i (γ_i − 1)/(2S_i²Δt_i); on a
  uniform grid Δt cancels into M and this is the printed η̌).

For comparison only, two other numbers: the continuous MSE rate λ̌' of Eq. (30) (M of Eq. 29 over
[t_0, t_N]) integrated over each step, η² = 1 − exp(−2∫λ̌') ("integrated": the exact step of the
continuous MSE-diffusion), and the paper's approximation η² ≈ 2Δt λ'_t ("approx", §5 last line), which
is not a step size when it exceeds 1 (coarse steps near t_max).

Default generation intervals (the paper states none): EDM2's own σ range [0.002, 80] mapped through the
Normal schedule, and [1e-3, 1 − 1e-3] otherwise (ρ̊ must stay positive and finite on the closed
interval, mse Remark 3)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from difftheory.theory.mse_divergence import check_interval, discrete_etas, mse_M, mse_rate
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS, S2, dlam_over_S2
from difftheory.theory.mse_schedules_symbolic import SCHEDULES
from difftheory.theory.schedules import mse_schedule
from difftheory.validate import check_choice, check_float, check_int

DEFAULT_T0, DEFAULT_TMAX = 1e-3, 1 - 1e-3
EDM2_SIGMA_MIN, EDM2_SIGMA_MAX, EDM2_RHO = 0.002, 80.0, 7.0  # EDM/EDM2 sampler defaults (Karras et al. 2022)
MAX_STEPS = 10**6  # the command's range for --steps (arrays of this length cost ~0.1 s)

# Accuracy guard (issue 12: ranges that cannot be computed accurately are refused). λ̊ at a grid point carries a
# float64 rounding error of about ε·(|λ̊| + t·λ̊' + 1) (the grid point t itself is rounded, and λ̊ moves by λ̊' per
# unit t); ACCURACY_K = 4 bounds the few operations in between. Every step's Δλ̊ (which sets η) and every λ̊ (which
# sets β = η e^{−λ̊}) must be known to REL_ACCURACY: 1e-6 relative, far finer than the 4 significant digits printed.
ACCURACY_K = 4.0
REL_ACCURACY = 1e-6
QUAD_NODES = 48  # Gauss–Legendre nodes per step for the "integrated" comparison (sqrt end-point at t_argmax: ~1e-6)


@dataclass(frozen=True)
class SotaModel:
    name: str
    schedule: str
    param: str
    steps: int
    grid: str  # "uniform" or "edm2"
    # the data scale the model is trained on (for "% of the image size"): latent models normalise their latents
    # to about unit variance (SD-VAE × 0.18215, VA-VAE / SD3 shift-and-scale, RAE's normalised features);
    # EDM2's latents and SiD2's pixels in [−1, 1] have σ_data = 0.5 (EDM's value)
    sigma_data: float = 1.0


# mse §6 / Fig. 1: the models and their generator settings
SOTA_MODELS = (
    SotaModel("DiT/SiT/REPA/RAE", "logis", "vel", 250, "uniform", 1.0),
    SotaModel("LightningDiT/SD3", "logis", "veln", 250, "uniform", 1.0),
    SotaModel("EDM2", "normal", "fpred", 32, "edm2", 0.5),
    SotaModel("SiD2", "sechinter", "sigmoid", 512, "uniform", 0.5),
)


def uniform_grid(t0: float, tmax: float, steps: int) -> np.ndarray:
    """t_i = t0 + i (tmax − t0)/N, i = 0..N  # mse §3"""
    t0, tmax = check_interval(t0, tmax)
    steps = check_int("steps", steps, 1)
    return np.linspace(t0, tmax, steps + 1)


def edm2_sigmas(points: int = 32, sigma_min=EDM2_SIGMA_MIN, sigma_max=EDM2_SIGMA_MAX, rho=EDM2_RHO) -> np.ndarray:
    """EDM's σ_i = (σ_max^{1/ρ} + i/(n−1)(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ, i = 0..n−1 (Karras et al. 2022, Eq. 5)."""
    points = check_int("points", points, 2)
    sigma_min = check_float("sigma_min", sigma_min, 0.0, None, lo_open=True)
    sigma_max = check_float("sigma_max", sigma_max, sigma_min, None, lo_open=True)
    rho = check_float("rho", rho, 0.0, None, lo_open=True)
    i = np.arange(points)
    return (sigma_max ** (1 / rho) + i / (points - 1) * (sigma_min ** (1 / rho) - sigma_max ** (1 / rho))) ** rho


def edm2_grid(points: int = 32, sigma_min=EDM2_SIGMA_MIN, sigma_max=EDM2_SIGMA_MAX, rho=EDM2_RHO) -> np.ndarray:
    """EDM2's time grid in mse time: σ_i mapped through the Normal schedule (α = 1, σ = e^{−λ̊}), so
    t = Φ(−log σ − 0.4). The final step to σ = 0 is the denoiser output, not a UDS step."""
    return mse_schedule("normal").t_of_lam(-np.log(edm2_sigmas(points, sigma_min, sigma_max, rho)))


def edm_rho_grid(schedule, t0: float, tmax: float, steps: int, rho: float = EDM2_RHO) -> np.ndarray:
    """EDM's ρ-spaced grid for any schedule: σ_E = 1/ρ̊ (EDM's noise level of Y = X + σ_E ε) spaced as in
    ``edm2_sigmas`` between σ_E(t0) and σ_E(tmax), mapped back to t. ``steps`` steps, ``steps + 1`` points."""
    sch = mse_schedule(schedule)
    t0, tmax = check_interval(t0, tmax)
    steps = check_int("steps", steps, 1)
    s_max, s_min = float(np.exp(-sch.lam(t0))), float(np.exp(-sch.lam(tmax)))
    g = sch.t_of_lam(-np.log(edm2_sigmas(steps + 1, s_min, s_max, rho)))
    g[0], g[-1] = t0, tmax  # exact ends (the round trip through σ_E is accurate to rounding only)
    return g


def model_grid(model: SotaModel) -> np.ndarray:
    if model.grid == "edm2":
        return edm2_grid(model.steps)
    return uniform_grid(DEFAULT_T0, DEFAULT_TMAX, model.steps)


def default_interval(schedule: str) -> tuple[float, float]:
    if schedule == "normal":
        g = edm2_grid(2)
        return float(g[0]), float(g[-1])
    return DEFAULT_T0, DEFAULT_TMAX


def check_grid_accuracy(schedule, grid) -> None:
    """ValueError unless every step's Δλ̊ and every λ̊ on ``grid`` are known to ``REL_ACCURACY`` in float64
    (the error model is in the comment at ``ACCURACY_K``)."""
    sch = mse_schedule(schedule)
    grid = np.asarray(grid, float)
    lam, d = sch.lam(grid), sch.dlam(grid)
    if not (np.all(np.isfinite(lam)) and np.all(np.isfinite(d))):
        raise ValueError(f"λ̊ or λ̊' of {sch.name} is not finite in float64 on [{grid[0]:.6g}, {grid[-1]:.6g}]; "
                         "move t0/tmax away from 0 and 1")
    err = ACCURACY_K * np.finfo(float).eps * (np.abs(lam) + grid * d + 1)
    i = int(np.argmax(err))
    if err[i] > REL_ACCURACY:
        raise ValueError(f"{sch.name}: λ̊ at t = {float(grid[i])!r} has a float64 rounding error of about {err[i]:.1e} "
                         f"(> {REL_ACCURACY:g}): t is too close to {0 if grid[i] < 0.5 else 1} to be computed "
                         "accurately; move t0/tmax inwards")
    dl = np.diff(lam)
    rel = (err[:-1] + err[1:]) / np.where(dl > 0, dl, np.nan)
    if np.any(~(dl > 0)) or np.any(~(rel <= REL_ACCURACY)):
        k = int(np.argmax(np.where(np.isfinite(rel), rel, np.inf)))
        raise ValueError(f"{sch.name}: the step [{float(grid[k])!r}, {float(grid[k + 1])!r}] changes λ̊ by {dl[k]:.3g}, below "
                         f"float64 resolution there (relative error > {REL_ACCURACY:g}); use fewer steps or a "
                         "wider interval")


def _check_grid(grid) -> np.ndarray:
    grid = np.asarray(grid, float)
    if grid.ndim != 1 or grid.size < 2 or not np.all(np.isfinite(grid)) or np.any(np.diff(grid) <= 0):
        raise ValueError(f"grid must be an increasing 1-D array of at least 2 finite times, got shape {grid.shape}")
    check_interval(grid[0], grid[-1])
    return grid


def continuous_M(schedule, param: str, grid) -> tuple[float, float]:
    """M of Eq. (29) over [t_0, t_N] (dense search, refined) and its argmax, never below the ratio λ̊'/S² at a
    grid point (so the rate (30) is real at every grid point)."""
    M, t_arg = mse_M(param, schedule, float(grid[0]), float(grid[-1]))
    r = dlam_over_S2(param, schedule, grid)
    i = int(np.argmax(r))
    return (float(r[i]), float(grid[i])) if r[i] > M else (M, t_arg)


def integrated_mse_etas(schedule, param: str, grid, M: float, nodes: int = QUAD_NODES) -> np.ndarray:
    """η per step of the continuous MSE-diffusion: η² = 1 − exp(−2∫_s^t λ̌'), λ̌' of Eq. (30) with ``M``.

    Gauss–Legendre in λ̊ per step (∫λ̌' dt = ∫ g dλ̊, g = λ̌'/λ̊' = r/(1 + √(1 − r))², r = (λ̊'/S²)/M ≤ 1), so the
    steep λ̊' near t = 0, 1 costs nothing."""
    sch = mse_schedule(schedule)
    lam = sch.lam(np.asarray(grid, float))
    x, w = np.polynomial.legendre.leggauss(nodes)
    mid, half = (lam[1:] + lam[:-1]) / 2, np.diff(lam) / 2
    ln = mid[:, None] + half[:, None] * x[None, :]
    t = sch.t_of_lam(ln)
    r = np.minimum(dlam_over_S2(param, sch, t) / M, 1.0)
    g = r / (1 + np.sqrt(1 - r)) ** 2
    integral = half * (g @ w)
    return np.sqrt(-np.expm1(-2 * integral))


def diffusion_sizes(schedule, param: str, grid, integrated: bool = False) -> dict:
    """β_ML and β_MSE per step of ``grid`` (at the step ends t_1..t_N) from the exact discrete η's  # mse §5–§6

    Keys: ``t``, ``eta_ml``, ``eta_mse``, ``beta_ml``, ``beta_mse`` (exact, η ∈ [0, 1]), ``M_discrete`` (§5),
    ``M`` and ``t_argmax`` (Eq. 29), ``lam_ml``, ``lam_mse`` (the continuous rates λ̊', λ̌' at t), the paper's
    approximation ``eta_*_approx`` = √(2Δtλ') and ``beta_*_approx`` (may exceed 1 / be meaningless), §5's η̌ exactly
    as printed ``eta_mse_printed``, ``beta_mse_printed``, ``M_printed`` (M = max (γ − 1)/(2S²): the per-step weight
    S² without Δt; the same numbers as ``eta_mse`` on a uniform grid, not coherent with the MSE integral (27) on a
    non-uniform one), and with ``integrated`` the continuous MSE-diffusion's exact step ``eta_mse_integrated``,
    ``beta_mse_integrated``."""
    sch = mse_schedule(schedule)
    check_choice("parameterization", param, PARAMETERIZATIONS)
    grid = _check_grid(grid)
    t, dt = grid[1:], np.diff(grid)
    eta_ml, eta_mse, M_disc = discrete_etas(np.diff(sch.lam(grid)), S2(param, sch, t) * dt)
    _, eta_printed, M_printed = discrete_etas(np.diff(sch.lam(grid)), S2(param, sch, t))  # mse §5 η̌ as printed
    rho = sch.rho(t)
    M, t_arg = continuous_M(sch, param, grid)
    dlam = sch.dlam(t)
    lam_mse = mse_rate(dlam, S2(param, sch, t), M)
    out = dict(t=t, eta_ml=eta_ml, eta_mse=eta_mse, beta_ml=eta_ml / rho, beta_mse=eta_mse / rho, M=M,
               M_discrete=M_disc, t_argmax=t_arg, lam_ml=dlam, lam_mse=lam_mse,
               eta_mse_printed=eta_printed, beta_mse_printed=eta_printed / rho, M_printed=M_printed,
               eta_ml_approx=np.sqrt(2 * dt * dlam), eta_mse_approx=np.sqrt(2 * dt * lam_mse),
               t0=float(grid[0]), tmax=float(grid[-1]))
    out["beta_ml_approx"] = out["eta_ml_approx"] / rho
    out["beta_mse_approx"] = out["eta_mse_approx"] / rho
    if integrated:
        out["eta_mse_integrated"] = integrated_mse_etas(sch, param, grid, M)
        out["beta_mse_integrated"] = out["eta_mse_integrated"] / rho
    for k in ("eta_ml", "eta_mse", "beta_ml", "beta_mse"):
        if not np.all(np.isfinite(out[k])):
            raise ValueError(f"({sch.name}, {param}) on [{grid[0]:g}, {grid[-1]:g}]: {k} is not finite (the pair is "
                             f"not defined numerically on this interval; narrow t0/tmax)")
    return out


def diffusion_sizes_cli(schedule: str, param: str, steps: int, t0=None, tmax=None) -> dict:
    """The ``diffusion-size`` command's computation: uniform grid of ``steps`` steps on [t0, tmax] (defaults:
    ``default_interval``), exact discrete η's. Inputs whose numbers cannot be computed accurately in float64
    (over/underflow to a non-number, steps below float64 resolution, t too close to 0 or 1) raise ValueError
    with a one-line reason; no NumPy warning escapes."""
    check_choice("schedule", schedule, SCHEDULES)
    check_choice("parameterization", param, PARAMETERIZATIONS)
    steps = check_int("steps", steps, 1, MAX_STEPS)
    d0, d1 = default_interval(schedule)
    t0 = d0 if t0 is None else check_float("t0", t0, 0.0, 1.0, lo_open=True, hi_open=True)
    tmax = d1 if tmax is None else check_float("tmax", tmax, 0.0, 1.0, lo_open=True, hi_open=True)
    if not t0 < tmax:
        raise ValueError(f"t0 must be < tmax (both in (0, 1)), got t0={t0!r}, tmax={tmax!r}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
                grid = uniform_grid(t0, tmax, steps)
                if np.any(np.diff(grid) <= 0):
                    raise ValueError(f"{steps} steps on [{t0!r}, {tmax!r}] are below float64 resolution in t; use "
                                     "fewer steps or a wider interval")
                check_grid_accuracy(schedule, grid)
                d = diffusion_sizes(schedule, param, grid)
    except (FloatingPointError, ArithmeticError, Warning) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ValueError(f"({schedule}, {param}) on [{t0!r}, {tmax!r}] with {steps} steps cannot be computed in "
                         f"float64 ({reason}); move t0/tmax away from 0 and 1") from None
    bad = [k for k in ("eta_ml", "eta_mse") if not np.all((d[k] >= 0) & (d[k] <= 1))]
    if bad or not (np.all(np.isfinite(d["beta_ml"])) and np.all(np.isfinite(d["beta_mse"]))):
        raise ValueError(f"({schedule}, {param}) on [{t0!r}, {tmax!r}] with {steps} steps: {', '.join(bad) or 'beta'} "
                         "outside its range in float64; move t0/tmax away from 0 and 1")
    return d


def later_stage_max(beta, frac: float = 0.5) -> float:
    """max β over the last ``frac`` of the steps (the paper's "later stages")."""
    beta = np.asarray(beta, float)
    return float(np.max(beta[int(len(beta) * (1 - frac)):]))


def settles_below(beta, threshold: float) -> int:
    """Index of the first step from which β stays ≤ ``threshold`` to the end (len(beta) if the last one exceeds it)."""
    above = np.nonzero(np.asarray(beta, float) > threshold)[0]
    return int(above[-1] + 1) if above.size else 0
