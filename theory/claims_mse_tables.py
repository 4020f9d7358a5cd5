"""mse's own numbers against each other (issue 17): what §6, the abstract and the conclusion say about Table 1
(EDM2-S on ImageNet 512×512), checked against the table's printed FIDs, and Table 1's NFE against Fig. 1's step
count — no GPU needed. Numbers come from ``papers/mse/tables.toml`` with their extraction lines."""

from __future__ import annotations

from difftheory.decide import combine, same_printed
from difftheory.ledger import Decision, claim
from difftheory.paper_tables import load
from difftheory.theory.table_checks import HEUN_NFE, cites, damaged, diff, shown, short

PAPER = "mse"
NEAR_SHARE = 0.1  # "nearly like a flow": the MSE generator closes ≥ 90 % of the flow-to-ML gap in its column
COLUMNS = (("HeunUDS", "NFE 63"), ("HeunUDS", "NFE 255"), ("EulerUDS", "NFE 63"), ("EulerUDS", "NFE 255"))


def _t():
    return load(PAPER).table("Table 1")


def _columns() -> list[dict]:
    t = _t()
    return [{"what": f"{solver}, {nfe}", "flow": t.cell(nfe, f"{solver} flow").cite(), "mse": t.cell(nfe, f"{solver} MSE").cite(),
             "ml": t.cell(nfe, f"{solver} ML").cite()} for solver, nfe in COLUMNS]


# ================================================================================== §6: MSE-diffusion ≈ flow
def decide_nearly_flow(ev) -> Decision:
    parts, verdicts = [], []
    for c in ev["columns"]:
        if damaged([c["flow"], c["mse"], c["ml"]]):
            verdicts.append("open")
            parts.append(f"{c['what']}: damaged")
            continue
        to_flow, to_ml, gap = abs(diff(c["mse"], c["flow"])), abs(diff(c["mse"], c["ml"])), abs(diff(c["ml"], c["flow"]))
        share = to_flow / gap if gap else float("inf")
        verdicts.append("verified" if share <= ev["near_share"] else "refuted" if to_flow > to_ml else "open")
        parts.append(f"{c['what']}: flow {shown(c['flow'])}, MSE {shown(c['mse'])}, ML {shown(c['ml'])} (|MSE − flow| = "
                     f"{to_flow:.2f} = {share:.0%} of the flow–ML gap {gap:.2f})")
    v = combine(verdicts)
    head = {"verified": f"in every column the MSE-diffusion generator's distance to the flow is within {ev['near_share']:.0%} "
                        "of the flow–ML gap",
            "refuted": "in some column the MSE-diffusion generator is closer to the ML-diffusion than to the flow",
            "open": f"in some column the MSE generator is neither within {ev['near_share']:.0%} of the flow nor closer to ML"}[v]
    return Decision(v, head + ": " + "; ".join(parts))


@claim("mse.tables.mse_nearly_flow", paper="mse", where="§6, Abstract, Table 1",
       statement="As expected, the MSE-diffusion performs nearly like a flow (Table 1); the comparison of generators on "
                 "ImageNet 512×512 confirms that the learned MSE-diffusion is nearly a flow (Abstract, §1).",
       method="numeric", equations=("§6", "Abstract", "§1", "Table 1"),
       criteria=f"Per column of Table 1 (HeunUDS and EulerUDS at NFE 63 and 255): verified iff |MSE − flow| ≤ "
                f"{NEAR_SHARE:g} × |ML − flow| in every column ('nearly like': the MSE generator closes ≥ "
                f"{1 - NEAR_SHARE:.0%} of the flow-to-ML gap); refuted iff in some column it is closer to ML than to the "
                "flow; open otherwise or if a cell is damaged.",
       decide=decide_nearly_flow)
def mse_nearly_flow(ctx):
    s = load(PAPER).statements
    return {"columns": _columns(), "near_share": NEAR_SHARE,
            "statements": [s[i].cite() for i in ("s6.nearly_flow", "abstract.confirm", "intro.confirm")]}


