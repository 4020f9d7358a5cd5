"""Manifolds, TwoNN and the k-Diff MLP ensemble trainer (Alg. 1 under vmap)."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.linear_model.trainer import NonFiniteLoss
from difftheory.threads import single_thread
from difftheory.theory.ktarget import KTarget, kdiff_loss
from difftheory.toy.intrinsic_dim import two_nn
from difftheory.toy.kdiff_mlp import (
    TimeMLP,
    _make_group,
    generate,
    learned_k,
    sample_quality,
    train_ensemble,
)
from difftheory.toy.manifolds import KINDS, make_manifold, span_dim
from torch.func import functional_call, vmap

FAST = settings(max_examples=10, deadline=None)


@pytest.fixture(autouse=True)
def _one_thread():
    with single_thread():
        yield


@FAST
@given(kind=st.sampled_from(KINDS), d=st.integers(1, 4), extra=st.integers(0, 6), seed=st.integers(0, 100))
def test_samples_lie_on_manifold_and_offsets_are_measured(kind, d, extra, seed):
    D = span_dim(kind, d) + extra
    m = make_manifold(kind, D, d, seed, dtype=torch.float64)
    g = torch.Generator().manual_seed(seed)
    x = m.sample(200, g)
    assert x.shape == (200, D)
    assert float(m.distance(x).max()) < 1e-9
    if extra > 0:  # a step orthogonal to the span is measured exactly
        Q_full, _ = torch.linalg.qr(torch.cat([m.Q, torch.randn(D, extra, generator=g, dtype=torch.float64)], 1))
        normal = Q_full[:, -1]
        assert torch.allclose(m.distance(x + 0.3 * normal), torch.full((200,), 0.3, dtype=torch.float64), atol=1e-9)


@settings(max_examples=5, deadline=None)
@given(d=st.integers(1, 6), seed=st.integers(0, 100))
def test_two_nn_recovers_dimension(d, seed):
    m = make_manifold("subspace", d + 5, d, seed)
    x = m.sample(2000, torch.Generator().manual_seed(seed)).numpy()
    assert two_nn(x) == pytest.approx(d, rel=0.15)


def test_bad_inputs_rejected():
    with pytest.raises(ValueError, match="D must be"):
        make_manifold("torus", 5, 3)
    with pytest.raises(ValueError, match="kind"):
        make_manifold("klein", 5, 2)
    with pytest.raises(ValueError, match="x must"):
        two_nn(np.zeros((5, 2)))
    with pytest.raises(ValueError, match="finite"):
        two_nn(np.full((20, 2), np.nan))
    m = make_manifold("sphere", 4, 1)
    with pytest.raises(ValueError, match="models"):
        train_ensemble(m, [])
    with pytest.raises(ValueError, match=r"models\[0\]"):
        train_ensemble(m, [1.5])
    with pytest.raises(ValueError, match="steps"):
        train_ensemble(m, ["learn"], steps=0)


def test_vmapped_alg1_equals_per_model_kdiff_loss():
    D, clamp = 5, 0.05
    g = _make_group("fixed", [0.0, 0.5, 1.0], [11, 12, 13], D, 16, 2, clamp)
    gen = torch.Generator().manual_seed(0)
    x, n = torch.randn(3, 32, D, generator=gen), torch.randn(3, 32, D, generator=gen)
    t = torch.rand(3, 32, generator=gen)
    batched = vmap(lambda p, b, xx, tt, nn_: functional_call(g.template, (p, b), (xx, tt, nn_)))(g.params, g.buffers, x, t, n)
    for j, (k, s) in enumerate(zip([0.0, 0.5, 1.0], [11, 12, 13])):
        torch.manual_seed(s)
        net = TimeMLP(D, 16, 2)
        ref = kdiff_loss(net, KTarget("fixed", k), x[j], t[j], n[j], clamp=clamp)
        assert float(batched[j].detach()) == pytest.approx(float(ref.detach()), rel=1e-5)


def test_training_is_deterministic_and_k_moves():
    m = make_manifold("sphere", 8, 1, 0)
    a = train_ensemble(m, ["learn", 1.0], steps=40, width=16, depth=2, seed=3)
    b = train_ensemble(m, ["learn", 1.0], steps=40, width=16, depth=2, seed=3)
    assert np.array_equal(learned_k(a), learned_k(b)) and np.array_equal(a.losses, b.losses)
    assert abs(float(learned_k(a)[0]) - 0.5) > 1e-3
    assert a.losses.shape[1] == 2 and np.isfinite(a.losses).all()
    rows = sample_quality(a, n=64, steps=4)
    assert len(rows) == 2 and all(math.isfinite(r["off_manifold"]) and math.isfinite(r["sliced_w2"]) for r in rows)
    xs = generate(a, 8, steps=3)
    assert xs[0][2].shape == (8, 8)


def test_non_finite_loss_stops_training():
    m = make_manifold("subspace", 4, 2, 0)
    with pytest.raises(NonFiniteLoss, match="subspace D=4 d=2"):
        train_ensemble(m, ["learn"], steps=200, lr=1e30, width=8, depth=1)
