"""kdiff App. D, §3.3 and beyond, derived with SymPy: Δ*(k) for the k-target on the flow-matching schedule
(Eq. 51), its uniform/κ = 1 evaluation (Eqs. 53–54), k* = D/(D + d) (Thm 3.2, Eq. 55), the special targets
and regimes of §3.3; beyond the paper: k* under the u-loss for any time density, and the exact end-point
values of Δ*(k) when κ² is not integrable (uniform sampler, unclamped v-loss). Starts from the derived
Δ* of ``kdiff_linear_dynamics.mode_problems`` (never from the printed Eq. 12). Numeric twins:
``kdiff_optimum.delta_star``, ``k_star``, ``k_star_u_loss``, ``mode_losses_at_singular_end``."""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from difftheory.theory.kdiff_linear_dynamics import MOMENT, delta_star_expr

t, k = sp.symbols("t k", real=True)
D, d = sp.symbols("D d", positive=True)
# the five moments of the twin (kdiff_optimum.MOMENT_NAMES): E[κ²], E[κ²t], E[κ²(1−t)], E[κ²t²], E[κ²(1−t)²]
m0, m_a, m_s, m_aa, m_ss = sp.symbols("m0 m_a m_s m_aa m_ss", positive=True)


def delta_k(D_=D, d_=d):
    """Δ*(k) of the k-target φ = k, ψ = −(1 − k) on α = t, σ = 1 − t in the five moments: φ, ψ are constants,
    so ∫D̃α φ² = k² m0, ∫D̃α φα = k m_a, …  # kdiff Eq. (51a)"""
    phi, psi = k, -(1 - k)
    sub = {MOMENT["pp"]: phi**2 * m0, MOMENT["qq"]: psi**2 * m0, MOMENT["pa"]: phi * m_a, MOMENT["ps"]: psi * m_s,
           MOMENT["aa"]: m_aa, MOMENT["ss"]: m_ss}
    e = delta_star_expr().subs(sub)
    return e.subs({sp.Symbol("D", positive=True): D_, sp.Symbol("d", positive=True): d_})


PRINTED_51A = (sp.Rational(1, 2) * d * ((k**2 + (1 - k) ** 2) * m0 - (k * m_a - (1 - k) * m_s) ** 2 / (m_aa + m_ss))
               + sp.Rational(1, 2) * (D - d) * ((1 - k) ** 2 * m0 - (1 - k) ** 2 * m_s**2 / m_ss))
PRINTED_53 = {m0: 1, m_a: sp.Rational(1, 2), m_s: sp.Rational(1, 2), m_aa: sp.Rational(1, 3), m_ss: sp.Rational(1, 3)}
_h = sp.Rational(1, 2)
PRINTED_54 = {
    "54a": (_h * d * ((k**2 + (1 - k) ** 2) - (_h * k - _h * (1 - k)) ** 2 / sp.Rational(2, 3))
            + _h * (D - d) * ((1 - k) ** 2 - (1 - k) ** 2 * _h**2 / sp.Rational(1, 3))),
    "54b": _h * d * (_h * k**2 - _h * k + sp.Rational(5, 8)) + sp.Rational(1, 8) * (D - d) * (1 - k) ** 2,
    "54c": sp.Rational(1, 4) * d * (k**2 - k + sp.Rational(5, 4)) + sp.Rational(1, 8) * (D - d) * (1 - k) ** 2,
    "54d": sp.Rational(1, 16) * (2 * (D + d) * k**2 - 4 * D * k + (2 * D + 3 * d)),
}
PRINTED_55 = D / (D + d)


def uniform_moments(weight=sp.Integer(1)):
    """The five moments ∫₀¹ weight·f(t) dt for f ∈ {1, t, 1 − t, t², (1 − t)²}  # kdiff Eqs. (52)–(53)"""
    fs = (1, t, 1 - t, t**2, (1 - t) ** 2)
    return {m: sp.integrate(weight * f, (t, 0, 1)) for m, f in zip((m0, m_a, m_s, m_aa, m_ss), fs)}


