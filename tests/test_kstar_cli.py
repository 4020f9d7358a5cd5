"""``difftheory kstar``: answers, JSON shape, light imports and one-line errors with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.cli import main


def run_json(capsys, *argv):
    assert main(["kstar", *argv, "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    return json.loads(out[0])


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 5000), st.data())
def test_uniform_u_loss_is_thm_3_2(D, data):
    import io
    from contextlib import redirect_stdout

    d = data.draw(st.integers(1, D))
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["kstar", "--D", str(D), "--d", str(d), "--json"]) == 0
    obj = json.loads(buf.getvalue())
    assert abs(obj["k_star"] - D / (D + d)) < 1e-6
    assert obj["interior"] is True
    assert set(obj["delta_at"]) == {"0", "0.5", "1", "k_star"}
    assert obj["delta_at"]["k_star"] <= min(obj["delta_at"]["0"], obj["delta_at"]["0.5"], obj["delta_at"]["1"]) + 1e-12


def test_default_clamp_and_none(capsys):
    a = run_json(capsys, "--D", "100", "--d", "10", "--loss", "v")
    assert a["clamp"] == 0.05 and a["k_star"] == 1.0 and a["interior"] is False
    b = run_json(capsys, "--D", "100", "--d", "10", "--loss", "v", "--clamp", "none")
    assert b["clamp"] is None and 0.99 < b["k_star"] < 1 and b["delta_at"]["0"] == pytest.approx(55.0)
    c = run_json(capsys, "--D", "100", "--d", "10", "--loss", "x", "--sampler", "logit-normal:-0.8,0.8", "--clamp", "0.1")
    assert c["sampler"] == "logit-normal:-0.8,0.8" and c["clamp"] == 0.1 and 0 < c["k_star"] < 1


def test_text_output(capsys):
    assert main(["kstar", "--D", "30", "--d", "10"]) == 0
    out = capsys.readouterr().out
    assert "k* = 0.750000" in out and "Thm 3.2" in out


@pytest.mark.parametrize("argv,needle", [
    (["--D", "10", "--d", "11"], "--d"),
    (["--D", "0", "--d", "1"], "--D"),
    (["--D", "2.5", "--d", "1"], "--D"),
    (["--D", "10", "--d", "x"], "--d"),
    (["--D", "10", "--d", "1", "--sampler", "logit-normal:0,0"], "sigma"),
    (["--D", "10", "--d", "1", "--sampler", "logit-normal:0,-1"], "sigma"),
    (["--D", "10", "--d", "1", "--sampler", "beta"], "sampler"),
    (["--D", "10", "--d", "1", "--loss", "w"], "--loss"),
    (["--D", "10", "--d", "1", "--loss", "v", "--clamp", "0"], "--clamp"),
    (["--D", "10", "--d", "1", "--loss", "v", "--clamp", "1.5"], "--clamp"),
    (["--D", "10", "--d", "1", "--clamp", "abc"], "--clamp"),
])
def test_bad_input_exit_2_one_line(capsys, argv, needle):
    assert main(["kstar", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and needle in err[0]


def test_missing_argument_exit_2():
    r = subprocess.run([sys.executable, "-m", "difftheory", "kstar", "--D", "10"], capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_kstar_path_imports_neither_torch_nor_sympy():
    code = ("import sys, io, contextlib\nfrom difftheory.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['kstar', '--D', '50', '--d', '5', '--loss', 'v', '--json'])\n"
            "print('torch' in sys.modules, 'sympy' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.split() == ["False", "False"]
