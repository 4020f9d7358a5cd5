"""Synthetic evidence for the decisions of linear_model/claims_linear.py (only the fields each decision reads)."""

import copy


# ------------------------------------------------------------------------------------------ fixed k, modes
def _fixed(w=1e-12, loss=1e-13, grad=1e-12, cap=0):
    case = {"setting": "D=24, d=3, loss=u", "k": 0.7, "draw": 0, "w_rel_err": w, "loss": 1.0, "delta_star": 1.0,
            "loss_rel_err": loss, "grad_norm_end": grad}
    return {"cases": [case], "max_w_rel_err": w, "max_loss_rel_err": loss, "max_grad_norm_end": grad,
            "draws_per_case": 2, "gtol": 1e-10, "refine_iters_max": 3, "hit_cap": cap}


def _modes(disc=1e-15, replay=1e-16):
    run = {"setting": "D=24, d=3, loss=u", "lr": 0.05, "rate_par": 0.666, "rate_perp": 0.333}
    return {"runs": [run], "max_rel_err_vs_exact_GD_solution": disc, "max_rel_err_vs_flow_solution": 0.02,
            "max_abs_gap_autograd_vs_eq8_gradient": replay}


# ------------------------------------------------------------------------------------------ learned k sweep
def _row(family="u / uniform", D=8, d=2, k=0.8, k_star=0.8, grad=1e-13, stationary=False, stype=None, fixed=False,
         left=False, ties=False, ds_learned=None, ds_star=None, cap=False):
    return {"family": family, "D": D, "d": d, "k_learned": k, "k_after_steps": k, "k_drift_last20": 0.0,
            "grad_norm_end": grad, "grad_norm_start": 0.0 if fixed else 0.1, "k_star": k_star,
            "D_over_D_plus_d": D / (D + d), "loss": 1.0, "delta_star_at_learned": ds_learned,
            "delta_star_at_k_star": ds_star, "start_stationary": stationary, "start_type": stype, "ends_tie": ties,
            "start_fixed_point": fixed, "left_stationary_point_by_roundoff": left, "hit_cap": cap, "refine_iters": 1}


TIE_ROW = _row("v / logit-normal(0,1) / clamp 0.05", 4, 4, k=1.0, k_star=0.0, stationary=True, stype="maximum",
               fixed=True, left=True, ties=True, ds_learned=3.89, ds_star=3.89)
GOOD_ROWS = [_row(), _row(D=64, d=4, k=64 / 68, k_star=64 / 68),
             _row("v / logit-normal(0,1) / clamp 0.05", 64, 4, k=0.9999999, k_star=1.0), TIE_ROW]


def _sweep(rows):
    return {"table": rows, "n_settings": len(rows)}


# a v-loss setting missing k* by 0.3 with a higher Δ* (converged): the counterexample
BAD_ROW = _row("v / uniform / clamp 0.05", 8, 2, k=0.7, k_star=1.0, ds_learned=2.5, ds_star=2.0)
# a tie in Δ* away from k*: success
TIED_ROW = _row("v / uniform / clamp 0.05", 8, 2, k=0.0, k_star=1.0, ds_learned=2.0, ds_star=2.0)


def _fams(u_dev=1e-9, other_dev=0.3, u_assumed=True):
    return {"u / uniform": {"max_abs_dev_from_D_over_D_plus_d": u_dev, "thm32_assumptions": u_assumed},
            "v / logit-normal(0,1) / clamp 0.05": {"max_abs_dev_from_D_over_D_plus_d": other_dev,
                                                   "thm32_assumptions": False}}


def _dd(fams, rows):
    return {"families": fams, "v_loss_learned_k": [1.0], "table": rows}


# ------------------------------------------------------------------------------------------ SGD
def _sgd(lo, hi, drift=1e-4, scale="full", k_star=0.8):
    return {"setting": "D=8, d=2", "scale": scale, "k_seeds": [0.8] * 6, "mean": 0.8 if lo is None else (lo + hi) / 2,
            "ci": [lo, hi],
            "k_star": k_star, "drift_last20": [drift] * 6}


def _latent(lo, hi, drift=1e-4, scale="full"):
    return {"scale": scale, "seeds": list(range(6)), "k_gaussian": [0.8] * 6, "k_uniform_latent": [0.8] * 6,
            "mean_difference": (lo + hi) / 2, "ci": [lo, hi], "drift_last20": [drift] * 12}


# ------------------------------------------------------------------------------------------ two parameters
def _two(inv=4e-16, gain=5e-15, ratio=0.9941, single=0.9941, grad=1e-12, cap=False):
    return {"max_rel_change_unclamped_under_scaling": inv, "gain_rel_two_over_single": gain,
            "grad_norm_two": grad, "grad_norm_single": grad, "trained_ratio_unclamped": ratio, "single_k_learned": single,
            "two_param_min_loss": 11.696, "single_k_min_loss": 11.696, "scales": [1.0, 0.5, 0.1, 0.02],
            "paper_ratio_k0_over_k0_plus_k1": 0.5221, "min_W_loss_clamp0.05_by_scale": [[12.3], [0.68]],
            "clamped_loss_falls_with_scale": True, "k0": [0.5], "trained_k0_k1_clamp0.05": [0.0, 0.0],
            "gtol": 1e-10, "refine_iters": [1, 0], "hit_cap": cap}


