"""A hostile user's pass over verify, figures, the model cache and every command's flags (issue 19, items 2–4, 8–12).

    python benchmarks/hostile_verify.py [--quick] [--only CATEGORY,...]

Categories (each case is classified; the counts that must be 0 are ``wrong``, ``traceback``, ``hang``):

- ``flags``: every flag of every command given each of ~55 hostile strings (in-process). Exit 0 must come with
  finite output, a value that parses (Python's int/float, the flag's documented type) into the documented range,
  and the same output as the value written plainly; otherwise exit 2 with one line. ``wrong`` = exit 0 that fails
  one of these.
- ``signals``: SIGINT (process group), SIGTERM, SIGHUP to verify (1 and 2 workers) at random times, then --resume:
  one line, exit 128 + signal (or 0 if it had finished), workers gone, and the resumed claims.json equal to an
  uninterrupted run's (timing aside); also Ctrl-C to linear and figures.
- ``kill9``: kill -9 of verify's main process at random times: the caller is not left hanging, the workers exit,
  no row appears after, and --resume equals the uninterrupted run.
- ``concurrent``: two verify runs (seeds 7 and 8) into one --out, the second started 0–8 s after the first: each
  exits 0 or 2 (one line); the final claims.json is the uninterrupted run of the seed its report names.
- ``partial``: --resume over a damaged .partial (settings and rows: JSON of every other type, truncated at several
  offsets, wrong key types, binary, empty, a folder, foreign rows of another seed or run): exit 2 with one line
  naming the file and --resume, or exit 0 equal to the uninterrupted run.
- ``cache``: cache entries bit-flipped (header and data), truncated, swapped, replaced by another name's entry or
  by garbage; every load must return the tensors its build returns; plus one real claim (erd.appF.*) whose cache
  is damaged between runs: claims.json equal to the clean run.
- ``disk``: a 2 MiB tmpfs (root only) filled to leave 0–400 KB: verify (a figure and a report) and figures end
  with exit 0 and a whole report, or exit 1 with one line and the previous report untouched; --resume after
  freeing equals the uninterrupted run.
- ``pipe``: every command's output into a pipe closed at once or after 1, 100, 2000 bytes: exit 0 or 141 with one
  line, never a traceback.

Prints one line per category and the totals; exit 1 if any wrong/traceback/hang.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

ENV = {**os.environ, "DIFFTHEORY_CACHE": "off", "MPLBACKEND": "Agg"}
CHEAP = "erd.lemma_d1.coupling_bound"
SEEDED = "erd.lemma_d1.*"  # a Monte Carlo W2 with the run's seed: seconds
TWO_GROUPS = "mse.s3.*"  # claims_mse and claims_mse_sde
WITH_FIGURE = "kdiff.thm3_2.kstar"
RESULTS: dict[str, Counter] = {}
FAILURES: list[str] = []
TIMEOUT = 300


def record(category: str, outcome: str, detail: str = "") -> None:
    RESULTS.setdefault(category, Counter())[outcome] += 1
    if outcome in ("wrong", "traceback", "hang"):
        FAILURES.append(f"{category}: {outcome}: {detail[:600]}")


def cmd(*args):
    return [sys.executable, "-m", "difftheory", *args]


def verify(out, only, *extra):
    return cmd("verify", "--only", only, "--out", str(out), "--no-progress", *extra)


def strip(rows):
    return [{k: v for k, v in r.items() if k != "seconds"} for r in rows]


def claims(out):
    try:
        return strip(json.loads((Path(out) / "claims.json").read_text()))
    except (OSError, ValueError):
        return None


def one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def children(pid: int) -> list[int]:
    kids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(d.name))
    return kids


def rows_in(out) -> list[str]:
    part = Path(out) / ".partial"
    return sorted(p.name for p in part.glob("*.json") if p.name != "settings.json") if part.is_dir() else []


_REFS: dict[tuple, list] = {}


def reference(only: str, seed: int, scale="quick"):
    """claims.json (timing aside) of an uninterrupted run."""
    key = (only, seed, scale)
    if key not in _REFS:
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run(verify(tmp, only, "--seed", str(seed), "--scale", scale, "--workers", "1"), env=ENV,
                               capture_output=True, text=True, timeout=TIMEOUT)
            assert r.returncode == 0, r.stderr
            _REFS[key] = claims(tmp)
    return _REFS[key]


# --- flags -----------------------------------------------------------------------------------------------------

EDGES = ["", " ", "-", "--", "-1", "-0", "0", "1", "2", "3", "-1e-300", "1e-300", "5e-324", "-inf", "inf", "nan",
         "-nan", "NaN", "1e999", "-1e999", "0.5", "0.999999999", "1.0000000001", "2147483647", "2147483648",
         "4294967295", "4294967296", "18446744073709551616", "1_000", "0x10", "1e3", "1.0", "-.5", "+5", " 7 ", "٣",
         "½", "1,5", "a" * 5000, "9" * 5000, "0." + "1" * 5000, "x\x00y", "--json", "-h5", "é", "none", "None",
         "learn", "true", "[]", "'", "\\", "\n", "/", "~", "quick", "full"]

# command -> (base flags, {flag: documented type and range}, suffix)
INT, DECINT, FLOAT, TEXT = "int", "decimal-int", "float", "text"  # DECINT: kstar's exact scientific notation
FLAGS = {
    "kstar": ({"--D": "100", "--d": "10", "--loss": "v", "--sampler": "uniform", "--clamp": "0.05"},
              {"--D": (DECINT, 1, 10**15), "--d": (DECINT, 1, 10**15), "--loss": (TEXT,), "--sampler": (TEXT,),
               "--clamp": (TEXT,)}, ["--json"]),
    "diffusion-size": ({"--schedule": "logis", "--parameterization": "vel", "--steps": "20", "--t0": "0.01",
                        "--tmax": "0.99"},
                       {"--schedule": (TEXT,), "--parameterization": (TEXT,), "--steps": (INT, 1, 10**6),
                        "--t0": (FLOAT, 0, 1, "open"), "--tmax": (FLOAT, 0, 1, "open")}, ["--json"]),
    "bayes-floor": ({"--target": "eps", "--schedule": "vp", "--t": "0.5", "--nodes": "100"},
                    {"--target": (TEXT,), "--schedule": (TEXT,), "--t": (FLOAT, 0, 1), "--nodes": (INT, 96, 400)},
                    ["--json"]),
    "linear": ({"--D": "12", "--d": "3", "--steps": "3", "--loss": "v", "--clamp": "0.05", "--k": "learn",
                "--mode": "exact", "--lr": "0.1", "--batch": "16", "--seed": "3", "--sampler": "uniform"},
               {"--D": (INT, 1, 10**9), "--d": (INT, 1, 10**9), "--steps": (INT, 1, 10**7), "--loss": (TEXT,),
                "--clamp": (TEXT,), "--k": (TEXT,), "--mode": (TEXT,), "--lr": (FLOAT, 0, math.inf, "open"),
                "--batch": (INT, 1, 65536), "--seed": (INT, 0, 2**32 - 1), "--sampler": (TEXT,)}, ["--json"]),
    "verify": ({"--only": CHEAP, "--seed": "5", "--workers": "1", "--scale": "quick"},
               {"--only": (TEXT,), "--seed": (INT, 0, 2**31 - 1), "--workers": (INT, 1, 64), "--scale": (TEXT,)},
               ["--no-progress"]),
    "figures": ({"--seed": "3", "--scale": "quick", "--only": "kdiff_delta_curves"},
                {"--seed": (INT, 0, 2**31 - 1), "--scale": (TEXT,), "--only": (TEXT,)}, ["--list"]),
}


def parse(kind, value):
    """The documented reading of a flag's text (None: not of its type)."""
    try:
        if kind[0] == INT:
            return int(value)
        if kind[0] == DECINT:
            v = Decimal(value.strip())
            return int(v) if v.is_finite() and v == v.to_integral_value() and v.adjusted() < 20 else None
        if kind[0] == FLOAT:
            return float(value)
    except (ValueError, InvalidOperation, OverflowError, TypeError):
        return None
    return value


