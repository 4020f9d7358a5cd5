"""How far a verdict is from changing: the margin of a decision, measured by watching it decide.

A decision function reads numbers from the evidence and compares them with thresholds and with each other. To
know how far the evidence is from changing the verdict we re-run the decision on *tracked* evidence: every float
becomes a :class:`Num`, a ``float`` that also carries

- ``sens``: its first-order change under a relative perturbation of every evidence number by one unit
  (an evidence number x has sens |x|; a + b has sens_a + sens_b; a·b has |b| sens_a + |a| sens_b; …), and
- ``unc``: its statistical uncertainty in absolute terms (an interval's half-width; 0 for deterministic numbers),
  attached where the evidence states an interval (``ci``/``*_ci`` pairs, ``lo``/``hi`` pairs, ``x`` beside
  ``x_noise``) and by the statistics helpers of ``difftheory.decide``.

Every comparison between numbers is recorded with its slack |a − b|, giving two distances:

- ``relative``: |a − b| / (sens_a + sens_b), the relative perturbation of the evidence that flips it (first order);
- ``uncertainty``: |a − b| / (unc_a + unc_b), the slack in units of the evidence's own uncertainty.

Not every comparison matters (sorting, the larger of two gaps, a branch both sides of which give the same verdict).
A comparison is **decisive** when flipping its outcome alone — the decision re-run with that one comparison
negated — changes the verdict. The margin is the smallest ``relative`` distance over decisive comparisons, and the
comparison that attains it is the ``deciding`` one. A verdict is **fragile** when a decisive comparison is closer
than the evidence's uncertainty: relative distance below ``ROUNDING`` (a deterministic number is trusted to 1e-6
relative: another BLAS, libm or quadrature moves it that much), or, for a definite verdict (not ``open``, which
already says the evidence cannot decide), an interval edge closer to its threshold than the interval's half-width.

Limits: numbers that leave the float type (``float(x)``, ``math.log``, NumPy) are no longer tracked; a comparison
of untracked numbers is invisible here. ``tests/test_margins.py`` therefore re-decides every reference claim with
its evidence perturbed by ±1e-9 relative: a verdict may change only where this module calls it fragile.
"""

from __future__ import annotations

import contextvars
import math
import sys
from dataclasses import dataclass, field
from typing import Any, Callable

ROUNDING = 1e-6  # relative: how far a deterministic number may move on another machine (BLAS, libm, quadrature)
MAX_FLIPS = 400  # counterfactual re-runs per decision (comparisons tested, smallest distance first)
PAIR_POOL = 24  # when no single comparison decides: pairs among the 24 closest comparisons are negated together
SHOWN = 5  # decisive comparisons listed in the row, smallest distance first

_RECORDER: contextvars.ContextVar = contextvars.ContextVar("difftheory_margin_recorder", default=None)


# ------------------------------------------------------------------------------------------- tracked numbers
def _s(x) -> float:
    return x.sens if isinstance(x, Num) else 0.0


def _u(x) -> float:
    return x.unc if isinstance(x, Num) else 0.0


def _e(x):
    return x.expr if isinstance(x, Num) else None


def _plain(x) -> bool:
    return isinstance(x, (int, float))


def _fin(v: float) -> float:
    return v if math.isfinite(v) else math.inf


