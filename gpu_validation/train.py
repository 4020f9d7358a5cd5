"""Training loop of the k-Diff image pipeline: one code path from one CPU to many GPUs (torchrun + DDP).

AdamW (β = 0.9, 0.95; weight decay 0), linear warm-up then constant lr, EMAs, logit-normal t, class
drop, bf16 autocast on CUDA (kdiff Table 4). Every random draw of step s comes from a generator seeded
by (seed, s, rank), and the batch of step s is a pure function of (seed, s), so a resumed run repeats an
uninterrupted one exactly on CPU. A non-finite loss, or one grown to ``LOSS_GROWTH_LIMIT`` times the run's
first loss, stops the run before the update with a one-line message naming the setting; the last good
checkpoint is left untouched. A resumed run must continue the stored one: a checkpoint whose seed, k, bins
or training settings differ from the ones given is refused, naming the stored value. Logs k, dL/dk and the loss every
``log_every`` steps to ``log.csv`` (and TensorBoard when importable)."""

from __future__ import annotations

import copy
import csv
import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import torch
import torch.distributed as dist

from difftheory.gpu_validation.checkpoint import load_checkpoint, save_checkpoint, save_weights
from difftheory.gpu_validation.configs import Config
from difftheory.gpu_validation.data import batches, load_dataset
from difftheory.gpu_validation.objective import N_BINS_MAX, build_kdiff
from difftheory.io import atomic_write_text, check_writable_dir
from difftheory.theory.ktarget import KMODES
from difftheory.validate import check_choice, check_float, check_int

LOG_COLUMNS = ("step", "progress", "epoch", "loss", "k", "k1", "k_grad", "lr", "grad_norm", "images_per_s", "seconds")
EVAL_COLUMNS = ("step", "ema", "n_samples", "fd_pixels", "fid", "is")


# A loss above this multiple of the run's first loss (the untrained network's) stops training: a healthy run's
# loss falls below its start; per-batch noise moves it by tens of percent at batch >= 32, and the largest
# excursion of the tiny configs at a 100x too large lr (0.1) that still recovered was 3.5x its start, while
# runs that diverge pass 10x on their way to 1e4-1e9 (tiny-latent at lr 0.1: 100x by step 11).
LOSS_GROWTH_LIMIT = 10.0

# Settings a resumed run may change: they affect logging, checkpoint cadence and end-of-run sampling only.
RESUME_FREE = ("n_samples", "sample_steps", "solver", "cfg_scale", "cfg_interval", "log_every", "ckpt_every",
               "num_workers", "cpu_threads")


class TrainingDiverged(RuntimeError):
    """Training stopped before applying an update because the loss diverged (one-line message)."""


class NonFiniteLoss(TrainingDiverged):
    """The loss (or a sample) became NaN or ±inf; training stopped before applying the update."""


class LossGrew(TrainingDiverged):
    """The loss grew past ``LOSS_GROWTH_LIMIT`` times the run's first loss; training stopped before the update."""


@dataclass
class RunResult:
    out: Path
    steps: int
    total_steps: int
    k: dict
    seconds: float
    images_per_s: float
    log: Path
    checkpoint: Path
    samples: Path | None = None
    eval: dict = field(default_factory=dict)
    model: torch.nn.Module | None = field(default=None, repr=False)  # the trained KDiff (not the EMA)

    def to_dict(self) -> dict:
        return {"out": str(self.out), "steps": self.steps, "total_steps": self.total_steps, "k": self.k,
                "seconds": round(self.seconds, 3), "images_per_s": round(self.images_per_s, 2),
                "log": str(self.log), "checkpoint": str(self.checkpoint),
                "samples": None if self.samples is None else str(self.samples), "eval": self.eval}


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


def step_generator(seed: int, step: int, rank: int, device: torch.device) -> torch.Generator:
    """The generator of every random draw at ``step`` on ``rank`` (a pure function of its arguments)."""
    g = torch.Generator(device=device)
    g.manual_seed((seed * 1_000_003 + step) * 4099 + rank)
    return g


