"""The k-Diff objective around a backbone: Alg. 1 loss, class drop, CFG with an interval, and sampling
that reaches the data exactly when the backbone is the exact target predictor."""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from difftheory.gpu_validation.objective import KDiff
from difftheory.theory.kdiff_target import TargetSpec, kdiff_loss
from difftheory.theory.time_densities import TimeDensity

SAMPLER = TimeDensity("logit-normal", -0.8, 0.8)


def build_target(k_mode="learn", k=0.5, n_bins=128):
    return TargetSpec(k_mode, k, n_bins).build()


class PointMassOracle(nn.Module):
    """Exact û for data concentrated at x0: x̂ = x0, n̂ = (z − t x0)/(1 − t), û = φ x̂ + ψ n̂."""

    def __init__(self, x0, target, channels=1, image_size=4):
        super().__init__()
        self.x0, self.target, self.channels, self.image_size = x0, target, channels, image_size

    def forward(self, z, t, y):
        tb = t.reshape(-1, 1, 1, 1)
        n_hat = (z - tb * self.x0) / (1 - tb)
        phi, psi = (c.reshape(-1, 1, 1, 1) for c in self.target.coefficients(t))
        return phi * self.x0 + psi * n_hat


class Linear(nn.Module):
    def __init__(self, num_classes=3):
        super().__init__()
        self.channels, self.image_size = 1, 4
        self.emb = nn.Embedding(num_classes + 1, 16)
        self.lin = nn.Linear(16, 16)

    def forward(self, z, t, y):
        return self.lin(z.flatten(1)).reshape(z.shape) * (1 + t.reshape(-1, 1, 1, 1)) + self.emb(y).reshape(z.shape)


@pytest.mark.parametrize("mode,k", [("fixed", 0.5), ("fixed", 1.0), ("learn", 0.3), ("two", 0.7), ("binned", 0.6)])
def test_sampling_reaches_the_data_with_the_exact_predictor(mode, k):
    """With û exact, v̂ = (x0 − z)/(1 − t): every Euler/Heun step stays on the straight path and the last
    step lands on x0, whatever the target (the conversion is the theory twin)."""
    torch.manual_seed(0)
    target = build_target(mode, k, n_bins=8)
    if mode in ("binned", "two"):
        with torch.no_grad():
            target.w_k.add_(0.5 * torch.randn_like(target.w_k))
    x0 = torch.randn(1, 1, 4, 4)
    model = KDiff(PointMassOracle(x0, target), target, 3, SAMPLER, noise_scale=1.7, clamp=None)
    y = torch.tensor([0, 1, 2, 0])
    for solver in ("euler", "heun"):
        out = model.generate(y, steps=12, solver=solver, generator=torch.Generator().manual_seed(3))
        assert torch.allclose(out, x0.expand_as(out), atol=1e-4), (solver, (out - x0).abs().max())


def test_eps_prediction_needs_the_clamp_at_t0():
    """k = 0: the denominator k(1 − t) + (1 − k) t vanishes at t = 0, so v̂ is 0/0 there without the clamp;
    with the 0.05 clamp sampling stays finite and still ends near x0."""
    target = build_target("fixed", 0.0)
    x0 = torch.randn(1, 1, 4, 4, generator=torch.Generator().manual_seed(0))
    y = torch.tensor([0, 1])
    bare = KDiff(PointMassOracle(x0, target), target, 3, SAMPLER, clamp=None)
    assert torch.isnan(bare.generate(y, steps=12, generator=torch.Generator().manual_seed(3))).all()
    clamped = KDiff(PointMassOracle(x0, target), target, 3, SAMPLER, clamp=0.05)
    out = clamped.generate(y, steps=12, generator=torch.Generator().manual_seed(3))
    assert torch.isfinite(out).all() and float((out - x0).abs().max()) < 0.5


