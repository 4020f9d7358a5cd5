"""Simulation claims of kdiff's linear model (§3–4, App. E): train it, hold the result against theory.

Each claim is an evidence function (the registered one) and a ``decide_*`` function that maps its evidence to a
verdict by the rule in ``criteria``. Thresholds are the named constants below, each with its reason. Every
evidence dict carries the seeds (or replicate draws), the interval its decision read (or ``ci: None`` with the
reason where the computation is deterministic) and the convergence measure the decision used."""

from __future__ import annotations

import functools

import numpy as np
import torch

from difftheory.decide import equivalence, interval_vs_value, mean_ci, paired_ci, within
from difftheory.decide import drift as traj_drift
from difftheory.ledger import Decision, claim
from difftheory.linear_model import sweeps
from difftheory.linear_model.population import delta_star_closed, kappa_sq, mode_moments, quadrature_nodes
from difftheory.linear_model.trainer import K_KEY, Setting, batched_target, target_coefficients, train_exact, train_sgd
from difftheory.threads import single_thread
from difftheory.training import DRIFT_ROOM
from difftheory.theory.kdiff_optimum import TIE_REL, W_star, delta_star, is_tied
from difftheory.theory.time_densities import LATENT_DENSITY, PIXEL_DENSITY, TimeDensity

UNIFORM = TimeDensity()

# ------------------------------------------------------------------------------------------------ thresholds
# trained W and loss against theory's W*, Δ*: the trainer integrates with 256 fixed nodes, theory adaptively to 1e-10;
# the two quadratures differ by ≤ 1e-5 (relative) on these settings, so 1e-4 is 10× that and still 4 orders below
# any difference between targets
W_REL_TOL = 1e-4
LOSS_REL_TOL = 1e-4
GRAD_TOL = 1e-8  # converged: every gradient entry of L/D at the end below 1e-8 (the polish reaches ≤ 1e-12 or round-off)
GRAD_ROOM = 100  # trainers run until every gradient entry is ≤ GRAD_TOL / 100 (converged by construction, with room)
# Eq. (9)'s exact GD solution vs GD: both are the same float64 recursion, so they agree to round-off (~1e-15 × steps);
# 1e-10 leaves 5 orders for accumulated round-off. Autograd vs Eq. (8)'s replay: the same arithmetic, 1e-12
DISC_TOL = 1e-10
REPLAY_TOL = 1e-12
# learned k against k*: 1e-3 is below the sweep's smallest gap between neighbouring D/(D+d) (9.7e-4 at D = 512, 1024,
# d = 1) only just, and 10× above the v-loss k* grid's accuracy (~1e-4 at 101 points); the learned k reaches k* to
# ≤ 1e-6 where it is interior
K_TOL = 1e-3
# SGD: k within 0.01 of k* (or of the other latent's k): a tenth of the distance between the conventional targets' k
# (0, ½, 1) and 50× the seed-to-seed sd at batch 1024 (≈ 2e-4 at D = 8); settled when every seed's k moved by at most
# SGD_TOL / DRIFT_ROOM over the last 20 % of steps (a fixed cosine budget: with less room the verdict is open)
SGD_TOL = 0.01
# two-parameter target: the scale invariance holds to round-off (≤ 1e-15 measured); 1e-9 separates "invariant" from
# any real dependence. No gain: the two-parameter minimum within 1e-6 (relative) of the single-k minimum on the same
# quadrature (both reach their stationary points to ≤ 1e-9)
INV_TOL = 1e-9
GAIN_REL_TOL = 1e-6
# binned k(t): a profile "falls" when, over the end points that carry mass (≥ 10 % of the average, see
# kdiff_binned.MASS_FRAC), it ends ≥ 0.05 lower than it starts — a fifth of Fig. 5a's fall 0.56 → 0.3 — and never rises by
# more than 0.005 between neighbours (a tenth of that)
FALL_MIN = 0.05
MONO_TOL = 0.005
# ends: "essentially stagnant at 0.5" = the end values moved less than 0.05 (a fifth of Fig. 5a's interior move);
# the interior must have moved ≥ 0.1 for the contrast to mean anything
END_TOL = 0.05
INTERIOR_MIN = 0.1
# binned theory: profile twins (numeric optimum vs closed forms) agree to 1e-3 on the end points with mass — the
# optimiser converges to ≤ 1e-4 there; 50× below FALL_MIN. Δ* twins (optimum at D = d vs the best-linear-predictor
# floor integrated adaptively) agree to 1e-6 relative (quadratures: ≤ 1e-9)
PROFILE_TWIN_TOL = 1e-3
FLOOR_REL_TOL = 1e-6
# learned vs optimal profile: within 0.02 of the optimum on every end point with mass (a difference visible on
# Fig. 5a's scale, where k spans 0.3–0.56) and ≥ 90 % of the Δ* gain the optimal profile has over the best constant k
PROFILE_TOL = 0.02
GAIN_SHARE_MIN = 0.9
# gain of a time-dependent k over the best constant k: "no improvement" = below 1e-3 of Δ* (relative)
PROFILE_GAIN_TOL = 1e-3


def _fmt_setting(row) -> str:
    return f"{row['family']} D={row['D']} d={row['d']}"


# ======================================================================================== Thm 3.1: W*, Δ*
def decide_fixed_k_equilibrium(ev) -> Decision:
    w, l, g = ev["max_w_rel_err"], ev["max_loss_rel_err"], ev["max_grad_norm_end"]
    if ev["hit_cap"]:
        return Decision("open", f"Training hit its cap in {ev['hit_cap']} case(s) before every gradient entry of L/D fell "
                                f"to {ev['gtol']:g} (largest at the end {g:.1e}); a longer run would decide.")
    n = len(ev["cases"])
    if not within(g, GRAD_TOL):
        return Decision("open", f"Training did not converge (largest gradient entry of L/D at the end {g:.1e} > {GRAD_TOL:g}); "
                                f"longer training would settle whether W reaches W* (currently ‖W − W*‖/‖W*‖ ≤ {w:.1e}).")
    if within(w, W_REL_TOL) and within(l, LOSS_REL_TOL):
        return Decision("verified", f"Trained from random W over {n} (setting, k, draw) cases ({ev['draws_per_case']} random "
                                    f"draws of P and W0 each), W reaches Eq. (11)'s W* to ‖W−W*‖/‖W*‖ ≤ {w:.1e} and the "
                                    f"loss reaches Eq. (12)'s Δ* to {l:.1e} (relative); largest gradient entry at the end "
                                    f"{g:.1e}.")
    bad = max(ev["cases"], key=lambda c: max(c["w_rel_err"] / W_REL_TOL, c["loss_rel_err"] / LOSS_REL_TOL))
    return Decision("refuted", f"Converged training misses Thm 3.1 in {bad['setting']} at k = {bad['k']}: ‖W−W*‖/‖W*‖ = "
                               f"{bad['w_rel_err']:.2e}, loss {bad['loss']:.6g} vs Δ* {bad['delta_star']:.6g} "
                               f"(tolerances {W_REL_TOL:g}, {LOSS_REL_TOL:g}).")


FIXED_K_CASES = ((Setting(24, 3, "u", UNIFORM, None), 0.0), (Setting(24, 3, "u", UNIFORM, None), 0.7),
                 (Setting(24, 3, "u", UNIFORM, None), 1.0), (Setting(24, 8, "v", LATENT_DENSITY, 0.05), 0.5),
                 (Setting(24, 8, "v", LATENT_DENSITY, 0.05), 0.9), (Setting(24, 12, "u", PIXEL_DENSITY, None), 0.3))


@claim("kdiff.sim.linear.fixed_k_equilibrium", paper="kdiff", where="§3.2, Thm 3.1, Eqs. (11)-(12)",
       statement="Trained at fixed k, the linear denoiser's W converges to W* of Eq. (11) and its loss to Δ* of Eq. (12).",
       method="simulation", figures=("kdiff_sim_delta_landscape",),
       equations=("Thm 3.1", "Eq. (11)", "Eq. (12)", "Eq. (4)"),
       assumptions=("linear denoiser û = Wz", "x = P x̃ with whitened x̃ (Eq. 6)", "n ~ N(0, I)", "fixed target φ = k, ψ = −(1 − k)"),
       criteria=f"Explicit D×D W from random starts (several random P, W0 per case), Adam then L-BFGS on the exact population "
                f"loss, then Newton–CG until every gradient entry of L/D is ≤ {GRAD_TOL / GRAD_ROOM:g}. open when a case hits "
                f"the iteration cap first or ends above {GRAD_TOL:g}; verified when every case "
                f"has ‖W−W*‖/‖W*‖ ≤ {W_REL_TOL:g} and |loss − Δ*|/Δ* ≤ {LOSS_REL_TOL:g}; refuted otherwise.",
       decide=decide_fixed_k_equilibrium)
