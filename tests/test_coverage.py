"""Each paper's coverage map (its data folder's coverage.toml) and assumption rows (assumptions.toml) against the
claims registry (``difftheory.testing.coverage_problems``, the check a plug-in runs against itself): every label a claim names is in the map and the claim is listed under it, every id the map
or the audit names is registered, every registered claim is mapped somewhere; plus the validation rules, the
label canonicaliser, the TOML fallback reader and the rendered report sections.

During the conversion to the verdict framework old-style claims carry no labels (``equations == ()``); the
label checks skip them and pick them up as they are converted."""

from pathlib import Path

import pytest

from difftheory import coverage as cv
from difftheory import ledger, paper, testing


@pytest.fixture(scope="module")
def cmap():
    return cv.load_map()


@pytest.fixture(scope="module")
def audit():
    return cv.load_assumptions()


@pytest.fixture(scope="module")
def claims():
    return ledger.select()


# ---------------------------------------------------------------------------------------------- the map itself

def test_every_paper_has_a_validated_map(cmap):
    assert all(n in cmap for n in paper.names() if cv.complete(n))
    for name, entries in cmap.items():
        assert entries and all(e.paper == name for e in entries)
        assert all(e.status in cv.STATUSES and e.kind in cv.KINDS for e in entries)


def test_each_label_appears_once_per_paper(cmap):
    for paper, entries in cmap.items():
        keys = [e.key for e in entries]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        assert not dupes, f"{paper}: labels listed more than once: {dupes}"
        by_label = {}
        for e in entries:
            by_label.setdefault(e.label, []).append(e)
        mixed = [label for label, es in by_label.items() if len(es) > 1 and any(not e.item for e in es)]
        assert not mixed, f"{paper}: a label with several statements needs an item on each: {mixed}"


def test_not_checkable_entries_give_a_reason_and_missing_ones_a_suggestion(cmap):
    for paper, entries in cmap.items():
        for e in entries:
            if e.status == "not checkable":
                assert len(e.reason) >= cv.MIN_REASON_CHARS, f"{paper} {e.key}: no real reason"
            if e.status == "missing":
                assert len(e.suggestion) >= cv.MIN_REASON_CHARS, f"{paper} {e.key}: no suggestion"
            if e.status == "checked":
                assert e.claims, f"{paper} {e.key}: checked by nothing"


def test_the_theorem_level_statements_of_each_paper_are_in_the_map(cmap):
    """A spot check that the map was built from the papers, not from the registry."""
    expected = {
        "kdiff": ["Thm 3.1", "Thm 3.2", "Alg. 1", "Alg. 2", "Eq. (1)", "Eq. (55)", "Table 3", "Fig. 5"],
        "erd": ["Prop. 3.1", "Lemma 3.2", "Thm 3.3", "Thm 3.4", "Remark 3.5", "Thm 3.6", "Prop. 3.7", "Thm 3.8",
                "Prop. B.1", "Lemma C.1", "Lemma C.2", "Lemma C.3", "Thm C.4", "Prop. C.5", "Thm C.6", "Lemma D.1",
                "Thm D.2", "Prop. D.3", "Thm D.4", "Prop. E.1", "Remark E.2", "Remark E.3", "Eq. (120)", "Fig. 12"],
        "mse": ["Prop. 1", "Prop. 2", "Prop. 3", "Eq. (1)", "Eq. (43)", "Table 1", "Fig. 1"],
    }
    for paper, labels in expected.items():
        for label in labels:
            assert cv.find(cmap[paper], label), f"{paper} {label} is not in the map"
    # every numbered equation is there, none skipped
    for paper, last in (("kdiff", 55), ("erd", 120), ("mse", 43)):
        have = {lab for e in cmap[paper] for lab in e.labels if lab.startswith("Eq. (")}
        assert {f"Eq. ({i})" for i in range(1, last + 1)} <= have, paper


# ---------------------------------------------------------------------------------------------- against the registry

@pytest.mark.parametrize("name", paper.names())
def test_coverage_is_consistent_with_the_registry(name):
    """Every label a claim names is in the map with the claim listed under it; every id the map or the audit names is
    registered; every claim is mapped somewhere; no entry is stale 'missing'; the audit points at mapped labels; and a
    paper that declares its map complete has no 'missing' entry."""
    problems = testing.coverage_problems(name)
    assert not problems, "\n".join(problems)


def test_a_partial_map_may_have_missing_entries_only_when_not_declared_complete(cmap):
    for name, entries in cmap.items():
        if cv.complete(name):
            assert not cv.missing({name: entries})


# ---------------------------------------------------------------------------------------------- validation

def _entry(**kw):
    d = {"label": "Eq. (1)", "kind": "equation", "summary": "s", "status": "checked", "claims": ["kdiff.a.b"]}
    d.update(kw)
    return {k: v for k, v in d.items() if v is not None}


@pytest.mark.parametrize("entry, message", [
    (_entry(status="not checkable", claims=None, reason="GPU"), "needs a reason"),
    (_entry(status="missing", claims=None), "needs a suggestion"),
    (_entry(status="missing", suggestion="a sentence long enough to pass"), "lists no claims"),
    (_entry(status="checked", claims=None), "needs claims"),
    (_entry(status="sort of"), "status must be one of"),
    (_entry(kind="lemmata"), "kind must be one of"),
    (_entry(label="Equation 14"), "not in the map's style"),
    (_entry(claims=["nope"]), "malformed claim ids"),
    (_entry(colour="red"), "unknown keys"),
    (_entry(reason="a sentence long enough to pass"), "only for status 'not checkable'"),
])
def test_bad_entries_are_rejected_with_the_entry_named(entry, message):
    with pytest.raises(cv.CoverageError, match=message) as info:
        cv.parse_entries("kdiff", {"paper": "kdiff", "entry": [entry]}, "kdiff.toml")
    assert "kdiff.toml entry 1" in str(info.value)


