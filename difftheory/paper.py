"""The papers the toolkit referees: one list, read by the ledger, the coverage code, the figure registry, the report,
the CLI and the tests. The core knows no paper by name.

A paper is a plug-in. Its package registers a :class:`Paper` through the entry-point group ``difftheory.papers``
(in its ``pyproject.toml``)::

    [project.entry-points."difftheory.papers"]
    ddpm = "difftheory_ddpm:PAPER"

The three built-in papers register the same way (``difftheory.papers.<name>:PAPER``). A plug-in that fails to load
(import error, not a ``Paper``, a name taken twice) is left out and reported by :func:`load_errors` — one line naming
the entry point and the reason; the other papers run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module, metadata, resources
from pathlib import Path

GROUP = "difftheory.papers"
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")  # a paper's short name: the first part of its claim ids


@dataclass(frozen=True)
class Paper:
    """What the core needs to know about a paper.

    ``name``: short name, the first part of every claim id (``ddpm.forward.marginal``); ``title``: the paper's title;
    ``claims``: modules whose import registers the paper's claims (``@difftheory.ledger.claim``); ``data``: the
    package whose folder holds the paper's data files — ``coverage.toml`` (every numbered statement → claims),
    ``assumptions.toml`` (the assumption audit's rows), ``extraction.toml`` (glyphs its text extraction loses) —
    each optional; ``figures``: modules registering its figures (``@difftheory.figures.registry.figure``);
    ``decision_examples``: the module or folder with synthetic evidence per claim and outcome (for
    ``difftheory.testing``); ``coverage_complete``: the coverage map claims to list every numbered statement (then no
    entry may be ``missing``); ``order``: position in reports and summaries (then by name); ``commands``: the paper's
    own subcommands of ``difftheory``, ``(name, module, one-line help)`` each — the module has
    ``add_arguments(parser)`` and ``run(args)``."""

    name: str
    title: str
    claims: tuple[str, ...]
    data: str | None = None
    figures: tuple[str, ...] = ()
    decision_examples: str | None = None
    coverage_complete: bool = False
    order: int = 100
    commands: tuple[tuple[str, str, str], ...] = ()

    def __post_init__(self):
        if not isinstance(self.name, str) or not NAME_RE.match(self.name):
            raise ValueError(f"Paper.name must match {NAME_RE.pattern} (lower case, digits, _); got {self.name!r}")
        if isinstance(self.claims, str) or not all(isinstance(m, str) for m in self.claims):
            raise ValueError(f"Paper {self.name}: claims must be a tuple of module names; got {self.claims!r}")
        if isinstance(self.figures, str):
            raise ValueError(f"Paper {self.name}: figures must be a tuple of module names; got {self.figures!r}")
        if not all(isinstance(c, tuple) and len(c) == 3 and all(isinstance(x, str) for x in c) for c in self.commands):
            raise ValueError(f"Paper {self.name}: commands must be (name, module, help) triples; got {self.commands!r}")

    def data_folder(self) -> Path | None:
        """The folder of the ``data`` package (None when the paper has none)."""
        if not self.data:
            return None
        return Path(str(resources.files(import_module(self.data))))


_ERRORS: list[tuple[str, str]] = []
_DIST: dict[str, str] = {}  # paper name -> the distribution whose entry point registered it


def _entry_points():
    return metadata.entry_points(group=GROUP)


@lru_cache(maxsize=1)
def _load() -> dict[str, Paper]:
    found: dict[str, Paper] = {}
    _ERRORS.clear()
    _DIST.clear()
    for ep in sorted(_entry_points(), key=lambda e: e.name):
        where = f"{ep.name} = {ep.value}" + (f" ({ep.dist.name})" if getattr(ep, "dist", None) else "")
        try:
            obj = ep.load()
            obj = obj() if callable(obj) and not isinstance(obj, Paper) else obj
            if not isinstance(obj, Paper):
                raise TypeError(f"the entry point gives {type(obj).__name__}, not difftheory.paper.Paper")
            if obj.name in found:
                raise ValueError(f"a paper named {obj.name!r} is registered twice")
        except Exception as exc:  # noqa: BLE001 - one broken plug-in must not stop the others
            _ERRORS.append((where, f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"))
            continue
        found[obj.name] = obj
        _DIST[obj.name] = ep.dist.name if getattr(ep, "dist", None) else ""
    return dict(sorted(found.items(), key=lambda kv: (kv[1].order, kv[0])))


def papers() -> dict[str, Paper]:
    """The registered papers by name, in report order."""
    return _load()


def names() -> tuple[str, ...]:
    return tuple(papers())


def get(name: str) -> Paper | None:
    return papers().get(name)


def distribution(name: str) -> str:
    """The distribution (pip package) whose entry point registered the paper (``difftheory`` for the built-in ones)."""
    _load()
    return _DIST.get(name, "")


def load_errors() -> list[tuple[str, str]]:
    """(entry point, reason) for every plug-in that could not be loaded."""
    _load()
    return list(_ERRORS)


def data_folder(name: str) -> Path | None:
    p = get(name)
    return p.data_folder() if p is not None else None


def data_file(name: str, filename: str) -> Path | None:
    """``<the paper's data folder>/<filename>`` when the paper has that file, else None."""
    folder = data_folder(name)
    path = folder / filename if folder is not None else None
    return path if path is not None and path.is_file() else None


def order_key(name: str) -> tuple:
    """Sort key of a paper name (registered papers first, in their order; unknown names after, by name)."""
    ns = names()
    return (ns.index(name), "") if name in ns else (len(ns), name)


def text_folder() -> Path:
    """Where the papers' text extractions are: ``$DIFFTHEORY_PAPERS``, else ``shared/papers`` beside the source
    checkout (they are not package data; checks against them skip when the folder is absent)."""
    env = os.environ.get("DIFFTHEORY_PAPERS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "papers"


def reset() -> None:
    """Forget the loaded registrations (tests that install or remove a plug-in)."""
    _load.cache_clear()
