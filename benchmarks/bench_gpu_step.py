"""k-Diff pipeline benchmarks, measured side by side in one script:

1. a k-Diff training step (learnable k) vs the same backbone with a fixed target (goal: ratio <= 1.02),
   interleaved repeats, medians;
2. images/s of the tiny config's training step on this machine (CPU here; CUDA when present);
3. FLOPs per image (forward) of the named configs, counted by torch.utils.flop_counter on the meta
   device (no memory, no weights): GFLOPs = 2 × multiply-accumulates; kdiff Table 1 quotes DiT-style
   "Gflops", which count multiply-accumulates (JiT-B/16: 25, LightningDiT-XL/1: 119);
4. the CPU resolution sweep (``kdiff.gpu.resolution_sweep_cpu``): CPU seconds per training step and
   resolution at the sweep's batch of 32 against the earlier batch of 64, side by side, and the cost of the
   claim's plans (quick: 2 seeds x 60 steps, full: 5 seeds x 500 steps) estimated from it.

    python benchmarks/bench_gpu_step.py [--repeats 30] [--device auto] [--sweep-steps 40]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

import torch

from difftheory.gpu_validation.configs import CONFIGS, build_backbone, get_config
from difftheory.gpu_validation.distributed import resolve_device
from difftheory.gpu_validation.objective import build_kdiff
from difftheory.theory.kdiff_target import TargetSpec


def step_time(model, opt, x, y, g, device) -> float:
    if device.type == "cuda":
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
        loss = model(x, y, g)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - t0


def compare_targets(cfg, device, repeats: int, batch: int) -> dict:
    """Median step time of learn-k vs fixed-k (same initial backbone weights, same batch), interleaved."""
    models = {}
    for k_mode in ("learn", "fixed"):
        torch.manual_seed(0)
        m = build_kdiff(replace(cfg, target=TargetSpec(k_mode, 0.5))).to(device)
        models[k_mode] = (m, torch.optim.AdamW(m.parameters(), lr=cfg.lr, betas=cfg.betas))
    x = torch.randn(batch, cfg.channels, cfg.image_size, cfg.image_size, device=device).clamp(-1, 1)
    y = torch.randint(0, cfg.num_classes, (batch,), device=device)
    times = {mode: [] for mode in models}
    for i in range(repeats + 3):
        for mode, (m, opt) in (models.items() if i % 2 else reversed(models.items())):
            dt = step_time(m, opt, x, y, torch.Generator(device=device).manual_seed(i), device)
            if i >= 3:  # warm-up
                times[mode].append(dt)
    med = {mode: statistics.median(v) for mode, v in times.items()}
    return {"config": cfg.name, "batch": batch, "learn_ms": 1e3 * med["learn"], "fixed_ms": 1e3 * med["fixed"],
            "ratio": med["learn"] / med["fixed"], "images_per_s_learn": batch / med["learn"]}


def flops_per_image(name: str) -> dict:
    from torch.utils.flop_counter import FlopCounterMode

    cfg = get_config(name)
    with torch.device("meta"):
        net = build_backbone(cfg)
        z = torch.randn(1, cfg.channels, cfg.image_size, cfg.image_size)
        t, y = torch.rand(1), torch.zeros(1, dtype=torch.long)
        counter = FlopCounterMode(display=False)
        with counter:
            net(z, t, y)
    flops = counter.get_total_flops()
    params = sum(p.numel() for p in net.parameters())
    return {"config": name, "params_M": params / 1e6, "GFLOPs": flops / 1e9, "GMACs": flops / 2e9}


def sweep_step_cost(batch: int, steps: int) -> float:
    """CPU seconds per training step and resolution of sweep-tiny (8, 16, 32 px) at ``batch``, one thread."""
    import tempfile

    from difftheory.gpu_validation.resolution_sweep import resolution_sweep

    cfg = replace(get_config("sweep-tiny"), steps=steps, batch_size=batch)
    with tempfile.TemporaryDirectory() as tmp:
        resolution_sweep(replace(cfg, steps=2), tmp + "/warm", device="cpu", progress=False)  # imports, PCA, k*
        t0 = time.process_time()
        resolution_sweep(cfg, tmp + "/run", device="cpu", progress=False)
        return (time.process_time() - t0) / (steps * len(cfg.resolutions))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--sweep-steps", type=int, default=40, help="steps per resolution for section 4 (0: skip)")
    args = ap.parse_args()
    device = resolve_device(args.device)
    if device.type == "cpu":
        torch.set_num_threads(1)
    print(f"device: {device}")
    print("\n1-2. k-Diff step (learn k) vs fixed target, same backbone")
    # (config, batch, repeats): the tiny config; JiT-B/16 geometry (256 px, patch 16) at width 128 and at its
    # real width 768 (depth 2): the k-Diff overhead is elementwise on the image, so it shrinks as the
    # backbone's share of the step grows
    cases = [(get_config("tiny"), 64, args.repeats),
             (replace(CONFIGS["jit-b16"].reduced(width=128, depth=2, heads=4, num_classes=10), name="jit-b16 w128 d2"), 4, args.repeats),
             (replace(CONFIGS["jit-b16"].reduced(width=768, depth=2, heads=12, num_classes=10), name="jit-b16 w768 d2"), 4, max(6, args.repeats // 3))]
    if device.type == "cuda":
        cases += [(get_config("jit-b16"), 32, args.repeats), (get_config("lightningdit-xl1"), 32, args.repeats)]
    for cfg, batch, reps in cases:
        r = compare_targets(cfg, device, reps, batch)
        print(f"  {r['config']:<18} batch {r['batch']:>3}: learn {r['learn_ms']:8.2f} ms  fixed {r['fixed_ms']:8.2f} ms  "
              f"ratio {r['ratio']:.3f}  ({r['images_per_s_learn']:.0f} images/s)")
    print("\n3. forward FLOPs per image (meta device)")
    for name in ("jit-b16", "jit-b32", "lightningdit-xl1", "tiny", "tiny-latent"):
        r = flops_per_image(name)
        print(f"  {name:<18} params {r['params_M']:8.2f} M  {r['GFLOPs']:9.3f} GFLOPs  ({r['GMACs']:.3f} GMACs)")
    if args.sweep_steps > 0:
        from difftheory.gpu_validation.resolution_sweep import SWEEP_SEEDS, SWEEP_STEPS

        print("\n4. CPU resolution sweep (sweep-tiny, 8/16/32 px, one thread), interleaved")
        cost = {64: [], 32: []}
        for _ in range(2):
            for batch in (64, 32):
                cost[batch].append(sweep_step_cost(batch, args.sweep_steps))
        c64, c32 = statistics.median(cost[64]), statistics.median(cost[32])
        print(f"  CPU s per step and resolution: batch 64 {c64 * 1e3:.1f} ms, batch 32 {c32 * 1e3:.1f} ms "
              f"(ratio {c64 / c32:.2f})")
        for scale in ("quick", "full"):
            n = SWEEP_SEEDS[scale] * SWEEP_STEPS[scale] * 3
            print(f"  {scale}: {SWEEP_SEEDS[scale]} seeds x {SWEEP_STEPS[scale]} steps x 3 resolutions = "
                  f"{n * c32:.0f} CPU-s of training (plus ~4 s of imports, PCA and k*)")


if __name__ == "__main__":
    main()
