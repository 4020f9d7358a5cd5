"""kdiff beyond the paper: what Thm 3.1 / 3.2 become when an assumption of §3.1 is relaxed (the assumption audit).

(a) Data scale and covariance. §3.1 Eq. (6) whitens the intrinsic data, E[x̃x̃ᵀ] = I. With x = P Λ^{1/2} ξ,
    E[ξξᵀ] = I, Λ = diag(λ_1..λ_d) (latents with σ_data ≠ 1, VAE latents, any spectrum), each parallel direction is
    a scalar problem with E[x_i²] = λ_i.
(b) What the linear denoiser may depend on. Eq. (2) has one W for all t; a network sees t. With W(t) the loss is
    minimised at each t separately.

Both are derived with SymPy from the definitions (the moment rules of ``kdiff_linear_dynamics``: substitute
x̃ = √λ ξ with ξ whitened) and checked against an independent numeric twin: the population least squares in
matrix form on an explicit orthonormal P (``population_delta``), minimised over k numerically (``population_k_star``).
Convention (kdiff §3): z = αx + σn, u = φx + ψn; α = t, σ = 1 − t; k-target φ = k, ψ = −(1 − k)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

from difftheory.theory import kdiff_linear_dynamics
from difftheory.theory.schedules import KDIFF_LINEAR
from difftheory.theory.target_conversions import k_coefficients, velocity_denominator

lam = sp.Symbol("lambda", positive=True)         # E[x_i²] of one parallel direction (1 when whitened)
lam_total = sp.Symbol("Lambda", positive=True)   # Σ_i λ_i = E‖x‖² (= d when whitened)
t, k = sp.symbols("t k", real=True)
D, d = sp.symbols("D d", positive=True)
_a = sp.Symbol("a", real=True)
_xi, _n = sp.symbols("xi n", real=True)
_mu = (sp.Symbol("mu", real=True),)


def _parallel_point_loss():
    """E[(a z − u)²] of one parallel coordinate at one time with E[x²] = λ: x = √λ ξ, ξ whitened  # kdiff Eqs. (6), (29)"""
    x = sp.sqrt(lam) * _xi
    z, u = kdiff_linear_dynamics.alpha * x + kdiff_linear_dynamics.sigma * _n, kdiff_linear_dynamics.phi * x + kdiff_linear_dynamics.psi * _n
    return kdiff_linear_dynamics.expect((_a * z - u) ** 2, [_xi], [_n], _mu)


def _kfm(expr):
    """The k-target on the flow-matching schedule: α = t, σ = 1 − t, φ = k, ψ = −(1 − k)  # kdiff Eq. (13), §3.3"""
    alpha, sigma = KDIFF_LINEAR.alpha_sigma(t)
    phi, psi = k_coefficients(k)
    return expr.subs({kdiff_linear_dynamics.alpha: alpha, kdiff_linear_dynamics.sigma: sigma, kdiff_linear_dynamics.phi: phi, kdiff_linear_dynamics.psi: psi})


def _uniform(expr):
    """∫₀¹ expr dt for a polynomial in t, term by term (E t^j = 1/(j + 1)): exact, no sympy.integrate."""
    poly = sp.Poly(sp.expand(expr), t)
    return sp.expand(sum(c * sp.Rational(1, m[0] + 1) for m, c in poly.terms()))


