"""Data of known intrinsic dimension d in R^D: a linear subspace, a d-sphere, a d-torus (each through a
random orthonormal map) and a smooth nonlinear embedding; each with its off-manifold distance.

Scales: every kind has E‖x‖² ≈ d-ish per unit of intrinsic extent so that per-coordinate variances on the
manifold's span are about 1, matching the unit-variance noise of z = t x + (1 − t) n (kdiff §3)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from difftheory.theory.kdiff_optimum import check_dims
from difftheory.theory.projection import random_projection
from difftheory.validate import check_choice, check_int

KINDS = ("subspace", "sphere", "torus", "nonlinear")


def span_dim(kind: str, d: int) -> int:
    """Dimension of the linear span the manifold needs (D must be at least this)."""
    return {"subspace": d, "sphere": d + 1, "torus": 2 * d, "nonlinear": 2 * d}[kind]


@dataclass
class Manifold:
    """A d-dimensional manifold in R^D: ``sample(n, generator)`` and ``distance(x)`` (to the manifold)."""

    kind: str
    D: int
    d: int
    Q: torch.Tensor  # (D, m) orthonormal columns: the map from the span R^m into R^D
    freq: torch.Tensor | None = None  # nonlinear kind: (d, d) frequencies of the sine features

    @property
    def radius(self) -> float:
        return math.sqrt(self.d + 1) if self.kind == "sphere" else math.sqrt(2.0)

    def _coords(self, n, generator):
        d = self.d
        if self.kind == "subspace":
            return torch.randn(n, d, generator=generator, dtype=self.Q.dtype)
        if self.kind == "sphere":  # uniform on S^d of radius √(d+1): unit variance per span coordinate
            g = torch.randn(n, d + 1, generator=generator, dtype=self.Q.dtype)
            return self.radius * g / g.norm(dim=1, keepdim=True)
        if self.kind == "torus":  # product of d circles of radius √2
            th = 2 * math.pi * torch.rand(n, d, generator=generator, dtype=self.Q.dtype)
            return self.radius * torch.stack([th.cos(), th.sin()], -1).flatten(1)
        s = math.sqrt(3.0) * (2 * torch.rand(n, d, generator=generator, dtype=self.Q.dtype) - 1)
        return self._embed(s)

    def _embed(self, s):
        """Graph embedding s ↦ (s, √2 sin(F s)) ∈ R^{2d}: smooth, injective, curved."""
        return torch.cat([s, math.sqrt(2.0) * torch.sin(s @ self.freq.T)], dim=1)

    def sample(self, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
        n = check_int("n", n, 1)
        return self._coords(n, generator) @ self.Q.T

    def distance(self, x: torch.Tensor) -> torch.Tensor:
        """Euclidean distance of each row of x to the manifold (exact for subspace/sphere/torus; for the
        nonlinear kind the distance to the graph point above the span projection, an upper bound)."""
        y = x.to(self.Q.dtype) @ self.Q  # span coordinates
        off = (x.to(self.Q.dtype) - y @ self.Q.T).norm(dim=1)
        if self.kind == "subspace":
            on = torch.zeros_like(off)
        elif self.kind == "sphere":
            on = (y.norm(dim=1) - self.radius).abs()
        elif self.kind == "torus":
            pairs = y.reshape(len(y), self.d, 2).norm(dim=-1)
            on = (pairs - self.radius).norm(dim=1)
        else:
            s = y[:, : self.d]
            on = (y - self._embed(s)).norm(dim=1)
        return torch.sqrt(off**2 + on**2)


def make_manifold(kind: str, D: int, d: int, seed: int = 0, dtype=torch.float32) -> Manifold:
    """A ``kind`` manifold of intrinsic dimension d in R^D through a random orthonormal map (seeded)."""
    check_choice("kind", kind, KINDS)
    D, d = check_dims(D, d)
    m = span_dim(kind, d)
    if m > D:
        raise ValueError(f"D must be an integer >= {m} for a {kind} of intrinsic dimension d={d}, got {D}")
    gen = torch.Generator().manual_seed(check_int("seed", seed, 0))
    Q = random_projection(D, m, gen, dtype=torch.float64).to(dtype)
    freq = None
    if kind == "nonlinear":
        freq = (1.5 * torch.randn(d, d, generator=gen, dtype=torch.float64) / math.sqrt(d)).to(dtype)
    return Manifold(kind, D, d, Q, freq)
