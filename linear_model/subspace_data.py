"""Data of kdiff §3.1: x = P x̃ with P (D×d) orthonormal columns and whitened x̃ (E x̃x̃ᵀ = I, Eq. 6).

Latent kinds: ``gaussian`` (x̃ ~ N(0, I)) and two non-Gaussian whitened choices, ``uniform``
(i.i.d. U[−√3, √3]) and ``rademacher`` (i.i.d. ±1). The linear model's population loss depends on x only
through E[xxᵀ] = PPᵀ (Eq. 31), so all three kinds must train to the same W and k. The projection P is
``theory.projection.random_projection``."""

from __future__ import annotations

import math

import torch

from difftheory.validate import check_choice, check_int

LATENTS = ("gaussian", "uniform", "rademacher")


def whitened_latent(n: int, d: int, kind: str = "gaussian", generator: torch.Generator | None = None,
                    dtype=torch.float64) -> torch.Tensor:
    """n draws of x̃ ∈ R^d with E x̃ = 0, E x̃x̃ᵀ = I  # kdiff Eq. (6)"""
    n, d = check_int("n", n, 1), check_int("d", d, 1)
    check_choice("latent", kind, LATENTS)
    if kind == "gaussian":
        return torch.randn(n, d, generator=generator, dtype=dtype)
    u = torch.rand(n, d, generator=generator, dtype=dtype)
    if kind == "uniform":
        return math.sqrt(3.0) * (2 * u - 1)
    return torch.where(u < 0.5, -1.0, 1.0).to(dtype)


def sample_data(n: int, P: torch.Tensor, kind: str = "gaussian", generator: torch.Generator | None = None) -> torch.Tensor:
    """x = P x̃, shape (n, D)  # kdiff §3.1"""
    return whitened_latent(n, P.shape[1], kind, generator, P.dtype) @ P.T
