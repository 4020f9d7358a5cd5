"""Distances between point clouds used to score samplers and generators on the toy worlds."""

from __future__ import annotations

import numpy as np


def w2(a: np.ndarray, b: np.ndarray) -> float:
    """Exact empirical 2-Wasserstein distance between two point clouds with uniform weights (POT's
    network simplex on squared Euclidean costs)."""
    import ot

    return float(np.sqrt(ot.emd2([], [], ot.dist(a, b), numItermax=10**7)))
