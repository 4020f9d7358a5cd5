"""Claims of the erd paper checked in App. F's toy world (2D GMM, time as in App. F: t = 0 data, t = 1 noise):
exact Bayes floors, Lemmas C.1/C.2/D.1, Prop. B.1/D.3 on the MLP, the six figures of App. F turned into numbers,
and the main claim (ERD weighting vs baselines) at toy scale."""

from __future__ import annotations

import numpy as np
from scipy import stats

from difftheory.ledger import Result, claim
from difftheory.theory.erd_bayes import gelbrich_lower_bound, w2_coupling_bound
from difftheory.theory.erd_weights import TARGETS, target_coefficients
from difftheory.toy import erd_dynamics as dyn
from difftheory.toy import erd_experiments as ex
from difftheory.toy import ntk
from difftheory.toy.erd_bayes import bayes_floor, bayes_predictor, target_second_moment
from difftheory.toy.erd_schedules import SCHEDULES, alpha_sigma
from difftheory.threads import single_thread
from difftheory.toy.distances import w2
from difftheory.toy.gmm import erd_gmm


def _mc_world(target, schedule, t, n, rng):
    g = erd_gmm()
    a, s = alpha_sigma(schedule, t)
    cx, ce = target_coefficients(target, a, s)
    x0 = g.sample(n, rng)
    eps = rng.standard_normal((n, 2))
    z = a * x0 + s * eps
    return z, cx * x0 + ce * eps


@claim("erd.floors.quadrature", paper="erd", where="App. F.2, Fig. 2 / Fig. 7 (Bayes floor), Eq. (27)",
       statement="The Bayes floor E‖y − E[y|z_t]‖² of every target and schedule, computed exactly (posterior in closed "
                 "form, Gauss–Hermite over z), agrees with a large Monte-Carlo estimate.",
       method="numeric")
def floors_quadrature(ctx):
    rng = np.random.default_rng(ctx.seed)
    n = 50_000 if ctx.quick else 1_000_000
    ev, worst_z, worst_conv = {}, 0.0, 0.0
    for sc in SCHEDULES:
        for tg in TARGETS:
            for t in (0.1, 0.5, 0.9):
                q = bayes_floor(tg, sc, t).sum()
                q2 = bayes_floor(tg, sc, t, nodes=192).sum() if t == 0.5 or not ctx.quick else q
                z, y = _mc_world(tg, sc, t, n, rng)
                err = ((y - bayes_predictor(tg, sc, t, z)) ** 2).sum(1)
                zscore = (err.mean() - q) / (err.std() / np.sqrt(n))
                worst_z = max(worst_z, abs(zscore))
                worst_conv = max(worst_conv, abs(q - q2) / q)
                ev[f"{tg}/{sc}/t={t}"] = {"quadrature": float(q), "monte_carlo": float(err.mean()), "z": float(zscore)}
    ok = worst_z < 5 and worst_conv < 1e-3
    return Result("verified" if ok else "refuted",
                  f"36 (target, schedule, t) cells: Monte-Carlo ({n} draws, exact posterior mean) within {worst_z:.2f} "
                  f"standard errors of the quadrature floor; 96 vs 192 Gauss–Hermite nodes differ by ≤ {worst_conv:.1e} "
                  f"relative ({'t = 0.5 cells' if ctx.quick else 'all cells'}).", {"cells": ev, "max_abs_z": worst_z, "max_node_rel_change": worst_conv, "mc_draws": n})


@claim("erd.lemma_c1.gmm", paper="erd", where="App. C, Lemma C.1; §3.2 Lemma 3.2",
       statement="On erd's GMM, for any predictor r: E‖r − y‖² = floor + E‖r − E[y|z]‖² (cross term zero), and "
                 "E[y|z] minimises the MSE among perturbations.",
       method="numeric")