@lru_cache(maxsize=1)
def derive_data_scale() -> dict:
    """(a) One W for all t, u-loss, uniform t, E[x_i²] = λ_i: the parallel loss per direction ℓ_∥(k; λ) from the
    integrated loss (4), its k-slope affine in λ (so Σ_i depends on Λ = Σλ_i only), and k* = D/(D + Λ)."""
    L = _parallel_point_loss()                                      # per time, before ∫D̃α
    l_int = kdiff_linear_dynamics.integrate_measure(L)                                # moment symbols I[·]
    a_opt = sp.solve(sp.diff(l_int, _a), _a)[0]
    l_par = sp.simplify(l_int.subs(_a, a_opt))                      # min over the shared coefficient
    I = kdiff_linear_dynamics.MOMENT
    # the k-target under the uniform sampler, κ = 1: each moment symbol → ∫₀¹ of its monomial
    mono = {I[key]: _uniform(_kfm(m)) for key, m in kdiff_linear_dynamics.MONOMIALS.items()}
    mono[sp.Symbol("I_1", positive=True)] = 1
    l_par_k = sp.simplify(l_par.subs(mono))
    mp_ = kdiff_linear_dynamics.mode_problems()
    l_perp_k = sp.simplify(_uniform(_kfm(kdiff_linear_dynamics.psi**2)) - _uniform(_kfm(kdiff_linear_dynamics.psi * kdiff_linear_dynamics.sigma)) ** 2
                           / _uniform(_kfm(kdiff_linear_dynamics.sigma**2)))
    slope = sp.diff(l_par_k, k)
    g0, g1 = slope.subs(lam, 0), sp.diff(slope, lam)
    affine = sp.simplify(slope - (g0 + lam * g1)) == 0              # ∂ℓ_∥/∂k = g0(k) + λ g1(k)
    total_slope = d * g0 + lam_total * g1 + (D - d) * sp.diff(l_perp_k, k)   # Σ_i ∂ℓ_∥(λ_i)/∂k + (D − d)∂ℓ_⊥/∂k
    (k_star,) = sp.solve(total_slope, k)
    k_star = sp.factor(k_star)
    curvature = sp.factor(sp.diff(total_slope, k))
    return {
        "l_par": l_par_k, "l_perp": l_perp_k, "k_star": k_star, "curvature": curvature,
        "facts": {
            "slope_affine_in_lambda": affine,
            "k_star_is_D_over_D_plus_Lambda": sp.simplify(k_star - D / (D + lam_total)) == 0,
            "curvature_positive": bool(sp.simplify(curvature - (D + lam_total) / 2) == 0),
            "whitened_gives_thm3_2": sp.simplify(k_star.subs(lam_total, d) - D / (D + d)) == 0,
            "perp_matches_mode_problems": sp.simplify(
                l_perp_k - mp_["delta_star"].diff(mp_["D"]).subs({I["qq"]: mono[I["qq"]], I["ps"]: mono[I["ps"]],
                                                                    I["ss"]: mono[I["ss"]]}) * 2) == 0,
        },
    }


@lru_cache(maxsize=1)
def derive_time_conditioned() -> dict:
    """(b) W(t): the loss (4) is minimised at every t separately. Per parallel direction
    ℓ_∥(t) = λ(φσ − ψα)²/(λα² + σ²) (Lagrange's identity), per perpendicular direction ℓ_⊥(t) = 0 (W_⊥ = ψ/σ).
    With the k-target φσ − ψα = k(1 − t) + (1 − k)t (the velocity denominator), so under the u-loss Δ*(k) is a
    quadratic in k with no D in it; under the unclamped v-loss (κ = 1/den) Δ* does not depend on k at all."""
    L = _parallel_point_loss()
    a_t = sp.solve(sp.diff(L, _a), _a)[0]
    l_par_t = sp.factor(sp.simplify(L.subs(_a, a_t)))
    b = sp.Symbol("b", real=True)
    L_perp = sp.expand((b * kdiff_linear_dynamics.sigma - kdiff_linear_dynamics.psi) ** 2)             # E[(b σ n − ψ n)²], E n² = 1
    b_t = sp.solve(sp.diff(L_perp, b), b)[0]
    l_perp_t = sp.simplify(L_perp.subs(b, b_t))
    lagrange = lam * (kdiff_linear_dynamics.phi * kdiff_linear_dynamics.sigma - kdiff_linear_dynamics.psi * kdiff_linear_dynamics.alpha) ** 2 / (lam * kdiff_linear_dynamics.alpha**2 + kdiff_linear_dynamics.sigma**2)
    den = velocity_denominator(t, k)  # k(1 − t) + (1 − k) t, kdiff Alg. 1
    q = lam * t**2 + (1 - t) ** 2
    l_k = sp.simplify(_kfm(l_par_t))
    # u-loss: Δ*(k) = ½ Σ_i E_p[ℓ_∥(t; λ_i)]; its k-slope is E_p[λ(1 − 2t)(t + k(1 − 2t))/q] per direction
    slope_integrand = sp.simplify(sp.diff(l_k, k) / 2)
    A_int, B_int = sp.simplify(slope_integrand.subs(k, 0)), sp.simplify(sp.diff(slope_integrand, k))
    odd_at_half = sp.simplify(slope_integrand.subs({k: sp.Rational(1, 2), lam: 1})
                              + slope_integrand.subs({k: sp.Rational(1, 2), lam: 1}).subs(t, 1 - t)) == 0
    v_weighted = sp.simplify(l_k / den**2)                        # κ_v² ℓ_∥ with κ_v = 1/den (App. A Eq. 26)
    return {
        "l_par_t": l_par_t, "l_perp_t": l_perp_t, "l_par_k": l_k, "A_integrand": A_int, "B_integrand": B_int,
        "v_loss_integrand": v_weighted,
        "facts": {
            "parallel_is_lagrange_form": sp.simplify(l_par_t - lagrange) == 0,
            "perpendicular_vanishes": l_perp_t == 0,
            "k_target_numerator_is_velocity_denominator": sp.simplify(l_k - lam * den**2 / q) == 0,
            "u_loss_slope_odd_about_half_when_whitened": odd_at_half,
            "v_loss_free_of_k": sp.simplify(sp.diff(v_weighted, k)) == 0,
        },
    }