class Num(float):
    """A float with its sensitivity ``sens`` to a relative perturbation of the evidence, its uncertainty ``unc``
    and where it came from (``expr``: an evidence path, or an operation on such paths)."""

    __slots__ = ("sens", "unc", "expr")

    def __new__(cls, value: float, sens: float = 0.0, unc: float = 0.0, expr: Any = None):
        o = float.__new__(cls, value)
        o.sens = _fin(abs(float(sens)))
        o.unc = _fin(abs(float(unc)))
        o.expr = expr
        return o

    __hash__ = float.__hash__

    def __reduce__(self):
        return (Num, (float(self), self.sens, self.unc, self.expr))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    # arithmetic: value by float, sensitivity and uncertainty by first-order propagation
    @staticmethod
    def _make(v, s, u, expr):
        if isinstance(v, float) and math.isfinite(v):
            return Num(v, s, u, expr)
        return v

    def __add__(self, o):
        if not _plain(o):
            return NotImplemented
        return Num._make(float(self) + o, self.sens + _s(o), self.unc + _u(o), ("+", self.expr, _e(o) or o))

    def __radd__(self, o):
        if not _plain(o):
            return NotImplemented
        return Num._make(o + float(self), self.sens + _s(o), self.unc + _u(o), ("+", _e(o) or o, self.expr))

    def __sub__(self, o):
        if not _plain(o):
            return NotImplemented
        return Num._make(float(self) - o, self.sens + _s(o), self.unc + _u(o), ("−", self.expr, _e(o) or o))

    def __rsub__(self, o):
        if not _plain(o):
            return NotImplemented
        return Num._make(o - float(self), self.sens + _s(o), self.unc + _u(o), ("−", _e(o) or o, self.expr))

    def __mul__(self, o):
        if not _plain(o):
            return NotImplemented
        a, b = float(self), float(o)
        return Num._make(a * b, abs(b) * self.sens + abs(a) * _s(o), abs(b) * self.unc + abs(a) * _u(o),
                         ("·", self.expr, _e(o) or o))

    __rmul__ = __mul__

    def __truediv__(self, o):
        if not _plain(o):
            return NotImplemented
        a, b = float(self), float(o)
        v = a / b  # ZeroDivisionError as for floats
        return Num._make(v, self.sens / abs(b) + abs(a) * _s(o) / b**2, self.unc / abs(b) + abs(a) * _u(o) / b**2,
                         ("/", self.expr, _e(o) or o))

    def __rtruediv__(self, o):
        if not _plain(o):
            return NotImplemented
        a, b = float(o), float(self)
        v = a / b
        return Num._make(v, _s(o) / abs(b) + abs(a) * self.sens / b**2, _u(o) / abs(b) + abs(a) * self.unc / b**2,
                         ("/", _e(o) or o, self.expr))

    def __pow__(self, o, mod=None):
        if mod is not None or not _plain(o):
            return NotImplemented
        a, b = float(self), float(o)
        v = float.__pow__(a, b)
        if not isinstance(v, float) or not math.isfinite(v):
            return v
        da = abs(b * a ** (b - 1)) if a != 0 or b >= 1 else math.inf
        db = abs(v * math.log(a)) if a > 0 else 0.0
        return Num._make(v, da * self.sens + db * _s(o), da * self.unc + db * _u(o), ("^", self.expr, _e(o) or o))

    def __rpow__(self, o, mod=None):
        if mod is not None or not _plain(o):
            return NotImplemented
        return Num(float(o), _s(o), _u(o), _e(o)).__pow__(self)

    def __neg__(self):
        return Num(-float(self), self.sens, self.unc, ("−", None, self.expr))

    def __pos__(self):
        return self

    def __abs__(self):
        return Num(abs(float(self)), self.sens, self.unc, ("abs", self.expr, None))

    # comparisons: recorded (and, in a counterfactual run, one of them negated)
    def _cmp(self, o, op, fn):
        if not _plain(o):
            return NotImplemented
        r = fn(float(self), float(o))
        rec = _RECORDER.get()
        return rec.record(self, o, op, r) if rec is not None else r

    def __lt__(self, o):
        return self._cmp(o, "<", float.__lt__)

    def __le__(self, o):
        return self._cmp(o, "≤", float.__le__)

    def __gt__(self, o):
        return self._cmp(o, ">", float.__gt__)

    def __ge__(self, o):
        return self._cmp(o, "≥", float.__ge__)

    def __eq__(self, o):
        if not isinstance(o, (int, float)):
            return NotImplemented
        return self._cmp(o, "=", float.__eq__)

    def __ne__(self, o):
        if not isinstance(o, (int, float)):
            return NotImplemented
        return self._cmp(o, "≠", float.__ne__)


def render(expr, limit: int = 90) -> str:
    """An expression tree as text (evidence paths and the operations on them), cut at ``limit`` characters."""
    def go(e, depth):
        if depth > 6:
            return "…"
        if e is None:
            return "?"
        if isinstance(e, tuple) and len(e) == 3:
            op, a, b = e
            if op == "abs":
                return f"|{go(a, depth + 1)}|"
            if a is None:
                return f"−{go(b, depth + 1)}"
            return f"({go(a, depth + 1)} {op} {go(b, depth + 1)})"
        if isinstance(e, float):
            return f"{e:.3g}"
        return str(e)

    s = go(expr, 0)
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1]
    return s if len(s) <= limit else s[: limit - 1] + "…"


# ------------------------------------------------------------------------------------------- tracking evidence
def _pair(v) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(isinstance(x, float) and math.isfinite(x) for x in v)


def _key_text(k) -> str:
    return str(k) if str(k).isidentifier() else repr(str(k))


