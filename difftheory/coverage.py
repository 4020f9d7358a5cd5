"""The coverage map and the assumption audit (issue 11).

Each paper's ``coverage.toml`` (in its registered data folder, ``difftheory.paper``) lists every numbered statement — theorems, propositions, lemmas, remarks,
algorithms, every numbered equation, and the table rows, figure captions and text claims that assert
something — each with the claims that check it, or the reason it cannot be checked here, or ``missing``.
its ``assumptions.toml`` lists what the theorems rest on, where a practitioner's setting breaks it and
what the conclusion becomes, each row backed by a claim.

This module loads and validates both files (``load_map``, ``load_assumptions``; a ``CoverageError`` names the
file, the entry and the problem), cross-checks them against registered claims (``unmapped_labels``,
``unlisted_claims``, ``unknown_claim_ids``) and renders the report's "Coverage" and "Assumption audit"
sections (``report_markdown``, ``report_html``). It imports no claim module itself: callers pass claims or
``claims.json`` rows in.

The files sit in each paper's data folder (package data of the paper's plug-in); pass ``root=`` to read
``<root>/<paper>.toml`` and ``<root>/assumptions.toml`` instead. A paper whose registration says its map is complete
(``coverage_complete``) may have no ``missing`` entry; a partly covered plug-in may. ``python -m difftheory.coverage``
prints the summary and the missing list.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from difftheory import paper as papers

KINDS = ("theorem", "proposition", "lemma", "corollary", "remark", "definition", "assumption", "equation", "table",
         "figure", "algorithm", "text")
STATUSES = ("checked", "not checkable", "definition", "missing")
CATEGORIES = ("network", "base measure", "data", "interval and grid", "discretisation", "loss", "other")
MAP_FILE = "coverage.toml"
ASSUMPTIONS_FILE = "assumptions.toml"

ENTRY_KEYS = {"label", "item", "kind", "where", "summary", "status", "claims", "reason", "suggestion"}
ROW_KEYS = {"assumption", "paper", "category", "used_in", "breaks_when", "consequence", "claim"}
MIN_REASON_CHARS = 20  # a reason is a sentence ("needs ImageNet training on GPUs"), not "n/a" or "GPU"

# The label styles the map uses (the ledger's ``equations=`` style); a map label outside them is a typo.
_LABEL_RE = re.compile(
    r"^(Eq\. \(\d+\)|(Thm|Prop\.|Lemma|Cor\.|Def\.|Assumption|Remark) [A-Z]?\d*(\.\d+)?|Remark \(.+\)|"
    r"Alg\. \d+|Table \d+|Fig\. \d+|Figs\. \d+–\d+|§\d+(\.\d+)*|App\. [A-Z](\.\d+)*|Abstract)$")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*\.[A-Za-z0-9_.]+$")


class CoverageError(ValueError):
    """A coverage or assumptions file that does not validate; the message names the file and the entry."""


# ---------------------------------------------------------------------------------------------- TOML reading

def _toml_loads(text: str) -> dict:
    """``tomllib`` (Python ≥ 3.11), else ``tomli`` (a dependency on Python 3.10)."""
    try:
        import tomllib  # type: ignore[import-not-found]
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, no-redef]
    return tomllib.loads(text)


# ---------------------------------------------------------------------------------------------- labels

_PREFIXES = (
    (r"eq(?:uation)?s?\.?", "Eq."), (r"th(?:eore)?ms?\.?", "Thm"), (r"prop(?:osition)?s?\.?", "Prop."),
    (r"lem(?:ma)?s?\.?", "Lemma"), (r"cor(?:ollary)?s?\.?", "Cor."), (r"def(?:inition)?s?\.?", "Def."),
    (r"assumptions?", "Assumption"), (r"rem(?:ark)?s?\.?", "Remark"), (r"alg(?:orithm)?s?\.?", "Alg."),
    (r"fig(?:ure)?s?\.?", "Fig."), (r"tab(?:le)?s?\.?", "Table"), (r"app(?:endix)?\.?", "App."),
    (r"sec(?:tion)?s?\.?|§", "§"),
)
_NUM = r"\(?\s*([A-Z](?:\.\d+)*|[A-Z]?\d+(?:\.\d+)*(?:[a-z]|\([a-z]\))?)\s*\)?"


def _one(prefix: str, num: str) -> str:
    if prefix == "Eq.":
        return f"Eq. ({num})"
    if prefix == "§":
        return f"§{num}"
    return f"{prefix} {num}"


def canonical_labels(label: str) -> list[str]:
    """A label as the map spells it, split into single labels: ``"Eqs. (16)–(26)"`` → ``Eq. (16)`` …
    ``Eq. (26)``; ``"Theorem 3.2"`` → ``Thm 3.2``; ``"(14)"`` → ``Eq. (14)``; ``"Figs. 14–37"`` → 24 figures;
    ``"Eqs. (9), (10)"`` → two. Labels of no known shape (``"Abstract"``, ``"Remark (Thm 3.1)"``) come back
    unchanged."""
    s = " ".join(str(label).replace("—", "–").split())
    if not s:
        return []
    if s.startswith("("):
        s = "Eq. " + s
    for pat, canon in _PREFIXES:
        m = re.match(rf"^(?:{pat})\s*(.*)$", s, flags=re.IGNORECASE)
        if not m or not m.group(1):
            continue
        rest = m.group(1)
        pieces = [p.strip() for p in re.split(r",|\band\b|&", rest) if p.strip()]
        out: list[str] = []
        for p in pieces:
            r = re.fullmatch(rf"{_NUM}\s*[–-]\s*{_NUM}", p)
            if r and r.group(1).isdigit() and r.group(2).isdigit() and int(r.group(1)) < int(r.group(2)):
                out += [_one(canon, str(k)) for k in range(int(r.group(1)), int(r.group(2)) + 1)]
                continue
            one = re.fullmatch(_NUM, p)
            if not one:
                return [s]  # e.g. "Remark (Thm 3.1)": not a numbered label
            out.append(_one(canon, one.group(1)))
        return out
    return [s]


def _base(label: str) -> str | None:
    """The label without a sub-part: ``Eq. (11b)`` → ``Eq. (11)``, ``Fig. 5a`` → ``Fig. 5``."""
    m = re.fullmatch(r"Eq\. \((\d+)[a-z]\)", label)
    if m:
        return f"Eq. ({m.group(1)})"
    m = re.fullmatch(r"(Fig\.|Table|Alg\.) (\d+)\s*\(?[a-z](?:[–-][a-z])?\)?", label)
    return f"{m.group(1)} {m.group(2)}" if m else None


# ---------------------------------------------------------------------------------------------- the map

@dataclass(frozen=True)
class Entry:
    """One statement of a paper (``label`` as the paper numbers it; ``item`` tells apart several statements
    under one label, e.g. the rows of a table)."""

    paper: str
    label: str
    kind: str
    summary: str
    status: str
    where: str = ""
    item: str = ""
    claims: tuple[str, ...] = ()
    reason: str = ""
    suggestion: str = ""

    @property
    def key(self) -> str:
        return f"{self.label}: {self.item}" if self.item else self.label

    @property
    def labels(self) -> tuple[str, ...]:
        """The single labels this entry stands for (a range such as ``Figs. 14–37`` is expanded)."""
        return tuple(canonical_labels(self.label))


@dataclass(frozen=True)
class Assumption:
    """One row of the assumption audit."""

    assumption: str
    paper: str
    category: str
    used_in: tuple[str, ...]
    breaks_when: str
    consequence: str
    claims: tuple[str, ...]


def _str(where: str, d: dict, key: str, required: bool = True) -> str:
    v = d.get(key, "")
    if not isinstance(v, str):
        raise CoverageError(f"{where}: {key} must be a string; got {v!r}")
    v = " ".join(v.split())
    if required and not v:
        raise CoverageError(f"{where}: {key} is required")
    return v


def _ids(where: str, v, key: str) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise CoverageError(f"{where}: {key} must be a list of claim ids; got {v!r}")
    bad = [x for x in v if not _ID_RE.match(x)]
    if bad:
        raise CoverageError(f"{where}: {key} has malformed claim ids {bad}")
    if len(set(v)) != len(v):
        raise CoverageError(f"{where}: {key} lists a claim twice: {v}")
    return tuple(v)


def parse_entries(paper: str, doc: dict, source: str = "<map>") -> list[Entry]:
    """Validate one paper's parsed TOML (``paper = ...`` and ``[[entry]]`` tables) into entries."""
    if paper not in papers.names():
        raise CoverageError(f"{source}: paper must be a registered paper ({', '.join(papers.names())}); got {paper!r}")
    extra = set(doc) - {"paper", "entry"}
    if extra:
        raise CoverageError(f"{source}: unknown top-level keys {sorted(extra)}")
    if doc.get("paper") != paper:
        raise CoverageError(f"{source}: paper = {doc.get('paper')!r}, expected {paper!r}")
    raw = doc.get("entry")
    if not isinstance(raw, list) or not raw:
        raise CoverageError(f"{source}: no [[entry]] tables")
    entries, seen = [], {}
    for i, d in enumerate(raw, 1):
        where = f"{source} entry {i}"
        unknown = set(d) - ENTRY_KEYS
        if unknown:
            raise CoverageError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(ENTRY_KEYS)})")
        label = _str(where, d, "label")
        item = _str(where, d, "item", required=False)
        where = f"{source} entry {i} ({label}{': ' + item if item else ''})"
        if not _LABEL_RE.match(label):
            raise CoverageError(f"{where}: label {label!r} is not in the map's style (e.g. 'Eq. (14)', 'Thm 3.2', "
                                "'Prop. E.1', 'Table 3', 'Fig. 10', 'Alg. 1', '§4.3', 'App. F.2')")
        kind = _str(where, d, "kind")
        if kind not in KINDS:
            raise CoverageError(f"{where}: kind must be one of {', '.join(KINDS)}; got {kind!r}")
        claims = _ids(where, d.get("claims", []), "claims")
        status = _str(where, d, "status", required=False) or ("checked" if claims else "")
        if status not in STATUSES:
            raise CoverageError(f"{where}: status must be one of {', '.join(STATUSES)}; got {status!r}")
        reason = _str(where, d, "reason", required=False)
        suggestion = _str(where, d, "suggestion", required=False)
        if status == "checked" and not claims:
            raise CoverageError(f"{where}: status 'checked' needs claims")
        if status == "not checkable" and len(reason) < MIN_REASON_CHARS:
            raise CoverageError(f"{where}: status 'not checkable' needs a reason (a sentence saying why not here); "
                                f"got {reason!r}")
        if status != "not checkable" and reason:
            raise CoverageError(f"{where}: reason is only for status 'not checkable'")
        if status == "missing" and len(suggestion) < MIN_REASON_CHARS:
            raise CoverageError(f"{where}: status 'missing' needs a suggestion (how it could be checked); "
                                f"got {suggestion!r}")
        if status != "missing" and suggestion:
            raise CoverageError(f"{where}: suggestion is only for status 'missing'")
        if status == "missing" and claims:
            raise CoverageError(f"{where}: a 'missing' entry lists no claims (a claim that checks part of it: split "
                                "the entry into items, or set status = checked and say in the summary what is left)")
        e = Entry(paper, label, kind, _str(where, d, "summary"), status, _str(where, d, "where", required=False),
                  item, claims, reason, suggestion)
        if e.key in seen:
            raise CoverageError(f"{where}: {e.key!r} appears twice (entries {seen[e.key]} and {i})")
        seen[e.key] = i
        entries.append(e)
    by_label: dict[str, list[Entry]] = {}
    for e in entries:
        by_label.setdefault(e.label, []).append(e)
    for label, es in by_label.items():
        if len(es) > 1 and any(not e.item for e in es):
            raise CoverageError(f"{source}: {label!r} has an entry without item beside entries with items; give "
                                "every statement under that label an item")
    return entries


