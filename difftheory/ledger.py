"""The claims ledger: registration, discovery and running. It knows no paper.

A claim is two functions registered together with ``@claim(...)`` in a module named ``claims*.py`` beside
the code that checks it (any of the difftheory subpackages):

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
import pkgutil
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from difftheory.io import disk_full, to_jsonable

VERDICTS = ("verified", "corrected", "refuted", "open")
OUTCOMES = VERDICTS + ("error",)  # what a decision may return; "error" = our own checks disagree
METHODS = ("symbolic", "numeric", "simulation", "gpu")
PAPERS = ("kdiff", "erd", "mse")
SCALES = ("quick", "full")
SUBPACKAGES = ("theory", "linear_model", "toy", "gpu_validation")
SEED_MAX = 2**31 - 1  # a run's seed is in [0, SEED_MAX]: the seeded routines take no more (erd_train, gpu configs)
ROW_KEYS = ("id", "paper", "where", "statement", "method", "criteria", "equations", "assumptions", "code",
            "decision", "scale", "verdict", "detail", "evidence", "figures", "seconds")


@dataclass(frozen=True)
class Decision:
    """What a decision function returns: the verdict and the ``detail`` rendered from the evidence
    (for corrected the corrected statement, for refuted the counterexample, for open what would settle it)."""

    verdict: str
    detail: str

    def __post_init__(self):
        if self.verdict not in OUTCOMES:
            raise ValueError(f"verdict must be one of {', '.join(OUTCOMES)}; got {self.verdict!r}")


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

    ``id`` is dotted, paper first (``kdiff.thm3_2.kstar``); ``criteria`` states the decision rule in one or
    two sentences; ``equations`` the paper's labels (``"Eq. (14)"``, ``"Thm 3.2"``; empty only for
    ``*.beyond.*`` claims); ``assumptions`` what the paper's conclusion rests on."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}; got {paper!r}")
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


def discover() -> dict[str, Claim]:
    """Import every ``claims*`` module of the difftheory subpackages; return the registry."""
    for sub in SUBPACKAGES:
        pkg = importlib.import_module(f"difftheory.{sub}")
        for info in pkgutil.iter_modules(pkg.__path__):
            if info.name.startswith("claims"):
                importlib.import_module(f"difftheory.{sub}.{info.name}")
    return REGISTRY


def select(pattern: str | None = None) -> list[Claim]:
    """Claims whose id matches the glob ``pattern`` (all when None), in paper then id order."""
    claims = discover().values()
    if pattern is not None:
        claims = [c for c in claims if fnmatch.fnmatchcase(c.id, pattern)]
    return sorted(claims, key=lambda c: (PAPERS.index(c.paper), c.id))


def decide(c: Claim, evidence: dict) -> Decision:
    """``c.decide`` on JSON-typed evidence; anything but a Decision is a bug (error)."""
    d = c.decide(to_jsonable(evidence))
    if not isinstance(d, Decision):
        raise TypeError(f"decision of {c.id} returned {type(d).__name__}, not Decision")
    return d


def run_one(c: Claim, ctx: Context) -> dict:
    """Run one claim: evidence, then decision. An exception in either becomes verdict ``error`` with the
    traceback in ``detail`` — except a full disk, which stops the run (it says nothing about the claim)."""
    start = time.perf_counter()
    evidence: dict = {}
    try:
        evidence = c.fn(ctx)
        if not isinstance(evidence, dict):
            raise TypeError(f"claim {c.id} returned {type(evidence).__name__}, not an evidence dict")
        evidence = to_jsonable(evidence)
        d = decide(c, evidence)
        verdict, detail = d.verdict, d.detail
    except Exception as exc:  # noqa: BLE001 - a failing check must not stop the ledger
        if disk_full(exc):
            raise
        verdict, detail = "error", traceback.format_exc()
        evidence = to_jsonable(evidence) if isinstance(evidence, dict) else {}
    return row(c, ctx.scale, verdict, detail, evidence, [], round(time.perf_counter() - start, 3))


def row(c: Claim, scale: str, verdict: str, detail: str, evidence: dict, figures: list[str], seconds: float) -> dict:
    """One ``claims.json`` entry, keys in ``ROW_KEYS`` order."""
    return {"id": c.id, "paper": c.paper, "where": c.where, "statement": c.statement, "method": c.method,
            "criteria": c.criteria, "equations": list(c.equations), "assumptions": list(c.assumptions),
            "code": c.code, "decision": c.decision, "scale": scale, "verdict": verdict, "detail": detail,
            "evidence": evidence, "figures": figures, "seconds": seconds}
