"""kdiff's image-scale predictions as ledger claims.

- method ``gpu``: decided from supplied run logs (``difftheory verify --gpu-results DIR``; ``results.py`` reads
  and validates the ``run.json`` / ``log.csv`` / ``eval.csv`` / ``sweep.csv`` files that ``gpu-validate`` writes,
  once for all of these claims); without logs their evidence is empty and the verdict is ``open`` (no computation).
  A result file a claim needs that cannot be read (not a regular file, too large, not UTF-8, an impossible value)
  is listed in its evidence (``skipped``) and the claim stays ``open``, naming the file and the reason.
- method ``simulation``: the tiny CPU resolution sweep (digits 8 → 16 → 32 px; 5 seeds at full scale).
- method ``numeric``: the backbone sizes of Tables 1–2 (counted on the meta device) and the fastest ascent of
  k that Table 4's optimiser allows.

Each claim is an evidence function (the registered one) and a ``decide_*`` function that maps its evidence
to a verdict by the rule in ``criteria``; every threshold below is a named constant with its reason."""

from __future__ import annotations

import math
from collections import defaultdict

from difftheory.decide import Reading, combine, mean_ci, non_inferiority, printed_vs_derived, settled, trend, welch_ci
from difftheory.gpu_validation import results
from difftheory.gpu_validation.resolution_sweep import sweep_plan
from difftheory.ledger import Decision, claim
from difftheory.paper_tables import IMAGENET_TRAIN_IMAGES
from difftheory.training import DRIFT_ROOM

PIXEL_CONFIGS = ("jit-b16", "jit-b32")
LATENT_CONFIGS = ("lightningdit-xl1",)
HOWTO = ("train with `difftheory gpu-validate --config {cfg}` (README: GPU validation) and pass the run folders' "
         "parent with `difftheory verify --gpu-results DIR`")

# ------------------------------------------------------------------------------------------ thresholds
K_V = 0.5  # v-prediction (kdiff §3.3: k = ½ gives u = (x − ε)/2, the velocity up to scale)
# "k ≈ 1" (x-prediction): the noise weight 1 − k at most 0.05, a tenth of v-prediction's 0.5.
K_ONE = 0.95
# Clearly not "about 1": a noise weight of at least 0.1, a fifth of v-prediction's. Between K_NOT_ONE and K_ONE a
# single reading does not decide "about 1" either way (open).
K_NOT_ONE = 0.90
# kdiff §5.2: "converges to a value near 1.0 … in fewer than 30 epochs"; Fig. 3: "within the first 5% of training"
# of 600 epochs — the same window, 30 epochs.
RISE_WINDOW_EPOCHS = 30.0
# "converges": k must still be >= K_ONE everywhere from the window to STAY_FACTOR x the window (a log that ends
# earlier cannot show that it stays: open).
STAY_FACTOR = 2.0
# "within noise" of an FID: the paper calls differences of up to 1.5 % matching (2.05 vs 2.08 in §5.1, 3.64 vs 3.66
# and 4.03 vs 4.02 in Tables 1–2, 4.70 vs 4.70 in §5.2); 2 % of the better FID is the margin.
FID_MARGIN_REL = 0.02
# With one seed per setting the seed-to-seed noise of an FID is not measured; it is assumed to be ±1 % of the
# better FID (half the margin: the spread of FID-50k over sample sets and training seeds of ImageNet diffusion
# models is of that order). With >= 2 seeds per setting the Welch interval over seeds replaces the assumption.
FID_SINGLE_SEED_NOISE_REL = 0.01
# The shortest budget at which the paper compares FIDs: 64 epochs in latent space (§5.1, Table 3), 200 epochs in
# pixel space (§5.2, Fig. 1b: x-prediction descends faster early and k-Diff catches up by then). A comparison at a
# shorter budget cannot test the claim: open.
FID_MIN_EPOCHS = {"latent": 64.0, "pixel": 200.0}
FIXED_TARGETS = {"fixed k=0": "ε", "fixed k=0.5": "v", "fixed k=1": "x"}  # the statement's ε-, v-, x-prediction
PAPER_BINS = 128  # kdiff App. E, Table 3: k(t) on 128 bins
MIN_SEEDS = 5  # a simulation verdict that compares means over seeds needs >= 5 seeds (issue 9 / the ledger's rule)
ROUNDING = 0.5  # printed sizes are rounded to the last printed digit: ours must lie within half a unit of it
# our two computations of the constant-gradient ascent (torch.optim.AdamW itself and the closed form Σ lr_t) must
# agree to 0.1 %: Adam's ε = 1e-8 changes each step by 1e-8 relative; a warm-up slip of one epoch moves it by > 3 %.
TWIN_REL_TOL = 1e-3


def _f(x, fmt: str = ".3f") -> str:
    """A number for a detail sentence; "n/a" for a missing (None) one."""
    return "n/a" if x is None else format(x, fmt)


# A detail names at most this many skipped files (the evidence lists them all).
NAMED_SKIPPED = 5
SKIPPED_RULE = "open when a result file it needs cannot be read (named with the reason)"


def _no_logs(ev, hint: str) -> Decision | None:
    if ev.get("gpu_results") is None:
        return Decision("open", "needs GPU training logs: " + HOWTO.format(cfg=hint))
    return None


def _with_skipped(ev, decision: Decision) -> Decision:
    """``decision`` when every result file the claim needs was read; else open, naming the unreadable files and
    their reasons, with what the readable files give after it."""
    skipped = ev.get("skipped") or []
    if not skipped:
        return decision
    named = "; ".join(f"{s['file']}: {s['reason']}" for s in skipped[:NAMED_SKIPPED])
    more = f" (and {len(skipped) - NAMED_SKIPPED} more, listed in the evidence)" if len(skipped) > NAMED_SKIPPED else ""
    return Decision("open", f"{len(skipped)} result file(s) under {ev['gpu_results']} that this claim needs could not "
                            f"be read, so no verdict: {named}{more}. Fix or remove them and rerun. The readable files "
                            f"alone give {decision.verdict}: {decision.detail}")


def _found(runs) -> list[str]:
    return sorted({r.label for r in runs})


def _gpu_base(ctx) -> tuple:
    """(the intake of --gpu-results, the evidence fields every gpu claim shares)."""
    return results.load(ctx.gpu_results), {"gpu_results": results.safe_text(ctx.gpu_results)}


