"""Facts about other systems read from their public code, and the papers' statements they check (issue 17).

Each paper's ``other_systems.toml`` (in its registered data folder) holds two kinds of tables:

- ``[[fact]]``: what a file of another system's repository sets — system, repository, path, the commit read,
  the line range, a one-line description and the value in the code (``Fact``);
- ``[[statement]]``: a paper's statement about such a setting — the claim that decides it, the paper's file and
  line, its words, the facts it is checked against and its items, each a stated value against a code value
  (``Statement``, ``Item``).

``load()`` reads and validates both (``OtherSystemsError`` names the file, the table and the problem) and resolves
every code reference (``"fact-id"`` or ``"fact-id:key"``) so that a claim never meets a dangling one. Nothing here
needs the network: the facts were read once (with the ``fetch`` tool) and are stored."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from difftheory import paper as papers
from difftheory.coverage import _toml_loads

FILE = "other_systems.toml"  # in each paper's data folder (difftheory.paper)
REL_TOL = 1e-9  # two transcriptions of one setting (a paper's number, the code's): anything larger is another setting
COMPARES = ("equal", "set", "per_key", "derived", "none")
MISSING = object()  # an item whose stated value the claim derives from the paper's formula

FACT_KEYS = {"id", "system", "repository", "path", "commit", "lines", "setting", "value", "via", "note"}
STATEMENT_KEYS = {"claim", "paper", "file", "line", "printed_line", "text", "facts", "item"}
ITEM_KEYS = {"name", "stated", "code", "compare", "decides"}
_REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
_COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
_FACT_ID_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
_CLAIM_RE = re.compile(r"^[a-z][a-z0-9_]*\.(external|beyond)\.[a-z0-9_]+$")


class OtherSystemsError(ValueError):
    """``other_systems.toml`` does not validate; the message names the file, the table and the problem."""


@dataclass(frozen=True)
class Fact:
    id: str
    system: str
    repository: str
    path: str
    commit: str
    lines: tuple[int, int]
    setting: str
    value: object
    via: str = ""
    note: str = ""

    def cite(self) -> str:
        """``owner/name:path@commit7 L a–b`` (the short form a report prints)."""
        a, b = self.lines
        return f"{self.repository}:{self.path}@{self.commit[:7]} L{a}" + (f"–{b}" if b != a else "")

    def as_evidence(self) -> dict:
        return {"id": self.id, "system": self.system, "repository": self.repository, "path": self.path,
                "commit": self.commit, "lines": list(self.lines), "setting": self.setting, "value": self.value,
                **({"via": self.via} if self.via else {})}


@dataclass(frozen=True)
class Item:
    name: str
    code: str  # "fact-id" or "fact-id:key[.key]"; "" when no public code fixes it
    compare: str = "equal"
    stated: object = MISSING
    decides: str = ""


@dataclass(frozen=True)
class Statement:
    claim: str
    paper: str
    file: str
    line: int
    text: str
    facts: tuple[str, ...]
    items: tuple[Item, ...] = ()
    printed_line: str = ""

    def as_evidence(self) -> dict:
        return {"paper": self.paper, "file": self.file, "line": self.line, "printed_line": self.printed_line,
                "text": self.text}


@dataclass(frozen=True)
class OtherSystems:
    facts: dict = field(default_factory=dict)  # id -> Fact
    statements: dict = field(default_factory=dict)  # claim id -> Statement

    def value(self, ref: str):
        """The code value a reference names (``"fact-id"`` or ``"fact-id:key.sub"``)."""
        return resolve(self.facts, ref, "reference")

    def statement(self, claim_id: str) -> Statement:
        if claim_id not in self.statements:
            raise KeyError(f"no statement in other_systems.toml for claim {claim_id!r}")
        return self.statements[claim_id]

    def item(self, claim_id: str, name: str) -> Item:
        for it in self.statement(claim_id).items:
            if it.name == name:
                return it
        raise KeyError(f"{claim_id}: no item {name!r} in other_systems.toml")


def same(a, b, as_set: bool = False) -> bool:
    """A stated value and a code value name the same setting: numbers to REL_TOL, strings case-blind, lists (as
    multisets with ``as_set``) and tables element by element; a bool equals only a bool."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=REL_TOL)
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if as_set:
            a, b = sorted(a), sorted(b)
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(same(a[k], b[k]) for k in a)
    return False


