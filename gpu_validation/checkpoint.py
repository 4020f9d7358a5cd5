"""Atomic checkpoints: written to a temporary file then renamed (a crash never leaves a torn file);
read back with ``torch.load(..., weights_only=True)``; EMA weights exported as safetensors."""

from __future__ import annotations

import os
from pathlib import Path

import torch


def save_checkpoint(path, state: dict) -> Path:
    """torch.save ``state`` (tensors, numbers, strings, lists, dicts) atomically to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)
    return path


CHECKPOINT_KEYS = ("step", "model", "optimizer", "ema", "config", "k_mode")


def load_checkpoint(path, map_location="cpu") -> dict:
    """The state saved by ``save_checkpoint`` (weights-only unpickling). A missing, empty, truncated or
    corrupt file is a one-line ValueError naming ``resume`` and the path (never a traceback)."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"resume needs a checkpoint, but {str(path)!r} does not exist")
    try:
        state = torch.load(path, map_location=map_location, weights_only=True)
    except Exception as exc:  # noqa: BLE001 - torn zip, random bytes, empty file, unpickling errors alike
        text = (str(exc).strip().splitlines() or [""])[0].split(". ")[0][:120]  # the first sentence only
        raise ValueError(f"resume: {str(path)!r} is not a readable checkpoint (empty, truncated or corrupt: "
                         f"{type(exc).__name__}: {text})") from None
    missing = [k for k in CHECKPOINT_KEYS if not isinstance(state, dict) or k not in state]
    if missing:
        raise ValueError(f"resume: {str(path)!r} is not a k-Diff training checkpoint (missing {', '.join(repr(k) for k in missing)})")
    return state


def save_weights(path, module: torch.nn.Module) -> Path:
    """A module's weights as safetensors, atomically (for evaluation and sharing)."""
    from safetensors.torch import save_file

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    save_file({k: v.detach().contiguous().cpu() for k, v in module.state_dict().items()}, str(tmp))
    os.replace(tmp, path)
    return path


def load_weights(path, module: torch.nn.Module) -> torch.nn.Module:
    from safetensors.torch import load_file

    module.load_state_dict(load_file(str(path)))
    return module