def lemma_c1_gmm(ctx):
    rng = np.random.default_rng(ctx.seed + 1)
    n = 100_000 if ctx.quick else 1_000_000
    ev, worst = {}, 0.0
    for sc in SCHEDULES:
        for tg in TARGETS:
            t = 0.35
            z, y = _mc_world(tg, sc, t, n, rng)
            fs = bayes_predictor(tg, sc, t, z)
            delta = np.tanh(z[:, ::-1]) + 0.3  # an arbitrary bounded perturbation r − f*
            cross = ((delta) * (fs - y)).sum(1)
            zc = cross.mean() / (cross.std() / np.sqrt(n))
            floor = bayes_floor(tg, sc, t).sum()
            # MSE of f* + c·delta is floor + c² E‖δ‖² − 2c·cross; its minimiser over c
            c_star = cross.mean() / (delta**2).sum(1).mean()
            total = ((fs + delta - y) ** 2).sum(1)
            resid = total.mean() - floor - (delta**2).sum(1).mean()
            worst = max(worst, abs(zc))
            ev[f"{tg}/{sc}"] = {"cross_term_z": float(zc), "argmin_c": float(c_star),
                                "decomposition_residual": float(resid), "floor": float(floor)}
    ok = worst < 5
    return Result("verified" if ok else "refuted",
                  f"Cross term E⟨r − f*, f* − y⟩ within {worst:.2f} standard errors of 0 for all 12 (target, schedule) "
                  f"pairs at t = 0.35 ({n} draws); the MSE-minimising step along the perturbation is ≈ 0 "
                  f"(max |c*| = {max(abs(v['argmin_c']) for v in ev.values()):.1e}).", ev)


@claim("erd.floors.signal_split", paper="erd", where="§3.2 / Fig. 3: ‖E[y|z]‖ vs ‖y − E[y|z]‖",
       statement="(beyond the paper) The recoverable signal and the Bayes noise split the target energy exactly: "
                 "E‖E[y|z]‖² + E‖y − E[y|z]‖² = c_x² E‖x0‖² + c_ε² d.",
       method="numeric")
def floors_signal_split(ctx):
    from difftheory.toy.erd_bayes import signal_and_noise

    worst = 0.0
    for sc in SCHEDULES:
        for tg in TARGETS:
            for t in (0.0, 0.3, 0.7, 1.0):
                s, nn = signal_and_noise(tg, sc, t)
                tot = target_second_moment(tg, sc, t)
                worst = max(worst, abs(s + nn - tot) / tot)
    return Result("verified" if worst < 1e-4 else "refuted",
                  f"Orthogonality (Lemma C.1 with r = 0) holds in the quadrature to {worst:.1e} relative for all targets, "
                  "schedules and t ∈ {0, 0.3, 0.7, 1}.", {"max_rel_err": worst})


@claim("erd.lemma_d1.w2_gmm", paper="erd", where="App. D, Lemma D.1, Eqs. (68)–(70)",
       statement="W2²(q_λ, N(0, σ_max² I)) ≤ α² E‖x0‖² + (σ − σ_max)² d, so q_λ → N(0, σ_max² I) as λ → −∞.",
       method="numeric")