def resolve(facts: dict, ref: str, where: str):
    fid, _, keys = ref.partition(":")
    if fid not in facts:
        raise OtherSystemsError(f"{where}: code reference {ref!r} names no fact")
    v = facts[fid].value
    for k in [k for k in keys.split(".") if k] if keys else []:
        if not isinstance(v, dict) or k not in v:
            raise OtherSystemsError(f"{where}: code reference {ref!r}: key {k!r} not in the value of fact {fid!r}")
        v = v[k]
    return v


def _text(where: str, d: dict, key: str, required: bool = True) -> str:
    v = d.get(key, "")
    if not isinstance(v, str):
        raise OtherSystemsError(f"{where}: {key} must be a string; got {v!r}")
    v = " ".join(v.split())
    if required and not v:
        raise OtherSystemsError(f"{where}: {key} is required")
    return v


def _unknown(where: str, d: dict, allowed: set) -> None:
    extra = set(d) - allowed
    if extra:
        raise OtherSystemsError(f"{where}: unknown keys {sorted(extra)} (allowed: {sorted(allowed)})")


def parse_fact(d: dict, where: str) -> Fact:
    _unknown(where, d, FACT_KEYS)
    fid = _text(where, d, "id")
    where = f"{where} ({fid})"
    if not _FACT_ID_RE.match(fid):
        raise OtherSystemsError(f"{where}: id must be dotted lower-case words like 'edm2.presets'; got {fid!r}")
    repo = _text(where, d, "repository")
    if not _REPO_RE.match(repo):
        raise OtherSystemsError(f"{where}: repository must be 'owner/name'; got {repo!r}")
    commit = _text(where, d, "commit")
    if not _COMMIT_RE.match(commit):
        raise OtherSystemsError(f"{where}: commit must be 40 lower-case hex digits; got {commit!r}")
    lines = d.get("lines")
    if (not isinstance(lines, list) or len(lines) != 2 or not all(isinstance(x, int) and not isinstance(x, bool)
                                                                  for x in lines) or not 1 <= lines[0] <= lines[1]):
        raise OtherSystemsError(f"{where}: lines must be [first, last] with 1 <= first <= last; got {lines!r}")
    if "value" not in d:
        raise OtherSystemsError(f"{where}: value (what the code sets) is required")
    return Fact(fid, _text(where, d, "system"), repo, _text(where, d, "path"), commit, (lines[0], lines[1]),
                _text(where, d, "setting"), d["value"], _text(where, d, "via", False), _text(where, d, "note", False))


def parse_item(d: dict, where: str, facts: dict) -> Item:
    _unknown(where, d, ITEM_KEYS)
    name = _text(where, d, "name")
    where = f"{where} ({name})"
    compare = _text(where, d, "compare", False) or "equal"
    if compare not in COMPARES:
        raise OtherSystemsError(f"{where}: compare must be one of {', '.join(COMPARES)}; got {compare!r}")
    code = _text(where, d, "code", False)
    decides = _text(where, d, "decides", False)
    if compare == "none":
        if code:
            raise OtherSystemsError(f"{where}: compare 'none' (no public code) takes code = \"\"; got {code!r}")
        if len(decides) < 20:
            raise OtherSystemsError(f"{where}: an item without code needs 'decides' (what would settle it)")
    else:
        if not code:
            raise OtherSystemsError(f"{where}: code (a fact reference) is required for compare {compare!r}")
        value = resolve(facts, code, where)
        if compare == "per_key" and not isinstance(value, dict):
            raise OtherSystemsError(f"{where}: compare 'per_key' needs a table value at {code!r}")
        if compare == "set" and not isinstance(value, list):
            raise OtherSystemsError(f"{where}: compare 'set' needs a list value at {code!r}")
    return Item(name, code, compare, d.get("stated", MISSING), decides)