def test_duplicate_labels_and_mixed_items_are_rejected():
    with pytest.raises(cv.CoverageError, match="appears twice"):
        cv.parse_entries("kdiff", {"paper": "kdiff", "entry": [_entry(), _entry()]})
    with pytest.raises(cv.CoverageError, match="without item"):
        cv.parse_entries("kdiff", {"paper": "kdiff", "entry": [_entry(), _entry(item="row 2")]})
    with pytest.raises(cv.CoverageError, match="expected 'erd'"):
        cv.parse_entries("erd", {"paper": "kdiff", "entry": [_entry()]})


def test_bad_assumption_rows_are_rejected():
    row = {"assumption": "a", "paper": "erd", "category": "data", "used_in": ["Eq. (1)"], "breaks_when": "b",
           "consequence": "c", "claim": "erd.x.y"}
    assert cv.parse_assumptions({"row": [row]})[0].claims == ("erd.x.y",)
    for bad, message in (({"claim": []}, "claim is required"), ({"category": "vibes"}, "category must be"),
                         ({"used_in": []}, "used_in"), ({"paper": "dl"}, "registered paper")):
        with pytest.raises(cv.CoverageError, match=message):
            cv.parse_assumptions({"row": [{**row, **bad}]})


def test_missing_folder_is_an_error_not_an_empty_map(tmp_path):
    with pytest.raises(cv.CoverageError, match="not there"):
        cv.load_map(tmp_path)
    assert "unavailable" in cv.coverage_markdown(root=tmp_path)


# ---------------------------------------------------------------------------------------------- labels

@pytest.mark.parametrize("label, expected", [
    ("Eq. (14)", ["Eq. (14)"]),
    ("(14)", ["Eq. (14)"]),
    ("Equation 14", ["Eq. (14)"]),
    ("Eqs. (9)–(11)", ["Eq. (9)", "Eq. (10)", "Eq. (11)"]),
    ("Eqs. (9), (10)", ["Eq. (9)", "Eq. (10)"]),
    ("Eq. (11b)", ["Eq. (11b)"]),
    ("Theorem 3.2", ["Thm 3.2"]),
    ("Thm. C.4", ["Thm C.4"]),
    ("Proposition E.1", ["Prop. E.1"]),
    ("Figs. 7-9", ["Fig. 7", "Fig. 8", "Fig. 9"]),
    ("Section 4.3", ["§4.3"]),
    ("Appendix F.2", ["App. F.2"]),
    ("Remark (Thm 3.1)", ["Remark (Thm 3.1)"]),
    ("Figure 5(a)", ["Fig. 5(a)"]),
    ("Algs. 1–2", ["Alg. 1", "Alg. 2"]),
    ("Assumption A.2", ["Assumption A.2"]),
])
def test_canonical_labels(label, expected):
    assert cv.canonical_labels(label) == expected


def test_find_falls_back_to_the_base_label_and_the_section(cmap):
    assert cv.find(cmap["kdiff"], "Eq. (11b)") == cv.find(cmap["kdiff"], "Eq. (11)")
    assert {e.key for e in cv.find(cmap["kdiff"], "Fig. 5a")} == {e.key for e in cv.find(cmap["kdiff"], "Fig. 5")}
    assert cv.find(cmap["kdiff"], "Figure 5(b)") == cv.find(cmap["kdiff"], "Fig. 5")
    assert any(e.label == "Fig. 7" for e in cv.find(cmap["erd"], "App. F.2"))
    assert cv.find(cmap["erd"], "Fig. 20")  # inside the range "Figs. 14–37"
    assert cv.find(cmap["kdiff"], "Eq. (56)") is None
    assert cv.find(cmap["kdiff"], "Eqs. (54)–(56)") is None  # one piece missing: the range is unmapped


# ---------------------------------------------------------------------------------------------- rendering

def test_report_sections_show_counts_missing_and_verdicts(cmap):
    some = next(e for e in cmap["kdiff"] if e.status == "checked")
    rows = [{"id": some.claims[0], "verdict": "refuted"}]
    md = cv.report_markdown(rows)
    s = cv.summary(cmap)
    assert md.startswith("## Coverage")
    assert f"| kdiff | {s['kdiff']['statements']} | {s['kdiff']['checked']} |" in md
    assert f"### Missing: statements no claim checks yet ({len(cv.missing(cmap))})" in md
    assert f"`{some.claims[0]}` (refuted)" in md
    assert "## Assumption audit" in md and "kdiff.beyond.kstar_general_sampler" in md
    page = cv.report_html(rows)
    assert "<h2>Coverage</h2>" in page and "<h2>Assumption audit</h2>" in page
    assert "(refuted)" in page and "<script" not in page
    assert page.count("<table>") == page.count("</table>")


def test_summary_counts_add_up(cmap):
    for paper, s in cv.summary(cmap).items():
        assert s["statements"] == sum(s[k] for k in cv.STATUSES) == len(cmap[paper])
        assert s["not checkable, with claims"] <= s["not checkable"]


def test_no_statement_is_missing_in_a_complete_map(cmap):
    """issue 11's goal, held for every paper whose registration declares its map complete: every numbered statement
    is checked by a claim or has a reason it is not checkable."""
    complete = {n: es for n, es in cmap.items() if cv.complete(n)}
    assert not cv.missing(complete), [f"{e.paper} {e.key}" for e in cv.missing(complete)]