def lr_at(step: int, base: float, warmup: int) -> float:
    """Linear warm-up over ``warmup`` steps, then constant (kdiff Table 4; Goyal et al. 2017)."""
    return base if warmup <= 0 else base * min(1.0, (step + 1) / warmup)


@torch.no_grad()
def ema_update(ema: torch.nn.Module, model: torch.nn.Module, decay: float, step: int) -> None:
    """θ_ema ← β θ_ema + (1 − β) θ with β = min(decay, (1 + s)/(10 + s)) (short start-up)."""
    beta = min(decay, (1 + step) / (10 + step))
    e, m = list(ema.parameters()), list(model.parameters())
    torch._foreach_lerp_(e, [p.detach() for p in m], 1 - beta)


def _write_csv_atomic(path: Path, columns, rows) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def _tensorboard(out: Path, enabled: bool):
    if not enabled:
        return None
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError:
        return None
    return SummaryWriter(str(out / "tb"))


def validate_run_settings(seed, max_steps, k, n_bins, k_mode: str = "learn") -> tuple[int, int | None, float, int]:
    """(seed, max_steps, k, n_bins) checked before any work: ValueErrors name the parameter and its range."""
    check_choice("k_mode", k_mode, KMODES)
    seed = check_int("seed", seed, 0, 2**31 - 1)
    if max_steps is not None:
        max_steps = check_int("max_steps", max_steps, 1)
    if k_mode == "fixed":
        k = check_float("k", k, 0.0, 1.0)
    else:  # the initial value of a learned k = sigmoid(w): strictly inside (0, 1)
        k = check_float("k", k, 0.0, 1.0, lo_open=True, hi_open=True)
    return seed, max_steps, k, check_int("n_bins", n_bins, 1, N_BINS_MAX)


def _plain_settings(d: dict) -> dict:
    return json.loads(json.dumps(d, default=str))


def check_resume(state: dict, path: Path, cfg: Config, k_mode: str, k: float, n_bins: int, seed: int) -> None:
    """Refuse to resume ``state`` (read from ``path``) under other settings than it was trained with: the
    ValueError names the parameter, the value given and the value stored."""
    where = f"the value stored in checkpoint {str(path)!r}"
    if state["config"].get("name") != cfg.name:
        raise ValueError(f"cfg {cfg.name!r} differs from {where} ({state['config'].get('name')!r}); resume with the "
                         "stored value or train into a new out folder")
    stored = {"k_mode": state.get("k_mode"), "seed": state.get("seed"), "k": state.get("k_init"),
              "n_bins": state.get("n_bins")}
    model = state.get("model", {})
    if stored["k"] is None and k_mode == "fixed" and "target.k_fixed" in model:  # checkpoints before k_init was saved
        stored["k"] = float(model["target.k_fixed"])
    if stored["n_bins"] is None and k_mode == "binned" and "target.w_k" in model:
        stored["n_bins"] = int(model["target.w_k"].shape[0]) - 1
    given = {"k_mode": k_mode, "seed": seed, "k": k, "n_bins": n_bins}
    if k_mode != "binned" or stored["k_mode"] != "binned":
        stored.pop("n_bins")  # the bins matter only for k(t)
    for name, value in stored.items():
        if value is not None and value != given[name]:
            raise ValueError(f"{name} {given[name]!r} differs from {where} ({value!r}): a resumed run continues the "
                             "stored run; resume with the stored value or train into a new out folder")
    old, new = _plain_settings(state["config"]), _plain_settings(cfg.to_dict())
    for name in sorted(set(old) | set(new)):
        if name not in RESUME_FREE and old.get(name) != new.get(name):
            raise ValueError(f"cfg.{name} {new.get(name)!r} differs from {where} ({old.get(name)!r}); resume with "
                             "the stored settings or train into a new out folder")


