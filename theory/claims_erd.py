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


# ========================================================================== referee pass 1 (issue 17): schedules, weights
# The App. F schedules (t = 0 data) and the experiments' IDDPM cosine schedule (App. G.1; offset s from IDDPM's code,
# difftheory/other_systems.toml fact 'iddpm.cosine') as SymPy (α, σ) on t ∈ (0, 1).
_T = sp.Symbol("t", positive=True)
GRID_TS = np.linspace(0.001, 0.999, 999)  # the open interval of the schedules, endpoints excluded (λ = ±∞ there)
MONOTONE_TOL = 0.0  # dλ/dt must be strictly negative at every grid point (a sign, no tolerance)


def _iddpm_offset() -> float:
    from difftheory import other_systems

    return float(other_systems.load().value("iddpm.cosine:offset"))


def symbolic_schedules() -> dict:
    """{name: (α(t), σ(t))}: erd App. F.1's linear, VP (β 0.1 → 20) and GVP, and App. G.1's IDDPM cosine schedule
    ᾱ(t) = f(t)/f(0), f(t) = cos²((t + s)/(1 + s)·π/2) in continuous time (t ∈ [0, 1] for the 1000 steps)."""
    from difftheory.theory.schedules import BETA_MAX, BETA_MIN

    t = _T
    la = sp.exp(-sp.Rational(1, 2) * (sp.nsimplify(BETA_MIN) * t + sp.Rational(1, 2) * sp.nsimplify(BETA_MAX - BETA_MIN) * t**2))
    s = sp.nsimplify(_iddpm_offset())
    f = lambda u: sp.cos((u + s) / (1 + s) * sp.pi / 2) ** 2  # noqa: E731
    abar = f(t) / f(0)
    return {"linear": (1 - t, t), "vp": (la, sp.sqrt(1 - la**2)), "gvp": (sp.cos(sp.pi * t / 2), sp.sin(sp.pi * t / 2)),
            "iddpm-cosine": (sp.sqrt(abar), sp.sqrt(1 - abar))}


def decide_monotone_schedules(ev) -> Decision:
    bad = [k for k, v in ev["schedules"].items() if not v["max_dlambda_dt"] < MONOTONE_TOL]
    shown = "; ".join(f"{k}: dλ/dt = {v['dlambda_dt']} (max {v['max_dlambda_dt']:.3g} on t ∈ [{ev['t_range'][0]}, "
                      f"{ev['t_range'][1]}])" for k, v in ev["schedules"].items())
    if bad:
        return Decision("refuted", f"t ↦ λ_t is not monotone for {', '.join(bad)}: {shown}.")
    return Decision("verified", f"λ = log(α²/σ²) falls strictly in t for every schedule the paper uses (App. F.1, App. "
                                f"G.1), so t and λ are interchangeable: {shown}. GVP inverts in closed form: t(λ) = "
                                f"{ev['gvp_inverse']} (λ(t(λ)) − λ = {ev['gvp_inverse_residual']}).")


@claim("erd.eq13.monotone_schedules", paper="erd", where="§2.1; App. A Def. A.1, Eq. (13)",
       statement="λ ≜ log(α²/σ²) (Eq. 13), and the diffusion schedule is chosen so that t ↦ λ_t is monotone on the "
                 "interval of interest, so t and λ are interchangeable (checked for the paper's schedules: App. F.1's "
                 "linear, VP, GVP and App. G.1's IDDPM cosine).",
       method="symbolic", equations=("Eq. (13)", "Def. A.1", "App. F.1", "App. G.1"),
       assumptions=("the schedules as defined in App. F.1 and App. G.1 (IDDPM cosine, continuous time)",),
       criteria="SymPy dλ/dt per schedule, evaluated on 999 points of t ∈ [0.001, 0.999]; verified iff it is < 0 at "
                "every point for every schedule (strictly monotone: t ↔ λ one-to-one); refuted otherwise.",
       decide=decide_monotone_schedules)
def monotone_schedules(ctx):
    out = {}
    for name, (a, s) in symbolic_schedules().items():
        d = sp.simplify(sp.diff(sp.log(a**2 / s**2), _T))
        vals = np.asarray(sp.lambdify(_T, d, "numpy")(GRID_TS), float)
        out[name] = {"dlambda_dt": str(d), "max_dlambda_dt": float(vals.max())}
    lam = sp.Symbol("lambda", real=True)
    inv = 2 / sp.pi * sp.atan(sp.exp(-lam / 2))
    a, s = symbolic_schedules()["gvp"]
    resid = sp.simplify(sp.log(a**2 / s**2).subs(_T, inv) - lam)
    return {"schedules": out, "t_range": [float(GRID_TS[0]), float(GRID_TS[-1])], "gvp_inverse": str(inv),
            "gvp_inverse_residual": str(resid)}


def decide_u_velocity(ev) -> Decision:
    v = ev["schedules"]
    ok = [k for k, r in v.items() if r["velocity_is_u"]]
    shown = "; ".join(f"{k}: dz/dt = {r['dz_dt']}" for k, r in v.items())
    if len(ok) == len(v):
        return Decision("verified", f"dz/dt is a multiple of ε − x0 on every App. F schedule: {shown}.")
    if "linear" in ok:
        return Decision("corrected", f"u = ε − x0 is the flow-matching velocity dz/dt only on the linear interpolant α = 1 − t, "
                                     f"σ = t (the path of [36]); App. F.1 also trains u on "
                                     f"{', '.join(k for k in v if k not in ok)}, where it is a fixed linear target, not the "
                                     f"path's velocity: {shown}. Corrected: 'u is the flow-matching vector field of the "
                                     "linear path'; on GVP the velocity is (π/2)·v.")
    return Decision("refuted", f"u = ε − x0 is the velocity of no App. F schedule: {shown}.")


