"""Render audit/mse/pass1/reconciliation.md from reconciliation.json and check it against items.json, the claims
registry and the coverage map (every referee item once; every claim id registered; every coverage key present).
Run from the repository root: python audit/mse/pass1/render_reconciliation.py"""

import json
from collections import Counter
from pathlib import Path

from difftheory import coverage, ledger

HERE = Path(__file__).resolve().parent


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
    lines = ["# Reconciliation of the blind referee pass 1 with the ledger (mse)", "",
             f"{len(rec)} referee items: **{n['agree']} agree, {n['differ']} differ, {n['missing']} missing** "
             f"({sum(r['ledger_changed'] for r in rec)} with a ledger change). Verdicts: `difftheory verify --only 'mse.*'` "
             "at quick scale after the changes; the pattern audit is pattern_audit.md.", "",
             "| item | location | referee | status | claims | resolution |", "|---|---|---|---|---|---|"]
    for r in rec:
        cl = ", ".join(f"`{c}`" for c in r["claims"]) + (f" (coverage: {r['coverage']})" if r["coverage"] else "")
        lines.append(f"| {r['item']} | {r['location']} | {r['finding']} | {r['status']}"
                     f"{' (ledger changed)' if r['ledger_changed'] else ''} | {cl} | {r['resolution'].replace('|', '/')} |")
    (HERE / "reconciliation.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(dict(n))


if __name__ == "__main__":
    main()
