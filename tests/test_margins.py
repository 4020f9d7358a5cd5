"""Margins (issue 16): every decision knows how far its evidence is from changing the verdict, which comparison
decided, and whether the verdict is fragile; a verdict that ±1e-9 relative noise in the evidence can flip must be
marked fragile."""

import json
import math
import random
from pathlib import Path

import pytest

from difftheory import ledger, margin
from difftheory.decide import interval_vs_value, mean_ci, trend
from difftheory.ledger import Decision

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "full" / "claims.json"
TOL = 1e-3
PERTURB = 1e-9  # relative: far below any deterministic number's 1e-6 (margin.ROUNDING)
DRAWS = 6


def _within(ev):
    return Decision("verified" if abs(ev["gap"]) <= TOL else "refuted", "x")


def test_num_propagates_first_order_sensitivity():
    a, b = margin.Num(3.0, 3.0), margin.Num(2.0, 2.0)
    assert (a - b).sens == 5.0 and (a * b).sens == 12.0 and math.isclose((a / b).sens, 1.5 + 3 * 2 / 4)
    assert (a ** 2).sens == 18.0 and abs(-a).sens == 3.0 and (1 + a).sens == 3.0 and (sum([a, b])).sens == 5.0
    assert isinstance(max(a, b), margin.Num) and f"{a:.1f}" == "3.0" and json.dumps({"a": a}) == '{"a": 3.0}'


def test_margin_of_a_threshold_comparison():
    d, m = margin.assess(_within, {"gap": 5e-4}, __name__)
    assert d.verdict == "verified" and math.isclose(m.relative, 1.0) and m.deciding == "|gap| = 0.0005 ≤ TOL 0.001"
    assert not m.fragile
    d, m = margin.assess(_within, {"gap": TOL * (1 - 1e-8)}, __name__)
    assert m.fragile and m.relative < margin.ROUNDING and "Fragile" in margin.fragility_note(m)
    d, m = margin.assess(_within, {"gap": 0.0}, __name__)  # zero cannot be moved by a relative perturbation
    assert m.relative is None and not m.fragile


def test_statistical_fragility_uses_the_interval_half_width():
    def decide(ev):
        return Decision(trend(*ev["ci"], +1), "x")

    _, m = margin.assess(decide, {"ci": [0.5, 1.5]})
    assert not m.fragile and m.uncertainty == pytest.approx(1.0)
    _, m = margin.assess(decide, {"ci": [0.1, 1.9]})  # lower end closer to 0 than the half-width
    assert m.fragile and "half-widths" in m.why
    _, m = margin.assess(decide, {"ci": [-0.1, 1.9]})  # open: not fragile statistically (it already says don't know)
    assert not m.fragile


def test_mean_ci_and_rules_carry_uncertainty_when_tracked():
    xs = margin.track({"x": [1.0, 1.2, 0.9, 1.1]})["x"]
    m, lo, hi = mean_ci(xs)
    assert isinstance(lo, margin.Num) and lo.unc == pytest.approx((hi - lo) / 2)
    assert interval_vs_value(lo, hi, 1.0, 0.5) == "verified"


def test_two_comparisons_that_decide_only_together():
    def decide(ev):
        ok = ev["a"] <= 1.0 or ev["b"] <= 1.0
        return Decision("verified" if ok else "refuted", "x")

    _, m = margin.assess(decide, {"a": 0.5, "b": 0.9})
    assert m.deciding.endswith("(together)") and math.isclose(m.relative, 1.0)  # a must double: the larger distance


def test_sorting_comparisons_are_not_decisive():
    def decide(ev):
        return Decision("verified" if max(ev["gaps"]) <= 1.0 else "refuted", "x")

    _, m = margin.assess(decide, {"gaps": [0.5, 0.5 + 1e-15, 0.2]})
    assert not m.fragile and m.deciding.startswith("gaps[")


def _perturb(x, rng):
    if isinstance(x, dict):
        return {k: _perturb(v, rng) for k, v in x.items()}
    if isinstance(x, list):
        return [_perturb(v, rng) for v in x]
    if isinstance(x, float) and math.isfinite(x):
        return x * (1 + PERTURB * rng.choice((-1.0, 1.0)))
    return x


@pytest.fixture(scope="module")
def reference_rows():
    if not REFERENCE.is_file():
        pytest.skip("no reference ledger")
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def test_only_fragile_verdicts_move_under_rounding_noise(reference_rows):
    """Re-decide every reference claim with its evidence perturbed by ±1e-9 relative (several draws): a verdict may
    change only where the margin analysis calls it fragile."""
    reg = ledger.discover()
    moved = []
    for r in reference_rows:
        c = reg.get(r["id"])
        if c is None:
            continue
        d0, m0 = ledger.assess(c, r["evidence"])
        for seed in range(DRAWS):
            d = ledger.decide(c, _perturb(r["evidence"], random.Random(seed)))
            if d.verdict != d0.verdict and not m0.fragile:
                moved.append((r["id"], d0.verdict, d.verdict, seed))
                break
    assert not moved, f"verdicts moved by ±{PERTURB:g} relative noise without being marked fragile: {moved}"


def test_reference_rows_carry_their_margin(reference_rows):
    reg = ledger.discover()
    for r in reference_rows:
        assert {"margin", "deciding", "fragile", "reading"} <= set(r), r["id"]
        _, m = ledger.assess(reg[r["id"]], r["evidence"])
        assert r["fragile"] == m.fragile and r["deciding"] == m.deciding, r["id"]
