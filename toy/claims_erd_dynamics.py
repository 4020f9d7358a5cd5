"""Claims for erd's learning-dynamics statements (§3.2–3.3, App. C–E), checked on the trained App. F networks'
frozen empirical NTK with the dynamics integrated exactly (``toy/erd_kernel_dynamics.py``), and the App. E
remarks by SymPy.

Setting shared by the dynamics claims (stated once here, repeated in each claim's evidence):
- the 12 global App. F models (4 targets × 3 schedules, ``erd_experiments.global_models``), their NTK Θ frozen
  at the trained parameters (erd Eq. 53);
- L²(q_λ) is the empirical measure of ``n_eval`` draws z ~ q_λ at each evaluation level t (the statements hold
  for any probability measure, so this checks them, not an approximation of them);
- the sample path: one App. F training sample (x0, ε, t ~ U(0, 1)) per SGD step, held for τ ∈ [kη, (k+1)η)
  (erd Lemma C.3); η = ½ / max_k M_k λ_max(Θ_kk) (each step moves its own sample's residual by at most a
  factor e^{−1/2}); horizon T_h = n_steps · η;
- two allocations M: uniform (App. F's training) and ERD's normalised w_y (Prop. E.1): with a non-constant M the
  placement of M(λ) vs M(λ_τ) in the printed formulas is tested;
- the free constants β (Prop. C.5, Thm 3.4/3.6) and γ (Thm 3.8) on the grid {0.01, 0.1, 1, 10, 100}/T_h, the
  evaluation time T at every interval end (and at T_h/4, T_h/2, T_h for Thm 3.6).
Time in the toy world is App. F's: t = 0 data, t = 1 noise."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from difftheory.decide import Reading, mean_ci, printed_vs_derived, trend, within
from difftheory.extraction import restoration
from difftheory.ledger import Decision, claim
from difftheory.toy import erd_kernel_dynamics
# ----------------------------------------------------------------------------------------- thresholds
IDENTITY_TOL = 1e-9  # Eq. (46) integrated: float64 round-off over ≤ 1024 intervals is ~1e-13; an O(1) misreading gives ≥ 1e-2
TWIN_TOL = 1e-6  # RK4 (h·Mλ ≤ 1/16) vs the exact solution: RK4's global error here is ~1e-9 relative
PARSEVAL_TOL = 1e-9  # ‖F‖² in the sample space vs Σ_j η_j² in the eigenbasis: the same numbers, round-off ~1e-15
BOUND_TOL = 1e-9  # a closed-form bound is violated only if measured/bound > 1 + 1e-9 (round-off ~1e-14)
INTEGRATION_TOL = 1e-4  # the RK4-integrated Eq. (60) bound must be resolved to 1e-4 relative (Richardson estimate)
INTEGRATION_MARGIN = 10  # a ratio within 10× the integration error of 1 counts as holding (it cannot be resolved)
SPLIT_TOL = 1e-10  # Eq. (77) split vs autograd: round-off ~1e-15
RATIO_MUCH = 10.0  # "‖r‖ ≪ ‖ξ‖" read as an order of magnitude: ‖ξ‖/‖r‖ ≥ 10
MIN_SAMPLES = 10  # the dominance statement needs ≥ 10 samples in its regime to be tested at all
CROSS_MIN = 0.10  # the forcing is "mediated by cross-noise interactions" when ≥ 10 % of its energy comes from |t_k − t| ≥ 0.1
CROSS_NEGLIGIBLE = 0.01  # < 1 % cross-noise forcing energy: the level is effectively an autonomous single-noise subsystem
ORDER_BAND = (0.8, 1.2)  # Lemma C.3: first-order agreement; the last halving's local order must lie in this band
ORDER_NONE = 0.3  # a local order below 0.3 means the gap does not shrink with η
LAZY_TOL = 0.10  # the frozen-kernel (lazy) regime: the NTK moves by < 10 % (relative Frobenius) and SGD follows it to < 10 %
FLAT_TOL = 0.01  # |dt/dλ| counts as constant when its max/min over t ∈ [0.02, 0.98] is within 1 %
DYN_ASSUMPTIONS = ("frozen empirical NTK of the trained App. F network (lazy regime, erd Eq. 53)",
                   "sample-path surrogate of SGD: one sample held per step of length η (Lemma C.3)",
                   "L²(q_λ) on the empirical measure of n draws at each level")


def _study(ctx):
    return erd_kernel_dynamics.dynamics_study(ctx.scale, ctx.seed)


def _cases(st):
    """(label, model summary, allocation name, allocation results)."""
    for mod in st["models"]:
        for alloc, res in mod["allocations"].items():
            yield f"{mod['target']}/{mod['schedule']}/M={alloc}", mod, alloc, res


def _setting(st) -> dict:
    return {"models": len(st["models"]), "allocations": list(erd_kernel_dynamics.ALLOCATIONS), "levels_t": st["levels"],
            "n_eval": st["n_eval"], "n_steps": st["n_steps"], "rate_grid_times_horizon": st["rate_grid"]}


_NAMES = {"T": "T", "level": "t", "beta": "β", "gamma": "γ", "mode": "mode", "interval": "interval", "node": "node"}


def _at(d) -> str:
    """A grid point {"T": .., "beta": ..} as 'T = 0.0053, β = 146'."""
    if not isinstance(d, dict):
        return str(d)
    return ", ".join(f"{_NAMES.get(k, k)} = {v:.3g}" if isinstance(v, float) else f"{_NAMES.get(k, k)} = {v}"
                     for k, v in d.items())


def _fmt(x):
    """3 significant digits; a number within 1e-3 of 1 is shown as 1 ∓ its distance (so a ratio 1 − 3e-7 is not '1')."""
    if x is None:
        return "n/a"
    if x != 1 and abs(x - 1) < 1e-3:
        return f"1 {'−' if x < 1 else '+'} {abs(x - 1):.2g}"
    return f"{x:.3g}"


# The readings of the OCR-garbled formulas these claims evaluate, by the name the evidence gives them. A restoration
# counts as a reading only with evidence that the OCR loses that glyph elsewhere (papers/erd/extraction.toml).
READINGS = {
    "Eq. (46) as printed: M(λ_τ) inside": restoration(
        "erd", "M_subscript_tau_eq46", "Eq. (46)'s inner weight M(λ_τ) (OCR 'MO'; Eq. (45) and the proof show M(λ_τ))"),
    "Eq. (4) with M(λ) inside (subscript lost)": Reading(restored="the inner weight of Eq. (4)/(46) read as M(λ)"),
    "without the outer M(λ)": Reading(restored="Eq. (46) without the outer factor M(λ)"),
    "Eq. (60): M(λ_s) in F_s": restoration(
        "erd", "M_subscript_s_in_Fs", "F_s = M(λ_s)Θ_s(·,(x_s,λ_s))ξ_s as App. C's Eqs. (62), (74), (75) print it "
        "(Eq. (60) itself is garbled)"),
    "Eq. (6) main text: M(λ) in F_s": Reading(note="main-text Eq. (6) as printed: F_s with M(λ)"),
    "M/(2γ) (Eq. 105, derived)": restoration(
        "erd", "fraction_numerator_lost", "the numerator M(λ) of Eq. (92)'s second constant, M(λ)/(2γ) (OCR '72/')"),
    "1/(2γ) (M dropped)": Reading(note="Eq. (92) as the OCR shows it: second constant 1/(2γ)"),
}


def as_readings(holds: dict) -> dict:
    """Evidence reading names -> Reading objects (an unknown name is a restoration without evidence)."""
    return {READINGS.get(k, Reading(restored=k)): v for k, v in holds.items()}


# ========================================================================== Thm 3.3 / Thm C.4 (Eqs. 4, 45, 46)
def decide_excess_identity(ev) -> Decision:
    twins_ok = within(ev["rk4_twin_worst"], TWIN_TOL)
    readings = {k: within(v, IDENTITY_TOL) for k, v in ev["readings"].items()}
    verdict, reading = printed_vs_derived(as_readings(readings), twins_agree=twins_ok)
    shown = "; ".join(f"{k}: worst relative error {_fmt(v)}" for k, v in ev["readings"].items())
    if verdict == "error":
        return Decision("error", f"Our RK4 integration of Eq. (45) differs from the exact solution by "
                                 f"{_fmt(ev['rk4_twin_worst'])} (> {TWIN_TOL:g}): a bug here, not in the paper.")
    if verdict == "verified":
        held = [k for k, v in readings.items() if v]
        return Decision("verified", f"ℓ̃(T) − ℓ̃(0) from the exact frozen-kernel sample path equals ∫₀ᵀ of Eq. (46)'s "
                                    f"right-hand side (Gauss–Legendre) at every interval end, {ev['cases']} (model, M) "
                                    f"cases × {ev['levels']} levels × {ev['n_steps']} intervals; reading(s) that hold: "
                                    f"{', '.join(held)}. {shown}. RK4 twin agrees to {_fmt(ev['rk4_twin_worst'])}.", reading)
    if verdict == "corrected":
        held = [k for k, v in readings.items() if v]
        return Decision("corrected", f"Only a reading with no evidence of OCR loss holds ({', '.join(held)}): it is a "
                                     f"correction of the printed Eq. (46). {shown}.", reading)
    return Decision("refuted", f"No reading of Eq. (46) matches the exact dynamics: {shown} (worst case "
                               f"{ev['worst_case']}).", reading)


@claim("erd.thm3_3.excess_identity", paper="erd", where="§3.2 Thm 3.3, Eq. (4); App. C Thm C.4, Eqs. (45)–(46)",
       statement="Under the sample-path surrogate, d/dτ ℓ̃_τ(λ) = −M(λ)⟨r_τ(·,λ), M(λ_τ)Θ_τ((·,λ),(x_τ,λ_τ)) "
                 "r_τ(x_τ,λ_τ)⟩ − M(λ)⟨r_τ(·,λ), M(λ_τ)Θ_τ((·,λ),(x_τ,λ_τ)) ξ_τ⟩ exactly.",
       method="numeric", equations=("Thm 3.3", "Thm C.4", "Eq. (4)", "Eq. (45)", "Eq. (46)"),
       assumptions=DYN_ASSUMPTIONS + ("ℓ̃ = ½M(λ)‖r‖² (Eq. 26)",),
       criteria=f"Integrate the frozen-kernel sample path exactly; verified iff ℓ̃(T) − ℓ̃(0) equals the Gauss–Legendre "
                f"integral of Eq. (46)'s right-hand side to {IDENTITY_TOL:g} (relative to ∫|terms|) at every interval end, "
                "for a plausible reading (as printed in App. C; or the main text's Eq. (4) read with M(λ) for M(λ_τ), a lost "
                f"subscript); refuted if none does; error if our RK4 twin of Eq. (45) misses the exact solution by > {TWIN_TOL:g}.",
       decide=decide_excess_identity)
def thm3_3_excess_identity(ctx):
    st = _study(ctx)
    rows = {lab: r["identity"] for lab, _, _, r in _cases(st)}
    keys = {"Eq. (46) as printed: M(λ_τ) inside": "rel_err_max",
            "Eq. (4) with M(λ) inside (subscript lost)": "rel_err_M_lambda_inside_max",
            "without the outer M(λ)": "rel_err_no_outer_M_max"}
    readings = {k: max(v[f] for v in rows.values()) for k, f in keys.items()}
    worst = max(rows, key=lambda k: rows[k]["rel_err_max"])
    return {"readings": readings, "worst_case": worst,
            "rk4_twin_worst": max(r["rk4_vs_exact"] for _, _, _, r in _cases(st)),
            "cases": len(rows), "levels": len(st["levels"]), "n_steps": st["n_steps"], "setting": _setting(st),
            "per_case_printed": {k: v["rel_err_max"] for k, v in rows.items()}}


# ========================================================================== Prop. C.5 (Eqs. 52, 54)
def decide_prop_c5(ev) -> Decision:
    if not within(ev["identity_worst"], IDENTITY_TOL):
        return Decision("error", f"dℓ̃/dτ is taken from Eq. (46), which our integration does not reproduce "
                                 f"(worst {_fmt(ev['identity_worst'])} > {IDENTITY_TOL:g}): cannot evaluate Eq. (52).")
    if ev["worst_normalised_excess"] is None or ev["worst_normalised_excess"] > BOUND_TOL:
        w = ev["worst"]
        return Decision("refuted", f"Eq. (52) fails: at {w['case']}, {_at(w['at'])}: dℓ̃/dτ = {_fmt(w['lhs'])} > right-hand "
                                   f"side {_fmt(w['rhs'])} (normalised excess {_fmt(ev['worst_normalised_excess'])}).")
    return Decision("verified", f"Eq. (52) (= Eq. (54) on the frozen kernel) holds at all {ev['points']} (node, level, β) "
                                f"points of all {ev['cases']} cases: worst (LHS − RHS)/(|LHS| + |RHS|) = "
                                f"{_fmt(ev['worst_normalised_excess'])}. The forcing term uses at most "
                                f"{_fmt(ev['young_used_max'])} (median {_fmt(ev['young_used_median'])}) of its Young "
                                "bound βℓ̃ + (M/2β)‖F‖².")


@claim("erd.prop_c5.excess_rate_bound", paper="erd", where="App. C Prop. C.5, Eqs. (52), (54)–(58)",
       statement="For every β > 0: dℓ̃/dτ ≤ −M(λ)⟨r, M(λ_τ)Θ r_τ⟩ + βℓ̃ + (M(λ)/2β)‖M(λ_τ)Θ(·,(x_τ,λ_τ))ξ_τ‖² "
                 "(and the same with the frozen kernel Θ₀, Eq. 54).",
       method="numeric", equations=("Prop. C.5", "Eq. (52)", "Eq. (54)"),
       assumptions=DYN_ASSUMPTIONS,
       criteria="At every Gauss–Legendre node of every interval, each level, allocation and β on the grid: verified iff "
                f"(LHS − RHS)/(|LHS| + |RHS|) ≤ {BOUND_TOL:g}; refuted otherwise (the point, LHS and RHS shown); error if "
                f"Eq. (46), from which dℓ̃/dτ is taken, is not reproduced to {IDENTITY_TOL:g}.",
       decide=decide_prop_c5)
def prop_c5_excess_rate_bound(ctx):
    st = _study(ctx)
    worst, wl = -math.inf, None
    used_max, used_med, points = 0.0, [], 0
    for lab, _, _, r in _cases(st):
        c5 = r["prop_c5"]
        points += c5["n_points"]
        used_max = max(used_max, c5["young_used"]["max"])
        used_med.append(c5["young_used"]["median"])
        if c5["worst_normalised_excess"] > worst:
            worst = c5["worst_normalised_excess"]
            wl = {"case": lab, "at": c5["worst_at"], "lhs": c5["worst_lhs"], "rhs": c5["worst_rhs"]}
    return {"worst_normalised_excess": worst, "worst": wl, "young_used_max": used_max,
            "young_used_median": float(np.median(used_med)), "points": points, "cases": len(used_med),
            "identity_worst": max(r["identity"]["rel_err_max"] for _, _, _, r in _cases(st)), "setting": _setting(st)}


# ========================================================================== Thm 3.4 / Thm C.6 (Eqs. 5, 6, 59, 60)
def _bound_readings(ev):
    tol = max(BOUND_TOL, INTEGRATION_MARGIN * (ev["integration_rel_err"] or 0.0))
    return tol, {k: v["max_ratio"] is not None and v["max_ratio"] <= 1 + tol for k, v in ev["readings"].items()}


def decide_thm3_4(ev) -> Decision:
    twins_ok = within(ev["rk4_twin_worst"], TWIN_TOL) and within(ev["integration_rel_err"], INTEGRATION_TOL)
    tol, readings = _bound_readings(ev)
    verdict, reading = printed_vs_derived(as_readings(readings), twins_agree=twins_ok)
    shown = "; ".join(f"{k}: max measured/bound {_fmt(v['max_ratio'])} (median {_fmt(v['median_ratio'])})"
                      for k, v in ev["readings"].items())
    if verdict == "error":
        return Decision("error", f"Our integration cannot resolve the bound: RK4 twin {_fmt(ev['rk4_twin_worst'])}, "
                                 f"Richardson error of the Eq. (60) integral {_fmt(ev['integration_rel_err'])} "
                                 f"(limits {TWIN_TOL:g}, {INTEGRATION_TOL:g}).")
    if verdict == "verified":
        failed = [k for k, v in readings.items() if not v]
        extra = ""
        if failed:
            w = ev["readings"][failed[0]]
            extra = (f" The literal main-text reading ({failed[0]}) fails: at {w['case']}, {_at(w['worst_at'])}: measured "
                     f"{_fmt(w['measured'])} > bound {_fmt(w['bound'])}; App. C's Eq. (60) is the derived one.")
        return Decision("verified", f"With μ_τ the exact coercivity ratio (the tightest admissible in Eq. 59), the bound "
                                    f"holds at every T, β and level of all {ev['cases']} cases: {shown}.{extra}", reading)
    if verdict == "corrected":
        return Decision("corrected", f"The bound holds only in a reading of F_s with no evidence of OCR loss: a correction "
                                     f"of the printed bound. {shown}.", reading)
    w = max(ev["readings"].values(), key=lambda v: v["max_ratio"] or 0)
    return Decision("refuted", f"The bound fails in every reading ({shown}); e.g. at {w['case']}, {_at(w['worst_at'])}: "
                               f"measured ℓ̃ = {_fmt(w['measured'])} > bound {_fmt(w['bound'])}.", reading)


@claim("erd.thm3_4.bound", paper="erd", where="§3.2 Thm 3.4, Eqs. (5)–(6); App. C Thm C.6, Eqs. (59)–(60)",
       statement="If M(λ)⟨r, M(λ_τ)Θ r_τ⟩ ≥ μ_τ ℓ̃_τ for all τ, then for every β > 0 and T > 0: ℓ̃_T ≤ "
                 "exp(−∫₀ᵀ(μ_s−β)ds) ℓ̃₀ + (M(λ)/2β)∫₀ᵀ exp(−∫ₛᵀ(μ_u−β)du) ‖F_s‖² ds, F_s = M(λ_s)Θ(·,(x_s,λ_s))ξ_s.",
       method="numeric", equations=("Thm 3.4", "Thm C.6", "Eq. (5)", "Eq. (6)", "Eq. (59)", "Eq. (60)"),
       assumptions=DYN_ASSUMPTIONS + ("pathwise coercivity Eq. (59) with some measurable μ_τ (here the exact ratio)",),
       figures=("erd_dynamics_excess_bound",),
       criteria="Take μ_τ = C_τ/ℓ̃_τ (Eq. 59 with equality, the tightest admissible rate); integrate the comparison ODE "
                "whose solution is Eq. (60)'s right-hand side (RK4, Richardson-checked). For each reading of F_s (App. C: "
                "M(λ_s) inside; main-text Eq. (6): M(λ)), the max of measured ℓ̃_T / bound over every interval end T, β on "
                f"the grid, level, model and allocation; verified iff some plausible reading stays ≤ 1 + max({BOUND_TOL:g}, "
                f"{INTEGRATION_MARGIN}× integration error); refuted otherwise (counterexample); error if the integration "
                f"error exceeds {INTEGRATION_TOL:g} or the RK4 twin of the path misses by > {TWIN_TOL:g}.",
       decide=decide_thm3_4)
def thm3_4_bound(ctx):
    st = _study(ctx)
    readings = {}
    for lab, _, _, r in _cases(st):
        for name, v in r["thm3_4"]["readings"].items():
            cur = readings.setdefault(name, {"max_ratio": -1.0, "medians": []})
            cur["medians"].append(v["median_ratio"])
            if v["max_ratio"] > cur["max_ratio"]:
                cur.update(max_ratio=v["max_ratio"], case=lab, worst_at=v["worst_at"], measured=v["measured"],
                           bound=v["bound"])
    for v in readings.values():
        v["median_ratio"] = float(np.median(v.pop("medians")))
    return {"readings": readings, "cases": len(list(_cases(st))),
            "integration_rel_err": max(r["thm3_4"]["integration_rel_err"] for _, _, _, r in _cases(st)),
            "rk4_twin_worst": max(r["rk4_vs_exact"] for _, _, _, r in _cases(st)), "setting": _setting(st)}


# ========================================================================== Remark 3.5 (Eq. 7)
def _remark35_symbolic() -> dict:
    """Eq. (7) from Eq. (61) with ‖F‖² ≤ B: ∫₀ᵀ e^{−(μ−β)(T−s)} (MB/2β) ds, and the neighbourhood statements."""
    a, beta, M, B, T, s, l0, eps = sp.symbols("a beta M B T s ell0 epsilon", positive=True)  # a = μ − β > 0
    mu = beta + a
    integral = sp.integrate(sp.exp(-a * (T - s)) * M * B / (2 * beta), (s, 0, T))
    printed = M * B / (2 * beta * (mu - beta)) * (1 - sp.exp(-(mu - beta) * T))
    radius = M * B / (2 * beta * (mu - beta))
    mu_s = sp.Symbol("mu", positive=True)
    radius_mu = M * B / (2 * beta * (mu_s - beta))
    t_eps = sp.solve(sp.Eq(sp.exp(-a * T) * l0, eps), T)
    return {"printed_minus_integral": str(sp.simplify(integral - printed)),
            "limit_T_inf": str(sp.limit(printed + sp.exp(-a * T) * l0, T, sp.oo)),
            "limit_equals_radius": bool(sp.simplify(sp.limit(printed, T, sp.oo) - radius) == 0),
            "d_radius_dM_positive": bool(sp.simplify(sp.diff(radius, M)).is_positive),
            "d_radius_dB_positive": bool(sp.simplify(sp.diff(radius, B)).is_positive),
            "d_radius_dmu_negative": bool(sp.simplify(-sp.diff(radius_mu, mu_s).subs(mu_s, beta + a)).is_positive),
            "time_to_accuracy": str(t_eps[0]) if len(t_eps) == 1 else str(t_eps),
            "time_to_accuracy_matches": len(t_eps) == 1 and sp.simplify(t_eps[0] - sp.log(l0 / eps) / a) == 0,
            "best_beta_radius": str(sp.simplify(radius_mu.subs(beta, mu_s / 2))),
            # tightness: the scalar surrogate dr/dτ = −(μ/2) r − √B (coercivity with equality, ‖F‖² = B, aligned) has
            # stationary ℓ̃ = (M/2) r_∞² with r_∞ = −√B/(μ/2): it attains the radius at β = μ/2
            "scalar_stationary_excess": str(sp.simplify(M / 2 * (sp.sqrt(B) / (mu_s / 2)) ** 2)),
            "scalar_attains_best_radius": bool(sp.simplify(M / 2 * (sp.sqrt(B) / (mu_s / 2)) ** 2
                                                           - radius_mu.subs(beta, mu_s / 2)) == 0)}


def decide_remark35_rate(ev) -> Decision:
    if ev["symbolic"]["printed_minus_integral"] != "0":
        return Decision("refuted", f"Eq. (7) does not follow from Eq. (61): integrating the bounded forcing leaves "
                                   f"{ev['symbolic']['printed_minus_integral']}.")
    checks = ev["sample_path_applicable"] + ev["fixed_noise_applicable"]
    if checks == 0:
        return Decision("open", "Derived symbolically, but no trajectory here satisfies the remark's hypothesis "
                                "μ_τ ≥ μ > β > 0 for all τ, so Eq. (7) is not tested numerically; a setting with uniform "
                                "pathwise coercivity would settle it.")
    worst = max(v for v in (ev["sample_path_worst_ratio"], ev["fixed_noise_worst_ratio"]) if v is not None)
    if worst > 1 + BOUND_TOL:
        return Decision("refuted", f"Eq. (7) fails where its hypotheses hold: measured/bound up to {_fmt(worst)} "
                                   f"({ev['worst_where']}).")
    return Decision("verified", f"Eq. (7) is exactly ∫₀ᵀ e^{{−(μ−β)(T−s)}} (M B/2β) ds added to Eq. (61)'s transient "
                                f"(SymPy). Numerically it holds wherever its hypothesis holds: on the sample path in "
                                f"{ev['sample_path_applicable']} (case, level, β) checks (μ_τ < 0 somewhere on the path in "
                                f"{ev['sample_path_levels_without_uniform_rate']} of {ev['sample_path_levels']} (case, level) "
                                f"pairs, where the remark does not apply), and on the fixed-noise surrogate of Thm D.4 "
                                f"(μ_τ ≥ 2Mκ_min > 0) in {ev['fixed_noise_applicable']} checks: worst measured/bound "
                                f"{_fmt(worst)}, median {_fmt(ev['fixed_noise_median_ratio'])} (loose: B is the worst "
                                "step's forcing).")


@claim("erd.remark3_5.rate_bound", paper="erd", where="§3.2 Remark 3.5, Eq. (7); App. C Eq. (61)",
       statement="If μ_τ(λ) ≥ μ(λ) > 0 and ‖F_τ‖² ≤ B(λ) for all τ, then for β ∈ (0, μ): ℓ̃_T ≤ e^{−(μ−β)T}ℓ̃₀ + "
                 "M B/(2β(μ−β)) (1 − e^{−(μ−β)T}).",
       method="numeric", equations=("Remark 3.5", "Eq. (7)", "Eq. (61)"),
       assumptions=DYN_ASSUMPTIONS + ("uniform pathwise coercivity μ_τ ≥ μ > 0", "bounded forcing ‖F_τ‖² ≤ B"),
       criteria="SymPy: Eq. (7) must equal Eq. (61) with ‖F‖² ≤ B integrated. Numerically, wherever the hypotheses hold "
                "(μ = 0.99 × the minimum of μ_τ over a dense τ grid, B = max‖F‖², β ∈ {0.1, 0.5, 0.9}μ) — on the sample "
                "path and on Thm D.4's fixed-noise surrogate — verified iff measured/Eq. (7) ≤ 1 + "
                f"{BOUND_TOL:g} at every interval end; refuted if the algebra differs or a violation is found; open if "
                "the hypotheses hold nowhere.",
       decide=decide_remark35_rate)
def remark3_5_rate_bound(ctx):
    st = _study(ctx)
    sp_checks, fn_checks, fn_med, no_rate, lev = 0, 0, [], 0, 0
    worst = {"sample path": (None, ""), "fixed-noise surrogate": (None, "")}

    def note(kind, ratio, where):
        if worst[kind][0] is None or ratio > worst[kind][0]:
            worst[kind] = (ratio, where)

    for lab, _, _, r in _cases(st):
        spr = r["sample_path_rate"]
        lev += len(spr["mu_floor"])
        no_rate += sum(m <= 0 for m in spr["mu_floor"])
        for c in spr["checks"]:
            sp_checks += 1
            note("sample path", c["eq7_max_ratio"], f"sample path {lab}, t = {c['level']}, β = {c['beta']:.3g}")
        for f in r["fixed_noise"]:
            for c in f["remark35"]:
                fn_checks += 1
                fn_med.append(c["eq7_median_ratio"])
                note("fixed-noise surrogate", c["eq7_max_ratio"],
                     f"fixed-noise surrogate {lab}, t = {f['level']}, β = {c['beta']:.3g}")
    (sw, swhere), (fw, fwhere) = worst["sample path"], worst["fixed-noise surrogate"]
    where = swhere if fw is None or (sw is not None and sw > fw) else fwhere
    return {"symbolic": _remark35_symbolic(), "sample_path_applicable": sp_checks, "sample_path_worst_ratio": sw,
            "sample_path_levels": lev, "sample_path_levels_without_uniform_rate": no_rate,
            "fixed_noise_applicable": fn_checks, "fixed_noise_worst_ratio": fw,
            "fixed_noise_median_ratio": float(np.median(fn_med)) if fn_med else None, "worst_where": where,
            "setting": _setting(st)}


def decide_remark35_neighbourhood(ev) -> Decision:
    keys = ("limit_equals_radius", "d_radius_dM_positive", "d_radius_dB_positive", "d_radius_dmu_negative",
            "time_to_accuracy_matches")
    bad = [k for k in keys if not ev[k]]
    if bad:
        return Decision("refuted", f"Derivation from Eq. (7) contradicts: {', '.join(bad)} "
                                   f"(T_ε = {ev['time_to_accuracy']}).")
    return Decision("verified", f"From Eq. (7) (SymPy, 0 < β < μ): lim_(T→∞) = M B/(2β(μ−β)) (the neighbourhood), which "
                                f"grows with M and B and shrinks with μ; the transient e^{{−(μ−β)T}}ℓ̃₀ falls below ε at "
                                f"T = {ev['time_to_accuracy']} (with a = μ − β), i.e. O((μ−β)⁻¹ log(ℓ̃₀/ε)). Beyond the "
                                f"remark: the radius is smallest at β = μ/2, where it is {ev['best_beta_radius']}"
                                + (f", and it is sharp there: the scalar system dr/dτ = −(μ/2)r − √B (coercivity with "
                                   f"equality, aligned forcing ‖F‖² = B) settles at ℓ̃ = {ev['scalar_stationary_excess']}."
                                   if ev.get("scalar_attains_best_radius") else ".")
                                + " (In ℓ̃'s units, which carry M(λ): see erd.beyond.neighbourhood_unweighted.)")


@claim("erd.remark3_5.neighbourhood", paper="erd", where="§3.2 Remark 3.5 (text after Eq. 7)",
       statement="The transient contracts at rate e^{−(μ−β)τ} toward a neighbourhood of size O(M B/(β(μ−β))); reaching "
                 "accuracy ε above it takes O((μ−β)⁻¹ log(ℓ̃₀/ε)); small μ slows it, large M or B enlarges the neighbourhood.",
       method="symbolic", equations=("Remark 3.5", "Eq. (7)"),
       assumptions=("0 < β < μ", "the hypotheses of Remark 3.5"),
       criteria="SymPy from Eq. (7): verified iff the T → ∞ limit is M B/(2β(μ−β)), its derivative is > 0 in M and B "
                "and < 0 in μ for 0 < β < μ, and e^{−(μ−β)T}ℓ̃₀ = ε solves to T = log(ℓ̃₀/ε)/(μ−β); refuted otherwise.",
       decide=decide_remark35_neighbourhood)
def remark3_5_neighbourhood(ctx):
    return _remark35_symbolic()


def decide_neighbourhood_unweighted(ev) -> Decision:
    if ev["d_unweighted_radius_dM"] == "0" and ev["mu_free_of_M"] and ev["B_free_of_M"]:
        return Decision("refuted", f"No: ℓ̃ = (M(λ)/2)‖r‖² carries the evaluation level's weight, and so does its "
                                   f"neighbourhood M B/(2β(μ−β)). Divided by M(λ)/2, Eq. (7) bounds the residual itself: "
                                   f"‖r_T‖² ≤ e^{{−(μ−β)T}}‖r_0‖² + {ev['unweighted_radius']}·(1 − e^{{−(μ−β)T}}), with "
                                   f"∂/∂M(λ) = {ev['d_unweighted_radius_dM']}; the rate μ = 2⟨r, M(λ_τ)Θ r_τ⟩/‖r‖² and the "
                                   f"forcing bound B on ‖M(λ_s)Θξ_s‖² contain only the sampled levels' weights M(λ_τ), "
                                   f"M(λ_s) (‖F_s‖² = {ev['forcing']}). A large M(λ) at the evaluation level enlarges the "
                                   f"weighted measure of the residual, not the residual: down-weighting a level changes its "
                                   f"residual's neighbourhood only through the weights M(λ_s) of the levels sampled along "
                                   f"the path.")
    return Decision("verified", f"The unweighted residual's neighbourhood {ev['unweighted_radius']} depends on M(λ) "
                                f"(∂/∂M = {ev['d_unweighted_radius_dM']}).")


@claim("erd.beyond.neighbourhood_unweighted", paper="erd", where="§3.2 Remark 3.5 (text after Eq. 7); §3.4 (ll. 329–333)",
       statement="(beyond the paper) Remark 3.5's 'recoverability mismatch … enlarges the residual neighbourhood via large "
                 "M(λ)': does the evaluation level's weight M(λ) enlarge the residual ‖r‖² itself, not only its weighted "
                 "measure ℓ̃ = (M(λ)/2)‖r‖²?",
       method="symbolic",
       assumptions=("the hypotheses of Remark 3.5 (uniform μ, ‖F‖² ≤ B)", "ℓ̃ = (M(λ)/2)‖r‖² (Lemma C.1, Eq. 57)"),
       criteria="SymPy: divide Eq. (7) by M(λ)/2 to bound ‖r‖²; check that μ (Eq. 5/59 solved for μ with ℓ̃ = (M/2)‖r‖²) "
                "and B (the bound on ‖F_s‖², F_s = M(λ_s)Θξ_s) do not contain M(λ). verified iff the unweighted radius "
                "B/(β(μ−β)) depends on M(λ); refuted iff its derivative in M(λ) is 0 (the M(λ)-dependence is that of "
                "the measure only).",
       decide=decide_neighbourhood_unweighted)
def neighbourhood_unweighted(ctx):
    M, Mt, B, beta, mu, c, r2 = sp.symbols("M M_tau B beta mu C r2", positive=True)  # C = ⟨r, Θ r_τ⟩ > 0 along the path
    radius = M * B / (2 * beta * (mu - beta))
    unweighted = sp.simplify(radius / (M / 2))
    mu_solved = sp.solve(sp.Eq(M * Mt * c, mu * M / 2 * r2), mu)[0]  # Eq. (5) with equality, ℓ̃ = (M/2)‖r‖²
    Ms, k, xi = sp.symbols("M_s Theta_s xi_s", positive=True)
    forcing = (Ms * k * xi) ** 2  # ‖F_s‖² with F_s = M(λ_s)Θ(·, z_s)ξ_s (Eq. 60), whose bound is B
    return {"unweighted_radius": str(unweighted), "d_unweighted_radius_dM": str(sp.simplify(sp.diff(unweighted, M))),
            "mu_from_coercivity": str(mu_solved), "mu_free_of_M": M not in mu_solved.free_symbols,
            "B_free_of_M": M not in forcing.free_symbols, "forcing": str(forcing), "weighted_radius": str(radius)}


# ========================================================================== Thm 3.6 / Thm D.2 (Eqs. 8, 71–75)
def decide_thm3_6(ev) -> Decision:
    if not (within(ev["twin_worst"], BOUND_TOL) and within(ev["integration_rel_err"], INTEGRATION_TOL)):
        return Decision("error", f"Our two computations of the local ELBO density disagree (direct conditional quadrature "
                                 f"vs floor + excess: {_fmt(ev['twin_worst'])}) or the bound is not resolved (integration "
                                 f"error {_fmt(ev['integration_rel_err'])}).")
    tol = max(BOUND_TOL, INTEGRATION_MARGIN * ev["integration_rel_err"])
    if ev["max_ratio"] is None or ev["max_ratio"] > 1 + tol:
        w = ev["worst"]
        return Decision("refuted", f"Eq. (72) fails at {w['case']}, t = {w['level']}, T = {_fmt(w['T'])}, β = "
                                   f"{_fmt(w['beta'])}: ℓ_T = {_fmt(w['ell'])} > floor + bound = {_fmt(w['bound'])}.")
    return Decision("verified", f"The local ELBO density ℓ_T (computed directly by Gauss–Hermite over the exact "
                                f"posterior, not via the split) stays below ℓ*_λ + Eq. (60)'s bound at T ∈ {{T_h/4, T_h/2, "
                                f"T_h}}, every β, level and case: max ratio {_fmt(ev['max_ratio'])}, median "
                                f"{_fmt(ev['median_ratio'])}; the floor is {_fmt(ev['floor_share_median'])} of ℓ_T at the "
                                "median. Direct quadrature and floor + excess agree to "
                                f"{_fmt(ev['twin_worst'])}.")


@claim("erd.thm3_6.bound", paper="erd", where="§3.3 Thm 3.6, Eq. (8); App. D Thm D.2, Eqs. (71)–(75)",
       statement="Under the sample-path surrogate and pathwise coercivity, ℓ_T(λ) ≤ ℓ*_λ + exp(−∫₀ᵀ(μ_s−β))ℓ̃₀ + "
                 "(M(λ)/2β)∫₀ᵀ exp(−∫ₛᵀ(μ_u−β)du)‖F_s‖² ds.",
       method="numeric", equations=("Thm 3.6", "Thm D.2", "Eq. (8)", "Eq. (72)"),
       assumptions=DYN_ASSUMPTIONS + ("pathwise coercivity Eq. (71)", "exact Bayes split (Lemma C.1)"),
       criteria="ℓ_T = ½M mean_i E[‖f_T(z_i) − y‖² | z_i] by Gauss–Hermite over the exact GMM posterior (independent of "
                "the Bayes split); bound = empirical floor + Eq. (60) (μ_τ exact, App. C reading). Verified iff ℓ_T/bound ≤ 1 + "
                f"max({BOUND_TOL:g}, {INTEGRATION_MARGIN}× integration error) at every checked (T, β, level, case); "
                "refuted otherwise; error if direct quadrature and floor + excess differ by > "
                f"{BOUND_TOL:g} or the integration error exceeds {INTEGRATION_TOL:g}.",
       decide=decide_thm3_6)
def thm3_6_bound(ctx):
    st = _study(ctx)
    betas = st["rate_grid"]
    worst, wl, ratios, twin, shares = -1.0, None, [], 0.0, []
    for lab, _, _, r in _cases(st):
        for p in r["thm3_6"]["points"]:
            twin = max(twin, p["twin_rel_err"])
            arr = np.asarray(p["ratio_by_beta"])
            ratios.append(arr.ravel())
            shares.extend((np.asarray(p["floor"]) / np.asarray(p["ell"])).tolist())
            L, b = np.unravel_index(int(arr.argmax()), arr.shape)
            if arr[L, b] > worst:
                worst = float(arr[L, b])
                wl = {"case": lab, "level": st["levels"][L], "T": p["T"], "beta": betas[b] / r["horizon"],
                      "ell": p["ell"][L], "bound": p["ell"][L] / arr[L, b]}
    return {"max_ratio": worst, "median_ratio": float(np.median(np.concatenate(ratios))), "worst": wl,
            "twin_worst": twin, "floor_share_median": float(np.median(shares)),
            "integration_rel_err": max(r["thm3_4"]["integration_rel_err"] for _, _, _, r in _cases(st)),
            "setting": _setting(st)}


def decide_floor_dominates(ev) -> Decision:
    rising = {k: v for k, v in ev["models"].items() if v["floor_rises"]}
    if not rising:
        return Decision("open", "No model's Bayes floor rises from the lowest to the highest noise level, so the "
                                "statement's regime does not occur here.")
    bad = {k: v for k, v in rising.items() if not v["floor_share_high"] > 0.5}
    shares = ", ".join(f"{k}: {v['floor_share_high']:.3f}" for k, v in rising.items())
    mus = ", ".join(f"{k}: {_fmt(v['mu_avg_low'])} → {_fmt(v['mu_avg_high'])}" for k, v in rising.items())
    if bad:
        return Decision("refuted", f"Where the floor rises with noise, the local ELBO is not floor-dominated for "
                                   f"{', '.join(bad)} (floor share at t = {ev['t_high']}: {shares}).")
    return Decision("verified", f"For the {len(rising)} models whose exact Bayes floor rises from t = {ev['t_low']} to "
                                f"{ev['t_high']}, the floor is > ½ of the trained network's local ELBO at t = "
                                f"{ev['t_high']} ({shares}). The time-averaged pathwise rate μ̄ (low → high noise) "
                                f"for the same models: {mus} (the theorem says only that it 'may' decrease).")


@claim("erd.thm3_6.floor_dominates", paper="erd", where="App. D Thm D.2 (text after Eq. 72); §3.3",
       statement="In the high-noise regime where the Bayes floor ℓ*_λ increases, the local ELBO is dominated by the "
                 "enlarged irreducible component (while the effective contraction μ_τ may decrease).",
       method="numeric", equations=("Thm 3.6", "Thm D.2", "Eq. (72)"),
       assumptions=("trained App. F networks (τ = 0 of the sample path)", "exact Bayes floor (quadrature)"),
       criteria="For each model whose exact floor (population quadrature) is larger at the highest evaluation level than at "
                "the lowest: the floor's share of the local ELBO density ℓ*/(ℓ* + ℓ̃) of the trained network at the highest "
                "level (empirical measure). Verified iff every such model has share > ½; refuted if one has ≤ ½; open if no "
                "model's floor rises.",
       decide=decide_floor_dominates)
def thm3_6_floor_dominates(ctx):
    from difftheory.toy.erd_gmm_floor import bayes_floor

    st = _study(ctx)
    lo, hi = st["levels"][0], st["levels"][-1]
    out = {}
    for mod in st["models"]:
        r = mod["allocations"]["uniform"]
        f_lo = float(bayes_floor(mod["target"], mod["schedule"], lo).sum())
        f_hi = float(bayes_floor(mod["target"], mod["schedule"], hi).sum())
        out[f"{mod['target']}/{mod['schedule']}"] = {
            "population_floor_low": f_lo, "population_floor_high": f_hi, "floor_rises": f_hi > f_lo,
            "floor_share_high": r["thm3_6"]["floor_share_tau0"][-1], "floor_share_low": r["thm3_6"]["floor_share_tau0"][0],
            "mu_avg_low": r["mu"]["time_average"][0], "mu_avg_high": r["mu"]["time_average"][-1]}
    return {"t_low": lo, "t_high": hi, "models": out}


def decide_cross_noise(ev) -> Decision:
    shares = ev["share_high"]
    lo = min(shares.values())
    shown = ", ".join(f"{k}: {v:.2f}" for k, v in shares.items())
    if lo < CROSS_NEGLIGIBLE:
        k = min(shares, key=shares.get)
        return Decision("refuted", f"At t = {ev['t_high']} the forcing of {k} comes almost only from samples near that "
                                   f"level ({lo:.3f} < {CROSS_NEGLIGIBLE} from |t_k − t| ≥ {erd_kernel_dynamics.CROSS_WINDOW}): effectively "
                                   "an autonomous single-noise subsystem.")
    if lo >= CROSS_MIN:
        return Decision("verified", f"At the high-noise level t = {ev['t_high']}, {lo:.2f}–{max(shares.values()):.2f} of the "
                                    f"Bayes-forcing energy ∫‖F_s‖² comes from path samples at |t_k − t| ≥ "
                                    f"{erd_kernel_dynamics.CROSS_WINDOW} through the joint NTK ({shown}; such samples are "
                                    f"{ev['sample_fraction_outside_high']:.2f} of the path): the level is not autonomous.")
    return Decision("open", f"Cross-noise share of the forcing at t = {ev['t_high']} is between {CROSS_NEGLIGIBLE} and "
                            f"{CROSS_MIN} for some model ({shown}); neither clearly mediated nor negligible.")


@claim("erd.thm3_6.cross_noise_forcing", paper="erd", where="§3.3 after Thm 3.6; App. D Thm D.2 (text after Eq. 72)",
       statement="Degradation at high noise is mediated by cross-noise kernel interactions: the Bayes forcing F_s(λ) "
                 "reaches level λ from samples at other noise levels through the shared-parameter NTK, so the high-noise "
                 "regime is not an autonomous single-noise subsystem.",
       method="numeric", equations=("Thm 3.6", "Thm D.2", "Eq. (8)", "Eq. (72)"),
       assumptions=DYN_ASSUMPTIONS,
       criteria=f"Share of the path's forcing energy Σ_k ‖F_k‖² at the highest level that comes from samples with |t_k − t| "
                f"≥ {erd_kernel_dynamics.CROSS_WINDOW}, per model (M uniform). Verified iff every model's share ≥ {CROSS_MIN}; refuted if one "
                f"is < {CROSS_NEGLIGIBLE}; open otherwise.",
       decide=decide_cross_noise)
def thm3_6_cross_noise(ctx):
    st = _study(ctx)
    share, allv, frac = {}, {}, []
    for mod in st["models"]:
        r = mod["allocations"]["uniform"]["cross_noise"]
        key = f"{mod['target']}/{mod['schedule']}"
        share[key] = r["share"][-1]
        allv[key] = r["share"]
        frac.append(r["sample_fraction_outside"][-1])
    return {"t_high": st["levels"][-1], "share_high": share, "share_all_levels": allv, "levels_t": st["levels"],
            "sample_fraction_outside_high": float(np.mean(frac))}


# ========================================================================== Prop. 3.7 / Prop. D.3 (Eqs. 9, 76–78)
def _rep(ctx):
    return erd_kernel_dynamics.representation_study(ctx.scale, ctx.seed)


def _rep_twins_ok(ev):
    return within(ev["jacobian_twin"], 1e-9) and within(ev["quad_form_twin"], 1e-9)


def decide_prop3_7_split(ev) -> Decision:
    if not _rep_twins_ok(ev):
        return Decision("error", f"Our twins disagree (‖∇h‖_F structured vs per-unit VJP {_fmt(ev['jacobian_twin'])}, "
                                 f"‖g_ξ‖ vs its Θ_ϑ quadratic form {_fmt(ev['quad_form_twin'])}).")
    if within(ev["split_worst"], SPLIT_TOL):
        return Decision("verified", f"On {ev['samples']} samples of the 12 trained App. F networks (t ∈ {ev['ts']}), the "
                                    f"autograd representation gradient equals M(∇_ϑh)ᵀWᵀr + M(∇_ϑh)ᵀWᵀξ to "
                                    f"{_fmt(ev['split_worst'])} relative.")
    return Decision("refuted", f"Eq. (77) misses autograd by {_fmt(ev['split_worst'])} relative (worst "
                               f"{ev['worst_case']}).")


@claim("erd.prop3_7.split", paper="erd", where="§3.3 Prop. 3.7, Eq. (9); App. D Prop. D.3, Eqs. (76)–(77), (79)–(83)",
       statement="With f = W h, the stochastic gradient w.r.t. the representation parameters ϑ is exactly "
                 "M(λ)(∇_ϑh)ᵀWᵀ r + M(λ)(∇_ϑh)ᵀWᵀ ξ (recoverable residual r = f − f*, Bayes noise ξ = f* − y).",
       method="numeric", equations=("Prop. 3.7", "Prop. D.3", "Eq. (9)", "Eq. (77)"),
       assumptions=("f = W h with W fixed under ϑ (Eq. 76)", "exact Bayes predictor f* (GMM posterior)"),
       criteria=f"Per sample: verified iff ‖g_r + g_ξ − g_autograd‖/‖g_autograd‖ ≤ {SPLIT_TOL:g} for all samples "
                "(g_r, g_ξ as vector–Jacobian products of h with Wᵀr, Wᵀξ); refuted otherwise; error if our twins "
                "(‖∇h‖_F two ways; ‖g_ξ‖ vs its 2×2 kernel form) differ by > 1e-9.",
       decide=decide_prop3_7_split)
def prop3_7_split(ctx):
    rs = _rep(ctx)
    worst = max(rs["models"], key=lambda m: m["split_rel_err"].max())
    return {"split_worst": float(worst["split_rel_err"].max()), "worst_case": f"{worst['target']}/{worst['schedule']}",
            "samples": int(sum(len(m["t"]) for m in rs["models"])), "ts": rs["ts"],
            "jacobian_twin": max(m["jacobian_twin_rel_err"] for m in rs["models"]),
            "quad_form_twin": float(max(m["quad_form_rel_err"].max() for m in rs["models"]))}


def decide_prop3_7_bound(ev) -> Decision:
    if not _rep_twins_ok(ev):
        return Decision("error", f"Our twins disagree (‖∇h‖_F {_fmt(ev['jacobian_twin'])}, quadratic form "
                                 f"{_fmt(ev['quad_form_twin'])}).")
    if ev["max_ratio"] is None or ev["max_ratio"] > 1 + BOUND_TOL:
        return Decision("refuted", f"Eq. (78) fails: ‖∇_ϑℓ‖ / bound = {_fmt(ev['max_ratio'])} at {ev['worst_case']}.")
    return Decision("verified", f"‖∇_ϑℓ‖ ≤ M‖∇_ϑh‖_F‖W‖_op(‖r‖ + ‖ξ‖) for all {ev['samples']} samples: measured/bound "
                                f"max {_fmt(ev['max_ratio'])}, median {_fmt(ev['median_ratio'])}, min {_fmt(ev['min_ratio'])} "
                                "(the Frobenius norm and the triangle inequality make it loose).")


@claim("erd.prop3_7.norm_bound", paper="erd", where="App. D Prop. D.3, Eqs. (78), (84)–(86)",
       statement="‖∇_ϑ ℓ‖₂ ≤ M(λ) ‖∇_ϑ h(x_λ, λ)‖_F ‖W‖_op (‖r(x_λ, λ)‖₂ + ‖ξ_λ‖₂).",
       method="numeric", equations=("Prop. D.3", "Eq. (78)"),
       assumptions=("f = W h with W fixed under ϑ (Eq. 76)",),
       criteria=f"Per sample measured/bound; verified iff ≤ 1 + {BOUND_TOL:g} for all samples (slack reported: min/median/"
                "max ratio); refuted otherwise (the sample shown); error if our twins disagree (as for erd.prop3_7.split).",
       decide=decide_prop3_7_bound)
def prop3_7_norm_bound(ctx):
    rs = _rep(ctx)
    ratios = np.concatenate([m["norm"] / m["bound"] for m in rs["models"]])
    worst = max(rs["models"], key=lambda m: (m["norm"] / m["bound"]).max())
    return {"max_ratio": float(ratios.max()), "median_ratio": float(np.median(ratios)), "min_ratio": float(ratios.min()),
            "worst_case": f"{worst['target']}/{worst['schedule']}", "samples": int(len(ratios)),
            "jacobian_twin": max(m["jacobian_twin_rel_err"] for m in rs["models"]),
            "quad_form_twin": float(max(m["quad_form_rel_err"].max() for m in rs["models"]))}


def decide_noise_dominance(ev) -> Decision:
    if not ev["bracket_holds"]:
        return Decision("error", "‖g_ξ‖/‖g_r‖ left its linear-algebra bracket [ρ/√cond Θ_ϑ, ρ√cond Θ_ϑ]: a bug here.")
    n = ev["n_regime"]
    if n < MIN_SAMPLES:
        return Decision("open", f"Only {n} samples have ‖ξ‖/‖r‖ ≥ {RATIO_MUCH:g} (need {MIN_SAMPLES}); more samples in "
                                "the mismatch regimes would settle it.")
    regimes = ", ".join(f"{k}: {v:.2f}" for k, v in ev["mismatch_share"].items())
    if ev["n_not_dominated"] > 0:
        c = ev["counterexample"]
        return Decision("refuted", f"{ev['n_not_dominated']} of {n} samples with ‖ξ‖ ≥ {RATIO_MUCH:g}‖r‖ are not dominated "
                                   f"by the ξ-term, e.g. {c['case']} t = {c['t']}: ‖ξ‖/‖r‖ = {_fmt(c['rho'])}, "
                                   f"‖g_ξ‖/‖g_r‖ = {_fmt(c['term_ratio'])} (√cond Θ_ϑ = {_fmt(c['sqrt_cond'])}).")
    return Decision("verified", f"All {n} samples with ‖ξ‖ ≥ {RATIO_MUCH:g}‖r‖ have ‖g_ξ‖ > ‖g_r‖ (smallest ξ-share "
                                f"{_fmt(ev['min_share_regime'])}); guaranteed here since ‖g_ξ‖/‖g_r‖ ≥ ρ/√cond Θ_ϑ and "
                                f"√cond ≤ {_fmt(ev['max_sqrt_cond'])}. Mean ξ-share ‖g_ξ‖/(‖g_r‖+‖g_ξ‖) in the paper's "
                                f"mismatch regimes: {regimes}; over all samples ρ ranges {_fmt(ev['rho_min'])}–"
                                f"{_fmt(ev['rho_max'])}.")


@claim("erd.prop3_7.noise_dominance", paper="erd", where="§3.3 after Prop. 3.7 (Eq. 9); App. D Prop. D.3 (final sentence)",
       statement="When ‖r(x_λ, λ)‖₂ ≪ ‖ξ_λ‖₂ the ξ-term dominates Eq. (9): the representation gradient is dominated by "
                 "irreducible Bayes noise (e.g. high noise for x0, low noise for ε).",
       method="numeric", equations=("Prop. 3.7", "Prop. D.3", "Eq. (9)", "Eq. (77)"),
       assumptions=("trained App. F networks", "exact Bayes predictor f*"),
       criteria=f"'≪' read as ‖ξ‖/‖r‖ ≥ {RATIO_MUCH:g}. Among all samples (12 models × t grid) in that regime: verified iff "
                f"every one has ‖g_ξ‖ > ‖g_r‖ (with ≥ {MIN_SAMPLES} such samples); refuted if one does not; open with fewer "
                "samples; error if ‖g_ξ‖/‖g_r‖ leaves its bracket [ρ/√cond, ρ√cond] of the 2×2 ϑ-kernel.",
       decide=decide_noise_dominance)
def prop3_7_noise_dominance(ctx):
    rs = _rep(ctx)
    n, bad, shares, counter, bracket, conds, rhos = 0, 0, [], None, True, [], []
    mismatch = {}
    for m in rs["models"]:
        rho = m["xi"] / m["r"]
        term = m["g_xi"] / m["g_r"]
        share = m["g_xi"] / (m["g_r"] + m["g_xi"])
        conds.append(m["sqrt_cond"].max())
        rhos.append(rho)
        bracket &= bool(np.all(term >= rho / m["sqrt_cond"] * (1 - 1e-9)) and np.all(term <= rho * m["sqrt_cond"] * (1 + 1e-9)))
        sel = rho >= RATIO_MUCH
        n += int(sel.sum())
        shares.extend(share[sel].tolist())
        for i in np.nonzero(sel & (term <= 1))[0]:
            bad += 1
            counter = counter or {"case": f"{m['target']}/{m['schedule']}", "t": float(m["t"][i]), "rho": float(rho[i]),
                                  "term_ratio": float(term[i]), "sqrt_cond": float(m["sqrt_cond"][i])}
        for tg, t in (("x0", max(rs["ts"])), ("eps", min(rs["ts"]))):
            if m["target"] == tg:
                mismatch[f"{tg}/{m['schedule']} t={t}"] = float(share[m["t"] == t].mean())
    allr = np.concatenate(rhos)
    return {"n_regime": n, "n_not_dominated": bad, "counterexample": counter, "bracket_holds": bracket,
            "min_share_regime": float(min(shares)) if shares else None, "max_sqrt_cond": float(max(conds)),
            "mismatch_share": mismatch, "rho_min": float(allr.min()), "rho_max": float(allr.max()), "ts": rs["ts"]}


SLOPE_VANISH = 0.5  # excess ∝ η^s with s ≥ 0.5: it vanishes in the small-step limit (SGD noise predicts s ≈ 1)
SLOPE_FLAT = 0.2  # |s| < 0.2: no dependence on η (what the surrogate's η-free neighbourhood, Eq. 7, predicts)


def decide_sgd_forcing(ev) -> Decision:
    rows = "; ".join(f"B = {b}: " + ", ".join(f"η·λ_max {c:g} → {m:.3g}" for c, m in zip(ev["step_shares"], r["mean_excess"]))
                     for b, r in ev["by_batch"].items())
    slopes = {b: (r["slope"], r["slope_lo"], r["slope_hi"]) for b, r in ev["by_batch"].items()}
    shown = ", ".join(f"B = {b}: s = {m:.2f} [{lo:.2f}, {hi:.2f}]" for b, (m, lo, hi) in slopes.items())
    bratio = ", ".join(f"{v:.3g}" for v in ev["batch_ratio"])
    lead = (f"Linear-in-θ model (constant NTK, {ev['features']} random features), SGD from the best-in-class point for "
            f"a fixed training time τ = kη = {ev['horizon']:g}/λ_max, {ev['chains']} chains: stationary excess over the "
            f"best-in-class predictor (mean over chains) {rows}. Slope of log excess on log η, 95% interval over chains: "
            f"{shown}; excess(B = {ev['batches'][-1]})/excess(B = {ev['batches'][0]}) at each η: {bratio}.")
    if all(lo > SLOPE_VANISH for _, lo, _ in slopes.values()):
        return Decision("refuted", lead + " The excess the Bayes forcing sustains shrinks with η (and with the batch) "
                                          "and vanishes in the small-step limit that defines the surrogate's time τ: it is "
                                          "SGD's gradient noise (E[(∇f)ᵀξ] = 0, so the population flow has no forcing), "
                                          "while Eq. (7)'s neighbourhood M B/(2β(μ−β)) (B the bound on ‖F‖²) does not "
                                          "depend on η or the batch.")
    if all(-SLOPE_FLAT < lo and hi < SLOPE_FLAT for _, lo, hi in slopes.values()):
        return Decision("verified", lead + " The excess does not depend on η: the forcing persists in the small-step limit.")
    return Decision("open", lead + " The slope is not resolved against either reading; more chains or a longer τ would.")


@claim("erd.beyond.sgd_forcing", paper="erd", where="App. C Lemma C.3, Eqs. (40)–(44); Thms 3.3–3.6 (the 'Bayes forcing')",
       statement="(beyond the paper) Is the Bayes forcing of the sample-path surrogate (Lemma C.3, Thms 3.3–3.6) a "
                 "population effect: does the excess it sustains persist as SGD's step η → 0 at fixed training time "
                 "τ = kη, as Eq. (7)'s η-free neighbourhood says?",
       method="simulation",
       assumptions=("a model linear in its parameters (random Fourier features): the NTK is exactly constant",
                    "App. F's GMM, GVP schedule, x0-target, t ~ U(0.05, 0.95)", "SGD started at the best-in-class W*"),
       criteria=f"Per batch size B, the slope s of log(stationary excess) on log η over η·λ_max ∈ {{0.4, 0.2, 0.1, 0.05}} "
                f"per chain, 95% interval over chains. verified iff every interval lies within (−{SLOPE_FLAT}, "
                f"{SLOPE_FLAT}) (no η-dependence: a population effect); refuted iff every interval lies above "
                f"{SLOPE_VANISH} (the excess vanishes as η → 0: SGD noise); open otherwise.",
       decide=decide_sgd_forcing)
def sgd_forcing(ctx):
    st = erd_kernel_dynamics.sgd_forcing_study(ctx.scale, ctx.seed)
    logc = np.log(np.array(st["step_shares"]))
    by = {}
    for B in st["batches"]:
        E = np.array([st["excess"][(B, c)] for c in st["step_shares"]])  # (steps, chains)
        per_chain = [float(np.polyfit(logc, np.log(E[:, j]), 1)[0]) for j in range(E.shape[1])]
        m, lo, hi = mean_ci(per_chain)
        by[str(B)] = {"mean_excess": E.mean(1).tolist(), "slope": m, "slope_lo": lo, "slope_hi": hi,
                      "per_chain_slope": per_chain}
    b0, b1 = (str(b) for b in (st["batches"][0], st["batches"][-1]))
    ratio = [float(x / y) for x, y in zip(by[b1]["mean_excess"], by[b0]["mean_excess"])]
    return {"by_batch": by, "batch_ratio": ratio, "step_shares": st["step_shares"], "batches": st["batches"],
            "features": st["features"], "chains": st["chains"], "horizon": st["horizon"], "lambda_max": st["lambda_max"]}


MINIBATCH_B = (1, 16, 128, 512)  # B-sample averages shown; 512 = App. F.1's batch size (all at one level: the best case
# for the ξ-part to average out within a level, and an upper bound on the same-level samples of one App. F batch)


def decide_minibatch_share(ev) -> Decision:
    signs, parts = [], []
    big = str(MINIBATCH_B[-1])
    for k, v in ev["regimes"].items():
        r = v["ratio"][big]
        noise = abs(v["ratio_halves"][0] - v["ratio_halves"][1]) / 2
        s = 1 if (r - 1) > noise else -1 if (1 - r) > noise else 0
        signs.append(s)
        parts.append(f"{k}: ‖ḡ_ξ‖/‖ḡ_r‖ = " + ", ".join(f"{v['ratio'][str(b)]:.2f}" for b in MINIBATCH_B)
                     + f" (B = {', '.join(map(str, MINIBATCH_B))}; half-sample noise ±{noise:.2f} at B = {big}; crosses 1 "
                     + (f"at B ≈ {v['b_cross']:.0f}" if v["b_cross"] is not None else "at no B ≤ 1e5")
                     + f"; ‖E g‖²/E‖g‖²: r {v['coherent_share_r']:+.3f}, ξ {v['coherent_share_xi']:+.3f})")
    lead = (f"Expected norms of B-sample averages of the two parts of Eq. (77) on the trained App. F networks, "
            f"{ev['n']} samples per regime (E‖ḡ_B‖² = ‖E g‖² + (E‖g‖² − ‖E g‖²)/B; the Bayes part has E g_ξ = 0 "
            f"(E[ξ|z] = 0; its measured ‖E g_ξ‖²/E‖g_ξ‖² is shown as a check) and averages out like 1/√B, the residual "
            f"part keeps its mean): ")
    if any(x < 0 for x in signs):
        return Decision("refuted", lead + "; ".join(parts) + f". In {sum(x < 0 for x in signs)} of {len(signs)} mismatch "
                                   f"regimes the residual part dominates an update of {big} same-level samples: Prop. 3.7's "
                                   "domination is a per-sample statement and need not survive averaging over a minibatch.")
    if all(x > 0 for x in signs):
        return Decision("verified", lead + "; ".join(parts) + f". The ξ-part still dominates at B = {big} in every regime.")
    return Decision("open", lead + "; ".join(parts) + ". Undecided within the half-sample noise; more samples would decide.")


@claim("erd.beyond.minibatch_noise_share", paper="erd", where="§3.3 after Prop. 3.7 (ll. 262–265); App. D Prop. D.3",
       statement="(beyond the paper) Does the Bayes-noise domination of Prop. 3.7 (‖r‖ ≪ ‖ξ‖ ⇒ the ξ-term dominates Eq. 9) "
                 "carry over from a single sample to a minibatch update, where the ξ-parts average out (E[ξ|z] = 0)?",
       method="numeric",
       assumptions=("App. F.1 settings (trained global models)", "a minibatch of B i.i.d. samples at the same level",
                    "the mismatch regimes named in §3.3: ε at t = 0.05, x0 at t = 0.95"),
       criteria=f"Per mismatch regime (ε at t = 0.05, x0 at t = 0.95; three schedules): the expected ratio "
                f"sqrt(E‖ḡ_ξ,B‖²/E‖ḡ_r,B‖²) of B-sample averages from the per-sample moments (unbiased ‖E g‖²). "
                f"verified iff it exceeds 1 at B = {MINIBATCH_B[-1]} (App. F.1's batch) in every regime beyond the "
                "difference of its two half-sample estimates; refuted iff it is below 1 there in some regime; open "
                "otherwise.",
       decide=decide_minibatch_share)
def minibatch_noise_share(ctx):
    st = erd_kernel_dynamics.minibatch_study(ctx.scale, ctx.seed)
    out = {}
    for k, m in st["regimes"].items():
        ratio = {str(b): erd_kernel_dynamics.minibatch_ratio(m["full"], b) for b in MINIBATCH_B}
        grid = np.unique(np.round(np.logspace(0, 5, 200)).astype(int))
        rs = np.array([erd_kernel_dynamics.minibatch_ratio(m["full"], int(b)) for b in grid])
        cross = [int(b) for b, a, c in zip(grid[1:], rs[:-1], rs[1:]) if (a - 1) * (c - 1) <= 0]
        out[k] = {"ratio": ratio, "ratio_halves": [erd_kernel_dynamics.minibatch_ratio(h, MINIBATCH_B[-1]) for h in m["halves"]],
                  "b_cross": float(cross[0]) if cross else None, "moments": m["full"],
                  "coherent_share_r": erd_kernel_dynamics.coherent_share(m["full"], "r"),
                  "coherent_share_xi": erd_kernel_dynamics.coherent_share(m["full"], "xi")}
    return {"n": st["n"], "regimes": out}


# ========================================================================== Thm 3.8 / Thm D.4 (Eqs. 10, 87–105)
def decide_mode_bound(ev) -> Decision:
    if not (within(ev["rk4_twin_worst"], TWIN_TOL) and within(ev["parseval_worst"], PARSEVAL_TOL)):
        return Decision("error", f"Our twins disagree: RK4 vs exact modal solution {_fmt(ev['rk4_twin_worst'])}, forcing "
                                 f"energy in sample space vs eigenbasis {_fmt(ev['parseval_worst'])}.")
    mode_ok = ev["mode_max_excess"] is not None and ev["mode_max_excess"] <= BOUND_TOL
    totals = {k: v is not None and v <= 1 + BOUND_TOL for k, v in ev["total_max_ratio"].items()}
    verdict, reading = printed_vs_derived(as_readings(totals)) if mode_ok else ("refuted", None)
    shown = "; ".join(f"{k}: max {_fmt(v)}" for k, v in ev["total_max_ratio"].items())
    w = ev["mode_worst"]
    if verdict == "verified":
        return Decision("verified", f"Fixed-noise surrogate (Eq. 87) integrated exactly in the eigenbasis of the frozen "
                                    f"kernel at each level: every mode obeys Eq. (102) at every interval end and γ on the "
                                    f"grid (max |a_j|²/bound {_fmt(ev['mode_max_ratio'])}, median "
                                    f"{_fmt(ev['mode_median_ratio'])}; tightest at {w['case']} t = {w['level']}, κ = "
                                    f"{_fmt(w['kappa'])}). Total Eq. (92) measured/bound per reading of its constant: "
                                    f"{shown}.", reading)
    if not mode_ok:
        return Decision("refuted", f"Eq. (102) fails for a mode: {w['case']} t = {w['level']}, {_at(w['at'])}, κ = "
                                   f"{_fmt(w['kappa'])}: |a_j(T)|² = {_fmt(w['measured'])} > bound {_fmt(w['bound'])}.")
    if verdict == "corrected":
        return Decision("corrected", f"Every mode obeys Eq. (102); the total Eq. (92) holds only in a reading of its "
                                     f"constant with no evidence of OCR loss: {shown}.", reading)
    return Decision("refuted", f"Every mode obeys Eq. (102) but the total Eq. (92) fails in every reading: {shown}.",
                    reading)


@claim("erd.thm3_8.mode_bound", paper="erd", where="§3.3 Thm 3.8, Eq. (10); App. D Thm D.4, Eqs. (87)–(105)",
       statement="Under the fixed-noise surrogate, for every γ > 0: |a_{T,j}|² ≤ e^{−(2M(λ)κ_j−γ)T}|a_{0,j}|² + "
                 "γ⁻¹∫₀ᵀ e^{−(2M(λ)κ_j−γ)(T−s)}|η_{s,j}|² ds per mode, hence ℓ_T ≤ ℓ* + (M/2)Σ_j e^{…}|a_{0,j}|² + "
                 "(M/2γ)Σ_j ∫₀ᵀ e^{…}|η_{s,j}|² ds.",
       method="numeric", equations=("Thm 3.8", "Thm D.4", "Eq. (10)", "Eq. (87)", "Eq. (92)", "Eq. (102)"),
       assumptions=DYN_ASSUMPTIONS + ("fixed-noise closure: the contraction at λ is −M(λ)K_λ r (Eq. 87)",
                                      "complete orthonormal eigensystem of K_λ (Eq. 89)"),
       figures=("erd_dynamics_modes",),
       criteria="Integrate Eq. (87) exactly per mode (piecewise-constant forcing η_{k,j} of the sample path). Verified iff "
                f"every mode satisfies Eq. (102) (measured/bound ≤ 1 + {BOUND_TOL:g}) at every interval end, γ on the grid, "
                "level, model and allocation, and the total Eq. (92) holds in a plausible reading of its garbled constant "
                "(M/(2γ) as derived in Eq. 105, or 1/(2γ)); refuted otherwise (counterexample); error if the RK4 twin or "
                f"the Parseval check of the forcing misses by > {TWIN_TOL:g} / {PARSEVAL_TOL:g}.",
       decide=decide_mode_bound)
def thm3_8_mode_bound(ctx):
    st = _study(ctx)
    mode_max, mw, meds, totals, rk4, pars = -1.0, None, [], {}, 0.0, 0.0
    for lab, _, _, r in _cases(st):
        for f in r["fixed_noise"]:
            meds.append(f["mode_median_ratio"])
            rk4, pars = max(rk4, f["rk4_vs_exact"]), max(pars, f["parseval_rel_err"])
            for k, v in f["total"].items():
                totals[k] = max(totals.get(k, -1.0), v["max_ratio"])
            if f["mode_max_ratio"] > mode_max:
                mode_max = f["mode_max_ratio"]
                mw = {"case": lab, "level": f["level"], "at": f["mode_worst_at"], "kappa": f["mode_worst_kappa"],
                      "measured": f["mode_worst_measured"], "bound": f["mode_worst_bound"]}
    return {"mode_max_ratio": mode_max, "mode_max_excess": mode_max - 1.0,  # measured/bound − 1: ≤ 0 where the bound holds
            "mode_median_ratio": float(np.median(meds)), "mode_worst": mw,
            "total_max_ratio": totals, "rk4_twin_worst": rk4, "parseval_worst": pars, "setting": _setting(st)}


def decide_weak_modes(ev) -> Decision:
    v = trend(ev["ci_low"], ev["ci_high"], +1)
    txt = (f"log(susceptibility of weakly contracted modes / that of strongly contracted ones), mean over "
           f"{ev['cases']} (model, level) cases: {_fmt(ev['mean'])} [{_fmt(ev['ci_low'])}, {_fmt(ev['ci_high'])}] "
           f"(weak: 2Mκ_jT_h < 1, {ev['weak_modes']} modes; strong: ≥ 1, {ev['strong_modes']} modes).")
    if v == "verified":
        return Decision("verified", f"Weakly contracted modes retain more of the Bayes forcing per unit forcing power: {txt} "
                                    f"In absolute terms the forcing reaching mode j grows with κ_j (median log–log slope of "
                                    f"forcing power on κ: {_fmt(ev['log_power_slope_median'])}), since Θ(·, z)ξ lies in the "
                                    "kernel's range: weak modes are more susceptible but receive little forcing.")
    if v == "refuted":
        return Decision("refuted", f"Strongly contracted modes retain more forcing than weak ones: {txt}")
    return Decision("open", f"No significant difference: {txt} More levels or models would settle it.")


@claim("erd.thm3_8.weak_modes", paper="erd", where="§3.3 after Thm 3.8; App. D Thm D.4 (text after Eq. 92)",
       statement="Modes with 2M(λ)κ_j > γ contract exponentially, whereas modes with smaller eigenvalues are more weakly "
                 "contracted and hence more susceptible to persistent Bayes forcing.",
       method="numeric", equations=("Thm 3.8", "Thm D.4", "Eq. (10)", "Eq. (92)"),
       assumptions=DYN_ASSUMPTIONS + ("fixed-noise closure (Eq. 87)",),
       criteria="Susceptibility of mode j: mean |a_j(T)|² over the second half of the horizon of the forced response "
                "(a_j(0) = 0) divided by the mode's mean forcing power. Per (model, level, M uniform): mean log "
                "susceptibility of modes with 2Mκ_jT_h < 1 minus that of modes with ≥ 1; verified iff the 95 % t-interval "
                "of its mean over cases lies above 0; refuted if below; open otherwise.",
       decide=decide_weak_modes)
def thm3_8_weak_modes(ctx):
    st = _study(ctx)
    diffs, nw, ns, slopes = [], 0, 0, []
    for mod in st["models"]:
        r = mod["allocations"]["uniform"]
        for L, f in enumerate(r["fixed_noise"]):
            c = 2 * r["M_levels"][L] * np.exp(np.asarray(f["log_kappa"])) * r["horizon"]
            chi = np.asarray(f["log_susceptibility"])
            weak, strong = chi[c < 1], chi[c >= 1]
            slopes.append(float(np.polyfit(f["log_kappa"], f["log_forcing_power"], 1)[0]))
            if len(weak) and len(strong):
                diffs.append(float(weak.mean() - strong.mean()))
                nw, ns = nw + len(weak), ns + len(strong)
    m, lo, hi = mean_ci(diffs)
    return {"mean": m, "ci_low": lo, "ci_high": hi, "cases": len(diffs), "weak_modes": nw, "strong_modes": ns,
            "per_case": diffs, "log_power_slope_median": float(np.median(slopes))}


# ========================================================================== Lemma C.3 (Eqs. 40–44)
def decide_lemma_c3(ev) -> Decision:
    orders = ev["last_local_order"]
    lo = min(orders.values())
    hi = max(orders.values())
    if lo < ORDER_NONE:
        k = min(orders, key=orders.get)
        return Decision("refuted", f"SGD does not approach the surrogate as η → 0 for {k}: last local order {lo:.2f} "
                                   f"(gaps {ev['gaps'][k]}).")
    if ORDER_BAND[0] <= lo and hi <= ORDER_BAND[1]:
        return Decision("verified", f"On the same {ev['steps']} samples, linearised SGD (Eq. 40) and the exact surrogate flow "
                                    f"(Eq. 41) differ by a relative gap that halves with η: last local order "
                                    f"{lo:.2f}–{hi:.2f} over {len(orders)} cases; at the study's step (η·M·λ_max = "
                                    f"{ev['eta_scale']}) the gap is {ev['gap_at_study_eta_min']:.3f}–"
                                    f"{ev['gap_at_study_eta_max']:.3f} of the movement.")
    return Decision("open", f"The gap shrinks but its local order {lo:.2f}–{hi:.2f} is outside {ORDER_BAND}: not yet in the "
                            "asymptotic regime; more halvings would settle it.")


@claim("erd.lemma_c3.small_step_limit", paper="erd", where="App. C Lemma C.3, Eqs. (40)–(44)",
       statement="In the small-step-size regime the piecewise-linear interpolation of SGD (Eq. 40, one sampled triple "
                 "per step, τ = kη) follows the sample-path surrogate Eq. (41).",
       method="numeric", equations=("Lemma C.3", "Eq. (40)", "Eq. (41)", "Eq. (44)"),
       assumptions=("frozen kernel (linearised network)", "each sample held for one step of length η"),
       criteria="Same K0 samples, η halved repeatedly: relative gap ‖r_SGD − r_surrogate‖/‖r_surrogate − r₀‖ at the "
                f"evaluation points after K0 steps. Verified iff the last halving's local order lies in {ORDER_BAND} for "
                f"every model (M uniform) (first-order agreement); refuted if one is < {ORDER_NONE} (no convergence); open "
                "otherwise.",
       decide=decide_lemma_c3)
def lemma_c3_small_step(ctx):
    st = _study(ctx)
    orders, gaps, g0 = {}, {}, []
    for mod in st["models"]:
        r = mod["allocations"]["uniform"]["lemma_c3"]
        key = f"{mod['target']}/{mod['schedule']}"
        orders[key] = r["local_orders"][-1]
        gaps[key] = [round(g, 5) for g in r["relative_gap"]]
        g0.append(r["relative_gap"][0])
    return {"last_local_order": orders, "gaps": gaps, "steps": st["models"][0]["allocations"]["uniform"]["lemma_c3"]["steps"],
            "eta_scale": erd_kernel_dynamics.get_dynamics_scale(ctx.scale).eta_scale, "gap_at_study_eta_min": float(min(g0)),
            "gap_at_study_eta_max": float(max(g0))}


# ========================================================================== Remarks E.2, E.3 (SymPy)
def decide_remark_e2(ev) -> Decision:
    if not within(ev["change_of_variables_gap"], 1e-8):
        return Decision("error", f"Our change of variables M = w·p·|dt/dλ| does not reproduce the training objective "
                                 f"(relative gap {_fmt(ev['change_of_variables_gap'])}): a bug here.")
    if ev["ratio_derivative"] == "0":
        return Decision("verified", f"By change of variables E_{{t~p}}[w L] = ∫ w(λ) p(t(λ)) |dt/dλ| L(λ) dλ (checked by "
                                    f"quadrature to {_fmt(ev['change_of_variables_gap'])}); with p constant and t = a + bλ, "
                                    f"M/w = {ev['ratio_linear']}, constant in λ, so M ∝ w.")
    return Decision("refuted", f"With p constant and t linear in λ, M/w = {ev['ratio_linear']} (d/dλ = "
                               f"{ev['ratio_derivative']}), not constant.")


@claim("erd.remark_e2.allocation_reduces_to_weight", paper="erd", where="App. E Remark E.2, Eq. (120); Eq. (23)",
       statement="If the log-SNR is sampled uniformly (p = const) and t(λ) is linear in λ (|dt/dλ| = const), then "
                 "M_y(λ) = w_y(λ)p(λ)|dt/dλ| ∝ w_y(λ).",
       method="symbolic", equations=("Remark E.2", "Eq. (120)", "Eq. (23)"),
       assumptions=("p(λ) = const", "t linear in λ"),
       criteria="SymPy: with p constant and t = a + bλ, verified iff d/dλ of M/w = p(t(λ))|dt/dλ| simplifies to 0; refuted "
                "otherwise. The change of variables itself is checked by quadrature on App. F's linear schedule "
                "(E_{t~U(0,1)}[w L] vs ∫ M L dλ); error if that misses by > 1e-8.",
       decide=decide_remark_e2)
def remark_e2(ctx):
    from scipy.integrate import quad

    lam, a, b, c = sp.symbols("lambda a b c", real=True)
    p = sp.Function("p")
    t_of = sp.Function("t")(lam)
    ratio = p(t_of) * sp.Abs(sp.diff(t_of, lam))  # M/w from ∫ p(t) w(t) L(t) dt = ∫ p(t(λ)) w L |dt/dλ| dλ
    lin = ratio.subs(t_of, a + b * lam).doit().subs(p(a + b * lam), c)
    # the change of variables on App. F's linear schedule (t = 0 data): λ = 2 log((1 − t)/t), t(λ) = 1/(1 + e^{λ/2})
    w = lambda t: 0.3 + t**2  # noqa: E731 - arbitrary positive weight and loss
    L = lambda t: np.cos(3 * t) + 2  # noqa: E731
    t_of_l = lambda l: 1 / (1 + np.exp(l / 2))  # noqa: E731
    lhs = quad(lambda t: w(t) * L(t), 0, 1, epsabs=1e-13, epsrel=1e-13)[0]
    rhs = quad(lambda l: w(t_of_l(l)) * L(t_of_l(l)) * erd_kernel_dynamics.dt_dlambda("linear", t_of_l(l)), -60, 60, epsabs=1e-13,
               epsrel=1e-13, limit=200)[0]
    return {"ratio": str(ratio), "ratio_linear": str(sp.simplify(lin)), "ratio_derivative": str(sp.simplify(sp.diff(lin, lam))),
            "change_of_variables_gap": abs(lhs - rhs) / abs(lhs)}


def _w_symbolic(cx, ce):
    """w_y from erd Eq. (109)'s definition for generic coefficients (per coordinate, independent unit-variance x0, ε)."""
    from difftheory.theory.erd_weights import alpha_s, expect_independent, sigma_s

    x, e = sp.symbols("x_i epsilon_i", real=True)
    return sp.sqrt(expect_independent((cx * alpha_s * x + ce * sigma_s * e) ** 2, {x: {1: 0, 2: 1}, e: {1: 0, 2: 1}}))