def map_paths(root: Path | str | None = None) -> dict[str, Path]:
    """Each registered paper's coverage map: ``<data folder>/coverage.toml`` (or ``<root>/<paper>.toml``). Papers
    without one are left out (a plug-in may have no map yet; ``coverage_complete`` papers must have one)."""
    out = {}
    for name, p in papers.papers().items():
        path = Path(root) / f"{name}.toml" if root is not None else (
            p.data_folder() / MAP_FILE if p.data_folder() is not None else None)
        if path is not None and path.is_file():
            out[name] = path
        elif p.coverage_complete:
            raise CoverageError(f"paper {name} declares a complete coverage map, but {path} is not there")
    return out


def load_map(root: Path | str | None = None) -> dict[str, list[Entry]]:
    """Every registered paper's entries, validated: ``{paper: [Entry, ...]}`` in file order, papers in report order."""
    return {paper: parse_entries(paper, _toml_loads(path.read_text(encoding="utf-8")), str(path))
            for paper, path in map_paths(root).items()}


def complete(paper: str) -> bool:
    """The paper's registration says its coverage map lists every numbered statement."""
    p = papers.get(paper)
    return bool(p and p.coverage_complete)


def parse_assumptions(doc: dict, source: str = "<assumptions>", default_paper: str | None = None) -> list[Assumption]:
    """Validate a parsed ``assumptions.toml`` (``[[row]]`` tables; ``paper`` defaults to ``default_paper``, the
    paper whose data folder holds the file)."""
    extra = set(doc) - {"row"}
    if extra:
        raise CoverageError(f"{source}: unknown top-level keys {sorted(extra)}")
    raw = doc.get("row", [])
    if not isinstance(raw, list):
        raise CoverageError(f"{source}: row must be an array of tables")
    rows = []
    for i, d in enumerate(raw, 1):
        where = f"{source} row {i}"
        unknown = set(d) - ROW_KEYS
        if unknown:
            raise CoverageError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(ROW_KEYS)})")
        paper = _str(where, d, "paper") if "paper" in d or default_paper is None else default_paper
        if paper not in papers.names():
            raise CoverageError(f"{where}: paper must be a registered paper ({', '.join(papers.names())}); got {paper!r}")
        category = _str(where, d, "category")
        if category not in CATEGORIES:
            raise CoverageError(f"{where}: category must be one of {', '.join(CATEGORIES)}; got {category!r}")
        used = d.get("used_in", [])
        if not isinstance(used, list) or not used or not all(isinstance(x, str) and x.strip() for x in used):
            raise CoverageError(f"{where}: used_in must be a non-empty list of labels; got {used!r}")
        claims = _ids(where, d.get("claim", []), "claim")
        if not claims:
            raise CoverageError(f"{where}: claim is required (every audited assumption is backed by a claim)")
        rows.append(Assumption(_str(where, d, "assumption"), paper, category, tuple(" ".join(x.split()) for x in used),
                               _str(where, d, "breaks_when"), _str(where, d, "consequence"), claims))
    return rows