@claim("erd.appF.u_velocity", paper="erd", where="Fig. 3 caption (ocr l. 211); App. F.1 (ll. 1326–1337)",
       statement="u = ε − x0 denotes the flow-matching vector field [36] (the velocity dz/dt of the path), for the App. "
                 "F.1 schedules it is trained on (linear, VP, GVP).",
       method="symbolic", equations=("Fig. 3", "App. F.1"),
       assumptions=("z_t = α_t x0 + σ_t ε with t = 0 data (App. F.1)",),
       criteria="SymPy dz/dt = α'x0 + σ'ε per schedule; it is a multiple of ε − x0 iff α' + σ' simplifies to 0. verified "
                "iff so on all three schedules; corrected iff only on the linear interpolant (the flow-matching path of "
                "[36]); refuted iff on none.",
       decide=decide_u_velocity)
def u_velocity(ctx):
    x0, e = sp.symbols("x0 epsilon", real=True)
    out = {}
    sched = symbolic_schedules()
    for name in ("linear", "vp", "gvp"):
        a, s = sched[name]
        da, ds = sp.simplify(sp.diff(a, _T)), sp.simplify(sp.diff(s, _T))
        out[name] = {"dz_dt": str(sp.factor(sp.simplify(da * x0 + ds * e))), "velocity_is_u": bool(sp.simplify(da + ds) == 0)}
    return {"schedules": out}


COINCIDE_TOL = 1e-9  # ERD/baseline constant on 81 SNRs to round-off: the same weighting up to ERD's normalisation


def decide_unlike_snr(ev) -> Decision:
    same = [f"{p['target']}: ERD ∝ {p['baseline']}" for p in ev["pairs"] if p["ratio_spread"] <= COINCIDE_TOL]
    on_vp = "; ".join(f"w_{k}(SNR) = {v}" for k, v in ev["erd_on_vp"].items())
    eps_units = "; ".join(f"{k}: {v}" for k, v in ev["erd_in_eps_units_on_vp"].items())
    if same:
        return Decision("refuted", f"On variance-preserving schedules (α² = SNR/(1 + SNR), σ² = 1/(1 + SNR): every ImageNet "
                                   f"experiment, IDDPM cosine) each ERD weight is a function of SNR alone: {on_vp}. It "
                                   f"coincides, up to ERD's normalisation, with a published SNR-based weighting: "
                                   f"{'; '.join(same)} (ε: w/P2 = {ev['eps_over_p2_half']} identically; P2's published "
                                   f"settings: {ev['p2_published']}). ERD differs from an SNR function only off VP "
                                   f"(α² + σ² ≠ 1). In ε-loss units: {eps_units}.")
    return Decision("verified", f"No ERD weight equals a published SNR-based weighting (P2 {ev['p2_published']}, Min-SNR "
                                f"γ = {ev['min_snr_gamma']:g}) on VP schedules; there {on_vp}.")


@claim("erd.sec3_4.unlike_snr_weighting", paper="erd", where="§3.4 (ll. 300–316)",
       statement="Unlike SNR- or target-energy-based weighting (the existing reweightings [3, 11, …]), ERD weights a "
                 "target by the amplitude of the components expressed in the corrupted input.",
       method="symbolic", equations=("§3.4", "Eq. (11)"),
       assumptions=("variance-preserving schedule α² + σ² = 1 (the ImageNet experiments' IDDPM cosine schedule)",
                    "P2's published settings and Min-SNR's γ from their public code (difftheory/other_systems.toml)"),
       criteria=f"Express Eq. (110) on VP schedules in SNR = α²/σ²; for each target compare it with P2 1/(k + SNR)^γ "
                f"(every published (k, γ)) and Min-SNR-γ, each moved to the target's space (erd.baselines.target_spaces), "
                f"on 81 SNRs in [1e-4, 1e4]. refuted iff for some target ERD/baseline is constant (spread ≤ "
                f"{COINCIDE_TOL:g}: the same weighting after ERD's normalisation); verified otherwise.",
       decide=decide_unlike_snr)
def unlike_snr_weighting(ctx):
    from difftheory import other_systems

    snr = sp.Symbol("SNR", positive=True)
    vp = {erd_weights.alpha_s: sp.sqrt(snr / (1 + snr)), erd_weights.sigma_s: sp.sqrt(1 / (1 + snr))}
    p2 = other_systems.load().value("p2.weight")
    gamma_minsnr = float(other_systems.load().value("minsnr.weights:k"))
    S = np.logspace(-4, 4, 81)
    a, s = np.sqrt(S / (1 + S)), np.sqrt(1 / (1 + S))
    pairs, on_vp, eps_units = [], {}, {}
    for tg in erd_weights.ERD_TARGETS:
        w = erd_weights.erd_weight_symbolic(tg)
        on_vp[tg] = str(sp.simplify(w.subs(vp)))
        to_eps = (erd_weights.error_gain_symbolic(tg) / erd_weights.error_gain_symbolic("eps")) ** 2
        eps_units[tg] = str(sp.simplify((w * to_eps).subs(vp)))
        ours = erd_weights.erd_weight(tg, a, s)
        for name, kw in [("P2", {"k": float(p2["k"]), "p": float(g)}) for g in p2["gamma"]] + [("Min-SNR", {"gamma": gamma_minsnr})]:
            base = erd_weights.weight("p2" if name == "P2" else "min-snr", tg, a, s, **kw)
            r = ours / base
            label = f"{name} (" + ", ".join(f"{ {'p': 'γ'}.get(k, k)} = {v:g}" for k, v in kw.items()) + ")"
            pairs.append({"target": tg, "baseline": label, "ratio_spread": float(r.max() / r.min() - 1)})
    eps_p2 = sp.simplify((erd_weights.erd_weight_symbolic("eps") * (erd_weights.k_s + erd_weights.SNR_s) ** sp.Rational(1, 2))
                         .subs({erd_weights.k_s: 1}).subs(vp))
    return {"erd_on_vp": on_vp, "erd_in_eps_units_on_vp": eps_units, "pairs": pairs, "eps_over_p2_half": str(eps_p2),
            "p2_published": f"k = {p2['k']:g}, γ ∈ {{{', '.join(f'{g:g}' for g in p2['gamma'])}}}",
            "min_snr_gamma": gamma_minsnr, "snr_range": [float(S[0]), float(S[-1])]}


