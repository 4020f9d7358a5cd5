"""Claims of kdiff §3, Apps. A–E and Alg. 1, each derived (SymPy) from the definitions of §3.1 and compared with the
printed statement; the numeric twins are checked against the derivations. Beyond the paper (``kdiff.beyond.*``): k*
for any time density, for the losses actually trained, the exact end points of Δ*(k), and the assumption audit —
what Thm 3.2 becomes for data of another scale/covariance and for a time-conditioned denoiser W(t).

Each claim is an evidence function (the registered one) and a ``decide_*`` function that maps its evidence to a
verdict by the rule in ``criteria``.

Readings. The kdiff PDF text of §3 and Apps. A–E is clean LaTeX (no lost accents or garbled indices in these
lines), so each printed line has one plausible reading, the literal one; ``printed_vs_derived`` is applied per line
with that reading. A line that fails is ``corrected`` when the derived form passes its independent check (a
Monte-Carlo estimate or a float64 computation that does not go through SymPy), ``refuted`` when that check fails
too; ``error`` when our numeric twin disagrees with our own derivation (a bug here, never a paper verdict)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

from difftheory.decide import AS_PRINTED, combine, printed_vs_derived, within
from difftheory.ledger import Decision, claim
from difftheory.theory import kdiff_assumptions
from difftheory.theory import kdiff_linear_dynamics
from difftheory.theory import kdiff_optimum_symbolic
from difftheory.theory import kdiff_reparam
# float64 twin vs lambdified SymPy at random points: round-off is ~1e-15; 1e-10 leaves room and catches any slip
TWIN_TOL = 1e-10
# a numeric minimiser (grid + bounded Brent, xatol 1e-10) of a smooth Δ*(k) vs a closed form: Δ* is flat at its
# minimum, so float64 locates it to ~sqrt(1e-16)·scale ≈ 1e-8; 1e-6 leaves two decades
KSTAR_TOL = 1e-6
# Monte-Carlo checks of the second moments: an entry off by more than 6 standard errors (two-sided p ≈ 2e-9 per
# entry, a few hundred entries) is a real disagreement, not sampling noise
MC_Z = 6.0
MC_DRAWS = 100_000
# the sweep k_star_of_ratio (grid 201 at quick scale, parabola refinement) vs the precise minimiser: grid spacing
# 1/200 with the parabola is accurate to ~(1/200)² where Δ* is smooth and to one spacing at a clamp kink
SWEEP_TOL = 5e-3


def _derived_delta_star():
    """App. D's Δ*(k; D, d) and L0(k; D, d), derived by SymPy (uniform t, κ = 1), as NumPy functions of (k, D, d)."""
    n = kdiff_optimum_symbolic.derive_target_norm()
    args = (kdiff_optimum_symbolic.k, kdiff_optimum_symbolic.D, kdiff_optimum_symbolic.d)
    return n, sp.lambdify(args, n["delta"]), sp.lambdify(args, n["L0"])


def _delta_star_twin_gap(f_delta, ks, ratio) -> float:
    """Largest relative gap between kdiff_optimum.delta_star (u-loss, uniform t) and the derived Δ* at k ∈ ks, D/d = ratio."""
    from difftheory.theory.kdiff_optimum import delta_star
    from difftheory.theory.time_densities import TimeDensity

    ks = np.asarray(ks, float)
    return float(np.max(np.abs(delta_star(ks, ratio, 1, TimeDensity(), "u") - f_delta(ks, ratio, 1)) / f_delta(ks, ratio, 1)))


THM31_ASSUMPTIONS = ("data on a linear subspace: x = P x̃ with PᵀP = I_d (§3.1)",
                     "whitened intrinsic data E[x̃x̃ᵀ] = I_d (Eq. 6; Gaussianity not used)",
                     "white noise E[nnᵀ] = I independent of x̃ (Eq. 7)",
                     "one linear denoiser û = Wz, W independent of t (Eq. 2)",
                     "loss (4) integrated against D̃α = Dα·κ² with ∫D̃ασ² > 0 (any sampler, any κ)",
                     "the equilibrium of the gradient flow (8) is the global minimiser (convex quadratic loss)")
THM32_ASSUMPTIONS = THM31_ASSUMPTIONS + ("flow-matching schedule α = t, σ = 1 − t",
                                         "k-target φ = k, ψ = −(1 − k), k constant in t (Eq. 13)",
                                         "t ~ U[0, 1] (E[t] = ½)", "u-loss: κ = 1 (w = u), no clamp")


def _fmt(xs, p=3) -> str:
    return "[" + ", ".join("None" if x is None else f"{x:.{p}g}" for x in xs) + "]"


def _bad(lines: dict) -> list[str]:
    return [k for k, ok in lines.items() if not ok]


# ----------------------------------------------------------------------------------------- shared decision shape
def _decide_lines(ev, what: str, twin_name: str, check_name: str) -> Decision:
    """Printed lines vs the derivation, one literal reading each (see the module docstring).

    ``ev["lines"]``: {line: printed equals derived}; ``ev["twin_gap"]``: |numeric twin − derivation| (error above
    TWIN_TOL); ``ev["independent_check"]``: the derivation passes a check that does not go through SymPy (what
    makes a failing line ``corrected`` rather than ``refuted``)."""
    twins = within(ev["twin_gap"], TWIN_TOL)
    check = bool(ev["independent_check"])
    per_line = {name: printed_vs_derived({AS_PRINTED: ok}, correction_holds=check, twins_agree=twins)[0]
                for name, ok in ev["lines"].items()}
    verdict = combine(per_line.values())
    gap = "not finite" if ev["twin_gap"] is None else f"{ev['twin_gap']:.1e}"
    if verdict == "error":
        return Decision("error", f"{twin_name} differs from our SymPy derivation by {gap} (> {TWIN_TOL:g}): a bug "
                                 f"here, not in the paper.")
    n = len(per_line)
    if verdict == "verified":
        return Decision("verified", f"{what}: all {n} printed lines equal the derivation ({', '.join(per_line)}); "
                                    f"{twin_name} agrees to {gap}; {check_name}: passed.", AS_PRINTED.label)
    bad = _bad(ev["lines"])
    if verdict == "corrected":
        return Decision("corrected", f"{what}: the printed lines {', '.join(bad)} differ from the derivation; the "
                                     f"derived forms (evidence) are the correction — {check_name}: passed, and "
                                     f"{twin_name} agrees to {gap}.", AS_PRINTED.label)
    return Decision("refuted", f"{what}: the printed lines {', '.join(bad)} differ from the derivation, and the "
                               f"derivation fails {check_name} as well.", AS_PRINTED.label)


@lru_cache(maxsize=2)
def _mc_moments(seed: int, D: int = 4, d: int = 2) -> dict:
    """Monte-Carlo second moments and Eq. (8)'s integrand at one random (α, σ, φ, ψ, W) on a random orthonormal P,
    against the derived closed forms; the largest |estimate − formula|/s.e. over all entries."""
    rng = np.random.default_rng(seed)
    P = kdiff_assumptions.orthonormal_P(D, d, seed)
    al, sg, ph, ps = rng.uniform(0.2, 1.2, 4) * np.array([1, 1, 1, -1])
    W = rng.standard_normal((D, D))
    xt = rng.standard_normal((MC_DRAWS, d)) + 0.3           # a non-zero mean: E[x̃x̃ᵀ] = I + 0.09·11ᵀ here
    xt = xt @ np.linalg.inv(np.linalg.cholesky(xt.T @ xt / MC_DRAWS)).T   # whitened second moment, Eq. (6)
    n = rng.standard_normal((MC_DRAWS, D))
    x = xt @ P.T
    z, u = al * x + sg * n, ph * x + ps * n
    proj, I = P @ P.T, np.eye(D)

    def zscore(samples, formula):
        m, se = samples.mean(0), samples.std(0) / np.sqrt(MC_DRAWS)
        return float(np.max(np.abs(m - formula) / np.maximum(se, 1e-12)))

    outer = lambda a, b: np.einsum("ni,nj->nij", a, b)  # noqa: E731
    return {
        "zz": zscore(outer(z, z), al**2 * proj + sg**2 * I),                 # Eq. (32a)
        "uz": zscore(outer(u, z), ph * al * proj + ps * sg * I),             # Eq. (32b)
        "uu": zscore(outer(u, u), ph**2 * proj + ps**2 * I),                 # Eq. (40g)
        "xn": zscore(outer(x, n), np.zeros((D, D))),                          # Eq. (30)
        "grad_eq8": zscore(outer(z @ W.T - u, z),                             # ∂_W ½‖Wz − u‖², Eq. (28d) → (8)
                           al**2 * W @ proj + sg**2 * W - ph * al * proj - ps * sg * I),
    }


# ----------------------------------------------------------------------------------------- App. A
def decide_appA(ev) -> Decision:
    return _decide_lines(ev, "App. A (x̂, n̂ solved from (16) by sympy.solve; κ = ∂(ŵ − w)/∂û)",
                         "target_conversions.x_hat/n_hat/kappa/velocity_from_u", "αx̂ + σn̂ = z and φx̂ + ψn̂ = û with no z in ŵ − w − κ(û − u)")


@claim("kdiff.appA.kappa", paper="kdiff", where="App. A, Eqs. (16)–(26); Eq. (3)", method="symbolic",
       equations=("Eq. (3)", "Eqs. (16)–(18)", "Eqs. (21)–(26)"),
       statement="Solving (16) gives x̂, n̂ of (18); ŵ − w = κ(û − u) with κ = (ξσ − ηα)/(φσ − ψα) (22), "
                 "κ = 1, σ/(φσ−ψα), −α/(φσ−ψα), (α+σ)/(φσ−ψα) for the u-, x-, ε-, v-loss (23)–(26).",
       criteria=f"Each printed line (17a–b, 18a–b, 21e, 22–26) is compared with the SymPy derivation (literal reading); "
                f"verified iff all equal; a differing line is corrected iff the derived x̂, n̂ satisfy (16) exactly, else "
                f"refuted; error iff the NumPy twins differ from the derivation by more than {TWIN_TOL:g}.",
       decide=decide_appA)
def appA_kappa(ctx):
    a = kdiff_reparam.derive_appendix_a()
    gaps = kdiff_reparam.twin_gaps(np.random.default_rng(ctx.seed))
    satisfies = (sp.simplify(kdiff_reparam.alpha * a["x_hat"] + kdiff_reparam.sigma * a["n_hat"] - kdiff_reparam.z) == 0
                 and sp.simplify(kdiff_reparam.phi * a["x_hat"] + kdiff_reparam.psi * a["n_hat"] - kdiff_reparam.u_hat) == 0
                 and a["residual"] == 0)
    return {"lines": a["matches"], "derived": {"x_hat": str(a["x_hat"]), "n_hat": str(a["n_hat"]),
                                              "kappa": str(a["kappa"])},
            "twin_gaps": gaps, "twin_gap": max(gaps.values()), "independent_check": bool(satisfies)}


# ----------------------------------------------------------------------------------------- App. B, Eq. (8), (9)
def decide_appB(ev) -> Decision:
    ev = dict(ev, twin_gap=0.0 if ev["construction_exact"] else None,
              independent_check=ev["mc_max_z"] is not None and ev["mc_max_z"] <= MC_Z)
    if ev["independent_check"] is False and not _bad(ev["lines"]):
        return Decision("error", f"Monte-Carlo second moments disagree with the derivation ({ev['mc_max_z']} s.e., "
                                 f"tolerance {MC_Z:g}) although every printed line equals it: a bug here.")
    return _decide_lines(ev, "App. B second moments (moment rules (6), (7), independence, E[n] = 0, E[x̃] arbitrary, "
                             "on exactly orthonormal rational P)", "the Cayley construction (PᵀP = I exactly)",
                         f"a Monte-Carlo estimate ({ev['mc_draws']} draws; largest deviation "
                         f"{ev['mc_max_z'] if ev['mc_max_z'] is not None else float('nan'):.1f} s.e.)")


@claim("kdiff.appB.second_moments", paper="kdiff", where="App. B, Eqs. (29)–(32), (40)", method="symbolic",
       equations=("Eqs. (29)–(32)", "Eq. (40)"),
       statement="E[zzᵀ] = α²PPᵀ + σ²I, E[uzᵀ] = φαPPᵀ + ψσI, E[uuᵀ] = φ²PPᵀ + ψ²I, E[xnᵀ] = 0.",
       assumptions=THM31_ASSUMPTIONS[:3],
       criteria=f"Each printed moment is compared with the SymPy expectation (literal reading) on exact rational P for "
                f"(D, d) = (4, 2), (5, 3), (3, 1); verified iff all equal; a differing line is corrected iff a "
                f"Monte-Carlo estimate ({MC_DRAWS} draws, non-zero-mean whitened x̃) agrees with the derived form within "
                f"{MC_Z:g} s.e., else refuted; error iff PᵀP ≠ I in our construction or the Monte Carlo rejects the "
                f"derivation while every printed line equals it.",
       decide=decide_appB)
def appB_second_moments(ctx):
    cases = {f"D={D},d={d}": kdiff_linear_dynamics.second_moments(D, d, ctx.seed) for D, d in ((4, 2), (5, 3), (3, 1))}
    lines = {f"{c}:{k}": v for c, m in cases.items() for k, v in m.items() if k != "PtP_is_I"}
    mc = _mc_moments(ctx.seed)
    return {"lines": lines, "construction_exact": all(m["PtP_is_I"] for m in cases.values()),
            "mc_z_by_moment": {k: v for k, v in mc.items() if k != "grad_eq8"},
            "mc_max_z": max(v for k, v in mc.items() if k != "grad_eq8"), "mc_draws": MC_DRAWS}


def decide_eq8(ev) -> Decision:
    ok = ev["mc_z"] is not None and ev["mc_z"] <= MC_Z
    if not ok and not _bad(ev["lines"]):
        return Decision("error", f"a Monte-Carlo gradient disagrees with the derived Eq. (8) integrand "
                                 f"({ev['mc_z']} s.e. > {MC_Z:g}) although the printed line equals it: a bug here.")
    return _decide_lines(dict(ev, twin_gap=0.0, independent_check=ok),
                         "Eq. (8): −∂/∂W of ½E‖Wz − u‖² (full D×D W of symbols) at each time; ∫D̃α is linear, so "
                         "the identity holds for every measure", "(no numeric twin)",
                         f"a Monte-Carlo gradient E[(Wz − u)zᵀ] at a random W ({ev['mc_draws']} draws)")


@claim("kdiff.eq8.gradient_flow", paper="kdiff", where="Eq. (8), App. B (27)–(33)", method="symbolic",
       equations=("Eq. (4)", "Eq. (8)", "Eqs. (27)–(28)", "Eq. (33)"),
       statement="Gradient descent on (4) gives τ dW/dt̃ = −∫D̃α (α²WPPᵀ + σ²W − φαPPᵀ − ψσI).",
       assumptions=THM31_ASSUMPTIONS[:4],
       criteria=f"The printed integrand of Eq. (8) is compared with −∂L/∂W from SymPy for (D, d) = (3, 1), (4, 2) "
                f"(literal reading); verified iff equal; a differing line is corrected iff a Monte-Carlo gradient agrees "
                f"with the derived form within {MC_Z:g} s.e., else refuted; error iff the Monte Carlo rejects the "
                f"derivation while the printed line equals it.",
       decide=decide_eq8)
def eq8_gradient(ctx):
    lines = {f"D={D},d={d}:eq8": kdiff_linear_dynamics.gradient_flow(D, d, ctx.seed)["eq8"] for D, d in ((3, 1), (4, 2))}
    return {"lines": lines, "mc_z": _mc_moments(ctx.seed)["grad_eq8"], "mc_draws": MC_DRAWS}


def _decoupling_float_gap(seed: int, D: int = 7, d: int = 3) -> float:
    """(8)'s integrand times PPᵀ and I − PPᵀ vs (9a), (9b) in float64 on a random P, W and (α, σ, φ, ψ)."""
    rng = np.random.default_rng(seed)
    P = kdiff_assumptions.orthonormal_P(D, d, seed + 1)
    proj, I = P @ P.T, np.eye(D)
    worst = 0.0
    for _ in range(5):
        al, sg, ph, ps = rng.normal(size=4)
        W = rng.standard_normal((D, D))
        G = al**2 * W @ proj + sg**2 * W - ph * al * proj - ps * sg * I
        a9 = (al**2 + sg**2) * W @ proj - (ph * al + ps * sg) * proj
        b9 = sg**2 * W @ (I - proj) - ps * sg * (I - proj)
        worst = max(worst, float(np.max(np.abs(G @ proj - a9))), float(np.max(np.abs(G @ (I - proj) - b9))))
    return worst


def decide_eq9(ev) -> Decision:
    return _decide_lines(ev, "Eq. (9) from (8) (noncommutative algebra with only Π² = Π, all D, d; and explicit P)",
                         "a float64 evaluation on a random orthonormal P", "the same float64 evaluation")


@claim("kdiff.eq9.decoupling", paper="kdiff", where="Eqs. (9)–(10), App. B (34)–(36)", method="symbolic",
       equations=("Eq. (9)", "Eq. (10)", "Eqs. (34)–(36)"),
       statement="Right-multiplying (8) by PPᵀ and I − PPᵀ gives the parallel (9a) and perpendicular (9b) flows.",
       assumptions=THM31_ASSUMPTIONS[:4],
       criteria=f"Each printed line (34b–c, 9a, 9b) is compared with the SymPy reduction (literal reading); verified iff "
                f"all equal; corrected iff one differs and a float64 evaluation on a random orthonormal P agrees with "
                f"the derivation, refuted if that fails too; error iff the float64 evaluation differs from the derived "
                f"identity by more than {TWIN_TOL:g}.",
       decide=decide_eq9)
def eq9_decoupling(ctx):
    lines = {f"projector:{k}": v for k, v in kdiff_linear_dynamics.decoupling_projector().items()}
    lines.update({f"D=5,d=2:{k}": v for k, v in kdiff_linear_dynamics.decoupling_explicit(5, 2, ctx.seed).items()})
    gap = _decoupling_float_gap(ctx.seed)
    return {"lines": lines, "twin_gap": gap, "independent_check": gap <= TWIN_TOL}


# ----------------------------------------------------------------------------------------- Thm 3.1
def _twin_coefficients_gap(rng) -> float:
    """kdiff_optimum.optimal_coefficients vs the derived c_∥, c_⊥ at random positive moments (k-target)."""
    from difftheory.theory.kdiff_optimum import optimal_coefficients

    mp = kdiff_linear_dynamics.mode_problems()
    I = kdiff_linear_dynamics.MOMENT
    f_a = sp.lambdify((I["pa"], I["ps"], I["aa"], I["ss"]), mp["a_opt"])
    f_b = sp.lambdify((I["ps"], I["ss"]), mp["b_opt"])
    worst = 0.0
    for _ in range(20):
        m = rng.uniform(0.1, 3.0, 5)
        kk = rng.uniform(0, 1)
        phi, psi = kk, -(1 - kk)
        want = (f_a(phi * m[1], psi * m[2], m[3], m[4]), f_b(psi * m[2], m[4]))
        got = optimal_coefficients(m, kk)
        worst = max(worst, *(abs(g - w) / max(1.0, abs(w)) for g, w in zip(got, want)))
    return float(worst)