def load_assumptions(root: Path | str | None = None) -> list[Assumption]:
    """Every registered paper's assumption rows (its data folder's ``assumptions.toml``; or one
    ``<root>/assumptions.toml`` for all), papers in report order."""
    if root is not None:
        path = Path(root) / ASSUMPTIONS_FILE
        if not path.is_file():
            raise CoverageError(f"assumptions file {path} not found")
        return parse_assumptions(_toml_loads(path.read_text(encoding="utf-8")), str(path))
    rows = []
    for name in papers.names():
        path = papers.data_file(name, ASSUMPTIONS_FILE)
        if path is not None:
            rows += parse_assumptions(_toml_loads(path.read_text(encoding="utf-8")), str(path), default_paper=name)
    return rows


# ---------------------------------------------------------------------------------------------- queries

def find(entries: Iterable[Entry], label: str) -> list[Entry] | None:
    """Entries a label refers to, or None when some single label in it refers to nothing. A single label
    matches an entry's label (ranges expanded), else its base (``Eq. (11b)`` → ``Eq. (11)``), else — for
    ``§…`` and ``App. …`` — the entries located in that section (``where``)."""
    entries = list(entries)
    found: list[Entry] = []
    for one in canonical_labels(label):
        hits = [e for e in entries if one in e.labels]
        if not hits and (b := _base(one)):
            hits = [e for e in entries if b in e.labels]
        if not hits and (one.startswith("§") or one.startswith("App. ")):
            hits = [e for e in entries if e.where == one or e.where.startswith(one + ".")]
        if not hits:
            return None
        found += [e for e in hits if e not in found]
    return found


