"""Claims of the erd paper checked in App. F's toy world (2D GMM, time as in App. F: t = 0 data, t = 1 noise)
that need no training or hold for any parameters: the exact Bayes floors, Lemmas C.1 / D.1 on the GMM, Fig. 8's
phase space, and on the App. F MLP the gradient split of Lemma C.2 / Prop. D.3, the NTK step of Prop. B.1 and our
NTK tooling. Fig. 7 is in ``claims_erd_fig7.py``, Figs. 9–12 in ``claims_erd_ntk.py``, the weighting comparison in
``claims_erd_weighting.py`` (split so the verify workers can balance them; they share trained models through
``difftheory/cache.py``).

Each claim is an evidence function (the registered one) and a ``decide_*`` function that maps its evidence to a
verdict by the rule in ``criteria``. ``resolved`` is the shared rule of the training-based claims here: a margin
decides only when it exceeds both DRIFT_ROOM × its drift over the last 20 % of training and its sampling noise. The
App. F networks keep the paper's budget (2000 iterations; training longer would change the experiment the paper
reports), so where the drift is not well inside a margin the verdict is `open`, never decided at the drift itself."""

from __future__ import annotations

import math

import numpy as np
import torch
from scipy import stats

from difftheory.decide import within
from difftheory.ledger import Decision, claim
from difftheory.training import DRIFT_ROOM
from difftheory.theory.erd_bayes_lemmas import gelbrich_lower_bound, w2_coupling_bound
from difftheory.theory.gmm import erd_gmm
from difftheory.theory.schedules import ERD_SCHEDULES as SCHEDULES, erd_schedule
from difftheory.theory.target_conversions import ERD_TARGETS, erd_target_coefficients
from difftheory.threads import single_thread
from difftheory.toy import erd_gradients
from difftheory.toy import erd_experiments
from difftheory.toy import ntk
from difftheory.toy.distances import w2
from difftheory.toy.erd_gmm_floor import ACCURACY, DEFAULT_NODES, MAX_NODES, bayes_floor, bayes_predictor, target_second_moment

# With 36 (or 12) cells, a correct Monte-Carlo estimate exceeds 5 standard errors with probability < 1e-4.
Z_MAX = 5.0
SPLIT_TOL = 1e-8  # float64 autograd vs the analytic split: round-off is ~1e-15
PATHS_TOL = 1e-8  # float64 kernels by different algorithms: round-off is ~1e-14
BOUND_SLACK = 1e-9  # relative slack on "≤" for float64 norms
# Taylor: the first-order NTK prediction misses by O(η²), so log error vs log η has slope 2; ±0.2 absorbs round-off
# at the smallest η (1e-3) in float64; a wrong first-order term would give slope ≈ 1.
SLOPE_RANGE = (1.8, 2.2)
FIRST_ORDER_REL = 1e-3  # relative error of the first-order prediction at η = 1e-3 (O(η) = 1e-3 × a few)
LIMIT_TOL = 1e-12  # "→ 0": the Lemma D.1 bound at λ = −40 (α² ≈ 4e-18) must be below this


def _f(x, fmt=".3g"):
    return "n/a" if x is None else format(x, fmt)


def resolved(margin, drift=0.0, noise=0.0) -> int:
    """+1 when ``margin`` > 0 by more than both DRIFT_ROOM·|drift| and |noise|, −1 when it is < 0 by more, 0 otherwise
    (not finite, or within DRIFT_ROOM × the drift over the last 20 % of training or the sampling noise: undecided)."""
    vals = [margin, drift, noise]
    if any(v is None or not math.isfinite(v) for v in vals):
        return 0
    slack = max(DRIFT_ROOM * abs(drift), abs(noise))
    if abs(margin) <= slack:
        return 0
    return 1 if margin > 0 else -1


def seed_noise(values) -> float | None:
    """Half-width of a 95% interval for the seed-mean of a statistic measured on ONE training seed, taking the
    seed-to-seed s.d. from the replicated cell's values: t(0.975, S − 1) · sd. None (undecidable) with < 2 replicates."""
    v = [float(x) for x in values if x is not None and math.isfinite(x)]
    if len(v) < 2:
        return None
    return float(stats.t.ppf(0.975, len(v) - 1) * np.std(v, ddof=1))


def worst(*noises):
    """The largest of several noise terms (None — not measurable — makes the margin undecidable)."""
    return None if any(n is None for n in noises) else float(max(abs(n) for n in noises))


def verdict_of(signs) -> str:
    """All pass → verified; any resolved failure → refuted; otherwise open."""
    signs = list(signs)
    return "refuted" if any(s < 0 for s in signs) else "verified" if signs and all(s > 0 for s in signs) else "open"


def _mc_world(target, schedule, t, n, rng):
    g = erd_gmm()
    a, s = erd_schedule(schedule).alpha_sigma(t)
    cx, ce = erd_target_coefficients(target, a, s)
    x0 = g.sample(n, rng)
    eps = rng.standard_normal((n, 2))
    z = a * x0 + s * eps
    return z, cx * x0 + ce * eps


