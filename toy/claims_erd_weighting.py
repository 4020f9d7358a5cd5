"""erd's main claim (§3.4, §4.3 / Fig. 6: ERD's effective-amplitude weighting against uniform, Min-SNR-5 and P2) at
toy scale: the App. F MLP on the 2D GMM with App. F's training settings, on the cosine (GVP) schedule of §4.3, the
ε target, ≥ 5 independent replicates per weighting (time as in App. F: t = 0 data, t = 1 noise).

Sample quality: W2 of 100-step DDIM samples to fresh data (paired by replicate: same data, same sampler noise).
Verdicts are decided only at App. F's own training settings (``--scale full``)."""

from __future__ import annotations

import numpy as np

from difftheory.decide import combine, mean_ci, paired_ci, trend
from difftheory.ledger import Decision, claim
from difftheory.training import DRIFT_ROOM
from difftheory.toy import erd_experiments
from difftheory.toy.claims_erd_fig7 import _open_unless_app_f, _settings, to_decide


def decide_weighting(ev) -> Decision:
    verdicts, parts = [], []
    for name, v in ev["erd_minus"].items():
        d = v["drift"]
        verdict = trend(v["lo"], v["hi"], -1, DRIFT_ROOM * abs(d) if d is not None else float("inf"))  # lower W2: better
        verdicts.append(verdict)
        parts.append(f"ERD − {name}: {v['mean']:+.3f} [{v['lo']:+.3f}, {v['hi']:+.3f}] (drift "
                     f"{'n/a' if d is None else format(d, '+.3f')}) → {verdict}")
    table = "; ".join(f"{w}: {v['mean']:.3f} [{v['lo']:.3f}, {v['hi']:.3f}]" for w, v in ev["w2"].items())
    exc = "; ".join(f"{w}: {v:.4f}" for w, v in ev["mean_excess"].items())
    verdict = combine(verdicts)
    detail = (f"{ev['cell']}, {ev['seeds']} replicates, {ev['train']}: W2 of DDIM samples to fresh data (mean, 95% CI over "
              f"replicates) {table}; data-vs-data W2 at n = {ev['sample_n']}: {ev['w2_data_vs_data']:.3f}. Paired: "
              + "; ".join(parts) + f". Mean unweighted excess over the exact floor: {exc}.")
    if verdict == "open":
        detail += to_decide([(f"ERD − {name}", v["mean"], v["lo"], v["hi"], v["drift"], vd)
                             for (name, v), vd in zip(ev["erd_minus"].items(), verdicts)], ev["seeds"])
    return _open_unless_app_f(ev, verdict, detail)


@claim("erd.main.weighting", paper="erd", where="§3.4, §4.3 / Fig. 6 (ERD vs uniform, Min-SNR, P2), at toy scale",
       statement="ERD's effective-amplitude weighting improves training over uniform, Min-SNR-5 and P2 (same MLP, "
                 "target, schedule and iterations): better samples.",
       method="simulation", figures=("erd_weighting_comparison",), equations=("§4.3", "Fig. 6", "Eq. (110)"),
       assumptions=("App. F.1 training settings", "cosine (GVP) schedule as in §4.3", "ε target",
                    "weights normalized to mean 1 over t ~ U(0, 1)"),
       criteria="For each baseline, the paired difference W2(ERD) − W2(baseline) over ≥ 5 replicates (same data and "
                f"sampler noise per replicate): a trend test for < 0 against {DRIFT_ROOM:g}× its drift over the last 20 % "
                "of training (App. F's budget is kept: a difference within that is open). "
                "verified iff ERD is better than every baseline, refuted iff it is worse than one, open otherwise, and "
                "open at settings other than App. F.1's.",
       decide=decide_weighting)
def main_weighting(ctx):
    wc = erd_experiments.weighting_comparison(ctx.scale, ctx.seed)
    cfg = erd_experiments.get_scale(ctx.scale)
    by = {w: np.array([wc["w2"][i] for i, s in enumerate(wc["specs"]) if s.weighting == w]) for w in erd_experiments.COMPARED_WEIGHTINGS}
    by_ck = {w: np.array([wc["w2_checkpoint"][i] for i, s in enumerate(wc["specs"]) if s.weighting == w])
             for w in erd_experiments.COMPARED_WEIGHTINGS}
    w2 = {}
    for w, v in by.items():
        m, lo, hi = mean_ci(v)
        w2[w] = {"mean": m, "lo": lo, "hi": hi, "per_replicate": v.tolist()}
    erd_minus = {}
    for w in erd_experiments.COMPARED_WEIGHTINGS:
        if w == "erd":
            continue
        m, lo, hi = paired_ci(by["erd"], by[w])
        drift = float(np.mean((by["erd"] - by[w]) - (by_ck["erd"] - by_ck[w])))
        erd_minus[w] = {"mean": m, "lo": lo, "hi": hi, "drift": drift}
    excess = {w: float(np.mean([wc["excess"][i] for i, s in enumerate(wc["specs"]) if s.weighting == w]))
              for w in erd_experiments.COMPARED_WEIGHTINGS}
    return {**_settings(ctx.scale), "cell": "/".join(cfg.cell), "seeds": cfg.seeds, "w2": w2, "erd_minus": erd_minus,
            "mean_excess": excess, "w2_data_vs_data": float(np.mean(wc["w2_data_vs_data"])), "sample_n": cfg.sample_n,
            "sample_steps": cfg.sample_steps}
