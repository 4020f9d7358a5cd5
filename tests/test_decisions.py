"""Every decision tested: each registered claim's decision function is driven with synthetic evidence through
every outcome it can honestly give (at least two, always ``verified`` and the verdict of the reference ledger),
and no decision function is constant.

Synthetic evidence lives in ``tests/decision_examples/<module>.py`` as ``EXAMPLES = {claim_id: {verdict:
[evidence, ...]}}`` (one evidence dict or a list of them per verdict)."""

from __future__ import annotations

import importlib
import importlib.util
import json
from pathlib import Path

import pytest

from difftheory import ledger

HERE = Path(__file__).parent
REFERENCE = HERE.parent / "reference" / "full" / "claims.json"


def _examples() -> dict:
    import sys

    folder = str(HERE / "decision_examples")
    if folder not in sys.path:
        sys.path.insert(0, folder)  # the example files share helpers (_evidence.py)
    out = {}
    for f in sorted((HERE / "decision_examples").glob("*.py")):
        if f.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"decision_examples_{f.stem}", f)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for cid, by_verdict in mod.EXAMPLES.items():
            assert cid not in out, f"{cid} has examples in two files"
            out[cid] = {v: (e if isinstance(e, list) else [e]) for v, e in by_verdict.items()}
    return out


EXAMPLES = _examples()
REGISTRY = ledger.discover()
IDS = sorted(REGISTRY)


def _reference_verdicts() -> dict:
    if not REFERENCE.is_file():
        return {}
    return {r["id"]: r["verdict"] for r in json.loads(REFERENCE.read_text(encoding="utf-8"))}


def test_examples_name_only_registered_claims():
    assert not sorted(set(EXAMPLES) - set(REGISTRY))


@pytest.mark.parametrize("cid", IDS)
def test_decision_reaches_each_example_verdict(cid):
    c = REGISTRY[cid]
    assert cid in EXAMPLES, f"{cid}: no synthetic evidence in tests/decision_examples/"
    ex = EXAMPLES[cid]
    assert "verified" in ex, f"{cid}: no evidence that reaches 'verified'"
    assert len(ex) >= 2, f"{cid}: decision exercised with one outcome only: {sorted(ex)}"
    for verdict, evidences in ex.items():
        assert verdict in ledger.OUTCOMES
        for ev in evidences:
            d = ledger.decide(c, ev)
            assert d.verdict == verdict, f"{cid}: expected {verdict}, got {d.verdict}: {d.detail}"
            assert isinstance(d.detail, str) and d.detail.strip(), f"{cid}: empty detail for {verdict}"


@pytest.mark.parametrize("cid", IDS)
def test_reference_verdict_is_among_the_tested_outcomes(cid):
    ref = _reference_verdicts()
    if cid not in ref:
        pytest.skip("not in the reference ledger")
    assert ref[cid] in EXAMPLES.get(cid, {}), f"{cid}: today's verdict {ref[cid]} is not exercised by its examples"


def test_no_decision_is_constant():
    constant = [cid for cid in IDS if len({v for v in EXAMPLES.get(cid, {})}) < 2]
    assert not constant


@pytest.mark.parametrize("cid", IDS)
def test_registration_is_complete(cid):
    c = REGISTRY[cid]
    assert c.criteria.strip()
    assert c.equations or c.beyond, f"{cid}: no equation labels (allowed only for *.beyond.* claims)"
    mod, _, name = c.code.partition(":")
    assert callable(getattr(importlib.import_module(mod), name))
    mod, _, name = c.decision.partition(":")
    assert callable(getattr(importlib.import_module(mod), name))