def fixed_k_equilibrium(ctx):
    draws = 2 if ctx.quick else 5
    cases = [c for c in FIXED_K_CASES for _ in range(draws)]
    with single_thread():
        res = train_exact([c[0] for c in cases], k_mode="fixed", k=[c[1] for c in cases], steps=300, lr=0.05,
                          param="explicit", init="random", seed=ctx.seed, gtol=GRAD_TOL / GRAD_ROOM)
    rows = []
    theory = {}
    for i, (s, k) in enumerate(cases):
        P = res.P[i, :, : s.d].numpy()
        Ws = W_star(P, k, s.sampler, s.loss, s.clamp)
        key = (str(s), k)
        if key not in theory:
            theory[key] = float(delta_star(k, s.D, s.d, s.sampler, s.loss, s.clamp))
        dstar = theory[key]
        rows.append({"setting": str(s), "k": k, "draw": i % draws,
                     "w_rel_err": float(np.linalg.norm(res.W[i].numpy() - Ws) / np.linalg.norm(Ws)),
                     "loss": float(res.loss[i]), "delta_star": dstar,
                     "loss_rel_err": abs(float(res.loss[i]) - dstar) / dstar, "grad_norm_end": float(res.grad_norm[i])})
    return {"cases": rows, "max_w_rel_err": max(r["w_rel_err"] for r in rows),
            "max_loss_rel_err": max(r["loss_rel_err"] for r in rows),
            "max_grad_norm_end": max(r["grad_norm_end"] for r in rows), "draws_per_case": draws, "seed": ctx.seed,
            "gtol": res.gtol, "refine_iters_max": int(res.refine_iters.max()), "hit_cap": int(res.hit_cap.sum()),
            "ci": None, "ci_note": "deterministic population loss: no sampling noise; random P and W0 draws instead",
            "convergence": "max_grad_norm_end (largest |∂(L/D)/∂θ| after training)",
            "method": "explicit D×D W from a random start, Adam (300 steps) on the exact population loss (256 quadrature "
                      "nodes) then L-BFGS; W* and Δ* from theory/kdiff_optimum (adaptive quadrature)"}


# ======================================================================================== Eq. (9): mode dynamics
def decide_mode_dynamics(ev) -> Decision:
    disc, replay, flow = ev["max_rel_err_vs_exact_GD_solution"], ev["max_abs_gap_autograd_vs_eq8_gradient"], \
        ev["max_rel_err_vs_flow_solution"]
    if not within(replay, REPLAY_TOL):
        return Decision("refuted", f"Eq. (8)'s right-hand side is not the gradient of the population loss (Eq. 4 with "
                                   f"Eq. 32): GD with autograd gradients and GD with Eq. (8) end {replay:.2e} apart "
                                   f"(> {REPLAY_TOL:g}).")
    if not within(disc, DISC_TOL):
        return Decision("refuted", f"GD's parallel/perpendicular parts deviate from Eq. (9)'s solution "
                                   f"W* + (W0 − W*)(1 − ηA)^n by {disc:.2e} (relative, > {DISC_TOL:g}).")
    r0 = ev["runs"][0]
    return Decision("verified", f"Explicit D×D gradient descent from a random W0 (autograd gradient = Eq. (8) to "
                                f"{replay:.1e}) splits into W PPᵀ and W(I − PPᵀ) that follow Eq. (9)'s solution "
                                f"W* + (W0 − W*)(1 − η A)^n to {disc:.1e} (relative) over {len(ev['runs'])} settings, with "
                                f"A_∥ = ∫D̃α(α²+σ²), A_⊥ = ∫D̃α σ² (A_∥/A_⊥ = {r0['rate_par'] / r0['rate_perp']:.3f} for "
                                f"{r0['setting']}). The continuous flow e^(−A η n) agrees to {flow:.1e}, the O(η) Euler gap "
                                f"at η = {r0['lr']}.")


@claim("kdiff.sim.linear.mode_dynamics", paper="kdiff", where="§3.2, Eqs. (8)-(10)",
       statement="Under gradient descent the parallel part W PPᵀ and the perpendicular part W(I − PPᵀ) evolve "
                 "independently as the linear ODEs of Eq. (9), relaxing at rates ∫D̃α(α²+σ²) and ∫D̃α σ².",
       method="simulation", figures=("kdiff_sim_mode_dynamics",), equations=("Eq. (8)", "Eq. (9)", "Eq. (10)"),
       assumptions=("linear denoiser û = Wz", "whitened x̃ (Eq. 6)", "gradient flow on the population loss (Eq. 4)"),
       criteria=f"Explicit D×D GD from a random W0 at fixed k, replayed with Eq. (8)'s gradient and split by Eq. (10). "
                f"refuted when autograd GD and the Eq. (8) replay end more than {REPLAY_TOL:g} apart or the modes deviate "
                f"from Eq. (9)'s exact GD solution by more than {DISC_TOL:g} (relative); verified otherwise.",
       decide=decide_mode_dynamics)
def mode_dynamics(ctx):
    out = sweeps.mode_run(ctx.scale, ctx.seed)
    rows = [{k: v for k, v in r.items() if not isinstance(v, list)} for r in out["rows"]]
    return {"runs": rows, "seed": ctx.seed,
            "max_rel_err_vs_exact_GD_solution": max(r["rel_err_vs_discrete_solution"] for r in rows),
            "max_rel_err_vs_flow_solution": max(r["rel_err_vs_flow_solution"] for r in rows),
            "max_abs_gap_autograd_vs_eq8_gradient": max(r["trainer_vs_eq8_replay_maxabs"] for r in rows),
            "ci": None, "ci_note": "deterministic: a trajectory identity, no sampling",
            "convergence": "not applicable: the whole trajectory is compared step by step"}


# ======================================================================================== learned k vs k*
def _row_success(r) -> bool:
    if abs(r["k_learned"] - r["k_star"]) <= K_TOL:
        return True
    a, b = r["delta_star_at_learned"], r["delta_star_at_k_star"]
    return a is not None and b is not None and is_tied(a, b)  # learned k ties with k* (kdiff_optimum.TIE_REL)


def _is_tie_start(r) -> bool:
    """The start k0 = ½ is a stationary point of Δ* that is not a minimum, and a fixed point of the dynamics."""
    return bool(r["start_stationary"] and r["start_type"] != "minimum" and r["start_fixed_point"])


def _tie_text(ties) -> str:
    if not ties:
        return "no setting started at a non-minimum stationary point"
    parts = [f"{_fmt_setting(r)} (k = ½ is a stationary {r['start_type']} of Δ*; Δ*(0) {'=' if r['ends_tie'] else '≠'} "
             f"Δ*(1); learned k = {r['k_learned']:.4f}"
             f"{', left ½ by round-off' if r['left_stationary_point_by_roundoff'] else ''})" for r in ties]
    return f"{len(ties)} excluded as ties: " + "; ".join(parts)


def decide_learned_k_vs_kstar(ev) -> Decision:
    rows = ev["table"]
    ties = [r for r in rows if _is_tie_start(r)]
    judged = [r for r in rows if not _is_tie_start(r)]
    if not judged:
        return Decision("open", f"Every setting started at a non-minimum stationary point ({_tie_text(ties)}); "
                                f"settings where k = ½ is not stationary would decide.")
    unconverged = [r for r in judged if r.get("hit_cap") or not within(r["grad_norm_end"], GRAD_TOL)]
    bad = [r for r in judged if within(r["grad_norm_end"], GRAD_TOL) and not _row_success(r)]
    if bad:
        b = bad[0]
        return Decision("refuted", f"{len(bad)} of {len(judged)} converged settings end away from k*: e.g. {_fmt_setting(b)} "
                                   f"learned k = {b['k_learned']:.6f} vs k* = {b['k_star']:.6f} (Δ* {b['delta_star_at_learned']:.6g} "
                                   f"vs {b['delta_star_at_k_star']:.6g}); {_tie_text(ties)}.")
    if unconverged:
        u = unconverged[0]
        return Decision("open", f"{len(unconverged)} settings hit the iteration cap before converging (e.g. {_fmt_setting(u)}: "
                                f"gradient {u['grad_norm_end']:.1e}, asked for {GRAD_TOL / GRAD_ROOM:g}); longer training "
                                "would settle them.")
    inter = [r for r in judged if 1e-6 < r["k_star"] < 1 - 1e-6]
    err = max((abs(r["k_learned"] - r["k_star"]) for r in inter), default=float("nan"))
    bnd = len(judged) - len(inter)
    return Decision("verified", f"In all {len(judged)} judged settings (D {min(r['D'] for r in judged)}…"
                                f"{max(r['D'] for r in judged)}, {len({r['family'] for r in judged})} loss/sampler/clamp "
                                f"families) learned k reaches theory's minimiser of Δ*(k): |k − k*| ≤ {err:.1e} where k* is "
                                f"interior ({len(inter)}), and at the boundary ({bnd}) k runs to it (largest final gradient "
                                f"{max(r['grad_norm_end'] for r in judged):.1e}). {_tie_text(ties)}: there k's end point is "
                                f"set by round-off, not by the loss.")


