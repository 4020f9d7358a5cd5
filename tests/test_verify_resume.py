"""A verify run killed with -9 in the middle and started again with --resume ends with the same claims.json
(timing aside) as an uninterrupted run (issue: paper-scale evidence, resume)."""

import json
import os
import signal
import subprocess
import sys
import time

ONLY = "erd.lemma_d1.*"  # a symbolic claim, then a Monte-Carlo W2 claim (seconds at full scale): the kill lands in it


def _verify(out, *extra, env):
    return [sys.executable, "-m", "difftheory", "verify", "--scale", "full", "--only", ONLY, "--out", str(out),
            "--workers", "1", "--no-progress", *extra]


def _strip(rows):
    return [{k: v for k, v in r.items() if k != "seconds"} for r in rows]


def test_kill_9_then_resume_matches_an_uninterrupted_run(tmp_path):
    env = {**os.environ, "DIFFTHEORY_CACHE": "off", "MPLBACKEND": "Agg"}
    out = tmp_path / "killed"
    p = subprocess.Popen(_verify(out, env=env), env=env, start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    partial = out / ".partial"
    deadline = time.time() + 120
    while time.time() < deadline and len(list(partial.glob("erd.*.json"))) < 1 and p.poll() is None:
        time.sleep(0.05)
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    finished_before = len(list(partial.glob("erd.*.json")))
    assert finished_before >= 1 and not (out / "claims.json").exists()
    r = subprocess.run(_verify(out, "--resume", env=env), env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    fresh = tmp_path / "fresh"
    r2 = subprocess.run(_verify(fresh, env=env), env=env, capture_output=True, text=True)
    assert r2.returncode == 0, r2.stderr
    a = json.loads((out / "claims.json").read_text())
    b = json.loads((fresh / "claims.json").read_text())
    assert len(a) >= 2 and _strip(a) == _strip(b)
    assert not partial.exists()
