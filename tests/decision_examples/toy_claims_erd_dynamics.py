"""Synthetic evidence for the decisions of toy/claims_erd_dynamics.py (only the fields each decision reads)."""

P = "Eq. (46) as printed: M(λ_τ) inside"
M_IN = "Eq. (4) with M(λ) inside (subscript lost)"
A60 = "Eq. (60): M(λ_s) in F_s"
B6 = "Eq. (6) main text: M(λ) in F_s"
D105 = "M/(2γ) (Eq. 105, derived)"
D1 = "1/(2γ) (M dropped)"


def _identity(printed, m_in, twin=3e-8):
    return {"readings": {P: printed, M_IN: m_in, "without the outer M(λ)": 22.0}, "worst_case": "x0/vp/M=erd",
            "rk4_twin_worst": twin, "cases": 24, "levels": 3, "n_steps": 256}


def _c5(worst, identity=5e-12):
    return {"worst_normalised_excess": worst, "identity_worst": identity, "young_used_max": 0.97,
            "young_used_median": 0.015, "points": 737280, "cases": 24,
            "worst": {"case": "u/linear/M=uniform", "at": {"interval": 3}, "lhs": -1.0, "rhs": -1.2}}


def _reading(ratio):
    return {"max_ratio": ratio, "median_ratio": 5e-4, "case": "x0/linear/M=erd", "worst_at": {"T": 0.005},
            "measured": 2.2e-3, "bound": 2.2e-3 / ratio if ratio else None}


def _thm34(a, b, integ=1e-5, twin=3e-8):
    return {"readings": {A60: _reading(a), B6: _reading(b)}, "integration_rel_err": integ, "rk4_twin_worst": twin,
            "cases": 24}


SYM35 = {"printed_minus_integral": "0", "limit_T_inf": "B*M/(2*a*beta)", "limit_equals_radius": True,
         "d_radius_dM_positive": True, "d_radius_dB_positive": True, "d_radius_dmu_negative": True,
         "time_to_accuracy": "(log(ell0) - log(epsilon))/a", "time_to_accuracy_matches": True,
         "best_beta_radius": "2*B*M/mu**2"}


def _rem35(fixed_ratio=0.58, fixed_n=216, sym="0", sp_n=0, sp_ratio=None):
    return {"symbolic": {**SYM35, "printed_minus_integral": sym}, "sample_path_applicable": sp_n,
            "sample_path_worst_ratio": sp_ratio, "sample_path_levels": 72, "sample_path_levels_without_uniform_rate": 72,
            "fixed_noise_applicable": fixed_n, "fixed_noise_worst_ratio": fixed_ratio, "fixed_noise_median_ratio": 3.6e-5,
            "worst_where": "fixed-noise surrogate x0/linear, t = 0.9, β = 2.5"}


VEL = {"v_alignment": "0", "w_v": "sqrt(2)*alpha*sigma", "w_v_positive": True, "u_alignment": "-alpha + sigma",
       "w_u": "sqrt(alpha**2 + sigma**2)", "v_cov_with_z": "0", "v_linear_recoverable_rms": "0",
       "u_cov_with_z": "-alpha + sigma", "u_linear_recoverable_rms": "Abs(alpha - sigma)/sqrt(alpha**2 + sigma**2)",
       "w_v_max_on_vp": 0.7071}
NBH = {"unweighted_radius": "-B/(beta*(beta - mu))", "d_unweighted_radius_dM": "0", "mu_from_coercivity": "2*C*M_tau/r2",
       "mu_free_of_M": True, "B_free_of_M": True, "forcing": "M_s**2*Theta_s**2*xi_s**2", "weighted_radius": "B*M/(2*beta*(mu - beta))"}
IMN = {"jacobian": "sin(pi*t)/(2*pi)", "max_over_min": 16.0, "t_range": [0.02, 0.98], "density_ratio_0_vs_10": 100.5,
       "discrete": {"T": 1000, "lambda_first": 10.09, "lambda_last": -19.84}, "twin_max_rel_err": 2e-9,
       "mean_w_uniform_t": {"eps": 0.641, "x0": 0.634, "v": 0.453, "u": 1.0}}