SHARE_TOL = 1e-6  # high-noise share of a normalised weight vs uniform's: midpoint sums on 4096 points, round-off ~1e-15


def decide_high_noise_mass(ev) -> Decision:
    eps = ev["targets"][ev["trained"]]
    shown = "; ".join(f"{k}: {v['share_high']:.3f} (weight high/low {v['mean_high_over_low']:.2f})"
                      for k, v in ev["targets"].items())
    where_weak = (f"The target's own weak-recoverability (Bayes-noise-dominated, α > σ for {ev['trained']} under Prop. E.1's "
                  f"Cov x0 = I) regime is λ > 0, the low-noise half, to which ERD gives {eps['share_low']:.3f} of the mass "
                  f"(uniform {eps['uniform_share_low']:.3f}): for ε, §3.4's mechanism acts at low noise.")
    head = (f"Share of the loss mass on the high-noise half (λ < 0, σ > α; t uniform on IDDPM's cosine schedule as in "
            f"App. G.1; uniform weighting {eps['uniform_share_high']:.3f}) under ERD normalised to mean 1: {shown}.")
    if eps["share_high_minus_uniform"] > SHARE_TOL:
        return Decision("refuted", f"{head} For {ev['trained']}, the target of every ImageNet run (Table 5), ERD moves "
                                   f"mass toward high noise (+{eps['share_high_minus_uniform']:.3f} of the total), where "
                                   f"§1/Fig. 1 and App. F.3 locate representation degradation; it reduces the mass of the "
                                   f"low-noise levels. {where_weak}")
    if eps["share_high_minus_uniform"] < -SHARE_TOL:
        return Decision("verified", f"{head} For {ev['trained']} ERD lowers the high-noise mass "
                                    f"({eps['share_high_minus_uniform']:+.3f} of the total). {where_weak}")
    return Decision("open", f"{head} For {ev['trained']} ERD leaves the high-noise mass unchanged.")


@claim("erd.sec3_4.high_noise_mass", paper="erd", where="§3.4 (ll. 329–333) vs §1 (ll. 27–34), Fig. 1, App. F.3; Table 5",
       statement="Applying w_y 'reduces optimization mass where the effective recoverable signal is weak' and so acts on "
                 "the representation degradation the paper locates at high noise (§1: the model's output 'collapses under "
                 "high noise'; Fig. 1; App. F.3) — for ε-prediction, the target every ImageNet run trains (Table 5).",
       method="numeric", equations=("§3.4",),
       assumptions=("App. G.1's configuration: IDDPM cosine schedule, t uniform; ERD normalised to mean 1 over t (§3.4)",
                    "high noise = σ > α (λ < 0)"),
       criteria=f"Midpoint sums over t ∈ (0, 1) (4096 points): share of the loss mass w̃(t) on λ < 0 for ERD (Eq. 110, "
                f"normalised) and for the uniform weighting. For the trained target ε: refuted iff ERD's share exceeds "
                f"uniform's by more than {SHARE_TOL:g} (ERD moves mass toward high noise); verified iff it is lower by "
                f"more than that; open otherwise.",
       decide=decide_high_noise_mass)
def high_noise_mass(ctx):
    a_t, s_t = symbolic_schedules()["iddpm-cosine"]
    ts = (np.arange(4096) + 0.5) / 4096
    f = sp.lambdify(_T, [a_t, s_t], "numpy")
    a, s = (np.asarray(v, float) for v in f(ts))
    high = s > a  # λ = log(α²/σ²) < 0
    out = {}
    for tg in erd_weights.ERD_TARGETS:
        w = erd_weights.erd_weight(tg, a, s)
        w = w / w.mean()
        share = float(w[high].sum() / w.sum())
        uni = float(high.mean())
        out[tg] = {"share_high": share, "uniform_share_high": uni, "share_high_minus_uniform": share - uni,
                   "share_low": 1 - share, "uniform_share_low": 1 - uni,
                   "mean_high_over_low": float(w[high].mean() / w[~high].mean())}
    return {"targets": out, "trained": "eps", "t_points": len(ts), "t_at_lambda_zero": float(ts[np.argmax(high)])}


CONSTANT_REL = 1e-6  # M_ε constant in λ: max/min − 1 below this (quadrature-free closed forms: round-off ~1e-12)
RISE_REL = 1e-9  # M_ε non-increasing in λ: no rise above this share of its maximum along increasing λ


def decide_elbo(ev) -> Decision:
    rows = ev["configurations"]
    elbo = {k: v for k, v in rows.items() if v["spread"] <= CONSTANT_REL}
    kg = {k: v for k, v in rows.items() if k not in elbo and v["largest_rise"] <= RISE_REL}
    trained = [k for k in ev["trained"] if k not in elbo and k not in kg]
    shown = "; ".join(f"{k}: M_ε max/min {v['spread'] + 1:.3g}, largest rise along λ {v['largest_rise']:.2f} of its "
                      f"max, peak at λ = {v['lambda_peak']:.2f}" for k, v in rows.items())
    if not trained:
        return Decision("verified", f"Every configuration the paper trains is an ELBO (M_ε constant: VDM) or a "
                                   f"monotone weighting (Kingma & Gao's noise-augmented ELBO): {shown}.")
    return Decision("refuted", f"Eq. (1) as trained is a weighted MSE, not an ELBO: for {', '.join(trained)} the allocation "
                               f"in ε-loss units, M_ε(λ) = w(λ)·p(λ)·(g_y/g_ε)², is neither constant in λ (VDM's ELBO) "
                               f"nor non-increasing in λ (the weighted losses Kingma & Gao show to be ELBOs of "
                               f"noise-augmented data): {shown}. Monotone: "
                               f"{', '.join(k for k in rows if k in kg) or 'none'}.")


