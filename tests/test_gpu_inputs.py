"""Bad input to the k-Diff image pipeline (issue 12): every case is refused before any work with one line
(exit 2 from the CLI, a ValueError naming the parameter from the library), and diverged training stops with
one line and exit 1, keeping the last good checkpoint."""

import json
import os
from dataclasses import replace

import pytest
import torch

from difftheory.cli import main
from difftheory.gpu_validation import configs
from difftheory.gpu_validation.checkpoint import load_checkpoint
from difftheory.gpu_validation.train import LOSS_GROWTH_LIMIT, train
from difftheory.theory.kdiff_target import TargetSpec
from difftheory.training import LossGrew


@pytest.fixture
def tiny_cfg(monkeypatch):
    """A 4-step tiny config registered under a name the CLI can use."""
    cfg = replace(configs.get_config("tiny"), name="_tiny4", steps=4, log_every=1, ckpt_every=2, n_samples=0,
                  batch_size=16)
    monkeypatch.setitem(configs.CONFIGS, "_tiny4", cfg)
    return cfg


def cli(capsys, *argv):
    rc = main(["gpu-validate", "--device", "cpu", "--no-progress", *map(str, argv)])
    out = capsys.readouterr()
    return rc, out.err


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture
def trained(tmp_path_factory, tiny_cfg):
    """A finished 2-step binned run (16 bins, seed 0) to resume from; copied per test."""
    out = tmp_path_factory.mktemp("trained")
    train(replace(tiny_cfg, target=TargetSpec("binned", 0.5, 16)), out, device="cpu", max_steps=2, progress=False,
          tensorboard=False)
    return out


# ------------------------------------------------------------------------------------------ --out
@pytest.mark.parametrize("case", ["existing file", "below a file", "under /proc", "unwritable"])
def test_out_is_checked_before_any_work(tmp_path, capsys, tiny_cfg, case, monkeypatch):
    f = tmp_path / "file"
    f.write_text("x")
    if case == "unwritable":
        if os.geteuid() == 0:
            pytest.skip("root writes anywhere")
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o555)
        out = ro / "run"
    else:
        out = {"existing file": f, "below a file": f / "run", "under /proc": "/proc/difftheory-run"}[case]
    import difftheory.gpu_validation.train as tr

    monkeypatch.setattr(tr, "build_kdiff", lambda *a, **k: pytest.fail("model built before --out was checked"))
    for config in ("_tiny4", "sweep-tiny"):
        rc, err = cli(capsys, "--config", config, "--out", out)
        assert rc == 2 and one_line(err) and "--out" in err, err


# ------------------------------------------------------------------------------------------ --resume
@pytest.mark.parametrize("damage", ["truncated", "empty", "random bytes", "not a checkpoint"])
def test_corrupt_checkpoint_is_one_line(tmp_path, capsys, trained, damage):
    import shutil

    out = tmp_path / "run"
    shutil.copytree(trained, out)
    ckpt = out / "checkpoint.pt"
    data = ckpt.read_bytes()
    if damage == "truncated":
        ckpt.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        ckpt.write_bytes(b"")
    elif damage == "random bytes":
        ckpt.write_bytes(os.urandom(4096))
    else:
        torch.save({"weights": torch.zeros(3)}, ckpt)
    rc, err = cli(capsys, "--config", "_tiny4", "--out", out, "--resume", "--k-mode", "binned", "--n-bins", 16)
    assert rc == 2 and one_line(err) and "--resume" in err and "checkpoint" in err, err


@pytest.mark.parametrize("flag,value,stored", [("--n-bins", 32, "16"), ("--seed", 3, "0"), ("--k", 0.3, "0.5")])
def test_resume_with_other_settings_is_refused_naming_the_stored_value(tmp_path, capsys, trained, flag, value, stored):
    import shutil

    out = tmp_path / "run"
    shutil.copytree(trained, out)
    before = (out / "run.json").read_text()
    args = {"--k-mode": "binned", "--n-bins": 16, "--seed": 0, "--k": 0.5} | {flag: value}
    rc, err = cli(capsys, "--config", "_tiny4", "--out", out, "--resume", *[x for kv in args.items() for x in kv])
    assert rc == 2 and one_line(err) and flag in err and f"({stored})" in err, err
    assert (out / "run.json").read_text() == before  # nothing recorded for a run that did not happen