# ----------------------------------------------------------------------------------------- exact floors
def decide_floors_quadrature(ev) -> Decision:
    conv = within(ev["max_node_rel_change"], ACCURACY)
    mc = within(ev["max_abs_z"], Z_MAX)
    if not (conv and mc):
        return Decision("error", f"Our quadrature floor and our Monte-Carlo estimate disagree: max |z| = "
                                 f"{_f(ev['max_abs_z'])} (limit {Z_MAX:g}), {ev['nodes']} vs {ev['nodes_check']} nodes "
                                 f"differ by {_f(ev['max_node_rel_change'], '.1e')} of the energy (limit {ACCURACY:g}): "
                                 "a bug here, not in the paper.")
    return Decision("verified", f"{len(ev['cells'])} (target, schedule, t) cells: Monte-Carlo ({ev['mc_draws']} draws, "
                                f"exact posterior mean) within {ev['max_abs_z']:.2f} standard errors of the quadrature "
                                f"floor; {ev['nodes']} vs {ev['nodes_check']} Gauss–Hermite nodes differ by ≤ "
                                f"{ev['max_node_rel_change']:.1e} of the target energy.")


@claim("erd.floors.quadrature", paper="erd", where="App. F.2, Fig. 2 / Fig. 7 (analytical Bayes floor), Eq. (27)",
       statement="The Bayes floor E‖y − E[y|z_t]‖² of every target and schedule, computed exactly (posterior in closed "
                 "form, Gauss–Hermite over z), agrees with a large Monte-Carlo estimate.",
       method="numeric", equations=("Eq. (27)", "Fig. 7"),
       assumptions=("App. F.1 data: 4 isotropic clusters at (±2, ±2), σ0 = 0.3",),
       criteria=f"verified iff the Monte-Carlo mean squared error of the exact posterior mean is within {Z_MAX:g} "
                f"standard errors of the quadrature floor in every cell and doubling the nodes changes the floor by ≤ "
                f"{ACCURACY:g} of the target energy; error otherwise (our two computations disagree).",
       decide=decide_floors_quadrature)
def floors_quadrature(ctx):
    rng = np.random.default_rng(ctx.seed)
    n = 50_000 if ctx.quick else 300_000  # s.e. of the MC floor ≈ 0.2 % of it at 300 000 draws
    ev, worst_z, worst_conv = {}, 0.0, 0.0
    for sc in SCHEDULES:
        for tg in ERD_TARGETS:
            for t in (0.1, 0.5, 0.9):
                q = bayes_floor(tg, sc, t).sum()
                q2 = bayes_floor(tg, sc, t, nodes=MAX_NODES).sum()
                z, y = _mc_world(tg, sc, t, n, rng)
                err = ((y - bayes_predictor(tg, sc, t, z)) ** 2).sum(1)
                zscore = (err.mean() - q) / (err.std() / np.sqrt(n))
                worst_z = max(worst_z, abs(zscore))
                worst_conv = max(worst_conv, abs(q - q2) / target_second_moment(tg, sc, t))
                ev[f"{tg}/{sc}/t={t}"] = {"quadrature": float(q), "monte_carlo": float(err.mean()), "z": float(zscore)}
    return {"cells": ev, "max_abs_z": worst_z, "max_node_rel_change": worst_conv, "mc_draws": n,
            "nodes": DEFAULT_NODES, "nodes_check": MAX_NODES}


def decide_lemma_c1_gmm(ev) -> Decision:
    ok = within(ev["max_abs_cross_z"], Z_MAX) and within(ev["max_abs_residual_z"], Z_MAX)
    if not ok:
        return Decision("error", f"On the GMM the cross term or the decomposition residual is {_f(ev['max_abs_cross_z'])} / "
                                 f"{_f(ev['max_abs_residual_z'])} standard errors from 0 (limit {Z_MAX:g}); Lemma C.1 is "
                                 "proved symbolically (erd.lemma_c1.symbolic), so our exact posterior is wrong: a bug here.")
    return Decision("verified", f"Cross term E⟨r − f*, f* − y⟩ within {ev['max_abs_cross_z']:.2f} and the residual of "
                                f"E‖r − y‖² = floor + E‖r − f*‖² within {ev['max_abs_residual_z']:.2f} standard errors "
                                f"of 0 for all {len(ev['pairs'])} (target, schedule) pairs at t = {ev['t']} "
                                f"({ev['draws']} draws); the MSE-minimising step along the perturbation is "
                                f"max |c*| = {ev['max_abs_argmin_c']:.1e}.")


@claim("erd.lemma_c1.gmm", paper="erd", where="App. C, Lemma C.1; §3.2 Lemma 3.2",
       statement="On erd's GMM, for any predictor r: E‖r − y‖² = floor + E‖r − E[y|z]‖² (cross term zero), and "
                 "E[y|z] minimises the MSE among perturbations.",
       method="numeric", equations=("Lemma C.1", "Lemma 3.2", "Eq. (28)"),
       assumptions=("E‖y‖² < ∞", "f* = E[y | z_t] exactly"),
       criteria=f"verified iff, for a bounded perturbation r − f*, the Monte-Carlo cross term and the decomposition "
                f"residual are within {Z_MAX:g} standard errors of 0 for all 12 (target, schedule) pairs; error "
                "otherwise (the lemma is proved symbolically, so a failure is our posterior's).",
       decide=decide_lemma_c1_gmm)