# ------------------------------------------------------------------------------------------ binned k(t)
def _shape(D, d, falls, first=1.0, last=0.6):
    return {"setting": f"D={D}, d={d}", "D": D, "d": d, "d_over_D": d / D, "falls": falls, "fall": first - last,
            "max_rise": 0.0 if falls else 0.04, "k_first": first, "k_last": last, "k_min": min(first, last),
            "k_max": max(first, last)}


SHAPES_DENSE_ONLY = [_shape(4, 4, True, 0.94, 0.06), _shape(16, 12, True, 1.0, 0.57), _shape(16, 4, False, 1.0, 0.99),
                     _shape(64, 4, False, 0.98, 1.0)]
SHAPES_ALL = [_shape(4, 4, True, 0.94, 0.06), _shape(16, 12, True, 1.0, 0.57), _shape(16, 4, True, 0.9, 0.6),
              _shape(64, 4, True, 0.9, 0.7)]
SHAPES_NONE = [_shape(D, d, False, 1.0, 1.0) for D, d in ((4, 4), (16, 12), (16, 4), (64, 4))]
SHAPES_UNORDERED = [_shape(4, 4, False, 1.0, 1.0), _shape(16, 12, True, 1.0, 0.57), _shape(16, 4, False, 1.0, 0.99),
                    _shape(64, 4, True, 0.9, 0.7)]


def _falls(shapes, drift=1e-3, scale="full"):
    return {"scale": scale, "n_bins": 128, "steps": 4000, "learned_shapes": shapes, "max_drift_on_mass": drift}


def _ends(end_ci, int_ci=(0.24, 0.26), exact=0.46, scale="full"):
    return {"n_bins": 128, "lr": 0.01, "betas": [0.9, 0.95], "draws": 1_639_424, "lr_times_draws": 16394, "paper_lr_times_draws": 16399,
            "seeds": list(range(10)), "end_move_mean": 0.05 if end_ci[0] is None else sum(end_ci) / 2,
            "end_move_ci": list(end_ci),
            "interior_move_mean": sum(int_ci) / 2, "interior_move_ci": list(int_ci), "P_t_in_end_bin": 6.4e-7,
            "expected_draws_in_each_end_bin": 1.05, "paper_expected_draws_in_each_end_bin": 52.5,
            "exact_adam_end_move": exact, "scale": scale}


SYMBOLIC_OK = {"B1_holds": True, "B2_holds": True, "B3_equals_coded": True, "B4_holds": True, "B5_holds": True}
U_TWINS = [{"D": 64, "d": 4, "sampler": "uniform", "a": 0.965, "b": -0.398, "k_at_0": 0.566, "k_at_1": 0.965,
            "inside": True, "max_abs_diff_numeric_vs_closed": 1e-8, "best_constant_k": 0.941}]


def _theory(shapes, sym=None, twin=1e-8, dense_dev=3e-7, floor_gap=1e-10):
    tw = copy.deepcopy(U_TWINS)
    tw[0]["max_abs_diff_numeric_vs_closed"] = twin
    return {"n_bins": 128, "symbolic": dict(SYMBOLIC_OK, **(sym or {})), "u_loss_twins": tw, "optimum_shapes": shapes,
            "dense_max_dev_from_1_minus_t": dense_dev, "dense_delta_opt": 3.4825, "dense_lmmse_floor": 3.4825,
            "dense_floor_rel_gap": floor_gap}


def _lvo(adam=(0.005, 0.97), stat=(0.004, 0.99), drift=1e-4):
    rows = []
    for D, d in ((4, 4), (64, 4)):
        rows.append({"D": D, "d": d, "adam_max_diff_on_mass": adam[0], "adam_gain_share": adam[1],
                     "stationary_max_diff_on_mass": stat[0], "stationary_gain_share": stat[1],
                     "adam_drift_on_mass": drift})
    return {"n_bins": 128, "steps": 4000, "settings": rows}


def _gain(gains, floor_gap=1e-10):
    rows = [{"D": D, "d": d, "rel_gain": g, "delta_const": 3.89, "delta_opt": 3.89 * (1 - g)}
            for (D, d), g in zip(((4, 4), (16, 12), (16, 4), (64, 4)), gains)]
    return {"settings": rows, "dense_delta_opt": 3.4825, "dense_lmmse_floor": 3.4825, "dense_floor_rel_gap": floor_gap}