@claim("erd.eq1.elbo", paper="erd", where="§2.1 Eq. (1); App. C Eq. (23); App. G.1 (IDDPM cosine, t uniform)",
       statement="Eq. (1) (= Eq. 23), ∫ M(λ)·½E‖f − y‖² dλ with M = w p |dt/dλ|, is the ELBO L_ELBO of the "
                 "continuous-time variational formulation [26, 25], for the weightings the paper trains.",
       method="numeric", equations=("Eq. (1)", "Eq. (23)", "App. G.1"),
       assumptions=("the paper's configuration: IDDPM cosine schedule (App. G.1), t uniform, weights w_y (Eq. 110) and "
                    "the uniform baseline; continuous time",
                    "VDM: −ELBO = ½∫‖ε̂ − ε‖² dλ + const; Kingma & Gao: ½∫ w(λ)‖ε̂ − ε‖² dλ is an ELBO of noise-augmented "
                    "data when w is non-increasing in λ"),
       criteria=f"Per configuration, M_ε(λ) = w_y(t(λ))·|dt/dλ|·(g_y/g_ε)² (the allocation on the ε-loss; g_y = ∂ŷ/∂x̂0) "
                f"on 999 points of t ∈ [0.001, 0.999]. An ELBO iff M_ε is constant (max/min − 1 ≤ {CONSTANT_REL:g}) or "
                f"non-increasing in λ (no rise above {RISE_REL:g} of its maximum). verified iff every trained "
                "configuration (ERD on ε, x0, v; the ε baseline) is one; refuted otherwise.",
       decide=decide_elbo)
def eq1_elbo(ctx):
    a_t, s_t = symbolic_schedules()["iddpm-cosine"]
    lam = sp.log(a_t**2 / s_t**2)
    f = sp.lambdify(_T, [a_t, s_t, lam, sp.diff(lam, _T)], "numpy")
    a, s, lv, dl = (np.asarray(v, float) for v in f(GRID_TS))
    p = 1 / np.abs(dl)  # t ~ U(0, 1): the density of λ is |dt/dλ|
    order = np.argsort(lv)
    rows = {}
    for name, tg in (("ERD, ε (Table 5)", "eps"), ("ERD, x0 (Fig. 6)", "x0"), ("ERD, v (Fig. 6)", "v"),
                     ("baseline w = 1, ε", "eps")):
        w = erd_weights.erd_weight(tg, a, s) if name.startswith("ERD") else np.ones_like(a)
        M = (w * p / erd_weights.space_ratio("eps", tg, a, s))[order]  # space_ratio = (g_ε/g_y)²
        rise = float(np.max(M - np.minimum.accumulate(M)) / M.max())
        rows[name] = {"spread": float(M.max() / M.min() - 1), "largest_rise": rise,
                      "lambda_peak": float(lv[order][int(np.argmax(M))])}
    return {"configurations": rows, "trained": list(rows), "schedule": "IDDPM cosine, s = " + f"{_iddpm_offset():g}",
            "t_range": [float(GRID_TS[0]), float(GRID_TS[-1])]}


SIGMA_MAX_TOL = 1e-12  # σ_max − 1 is derived exactly (SymPy limit); any nonzero difference is another limit law


def decide_limit_named(ev) -> Decision:
    own = ev["sigma_max"]
    off = [k for k, v in ev["sigma_max_minus_one"].items() if abs(v) > SIGMA_MAX_TOL]
    c = ev["counterexample"]
    if off:
        return Decision("refuted", f"The text's limit N(0, I) differs from Eq. (68)'s N(0, σ_max² I) for the paper's own "
                                   f"{', '.join(off)} (σ_max = {', '.join(f'{own[k]:g}' for k in off)}).")
    if c["w2_squared_per_dim"] > 0:
        return Decision("corrected", f"The proof (Eqs. 69–70) gives q_λ → N(0, σ_max² I); the lemma's text names N(0, I), "
                                     f"the same law only when σ_max = 1. That is so for every schedule of the paper "
                                     f"({', '.join(f'{k}: σ_max = {v:g}' for k, v in own.items())}), but not in the "
                                     f"generality the lemma assumes (any finite σ_max): {c['schedule']} has σ_max = "
                                     f"{c['sigma_max']:g}, and W2²(N(0, σ_max² I), N(0, I))/d = {c['w2_squared_per_dim']:g}. "
                                     "Corrected: 'converges weakly to N(0, σ_max² I)' (Eq. 68).")
    return Decision("verified", "The limit N(0, I) of the text and N(0, σ_max² I) of Eq. (68) agree for every admissible "
                                "schedule.")


@claim("erd.lemma_d1.limit_named", paper="erd", where="App. D, Lemma D.1 (text vs Eq. 68)",
       statement="As λ → −∞ the input law q_λ converges weakly to the pure isotropic Gaussian N(0, I) (Lemma D.1's "
                 "text; the schedule is assumed to have a finite terminal noise level σ_max).",
       method="symbolic", equations=("Lemma D.1", "Eq. (68)", "Eq. (70)"),
       assumptions=("α(λ) → 0 and σ(λ) → σ_max < ∞ as λ → −∞ (the lemma's assumption)",),
       criteria="σ_max = lim σ as λ → −∞ (the schedule extended, as the lemma says) by SymPy for the paper's schedules, "
                "and W2²(N(0, σ_max² I), N(0, I)) = d(σ_max − 1)² for a schedule the lemma admits with σ_max = 2 "
                "(α = 1 − t, σ = 2t). refuted iff a schedule of the paper has σ_max ≠ 1; corrected iff none has but an "
                "admissible one does (the text's N(0, I) is then wrong in the stated generality; Eq. 68 holds); "
                "verified iff no admissible schedule has σ_max ≠ 1.",
       decide=decide_limit_named)
