"""Synthetic evidence for the decisions of theory/claims_other_systems.py (only the fields each decision reads).

Every ``*.external.*`` claim is decided by ``decide_setting`` from its statement's items, so each gets the same four
item patterns (all hold; one holds for some presets only; one differs outright; one has no public code) and, for
the claims that carry a twin check, a disagreeing twin (error)."""

from _evidence import with_field

from difftheory import other_systems

_ST = {"paper": "mse", "file": "paper.txt", "line": 1, "printed_line": "1", "text": "a stated setting"}
_OK = {"name": "steps", "stated": 32, "code": 32, "compare": "equal", "source": "o/r:f.py@abcdef0 L1", "holds": True}
_PRESETS = {"name": "law", "stated": [-0.4, 1.0], "code": {"a": [-0.4, 1.0], "b": [-0.8, 1.6]}, "compare": "per_key",
            "source": "o/r:f.py@abcdef0 L1", "holds": False, "holds_for": ["a"], "of": ["a", "b"]}
_SURVIVES = {"name": "rate", "stated": "1/(2t)", "code": "1/(1 − t)", "compare": "derived", "source": "", "holds": False,
             "correction_holds": True, "correction": "still a limited diffusion"}
_DIFFERS = {"name": "steps", "stated": 250, "code": 50, "compare": "equal", "source": "o/r:f.py@abcdef0 L1", "holds": False}
_OPEN = {"name": "training law", "stated": "logit-normal", "code": None, "compare": "none", "source": "", "holds": None,
         "decides": "the training configuration, not released"}


def _ev(*items, **extra):
    return {"statement": dict(_ST), "facts": [], "items": list(items), **extra}


SETTING = {
    "verified": [_ev(_OK), _ev(_OK, _OK, twins_agree=True)],
    "corrected": [_ev(_OK, _PRESETS), _ev(_SURVIVES)],
    "refuted": [_ev(_OK, _DIFFERS), _ev(_PRESETS, _DIFFERS, _OPEN)],
    "open": [_ev(_OK, _OPEN), _ev(_PRESETS, _OPEN)],
}
SETTING_TWIN = {**SETTING, "error": _ev(_OK, twins_agree=False, twins="residual 1e-3")}

_MODEL = {"grid": "g", "steps": 10, "lam_range": [-5.0, 5.0], "later_max_ml": 0.5, "sigma_data": 1.0, "M_discrete": 3.0}
FIG1 = {"models": {"EDM2 (img512 presets)": {**_MODEL, "later_max": 0.0018, "sigma_data": 0.5},
                   "EDM2 (img64 presets)": {**_MODEL, "later_max": 0.016, "sigma_data": 0.5},
                   "SiT/REPA": {**_MODEL, "later_max": 0.004}, "LightningDiT": {**_MODEL, "later_max": 0.003},
                   "RAE": {**_MODEL, "later_max": 0.009}},
        "paper_settings": {"EDM2": {"later_max": 0.0018, "sigma_data": 0.5, "steps": 32, "grid": "edm2"}},
        "twins": {"normal/fpred": 4e-15, "logis/vel": 5e-14}}

REPA = {"steps": 248, "t0": 0.0039, "tmax": 0.96, "eta_closed_vs_quad": 1e-15, "steps_not_between": 0,
        "later_max_code": 0.129, "later_max_paper": 0.094, "later_max_ml": 0.185, "later_max_mse": 0.018,
        "later_ratio_min": 0.70, "later_ratio_max": 0.98, "paper_ratio_min": 0.15, "paper_ratio_max": 0.51}

_TWINNED = {"mse.external.edm2_training_noise", "mse.external.edm_training_noise", "mse.external.sit_repa_rate"}

EXAMPLES = {cid: (SETTING_TWIN if cid in _TWINNED else SETTING) for cid in other_systems.load().statements}
EXAMPLES.update({
    "mse.beyond.fig1_code_settings": {
        "verified": FIG1,
        "refuted": [with_field(FIG1, "models|RAE|later_max", 0.126), with_field(FIG1, "models|SiT/REPA|later_max", 0.0183)],
        "error": with_field(FIG1, "twins|logis/vel", 1e-3),
    },
    "mse.beyond.repa_code_rate": {
        "verified": REPA,
        "refuted": with_field(REPA, "steps_not_between", 3),
        "error": with_field(REPA, "eta_closed_vs_quad", 1e-6),
    },
})