# ------------------------------------------------------------------------------------------ learned k, pixel space
def _rise_verdict(m: dict) -> tuple[str, str]:
    """Verdict of one learn run for "k ≥ K_ONE by RISE_WINDOW_EPOCHS and staying there", and why."""
    w = RISE_WINDOW_EPOCHS
    if not m.get("logged"):
        return "open", "no k logged"
    kw, kmin = m.get("k_at_window"), m.get("k_min_window_to_2x")
    if kw is None:
        return "open", f"logged only to epoch {_f(m.get('epochs_logged'), '.1f')}; train past epoch {w * STAY_FACTOR:g}"
    if kw < K_NOT_ONE:
        return "refuted", f"k = {kw:.3f} at epoch {w:g} (< {K_NOT_ONE})"
    if kw < K_ONE:
        return "open", f"k = {kw:.3f} at epoch {w:g}, between {K_NOT_ONE} and {K_ONE}: 'about 1' undecided"
    if kmin is None:
        return "open", (f"k = {kw:.3f} at epoch {w:g}, but logged only to epoch {_f(m.get('epochs_logged'), '.1f')}: "
                        f"train past epoch {w * STAY_FACTOR:g} to see it stay")
    if kmin >= K_ONE:
        return "verified", f"k = {kw:.3f} at epoch {w:g} and >= {kmin:.3f} up to epoch {w * STAY_FACTOR:g}"
    if kmin < K_NOT_ONE:
        return "refuted", f"k = {kw:.3f} at epoch {w:g} but falls to {kmin:.3f} before epoch {w * STAY_FACTOR:g}"
    return "open", f"k = {kw:.3f} at epoch {w:g}, dips to {kmin:.3f} before epoch {w * STAY_FACTOR:g}"


def decide_pixel_k_to_one(ev) -> Decision:
    if (d := _no_logs(ev, "jit-b16 --k-mode learn")) is not None:
        return d
    return _with_skipped(ev, _decide_pixel_k_to_one(ev))


def _decide_pixel_k_to_one(ev) -> Decision:
    runs = ev["runs"]
    if not runs:
        return Decision("open", f"no learn-k run of {', '.join(PIXEL_CONFIGS)} under {ev['gpu_results']} "
                                f"(found: {', '.join(ev['found']) or 'none'}): " + HOWTO.format(cfg="jit-b16 --k-mode learn"))
    parts = [(m, *_rise_verdict(m)) for m in runs]
    verdict = combine(v for _, v, _ in parts)
    text = "; ".join(f"{m['label']}: {why} (k >= {K_ONE} first at epoch {_f(m.get('epoch_first_k_0.95'), '.1f')}, "
                     f"last k {_f(m.get('k_end'))}) -> {v}" for m, v, why in parts)
    return Decision(verdict, text)


@claim("kdiff.gpu.pixel_k_to_one", paper="kdiff", where="§5.2, Fig. 3", method="gpu",
       equations=("§5.2", "Fig. 3", "Table 4"),
       assumptions=("JiT-B/16 (or B/32) on ImageNet with Table 4's settings", "k = sigmoid(w_k) trained by the network's Adam"),
       statement="In pixel space (JiT-B/16, JiT-B/32) the learned k climbs from 0.5 to about 1 (x-prediction) "
                 "within the first ~5% of training (fewer than 30 of 600 epochs) and stays there.",
       criteria=f"Per learn-k run of a pixel config (k against epochs from log.csv): verified iff k >= {K_ONE} at epoch "
                f"{RISE_WINDOW_EPOCHS:g} and at every logged point up to epoch {RISE_WINDOW_EPOCHS * STAY_FACTOR:g}; "
                f"refuted iff k < {K_NOT_ONE} at epoch {RISE_WINDOW_EPOCHS:g}, or falls below {K_NOT_ONE} before epoch "
                f"{RISE_WINDOW_EPOCHS * STAY_FACTOR:g}; open otherwise (log too short, or k in [{K_NOT_ONE}, {K_ONE})). "
                f"Runs combine as refuted > open > verified; open without logs; {SKIPPED_RULE}.",
       decide=decide_pixel_k_to_one)
def pixel_k_to_one(ctx) -> dict:
    if ctx.gpu_results is None:
        return {"gpu_results": None}
    intake, base = _gpu_base(ctx)
    runs = [r for r in intake.runs if r.info["config"] in PIXEL_CONFIGS and r.k_mode == "learn"]
    return base | {"window_epochs": RISE_WINDOW_EPOCHS, "found": _found(intake.runs),
                   "runs": [results.k_rise_summary(r, RISE_WINDOW_EPOCHS) for r in runs],
                   "skipped": intake.problems(PIXEL_CONFIGS, "learn", ("run", "log"))}


# ------------------------------------------------------------------------------------------ learned k, latent space
def decide_latent_k_between(ev) -> Decision:
    if (d := _no_logs(ev, "lightningdit-xl1 --k-mode learn")) is not None:
        return d
    return _with_skipped(ev, _decide_latent_k_between(ev))


def _decide_latent_k_between(ev) -> Decision:
    runs = ev["runs"]
    usable = [m for m in runs if m.get("logged") and m.get("k_end") is not None and m.get("k_drift") is not None]
    if not usable:
        return Decision("open", f"no learn-k run of {', '.join(LATENT_CONFIGS)} with a k log of >= 2 points under "
                                f"{ev['gpu_results']} (found: {', '.join(ev['found']) or 'none'})")
    ks = [m["k_end"] for m in usable]
    if len(ks) >= 2:
        mean, lo, hi = mean_ci(ks)
        how = f"95% CI over {len(ks)} seeds [{lo:.3f}, {hi:.3f}]"
    else:
        mean = lo = hi = ks[0]
        how = "one seed"
    drift = max(abs(m["k_drift"]) for m in usable)
    runs_text = "; ".join(f"{m['label']}: last k {m['k_end']:.3f}, drift {m['k_drift']:+.4f} over the last 20% "
                          f"(logged to progress {_f(m.get('progress_end'))})" for m in usable)
    inside, below, above = K_V < lo and hi < K_ONE, hi <= K_V, lo >= K_ONE
    margin = min(lo - K_V, K_ONE - hi) if inside else (K_V - hi) if below else (lo - K_ONE) if above else 0.0
    head = f"final k {mean:.3f} ({how}); largest |drift| {drift:.4f}"
    if margin <= 0 or not settled(DRIFT_ROOM * drift, margin):
        return Decision("open", f"{head}: not decided — the interval touches {K_V} or {K_ONE}, or k still moves by more "
                                f"than 1/{DRIFT_ROOM:g} of its distance {max(margin, 0):.4f} to the nearer bound; train "
                                "longer or add seeds. "
                                + runs_text)
    if inside:
        return Decision("verified", f"{head}: settled inside ({K_V}, {K_ONE}), between v- and x-prediction. " + runs_text)
    where = f"at or below v-prediction ({K_V})" if below else f"at x-prediction (>= {K_ONE})"
    return Decision("refuted", f"{head}: settled {where}, not between. " + runs_text)


@claim("kdiff.gpu.latent_k_between", paper="kdiff", where="§5.1, Fig. 3", method="gpu",
       equations=("§5.1", "Fig. 3", "Table 3"),
       assumptions=("LightningDiT-XL/1 on VA-VAE latents with Table 4's settings",),
       statement="In latent space (LightningDiT-XL/1 on VA-VAE latents) the learned k climbs gradually and settles "
                 "between v and x prediction (0.5 < k < 1; the paper reports 0.66).",
       criteria=f"Final learned k of the learn-k latent runs: the 95% CI over seeds (one seed: the value), widened by "
                f"{DRIFT_ROOM:g}× the largest drift of k over the last 20% of a log (the runs' budget is fixed: a drift not "
                "well inside the distance to the bound leaves it open). verified iff it lies inside ({K_V}, {K_ONE}); "
                f"refuted iff it lies at or below {K_V} or at or above {K_ONE} (x-prediction); open otherwise "
                f"(not settled, or touching a bound) and without logs; {SKIPPED_RULE}.",
       decide=decide_latent_k_between)
