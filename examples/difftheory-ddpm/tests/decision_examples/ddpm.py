"""Synthetic evidence for the ddpm example's decisions (difftheory.testing drives every claim through these)."""

MARGINAL = {"mean_residuals": ["0"] * 6, "var_residuals": ["0"] * 6, "twin_max_gap": 1e-15}
PRIOR = {"alpha_bar_T": 4.04e-5, "stated_bits": 1e-5, "bits_uniform_data": 9.7e-6, "bits_unit_data": 2.9e-5}
WEIGHT = {"derived_weight": "w", "weight_residual": "0", "twin_max_rel_gap": 1e-15, "small_t_max_ratio": 20.0,
          "rest_min_ratio": 55.0, "w_min": 0.0098, "t_argmin": 690, "w_T": 0.0102}

EXAMPLES = {
    "ddpm.eq4.forward_marginal": {
        "verified": MARGINAL,
        "refuted": {**MARGINAL, "var_residuals": ["0", "beta1*beta2"] + ["0"] * 4},
        "error": {**MARGINAL, "twin_max_gap": 1e-6},
    },
    "ddpm.s4.prior_kl": {"verified": PRIOR, "refuted": {**PRIOR, "bits_uniform_data": 1e-3}},
    "ddpm.eq12.elbo_weight": {
        "verified": WEIGHT,
        "refuted": [{**WEIGHT, "small_t_max_ratio": 80.0}, {**WEIGHT, "weight_residual": "beta"}],
        "error": {**WEIGHT, "twin_max_rel_gap": 1e-3},
    },
}