@claim("kdiff.sim.linear.learned_k_vs_kstar", paper="kdiff", where="§4 (k-Diff), Thm 3.2 generalised",
       statement="Learning k = sigmoid(w_k) by gradient descent on the linear model's loss lands on the k* that "
                 "minimises Δ*(k) for the loss, sampler and clamp actually used (D from 2 to 1024).",
       method="simulation", figures=("kdiff_sim_learned_vs_theory", "kdiff_sim_k_trajectories"),
       equations=("§4", "Eq. (15)", "Thm 3.2"),
       assumptions=("linear denoiser", "whitened x̃", "k learned jointly with W from k = ½, W = 0"),
       criteria=f"One batched exact training (Adam from k = ½, W = 0, then a Newton polish and Newton–CG until every gradient "
                f"entry is ≤ {GRAD_TOL / GRAD_ROOM:g}). Settings whose start k = ½ is a "
                f"stationary point of Δ*(k) that is not a minimum and a fixed point of the dynamics (all gradients ≤ 1e-12) "
                f"are ties, excluded and listed. refuted when a converged judged setting (final gradient ≤ {GRAD_TOL:g}) "
                f"has |k − k*| > {K_TOL:g} and Δ*(k) above Δ*(k*) by more than {TIE_REL:g}·max(1, Δ*); open when one "
                f"hit the iteration cap or ends above {GRAD_TOL:g}; verified otherwise.",
       decide=decide_learned_k_vs_kstar)
def learned_k_vs_kstar(ctx):
    sw = sweeps.learned_k_sweep(ctx.scale, ctx.seed)
    return {"table": sw["rows"], "n_settings": len(sw["rows"]), "steps": sw["steps"], "lr": sw["lr"], "seed": sw["seed"],
            "ci": None, "ci_note": "deterministic population loss: no sampling noise",
            "convergence": "grad_norm_end per setting (largest |∂(L/D)/∂θ| after the polish); k_drift_last20 of the "
                           "Adam steps is reported beside it"}


def _v_text(v_k) -> str:
    if not v_k:
        return ""
    if min(v_k) >= 1 - K_TOL:
        return ("Under the v-loss with clamp the learned k is the end point 1 in every judged setting, so interior values "
                "such as Table 3's 0.522 are not this model's D/(D+d).")
    return f"Under the v-loss with clamp the learned k takes the values {', '.join(f'{k:.4f}' for k in v_k)}."


def decide_D_over_D_plus_d(ev) -> Decision:
    fams = ev["families"]
    holds = {f: within(v["max_abs_dev_from_D_over_D_plus_d"], K_TOL) for f, v in fams.items()}
    assumed = [f for f, v in fams.items() if v["thm32_assumptions"]]
    rows = [r for r in ev["table"] if not _is_tie_start(r)]
    correction = all(_row_success(r) and not r.get("hit_cap") and within(r["grad_norm_end"], GRAD_TOL) for r in rows)
    dev = {f: v["max_abs_dev_from_D_over_D_plus_d"] for f, v in fams.items()}
    devs = "; ".join(f"{f}: {d:.3g}" for f, d in dev.items())
    if all(holds.values()):
        return Decision("verified", f"Learned k equals D/(D+d) within {K_TOL:g} in every family (max |k − D/(D+d)|: {devs}).")
    if assumed and all(holds[f] for f in assumed) and correction:
        broken = [f for f in fams if not holds[f]]
        return Decision("corrected", f"Learned k equals D/(D+d) only where Thm 3.2's assumptions hold (u-loss, E[t] = ½: "
                                     f"{', '.join(assumed)}); elsewhere ({', '.join(broken)}) it does not (max |k − D/(D+d)|: "
                                     f"{devs}). The corrected statement holds in every judged setting: learned k = the k* of "
                                     f"the loss, sampler and clamp used (|k − k*| ≤ {K_TOL:g} or a tie in Δ*; ties at a "
                                     f"stationary start excluded: {sum(_is_tie_start(r) for r in ev['table'])}). "
                                     + _v_text(ev["v_loss_learned_k"]))
    bad = [f for f in assumed if not holds[f]]
    why = (f"it fails even under Thm 3.2's assumptions ({', '.join(bad)})" if bad else
           "and learned k misses the k* of the loss used in some judged setting" if not correction else
           "no family satisfies Thm 3.2's assumptions")
    return Decision("refuted", f"Learned k does not track D/(D+d) ({devs}); {why}.")


@claim("kdiff.sim.linear.learned_k_is_D_over_D_plus_d", paper="kdiff", where="§3.3 Thm 3.2, §4-5 (k-Diff learns k*)",
       statement="k-Diff's learned k tracks the dimension ratio k* = D/(D+d) of Thm 3.2.",
       method="simulation", figures=("kdiff_sim_learned_vs_theory",), equations=("Thm 3.2", "Eq. (14)", "§4"),
       assumptions=("u-loss (κ = 1)", "t ~ U[0, 1] (mean ½)", "constant k", "whitened x̃"),
       criteria=f"Per family (loss/sampler/clamp) the largest |learned k − D/(D+d)| over the sweep, tie starts excluded. "
                f"verified when every family is within {K_TOL:g}; corrected when only the families meeting Thm 3.2's "
                f"assumptions (u-loss, E[t] = ½) are, and learned k equals the k* of the loss/sampler/clamp used in every "
                f"judged setting (the stated correction); refuted otherwise.",
       decide=decide_D_over_D_plus_d)
def learned_k_is_D_over_D_plus_d(ctx):
    sw = sweeps.learned_k_sweep(ctx.scale, ctx.seed)
    rows = sw["rows"]
    fams = {}
    for fam, (loss, sampler, clamp) in sweeps.FAMILIES.items():
        rr = [r for r in rows if r["family"] == fam and not _is_tie_start(r)]
        if not rr:
            continue
        mean_t = sampler_mean(sampler)
        fams[fam] = {"max_abs_dev_from_D_over_D_plus_d": max(abs(r["k_learned"] - r["D_over_D_plus_d"]) for r in rr),
                     "sampler_mean_t": mean_t, "loss": loss, "clamp": clamp,
                     "thm32_assumptions": bool(loss == "u" and abs(mean_t - 0.5) <= 1e-9), "n_settings": len(rr)}
    v_k = sorted({round(r["k_learned"], 4) for r in rows if r["family"].startswith("v") and not _is_tie_start(r)})
    return {"families": fams, "v_loss_learned_k": v_k, "table": rows, "seed": sw["seed"],
            "ci": None, "ci_note": "deterministic population loss", "convergence": "grad_norm_end per setting"}


@functools.lru_cache(maxsize=16)
def sampler_mean(sampler: TimeDensity) -> float:
    return float(sampler.mean())


# ======================================================================================== SGD
SGD_SETTING = Setting(8, 2, "u", UNIFORM, None)
# the paper's batch 1024 and Adam (kdiff Table 4); lr and steps are the linear model's own (it has no paper setting)
SGD_CFG = {"quick": {"steps": 600, "seeds": 3, "batch": 512}, "full": {"steps": 4000, "seeds": 6, "batch": 1024}}
SGD_LR = 0.03


@functools.lru_cache(maxsize=4)
def _sgd_runs(scale: str, seed: int) -> dict:
    """One batched minibatch run: a Gaussian-latent and a uniform-latent replicate per seed (same seeds: paired)."""
    cfg = SGD_CFG[scale]
    seeds = [seed + j for j in range(cfg["seeds"])]
    with single_thread():
        res = train_sgd(SGD_SETTING, steps=cfg["steps"], lr=SGD_LR, batch=cfg["batch"], seeds=seeds + seeds,
                        latent=["gaussian"] * len(seeds) + ["uniform"] * len(seeds))
    S = len(seeds)
    k = np.asarray(res.k).reshape(-1)
    drifts = [traj_drift(res.k_traj[:, j]) for j in range(2 * S)]
    return {"seeds": seeds, "steps": cfg["steps"], "batch": cfg["batch"], "k_gaussian": k[:S], "k_uniform": k[S:],
            "drift_gaussian": np.array(drifts[:S]), "drift_uniform": np.array(drifts[S:])}


def _f(x, fmt=".4f") -> str:
    """A number for a detail line; ``None`` (not finite in the evidence) as 'n/a'."""
    return "n/a" if x is None else format(x, fmt)


