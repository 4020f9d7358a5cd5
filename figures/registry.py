"""The figure registry: ``@figure(name, paper=...)`` registers ``fn(out_dir, scale, seed) -> list[Path]``.

Figure modules live beside this file (``figures/<paper>_*.py``); ``discover()`` imports them all.
A figure function computes what it needs by calling the toolkit (theory, simulators) and writes PNGs
into ``out_dir`` atomically (``save``)."""

from __future__ import annotations

import importlib
import os
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

FIGURES: dict[str, "Figure"] = {}


@dataclass(frozen=True)
class Figure:
    name: str
    paper: str
    caption: str
    fn: Callable[[Path, str, int], list[Path]]


def figure(name: str, *, paper: str, caption: str):
    def register(fn):
        FIGURES[name] = Figure(name, paper, caption, fn)
        return fn

    return register


def discover() -> dict[str, Figure]:
    import difftheory.figures as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name not in ("registry",) and not info.name.startswith("_"):
            importlib.import_module(f"difftheory.figures.{info.name}")
    return FIGURES


def save(fig, path: Path) -> Path:
    """Save a matplotlib figure to ``path`` atomically and close it."""
    import matplotlib.pyplot as plt

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.stem + ".tmp.png")
    fig.savefig(tmp, dpi=110, bbox_inches="tight")
    plt.close(fig)
    os.replace(tmp, path)
    return path


def render(name: str, out_dir: Path, scale: str = "quick", seed: int = 0) -> list[Path]:
    figs = discover()
    if name not in figs:
        raise ValueError(f"figure must be one of {', '.join(sorted(figs))}; got {name!r}")
    return [Path(p) for p in figs[name].fn(Path(out_dir), scale, seed)]
