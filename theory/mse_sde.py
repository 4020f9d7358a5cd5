"""From the generator (10) to an SDE and back (mse App. A, Eqs. (31)–(37)), and the Euler–Maruyama scheme of
that SDE beside the universal diffusion solver (mse §3, UDS remark 3): SymPy derivations and NumPy twins.

Time convention: t ∈ (0, 1), 0 = noise, 1 = data (α increasing); a step goes from s = t − Δt to t. Notation
as the paper: ρ̊ = α/σ, λ̊ = log ρ̊; ρ the diffusion schedule, λ = log ρ, the rate λ' = (log ρ)'; r = ρρ̊.

The numeric twins use the setting in which every law is Gaussian and known exactly: 1-D data X ~ N(0, v) and
the exact denoiser X̂_t(y) = k_t y, k_t = v/(v + ρ̊_t⁻²). Started from the exact marginal N(0, v + ρ̊_{t0}⁻²),
the continuous process keeps the marginal N(0, v + ρ̊_t⁻²) for every rate λ' (it solves
V' = 2(λ' + λ̊')(k − 1)V + 2λ'ρ̊⁻²), so a scheme's error is the distance of its final law to that one, with
no sampling. The rates are the family λ' = κλ̊' (κ = 0 the flow, κ = 1 the ML-diffusion), whose exact step is
η² = 1 − exp(−2κΔλ̊), so the UDS and Euler–Maruyama discretise the same process."""

from __future__ import annotations

import numpy as np
import sympy as sp

from difftheory.theory.mse_schedules_symbolic import check_time
from difftheory.theory.schedules import mse_schedule
from difftheory.validate import check_choice, check_float

SCHEMES = ("uds", "em", "em_plus")  # EulerUDS (14); Euler–Maruyama of (35); the same with (36)'s printed + sign

# ---------------------------------------------------------------- symbolic derivations


def _step_symbols():
    rs, rt, hs, ht, dt = sp.symbols("rho_s rho_t rhoring_s rhoring_t Delta_t", positive=True)
    Ys, Xh, xi = sp.symbols("Yhat_s Xhat_s xi")
    return rs, rt, hs, ht, dt, Ys, Xh, xi


def derive_difference_form():
    """Eq. (10) written as a difference Ŷ_t − Ŷ_s (mse Eq. 31). Returns SymPy expressions in (ρ_s, ρ_t, ρ̊_s, ρ̊_t,
    Δt, Ŷ_s, X̂_s, ξ): ``derived`` (from (10)), ``printed`` (31) as printed, ``corrected`` (31) with the drift
    fractions divided by r_t (the form (32) then expands), ``lhs_scaled`` the printed right side read as
    r_t(Ŷ_t − Ŷ_s), and the residual ``corrected − derived`` (0)."""
    rs, rt, hs, ht, dt, Ys, Xh, xi = _step_symbols()
    r_s, r_t = rs * hs, rt * ht
    Yt = (r_s * Ys + (r_t - r_s) * Xh + sp.sqrt(rt**2 - rs**2) * xi) / r_t  # Eq. (10)
    derived = Yt - Ys
    noise = sp.sqrt((rt**2 - rs**2) / (dt * rt**2)) * sp.sqrt(dt) * xi / ht
    printed = ((r_s - r_t) / dt * Ys + (r_t - r_s) / dt * Xh) * dt + noise  # as printed in (31)
    corrected = ((r_s - r_t) / (dt * r_t) * Ys + (r_t - r_s) / (dt * r_t) * Xh) * dt + noise
    return {"derived": derived, "printed": printed, "corrected": corrected, "lhs_scaled": printed / r_t,
            "residual_corrected": sp.simplify(corrected - derived),
            "symbols": (rs, rt, hs, ht, dt, Ys, Xh, xi)}


def derive_taylor_deltas():
    """δ1, δ2 of mse Eq. (32) as series in the step h = Δt, for a generic smooth log r = R(t) and log ρ = P(t):
    R(t − h) = R − hR' + h²R''/2 − h³R'''/6 (likewise P), R', P' ≠ 0. Returns the h⁰ and h¹ coefficients of
    δ1 = (r_t − r_s)/(Δt r_t (log r)') − 1 and δ2 = (ρ_t − ρ_s)(ρ_t + ρ_s)/(Δt ρ_t² · 2(log ρ)') − 1."""
    h = sp.Symbol("h", positive=True)
    R1, R2, R3, P1, P2, P3 = sp.symbols("R1 R2 R3 P1 P2 P3")
    dR = h * R1 - h**2 * R2 / 2 + h**3 * R3 / 6  # R(t) − R(t − h)
    dP = h * P1 - h**2 * P2 / 2 + h**3 * P3 / 6
    delta1 = (1 - sp.exp(-dR)) / (h * R1) - 1  # (r_t − r_s)/(h r_t) = 1 − e^{R(s) − R(t)}
    delta2 = (1 - sp.exp(-2 * dP)) / (h * 2 * P1) - 1  # (ρ_t² − ρ_s²)/(h ρ_t²) = 1 − e^{2(P(s) − P(t))}
    out = {}
    for name, d in (("delta1", delta1), ("delta2", delta2)):
        ser = sp.series(d, h, 0, 2).removeO()
        out[name] = {"h0": sp.simplify(ser.coeff(h, 0)), "h1": sp.factor(sp.simplify(ser.coeff(h, 1)))}
    return out


