"""On-disk cache of trained weights (and other tensors), shared by the claims and figures that read them.

``cached(name, key, build, code=...)`` returns ``build()``'s dict of tensors, computing it at most once per
(name, settings ``key``, hash of the ``code`` modules' source): later calls, in this process or any other,
load the safetensors file. Safe under concurrent runs (an exclusive lock per entry: a second process waits
and then loads) and under kill -9 (the file appears by an atomic rename, never half-written).

Where: ``$DIFFTHEORY_CACHE`` if set (``off`` disables the cache), else ``$XDG_CACHE_HOME/difftheory``, else
``~/.cache/difftheory``. Loading returns bit-for-bit the tensors that were saved, so a cached run gives the
same numbers as a fresh one.

Every entry is checked when it is loaded: its metadata must name the entry asked for (name, settings key and
the digest that covers the code hash: a file copied or renamed onto another entry's name is caught) and a
sha256 of its tensors (names, dtypes, shapes, bytes) must match the one stored at save (a flipped bit is
caught). An entry that fails either check, or cannot be read, is rebuilt.
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


def tensors_digest(tensors: dict) -> str:
    """sha256 over the tensors' names, dtypes, shapes and bytes, in name order."""
    import torch

    h = hashlib.sha256()
    for k in sorted(tensors):
        t = tensors[k].detach().contiguous().cpu()
        h.update(json.dumps([k, str(t.dtype), list(t.shape)]).encode())
        h.update(t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b"")
    return h.hexdigest()


def _metadata(name: str, key: dict, digest: str, tensors: dict) -> dict:
    return {"name": name, "key": json.dumps(key, sort_keys=True, default=str), "entry": digest,
            "sha256": tensors_digest(tensors)}


def _load_checked(path: Path, name: str, key: dict, digest: str) -> dict | None:
    """The entry's tensors if its metadata names this entry and its checksum matches; None otherwise."""
    from safetensors import safe_open
    from safetensors.torch import load_file

    try:
        with safe_open(str(path), framework="pt") as f:
            meta = f.metadata() or {}
        tensors = load_file(str(path))
    except Exception:  # noqa: BLE001 - an unreadable entry is rebuilt
        return None
    expect = _metadata(name, key, digest, tensors)
    return tensors if all(meta.get(k) == v for k, v in expect.items()) else None


def cached(name: str, key: dict, build: Callable[[], dict], code: Iterable[ModuleType | str] = ()) -> dict:
    """``build()`` (a dict of str -> torch.Tensor) through the on-disk cache; see the module docstring."""
    import fcntl

    from safetensors.torch import save_file

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
            loaded = _load_checked(path, name, key, digest)
            if loaded is not None:
                return loaded
            path.unlink(missing_ok=True)  # damaged, or another entry's file: rebuilt below
        tensors = build()
        clean = {k: v.detach().contiguous().cpu() for k, v in tensors.items()}
        try:
            with atomic_path(path) as tmp:
                save_file(clean, str(tmp), metadata=_metadata(name, key, digest, clean))
        except OSError:
            pass  # a full disk loses the cache entry, not the result
        return tensors
