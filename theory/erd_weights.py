"""Loss weights across noise levels: erd's effective-amplitude weight (Prop. E.1) and the baselines it is
compared with (uniform, Min-SNR-γ, P2, EDM), each in every target space — SymPy derivations and
NumPy twins.

Model (erd Eq. 107): z = α x0 + σ ε, target y = c_x x0 + c_ε ε with the canonical targets of erd Eq. (111)
and App. F: x0 (1, 0), ε (0, 1), u = ε − x0 (−1, 1), v = α ε − σ x0 (−σ, α) (``targets.erd_target_coefficients``).
Any convention for t works: the weights are functions of (α, σ) only.

A weight defined in one space S (Min-SNR in x0-space, P2 in ε-space, EDM in the denoiser's x0-space)
moves to target y through the error ratio: given z, every target is affine in x0, so
ŷ − y = g_y (x̂0 − x0) with g_y = (c_x σ − c_ε α)/σ, hence ‖Ŝ − S‖² = (g_S / g_y)² ‖ŷ − y‖² and
w_y = w_S (g_S / g_y)² — the κ² of kdiff Eq. (22) (``difftheory.theory.target_conversions.kappa``)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from difftheory.theory.target_conversions import ERD_TARGETS, erd_target_coefficients, kappa
from difftheory.validate import check_choice, check_float

WEIGHTS = ("uniform", "erd", "min-snr", "p2", "edm")


# ----------------------------------------------------------------------------- symbolic
alpha_s, sigma_s = sp.symbols("alpha sigma", positive=True)
gamma_s, k_s, p_s, sigma_data_s = sp.symbols("gamma k p sigma_data", positive=True)
SNR_s = alpha_s**2 / sigma_s**2


def expect_independent(expr, moments: dict) -> sp.Expr:
    """E[expr] for a polynomial in independent scalar random variables with given moments
    (``moments[X][n] = E[X^n]``)."""
    poly = sp.Poly(sp.expand(expr), *moments)
    total = 0
    for powers, coeff in poly.terms():
        term = coeff
        for var, n in zip(moments, powers):
            term *= moments[var].get(n, 0) if n else 1
        total += term
    return sp.simplify(total)


def erd_weight_symbolic(target: str, var_x0=1) -> sp.Expr:
    """w_y from its definition  # erd Eqs. (109), (114): w_y² = (1/d) E‖c_x α x0 + c_ε σ ε‖².

    Per coordinate x_i, ε_i are independent with mean 0, E[ε_i²] = 1 and E[x_i²] = ``var_x0`` (erd assumes
    Cov x0 = I, i.e. var_x0 = 1); the d coordinates contribute identically, so the 1/d average is the
    one-coordinate expectation. Returns the positive square root."""
    x, e = sp.symbols("x_i epsilon_i", real=True)
    cx, ce = erd_target_coefficients(target, alpha_s, sigma_s)
    tilde_y = cx * alpha_s * x + ce * sigma_s * e  # channel-scaled effective target, erd Eq. (114)
    w2 = expect_independent(tilde_y**2, {x: {1: 0, 2: var_x0}, e: {1: 0, 2: 1}})
    return sp.sqrt(sp.factor(w2))


# printed erd Eq. (111), "up to a common normalization factor": the statement the derivation is compared with
ERD_PRINTED = {"x0": alpha_s, "eps": sigma_s, "u": sp.sqrt(alpha_s**2 + sigma_s**2), "v": alpha_s * sigma_s}


def error_gain_symbolic(target: str) -> sp.Expr:
    """g_y = ∂ŷ/∂x̂0 at fixed z: solve z = α x + σ n for n, substitute in y = c_x x + c_ε n, differentiate."""
    x, n, z = sp.symbols("x n z", real=True)
    cx, ce = erd_target_coefficients(target, alpha_s, sigma_s)
    n_of_xz = sp.solve(sp.Eq(z, alpha_s * x + sigma_s * n), n)[0]
    y_of_xz = cx * x + ce * n_of_xz
    return sp.simplify(sp.diff(y_of_xz, x))


# each baseline as defined in its own paper, in its own space
BASELINE_DEFINITIONS = {
    # Hang et al. 2023 (Min-SNR-γ): x0-space weight min(SNR, γ)
    "min-snr": ("x0", sp.Min(SNR_s, gamma_s)),
    # Choi et al. 2022 (P2): ε-space weight 1 / (k + SNR)^p  (their γ; k = 1 by default)
    "p2": ("eps", 1 / (k_s + SNR_s) ** p_s),
    # Karras et al. 2022 (EDM): denoiser-space weight λ(σ_e) = (σ_e² + σ_d²)/(σ_e σ_d)², σ_e = σ/α (VE view of z/α)
    "edm": ("x0", ((sigma_s / alpha_s) ** 2 + sigma_data_s**2) / ((sigma_s / alpha_s) * sigma_data_s) ** 2),
    # uniform: weight 1 in the target's own space
}


def weight_symbolic(name: str, target: str) -> sp.Expr:
    """The weight ``name`` expressed in target space ``target`` (w_y = w_S (g_S/g_y)²)."""
    check_choice("weight", name, WEIGHTS)
    check_choice("target", target, ERD_TARGETS)
    if name == "uniform":
        return sp.Integer(1)
    if name == "erd":
        return erd_weight_symbolic(target)
    space, w_space = BASELINE_DEFINITIONS[name]
    return sp.simplify(w_space * (error_gain_symbolic(space) / error_gain_symbolic(target)) ** 2)


# ----------------------------------------------------------------------------- numeric twins
def _check_schedule(alpha, sigma):
    a = np.asarray(alpha, float)
    s = np.asarray(sigma, float)
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(s)) and np.all(a >= 0) and np.all(s >= 0)):
        raise ValueError(f"alpha and sigma must be finite and >= 0, got alpha={alpha!r}, sigma={sigma!r}")
    if np.any(a + s == 0):
        raise ValueError("alpha and sigma must not both be 0")
    return a, s


def erd_weight(target: str, alpha, sigma, sigma_data: float = 1.0):
    """w_y = sqrt((c_x α σ_d)² + (c_ε σ)²)  # erd Eq. (110) (σ_d = 1: erd's Cov x0 = I)"""
    a, s = _check_schedule(alpha, sigma)
    sd = check_float("sigma_data", sigma_data, 0.0, None, lo_open=True)
    cx, ce = erd_target_coefficients(target, a, s)
    return np.sqrt((cx * a * sd) ** 2 + (ce * s) ** 2)


