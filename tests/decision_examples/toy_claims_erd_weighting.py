"""Synthetic evidence for the decision of toy/claims_erd_weighting.py (erd's main claim at toy scale)."""

FULL = {"app_f_settings": True, "scale": "full", "train": "width 256, 2000 iterations, batch 512, Adam 0.001"}
QUICK = {"app_f_settings": False, "scale": "quick", "train": "width 64, 400 iterations, batch 128, Adam 0.001"}


def _w(settings, diffs):
    w2 = {w: {"mean": 0.5, "lo": 0.4, "hi": 0.6, "per_replicate": [0.5] * 5} for w in ("uniform", "erd", "min-snr", "p2")}
    erd_minus = {w: {"mean": m, "lo": lo, "hi": hi, "drift": d} for w, (m, lo, hi, d) in diffs.items()}
    return {**settings, "cell": "eps/gvp", "seeds": 5, "w2": w2, "erd_minus": erd_minus,
            "mean_excess": {"uniform": 0.01, "erd": 0.01, "min-snr": 0.012, "p2": 0.011}, "w2_data_vs_data": 0.2,
            "sample_n": 1000, "sample_steps": 100}


BETTER = (-0.1, -0.15, -0.05, 0.005)
WORSE = (0.1, 0.05, 0.15, 0.005)
UNCLEAR = (-0.02, -0.1, 0.06, 0.005)
DRIFTING = (-0.1, -0.15, -0.05, 0.2)
NOT_WELL_INSIDE = (-0.1, -0.15, -0.05, 0.02)  # beyond the drift, not beyond 5× it: App. F's budget can't decide it

EXAMPLES = {
    "erd.main.weighting": {
        "verified": _w(FULL, {"uniform": BETTER, "min-snr": BETTER, "p2": BETTER}),
        "refuted": _w(FULL, {"uniform": BETTER, "min-snr": WORSE, "p2": BETTER}),
        "open": [_w(FULL, {"uniform": BETTER, "min-snr": UNCLEAR, "p2": BETTER}),
                 _w(FULL, {"uniform": DRIFTING, "min-snr": BETTER, "p2": BETTER}),
                 _w(FULL, {"uniform": NOT_WELL_INSIDE, "min-snr": BETTER, "p2": BETTER}),
                 _w(QUICK, {"uniform": WORSE, "min-snr": UNCLEAR, "p2": UNCLEAR}),
                 _w(FULL, {"uniform": (-0.1, -0.15, -0.05, None), "min-snr": BETTER, "p2": BETTER})],
    },
}