def lemma_d1_limit_named(ctx):
    sched = symbolic_schedules()
    sig, diff1 = {}, {}
    for name, (a, s) in sched.items():
        end = sp.oo if name == "vp" else 1  # VP is extended beyond t = 1 (α → 0 only as t → ∞)
        lim = sp.limit(s, _T, end, "-") if end == 1 else sp.limit(s, _T, end)
        sig[name], diff1[name] = float(lim), float(sp.simplify(lim - 1))
    smax = 2.0  # α = 1 − t, σ = 2t: α → 0 at t = 1 with a finite σ_max
    return {"sigma_max": sig, "sigma_max_minus_one": diff1, "counterexample": {"schedule": "α = 1 − t, σ = 2t", "sigma_max": smax,
                                                 "w2_squared_per_dim": (smax - 1) ** 2}}


MODE_BOUND_TOL = 1e-9  # Eq. (102) is a closed-form bound: measured/bound > 1 + 1e-9 would be a violation (round-off ~1e-14)


def decide_no_decay_proved(ev) -> Decision:
    if ev["max_ratio"] > 1 + MODE_BOUND_TOL:
        return Decision("error", f"Thm D.4's mode bound (Eq. 102) fails on our synthetic kernel (measured/bound "
                                 f"{ev['max_ratio']:.6g}), which erd.thm3_8.mode_bound verifies on the toy: a bug here.")
    if ev["kappa_rise_high_over_low"] > 1:
        return Decision("refuted", f"Thm D.4 holds whatever the spectrum does across noise levels: on a fixed-noise "
                                   f"surrogate whose eigenvalues rise with the noise level (κ_j at the highest level "
                                   f"{ev['kappa_rise_high_over_low']:g}× those at the lowest; {ev['modes']} modes, "
                                   f"{ev['levels']} levels, γ ∈ {ev['gammas']}), every mode obeys Eq. (102) at every "
                                   f"interval end (max measured/bound {ev['max_ratio']:.4f}). Its hypotheses and "
                                   "conclusion hold without any spectral decay, so it cannot prove one: the theorem takes "
                                   "κ_j as given and says small κ_j would contract weakly; whether κ_j decays at high noise "
                                   "is the empirical question of Fig. 10 (erd.fig10.eigen_decay).")
    return Decision("verified", "The bound holds only when the spectrum decays with noise.")


@claim("erd.thmD4.no_decay_proved", paper="erd", where="App. F.3 (l. 1401), F.4 (ll. 1417, 1437, 1449–1450); §1 "
                                                     "contributions; Thm D.4",
       statement="In Theorem D.4 we theoretically proved that under the fixed-noise surrogate the shared-parameter "
                 "architecture suffers from a spectral decay (App. F.3); the spectral analysis is its 'mathematical "
                 "confirmation'.",
       method="numeric", equations=("Thm D.4", "Eq. (10)", "Eq. (102)", "App. F.3", "App. F.4"),
       assumptions=("Thm D.4's hypotheses: fixed-noise surrogate, frozen kernel with eigenvalues κ_j ≥ 0, γ > 0",),
       criteria="A countermodel: a fixed-noise surrogate (per mode da_j/dτ = −M κ_j a_j + η_j, piecewise-constant "
                "random forcing, exact solution) at several noise levels whose eigenvalues rise with noise. refuted iff "
                f"Eq. (102) holds there at every interval end, level, mode and γ (measured/bound ≤ 1 + {MODE_BOUND_TOL:g}): "
                "the theorem's hypotheses and conclusion hold without spectral decay, so it does not establish one; "
                "verified iff it fails whenever the spectrum does not decay; error if it fails here (our bug: "
                "erd.thm3_8.mode_bound verifies it on the toy).",
       decide=decide_no_decay_proved)
def thmD4_no_decay_proved(ctx):
    rng = np.random.default_rng(ctx.seed + 4)
    J, L, K, h, M = 8, 5, 200, 0.05, 1.0
    kappa0 = np.sort(rng.uniform(0.05, 2.0, J))[::-1]
    gammas = (0.1, 1.0, 10.0)
    worst = 0.0
    for level in range(L):
        kappa = kappa0 * (1 + level)  # rises with the noise level: no spectral decay
        a0 = rng.standard_normal(J)
        eta = rng.standard_normal((K, J)) * rng.uniform(0.2, 2.0, J)
        c = M * kappa
        for g in gammas:
            a, transient, forcing = a0.copy(), a0**2, np.zeros(J)
            rate = 2 * c - g
            for k in range(K):
                decay = np.exp(-c * h)
                a = a * decay + eta[k] * (1 - decay) / c  # exact for da/dτ = −c a + η on one step
                # exact ∫ over the step of e^{−rate(T−s)} η² ds, carried forward by e^{−rate h}
                step = np.where(np.abs(rate) > 1e-12, (1 - np.exp(-rate * h)) / np.where(rate == 0, 1, rate), h)
                forcing = forcing * np.exp(-rate * h) + eta[k] ** 2 * step
                transient = transient * np.exp(-rate * h)
                worst = max(worst, float(np.max(a**2 / (transient + forcing / g))))
    return {"max_ratio": worst, "modes": J, "levels": L, "gammas": list(gammas),
            "kappa_rise_high_over_low": float(L), "steps": K, "step": h}