def track(evidence, path: str = ""):
    """The evidence with every finite float replaced by a :class:`Num` named by its path (``cases[2].gap``), with
    the uncertainty the evidence states for it: both ends of a ``ci``/``*_ci`` pair and of a ``lo``/``hi`` pair get
    the interval's half-width; ``x`` beside ``x_noise`` gets |x_noise|."""
    if isinstance(evidence, dict):
        out = {}
        for k, v in evidence.items():
            p = f"{path}.{_key_text(k)}" if path else _key_text(k)
            out[k] = track(v, p)
        for k, v in evidence.items():  # intervals stated as pairs
            if isinstance(k, str) and (k == "ci" or k.endswith("_ci") or k == "interval") and _pair(v):
                h = abs(v[1] - v[0]) / 2
                out[k] = [Num(x, abs(x), h, f"{path + '.' if path else ''}{k}[{i}]") for i, x in enumerate(v)]
        lo, hi = evidence.get("lo"), evidence.get("hi")
        if isinstance(lo, float) and isinstance(hi, float) and math.isfinite(lo) and math.isfinite(hi):
            h = abs(hi - lo) / 2
            for k in ("lo", "hi"):
                out[k] = Num(evidence[k], abs(evidence[k]), h, f"{path + '.' if path else ''}{k}")
        for k, v in evidence.items():  # x beside x_noise
            if isinstance(k, str) and k.endswith("_noise"):
                base = k[: -len("_noise")]
                if isinstance(v, float) and math.isfinite(v) and isinstance(out.get(base), Num):
                    b = out[base]
                    out[base] = Num(float(b), b.sens, max(b.unc, abs(v)), b.expr)
        return out
    if isinstance(evidence, list):
        return [track(v, f"{path}[{i}]") for i, v in enumerate(evidence)]
    if isinstance(evidence, float) and not isinstance(evidence, Num) and math.isfinite(evidence):
        return Num(evidence, abs(evidence), 0.0, path or "evidence")
    return evidence


def with_uncertainty(x, unc: float):
    """``x`` (a number) carrying the statistical uncertainty ``unc`` (e.g. the half-width of its interval)."""
    if isinstance(x, Num):
        return Num(float(x), x.sens, max(x.unc, abs(float(unc))), x.expr)
    if isinstance(x, float) and math.isfinite(x) and math.isfinite(unc):
        return Num(x, 0.0, abs(unc), None)
    return x


# ------------------------------------------------------------------------------------------- recording
@dataclass
class _Call:
    op: str
    a: float
    b: float
    sens: float
    unc: float
    expr_a: Any
    expr_b: Any
    result: bool

    @property
    def slack(self) -> float:
        return abs(self.a - self.b)

    @property
    def relative(self) -> float:
        if self.sens == 0 or not math.isfinite(self.sens):
            return math.inf
        return self.slack / self.sens

    @property
    def in_uncertainty(self) -> float | None:
        return self.slack / self.unc if self.unc > 0 else None


class _Recorder:
    def __init__(self, flip: frozenset = frozenset()):
        self.calls: list[_Call] = []
        self.flip = flip

    def record(self, a, b, op, result):
        i = len(self.calls)
        self.calls.append(_Call(op, float(a), float(b), _s(a) + _s(b), _u(a) + _u(b), _e(a),
                                _e(b) if isinstance(b, Num) else float(b), bool(result)))
        return (not result) if i in self.flip else result


def _run(decide: Callable, evidence, flip: frozenset = frozenset()):
    rec = _Recorder(flip)
    token = _RECORDER.set(rec)
    try:
        d = decide(evidence)
    finally:
        _RECORDER.reset(token)
    return d, rec.calls


# ------------------------------------------------------------------------------------------- the margin
@dataclass(frozen=True)
class Margin:
    """How far a decision is from changing its verdict (see the module docstring)."""

    relative: float | None  # smallest relative distance of a decisive comparison (None: no tracked comparison decides)
    uncertainty: float | None  # that comparison's slack in units of the evidence's uncertainty (None: deterministic)
    deciding: str | None  # the deciding comparison, as text
    fragile: bool
    why: str  # "" or why the verdict is fragile
    comparisons: tuple = field(default_factory=tuple)  # decisive comparisons, smallest distance first (dicts)
    tested: int = 0  # comparisons re-run with their outcome negated
    recorded: int = 0  # comparisons recorded

    def as_row(self) -> dict:
        return {"margin": self.relative, "deciding": self.deciding, "fragile": self.fragile,
                "margin_detail": {"uncertainty": self.uncertainty, "why": self.why, "comparisons": list(self.comparisons),
                                  "recorded": self.recorded, "tested": self.tested}}


def _threshold_name(value: float, module: str | None) -> str | None:
    mod = sys.modules.get(module) if module else None
    if mod is None:
        return None
    for name, v in vars(mod).items():
        if name.isupper() and isinstance(v, (int, float)) and not isinstance(v, bool) and float(v) == value:
            return name
    return None


def _side(expr, value: float, module: str | None) -> str:
    if isinstance(expr, float) or expr is None:
        name = _threshold_name(value, module)
        return f"{name} {value:.4g}" if name else f"{value:.4g}"
    return f"{render(expr)} = {value:.4g}"


def describe(call: _Call, module: str | None = None) -> str:
    op = call.op if call.result else {"<": "≥", "≤": ">", ">": "≤", "≥": "<", "=": "≠", "≠": "="}[call.op]
    return f"{_side(call.expr_a, call.a, module)} {op} {_side(call.expr_b, call.b, module)}"


