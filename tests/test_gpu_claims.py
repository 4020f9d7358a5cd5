"""The kdiff.gpu.* claims: open without logs, and computed from supplied CSV logs (both ways)."""

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from difftheory import ledger
from difftheory.gpu_validation.resolution_sweep import SWEEP_COLUMNS
from difftheory.gpu_validation.train import EVAL_COLUMNS, LOG_COLUMNS

NUMERIC_IDS = ("kdiff.gpu.backbone_sizes",)
GPU_IDS = ("kdiff.gpu.pixel_k_to_one", "kdiff.gpu.latent_k_between", "kdiff.gpu.fid_matches_best_fixed",
           "kdiff.gpu.constant_vs_binned", "kdiff.gpu.resolution_sweep")


def write_run(root: Path, name, config, space, k_mode, k_of_progress, fid=None, k_init=0.5, seed=0, total=1000):
    d = root / name
    d.mkdir(parents=True)
    (d / "run.json").write_text(json.dumps({"config": config, "space": space, "k_mode": k_mode, "k_init": k_init,
                                            "seed": seed, "total_steps": total}))
    with open(d / "log.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=LOG_COLUMNS)
        w.writeheader()
        for step in range(10, total + 1, 10):
            p = step / total
            w.writerow({"step": step, "progress": p, "loss": 1.0, "k": k_of_progress(p), "k1": "", "k_grad": 0.1})
    if fid is not None:
        with open(d / "eval.csv", "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=EVAL_COLUMNS)
            w.writeheader()
            w.writerow({"step": total, "ema": 0.9999, "n_samples": 50000, "fid": fid, "is": 250.0})


def run_claims(root, pattern="kdiff.gpu.*"):
    ctx = ledger.Context(scale="quick", seed=0, out=root / "out", gpu_results=root)
    return {c.id: ledger.run_one(c, ctx) for c in ledger.select(pattern) if c.method == "gpu"}


def test_open_without_results(tmp_path):
    ctx = ledger.Context(out=tmp_path)
    rows = {c.id: ledger.run_one(c, ctx) for c in ledger.select("kdiff.gpu.*") if c.method != "simulation"}
    assert set(GPU_IDS) <= set(rows)
    for cid in GPU_IDS:
        assert rows[cid]["verdict"] == "open" and rows[cid]["method"] == "gpu" and "--gpu-results" in rows[cid]["detail"]
    for cid in NUMERIC_IDS:  # computed here, no GPU needed
        assert rows[cid]["verdict"] in ("verified", "refuted") and rows[cid]["evidence"]


def test_supported_predictions_verify(tmp_path):
    rise = lambda p: min(0.5 + 15 * p, 0.995)  # noqa: E731  k ≥ 0.95 at 3 % of training
    settle = lambda p: 0.5 + 0.16 * (1 - np.exp(-8 * p))  # noqa: E731  → 0.66
    write_run(tmp_path, "pix", "jit-b16", "pixel", "learn", rise, fid=4.70)
    write_run(tmp_path, "pix-x", "jit-b16", "pixel", "fixed", lambda p: 1.0, fid=4.70, k_init=1.0)
    write_run(tmp_path, "pix-v", "jit-b16", "pixel", "fixed", lambda p: 0.5, fid=6.0, k_init=0.5)
    write_run(tmp_path, "lat", "lightningdit-xl1", "latent", "learn", settle, fid=2.05)
    write_run(tmp_path, "lat-bin", "lightningdit-xl1", "latent", "binned", lambda p: 0.55, fid=2.17)
    write_run(tmp_path, "tiny", "tiny", "pixel", "learn", lambda p: 0.6)  # not a paper config: ignored
    sweep = tmp_path / "sweep"
    sweep.mkdir()
    with open(sweep / "sweep.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=SWEEP_COLUMNS)
        w.writeheader()
        for res, k in ((32, 0.7), (64, 0.85), (128, 0.93)):
            D = 3 * res * res
            w.writerow({"resolution": res, "D": D, "d_hat": 50, "d_hat99": 90, "k_learned": k,
                        "k_ratio": D / (D + 50), "k_star_linear": 0.9, "steps": 100})
    rows = run_claims(tmp_path)
    for cid in GPU_IDS:
        assert rows[cid]["verdict"] == "verified", (cid, rows[cid]["detail"])
    ev = rows["kdiff.gpu.pixel_k_to_one"]["evidence"]
    assert ev["jit-b16/learn seed 0"]["progress_reached"] == pytest.approx(0.03)
    assert rows["kdiff.gpu.latent_k_between"]["evidence"]["lightningdit-xl1/learn seed 0"]["k_final"] == pytest.approx(0.66, abs=0.01)
    assert rows["kdiff.gpu.fid_matches_best_fixed"]["evidence"]["jit-b16"]["best_fixed"] == "fixed k=1"


def test_contradicting_logs_refute(tmp_path):
    write_run(tmp_path, "pix", "jit-b16", "pixel", "learn", lambda p: 0.5 + 0.3 * p, fid=5.5)  # slow, stops at 0.8
    write_run(tmp_path, "pix-x", "jit-b16", "pixel", "fixed", lambda p: 1.0, fid=4.7, k_init=1.0)
    write_run(tmp_path, "pix-bin", "jit-b16", "pixel", "binned", lambda p: 0.9, fid=4.9)
    write_run(tmp_path, "lat", "lightningdit-xl1", "latent", "learn", lambda p: 0.5 - 0.1 * min(1, 5 * p))  # → 0.4
    rows = run_claims(tmp_path)
    for cid in ("kdiff.gpu.pixel_k_to_one", "kdiff.gpu.latent_k_between", "kdiff.gpu.fid_matches_best_fixed",
                "kdiff.gpu.constant_vs_binned"):
        assert rows[cid]["verdict"] == "refuted", (cid, rows[cid]["detail"])
    assert rows["kdiff.gpu.resolution_sweep"]["verdict"] == "open"  # no sweep.csv


def test_seed_replicates_widen_the_noise_band(tmp_path):
    write_run(tmp_path, "l0", "jit-b16", "pixel", "learn", lambda p: 1.0, fid=4.95, seed=0)
    write_run(tmp_path, "l1", "jit-b16", "pixel", "learn", lambda p: 1.0, fid=4.55, seed=1)
    write_run(tmp_path, "x0", "jit-b16", "pixel", "fixed", lambda p: 1.0, fid=4.50, k_init=1.0, seed=0)
    write_run(tmp_path, "x1", "jit-b16", "pixel", "fixed", lambda p: 1.0, fid=4.80, k_init=1.0, seed=1)
    row = run_claims(tmp_path, "kdiff.gpu.fid_matches_best_fixed")["kdiff.gpu.fid_matches_best_fixed"]
    ev = row["evidence"]["jit-b16"]
    assert row["verdict"] == "verified" and ev["tolerance"] > 0.02 * ev["fid_best_fixed"]
    assert ev["fid_learn"] == pytest.approx(4.75) and ev["fid_best_fixed"] == pytest.approx(4.65)


def test_short_runs_stay_open(tmp_path):
    write_run(tmp_path, "pix", "jit-b16", "pixel", "learn", lambda p: 0.5 + p, total=1000)
    # keep only the first 3 % of the log
    log = tmp_path / "pix" / "log.csv"
    lines = log.read_text().splitlines()[:4]
    log.write_text("\n".join(lines) + "\n")
    row = run_claims(tmp_path, "kdiff.gpu.pixel_k_to_one")["kdiff.gpu.pixel_k_to_one"]
    assert row["verdict"] == "open"


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


def test_resolution_sweep_plumbing(tmp_path, monkeypatch):
    """A 4-step sweep writes sweep.csv with D = S², and k barely moves: no rise is claimed."""
    from dataclasses import replace

    from difftheory.gpu_validation import configs, resolution_sweep as rs
    from difftheory.gpu_validation.resolution_sweep import read_sweep, resolution_sweep

    cfg = replace(configs.get_config("sweep-tiny"), steps=4, resolutions=(8, 16), batch_size=16)
    res = resolution_sweep(cfg, tmp_path, device="cpu", progress=False)
    assert [r["D"] for r in res["rows"]] == [64, 256] and not res["monotone"]
    assert all(1 <= r["d_hat"] <= r["d_hat99"] <= r["D"] for r in res["rows"])
    assert read_sweep(tmp_path / "sweep.csv")["rows"][1]["resolution"] == "16"
    assert res["k_curves"][16][-1][0] == 4
    monkeypatch.setattr(rs, "cpu_sweep", lambda seed, steps: res)
    row = ledger.run_one(ledger.REGISTRY["kdiff.gpu.resolution_sweep_cpu"], ledger.Context(out=tmp_path))
    assert row["verdict"] == "refuted" and "does not rise" in row["detail"]


def test_fastest_k_rise_is_the_sum_of_learning_rates():
    """With a one-signed gradient every Adam step has size lr_t (m̂/√v̂ = 1), so w_k(s) = w_k(0) + Σ lr_t."""
    import math

    from difftheory.gpu_validation import claims_gpu
    from difftheory.gpu_validation.configs import get_config
    from difftheory.gpu_validation.train import lr_at

    cfg = get_config("tiny")  # k_lr 0.02, warm-up 0.5 epochs, batch 64
    n_data = 640  # 10 steps per epoch, 5 warm-up steps
    goal = math.log(0.9 / 0.1)
    w, steps = 0.0, 0
    while w < goal:
        w += lr_at(steps, cfg.k_lr, cfg.warmup_steps(n_data))
        steps += 1
    assert claims_gpu.fastest_k_rise(cfg, 0.9, n_data) == pytest.approx(steps / 10)
