"""The papers' own numbers: every table of a paper and the quantitative sentences that are compared with them
(abstract, text, captions), transcribed from the extraction files in ``shared/papers/`` (issue 17).

Each paper's ``tables.toml`` (in its registered data folder, ``difftheory.paper``) holds its ``[sources]`` (extraction files, by key),
its ``[[table]]`` s and its ``[[statement]]`` s:

- a table has ``label`` ("Table 1"), ``title``, ``columns``, ``at`` (lines per source) and ``rows``, one inline
  table per row: ``name`` (unique in the table), ``label`` (the printed row label, str or {source: str}),
  ``at`` ({source: line or [first, last]}), ``cells`` ({column: text or {text, value, damaged, note, at}}),
  optional ``group`` and ``note``; a row whose one printed value spans every column has ``spans = true`` and
  the single cell ``all``;
- a cell's ``text`` is what the extraction prints (str, or {source: str} where the extractions differ); it
  must occur on the cited lines (``check_against_sources``, run by the tests). ``value`` (a string) is the reading
  when it differs from the printed text (a decimal point lost in OCR, ``13IM`` for 131M): the cell is then
  *restored* and needs a ``note`` saying why the reading is unique. ``damaged = true`` (with a note) marks a
  cell the extraction does not let us read reliably (garbled digits, a lost symbol, a shifted column that
  context cannot place); its value is never used silently: ``Cell.number`` raises ``DamagedCellError``, and a
  claim that shows one passes it through ``Cell.cite()``, whose ``damaged`` flag its decision must read;
- a statement has ``id``, ``where`` (its place: "Abstract", "§5.1", "Fig. 2"), ``at``, the ``quote`` (str or
  {source: str}, checked against the cited lines like a cell) and named ``values`` (text that occurs in the quote,
  or {text, value, damaged, note}); each value is a ``Cell`` whose table is the statement's place.

``load(paper)`` validates a file (``TableError`` names the file, the table, the row and the problem);
``summary()`` counts cells per paper. Numbers parse as ``2.27``, ``1,024``, ``400K``/``131M``/``2B`` (× 10³/10⁶/10⁹);
other text (``675+49M``, ``cosine``) stays a string.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from difftheory import paper as papers
from difftheory.coverage import _toml_loads as toml_loads

FILE = "tables.toml"
IMAGENET_TRAIN_IMAGES = 1_281_167  # ImageNet-1k (ILSVRC-2012) training split: the epoch ↔ iteration conversion

TABLE_KEYS = {"id", "label", "title", "at", "columns", "rows", "note"}
ROW_KEYS = {"name", "label", "group", "at", "cells", "spans", "note"}
CELL_KEYS = {"text", "value", "damaged", "note", "at"}
STATEMENT_KEYS = {"id", "where", "at", "quote", "values", "note"}
_NUMBER = re.compile(r"^[+\-−]?\d+(\.\d+)?$")
_SUFFIX = {"K": 1e3, "M": 1e6, "B": 1e9}


class TableError(ValueError):
    """A transcription file that does not validate; the message names the file and the entry."""


class DamagedCellError(TableError):
    """A damaged cell's value was asked for as a number: a claim must show it through ``cite()`` instead."""


def parse_number(text: str) -> tuple[float | str, int | None]:
    """``(value, decimals)``: a float and its printed decimals for ``2.27`` (2), ``-0.8`` (1), ``1,024`` (0),
    ``400K`` (4e5, −3: the printed unit is 1K), ``1.5M`` (1.5e6, −5); the text itself and None for anything else."""
    s = text.strip().replace("−", "-")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", s):
        s = s.replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s?([KMB])", s)
    if m:
        frac = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
        return float(m.group(1)) * _SUFFIX[m.group(2)], frac - round(math.log10(_SUFFIX[m.group(2)]))
    if _NUMBER.match(s):
        return float(s), len(s.split(".")[1]) if "." in s else 0
    return text.strip(), None


