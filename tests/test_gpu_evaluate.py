"""Fréchet distance against the closed form on Gaussian features; Inception Score limits; FID inputs."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import linalg

from difftheory.gpu_validation.evaluate import (
    feature_stats,
    fid_is,
    frechet_distance,
    frechet_distance_features,
    inception_score,
)


def _spd(rng, d, rank=None):
    a = rng.standard_normal((d, rank or d))
    return a @ a.T + (0 if rank else 0.1) * np.eye(d)


def _w2_sqrtm(mu1, s1, mu2, s2):
    """W₂² between Gaussians through scipy.linalg.sqrtm of Σ₁Σ₂ (the reference form)."""
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1 + s2 - 2 * linalg.sqrtm(s1 @ s2).real))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.integers(0, 10_000))
def test_matches_sqrtm_closed_form(d, seed):
    rng = np.random.default_rng(seed)
    mu1, mu2 = rng.standard_normal(d), rng.standard_normal(d)
    s1, s2 = _spd(rng, d), _spd(rng, d)
    ref = _w2_sqrtm(mu1, s1, mu2, s2)
    assert frechet_distance(mu1, s1, mu2, s2) == pytest.approx(ref, rel=1e-6, abs=1e-8)
    assert frechet_distance(mu2, s2, mu1, s1) == pytest.approx(ref, rel=1e-6, abs=1e-8)  # symmetric
    assert frechet_distance(mu1, s1, mu1, s1) == pytest.approx(0.0, abs=1e-7)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.0, 5.0), min_size=1, max_size=8), st.integers(0, 1000))
def test_commuting_covariances_closed_form(var, seed):
    """Diagonal Σ: W₂² = ‖μ₁ − μ₂‖² + Σᵢ (√a_i − √b_i)²; singular (zero-variance) directions allowed."""
    rng = np.random.default_rng(seed)
    a = np.array(var)
    b = rng.uniform(0, 5, a.size) * (rng.random(a.size) > 0.3)
    mu1, mu2 = rng.standard_normal(a.size), rng.standard_normal(a.size)
    expected = ((mu1 - mu2) ** 2).sum() + ((np.sqrt(a) - np.sqrt(b)) ** 2).sum()
    assert frechet_distance(mu1, np.diag(a), mu2, np.diag(b)) == pytest.approx(expected, rel=1e-6, abs=1e-6)


def test_sample_estimate_converges_to_the_population_distance():
    rng = np.random.default_rng(0)
    d = 6
    mu1, mu2 = rng.standard_normal(d), rng.standard_normal(d)
    s1, s2 = _spd(rng, d), _spd(rng, d, rank=3) + 0.05 * np.eye(d)
    f1 = rng.multivariate_normal(mu1, s1, 40_000)
    f2 = rng.multivariate_normal(mu2, s2, 40_000)
    truth = _w2_sqrtm(mu1, s1, mu2, s2)
    assert frechet_distance_features(f1, f2) == pytest.approx(truth, rel=0.03)
    m, s = feature_stats(f1)
    assert np.allclose(m, f1.mean(0)) and np.allclose(s, np.cov(f1, rowvar=False))


def test_inception_score_limits():
    assert inception_score(np.zeros((100, 7)))[0] == pytest.approx(1.0)  # no class information
    logits = np.full((50, 5), -1e4)
    logits[np.arange(50), np.arange(50) % 5] = 0.0
    assert inception_score(logits, splits=1)[0] == pytest.approx(5.0, rel=1e-6)  # confident and balanced


def test_inputs_are_validated(tmp_path):
    import torch

    with pytest.raises(ValueError, match="features"):
        feature_stats(np.zeros((1, 3)))
    with pytest.raises(ValueError, match="shapes"):
        frechet_distance(np.zeros(2), np.eye(2), np.zeros(3), np.eye(3))
    x = torch.zeros(4, 3, 8, 8)
    with pytest.raises(ValueError, match="fid_weights"):
        fid_is(x, x, None)
    with pytest.raises(ValueError, match="fid_weights"):
        fid_is(x, x, tmp_path / "missing.pth")
    weights = tmp_path / "pt_inception.pth"
    weights.write_bytes(b"not really weights")
    import importlib.util

    if importlib.util.find_spec("torch_fidelity") is None:
        with pytest.raises(ValueError, match="torch-fidelity"):
            fid_is(x, x, weights)
