"""theory.gmm: the exact posterior of an isotropic Gaussian mixture under z = αx + σn."""

import numpy as np
from hypothesis import given, settings, strategies as st

from difftheory.theory.gmm import GaussianMixture, erd_gmm


@settings(max_examples=15, deadline=None)
@given(alpha=st.floats(0.05, 1.0), sigma=st.floats(0.05, 1.0), seed=st.integers(0, 2**31 - 1))
def test_posterior_mean_and_variance_match_monte_carlo(alpha, sigma, seed):
    rng = np.random.default_rng(seed)
    g = GaussianMixture.isotropic(rng.normal(0, 2, (3, 2)), float(rng.uniform(0.2, 1.0)), rng.uniform(0.2, 1, 3))
    x = g.sample(40000, rng)
    z = alpha * x + sigma * rng.standard_normal(x.shape)
    m = g.posterior_mean(z, alpha, sigma)
    err = ((x - m) ** 2).sum(1)
    tr = g.posterior_var_trace(z, alpha, sigma)
    # E‖x − E[x|z]‖² = E tr Cov[x|z]; both estimated on the same z: compare within 5 standard errors
    se = (err - tr).std() / np.sqrt(len(err))
    assert abs(err.mean() - tr.mean()) < 5 * se + 1e-9
    # the residual is orthogonal to functions of z (the defining property of the conditional mean)
    for f in (z[:, 0], z[:, 1], np.tanh(z[:, 0] * z[:, 1])):
        c = ((x - m) * f[:, None]).mean(0)
        s = ((x - m) * f[:, None]).std(0) / np.sqrt(len(f))
        assert np.all(np.abs(c) < 5 * s + 1e-9)


@settings(max_examples=15, deadline=None)
@given(alpha=st.floats(0.1, 1.0), sigma=st.floats(0.1, 1.0))
def test_score_is_gradient_of_log_density(alpha, sigma):
    g = erd_gmm()
    z = np.array([[0.7, -1.3], [2.0, 0.1]])
    h = 1e-5
    num = np.stack([(g.log_density_z(z + h * e, alpha, sigma) - g.log_density_z(z - h * e, alpha, sigma)) / (2 * h)
                    for e in np.eye(2)], axis=1)
    assert np.allclose(num, g.score(z, alpha, sigma), rtol=1e-5, atol=1e-6)
