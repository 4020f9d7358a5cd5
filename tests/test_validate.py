import math

import pytest
from hypothesis import given, strategies as st

from difftheory.validate import check_choice, check_float, check_int


@given(st.integers(-10**6, 10**6))
def test_check_int_accepts_in_range_and_names_argument(v):
    if v >= 1:
        assert check_int("D", v, 1) == v
    else:
        with pytest.raises(ValueError, match=r"D must be an integer in \[1, inf\), got"):
            check_int("D", v, 1)


@pytest.mark.parametrize("bad", [2.5, "3", True, None])
def test_check_int_rejects_non_integers(bad):
    with pytest.raises(ValueError, match="d must be an integer"):
        check_int("d", bad, 1)


@pytest.mark.parametrize("bad", [0.0, 1.0, math.nan, math.inf, -0.3])
def test_check_float_open_interval(bad):
    with pytest.raises(ValueError, match=r"clamp must be a finite number in \(0, 1\), got"):
        check_float("clamp", bad, 0, 1, lo_open=True, hi_open=True)


def test_check_choice():
    assert check_choice("loss", "v", ("u", "v")) == "v"
    with pytest.raises(ValueError, match="loss must be one of u, v; got 'w'"):
        check_choice("loss", "w", ("u", "v"))
