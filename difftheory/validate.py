"""Argument checks shared by the public API and the CLI.

Every failure raises ``ValueError`` whose message names the argument, the value given and the valid
range, e.g. ``D must be an integer >= 1, got 0``. The CLI turns these into one line on stderr, exit 2.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable


SHOWN_MAX = 120  # a value longer than this is shown in an error line by its head (SHOWN_HEAD) and its length
SHOWN_HEAD = 60


def shown(value) -> str:
    """``repr(value)`` for an error line, a long one cut to its head and its length (a 5000-character value
    must not fill the terminal): ``'aaaa…' (5000 characters)``; an integer too long to print by its digit count."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and abs(int(value)) >= 10**SHOWN_MAX:
        return f"an integer of about {int(int(value).bit_length() * math.log10(2)) + 1} digits"
    text = repr(value)
    if len(text) <= SHOWN_MAX:
        return text
    n = len(str(value)) if isinstance(value, str) else len(text)
    return f"{text[:SHOWN_HEAD]}…{text[0] if isinstance(value, str) else ''} ({n} characters)"


def _bound(x) -> str:
    """An interval end as written: integers exactly (2147483647, not 2.14748e+09), floats by %g."""
    if isinstance(x, numbers.Integral) and not isinstance(x, bool):
        return str(int(x))
    return f"{x:g}"


def _interval(lo, hi, lo_open, hi_open) -> str:
    left = "(" if lo_open or lo is None else "["
    right = ")" if hi_open or hi is None else "]"
    lo_s = "-inf" if lo is None else _bound(lo)
    hi_s = "inf" if hi is None else _bound(hi)
    return f"{left}{lo_s}, {hi_s}{right}"


def check_int(name: str, value, lo: int | None = None, hi: int | None = None) -> int:
    """``value`` as an int in [lo, hi]; bools, floats with a fraction and strings are rejected."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ValueError(f"{name} must be an integer in {_interval(lo, hi, False, False)}, got {shown(value)}")
    value = int(value)
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValueError(f"{name} must be an integer in {_interval(lo, hi, False, False)}, got {shown(value)}")
    return value


def check_float(
    name: str,
    value,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
) -> float:
    """``value`` as a finite float in the interval; NaN and ±inf are always rejected."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a real number in {_interval(lo, hi, lo_open, hi_open)}, got {shown(value)}")
    v = float(value)
    ok = math.isfinite(v)
    if ok and lo is not None:
        ok = v > lo if lo_open else v >= lo
    if ok and hi is not None:
        ok = v < hi if hi_open else v <= hi
    if not ok:
        raise ValueError(f"{name} must be a finite number in {_interval(lo, hi, lo_open, hi_open)}, got {shown(value)}")
    return v


def check_choice(name: str, value, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {shown(value)}")
    return value


class _FlagType:
    """An argparse ``type=`` that parses a flag's text and, when it cannot, says what the flag takes: argparse
    prints ``argument --steps: must be an integer in [1, 1000000], got 'abc'`` (not "invalid int value"). The
    range is checked where the value is used (``check_int``/``check_float``, the same bounds); ``valid`` also
    completes argparse's "expected one argument"."""

    def __init__(self, parse, valid: str):
        self.parse, self.valid = parse, valid
        self.__name__ = valid  # argparse names a type by it in some messages

    def __call__(self, text: str):
        import argparse

        try:
            return self.parse(text)
        except (TypeError, ValueError, OverflowError):
            raise argparse.ArgumentTypeError(f"must be {self.valid}, got {shown(text)}") from None


def int_flag(lo: int | None = None, hi: int | None = None, note: str = "") -> _FlagType:
    """argparse ``type=`` for an integer flag whose valid range is [lo, hi] (``note`` adds a condition)."""
    return _FlagType(int, f"an integer in {_interval(lo, hi, False, False)}{note}")


def float_flag(lo: float | None = None, hi: float | None = None, *, lo_open: bool = False, hi_open: bool = False,
               note: str = "") -> _FlagType:
    """argparse ``type=`` for a real-number flag whose valid range is the interval (finite; ``note`` adds a
    condition)."""
    return _FlagType(float, f"a finite number in {_interval(lo, hi, lo_open, hi_open)}{note}")