def decide_remark_e3_sign(ev) -> Decision:
    if all(v == "0" for v in ev["w_flip_differences"].values()):
        return Decision("verified", f"w = {ev['w']} from the definition (Eq. 109); it is unchanged by every sign flip of "
                                    f"(c_x, c_ε) (differences {ev['w_flip_differences']}), while the linear alignment "
                                    f"c_xα + c_εσ changes ({ev['alignment_flip_differences']}).")
    return Decision("refuted", f"w changes under a sign flip: {ev['w_flip_differences']}.")


@claim("erd.remark_e3.sign_invariance", paper="erd", where="App. E Remark E.3; Prop. E.1 Eqs. (109)–(110)",
       statement="The prototype score w_y is not the sign-sensitive alignment c_x(λ)α(λ) + c_ε(λ)σ(λ): it is invariant to "
                 "sign flips of the target coefficients.",
       method="symbolic", equations=("Remark E.3", "Eq. (109)", "Eq. (110)"),
       assumptions=("x0 ⟂ ε, zero mean, unit per-coordinate variance (Prop. E.1)",),
       criteria="SymPy: derive w from Eq. (109) for symbolic (c_x, c_ε); verified iff w(±c_x, ±c_ε) − w(c_x, c_ε) "
                "simplifies to 0 for all four flips (the alignment's changes are reported); refuted otherwise.",
       decide=decide_remark_e3_sign)