def _fmt(x: float | None) -> str:
    if x is None:
        return "n/a"
    return "∞" if math.isinf(x) else f"{x:.2g}"


def assess(decide: Callable, evidence, module: str | None = None):
    """``(decision, Margin)``: ``decide`` run on tracked ``evidence`` (plain JSON types), then re-run with each
    recorded comparison negated, smallest relative distance first, until the first decisive one (and every
    comparison that could make the verdict fragile) has been tried, at most ``MAX_FLIPS`` re-runs."""
    tracked = track(evidence)
    d, calls = _run(decide, tracked)
    verdict = getattr(d, "verdict", None)
    order = sorted(range(len(calls)), key=lambda i: calls[i].relative)
    tested = 0

    def close_statistically(c: _Call) -> bool:
        u = c.in_uncertainty
        return verdict != "open" and u is not None and u < 1

    def flips(idx: frozenset) -> bool:
        nonlocal tested
        tested += 1
        try:
            d2, _ = _run(decide, tracked, idx)
            return getattr(d2, "verdict", None) != verdict
        except Exception:  # noqa: BLE001 - an impossible combination of outcomes: cannot happen to the evidence
            return False

    decisive, found_min = [], False
    for i in order:
        c = calls[i]
        if math.isinf(c.relative) and not close_statistically(c):
            continue
        if found_min and not (c.relative < ROUNDING or close_statistically(c)):
            continue
        if tested >= MAX_FLIPS:
            break
        if flips(frozenset((i,))):
            decisive.append(c)
            found_min = True
    pair = None
    if not decisive:  # no single comparison decides: the closest pair that does (both must flip: the larger distance)
        # The second comparison is taken from the run with the first negated (a short-circuited ``or`` evaluates
        # it only then); runs are deterministic, so index j means the same comparison in both.
        pool = [i for i in order if math.isfinite(calls[i].relative)][:PAIR_POOL]
        candidates = []
        for a in pool:
            if tested >= MAX_FLIPS:
                break
            tested += 1
            try:
                _, calls_a = _run(decide, tracked, frozenset((a,)))
            except Exception:  # noqa: BLE001
                continue
            js = sorted((j for j in range(len(calls_a)) if j != a and math.isfinite(calls_a[j].relative)),
                        key=lambda j: calls_a[j].relative)[:PAIR_POOL]
            candidates += [(max(calls[a].relative, calls_a[j].relative), a, j, calls_a[j]) for j in js]
        for _, a, j, cj in sorted(candidates, key=lambda x: x[0]):
            if tested >= MAX_FLIPS:
                break
            if flips(frozenset((a, j))):
                pair = (calls[a], cj)
                break
    if pair is not None:
        a, b = sorted(pair, key=lambda c: c.relative)
        rel = b.relative  # both must flip: the farther one sets the distance
        both_fragile = (a.relative < ROUNDING and b.relative < ROUNDING) or (close_statistically(a) and close_statistically(b))
        why = (f"{describe(a, module)} and {describe(b, module)} are both within the evidence's uncertainty of flipping"
               if both_fragile else "")
        shown = tuple({"compare": describe(c, module), "relative": None if math.isinf(c.relative) else c.relative,
                       "uncertainty": c.in_uncertainty, "jointly": True} for c in (a, b))
        return d, Margin(None if math.isinf(rel) else rel, b.in_uncertainty,
                         f"{describe(a, module)} and {describe(b, module)} (together)", both_fragile, why, shown,
                         tested, len(calls))
    if not decisive:
        return d, Margin(None, None, None, False, "", (), tested, len(calls))
    decisive.sort(key=lambda c: c.relative)
    best = decisive[0]
    fragile_calls = [c for c in decisive if c.relative < ROUNDING or close_statistically(c)]
    why = ""
    if fragile_calls:
        c = fragile_calls[0]
        if c.relative < ROUNDING:
            why = (f"{describe(c, module)} is {_fmt(c.relative)} relative from flipping (below the {ROUNDING:g} a "
                   "deterministic number may move on another machine)")
        else:
            why = (f"{describe(c, module)} is {_fmt(c.in_uncertainty)} interval half-widths from flipping (within the "
                   "evidence's own uncertainty)")
    shown = tuple({"compare": describe(c, module), "relative": None if math.isinf(c.relative) else c.relative,
                   "uncertainty": c.in_uncertainty} for c in decisive[:SHOWN])
    return d, Margin(None if math.isinf(best.relative) else best.relative, best.in_uncertainty,
                     describe(best, module), bool(fragile_calls), why, shown, tested, len(calls))


def fragility_note(m: Margin) -> str:
    """The sentence a fragile verdict's detail ends with."""
    return f" Fragile: {m.why}." if m.fragile else ""
