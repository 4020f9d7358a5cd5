"""The claims ledger, the runner (workers, resume, figures) and the report writer, on claims made here."""

import json

import numpy as np
import pytest

from difftheory import ledger, report, runner


def _decide(ev):
    return ledger.Decision(ev.get("verdict", "verified"), f"x = {ev.get('x')}")


def _claim(id_, fn, paper="kdiff", figures=(), decide=_decide):
    return ledger.Claim(id_, paper, "§0", "a statement", "numeric", fn, decide, "rule", ("Eq. (1)",), (), figures)


def test_run_one_records_decision_and_json_evidence(tmp_path):
    c = _claim("kdiff.t.ok", lambda ctx: {"x": np.float64(1.5), "a": np.arange(3), "bad": float("nan")})
    row = ledger.run_one(c, ledger.Context(out=tmp_path))
    assert row["verdict"] == "verified" and row["detail"] == "x = 1.5"
    assert row["evidence"] == {"x": 1.5, "a": [0, 1, 2], "bad": None}
    assert tuple(row) == ledger.ROW_KEYS
    assert row["criteria"] == "rule" and row["equations"] == ["Eq. (1)"] and row["scale"] == "quick"
    json.dumps(row)


def test_decision_sees_the_json_evidence():
    seen = []
    c = _claim("kdiff.t.json", lambda ctx: {"t": (1, 2)}, decide=lambda ev: seen.append(ev) or ledger.Decision("open", "?"))
    ledger.run_one(c, ledger.Context())
    assert seen == [{"t": [1, 2]}]


def test_raising_claim_or_decision_becomes_error_with_traceback(tmp_path):
    def boom(ctx):
        raise RuntimeError("kaboom")

    row = ledger.run_one(_claim("kdiff.t.boom", boom), ledger.Context(out=tmp_path))
    assert row["verdict"] == "error" and "kaboom" in row["detail"] and "Traceback" in row["detail"]
    row = ledger.run_one(_claim("kdiff.t.d", lambda ctx: {}, decide=lambda ev: 1 / 0), ledger.Context(out=tmp_path))
    assert row["verdict"] == "error" and "ZeroDivisionError" in row["detail"]


def test_decision_may_return_error_and_non_dict_evidence_is_error(tmp_path):
    row = ledger.run_one(_claim("kdiff.t.e", lambda ctx: {"verdict": "error"}), ledger.Context(out=tmp_path))
    assert row["verdict"] == "error"
    row = ledger.run_one(_claim("kdiff.t.bad", lambda ctx: "verified"), ledger.Context(out=tmp_path))
    assert row["verdict"] == "error"


def test_decision_rejects_unknown_verdict():
    with pytest.raises(ValueError, match="verdict must be one of"):
        ledger.Decision("probably", "")


@pytest.mark.parametrize("kw,msg", [
    (dict(paper="nope", method="numeric"), "registered paper"),
    (dict(paper="kdiff", method="vibes"), "method must be one of"),
    (dict(paper="mse", method="numeric"), "must start with its paper"),
    (dict(paper="kdiff", method="numeric", criteria=" "), "criteria"),
    (dict(paper="kdiff", method="numeric", equations=()), "equations may be empty only"),
])
def test_claim_decorator_validates(kw, msg):
    kw = {"criteria": "rule", "equations": ("Eq. (1)",), **kw}
    with pytest.raises(ValueError, match=msg):
        ledger.claim("kdiff.x.y", where="", statement="", decide=_decide, **kw)


def test_beyond_claims_may_omit_equations():
    ledger.claim("kdiff.beyond.t_only_here", paper="kdiff", where="", statement="s", method="numeric", criteria="r",
                 decide=_decide)(lambda ctx: {})
    assert ledger.REGISTRY.pop("kdiff.beyond.t_only_here").beyond