def fmt_at(at: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{src} l. {a}" if a == b else f"{src} ll. {a}–{b}" for src, (a, b) in at.items())


@dataclass(frozen=True)
class Cell:
    """One printed number or entry: a table cell, or a named value of a statement."""

    paper: str
    table: str  # "Table 1", or a statement's place ("§5.1")
    row: str  # row name, or the statement id
    column: str  # column, or the value's name
    text: dict[str, str]  # printed text per source
    at: dict[str, tuple[int, int]]  # cited lines per source (first, last)
    value: float | str | None
    decimals: int | None  # printed decimals of a numeric value
    damaged: bool = False
    restored: bool = False
    note: str = ""
    in_text: bool = False  # a value quoted in a statement (table = its place, row = its id), not a table cell
    reading: str = ""  # the value as it reads: the restored value's string, else the printed text

    @property
    def where(self) -> str:
        if self.in_text:
            return f"{self.paper} {self.table} ({fmt_at(self.at)})"
        return f"{self.paper} {self.table}, {self.row}, {self.column} ({fmt_at(self.at)})"

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, float)

    @property
    def number(self) -> float:
        """The value as a float; a damaged cell raises ``DamagedCellError`` (never used silently)."""
        if self.damaged:
            raise DamagedCellError(f"{self.where} is damaged in the extraction ({self.note}); show it with cite() "
                                   "and let the decision say that the claim rests on it")
        if not self.is_number:
            raise TableError(f"{self.where} is not a number: {self.value!r}")
        return float(self.value)

    def cite(self) -> dict:
        """The cell as evidence: value (None when damaged), printed text, source lines and flags."""
        return {"value": None if self.damaged else self.value, "reading": None if self.damaged else self.reading,
                "text": " | ".join(dict.fromkeys(self.text.values())),
                "decimals": self.decimals, "where": self.where, "damaged": self.damaged, "restored": self.restored,
                "note": self.note}


@dataclass(frozen=True)
class Row:
    name: str
    label: dict[str, str]
    at: dict[str, tuple[int, int]]
    cells: dict[str, Cell]
    group: str = ""
    spans: bool = False
    note: str = ""

    def __getitem__(self, column: str) -> Cell:
        if self.spans:
            return self.cells["all"]
        if column not in self.cells:
            raise KeyError(f"row {self.name!r} has no cell in column {column!r} (has {sorted(self.cells)})")
        return self.cells[column]


@dataclass(frozen=True)
class Table:
    paper: str
    label: str
    title: str
    columns: tuple[str, ...]
    at: dict[str, tuple[int, int]]
    rows: dict[str, Row]
    note: str = ""

    def __getitem__(self, name: str) -> Row:
        if name not in self.rows:
            raise KeyError(f"{self.paper} {self.label} has no row {name!r} (rows: {list(self.rows)})")
        return self.rows[name]

    def cell(self, row: str, column: str) -> Cell:
        return self[row][column]

    def cells(self):
        for r in self.rows.values():
            yield from r.cells.values()


@dataclass(frozen=True)
class Statement:
    paper: str
    id: str
    where: str
    quote: dict[str, str]
    at: dict[str, tuple[int, int]]
    values: dict[str, Cell] = field(default_factory=dict)
    note: str = ""

    def __getitem__(self, name: str) -> Cell:
        if name not in self.values:
            raise KeyError(f"{self.paper} statement {self.id!r} has no value {name!r} (has {sorted(self.values)})")
        return self.values[name]

    def cite(self) -> dict:
        return {"id": self.id, "where": f"{self.paper} {self.where} ({fmt_at(self.at)})",
                "quote": " | ".join(dict.fromkeys(self.quote.values()))}


