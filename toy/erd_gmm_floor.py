"""Exact Bayes predictor E[y | z_t] and Bayes floor E‖y − E[y | z_t]‖² for erd App. F's 2D GMM.

Time as in erd App. F: t = 0 is data, t = 1 is noise (``theory.schedules.erd_schedule``). Given z every target is affine
in x0, so E[y | z] and Var[y | z] follow from the exact mixture posterior (``GaussianMixture.posterior_target``);
the floor integrates Var[y | z] over z ~ q_t by Gauss–Hermite quadrature per mixture component
(z | j ~ N(α μ_j, v_j I) is Gaussian) — no Monte-Carlo posterior.  # erd Eq. (27), Lemma C.1

Nodes come from ``scipy.special.roots_hermitenorm`` (finite weights for every count; NumPy's ``hermegauss``
overflows from 372 nodes on). When the mixture is a product of 1-D mixtures (equal weights and widths, means on
a Cartesian grid — erd's four clusters at (±2, ±2) are), the posterior factorises per coordinate and every
expectation here is computed per coordinate: the same numbers as the tensor rule (its weights along the other
axes sum to 1), at n instead of n² points per component.

Accuracy: the quadrature converges algebraically in the node count (the responsibilities switch between
components inside each component's range). ``ACCURACY`` is the stated tolerance — error of the floor, and of
floor + signal − E‖y‖², relative to the target energy E‖y‖². Measured against 400 nodes over all 12 (target,
schedule) pairs at 298 times in [0, 1] (dense on t ∈ [0.15, 0.6], where ε is hardest), the worst floor error is
0.15 at 4 nodes (7 % floor + signal inconsistency), 2.3e-3 at 32, 2.1e-4 at 64, 1.3e-4 at 72, 8.3e-5 at 80,
3.6e-5 at 96, 8.0e-7 at 200, 6.1e-8 at 300. ``MIN_NODES`` = 96 meets ``ACCURACY`` with a 2.8× margin; fewer nodes
are refused. ``tests/test_bayes_floor_properties.py`` checks every answer against 400 nodes."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy.special import roots_hermitenorm

from difftheory.theory.gmm import GaussianMixture, erd_gmm
from difftheory.theory.schedules import ERD_SCHEDULES, check_unit_time, erd_schedule
from difftheory.theory.target_conversions import ERD_TARGETS, erd_target_coefficients
from difftheory.validate import check_choice, check_int

ACCURACY = 1e-4  # stated tolerance of the floor (and of floor + signal = energy), relative to the target energy
MIN_NODES = 96  # measured: meets ACCURACY everywhere with a 2.8x margin (80 is the smallest that meets it)
MAX_NODES = 400
DEFAULT_NODES = 200  # worst floor error 8e-7 of the target energy; cheap on the factorised path


def bayes_predictor(target: str, schedule: str, t, z, gmm: GaussianMixture | None = None) -> np.ndarray:
    """E[y | z_t = z] (N, D) — the exact Bayes predictor f*_λ  # erd Eq. (27). ``t`` scalar or one per row."""
    check_choice("target", target, ERD_TARGETS)
    gmm = erd_gmm() if gmm is None else gmm
    a, s = erd_schedule(schedule).alpha_sigma(np.asarray(t, float))
    cx, ce = erd_target_coefficients(target, a, s)
    return gmm.posterior_target(z, a, s, cx, ce)[0]


@lru_cache(maxsize=16)
def _gh(n: int) -> tuple[np.ndarray, np.ndarray]:
    """1-D Gauss–Hermite nodes and weights for E over N(0, 1) (probabilists' Hermite; weights sum to 1)."""
    x, w = roots_hermitenorm(n)
    return x, w / w.sum()