def _mb(r512, r512_b):
    reg = {"ratio": {"1": 7.5, "16": 4.4, "128": 1.8, "512": r512}, "ratio_halves": [r512 - 0.01, r512_b],
           "b_cross": 435.0 if r512 < 1 else None, "coherent_share_r": 0.13, "coherent_share_xi": -0.0003}
    ok = {**reg, "ratio": {"1": 12.0, "16": 5.4, "128": 2.05, "512": 1.5}, "ratio_halves": [1.49, 1.52], "b_cross": 1400.0}
    return {"n": 256, "regimes": {"x0/gvp t=0.95": reg, "eps/linear t=0.05": ok}}


def _sgd(s1, s8):
    row = lambda s: {"mean_excess": [9.2, 1.6, 0.6, 0.25], "slope": s[0], "slope_lo": s[1], "slope_hi": s[2]}  # noqa: E731
    return {"by_batch": {"1": row(s1), "8": row(s8)}, "batch_ratio": [0.03, 0.09, 0.1, 0.12],
            "step_shares": [0.4, 0.2, 0.1, 0.05], "batches": [1, 8], "features": 64, "chains": 8, "horizon": 40.0,
            "lambda_max": 0.9}


def _thm36(ratio, twin=8e-16, integ=1e-5):
    return {"max_ratio": ratio, "median_ratio": 4e-3, "twin_worst": twin, "integration_rel_err": integ,
            "floor_share_median": 0.8,
            "worst": {"case": "x0/linear/M=uniform", "level": 0.9, "T": 0.2, "beta": 1.2, "ell": 3.9, "bound": 3.9 / ratio}}


def _floor(share, rises=True):
    m = {"floor_rises": rises, "floor_share_high": share, "mu_avg_low": 27.0, "mu_avg_high": 14.3}
    return {"t_low": 0.1, "t_high": 0.9, "models": {"x0/linear": m, "eps/linear": {**m, "floor_rises": False,
                                                                                   "floor_share_high": 0.3}}}


def _cross(lo):
    return {"t_high": 0.9, "share_high": {"eps/linear": 0.6, "u/linear": lo}, "sample_fraction_outside_high": 0.8}


def _rep(split=4.5e-15, jt=2e-16, qt=1.5e-15, ratio=0.49):
    return {"split_worst": split, "worst_case": "u/linear", "samples": 576, "ts": [0.05, 0.5, 0.95],
            "jacobian_twin": jt, "quad_form_twin": qt, "max_ratio": ratio, "median_ratio": 0.21, "min_ratio": 0.01}


def _dom(n=131, bad=0, bracket=True):
    return {"n_regime": n, "n_not_dominated": bad, "bracket_holds": bracket, "min_share_regime": 0.86,
            "max_sqrt_cond": 3.09, "mismatch_share": {"x0/linear t=0.95": 0.92}, "rho_min": 0.04, "rho_max": 257.0,
            "counterexample": {"case": "eps/vp", "t": 0.05, "rho": 12.0, "term_ratio": 0.9, "sqrt_cond": 20.0}}


def _modes(mode=1 - 3e-7, derived=0.999, dropped=1.0, twin=1e-10, pars=1e-15):
    return {"mode_max_ratio": mode, "mode_max_excess": mode - 1, "mode_median_ratio": 0.076, "total_max_ratio": {D105: derived, D1: dropped},
            "rk4_twin_worst": twin, "parseval_worst": pars,
            "mode_worst": {"case": "v/gvp/M=erd", "level": 0.5, "at": {"T": 0.01}, "kappa": 5.7e-3, "measured": 1.0,
                           "bound": 1.0 / mode}}


def _weak(lo, hi):
    return {"mean": (lo + hi) / 2, "ci_low": lo, "ci_high": hi, "cases": 36, "weak_modes": 1452, "strong_modes": 219,
            "log_power_slope_median": 1.9}


def _c3(orders):
    return {"last_local_order": orders, "gaps": {k: [0.05, 0.0004] for k in orders}, "steps": 32, "eta_scale": 0.5,
            "gap_at_study_eta_min": 0.03, "gap_at_study_eta_max": 0.3}


