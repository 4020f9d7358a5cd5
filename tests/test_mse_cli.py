"""``difftheory diffusion-size``: all 24 schedule × parameterization pairs, JSON keys, bad input → exit 2."""

import json

import numpy as np
import pytest

from difftheory.cli import main
from difftheory.theory.mse_diffusion_size import diffusion_sizes_cli
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS
from difftheory.theory.mse_schedules import SCHEDULES


@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize("param", PARAMETERIZATIONS)
def test_all_pairs_json(schedule, param, capsys):
    assert main(["diffusion-size", "--schedule", schedule, "--parameterization", param, "--steps", "20", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"t", "beta_ml", "beta_mse", "M"} <= set(out)
    assert len(out["t"]) == len(out["beta_ml"]) == len(out["beta_mse"]) == 20
    bm, bs = np.array(out["beta_ml"]), np.array(out["beta_mse"])
    assert np.all(np.isfinite(bs)) and np.all(bs >= 0) and np.all(bs <= bm * (1 + 1e-9))
    assert np.all(np.diff(out["t"]) > 0) and out["M"] > 0


def test_text_output_and_explicit_interval(capsys):
    assert main(["diffusion-size", "--schedule", "logis", "--parameterization", "vel", "--steps", "10",
                 "--t0", "0.01", "--tmax", "0.9"]) == 0
    text = capsys.readouterr().out
    assert "M=9 " in text  # Logis+Vel: M = tmax/(1 − tmax)


def test_api_matches_cli_and_sizes_shrink_with_steps():
    a = diffusion_sizes_cli("sech", "noise", 50)
    b = diffusion_sizes_cli("sech", "noise", 200)
    assert np.max(b["beta_mse"][100:]) < np.max(a["beta_mse"][25:])


@pytest.mark.parametrize("args,needle", [
    (["--schedule", "cosine", "--parameterization", "vel", "--steps", "5"], "schedule must be one of"),
    (["--schedule", "logis", "--parameterization", "eps", "--steps", "5"], "parameterization must be one of"),
    (["--schedule", "logis", "--parameterization", "vel", "--steps", "0"], "steps must be an integer"),
    (["--schedule", "logis", "--parameterization", "vel", "--steps", "5", "--t0", "0"], "t0 must be"),
    (["--schedule", "logis", "--parameterization", "vel", "--steps", "5", "--tmax", "1"], "tmax must be"),
    (["--schedule", "logis", "--parameterization", "vel", "--steps", "5", "--t0", "0.6", "--tmax", "0.5"],
     "t0 must be < tmax"),
    (["--schedule", "sechinter", "--parameterization", "data", "--steps", "5", "--t0", "1e-300", "--tmax", "0.5"],
     "not defined"),
])
def test_bad_input_exit_2_one_line(args, needle, capsys):
    assert main(["diffusion-size", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and "\n" not in err
