"""Every command over raw command-line text (issue 19): each flag gets hostile strings — empty, blanks, signs,
scientific notation, '-1e-300', NaN/inf spellings, 5000 characters, NUL bytes, other flags, unicode digits — or a
value it accepts, and is sometimes left out or given twice. Each call must end one of two ways: exit 0 with finite
output (JSON without NaN/Infinity tokens; verify: a claims.json of the run's seed without an error verdict), or
exit 2 with exactly one line on stderr naming a flag (or the command) and nothing on stdout. Never a traceback,
never a warning.

Called in-process (``cli.main``); the accepted runs are kept cheap (verify: one symbolic claim; figures: --list;
linear: a few steps). The ``slow`` variant draws ten times as many."""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from difftheory.cli import main

EDGES = ["", " ", "-", "--", "-1", "-0", "0", "1", "2", "-1e-300", "1e-300", "5e-324", "-inf", "inf", "nan", "-nan",
         "NaN", "1e999", "-1e999", "2147483647", "2147483648", "4294967295", "4294967296", "18446744073709551616",
         "1_000", "0x10", "1e3", "1.0", "-.5", "+5", " 7 ", "٣", "½", "1,5", "a" * 5000, "9" * 5000, "x\x00y",
         "--json", "-h5", "é", "none", "None", "true", "[]", "{}", "'", '"', "\\", "\n", "..", "/", "~"]
hostile = st.one_of(st.sampled_from(EDGES), st.text(max_size=12), st.integers(-10**30, 10**30).map(str),
                    st.floats(allow_nan=True, allow_infinity=True).map(repr))


def _argv(command, flags, extra=st.just([])):
    """``flags``: (name, strategy of accepted values — None leaves the flag out, True is a switch —, required). A
    third of the draws give every flag an accepted value, a third all but one, a third anything (hostile, accepted
    or left out, each flag on its own); values as ``--flag value`` or ``--flag=value``."""
    @st.composite
    def build(draw):
        mode = draw(st.sampled_from(["valid", "one-bad", "any"]))
        bad = draw(st.integers(0, len(flags) - 1))
        argv = [command]
        for i, (name, good, required) in enumerate(flags):
            if mode == "valid" or (mode == "one-bad" and i != bad):
                value = draw(good) if required or draw(st.integers(0, 3)) else None
            elif mode == "one-bad":
                value = draw(hostile)
            else:
                value = draw(st.one_of(good, hostile, st.none()))
            if value is None:
                continue
            if value is True:
                argv.append(name)
            else:
                argv += draw(st.sampled_from([[name, value], [f"{name}={value}"]]))
        return argv + draw(extra)
    return build()


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(argv)
            except SystemExit as exc:
                rc = exc.code
    return rc, out.getvalue(), err.getvalue()


def _no_nan(text):
    def bad(token):
        raise AssertionError(f"non-finite JSON token {token}")
    return json.loads(text, parse_constant=bad)


def _check(argv, accepted=None):
    rc, out, err = _run(argv)
    with contextlib.suppress(Exception):  # outside a hypothesis test there is no event to record
        event(f"exit {rc}")
    assert "Traceback" not in err and "Warning" not in err, (argv, err)
    if rc == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and out == "", (argv, out, err)
        assert re.search(r"--\w|difftheory( \S+)?: error", lines[0]), (argv, lines[0])
        assert len(lines[0]) < 1200, (argv, lines[0][:300])
        return rc, out
    assert rc == 0 and err == "", (argv, rc, err)
    if accepted is not None:
        accepted(argv, out)
    return rc, out


def _json_out(argv, out):
    if "--json" in argv:
        _no_nan(out)
    else:
        assert not re.search(r"\bnan\b|\binf\b", out.lower()), (argv, out)


# --- verify and figures ---------------------------------------------------------------------------------------

CHEAP = "erd.lemma_d1.coupling_bound"


def _verify_argv():
    flags = [("--only", st.sampled_from([CHEAP, "erd.lemma_d1.coupling_*"]), True),
             ("--scale", st.sampled_from(["quick", "full"]), False),
             ("--seed", st.one_of(st.integers(0, 2**31 - 1).map(str), st.sampled_from(["0", "2147483647"])), False),
             ("--workers", st.integers(1, 64).map(str), False),
             ("--compare", st.just("reference/full"), False),
             ("--resume", st.none(), False),  # accepted only after an interrupted run: drawn as hostile
             ("--gpu-results", st.just("."), False),
             ("--no-progress", st.just(True), True)]
    return _argv("verify", flags)


def _verify_ok(out_dir):
    def accepted(argv, out):
        rows = json.loads((out_dir / "claims.json").read_text())
        assert rows and all(r["verdict"] not in ("error",) for r in rows), argv
        seed = next((a.split("=", 1)[1] if "=" in a else argv[i + 1] for i, a in enumerate(argv)
                     if a.startswith("--seed")), "0")
        assert f"- seed: {int(seed)}" in (out_dir / "report.md").read_text()
        assert not (out_dir / ".partial").exists()
    return accepted