def _appf(spans, twin=1e-15):
    return {"jacobian": {k: "t*(1 - t)/2" for k in spans}, "max_over_min": spans, "twin_max_rel_err": twin,
            "t_range": [0.02, 0.98]}


def _coerc(none, eq60=0.999):
    return {"pairs": 72, "pairs_without_uniform_rate": none, "negative_fraction_median": 0.38,
            "negative_fraction_min": 0.2, "negative_fraction_max": 0.58, "mu_bar_T_min": -0.07, "mu_bar_T_max": 21.0,
            "mu_bar_T_median": 1.56, "eq60_max_ratio": eq60, "eq60_holds": eq60 <= 1}


def _closure(mode, total):
    return {"joint_mode_max_ratio": mode, "joint_total_max_ratio": total, "joint_total_median_ratio": 0.003,
            "pairs": 72, "pairs_total_fails": 15,
            "worst": {"case": "u/vp/M=uniform", "level": 0.1, "at": {"mode": 0}, "measured": 0.5, "bound": 0.006}}


def _frozen(tr, real):
    return {"training_change_min": tr / 10, "training_change_max": tr, "real_vs_frozen_max": real,
            "real_vs_frozen_median": real / 2, "segment_change_median": 0.16, "sgd_steps": 64,
            "late_change_median": 0.3, "late_change_max": 0.6, "late_share": 0.2,
            "top_eig_example": "eps/linear 1.37 → 2.95"}


