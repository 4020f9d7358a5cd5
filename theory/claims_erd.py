"""Claims of the erd paper that are settled by derivation: Prop. E.1 (effective-amplitude weight, Eqs. 107–111),
the baseline weights in every target space (Min-SNR-γ, P2, EDM), Lemma C.1 (Bayes decomposition) and the
coupling bound of Lemma D.1. The toy-world and NTK claims live in ``toy/claims_erd_toy.py``.

Each claim is an evidence function (the registered one) and a ``decide_*`` function that maps its evidence
to a verdict by the rule in ``criteria``."""

from __future__ import annotations

import numpy as np
import sympy as sp

from difftheory.decide import AS_PRINTED, Reading, printed_vs_derived, within
from difftheory.ledger import Decision, claim
from difftheory.theory import erd_bayes_lemmas
from difftheory.theory import erd_weights
from difftheory.theory.target_conversions import erd_target_coefficients

_PROBES = ((0.9, 0.3), (0.6, 0.8), (0.5, 0.5), (0.2, 1.1), (1.3, 0.05))  # (α, σ), VP and non-VP points

TWIN_TOL = 1e-10  # float64 twin vs SymPy at the probes: round-off is ~1e-15; 1e-10 leaves room, catches any formula slip
# 200 000 draws in d = 8: the relative s.e. of an RMS estimate is ≈ 1/sqrt(2·n·d) ≈ 6e-4, so 1 % is > 15 s.e.
MC_REL_TOL = 0.01
MC_DRAWS = 200_000


def _rel(a, b):
    return float(abs(a - b) / max(abs(b), 1e-300))


# ----------------------------------------------------------------------------------------- Prop. E.1
def decide_eq110(ev) -> Decision:
    literal = ev["printed_minus_derived"] == "0"
    mc_ok = within(ev["mc_worst_rel"], MC_REL_TOL)
    verdict, reading = printed_vs_derived({AS_PRINTED: literal}, twins_agree=mc_ok)
    if verdict == "error":
        return Decision("error", f"our Monte-Carlo estimate of the definition misses our derived formula by "
                                 f"{ev['mc_worst_rel']:.2e} relative (> {MC_REL_TOL}): a bug here")
    if verdict == "verified":
        return Decision("verified", f"Derived from the definition (per-coordinate moments, independence): w_y = "
                                    f"{ev['derived']}, equal to Eq. (110). Monte-Carlo with non-Gaussian (Rademacher) "
                                    f"x0 agrees to {ev['mc_worst_rel']:.1e} relative.", reading)
    return Decision("refuted", f"The definition gives w_y = {ev['derived']}; the printed form differs by "
                               f"{ev['printed_minus_derived']} (Monte-Carlo confirms the derivation to "
                               f"{ev['mc_worst_rel']:.1e}).", reading)


@claim("erd.prop_e1.eq110", paper="erd", where="App. E, Prop. E.1, Eqs. (109)–(110), (114)–(119)",
       statement="For y = c_x x0 + c_ε ε with x0 ⟂ ε, E x0 = 0, Cov x0 = I, ε ~ N(0, I): "
                 "w_y = sqrt(E‖c_x α x0 + c_ε σ ε‖²/d) = sqrt((c_x α)² + (c_ε σ)²).",
       method="symbolic", equations=("Prop. E.1", "Eq. (109)", "Eq. (110)", "Eq. (114)"),
       assumptions=("x0 independent of ε", "E x0 = 0", "Cov x0 = I (unit per-coordinate variance)"),
       criteria="verified iff the SymPy expectation of the definition simplifies to the printed Eq. (110); "
                f"a Monte-Carlo estimate of the definition ({MC_DRAWS} draws, Rademacher x0) must agree with the "
                f"derivation to {MC_REL_TOL:.0%} relative, else error (our bug); refuted when the printed form differs.",
       decide=decide_eq110)
