"""Cross-check against facebookresearch's flow_matching (a library no one here wrote; issue 12).

Its ``AffineProbPath`` with the ``CondOTScheduler`` is x_t = σ_t X_0 + α_t X_1 with α_t = t, σ_t = 1 − t, X_0 the
source (noise) and X_1 the target (data) — read from ``flow_matching/path/affine.py`` and
``path/scheduler/scheduler.py`` — i.e. kdiff's z = t·x + (1 − t)·n with t = 0 noise, t = 1 data. Its conversions
``target_to_velocity`` (x → v), ``epsilon_to_velocity`` (ε → v), ``velocity_to_target``, ``velocity_to_epsilon``,
``target_to_epsilon`` are checked against our k-target conversions (theory/target_conversions.py: Alg. 1's velocity for k = 0,
½, 1 and any k, x̂ and n̂ of kdiff Eq. 18, and kdiff_target.KTarget's torch twin), for exact targets and for arbitrary
predictions û. Our Euler and Heun steps (theory/kdiff_target.py) are checked against its ``ODESolver`` (torchdiffeq
``euler`` / ``heun2`` on the same time grid) on the exact velocity field of a Gaussian mixture
(difftheory.theory.gmm: E[x − n | z_t]), and both against an adaptive dopri5 reference."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
fm_path = pytest.importorskip("flow_matching.path")
fm_sched = pytest.importorskip("flow_matching.path.scheduler")
fm_solver = pytest.importorskip("flow_matching.solver")
fm_utils = pytest.importorskip("flow_matching.utils")

from difftheory.theory import kdiff_target, target_conversions  # noqa: E402
from difftheory.theory.gmm import GaussianMixture  # noqa: E402
from difftheory.theory.schedules import KDIFF_LINEAR  # noqa: E402

TOL = 1e-12  # float64 conversions of O(1) numbers through different algebra: round-off ~1e-15, amplified by 1/(1−t)


@pytest.fixture(scope="module")
def path():
    return fm_path.AffineProbPath(scheduler=fm_sched.CondOTScheduler())


@pytest.fixture(scope="module")
def batch():
    g = torch.Generator().manual_seed(0)
    n = 400
    x = torch.randn(n, 3, generator=g, dtype=torch.float64)
    eps = torch.randn(n, 3, generator=g, dtype=torch.float64)
    t = torch.rand(n, generator=g, dtype=torch.float64) * 0.98 + 0.01        # away from the ends (1/t, 1/(1−t))
    k = torch.rand(n, generator=g, dtype=torch.float64) * 0.9 + 0.05
    u_pred = torch.randn(n, 3, generator=g, dtype=torch.float64)             # an arbitrary network output
    return x, eps, t, k, u_pred


def _col(v):
    return v[:, None]


def test_condot_path_is_kdiffs_interpolation(path, batch):
    x, eps, t, k, _ = batch
    s = path.sample(x_0=eps, x_1=x, t=t)
    assert torch.allclose(s.x_t, target_conversions.noisy(x, eps, _col(t)), rtol=0, atol=TOL)          # z = t x + (1 − t) n
    assert torch.allclose(s.dx_t, x - eps, rtol=0, atol=TOL)                                   # v = dz/dt = x − n
    out = fm_sched.CondOTScheduler()(t)
    alpha, sigma, d_alpha, d_sigma = KDIFF_LINEAR(t)
    assert torch.equal(out.alpha_t, alpha) and torch.equal(out.sigma_t, sigma)
    assert torch.equal(out.d_alpha_t, d_alpha) and torch.equal(out.d_sigma_t, d_sigma)
    # every k-target, converted by Alg. 1, gives the library's conditional velocity
    u = target_conversions.k_target(x, eps, _col(k))
    assert torch.allclose(target_conversions.velocity_from_u(s.x_t, u, _col(t), _col(k)), s.dx_t, rtol=0, atol=TOL)


@pytest.mark.parametrize("k", [0.0, 0.5, 1.0])
def test_special_k_conversions_match_the_library(path, batch, k):
    """k = 0: u = −ε (ε-prediction), k = ½: u = v/2, k = 1: u = x — each converted to v by Alg. 1 and to x̂, n̂ by
    Eq. (18), for an arbitrary prediction û, against the library's epsilon/target/velocity conversions."""
    x, eps, t, _, u_pred = batch
    z, tc = target_conversions.noisy(x, eps, _col(t)), _col(t)
    v_ours = target_conversions.velocity_from_u(z, u_pred, tc, k)
    x_hat = target_conversions.x_hat(z, u_pred, tc, 1 - tc, k, -(1 - k))
    n_hat = target_conversions.n_hat(z, u_pred, tc, 1 - tc, k, -(1 - k))
    if k == 0.0:     # û predicts −ε
        v_lib = path.epsilon_to_velocity(epsilon=-u_pred, x_t=z, t=tc)
        assert torch.allclose(n_hat, -u_pred, rtol=0, atol=TOL)
        assert torch.allclose(x_hat, path.epsilon_to_target(epsilon=-u_pred, x_t=z, t=tc), rtol=0, atol=1e-10)
    elif k == 1.0:   # û predicts x
        v_lib = path.target_to_velocity(x_1=u_pred, x_t=z, t=tc)
        assert torch.allclose(x_hat, u_pred, rtol=0, atol=TOL)
        assert torch.allclose(n_hat, path.target_to_epsilon(x_1=u_pred, x_t=z, t=tc), rtol=0, atol=1e-10)
    else:            # û predicts v/2
        v_lib = 2 * u_pred
        assert torch.allclose(x_hat, path.velocity_to_target(velocity=2 * u_pred, x_t=z, t=tc), rtol=0, atol=1e-10)
        assert torch.allclose(n_hat, path.velocity_to_epsilon(velocity=2 * u_pred, x_t=z, t=tc), rtol=0, atol=1e-10)
    assert torch.allclose(v_ours, v_lib, rtol=0, atol=1e-10)


