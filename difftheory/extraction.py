"""Where a paper's text extraction is shown to lose a glyph: the evidence behind a restored reading.

A claim that decides a printed formula "verified" only after restoring something (a ring accent, a minus sign, the
extent of a radical) names the *loss* it restores. The loss is a reading of damaged text only when the extraction is
shown to lose that glyph elsewhere: places in the paper's text file, each with the line and an exact quote, listed in
the paper's ``extraction.toml`` (package data of the paper)::

    [[loss]]
    id = "ring_dropped"
    glyph = "the ring accent of ρ̊, λ̊ dropped"
    supported = true
    [[loss.evidence]]
    file = "paper.txt"      # a file of the paper's text (shared/papers)
    line = 342
    quote = "\\hat{\\rho}_t/\\rho_s"   # an exact substring of that line
    why = "..."

``restoration(paper, loss_id, what)`` gives the :class:`difftheory.decide.Reading` a decision uses; a loss without
evidence (``supported = false``) gives a reading with no evidence, which ``printed_vs_derived`` turns into a
correction. ``tests/test_readings.py`` checks every quote against the paper's text where the text is present.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from difftheory.decide import Reading

FILE = "extraction.toml"


@dataclass(frozen=True)
class Quote:
    file: str
    line: int
    quote: str
    why: str = ""

    def __str__(self) -> str:
        return f"{self.file} l. {self.line}: “{self.quote}”"


@dataclass(frozen=True)
class Loss:
    id: str
    glyph: str
    supported: bool
    evidence: tuple[Quote, ...] = ()
    against: tuple[Quote, ...] = ()


def _quotes(where: str, raw) -> tuple[Quote, ...]:
    if not isinstance(raw, list):
        raise ValueError(f"{where}: expected a list of quotes, got {raw!r}")
    out = []
    for q in raw:
        if not (isinstance(q, dict) and isinstance(q.get("file"), str) and isinstance(q.get("line"), int)
                and isinstance(q.get("quote"), str) and q["quote"]):
            raise ValueError(f"{where}: each quote needs file (str), line (int) and a non-empty quote; got {q!r}")
        out.append(Quote(q["file"], q["line"], q["quote"], str(q.get("why", ""))))
    return tuple(out)


def parse(doc: dict, source: str) -> dict[str, Loss]:
    """Validate a parsed ``extraction.toml`` into losses by id."""
    out = {}
    for i, d in enumerate(doc.get("loss", []), 1):
        where = f"{source} loss {i}"
        if not isinstance(d.get("id"), str) or not isinstance(d.get("glyph"), str) or not isinstance(d.get("supported"), bool):
            raise ValueError(f"{where}: id, glyph (str) and supported (bool) are required")
        ev = _quotes(where, d.get("evidence", []))
        if d["supported"] and not ev:
            raise ValueError(f"{where} ({d['id']}): supported = true needs evidence")
        if d["id"] in out:
            raise ValueError(f"{where}: id {d['id']!r} listed twice")
        out[d["id"]] = Loss(d["id"], d["glyph"], d["supported"], ev, _quotes(where, d.get("against", [])))
    return out


@lru_cache(maxsize=None)
def losses(paper: str) -> dict[str, Loss]:
    """The losses recorded for ``paper`` (its package data ``extraction.toml``; none when it has no such file)."""
    from difftheory.coverage import _toml_loads
    from difftheory.paper import data_file

    path = data_file(paper, FILE)
    if path is None:
        return {}
    return parse(_toml_loads(path.read_text(encoding="utf-8")), str(path))


def restoration(paper: str, loss_id: str, what: str) -> Reading:
    """The reading that restores ``what``, backed by the evidence of ``paper``'s loss ``loss_id`` (no evidence when the
    loss is unknown or unsupported: then the restoration is a correction)."""
    loss = losses(paper).get(loss_id)
    evidence = tuple(str(q) for q in loss.evidence) if loss is not None and loss.supported else ()
    return Reading(restored=what, evidence=evidence)
