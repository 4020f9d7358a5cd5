"""Synthetic evidence for the decisions of theory/claims_erd.py."""

EQ111_TARGETS = {
    "x0": {"derived": "alpha", "printed": "alpha", "derived_over_printed": "1", "numeric_twin_max_rel_err": 0.0},
    "eps": {"derived": "sigma", "printed": "sigma", "derived_over_printed": "1", "numeric_twin_max_rel_err": 0.0},
    "u": {"derived": "sqrt(alpha**2 + sigma**2)", "printed": "sqrt(alpha**2 + sigma**2)", "derived_over_printed": "1",
          "numeric_twin_max_rel_err": 1e-16},
}


def _eq111(v_ratio, twin_err=0.0, correction=True):
    t = {k: dict(v) for k, v in EQ111_TARGETS.items()}
    t["v"] = {"derived": "sqrt(2)*alpha*sigma", "printed": "alpha*sigma", "derived_over_printed": v_ratio,
              "numeric_twin_max_rel_err": twin_err}
    return {"targets": t, "correction_holds": correction}


MIN_SNR = {"derived_v_weight": "sigma**2*Min(gamma, alpha**2/sigma**2)/(alpha**2 + sigma**2)**2",
           "derived_over_printed": "1/(alpha**2 + sigma**2)", "derived_over_printed_on_VP": "1",
           "eps_form_over_derived": "(alpha**2 + sigma**2)**2/(alpha**2*sigma**2)",
           "linear_t0.5_derived_over_printed": 2.0, "linear_t0.5_eps_form_over_derived": 16.0}

EXAMPLES = {
    "erd.prop_e1.eq110": {
        "verified": {"derived": "sqrt(a**2*cx**2 + ce**2*s**2)", "printed_minus_derived": "0", "mc_worst_rel": 1e-3,
                     "monte_carlo_vs_formula": {}, "mc_draws": 200000},
        "refuted": {"derived": "sqrt(2*a**2*cx**2)", "printed_minus_derived": "a*cx", "mc_worst_rel": 1e-3,
                    "monte_carlo_vs_formula": {}, "mc_draws": 200000},
        "error": {"derived": "sqrt(a**2*cx**2 + ce**2*s**2)", "printed_minus_derived": "0", "mc_worst_rel": 0.2,
                  "monte_carlo_vs_formula": {}, "mc_draws": 200000},
    },
    "erd.prop_e1.eq111": {
        "verified": _eq111("1"),
        "corrected": _eq111("sqrt(2)"),
        "refuted": _eq111("sqrt(2)", correction=False),
        "error": [_eq111("sqrt(2)", twin_err=1e-3), _eq111("sqrt(2)", twin_err=None)],
    },
    "erd.beyond.prop_e1_unit_covariance": {
        "verified": {"derived": {"x0": "alpha*sigma_d"}, "general_form_holds": True, "appF_sigma_d_squared": 4.09,
                     "appF_x0_weight_ratio_to_eq110": 2.0224},
        "refuted": {"derived": {"x0": "alpha"}, "general_form_holds": False, "appF_sigma_d_squared": 4.09,
                    "appF_x0_weight_ratio_to_eq110": 2.0224},
    },
    "erd.baselines.target_spaces": {
        "verified": {"formulas": {"min-snr/v": "w"}, "twin_max_rel_err": 1e-15, "transport_max_rel_err": 1e-14,
                     "transport_draws": 200},
        "refuted": {"formulas": {"min-snr/v": "w"}, "twin_max_rel_err": 1e-15, "transport_max_rel_err": 0.3,
                    "transport_draws": 200},
        "error": {"formulas": {"min-snr/v": "w"}, "twin_max_rel_err": 1e-3, "transport_max_rel_err": 1e-14,
                  "transport_draws": 200},
    },
    "erd.baselines.min_snr_v": {
        "verified": {**MIN_SNR, "on_vp_equal": True, "general_equal": False},
        "refuted": {**MIN_SNR, "on_vp_equal": False, "general_equal": False},
    },
    "erd.beyond.min_snr_v_non_vp": {
        "verified": {**MIN_SNR, "on_vp_equal": True, "general_equal": True},
        "corrected": {**MIN_SNR, "on_vp_equal": True, "general_equal": False},
    },
    "erd.lemma_c1.symbolic": {
        "verified": {"cross_term": "0", "residual": "0"},
        "refuted": {"cross_term": "p_00*y_1", "residual": "0"},
    },
    "erd.lemma_d1.coupling_bound": {
        "verified": {"derived": "a**2*m2 + d*(s - smax)**2", "printed_minus_derived": "0"},
        "refuted": {"derived": "a**2*m2", "printed_minus_derived": "d*(s - smax)**2"},
    },
}
