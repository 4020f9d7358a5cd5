"""Writes a verify run: ``claims.json``, ``report.md`` and ``report.html`` (per paper, a table of claims
with verdict and detail, figures inline). Every file is written to a temporary name and renamed."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from difftheory import coverage
from difftheory.io import atomic_write_text, dumps, write_json
from difftheory import paper as papers
from difftheory.ledger import OUTCOMES

ORDER = OUTCOMES


def paper_order(rows: list[dict]) -> list[str]:
    """The papers the rows belong to, in the registry's order (papers no longer registered last, by name)."""
    return sorted({r["paper"] for r in rows}, key=papers.order_key)


def as_read(r: dict) -> bool:
    """A verified verdict that holds only under a restored reading of damaged text (``reading`` = "restored: …")."""
    return r["verdict"] == "verified" and str(r.get("reading") or "").startswith("restored: ")


def _verdict_text(r: dict) -> str:
    v = r["verdict"]
    if v == "verified":
        v = "verified as read" if as_read(r) else "verified as printed"
    return v + (" (fragile)" if r.get("fragile") else "")


def summary_lines(rows: list[dict]) -> list[str]:
    """One line per paper: counts per verdict (verified split into "as printed" and "as read": holds only under a
    restored reading of damaged text), and how many verdicts are fragile (closer to flipping than the evidence's
    own uncertainty)."""
    lines = []
    for paper in paper_order(rows):
        mine = [r for r in rows if r["paper"] == paper]
        counts = Counter(r["verdict"] for r in mine)
        if counts:
            parts = []
            for v in ORDER:
                if not counts[v]:
                    continue
                if v == "verified":
                    n_read = sum(as_read(r) for r in mine)
                    parts.append(f"{counts[v]} verified ({counts[v] - n_read} as printed, {n_read} as read)")
                else:
                    parts.append(f"{counts[v]} {v}")
            fragile = sum(bool(r.get("fragile")) for r in mine)
            lines.append(f"{paper}: {sum(counts.values())} claims: {', '.join(parts)}; {fragile} fragile")
    return lines


def _first_sentence(text: str, limit: int = 160) -> str:
    """The detail's first sentence (the reason a verdict is what it is), cut at ``limit`` characters."""
    text = " ".join(str(text).split())
    head = re.split(r"(?<!\bApp)(?<!\bEq)(?<!\bEqs)(?<!\bThm)(?<!\bProp)(?<!\bFig)(?<!\bSec)(?<!\be\.g)(?<!\bi\.e)"
                    r"(?<!\bvs)\.\s+(?=[A-Z(])|;\s", text, maxsplit=1)[0]
    return head if len(head) <= limit else head[:limit - 1] + "…"


def compare_lines(rows: list[dict], reference_rows: list[dict], name: str) -> list[str]:
    """The claims whose verdict differs from the reference, one line each with the reason; then, separately, the
    claims this run has that the reference lacks (a paper or claim added since: nothing to compare)."""
    ref = {r["id"]: r for r in reference_rows}
    differ, absent = [], []
    for r in rows:
        if r["id"] not in ref:
            absent.append(f"  {r['id']}: {r['verdict']} here")
        elif ref[r["id"]]["verdict"] != r["verdict"]:
            differ.append(f"  {r['id']}: {r['verdict']} ({r.get('scale', '?')}) vs {ref[r['id']]['verdict']} "
                          f"({ref[r['id']].get('scale', '?')}) in {name} — here: {_first_sentence(r.get('detail', ''))}")
    compared = len(rows) - len(absent)
    out = [f"compare with {name}: {len(differ)} of {compared} claims differ" + (":" if differ else "")] + differ
    if absent:
        out += [f"not in {name} ({len(absent)}):"] + absent
    return out


def _rel(fig: str, out: Path) -> str:
    if not Path(fig).is_absolute():
        return str(fig)  # already relative to the output folder
    try:
        return str(Path(fig).resolve().relative_to(Path(out).resolve()))
    except ValueError:
        return str(fig)


def margin_text(r: dict) -> str:
    """The margin column: relative distance of the deciding comparison and which one it is."""
    m, dec = r.get("margin"), r.get("deciding")
    if dec is None:
        return "no one or two comparisons decide" if r.get("margin_detail") else ""
    return (f"{m:.2g}" if m is not None else "∞") + f": {dec}"


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def header_lines(meta: dict | None) -> list[str]:
    """The run's provenance: command, scale, seed, versions, wall time (what ``meta`` holds)."""
    if not meta:
        return []
    order = ("command", "scale", "seed", "workers", "wall_seconds", "cpu_seconds", "cores", "model_cache", "started",
             "versions")
    lines = []
    for key in order + tuple(k for k in meta if k not in order):
        if key in meta and meta[key] is not None:
            v = meta[key]
            if isinstance(v, dict):
                v = ", ".join(f"{k} {x}" for k, x in v.items())
            lines.append(f"{key.replace('_', ' ')}: {v}")
    return lines