def remark_e3_sign(ctx):
    from difftheory.theory.erd_weights import alpha_s, sigma_s

    cx, ce = sp.symbols("c_x c_epsilon", real=True)
    w = _w_symbolic(cx, ce)
    align = cx * alpha_s + ce * sigma_s
    flips = {"(-c_x, c_eps)": (-cx, ce), "(c_x, -c_eps)": (cx, -ce), "(-c_x, -c_eps)": (-cx, -ce)}
    return {"w": str(w),
            "w_flip_differences": {k: str(sp.simplify(w.subs({cx: u, ce: v}, simultaneous=True) - w))
                                   for k, (u, v) in flips.items()},
            "alignment_flip_differences": {k: str(sp.simplify(align.subs({cx: u, ce: v}, simultaneous=True) - align))
                                           for k, (u, v) in flips.items()}}


def decide_remark_e3_velocity(ev) -> Decision:
    """Two parts: w_v does not vanish where the linear alignment does (the rule 'does not collapse'), and that collapse
    would be 'spurious', i.e. v keeps recoverable signal there. Under Prop. E.1's own assumptions (x0 ⟂ ε, zero mean,
    Cov x0 = I) the alignment is Cov(y_i, z_i), so the linearly recoverable RMS of y is |c_xα + c_εσ|/sqrt(α² + σ²)
    (exactly E[y|z]'s RMS for Gaussian x0)."""
    if not (ev["v_alignment"] == "0" and ev["w_v_positive"]):
        return Decision("refuted", f"Alignment for v: {ev['v_alignment']}; w_v = {ev['w_v']} (positive: {ev['w_v_positive']}).")
    no_collapse = (f"For v = αε − σx0 (c_x = −σ, c_ε = α) the alignment c_xα + c_εσ = {ev['v_alignment']} for every "
                   f"schedule, while w_v = {ev['w_v']} > 0 for α, σ > 0 (the rule does not collapse)")
    if ev["v_linear_recoverable_rms"] == "0":
        return Decision("refuted", no_collapse + f". But the collapse is not spurious: under Prop. E.1's assumptions "
                                                 f"(x0 ⟂ ε, zero mean, Cov x0 = I) Cov(v_i, z_i) = {ev['v_cov_with_z']}, so "
                                                 f"the linearly recoverable RMS of v is {ev['v_linear_recoverable_rms']} at "
                                                 f"every (α, σ), and for Gaussian x0 E[v | z] = 0 exactly (v and z are "
                                                 f"jointly Gaussian and uncorrelated): the alignment measures v's "
                                                 f"recoverable signal correctly, and ERD gives weight √2ασ (up to "
                                                 f"{ev['w_v_max_on_vp']:.3f} on VP) to a target that carries none of it "
                                                 f"linearly. (For u the same measure is {ev['u_linear_recoverable_rms']}.)")
    return Decision("verified", no_collapse + f"; and v keeps linearly recoverable signal there (RMS "
                                              f"{ev['v_linear_recoverable_rms']}), so the collapse would be spurious.")