EXAMPLES = {
    "erd.thm3_3.excess_identity": {
        "verified": _identity(5e-12, 120.0),
        "corrected": _identity(0.5, 1e-13),  # only the reading with no evidence of OCR loss holds
        "refuted": _identity(0.3, 0.5),
        "error": [_identity(5e-12, 120.0, twin=1e-3), _identity(5e-12, 120.0, twin=None)],
    },
    "erd.prop_c5.excess_rate_bound": {
        "verified": _c5(-0.004),
        "refuted": [_c5(1e-3), _c5(None)],
        "error": _c5(-0.004, identity=1e-3),
    },
    "erd.thm3_4.bound": {
        "verified": [_thm34(0.999, 2.41), _thm34(1 + 1e-5, 1.5), _thm34(1.3, 0.99)],  # within 10× the integration error
        "refuted": _thm34(1.2, 2.41),
        "error": [_thm34(0.999, 2.41, integ=1e-3), _thm34(0.999, 2.41, twin=1e-4)],
    },
    "erd.remark3_5.rate_bound": {
        "verified": [_rem35(), _rem35(fixed_n=0, fixed_ratio=None, sp_n=3, sp_ratio=0.2)],
        "refuted": [_rem35(fixed_ratio=1.3), _rem35(sym="B*M*T")],
        "open": _rem35(fixed_n=0, fixed_ratio=None),
    },
    "erd.remark3_5.neighbourhood": {
        "verified": dict(SYM35),
        "refuted": {**SYM35, "d_radius_dmu_negative": False},
    },
    "erd.thm3_6.bound": {
        "verified": _thm36(0.938),
        "refuted": _thm36(1.1),
        "error": [_thm36(0.938, twin=1e-6), _thm36(0.938, integ=1e-2)],
    },
    "erd.thm3_6.floor_dominates": {
        "verified": _floor(0.999),
        "refuted": _floor(0.4),
        "open": _floor(0.999, rises=False),
    },
    "erd.thm3_6.cross_noise_forcing": {
        "verified": _cross(0.24),
        "refuted": _cross(0.005),
        "open": _cross(0.05),
    },
    "erd.prop3_7.split": {
        "verified": _rep(),
        "refuted": _rep(split=1e-6),
        "error": _rep(jt=1e-3),
    },
    "erd.prop3_7.norm_bound": {
        "verified": _rep(),
        "refuted": _rep(ratio=1.01),
        "error": _rep(qt=1e-3),
    },
    "erd.prop3_7.noise_dominance": {
        "verified": _dom(),
        "refuted": _dom(bad=2),
        "open": _dom(n=3),
        "error": _dom(bracket=False),
    },
    "erd.thm3_8.mode_bound": {
        "verified": [_modes(), _modes(derived=1.2, dropped=0.99)],
        "refuted": [_modes(mode=1.01), _modes(derived=1.1, dropped=1.2)],
        "error": [_modes(twin=1e-3), _modes(pars=1e-6)],
    },
    "erd.thm3_8.weak_modes": {
        "verified": _weak(1.24, 1.7),
        "refuted": _weak(-0.8, -0.2),
        "open": _weak(-0.2, 0.3),
    },
    "erd.lemma_c3.small_step_limit": {
        "verified": _c3({"eps/linear": 0.99, "x0/linear": 0.97}),
        "refuted": _c3({"eps/linear": 0.99, "x0/linear": 0.1}),
        "open": _c3({"eps/linear": 0.99, "x0/linear": 0.64}),
    },
    "erd.remark_e2.allocation_reduces_to_weight": {
        "verified": {"ratio_linear": "c*Abs(b)", "ratio_derivative": "0", "change_of_variables_gap": 2e-13},
        "refuted": {"ratio_linear": "c*Abs(b)*lambda", "ratio_derivative": "c*Abs(b)", "change_of_variables_gap": 2e-13},
        "error": {"ratio_linear": "c*Abs(b)", "ratio_derivative": "0", "change_of_variables_gap": 0.1},
    },
    "erd.remark_e3.sign_invariance": {
        "verified": {"w": "sqrt(...)", "w_flip_differences": {"(-c_x, c_eps)": "0", "(c_x, -c_eps)": "0"},
                     "alignment_flip_differences": {"(-c_x, c_eps)": "-2*alpha*c_x"}},
        "refuted": {"w": "alpha*c_x", "w_flip_differences": {"(-c_x, c_eps)": "-2*alpha*c_x", "(c_x, -c_eps)": "0"},
                    "alignment_flip_differences": {"(-c_x, c_eps)": "-2*alpha*c_x"}},
    },
    "erd.remark_e3.velocity_no_collapse": {
        "verified": {**VEL, "v_cov_with_z": "alpha*sigma", "v_linear_recoverable_rms": "alpha*sigma/sqrt(alpha**2 + sigma**2)"},
        "refuted": [dict(VEL), {**VEL, "w_v": "0", "w_v_positive": False}],
    },
    "erd.beyond.neighbourhood_unweighted": {
        "refuted": dict(NBH),
        "verified": {**NBH, "unweighted_radius": "B*M/(beta*(mu - beta))", "d_unweighted_radius_dM": "B/(beta*(mu - beta))"},
    },
    "erd.beyond.imagenet_time_sampler": {
        "corrected": dict(IMN), "verified": {**IMN, "max_over_min": 1.004}, "error": {**IMN, "twin_max_rel_err": 1e-3},
    },
    "erd.beyond.minibatch_noise_share": {
        "refuted": _mb(0.92, 0.93), "verified": _mb(1.5, 1.6), "open": _mb(0.95, 1.2),
    },
    "erd.beyond.sgd_forcing": {
        "refuted": _sgd((1.69, 1.60, 1.79), (1.05, 0.98, 1.11)), "verified": _sgd((0.02, -0.1, 0.1), (0.0, -0.15, 0.12)),
        "open": _sgd((1.69, 1.60, 1.79), (0.4, -0.2, 1.0)),
    },
    "erd.beyond.appf_time_sampler": {
        "verified": _appf({"linear": 1.0, "vp": 1.005}),
        "corrected": _appf({"linear": 12.8, "vp": 8.45}),
        "error": _appf({"linear": 12.8}, twin=1e-3),
    },
    "erd.beyond.pathwise_coercivity": {
        "verified": _coerc(0),
        "corrected": _coerc(72),
        "refuted": _coerc(72, eq60=1.3),
    },
    "erd.beyond.fixed_noise_closure": {
        "verified": _closure(0.9, 0.99),
        "corrected": _closure(80.0, 1.39),
    },
    "erd.beyond.frozen_kernel": {
        "verified": _frozen(0.05, 0.02),
        "corrected": [_frozen(35.0, 0.43), {**_frozen(35.0, 0.43), "late_change_median": None}],
    },
}
