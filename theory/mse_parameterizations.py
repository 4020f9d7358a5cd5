"""Parameterizations S_t of mse §2 (Noise, Data, F-pred, Vel, VelLN, Sigmoid): derived from each
prediction target, the printed forms, and the numeric twin.

Time convention: t ∈ (0, 1), 0 = noise, 1 = data (α increasing). A target is u_t = A_t Ȳ_t + S_t ε with
Ȳ_t = X + ρ̊_t⁻¹ ε (mse Eq. 1); since û − u = S(ε̂ − ε) (Eq. 3) only S_t² enters the MSE, and the MSE
weight of Kingma & Gao is ω_t = S_t²/λ̊'_t.

``derive_S(param, schedule)`` writes the target as used by the models (ε, X, EDM's F, the velocity,
the logit-normal importance-weighted velocity, K&G's sigmoid-weighted ε loss), substitutes
X = Ȳ − ε/ρ̊ and reads off the coefficient of ε (signed). ``printed_S2`` is the paper's statement."""

from __future__ import annotations

import numpy as np
import sympy as sp

from difftheory.theory.mse_schedules import T, Schedule, get_schedule, sym_alpha_sigma, sym_lam
from difftheory.theory.samplers import LATENT_SAMPLER
from difftheory.validate import check_choice

PARAMETERIZATIONS = ("noise", "data", "fpred", "vel", "veln", "sigmoid")
EDM_SIGMA_DATA = sp.Rational(1, 2)  # EDM/EDM2 σ_data = 0.5 (the "4" in mse's F-pred)
SIGMOID_BIAS = -3  # K&G sigmoid weight sigmoid(b − log SNR) with b = −3 (mse §2 Sigmoid: e^{2λ̊ + 3})


def _logit_normal_pdf_sym(t):
    """Density of t = sigmoid(s), s ~ N(0, 1) (SD3's time sampler)."""
    return sp.exp(-sp.log(t / (1 - t)) ** 2 / 2) / (sp.sqrt(2 * sp.pi) * t * (1 - t))


def sym_target(param: str, schedule: str, X, E, t=T):
    """The training target u_t(X, ε) of each parameterization, as the models define it (SymPy)."""
    check_choice("parameterization", param, PARAMETERIZATIONS)
    alpha, sigma = sym_alpha_sigma(schedule, t)
    rho = alpha / sigma
    if param == "noise":
        return E
    if param == "data":
        return X
    if param == "fpred":  # EDM: D = c_skip·y + c_out·F on y = Ȳ = X + σ_E ε with σ_E = 1/ρ̊
        sE, sd = 1 / rho, EDM_SIGMA_DATA
        c_skip = sd**2 / (sE**2 + sd**2)
        c_out = sE * sd / sp.sqrt(sE**2 + sd**2)
        return (X - c_skip * (X + sE * E)) / c_out
    vel = sp.diff(alpha, t) * X + sp.diff(sigma, t) * E  # v_t = α'X + σ'ε
    if param == "vel":
        return vel
    if param == "veln":  # E_{t~LN}‖v̂ − v‖² = E_{t~U} p_LN(t)‖v̂ − v‖²: target scaled by √p_LN
        return sp.sqrt(_logit_normal_pdf_sym(t)) * vel
    # sigmoid: K&G weighted ε-loss  w(λ)·dλ/dt·‖ε̂ − ε‖², λ = log SNR = 2λ̊, w = sigmoid(b − λ)
    lam_kg = 2 * sym_lam(schedule, t)
    weight = 1 / (1 + sp.exp(lam_kg - SIGMOID_BIAS)) * sp.diff(lam_kg, t)
    return sp.sqrt(weight) * E


def derive_S(param: str, schedule: str, t=T):
    """S_t (signed) derived from the target: coefficient of ε after X = Ȳ − ε/ρ̊  # mse Eqs. (1), (3)"""
    X, E, Yb = sp.symbols("X epsilon Ybar")
    alpha, sigma = sym_alpha_sigma(schedule, t)
    u = sym_target(param, schedule, X, E, t).subs(X, Yb - E * sigma / alpha)
    return sp.expand(u).coeff(E)


def printed_S2(param: str, schedule: str, t=T):
    """S_t² as printed in mse §2 (in terms of ρ̊, λ̊, λ̊', σ) — the statement the derivation is compared with."""
    alpha, sigma = sym_alpha_sigma(schedule, t)
    lam = sp.log(alpha / sigma)
    rho, dlam = alpha / sigma, sp.diff(lam, t)
    return {
        "noise": sp.Integer(1),
        "data": rho**-2,
        "fpred": 4 * rho**-2 + 1,
        "vel": (dlam * sigma) ** 2,
        "veln": (dlam * sigma) ** 2 * sp.exp(-sp.log(t / (1 - t)) ** 2 / 2) / (sp.sqrt(2 * sp.pi) * t * (1 - t)),
        "sigmoid": 2 * dlam / (1 + sp.exp(2 * lam + 3)),
    }[check_choice("parameterization", param, PARAMETERIZATIONS)]


def dlam_over_S2(param: str, schedule, t):
    """λ̊'_t / S_t² (NumPy, stable in the tails): the inverse K&G weight 1/ω_t; its max is M of mse Eq. (29)."""
    check_choice("parameterization", param, PARAMETERIZATIONS)
    sch: Schedule = get_schedule(schedule)
    t = np.asarray(t, float)
    d, lam = sch.dlam(t), sch.lam(t)
    if param == "noise":
        return d
    if param == "data":
        return d * np.exp(2 * lam)
    if param == "fpred":
        return d / (4 * np.exp(-2 * lam) + 1)
    if param == "sigmoid":
        return 0.5 * (1 + np.exp(2 * lam + 3))
    s = sch.sigma(t)
    r = 1.0 / (d * s * s)
    return r / LATENT_SAMPLER.pdf(t) if param == "veln" else r


def S2(param: str, schedule, t):
    """S_t² (NumPy twin of mse §2's parameterizations)."""
    return get_schedule(schedule).dlam(t) / dlam_over_S2(param, schedule, t)


def kg_weight(param: str, schedule, t):
    """Kingma & Gao's weight ω_t = S_t²/λ̊'_t  # mse §2"""
    return 1.0 / dlam_over_S2(param, schedule, t)
