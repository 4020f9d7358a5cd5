"""Training loop of the k-Diff image pipeline: one code path from one CPU to many GPUs (torchrun + DDP).

The run spec is one ``configs.Config`` (k-target, seed, every setting), saved whole into the checkpoint and
``run.json``. AdamW (β = 0.9, 0.95; weight decay 0), linear warm-up then constant lr, EMAs, logit-normal t,
class drop, bf16 autocast on CUDA (kdiff Table 4). Every random draw of step s comes from a generator seeded by
(seed, s, rank) and the batch of step s is a pure function of (seed, s), so a resumed run (which must continue
the stored one: ``checkpoint.check_resume``) repeats an uninterrupted one exactly on CPU. A non-finite loss, or
one grown to ``LOSS_GROWTH_LIMIT`` times the run's first loss, stops the run before the update with one line
(``difftheory.training.check_loss``), the last good checkpoint untouched. At the end: EMA samples
(``sampling``) and their evaluation (``evaluate.evaluate_samples``). The run's files: ``runfiles``."""

from __future__ import annotations

import copy
import time
from pathlib import Path

import torch
import torch.distributed as dist

from difftheory.gpu_validation import runfiles
from difftheory.gpu_validation.checkpoint import (check_resume, check_step, load_checkpoint, restore, save_checkpoint,
                                                  save_weights)
from difftheory.gpu_validation.configs import Config
from difftheory.gpu_validation.datasets import batches, load_dataset
from difftheory.gpu_validation.distributed import resolve_device, setup_distributed
from difftheory.gpu_validation.evaluate import check_fid_settings, evaluate_samples
from difftheory.gpu_validation.objective import build_kdiff
from difftheory.gpu_validation.sampling import generate_samples
from difftheory.io import check_writable_dir
from difftheory.training import check_loss, warmup_constant_lr
from difftheory.validate import check_int

# A loss above this multiple of the run's first loss (the untrained network's) stops training: a healthy run's
# loss falls below its start; per-batch noise moves it by tens of percent at batch >= 32, and the largest
# excursion of the tiny configs at a 100x too large lr (0.1) that still recovered was 3.5x its start, while
# runs that diverge pass 10x on their way to 1e4-1e9 (tiny-latent at lr 0.1: 100x by step 11).
LOSS_GROWTH_LIMIT = 10.0


def step_generator(seed: int, step: int, rank: int, device: torch.device) -> torch.Generator:
    """The generator of every random draw at ``step`` on ``rank`` (a pure function of its arguments)."""
    g = torch.Generator(device=device)
    g.manual_seed((seed * 1_000_003 + step) * 4099 + rank)
    return g


@torch.no_grad()
def ema_update(ema: torch.nn.Module, model: torch.nn.Module, decay: float, step: int) -> None:
    """θ_ema ← β θ_ema + (1 − β) θ with β = min(decay, (1 + s)/(10 + s)) (short start-up)."""
    beta = min(decay, (1 + step) / (10 + step))
    e, m = list(ema.parameters()), list(model.parameters())
    torch._foreach_lerp_(e, [p.detach() for p in m], 1 - beta)


def check_max_steps(max_steps: int | None) -> int | None:
    return max_steps if max_steps is None else check_int("max_steps", max_steps, 1)


def train(
    cfg: Config,                 # the run spec: target, seed and every training and sampling setting
    out,                         # the run folder (log.csv, run.json, checkpoint.pt, ema.safetensors, samples, eval.csv)
    *,
    data: str | None = None,     # image folder or latent shards (None: the config's built-in data, e.g. digits)
    device: str = "auto",        # auto | cpu | cuda
    max_steps: int | None = None,  # stop after this many steps of this run (the schedule keeps cfg's length)
    resume: bool = False,        # continue from out/checkpoint.pt, exactly (the run spec must match it)
    progress: bool = True,       # a progress bar on rank 0
    tensorboard: bool = True,    # TensorBoard scalars in out/tb when importable
    dataset=None,                # a dataset object instead of ``data`` (the resolution sweep)
    fid_weights: str | None = None,    # local Inception-v3 weights: FID/IS of the end-of-run samples
    fid_reference: str | None = None,  # reference statistics (.npz) or image folder for FID
) -> runfiles.RunResult:
    """Train ``cfg`` into ``out``. Every setting, the checkpoint to resume and the output folder are checked
    before training starts; ValueErrors name the parameter (``out``, ``max_steps``, ``resume``, ``data`` ...)."""
    threads = torch.get_num_threads()
    if cfg.cpu_threads and resolve_device(device).type == "cpu":
        torch.set_num_threads(cfg.cpu_threads)
    try:
        return _train(cfg, Path(out), data, device, check_max_steps(max_steps), resume, progress, tensorboard,
                      dataset, fid_weights, fid_reference)
    finally:
        torch.set_num_threads(threads)


