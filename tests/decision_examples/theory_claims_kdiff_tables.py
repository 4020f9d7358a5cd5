"""Evidence for the decisions of theory/claims_kdiff_tables.py: today's evidence (pure reads of the transcription)
and edits of it that reach the other outcomes."""

from _tables import live, mod, setv, spoil

from difftheory.theory import claims_kdiff_tables as K

ABS = live(K.abstract_outperforms)
MATCH = live(K.matches_or_outperforms)
SUP = live(K.s5_1_superior)
REP = live(K.repeated_values)
FIG2 = live(K.fig2_overfitting)
T3 = live(K.table3_text)
EPO = live(K.epochs)
PIX = live(K.pixel_k_epochs)
LAT = live(K.latent_k_trajectory)
SAM = live(K.sampler)
CLA = live(K.clamp)
TS = live(K.time_sampler)
PAT = live(K.patch_names)
PAR = live(K.kdiff_params)
FIN = live(K.final_checkpoint)
T3K = live(K.table3_k_count)


def _all_better(e):
    for q in e["fid_pairs"]:
        setv(q["kdiff"], q["baseline"]["value"] - 0.05)


def _one_worse(e):
    q = e["fid_pairs"][-1]
    setv(q["kdiff"], q["baseline"]["value"] + 0.2)


EXAMPLES = {
    "kdiff.tables.abstract_outperforms": {
        "corrected": ABS, "verified": mod(ABS, _all_better), "refuted": mod(ABS, _one_worse),
        "open": mod(ABS, lambda e: spoil(e["fid_pairs"][0]["kdiff"])),
    },
    "kdiff.tables.matches_or_outperforms": {
        "verified": MATCH, "refuted": mod(MATCH, _one_worse), "open": mod(MATCH, lambda e: spoil(e["fid_pairs"][1]["baseline"])),
    },
    "kdiff.tables.s5_1_superior": {
        "open": [SUP, mod(SUP, lambda e: spoil(e["reported"]))], "verified": mod(SUP, lambda e: setv(e["kdiff"], 1.99)),
        "refuted": mod(SUP, lambda e: setv(e["kdiff"], 2.10)),
    },
    "kdiff.tables.repeated_values": {
        "verified": REP, "refuted": mod(REP, lambda e: setv(e["groups"][0]["cites"][1], 2.06)),
        "open": mod(REP, lambda e: spoil(e["groups"][4]["cites"][0])),  # best FID: two mentions, one unreadable
    },
    "kdiff.tables.fig2_overfitting": {
        "verified": FIG2, "refuted": mod(FIG2, lambda e: setv(e["final_fid"], 1.20)), "open": mod(FIG2, lambda e: spoil(e["best_fid"])),
    },
    "kdiff.tables.table3_text": {
        "verified": T3, "refuted": mod(T3, lambda e: setv(e["time_dependent"], 2.00)), "open": mod(T3, lambda e: spoil(e["two_param"])),
    },
    "kdiff.tables.epochs": {
        "verified": EPO, "refuted": mod(EPO, lambda e: setv(e["mentions"][0]["cite"], 65.0, 0)),
    },
    "kdiff.tables.pixel_k_epochs": {
        "verified": PIX, "refuted": mod(PIX, lambda e: setv(e["total_epochs"], 200.0, 0)), "open": mod(PIX, lambda e: spoil(e["text_epochs"])),
    },
    "kdiff.tables.latent_k_trajectory": {
        "verified": LAT, "refuted": mod(LAT, lambda e: setv(e["k_epoch64"], 0.70, 3)), "open": mod(LAT, lambda e: spoil(e["k_final"])),
    },
    "kdiff.tables.sampler": {
        "verified": SAM, "refuted": [mod(SAM, lambda e: setv(e["groups"]["latent CFG"][2], 2.0, 1)),
                                     mod(SAM, lambda e: e.update(nfe=98.0))],
    },
    "kdiff.tables.clamp": {
        "verified": CLA, "refuted": mod(CLA, lambda e: setv(e["table_pixel"], 0.1)), "open": mod(CLA, lambda e: spoil(e["table_pixel"])),
    },
    "kdiff.tables.time_sampler": {
        "verified": TS, "refuted": mod(TS, lambda e: e["parsed"][0].update(mu_sigma=[-0.8, 0.8])),
        "open": mod(TS, lambda e: spoil(e["mentions"][0])),
    },
    "kdiff.tables.patch_names": {
        "verified": PAT, "refuted": mod(PAT, lambda e: e["rows"][1].update(patch=16.0)),
    },
    "kdiff.tables.kdiff_params": {
        "verified": PAR, "refuted": mod(PAR, lambda e: setv(e["pairs"][2]["kdiff"], "132M", None)),
    },
    "kdiff.tables.final_checkpoint": {
        "corrected": FIN,
        "verified": mod(FIN, *[lambda e, i=i: e["kdiff_rows"][i]["epochs"].update(value=800.0) for i in (1, 2)]),
        "refuted": mod(FIN, lambda e: setv(e["latent_row_fid"], 1.22)),
        "open": mod(FIN, lambda e: spoil(e["final_fid_text"])),
    },
    "kdiff.tables.table3_k_count": {
        "corrected": T3K, "verified": mod(T3K, lambda e: e["rows"][2]["num_k"].update(value=129.0)),
        "refuted": mod(T3K, lambda e: e["rows"][2]["num_k"].update(value=3.0)),
        "open": mod(T3K, lambda e: spoil(e["rows"][0]["num_k"])),
    },
}
