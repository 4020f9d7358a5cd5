"""The committed reference ledger (``reference/full/``, from ``difftheory verify --scale full``) matches the code,
checked without rerunning anything: the same claim ids, the same decision rules, and every recorded verdict is
what today's decision function gives on the recorded evidence."""

import json
from pathlib import Path

import pytest

from difftheory import ledger, paper

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "full"


@pytest.fixture(scope="module")
def rows():
    """The reference rows of the papers registered here (a plug-in paper the reference holds but this environment
    does not have installed is left out; one installed here but absent from the reference is checked below)."""
    every = json.loads((REFERENCE / "claims.json").read_text(encoding="utf-8"))
    return [r for r in every if r["paper"] in paper.names()]


def test_reference_files_exist():
    for name in ("claims.json", "report.md", "report.html"):
        assert (REFERENCE / name).is_file(), name
    header = (REFERENCE / "report.md").read_text(encoding="utf-8")
    assert "command: difftheory verify --scale full" in header and "wall seconds:" in header


def test_reference_holds_exactly_the_registered_claims(rows):
    """For every registered paper in the reference, the same claim ids; every built-in paper is in the reference."""
    in_ref = {r["paper"] for r in rows}
    assert {"kdiff", "erd", "mse"} <= in_ref
    registered = [cid for cid, c in ledger.discover().items() if c.paper in in_ref]
    assert sorted(r["id"] for r in rows) == sorted(registered)


def test_reference_was_run_at_full_scale_without_error(rows):
    assert {r["scale"] for r in rows} == {"full"}
    assert not [r["id"] for r in rows if r["verdict"] == "error"]


def test_reference_criteria_and_code_match_the_registry(rows):
    reg = ledger.discover()
    for r in rows:
        c = reg[r["id"]]
        assert r["criteria"] == c.criteria, r["id"]
        assert r["code"] == c.code and r["decision"] == c.decision, r["id"]
        assert r["equations"] == list(c.equations), r["id"]


def test_reference_verdicts_follow_from_their_evidence(rows):
    reg = ledger.discover()
    for r in rows:
        d, m = ledger.assess(reg[r["id"]], r["evidence"])
        assert (d.verdict, d.detail, d.reading) == (r["verdict"], r["detail"], r["reading"]), r["id"]
        assert (m.relative, m.deciding, m.fragile) == (r["margin"], r["deciding"], r["fragile"]), r["id"]


def test_reference_figures_are_committed(rows):
    for r in rows:
        for f in r["figures"]:
            assert (REFERENCE / f).is_file() or Path(f).is_file(), f
