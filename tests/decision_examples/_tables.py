"""Helpers for the decision examples of the table-consistency claims (theory/claims_*_tables.py): their evidence
functions are pure reads of the transcription (papers/<paper>/tables.toml), so each example file starts from
today's evidence and edits the few fields that move a decision to another outcome."""

import copy

from difftheory.io import to_jsonable


def live(fn) -> dict:
    """Today's evidence of a claim, as claims.json holds it."""
    return to_jsonable(fn(None))


def mod(ev: dict, *edits) -> dict:
    """A deep copy of ``ev`` with each ``edit(copy)`` applied."""
    out = copy.deepcopy(ev)
    for e in edits:
        e(out)
    return out


def setv(cite: dict, value, decimals: int | None = 2) -> None:
    """Give a cited cell another (readable) value."""
    cite.update(value=value, reading=None, decimals=decimals, damaged=False)


def spoil(cite: dict) -> None:
    """Mark a cited cell damaged (its value unreadable)."""
    cite.update(value=None, reading=None, damaged=True, note="synthetic: unreadable")