def prop_e1_eq110(ctx):
    cx, ce = sp.symbols("c_x c_epsilon", real=True)
    x, e = sp.symbols("x_i epsilon_i", real=True)
    derived = sp.sqrt(erd_weights.expect_independent((cx * erd_weights.alpha_s * x + ce * erd_weights.sigma_s * e) ** 2,
                                                 {x: {1: 0, 2: 1}, e: {1: 0, 2: 1}}))
    printed = sp.sqrt((cx * erd_weights.alpha_s) ** 2 + (ce * erd_weights.sigma_s) ** 2)
    diff = sp.simplify(derived - printed)
    rng = np.random.default_rng(ctx.seed)
    d = 8
    x0 = rng.choice([-1.0, 1.0], size=(MC_DRAWS, d))
    eps = rng.standard_normal((MC_DRAWS, d))
    mc = {}
    for (a, s), (c1, c2) in zip(_PROBES, ((1.0, 0.0), (0.0, 1.0), (-1.0, 1.0), (-1.1, 0.2), (0.7, -2.0))):
        est = np.sqrt(np.mean(((c1 * a * x0 + c2 * s * eps) ** 2).sum(1)) / d)
        mc[f"a={a},s={s},cx={c1},ce={c2}"] = [float(est), float(np.sqrt((c1 * a) ** 2 + (c2 * s) ** 2))]
    return {"derived": str(derived), "printed_minus_derived": str(diff), "monte_carlo_vs_formula": mc,
            "mc_worst_rel": max(_rel(v[0], v[1]) for v in mc.values()), "mc_draws": MC_DRAWS}


UP_TO_A_FACTOR = Reading(note="Eq. (111) as printed: the weights 'up to a common normalization factor'")


def decide_eq111(ev) -> Decision:
    twins_ok = all(within(v["numeric_twin_max_rel_err"], TWIN_TOL) for v in ev["targets"].values())
    ratios = {t: v["derived_over_printed"] for t, v in ev["targets"].items()}
    common = len(set(ratios.values())) == 1
    verdict, reading = printed_vs_derived({UP_TO_A_FACTOR: common}, correction_holds=ev["correction_holds"],
                                          twins_agree=twins_ok)
    shown = ", ".join(f"{t}: {r}" for t, r in ratios.items())
    if verdict == "error":
        errs = [v["numeric_twin_max_rel_err"] for v in ev["targets"].values()]
        worst = "a non-finite amount" if None in errs else f"{max(errs):.2e}"  # None: NaN/inf in the evidence
        return Decision("error", f"erd_weights.erd_weight (NumPy twin) differs from the SymPy derivation by {worst} "
                                 f"(> {TWIN_TOL:g}): a bug here, not in the paper")
    if verdict == "verified":
        return Decision("verified", f"Eq. (111) follows from Eq. (110) with one common constant (derived/printed: {shown}).",
                        reading)
    bad = [t for t, r in ratios.items() if r != "1"]
    if verdict == "corrected":
        exact = ", ".join(f"w_{t} = {v['derived']}" for t, v in ev["targets"].items())
        return Decision("corrected", f"Exact weights from Eq. (110): {exact}. "
                                     f"Derived/printed ratios {shown} are not one common constant, so Eq. (111) does "
                                     f"not hold 'up to a common normalization factor' for {', '.join(bad)}; the "
                                     "corrected list (the derived weights) follows from Eq. (110) exactly. Harmless in "
                                     "training: ERD normalizes each target's weight separately.", reading)
    return Decision("refuted", f"Derived/printed ratios {shown} differ and the stated correction does not hold either.",
                    reading)


@claim("erd.prop_e1.eq111", paper="erd", where="App. E, Prop. E.1, Eq. (111)",
       statement="Canonical targets: w ∝ α (x0), σ (ε), sqrt(α² + σ²) (u = ε − x0), ασ (v = αε − σx0), "
                 "up to a common normalization factor.",
       method="symbolic", equations=("Prop. E.1", "Eq. (111)"),
       assumptions=("Cov x0 = I", "targets x0, ε, u = ε − x0, v = αε − σx0"),
       criteria="Each canonical weight is derived from Eq. (110) and divided by the printed one; verified iff the four "
                "ratios are one common constant; corrected iff they are not and the derived list satisfies Eq. (110) "
                f"exactly; error iff the NumPy twin differs from the derivation by more than {TWIN_TOL:g}.",
       decide=decide_eq111)