def in_range(kind, v) -> bool:
    if kind[0] == TEXT:
        return True
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return False
    lo, hi = kind[1], kind[2]
    return (lo < v < hi) if len(kind) > 3 else (lo <= v <= hi)


def run_inproc(argv):
    from difftheory.cli import main

    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(argv)
            except SystemExit as exc:
                rc = exc.code
            except BaseException as exc:  # noqa: BLE001 - a traceback, recorded
                import traceback

                err.write("Traceback\n" + traceback.format_exc())
                rc = -1
    return rc, out.getvalue(), err.getvalue()


def comparable(command, out_text, out_dir):
    if command == "verify":
        return claims(out_dir), re.findall(r"- seed: \d+", (Path(out_dir) / "report.md").read_text())
    if command == "figures":
        return out_text
    d = json.loads(out_text, parse_constant=lambda t: (_ for _ in ()).throw(ValueError(t)))
    return json.dumps({k: v for k, v in d.items() if "second" not in k}, sort_keys=True)


def case_flags(command, flag, value, form):
    base, kinds, suffix = FLAGS[command]
    args = dict(base)

    def argv_for(v, tmp):
        a = [command]
        for f, x in {**args, flag: v}.items():
            a += [f"{f}={x}"] if (form and f == flag) else [f, x]
        a += suffix
        if command in ("verify", "figures"):
            a += ["--out", str(Path(tmp) / "out")]
        return a

    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as tmp2:
        rc, out, err = run_inproc(argv_for(value, tmp))
        label = f"{command} {flag}={value[:40]!r} rc={rc} err={err[-300:]!r}"
        if command == "linear" and rc == 1 and one_line(err) and "diverged" in err:
            record("flags", "diverged", label)  # documented: training that diverges stops with one line, exit 1
            return
        if "Traceback" in err or rc not in (0, 2):
            record("flags", "traceback", label)
            return
        if rc == 2:
            record("flags", "refused" if one_line(err) and not out else "traceback", label)
            return
        try:
            got = comparable(command, out, Path(tmp) / "out")
        except (ValueError, OSError) as exc:
            record("flags", "wrong", f"{label}: output not finite JSON ({exc})")
            return
        kind = kinds[flag]
        v = parse(kind, value)
        if kind[0] != TEXT and not in_range(kind, v):
            record("flags", "wrong", f"{label}: accepted outside the documented range")
            return
        plain = value if kind[0] == TEXT else (str(v) if kind[0] in (INT, DECINT) else repr(v))
        if kind[0] == TEXT:
            plain = value.strip()
        rc2, out2, err2 = run_inproc(argv_for(plain, tmp2))
        if rc2 != 0:
            record("flags", "wrong" if kind[0] != TEXT else "accepted", f"{label}: the plain {plain[:40]!r} gives rc {rc2}")
            return
        same = comparable(command, out2, Path(tmp2) / "out") == got
        record("flags", "accepted" if same else "wrong", f"{label}: differs from the plain value {plain[:40]!r}")


