"""Data: embedded digits, ADM centre crop on an image folder, latent shards, step-indexed batches,
and the PCA dimension used by the resolution sweep."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.gpu_validation.datasets import (
    ImageFolderDataset,
    LatentShards,
    adm_center_crop,
    batch_indices,
    digits_dataset,
    load_dataset,
)
from difftheory.gpu_validation.configs import get_config
from difftheory.gpu_validation.resolution_sweep import UpsampledImages, pca_dimension


def test_digits_are_real_images_in_range():
    ds = digits_dataset()
    assert len(ds) == 1797 and ds.images.shape == (1797, 1, 8, 8) and ds.num_classes == 10
    assert float(ds.images.min()) == -1.0 and float(ds.images.max()) == 1.0
    assert sorted(ds.labels.unique().tolist()) == list(range(10))
    up = digits_dataset(16)
    assert up.images.shape == (1797, 1, 16, 16)
    # same content: 2×2-averaging the upsampled images gives back (a slight blur of) the originals
    down = torch.nn.functional.avg_pool2d(up.images, 2).flatten()
    assert float(torch.corrcoef(torch.stack([down, ds.images.flatten()]))[0, 1]) > 0.95


@settings(max_examples=30, deadline=None)
@given(st.integers(5, 60), st.integers(1, 4), st.integers(1, 3), st.integers(0, 50))
def test_batches_cover_each_epoch_once_and_ranks_are_disjoint(n, per_rank, world, seed):
    gb = per_rank * world
    steps = -(-3 * n // gb)
    idx = torch.cat([torch.cat([batch_indices(s, n, gb, r, world, seed) for r in range(world)]) for s in range(steps)])
    for e in range(2):  # full epochs are permutations of range(n)
        assert sorted(idx[e * n:(e + 1) * n].tolist()) == list(range(n))
    assert torch.equal(batch_indices(5, n, gb, 0, world, seed), batch_indices(5, n, gb, 0, world, seed))


def _write_images(root, sizes):
    from PIL import Image

    for c, cls in enumerate(("a", "b")):
        (root / cls).mkdir(parents=True)
        for i, (w, h) in enumerate(sizes):
            arr = np.zeros((h, w, 3), np.uint8)
            arr[:, :, 0] = np.linspace(0, 255, w)[None, :].astype(np.uint8)  # left→right ramp
            arr[:, :, 1] = 40 * c
            Image.fromarray(arr).save(root / cls / f"{i}.png")


def test_image_folder_adm_crop(tmp_path):
    _write_images(tmp_path, [(100, 60), (40, 90), (33, 33)])
    ds = ImageFolderDataset(tmp_path, 16)
    assert len(ds) == 6 and ds.num_classes == 2
    x, y = ds[0]
    assert x.shape == (3, 16, 16) and -1 <= float(x.min()) and float(x.max()) <= 1 and int(y) == 0
    assert int(ds[3][1]) == 1 and float(ds[3][0][1].mean()) == pytest.approx(40 / 127.5 - 1, abs=0.02)
    # the centre crop of a 100×60 ramp keeps its middle: mean red ≈ the ramp's value at the centre
    assert float(x[0].mean()) == pytest.approx(0.0, abs=0.1)
    from PIL import Image

    crop = adm_center_crop(Image.new("RGB", (300, 100)), 32)
    assert crop.shape == (32, 32, 3)
    with pytest.raises(ValueError, match="data"):
        ImageFolderDataset(tmp_path / "missing", 16)
    assert isinstance(load_dataset(get_config("jit-b16"), str(tmp_path)), ImageFolderDataset)


def test_latent_shards_normalise_per_channel(tmp_path):
    from safetensors.torch import save_file

    g = torch.Generator().manual_seed(0)
    mean, std = torch.tensor([1.0, -2.0, 0.5]), torch.tensor([2.0, 0.5, 3.0])
    parts = [mean[:, None, None] + std[:, None, None] * torch.randn(n, 3, 4, 4, generator=g) for n in (5, 7)]
    for i, p in enumerate(parts):
        save_file({"latents": p, "labels": torch.arange(len(p)) % 4}, str(tmp_path / f"shard{i}.safetensors"))
    with pytest.raises(ValueError, match="latents_stats"):
        LatentShards(tmp_path)
    save_file({"mean": mean, "std": std}, str(tmp_path / "latents_stats.safetensors"))
    ds = LatentShards(tmp_path)
    assert len(ds) == 12 and ds.num_classes == 4
    x, y = ds[6]  # second shard, row 1
    assert torch.allclose(x, (parts[1][1] - mean[:, None, None]) / std[:, None, None])
    assert int(y) == 1
    assert isinstance(load_dataset(get_config("lightningdit-xl1"), str(tmp_path)), LatentShards)


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 8), st.integers(20, 60), st.integers(0, 100))
def test_pca_dimension_finds_a_linear_subspace(d, D, seed):
    rng = np.random.default_rng(seed)
    basis = np.linalg.qr(rng.standard_normal((D, d)))[0]
    x = rng.standard_normal((300, d)) @ basis.T + 5.0
    assert pca_dimension(x, 0.999) <= d
    assert pca_dimension(x, 0.95) >= 1
    iso = rng.standard_normal((4000, D))
    assert pca_dimension(iso, 0.5) >= D // 3  # isotropic data needs many components


def test_upsampled_images_keep_the_subspace_dimension():
    base = digits_dataset(8)
    x8 = base.images[:300].flatten(1).numpy()
    x32 = UpsampledImages(base, 32).batch(torch.arange(300))[0].flatten(1).numpy()
    assert x32.shape[1] == 1024
    assert np.linalg.matrix_rank(x32 - x32.mean(0), tol=1e-4) <= np.linalg.matrix_rank(x8 - x8.mean(0), tol=1e-4)