def time_conditioned_k_star(sampler, lams) -> float:
    """k* of (b) under the u-loss: −Σ_i E_p[A(t; λ_i)] / Σ_i E_p[B(t; λ_i)], clipped to [0, 1] (Δ* is a convex
    quadratic in k). Independent of D."""
    g = derive_time_conditioned()
    fa = sp.lambdify((t, lam), g["A_integrand"], "numpy")
    fb = sp.lambdify((t, lam), g["B_integrand"], "numpy")
    lams = np.asarray(lams, float)
    A = sum(float(sampler.expect(lambda s, l=l_: fa(s, l))) for l_ in lams)
    B = sum(float(sampler.expect(lambda s, l=l_: fb(s, l))) for l_ in lams)
    return float(min(1.0, max(0.0, -A / B)))


# ----------------------------------------------------------------------------- the numeric twin (matrix form)
def orthonormal_P(D: int, d: int, seed: int) -> np.ndarray:
    """A D×d matrix with orthonormal columns (QR of a Gaussian matrix)."""
    Q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((D, d)))
    return Q[:, :d]


def population_delta(ks, P, lams, nodes, weights, loss="u", clamp=None, shared=True) -> np.ndarray:
    """Δ*(k) = min_W ½ Σ_j w_j κ_j² E‖W z − u‖² in matrix form, for each k in ``ks``, on quadrature nodes of the
    sampler: E[zzᵀ] = α²PΛPᵀ + σ²I, E[uzᵀ] = φαPΛPᵀ + ψσI, E[uuᵀ] = φ²PΛPᵀ + ψ²I. ``shared``: one W (Eq. 2,
    W* = (Σw κ² E[uzᵀ])(Σw κ² E[zzᵀ])⁻¹); else one W per node (a time-conditioned W(t))."""
    from difftheory.theory.target_conversions import kappa_k

    S = P @ np.diag(np.asarray(lams, float)) @ P.T
    Dm = P.shape[0]
    eye = np.eye(Dm)
    out = []
    for kk in np.atleast_1d(ks):
        phi, psi = kk, -(1 - kk)
        a, s = nodes, 1 - nodes
        w = weights * np.broadcast_to(kappa_k(nodes, kk, loss, clamp) ** 2, nodes.shape)
        zz = a[:, None, None] ** 2 * S + s[:, None, None] ** 2 * eye
        uz = (phi * a)[:, None, None] * S + (psi * s)[:, None, None] * eye
        uu = float(phi**2 * np.trace(S) + psi**2 * Dm)
        if shared:
            A, B = np.einsum("j,jab->ab", w, uz), np.einsum("j,jab->ab", w, zz)
            val = 0.5 * (w.sum() * uu - np.trace(A @ np.linalg.solve(B, A.T)))
        else:
            fit = np.einsum("jab,jbc->jac", uz, np.linalg.solve(zz, np.swapaxes(uz, 1, 2)))
            val = 0.5 * float(np.sum(w * (uu - np.trace(fit, axis1=1, axis2=2))))
        out.append(val)
    return np.array(out)


def population_k_star(P, lams, sampler, loss="u", clamp=None, shared=True, n_nodes=400, grid=101) -> dict:
    """argmin over k ∈ [0, 1] of ``population_delta`` (grid, then bounded Brent around the grid minimum); also the
    spread max − min of Δ* over the grid (a flat Δ* has spread ~ 0)."""
    from scipy import optimize

    nodes, weights = sampler.quadrature(n_nodes)
    ks = np.linspace(0, 1, grid)
    vals = population_delta(ks, P, lams, nodes, weights, loss, clamp, shared)
    i = int(np.argmin(vals))
    res = optimize.minimize_scalar(lambda x: float(population_delta([x], P, lams, nodes, weights, loss, clamp, shared)[0]),
                                   bounds=(ks[max(i - 1, 0)], ks[min(i + 1, grid - 1)]), method="bounded",
                                   options={"xatol": 1e-10})
    k_opt = float(res.x) if res.fun <= vals[i] else float(ks[i])
    return {"k_star": k_opt, "delta_spread_rel": float((vals.max() - vals.min()) / max(abs(vals.max()), 1e-300))}