# ----------------------------------------------------------------------------- referee pass 3 (audit/erd/pass3)
IDENTITY_TOL = 1e-8  # two adaptive quadratures of the same integral (t- and λ-variables) agree to ~1e-10
P_CONST_REL = 1e-6  # the λ-density is constant iff max/min − 1 stays below this (closed forms: round-off ~1e-12)
SAMPLER_TS = np.linspace(0.02, 0.98, 97)  # App. F's evaluation range; the endpoints (λ = ±∞) excluded


def decide_sampling_measure(ev) -> Decision:
    rows = ev["configurations"]
    if ev["identity_rel_err"] > IDENTITY_TOL:
        return Decision("error", f"Our change of variables E_t[M g] = ∫ p_λ M g dλ misses by {ev['identity_rel_err']:.1e} "
                                 f"relative (limit {IDENTITY_TOL:g}): our quadrature is off.")
    shown = "; ".join(f"{k}: p_λ = |dt/dλ| max/min {v['p_spread'] + 1:.3g}" for k, v in rows.items())
    varying = [k for k, v in rows.items() if v["p_spread"] > P_CONST_REL]
    head = (f"Eq. (40) samples λ^(k) with density p_λ (t uniform: p_λ = |dt/dλ|) and weights the sampled loss Eq. (35) by "
            f"M(λ) = w p |dt/dλ|, so the mean SGD drift (and Eq. 41's) is the gradient of ∫ p_λ(λ) ℓ(λ) dλ, not of "
            f"L_ELBO = ∫ ℓ(λ) dλ (Eq. 25): the sampler enters twice. Quadrature check of E_t[M g] = ∫ p_λ M g dλ: "
            f"{ev['identity_rel_err']:.1e} relative. {shown}.")
    if varying:
        return Decision("corrected", f"{head} The extra factor p_λ is not constant for {', '.join(varying)}, so the "
                                     f"surrogate's allocation is p_λ·M, not M. Corrected: the sampled loss must carry "
                                     f"M(λ)/p_λ(λ) (= w when p in M is the density of the sampled t), which "
                                     f"makes the drift ∇L_ELBO exactly; the identities of Thms C.4–D.4 hold relative to "
                                     f"Eq. (41) for whichever M is used.")
    return Decision("verified", f"{head} p_λ is constant in every configuration, so the double count is a constant factor.")


@claim("erd.lemma_c3.sampling_measure", paper="erd", where="App. C Eq. (23), Lemma C.2 Eq. (35), Lemma C.3 Eqs. (40)–(41)",
       statement="SGD with the sampled triple (x0, ε, λ) ~ q × N × p and the sampled loss ½M(λ)‖f − y‖² (Eq. 35, "
                 "M = w p |dt/dλ|) is a stochastic gradient of L_ELBO = ∫ ℓ(λ) dλ (Eq. 25), whose surrogate is Eq. (41).",
       method="numeric", equations=("Lemma C.3", "Eq. (23)", "Eq. (35)"),
       assumptions=("λ^(k) drawn from the paper's sampler: t ~ U(0, 1) on App. F.1's schedules and App. G.1's IDDPM "
                    "cosine (so the λ-density is p_λ = |dt/dλ|)",),
       criteria=f"p_λ = |dt/dλ| on 97 points of t ∈ [0.02, 0.98] per schedule (SymPy derivative). The mean drift of Eq. "
                f"(40) is ∇∫p_λ ℓ dλ; verified iff p_λ is constant (max/min − 1 ≤ {P_CONST_REL:g}) for every schedule "
                f"(then p enters only as a constant factor); corrected otherwise (exact fix: per-sample weight M/p_λ); "
                f"error iff our change of variables E_t[M g] = ∫ p_λ M g dλ (two quadratures) misses by > {IDENTITY_TOL:g}.",
       decide=decide_sampling_measure)
def lemma_c3_sampling_measure(ctx):
    rows = {}
    for name, (a_t, s_t) in symbolic_schedules().items():
        dl = sp.lambdify(_T, sp.diff(sp.log(a_t**2 / s_t**2), _T), "numpy")
        p = 1 / np.abs(np.asarray(dl(SAMPLER_TS), float))
        rows[name] = {"p_spread": float(p.max() / p.min() - 1)}
    # twin: E_{t~U}[M(λ_t) g(λ_t)] (quadrature in t) = ∫ p_λ M g dλ (quadrature in λ) on GVP, M = w_ε = σ, g = λ²
    from scipy import integrate

    lam_of_t = lambda t: 2 * np.log(1 / np.tan(np.pi * t / 2))  # noqa: E731  GVP: λ(t) = 2 log cot(πt/2)
    lhs = integrate.quad(lambda t: np.sin(np.pi * t / 2) * lam_of_t(t) ** 2, 0, 1, limit=400)[0]

    def f(lam):  # t(λ) = (2/π) atan(e^{−λ/2}), p_λ = |dt/dλ| = e^{−λ/2}/(π(1 + e^{−λ}))
        tt = 2 / np.pi * np.arctan(np.exp(-lam / 2))
        return np.exp(-lam / 2) / (np.pi * (1 + np.exp(-lam))) * np.sin(np.pi * tt / 2) * lam**2
    rhs = integrate.quad(f, -200, 200, limit=400, points=[0.0])[0]
    return {"configurations": rows, "identity_rel_err": abs(lhs - rhs) / abs(rhs), "t_range": [0.02, 0.98]}


RATIO_CONST_REL = 1e-9  # a ratio of closed forms is λ-free iff max/min − 1 stays at round-off (~1e-15)
LAMBDA_GRID = np.linspace(-10.0, 10.0, 201)


def _alpha_sigma_at(schedule: str, lam):
    """(α, σ) at log-SNR λ for the paper's schedule families and VE (α = 1, σ = e^{−λ/2})."""
    r = np.exp(-lam / 2)  # σ/α
    if schedule in ("vp", "gvp", "iddpm-cosine"):  # α² + σ² = 1
        a = 1 / np.sqrt(1 + r**2)
        return a, r * a
    if schedule == "linear":  # α + σ = 1
        a = 1 / (1 + r)
        return a, r * a
    if schedule == "ve":
        return np.ones_like(r), r
    raise ValueError(f"schedule must be one of vp, gvp, iddpm-cosine, linear, ve; got {schedule!r}")