def decide_w_star(ev) -> Decision:
    return _decide_lines(ev, "Thm 3.1 W* (∂L/∂W = 0 solved for all D² entries; Hessian I_D ⊗ (I_aa PPᵀ + I_ss I) with "
                             "eigenvalues I_aa + I_ss and I_ss, positive when ∫D̃ασ² > 0)",
                         "kdiff_optimum.optimal_coefficients", "the Hessian is positive definite (W* is the minimiser)")


@claim("kdiff.thm3_1.w_star", paper="kdiff", where="Thm 3.1, Eq. (11); App. C (37)–(38)", method="symbolic",
       equations=("Thm 3.1", "Eq. (11)", "Eqs. (37)–(38)"), assumptions=THM31_ASSUMPTIONS,
       statement="W* = ∫D̃α(φα+ψσ)/∫D̃α(α²+σ²)·PPᵀ + ∫D̃αψσ/∫D̃ασ²·(I − PPᵀ) is the equilibrium of (9) and the "
                 "minimiser of (4).",
       criteria=f"Eq. (11b) is compared with the solution of ∂L/∂W = 0 for (D, d) = (3, 1), (4, 2), with the equilibria "
                f"of (9a)/(9b) and with the mode problems for symbolic D, d (literal reading); verified iff all equal and "
                f"the Hessian is positive definite; a differing line is corrected iff the Hessian check passes, else "
                f"refuted; error iff kdiff_optimum.optimal_coefficients differs from the derivation by more than "
                f"{TWIN_TOL:g}.",
       decide=decide_w_star)
def thm31_w_star(ctx):
    lines, hessian = {}, True
    for D, d in ((3, 1), (4, 2)):
        o = kdiff_linear_dynamics.optimum_explicit(D, d, ctx.seed)
        lines[f"D={D},d={d}:eq11b"] = o["eq11b"]
        hessian &= o["hessian_block_diagonal"] and o["hessian_eigen_par_is_Iaa_plus_Iss"] and o["hessian_eigen_perp_is_Iss"]
    lines.update({f"equilibrium_of_9:{k}": v for k, v in kdiff_linear_dynamics.equilibrium_modes().items()})
    lines.update({f"mode_problem:{k}": v for k, v in kdiff_linear_dynamics.mode_problems()["matches"].items() if k.startswith("eq11")})
    return {"lines": lines, "twin_gap": _twin_coefficients_gap(np.random.default_rng(ctx.seed)),
            "independent_check": bool(hessian)}


def decide_delta_star(ev) -> Decision:
    ev = dict(ev, twin_gap=max(g if g is not None else np.inf for g in (ev["twin_gap_eq12_form"], ev["twin_gap_residual_form"])))
    if not np.isfinite(ev["twin_gap"]):
        ev["twin_gap"] = None
    return _decide_lines(ev, "Thm 3.1 Δ* (W* substituted into the integrated loss for explicit (D, d); for symbolic D, d "
                             "the loss separates into d parallel and D − d perpendicular scalar least squares)",
                         "kdiff_optimum (Eq. 12 form and residual form)",
                         "the residual form E[κ²(W*z − u)²] ≥ 0 equals the derived Δ*")


@claim("kdiff.thm3_1.delta_star", paper="kdiff", where="Thm 3.1, Eq. (12); App. C (39)–(50)", method="symbolic",
       equations=("Thm 3.1", "Eq. (12)", "Eqs. (39)–(50)"), assumptions=THM31_ASSUMPTIONS,
       statement="Δ* = ½d(∫(φ²+ψ²) − (∫(φα+ψσ))²/∫(α²+σ²)) + ½(D−d)(∫ψ² − (∫ψσ)²/∫σ²).",
       criteria=f"Eq. (12) is compared with W* substituted into the loss for (D, d) = (3, 1), (4, 2) and with the mode "
                f"problems for symbolic D, d (literal reading); verified iff all equal; a differing line is corrected "
                f"iff the residual form (a sum of non-negative terms at W*) agrees with the derivation; error iff "
                f"kdiff_optimum's Eq. (12) form or residual form differs from the derivation by more than {TWIN_TOL:g} "
                f"(relative, 50 random moment sets / 6 k-target settings).",
       decide=decide_delta_star)
def thm31_delta_star(ctx):
    from difftheory.theory.kdiff_optimum import delta_star_from_moments, mode_losses_from_moments, residual_losses
    from difftheory.theory.time_densities import LATENT_DENSITY, TimeDensity

    lines = {f"D={D},d={d}:eq12": kdiff_linear_dynamics.optimum_explicit(D, d, ctx.seed)["eq12"] for D, d in ((3, 1), (4, 2))}
    lines["general_D_d_mode_problems:eq12"] = kdiff_linear_dynamics.mode_problems()["matches"]["eq12"]
    rng = np.random.default_rng(ctx.seed + 1)
    f = sp.lambdify((kdiff_optimum_symbolic.k, kdiff_optimum_symbolic.D, kdiff_optimum_symbolic.d, kdiff_optimum_symbolic.m0, kdiff_optimum_symbolic.m_a, kdiff_optimum_symbolic.m_s, kdiff_optimum_symbolic.m_aa, kdiff_optimum_symbolic.m_ss), kdiff_optimum_symbolic.delta_k())
    worst = 0.0
    for _ in range(50):
        mm = rng.uniform(0.1, 3.0, 5)
        kk, d_ = rng.uniform(0, 1), int(rng.integers(1, 50))
        D_ = d_ + int(rng.integers(0, 200))
        want = f(kk, D_, d_, *mm)
        worst = max(worst, abs(delta_star_from_moments(mm, kk, D_, d_) - want) / max(1.0, abs(want)))
    # the residual form (what kdiff_optimum.delta_star evaluates) against Eq. (12)'s form, where both are well
    # conditioned (no clamp below 0.05, no narrow sampler)
    from difftheory.theory.kdiff_optimum import moments

    resid = 0.0
    for sampler, loss, clamp in ((TimeDensity(), "u", None), (LATENT_DENSITY, "v", 0.05), (TimeDensity(), "x", 0.1)):
        ks = np.array([0.2, 0.7])
        m = moments(ks, sampler, loss, clamp)
        a, b = mode_losses_from_moments(m, ks)
        c, e = residual_losses(ks, sampler, loss, clamp, m=m)
        resid = max(resid, float(np.max(np.abs(a - c) / np.abs(a))), float(np.max(np.abs(b - e) / np.abs(b))))
    return {"lines": lines, "delta_star_derived": str(kdiff_linear_dynamics.delta_star_expr()), "twin_gap_eq12_form": float(worst),
            "twin_gap_residual_form": resid, "independent_check": resid <= TWIN_TOL}


def decide_remarks(ev) -> Decision:
    facts = ev["facts"]
    bad = _bad(facts)
    if not bad:
        return Decision("verified", f"From the derived Δ*: ℓ_∥ = 2∂Δ*/∂d + 2∂Δ*/∂D = {ev['l_par']}, ℓ_⊥ = 2∂Δ*/∂D = "
                                    f"{ev['l_perp']}; checked: {', '.join(facts)}.")
    return Decision("refuted", f"The derived Δ* contradicts the remark in: {', '.join(bad)} (ℓ_∥ = {ev['l_par']}, "
                               f"ℓ_⊥ = {ev['l_perp']}).")


@claim("kdiff.thm3_1.remarks", paper="kdiff", where="Remark after Thm 3.1; §3.2", method="symbolic",
       equations=("Remark (Thm 3.1)", "§3.2"), assumptions=THM31_ASSUMPTIONS,
       statement="The intra-manifold loss is ∝ d and depends on α, φ; the residual loss is ∝ D − d and, written in the "
                 "moments of the weight D̃α, independent of α and φ; ψ = 0 (x-prediction) makes the perpendicular "
                 "contribution vanish. (Where κ, and so D̃α, itself depends on φ: kdiff.thm3_1.remark_perp_kappa.)",
       criteria="From the derived Δ* (never the printed Eq. 12): verified iff Δ* = ½dℓ_∥ + ½(D − d)ℓ_⊥ exactly, ℓ_⊥ "
                "contains no moment of α or φ, ℓ_∥ contains them, and ℓ_⊥ = 0 when ψ ≡ 0; refuted iff any fails.",
       decide=decide_remarks)
def thm31_remarks(ctx):
    mp = kdiff_linear_dynamics.mode_problems()
    delta, D, d = mp["delta_star"], mp["D"], mp["d"]
    I = kdiff_linear_dynamics.MOMENT
    par = sp.simplify(2 * sp.diff(delta, d) + 2 * sp.diff(delta, D))     # Δ* = ½dℓ_∥ + ½(D − d)ℓ_⊥
    perp = sp.simplify(2 * sp.diff(delta, D))
    facts = {"linear_in_d_and_D_minus_d": sp.simplify(delta - (d * par + (D - d) * perp) / 2) == 0,
             "perpendicular_free_of_alpha_phi": not ({I["aa"], I["pa"], I["pp"]} & perp.free_symbols),
             "parallel_depends_on_alpha_phi": {I["aa"], I["pa"], I["pp"]} <= par.free_symbols,
             "psi_zero_kills_perpendicular": sp.simplify(perp.subs({I["qq"]: 0, I["ps"]: 0})) == 0}
    return {"facts": facts, "l_par": str(par), "l_perp": str(perp)}


# ----------------------------------------------------------------------------------------- App. D, Thm 3.2
def decide_appD(ev) -> Decision:
    return _decide_lines(ev, "App. D (Δ*(k) from the derived Eq. (12) with the k-target substituted and the uniform "
                             "moments integrated)", "kdiff_optimum.delta_star (uniform t, u-loss)",
                         "the derived polynomial equals the twin's Δ*(k)")


@claim("kdiff.appD.derivation", paper="kdiff", where="App. D, Eqs. (51)–(54)", method="symbolic",
       equations=("Thm 3.2", "Eqs. (51)–(55)"), assumptions=THM32_ASSUMPTIONS,
       statement="For α = t, σ = 1−t, φ = k, ψ = −(1−k), uniform t and κ = 1, Δ*(k) = "
                 "(2(D+d)k² − 4Dk + 2D + 3d)/16 through the lines (51a), (53a–e), (54a–d).",
       criteria=f"Each printed line (51a, the five moments of 53, 54a–d) is compared with the derivation (literal "
                f"reading); verified iff all equal; a differing line is corrected iff the derived polynomial equals "
                f"kdiff_optimum.delta_star, else refuted; error iff they differ by more than {TWIN_TOL:g} relative "
                f"(30 random (k, D, d)).",
       decide=decide_appD)
def appD_derivation(ctx):
    from difftheory.theory.kdiff_optimum import delta_star
    from difftheory.theory.time_densities import TimeDensity

    a = kdiff_optimum_symbolic.derive_appendix_d()
    lines = {k: v for k, v in a["matches"].items() if k.startswith(("eq51", "eq53", "eq54"))}
    f = sp.lambdify((kdiff_optimum_symbolic.k, kdiff_optimum_symbolic.D, kdiff_optimum_symbolic.d), a["delta_uniform"])
    rng = np.random.default_rng(ctx.seed)
    ks = rng.uniform(0, 1, 30)
    gap = 0.0
    for D_, d_ in ((7, 3), (300, 2), (50, 50)):
        want = f(ks, D_, d_)
        gap = max(gap, float(np.max(np.abs(delta_star(ks, D_, d_, TimeDensity(), "u") - want) / np.abs(want))))
    return {"lines": lines, "delta_uniform_derived": str(a["delta_uniform"]),
            "line_residuals": {k: str(v) for k, v in a["line_residuals"].items()},
            "twin_gap": gap, "independent_check": gap <= TWIN_TOL}


def decide_thm32(ev) -> Decision:
    twins = within(ev["max_gap_numeric_minimiser"], KSTAR_TOL)
    verdict, reading = printed_vs_derived({AS_PRINTED: ev["eq55"]}, correction_holds=ev["curvature_positive"] and twins,
                                          twins_agree=twins)
    shown = ", ".join(f"{k}: {v:.6f}" for k, v in ev["k_star_numeric_minimiser"].items())
    if verdict == "error":
        return Decision("error", f"the numeric minimiser of kdiff_optimum.delta_star differs from the derived "
                                 f"{ev['k_star_derived']} by {ev['max_gap_numeric_minimiser']} (> {KSTAR_TOL:g}): a bug here.")
    if verdict == "verified":
        return Decision("verified", f"dΔ*/dk = 0 gives k* = {ev['k_star_derived']}, d²Δ*/dk² = {ev['curvature']} > 0, "
                                    f"Δ*(k*) = {ev['delta_at_k_star']}; the numeric minimiser agrees to "
                                    f"{ev['max_gap_numeric_minimiser']:.1e} ({shown}).", reading)
    if verdict == "corrected":
        return Decision("corrected", f"Under Thm 3.2's assumptions the minimiser is k* = {ev['k_star_derived']} (numeric "
                                     f"minimiser agrees: {shown}), not the printed D/(D + d).", reading)
    return Decision("refuted", f"The derived stationary point {ev['k_star_derived']} is not D/(D + d) and is not a "
                               f"minimum (curvature {ev['curvature']}).", reading)


@claim("kdiff.thm3_2.kstar", paper="kdiff", where="Thm 3.2, Eqs. (14), (55)", method="symbolic",
       equations=("Thm 3.2", "Eq. (14)", "Eq. (55)"), assumptions=THM32_ASSUMPTIONS,
       statement="Under uniform t and the u-loss (κ = 1), Δ*(k) is minimised at k* = D/(D + d).",
       figures=("kdiff_delta_curves",),
       criteria=f"verified iff the root of dΔ*/dk = 0 of the derived App. D polynomial is D/(D + d) (literal reading) "
                f"with positive curvature; corrected iff it differs and the derived root is a minimum confirmed by the "
                f"numeric minimiser; refuted otherwise; error iff kdiff_optimum.k_star misses the derived root by more "
                f"than {KSTAR_TOL:g} at (D, d) = (1,1), (2,1), (10,3), (100,10), (3072,48).",
       decide=decide_thm32)
def thm32_kstar(ctx):
    from difftheory.theory.kdiff_optimum import k_star
    from difftheory.theory.time_densities import TimeDensity

    a = kdiff_optimum_symbolic.derive_appendix_d()
    pairs = ((1, 1), (2, 1), (10, 3), (100, 10), (3072, 48))
    f = sp.lambdify((kdiff_optimum_symbolic.D, kdiff_optimum_symbolic.d), a["k_star"])
    numeric = {f"D={D},d={d}": k_star(D, d, TimeDensity(), "u").k_star for D, d in pairs}
    gap = max(abs(numeric[f"D={D},d={d}"] - f(D, d)) for D, d in pairs)
    return {"eq55": a["matches"]["eq55"], "curvature_positive": a["matches"]["second_derivative_positive"],
            "k_star_derived": str(a["k_star"]), "curvature": str(a["curvature"]),
            "delta_at_k_star": str(a["delta_at_k_star"]), "k_star_numeric_minimiser": numeric,
            "max_gap_numeric_minimiser": float(gap)}


# ----------------------------------------------------------------------------------------- §3.3
def decide_special(ev) -> Decision:
    if not within(ev["twin_gap"], TWIN_TOL):
        return Decision("error", f"target_conversions.k_target differs from the derived special targets by {ev['twin_gap']} "
                                 f"(> {TWIN_TOL:g}): a bug here.")
    scales = ", ".join(f"{n}: {s}" for n, s in ev["scale_factors"].items())
    bad = _bad(ev["constant"])
    if not bad:
        return Decision("verified", f"u(k)/target is a constant at k = 0, ½, 1 ({scales}; v = dz/dt = {ev['velocity']}); "
                                    f"the NumPy twin agrees to {ev['twin_gap']:.1e}.")
    return Decision("refuted", f"u(k)/target is not constant for {', '.join(bad)} ({scales}).")


@claim("kdiff.sec3_3.special_targets", paper="kdiff", where="§3.3 (after Eq. 13)", method="symbolic",
       equations=("Eq. (13)", "§3.3"),
       statement="k = 0, ½, 1 recover ε-, v-, x-prediction up to a constant scale factor.",
       criteria=f"verified iff u(k)/target simplifies to a constant (free of t, x, n) for (k, target) = (0, ε), (½, v = "
                f"dz/dt), (1, x); refuted iff one depends on t, x or n; error iff target_conversions.k_target differs from the "
                f"derived scale × target by more than {TWIN_TOL:g} at random (x, n).",
       decide=decide_special)
def sec33_special(ctx):
    from difftheory.theory.target_conversions import k_target

    s = kdiff_optimum_symbolic.derive_special_targets()
    rng = np.random.default_rng(ctx.seed)
    x, n = rng.standard_normal((2, 100))
    ref = {"eps": n, "v": x - n, "x": x}
    gap = max(float(np.max(np.abs(k_target(x, n, float(v["k"])) - float(v["scale"]) * ref[name])))
              for name, v in s["targets"].items() if v["constant"])
    return {"constant": {name: v["constant"] for name, v in s["targets"].items()},
            "scale_factors": {name: str(v["scale"]) for name, v in s["targets"].items()},
            "velocity": str(s["velocity"]), "twin_gap": gap}


def decide_regimes(ev) -> Decision:
    if not within(ev["twin_gap"], KSTAR_TOL):
        return Decision("error", f"kdiff_optimum.k_star differs from r/(r + 1) by {ev['twin_gap']} (> {KSTAR_TOL:g}) at "
                                 f"r = D/d ∈ {list(ev['twin_k_star'])}: a bug here.")
    bad = _bad(ev["facts"])
    if bad:
        return Decision("refuted", f"k* = {ev['k_of_ratio']} (r = D/d) violates: {', '.join(bad)}.")
    return Decision("verified", f"k* = {ev['k_of_ratio']} with r = D/d ≥ 1 depends on the ratio only, equals ½ at r = 1, "
                                f"increases (dk*/dr = {ev['dk_dratio']} > 0) and tends to {ev['limit_ratio_inf']}; "
                                f"1 − k* = {ev['one_minus_k']}; the largest k* for a given D is {ev['max_over_d_for_given_D']} "
                                f"(d = 1), so the range over 1 ≤ d ≤ D is [½, D/(D+1)]. Twin k* agrees to "
                                f"{ev['twin_gap']:.1e}.")


@claim("kdiff.sec3_3.regimes", paper="kdiff", where="§3.3, the three regimes after Thm 3.2", method="symbolic",
       equations=("§3.3",), assumptions=THM32_ASSUMPTIONS,
       statement="D ≈ d gives k* ≈ ½ (v); D ≫ d gives k* → 1 (x); in between k* lies between 0.5 and 1.",
       figures=("kdiff_kstar_vs_ratio",),
       criteria=f"From Thm 3.2's derived k*: verified iff it depends on D/d only, equals ½ at D = d, increases strictly "
                f"in D/d and tends to 1; refuted iff any fails; error iff kdiff_optimum.k_star differs from r/(r + 1) by "
                f"more than {KSTAR_TOL:g} at r = 1, 3, 1000.",
       decide=decide_regimes)
