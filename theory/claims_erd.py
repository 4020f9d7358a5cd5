"""Claims of the erd paper that are settled by derivation: Prop. E.1 (effective-amplitude weight, Eqs. 107–111),
the baseline weights in every target space (Min-SNR-γ, P2, EDM), Lemma C.1 (Bayes decomposition) and the
coupling bound of Lemma D.1. The toy-world and NTK claims live in ``toy/claims_erd_toy.py``."""

from __future__ import annotations

import numpy as np
import sympy as sp

from difftheory.ledger import Result, claim
from difftheory.theory import erd_bayes as eb
from difftheory.theory import erd_weights as ew

_PROBES = ((0.9, 0.3), (0.6, 0.8), (0.5, 0.5), (0.2, 1.1), (1.3, 0.05))  # (α, σ), VP and non-VP points


def _rel(a, b):
    return float(abs(a - b) / max(abs(b), 1e-300))


@claim("erd.prop_e1.eq110", paper="erd", where="App. E, Prop. E.1, Eqs. (109)–(110), (114)–(119)",
       statement="For y = c_x x0 + c_ε ε with x0 ⟂ ε, E x0 = 0, Cov x0 = I, ε ~ N(0, I): "
                 "w_y = sqrt(E‖c_x α x0 + c_ε σ ε‖²/d) = sqrt((c_x α)² + (c_ε σ)²).",
       method="symbolic")
def prop_e1_eq110(ctx):
    cx, ce = sp.symbols("c_x c_epsilon", real=True)
    x, e = sp.symbols("x_i epsilon_i", real=True)
    derived = sp.sqrt(ew.expect_independent((cx * ew.alpha_s * x + ce * ew.sigma_s * e) ** 2,
                                            {x: {1: 0, 2: 1}, e: {1: 0, 2: 1}}))
    printed = sp.sqrt((cx * ew.alpha_s) ** 2 + (ce * ew.sigma_s) ** 2)
    diff = sp.simplify(derived - printed)
    # numeric: Monte-Carlo with a non-Gaussian x0 (Rademacher, mean 0, variance 1) in d = 8
    rng = np.random.default_rng(ctx.seed)
    n, d = 200_000, 8
    x0 = rng.choice([-1.0, 1.0], size=(n, d))
    eps = rng.standard_normal((n, d))
    mc = {}
    for (a, s), (c1, c2) in zip(_PROBES, ((1.0, 0.0), (0.0, 1.0), (-1.0, 1.0), (-1.1, 0.2), (0.7, -2.0))):
        est = np.sqrt(np.mean(((c1 * a * x0 + c2 * s * eps) ** 2).sum(1)) / d)
        mc[f"a={a},s={s},cx={c1},ce={c2}"] = [float(est), float(np.sqrt((c1 * a) ** 2 + (c2 * s) ** 2))]
    worst = max(_rel(v[0], v[1]) for v in mc.values())
    ok = diff == 0 and worst < 0.01
    return Result("verified" if ok else "refuted",
                  f"Derived from the definition (per-coordinate moments, independence): w_y² = {sp.factor(derived**2)}; "
                  f"equals Eq. (110). Monte-Carlo with non-Gaussian (Rademacher) x0 agrees to {worst:.1e} relative.",
                  {"derived": str(derived), "printed_minus_derived": str(diff), "monte_carlo_vs_formula": mc,
                   "mc_worst_rel": worst})


@claim("erd.prop_e1.eq111", paper="erd", where="App. E, Prop. E.1, Eq. (111)",
       statement="Canonical targets: w ∝ α (x0), σ (ε), sqrt(α² + σ²) (u = ε − x0), ασ (v = αε − σx0), "
                 "up to a common normalization factor.",
       method="symbolic")
def prop_e1_eq111(ctx):
    ev, ratios = {}, {}
    for t in ew.TARGETS:
        derived = ew.erd_weight_symbolic(t)
        ratio = sp.simplify(derived / ew.ERD_PRINTED[t])
        ratios[t] = ratio
        num = [float(ew.erd_weight(t, a, s)) for a, s in _PROBES]
        sym = [float(derived.subs({ew.alpha_s: a, ew.sigma_s: s})) for a, s in _PROBES]
        ev[t] = {"derived": str(derived), "printed": str(ew.ERD_PRINTED[t]), "derived_over_printed": str(ratio),
                 "numeric_twin_max_rel_err": max(_rel(u, v) for u, v in zip(num, sym))}
    common = len(set(ratios.values())) == 1
    twin_ok = all(v["numeric_twin_max_rel_err"] < 1e-12 for v in ev.values())
    if common and twin_ok:
        return Result("verified", "Eq. (111) follows from Eq. (110) with one common constant.", ev)
    bad = [t for t in ew.TARGETS if ratios[t] != 1]
    return Result(
        "corrected" if twin_ok else "refuted",
        "Exact weights from Eq. (110): w_x0 = α, w_ε = σ, w_u = sqrt(α² + σ²), w_v = √2·α·σ "
        f"(v = αε − σx0 has c_x = −σ, c_ε = α, so w_v² = σ²α² + α²σ²). The printed ασ for v is off by √2 relative to "
        f"the other three (ratios derived/printed: {', '.join(f'{t}: {ratios[t]}' for t in ew.TARGETS)}), so Eq. (111) "
        f"does not hold 'up to a common normalization factor' for {', '.join(bad)}. Harmless in training: ERD "
        "normalizes each target's weight separately, which removes any per-target constant.", ev)