# ================================================================================== §6: HeunUDS (flow) worse than HeunEDM2
def decide_heun_uds(ev) -> Decision:
    near = ev["near_gap"]
    rows = ev["rows"]
    if damaged([c for r in rows for c in (r["uds"], r["edm2"])]):
        return Decision("open", "rests on damaged cells")
    d = {r["nfe"]: diff(r["uds"], r["edm2"]) for r in rows}
    txt = "; ".join(f"{r['nfe']}: HeunUDS flow {shown(r['uds'])} vs HeunEDM2 {shown(r['edm2'])} (+{d[r['nfe']]:.2f})" for r in rows)
    worse = [n for n, x in d.items() if x > near]
    tied = [n for n, x in d.items() if abs(x) <= near]
    base = (f"{txt}; the largest MSE-vs-flow gap in the table, which the same sentence calls 'nearly like', is "
            f"{near:.2f}")
    if len(worse) == len(d):
        return Decision("verified", base + ": HeunUDS is worse by more than that at every NFE")
    if worse and len(worse) + len(tied) == len(d):
        return Decision("corrected", base + f". Worse at {', '.join(worse)}, equal within that gap at {', '.join(tied)}. "
                                            f"Corrected: 'HeunUDS (15) in the flow version performs worse than HeunEDM2 at "
                                            f"{', '.join(worse)} and alike at {', '.join(tied)}'.")
    return Decision("refuted", base + ": HeunUDS is not worse by more than that at any NFE, or better somewhere")


@claim("mse.tables.heun_uds_vs_edm2", paper="mse", where="§6, Table 1",
       statement="HeunUDS (15) in the flow version performs worse than the original HeunEDM2, likely because of EDM2's "
                 "non-uniform time grid.",
       method="numeric", equations=("§6", "Table 1"),
       criteria="'Worse' must exceed the largest MSE-vs-flow gap of the table, which the same sentence calls 'nearly "
                "like a flow'. verified iff HeunUDS-flow − HeunEDM2 exceeds it at both NFE; corrected iff at one NFE it "
                "does and at the other the two are within it (the corrected wording names the NFE); refuted otherwise; "
                "open iff damaged.",
       decide=decide_heun_uds)
def heun_uds_vs_edm2(ctx):
    t = _t()
    near = max(abs(diff(c["mse"], c["flow"])) for c in _columns())
    return {"rows": [{"nfe": n, "uds": t.cell(n, "HeunUDS flow").cite(), "edm2": t.cell(n, "HeunEDM2 flow").cite()}
                     for n in ("NFE 63", "NFE 255")], "near_gap": near,
            "statement": load(PAPER).statements["s6.nearly_flow"].cite()}


# ================================================================================== conclusion: flows beat reversible diffusions
def decide_ml_worse(ev) -> Decision:
    parts, bad = [], []
    for c in ev["columns"]:
        if damaged([c["flow"], c["ml"]]):
            return Decision("open", f"{c['what']}: damaged")
        d = diff(c["ml"], c["flow"])
        parts.append(f"{c['what']}: ML {shown(c['ml'])} vs flow {shown(c['flow'])} (+{d:.2f})")
        if d <= 0:
            bad.append(c["what"])
    if bad:
        return Decision("refuted", "the ML-diffusion (reversible) is not worse in " + ", ".join(bad) + ": " + "; ".join(parts))
    return Decision("verified", "the reversible ML-diffusion has the higher FID in every column: " + "; ".join(parts))


@claim("mse.tables.ml_worse", paper="mse", where="§6 (Conclusion), Abstract, Table 1",
       statement="Flow generators beat reversible diffusions (the ML-diffusion, §4.2) in the paper's generator comparison "
                 "(Table 1); as a law for every denoiser see mse.beyond.flow_vs_ml_any_denoiser.",
       method="numeric", equations=("§6", "Abstract", "Table 1"),
       criteria="verified iff in every column of Table 1 the ML-diffusion generator's FID is above the flow's; refuted "
                "iff not somewhere; open iff damaged.",
       decide=decide_ml_worse)
def ml_worse(ctx):
    s = load(PAPER).statements
    return {"columns": _columns(), "statements": [s[i].cite() for i in ("conclusion", "abstract.confirm", "s4.ml_is_reversible")]}


# ================================================================================== Table 1's NFE vs Fig. 1's 32 steps