def lemma_d1_w2(ctx):
    g = erd_gmm()
    m2 = target_second_moment("x0", "linear", 0.0)  # E‖x0‖²
    n = 1000 if ctx.quick else 3000
    rng = np.random.default_rng(ctx.seed + 2)
    ref = w2(rng.standard_normal((n, 2)), rng.standard_normal((n, 2))) ** 2  # estimator floor, same n
    ev, ok = {"empirical_floor_W2sq": ref, "n": n}, True
    with single_thread():
        for sc in SCHEDULES:
            for t in (0.5, 0.8, 0.95, 1.0):
                a, s = alpha_sigma(sc, t)
                bound = float(w2_coupling_bound(a, s, 1.0, m2, 2))
                lb = gelbrich_lower_bound(np.zeros(2), (a**2 * m2 / 2 + s**2) * np.eye(2), 1.0)
                zt = a * g.sample(n, rng) + s * rng.standard_normal((n, 2))
                emp = w2(zt, rng.standard_normal((n, 2))) ** 2
                ok &= lb <= bound + 1e-12 and emp <= bound + 3 * ref
                ev[f"{sc}/t={t}"] = {"bound": bound, "gelbrich_lower": lb, "empirical_W2sq": emp}
    lim = {sc: ev[f"{sc}/t=1.0"]["bound"] for sc in SCHEDULES}
    return Result("verified" if ok else "refuted",
                  "The coupling bound dominates the exact Gelbrich lower bound and the empirical W2² (POT, within the "
                  f"estimator floor {ref:.3f}) at every checked t; at t = 1 it is {', '.join(f'{k}: {v:.2e}' for k, v in lim.items())}"
                  " (VP ends at α(1) = e^{-5.05} > 0, so its limit needs the extended schedule of the lemma).", ev)


@claim("erd.lemma_c2.gradient", paper="erd", where="App. C, Lemma C.2, Eq. (36); Prop. D.3, Eqs. (77)–(78)",
       statement="∇ℓ = M Jᵀ(f − f*) + M Jᵀ(f* − y); through f = W h the representation gradient splits the same way "
                 "and ‖∇_ϑ ℓ‖ ≤ M ‖∇_ϑ h‖_F ‖W‖_op (‖r‖ + ‖ξ‖).",
       method="numeric")
def lemma_c2_gradient(ctx):
    gp = ex.global_and_piecewise(ctx.scale, ctx.seed)
    ev, split, ratio = {}, 0.0, 0.0
    with single_thread():
        for m, spec in enumerate(gp["specs"]):
            if spec.schedule != "linear":
                continue
            p = [(W[m].double(), b[m].double()) for W, b in gp["params"]]
            for t in (0.05, 0.5, 0.95):
                z, tt, y, fs = dyn.toy_batch(spec.target, spec.schedule, 16, ctx.seed + 3, t=t)
                r = dyn.gradient_decomposition(p, z, tt, y, fs)
                split = max(split, r["split_max_rel_err"])
                ratio = max(ratio, r["bound_ratio_max"])
                ev[f"{spec.target}/t={t}"] = {"noise_share": r["noise_share_mean"], "residual_rms": r["residual_rms"],
                                              "bayes_noise_rms": r["bayes_noise_rms"], "bound_ratio_max": r["bound_ratio_max"]}
    ok = split < 1e-6 and ratio <= 1 + 1e-9
    shares = {k: round(v["noise_share"], 3) for k, v in ev.items()}
    return Result("verified" if ok else "refuted",
                  f"On the trained global linear-schedule models: the Bayes split of the per-sample representation gradient "
                  f"matches autograd to {split:.1e}; the norm bound holds with max ratio {ratio:.3f} (loose). Bayes-noise "
                  f"share ‖ξ-term‖/(‖r-term‖+‖ξ-term‖): {shares}.", ev)


@claim("erd.prop_b1.ntk_step", paper="erd", where="App. B, Prop. B.1, Eq. (18); App. C, Thm C.4, Eq. (45)",
       statement="Under gradient flow the residual moves by −E[Θ e]; one small gradient step η on a batch changes the "
                 "outputs by −η Θ e / B with an error O(η²); for the Bayes-centred residual, Θ e = Θ r + Θ ξ.",
       method="numeric")
