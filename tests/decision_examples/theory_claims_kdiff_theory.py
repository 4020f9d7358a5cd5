"""Synthetic evidence for the decisions of theory/claims_kdiff_theory.py (only the fields each decision reads)."""


def _lines(ok=True, twin=1e-15, check=True, names=("eq1", "eq2")):
    lines = {n: True for n in names}
    if not ok:
        lines[names[-1]] = False
    return {"lines": lines, "twin_gap": twin, "independent_check": check}


def _lines_examples():
    """verified / corrected / refuted / error for a claim decided by ``_decide_lines`` with its own check."""
    return {"verified": _lines(),
            "corrected": _lines(ok=False),
            "refuted": _lines(ok=False, check=False),
            "error": [_lines(twin=1e-3), _lines(twin=None), _lines(ok=False, twin=1.0)]}


def _appB(ok=True, exact=True, z=1.8):
    return {"lines": {"D=4,d=2:eq32a_zz": True, "D=4,d=2:eq40g_uu": ok}, "construction_exact": exact,
            "mc_max_z": z, "mc_draws": 100000}


def _eq8(ok=True, z=1.5):
    return {"lines": {"D=3,d=1:eq8": True, "D=4,d=2:eq8": ok}, "mc_z": z, "mc_draws": 100000}


def _eq9(ok=True, gap=5e-15):
    return {"lines": {"projector:eq9a": True, "projector:eq9b": ok}, "twin_gap": gap, "independent_check": gap <= 1e-10}


def _delta(ok=True, g12=1e-14, gres=1e-14):
    return {"lines": {"D=3,d=1:eq12": True, "general_D_d_mode_problems:eq12": ok}, "twin_gap_eq12_form": g12,
            "twin_gap_residual_form": gres, "independent_check": gres is not None and gres <= 1e-10}


def _appD(ok=True, gap=1e-14):
    return {"lines": {"eq51a": True, "eq54d": ok}, "twin_gap": gap, "independent_check": gap <= 1e-10}


def _remarks(ok=True):
    return {"facts": {"linear_in_d_and_D_minus_d": True, "psi_zero_kills_perpendicular": ok},
            "l_par": "(...)/(I_aa + I_ss)", "l_perp": "-I_ps**2/I_ss + I_qq"}


def _thm32(eq55=True, curv=True, gap=1e-8):
    return {"eq55": eq55, "curvature_positive": curv, "k_star_derived": "D/(D + d)" if eq55 else "D/(D + 2*d)",
            "curvature": "D/4 + d/4", "delta_at_k_star": "d*(5*D + 3*d)/(16*(D + d))",
            "k_star_numeric_minimiser": {"D=10,d=3": 0.769231}, "max_gap_numeric_minimiser": gap}


def _special(ok=True, gap=0.0):
    return {"constant": {"eps": True, "v": True, "x": ok}, "scale_factors": {"eps": "-1", "v": "1/2", "x": "1" if ok else "t"},
            "velocity": "-n + x", "twin_gap": gap}


def _regimes(ok=True, gap=7e-9):
    return {"facts": {"depends_only_on_ratio": True, "half_at_D_eq_d": True, "tends_to_1": True,
                      "increasing_in_ratio": ok},
            "k_of_ratio": "r/(r + 1)", "dk_dratio": "(r + 1)**(-2)", "limit_ratio_inf": "1", "one_minus_k": "1/(r + 1)",
            "max_over_d_for_given_D": "D/(D + 1)", "twin_k_star": {"1": 0.5, "3": 0.75, "1000": 0.999}, "twin_gap": gap}


def _kappa(eq26=True, fd_u=1e-14, fd_c=1e-14, twin=1e-15):
    return {"kappa_v_derived": "1/(-2*k*t + k + t)", "eq26_on_k_target": eq26, "clamped_target_is_scaled_velocity": True,
            "gap_kappa_k_vs_eq22": twin, "gap_fd_unclamped": fd_u, "gap_fd_clamped": fd_c, "clamp": 0.05,
            "share_clamped": 0.003, "draws": 4000}