@lru_cache(maxsize=1)
def derive_appendix_d() -> dict:
    """App. D: (51a), (53), each line of (54), and k* from dΔ/dk = 0 with d²Δ/dk² > 0."""
    delta = delta_k()
    mom = uniform_moments()
    delta_u = sp.expand(sp.simplify(delta.subs(mom)))
    roots = sp.solve(sp.diff(delta_u, k), k)
    (k_star,) = roots
    curvature = sp.simplify(sp.diff(delta_u, k, 2))
    lines = {name: sp.simplify(delta_u - sp.expand(e)) == 0 for name, e in PRINTED_54.items()}
    return {
        "delta_uniform": delta_u,
        "k_star": sp.simplify(k_star),
        "curvature": curvature,
        "delta_at_k_star": sp.simplify(delta_u.subs(k, k_star)),
        "moments": mom,
        "line_residuals": {name: sp.simplify(delta_u - sp.expand(e)) for name, e in PRINTED_54.items()},
        "matches": {
            "eq51a": sp.simplify(delta - PRINTED_51A) == 0,
            **{f"eq53_{str(m)}": sp.simplify(mom[m] - v) == 0 for m, v in PRINTED_53.items()},
            **{f"eq{name}": ok for name, ok in lines.items()},
            "eq55": sp.simplify(k_star - PRINTED_55) == 0,
            "second_derivative_positive": sp.simplify(curvature - (D + d) / 4) == 0,
        },
    }


@lru_cache(maxsize=1)
def derive_special_targets() -> dict:
    """u(k) at k = 0, ½, 1 against ε = n, v = dz/dt, x: the constant scale factors  # kdiff §3.3"""
    x, n = sp.symbols("x n", real=True)
    z = t * x + (1 - t) * n
    v = sp.diff(z, t)                                   # flow-matching velocity
    u = k * x - (1 - k) * n                             # Eq. (13)
    out = {}
    for name, kk, ref in (("eps", 0, n), ("v", sp.Rational(1, 2), v), ("x", 1, x)):
        ratio = sp.simplify(u.subs(k, kk) / ref)
        out[name] = {"k": kk, "scale": ratio, "constant": not ratio.free_symbols}
    return {"velocity": v, "targets": out}


@lru_cache(maxsize=1)
def derive_regimes() -> dict:
    """Range and monotonicity of k* = D/(D + d) over 1 ≤ d ≤ D  # kdiff §3.3 (after Thm 3.2)"""
    ks = derive_appendix_d()["k_star"]
    r = sp.Symbol("r", positive=True)                 # r = D/d ≥ 1
    k_r = sp.simplify(ks.subs(D, r * d))
    return {
        "k_of_ratio": k_r,
        "depends_only_on_ratio": d not in k_r.free_symbols,
        "dk_dratio": sp.simplify(sp.diff(k_r, r)),
        "at_ratio_1": k_r.subs(r, 1),
        "limit_ratio_inf": sp.limit(k_r, r, sp.oo),
        "one_minus_k": sp.simplify(1 - k_r),
        "max_for_D": sp.simplify(ks.subs(d, 1)),        # d = 1: the largest k* for a given D
        "ratio_from_k": sp.solve(sp.Eq(k_r, k), r)[0],  # D/d implied by a value of k
    }


@lru_cache(maxsize=1)
def derive_general_sampler() -> dict:
    """k* under the u-loss (κ = 1) for any time density p: the moments are E_p of polynomials, fixed by
    e1 = E[t], e2 = E[t²] (linearity: E[1 − t] = 1 − e1, E[(1 − t)²] = 1 − 2e1 + e2). Returns the closed form,
    the lead's form for comparison and the exact condition for k* = D/(D + d) for all (D, d)."""
    e1, e2 = sp.symbols("e1 e2", positive=True)
    mom = {m0: 1, m_a: e1, m_s: 1 - e1, m_aa: e2, m_ss: 1 - 2 * e1 + e2}
    delta = sp.simplify(delta_k().subs(mom))
    (ks,) = sp.solve(sp.diff(delta, k), k)
    ks = sp.simplify(ks)
    curvature = sp.simplify(sp.diff(delta, k, 2))
    b, q = 1 - e1, e2 + (1 - 2 * e1 + e2)
    c = (e2 - e1**2) / (1 - 2 * e1 + e2)
    lead = (d * (1 - b / q) + (D - d) * c) / (d * (2 - 1 / q) + (D - d) * c)
    num = sp.numer(sp.together(ks - D / (D + d)))
    coeffs = sp.Poly(sp.expand(num), D, d).coeffs()
    cond = sp.solve(coeffs, [e1], dict=True)
    return {
        "k_star": ks, "curvature": curvature, "e1": e1, "e2": e2,
        "matches_lead_form": sp.simplify(ks - lead) == 0,
        "condition": cond,
        "condition_is_mean_half": cond == [{e1: sp.Rational(1, 2)}],
    }


def k_star_general(e1: float, e2: float, D_: float, d_: float) -> float:
    """Numeric value of the derived closed form for a sampler with E[t] = e1, E[t²] = e2 (unclipped)."""
    g = derive_general_sampler()
    return float(g["k_star"].subs({g["e1"]: e1, g["e2"]: e2, D: D_, d: d_}))


