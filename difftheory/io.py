"""File and JSON output, one home for both.

Atomic writes: write to a temporary name in the same folder, then rename over the target, so a reader (or a run
killed with -9) never sees a half-written file. Temporary names carry the process id, so concurrent writers do not
collide.

JSON, one policy: ``to_jsonable`` turns NumPy scalars/arrays, tensors, tuples and Paths into plain JSON types and
NaN/±inf into ``null`` (JSON has neither; a reader takes ``null`` as "not finite / not available"); ``dumps`` (CLI
stdout) and ``write_json`` (files, atomic) apply it and refuse anything left non-finite."""

from __future__ import annotations

import json
import math
import os
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; on a clean exit it replaces ``path``, on an error it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write_text(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def to_jsonable(x):
    """``x`` as plain JSON types: dicts (keys as str), lists (from tuples, arrays, tensors), str, bool, int, float;
    NaN and ±inf become ``None``; NumPy/torch scalars become Python numbers; Paths and anything else their str."""
    import numpy as np

    if isinstance(x, dict):
        return {str(k): to_jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [to_jsonable(v) for v in x]
    if isinstance(x, np.ndarray):
        return to_jsonable(x.tolist())
    if isinstance(x, np.generic):
        return to_jsonable(x.item())
    if isinstance(x, Path):
        return str(x)
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    if hasattr(x, "item") and callable(x.item):  # 0-d torch tensors
        return to_jsonable(x.item())
    if hasattr(x, "tolist") and callable(x.tolist):
        return to_jsonable(x.tolist())
    return str(x)


def dumps(obj, **kwargs) -> str:
    """JSON text of ``to_jsonable(obj)`` (non-finite numbers as ``null``); ``kwargs`` go to ``json.dumps``."""
    return json.dumps(to_jsonable(obj), allow_nan=False, **kwargs)


def write_json(path: Path, obj, indent: int | None = 2) -> None:
    """``obj`` as JSON (``to_jsonable``'s policy, UTF-8 text), written atomically to ``path``."""
    atomic_write_text(path, dumps(obj, indent=indent, ensure_ascii=False))


def check_writable_dir(name: str, path: Path) -> Path:
    """``path`` as a folder this process can create and write into, checked before any work starts; a
    ValueError names the argument otherwise (an existing file, a path below a file, no permission)."""
    path = Path(path)
    probe_parent = path
    while not probe_parent.exists():
        probe_parent = probe_parent.parent
    if not probe_parent.is_dir():
        raise ValueError(f"{name} must be a folder that can be created, got {str(path)!r} ({str(probe_parent)!r} is a file)")
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ValueError(f"{name} must be a writable folder, got {str(path)!r} ({exc.strerror or exc})") from None
    return path
