"""``difftheory verify --gpu-results DIR`` against hostile result folders (issue 19, items 5–7 and 13's report text).

A good folder (every kdiff.gpu.* claim verified) is damaged in one file at a time: impossible values (k = 5,
FID = −50, NaN/Infinity, falling epochs), files that are not regular files (FIFO, folder, symbolic link out of the
folder), non-UTF-8 text, oversized files, malformed JSON/CSV, names carrying HTML. Each case runs the real command
(in-process, one worker) and checks: exit 0; no traceback anywhere (stderr, claims.json, report.md); a warning line
naming the file; the claims that needed the file ``open`` with the file and the reason in their detail; every other
claim exactly as on the good folder; no raw HTML from a result file in report.md. Every case runs under an alarm,
so a hang (a FIFO opened for reading) fails instead of blocking the suite."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from difftheory.cli import main
from difftheory.gpu_validation.resolution_sweep import SWEEP_COLUMNS
from difftheory.gpu_validation.runfiles import LOG_COLUMNS
from test_gpu_claims import RISE, SETTLE, write_run, write_sweep

ONLY = "kdiff.gpu.[!bk]*[!u]"   # the five claims decided from --gpu-results (not the CPU sweep, sizes, feasibility)
PIXEL, LATENT = "kdiff.gpu.pixel_k_to_one", "kdiff.gpu.latent_k_between"
BEST, BINNED, SWEEP = "kdiff.gpu.fid_matches_best_fixed", "kdiff.gpu.constant_vs_binned", "kdiff.gpu.resolution_sweep"
GPU = (PIXEL, LATENT, BEST, BINNED, SWEEP)
FIDS = {BEST, BINNED}
RUNS = {PIXEL, LATENT, BEST, BINNED}
HANG_LIMIT_S = 60
HTML_NAME = "<img src=x onerror=alert(1)>"


def good_folder(root: Path) -> Path:
    """Logs under which every gpu claim verifies (tests/test_gpu_claims.py's supported predictions)."""
    write_run(root, "pix", "jit-b16", "learn", RISE, fid=4.70)
    for k, fid in ((0.0, 9.0), (0.5, 6.0), (1.0, 4.70)):
        write_run(root, f"pix-{k}", "jit-b16", "fixed", lambda p, k=k: k, fid=fid, k_init=k)
    write_run(root, "lat", "lightningdit-xl1", "learn", SETTLE, fid=2.05)
    write_run(root, "lat-bin", "lightningdit-xl1", "binned", lambda p: 0.55, fid=2.17)
    for k, fid in ((0.0, 3.0), (0.5, 2.08), (1.0, 2.5)):
        write_run(root, f"lat-{k}", "lightningdit-xl1", "fixed", lambda p, k=k: k, fid=fid, k_init=k)
    write_run(root, "tiny", "tiny", "learn", lambda p: 0.6)
    write_sweep(root, "sweep", (0.7, 0.85, 0.93, 0.97))
    return root


def verify(root: Path, out: Path, capsys) -> tuple[int, dict, str, str]:
    def alarm(signum, frame):
        raise TimeoutError(f"verify --gpu-results hung for {HANG_LIMIT_S} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_LIMIT_S)
    try:
        rc = main(["verify", "--only", ONLY, "--gpu-results", str(root), "--out", str(out), "--workers", "1",
                   "--no-progress"])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    err = capsys.readouterr().err
    rows = {r["id"]: r for r in json.loads((out / "claims.json").read_text(encoding="utf-8"))}
    return rc, rows, err, (out / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    root = good_folder(tmp_path_factory.mktemp("good"))
    return root


def test_the_good_folder_verifies_everything(baseline, tmp_path, capsys):
    rc, rows, err, _ = verify(baseline, tmp_path / "out", capsys)
    assert rc == 0 and set(rows) == set(GPU) and "warning" not in err, err
    assert all(rows[c]["verdict"] == "verified" and rows[c]["evidence"]["skipped"] == [] for c in GPU), rows


# ------------------------------------------------------------------------------------------ damaging one file
def _rewrite_csv(path: Path, change):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0]) if rows else list(LOG_COLUMNS)
    rows = change(rows)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def cell(col, value, row=3):
    def change(rows):
        rows[row][col] = value
        return rows
    return change


def text(content):
    return lambda p: (p.unlink() if p.exists() or p.is_symlink() else None, p.write_text(content))


def data(content: bytes):
    return lambda p: (p.unlink() if p.exists() or p.is_symlink() else None, p.write_bytes(content))


def csv_edit(change):
    return lambda p: _rewrite_csv(p, change)


def json_edit(change):
    def edit(p):
        obj = json.loads(p.read_text())
        change(obj)
        p.write_text(json.dumps(obj))
    return edit


def fifo(p):
    p.unlink()
    os.mkfifo(p)


def folder(p):
    p.unlink()
    p.mkdir()
    (p / "inside.txt").write_text("x")


def link_to(target):
    def edit(p):
        p.unlink()
        p.symlink_to(target)
    return edit


def sparse(size):
    def edit(p):
        with open(p, "r+b") as f:
            f.truncate(size)
    return edit


def log_rows_reversed(rows):
    return rows[::-1]


def nested(depth):
    return text('{"config": "jit-b16", "x": ' + "[" * depth + "]" * depth + "}")


def set_json(path, value):
    def change(obj):
        *keys, last = path
        for k in keys:
            obj = obj[k]
        obj[last] = value
    return json_edit(change)


NON_UTF8 = b"step,progress,epoch,loss,k\n10,0.01,6.0,1.0,\xff\xfe0.5\n"
SWEEP_HEADER = ",".join(SWEEP_COLUMNS) + "\n"

# (id, file, damage, claims that need the file, a phrase of the reason)
CASES = [
    # log.csv of the pixel learn run: the pixel claim needs it (the FIDs' epochs come from run.json)
    ("log-k-5", "pix/log.csv", csv_edit(cell("k", "5")), {PIXEL}, "k is 5.0, outside [0, 1]"),
    ("log-k-1e308", "pix/log.csv", csv_edit(cell("k", "1e308")), {PIXEL}, "outside [0, 1]"),
    ("log-k-negative", "pix/log.csv", csv_edit(cell("k", "-0.1")), {PIXEL}, "outside [0, 1]"),
    ("log-k-nan", "pix/log.csv", csv_edit(cell("k", "nan")), {PIXEL}, "not a finite number"),
    ("log-k-inf", "pix/log.csv", csv_edit(cell("k", "inf")), {PIXEL}, "not a finite number"),
    ("log-k-empty", "pix/log.csv", csv_edit(cell("k", "")), {PIXEL}, "not a number"),
    ("log-k-text", "pix/log.csv", csv_edit(cell("k", "high")), {PIXEL}, "not a number"),
    ("log-epochs-falling", "pix/log.csv", csv_edit(log_rows_reversed), {PIXEL}, "rows must be in training order"),
    ("log-step-repeated", "pix/log.csv", csv_edit(cell("step", "20", 2)), {PIXEL}, "step does not increase"),
    ("log-step-fraction", "pix/log.csv", csv_edit(cell("step", "25.5")), {PIXEL}, "not an integer"),
    ("log-progress-above-1", "pix/log.csv", csv_edit(cell("progress", "1.5")), {PIXEL}, "outside [0, 1]"),
    ("log-epoch-negative", "pix/log.csv", csv_edit(cell("epoch", "-3", 0)), {PIXEL}, "outside [0, 1e+06]"),
    ("log-loss-negative", "pix/log.csv", csv_edit(cell("loss", "-1")), {PIXEL}, "outside [0, 1e+12]"),
    ("log-loss-1e300", "pix/log.csv", csv_edit(cell("loss", "1e300")), {PIXEL}, "outside [0, 1e+12]"),
    ("log-not-utf8", "pix/log.csv", data(NON_UTF8), {PIXEL}, "not UTF-8 text"),
    ("log-empty-file", "pix/log.csv", data(b""), {PIXEL}, "empty: no header row"),
    ("log-no-k-column", "pix/log.csv", text("step,progress,epoch\n10,0.01,6\n"), {PIXEL}, "no column k"),
    ("log-extra-field", "pix/log.csv", text("step,progress,epoch,k\n10,0.01,6,0.5,9\n"), {PIXEL}, "has 5 fields"),
    ("log-nul-byte", "pix/log.csv", data(b"step,progress,epoch,k\n10,0.01,6,0.5\x00\n"), {PIXEL}, "not a number"),
    ("log-open-quote", "pix/log.csv", text('step,progress,epoch,k\n10,0.01,6,"0.5\n'), {PIXEL}, "not CSV"),
    ("log-huge-field", "pix/log.csv", text("step,progress,epoch,k\n10,0.01,6," + "9" * 200_000 + "\n"), {PIXEL},
     "not CSV"),
    ("log-is-a-folder", "pix/log.csv", folder, {PIXEL}, "a folder, not a regular file"),
    ("log-is-a-fifo", "pix/log.csv", fifo, {PIXEL}, "a FIFO, not a regular file"),
    ("log-links-to-etc-passwd", "pix/log.csv", link_to("/etc/passwd"), {PIXEL}, "symbolic link out of the results"),
    ("log-links-to-nowhere", "pix/log.csv", link_to("missing.csv"), {PIXEL}, "does not resolve"),
    ("log-links-to-itself", "pix/log.csv", link_to("log.csv"), {PIXEL}, "does not resolve"),
    ("log-over-64-MiB", "pix/log.csv", sparse((64 << 20) + 1), {PIXEL}, "more than the 67108864 bytes"),
    # eval.csv: both FID claims read every paper-config run's FIDs
    ("eval-fid-negative", "pix/eval.csv", csv_edit(cell("fid", "-50", 0)), FIDS, "fid is -50.0, outside [0, 10000]"),
    ("eval-fid-1e308", "pix/eval.csv", csv_edit(cell("fid", "1e308", 0)), FIDS, "outside [0, 10000]"),
    ("eval-fid-inf", "pix/eval.csv", csv_edit(cell("fid", "inf", 0)), FIDS, "not a finite number"),
    ("eval-is-below-1", "pix/eval.csv", csv_edit(cell("is", "0.5", 0)), FIDS, "outside [1, 1008]"),
    ("eval-n-samples-negative", "pix/eval.csv", csv_edit(cell("n_samples", "-5", 0)), FIDS, "outside [0, 1e+10]"),
    ("eval-n-samples-fraction", "pix/eval.csv", csv_edit(cell("n_samples", "2.5", 0)), FIDS, "not an integer"),
    ("eval-step-falling", "pix/eval.csv", text("step,ema,n_samples,fd_pixels,fid,is\n1000,0.9,50000,,4.7,250\n"
                                               "900,0.9,50000,,4.7,250\n"), FIDS, "step falls"),
    ("eval-is-a-folder", "pix/eval.csv", folder, FIDS, "a folder"),
    ("eval-is-a-fifo", "pix/eval.csv", fifo, FIDS, "a FIFO"),
    ("eval-not-utf8", "pix/eval.csv", data(b"step,fid\n\xc3\x28,1\n"), FIDS, "not UTF-8 text"),
    ("eval-of-binned-run", "lat-bin/eval.csv", csv_edit(cell("fid", "-1", 0)), FIDS, "outside [0, 10000]"),
    # run.json: a damaged one that still names its configuration plainly affects the claims of that configuration;
    # one that does not could have been any run
    ("json-nan", "pix/run.json", set_json(("settings", "epochs"), float("nan")), {PIXEL} | FIDS, "NaN"),
    ("json-infinity", "pix/run.json", set_json(("n_data",), float("inf")), {PIXEL} | FIDS, "Infinity"),
    ("json-settings-string", "pix/run.json", set_json(("settings",), "fast"), {PIXEL} | FIDS, "settings is str"),
    ("json-target-list", "pix/run.json", set_json(("settings", "target"), [1]), {PIXEL} | FIDS, "not an object"),
    ("json-deeply-nested", "pix/run.json", nested(100_000), RUNS, "nested too deeply"),
    ("json-nested-40", "pix/run.json", nested(40), {PIXEL} | FIDS, "nested deeper than 32"),
    ("json-top-level-list", "pix/run.json", text("[1, 2]"), RUNS, "not an object"),
    ("json-truncated", "pix/run.json", text('{"config": "jit-b16", "settings": {'), RUNS, "not valid JSON"),
    ("json-no-config", "pix/run.json", json_edit(lambda o: o.pop("config")), RUNS, "config is None"),
    ("json-config-html", "pix/run.json", set_json(("config",), "<script>alert(1)</script>"), RUNS,
     "not a configuration name"),
    ("json-config-number", "pix/run.json", set_json(("config",), 16), RUNS, "not a configuration name"),
    ("json-k-mode-bogus", "pix/run.json", set_json(("settings", "target", "k_mode"), "bogus"), {PIXEL} | FIDS,
     "not one of learn"),
    ("json-target-k-5", "pix/run.json", set_json(("settings", "target", "k"), 5), {PIXEL} | FIDS, "outside [0, 1]"),
    ("json-n-bins-0", "pix/run.json", set_json(("settings", "target", "n_bins"), 0), {PIXEL} | FIDS, "outside [1, 4096]"),
    ("json-batch-0", "pix/run.json", set_json(("settings", "batch_size"), 0), {PIXEL} | FIDS, "outside [1, 1e+07]"),
    ("json-batch-bool", "pix/run.json", set_json(("settings", "batch_size"), True), {PIXEL} | FIDS, "not a number"),
    ("json-n-data-negative", "pix/run.json", set_json(("n_data",), -1), {PIXEL} | FIDS, "outside [1, 1e+10]"),
    ("json-n-data-1e300", "pix/run.json", set_json(("n_data",), 1e300), {PIXEL} | FIDS, "outside [1, 1e+10]"),
    ("json-no-k-mode", "pix/run.json", json_edit(lambda o: o["settings"]["target"].pop("k_mode")), {PIXEL} | FIDS,
     "k_mode is None"),
    ("json-seed-negative", "pix/run.json", set_json(("settings", "seed"), -3), {PIXEL} | FIDS, "outside [0, 9.22337e+18]"),
    ("json-seed-1e400", "pix/run.json", text('{"config": "jit-b16", "settings": {"seed": 1e400}}'), {PIXEL} | FIDS,
     "not a finite number"),
    ("json-huge-integer", "pix/run.json", text('{"config": "jit-b16", "n_data": ' + "9" * 5000 + "}"), RUNS,
     "not valid JSON"),
    ("json-epochs-0", "pix/run.json", set_json(("settings", "epochs"), 0), {PIXEL} | FIDS, "not a positive number"),
    ("json-is-a-fifo", "pix/run.json", fifo, RUNS, "a FIFO"),
    ("json-is-a-folder", "pix/run.json", folder, RUNS, "a folder"),
    ("json-links-to-etc-passwd", "pix/run.json", link_to("/etc/passwd"), RUNS, "symbolic link out of the results"),
    ("json-over-1-MiB", "pix/run.json", sparse((1 << 20) + 1), RUNS, "more than the 1048576 bytes"),
    ("json-not-utf8", "pix/run.json", data(b'{"config": "jit-b16\xff"}'), RUNS, "not UTF-8 text"),
    ("json-empty", "pix/run.json", data(b""), RUNS, "not valid JSON"),
    ("json-latent-k-2", "lat/run.json", set_json(("settings", "target", "k"), 2), {LATENT} | FIDS, "outside [0, 1]"),
    ("latent-log-k-2", "lat/log.csv", csv_edit(cell("k", "2")), {LATENT}, "outside [0, 1]"),
    # sweep.csv
    ("sweep-k-500", "sweep/sweep.csv", csv_edit(cell("k_learned", "500", 1)), {SWEEP}, "k_learned is 500.0"),
    ("sweep-empty-file", "sweep/sweep.csv", data(b""), {SWEEP}, "empty: no header row"),
    ("sweep-header-only", "sweep/sweep.csv", text(SWEEP_HEADER), {SWEEP}, "0 row(s)"),
    ("sweep-one-row", "sweep/sweep.csv", csv_edit(lambda rows: rows[:1]), {SWEEP}, "1 row(s)"),
    ("sweep-resolution-twice", "sweep/sweep.csv", csv_edit(cell("resolution", "32", 1)), {SWEEP}, "appears twice"),
    ("sweep-d-hat-above-D", "sweep/sweep.csv", csv_edit(cell("d_hat", "10000000", 1)), {SWEEP}, "exceeds D"),
    ("sweep-drift-5", "sweep/sweep.csv", csv_edit(cell("k_drift", "5", 1)), {SWEEP}, "outside [-1, 1]"),
    ("sweep-resolution-0", "sweep/sweep.csv", csv_edit(cell("resolution", "0", 1)), {SWEEP}, "outside [1, 100000]"),
    ("sweep-is-a-fifo", "sweep/sweep.csv", fifo, {SWEEP}, "a FIFO"),
    ("sweep-is-a-folder", "sweep/sweep.csv", folder, {SWEEP}, "a folder"),
    ("sweep-not-utf8", "sweep/sweep.csv", data(b"resolution,D\n\xff\n"), {SWEEP}, "not UTF-8 text"),
    ("sweep-links-to-etc-passwd", "sweep/sweep.csv", link_to("/etc/passwd"), {SWEEP}, "symbolic link out"),
    # a run no claim reads: a warning, no claim changes
    ("tiny-run-k-9", "tiny/run.json", set_json(("settings", "target", "k"), 9), set(), "outside [0, 1]"),
    ("tiny-log-fifo", "tiny/log.csv", fifo, set(), "a FIFO"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_damaged_file_opens_only_the_claims_that_need_it(case, baseline, tmp_path, capsys):
    name, rel, damage, affected, reason = case
    root = tmp_path / "results"
    shutil.copytree(baseline, root, symlinks=True)
    damage(root / rel)
    rc, rows, err, report = verify(root, tmp_path / "out", capsys)
    assert rc == 0, err
    assert "Traceback" not in err and "Traceback" not in json.dumps(rows) and "Traceback" not in report
    warning = [line for line in err.splitlines() if "warning" in line and rel in line]
    assert warning and reason in warning[0] and len(warning) == 1, err
    for cid in GPU:
        row = rows[cid]
        if cid in affected:
            assert row["verdict"] == "open", (cid, row["detail"])
            assert "could not be read" in row["detail"] and rel in row["detail"] and reason in row["detail"], row["detail"]
            assert {"file": rel} in [{"file": s["file"]} for s in row["evidence"]["skipped"]]
        else:
            assert row["verdict"] == "verified" and row["evidence"]["skipped"] == [], (cid, row["detail"])
    assert "<script" not in report and "<script" not in (tmp_path / "out" / "report.md").read_text()


# ------------------------------------------------------------------------------------------ not damage: still read
@pytest.mark.parametrize("edit", ["crlf", "bom", "symlink-inside", "empty-log", "link-dir-out", "html-folder-name"])
def test_unusual_but_valid_folders(edit, baseline, tmp_path, capsys):
    """Line endings, a byte-order mark and a symbolic link inside the folder are read as usual; a header-only log
    gives no k (open, no file skipped); a symbolic link to a folder outside is not followed; a folder name with
    HTML in it reaches no report unescaped."""
    root = tmp_path / "results"
    shutil.copytree(baseline, root, symlinks=True)
    log = root / "pix" / "log.csv"
    expect_pixel = "verified"
    if edit == "crlf":
        log.write_bytes(log.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    elif edit == "bom":
        log.write_bytes(b"\xef\xbb\xbf" + log.read_bytes())
    elif edit == "symlink-inside":
        shutil.move(log, root / "pix" / "real-log.csv")
        log.symlink_to("real-log.csv")
    elif edit == "empty-log":
        log.write_text(",".join(LOG_COLUMNS) + "\n")
        expect_pixel = "open"
    elif edit == "link-dir-out":
        (root / "elsewhere").symlink_to("/etc")
    else:
        shutil.move(root / "pix", root / HTML_NAME)
        _rewrite_csv(root / HTML_NAME / "log.csv", cell("k", "5"))
        expect_pixel = "open"
    rc, rows, err, report = verify(root, tmp_path / "out", capsys)
    assert rc == 0 and "Traceback" not in err
    assert rows[PIXEL]["verdict"] == expect_pixel, rows[PIXEL]["detail"]
    assert all(rows[c]["verdict"] == "verified" for c in GPU if c != PIXEL), rows
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    for text in (report, json.dumps(rows), html):
        assert "<img" not in text and "<script" not in text
    if edit == "html-folder-name":
        assert "\\u003cimg src=x onerror=alert(1)\\u003e/log.csv" in rows[PIXEL]["detail"]


def test_every_file_is_read_once_for_all_claims(baseline, tmp_path, capsys, monkeypatch):
    """The five claims share one intake: each result file is opened once per run (item 7: not once per claim)."""
    from difftheory.gpu_validation import results

    opened = []
    real = results.open_result
    monkeypatch.setattr(results, "open_result", lambda path, *a: opened.append(Path(path).name) or real(path, *a))
    results._CACHE.clear()
    rc, rows, err, _ = verify(baseline, tmp_path / "out", capsys)
    assert rc == 0 and all(rows[c]["verdict"] == "verified" for c in GPU)
    n_runs = len(list(baseline.rglob("run.json")))
    assert opened.count("run.json") == n_runs and opened.count("sweep.csv") == 1, opened


def test_unreadable_folder_is_named(baseline, tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    root = tmp_path / "results"
    shutil.copytree(baseline, root, symlinks=True)
    (root / "locked").mkdir()
    (root / "locked").chmod(0)
    try:
        rc, rows, err, _ = verify(root, tmp_path / "out", capsys)
    finally:
        (root / "locked").chmod(0o755)
    assert rc == 0 and all(rows[c]["verdict"] == "open" and "locked" in rows[c]["detail"] for c in GPU)


# ------------------------------------------------------------------------------------------ a large log (item 7)
def _big_log(root: Path, megabytes: float) -> Path:
    write_run(root, "pix", "jit-b16", "learn", RISE, fid=4.70)
    log = root / "pix" / "log.csv"
    n = int(megabytes * 1e6 / 102)
    with open(log, "w") as f:
        f.write(",".join(LOG_COLUMNS) + "\n")
        for i in range(1, n + 1):
            p = i / n
            f.write(f"{i},{p:.9f},{600 * p:.9f},0.123456789,{min(0.5 + 15 * p, 0.995):.9f},nan,0.00123456,0.0002,"
                    f"1.2345678,12345.678,{i * 0.1:.3f}\n")
    return log


def _peak_of_intake(root: Path) -> tuple[int, object]:
    import tracemalloc

    from difftheory.gpu_validation import results

    results._CACHE.clear()
    tracemalloc.start()
    try:
        intake = results.load(root)
        return tracemalloc.get_traced_memory()[1], intake
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("megabytes", [5, pytest.param(50, marks=pytest.mark.slow)])
def test_a_large_log_is_read_in_memory_proportional_to_its_size(tmp_path, megabytes):
    """A 50 MB log.csv took 1.78 GB (rows as dicts, read once per claim); now its columns are parsed straight into
    float arrays once: at most 2 bytes of Python memory per byte of file (measured: 1.35 at 50 MB)."""
    log = _big_log(tmp_path, megabytes)
    peak, intake = _peak_of_intake(tmp_path)
    run, = intake.runs
    assert intake.skipped == [] and run.log["k"].size == int(megabytes * 1e6 / 102)
    assert peak < 2 * log.stat().st_size, (peak, log.stat().st_size)
