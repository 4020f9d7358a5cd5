"""Shared decision rules: the recurring shapes by which evidence becomes a verdict, written once so that
every claim of a shape is decided alike. Each rule is a pure function of numbers and returns a verdict
string; a claim's own decision function (``decide_*`` beside the claim) picks the rule, passes its named
thresholds and renders ``detail`` from the evidence.

The shapes:

- ``printed_vs_derived``: a derivation against the printed statement, with every plausible :class:`Reading` of
  damaged text (a restoration counts only with evidence that the extraction loses that glyph); returns the verdict
  and the reading that held; ``error`` when our own numeric twin disagrees with our own derivation.
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
from dataclasses import dataclass

from difftheory.margin import Num, with_uncertainty

LEVEL = 0.95  # confidence level of every interval the rules read (two-sided)
DRIFT_SHARE = 0.2  # the convergence test looks at the last 20 % of training


# ------------------------------------------------------------------------------------------ the rules
@dataclass(frozen=True)
class Reading:
    """One way to read a printed formula: as printed (``restored`` empty; ``note`` may say how an undefined symbol is
    taken), or with something restored that the text extraction lost. A restoration is a *reading* only with
    ``evidence`` that the extraction loses that glyph elsewhere (places in the paper's text, see
    ``difftheory.extraction``); without it, it is a correction of the paper."""

    restored: str = ""
    evidence: tuple[str, ...] = ()
    note: str = ""

    @property
    def label(self) -> str:
        return "as printed" if not self.restored else f"restored: {self.restored}"

    @property
    def supported(self) -> bool:
        return not self.restored or bool(self.evidence)


AS_PRINTED = Reading()


def printed_vs_derived(readings: Mapping[Reading, bool], correction_holds: bool | None = None,
                       twins_agree: bool = True) -> tuple[str, str | None]:
    """``(verdict, reading)`` for a derivation against a printed statement. ``readings``: for each plausible
    :class:`Reading` of the printed text (as printed; restorations of glyphs the extraction loses), whether it equals
    what the derivation gives.

    error when our numeric twin disagrees with our derivation (``twins_agree`` False: our bug); verified "as printed"
    when an as-printed reading holds; verified "restored: …" when a restoration with evidence of that loss holds;
    corrected when only a restoration without such evidence holds (that restoration is the correction) or when no
    reading holds and the stated correction does; refuted otherwise (the failing reading is the counterexample).
    The reading of a corrected or refuted verdict is "as printed" (what was evaluated and failed)."""
    if not readings:
        raise ValueError("readings must name at least the as-printed reading of the statement")
    bad = [r for r in readings if not isinstance(r, Reading)]
    if bad:
        raise TypeError(f"readings must be keyed by decide.Reading, got {bad!r}")
    if not twins_agree:
        return "error", None
    held = [r for r, v in readings.items() if bool(v)]
    printed = [r for r in held if not r.restored]
    if printed:
        return "verified", AS_PRINTED.label
    supported = [r for r in held if r.supported]
    if supported:
        return "verified", supported[0].label
    if held or correction_holds:
        return "corrected", AS_PRINTED.label
    return "refuted", AS_PRINTED.label


def interval_vs_value(lo: float | None, hi: float | None, value: float, tol: float) -> str:
    """Estimate with interval [lo, hi] against ``value`` ± ``tol`` (the claim's stated precision).

    verified when the whole interval lies inside the band; refuted when it lies wholly outside (the band is
    excluded at the interval's level); open when it straddles a band edge or is not finite (cannot decide at
    this precision: more seeds or samples would)."""
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return "open"
    lo, hi = _interval(lo, hi)
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
    lo, hi = _interval(lo, hi)
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
    lo, hi = _interval(lo, hi)
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
    lo, hi = _interval(lo, hi)
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


def same_printed(a, b, unit: float = 1.0) -> bool:
    """Two printed numbers (counts, table cells) are the same: they differ by less than half their printed unit
    (``unit`` = 1 for counts, 0.01 for a two-decimal FID). Printed values sit on that grid, so this is exact equality
    for them, and it leaves half a unit of room: no rounding of a transcribed or recomputed count can flip it."""
    return a is not None and b is not None and abs(a - b) < unit / 2


# ------------------------------------------------------------------------------------------ statistics
def _value(v):
    """A number as a float, keeping a tracked number (``difftheory.margin.Num``) tracked."""
    return v if isinstance(v, Num) else float(v)


def _interval(lo, hi):
    """Both ends of an interval carrying its half-width as their uncertainty (see ``difftheory.margin``)."""
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return lo, hi
    if not (isinstance(lo, Num) or isinstance(hi, Num)):  # untracked (an evidence function's own numbers)
        return lo, hi
    h = abs(float(hi) - float(lo)) / 2
    return with_uncertainty(lo, h), with_uncertainty(hi, h)


def mean_ci(x: Sequence[float], level: float = LEVEL) -> tuple[float, float, float]:
    """(mean, lo, hi): Student-t interval of the mean over independent replicates (seeds). One value gives an
    infinite interval (nothing can be decided from one seed)."""
    from scipy import stats

    x = [_value(v) for v in x]
    n = len(x)
    if n == 0:
        raise ValueError("mean_ci needs at least one value")
    m = sum(x) / n
    if n == 1:
        return m, -math.inf, math.inf
    sd = (sum((v - m) ** 2 for v in x) / (n - 1)) ** 0.5
    h = float(stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n)
    return (m, *_interval(m - h, m + h))


def paired_ci(a: Sequence[float], b: Sequence[float], level: float = LEVEL) -> tuple[float, float, float]:
    """(mean, lo, hi) of the paired differences a − b (same seeds)."""
    if len(a) != len(b):
        raise ValueError(f"paired_ci needs equal lengths, got {len(a)} and {len(b)}")
    return mean_ci([float(u) - float(v) for u, v in zip(a, b)], level)


def welch_ci(a: Sequence[float], b: Sequence[float], level: float = LEVEL) -> tuple[float, float, float]:
    """(mean(a) − mean(b), lo, hi): Welch's t-interval for independent samples (different models or runs).
    Fewer than two values on either side give an infinite interval; no spread gives a point interval."""
    from scipy import stats

    a, b = [_value(v) for v in a], [_value(v) for v in b]
    if not a or not b:
        raise ValueError("welch_ci needs at least one value on each side")
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    d = ma - mb
    if len(a) < 2 or len(b) < 2:
        return d, -math.inf, math.inf
    va = sum((v - ma) ** 2 for v in a) / (len(a) - 1) / len(a)
    vb = sum((v - mb) ** 2 for v in b) / (len(b) - 1) / len(b)
    se = (va + vb) ** 0.5
    if se == 0:
        return d, d, d
    df = float((va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1)))
    h = float(stats.t.ppf(0.5 + level / 2, df)) * se
    return (d, *_interval(d - h, d + h))


def slope_ci(x: Sequence[float], y: Sequence[float], level: float = LEVEL) -> tuple[float, float, float]:
    """(slope, lo, hi): least-squares slope of y on x with its Student-t interval (n − 2 degrees of freedom).
    Fewer than three points give an infinite interval."""
    from scipy import stats

    if len(x) != len(y):
        raise ValueError(f"slope_ci needs equal lengths, got {len(x)} and {len(y)}")
    x, y = [_value(v) for v in x], [_value(v) for v in y]
    n = len(x)
    if n < 3:
        if n == 2 and x[1] != x[0]:
            return (y[1] - y[0]) / (x[1] - x[0]), -math.inf, math.inf
        return math.nan, -math.inf, math.inf
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((u - mx) ** 2 for u in x)
    if sxx == 0:
        return math.nan, -math.inf, math.inf
    slope = sum((u - mx) * (v - my) for u, v in zip(x, y)) / sxx
    resid = sum((v - my - slope * (u - mx)) ** 2 for u, v in zip(x, y))
    se = (resid / (n - 2) / sxx) ** 0.5
    h = float(stats.t.ppf(0.5 + level / 2, n - 2)) * se
    return (slope, *_interval(slope - h, slope + h))


def drift(trajectory: Sequence[float], share: float = DRIFT_SHARE) -> float:
    """Signed change of a logged quantity over the last ``share`` of its trajectory (end − value at 1 − share)."""
    n = len(trajectory)
    if n < 2:
        return math.nan
    i = min(n - 2, int(math.floor((1 - share) * (n - 1))))
    return float(trajectory[-1]) - float(trajectory[i])


# ------------------------------------------------------------------------------------------ what would decide
# How many replicates an `open` verdict needs: from a measured effect and its interval, the number of seeds at which
# the interval of the rules above would be narrow enough to decide, if the effect and the per-seed spread stay as
# measured. A planning number for the detail of an `open` verdict, not a guarantee.
MAX_REPLICATES = 10**7  # beyond this the effect is, for practical purposes, not resolvable by replication


def replicates_to_resolve(mean: float, lo: float | None, hi: float | None, n: int, threshold: float = 0.0,
                          level: float = LEVEL) -> int | None:
    """Smallest n' whose t-interval half-width, t(n'−1)·sd/√n' with the per-seed sd implied by [lo, hi] over ``n``
    replicates, is below | |mean| − threshold |: the interval then clears ``threshold`` (0 for a trend test, the
    training drift for a drift-guarded one, the margin for an equivalence). None when it cannot be estimated (fewer
    than 2 replicates, an infinite interval, an effect exactly at the threshold) or exceeds ``MAX_REPLICATES``."""
    from scipy import stats

    if n < 2 or lo is None or hi is None or not all(math.isfinite(x) for x in (mean, lo, hi, threshold)):
        return None
    gap = abs(abs(mean) - abs(threshold))
    half = (hi - lo) / 2
    if gap == 0 or half < 0:
        return None
    q = 0.5 + level / 2
    sd = half * math.sqrt(n) / float(stats.t.ppf(q, n - 1))
    if sd == 0:
        return n
    m = max(2, math.ceil((float(stats.norm.ppf(q)) * sd / gap) ** 2))
    if m > MAX_REPLICATES:
        return None
    while float(stats.t.ppf(q, m - 1)) * sd / math.sqrt(m) >= gap:
        m += 1
    return m