def decide_sgd_learned_k(ev) -> Decision:
    lo, hi = ev["ci"]
    drift_max = max(abs(x) for x in ev["drift_last20"])
    settled = within(DRIFT_ROOM * drift_max, SGD_TOL)
    v = interval_vs_value(lo, hi, ev["k_star"], SGD_TOL) if settled else "open"
    core = (f"SGD-trained k = {ev['mean']:.4f}, 95% CI [{_f(lo)}, {_f(hi)}] over {len(ev['k_seeds'])} seeds, vs k* = "
            f"{ev['k_star']:.4f} ({ev['setting']}); largest drift over the last 20 % of steps {drift_max:.1e}")
    if v == "verified":
        return Decision("verified", core + f": the interval lies within k* ± {SGD_TOL:g}.")
    if v == "refuted" and ev["scale"] == "full":
        return Decision("refuted", core + f": the interval excludes k* ± {SGD_TOL:g}.")
    why = (f"training has not settled with room (drift > {SGD_TOL:g} / {DRIFT_ROOM:g})" if not settled else
           "the interval excludes the band, but a quick run may not refute: the full scale decides" if v == "refuted"
           else "the interval straddles the band's edge")
    return Decision("open", core + f"; undecided at k* ± {SGD_TOL:g}: {why}. More seeds or steps would settle it.")


@claim("kdiff.sim.linear.sgd_learned_k", paper="kdiff", where="§4, Alg. 1 (minibatch training)",
       statement="With Monte Carlo minibatches of (x, n, t) the learned k lands on k* within its sampling noise.",
       method="simulation", equations=("Alg. 1", "Eq. (15)"),
       assumptions=("minibatch Adam (kdiff Table 4: batch 1024, used at full scale)", "linear denoiser",
                    "u-loss, uniform t (Thm 3.2)"),
       criteria=f"k over seeds (≥ 5 at full scale) with a 95% t-interval, against k* ± {SGD_TOL:g}: training is a fixed "
                f"cosine budget, so open when some seed's k moved by more than {SGD_TOL:g}/{DRIFT_ROOM:g} over the last "
                f"20 % of steps; then verified when the interval lies inside the band, "
                f"refuted when it lies outside (open instead at quick scale), open otherwise.",
       decide=decide_sgd_learned_k)
def sgd_learned_k(ctx):
    out = _sgd_runs(ctx.scale, ctx.seed)
    ks = out["k_gaussian"]
    k_star = sweeps.theory_k_star(SGD_SETTING.D, SGD_SETTING.d, SGD_SETTING.sampler, SGD_SETTING.loss, SGD_SETTING.clamp)
    mean, lo, hi = mean_ci(ks)
    return {"setting": str(SGD_SETTING), "scale": ctx.scale, "seeds": out["seeds"], "steps": out["steps"],
            "batch": out["batch"], "optimizer": f"Adam lr {SGD_LR} cosine to 1 %", "k_seeds": ks, "mean": mean,
            "ci": [lo, hi], "ci_level": 0.95, "seed_sd": float(np.std(ks, ddof=1)) if len(ks) > 1 else None,
            "k_star": k_star, "drift_last20": out["drift_gaussian"],
            "convergence": "drift_last20: change of each seed's k over the last 20 % of steps"}


def decide_non_gaussian_latent(ev) -> Decision:
    lo, hi = ev["ci"]
    settled = within(DRIFT_ROOM * max(abs(x) for x in ev["drift_last20"]), SGD_TOL)
    v = equivalence(lo, hi, SGD_TOL) if settled else "open"
    if v == "refuted" and ev["scale"] == "quick":
        v = "open"
    core = (f"Uniform(±√3) latent k = {np.mean(ev['k_uniform_latent']):.4f}, Gaussian latent k = "
            f"{np.mean(ev['k_gaussian']):.4f}; paired difference {ev['mean_difference']:+.4f}, 95% CI [{_f(lo, '+.4f')}, "
            f"{_f(hi, '+.4f')}] over {len(ev['seeds'])} seeds")
    if v == "verified":
        return Decision("verified", core + f", inside ±{SGD_TOL:g}: the latent's law does not move k (the population loss "
                                           f"sees only E[xxᵀ] = PPᵀ).")
    if v == "refuted":
        return Decision("refuted", core + f", beyond ±{SGD_TOL:g}: the latent distribution changes the learned k.")
    return Decision("open", core + f"; not settled at ±{SGD_TOL:g} (" + (f"training still drifts by more than "
                                                                        f"{SGD_TOL:g}/{DRIFT_ROOM:g}" if not settled else
                    "the interval straddles the margin") + "): more seeds or steps would decide.")


@claim("kdiff.sim.linear.non_gaussian_latent", paper="kdiff", where="§3.1, Eq. (6) (whitened x̃)",
       statement="Only the whitening E[x̃x̃ᵀ] = I matters: a non-Gaussian whitened latent trains to the same k.",
       method="simulation", equations=("Eq. (6)", "Eq. (7)"),
       assumptions=("E x̃x̃ᵀ = I", "linear denoiser (the loss depends on x only through its second moment)"),
       criteria=f"Minibatch training with a Gaussian and a uniform(±√3) latent on the same seeds (≥ 5 at full scale); the "
                f"paired difference of learned k with its 95% t-interval: training is a fixed cosine budget, so open "
                f"when some seed's k moved by more than {SGD_TOL:g}/{DRIFT_ROOM:g} over the last 20 % of steps; then verified when the interval lies within ±{SGD_TOL:g}, refuted when it lies "
                f"beyond (open instead at quick scale), open otherwise.",
       decide=decide_non_gaussian_latent)
def non_gaussian_latent(ctx):
    out = _sgd_runs(ctx.scale, ctx.seed)
    g, u = out["k_gaussian"], out["k_uniform"]
    mean, lo, hi = paired_ci(u, g)
    return {"setting": str(SGD_SETTING), "scale": ctx.scale, "seeds": out["seeds"], "steps": out["steps"],
            "batch": out["batch"], "k_gaussian": g, "k_uniform_latent": u, "mean_difference": mean, "ci": [lo, hi],
            "ci_level": 0.95, "drift_last20": np.concatenate([out["drift_gaussian"], out["drift_uniform"]]),
            "convergence": "drift_last20: change of each replicate's k over the last 20 % of steps"}


# ======================================================================================== App. E: two parameters
def _two_param_loss(setting: Setting, k0, k1, nodes=256):
    """min_W of the population loss at the two-parameter target u = k0 x − k1 n (App. E), via the
    generalised Eq. (12) of ``population.delta_star_closed``."""
    t, w = quadrature_nodes([setting.sampler] * len(k0), nodes)
    template, params, buffers = batched_target("two", 0.5, 1, len(k0))
    with torch.no_grad():
        params[K_KEY].copy_(torch.logit(torch.tensor(np.stack([k0, k1], -1), dtype=torch.float64)))
    phi, psi = target_coefficients(template, params, buffers, t)
    m = mode_moments(t, w, phi, psi, kappa_sq(t, phi, psi, setting.loss, setting.clamp, k_family=False))
    return delta_star_closed(m, setting.D, setting.d).detach().numpy()


def decide_two_param(ev) -> Decision:
    inv, gain = ev["max_rel_change_unclamped_under_scaling"], ev["gain_rel_two_over_single"]
    identified = not within(inv, INV_TOL)
    no_gain = gain is not None and gain <= GAIN_REL_TOL
    converged = within(ev["grad_norm_two"], GRAD_TOL) and within(ev["grad_norm_single"], GRAD_TOL)
    ratio_ok = within(ev["trained_ratio_unclamped"] - ev["single_k_learned"], K_TOL)
    head = (f"Without the clamp the two-parameter v-loss (D=16, d=12, logit-normal(0,1)) reaches {ev['two_param_min_loss']:.6g} "
            f"against the single k's {ev['single_k_min_loss']:.6g} (relative gain {gain:.1e})")
    if ev["hit_cap"] or not converged:
        return Decision("open", head + f"; training hit its iteration cap before converging (final gradients "
                                       f"{ev['grad_norm_two']:.1e}, {ev['grad_norm_single']:.1e}; asked for {ev['gtol']:g}, "
                                       f"limit {GRAD_TOL:g}): a longer run would decide.")
    if not no_gain:
        return Decision("refuted", head + f": the second parameter lowers the loss by more than {GAIN_REL_TOL:g}.")
    if identified:
        return Decision("verified", head + f", and the loss pins the pair (it changes by {inv:.1e} under (k0, k1) → "
                                           f"s(k0, k1)): the pair is learned, and it brings nothing.")
    clamp = ev["min_W_loss_clamp0.05_by_scale"]
    falls = ev["clamped_loss_falls_with_scale"]
    if ratio_ok:
        return Decision("corrected", head + f". But the pair is not learned: the unclamped loss is invariant under "
                        f"(k0, k1) → s(k0, k1) (changes ≤ {inv:.1e} for s ∈ {ev['scales']}), so only r = k0/(k0+k1) is "
                        f"determined, and training gives r = {ev['trained_ratio_unclamped']:.4f} = the single k "
                        f"{ev['single_k_learned']:.4f}. Table 3's (0.556, 0.509) has r = "
                        f"{ev['paper_ratio_k0_over_k0_plus_k1']:.4f} against its single k 0.522. With Alg. 1's clamp 0.05 "
                        f"the loss {'falls monotonically' if falls else 'does not fall monotonically'} as s → 0 (mean over "
                        f"{len(ev['k0'])} random pairs {np.mean(clamp[0]):.3f} → {np.mean(clamp[-1]):.4f} at s = "
                        f"{ev['scales'][-1]}), and Adam drives (k0, k1) from (0.5, 0.5) to "
                        f"({ev['trained_k0_k1_clamp0.05'][0]:.4f}, {ev['trained_k0_k1_clamp0.05'][1]:.4f})"
                        + (": with the clamp the pair's scale runs to 0 instead of being learned." if falls else "."))
    return Decision("refuted", head + f", but the scale-free ratio r = {ev['trained_ratio_unclamped']:.4f} differs from the "
                                      f"single k {ev['single_k_learned']:.4f} by more than {K_TOL:g}.")