@claim("erd.remark_e3.velocity_no_collapse", paper="erd", where="App. E Remark E.3; Eq. (111); §3.4 (ll. 325–327)",
       statement="The rule does not spuriously collapse for targets such as velocity, where the two channels contribute with "
                 "opposite signs (the linear alignment would vanish).",
       method="symbolic", equations=("Remark E.3", "Eq. (111)", "§3.4"),
       assumptions=("v = αε − σx0 (App. F / Eq. 111)", "Prop. E.1: x0 ⟂ ε, E x0 = 0, Cov x0 = I"),
       criteria="SymPy with α, σ > 0, two parts. (1) The alignment c_xα + c_εσ of v simplifies to 0 and w_v (Eq. 109) is "
                "positive: the rule does not collapse. (2) The collapse would be spurious iff v keeps recoverable signal: "
                "under Prop. E.1's assumptions Cov(y_i, z_i) = c_xα + c_εσ, so v's linearly recoverable RMS is "
                "|Cov(v_i, z_i)|/sqrt(α² + σ²) (exact E[v|z] for Gaussian x0). verified iff (1) holds and that RMS is not "
                "identically 0; refuted iff (1) fails, or (1) holds and the RMS is identically 0 (the alignment's "
                "collapse is the correct recoverability, not a spurious one).",
       decide=decide_remark_e3_velocity)
