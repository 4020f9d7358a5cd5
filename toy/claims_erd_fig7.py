"""erd App. F.2 / Fig. 7 on the trained App. F models (time as in App. F: t = 0 data, t = 1 noise): loss domination
in the global models, and piecewise (time-bin) models against the global model.

The excess over the Bayes floor is measured directly as E‖f − E[y|z_t]‖² (Lemma C.1: loss = floor + excess),
which has no floor noise. Verdicts about App. F's trained models are decided only at App. F's own training
settings (``--scale full``); at other settings the rule's outcome is reported and the verdict is ``open``."""

from __future__ import annotations

import numpy as np
from scipy import stats

from difftheory.decide import combine, mean_ci, paired_ci, replicates_to_resolve, trend
from difftheory.ledger import Decision, claim
from difftheory.training import DRIFT_ROOM
from difftheory.toy import erd_experiments
from difftheory.toy.claims_erd_toy import resolved, seed_noise, verdict_of, worst

RHO_BOOT = 200  # parametric-bootstrap draws of the excess curve (its per-t standard errors) for the Spearman interval


def _open_unless_app_f(ev, verdict: str, detail: str) -> Decision:
    if ev["app_f_settings"]:
        return Decision(verdict, detail)
    return Decision("open", f"Not App. F's training settings ({ev['scale']} scale: {ev['train']}); App. F.1's settings "
                            f"(--scale full) decide. At these settings the rule gives {verdict}: {detail}")


def _settings(scale: str) -> dict:
    cfg = erd_experiments.get_scale(scale)
    t = cfg.train
    return {"app_f_settings": erd_experiments.app_f_settings(scale), "scale": scale,
            "train": f"width {t.width}, {t.iterations} iterations, batch {t.batch}, Adam {t.lr:g}"}


# ----------------------------------------------------------------------------------------- piecewise vs global
def decide_fig7_piecewise(ev) -> Decision:
    verdicts, parts = [], []
    for b in ev["bins"]:
        v = trend(b["diff_lo"], b["diff_hi"], +1, DRIFT_ROOM * b["drift"] if b["drift"] is not None else float("inf"))
        verdicts.append(v)
        parts.append(f"t ∈ [{b['t_lo']:g}, {b['t_hi']:g}]: global {b['excess_global']:.4f} vs piecewise "
                     f"{b['excess_piecewise']:.4f}, difference {b['diff']:+.4f} [{b['diff_lo']:+.4f}, {b['diff_hi']:+.4f}] "
                     f"(drift {b['drift'] if b['drift'] is None else format(b['drift'], '+.4f')}) → {v}")
    verdict = combine(verdicts)
    head = (f"Excess over the exact floor E‖f − E[y|z]‖² on {ev['cell']}, {ev['seeds']} replicates (paired 95% CI over "
            f"replicates, drift = change over the last 20 % of training, a difference decides beyond {DRIFT_ROOM:g}× it): ")
    todo = ""
    if verdict == "open":
        todo = to_decide([(f"t ∈ [{b['t_lo']:g}, {b['t_hi']:g}]", b["diff"], b["diff_lo"], b["diff_hi"], b["drift"], v)
                          for b, v in zip(ev["bins"], verdicts)], ev["seeds"])
    return _open_unless_app_f(ev, verdict, head + "; ".join(parts) + "." + todo)


def to_decide(tests, seeds: int) -> str:
    """What would decide drift-guarded trend tests left open: ``tests`` = [(name, effect, lo, hi, drift, verdict)].
    Where the drift is not below the effect, longer training first (no number of replicates helps); else the
    replicates at which the interval would clear the drift if effect and spread stay as measured."""
    need, train = [], []
    for name, d, lo, hi, drift, v in tests:
        if v != "open":
            continue
        if drift is None or DRIFT_ROOM * abs(drift) >= abs(d):
            train.append(name)
            continue
        k = replicates_to_resolve(d, lo, hi, seeds, DRIFT_ROOM * abs(drift))
        need.append(f"{name}: {'more than 10^7' if k is None else f'about {k}'}")
    out = []
    if need:
        out.append("replicates needed at the measured effect and spread: " + "; ".join(need))
    if train:
        out.append(f"longer training first ({DRIFT_ROOM:g}× the drift over the last 20 % not below the effect): " + ", ".join(train))
    return " To decide: " + "; ".join(out) + "." if out else ""