def _claim_fields(c) -> tuple[str, str, tuple[str, ...]]:
    if isinstance(c, dict):
        return c["id"], c["paper"], tuple(c.get("equations") or ())
    return c.id, c.paper, tuple(c.equations)


def unmapped_labels(claims: Iterable, cmap: dict[str, list[Entry]]) -> list[tuple[str, str]]:
    """``(claim id, label)`` for every label a claim names (``equations=``) that the map lacks. Claims with no
    labels (the transition's old-style claims, and ``*.beyond.*`` claims without labels) are skipped."""
    out = []
    for c in claims:
        cid, paper, labels = _claim_fields(c)
        for label in labels:
            if find(cmap.get(paper, []), label) is None:
                out.append((cid, label))
    return out


def unlisted_claims(claims: Iterable, cmap: dict[str, list[Entry]]) -> list[tuple[str, str]]:
    """``(claim id, label)`` where the map has the label but no entry under it lists the claim (a claim that
    checks several labels is listed under each)."""
    out = []
    for c in claims:
        cid, paper, labels = _claim_fields(c)
        for label in labels:
            hits = find(cmap.get(paper, []), label)
            if hits is not None and not any(cid in e.claims for e in hits):
                out.append((cid, label))
    return out


def stale_missing(claims: Iterable, cmap: dict[str, list[Entry]]) -> list[tuple[str, str, str]]:
    """``(paper, entry, claim id)`` for ``missing`` entries that a registered claim now names by their own label
    (not through a section, and not a label shared by several items, where the claim cannot say which): the
    entry should list the claim and become ``checked`` — or, if the claim checks only part, be split into items."""
    out = []
    for c in claims:
        cid, paper, labels = _claim_fields(c)
        for label in labels:
            for one in canonical_labels(label):
                for e in cmap.get(paper, []):
                    hit = one in e.labels or _base(one) in e.labels
                    if hit and not e.item and e.status == "missing" and (paper, e.key, cid) not in out:
                        out.append((paper, e.key, cid))
    return out