@claim("erd.prop_e1.unit_covariance", paper="erd", where="App. E, Prop. E.1 assumptions; App. F data",
       statement="(beyond the paper) Eq. (110) needs Cov x0 = I; for Cov x0 = σ_d² I the same definition gives "
                 "w_y = sqrt((c_x α σ_d)² + (c_ε σ)²).",
       method="symbolic")
def prop_e1_unit_covariance(ctx):
    sd = sp.Symbol("sigma_d", positive=True)
    ev = {}
    ok = True
    for t in ew.TARGETS:
        derived = ew.erd_weight_symbolic(t, var_x0=sd**2)
        cx, ce = ew.target_coefficients(t, ew.alpha_s, ew.sigma_s)
        general = sp.sqrt((cx * ew.alpha_s * sd) ** 2 + (ce * ew.sigma_s) ** 2)
        ok &= sp.simplify(derived - general) == 0
        ev[t] = str(derived)
    # erd App. F's GMM: per-coordinate second moment of x0
    sd2 = 2.0**2 + 0.3**2  # per coordinate: component means ±2 (equal weights), component sd 0.3
    ev["appF_sigma_d_squared"] = sd2
    ev["appF_x0_weight_ratio_to_eq110"] = float(np.sqrt(sd2))
    return Result("verified" if ok else "refuted",
                  f"With E x_i² = σ_d² the definition gives w_y = sqrt((c_x α σ_d)² + (c_ε σ)²); erd App. F's GMM has "
                  f"σ_d² = {sd2:g} (not whitened), so there Eq. (110) under-weights the x0-channel by "
                  f"√{sd2:g} = {np.sqrt(sd2):.3f} relative to its own definition. (The toy comparison uses Eq. (110) as "
                  "the paper prescribes it.)", ev)


@claim("erd.baselines.target_spaces", paper="erd", where="§4.3 / Fig. 6 baselines; Hang et al. 2023, Choi et al. 2022, "
                                                      "Karras et al. 2022",
       statement="Min-SNR-γ (x0-space min(SNR, γ)), P2 (ε-space 1/(k + SNR)^p) and EDM ((σ_e² + σ_d²)/(σ_e σ_d)², σ_e = σ/α) "
                 "expressed in every target space by w_y = w_S (g_S/g_y)², g_y = ∂ŷ/∂x̂0 at fixed z.",
       method="symbolic")
def baselines_target_spaces(ctx):
    ev, worst = {}, 0.0
    params = {ew.gamma_s: 5, ew.k_s: 1, ew.p_s: 1, ew.sigma_data_s: sp.Rational(1, 2)}
    for name in ("min-snr", "p2", "edm"):
        for t in ew.TARGETS:
            expr = ew.weight_symbolic(name, t)
            sym = [float(expr.subs(params).subs({ew.alpha_s: a, ew.sigma_s: s})) for a, s in _PROBES]
            num = [float(ew.weight(name, t, a, s, gamma=5, k=1, p=1, sigma_data=0.5)) for a, s in _PROBES]
            err = max(_rel(u, v) for u, v in zip(num, sym))
            worst = max(worst, err)
            ev[f"{name}/{t}"] = {"formula": str(expr), "twin_max_rel_err": err}
    # consistency: a weight moved S → y → S comes back (the gains compose)
    back = sp.simplify((ew.error_gain_symbolic("v") / ew.error_gain_symbolic("u")) ** 2
                       * (ew.error_gain_symbolic("u") / ew.error_gain_symbolic("v")) ** 2)
    ok = worst < 1e-10 and back == 1
    return Result("verified" if ok else "refuted",
                  "Every target is affine in x0 given z, so a weight defined on one space moves to another by the squared "
                  "ratio of error gains g_y = (c_x σ − c_ε α)/σ (derived by solving z = αx0 + σε). E.g. Min-SNR: "
                  "ε: σ²min(SNR,γ)/α², v: σ²min(SNR,γ)/(α²+σ²)², u: σ²min(SNR,γ)/(α+σ)²; P2 (k=p=1): x0: α²/(α²+σ²); "
                  f"EDM: ε: 1 + σ²/(α²σ_d²). NumPy twins match SymPy to {worst:.1e}.", ev)