@claim("erd.fig7.piecewise_vs_global", paper="erd", where="App. F.2, Fig. 2 / Fig. 7 (bottom rows); App. F.1",
       statement="Piecewise models trained on time bins approach the Bayes floor more closely than the global model "
                 "(smaller excess over the floor in every t bin).", method="simulation",
       figures=("erd_fig7_loss_vs_floor",), equations=("Fig. 7", "Fig. 2", "Thm D.2"),
       assumptions=("App. F.1 settings: width 256, 2000 Adam steps, batch 512, lr 1e-3", "5 bins of width 0.2",
                    "one (target, schedule) cell replicated: ε on the GVP (cosine) schedule"),
       criteria="Per t bin, the paired difference (global − piecewise) of the excess E‖f − E[y|z]‖² over ≥ 5 replicates: "
                f"verified iff its 95% interval lies above 0 by more than {DRIFT_ROOM:g}× its drift over the last 20 % of "
                f"training in every bin (App. F's budget is kept: within that, open); refuted iff in some bin it lies "
                f"below 0 by more than {DRIFT_ROOM:g}× the drift; open otherwise, and open "
                "at settings other than App. F.1's.",
       decide=decide_fig7_piecewise)
def fig7_piecewise(ctx):
    cc = erd_experiments.cell_curves(ctx.scale, ctx.seed)
    nb = cc["n_bins"]
    rows = []
    for b in range(nb):
        cols = cc["bins"] == b
        g = cc["excess_global"][:, cols].mean(1)
        p = cc["excess_piecewise"][:, cols].mean(1)
        gc = cc["excess_global_checkpoint"][:, cols].mean(1)
        pc = cc["excess_piecewise_checkpoint"][:, cols].mean(1)
        d, lo, hi = paired_ci(g, p)
        drift = float(np.mean((g - p) - (gc - pc)))
        rows.append({"t_lo": b / nb, "t_hi": (b + 1) / nb, "excess_global": float(g.mean()),
                     "excess_piecewise": float(p.mean()), "diff": d, "diff_lo": lo, "diff_hi": hi, "drift": drift,
                     "ratio": float(g.mean() / max(p.mean(), 1e-300)), "per_replicate_global": g.tolist(),
                     "per_replicate_piecewise": p.tolist()})
    return {**_settings(ctx.scale), "cell": "/".join(cc["cell"]), "seeds": cc["seeds"], "bins": rows}


# ----------------------------------------------------------------------------------------- loss domination
def decide_fig7_domination(ev) -> Decision:
    signs, parts = [], []
    for k, v in ev["models"].items():
        # the claim: excess large where the floor is low, i.e. ρ(floor, excess) < 0
        s = resolved(-v["rho"], v["rho"] - v["rho_checkpoint"],
                     worst(v["rho_lo"] - v["rho"], v["rho_hi"] - v["rho"], ev["rho_seed_noise"]))
        signs.append(s)
        parts.append(f"{k} {v['rho']:+.2f}")
    neg = sum(s > 0 for s in signs)
    pos = [k for k, s in zip(ev["models"], signs) if s < 0]
    ex_ = ev["eps_example"]
    v_ex = trend(ex_["log10_ratio_lo"], ex_["log10_ratio_hi"], +1,
                 DRIFT_ROOM * abs(ex_["drift"]) if ex_["drift"] is not None else float("inf"))
    verdict = combine([verdict_of(signs), v_ex])
    detail = (f"Spearman ρ(floor, excess) across t per global model: {', '.join(parts)} — resolved negative (the claim) in "
              f"{neg} of {len(signs)}, resolved positive in {len(pos)} ({', '.join(pos) or 'none'}); seed noise of ρ "
              f"from {ex_['seeds']} replicates of {ex_['cell']}: ±{'n/a' if ev['rho_seed_noise'] is None else format(ev['rho_seed_noise'], '.2f')}. The example "
              f"(excess massive where the floor is low, t → 1 for ε), on {ex_['cell']} over {ex_['seeds']} replicates: "
              f"excess in the last bin / first bin = 10^{ex_['log10_ratio']:+.2f} [10^{ex_['log10_ratio_lo']:+.2f}, "
              f"10^{ex_['log10_ratio_hi']:+.2f}] (last-bin excess {ex_['excess_last_bin']:.4f}, peak over t "
              f"{ex_['excess_peak']:.4f} at t = {ex_['t_peak']:.2f}) → {v_ex}.")
    rel = [k for k, v in ev["models"].items() if v.get("rho_relative") is not None and v["rho_relative"] < 0]
    if rel:
        fs = [v["log10_floor_span"] for v in ev["models"].values() if "log10_floor_span" in v]
        es = [v["log10_excess_span"] for v in ev["models"].values() if "log10_excess_span" in v]
        detail += (f" Read relatively instead (the gap loss/floor = 1 + excess/floor, as a log axis shows it; reported, "
                   f"not decided: the paper's excess ℓ̃ of Lemma C.1 is absolute), ρ(floor, excess/floor) is negative in "
                   f"{len(rel)} of {len(ev['models'])} models — the floor spans 10^{min(fs):.1f}–10^{max(fs):.1f} over t, "
                   f"the excess only 10^{min(es):.1f}–10^{max(es):.1f}, so that pattern follows from the floor alone.")
    return _open_unless_app_f(ev, verdict, detail)