def lemma_c1_gmm(ctx):
    rng = np.random.default_rng(ctx.seed + 1)
    n = 100_000 if ctx.quick else 300_000
    t = 0.35
    ev = {}
    for sc in SCHEDULES:
        for tg in ERD_TARGETS:
            z, y = _mc_world(tg, sc, t, n, rng)
            fs = bayes_predictor(tg, sc, t, z)
            delta = np.tanh(z[:, ::-1]) + 0.3  # an arbitrary bounded perturbation r − f*
            cross = (delta * (fs - y)).sum(1)
            floor = bayes_floor(tg, sc, t).sum()
            # per sample ‖f* + δ − y‖² − ‖δ‖² = ‖f* − y‖² + 2⟨δ, f* − y⟩: its mean minus the floor is the residual
            resid = ((fs - y) ** 2).sum(1) + 2 * cross
            ev[f"{tg}/{sc}"] = {"cross_term_z": float(cross.mean() / (cross.std() / np.sqrt(n))),
                                "residual_z": float((resid.mean() - floor) / (resid.std() / np.sqrt(n))),
                                "argmin_c": float(cross.mean() / (delta**2).sum(1).mean()), "floor": float(floor)}
    return {"pairs": ev, "t": t, "draws": n, "max_abs_cross_z": max(abs(v["cross_term_z"]) for v in ev.values()),
            "max_abs_residual_z": max(abs(v["residual_z"]) for v in ev.values()),
            "max_abs_argmin_c": max(abs(v["argmin_c"]) for v in ev.values())}


def decide_signal_split(ev) -> Decision:
    if not within(ev["max_rel_err"], ACCURACY):
        return Decision("error", f"Signal + floor misses the target energy by {_f(ev['max_rel_err'], '.1e')} of it "
                                 f"(limit {ACCURACY:g}) at {ev['worst']}: our quadrature is off (the identity is exact).")
    return Decision("verified", f"E‖E[y|z]‖² + E‖y − E[y|z]‖² = c_x² E‖x0‖² + c_ε² d to {ev['max_rel_err']:.1e} of the "
                                f"target energy for all targets, schedules and t ∈ {ev['ts']} ({ev['nodes']} nodes).")


@claim("erd.beyond.signal_split", paper="erd", where="§3.2 / Fig. 3: ‖E[y|z]‖ vs ‖y − E[y|z]‖",
       statement="(beyond the paper) The recoverable signal and the Bayes noise split the target energy exactly: "
                 "E‖E[y|z]‖² + E‖y − E[y|z]‖² = c_x² E‖x0‖² + c_ε² d.",
       method="numeric", equations=("Lemma C.1", "Fig. 3"),
       assumptions=("x0 ⟂ ε, E ε = 0",),
       criteria=f"verified iff the quadrature's signal + floor equals the closed-form target energy to {ACCURACY:g} of "
                "it for every target, schedule and t ∈ {0, 0.3, 0.7, 1}; error otherwise (an exact identity: a miss is "
                "our quadrature's).",
       decide=decide_signal_split)
def signal_split(ctx):
    from difftheory.toy.erd_gmm_floor import signal_and_noise

    worst, where = 0.0, ""
    ts = (0.0, 0.3, 0.7, 1.0)
    for sc in SCHEDULES:
        for tg in ERD_TARGETS:
            for t in ts:
                s, nn = signal_and_noise(tg, sc, t)
                tot = target_second_moment(tg, sc, t)
                if abs(s + nn - tot) / tot >= worst:
                    worst, where = abs(s + nn - tot) / tot, f"{tg}/{sc}/t={t}"
    return {"max_rel_err": worst, "worst": where, "ts": list(ts), "nodes": DEFAULT_NODES}


# ----------------------------------------------------------------------------------------- Lemma D.1
def decide_lemma_d1_w2(ev) -> Decision:
    exact_bad = [k for k, v in ev["cells"].items() if v["gelbrich_lower"] > v["bound"] * (1 + BOUND_SLACK) + 1e-12]
    emp_bad = [k for k, v in ev["cells"].items() if v["empirical_W2sq"] > v["bound"] + 3 * ev["empirical_floor_W2sq"]]
    limit = ev["bound_at_lambda"][-1][1]
    lim_ok = limit is not None and limit < LIMIT_TOL
    lims = ", ".join(f"{k}: {v:.2e}" for k, v in ev["bound_at_t1"].items())
    short = [k for k, v in ev["bound_at_t1"].items() if v is not None and v >= LIMIT_TOL]
    if exact_bad or not lim_ok:
        return Decision("refuted", f"The coupling bound fails: the exact Gelbrich lower bound exceeds it at "
                                   f"{', '.join(exact_bad) or 'no cell'}; at λ = {ev['bound_at_lambda'][-1][0]} the bound is "
                                   f"{_f(limit, '.2e')} (must be < {LIMIT_TOL:g} for q_λ → N(0, σ_max² I)).")
    if emp_bad:
        return Decision("open", f"The empirical W2² (n = {ev['n']}) exceeds the bound by more than 3 estimator floors "
                                f"({ev['empirical_floor_W2sq']:.3f}) at {', '.join(emp_bad)}; the exact Gelbrich lower "
                                "bound is below it everywhere. More samples would settle it.")
    return Decision("verified", f"The coupling bound α²E‖x0‖² + (σ − σ_max)²d dominates the exact Gelbrich lower bound "
                                f"and the empirical W2² (POT, n = {ev['n']}, within 3 estimator floors "
                                f"{ev['empirical_floor_W2sq']:.3f}) at all {len(ev['cells'])} (schedule, t) cells; along "
                                f"VP-type (α² + σ² = 1) schedules it falls to {limit:.1e} at λ = {ev['bound_at_lambda'][-1][0]}. "
                                f"At t = 1: {lims}" + (f" ({', '.join(short)} ends before λ = −∞: the limit needs the "
                                                       "schedule extended)." if short else "."))