def space_ratio(space: str, target: str, alpha, sigma):
    """(g_S / g_y)²: a weight defined on ‖Ŝ − S‖² acts as this factor times it on ‖ŷ − y‖² (kdiff Eq. 22's κ²)."""
    a, s = _check_schedule(alpha, sigma)
    cs = erd_target_coefficients(space, a, s)
    cy = erd_target_coefficients(target, a, s)
    with np.errstate(divide="ignore", invalid="ignore"):
        return kappa(a, s, cy[0], cy[1], cs[0], cs[1]) ** 2


def weight(name: str, target: str, alpha, sigma, *, gamma: float = 5.0, k: float = 1.0, p: float = 1.0,
           sigma_data: float = 0.5):
    """Loss weight ``name`` in target space ``target`` at (α, σ) — numeric twin of ``weight_symbolic``.

    min-snr: min(SNR, γ) on x0 (Hang et al. 2023); p2: 1/(k + SNR)^p on ε (Choi et al. 2022);
    edm: (σ_e² + σ_d²)/(σ_e σ_d)² on x0 with σ_e = σ/α (Karras et al. 2022); erd: erd Eq. (110);
    uniform: 1. Endpoints (σ = 0 or α = 0) give inf or 0 where the weight does."""
    check_choice("weight", name, WEIGHTS)
    check_choice("target", target, ERD_TARGETS)
    a, s = _check_schedule(alpha, sigma)
    if name == "uniform":
        return np.ones(np.broadcast(a, s).shape)
    if name == "erd":
        return erd_weight(target, a, s)
    with np.errstate(divide="ignore", invalid="ignore"):
        snr = a**2 / s**2
        if name == "min-snr":
            check_float("gamma", gamma, 0.0, None, lo_open=True)
            space, w = "x0", np.minimum(snr, gamma)
        elif name == "p2":
            check_float("k", k, 0.0, None)
            check_float("p", p, 0.0, None)
            space, w = "eps", 1.0 / (k + snr) ** p
        else:
            sd = check_float("sigma_data", sigma_data, 0.0, None, lo_open=True)
            se2 = s**2 / a**2
            space, w = "x0", (se2 + sd**2) / (se2 * sd**2)
        return w * space_ratio(space, target, a, s)


def normalized_weight(name: str, target: str, schedule_alpha_sigma, t_grid=None, **params):
    """The weight as a function of t, scaled so that its mean over t ~ U(0, 1) is 1 (erd §3.4: "normalizes
    it to preserve the average loss scale"); t's endpoints are excluded by a midpoint grid.

    ``schedule_alpha_sigma(t) -> (α, σ)``, e.g. ``schedules.erd_schedule("vp").alpha_sigma``. Returns
    ``fn(t) -> weight``."""
    t_grid = (np.arange(4096) + 0.5) / 4096 if t_grid is None else np.asarray(t_grid, float)
    a, s = schedule_alpha_sigma(t_grid)
    mean = float(np.mean(weight(name, target, a, s, **params)))
    if not np.isfinite(mean) or mean <= 0:
        raise ValueError(f"weight {name!r} for target {target!r} has no finite positive mean over t (got {mean})")

    def fn(t):
        at, st = schedule_alpha_sigma(t)
        return weight(name, target, at, st, **params) / mean

    return fn