def run_flags(quick):
    edges = EDGES[::3] if quick else EDGES
    for command, (base, kinds, _) in FLAGS.items():
        for i, flag in enumerate(kinds):
            for j, value in enumerate(edges):
                case_flags(command, flag, value, form=(i + j) % 2 == 1)


# --- signals, kill -9, concurrency ------------------------------------------------------------------------------

def run_signals(quick, rng):
    cases = [(s, w) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP) for w in (1, 2)] * (1 if quick else 2)
    ref = reference(TWO_GROUPS, 7)
    for sig, workers in cases:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            p = subprocess.Popen(verify(out, TWO_GROUPS, "--seed", "7", "--workers", str(workers)), env=ENV,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
            time.sleep(rng.uniform(0.3, 12.0))
            kids = children(p.pid)
            with contextlib.suppress(ProcessLookupError):
                (os.killpg if sig == signal.SIGINT else os.kill)(p.pid, sig)
            label = f"verify {signal.Signals(sig).name} workers={workers}"
            try:
                stdout, stderr = p.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                record("signals", "hang", label)
                continue
            time.sleep(1)
            if any(alive(k) for k in kids):
                record("signals", "hang", f"{label}: workers alive after the main process ended")
                continue
            if p.returncode == 0:
                record("signals", "finished" if claims(out) == ref else "wrong", label)
                continue
            if p.returncode != 128 + sig or not one_line(stderr) or stdout:
                record("signals", "traceback", f"{label}: rc {p.returncode} {stderr[-400:]!r}")
                continue
            if (out / "claims.json").exists():
                record("signals", "wrong", f"{label}: a report was written by an interrupted run")
                continue
            if "--resume" in stderr:
                r = subprocess.run(verify(out, TWO_GROUPS, "--seed", "7", "--workers", str(workers), "--resume"),
                                   env=ENV, capture_output=True, text=True, timeout=TIMEOUT)
            else:  # stopped before the run started: nothing to resume
                r = subprocess.run(verify(out, TWO_GROUPS, "--seed", "7", "--workers", str(workers)),
                                   env=ENV, capture_output=True, text=True, timeout=TIMEOUT)
            record("signals", "resumed" if r.returncode == 0 and claims(out) == ref else "wrong",
                   f"{label}: resume rc {r.returncode} {r.stderr[-300:]!r}")
    for argv, delay in ((["linear", "--D", "400", "--d", "3", "--steps", "10000000", "--json"], 4.0),
                        (["figures", "--only", "kdiff_*", "--out"], 6.0), (["kstar", "--D", "100", "--d", "3"], 0.4)):
        with tempfile.TemporaryDirectory() as tmp:
            a = argv + [str(Path(tmp) / "f")] if argv[-1] == "--out" else argv
            p = subprocess.Popen(cmd(*a), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 start_new_session=True)
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGINT)
            try:
                stdout, stderr = p.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                record("signals", "hang", argv[0])
                continue
            ok = p.returncode == 0 or (p.returncode == 130 and one_line(stderr))
            record("signals", "stopped" if ok else "traceback", f"{argv[0]} rc {p.returncode} {stderr[-300:]!r}")
            if argv[0] == "figures" and p.returncode == 130:
                left = [x.name for x in (Path(tmp) / "f").iterdir() if x.name != ".lock"]
                if left:
                    record("signals", "wrong", f"figures interrupted left {left}")