def _two(inv=True, k0=0.556, k1=0.509, gap=1e-15):
    h = 0.0005
    return {"invariance": {"scale_invariant": inv, "equals_k_target_with_k0_over_k0_plus_k1": True},
            "numeric_two_vs_one_param_max_rel_gap": gap, "numeric_setting": "latent sampler, D=50, d=10",
            "table3": {"k0": k0, "k1": k1, "k_single": 0.522, "ratio": k0 / (k0 + k1),
                       "ratio_interval_from_rounding": [(k0 - h) / (k0 + k1), (k0 + h) / (k0 + k1)],
                       "single_k_interval_from_rounding": [0.5215, 0.5225]}}


def _ends(ok=True, gap=1e-12, k0=55.0):
    return {"limits_of_closed_form": {"par_k0": "2", "perp_k0": "1", "par_k1": "2", "perp_k1": "0"},
            "constrained_values": {"par_k0": "2", "perp_k0": "1" if ok else "3/2", "par_k1": "2", "perp_k1": "0"},
            "limits_equal_constrained": {"par_k0": True, "perp_k0": ok, "par_k1": True, "perp_k1": True},
            "limit_method": "sympy.limit",
            "D=100,d=10": {"twin_k0": k0, "twin_k1": 10.0, "(D+d)/2": 55.0, "d": 10, "k_star_closed_form": 0.99704,
                           "k_star_twin": 0.99704},
            "end_gaps": {"k0_rel": abs(k0 / 55.0 - 1), "k1_rel": 0.0, "k_star": 0.0},
            "closed_vs_twin_max_rel_gap": gap}


def _relax(facts_ok=True, twin=1e-12, concl=0.45, tol=1e-6, **extra):
    return {"facts": {"derived_form": True, "condition": facts_ok}, "twin_gap": twin, "twin_tol": tol,
            "conclusion_gap": concl, "conclusion_tol": tol,
            "probes": {"pixel, D=100, d=10": {"k_star": 0.456, "D/(D+d)": 0.909}}, **extra}


def _relax_examples(**extra):
    return {"verified": _relax(concl=1e-9, **extra), "corrected": _relax(**extra),
            "refuted": _relax(facts_ok=False, **extra), "error": [_relax(twin=1e-3, **extra), _relax(twin=None, **extra)]}


GENERAL = {"k_star_stated": "(d(1 − b/q) + (D − d)c)/(d(2 − 1/q) + (D − d)c)", "k_star_derived": "(...)/(...)",
           "condition": "E[t] = 1/2"}


def _practical(concl=0.5, gap=2e-5, ties=(0.0, 1.0)):
    return {"sweep_vs_precise_max_gap": gap, "ratio_values": [1.0, 2.0, 10.0], "thm3_2": [0.5, 0.667, 0.909],
            "k_star": {"latent v clamp0.05": [1.0, 1.0, 1.0], "pixel v clamp0.05": [0.08, 0.54, 0.95],
                       "latent v clampnone": [0.993, 0.995, 1.0]},
            "conclusion_gap": concl,
            "tie_at_D_eq_d": {"k_star": ties[-1], "ties": list(ties),
                              "stationary": [{"k": 0.5, "type": "maximum", "delta": 10.0}]},
            "symmetry_max_rel_gap": 5e-16, "fine_sweep_points": 26, "fine_sweep_interior": 0,
            "closest_to_paper_latent_k": {"paper_k": 0.66, "k_star": 1.0, "ratio": 1.0}}


def _tc(flat=1e-15, **kw):
    return _relax(tol=1e-6, v_loss_delta_spread_rel=flat, **kw)


def _remark(ok=True, gap=3e-17):
    return {"l_par": "(4*k**2 - 4*k + 5)/8", "l_perp": "(k - 1)**2/4", "slope": "2*(k - 1)**2/(4*k**2 - 4*k + 5)",
            "facts": {"zero_at_D_eq_d": True, "grows_linearly_in_D_over_d": ok, "l_perp_zero_only_at_x": True},
            "r_cross": {"v (k = ½)": 9.0}, "ratio_at_kstar": "2*(r - 1)/(5*r**2 + 6*r + 5)", "max_ratio_at_kstar": 0.059,
            "r_max_at_kstar": 2.79, "twin_gap": gap}


