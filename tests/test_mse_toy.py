"""mse toy generator comparison: the exact-denoiser machinery, the metrics, seeding."""

import numpy as np
import pytest

from difftheory.toy import mse_generators as tg
from difftheory.toy.distances import w2


def test_mmd2_is_unbiased_for_data_and_positive_for_a_wrong_law():
    gmm = tg.mse_gmm()
    vals = [tg.mmd2_to_gmm(gmm.sample(400, np.random.default_rng(s)), gmm, 0.25) for s in range(20)]
    assert abs(np.mean(vals)) < 3 * np.std(vals) / np.sqrt(20) + 1e-6
    shrunk = gmm.sample(400, np.random.default_rng(0)) * 0.8
    assert tg.mmd2_to_gmm(shrunk, gmm, 0.25) > 10 * np.std(vals)


def test_w2_of_identical_samples_is_zero_and_symmetric():
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((50, 2)), rng.standard_normal((50, 2))
    assert w2(a, a) == pytest.approx(0, abs=1e-12)
    assert w2(a, b) == pytest.approx(w2(b, a), rel=1e-9)


@pytest.mark.parametrize("kind", tg.KINDS)
def test_exact_denoiser_generators_recover_mode_weights(kind):
    gmm = tg.mse_gmm()
    den = tg.exact_denoiser(gmm, "logis")
    x = tg.generate(tg.SETTINGS[0], kind, "euler", 63, 3000, 0, den)
    j = ((x[:, None] - gmm.means[None]) ** 2).sum(-1).argmin(1)
    np.testing.assert_allclose(np.bincount(j, minlength=6) / len(x), gmm.weights, atol=0.035)
    assert tg.mmd2_to_gmm(x, gmm, 0.25) < 2e-3


def test_generate_is_seeded_and_steps_for_nfe():
    gmm = tg.mse_gmm()
    den = tg.exact_denoiser(gmm, "normal")
    s = tg.SETTINGS[1]
    a = tg.generate(s, "ml", "heun", 63, 50, 7, den)
    np.testing.assert_array_equal(a, tg.generate(s, "ml", "heun", 63, 50, 7, den))
    assert tg.steps_for("heun", 63) == 31 and tg.steps_for("euler", 255) == 254
    with pytest.raises(ValueError, match="kind"):
        tg.generate(s, "sde", "heun", 63, 5, 0, den)
    with pytest.raises(ValueError, match="scale"):
        tg.generator_comparison("huge", 0)


def test_training_stops_on_non_finite_loss(monkeypatch):
    from difftheory.toy.gmm import GaussianMixture

    monkeypatch.setattr(tg, "mse_gmm", lambda: GaussianMixture.isotropic([[1e30, 0.0]], 1.0))
    with pytest.raises(RuntimeError, match="non-finite loss.*scale=quick, seed=3"):
        tg._train(5, "quick", 3)
