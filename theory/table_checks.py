"""Shared pieces of the table-consistency claims (claims_*_tables.py): citing transcribed cells as evidence and
comparing printed numbers at their printed precision. Pure functions of the evidence dicts that
``difftheory.paper_tables.Cell.cite()`` produces (value, text, decimals, where, damaged, restored, note), so the
decisions can use them on ``claims.json`` evidence alone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from difftheory.paper_tables import Cell, Row, fmt_at

ONE_UNIT_FID = 0.01  # one unit of the printed last digit of an FID (all three papers print FID with 2 decimals)

# Network evaluations of N Heun steps, the two plausible readings: EDM's Heun (Karras et al. 2022, Alg. 1) skips the
# correction on the last step (2N − 1); a Heun that corrects every step makes 2N.
HEUN_NFE = {"2N − 1 (Heun without correction at the last step, as in EDM)": lambda n: 2 * n - 1,
            "2N (Heun correcting every step)": lambda n: 2 * n}


def cites(*cells: Cell) -> list[dict]:
    return [c.cite() for c in cells]


def row_cite(row: Row, table: str, paper: str) -> dict:
    """A row's printed label as evidence (for checks that read model names)."""
    at = fmt_at(row.at)
    return {"value": row.name, "text": " | ".join(dict.fromkeys(row.label.values())), "decimals": None,
            "where": f"{paper} {table}, row {row.name} ({at})", "damaged": False, "restored": False, "note": row.note}


def shown(c: dict) -> str:
    """The value as read, at its printed precision (``32.3`` for the OCR text ``323``); a damaged cell's printed text."""
    if c.get("damaged"):
        return f"'{c['text']}'"
    if c.get("reading"):
        return c["reading"]
    v = c["value"]
    return f"{v:.{max(c['decimals'], 0)}f}" if isinstance(v, (int, float)) and c.get("decimals") is not None else str(v)


def short(c: dict) -> str:
    """``2.05 (kdiff §5.1 (pdf l. 215))``; a restored reading says so, a damaged cell shows its printed text."""
    if c.get("damaged"):
        return f"{shown(c)} (damaged: {c['where']})"
    return f"{shown(c)} ({c['where']}{'; restored reading' if c.get('restored') else ''})"


def damaged(cs: Iterable[dict]) -> list[dict]:
    return [c for c in cs if c.get("damaged")]


def _coarser(a: dict, b: dict) -> int:
    """The coarser of two cells' printed precisions (decimals; 6 where a cell states none)."""
    return min(x if x is not None else 6 for x in (a.get("decimals"), b.get("decimals")))


def at_precision(a: dict, b: dict) -> tuple[float, float]:
    """Both numbers rounded to the coarser of their printed precisions (278.24 vs 278.2 → 278.2, 278.2)."""
    d = _coarser(a, b)
    return round(float(a["value"]), d), round(float(b["value"]), d)


def same(a: dict, b: dict) -> bool:
    """Two undamaged cells print the same value: equal numbers at the coarser printed precision, or equal text."""
    if a.get("damaged") or b.get("damaged"):
        raise ValueError("same() on a damaged cell: filter damaged cells first")
    va, vb = a["value"], b["value"]
    if isinstance(va, (int, float)) and isinstance(vb, (int, float)):
        x, y = at_precision(a, b)
        return x == y
    return " ".join(str(va).split()).lower() == " ".join(str(vb).split()).lower()


def all_same(cs: Sequence[dict]) -> bool:
    usable = [c for c in cs if not c.get("damaged")]
    return all(same(usable[0], c) for c in usable[1:]) if usable else True


def at_most(d: float, limit: float, unit: float = ONE_UNIT_FID) -> bool:
    """d ≤ limit for a difference of printed numbers: both sit on the printed unit's grid, so the rule is decided at
    half a unit (d < limit + unit/2), which no rounding of the transcribed or recomputed values can move."""
    return d < limit + unit / 2


def more_than(d: float, limit: float, unit: float = ONE_UNIT_FID) -> bool:
    """d > limit for a difference of printed numbers, decided at half a unit (see ``at_most``)."""
    return d > limit + unit / 2


def diff(a: dict, b: dict) -> float:
    """a − b at the printed precision (so 4.03 − 4.02 is 0.01, not 0.0100000000000002)."""
    x, y = at_precision(a, b)
    return round(x - y, _coarser(a, b))