def test_general_k_conversions_match_the_library(path, batch):
    """Any k, any û: x̂ and n̂ of Eq. (18) are a consistent pair in the library's algebra (its x → v and ε → v give
    the same velocity as Alg. 1, and its x → ε maps x̂ to n̂); KTarget's torch twin agrees."""
    x, eps, t, k, u_pred = batch
    z, tc, kc = target_conversions.noisy(x, eps, _col(t)), _col(t), _col(k)
    x_hat = target_conversions.x_hat(z, u_pred, tc, 1 - tc, kc, -(1 - kc))
    n_hat = target_conversions.n_hat(z, u_pred, tc, 1 - tc, kc, -(1 - kc))
    v = target_conversions.velocity_from_u(z, u_pred, tc, kc)
    assert torch.allclose(path.target_to_velocity(x_1=x_hat, x_t=z, t=tc), v, rtol=0, atol=1e-10)
    assert torch.allclose(path.epsilon_to_velocity(epsilon=n_hat, x_t=z, t=tc), v, rtol=0, atol=1e-10)
    assert torch.allclose(path.target_to_epsilon(x_1=x_hat, x_t=z, t=tc), n_hat, rtol=0, atol=1e-10)
    assert torch.allclose(path.velocity_to_target(velocity=v, x_t=z, t=tc), x_hat, rtol=0, atol=1e-9)
    for kk in (0.0, 0.3, 0.5, 0.8, 1.0):
        kt = kdiff_target.KTarget("fixed", k=kk)
        u_k = kt.target(x, eps, t)
        assert torch.allclose(kt.velocity(z, u_k, t), path.sample(x_0=eps, x_1=x, t=t).dx_t, rtol=0, atol=TOL)
        assert torch.allclose(kt.velocity(z, u_pred, t), target_conversions.velocity_from_u(z, u_pred, tc, kk), rtol=0, atol=TOL)


def test_a_wrong_convention_is_caught(path, batch):
    """The checks can fail: swapping noise and data (t = 0 data) disagrees with the library."""
    x, eps, t, _, _ = batch
    s = path.sample(x_0=eps, x_1=x, t=t)
    assert not torch.allclose(target_conversions.noisy(eps, x, _col(t)), s.x_t, atol=1e-3)


