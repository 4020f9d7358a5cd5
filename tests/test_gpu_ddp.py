"""The DDP code path (what torchrun runs) with two CPU processes on the gloo backend: training in sync, and
end-of-run samples that do not depend on the number of ranks or the batching."""

import csv
import socket
from dataclasses import replace
from pathlib import Path

import torch
import torch.multiprocessing as mp

from difftheory.gpu_validation.configs import get_config


def _worker(rank, world, port, out):
    import os

    import torch.distributed as dist

    from difftheory.gpu_validation.train import train

    os.environ.update(RANK=str(rank), WORLD_SIZE=str(world), LOCAL_RANK=str(rank), MASTER_ADDR="127.0.0.1",
                      MASTER_PORT=str(port))
    torch.set_num_threads(1)
    cfg = replace(get_config("tiny"), steps=3, log_every=1, n_samples=5, sample_steps=2, batch_size=16, depth=2)
    res = train(cfg, out, device="cpu", progress=False, tensorboard=False)
    flat = torch.cat([p.detach().flatten() for p in res.model.parameters()])
    torch.save(flat, f"{out}/params{rank}.pt")
    dist.destroy_process_group()


def test_two_process_ddp_trains_in_sync(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp.spawn(_worker, args=(2, port, str(tmp_path)), nprocs=2, join=True)
    with open(tmp_path / "log.csv", newline="") as f:
        log = list(csv.DictReader(f))
    assert [int(r["step"]) for r in log] == [1, 2, 3]
    a, b = torch.load(tmp_path / "params0.pt"), torch.load(tmp_path / "params1.pt")
    assert torch.equal(a, b)  # gradients were averaged: both replicas hold the same weights
    from difftheory.gpu_validation.checkpoint import load_checkpoint

    saved = torch.cat([v.flatten() for k, v in load_checkpoint(tmp_path / "checkpoint.pt")["model"].items()
                       if not k.endswith("k_fixed")])
    assert torch.equal(saved, a)
    from difftheory.gpu_validation.sampling import load_samples

    shards = sorted((tmp_path / "samples").glob("rank*.safetensors"))
    assert len(shards) == 2  # drawn on both ranks (samples 0, 2, 4 and 1, 3)
    x, labels = load_samples(shards)
    assert x.shape == (5, 1, 8, 8) and labels.tolist() == [0, 1, 2, 3, 4] and torch.isfinite(x).all()


SAMPLE_CFG = replace(get_config("tiny"), sample_steps=3, depth=2, cfg_scale=1.5)


def _sampling_model():
    from difftheory.gpu_validation.objective import build_kdiff

    torch.manual_seed(0)
    model = build_kdiff(SAMPLE_CFG).eval()
    with torch.no_grad():  # an untrained JiT predicts ~0; perturb so the samples depend on the network
        for p in model.parameters():
            p.add_(0.05 * torch.randn_like(p))
    return model


def _sampling_worker(rank, world, port, out):
    import os

    import torch.distributed as dist

    from difftheory.gpu_validation.distributed import setup_distributed
    from difftheory.gpu_validation.sampling import generate_samples

    os.environ.update(RANK=str(rank), WORLD_SIZE=str(world), LOCAL_RANK=str(rank), MASTER_ADDR="127.0.0.1",
                      MASTER_PORT=str(port))
    torch.set_num_threads(1)
    device, rank, world = setup_distributed(torch.device("cpu"))
    generate_samples(SAMPLE_CFG, _sampling_model(), 7, 5, device, Path(out), rank, world, batch=2)
    dist.destroy_process_group()


def test_samples_do_not_depend_on_ranks_or_batching(tmp_path):
    """Sample i is drawn from its own generator (seed, i): one rank in one batch and two gloo ranks in batches
    of two give identical samples (as edm2's generate_images)."""
    from difftheory.gpu_validation.sampling import generate_samples, load_samples

    one = generate_samples(SAMPLE_CFG, _sampling_model(), 7, 5, torch.device("cpu"), tmp_path / "one")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp.spawn(_sampling_worker, args=(2, port, str(tmp_path / "two")), nprocs=2, join=True)
    two = sorted((tmp_path / "two" / "samples").glob("rank*.safetensors"))
    assert len(one) == 1 and len(two) == 2
    (xa, ya), (xb, yb) = load_samples(one), load_samples(two)
    assert xa.shape == (7, 1, 8, 8) and ya.tolist() == yb.tolist() == [i % 10 for i in range(7)]
    assert xa.std() > 0.05 and torch.equal(xa, xb)
