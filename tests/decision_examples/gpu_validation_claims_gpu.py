"""Synthetic evidence for the decisions of gpu_validation/claims_gpu.py.

The gpu-method shapes are those the evidence functions produce from run logs (``results.k_rise_summary``,
``results.k_settle_summary``, ``results.fid_rows``, ``claims_gpu._sweep_evidence``); tests/test_gpu_claims.py
checks that logs written like a real run give these shapes and the same verdicts."""

NO_LOGS = {"gpu_results": None}
# a result file the claim needed could not be read (results.Intake.problems): open whatever the rest shows
SKIPPED = [{"file": "run1/log.csv", "reason": "line 3: k is 5.0, outside [0, 1]"}]


# ------------------------------------------------------------------------------------------ pixel k
def _rise(k_at_window, k_min, epochs_logged=600.0, first=15.0):
    return {"gpu_results": "/runs", "window_epochs": 30.0, "found": ["jit-b16/learn seed 0"],
            "runs": [{"label": "jit-b16/learn seed 0", "config": "jit-b16", "seed": 0, "logged": 500,
                      "epochs_logged": epochs_logged, "k_at_window": k_at_window, "k_min_window_to_2x": k_min,
                      "k_end": 0.999 if k_min is None else k_min, "epoch_first_k_0.9": first,
                      "epoch_first_k_0.95": first, "epoch_first_k_0.99": None}], "skipped": []}


PIXEL = {
    "verified": _rise(0.985, 0.98),
    "refuted": [_rise(0.80, 0.85, first=None),  # too slow
                _rise(0.97, 0.70)],  # reaches, then falls back
    "open": [NO_LOGS,
             {"gpu_results": "/runs", "window_epochs": 30.0, "found": [], "runs": [], "skipped": []},
             _rise(0.985, 0.98) | {"skipped": SKIPPED},  # would verify, but a run log it needs is unreadable
             _rise(0.80, 0.85, first=None) | {"skipped": SKIPPED},  # would refute: open all the same
             _rise(None, None, epochs_logged=20.0),  # log ends before the window
             _rise(0.97, None, epochs_logged=45.0),  # cannot see it stay
             _rise(0.93, 0.96)],  # between K_NOT_ONE and K_ONE
}


# ------------------------------------------------------------------------------------------ latent k
def _settle(*runs):
    return {"gpu_results": "/runs", "found": [], "skipped": [],
            "runs": [{"label": f"lightningdit-xl1/learn seed {i}", "config": "lightningdit-xl1", "seed": i,
                      "logged": 400, "k_end": k, "k_drift": d, "progress_end": 1.0, "epochs_logged": 800.0}
                     for i, (k, d) in enumerate(runs)]}


LATENT = {
    "verified": [_settle((0.66, 0.004)), _settle((0.66, 0.003), (0.65, -0.002), (0.67, 0.001))],
    "refuted": [_settle((0.40, 0.002)), _settle((0.99, 0.001))],
    "open": [NO_LOGS, _settle((0.66, 0.2)),  # still moving by more than its distance to a bound
             _settle((0.66, 0.04)),  # moves by less than its distance 0.16 to v, but not by less than a fifth of it
             _settle((0.52, 0.001), (0.62, 0.001)),  # two seeds whose CI reaches below 0.5
             {"gpu_results": "/runs", "found": [], "skipped": [],
              "runs": [{"label": "x", "config": "lightningdit-xl1", "seed": 0, "logged": 1, "k_end": 0.6,
                        "k_drift": None}]},
             _settle((0.66, 0.004)) | {"skipped": SKIPPED}],
}


# ------------------------------------------------------------------------------------------ FIDs
def _row(setting, fid, seed=0, step=1000, n_samples=50000, epoch=600.0, cfg="jit-b16", space="pixel"):
    return {"config": cfg, "space": space, "setting": setting, "seed": seed, "step": step, "epoch": epoch,
            "n_samples": n_samples, "n_data": 1000, "fid": fid, "run": f"/runs/{cfg}-{setting}-{seed}"}


def _fids(rows, skipped=()):
    return {"gpu_results": "/runs", "found": [], "rows": rows, "skipped": list(skipped)}


FIXED = {"fixed k=0": 9.0, "fixed k=0.5": 6.0, "fixed k=1": 4.70}


def _all_fixed(**kw):
    return [_row(s, f, **kw) for s, f in FIXED.items()]


