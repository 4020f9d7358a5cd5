"""Haar-random orthonormal frames: kdiff §3.1's P ∈ R^{D×d} (PᵀP = I_d) that places the d-dimensional data in
R^D (x = P x̃). Shared by the linear model (``linear_model``) and the manifold toys (``toy.manifolds``)."""

from __future__ import annotations

import torch

from difftheory.theory.kdiff_optimum import check_dims


def random_projection(D: int, d: int, generator: torch.Generator | None = None, dtype=torch.float64) -> torch.Tensor:
    """P ∈ R^{D×d} with PᵀP = I_d: the first d columns of a Haar-random orthogonal matrix  # kdiff §3.1"""
    D, d = check_dims(D, d)
    g = torch.randn(D, d, generator=generator, dtype=dtype)
    q, r = torch.linalg.qr(g)
    return q * torch.sign(torch.diagonal(r)).unsqueeze(0)  # sign fix makes the draw Haar