def latent_k_between(ctx) -> dict:
    if ctx.gpu_results is None:
        return {"gpu_results": None}
    intake, base = _gpu_base(ctx)
    runs = [r for r in intake.runs if r.info["config"] in LATENT_CONFIGS and r.k_mode == "learn"]
    return base | {"found": _found(intake.runs), "runs": [results.k_settle_summary(r) for r in runs],
                   "skipped": intake.problems(LATENT_CONFIGS, "learn", ("run", "log"))}


# ------------------------------------------------------------------------------------------ FID at a matched budget
def _budget(r: dict):
    return (r["step"], r["n_samples"], r["n_data"])


def matched_budget(rows: list[dict], settings: tuple[str, ...]):
    """The largest training budget (step, samples, training images) at which every setting in ``settings`` has
    an FID; ({setting: [FID per run]}, budget rows) there, or (None, rows with a known budget)."""
    by = defaultdict(lambda: defaultdict(dict))
    for r in rows:
        if r["step"] is None or r["n_samples"] is None:
            continue
        by[_budget(r)][r["setting"]][r["run"]] = r  # one FID per run and budget (the last row written)
    common = [b for b, s in by.items() if all(x in s for x in settings)]
    if not common:
        return None, [r for r in rows if r["step"] is not None and r["n_samples"] is not None]
    b = max(common, key=lambda t: (t[0], t[1]))
    return {s: [r["fid"] for r in by[b][s].values()] for s in by[b]}, [r for rs in by[b].values() for r in rs.values()]


def _fid_compare(fids: dict, a: str, b: str) -> tuple[float, float, float, float, str]:
    """(difference of mean FIDs a − b, lo, hi, margin, rule) with the noise rule of the FID claims."""
    fa, fb = fids[a], fids[b]
    best = min(sum(fa) / len(fa), sum(fb) / len(fb))
    margin = FID_MARGIN_REL * best
    if len(fa) >= 2 and len(fb) >= 2:
        d, lo, hi = welch_ci(fa, fb)
        return d, lo, hi, margin, f"Welch 95% CI over {len(fa)} and {len(fb)} seeds"
    d = sum(fa) / len(fa) - sum(fb) / len(fb)
    noise = FID_SINGLE_SEED_NOISE_REL * best
    return d, d - noise, d + noise, margin, f"fewer than 2 seeds per setting: assumed noise ±{noise:.3f}"


def _have(rows) -> str:
    seen = sorted({(r["setting"], r["step"], r["n_samples"]) for r in rows})
    return ", ".join(f"{s} at step {st} ({n} samples)" for s, st, n in seen) or "none"


def _fid_config_verdict(cfg: str, rows: list[dict], a: str, others: tuple[str, ...], pick_best: bool) -> tuple[str, str]:
    """Verdict for one backbone: ``a`` (learn) no worse than the best of ``others`` at the matched budget."""
    fids, at = matched_budget(rows, (a, *others))
    if fids is None:
        missing = [s for s in (a, *others) if s not in {r["setting"] for r in at}]
        what = f"missing {', '.join(missing)}" if missing else "no budget (step and number of samples) shared by all"
        return "open", (f"{cfg}: no matched budget — {what}; have {_have(at)}. Evaluate {', '.join((a, *others))} at "
                        "the same step with the same number of samples")
    step, n_samples = at[0]["step"], at[0]["n_samples"]
    epochs = [r["epoch"] for r in at if r["epoch"] is not None]
    space = at[0].get("space") or ("latent" if cfg in LATENT_CONFIGS else "pixel")
    need = FID_MIN_EPOCHS.get(space, max(FID_MIN_EPOCHS.values()))
    means = {s: sum(fids[s]) / len(fids[s]) for s in (a, *others)}
    ref = min(others, key=means.get) if pick_best else others[0]
    d, lo, hi, margin, how = _fid_compare(fids, a, ref)
    shown = ", ".join(f"{s} {means[s]:.3f} (n={len(fids[s])})" for s in (a, *others))
    head = f"{cfg} at step {step}, {n_samples} samples"
    if not epochs or min(epochs) < need:
        return "open", (f"{head} ({_f(min(epochs) if epochs else None, '.1f')} epochs): shorter than the {need:g} "
                        f"epochs the paper compares {space} FIDs at; train all settings to >= {need:g} epochs. FIDs: {shown}")
    v = non_inferiority(lo, hi, margin)
    return v, (f"{head} ({min(epochs):.1f} epochs): {shown}; {a} − {ref} = {d:+.3f} [{lo:+.3f}, {hi:+.3f}] ({how}), "
               f"margin {margin:.3f} -> {v}")


def _decide_fid(ev, a: str, others: tuple[str, ...], pick_best: bool, hint: str) -> Decision:
    """A backbone takes part once it has an FID of ``a`` and of any run of the compared family (fixed / binned);
    it then needs every setting of ``others`` at one budget."""
    if (d := _no_logs(ev, hint)) is not None:
        return d
    return _with_skipped(ev, _decide_fid_rows(ev, a, others, pick_best, hint))


def _decide_fid_rows(ev, a: str, others: tuple[str, ...], pick_best: bool, hint: str) -> Decision:
    by_cfg = defaultdict(list)
    for r in ev["rows"]:
        by_cfg[r["config"]].append(r)
    family = {o.split()[0] for o in others}
    cfgs = [c for c, rs in sorted(by_cfg.items())
            if any(r["setting"] == a for r in rs) and any(r["setting"].split()[0] in family for r in rs)]
    if not cfgs:
        return Decision("open", f"no backbone of {', '.join(PIXEL_CONFIGS + LATENT_CONFIGS)} with FIDs (eval.csv) of "
                                f"both a {a} run and a {' / '.join(sorted(family))} run under {ev['gpu_results']} "
                                f"(found runs: {', '.join(ev['found']) or 'none'}): " + HOWTO.format(cfg=hint))
    parts = [_fid_config_verdict(c, by_cfg[c], a, others, pick_best) for c in cfgs]
    return Decision(combine(v for v, _ in parts), "; ".join(t for _, t in parts))


def decide_fid_matches_best_fixed(ev) -> Decision:
    return _decide_fid(ev, "learn", tuple(FIXED_TARGETS), True,
                       "<name> --k-mode learn / --k-mode fixed --k 0|0.5|1, with --fid-weights")


def _fid_evidence(ctx) -> dict:
    if ctx.gpu_results is None:
        return {"gpu_results": None}
    intake, base = _gpu_base(ctx)
    configs = PIXEL_CONFIGS + LATENT_CONFIGS
    runs = [r for r in intake.runs if r.info["config"] in configs]
    need_log = {r.name for r in runs if r.eval and not r.epochs_from_info}   # epochs of their FIDs from the log
    return base | {"found": _found(intake.runs), "rows": results.fid_rows(runs),
                   "skipped": intake.problems(configs, None, ("run", "eval"), logs_of=need_log)}


