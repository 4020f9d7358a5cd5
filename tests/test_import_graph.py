"""The layering of the package, checked statically on the import graph (``ast`` over the source tree; every
``import`` counts, also one inside a function):

- the role folders (``theory``, ``linear_model``, ``toy``, ``gpu_validation``) never import the figures or the CLI
  adapters (``difftheory.figures``, ``difftheory.commands``): figures are rendered by the verify runner from the
  ids a claim names, and commands call the library, never the reverse;
- ``gpu_validation`` never imports the verify report writer (``difftheory.report``);
- ``toy`` and ``linear_model`` never import each other (what both need lives in ``theory`` or the core);
- ``theory`` imports nothing above it (no simulator, toy, GPU stage, figure or command);
- the core (``difftheory/``: ledger, runner, report, coverage, CLI) imports no paper package (``difftheory.papers``)
  and no role folder, except the figure registry: it knows no paper;
- every folder that ``pyproject.toml`` installs is listed here with its rules (a new folder fails until it is)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"theory": "difftheory.theory", "linear_model": "difftheory.linear_model", "toy": "difftheory.toy",
           "gpu_validation": "difftheory.gpu_validation", "figures": "difftheory.figures", "difftheory": "difftheory",
           "papers": "difftheory.papers"}
ROLES = ("theory", "linear_model", "toy", "gpu_validation", "difftheory", "papers", "figures")
FORBIDDEN = {
    "theory": ("difftheory.linear_model", "difftheory.toy", "difftheory.gpu_validation", "difftheory.figures",
               "difftheory.commands"),
    "linear_model": ("difftheory.toy", "difftheory.figures", "difftheory.commands"),
    "toy": ("difftheory.linear_model", "difftheory.figures", "difftheory.commands"),
    "gpu_validation": ("difftheory.figures", "difftheory.commands", "difftheory.report"),
    # the core knows no paper: not the built-in papers' packages, not the role folders (the figure registry aside)
    "difftheory": ("difftheory.papers", "difftheory.theory", "difftheory.linear_model", "difftheory.toy",
                   "difftheory.gpu_validation", "difftheory.figures"),
    # a paper's registration names its modules as strings; its commands call the library (never the other way)
    "papers": ("difftheory.figures", "difftheory.commands"),
    "figures": ("difftheory.commands",),
}
EXCEPT = {"difftheory": ("difftheory.figures.registry", "difftheory.figures")}  # the figure registry is core
ALLOWED: dict[str, tuple[str, ...]] = {}


def _module_name(folder: str, path: Path) -> str:
    parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([FOLDERS[folder], *parts])


def imports(folder: str, path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``path``; ``from a import b`` yields ``a.b`` (b may be a
    submodule), relative imports are resolved against the file's package."""
    module = _module_name(folder, path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            out += [(node.lineno, f"{base}.{a.name}" if a.name != "*" else base) for a in node.names]
    return out


def violations(folder: str) -> list[str]:
    bad = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        if any(str(path.relative_to(ROOT)).startswith(a) for a in ALLOWED.get(folder, ())):
            continue
        for line, name in imports(folder, path):
            if name in EXCEPT.get(folder, ()):
                continue
            for banned in FORBIDDEN[folder]:
                if name == banned or name.startswith(banned + "."):
                    bad.append(f"{path.relative_to(ROOT)}:{line} imports {name} ({folder} must not import {banned})")
    return bad


@pytest.mark.parametrize("folder", ROLES)
def test_role_folder_respects_the_layering(folder):
    assert not violations(folder), "\n".join(violations(folder))


def test_the_checker_sees_every_kind_of_import(tmp_path, monkeypatch):
    """The checker itself: absolute, from-, relative and function-level imports are all seen."""
    pkg = tmp_path / "toy"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "bad.py").write_text(
        "import difftheory.linear_model.trainer\n"
        "from difftheory import figures\n"
        "from ..linear_model import data\n"
        "def f():\n"
        "    from difftheory.commands.verify import run\n"
        "from difftheory.theory import target_conversions\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    found = violations("toy")
    assert len(found) == 4, found
    assert all("bad.py" in f for f in found)


def test_every_installed_folder_has_rules():
    """A folder that pyproject.toml installs but this test does not know would never be checked."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dirs = {d.split("/")[0] for d in cfg["tool"]["setuptools"]["package-dir"].values()}
    assert dirs <= set(FORBIDDEN), f"folders without import rules: {sorted(dirs - set(FORBIDDEN))}"