def test_report_files_and_summary(tmp_path):
    rows = [
        ledger.run_one(_claim("kdiff.t.a", lambda c: {}), ledger.Context(out=tmp_path)),
        ledger.run_one(_claim("mse.t.b", lambda c: {"verdict": "refuted", "x": "x | y"}, paper="mse"),
                       ledger.Context(out=tmp_path)),
    ]
    report.write_report(rows, tmp_path, {"command": "difftheory verify", "wall_seconds": 1.0})
    assert json.loads((tmp_path / "claims.json").read_text()) == rows
    md = (tmp_path / "report.md").read_text()
    assert "## kdiff" in md and "## mse" in md and "x \\| y" in md and "command: difftheory verify" in md
    assert "rule" in md  # the decision rule is shown
    assert "<table>" in (tmp_path / "report.html").read_text()
    assert report.summary_lines(rows) == ["kdiff: 1 claims: 1 verified (1 as printed, 0 as read); 0 fragile",
                                          "mse: 1 claims: 1 refuted; 0 fragile"]
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def _fake_figure(monkeypatch, calls):
    from difftheory.figures import registry

    def fake_fig(out_dir, scale, seed):
        calls.append((scale, seed))
        p = out_dir / "fake.png"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"png")
        return [p]

    monkeypatch.setitem(registry.REGISTRY, "fake", registry.Figure("fake", "kdiff", "cap", fake_fig))
    monkeypatch.setattr(registry, "discover", lambda: registry.REGISTRY)


def test_runner_renders_named_figures_once(tmp_path, monkeypatch):
    calls = []
    _fake_figure(monkeypatch, calls)
    claims = [_claim("kdiff.t.f1", lambda c: {}, figures=("fake",)), _claim("kdiff.t.f2", lambda c: {}, figures=("fake",))]
    rows = runner.run_claims(claims, ledger.Context(out=tmp_path, seed=3), progress=False)
    assert calls == [("quick", 3)]
    assert all(r["figures"] == ["figures/fake.png"] for r in rows)


def test_resume_reruns_only_unfinished_claims_and_refuses_changed_settings(tmp_path):
    ran = []

    def make(i):
        def fn(ctx):
            ran.append(i)
            if i == 2 and not (tmp_path / "go").exists():
                raise KeyboardInterrupt  # the run dies here (as under kill -9: nothing after it is written)
            return {"x": i * ctx.seed}
        return fn

    claims = [_claim(f"kdiff.t.r{i}", make(i)) for i in range(4)]
    ctx = ledger.Context(out=tmp_path, seed=5)
    with pytest.raises(KeyboardInterrupt):
        runner.run_claims(claims, ctx, progress=False)
    (tmp_path / "go").touch()
    with pytest.raises(ValueError, match="seed"):
        runner.run_claims(claims, ledger.Context(out=tmp_path, seed=6), resume=True, progress=False)
    ran.clear()
    rows = runner.run_claims(claims, ctx, resume=True, progress=False)
    assert ran == [2, 3]
    fresh = runner.run_claims(claims, ledger.Context(out=tmp_path / "fresh", seed=5), progress=False)
    strip = lambda rs: [{k: v for k, v in r.items() if k != "seconds"} for r in rs]  # noqa: E731
    assert strip(rows) == strip(fresh)


def test_resume_without_partial_run_is_refused(tmp_path):
    with pytest.raises(runner.ResumeRefused, match="resume: no unfinished run"):
        runner.run_claims([_claim("kdiff.t.a", lambda c: {})], ledger.Context(out=tmp_path), resume=True, progress=False)


def test_compare_lists_differing_verdicts():
    from difftheory.report import compare_lines

    rows = [{"id": "a", "verdict": "open", "scale": "quick", "detail": "Not App. F's settings (quick scale); more. Rest"},
            {"id": "b", "verdict": "verified", "scale": "quick"}]
    ref = [{"id": "a", "verdict": "refuted", "scale": "full"}, {"id": "b", "verdict": "verified", "scale": "full"}]
    lines = compare_lines(rows, ref, "reference/full")
    assert lines[0].startswith("compare with reference/full: 1 of 2") and "a: open (quick) vs refuted (full)" in lines[1]
    assert lines[1].endswith("here: Not App. F's settings (quick scale)")  # why quick differs: its own detail
    assert len(lines) == 2
    lines = compare_lines(rows + [{"id": "new.claim", "verdict": "verified", "scale": "quick"}], ref, "reference/full")
    assert lines[0].startswith("compare with reference/full: 1 of 2")  # a claim the reference lacks is not "differs"
    assert lines[2:] == ["not in reference/full (1):", "  new.claim: verified here"]
