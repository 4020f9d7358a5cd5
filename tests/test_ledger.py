"""The claims ledger, the report writer and the verify runner, on claims made here."""

import json

import pytest

from difftheory import ledger, report
from difftheory.commands.verify import run_claims


def _claim(id_, fn, paper="kdiff", figures=()):
    return ledger.Claim(id_, paper, "§0", "a statement", "numeric", fn, figures)


def test_run_one_records_verdict_and_evidence(tmp_path):
    import numpy as np

    c = _claim("kdiff.t.ok", lambda ctx: ledger.Result("verified", "fine", {"x": np.float64(1.5), "a": np.arange(3)}))
    row = ledger.run_one(c, ledger.Context(out=tmp_path))
    assert row["verdict"] == "verified"
    assert row["evidence"] == {"x": 1.5, "a": [0, 1, 2]}
    assert set(row) == {"id", "paper", "where", "statement", "method", "verdict", "detail", "evidence", "figures", "seconds"}
    json.dumps(row)


def test_raising_claim_becomes_error_with_traceback(tmp_path):
    def boom(ctx):
        raise RuntimeError("kaboom")

    row = ledger.run_one(_claim("kdiff.t.boom", boom), ledger.Context(out=tmp_path))
    assert row["verdict"] == "error"
    assert "kaboom" in row["detail"] and "Traceback" in row["detail"]


def test_non_result_return_is_error(tmp_path):
    row = ledger.run_one(_claim("kdiff.t.bad", lambda ctx: "verified"), ledger.Context(out=tmp_path))
    assert row["verdict"] == "error"


def test_result_rejects_unknown_verdict():
    with pytest.raises(ValueError, match="verdict must be one of"):
        ledger.Result("probably", "")


@pytest.mark.parametrize("kw,msg", [
    (dict(paper="nope", method="numeric"), "paper must be one of"),
    (dict(paper="kdiff", method="vibes"), "method must be one of"),
    (dict(paper="mse", method="numeric"), "must start with its paper"),
])
def test_claim_decorator_validates(kw, msg):
    with pytest.raises(ValueError, match=msg):
        ledger.claim("kdiff.x.y", where="", statement="", **kw)


def test_report_files_and_summary(tmp_path):
    rows = [
        ledger.run_one(_claim("kdiff.t.a", lambda c: ledger.Result("verified", "ok")), ledger.Context(out=tmp_path)),
        ledger.run_one(_claim("mse.t.b", lambda c: ledger.Result("refuted", "x | y"), paper="mse"), ledger.Context(out=tmp_path)),
    ]
    report.write_report(rows, tmp_path)
    assert json.loads((tmp_path / "claims.json").read_text()) == rows
    md = (tmp_path / "report.md").read_text()
    assert "## kdiff" in md and "## mse" in md and "x \\| y" in md
    assert "<table>" in (tmp_path / "report.html").read_text()
    assert report.summary_lines(rows) == ["kdiff: 1 claims: 1 verified", "mse: 1 claims: 1 refuted"]
    assert not list(tmp_path.glob("*.tmp"))


def test_runner_renders_named_figures_once(tmp_path, monkeypatch):
    from difftheory.figures import registry

    calls = []

    def fake_fig(out_dir, scale, seed):
        calls.append((scale, seed))
        p = out_dir / "fake.png"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"png")
        return [p]

    monkeypatch.setitem(registry.FIGURES, "fake", registry.Figure("fake", "kdiff", "cap", fake_fig))
    monkeypatch.setattr(registry, "discover", lambda: registry.FIGURES)
    ok = lambda ctx: ledger.Result("verified", "")  # noqa: E731
    claims = [_claim("kdiff.t.f1", ok, figures=("fake",)), _claim("kdiff.t.f2", ok, figures=("fake",))]
    rows = run_claims(claims, ledger.Context(out=tmp_path, seed=3), progress=False)
    assert calls == [("quick", 3)]
    assert all(r["figures"] == [str(tmp_path / "figures" / "fake.png")] for r in rows)


def test_every_registered_claim_is_well_formed():
    claims = ledger.discover()
    for c in claims.values():
        assert c.paper in ledger.PAPERS and c.method in ledger.METHODS
        assert c.statement.strip() and c.where.strip()