def decide_wy_schedule(ev) -> Decision:
    shown = "; ".join(f"{k}: max/min {v['spread'] + 1:.3g} (ratio at λ = −10, 0, 10: {v['at'][0]:.3g}, {v['at'][1]:.3g}, "
                      f"{v['at'][2]:.3g})" for k, v in ev["pairs"].items())
    dep = [k for k, v in ev["pairs"].items() if v["spread"] > RATIO_CONST_REL]
    if dep:
        return Decision("refuted", f"Ratio of the ERD weights of two schedules at the same λ, λ ∈ [−10, 10]: {shown}. "
                                   f"w_y depends on the schedule family, not on λ alone ({', '.join(dep)}), although the "
                                   f"posterior of x0 given z_λ is the same up to the input's scale; after ERD's "
                                   f"normalisation the weights still differ in shape.")
    return Decision("verified", f"At equal λ the weights differ only by a constant: {shown}.")


@claim("erd.beyond.wy_schedule_dependence", paper="erd", where="§3.4 Eq. (11) (w_y(λ)); App. E Eq. (110)",
       statement="(beyond the paper) The recoverability score is a function of the noise level λ: w_y(λ) of two "
                 "schedules with the same log-SNR agree up to a constant factor.",
       method="numeric", equations=("Eq. (11)",),
       assumptions=("ERD-ε weight w = σ (Eq. 110); schedules compared at equal λ: VP/GVP/IDDPM (α² + σ² = 1), linear "
                    "(α + σ = 1), VE (α = 1)",),
       criteria=f"Ratio w_ε(schedule)/w_ε(VP) at equal λ on 201 points of λ ∈ [−10, 10]; verified iff every ratio is "
                f"constant (max/min − 1 ≤ {RATIO_CONST_REL:g}); refuted otherwise.",
       decide=decide_wy_schedule)
def wy_schedule_dependence(ctx):
    out = {}
    w_vp = erd_weights.erd_weight("eps", *_alpha_sigma_at("vp", LAMBDA_GRID))
    for sc in ("gvp", "linear", "ve"):
        ratio = erd_weights.erd_weight("eps", *_alpha_sigma_at(sc, LAMBDA_GRID)) / w_vp
        out[f"{sc}/vp"] = {"spread": float(ratio.max() / ratio.min() - 1),
                           "at": [float(ratio[0]), float(ratio[100]), float(ratio[-1])]}
    return {"pairs": out, "lambda_range": [-10.0, 10.0]}


SHARE_INVARIANT_TOL = 1e-12  # the ratio of two norms that both scale with M: relative round-off ~1e-16


def decide_noise_share_invariant(ev) -> Decision:
    if ev["max_rel_change"] > SHARE_INVARIANT_TOL or ev["symbolic_dratio_dM"] != "0":
        return Decision("refuted", f"Rescaling M(λ) changes the ratio ‖ξ-term‖/‖r-term‖ of Eq. (9) by "
                                   f"{ev['max_rel_change']:.2g} relative (d ratio/dM = {ev['symbolic_dratio_dM']}).")
    return Decision("verified", f"Both terms of Eq. (9) carry the same factor M(λ): d(‖M A ξ‖/‖M A r‖)/dM = "
                                f"{ev['symbolic_dratio_dM']} (SymPy), and on {ev['draws']} random (A, r, ξ) with M ∈ "
                                f"{ev['Ms']} the ratio changes by ≤ {ev['max_rel_change']:.1e} (ratios "
                                f"{ev['ratio_range'][0]:.3g}–{ev['ratio_range'][1]:.3g}). A loss weighting (ERD included) "
                                f"cannot change the per-sample contamination at a level; it only moves gradient mass "
                                f"across levels.")


@claim("erd.beyond.weight_noise_share_invariant", paper="erd", where="§3.3 Prop. 3.7, Eq. (9); §3.4 (ERD's purpose)",
       statement="(beyond the paper) Rescaling the allocation M(λ) multiplies the recoverable term and the Bayes-noise "
                 "term of Eq. (9) by the same factor, so a loss weighting such as ERD cannot change the per-sample "
                 "contamination ratio ‖ξ-term‖/‖r-term‖ at a level.",
       method="symbolic", equations=("Eq. (9)", "Prop. D.3"),
       assumptions=("Eq. (9) = Eq. (77): ∇_ϑℓ̂ = M(∇_ϑh)ᵀWᵀr + M(∇_ϑh)ᵀWᵀξ",),
       criteria=f"SymPy derivative of ‖M A ξ‖/‖M A r‖ in M (M > 0) and a float64 check on random (A, r, ξ); verified "
                f"iff the derivative is 0 and the float ratio moves by ≤ {SHARE_INVARIANT_TOL:g} relative; refuted "
                f"otherwise.",
       decide=decide_noise_share_invariant)
def weight_noise_share_invariant(ctx):
    M, nx, nr = sp.symbols("M n_xi n_r", positive=True)  # ‖M A ξ‖ = M n_ξ for M > 0
    d = sp.simplify(sp.diff((M * nx) / (M * nr), M))
    rng = np.random.default_rng(ctx.seed + 5)
    worst, lo, hi = 0.0, np.inf, 0.0
    Ms = (0.01, 1.0, 37.0)
    for _ in range(50):
        A = rng.standard_normal((40, 2))
        r, xi = rng.standard_normal(2) * 0.1, rng.standard_normal(2)
        ratios = [np.linalg.norm(m * A @ xi) / np.linalg.norm(m * A @ r) for m in Ms]
        worst = max(worst, max(abs(x / ratios[1] - 1) for x in ratios))
        lo, hi = min(lo, ratios[1]), max(hi, ratios[1])
    return {"symbolic_dratio_dM": str(d), "max_rel_change": float(worst), "draws": 50, "Ms": list(Ms),
            "ratio_range": [float(lo), float(hi)]}


