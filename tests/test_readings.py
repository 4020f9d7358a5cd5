"""Readings are part of the verdict (issue 16): a restored reading of damaged text counts only with evidence that the
extraction loses that glyph elsewhere; the evidence quotes are exact; every reading a claim evaluates is declared."""

import json
import os
from pathlib import Path

import pytest

from difftheory import extraction, ledger, paper
from difftheory.decide import AS_PRINTED, Reading, printed_vs_derived

ROOT = Path(__file__).resolve().parents[1]
PAPERS_TEXT = Path(os.environ.get("DIFFTHEORY_PAPERS", ROOT.parent / "shared" / "papers"))
REFERENCE = ROOT / "reference" / "full" / "claims.json"


def test_printed_vs_derived_splits_as_printed_as_read_and_corrections():
    read = Reading(restored="a ring", evidence=("paper.txt l. 3: “x”",))
    guess = Reading(restored="a minus")
    assert printed_vs_derived({AS_PRINTED: True, read: True}) == ("verified", "as printed")
    assert printed_vs_derived({AS_PRINTED: False, read: True}) == ("verified", "restored: a ring")
    assert printed_vs_derived({AS_PRINTED: False, guess: True}) == ("corrected", "as printed")
    assert printed_vs_derived({AS_PRINTED: False, guess: False}, correction_holds=True) == ("corrected", "as printed")
    assert printed_vs_derived({AS_PRINTED: False, guess: False}) == ("refuted", "as printed")
    assert printed_vs_derived({AS_PRINTED: True}, twins_agree=False) == ("error", None)
    assert printed_vs_derived({Reading(note="ρ = c·ρ̊"): True}) == ("verified", "as printed")
    with pytest.raises(TypeError):
        printed_vs_derived({"literal": True})
    with pytest.raises(ValueError):
        printed_vs_derived({})


def test_decision_rejects_a_malformed_reading():
    with pytest.raises(ValueError):
        ledger.Decision("verified", "x", reading="restored")


@pytest.mark.parametrize("name", paper.names())
def test_extraction_losses_parse_and_supported_ones_have_evidence(name):
    for loss in extraction.losses(name).values():
        assert loss.glyph
        assert not loss.supported or loss.evidence, loss.id


@pytest.mark.parametrize("name", paper.names())
def test_every_evidence_quote_is_on_its_line(name):
    losses = extraction.losses(name)
    if not losses:
        pytest.skip(f"{name} records no extraction losses")
    if not PAPERS_TEXT.is_dir():
        pytest.skip(f"the papers' text is not here ({PAPERS_TEXT}); set DIFFTHEORY_PAPERS")
    for loss in losses.values():
        for q in loss.evidence + loss.against:
            f = PAPERS_TEXT / q.file
            assert f.is_file(), f"{name} {loss.id}: {q.file} not found"
            lines = f.read_text(encoding="utf-8").splitlines()
            assert 1 <= q.line <= len(lines), f"{loss.id}: line {q.line} outside {q.file}"
            assert q.quote in lines[q.line - 1], f"{loss.id}: {q.quote!r} not on {q.file} l. {q.line}"


def test_restoration_without_evidence_is_a_correction():
    r = extraction.restoration(paper.names()[0], "no-such-loss", "something")
    assert r.restored == "something" and not r.supported


def _reading_names(ev, out):
    if isinstance(ev, dict):
        for k, v in ev.items():
            if k == "readings" and isinstance(v, dict):
                out.update(v)
            _reading_names(v, out)
    return out


@pytest.mark.skipif(not REFERENCE.is_file(), reason="no reference ledger")
def test_every_reading_the_reference_evaluates_is_declared():
    """A reading name the evidence produces must be declared (READINGS of its claims module): an undeclared name
    would silently count as a restoration without evidence."""
    import importlib
    reg = ledger.discover()
    for r in json.loads(REFERENCE.read_text(encoding="utf-8")):
        names = _reading_names(r["evidence"], set())
        if not names or r["id"] not in reg:
            continue
        mod = importlib.import_module(reg[r["id"]].decide.__module__)
        declared = getattr(mod, "READINGS", {})
        assert not (names - set(declared)), f"{r['id']}: undeclared readings {sorted(names - set(declared))}"


@pytest.mark.skipif(not REFERENCE.is_file(), reason="no reference ledger")
def test_reference_records_the_reading_of_printed_vs_derived_decisions():
    rows = json.loads(REFERENCE.read_text(encoding="utf-8"))
    read = [r for r in rows if r["verdict"] == "verified" and str(r.get("reading") or "").startswith("restored: ")]
    for r in read:  # a verified-as-read verdict names what was restored, and that restoration has evidence
        assert len(r["reading"]) > len("restored: ") + 5, r["id"]