def sec33_regimes(ctx):
    from difftheory.theory.kdiff_optimum import k_star

    r = kdiff_optimum_symbolic.derive_regimes()
    facts = {"depends_only_on_ratio": bool(r["depends_only_on_ratio"]),
             "half_at_D_eq_d": r["at_ratio_1"] == sp.Rational(1, 2), "tends_to_1": r["limit_ratio_inf"] == 1,
             "increasing_in_ratio": bool(r["dk_dratio"].is_positive)}
    twin = {str(x): k_star(x, 1).k_star for x in (1, 3, 1000)}
    implied = {str(kk): float(r["ratio_from_k"].subs(kdiff_optimum_symbolic.k, kk)) for kk in (0.522, 0.556, 0.66, 0.9, 0.99)}
    return {"facts": facts, "k_of_ratio": str(r["k_of_ratio"]), "dk_dratio": str(r["dk_dratio"]),
            "limit_ratio_inf": str(r["limit_ratio_inf"]), "one_minus_k": str(r["one_minus_k"]),
            "max_over_d_for_given_D": str(r["max_for_D"]), "D_over_d_implied_by_k_under_thm3_2": implied,
            "twin_k_star": twin, "twin_gap": max(abs(v - int(x) / (int(x) + 1)) for x, v in twin.items())}


# ----------------------------------------------------------------------------------------- Alg. 1
def decide_alg1_conversion(ev) -> Decision:
    return _decide_lines(ev, "Alg. 1's conversion (v̂ = x̂ − n̂ from Eq. (18) with φ = k, ψ = −(1−k), α = t, σ = 1−t)",
                         "target_conversions.velocity_from_u and velocity_from_target",
                         "with û = u the derived v̂ equals dz/dt = x − n")


@claim("kdiff.alg1.velocity_conversion", paper="kdiff", where="Alg. 1–2", method="symbolic",
       equations=("Alg. 1", "Alg. 2"),
       statement="v = ((1−2k)z + u)/(k(1−t) + (1−k)t) converts the k-target to the velocity exactly.",
       criteria=f"verified iff Alg. 1's printed v equals x̂ − n̂ of the derived Eq. (18) (literal reading); corrected iff "
                f"it differs and the derived conversion gives v = dz/dt at û = u, else refuted; error iff "
                f"target_conversions.velocity_from_u or velocity_from_target differs from the derivation by more than {TWIN_TOL:g}.",
       decide=decide_alg1_conversion)
def alg1_conversion(ctx):
    from difftheory.theory.target_conversions import velocity_from_target

    g = kdiff_reparam.derive_alg1()
    rng = np.random.default_rng(ctx.seed)
    gaps = kdiff_reparam.twin_gaps(rng)
    Z, U = rng.standard_normal((2, 200))
    T, K = rng.uniform(0.01, 0.99, (2, 200))
    f_v = sp.lambdify((kdiff_reparam.z, kdiff_reparam.u_hat, kdiff_reparam.t, kdiff_reparam.k), g["v_hat"], "numpy")
    general = float(np.max(np.abs(velocity_from_target(Z, U, T, K, -(1 - K)) - f_v(Z, U, T, K))))
    return {"lines": {"alg1_v": g["matches"]["alg1_v"]}, "v_hat_derived": str(g["v_hat"]),
            "twin_gaps": {"velocity_from_u": gaps["velocity_from_u"], "velocity_from_target": general},
            "twin_gap": max(gaps["velocity_from_u"], general),
            "independent_check": bool(g["matches"]["alg1_v_is_dz_dt"])}


KAPPA_TOL = 1e-9  # κ from a finite difference of the loss: (v̂ − v)/(û − u) with |û − u| ~ 1 is exact to ~1e-15·κ


def decide_kappa_v(ev) -> Decision:
    twins = within(ev["gap_kappa_k_vs_eq22"], TWIN_TOL)
    printed = ev["eq26_on_k_target"] and within(ev["gap_fd_unclamped"], KAPPA_TOL) and within(ev["gap_fd_clamped"], KAPPA_TOL)
    verdict, reading = printed_vs_derived({AS_PRINTED: printed}, correction_holds=False, twins_agree=twins)
    if verdict == "error":
        return Decision("error", f"target_conversions.kappa_k differs from App. A's general κ (Eq. 22 with φ = k, ψ = −(1−k), ξ = 1, "
                                 f"η = −1) by {ev['gap_kappa_k_vs_eq22']} (> {TWIN_TOL:g}): a bug here.")
    if verdict == "verified":
        return Decision("verified", f"Eq. (26) on the k-target gives κ_v = {ev['kappa_v_derived']} (SymPy); a finite "
                                    f"difference of Alg. 1's loss, (v̂ − v)/(û − u) with v̂, v from the general conversion "
                                    f"(target_conversions.velocity_from_target), equals 1/den to {ev['gap_fd_unclamped']:.1e} and, "
                                    f"with the clamp {ev['clamp']}, 1/max(den, {ev['clamp']}) to {ev['gap_fd_clamped']:.1e} "
                                    f"({ev['share_clamped']:.1%} of uniform (t, k) draws are clamped). Where den < "
                                    f"{ev['clamp']} the clamped training target is (den/{ev['clamp']})(x − n), not the "
                                    f"velocity (SymPy: {ev['clamped_target_is_scaled_velocity']}).", reading)
    return Decision("refuted", f"κ_v from Eq. (26) = {ev['kappa_v_derived']} (equals 1/den: {ev['eq26_on_k_target']}); "
                               f"the finite difference of Alg. 1's loss misses 1/den by {ev['gap_fd_unclamped']} and "
                               f"1/max(den, {ev['clamp']}) by {ev['gap_fd_clamped']} (tolerance {KAPPA_TOL:g}).", reading)


@claim("kdiff.alg1.kappa_v_loss", paper="kdiff", where="Alg. 1, §4 (clamp 0.05, Table 4), App. A (26)", method="symbolic",
       equations=("Alg. 1", "Eq. (26)", "§4", "Table 4"),
       statement="Alg. 1's v-loss is the u-loss weighted by κ² with κ = 1/(k(1−t) + (1−k)t); with the clamp "
                 "κ = 1/max(k(1−t) + (1−k)t, 0.05).",
       criteria=f"verified iff Eq. (26) on the k-target is 1/den (SymPy) and a finite difference of Alg. 1's loss — "
                f"(v̂ − v)/(û − u) with both conversions through target_conversions.velocity_from_target, 4000 random (x, n, t, k, û) "
                f"— equals 1/den unclamped and 1/max(den, 0.05) clamped within {KAPPA_TOL:g}; refuted otherwise; error iff "
                f"target_conversions.kappa_k (the twin kdiff_optimum integrates) differs from App. A's general κ formula (Eq. 22) by "
                f"more than {TWIN_TOL:g}.",
       decide=decide_kappa_v)
def alg1_kappa(ctx):
    from difftheory.theory.target_conversions import kappa, kappa_k, velocity_denominator, velocity_from_target

    g = kdiff_reparam.derive_alg1()
    rng = np.random.default_rng(ctx.seed)
    N, c = 4000, 0.05
    T, K = rng.uniform(0, 1, N), rng.uniform(0, 1, N)
    X, E, noise = rng.standard_normal((3, N))
    Z = T * X + (1 - T) * E
    U = K * X - (1 - K) * E
    U_hat = U + np.where(np.abs(noise) < 0.1, 0.1, noise)          # û − u bounded away from 0
    phi, psi = K, -(1 - K)
    eq22 = kappa(T, 1 - T, phi, psi, 1.0, -1.0)                       # App. A Eq. (22), ξ = 1, η = −1 (v = x − n)
    keep = np.abs(phi * (1 - T) - psi * T) > 1e-3                     # away from den = 0 (k = 0, t = 0 / k = 1, t = 1)

    def fd(clamp):
        v_hat = velocity_from_target(Z, U_hat, T, phi, psi, clamp)
        v = velocity_from_target(Z, U, T, phi, psi, clamp)
        return (v_hat - v) / (U_hat - U)

    rel = lambda a, b: float(np.max(np.abs(a[keep] - b[keep]) / np.abs(b[keep])))  # noqa: E731
    return {"kappa_v_derived": str(g["kappa_v"]), "eq26_on_k_target": bool(g["matches"]["kappa_v_is_1_over_den"]),
            "clamped_target_is_scaled_velocity": bool(g["matches"]["clamped_target_is_den_over_c_times_v"]),
            "gap_kappa_k_vs_eq22": rel(kappa_k(T, K, "v"), eq22),
            "gap_fd_unclamped": rel(fd(None), 1 / velocity_denominator(T, K)),
            "gap_fd_clamped": rel(fd(c), 1 / np.maximum(velocity_denominator(T, K), c)),
            "clamp": c, "share_clamped": float(np.mean(velocity_denominator(T, K) < c)), "draws": N}


# ----------------------------------------------------------------------------------------- App. E, Table 3
TABLE3 = {"k0": 0.556, "k1": 0.509, "k_single": 0.522, "digits": 3}  # kdiff Table 3 (learned values, epoch 64)


def decide_two_param(ev) -> Decision:
    if not within(ev["numeric_two_vs_one_param_max_rel_gap"], TWIN_TOL):
        return Decision("error", f"Δ* of the two-parameter target (derived Eq. 12 with its own moments) differs from "
                                 f"kdiff_optimum.delta_star at k = k0/(k0 + k1) by "
                                 f"{ev['numeric_two_vs_one_param_max_rel_gap']} (> {TWIN_TOL:g}): a bug here.")
    t3 = ev["table3"]
    lo, hi = t3["ratio_interval_from_rounding"]
    slo, shi = t3["single_k_interval_from_rounding"]
    consistent = lo <= shi and slo <= hi
    bad = _bad(ev["invariance"])
    if bad:
        return Decision("refuted", f"The two-parameter v-loss is not a function of k0/(k0 + k1): {', '.join(bad)} fail.")
    if not consistent:
        return Decision("refuted", f"Table 3's (k0, k1) = ({t3['k0']}, {t3['k1']}) give k0/(k0 + k1) in [{lo:.5f}, {hi:.5f}] "
                                   f"(rounding of the printed digits), disjoint from the single-k run's "
                                   f"{t3['k_single']} ∈ [{slo:.4f}, {shi:.4f}].")
    return Decision("verified", f"SymPy: Alg. 1's v̂ − v for the target k0x − k1n is invariant under (k0, k1, û) → "
                                f"c(k0, k1, û) and equals the k-target's with k = k0/(k0 + k1), so the unclamped v-loss "
                                f"depends on k0/(k0 + k1) only; in the linear model Δ* of both targets agree to "
                                f"{ev['numeric_two_vs_one_param_max_rel_gap']:.1e} ({ev['numeric_setting']}). "
                                f"Table 3: k0/(k0 + k1) = {t3['ratio']:.5f}, in [{lo:.5f}, {hi:.5f}] given "
                                f"the printed rounding, overlapping the single-k run's {t3['k_single']} ∈ "
                                f"[{slo:.4f}, {shi:.4f}].")


@claim("kdiff.appE.two_param_equivalence", paper="kdiff", where="App. E, Table 3 (target k0 x − k1 ε)",
       method="symbolic", equations=("Table 3",),
       statement="A second independent parameter (target k0 x − k1 ε) brings no gain over the single k: the relation "
                 "between data and noise is captured by one interpolation constant; Table 3's learned (0.556, 0.509) "
                 "correspond to the single-k run's 0.522.",
       criteria="verified iff (SymPy) Alg. 1's v̂ − v for the target k0x − k1n is invariant under a common scale of "
                "(k0, k1, û) and equals the k-target's with k = k0/(k0 + k1), AND Table 3's k0/(k0 + k1) is consistent "
                "with its single k: the interval of k0/(k0 + k1) over k0, k1 each ± 0.0005 (half a unit of the 3 printed "
                "digits) overlaps 0.522 ± 0.0005; refuted iff either fails; error iff Δ* of the two-parameter target "
                f"(derived Eq. 12, own moments) differs from kdiff_optimum.delta_star at k0/(k0 + k1) by more than "
                f"{TWIN_TOL:g} relative.",
       decide=decide_two_param)
def appE_two_param(ctx):
    from difftheory.theory.kdiff_optimum import delta_star
    from difftheory.theory.time_densities import LATENT_DENSITY

    g = kdiff_reparam.derive_two_param_invariance()
    I = kdiff_linear_dynamics.MOMENT
    f = sp.lambdify([I["pp"], I["qq"], I["pa"], I["ps"], I["aa"], I["ss"], sp.Symbol("D", positive=True),
                     sp.Symbol("d", positive=True)], kdiff_linear_dynamics.delta_star_expr())
    rng = np.random.default_rng(ctx.seed)
    worst = 0.0
    for _ in range(3):
        k0, k1 = rng.uniform(0.2, 1.0, 2)
        w = lambda t: 1.0 / (k0 * (1 - t) + k1 * t) ** 2  # noqa: E731  κ_v², App. A Eq. (26)
        m0, ma, ms, maa, mss = LATENT_DENSITY.expect(lambda t: np.stack([w(t), w(t) * t, w(t) * (1 - t),
                                                                         w(t) * t * t, w(t) * (1 - t) ** 2]))
        two = f(k0**2 * m0, k1**2 * m0, k0 * ma, -k1 * ms, maa, mss, 50, 10)
        one = float(delta_star(k0 / (k0 + k1), 50, 10, LATENT_DENSITY, "v"))
        worst = max(worst, abs(two - one) / one)
    h = 0.5 * 10.0 ** -TABLE3["digits"]             # half a unit of the last printed digit
    k0, k1 = TABLE3["k0"], TABLE3["k1"]
    table3 = {**TABLE3, "ratio": k0 / (k0 + k1),
              "ratio_interval_from_rounding": [(k0 - h) / (k0 - h + k1 + h), (k0 + h) / (k0 + h + k1 - h)],
              "single_k_interval_from_rounding": [TABLE3["k_single"] - h, TABLE3["k_single"] + h]}
    return {"invariance": g["matches"], "v_hat_general": str(g["v_hat_general"]),
            "numeric_two_vs_one_param_max_rel_gap": float(worst), "numeric_setting": "latent sampler, D=50, d=10",
            "table3": table3}


# ----------------------------------------------------------------------------------------- beyond: end points
def decide_endpoints(ev) -> Decision:
    e = ev["D=100,d=10"]
    gaps = ev["end_gaps"]
    twin_ok = (within(ev["closed_vs_twin_max_rel_gap"], 1e-7) and within(gaps["k0_rel"], 1e-10)
               and within(gaps["k1_rel"], 1e-10) and within(gaps["k_star"], 1e-5))
    if not twin_ok:
        return Decision("error", f"kdiff_optimum disagrees with the closed form: gap {ev['closed_vs_twin_max_rel_gap']}, "
                                 f"Δ*(0) = {e['twin_k0']} vs {e['(D+d)/2']}, Δ*(1) = {e['twin_k1']} vs {e['d']}, k* "
                                 f"{e['k_star_twin']} vs {e['k_star_closed_form']}: a bug here.")
    bad = _bad(ev["limits_equal_constrained"])
    lim = ev["limits_of_closed_form"]
    if bad:
        return Decision("refuted", f"The limits of the closed form ({lim}) differ from the constrained minima "
                                   f"({ev['constrained_values']}) at {', '.join(bad)}: Δ* is not continuous there.")
    return Decision("verified", f"Closed-form moments (s = den substitution; limits by {ev['limit_method']}) give "
                                f"ℓ_∥ → {lim['par_k0']}, ℓ_⊥ → "
                                f"{lim['perp_k0']} as k → 0 and ℓ_∥ → {lim['par_k1']}, ℓ_⊥ → {lim['perp_k1']} as k → 1, equal "
                                f"to the constrained minima, so Δ*(k) extends continuously to the ends, where Eq. (12)'s "
                                f"moments are not integrable. D = 100, d = 10: Δ*(0) = {e['twin_k0']:.6g} "
                                f"= (D + d)/2, Δ*(1) = {e['twin_k1']:.6g} = d; the closed form is minimised at k* = "
                                f"{e['k_star_closed_form']:.5f} (twin {e['k_star_twin']:.5f}).")


@claim("kdiff.beyond.endpoint_limits", paper="kdiff", where="beyond Eq. (12): κ² not integrable at k = 0, 1",
       method="symbolic", equations=("Eq. (12)",),
       statement="For the unclamped v-loss under uniform t, Δ*(k) stays finite and continuous on [0, 1]: "
                 "Δ*(0) = (D + d)/2, Δ*(1) = d (the constrained minima where W z − u must vanish at t = 0 or 1).",
       assumptions=THM31_ASSUMPTIONS[:4] + ("v-loss, no clamp, t ~ U[0, 1]",),
       criteria="verified iff the one-sided limits of the closed-form Δ*(k) at k → 0, 1 equal the constrained minima "
                "(full scale: sympy.limit, exactly; quick scale: the closed form evaluated with 60-digit mpmath at 1e-30 "
                f"from each end, within {kdiff_optimum_symbolic.LIMIT_TOL:g}); refuted iff one differs; error iff kdiff_optimum disagrees "
                "with the closed form (1e-7 relative on k ∈ (0, 1), 1e-10 relative at the ends, 1e-5 in k*).",
       decide=decide_endpoints)
def beyond_endpoints(ctx):
    from scipy.optimize import minimize_scalar

    from difftheory.theory.kdiff_optimum import delta_star, k_star
    from difftheory.theory.time_densities import TimeDensity

    u = kdiff_optimum_symbolic.derive_uniform_v_loss(exact_limits=not ctx.quick)
    lim, con = u["limits"], u["constrained"]
    D_, d_ = 100, 10
    U = TimeDensity()
    f_par, f_perp = sp.lambdify(u["k"], u["par"]), sp.lambdify(u["k"], u["perp"])
    ks = np.array([1e-4, 0.01, 0.3, 0.7, 0.99, 1 - 1e-4])
    closed = 0.5 * d_ * f_par(ks) + 0.5 * (D_ - d_) * f_perp(ks)
    twin = delta_star(ks, D_, d_, U, "v")
    best = minimize_scalar(lambda kk: 0.5 * d_ * f_par(kk) + 0.5 * (D_ - d_) * f_perp(kk), bounds=(0.6, 1 - 1e-9),
                           method="bounded", options={"xatol": 1e-12})
    ends = {"twin_k0": float(delta_star(0.0, D_, d_, U, "v")), "twin_k1": float(delta_star(1.0, D_, d_, U, "v")),
            "(D+d)/2": (D_ + d_) / 2, "d": d_, "k_star_closed_form": float(best.x), "k_star_twin": k_star(D_, d_, U, "v").k_star}
    return {"limits_of_closed_form": {k: str(v) for k, v in lim.items()},
            "constrained_values": {k: str(v) for k, v in con.items()},
            "limit_method": u["limit_method"], "limit_gaps": u["limit_gaps"],
            "limits_equal_constrained": {k: u["limit_gaps"][k] <= kdiff_optimum_symbolic.LIMIT_TOL for k in ("par_k0", "perp_k0", "par_k1", "perp_k1")},
            "D=100,d=10": ends,
            "end_gaps": {"k0_rel": abs(ends["twin_k0"] / ends["(D+d)/2"] - 1), "k1_rel": abs(ends["twin_k1"] / ends["d"] - 1),
                         "k_star": abs(ends["k_star_closed_form"] - ends["k_star_twin"])},
            "closed_vs_twin_max_rel_gap": float(np.max(np.abs(closed - twin) / closed)),
            "closed_form_at_k": dict(zip(map(str, ks), closed.tolist()))}


