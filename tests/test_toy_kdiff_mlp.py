"""Manifolds, TwoNN and the k-Diff MLP ensemble trainer (Alg. 1 under vmap), the sweep's cache and the helpers
of the MLP claims."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.func import functional_call, vmap

from difftheory.threads import single_thread
from difftheory.theory.kdiff_target import KTarget, kdiff_loss
from difftheory.toy import kdiff_mlp
from difftheory.toy.intrinsic_dim import two_nn
from difftheory.toy.kdiff_mlp import (
    LOSS_GROWTH_LIMIT,
    SweepScale,
    TimeMLP,
    _make_group,
    chunk_ends,
    ensemble_state,
    generate,
    learned_k,
    restore_ensemble,
    sample_quality,
    start_ensemble,
    train_ensemble,
    train_on,
    train_stack,
)
from difftheory.toy.manifolds import KINDS, make_manifold, span_dim
from difftheory.training import LossGrew, NonFiniteLoss, check_loss

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
    with pytest.raises(ValueError, match="lr_schedule"):
        train_ensemble(m, ["learn"], steps=2, lr_schedule="step")
    with pytest.raises(ValueError, match="manifold"):
        train_ensemble([m, m], ["learn"], steps=2)
    with pytest.raises(ValueError, match="one ambient D"):
        train_ensemble([m, make_manifold("sphere", 5, 1)], ["learn", "learn"], steps=2)
    with pytest.raises(ValueError, match="scale"):
        kdiff_mlp.manifold_sweep("huge", 0)


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
    a = train_ensemble(m, ["learn", 1.0], steps=40, width=16, depth=2, seed=3, lr_schedule="constant", snapshot_at=32)
    b = train_ensemble(m, ["learn", 1.0], steps=40, width=16, depth=2, seed=3, lr_schedule="constant", snapshot_at=32)
    assert np.array_equal(learned_k(a), learned_k(b)) and np.array_equal(a.losses, b.losses)
    assert np.array_equal(a.k_ema, b.k_ema) and a.k_ema.shape == (len(a.record_steps), 1)
    assert abs(float(learned_k(a)[0]) - 0.5) > 1e-3
    assert a.losses.shape[1] == 2 and np.isfinite(a.losses).all()
    # the snapshot is the state after 32 steps, not the final one
    assert not torch.equal(a.snapshot[0]["target.w_k"], a.groups[0].params["target.w_k"])
    rows = sample_quality(a, n=64, steps=4)
    assert sorted(rows) == [0, 1] and all(math.isfinite(r["off_manifold"]) and math.isfinite(r["sliced_w2"])
                                          for r in rows.values())
    early = sample_quality(a, n=64, steps=4, params=a.snapshot)
    assert early[0]["k"] != rows[0]["k"]
    xs = generate(a, 8, steps=3, models=[1])
    assert list(xs) == [1] and xs[1][2].shape == (8, 8) and xs[1][1] == 1.0


def test_models_with_different_manifolds_train_as_one_stack():
    ms = [make_manifold("sphere", 6, 1, 0), make_manifold("sphere", 6, 4, 0)]
    ens = train_ensemble(ms, ["learn", "learn"], steps=5, width=8, depth=1, seed=0)
    assert ens.manifolds == ms and learned_k(ens).shape == (2,)


def test_non_finite_loss_stops_training():
    m = make_manifold("subspace", 4, 2, 0)
    with pytest.raises(NonFiniteLoss, match="subspace D=4"):
        train_ensemble(m, ["learn"], steps=200, lr=1e30, width=8, depth=1)


def test_loss_growth_stops_training_with_one_line():
    first = torch.tensor([2.0, 2.0])
    check_loss(torch.tensor([2.5, 150.0]), first, LOSS_GROWTH_LIMIT, "x")  # 75x: below the limit
    with pytest.raises(LossGrew, match="grew 150x.*sphere D=4") as e:
        check_loss(torch.tensor([2.0, 300.0]), first, LOSS_GROWTH_LIMIT, "at step 7 for sphere D=4")
    assert "\n" not in str(e.value)
    with pytest.raises(NonFiniteLoss, match="non-finite"):
        check_loss(torch.tensor([2.0, float("nan")]), first, LOSS_GROWTH_LIMIT, "x")


TINY = SweepScale(configs=(("sphere", 4, 1), ("sphere", 4, 2)), seeds=2, steps=20, cap=80, width=8,
                  quality=("sphere", 4, 2), quality_n=32, quality_steps=3, batch=16, dhat_n=100)


def test_sweep_is_cached_on_disk_and_reproducible(monkeypatch, tmp_path):
    tiny = TINY
    monkeypatch.setitem(kdiff_mlp.SWEEP, "quick", tiny)
    monkeypatch.setenv("DIFFTHEORY_CACHE", str(tmp_path))
    kdiff_mlp.manifold_sweep.cache_clear()
    try:
        a = kdiff_mlp.manifold_sweep("quick", 1)
        assert len(list(tmp_path.glob("kdiff_mlp_sweep-*.safetensors"))) == 1
        kdiff_mlp.manifold_sweep.cache_clear()
        b = kdiff_mlp.manifold_sweep("quick", 1)  # loaded from disk
    finally:
        kdiff_mlp.manifold_sweep.cache_clear()
    assert a == b
    assert [(r["D"], r["d"]) for r in a["rows"]] == [(4, 1), (4, 2)]
    r = a["rows"][0]
    assert len(r["k_seeds"]) == 2 and len(r["drift_seeds"]) == 2 and len(r["d_hat_seeds"]) == 2
    assert np.array(a["quality"]["end"]).shape == (2 * 4, 3)  # learned + ε, v, x, two seeds each
    assert r["steps"] in chunk_ends(20, 80)[1:] and r["drift_window"][1] == r["steps"]


# ----------------------------------------------------------------------------- converged by construction
def test_chunk_ends_make_the_last_chunk_the_last_fifth():
    assert chunk_ends(800, 1600) == [640, 800, 1000, 1250, 1563]
    assert chunk_ends(5000, 20000)[-1] == 19078
    for steps, cap in ((800, 1600), (5000, 20000), (7, 7), (2, 9), (123, 4000)):
        ends = chunk_ends(steps, cap)
        assert ends[1] == steps and ends[-1] <= cap and ends == sorted(set(ends))
        assert all((b - a) / b >= 0.2 for a, b in zip(ends[1:-1], ends[2:]))  # each window ≥ the last 20 % of its run
        assert (ends[1] - ends[0]) / ends[1] >= 0.2
    with pytest.raises(ValueError, match="cap"):
        chunk_ends(800, 799)
    with pytest.raises(ValueError, match="steps"):
        chunk_ends(1, 10)


def test_a_run_continued_in_chunks_or_from_its_saved_state_equals_one_run():
    m = make_manifold("sphere", 6, 2, 0)
    kw = dict(steps=30, width=8, depth=1, seed=2, lr_schedule="constant", ema_weights=True, batch=16, record_every=4)
    whole = train_ensemble([m] * 3, ["learn", "learn", 1.0], **kw)
    chunked = train_on(start_ensemble([m] * 3, ["learn", "learn", 1.0], **kw), 11)
    resumed = restore_ensemble(ensemble_state(chunked), start_ensemble([m] * 3, ["learn", "learn", 1.0], **kw))
    for ens in (train_on(chunked, 30), train_on(resumed, 30)):
        assert ens.steps == 30 and ens.record_steps == whole.record_steps
        assert np.array_equal(ens.losses, whole.losses) and np.array_equal(ens.k_ema, whole.k_ema)
        assert np.array_equal(ens.k_ema_now, whole.k_ema_now)
        for a, b in zip(ens.groups + ens.ema_params, whole.groups + whole.ema_params):
            pa, pb = (a.params, b.params) if hasattr(a, "params") else (a, b)
            assert all(torch.equal(pa[n], pb[n]) for n in pb)
    with pytest.raises(ValueError, match="until"):
        train_on(whole, 29)  # never backwards
    cos = start_ensemble(m, ["learn"], steps=10, width=8, depth=1)
    with pytest.raises(ValueError, match="cosine"):
        train_on(cos, 11)


def _stack(cfg=TINY):
    return train_stack(cfg, 4, list(cfg.configs), 1)


def _same(a: dict, b: dict) -> bool:
    return sorted(a) == sorted(b) and all(torch.equal(a[k], b[k]) for k in a)


def test_training_goes_on_until_k_settles_and_honours_the_cap(monkeypatch):
    monkeypatch.setenv("DIFFTHEORY_CACHE", "off")
    ends = chunk_ends(TINY.steps, TINY.cap)
    monkeypatch.setattr(kdiff_mlp, "K_DRIFT_TOL", 1.0)  # anything settles: the base steps, never fewer
    easy = _stack()
    assert easy["steps"].tolist() == ends[:2] and not bool(easy["hit_cap"])
    monkeypatch.setattr(kdiff_mlp, "K_DRIFT_TOL", 0.0)  # nothing settles: the last end within the cap
    hard = _stack()
    assert hard["steps"].tolist() == ends[-2:] and bool(hard["hit_cap"]) and ends[-1] <= TINY.cap
    assert hard["record_steps"].max() < ends[-1] <= TINY.cap
    assert _same(hard, _stack())  # same seed, same numbers
    # the rule reads the drift over the last chunk: with the tolerance just above the drift at the cap, the run
    # stops at the first end (from the base steps on) whose drift is within it, which is the cap at the latest
    monkeypatch.setattr(kdiff_mlp, "K_DRIFT_TOL", float((hard["k_end"] - hard["k_prev"]).abs().max()))
    mid = _stack()
    assert not bool(mid["hit_cap"]) and mid["steps"].tolist()[1] in ends[1:]
    assert float((mid["k_end"] - mid["k_prev"]).abs().max()) <= kdiff_mlp.K_DRIFT_TOL


def test_a_chunked_run_resumes_from_the_cache(monkeypatch, tmp_path):
    """A run with a smaller cap, or one killed after some chunks, leaves chunk states in the cache; a run that
    resumes from them ends exactly as one trained from scratch, and trains only the missing chunks."""
    import dataclasses

    monkeypatch.setattr(kdiff_mlp, "K_DRIFT_TOL", 0.0)  # never settles: every chunk up to the cap is trained
    monkeypatch.setenv("DIFFTHEORY_CACHE", "off")
    fresh = _stack()
    monkeypatch.setenv("DIFFTHEORY_CACHE", str(tmp_path))
    short = _stack(dataclasses.replace(TINY, cap=40))  # the first chunks, to a smaller cap
    assert short["steps"].tolist()[-1] <= 40 and len(list(tmp_path.glob("kdiff_mlp_chunk-*"))) == len(
        chunk_ends(TINY.steps, 40))
    trained = []
    real = kdiff_mlp.train_on
    monkeypatch.setattr(kdiff_mlp, "train_on", lambda ens, until, progress=False: (trained.append((ens.steps, until)),
                                                                                  real(ens, until, progress))[1])
    resumed = _stack()  # the full cap: resumes after the cached chunks
    assert trained[0][0] == chunk_ends(TINY.steps, 40)[-1] and _same(resumed, fresh)
    # a run killed before its last chunk was saved: drop the last chunk state, resume, same result
    last = max(tmp_path.glob("kdiff_mlp_chunk-*"), key=lambda p: p.stat().st_mtime)
    last.unlink()
    trained.clear()
    assert _same(_stack(), fresh) and len(trained) == 1


def test_welch_interval_matches_scipy():
    from scipy import stats

    from difftheory.decide import welch_ci

    a, b = [0.91, 0.93, 0.92, 0.95, 0.90], [0.80, 0.86, 0.83, 0.81, 0.85]
    diff, lo, hi = welch_ci(a, b)
    ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert diff == pytest.approx(np.mean(a) - np.mean(b)) and (lo, hi) == pytest.approx((ci.low, ci.high))


def test_constant_k_everywhere_is_not_a_rising_trend():
    """The defect of issue 9: k = 0.5 on every config must not verify 'k rises with D'."""
    from difftheory.toy.claims_kdiff_toy import _slices, decide_monotone

    rows = [{"kind": "sphere", "D": D, "d": d, "k_seeds": [0.5, 0.5, 0.5], "k_mean": 0.5, "drift": 0.0,
             "D_over_D_plus_d": D / (D + d)} for d in (1, 3) for D in (4, 16, 64) if D > d]
    assert decide_monotone({"slices": _slices(rows)}).verdict == "refuted"


def test_a_config_that_hit_the_cap_is_open_and_says_so():
    """Every MLP claim reads the cap: a config still drifting when its stack reached the cap leaves the claim open,
    and the detail says 'hit the cap' (the decision examples drive the same outcomes through tests/test_decisions)."""
    import importlib
    import json
    import sys

    from difftheory.toy import claims_kdiff_toy as ck

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent / "decision_examples"))
    try:
        ex = importlib.import_module("toy_claims_kdiff_toy").EXAMPLES
    finally:
        sys.path.pop(0)
    cases = {"kdiff.sim.mlp.learned_k_vs_theory": ck.decide_learned_k, "kdiff.sim.mlp.k_monotone_in_dims":
             ck.decide_monotone, "kdiff.sim.mlp.intrinsic_dim": ck.decide_intrinsic_dim,
             "kdiff.sim.mlp.target_quality": ck.decide_target_quality}
    for cid, decide in cases.items():
        capped = [e for e in ex[cid]["open"] if '"hit_cap": true' in json.dumps(e) or '"hit_cap": ["' in json.dumps(e)]
        assert capped, cid
        for e in capped:
            d = decide(e)
            assert d.verdict == "open" and "hit the cap" in d.detail, (cid, d.detail)
