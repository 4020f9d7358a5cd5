"""The SOTA models of mse §6 / Fig. 1 as their public code sets them, in mse's terms, and their diffusion sizes.

Time convention (mse): t ∈ (0, 1), 0 = noise, 1 = data; λ̊ = log(α/σ).

mse's Fig. 1 reads each model as a pair (schedule, parameterization) with t ~ U(0, 1) and a uniform generation grid.
The code trains and samples otherwise (facts in ``difftheory/other_systems.toml``): EDM2's ImageNet-64 presets draw
ln σ ~ N(−0.8, 1.6²), not mse's Normal; RAE and LightningDiT draw logit(t) from a normal law (RAE shifted by
√(dim/4096)); their samplers run on shifted grids. A ``TrainingLaw`` states such a training in the form the
MSE-diffusion needs (Kingma & Gao, mse §2): the model's native time t(λ̊), the density p(t) it is drawn with, and
S² of its target as a function of λ̊. Then the per-step MSE weight of §5's discrete coherence is S_t² p(t_i) Δt_i
(the uniform-t case of ``mse_diffusion_size.diffusion_sizes`` has p = 1), and the exact discrete step sizes come from
``mse_divergence.discrete_etas`` — the one home of §5's η̊ and η̌. Where a law coincides with a named (schedule,
parameterization) pair the two computations agree to rounding (``twin_check``).

Code grids (``*_code_grid``) return the generation points in mse time without the exact end points (σ = 0 or ∞,
t ∈ {0, 1}): mse §3 requires [t0, tmax] ⊂ (0, 1), and a last step onto σ = 0 has β = ρ̊⁻¹η = 0 by construction."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from difftheory.theory import mse_diffusion_size
from difftheory.theory.mse_divergence import discrete_etas
from difftheory.theory.schedules import mse_schedule
from difftheory.theory.time_densities import TimeDensity
from difftheory.validate import check_choice, check_float, check_int

LAW_KINDS = ("lognormal-sigma", "logit-normal", "uniform-logis")
TARGETS = ("fpred", "vel")


@dataclass(frozen=True)
class TrainingLaw:
    """How a model is MSE-trained, in mse's terms.

    kind ``lognormal-sigma``: α = 1, ln σ ~ N(p_mean, p_std²) (EDM, EDM2); native time t = Φ((λ̊ + p_mean)/p_std),
    uniform. kind ``uniform-logis``: the linear path α = t, σ = 1 − t with t ~ U(0, 1) (SiT, REPA). kind
    ``logit-normal``: the same path with logit t ~ N(mu, std²) (LightningDiT; RAE with mu = −log shift).
    ``target``: ``fpred`` (EDM's F with σ_data: S² = σ_E²/σ_data² + 1, σ_E = e^{−λ̊}) or ``vel`` (the velocity of
    the linear path: S² = (λ̊'σ)² = 1/t² in the path's own time)."""

    name: str
    kind: str
    target: str
    p_mean: float = -0.4
    p_std: float = 1.0
    mu: float = 0.0
    std: float = 1.0
    sigma_data: float = 1.0

    def __post_init__(self):
        check_choice("kind", self.kind, LAW_KINDS)
        check_choice("target", self.target, TARGETS)
        check_float("p_std", self.p_std, 0.0, None, lo_open=True)
        check_float("std", self.std, 0.0, None, lo_open=True)
        check_float("sigma_data", self.sigma_data, 0.0, None, lo_open=True)
        if self.target == "vel" and self.kind == "lognormal-sigma":
            raise ValueError("target 'vel' is defined here for the linear path only (kinds uniform-logis, logit-normal)")

    def native_time(self, lam):
        """The model's training time t (mse convention) at log-SNR λ̊."""
        lam = np.asarray(lam, float)
        if self.kind == "lognormal-sigma":
            return special.ndtr((lam + self.p_mean) / self.p_std)  # ln σ = −λ̊ ~ N(p_mean, p_std²)
        return special.expit(lam)  # linear path: λ̊ = logit t

    def density(self, t):
        """p(t) of the native time."""
        t = np.asarray(t, float)
        if self.kind == "logit-normal":
            return TimeDensity("logit-normal", self.mu, self.std).pdf(t)
        return np.ones_like(t)

    def S2(self, lam):
        """S² of the target at λ̊ (mse §2)."""
        lam = np.asarray(lam, float)
        if self.target == "fpred":
            return np.exp(-2 * lam) / self.sigma_data**2 + 1.0
        return (1 + np.exp(-lam)) ** 2  # 1/t², t = expit(λ̊)

    def lam_density(self, lam):
        """Density of λ̊ under training (for reports): p(t(λ̊)) dt/dλ̊."""
        lam = np.asarray(lam, float)
        if self.kind == "lognormal-sigma":
            z = (lam + self.p_mean) / self.p_std
            return np.exp(-0.5 * z * z) / (self.p_std * np.sqrt(2 * np.pi))
        t = special.expit(lam)
        return self.density(t) * t * (1 - t)


def sizes(law: TrainingLaw, lam_grid) -> dict:
    """Exact discrete step sizes on an increasing log-SNR grid  # mse §5 Discrete time, §6

    η̊ (ML) and η̌ (MSE) per step from ``discrete_etas`` with Δλ̊ and the per-step weight S²(λ̊_i) p(t_i) Δt_i at the
    step ends; β = η/ρ̊ = η e^{−λ̊}. Keys: ``lam`` (step ends), ``t`` (native time at step ends), ``eta_ml``,
    ``eta_mse``, ``beta_ml``, ``beta_mse``, ``M_discrete``."""
    lam = np.asarray(lam_grid, float)
    if lam.ndim != 1 or lam.size < 2 or not np.all(np.isfinite(lam)) or np.any(np.diff(lam) <= 0):
        raise ValueError(f"lam_grid must be an increasing 1-D array of at least 2 finite log-SNRs, got shape {lam.shape}")
    t = law.native_time(lam)
    dt = np.diff(t)
    if np.any(~(dt > 0)):
        raise ValueError(f"{law.name}: the grid's native times are not strictly increasing in float64 (t too close to 0 or 1)")
    s2dt = law.S2(lam[1:]) * law.density(t[1:]) * dt
    eta_ml, eta_mse, M = discrete_etas(np.diff(lam), s2dt)
    rho = np.exp(lam[1:])
    return {"lam": lam[1:], "t": t[1:], "eta_ml": eta_ml, "eta_mse": eta_mse, "beta_ml": eta_ml / rho,
            "beta_mse": eta_mse / rho, "M_discrete": M}


# ------------------------------------------------------------------------------------------ the code's grids
def shift_map(t, s: float):
    """t ↦ s t/(1 + (s − 1) t): the time shift of SD3, LightningDiT and RAE (s > 0)."""
    s = check_float("shift", s, 0.0, None, lo_open=True)
    t = np.asarray(t, float)
    return s * t / (1 + (s - 1) * t)


def edm2_code_grid(num_steps: int, sigma_min: float, sigma_max: float, rho: float) -> np.ndarray:
    """λ̊ at EDM2's σ-points (σ_max … σ_min; the final step onto σ = 0 has β = 0 and is left out)."""
    return -np.log(mse_diffusion_size.edm2_sigmas(num_steps, sigma_min, sigma_max, rho))


def sit_code_grid(num_steps: int, last_step_size: float) -> np.ndarray:
    """mse time of SiT's/REPA's SDE points linspace(0, 1 − last_step_size, num_steps) without t = 0 (pure noise);
    the last step (mean, no noise) to t = 1 follows. SiT's time is mse's; REPA's t_REPA = 1 − t gives the same."""
    num_steps = check_int("num_steps", num_steps, 3)
    last = check_float("last_step_size", last_step_size, 0.0, 1.0, lo_open=True, hi_open=True)
    return np.linspace(0.0, 1.0 - last, num_steps)[1:]


def lightningdit_code_grid(num_steps: int, shift: float) -> np.ndarray:
    """mse time of LightningDiT's ODE points: shift(linspace(0, 1, num_steps)) (t = 1 data), ends left out."""
    num_steps = check_int("num_steps", num_steps, 3)
    return shift_map(np.linspace(0.0, 1.0, num_steps), shift)[1:-1]


def rae_code_grid(num_steps: int, shift: float) -> np.ndarray:
    """mse time of RAE's ODE points: RAE's t (1 = noise) = shift(1 − linspace(0, 1, num_steps)); mse t = 1 − t_RAE,
    increasing, ends left out."""
    num_steps = check_int("num_steps", num_steps, 3)
    return (1.0 - shift_map(1.0 - np.linspace(0.0, 1.0, num_steps), shift))[1:-1]


def logis_lam(t):
    """λ̊ = logit t of the linear path (mse's Logis)."""
    return special.logit(np.asarray(t, float))


def twin_check() -> dict:
    """max relative difference of β (ML and MSE) between ``sizes`` and ``mse_diffusion_size.diffusion_sizes`` where a
    law is one of the paper's named pairs: Normal + F-pred on EDM2's grid, Logis + Vel on SiT's, Logis + VelLN on
    LightningDiT's."""
    cases = {
        "normal/fpred on EDM2's 32 σ-points": (TrainingLaw("normal", "lognormal-sigma", "fpred", sigma_data=0.5),
                                              "normal", "fpred", mse_diffusion_size.edm2_grid(32)),
        "logis/vel on SiT's SDE points": (TrainingLaw("logis", "uniform-logis", "vel"), "logis", "vel",
                                          sit_code_grid(250, 0.04)),
        "logis/veln on LightningDiT's points": (TrainingLaw("veln", "logit-normal", "vel"), "logis", "veln",
                                                lightningdit_code_grid(250, 0.3)),
    }
    out = {}
    for name, (law, sch, param, grid) in cases.items():
        mine = sizes(law, mse_schedule(sch).lam(grid))
        ref = mse_diffusion_size.diffusion_sizes(sch, param, grid)
        out[name] = max(float(np.max(np.abs(mine[k] / ref[k] - 1))) for k in ("beta_ml", "beta_mse"))
    return out