def train(cfg: Config, out, data: str | None = None, device: str = "auto", max_steps: int | None = None,
          resume: bool = False, seed: int = 0, k_mode: str = "learn", k: float = 0.5, n_bins: int = 128,
          progress: bool = True, tensorboard: bool = True, dataset=None, fid_weights: str | None = None,
          fid_reference: str | None = None) -> RunResult:
    """Train ``cfg`` into ``out`` (log.csv, run.json, checkpoint.pt, ema.safetensors, samples, eval.csv).
    Every setting, the checkpoint to resume and the output folder are checked before training starts;
    ValueErrors name the parameter (``out``, ``seed``, ``k``, ``n_bins``, ``resume`` ...)."""
    threads = torch.get_num_threads()
    if cfg.cpu_threads and resolve_device(device).type == "cpu":
        torch.set_num_threads(cfg.cpu_threads)
    try:
        return _train(cfg, out, data, device, max_steps, resume, seed, k_mode, k, n_bins, progress, tensorboard,
                      dataset, fid_weights, fid_reference)
    finally:
        torch.set_num_threads(threads)


def _train(cfg, out, data, device, max_steps, resume, seed, k_mode, k, n_bins, progress, tensorboard, dataset,
           fid_weights, fid_reference) -> RunResult:
    from tqdm import tqdm

    seed, max_steps, k, n_bins = validate_run_settings(seed, max_steps, k, n_bins, k_mode)
    check_fid_settings(cfg, fid_weights, fid_reference)
    device, rank, world = setup_distributed(resolve_device(device))
    if cfg.batch_size % world:
        raise ValueError(f"cfg.batch_size {cfg.batch_size} of config {cfg.name!r} must be divisible by the world size {world}")
    out = Path(out)
    log_path, ckpt_path = out / "log.csv", out / "checkpoint.pt"
    state = None
    if resume:  # before anything is created: a missing, corrupt or mismatched checkpoint is refused first
        state = load_checkpoint(ckpt_path, map_location=device)
        check_resume(state, ckpt_path, cfg, k_mode, k, n_bins, seed)
    ds = dataset if dataset is not None else load_dataset(cfg, data)
    if ds.num_classes > cfg.num_classes:
        raise ValueError(f"data has {ds.num_classes} classes but config {cfg.name!r} has num_classes {cfg.num_classes}")
    if rank == 0:
        check_writable_dir("out", out)
    total = cfg.total_steps(len(ds))
    stop = total if max_steps is None else min(total, max_steps)
    warmup = cfg.warmup_steps(len(ds))

    torch.manual_seed(seed)  # initial weights
    model = build_kdiff(cfg, k_mode, k, n_bins).to(device)
    emas = {d: copy.deepcopy(model).requires_grad_(False).eval() for d in cfg.ema_decays}
    k_params = list(model.target.parameters())
    groups = [{"params": list(model.backbone.parameters()), "lr": cfg.lr, "base_lr": cfg.lr}]
    if k_params:
        groups.append({"params": k_params, "lr": cfg.k_lr or cfg.lr, "base_lr": cfg.k_lr or cfg.lr})
    opt = torch.optim.AdamW(groups, betas=cfg.betas, weight_decay=cfg.weight_decay)

    start, loss_start = 0, None
    if state is not None:
        try:
            model.load_state_dict(state["model"])
            for d, ema in emas.items():
                ema.load_state_dict(state["ema"][repr(d)])
            opt.load_state_dict(state["optimizer"])
            start = int(state["step"])
        except (KeyError, RuntimeError, ValueError, TypeError) as exc:
            raise ValueError(f"resume: checkpoint {str(ckpt_path)!r} does not fit config {cfg.name!r} "
                             f"({_first_line(exc)})") from None
        loss_start = state.get("loss_start")
    if rank == 0:
        run_info = {"config": cfg.name, "space": cfg.space, "backbone": cfg.backbone, "k_mode": k_mode, "k_init": k,
                    "n_bins": n_bins, "seed": seed, "total_steps": total, "world_size": world,
                    "device": device.type, "n_data": len(ds), "settings": cfg.to_dict()}
        atomic_write_text(out / "run.json", json.dumps(run_info, indent=2))
        rows = [r for r in _read_csv(log_path) if int(r["step"]) <= start] if resume else []
        _write_csv_atomic(log_path, LOG_COLUMNS, rows)
    net = model
    if world > 1:
        net = torch.nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    writer = _tensorboard(out, tensorboard) if rank == 0 else None
    cuda = device.type == "cuda"
    per_rank = cfg.batch_size // world

    def save(step: int) -> None:
        if rank == 0:
            save_checkpoint(ckpt_path, {
                "step": step, "model": model.state_dict(), "optimizer": opt.state_dict(),
                "ema": {repr(d): e.state_dict() for d, e in emas.items()}, "config": cfg.to_dict(),
                "k_mode": k_mode, "seed": seed, "k_init": k, "n_bins": n_bins, "loss_start": loss_start})
        if world > 1:
            dist.barrier()

    t_start, seen, done = time.perf_counter(), 0, start
    bar = tqdm(total=stop, initial=start, desc=f"train {cfg.name} k={k_mode}", unit="step",
               disable=not progress or rank != 0, dynamic_ncols=True)
    model.train()
    try:
        stream = batches(ds, start, stop, cfg.batch_size, rank, world, seed, cfg.num_workers, cuda)
        for step, x, y in stream:
            g = step_generator(seed, step, rank, device)
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            if cfg.hflip:  # horizontal flip, drawn per step (ADM / JiT augmentation)
                flip = torch.rand(x.shape[0], generator=g, device=device) < 0.5
                x = torch.where(flip[:, None, None, None], x.flip(-1), x)
            for grp in opt.param_groups:
                grp["lr"] = lr_at(step, grp["base_lr"], warmup)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=cuda):
                loss = net(x, y, g)
            lossv = loss.detach().float()
            if world > 1:
                dist.all_reduce(lossv)
                lossv /= world
            value = float(lossv)
            setting = (f"config {cfg.name!r} (k_mode {k_mode}, lr {cfg.lr:g}, k_lr {cfg.k_lr or cfg.lr:g}, "
                       f"seed {seed}); training stopped, the update was not applied; last good checkpoint: "
                       + (str(ckpt_path) if ckpt_path.exists() else "none (no checkpoint written yet)"))
            if not math.isfinite(value):
                raise NonFiniteLoss(f"non-finite loss ({value}) at step {step} of {setting}")
            if loss_start is None:
                loss_start = value
            elif loss_start > 0 and value > LOSS_GROWTH_LIMIT * loss_start:
                raise LossGrew(f"loss {value:.4g} at step {step} is more than {LOSS_GROWTH_LIMIT:g} times the run's "
                               f"first loss {loss_start:.4g}: training diverged, {setting}")
            opt.zero_grad(set_to_none=True)
            loss.backward()
            log_now = (step + 1) % cfg.log_every == 0 or step + 1 == stop
            grad_norm = float(torch.nn.utils.clip_grad_norm_(model.parameters(), float("inf"))) if log_now else 0.0
            opt.step()
            for d, ema in emas.items():
                ema_update(ema, model, d, step)
            seen += per_rank * world
            done = step + 1
            bar.update(1)
            if log_now and rank == 0:
                elapsed = time.perf_counter() - t_start
                ks = model.k_summary()
                row = {"step": done, "progress": done / total, "epoch": done * cfg.batch_size / len(ds),
                       "loss": value, "lr": opt.param_groups[0]["lr"], "grad_norm": grad_norm,
                       "images_per_s": seen / elapsed, "seconds": elapsed, **ks}
                with open(log_path, "a", newline="") as f:
                    csv.DictWriter(f, fieldnames=LOG_COLUMNS).writerow(row)
                bar.set_postfix(loss=f"{value:.4g}", k=f"{ks['k']:.3f}")
                if writer is not None:
                    for key in ("loss", "k", "k1", "k_grad", "lr", "grad_norm"):
                        if math.isfinite(row[key]):
                            writer.add_scalar(key, row[key], done)
            if done % cfg.ckpt_every == 0 and done < stop:
                save(done)
    finally:
        bar.close()
        if writer is not None:
            writer.close()
    elapsed = time.perf_counter() - t_start
    if done > start:
        save(done)
    result = RunResult(out, done, total, model.k_summary() | {"k_grad": float("nan")}, elapsed,
                       seen / elapsed if elapsed > 0 else 0.0, log_path, ckpt_path, model=model)
    best = max(emas)  # the slowest EMA for samples
    if rank == 0:
        save_weights(out / "ema.safetensors", emas[best])
    if cfg.n_samples > 0:
        shards = generate_samples(cfg, emas[best], cfg.n_samples, seed, device, out, rank, world)
        if rank == 0:
            result.samples, result.eval = evaluate_samples(cfg, shards, ds, out, done, fid_weights, fid_reference,
                                                           device)
            result.eval["ema"] = best
    if world > 1:
        dist.barrier()
    return result


