"""toy/mse_misspecified.py: exact laws of the UDS generators with a given (wrong or trained-in-a-class) linear
denoiser, against toy/mse_gaussian_laws.py where the denoiser is exact, and the closed-form training of a class."""

import numpy as np
import pytest

from difftheory.theory import mse_generator
from difftheory.theory.schedules import mse_schedule
from difftheory.toy import mse_gaussian_laws as gl
from difftheory.toy import mse_misspecified as mm

VAR = np.array([0.05, 0.25, 1.0, 4.0])


def _grid(n=40):
    return np.linspace(0.05, 0.95, n + 1)


@pytest.mark.parametrize("solver", ["euler", "heun"])
@pytest.mark.parametrize("kind", ["flow", "ml"])
def test_gain_map_with_the_bayes_gain_is_the_exact_generator(solver, kind):
    grid = _grid()
    etas = mse_generator.step_etas(kind, "logis", "vel", grid)
    rho = mse_schedule("logis").rho(grid)
    gains = gl.posterior_gain(VAR[None, :], rho[:, None])
    a, b = mm.gain_map(VAR, "logis", grid, etas, gains, solver), gl.uds_map(VAR, "logis", grid, etas, solver)
    for x, y in zip(a[:3], b[:3]):
        np.testing.assert_allclose(x, y, rtol=1e-13, atol=1e-300)


def test_wrong_variance_gain_is_the_bayes_gain_of_that_variance():
    sig = np.array([0.01, 1.0, 50.0])
    np.testing.assert_allclose(mm.wrong_variance_gain(VAR, sig, lambda s: 1.3 + 0 * s),
                               gl.posterior_gain(1.3 * VAR[None, :], 1 / sig[:, None]), rtol=1e-14)


@pytest.mark.parametrize("weight", ["fpred", "noise", "ml"])
def test_realizable_class_trains_to_the_bayes_denoiser(weight):
    theta = mm.train_class(VAR, "normal", weight, 2.0)
    np.testing.assert_allclose(theta / VAR, 1.0, atol=1e-6)


def test_misspecified_class_and_bad_input():
    theta = mm.train_class(VAR, "normal", "fpred", 1.5)
    assert np.all(theta > 0) and not np.allclose(theta, VAR, rtol=1e-3)
    with pytest.raises(ValueError, match="weight"):
        mm.training_weight("nope", "normal", 0.5)
    with pytest.raises(ValueError, match="gains must have shape"):
        mm.gain_map(VAR, "logis", _grid(), np.zeros(40), np.ones((3, VAR.size)))
    with pytest.raises(ValueError, match="p"):
        mm.train_class(VAR, "normal", "fpred", 9.0)