def unknown_claim_ids(known: Iterable[str], cmap: dict[str, list[Entry]] | None = None,
                      assumptions: Iterable[Assumption] | None = None) -> list[tuple[str, str]]:
    """``(where, claim id)`` for every id the map or the assumption rows name that is not in ``known``."""
    known = set(known)
    out = []
    for paper, entries in (cmap or {}).items():
        for e in entries:
            out += [(f"{paper} {e.key}", cid) for cid in e.claims if cid not in known]
    for i, a in enumerate(assumptions or (), 1):
        out += [(f"assumptions row {i} ({a.assumption})", cid) for cid in a.claims if cid not in known]
    return out


def unused_claims(known: Iterable[str], cmap: dict[str, list[Entry]],
                  assumptions: Iterable[Assumption] = ()) -> list[str]:
    """Registered claim ids that neither the map nor the assumption rows mention (the map is incomplete)."""
    used = {cid for es in cmap.values() for e in es for cid in e.claims}
    used |= {cid for a in assumptions for cid in a.claims}
    return sorted(set(known) - used)


def summary(cmap: dict[str, list[Entry]]) -> dict[str, dict[str, int]]:
    """Per paper: ``statements`` and the count per status, plus ``not checkable, with claims`` (those whose
    GPU-log or toy-analogue claims are linked)."""
    out = {}
    for paper in cmap:
        es = cmap.get(paper, [])
        c = Counter(e.status for e in es)
        out[paper] = {"statements": len(es), **{s: c[s] for s in STATUSES},
                      "not checkable, with claims": sum(1 for e in es if e.status == "not checkable" and e.claims)}
    return out


