"""Pixel-space backbone in the style of JiT (Li & He 2025, "Back to Basics"), as used by kdiff Table 4:
bottleneck patch embedding, adaLN-Zero blocks with RMSNorm, qk-norm, SwiGLU and 2D RoPE, and
in-context class tokens prepended from block ``context_start`` on. f(z, t, y) → û, same shape as z."""

from __future__ import annotations

import torch
from torch import nn

from difftheory.gpu_validation.layers import (
    Block,
    FinalLayer,
    LabelEmbedder,
    TimestepEmbedder,
    check_geometry,
    patchify,
    rope_2d,
    sincos_pos_embed,
    unpatchify,
)


class JiT(nn.Module):
    def __init__(self, image_size=256, channels=3, patch=16, width=768, depth=12, heads=12, bottleneck=128,
                 context_tokens=32, context_start=4, num_classes=1000, mlp_ratio=4.0):
        super().__init__()
        check_geometry(image_size, patch, width, heads)
        self.image_size, self.channels, self.patch = image_size, channels, patch
        self.context_tokens, self.context_start = context_tokens, min(context_start, depth - 1)
        # bottleneck patch embedding: p²C → bottleneck (no bias) → width   # JiT §4, kdiff Table 4
        self.embed_in = nn.Linear(patch * patch * channels, bottleneck, bias=False)
        self.embed_out = nn.Linear(bottleneck, width)
        self.t_embed = TimestepEmbedder(width)
        self.y_embed = LabelEmbedder(num_classes, width)
        self.context_pos = nn.Parameter(torch.randn(1, context_tokens, width) * 0.02) if context_tokens else None
        self.blocks = nn.ModuleList(Block(width, heads, mlp_ratio) for _ in range(depth))
        self.final = FinalLayer(width, patch * patch * channels)

    def forward(self, z, t, y):
        p, g = self.patch, self.image_size // self.patch
        x = self.embed_out(self.embed_in(patchify(z, p)))
        x = x + sincos_pos_embed(g, g, x.shape[-1], x)
        c = self.t_embed(t) + self.y_embed(y)
        head_dim = self.blocks[0].attn.head_dim
        cos, sin = rope_2d(g, g, head_dim, 0, x)
        for i, block in enumerate(self.blocks):
            if self.context_tokens and i == self.context_start:  # in-context class tokens  # JiT, kdiff Table 4
                ctx = self.y_embed(y)[:, None, :] + self.context_pos.to(x.dtype)
                x = torch.cat([ctx.to(x.dtype), x], dim=1)
                cos, sin = rope_2d(g, g, head_dim, self.context_tokens, x)
            x = block(x, c, cos, sin)
        if self.context_tokens:
            x = x[:, self.context_tokens:]
        return unpatchify(self.final(x, c), p, self.channels, g, g)
