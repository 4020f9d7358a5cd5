"""File and JSON output, one home for both.

Atomic writes: write to a temporary name in the same folder, then rename over the target, so a reader (or a run
killed with -9) never sees a half-written file. Temporary names carry the process id, so concurrent writers do not
collide.

JSON, one policy: ``to_jsonable`` turns NumPy scalars/arrays, tensors, tuples and Paths into plain JSON types and
NaN/±inf into ``null`` (JSON has neither; a reader takes ``null`` as "not finite / not available"); ``dumps`` (CLI
stdout) and ``write_json`` (files, atomic) apply it and refuse anything left non-finite."""

from __future__ import annotations

import errno
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
    except OSError as exc:  # name the file the write was for (a full disk says which output it stopped)
        if exc.filename is None or exc.filename == str(tmp):
            exc.filename = str(path)
        raise
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


def check_path(name: str, path) -> Path:
    """``path`` as a name the file system accepts (it need not exist); a ValueError names the argument otherwise
    (a NUL byte, a name too long)."""
    from difftheory.validate import shown

    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ValueError(f"{name} must be a path the file system accepts, got {shown(str(path))} ({reason})") from None
    return Path(path)


def check_writable_dir(name: str, path: Path) -> Path:
    """``path`` as a folder this process can create and write into, checked before any work starts; a
    ValueError names the argument otherwise (an existing file, a path below a file, no permission)."""
    from difftheory.validate import shown

    path = check_path(name, path)
    try:
        probe_parent = path
        while not probe_parent.exists():
            probe_parent = probe_parent.parent
        if not probe_parent.is_dir():
            raise ValueError(f"{name} must be a folder that can be created, got {shown(str(path))} "
                             f"({shown(str(probe_parent))} is a file)")
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ValueError(f"{name} must be a writable folder, got {shown(str(path))} ({exc.strerror or exc})") from None
    return path


def disk_full(exc: BaseException) -> bool:
    """The exception is a full disk (or quota): the run stops, it is not a failed check."""
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


LOCK_FILE = ".lock"


class FolderInUse(ValueError):
    """Another live process holds the folder's lock (the message names the argument, the folder and that process)."""


@contextmanager
def folder_lock(name: str, path: Path):
    """Hold an exclusive lock on the output folder ``path`` (argument ``name``) for the block: a second run into
    the same folder is refused at once (``FolderInUse``) instead of interleaving its files with the first's.

    The lock is ``flock`` on ``path/.lock``, which the kernel releases when its holder dies, however it dies: a
    lock file left by a killed run is stale by construction and the next run takes it (the file records the
    holder's pid and start time, for the message). On a file system without ``flock`` the run goes on unlocked."""
    import fcntl
    import time

    path = Path(path)
    f = open(path / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = " ".join(f.read(200).split()) or "another process"
            raise FolderInUse(f"{name} {str(path)!r} is in use by another difftheory run ({holder}); wait for it "
                              f"to end or choose another {name}") from None
        except OSError:
            pass  # no flock here (some network file systems): unlocked, as before
        f.seek(0)
        f.truncate()
        f.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        f.flush()
        yield
    finally:
        f.close()  # releases the lock; the file stays (removing it would race with a run opening it)


COMPLETE = ".complete"


STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")  # what stops a command (those this platform has: stop_signals())


def stop_signals() -> list:
    """The numbers of the STOP_SIGNALS this platform has."""
    import signal

    return [getattr(signal, n) for n in STOP_SIGNALS if hasattr(signal, n)]


@contextmanager
def signals_held():
    """SIGINT/SIGTERM/SIGHUP held back during a block that must not stop half-way (delivered right after it)."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals())
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def commit_staged(stage: Path, dest: Path) -> list[Path]:
    """Move every file under ``stage`` to the same relative path under ``dest``, all or nothing: the staged files
    are complete before anything moves (a full disk stops the run while ``dest`` still holds the previous
    output), a marker then records that the set is complete, and the renames run with signals held back. A
    run killed (-9) among the renames leaves the marker: ``finish_staged`` completes the move before the next
    run into ``dest`` starts. Returns the moved paths under ``dest``."""
    stage, dest = Path(stage), Path(dest)
    files = sorted(p.relative_to(stage) for p in stage.rglob("*") if p.is_file() and p.name != COMPLETE)
    for rel in files:  # folders first: creating one can fail on a full disk, a rename does not
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(stage / COMPLETE, "\n".join(map(str, files)) + "\n")
    return _move_staged(stage, dest)


def _move_staged(stage: Path, dest: Path) -> list[Path]:
    moved = []
    with signals_held():
        for rel in (stage / COMPLETE).read_text(encoding="utf-8").split("\n"):
            if rel and (stage / rel).is_file():
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(stage / rel, dest / rel)
                moved.append(dest / rel)
        (stage / COMPLETE).unlink()
    return moved


def finish_staged(stage: Path, dest: Path) -> bool:
    """Complete a ``commit_staged`` that was killed among its renames (its marker is there); True if it was."""
    if not (Path(stage) / COMPLETE).is_file():
        return False
    _move_staged(Path(stage), Path(dest))
    return True
