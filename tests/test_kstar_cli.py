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
    assert obj["ties"] == [obj["k_star"]] and [s["type"] for s in obj["stationary"]] == ["minimum"]


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
    (["--D", "10", "--d", "1", "--clamp", "nan"], "--clamp"),
    (["--D", "1e16", "--d", "1"], "--D"),
    (["--D", "10", "--d", "1e-3"], "--d"),
    (["--D", "inf", "--d", "1"], "--D"),
    (["--D", "10", "--d", "1", "--sampler", "logit-normal:9,1"], "mu"),
    (["--D", "10", "--d", "1", "--sampler", "logit-normal:0,3"], "sigma"),
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


# ------------------------------------------------------------------------ issue 12: refused, not computed
@pytest.mark.parametrize("argv,flag,value", [
    (["--D", "10", "--d", "2", "--loss", "eps", "--clamp", "1e-15"], "--clamp", "1e-15"),   # gave Δ*(k*) = −1.25
    (["--D", "10", "--d", "2", "--loss", "x", "--clamp", "1e-15"], "--clamp", "1e-15"),     # gave −7.25
    (["--D", "10", "--d", "2", "--loss", "v", "--clamp", "1e-30"], "--clamp", "1e-30"),     # gave Δ*(0) = −80
    (["--D", "1e20", "--d", "1", "--sampler", "logit-normal:0,1e-9", "--loss", "v"], "--D", "1e20"),  # −222043.6
    (["--D", "1" + "0" * 400, "--d", "1"], "--D", "1000000"),                              # OverflowError
    (["--D", "1e999999999", "--d", "1"], "--D", "1e999999999"),
    (["--D", "10", "--d", "1", "--sampler", "logit-normal:1,1e-100"], "--sampler", "1e-100"),  # 8-line error
    (["--D", "10", "--d", "1", "--sampler", "logit-normal:0,1e-9", "--loss", "v"], "--sampler", "1e-09"),
])
def test_inaccurate_ranges_are_refused_with_one_line(capsys, argv, flag, value):
    assert main(["kstar", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and flag in err[0] and value in err[0] and ("[" in err[0] or "(" in err[0]), err
    assert len(err[0]) < 300


def test_accepted_extremes_give_finite_non_negative_answers(capsys):
    from difftheory.theory.kdiff_optimum import CLAMP_MIN, D_MAX
    from difftheory.theory.time_densities import SIGMA_MIN

    for argv in (["--D", "10", "--d", "2", "--loss", "eps", "--clamp", str(CLAMP_MIN)],
                 ["--D", "10", "--d", "2", "--loss", "x", "--clamp", str(CLAMP_MIN)],
                 ["--D", "10", "--d", "2", "--loss", "v", "--clamp", str(CLAMP_MIN)],
                 ["--D", str(D_MAX), "--d", "1", "--sampler", f"logit-normal:0,{SIGMA_MIN}", "--loss", "v"],
                 ["--D", str(D_MAX), "--d", "1", "--sampler", f"logit-normal:5,{SIGMA_MIN}", "--loss", "x"]):
        obj = run_json(capsys, *argv)
        vals = list(obj["delta_at"].values())
        assert all(v is not None and v >= 0 for v in vals), (argv, obj)
        assert 0 <= obj["k_star"] <= 1


def test_clamp_results_converge_to_the_unclamped_limits(capsys):
    """Issue 12: results drifted from ~1e-13 down. With the smallest accepted clamp Δ*(0) and Δ*(1) of the v-loss
    equal 60-digit mpmath (5.999999874949094, 1.9999999766985537) to 1e-10 and approach the unclamped limits
    (D + d)/2 = 6 and d = 2 from below."""
    obj = run_json(capsys, "--D", "10", "--d", "2", "--loss", "v", "--clamp", "1e-10")
    assert abs(obj["delta_at"]["0"] / 5.999999874949094 - 1) < 1e-10
    assert abs(obj["delta_at"]["1"] / 1.9999999766985537 - 1) < 1e-10
    none = run_json(capsys, "--D", "10", "--d", "2", "--loss", "v", "--clamp", "none")
    assert obj["delta_at"]["0"] < none["delta_at"]["0"] == pytest.approx(6.0, rel=1e-12)
    assert obj["delta_at"]["1"] < none["delta_at"]["1"] == pytest.approx(2.0, rel=1e-12)


def test_tie_reported_in_json_and_text(capsys):
    """Issue 9: D = d, v-loss: Δ*(0) = Δ*(1) and k = ½ is the maximum."""
    obj = run_json(capsys, "--D", "10", "--d", "10", "--loss", "v")
    assert obj["ties"] == [0.0, 1.0] and obj["k_star"] == 1.0
    assert [(round(s["k"], 6), s["type"]) for s in obj["stationary"]] == [(0.5, "maximum")]
    assert main(["kstar", "--D", "10", "--d", "10", "--loss", "v"]) == 0
    out = capsys.readouterr().out
    assert "TIE" in out and "k = 0, 1" in out and "maximum" in out


def test_scientific_notation_integers(capsys):
    obj = run_json(capsys, "--D", "1e3", "--d", "1E1")
    assert obj["D"] == 1000 and obj["d"] == 10 and abs(obj["k_star"] - 1000 / 1010) < 1e-6
