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

# ---------------------------------------------------------------- referee pass 1 (issue 17)
_SCHED = {"linear": {"dlambda_dt": "2/(t*(t - 1))", "max_dlambda_dt": -8.0},
          "gvp": {"dlambda_dt": "-2*pi/sin(pi*t)", "max_dlambda_dt": -6.28}}
MONO = {"schedules": _SCHED, "t_range": [0.001, 0.999], "gvp_inverse": "2*atan(exp(-lambda/2))/pi",
        "gvp_inverse_residual": "0"}
UVEL = {"schedules": {"linear": {"dz_dt": "epsilon - x0", "velocity_is_u": True},
                      "gvp": {"dz_dt": "pi*(epsilon*cos(pi*t/2) - x0*sin(pi*t/2))/2", "velocity_is_u": False}}}
SNR = {"erd_on_vp": {"eps": "1/sqrt(SNR + 1)"}, "erd_in_eps_units_on_vp": {"eps": "1/sqrt(SNR + 1)"},
       "pairs": [{"target": "eps", "baseline": "P2 (k = 1, γ = 0.5)", "ratio_spread": 2e-16},
                 {"target": "x0", "baseline": "Min-SNR (gamma = 5)", "ratio_spread": 40.0}],
       "eps_over_p2_half": "1", "p2_published": "k = 1, γ ∈ {0.5, 1}", "min_snr_gamma": 5.0, "snr_range": [1e-4, 1e4]}
_ROW = lambda spread, rise: {"spread": spread, "largest_rise": rise, "lambda_peak": -0.69}  # noqa: E731
ELBO = {"configurations": {"ERD, ε (Table 5)": _ROW(2.0e4, 1.0), "baseline w = 1, ε": _ROW(320.0, 1.0)},
        "trained": ["ERD, ε (Table 5)", "baseline w = 1, ε"], "schedule": "IDDPM cosine, s = 0.008", "t_range": [0.001, 0.999]}
LIM = {"sigma_max": {"linear": 1.0, "gvp": 1.0}, "sigma_max_minus_one": {"linear": 0.0, "gvp": 0.0},
       "counterexample": {"schedule": "α = 1 − t, σ = 2t", "sigma_max": 2.0, "w2_squared_per_dim": 1.0}}
NODECAY = {"max_ratio": 0.9992, "modes": 8, "levels": 5, "gammas": [0.1, 1.0, 10.0], "kappa_rise_high_over_low": 5.0,
           "steps": 200, "step": 0.05}

EXAMPLES.update({
    "erd.eq13.monotone_schedules": {
        "verified": MONO, "refuted": {**MONO, "schedules": {**_SCHED, "vp": {"dlambda_dt": "x", "max_dlambda_dt": 0.3}}},
    },
    "erd.appF.u_velocity": {
        "corrected": UVEL,
        "verified": {"schedules": {"linear": UVEL["schedules"]["linear"]}},
        "refuted": {"schedules": {"gvp": UVEL["schedules"]["gvp"]}},
    },
    "erd.sec3_4.unlike_snr_weighting": {
        "refuted": SNR, "verified": {**SNR, "pairs": [dict(SNR["pairs"][0], ratio_spread=0.4), SNR["pairs"][1]]},
    },
    "erd.eq1.elbo": {
        "refuted": ELBO,
        "verified": {**ELBO, "configurations": {"ERD, ε (Table 5)": _ROW(2.0e4, 0.0), "baseline w = 1, ε": _ROW(1e-9, 0.2)}},
    },
    "erd.lemma_d1.limit_named": {
        "corrected": LIM, "refuted": {**LIM, "sigma_max_minus_one": {"linear": 0.0, "gvp": 1.0}},
        "verified": {**LIM, "counterexample": {**LIM["counterexample"], "w2_squared_per_dim": 0.0}},
    },
    "erd.thmD4.no_decay_proved": {
        "refuted": NODECAY, "verified": {**NODECAY, "kappa_rise_high_over_low": 0.5},
        "error": {**NODECAY, "max_ratio": 1.01},
    },
})


def _hn(eps_share):
    row = lambda sh: {"share_high": sh, "uniform_share_high": 0.504, "share_high_minus_uniform": sh - 0.504,  # noqa: E731
                      "share_low": 1 - sh, "uniform_share_low": 0.496, "mean_high_over_low": sh / (1 - sh)}
    return {"targets": {"eps": row(eps_share), "x0": row(0.296)}, "trained": "eps", "t_points": 4096,
            "t_at_lambda_zero": 0.496}


EXAMPLES["erd.sec3_4.high_noise_mass"] = {"refuted": _hn(0.707), "verified": _hn(0.30), "open": _hn(0.504)}


# referee pass 3 (audit/erd/pass3)
def _sm(spread):
    return {"configurations": {"gvp": {"p_spread": spread}, "iddpm-cosine": {"p_spread": spread}},
            "identity_rel_err": 1e-12, "t_range": [0.02, 0.98]}


EXAMPLES["erd.lemma_c3.sampling_measure"] = {"corrected": _sm(14.9), "verified": _sm(0.0)}


def _wy(spread):
    return {"pairs": {"ve/vp": {"spread": spread, "at": [148.4, 1.41, 1.0]}}, "lambda_range": [-10.0, 10.0]}


EXAMPLES["erd.beyond.wy_schedule_dependence"] = {"refuted": _wy(147.4), "verified": _wy(0.0)}


def _ns(change, d="0"):
    return {"symbolic_dratio_dM": d, "max_rel_change": change, "draws": 50, "Ms": [0.01, 1.0, 37.0],
            "ratio_range": [0.98, 158.0]}


EXAMPLES["erd.beyond.weight_noise_share_invariant"] = {"verified": _ns(4.4e-16), "refuted": [_ns(0.3), _ns(0.0, "1/M")]}


def _rate(finite):
    return {"schedules": {"vp": {"limit": "m2" if finite else "oo", "limit_finite": finite, "gap_over_alpha2": "1/2",
                                 "at_minus8": 8.18}}}


EXAMPLES["erd.beyond.lemma_d1_rate"] = {"verified": _rate(True), "refuted": _rate(False)}


def _adam(diff):
    return {"max_abs_diff": diff, "max_abs_diff_default_wd": 1e-3, "default_wd": 0.01, "steps": 50, "lr": 0.01,
            "betas": [0.9, 0.999]}


EXAMPLES["erd.tables.adam_is_adamw"] = {"verified": _adam(0.0), "refuted": _adam(1e-3)}
EXAMPLES["erd.lemma_c3.sampling_measure"]["error"] = dict(_sm(14.9), identity_rel_err=1e-3)