@claim("kdiff.gpu.fid_matches_best_fixed", paper="kdiff", where="Tables 1–2, Fig. 1, §5", method="gpu",
       equations=("Table 1", "Table 2", "Fig. 1", "§5.1", "§5.2"),
       assumptions=("same backbone, data and training budget for every target", "FID-50k with the same sampler"),
       statement="k-Diff (learned constant k) reaches an FID within noise of the best fixed target "
                 "(ε, v or x prediction: k ∈ {0, 0.5, 1}) for the same backbone and budget.",
       criteria="Per backbone with FIDs of learn and of fixed-target runs, at the largest budget (training step, "
                "number of samples, training images) where learn and all three fixed targets k = 0, 0.5, 1 have an FID (none: open, naming what to run): learn − best "
                f"fixed with a Welch 95% CI over seeds (one seed per setting: ±{FID_SINGLE_SEED_NOISE_REL:.0%} of the FID "
                f"assumed); verified iff the CI lies below a margin of {FID_MARGIN_REL:.0%} of the better FID, refuted iff "
                "it lies above it, open otherwise and when the budget is shorter than the paper's (64 latent / 200 pixel "
                f"epochs). Backbones combine as refuted > open > verified; {SKIPPED_RULE}.",
       decide=decide_fid_matches_best_fixed)
def fid_matches_best_fixed(ctx) -> dict:
    return _fid_evidence(ctx)


def decide_constant_vs_binned(ev) -> Decision:
    return _decide_fid(ev, "learn", (f"binned ({PAPER_BINS} bins)",), False,
                       f"<name> --k-mode learn / --k-mode binned --n-bins {PAPER_BINS}, with --fid-weights")


@claim("kdiff.gpu.constant_vs_binned", paper="kdiff", where="Table 3, App. E", method="gpu",
       equations=("Table 3", "App. E"),
       assumptions=("LightningDiT-XL/1, 64 epochs (Table 3)", "k(t) linear between 129 learnable end points"),
       statement="A constant learned k is no worse than the time-dependent k(t) on 128 bins (FID 2.05 vs 2.17 "
                 "in the paper).",
       criteria=f"Per backbone with FIDs of learn and of binned runs, at the largest budget where learn and binned "
                f"({PAPER_BINS} bins) runs both have an FID "
                "(none: open, naming what to run): learn − binned with a Welch 95% CI over seeds (one seed per setting: "
                f"±{FID_SINGLE_SEED_NOISE_REL:.0%} of the FID assumed); verified iff the CI lies below a margin of "
                f"{FID_MARGIN_REL:.0%} of the better FID, refuted iff above it, open otherwise and below the paper's budget "
                f"(64 latent / 200 pixel epochs); {SKIPPED_RULE}.",
       decide=decide_constant_vs_binned)
def constant_vs_binned(ctx) -> dict:
    return _fid_evidence(ctx)


# ------------------------------------------------------------------------------------------ resolution sweeps
def _rows_brief(rows) -> list[dict]:
    keys = ("resolution", "D", "d_hat", "k_learned", "k_drift", "k_ratio", "k_star_linear")
    return [{k: results.as_float(r.get(k)) for k in keys} for r in rows]


def _sweep_text(ev) -> str:
    k = ev.get("k_by_resolution") or {}
    return ", ".join(f"S={s}: k {v['mean']:.3f} (D/(D+d̂) {v['k_ratio']:.3f})" for s, v in k.items())


def _decide_sweep(ev, min_seeds: int) -> Decision:
    n, lo, hi, drift = ev["n_seeds"], ev["slope_lo"], ev["slope_hi"], ev["drift_max"]
    head = (f"rise of learned k per doubling of the side {_f(ev['slope_mean'], '.4f')} "
            f"[{_f(lo, '.4f')}, {_f(hi, '.4f')}] ({ev['ci_rule']}); largest |drift| of k over the last 20% "
            f"{_f(drift, '.4f')}; {_sweep_text(ev)}")
    if n < min_seeds:
        return Decision("open", f"{head}. {n} seed(s): a verdict needs >= {min_seeds} (run --scale full)")
    if drift is None:
        return Decision("open", f"{head}. Convergence unknown (no k drift logged): rerun with this version's "
                                "gpu-validate, which writes k_drift to sweep.csv")
    v = trend(lo, hi, +1, DRIFT_ROOM * drift)
    if v == "verified":
        return Decision(v, f"{head}: k rises with D at fixed content, beyond {DRIFT_ROOM:g}× the training drift")
    if v == "refuted":
        return Decision(v, f"{head}: k falls with D at fixed content, beyond {DRIFT_ROOM:g}× the training drift")
    return Decision(v, f"{head}: no rise established beyond the interval and {DRIFT_ROOM:g}× the drift (more seeds or "
                       "longer runs "
                       "would settle it)")


def _sweep_evidence(summaries: list[dict], regression_if_one: bool) -> dict:
    """Evidence of a set of sweeps (one per seed): per-seed slopes, the 95% CI of the mean slope over seeds
    (one sweep: its regression interval over resolutions, when ``regression_if_one``), the largest drift."""
    slopes = [s["slope_per_doubling"] for s in summaries]
    if len(summaries) >= 2:
        m, lo, hi = mean_ci(slopes)
        rule = f"95% CI over {len(slopes)} seeds"
    elif regression_if_one and summaries:
        m, lo, hi = summaries[0]["slope_per_doubling"], summaries[0]["slope_lo"], summaries[0]["slope_hi"]
        rule = "one seed: 95% regression CI over its resolutions"
    else:
        m, lo, hi = (slopes[0] if slopes else None), None, None
        rule = "one seed: no interval"
    drifts = [s["drift_max"] for s in summaries]
    by_res = defaultdict(list)
    for s in summaries:
        for r in s["rows"]:
            by_res[int(float(r["resolution"]))].append(r)
    k_by = {}
    for res, rs in sorted(by_res.items()):
        ks = [float(r["k_learned"]) for r in rs]
        mm, klo, khi = mean_ci(ks)
        k_by[str(res)] = {"mean": mm, "lo": klo, "hi": khi, "D": results.as_float(rs[0]["D"]),
                          "k_ratio": results.as_float(rs[0]["k_ratio"]),
                          "k_star_linear": results.as_float(rs[0].get("k_star_linear"))}
    return {"n_seeds": len(summaries), "slope_mean": m, "slope_lo": lo, "slope_hi": hi, "ci_rule": rule,
            "drift_max": None if not drifts or any(d is None for d in drifts) else max(drifts),
            "k_by_resolution": k_by,
            "per_seed": [{"seed": s.get("seed"), "slope": s["slope_per_doubling"], "drift_max": s["drift_max"],
                          "spearman": s["spearman"], "rows": _rows_brief(s["rows"])} for s in summaries]}


def decide_resolution_sweep_gpu(ev) -> Decision:
    if (d := _no_logs(ev, "sweep-gpu --data IMAGEFOLDER [--seed S]")) is not None:
        return d
    if not ev["n_seeds"]:
        return _with_skipped(ev, Decision("open", f"no sweep.csv under {ev['gpu_results']}: run `difftheory gpu-validate "
                                                  "--config sweep-gpu --data DIR` (one or more seeds)"))
    return _with_skipped(ev, _decide_sweep(ev, 1))