@claim("erd.baselines.min_snr_v", paper="erd", where="§4.3 Min-SNR baseline for v-prediction (Hang et al. 2023)",
       statement="Min-SNR-γ for v-prediction is min(SNR, γ)/(SNR + 1).",
       method="symbolic")
def baselines_min_snr_v(ctx):
    derived = ew.weight_symbolic("min-snr", "v")
    snr = ew.SNR_s
    printed = sp.Min(snr, ew.gamma_s) / (snr + 1)
    eps_form = sp.Min(snr, ew.gamma_s) / snr  # the ε-prediction weight, a common mistake for v
    ratio_printed = sp.simplify(derived / printed)
    ratio_eps_form = sp.simplify(eps_form / derived)
    vp = {ew.sigma_s: sp.sqrt(1 - ew.alpha_s**2)}
    on_vp = sp.simplify(ratio_printed.subs(vp))
    lin = {ew.alpha_s: sp.Rational(1, 2), ew.sigma_s: sp.Rational(1, 2)}  # linear schedule at its midpoint
    ev = {"derived_v_weight": str(derived), "derived_over_printed": str(ratio_printed),
          "derived_over_printed_on_VP": str(on_vp), "eps_form_over_derived": str(ratio_eps_form),
          "eps_form_over_derived_on_VP": str(sp.simplify(ratio_eps_form.subs(vp))),
          "linear_t0.5_derived_over_printed": float(ratio_printed.subs(lin)),
          "linear_t0.5_eps_form_over_derived": float(ratio_eps_form.subs(lin))}
    ok = on_vp == 1
    return Result("verified" if ok else "refuted",
                  f"Derived v-space Min-SNR weight: {derived}. It equals min(SNR,γ)/(SNR+1) exactly when α² + σ² = 1 "
                  f"(VP/cosine schedules, as in Hang et al. and erd's experiments); on a non-VP schedule the printed form is "
                  f"off by (α²+σ²) (linear schedule, t = 0.5: factor {float(ratio_printed.subs(lin)):g}). Using the "
                  f"ε-form min(SNR,γ)/SNR for v over-weights by {ratio_eps_form} (= 1/α² = (SNR+1)/SNR on VP), i.e. it "
                  "is not Min-SNR at all at high noise.", ev)


@claim("erd.lemma_c1.symbolic", paper="erd", where="App. C, Lemma C.1, Eqs. (28)–(34)",
       statement="ℓ = ℓ* + ℓ̃: the local weighted loss splits exactly into the Bayes floor and the excess; the cross "
                 "term vanishes because E[ξ | z] = 0.",
       method="symbolic")
def lemma_c1_symbolic(ctx):
    res = eb.bayes_decomposition_symbolic(2, 3)
    ok = res["cross_term"] == 0 and res["residual"] == 0
    return Result("verified" if ok else "refuted",
                  "Derived on a general finite joint law of (z, y) (2 × 3 symbolic pmf, arbitrary predictor r): "
                  "with f* = E[y | z] computed from the pmf, the cross term E⟨r − f*, f* − y⟩ and "
                  "½M E(r−y)² − ½M E(f*−y)² − ½M E(r−f*)² both simplify to 0 (per output coordinate, hence for vectors).",
                  {k: str(v) for k, v in res.items()})


@claim("erd.lemma_d1.coupling_bound", paper="erd", where="App. D, Lemma D.1, Eq. (69)",
       statement="Under the shared-ε coupling, E‖(αx0 + σε) − σ_max ε‖² = α² E‖x0‖² + (σ − σ_max)² d.",
       method="symbolic")
def lemma_d1_coupling(ctx):
    derived = eb.w2_coupling_bound_symbolic()
    printed = eb.a_s**2 * eb.m2_s + (eb.s_s - eb.smax_s) ** 2 * eb.d_s
    diff = sp.simplify(derived - printed)
    return Result("verified" if diff == 0 else "refuted",
                  "Derived from the model (independent coordinates, E ε = 0, E ε² = 1): the cross term is "
                  "2α(σ − σ_max)E⟨x0, ε⟩ = 0 by independence and E ε = 0 alone (E x0 = 0 is not needed). The numeric W2 "
                  "check on erd's GMM is erd.lemma_d1.w2_gmm.",
                  {"derived": str(derived), "printed_minus_derived": str(diff)})