@claim("erd.fig7.loss_domination", paper="erd", where="App. F.2, Fig. 7 (top rows)",
       statement="In the global model the excess over the floor is small where the Bayes floor is large and large where "
                 "the floor is low (e.g. t → 1 for ε).", method="simulation", figures=("erd_fig7_loss_vs_floor",),
       equations=("Fig. 7", "Lemma C.1", "Thm D.2"),
       assumptions=("App. F.1 settings: width 256, 2000 Adam steps, batch 512, lr 1e-3", "global parameter sharing",
                    "the seed spread of the replicated ε/GVP cell stands for every cell"),
       criteria="Per global model, Spearman ρ between the exact floor and the excess E‖f − E[y|z]‖² across the t grid, "
                "with a parametric-bootstrap interval from the excess's standard errors; a sign counts when |ρ| exceeds "
                f"that interval's half-width, {DRIFT_ROOM:g}× ρ's drift over the last 20 % of training and the seed noise "
                "(t(0.975, 4)·sd "
                "of ρ over the 5 replicates of ε/GVP). The ε example: log10 "
                "(excess in the last t bin / first t bin) over ≥ 5 replicates of ε/GVP, a trend test against 0. "
                "verified iff every model is resolved negative and the example is verified; refuted iff some model is "
                "resolved positive or the example is refuted; open otherwise, and open at settings other than App. F.1's.",
       decide=decide_fig7_domination)
def fig7_domination(ctx):
    cc = erd_experiments.cell_curves(ctx.scale, ctx.seed)  # the replicated cell first (its groups are not the NTK claims')
    gc = erd_experiments.global_curves(ctx.scale, ctx.seed)
    rng = np.random.default_rng(ctx.seed + 77)
    models = {}
    for i, s in enumerate(gc["specs"]):
        floor, exc, se = gc["floor"][i], gc["excess"][i], gc["excess_se"][i]
        boots = [stats.spearmanr(floor, exc + se * rng.standard_normal(len(exc)))[0] for _ in range(RHO_BOOT)]
        models[f"{s.target}/{s.schedule}"] = {
            "rho": float(stats.spearmanr(floor, exc)[0]),
            "rho_checkpoint": float(stats.spearmanr(floor, gc["excess_checkpoint"][i])[0]),
            "rho_lo": float(np.percentile(boots, 2.5)), "rho_hi": float(np.percentile(boots, 97.5)),
            "excess_at_min_floor": float(exc[np.argmin(floor)]), "excess_at_max_floor": float(exc[np.argmax(floor)]),
            # the relative reading (loss/floor = 1 + excess/floor: the gap seen on a log axis), reported, not decided
            "rho_relative": float(stats.spearmanr(floor, exc / np.maximum(floor, 1e-300))[0]),
            "log10_floor_span": float(np.log10(floor.max() / max(floor.min(), 1e-300))),
            "log10_excess_span": float(np.log10(exc.max() / max(exc.min(), 1e-300)))}
    nb = cc["n_bins"]
    first, last = cc["bins"] == 0, cc["bins"] == nb - 1
    lr = np.log10(cc["excess_global"][:, last].mean(1) / cc["excess_global"][:, first].mean(1))
    lr_ck = np.log10(cc["excess_global_checkpoint"][:, last].mean(1) / cc["excess_global_checkpoint"][:, first].mean(1))
    m, lo, hi = mean_ci(lr)
    mean_curve = cc["excess_global"].mean(0)
    example = {"cell": "/".join(cc["cell"]), "seeds": cc["seeds"], "log10_ratio": m, "log10_ratio_lo": lo,
               "log10_ratio_hi": hi, "drift": float(np.mean(lr - lr_ck)), "per_replicate": lr.tolist(),
               "excess_last_bin": float(cc["excess_global"][:, last].mean()),
               "excess_peak": float(mean_curve.max()), "t_peak": float(cc["ts"][np.argmax(mean_curve)])}
    rho_cell = [float(stats.spearmanr(cc["floor"], e)[0]) for e in cc["excess_global"]]
    return {**_settings(ctx.scale), "models": models, "eps_example": example, "rho_cell_replicates": rho_cell,
            "rho_seed_noise": seed_noise(rho_cell)}