@claim("kdiff.sim.linear.two_param_target", paper="kdiff", where="App. E, Table 3 (k0 x − k1 n: (0.556, 0.509))",
       statement="A two-parameter target k0 x − k1 n learns (0.556, 0.509) and brings nothing over a single k (0.522).",
       method="simulation", equations=("App. E", "Table 3"),
       assumptions=("Alg. 1's v-loss", "logit-normal(0, 1) t", "linear denoiser"),
       criteria=f"Linear model, v-loss, logit-normal(0,1), D=16, d=12, trained exactly (Adam, L-BFGS, then Newton–CG until "
                f"every gradient entry is ≤ {GRAD_TOL / GRAD_ROOM:g}), open when a run hits the iteration cap first or a final "
                f"gradient exceeds {GRAD_TOL:g}. refuted when the two-parameter minimum undercuts the single-k minimum by "
                f"more than {GAIN_REL_TOL:g} (relative, unclamped); verified when it does not and the loss pins the pair "
                f"(changes > {INV_TOL:g} under (k0, k1) → s(k0, k1)); corrected when it is scale-invariant and the learned "
                f"ratio k0/(k0+k1) equals the single learned k within {K_TOL:g}; refuted otherwise.",
       decide=decide_two_param)
def two_param_target(ctx):
    s_clamp = Setting(16, 12, "v", LATENT_DENSITY, 0.05)
    s_free = Setting(16, 12, "v", LATENT_DENSITY, None)
    rng = np.random.default_rng(ctx.seed)
    k0, k1 = rng.uniform(0.2, 0.9, 6), rng.uniform(0.2, 0.9, 6)
    scales = np.array([1.0, 0.5, 0.1, 0.02])
    with single_thread():
        free = np.array([_two_param_loss(s_free, sc * k0, sc * k1) for sc in scales])
        clamped = np.array([_two_param_loss(s_clamp, sc * k0, sc * k1) for sc in scales])
        tr = train_exact([s_clamp, s_free], k_mode="two", k=0.5, steps=300, lr=0.05, seed=ctx.seed,
                         gtol=GRAD_TOL / GRAD_ROOM)
        single = train_exact([s_free], k_mode="learn", k=0.5, steps=300, lr=0.2, seed=ctx.seed, gtol=GRAD_TOL / GRAD_ROOM)
    inv_gap = float(np.max(np.abs(free - free[0]) / free[0]))
    falls = bool(np.all(np.diff(clamped, axis=0) <= 1e-9 * np.abs(clamped[:-1])) and np.all(clamped[-1] < clamped[0]))
    two_min, one_min = float(tr.loss[1]), float(single.loss[0])
    return {"setting": "D=16, d=12, v-loss, logit-normal(0,1)", "seed": ctx.seed, "k0": k0, "k1": k1,
            "scales": scales, "min_W_loss_unclamped_by_scale": free, "min_W_loss_clamp0.05_by_scale": clamped,
            "max_rel_change_unclamped_under_scaling": inv_gap, "clamped_loss_falls_with_scale": falls,
            "trained_k0_k1_clamp0.05": tr.k[0], "trained_loss_clamp0.05": float(tr.loss[0]),
            "trained_k0_k1_unclamped": tr.k[1], "trained_ratio_unclamped": float(tr.k[1][0] / tr.k[1].sum()),
            "two_param_min_loss": two_min, "single_k_min_loss": one_min, "single_k_learned": float(single.k[0]),
            "gain_rel_two_over_single": (one_min - two_min) / one_min,
            "grad_norm_two": float(tr.grad_norm[1]), "grad_norm_single": float(single.grad_norm[0]),
            "gtol": GRAD_TOL / GRAD_ROOM, "refine_iters": [int(tr.refine_iters[1]), int(single.refine_iters[0])],
            "hit_cap": bool(tr.hit_cap[1] or single.hit_cap[0]),
            "paper_ratio_k0_over_k0_plus_k1": 0.556 / (0.556 + 0.509), "paper_single_k": 0.522,
            "ci": None, "ci_note": "deterministic population loss",
            "convergence": "grad_norm_two, grad_norm_single (largest |∂(L/D)/∂θ| after the polish)"}


# ======================================================================================== App. E: binned k(t)
def _mass_points(ev) -> np.ndarray:
    return np.asarray(ev["mass_mask"], dtype=bool)


def _profile_shape(k, mask) -> dict:
    """Over the end points with mass: the total fall k(first) − k(last), the largest rise between neighbours, and
    whether that is a monotone fall of at least FALL_MIN."""
    kk = np.asarray(k, dtype=float)[mask]
    steps = np.diff(kk)
    fall = float(kk[0] - kk[-1])
    rise = float(max(steps.max(), 0.0)) if steps.size else 0.0
    return {"fall": fall, "max_rise": rise, "k_first": float(kk[0]), "k_last": float(kk[-1]),
            "k_min": float(kk.min()), "k_max": float(kk.max()), "falls": bool(fall >= FALL_MIN and rise <= MONO_TOL)}


def _ordered_by_density(shapes) -> tuple[bool, float | None, float | None]:
    """Whether every falling setting has a larger d/D than every non-falling one; the two bounding d/D."""
    f = [s["d_over_D"] for s in shapes if s["falls"]]
    nf = [s["d_over_D"] for s in shapes if not s["falls"]]
    if not f or not nf:
        return bool(f), (min(f) if f else None), (max(nf) if nf else None)
    return min(f) > max(nf), min(f), max(nf)


def _shape_text(shapes) -> str:
    return "; ".join(f"D={s['D']}, d={s['d']}: {s['k_first']:.2f} → {s['k_last']:.2f} (range {s['k_min']:.2f}–{s['k_max']:.2f})"
                     f"{'' if s['falls'] else ' — not a monotone fall'}" for s in shapes)


def _range_text(shapes) -> str:
    nf = [s for s in shapes if not s["falls"]]
    return f"[{min(s['k_min'] for s in nf):.2f}, {max(s['k_max'] for s in nf):.2f}]" if nf else "n/a"


def decide_binned_k_falls(ev) -> Decision:
    shapes = ev["learned_shapes"]
    settled = within(DRIFT_ROOM * ev["max_drift_on_mass"], FALL_MIN)
    ordered, f_lo, nf_hi = _ordered_by_density(shapes)
    n_f = sum(s["falls"] for s in shapes)
    core = (f"Learned k(t) (exact population loss, Adam from ½, {ev['n_bins']} bins, {ev['steps']} steps) over the end "
            f"points carrying mass: {_shape_text(shapes)}")
    if not settled:
        return Decision("open", core + f". Not settled: k(t) still moved by {ev['max_drift_on_mass']:.3f} (> {FALL_MIN:g} / "
                                       f"{DRIFT_ROOM:g}) over the last 20 % of steps; a longer run would decide.")
    if n_f == len(shapes):
        return Decision("verified", core + f": it falls (by ≥ {FALL_MIN:g}, monotone to {MONO_TOL:g}) in every setting.")
    if n_f and ordered:
        return Decision("corrected", core + f". It falls only for dense data: in the settings with d/D ≥ {f_lo:.3g} and in "
                                            f"none with d/D ≤ {nf_hi:.3g}, where it stays within {_range_text(shapes)}.")
    verdict = "open" if ev["scale"] == "quick" else "refuted"
    return Decision(verdict, core + (". It falls in no setting" if not n_f else
                                     ". The falling settings are not the densest ones") +
                    (" (a quick run may not refute; the full scale's 128 bins decide)." if verdict == "open" else "."))