def test_resume_with_another_fixed_k_or_training_setting_is_refused(tmp_path, tiny_cfg):
    fixed1 = replace(tiny_cfg, target=TargetSpec("fixed", 1.0))
    train(fixed1, tmp_path, device="cpu", max_steps=2, progress=False, tensorboard=False)
    with pytest.raises(ValueError, match=r"^k 0\.5 differs .*\(1\.0\)"):
        train(replace(fixed1, target=TargetSpec("fixed", 0.5)), tmp_path, device="cpu", max_steps=4, resume=True,
              progress=False)
    with pytest.raises(ValueError, match=r"^cfg\.lr 0\.1 differs .*\(0\.001\)"):
        train(replace(fixed1, lr=0.1), tmp_path, device="cpu", max_steps=4, resume=True, progress=False)
    # settings that only change sampling or logging may differ
    res = train(replace(fixed1, n_samples=0, log_every=2), tmp_path, device="cpu", max_steps=4, resume=True,
                progress=False, tensorboard=False)
    assert res.steps == 4
    info = json.loads((tmp_path / "run.json").read_text())
    assert info["settings"]["target"]["k"] == 1.0 and info["settings"]["seed"] == 0


def test_resume_of_a_checkpoint_written_before_the_run_spec_held_the_target(tmp_path, tiny_cfg):
    """Older checkpoints kept k_mode, k_init, n_bins and seed beside the config: they are read from there."""
    binned = replace(tiny_cfg, target=TargetSpec("binned", 0.5, 16))
    train(binned, tmp_path, device="cpu", max_steps=2, progress=False, tensorboard=False)
    state = load_checkpoint(tmp_path / "checkpoint.pt")
    config = state["config"]
    target, seed = config.pop("target"), config.pop("seed")
    state.update(k_mode=target["k_mode"], k_init=target["k"], n_bins=target["n_bins"], seed=seed)
    torch.save(state, tmp_path / "checkpoint.pt")
    with pytest.raises(ValueError, match=r"^n_bins 32 differs .*\(16\)"):
        train(replace(binned, target=TargetSpec("binned", 0.5, 32)), tmp_path, device="cpu", resume=True,
              progress=False)
    res = train(binned, tmp_path, device="cpu", max_steps=4, resume=True, progress=False, tensorboard=False)
    assert res.steps == 4


def test_resume_without_checkpoint_creates_nothing(tmp_path, capsys, tiny_cfg):
    out = tmp_path / "never"
    rc, err = cli(capsys, "--config", "_tiny4", "--out", out, "--resume")
    assert rc == 2 and one_line(err) and "--resume" in err
    assert not out.exists()


def test_resume_of_a_sweep_is_refused(tmp_path, capsys):
    rc, err = cli(capsys, "--config", "sweep-tiny", "--out", tmp_path / "sweep", "--resume")
    assert rc == 2 and one_line(err) and "--resume" in err and not (tmp_path / "sweep").exists()


def test_n_bins_is_bounded(tmp_path, capsys, tiny_cfg):
    from difftheory.gpu_validation.configs import N_BINS_MAX
    from difftheory.gpu_validation.objective import build_kdiff

    rc, err = cli(capsys, "--config", "_tiny4", "--out", tmp_path / "x", "--k-mode", "binned", "--n-bins", 3_000_000_000)
    assert rc == 2 and one_line(err) and "--n-bins" in err and str(N_BINS_MAX) in err
    assert not (tmp_path / "x").exists()
    with pytest.raises(ValueError, match="n_bins"):
        replace(tiny_cfg, target=TargetSpec("binned", 0.5, N_BINS_MAX + 1))
    model = build_kdiff(replace(tiny_cfg, target=TargetSpec("binned", 0.5, N_BINS_MAX)))
    assert model.target.w_k.shape == (N_BINS_MAX + 1,)


# ------------------------------------------------------------------------------------------ divergence
def test_diverged_training_stops_with_one_line_and_exit_1(tmp_path, capsys, monkeypatch):
    cfg = replace(configs.get_config("tiny"), name="_hot", lr=1.0, steps=30, log_every=1, ckpt_every=1,
                  n_samples=0, batch_size=16)
    with pytest.raises(LossGrew, match="over its start .*limit 10x.* diverged") as exc:
        train(cfg, tmp_path / "api", device="cpu", progress=False, tensorboard=False)
    assert "\n" not in str(exc.value)
    step = int(str(exc.value).split(" at step ")[1].split()[0])
    kept = load_checkpoint(tmp_path / "api" / "checkpoint.pt")
    assert kept["step"] == step and kept["loss_start"] > 0  # the diverged step was not applied or saved
    monkeypatch.setitem(configs.CONFIGS, "_hot", cfg)
    rc, err = cli(capsys, "--config", "_hot", "--out", tmp_path / "cli")
    assert rc == 1 and one_line(err) and "diverged" in err
    assert LOSS_GROWTH_LIMIT == 10.0