BEST_FIXED = {
    "verified": [_fids([_row("learn", 4.70), *_all_fixed()]),  # the paper's 200-epoch pixel result: 4.70 vs 4.70
                 _fids([_row("learn", 4.60, 0), _row("learn", 4.62, 1), *_all_fixed(seed=0),
                        *[_row(s, f + 0.02, seed=1) for s, f in FIXED.items()]])],
    "refuted": [_fids([_row("learn", 5.5), *_all_fixed()]),
                _fids([_row("learn", 5.50, 0), _row("learn", 5.52, 1), *_all_fixed(seed=0),
                       *[_row(s, f + 0.02, seed=1) for s, f in FIXED.items()]])],
    "open": [NO_LOGS, _fids([]),
             _fids([_row("learn", 4.7), _row("fixed k=1", 4.7), _row("fixed k=0.5", 6.0)]),  # no ε run
             _fids([_row("learn", 4.7, step=900), *_all_fixed()]),  # budgets differ: step
             _fids([_row("learn", 4.7, n_samples=10000), *_all_fixed()]),  # budgets differ: samples
             _fids([_row("learn", 8.0, step=50, epoch=30.0), *_all_fixed(step=50, epoch=30.0)]),  # too short
             _fids([_row("learn", 4.76), *_all_fixed()]),  # one seed, within the assumed noise of the margin
             _fids([_row("learn", 5.5), *_all_fixed()], SKIPPED)],  # would refute; an eval.csv it needs is unreadable
}

BINNED = {
    "verified": [_fids([_row("learn", 2.05, cfg="lightningdit-xl1", space="latent", epoch=64.0),
                        _row("binned (128 bins)", 2.17, cfg="lightningdit-xl1", space="latent", epoch=64.0)])],
    "refuted": [_fids([_row("learn", 2.30, cfg="lightningdit-xl1", space="latent", epoch=64.0),
                       _row("binned (128 bins)", 2.17, cfg="lightningdit-xl1", space="latent", epoch=64.0)])],
    "open": [NO_LOGS,
             _fids([_row("learn", 2.05, cfg="lightningdit-xl1", space="latent", epoch=64.0),
                    _row("binned (64 bins)", 2.17, cfg="lightningdit-xl1", space="latent", epoch=64.0)]),  # not 128
             _fids([_row("learn", 2.05, cfg="lightningdit-xl1", space="latent", epoch=8.0, step=125),
                    _row("binned (128 bins)", 2.17, cfg="lightningdit-xl1", space="latent", epoch=8.0, step=125)]),
             _fids([_row("learn", 2.05, cfg="lightningdit-xl1", space="latent", epoch=64.0),
                    _row("binned (128 bins)", 2.17, cfg="lightningdit-xl1", space="latent", epoch=64.0)], SKIPPED)],
}


# ------------------------------------------------------------------------------------------ resolution sweeps
def _sweep(n, slope, lo, hi, drift, rule=None, **extra):
    row = {"resolution": 8.0, "D": 64.0, "d_hat": 29.0, "k_learned": 0.84, "k_drift": drift, "k_ratio": 0.688,
           "k_star_linear": 0.609}
    return {"n_seeds": n, "slope_mean": slope, "slope_lo": lo, "slope_hi": hi,
            "ci_rule": rule or f"95% CI over {n} seeds", "drift_max": drift,
            "k_by_resolution": {"8": {"mean": 0.84, "lo": 0.83, "hi": 0.85, "D": 64.0, "k_ratio": 0.688,
                                      "k_star_linear": 0.609},
                                "32": {"mean": 0.99, "lo": 0.99, "hi": 0.99, "D": 1024.0, "k_ratio": 0.979,
                                       "k_star_linear": 0.991}},
            "per_seed": [{"seed": i, "slope": slope, "drift_max": drift, "spearman": 1.0, "rows": [row]} for i in range(n)],
            **extra}


def _cpu(*a, **kw):
    return _sweep(*a, **kw, seeds=list(range(a[0])), steps=500, batch_size=32, k_lr=0.03)


SWEEP_CPU = {
    "verified": _cpu(5, 0.073, 0.070, 0.076, 0.012),
    "refuted": _cpu(5, -0.05, -0.06, -0.04, 0.005),
    "open": [_cpu(2, 0.10, 0.02, 0.18, 0.031),  # quick scale: 2 seeds
             _cpu(5, 0.02, 0.01, 0.03, 0.05),  # a rise smaller than the training drift
             # the reference's shape: the rise clears the drift 0.025 but not 5× it (a fixed budget of 500 steps)
             _cpu(5, 0.0805, 0.0759, 0.0850, 0.025),
             _cpu(5, 0.01, -0.02, 0.04, 0.005)],  # no significant slope
}


def _gpu(*a, skipped=(), **kw):
    return {"gpu_results": "/runs", "files": ["sweep/sweep.csv"], "ignored": [], **_sweep(*a, **kw),
            "skipped": list(skipped)}


SWEEP_GPU = {
    "verified": [_gpu(1, 0.05, 0.03, 0.07, 0.005, rule="one seed: 95% regression CI over its resolutions"),
                 _gpu(3, 0.05, 0.04, 0.06, 0.005)],
    "refuted": _gpu(1, -0.05, -0.07, -0.03, 0.005, rule="one seed: 95% regression CI over its resolutions"),
    "open": [NO_LOGS, _gpu(0, None, None, None, None, rule="one seed: no interval"),
             _gpu(1, 0.05, 0.03, 0.07, None, rule="one seed: 95% regression CI over its resolutions"),  # no drift
             _gpu(1, 0.05, None, None, 0.01, rule="one seed: 95% regression CI over its resolutions"),  # 2 resolutions
             _gpu(3, 0.05, 0.04, 0.06, 0.01, skipped=[{"file": "s4/sweep.csv", "reason": "0 row(s): a sweep needs at "
                                                                                           "least two resolutions"}]),
             _gpu(0, None, None, None, None, rule="one seed: no interval",
                  skipped=[{"file": "sweep.csv", "reason": "a FIFO, not a regular file"}])],
}