def derive_sde_rates():
    """mse Eq. (35) from (34): (log r)' − (λ' + λ̊') and (log ρ)' − λ' with r = ρρ̊, ρ = e^λ, ρ̊ = e^λ̊ (both 0)."""
    t = sp.Symbol("t", positive=True)
    lam, lamr = sp.Function("lambda")(t), sp.Function("lambdaring")(t)
    rho, rhor = sp.exp(lam), sp.exp(lamr)
    return (sp.simplify(sp.diff(sp.log(rho * rhor), t) - (sp.diff(lam, t) + sp.diff(lamr, t))),
            sp.simplify(sp.diff(sp.log(rho), t) - sp.diff(lam, t)))


def derive_eps_form():
    """mse Eq. (36): the drift (λ' + λ̊')(X̂ − Ŷ) of (35) with X̂ = Ŷ − ρ̊⁻¹ε̂ (Eq. 3). Returns (derived drift,
    printed − derived for the printed + sign, minus-sign reading − derived)."""
    lp, lrp, rho, Y, eh = sp.symbols("lambda_p lambdaring_p rhoring Yhat epsilonhat")
    Xh = Y - eh / rho  # Eq. (3)
    drift = sp.expand((lp + lrp) * (Xh - Y))
    printed = (lp + lrp) * eh / rho
    minus = -(lp + lrp) * eh / rho
    return drift, sp.simplify(printed - drift), sp.simplify(minus - drift)


def derive_variation_of_constants():
    """mse Eq. (37) by Itô's product rule: Ỹ_t = (r_t/r_s)Ŷ_t with dŶ of (34); r_t/r_s is deterministic, so
    dỸ = (r'_t/r_s)Ŷ dt + (r_t/r_s)dŶ (no second-order term). Returns the residuals (all 0 when (37) holds):
    drift of r_s dỸ − r'_t X̂, its dW-coefficient − ρ_t √(2(log ρ_t)'), and d/dt(ρ_t²) − [ρ_t√(2(log ρ)')]², i.e.
    ∫_s^t of the squared noise coefficient is ρ_t² − ρ_s² (the noise term of Eq. 12)."""
    t, r_s = sp.Symbol("t", positive=True), sp.Symbol("r_s", positive=True)
    lam, lamr = sp.Function("lambda")(t), sp.Function("lambdaring")(t)
    rho, rhor = sp.exp(lam), sp.exp(lamr)
    r = rho * rhor
    Y, Xh = sp.symbols("Yhat Xhat")
    drift_Y = sp.diff(sp.log(r), t) * (Xh - Y)  # Eq. (34)
    diff_Y = sp.sqrt(2 * sp.diff(sp.log(rho), t)) / rhor
    drift_tilde = sp.diff(r, t) / r_s * Y + r / r_s * drift_Y  # Itô product rule, deterministic factor
    diff_tilde = r / r_s * diff_Y
    coef = rho * sp.sqrt(2 * sp.diff(sp.log(rho), t))  # printed (37)
    return (sp.simplify(sp.expand(r_s * drift_tilde - sp.diff(r, t) * Xh)),
            sp.simplify(r_s * diff_tilde - coef),
            sp.simplify(sp.diff(rho**2, t) - coef**2))


# ---------------------------------------------------------------- numeric twins


def _grid(grid) -> np.ndarray:
    """``grid`` as an increasing float array of ≥ 2 times in (0, 1); ValueError naming what is wrong."""
    g = check_time(grid, "grid")
    if g.ndim != 1 or g.size < 2 or np.any(~(np.diff(g) > 0)):
        raise ValueError(f"grid must be a strictly increasing 1-D array of at least 2 times in (0, 1), got shape "
                         f"{g.shape} with {int(np.sum(~(np.diff(g) > 0))) if g.ndim == 1 else 'n/a'} non-increasing steps")
    return g


def deltas(schedule, kappa: float, grid) -> tuple[np.ndarray, np.ndarray]:
    """δ1, δ2 of mse Eq. (32) at the step ends of ``grid`` for ρ = ρ̊^κ (log r = (1 + κ)λ̊, log ρ = κλ̊), from the
    exact differences (expm1, no cancellation)."""
    sch = mse_schedule(schedule)
    kappa = check_float("kappa", kappa, 0.0, None, lo_open=True)
    g = _grid(grid)
    dl, dt, d = np.diff(sch.lam(g)), np.diff(g), sch.dlam(g[1:])
    d1 = -np.expm1(-(1 + kappa) * dl) / (dt * (1 + kappa) * d) - 1
    d2 = -np.expm1(-2 * kappa * dl) / (dt * 2 * kappa * d) - 1
    return d1, d2