@claim("kdiff.gpu.resolution_sweep", paper="kdiff", where="Thm 3.2, §5 (pixel vs latent)", method="gpu",
       equations=("Thm 3.2", "Eq. (14)", "§5"),
       assumptions=("content fixed: the same images upsampled, so d stays fixed while D = C·S² grows",),
       statement="With the content fixed and the resolution (ambient dimension D) raised, the learned k rises "
                 "(Thm 3.2: k* = D/(D + d) grows with D at fixed d).",
       criteria="Slope of learned k (mean over the last 20% of each run) on log2(side) per sweep.csv (one per seed); "
                "its 95% CI over seeds (one seed: the regression CI over its >= 3 resolutions); verified iff the CI "
                f"lies above 0 and its lower end exceeds {DRIFT_ROOM:g}× the largest drift of k over the last 20% of any "
                f"run (the runs' budget is fixed); refuted iff it lies below 0 beyond {DRIFT_ROOM:g}× the drift; open "
                f"otherwise, when the drift is unknown, and without logs; {SKIPPED_RULE}.",
       decide=decide_resolution_sweep_gpu)
def resolution_sweep_gpu(ctx) -> dict:
    if ctx.gpu_results is None:
        return {"gpu_results": None}
    from difftheory.gpu_validation.resolution_sweep import summarize_sweep

    intake, base = _gpu_base(ctx)
    sums = [summarize_sweep(sw.rows) | {"file": sw.name} for sw in intake.sweeps]
    groups = defaultdict(list)  # sweeps over the same resolutions are replicates (seeds)
    for s in sums:
        groups[tuple(int(r["resolution"]) for r in s["rows"])].append(s)
    best = max(groups.values(), key=len) if groups else []
    return base | {"files": [s["file"] for s in best], "ignored": [s["file"] for s in sums if s not in best],
                   **_sweep_evidence(best, True), "skipped": intake.problems(kinds=(), sweeps=True)}


def decide_resolution_sweep_cpu(ev) -> Decision:
    return _decide_sweep(ev, MIN_SEEDS)


@claim("kdiff.gpu.resolution_sweep_cpu", paper="kdiff", where="Thm 3.2 (k* = D/(D + d)), Fig. 3", method="simulation",
       figures=("kdiff_gpu_resolution_sweep",), equations=("Thm 3.2", "Eq. (14)"),
       assumptions=("content fixed: digits upsampled bilinearly, d fixed while D grows",
                    "tiny JiT-style backbone, v-loss with clamp 0.05, logit-normal(−0.8, 0.8) t"),
       statement="On real images at fixed content (scikit-learn digits upsampled 8 → 16 → 32 px, tiny JiT-style "
                 "model on CPU) the learned k rises with the ambient dimension D.",
       criteria=f"Per seed, the least-squares slope of learned k (mean over the last 20% of each run) on log2(side); "
                f"with >= {MIN_SEEDS} seeds (else open), the 95% CI of the mean slope: verified iff it lies above 0 and "
                f"its lower end exceeds {DRIFT_ROOM:g}× the largest drift of k over the last 20% of any run (a fixed "
                f"budget of steps: a rise not well clear of the drift stays open); refuted iff it lies below 0 beyond "
                f"{DRIFT_ROOM:g}× that drift; open otherwise.",
       decide=decide_resolution_sweep_cpu)
def resolution_sweep_cpu(ctx) -> dict:
    from difftheory.gpu_validation.configs import get_config
    from difftheory.gpu_validation.resolution_sweep import cpu_sweep

    plan = sweep_plan(ctx.scale, ctx.seed)
    cfg = get_config("sweep-tiny")
    ev = _sweep_evidence([cpu_sweep(s, n) for s, n in plan], False)
    return ev | {"seeds": [s for s, _ in plan], "steps": plan[0][1], "batch_size": cfg.batch_size, "k_lr": cfg.k_lr}


# ------------------------------------------------------------------------------------------ backbone sizes
# kdiff Table 1 (ImageNet 256) and Table 2 (ImageNet 512): generator parameters (M) and forward "Gflops"
TABLE_SIZES = {"jit-b16": (131.0, 25.0), "jit-b32": (133.0, 26.0), "lightningdit-xl1": (675.0, 119.0)}


def backbone_size(name: str) -> tuple[float, float]:
    """(parameters in M, forward multiply-accumulates per image in G) of a named backbone, counted by
    torch.utils.flop_counter on the meta device (FLOPs = 2 × MACs; DiT-style "Gflops" count MACs)."""
    import torch
    from torch.utils.flop_counter import FlopCounterMode

    from difftheory.gpu_validation.configs import build_backbone, get_config

    cfg = get_config(name)
    with torch.device("meta"):
        net = build_backbone(cfg)
        counter = FlopCounterMode(display=False)
        with counter:
            net(torch.randn(1, cfg.channels, cfg.image_size, cfg.image_size), torch.rand(1),
                torch.zeros(1, dtype=torch.long))
    return sum(p.numel() for p in net.parameters()) / 1e6, counter.get_total_flops() / 2e9


def decide_backbone_sizes(ev) -> Decision:
    def near(ours, printed):
        return abs(ours - printed) <= ROUNDING

    nets = ev["backbones"]
    params_ok = {n: near(e["params_M"], e["paper_params_M"]) for n, e in nets.items()}
    readings = {Reading(note="Gflops = multiply-accumulates (DiT/fvcore convention)"):
                all(near(e["GMACs"], e["paper_Gflops"]) for e in nets.values()),
                Reading(note="Gflops = FLOPs (2 x multiply-accumulates)"):
                all(near(2 * e["GMACs"], e["paper_Gflops"]) for e in nets.values())}
    text = "; ".join(f"{n}: {e['params_M']:.2f} M params, {e['GMACs']:.2f} G multiply-accumulates "
                     f"(= {2 * e['GMACs']:.1f} GFLOPs) vs printed {e['paper_params_M']:g} M / {e['paper_Gflops']:g}"
                     for n, e in nets.items())
    bad = [n for n, ok in params_ok.items() if not ok]
    if bad:
        return Decision("refuted", f"parameter counts of {', '.join(bad)} do not round to the printed ones: {text}")
    v, reading = printed_vs_derived(readings)
    held = [r.note for r, ok in readings.items() if ok]
    if v == "verified":
        return Decision(v, f"the Table 4 architectures built here reproduce the printed sizes to the printed digit, "
                           f"reading {held[0]}: {text}", reading)
    return Decision(v, f"parameter counts match, but no reading of the printed Gflops matches ours to the printed "
                       f"digit ({' / '.join(r.note for r in readings)}): {text}", reading)


@claim("kdiff.gpu.backbone_sizes", paper="kdiff", where="Tables 1–2, Table 4", method="numeric",
       equations=("Table 1", "Table 2", "Table 4"),
       assumptions=("generator only (the 49 M VA-VAE decoder is not built here)", "one forward pass per image"),
       statement="The backbones of Table 4 have the sizes of Tables 1–2: JiT-B/16 131 M parameters and 25 Gflops, "
                 "JiT-B/32 133 M and 26 Gflops, LightningDiT-XL/1 675 M (+49 M tokenizer) and 119 Gflops.",
       criteria=f"Build each backbone on the meta device and count parameters and forward multiply-accumulates "
                f"(torch.utils.flop_counter). verified iff every count lies within {ROUNDING} of the printed number "
                "(which is rounded to its last digit), reading 'Gflops' either as multiply-accumulates or as FLOPs "
                "(2 x MACs); refuted otherwise.",
       decide=decide_backbone_sizes)