def remark_e3_velocity(ctx):
    from difftheory.theory.erd_weights import alpha_s, expect_independent, sigma_s
    from difftheory.theory.target_conversions import erd_target_coefficients

    x, e = sp.symbols("x_i epsilon_i", real=True)
    moments = {x: {1: 0, 2: 1}, e: {1: 0, 2: 1}}
    out = {}
    for tg in ("v", "u"):
        cx, ce = erd_target_coefficients(tg, alpha_s, sigma_s)
        out[f"{tg}_alignment"] = str(sp.simplify(cx * alpha_s + ce * sigma_s))
        out[f"w_{tg}"] = str(sp.simplify(_w_symbolic(cx, ce)))
        cov = expect_independent((cx * x + ce * e) * (alpha_s * x + sigma_s * e), moments)  # Cov(y_i, z_i), zero means
        out[f"{tg}_cov_with_z"] = str(sp.simplify(cov))
        out[f"{tg}_linear_recoverable_rms"] = str(sp.simplify(sp.Abs(cov) / sp.sqrt(alpha_s**2 + sigma_s**2)))
    w_v = sp.simplify(_w_symbolic(*erd_target_coefficients("v", alpha_s, sigma_s)))
    out["w_v_positive"] = bool(w_v.is_positive)
    out["w_v_max_on_vp"] = float(w_v.subs({alpha_s: sp.sqrt(2) / 2, sigma_s: sp.sqrt(2) / 2}))
    return out