def prop_e1_eq111(ctx):
    out = {}
    correction = True
    for t in erd_weights.ERD_TARGETS:
        derived = erd_weights.erd_weight_symbolic(t)
        cx, ce = erd_target_coefficients(t, erd_weights.alpha_s, erd_weights.sigma_s)
        correction &= sp.simplify(derived - sp.sqrt((cx * erd_weights.alpha_s) ** 2 + (ce * erd_weights.sigma_s) ** 2)) == 0
        num = [float(erd_weights.erd_weight(t, a, s)) for a, s in _PROBES]
        sym = [float(derived.subs({erd_weights.alpha_s: a, erd_weights.sigma_s: s})) for a, s in _PROBES]
        out[t] = {"derived": str(derived), "printed": str(erd_weights.ERD_PRINTED[t]),
                  "derived_over_printed": str(sp.simplify(derived / erd_weights.ERD_PRINTED[t])),
                  "numeric_twin_max_rel_err": max(_rel(u, v) for u, v in zip(num, sym))}
    return {"targets": out, "correction_holds": bool(correction)}


def decide_unit_covariance(ev) -> Decision:
    if not ev["general_form_holds"]:
        return Decision("refuted", f"The definition with E x_i² = σ_d² does not reduce to sqrt((c_x α σ_d)² + (c_ε σ)²): "
                                   f"derived {ev['derived']}.")
    return Decision("verified", f"With E x_i² = σ_d² the definition gives w_y = sqrt((c_x α σ_d)² + (c_ε σ)²) for every "
                                f"target ({', '.join(f'{t}: {w}' for t, w in ev['derived'].items())}); erd App. F's GMM has "
                                f"σ_d² = {ev['appF_sigma_d_squared']:g} (not whitened), so there Eq. (110) under-weights "
                                f"the x0-channel by √{ev['appF_sigma_d_squared']:g} = "
                                f"{ev['appF_x0_weight_ratio_to_eq110']:.3f} relative to its own definition.")


@claim("erd.beyond.prop_e1_unit_covariance", paper="erd", where="App. E, Prop. E.1 assumptions; App. F data",
       statement="(beyond the paper) Eq. (110) needs Cov x0 = I; for Cov x0 = σ_d² I the same definition gives "
                 "w_y = sqrt((c_x α σ_d)² + (c_ε σ)²).",
       method="symbolic", equations=("Prop. E.1", "Eq. (110)"),
       assumptions=("Cov x0 = σ_d² I (relaxes Cov x0 = I)",),
       criteria="verified iff the SymPy expectation of Eq. (109)'s definition with E x_i² = σ_d² equals "
                "sqrt((c_x α σ_d)² + (c_ε σ)²) for all four targets; refuted otherwise.",
       decide=decide_unit_covariance)
def prop_e1_unit_covariance(ctx):
    sd = sp.Symbol("sigma_d", positive=True)
    derived, ok = {}, True
    for t in erd_weights.ERD_TARGETS:
        w = erd_weights.erd_weight_symbolic(t, var_x0=sd**2)
        cx, ce = erd_target_coefficients(t, erd_weights.alpha_s, erd_weights.sigma_s)
        ok &= sp.simplify(w - sp.sqrt((cx * erd_weights.alpha_s * sd) ** 2 + (ce * erd_weights.sigma_s) ** 2)) == 0
        derived[t] = str(w)
    sd2 = 2.0**2 + 0.3**2  # erd App. F GMM per coordinate: component means ±2 (equal weights), component sd 0.3
    return {"derived": derived, "general_form_holds": bool(ok), "appF_sigma_d_squared": sd2,
            "appF_x0_weight_ratio_to_eq110": float(np.sqrt(sd2))}


