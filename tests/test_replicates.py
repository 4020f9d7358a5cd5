"""The planning number of an `open` verdict: replicates at which the shared t-interval would clear its threshold."""

import math

import numpy as np
import pytest
from scipy import stats

from difftheory.decide import mean_ci
from difftheory.decide import replicates_to_resolve


def test_the_returned_count_clears_the_threshold_and_one_less_does_not():
    x = np.random.default_rng(0).normal(0.3, 1.0, 8)
    m, lo, hi = mean_ci(x)
    sd = float(np.std(x, ddof=1))
    for thr in (0.0, 0.1):
        k = replicates_to_resolve(m, lo, hi, 8, thr)
        half = lambda n: stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)  # noqa: E731
        assert half(k) < abs(m) - thr <= half(k - 1)


def test_more_spread_or_a_higher_threshold_needs_more_replicates():
    assert replicates_to_resolve(1.0, 0.0, 2.0, 5) < replicates_to_resolve(1.0, -1.0, 3.0, 5)
    assert replicates_to_resolve(1.0, 0.0, 2.0, 5, 0.5) > replicates_to_resolve(1.0, 0.0, 2.0, 5)
    assert replicates_to_resolve(-1.0, -2.0, 0.0, 5) == replicates_to_resolve(1.0, 0.0, 2.0, 5)  # sign-free


@pytest.mark.parametrize("args", [(1.0, None, None, 5), (1.0, 0.0, 2.0, 1), (1.0, -math.inf, math.inf, 5),
                                  (0.5, 0.0, 1.0, 5, 0.5), (1e-9, -1.0, 1.0, 5)])
def test_undecidable_cases_give_none(args):
    assert replicates_to_resolve(*args) is None
