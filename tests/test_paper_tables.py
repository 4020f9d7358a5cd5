"""The transcription of the papers' tables and quantitative sentences (papers/<paper>/tables.toml): every
cell, row label and quote is found on the extraction line it cites; the loader rejects malformed files with the
entry named; a damaged cell is never used as a number; the table claims run and give today's verdicts."""

import copy
from pathlib import Path

import pytest

from difftheory import coverage, ledger
from difftheory import paper, paper_tables as pt
from difftheory import paper as paper_module

PAPERS_DIR = paper.text_folder()
PAPERS = pt.with_tables()
HAVE_PAPERS = all((PAPERS_DIR / f).is_file() for p in PAPERS for f in pt.load(p).sources.values())


def _doc(paper: str) -> dict:
    return pt.toml_loads((paper_module.data_folder(paper) / pt.FILE).read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------- against the extractions

@pytest.mark.skipif(not HAVE_PAPERS, reason=f"extraction files not found in {PAPERS_DIR} (set DIFFTHEORY_PAPERS)")
@pytest.mark.parametrize("paper", PAPERS)
def test_every_cell_label_and_quote_is_on_its_cited_line(paper):
    assert pt.check_against_sources(paper) == []


@pytest.mark.skipif(not HAVE_PAPERS, reason=f"extraction files not found in {PAPERS_DIR} (set DIFFTHEORY_PAPERS)")
def test_the_check_catches_a_wrong_cell_and_a_wrong_line():
    doc = _doc("mse")
    bad = copy.deepcopy(doc)
    bad["table"][0]["rows"][0]["cells"]["HeunUDS ML"] = "3.93"  # digits swapped
    problems = pt.check_against_sources(pt.parse_paper("mse", bad))
    assert len(problems) == 1 and "3.93" in problems[0] and "NFE 63" in problems[0]
    bad = copy.deepcopy(doc)
    bad["table"][0]["rows"][1]["at"] = {"text": 531}  # the NFE 63 line cited for the NFE 255 row
    assert len(pt.check_against_sources(pt.parse_paper("mse", bad))) >= 7


# ---------------------------------------------------------------------------------------------- content

def test_every_table_of_the_coverage_maps_is_transcribed_and_nothing_else():
    cmap = coverage.load_map()
    for paper in PAPERS:
        mapped = {e.label for e in cmap[paper] if e.label.startswith("Table ")}
        assert mapped == set(pt.load(paper).tables), paper


def test_counts_and_flags():
    s = pt.summary()
    assert {p: s[p]["tables"] for p in PAPERS} == {"kdiff": 4, "erd": 9, "mse": 1}
    assert all(s[p]["cells"] > 0 for p in PAPERS)
    for paper in PAPERS:
        for c in pt.load(paper).cells():
            assert not (c.damaged or c.restored) or len(c.note) >= 10, c.where


def test_a_damaged_cell_is_never_a_number():
    c = pt.load("kdiff").table("Table 4").cell("clip of (1 - t) in division", "latent")
    assert c.damaged
    with pytest.raises(pt.DamagedCellError, match="damaged"):
        c.number
    ev = c.cite()
    assert ev["damaged"] and ev["value"] is None and ev["reading"] is None and "prediction" in ev["text"]


def test_restored_readings_and_spanning_rows():
    erd = pt.load("erd")
    c = erd.table("Table 3").cell("Ours (DiT-B/2)", "FID")  # OCR "323"
    assert c.restored and c.number == 32.3 and c.text == {"ocr": "323"} and c.reading == "32.3"
    assert erd.table("Table 3").cell("U-ViT-M/2", "params").number == 131e6  # OCR "13IM"
    t4 = pt.load("kdiff").table("Table 4")
    assert t4.cell("batch size", "latent") is t4.cell("batch size", "pixel")  # one printed cell spans both columns
    assert t4.cell("batch size", "pixel").number == 1024
    assert pt.load("kdiff").statement("s5_1.sampling")["nfe"].number == 99


@pytest.mark.parametrize("text, value, decimals", [
    ("2.27", 2.27, 2), ("-0.8", -0.8, 1), ("1,024", 1024.0, 0), ("400K", 4e5, -3), ("131M", 1.31e8, -6), ("2B", 2e9, -9), ("1.5M", 1.5e6, -5),
    ("675+49M", "675+49M", None), ("cosine", "cosine", None), ("−0.8", -0.8, 1)])
def test_parse_number(text, value, decimals):
    assert pt.parse_number(text) == (value, decimals)


def test_epochs_arithmetic_and_its_input_check():
    assert pt.epochs(4e6, 256) == pytest.approx(799.27, abs=0.01)
    for bad in ((0, 256), (4e6, -1), (float("nan"), 256)):
        with pytest.raises(ValueError, match="positive and finite"):
            pt.epochs(*bad)


# ---------------------------------------------------------------------------------------------- validation

def _table(**kw):
    t = {"label": "Table 1", "title": "t", "at": {"text": [1, 2]}, "columns": ["a", "b"],
         "rows": [{"name": "r", "at": {"text": 1}, "cells": {"a": "1.0", "b": "2"}}]}
    t.update(kw)
    return t


def _paper(table=None, statement=None):
    doc = {"paper": "mse", "sources": {"text": "f.txt"}, "table": [table or _table()]}
    if statement is not None:
        doc["statement"] = [statement]
    return doc


def _row(**kw):
    r = {"name": "r", "at": {"text": 1}, "cells": {"a": "1.0"}}
    r.update(kw)
    return r


@pytest.mark.parametrize("doc, message", [
    ({**_paper(), "colour": 1}, "unknown top-level keys"),
    ({**_paper(), "paper": "kdiff"}, "expected 'mse'"),
    (_paper(_table(label="Tab. 1")), "label must read 'Table N'"),
    (_paper(_table(columns=["a", "a"])), "distinct"),
    (_paper(_table(rows=[])), "no rows"),
    (_paper(_table(rows=[_row(), _row()])), "row name appears twice"),
    (_paper(_table(rows=[_row(cells={"z": "1"})])), "unknown columns"),
    (_paper(_table(rows=[_row(at={"pdf": 1})])), "unknown source 'pdf'"),
    (_paper(_table(rows=[_row(at={"text": [5, 2]})])), "positive line or"),
    (_paper(_table(rows=[_row(cells={"a": {"text": "x", "damaged": True}})])), "damaged cell needs a note"),
    (_paper(_table(rows=[_row(cells={"a": {"text": "323", "value": "32.3"}})])), "restored reading .* needs a note"),
    (_paper(_table(rows=[_row(cells={"a": {"text": "3", "value": 3.0, "note": "a long enough note"}})])), "value must be the reading as a string"),
    (_paper(_table(rows=[_row(cells={"a": {"txt": "3"}})])), "unknown cell keys"),
    ({"paper": "mse", "sources": {"text": "f.txt", "other": "g.txt"},
      "table": [_table(rows=[_row(at={"text": 1, "other": 1}, cells={"a": {"text": {"text": "1.0", "other": "1.5"}}})])]},
     "sources print different values"),
    (_paper(statement={"id": "s", "where": "§6", "at": {"text": 3}, "quote": "FID 2.45", "values": {"fid": "2.54"}}),
     "does not occur in the quote"),
    (_paper(statement={"id": "Bad id!", "where": "§6", "at": {"text": 3}, "quote": "q"}), "id must be dotted words"),
])
def test_bad_transcriptions_are_rejected_with_the_entry_named(doc, message):
    with pytest.raises(pt.TableError, match=message):
        pt.parse_paper("mse", doc, "mse.toml")


def test_load_refuses_an_unknown_paper_and_a_missing_file(tmp_path):
    with pytest.raises(ValueError, match="registered paper"):
        pt.load("dl")
    with pytest.raises(pt.TableError, match="not found"):
        pt.load("mse", str(tmp_path))


# ---------------------------------------------------------------------------------------------- the claims

TODAY = {
    "kdiff.tables.abstract_outperforms": "corrected", "kdiff.tables.matches_or_outperforms": "verified",
    "kdiff.tables.s5_1_superior": "open", "kdiff.tables.repeated_values": "verified",
    "kdiff.tables.final_checkpoint": "corrected",
    "kdiff.tables.fig2_overfitting": "verified", "kdiff.tables.table3_text": "verified", "kdiff.tables.epochs": "verified",
    "kdiff.tables.pixel_k_epochs": "verified", "kdiff.tables.latent_k_trajectory": "verified",
    "kdiff.tables.sampler": "verified", "kdiff.tables.clamp": "verified", "kdiff.tables.time_sampler": "verified",
    "kdiff.tables.table3_k_count": "corrected", "erd.tables.adam_is_adamw": "verified",
    "kdiff.tables.patch_names": "verified", "kdiff.tables.kdiff_params": "verified",
    "erd.tables.table1_improvements": "verified", "erd.tables.table2_architectures": "corrected",
    "erd.tables.table3_outperforms": "verified", "erd.tables.table3_vs_appendix": "verified",
    "erd.tables.table4_vs_sweeps": "refuted", "erd.tables.guidance_scale": "corrected",
    "erd.tables.epochs_vs_iterations": "verified", "erd.tables.table5_params": "verified", "erd.tables.settings": "verified",
    "erd.tables.all_experiments": "corrected", "erd.tables.lr_schedule": "corrected", "erd.tables.tokenizer": "corrected",
    "erd.tables.table4_competitive": "open", "erd.tables.convergence": "verified", "erd.beyond.baselines_vs_kdiff": "refuted",
    "mse.tables.mse_nearly_flow": "verified", "mse.tables.heun_uds_vs_edm2": "corrected", "mse.tables.ml_worse": "verified",
    "mse.tables.nfe_steps": "corrected", "mse.tables.orderings": "verified",
}


def test_the_table_claims_run_and_give_todays_verdicts(tmp_path):
    claims = ledger.select("*.tables.*") + ledger.select("erd.beyond.baselines_vs_kdiff")
    assert {c.id for c in claims} == set(TODAY)
    ctx = ledger.Context(out=Path(tmp_path))
    got = {c.id: ledger.run_one(c, ctx) for c in claims}
    assert {k: r["verdict"] for k, r in got.items()} == TODAY, {k: r["detail"][:300] for k, r in got.items()
                                                                 if r["verdict"] != TODAY[k]}
    # a claim that shows a damaged cell says so in its detail
    assert "damaged" in got["kdiff.tables.clamp"]["detail"] and "garbled" in got["erd.tables.table4_competitive"]["detail"]