# ----------------------------------------------------------------------------------------- baselines
def decide_target_spaces(ev) -> Decision:
    if not within(ev["twin_max_rel_err"], TWIN_TOL):
        return Decision("error", f"NumPy weight twins differ from SymPy by {ev['twin_max_rel_err']:.2e} (> {TWIN_TOL:g})")
    if not within(ev["transport_max_rel_err"], TWIN_TOL):
        return Decision("refuted", f"A weight moved to another space by w_y = w_S (g_S/g_y)² does not give the same "
                                   f"weighted loss: w_y‖ŷ − y‖² vs w_S‖Ŝ − S‖² differ by {ev['transport_max_rel_err']:.2e} "
                                   f"(relative) at random (α, σ, x0, ε, x̂0).")
    return Decision("verified", f"Every target is affine in x0 given z, so ŷ − y = g_y(x̂0 − x0) with g_y = (c_x σ − c_ε α)/σ; "
                                f"moving a weight by w_y = w_S(g_S/g_y)² leaves the weighted loss unchanged: "
                                f"w_y‖ŷ − y‖² = w_S‖Ŝ − S‖² to {ev['transport_max_rel_err']:.1e} over "
                                f"{ev['transport_draws']} random (α, σ, x0, ε, x̂0) and all (baseline, target) pairs. "
                                f"E.g. Min-SNR in v-space: {ev['formulas']['min-snr/v']}. NumPy twins match SymPy to "
                                f"{ev['twin_max_rel_err']:.1e}.")


@claim("erd.baselines.target_spaces", paper="erd", where="§4.3 / Fig. 6 baselines; Hang et al. 2023, Choi et al. 2022, "
                                                      "Karras et al. 2022",
       statement="Min-SNR-γ (x0-space min(SNR, γ)), P2 (ε-space 1/(k + SNR)^p) and EDM ((σ_e² + σ_d²)/(σ_e σ_d)², σ_e = σ/α) "
                 "expressed in every target space by w_y = w_S (g_S/g_y)², g_y = ∂ŷ/∂x̂0 at fixed z.",
       method="symbolic", equations=("§4.3", "Fig. 6", "Eq. (107)"),
       criteria="verified iff, for random (α, σ, x0, ε, x̂0) and every (baseline, target), the transported weight "
                f"gives w_y‖ŷ − y‖² = w_S‖Ŝ − S‖² to {TWIN_TOL:g} relative (predictions built from x̂0 and z directly, "
                "not through g); refuted otherwise; error iff the NumPy twins differ from SymPy.",
       decide=decide_target_spaces)
def baselines_target_spaces(ctx):
    formulas, worst = {}, 0.0
    params = {erd_weights.gamma_s: 5, erd_weights.k_s: 1, erd_weights.p_s: 1, erd_weights.sigma_data_s: sp.Rational(1, 2)}
    for name in ("min-snr", "p2", "edm"):
        for t in erd_weights.ERD_TARGETS:
            expr = erd_weights.weight_symbolic(name, t)
            sym = [float(expr.subs(params).subs({erd_weights.alpha_s: a, erd_weights.sigma_s: s})) for a, s in _PROBES]
            num = [float(erd_weights.weight(name, t, a, s, gamma=5, k=1, p=1, sigma_data=0.5)) for a, s in _PROBES]
            worst = max(worst, max(_rel(u, v) for u, v in zip(num, sym)))
            formulas[f"{name}/{t}"] = str(expr)
    # the statement itself: the weighted loss is the same in every space, with predictions made from (z, x̂0)
    rng = np.random.default_rng(ctx.seed)
    n = 200
    a, s = rng.uniform(0.05, 1.5, n), rng.uniform(0.05, 1.5, n)
    x0, eps, x0_hat = rng.standard_normal((3, n))
    z = a * x0 + s * eps
    eps_hat = (z - a * x0_hat) / s  # the prediction of ε implied by x̂0 at the same z

    def err(target):
        cx, ce = erd_target_coefficients(target, a, s)
        return (cx * x0_hat + ce * eps_hat) - (cx * x0 + ce * eps)

    transport = 0.0
    for name, (space, _) in erd_weights.BASELINE_DEFINITIONS.items():
        w_space = erd_weights.weight(name, space, a, s, gamma=5, k=1, p=1, sigma_data=0.5)
        for t in erd_weights.ERD_TARGETS:
            lhs = erd_weights.weight(name, t, a, s, gamma=5, k=1, p=1, sigma_data=0.5) * err(t) ** 2
            rhs = w_space * err(space) ** 2
            transport = max(transport, float(np.max(np.abs(lhs - rhs) / np.maximum(np.abs(rhs), 1e-300))))
    return {"formulas": formulas, "twin_max_rel_err": worst, "transport_max_rel_err": transport, "transport_draws": n}