@dataclass(frozen=True)
class PaperTables:
    paper: str
    sources: dict[str, str]
    tables: dict[str, Table]
    statements: dict[str, Statement]

    def table(self, label: str) -> Table:
        if label not in self.tables:
            raise KeyError(f"{self.paper} has no {label!r} (tables: {list(self.tables)})")
        return self.tables[label]

    def statement(self, sid: str) -> Statement:
        if sid not in self.statements:
            raise KeyError(f"{self.paper} has no statement {sid!r}")
        return self.statements[sid]

    def cells(self):
        for t in self.tables.values():
            yield from t.cells()


# ---------------------------------------------------------------------------------------------- parsing

def _at(where: str, v, sources: dict[str, str]) -> dict[str, tuple[int, int]]:
    if not isinstance(v, dict) or not v:
        raise TableError(f"{where}: at must be {{source: line or [first, last]}}; got {v!r}")
    out = {}
    for src, lines in v.items():
        if src not in sources:
            raise TableError(f"{where}: unknown source {src!r} (sources: {sorted(sources)})")
        if isinstance(lines, int) and not isinstance(lines, bool):
            lines = [lines, lines]
        if (not isinstance(lines, list) or len(lines) != 2 or not all(isinstance(x, int) for x in lines)
                or not 1 <= lines[0] <= lines[1]):
            raise TableError(f"{where}: lines of {src} must be a positive line or [first, last]; got {lines!r}")
        out[src] = (lines[0], lines[1])
    return out


def _texts(where: str, v, at: dict, key: str) -> dict[str, str]:
    if isinstance(v, str) and v.strip():
        return {src: v for src in at}
    if isinstance(v, dict) and v and all(isinstance(x, str) and x.strip() for x in v.values()):
        if set(v) != set(at):
            raise TableError(f"{where}: {key} per source must name exactly the cited sources {sorted(at)}; "
                             f"got {sorted(v)}")
        return dict(v)
    raise TableError(f"{where}: {key} must be a non-empty string or {{source: string}}; got {v!r}")


def _cell(where: str, paper: str, table: str, row: str, column: str, v, at: dict, sources: dict,
          in_text: bool = False) -> Cell:
    spec = v if isinstance(v, dict) else {"text": v}
    unknown = set(spec) - CELL_KEYS
    if unknown:
        raise TableError(f"{where}: unknown cell keys {sorted(unknown)} (allowed: {sorted(CELL_KEYS)})")
    cat = _at(where, spec["at"], sources) if "at" in spec else at
    text = _texts(where, spec.get("text"), cat, "text")
    damaged = spec.get("damaged", False)
    note = spec.get("note", "")
    if not isinstance(damaged, bool) or not isinstance(note, str):
        raise TableError(f"{where}: damaged must be true/false and note a string")
    if damaged and len(note.strip()) < 10:
        raise TableError(f"{where}: a damaged cell needs a note saying what is unreadable")
    if "value" in spec:
        if not isinstance(spec["value"], str) or not spec["value"].strip():
            raise TableError(f"{where}: value must be the reading as a string (e.g. \"32.3\"); got {spec['value']!r}")
        if len(note.strip()) < 10:
            raise TableError(f"{where}: a restored reading (value) needs a note saying why it is the only reading")
        value, decimals = parse_number(spec["value"])
        restored = True
    else:
        readings = {parse_number(t) for t in text.values()}
        if len(readings) > 1 and not damaged:
            raise TableError(f"{where}: the sources print different values {text}; give the reading as value "
                             "(with a note) or mark the cell damaged")
        value, decimals = next(iter(readings))
        restored = False
    reading = spec["value"].strip() if restored else " ".join(next(iter(text.values())).split())
    return Cell(paper, table, row, column, text, dict(cat), value, decimals, damaged, restored, " ".join(note.split()),
                in_text, reading)