RATE_TOL = 1e-12  # SymPy limits are exact; a nonzero tolerance only absorbs float conversion


def decide_lemma_d1_rate(ev) -> Decision:
    shown = "; ".join(f"{k}: bound·e^{{−λ}} → {v['limit']} (at λ = −8: {v['at_minus8']:.4g}; (σ_max − σ)/α² → "
                      f"{v['gap_over_alpha2']})" for k, v in ev["schedules"].items())
    finite = all(v["limit_finite"] for v in ev["schedules"].values())
    if finite:
        return Decision("verified", f"W2² bound of Eq. (69) as λ → −∞, E‖x0‖² = m2, dimension d: {shown}. The bound "
                                    f"decays like e^λ (= SNR) on every schedule of the paper.")
    return Decision("refuted", f"The bound does not decay like e^λ on every schedule: {shown}.")


@claim("erd.beyond.lemma_d1_rate", paper="erd", where="App. D, Lemma D.1, Eqs. (69)–(70)",
       statement="(beyond the paper) Lemma D.1's coupling bound α²E‖x0‖² + (σ − σ_max)²d vanishes like e^λ (the SNR) "
                 "as λ → −∞ on the paper's schedules (σ_max − σ = O(α²) on VP-type schedules).",
       method="symbolic", equations=("Lemma D.1",),
       assumptions=("σ_max = 1 (every schedule of the paper, erd.lemma_d1.limit_named)",),
       criteria="SymPy limit of bound·e^{−λ} as λ → −∞ per schedule family (VP/GVP/IDDPM: α² + σ² = 1; linear: "
                "α + σ = 1); verified iff every limit is finite; refuted otherwise.",
       decide=decide_lemma_d1_rate)
def lemma_d1_rate(ctx):
    lam = sp.Symbol("lambda", real=True)
    m2, d = sp.symbols("m2 d", positive=True)
    r = sp.exp(-lam / 2)
    fams = {"vp": (1 / sp.sqrt(1 + r**2), r / sp.sqrt(1 + r**2)), "linear": (1 / (1 + r), r / (1 + r))}
    out = {}
    for k, (a, s) in fams.items():
        bound = a**2 * m2 + (s - 1) ** 2 * d
        lim = sp.simplify(sp.limit(bound * sp.exp(-lam), lam, -sp.oo))
        gap = sp.limit((1 - s) / a**2, lam, -sp.oo)
        at = float((bound * sp.exp(-lam)).subs({lam: -8, m2: 8.18, d: 2}))  # m2 of App. F's GMM (2 × 4.09), d = 2
        out[k] = {"limit": str(lim), "limit_finite": bool(lim.is_finite), "gap_over_alpha2": str(gap), "at_minus8": at}
    return {"schedules": out}


ADAM_SAME_TOL = 1e-12  # float64 Adam vs AdamW(weight_decay=0): the same arithmetic, differences at round-off only


def decide_adam_adamw(ev) -> Decision:
    head = (f"§4.1/§4.2 say 'Adam', App. G.1 and Table 5 'AdamW … without weight decay': on a random least-squares "
            f"problem ({ev['steps']} steps, lr {ev['lr']:g}, betas {ev['betas']}, float64) torch's Adam and AdamW with "
            f"weight_decay = 0 end {ev['max_abs_diff']:.1e} apart (with AdamW's default weight_decay "
            f"{ev['default_wd']:g}: {ev['max_abs_diff_default_wd']:.1e})")
    if ev["max_abs_diff"] <= ADAM_SAME_TOL:
        return Decision("verified", f"{head}: the two names describe the same optimiser.")
    return Decision("refuted", f"{head}: they differ.")


@claim("erd.tables.adam_is_adamw", paper="erd", where="§4.1 ('Adam'), §4.2; App. G.1 and Table 5 ('AdamW … without "
       "weight decay')", statement="The optimiser named 'Adam' in §4.1–4.2 and 'AdamW without weight decay' in App. G.1 "
       "/ Table 5 is one optimiser.", method="numeric", equations=("App. G.1",),
       assumptions=("AdamW = Adam with decoupled weight decay (Loshchilov & Hutter); torch.optim implementations",),
       criteria=f"Same start, same gradients: verified iff Adam and AdamW(weight_decay = 0) parameters agree to "
                f"{ADAM_SAME_TOL:g} after 50 steps; refuted otherwise.",
       decide=decide_adam_adamw)
def adam_is_adamw(ctx):
    import torch

    g = torch.Generator().manual_seed(ctx.seed + 6)
    A, b = torch.randn(32, 8, generator=g, dtype=torch.float64), torch.randn(32, generator=g, dtype=torch.float64)
    x0 = torch.randn(8, generator=g, dtype=torch.float64)
    lr, betas, steps = 1e-2, (0.9, 0.999), 50

    def run(opt_cls, **kw):
        x = x0.clone().requires_grad_(True)
        opt = opt_cls([x], lr=lr, betas=betas, **kw)
        for _ in range(steps):
            opt.zero_grad()
            ((A @ x - b) ** 2).mean().backward()
            opt.step()
        return x.detach()
    adam, adamw0, adamw_def = run(torch.optim.Adam), run(torch.optim.AdamW, weight_decay=0.0), run(torch.optim.AdamW)
    return {"max_abs_diff": float((adam - adamw0).abs().max()), "max_abs_diff_default_wd": float((adam - adamw_def).abs().max()),
            "default_wd": float(torch.optim.AdamW([torch.zeros(1, requires_grad=True)]).defaults["weight_decay"]),
            "steps": steps, "lr": lr, "betas": list(betas)}
