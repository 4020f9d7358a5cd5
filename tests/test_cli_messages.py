"""Every flag's error is one line naming the flag, the value (a long one shortened) and the valid range — argparse's
own errors included (issue 19, items 11 and 12)."""

import pytest

from difftheory.cli import main
from difftheory.ledger import SEED_MAX

LONG = "9" * 5000


def _run(argv, capsys):
    try:
        rc = main(argv)
    except SystemExit as exc:  # argparse's own errors exit through SystemExit
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


def _one_line(argv, capsys, *needles):
    rc, out, err = _run(argv, capsys)
    lines = err.strip().splitlines()
    assert rc == 2 and out == "" and len(lines) == 1, (argv, rc, out, err)
    assert "Traceback" not in err and len(lines[0]) < 1000, lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


DIFF = ["diffusion-size", "--schedule", "logis", "--parameterization", "vel"]
FLOOR = ["bayes-floor", "--target", "eps", "--schedule", "vp"]


@pytest.mark.parametrize("argv,flag,value,valid", [
    (DIFF + ["--steps", "abc"], "--steps", "'abc'", "[1, 1000000]"),
    (DIFF + ["--steps", "1.5"], "--steps", "'1.5'", "[1, 1000000]"),
    (DIFF + ["--steps", "5", "--t0", "x"], "--t0", "'x'", "(0, 1)"),
    (DIFF + ["--steps", "5", "--tmax", "1,5"], "--tmax", "'1,5'", "(0, 1)"),
    (FLOOR + ["--t", "half"], "--t", "'half'", "[0, 1]"),
    (FLOOR + ["--t", "0.5", "--nodes", "1e3"], "--nodes", "'1e3'", "[96, 400]"),
    (["linear", "--D", "ten", "--d", "3"], "--D", "'ten'", "[1, 1000000000]"),
    (["linear", "--D", "10", "--d", "3", "--steps", "many"], "--steps", "'many'", "[1, 10000000]"),
    (["linear", "--D", "10", "--d", "3", "--lr", "fast"], "--lr", "'fast'", "(0, inf)"),
    (["linear", "--D", "10", "--d", "3", "--batch", "2.0"], "--batch", "'2.0'", "[1, 65536]"),
    (["linear", "--D", "10", "--d", "3", "--seed", "s"], "--seed", "'s'", "[0, 4294967295]"),
    (["verify", "--seed", "1e3"], "--seed", "'1e3'", f"[0, {SEED_MAX}]"),
    (["verify", "--workers", "two"], "--workers", "'two'", "[1, 64]"),
    (["figures", "--seed", "0.5"], "--seed", "'0.5'", f"[0, {SEED_MAX}]"),
])
def test_argparse_type_errors_name_flag_value_and_range(argv, flag, value, valid, capsys):
    line = _one_line(argv, capsys, flag, value, valid)
    assert "invalid int value" not in line and "invalid float value" not in line


@pytest.mark.parametrize("argv,flag,valid", [
    (DIFF + ["--steps"], "--steps", "[1, 1000000]"),
    (DIFF + ["--steps", "5", "--t0"], "--t0", "(0, 1)"),
    (["linear", "--D", "10", "--d", "3", "--lr"], "--lr", "(0, inf)"),
    (["verify", "--seed"], "--seed", f"[0, {SEED_MAX}]"),
    (["verify", "--scale"], "--scale", "quick, full"),
])
def test_expected_one_argument_says_what_the_flag_takes(argv, flag, valid, capsys):
    _one_line(argv, capsys, flag, "expected one argument", valid)


@pytest.mark.parametrize("argv,flag", [
    (DIFF + ["--steps", "5", "--t0", "-1e-300"], "--t0"),
    (DIFF + ["--steps", "5", "--tmax", "-.5"], "--tmax"),
    (DIFF + ["--steps", "-1e3"], "--steps"),
    (FLOOR + ["--t", "-1e-300"], "--t"),
    (FLOOR + ["--t", "-inf"], "--t"),
    (FLOOR + ["--t", "-nan"], "--t"),
    (["linear", "--D", "-1e-300", "--d", "3"], "--D"),
    (["linear", "--D", "10", "--d", "3", "--lr", "-1E+3"], "--lr"),
    (["verify", "--seed", "-1e-300"], "--seed"),
    (["figures", "--seed", "-5"], "--seed"),
])
def test_negative_numbers_parse_as_values_and_are_refused_by_range(argv, flag, capsys):
    line = _one_line(argv, capsys, flag)
    assert "expected one argument" not in line


