"""Simulation claims of k-Diff with nonlinear (MLP) denoisers on manifolds of known dimension (kdiff §4-5)."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from difftheory.ledger import Result, claim
from difftheory.linear_model.sweeps import theory_k_star
from difftheory.theory.samplers import LATENT_SAMPLER
from difftheory.toy.kdiff_mlp import manifold_sweep, quality_run


def _trend(rows, by: str, over: str, sign: int):
    """Along each slice (fixed ``by``, sorted by ``over``): Spearman ρ of the seed-mean k, and the steps
    that go against ``sign`` by more than 2 standard errors (violations)."""
    rho, bad = {}, []
    for kind, key in sorted({(r["kind"], r[by]) for r in rows}):  # one slice per manifold kind and fixed value
        rr = sorted((r for r in rows if r[by] == key and r["kind"] == kind), key=lambda r: r[over])
        key = f"{kind} {by}={key}"
        if len(rr) < 2:
            continue
        ks = [r["k_learned"] for r in rr]
        rho[key] = float(stats.spearmanr([r[over] for r in rr], ks)[0]) if len(rr) >= 3 else float(np.sign(ks[1] - ks[0]))
        for a, b in zip(rr[:-1], rr[1:]):
            step = b["k_learned"] - a["k_learned"]
            se = math.hypot(a["k_se"], b["k_se"])
            if sign * step < -2 * se:
                bad.append({by: key, f"{over}_from": a[over], f"{over}_to": b[over], "k_change": step, "se": se})
    return rho, bad


def _sweep_rows(ctx):
    sw = manifold_sweep(ctx.scale, ctx.seed)
    for r in sw["rows"]:
        r["k_star_theory"] = theory_k_star(r["D"], r["d"], LATENT_SAMPLER, "v", 0.05)
    return sw


def _ks(rows):
    return ", ".join(f"({r['D']},{r['d']}): {r['k_learned']:.3f} vs {r['D_over_D_plus_d']:.3f}" for r in rows)


@claim("kdiff.sim.mlp.k_monotone_in_dims", paper="kdiff", where="§4-5, Thm 3.2, Fig. 3 (latent 0.66 vs pixel 1.0)",
       statement="Trained with Alg. 1 on data of intrinsic dimension d in R^D, learned k rises with D at fixed d and "
                 "falls with d at fixed D.",
       method="simulation", figures=("kdiff_sim_manifold_heatmap", "kdiff_sim_mlp_k"))
def mlp_k_monotone(ctx) -> Result:
    sw = _sweep_rows(ctx)
    rows = sw["rows"]
    in_D, bad_D = _trend(rows, "d", "D", +1)  # at fixed d, over D
    in_d, bad_d = _trend(rows, "D", "d", -1)  # at fixed D, over d
    rises, falls = not bad_D, not bad_d
    ev = {"spearman_k_vs_D_at_fixed_d": in_D, "trend_k_vs_d_at_fixed_D": in_d,
          "significant_violations": bad_D + bad_d,
          "table": [{k: v for k, v in r.items() if k != "k_traj"} for r in rows],
          "training": f"MLP width {sw['width']}, {sw['steps']} Adam steps (w_k lr 0.05), v-loss, logit-normal(0,1), "
                      f"clamp 0.05, k from 0.5"}
    trend = (f"Spearman ρ(k, D) at fixed d: {in_D}; ρ(k, d) at fixed D: {in_d}; steps against the trend by more "
             f"than 2 s.e. (seed means): {len(bad_D) + len(bad_d)}")
    if rises and falls:
        return Result("verified", f"Learned k (mean of {len(rows[0]['k_seeds'])} seeds) never moves against the trend "
                      f"beyond noise: it rises with D and falls with d ({trend}). "
                      f"(D, d): learned k vs D/(D+d): {_ks(rows)}.", ev)
    drift = max(r["k_drift_last_20pct"] for r in rows)
    return Result("refuted", f"The trend fails on some slice: {trend}; violations {bad_D + bad_d} (k still moves by up to "
                  f"{drift:.3f} over the last 20% of training). (D, d): learned vs D/(D+d): {_ks(rows)}.", ev)


@claim("kdiff.sim.mlp.learned_k_vs_theory", paper="kdiff", where="§4-5, Thm 3.2 (k-Diff learns k* = D/(D+d))",
       statement="With a nonlinear denoiser on curved manifolds, k-Diff's learned k lands on D/(D+d) (and on the k* "
                 "theory gives for the loss and sampler used).",
       method="simulation", figures=("kdiff_sim_manifold_heatmap", "kdiff_sim_mlp_k"))
def mlp_learned_k(ctx) -> Result:
    sw = _sweep_rows(ctx)
    rows = sw["rows"]
    dev_ratio = max(abs(r["k_learned"] - r["D_over_D_plus_d"]) for r in rows)
    dev_star = max(abs(r["k_learned"] - r["k_star_theory"]) for r in rows)
    drift = max(abs(r["k_drift_last_20pct"]) for r in rows)
    ev = {"table": [{k: v for k, v in r.items() if k != "k_traj"} for r in rows],
          "max_abs_k_minus_D_over_D_plus_d": dev_ratio, "max_abs_k_minus_theory_k_star": dev_star,
          "max_drift_last_20pct_of_training": drift, "steps": sw["steps"]}
    if dev_ratio < 0.03:
        return Result("verified", f"Learned k within {dev_ratio:.3f} of D/(D+d) on every (D, d): {_ks(rows)}.", ev)
    if drift > 0.005:
        return Result("open", f"Not settled within this budget ({sw['steps']} steps): k still moves by up to {drift:.3f} "
                      f"over the last 20% of training (cosine-decayed lr). At the end |k − D/(D+d)| ≤ {dev_ratio:.3f} and "
                      f"|k − k*| ≤ {dev_star:.3f} (k* = 1 for every D > d under the v-loss). For a flexible network the "
                      f"unclamped v-loss does not depend on k at all (v = x − n whatever k), so where k ends is set by "
                      f"capacity, training length and the clamp, not by a stationary point of the linear theory. "
                      f"(D, d): learned vs D/(D+d): {_ks(rows)}.", ev)
    mean_dev = float(np.mean([abs(r["k_learned"] - r["D_over_D_plus_d"]) for r in rows]))
    return Result("corrected", f"Learned k lands near, not on, D/(D+d): |k − D/(D+d)| ≤ {dev_ratio:.3f} (mean {mean_dev:.3f}, "
                  f"seed s.e. ≤ {max(r['k_se'] for r in rows):.3f}); against the k* that theory/ gives for the loss "
                  f"actually used (v-loss, logit-normal(0,1), clamp 0.05: k* = 1 for D > d) it is off by up to "
                  f"{dev_star:.3f}, i.e. the MLP does not follow the linear model's v-loss optimum. (D, d): learned "
                  f"vs D/(D+d): {_ks(rows)}.", ev)


@claim("kdiff.sim.mlp.target_quality", paper="kdiff", where="§5, Tables 1-3 (k-Diff matches or beats fixed targets)",
       statement="k-Diff (learned k) generates samples as good as or better than fixed ε-, v- and x-prediction.",
       method="simulation")
def mlp_target_quality(ctx) -> Result:
    q = quality_run(ctx.scale, ctx.seed)
    groups = {}
    for r in q["rows"]:
        name = "learned k" if r["mode"] == "learn" else {0.0: "ε (k=0)", 0.5: "v (k=0.5)", 1.0: "x (k=1)"}[r["k"]]
        groups.setdefault(name, []).append(r)
    summary = {}
    for name, rr in groups.items():
        off = np.array([r["off_manifold"] for r in rr])
        sw = np.array([r["sliced_w2"] for r in rr])
        summary[name] = {"off_manifold_mean": float(off.mean()), "off_manifold_sd": float(off.std(ddof=1)),
                         "sliced_w2_mean": float(sw.mean()), "sliced_w2_sd": float(sw.std(ddof=1)),
                         "k": [round(r["k"], 4) for r in rr], "seeds": len(rr)}
    fixed = [n for n in summary if n != "learned k"]
    verdicts = {}
    for metric in ("off_manifold", "sliced_w2"):
        best = min(fixed, key=lambda n: summary[n][f"{metric}_mean"])
        a, b = summary["learned k"], summary[best]
        se = math.sqrt((a[f"{metric}_sd"] ** 2 + b[f"{metric}_sd"] ** 2) / a["seeds"])
        verdicts[metric] = {"best_fixed": best, "learned_minus_best": a[f"{metric}_mean"] - b[f"{metric}_mean"],
                            "se": se, "learned_not_worse": a[f"{metric}_mean"] <= b[f"{metric}_mean"] + 2 * se}
    ev = {"manifold": q["manifold"], "steps": q["steps"], "by_target": summary, "comparison": verdicts,
          "sampling": "Heun (ktarget.sample), clamp 0.05; sliced W2 (POT, 200 projections) to fresh data"}
    line = "; ".join(f"{n}: off-manifold {s['off_manifold_mean']:.3f}±{s['off_manifold_sd']:.3f}, SW2 "
                     f"{s['sliced_w2_mean']:.3f}±{s['sliced_w2_sd']:.3f}" for n, s in summary.items())
    if all(v["learned_not_worse"] for v in verdicts.values()):
        return Result("verified", f"On a {q['manifold']} ({summary['learned k']['seeds']} seeds each) learned k is within 2 s.e. of "
                      f"the best fixed target or better on both metrics. {line}.", ev)
    worse = [m for m, v in verdicts.items() if not v["learned_not_worse"]]
    return Result("refuted", f"On a {q['manifold']} learned k (ends at k ≈ {np.mean(summary['learned k']['k']):.3f}) is worse "
                  f"than the best fixed target ({', '.join(verdicts[m]['best_fixed'] + ' on ' + m for m in worse)}) by more "
                  f"than 2 s.e. {line}.", ev)


@claim("kdiff.sim.mlp.intrinsic_dim", paper="kdiff", where="Abstract, §4 (d is intractable; learn k instead)",
       statement="Learning k replaces estimating the intrinsic dimension: learned k carries what D/(D+d̂) from an "
                 "established estimator would give.",
       method="simulation", figures=("kdiff_sim_mlp_k",))
def mlp_intrinsic_dim(ctx) -> Result:
    rows = manifold_sweep(ctx.scale, ctx.seed)["rows"]
    d_err = max(abs(r["d_hat"] - r["d"]) / r["d"] for r in rows)
    gap = [r["k_learned"] - r["D_over_D_plus_dhat"] for r in rows]
    rho = float(stats.spearmanr([r["D_over_D_plus_dhat"] for r in rows], [r["k_learned"] for r in rows])[0])
    ev = {"table": [{"kind": r["kind"], "D": r["D"], "d": r["d"], "d_hat_twonn": round(r["d_hat"], 3),
                     "D_over_D_plus_dhat": round(r["D_over_D_plus_dhat"], 4), "k_learned": round(r["k_learned"], 4)}
                    for r in rows],
          "max_rel_err_d_hat": d_err, "k_minus_D_over_D_plus_dhat": gap, "spearman_k_vs_D_over_D_plus_dhat": rho,
          "estimator": "TwoNN (Facco et al. 2017), 2000 samples, 10% largest ratios censored"}
    detail = (f"TwoNN recovers d to within {100 * d_err:.0f}% on every manifold (d̂ beside d in the table), so on data like "
              f"these d is cheap to estimate. Learned k against D/(D+d̂): Spearman {rho:.2f}, k − D/(D+d̂) from "
              f"{min(gap):+.3f} to {max(gap):+.3f}"
              + (": close in rank, but not an estimate of D/(D+d) to better than 0.05." if max(map(abs, gap)) >= 0.05
                 else "."))
    if d_err < 0.2 and max(abs(g) for g in gap) < 0.05:
        return Result("verified", detail, ev)
    return Result("corrected" if rho > 0.5 else "refuted", detail, ev)