# ========================================================================== beyond the paper: assumption audit
def decide_appf_sampler(ev) -> Decision:
    if not within(ev["twin_max_rel_err"], 1e-9):
        return Decision("error", f"SymPy |dt/dλ| and its NumPy twin differ by {_fmt(ev['twin_max_rel_err'])}.")
    spans = ev["max_over_min"]
    if all(v <= 1 + FLAT_TOL for v in spans.values()):
        return Decision("verified", f"|dt/dλ| is constant within {FLAT_TOL:.0%} for every App. F schedule: Remark E.2's "
                                    "reduction M ∝ w holds in App. F.")
    return Decision("corrected", f"App. F draws t ~ U(0, 1), so the allocation it realises is M_y(λ) = w_y(λ)·|dt/dλ| with "
                                 + "; ".join(f"{k}: |dt/dλ| = {ev['jacobian'][k]}, varying ×{spans[k]:.3g} over t ∈ "
                                             f"[{ev['t_range'][0]}, {ev['t_range'][1]}]" for k in spans)
                                 + ". Remark E.2's premise (λ uniform, t linear in λ) fails for all three schedules; ERD's "
                                   "w_y is the App. F allocation only after dividing by this Jacobian (§3.4's 'after "
                                   "accounting for the timestep sampler and schedule Jacobian').")