@claim("erd.lemma_d1.w2_gmm", paper="erd", where="App. D, Lemma D.1, Eqs. (68)–(70)",
       statement="W2²(q_λ, N(0, σ_max² I)) ≤ α² E‖x0‖² + (σ − σ_max)² d, so q_λ → N(0, σ_max² I) as λ → −∞.",
       method="numeric", equations=("Lemma D.1", "Eq. (68)", "Eq. (69)", "Eq. (70)"),
       assumptions=("x0 ⟂ ε", "E‖x0‖² < ∞", "α → 0 and σ → σ_max as λ → −∞"),
       criteria="refuted iff the exact Gelbrich lower bound on W2² exceeds the coupling bound at some (schedule, t), or "
                f"the bound at λ = −40 on a VP-type schedule is not below {LIMIT_TOL:g}; open iff only the empirical W2² "
                "(POT) exceeds the bound by more than 3 estimator floors; verified otherwise.",
       decide=decide_lemma_d1_w2)
def lemma_d1_w2(ctx):
    g = erd_gmm()
    m2 = target_second_moment("x0", "linear", 0.0)  # E‖x0‖²
    n = 1000 if ctx.quick else 2000
    rng = np.random.default_rng(ctx.seed + 2)
    ref = w2(rng.standard_normal((n, 2)), rng.standard_normal((n, 2))) ** 2  # estimator floor, same n
    cells = {}
    with single_thread():
        for sc in SCHEDULES:
            for t in (0.5, 0.8, 0.95, 1.0):
                a, s = erd_schedule(sc).alpha_sigma(t)
                bound = float(w2_coupling_bound(a, s, 1.0, m2, 2))
                lb = gelbrich_lower_bound(np.zeros(2), (a**2 * m2 / 2 + s**2) * np.eye(2), 1.0)
                zt = a * g.sample(n, rng) + s * rng.standard_normal((n, 2))
                cells[f"{sc}/t={t}"] = {"bound": bound, "gelbrich_lower": lb,
                                        "empirical_W2sq": w2(zt, rng.standard_normal((n, 2))) ** 2}
    lam = []
    for L in (-5.0, -10.0, -20.0, -40.0):  # VP-type: α² = sigmoid(λ), σ² = sigmoid(−λ)
        a, s = math.sqrt(1 / (1 + math.exp(-L))), math.sqrt(1 / (1 + math.exp(L)))
        lam.append([L, float(w2_coupling_bound(a, s, 1.0, m2, 2))])
    return {"cells": cells, "empirical_floor_W2sq": ref, "n": n, "bound_at_lambda": lam,
            "bound_at_t1": {sc: cells[f"{sc}/t=1.0"]["bound"] for sc in SCHEDULES}}


# ----------------------------------------------------------------------------------------- Lemma C.2 / Prop. B.1
def decide_lemma_c2(ev) -> Decision:
    if not (within(ev["split_max_rel_err"], SPLIT_TOL) and within(ev["frobenius_twin_rel_err"], SPLIT_TOL)):
        return Decision("error", f"The vector–Jacobian split of the representation gradient differs from autograd by "
                                 f"{_f(ev['split_max_rel_err'], '.1e')}, or the layer-signal ‖∇_ϑ h‖_F from the full "
                                 f"Jacobian by {_f(ev['frobenius_twin_rel_err'], '.1e')} (limit {SPLIT_TOL:g}): a bug here.")
    shares = ", ".join(f"{k}: {v['noise_share']:.3f}" for k, v in ev["cells"].items())
    if ev["bound_ratio_max"] is None or ev["bound_ratio_max"] > 1 + BOUND_SLACK:
        return Decision("refuted", f"‖∇_ϑ ℓ‖ exceeds M ‖∇_ϑ h‖_F ‖W‖_op (‖r‖ + ‖ξ‖) (Eq. 78): max ratio "
                                   f"{_f(ev['bound_ratio_max'], '.4f')} > 1 on the trained models.")
    return Decision("verified", f"On the trained global {ev['schedule']}-schedule models ({ev['scale']} scale): the Bayes "
                                f"split of the per-sample representation gradient matches autograd to "
                                f"{ev['split_max_rel_err']:.1e}; the norm bound holds with max ratio "
                                f"{ev['bound_ratio_max']:.3f}. Bayes-noise share ‖ξ-term‖/(‖r-term‖+‖ξ-term‖): {shares}.")


