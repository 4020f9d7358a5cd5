"""Blind referee passes (issue 17): each pass's report and items are kept in ``audit/<paper>/pass<N>/`` with its
reconciliation against the ledger. Every item of every pass is reconciled (agree / differ / missing); the claims it
names are registered; a ``missing`` item ends with a claim or a coverage entry that says why it cannot be checked;
a ``differ`` item says who was right."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from difftheory import coverage, ledger, paper

AUDIT = Path(__file__).resolve().parents[1] / "audit"
STATUSES = {"agree", "differ", "missing"}


def _passes():
    out = []
    for p in sorted(AUDIT.glob("*/pass*")):
        if (p / "items.json").is_file() and p.parent.name in paper.names():
            out.append(p)
    return out


def _latest() -> dict[str, Path]:
    best: dict[str, Path] = {}
    for p in _passes():
        n = int(re.sub(r"\D", "", p.name) or 0)
        if p.parent.name not in best or n > int(re.sub(r"\D", "", best[p.parent.name].name) or 0):
            best[p.parent.name] = p
    return best


PASSES = _passes()


@pytest.mark.parametrize("folder", PASSES, ids=[f"{p.parent.name}/{p.name}" for p in PASSES])
def test_every_item_of_a_pass_is_reconciled(folder):
    items = json.loads((folder / "items.json").read_text(encoding="utf-8"))
    rec_file = folder / "reconciliation.json"
    assert rec_file.is_file(), f"{folder}: no reconciliation.json"
    rec = {r["item"]: r for r in json.loads(rec_file.read_text(encoding="utf-8"))}
    missing_items = [it["id"] for it in items if it["id"] not in rec]
    assert not missing_items, f"{folder}: items without a reconciliation: {missing_items}"
    reg = ledger.discover()
    cmap = coverage.load_map()
    keys = {e.key: e for e in cmap.get(folder.parent.name, [])}
    for item, r in rec.items():
        assert r["status"] in STATUSES, (item, r["status"])
        unknown = [c for c in r.get("claims") or [] if c not in reg]
        assert not unknown, f"{folder.parent.name} {item}: names unregistered claims {unknown}"
        assert str(r.get("resolution", "")).strip(), f"{item}: no resolution"
        if r["status"] == "missing":
            cov = r.get("coverage")
            assert r.get("claims") or (cov and cov in keys and keys[cov].status == "not checkable"), \
                f"{folder.parent.name} {item}: a missing item needs a claim or a 'not checkable' coverage entry ({cov!r})"


def test_the_latest_pass_of_each_paper_finds_nothing_left_unresolved():
    """The latest pass's missing items are all resolved (a claim added, or a reasoned coverage entry)."""
    for name, folder in _latest().items():
        rec = json.loads((folder / "reconciliation.json").read_text(encoding="utf-8"))
        open_items = [r["item"] for r in rec if r["status"] == "missing" and not (r.get("claims") or r.get("coverage"))]
        assert not open_items, f"{name} {folder.name}: {open_items}"
