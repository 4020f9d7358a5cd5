"""The kdiff.gpu.* claims: open without logs (at no cost), and decided from run logs written the way
``gpu-validate`` writes them — matched budgets, the full set of fixed targets, converged-or-open."""

import csv
import json
import math
from pathlib import Path

import numpy as np
import pytest

from difftheory import ledger
from difftheory.testing import verdict_problems

ledger.discover()
from difftheory.gpu_validation.resolution_sweep import SWEEP_COLUMNS
from difftheory.gpu_validation.runfiles import EVAL_COLUMNS, LOG_COLUMNS

NUMERIC_IDS = ("kdiff.gpu.backbone_sizes", "kdiff.gpu.k_rise_feasible")
GPU_IDS = ("kdiff.gpu.pixel_k_to_one", "kdiff.gpu.latent_k_between", "kdiff.gpu.fid_matches_best_fixed",
           "kdiff.gpu.constant_vs_binned", "kdiff.gpu.resolution_sweep")
EXAMPLES_FILE = Path(__file__).parent / "decision_examples" / "gpu_validation_claims_gpu.py"
EPOCHS = {"jit-b16": 600.0, "lightningdit-xl1": 800.0}


def write_run(root: Path, name, config, k_mode, k_of_progress, fid=None, k_init=0.5, seed=0, total=1000,
              n_bins=128, n_samples=50000, eval_step=None, upto=1.0):
    """A run folder as train.py writes it: run.json, log.csv every 10 steps (to ``upto`` of training), eval.csv."""
    d = root / name
    d.mkdir(parents=True)
    epochs = EPOCHS.get(config, 100.0)
    n_data = 1000
    batch = epochs * n_data / total  # ``total`` steps make the config's epochs
    space = "latent" if config.startswith("lightningdit") else "pixel"
    (d / "run.json").write_text(json.dumps({
        "config": config, "space": space, "total_steps": total, "n_data": n_data,
        "settings": {"batch_size": batch, "epochs": epochs, "seed": seed,
                     "target": {"k_mode": k_mode, "k": k_init, "n_bins": n_bins}}}))
    with open(d / "log.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=LOG_COLUMNS)
        w.writeheader()
        for step in range(10, int(total * upto) + 1, 10):
            p = step / total
            w.writerow({"step": step, "progress": p, "epoch": step * batch / n_data, "loss": 1.0,
                        "k": k_of_progress(p), "k1": "", "k_grad": 0.1})
    if fid is not None:
        with open(d / "eval.csv", "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=EVAL_COLUMNS)
            w.writeheader()
            w.writerow({"step": eval_step or int(total * upto), "ema": 0.9999, "n_samples": n_samples, "fid": fid,
                        "is": 250.0})


def write_sweep(root: Path, name, ks, drift=0.0005, seed=0):
    d = root / name
    d.mkdir(parents=True)
    with open(d / "sweep.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=SWEEP_COLUMNS)
        w.writeheader()
        for res, k in zip((32, 64, 128, 256), ks):
            D = 3 * res * res
            w.writerow({"resolution": res, "D": D, "d_hat": 50, "d_hat99": 90, "k_learned": k, "k_drift": drift,
                        "k_ratio": D / (D + 50), "k_star_linear": 0.9, "steps": 4000, "seed": seed})


def run_claims(root, pattern="kdiff.gpu.*"):
    ctx = ledger.Context(scale="quick", seed=0, out=root / "out", gpu_results=root)
    return {c.id: ledger.run_one(c, ctx) for c in ledger.select(pattern) if c.method == "gpu"}


def test_open_without_results_and_cheap(tmp_path):
    ctx = ledger.Context(out=tmp_path)
    for cid in GPU_IDS:
        row = ledger.run_one(ledger.REGISTRY[cid], ctx)
        assert row["verdict"] == "open" and row["method"] == "gpu" and "--gpu-results" in row["detail"]
        assert row["evidence"] == {"gpu_results": None} and row["seconds"] < 0.5


RISE = lambda p: min(0.5 + 15 * p, 0.995)  # noqa: E731  k ≥ 0.95 at 3 % of training (18 of 600 epochs)
SETTLE = lambda p: 0.5 + 0.16 * (1 - np.exp(-8 * p))  # noqa: E731  → 0.66, flat at the end


def test_supported_predictions_verify(tmp_path):
    write_run(tmp_path, "pix", "jit-b16", "learn", RISE, fid=4.70)
    for k, fid in ((0.0, 9.0), (0.5, 6.0), (1.0, 4.70)):
        write_run(tmp_path, f"pix-{k}", "jit-b16", "fixed", lambda p, k=k: k, fid=fid, k_init=k)
    write_run(tmp_path, "lat", "lightningdit-xl1", "learn", SETTLE, fid=2.05)
    write_run(tmp_path, "lat-bin", "lightningdit-xl1", "binned", lambda p: 0.55, fid=2.17)
    for k, fid in ((0.0, 3.0), (0.5, 2.08), (1.0, 2.5)):  # §5.1: v-prediction 2.08 against k-Diff's 2.05
        write_run(tmp_path, f"lat-{k}", "lightningdit-xl1", "fixed", lambda p, k=k: k, fid=fid, k_init=k)
    write_run(tmp_path, "tiny", "tiny", "learn", lambda p: 0.6)  # not a paper config: ignored
    write_sweep(tmp_path, "sweep", (0.60, 0.71, 0.80, 0.91))  # a clear rise: its interval far from the drift
    rows = run_claims(tmp_path)
    for cid in GPU_IDS:
        assert not verdict_problems(rows[cid], "verified")
    run = rows["kdiff.gpu.pixel_k_to_one"]["evidence"]["runs"][0]
    assert run["epoch_first_k_0.95"] == pytest.approx(18.0) and run["k_at_window"] == pytest.approx(0.995)
    lat = rows["kdiff.gpu.latent_k_between"]["evidence"]["runs"][0]
    assert lat["k_end"] == pytest.approx(0.66, abs=0.01) and abs(lat["k_drift"]) < 0.01
    assert "fixed k=1 4.700" in rows["kdiff.gpu.fid_matches_best_fixed"]["detail"]
    assert rows["kdiff.gpu.resolution_sweep"]["evidence"]["ci_rule"].startswith("one seed: 95% regression")


def test_contradicting_logs_refute(tmp_path):
    write_run(tmp_path, "pix", "jit-b16", "learn", lambda p: 0.5 + 0.3 * p, fid=5.5)  # slow: 0.515 at 30 epochs
    for k, fid in ((0.0, 9.0), (0.5, 6.0), (1.0, 4.70)):
        write_run(tmp_path, f"pix-{k}", "jit-b16", "fixed", lambda p, k=k: k, fid=fid, k_init=k)
    write_run(tmp_path, "pix-bin", "jit-b16", "binned", lambda p: 0.9, fid=4.9)
    write_run(tmp_path, "lat", "lightningdit-xl1", "learn", lambda p: 0.5 - 0.1 * min(1, 5 * p))  # settles at 0.4
    write_sweep(tmp_path, "sweep", (0.9, 0.8, 0.7, 0.6))
    rows = run_claims(tmp_path)
    for cid in GPU_IDS:
        assert not verdict_problems(rows[cid], "refuted")


def test_fid_needs_a_matched_budget_and_every_fixed_target(tmp_path):
    """The last FID of each run is not compared blindly: other steps or sample counts, or a missing ε run, are open."""
    write_run(tmp_path, "pix", "jit-b16", "learn", RISE, fid=4.70)
    write_run(tmp_path, "pix-x", "jit-b16", "fixed", lambda p: 1.0, fid=4.70, k_init=1.0)
    write_run(tmp_path, "pix-v", "jit-b16", "fixed", lambda p: 0.5, fid=6.0, k_init=0.5)
    row = run_claims(tmp_path, "kdiff.gpu.fid_matches_best_fixed")["kdiff.gpu.fid_matches_best_fixed"]
    assert row["verdict"] == "open" and "missing fixed k=0" in row["detail"]
    write_run(tmp_path, "pix-eps", "jit-b16", "fixed", lambda p: 0.0, fid=9.0, k_init=0.0, eval_step=900)
    row = run_claims(tmp_path, "kdiff.gpu.fid_matches_best_fixed")["kdiff.gpu.fid_matches_best_fixed"]
    assert row["verdict"] == "open" and "same step" in row["detail"]
    (tmp_path / "pix-eps" / "eval.csv").unlink()
    write_run(tmp_path, "pix-eps2", "jit-b16", "fixed", lambda p: 0.0, fid=9.0, k_init=0.0, n_samples=10000)
    row = run_claims(tmp_path, "kdiff.gpu.fid_matches_best_fixed")["kdiff.gpu.fid_matches_best_fixed"]
    assert row["verdict"] == "open"


def test_short_budgets_and_short_logs_stay_open(tmp_path):
    """A run logged to 3 % of training cannot show k staying ≈ 1; FIDs at 30 epochs cannot test a 200-epoch claim."""
    write_run(tmp_path, "pix", "jit-b16", "learn", lambda p: 0.5 + 20 * p, fid=8.0, upto=0.05)
    for k in (0.0, 0.5, 1.0):
        write_run(tmp_path, f"pix-{k}", "jit-b16", "fixed", lambda p, k=k: k, fid=7.0, k_init=k, upto=0.05)
    write_run(tmp_path, "lat", "lightningdit-xl1", "learn", lambda p: 0.5 + 0.4 * p)  # still climbing
    rows = run_claims(tmp_path)
    assert rows["kdiff.gpu.pixel_k_to_one"]["verdict"] == "open"
    assert rows["kdiff.gpu.fid_matches_best_fixed"]["verdict"] == "open"
    assert "200 epochs" in rows["kdiff.gpu.fid_matches_best_fixed"]["detail"]
    assert rows["kdiff.gpu.latent_k_between"]["verdict"] == "open"


def test_seed_replicates_give_the_interval(tmp_path):
    for seed, (fl, fx) in enumerate(((4.60, 4.70), (4.62, 4.72))):
        write_run(tmp_path, f"l{seed}", "jit-b16", "learn", RISE, fid=fl, seed=seed)
        write_run(tmp_path, f"x{seed}", "jit-b16", "fixed", lambda p: 1.0, fid=fx, k_init=1.0, seed=seed)
        write_run(tmp_path, f"v{seed}", "jit-b16", "fixed", lambda p: 0.5, fid=6.0 + seed, k_init=0.5, seed=seed)
        write_run(tmp_path, f"e{seed}", "jit-b16", "fixed", lambda p: 0.0, fid=9.0 + seed, k_init=0.0, seed=seed)
    row = run_claims(tmp_path, "kdiff.gpu.fid_matches_best_fixed")["kdiff.gpu.fid_matches_best_fixed"]
    assert row["verdict"] == "verified" and "Welch 95% CI over 2 and 2 seeds" in row["detail"], row["detail"]


def test_evidence_from_logs_has_the_shapes_of_the_decision_examples(tmp_path):
    """The synthetic evidence the decision tests use has the keys the evidence functions produce."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gpu_examples", EXAMPLES_FILE)
    ex = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ex)
    write_run(tmp_path, "pix", "jit-b16", "learn", RISE, fid=4.70)
    write_run(tmp_path, "lat", "lightningdit-xl1", "learn", SETTLE)
    write_sweep(tmp_path, "sweep", (0.60, 0.71, 0.80, 0.91))  # a clear rise: its interval far from the drift
    rows = run_claims(tmp_path)
    pairs = {"kdiff.gpu.pixel_k_to_one": ex.PIXEL["verified"], "kdiff.gpu.latent_k_between": ex.LATENT["verified"][0],
             "kdiff.gpu.fid_matches_best_fixed": ex.BEST_FIXED["verified"][0],
             "kdiff.gpu.resolution_sweep": ex.SWEEP_GPU["verified"][0]}
    for cid, example in pairs.items():
        real = rows[cid]["evidence"]
        assert set(example) == set(real), cid
        for key in ("runs", "rows", "per_seed"):
            if example.get(key) and real.get(key):
                assert set(example[key][0]) <= set(real[key][0]) | {"k_drift"}, (cid, key)


def test_four_step_sweep_cannot_resolve_anything(tmp_path, monkeypatch):
    """A 4-step sweep writes sweep.csv with D = S² and k_drift; the claim is open, never refuted."""
    from dataclasses import replace

    from difftheory.gpu_validation import configs, resolution_sweep as rs
    from difftheory.gpu_validation.resolution_sweep import read_sweep, resolution_sweep

    cfg = replace(configs.get_config("sweep-tiny"), steps=4, resolutions=(8, 16), batch_size=16, log_every=1)
    res = resolution_sweep(cfg, tmp_path, device="cpu", progress=False)
    assert [r["D"] for r in res["rows"]] == [64, 256]
    assert all(1 <= r["d_hat"] <= r["d_hat99"] <= r["D"] and math.isfinite(r["k_drift"]) for r in res["rows"])
    back = read_sweep(tmp_path / "sweep.csv")
    assert back["rows"][1]["resolution"] == 16 and back["drift_max"] == pytest.approx(res["drift_max"])
    assert res["k_curves"][16][-1][0] == 4
    monkeypatch.setattr(rs, "cpu_sweep", lambda seed, steps: res)
    for scale in ("quick", "full"):
        row = ledger.run_one(ledger.REGISTRY["kdiff.gpu.resolution_sweep_cpu"], ledger.Context(scale=scale, out=tmp_path))
        assert row["verdict"] == "open", row["detail"]


def test_run_json_before_the_run_spec_held_the_target_is_read(tmp_path):
    """run.json files written before the run spec held the target and seed kept them beside it."""
    from difftheory.gpu_validation.results import load_runs

    d = tmp_path / "old"
    d.mkdir()
    (d / "run.json").write_text(json.dumps({"config": "jit-b16", "k_mode": "fixed", "k_init": 1.0, "n_bins": 128,
                                            "seed": 3, "settings": {"batch_size": 1024}}))
    run, = load_runs(tmp_path)
    assert run.setting == "fixed k=1" and run.seed == 3 and run.k_mode == "fixed" and run.label == "jit-b16/fixed k=1 seed 3"


def test_sweep_plan_has_five_seeds_at_full():
    from difftheory.gpu_validation.resolution_sweep import sweep_plan

    assert len(sweep_plan("full", 3)) == 5 and [s for s, _ in sweep_plan("full", 3)] == [3, 4, 5, 6, 7]
    with pytest.raises(ValueError, match="scale"):
        sweep_plan("huge", 0)


def test_backbone_size_counter():
    """The meta-device counter agrees with a CPU build, and MACs grow by one block's worth per block."""
    from dataclasses import replace

    from difftheory.gpu_validation import claims_gpu, configs
    from difftheory.gpu_validation.configs import build_backbone, get_config

    params, macs = claims_gpu.backbone_size("tiny")
    assert params * 1e6 == pytest.approx(sum(p.numel() for p in build_backbone(get_config("tiny")).parameters()))
    sizes = {}
    for depth in (2, 3, 4):
        configs.CONFIGS["_probe"] = replace(get_config("tiny"), name="_probe", depth=depth, context_tokens=0)
        sizes[depth] = claims_gpu.backbone_size("_probe")[1]
    del configs.CONFIGS["_probe"]
    assert sizes[4] - sizes[3] == pytest.approx(sizes[3] - sizes[2], rel=1e-9)
    # one block on L tokens of width w: qkv+proj 4w², SwiGLU 3·w·h (h = ⌊8w/3⌋), attention 2·L·w, adaLN 6w²
    w, L = 64, 16
    h = int(2 * 4 * w / 3)
    per_block = L * (4 * w * w + 3 * w * h) + 2 * L * L * w + 6 * w * w
    assert (sizes[3] - sizes[2]) * 1e9 == pytest.approx(per_block, rel=1e-6)


def test_fastest_k_rise_is_the_sum_of_learning_rates():
    """With a one-signed gradient every Adam step has size lr_t (m̂/√v̂ = 1), so w_k(s) = w_k(0) + Σ lr_t."""
    from difftheory.gpu_validation import claims_gpu
    from difftheory.gpu_validation.configs import get_config
    from difftheory.training import warmup_constant_lr

    cfg = get_config("tiny")  # k_lr 0.02, warm-up 0.5 epochs, batch 64
    n_data = 640  # 10 steps per epoch, 5 warm-up steps
    goal = math.log(0.9 / 0.1)
    w, steps = 0.0, 0
    while w < goal:
        w += warmup_constant_lr(cfg.k_lr, steps, cfg.warmup_steps(n_data))
        steps += 1
    assert claims_gpu.fastest_k_rise(cfg, 0.9, n_data) == pytest.approx(steps / 10)
    assert claims_gpu.k_rise_epochs(cfg, 0.9, False, n_data) == pytest.approx(steps / 10)
    assert claims_gpu.k_rise_epochs(cfg, 0.9, True, n_data) <= steps / 10


def test_adam_step_bound_holds_for_any_gradients():
    """No gradient sequence moves Adam by more than the Cauchy–Schwarz bound; decaying gradients approach it."""
    import torch

    from difftheory.gpu_validation.claims_gpu import adam_step_bound

    betas = (0.9, 0.95)
    assert adam_step_bound(1, betas) == pytest.approx(1.0)
    assert adam_step_bound(10**6, betas) == pytest.approx(0.1 / math.sqrt(0.05) / math.sqrt(1 - 0.81 / 0.95))
    gen = torch.Generator().manual_seed(0)
    worst = 0.0
    for trial in range(40):
        w = torch.nn.Parameter(torch.zeros((), dtype=torch.float64))
        opt = torch.optim.Adam([w], lr=1.0, betas=betas, eps=0.0)
        decay = 0.5 + 0.5 * float(torch.rand((), generator=gen))
        for t in range(1, 60):
            before = float(w.detach())
            g = decay**t if trial % 2 else float(torch.randn((), generator=gen))
            w.grad = torch.tensor(-g, dtype=torch.float64)
            opt.step()
            ratio = abs(float(w.detach()) - before) / adam_step_bound(t, betas)
            worst = max(worst, ratio)
    assert worst <= 1 + 1e-9 and worst > 0.95