def prop_b1_ntk_step(ctx):
    ev, slopes = {}, []
    with single_thread():
        for tg in TARGETS:
            p = dyn.small_mlp(32, ctx.seed)
            z, t, y, fs = dyn.toy_batch(tg, "linear", 16, ctx.seed + 4)
            ze, te, _, _ = dyn.toy_batch(tg, "linear", 8, ctx.seed + 5)
            r = dyn.ntk_step_errors(p, z, t, y, ze, te, [1e-1, 3e-2, 1e-2, 3e-3, 1e-3])
            r.update(dyn.bayes_split_of_step(p, z, t, y, fs, ze, te))
            slopes.append(r["loglog_slope"])
            ev[tg] = r
    ok = all(1.8 < s < 2.2 for s in slopes) and all(v["relative_error"][-1] < 1e-3 for v in ev.values())
    return Result("verified" if ok else "refuted",
                  f"Width-32 App. F MLP, batch 16: the error of the NTK first-order prediction scales as η^s with "
                  f"s = {', '.join(f'{x:.3f}' for x in slopes)} (targets {', '.join(TARGETS)}); relative error at η = 1e-3 "
                  f"≤ {max(v['relative_error'][-1] for v in ev.values()):.1e}. Contraction ‖Θr‖ vs forcing ‖Θξ‖ per unit "
                  "step: " + ", ".join(f"{k}: {v['contraction_norm']:.3g}/{v['forcing_norm']:.3g}" for k, v in ev.items()) + ".",
                  ev)


@claim("erd.ntk.paths_agree", paper="erd", where="App. F.4 (empirical NTK), Eqs. (2), (14)",
       statement="(tooling) The structured per-layer NTK, jacrev + vmap, a per-sample autograd loop and matrix-free "
                 "Lanczos on NTK-vector products give the same kernel / top eigenvalues.",
       method="numeric")
def ntk_paths(ctx):
    gp = ex.global_and_piecewise(ctx.scale, ctx.seed)
    p = [(W[0].double(), b[0].double()) for W, b in gp["params"]]
    z, t, _, _ = dyn.toy_batch("eps", "linear", 12, ctx.seed + 6)
    with single_thread():
        Ks = ntk.ntk_structured(p, z, t)
        Kj = ntk.ntk_jacrev(p, z, t)
        Kn = ntk.ntk_naive(p, z, t)
        top = ntk.top_eigenvalues(p, z, t, 3)
    ev = {"structured_vs_jacrev": float((Ks - Kj).abs().max() / Kj.abs().max()),
          "structured_vs_naive": float((Ks - Kn).abs().max() / Kn.abs().max()),
          "lanczos_vs_dense_top3": float(np.max(np.abs(top - ntk.eigenvalues(Ks)[:3]) / ntk.eigenvalues(Ks)[:3]))}
    ok = max(ev.values()) < 1e-5
    return Result("verified" if ok else "refuted", f"Max relative disagreement {max(ev.values()):.1e} (float64).", ev)


# ----------------------------------------------------------------------------- App. F figures as numbers
def _phase():
    return ex.phase_space(np.array([0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98]))


@claim("erd.fig8.poles", paper="erd", where="App. F.2, Fig. 3 / Fig. 8; §3.3",
       statement="Bayes noise dominates the recoverable signal at low noise (t → 0) for ε and at high noise (t → 1) "
                 "for x0.", method="numeric", figures=("erd_fig8_phase_space",))
def fig8_poles(ctx):
    ph = _phase()
    ev, ok = {}, True
    for sc in SCHEDULES:
        for tg in ("eps", "x0"):
            sig, noise = ph["norms"][(tg, sc)].T
            ratio = noise / np.maximum(sig, 1e-300)
            ev[f"{tg}/{sc}"] = {"noise_over_signal_t0.02": float(ratio[0]), "noise_over_signal_t0.98": float(ratio[-1])}
            ok &= (ratio[0] > 1 > ratio[-1]) if tg == "eps" else (ratio[0] < 1 < ratio[-1])
    return Result("verified" if ok else "refuted",
                  "Exact RMS norms (quadrature): ε is noise-dominated at t = 0.02 and signal-dominated at 0.98; x0 the "
                  "reverse, in all three schedules.", ev)


@claim("erd.fig8.migration", paper="erd", where="App. F.2, Fig. 8 caption",
       statement="Samples universally migrate from a signal-dominated to a noise-dominated regime as t increases; the "
                 "mixed targets v and u are more balanced.", method="numeric", figures=("erd_fig8_phase_space",))