LIMIT_PROBE = sp.Rational(1, 10**30)   # numeric limits: the distance to the end where the closed form is evaluated
LIMIT_DIGITS = 60                      # mpmath working precision for that evaluation
LIMIT_TOL = 1e-20                      # |closed form − constrained value| there: the gap decays like e·|log e| ≈ 7e-29


def _antiderivative_between(f, s, lo, hi):
    """∫_lo^hi f ds for f a Laurent polynomial in s (powers ≥ −2), term by term: exact and ~20× faster than
    sympy.integrate, which also simplifies along the way."""
    num, den = sp.fraction(sp.cancel(sp.together(f * s**2)))
    if s in den.free_symbols:
        raise ValueError(f"not a Laurent polynomial in {s} with powers >= -2: {f}")
    poly = sp.Poly(sp.expand(num), s)                         # f = Σ c_j s^(j−2) / den, den free of s
    out = sp.Integer(0)
    for (j,), c in poly.terms():
        F = sp.log(s) if j == 1 else s ** (j - 1) / (j - 1)
        out += c * (F.subs(s, hi) - F.subs(s, lo))
    return out / den


@lru_cache(maxsize=2)
def derive_uniform_v_loss(exact_limits: bool = True) -> dict:
    """Δ*(k) in closed form for the unclamped v-loss under the uniform sampler (κ² = 1/(k + (1 − 2k)t)², App. A
    + Alg. 1), and its limits at k → 0, 1 against the constrained end-point values (beyond the paper).

    ``exact_limits``: sympy.limit (≈ 3 s); else the closed form evaluated with mpmath at ``LIMIT_PROBE`` from each
    end (``LIMIT_DIGITS`` digits), reported as that value (``limits``) and its distance to the constrained one."""
    kp = sp.Symbol("k", positive=True)
    s = sp.Symbol("s", positive=True)
    tt = (s - kp) / (1 - 2 * kp)                            # s = k(1 − t) + (1 − k)t, the velocity denominator
    fs = (1, tt, 1 - tt, tt**2, (1 - tt) ** 2)
    # dt = ds/(1 − 2k); κ² = 1/s²
    mom = {m: _antiderivative_between(f / s**2 / (1 - 2 * kp), s, kp, 1 - kp) for m, f in zip((m0, m_a, m_s, m_aa, m_ss), fs)}
    if exact_limits:
        mom = {m: sp.simplify(v) for m, v in mom.items()}   # simplified moments keep sympy.limit fast
    # the derived Δ*(k) (never the printed Eq. 12) with these moments; Δ* = ½dℓ_∥ + ½(D − d)ℓ_⊥ gives the modes
    delta = delta_k().subs(mom).subs(k, kp)
    par = 2 * delta.subs({D: 1, d: 1})
    perp = 2 * (delta.subs({D: 2, d: 1}) - delta.subs({D: 1, d: 1}))
    # the constrained optimum at k = 0: a finite loss needs W z − u → 0 as t → 0 (κ² = 1/t²)
    a_ = sp.Symbol("a", real=True)
    res_par0 = (a_ * t) ** 2 + (a_ * (1 - t) + 1) ** 2        # per-dimension residual, k = 0, u = −n
    a0 = sp.solve(res_par0.subs(t, 0), a_)
    par0 = sp.integrate(sp.cancel(res_par0.subs(a_, a0[0]) / t**2), (t, 0, 1))
    perp0 = sp.integrate(sp.cancel((a0[0] * (1 - t) + 1) ** 2 / t**2), (t, 0, 1))
    res_par1 = (a_ * t - 1) ** 2 + (a_ * (1 - t)) ** 2      # k = 1, u = x; κ² = 1/(1 − t)²
    a1 = sp.solve(res_par1.subs(t, 1), a_)
    par1 = sp.integrate(sp.cancel(res_par1.subs(a_, a1[0]) / (1 - t) ** 2), (t, 0, 1))
    constrained = {"par_k0": par0, "perp_k0": perp0, "par_k1": par1, "perp_k1": sp.Integer(0)}
    pieces = {"par_k0": (par, 0), "perp_k0": (perp, 0), "par_k1": (par, 1), "perp_k1": (perp, 1)}
    if exact_limits:
        limits = {key: _limit(e, kp, end) for key, (e, end) in pieces.items()}
        gaps = {key: abs(float(limits[key] - constrained[key])) for key in pieces}
    else:
        limits = {key: _mp_near_end(e, kp, end) for key, (e, end) in pieces.items()}
        gaps = {key: abs(float(limits[key] - float(constrained[key]))) for key in pieces}
    return {
        "par": par, "perp": perp, "k": kp, "limits": limits, "limit_gaps": gaps,
        "limit_method": "sympy.limit" if exact_limits else f"mpmath ({LIMIT_DIGITS} digits) at 1e-30 from the end",
        "constrained": {"a_k0": a0, "a_k1": a1, **constrained},
    }


