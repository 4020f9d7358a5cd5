"""App. F toy training: stacked (vmap) models behave as independent models; bad inputs and non-finite losses."""

import numpy as np
import pytest
import torch

from difftheory.toy import erd_gradients
from difftheory.toy.erd_model import init_mlp, mlp_forward, stack_params, stacked_forward, vmapped_forward
from difftheory.toy.erd_train import (
    ModelSpec,
    TrainConfig,
    checkpoint_iteration,
    eval_loss_curve,
    train_models,
    train_stack,
    trained,
)
from difftheory.training import LossGrew, TrainingDiverged


def test_stacked_forward_and_gradients_are_per_model():
    g = torch.Generator().manual_seed(0)
    models = [init_mlp(8, 3, generator=g) for _ in range(3)]
    params = stack_params(models)
    x = torch.randn(3, 5, 2, generator=g)
    t = torch.rand(3, 5, generator=g)
    out = stacked_forward(params, x, t)
    for m in range(3):
        assert torch.allclose(out[m], mlp_forward(models[m], x[m], t[m]), atol=1e-6)
    assert torch.allclose(out, vmapped_forward(params, x, t), atol=1e-6)  # batched GEMMs = vmap of one model
    # the gradient of the summed loss w.r.t. model 1 is model 1's own gradient
    leaves = [p.clone().requires_grad_() for pair in params for p in pair]
    ps = [(leaves[i], leaves[i + 1]) for i in range(0, len(leaves), 2)]
    stacked_forward(ps, x, t).pow(2).sum().backward()
    own = [p.clone().requires_grad_() for pair in models[1] for p in pair]
    mlp_forward([(own[i], own[i + 1]) for i in range(0, len(own), 2)], x[1], t[1]).pow(2).sum().backward()
    for a, b in zip(leaves, own):
        assert torch.allclose(a.grad[1], b.grad, atol=1e-5)


def test_training_is_seeded_and_reduces_loss():
    specs = [ModelSpec("x0", "linear"), ModelSpec("eps", "vp", "erd"), ModelSpec("u", "gvp", "p2", 0.2, 0.4)]
    cfg = TrainConfig(iterations=60, batch=64, width=16)
    p1, h1 = train_stack(specs, cfg, seed=3)
    p2, h2 = train_stack(specs, cfg, seed=3)
    assert np.array_equal(h1, h2)
    assert np.all(h1[-10:].mean(0) < h1[:10].mean(0))
    curve = eval_loss_curve(p1, specs, [0.1, 0.5], n=200)
    assert curve.shape == (3, 2) and np.all(np.isfinite(curve))


def test_non_finite_loss_names_the_setting(monkeypatch):
    import difftheory.toy.erd_train as tr

    real = tr.stacked_forward

    def poisoned(params, z, t):  # model 1 produces inf from its first step
        out = real(params, z, t)
        return torch.cat([out[:1], out[1:2] * float("inf"), out[2:]])

    monkeypatch.setattr(tr, "stacked_forward", poisoned)
    specs = [ModelSpec("x0", "linear"), ModelSpec("eps", "vp", "p2"), ModelSpec("u", "gvp")]
    with pytest.raises(TrainingDiverged, match="non-finite loss .* at iteration 0 for model eps/vp/p2.*lr=0.001"):
        train_stack(specs, TrainConfig(iterations=5, batch=8, width=4), seed=0)


@pytest.mark.parametrize("kwargs, match", [
    (dict(target="w", schedule="vp"), "target"),
    (dict(target="eps", schedule="cosine"), "schedule"),
    (dict(target="eps", schedule="vp", weighting="snr"), "weighting"),
    (dict(target="eps", schedule="vp", t_lo=0.5, t_hi=0.5), "t_hi"),
    (dict(target="eps", schedule="vp", seed=-1), "seed"),
])
def test_bad_specs(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ModelSpec(**kwargs)


def test_bad_config():
    with pytest.raises(ValueError, match="lr"):
        TrainConfig(lr=0)
    with pytest.raises(ValueError, match="specs"):
        train_stack([], TrainConfig(iterations=1))


def test_ntk_step_error_is_second_order():
    p = erd_gradients.small_mlp(16, 0)
    z, t, y, _ = erd_gradients.toy_batch("v", "gvp", 8, 0)
    ze, te, _, _ = erd_gradients.toy_batch("v", "gvp", 4, 1)
    r = erd_gradients.ntk_step_errors(p, z, t, y, ze, te, [1e-1, 1e-2, 1e-3])
    assert 1.8 < r["loglog_slope"] < 2.2


def test_representation_gradient_split_and_bound():
    p = erd_gradients.small_mlp(12, 1)
    z, t, y, fs = erd_gradients.toy_batch("x0", "linear", 6, 2, t=0.7)
    r = erd_gradients.gradient_decomposition(p, z, t, y, fs, M=2.0)
    assert r["split_max_rel_err"] < 1e-10
    assert r["bound_ratio_max"] <= 1.0


def test_a_model_trains_the_same_in_any_stack():
    """Each model draws its batches from its own stream: alone or beside others, bit for bit the same."""
    cfg = TrainConfig(iterations=25, batch=32, width=8)
    target = ModelSpec("eps", "gvp", seed=2)
    big = train_models([ModelSpec("x0", "linear"), target, ModelSpec("u", "vp", "erd")], cfg, seed=1)
    alone = train_models([target], cfg, seed=1)
    assert np.array_equal(big.history[:, 1], alone.history[:, 0])
    for (Wa, ba), (Wb, bb) in zip(big.params, alone.params):
        assert torch.equal(Wa[1], Wb[0]) and torch.equal(ba[1], bb[0])


def test_checkpoint_is_the_state_after_80_percent():
    cfg = TrainConfig(iterations=20, batch=16, width=8)
    spec = [ModelSpec("v", "linear")]
    full = train_models(spec, cfg, seed=0)
    short = train_models(spec, TrainConfig(iterations=checkpoint_iteration(20), batch=16, width=8), seed=0)
    assert full.checkpoint_iteration == 16
    for (Wc, _), (Ws, _) in zip(full.params_checkpoint, short.params):
        assert torch.equal(Wc, Ws)


def test_growing_loss_stops_training_with_one_line(monkeypatch):
    import difftheory.toy.erd_train as tr

    real = tr.stacked_forward
    calls = {"n": 0}

    def growing(params, z, t):  # outputs drift away ever faster: the loss grows without bound
        calls["n"] += 1
        return real(params, z, t) + 0.5 * calls["n"]

    monkeypatch.setattr(tr, "stacked_forward", growing)
    with pytest.raises(LossGrew) as info:
        train_stack([ModelSpec("eps", "linear")], TrainConfig(iterations=200, batch=16, width=4), seed=0)
    msg = str(info.value)
    assert "grew" in msg and "last 10 iterations" in msg and "eps/linear" in msg and len(msg.splitlines()) == 1


def test_trained_groups_come_back_from_the_disk_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DIFFTHEORY_CACHE", str(tmp_path))
    specs = (ModelSpec("x0", "vp"), ModelSpec("eps", "gvp", "erd", seed=1))
    cfg = TrainConfig(iterations=12, batch=16, width=8)
    first = trained(specs, cfg, 0)
    assert len(list(tmp_path.glob("erd-toy-models-*.safetensors"))) == 1
    trained.cache_clear()
    second = trained(specs, cfg, 0)
    assert np.array_equal(first.history, second.history)
    for (W1, b1), (W2, b2) in zip(first.params_checkpoint, second.params_checkpoint):
        assert torch.equal(W1, W2) and torch.equal(b1, b2)
