"""End-of-run sampling of the k-Diff image pipeline, on every rank (as NVlabs/edm2's ``generate_images``).

Sample i has label i mod C and its own noise generator, seeded by (seed, i) only (``sample_generator``), and
the solver is deterministic, so sample i is the same whether one GPU or many drew it and however the samples
were batched. Rank r draws the samples i ≡ r (mod world) and writes its shard ``samples/rankNNN.safetensors``
(``samples``: uint8 images or float latents, ``labels``, ``index``); ``load_samples`` / ``iter_samples`` read
the shards back in sample order."""

from __future__ import annotations

from pathlib import Path

import torch
import torch.distributed as dist

from difftheory.io import atomic_path
from difftheory.training import NonFiniteLoss


def sample_generator(seed: int, index: int, device) -> torch.Generator:
    """The generator of sample ``index``'s starting noise: a pure function of (seed, index)."""
    return torch.Generator(device=device).manual_seed(seed * 2**32 + index)


def sample_noise(indices, shape, seed: int, device) -> torch.Tensor:
    """N(0, I) starting noise of the samples ``indices``, each from its own ``sample_generator``."""
    return torch.stack([torch.randn(shape, generator=sample_generator(seed, int(i), device), device=device)
                        for i in indices])


def to_storage(x: torch.Tensor, space: str) -> torch.Tensor:
    """Pixel samples as uint8 (8-bit images, as evaluated); latents as float32."""
    if space == "pixel":
        return ((x.float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)
    return x.float()


def from_storage(x: torch.Tensor) -> torch.Tensor:
    return x.float() / 127.5 - 1 if x.dtype == torch.uint8 else x.float()


@torch.no_grad()
def generate_samples(cfg, model, n: int, seed: int, device, out: Path, rank: int = 0, world: int = 1,
                     batch: int = 256) -> list[Path]:
    """``n`` samples of ``model`` (a KDiff; Heun, CFG in the guidance interval, cfg's sampling settings), this
    rank's share in batches of ``batch``, written to its shard; returns all shard paths (after a barrier)."""
    idx = torch.arange(rank, n, world)
    y = (idx % cfg.num_classes).to(device)
    shape = (model.backbone.channels, model.backbone.image_size, model.backbone.image_size)
    chunks = []
    for i in range(0, len(idx), batch):
        noise = sample_noise(idx[i:i + batch], shape, seed, device)
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            x = model.generate(y[i:i + batch], cfg.sample_steps, cfg.solver, cfg.cfg_scale, cfg.cfg_interval,
                               noise=noise)
        if not torch.isfinite(x).all():
            raise NonFiniteLoss(f"sampling config {cfg.name!r} produced non-finite values")
        chunks.append(to_storage(x, cfg.space).cpu())
    from safetensors.torch import save_file

    folder = out / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    if rank == 0:
        for old in folder.glob("rank*.safetensors"):
            if int(old.stem[4:]) >= world:
                old.unlink()  # shards of an earlier run with more ranks
    samples = torch.cat(chunks) if chunks else torch.zeros((0, *shape), dtype=torch.uint8 if cfg.space == "pixel" else torch.float32)
    with atomic_path(folder / f"rank{rank:03d}.safetensors") as tmp:
        save_file({"samples": samples.contiguous(), "labels": y.cpu(), "index": idx}, str(tmp))
    if world > 1:
        dist.barrier()
    return [folder / f"rank{r:03d}.safetensors" for r in range(world)]


def iter_samples(shards, batch: int = 250):
    """Batches of samples (in [−1, 1] for images) from the shards, one shard in memory at a time."""
    from safetensors.torch import load_file

    for path in shards:
        x = load_file(str(path))["samples"]
        for i in range(0, x.shape[0], batch):
            yield from_storage(x[i:i + batch])


def load_samples(shards) -> tuple[torch.Tensor, torch.Tensor]:
    """All samples (ordered by index) and labels: for small runs."""
    from safetensors.torch import load_file

    parts = [load_file(str(p)) for p in shards]
    index = torch.cat([p["index"] for p in parts])
    order = torch.argsort(index)
    return (from_storage(torch.cat([p["samples"] for p in parts]))[order], torch.cat([p["labels"] for p in parts])[order])