def _mp_near_end(expr, var, end) -> float:
    """The closed form at distance LIMIT_PROBE from ``end``, evaluated in mpmath with LIMIT_DIGITS digits."""
    import mpmath

    f = sp.lambdify(var, expr, "mpmath")
    with mpmath.workdps(LIMIT_DIGITS):
        x = mpmath.mpf(LIMIT_PROBE.p) / LIMIT_PROBE.q
        return float(f(x if end == 0 else 1 - x))


def _limit(expr, var, end):
    """One-sided limit at ``end`` ∈ {0, 1} from inside (0, 1), in the distance e to the end (logs expanded and
    one fraction formed first: much faster for sympy.limit)."""
    e = sp.Symbol("e", positive=True)
    shifted = expr.subs(var, e if end == 0 else 1 - e)
    return sp.limit(sp.together(sp.expand_log(shifted, force=True)), e, 0, "+")


# ----------------------------------------------------------------------------------------- the Remark, §3.2, §6
def _k_uniform(expr):
    """``expr`` in moment symbols → the k-target (φ = k, ψ = −(1 − k)) under uniform t and κ = 1  # kdiff Eqs. (51)–(53)"""
    phi, psi = k, -(1 - k)
    sub = {MOMENT["pp"]: phi**2 * m0, MOMENT["qq"]: psi**2 * m0, MOMENT["pa"]: phi * m_a, MOMENT["ps"]: psi * m_s,
           MOMENT["aa"]: m_aa, MOMENT["ss"]: m_ss}
    return sp.factor(sp.simplify(expr.subs(sub).subs(uniform_moments())))


@lru_cache(maxsize=1)
def derive_mode_split() -> dict:
    """Δ* = ½dℓ_∥ + ½(D − d)ℓ_⊥ with ℓ_∥ = 2∂Δ*/∂d + 2∂Δ*/∂D, ℓ_⊥ = 2∂Δ*/∂D (from the derived Δ*), on the k-target
    under uniform t and κ = 1; r = D/d; the ratio of the perpendicular to the parallel contribution
    R = (r − 1)ℓ_⊥/ℓ_∥, the ratio r_c(k) above which the perpendicular one is the larger, and R along Thm 3.2's
    k* = r/(r + 1) with its largest value over r ≥ 1  # kdiff Remark after Thm 3.1, Thm 3.2"""
    from difftheory.theory.kdiff_linear_dynamics import mode_problems

    mp = mode_problems()
    delta, D_, d_ = mp["delta_star"], mp["D"], mp["d"]
    l_par = _k_uniform(2 * sp.diff(delta, d_) + 2 * sp.diff(delta, D_))
    l_perp = _k_uniform(2 * sp.diff(delta, D_))
    r = sp.Symbol("r", positive=True)
    ratio = (r - 1) * l_perp / l_par
    r_cross = sp.simplify(1 + l_par / l_perp)
    at_kstar = sp.simplify(ratio.subs(k, r / (r + 1)))
    crit = [x for x in sp.solve(sp.diff(at_kstar, r), r) if x.is_real and x >= 1]
    cands = [sp.Integer(1)] + crit
    r_max = max(cands, key=lambda x: float(at_kstar.subs(r, x)))
    return {"l_par": l_par, "l_perp": l_perp, "r": r, "ratio": ratio, "r_cross": r_cross, "ratio_at_kstar": at_kstar,
            "r_max_at_kstar": r_max, "max_ratio_at_kstar": sp.nsimplify(at_kstar.subs(r, r_max)),
            "ratio_at_D_eq_d": sp.simplify(ratio.subs(r, 1)),
            "ratio_grows_without_bound": sp.limit(ratio, r, sp.oo) == sp.oo,   # for symbolic k < 1 (ℓ_⊥ > 0)
            "l_perp_zero_only_at_x": sp.solve(l_perp, k) == [1],
            "ratio_at_kstar_limit": sp.limit(at_kstar, r, sp.oo)}