# ----------------------------------------------------------------------------------------- beyond: the assumption audit
def _decide_relaxation(ev, *, relaxed: str, new_statement: str) -> Decision:
    """Shared shape of the assumption-audit claims (issue 11). Evidence: ``facts`` (the SymPy derivation of the new
    statement), ``twin_gap`` with ``twin_tol`` (an independent numeric computation vs the derived formula), and
    ``conclusion_gap`` with ``conclusion_tol`` (the paper's conclusion, D/(D + d), evaluated under the relaxed
    assumption by that numeric computation, worst case over the probes in ``probes``).

    error: twin ≠ derivation (our bug); refuted: a derivation fact fails (our stated new form is wrong);
    verified: the conclusion survives (gap within tolerance); corrected: it fails and the derived new statement holds."""
    if not within(ev["twin_gap"], ev["twin_tol"]):
        return Decision("error", f"the numeric computation differs from the derived formula by {ev['twin_gap']} "
                                 f"(> {ev['twin_tol']:g}) under {relaxed}: a bug here.")
    bad = _bad(ev["facts"])
    if bad:
        return Decision("refuted", f"Under {relaxed} the derivation does not establish the stated form: "
                                   f"{', '.join(bad)} fail.")
    probes = "; ".join(f"{name}: k* = {p['k_star']:.4f} vs D/(D+d) = {p['D/(D+d)']:.4f}" for name, p in ev["probes"].items())
    if within(ev["conclusion_gap"], ev["conclusion_tol"]):
        return Decision("verified", f"Under {relaxed} Thm 3.2's k* = D/(D + d) survives (worst gap "
                                    f"{ev['conclusion_gap']:.1e} ≤ {ev['conclusion_tol']:g}): {probes}.")
    return Decision("corrected", f"Under {relaxed} Thm 3.2's D/(D + d) fails (worst gap {ev['conclusion_gap']:.3f}): "
                                 f"{probes}. Corrected statement: {new_statement} (derived; the numeric matrix "
                                 f"computation agrees to {ev['twin_gap']:.1e}).")


def decide_general_sampler(ev) -> Decision:
    return _decide_relaxation(ev, relaxed="a time density p other than U[0, 1] (u-loss, κ = 1)",
                              new_statement=f"k* = {ev['k_star_stated']} clipped to [0, 1]; it equals D/(D+d) for all "
                                            f"(D, d) iff {ev['condition']}")


@claim("kdiff.beyond.kstar_general_sampler", paper="kdiff", where="beyond Thm 3.2 (Table 4 samplers)", method="symbolic",
       equations=("Eq. (5)", "§3.2", "Thm 3.2", "Table 4"),
       assumptions=THM32_ASSUMPTIONS[:-2] + ("any time density p (relaxes t ~ U[0, 1])", "u-loss: κ = 1, no clamp"),
       statement="(assumption audit: relaxes Thm 3.2's t ~ U[0, 1]) Thm 3.2's k* = D/(D+d) holds under the u-loss for "
                 "the time densities used in practice (Table 4's logit-normal samplers). Derived for any density: "
                 "k* = (d(1−b/q) + (D−d)c)/(d(2−1/q) + (D−d)c), b = E[1−t], q = E[t²+(1−t)²], c = Var t/E[(1−t)²], "
                 "clipped to [0, 1]; it equals D/(D+d) for all (D, d) iff E[t] = ½.",
       figures=("kdiff_kstar_vs_ratio",),
       criteria=f"SymPy: the minimiser of the derived Δ*(k) for moments (E t, E t²) equals the stated form and the "
                f"condition for k* ≡ D/(D+d) is E[t] = ½ (else refuted). The numeric minimiser (kdiff_optimum.k_star and "
                f"k_star_u_loss) under Table 4's samplers must match the clipped closed form within {KSTAR_TOL:g} (else "
                f"error). Thm 3.2's D/(D+d) is evaluated there: verified iff within {KSTAR_TOL:g} for every probe, else "
                f"corrected with the closed form.",
       decide=decide_general_sampler)
def beyond_general_sampler(ctx):
    from difftheory.theory.kdiff_optimum import k_star, k_star_u_loss
    from difftheory.theory.time_densities import LATENT_DENSITY, PIXEL_DENSITY

    g = kdiff_optimum_symbolic.derive_general_sampler()
    at_half = sp.simplify(g["k_star"].subs(g["e1"], sp.Rational(1, 2)) - kdiff_optimum_symbolic.D / (kdiff_optimum_symbolic.D + kdiff_optimum_symbolic.d)) == 0
    pairs = ((3072, 3072), (3072, 1536), (3000, 300), (3000, 30)) if ctx.quick else \
        ((3072, 3072), (3072, 1536), (3000, 300), (3000, 30), (3072, 3), (196608, 768))
    probes, gap, concl = {}, 0.0, 0.0
    for name, s in (("latent logit-normal(0,1)", LATENT_DENSITY), ("pixel logit-normal(-0.8,0.8)", PIXEL_DENSITY)):
        e1, e2 = float(s.expect(lambda t: t)), float(s.expect(lambda t: t * t))
        for D, d in pairs:
            closed = min(1.0, max(0.0, kdiff_optimum_symbolic.k_star_general(e1, e2, D, d)))
            gap = max(gap, abs(closed - k_star_u_loss(D, d, s)))
            concl = max(concl, abs(closed - D / (D + d)))
        num = k_star(100, 10, s, "u").k_star
        gap = max(gap, abs(num - min(1.0, max(0.0, kdiff_optimum_symbolic.k_star_general(e1, e2, 100, 10)))))
        concl = max(concl, abs(num - 100 / 110))
        probes[f"{name} (E[t] = {e1:.4f}), D=100, d=10"] = {"k_star": num, "D/(D+d)": 100 / 110}
    return {"facts": {"closed_form_matches_stated": bool(g["matches_lead_form"]),
                      "condition_is_mean_half": bool(g["condition_is_mean_half"]), "mean_half_gives_thm3_2": bool(at_half)},
            "k_star_stated": "(d(1 − b/q) + (D − d)c)/(d(2 − 1/q) + (D − d)c), b = E[1 − t], q = E[t² + (1 − t)²], "
                             "c = Var t/E[(1 − t)²]",
            "k_star_derived": str(g["k_star"]), "curvature": str(g["curvature"]), "condition": "E[t] = 1/2"
            if g["condition_is_mean_half"] else str(g["condition"]),
            "probes": probes, "pairs_checked": [list(p) for p in pairs],
            "twin_gap": float(gap), "twin_tol": KSTAR_TOL, "conclusion_gap": float(concl), "conclusion_tol": KSTAR_TOL}


def decide_practical(ev) -> Decision:
    if not within(ev["sweep_vs_precise_max_gap"], SWEEP_TOL):
        return Decision("error", f"the k* sweep (k_star_of_ratio) differs from the precise minimiser (k_star) by "
                                 f"{ev['sweep_vs_precise_max_gap']} (> {SWEEP_TOL:g}) at D = 100, d = 10: a bug here.")
    r, thm = ev["ratio_values"], ev["thm3_2"]
    lat, pix = ev["k_star"]["latent v clamp0.05"], ev["k_star"]["pixel v clamp0.05"]
    if within(ev["conclusion_gap"], SWEEP_TOL):
        return Decision("verified", f"Alg. 1 as trained gives the same k* as Thm 3.2 at D/d = {_fmt(r)} (worst gap "
                                    f"{ev['conclusion_gap']:.1e}).")
    tie = ev["tie_at_D_eq_d"]
    near = ev["closest_to_paper_latent_k"]
    unclamped = ev["k_star"].get("latent v clampnone")
    lat_none = ("" if unclamped is None else f"; without the clamp (Table 4's latent column: '0.05 for [lost symbol]-prediction and 0 for others', "
                f"so k-Diff's latent run may be unclamped) the latent k* = {_fmt(unclamped)}")
    stat = ", ".join(f"{st['type']} at k = {st['k']:.3f}" for st in tie["stationary"]) or "none"
    if len(tie["ties"]) > 1:
        tie_text = (f"At D = d (= 10; latent, v, clamp 0.05) Δ* ties within 1e-9 at k = {_fmt(tie['ties'], 6)}, reported "
                    f"as k* = {tie['k_star']:g} by the documented rule (the largest); stationary points: {stat}; "
                    f"Δ*(k) = Δ*(1 − k) there to {ev['symmetry_max_rel_gap']:.1e} relative.")
    else:
        tie_text = f"At D = d (= 10; latent, v, clamp 0.05) k* = {tie['k_star']:.4f} is unique (stationary points: {stat})."
    return Decision("corrected", f"Thm 3.2's D/(D+d) = {_fmt(thm)} at D/d = {_fmt(r)} is not what the linear model "
                                 f"predicts for Alg. 1 as trained (worst gap {ev['conclusion_gap']:.3f}). Corrected: with "
                                 f"v-loss, clamp 0.05 and the latent sampler logit-normal(0,1), k* = {_fmt(lat)}; with "
                                 f"the pixel sampler logit-normal(−0.8,0.8), k* = {_fmt(pix)}{lat_none}. {tie_text} On a sweep of "
                                 f"{ev['fine_sweep_points']} ratios D/d ∈ [1, 1000] (latent, v, clamp 0.05) k* is interior "
                                 f"(0.01 < k* < 0.99) at {ev['fine_sweep_interior']} of them; the k* closest to the "
                                 f"paper's learned latent k = {near['paper_k']} is {near['k_star']:.4f} (D/d = "
                                 f"{near['ratio']:.3g}). Other losses, samplers and clamps: evidence 'k_star', 'clamp_sweep'.")


@claim("kdiff.beyond.kstar_practical_losses", paper="kdiff", where="beyond Thm 3.2: Alg. 1 as trained (§4, Table 4)",
       method="numeric", figures=("kdiff_kstar_vs_ratio", "kdiff_delta_curves"),
       equations=("Eq. (5)", "§3.2", "Thm 3.2", "§4", "§5.1", "Table 4"),
       assumptions=THM32_ASSUMPTIONS[:-2] + ("v-loss of Alg. 1 with the denominator clamped at 0.05 (relaxes κ = 1)",
                                             "logit-normal t of Table 4 (relaxes t ~ U[0, 1])"),
       statement="(Relaxes Thm 3.2's κ = 1 and t ~ U[0, 1].) Thm 3.2's k* = D/(D+d) is what the linear model predicts "
                 "for k-Diff as trained (v-loss of Alg. 1, logit-normal t, clamp 0.05).",
       criteria=f"Minimise Δ*(k) over [0, 1] (kdiff_optimum, residual form) for Alg. 1's settings at D/d ∈ {{1, 1.5, 2, 3, "
                f"10, 100}} (quick; more at full): verified iff k* of both Table 4 samplers is within {SWEEP_TOL:g} of "
                f"D/(D+d) at every ratio, else corrected with the computed k*; error iff the sweep (k_star_of_ratio) "
                f"misses the precise minimiser (k_star) by more than {SWEEP_TOL:g} at D = 100, d = 10. Ties follow the "
                f"documented rule (the largest tied minimiser) and are reported.",
       decide=decide_practical)
def beyond_practical(ctx):
    from difftheory.theory.kdiff_practical import practical_table

    tab = practical_table(ctx.scale)
    lat, pix, thm = (tab["k_star"][k] for k in ("latent v clamp0.05", "pixel v clamp0.05", "thm3_2"))
    return {**tab, "thm3_2": thm,
            "conclusion_gap": max(abs(a - b) for a, b in zip(lat + pix, thm + thm))}


def decide_data_scale(ev) -> Decision:
    return _decide_relaxation(ev, relaxed="data of second moment E[xxᵀ] = PΛPᵀ (Eq. 6 relaxed: Λ ≠ I; one W, u-loss, "
                                          "uniform t)",
                              new_statement="k* = D/(D + Λ) with Λ = Σλ_i = E‖x‖² (= d only for whitened data); for "
                                            "isotropic scale s (E x̃x̃ᵀ = s²I) k* = D/(D + d s²), e.g. σ_data = 0.5 gives "
                                            "D/(D + d/4); so k* < ½ (towards ε-prediction, outside §3.3's [½, 1)) "
                                            "whenever E‖x‖² > D, e.g. 0.2 for D = d, λ = 4")


@claim("kdiff.beyond.data_scale", paper="kdiff", where="beyond Thm 3.2: data scale and covariance (Eq. 6 relaxed)",
       method="symbolic",
       assumptions=THM32_ASSUMPTIONS[:1] + ("E[x̃x̃ᵀ] = Λ, any positive diagonal (relaxes Eq. 6's whitening)",)
       + THM32_ASSUMPTIONS[2:],
       statement="(assumption audit: relaxes Eq. (6)'s whitened x̃, E[x̃x̃ᵀ] = Λ instead of I — latents with σ_data ≠ 1, "
                 "VAE latents, any spectrum) Thm 3.2's k* = D/(D+d) holds for data of any scale and spectrum. Derived: "
                 "k* = D/(D + Σλ_i) = D/(D + E‖x‖²); for isotropic scale s, k* = D/(D + d s²).",
       criteria=f"SymPy from the definitions (x̃_i = √λ_i ξ_i, ξ whitened): the k-slope of each parallel loss is affine in "
                f"λ, so Δ*'s minimiser depends on Λ = Σλ_i only and equals D/(D + Λ) with positive curvature (else "
                f"refuted). An independent matrix computation (population least squares on an explicit orthonormal P, "
                f"Gauss–Legendre in t, numeric minimisation over k) must match D/(D + Λ) within {KSTAR_TOL:g} (else "
                f"error). Thm 3.2's D/(D+d) is evaluated at the probes Λ ≠ dI: verified iff within {KSTAR_TOL:g}, else "
                f"corrected.",
       decide=decide_data_scale)
def beyond_data_scale(ctx):
    from difftheory.theory.time_densities import TimeDensity

    a = kdiff_assumptions.derive_data_scale()
    probes, twin, concl = {}, 0.0, 0.0
    for D_, lams in ((6, (0.25, 0.25)), (6, (4.0, 1.0)), (5, (0.3, 1.0, 2.0)), (2, (4.0, 4.0))):   # the last: D = d, λ = 4
        P = kdiff_assumptions.orthonormal_P(D_, len(lams), ctx.seed)
        num = kdiff_assumptions.population_k_star(P, lams, TimeDensity(), "u", None, shared=True, n_nodes=64, grid=41)["k_star"]
        derived = D_ / (D_ + sum(lams))
        twin = max(twin, abs(num - derived))
        concl = max(concl, abs(num - D_ / (D_ + len(lams))))
        probes[f"D={D_}, λ={list(lams)}"] = {"k_star": num, "D/(D+Λ)": derived, "D/(D+d)": D_ / (D_ + len(lams))}
    return {"facts": a["facts"], "k_star_derived": str(a["k_star"]), "curvature": str(a["curvature"]),
            "l_par_per_direction": str(a["l_par"]), "probes": probes,
            "twin_gap": float(twin), "twin_tol": KSTAR_TOL, "conclusion_gap": float(concl), "conclusion_tol": KSTAR_TOL}


# the matrix twin integrates W(t)'s rational integrand with 200 Gauss–Legendre nodes (u-loss: smooth, error ≲ 1e-9);
# the v-loss check asks Δ*(k) to be flat to 1e-9 relative over k ∈ [0, 1]
TC_TWIN_TOL, FLAT_TOL = 1e-6, 1e-9


def decide_time_conditioned(ev) -> Decision:
    if ev["v_loss_delta_spread_rel"] is None or ev["v_loss_delta_spread_rel"] > FLAT_TOL:
        return Decision("error", f"the matrix computation of the unclamped v-loss Δ*(k) with W(t) varies by "
                                 f"{ev['v_loss_delta_spread_rel']} relative over k although the derivation says it is "
                                 f"flat (> {FLAT_TOL:g}): a bug here.")
    return _decide_relaxation(ev, relaxed="a time-conditioned linear denoiser W(t) (Eq. 2 relaxed; u-loss)",
                              new_statement="the perpendicular loss vanishes (W_⊥(t) = ψ/σ), so Δ*(k) = ½Σ_i ∫D̃α λ_i "
                                            "den²/(λ_i α² + σ²) has no D in it; under the u-loss k* = −Σ_i E_p[λ_i t(1−2t)/"
                                            "q_i]/Σ_i E_p[λ_i (1−2t)²/q_i] (q_i = λ_i t² + (1−t)²), = ½ for whitened data "
                                            "and any sampler symmetric about ½, whatever D/d; under the unclamped v-loss "
                                            "Δ* does not depend on k at all")


@claim("kdiff.beyond.time_conditioned_w", paper="kdiff", where="beyond Thm 3.1/3.2: a time-conditioned denoiser W(t)",
       method="symbolic",
       assumptions=THM32_ASSUMPTIONS[:3] + ("a linear denoiser W(t) that may depend on t (relaxes Eq. 2's single W)",)
       + THM32_ASSUMPTIONS[4:],
       statement="(assumption audit: relaxes Eq. (2)'s single W — a network sees t) Thm 3.2's k* = D/(D+d) holds for a "
                 "time-conditioned linear denoiser W(t). Derived: with W(t) the loss is minimised at every t: the "
                 "perpendicular residual vanishes and Δ*(k) = ½Σ_i∫D̃α λ_i(φσ − ψα)²/(λ_iα² + σ²) has no D in it. "
                 "Under the u-loss and uniform t, k* = ½ for whitened data (not D/(D+d)); under the unclamped v-loss "
                 "Δ* is the same for every k.",
       criteria=f"SymPy: the per-t least squares gives ℓ_∥(t) = λ(φσ − ψα)²/(λα² + σ²) and ℓ_⊥(t) = 0; with the k-target "
                f"φσ − ψα is the velocity denominator; at λ = 1, k = ½ the u-loss slope integrand is odd about t = ½; "
                f"κ_v²ℓ_∥ is free of k (else refuted). The matrix computation with one W per quadrature node must match "
                f"the derived k* within {TC_TWIN_TOL:g} and give a v-loss Δ*(k) flat to {FLAT_TOL:g} (else error). Thm "
                f"3.2's D/(D+d) is evaluated at the probes: verified iff within {TC_TWIN_TOL:g}, else corrected.",
       decide=decide_time_conditioned)
