"""The k-Diff objective around any class-conditional backbone f(z, t, y) → û (kdiff §4, Algs. 1–2).

``KDiff`` holds the backbone and a ``theory.kdiff_target.KTarget`` built from the run spec's ``TargetSpec``
(constant learnable k = sigmoid(w_k) from 0.5, the two-parameter target, the 128-bin k(t), or a fixed
k ∈ {0, 0.5, 1}); the loss is Alg. 1
(``kdiff_loss``: v-loss, denominator clamped at 0.05) with logit-normal t, scaled noise and class drop;
sampling is Heun (Heun on every interval, a final Euler step) with classifier-free guidance applied
inside a guidance interval (Kynkäänniemi et al. 2024). Time convention: t = 0 noise, t = 1 data."""

from __future__ import annotations

import torch
from torch import nn

from difftheory.theory.kdiff_target import KTarget, kdiff_loss, k_summary, sample
from difftheory.theory.time_densities import TimeDensity
from difftheory.validate import check_choice, check_float, check_int


class KDiff(nn.Module):
    def __init__(self, backbone: nn.Module, target: KTarget, num_classes: int, sampler: TimeDensity,
                 noise_scale: float = 1.0, clamp: float | None = 0.05, class_drop: float = 0.1):
        super().__init__()
        self.backbone, self.target = backbone, target
        self.num_classes = check_int("num_classes", num_classes, 1)
        self.sampler = sampler
        self.noise_scale = check_float("noise_scale", noise_scale, 0.0, None, lo_open=True)
        self.clamp = clamp
        self.class_drop = check_float("class_drop", class_drop, 0.0, 1.0, hi_open=True)

    @property
    def null_class(self) -> int:
        """Label of the unconditional branch (the extra embedding row)."""
        return self.num_classes

    def draw(self, x, y, generator=None):
        """(t, n, y') for a batch: t from the time sampler, n = noise_scale · N(0, I), labels dropped to the
        null class with probability ``class_drop`` (for CFG)."""
        B = x.shape[0]
        t = self.sampler.sample_torch(B, generator=generator, device=x.device, dtype=x.dtype)
        n = self.noise_scale * torch.randn(x.shape, generator=generator, device=x.device, dtype=x.dtype)
        drop = torch.rand(B, generator=generator, device=x.device) < self.class_drop
        return t, n, torch.where(drop, torch.full_like(y, self.null_class), y)

    def forward(self, x, y, generator=None):
        """Alg. 1's loss for a batch (the call DDP wraps)  # kdiff Alg. 1"""
        t, n, y = self.draw(x, y, generator)
        return kdiff_loss(self.backbone, self.target, x, t, n, self.clamp, cond=y)

    def velocity(self, z, t: float, y, cfg_scale: float = 1.0, interval=(0.0, 1.0)):
        """v̂(z, t | y) from û by the target's conversion  # kdiff Alg. 2; with guidance scale w inside
        ``interval`` (lo ≤ t ≤ hi): û = û_∅ + w (û_y − û_∅), conditional û_y outside it."""
        tb = torch.full((z.shape[0],), float(t), device=z.device, dtype=z.dtype)
        guided = cfg_scale != 1.0 and interval[0] <= t <= interval[1]
        if guided:
            null = torch.full_like(y, self.null_class)
            u_c, u_u = self.backbone(torch.cat([z, z]), torch.cat([tb, tb]), torch.cat([y, null])).float().chunk(2)
            u = u_u + cfg_scale * (u_c - u_u)
        else:
            u = self.backbone(z, tb, y).float()
        return self.target.velocity(z.float(), u, tb.float(), self.clamp).to(z.dtype)

    @torch.no_grad()
    def generate(self, y, steps: int = 50, solver: str = "heun", cfg_scale: float = 1.0, interval=(0.0, 1.0),
                 generator=None, shape=None, noise=None):
        """Samples for labels ``y`` from z₀ = noise_scale · N(0, I) by ``steps`` solver steps on a linear grid
        of [0, 1] (Heun with a last Euler step: NFE = 2·steps − 1)  # kdiff §5.1, Table 4
        The N(0, I) draw is ``noise`` when given (per-sample seeded noise), else drawn from ``generator``."""
        steps = check_int("steps", steps, 1)
        check_choice("solver", solver, ("euler", "heun"))
        check_float("cfg_scale", cfg_scale, 0.0)
        lo, hi = (check_float("cfg_interval", v, 0.0, 1.0) for v in interval)
        if noise is None:
            if shape is None:
                bb = self.backbone
                shape = (bb.channels, bb.image_size, bb.image_size)
            noise = torch.randn((y.shape[0], *shape), generator=generator, device=y.device)
        z0 = self.noise_scale * noise
        return sample(lambda z, t: self.velocity(z, t, y, cfg_scale, (lo, hi)), z0, steps, solver)

    def k_summary(self) -> dict:
        """The learned (or fixed) k in loggable numbers (``theory.kdiff_target.k_summary``): k (for binned: the mean
        of k(t) under the time sampler's quadrature), k1 for the two-parameter target, dL/dk after a backward."""
        return k_summary(self.target, self.sampler)


def build_kdiff(cfg) -> KDiff:
    """KDiff for a ``configs.Config``: its backbone, target (``cfg.target``), time sampler, noise scale, clamp,
    class drop."""
    from difftheory.gpu_validation.configs import build_backbone

    sampler = TimeDensity("logit-normal", cfg.sampler_mu, cfg.sampler_sigma)
    return KDiff(build_backbone(cfg), cfg.target.build(), cfg.num_classes, sampler, cfg.noise_scale, cfg.clamp,
                 cfg.class_drop)