def _variational(zero=True, kline=True, num_rel=4e-17, kline_num=13.6):
    return {"delta_on_u_eq_cz": "0" if zero else "I_aa*c**2/2", "vanishes_for_u_eq_cz": zero,
            "k_line_minimum": "d*(5*D + 3*d)/(16*(D + d))", "k_line_minimum_positive": kline,
            "numeric": {"D": 20, "d": 4, "nodes": 12, "delta_start": 140.0, "delta_min": 140.0 * num_rel,
                        "delta_min_rel": num_rel, "minimiser_phi_over_alpha_spread": 7e-7,
                        "minimiser_psi_over_sigma_minus_phi_over_alpha": 4e-7, "k_line_min": kline_num,
                        "k_line_argmin": 0.874}}


def _efficiency(free=True, loss_dims=True, gap=2e-16):
    return {"A_par": "I_aa + I_ss", "A_perp": "I_ss" if free else "I_ss*D/d", "rates_free_of_D_d": free,
            "rates_uniform": ["2/3", "1/3"], "loss_depends_on_D_d": loss_dims,
            "k_star_T": {"4": {"0": 0.8, "1": 0.840, "10": 0.800}}, "twin_gap": gap}


def _norm(agree=False, l0=True, gap=5e-15):
    probe = {"thm3_2": 0.8, "argmin_fraction": [0.8] if agree else [0.0], "min_fraction": 0.34, "fraction_at_kstar": 0.72,
             "gap": 0.0 if agree else 0.8}
    return {"L0": "D*(1 - k)**2/2 + d*k**2/2", "explained": "3*(...)/16", "k_star_L0": "D/(D + d)" if l0 else "D/(D + 2*d)",
            "k_star_L0_is_thm32": l0, "k_star_explained_is_thm32": l0, "probes": {"4": probe}, "twin_gap": gap}


def _curve(k_pop=0.5, mc_gap=0.0016, twin=7e-9):
    return {"D": 8, "intrinsic_dim": 1, "cov_max_dev_from_I": 7e-16, "cov_trace": 8.0, "cov_rank": 8,
            "k_star_population": k_pop, "k_star_trace_formula": 0.5, "k_star_manifold_dim": 0.8889,
            "gap_population_vs_trace_formula": twin, "gap_population_vs_manifold_dim": abs(k_pop - 0.8889),
            "mc_max_rel_gap": mc_gap, "k_star_mc_grid": 0.5, "mc_draws": 200000}


def _ambient(k=0.66, reach=None):
    return {"k_latent": k, "k_latent_source": "kdiff §5.1 (pdf l. 226)", "k_pixel": 0.99, "d_over_D_eq14": 1 / k - 1,
            "ambient_share_eq14": 2 - 1 / k, "d_over_D_pixel_eq14": 0.0101,
            "trained_loss_k_star": {"v-loss, no clamp": {"ratios": [1.0, 100.0], "k_star": [0.993, 1.0], "min": 0.993,
                                                         "max": 1.0}},
            "ratio_for_k": {"v-loss, no clamp": reach}}


def _pixel(run_last=0.996, thm_last=0.990, step=0.04):
    return {"ratios": [1.0, 10.0, 100.0], "largest_ratio": 100.0,
            "k_star": {"thm": [0.5, 0.909, thm_last], "run": [0.08, 0.954, run_last], "u pixel": [0.0, 0.456, 0.920]},
            "min_step": {"thm": 0.07, "run": step, "u pixel": 0.0}, "thm3_2_row": "thm", "run_row": "run"}


def _perpk(u=0.0, other=0.4, gap=1e-12):
    losses = ("u", "x", "eps", "v")
    spread = {"u": u, "x": other, "eps": other, "v": other}
    return {"kappa": {n: "1" if n == "u" else "(...)/(phi*sigma - psi*alpha)" for n in losses},
            "kappa_has_phi": {n: n != "u" for n in losses}, "kappa_has_alpha": {n: n != "u" for n in losses},
            "phis": [0.3, 0.9], "psi": -0.5,
            "l_perp": {n: [0.0625, 0.0625 * (1 - spread[n])] for n in losses}, "spread_rel": spread, "twin_gap": gap}


