"""Empirical NTK paths agree: structured per-layer, jacrev + vmap, naive autograd loop, NTK-vector products, Lanczos."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.toy import ntk
from difftheory.toy.erd_model import init_mlp


def _net(width, depth, seed):
    g = torch.Generator().manual_seed(seed)
    return [(W.double(), b.double()) for W, b in init_mlp(width, depth, generator=g)]


def _inputs(n, seed):
    g = torch.Generator().manual_seed(seed + 100)
    return torch.randn(n, 2, generator=g, dtype=torch.float64) * 2, torch.rand(n, generator=g, dtype=torch.float64)


def _rel(a, b):
    return float((a - b).abs().max() / b.abs().max())


@settings(max_examples=8, deadline=None)
@given(width=st.integers(3, 24), depth=st.integers(1, 3), n=st.integers(2, 6), seed=st.integers(0, 1000),
       kind=st.sampled_from(ntk.KINDS))
def test_structured_matches_jacrev_and_naive(width, depth, n, seed, kind):
    p = _net(width, depth, seed)
    x, t = _inputs(n, seed)
    Ks = ntk.ntk_structured(p, x, t, kind=kind)
    assert _rel(Ks, ntk.ntk_jacrev(p, x, t, kind=kind)) < 1e-5
    assert _rel(Ks, ntk.ntk_naive(p, x, t, kind=kind)) < 1e-5


def test_trace_is_sum_of_output_blocks_and_cross_kernel():
    p = _net(16, 3, 1)
    x, t = _inputs(5, 1)
    full = ntk.ntk_structured(p, x, t).reshape(5, 2, 5, 2)
    assert torch.allclose(full.diagonal(dim1=1, dim2=3).sum(-1), ntk.ntk_structured(p, x, t, kind="trace"))
    x2, t2 = _inputs(3, 2)
    big = ntk.ntk_structured(p, torch.cat([x, x2]), torch.cat([t, t2]))
    cross = ntk.ntk_structured(p, x, t, x2, t2)
    assert torch.allclose(cross, big[:10, 10:])


@settings(max_examples=3, deadline=None)
@given(seed=st.integers(0, 1000))
def test_ntk_vector_product_and_lanczos(seed):
    p = _net(20, 3, seed)
    x, t = _inputs(8, seed)
    K = ntk.ntk_structured(p, x, t)
    v = torch.randn(16, dtype=torch.float64, generator=torch.Generator().manual_seed(seed))
    assert _rel(ntk.ntk_vp(p, x, t, v).reshape(-1), K @ v) < 1e-5
    top = ntk.top_eigenvalues(p, x, t, 3)
    assert np.allclose(top, ntk.eigenvalues(K)[:3], rtol=1e-5)


def test_effective_rank_and_normalized_gram():
    assert ntk.effective_rank([1, 1, 1, 1]) == pytest.approx(4.0)
    assert ntk.effective_rank([5, 0, 0]) == pytest.approx(1.0)
    assert 1 < ntk.effective_rank([3, 1, 0.1]) < 3
    with pytest.raises(ValueError, match="eigenvalues"):
        ntk.effective_rank([0, 0])
    p = _net(8, 2, 0)
    x, t = _inputs(6, 0)
    G = ntk.normalized_gram(ntk.ntk_structured(p, x, t, kind="trace"))
    assert torch.allclose(G.diagonal(), torch.ones(6, dtype=torch.float64))
    assert float(G.abs().max()) <= 1 + 1e-12


def test_bad_kind():
    p = _net(4, 1, 0)
    x, t = _inputs(2, 0)
    with pytest.raises(ValueError, match="kind"):
        ntk.ntk_structured(p, x, t, kind="diag")


def test_homogenised_kernel_has_the_effective_rank_of_its_output_block():
    """A perfectly homogenised kernel Θ = 1 1ᵀ ⊗ G (every input the same gradients) has eigenvalues n·eig(G): its
    effective rank is erank(G) ∈ [1, 2] for two outputs — the reference of erd.fig11, not 1."""
    from difftheory.toy.erd_experiments import homogenised_rank

    G = torch.tensor([[2.0, 0.3], [0.3, 1.5]], dtype=torch.float64)
    n = 7
    K = torch.kron(torch.ones(n, n, dtype=torch.float64), G)
    assert ntk.effective_rank(ntk.eigenvalues(K / n)) == pytest.approx(ntk.effective_rank(ntk.eigenvalues(G)), rel=1e-9)
    assert homogenised_rank(K, 2) == pytest.approx(ntk.effective_rank(ntk.eigenvalues(G)), rel=1e-12)
    assert 1.0 < homogenised_rank(K, 2) <= 2.0
    assert homogenised_rank(torch.kron(torch.ones(n, n, dtype=torch.float64), torch.eye(2, dtype=torch.float64)), 2) == pytest.approx(2.0)