def parse_paper(paper: str, doc: dict, source: str = "<tables>") -> PaperTables:
    """Validate one paper's parsed TOML into tables and statements."""
    if paper not in papers.names():
        raise TableError(f"{source}: paper must be a registered paper ({', '.join(papers.names())}); got {paper!r}")
    extra = set(doc) - {"paper", "sources", "table", "statement"}
    if extra:
        raise TableError(f"{source}: unknown top-level keys {sorted(extra)}")
    if doc.get("paper") != paper:
        raise TableError(f"{source}: paper = {doc.get('paper')!r}, expected {paper!r}")
    sources = doc.get("sources")
    if not isinstance(sources, dict) or not sources or not all(isinstance(x, str) for x in sources.values()):
        raise TableError(f"{source}: [sources] must map keys to extraction file names")
    tables: dict[str, Table] = {}
    for i, t in enumerate(doc.get("table", []), 1):
        where = f"{source} table {i}"
        unknown = set(t) - TABLE_KEYS
        if unknown:
            raise TableError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(TABLE_KEYS)})")
        label = t.get("label", "")
        if not re.fullmatch(r"Table \d+", str(label)):
            raise TableError(f"{where}: label must read 'Table N'; got {label!r}")
        where = f"{source} {label}"
        if label in tables:
            raise TableError(f"{where}: appears twice")
        columns = t.get("columns")
        if not isinstance(columns, list) or not columns or len(set(columns)) != len(columns) or "all" in columns:
            raise TableError(f"{where}: columns must be a list of distinct names (not 'all'); got {columns!r}")
        rows: dict[str, Row] = {}
        for j, r in enumerate(t.get("rows", []), 1):
            rwhere = f"{where} row {j}"
            unknown = set(r) - ROW_KEYS
            if unknown:
                raise TableError(f"{rwhere}: unknown keys {sorted(unknown)} (allowed: {sorted(ROW_KEYS)})")
            name = r.get("name")
            if not isinstance(name, str) or not name.strip():
                raise TableError(f"{rwhere}: name is required")
            rwhere = f"{where} row {j} ({name})"
            if name in rows:
                raise TableError(f"{rwhere}: row name appears twice")
            rat = _at(rwhere, r.get("at"), sources)
            spans = r.get("spans", False)
            cells = r.get("cells")
            if not isinstance(cells, dict) or not cells:
                raise TableError(f"{rwhere}: cells must be a non-empty {{column: text}}")
            allowed = {"all"} if spans else set(columns)
            bad = set(cells) - allowed
            if bad:
                raise TableError(f"{rwhere}: cells in unknown columns {sorted(bad)} (columns: "
                                 f"{'all (spans = true)' if spans else columns})")
            parsed = {c: _cell(f"{rwhere}, {c}", paper, label, name, c, v, rat, sources) for c, v in cells.items()}
            rows[name] = Row(name, _texts(rwhere, r.get("label", name), rat, "label"), rat, parsed,
                             str(r.get("group", "")), bool(spans), " ".join(str(r.get("note", "")).split()))
        if not rows:
            raise TableError(f"{where}: no rows")
        tables[label] = Table(paper, label, str(t.get("title", "")), tuple(columns), _at(where, t.get("at"), sources),
                              rows, " ".join(str(t.get("note", "")).split()))
    statements: dict[str, Statement] = {}
    for i, s in enumerate(doc.get("statement", []), 1):
        where = f"{source} statement {i}"
        unknown = set(s) - STATEMENT_KEYS
        if unknown:
            raise TableError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(STATEMENT_KEYS)})")
        sid = s.get("id")
        if not isinstance(sid, str) or not re.fullmatch(r"[A-Za-z0-9_.]+", sid):
            raise TableError(f"{where}: id must be dotted words (letters, digits, _); got {sid!r}")
        where = f"{source} statement {sid}"
        if sid in statements:
            raise TableError(f"{where}: appears twice")
        place = s.get("where")
        if not isinstance(place, str) or not place.strip():
            raise TableError(f"{where}: where (the statement's place) is required")
        sat = _at(where, s.get("at"), sources)
        quote = _texts(where, s.get("quote"), sat, "quote")
        values = {}
        for name, v in (s.get("values") or {}).items():
            cell = _cell(f"{where}, {name}", paper, place, sid, name, v, sat, sources, in_text=True)
            missing = [src for src, txt in cell.text.items() if _norm(txt) not in _norm(quote.get(src, ""))]
            if missing:
                raise TableError(f"{where}, {name}: value text {cell.text} does not occur in the quote of {missing}")
            values[name] = cell
        statements[sid] = Statement(paper, sid, place, quote, sat, values, " ".join(str(s.get("note", "")).split()))
    return PaperTables(paper, dict(sources), tables, statements)


