"""Every decision tested: each registered claim's decision function is driven with synthetic evidence through
every outcome it can honestly give (at least two, always ``verified`` and the verdict of the reference ledger),
and no decision is constant — per paper, with the same helper a plug-in runs against itself (``difftheory.testing``).

Synthetic evidence lives in ``tests/decision_examples/<module>.py`` as ``EXAMPLES = {claim_id: {verdict:
[evidence, ...]}}`` (one evidence dict or a list of them per verdict)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from difftheory import ledger, paper, testing

HERE = Path(__file__).parent
REFERENCE = HERE.parent / "reference" / "full" / "claims.json"
EXAMPLES = testing.load_examples(HERE / "decision_examples")
NAMES = [n for n in paper.names() if paper.distribution(n) == "difftheory"]  # plug-ins test themselves


def _reference_verdicts() -> dict:
    if not REFERENCE.is_file():
        return {}
    return {r["id"]: r["verdict"] for r in json.loads(REFERENCE.read_text(encoding="utf-8"))}


def test_examples_name_only_registered_claims():
    assert not sorted(set(EXAMPLES) - set(ledger.discover()))


@pytest.mark.parametrize("name", NAMES)
def test_registration_is_complete(name):
    problems = testing.registration_problems(name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_every_decision_reaches_each_example_verdict(name):
    problems = testing.decision_problems(name, EXAMPLES, _reference_verdicts())
    assert not problems, "\n".join(problems)


def test_every_paper_has_claims():
    for name in NAMES:
        assert testing.claims_of(name), name
