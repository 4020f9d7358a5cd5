"""The tiny config trains, logs k, checkpoints, resumes exactly, samples, and stops on a non-finite loss."""

import csv
import json
import math
from dataclasses import replace

import pytest
import torch

from difftheory.cli import main
from difftheory.gpu_validation.checkpoint import load_checkpoint
from difftheory.gpu_validation.configs import get_config
from difftheory.gpu_validation.objective import KDiff
from difftheory.gpu_validation.results import load_runs
from difftheory.gpu_validation.sampling import load_samples
from difftheory.gpu_validation.train import train
from difftheory.theory.kdiff_target import TargetSpec
from difftheory.training import NonFiniteLoss


def tiny(**changes):
    base = dict(steps=40, log_every=2, ckpt_every=4, n_samples=20, sample_steps=4, batch_size=32)
    return replace(get_config("tiny"), **(base | changes))


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("tiny")
    return out, train(tiny(), out, device="cpu", max_steps=8, progress=False, tensorboard=False)


def test_tiny_trains_logs_k_checkpoints_and_samples(tiny_run):
    out, res = tiny_run
    log = rows(out / "log.csv")
    assert [int(r["step"]) for r in log] == [2, 4, 6, 8]
    ks = [float(r["k"]) for r in log]
    assert all(0 < k < 1 for k in ks) and ks[-1] != 0.5  # k is learned
    assert all(math.isfinite(float(r["loss"])) and math.isfinite(float(r["k_grad"])) for r in log)
    assert res.steps == 8 and res.total_steps == 40
    state = load_checkpoint(out / "checkpoint.pt")
    assert state["step"] == 8 and state["config"]["target"] == {"k_mode": "learn", "k": 0.5, "n_bins": 128}
    assert state["config"]["seed"] == 0 and state["config"]["steps"] == 40  # the whole run spec
    assert float(torch.sigmoid(state["model"]["target.w_k"])) == pytest.approx(ks[-1], abs=1e-6)
    samples, labels = load_samples(sorted((out / "samples").glob("rank*.safetensors")))
    assert samples.shape == (20, 1, 8, 8) and torch.isfinite(samples).all()
    assert samples.min() >= -1 and samples.max() <= 1 and labels.tolist() == [i % 10 for i in range(20)]
    assert (out / "samples.png").exists()
    ev = rows(out / "eval.csv")
    assert len(ev) == 1 and float(ev[0]["fd_pixels"]) > 0
    info = json.loads((out / "run.json").read_text())
    assert info["config"] == "tiny" and info["space"] == "pixel" and info["total_steps"] == 40
    assert info["settings"] == json.loads(json.dumps(tiny().to_dict()))  # the run spec, whole
    run, = load_runs(out)  # the claims' reader understands the run folder
    assert run.series("k")[1][-1] == pytest.approx(ks[-1])


def test_resume_repeats_the_uninterrupted_run_exactly(tiny_run, tmp_path):
    out_full, _ = tiny_run
    cfg = tiny()
    train(cfg, tmp_path, device="cpu", max_steps=4, progress=False, tensorboard=False)
    train(cfg, tmp_path, device="cpu", max_steps=8, resume=True, progress=False, tensorboard=False)
    a, b = load_checkpoint(out_full / "checkpoint.pt"), load_checkpoint(tmp_path / "checkpoint.pt")
    for key, val in a["model"].items():
        assert torch.equal(val, b["model"][key]), key
    for d in a["ema"]:
        for key, val in a["ema"][d].items():
            assert torch.equal(val, b["ema"][d][key]), key
    la, lb = rows(out_full / "log.csv"), rows(tmp_path / "log.csv")
    assert [(r["step"], r["loss"], r["k"]) for r in la] == [(r["step"], r["loss"], r["k"]) for r in lb]


def test_non_finite_loss_stops_and_keeps_the_last_good_checkpoint(tmp_path, monkeypatch):
    cfg = tiny()
    train(cfg, tmp_path, device="cpu", max_steps=4, progress=False, tensorboard=False)
    good = load_checkpoint(tmp_path / "checkpoint.pt")
    calls = {"n": 0}
    real = KDiff.forward

    def poisoned(self, x, y, generator=None):
        calls["n"] += 1
        loss = real(self, x, y, generator)
        return loss * float("nan") if calls["n"] >= 3 else loss

    monkeypatch.setattr(KDiff, "forward", poisoned)
    with pytest.raises(NonFiniteLoss, match="step 6 of config 'tiny'.*checkpoint"):
        train(cfg, tmp_path, device="cpu", max_steps=8, resume=True, progress=False, tensorboard=False)
    kept = load_checkpoint(tmp_path / "checkpoint.pt")
    assert kept["step"] == 4
    assert all(torch.equal(v, good["model"][k]) for k, v in kept["model"].items())