def beyond_time_conditioned(ctx):
    from difftheory.theory.time_densities import LATENT_DENSITY, PIXEL_DENSITY, TimeDensity

    b = kdiff_assumptions.derive_time_conditioned()
    probes, twin, concl = {}, 0.0, 0.0
    for name, D_, lams, s in (("uniform", 6, (1.0, 1.0), TimeDensity()), ("latent", 12, (1.0, 1.0, 1.0), LATENT_DENSITY),
                              ("uniform, σ_data = 0.5", 6, (0.25, 0.25), TimeDensity()),
                              ("pixel", 6, (1.0, 1.0), PIXEL_DENSITY)):
        P = kdiff_assumptions.orthonormal_P(D_, len(lams), ctx.seed)
        num = kdiff_assumptions.population_k_star(P, lams, s, "u", None, shared=False, n_nodes=200, grid=41)["k_star"]
        derived = kdiff_assumptions.time_conditioned_k_star(s, lams)
        twin = max(twin, abs(num - derived))
        concl = max(concl, abs(num - D_ / (D_ + len(lams))))
        probes[f"{name}, D={D_}, λ={list(lams)}"] = {"k_star": num, "derived": derived, "D/(D+d)": D_ / (D_ + len(lams))}
    P = kdiff_assumptions.orthonormal_P(6, 2, ctx.seed)
    flat = kdiff_assumptions.population_k_star(P, (1.0, 1.0), LATENT_DENSITY, "v", None, shared=False, n_nodes=200, grid=21)
    clamped = kdiff_assumptions.population_k_star(P, (1.0, 1.0), LATENT_DENSITY, "v", 0.05, shared=False, n_nodes=200, grid=41)
    return {"facts": b["facts"], "l_par_t": str(b["l_par_t"]), "l_perp_t": str(b["l_perp_t"]),
            "v_loss_integrand": str(b["v_loss_integrand"]), "probes": probes,
            "v_loss_delta_spread_rel": flat["delta_spread_rel"],
            "v_loss_clamp0.05_latent_k_star": clamped["k_star"],
            "v_loss_clamp0.05_latent_delta_spread_rel": clamped["delta_spread_rel"],
            "twin_gap": float(twin), "twin_tol": TC_TWIN_TOL, "conclusion_gap": float(concl), "conclusion_tol": TC_TWIN_TOL}


# ----------------------------------------------------------------------------------------- the Remark's third observation
def decide_remark_regimes(ev) -> Decision:
    if not within(ev["twin_gap"], TWIN_TOL):
        return Decision("error", f"kdiff_optimum.mode_losses differs from the derived ℓ_∥, ℓ_⊥ by {ev['twin_gap']} "
                                 f"(> {TWIN_TOL:g}): a bug here.")
    f = ev["facts"]
    cross = ", ".join(f"{name}: D/d > {v:.3g}" for name, v in ev["r_cross"].items())
    text = (f"on the k-line (uniform t, κ = 1) ℓ_∥ = {ev['l_par']}, ℓ_⊥ = {ev['l_perp']}, so the ambient/manifold ratio "
            f"is R = (D/d − 1)·{ev['slope']}")
    if f["zero_at_D_eq_d"] and f["grows_linearly_in_D_over_d"] and f["l_perp_zero_only_at_x"]:
        return Decision("verified", f"{text}: R = 0 at D = d (the manifold term is all of Δ*) and R grows without bound "
                                    f"in D/d for every target but x-prediction (ℓ_⊥ = 0 only at k = 1, the Remark's "
                                    f"fourth observation); the ambient term is the larger one for {cross}. Along Thm "
                                    f"3.2's optimal target k* = D/(D + d), however, R = {ev['ratio_at_kstar']} never "
                                    f"exceeds {ev['max_ratio_at_kstar']:.4f} (at D/d = {ev['r_max_at_kstar']:.3f}): "
                                    f"the observation holds for a fixed target, not for the optimal one.", AS_PRINTED.label)
    bad = [k for k, v in f.items() if not v]
    return Decision("refuted", f"{text}; fails: {', '.join(bad)}.", AS_PRINTED.label)


@claim("kdiff.thm3_1.remark_regimes", paper="kdiff", where="Remark after Thm 3.1 (third observation)", method="symbolic",
       equations=("Remark (Thm 3.1)", "Eq. (12)"), assumptions=THM32_ASSUMPTIONS,
       statement="Where D ≈ d the intra-manifold contribution dominates Δ*; for high-dimensional data, D ≫ d, the "
                 "ambient (perpendicular) contribution becomes the primary contributor.",
       criteria=f"From the derived Δ* = ½dℓ_∥ + ½(D − d)ℓ_⊥ on the k-target under uniform t and κ = 1 (the paper's "
                f"running example; a fixed target, as the Remark is written before k is optimised): verified iff the "
                f"ratio R = (D − d)ℓ_⊥/(dℓ_∥) is 0 at D = d and grows without bound in D/d for every target with "
                f"ℓ_⊥ > 0, and ℓ_⊥ vanishes only at x-prediction (k = 1); refuted otherwise. The crossover D/d and R "
                f"along Thm 3.2's k* are reported. error iff kdiff_optimum.mode_losses differs from the derived ℓ_∥, ℓ_⊥ "
                f"by more than {TWIN_TOL:g} at k = 0, ½, ¾.",
       decide=decide_remark_regimes)
def remark_regimes(ctx):
    from difftheory.theory.kdiff_optimum import mode_losses
    from difftheory.theory.time_densities import TimeDensity

    m = kdiff_optimum_symbolic.derive_mode_split()
    kk, r = kdiff_optimum_symbolic.k, m["r"]
    slope = sp.factor(sp.diff(m["ratio"], r))
    probes = {"ε (k = 0)": sp.Integer(0), "v (k = ½)": sp.Rational(1, 2), "k = ¾": sp.Rational(3, 4)}
    par, perp = mode_losses(np.array([float(v) for v in probes.values()]), TimeDensity(), "u")
    f_par, f_perp = sp.lambdify(kk, m["l_par"]), sp.lambdify(kk, m["l_perp"])
    gap = max(float(np.max(np.abs(par - f_par(np.array([float(v) for v in probes.values()]))))),
              float(np.max(np.abs(perp - f_perp(np.array([float(v) for v in probes.values()]))))))
    return {"l_par": str(m["l_par"]), "l_perp": str(m["l_perp"]), "slope": str(slope),
            "facts": {"zero_at_D_eq_d": m["ratio_at_D_eq_d"] == 0,
                      "grows_linearly_in_D_over_d": (sp.diff(m["ratio"], r, 2) == 0
                                                     and all(bool(slope.subs(kk, v) > 0) for v in probes.values())),
                      "l_perp_zero_only_at_x": bool(m["l_perp_zero_only_at_x"])},
            "r_cross": {name: float(m["r_cross"].subs(kk, v)) for name, v in probes.items()},
            "ratio_at_kstar": str(m["ratio_at_kstar"]), "max_ratio_at_kstar": float(m["max_ratio_at_kstar"]),
            "r_max_at_kstar": float(m["r_max_at_kstar"]), "twin_gap": gap}


# ----------------------------------------------------------------------------------------- §3.2: the variational problem
VAR_NODES = 12  # a random discrete α-measure: 12 atoms (24 free target values) is a genuine function-space problem
VAR_TOL = 1e-8  # the numeric minimum of Δ* relative to its value at the random start: "zero" below 1e-8 (L-BFGS on a
                # smooth quadratic-over-quadratic function reaches ~1e-12); a non-trivial minimum is O(1) of the start


def _variational_numeric(seed: int) -> dict:
    """Δ* (the derived Eq. 12 in moments) minimised over free target values φ_i, ψ_i on a random discrete measure
    (random atoms t_i, random positive weights standing for D̃α = Dα·κ² of any sampler and loss), with α = t, σ = 1 − t;
    and over the k-line φ = k, ψ = −(1 − k) on the same measure."""
    from scipy import optimize

    I = kdiff_linear_dynamics.MOMENT
    Ds, ds = sp.Symbol("D", positive=True), sp.Symbol("d", positive=True)
    f = sp.lambdify([I["pp"], I["qq"], I["pa"], I["ps"], I["aa"], I["ss"], Ds, ds], kdiff_linear_dynamics.delta_star_expr())
    rng = np.random.default_rng(seed)
    t = rng.uniform(0.02, 0.98, VAR_NODES)
    w = rng.uniform(0.2, 2.0, VAR_NODES)
    a, s = t, 1 - t
    D_, d_ = 20, 4

    def delta(ph, ps):
        return f(w @ ph**2, w @ ps**2, w @ (ph * a), w @ (ps * s), w @ a**2, w @ s**2, D_, d_)

    x0 = rng.standard_normal(2 * VAR_NODES)
    start = float(delta(x0[:VAR_NODES], x0[VAR_NODES:]))
    res = optimize.minimize(lambda x: delta(x[:VAR_NODES], x[VAR_NODES:]), x0, method="BFGS", options={"gtol": 1e-12})
    kl = optimize.minimize_scalar(lambda kk: delta(np.full(VAR_NODES, kk), np.full(VAR_NODES, -(1 - kk))),
                                  bounds=(0, 1), method="bounded", options={"xatol": 1e-10})
    ratio = res.x[:VAR_NODES] / a, res.x[VAR_NODES:] / s
    return {"D": D_, "d": d_, "nodes": VAR_NODES, "delta_start": start, "delta_min": float(res.fun),
            "delta_min_rel": float(res.fun) / start, "minimiser_phi_over_alpha_spread": float(np.ptp(ratio[0])),
            "minimiser_psi_over_sigma_minus_phi_over_alpha": float(np.max(np.abs(ratio[1] - ratio[0]))),
            "k_line_min": float(kl.fun), "k_line_argmin": float(kl.x)}


def decide_variational(ev) -> Decision:
    num = ev["numeric"]
    derived_zero = bool(ev["vanishes_for_u_eq_cz"])
    if derived_zero and not (num["delta_min_rel"] <= VAR_TOL and num["delta_min"] >= -1e-12 * num["delta_start"]):
        return Decision("error", f"SymPy gives Δ* = 0 for u = c z, but the numeric minimisation over {2 * num['nodes']} "
                                 f"target values stops at {num['delta_min_rel']:.2e} of its start (tolerance {VAR_TOL:g}): "
                                 f"a bug here.")
    numeric = (f"a numeric minimisation over {2 * num['nodes']} free target values on a random {num['nodes']}-atom measure "
               f"(D = {num['D']}, d = {num['d']}) reaches Δ* = {num['delta_min_rel']:.1e} of its start, at a target with "
               f"φ/α constant to {num['minimiser_phi_over_alpha_spread']:.1e} and ψ/σ = φ/α to "
               f"{num['minimiser_psi_over_sigma_minus_phi_over_alpha']:.1e}")
    if not derived_zero:
        return Decision("verified", f"the unconstrained minimum of Δ* over (φ, ψ) is positive ({ev['delta_on_u_eq_cz']} at "
                                    f"u = c z): a non-trivial variational problem.")
    if ev["k_line_minimum_positive"] and num["k_line_min"] > 0:
        return Decision("corrected", f"As posed the problem is degenerate: Δ* of Eq. (12) vanishes for every target u = c·z "
                                     f"(φ = cα, ψ = cσ, any constant c — c = 0 is u ≡ 0) for every D, d, κ, sampler and "
                                     f"interval (SymPy), and Δ* ≥ 0, so the unconstrained minimum is this trivial target and "
                                     f"depends on none of the factors the paper lists; {numeric}. It becomes a real problem "
                                     f"only with a normalisation of the target, e.g. the k-line φ − ψ = 1 of Eq. (13): there "
                                     f"the minimum is {ev['k_line_minimum']} > 0 under uniform t and κ = 1 (on the random "
                                     f"measure {num['k_line_min']:.4g} at k = {num['k_line_argmin']:.3f}), and it depends on "
                                     f"D/d, κ and the sampler (kdiff.beyond.kstar_general_sampler, "
                                     f"kdiff.beyond.kstar_practical_losses).", AS_PRINTED.label)
    return Decision("refuted", f"Δ* vanishes at u = c z ({numeric}) and the k-line normalisation does not make the "
                               f"minimum positive ({ev['k_line_minimum']}; numeric {num['k_line_min']:.3g}).", AS_PRINTED.label)


@claim("kdiff.sec3_2.variational_target", paper="kdiff", where="§3.2, last paragraph", method="symbolic",
       equations=("§3.2", "Eq. (12)"), assumptions=THM31_ASSUMPTIONS,
       statement="One could minimise the optimal loss of Eq. (12) with respect to φ and ψ by variational methods (α, σ "
                 "fixed); the result depends on d and D and on κ, the sampling distribution and the interval.",
       criteria=f"SymPy on the derived Δ* (moment form, any measure): verified iff Δ* does not vanish at u = c·z (the "
                f"unconstrained problem is non-trivial); corrected iff it vanishes there for all D, d and measures (a "
                f"degenerate minimum, Δ* ≥ 0 as a least-squares residual) while on the k-line φ − ψ = 1 the minimum is "
                f"positive (the normalised problem is the real one); refuted iff even that minimum is not positive. "
                f"error iff a numeric minimisation over {2 * VAR_NODES} free target values on a random {VAR_NODES}-atom "
                f"measure stays above {VAR_TOL:g} of its start while SymPy says 0.",
       decide=decide_variational)
def sec3_2_variational(ctx):
    v = kdiff_optimum_symbolic.derive_variational()
    return {"delta_on_u_eq_cz": str(v["delta_on_u_eq_cz"]), "vanishes_for_u_eq_cz": bool(v["vanishes_for_all_measures"]),
            "k_line_minimum": str(v["k_line_minimum"]), "k_line_minimum_positive": bool(v["k_line_minimum_positive"]),
            "numeric": _variational_numeric(ctx.seed)}


# ----------------------------------------------------------------------------------------- §6: "training efficiency"
def _training_time_twin(T: float = 1.0, k_: float = 0.8, D_: int = 4, d_: int = 1) -> float:
    """The derived L(T; k) (uniform, κ = 1) against the exact solution of Eq. (9)'s two scalar modes with the numeric
    moments of kdiff_optimum (a = c(1 − e^(−AT)) from W = 0; loss = ℓ* + ½A(a − c)² per coordinate)."""
    from difftheory.theory.kdiff_optimum import delta_star, moments
    from difftheory.theory.time_densities import TimeDensity

    m0_, ma, ms, maa, mss = np.asarray(moments(np.array([k_]), TimeDensity(), "u")).reshape(-1)[:5]
    A_par, A_perp = maa + mss, mss
    c_par, c_perp = (k_ * ma - (1 - k_) * ms) / A_par, -(1 - k_) * ms / A_perp
    excess = (d_ * 0.5 * A_par * (c_par * np.exp(-A_par * T)) ** 2
              + (D_ - d_) * 0.5 * A_perp * (c_perp * np.exp(-A_perp * T)) ** 2)
    numeric = float(delta_star(k_, D_, d_, TimeDensity(), "u")) + excess
    tt = kdiff_optimum_symbolic.derive_training_time()
    closed = float(tt["loss_T_k"].subs({kdiff_optimum_symbolic.k: k_, kdiff_optimum_symbolic.D: D_,
                                        kdiff_optimum_symbolic.d: d_, tt["T"]: T}))
    return abs(numeric - closed) / closed


def decide_training_efficiency(ev) -> Decision:
    if not within(ev["twin_gap"], TWIN_TOL):
        return Decision("error", f"the derived L(T; k) differs from Eq. (9)'s exact mode solution with kdiff_optimum's "
                                 f"moments by {ev['twin_gap']} (> {TWIN_TOL:g}): a bug here.")
    traj = "; ".join(f"D/d = {r}: " + ", ".join(f"T = {T}: {v:.3f}" for T, v in ks.items())
                     for r, ks in ev["k_star_T"].items())
    move = max(max(ks.values()) - min(ks.values()) for ks in ev["k_star_T"].values())
    if not ev["rates_free_of_D_d"]:
        return Decision("verified", f"the relaxation rates {ev['A_par']}, {ev['A_perp']} of Eq. (9) depend on the "
                                    f"dimensions: d and D govern how fast the model trains.")
    if ev["loss_depends_on_D_d"]:
        return Decision("corrected", f"In the paper's model the dimensions do not govern the speed of training: Eq. (9)'s "
                                     f"modes relax at A_∥ = {ev['A_par']} and A_⊥ = {ev['A_perp']} (SymPy; "
                                     f"{ev['rates_uniform'][0]} and {ev['rates_uniform'][1]} under uniform t, κ = 1, for "
                                     f"every k), which contain neither d nor D. The dimensions weight the two modes: "
                                     f"L(T) = d·ℓ_∥(T) + (D − d)·ℓ_⊥(T) at every training time T, so d and D set how "
                                     f"the loss splits between the fast and the slow mode, the loss reached (Δ*) and the "
                                     f"best target — at T = 0 (W = 0) and T → ∞ it is D/(D + d), in between it moves by at "
                                     f"most {move:.3f} (k*(T): {traj}). Corrected: 'the governing factors of the attainable loss "
                                     f"and of the optimal target', not of training efficiency.", AS_PRINTED.label)
    return Decision("refuted", "the dimensions enter neither the rates nor the loss of the model.", AS_PRINTED.label)


@claim("kdiff.sec6.training_efficiency", paper="kdiff", where="§6 (Conclusion)", method="symbolic",
       equations=("§6", "Eq. (9)", "Eq. (12)"), assumptions=THM31_ASSUMPTIONS,
       statement="The linear-model theory identifies the intrinsic and ambient dimensions of the data as the governing "
                 "factors of training efficiency.",
       criteria=f"In the paper's model (Eqs. 8–12, gradient flow from W = 0): verified iff a relaxation rate of Eq. (9) "
                f"(the curvatures ∫D̃α(α² + σ²), ∫D̃ασ²) contains d or D; corrected iff the rates are free of d and D "
                f"while d, D enter the loss (as the weights of the two modes: Δ*, L(T) and k*); refuted iff they enter "
                f"neither. error iff the derived L(T; k) (uniform, κ = 1) differs from Eq. (9)'s exact mode solution "
                f"with kdiff_optimum's numeric moments by more than {TWIN_TOL:g} (relative).",
       decide=decide_training_efficiency)
def sec6_training_efficiency(ctx):
    tt = kdiff_optimum_symbolic.derive_training_time()
    kT = sp.lambdify((kdiff_optimum_symbolic.D, kdiff_optimum_symbolic.d, tt["T"]), tt["k_star_T"])
    loss_dims = ({kdiff_optimum_symbolic.D, kdiff_optimum_symbolic.d} & tt["loss_T_k"].free_symbols)
    return {"A_par": str(tt["A_par"]), "A_perp": str(tt["A_perp"]), "rates_free_of_D_d": bool(tt["rates_free_of_D_d"]),
            "rates_uniform": [str(x) for x in tt["rates_uniform_k_target"]], "loss_depends_on_D_d": bool(loss_dims),
            "k_star_T_closed_form": str(tt["k_star_T"]),
            "k_star_T": {str(r): {str(T): float(kT(r, 1, T)) for T in (0, 0.5, 1, 3, 10)} for r in (4, 100)},
            "loss_at_0_is_untrained_loss": bool(tt["loss_at_0_is_L0"]),
            "loss_at_infinity_is_delta_star": bool(tt["loss_at_inf_is_delta"]),
            "twin_gap": max(_training_time_twin(T, kk) for T in (0.5, 2.0) for kk in (0.3, 0.8))}


# ----------------------------------------------------------------------------------------- beyond: what Δ*(k) ranks
NORM_GRID = 20001  # k-grid for argmin of Δ*/L0: spacing 5e-5, far finer than any distance between candidate optima
NORM_STEP = 1 / (NORM_GRID - 1)  # an argmin within one grid step of k* counts as k*