def fig8_migration(ctx):
    ph = _phase()
    ev = {}
    for sc in SCHEDULES:
        for tg in TARGETS:
            sig, noise = ph["norms"][(tg, sc)].T
            lr = np.log10(noise / np.maximum(sig, 1e-300))
            ev[f"{tg}/{sc}"] = {"log10_noise_over_signal": [round(float(v), 3) for v in lr],
                                "spearman_vs_t": float(stats.spearmanr(ph["ts"], lr)[0]),
                                "max_abs_log10": float(np.abs(lr).max())}
    decreasing = [k for k, v in ev.items() if v["spearman_vs_t"] < 0]
    balance = {tg: max(ev[f"{tg}/{sc}"]["max_abs_log10"] for sc in SCHEDULES) for tg in TARGETS}
    mixed_balanced = max(balance["v"], balance["u"]) < min(balance["eps"], balance["x0"])
    detail = (f"Not universal: the noise/signal ratio falls with t for {', '.join(decreasing)} (ε starts noise-dominated, "
              "E[ε|z_0] = 0, and ends signal-dominated). Mixed targets are "
              f"{'more' if mixed_balanced else 'not more'} balanced: max |log10 noise/signal| over t ∈ [0.02, 0.98]: "
              + ", ".join(f"{k}: {v:.2f}" for k, v in balance.items()) + ".")
    return Result("refuted" if decreasing else "verified", detail, ev)


@claim("erd.fig7.piecewise_vs_global", paper="erd", where="App. F.2, Fig. 2 / Fig. 7 (bottom rows)",
       statement="Piecewise models trained on time bins approach the Bayes floor more closely than the global model "
                 "(excess ratio global/piecewise > 1 per t bin).", method="simulation",
       figures=("erd_fig7_loss_vs_floor",))
def fig7_piecewise(ctx):
    gp = ex.global_and_piecewise(ctx.scale, ctx.seed)
    nb = gp["n_bins"]
    exg = gp["loss_global"] - gp["floor"]
    exp_ = gp["loss_piece"] - gp["floor"]
    floor_scale = gp["floor"].mean(1, keepdims=True)
    ratios, ev = [], {}
    for i, s in enumerate(gp["specs"]):
        rg = np.array([exg[i, gp["bins"] == b].mean() for b in range(nb)])
        rp = np.array([exp_[i, gp["bins"] == b].mean() for b in range(nb)])
        eps = 0.01 * floor_scale[i, 0]  # excess below 1 % of the mean floor counts as "at the floor"
        r = np.maximum(rg, eps) / np.maximum(rp, eps)
        ratios.extend(r)
        ev[f"{s.target}/{s.schedule}"] = {"excess_global": rg.round(4).tolist(), "excess_piecewise": rp.round(4).tolist(),
                                          "ratio": r.round(3).tolist()}
    ratios = np.array(ratios)
    frac = float(np.mean(ratios > 1))
    med = float(np.median(ratios))
    ok = frac >= 0.75 and med > 1
    ev.update({"fraction_bins_ratio_gt_1": frac, "median_ratio": med, "scale": ctx.scale})
    return Result("verified" if ok else "refuted",
                  f"Excess over the exact floor, global / piecewise, over {len(ratios)} (target, schedule, bin) cells: "
                  f"median ratio {med:.2f}, ratio > 1 in {frac:.0%} of cells ({ctx.scale} scale).", ev)


@claim("erd.fig7.loss_domination", paper="erd", where="App. F.2, Fig. 7 (top rows)",
       statement="In the global model the excess over the floor is small where the Bayes floor is large and large where "
                 "the floor is low (e.g. t → 1 for ε).", method="simulation", figures=("erd_fig7_loss_vs_floor",))