def missing(cmap: dict[str, list[Entry]]) -> list[Entry]:
    """The entries no claim checks yet, in paper order."""
    return [e for paper in cmap for e in cmap.get(paper, []) if e.status == "missing"]


# ---------------------------------------------------------------------------------------------- rendering

_INTRO = ("Every numbered statement of each paper (theorems, propositions, lemmas, remarks, algorithms, "
          "derived equations) and every table row, figure caption and text passage that asserts something, "
          "with the claims that check it (each paper's coverage.toml). checked: claims decide it; not checkable: the "
          "reason is given, and linked claims decide it from supplied GPU logs or check a toy analogue; "
          "definition: defines or assumes, asserts nothing; missing: no claim checks it yet.")
_AUDIT_INTRO = ("What the papers' conclusions rest on, the practitioner's setting that breaks it, and what the "
                "conclusion becomes (each paper's assumptions.toml); the backing claim's verdict is shown beside it.")


def _verdicts(rows) -> dict[str, str]:
    return {r["id"]: r["verdict"] for r in rows or () if isinstance(r, dict) and "id" in r}


def _claim_text(ids, verdicts: dict[str, str], md: bool) -> str:
    parts = []
    for cid in ids:
        v = verdicts.get(cid)
        if md:
            parts.append(f"`{cid}`" + (f" ({v})" if v else ""))
        else:
            parts.append(f"<code>{html.escape(cid)}</code>" + (f" ({html.escape(v)})" if v else ""))
    return ", ".join(parts)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _load(root):
    try:
        return load_map(root), None
    except CoverageError as e:
        return None, str(e)


def coverage_markdown(rows: list[dict] | None = None, root: Path | str | None = None, full: bool = True) -> str:
    """The report's "Coverage" section in Markdown: counts per paper, the missing statements, the ones not
    checkable here with their reasons and (``full``) every paper's whole map. ``rows`` are ``claims.json``
    rows; when given, each claim id carries its verdict."""
    cmap, problem = _load(root)
    parts = ["## Coverage", ""]
    if cmap is None:
        return "\n".join(parts + [f"Coverage map unavailable: {problem}", ""])
    v = _verdicts(rows)
    parts += [_INTRO, "",
              "| paper | statements | checked | not checkable (with linked claims) | definition | missing |",
              "|---|---:|---:|---:|---:|---:|"]
    for paper, s in summary(cmap).items():
        parts.append(f"| {paper} | {s['statements']} | {s['checked']} | {s['not checkable']} "
                     f"({s['not checkable, with claims']}) | {s['definition']} | {s['missing']} |")
    miss = missing(cmap)
    parts += ["", f"### Missing: statements no claim checks yet ({len(miss)})", ""]
    if miss:
        parts += ["| paper | statement | asserts | how it could be checked |", "|---|---|---|---|"]
        parts += [f"| {e.paper} | {_cell(e.key)} | {_cell(e.summary)} | {_cell(e.suggestion)} |" for e in miss]
    else:
        parts.append("None.")
    nc = [e for p in cmap for e in cmap[p] if e.status == "not checkable"]
    parts += ["", f"### Not checkable here ({len(nc)})", "", "| paper | statement | reason | linked claims |",
              "|---|---|---|---|"]
    parts += [f"| {e.paper} | {_cell(e.key)} | {_cell(e.reason)} | {_claim_text(e.claims, v, True)} |" for e in nc]
    if full:
        for paper in cmap:
            parts += ["", f"### Coverage map: {paper}", "", "| statement | kind | where | status | asserts | claims |",
                      "|---|---|---|---|---|---|"]
            parts += [f"| {_cell(e.key)} | {e.kind} | {_cell(e.where)} | {e.status} | {_cell(e.summary)} | "
                      f"{_claim_text(e.claims, v, True)} |" for e in cmap[paper]]
    return "\n".join(parts + [""])


