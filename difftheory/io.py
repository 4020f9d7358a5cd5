"""Atomic file output: write to a temporary name in the same folder, then rename over the target, so a
reader (or a run killed with -9) never sees a half-written file. Temporary names carry the process id,
so concurrent writers do not collide."""

from __future__ import annotations

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
