"""``difftheory gpu-validate``: train / sample / evaluate the k-Diff image pipeline (one CPU to many GPUs).

    difftheory gpu-validate --config tiny --device cpu            # ~20 s on 2 cores, digits, no download
    torchrun --nproc_per_node 8 -m difftheory gpu-validate --config jit-b16 --data /data/imagenet/train
"""

from __future__ import annotations

import sys

from difftheory.io import dumps


def add_arguments(p):
    from difftheory.gpu_validation.configs import CONFIGS
    from difftheory.theory.kdiff_target import KMODES

    p.add_argument("--config", default="tiny", metavar="NAME",
                   help=f"named configuration: {', '.join(CONFIGS)} (default tiny)")
    p.add_argument("--data", metavar="PATH", help="ImageNet-style folder root/<class>/<image>, or a folder of latent "
                   ".safetensors shards with latents_stats.safetensors (tiny configs: scikit-learn digits)")
    p.add_argument("--device", default="auto", help="auto (CUDA when present), cpu or cuda")
    p.add_argument("--out", metavar="DIR", help="output folder (default runs/<config>-<k-mode>)")
    p.add_argument("--max-steps", type=int, metavar="N", help="stop after N steps (the schedule keeps the config's length)")
    p.add_argument("--resume", action="store_true", help="continue from DIR/checkpoint.pt (exactly)")
    p.add_argument("--k-mode", default="learn", help=f"target: {', '.join(KMODES)} (default learn)")
    p.add_argument("--k", type=float, default=0.5, help="initial (learn/two/binned) or fixed k (default 0.5)")
    p.add_argument("--n-bins", type=int, default=128, help="bins of the time-dependent k(t) (default 128, at most 4096)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--samples", type=int, metavar="N", help="EMA samples drawn at the end (FID-50k: 50000; default per config)")
    p.add_argument("--fid-weights", metavar="FILE", help="local Inception-v3 weights of torch-fidelity (weights-inception-2015-12-05-6726825d.pth) for FID/IS")
    p.add_argument("--fid-reference", metavar="PATH", help="reference Inception statistics (.npz mu, sigma) or image folder")
    p.add_argument("--list", action="store_true", help="list the named configurations and exit")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.add_argument("--json", action="store_true", help="print one JSON object")


# Library errors name parameters; the command speaks in flags. Names with an underscore are unambiguous
# anywhere in a message; one-word names are translated where they lead the message (the named argument).
_FLAGS = {"max_steps": "--max-steps", "k_mode": "--k-mode", "n_bins": "--n-bins", "fid_weights": "--fid-weights",
          "fid_reference": "--fid-reference", "n_samples": "--samples"}
_LEADING = {"seed": "--seed", "k": "--k", "out": "--out", "data": "--data", "device": "--device",
            "resume": "--resume", "config": "--config", "cfg": "--config"}


def to_flags(message: str) -> str:
    """A library error message with parameter names replaced by this command's flags."""
    import re

    for name, flag in _FLAGS.items():
        message = re.sub(rf"(?<![\w./'-]){name}\b", flag, message)
    first, sep, rest = message.partition(" ")
    key = first.rstrip(":")
    if key in _LEADING:
        message = _LEADING[key] + first[len(key):] + sep + rest
    return message


def run(args) -> int:
    from difftheory.gpu_validation.configs import CONFIGS

    if args.list:
        for name, c in CONFIGS.items():
            print(f"{name}\t{c.kind}\t{c.backbone}\t{c.space}\t{c.image_size}px\tpatch {c.patch}\twidth {c.width}"
                  f"\tdepth {c.depth}\theads {c.heads}")
        return 0
    from difftheory.training import TrainingDiverged

    try:
        payload, lines = _run(args)
    except ValueError as exc:
        raise ValueError(to_flags(str(exc))) from None
    except TrainingDiverged as exc:
        print(f"difftheory gpu-validate: {exc}", file=sys.stderr)
        return 1
    import os

    if int(os.environ.get("RANK", "0")) == 0:
        print(dumps(payload) if args.json else "\n".join(lines))
    return 0


def _run(args):
    from dataclasses import replace

    from difftheory.gpu_validation.configs import get_config
    from difftheory.theory.kdiff_target import TargetSpec
    from difftheory.validate import check_int

    cfg = get_config(args.config)
    if args.samples is not None:
        cfg = replace(cfg, n_samples=check_int("--samples", args.samples, 0))
    out = args.out or f"runs/{cfg.name}" + ("" if cfg.kind == "sweep" else f"-{args.k_mode}")
    if cfg.kind == "sweep":
        from difftheory.gpu_validation.resolution_sweep import resolution_sweep

        if args.resume:
            raise ValueError(f"--resume is not available for the sweep config {cfg.name!r} (each resolution is a "
                             "fresh run); run the sweep again")

        res = resolution_sweep(cfg, out, args.data, args.device, args.seed, args.max_steps,
                               progress=not args.no_progress)
        payload = {"config": cfg.name, "out": out, **res}
        lines = [f"{'res':>5} {'D':>7} {'d_hat':>6} {'k learned':>10} {'k drift':>8} {'D/(D+d_hat)':>12} {'k* linear':>10}"]
        lines += [f"{r['resolution']:>5} {r['D']:>7} {r['d_hat']:>6} {float(r['k_learned']):>10.3f} "
                  f"{float(r['k_drift']):>8.4f} {float(r['k_ratio']):>12.3f} {float(r['k_star_linear']):>10.3f}"
                  for r in res["rows"]]
        lines.append(f"rise of learned k per doubling of the side: {res['slope_per_doubling']:.4f} "
                     f"(regression 95% CI [{res['slope_lo']:.4f}, {res['slope_hi']:.4f}]); largest |k drift| over the "
                     f"last 20% of a run: {res['drift_max']:.4f}; Spearman(k, D/(D+d_hat)) = {res['spearman']:.2f}; "
                     f"{out}/sweep.csv")
        return payload, lines
    from difftheory.gpu_validation.train import train

    cfg = replace(cfg, target=TargetSpec(args.k_mode, args.k, args.n_bins), seed=args.seed)
    r = train(cfg, out, data=args.data, device=args.device, max_steps=args.max_steps, resume=args.resume,
              progress=not args.no_progress, fid_weights=args.fid_weights, fid_reference=args.fid_reference)
    payload = {"config": cfg.name, "k_mode": cfg.target.k_mode, **r.to_dict()}
    lines = [f"{cfg.name} ({cfg.target.k_mode}): {r.steps}/{r.total_steps} steps in {r.seconds:.1f} s "
             f"({r.images_per_s:.0f} images/s); k = {r.k['k']:.4f}",
             f"log: {r.log}  checkpoint: {r.checkpoint}" + (f"  samples: {r.samples}" if r.samples else "")]
    if r.eval:
        lines.append("eval: " + ", ".join(f"{k} {v:.4g}" for k, v in r.eval.items() if isinstance(v, float)))
    return payload, lines

