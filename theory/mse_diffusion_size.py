"""Diffusion sizes β_{t−Δt,t} of the ML- and the MSE-diffusion on a generation grid (mse §6, Fig. 1).

Time convention: t ∈ (0, 1), 0 = noise, 1 = data (α increasing); the grid t_0 < … < t_N runs from noise
to data. As in the paper, β_{t−Δt,t} = η/ρ̊_t with η² ≈ 2Δt λ'_t, where λ' = λ̊' (ML-diffusion) or
λ' = λ̌' of Eq. (30) with M of Eq. (29) over [t_0, t_N] (MSE-diffusion). β is in data units (Y = X + ε/ρ̊).

Default generation intervals (the paper states none): EDM2's own σ range [0.002, 80] mapped through the
Normal schedule, and [1e-3, 1 − 1e-3] otherwise (ρ̊ must stay positive and finite on the closed
interval, mse Remark 3; M of Logis+Vel is t_max/(1 − t_max), so t_max is reported with every number)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from difftheory.theory.mse_divergence import check_interval, mse_M, mse_rate
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS, S2
from difftheory.theory.mse_schedules import SCHEDULES, get_schedule
from difftheory.validate import check_choice, check_float, check_int

DEFAULT_T0, DEFAULT_TMAX = 1e-3, 1 - 1e-3
EDM2_SIGMA_MIN, EDM2_SIGMA_MAX, EDM2_RHO = 0.002, 80.0, 7.0  # EDM/EDM2 sampler defaults (Karras et al. 2022)


@dataclass(frozen=True)
class SotaModel:
    name: str
    schedule: str
    param: str
    steps: int
    grid: str  # "uniform" or "edm2"


# mse §6 / Fig. 1: the models and their generator settings
SOTA_MODELS = (
    SotaModel("DiT/SiT/REPA/RAE", "logis", "vel", 250, "uniform"),
    SotaModel("LightningDiT/SD3", "logis", "veln", 250, "uniform"),
    SotaModel("EDM2", "normal", "fpred", 32, "edm2"),
    SotaModel("SiD2", "sechinter", "sigmoid", 512, "uniform"),
)


def uniform_grid(t0: float, tmax: float, steps: int) -> np.ndarray:
    """t_i = t0 + i (tmax − t0)/N, i = 0..N  # mse §3"""
    t0, tmax = check_interval(t0, tmax)
    steps = check_int("steps", steps, 1)
    return np.linspace(t0, tmax, steps + 1)


def edm2_sigmas(points: int = 32, sigma_min=EDM2_SIGMA_MIN, sigma_max=EDM2_SIGMA_MAX, rho=EDM2_RHO) -> np.ndarray:
    """EDM's σ_i = (σ_max^{1/ρ} + i/(n−1)(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ, i = 0..n−1 (Karras et al. 2022, Eq. 5)."""
    points = check_int("points", points, 2)
    i = np.arange(points)
    return (sigma_max ** (1 / rho) + i / (points - 1) * (sigma_min ** (1 / rho) - sigma_max ** (1 / rho))) ** rho


def edm2_grid(points: int = 32) -> np.ndarray:
    """EDM2's time grid in mse time: σ_i mapped through the Normal schedule (α = 1, σ = e^{−λ̊}), so
    t = Φ(−log σ − 0.4). The final step to σ = 0 is the denoiser output, not a UDS step."""
    return get_schedule("normal").t_of_lam(-np.log(edm2_sigmas(points)))


def model_grid(model: SotaModel) -> np.ndarray:
    if model.grid == "edm2":
        return edm2_grid(model.steps)
    return uniform_grid(DEFAULT_T0, DEFAULT_TMAX, model.steps)


def default_interval(schedule: str) -> tuple[float, float]:
    if schedule == "normal":
        g = edm2_grid(2)
        return float(g[0]), float(g[-1])
    return DEFAULT_T0, DEFAULT_TMAX


def diffusion_sizes(schedule, param: str, grid) -> dict:
    """β_ML and β_MSE per step of ``grid`` (at the step ends t_1..t_N) and M  # mse §5–§6 with 2Δt λ' ≈ η²"""
    sch = get_schedule(schedule)
    check_choice("parameterization", param, PARAMETERIZATIONS)
    grid = np.asarray(grid, float)
    if grid.ndim != 1 or grid.size < 2 or np.any(np.diff(grid) <= 0):
        raise ValueError(f"grid must be an increasing 1-D array of at least 2 times, got shape {grid.shape}")
    t0, tmax = check_interval(grid[0], grid[-1])
    M, t_arg = mse_M(param, sch, t0, tmax)
    t, dt = grid[1:], np.diff(grid)
    dlam = sch.dlam(t)
    lam_mse = mse_rate(dlam, S2(param, sch, t), M)
    rho = sch.rho(t)
    beta_ml = np.sqrt(2 * dt * dlam) / rho
    beta_mse = np.sqrt(2 * dt * lam_mse) / rho
    out = dict(t=t, beta_ml=beta_ml, beta_mse=beta_mse, M=M, t_argmax=t_arg, lam_ml=dlam, lam_mse=lam_mse,
               t0=t0, tmax=tmax)
    for k in ("beta_ml", "beta_mse", "lam_mse"):
        if not np.all(np.isfinite(out[k])):
            raise ValueError(f"({sch.name}, {param}) on [{t0:g}, {tmax:g}]: {k} is not finite (the pair is not "
                             f"defined numerically on this interval; narrow --t0/--tmax)")
    return out


def diffusion_sizes_cli(schedule: str, param: str, steps: int, t0=None, tmax=None) -> dict:
    """The ``diffusion-size`` command's computation: uniform grid of ``steps`` steps on [t0, tmax]
    (defaults: ``default_interval``)."""
    check_choice("schedule", schedule, SCHEDULES)
    check_choice("parameterization", param, PARAMETERIZATIONS)
    steps = check_int("steps", steps, 1, 10**6)
    d0, d1 = default_interval(schedule)
    t0 = d0 if t0 is None else check_float("t0", t0, 0.0, 1.0, lo_open=True, hi_open=True)
    tmax = d1 if tmax is None else check_float("tmax", tmax, 0.0, 1.0, lo_open=True, hi_open=True)
    return diffusion_sizes(schedule, param, uniform_grid(t0, tmax, steps))


def later_stage_max(beta, frac: float = 0.5) -> float:
    """max β over the last ``frac`` of the steps (the paper's "later stages")."""
    beta = np.asarray(beta, float)
    return float(np.max(beta[int(len(beta) * (1 - frac)):]))