@claim("kdiff.sim.linear.binned_k_falls", paper="kdiff", where="§4, App. E, Fig. 5a",
       statement="A time-binned k(t) learns a profile that falls with t (0.56 near t = 0 to ≈ 0.3 near t = 1).",
       method="simulation", figures=("kdiff_sim_binned_k",), equations=("App. E", "Fig. 5"),
       assumptions=("Alg. 1's v-loss, clamp 0.05", "logit-normal(0, 1) t", "k(t) linear between bin ends (§4)"),
       criteria=f"Exact training of the linear model (Adam from k = ½; quick 16 bins, full the paper's 128) in settings "
                f"d/D from 1 to 1/16; over the bin ends carrying ≥ 10 % of the average mass a profile falls when it ends "
                f"≥ {FALL_MIN:g} lower and never rises by > {MONO_TOL:g}. open when k(t) moved by more than "
                f"{FALL_MIN:g}/{DRIFT_ROOM:g} over the last 20 % of the Adam budget; verified when it falls in every setting; corrected when it falls exactly in the densest "
                f"settings (a d/D threshold); refuted otherwise (open at quick scale).",
       decide=decide_binned_k_falls)
def binned_k_falls(ctx):
    out = sweeps.binned_run(ctx.scale, ctx.seed)
    mask = np.asarray(out["mass_mask"], bool)
    shapes = []
    for i, name in enumerate(out["settings"]):
        sh = _profile_shape(out["k_adam"][i], mask)
        sh.update({"setting": name, "D": out["D"][i], "d": out["d"][i], "d_over_D": out["d"][i] / out["D"][i],
                   "stationary_falls": _profile_shape(out["k_stationary"][i], mask)["falls"]})
        shapes.append(sh)
    drift_mass = float(np.max(np.abs(out["k_adam_drift_last20"][:, mask])))
    return {"scale": ctx.scale, "seed": ctx.seed, "n_bins": out["n_bins"], "steps": out["steps"], "lr": out["lr"],
            "learned_shapes": shapes, "k_t_adam": out["k_adam"], "k_t_stationary": out["k_stationary"],
            "bin_ends_t": out["t_ends"], "mass_mask": mask, "max_drift_on_mass": drift_mass,
            "ci": None, "ci_note": "deterministic population loss",
            "convergence": "max_drift_on_mass: largest change of k at a bin end with mass over the last 20 % of steps",
            "training": "exact population loss, v-loss, logit-normal(0,1), clamp 0.05, Adam from k = 0.5"}


def decide_binned_k_ends(ev) -> Decision:
    e_lo, e_hi = ev["end_move_ci"]
    i_lo, i_hi = ev["interior_move_ci"]
    exact_end = ev["exact_adam_end_move"]
    b1, b2 = ev["betas"]
    core = (f"Minibatch Adam (β = ({b1:g}, {b2:g})) on {ev['n_bins']} bins (constant lr {ev['lr']:g}, {ev['draws']} draws of t per seed: lr × "
            f"draws = {ev['lr_times_draws']:.0f}, the paper's {ev['paper_lr_times_draws']:.0f}; {len(ev['seeds'])} seeds): the end "
            f"values moved by {ev['end_move_mean']:.3f} (95% CI [{_f(e_lo, '.3f')}, {_f(e_hi, '.3f')}]), the interior by "
            f"{ev['interior_move_mean']:.2f} (CI [{_f(i_lo, '.2f')}, {_f(i_hi, '.2f')}]); an end bin holds P = {ev['P_t_in_end_bin']:.1e} "
            f"of the logit-normal mass: {ev['expected_draws_in_each_end_bin']:.2f} expected draws per run here, "
            f"{ev['paper_expected_draws_in_each_end_bin']:.0f} in the paper's 64 epochs")
    if i_lo is None or i_lo < INTERIOR_MIN:
        return Decision("open", core + f"; the interior has not moved by ≥ {INTERIOR_MIN:g} for sure, so stagnation at the "
                                       f"ends cannot be told apart from no training.")
    if e_hi is not None and e_hi < END_TOL:
        if exact_end > END_TOL:
            return Decision("verified", core + f". With exact gradients (no sampling) Adam does move the ends (by "
                                               f"{exact_end:.2f}): the stagnation comes from the vanishing sampling density.")
        return Decision("open", core + f". With exact gradients the ends stay too (moved {exact_end:.3f}), so the "
                                       f"stagnation cannot be attributed to the sampling density here.")
    if e_lo is not None and e_lo > END_TOL and ev["scale"] == "full":
        return Decision("refuted", core + f": the ends moved by more than {END_TOL:g}.")
    return Decision("open", core + f": the end move is not resolved against {END_TOL:g}; more seeds would decide.")


@claim("kdiff.sim.linear.binned_k_ends", paper="kdiff", where="App. E, Fig. 5a-b",
       statement="k(t) stays near its initial 0.5 at the ends t ≈ 0, 1 because the logit-normal density vanishes there.",
       method="simulation", figures=("kdiff_sim_binned_k",), equations=("App. E", "Fig. 5"),
       assumptions=("minibatch sampling of t ~ logit-normal(0, 1)", "Adam", "k(t) linear between 128 bin ends"),
       criteria=f"Minibatch Adam with Table 4's β = (0.9, 0.95) (Alg. 1's loss) on the paper's 128 bins, D = d = 4, constant lr, with the paper's "
                f"Σ lr × draws (each rare hit of an end bin moves it by a multiple of lr), over seeds (10 at full, with the "
                f"paper's batch 1024): end move = max |k − ½| at t = 0, 1; interior move = max |k − ½| over the middle half. "
                f"verified when the end move's 95% CI lies below {END_TOL:g}, the interior's lies above {INTERIOR_MIN:g} and "
                f"with exact gradients (no sampling) Adam moves the ends by > {END_TOL:g}; refuted at full scale when the "
                f"end move's CI lies above {END_TOL:g}; open otherwise.",
       decide=decide_binned_k_ends)
