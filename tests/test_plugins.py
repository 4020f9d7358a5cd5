"""Papers are plug-ins (issue 18): a paper is found through its entry point, and one that fails to load — at its
entry point, in a claims module, or by registering a claim for an unknown paper — gives one error row and one line
naming it, while every other paper's verdicts stay intact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from difftheory import ledger, paper

CHEAP = "mse.s2.quantile_schedules"  # a symbolic claim that takes about a second


def _plugin(site: Path, name: str, init: str, claims: str | None = None) -> None:
    """A package ``difftheory_<name>`` with a dist-info whose entry point registers it (found on sys.path)."""
    pkg = site / f"difftheory_{name}"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(textwrap.dedent(init))
    if claims is not None:
        (pkg / "claims.py").write_text(textwrap.dedent(claims))
    info = site / f"difftheory_{name}-0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: difftheory-{name}\nVersion: 0.0\n")
    (info / "entry_points.txt").write_text(f"[difftheory.papers]\n{name} = difftheory_{name}:PAPER\n")


def _verify(tmp_path: Path, site: Path, only: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           "DIFFTHEORY_CACHE": "off"}
    out = tmp_path / f"out-{only.replace('*', 'x')}"
    return subprocess.run([sys.executable, "-m", "difftheory.cli", "verify", "--only", only, "--out", str(out),
                           "--no-progress", "--workers", "1"], capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    _plugin(site, "boom", "raise ImportError('this plug-in cannot be imported')\n")
    _plugin(site, "badmod", """
        from difftheory.paper import Paper
        PAPER = Paper(name="badmod", title="t", claims=("difftheory_badmod.claims",))
        """, claims="""
        from difftheory.ledger import Decision, claim

        @claim("badmod.x.y", paper="not_a_paper", where="§1", statement="s", method="numeric", criteria="c",
               decide=lambda ev: Decision("verified", "ok"), equations=("§1",))
        def x(ctx):
            return {}
        """)
    return site


def test_a_broken_plugin_gives_one_line_and_leaves_the_other_papers_intact(tmp_path, broken_site):
    r = _verify(tmp_path, broken_site, CHEAP)
    assert r.returncode == 0, r.stderr
    lines = [l for l in r.stderr.splitlines() if "could not be loaded" in l]
    assert len(lines) == 2 and any("boom" in l and "cannot be imported" in l for l in lines)
    assert any("badmod" in l and "not_a_paper" in l for l in lines)
    assert "Traceback" not in r.stderr
    rows = json.loads((tmp_path / f"out-{CHEAP}" / "claims.json").read_text())
    assert [x["id"] for x in rows] == [CHEAP] and rows[0]["verdict"] == "verified"


def test_the_broken_plugin_is_an_error_row_when_selected(tmp_path, broken_site):
    r = _verify(tmp_path, broken_site, "boom.*")
    assert r.returncode == 1
    rows = json.loads((tmp_path / "out-boom.x" / "claims.json").read_text())
    assert [(x["id"], x["verdict"]) for x in rows] == [("boom.load", "error")]
    assert "cannot be imported" in rows[0]["detail"]


def test_the_builtin_papers_register_through_entry_points():
    from importlib import metadata

    eps = {ep.name for ep in metadata.entry_points(group=paper.GROUP)}
    assert set(paper.names()) <= eps
    for name in paper.names():
        p = paper.get(name)
        assert p.claims and ledger.select(f"{name}.*"), name


def test_a_paper_name_must_be_a_plain_identifier():
    with pytest.raises(ValueError, match="Paper.name"):
        paper.Paper(name="Bad-Name", title="t", claims=())