@claim("erd.beyond.appf_time_sampler", paper="erd", where="App. E Remark E.2 vs App. F.1 (t ~ U(0, 1), three schedules)",
       statement="(assumption audit) Remark E.2's reduction M_y ∝ w_y assumes uniform log-SNR sampling and t linear in λ; "
                 "App. F samples t ~ U(0, 1) with the linear, VP and GVP schedules.",
       method="symbolic", equations=(),
       assumptions=("relaxes: p(λ) = const and t linear in λ (Remark E.2)",),
       criteria="SymPy |dt/dλ| for each App. F schedule (λ = log α²/σ²), checked against the NumPy twin; verified iff its "
                f"max/min over t ∈ [0.02, 0.98] is ≤ 1 + {FLAT_TOL} for all three (the reduction carries over); corrected "
                "otherwise, with M_y = w_y|dt/dλ|.",
       decide=decide_appf_sampler)
def beyond_appf_sampler(ctx):
    from difftheory.theory.claims_erd import symbolic_schedules

    t = sp.Symbol("t", positive=True)  # the symbol symbolic_schedules() uses
    sch = symbolic_schedules()
    al = {k: sch[k] for k in ("linear", "gvp", "vp")}  # App. F's three schedules
    grid = np.linspace(0.02, 0.98, 97)
    jac, spans, twin = {}, {}, 0.0
    for name, (a, s) in al.items():
        lam = sp.log(a**2 / s**2)
        j = sp.simplify(-1 / sp.diff(lam, t))  # dλ/dt < 0 (t = 0 data): |dt/dλ| = −1/(dλ/dt)
        f = sp.lambdify(t, j, "numpy")
        vals = np.asarray(f(grid), float)
        twin = max(twin, float(np.max(np.abs(vals - erd_kernel_dynamics.dt_dlambda(name, grid)) / erd_kernel_dynamics.dt_dlambda(name, grid))))
        jac[name] = str(j)
        spans[name] = float(vals.max() / vals.min())
    return {"jacobian": jac, "max_over_min": spans, "twin_max_rel_err": twin, "t_range": [0.02, 0.98]}


def decide_imagenet_sampler(ev) -> Decision:
    d = ev["discrete"]
    if not within(ev["twin_max_rel_err"], 1e-6):
        return Decision("error", f"The continuous IDDPM cosine λ(t) and the discrete schedule built from IDDPM's β's "
                                 f"disagree by {_fmt(ev['twin_max_rel_err'])} on t ∈ [0.05, 0.95]: a bug here.")
    if ev["max_over_min"] <= 1 + FLAT_TOL:
        return Decision("verified", "The experiments' sampler gives a flat density of λ: Remark E.2's reduction holds there.")
    norms = ", ".join(f"{k}: {v:.3f}" for k, v in ev["mean_w_uniform_t"].items())
    return Decision("corrected", f"§3.4 and Remark E.2 assume log-SNR sampled uniformly; the experiments (App. G.1) draw t "
                                 f"uniformly on IDDPM's cosine schedule (T = {d['T']}, λ from {d['lambda_first']:.2f} at "
                                 f"t = 1 to {d['lambda_last']:.2f} at t = {d['T']}), whose density of λ is |dt/dλ| = "
                                 f"{ev['jacobian']} (continuous time), varying ×{ev['max_over_min']:.3g} over t ∈ "
                                 f"[{ev['t_range'][0]}, {ev['t_range'][1]}] (p(λ = 0)/p(λ = ±10) = "
                                 f"{ev['density_ratio_0_vs_10']:.1f}). The allocation realised there is M_y = w_y·|dt/dλ|, "
                                 f"not ∝ w_y; ERD's w_y is it only after dividing by the sampler's density (§3.4's 'after "
                                 f"accounting for the timestep sampler and schedule Jacobian'). Normalising w_y to mean 1 "
                                 f"under uniform t divides by target-dependent constants E_t[w_y] = {norms}.")


@claim("erd.beyond.imagenet_time_sampler", paper="erd", where="§3.4 (ll. 319–323), Remark E.2 vs §4.1 / App. G.1 (IDDPM "
                                                              "cosine, T = 1000)",
       statement="(assumption audit) §3.4's 'standard continuous-time configuration where log-SNR is sampled uniformly' "
                 "(Remark E.2: M_y ∝ w_y) against the experiments' configuration: DDPM with T = 1000 steps drawn uniformly "
                 "on IDDPM's cosine schedule.",
       method="symbolic", equations=(),
       assumptions=("relaxes: p(λ) = const (Remark E.2)", "t uniform on the schedule (App. G.1)"),
       criteria="SymPy |dt/dλ| of IDDPM's cosine schedule (offset from IDDPM's code) on t ∈ [0.02, 0.98], checked against "
                "the discrete schedule built from IDDPM's clipped β's; verified iff its max/min ≤ 1 + "
                f"{FLAT_TOL} (uniform t is uniform λ); corrected otherwise, with M_y = w_y|dt/dλ| and the normalising "
                "constants E_t[w_y]; error if the continuous and discrete schedules disagree.",
       decide=decide_imagenet_sampler)