def decide_target_norm(ev) -> Decision:
    if not within(ev["twin_gap"], TWIN_TOL):
        return Decision("error", f"kdiff_optimum.delta_star differs from the derived Δ*(k) by {ev['twin_gap']} "
                                 f"(> {TWIN_TOL:g}): a bug here.")
    probes = "; ".join(f"D/d = {r}: k* = {p['thm3_2']:.4f}, argmin Δ*/L0 = {_fmt(p['argmin_fraction'], 4)} "
                       f"(Δ*/L0 = {p['min_fraction']:.4f} there, {p['fraction_at_kstar']:.4f} at k*)"
                       + (f", argmin of Δ* for the unit-coefficient target u/‖(k, 1 − k)‖ = {_fmt(p['argmin_unit'], 4)}"
                          if "argmin_unit" in p else "")
                       for r, p in ev["probes"].items())
    if all(p["gap"] is not None and p["gap"] <= NORM_STEP for p in ev["probes"].values()):
        return Decision("verified", f"the unexplained fraction Δ*/L0 is smallest at Thm 3.2's k*: {probes}.")
    if ev["k_star_L0_is_thm32"] and ev["k_star_explained_is_thm32"]:
        return Decision("corrected", f"Thm 3.2's k* = D/(D + d) is exactly the minimiser of L0 = {ev['L0']} — the loss "
                                     f"of the untrained model W = 0, i.e. the target of least second moment on the "
                                     f"k-line φ − ψ = 1 — and also of the part the trained model explains, L0 − Δ* = "
                                     f"{ev['explained']} (SymPy); scale-free criteria rank otherwise (the fraction Δ*/L0, and Δ* of the "
                                     f"target rescaled to unit coefficients, u/‖(k, 1 − k)‖ — they disagree with each other "
                                     f"too): {probes}. "
                                     f"Under Thm 3.2's assumptions Eq. (14) selects the smallest target, not the one the "
                                     f"model learns best relative to its size.")
    return Decision("refuted", f"k* is not the minimiser of the target's second moment either (argmin L0 = "
                               f"{ev['k_star_L0']}); {probes}.")


@claim("kdiff.beyond.kstar_vs_target_norm", paper="kdiff", where="beyond Thm 3.2: what Δ*(k) ranks (Eqs. 4, 14)",
       method="symbolic", assumptions=THM32_ASSUMPTIONS,
       statement="(beyond the paper: what Δ*(k) ranks) Thm 3.2's k* = D/(D + d) singles out the target the linear "
                 "denoiser learns best, not merely the smallest one: the share of the target's second moment it leaves "
                 "unexplained, Δ*/L0 with L0 = ½E‖u‖² the loss of W = 0, is smallest at the same k*.",
       criteria=f"Under Thm 3.2's assumptions: argmin over a {NORM_GRID}-point k-grid of Δ*(k)/L0(k) from the derived "
                f"closed forms at D/d = 1, 2, 4, 10, 100; verified iff it equals D/(D + d) within one grid step at every "
                f"probe; corrected iff not, and SymPy shows that D/(D + d) minimises L0 and the explained part L0 − Δ* "
                f"(the corrected statement); refuted otherwise. error iff kdiff_optimum.delta_star differs from the "
                f"derived Δ*(k) by more than {TWIN_TOL:g} (relative).",
       decide=decide_target_norm)
def beyond_target_norm(ctx):
    n, f_delta, f_L0 = _derived_delta_star()
    Dd, dd = kdiff_optimum_symbolic.D, kdiff_optimum_symbolic.d
    ks = np.linspace(0, 1, NORM_GRID)
    probes, gap = {}, 0.0
    for r in (1, 2, 4, 10, 100):
        frac = f_delta(ks, r, 1) / f_L0(ks, r, 1)
        lo = frac.min()
        arg = ks[np.abs(frac - lo) <= 1e-12 * lo]
        kstar = r / (r + 1)
        unit = f_delta(ks, r, 1) / (ks**2 + (1 - ks) ** 2)   # Δ* of u/‖(φ, ψ)‖: the target rescaled to unit coefficients
        probes[str(r)] = {"thm3_2": kstar, "argmin_fraction": arg.tolist(), "min_fraction": float(lo),
                          "fraction_at_kstar": float(f_delta(kstar, r, 1) / f_L0(kstar, r, 1)),
                          "gap": float(np.max(np.abs(arg - kstar))),
                          "argmin_unit": ks[np.abs(unit - unit.min()) <= 1e-12 * unit.min()].tolist()}
        gap = max(gap, _delta_star_twin_gap(f_delta, [0.1, kstar, 0.9], r))
    return {"L0": str(n["L0"]), "explained": str(n["explained"]), "k_star_L0": str(n["k_star_L0"]),
            "k_star_L0_is_thm32": bool(n["L0_equals_thm32"]),
            "k_star_explained_is_thm32": bool(sp.simplify(n["k_star_explained"] - Dd / (Dd + dd)) == 0),
            "probes": probes, "twin_gap": gap}


# ----------------------------------------------------------------------------------------- beyond: d is a covariance rank
CURVE_D = 8            # a closed curve in R^8: x_j(s) = √2 cos(j s + θ_j), j = 1..8 (intrinsic dimension 1)
CURVE_MC = 200_000     # Monte-Carlo draws of (s, t, n) for the pooled least squares
CURVE_GRID = np.round(np.arange(0.30, 0.96, 0.05), 2)
CURVE_MC_TOL = 0.02    # MC Δ*(k) vs the population Δ* of its covariance: relative s.e. ≈ 0.3 % at 2e5 draws; 2 % = 6 s.e.


def _curve_evidence(seed: int) -> dict:
    from difftheory.theory.kdiff_optimum import delta_star
    from difftheory.theory.time_densities import TimeDensity

    rng = np.random.default_rng(seed)
    theta = rng.uniform(0, 2 * np.pi, CURVE_D)
    j = np.arange(1, CURVE_D + 1)
    # E_s[x xᵀ] by the trapezoid rule on 64 equispaced s: exact (to round-off) for trigonometric polynomials of degree
    # < 64, and x_j x_l has degree ≤ 16
    s_q = np.linspace(0, 2 * np.pi, 64, endpoint=False)
    Xq = np.sqrt(2) * np.cos(np.outer(s_q, j) + theta)
    cov = Xq.T @ Xq / s_q.size
    s = rng.uniform(0, 2 * np.pi, CURVE_MC)
    X = np.sqrt(2) * np.cos(np.outer(s, j) + theta)
    N = rng.standard_normal((CURVE_MC, CURVE_D))
    t = rng.uniform(0, 1, (CURVE_MC, 1))
    Z = t * X + (1 - t) * N
    mc = []
    for kk in CURVE_GRID:
        U = kk * X - (1 - kk) * N
        W, *_ = np.linalg.lstsq(Z, U, rcond=None)
        mc.append(0.5 * float(np.mean(np.sum((Z @ W - U) ** 2, axis=1))))
    mc = np.array(mc)
    pop = delta_star(CURVE_GRID, CURVE_D, CURVE_D, TimeDensity(), "u")      # whitened data filling R^8
    P = np.eye(CURVE_D)
    lams = tuple(np.linalg.eigvalsh(cov).tolist())
    k_pop = kdiff_assumptions.population_k_star(P, lams, TimeDensity(), "u", None, shared=True, n_nodes=64, grid=41)["k_star"]
    trace = float(np.trace(cov))
    k_trace, k_manifold = CURVE_D / (CURVE_D + trace), CURVE_D / (CURVE_D + 1)
    return {"gap_population_vs_trace_formula": abs(k_pop - k_trace), "gap_population_vs_manifold_dim": abs(k_pop - k_manifold),
            "D": CURVE_D, "intrinsic_dim": 1, "theta": theta.tolist(), "cov_max_dev_from_I": float(np.max(np.abs(cov - np.eye(CURVE_D)))),
            "cov_trace": trace, "cov_rank": int(np.sum(np.linalg.eigvalsh(cov) > 1e-9)),
            "k_star_population": k_pop, "k_star_trace_formula": k_trace,
            "k_star_manifold_dim": k_manifold, "k_grid": CURVE_GRID.tolist(), "mc_delta": mc.tolist(),
            "population_delta": pop.tolist(), "mc_max_rel_gap": float(np.max(np.abs(mc - pop) / pop)),
            "k_star_mc_grid": float(CURVE_GRID[int(np.argmin(mc))]), "mc_draws": CURVE_MC}


def decide_covariance_rank(ev) -> Decision:
    twin = ev["gap_population_vs_trace_formula"]
    if ev["mc_max_rel_gap"] > CURVE_MC_TOL or twin > KSTAR_TOL:
        return Decision("error", f"the curve's Monte-Carlo Δ*(k) differs from the population Δ* of its covariance by "
                                 f"{ev['mc_max_rel_gap']:.3g} (tolerance {CURVE_MC_TOL:g}) or the population k* from "
                                 f"D/(D + tr Σ) by {twin:.2e}: a bug here.")
    text = (f"data on a closed curve (intrinsic dimension {ev['intrinsic_dim']}) x_j = √2 cos(js + θ_j), j = 1..{ev['D']}, "
            f"have E[xxᵀ] = I to {ev['cov_max_dev_from_I']:.1e} (rank {ev['cov_rank']}, trace {ev['cov_trace']:.4f}); the "
            f"linear model's k* = {ev['k_star_population']:.4f} (a Monte-Carlo least squares over {ev['mc_draws']} draws "
            f"agrees with the population Δ* to {ev['mc_max_rel_gap']:.2%}, grid minimum at k = {ev['k_star_mc_grid']:.2f})")
    if ev["gap_population_vs_manifold_dim"] <= SWEEP_TOL:
        return Decision("verified", f"{text}, = D/(D + d) with d the manifold's dimension ({ev['k_star_manifold_dim']:.4f}).")
    return Decision("corrected", f"{text}: not D/(D + 1) = {ev['k_star_manifold_dim']:.4f}. In the linear theory d is "
                                 f"not the manifold's intrinsic dimension but the trace of the data covariance (its rank "
                                 f"for whitened data): k* = D/(D + tr E[xxᵀ]) = {ev['k_star_trace_formula']:.4f} "
                                 f"(kdiff.beyond.data_scale). A curved manifold counts with the dimension of its linear "
                                 f"span.")


@claim("kdiff.beyond.covariance_not_manifold_dim", paper="kdiff", where="beyond Thm 3.2: what d is (§3.1, Remark, §3.3)",
       method="numeric", assumptions=THM32_ASSUMPTIONS[2:] + ("data on a curved manifold instead of a linear subspace",),
       statement="(beyond the paper: what d is) The d of Thm 3.2 is the intrinsic dimension of the data manifold (the "
                 "Remark: 'the intrinsic dimension d of the manifold on which the data reside'); for data on a curved "
                 "1-dimensional manifold in R^D the linear model's k* is D/(D + 1).",
       criteria=f"A closed curve in R^{CURVE_D} with E[xxᵀ] = I (exact by quadrature): the linear model's population k* "
                f"(u-loss, uniform t; it sees only E[xxᵀ]) and a Monte-Carlo least squares over {CURVE_MC} draws on the "
                f"k-grid 0.30…0.95. verified iff k* is within {SWEEP_TOL:g} of D/(D + 1); corrected otherwise, with "
                f"k* = D/(D + tr E[xxᵀ]) as the corrected statement. error iff the Monte-Carlo Δ*(k) "
                f"differs from the population Δ* by more than {CURVE_MC_TOL:.0%} or the population k* from "
                f"D/(D + tr Σ) by more than {KSTAR_TOL:g}.",
       decide=decide_covariance_rank)
def beyond_covariance_rank(ctx):
    return _curve_evidence(ctx.seed)


# ----------------------------------------------------------------------------------------- §5.1, §5.2: reading learned k
SIGNIFICANT_SHARE = 0.1  # "significant ambient dimensions": at least a tenth of the D dimensions off the manifold
K_NEAR_ONE = 0.95        # "near 1.0 (x-prediction)": within 0.05 of 1, a tenth of the way from v (½) to x
RISE_TOL = 1e-6          # k*(D/d) "rises": no step down by more than the sweep's k* resolution (~1e-6 after refinement)


def _curve_range(ratios, ks) -> dict:
    ks = [float(x) for x in ks]
    return {"ratios": [float(r) for r in ratios], "k_star": ks, "min": min(ks), "max": max(ks)}


def decide_latent_ambient(ev) -> Decision:
    k, share = ev["k_latent"], ev["ambient_share_eq14"]
    eq14 = (f"Eq. (14) inverted at the learned latent k = {k:g} ({ev['k_latent_source']}) gives d/D = 1/k − 1 = "
            f"{ev['d_over_D_eq14']:.3f}, an ambient share (D − d)/D = {share:.3f}; the pixel k ≈ {ev['k_pixel']:g} gives "
            f"d/D = {ev['d_over_D_pixel_eq14']:.4f}")
    if share < SIGNIFICANT_SHARE:
        return Decision("refuted", f"{eq14}: below {SIGNIFICANT_SHARE:.0%}, not 'significant ambient dimensions'.")
    ranges = "; ".join(f"{name}: k* ∈ [{c['min']:.4f}, {c['max']:.4f}] over D/d ∈ [{min(c['ratios']):g}, {max(c['ratios']):g}]"
                       for name, c in ev["trained_loss_k_star"].items())
    hits = {name: r for name, r in ev["ratio_for_k"].items() if r is not None}
    if any(1 - 1 / r >= SIGNIFICANT_SHARE for r in hits.values()):
        return Decision("verified", f"{eq14}; the linear model with the loss the run trains also reaches k = {k:g} ({ranges}) "
                                    f"at a ratio with a significant ambient share.")
    return Decision("open", f"{eq14}: the paper's reading follows from Thm 3.2, whose κ = 1 and t ~ U[0, 1] the run does "
                            f"not use. With the run's loss (Alg. 1's v-loss, Table 4's logit-normal(0, 1); clamp 0 or 0.05) "
                            f"the same linear model never produces k = {k:g} at any D/d ({ranges}), so in the model k = "
                            f"{k:g} carries no information on d/D. Whether the VA-VAE latent has a {share:.0%} ambient share "
                            f"needs an estimate of its intrinsic dimension (ImageNet latents; not available here).")


@claim("kdiff.sec5_1.latent_k_ambient", paper="kdiff", where="§5.1 (learned latent k = 0.66)", method="numeric",
       equations=("§5.1", "Thm 3.2", "Eq. (14)"), assumptions=THM32_ASSUMPTIONS[:5],
       statement="The learned latent k = 0.66 indicates that the latent space, while lower-dimensional than pixel space, "
                 "still possesses significant ambient dimensions.",
       criteria=f"The paper's reading first: Eq. (14) inverted, d/D = 1/k − 1 at k = 0.66; refuted iff the implied ambient "
                f"share (D − d)/D is below {SIGNIFICANT_SHARE:.0%}. Then the same linear model under the loss the latent run "
                f"trains (v-loss, logit-normal(0, 1), clamp 0 and 0.05; kdiff_practical): verified iff it reaches k = 0.66 "
                f"(within {SWEEP_TOL:g}) at some D/d with an ambient share ≥ {SIGNIFICANT_SHARE:.0%}; open otherwise (the "
                f"inference rests on Thm 3.2's assumptions alone and the latent's d is not measured here).",
       decide=decide_latent_ambient)
def sec5_1_latent_ambient(ctx):
    from difftheory.paper_tables import load
    from difftheory.theory.kdiff_practical import practical_table

    cite = load("kdiff").statements["s5_1.latent_k"]["k_final"]
    k = cite.number
    tab = practical_table(ctx.scale)
    r = tab["ratio_values"]
    curves = {"v-loss, logit-normal(0, 1), no clamp": _curve_range(r, tab["k_star"]["latent v clampnone"]),
              "v-loss, logit-normal(0, 1), clamp 0.05": _curve_range(tab["fine_sweep"]["ratios"], tab["fine_sweep"]["k_star"])}
    ratio_for_k = {}
    for name, c in curves.items():
        order = np.argsort(c["k_star"])
        ks_sorted = np.asarray(c["k_star"])[order]
        inside = ks_sorted[0] - SWEEP_TOL <= k <= ks_sorted[-1] + SWEEP_TOL
        ratio_for_k[name] = float(np.interp(k, ks_sorted, np.asarray(c["ratios"])[order])) if inside else None
    k_pixel = 0.99
    return {"k_latent": k, "k_latent_source": cite.where, "k_pixel": k_pixel,
            "d_over_D_eq14": 1 / k - 1, "ambient_share_eq14": 2 - 1 / k, "d_over_D_pixel_eq14": 1 / k_pixel - 1,
            "D_latent_elements": 16 * 16 * 32, "d_latent_implied_eq14": (1 / k - 1) * 16 * 16 * 32,
            "trained_loss_k_star": curves, "ratio_for_k": ratio_for_k}


def decide_pixel_confirms(ev) -> Decision:
    rows = ev["k_star"]
    last = ev["largest_ratio"]
    listing = "; ".join(f"{name}: " + ", ".join(f"D/d = {r:g}: {v:.3f}" for r, v in zip(ev["ratios"], ks) if r >= 10)
                        for name, ks in rows.items())
    rises = {name: ev["min_step"][name] >= -RISE_TOL for name in rows}
    near = {name: ks[-1] >= K_NEAR_ONE for name, ks in rows.items()}
    thm, run = ev["thm3_2_row"], ev["run_row"]
    if rises[thm] and near[thm] and rises[run] and near[run]:
        others = [n for n in rows if n not in (thm, run)]
        slow = min(rows, key=lambda n: rows[n][-1])
        return Decision("verified", f"Thm 3.2's k* rises with D/d and reaches {rows[thm][-1]:.3f} ≥ {K_NEAR_ONE:g} at D/d = "
                                    f"{last:g}, so a pixel k near 1 is what it predicts for D ≫ d; the linear model with "
                                    f"the pixel run's own loss and sampler predicts the same ({rows[run][-1]:.3f}). Of the "
                                    f"other {len(others)} settings {sum(rises[n] for n in others)} rise with D/d as well and "
                                    f"{sum(near[n] for n in others)} reach {K_NEAR_ONE:g} by D/d = {last:g} (the slowest, "
                                    f"{slow}, {rows[slow][-1]:.3f}) ({listing}). The observation agrees with Thm 3.2 but does "
                                    f"not single it out: {'every' if all(rises.values()) else 'not every'} setting here "
                                    f"rises with D/d, and they differ most at moderate D/d.")
    bad = [n for n in (thm, run) if not (rises[n] and near[n])]
    return Decision("refuted", f"{', '.join(bad)} do(es) not predict k near 1 for D ≫ d (k* below {K_NEAR_ONE:g} at D/d = "
                               f"{last:g} or not rising): {listing}.")