# ------------------------------------------------------------------------------------------ names and checks
def test_library_names_parameters_and_cli_names_flags(tmp_path, capsys, tiny_cfg):
    """The run spec (seed, target), the run arguments (max_steps, device) and the command's flags."""
    def lib(seed=0, max_steps=None, k_mode="learn", k=0.5, device="cpu"):
        train(replace(tiny_cfg, seed=seed, target=TargetSpec(k_mode, k)), tmp_path / "lib", max_steps=max_steps,
              device=device)

    cases = [({"seed": -1}, "seed", "--seed"), ({"max_steps": 0}, "max_steps", "--max-steps"),
             ({"k_mode": "cosine"}, "k_mode", "--k-mode"), ({"k": 1.5}, "k", "--k"),
             ({"device": "tpu"}, "device", "--device")]
    for kwargs, name, flag in cases:
        with pytest.raises(ValueError, match=rf"^{name} "):
            lib(**kwargs)
        argv = [f"--{k.replace('_', '-')}" if k != "max_steps" else "--max-steps" for k in kwargs]
        rc, err = cli(capsys, "--config", "_tiny4", "--out", tmp_path / "cli", argv[0], *kwargs.values())
        assert rc == 2 and one_line(err) and err.split("error: ")[1].startswith(flag), err
    assert not (tmp_path / "lib").exists() and not (tmp_path / "cli").exists()


def test_fid_weights_are_checked_once(tmp_path, capsys, tiny_cfg, monkeypatch):
    from difftheory.gpu_validation import evaluate

    calls = []
    real = evaluate.check_fid_weights

    def counted(w):
        calls.append(w)
        return real(w)

    monkeypatch.setattr(evaluate, "check_fid_weights", counted)
    rc, err = cli(capsys, "--config", "_tiny4", "--out", tmp_path / "x", "--fid-weights", tmp_path / "missing.pth")
    assert rc == 2 and one_line(err) and "--fid-weights" in err and len(calls) == 1


# ------------------------------------------------------------------------------------------ issue 19, item 13
def _copy(trained, tmp_path):
    import shutil

    out = tmp_path / "run"
    shutil.copytree(trained, out)
    return out


def _resume(capsys, out, *extra):
    return cli(capsys, "--config", "_tiny4", "--out", out, "--resume", "--k-mode", "binned", "--n-bins", 16, *extra)


@pytest.mark.parametrize("step", [10**12, -50, 2.5, True, "3"])
def test_checkpoint_step_outside_the_run_is_refused(tmp_path, capsys, trained, step):
    out = _copy(trained, tmp_path)
    state = torch.load(out / "checkpoint.pt", weights_only=True)
    state["step"] = step
    torch.save(state, out / "checkpoint.pt")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    rc, err = _resume(capsys, out)
    assert rc == 2 and one_line(err) and "--resume" in err and "checkpoint.pt" in err and "step" in err, err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before   # nothing written


@pytest.mark.parametrize("field,value", [("config", "tiny"), ("config", ["tiny"]), ("model", "weights"),
                                         ("ema", None), ("target", "binned")])
def test_checkpoint_fields_of_the_wrong_type_name_the_file_and_flag(tmp_path, capsys, trained, field, value):
    out = _copy(trained, tmp_path)
    state = torch.load(out / "checkpoint.pt", weights_only=True)
    if field == "target":
        state["config"]["target"] = value
    else:
        state[field] = value
    torch.save(state, out / "checkpoint.pt")
    rc, err = _resume(capsys, out)
    assert rc == 2 and one_line(err) and "--resume" in err and "checkpoint.pt" in err, err