@lru_cache(maxsize=1)
def derive_target_norm() -> dict:
    """What Δ*(k) ranks (beyond the paper): the loss of the untrained model W = 0, L0 = ½E‖u‖² = ½(dk² + D(1 − k)²)
    (u = kx − (1 − k)n, E‖x‖² = d, E‖n‖² = D; the same at every t), its minimiser, and the explained part
    L0 − Δ*(k) (uniform t, κ = 1)  # kdiff Eqs. (4), (54d)"""
    a = derive_appendix_d()
    L0 = sp.Rational(1, 2) * (d * k**2 + D * (1 - k) ** 2)
    explained = sp.factor(sp.expand(L0 - a["delta_uniform"]))
    (k0,) = sp.solve(sp.diff(L0, k), k)
    (ke,) = sp.solve(sp.diff(explained, k), k)
    return {"L0": L0, "k_star_L0": sp.simplify(k0), "explained": explained, "k_star_explained": sp.simplify(ke),
            "explained_curvature": sp.simplify(sp.diff(explained, k, 2)), "delta": a["delta_uniform"],
            "L0_equals_thm32": sp.simplify(k0 - a["k_star"]) == 0}


@lru_cache(maxsize=1)
def derive_training_time() -> dict:
    """Eq. (9)'s modes relax at A_∥ = ∫D̃α(α² + σ²), A_⊥ = ∫D̃ασ² (their curvatures); from W = 0 the loss after
    time T (units of τ) is L(T) = d[ℓ*_∥ + ½A_∥c_∥²e^(−2A_∥T)] + (D − d)[ℓ*_⊥ + ½A_⊥c_⊥²e^(−2A_⊥T)]. Returns the rates
    (and whether they contain D or d), and under uniform t, κ = 1 the k-target's L(T; k) and its minimiser k*(T)
    # kdiff Eqs. (8)–(12)"""
    from difftheory.theory.kdiff_linear_dynamics import mode_problems

    mp = mode_problems()
    A_par, A_perp = mp["second_derivatives"]
    D_, d_ = mp["D"], mp["d"]
    delta = mp["delta_star"]
    T = sp.Symbol("T", nonnegative=True)
    l_par_star = sp.simplify(2 * sp.diff(delta, d_) + 2 * sp.diff(delta, D_)) / 2   # mode_problems' ℓ (with its ½)
    l_perp_star = sp.simplify(2 * sp.diff(delta, D_)) / 2
    loss_T = (d_ * (l_par_star + A_par * mp["a_opt"] ** 2 * sp.exp(-2 * A_par * T) / 2)
              + (D_ - d_) * (l_perp_star + A_perp * mp["b_opt"] ** 2 * sp.exp(-2 * A_perp * T) / 2))
    loss_k = sp.expand(_k_uniform(loss_T).subs({D_: D, d_: d}))
    (kT,) = sp.solve(sp.diff(loss_k, k), k)
    return {"A_par": A_par, "A_perp": A_perp, "T": T,
            "rates_free_of_D_d": not ({D_, d_} & (A_par.free_symbols | A_perp.free_symbols)),
            "rates_uniform_k_target": (_k_uniform(A_par), _k_uniform(A_perp)),
            "loss_T_k": loss_k, "k_star_T": sp.simplify(kT),
            "loss_at_0_is_L0": sp.simplify(loss_k.subs(T, 0) - derive_target_norm()["L0"]) == 0,
            "loss_at_inf_is_delta": sp.simplify(sp.limit(loss_k, T, sp.oo) - derive_appendix_d()["delta_uniform"]) == 0}


@lru_cache(maxsize=1)
def derive_variational() -> dict:
    """§3.2's variational problem: Δ* of Eq. (12) over target functions (φ, ψ) with (α, σ), κ, the sampler and the
    interval fixed. For u = c·z (φ = cα, ψ = cσ, any constant c, c = 0 included) the moments are I_pp = c²I_aa,
    I_qq = c²I_ss, I_pa = cI_aa, I_ps = cI_ss, and Δ* vanishes for every D, d and every measure (Δ* ≥ 0: it is a
    least-squares residual) — the unconstrained minimum is the trivial u = c z. On the k-line (φ − ψ = 1) the
    minimum under uniform t and κ = 1 is Thm 3.2's Δ*(k*) > 0."""
    c = sp.Symbol("c", real=True)
    I = MOMENT
    delta = delta_star_expr()
    on_cz = sp.simplify(delta.subs({I["pp"]: c**2 * I["aa"], I["qq"]: c**2 * I["ss"], I["pa"]: c * I["aa"],
                                    I["ps"]: c * I["ss"]}))
    a = derive_appendix_d()
    return {"delta_on_u_eq_cz": on_cz, "vanishes_for_all_measures": on_cz == 0,
            "k_line_minimum": a["delta_at_k_star"], "k_line_minimum_positive": bool(a["delta_at_k_star"].is_positive)}
