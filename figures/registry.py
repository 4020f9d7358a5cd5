"""The figure registry, shaped like the claims registry (``difftheory.ledger``): ``@figure(id, paper=...,
caption=...)`` registers ``fn(out_dir, scale, seed) -> list[Path]`` in ``REGISTRY``; ``discover()`` imports the
figure modules every registered paper lists (``difftheory.paper``: ``Paper.figures``) and returns it; ``select(pattern)`` lists the figures
whose id matches a glob; ``render(id, ...)`` draws one.

A figure function computes what it needs by calling the toolkit (theory, simulators) and writes PNGs into
``out_dir`` atomically (``save``). Figures are rendered by the verify runner (a claim names the figures that
illustrate it) or by ``difftheory figures``; claims modules never import this package."""

from __future__ import annotations

import fnmatch
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from difftheory.io import atomic_path

REGISTRY: dict[str, "Figure"] = {}


@dataclass(frozen=True)
class Figure:
    id: str
    paper: str
    caption: str
    fn: Callable[[Path, str, int], list[Path]]


def figure(id: str, *, paper: str, caption: str):
    """Register ``fn(out_dir, scale, seed) -> list[Path]`` as the figure ``id`` of ``paper``."""

    def register(fn):
        REGISTRY[id] = Figure(id, paper, caption, fn)
        return fn

    return register


def discover() -> dict[str, Figure]:
    """Import the figure modules of every registered paper; return the registry. A module that fails to import is
    left out (its paper's claims report the failure); the other papers' figures stay available."""
    from difftheory import paper

    for p in paper.papers().values():
        for mod in p.figures:
            try:
                importlib.import_module(mod)
            except Exception:  # noqa: BLE001 - one broken plug-in must not stop the others
                continue
    return REGISTRY


def select(pattern: str | None = None) -> list[Figure]:
    """Figures whose id matches the glob ``pattern`` (all when None), in id order."""
    figs = discover().values()
    if pattern is not None:
        figs = [f for f in figs if fnmatch.fnmatchcase(f.id, pattern)]
    return sorted(figs, key=lambda f: f.id)


def save(fig, path: Path) -> Path:
    """Save a matplotlib figure to ``path`` atomically (``difftheory.io.atomic_path``) and close it."""
    import matplotlib.pyplot as plt

    path = Path(path)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=110, bbox_inches="tight", format=path.suffix.lstrip(".") or "png")
    plt.close(fig)
    return path


def render(id: str, out_dir: Path, scale: str = "quick", seed: int = 0) -> list[Path]:
    """Draw figure ``id`` into ``out_dir``; its paths."""
    figs = discover()
    if id not in figs:
        raise ValueError(f"figure must be one of {', '.join(sorted(figs))}; got {id!r}")
    return [Path(p) for p in figs[id].fn(Path(out_dir), scale, seed)]
