"""The claims ledger: registration, discovery and running. It knows no paper.

A claim is two functions registered together with ``@claim(...)`` in a module that its paper's registration lists
(``difftheory.paper``: each paper is a plug-in naming its claims modules):

- the **evidence** function ``fn(ctx: Context) -> dict`` computes the measured numbers (the decorated function);
- the **decision** function ``decide(evidence: dict) -> Decision`` maps evidence to a verdict by the rule
  stated in ``criteria=`` (written before any run), with thresholds as named constants, and renders
  ``detail`` from the evidence alone.

The ledger turns the evidence into plain JSON types first and hands *that* to ``decide``, so a verdict can
be re-derived from ``claims.json`` without rerunning anything. ``run_one()`` turns exceptions into verdict
``error``; a decision may itself return ``error`` (our own twins disagree: a bug here, not in the paper).
"""

from __future__ import annotations

import fnmatch
import importlib
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from difftheory import margin
from difftheory import paper as papers
from difftheory.io import disk_full, to_jsonable
from difftheory.margin import Margin

VERDICTS = ("verified", "corrected", "refuted", "open")
OUTCOMES = VERDICTS + ("error",)  # what a decision may return; "error" = our own checks disagree
METHODS = ("symbolic", "numeric", "simulation", "gpu")
SCALES = ("quick", "full")
SEED_MAX = 2**31 - 1  # a run's seed is in [0, SEED_MAX]: the seeded routines take no more (erd_train, gpu configs)
ROW_KEYS = ("id", "paper", "where", "statement", "method", "criteria", "equations", "assumptions", "code",
            "decision", "scale", "verdict", "reading", "margin", "deciding", "fragile", "detail", "evidence",
            "margin_detail", "figures", "seconds")


@dataclass(frozen=True)
class Decision:
    """What a decision function returns: the verdict and the ``detail`` rendered from the evidence
    (for corrected the corrected statement, for refuted the counterexample, for open what would settle it)."""

    verdict: str
    detail: str
    reading: str | None = None  # printed-vs-derived decisions: "as printed" or "restored: <what>" (decide.Reading)

    def __post_init__(self):
        if self.verdict not in OUTCOMES:
            raise ValueError(f"verdict must be one of {', '.join(OUTCOMES)}; got {self.verdict!r}")
        if self.reading is not None and not (self.reading == "as printed" or self.reading.startswith("restored: ")):
            raise ValueError(f"reading must be 'as printed' or 'restored: <what>'; got {self.reading!r}")


@dataclass(frozen=True)
class Context:
    """Run settings handed to every claim: the scale (quick|full), the seed, the output folder
    (figures go to ``out/figures``) and, for ``gpu`` claims, a folder of supplied run logs."""

    scale: str = "quick"
    seed: int = 0
    out: Path = Path("verify-out")
    gpu_results: Path | None = None

    @property
    def quick(self) -> bool:
        return self.scale == "quick"

    def figure_path(self, name: str) -> Path:
        path = Path(self.out) / "figures" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


@dataclass(frozen=True)
class Claim:
    id: str
    paper: str
    where: str
    statement: str
    method: str
    fn: Callable[[Context], dict]
    decide: Callable[[dict], Decision]
    criteria: str
    equations: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()  # names of figures (figures registry) that illustrate the claim

    @property
    def code(self) -> str:
        return f"{self.fn.__module__}:{self.fn.__qualname__}"

    @property
    def decision(self) -> str:
        return f"{self.decide.__module__}:{self.decide.__qualname__}"

    @property
    def beyond(self) -> bool:
        """Our own result, not a statement of the paper (ids ``<paper>.beyond.*``)."""
        return ".beyond." in self.id


REGISTRY: dict[str, Claim] = {}