def coverage_html(rows: list[dict] | None = None, root: Path | str | None = None, full: bool = True) -> str:
    """The same section as ``coverage_markdown`` in HTML (the whole maps folded in ``<details>``)."""
    e_ = html.escape
    cmap, problem = _load(root)
    body = ["<h2>Coverage</h2>"]
    if cmap is None:
        return "".join(body + [f"<p>Coverage map unavailable: {e_(problem)}</p>"])
    v = _verdicts(rows)
    body += [f"<p>{e_(_INTRO)}</p>", "<table><tr><th>paper</th><th>statements</th><th>checked</th>"
             "<th>not checkable (with linked claims)</th><th>definition</th><th>missing</th></tr>"]
    for paper, s in summary(cmap).items():
        body.append(f"<tr><td>{e_(paper)}</td><td>{s['statements']}</td><td>{s['checked']}</td>"
                    f"<td>{s['not checkable']} "
                    f"({s['not checkable, with claims']})</td><td>{s['definition']}</td><td>{s['missing']}</td></tr>")
    body.append("</table>")
    miss = missing(cmap)
    body.append(f"<h3>Missing: statements no claim checks yet ({len(miss)})</h3>")
    if miss:
        body.append("<table><tr><th>paper</th><th>statement</th><th>asserts</th><th>how it could be checked</th></tr>")
        body += [f"<tr><td>{e_(e.paper)}</td><td>{e_(e.key)}</td><td>{e_(e.summary)}</td><td>{e_(e.suggestion)}</td>"
                 "</tr>" for e in miss]
        body.append("</table>")
    else:
        body.append("<p>None.</p>")
    nc = [e for p in cmap for e in cmap[p] if e.status == "not checkable"]
    body.append(f"<h3>Not checkable here ({len(nc)})</h3><table><tr><th>paper</th><th>statement</th><th>reason</th>"
                "<th>linked claims</th></tr>")
    body += [f"<tr><td>{e_(e.paper)}</td><td>{e_(e.key)}</td><td>{e_(e.reason)}</td>"
             f"<td>{_claim_text(e.claims, v, False)}</td></tr>" for e in nc]
    body.append("</table>")
    if full:
        for paper in cmap:
            body.append(f"<details><summary>Coverage map: {e_(paper)} ({len(cmap[paper])} statements)</summary>"
                        "<table><tr><th>statement</th><th>kind</th><th>where</th><th>status</th><th>asserts</th>"
                        "<th>claims</th></tr>")
            body += [f'<tr class="cov-{e_(e.status.replace(" ", "-"))}"><td>{e_(e.key)}</td><td>{e_(e.kind)}</td>'
                     f"<td>{e_(e.where)}</td><td>{e_(e.status)}</td><td>{e_(e.summary)}</td>"
                     f"<td>{_claim_text(e.claims, v, False)}</td></tr>" for e in cmap[paper]]
            body.append("</table></details>")
    return "".join(body)


