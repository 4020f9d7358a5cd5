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

from difftheory.theory.mse_schedules_symbolic import T, sym_alpha_sigma, sym_lam
from difftheory.theory.schedules import MseSchedule, mse_schedule
from difftheory.theory.target_conversions import affine_target
from difftheory.theory.time_densities import LATENT_DENSITY
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
    vel = affine_target(X, E, sp.diff(alpha, t), sp.diff(sigma, t))  # v_t = α'X + σ'ε, the velocity target
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
    sch: MseSchedule = mse_schedule(schedule)
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
    return r / LATENT_DENSITY.pdf(t) if param == "veln" else r


def S2(param: str, schedule, t):
    """S_t² (NumPy twin of mse §2's parameterizations)."""
    return mse_schedule(schedule).dlam(t) / dlam_over_S2(param, schedule, t)


def kg_weight(param: str, schedule, t):
    """Kingma & Gao's weight ω_t = S_t²/λ̊'_t  # mse §2"""
    return 1.0 / dlam_over_S2(param, schedule, t)


def derive_data_form_S():
    """A target written with data, u = B Ȳ − C X (mse §2 after Eq. 3): substitute X = Ȳ − ρ̊⁻¹ε (Eq. 1).

    Returns residuals (all 0 when the text holds): ε-coefficient − C/ρ̊ (S := C/ρ̊), Ȳ-coefficient − (B − C)
    (the A of Eq. 2), ε̂ of Eq. (3) − ε̂ via Eq. (1) from X̂ = (BȲ − û)/C, and û − u + C(X̂ − X) (the error
    identity of Eq. 3 in data form); plus the signed S of the Data target u = X and of the printed F_t."""
    B, C, Yb, e, uh = sp.symbols("B C Ybar epsilon uhat")
    rho = sp.Symbol("rhoring", positive=True)
    X = Yb - e / rho  # Eq. (1)
    u = sp.expand(B * Yb - C * X)
    S, A = u.coeff(e), u.coeff(Yb)
    Xh = (B * Yb - uh) / C  # the network's data estimate from û = BȲ − C X̂
    eh_3 = (uh - A * Yb) / S  # Eq. (3)
    eh_1 = rho * (Yb - Xh)  # Eq. (1) solved for ε
    out = {"S_minus_C_over_rho": sp.simplify(S - C / rho), "A_minus_B_minus_C": sp.simplify(A - (B - C)),
           "eps_hat_3_minus_1": sp.simplify(eh_3 - eh_1), "error_identity": sp.simplify((uh - u) + C * (Xh - X))}
    # instances: Data (u = X: B = 0, C = −1) and the printed F_t = √(4 + ρ̊²) X − ρ̊²/√(4 + ρ̊²) Ȳ
    out["S_data"] = sp.simplify((C / rho).subs({C: -1}))
    out["S_fpred"] = sp.simplify((C / rho).subs({C: -sp.sqrt(4 + rho**2)}))
    out["S_fpred_sq_minus_printed"] = sp.simplify(out["S_fpred"] ** 2 - (4 / rho**2 + 1))
    return out


RHO_ONLY_PARAMETERIZATIONS = ("noise", "data", "fpred", "sigmoid")  # S_t² a function of λ̊_t, λ̊'_t alone


def S2_of_lam(param: str, lam, dlam):
    """S_t² of the parameterizations that depend on the schedule through λ̊_t, λ̊'_t only (Noise, Data, F-pred,
    Sigmoid; printed forms of mse §2). Vel and VelLN involve σ_t, which λ̊ does not fix: ValueError."""
    check_choice("parameterization", param, RHO_ONLY_PARAMETERIZATIONS)
    lam, dlam = np.asarray(lam, float), np.asarray(dlam, float)
    if param == "noise":
        return np.ones_like(lam)
    if param == "data":
        return np.exp(-2 * lam)
    if param == "fpred":
        return 4 * np.exp(-2 * lam) + 1
    return 2 * dlam / (1 + np.exp(2 * lam - SIGMOID_BIAS))
