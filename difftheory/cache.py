"""On-disk cache of trained weights (and other tensors), shared by the claims and figures that read them.

``cached(name, key, build, code=...)`` returns ``build()``'s dict of tensors, computing it at most once per
(name, settings ``key``, hash of the ``code`` modules' source): later calls, in this process or any other,
load the safetensors file. Safe under concurrent runs (an exclusive lock per entry: a second process waits
and then loads) and under kill -9 (the file appears by an atomic rename, never half-written).

Where: ``$DIFFTHEORY_CACHE`` if set (``off`` disables the cache), else ``$XDG_CACHE_HOME/difftheory``, else
``~/.cache/difftheory``. Loading returns bit-for-bit the tensors that were saved, so a cached run gives the
same numbers as a fresh one.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

from difftheory.io import atomic_path

FORMAT = 1  # bump to invalidate every entry


def cache_dir() -> Path | None:
    """The cache folder, or None when disabled (``DIFFTHEORY_CACHE=off``)."""
    env = os.environ.get("DIFFTHEORY_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("off", "0", "none", "") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "difftheory"


def code_hash(modules: Iterable[ModuleType | str]) -> str:
    """sha256 over the source of the given modules (objects or dotted names), in the given order."""
    import importlib

    h = hashlib.sha256()
    for m in modules:
        mod = importlib.import_module(m) if isinstance(m, str) else m
        h.update(mod.__name__.encode())
        h.update(Path(inspect.getsourcefile(mod)).read_bytes())
    return h.hexdigest()


def entry_key(name: str, key: dict, code: Iterable[ModuleType | str]) -> str:
    text = json.dumps({"format": FORMAT, "name": name, "key": key, "code": code_hash(code)}, sort_keys=True,
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def cached(name: str, key: dict, build: Callable[[], dict], code: Iterable[ModuleType | str] = ()) -> dict:
    """``build()`` (a dict of str -> torch.Tensor) through the on-disk cache; see the module docstring."""
    import fcntl

    from safetensors.torch import load_file, save_file

    root = cache_dir()
    if root is None:
        return build()
    digest = entry_key(name, key, list(code))
    path = root / f"{name}-{digest}.safetensors"
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = open(root / f".{name}-{digest}.lock", "a+")  # noqa: SIM115 - held for the whole build
    except OSError:
        return build()  # an unwritable cache folder must not stop the computation
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.is_file():
            try:
                return load_file(str(path))
            except Exception:  # noqa: BLE001 - an unreadable entry is rebuilt
                path.unlink(missing_ok=True)
        tensors = build()
        clean = {k: v.detach().contiguous().cpu() for k, v in tensors.items()}
        try:
            with atomic_path(path) as tmp:
                save_file(clean, str(tmp), metadata={"name": name, "key": json.dumps(key, sort_keys=True, default=str)})
        except OSError:
            pass  # a full disk loses the cache entry, not the result
        return tensors
