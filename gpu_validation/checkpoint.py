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


def load_checkpoint(path, map_location="cpu") -> dict:
    """The state saved by ``save_checkpoint`` (weights-only unpickling; ValueError if missing)."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"--resume needs a checkpoint, but {str(path)!r} does not exist")
    return torch.load(path, map_location=map_location, weights_only=True)


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