def to_markdown(rows: list[dict], out: Path, meta: dict | None = None) -> str:
    parts = ["# difftheory verify report", ""]
    parts += [f"- {line}" for line in header_lines(meta)] + ([""] if meta else [])
    parts += [f"- {line}" for line in summary_lines(rows)] + [""]
    parts += [coverage.report_markdown(rows), ""]
    for paper in paper_order(rows):
        mine = [r for r in rows if r["paper"] == paper]
        if not mine:
            continue
        parts += [f"## {paper}", "", "| claim | where | method | verdict | margin | statement | detail |",
                  "|---|---|---|---|---|---|---|"]
        for r in mine:
            detail = r["detail"] if r["verdict"] != "error" else r["detail"].strip().splitlines()[-1]
            reading = f" ({r['reading']})" if r.get("reading") and r["verdict"] == "verified" else ""
            parts.append(
                f"| `{r['id']}` | {_md_cell(r['where'])} | {r['method']} | **{_verdict_text(r)}**{_md_cell(reading)} | "
                f"{_md_cell(margin_text(r))} | {_md_cell(r['statement'])} | {_md_cell(detail)} |"
            )
        parts += ["", f"### {paper}: decision rules", ""]
        for r in mine:
            eqs = ", ".join(r.get("equations") or []) or "beyond the paper"
            parts.append(f"- `{r['id']}` ({eqs}; {r.get('scale', '?')} scale; code `{r.get('code', '?')}`): "
                         f"{_md_cell(r.get('criteria', ''))}")
            if r.get("assumptions"):
                parts.append(f"  assumes: {_md_cell('; '.join(r['assumptions']))}")
        parts.append("")
        for r in mine:
            for fig in r["figures"]:
                parts.append(f"![{r['id']}]({_rel(fig, out)})")
        parts.append("")
    return "\n".join(parts)


def to_html(rows: list[dict], out: Path, meta: dict | None = None) -> str:
    e = html.escape
    body = ["<h1>difftheory verify report</h1>", "<ul>"]
    body += [f"<li>{e(line)}</li>" for line in header_lines(meta)] + ["</ul><ul>"]
    body += [f"<li>{e(line)}</li>" for line in summary_lines(rows)] + ["</ul>"]
    body.append(coverage.report_html(rows))
    for paper in paper_order(rows):
        mine = [r for r in rows if r["paper"] == paper]
        if not mine:
            continue
        body.append(f"<h2>{e(paper)}</h2><table><tr><th>claim</th><th>where</th><th>method</th>"
                    "<th>verdict</th><th>margin</th><th>statement</th><th>detail</th></tr>")
        for r in mine:
            figs = "".join(f'<br><img src="{e(_rel(f, out))}" width="420">' for f in r["figures"])
            ev = e(dumps(r["evidence"], indent=1)[:4000])
            body.append(
                f'<tr class="{e(r["verdict"])}"><td><code>{e(r["id"])}</code></td><td>{e(r["where"])}</td>'
                f"<td>{e(r['method'])}</td><td><b>{e(_verdict_text(r))}</b>"
                + (f"<br>{e(r['reading'])}" if r.get("reading") and r["verdict"] == "verified" else "")
                + f"</td><td>{e(margin_text(r))}</td><td>{e(r['statement'])}</td>"
                f"<td><pre>{e(r['detail'])}</pre><details><summary>decision rule</summary><p>{e(r.get('criteria', ''))}</p>"
                f"<p>equations: {e(', '.join(r.get('equations') or []) or 'beyond the paper')}; scale: "
                f"{e(str(r.get('scale', '?')))}; code: <code>{e(str(r.get('code', '?')))}</code>; decision: "
                f"<code>{e(str(r.get('decision', '?')))}</code></p>"
                + (f"<p>assumes: {e('; '.join(r['assumptions']))}</p>" if r.get("assumptions") else "")
                + f"</details><details><summary>evidence</summary><pre>{ev}</pre>"
                f"</details>{figs}</td></tr>"
            )
        body.append("</table>")
    style = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
             "padding:4px;vertical-align:top}pre{white-space:pre-wrap;max-width:60em}"
             ".verified td:nth-child(4){color:#060}.corrected td:nth-child(4){color:#a60}"
             ".refuted td:nth-child(4){color:#a00}.open td:nth-child(4){color:#555}.error{background:#fdd}"
             "td:nth-child(5){font-size:80%;max-width:18em}")
    return f"<!doctype html><html><head><meta charset='utf-8'><title>difftheory verify</title><style>{style}</style></head><body>{''.join(body)}</body></html>"


def write_report(rows: list[dict], out: Path, meta: dict | None = None) -> None:
    out = Path(out)
    write_json(out / "claims.json", rows)
    atomic_write_text(out / "report.md", to_markdown(rows, out, meta))
    atomic_write_text(out / "report.html", to_html(rows, out, meta))