EXAMPLES = {
    "kdiff.sim.linear.fixed_k_equilibrium": {
        "verified": _fixed(),
        "refuted": [_fixed(w=1e-2), _fixed(loss=1e-3)],
        "open": [_fixed(w=1e-2, grad=1e-3), _fixed(w=1e-2, grad=5e-9, cap=1)],
    },
    "kdiff.sim.linear.mode_dynamics": {
        "verified": _modes(),
        "refuted": [_modes(disc=1e-6), _modes(replay=1e-3)],
    },
    "kdiff.sim.linear.learned_k_vs_kstar": {
        "verified": [_sweep(GOOD_ROWS), _sweep(GOOD_ROWS + [TIED_ROW])],
        "refuted": _sweep(GOOD_ROWS + [BAD_ROW]),
        "open": [_sweep([TIE_ROW]), _sweep(GOOD_ROWS + [_row(k=0.7, grad=1e-3)]),
                 _sweep(GOOD_ROWS + [_row(grad=2e-9, cap=True)])],
    },
    "kdiff.sim.linear.learned_k_is_D_over_D_plus_d": {
        "verified": _dd(_fams(other_dev=1e-9), GOOD_ROWS[:2]),
        "corrected": _dd(_fams(), GOOD_ROWS),
        "refuted": [_dd(_fams(u_dev=0.1), GOOD_ROWS), _dd(_fams(), GOOD_ROWS + [BAD_ROW]),
                    _dd(_fams(u_assumed=False), GOOD_ROWS)],
    },
    "kdiff.sim.linear.sgd_learned_k": {
        "verified": [_sgd(0.7997, 0.8008), _sgd(0.7967, 0.7987, scale="quick")],
        "refuted": _sgd(0.85, 0.86),
        "open": [_sgd(0.785, 0.80), _sgd(0.85, 0.86, scale="quick"), _sgd(0.7997, 0.8008, drift=0.05),
                 _sgd(None, None)],
    },
    "kdiff.sim.linear.non_gaussian_latent": {
        "verified": [_latent(-0.0006, -0.0001), _latent(-0.003, 0.002, scale="quick")],
        "refuted": _latent(0.02, 0.03),
        "open": [_latent(-0.005, 0.015), _latent(0.02, 0.03, scale="quick"), _latent(-0.001, 0.001, drift=0.02)],
    },
    "kdiff.sim.linear.two_param_target": {
        "verified": _two(inv=1e-3),
        "corrected": _two(),
        "refuted": [_two(gain=1e-2), _two(ratio=0.9, single=0.99)],
        "open": [_two(grad=1e-3), _two(grad=5e-9, cap=True)],
    },
    "kdiff.sim.linear.binned_k_falls": {
        "verified": _falls(SHAPES_ALL),
        "corrected": [_falls(SHAPES_DENSE_ONLY), _falls(SHAPES_DENSE_ONLY, scale="quick")],
        "refuted": [_falls(SHAPES_NONE), _falls(SHAPES_UNORDERED)],
        "open": [_falls(SHAPES_NONE, scale="quick"), _falls(SHAPES_ALL, drift=0.2)],
    },
    "kdiff.sim.linear.binned_k_ends": {
        "verified": _ends((0.0, 0.03)),
        "refuted": _ends((0.06, 0.11)),
        "open": [_ends((0.03, 0.14)), _ends((0.06, 0.11), scale="quick"), _ends((0.0, 0.03), int_ci=(0.0, 0.05)),
                 _ends((0.0, 0.03), exact=0.01), _ends((None, None))],
    },
    "kdiff.appE.binned_k_theory": {
        "verified": _theory(SHAPES_ALL),
        "corrected": _theory(SHAPES_DENSE_ONLY),
        "refuted": [_theory(SHAPES_NONE), _theory(SHAPES_UNORDERED)],
        "error": [_theory(SHAPES_DENSE_ONLY, sym={"B4_holds": False}), _theory(SHAPES_DENSE_ONLY, twin=0.1),
                  _theory(SHAPES_DENSE_ONLY, dense_dev=0.05), _theory(SHAPES_DENSE_ONLY, floor_gap=1e-3)],
    },
    "kdiff.beyond.binned_k_learned_vs_optimum": {
        "verified": _lvo(),
        "corrected": _lvo(adam=(0.009, 0.43)),
        "refuted": _lvo(adam=(0.009, 0.43), stat=(0.1, 0.5)),
        "open": _lvo(adam=(0.1, 0.2), drift=0.2),
    },
    "kdiff.beyond.binned_k_gain_linear": {
        "verified": _gain([1e-4, 5e-4, 1e-4, 0.0]),
        "corrected": _gain([0.1058, 0.067, 0.0128, 0.0033]),
        "refuted": _gain([0.01, 0.067, 0.0128, 0.0033]),
        "error": _gain([0.1058, 0.067, 0.0128, 0.0033], floor_gap=1e-3),
    },
}