def decide_min_snr_v(ev) -> Decision:
    if ev["on_vp_equal"]:
        return Decision("verified", f"The v-space Min-SNR weight derived from Min-SNR's x0-space definition, "
                                    f"{ev['derived_v_weight']}, equals min(SNR,γ)/(SNR+1) on every variance-preserving "
                                    f"schedule (derived/printed = {ev['derived_over_printed_on_VP']} with σ² = 1 − α²), "
                                    "the setting of Hang et al. and of erd's cosine-schedule experiments. Off VP see "
                                    "erd.beyond.min_snr_v_non_vp.")
    return Decision("refuted", f"Derived v-space Min-SNR weight {ev['derived_v_weight']} differs from the printed "
                               f"min(SNR,γ)/(SNR+1) even on VP schedules (ratio {ev['derived_over_printed_on_VP']}).")


def _min_snr_v_evidence() -> dict:
    derived = erd_weights.weight_symbolic("min-snr", "v")
    snr = erd_weights.SNR_s
    printed = sp.Min(snr, erd_weights.gamma_s) / (snr + 1)
    eps_form = sp.Min(snr, erd_weights.gamma_s) / snr  # the ε-prediction weight, a common mistake for v
    ratio_printed = sp.simplify(derived / printed)
    vp = {erd_weights.sigma_s: sp.sqrt(1 - erd_weights.alpha_s**2)}
    lin = {erd_weights.alpha_s: sp.Rational(1, 2), erd_weights.sigma_s: sp.Rational(1, 2)}  # linear schedule at its midpoint
    on_vp = sp.simplify(ratio_printed.subs(vp))
    return {"derived_v_weight": str(derived), "derived_over_printed": str(ratio_printed),
            "derived_over_printed_on_VP": str(on_vp), "on_vp_equal": bool(on_vp == 1),
            "general_equal": bool(sp.simplify(ratio_printed - 1) == 0),
            "eps_form_over_derived": str(sp.simplify(eps_form / derived)),
            "linear_t0.5_derived_over_printed": float(ratio_printed.subs(lin)),
            "linear_t0.5_eps_form_over_derived": float(sp.simplify(eps_form / derived).subs(lin))}


@claim("erd.baselines.min_snr_v", paper="erd", where="§4.3 Min-SNR baseline for v-prediction (Hang et al. 2023)",
       statement="Min-SNR-γ for v-prediction is min(SNR, γ)/(SNR + 1) (Hang et al.'s form; erd's experiments use the "
                 "variance-preserving cosine schedule).",
       method="symbolic", equations=("§4.3", "Fig. 6"),
       assumptions=("variance-preserving schedule α² + σ² = 1",),
       criteria="Derive the v-space weight from Min-SNR's x0-space definition min(SNR, γ); verified iff it equals "
                "min(SNR,γ)/(SNR+1) for every (α, σ) with α² + σ² = 1 (the setting the form is stated for); refuted "
                "iff it differs there.",
       decide=decide_min_snr_v)
def baselines_min_snr_v(ctx):
    return _min_snr_v_evidence()


def decide_min_snr_v_non_vp(ev) -> Decision:
    if ev["general_equal"]:
        return Decision("verified", f"The derived v-space Min-SNR weight {ev['derived_v_weight']} equals "
                                    "min(SNR,γ)/(SNR+1) for every schedule, VP or not.")
    return Decision("corrected", f"Off variance-preserving schedules the v-space Min-SNR weight is "
                                 f"{ev['derived_v_weight']}, i.e. the VP form times {ev['derived_over_printed']} "
                                 f"(linear schedule α = 1 − t, σ = t at t = 0.5: factor "
                                 f"{ev['linear_t0.5_derived_over_printed']:g}). Using the ε-form min(SNR,γ)/SNR for v "
                                 f"over-weights by {ev['eps_form_over_derived']} (factor "
                                 f"{ev['linear_t0.5_eps_form_over_derived']:g} at the same point).")


