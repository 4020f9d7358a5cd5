"""The stored facts about other systems (difftheory/other_systems.toml), their loader, the claims that decide the papers'
statements from them, and the code-settings diffusion sizes (theory/mse_code_settings.py)."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import numpy as np
import pytest
from scipy import integrate

from difftheory import ledger
from difftheory import other_systems as osys
from difftheory import paper
from difftheory.coverage import _toml_loads
from difftheory.theory import claims_other_systems as cos
from difftheory.theory import mse_code_settings as mcs

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data():
    return osys.load()


@pytest.fixture(scope="module")
def raw():
    mse = next(p for p in osys.paths() if p.parent.name == "mse")  # the file with "edm2.presets" first
    return _toml_loads(mse.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------- the stored facts
def test_facts_and_statements_load_and_every_reference_resolves(data):
    assert len(data.facts) >= 40 and len(data.statements) >= 35
    for st in data.statements.values():
        for it in st.items:
            if it.code:
                data.value(it.code)  # raises on a dangling reference
    for f in data.facts.values():
        assert re.fullmatch(r"[0-9a-f]{40}", f.commit) and f.lines[0] <= f.lines[1]
        assert f.cite().startswith(f"{f.repository}:{f.path}@{f.commit[:7]} L")


def test_statements_and_external_claims_correspond_one_to_one(data):
    reg = ledger.discover()
    external = {cid for cid in reg if ".external." in cid}
    assert external == set(data.statements)


def test_every_fact_is_used(data):
    """A fact no statement lists, no item references and no claim module names is dead weight."""
    used = {f for st in data.statements.values() for f in st.facts}
    used |= {it.code.partition(":")[0] for st in data.statements.values() for it in st.items if it.code}
    src = "".join(f.read_text() for d in ("theory", "gpu_validation") for f in sorted((ROOT / d).glob("claims_*.py")))
    used |= {fid for fid in data.facts if f'"{fid}' in src}
    assert set(data.facts) <= used, sorted(set(data.facts) - used)


def test_paper_lines_point_at_the_stated_words(data):
    """Each statement's file line holds (part of) the words it quotes: a cheap guard against a wrong line number."""
    papers = paper.text_folder()
    if not papers.is_dir():
        pytest.skip("papers folder not available")
    for st in data.statements.values():
        lines = (papers / st.file).read_text(encoding="utf-8").splitlines()
        window = " ".join(lines[max(0, st.line - 3): st.line + 30]).casefold()
        words = re.findall(r"[A-Za-z]{5,}", re.sub(r"\([^()]*\)", " ", st.text))[:6]  # not the bracketed glosses
        hits = sum(w.casefold() in window for w in words)
        assert hits >= max(1, len(words) // 2), (st.claim, st.file, st.line, words)


def _doc(raw):
    return copy.deepcopy(raw)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["fact"][0].update(commit="abc"), "commit must be 40"),
    (lambda d: d["fact"][0].update(repository="edm2"), "repository must be 'owner/name'"),
    (lambda d: d["fact"][0].update(lines=[9, 3]), "lines must be"),
    (lambda d: d["fact"][0].update(colour="red"), "unknown keys"),
    (lambda d: d["fact"][0].pop("value"), "value"),
    (lambda d: d["fact"].append(copy.deepcopy(d["fact"][0])), "appears twice"),
    (lambda d: d["statement"][0]["item"][0].update(code="nope.fact"), "names no fact"),
    (lambda d: d["statement"][0]["item"][0].update(code="edm2.presets:nokey"), "not in the value"),
    (lambda d: d["statement"][0]["item"][0].update(compare="roughly"), "compare must be one of"),
    (lambda d: d["statement"][0]["item"][0].update(compare="none"), "takes code"),
    (lambda d: d["statement"][0].update(claim="mse.fig1.foo"), "claim must be"),
    (lambda d: d["statement"][0].update(paper="erd"), "paper must be"),
    (lambda d: d["statement"][0].update(line=0), "line must be"),
    (lambda d: d["statement"][0].update(facts=["x.y"]), "unknown ids"),
])
def test_bad_tables_are_rejected_with_the_table_named(raw, mutate, message):
    d = _doc(raw)
    mutate(d)
    with pytest.raises(osys.OtherSystemsError, match=message) as info:
        osys.parse(d, "facts.toml")
    assert "facts.toml" in str(info.value)


def test_an_item_without_code_needs_what_would_decide_it(raw):
    d = _doc(raw)
    it = next(i for st in d["statement"] for i in st.get("item", []) if i.get("compare") == "none")
    it["decides"] = "?"
    with pytest.raises(osys.OtherSystemsError, match="needs 'decides'"):
        osys.parse(d)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(osys.OtherSystemsError, match="not found"):
        osys.load(tmp_path / "none.toml")


# ---------------------------------------------------------------------------------------------- comparisons and the rule
def test_compare_item_semantics():
    assert cos.compare_item("a", 0.1, 0.1 + 1e-12, "equal")["holds"]
    assert not cos.compare_item("a", 0.1, 0.1001, "equal")["holds"]
    pk = cos.compare_item("a", [1, 2], {"x": [1, 2], "y": [3, 4]}, "per_key")
    assert pk["holds"] is False and pk["holds_for"] == ["x"] and cos.item_verdict(pk) == "corrected"
    st = cos.compare_item("a", [0.9996, 0.9998, 0.9999], [0.9999, 0.9996], "set")
    assert st["holds"] is False and st["holds_for"] == [0.9996, 0.9999]
    assert cos.item_verdict(cos.compare_item("a", 250, 50, "equal")) == "refuted"
    assert cos.item_verdict(cos.compare_item("a", "x", None, "none", decides="something")) == "open"
    assert not cos.same(True, 1) and cos.same("Linear", "linear")


