"""Synthetic evidence for the decisions of theory/claims_mse_sde.py (only the fields each decision reads)."""

from _evidence import with_field


_with = with_field


_N = [16, 64, 512]
_FLOW = {"kappa": 0.0, "w2_uds": [0.08, 0.02, 0.0025], "w2_em": [180.0, 9.6, 0.06], "em_max_gain": [61, 15, 1.0],
         "ratio": [2250.0, 480.0, 24.0]}
_ML_BAD = {"kappa": 1.0, "w2_uds": [0.13, 0.038, 0.005], "w2_em": [120.0, 4.3, 0.01], "em_max_gain": [120, 30, 2.9],
           "ratio": [923.0, 113.0, 2.0]}
EM = {"N": _N, "t0": 0.001, "tmax": 0.999, "cases": {"logis κ=0": dict(_FLOW), "logis κ=1": dict(_ML_BAD)}}
EM_ML_BETTER = _with(EM, "cases|logis κ=1|w2_em", [120.0, 1.2e-3, 3.4e-5])
EM_OVERFLOW = _with(_with(EM, "cases|logis κ=0|w2_em", [None, 9.6, 0.06]), "cases|logis κ=0|ratio", [None, 480.0, 24.0])

_R = lambda holds, d: {"holds": holds, "max_rel_diff": d}  # noqa: E731
EQ31 = {"readings": {"literal (ρ at scale 2.3)": _R(False, 48.0), "right side = r_t(Ŷ_t − Ŷ_s)": _R(False, 0.67)}, "corrected_residual": "0",
        "corrected_numeric_max_rel": 1e-16, "literal_changes_with_rho_scale": 1.3}

EQ32 = {"symbolic": {"delta1": {"h0": "0", "h1": "-(R1**2 + R2)/(2*R1)"}, "delta2": {"h0": "0", "h1": "-(2*P1**2 + P2)/(2*P1)"}},
        "numeric": {"logis δ1": {"max_abs": [0.08, 0.02], "slope": -0.98}, "logis δ2": {"max_abs": [0.08, 0.02], "slope": -0.98}},
        "N": [256, 16384], "kappa": 0.5}

SDE = {"local": {"logis": {"rms": [0.5, 0.07], "slope": -1.4}},
       "limit": {"logis κ=0": {"w2_uds": [4e-3, 2.7e-4], "w2_em": [7.6e-2, 4.8e-3], "slope_uds": -1.0, "slope_em": -1.0},
                 "logis κ=1": {"w2_uds": [8.6e-3, 5.4e-4], "w2_em": [1e-4, 4.2e-7], "slope_uds": -0.99, "slope_em": -1.95}},
       "N": [64, 4096], "kappa_local": 0.5}

EQ36 = {"derived_drift": "-eh*(lp + lr)/rho",
        "readings": {"literal +": {"residual": "2*eh*(lp + lr)/rho", "holds": False},
                     "minus lost in extraction": {"residual": "0", "holds": True}},
        "twin_max_diff": 1e-16,
        "consequence": {"schedule": "logis", "kappa": 0.5, "N": 4096, "var_plus": 2.97e6, "var_minus": 1.002,
                        "target": 1.003}}

_ORD = {"euler": {"rel_error": [0.1, 0.05], "order": -0.98}, "heun": {"rel_error": [0.01, 0.0025], "order": -1.95}}
ORDERS = {"N": [16, 256], "cases": {"logis v=1": _ORD, "normal v=0.25": _ORD}}
SIGMA = {"residual": "0", "numeric_max_diff": 3e-16, "probes": 40}
FAMILIES = {"symbolic": {"DDIM step": "0", "EDM drift": "0", "EDM noise²": "0", "variance ODE": "0",
                         "DPM-Solver++(1) step": "0"}, "numeric_max_diff": 9e-16, "probes": 40,
            "quadrature_max_rel": 4e-16, "dpm_solver_pp": "LuChengTHU/dpm-solver@52bc3fb dpm_solver_pytorch.py L569–576"}

EXAMPLES = {
    "mse.eq13_15.uds_orders": {
        "verified": ORDERS,
        "refuted": [_with(ORDERS, "cases|logis v=1|heun|order", -1.1), _with(ORDERS, "cases|logis v=1|euler|order", None)],
    },
    "mse.beyond.euler_in_sigma": {
        "verified": SIGMA,
        "refuted": _with(SIGMA, "residual", "D*(sigma_s - sigma_t)"),
        "error": _with(SIGMA, "numeric_max_diff", 1e-3),
    },
    "mse.beyond.known_families": {
        "verified": FAMILIES,
        "refuted": _with(FAMILIES, "symbolic|EDM drift", "lambda_p*(Xhat - y)"),
        "error": [_with(FAMILIES, "numeric_max_diff", 1e-3), _with(FAMILIES, "quadrature_max_rel", 1e-4)],
    },
    "mse.s3.euler_maruyama_vs_uds": {
        "verified": [EM, EM_OVERFLOW],
        "corrected": EM_ML_BETTER,
        "refuted": _with(EM, "cases|logis κ=0|w2_em", [180.0, 1e-3, 0.06]),
    },
    "mse.appA.eq31_difference_form": {
        "verified": _with(EQ31, "readings|literal (ρ at scale 2.3)", _R(True, 1e-16)),
        "corrected": EQ31,
        "refuted": _with(EQ31, "corrected_residual", "Xhat_s"),
        "error": _with(EQ31, "corrected_numeric_max_rel", 1e-3),
    },
    "mse.appA.eq32_taylor": {
        "verified": EQ32,
        "refuted": _with(EQ32, "symbolic|delta2|h0", "1/2"),
        "error": [_with(EQ32, "numeric|logis δ1|slope", -0.3), _with(EQ32, "numeric|logis δ2|slope", None)],
    },
    "mse.appA.eq33_34_sde_limit": {
        "verified": SDE,
        "refuted": [_with(SDE, "local|logis|slope", -0.5), _with(SDE, "limit|logis κ=1|slope_em", -0.2),
                    _with(SDE, "limit|logis κ=0|w2_uds", [4e-3, 0.5]), _with(SDE, "limit|logis κ=0|slope_em", None)],
    },
    "mse.appA.eq35_rates": {
        "verified": {"log_r_residual": "0", "log_rho_residual": "0"},
        "refuted": {"log_r_residual": "Derivative(lambda(t), t)", "log_rho_residual": "0"},
    },
    "mse.appA.eq36_eps_form": {
        "verified": _with(EQ36, "readings|literal +", {"residual": "0", "holds": True}),
        "corrected": EQ36,  # only the minus restores it, and the extraction is not shown to drop a minus elsewhere
        "refuted": _with(EQ36, "readings|minus lost in extraction", {"residual": "eh", "holds": False}),
        "error": _with(EQ36, "twin_max_diff", 1e-3),
    },
    "mse.appA.eq37_variation_of_constants": {
        "verified": {"residuals": {"drift": "0", "noise": "0", "variance": "0"}},
        "refuted": {"residuals": {"drift": "0", "noise": "sqrt(2)", "variance": "0"}},
    },
}