def claim(id: str, *, paper: str, where: str, statement: str, method: str, criteria: str,
          decide: Callable[[dict], Decision], equations: tuple[str, ...] = (), assumptions: tuple[str, ...] = (),
          figures: tuple[str, ...] = ()):
    """Register ``fn(ctx) -> evidence dict`` as a claim decided by ``decide(evidence) -> Decision``.

    ``id`` is dotted, paper first (``<paper>.thm3_2.kstar``); ``criteria`` states the decision rule in one or
    two sentences; ``equations`` the paper's labels (``"Eq. (14)"``, ``"Thm 3.2"``; empty only for
    ``*.beyond.*`` claims); ``assumptions`` what the paper's conclusion rests on."""
    if paper not in papers.names():
        raise ValueError(f"paper must be a registered paper ({', '.join(papers.names())}); got {paper!r}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    if not id.startswith(paper + "."):
        raise ValueError(f"claim id must start with its paper '{paper}.'; got {id!r}")
    if not isinstance(criteria, str) or not criteria.strip():
        raise ValueError(f"claim {id}: criteria must state the decision rule; got {criteria!r}")
    if not callable(decide):
        raise ValueError(f"claim {id}: decide must be a function evidence -> Decision; got {decide!r}")
    if isinstance(equations, str) or isinstance(assumptions, str):
        raise ValueError(f"claim {id}: equations and assumptions are tuples of strings")
    if not equations and ".beyond." not in id:
        raise ValueError(f"claim {id}: equations may be empty only for '*.beyond.*' claims")

    def register(fn):
        if id in REGISTRY and REGISTRY[id].fn.__qualname__ != fn.__qualname__:
            raise ValueError(f"claim id {id!r} registered twice")
        REGISTRY[id] = Claim(id, paper, where, statement, method, fn, decide, " ".join(criteria.split()),
                             tuple(equations), tuple(assumptions), tuple(figures))
        return fn

    return register


LOAD_ERRORS: dict[str, list[str]] = {}  # paper (or entry point) -> why its claims could not be loaded


def discover() -> dict[str, Claim]:
    """Import the claims modules of every registered paper; return the registry. A module that fails to import
    (or registers a bad claim) is recorded in ``LOAD_ERRORS`` under its paper — the other papers are unaffected."""
    for where, why in papers.load_errors():
        LOAD_ERRORS.setdefault(where.split(" = ")[0], [f"entry point {where}: {why}"])
    for p in papers.papers().values():
        for mod in p.claims:
            if mod in _IMPORTED:
                continue
            try:
                importlib.import_module(mod)
            except Exception as exc:  # noqa: BLE001 - one broken plug-in must not stop the others
                msg = f"{mod}: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
                if msg not in LOAD_ERRORS.get(p.name, []):
                    LOAD_ERRORS.setdefault(p.name, []).append(msg)
                continue
            _IMPORTED.add(mod)
    return REGISTRY


_IMPORTED: set[str] = set()


def load_error_rows(scale: str = "quick") -> list[dict]:
    """One ``error`` row per paper whose plug-in or claims module could not be loaded (id ``<paper>.load``)."""
    out = []
    for name, why in sorted(LOAD_ERRORS.items()):
        out.append({"id": f"{name}.load", "paper": name, "where": "plug-in", "statement": "the paper's claims load",
                    "method": "numeric", "criteria": "the paper's registration and claims modules import",
                    "equations": [], "assumptions": [], "code": "", "decision": "", "scale": scale,
                    "verdict": "error", "reading": None, "margin": None, "deciding": None, "fragile": False,
                    "detail": "; ".join(why), "evidence": {}, "margin_detail": None, "figures": [], "seconds": 0.0})
    return out


def select(pattern: str | None = None) -> list[Claim]:
    """Claims whose id matches the glob ``pattern`` (all when None), in paper then id order."""
    claims = discover().values()
    if pattern is not None:
        claims = [c for c in claims if fnmatch.fnmatchcase(c.id, pattern)]
    return sorted(claims, key=lambda c: (papers.order_key(c.paper), c.id))


def decide(c: Claim, evidence: dict) -> Decision:
    """``c.decide`` on JSON-typed evidence; anything but a Decision is a bug (error)."""
    return assess(c, evidence)[0]


def assess(c: Claim, evidence: dict) -> tuple[Decision, Margin | None]:
    """The decision on JSON-typed evidence and its margin (``difftheory.margin``): how far the evidence is from
    changing the verdict, which comparison decided, and whether the verdict is fragile (then the detail ends with a
    sentence saying why)."""
    d, m = margin.assess(c.decide, to_jsonable(evidence), c.decide.__module__)
    if not isinstance(d, Decision):
        raise TypeError(f"decision of {c.id} returned {type(d).__name__}, not Decision")
    if m.fragile:
        d = Decision(d.verdict, d.detail + margin.fragility_note(m), d.reading)
    return d, m


def run_one(c: Claim, ctx: Context) -> dict:
    """Run one claim: evidence, then decision and its margin. An exception in either becomes verdict ``error``
    with the traceback in ``detail`` — except a full disk, which stops the run (it says nothing about the claim)."""
    start = time.perf_counter()
    evidence: dict = {}
    m = None
    try:
        evidence = c.fn(ctx)
        if not isinstance(evidence, dict):
            raise TypeError(f"claim {c.id} returned {type(evidence).__name__}, not an evidence dict")
        evidence = to_jsonable(evidence)
        d, m = assess(c, evidence)
    except Exception as exc:  # noqa: BLE001 - a failing check must not stop the ledger
        if disk_full(exc):
            raise
        d = Decision("error", traceback.format_exc())
        evidence = to_jsonable(evidence) if isinstance(evidence, dict) else {}
    return row(c, ctx.scale, d, evidence, [], round(time.perf_counter() - start, 3), m)


def row(c: Claim, scale: str, d: Decision, evidence: dict, figures: list[str], seconds: float,
        m: Margin | None = None) -> dict:
    """One ``claims.json`` entry, keys in ``ROW_KEYS`` order."""
    mrow = m.as_row() if m is not None else {"margin": None, "deciding": None, "fragile": False, "margin_detail": None}
    return {"id": c.id, "paper": c.paper, "where": c.where, "statement": c.statement, "method": c.method,
            "criteria": c.criteria, "equations": list(c.equations), "assumptions": list(c.assumptions),
            "code": c.code, "decision": c.decision, "scale": scale, "verdict": d.verdict, "reading": d.reading,
            "margin": mrow["margin"], "deciding": mrow["deciding"], "fragile": mrow["fragile"], "detail": d.detail,
            "evidence": evidence, "margin_detail": mrow["margin_detail"], "figures": figures, "seconds": seconds}