@claim("erd.lemma_c2.gradient", paper="erd", where="App. C, Lemma C.2, Eq. (36); Prop. D.3, Eqs. (77)–(78)",
       statement="∇ℓ = M Jᵀ(f − f*) + M Jᵀ(f* − y); through f = W h the representation gradient splits the same way "
                 "and ‖∇_ϑ ℓ‖ ≤ M ‖∇_ϑ h‖_F ‖W‖_op (‖r‖ + ‖ξ‖).",
       method="numeric", equations=("Lemma C.2", "Eq. (36)", "Prop. D.3", "Eq. (77)", "Eq. (78)"),
       assumptions=("f = W h with a linear head", "squared loss ½M‖f − y‖²"),
       criteria=f"error iff the vector–Jacobian split differs from autograd, or the layer-signal ‖∇_ϑ h‖_F from the full "
                f"Jacobian, by more than {SPLIT_TOL:g} (float64); refuted iff "
                f"the gradient norm exceeds the Eq. (78) bound (ratio > 1 + {BOUND_SLACK:g}) on any sample; verified "
                "otherwise. Checked on the trained global linear-schedule models at t = 0.05, 0.5, 0.95.",
       decide=decide_lemma_c2)
def lemma_c2_gradient(ctx):
    gm = erd_experiments.global_models(ctx.scale, ctx.seed)
    cells, split, ratio, twin = {}, 0.0, 0.0, None
    with single_thread():
        for m, spec in enumerate(gm["specs"]):
            if spec.schedule != "linear":
                continue
            p = erd_experiments.one(gm["params"], m, torch.float64)
            for t in (0.05, 0.5, 0.95):
                z, tt, y, fs = erd_gradients.toy_batch(spec.target, spec.schedule, 16, ctx.seed + 3, t=t)
                r = erd_gradients.gradient_decomposition(p, z, tt, y, fs)
                split = max(split, r["split_max_rel_err"])
                ratio = max(ratio, r["bound_ratio_max"])
                cells[f"{spec.target}/t={t}"] = {"noise_share": r["noise_share_mean"], "residual_rms": r["residual_rms"],
                                                 "bayes_noise_rms": r["bayes_noise_rms"],
                                                 "bound_ratio_max": r["bound_ratio_max"]}
                if twin is None:  # the layer-signal Frobenius norm against the full Jacobian on two samples
                    ref = erd_gradients.jacobian_frobenius_reference(p, z[:2], tt[:2])
                    twin = float((torch.tensor(r["jacobian_frobenius"][:2], dtype=torch.float64) - ref).abs().max() / ref.max())
    return {"cells": cells, "split_max_rel_err": split, "bound_ratio_max": ratio, "frobenius_twin_rel_err": twin,
            "schedule": "linear", "scale": ctx.scale}


def decide_prop_b1(ev) -> Decision:
    slopes = ev["loglog_slopes"]
    lo, hi = SLOPE_RANGE
    ok_slope = all(s is not None and lo <= s <= hi for s in slopes.values())
    ok_small = within(ev["max_rel_error_smallest_eta"], FIRST_ORDER_REL)
    shown = ", ".join(f"{k}: {v:.3f}" for k, v in slopes.items())
    forcing = ", ".join(f"{k}: {v['contraction_norm']:.3g}/{v['forcing_norm']:.3g}" for k, v in ev["targets"].items())
    if ok_slope and ok_small:
        return Decision("verified", f"Width-{ev['width']} App. F MLP, batch {ev['batch']}: the error of the NTK "
                                    f"first-order prediction −ηΘe/B scales as η^s with s = {shown}; relative error at "
                                    f"η = {ev['smallest_eta']:g} ≤ {ev['max_rel_error_smallest_eta']:.1e}. Contraction "
                                    f"‖Θr‖ vs Bayes forcing ‖Θξ‖ per unit step: {forcing}.")
    return Decision("refuted", f"The first-order prediction −ηΘe/B does not match one gradient step to second order: "
                               f"log-log slopes {shown} (second order needs {lo}–{hi}), relative error at "
                               f"η = {ev['smallest_eta']:g}: {_f(ev['max_rel_error_smallest_eta'], '.1e')}.")


@claim("erd.prop_b1.ntk_step", paper="erd", where="App. B, Prop. B.1, Eq. (18); App. C, Thm C.4, Eq. (45)",
       statement="Under gradient flow the residual moves by −E[Θ e]; one small gradient step η on a batch changes the "
                 "outputs by −η Θ e / B with an error O(η²); for the Bayes-centred residual, Θ e = Θ r + Θ ξ.",
       method="numeric", equations=("Prop. B.1", "Eq. (18)", "Thm C.4", "Eq. (45)"),
       assumptions=("differentiable network", "squared loss", "small step (Euler step of the flow)"),
       criteria=f"verified iff for every target the log-log slope of the prediction error against η (0.1 … 0.001) "
                f"lies in [{SLOPE_RANGE[0]}, {SLOPE_RANGE[1]}] (second order) and the relative error at η = 1e-3 is ≤ "
                f"{FIRST_ORDER_REL:g}; refuted otherwise.",
       decide=decide_prop_b1)
