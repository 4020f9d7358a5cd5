"""Render audit/mse/pass2/reconciliation.md from reconciliation.json and check it against items.json, the claims
registry and the coverage map (every referee item once; every claim id registered; every coverage key present).
Run from the repository root: python audit/mse/pass2/render_reconciliation.py"""

import json
from collections import Counter
from pathlib import Path

from difftheory import coverage, ledger

HERE = Path(__file__).resolve().parent
PREFACE = [
    "## The headline finding MB1: does the KL argument favour the MSE-diffusion?",
    "",
    "The ledger did not decide it before this pass (mse.beyond.path_kl_vs_data_kl and mse.beyond.coherence_misspecified "
    "test neighbouring premises). What the paper argues (Abstract, §1, §4.2, §5, Conclusion): the denoiser is trained by "
    "the MSE (27); by Prop. 3 that MSE is M⁻¹ times the KL bound (23) of exactly one diffusion, the MSE-diffusion, so "
    "training *is* KL minimisation for it ('the models that succeed are the ones that are really trained'). The paper "
    "itself says (§4.2) that c = 0, the reversible ML-diffusion, is the maximum-likelihood solution; it never claims the "
    "MSE-diffusion's bound is smaller. The inference 'therefore flows beat reversible diffusions' is the step that needs "
    "the KL to prefer the MSE-diffusion (≈ flow) for the trained denoiser.",
    "",
    "New claim `mse.s1.kl_explanation` decides exactly that on the paper's bound: the coherence part holds (L̂(λ̌') = M·M̂ "
    "for every denoiser, to 2e-16), but for the same denoiser L̂_ML < L̂_MSE in 10 of 10 cases (ratio 62.5–62.8 for §5's "
    "Example on [0.004, 0.996], 8.5e6 for EDM2's interval; Eq. (24)'s χ² gap checked node by node), and the flow's bound "
    "is ∞: **refuted** — the referee is right that the bound alone favours the reversible diffusion; which generator "
    "gives the better data law depends on the denoiser's error (path_kl_vs_data_kl, coherence_misspecified, and the new "
    "`mse.beyond.flow_vs_ml_any_denoiser`, refuted: with a ×1.3 over-dispersed denoiser ML beats the flow in all four "
    "Table 1 cells).",
    "",
    "Claims added in this pass: `mse.s1.kl_explanation` (refuted), `mse.beyond.flow_vs_ml_any_denoiser` (refuted), "
    "`mse.s5.subinterval_coherence` (corrected), `mse.beyond.edm2_learned_weight` (verified), `mse.s6.initial_stage` "
    "(verified), `mse.external.dpm_solver_orders` (refuted). No existing verdict changed; `mse.tables.ml_worse`'s "
    "statement is scoped to Table 1 (verdict unchanged).",
]


def main():
    items = {x["id"]: x for x in json.loads((HERE / "items.json").read_text(encoding="utf-8"))}
    rec = json.loads((HERE / "reconciliation.json").read_text(encoding="utf-8"))
    assert [r["item"] for r in rec] == list(items), "one entry per referee item, in the referee's order"
    known = {c.id for c in ledger.select("mse.*")}
    keys = {e.key for e in coverage.load_map()["mse"]}
    for r in rec:
        assert r["status"] in ("agree", "differ", "missing"), r
        bad = [c for c in r["claims"] if c not in known]
        assert not bad, (r["item"], bad)
        assert r["coverage"] is None or r["coverage"] in keys, (r["item"], r["coverage"])
        assert r["status"] != "missing" or r["claims"] or r["coverage"], r["item"]
    n = Counter(r["status"] for r in rec)
    lines = ["# Reconciliation of the blind referee pass 2 with the ledger (mse)", "",
             f"{len(rec)} referee items: **{n['agree']} agree, {n['differ']} differ, {n['missing']} missing** "
             f"({sum(r['ledger_changed'] for r in rec)} with a ledger change). Verdicts: `difftheory verify --only 'mse.*'` "
             "at quick scale after the changes; the pattern audit is pattern_audit.md.", "",
             *PREFACE, "", "| item | location | referee | status | claims | resolution |", "|---|---|---|---|---|---|"]
    for r in rec:
        cl = ", ".join(f"`{c}`" for c in r["claims"]) + (f" (coverage: {r['coverage']})" if r["coverage"] else "")
        lines.append(f"| {r['item']} | {r['location']} | {r['finding']} | {r['status']}"
                     f"{' (ledger changed)' if r['ledger_changed'] else ''} | {cl} | {r['resolution'].replace('|', '/')} |")
    (HERE / "reconciliation.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(dict(n))


if __name__ == "__main__":
    main()