@claim("erd.beyond.min_snr_v_non_vp", paper="erd", where="§4.3 Min-SNR baseline; App. F schedules (linear, GVP)",
       statement="(assumption audit) Min-SNR-γ's v-form min(SNR, γ)/(SNR + 1) carries over to schedules that are not "
                 "variance-preserving (α² + σ² ≠ 1, e.g. the linear/flow schedule of erd App. F).",
       method="symbolic", equations=("§4.3",),
       assumptions=("relaxes: α² + σ² = 1",),
       criteria="Derive the v-space weight from Min-SNR's x0-space definition for general (α, σ); verified iff it "
                "equals min(SNR,γ)/(SNR+1) identically; corrected (with the derived weight) otherwise.",
       decide=decide_min_snr_v_non_vp)
def min_snr_v_non_vp(ctx):
    return _min_snr_v_evidence()


# ----------------------------------------------------------------------------------------- Lemmas C.1, D.1
def decide_lemma_c1(ev) -> Decision:
    if ev["cross_term"] == "0" and ev["residual"] == "0":
        return Decision("verified", "Derived on a general finite joint law of (z, y) (2 × 3 symbolic pmf, arbitrary "
                                    "predictor r): with f* = E[y | z] computed from the pmf, the cross term "
                                    "E⟨r − f*, f* − y⟩ and ½M E(r−y)² − ½M E(f*−y)² − ½M E(r−f*)² both simplify to 0.")
    return Decision("refuted", f"The decomposition leaves cross term {ev['cross_term']} and residual {ev['residual']}.")


@claim("erd.lemma_c1.symbolic", paper="erd", where="App. C, Lemma C.1, Eqs. (28)–(34)",
       statement="ℓ = ℓ* + ℓ̃: the local weighted loss splits exactly into the Bayes floor and the excess; the cross "
                 "term vanishes because E[ξ | z] = 0.",
       method="symbolic", equations=("Lemma C.1", "Eq. (28)", "Eq. (31)", "Eq. (34)"),
       criteria="verified iff, on a symbolic finite joint law with an arbitrary predictor, both the cross term and the "
                "decomposition residual simplify to exactly 0; refuted otherwise.",
       assumptions=("y square-integrable", "the predictor depends on z only (ξ = y − E[y | z] has E[ξ | z] = 0)",
                    "one noise level: the weight is a constant at fixed λ"),
       decide=decide_lemma_c1)
def lemma_c1_symbolic(ctx):
    return {k: str(v) for k, v in erd_bayes_lemmas.bayes_decomposition_symbolic(2, 3).items()}


def decide_lemma_d1(ev) -> Decision:
    if ev["printed_minus_derived"] == "0":
        return Decision("verified", f"Derived from the model (independent coordinates, E ε = 0, E ε² = 1): "
                                    f"{ev['derived']}; the cross term 2α(σ − σ_max)E⟨x0, ε⟩ vanishes by independence and "
                                    "E ε = 0 alone (E x0 = 0 is not needed).")
    return Decision("refuted", f"Derived {ev['derived']}; the printed bound differs by {ev['printed_minus_derived']}.")


@claim("erd.lemma_d1.coupling_bound", paper="erd", where="App. D, Lemma D.1, Eq. (69)",
       statement="Under the shared-ε coupling, E‖(αx0 + σε) − σ_max ε‖² = α² E‖x0‖² + (σ − σ_max)² d.",
       method="symbolic", equations=("Lemma D.1", "Eq. (69)"),
       assumptions=("x0 independent of ε", "E ε = 0, E ε² = 1 per coordinate"),
       criteria="verified iff the expectation derived from the model equals the printed right-hand side exactly; "
                "refuted otherwise.",
       decide=decide_lemma_d1)
def lemma_d1_coupling(ctx):
    derived = erd_bayes_lemmas.w2_coupling_bound_symbolic()
    printed = erd_bayes_lemmas.a_s**2 * erd_bayes_lemmas.m2_s + (erd_bayes_lemmas.s_s - erd_bayes_lemmas.smax_s) ** 2 * erd_bayes_lemmas.d_s
    return {"derived": str(derived), "printed_minus_derived": str(sp.simplify(derived - printed))}
