"""Checks a paper plug-in runs against itself (and the built-in papers' tests run too). Each returns a list of
problems, one line each; an empty list means the check passes::

    from difftheory import testing

    def test_my_paper():
        assert not testing.registration_problems("ddpm")
        assert not testing.decision_problems("ddpm", testing.load_examples("tests/decision_examples"))
        assert not testing.coverage_problems("ddpm")

- ``registration_problems``: the paper is registered and its claims modules load; every claim has its paper's
  prefix, a decision rule (``criteria``), equation labels (empty only for ``*.beyond.*``) and resolvable code.
- ``decision_problems``: every claim has synthetic evidence for at least two outcomes, always ``verified``; each
  example reaches the verdict it is filed under with a non-empty detail; no decision is constant.
- ``coverage_problems``: the coverage map and assumption rows name only registered claims; every label a claim
  names is in the map with the claim listed under it; every claim is mapped somewhere; no ``missing`` entry where
  the registration declares the map complete.

Synthetic evidence: ``EXAMPLES = {claim_id: {verdict: evidence or [evidence, ...]}}`` in ``*.py`` files of a folder
(files starting with ``_`` are helpers, importable from the others)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

from difftheory import coverage, ledger
from difftheory import paper as papers


def claims_of(name: str) -> list[ledger.Claim]:
    return [c for c in ledger.select() if c.paper == name]


def registration_problems(name: str) -> list[str]:
    out = []
    if papers.get(name) is None:
        errors = [f"{where}: {why}" for where, why in papers.load_errors() if where.split(" = ")[0] == name]
        return [f"paper {name!r} is not registered" + (f" ({'; '.join(errors)})" if errors else "")]
    ledger.discover()
    out += [f"{name}: {why}" for why in ledger.LOAD_ERRORS.get(name, [])]
    for c in claims_of(name):
        if not c.id.startswith(name + "."):
            out.append(f"{c.id}: id does not start with {name}.")
        if not c.criteria.strip():
            out.append(f"{c.id}: no decision rule (criteria)")
        if not (c.equations or c.beyond):
            out.append(f"{c.id}: no equation labels (allowed only for *.beyond.* claims)")
        for ref in (c.code, c.decision):
            mod, _, fn = ref.partition(":")
            try:
                obj = importlib.import_module(mod)
                for part in fn.split("."):
                    obj = getattr(obj, part)
                if not callable(obj):
                    raise TypeError("not callable")
            except Exception as exc:  # noqa: BLE001
                out.append(f"{c.id}: {ref} does not resolve ({exc})")
    return out


def load_examples(folder: Path | str) -> dict[str, dict[str, list[dict]]]:
    """``{claim_id: {verdict: [evidence, ...]}}`` from every ``*.py`` file of ``folder`` (not starting with ``_``)."""
    folder = Path(folder)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))  # the example files share helpers (_*.py)
    out: dict[str, dict[str, list[dict]]] = {}
    for f in sorted(folder.glob("*.py")):
        if f.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"decision_examples_{f.stem}", f)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for cid, by_verdict in getattr(mod, "EXAMPLES", {}).items():
            if cid in out:
                raise ValueError(f"{cid} has examples in two files ({f.name})")
            out[cid] = {v: (e if isinstance(e, list) else [e]) for v, e in by_verdict.items()}
    return out


def decision_problems(name: str, examples: dict, reference: dict[str, str] | None = None) -> list[str]:
    """Drive every claim of ``name`` through its examples; ``reference``: {claim id: today's verdict}, which must be
    among the outcomes exercised."""
    out = []
    for c in claims_of(name):
        ex = examples.get(c.id)
        if not ex:
            out.append(f"{c.id}: no synthetic evidence")
            continue
        if "verified" not in ex:
            out.append(f"{c.id}: no evidence that reaches 'verified'")
        if len(ex) < 2:
            out.append(f"{c.id}: decision exercised with one outcome only ({sorted(ex)}): a constant decision?")
        for verdict, evidences in ex.items():
            if verdict not in ledger.OUTCOMES:
                out.append(f"{c.id}: unknown outcome {verdict!r}")
                continue
            for i, ev in enumerate(evidences):
                try:
                    d = ledger.decide(c, ev)
                except Exception as exc:  # noqa: BLE001
                    out.append(f"{c.id}: example {verdict}[{i}] raises {type(exc).__name__}: {exc}")
                    continue
                if d.verdict != verdict:
                    out.append(f"{c.id}: example {verdict}[{i}] gives {d.verdict}: {d.detail[:200]}")
                elif not d.detail.strip():
                    out.append(f"{c.id}: empty detail for {verdict}")
        if reference and c.id in reference and reference[c.id] not in ex:
            out.append(f"{c.id}: today's verdict {reference[c.id]} is not exercised by its examples")
    known = {c.id for c in claims_of(name)}
    out += [f"{cid}: examples for an unregistered claim" for cid in examples
            if cid.startswith(name + ".") and cid not in known]
    return out


def coverage_problems(name: str) -> list[str]:
    out = []
    try:
        cmap = coverage.load_map()
        audit = [a for a in coverage.load_assumptions() if a.paper == name]
    except coverage.CoverageError as exc:
        return [f"{name}: {exc}"]
    if name not in cmap:
        return [] if not coverage.complete(name) else [f"{name}: no coverage map"]
    mine = {name: cmap[name]}
    claims = [c for c in claims_of(name) if c.equations]
    ids = [c.id for c in ledger.select()]
    out += [f"{name}: label {label!r} of {cid} is not in the map" for cid, label in coverage.unmapped_labels(claims, mine)]
    out += [f"{name}: {cid} is not listed under {label!r}" for cid, label in coverage.unlisted_claims(claims, mine)]
    out += [f"{p} {key}: still 'missing' although {cid} names it" for p, key, cid in coverage.stale_missing(claims, mine)]
    out += [f"{where}: names unregistered claim {cid}" for where, cid in coverage.unknown_claim_ids(ids, mine, audit)]
    out += [f"{cid}: registered but no coverage entry or assumption row lists it"
            for cid in coverage.unused_claims([c.id for c in claims_of(name)], mine, audit)]
    for a in audit:
        for label in a.used_in:
            if coverage.find(cmap[name], label) is None:
                out.append(f"{name} assumption {a.assumption!r}: {label} is not in the map")
    if coverage.complete(name):
        out += [f"{name} {e.key}: missing (the registration declares the map complete)" for e in coverage.missing(mine)]
    return out


COMFORTABLE = 1e-4  # a test asserts a verdict only when its evidence is this far (relative) from flipping it: 100× margin.ROUNDING


def verdict_problems(row: dict, expected: str) -> list[str]:
    """A test's assertion of a verdict, made robust (issue 16): the row's verdict must be ``expected`` with a
    comfortable margin — not fragile, and, where a single comparison decides, at least ``COMFORTABLE`` relative
    distance from flipping. A fragile row is a problem here: its test should assert ``row["fragile"]`` instead."""
    out = []
    if row.get("verdict") != expected:
        out.append(f"{row.get('id')}: {row.get('verdict')} (expected {expected}): {str(row.get('detail'))[:200]}")
    if row.get("fragile"):
        out.append(f"{row.get('id')}: fragile ({row.get('deciding')}): assert the flag, not the verdict")
    elif row.get("margin") is not None and row["margin"] < COMFORTABLE:
        out.append(f"{row.get('id')}: margin {row['margin']:.2g} < {COMFORTABLE:g} ({row.get('deciding')}): too thin to "
                   "assert a verdict")
    return out
