"""``difftheory diffusion-size`` over its whole input space (issue 12), called in-process (``cli.main`` + capsys).

Every numeric argument (``--steps``, ``--t0``, ``--tmax``) is drawn across its accepted range and beyond (negative,
zero, one, NaN, ±inf, subnormal, next to 0 and 1), with all 24 schedule × parameterization pairs. Each call must
either exit 0 with a finite, self-consistent answer — η ∈ [0, 1], β ≥ 0 finite, lists of equal length N,
β_MSE ≤ β_ML (§5: η̌ is the smaller root, ≤ η̊), the MSE-diffusion touching ML at its argmax step, β/η = 1/ρ̊_t the
same for both — or exit 2 with exactly one line on stderr and nothing on stdout; no warning of any kind escapes.

The default run draws ~150 inputs; the ``slow`` variant draws 1000. Above ``JSON_STEPS`` steps the text output is
checked instead of the JSON (10⁶-step JSON costs seconds to print and parse)."""

from __future__ import annotations

import json
import math
import warnings

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from difftheory.cli import main
from difftheory.theory.mse_diffusion_size import MAX_STEPS
from difftheory.theory.mse_parameterizations import PARAMETERIZATIONS
from difftheory.theory.mse_schedules_symbolic import SCHEDULES

PAIRS = [(s, p) for s in SCHEDULES for p in PARAMETERIZATIONS]
JSON_STEPS = 20_000
ORDER_TOL = 1e-12  # η̌ ≤ η̊ and the β/η consistency hold to float64 round-off

steps_st = st.one_of(st.integers(-3, 3000), st.integers(3000, MAX_STEPS + 3),
                     st.sampled_from([0, 1, 2, 3, MAX_STEPS, MAX_STEPS + 1, 10**9]))
near_edges = st.one_of(st.floats(5e-324, 1e-6), st.floats(1 - 1e-6, 1.0), st.floats(1e-12, 1e-2), st.floats(0.99, 1.0))
time_st = st.one_of(st.none(), st.floats(0.0, 1.0), near_edges, st.floats(-2.0, 3.0),
                    st.sampled_from([0.0, 1.0, -0.0, 5e-324, 1 - 2**-53, float("nan"), float("inf"), -float("inf")]))


@st.composite
def _inside(draw):
    """An interval inside (0, 1), ends anywhere from next to 0 to next to 1 (most of them accepted)."""
    a = draw(st.one_of(st.floats(1e-12, 0.999), st.floats(5e-324, 1e-6), st.sampled_from([1e-3, 0.5, 0.9])))
    b = draw(st.one_of(st.floats(a, 1.0, exclude_min=True, exclude_max=True), st.floats(1 - 1e-6, 1.0, exclude_max=True)))
    return draw(st.sampled_from([(a, b), (None, b), (a, None), (None, None)]))


inputs_st = st.one_of(
    st.tuples(st.sampled_from(PAIRS), steps_st, time_st, time_st),  # anything, mostly refused
    st.builds(lambda pair, n, iv: (pair, n, *iv), st.sampled_from(PAIRS), st.integers(1, 3000), _inside()),  # mostly valid
)


def _argv(pair, steps, t0, tmax, as_json):
    argv = ["diffusion-size", "--schedule", pair[0], "--parameterization", pair[1], f"--steps={steps}"]
    if t0 is not None:
        argv.append(f"--t0={t0!r}")
    if tmax is not None:
        argv.append(f"--tmax={tmax!r}")
    return argv + (["--json"] if as_json else [])