def em_step(y_s, x_hat_s, dlam_diff_s, dlam_s, rhoring_s, dt, xi):
    """Euler–Maruyama of the Itô SDE (35): Ŷ_t = Ŷ_s + (λ'_s + λ̊'_s)(X̂_s − Ŷ_s)Δt + ρ̊_s⁻¹√(2λ'_sΔt) ξ  # mse Eq. (35)"""
    return y_s + (dlam_diff_s + dlam_s) * (x_hat_s - y_s) * dt + np.sqrt(2 * dlam_diff_s * dt) / rhoring_s * xi


def gaussian_law(schedule, kappa: float, grid, v: float = 1.0, scheme: str = "uds") -> dict:
    """Exact law of Ŷ_{t_N} for X ~ N(0, v), the exact denoiser and the rate λ' = κλ̊', started from the exact
    marginal N(0, v + ρ̊_{t0}⁻²), under ``scheme``: "uds" EulerUDS (14) with the exact step η² = 1 − e^{−2κΔλ̊};
    "em" Euler–Maruyama of (35) (``em_step``); "em_plus" the same with the ε-form drift of (36) taken with its
    printed + sign. The law stays N(0, V) (linear recursions V ← A V + B per step).

    Returns ``var`` (V_N), ``target`` (v + ρ̊_{t_N}⁻², the continuous process's marginal), ``w2`` = |√V − √target|
    (the 2-Wasserstein distance of the two centred normals; inf when V overflowed), and ``max_gain``, the largest
    one-step factor √A of the state (EM is unstable on a step where it exceeds 1)."""
    sch = mse_schedule(schedule)
    kappa = check_float("kappa", kappa, 0.0, None)
    v = check_float("v", v, 0.0, None, lo_open=True)
    check_choice("scheme", scheme, SCHEMES)
    g = _grid(grid)
    h, d = sch.rho(g), sch.dlam(g)
    k = v / (v + h**-2)
    dt = np.diff(g)
    if scheme == "uds":
        eta = np.sqrt(-np.expm1(-2 * kappa * np.diff(sch.lam(g))))
        q = np.sqrt(1 - eta**2) * h[:-1] / h[1:]
        A, B = (q + (1 - q) * k[:-1]) ** 2, (eta / h[1:]) ** 2  # Eq. (14): Ŷ_t = (q + (1 − q)k_s)Ŷ_s + βξ
    else:
        sign = -1.0 if scheme == "em" else 1.0  # drift ±ρ̊⁻¹(λ' + λ̊')ε̂ with ε̂ = ρ̊(1 − k)Ŷ; − is (35)
        a = (kappa + 1) * d[:-1]
        A, B = (1 + sign * a * (1 - k[:-1]) * dt) ** 2, 2 * kappa * d[:-1] * dt / h[:-1] ** 2
    V = v + h[0] ** -2
    with np.errstate(over="ignore", invalid="ignore"):
        for Ai, Bi in zip(A, B):
            V = Ai * V + Bi
    target = v + h[-1] ** -2
    w2 = float(abs(np.sqrt(V) - np.sqrt(target))) if np.isfinite(V) else float("inf")
    return {"var": float(V), "target": float(target), "w2": w2, "max_gain": float(np.sqrt(np.max(A)))}


def local_error_33(schedule, kappa: float, grid, v: float = 1.0) -> float:
    """Largest RMS, over the steps of ``grid``, of (33)'s remainder: one step of the generator (10) from the exact
    marginal at s minus [(log r_t)'(X̂_t − Ŷ_t)Δt + ρ̊_t⁻¹√(2(log ρ_t)')√Δt ξ] with the same ξ (ρ = ρ̊^κ, exact
    Gaussian denoiser). (33) states it is O_P(Δt)."""
    sch = mse_schedule(schedule)
    kappa = check_float("kappa", kappa, 0.0, None, lo_open=True)
    v = check_float("v", v, 0.0, None, lo_open=True)
    g = _grid(grid)
    h, d = sch.rho(g), sch.dlam(g)
    k = v / (v + h**-2)
    dt = np.diff(g)
    eta = np.sqrt(-np.expm1(-2 * kappa * np.diff(sch.lam(g))))
    q = np.sqrt(1 - eta**2) * h[:-1] / h[1:]
    a_u, beta = q + (1 - q) * k[:-1], eta / h[1:]  # generator: Ŷ_t = a_u Ŷ_s + β ξ
    c = (1 + kappa) * d[1:] * (k[1:] - 1) * dt  # (log r_t)'(k_t − 1)Δt multiplies Ŷ_t
    noise = np.sqrt(2 * kappa * d[1:] * dt) / h[1:]
    coef_y = a_u - 1 - c * a_u  # remainder = coef_y Ŷ_s + coef_xi ξ
    coef_xi = beta * (1 - c) - noise
    return float(np.sqrt(np.max(coef_y**2 * (v + h[:-1] ** -2) + coef_xi**2)))
