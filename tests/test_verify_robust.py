"""verify and figures against a hostile user (issue 19, items 2, 3, 8, 9, 10): a second run into the same --out, the
main process killed under its workers, a full disk, Ctrl-C / SIGTERM, a closed stdout, a damaged .partial. Every
one ends with one line and a non-zero exit, nothing half-written, and --resume finishes the run."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from difftheory import io, ledger, runner
from difftheory.cli import main

ENV = {**os.environ, "DIFFTHEORY_CACHE": "off", "MPLBACKEND": "Agg"}
CHEAP = "erd.lemma_d1.coupling_bound"  # symbolic, ~0.05 s
WITH_FIGURE = "kdiff.thm3_2.kstar"  # ~0.2 s, renders kdiff_delta_curves
TWO_GROUPS = "mse.s[36]*"  # claims_mse (~3 s) and claims_mse_sde (0.1 s): two worker groups


def _cmd(*args):
    return [sys.executable, "-m", "difftheory", *args]


def _verify(out, only, *extra):
    return _cmd("verify", "--only", only, "--out", str(out), "--no-progress", *extra)


def _rows(out):
    part = Path(out) / runner.PARTIAL
    return sorted(p.name for p in part.glob("*.json") if p.name != runner.SETTINGS_FILE) if part.is_dir() else []


def _wait_for(cond, timeout=180.0, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return True
        if proc is not None and proc.poll() is not None:
            return cond()
        time.sleep(0.05)
    return False


def _children(pid: int) -> list[int]:
    kids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(d.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited (its reaper is the container's init)


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every file of a finished run's output (not the lock, not the partial folder)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != io.LOCK_FILE and runner.PARTIAL not in p.parts}


def _one_line(err: str, *needles):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


def _main(argv, capsys):
    try:
        rc = main(argv)
    except SystemExit as exc:
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


# --- item 2: one run per output folder ------------------------------------------------------------------------

# A process holding --out's lock as a running verify does (flock on OUT/.lock, its pid written in it).
HOLD = ("import fcntl, os, sys, time\nf = open(os.path.join(sys.argv[1], '.lock'), 'a+')\n"
        "fcntl.flock(f, fcntl.LOCK_EX)\nf.truncate(0)\nf.write(f'pid {os.getpid()}')\nf.flush()\n"
        "print('locked', flush=True)\ntime.sleep(300)\n")


@pytest.mark.parametrize("command,only", [("verify", CHEAP), ("figures", "kdiff_delta_curves")])
def test_a_second_run_into_a_locked_out_is_refused_and_a_dead_runs_lock_is_taken(command, only, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        assert holder.stdout.readline().strip() == "locked"
        rc, stdout, err = _main([command, "--only", only, "--out", str(out), "--seed", "1"], capsys)
        assert rc == 2 and stdout == ""
        _one_line(err, "--out", "in use", f"pid {holder.pid}")
        assert sorted(p.name for p in out.iterdir()) == [".lock"]  # nothing written
    finally:
        holder.kill()  # kill -9: the lock file stays behind, stale
        holder.wait()
    assert (out / ".lock").read_text().startswith(f"pid {holder.pid}")
    if command == "verify":
        rc, _, err = _main([command, "--only", only, "--out", str(out), "--seed", "1", "--workers", "1", "--no-progress"],
                           capsys)
        assert rc == 0, err
        assert json.loads((out / "claims.json").read_text())[0]["id"] == CHEAP


@pytest.mark.slow
def test_two_verify_runs_into_one_out(tmp_path):
    """The issue's case: a second verify (--seed 1) started while the first runs is refused; the first's report is
    all seed 0 (before: both exited 0 and the report said seed 1 over seed 0's rows)."""
    out = tmp_path / "out"
    first = subprocess.Popen(_verify(out, "mse.s*", "--workers", "1"), env=ENV, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # ~15 s of claims after it takes the lock
    assert _wait_for(lambda: (out / runner.PARTIAL / runner.SETTINGS_FILE).is_file(), proc=first)
    second = subprocess.run(_verify(out, "mse.s*", "--seed", "1"), env=ENV, capture_output=True, text=True)
    assert first.poll() is None, "the first run ended before the second tried: no overlap to test"
    assert second.returncode == 2, second.stderr
    _one_line(second.stderr, "--out", "in use")
    assert first.wait(timeout=300) == 0
    assert "- seed: 0" in (out / "report.md").read_text()


# --- item 3: workers die with the main process; only this run's rows are adopted -------------------------------

def _kill_9_main_then_check(out, p, workers):
    os.kill(p.pid, signal.SIGKILL)
    p.communicate(timeout=30)  # returns: no worker holds the caller's stdout/stderr open
    assert _wait_for(lambda: not any(_alive(w) for w in workers), timeout=10), [w for w in workers if _alive(w)]
    seen = _rows(out)
    time.sleep(2)
    assert _rows(out) == seen  # no row written after the parent died
    assert not (out / "claims.json").exists()


def test_kill_9_of_the_main_process_ends_its_workers(tmp_path):
    """Killed while its workers start (before: they went on, ran their claims and wrote rows)."""
    out = tmp_path / "out"
    p = subprocess.Popen(_verify(out, TWO_GROUPS, "--workers", "2"), env=ENV, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    assert _wait_for(lambda: len(_children(p.pid)) >= 3, proc=p)  # the resource tracker and two workers
    workers = _children(p.pid)
    time.sleep(0.5)
    _kill_9_main_then_check(out, p, workers)


@pytest.mark.slow
def test_kill_9_of_the_main_process_mid_run_ends_its_workers(tmp_path):
    """The issue's case: killed while the workers run claims (before: they kept writing rows, held the caller's
    stdout open, and lived on)."""
    out = tmp_path / "out"
    p = subprocess.Popen(_verify(out, "mse.s[23]*", "--workers", "2"), env=ENV, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    assert _wait_for(lambda: len(_rows(out)) >= 1, proc=p), p.communicate()
    _kill_9_main_then_check(out, p, _children(p.pid))


def _fake_claim(cid, fn):
    return ledger.Claim(cid, "kdiff", "here", "s", "numeric", fn, lambda ev: ledger.Decision("verified", "ok"),
                        "rule", equations=("Eq. (1)",))


def test_resume_adopts_only_rows_stamped_by_this_run(tmp_path):
    """A row in .partial written by another run (another seed: a worker of a killed run, or a run before this
    one) is not adopted; its claim runs again with this run's seed (before: adopted, exit 0 with seed 0's row)."""
    ran = []

    def make(i):
        def fn(ctx):
            ran.append(i)
            if i == 2 and not (tmp_path / "go").exists():
                raise KeyboardInterrupt  # the run stops here
            return {"seed": ctx.seed}
        return fn

    claims = [_fake_claim(f"kdiff.t.r{i}", make(i)) for i in range(5)]
    ctx = ledger.Context(out=tmp_path / "out", seed=1)
    with pytest.raises(KeyboardInterrupt):
        runner.run_claims(claims, ctx, progress=False)
    part = tmp_path / "out" / runner.PARTIAL
    settings = json.loads((part / runner.SETTINGS_FILE).read_text())
    stamp = {k: settings.get(k) for k in ("scale", "seed", "gpu_results", "run")}
    for i, other in ((2, {"seed": 0}), (3, {"run": "0" * 32})):  # an orphaned worker's rows: seed 0, another run
        row = ledger.row(claims[i], "quick", ledger.Decision("verified", "ok"), {"seed": 0}, [], 0.1)
        io.write_json(part / f"kdiff.t.r{i}.json", {**row, "_rendered": {}, "_run": {**stamp, **other}})
    (tmp_path / "go").touch()
    ran.clear()
    rows = runner.run_claims(claims, ctx, resume=True, progress=False)
    assert ran == [2, 3, 4]  # r0 and r1 were this run's; r2 (seed 0) and r3 (another run) ran again
    assert [r["evidence"]["seed"] for r in rows] == [1] * 5
    assert all("_run" not in r and "_rendered" not in r for r in rows)


def test_a_fresh_run_clears_the_partial_folder_and_never_adopts_old_rows(tmp_path):
    ran = []
    claims = [_fake_claim("kdiff.t.a", lambda c: ran.append(c.seed) or {"seed": c.seed})]
    runner.run_claims(claims, ledger.Context(out=tmp_path, seed=0), progress=False)
    rows = runner.run_claims(claims, ledger.Context(out=tmp_path, seed=1), progress=False)
    assert ran == [0, 1] and rows[0]["evidence"] == {"seed": 1}


# --- item 8: a full disk ---------------------------------------------------------------------------------------

@contextmanager
def _disk_full_at(monkeypatch, name: str):
    """Writing a file called ``name`` (through io.atomic_path: rows, report, figures) fails with ENOSPC."""
    from difftheory.figures import registry

    real = io.atomic_path

    @contextmanager
    def full(path):
        if Path(path).name == name:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        with real(path) as tmp:
            yield tmp

    with monkeypatch.context() as m:
        m.setattr(io, "atomic_path", full)
        m.setattr(registry, "atomic_path", full)
        yield


@pytest.mark.parametrize("only,fails_at", [
    (CHEAP, "claims.json"),
    (CHEAP, "report.md"),
    (CHEAP, "report.html"),
    (CHEAP, f"{CHEAP}.json"),
    (WITH_FIGURE, "kdiff_delta_curves.png"),
])
def test_a_full_disk_stops_verify_with_one_line_leaves_the_last_report_and_resume_finishes(only, fails_at, tmp_path,
                                                                                          monkeypatch, capsys):
    out = tmp_path / "out"
    base = ["verify", "--only", only, "--out", str(out), "--workers", "1", "--no-progress"]
    rc, _, err = _main(base, capsys)
    assert rc == 0, err
    before = _snapshot(out)
    with _disk_full_at(monkeypatch, fails_at):
        rc, stdout, err = _main(base + ["--seed", "1"], capsys)
    assert rc == 1 and stdout == ""
    _one_line(err, "disk is full", fails_at, "--resume")
    assert _snapshot(out) == before  # all or nothing: the previous report, claims and figures, untouched
    rc, _, err = _main(base + ["--seed", "1", "--resume"], capsys)
    assert rc == 0, err
    assert "- seed: 1" in (out / "report.md").read_text() and "seed 1" in (out / "report.html").read_text()
    assert not (out / runner.PARTIAL).exists()


def test_a_full_disk_stops_figures_with_nothing_half_written(tmp_path, monkeypatch, capsys):
    out = tmp_path / "figs"
    with _disk_full_at(monkeypatch, "kdiff_delta_curves.png"):
        rc, stdout, err = _main(["figures", "--only", "kdiff_delta_curves", "--out", str(out)], capsys)
    assert rc == 1 and stdout == ""
    _one_line(err, "disk is full")
    assert sorted(p.name for p in out.iterdir()) == [io.LOCK_FILE]  # no figure, no staging folder


def test_commit_killed_among_its_renames_is_completed_by_the_next_run(tmp_path, monkeypatch):
    """kill -9 between two renames of the report: the marker stays, and the next run into --out moves the rest
    before it starts (so the folder never keeps a new report.md beside an old report.html)."""
    out, stage = tmp_path / "out", tmp_path / "out" / runner.PARTIAL / runner.STAGE
    for name in ("claims.json", "report.html", "report.md"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("old")
        (stage / name).parent.mkdir(parents=True, exist_ok=True)
        (stage / name).write_text("new")
    real, moved = os.replace, []

    def dies_after_one(a, b):
        if Path(b).parent == out:
            if moved:
                raise KeyboardInterrupt  # stands for kill -9 here: nothing after it runs
            moved.append(b)
        real(a, b)

    monkeypatch.setattr(io.os, "replace", dies_after_one)
    with pytest.raises(KeyboardInterrupt):
        runner.commit(out)
    monkeypatch.setattr(io.os, "replace", real)
    assert sorted((out / n).read_text() for n in ("claims.json", "report.html", "report.md")) == ["new", "old", "old"]
    runner.recover(out)
    assert [(out / n).read_text() for n in ("claims.json", "report.html", "report.md")] == ["new"] * 3
    assert not (out / runner.PARTIAL).exists()


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MiB tmpfs (needs root; skipped otherwise)."""
    where = tmp_path / "tiny"
    where.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.mark.slow
def test_a_really_full_disk(tiny_disk):
    out = tiny_disk / "out"
    assert subprocess.run(_verify(out, WITH_FIGURE, "--workers", "1"), env=ENV, capture_output=True).returncode == 0
    before = _snapshot(out)
    free = shutil.disk_usage(tiny_disk).free
    (tiny_disk / "fill").write_bytes(b"\0" * max(0, free - 100 * 1024))  # room for the row, not for the report
    r = subprocess.run(_verify(out, WITH_FIGURE, "--workers", "1", "--seed", "1"), env=ENV, capture_output=True,
                       text=True)
    assert r.returncode == 1 and r.stdout == ""
    _one_line(r.stderr, "disk is full")
    assert _snapshot(out) == before
    r = subprocess.run(_cmd("figures", "--only", "kdiff_delta_curves", "--out", str(out / "figs")), env=ENV,
                       capture_output=True, text=True)
    assert r.returncode == 1 and r.stdout == ""
    _one_line(r.stderr, "disk is full")
    assert not [p for p in (out / "figs").iterdir() if p.name != io.LOCK_FILE]
    (tiny_disk / "fill").unlink()
    r = subprocess.run(_verify(out, WITH_FIGURE, "--workers", "1", "--seed", "1", "--resume"), env=ENV,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "- seed: 1" in (out / "report.md").read_text()


# --- item 9: signals and a closed stdout -----------------------------------------------------------------------

@pytest.mark.parametrize("sig,to_group", [(signal.SIGINT, True), (signal.SIGTERM, False)])
def test_a_signal_stops_verify_with_one_line_and_resume_finishes(sig, to_group, tmp_path):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) or SIGTERM to the main process: one line,
    exit 128 + signal, the workers gone, no report written, and --resume finishes the run."""
    out = tmp_path / "out"
    p = subprocess.Popen(_verify(out, TWO_GROUPS, "--workers", "2"), env=ENV, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert _wait_for(lambda: len(_rows(out)) >= 1, proc=p), p.communicate()
    workers = _children(p.pid)
    (os.killpg if to_group else os.kill)(p.pid, sig)
    stdout, stderr = p.communicate(timeout=60)
    assert p.returncode == 128 + sig and stdout == ""
    _one_line(stderr, f"interrupted ({signal.Signals(sig).name})", "--resume")
    assert _wait_for(lambda: not any(_alive(w) for w in workers), timeout=10)
    assert not (out / "claims.json").exists() and not (out / "report.md").exists()
    r = subprocess.run(_verify(out, TWO_GROUPS, "--workers", "1", "--resume"), env=ENV, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rows = json.loads((out / "claims.json").read_text())
    assert len(rows) == len(ledger.select(TWO_GROUPS)) and all(r["verdict"] != "error" for r in rows)


def test_ctrl_c_stops_a_long_linear_run_with_one_line():
    p = subprocess.Popen(_cmd("linear", "--D", "400", "--d", "3", "--steps", "10000000", "--json"), env=ENV,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(4)
    os.killpg(p.pid, signal.SIGINT)
    stdout, stderr = p.communicate(timeout=60)
    assert p.returncode == 130 and stdout == ""
    _one_line(stderr, "interrupted (SIGINT)")


BROKEN_PIPE_CASES = [
    ["kstar", "--D", "100", "--d", "10", "--json"],
    ["kstar", "--D", "100", "--d", "10"],
    ["diffusion-size", "--schedule", "logis", "--parameterization", "vel", "--steps", "50", "--json"],
    ["diffusion-size", "--schedule", "logis", "--parameterization", "vel", "--steps", "50"],
    ["bayes-floor", "--target", "eps", "--schedule", "vp", "--t", "0.5", "--json"],
    ["linear", "--D", "10", "--d", "3", "--steps", "5", "--json"],
    ["linear", "--D", "10", "--d", "3", "--steps", "5"],
    ["figures", "--list"],
]


@pytest.mark.parametrize("argv", BROKEN_PIPE_CASES, ids=lambda a: "-".join(a[:1] + a[-1:]))
def test_a_closed_stdout_ends_with_one_line(argv):
    """``difftheory ... --json | head -c 100`` where head has gone: one line, exit 141, no traceback."""
    r, w = os.pipe()
    os.close(r)  # the reader is gone before the first write
    try:
        p = subprocess.run(_cmd(*argv), env=ENV, stdout=w, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(w)
    assert p.returncode == 141
    _one_line(p.stderr, "broken pipe")


def test_a_closed_stdout_after_verify_wrote_its_report(tmp_path):
    r, w = os.pipe()
    os.close(r)
    try:
        p = subprocess.run(_verify(tmp_path, CHEAP, "--workers", "1"), env=ENV, stdout=w, stderr=subprocess.PIPE,
                           text=True, timeout=120)
    finally:
        os.close(w)
    assert p.returncode == 141
    _one_line(p.stderr, "broken pipe")
    assert json.loads((tmp_path / "claims.json").read_text())[0]["id"] == CHEAP  # the report is whole


# --- item 10: a damaged .partial -------------------------------------------------------------------------------

def _unfinished_run(out: Path) -> Path:
    """An unfinished run of CHEAP in ``out`` (its settings, no row yet); returns the partial folder."""
    runner.prepare(ledger.select(CHEAP), ledger.Context(out=out), resume=False)
    return out / runner.PARTIAL


def _good_row(part: Path) -> dict:
    stamp = {k: v for k, v in json.loads((part / runner.SETTINGS_FILE).read_text()).items()
             if k in ("scale", "seed", "gpu_results", "run")}
    (c,) = ledger.select(CHEAP)
    return {**ledger.run_one(c, ledger.Context(out=part.parent)), "_rendered": {}, "_run": stamp}


DAMAGE = {
    "settings holding a list": (runner.SETTINGS_FILE, lambda row: "[1, 2]"),
    "truncated settings": (runner.SETTINGS_FILE, lambda row: '{"scale": "quick", "se'),
    "settings not UTF-8": (runner.SETTINGS_FILE, lambda row: b"\xff\xfe{"),
    "settings lacking keys": (runner.SETTINGS_FILE, lambda row: '{"scale": "quick"}'),
    "settings with a string seed": (runner.SETTINGS_FILE, lambda row: json.dumps(
        {"scale": "quick", "seed": "0", "gpu_results": None, "claims": [CHEAP], "run": "x"})),
    "row holding a list": (f"{CHEAP}.json", lambda row: "[]"),
    "truncated row": (f"{CHEAP}.json", lambda row: json.dumps(row)[:50]),
    "row lacking keys": (f"{CHEAP}.json", lambda row: json.dumps({"id": CHEAP, "verdict": "verified"})),
    "row of another claim": (f"{CHEAP}.json", lambda row: json.dumps({**row, "id": "kdiff.other"})),
    "row with a bad verdict": (f"{CHEAP}.json", lambda row: json.dumps({**row, "verdict": "great"})),
    "row with evidence a list": (f"{CHEAP}.json", lambda row: json.dumps({**row, "evidence": [1]})),
    "row with bad figures": (f"{CHEAP}.json", lambda row: json.dumps({**row, "_rendered": {"f": [1]}})),
    "row with an edited verdict": (f"{CHEAP}.json", lambda row: json.dumps({**row, "verdict": "refuted"})),
    "row with edited evidence": (f"{CHEAP}.json", lambda row: json.dumps({**row, "evidence": {"derived": "0"}})),
    "row with another statement": (f"{CHEAP}.json", lambda row: json.dumps({**row, "statement": "s"})),
    "row of another scale": (f"{CHEAP}.json", lambda row: json.dumps({**row, "scale": "full"})),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_resume_with_a_damaged_partial_names_the_file_and_the_flag(damage, tmp_path, capsys):
    part = _unfinished_run(tmp_path)
    name, content = DAMAGE[damage]
    text = content(_good_row(part))
    (part / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    rc, stdout, err = _main(["verify", "--only", CHEAP, "--out", str(tmp_path), "--resume", "--workers", "1",
                             "--no-progress"], capsys)
    assert rc == 2 and stdout == ""
    _one_line(err, str(part / name), "--resume", "damaged")
    rc, _, err = _main(["verify", "--only", CHEAP, "--out", str(tmp_path), "--workers", "1", "--no-progress"], capsys)
    assert rc == 0, err  # without --resume the run starts afresh


def test_resume_with_a_good_row_adopts_it(tmp_path, capsys):
    part = _unfinished_run(tmp_path)
    io.write_json(part / f"{CHEAP}.json", {**_good_row(part), "seconds": 1234.5})
    rc, _, err = _main(["verify", "--only", CHEAP, "--out", str(tmp_path), "--resume", "--workers", "1",
                        "--no-progress"], capsys)
    assert rc == 0, err
    assert json.loads((tmp_path / "claims.json").read_text())[0]["seconds"] == 1234.5  # adopted, not rerun
