"""Evidence for the decisions of theory/claims_mse_tables.py: today's evidence (pure reads of the transcription)
and edits of it that reach the other outcomes."""

from _tables import live, mod, setv, spoil

from difftheory.theory import claims_mse_tables as M

NEAR = live(M.mse_nearly_flow)
HEUN = live(M.heun_uds_vs_edm2)
ML = live(M.ml_worse)
NFE = live(M.nfe_steps)
ORD = live(M.orderings)

EXAMPLES = {
    "mse.tables.mse_nearly_flow": {
        "verified": NEAR,
        "refuted": mod(NEAR, lambda e: setv(e["columns"][0]["mse"], 3.30)),  # closer to ML (3.39) than to the flow (2.45)
        "open": [mod(NEAR, lambda e: setv(e["columns"][0]["mse"], 2.75)), mod(NEAR, lambda e: spoil(e["columns"][1]["ml"]))],
    },
    "mse.tables.heun_uds_vs_edm2": {
        "corrected": HEUN, "verified": mod(HEUN, lambda e: setv(e["rows"][1]["uds"], 2.36)),
        "refuted": mod(HEUN, lambda e: setv(e["rows"][0]["uds"], 2.29)), "open": mod(HEUN, lambda e: spoil(e["rows"][0]["edm2"])),
    },
    "mse.tables.ml_worse": {
        "verified": ML, "refuted": mod(ML, lambda e: setv(e["columns"][3]["ml"], 2.30)), "open": mod(ML, lambda e: spoil(e["columns"][0]["ml"])),
    },
    "mse.tables.nfe_steps": {
        "corrected": NFE,  # NFE 255 (128 steps) and EulerUDS change the step count
        "verified": mod(NFE, lambda e: e["steps_needed"].update({k: 32.0 for k in e["steps_needed"]})),
        "refuted": mod(NFE, lambda e: setv(e["steps"], 40.0, 0)), "open": mod(NFE, lambda e: spoil(e["nfe"])),
    },
    "mse.tables.orderings": {
        "verified": ORD, "refuted": mod(ORD, lambda e: setv(e["pairs"][0]["better"], 2.90)), "open": mod(ORD, lambda e: spoil(e["pairs"][5]["worse"])),
    },
}
