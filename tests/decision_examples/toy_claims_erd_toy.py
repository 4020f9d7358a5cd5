"""Synthetic evidence for the decisions of toy/claims_erd_toy.py (the exact GMM claims, Fig. 8, Lemma C.2,
Prop. B.1 and the NTK tooling)."""

CELLS = {"eps/linear/t=0.5": {"quadrature": 0.46, "monte_carlo": 0.461, "z": 1.1}}


def _floors(z=2.1, conv=2e-7):
    return {"cells": CELLS, "max_abs_z": z, "max_node_rel_change": conv, "mc_draws": 50000, "nodes": 200,
            "nodes_check": 400}


def _c1(cross=2.5, resid=2.0):
    return {"pairs": {"eps/linear": {}}, "t": 0.35, "draws": 100000, "max_abs_cross_z": cross,
            "max_abs_residual_z": resid, "max_abs_argmin_c": 3.7e-3}


def _d1(gelbrich=0.1, emp=0.2, limit=3.5e-17):
    return {"cells": {"vp/t=0.5": {"bound": 1.0, "gelbrich_lower": gelbrich, "empirical_W2sq": emp}},
            "empirical_floor_W2sq": 0.048, "n": 1000, "bound_at_lambda": [[-5.0, 0.05], [-40.0, limit]],
            "bound_at_t1": {"linear": 0.0, "vp": 3.5e-4, "gvp": 3e-32}}


def _c2(split=4.8e-16, ratio=0.39, twin=1e-15):
    return {"cells": {"eps/t=0.5": {"noise_share": 0.33}}, "split_max_rel_err": split, "bound_ratio_max": ratio,
            "frobenius_twin_rel_err": twin, "schedule": "linear", "scale": "full"}


def _b1(slope=2.0, rel=4.8e-6):
    return {"targets": {"eps": {"contraction_norm": 1.0, "forcing_norm": 1.4}},
            "loglog_slopes": {"eps": slope, "x0": 2.0}, "max_rel_error_smallest_eta": rel, "smallest_eta": 1e-3,
            "width": 32, "batch": 16}


def _curve(first, last, crossings=1, rho=0.9, lo=None):
    lr = [1.0 if first else -1.0, 0.0, 1.0 if last else -1.0]
    return {"log10_noise_over_signal": lr, "noise_dominated_first": first, "noise_dominated_last": last,
            "crossings": crossings, "spearman_vs_t": rho, "max_abs_log10": 1.0 if lo is None else lo}


def _poles(eps_first=True):
    return {"curves": {"eps/linear": _curve(eps_first, False, rho=-0.8), "x0/linear": _curve(False, True)},
            "ts": [0.02, 0.98]}


def _migration(eps=(False, True, 0.8), balance=(2.0, 2.0, 1.0, 0.9)):
    curves = {}
    for tg, b in zip(("eps", "x0", "v", "u"), balance):
        first, last, rho = eps if tg == "eps" else (False, True, 0.9)
        curves[f"{tg}/linear"] = _curve(first, last, rho=rho, lo=b)
    return {"curves": curves, "ts": [0.02, 0.98], "schedules": ["linear"]}


EXAMPLES = {
    "erd.floors.quadrature": {"verified": _floors(), "error": [_floors(z=7.0), _floors(conv=1e-3), _floors(z=None)]},
    "erd.lemma_c1.gmm": {"verified": _c1(), "error": [_c1(cross=6.0), _c1(resid=8.0)]},
    "erd.beyond.signal_split": {
        "verified": {"max_rel_err": 2.6e-8, "worst": "eps/linear/t=0.3", "ts": [0, 0.3, 0.7, 1], "nodes": 200},
        "error": {"max_rel_err": 0.025, "worst": "eps/gvp/t=0.3", "ts": [0, 0.3, 0.7, 1], "nodes": 4}},
    "erd.lemma_d1.w2_gmm": {"verified": _d1(), "refuted": [_d1(gelbrich=1.5), _d1(limit=1e-3)],
                            "open": _d1(emp=1.5)},
    "erd.lemma_c2.gradient": {"verified": _c2(), "refuted": _c2(ratio=1.2), "error": [_c2(split=1e-3), _c2(twin=1e-4)]},
    "erd.prop_b1.ntk_step": {"verified": _b1(), "refuted": [_b1(slope=1.0), _b1(rel=0.05)]},
    "erd.ntk.paths_agree": {
        "verified": {"disagreement": {"structured_vs_jacrev": 7e-15, "lanczos_vs_dense_top3": 1e-12}, "n": 12},
        "error": {"disagreement": {"structured_vs_jacrev": 0.3, "lanczos_vs_dense_top3": 1e-12}, "n": 12}},
    "erd.fig8.poles": {"verified": _poles(), "refuted": _poles(eps_first=False)},
    "erd.fig8.migration": {"verified": _migration(), "refuted": [_migration(eps=(True, False, -0.8)),
                                                                 _migration(balance=(2.0, 2.0, 2.5, 0.9))]},
}


def _weak(eps_signal, eps_share):
    good = {"signal_rms": [1.0, 0.05], "floor_share": [0.01, 0.99], "spearman_signal_vs_t": -0.99,
            "spearman_floor_share_vs_t": 0.99}
    eps = {"signal_rms": [0.07, 1.0], "floor_share": [0.99, 0.002], "spearman_signal_vs_t": eps_signal,
           "spearman_floor_share_vs_t": eps_share}
    return {"curves": {"x0/linear": good, "eps/linear": eps}, "ts": [0.02, 0.5, 0.98]}


EXAMPLES["erd.thm_d2.recoverable_weakens"] = {"verified": _weak(-0.5, 0.5), "refuted": [_weak(0.99, -0.99), _weak(-0.5, -0.2)]}


def _shrink(rise):
    return {"schedules": {"linear": {"rms_at_fig9_ts": [2.856, 2.824, 1.937, 0.627], "ratio_09_01": 0.22,
                                     "largest_rel_rise": rise}}, "ts": [0.1, 0.9], "points": 17, "data_rms": 2.86}


EXAMPLES["erd.beyond.bayes_x0_shrinkage"] = {"verified": _shrink(0.0), "refuted": _shrink(0.05)}