# ----------------------------------------------------------------------------------------- compute-matched control
GAP_SHARE = 0.5  # the statement says the gap is interference, not training: decided by whether more or less than half
# of the global − piecewise gap survives when the global model gets the piecewise models' compute (a residual of
# exactly 0 or of the whole gap are the two pure explanations; half is the point where neither dominates)


def decide_fig7_compute(ev) -> Decision:
    m = ev["mean_over_t"]
    h = m["half_gap_test"]
    v = trend(h["lo"], h["hi"], +1, h["drift"] if h["drift"] is not None else float("inf"))
    bins = "; ".join(f"t ∈ [{b['t_lo']:g}, {b['t_hi']:g}]: {b['excess_global']:.4f} / {b['excess_compute_matched']:.4f} / "
                     f"{b['excess_piecewise']:.4f}" for b in ev["bins"])
    head = (f"Excess over the exact floor on {ev['cell']}, {ev['seeds']} replicates, global ({ev['iterations']} iterations) "
            f"/ compute-matched global ({ev['iterations_matched']} iterations = the {ev['n_bins']} piecewise models' "
            f"steps together) / piecewise, per bin: {bins}. Mean over t: {m['excess_global']:.4f} / "
            f"{m['excess_compute_matched']:.4f} / {m['excess_piecewise']:.4f}. The gap the piecewise models remove, "
            f"global − piecewise: {m['gap']:+.4f} [{m['gap_lo']:+.4f}, {m['gap_hi']:+.4f}]; what survives equal compute, "
            f"compute-matched − piecewise: {m['diff']:+.4f} [{m['diff_lo']:+.4f}, {m['diff_hi']:+.4f}] (drift "
            f"{_f4(m['drift'])}; (global − compute-matched)/(global − piecewise) = {_f2(m['gap_closed_share'])}); "
            f"survivor − {GAP_SHARE:g}·gap per replicate: {h['mean']:+.4f} [{h['lo']:+.4f}, {h['hi']:+.4f}] (drift of the "
            f"compute-matched and piecewise models {_f4(h['drift'])}; counting the 2000-step global model's own drift as "
            f"well, {_f4(h.get('drift_with_global'))})")
    tail = {"verified": f". More than {GAP_SHARE:g} of the gap survives equal compute: it is not a training deficit (it "
                        "may be interference, or the piecewise models' 5× parameters).",
            "refuted": f". Less than {GAP_SHARE:g} of the gap survives equal compute: most of the excess the piecewise "
                       "models remove is a training (compute) deficit of the shared model, not cross-noise interference.",
            "open": f". Whether more or less than {GAP_SHARE:g} of the gap survives equal compute is not resolved."}[v]
    if v == "open":
        tail += to_decide([("survivor − half the gap", h["mean"], h["lo"], h["hi"], h["drift"], v)], ev["seeds"])
    return _open_unless_app_f(ev, v, head + tail)


def _f4(x):
    return "n/a" if x is None else format(x, "+.4f")


def _f2(x):
    return "n/a" if x is None else format(x, ".2f")