def _energy(pix=0.820, lat=0.5, twin=7e-9):
    return {"pixel": {"256": {"noise_scale": 1.0, "energy_per_dim": 0.219, "k_star": pix, "k_star_population": pix},
                      "512": {"noise_scale": 2.0, "energy_per_dim": 0.219, "k_star": 0.948, "k_star_population": 0.948}},
            "pixel_res_judged": "256", "pixel_energy_per_channel": [0.2107, 0.2084, 0.2378],
            "latent": {"D": 8192, "multiplier": 1.0, "energy_per_dim": 1.0, "k_star": lat, "k_star_population_nonwhite": lat,
                       "k_paper": 0.66, "k_paper_source": "kdiff §5.1"},
            "sources": {"pixel": "timm constants; JiT engine", "latent": "LightningDiT latent_norm"}, "twin_gap": twin}


def _resid(worst=0.0343, twin=1e-15, unclamped=0.0):
    return {"clamp": 0.05, "steps": 50, "ks": [0.99, 1.0],
            "clamped": {"Alg. 2 (Euler)": [0.0083, 0.0144], "JiT (Heun, Euler last step)": [0.0099, 0.0171]},
            "noise_scales": {"256": 1.0, "512": 2.0}, "unclamped_max": unclamped, "twin_gap": twin, "t_last_eval": 0.98,
            "min_den_unclamped": 0.02, "worst": {"residual": worst, "where": "JiT, k = 1.0, 512 px"}, "sources": []}



def _gain(latent=0.0349, pixel=0.0040, twin=1e-15):
    return {"probes": [{"what": "latent", "ratio": 1.94, "k_star": 0.66, "gain": latent, "best_discrete_k": 0.5},
                       {"what": "pixel", "ratio": 100.0, "k_star": 0.99, "gain": pixel, "best_discrete_k": 1.0}],
            "max_gain": 0.111, "max_gain_ratio": 3.0, "gain_at_1e4": 4e-5, "twin_gap": twin}


def _sample(gaps=(-0.108, -0.055, -0.020), twin=1e-11, std=0.8):
    return {"c_par": "3*k/2 - 3/4", "c_perp": "3*k/2 - 3/2", "twin_gap": twin, "euler_steps": 50,
            "probes": [{"ratio": r, "k_star": r / (r + 1), "k_w2": r / (r + 1) + g, "gap": g, "k_w2_euler": r / (r + 1) + g,
                        "w2_min": 0.05, "w2_at_kstar": 0.06, "std_par_at_kstar": std, "std_perp_at_kstar": 0.1}
                       for r, g in zip((2.0, 10.0, 100.0), gaps)]}