def _train(cfg, out, data, device, max_steps, resume, progress, tensorboard, dataset, fid_weights, fid_reference):
    from tqdm import tqdm

    check_fid_settings(cfg, fid_weights, fid_reference)
    device, rank, world = setup_distributed(resolve_device(device))
    if cfg.batch_size % world:
        raise ValueError(f"cfg.batch_size {cfg.batch_size} of config {cfg.name!r} must be divisible by the world size {world}")
    log_path, ckpt_path, state = out / "log.csv", out / "checkpoint.pt", None
    if resume:  # before anything is created: a missing, corrupt or mismatched checkpoint is refused first
        check_resume(state := load_checkpoint(ckpt_path, map_location=device), ckpt_path, cfg)
    if rank == 0 and out.is_dir():  # the log and evaluations it continues must be readable
        runfiles.check_run_files(out, resume)
    ds = dataset if dataset is not None else load_dataset(cfg, data)
    if ds.num_classes > cfg.num_classes:
        raise ValueError(f"data has {ds.num_classes} classes but config {cfg.name!r} has num_classes {cfg.num_classes}")
    if rank == 0:
        check_writable_dir("out", out)
    total = cfg.total_steps(len(ds))
    if state is not None:
        check_step(state, ckpt_path, total)
    stop = total if max_steps is None else min(total, max_steps)
    warmup = cfg.warmup_steps(len(ds))

    torch.manual_seed(cfg.seed)  # initial weights
    model = build_kdiff(cfg).to(device)
    emas = {d: copy.deepcopy(model).requires_grad_(False).eval() for d in cfg.ema_decays}
    k_params = list(model.target.parameters())
    groups = [{"params": list(model.backbone.parameters()), "lr": cfg.lr, "base_lr": cfg.lr}]
    if k_params:
        groups.append({"params": k_params, "lr": cfg.k_lr or cfg.lr, "base_lr": cfg.k_lr or cfg.lr})
    opt = torch.optim.AdamW(groups, betas=cfg.betas, weight_decay=cfg.weight_decay)
    start, loss_start = (0, None) if state is None else restore(state, ckpt_path, cfg, model, emas, opt)
    if rank == 0:
        runfiles.write_run_info(out, cfg, total, world, device, len(ds))
        runfiles.start_log(log_path, start if resume else None)
    cuda, per_rank = device.type == "cuda", cfg.batch_size // world
    net = model if world == 1 else torch.nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if cuda else None)
    writer = runfiles.tensorboard(out, tensorboard) if rank == 0 else None

    def save(step: int) -> None:
        if rank == 0:
            save_checkpoint(ckpt_path, {
                "step": step, "model": model.state_dict(), "optimizer": opt.state_dict(),
                "ema": {repr(d): e.state_dict() for d, e in emas.items()}, "config": cfg.to_dict(),
                "loss_start": loss_start})
        if world > 1:
            dist.barrier()

    t_start, seen, done = time.perf_counter(), 0, start
    bar = tqdm(total=stop, initial=start, desc=f"train {cfg.name} k={cfg.target.k_mode}", unit="step",
               disable=not progress or rank != 0, dynamic_ncols=True)
    model.train()
    try:
        for step, x, y in batches(ds, start, stop, cfg.batch_size, rank, world, cfg.seed, cfg.num_workers, cuda):
            g = step_generator(cfg.seed, step, rank, device)
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            if cfg.hflip:  # horizontal flip, drawn per step (ADM / JiT augmentation)
                flip = torch.rand(x.shape[0], generator=g, device=device) < 0.5
                x = torch.where(flip[:, None, None, None], x.flip(-1), x)
            for grp in opt.param_groups:
                grp["lr"] = warmup_constant_lr(grp["base_lr"], step, warmup)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=cuda):
                loss = net(x, y, g)
            lossv = loss.detach().float()
            if world > 1:
                dist.all_reduce(lossv)
                lossv /= world
            value = float(lossv)
            check_loss(value, loss_start, LOSS_GROWTH_LIMIT,
                       f"at step {step} of config {cfg.name!r} (k_mode {cfg.target.k_mode}, lr {cfg.lr:g}, "
                       f"k_lr {cfg.k_lr or cfg.lr:g}, seed {cfg.seed})",
                       "training diverged and stopped, the update was not applied; last good checkpoint: "
                       + (str(ckpt_path) if ckpt_path.exists() else "none (no checkpoint written yet)"))
            if loss_start is None:
                loss_start = value
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
                runfiles.append_log(log_path, row)
                bar.set_postfix(loss=f"{value:.4g}", k=f"{ks['k']:.3f}")
                runfiles.log_scalars(writer, row, done)
            if done % cfg.ckpt_every == 0 and done < stop:
                save(done)
    finally:
        bar.close()
        if writer is not None:
            writer.close()
    elapsed = time.perf_counter() - t_start
    if done > start:
        save(done)
    result = runfiles.RunResult(out, done, total, model.k_summary() | {"k_grad": float("nan")}, elapsed,
                                seen / elapsed if elapsed > 0 else 0.0, log_path, ckpt_path, model=model)
    best = max(emas)  # the slowest EMA for samples
    if rank == 0:
        save_weights(out / "ema.safetensors", emas[best])
    if cfg.n_samples > 0:
        shards = generate_samples(cfg, emas[best], cfg.n_samples, cfg.seed, device, out, rank, world)
        if rank == 0:
            result.samples, result.eval = evaluate_samples(cfg, shards, ds, out, done, fid_weights, fid_reference,
                                                           device)
            result.eval["ema"] = best
    if world > 1:
        dist.barrier()
    return result
