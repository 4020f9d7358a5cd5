"""Latent-space backbone in the style of LightningDiT (Yao et al. 2025), as used by kdiff Table 4:
patch embedding of VA-VAE latents (XL/1: patch 1 on 32×16×16), adaLN-Zero blocks with RMSNorm,
qk-norm, SwiGLU and 2D RoPE; class conditioning through adaLN. f(z, t, y) → û, same shape as z."""

from __future__ import annotations

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


class LightningDiT(nn.Module):
    def __init__(self, image_size=16, channels=32, patch=1, width=1152, depth=28, heads=16, num_classes=1000,
                 mlp_ratio=4.0):
        super().__init__()
        check_geometry(image_size, patch, width, heads)
        self.image_size, self.channels, self.patch = image_size, channels, patch
        self.embed = nn.Linear(patch * patch * channels, width)
        self.t_embed = TimestepEmbedder(width)
        self.y_embed = LabelEmbedder(num_classes, width)
        self.blocks = nn.ModuleList(Block(width, heads, mlp_ratio) for _ in range(depth))
        self.final = FinalLayer(width, patch * patch * channels)

    def forward(self, z, t, y):
        p, g = self.patch, self.image_size // self.patch
        x = self.embed(patchify(z, p))
        x = x + sincos_pos_embed(g, g, x.shape[-1], x)
        c = self.t_embed(t) + self.y_embed(y)
        cos, sin = rope_2d(g, g, self.blocks[0].attn.head_dim, 0, x)
        for block in self.blocks:
            x = block(x, c, cos, sin)
        return unpatchify(self.final(x, c), p, self.channels, g, g)