@claim("kdiff.sec5_2.pixel_k_confirms_thm32", paper="kdiff", where="§5.2 (pixel k → ≈ 1)", method="numeric",
       equations=("§5.2", "Thm 3.2"), assumptions=THM32_ASSUMPTIONS[:5],
       statement="k-Diff autonomously identifying x-prediction in pixel space (k → ≈ 1) confirms Thm 3.2: where the "
                 "ambient dimension D is much larger than d the optimal target shifts toward x.",
       criteria=f"The learned pixel k itself needs ImageNet training (kdiff.gpu.pixel_k_to_one). Here the prediction: "
                f"verified iff Thm 3.2's k* = D/(D + d) and the linear model under the pixel run's own settings (v-loss, "
                f"logit-normal(−0.8, 0.8), clamp 0.05; kdiff_practical) both rise with D/d and reach ≥ {K_NEAR_ONE:g} at "
                f"the largest D/d of the sweep; refuted iff either does not. The other settings are reported beside it "
                f"(whether the observation discriminates between them).",
       decide=decide_pixel_confirms)
def sec5_2_pixel_confirms(ctx):
    from difftheory.theory.kdiff_practical import practical_table

    tab = practical_table(ctx.scale)
    names = {"Thm 3.2 (u-loss, uniform t)": "thm3_2", "pixel run (v-loss, logit-normal(−0.8, 0.8), clamp 0.05)":
             "pixel v clamp0.05", "u-loss, pixel sampler": "pixel u clampnone", "x-loss, pixel sampler, clamp 0.05":
             "pixel x clamp0.05", "v-loss, uniform t, no clamp": "uniform v clampnone"}
    rows = {n: [float(x) for x in tab["k_star"][key]] for n, key in names.items()}
    return {"ratios": tab["ratio_values"], "largest_ratio": tab["ratio_values"][-1], "k_star": rows,
            "min_step": {n: min(b - a for a, b in zip(ks, ks[1:])) for n, ks in rows.items()},
            "thm3_2_row": "Thm 3.2 (u-loss, uniform t)", "run_row": "pixel run (v-loss, logit-normal(−0.8, 0.8), clamp 0.05)"}


# ----------------------------------------------------------------------------------------- the Remark's second observation under κ(φ)
PERP_PHIS = (0.3, 0.5, 0.7, 0.9)  # φ at a fixed ψ = −½ (on the k-line ψ moves with φ and would hide which one acts)
PERP_PSI = -0.5
PERP_GL = 64                # Gauss–Legendre nodes in t: the integrands are smooth (φσ − ψα ≥ 0.3 here), exact to ~1e-15
PERP_TWIN_TOL = 1e-8        # Gauss–Legendre against kdiff_optimum's adaptive quadrature (tolerance ~1e-10 relative)
PERP_LOSSES = ("u", "x", "eps", "v")


def perp_bracket(phi: float, psi: float, loss: str, n: int = PERP_GL) -> float:
    """ℓ_⊥ = ∫D̃α ψ² − (∫D̃α ψσ)²/∫D̃α σ² with D̃α = κ² under t ~ U[0, 1], α = t, σ = 1 − t and κ of the loss
    from the numeric twin target_conversions.kappa  # kdiff Eq. (12) (perpendicular bracket), Eqs. (22)–(26)"""
    from difftheory.theory.target_conversions import LOSS_COEFFS, kappa

    x, w = np.polynomial.legendre.leggauss(n)
    t, w = (x + 1) / 2, w / 2
    a, s = t, 1 - t
    xi, eta = (phi, psi) if loss == "u" else LOSS_COEFFS[loss]
    k2 = kappa(a, s, phi, psi, xi, eta) ** 2
    return float(np.sum(w * k2) * psi**2 - (psi * np.sum(w * k2 * s)) ** 2 / np.sum(w * k2 * s * s))


def decide_perp_kappa(ev) -> Decision:
    if not within(ev["twin_gap"], PERP_TWIN_TOL):
        return Decision("error", f"the Gauss–Legendre ℓ_⊥ differs from kdiff_optimum.mode_losses on the k-line by "
                                 f"{ev['twin_gap']} (> {PERP_TWIN_TOL:g}): a bug here.")
    sp_ = ev["spread_rel"]
    rows = "; ".join(f"{name}-loss (κ = {ev['kappa'][name]}): ℓ_⊥ = {_fmt(ev['l_perp'][name], 4)}"
                     for name in PERP_LOSSES)
    probe = f"ψ = {ev['psi']:g} fixed, φ = {_fmt(ev['phis'])}, uniform t, α = t, σ = 1 − t"
    if not within(sp_["u"], FLAT_TOL):
        return Decision("refuted", f"even with κ = 1 the perpendicular bracket of Eq. (12) changes with φ ({probe}: "
                                   f"{rows}).", AS_PRINTED.label)
    dep = [name for name in PERP_LOSSES if not within(sp_[name], FLAT_TOL)]
    if not dep:
        return Decision("verified", f"the perpendicular bracket is the same for every φ under all four losses of App. A "
                                    f"({probe}: {rows}).", AS_PRINTED.label)
    return Decision("corrected", f"Eq. (12)'s perpendicular bracket contains no α- or φ-moment of the weight D̃α = Dακ² "
                                 f"(kdiff.thm3_1.remarks), but κ itself contains φ and α for the "
                                 f"{', '.join(n + '-loss' for n in dep)} (Eqs. 24–26, SymPy: φ in κ² for "
                                 f"{', '.join(n for n, h in ev['kappa_has_phi'].items() if h)}), so there the perpendicular "
                                 f"contribution changes with φ: {probe}: {rows} (relative spread "
                                 + ", ".join(f"{n}: {sp_[n]:.2f}" for n in dep) + "). Corrected: 'independent of α and φ when "
                                 "the loss weight D̃α does not depend on them, e.g. the u-loss (κ = 1) of Thm 3.2'; under "
                                 "the v-loss Alg. 1 trains, the perpendicular mode depends on φ (= k).", AS_PRINTED.label)


@claim("kdiff.thm3_1.remark_perp_kappa", paper="kdiff", where="Remark after Thm 3.1 (second observation); §3.2",
       method="numeric", equations=("Remark (Thm 3.1)", "§3.2", "Eq. (12)", "Eqs. (23)–(26)"), assumptions=THM31_ASSUMPTIONS,
       statement="The contribution of the perpendicular ambient space to Δ* is entirely independent of the data-dependent "
                 "parameters α and φ ('largely irrelevant to the perpendicular mode', §3.2) — for the losses of App. A, "
                 "whose weight D̃α = Dακ² carries the κ of Eqs. (23)–(26).",
       criteria=f"ℓ_⊥ (Eq. 12's perpendicular bracket) at ψ = {PERP_PSI:g} and φ ∈ {PERP_PHIS}, uniform t, α = t, σ = 1 − t, "
                f"for the u-, x-, ε- and v-losses (κ from Eqs. 23–26, {PERP_GL}-node Gauss–Legendre): verified iff ℓ_⊥ is "
                f"the same for every φ (relative spread ≤ {FLAT_TOL:g}) under all four; corrected iff it is under the "
                f"u-loss (κ = 1) but not under another (the corrected statement names the condition); refuted iff it "
                f"changes with φ even under the u-loss. error iff the quadrature differs from kdiff_optimum.mode_losses on "
                f"the k-line (φ = k, ψ = −(1 − k), k = 0.3, 0.6) by more than {PERP_TWIN_TOL:g}.",
       decide=decide_perp_kappa)
def remark_perp_kappa(ctx):
    from difftheory.theory.kdiff_optimum import mode_losses
    from difftheory.theory.time_densities import TimeDensity

    special = kdiff_reparam.derive_appendix_a()["special"]
    k2 = {n: sp.simplify(special[n] ** 2) for n in PERP_LOSSES}
    l_perp = {n: [perp_bracket(ph, PERP_PSI, n) for ph in PERP_PHIS] for n in PERP_LOSSES}
    spread = {n: float((max(v) - min(v)) / max(abs(max(v)), 1e-300)) for n, v in l_perp.items()}
    gap = 0.0
    for n in PERP_LOSSES:
        for kk in (0.3, 0.6):
            gap = max(gap, abs(perp_bracket(kk, -(1 - kk), n) - float(mode_losses(kk, TimeDensity(), n)[1])))
    return {"kappa": {n: str(special[n]) for n in PERP_LOSSES},
            "kappa_has_phi": {n: kdiff_reparam.phi in k2[n].free_symbols for n in PERP_LOSSES},
            "kappa_has_alpha": {n: kdiff_reparam.alpha in k2[n].free_symbols for n in PERP_LOSSES},
            "phis": list(PERP_PHIS), "psi": PERP_PSI, "l_perp": l_perp, "spread_rel": spread, "twin_gap": gap}


# ----------------------------------------------------------------------------------------- beyond: Thm 3.2 with the data's energy
DATA_K_TOL = 0.05   # "gives the learned k": within 0.05, a tenth of the way from v (½) to x (1), as K_NEAR_ONE
PIXEL_RES = "256"   # the learned pixel k of §5.2 / Fig. 3 is JiT-B/16's, at 256 px; 512 px is reported beside it
LATENT_D = 16 * 16 * 32  # VA-VAE f16d32 at 256 px (LightningDiT config: downsample 16, in_chans 32)


def _pixel_energy(stats: dict, lo: float, hi: float) -> tuple[float, list[float]]:
    """E[x²] per pixel after x ↦ lo + (hi − lo)·x, from the per-channel mean and std of x ∈ [0, 1]; the channels hold
    the same number of pixels, so the mean over channels is the mean over the D dimensions."""
    per = [lo * lo + 2 * lo * (hi - lo) * m + (hi - lo) ** 2 * (s * s + m * m) for m, s in zip(stats["mean"], stats["std"])]
    return float(np.mean(per)), per


def decide_data_energy(ev) -> Decision:
    if not within(ev["twin_gap"], KSTAR_TOL):
        return Decision("error", f"the population minimiser (kdiff_assumptions.population_k_star) differs from "
                                 f"D/(D + E‖x‖²/s²) by {ev['twin_gap']} (> {KSTAR_TOL:g}): a bug here.")
    px, lat = ev["pixel"], ev["latent"]
    p = px[ev["pixel_res_judged"]]
    pix = "; ".join(f"{r} px (noise scale {q['noise_scale']:g}): k* = 1/(1 + {q['energy_per_dim']:.4f}/{q['noise_scale']:g}²) "
                    f"= {q['k_star']:.3f}" for r, q in px.items())
    text = (f"Thm 3.2's law with the data's energy in place of d (k* = D/(D + E‖x‖²/s²): u-loss, t uniform or any "
            f"sampler symmetric about ½, any spectrum — kdiff.beyond.data_scale; the population minimiser agrees to "
            f"{ev['twin_gap']:.1e}). Pixels: ImageNet in [−1, 1] as JiT feeds them ({ev['sources']['pixel']}) has E[x²] = "
            f"{p['energy_per_dim']:.4f} per dimension (channels {_fmt(ev['pixel_energy_per_channel'], 4)}), so {pix}. "
            f"Latents: LightningDiT standardises every VA-VAE channel ({ev['sources']['latent']}; multiplier "
            f"{lat['multiplier']:g}), so E‖x‖² = {lat['energy_per_dim']:g}·D (D = {lat['D']}) and k* = {lat['k_star']:.3f} "
            f"whatever the latent's intrinsic dimension; under Eq. (6) (E‖x‖² = d) that normalisation would mean d = D, "
            f"and Eq. (14) itself gives ½")
    pix_ok = p["k_star"] >= K_NEAR_ONE
    lat_ok = abs(lat["k_star"] - lat["k_paper"]) <= DATA_K_TOL
    if pix_ok and lat_ok:
        return Decision("verified", f"{text}: the pixel k* ≥ {K_NEAR_ONE:g} and the latent k* within {DATA_K_TOL:g} of "
                                    f"{lat['k_paper']:g}, as learned.")
    miss = ([f"pixel k* {p['k_star']:.3f} at {ev['pixel_res_judged']} px < {K_NEAR_ONE:g} (the learned ≈ 1)"] if not pix_ok else []) \
        + ([f"latent k* {lat['k_star']:.3f} vs the learned {lat['k_paper']:g}"] if not lat_ok else [])
    return Decision("corrected", f"{text}. Not the learned k of §5: {'; '.join(miss)}. Corrected statement: with the "
                                 f"energies the cited code gives the data, the paper's linear model predicts k* = "
                                 f"{p['k_star']:.2f} for ImageNet-{ev['pixel_res_judged']} pixels and ½ for LightningDiT's "
                                 f"latents; the learned values (≈ 1, {lat['k_paper']:g}) are not this model's prediction "
                                 f"for these data, and reading them as d/D (§5.1, §5.2) assumes E‖x‖² = d, which neither "
                                 f"preprocessing gives.")


@claim("kdiff.beyond.kstar_from_data_energy", paper="kdiff", where="beyond Thm 3.2: the data of §5 as the cited code prepares them",
       method="numeric", equations=("Thm 3.2", "Eq. (14)", "§5.1", "§5.2"),
       assumptions=THM32_ASSUMPTIONS[:1] + ("E[x̃x̃ᵀ] = Λ, any spectrum (relaxes Eq. 6; kdiff.beyond.data_scale)",)
       + THM32_ASSUMPTIONS[2:-2] + ("t ~ U[0, 1] or any time density symmetric about ½", "u-loss: κ = 1, no clamp"),
       statement="(beyond the paper: Thm 3.2 with the data's energy) Applied to the data as the cited code prepares them "
                 "— ImageNet pixels in [−1, 1] with JiT's noise scale image_size/256, LightningDiT's per-channel "
                 "standardised VA-VAE latents — Thm 3.2's law (k* = D/(D + E‖x‖²/s²), kdiff.beyond.data_scale) gives the "
                 "learned k of §5: ≈ 1 in pixel space (JiT-B/16, 256 px) and 0.66 in latent space.",
       criteria=f"E[x²] per pixel from ImageNet's per-channel mean/std (timm's constants) mapped to JiT's [−1, 1]; noise "
                f"scale from JiT's scripts; the latent energy from LightningDiT's latent_norm (per-channel standardised, "
                f"× latent_multiplier). verified iff k* ≥ {K_NEAR_ONE:g} at {PIXEL_RES} px and |k* − 0.66| ≤ "
                f"{DATA_K_TOL:g} for the latents; corrected otherwise, with the computed k* (512 px reported beside it). "
                f"error iff the population minimiser (kdiff_assumptions.population_k_star: isotropic pixel energy, "
                f"uniform t; a non-white latent spectrum of trace D, logit-normal(0, 1)) differs from D/(D + E‖x‖²/s²) by "
                f"more than {KSTAR_TOL:g}.",
       decide=decide_data_energy)
def beyond_kstar_from_data_energy(ctx):
    from difftheory import other_systems
    from difftheory.paper_tables import load
    from difftheory.theory.time_densities import LATENT_DENSITY, TimeDensity

    osys = other_systems.load()
    stats = osys.facts["imagenet.pixel_stats"].value
    rng_ = osys.facts["jit.pixel_range"].value
    energy, per = _pixel_energy(stats, rng_["low"], rng_["high"])
    scales = osys.value("jit.readme:noise_scale")
    pixel, twin = {}, 0.0
    for res, s in sorted(scales.items(), key=lambda kv: int(kv[0])):
        lam = energy / (s * s)
        k = 1 / (1 + lam)
        num = kdiff_assumptions.population_k_star(np.eye(4), (lam,) * 4, TimeDensity(), "u", None, shared=True,
                                                  n_nodes=64, grid=41)["k_star"]
        twin = max(twin, abs(num - k))
        pixel[res] = {"noise_scale": float(s), "energy_per_dim": energy, "k_star": k, "k_star_population": num}
    mult = float(osys.value("ldit.latent_norm_config:latent_multiplier"))
    lat_energy = mult * mult   # standardised channels: E[x²] = 1 in every latent dimension
    spectrum = tuple(lat_energy * v for v in (0.25, 0.5, 1.25, 2.0))   # any spectrum of trace D (here D = 4)
    num = kdiff_assumptions.population_k_star(np.eye(4), spectrum, LATENT_DENSITY, "u", None, shared=True,
                                              n_nodes=64, grid=41)["k_star"]
    k_lat = 1 / (1 + lat_energy)
    twin = max(twin, abs(num - k_lat))
    cite = load("kdiff").statements["s5_1.latent_k"]["k_final"]
    return {"pixel": pixel, "pixel_res_judged": PIXEL_RES, "pixel_energy_per_channel": per,
            "latent": {"D": LATENT_D, "multiplier": mult, "energy_per_dim": lat_energy, "k_star": k_lat,
                       "k_star_population_nonwhite": num, "k_paper": cite.number, "k_paper_source": cite.where},
            "sources": {"pixel": f"{osys.facts['imagenet.pixel_stats'].cite()}; {osys.facts['jit.pixel_range'].cite()}; "
                                 f"{osys.facts['jit.readme'].cite()}",
                        "latent": f"{osys.facts['ldit.latent_norm'].cite()}; {osys.facts['ldit.latent_norm_config'].cite()}"},
            "twin_gap": float(twin)}


# ----------------------------------------------------------------------------------------- beyond: the clamp at sampling
SAMPLE_CLAMP = 0.05        # §4 / Table 4 (pixel): the denominator's minimum
SAMPLE_STEPS = 50          # Table 4: 50 steps on linspace(0, 1, 51) (JiT's grid)
HALF_LEVEL = 1 / 255       # half of JiT's 8-bit output step 2/255 in [−1, 1]: a residual below it rounds away
RESID_KS = (0.95, 0.99, 1.0)   # the pixel k 'near 1.0' (§5.2), and x-prediction (JiT itself)
RESID_TWIN_TOL = 1e-9      # closed-form error recursion vs running Alg. 2's conversion literally: round-off only
ZERO_RESID = 1e-12         # without the clamp the exact denoiser's ODE is integrated exactly (a linear field)


def _speed(t, k, clamp):
    """c(t) with v̂ = c(t)·(x − z)/(1 − t) for the exact denoiser of a point mass at x: Alg. 1–2's conversion
    ((1 − 2k)z + û)/max(den, clamp) equals den/max(den, clamp) times the true velocity (den = k(1 − t) + (1 − k)t)."""
    den = k * (1 - t) + (1 - k) * t
    return 1.0 if clamp is None else min(1.0, den / clamp)


def clamp_residual(k: float, clamp, heun: bool, steps: int = SAMPLE_STEPS) -> float:
    """b with z_1 − x = b (z_0 − x) after the sampler, for the exact denoiser of a point mass at x (e = z − x obeys
    e' = −c(t) e/(1 − t)): Euler on every step (Alg. 2) or Heun on all but the last (JiT's generate)."""
    ts = np.linspace(0.0, 1.0, steps + 1)
    e = 1.0
    for i in range(steps):
        t, t1 = ts[i], ts[i + 1]
        h = t1 - t
        f0 = -_speed(t, k, clamp) / (1 - t) * e
        if heun and i < steps - 1:
            e1 = e + h * f0
            e = e + h / 2 * (f0 - _speed(t1, k, clamp) / (1 - t1) * e1)
        else:
            e = e + h * f0
    return e


