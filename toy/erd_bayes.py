"""Exact Bayes predictor E[y | z_t] and Bayes floor E‖y − E[y | z_t]‖² for erd App. F's 2D GMM.

Time as in erd App. F: t = 0 is data, t = 1 is noise (``erd_schedules``). Given z every target is affine
in x0, so E[y | z] and Var[y | z] follow from the exact mixture posterior (``GaussianMixture.posterior_target``);
the floor integrates Var[y | z] over z ~ q_t exactly by Gauss–Hermite quadrature per mixture component
(z | j ~ N(α μ_j, v_j I) is Gaussian) — no Monte-Carlo posterior.  # erd Eq. (27), Lemma C.1"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.polynomial.hermite_e import hermegauss

from difftheory.theory.erd_weights import TARGETS, target_coefficients
from difftheory.toy.erd_schedules import SCHEDULES, alpha_sigma, check_t
from difftheory.toy.gmm import GaussianMixture, erd_gmm
from difftheory.validate import check_choice, check_int


def bayes_predictor(target: str, schedule: str, t, z, gmm: GaussianMixture | None = None) -> np.ndarray:
    """E[y | z_t = z] (N, D) — the exact Bayes predictor f*_λ  # erd Eq. (27). ``t`` scalar or one per row."""
    check_choice("target", target, TARGETS)
    gmm = erd_gmm() if gmm is None else gmm
    a, s = alpha_sigma(schedule, np.asarray(t, float))
    cx, ce = target_coefficients(target, a, s)
    return gmm.posterior_target(z, a, s, cx, ce)[0]


@lru_cache(maxsize=8)
def _gh_grid(n: int, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Tensor Gauss–Hermite nodes (n^dim, dim) and weights for E over N(0, I_dim)."""
    x, w = hermegauss(n)
    w = w / np.sqrt(2 * np.pi)
    grids = np.meshgrid(*([x] * dim), indexing="ij")
    wgrid = np.prod(np.meshgrid(*([w] * dim), indexing="ij"), axis=0)
    return np.stack([g.ravel() for g in grids], 1), wgrid.ravel()


def expect_over_z(fn, schedule: str, t: float, gmm: GaussianMixture | None = None, nodes: int = 96):
    """E_{z ~ q_t}[fn(z)] for fn: (N, D) → (N, ...) by per-component Gauss–Hermite quadrature."""
    gmm = erd_gmm() if gmm is None else gmm
    a, s = alpha_sigma(schedule, float(t))
    xi, w = _gh_grid(nodes, gmm.dim)
    total = 0.0
    for mu, sd, wj in zip(gmm.means, gmm.sds, gmm.weights):
        v = a**2 * sd**2 + s**2
        z = a * mu[None] + np.sqrt(v) * xi
        vals = np.asarray(fn(z))
        total = total + wj * np.tensordot(w, vals, axes=(0, 0))
    return total


def bayes_floor(target: str, schedule: str, t, gmm: GaussianMixture | None = None, nodes: int = 96) -> np.ndarray:
    """Per-dimension Bayes floor E[(y_i − E[y_i | z_t])²] (D,) at one t  # erd Eq. (27) without ½M."""
    check_choice("target", target, TARGETS)
    check_choice("schedule", schedule, SCHEDULES)
    t = check_t(t)
    nodes = check_int("nodes", nodes, 4, 400)
    gmm = erd_gmm() if gmm is None else gmm
    a, s = alpha_sigma(schedule, t)
    cx, ce = target_coefficients(target, a, s)
    return expect_over_z(lambda z: gmm.posterior_target(z, a, s, cx, ce)[1], schedule, t, gmm, nodes)


def signal_and_noise(target: str, schedule: str, t, gmm: GaussianMixture | None = None, nodes: int = 96):
    """(E‖E[y|z]‖², E‖y − E[y|z]‖²): recoverable-signal and Bayes-noise energies (erd Fig. 3 / Fig. 8 axes,
    squared and averaged over z_t). Their sum is E‖y‖² (orthogonality, Lemma C.1)."""
    check_choice("target", target, TARGETS)
    check_choice("schedule", schedule, SCHEDULES)
    t = check_t(t)
    gmm = erd_gmm() if gmm is None else gmm
    a, s = alpha_sigma(schedule, t)
    cx, ce = target_coefficients(target, a, s)

    def both(z):
        m, v = gmm.posterior_target(z, a, s, cx, ce)
        return np.stack([(m**2).sum(1), v.sum(1)], 1)

    out = expect_over_z(both, schedule, t, gmm, nodes)
    return float(out[0]), float(out[1])


def floor_curve(target: str, schedule: str, ts, nodes: int = 96) -> np.ndarray:
    """Summed floor E‖y − E[y|z_t]‖² at each t in ``ts``."""
    return np.array([bayes_floor(target, schedule, float(t), nodes=nodes).sum() for t in np.asarray(ts, float)])


def target_second_moment(target: str, schedule: str, t, gmm: GaussianMixture | None = None) -> float:
    """E‖y‖² = c_x² E‖x0‖² + c_ε² D (x0 ⟂ ε, E ε = 0) — the total the floor and the signal split."""
    gmm = erd_gmm() if gmm is None else gmm
    a, s = alpha_sigma(schedule, check_t(t))
    cx, ce = target_coefficients(target, a, s)
    ex2 = float(np.sum(gmm.weights * ((gmm.means**2).sum(1) + gmm.dim * gmm.sds**2)))
    return float(cx**2 * ex2 + ce**2 * gmm.dim)