def test_forward_is_alg1_with_the_drawn_t_noise_and_labels():
    torch.manual_seed(0)
    target = build_target("learn")
    model = KDiff(Linear(), target, 3, SAMPLER, noise_scale=2.0, clamp=0.05, class_drop=0.5)
    x, y = torch.randn(64, 1, 4, 4), torch.randint(0, 3, (64,))
    t, n, y2 = model.draw(x, y, torch.Generator().manual_seed(5))
    expected = kdiff_loss(model.backbone, target, x, t, n, 0.05, cond=y2)
    assert torch.equal(model(x, y, torch.Generator().manual_seed(5)), expected)
    assert ((t > 0) & (t < 1)).all()
    assert abs(float(n.std()) - 2.0) < 0.3  # noise scale
    dropped = y2 == model.null_class
    assert 0 < int(dropped.sum()) < 64 and torch.equal(y2[~dropped], y[~dropped])


@settings(max_examples=10, deadline=None)
@given(st.floats(0.0, 0.95), st.integers(0, 1000))
def test_class_drop_rate(p, seed):
    model = KDiff(Linear(), build_target("learn"), 3, SAMPLER, class_drop=p)
    x, y = torch.zeros(4000, 1, 4, 4), torch.zeros(4000, dtype=torch.long)
    rate = float((model.draw(x, y, torch.Generator().manual_seed(seed))[2] == 3).float().mean())
    assert abs(rate - p) < 0.04


def test_guidance_scale_and_interval():
    torch.manual_seed(0)
    target = build_target("fixed", 0.7)
    model = KDiff(Linear(), target, 3, SAMPLER, clamp=0.05)
    z, y = torch.randn(5, 1, 4, 4), torch.tensor([0, 1, 2, 0, 1])
    tb = torch.full((5,), 0.4)
    cond = target.velocity(z, model.backbone(z, tb, y), tb, 0.05)
    uncond_u = model.backbone(z, tb, torch.full_like(y, 3))
    with torch.no_grad():
        assert torch.allclose(model.velocity(z, 0.4, y, 1.0), cond, atol=1e-6)
        assert torch.allclose(model.velocity(z, 0.4, y, 3.0, (0.5, 1.0)), cond, atol=1e-6)  # outside the interval
        guided_u = uncond_u + 3.0 * (model.backbone(z, tb, y) - uncond_u)
        assert torch.allclose(model.velocity(z, 0.4, y, 3.0, (0.1, 1.0)), target.velocity(z, guided_u, tb, 0.05), atol=1e-5)


def test_generate_is_seeded_and_validates():
    model = KDiff(Linear(), build_target("learn"), 3, SAMPLER)
    y = torch.tensor([0, 1])
    a = model.generate(y, steps=4, generator=torch.Generator().manual_seed(1), cfg_scale=2.0)
    b = model.generate(y, steps=4, generator=torch.Generator().manual_seed(1), cfg_scale=2.0)
    assert torch.equal(a, b) and torch.isfinite(a).all()
    with pytest.raises(ValueError, match="steps"):
        model.generate(y, steps=0)
    with pytest.raises(ValueError, match="solver"):
        model.generate(y, solver="rk4")
    with pytest.raises(ValueError, match="k_mode"):
        build_target("cosine")


def test_k_summary_reports_modes_and_gradient():
    model = KDiff(Linear(), build_target("two", 0.6), 3, SAMPLER)
    s = model.k_summary()
    assert s["k"] == pytest.approx(0.6) and s["k1"] == pytest.approx(0.6)
    model = KDiff(Linear(), build_target("learn", 0.5), 3, SAMPLER)
    model(torch.randn(8, 1, 4, 4), torch.zeros(8, dtype=torch.long), torch.Generator().manual_seed(0)).backward()
    wk = model.target.w_k
    assert model.k_summary()["k_grad"] == pytest.approx(float(wk.grad) / 0.25, rel=1e-5)  # dL/dk = dL/dw / (k(1−k))
    binned = KDiff(Linear(), build_target("binned", 0.5, n_bins=16), 3, SAMPLER)
    with torch.no_grad():
        binned.target.w_k.fill_(0.0)
        binned.target.w_k[8:] = 10.0
    k = binned.k_summary()["k"]
    assert 0.5 < k < 1.0  # a time-average of k(t) under the sampler