@pytest.mark.parametrize("damage", ["k=5", "not utf-8", "a folder", "a fifo", "falling steps", "no header"])
def test_corrupt_log_on_resume_names_the_file_and_flag(tmp_path, capsys, trained, damage):
    out = _copy(trained, tmp_path)
    log = out / "log.csv"
    lines = log.read_text().splitlines()
    if damage == "k=5":
        head = lines[0].split(",")
        row = lines[1].split(",")
        row[head.index("k")] = "5"
        log.write_text("\n".join([lines[0], ",".join(row)] + lines[2:]) + "\n")
    elif damage == "not utf-8":
        log.write_bytes(b"step,k\n1,\xff\n")
    elif damage == "a folder":
        log.unlink()
        log.mkdir()
    elif damage == "a fifo":
        log.unlink()
        os.mkfifo(log)
    elif damage == "falling steps":
        log.write_text("\n".join([lines[0]] + lines[1:][::-1]) + "\n")
    else:
        log.write_text("")
    before = (out / "run.json").read_text()
    rc, err = _resume(capsys, out)
    assert rc == 2 and one_line(err) and "--resume" in err and "log.csv" in err, err
    assert (out / "run.json").read_text() == before


def test_resume_of_a_finished_run_keeps_one_eval_row(tmp_path, tiny_cfg):
    """Resuming a finished run evaluates the same model again: eval.csv keeps one row for that step, not two."""
    import csv

    cfg = replace(tiny_cfg, n_samples=4, sample_steps=2)
    train(cfg, tmp_path, device="cpu", progress=False, tensorboard=False)
    for _ in range(2):
        train(cfg, tmp_path, device="cpu", resume=True, progress=False, tensorboard=False)
    with open(tmp_path / "eval.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["step"] for r in rows] == ["4"], rows
    train(replace(cfg, n_samples=6), tmp_path, device="cpu", resume=True, progress=False, tensorboard=False)
    with open(tmp_path / "eval.csv", newline="") as f:
        assert [(r["step"], r["n_samples"]) for r in csv.DictReader(f)] == [("4", "4"), ("4", "6")]


def test_a_corrupt_eval_csv_is_refused_before_training(tmp_path, capsys, tiny_cfg):
    out = tmp_path / "run"
    out.mkdir()
    (out / "eval.csv").write_text("step,ema,n_samples,fd_pixels,fid,is\n4,0.99,4,,-50,\n")
    rc, err = cli(capsys, "--config", "_tiny4", "--out", out)
    assert rc == 2 and one_line(err) and "--out" in err and "eval.csv" in err and "fid is -50.0" in err, err
    assert not (out / "log.csv").exists()


# ------------------------------------------------------------------------------------------ issue 19, item 14
class _Payload:
    """Pickles to a call that writes a marker file when unpickled without weights_only."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('unpickled')",))


def test_fid_weights_never_unpickle_code(tmp_path, capsys, tiny_cfg, monkeypatch):
    """--fid-weights with a crafted pickle is refused before training, and nothing in it runs; a plain state dict
    reaches torch-fidelity only as a copy re-saved from its tensors (torch-fidelity loads with weights_only=False)."""
    import sys
    import types

    from difftheory.gpu_validation import evaluate

    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.pth"
    torch.save({"fc.weight": torch.zeros(2), "x": _Payload(marker)}, evil)
    ref = tmp_path / "ref.npz"
    ref.write_bytes(b"x")
    rc, err = cli(capsys, "--config", "_tiny4", "--out", tmp_path / "o", "--fid-weights", evil, "--fid-reference", ref)
    assert rc == 2 and one_line(err) and "--fid-weights" in err and "weights_only" in err, err
    assert not marker.exists() and not (tmp_path / "o").exists()
    with pytest.raises(ValueError, match="fid_weights"):
        evaluate.inception_net(evil)
    assert not marker.exists()

    seen = []

    class StandIn(torch.nn.Module):   # torch-fidelity's constructor: torch.load(path, weights_only=False)
        def __init__(self, name, features, feature_extractor_weights_path=None):
            super().__init__()
            seen.append((feature_extractor_weights_path, torch.load(feature_extractor_weights_path, weights_only=False)))

    mod = types.ModuleType("torch_fidelity.feature_extractor_inceptionv3")
    mod.FeatureExtractorInceptionV3 = StandIn
    monkeypatch.setitem(sys.modules, "torch_fidelity", types.ModuleType("torch_fidelity"))
    monkeypatch.setitem(sys.modules, "torch_fidelity.feature_extractor_inceptionv3", mod)
    good = tmp_path / "good.pth"
    torch.save({"fc.weight": torch.arange(4.0)}, good)
    evaluate.inception_net(good)
    (path, state), = seen
    assert path != str(good) and not os.path.exists(path) and torch.equal(state["fc.weight"], torch.arange(4.0))