def assumptions_markdown(rows: list[dict] | None = None, root: Path | str | None = None) -> str:
    """The "Assumption audit" table in Markdown (also usable in the README)."""
    parts = ["## Assumption audit", ""]
    try:
        audit = load_assumptions(root)
    except CoverageError as err:
        return "\n".join(parts + [f"Assumption table unavailable: {err}", ""])
    v = _verdicts(rows)
    parts += [_AUDIT_INTRO, "", "| paper | assumption | kind | used in | breaks when | consequence | claim |",
              "|---|---|---|---|---|---|---|"]
    parts += [f"| {a.paper} | {_cell(a.assumption)} | {a.category} | {_cell(', '.join(a.used_in))} | "
              f"{_cell(a.breaks_when)} | {_cell(a.consequence)} | {_claim_text(a.claims, v, True)} |" for a in audit]
    return "\n".join(parts + [""])


def assumptions_html(rows: list[dict] | None = None, root: Path | str | None = None) -> str:
    """The "Assumption audit" table in HTML."""
    e_ = html.escape
    body = ["<h2>Assumption audit</h2>"]
    try:
        audit = load_assumptions(root)
    except CoverageError as err:
        return "".join(body + [f"<p>Assumption table unavailable: {e_(str(err))}</p>"])
    v = _verdicts(rows)
    body += [f"<p>{e_(_AUDIT_INTRO)}</p>", "<table><tr><th>paper</th><th>assumption</th><th>kind</th><th>used in</th>"
             "<th>breaks when</th><th>consequence</th><th>claim</th></tr>"]
    body += [f"<tr><td>{e_(a.paper)}</td><td>{e_(a.assumption)}</td><td>{e_(a.category)}</td>"
             f"<td>{e_(', '.join(a.used_in))}</td><td>{e_(a.breaks_when)}</td><td>{e_(a.consequence)}</td>"
             f"<td>{_claim_text(a.claims, v, False)}</td></tr>" for a in audit]
    body.append("</table>")
    return "".join(body)


def report_markdown(rows: list[dict] | None = None, root: Path | str | None = None) -> str:
    """Both sections for the top of ``report.md``: Coverage, then the Assumption audit."""
    return coverage_markdown(rows, root) + "\n" + assumptions_markdown(rows, root)


def report_html(rows: list[dict] | None = None, root: Path | str | None = None) -> str:
    """Both sections for the top of ``report.html``."""
    return coverage_html(rows, root) + assumptions_html(rows, root)


def main(argv: list[str] | None = None) -> int:
    """``python -m difftheory.coverage [--check]``: counts per paper and the missing list; ``--check`` also
    imports the registry and lists every inconsistency the tests would fail on. Exit 1 on any problem."""
    import sys

    argv = sys.argv[1:] if argv is None else argv
    try:
        cmap = load_map()
        audit = load_assumptions()
    except CoverageError as err:
        print(f"error: {err}")
        return 1
    for paper, s in summary(cmap).items():
        print(f"{paper}: {s['statements']} statements: {s['checked']} checked, {s['not checkable']} not checkable "
              f"({s['not checkable, with claims']} with linked claims), {s['definition']} definition, "
              f"{s['missing']} missing")
    for e in missing(cmap):
        print(f"missing  {e.paper} {e.key}: {e.suggestion}")
    if "--check" not in argv:
        return 0
    from difftheory import ledger

    claims = ledger.select()
    labelled = [c for c in claims if c.equations]
    known = [c.id for c in claims]
    problems = ([f"unknown claim id {cid} ({where})" for where, cid in unknown_claim_ids(known, cmap, audit)]
                + [f"{cid}: label {label} not in the map" for cid, label in unmapped_labels(labelled, cmap)]
                + [f"{cid}: not listed under {label}" for cid, label in unlisted_claims(labelled, cmap)]
                + [f"{paper} {key}: still missing, but {cid} names it"
                   for paper, key, cid in stale_missing(labelled, cmap)]
                + [f"{cid}: registered but mapped nowhere" for cid in unused_claims(known, cmap, audit)])
    print(f"{len(claims)} claims registered ({len(labelled)} with labels); {len(problems)} problems")
    for p in problems:
        print(f"problem  {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
