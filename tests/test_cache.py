"""difftheory/cache.py under concurrent runs and kill -9: one build per entry, never a half-written entry, corrupt
entries rebuilt, the key covers settings, seed and the training code."""

import os
import signal
import subprocess
import sys
import textwrap

import torch

from difftheory import cache

# A child process: cached("t", key, build) where build logs to BUILDS, sleeps, returns a tensor.
CHILD = textwrap.dedent("""
    import os, sys, time, torch
    from difftheory import cache
    builds, sleep, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    def build():
        with open(builds, "a") as f:
            f.write(f"{os.getpid()}\\n")
        print("building", flush=True)
        time.sleep(sleep)
        return {"w": torch.arange(4, dtype=torch.float64) + seed}
    out = cache.cached("t", {"seed": seed}, build)
    print("result", out["w"].tolist(), flush=True)
""")


def _child(tmp_path, sleep, seed=0):
    env = {**os.environ, "DIFFTHEORY_CACHE": str(tmp_path / "cache")}
    return subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path / "builds"), str(sleep), str(seed)],
                            env=env, stdout=subprocess.PIPE, text=True)


def _builds(tmp_path):
    p = tmp_path / "builds"
    return p.read_text().split() if p.exists() else []


def _entries(tmp_path):
    return sorted(p.name for p in (tmp_path / "cache").glob("*.safetensors"))


def test_concurrent_runs_build_once_and_agree(tmp_path):
    procs = [_child(tmp_path, 1.0) for _ in range(2)]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len(_builds(tmp_path)) == 1  # the second waited on the lock, then loaded
    results = [line for o in outs for line in o.splitlines() if line.startswith("result")]
    assert results == ["result [0.0, 1.0, 2.0, 3.0]"] * 2
    assert len(_entries(tmp_path)) == 1


def test_kill_9_during_the_build_leaves_no_entry_and_the_next_run_builds(tmp_path):
    p = _child(tmp_path, 30.0)
    assert p.stdout.readline().strip() == "building"
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    assert _entries(tmp_path) == []  # nothing half-written; the lock died with the process
    assert all(f.name.endswith(".lock") for f in (tmp_path / "cache").iterdir())  # no temporary file either
    q = _child(tmp_path, 0.0)
    out = q.communicate(timeout=60)[0]
    assert q.returncode == 0 and "result [0.0, 1.0, 2.0, 3.0]" in out
    assert len(_builds(tmp_path)) == 2 and len(_entries(tmp_path)) == 1


def test_corrupt_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("DIFFTHEORY_CACHE", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"w": torch.ones(3)}

    cache.cached("c", {"a": 1}, build)
    (entry,) = tmp_path.glob("c-*.safetensors")
    entry.write_bytes(os.urandom(64))
    out = cache.cached("c", {"a": 1}, build)
    assert len(calls) == 2 and torch.equal(out["w"], torch.ones(3))
    assert torch.equal(cache.cached("c", {"a": 1}, build)["w"], torch.ones(3)) and len(calls) == 2


def test_key_covers_settings_seed_and_code(tmp_path):
    base = cache.entry_key("m", {"width": 64, "seed": 0}, ["difftheory.training"])
    assert base != cache.entry_key("m", {"width": 64, "seed": 1}, ["difftheory.training"])
    assert base != cache.entry_key("m", {"width": 128, "seed": 0}, ["difftheory.training"])
    assert base != cache.entry_key("m", {"width": 64, "seed": 0}, ["difftheory.training", "difftheory.io"])
    assert base == cache.entry_key("m", {"seed": 0, "width": 64}, ["difftheory.training"])  # order-free


def test_off_disables_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DIFFTHEORY_CACHE", "off")
    calls = []
    for _ in range(2):
        cache.cached("o", {}, lambda: calls.append(1) or {"w": torch.zeros(1)})
    assert len(calls) == 2


def _two_entries(tmp_path, monkeypatch):
    """Entries for two settings (as two configurations' trained k) and a build log."""
    monkeypatch.setenv("DIFFTHEORY_CACHE", str(tmp_path))
    calls = []

    def build(k):
        def f():
            calls.append(k)
            return {"k": torch.tensor([k], dtype=torch.float64), "w": torch.linspace(0, 1, 64) * k}
        return f

    for k in (0.948, 0.5):
        cache.cached("m", {"k": k}, build(k))
    paths = {k: next(p for p in tmp_path.glob("m-*.safetensors")
                     if p.name == f"m-{cache.entry_key('m', {'k': k}, [])}.safetensors") for k in (0.948, 0.5)}
    return build, calls, paths


def test_a_flipped_bit_in_an_entry_is_caught_and_the_entry_rebuilt(tmp_path, monkeypatch):
    build, calls, paths = _two_entries(tmp_path, monkeypatch)
    data = bytearray(paths[0.948].read_bytes())
    data[-4] ^= 0x01  # one bit of the last tensor's bytes: still a valid safetensors file
    paths[0.948].write_bytes(bytes(data))
    out = cache.cached("m", {"k": 0.948}, build(0.948))
    assert calls == [0.948, 0.5, 0.948]  # the damaged entry was rebuilt, not loaded
    assert out["k"].item() == 0.948 and torch.equal(out["w"], torch.linspace(0, 1, 64) * 0.948)
    assert cache.cached("m", {"k": 0.948}, build(0.948))["k"].item() == 0.948 and len(calls) == 3  # and is good


def test_swapped_entries_are_caught_and_rebuilt(tmp_path, monkeypatch):
    build, calls, paths = _two_entries(tmp_path, monkeypatch)
    a, b = paths[0.948].read_bytes(), paths[0.5].read_bytes()
    paths[0.948].write_bytes(b)
    paths[0.5].write_bytes(a)  # each file is intact, under the other configuration's name
    assert cache.cached("m", {"k": 0.948}, build(0.948))["k"].item() == 0.948
    assert cache.cached("m", {"k": 0.5}, build(0.5))["k"].item() == 0.5
    assert calls == [0.948, 0.5, 0.948, 0.5]


def test_an_entry_without_a_checksum_is_rebuilt(tmp_path, monkeypatch):
    """An entry of the earlier format (metadata without the checksum) is not trusted."""
    from safetensors.torch import save_file

    build, calls, paths = _two_entries(tmp_path, monkeypatch)
    save_file({"k": torch.tensor([0.1], dtype=torch.float64), "w": torch.zeros(64)}, str(paths[0.948]),
              metadata={"name": "m", "key": '{"k": 0.948}'})
    assert cache.cached("m", {"k": 0.948}, build(0.948))["k"].item() == 0.948 and calls[-1] == 0.948