def parse_statement(d: dict, where: str, facts: dict) -> Statement:
    _unknown(where, d, STATEMENT_KEYS)
    cid = _text(where, d, "claim")
    where = f"{where} ({cid})"
    if not _CLAIM_RE.match(cid):
        raise OtherSystemsError(f"{where}: claim must be '<paper>.external.<name>' or '<paper>.beyond.<name>'")
    paper = _text(where, d, "paper")
    if paper not in papers.names() or not cid.startswith(paper + "."):
        raise OtherSystemsError(f"{where}: paper must be a registered paper ({', '.join(papers.names())}) and match "
                                f"the claim; got {paper!r}")
    line = d.get("line")
    if not isinstance(line, int) or isinstance(line, bool) or line < 1:
        raise OtherSystemsError(f"{where}: line must be a line number >= 1 of the paper's file; got {line!r}")
    fids = d.get("facts", [])
    if not isinstance(fids, list) or not all(isinstance(x, str) for x in fids):
        raise OtherSystemsError(f"{where}: facts must be a list of fact ids; got {fids!r}")
    unknown = [x for x in fids if x not in facts]
    if unknown:
        raise OtherSystemsError(f"{where}: facts names unknown ids {unknown}")
    raw = d.get("item", [])
    if not isinstance(raw, list):
        raise OtherSystemsError(f"{where}: item must be an array of tables")
    items = tuple(parse_item(x, f"{where} item {i}", facts) for i, x in enumerate(raw, 1))
    return Statement(cid, paper, _text(where, d, "file"), line, _text(where, d, "text"), tuple(fids), items,
                     _text(where, d, "printed_line", False))


def parse(doc: dict, source: str = "<other_systems>") -> OtherSystems:
    """Validate the parsed TOML into facts and statements (every reference resolved)."""
    _unknown(source, doc, {"fact", "statement"})
    facts: dict = {}
    for i, d in enumerate(doc.get("fact", []), 1):
        f = parse_fact(d, f"{source} fact {i}")
        if f.id in facts:
            raise OtherSystemsError(f"{source} fact {i}: id {f.id!r} appears twice")
        facts[f.id] = f
    statements: dict = {}
    for i, d in enumerate(doc.get("statement", []), 1):
        s = parse_statement(d, f"{source} statement {i}", facts)
        if s.claim in statements:
            raise OtherSystemsError(f"{source} statement {i}: claim {s.claim!r} has two statements")
        statements[s.claim] = s
    return OtherSystems(facts, statements)


def paths() -> list[Path]:
    """Every registered paper's ``other_systems.toml`` (papers without one have none)."""
    return [p for p in (papers.data_file(name, FILE) for name in papers.names()) if p is not None]


def load(path: Path | str | None = None) -> OtherSystems:
    """The validated facts and statements of ``path``; by default every registered paper's file, merged (a fact
    both papers cite must be the same in both files)."""
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise OtherSystemsError(f"other-systems facts file {path} not found")
        return _load_cached(str(path), path.stat().st_mtime_ns)
    facts: dict = {}
    statements: dict = {}
    for p in paths():
        one = _load_cached(str(p), p.stat().st_mtime_ns)
        for fid, f in one.facts.items():
            if fid in facts and facts[fid] != f:
                raise OtherSystemsError(f"{p}: fact {fid!r} differs from the same fact in another paper's file")
            facts[fid] = f
        for cid, s in one.statements.items():
            if cid in statements:
                raise OtherSystemsError(f"{p}: claim {cid!r} has a statement in two files")
            statements[cid] = s
    return OtherSystems(facts, statements)


@lru_cache(maxsize=4)
def _load_cached(path: str, _mtime: int) -> OtherSystems:
    return parse(_toml_loads(Path(path).read_text(encoding="utf-8")), path)