@pytest.mark.parametrize("argv,flag", [
    (["verify", "--only", "a" * 5000], "--only"),
    (["verify", f"--only={'b' * 5000}"], "--only"),
    (["verify", "--scale", "q" * 5000], "--scale"),
    (["verify", "--seed", LONG], "--seed"),
    (["verify", "--seed", "9" * 200], "--seed"),
    (["verify", "--compare", "/no/such/" + "c" * 5000], "--compare"),
    (["figures", "--only", "f" * 5000], "--only"),
    (DIFF + ["--steps", LONG], "--steps"),
    (DIFF + ["--steps", "5", "--t0", "1" * 5000], "--t0"),
    (["diffusion-size", "--schedule", "s" * 5000, "--parameterization", "vel", "--steps", "5"], "--schedule"),
    (FLOOR + ["--t", "0." + "1" * 5000 + "x"], "--t"),
    (["bayes-floor", "--target", "t" * 5000, "--schedule", "vp", "--t", "0.5"], "--target"),
    (["linear", "--D", LONG, "--d", "3"], "--D"),
    (["linear", "--D", "10", "--d", "3", "--k", "k" * 5000], "--k"),
    (["kstar", "--D", "10", "--d", "3", "--sampler", "s" * 5000], "--sampler"),
])
def test_a_5000_character_value_is_shortened(argv, flag, capsys):
    line = _one_line(argv, capsys, flag)
    assert not any(c * 100 in line for c in "abcfqst19"), line  # shown by its head and length (or its value)


@pytest.mark.parametrize("argv,flag", [
    (["kstar", "--D", "10", "--d", "3", "--clamp=--"], "--clamp"),
    (["verify", "--only=--"], "--only"),
    (["bayes-floor", "--target=--", "--schedule", "vp", "--t", "0.5"], "--target"),
])
def test_flag_equals_double_dash_is_a_missing_value_not_a_crash(argv, flag, capsys):
    _one_line(argv, capsys, flag, "expected one argument")


def test_unrecognized_long_argument_is_shortened(capsys):
    rc, out, err = _run(["verify", "x" * 5000], capsys)
    assert rc == 2 and len(err.strip().splitlines()) == 1 and len(err) < 300


@pytest.mark.parametrize("command", ["verify", "figures"])
@pytest.mark.parametrize("seed", [2**31, 2**32 - 1, 4294967295, 2**64, -1])
def test_seed_outside_0_to_2_31_minus_1_is_refused_up_front_as_an_integer(command, seed, tmp_path, capsys):
    out = tmp_path / "never"
    only = "erd.lemma_d1.coupling_bound" if command == "verify" else "kdiff_delta_curves"
    line = _one_line([command, "--seed", str(seed), "--only", only, "--out", str(out)], capsys, "--seed",
                     "[0, 2147483647]", str(seed))
    assert "e+" not in line
    assert not out.exists()  # refused before any work


def test_largest_seed_runs_seeded_erd_claims(tmp_path, capsys):
    """2**31 - 1 is accepted and every seeded routine takes it (at 4294967295 29 erd claims errored)."""
    out = tmp_path / "out"
    rc = main(["verify", "--only", "erd.lemma_d1.*", "--seed", str(SEED_MAX), "--out", str(out), "--workers", "1",
               "--no-progress"])
    import json

    rows = json.loads((out / "claims.json").read_text())
    assert rc == 0 and rows and all(r["verdict"] != "error" for r in rows), [r["detail"][-300:] for r in rows]


def test_api_parameter_names_become_flags(capsys):
    _one_line(DIFF + ["--steps", "5", "--t0", "0.9", "--tmax", "0.1"], capsys, "--t0 must be")
    _one_line(["diffusion-size", "--schedule", "nope", "--parameterization", "vel", "--steps", "5"], capsys,
              "--schedule must be one of")
