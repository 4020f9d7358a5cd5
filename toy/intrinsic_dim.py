"""Intrinsic-dimension estimation from samples: TwoNN (Facco, d'Errico, Rodriguez & Laio 2017).

For each point the ratio μ = r₂/r₁ of its second- to first-nearest-neighbour distance follows the Pareto
law P(μ > m) = m^(−d) on a locally uniform d-manifold, so the maximum-likelihood estimate is
d̂ = N / Σ log μ_i; with the largest ratios discarded (right-censored at μ_cut) it is
d̂ = n_kept / (Σ_kept log μ_i + n_cut · log μ_cut).

Cross-checked against scikit-dimension (``skdim``, a test extra): its TwoNN (Facco's least-squares fit of
−log(1 − F(μ)) on log μ) and Levina–Bickel MLE agree with ``two_nn`` on every manifold of the k-Diff sweep
(tests/test_crosscheck_skdim.py). The claims keep this estimator: it needs only scikit-learn (skdim pulls in
numba), it is the efficient (maximum-likelihood) form of the same model, and a run gives the same numbers
whether or not the test extra is installed. ``skdim_two_nn`` and ``skdim_mle`` are thin wrappers for the
cross-check."""

from __future__ import annotations

import numpy as np
from sklearn.neighbors import NearestNeighbors

from difftheory.validate import check_float, check_int

ESTIMATOR = "TwoNN maximum likelihood (Facco et al. 2017), 10% largest ratios censored"


def _check_points(x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or len(x) < 10:
        raise ValueError(f"x must be an (N, D) array with N >= 10 points, got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("x must be finite (no NaN or inf)")
    return x


def two_nn(x, discard: float = 0.1) -> float:
    """TwoNN maximum-likelihood intrinsic dimension of the rows of ``x`` (N × D); the largest
    ``discard`` fraction of ratios μ (points in sparse regions) is right-censored as in Facco et al."""
    x = _check_points(x)
    check_float("discard", discard, 0.0, 0.5, hi_open=True)
    dist, _ = NearestNeighbors(n_neighbors=3).fit(x).kneighbors(x)
    r1, r2 = dist[:, 1], dist[:, 2]
    keep = r1 > 0  # duplicates carry no scale information
    mu = np.sort(r2[keep] / r1[keep])
    mu = mu[: max(int(len(mu) * (1 - discard)), 2)]
    n_all, n_keep = int(keep.sum()), len(mu)
    logs = np.log(mu)
    return float(n_keep / (logs.sum() + (n_all - n_keep) * logs[-1]))


def _skdim():
    """``import skdim`` (ImportError when it is not installed)."""
    import skdim

    return skdim


def skdim_two_nn(x, discard: float = 0.1) -> float:
    """scikit-dimension's TwoNN on the same points (ImportError when skdim is not installed)."""
    skdim = _skdim()

    x = _check_points(x)
    check_float("discard", discard, 0.0, 0.5, hi_open=True)
    return float(skdim.id.TwoNN(discard_fraction=discard).fit(x).dimension_)


def skdim_mle(x, k: int = 20) -> float:
    """scikit-dimension's Levina–Bickel MLE with ``k`` neighbours (ImportError when skdim is not installed)."""
    skdim = _skdim()

    x = _check_points(x)
    k = check_int("k", k, 2, len(x) - 1)
    return float(skdim.id.MLE(K=k).fit(x, n_neighbors=k).dimension_)
