"""``difftheory diffusion-size``: all 24 schedule × parameterization pairs, JSON keys, the exact discrete η ≤ 1,
bad input → exit 2 (the property suite over all inputs is tests/test_diffusion_size_properties.py)."""

import json
import warnings

import numpy as np
import pytest

from difftheory.cli import main
from difftheory.theory.mse_diffusion_size import diffusion_sizes_cli
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS, S2
from difftheory.theory.mse_schedules_symbolic import SCHEDULES
from difftheory.theory.schedules import MseSchedule


@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize("param", PARAMETERIZATIONS)
def test_all_pairs_json(schedule, param, capsys):
    assert main(["diffusion-size", "--schedule", schedule, "--parameterization", param, "--steps", "20", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"t", "eta_ml", "eta_mse", "beta_ml", "beta_mse", "M", "M_discrete"} <= set(out)
    assert len(out["t"]) == len(out["beta_ml"]) == len(out["beta_mse"]) == len(out["eta_ml"]) == len(out["eta_mse"]) == 20
    bm, bs = np.array(out["beta_ml"]), np.array(out["beta_mse"])
    em, es = np.array(out["eta_ml"]), np.array(out["eta_mse"])
    assert np.all(np.isfinite(bs)) and np.all(bs >= 0) and np.all(bs <= bm * (1 + 1e-9))
    assert np.all((em >= 0) & (em <= 1)) and np.all((es >= 0) & (es <= em * (1 + 1e-12)))
    assert np.all(np.diff(out["t"]) > 0) and out["M"] > 0


def test_issue9_no_beta_from_an_eta_above_one(capsys):
    # before: default t_max, normal/fpred, 32 steps printed β_MSE = 3.7 (742 % of σ_data) from a step with η ≈ 1850
    assert main(["diffusion-size", "--schedule", "normal", "--parameterization", "fpred", "--steps", "32", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert max(out["eta_ml"] + out["eta_mse"]) <= 1.0
    # β = η/ρ̊_t ≤ 1/ρ̊_t = σ_t for Normal (α = 1): at most EDM2's σ at the step end
    sigma = np.exp(-(MseSchedule("normal").lam(np.array(out["t"]))))
    assert np.all(np.array(out["beta_mse"]) <= sigma * (1 + 1e-12)) and np.all(np.array(out["beta_ml"]) <= sigma * (1 + 1e-12))
    assert max(out["beta_mse"][16:]) < 0.01


def test_eta_is_the_exact_discrete_step():
    d = diffusion_sizes_cli("logis", "vel", 25, 0.01, 0.99)
    sch = MseSchedule("logis")
    grid = np.linspace(0.01, 0.99, 26)
    rr = sch.rho(grid)
    np.testing.assert_allclose(d["eta_ml"], np.sqrt(1 - rr[:-1] ** 2 / rr[1:] ** 2), rtol=1e-12)
    gamma = (rr[1:] / rr[:-1]) ** 2
    s2 = S2("vel", sch, grid[1:])
    M = np.max((gamma - 1) / (2 * s2))  # §5's discrete M on a uniform grid (Δt cancels)
    printed = (gamma - 1) / (np.sqrt(2 * M * s2 * gamma) + np.sqrt(np.maximum(2 * M * s2 + 1 - gamma, 0)))
    np.testing.assert_allclose(d["eta_mse"], printed, rtol=1e-10)
    np.testing.assert_allclose(d["beta_mse"], printed / rr[1:], rtol=1e-10)


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
     "cannot be computed"),
    (["--schedule", "logis", "--parameterization", "vel", "--steps", "5", "--tmax", "0.9999999999999"],
     "too close to 1"),
    (["--schedule", "sech", "--parameterization", "noise", "--steps", "1000", "--t0", "0.5", "--tmax", "0.5000000001"],
     "below float64 resolution"),
    (["--schedule", "logis", "--parameterization", "vel", "--steps", "1000001"], "steps must be an integer"),
])
def test_bad_input_exit_2_one_line(args, needle, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy RuntimeWarning before the reason (issue 12)
        assert main(["diffusion-size", *args]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert needle in err and "\n" not in err and captured.out == ""
