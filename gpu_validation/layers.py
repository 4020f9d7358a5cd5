"""Transformer parts shared by the JiT- and LightningDiT-style backbones: RMSNorm, SwiGLU, 2D RoPE,
attention with qk-norm, adaLN-Zero blocks, timestep / class embedders, patchify.

Every tensor made inside ``forward`` takes its device and dtype from the input, so the same code runs
on CPU and CUDA (and on the meta device for FLOP counting)."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn


class RMSNorm(nn.Module):
    """x / rms(x) · g  (Zhang & Sennrich 2019)"""

    def __init__(self, dim: int, eps: float = 1e-6, affine: bool = True):
        super().__init__()
        self.dim, self.eps = dim, eps
        self.weight = nn.Parameter(torch.ones(dim)) if affine else None

    def forward(self, x):
        return F.rms_norm(x, (self.dim,), self.weight, self.eps)


class SwiGLU(nn.Module):
    """W₃(silu(W₁x) ⊙ W₂x) with hidden width ⅔·mlp_ratio·dim (Shazeer 2020)"""

    def __init__(self, dim: int, mlp_ratio: float = 4.0):
        super().__init__()
        hidden = int(2 * mlp_ratio * dim / 3)
        self.w12 = nn.Linear(dim, 2 * hidden)
        self.w3 = nn.Linear(hidden, dim)

    def forward(self, x):
        a, b = self.w12(x).chunk(2, dim=-1)
        return self.w3(F.silu(a) * b)


def rope_2d(h: int, w: int, head_dim: int, prefix: int = 0, like: torch.Tensor | None = None, base: float = 100.0):
    """cos, sin tables (prefix + h·w, head_dim) of 2D rotary embeddings (Su et al. 2021; Heo et al. 2024):
    the first half of the rotation pairs turns with the row index, the second with the column index.
    ``prefix`` tokens (in-context class tokens) are not rotated."""
    if head_dim % 4:
        raise ValueError(f"head_dim must be divisible by 4 for 2D RoPE, got {head_dim}")
    device = None if like is None else like.device
    quarter = head_dim // 4
    freqs = base ** (-torch.arange(quarter, device=device, dtype=torch.float32) / quarter)
    rows = torch.arange(h, device=device, dtype=torch.float32).repeat_interleave(w)
    cols = torch.arange(w, device=device, dtype=torch.float32).repeat(h)
    ang = torch.cat([rows[:, None] * freqs, cols[:, None] * freqs], dim=-1)  # (h·w, head_dim/2)
    ang = torch.cat([ang.new_zeros(prefix, head_dim // 2), ang], dim=0)
    ang = torch.cat([ang, ang], dim=-1)
    return ang.cos(), ang.sin()


def apply_rope(x, cos, sin):
    """Rotate (…, L, head_dim) by the tables (rotate-half pairing i ↔ i + head_dim/2)."""
    x1, x2 = x.chunk(2, dim=-1)
    return x * cos.to(x.dtype) + torch.cat([-x2, x1], dim=-1) * sin.to(x.dtype)


class Attention(nn.Module):
    """Multi-head self-attention with RMS qk-norm (Dehghani et al. 2023) and 2D RoPE."""

    def __init__(self, dim: int, heads: int):
        super().__init__()
        if dim % heads:
            raise ValueError(f"width must be divisible by heads, got width {dim}, heads {heads}")
        self.heads, self.head_dim = heads, dim // heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.q_norm, self.k_norm = RMSNorm(self.head_dim), RMSNorm(self.head_dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, cos, sin):
        B, L, _ = x.shape
        q, k, v = self.qkv(x).reshape(B, L, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k = apply_rope(self.q_norm(q), cos, sin), apply_rope(self.k_norm(k), cos, sin)
        out = F.scaled_dot_product_attention(q, k, v)
        return self.proj(out.transpose(1, 2).reshape(B, L, -1))


def modulate(x, shift, scale):
    """adaLN: x·(1 + scale) + shift, per sample  (Peebles & Xie 2023)"""
    return x * (1 + scale[:, None]) + shift[:, None]


class Block(nn.Module):
    """Pre-norm transformer block with adaLN-Zero conditioning (gates start at zero)."""

    def __init__(self, dim: int, heads: int, mlp_ratio: float = 4.0):
        super().__init__()
        self.norm1, self.norm2 = RMSNorm(dim), RMSNorm(dim)
        self.attn = Attention(dim, heads)
        self.mlp = SwiGLU(dim, mlp_ratio)
        self.ada = nn.Sequential(nn.SiLU(), nn.Linear(dim, 6 * dim))
        nn.init.zeros_(self.ada[1].weight)
        nn.init.zeros_(self.ada[1].bias)

    def forward(self, x, c, cos, sin):
        sh1, sc1, g1, sh2, sc2, g2 = self.ada(c).chunk(6, dim=-1)
        x = x + g1[:, None] * self.attn(modulate(self.norm1(x), sh1, sc1), cos, sin)
        return x + g2[:, None] * self.mlp(modulate(self.norm2(x), sh2, sc2))


class TimestepEmbedder(nn.Module):
    """Sinusoidal features of 1000·t followed by a two-layer MLP (DiT)."""

    def __init__(self, dim: int, freq_dim: int = 256):
        super().__init__()
        self.freq_dim = freq_dim
        self.mlp = nn.Sequential(nn.Linear(freq_dim, dim), nn.SiLU(), nn.Linear(dim, dim))

    def forward(self, t):
        half = self.freq_dim // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=t.device, dtype=torch.float32) / half)
        ang = 1000.0 * t.float()[:, None] * freqs
        emb = torch.cat([ang.cos(), ang.sin()], dim=-1)
        return self.mlp(emb.to(self.mlp[0].weight.dtype))


class LabelEmbedder(nn.Module):
    """Class embedding with one extra row, index ``num_classes``, for the unconditional (CFG null) class."""

    def __init__(self, num_classes: int, dim: int):
        super().__init__()
        self.num_classes = num_classes
        self.table = nn.Embedding(num_classes + 1, dim)
        nn.init.normal_(self.table.weight, std=0.02)

    def forward(self, y):
        return self.table(y)


class FinalLayer(nn.Module):
    """adaLN-modulated norm and a zero-initialised linear map to patch pixels."""

    def __init__(self, dim: int, out_dim: int):
        super().__init__()
        self.norm = RMSNorm(dim, affine=False)
        self.ada = nn.Sequential(nn.SiLU(), nn.Linear(dim, 2 * dim))
        self.linear = nn.Linear(dim, out_dim)
        for lin in (self.ada[1], self.linear):
            nn.init.zeros_(lin.weight)
            nn.init.zeros_(lin.bias)

    def forward(self, x, c):
        shift, scale = self.ada(c).chunk(2, dim=-1)
        return self.linear(modulate(self.norm(x), shift, scale))


def patchify(x, p: int):
    """(B, C, H, W) → (B, H/p · W/p, p·p·C)"""
    B, C, H, W = x.shape
    x = x.reshape(B, C, H // p, p, W // p, p).permute(0, 2, 4, 3, 5, 1)
    return x.reshape(B, (H // p) * (W // p), p * p * C)


def unpatchify(x, p: int, C: int, h: int, w: int):
    """(B, h·w, p·p·C) → (B, C, h·p, w·p); inverse of ``patchify``."""
    B = x.shape[0]
    x = x.reshape(B, h, w, p, p, C).permute(0, 5, 1, 3, 2, 4)
    return x.reshape(B, C, h * p, w * p)


def sincos_pos_embed(h: int, w: int, dim: int, like: torch.Tensor):
    """Fixed 2D sine-cosine position embedding (h·w, dim) (MAE / DiT)."""
    quarter = dim // 4
    freqs = 1.0 / 10000 ** (torch.arange(quarter, device=like.device, dtype=torch.float32) / quarter)
    rows = torch.arange(h, device=like.device, dtype=torch.float32).repeat_interleave(w)
    cols = torch.arange(w, device=like.device, dtype=torch.float32).repeat(h)
    ar, ac = rows[:, None] * freqs, cols[:, None] * freqs
    emb = torch.cat([ar.sin(), ar.cos(), ac.sin(), ac.cos()], dim=-1)
    return F.pad(emb, (0, dim - emb.shape[-1])).to(like.dtype)


def check_geometry(image_size: int, patch: int, width: int, heads: int) -> None:
    """The structural constraints of the backbones, as ValueErrors naming the setting."""
    if image_size % patch:
        raise ValueError(f"image_size must be divisible by patch, got image_size {image_size}, patch {patch}")
    if width % heads or (width // heads) % 4:
        raise ValueError(f"width/heads must be an integer divisible by 4 (2D RoPE), got width {width}, heads {heads}")
