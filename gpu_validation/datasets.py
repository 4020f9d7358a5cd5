"""Image data for the k-Diff pipeline, all as (x ∈ [−1, 1] or normalised latents, class label).

- ``digits_dataset``: scikit-learn's 8×8 handwritten digits (real images shipped inside the package:
  no download), optionally upsampled bilinearly to a larger side (same content, larger D).
- ``ImageFolderDataset``: ImageNet-style ``root/<class>/<image>`` with ADM's centre crop (Dhariwal &
  Nichol 2021) to ``image_size``; horizontal flips are drawn per step in the training loop.
- ``LatentShards``: pre-extracted latents as safetensors shards (``latents`` (N, C, H, W), ``labels`` (N,))
  normalised by per-channel mean/std from ``latents_stats.safetensors`` (``mean``, ``std``, shape (C,)).

Batches are indexed by training step (``batch_indices``), so a resumed run sees exactly the batches of
an uninterrupted one."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from difftheory.validate import check_int

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".JPEG", ".bmp", ".webp")


class TensorImages(torch.utils.data.Dataset):
    """Images and labels held in memory."""

    def __init__(self, images: torch.Tensor, labels: torch.Tensor, num_classes: int):
        self.images, self.labels, self.num_classes = images, labels, num_classes

    def __len__(self):
        return self.images.shape[0]

    def __getitem__(self, i):
        return self.images[i], self.labels[i]

    def batch(self, idx: torch.Tensor):
        return self.images[idx], self.labels[idx]


def digits_dataset(image_size: int = 8) -> TensorImages:
    """scikit-learn's 1797 digits (8×8, 0…16) as 1×S×S images in [−1, 1]; S > 8 by bilinear upsampling."""
    from sklearn.datasets import load_digits

    image_size = check_int("image_size", image_size, 8)
    d = load_digits()
    x = torch.as_tensor(d.images, dtype=torch.float32)[:, None] / 16.0 * 2 - 1
    if image_size != 8:
        x = F.interpolate(x, size=(image_size, image_size), mode="bilinear", align_corners=False)
    return TensorImages(x.contiguous(), torch.as_tensor(d.target, dtype=torch.long), 10)


