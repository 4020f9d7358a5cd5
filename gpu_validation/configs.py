"""Named configurations of the k-Diff image pipeline (kdiff Table 4 and tiny CPU variants).

One dataclass, the run spec, holds every setting of a run: backbone, data, the k-target (a
``theory.kdiff_target.TargetSpec``), seed, optimiser, time sampler, EMA, CFG and sampling. It is the single
source of truth: saved whole into the checkpoint and ``run.json``, and compared field by field when a run
is resumed (``checkpoint.check_resume``). Scale is a parameter, so ``tiny`` runs exactly the code path of
``jit-b16`` with smaller numbers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from difftheory.theory.kdiff_target import TargetSpec
from difftheory.validate import check_choice, check_float, check_int

BACKBONES = ("jit", "lightningdit")
SPACES = ("pixel", "latent")
DATA_KINDS = ("digits", "imagefolder", "latents")
KINDS = ("train", "sweep")

# Most bins of the time-dependent k(t): 32 x the paper's 128 (kdiff App. E). Finer k(t) cannot be trained: with
# Table 4's batch of 1024 a bin of 4096 would see on average a quarter of a sample per step (fewer still in the
# tails of the logit-normal t), and the vector of bin values must fit in memory (3e9 bins would not).
N_BINS_MAX = 4096


@dataclass(frozen=True)
class Config:
    name: str
    kind: str = "train"  # train | sweep (resolution sweep, see resolution_sweep.py)
    # the k-target (k_mode, initial or fixed k, n_bins) and the seed of initial weights, batches and noise
    target: TargetSpec = TargetSpec()
    seed: int = 0
    # backbone
    backbone: str = "jit"
    space: str = "pixel"
    image_size: int = 256
    channels: int = 3
    patch: int = 16
    width: int = 768
    depth: int = 12
    heads: int = 12
    bottleneck: int = 128
    context_tokens: int = 32
    context_start: int = 4
    num_classes: int = 1000
    # data
    data: str = "imagefolder"
    hflip: bool = True
    num_workers: int = 8
    cpu_threads: int | None = None  # torch threads on CPU (1 is fastest for the tiny models on busy cores)
    # training  (kdiff Table 4)
    batch_size: int = 1024  # global, split over the DDP ranks
    epochs: float = 600.0
    steps: int | None = None  # overrides epochs when set
    warmup_epochs: float = 5.0
    lr: float = 2e-4
    k_lr: float | None = None  # learning rate of w_k (None: lr)
    betas: tuple[float, float] = (0.9, 0.95)
    weight_decay: float = 0.0
    ema_decays: tuple[float, ...] = (0.9996, 0.9998, 0.9999)
    sampler_mu: float = -0.8  # logit(t) ~ N(μ, σ²)
    sampler_sigma: float = 0.8
    noise_scale: float = 1.0
    clamp: float = 0.05  # minimum of the velocity denominator (kdiff §4)
    class_drop: float = 0.1
    log_every: int = 100
    ckpt_every: int = 5000
    # sampling  (kdiff §5, Table 4)
    sample_steps: int = 50
    solver: str = "heun"
    cfg_scale: float = 2.9
    cfg_interval: tuple[float, float] = (0.1, 1.0)
    n_samples: int = 64  # EMA samples drawn at the end of a run (FID/IS use --fid-samples)
    # resolution sweep
    resolutions: tuple[int, ...] = field(default=())
    tokens_per_side: int = 4

    def __post_init__(self):
        check_choice("kind", self.kind, KINDS)
        if isinstance(self.target, dict):  # as stored in a checkpoint or run.json
            object.__setattr__(self, "target", TargetSpec(**self.target))
        if not isinstance(self.target, TargetSpec):
            raise ValueError(f"target must be a TargetSpec, got {type(self.target).__name__}")
        check_int("n_bins", self.target.n_bins, 1, N_BINS_MAX)
        object.__setattr__(self, "seed", check_int("seed", self.seed, 0, 2**31 - 1))
        check_choice("backbone", self.backbone, BACKBONES)
        check_choice("space", self.space, SPACES)
        check_choice("data", self.data, DATA_KINDS)
        check_int("batch_size", self.batch_size, 1)
        check_float("lr", self.lr, 0.0, None, lo_open=True)
        check_float("clamp", self.clamp, 0.0, 1.0, hi_open=True)
        check_float("class_drop", self.class_drop, 0.0, 1.0, hi_open=True)
        check_float("noise_scale", self.noise_scale, 0.0, None, lo_open=True)
        check_float("sampler_sigma", self.sampler_sigma, 0.0, None, lo_open=True)
        for d in self.ema_decays:
            check_float("ema_decays", d, 0.0, 1.0, hi_open=True)

    def total_steps(self, n_data: int) -> int:
        """Training steps: ``steps`` if set, else ``epochs`` passes over ``n_data`` images."""
        if self.steps is not None:
            return self.steps
        return max(1, round(self.epochs * n_data / self.batch_size))

    def warmup_steps(self, n_data: int) -> int:
        return round(self.warmup_epochs * n_data / self.batch_size)

    def reduced(self, width: int = 64, depth: int = 2, heads: int = 4, **changes) -> "Config":
        """The same configuration at a reduced width/depth (tests, CPU smoke runs)."""
        return replace(self, width=width, depth=depth, heads=heads,
                       context_start=min(self.context_start, depth - 1), **changes)

    def to_dict(self) -> dict:
        """Every setting as plain values (the target as a dict): what the checkpoint and run.json store."""
        return asdict(self)


_JIT_B = Config(name="jit-b16")

CONFIGS: dict[str, Config] = {
    # JiT-B/16, ImageNet 256 pixels  (kdiff Table 4, pixel column)
    "jit-b16": _JIT_B,
    # JiT-B/32, ImageNet 512 pixels: patch = image_size/16, noise scale 1.0 · image_size/256
    "jit-b32": replace(_JIT_B, name="jit-b32", image_size=512, patch=32, noise_scale=2.0),
    # LightningDiT-XL/1 on VA-VAE f16d32 latents (32×16×16)  (kdiff Table 4, latent column)
    "lightningdit-xl1": Config(
        name="lightningdit-xl1", backbone="lightningdit", space="latent", image_size=16, channels=32, patch=1,
        width=1152, depth=28, heads=16, bottleneck=0, context_tokens=0, context_start=0, data="latents",
        hflip=False, epochs=800.0, warmup_epochs=0.0, sampler_mu=0.0, sampler_sigma=1.0, cfg_scale=1.5),
    # tiny CPU variant of the JiT pipeline on scikit-learn's 8×8 digits (ships with the package)
    "tiny": Config(
        name="tiny", image_size=8, channels=1, patch=2, width=64, depth=3, heads=4, bottleneck=16,
        context_tokens=4, context_start=1, num_classes=10, data="digits", hflip=False, num_workers=0,
        cpu_threads=1, batch_size=64, steps=300, warmup_epochs=0.5, lr=1e-3, k_lr=2e-2, ema_decays=(0.99, 0.999),
        log_every=10, ckpt_every=100, sample_steps=50, cfg_scale=1.5, n_samples=100),
    # tiny CPU variant of the LightningDiT pipeline (digits as 1×8×8 "latents", patch 1)
    "tiny-latent": Config(
        name="tiny-latent", backbone="lightningdit", space="latent", image_size=8, channels=1, patch=1,
        width=64, depth=3, heads=4, bottleneck=0, context_tokens=0, context_start=0, num_classes=10,
        data="digits", hflip=False, num_workers=0, cpu_threads=1, batch_size=64, steps=300, warmup_epochs=0.0, lr=1e-3,
        k_lr=2e-2, ema_decays=(0.99, 0.999), sampler_mu=0.0, sampler_sigma=1.0, log_every=10, ckpt_every=100,
        cfg_scale=1.5, n_samples=100),
    # resolution sweep, CPU: digits upsampled 8 → 16 → 32 (content fixed, D grows), 4×4 tokens each; batch 32
    # (0.02 CPU-s per step and resolution; k's ordering and values at 500 steps match batch 64's within 0.02)
    "sweep-tiny": Config(
        name="sweep-tiny", kind="sweep", image_size=8, channels=1, patch=2, width=64, depth=2, heads=4,
        bottleneck=16, context_tokens=4, context_start=1, num_classes=10, data="digits", hflip=False,
        num_workers=0, cpu_threads=1, batch_size=32, steps=500, warmup_epochs=0.0, lr=1e-3, k_lr=3e-2, ema_decays=(0.99,),
        log_every=10, ckpt_every=10_000, n_samples=0, resolutions=(8, 16, 32), tokens_per_side=4),
    # resolution sweep for one GPU (< 1 h): ImageNet (--data) at 32 px upsampled to 32…256, JiT-S-like
    "sweep-gpu": replace(
        _JIT_B, name="sweep-gpu", kind="sweep", image_size=32, patch=2, width=384, depth=12, heads=6,
        batch_size=256, steps=4000, warmup_epochs=0.0, lr=2e-4, k_lr=2e-3, ema_decays=(0.999,),
        log_every=50, ckpt_every=2000, n_samples=0, resolutions=(32, 64, 128, 256), tokens_per_side=16),
}


def get_config(name: str) -> Config:
    """The named configuration (ValueError naming the valid names otherwise)."""
    return CONFIGS[check_choice("config", name, tuple(CONFIGS))]


def build_backbone(cfg: Config):
    """The backbone f(z, t, y) → û the configuration names."""
    if cfg.backbone == "jit":
        from difftheory.gpu_validation.jit import JiT

        return JiT(cfg.image_size, cfg.channels, cfg.patch, cfg.width, cfg.depth, cfg.heads, cfg.bottleneck,
                   cfg.context_tokens, cfg.context_start, cfg.num_classes)
    from difftheory.gpu_validation.lightningdit import LightningDiT

    return LightningDiT(cfg.image_size, cfg.channels, cfg.patch, cfg.width, cfg.depth, cfg.heads, cfg.num_classes)