@lru_cache(maxsize=None)
def load(paper: str, root: str | None = None) -> PaperTables:
    """One paper's transcription, validated (its data folder's ``tables.toml``; ``root``: another folder holding
    ``<paper>.toml``)."""
    if paper not in papers.names():
        raise ValueError(f"paper must be a registered paper ({', '.join(papers.names())}); got {paper!r}")
    folder = papers.data_folder(paper)
    path = Path(root) / f"{paper}.toml" if root is not None else (folder / FILE if folder is not None else None)
    if path is None or not path.is_file():
        raise TableError(f"transcription {path} not found")
    return parse_paper(paper, toml_loads(path.read_text(encoding="utf-8")), str(path))


def with_tables() -> list[str]:
    """The registered papers that have a transcription."""
    return [n for n in papers.names() if papers.data_file(n, FILE) is not None]


def summary() -> dict[str, dict[str, int]]:
    """Per paper: tables, printed cells, damaged and restored cells, statements and their values."""
    out = {}
    for paper in with_tables():
        p = load(paper)
        cells = list(p.cells())
        vals = [v for s in p.statements.values() for v in s.values.values()]
        out[paper] = {"tables": len(p.tables), "cells": len(cells), "damaged": sum(c.damaged for c in cells),
                      "restored": sum(c.restored for c in cells), "statements": len(p.statements),
                      "statement values": len(vals), "damaged statement values": sum(v.damaged for v in vals)}
    return out


# ---------------------------------------------------------------------------------------------- against the extractions

def _norm(s: str) -> str:
    return " ".join(s.split())


def check_against_sources(paper: str | PaperTables, folder: Path | str | None = None) -> list[str]:
    """Problems found when every row label, cell text and statement quote is looked up on its cited lines of
    the extraction files (whitespace collapsed; a range is joined with spaces). Empty when all are found.
    ``paper``: a paper's name (its packaged transcription) or a parsed ``PaperTables``."""
    p = load(paper) if isinstance(paper, str) else paper
    paper = p.paper
    folder = Path(folder) if folder is not None else papers.text_folder()
    lines = {k: (folder / f).read_text(encoding="utf-8").split("\n") for k, f in p.sources.items()}
    problems = []

    def on(src: str, span: tuple[int, int]) -> str:
        a, b = span
        if b > len(lines[src]):
            return ""
        return _norm(" ".join(lines[src][a - 1:b]))

    def look(what: str, texts: dict[str, str], at: dict[str, tuple[int, int]]):
        for src, txt in texts.items():
            if _norm(txt) not in on(src, at[src]):
                problems.append(f"{what}: {txt!r} not on {src} {at[src]}")

    for t in p.tables.values():
        for r in t.rows.values():
            look(f"{paper} {t.label} row {r.name} label", r.label, r.at)
            for c in r.cells.values():
                look(c.where, c.text, c.at)
    for s in p.statements.values():
        look(f"{paper} statement {s.id}", s.quote, s.at)
    return problems


def epochs(iterations: float, batch: float, images: int = IMAGENET_TRAIN_IMAGES) -> float:
    """Passes over the training set: iterations × batch / images (ImageNet-1k train by default)."""
    if not (iterations > 0 and batch > 0 and images > 0) or not all(map(math.isfinite, (iterations, batch))):
        raise ValueError(f"iterations, batch and images must be positive and finite; got {iterations}, {batch}, {images}")
    return iterations * batch / images