def _clamp_residual_literal(k: float, clamp, heun: bool, seed: int, steps: int = SAMPLE_STEPS) -> float:
    """The same b from Alg. 2's conversion written out — û = kx − (1 − k)n̂ with n̂ = (z − t x)/(1 − t), v̂ = ((1 − 2k)z
    + û)/max(den, clamp) — on a random x and z_0 (the twin of ``clamp_residual``)."""
    from difftheory.theory.target_conversions import velocity_denominator

    rng = np.random.default_rng(seed)
    x, z0 = rng.standard_normal(8), rng.standard_normal(8)

    def v(z, t):
        u = k * x - (1 - k) * (z - t * x) / (1 - t)
        return ((1 - 2 * k) * z + u) / velocity_denominator(t, k, clamp)

    ts = np.linspace(0.0, 1.0, steps + 1)
    z = z0.copy()
    for i in range(steps):
        t, t1 = ts[i], ts[i + 1]
        v0 = v(z, t)
        z = z + (t1 - t) * (0.5 * (v0 + v(z + (t1 - t) * v0, t1)) if heun and i < steps - 1 else v0)
    return float(np.mean((z - x) / (z0 - x)))


def decide_clamp_residual(ev) -> Decision:
    if not within(ev["twin_gap"], RESID_TWIN_TOL) or not within(ev["unclamped_max"], ZERO_RESID):
        return Decision("error", f"the residual recursion and Alg. 2 run literally differ by {ev['twin_gap']} (tolerance "
                                 f"{RESID_TWIN_TOL:g}), or the unclamped sampler leaves {ev['unclamped_max']} (exact "
                                 f"integration should leave 0): a bug here.")
    rows = "; ".join(f"{name}: " + ", ".join(f"k = {k}: b = {b:.4f}" for k, b in zip(ev["ks"], bs))
                     for name, bs in ev["clamped"].items())
    worst = ev["worst"]
    text = (f"For the exact denoiser of a point mass at x, Alg. 2's conversion with the clamp is den/max(den, "
            f"{ev['clamp']:g}) times the true velocity, so on the {ev['steps']}-step grid (evaluated up to t = "
            f"{ev['t_last_eval']:g}, where the unclamped denominator is ≥ {ev['min_den_unclamped']:.3f} > 0: no division by "
            f"zero to prevent) the sample ends at x + b(z_0 − x): {rows}; without the clamp b = 0 (to "
            f"{ev['unclamped_max']:.0e})")
    if worst["residual"] < HALF_LEVEL:
        return Decision("verified", f"{text}. The largest residual noise, b × noise scale = {worst['residual']:.4f}, is "
                                    f"below half an 8-bit level ({HALF_LEVEL:.4f} in [−1, 1]): the saved images do not change.")
    return Decision("corrected", f"{text}. With JiT's noise scale (image_size/256) the residual noise b·s·n reaches "
                                 f"{worst['residual']:.4f} per pixel ({worst['where']}), {worst['residual'] / (2 * HALF_LEVEL):.1f} "
                                 f"8-bit levels in [−1, 1] (JiT writes 8-bit images): the clamp is not only a guard against "
                                 f"division by zero. Corrected: applied at sampling, the clamp at {ev['clamp']:g} stops the "
                                 f"ODE short of the data for k near 1 (x-prediction included), leaving a noise of b·s; "
                                 f"Alg. 2 without it divides by no zero on this grid.")


@claim("kdiff.beyond.clamp_sampling_residual", paper="kdiff", where="beyond §4 / Alg. 2: the clamp at sampling (Table 4: 0.05)",
       method="numeric", equations=("§4", "Alg. 2", "Table 4"),
       assumptions=("the clamp of §4 applied at sampling, as JiT's code does (the pixel runs 'strictly follow' JiT, App. F)",
                    "Table 4's sampler: 50 steps on linspace(0, 1, 51); Alg. 2 (Euler) and JiT's Heun with an Euler last step",
                    "an exact denoiser for a point mass at x (the ideal x̂ near t = 1)"),
       statement="(beyond the paper: §4's clamp at sampling) Clamping the velocity denominator k(1 − t) + (1 − k)t at 0.05 "
                 "only prevents division by zero ('for numerical stability'): applied in sampling, as JiT's code does, it "
                 "leaves the samples of an exact denoiser unchanged.",
       criteria=f"The residual b (z_1 − x = b(z_0 − x)) of the exact point-mass denoiser through Alg. 2's conversion with "
                f"the clamp {SAMPLE_CLAMP:g}, for k ∈ {RESID_KS}, Euler (Alg. 2) and JiT's Heun, times JiT's noise scale "
                f"(1 at 256, 2 at 512 px): verified iff every b·s is below half an 8-bit level ({HALF_LEVEL:.4f} in "
                f"[−1, 1], JiT's output), corrected otherwise (the clamp changes the samples). error iff the closed-form "
                f"recursion and Alg. 2 run literally differ by more than {RESID_TWIN_TOL:g}, or the unclamped sampler "
                f"leaves more than {ZERO_RESID:g}.",
       decide=decide_clamp_residual)
def beyond_clamp_sampling_residual(ctx):
    from difftheory import other_systems

    osys = other_systems.load()
    scales = {r: float(s) for r, s in osys.value("jit.readme:noise_scale").items()}
    samplers = {"Alg. 2 (Euler)": False, "JiT (Heun, Euler last step)": True}
    clamped = {n: [clamp_residual(k, SAMPLE_CLAMP, h) for k in RESID_KS] for n, h in samplers.items()}
    unclamped = max(abs(clamp_residual(k, None, h)) for k in RESID_KS for h in samplers.values())
    twin = max(abs(clamp_residual(k, c, h) - _clamp_residual_literal(k, c, h, ctx.seed))
               for k in RESID_KS for c in (SAMPLE_CLAMP, None) for h in samplers.values())
    ts = np.linspace(0.0, 1.0, SAMPLE_STEPS + 1)[:-1]
    min_den = min(float(np.min(k * (1 - ts) + (1 - k) * ts)) for k in RESID_KS)
    worst = max(((abs(b) * s, f"{n}, k = {k}, {r} px") for n, bs in clamped.items() for k, b in zip(RESID_KS, bs)
                 for r, s in scales.items()), key=lambda x: x[0])
    return {"clamp": SAMPLE_CLAMP, "steps": SAMPLE_STEPS, "ks": list(RESID_KS), "clamped": clamped,
            "noise_scales": scales, "unclamped_max": float(unclamped), "twin_gap": float(twin),
            "t_last_eval": float(ts[-1]), "min_den_unclamped": min_den,
            "worst": {"residual": float(worst[0]), "where": worst[1]},
            "sources": [osys.facts[f].cite() for f in ("jit.sample_clamp", "jit.output_8bit", "jit.readme")]}


# ----------------------------------------------------------------------------------------- beyond: what learning k buys
# a relative gain in Δ* of 1 %: the smallest effect the paper's own comparisons call a gain (§5.1: FID 2.08 → 2.05,
# 1.4 %); fixed before the run — a convention for 'a visible reason to learn k', not a law
GAIN_MIN = 0.01
GAIN_RATIOS = np.geomspace(1, 1e4, 4001)   # D/d grid for the largest gain over all ratios (spacing 0.23 %)


def decide_kstar_gain(ev) -> Decision:
    if not within(ev["twin_gap"], TWIN_TOL):
        return Decision("error", f"kdiff_optimum.delta_star differs from the derived Δ*(k) by {ev['twin_gap']} "
                                 f"(> {TWIN_TOL:g}): a bug here.")
    txt = "; ".join(f"{p['what']} (D/d = {p['ratio']:.3g}, k* = {p['k_star']:.4f}): best discrete target k = "
                    f"{p['best_discrete_k']:g}, Δ* above Δ*(k*) by {p['gain']:.2%}" for p in ev["probes"])
    tail = (f"; over D/d ∈ [1, 10⁴] the gain is at most {ev['max_gain']:.2%} (at D/d = {ev['max_gain_ratio']:.3g}) "
            f"and tends to 0 as D/d → ∞ (Δ*(1)/Δ*(k*) − 1 = {ev['gain_at_1e4']:.2e} at D/d = 10⁴)")
    big = [p for p in ev["probes"] if p["gain"] >= GAIN_MIN]
    if len(big) == len(ev["probes"]):
        return Decision("verified", f"k* gains at least {GAIN_MIN:.0%} over every discrete target at each ratio: {txt}{tail}.")
    if big:
        return Decision("corrected", f"{txt}{tail}: the continuous k* beats the best of ε, v, x by ≥ {GAIN_MIN:.0%} "
                                     f"only at {', '.join(p['what'] for p in big)}; where D ≫ d x-prediction is within "
                                     f"{min(p['gain'] for p in ev['probes']):.2%} of it.")
    return Decision("refuted", f"at no probed ratio does k* gain {GAIN_MIN:.0%} over the best discrete target: {txt}{tail}.")


@claim("kdiff.beyond.kstar_gain_size", paper="kdiff", where="beyond Thm 3.2: what the continuous k buys (Eq. 14; §3.3)",
       method="symbolic", assumptions=THM32_ASSUMPTIONS, equations=("Thm 3.2", "Eq. (14)"),
       statement="(beyond the paper: what learning k buys in the model) In Thm 3.2's model the continuous optimum "
                 "k* = D/(D + d) lowers Δ* by at least 1 % below the best of the discrete targets ε, v, x (k = 0, ½, 1), "
                 "both at the latent ratio the paper infers from its learned k = 0.66 (Eq. 14 inverted: D/d = 1.94) "
                 "and in the pixel regime D ≫ d (D/d = 100, k* = 0.990).",
       criteria=f"Δ*(k) of App. D (derived, uniform t, κ = 1), gain = min over k ∈ {{0, ½, 1}} of Δ*(k)/Δ*(k*) − 1 at "
                f"D/d = k_latent/(1 − k_latent) (§5.1's printed k) and D/d = 100; verified iff the gain ≥ {GAIN_MIN:g} at "
                f"both; corrected iff at one only; refuted iff at neither. error iff kdiff_optimum.delta_star differs "
                f"from the derived Δ*(k) by more than {TWIN_TOL:g} (relative).",
       decide=decide_kstar_gain)
def beyond_kstar_gain(ctx):
    from difftheory.paper_tables import load

    _, f, _ = _derived_delta_star()
    k_lat = load("kdiff").statements["s5_1.latent_k"]["k_final"].cite()

    def gain(r):
        r = np.asarray(r, float)
        ks = r / (r + 1)
        ratios = np.stack([f(kk, r, 1.0) / f(ks, r, 1.0) for kk in (0.0, 0.5, 1.0)])
        return ratios.min(axis=0) - 1, np.array([0.0, 0.5, 1.0])[ratios.argmin(axis=0)]

    probes = []
    for what, r in ((f"latent (k = {k_lat['value']:g}, {k_lat['where']})", k_lat["value"] / (1 - k_lat["value"])),
                    ("pixel regime D ≫ d", 100.0)):
        g, best = gain(r)
        probes.append({"what": what, "ratio": float(r), "k_star": r / (r + 1), "gain": float(g), "best_discrete_k": float(best)})
    g_all, _ = gain(GAIN_RATIOS)
    i = int(np.argmax(g_all))
    twin = max(_delta_star_twin_gap(f, [0.0, 0.5, 1.0, r / (r + 1)], r) for r in (2, 100))
    return {"probes": probes, "max_gain": float(g_all[i]), "max_gain_ratio": float(GAIN_RATIOS[i]),
            "gain_at_1e4": float(g_all[-1]), "twin_gap": twin}


# ----------------------------------------------------------------------------------------- beyond: loss-optimal vs sample-optimal k
SAMPLE_K_GRID = np.linspace(1e-3, 1 - 1e-3, 9981)   # k-grid for the W2-optimal k (spacing 1e-4)
# |k_W2 − k*| below 0.005 is below the precision the paper prints its learned k at (0.66, 0.522: two–three decimals)
SAMPLE_K_TOL = 0.005
# the closed-form mode gain vs scipy's solve_ivp (rtol 1e-11) of the same scalar ODE: integration error ~1e-10
SAMPLE_TWIN_TOL = 1e-7


def decide_sample_optimal_k(ev) -> Decision:
    if not within(ev["twin_gap"], SAMPLE_TWIN_TOL):
        return Decision("error", f"the closed-form sampler gain differs from a numeric ODE solve by {ev['twin_gap']:.2e} "
                                 f"(> {SAMPLE_TWIN_TOL:g}): a bug here.")
    txt = "; ".join(f"D/d = {p['ratio']:g}: k* = {p['k_star']:.4f}, W2-optimal k = {p['k_w2']:.4f} (Alg. 2 Euler, "
                    f"{ev['euler_steps']} steps: {p['k_w2_euler']:.4f}); at k* the samples have std "
                    f"{p['std_par_at_kstar']:.3f} on the manifold (data 1) and {p['std_perp_at_kstar']:.4f} off it (data 0), "
                    f"W2²/d = {p['w2_at_kstar']:.3f} vs {p['w2_min']:.3f} at the W2-optimal k" for p in ev["probes"])
    head = (f"With W*(k) of Thm 3.1 (uniform t, κ = 1: c_∥ = {ev['c_par']}, c_⊥ = {ev['c_perp']}) Alg. 2's ODE "
            f"dz/dt = ((1 − 2k)z + Wz)/(k(1 − t) + (1 − k)t) from z ~ N(0, I) at t = 0 scales each mode by "
            f"exp((1 − 2k + c)·ln((1 − k)/k)/(1 − 2k)) (SymPy; numeric ODE twin {ev['twin_gap']:.1e})")
    off = [p for p in ev["probes"] if abs(p["gap"]) > SAMPLE_K_TOL]
    if not off:
        return Decision("verified", f"{head}: the W2-optimal k is k* within {SAMPLE_K_TOL:g}: {txt}.")
    smaller = sum(p["gap"] < 0 for p in off)
    shrink = all(p["std_par_at_kstar"] < 1 for p in ev["probes"])
    return Decision("corrected", f"{head}: {txt}. In the paper's own model the loss-optimal target is not the "
                                 f"sample-optimal one at {len(off)} of {len(ev['probes'])} ratios (the W2-optimal k is "
                                 f"the smaller at {smaller} of them)"
                                 + ("; at k* the on-manifold spread of the samples is below the data's 1 at every ratio."
                                    if shrink else "."))


@claim("kdiff.beyond.sample_optimal_k", paper="kdiff", where="beyond Thm 3.2 / Alg. 2: sampling with W*(k)",
       method="symbolic", assumptions=THM32_ASSUMPTIONS + ("sampling: Alg. 2's conversion integrated exactly (ODE) "
                                                         "from t = 0 to 1, no clamp",),
       equations=("Thm 3.2", "Alg. 2", "Eq. (11)"),
       statement="(beyond the paper: is the loss-optimal k also best for sampling?) In Thm 3.2's model the loss-optimal "
                 "target k* = D/(D + d) also gives the best samples: Alg. 2 run with the equilibrium W*(k) of Eq. (11) "
                 "produces the distribution closest (2-Wasserstein) to the data N(0, PPᵀ) at k = k*.",
       criteria=f"Closed-form per-mode gains of Alg. 2's ODE with W*(k) (SymPy), W2² = d(s_∥ − 1)² + (D − d)s_⊥² between "
                f"the generated Gaussian and N(0, PPᵀ), argmin over a {SAMPLE_K_GRID.size}-point k-grid at D/d = 2, 10, "
                f"100; verified iff |argmin − D/(D + d)| ≤ {SAMPLE_K_TOL:g} at every ratio; corrected otherwise (the "
                f"W2-optimal k reported). Alg. 2's literal Euler steps are reported alongside. error iff the closed form "
                f"differs from scipy's ODE solution (relative) or ∫dt/den from SymPy's integral by more than "
                f"{SAMPLE_TWIN_TOL:g}.",
       decide=decide_sample_optimal_k)
def beyond_sample_optimal_k(ctx):
    from scipy.integrate import solve_ivp

    t, kk, c = sp.symbols("t k c", positive=True)
    phi, psi, alpha, sigma = kk, -(1 - kk), t, 1 - t
    I = lambda e: sp.integrate(e, (t, 0, 1))  # noqa: E731   uniform t, κ = 1
    c_par = sp.simplify(I(phi * alpha + psi * sigma) / I(alpha**2 + sigma**2))   # kdiff Eq. (11)
    c_perp = sp.simplify(I(psi * sigma) / I(sigma**2))
    # Alg. 2's conversion with û = Wz = cz on a mode: dz/dt = (1 − 2k + c)z/den, den = k(1 − t) + (1 − k)t, so the
    # mode's gain from t = 0 to 1 is exp((1 − 2k + c)∫₀¹dt/den); the integral in the real form, checked against SymPy's
    int_den = sp.log((1 - kk) / kk) / (1 - 2 * kk)
    sym = sp.integrate(1 / (kk * (1 - t) + (1 - kk) * t), (t, 0, 1), conds="none")
    int_gap = max(abs(complex(sp.N((sym - int_den).subs(kk, v)))) for v in (0.1, 0.3, 0.66, 0.9))
    g = sp.lambdify((kk, c), sp.exp((1 - 2 * kk + c) * int_den))
    fp, fq = sp.lambdify(kk, c_par), sp.lambdify(kk, c_perp)
    ks = SAMPLE_K_GRID
    ks_safe = np.where(np.abs(ks - 0.5) < 1e-9, 0.5 + 1e-9, ks)
    s_par, s_perp = g(ks_safe, fp(ks_safe)), g(ks_safe, fq(ks_safe))

    def euler(k, cc, n=50):   # Alg. 2: z ← z + (t' − t)((1 − 2k)z + cz)/den(t) on a uniform grid
        tg = np.linspace(0, 1, n + 1)[:-1]
        return float(np.prod(1 + (1 / n) * (1 - 2 * k + cc) / (k * (1 - tg) + (1 - k) * tg)))

    ke = ks[::10]                                             # Alg. 2's literal Euler steps on a 1e-3 k-grid
    e_par, e_perp = np.array([euler(k, fp(k)) for k in ke]), np.array([euler(k, fq(k)) for k in ke])
    probes = []
    for r in (2.0, 10.0, 100.0):
        w2 = (s_par - 1) ** 2 + (r - 1) * s_perp**2          # W2²/d between N(0, diag(s²)) and N(0, PPᵀ)
        i = int(np.argmin(w2))
        w2e = (e_par - 1) ** 2 + (r - 1) * e_perp**2
        kst = r / (r + 1)
        sp_k, sq_k = float(g(kst, fp(kst))), float(g(kst, fq(kst)))
        probes.append({"ratio": r, "k_star": kst, "k_w2": float(ks[i]), "gap": float(ks[i] - kst),
                       "k_w2_euler": float(ke[int(np.argmin(w2e))]), "w2_min": float(w2[i]),
                       "w2_at_kstar": (sp_k - 1) ** 2 + (r - 1) * sq_k**2,
                       "std_par_at_kstar": sp_k, "std_perp_at_kstar": sq_k})
    twin = 0.0
    for k in (0.3, 0.66, 0.9):
        for cc in (fp(k), fq(k)):
            sol = solve_ivp(lambda tt, z: (1 - 2 * k + cc) * z / (k * (1 - tt) + (1 - k) * tt), (0, 1), [1.0],
                            rtol=1e-11, atol=1e-14)
            twin = max(twin, abs(sol.y[0, -1] - g(k, cc)) / g(k, cc))
    return {"c_par": str(c_par), "c_perp": str(c_perp), "probes": probes, "twin_gap": float(max(twin, int_gap)),
            "euler_steps": 50}