def _check_json(out: dict, steps: int):
    keys = ("t", "eta_ml", "eta_mse", "beta_ml", "beta_mse")
    assert all(len(out[k]) == steps for k in keys), {k: len(out[k]) for k in keys}
    for k in keys:
        assert all(isinstance(x, float) and math.isfinite(x) for x in out[k]), k
    assert all(0.0 <= e <= 1.0 for e in out["eta_ml"] + out["eta_mse"])
    assert all(b >= 0.0 for b in out["beta_ml"] + out["beta_mse"])
    t = out["t"]
    assert all(b > a for a, b in zip(t, t[1:])) and out["t0"] < t[0] and t[-1] == out["tmax"]
    assert 0 < out["t0"] < out["tmax"] < 1
    for m in ("M", "M_discrete"):
        assert math.isfinite(out[m]) and out[m] > 0
    ratio = 0.0
    for em, es, bm, bs in zip(out["eta_ml"], out["eta_mse"], out["beta_ml"], out["beta_mse"]):
        assert es <= em * (1 + ORDER_TOL) and bs <= bm * (1 + ORDER_TOL) + 1e-300  # β_MSE ≤ β_ML (§5)
        if em > 0:
            ratio = max(ratio, es / em)
        if es > 1e-290 and em > 1e-290 and bm > 1e-290:
            assert abs((bs / es) / (bm / em) - 1) <= 1e-9  # both are 1/ρ̊_t
    assert ratio == pytest.approx(1.0, rel=1e-9)  # the MSE-diffusion touches ML at the argmax step of M_discrete


def _check_text(text: str):
    lines = text.strip().splitlines()
    assert lines[0].startswith("schedule=") and "later-half max beta" in lines[1]
    rows = [ln.split() for ln in lines[3:]]
    assert rows
    for r in rows:
        t, eta_ml, beta_ml, eta_mse, beta_mse = map(float, r)
        assert all(math.isfinite(v) for v in (t, eta_ml, beta_ml, eta_mse, beta_mse))
        assert 0 <= eta_mse <= eta_ml * (1 + 1e-3) <= 1 + 1e-3 and 0 <= beta_mse and 0 <= beta_ml


def _run(capsys, pair, steps, t0, tmax):
    as_json = isinstance(steps, int) and 1 <= steps <= JSON_STEPS
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning (NumPy RuntimeWarning included) fails the test
        rc = main(_argv(pair, steps, t0, tmax, as_json))
    out, err = capsys.readouterr()
    if rc == 2:
        assert out == "" and err.endswith("\n") and err.count("\n") == 1 and err.strip(), (out, err)
        assert err.startswith("difftheory diffusion-size: error: ")
        return "refused"
    assert rc == 0 and err == "", (rc, err)
    if as_json:
        _check_json(json.loads(out), steps)
    else:
        _check_text(out)
    return "answered"


PROPERTY = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@given(inputs_st)
@settings(max_examples=150, **PROPERTY)
def test_any_input_gives_a_consistent_answer_or_one_line(capsys, inputs):
    event(_run(capsys, *inputs))


@pytest.mark.slow
@given(inputs_st)
@settings(max_examples=1000, **PROPERTY)
def test_any_input_gives_a_consistent_answer_or_one_line_slow(capsys, inputs):
    event(_run(capsys, *inputs))


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{s}-{p}" for s, p in PAIRS])
def test_every_pair_answers_on_its_default_interval_and_near_the_edges(capsys, pair):
    for steps, t0, tmax in ((32, None, None), (1, None, None), (500, 1e-6, 1 - 1e-6), (7, 0.4, 0.4 + 1e-4)):
        assert _run(capsys, pair, steps, t0, tmax) == "answered", (pair, steps, t0, tmax)


@pytest.mark.parametrize("args", [
    ("logis", "data", 5, 1e-300, None),  # S² = ρ̊⁻² overflows float64
    ("logis", "vel", 5, None, 1 - 1e-13),  # λ̊ at t_max carries a rounding error > 1e-6
    ("sech", "noise", 1000, 0.5, 0.5 + 1e-10),  # steps below float64 resolution of λ̊
    ("normal", "fpred", MAX_STEPS + 1, None, None),
    ("sechinter", "sigmoid", 4, 0.6, 0.6),
])
def test_unaccurate_or_invalid_ranges_are_refused_in_one_line(capsys, args):
    pair, rest = args[:2], args[2:]
    assert _run(capsys, pair, *rest) == "refused"


def test_a_million_steps_is_answered(capsys):
    assert _run(capsys, ("logis", "vel"), MAX_STEPS, None, None) == "answered"
