"""Synthetic evidence for the decisions of toy/claims_erd_ntk.py (Figs. 9–12 on the trained global models)."""

FULL = {"app_f_settings": True, "scale": "full", "train": "width 256, 2000 iterations, batch 512, Adam 0.001"}
QUICK = {"app_f_settings": False, "scale": "quick", "train": "width 64, 400 iterations, batch 128, Adam 0.001"}
TS = [0.05, 0.5, 0.95]


def _decay(decades, rise=0.0, ck=None, noise=0.05):
    return {"decades": decades, "decades_checkpoint": decades if ck is None else ck, "worst_rise": rise,
            "worst_rise_checkpoint": rise, "noise": noise, "log10_kappa1": [0.0, -1.0, -decades]}


def _fig10(settings, *models, seed=0.05):
    return {**settings, "ts": TS, "n": 300, "models": {f"m{i}": m for i, m in enumerate(models)}, "cell": "eps/gvp",
            "seed_replicates": 5, "seed_noise": {"decades": seed, "worst_rise": seed}}


def _crit(margin, lo=None, hi=None, drift=0.0):
    return {"margin": margin, "lo": lo, "hi": hi, "drift": drift, "per_replicate": [margin]}


def _sched(left, right, hump, reps=1, noise=0.02, hump_left=0.03):
    def c(m):
        return _crit(m, m - 0.05, m + 0.05) if reps > 1 else _crit(m)
    return {"replicates": reps, "noise": noise, "t_min": 0.5, "start_over_min": 10 ** (left + 0.08),
            "end_over_min": 10 ** (right + 0.08), "peak_before_min_over_start": 10 ** (0.04 - hump_left),
            "t_peak_before_min": 0.05, "peak_after_min_over_end": 10 ** (0.04 - hump),
            "mean_log10_kappa1": [0.0], "left_wall": c(left), "right_wall": c(right), "no_hump_left": c(hump_left),
            "no_hump_right": c(hump)}


def _u(settings, seed=0.03, **schedules):
    return {**settings, "ts": TS, "schedules": schedules, "cell": "eps/gvp",
            "seed_noise": {c: seed for c in ("left_wall", "right_wall", "no_hump_left", "no_hump_right")}}


U_OK = dict(linear=_sched(0.5, 0.5, 0.03), gvp=_sched(0.4, 0.6, 0.03, reps=5))
U_HUMP = dict(linear=_sched(0.5, 0.5, 0.03), gvp=_sched(0.2, 0.1, -0.2, reps=5))  # falls 10^0.24 from a peak
U_FLAT_START = dict(linear=_sched(-0.08, 1.2, 0.04), gvp=_sched(0.4, 0.6, 0.03, reps=5))  # steady rise, no dip
U_UNSURE = dict(linear=_sched(0.01, 0.5, 0.03), gvp=_sched(0.4, 0.6, 0.03, reps=5))  # left wall within the noise
# full scale, App. F: a peak at t ≈ 0.2 (2.5× the start) before the minimum, a mild rise after it
U_HUMP_FIRST = dict(linear=_sched(0.5, 0.5, 0.03), gvp=_sched(0.15, 0.17, 0.04, reps=5, hump_left=-0.36))


def _rank(excess, noise=0.1, ck=None):
    return {"erank_last": 2 + excess, "erank_hom_last": 2.0, "excess_modes": excess,
            "excess_modes_checkpoint": excess if ck is None else ck, "noise": noise, "erank_peak": 6.0, "erank": [6.0]}


def _fig11(settings, *models, seed=0.2):
    return {**settings, "ts": TS, "models": {f"m{i}": m for i, m in enumerate(models)}, "cell": "eps/gvp",
            "seed_replicates": 5, "seed_noise": seed}


def _gram(contrast, share, draw_b_shift=0.0):
    return {"contrast_005": contrast, "contrast_005_checkpoint": contrast, "contrast_005_draw_b": contrast + draw_b_shift,
            "top_share_095": share, "top_share_095_checkpoint": share, "top_share_095_draw_b": share + draw_b_shift,
            "mean_cosine_095": share}


def _fig12(settings, *models, seed=0.02):
    return {**settings, "models": {f"m{i}": m for i, m in enumerate(models)}, "cell": "eps/gvp", "seed_replicates": 5,
            "seed_noise": {"contrast_005": seed, "top_share_095": seed},
            "untrained_control": {"contrast_005_mean": 0.02, "top_share_095_mean": 1.0}}


def _rep(first, last, ratio, noise=0.01):
    return {"sep_first": first, "sep_first_checkpoint": first, "sep_first_noise": noise, "sep_last": last,
            "sep_last_checkpoint": last, "sep_last_noise": noise, "radius_ratio": ratio,
            "radius_ratio_checkpoint": ratio, "radius_ratio_noise": noise, "rms_radius": [1.0, ratio],
            "separability": [first, last]}


def _fig9(settings, *models, seed=0.02):
    return {**settings, "ts": [0.1, 0.4, 0.7, 0.9], "models": {f"m{i}": m for i, m in enumerate(models)},
            "cell": "eps/gvp", "seed_replicates": 5,
            "seed_noise": {"sep_first": seed, "sep_last": seed, "radius_ratio": seed}}


def _gap(gaps, noise=0.01):
    return {"gap": list(gaps), "gap_checkpoint": list(gaps), "gap_noise": [noise] * len(gaps),
            "acc_h": [0.9, 0.6, 0.4, 0.3], "acc_z": [0.9, 0.6, 0.4, 0.3]}


