"""mse toy generator comparison: the exact-denoiser machinery, EDM2's Heun sampler, the metrics, seeding, and the
Vel MLP's training guard."""

import numpy as np
import pytest

from difftheory.theory.gmm import GaussianMixture
from difftheory.toy import mse_generators as tg
from difftheory.training import LossGrew, NonFiniteLoss


def _mmd2_full_matrix(x, gmm, h):
    """The estimator from the full n × n kernel matrix (scipy's cdist; the form before pdist), for comparison."""
    from scipy.spatial.distance import cdist

    n, D = x.shape
    k = np.exp(-cdist(x, x, "sqeuclidean") / (2 * h * h))
    within = (k.sum() - np.trace(k)) / (n * (n - 1))
    var = h * h + gmm.sds**2
    cross = np.mean(((h * h / var) ** (D / 2) * np.exp(-cdist(x, gmm.means, "sqeuclidean") / (2 * var))) @ gmm.weights)
    return within - 2 * cross + tg._kpq(gmm, gmm, h)


def test_mmd2_is_unbiased_for_data_and_positive_for_a_wrong_law():
    gmm = tg.mse_gmm()
    vals = [tg.mmd2_to_gmm(gmm.sample(400, np.random.default_rng(s)), gmm, 0.25) for s in range(20)]
    assert abs(np.mean(vals)) < 3 * np.std(vals) / np.sqrt(20) + 1e-6
    shrunk = gmm.sample(400, np.random.default_rng(0)) * 0.8
    assert tg.mmd2_to_gmm(shrunk, gmm, 0.25) > 10 * np.std(vals)
    x = gmm.sample(300, np.random.default_rng(1))
    assert tg.mmd2_to_gmm(x, gmm, 0.25) == pytest.approx(_mmd2_full_matrix(x, gmm, 0.25), abs=1e-12)


def test_width_error_margin_is_exact_and_grows():
    gmm = tg.mse_gmm()
    assert tg.mmd2_width_error(gmm, 0.0, 0.25) == pytest.approx(0.0, abs=1e-15)
    m1, m2, m5 = (tg.mmd2_width_error(gmm, r, 0.25) for r in (0.01, 0.02, 0.05))
    assert 0 < m1 < m2 < m5
    wide = GaussianMixture(gmm.means, gmm.sds * 1.1, gmm.weights)  # Monte Carlo of the same number (unbiased)
    mc = [tg.mmd2_to_gmm(wide.sample(2000, np.random.default_rng(s)), gmm, 0.25) for s in range(12)]
    assert abs(np.mean(mc) - tg.mmd2_width_error(gmm, 0.1, 0.25)) < 3 * np.std(mc, ddof=1) / np.sqrt(12)
    with pytest.raises(ValueError, match="rel"):
        tg.mmd2_width_error(gmm, -1.0, 0.25)


@pytest.mark.parametrize("kind", tg.KINDS)
def test_exact_denoiser_generators_recover_mode_weights(kind):
    gmm = tg.mse_gmm()
    den = tg.exact_denoiser(gmm, "logis")
    x = tg.generate(tg.SETTINGS["logis"], kind, "euler", 63, 3000, 0, den)
    j = ((x[:, None] - gmm.means[None]) ** 2).sum(-1).argmin(1)
    np.testing.assert_allclose(np.bincount(j, minlength=6) / len(x), gmm.weights, atol=0.035)
    assert tg.mmd2_to_gmm(x, gmm, 0.25) < 2e-3


def test_heun_edm2_is_second_order_and_starts_like_uds():
    gmm = tg.mse_gmm()
    den = tg.exact_denoiser(gmm, "normal")
    y0 = np.random.default_rng(0).standard_normal((200, 2))
    ref = tg.heun_edm2(den, 512, y0)
    err = [np.sqrt(np.mean(np.sum((tg.heun_edm2(den, p, y0) - ref) ** 2, 1))) for p in (32, 64, 128)]
    assert err[0] > err[1] > err[2]
    assert 2.5 < err[1] / err[2] < 6  # ≈ 4 for a 2nd-order method (the grid is ρ = 7 in σ)
    # UDS's Heun flow on the same grid and start noise integrates the same ODE: close to the reference too
    uds = tg.generate(tg.SETTINGS["edm2"], "flow", "heun", 255, 200, 0, den)
    assert np.sqrt(np.mean(np.sum((uds - ref) ** 2, 1))) < 10 * err[2] + 1e-3
    with pytest.raises(ValueError, match="points"):
        tg.heun_edm2(den, 1, y0)


def test_generate_is_seeded_and_steps_for_nfe():
    gmm = tg.mse_gmm()
    den = tg.exact_denoiser(gmm, "normal")
    s = tg.SETTINGS["edm2"]
    a = tg.generate(s, "ml", "heun", 63, 50, 7, den)
    np.testing.assert_array_equal(a, tg.generate(s, "ml", "heun", 63, 50, 7, den))
    assert tg.steps_for("heun", 63) == 31 and tg.steps_for("euler", 255) == 254
    assert tg.steps_for(tg.EDM2_HEUN, 63) == 31
    with pytest.raises(ValueError, match="kind"):
        tg.generate(s, "sde", "heun", 63, 5, 0, den)
    with pytest.raises(ValueError, match="scale"):
        tg.generator_comparison("huge", 0)
    with pytest.raises(ValueError, match="nfe must be odd"):
        tg.steps_for("heun", 64)


def test_training_stops_on_non_finite_loss(monkeypatch):
    monkeypatch.setattr(tg, "mse_gmm", lambda: GaussianMixture.isotropic([[1e30, 0.0]], 1.0))
    with pytest.raises(NonFiniteLoss, match="non-finite loss.*width=8, seed=3") as e:
        tg._train(5, 8, 3)
    assert "\n" not in str(e.value)


def test_training_stops_when_the_loss_grows(monkeypatch):
    monkeypatch.setattr(tg, "MLP_LR", 1e4)
    with pytest.raises(LossGrew, match="grew") as e:
        tg._train(60, 8, 0)
    assert "\n" not in str(e.value)


def test_mlp_training_is_reproducible_and_snapshots():
    a = tg._train(30, 8, 1, snapshot_at=24)
    b = tg._train(30, 8, 1, snapshot_at=24)
    assert all(np.array_equal(a[k].numpy(), b[k].numpy()) for k in a)
    assert any(k.startswith("at80.") for k in a) and len(a["losses"]) == 30
