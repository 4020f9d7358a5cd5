"""Claims of the mse paper ("Flows beat diffusions on image synthesis"), §2–§6: symbolic derivations and
numeric checks. Time convention throughout: t ∈ (0, 1), 0 = noise, 1 = data (α increasing)."""

from __future__ import annotations

import numpy as np
import sympy as sp
from scipy import integrate, optimize

from difftheory.ledger import Result, claim
from difftheory.theory import mse_diffusion_size as mds
from difftheory.theory import mse_divergence as mdv
from difftheory.theory import mse_generator as mg
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS, S2, derive_S, dlam_over_S2, printed_S2
from difftheory.theory.mse_schedules import SCHEDULES, T, Schedule, derive_dlam, sym_alpha_sigma, sym_lam

PROBE_T = (0.03, 0.2, 0.5, 0.8, 0.97)


def _num(expr, tv):
    return complex(sp.N(expr.subs(T, sp.Float(tv, 30)), 25))


def _rel(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


@claim("mse.s2.schedules", paper="mse", where="§2 Noise schedules",
       statement="Normal, Logis, Sech, SechInter: λ̊ = log(α/σ) and λ̊' as defined; α increasing, σ decreasing.",
       method="symbolic")
def schedules(ctx):
    ev = {}
    for name in SCHEDULES:
        alpha, sigma = sym_alpha_sigma(name)
        lam_def = sp.log(alpha / sigma)
        dlam = derive_dlam(name)
        sch = Schedule(name)
        ev[name] = {
            "lam_vs_printed": max(abs(_num(lam_def - sym_lam(name), tv)) for tv in PROBE_T),
            "dlam_sym_vs_twin": max(_rel(_num(dlam, tv).real, float(sch.dlam(tv))) for tv in PROBE_T),
            "alpha_sigma_twin": max(abs(_num(alpha, tv).real - float(sch.alpha(tv))) + abs(_num(sigma, tv).real - float(sch.sigma(tv))) for tv in PROBE_T),
            "dlam_min_on_grid": float(np.min(sch.dlam(np.linspace(1e-3, 1 - 1e-3, 999)))),
        }
        ev[name]["dlam_formula"] = str(dlam)
    ok = all(v["lam_vs_printed"] < 1e-20 and v["dlam_sym_vs_twin"] < 1e-12 and v["alpha_sigma_twin"] < 1e-12
             and v["dlam_min_on_grid"] > 0 for v in ev.values())
    return Result("verified" if ok else "refuted",
                  "λ̊ = log(α/σ) matches the printed λ̊ for all four schedules; λ̊' derived symbolically matches the "
                  "NumPy twin to 1e-12 and is positive (SNR increasing). SechInter: λ̊' = π/sin(πt) + log 16.", ev)


@claim("mse.s2.parameterizations", paper="mse", where="§2 Parameterizations",
       statement="S_t of Noise (1), Data (ρ̊⁻¹), F-pred (√(4ρ̊⁻² + 1)), Vel (λ̊'σ), VelLN, Sigmoid follow from their targets.",
       method="symbolic")
def parameterizations(ctx):
    ev, signs = {}, {}
    for sch in SCHEDULES:
        for p in PARAMETERIZATIONS:
            S = derive_S(p, sch)
            pr = printed_S2(p, sch)
            ev[f"{sch}/{p}"] = max(_rel(_num(S**2, tv).real, _num(pr, tv).real) for tv in PROBE_T)
            ev[f"{sch}/{p}/twin"] = max(_rel(float(S2(p, sch, tv)), _num(S**2, tv).real) for tv in PROBE_T)
            signs[p] = "−" if _num(S, 0.5).real < 0 else "+"
    ok = max(ev.values()) < 1e-10
    ev["sign_of_derived_S"] = signs
    return Result("verified" if ok else "corrected",
                  "Derived from the targets (ε; X; EDM's F with σ_data = 1/2 and σ_EDM = 1/ρ̊; v = α'X + σ'ε; the "
                  "logit-normal(0,1) importance-weighted velocity; K&G's sigmoid(−3 − 2λ̊)-weighted ε-loss): S_t² equals "
                  "the printed S_t² for all 24 pairs. As signed coefficients of ε, S_t is negative for Data, F-pred, "
                  "Vel and VelLN (e.g. Vel: S_t = −λ̊'σ_t); only S_t² enters, so the printed positive S_t is the "
                  "magnitude. The paper calls the logit-normal variant both VelN and VelLN.", ev)


@claim("mse.eq3.error_identity", paper="mse", where="§2 Eq. (3)",
       statement="û − u = S(ε̂ − ε) = −ρ̊ S (X̂ − X) for any target u = A Ȳ + S ε.", method="symbolic")
def error_identity(ctx):
    A, S, rho, Yb, e, uh = sp.symbols("A S rhoring Ybar epsilon uhat", positive=True)
    X = Yb - e / rho  # Eq. (1)
    u = A * Yb + S * e
    eh = (uh - A * Yb) / S  # Eq. (3)
    Xh = Yb - eh / rho
    r1 = sp.simplify((uh - u) - S * (eh - e))
    r2 = sp.simplify((uh - u) + rho * S * (Xh - X))
    ok = r1 == 0 and r2 == 0
    return Result("verified" if ok else "refuted", "Both residuals simplify to 0.", {"residual_1": str(r1), "residual_2": str(r2)})


@claim("mse.s2.kingma_gao_weight", paper="mse", where="§2 (link to Kingma & Gao)",
       statement="MSE training is determined by λ̊ and the weight ω_t = S_t²/λ̊'_t.", method="symbolic")
def kingma_gao(ctx):
    # ∫ S_t² f(λ̊_t) dt = ∫ ω(λ̊) f(λ̊) dλ̊ — under any reparameterization t = g(τ) the weight as a function of λ̊ is unchanged
    tau = sp.Symbol("tau", positive=True)
    g = sp.Function("g")(tau)
    lam = sp.Function("lam")
    S2f = sp.Function("S2")
    # in τ-time: λ̊~(τ) = λ̊(g(τ)), S~² = S²(g(τ)) g'(τ) (the MSE integrand transforms with dt = g' dτ)
    lam_tau = lam(g)
    S2_tau = S2f(g) * sp.diff(g, tau)
    omega_tau = S2_tau / sp.diff(lam_tau, tau)
    omega_t = (S2f(T) / sp.diff(lam(T), T)).subs(T, g)
    res = sp.simplify(omega_tau - omega_t)
    # numeric: the same (λ̊-weighted) MSE under two schedules with the same ω(λ̊): Logis+Vel vs Sech with S² = ω λ̊'
    lo, hi = -3.0, 3.0
    logis, sech = Schedule("logis"), Schedule("sech")
    f = lambda lam_: np.exp(-lam_**2)  # any per-λ̊ error profile
    a = integrate.quad(lambda t: float(S2("vel", logis, t) * f(logis.lam(t))), float(logis.t_of_lam(lo)), float(logis.t_of_lam(hi)))[0]
    omega = lambda lam_: 1 / float(dlam_over_S2("vel", logis, logis.t_of_lam(lam_)))
    b = integrate.quad(lambda t: float(omega(sech.lam(t)) * sech.dlam(t) * f(sech.lam(t))), float(sech.t_of_lam(lo)), float(sech.t_of_lam(hi)))[0]
    ok = res == 0 and _rel(a, b) < 1e-8
    return Result("verified" if ok else "refuted",
                  "ω = S²/λ̊' is invariant under any time change t = g(τ), and two schedules with the same ω(λ̊) give "
                  "the same MSE (Logis+Vel vs Sech carrying Logis+Vel's ω).",
                  {"reparam_residual": str(res), "mse_logis_vel": a, "mse_sech_same_omega": b})


@claim("mse.eq4_6.autoregression", paper="mse", where="§3 Eqs. (4)–(6)",
       statement="ε_t = (ρ_s/ρ_t) ε_s + √(1 − ρ_s²/ρ_t²) ξ_s keeps ε_t ~ N(0, I) with cor = ρ_s/ρ_t and conditional variance 1 − ρ_s²/ρ_t².",
       method="symbolic")
def autoregression(ctx):
    eq8, eq9, cov, var_t = mg.derive_oracle()
    rng = np.random.default_rng(ctx.seed)
    rho = np.exp(np.linspace(0, 2.0, 6))  # an increasing diffusion schedule on a 5-step grid
    n = 20000 if ctx.quick else 200000
    eps = [rng.standard_normal(n)]
    for i in range(1, len(rho)):
        eps.append(mg.autoregression_step(eps[-1], rho[i - 1] / rho[i], rng.standard_normal(n)))
    E = np.stack(eps)
    emp_cor = float(np.corrcoef(E[0], E[-1])[0, 1])
    pred_cor = rho[0] / rho[-1]  # Markov chain: correlations multiply along the grid
    emp_var = float(E[-1].var())
    se = 4 / np.sqrt(n)
    ok = str(cov) == "rho_s/rho_t" and var_t == 1 and abs(emp_cor - pred_cor) < se and abs(emp_var - 1) < 4 * np.sqrt(2 / n)
    return Result("verified" if ok else "refuted",
                  "Symbolically Var ε_t = 1 and Cov(ε_t, ε_s) = ρ_s/ρ_t; over several steps the correlation is ρ_{t0}/ρ_{tN} "
                  "(simulated).", {"cov": str(cov), "var": str(var_t), "sim_cor_first_last": emp_cor,
                                   "predicted": pred_cor, "sim_var_last": emp_var, "n": n})


@claim("mse.eq8_9.oracle", paper="mse", where="§3 Eqs. (7)–(9)",
       statement="r_t Y_t = r_s Y_s + (r_t − r_s) X + √(ρ_t² − ρ_s²) ξ_s and its Z-form (9), with Y_t ~ Ȳ_t for every diffusion schedule.",
       method="symbolic")
def oracle(ctx):
    eq8, eq9, _, _ = mg.derive_oracle()
    rng = np.random.default_rng(ctx.seed + 1)
    sch = Schedule("sech")
    grid = np.linspace(0.1, 0.9, 17)
    h = sch.rho(grid)
    rho = h**0.37  # some diffusion schedule (penalized rate, c = 1/0.37² − 1)
    n = 20000 if ctx.quick else 200000
    x = rng.choice([-1.5, 0.5, 2.0], size=n)
    y = x + rng.standard_normal(n) / h[0]
    for i in range(16):
        y = mg.oracle_step(y, x, rho[i], rho[i + 1], h[i], h[i + 1], rng.standard_normal(n))
    resid = (y - x) * h[-1]  # should be N(0, 1), independent of X
    ok = eq8 == 0 and eq9 == 0 and abs(resid.var() - 1) < 4 * np.sqrt(2 / n) and abs(np.corrcoef(resid, x)[0, 1]) < 4 / np.sqrt(n)
    return Result("verified" if ok else "refuted",
                  "Both residuals of (8), (9) simplify to 0 after substituting (5) and (7); simulating the oracle along a "
                  "16-step grid gives ρ̊_t (Y_t − X) with variance 1 and no correlation with X.",
                  {"eq8_residual": str(eq8), "eq9_residual": str(eq9), "sim_var": float(resid.var()),
                   "sim_corr_with_X": float(np.corrcoef(resid, x)[0, 1]), "n": n})


@claim("mse.eq10_14.uds_euler", paper="mse", where="§3 Eqs. (10), (13), (14)",
       statement="The generator (10) is Euler-UDS (14) with q_st = r_s/r_t and β_st = ρ̊_t⁻¹√(1 − ρ_s²/ρ_t²).",
       method="symbolic")
def uds_euler(ctx):
    res, q, beta = mg.derive_uds_from_generator()
    rng = np.random.default_rng(ctx.seed)
    y, xh, xi = rng.standard_normal((3, 1000))
    hs, ht, rs, rt = 0.7, 1.3, 1.0, 1.6
    a = mg.generator_step(y, xh, rs, rt, hs, ht, xi)
    qq, bb = mg.uds_coefficients(hs, ht, np.sqrt(1 - (rs / rt) ** 2))
    b = mg.euler_uds(y, xh, qq, bb, xi)
    err = float(np.max(np.abs(a - b)))
    ok = res == 0 and err < 1e-12
    return Result("verified" if ok else "refuted",
                  "Dividing (10) by r_t gives (14) exactly; in terms of η = √(1 − ρ_s²/ρ_t²): q = √(1 − η²) ρ̊_s/ρ̊_t, β = η/ρ̊_t.",
                  {"residual": str(res), "q(eta)": str(q), "beta(eta)": str(beta), "numeric_max_diff": err})


@claim("mse.eq11_12.pathwise", paper="mse", where="§3 Eqs. (11)–(12)",
       statement="Iterating (10) gives (11) with ξ* ~ N(0, I); as N → ∞ the sum becomes the unweighted pathwise integral ∫ X̂_r dr of (12).",
       method="numeric")
def pathwise(ctx):
    rng = np.random.default_rng(ctx.seed)
    sch = Schedule("logis")
    grid = np.linspace(0.2, 0.8, 11)
    h = sch.rho(grid)
    rho = h**0.5
    r = rho * h
    n = 5000
    xhat = lambda tt: np.sin(3 * tt)  # a deterministic stand-in for t ↦ X̂_t(Ŷ_t) (any continuous path)
    y0 = rng.standard_normal(n)
    xis = rng.standard_normal((10, n))
    y = y0.copy()
    for i in range(10):
        y = mg.generator_step(y, xhat(grid[i]), rho[i], rho[i + 1], h[i], h[i + 1], xis[i])
    closed = (r[0] * y0 + np.sum(np.diff(r) * xhat(grid[:-1])) + np.sqrt(rho[-1] ** 2 - rho[0] ** 2) * mg.xi_star(rho, xis)) / r[-1]
    err11 = float(np.max(np.abs(y - closed)))
    var_xi = float(mg.xi_star(rho, xis).var())
    # (12): the Riemann–Stieltjes sums Σ (r_{i+1} − r_i) X̂_{t_i} → ∫ X̂ dr with error O(1/N)
    rfun = lambda tt: sch.rho(tt) ** 1.5
    drdt = lambda tt: 1.5 * sch.rho(tt) ** 1.5 * sch.dlam(tt)
    exact = integrate.quad(lambda tt: xhat(tt) * drdt(tt), 0.2, 0.8, epsabs=1e-13)[0]
    Ns = np.array([16, 64, 256, 1024])
    errs = []
    for N in Ns:
        g = np.linspace(0.2, 0.8, N + 1)
        errs.append(abs(np.sum(np.diff(rfun(g)) * xhat(g[:-1])) - exact))
    slope = float(np.polyfit(np.log(Ns), np.log(errs), 1)[0])
    ok = err11 < 1e-10 and abs(var_xi - 1) < 4 * np.sqrt(2 / n) and slope < -0.9
    return Result("verified" if ok else "refuted",
                  f"Ten steps of (10) equal the closed form (11) to {err11:.1e}; ξ* has variance {var_xi:.3f}; the sums "
                  f"converge to the integral in (12) with order N^{slope:.2f}.",
                  {"max_diff_eq11": err11, "var_xi_star": var_xi, "N": Ns, "riemann_error": errs, "slope": slope})


@claim("mse.s3.ddpm_ddim", paper="mse", where="§3 UDS remark 2",
       statement="EulerUDS with the ML diffusion size is DDPM's ancestral step; with β = 0 it is DDIM.",
       method="symbolic")
def ddpm_ddim(ctx):
    rm, rv, rd = mg.derive_ddpm_ddim()
    ok = rm == 0 and rv == 0 and rd == 0
    return Result("corrected" if ok else "refuted",
                  "Derived: Euler-UDS with η̊ = √(1 − ρ̊_s²/ρ̊_t²), i.e. β_st = ρ̊_t⁻¹ √(1 − ρ̊_s²/ρ̊_t²) (ring on ρ_s), has "
                  "exactly the mean and variance of DDPM's posterior step q(z_t | z_s, x̂), and β = 0 is DDIM "
                  "(η_DDIM = 0). The printed β_st = ρ̊_t⁻¹√(1 − ρ_s²/ρ̊_t²) mixes the diffusion schedule ρ_s with ρ̊_t. "
                  "More generally UDS with step η equals DDIM with noise σ_DDIM = σ_t η. Cross-checked numerically "
                  "against diffusers' DDPMScheduler / DDIMScheduler in tests/test_mse_generator.py.",
                  {"ddpm_mean_residual": str(rm), "ddpm_var_residual": str(rv), "ddim_residual": str(rd)})


@claim("mse.eq17.step_kl", paper="mse", where="§4.1 Eqs. (16)–(17)",
       statement="KL of one step = w^N_s ‖ε̂_s − ε_s‖², w^N_s = (ρ̊_t/ρ_s − ρ_s/ρ_t)²/(2(1 − ρ_s²/ρ_t²)) as printed.",
       method="symbolic")
def step_kl(ctx):
    w, printed, s = mdv.derive_step_kl()
    target = (s["rhoring_t"] / s["rhoring_s"] - s["rho_s"] / s["rho_t"]) ** 2 / (2 * (1 - s["rho_s"] ** 2 / s["rho_t"] ** 2))
    same_as_ring = sp.simplify(w - target) == 0
    same_as_printed = sp.simplify(w - printed) == 0
    verdict = "verified" if same_as_printed else ("corrected" if same_as_ring else "refuted")
    return Result(verdict,
                  "w^N_s = (ρ̊_t/ρ̊_s − ρ_s/ρ_t)² / (2(1 − ρ_s²/ρ_t²)): the first ratio is ρ̊_t/ρ̊_s (both rings), as the "
                  "printed means μ_s, μ̂_s give; the printed ρ̊_t/ρ_s is not invariant to rescaling ρ (only ρ-ratios "
                  "matter), so it is a typo or extraction damage.",
                  {"derived_w": str(w), "equals_ring_form": same_as_ring, "equals_printed": same_as_printed})


@claim("mse.prop1.path_kl", paper="mse", where="§4.1 Prop. 1, Eq. (21)",
       statement="The diffusion loss is exactly Σ_i w^N_{t_i} E‖ε̂_{t_i} − ε‖².", method="numeric")
def prop1(ctx):
    rng = np.random.default_rng(ctx.seed)
    rows = []
    for sched, param in (("logis", "vel"), ("sech", "noise"), ("normal", "fpred")):
        sch = Schedule(sched)
        grid = np.sort(rng.uniform(0.05, 0.95, 10))
        h = sch.rho(grid)
        v = float(rng.uniform(0.2, 2.0))
        for kind in ("ml", "mse"):
            etas = mg.step_etas(kind, sch, param, grid)
            k_opt = v / (v + h[:-1] ** -2)
            for k in (k_opt, k_opt * rng.uniform(0.5, 1.2, 9)):
                a, b = mdv.path_kl_gaussian(h, etas, k, v), mdv.prop1_sum(h, etas, k, v)
                rows.append({"case": f"{sched}/{kind}", "path_kl": a, "prop1_sum": b, "rel_diff": _rel(a, b)})
    worst = max(r["rel_diff"] for r in rows)
    return Result("verified" if worst < 1e-8 else "refuted",
                  f"For 1-D Gaussian data and linear denoisers the KL between the joint Gaussian path laws (computed "
                  f"from full covariances, not by the chain rule) equals the weighted sum (21): worst relative "
                  f"difference {worst:.1e} over {len(rows)} cases.", {"cases": rows, "worst_rel_diff": worst})


@claim("mse.prop2.continuum", paper="mse", where="§4.1 Prop. 2, Eqs. (22)–(23)",
       statement="L^N = L + O(1/N) with L = ∫ (λ' + λ̊')²/(4λ') E‖ε̂ − ε‖² dτ.", method="numeric")
def prop2(ctx):
    Ns = np.array([16, 32, 64, 128, 256, 512, 1024, 2048])
    ev = {}
    slopes = []
    for sched, kappa in (("logis", 0.5), ("sech", 1.0), ("normal", 0.2)):
        gaps = []
        for N in Ns:
            LN, L = mdv.prop2_gap(sched, 0.1, 0.9, kappa, int(N))
            gaps.append(abs(LN - L))
        slope = float(np.polyfit(np.log(Ns), np.log(gaps), 1)[0])
        slopes.append(slope)
        ev[f"{sched}_kappa{kappa}"] = {"N": Ns, "abs_gap": gaps, "order": slope, "L": L}
    ok = all(-1.15 < s < -0.85 for s in slopes)
    return Result("verified" if ok else "corrected",
                  f"With a constant denoising error and λ' = κλ̊' (closed-form L), |L^N − L| decays as N^p with measured "
                  f"p = {', '.join(f'{s:.3f}' for s in slopes)}: first order, as stated.", ev)


@claim("mse.eq24.chi2", paper="mse", where="§4.2 Eq. (24)",
       statement="(λ' + λ̊')²/(4λ') = λ̊' + χ²(λ', λ̊')/4 with χ² = (λ' − λ̊')²/λ'.", method="symbolic")
def chi2(ctx):
    r = mdv.derive_chi2_form()
    return Result("verified" if r == 0 else "refuted", "The difference simplifies to 0.", {"residual": str(r)})


@claim("mse.eq26.penalized_optimum", paper="mse", where="§4.2 Eqs. (25)–(26)",
       statement="The optimal rate for the penalized weight λ̊' + (χ² + c λ')/4 is λ̊'/√(1 + c); c = 0 is ML, c → ∞ a flow.",
       method="symbolic")
def penalized(ctx):
    sols, second, weight, (l, lr, c) = mdv.derive_penalized_optimum()
    ok = len(sols) == 1 and sp.simplify(sols[0] - lr / sp.sqrt(1 + c)) == 0 and second.is_positive
    lim = sp.limit(sols[0], c, sp.oo)
    return Result("verified" if ok and lim == 0 else "refuted",
                  "The stationarity condition 1 − λ̊'²/λ'² + c = 0 has the single positive root λ̊'/√(1 + c), a minimum "
                  "(second derivative (1 + c)^{3/2}/(2λ̊') > 0); at c = 0 it is λ̊' (ML), and it tends to 0 as c → ∞.",
                  {"roots": [str(s) for s in sols], "second_derivative": str(second), "limit_c_inf": str(lim)})


def _coherence_scan(seed: int, n_t: int = 201):
    """Coherence residual of (30) and agreement with a numeric root solve, for all 24 pairs."""
    rows = {}
    for sched in SCHEDULES:
        for p in PARAMETERIZATIONS:
            t0, t1 = 0.02, 0.98
            M, _ = mdv.mse_M(p, sched, t0, t1)
            ts = np.linspace(t0, t1, n_t)
            res = mdv.coherence_residual(p, sched, ts, M)
            sch = Schedule(sched)
            d = sch.dlam(ts[::20])
            s2 = S2(p, sch, ts[::20])
            lam = mdv.mse_rate(d, s2, M)
            num = []
            for di, si in zip(d, s2):
                f = lambda x, di=di, si=si: np.log(mdv.kl_weight(x, di) / (M * si))
                num.append(optimize.brentq(f, di * 1e-30, di, xtol=1e-300, rtol=1e-14) if f(di) < 0 else di)
            rows[f"{sched}/{p}"] = {"M": M, "max_abs_residual": float(np.max(np.abs(res))),
                                    "max_rel_vs_root_solve": float(np.max(np.abs(np.array(num) / lam - 1)))}
    return rows


@claim("mse.prop3.rate", paper="mse", where="§5 Prop. 3, Eqs. (28)–(30)",
       statement="With M = max λ̊'/S², coherence (28) holds iff λ'_c = (√(M S_t) − √(M S_t² − λ̊'_t))² (as printed).",
       method="symbolic")
def prop3(ctx):
    d = mdv.derive_prop3()
    l, lr, s2 = d["symbols"]
    roots_ok = {sp.simplify(r - d["minus"]) == 0 or sp.simplify(r - d["plus"]) == 0 for r in d["roots"]} == {True}
    prod_ok = sp.simplify(d["product"] - lr**2) == 0
    # c_- >= 0 >= c_+ on MS² >= λ̊' (checked on a random sample of the admissible region)
    rng = np.random.default_rng(ctx.seed)
    fm = sp.lambdify((lr, s2), d["c_minus"])
    fp = sp.lambdify((lr, s2), d["c_plus"])
    a = rng.uniform(0.01, 10, 2000)
    b = a * (1 + rng.exponential(2.0, 2000))
    signs_ok = bool(np.all(fm(a, b) >= -1e-12) and np.all(fp(a, b) <= 1e-12))
    # printed literal √(M S_t): differs from √M·S_t unless S_t = 1 — e.g. S_t = 4, M = 1, λ̊' = 1
    Msym, S, lrv = 1, 4, 1
    printed_literal = (np.sqrt(Msym * S) - np.sqrt(Msym * S**2 - lrv)) ** 2
    derived = (np.sqrt(Msym) * S - np.sqrt(Msym * S**2 - lrv)) ** 2
    scan = _coherence_scan(ctx.seed)
    worst_res = max(r["max_abs_residual"] for r in scan.values())
    worst_root = max(r["max_rel_vs_root_solve"] for r in scan.values())
    ok = roots_ok and prod_ok and signs_ok and worst_res < 1e-9 and worst_root < 1e-6
    return Result("corrected" if ok else "refuted",
                  "λ̌'_t = (√M·S_t − √(M S_t² − λ̊'_t))² = λ̊'_t²/(√M S_t + √(M S_t² − λ̊'_t))². Equal integrands (42) give "
                  "two roots β_∓ = (√M S_t ∓ √(M S_t² − λ̊'_t))² with β_−β_+ = λ̊'², so β_− ≤ λ̊' ≤ β_+; matching (26) "
                  "gives penalties c_− ≥ 0 ≥ c_+, and only β_− is a penalized-ML optimum (c ≥ 0), hence the choice. "
                  "The printed √(M S_t) must be read √M·S_t (= √(M S_t²)), as the proof's s² = M S_t² and the Example "
                  f"use; read literally it is not coherent (M = 1, S = 4, λ̊' = 1: {printed_literal:.4f} vs {derived:.4f}). "
                  f"Coherence residual of the rate along t ≤ {worst_res:.1e} for all 24 pairs; a root solve agrees to "
                  f"{worst_root:.1e}. Real roots need M S_t² ≥ λ̊'_t on [t0, tmax], which is what M of (29) guarantees.",
                  {"roots": [str(r) for r in d["roots"]], "product": str(d["product"]), "c_signs_ok": signs_ok,
                   "pairs": scan, "literal_printed_example": printed_literal, "derived_example": derived})


@claim("mse.prop3.m_family", paper="mse", where="§5 Prop. 3 (beyond the paper)",
       statement="Coherence (28) alone does not fix M: every M' ≥ max λ̊'/S² gives a coherent rate; (29) is the smallest, the most diffusive.",
       method="numeric")
def m_family(ctx):
    sch, p, t0, t1 = Schedule("logis"), "vel", 0.01, 0.99
    M, targ = mdv.mse_M(p, sch, t0, t1)
    ts = np.linspace(t0, t1, 401)
    d, s2 = sch.dlam(ts), S2(p, sch, ts)
    ev = {"M_min": M, "t_argmax": targ}
    prev = None
    mono = True
    for f in (1.0, 2.0, 10.0, 1e3):
        res = mdv.coherence_residual(p, sch, ts, f * M)
        lam = mdv.mse_rate(d, s2, f * M)
        ev[f"M x{f:g}"] = {"max_abs_residual": float(np.max(np.abs(res))), "mean_rate": float(lam.mean())}
        if prev is not None:
            mono &= bool(np.all(lam <= prev + 1e-15))
        prev = lam
    touch = float(mdv.mse_rate(sch.dlam(targ), S2(p, sch, targ), M) / sch.dlam(targ))
    below = float(np.max(mdv.mse_rate(d, s2, M) / d))
    # constant rescaling of S (e.g. the factor 2 in Sigmoid) leaves λ̌' unchanged: M scales by 1/c²
    lam_a = mdv.mse_rate(d, s2, M)
    lam_b = mdv.mse_rate(d, 9 * s2, mdv.mse_M(p, sch, t0, t1)[0] / 9)
    ok = mono and touch > 1 - 1e-6 and below <= 1 + 1e-9 and max(v["max_abs_residual"] for k, v in ev.items() if k.startswith("M x")) < 1e-9
    ev.update({"rate_over_ml_at_argmax": touch, "max_rate_over_ml": below,
               "scale_invariance_max_rel": float(np.max(np.abs(lam_b / lam_a - 1)))})
    return Result("verified" if ok else "refuted",
                  "Every M' ≥ M gives a rate with zero coherence residual; the rate decreases with M' (→ flow as M' → ∞); "
                  "with M of (29) the MSE-rate never exceeds the ML rate λ̊' and touches it at the argmax of λ̊'/S². "
                  "Rescaling S by a constant leaves λ̌' unchanged.", ev)


@claim("mse.s5.example_logis_vel", paper="mse", where="§5 Example",
       statement="Logis + Vel: M = t_max/(1 − t_max), λ̌'_t = (√M − √(M − t/(1−t)))²/t², and the compact closed form.",
       method="symbolic")
def example(ctx):
    e = mdv.derive_example()
    t, tmax = e["t"], e["tmax"]
    M_ok = sp.simplify(e["M"] - tmax / (1 - tmax)) == 0
    ratio_increasing = sp.simplify(sp.diff(e["ratio"], t))  # 1/(1−t)² > 0
    probes = [(0.2, 0.9), (0.5, 0.99), (0.7, 0.8), (0.05, 0.5)]
    rate_diff = max(abs(float(sp.N((e["rate"] - e["printed_rate"]).subs({t: a, tmax: b}), 30))) for a, b in probes)
    dcompact = sp.diff(e["compact"], t)
    compact_is_antiderivative = max(abs(float(sp.N((dcompact - e["rate"]).subs({t: sp.Float(a, 30), tmax: sp.Float(b, 30)}), 30)))
                                    for a, b in probes)
    compact_vs_rate_value = abs(float(sp.N((e["compact"] - e["rate"]).subs({t: 0.5, tmax: 0.99}), 20)))
    ok = M_ok and rate_diff < 1e-12 and compact_is_antiderivative < 1e-20
    return Result("corrected" if ok else "refuted",
                  "M = t_max/(1 − t_max) (λ̊'/S² = t/(1 − t) increases) and λ̌'_t = (√M − √(M − t/(1−t)))²/t² are right. "
                  "The compact form −log(t/(1−t)) − log((1+g_t)/(1−g_t)) + 2t_max/(1−t_max)·(1−t)/t·(g_t − 1) + const is "
                  "λ̌_t = log ρ_t, the antiderivative of the rate (its derivative equals λ̌'_t), not λ̌'_t as printed.",
                  {"M_matches": M_ok, "d_ratio_dt": str(ratio_increasing), "rate_vs_printed": rate_diff,
                   "d_compact_minus_rate": compact_is_antiderivative, "compact_minus_rate_at_0.5_0.99": compact_vs_rate_value})


@claim("mse.s5.discrete_w", paper="mse", where="§5 Discrete time",
       statement="w^N_t(η) = η⁻²(√γ − √(1 − η²))² with γ = ρ̊_t²/ρ̊_s², and η̊ = argmin_η w = √(1 − γ⁻¹).",
       method="symbolic")
def discrete_w(ctx):
    w_eta, printed, eta_ring, wmin, eta, gamma = mdv.derive_w_eta()
    ratio = sp.simplify(w_eta / printed)
    ring_ok = sp.simplify(eta_ring - sp.sqrt(1 - 1 / gamma)) == 0
    return Result("corrected" if ring_ok and ratio == sp.Rational(1, 2) else "refuted",
                  "From (17) with ρ_s/ρ_t = √(1 − η²): w^N(η) = (√γ − √(1 − η²))²/(2η²) — the printed form lacks the 1/2 "
                  "of (17) (the printed η̌ and M below do use it). η̊ = √(1 − γ⁻¹) is right (the DDPM step), with "
                  "minimum w = (γ − 1)/2.",
                  {"derived_w": str(w_eta), "derived_over_printed": str(ratio), "eta_ring": str(eta_ring), "min_w": str(wmin)})


@claim("mse.s5.discrete_eta_mse", paper="mse", where="§5 Discrete time",
       statement="η̌ = (γ − 1)/(√(2MS²γ) + √(2MS² + 1 − γ)) with M = max (γ − 1)/(2S²); η̌² ≈ 2Δt λ̌'.",
       method="symbolic")
def discrete_eta(ctx):
    roots, printed, disc, eta, gamma, a = mdv.derive_eta_mse()
    rng = np.random.default_rng(ctx.seed)
    g = 1 + rng.exponential(0.5, 200)
    av = (g - 1) * (1 + rng.exponential(1.0, 200))  # a = 2MS² ≥ γ − 1
    f_roots = [sp.lambdify((gamma, a), r) for r in roots]
    f_pr = sp.lambdify((gamma, a), printed)
    pv = f_pr(g, av)
    match = min(float(np.max(np.abs(fr(g, av) - pv))) for fr in f_roots)
    small_root_is_printed = bool(np.all(pv <= np.sqrt(1 - 1 / g) + 1e-12))
    # continuum agreement: Logis + Vel on [0.05, 0.95], η̌² / (2Δt λ̌') → 1
    sch, p = Schedule("logis"), "vel"
    M_c, _ = mdv.mse_M(p, sch, 0.05, 0.95)
    errs = []
    Ns = (50, 200, 800)
    for N in Ns:
        grid = np.linspace(0.05, 0.95, N + 1)
        et = mg.step_etas("mse", sch, p, grid)
        lam = mdv.mse_rate(sch.dlam(grid[1:]), S2(p, sch, grid[1:]), M_c)
        errs.append(float(np.max(np.abs(et**2 / (2 * np.diff(grid) * lam) - 1))))
    ok = match < 1e-12 and small_root_is_printed and errs[-1] < errs[0]
    return Result("verified" if ok else "refuted",
                  "Solving (√γ − √(1 − η²))² = 2MS²η² (w^N = MS² with the 1/2 of (17), M absorbing Δt) gives two roots; "
                  "the printed η̌ is the smaller one (≤ η̊), and it is real iff 2MS² ≥ γ − 1 on the grid, which the printed M "
                  f"ensures. Against the continuous rate: max |η̌²/(2Δt λ̌') − 1| = {', '.join(f'{e:.3g}' for e in errs)} "
                  f"for N = {Ns}.",
                  {"roots": [str(r) for r in roots], "discriminant": str(disc), "max_diff_printed_vs_root": match,
                   "N": Ns, "continuum_rel_err": errs})


# ---------------------------------------------------------------- §6, Fig. 1


def _fig1_rows():
    rows = {}
    for m in mds.SOTA_MODELS:
        grid = mds.model_grid(m)
        d = mds.diffusion_sizes(m.schedule, m.param, grid)
        # the exact discrete step sizes for comparison with 2Δt λ' ≈ η²
        rr = Schedule(m.schedule).rho(grid)
        eta_ml_exact = mg.step_etas("ml", m.schedule, m.param, grid)
        eta_mse_exact = mg.step_etas("mse", m.schedule, m.param, grid)
        rows[m.name] = dict(
            schedule=m.schedule, param=m.param, steps=len(grid) - 1, t0=float(grid[0]), tmax=float(grid[-1]), M=d["M"],
            later_max_beta_mse=mds.later_stage_max(d["beta_mse"]), later_max_beta_ml=mds.later_stage_max(d["beta_ml"]),
            later_median_beta_mse=float(np.median(d["beta_mse"][len(grid) // 2:])),
            later_max_beta_mse_exact=mds.later_stage_max(eta_mse_exact / rr[1:]),
            later_max_beta_ml_exact=mds.later_stage_max(eta_ml_exact / rr[1:]),
            first_beta_mse=float(d["beta_mse"][0]))
    return rows


@claim("mse.fig1.sizes", paper="mse", where="§6 Fig. 1",
       statement="MSE-diffusion sizes of SOTA models are close to zero except at the initial stage; ML sizes are not.",
       method="numeric", figures=("mse_fig1_diffusion_sizes",))
def fig1_sizes(ctx):
    rows = _fig1_rows()
    ratio = {k: r["later_max_beta_mse"] / r["later_max_beta_ml"] for k, r in rows.items()}
    ok = all(r["later_max_beta_mse"] < r["later_max_beta_ml"] for r in rows.values())
    return Result("verified" if ok else "refuted",
                  "Grids: 250 (Logis+Vel, Logis+VelLN) and 512 (SechInter+Sigmoid) uniform steps on [1e-3, 1 − 1e-3]; EDM2 "
                  "on its own 32-point ρ = 7 grid (σ ∈ [0.002, 80] → t ∈ [8.7e-7, 1 − 3e-9]). Over the later half of the "
                  "steps the MSE-size is far below the ML-size for every model; both are largest at the first steps.",
                  {"models": rows, "later_max_mse_over_ml": ratio})


@claim("mse.fig1.below_1pct", paper="mse", where="§6 (text to Fig. 1)",
       statement="In the later stages of generation the MSE-diffusion size is below 1% (of the data scale) for all models but EDM2.",
       method="numeric", figures=("mse_fig1_diffusion_sizes",))
def fig1_below(ctx):
    rows = _fig1_rows()
    vals = {k: r["later_max_beta_mse"] for k, r in rows.items() if k != "EDM2"}
    # sensitivity to t_max (the paper states none)
    sens = {}
    for tmax in (0.99, 0.999, 0.9999):
        for m in mds.SOTA_MODELS:
            if m.grid == "uniform":
                d = mds.diffusion_sizes(m.schedule, m.param, mds.uniform_grid(1e-3, tmax, m.steps))
                sens[f"{m.name}@tmax={tmax}"] = mds.later_stage_max(d["beta_mse"])
    ok = all(v < 0.01 for v in vals.values())
    return Result("verified" if ok else "refuted",
                  "Later stages = last half of the steps; β in data units (Y = X + ε/ρ̊). Max β_MSE there: "
                  + ", ".join(f"{k} {v:.4f}" for k, v in vals.items())
                  + "; all below 0.01, reached at the last step where λ̌' touches λ̊'. With t_max ∈ {0.99, 0.999, 0.9999} "
                  f"the maxima range over {min(sens.values()):.4f}–{max(sens.values()):.4f}.",
                  {"later_max_beta_mse": vals, "tmax_sensitivity": sens})


@claim("mse.fig1.edm2_5pct", paper="mse", where="§6 (text to Fig. 1)",
       statement="For EDM2 the MSE-diffusion size remains at about 5% of the image size in the later stages.",
       method="numeric", figures=("mse_fig1_diffusion_sizes",))
def fig1_edm2(ctx):
    r = _fig1_rows()["EDM2"]
    v, ve = r["later_max_beta_mse"], r["later_max_beta_mse_exact"]
    med = r["later_median_beta_mse"]
    close = 0.03 <= v <= 0.08
    verdict = "verified" if close else "refuted"
    return Result(verdict,
                  f"On EDM2's 32-point grid (Normal + F-pred, σ ∈ [0.002, 80]) β_MSE over the later half of the steps has "
                  f"max {v:.4f} (paper's 2Δtλ' ≈ η²; {ve:.4f} with the exact discrete η̌) and median {med:.2e} in data "
                  f"units, i.e. {v / 0.5:.1%} of EDM2's σ_data = 0.5 at most — not about 5%. Only the last step (where "
                  "λ̌' = λ̊') approaches 1%; the rest is ≲1e-4.",
                  {"later_max_beta_mse": v, "later_max_beta_mse_exact": ve, "later_median_beta_mse": med,
                   "M": r["M"], "t0": r["t0"], "tmax": r["tmax"]})


@claim("mse.fig1.eta_approximation", paper="mse", where="§5–§6 (2Δt λ' ≈ η², beyond the paper)",
       statement="The approximation 2Δt λ'_t ≈ η²_{t−Δt,t} used for Fig. 1 is accurate on the models' grids.",
       method="numeric")
def fig1_approx(ctx):
    rows = _fig1_rows()
    ev = {k: {"later_max_beta_ml_approx": r["later_max_beta_ml"], "later_max_beta_ml_exact": r["later_max_beta_ml_exact"],
              "later_max_beta_mse_approx": r["later_max_beta_mse"], "later_max_beta_mse_exact": r["later_max_beta_mse_exact"]}
          for k, r in rows.items()}
    rel = {k: abs(v["later_max_beta_mse_approx"] / v["later_max_beta_mse_exact"] - 1) for k, v in ev.items()}
    rel_ml = {k: abs(v["later_max_beta_ml_approx"] / v["later_max_beta_ml_exact"] - 1) for k, v in ev.items()}
    ok = max(rel.values()) < 0.1
    return Result("verified" if ok else "corrected",
                  "For the ML-diffusion the approximation is within "
                  + f"{max(rel_ml.values()):.0%} of the exact discrete β (η̊ = √(1 − 1/γ)). For the MSE-diffusion the "
                  "later-stage maxima (the last steps, where λ̊' changes strongly within a step and the discrete M of §5 "
                  "differs from the continuous one) differ by "
                  + ", ".join(f"{k} {rel[k]:.0%}" for k in rel)
                  + ": use the discrete η̌ of §5 there (on a non-uniform grid with S²Δt_i per step). Both versions stay "
                  "below 1% in the later stages, so the §6 conclusion does not depend on it.",
                  {"models": ev, "rel_diff_later_max_mse": rel})
