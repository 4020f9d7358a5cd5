"""Intrinsic-dimension estimation from samples: TwoNN (Facco, d'Errico, Rodriguez & Laio 2017).

For each point the ratio μ = r₂/r₁ of its second- to first-nearest-neighbour distance follows the Pareto
law P(μ > m) = m^(−d) on a locally uniform d-manifold, so the maximum-likelihood estimate is
d̂ = N / Σ log μ_i; with the largest ratios discarded (right-censored at μ_cut) it is
d̂ = n_kept / (Σ_kept log μ_i + n_cut · log μ_cut)."""

from __future__ import annotations

import numpy as np
from sklearn.neighbors import NearestNeighbors

from difftheory.validate import check_float


def two_nn(x, discard: float = 0.1) -> float:
    """TwoNN maximum-likelihood intrinsic dimension of the rows of ``x`` (N × D); the largest
    ``discard`` fraction of ratios μ (points in sparse regions) is dropped as in Facco et al."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or len(x) < 10:
        raise ValueError(f"x must be an (N, D) array with N >= 10 points, got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("x must be finite (no NaN or inf)")
    check_float("discard", discard, 0.0, 0.5, hi_open=True)
    dist, _ = NearestNeighbors(n_neighbors=3).fit(x).kneighbors(x)
    r1, r2 = dist[:, 1], dist[:, 2]
    keep = r1 > 0  # duplicates carry no scale information
    mu = np.sort(r2[keep] / r1[keep])
    mu = mu[: max(int(len(mu) * (1 - discard)), 2)]
    n_all, n_keep = int(keep.sum()), len(mu)
    logs = np.log(mu)
    return float(n_keep / (logs.sum() + (n_all - n_keep) * logs[-1]))