def _deg(settings, *models, seed=0.01):
    return {**settings, "ts": [0.4, 0.7, 0.9], "models": {f"m{i}": m for i, m in enumerate(models)}, "n_test": 1000,
            "cell": "eps/gvp", "seed_replicates": 5, "seed_noise": [seed] * 3,
            "acc_z_last_min": 0.26, "acc_z_last_max": 0.41}


EXAMPLES = {
    "erd.fig10.eigen_decay": {
        "verified": _fig10(FULL, _decay(3.0), _decay(2.5)),
        "refuted": [_fig10(FULL, _decay(3.0), _decay(0.8)), _fig10(FULL, _decay(3.0), _decay(3.0, rise=0.4))],
        "open": [_fig10(FULL, _decay(3.0), _decay(2.02)), _fig10(FULL, _decay(3.0), _decay(2.5, ck=1.5)),
                 _fig10(FULL, _decay(3.0), _decay(1.8), seed=0.5), _fig10(FULL, _decay(3.0), _decay(2.5), seed=None),
                 _fig10(QUICK, _decay(0.8))],
    },
    "erd.fig10.eps_u_shape": {
        "verified": _u(FULL, **U_OK),
        "refuted": [_u(FULL, **U_HUMP), _u(FULL, **U_FLAT_START), _u(FULL, **U_HUMP_FIRST)],
        "open": [_u(FULL, **U_UNSURE), _u(QUICK, **U_FLAT_START)],
    },
    "erd.fig11.effective_rank": {
        "verified": _fig11(FULL, _rank(0.2), _rank(0.5)),
        "refuted": _fig11(FULL, _rank(0.2), _rank(2.0)),
        "open": [_fig11(FULL, _rank(0.2), _rank(1.05)), _fig11(FULL, _rank(0.2), _rank(0.5, ck=1.5)),
                 _fig11(QUICK, _rank(2.0))],
    },
    "erd.fig12.homogenization": {
        "verified": _fig12(FULL, _gram(0.8, 0.95), _gram(0.7, 0.93)),
        "refuted": [_fig12(FULL, _gram(0.8, 0.95), _gram(0.1, 0.95)), _fig12(FULL, _gram(0.8, 0.95), _gram(0.8, 0.7))],
        "open": [_fig12(FULL, _gram(0.8, 0.95), _gram(0.52, 0.95, draw_b_shift=0.05)), _fig12(QUICK, _gram(0.1, 0.8))],
    },
    "erd.fig9.representation_collapse": {
        "verified": _fig9(FULL, _rep(0.97, 0.05, 0.2), _rep(0.95, 0.1, 0.5)),
        "refuted": [_fig9(FULL, _rep(0.97, 0.05, 0.2), _rep(0.95, 0.1, 5.0)),
                    _fig9(FULL, _rep(0.97, 0.05, 0.2), _rep(0.5, 0.1, 0.5))],
        "open": [_fig9(FULL, _rep(0.97, 0.05, 0.2), _rep(0.95, 0.1, 0.995)), _fig9(QUICK, _rep(0.97, 0.05, 5.0)),
                 _fig9(FULL, _rep(0.97, 0.05, 0.2), _rep(0.95, 0.1, 1.12), seed=0.2)],
    },
    "erd.fig9.degradation_beyond_input": {
        "verified": _deg(FULL, _gap([0.02, 0.12, 0.08]), _gap([0.0, 0.2, 0.1])),
        "refuted": _deg(FULL, _gap([0.02, 0.12, 0.08]), _gap([0.0, 0.002, 0.003])),
        "open": [_deg(FULL, _gap([0.02, 0.12, 0.08]), _gap([0.0, 0.055, 0.003])),
                 _deg(QUICK, _gap([0.0, 0.002, 0.003]))],
    },
}


def _univ(att, ck=None, seed=(0.17, 0.26, 0.21), settings=FULL):
    return {**settings, "ts": TS, "cell": "eps/gvp", "seed_replicates": 5, "seed_noise": list(seed),
            "models": {"x0/linear": {"attenuation": [1.2, 1.1, 1.5], "attenuation_checkpoint": [1.2, 1.1, 1.5]},
                       "eps/linear": {"attenuation": list(att), "attenuation_checkpoint": list(att if ck is None else ck)}}}


def _cap(trained, init, settings=FULL, noise=0.02):
    m = {"top_share_trained": trained, "top_share_checkpoint": trained, "top_share_draw_b": trained - 0.01,
         "top_share_init": init, "contrast_trained": 0.005, "contrast_init": 0.0}
    return {**settings, "cell": "eps/gvp", "seed_replicates": 5, "seed_noise": noise, "models": {"eps/linear": m},
            "contrast_005_init": 0.02, "contrast_005_trained_min": 0.55, "contrast_005_trained_max": 0.8}


EXAMPLES.update({
    "erd.fig10.caption_universal": {
        "verified": _univ([0.8, 0.9, 1.0]), "refuted": _univ([-1.28, -1.27, -1.57]),
        "open": [_univ([0.05, 0.06, 0.77]), _univ([-1.28, -1.27, -1.57], settings=QUICK)],
    },
    "erd.fig12.capacity_loss": {
        "verified": _cap(0.97, 0.6), "refuted": _cap(0.55, 0.99), "open": [_cap(0.9, 0.91), _cap(0.55, 0.99, QUICK)],
    },
})