@lru_cache(maxsize=8)
def _gh_grid(n: int, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Tensor Gauss–Hermite nodes (n^dim, dim) and weights for E over N(0, I_dim)."""
    x, w = _gh(n)
    grids = np.meshgrid(*([x] * dim), indexing="ij")
    wgrid = np.prod(np.meshgrid(*([w] * dim), indexing="ij"), axis=0)
    return np.stack([g.ravel() for g in grids], 1), wgrid.ravel()


def product_factors(gmm: GaussianMixture) -> list[GaussianMixture] | None:
    """The 1-D mixtures whose product is ``gmm`` (equal weights, one width, means = the Cartesian product of the
    per-coordinate mean sets, each combination once), or None."""
    if not (np.allclose(gmm.weights, gmm.weights[0]) and np.allclose(gmm.sds, gmm.sds[0])):
        return None
    levels = [np.unique(gmm.means[:, d]) for d in range(gmm.dim)]
    if int(np.prod([len(v) for v in levels])) != len(gmm.weights):
        return None
    grid = np.stack(np.meshgrid(*levels, indexing="ij"), -1).reshape(-1, gmm.dim)
    if not np.array_equal(np.unique(np.round(grid, 12), axis=0), np.unique(np.round(gmm.means, 12), axis=0)):
        return None
    return [GaussianMixture.isotropic(v[:, None], float(gmm.sds[0])) for v in levels]


def expect_over_z(fn, schedule: str, t: float, gmm: GaussianMixture | None = None, nodes: int = DEFAULT_NODES):
    """E_{z ~ q_t}[fn(z)] for fn: (N, D) → (N, ...) by per-component tensor Gauss–Hermite quadrature."""
    gmm = erd_gmm() if gmm is None else gmm
    a, s = erd_schedule(schedule).alpha_sigma(float(t))
    xi, w = _gh_grid(nodes, gmm.dim)
    total = 0.0
    for mu, sd, wj in zip(gmm.means, gmm.sds, gmm.weights):
        v = a**2 * sd**2 + s**2
        z = a * mu[None] + np.sqrt(v) * xi
        vals = np.asarray(fn(z))
        total = total + wj * np.tensordot(w, vals, axes=(0, 0))
    return total


def _moments(target: str, schedule: str, t: float, gmm: GaussianMixture, nodes: int) -> np.ndarray:
    """Per coordinate (D, 2): [E(E[y_d|z])², E Var(y_d|z)] — factorised when the mixture is a product."""
    a, s = erd_schedule(schedule).alpha_sigma(t)
    cx, ce = erd_target_coefficients(target, a, s)

    def both(z, mix):
        m, v = mix.posterior_target(z, a, s, cx, ce)
        return np.stack([m**2, v], -1)  # (N, D, 2)

    factors = product_factors(gmm)
    if factors is None:
        return expect_over_z(lambda z: both(z, gmm), schedule, t, gmm, nodes)
    return np.concatenate([expect_over_z(lambda z, f=f: both(z, f), schedule, t, f, nodes) for f in factors], 0)


def _check(target, schedule, t, nodes):
    check_choice("target", target, ERD_TARGETS)
    check_choice("schedule", schedule, ERD_SCHEDULES)
    return check_unit_time(t), check_int("nodes", nodes, MIN_NODES, MAX_NODES)


def bayes_floor(target: str, schedule: str, t, gmm: GaussianMixture | None = None,
                nodes: int = DEFAULT_NODES) -> np.ndarray:
    """Per-dimension Bayes floor E[(y_i − E[y_i | z_t])²] (D,) at one t  # erd Eq. (27) without ½M."""
    t, nodes = _check(target, schedule, t, nodes)
    return _moments(target, schedule, t, erd_gmm() if gmm is None else gmm, nodes)[:, 1]


def floor_and_signal(target: str, schedule: str, t, gmm: GaussianMixture | None = None,
                     nodes: int = DEFAULT_NODES) -> tuple[np.ndarray, np.ndarray]:
    """(per-dimension floor, per-dimension recoverable signal E[E[y_i|z]²]) in one quadrature pass."""
    t, nodes = _check(target, schedule, t, nodes)
    mom = _moments(target, schedule, t, erd_gmm() if gmm is None else gmm, nodes)
    return mom[:, 1], mom[:, 0]


def signal_and_noise(target: str, schedule: str, t, gmm: GaussianMixture | None = None, nodes: int = DEFAULT_NODES):
    """(E‖E[y|z]‖², E‖y − E[y|z]‖²): recoverable-signal and Bayes-noise energies (erd Fig. 3 / Fig. 8 axes,
    squared and averaged over z_t). Their sum is E‖y‖² (orthogonality, Lemma C.1)."""
    floor, signal = floor_and_signal(target, schedule, t, gmm, nodes)
    return float(signal.sum()), float(floor.sum())


def floor_curve(target: str, schedule: str, ts, nodes: int = DEFAULT_NODES) -> np.ndarray:
    """Summed floor E‖y − E[y|z_t]‖² at each t in ``ts``."""
    return np.array([bayes_floor(target, schedule, float(t), nodes=nodes).sum() for t in np.asarray(ts, float)])


def target_second_moment(target: str, schedule: str, t, gmm: GaussianMixture | None = None) -> float:
    """E‖y‖² = c_x² E‖x0‖² + c_ε² D (x0 ⟂ ε, E ε = 0) — the total the floor and the signal split."""
    gmm = erd_gmm() if gmm is None else gmm
    a, s = erd_schedule(schedule).alpha_sigma(check_unit_time(t))
    cx, ce = erd_target_coefficients(target, a, s)
    ex2 = float(np.sum(gmm.weights * ((gmm.means**2).sum(1) + gmm.dim * gmm.sds**2)))
    return float(cx**2 * ex2 + ce**2 * gmm.dim)
