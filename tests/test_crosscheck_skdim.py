"""Cross-check of toy/intrinsic_dim.py against scikit-dimension (skdim), a library no one here wrote: TwoNN and the
Levina–Bickel MLE on the manifold data of the k-Diff sweep. Skips cleanly without skdim."""

import pytest
import torch

from difftheory.toy import intrinsic_dim
from difftheory.toy.manifolds import make_manifold

try:
    intrinsic_dim._skdim()
except Exception as exc:  # noqa: BLE001 - not installed, or its numba stack does not import here
    pytest.skip(f"scikit-dimension unavailable: {type(exc).__name__}: {exc}", allow_module_level=True)

# the sweep's manifolds (toy/kdiff_mlp.SWEEP) and a flat one
CASES = [("sphere", 4, 1), ("sphere", 4, 3), ("sphere", 16, 2), ("sphere", 256, 4), ("nonlinear", 16, 4),
         ("subspace", 10, 6)]
TWONN_AGREE = 0.03  # same model (Pareto law of r2/r1), different fit (MLE vs Facco's least squares): ≤ 3 % apart
MLE_AGREE = 0.10  # a different estimator (k = 20 neighbours): within 10 % of TwoNN
TRUTH = 0.10  # both within 10 % of the true d at 2000 points


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"{c[0]}-D{c[1]}-d{c[2]}")
def case(request):
    kind, D, d = request.param
    x = make_manifold(kind, D, d, 0).sample(2000, torch.Generator().manual_seed(1)).numpy()
    return d, x


def test_two_nn_agrees_with_skdim_two_nn(case):
    d, x = case
    ours, theirs = intrinsic_dim.two_nn(x), intrinsic_dim.skdim_two_nn(x)
    assert ours == pytest.approx(theirs, rel=TWONN_AGREE)
    assert ours == pytest.approx(d, rel=TRUTH) and theirs == pytest.approx(d, rel=TRUTH)


def test_two_nn_agrees_with_skdim_mle(case):
    d, x = case
    mle = intrinsic_dim.skdim_mle(x, k=20)
    assert intrinsic_dim.two_nn(x) == pytest.approx(mle, rel=MLE_AGREE)
    assert mle == pytest.approx(d, rel=TRUTH)


def test_two_nn_is_invariant_under_the_orthonormal_embedding():
    """d̂ depends on the points' distances only: the same sphere in R^8 and R^256 gives the same d̂ (both
    libraries)."""
    xs = [make_manifold("sphere", D, 4, 0).sample(1500, torch.Generator().manual_seed(2)).numpy() for D in (8, 256)]
    assert intrinsic_dim.two_nn(xs[0]) == pytest.approx(intrinsic_dim.two_nn(xs[1]), rel=1e-3)
    assert intrinsic_dim.skdim_two_nn(xs[0]) == pytest.approx(intrinsic_dim.skdim_two_nn(xs[1]), rel=1e-3)
