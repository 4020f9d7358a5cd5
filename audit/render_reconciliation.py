"""Render <pass folder>/reconciliation.md from its reconciliation.json (one row per referee item, in the referee's
order), with the optional <pass folder>/reconciliation_preface.md above the table. tests/test_audit.py checks the
JSON against items.json, the claims registry and the coverage map.

Run from the repository root:  python audit/render_reconciliation.py audit/<paper>/pass<N>"""

import json
import sys
from collections import Counter
from pathlib import Path


def render(folder: Path) -> dict:
    items = [x["id"] for x in json.loads((folder / "items.json").read_text(encoding="utf-8"))]
    rec = json.loads((folder / "reconciliation.json").read_text(encoding="utf-8"))
    if [r["item"] for r in rec] != items:
        raise SystemExit(f"{folder}: reconciliation.json must hold one entry per referee item, in the referee's order")
    paper, n_pass = folder.parent.name, folder.name.removeprefix("pass")
    preface = folder / "reconciliation_preface.md"
    n = Counter(r["status"] for r in rec)
    lines = [f"# Reconciliation of the blind referee pass {n_pass} with the ledger ({paper})", "",
             f"{len(rec)} referee items: **{n['agree']} agree, {n['differ']} differ, {n['missing']} missing** "
             f"({sum(r['ledger_changed'] for r in rec)} with a ledger change). Verdicts: `difftheory verify --only "
             f"'{paper}.*'` at quick scale after the changes; the pattern audit is pattern_audit.md.", ""]
    if preface.is_file():
        lines += [preface.read_text(encoding="utf-8").rstrip("\n"), ""]
    lines += ["| item | location | referee | status | claims | resolution |", "|---|---|---|---|---|---|"]
    for r in rec:
        cl = ", ".join(f"`{c}`" for c in r["claims"]) + (f" (coverage: {r['coverage']})" if r["coverage"] else "")
        lines.append(f"| {r['item']} | {r['location']} | {r['finding']} | {r['status']}"
                     f"{' (ledger changed)' if r['ledger_changed'] else ''} | {cl} | {r['resolution'].replace('|', '/')} |")
    (folder / "reconciliation.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dict(n)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1], "reconciliation.json").is_file():
        raise SystemExit("usage: python audit/render_reconciliation.py audit/<paper>/pass<N>  (a folder with "
                         "items.json and reconciliation.json)")
    print(render(Path(sys.argv[1])))