def adm_center_crop(img, image_size: int):
    """ADM's centre crop: halve with a box filter while the short side ≥ 2·size, resize the short side to
    ``size`` with bicubic, crop the centre (Dhariwal & Nichol 2021)."""
    from PIL import Image

    while min(img.size) >= 2 * image_size:
        img = img.resize(tuple(s // 2 for s in img.size), resample=Image.BOX)
    scale = image_size / min(img.size)
    img = img.resize(tuple(round(s * scale) for s in img.size), resample=Image.BICUBIC)
    arr = np.asarray(img)
    top, left = (arr.shape[0] - image_size) // 2, (arr.shape[1] - image_size) // 2
    return arr[top:top + image_size, left:left + image_size]


class ImageFolderDataset(torch.utils.data.Dataset):
    """``root/<class>/<image>``: classes are the sorted sub-folder names; images centre-cropped to
    ``image_size`` (ADM), RGB, in [−1, 1]."""

    def __init__(self, root, image_size: int):
        self.root = Path(root)
        if not self.root.is_dir():
            raise ValueError(f"data must be an image folder root/<class>/<image>, got {str(root)!r} (not a folder)")
        self.image_size = check_int("image_size", image_size, 1)
        classes = sorted(p.name for p in self.root.iterdir() if p.is_dir())
        self.files = [(f, c) for c, name in enumerate(classes)
                      for f in sorted((self.root / name).iterdir()) if f.suffix in IMAGE_EXTENSIONS]
        if not self.files:
            raise ValueError(f"data {str(root)!r} holds no images in class sub-folders ({', '.join(IMAGE_EXTENSIONS)})")
        self.num_classes = len(classes)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        from PIL import Image

        path, label = self.files[i]
        with Image.open(path) as img:
            arr = adm_center_crop(img.convert("RGB"), self.image_size)
        x = torch.from_numpy(np.array(arr, copy=True)).permute(2, 0, 1).float() / 127.5 - 1  # PIL arrays are read-only
        return x, torch.tensor(label, dtype=torch.long)


class LatentShards(torch.utils.data.Dataset):
    """Latents from ``*.safetensors`` shards (``latents``, ``labels``), normalised per channel by
    ``latents_stats.safetensors`` (``mean``, ``std``) in the same folder. Rows are read lazily."""

    def __init__(self, root):
        from safetensors import safe_open

        self.root = Path(root)
        if not self.root.is_dir():
            raise ValueError(f"data must be a folder of latent .safetensors shards, got {str(root)!r}")
        self.shards = sorted(p for p in self.root.glob("*.safetensors") if p.name != "latents_stats.safetensors")
        if not self.shards:
            raise ValueError(f"data {str(root)!r} holds no .safetensors latent shards")
        stats = self.root / "latents_stats.safetensors"
        if not stats.exists():
            raise ValueError(f"data {str(root)!r} lacks latents_stats.safetensors (per-channel 'mean' and 'std')")
        from safetensors.torch import load_file

        st = load_file(str(stats))
        self.mean, self.std = st["mean"].float(), st["std"].float()
        sizes, labels = [], []
        for p in self.shards:
            with safe_open(str(p), framework="pt") as f:
                sizes.append(f.get_slice("latents").get_shape()[0])
                labels.append(f.get_tensor("labels").long())
        self.labels = torch.cat(labels)
        self.offsets = np.cumsum([0] + sizes)
        self.num_classes = int(self.labels.max()) + 1
        self._handles = {}

    def __len__(self):
        return int(self.offsets[-1])

    def __getitem__(self, i):
        from safetensors import safe_open

        s = int(np.searchsorted(self.offsets, i, side="right") - 1)
        if s not in self._handles:
            self._handles[s] = safe_open(str(self.shards[s]), framework="pt")
        row = int(i - self.offsets[s])
        lat = self._handles[s].get_slice("latents")[row:row + 1][0].float()
        return (lat - self.mean[:, None, None]) / self.std[:, None, None], self.labels[i]

    def __getstate__(self):  # DataLoader workers open their own handles
        return {k: v for k, v in self.__dict__.items() if k != "_handles"} | {"_handles": {}}


def load_dataset(cfg, data: str | None = None, image_size: int | None = None):
    """The dataset a configuration trains on: ``--data`` overrides the path; digits need none."""
    size = image_size or cfg.image_size
    if cfg.data == "digits" and data is None:
        return digits_dataset(size)
    if data is None:
        raise ValueError(f"data is required for config {cfg.name!r} ({cfg.data}: "
                         + ("root/<class>/<image> folder)" if cfg.data == "imagefolder" else "folder of latent shards)"))
    if cfg.data == "latents" or (Path(data).is_dir() and any(Path(data).glob("*.safetensors"))):
        return LatentShards(data)
    return ImageFolderDataset(data, size)


@functools.lru_cache(maxsize=4)
def _epoch_perm(n: int, seed: int, epoch: int) -> torch.Tensor:
    g = torch.Generator().manual_seed((seed * 1_000_003 + epoch) % 2**63)
    return torch.randperm(n, generator=g)


def batch_indices(step: int, n: int, global_batch: int, rank: int = 0, world: int = 1, seed: int = 0) -> torch.Tensor:
    """Indices of this rank's share of the global batch at ``step``: consecutive slices of per-epoch
    random permutations of range(n), a pure function of (step, seed) so resuming is exact."""
    start = step * global_batch + rank * (global_batch // world)
    pos = torch.arange(start, start + global_batch // world)
    epochs, offs = pos // n, pos % n
    out = torch.empty_like(pos)
    for e in epochs.unique().tolist():
        mask = epochs == e
        out[mask] = _epoch_perm(n, seed, e)[offs[mask]]
    return out


class StepBatchSampler:
    """Batch sampler for a DataLoader: this rank's indices for steps start … total − 1 (lazily)."""

    def __init__(self, n, start, total, global_batch, rank, world, seed):
        self.args = (n, global_batch, rank, world, seed)
        self.start, self.total = start, total

    def __iter__(self):
        n, gb, rank, world, seed = self.args
        for step in range(self.start, self.total):
            yield batch_indices(step, n, gb, rank, world, seed).tolist()

    def __len__(self):
        return self.total - self.start


def batches(dataset, start: int, total: int, global_batch: int, rank: int, world: int, seed: int,
            num_workers: int = 0, pin_memory: bool = False):
    """Yield (step, x, y) for steps start … total − 1."""
    n = len(dataset)
    if isinstance(dataset, TensorImages):
        for step in range(start, total):
            x, y = dataset.batch(batch_indices(step, n, global_batch, rank, world, seed))
            yield step, x, y
        return
    sampler = StepBatchSampler(n, start, total, global_batch, rank, world, seed)
    loader = torch.utils.data.DataLoader(dataset, batch_sampler=sampler, num_workers=num_workers,
                                         pin_memory=pin_memory, persistent_workers=False)
    for step, (x, y) in zip(range(start, total), loader):
        yield step, x, y
