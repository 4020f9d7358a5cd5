"""Device and process-group set-up of the k-Diff image pipeline: one code path from one CPU to many GPUs
(torchrun + DDP; gloo on CPU, NCCL on CUDA)."""

from __future__ import annotations

import os

import torch
import torch.distributed as dist

from difftheory.validate import check_choice


def resolve_device(device: str = "auto") -> torch.device:
    """auto → CUDA when present, else CPU; ``cuda`` without a GPU is a ValueError."""
    check_choice("device", device, ("auto", "cpu", "cuda"))
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ValueError("device cuda was asked for, but torch sees no CUDA device (use auto or cpu)")
    return torch.device(device)


def setup_distributed(device: torch.device) -> tuple[torch.device, int, int]:
    """(device, rank, world) from torchrun's environment; world size 1 without it."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world == 1:
        return device, 0, 1
    if not dist.is_initialized():
        from datetime import timedelta

        # long timeout: the other ranks wait while rank 0 computes FID/IS
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo", timeout=timedelta(hours=3))
    if device.type == "cuda":
        local = int(os.environ.get("LOCAL_RANK", "0"))
        torch.cuda.set_device(local)
        device = torch.device("cuda", local)
    return device, dist.get_rank(), world
