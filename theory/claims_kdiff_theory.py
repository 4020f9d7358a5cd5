"""Claims of kdiff §3, Apps. A–D and Alg. 1, each derived (SymPy) from the definitions of §3.1 and compared
with the printed statement; the numeric twins are checked against the derivations. Beyond the paper: k*
for any time density (u-loss), k* for the losses actually trained, and the exact end points of Δ*(k)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from difftheory.ledger import Context, Result, claim
from difftheory.theory import kdiff_linear_dynamics as dyn
from difftheory.theory import kdiff_optimal_k as opt
from difftheory.theory import kdiff_reparam as rep


def _verdict(matches: dict, what: str) -> Result:
    bad = [k for k, ok in matches.items() if not ok]
    if bad:
        return Result("corrected", f"{what}: the derivation differs from the printed lines {', '.join(bad)}", {"matches": matches})
    return Result("verified", f"{what}: every printed line equals the derivation", {"matches": matches})


@claim("kdiff.appA.kappa", paper="kdiff", where="App. A, Eqs. (16)–(26); Eq. (3)", method="symbolic",
       statement="Solving (16) gives x̂, n̂ of (18); ŵ − w = κ(û − u) with κ = (ξσ − ηα)/(φσ − ψα) (22), "
                 "κ = 1, σ/(φσ−ψα), −α/(φσ−ψα), (α+σ)/(φσ−ψα) for the u-, x-, ε-, v-loss (23)–(26).")
def appA_kappa(ctx: Context) -> Result:
    a = rep.derive_appendix_a()
    gaps = rep.twin_gaps(np.random.default_rng(ctx.seed))
    res = _verdict(a["matches"], "x̂, n̂ solved from (16) by sympy.solve; κ = ∂(ŵ − w)/∂û with no z left over")
    res.evidence.update({"kappa_derived": str(a["kappa"]), "twin_max_abs_gap": gaps})
    if max(gaps.values()) > 1e-9:
        return Result("refuted", f"numeric twins disagree with the derivation: {gaps}", res.evidence)
    return res


@claim("kdiff.appB.second_moments", paper="kdiff", where="App. B, Eqs. (29)–(32), (40)", method="symbolic",
       statement="E[zzᵀ] = α²PPᵀ + σ²I, E[uzᵀ] = φαPPᵀ + ψσI, E[uuᵀ] = φ²PPᵀ + ψ²I, E[xnᵀ] = 0.")
def appB_second_moments(ctx: Context) -> Result:
    cases = {f"D={D},d={d}": dyn.second_moments(D, d, ctx.seed) for D, d in ((4, 2), (5, 3), (3, 1))}
    flat = {f"{c}:{k}": v for c, m in cases.items() for k, v in m.items()}
    res = _verdict(flat, "expectations taken by the moment rules (6), (7), independence, E[n] = 0, E[x̃] left "
                         "arbitrary, on exactly orthonormal rational P (Cayley transform)")
    return res


@claim("kdiff.eq8.gradient_flow", paper="kdiff", where="Eq. (8), App. B (27)–(33)", method="symbolic",
       statement="Gradient descent on (4) gives τ dW/dt̃ = −∫D̃α (α²WPPᵀ + σ²W − φαPPᵀ − ψσI).")
def eq8_gradient(ctx: Context) -> Result:
    m = {f"D={D},d={d}": dyn.gradient_flow(D, d, ctx.seed)["eq8"] for D, d in ((3, 1), (4, 2))}
    return _verdict(m, "−∂/∂W of ½E‖Wz − u‖² (full D×D W of symbols) at each time; ∫D̃α is linear, so the "
                       "identity holds for every measure")


@claim("kdiff.eq9.decoupling", paper="kdiff", where="Eqs. (9)–(10), App. B (34)–(36)", method="symbolic",
       statement="Right-multiplying (8) by PPᵀ and I − PPᵀ gives the parallel (9a) and perpendicular (9b) flows.")
def eq9_decoupling(ctx: Context) -> Result:
    m = {f"projector:{k}": v for k, v in dyn.decoupling_projector().items()}
    m.update({f"D=5,d=2:{k}": v for k, v in dyn.decoupling_explicit(5, 2, ctx.seed).items()})
    return _verdict(m, "in noncommutative algebra with only Π² = Π (all D, d) and on an explicit P")


@claim("kdiff.thm3_1.w_star", paper="kdiff", where="Thm 3.1, Eq. (11); App. C (37)–(38)", method="symbolic",
       statement="W* = ∫D̃α(φα+ψσ)/∫D̃α(α²+σ²)·PPᵀ + ∫D̃αψσ/∫D̃ασ²·(I − PPᵀ) is the equilibrium of (9) and the "
                 "minimiser of (4).")
def thm31_w_star(ctx: Context) -> Result:
    m = {}
    for D, d in ((3, 1), (4, 2)):
        o = dyn.optimum_explicit(D, d, ctx.seed)
        m.update({f"D={D},d={d}:{k}": v for k, v in o.items() if isinstance(v, bool) and k != "eq12"})
    m.update({f"equilibrium_of_9:{k}": v for k, v in dyn.equilibrium_modes().items()})
    m.update({f"mode_problem:{k}": v for k, v in dyn.mode_problems()["matches"].items() if k.startswith("eq11")})
    gap = _twin_coefficients_gap(np.random.default_rng(ctx.seed))
    res = _verdict(m, "∂L/∂W = 0 solved for all D² entries of W (loss integrated as a linear functional: "
                      "moment symbols I[·]); Hessian = I_D ⊗ (I_aa PPᵀ + I_ss I), eigenvalues I_aa + I_ss and I_ss, "
                      "positive for any measure with ∫D̃ασ² > 0")
    res.evidence["twin_optimal_coefficients_max_rel_gap"] = gap
    if gap > 1e-10:
        return Result("refuted", f"optimal_loss.optimal_coefficients differs from the derivation (gap {gap:g})", res.evidence)
    return res


def _twin_coefficients_gap(rng) -> float:
    """optimal_loss.optimal_coefficients vs the derived c_∥, c_⊥ at random positive moments (k-target)."""
    from difftheory.theory.optimal_loss import optimal_coefficients

    mp = dyn.mode_problems()
    worst = 0.0
    for _ in range(20):
        m = rng.uniform(0.1, 3.0, 5)
        kk = rng.uniform(0, 1)
        phi, psi = kk, -(1 - kk)
        I = dyn.MOMENT
        sub = {I["pa"]: phi * m[1], I["ps"]: psi * m[2], I["aa"]: m[3], I["ss"]: m[4]}
        want = (float(mp["a_opt"].subs(sub)), float(mp["b_opt"].subs(sub)))
        got = optimal_coefficients(m, kk)
        worst = max(worst, *(abs(g - w) / max(1.0, abs(w)) for g, w in zip(got, want)))
    return worst


@claim("kdiff.thm3_1.delta_star", paper="kdiff", where="Thm 3.1, Eq. (12); App. C (39)–(50)", method="symbolic",
       statement="Δ* = ½d(∫(φ²+ψ²) − (∫(φα+ψσ))²/∫(α²+σ²)) + ½(D−d)(∫ψ² − (∫ψσ)²/∫σ²).")
def thm31_delta_star(ctx: Context) -> Result:
    m = {f"D={D},d={d}:eq12": dyn.optimum_explicit(D, d, ctx.seed)["eq12"] for D, d in ((3, 1), (4, 2))}
    m["general_D_d_mode_problems:eq12"] = dyn.mode_problems()["matches"]["eq12"]
    rng = np.random.default_rng(ctx.seed + 1)
    from difftheory.theory.optimal_loss import delta_star_from_moments

    expr = opt.delta_k()
    f = sp.lambdify((opt.k, opt.D, opt.d, opt.m0, opt.m_a, opt.m_s, opt.m_aa, opt.m_ss), expr)
    worst = 0.0
    for _ in range(50):
        mm = rng.uniform(0.1, 3.0, 5)
        kk, d_ = rng.uniform(0, 1), int(rng.integers(1, 50))
        D_ = d_ + int(rng.integers(0, 200))
        want = f(kk, D_, d_, *mm)
        worst = max(worst, abs(delta_star_from_moments(mm, kk, D_, d_) - want) / max(1.0, abs(want)))
    res = _verdict(m, "W* substituted into the integrated loss for explicit (D, d); for symbolic D, d the loss "
                      "separates into d parallel and D − d perpendicular scalar least squares")
    res.evidence.update({"delta_star_derived": str(dyn.delta_star_expr()), "twin_max_rel_gap": worst})
    if worst > 1e-10:
        return Result("refuted", f"optimal_loss.delta_star_from_moments differs from the derivation ({worst:g})", res.evidence)
    return res


@claim("kdiff.appD.derivation", paper="kdiff", where="App. D, Eqs. (51)–(54)", method="symbolic",
       statement="For α = t, σ = 1−t, φ = k, ψ = −(1−k), uniform t and κ = 1, Δ*(k) = "
                 "(2(D+d)k² − 4Dk + 2D + 3d)/16 through the lines (51a), (53a–e), (54a–d).")
def appD_derivation(ctx: Context) -> Result:
    a = opt.derive_appendix_d()
    m = {k: v for k, v in a["matches"].items() if k.startswith(("eq51", "eq53", "eq54"))}
    res = _verdict(m, "Δ*(k) from the derived Eq. (12) with the k-target substituted and the moments integrated")
    res.evidence.update({"delta_uniform_derived": str(a["delta_uniform"]),
                         "line_residuals": {k: str(v) for k, v in a["line_residuals"].items()}})
    return res


@claim("kdiff.thm3_2.kstar", paper="kdiff", where="Thm 3.2, Eqs. (14), (55)", method="symbolic",
       statement="Under uniform t and the u-loss (κ = 1), Δ*(k) is minimised at k* = D/(D + d).",
       figures=("kdiff_delta_curves",))
def thm32_kstar(ctx: Context) -> Result:
    from difftheory.theory.optimal_loss import k_star
    from difftheory.theory.samplers import TimeSampler

    a = opt.derive_appendix_d()
    m = {"eq55": a["matches"]["eq55"], "second_derivative_positive": a["matches"]["second_derivative_positive"]}
    pairs = ((1, 1), (2, 1), (10, 3), (100, 10), (3072, 48))
    numeric = {f"D={D},d={d}": k_star(D, d, TimeSampler(), "u").k_star for D, d in pairs}
    gap = max(abs(numeric[f"D={D},d={d}"] - D / (D + d)) for D, d in pairs)
    res = _verdict(m, f"solve dΔ/dk = 0 gives k* = {a['k_star']}, d²Δ/dk² = {a['curvature']} > 0; minimum value "
                      f"Δ*(k*) = {a['delta_at_k_star']}")
    res.evidence.update({"k_star_numeric_minimiser": numeric, "max_gap_to_closed_form": gap})
    if gap > 1e-6:
        return Result("refuted", f"numeric minimiser of Δ*(k) differs from D/(D+d) by {gap:g}", res.evidence)
    return res


@claim("kdiff.sec3_3.special_targets", paper="kdiff", where="§3.3 (after Eq. 13)", method="symbolic",
       statement="k = 0, ½, 1 recover ε-, v-, x-prediction up to a constant scale factor.")
def sec33_special(ctx: Context) -> Result:
    s = opt.derive_special_targets()
    m = {name: v["constant"] for name, v in s["targets"].items()}
    scales = {name: str(v["scale"]) for name, v in s["targets"].items()}
    res = _verdict(m, f"u(k)/target is constant: ε: {scales['eps']}, v = dz/dt = {s['velocity']}: {scales['v']}, "
                      f"x: {scales['x']}")
    res.evidence["scale_factors"] = scales
    return res


@claim("kdiff.sec3_3.regimes", paper="kdiff", where="§3.3, the three regimes after Thm 3.2", method="symbolic",
       statement="D ≈ d gives k* ≈ ½ (v); D ≫ d gives k* → 1 (x); in between k* lies between 0.5 and 1.",
       figures=("kdiff_kstar_vs_ratio",))
def sec33_regimes(ctx: Context) -> Result:
    r = opt.derive_regimes()
    ok = (r["depends_only_on_ratio"] and r["at_ratio_1"] == sp.Rational(1, 2)
          and r["limit_ratio_inf"] == 1 and bool(r["dk_dratio"].is_positive))
    implied = {str(kk): float(r["ratio_from_k"].subs(opt.k, kk)) for kk in (0.522, 0.556, 0.66, 0.9, 0.99)}
    ev = {"k_of_ratio": str(r["k_of_ratio"]), "dk_dratio": str(r["dk_dratio"]), "one_minus_k": str(r["one_minus_k"]),
          "max_over_d_for_given_D": str(r["max_for_D"]), "D_over_d_implied_by_k_under_thm3_2": implied}
    if not ok:
        return Result("refuted", "k*(D/d) is not increasing from ½ to 1", ev)
    return Result("verified", "k* = r/(r + 1) with r = D/d ≥ 1, strictly increasing (dk*/dr = 1/(r+1)² > 0): k* = ½ "
                  "exactly iff d = D, 1 − k* = d/(D + d) → 0 but k* < 1 for every finite D (max D/(D+1) at d = 1); "
                  "the precise range over 1 ≤ d ≤ D is [½, D/(D+1)] ⊂ [½, 1). Learned k of the paper mapped back "
                  "through Thm 3.2 (which assumes u-loss + uniform t): see evidence.", ev)


@claim("kdiff.alg1.velocity_conversion", paper="kdiff", where="Alg. 1–2", method="symbolic",
       statement="v = ((1−2k)z + u)/(k(1−t) + (1−k)t) converts the k-target to the velocity exactly.")
def alg1_conversion(ctx: Context) -> Result:
    g = rep.derive_alg1()
    m = {"alg1_v_from_eq18": g["matches"]["alg1_v"], "with_u_exact_gives_dz_dt": g["matches"]["alg1_v_is_dz_dt"]}
    gaps = rep.twin_gaps(np.random.default_rng(ctx.seed))
    res = _verdict(m, "v̂ = x̂ − n̂ from Eq. (18) with φ = k, ψ = −(1−k), α = t, σ = 1−t; with û = u it equals "
                      "dz/dt = x − n")
    res.evidence.update({"v_hat_derived": str(g["v_hat"]), "twin_gap_velocity_from_u": gaps["velocity_from_u"]})
    return res


@claim("kdiff.alg1.kappa_v_loss", paper="kdiff", where="Alg. 1, §4 (clamp 0.05, Table 4), App. A (26)", method="symbolic",
       statement="Alg. 1's v-loss is the u-loss weighted by κ² with κ = 1/(k(1−t) + (1−k)t); with the clamp "
                 "κ = 1/max(k(1−t) + (1−k)t, 0.05).")
def alg1_kappa(ctx: Context) -> Result:
    from difftheory.theory.targets import kappa_k, velocity_denominator

    g = rep.derive_alg1()
    rng = np.random.default_rng(ctx.seed)
    T, K = rng.uniform(0, 1, 4000), rng.uniform(0, 1, 4000)
    gap = float(np.max(np.abs(kappa_k(T, K, "v", 0.05) - 1 / np.maximum(velocity_denominator(T, K), 0.05))))
    clamped_share = float(np.mean(velocity_denominator(T, K) < 0.05))
    m = {"kappa_v_is_1_over_den": g["matches"]["kappa_v_is_1_over_den"],
         "clamped_target_scaled": g["matches"]["clamped_target_is_den_over_c_times_v"]}
    res = _verdict(m, "κ_v from Eq. (26) on the k-target is 1/den. With the clamp both v and v̂ are divided by "
                      "max(den, c), so v̂ − v = (û − u)/max(den, c) (κ = 1/max(den, c)); note the clamped training "
                      "target is then (den/c)(x − n), not the velocity, wherever den < c")
    res.evidence.update({"twin_gap_kappa_k_clamped": gap, "share_of_uniform_(t,k)_with_den_below_0.05": clamped_share})
    return res


@claim("kdiff.beyond.kstar_general_sampler", paper="kdiff", where="beyond Thm 3.2 (Table 4 samplers)", method="symbolic",
       statement="Under the u-loss, k* for a time density p is (d(1−b/q) + (D−d)c)/(d(2−1/q) + (D−d)c) with "
                 "b = E[1−t], q = E[t²+(1−t)²], c = Var t/E[(1−t)²]; it equals D/(D+d) for all (D, d) iff E[t] = ½.",
       figures=("kdiff_kstar_vs_ratio",))
def beyond_general_sampler(ctx: Context) -> Result:
    from difftheory.theory.optimal_loss import k_star, k_star_u_loss
    from difftheory.theory.samplers import LATENT_SAMPLER, PIXEL_SAMPLER

    g = opt.derive_general_sampler()
    at_half = sp.simplify(g["k_star"].subs(g["e1"], sp.Rational(1, 2)) - opt.D / (opt.D + opt.d)) == 0
    table, gap = {}, 0.0
    pairs = ((3072, 3072), (3072, 1536), (3000, 300), (3000, 30)) if ctx.quick else \
        ((3072, 3072), (3072, 1536), (3000, 300), (3000, 30), (3072, 3), (196608, 768))
    for name, s in (("latent logit-normal(0,1)", LATENT_SAMPLER), ("pixel logit-normal(-0.8,0.8)", PIXEL_SAMPLER)):
        e1, e2 = float(s.expect(lambda t: t)), float(s.expect(lambda t: t * t))
        rows = {}
        for D, d in pairs:
            closed = opt.k_star_general(e1, e2, D, d)
            twin = k_star_u_loss(D, d, s)
            gap = max(gap, abs(min(1.0, max(0.0, closed)) - twin))
            rows[f"D={D},d={d}"] = {"closed_form_unclipped": closed, "D/(D+d)": D / (D + d)}
        num = k_star(100, 10, s, "u").k_star
        gap = max(gap, abs(num - min(1.0, max(0.0, opt.k_star_general(e1, e2, 100, 10)))))
        table[name] = {"E[t]": e1, "E[t^2]": e2, "k_star": rows, "numeric_minimiser_D100_d10": num}
    ok = g["matches_lead_form"] and g["condition_is_mean_half"] and at_half and gap < 1e-6
    ev = {"k_star_derived": str(g["k_star"]), "curvature": str(g["curvature"]), "condition": str(g["condition"]),
          "samplers": table, "max_gap_closed_form_vs_twins": gap}
    if not ok:
        return Result("refuted", "the closed form or its condition does not hold", ev)
    return Result("verified", "Derived from the moment functional (E[1−t] = 1 − E[t] by linearity): k* as stated; "
                  "k* − D/(D+d) vanishes for all (D, d) iff E[t] = ½ (polynomial identity in D, d). The latent "
                  "sampler (μ = 0) has E[t] = ½ so Thm 3.2 holds for it exactly; the pixel sampler (μ = −0.8) has "
                  f"E[t] = {table['pixel logit-normal(-0.8,0.8)']['E[t]']:.4f} and k* < D/(D+d) (can be < ½ or "
                  "negative, i.e. clipped to k = 0, when D ≈ d). The closed form is the unconstrained minimiser; on "
                  "[0, 1] clip it.", ev)


@claim("kdiff.beyond.endpoint_limits", paper="kdiff", where="beyond Eq. (12): κ² not integrable at k = 0, 1", method="symbolic",
       statement="For the unclamped v-loss under uniform t, Δ*(k) stays finite and continuous on [0, 1]: "
                 "Δ*(0) = (D + d)/2, Δ*(1) = d (the constrained minima where W z − u must vanish at t = 0 or 1).")
def beyond_endpoints(ctx: Context) -> Result:
    from difftheory.theory.optimal_loss import delta_star
    from difftheory.theory.samplers import TimeSampler

    u = opt.derive_uniform_v_loss()
    lim, con = u["limits"], u["constrained"]
    m = {"par_k0": lim["par_k0"] == con["par_k0"], "perp_k0": lim["perp_k0"] == con["perp_k0"],
         "par_k1": lim["par_k1"] == con["par_k1"], "perp_k1": lim["perp_k1"] == con["perp_k1"]}
    D_, d_ = 100, 10
    U = TimeSampler()
    f_par = sp.lambdify(u["k"], u["par"])
    f_perp = sp.lambdify(u["k"], u["perp"])
    ks = np.array([1e-4, 0.01, 0.3, 0.7, 0.99, 1 - 1e-4])
    closed = 0.5 * d_ * f_par(ks) + 0.5 * (D_ - d_) * f_perp(ks)
    twin = delta_star(ks, D_, d_, U, "v")
    gap = float(np.max(np.abs(closed - twin) / closed))
    ends = {"twin_k0": float(delta_star(0.0, D_, d_, U, "v")), "twin_k1": float(delta_star(1.0, D_, d_, U, "v")),
            "(D+d)/2": (D_ + d_) / 2, "d": d_}
    from scipy.optimize import minimize_scalar

    from difftheory.theory.optimal_loss import k_star

    best = minimize_scalar(lambda kk: 0.5 * d_ * f_par(kk) + 0.5 * (D_ - d_) * f_perp(kk), bounds=(0.6, 1 - 1e-9),
                           method="bounded", options={"xatol": 1e-12})
    ends["k_star_closed_form"] = float(best.x)
    ends["k_star_twin"] = k_star(D_, d_, U, "v").k_star
    ev = {"limits_of_closed_form": {k: str(v) for k, v in lim.items()},
          "constrained_values": {k: str(v) for k, v in con.items()}, "D=100,d=10": ends,
          "closed_vs_twin_max_rel_gap": gap,
          "closed_form_at_k": dict(zip(map(str, ks), closed.tolist()))}
    if (not all(m.values()) or gap > 1e-7 or abs(ends["twin_k0"] - 55) > 1e-8 or abs(ends["twin_k1"] - 10) > 1e-8
            or abs(ends["k_star_closed_form"] - ends["k_star_twin"]) > 1e-5):
        return Result("refuted", f"end points do not match: {m}, gap {gap:g}, {ends}", ev)
    return Result("verified", "Closed-form moments (s = den substitution, logs) give ℓ_∥ → 2, ℓ_⊥ → 1 as k → 0 and "
                  "ℓ_∥ → 2, ℓ_⊥ → 0 as k → 1, equal to the constrained minima (c_∥ = c_⊥ = −1 at k = 0; c_∥ = 1, "
                  "ψ = 0 at k = 1). So Δ* does not diverge there (the moments do, Eq. (12) is ∞ − ∞): "
                  "optimal_loss.delta_star returns these limits (a former quad_vec bug gave Δ*(0) = 0 and k* = 0). For D = 100, "
                  f"d = 10 the closed form is minimised at k* = {ends['k_star_closed_form']:.5f} (twin: "
                  f"{ends['k_star_twin']:.5f}), interior but close to x-prediction.", ev)


@claim("kdiff.beyond.kstar_practical_losses", paper="kdiff", where="beyond Thm 3.2: Alg. 1 as trained (§4, Table 4)",
       method="numeric", figures=("kdiff_kstar_vs_ratio", "kdiff_delta_curves"),
       statement="Thm 3.2's k* = D/(D+d) (u-loss, uniform t) is what the linear model predicts for k-Diff as trained "
                 "(v-loss of Alg. 1, logit-normal t, clamp 0.05).")
def beyond_practical(ctx: Context) -> Result:
    from difftheory.theory.kdiff_practical import practical_table

    tab = practical_table(ctx.scale)
    lat, pix = tab["ratios"]["latent v clamp0.05"], tab["ratios"]["pixel v clamp0.05"]
    thm = tab["ratios"]["thm3_2"]
    r = tab["ratio_values"]
    dev = max(abs(a - b) for a, b in zip(lat + pix, thm + thm))
    fine = tab["latent_v_clamp_fine_sweep"]
    nint = len(fine["interior_(D/d, k*)"])
    ev = dict(tab)
    detail = ("Minimising Δ*(k) over [0, 1] (vectorised moments + refinement) for the trained settings: with the latent "
              f"sampler logit-normal(0,1) + v-loss + clamp 0.05, k* = {_fmt(lat)} at D/d = {_fmt(r)} — the end point "
              "k = 1 (x-prediction) at every D/d > 1 tested and a tie between k = 0 and k = 1 at D = d (there "
              "Δ*(k) = Δ*(1 − k): (x, n, t, k) → (n, x, 1 − t, 1 − k) maps u → −u and keeps z and κ; checked in "
              f"evidence). On a fine sweep of D/d in [1, 1000] the optimum is interior at {nint} of "
              f"{len(fine['ratios'])} ratios, so no D/d gives k* = 0.66. With the pixel sampler logit-normal(−0.8,0.8): "
              f"k* = {_fmt(pix)}; Thm 3.2 gives {_fmt(thm)}. The clamp sweep and other losses are in evidence. "
              "The linear theory of the trained objective therefore predicts x-prediction for latents unless D ≈ d, "
              "not the 0.66 reported in §5.1; it does predict k → 1 for pixels. Thm 3.2 applies to Alg. 1 only with "
              "the u-loss and a sampler with E[t] = ½.")
    if dev < 1e-3:
        return Result("verified", "the trained settings give the same k* as Thm 3.2", ev)
    return Result("corrected", detail, ev)


def _fmt(xs) -> str:
    return "[" + ", ".join(f"{x:.3g}" for x in xs) + "]"


@claim("kdiff.appE.two_param_equivalence", paper="kdiff", where="App. E, Table 3 (target k0 x − k1 ε)", method="symbolic",
       statement="A second independent parameter (target k0 x − k1 ε) brings no gain over the single k: the relation "
                 "between data and noise is captured by one interpolation constant.")
def appE_two_param(ctx: Context) -> Result:
    from difftheory.theory.optimal_loss import delta_star
    from difftheory.theory.samplers import LATENT_SAMPLER

    g = rep.derive_two_param_invariance()
    # numeric: Δ* of the two-parameter target under the unclamped v-loss (derived Eq. 12 with its own moments)
    I = dyn.MOMENT
    f = sp.lambdify([I["pp"], I["qq"], I["pa"], I["ps"], I["aa"], I["ss"], sp.Symbol("D", positive=True),
                     sp.Symbol("d", positive=True)], dyn.delta_star_expr())
    rng = np.random.default_rng(ctx.seed)
    worst = 0.0
    for _ in range(3):
        k0, k1 = rng.uniform(0.2, 1.0, 2)
        w = lambda t: 1.0 / (k0 * (1 - t) + k1 * t) ** 2  # noqa: E731  κ_v², App. A Eq. (26)
        m0, ma, ms, maa, mss = LATENT_SAMPLER.expect(lambda t: np.stack([w(t), w(t) * t, w(t) * (1 - t),
                                                                         w(t) * t * t, w(t) * (1 - t) ** 2]))
        two = f(k0**2 * m0, k1**2 * m0, k0 * ma, -k1 * ms, maa, mss, 50, 10)
        one = float(delta_star(k0 / (k0 + k1), 50, 10, LATENT_SAMPLER, "v"))
        worst = max(worst, abs(two - one) / one)
    table3 = {"k0": 0.556, "k1": 0.509, "k0/(k0+k1)": 0.556 / (0.556 + 0.509), "single_k_learned": 0.522}
    ev = {"matches": g["matches"], "v_hat_general": str(g["v_hat_general"]),
          "numeric_two_vs_one_param_max_rel_gap(latent sampler, D=50, d=10)": worst, "table3": table3}
    if not all(g["matches"].values()) or worst > 1e-8:
        return Result("refuted", f"the two-parameter v-loss is not a function of k0/(k0+k1): {g['matches']}, {worst:g}", ev)
    return Result("verified", "Exact in the linear theory (and for any network class closed under output scaling): "
                  "Alg. 1's conversion makes v̂ − v invariant to (k0, k1, û) → c(k0, k1, û), so the unclamped v-loss "
                  "depends only on k = k0/(k0 + k1) (Δ* of both targets agree to "
                  f"{worst:.1e}); the clamp breaks this only where c·den < 0.05. Table 3's learned (0.556, 0.509) "
                  f"give k0/(k0+k1) = {table3['k0/(k0+k1)']:.4f}, the single-parameter run's learned 0.522.", ev)


@claim("kdiff.thm3_1.remarks", paper="kdiff", where="Remark after Thm 3.1; §3.2", method="symbolic",
       statement="The intra-manifold loss is ∝ d and depends on α, φ; the residual loss is ∝ D − d and independent of "
                 "α and φ; ψ = 0 (x-prediction) makes the perpendicular contribution vanish.")
def thm31_remarks(ctx: Context) -> Result:
    mp = dyn.mode_problems()
    delta, D, d = mp["delta_star"], mp["D"], mp["d"]
    I = dyn.MOMENT
    par = sp.simplify(2 * sp.diff(delta, d) + 2 * sp.diff(delta, D))     # Δ* = ½dℓ_∥ + ½(D − d)ℓ_⊥
    perp = sp.simplify(2 * sp.diff(delta, D))
    linear = sp.simplify(delta - (d * par + (D - d) * perp) / 2) == 0
    perp_free = not ({I["aa"], I["pa"], I["pp"]} & perp.free_symbols)
    par_uses = {I["aa"], I["pa"], I["pp"]} <= par.free_symbols
    psi0 = sp.simplify(perp.subs({I["qq"]: 0, I["ps"]: 0})) == 0
    m = {"linear_in_d_and_D_minus_d": linear, "perpendicular_free_of_alpha_phi": perp_free,
         "parallel_depends_on_alpha_phi": par_uses, "psi_zero_kills_perpendicular": psi0}
    res = _verdict(m, "from the derived Δ*: ℓ_∥ = 2∂Δ*/∂d + 2∂Δ*/∂D, ℓ_⊥ = 2∂Δ*/∂D; ℓ_⊥ = ∫ψ² − (∫ψσ)²/∫σ² ≥ 0 "
                      "(Cauchy–Schwarz), so k* depends on (D, d) only through D/d for every loss and sampler")
    res.evidence.update({"l_par": str(par), "l_perp": str(perp)})
    return res