# ---------------------------------------------------------------------------------------- ODE solvers
# component sd 0.6: with 0.3 the field is stiff near t = 1 (Heun needs > 64 steps to reach its asymptotic order)
GMM = GaussianMixture.isotropic([[2.0, 0.5], [-1.5, 1.0], [0.0, -2.0]], 0.6, weights=[0.5, 0.3, 0.2])


def gmm_velocity(z: torch.Tensor, t: float) -> torch.Tensor:
    """The exact flow-matching velocity E[x − n | z_t = z] of the mixture (posterior mean of the target v)."""
    tt = float(t)
    mean, _ = GMM.posterior_target(z.detach().cpu().numpy(), tt, 1.0 - tt, 1.0, -1.0)
    return torch.as_tensor(mean, dtype=z.dtype)


class _Velocity(fm_utils.ModelWrapper):
    def __init__(self):
        super().__init__(None)

    def forward(self, x, t, **extras):
        return gmm_velocity(x, float(t))


@pytest.fixture(scope="module")
def z0():
    return torch.randn(256, 2, generator=torch.Generator().manual_seed(1), dtype=torch.float64)


def _ours(step, z0, grid):
    z = z0
    for a, b in zip(grid[:-1], grid[1:]):
        z = step(gmm_velocity, z, a, b)
    return z


@pytest.mark.parametrize("steps", [8, 50])   # 50: kdiff §5.1; its grid points are not binary fractions
def test_euler_and_heun_match_the_library_solver(z0, steps):
    grid = torch.linspace(0.0, 1.0, steps + 1, dtype=torch.float64)
    solver = fm_solver.ODESolver(velocity_model=_Velocity())
    for ours, method in ((kdiff_target.euler_step, "euler"), (kdiff_target.heun_step, "heun2")):
        theirs = solver.sample(x_init=z0, step_size=None, method=method, time_grid=grid)
        mine = _ours(ours, z0, grid.tolist())
        assert torch.allclose(mine, theirs, rtol=0, atol=1e-11), (method, float((mine - theirs).abs().max()))
    # kdiff_target.sample: Heun on every interval but the last, which is Euler (NFE = 2·steps − 1)
    mixed = kdiff_target.sample(gmm_velocity, z0, steps=steps, solver="heun")
    heun_then_euler = _ours(kdiff_target.heun_step, z0, grid[:-1].tolist())
    heun_then_euler = kdiff_target.euler_step(gmm_velocity, heun_then_euler, float(grid[-2]), float(grid[-1]))
    assert torch.allclose(mixed, heun_then_euler, rtol=0, atol=1e-11)
    assert torch.allclose(kdiff_target.sample(gmm_velocity, z0, steps=steps, solver="euler"),
                          _ours(kdiff_target.euler_step, z0, grid.tolist()), rtol=0, atol=1e-11)


def test_heun_converges_to_the_adaptive_reference_at_second_order(z0):
    ref = fm_solver.ODESolver(velocity_model=_Velocity()).sample(
        x_init=z0, step_size=None, method="dopri5", atol=1e-10, rtol=1e-10,
        time_grid=torch.tensor([0.0, 1.0], dtype=torch.float64))
    err = {}
    for steps in (16, 32, 64):
        grid = torch.linspace(0.0, 1.0, steps + 1, dtype=torch.float64).tolist()
        err[steps] = (float((_ours(kdiff_target.heun_step, z0, grid) - ref).abs().max()),
                      float((_ours(kdiff_target.euler_step, z0, grid) - ref).abs().max()))
    assert err[64][0] < 5e-3 and err[64][0] < err[64][1] / 10     # measured 1.8e-3 (Heun) vs 0.11 (Euler)
    assert err[16][0] / err[64][0] > 10         # second order: 16× ideally from 16 to 64 steps (measured 15.2)
    assert err[16][1] / err[64][1] > 2.5        # Euler: first order, 4× ideally (measured 3.3)