def _to_storage(x: torch.Tensor, space: str) -> torch.Tensor:
    """Pixel samples as uint8 (8-bit images, as evaluated); latents as float32."""
    if space == "pixel":
        return ((x.float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)
    return x.float()


def _from_storage(x: torch.Tensor) -> torch.Tensor:
    return x.float() / 127.5 - 1 if x.dtype == torch.uint8 else x.float()


@torch.no_grad()
def generate_samples(cfg: Config, model, n: int, seed: int, device, out: Path, rank: int = 0, world: int = 1) -> list[Path]:
    """``n`` EMA samples, sample i with label i mod C (Heun, CFG in the guidance interval). Each rank draws
    the samples i ≡ rank (mod world) and writes its shard ``out/samples/rankNNN.safetensors`` (``samples``
    uint8 images or float latents, ``labels``, ``index``); returns all shard paths (after a barrier)."""
    idx = torch.arange(rank, n, world)
    y = (idx % cfg.num_classes).to(device)
    g = torch.Generator(device=device).manual_seed(seed * 7919 + 104729 + rank)
    chunks = []
    for i in range(0, len(idx), 256):
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            x = model.generate(y[i:i + 256], cfg.sample_steps, cfg.solver, cfg.cfg_scale, cfg.cfg_interval, generator=g)
        if not torch.isfinite(x).all():
            raise NonFiniteLoss(f"sampling config {cfg.name!r} produced non-finite values")
        chunks.append(_to_storage(x, cfg.space).cpu())
    from safetensors.torch import save_file

    folder = out / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    if rank == 0:
        for old in folder.glob("rank*.safetensors"):
            if int(old.stem[4:]) >= world:
                old.unlink()  # shards of an earlier run with more ranks
    path = folder / f"rank{rank:03d}.safetensors"
    tmp = path.with_name(path.name + ".tmp")
    save_file({"samples": torch.cat(chunks).contiguous(), "labels": y.cpu(), "index": idx}, str(tmp))
    os.replace(tmp, path)
    if world > 1:
        dist.barrier()
    return [folder / f"rank{r:03d}.safetensors" for r in range(world)]


def iter_samples(shards, batch: int = 250):
    """Batches of samples (in [−1, 1] for images) from the shards, one shard in memory at a time."""
    from safetensors.torch import load_file

    for path in shards:
        x = load_file(str(path))["samples"]
        for i in range(0, x.shape[0], batch):
            yield _from_storage(x[i:i + batch])


def load_samples(shards) -> tuple[torch.Tensor, torch.Tensor]:
    """All samples (ordered by index) and labels: for small runs."""
    from safetensors.torch import load_file

    parts = [load_file(str(p)) for p in shards]
    index = torch.cat([p["index"] for p in parts])
    order = torch.argsort(index)
    return (_from_storage(torch.cat([p["samples"] for p in parts]))[order], torch.cat([p["labels"] for p in parts])[order])


def check_fid_settings(cfg: Config, fid_weights, fid_reference) -> None:
    """Fail before training, not after it, when FID/IS were asked for but cannot be computed."""
    if fid_weights is None:
        return
    from difftheory.gpu_validation.evaluate import check_fid_weights

    check_fid_weights(fid_weights)
    if cfg.space == "latent":
        raise ValueError(f"fid_weights: config {cfg.name!r} samples latents; decode samples/rank*.safetensors with "
                         "the VA-VAE tokenizer, compute FID/IS, and add them as columns fid, is of eval.csv")
    if fid_reference is None or not Path(fid_reference).exists():
        raise ValueError(f"fid_reference (an .npz of Inception mu/sigma, or an image folder) is required with "
                         f"fid_weights, got {None if fid_reference is None else str(fid_reference)!r}")
    if cfg.n_samples < 2:
        raise ValueError(f"n_samples must be >= 2 for FID/IS, got {cfg.n_samples}")
    import importlib.util

    if importlib.util.find_spec("torch_fidelity") is None:
        raise ValueError("fid_weights: FID/IS need torch-fidelity (pip install 'difftheory[gpu]')")


def _first_line(exc: BaseException, limit: int = 200) -> str:
    """An exception as one short line (for one-line errors)."""
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return f"{type(exc).__name__}: {text[:limit]}"


def evaluate_samples(cfg: Config, shards, ds, out: Path, step: int, fid_weights=None, fid_reference=None,
                     device="cpu"):
    """samples.png (pixel space); Fréchet distance on raw pixels against the training data (images of at
    most 4096 values) and FID/IS when ``fid_weights`` is given (streamed over the shards); one row appended
    to eval.csv."""
    from difftheory.gpu_validation.evaluate import fid_is, frechet_distance_features

    from safetensors.torch import load_file

    head = _from_storage(load_file(str(shards[0]))["samples"][:100])
    n = sum(load_file(str(p))["index"].numel() for p in shards)
    if cfg.space == "pixel":
        _save_grid(head, out / "samples.png")
    row = {"step": step, "ema": max(cfg.ema_decays), "n_samples": n, "fd_pixels": "", "fid": "", "is": ""}
    if head[0].numel() <= 4096 and len(ds) >= 2 and n >= 2:
        x = load_samples(shards)[0]
        ref = torch.stack([ds[i][0] for i in range(min(len(ds), 2000))]).flatten(1).numpy()
        row["fd_pixels"] = frechet_distance_features(x.flatten(1).numpy(), ref)
    if fid_weights is not None:
        ref = fid_reference
        if not str(fid_reference).endswith(".npz"):
            from difftheory.gpu_validation.data import ImageFolderDataset

            rds = ImageFolderDataset(fid_reference, cfg.image_size)
            ref = (x for x, _ in torch.utils.data.DataLoader(rds, batch_size=250, num_workers=cfg.num_workers))
        res = fid_is(iter_samples(shards), ref, fid_weights, device)
        row["fid"], row["is"] = res["fid"], res["is"]
    rows = _read_csv(out / "eval.csv") + [row]
    _write_csv_atomic(out / "eval.csv", EVAL_COLUMNS, rows)
    return out / "samples", {k: row[k] for k in ("fd_pixels", "fid", "is") if row[k] != ""}


def _save_grid(x: torch.Tensor, path: Path, cols: int = 10) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = ((x[: cols * cols].clamp(-1, 1) + 1) / 2).permute(0, 2, 3, 1).numpy()
    rows = math.ceil(x.shape[0] / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(cols, rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, img in zip(axes.flat, x):
        ax.imshow(img.squeeze(-1) if img.shape[-1] == 1 else img, cmap="gray", vmin=0, vmax=1)
    tmp = path.with_name(path.stem + ".tmp.png")
    fig.savefig(tmp, dpi=80, bbox_inches="tight")
    plt.close(fig)
    os.replace(tmp, path)
