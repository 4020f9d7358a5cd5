"""Isotropic Gaussian mixtures with an exact posterior under z = α x + σ n (any schedule).

Components N(μ_j, s_j² I) with weights w_j. Given z, component j has z ~ N(α μ_j, v_j I),
v_j = α² s_j² + σ², responsibilities r_j(z) ∝ w_j N(z; α μ_j, v_j I), and
E[x | z, j] = μ_j + (α s_j² / v_j)(z − α μ_j), Cov[x | z, j] = (s_j² σ² / v_j) I.
The exact denoiser E[x | z] is Σ_j r_j E[x | z, j]; the noise predictor follows from n = (z − α x)/σ.
Used by erd's App. F toy world (2D, 4 components) and mse's exact-denoiser generator comparison."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp, softmax


@dataclass(frozen=True)
class GaussianMixture:
    means: np.ndarray  # (K, D)
    sds: np.ndarray  # (K,)
    weights: np.ndarray  # (K,), sums to 1

    @classmethod
    def isotropic(cls, means, sd: float, weights=None) -> "GaussianMixture":
        means = np.asarray(means, dtype=float)
        if means.ndim != 2:
            raise ValueError(f"means must be a (K, D) array, got shape {means.shape}")
        if not sd > 0:
            raise ValueError(f"sd must be > 0, got {sd}")
        K = means.shape[0]
        w = np.full(K, 1.0 / K) if weights is None else np.asarray(weights, float) / np.sum(weights)
        return cls(means, np.full(K, float(sd)), w)

    @property
    def dim(self) -> int:
        return self.means.shape[1]

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        j = rng.choice(len(self.weights), size=n, p=self.weights)
        return self.means[j] + self.sds[j, None] * rng.standard_normal((n, self.dim))

    def _resp(self, z, alpha, sigma):
        """log N(z; α μ_j, v_j I) + log w_j  → (N, K), and v_j → (N, K)."""
        z = np.atleast_2d(np.asarray(z, float))
        alpha = np.reshape(np.asarray(alpha, float), (-1, 1))
        sigma = np.reshape(np.asarray(sigma, float), (-1, 1))
        v = alpha**2 * self.sds[None, :] ** 2 + sigma**2  # (N|1, K)
        diff2 = ((z[:, None, :] - alpha[:, :, None] * self.means[None]) ** 2).sum(-1)  # (N, K)
        logp = np.log(self.weights)[None] - 0.5 * diff2 / v - 0.5 * self.dim * np.log(2 * np.pi * v)
        return z, alpha, sigma, v, logp

    def log_density_z(self, z, alpha, sigma) -> np.ndarray:
        """log p(z) of z = α x + σ n."""
        return logsumexp(self._resp(z, alpha, sigma)[-1], axis=1)

    def posterior_mean(self, z, alpha, sigma) -> np.ndarray:
        """E[x | z] (N, D) — the exact x-denoiser."""
        z, alpha, sigma, v, logp = self._resp(z, alpha, sigma)
        r = softmax(logp, axis=1)
        gain = alpha * self.sds[None] ** 2 / v  # (N|1, K)
        cond = self.means[None] + gain[..., None] * (z[:, None, :] - alpha[:, :, None] * self.means[None])
        return (r[..., None] * cond).sum(1)

    def posterior_var_trace(self, z, alpha, sigma) -> np.ndarray:
        """tr Cov[x | z] (N,): E‖x − E[x|z]‖² given z (law of total variance over components)."""
        z, alpha, sigma, v, logp = self._resp(z, alpha, sigma)
        r = softmax(logp, axis=1)
        gain = alpha * self.sds[None] ** 2 / v
        cond = self.means[None] + gain[..., None] * (z[:, None, :] - alpha[:, :, None] * self.means[None])
        within = self.dim * self.sds[None] ** 2 * sigma**2 / v  # (N|1, K)
        mean = (r[..., None] * cond).sum(1)
        between = (r * ((cond - mean[:, None, :]) ** 2).sum(-1)).sum(1)
        return (r * within).sum(1) + between

    def posterior_target(self, z, alpha, sigma, c_x, c_n) -> tuple[np.ndarray, np.ndarray]:
        """E[y | z] and the per-coordinate Var[y | z] (both (N, D)) for y = c_x x + c_n n.

        Written per component in a form that stays finite at σ = 0 or α = 0: given (z, j),
        E[n | z, j] = σ (z − α μ_j)/v_j and y is affine in x with slope (c_x σ − c_n α)/σ, so
        Var[y | z, j] = (c_x σ − c_n α)² s_j² / v_j per coordinate; the mixture adds the between-component spread.
        ``c_x``, ``c_n`` are scalars or broadcast like ``alpha`` (one value per row of z)."""
        z, alpha, sigma, v, logp = self._resp(z, alpha, sigma)
        r = softmax(logp, axis=1)  # (N, K)
        cx = np.reshape(np.asarray(c_x, float), (-1, 1))
        cn = np.reshape(np.asarray(c_n, float), (-1, 1))
        resid = z[:, None, :] - alpha[:, :, None] * self.means[None]  # z − α μ_j  (N, K, D)
        cond_x = self.means[None] + (alpha * self.sds[None] ** 2 / v)[..., None] * resid
        cond_n = (sigma / v)[..., None] * resid
        cond_y = cx[..., None] * cond_x + cn[..., None] * cond_n  # (N, K, D)
        within = (cx * sigma - cn * alpha) ** 2 * self.sds[None] ** 2 / v  # (N|1, K)
        mean = (r[..., None] * cond_y).sum(1)
        var = (r * within).sum(1)[:, None] + (r[..., None] * (cond_y - mean[:, None, :]) ** 2).sum(1)
        return mean, var

    def score(self, z, alpha, sigma) -> np.ndarray:
        """∇_z log p(z) = (α E[x|z] − z) / σ² (Tweedie)."""
        z2 = np.atleast_2d(np.asarray(z, float))
        a = np.reshape(np.asarray(alpha, float), (-1, 1))
        s = np.reshape(np.asarray(sigma, float), (-1, 1))
        return (a * self.posterior_mean(z2, alpha, sigma) - z2) / s**2


def erd_gmm() -> GaussianMixture:
    """erd App. F: 4 components at (±2, ±2), σ0 = 0.3, equal weights."""
    return GaussianMixture.isotropic([[2, 2], [2, -2], [-2, 2], [-2, -2]], 0.3)