def prop_b1_ntk_step(ctx):
    targets = {}
    with single_thread():
        for tg in ERD_TARGETS:
            p = erd_gradients.small_mlp(32, ctx.seed)
            z, t, y, fs = erd_gradients.toy_batch(tg, "linear", 16, ctx.seed + 4)
            ze, te, _, _ = erd_gradients.toy_batch(tg, "linear", 8, ctx.seed + 5)
            r = erd_gradients.ntk_step_errors(p, z, t, y, ze, te, [1e-1, 3e-2, 1e-2, 3e-3, 1e-3])
            r.update(erd_gradients.bayes_split_of_step(p, z, t, y, fs, ze, te))
            targets[tg] = r
    return {"targets": targets, "loglog_slopes": {k: v["loglog_slope"] for k, v in targets.items()},
            "max_rel_error_smallest_eta": max(v["relative_error"][-1] for v in targets.values()),
            "smallest_eta": 1e-3, "width": 32, "batch": 16}


def decide_ntk_paths(ev) -> Decision:
    worst = max((v for v in ev["disagreement"].values()), default=None)
    if not within(worst, PATHS_TOL):
        return Decision("error", f"Our NTK paths disagree by {_f(worst, '.1e')} (limit {PATHS_TOL:g}): "
                                 + ", ".join(f"{k}: {_f(v, '.1e')}" for k, v in ev["disagreement"].items()))
    return Decision("verified", f"Structured per-layer kernel, jacrev + vmap, the per-sample autograd loop and Lanczos "
                                f"on NTK-vector products agree to {worst:.1e} (float64, trained ε/linear model, "
                                f"{ev['n']} inputs).")


@claim("erd.ntk.paths_agree", paper="erd", where="App. F.4 (empirical NTK), Eqs. (2), (14)",
       statement="(tooling) The structured per-layer NTK, jacrev + vmap, a per-sample autograd loop and matrix-free "
                 "Lanczos on NTK-vector products give the same kernel / top eigenvalues.",
       method="numeric", equations=("Eq. (2)", "Eq. (14)", "App. F.4"),
       criteria=f"verified iff every pair of paths agrees to {PATHS_TOL:g} relative (float64); error otherwise (our bug).",
       decide=decide_ntk_paths)
def ntk_paths(ctx):
    gm = erd_experiments.global_models(ctx.scale, ctx.seed)
    p = erd_experiments.one(gm["params"], 0, torch.float64)
    z, t, _, _ = erd_gradients.toy_batch("eps", "linear", 12, ctx.seed + 6)
    with single_thread():
        Ks = ntk.ntk_structured(p, z, t)
        Kj = ntk.ntk_jacrev(p, z, t)
        Kn = ntk.ntk_naive(p, z, t)
        top = ntk.top_eigenvalues(p, z, t, 3)
    dense = ntk.eigenvalues(Ks)[:3]
    return {"disagreement": {"structured_vs_jacrev": float((Ks - Kj).abs().max() / Kj.abs().max()),
                             "structured_vs_naive": float((Ks - Kn).abs().max() / Kn.abs().max()),
                             "lanczos_vs_dense_top3": float(np.max(np.abs(top - dense) / dense))},
            "n": int(z.shape[0])}


# ----------------------------------------------------------------------------------------- Fig. 8: phase space
PHASE_TS = tuple(np.round(np.linspace(0.02, 0.98, 49), 4))


def _phase_evidence():
    ph = erd_experiments.phase_space(np.array(PHASE_TS))
    out = {}
    for sc in SCHEDULES:
        for tg in ERD_TARGETS:
            sig, noise = ph["norms"][(tg, sc)].T
            lr = np.log10(noise / np.maximum(sig, 1e-300))
            out[f"{tg}/{sc}"] = {"log10_noise_over_signal": [round(float(v), 4) for v in lr],
                                 "noise_dominated_first": bool(lr[0] > 0), "noise_dominated_last": bool(lr[-1] > 0),
                                 "crossings": int(np.sum(np.diff(np.sign(lr)) != 0)),
                                 "spearman_vs_t": float(stats.spearmanr(PHASE_TS, lr)[0]),
                                 "max_abs_log10": float(np.abs(lr).max())}
    return out


def decide_fig8_poles(ev) -> Decision:
    bad = []
    for k, v in ev["curves"].items():
        tg = k.split("/")[0]
        want = (True, False) if tg == "eps" else (False, True)
        if (v["noise_dominated_first"], v["noise_dominated_last"]) != want or v["crossings"] != 1:
            bad.append(f"{k} (noise-dominated at t = {ev['ts'][0]}: {v['noise_dominated_first']}, at {ev['ts'][-1]}: "
                       f"{v['noise_dominated_last']}, {v['crossings']} crossings)")
    shown = ", ".join(f"{k}: log10 noise/signal {v['log10_noise_over_signal'][0]:+.2f} → "
                      f"{v['log10_noise_over_signal'][-1]:+.2f}" for k, v in ev["curves"].items())
    if bad:
        return Decision("refuted", "Not exclusively at the stated pole: " + "; ".join(bad) + ".")
    return Decision("verified", f"Exact RMS norms (quadrature, t ∈ [{ev['ts'][0]}, {ev['ts'][-1]}]): ε is noise-dominated "
                                "only at low noise and x0 only at high noise (one crossing each), in all three schedules: "
                                + shown + ".")