def beyond_imagenet_sampler(ctx):
    from difftheory import other_systems
    from difftheory.theory.claims_erd import _T, symbolic_schedules
    from difftheory.theory.erd_weights import ERD_TARGETS, erd_weight

    a, s = symbolic_schedules()["iddpm-cosine"]
    lam = sp.log(a**2 / s**2)
    jac = sp.simplify(-1 / sp.diff(lam, _T))
    grid = np.linspace(0.02, 0.98, 97)
    vals = np.asarray(sp.lambdify(_T, jac, "numpy")(grid), float)
    lam_f = sp.lambdify(_T, lam, "numpy")
    # the discrete schedule of IDDPM's code: β_i = min(1 − ᾱ((i+1)/T)/ᾱ(i/T), max_beta), ᾱ_i = Π(1 − β)
    f = other_systems.load().value("iddpm.cosine")
    T = 1000
    ab = lambda u: np.cos((u + f["offset"]) / (1 + f["offset"]) * np.pi / 2) ** 2  # noqa: E731
    i = np.arange(T)
    betas = np.minimum(1 - ab((i + 1) / T) / ab(i / T), f["max_beta"])
    acp = np.cumprod(1 - betas)
    lam_d = np.log(acp / (1 - acp))
    mid = slice(int(0.05 * T), int(0.95 * T))
    twin = float(np.max(np.abs(lam_d[mid] - lam_f((i[mid] + 1) / T)) / np.maximum(np.abs(lam_d[mid]), 1.0)))
    # density of λ at λ = 0 vs λ = ±10 (continuous time): |dt/dλ| at the t where λ(t) crosses those values
    tt = np.linspace(1e-4, 1 - 1e-4, 200001)
    lv, jv = lam_f(tt), np.asarray(sp.lambdify(_T, jac, "numpy")(tt), float)
    at = lambda v: float(jv[int(np.argmin(np.abs(lv - v)))])  # noqa: E731
    ts_u = (np.arange(4096) + 0.5) / 4096
    af, sf = (np.asarray(sp.lambdify(_T, x, "numpy")(ts_u), float) for x in (a, s))
    return {"jacobian": str(jac), "max_over_min": float(vals.max() / vals.min()), "t_range": [0.02, 0.98],
            "density_ratio_0_vs_10": at(0.0) / (0.5 * (at(10.0) + at(-10.0))),
            "discrete": {"T": T, "lambda_first": float(lam_d[0]), "lambda_last": float(lam_d[-1])},
            "twin_max_rel_err": twin,
            "mean_w_uniform_t": {tg: float(np.mean(erd_weight(tg, af, sf))) for tg in ERD_TARGETS}}


def decide_pathwise_coercivity(ev) -> Decision:
    if not ev["eq60_holds"]:
        return Decision("refuted", f"Without a uniform rate the fallback Eq. (60) must hold, and it does not (max ratio "
                                   f"{_fmt(ev['eq60_max_ratio'])}).")
    if ev["pairs_without_uniform_rate"] == 0:
        return Decision("verified", f"μ_τ > 0 along the whole sample path in all {ev['pairs']} (case, level) pairs: a uniform "
                                    "rate exists and Remark 3.5's rate reading applies.")
    return Decision("corrected", f"Along the SGD sample path the coercivity ratio μ_τ = C/ℓ̃ of Eq. (59) is negative on "
                                 f"{ev['negative_fraction_median']:.0%} of the path at the median (range "
                                 f"{ev['negative_fraction_min']:.0%}–{ev['negative_fraction_max']:.0%}); no uniform μ > 0 "
                                 f"exists in {ev['pairs_without_uniform_rate']} of {ev['pairs']} (case, level) pairs, so "
                                 "Eq. (61) and Remark 3.5 do not apply. What survives is Eq. (60) with the time-averaged "
                                 f"rate μ̄_T = (1/T)∫μ: it holds (max ratio {_fmt(ev['eq60_max_ratio'])}), with μ̄·T_h "
                                 f"from {_fmt(ev['mu_bar_T_min'])} to {_fmt(ev['mu_bar_T_max'])} (median "
                                 f"{_fmt(ev['mu_bar_T_median'])}): contraction only where μ̄ > β.")


@claim("erd.beyond.pathwise_coercivity", paper="erd", where="§3.2 Eq. (5), Remark 3.5; App. C Eqs. (59), (61)",
       statement="(assumption audit) Remark 3.5 and Eq. (61) assume a uniform pathwise rate μ_τ ≥ μ > 0; along SGD's "
                 "sample path the coupling term ⟨r, Θ r_τ⟩ is a cross-term between levels and can be negative.",
       method="numeric", equations=(),
       assumptions=DYN_ASSUMPTIONS + ("relaxes: μ_τ ≥ μ > 0 for all τ",),
       criteria="μ_τ = C_τ/ℓ̃_τ at every Gauss–Legendre node of the path, per (case, level). Verified iff μ_τ > 0 everywhere "
                "(the uniform rate exists); corrected (the statement becomes Eq. 60 with the time-averaged rate) iff it "
                "does not and Eq. (60) holds (from erd.thm3_4.bound's evaluation); refuted if Eq. (60) fails too.",
       decide=decide_pathwise_coercivity)
def beyond_pathwise_coercivity(ctx):
    st = _study(ctx)
    fr, mubar, pairs, none = [], [], 0, 0
    eq60 = -1.0
    for _, _, _, r in _cases(st):
        fr.extend(r["mu"]["negative_fraction"])
        mubar.extend(r["mu"]["time_average_times_horizon"])
        pairs += len(r["mu"]["min"])
        none += sum(m <= 0 for m in r["mu"]["min"])
        eq60 = max(eq60, r["thm3_4"]["readings"]["Eq. (60): M(λ_s) in F_s"]["max_ratio"])
    integ = max(r["thm3_4"]["integration_rel_err"] for _, _, _, r in _cases(st))
    tol = max(BOUND_TOL, INTEGRATION_MARGIN * integ)
    return {"pairs": pairs, "pairs_without_uniform_rate": none, "negative_fraction_median": float(np.median(fr)),
            "negative_fraction_min": float(min(fr)), "negative_fraction_max": float(max(fr)),
            "mu_bar_T_min": float(min(mubar)), "mu_bar_T_max": float(max(mubar)), "mu_bar_T_median": float(np.median(mubar)),
            "eq60_max_ratio": eq60, "eq60_holds": eq60 <= 1 + tol}


def decide_fixed_noise_closure(ev) -> Decision:
    if ev["joint_mode_max_ratio"] <= 1 + BOUND_TOL and ev["joint_total_max_ratio"] <= 1 + BOUND_TOL:
        return Decision("verified", "Eq. (102)/(92) computed from the fixed-noise eigensystem also bound the actual joint "
                                    f"sample-path dynamics (max ratios {_fmt(ev['joint_mode_max_ratio'])} per mode, "
                                    f"{_fmt(ev['joint_total_max_ratio'])} total).")
    w = ev["worst"]
    return Decision("corrected", f"With the fixed-noise closure dropped (the contraction is the joint sample-path term "
                                 f"M(λ_τ)Θ(·, z_τ)r(z_τ), not −M(λ)K_λr), Eq. (102) fails for single modes by up to "
                                 f"×{_fmt(ev['joint_mode_max_ratio'])} ({w['case']} t = {w['level']}, {_at(w['at'])}: "
                                 f"|a_j|² = {_fmt(w['measured'])} vs {_fmt(w['bound'])}) and the total Eq. (92) by up to "
                                 f"×{_fmt(ev['joint_total_max_ratio'])} (median {_fmt(ev['joint_total_median_ratio'])}; "
                                 f"fails in {ev['pairs_total_fails']} of {ev['pairs']} (case, level) pairs). The mode-wise "
                                 "picture describes the closure, not the shared-parameter dynamics: on the toy the excess "
                                 "needs a factor ≥ the ratios above.")


@claim("erd.beyond.fixed_noise_closure", paper="erd", where="§3.3 Thm 3.8; App. D Thm D.4, Eq. (87)",
       statement="(assumption audit) Thm 3.8/D.4 assume the fixed-noise closure Eq. (87); does its mode-wise bound, built "
                 "from the fixed-noise eigensystem and the same forcing, still bound the joint sample-path dynamics?",
       method="numeric", equations=(),
       assumptions=DYN_ASSUMPTIONS + ("relaxes: the fixed-noise closure Eq. (87)",),
       criteria="Project the exact joint sample-path residual at each level on the fixed-noise modes; verified iff every "
                f"mode and the total stay within Eq. (102)/(92) (ratio ≤ 1 + {BOUND_TOL:g}) at every interval end and γ; "
                "corrected otherwise, with the factor by which they are exceeded.",
       decide=decide_fixed_noise_closure)
def beyond_fixed_noise_closure(ctx):
    st = _study(ctx)
    jm, jw, jt, meds, fails, pairs = -1.0, None, -1.0, [], 0, 0
    for lab, _, _, r in _cases(st):
        for f in r["fixed_noise"]:
            pairs += 1
            fails += f["joint_total_max_ratio"] > 1 + BOUND_TOL
            jt = max(jt, f["joint_total_max_ratio"])
            meds.append(f["joint_total_median_ratio"])
            if f["joint_mode_max_ratio"] > jm:
                jm = f["joint_mode_max_ratio"]
                jw = {"case": lab, "level": f["level"], "at": f["joint_mode_worst_at"],
                      "measured": f["joint_mode_worst_measured"], "bound": f["joint_mode_worst_bound"]}
    return {"joint_mode_max_ratio": jm, "joint_total_max_ratio": jt, "joint_total_median_ratio": float(np.median(meds)),
            "worst": jw, "pairs": pairs, "pairs_total_fails": fails}


def decide_frozen_kernel(ev) -> Decision:
    tr, real = ev["training_change_max"], ev["real_vs_frozen_max"]
    late = "" if ev["late_change_median"] is None or ev["late_share"] is None else (
        f" Even over the last {ev['late_share']:.0%} of training it still changes by {ev['late_change_median']:.3f} "
        f"(median; max {ev['late_change_max']:.3f}).")
    if tr < LAZY_TOL and real < LAZY_TOL:
        return Decision("verified", f"The NTK moves by ≤ {tr:.3f} (relative) from initialisation to the trained network and "
                                    f"real SGD follows the frozen kernel to {real:.3f}: the lazy regime holds.")
    return Decision("corrected", f"The App. F networks are not in the lazy regime: from initialisation to the trained "
                                 f"network the NTK on the evaluation points changes by ×{ev['training_change_min']:.3g}–"
                                 f"×{tr:.3g} of its initial norm (top eigenvalue of Θ/n: {ev['top_eig_example']}).{late} The "
                                 f"frozen-kernel statements (Eq. 53/54, Thm D.4) therefore describe only the local dynamics "
                                 f"around the trained point: over {ev['sgd_steps']} plain-SGD steps from there, the real "
                                 f"network departs from the frozen-kernel prediction by {ev['real_vs_frozen_median']:.3f} "
                                 f"(median; max {real:.3f}) of its movement while the kernel moves by "
                                 f"{ev['segment_change_median']:.3f} (median).")


@claim("erd.beyond.frozen_kernel", paper="erd", where="App. C Eq. (53); App. D Thm D.4; §3.3 ('NTK regime')",
       statement="(assumption audit) Prop. C.5 (Eq. 54) and Thm 3.8/D.4 assume the kernel stays frozen (lazy/NTK regime); "
                 "the App. F networks are trained with Adam at width 256 (64 at quick scale).",
       method="simulation", equations=(),
       assumptions=("relaxes: Θ_τ ≈ Θ₀ (Eq. 53)",),
       criteria=f"Verified iff the NTK on the evaluation points changes by < {LAZY_TOL:.0%} (relative Frobenius) from "
                f"initialisation to the trained network and real SGD follows the frozen-kernel prediction to < {LAZY_TOL:.0%} "
                "of its movement (2·K0 steps from the trained point, same samples and η as the sample-path study); "
                "corrected otherwise, with both numbers.",
       decide=decide_frozen_kernel)
def beyond_frozen_kernel(ctx):
    study = erd_kernel_dynamics.kernel_motion_study(ctx.scale, ctx.seed)
    km = study["models"]
    late = [m["late_training_kernel_change"] for m in km if m["late_training_kernel_change"] is not None]
    ci, it = study["checkpoint_iteration"], study["iterations"]
    tr = [m["training_kernel_change"] for m in km]
    real = [m["real_vs_frozen"] for m in km]
    ex = km[0]
    return {"training_change_min": float(min(tr)), "training_change_max": float(max(tr)),
            "real_vs_frozen_max": float(max(real)), "real_vs_frozen_median": float(np.median(real)),
            "segment_change_median": float(np.median([m["segment_kernel_change"] for m in km])),
            "sgd_steps": ex["sgd_steps"],
            "late_change_median": float(np.median(late)) if late else None,
            "late_change_max": float(max(late)) if late else None,
            "late_share": 1 - ci / it if late and ci is not None and it else None,
            "top_eig_example": f"{ex['target']}/{ex['schedule']} " + ", ".join(
                f"{a:.3g} → {b:.3g}" for a, b in ex["top_eig_init_vs_trained"]),
            "per_model": {f"{m['target']}/{m['schedule']}": {k: m[k] for k in ("training_kernel_change", "late_training_kernel_change",
                                                                               "real_vs_frozen", "segment_kernel_change")}
                          for m in km}}

