"""Shared decision rules: the recurring shapes by which evidence becomes a verdict, written once so that
every claim of a shape is decided alike. Each rule is a pure function of numbers and returns a verdict
string; a claim's own decision function (``decide_*`` beside the claim) picks the rule, passes its named
thresholds and renders ``detail`` from the evidence.

The shapes:

- ``printed_vs_derived``: a derivation against the printed statement, with every plausible reading of
  damaged text; ``error`` when our own numeric twin disagrees with our own derivation.
- ``interval_vs_value``: an estimate with its confidence interval against a predicted value ± tolerance.
- ``trend``: the sign of a slope (with its CI) against the claimed direction, guarded by training drift.
- ``equivalence``: two things claimed equal, within a stated margin (two one-sided intervals).
- ``non_inferiority``: A claimed no worse than B by more than a margin.
- ``settled``: converged-or-open — a training-based verdict stands only when the drift over the last
  20 % of training is smaller than the effect being judged.
- ``combine``: several sub-verdicts into one (error > refuted > open > corrected > verified).

Statistics helpers (``mean_ci``, ``paired_ci``, ``welch_ci``, ``slope_ci``) give the intervals the rules read.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

LEVEL = 0.95  # confidence level of every interval the rules read (two-sided)
DRIFT_SHARE = 0.2  # the convergence test looks at the last 20 % of training


# ------------------------------------------------------------------------------------------ the rules
def printed_vs_derived(readings: Mapping[str, bool], correction_holds: bool | None = None,
                       twins_agree: bool = True) -> str:
    """``readings``: for each plausible reading of the printed statement (the literal text, and readings that
    restore lost accents/rings or garbled indices), whether it equals what the derivation gives.

    error when our numeric twin disagrees with our derivation (``twins_agree`` False: our bug);
    verified when any plausible reading holds; corrected when none holds and the stated correction does;
    refuted when none holds and no correction holds (the failing reading is the counterexample)."""
    if not readings:
        raise ValueError("readings must name at least the literal reading of the printed statement")
    if not twins_agree:
        return "error"
    if any(bool(v) for v in readings.values()):
        return "verified"
    return "corrected" if correction_holds else "refuted"


def interval_vs_value(lo: float | None, hi: float | None, value: float, tol: float) -> str:
    """Estimate with interval [lo, hi] against ``value`` ± ``tol`` (the claim's stated precision).

    verified when the whole interval lies inside the band; refuted when it lies wholly outside (the band is
    excluded at the interval's level); open when it straddles a band edge or is not finite (cannot decide at
    this precision: more seeds or samples would)."""
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return "open"
    if lo > hi:
        raise ValueError(f"interval must have lo <= hi, got [{lo}, {hi}]")
    if value - tol <= lo and hi <= value + tol:
        return "verified"
    if hi < value - tol or lo > value + tol:
        return "refuted"
    return "open"


def trend(lo: float | None, hi: float | None, sign: int = +1, drift: float = 0.0) -> str:
    """Slope (or difference) with interval [lo, hi] against the claimed direction ``sign`` (+1 rises, −1 falls).

    verified when the interval excludes 0 on the claimed side and its near end exceeds the training drift;
    refuted when it excludes 0 on the opposite side by more than the drift (a move smaller than the drift
    never refutes); open otherwise (no significant trend either way)."""
    if sign not in (-1, 1):
        raise ValueError(f"sign must be +1 or -1, got {sign!r}")
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return "open"
    a, b = sorted((sign * lo, sign * hi))
    drift = abs(drift)
    if a > 0 and a > drift:
        return "verified"
    if b < 0 and -b > drift:
        return "refuted"
    return "open"


def equivalence(lo: float | None, hi: float | None, margin: float) -> str:
    """Difference with interval [lo, hi] claimed to be zero up to ``margin`` (two one-sided tests).

    verified when the interval lies within (−margin, margin); refuted when it lies wholly beyond ±margin
    (a difference larger than the margin is established); open otherwise."""
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return "open"
    if -margin < lo and hi < margin:
        return "verified"
    if lo >= margin or hi <= -margin:
        return "refuted"
    return "open"


def non_inferiority(lo: float | None, hi: float | None, margin: float) -> str:
    """Difference A − B (lower is better) with interval [lo, hi]; claim: A is no worse than B by ``margin``.

    verified when hi < margin; refuted when lo > margin (A is worse by more than the margin); open otherwise."""
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return "open"
    if hi < margin:
        return "verified"
    if lo > margin:
        return "refuted"
    return "open"


def settled(drift: float | None, effect: float) -> bool:
    """Converged enough to judge an effect of size ``effect``: the change over the last ``DRIFT_SHARE`` of
    training is smaller in magnitude than the effect."""
    return drift is not None and math.isfinite(drift) and abs(drift) < abs(effect)


_RANK = {"error": 4, "refuted": 3, "open": 2, "corrected": 1, "verified": 0}


def combine(verdicts: Iterable[str]) -> str:
    """One verdict from several sub-verdicts: error > refuted > open > corrected > verified (a claim that holds
    in some cases and fails in one is refuted by that one; an undecided case keeps it open)."""
    vs = list(verdicts)
    if not vs:
        raise ValueError("combine needs at least one verdict")
    bad = [v for v in vs if v not in _RANK]
    if bad:
        raise ValueError(f"unknown verdict(s) {bad}")
    return max(vs, key=_RANK.__getitem__)


def within(gap: float | None, tol: float) -> bool:
    """A finite gap no larger than ``tol`` (``None``/NaN never is)."""
    return gap is not None and math.isfinite(gap) and abs(gap) <= tol


# ------------------------------------------------------------------------------------------ statistics
def mean_ci(x: Sequence[float], level: float = LEVEL) -> tuple[float, float, float]:
    """(mean, lo, hi): Student-t interval of the mean over independent replicates (seeds). One value gives an
    infinite interval (nothing can be decided from one seed)."""
    from scipy import stats

    x = [float(v) for v in x]
    n = len(x)
    if n == 0:
        raise ValueError("mean_ci needs at least one value")
    m = sum(x) / n
    if n == 1:
        return m, -math.inf, math.inf
    sd = math.sqrt(sum((v - m) ** 2 for v in x) / (n - 1))
    h = float(stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n)
    return m, m - h, m + h


def paired_ci(a: Sequence[float], b: Sequence[float], level: float = LEVEL) -> tuple[float, float, float]:
    """(mean, lo, hi) of the paired differences a − b (same seeds)."""
    if len(a) != len(b):
        raise ValueError(f"paired_ci needs equal lengths, got {len(a)} and {len(b)}")
    return mean_ci([float(u) - float(v) for u, v in zip(a, b)], level)


def welch_ci(a: Sequence[float], b: Sequence[float], level: float = LEVEL) -> tuple[float, float, float]:
    """(mean(a) − mean(b), lo, hi): Welch's t-interval for independent samples (different models or runs).
    Fewer than two values on either side give an infinite interval; no spread gives a point interval."""
    from scipy import stats

    a, b = [float(v) for v in a], [float(v) for v in b]
    if not a or not b:
        raise ValueError("welch_ci needs at least one value on each side")
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    d = ma - mb
    if len(a) < 2 or len(b) < 2:
        return d, -math.inf, math.inf
    va = sum((v - ma) ** 2 for v in a) / (len(a) - 1) / len(a)
    vb = sum((v - mb) ** 2 for v in b) / (len(b) - 1) / len(b)
    se = math.sqrt(va + vb)
    if se == 0:
        return d, d, d
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    h = float(stats.t.ppf(0.5 + level / 2, df)) * se
    return d, d - h, d + h


def slope_ci(x: Sequence[float], y: Sequence[float], level: float = LEVEL) -> tuple[float, float, float]:
    """(slope, lo, hi): least-squares slope of y on x with its Student-t interval (n − 2 degrees of freedom).
    Fewer than three points give an infinite interval."""
    from scipy import stats

    if len(x) != len(y):
        raise ValueError(f"slope_ci needs equal lengths, got {len(x)} and {len(y)}")
    if len(x) < 3:
        if len(x) == 2 and x[1] != x[0]:
            return (float(y[1]) - float(y[0])) / (float(x[1]) - float(x[0])), -math.inf, math.inf
        return math.nan, -math.inf, math.inf
    r = stats.linregress([float(v) for v in x], [float(v) for v in y])
    h = float(stats.t.ppf(0.5 + level / 2, len(x) - 2)) * float(r.stderr)
    return float(r.slope), float(r.slope) - h, float(r.slope) + h


def drift(trajectory: Sequence[float], share: float = DRIFT_SHARE) -> float:
    """Signed change of a logged quantity over the last ``share`` of its trajectory (end − value at 1 − share)."""
    n = len(trajectory)
    if n < 2:
        return math.nan
    i = min(n - 2, int(math.floor((1 - share) * (n - 1))))
    return float(trajectory[-1]) - float(trajectory[i])