@pytest.mark.parametrize("name,mode", [("tiny-latent", "learn"), ("tiny", "binned"), ("tiny", "two"), ("tiny", "fixed")])
def test_other_modes_and_latent_backbone_train(tmp_path, name, mode):
    cfg = replace(get_config(name), steps=3, log_every=1, n_samples=0, batch_size=16,
                  target=TargetSpec(mode, 1.0 if mode == "fixed" else 0.5, 128))
    res = train(cfg, tmp_path, device="cpu", progress=False, tensorboard=False)
    log = rows(tmp_path / "log.csv")
    assert len(log) == 3 and all(math.isfinite(float(r["loss"])) for r in log)
    if mode == "fixed":
        assert float(log[-1]["k"]) == 1.0 and res.k["k"] == 1.0
    if mode == "two":
        assert math.isfinite(float(log[-1]["k1"]))
    if mode == "binned":
        assert load_checkpoint(tmp_path / "checkpoint.pt")["model"]["target.w_k"].shape == (129,)


def test_train_rejects_bad_settings(tmp_path):
    with pytest.raises(ValueError, match="max_steps"):
        train(tiny(), tmp_path, device="cpu", max_steps=0)
    with pytest.raises(ValueError, match="device"):
        train(tiny(), tmp_path, device="tpu")
    with pytest.raises(ValueError, match="resume"):
        train(tiny(), tmp_path / "none", device="cpu", resume=True)
    with pytest.raises(ValueError, match="data"):
        train(get_config("jit-b16"), tmp_path, device="cpu")


def test_cli_tiny_json_and_usage_errors(tmp_path, capsys):
    rc = main(["gpu-validate", "--config", "tiny", "--device", "cpu", "--max-steps", "3", "--samples", "10",
               "--out", str(tmp_path), "--no-progress", "--json"])
    assert rc == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["steps"] == 3 and payload["config"] == "tiny" and 0 < payload["k"]["k"] < 1
    assert (tmp_path / "log.csv").exists() and payload["eval"]["fd_pixels"] > 0
    for argv, word in ([["--config", "nope"], "config"], [["--max-steps", "0"], "--max-steps"],
                       [["--device", "tpu"], "--device"], [["--k-mode", "cosine"], "--k-mode"],
                       [["--fid-weights", str(tmp_path / "missing.pth")], "--fid-weights"],
                       [["--config", "jit-b16", "--device", "cpu"], "--data"]):
        assert main(["gpu-validate", *argv, "--out", str(tmp_path / "x")]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and word in err
        assert not (tmp_path / "x").exists()  # nothing written before the settings are checked


def test_fid_path_with_a_stand_in_feature_extractor(tmp_path, monkeypatch):
    """evaluate_samples → fid_is → Fréchet distance/IS, with Inception replaced by a fixed projection."""
    import numpy as np
    from PIL import Image

    from difftheory.gpu_validation import evaluate
    from difftheory.gpu_validation.datasets import digits_dataset
    from difftheory.gpu_validation.evaluate import check_fid_settings, evaluate_samples

    proj = np.random.default_rng(0).standard_normal((64, 12))

    def fake_features(images):
        grey = images.float().mean(1)  # RGB reference images → grey, like the 1-channel samples
        f = grey.flatten(1).double().numpy() @ proj
        return f, f[:, :10]

    def fake_net(images):  # Inception's interface: uint8 RGB in, (features, logits) out
        f, logits = fake_features(images.float() / 127.5 - 1)
        return torch.from_numpy(f), torch.from_numpy(logits)

    nets = []
    monkeypatch.setattr(evaluate, "inception_net", lambda weights, device="cpu": nets.append(weights) or fake_net)
    ref_dir = tmp_path / "ref" / "c0"
    ref_dir.mkdir(parents=True)
    ds = digits_dataset()
    for i in range(30):
        Image.fromarray(((ds.images[i, 0].numpy() + 1) * 127.5).astype(np.uint8)).save(ref_dir / f"{i}.png")
    weights = tmp_path / "w.pth"
    torch.save({"fc.weight": torch.zeros(2, 2)}, weights)  # a plain state dict (the network itself is a stand-in)
    cfg = tiny(n_samples=30)
    x = ds.images[30:60]
    out = tmp_path / "run"
    out.mkdir()
    from safetensors.torch import save_file

    shard = out / "rank000.safetensors"
    save_file({"samples": ((x + 1) * 127.5).round().to(torch.uint8), "labels": ds.labels[30:60],
               "index": torch.arange(30)}, str(shard))
    _, ev = evaluate_samples(cfg, [shard], ds, out, 7, weights, tmp_path / "ref")
    ref = ds.images[:30]  # the saved PNGs are these images up to 8-bit rounding (grey → RGB repeat in Inception)
    expected = evaluate.frechet_distance_features(fake_features(x)[0], fake_features(ref.float())[0])
    assert ev["fid"] == pytest.approx(expected, rel=0.05) and ev["is"] >= 1.0
    assert len(nets) == 1  # one Inception network for the samples and the reference
    assert rows(out / "eval.csv")[0]["step"] == "7"
    with pytest.raises(ValueError, match="fid_reference"):
        check_fid_settings(cfg, weights, None)
    with pytest.raises(ValueError, match="VA-VAE"):
        check_fid_settings(get_config("tiny-latent"), weights, tmp_path / "ref")
    with pytest.raises(ValueError, match="fid_weights"):
        check_fid_settings(cfg, tmp_path / "missing.pth", tmp_path / "ref")