@claim("erd.fig8.poles", paper="erd", where="App. F.2, Fig. 3 / Fig. 8; §3.3",
       statement="Contamination (Bayes noise above the recoverable signal) occurs exclusively at low noise (t → 0) for ε "
                 "and at high noise (t → 1) for x0.", method="numeric", figures=("erd_fig8_phase_space",),
       equations=("Fig. 8", "Fig. 3", "§3.3"),
       assumptions=("App. F.1 GMM and schedules",),
       criteria="On 49 times in [0.02, 0.98] (exact quadrature): verified iff in every schedule ε's noise/signal ratio is "
                "> 1 at the first time, < 1 at the last, and crosses 1 once, and x0's the reverse; refuted otherwise.",
       decide=decide_fig8_poles)
def fig8_poles(ctx):
    ph = _phase_evidence()
    return {"curves": {k: v for k, v in ph.items() if k.split("/")[0] in ("eps", "x0")}, "ts": list(PHASE_TS)}


def decide_recoverable_weakens(ev) -> Decision:
    c = ev["curves"]
    bad = [k for k, v in c.items() if not (v["spearman_signal_vs_t"] < 0 and v["spearman_floor_share_vs_t"] > 0)]
    shown = "; ".join(f"{k}: recoverable RMS {c[k]['signal_rms'][0]:.3f} → {c[k]['signal_rms'][-1]:.3f}, floor share "
                      f"{c[k]['floor_share'][0]:.3f} → {c[k]['floor_share'][-1]:.3f}" for k in (bad or list(c)))
    if bad:
        return Decision("refuted", f"Not for every target: in {len(bad)} of {len(c)} (target, schedule) pairs the "
                                   f"recoverable component does not weaken, or the Bayes floor's share of E‖y‖² does not "
                                   f"grow, as t → 1 (exact quadrature, t ∈ [{ev['ts'][0]}, {ev['ts'][-1]}]): {shown}. "
                                   "The input's degeneration (Lemma D.1) makes ε more recoverable, not less; §3.3 "
                                   "restricts the statement to 'targets whose recoverable component depends on the data "
                                   "signal', App. D does not.")
    return Decision("verified", f"For every target and schedule the recoverable RMS falls and the floor's share rises "
                                f"with t: {shown}.")


@claim("erd.thm_d2.recoverable_weakens", paper="erd", where="App. D after Thm D.2 (ll. 1007–1017); §3.3 (ll. 230–233)",
       statement="As the noise level increases the corrupted input retains progressively less data-dependent structure "
                 "(Lemma D.1), so the recoverable component of the target becomes weaker and the irreducible Bayes floor "
                 "becomes comparatively more dominant.", method="numeric",
       equations=("Thm D.2", "Lemma D.1", "Eq. (28)", "§3.3"),
       assumptions=("App. F.1 GMM and schedules", "the four targets of App. F"),
       criteria="Exact quadrature on 49 times in [0.02, 0.98]: per (target, schedule), the recoverable RMS "
                "sqrt(E‖E[y|z_t]‖²/d) and the floor's share E‖y − E[y|z_t]‖²/E‖y‖². verified iff for all 12 pairs the "
                "recoverable RMS falls with t (Spearman < 0) and the floor share rises (Spearman > 0); refuted otherwise.",
       decide=decide_recoverable_weakens)
def recoverable_weakens(ctx):
    ph = erd_experiments.phase_space(np.array(PHASE_TS))
    out = {}
    for sc in SCHEDULES:
        for tg in ERD_TARGETS:
            sig, noise = ph["norms"][(tg, sc)].T
            share = noise**2 / (sig**2 + noise**2)
            rms = sig / math.sqrt(2)
            out[f"{tg}/{sc}"] = {"signal_rms": [round(float(v), 5) for v in rms], "floor_share": [round(float(v), 5) for v in share],
                                 "spearman_signal_vs_t": float(stats.spearmanr(PHASE_TS, rms)[0]),
                                 "spearman_floor_share_vs_t": float(stats.spearmanr(PHASE_TS, share)[0])}
    return {"curves": out, "ts": list(PHASE_TS)}


def decide_fig8_migration(ev) -> Decision:
    c = ev["curves"]
    not_migrating = [k for k, v in c.items()
                     if not (not v["noise_dominated_first"] and v["noise_dominated_last"] and v["spearman_vs_t"] > 0)]
    balance = {tg: max(c[f"{tg}/{sc}"]["max_abs_log10"] for sc in ev["schedules"]) for tg in ("eps", "x0", "v", "u")}
    mixed = max(balance["v"], balance["u"]) < min(balance["eps"], balance["x0"])
    bal = ", ".join(f"{k}: {v:.2f}" for k, v in balance.items())
    shown = "; ".join(f"{k}: log10 noise/signal {c[k]['log10_noise_over_signal'][0]:+.2f} → "
                      f"{c[k]['log10_noise_over_signal'][-1]:+.2f} (Spearman vs t {c[k]['spearman_vs_t']:+.2f})"
                      for k in not_migrating)
    if not not_migrating and mixed:
        return Decision("verified", f"Every (target, schedule) goes from signal- to noise-dominated as t rises; mixed "
                                    f"targets are more balanced (max |log10 noise/signal|: {bal}).")
    parts = []
    if not_migrating:
        parts.append(f"Not universal: {len(not_migrating)} of {len(c)} curves do not migrate from signal- to "
                     f"noise-dominated: {shown}")
    parts.append(f"Mixed targets are {'more' if mixed else 'not more'} balanced than ε and x0 (max |log10 noise/signal| "
                 f"over t ∈ [{ev['ts'][0]}, {ev['ts'][-1]}]: {bal})")
    return Decision("refuted", ". ".join(parts) + ".")