def binned_k_ends(ctx):
    from scipy import special, stats

    out = sweeps.binned_sgd_run(ctx.scale, ctx.seed)
    ex = sweeps.binned_run(ctx.scale, ctx.seed)
    k = np.asarray(out["k"])  # (seeds, N + 1)
    n_bins = k.shape[1] - 1
    p_end = float(stats.norm.cdf(special.logit(1.0 / n_bins)))  # P(t < 1/N) = P(t > 1 − 1/N) under logit-normal(0, 1)
    end_move = np.max(np.abs(k[:, [0, -1]] - 0.5), axis=1)
    interior = np.max(np.abs(k[:, n_bins // 4: 3 * n_bins // 4 + 1] - 0.5), axis=1)
    em, elo, ehi = mean_ci(end_move)
    im, ilo, ihi = mean_ci(interior)
    exact = np.asarray(ex["k_adam"])[0]  # D = d = 4, exact Adam (whatever its number of bins)
    paper_draws = 64 * 1_281_167  # kdiff Table 3: 64 epochs of ImageNet-1k (1 281 167 images), one t per image
    return {"setting": out["setting"], "scale": ctx.scale, "seeds": out["seeds"], "n_bins": n_bins, "steps": out["steps"],
            "batch": out["batch"], "lr": out["lr"], "betas": out["betas"], "schedule": out["schedule"], "draws": out["draws"],
            "lr_times_draws": out["lr_times_draws"], "paper_lr_times_draws": out["paper_lr_times_draws"], "k_t_sgd": k,
            "end_move_per_seed": end_move, "interior_move_per_seed": interior,
            "end_move_mean": em, "end_move_ci": [elo, ehi], "interior_move_mean": im, "interior_move_ci": [ilo, ihi],
            "ci": [elo, ehi], "ci_level": 0.95,
            "P_t_in_end_bin": p_end, "expected_draws_in_each_end_bin": p_end * out["draws"],
            "paper_expected_draws_in_each_end_bin": p_end * paper_draws,
            "exact_adam_end_move": float(max(abs(exact[0] - 0.5), abs(exact[-1] - 0.5))),
            "exact_adam_n_bins": ex["n_bins"],
            "convergence": "not a convergence question: the claim is about where k sits after the budget of draws"}


# ---------------------------------------------------------------------------------------- binned k(t): theory
@functools.lru_cache(maxsize=1)
def _binned_symbolic() -> dict:
    from difftheory.theory import kdiff_binned
    step = kdiff_binned.symbolic_stationarity_step(2)
    closed = kdiff_binned.symbolic_u_loss_closed_form()
    hat = kdiff_binned.symbolic_hat_uniform()
    v = kdiff_binned.symbolic_v_identities()
    return {"B1_step_stationarity_residuals": step["residuals"], "B1_holds": step["holds"],
            "B3_c_par": closed["c_par"], "B3_c_perp": closed["c_perp"], "B3_equals_coded": closed["equals_coded"],
            "B2_hat_uniform_exact": hat["exact_end_values"], "B2_hat_uniform_closed": hat["closed_form_end_values"],
            "B2_holds": hat["equal"], "B4_holds": bool(v["B4_holds"]), "B4_denominator_min": v["B4_clamp_inactive_above"],
            "B5_holds": bool(v["B5_holds"])}


U_TWIN_CASES = ((64, 4, UNIFORM), (8, 2, LATENT_DENSITY))


@functools.lru_cache(maxsize=4)
def _binned_theory(scale: str, seed: int) -> dict:
    """Theory of the binned profile: symbolic checks, u-loss closed form vs the numeric minimiser, the paper-loss
    optima (from ``sweeps.binned_run``), the D = d floor check, and the best constant k."""
    from difftheory.theory import kdiff_binned
    run = sweeps.binned_run(scale, seed)
    n_bins = run["n_bins"]
    mask = np.asarray(run["mass_mask"], bool)
    tp = np.asarray(run["t_ends"])
    u_twins = []
    for D, d, smp in U_TWIN_CASES:
        cf = kdiff_binned.u_loss_optimum(D, d, smp)
        num = kdiff_binned.optimal_profile(D, d, smp, "u", None, n_bins, starts={"0.5": np.full(tp.size, 0.5)})
        mm = kdiff_binned.parameter_mass(smp, n_bins) >= kdiff_binned.MASS_FRAC * kdiff_binned.parameter_mass(smp, n_bins).mean()
        u_twins.append({"D": D, "d": d, "sampler": str(smp), "a": cf["a"], "b": cf["b"], "k_at_0": cf["k_at_0"],
                        "k_at_1": cf["k_at_1"], "inside": cf["inside"],
                        "max_abs_diff_numeric_vs_closed": float(np.max(np.abs(num["theta"] - (cf["a"] + cf["b"] * (1 - tp)))[mm])),
                        "best_constant_k": kdiff_binned.best_constant(D, d, smp, "u", None, n_bins)["k"]})
    dense = [i for i, (D, d) in enumerate(zip(run["D"], run["d"])) if D == d]
    i0 = dense[0]
    floor = _lmmse_floor_dense(run["d"][i0], LATENT_DENSITY)
    return {"n_bins": n_bins, "mask": mask, "t_ends": tp, "u_twins": u_twins,
            "dense_index": i0, "dense_max_dev_from_1_minus_t": float(np.max(np.abs(run["k_opt"][i0] - (1 - tp))[mask])),
            "dense_delta_opt": float(run["delta_opt"][i0]), "dense_lmmse_floor": floor,
            "dense_floor_rel_gap": abs(float(run["delta_opt"][i0]) - floor) / floor}


def _lmmse_floor_dense(d: int, sampler: TimeDensity) -> float:
    """½ d E_p[Var(v) − Cov(v, z)²/Var(z)] = ½ d E_p[2 − (2t − 1)²/(t² + (1 − t)²)]: the v-loss of the best linear
    predictor of v = x − n at every t (adaptive quadrature, independent of the profile code)."""
    return 0.5 * d * float(sampler.expect(lambda t: 2 - (2 * t - 1) ** 2 / (t**2 + (1 - t) ** 2)))


def _twins_ok(ev) -> tuple[bool, str]:
    sym = ev["symbolic"]
    checks = {"B1 (SymPy stationarity, step basis)": sym["B1_holds"], "B2 (SymPy exact hat optimum)": sym["B2_holds"],
              "B3 (SymPy closed form = coded)": sym["B3_equals_coded"], "B4 (SymPy best linear predictor)": sym["B4_holds"],
              "B5 (SymPy perpendicular-exact family)": sym["B5_holds"]}
    for t in ev["u_loss_twins"]:
        if t["inside"]:
            checks[f"u-loss closed form vs numeric (D={t['D']}, d={t['d']}, {t['sampler']})"] = within(
                t["max_abs_diff_numeric_vs_closed"], PROFILE_TWIN_TOL)
    checks["D = d optimum vs 1 − t (B4)"] = within(ev["dense_max_dev_from_1_minus_t"], PROFILE_TWIN_TOL)
    checks["D = d optimum Δ* vs best-linear-predictor floor"] = within(ev["dense_floor_rel_gap"], FLOOR_REL_TOL)
    bad = [k for k, v in checks.items() if not v]
    return not bad, ", ".join(bad)


def decide_binned_k_theory(ev) -> Decision:
    ok, bad = _twins_ok(ev)
    if not ok:
        return Decision("error", f"Our derivations and their numeric twins disagree ({bad}): a bug here, not a paper verdict.")
    shapes = ev["optimum_shapes"]
    ordered, f_lo, nf_hi = _ordered_by_density(shapes)
    n_f = sum(s["falls"] for s in shapes)
    ut = ev["u_loss_twins"][0]
    core = (f"Thm 3.1 with φ = k(t), ψ = −(1 − k(t)): one W serves all t, so the bins couple through W*'s c_∥, c_⊥. Under "
            f"the u-loss the optimum is exactly affine, k*(t) = a + b(1 − t) (SymPy; D={ut['D']}, d={ut['d']}, "
            f"{ut['sampler']}: k* {ut['k_at_0']:.3f} at t = 0 → {ut['k_at_1']:.3f} at t = 1, best constant "
            f"{ut['best_constant_k']:.3f}). Under Alg. 1's v-loss ({ev['n_bins']} bins, logit-normal(0,1), clamp 0.05) the "
            f"Δ*-optimal profile over the bin ends with mass: {_shape_text(shapes)}; at D = d it is exactly 1 − t (max "
            f"deviation {ev['dense_max_dev_from_1_minus_t']:.1e}), the best linear predictor of v at every t (Δ* "
            f"{ev['dense_delta_opt']:.6g} = floor {ev['dense_lmmse_floor']:.6g})")
    if n_f == len(shapes):
        return Decision("verified", core + ". The optimal profile falls with t in every setting, as Fig. 5a's learned one.")
    if n_f and ordered:
        u_dir = "rises" if ut["k_at_1"] > ut["k_at_0"] else "falls" if ut["k_at_1"] < ut["k_at_0"] else "is flat"
        return Decision("corrected", core + f". The optimum falls only for dense data (d/D ≥ {f_lo:.3g}); for d/D ≤ "
                                            f"{nf_hi:.3g} it stays within {_range_text(shapes)} without a monotone fall, and "
                                            f"under the u-loss it {u_dir} with t.")
    return Decision("refuted", core + (". The optimum falls in no setting." if not n_f else
                                       ". The falling settings are not the densest ones."))


@claim("kdiff.appE.binned_k_theory", paper="kdiff", where="App. E (time-dependent k), Fig. 5a; Thm 3.1 with a "
                                                          "bin-dependent target",
       statement="The time-binned k(t) of App. E falls monotonically with t (Fig. 5a). Checked against the profile that "
                 "minimises Thm 3.1's Δ* with φ = k(t), ψ = −(1 − k(t)) in the linear model.",
       method="numeric", figures=("kdiff_sim_binned_k",), equations=("App. E", "Fig. 5", "Thm 3.1", "Eq. (11)", "Eq. (12)"),
       assumptions=("linear denoiser with one W for all t", "whitened x̃", "Alg. 1's v-loss, clamp 0.05",
                    "logit-normal(0, 1) t", "k(t) linear between bin ends"),
       criteria=f"error when a SymPy derivation (B1–B5 of theory/kdiff_binned) or a numeric twin disagrees (profiles "
                f"> {PROFILE_TWIN_TOL:g} on the bin ends with mass, Δ* floor > {FLOOR_REL_TOL:g} relative). The optimum "
                f"(L-BFGS-B on Δ*[k], several starts) falls when it ends ≥ {FALL_MIN:g} lower over the ends with mass and "
                f"never rises by > {MONO_TOL:g}: verified when it falls in every setting (d/D from 1 to 1/16); corrected "
                f"when it falls exactly in the densest ones; refuted otherwise.",
       decide=decide_binned_k_theory)
def binned_k_theory(ctx):
    run = sweeps.binned_run(ctx.scale, ctx.seed)
    th = _binned_theory(ctx.scale, ctx.seed)
    mask = th["mask"]
    shapes = []
    for i, name in enumerate(run["settings"]):
        sh = _profile_shape(run["k_opt"][i], mask)
        sh.update({"setting": name, "D": run["D"][i], "d": run["d"][i], "d_over_D": run["d"][i] / run["D"][i],
                   "proj_grad": float(run["opt_proj_grad"][i]),
                   "starts_max_diff_on_mass": float(run["opt_starts_max_diff_on_mass"][i])})
        shapes.append(sh)
    return {"scale": ctx.scale, "seed": ctx.seed, "n_bins": th["n_bins"], "symbolic": _binned_symbolic(),
            "u_loss_twins": th["u_twins"], "optimum_shapes": shapes, "k_t_optimal": run["k_opt"],
            "bin_ends_t": th["t_ends"], "mass_mask": mask,
            "dense_max_dev_from_1_minus_t": th["dense_max_dev_from_1_minus_t"], "dense_delta_opt": th["dense_delta_opt"],
            "dense_lmmse_floor": th["dense_lmmse_floor"], "dense_floor_rel_gap": th["dense_floor_rel_gap"],
            "ci": None, "ci_note": "a derivation and a deterministic minimisation",
            "convergence": "proj_grad per setting (largest projected-gradient entry of Δ*/D at the optimum) and "
                           "starts_max_diff_on_mass (spread of the optima from different starts)"}


def decide_binned_learned_vs_optimum(ev) -> Decision:
    rows = ev["settings"]

    def meets(r, which):
        return within(r[f"{which}_max_diff_on_mass"], PROFILE_TOL) and r[f"{which}_gain_share"] is not None \
            and r[f"{which}_gain_share"] >= GAIN_SHARE_MIN

    txt = "; ".join(f"D={r['D']}, d={r['d']}: Adam off by {r['adam_max_diff_on_mass']:.3f}, {r['adam_gain_share']:.0%} of the "
                    f"gain; stationary point off by {r['stationary_max_diff_on_mass']:.3f}, {r['stationary_gain_share']:.0%}"
                    for r in rows)
    core = (f"Learned binned profile ({ev['n_bins']} bins, exact loss, Adam {ev['steps']} steps from ½) against the "
            f"Δ*-optimal one, over the bin ends with mass ('gain': the Δ* the optimal profile saves over the best constant "
            f"k): {txt}")
    if all(meets(r, "adam") for r in rows):
        return Decision("verified", core + f". Training reaches the optimum (within {PROFILE_TOL:g}, ≥ {GAIN_SHARE_MIN:.0%} "
                                           f"of the gain) in every setting.")
    stuck = [r for r in rows if not meets(r, "stationary")]
    if stuck:
        r = stuck[0]
        return Decision("refuted", core + f". Even the stationary point the dynamics heads to misses the optimum (D={r['D']}, "
                                          f"d={r['d']}): training converges elsewhere.")
    unsettled = [r for r in rows if not meets(r, "adam")
                 and not within(DRIFT_ROOM * r["adam_drift_on_mass"], r["adam_max_diff_on_mass"])]
    if unsettled:
        return Decision("open", core + f". Adam has not settled where it misses (its drift over the last 20 % of steps is "
                                       f"more than 1/{DRIFT_ROOM:g} of the miss); a longer run would decide.")
    return Decision("corrected", core + f". The learned profile reaches the optimum only when trained to stationarity: "
                                        f"Adam's budget ends settled but short of it; the stationary point it heads to is "
                                        f"within {PROFILE_TOL:g} and ≥ {GAIN_SHARE_MIN:.0%} of the gain everywhere.")


@claim("kdiff.beyond.binned_k_learned_vs_optimum", paper="kdiff", where="App. E, Fig. 5a; Thm 3.1 with a bin-dependent target",
       statement="(beyond the paper) In the linear model, the binned k(t) learned by gradient descent reaches the profile "
                 "that minimises Thm 3.1's Δ* (the bins couple only through the shared W*).",
       method="simulation", figures=("kdiff_sim_binned_k",), equations=("App. E", "Fig. 5", "Thm 3.1"),
       assumptions=("linear denoiser, one W for all t", "exact population gradients", "k = sigmoid(w) per bin end"),
       criteria=f"Per setting, over the bin ends with mass: max |k_learned − k_opt| and the share of Δ*(best constant) − "
                f"Δ*(k_opt) that the learned profile attains. verified when Adam's profile is within {PROFILE_TOL:g} with "
                f"≥ {GAIN_SHARE_MIN:.0%} of the gain in every setting; refuted when the stationary point the dynamics heads to "
                f"(Newton/L-BFGS polish) misses either somewhere; open when Adam misses and its drift over the last 20 % "
                f"exceeds 1/{DRIFT_ROOM:g} of the miss; corrected otherwise (reached only at stationarity).",
       decide=decide_binned_learned_vs_optimum)
def binned_k_learned_vs_optimum(ctx):
    run = sweeps.binned_run(ctx.scale, ctx.seed)
    mask = np.asarray(run["mass_mask"], bool)
    rows = []
    for i, name in enumerate(run["settings"]):
        gain = float(run["delta_const"][i] - run["delta_opt"][i])
        row = {"setting": name, "D": run["D"][i], "d": run["d"][i], "gain": gain}
        for which, key, dkey in (("adam", "k_adam", "delta_adam"), ("stationary", "k_stationary", "delta_stationary")):
            row[f"{which}_max_diff_on_mass"] = float(np.max(np.abs(run[key][i] - run["k_opt"][i])[mask]))
            row[f"{which}_gain_share"] = (float(run["delta_const"][i] - run[dkey][i]) / gain) if gain > 0 else None
        row["adam_drift_on_mass"] = float(np.max(np.abs(run["k_adam_drift_last20"][i][mask])))
        row["stationary_grad_norm"] = float(run["grad_norm_stationary"][i])
        rows.append(row)
    return {"scale": ctx.scale, "seed": ctx.seed, "n_bins": run["n_bins"], "steps": run["steps"], "lr": run["lr"],
            "settings": rows, "k_t_adam": run["k_adam"], "k_t_stationary": run["k_stationary"], "k_t_optimal": run["k_opt"],
            "ci": None, "ci_note": "deterministic population loss",
            "convergence": "adam_drift_on_mass (change over the last 20 % of Adam steps) and stationary_grad_norm"}


def decide_binned_gain(ev) -> Decision:
    rows = ev["settings"]
    gains = [r["rel_gain"] for r in rows]
    txt = "; ".join(f"D={r['D']}, d={r['d']}: {r['rel_gain']:.2%} (Δ* {r['delta_const']:.5g} → {r['delta_opt']:.5g})"
                    for r in rows)
    floor_ok = within(ev["dense_floor_rel_gap"], FLOOR_REL_TOL)
    if not floor_ok:
        return Decision("error", f"The D = d optimum's Δ* ({ev['dense_delta_opt']:.8g}) misses the best-linear-predictor "
                                 f"floor ({ev['dense_lmmse_floor']:.8g}) by {ev['dense_floor_rel_gap']:.1e}: a bug here.")
    if all(g <= PROFILE_GAIN_TOL for g in gains):
        return Decision("verified", f"A time-dependent k lowers the linear model's Δ* by at most {max(gains):.2%} over the "
                                    f"best constant k ({txt}): a constant k is sufficient here too.")
    order = sorted(rows, key=lambda r: r["D"] / r["d"])
    shrinking = all(a["rel_gain"] >= b["rel_gain"] for a, b in zip(order, order[1:]))
    if shrinking:
        return Decision("corrected", f"In the linear model a time-dependent k does lower Δ* below the best constant k "
                                     f"(relative gain: {txt}); the gain shrinks as D/d grows and is largest at D = d, where "
                                     f"the optimal profile reaches the best-linear-predictor floor ({ev['dense_delta_opt']:.6g} "
                                     f"vs {ev['dense_lmmse_floor']:.6g}). This is a loss-level statement about the linear "
                                     f"model; Table 3 compares FID of networks.")
    return Decision("refuted", f"A time-dependent k lowers Δ* ({txt}), and not in order of D/d.")


@claim("kdiff.beyond.binned_k_gain_linear", paper="kdiff", where="App. E, Table 3 (constant vs time-dependent k)",
       statement="(beyond the paper) App. E: a constant k is sufficient, a time-dependent k(t) brings no improvement "
                 "(Table 3). In the linear model: the Δ* of the optimal binned profile against the best constant k.",
       method="numeric", equations=("App. E", "Table 3", "Thm 3.1"),
       assumptions=("linear denoiser, one W for all t", "Alg. 1's v-loss, clamp 0.05", "logit-normal(0, 1) t"),
       criteria=f"Relative gain (Δ*(best constant k) − Δ*(optimal profile))/Δ*(best constant k) per setting (same "
                f"quadrature). error when the D = d optimum misses the best-linear-predictor floor by > {FLOOR_REL_TOL:g}; "
                f"verified when every gain ≤ {PROFILE_GAIN_TOL:g}; corrected when some gain exceeds it and the gains shrink "
                f"as D/d grows; refuted otherwise.",
       decide=decide_binned_gain)
def binned_k_gain_linear(ctx):
    run = sweeps.binned_run(ctx.scale, ctx.seed)
    th = _binned_theory(ctx.scale, ctx.seed)
    rows = [{"setting": name, "D": run["D"][i], "d": run["d"][i], "delta_const": float(run["delta_const"][i]),
             "k_const": float(run["k_const"][i]), "delta_opt": float(run["delta_opt"][i]),
             "rel_gain": float((run["delta_const"][i] - run["delta_opt"][i]) / run["delta_const"][i])}
            for i, name in enumerate(run["settings"])]
    return {"scale": ctx.scale, "n_bins": run["n_bins"], "settings": rows, "dense_delta_opt": th["dense_delta_opt"],
            "dense_lmmse_floor": th["dense_lmmse_floor"], "dense_floor_rel_gap": th["dense_floor_rel_gap"],
            "ci": None, "ci_note": "deterministic minimisation", "convergence": "see kdiff.appE.binned_k_theory (proj_grad)"}