EXAMPLES = {
    "kdiff.appA.kappa": _lines_examples(),
    "kdiff.appB.second_moments": {
        "verified": _appB(),
        "corrected": _appB(ok=False),
        "refuted": _appB(ok=False, z=40.0),
        # PᵀP ≠ I in our construction; or the Monte Carlo rejects a derivation that every printed line equals
        "error": [_appB(exact=False), _appB(z=40.0), _appB(z=None)],
    },
    "kdiff.eq8.gradient_flow": {
        "verified": _eq8(), "corrected": _eq8(ok=False), "refuted": _eq8(ok=False, z=30.0),
        "error": [_eq8(z=30.0), _eq8(z=None)],
    },
    # the independent check is the float64 twin itself: a failing check is an error, never refuted
    "kdiff.eq9.decoupling": {"verified": _eq9(), "corrected": _eq9(ok=False), "error": [_eq9(gap=1e-3), _eq9(ok=False, gap=1.0)]},
    "kdiff.thm3_1.w_star": _lines_examples(),
    "kdiff.thm3_1.delta_star": {
        "verified": _delta(), "corrected": _delta(ok=False),
        "error": [_delta(g12=1e-3), _delta(gres=1e-3), _delta(gres=None)],
    },
    "kdiff.thm3_1.remarks": {"verified": _remarks(), "refuted": _remarks(ok=False)},
    "kdiff.appD.derivation": {"verified": _appD(), "corrected": _appD(ok=False), "error": _appD(gap=0.1)},
    "kdiff.thm3_2.kstar": {
        "verified": _thm32(), "corrected": _thm32(eq55=False), "refuted": _thm32(eq55=False, curv=False),
        "error": [_thm32(gap=0.01), _thm32(gap=None)],
    },
    "kdiff.sec3_3.special_targets": {"verified": _special(), "refuted": _special(ok=False), "error": _special(gap=0.5)},
    "kdiff.sec3_3.regimes": {"verified": _regimes(), "refuted": _regimes(ok=False), "error": _regimes(gap=0.1)},
    "kdiff.alg1.velocity_conversion": _lines_examples(),
    "kdiff.alg1.kappa_v_loss": {
        "verified": _kappa(),
        # the loss's own weighting is not 1/max(den, c) (e.g. the clamp applied to one side only)
        "refuted": [_kappa(fd_c=0.3), _kappa(eq26=False), _kappa(fd_u=None)],
        "error": _kappa(twin=1e-4),
    },
    "kdiff.appE.two_param_equivalence": {
        "verified": _two(),
        # not a function of k0/(k0 + k1); or Table 3 inconsistent with its single k (e.g. (0.60, 0.45) → 0.571)
        "refuted": [_two(inv=False), _two(k0=0.60, k1=0.45)],
        "error": _two(gap=1e-3),
    },
    "kdiff.beyond.endpoint_limits": {"verified": _ends(), "refuted": _ends(ok=False),
                                     "error": [_ends(gap=1e-3), _ends(k0=0.0)]},
    "kdiff.beyond.kstar_general_sampler": _relax_examples(**GENERAL),
    "kdiff.beyond.kstar_practical_losses": {
        "verified": _practical(concl=1e-4, ties=(1.0,)),
        "corrected": [_practical(), _practical(ties=(1.0,))],
        "error": [_practical(gap=0.05), _practical(gap=None)],
    },
    "kdiff.beyond.data_scale": _relax_examples(),
    "kdiff.beyond.time_conditioned_w": {
        "verified": _tc(concl=1e-9), "corrected": _tc(), "refuted": _tc(facts_ok=False),
        "error": [_tc(twin=1e-3), _tc(flat=1e-3), _tc(flat=None)],
    },
    "kdiff.thm3_1.remark_regimes": {"verified": _remark(), "refuted": _remark(ok=False), "error": _remark(gap=1e-3)},
    "kdiff.sec3_2.variational_target": {
        "verified": _variational(zero=False), "corrected": _variational(), "refuted": _variational(kline=False, kline_num=0.0),
        "error": _variational(num_rel=1e-3),
    },
    "kdiff.sec6.training_efficiency": {
        "verified": _efficiency(free=False), "corrected": _efficiency(), "refuted": _efficiency(loss_dims=False),
        "error": _efficiency(gap=1e-3),
    },
    "kdiff.beyond.kstar_gain_size": {
        "corrected": _gain(), "verified": _gain(pixel=0.02), "refuted": _gain(latent=0.005, pixel=0.001),
        "error": _gain(twin=1e-3),
    },
    "kdiff.beyond.sample_optimal_k": {
        "corrected": [_sample(), _sample(gaps=(0.0, 0.02, 0.0), std=1.1)], "verified": _sample(gaps=(0.001, -0.002, 0.0)),
        "error": _sample(twin=1e-3),
    },
    "kdiff.beyond.kstar_vs_target_norm": {
        "verified": _norm(agree=True), "corrected": _norm(), "refuted": _norm(l0=False), "error": _norm(gap=1e-3),
    },
    "kdiff.beyond.covariance_not_manifold_dim": {
        "verified": _curve(k_pop=0.8889), "corrected": _curve(), "error": [_curve(mc_gap=0.05), _curve(twin=1e-3)],
    },
    "kdiff.sec5_1.latent_k_ambient": {
        "open": _ambient(), "verified": _ambient(reach=1.94), "refuted": _ambient(k=0.52),
    },
    "kdiff.sec5_2.pixel_k_confirms_thm32": {
        "verified": _pixel(), "refuted": [_pixel(run_last=0.80), _pixel(step=-0.2)],
    },
    "kdiff.thm3_1.remark_perp_kappa": {
        "verified": _perpk(other=0.0), "corrected": _perpk(), "refuted": _perpk(u=0.1), "error": _perpk(gap=1e-3),
    },
    "kdiff.beyond.kstar_from_data_energy": {
        "verified": _energy(pix=0.99, lat=0.66), "corrected": [_energy(), _energy(pix=0.99), _energy(lat=0.66)],
        "error": _energy(twin=1e-3),
    },
    "kdiff.beyond.clamp_sampling_residual": {
        "verified": _resid(worst=0.001), "corrected": _resid(),
        "error": [_resid(twin=1e-3), _resid(unclamped=1e-3)],
    },
}