def fig7_domination(ctx):
    gp = ex.global_and_piecewise(ctx.scale, ctx.seed)
    exg = gp["loss_global"] - gp["floor"]
    ev, rhos = {}, []
    for i, s in enumerate(gp["specs"]):
        rho = float(stats.spearmanr(gp["floor"][i], exg[i])[0])
        rhos.append(rho)
        lo, hi = np.argmin(gp["floor"][i]), np.argmax(gp["floor"][i])
        ev[f"{s.target}/{s.schedule}"] = {"spearman_floor_vs_excess": rho, "excess_at_min_floor": float(exg[i, lo]),
                                          "excess_at_max_floor": float(exg[i, hi]),
                                          "t_min_floor": float(gp["ts"][lo]), "t_max_floor": float(gp["ts"][hi])}
    eps_end = {s.schedule: float(exg[i, -1]) for i, s in enumerate(gp["specs"]) if s.target == "eps"}
    eps_peak = {s.schedule: float(exg[i].max()) for i, s in enumerate(gp["specs"]) if s.target == "eps"}
    neg = float(np.mean(np.array(rhos) < 0))
    ok = neg >= 0.75
    return Result("verified" if ok else "refuted",
                  f"Spearman correlation of floor and excess across t is negative in {neg:.0%} of the 12 global models "
                  f"(median {np.median(rhos):.2f}). ε at the last t bin: excess {eps_end} vs its peak over t {eps_peak} "
                  f"({ctx.scale} scale).", ev)


@claim("erd.fig9.representation_collapse", paper="erd", where="App. F.3, Fig. 9",
       statement="Hidden representations at t = 0.1, 0.4, 0.7, 0.9 on the t = 0.1 PCA basis collapse from separable "
                 "clusters into an entangled mass that shrinks toward the origin.", method="simulation",
       figures=("erd_fig9_pca",))
def fig9_pca(ctx):
    rp = ex.representations(ctx.scale, ctx.seed)
    ev, shrink, follows = {}, [], []
    for (tg, sc), v in rp["by_model"].items():
        ev[f"{tg}/{sc}"] = {"rms_radius": np.round(v["rms"], 3).tolist(), "separability_h": np.round(v["sep_h"], 3).tolist(),
                            "separability_input": np.round(v["sep_input"], 3).tolist()}
        shrink.append(v["rms"][-1] < v["rms"][0])
        follows.append(max(abs(a - b) for a, b in zip(v["sep_h"], v["sep_input"])))
    sep_last = [v["sep_h"][-1] for v in rp["by_model"].values()]
    collapsed = max(sep_last) < 0.2
    grow = [k for k, s in zip(ev, shrink) if not s]
    detail = (f"Cluster separability of h (between-cluster variance share on the t = 0.1 PCA plane) falls to "
              f"≤ {max(sep_last):.2f} at t = 0.9, but the raw input z_t loses it equally (max |sep_h − sep_input| = "
              f"{max(follows):.2f}): the collapse is the input's information loss, not a degraded representation. "
              f"Shrinking toward the origin holds only for some models; the radius grows for {', '.join(grow) or 'none'}.")
    verdict = "verified" if collapsed and not grow and max(follows) > 0.3 else "corrected" if collapsed else "refuted"
    return Result(verdict, detail, ev)


def _ntk_rows(ctx):
    return ex.ntk_study(ctx.scale, ctx.seed)


@claim("erd.fig10.eigen_decay", paper="erd", where="App. F.4, Fig. 10 / Fig. 4b",
       statement="For x0 and u the top NTK eigenvalues drop monotonically over several orders of magnitude as t → 1.",
       method="simulation", figures=("erd_fig10_ntk_eigs",))