def decide_nfe_steps(ev) -> Decision:
    steps, nfe = ev["steps"], ev["nfe"]
    if damaged([steps, nfe]):
        return Decision("open", "rests on damaged cells")
    readings = {k: f(steps["value"]) for k, f in HEUN_NFE.items()}
    holds = [k for k, v in readings.items() if same_printed(v, nfe["value"])]
    base = (f"Fig. 1: EDM2 generates with {shown(steps)} steps ({steps['where']}); Table 1 runs HeunEDM2 with EDM2's own "
            f"settings at NFE {shown(nfe)} ({nfe['where']})")
    if not holds:
        return Decision("refuted", base + ": " + ", ".join(f"{k} = {v:g}" for k, v in readings.items()))
    changed = {k: v for k, v in ev["steps_needed"].items() if not same_printed(v, steps["value"])}
    body = base + f": {holds[0]} = {readings[holds[0]]:g}, EDM2's default step count"
    if not changed:
        return Decision("verified", body + "; every other column also runs the default step count")
    return Decision("corrected", body + "; but " + ", ".join(f"{k} needs {v:g} steps" for k, v in changed.items())
                    + f" instead of {shown(steps)}: the step count is changed there. Corrected: 'all settings unchanged' "
                      "holds at NFE 63 for Heun; the NFE 255 columns and EulerUDS change the number of steps.")


@claim("mse.tables.nfe_steps", paper="mse", where="§6, Fig. 1, Table 1",
       statement="Table 1 runs EDM2's generator with all its settings unchanged, including its time steps; Fig. 1: EDM2's "
                 "generator uses only 32 steps.",
       method="numeric", equations=("§6", "Fig. 1", "Table 1"),
       criteria="Table 1's smaller NFE (63) must equal the evaluations of Fig. 1's 32 Heun steps under a plausible reading "
                "(2N − 1, or 2N), else refuted. Then the steps every other column needs (Heun at NFE 255: (NFE + 1)/2; "
                "EulerUDS: one evaluation per step, NFE steps): verified iff all equal 32 (all settings unchanged); corrected "
                "iff some column needs another step count; open iff damaged.",
       decide=decide_nfe_steps)
def nfe_steps(ctx):
    s = load(PAPER).statements
    n63, n255 = _t().cell("NFE 63", "NFE").number, _t().cell("NFE 255", "NFE").number
    return {"steps": s["fig1.edm2_steps"]["steps"].cite(), "nfe": _t().cell("NFE 63", "NFE").cite(),
            "steps_needed": {"Heun at NFE 255": (n255 + 1) / 2, "EulerUDS at NFE 63": n63, "EulerUDS at NFE 255": n255},
            "statement": s["s6.edm2_settings"].cite()}


# ================================================================================== Table 1's orderings
def decide_orderings(ev) -> Decision:
    bad, n = [], 0
    for q in ev["pairs"]:
        if damaged([q["better"], q["worse"]]):
            return Decision("open", f"{q['what']}: damaged")
        n += 1
        if diff(q["better"], q["worse"]) >= 0:
            bad.append(f"{q['what']}: {short(q['better'])} vs {short(q['worse'])}")
    if bad:
        return Decision("refuted", f"{len(bad)} of {n} orderings fail: " + "; ".join(bad))
    return Decision("verified", f"all {n} orderings hold: Heun below Euler at equal NFE for flow, MSE and ML; every "
                                "generator lower at NFE 255 than at 63 (" + "; ".join(
                                    f"{q['what']} {shown(q['better'])} < {shown(q['worse'])}" for q in ev["pairs"]) + ")")


@claim("mse.tables.orderings", paper="mse", where="Table 1",
       statement="In Table 1 EulerUDS is worse than HeunUDS at equal NFE for every diffusion size, and every generator "
                 "improves from NFE 63 to 255.",
       method="numeric", equations=("Table 1",),
       criteria="verified iff every such pair of printed FIDs is strictly ordered as stated; refuted iff one is not; "
                "open iff damaged.",
       decide=decide_orderings)
def orderings(ctx):
    t = _t()
    pairs = [{"what": f"{size}, {nfe}: Heun vs Euler", "better": t.cell(nfe, f"HeunUDS {size}").cite(),
              "worse": t.cell(nfe, f"EulerUDS {size}").cite()} for nfe in ("NFE 63", "NFE 255") for size in ("flow", "MSE", "ML")]
    pairs += [{"what": f"{col}: NFE 255 vs 63", "better": t.cell("NFE 255", col).cite(), "worse": t.cell("NFE 63", col).cite()}
              for col in t.columns[1:]]
    return {"pairs": pairs, "cells": cites(*t.cells())}