def _check_verify(argv):
    if not any(a.startswith("--only") for a in argv):
        argv = argv + ["--only", "no.such.claim*"]  # never the whole ledger in a property test
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp) / "out"
        argv = argv + ["--out", str(out_dir)]
        _check(argv, _verify_ok(out_dir))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(_verify_argv())
def test_verify_answers_or_refuses_in_one_line(argv):
    _check_verify(argv)


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.slow
@given(_verify_argv())
def test_verify_answers_or_refuses_in_one_line_slow(argv):
    _check_verify(argv)


def _figures_argv():
    flags = [("--only", st.sampled_from(["no_such_figure", "nothing*"]), False),
             ("--scale", st.sampled_from(["quick", "full"]), False),
             ("--seed", st.integers(0, 2**31 - 1).map(str), False),
             ("--list", st.just(True), True)]
    return _argv("figures", flags)


def _check_figures(argv):
    if not any(a.startswith("--list") for a in argv) and not any(a.startswith("--only") for a in argv):
        argv = argv + ["--only", "no_such_figure"]  # drawing figures is for the tests of the figures themselves
    with tempfile.TemporaryDirectory() as tmp:
        _check(argv + ["--out", str(Path(tmp) / "figs")],
               lambda a, out: all(len(line.split("\t")) == 3 for line in out.strip().splitlines()))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(_figures_argv())
def test_figures_answers_or_refuses_in_one_line(argv):
    _check_figures(argv)


# --- the numeric commands ---------------------------------------------------------------------------------------

def _numeric_argv(command):
    if command == "diffusion-size":
        flags = [("--schedule", st.sampled_from(["normal", "logis", "sech", "sechinter"]), True),
                 ("--parameterization", st.sampled_from(["noise", "data", "fpred", "vel", "veln", "sigmoid"]), True),
                 ("--steps", st.integers(1, 200).map(str), True),
                 ("--t0", st.floats(1e-4, 0.5).map(repr), False), ("--tmax", st.floats(0.5, 1 - 1e-4).map(repr), False)]
    elif command == "bayes-floor":
        flags = [("--target", st.sampled_from(["eps", "x0", "v", "u"]), True),
                 ("--schedule", st.sampled_from(["linear", "vp", "gvp"]), True),
                 ("--t", st.floats(0, 1).map(repr), True), ("--nodes", st.integers(96, 120).map(str), False)]
    elif command == "linear":
        flags = [("--D", st.integers(10, 30).map(str), True), ("--d", st.integers(1, 10).map(str), True),
                 ("--loss", st.sampled_from(["u", "v"]), False), ("--sampler", st.sampled_from(["uniform"]), False),
                 ("--clamp", st.sampled_from(["0.05", "none"]), False), ("--k", st.sampled_from(["learn", "0.5"]), False),
                 ("--steps", st.integers(1, 5).map(str), True), ("--mode", st.sampled_from(["exact", "sgd"]), False),
                 ("--lr", st.floats(1e-4, 0.1).map(repr), False), ("--batch", st.integers(1, 64).map(str), False),
                 ("--seed", st.integers(0, 2**32 - 1).map(str), False)]
    else:  # kstar
        flags = [("--D", st.integers(1, 10**6).map(str), True), ("--d", st.integers(1, 100).map(str), True),
                 ("--loss", st.sampled_from(["u", "v", "x", "eps"]), False),
                 ("--sampler", st.sampled_from(["uniform", "logit-normal:0,1"]), False),
                 ("--clamp", st.sampled_from(["0.05", "none"]), False)]
    return _argv(command, flags, st.sampled_from([["--json"], []]))


def _cheap(argv):
    """linear trains for --steps steps (default 800/3000): a drawn step count above 5 that the command would accept
    costs seconds, so those draws are dropped; without --steps, 3 are given."""
    if argv[0] != "linear":
        return argv
    steps = [a.split("=", 1)[1] if "=" in a else (argv[i + 1] if i + 1 < len(argv) else "")
             for i, a in enumerate(argv) if a.startswith("--steps")]
    if not steps:
        return argv + ["--steps", "3"]
    try:
        assume(not 5 < int(steps[-1]) <= 10**7)
    except ValueError:
        pass
    return argv


@pytest.mark.parametrize("command", ["diffusion-size", "bayes-floor", "linear", "kstar"])
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_numeric_commands_answer_or_refuse_in_one_line(command, data):
    _check(_cheap(data.draw(_numeric_argv(command))), _json_out)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["diffusion-size", "bayes-floor", "linear", "kstar"])
@settings(max_examples=800, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_numeric_commands_answer_or_refuse_in_one_line_slow(command, data):
    _check(_cheap(data.draw(_numeric_argv(command))), _json_out)


def test_json_output_has_only_finite_numbers():
    rc, out = _check(["bayes-floor", "--target", "eps", "--schedule", "vp", "--t", "1", "--json"], _json_out)
    assert rc == 0 and all(math.isfinite(v) for v in _no_nan(out)["floor_per_dim"])