def fig10_decay(ctx):
    st = _ntk_rows(ctx)
    ev, ok = {}, True
    for m, s in enumerate(st["specs"]):
        if s.target not in ("x0", "u"):
            continue
        k1 = st["top3"][m, :, 0]
        drop = float(np.log10(k1.max() / k1[-1]))
        rho = float(stats.spearmanr(st["ts"], k1)[0])
        ev[f"{s.target}/{s.schedule}"] = {"log10_drop_max_to_last": drop, "spearman_vs_t": rho,
                                         "kappa1": np.round(k1, 4).tolist()}
        ok &= drop >= 2 and rho < -0.8
    return Result("verified" if ok else "refuted",
                  "Top eigenvalue of Θ/n (fixed-noise kernel on n inputs z_t): decades of decline from its maximum to "
                  f"t = {st['ts'][-1]:g}: " + ", ".join(f"{k}: {v['log10_drop_max_to_last']:.2f} (ρ = {v['spearman_vs_t']:.2f})"
                                                        for k, v in ev.items()) + f" ({ctx.scale} scale).", ev)


@claim("erd.fig10.eps_u_shape", paper="erd", where="App. F.4, Fig. 10",
       statement="The ε spectrum is U-shaped: its top eigenvalue rises again at high noise.", method="simulation",
       figures=("erd_fig10_ntk_eigs",))
def fig10_u_shape(ctx):
    st = _ntk_rows(ctx)
    ev, ok = {}, True
    for m, s in enumerate(st["specs"]):
        if s.target != "eps":
            continue
        k1 = st["top3"][m, :, 0]
        mid = k1[1:-1].min()
        ev[s.schedule] = {"first_over_min_middle": float(k1[0] / mid), "last_over_min_middle": float(k1[-1] / mid),
                          "kappa1": np.round(k1, 4).tolist()}
        ok &= k1[0] / mid > 1.2 and k1[-1] / mid > 1.2
    return Result("verified" if ok else "refuted",
                  "ε top eigenvalue, end / minimum over the interior t: " + ", ".join(
                      f"{k}: start {v['first_over_min_middle']:.2f}, end {v['last_over_min_middle']:.2f}" for k, v in ev.items())
                  + f" (U shape needs both > 1.2; {ctx.scale} scale).", ev)


@claim("erd.fig11.effective_rank", paper="erd", where="App. F.4, Fig. 11",
       statement="The Shannon effective rank of the NTK plummets toward near-singularity as t → 1.",
       method="simulation", figures=("erd_fig11_effective_rank",))
def fig11_rank(ctx):
    st = _ntk_rows(ctx)
    last = st["erank"][:, -1]
    peak = st["erank"].max(1)
    ev = {f"{s.target}/{s.schedule}": {"erank": np.round(st["erank"][m], 3).tolist()} for m, s in enumerate(st["specs"])}
    ev.update({"erank_last_min": float(last.min()), "erank_last_max": float(last.max()),
               "last_over_peak_median": float(np.median(last / peak))})
    ok = last.max() < 1.5
    return Result("verified" if ok else "refuted",
                  f"Effective rank exp(H(λ/Σλ)) of Θ/n at t = {st['ts'][-1]:g}: {last.min():.2f}–{last.max():.2f} "
                  f"(near-singular would be ≈ 1); median last/peak over t {np.median(last / peak):.2f} ({ctx.scale} scale).",
                  ev)


@claim("erd.fig12.homogenization", paper="erd", where="App. F.4, Fig. 12",
       statement="The normalized NTK Gram is block-diagonal by cluster at t = 0.05 and homogenizes toward a uniform "
                 "(rank-one) matrix at t = 0.95.", method="simulation", figures=("erd_fig12_ntk_gram",))