@claim("erd.fig8.migration", paper="erd", where="App. F.2, Fig. 8 caption and text",
       statement="Samples universally migrate from a signal-dominated to a noise-dominated regime as t increases; the "
                 "mixed targets v and u are more balanced.", method="numeric", figures=("erd_fig8_phase_space",),
       equations=("Fig. 8",),
       assumptions=("App. F.1 GMM and schedules",),
       criteria="Exact quadrature on 49 times in [0.02, 0.98]: verified iff every (target, schedule) curve is "
                "signal-dominated (noise/signal < 1) at the first time, noise-dominated at the last and rising (Spearman "
                "> 0), and the largest |log10 noise/signal| of v and u is below that of ε and of x0; refuted otherwise.",
       decide=decide_fig8_migration)
def fig8_migration(ctx):
    return {"curves": _phase_evidence(), "ts": list(PHASE_TS), "schedules": list(SCHEDULES)}


# ----------------------------------------------------------------------------- referee pass 3: Fig. 9's Bayes side
SHRINK_TS = np.linspace(0.1, 0.9, 17)  # Fig. 9's range of t (0.1 → 0.9) on a 0.05 grid
SHRINK_RISE_TOL = 10 * ACCURACY  # a rise of RMS E[x0|z] counts only above the quadrature's accuracy (relative)


def decide_bayes_x0_shrinkage(ev) -> Decision:
    shown = "; ".join(f"{k}: RMS ‖E[x0|z_t]‖ at t = 0.1, 0.4, 0.7, 0.9: "
                      + ", ".join(f"{x:.3f}" for x in v["rms_at_fig9_ts"]) + f" (×{v['ratio_09_01']:.3f})"
                      for k, v in ev["schedules"].items())
    rises = {k: v["largest_rel_rise"] for k, v in ev["schedules"].items() if v["largest_rel_rise"] > SHRINK_RISE_TOL}
    if rises:
        return Decision("refuted", f"The Bayes-optimal x0-prediction does not shrink monotonically: {shown}; rises "
                                   + ", ".join(f"{k} {x:.2g}" for k, x in rises.items()) + ".")
    return Decision("verified", f"Exact posterior mean on App. F's GMM (quadrature, data RMS radius "
                                f"{ev['data_rms']:.3f}): {shown}; it falls monotonically on t ∈ [0.1, 0.9] (17 points) "
                                f"in every schedule. Shrinkage of the predicted clean data toward the origin as t → 0.9 "
                                f"is what E[x0|z_t] → E x0 = 0 does; by itself it does not indicate a training "
                                f"pathology (the trained networks: erd.fig9.representation_collapse, "
                                f"erd.fig9.degradation_beyond_input).")


@claim("erd.beyond.bayes_x0_shrinkage", paper="erd", where="App. F.3, Fig. 9 (Bayes-optimal reference)",
       statement="(beyond the paper) The shrinkage toward the origin that App. F.3 reads as representation collapse is "
                 "what the Bayes-optimal predictor itself does: on App. F's GMM the RMS of E[x0|z_t] falls monotonically "
                 "from t = 0.1 to 0.9 on every schedule.",
       method="numeric", equations=("Fig. 9",),
       assumptions=("App. F.1's GMM and schedules (linear, VP, GVP); exact posterior mean by Gauss–Hermite quadrature",),
       criteria=f"RMS ‖E[x0|z_t]‖ = sqrt(E‖E[x0|z_t]‖²) on 17 points of t ∈ [0.1, 0.9]; verified iff it never rises by "
                f"more than {SHRINK_RISE_TOL:g} relative between neighbouring points on any schedule; refuted otherwise.",
       decide=decide_bayes_x0_shrinkage)
def bayes_x0_shrinkage(ctx):
    from difftheory.toy.erd_gmm_floor import signal_and_noise

    out = {}
    for sc in SCHEDULES:
        rms = np.array([math.sqrt(signal_and_noise("x0", sc, float(t))[0]) for t in SHRINK_TS])
        pick = [int(np.argmin(abs(SHRINK_TS - t))) for t in (0.1, 0.4, 0.7, 0.9)]
        out[sc] = {"rms_at_fig9_ts": [float(rms[i]) for i in pick], "ratio_09_01": float(rms[-1] / rms[0]),
                   "largest_rel_rise": float(max(0.0, np.max(np.diff(rms) / rms[:-1])))}
    return {"schedules": out, "ts": [float(SHRINK_TS[0]), float(SHRINK_TS[-1])], "points": len(SHRINK_TS),
            "data_rms": math.sqrt(target_second_moment("x0", "linear", 0.0))}
