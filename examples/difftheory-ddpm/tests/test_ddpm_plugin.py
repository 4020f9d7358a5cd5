"""The example plug-in checks itself with the helper every paper plug-in uses (difftheory.testing)."""

from pathlib import Path

import pytest

from difftheory import ledger, paper, testing

pytest.importorskip("difftheory_ddpm", reason="the example plug-in is not installed (pip install -e examples/difftheory-ddpm)")
if "ddpm" not in paper.names():
    pytest.skip("the example plug-in is importable but not registered (install it)", allow_module_level=True)

HERE = Path(__file__).parent
EXAMPLES = testing.load_examples(HERE / "decision_examples")


def test_the_paper_is_registered_through_its_entry_point():
    assert "ddpm" in paper.names()
    assert not testing.registration_problems("ddpm")


def test_every_decision_is_driven_through_its_outcomes():
    assert not testing.decision_problems("ddpm", EXAMPLES)


def test_coverage_is_consistent():
    assert not testing.coverage_problems("ddpm")


@pytest.mark.parametrize("cid", ["ddpm.eq4.forward_marginal", "ddpm.s4.prior_kl", "ddpm.eq12.elbo_weight"])
def test_each_claim_runs_and_is_verified(cid, tmp_path):
    row = ledger.run_one(ledger.discover()[cid], ledger.Context(out=tmp_path))
    assert row["verdict"] == "verified", row["detail"]


def test_bad_schedule_is_refused():
    from difftheory_ddpm import process

    with pytest.raises(ValueError, match="beta_1"):
        process.linear_betas(beta_1=0.5, beta_T=0.1)