def backbone_sizes(ctx) -> dict:
    ev = {}
    for name, (p_paper, g_paper) in TABLE_SIZES.items():
        p, g = backbone_size(name)
        ev[name] = {"params_M": p, "GMACs": g, "paper_params_M": p_paper, "paper_Gflops": g_paper}
    return {"backbones": ev}


# ------------------------------------------------------------------------------------------ how fast k can rise
IMAGENET_TRAIN = IMAGENET_TRAIN_IMAGES  # ImageNet-1k training images (difftheory.paper_tables)


def fastest_k_rise(cfg, k_goal: float, n_data: int = IMAGENET_TRAIN, k0: float = 0.5) -> float:
    """Epochs for k = sigmoid(w_k) to climb from ``k0`` to ``k_goal`` under the configuration's optimiser
    (AdamW β, lr with linear warm-up) when the gradient on w_k keeps one sign and one size (every Adam step then
    has size lr_t). Simulated with torch.optim.AdamW itself."""
    import torch

    from difftheory.training import warmup_constant_lr

    w = torch.nn.Parameter(torch.tensor(math.log(k0 / (1 - k0)), dtype=torch.float64))
    lr = cfg.k_lr or cfg.lr
    opt = torch.optim.AdamW([w], lr=lr, betas=cfg.betas, weight_decay=0.0)
    goal = math.log(k_goal / (1 - k_goal))
    warmup, steps_per_epoch = cfg.warmup_steps(n_data), n_data / cfg.batch_size
    step = 0
    while float(w.detach()) < goal:
        if step > 200 * steps_per_epoch:
            return math.inf
        opt.param_groups[0]["lr"] = warmup_constant_lr(lr, step, warmup)
        w.grad = torch.tensor(-1.0, dtype=torch.float64)  # dL/dw_k < 0: k pushed up
        opt.step()
        step += 1
    return step / steps_per_epoch


def adam_step_bound(t: int, betas) -> float:
    """Largest |m̂_t/√v̂_t| of Adam at step t (1-based) over all gradient sequences: by Cauchy–Schwarz,
    (1−β1)/(1−β1^t) · √((1−β2^t)/(1−β2)) · √((1−γ^t)/(1−γ)), γ = β1²/β2 < 1 (1.165 for β = (0.9, 0.95))."""
    b1, b2 = betas
    g = b1 * b1 / b2
    return (1 - b1) / (1 - b1**t) * math.sqrt((1 - b2**t) / (1 - b2)) * math.sqrt((1 - g**t) / (1 - g))


def k_rise_epochs(cfg, k_goal: float, bound: bool, n_data: int = IMAGENET_TRAIN, k0: float = 0.5) -> float:
    """Closed form of the ascent of w_k: steps of lr_t (constant-sign, constant-size gradient) or, with
    ``bound``, of lr_t · ``adam_step_bound`` (no gradient sequence can move w_k faster); epochs to k_goal."""
    need = math.log(k_goal / (1 - k_goal)) - math.log(k0 / (1 - k0))
    factor = (lambda step: adam_step_bound(step + 1, cfg.betas)) if bound else (lambda step: 1.0)
    return _epochs_to(cfg, need, factor, n_data, cap_epochs=200)


def decide_k_rise_feasible(ev) -> Decision:
    sim, closed, lower = ev["epochs_adam_sim"], ev["epochs_constant_gradient"], ev["epochs_lower_bound"]
    if sim is None or closed is None or abs(sim - closed) > TWIN_REL_TOL * closed:
        return Decision("error", f"torch AdamW ({_f(sim, '.3f')} epochs) and the closed form Σ lr_t "
                                 f"({_f(closed, '.3f')} epochs) disagree by more than {TWIN_REL_TOL:.1%}: a bug here")
    text = (f"from k = 0.5 to {ev['k_goal']} with lr {ev['lr']:g}, {ev['warmup_epochs']:g} warm-up epochs, "
            f"{ev['steps_per_epoch']:.0f} steps/epoch: a constant-sign gradient (Adam steps of size lr) needs "
            f"{closed:.1f} epochs (torch AdamW: {sim:.1f}); no gradient sequence can do it in fewer than {lower:.1f} "
            f"(Adam's step is at most {ev['adam_step_bound_max']:.3f} lr); the paper reports < {ev['window_epochs']:g}")
    if closed <= ev["window_epochs"]:
        return Decision("verified", f"feasible: {text}; the window is {ev['window_epochs'] / closed:.1f} x the "
                                    "constant-sign ascent")
    if lower > ev["window_epochs"]:
        return Decision("refuted", f"infeasible: {text}; w_k must have had a larger learning rate than Table 4's")
    return Decision("open", f"{text}: only a gradient growing and shrinking in Adam's favour could do it in time; "
                            "the logs of a real run (kdiff.gpu.pixel_k_to_one) decide")


@claim("kdiff.gpu.k_rise_feasible", paper="kdiff", where="§5.2, Fig. 3, Table 4", method="numeric",
       equations=("§5.2", "Fig. 3", "Table 4"),
       assumptions=("w_k in the network's Adam group (lr 2e-4, β = (0.9, 0.95), 5 warm-up epochs, batch 1024)",
                    "ImageNet-1k: 1 281 167 training images"),
       statement="Table 4's optimiser lets k rise from 0.5 to about 1 in fewer than 30 epochs (§5.2's report for "
                 "JiT-B/16), with w_k trained by the network's Adam (β = (0.9, 0.95), lr 2e-4, 5 warm-up epochs, "
                 "batch 1024).",
       criteria=f"Epochs for w_k to carry k from 0.5 to {K_ONE}: verified iff a constant-sign gradient (Adam steps of "
                f"size lr, simulated with torch AdamW and in closed form) gets there within {RISE_WINDOW_EPOCHS:g} epochs; refuted iff "
                "even Adam's largest possible steps (Cauchy–Schwarz bound on m̂/√v̂) cannot; open in between; error iff "
                f"the simulation and the closed form differ by more than {TWIN_REL_TOL:.1%}.",
       decide=decide_k_rise_feasible)
def k_rise_feasible(ctx) -> dict:
    from difftheory.gpu_validation.configs import get_config

    cfg = get_config("jit-b16")
    steps_per_epoch = IMAGENET_TRAIN / cfg.batch_size
    return {"k_goal": K_ONE, "window_epochs": RISE_WINDOW_EPOCHS, "lr": cfg.k_lr or cfg.lr, "warmup_epochs": cfg.warmup_epochs,
            "betas": list(cfg.betas), "steps_per_epoch": steps_per_epoch,
            "epochs_adam_sim": fastest_k_rise(cfg, K_ONE), "epochs_constant_gradient": k_rise_epochs(cfg, K_ONE, False),
            "epochs_lower_bound": k_rise_epochs(cfg, K_ONE, True),
            "adam_step_bound_max": adam_step_bound(10**6, cfg.betas),
            "epochs_constant_gradient_by_k": {str(g): k_rise_epochs(cfg, g, False) for g in (0.9, 0.99)}}