def run_kill9(quick, rng):
    ref = reference(TWO_GROUPS, 7)
    for i in range(4 if quick else 10):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            p = subprocess.Popen(verify(out, TWO_GROUPS, "--seed", "7", "--workers", "2"), env=ENV,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            time.sleep(rng.uniform(0.5, 15.0))
            kids = children(p.pid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(p.pid, signal.SIGKILL)
            try:
                p.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                record("kill9", "hang", "the caller's pipes stayed open")
                continue
            deadline = time.time() + 10
            while time.time() < deadline and any(alive(k) for k in kids):
                time.sleep(0.1)
            if any(alive(k) for k in kids):
                record("kill9", "hang", "workers alive 10 s after the main process died")
                continue
            seen = rows_in(out)
            time.sleep(2)
            if rows_in(out) != seen:
                record("kill9", "wrong", "rows written after the main process died")
                continue
            resume = (out / ".partial" / "settings.json").exists() and not (out / "claims.json").exists()
            r = subprocess.run(verify(out, TWO_GROUPS, "--seed", "7", "--workers", "2", *(["--resume"] if resume else [])),
                               env=ENV, capture_output=True, text=True, timeout=TIMEOUT)
            record("kill9", "resumed" if r.returncode == 0 and claims(out) == ref else "wrong",
                   f"resume rc {r.returncode} {r.stderr[-300:]!r}")


def run_concurrent(quick, rng):
    refs = {s: reference(SEEDED, s) for s in (7, 8)}
    assert refs[7] != refs[8], "the seeded claims do not depend on the seed"
    for i in range(4 if quick else 10):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            a = subprocess.Popen(verify(out, SEEDED, "--seed", "7", "--workers", "1"), env=ENV, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
            time.sleep(rng.uniform(0.0, 8.0))
            b = subprocess.Popen(verify(out, SEEDED, "--seed", "8", "--workers", "1"), env=ENV, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
            try:
                (ao, ae), (bo, be) = a.communicate(timeout=TIMEOUT), b.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                a.kill(), b.kill()
                record("concurrent", "hang", "")
                continue
            codes = (a.returncode, b.returncode)
            if any(c not in (0, 2) for c in codes) or any(c == 2 and not one_line(e) for c, e in zip(codes, (ae, be))):
                record("concurrent", "traceback", f"{codes} {ae[-300:]!r} {be[-300:]!r}")
                continue
            seeds = re.findall(r"- seed: (\d+)", (out / "report.md").read_text()) if (out / "report.md").exists() else []
            if len(seeds) != 1 or claims(out) != refs[int(seeds[0])]:
                record("concurrent", "wrong", f"codes {codes}, report seeds {seeds}")
                continue
            record("concurrent", "refused" if 2 in codes else "sequential", "")


# --- damaged .partial ---------------------------------------------------------------------------------------------

def run_partial(quick, rng):
    from difftheory import io as dio
    from difftheory import ledger, runner

    (c,) = ledger.select(CHEAP)
    ref = reference(CHEAP, 0)
    others = [None, 0, 1.5, "s", True, [], [1], {}, {"a": 1}]
    setting_keys = ["scale", "seed", "gpu_results", "claims", "run"]
    row_keys = list(ledger.ROW_KEYS) + ["_run", "_rendered"]
    damages = []
    for o in others:
        damages.append(("settings", lambda s, r, o=o: json.dumps(o)))
        damages.append(("row", lambda s, r, o=o: json.dumps(o)))
    for k in setting_keys:
        for o in others:
            damages.append(("settings", lambda s, r, k=k, o=o: json.dumps({**s, k: o})))
        damages.append(("settings", lambda s, r, k=k: json.dumps({x: v for x, v in s.items() if x != k})))
    for k in row_keys:
        for o in others[:: (1 if not quick else 3)]:
            damages.append(("row", lambda s, r, k=k, o=o: json.dumps({**r, k: o})))
        damages.append(("row", lambda s, r, k=k: json.dumps({x: v for x, v in r.items() if x != k})))
    for cut in (0, 1, 5, 20, 60):
        damages.append(("settings", lambda s, r, cut=cut: json.dumps(s)[:cut]))
        damages.append(("row", lambda s, r, cut=cut: json.dumps(r)[:cut]))
    for junk in (b"\xff\xfe\x00", b"\x00" * 10, "é".encode("latin-1")):
        damages.append(("settings", lambda s, r, junk=junk: junk))
        damages.append(("row", lambda s, r, junk=junk: junk))
    damages += [("row", lambda s, r: json.dumps({**r, "_run": {**r["_run"], "seed": 1}})),  # another seed: rerun
                ("row", lambda s, r: json.dumps({**r, "_run": {**r["_run"], "run": "0" * 32}})),  # another run
                ("row", lambda s, r: json.dumps({**r, "evidence": {"forged": 1}})),  # a well-formed row: adopted
                ("row", "folder"), ("settings", "folder")]
    for where, damage in damages:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            runner.prepare([c], ledger.Context(out=out), resume=False)
            part = out / ".partial"
            settings_ = json.loads((part / "settings.json").read_text())
            stamp = {k: settings_[k] for k in runner.STAMP_KEYS}
            row = {**ledger.row(c, "quick", "verified", ref[0]["detail"], ref[0]["evidence"], [], 0.1),
                   "_rendered": {}, "_run": stamp}
            target = part / ("settings.json" if where == "settings" else f"{CHEAP}.json")
            if where == "row":
                dio.write_json(target, row)
            if damage == "folder":
                target.unlink(missing_ok=True)
                target.mkdir()
            else:
                text = damage(settings_, row)
                target.write_bytes(text if isinstance(text, bytes) else text.encode())
            rc, stdout, err = run_inproc(["verify", "--only", CHEAP, "--out", str(out), "--resume", "--workers", "1",
                                          "--no-progress"])
            label = f"{where} damage -> rc {rc} {err[-300:]!r}"
            if "Traceback" in err or rc not in (0, 2):
                record("partial", "traceback", label)
            elif rc == 2:
                ok = one_line(err) and "--resume" in err and (str(target) in err or "unfinished run in" in err)
                record("partial", "refused" if ok else "traceback", label)
            else:
                got = claims(out)
                forged = got and got[0]["evidence"] == {"forged": 1}
                record("partial", "adopted-own-row" if forged else ("resumed" if got == ref else "wrong"), label)


# --- the model cache -------------------------------------------------------------------------------------------------

def run_cache(quick, rng):
    import torch

    from difftheory import cache

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DIFFTHEORY_CACHE"] = tmp

        def build(k):
            g = torch.Generator().manual_seed(k)
            return lambda: {"k": torch.tensor([0.9 + k / 1000], dtype=torch.float64),
                            "w": torch.randn(32, 8, generator=g), "b": torch.randn(8, generator=g).to(torch.bfloat16)}

        keys = list(range(6))
        expect = {k: build(k)() for k in keys}
        n = 100 if quick else 400
        for i in range(n):
            for k in keys:
                cache.cached("h", {"k": k}, build(k))
            paths = {k: Path(tmp) / f"h-{cache.entry_key('h', {'k': k}, [])}.safetensors" for k in keys}
            what = rng.choice(["flip", "flip-header", "truncate", "swap", "garbage", "other-name", "empty"])
            a, b = rng.sample(keys, 2)
            data = bytearray(paths[a].read_bytes())
            if what == "flip":
                data[rng.randrange(len(data) - 1100, len(data))] ^= 1 << rng.randrange(8)
            elif what == "flip-header":
                data[rng.randrange(8, 200)] ^= 1 << rng.randrange(8)
            elif what == "truncate":
                data = data[: rng.randrange(len(data))]
            elif what == "swap":
                data = bytearray(paths[b].read_bytes())
                paths[b].write_bytes(paths[a].read_bytes())
            elif what == "garbage":
                data = bytearray(os.urandom(rng.randrange(1, 3000)))
            elif what == "other-name":
                cache.cached("g", {"k": a}, build(b))
                data = bytearray((Path(tmp) / f"g-{cache.entry_key('g', {'k': a}, [])}.safetensors").read_bytes())
            else:
                data = bytearray()
            paths[a].write_bytes(bytes(data))
            try:
                ok = all(all(torch.equal(cache.cached("h", {"k": k}, build(k))[n_], expect[k][n_]) for n_ in expect[k])
                         for k in keys)
            except Exception as exc:  # noqa: BLE001
                record("cache", "traceback", f"{what}: {exc!r}")
                continue
            record("cache", "caught" if ok else "wrong", what)
        os.environ.pop("DIFFTHEORY_CACHE")
    # a real claim over a damaged cache: two seeds give two entries; flip a bit in one, then swap the two
    only = "erd.appF.convergence"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**ENV, "DIFFTHEORY_CACHE": str(Path(tmp) / "cache")}

        def run(seed, n):
            o = Path(tmp) / f"o{n}"
            r = subprocess.run(verify(o, only, "--workers", "1", "--seed", str(seed)), env=env, capture_output=True,
                               text=True, timeout=900)
            return r.returncode, claims(o)

        clean = {s: run(s, f"clean{s}") for s in (0, 1)}
        entries = sorted((Path(tmp) / "cache").glob("*.safetensors"))
        assert len(entries) == 2, entries
        for damage in ("flip", "swap"):
            if damage == "flip":
                d = bytearray(entries[0].read_bytes())
                d[-5] ^= 0x10
                entries[0].write_bytes(bytes(d))
            else:
                x, y = entries[0].read_bytes(), entries[1].read_bytes()
                entries[0].write_bytes(y)
                entries[1].write_bytes(x)
            for s in (0, 1):
                got = run(s, f"{damage}{s}")
                record("cache", "caught" if got == clean[s] else "wrong", f"{only} seed {s} after {damage}: rc {got[0]}")


# --- a full disk ---------------------------------------------------------------------------------------------------

def run_disk(quick, rng):
    mount = Path(tempfile.mkdtemp(prefix="hostile-disk-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True).returncode:
        print("disk: cannot mount a tmpfs here (not root): skipped")
        return
    ref1 = reference(WITH_FIGURE, 1)
    try:
        for free_kb in ([0, 60, 150, 300] if quick else [0, 2, 10, 30, 60, 100, 150, 200, 260, 330, 400]):
            for p in mount.iterdir():
                shutil.rmtree(p) if p.is_dir() else p.unlink()
            out = mount / "out"
            r = subprocess.run(verify(out, WITH_FIGURE, "--workers", "1"), env=ENV, capture_output=True, text=True,
                               timeout=TIMEOUT)
            assert r.returncode == 0, r.stderr
            before = {str(p): p.read_bytes() for p in out.rglob("*") if p.is_file() and ".partial" not in p.parts
                      and p.name != ".lock"}
            fill = max(0, shutil.disk_usage(mount).free - free_kb * 1024)
            with contextlib.suppress(OSError):
                (mount / "fill").write_bytes(b"\0" * fill)
            for argv in (verify(out, WITH_FIGURE, "--workers", "1", "--seed", "1"),
                         cmd("figures", "--only", "kdiff_delta_curves", "--out", str(mount / "figs"))):
                r = subprocess.run(argv, env=ENV, capture_output=True, text=True, timeout=TIMEOUT)
                label = f"{argv[3]} free {free_kb} KB: rc {r.returncode} {r.stderr[-300:]!r}"
                if "Traceback" in r.stderr or r.returncode not in (0, 1):
                    record("disk", "traceback", label)
                elif r.returncode == 1:
                    now = {str(p): p.read_bytes() for p in out.rglob("*") if p.is_file() and ".partial" not in p.parts
                           and p.name != ".lock"}
                    figs = [p.name for p in (mount / "figs").iterdir() if p.name != ".lock"] if (mount / "figs").exists() else []
                    ok = one_line(r.stderr) and now == before and not figs
                    record("disk", "stopped" if ok else "wrong", label)
                else:
                    ok = argv[3] != "verify" or claims(out) == ref1
                    record("disk", "written" if ok else "wrong", label)
            (mount / "fill").unlink(missing_ok=True)
            resume = (out / ".partial" / "settings.json").exists()
            r = subprocess.run(verify(out, WITH_FIGURE, "--workers", "1", "--seed", "1", *(["--resume"] if resume else [])),
                               env=ENV, capture_output=True, text=True, timeout=TIMEOUT)
            record("disk", "resumed" if r.returncode == 0 and claims(out) == ref1 else "wrong",
                   f"resume after free {free_kb} KB: rc {r.returncode} {r.stderr[-300:]!r}")
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
        shutil.rmtree(mount, ignore_errors=True)


# --- closed pipes ----------------------------------------------------------------------------------------------------

def run_pipe(quick, rng):
    commands = [["kstar", "--D", "100", "--d", "10"], ["diffusion-size", "--schedule", "logis", "--parameterization",
                "vel", "--steps", "3000"], ["bayes-floor", "--target", "eps", "--schedule", "vp", "--t", "0.5"],
                ["linear", "--D", "10", "--d", "3", "--steps", "5"], ["figures", "--list"]]
    for argv in commands:
        for fmt in ([["--json"], []] if argv[0] != "figures" else [[]]):
            for keep in ([0, 100] if quick else [0, 1, 100, 2000]):
                a = argv + fmt
                if keep == 0:
                    r, w = os.pipe()
                    os.close(r)
                    try:
                        p = subprocess.run(cmd(*a), env=ENV, stdout=w, stderr=subprocess.PIPE, text=True, timeout=120)
                    except subprocess.TimeoutExpired:
                        record("pipe", "hang", " ".join(a))
                        continue
                    finally:
                        os.close(w)
                    rc, err = p.returncode, p.stderr
                else:
                    line = " ".join(cmd(*a)) + f" | head -c {keep} > /dev/null"
                    try:
                        p = subprocess.run(["bash", "-c", f"set -o pipefail; {line}"], env=ENV, capture_output=True,
                                           text=True, timeout=120)
                    except subprocess.TimeoutExpired:
                        record("pipe", "hang", line)
                        continue
                    rc, err = p.returncode, p.stderr
                ok = (rc == 0 and not err) or (rc == 141 and one_line(err))
                record("pipe", "ok" if ok else "traceback", f"{' '.join(a)} keep {keep}: rc {rc} {err[-300:]!r}")
    with tempfile.TemporaryDirectory() as tmp:
        r, w = os.pipe()
        os.close(r)
        p = subprocess.run(verify(tmp, CHEAP, "--workers", "1"), env=ENV, stdout=w, stderr=subprocess.PIPE, text=True,
                           timeout=TIMEOUT)
        os.close(w)
        ok = p.returncode == 141 and one_line(p.stderr) and claims(tmp) == reference(CHEAP, 0)
        record("pipe", "ok" if ok else "traceback", f"verify: rc {p.returncode} {p.stderr[-300:]!r}")


CATEGORIES = {"flags": run_flags, "partial": run_partial, "cache": run_cache, "pipe": run_pipe,
              "signals": run_signals, "kill9": run_kill9, "concurrent": run_concurrent, "disk": run_disk}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer cases per category")
    ap.add_argument("--only", default=",".join(CATEGORIES), help="comma-separated categories")
    ap.add_argument("--seed", type=int, default=19)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.environ.update({"DIFFTHEORY_CACHE": "off", "MPLBACKEND": "Agg"})
    t0 = time.time()
    for name in a.only.split(","):
        t = time.time()
        if name == "flags":
            CATEGORIES[name](a.quick)
        else:
            CATEGORIES[name](a.quick, rng)
        os.environ["DIFFTHEORY_CACHE"] = "off"
        print(f"{name:11s} {sum(RESULTS.get(name, Counter()).values()):5d} cases  {dict(RESULTS.get(name, {}))}  "
              f"({time.time() - t:.0f} s)", flush=True)
    total = Counter()
    for c in RESULTS.values():
        total.update(c)
    bad = {k: total[k] for k in ("wrong", "traceback", "hang")}
    print(f"total {sum(total.values())} cases in {time.time() - t0:.0f} s: wrong {bad['wrong']}, traceback "
          f"{bad['traceback']}, hang {bad['hang']}")
    for f in FAILURES:
        print("  " + f.replace("\n", "\\n"))
    return 1 if any(bad.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