# ------------------------------------------------------------------------------------------ numeric
def _sizes(jit_params=131.12, jit_macs=25.22):
    return {"backbones": {
        "jit-b16": {"params_M": jit_params, "GMACs": jit_macs, "paper_params_M": 131.0, "paper_Gflops": 25.0},
        "jit-b32": {"params_M": 133.19, "GMACs": 25.75, "paper_params_M": 133.0, "paper_Gflops": 26.0},
        "lightningdit-xl1": {"params_M": 674.96, "GMACs": 118.63, "paper_params_M": 675.0, "paper_Gflops": 119.0}}}


def _rise_feasible(closed, lower, sim=None):
    return {"k_goal": 0.95, "window_epochs": 30.0, "lr": 2e-4, "warmup_epochs": 5.0, "betas": [0.9, 0.95],
            "steps_per_epoch": 1251.1, "epochs_adam_sim": closed if sim is None else sim,
            "epochs_constant_gradient": closed, "epochs_lower_bound": lower, "adam_step_bound_max": 1.165,
            "epochs_constant_gradient_by_k": {"0.9": 11.3, "0.99": 20.9}}


# ------------------------------------------------------------------------------------------ the pace of k
def _curve(monotone=True):
    rho = [0.001, 0.01, 0.1, 0.5, 1.0, 10.0]
    pace = [0.00098, 0.0098, 0.098, 0.443, 0.704, 0.994]
    return {"rho": rho, "pace": pace if monotone else pace[::-1], "se": [1e-6] * 6, "monotone": monotone,
            "max_pace": 0.994}


def _rise_speed(ratio=1.008, rho_min=0.48, monotone=True):
    return {"k_goal": 0.95, "window_epochs": 30.0, "lr": 2e-4, "betas": [0.9, 0.95], "eps": 1e-8, "warmup_epochs": 5.0,
            "epochs_by_size": {"1.0": 14.27, "0.001": 14.27, "1e-06": 14.27 * ratio}, "size_ratio": ratio,
            "pace_curve": _curve(monotone), "pace_needed": 0.428, "rho_min": rho_min}


def _latent_pace(rho=0.0056, monotone=True):
    cps = [{"k": 0.522, "epochs": 64.0, "source": "Table 3", "displacement": 0.088, "pace": 0.0055,
            "epochs_full_pace": 0.35, "rho_implied": rho, "rms_if_noise_free": 5.5e-11},
           {"k": 0.66, "epochs": 800.0, "source": "§5.1", "displacement": 0.663, "pace": 0.0033,
            "epochs_full_pace": 2.65, "rho_implied": 0.0034, "rms_if_noise_free": 3.3e-11}]
    return {"lr": 2e-4, "betas": [0.9, 0.95], "eps": 1e-8, "warmup_epochs": 0.0, "steps_per_epoch": 1251.1,
            "checkpoints": cps, "pace_curve": _curve(monotone)}


EXAMPLES = {
    "kdiff.gpu.pixel_k_to_one": PIXEL,
    "kdiff.gpu.latent_k_between": LATENT,
    "kdiff.gpu.fid_matches_best_fixed": BEST_FIXED,
    "kdiff.gpu.constant_vs_binned": BINNED,
    "kdiff.gpu.resolution_sweep": SWEEP_GPU,
    "kdiff.gpu.resolution_sweep_cpu": SWEEP_CPU,
    "kdiff.gpu.backbone_sizes": {
        "verified": _sizes(),
        "refuted": [_sizes(jit_params=140.0), _sizes(jit_macs=30.0)],
    },
    "kdiff.gpu.k_rise_feasible": {
        "verified": _rise_feasible(14.3, 12.6),
        "open": _rise_feasible(33.0, 28.0),
        "refuted": _rise_feasible(60.0, 50.0),
        "error": [_rise_feasible(14.3, 12.6, sim=15.0), _rise_feasible(14.3, 12.6, sim=None) | {"epochs_adam_sim": None}],
    },
    # the rise time reflects the gradient's size only if Adam's ε matters (a tiny gradient) — verified case synthetic
    "kdiff.sec5_2.rise_speed_signal": {
        "verified": _rise_speed(ratio=1.5), "corrected": _rise_speed(),
        "error": [_rise_speed(monotone=False), _rise_speed(rho_min=None)],
    },
    "kdiff.beyond.latent_k_pace": {
        "verified": _latent_pace(rho=0.5), "corrected": [_latent_pace(), _latent_pace(rho=None)],
        "error": _latent_pace(monotone=False),
    },
}