@claim("erd.fig7.interference_not_capacity", paper="erd", where="App. F.2 (ll. 1361–1366), Fig. 7 (bottom rows)",
       statement="The global model's excess that piecewise models remove is not a capacity (or training) deficit but a "
                 "consequence of weakened contraction and cross-noise interference under parameter sharing: with the "
                 "training compute matched, the piecewise models still approach the floor more closely (most of the gap "
                 "remains).",
       method="simulation", figures=("erd_fig7_loss_vs_floor",), equations=("Fig. 7", "Thm D.2"),
       assumptions=("App. F.1 settings; the control: the same global model trained n_bins × 2000 iterations (the piecewise "
                    "models' gradient steps together)", "one (target, schedule) cell replicated: ε on the GVP schedule",
                    "capacity (5 networks vs 1) is not matched"),
       criteria="Per replicate r, with the excess E‖f − E[y|z]‖² averaged over t: gap_r = global − piecewise (what the "
                "piecewise models remove) and survivor_r = compute-matched global − piecewise (what remains at equal "
                f"compute); the paired 95% interval over ≥ 5 replicates of survivor_r − {GAP_SHARE:g}·gap_r against its "
                "drift over the last 20 % of training of the compute-matched and piecewise models (the global model is "
                "held at App. F's 2000 steps, which define the gap). verified iff it lies above 0 beyond the drift (more than half the "
                "gap survives equal compute); refuted iff below 0 beyond the drift (less than half survives: the gap is "
                "mostly a training deficit); open otherwise, and open at settings other than App. F.1's. (Revised in "
                "referee pass 2: the first rule, survivor_r against 0, could not refute the statement when compute closes "
                "the gap exactly.)",
       decide=decide_fig7_compute)
def fig7_compute_matched(ctx):
    cc = erd_experiments.cell_curves(ctx.scale, ctx.seed)
    cm = erd_experiments.compute_matched_curves(ctx.scale, ctx.seed)
    nb = cc["n_bins"]
    g, p, c = cc["excess_global"].mean(1), cc["excess_piecewise"].mean(1), cm["excess"].mean(1)
    pc, cck = cc["excess_piecewise_checkpoint"].mean(1), cm["excess_checkpoint"].mean(1)
    d, lo, hi = paired_ci(c, p)
    bins = []
    for b in range(nb):
        cols = cc["bins"] == b
        bins.append({"t_lo": b / nb, "t_hi": (b + 1) / nb, "excess_global": float(cc["excess_global"][:, cols].mean()),
                     "excess_compute_matched": float(cm["excess"][:, cols].mean()),
                     "excess_piecewise": float(cc["excess_piecewise"][:, cols].mean())})
    gap = float(g.mean() - p.mean())
    gm, glo, ghi = paired_ci(g, p)
    x = (c - p) - GAP_SHARE * (g - p)
    # drift: the compute-matched and piecewise models' change over their last 20 %; the 2000-step global model is held
    # at App. F's budget, which defines the gap (that it is itself unconverged is erd.appF.convergence)
    x_ck = (cck - pc) - GAP_SHARE * (g - pc)
    x_ck_g = (cck - pc) - GAP_SHARE * (cc["excess_global_checkpoint"].mean(1) - pc)  # with the global model's drift too
    hm, hlo, hhi = mean_ci(x)
    return {**_settings(ctx.scale), "cell": "/".join(cc["cell"]), "seeds": cc["seeds"], "n_bins": nb,
            "iterations": erd_experiments.get_scale(ctx.scale).train.iterations, "iterations_matched": cm["iterations"],
            "bins": bins,
            "mean_over_t": {"excess_global": float(g.mean()), "excess_compute_matched": float(c.mean()),
                            "excess_piecewise": float(p.mean()), "diff": d, "diff_lo": lo, "diff_hi": hi,
                            "drift": float(np.mean((c - p) - (cck - pc))),
                            "gap_closed_share": float((g.mean() - c.mean()) / gap) if gap != 0 else None,
                            "gap": gm, "gap_lo": glo, "gap_hi": ghi,
                            "half_gap_test": {"mean": hm, "lo": hlo, "hi": hhi, "drift": float(np.mean(x - x_ck)),
                                              "drift_with_global": float(np.mean(x - x_ck_g)),
                                              "per_replicate": x.tolist()},
                            "per_replicate_global": g.tolist(),
                            "per_replicate_compute_matched": c.tolist(), "per_replicate_piecewise": p.tolist()}}