# ------------------------------------------------------------------------------------------ what the pace of k says
# Adam divides a parameter's gradient by its running RMS, so the pace of w_k tells the gradient's sign consistency
# (mean/fluctuation), not its size. Both claims below read Table 4's optimiser with Adam's default ε.
ADAM_EPS = 1e-8  # torch.optim.AdamW's default ε; JiT (main_jit.py ll. 185–187) and LightningDiT (train.py) keep it
SIZES = (1.0, 1e-3, 1e-6)  # constant gradient sizes on w_k: six decades
SIZE_SENSITIVITY = 0.1  # "the rise time reflects the gradient's size": ≥ 10 % slower for a gradient 1e6 times smaller
RHO_GRID = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)
PACE_STEPS, PACE_BURN, PACE_SEEDS = 3000, 300, 256  # stationary Adam steps (after the bias-correction transient)
PULL_RHO = 0.1  # a 'pull' on k: a gradient mean at least a tenth of its minibatch fluctuation (Adam then moves
#                 w_k at ≥ 10 % of its full pace); below it the drift is a small bias in a noise-dominated walk


def adam_pace(rhos, betas, steps: int = PACE_STEPS, burn: int = PACE_BURN, seeds: int = PACE_SEEDS, seed: int = 0):
    """Mean Adam step m̂/(√v̂ + ε) (units of lr) on a scalar whose gradient is ρ + ξ, ξ ~ N(0, 1) i.i.d. per step, for
    each ρ; averaged over steps burn..steps and ``seeds`` runs. The same ξ drive every ρ and a ρ = 0 run is subtracted
    (its mean is 0 by symmetry): a control variate that leaves ~1e-6 standard error at ρ = 0.001. Returns (pace, s.e.)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    r = np.concatenate([[0.0], np.asarray(rhos, dtype=float)])[:, None]
    b1, b2 = betas
    m = np.zeros((r.shape[0], seeds))
    v = np.zeros_like(m)
    acc = np.zeros_like(m)
    for t in range(1, steps + 1):
        g = r + rng.standard_normal(seeds)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        if t > burn:
            acc += (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + ADAM_EPS)
    d = (acc[1:] - acc[:1]) / (steps - burn)
    return d.mean(axis=1), d.std(axis=1) / math.sqrt(seeds)


def _epochs_to(cfg, need: float, factor, n_data: int = IMAGENET_TRAIN, cap_epochs: float = 2000) -> float:
    """Epochs for Σ_t lr_t·factor (Table 4's warm-up; ``factor`` a number or a function of the step) to reach
    ``need`` (a displacement of w_k); inf beyond ``cap_epochs``."""
    from difftheory.training import warmup_constant_lr

    lr = cfg.k_lr or cfg.lr
    warmup, per_epoch = cfg.warmup_steps(n_data), n_data / cfg.batch_size
    at = factor if callable(factor) else (lambda step: factor)
    w, step = 0.0, 0
    while w < need:
        if step > cap_epochs * per_epoch:
            return math.inf
        w += warmup_constant_lr(lr, step, warmup) * at(step)
        step += 1
    return step / per_epoch


def _sum_lr(cfg, epochs: float, n_data: int = IMAGENET_TRAIN) -> float:
    from difftheory.training import warmup_constant_lr

    lr = cfg.k_lr or cfg.lr
    warmup, steps = cfg.warmup_steps(n_data), round(epochs * n_data / cfg.batch_size)
    full = max(0, steps - warmup)
    return lr * full + sum(warmup_constant_lr(lr, s, warmup) for s in range(min(steps, warmup)))


def _rho_for_pace(pace_target: float, rhos, paces) -> float | None:
    """ρ at which the simulated pace equals ``pace_target`` (log-linear interpolation; None outside the grid)."""
    import numpy as np

    if not (0 < paces[0] <= pace_target <= paces[-1]):
        return None
    return float(np.exp(np.interp(math.log(pace_target), np.log(paces), np.log(rhos))))   # pace ≈ ρ: log-log


def _pace_curve(betas, seed: int) -> dict:
    pace, se = adam_pace(RHO_GRID, betas, seed=seed)
    return {"rho": list(RHO_GRID), "pace": pace.tolist(), "se": se.tolist(),
            "monotone": bool(all(b > a for a, b in zip(pace, pace[1:]))), "max_pace": float(max(pace))}


def decide_rise_speed(ev) -> Decision:
    c = ev["pace_curve"]
    if not c["monotone"] or c["max_pace"] > 1 + 1e-9 or ev["rho_min"] is None:
        return Decision("error", "the simulated Adam pace is not increasing in ρ within (0, 1], or the pace the rise needs "
                                 f"({ev['pace_needed']:.3f}) lies outside the simulated grid: a bug here.")
    sizes = ", ".join(f"gradient {g}: {e:.2f} epochs" for g, e in ev["epochs_by_size"].items())
    text = (f"with Table 4's Adam (β = {tuple(ev['betas'])}, ε = {ev['eps']:g}, lr {ev['lr']:g}, {ev['warmup_epochs']:g} "
            f"warm-up epochs) w_k reaches k = {ev['k_goal']} from 0.5 in {sizes} (ratio {ev['size_ratio']:.3f}); with a "
            f"noisy gradient (mean/std ρ) the pace is {ev['pace_needed']:.3f} lr per step — reaching {ev['k_goal']} within "
            f"{ev['window_epochs']:g} epochs — only for ρ ≥ {ev['rho_min']:.2f} (simulated: pace "
            + ", ".join(f"{p:.3f} at ρ = {r:g}" for r, p in zip(c["rho"], c["pace"]) if 0.1 <= r <= 2) + ")")
    if ev["size_ratio"] > 1 + SIZE_SENSITIVITY:
        return Decision("verified", f"{text}: under Table 4's optimiser a smaller gradient rises measurably slower, so a "
                                    "fast rise does speak for a large gradient.")
    return Decision("corrected", f"{text}. The rise time does not depend on the gradient's size (a gradient 10⁶ times "
                                 f"smaller rises in {ev['size_ratio']:.2f}× the time): Adam divides it out. In the paper's "
                                 "model a larger D does give a larger gradient (Δ* grows with D), but that is exactly what "
                                 "the optimiser cancels. Corrected: the fast rise shows a k-gradient of consistent sign — "
                                 f"mean ≥ {ev['rho_min']:.2f} × its fluctuation over the first {ev['window_epochs']:g} "
                                 "epochs, RMS above Adam's ε — not a strong (large) one; what sets that sign, the "
                                 "dimensionality or anything else, the pace does not show.")


@claim("kdiff.sec5_2.rise_speed_signal", paper="kdiff", where="§5.2 (p. 271: 'accelerated convergence ... strong signal')",
       method="numeric", equations=("§5.2", "Fig. 3", "Table 4"),
       assumptions=("w_k in the network's Adam group (lr 2e-4, β = (0.9, 0.95), ε = 1e-8, 5 warm-up epochs, batch 1024)",
                    "ImageNet-1k: 1 281 167 training images"),
       statement="The accelerated convergence of the pixel k (0.5 → ≈ 1 in fewer than 30 epochs) suggests that the high "
                 "dimensionality of pixel space creates a strong signal — a large gradient on k — for the model to "
                 "prioritise data recovery.",
       criteria=f"Under Table 4's pixel optimiser (jit-b16 config): epochs for w_k to carry k from 0.5 to {K_ONE} with a "
                f"constant gradient of size {', '.join(f'{g:g}' for g in SIZES)} (Adam's step lr·g/(g + ε) exactly); "
                f"verified iff the smallest size takes more than {1 + SIZE_SENSITIVITY:g}× the time of size 1 (the pace "
                f"reflects the gradient's size), corrected otherwise — with the mean/std ratio ρ the rise needs (Adam "
                f"simulated on ρ + N(0, 1), {PACE_SEEDS} seeds × {PACE_STEPS} steps) as the corrected statement. error iff "
                f"the simulated pace is not increasing in ρ within (0, 1] or the needed pace lies outside the grid.",
       decide=decide_rise_speed)
def rise_speed_signal(ctx) -> dict:
    from difftheory.gpu_validation.configs import get_config

    cfg = get_config("jit-b16")
    need = math.log(K_ONE / (1 - K_ONE))
    by_size = {str(g): _epochs_to(cfg, need, g / (g + ADAM_EPS)) for g in SIZES}
    curve = _pace_curve(cfg.betas, ctx.seed)
    pace_needed = need / _sum_lr(cfg, RISE_WINDOW_EPOCHS)
    return {"k_goal": K_ONE, "window_epochs": RISE_WINDOW_EPOCHS, "lr": cfg.k_lr or cfg.lr, "betas": list(cfg.betas),
            "eps": ADAM_EPS, "warmup_epochs": cfg.warmup_epochs, "epochs_by_size": by_size,
            "size_ratio": by_size[str(SIZES[-1])] / by_size[str(SIZES[0])], "pace_curve": curve,
            "pace_needed": pace_needed, "rho_min": _rho_for_pace(pace_needed, curve["rho"], curve["pace"])}


def decide_latent_pace(ev) -> Decision:
    c = ev["pace_curve"]
    if not c["monotone"] or c["max_pace"] > 1 + 1e-9:
        return Decision("error", "the simulated Adam pace is not increasing in ρ within (0, 1]: a bug here.")
    rows = "; ".join(f"epoch {p['epochs']:g} (k = {p['k']:g}, {p['source']}): w_k moved {p['displacement']:.3f}, "
                     f"{p['pace']:.4f} of Adam's full pace (a consistent gradient would get there in "
                     f"{p['epochs_full_pace']:.2f} epochs), ρ ≈ "
                     + (f"{p['rho_implied']:.4f}" if p["rho_implied"] is not None else "below the grid")
                     for p in ev["checkpoints"])
    judged = ev["checkpoints"][0]
    rho = judged["rho_implied"]
    text = (f"Under Table 4's latent optimiser (lr {ev['lr']:g}, no warm-up, β = {tuple(ev['betas'])}, ε = {ev['eps']:g}, "
            f"{ev['steps_per_epoch']:.0f} steps/epoch) and w_k in the network's Adam group: {rows}")
    if rho is not None and rho >= PULL_RHO:
        return Decision("verified", f"{text}: during the approach the k-gradient's mean is ≥ {PULL_RHO:g} of its "
                                    "fluctuation — a consistent pull, as the text describes.")
    return Decision("corrected", f"{text}. During the approach (the first {judged['epochs']:g} epochs, far below 0.66) "
                                 f"the mean Adam step is {judged['pace']:.2%} of lr: the k-gradient's mean is ≈ "
                                 f"{(rho if rho is not None else judged['pace']):.3f} of its minibatch fluctuation (or its "
                                 f"RMS is ≲ {judged['rms_if_noise_free']:.0e}, below Adam's ε) — not a pull that "
                                 f"dominates the noise (ρ ≥ {PULL_RHO:g}), unlike the pixel rise "
                                 "(kdiff.sec5_2.rise_speed_signal). Corrected: the latent k drifts slowly under a "
                                 "noise-dominated gradient, i.e. a loss nearly flat in k at the scale of minibatch noise; "
                                 "its end value is not shown to be a sharp optimum.")


@claim("kdiff.beyond.latent_k_pace", paper="kdiff", where="beyond §5.1 / Fig. 3 / Table 3: the pace of the latent k",
       method="numeric", equations=("§5.1", "Fig. 3", "Table 3", "Table 4"),
       assumptions=("w_k in the network's Adam group (Table 4 latent: lr 2e-4, β = (0.9, 0.95), ε = 1e-8, no warm-up, "
                    "batch 1024; no separate lr for w_k is stated)", "ImageNet-1k: 1 281 167 training images",
                    "a stationary gradient on w_k: mean + zero-mean minibatch noise"),
       statement="(beyond the paper: what the pace of the latent k shows) The latent k's rise — 0.522 at epoch 64 "
                 "(Table 3), 0.66 at epoch 800 (§5.1) — is driven by a consistent pull on k ('the dynamics ... pull the "
                 "optimal k toward a higher value', §5.1): a k-gradient whose mean dominates its minibatch fluctuation.",
       criteria=f"The mean Adam step implied by each checkpoint (logit(k) − logit(0.5) over Σ lr_t) against an Adam "
                f"simulation with gradient ρ + N(0, 1) ({PACE_SEEDS} seeds × {PACE_STEPS} steps, control variate); ρ "
                f"implied by interpolation. Decided at the 64-epoch checkpoint (the approach, before k settles): verified "
                f"iff ρ ≥ {PULL_RHO:g} (a pull at least a tenth of the noise), corrected otherwise (the 800-epoch pace is "
                f"reported). error iff the simulated pace is not increasing in ρ within (0, 1].",
       decide=decide_latent_pace)
def latent_k_pace(ctx) -> dict:
    from difftheory.gpu_validation.configs import get_config
    from difftheory.paper_tables import load

    cfg = get_config("lightningdit-xl1")
    p = load("kdiff")
    curve = _pace_curve(cfg.betas, ctx.seed)
    lr = cfg.k_lr or cfg.lr
    per_epoch = IMAGENET_TRAIN / cfg.batch_size
    marks = ((p.table("Table 3").cell("k-Diff (constant)", "learned"), p.statements["table3.footnote"]["epoch"]),
             (p.statements["s5_1.latent_k"]["k_final"], p.statements["s5_1.final"]["epochs"]))
    checkpoints = []
    for kc, ec in marks:
        k, epochs = kc.number, ec.number
        disp = math.log(k / (1 - k))
        pace = disp / _sum_lr(cfg, epochs)
        checkpoints.append({"k": k, "epochs": epochs, "source": f"{kc.where}; {ec.where}", "displacement": disp,
                            "pace": pace, "epochs_full_pace": _epochs_to(cfg, disp, 1.0),
                            "rho_implied": _rho_for_pace(pace, curve["rho"], curve["pace"]),
                            "rms_if_noise_free": ADAM_EPS * pace / (1 - pace)})
    return {"lr": lr, "betas": list(cfg.betas), "eps": ADAM_EPS, "warmup_epochs": cfg.warmup_epochs,
            "steps_per_epoch": per_epoch, "checkpoints": checkpoints, "pace_curve": curve}