def test_printed_normal_schedule_is_lognormal_minus_04_one():
    mean, sd, nonlin = cos.normal_law_of_printed_schedule()
    assert abs(mean + 0.4) < 1e-9 and abs(sd - 1) < 1e-9 and nonlin < cos.SYM_TOL


def test_fpred_sigma_data_and_loss_weight_derive_from_edm_preconditioning():
    sd, weight = cos.fpred_sigma_data()
    assert sd == "1/2" and weight == "1"


def test_sit_repa_rate_derivation():
    d = cos.sit_repa_rate_derivation(lambda sigma: 2 * sigma)
    t = d["t"]
    assert d["twin"] == 0 and str(d["ratio"]) == "t"
    assert float(d["rate"].subs(t, 0.25)) == pytest.approx(1 / 0.75)
    assert not any(d["readings"].values())


def test_code_rate_eta_matches_its_closed_form():
    g = np.linspace(0.01, 0.9, 50)
    eta = cos.eta_code_rate(g)
    assert np.allclose(eta**2, 1 - ((1 - g[1:]) / (1 - g[:-1])) ** 2)


# ---------------------------------------------------------------------------------------------- code-settings sizes
def test_lambda_form_sizes_agree_with_mse_diffusion_size():
    assert max(mcs.twin_check().values()) < cos.TWIN_TOL


def test_code_grids_are_increasing_inside_the_unit_interval():
    for g in (mcs.sit_code_grid(250, 0.04), mcs.lightningdit_code_grid(250, 0.3), mcs.rae_code_grid(50, np.sqrt(48))):
        assert np.all(np.diff(g) > 0) and g[0] > 0 and g[-1] < 1
    assert mcs.rae_code_grid(50, np.sqrt(48))[-1] == pytest.approx(1 - np.sqrt(48) / 49 / (1 + (np.sqrt(48) - 1) / 49))
    assert np.allclose(mcs.shift_map(np.linspace(0, 1, 7), 1.0), np.linspace(0, 1, 7))
    assert np.all(np.diff(mcs.edm2_code_grid(32, 0.002, 80, 7)) > 0)


@pytest.mark.parametrize("law", [mcs.TrainingLaw("a", "lognormal-sigma", "fpred", -0.8, 1.6, sigma_data=0.5),
                                 mcs.TrainingLaw("b", "uniform-logis", "vel"),
                                 mcs.TrainingLaw("c", "logit-normal", "vel", mu=-1.9)])
def test_training_laws_are_probability_laws_in_lambda(law):
    val, _ = integrate.quad(law.lam_density, -40, 40, limit=200)
    assert val == pytest.approx(1.0, abs=1e-8)


def test_bad_inputs_name_the_argument():
    with pytest.raises(ValueError, match="kind"):
        mcs.TrainingLaw("x", "gamma", "vel")
    with pytest.raises(ValueError, match="'vel' is defined here for the linear path"):
        mcs.TrainingLaw("x", "lognormal-sigma", "vel")
    with pytest.raises(ValueError, match="lam_grid"):
        mcs.sizes(mcs.TrainingLaw("x", "uniform-logis", "vel"), [1.0, 0.5])
    with pytest.raises(ValueError, match="shift"):
        mcs.shift_map([0.5], 0.0)
    with pytest.raises(ValueError, match="num_steps"):
        mcs.sit_code_grid(2, 0.04)


def test_discrete_mse_size_never_exceeds_the_ml_size():
    law = mcs.TrainingLaw("rae", "logit-normal", "vel", mu=-np.log(np.sqrt(48)))
    d = mcs.sizes(law, mcs.logis_lam(mcs.rae_code_grid(50, np.sqrt(48))))
    assert np.all(d["eta_mse"] <= d["eta_ml"] * (1 + 1e-12)) and np.all(d["eta_ml"] <= 1)


# ---------------------------------------------------------------------------------------------- our configs vs the cited code
def test_probes_of_our_training_and_sampling_code():
    from difftheory.gpu_validation import claims_cited_code as ccc

    assert ccc.guided_at(0.1, (0.1, 1.0)) and not ccc.guided_at(0.05, (0.1, 1.0))
    assert ccc.nfe_of_our_heun(50) == 99  # Heun on 49 steps, Euler on the last: JiT's count
    assert ccc.ema_decay_at_step(0.9999, 0) == pytest.approx(0.1)
    assert ccc.ema_decay_at_step(0.9999, 10**6) == pytest.approx(0.9999, abs=1e-6)
    r = ccc.row("c", "s", 0.05, 0.0, 0.0, "src")
    assert r["status"] == "own deviation"
    assert ccc.row("c", "s", [0.9996], [0.9999], [0.9996], "src")["status"] == "follows kdiff Table 4"


def test_a_claim_must_derive_the_items_it_marks_derived():
    with pytest.raises(ValueError, match="must be derived"):
        cos.statement_evidence("mse.external.rae_sampler")