def fig12_gram(ctx):
    st = _ntk_rows(ctx)
    ev, contrast_drop, homog = {}, [], []
    for s in st["specs"]:
        c0, o0 = ex.block_contrast(*st["grams"][(s.target, s.schedule, 0.05)])
        c1, o1 = ex.block_contrast(*st["grams"][(s.target, s.schedule, 0.95)])
        ev[f"{s.target}/{s.schedule}"] = {"block_contrast_t0.05": c0, "block_contrast_t0.95": c1,
                                         "mean_cosine_t0.05": o0, "mean_cosine_t0.95": o1}
        contrast_drop.append(c1 < c0)
        homog.append(o1 > o0)
    frac_drop, frac_h = float(np.mean(contrast_drop)), float(np.mean(homog))
    mean_cos = float(np.mean([v["mean_cosine_t0.95"] for v in ev.values()]))
    ok = frac_drop >= 0.75 and frac_h >= 0.75
    return Result("verified" if ok else "refuted",
                  f"Block contrast (within − between cluster gradient cosine) falls from t = 0.05 to 0.95 in "
                  f"{frac_drop:.0%} of models, mean cosine rises in {frac_h:.0%} (mean at 0.95: {mean_cos:.2f}). At 0.95 "
                  "z_t barely depends on the cluster, so the loss of block structure is expected of any smooth model.", ev)


@claim("erd.main.weighting", paper="erd", where="§3.4, §4.3 / Fig. 6 (ERD vs uniform, Min-SNR, P2), at toy scale",
       statement="ERD's effective-amplitude weighting improves training over uniform, Min-SNR-5 and P2 (sample W2 to "
                 "data, loss excess over the Bayes floor), same MLP, targets, schedules and iterations.",
       method="simulation", figures=("erd_weighting_comparison",))
def main_weighting(ctx):
    wc = ex.weighting_comparison(ctx.scale, ctx.seed)
    cfg = ex.get_scale(ctx.scale)
    specs = wc["specs"]
    w2sum = ex.paired_summary(wc["w2"], specs, cfg.seeds)
    exc = ex.paired_summary(wc["excess"].mean(1), specs, cfg.seeds)
    per_bin = {}
    for b in range(wc["n_bins"]):
        per_bin[f"bin{b}"] = {w: float(np.mean([wc["excess_bins"][i, b] for i, s in enumerate(specs) if s.weighting == w]))
                              for w in ex.COMPARED_WEIGHTINGS}
    better = all(v[2] < 0 for v in w2sum["erd_minus"].values())
    worse = [k for k, v in w2sum["erd_minus"].items() if v[1] > 0]
    table = "; ".join(f"{w}: W2 {v[0]:.3f} [{v[1]:.3f}, {v[2]:.3f}]" for w, v in w2sum["by_weighting"].items())
    diffs = "; ".join(f"{k}: {v[0]:+.3f} [{v[1]:+.3f}, {v[2]:+.3f}]" for k, v in w2sum["erd_minus"].items())
    detail = (f"{ctx.scale} scale, {cfg.seeds} seeds, schedules {', '.join(cfg.cmp_schedules)}, all 4 targets, "
              f"{cfg.train.iterations} iterations: mean W2 (95% CI over seeds) {table}; paired ERD − baseline {diffs}; "
              f"data-vs-data W2 at the same n {np.mean(wc['w2_data_vs_data']):.3f}. Mean unweighted loss excess over the "
              "exact floor: " + "; ".join(f"{w}: {v[0]:.3f}" for w, v in exc["by_weighting"].items())
              + "; paired ERD − baseline " + "; ".join(f"{k}: {v[0]:+.3f} [{v[1]:+.3f}, {v[2]:+.3f}]"
                                                     for k, v in exc["erd_minus"].items())
              + " (unweighted MSE is what uniform weighting optimises). ")
    if better:
        verdict, detail = "verified", detail + "ERD is better than every baseline (paired CIs below 0)."
    elif worse:
        verdict = "refuted"
        detail += f"ERD is significantly worse than {', '.join(worse)} at this scale."
    else:
        verdict = "open"
        detail += ("Not resolved at this scale and seed count: the paired 95% intervals of ERD − baseline include 0 for "
                   "at least one baseline, so no improvement is established (nor a deterioration).")
    return Result(verdict, detail, {"w2": w2sum, "mean_excess": exc, "excess_per_bin": per_bin,
                                    "w2_data_vs_data": wc["w2_data_vs_data"]})
