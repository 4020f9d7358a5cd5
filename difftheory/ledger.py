"""The claims ledger: registration, discovery and running. It knows no paper.

A claim is a function ``fn(ctx: Context) -> Result`` registered with ``@claim(...)`` in a module named
``claims*.py`` beside the code that checks it (any of the difftheory subpackages). ``discover()``
imports those modules; ``run()`` runs a selection and turns exceptions into verdict ``error``.
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

VERDICTS = ("verified", "corrected", "refuted", "open")
METHODS = ("symbolic", "numeric", "simulation", "gpu")
PAPERS = ("kdiff", "erd", "mse")
SCALES = ("quick", "full")
SUBPACKAGES = ("theory", "linear_model", "toy", "gpu_validation")


@dataclass
class Result:
    """What a claim returns. ``detail``: for corrected the corrected statement, for refuted the
    counterexample, for open why it cannot be checked here."""

    verdict: str
    detail: str
    evidence: dict = field(default_factory=dict)
    figures: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}; got {self.verdict!r}")


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
    fn: Callable[[Context], Result]
    figures: tuple[str, ...] = ()  # names of figures (figures registry) that illustrate the claim


REGISTRY: dict[str, Claim] = {}


def claim(id: str, *, paper: str, where: str, statement: str, method: str, figures: tuple[str, ...] = ()):
    """Register ``fn(ctx) -> Result`` as a claim. ``id`` is dotted, paper first (``kdiff.thm3_2.kstar``)."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}; got {paper!r}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    if not id.startswith(paper + "."):
        raise ValueError(f"claim id must start with its paper '{paper}.'; got {id!r}")

    def register(fn):
        if id in REGISTRY and REGISTRY[id].fn.__qualname__ != fn.__qualname__:
            raise ValueError(f"claim id {id!r} registered twice")
        REGISTRY[id] = Claim(id, paper, where, statement, method, fn, tuple(figures))
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
    if pattern:
        claims = [c for c in claims if fnmatch.fnmatchcase(c.id, pattern)]
    return sorted(claims, key=lambda c: (PAPERS.index(c.paper), c.id))


def run_one(c: Claim, ctx: Context) -> dict:
    """Run one claim; an exception becomes verdict ``error`` with the traceback in ``detail``."""
    start = time.perf_counter()
    try:
        res = c.fn(ctx)
        if not isinstance(res, Result):
            raise TypeError(f"claim {c.id} returned {type(res).__name__}, not Result")
        verdict, detail, evidence, figs = res.verdict, res.detail, res.evidence, list(res.figures)
    except Exception:  # noqa: BLE001 - a failing check must not stop the ledger
        verdict, detail, evidence, figs = "error", traceback.format_exc(), {}, []
    return {
        "id": c.id,
        "paper": c.paper,
        "where": c.where,
        "statement": c.statement,
        "method": c.method,
        "verdict": verdict,
        "detail": detail,
        "evidence": _jsonable(evidence),
        "figures": figs,
        "seconds": round(time.perf_counter() - start, 3),
    }


def _jsonable(x):
    """Evidence as plain JSON types (NumPy scalars/arrays, tuples, Paths converted)."""
    import numpy as np

    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, np.ndarray):
        return _jsonable(x.tolist())
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, Path):
        return str(x)
    if isinstance(x, float) and not (x == x and abs(x) != float("inf")):
        return str(x)  # NaN/inf are not JSON
    return x
