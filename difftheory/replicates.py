"""How many replicates an `open` verdict needs: from a measured effect and its interval, the number of seeds at which
the interval of the shared rules (``difftheory.decide``: Student-t, level ``LEVEL``) would be narrow enough to decide,
if the effect and the per-seed spread stay as measured. A planning number for the detail of an `open` verdict, not a
guarantee (the measured effect is itself uncertain)."""

from __future__ import annotations

import math

from difftheory.decide import LEVEL

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
