"""Simulation claims of kdiff's linear model (§3–4, App. E): train it, hold the result against theory."""

from __future__ import annotations

import functools
import math

import numpy as np
import torch

from difftheory.ledger import Result, claim
from difftheory.linear_model import sweeps
from difftheory.linear_model.population import delta_star_closed, kappa_sq, mode_moments, quadrature_nodes
from difftheory.linear_model.trainer import (
    Setting,
    batched_target,
    target_coefficients,
    train_exact,
    train_sgd,
)
from difftheory.threads import single_thread
from difftheory.theory.optimal_loss import W_star, delta_star
from difftheory.theory.samplers import LATENT_SAMPLER, PIXEL_SAMPLER, TimeSampler

UNIFORM = TimeSampler()


def _reaches_minimiser(row, k_tol=1e-3, rel_tol=1e-4) -> bool:
    """Learned k is at theory's k*, or (ties, boundary optima) its Δ* is as low as Δ*(k*)."""
    if abs(row["k_learned"] - row["k_star"]) <= k_tol:
        return True
    s = sweeps.FAMILIES[row["family"]]
    best = float(delta_star(row["k_star"], row["D"], row["d"], s[1], s[0], s[2]))
    return row["delta_star_at_learned"] <= best + rel_tol * abs(best)


# ---------------------------------------------------------------------------------------------------------
@claim("kdiff.sim.linear.fixed_k_equilibrium", paper="kdiff", where="§3.2, Thm 3.1, Eqs. (11)-(12)",
       statement="Trained at fixed k, the linear denoiser's W converges to W* of Eq. (11) and its loss to Δ* of Eq. (12).",
       method="simulation", figures=("kdiff_sim_delta_landscape",))
def fixed_k_equilibrium(ctx) -> Result:
    cases = [(Setting(24, 3, "u", UNIFORM, None), 0.0), (Setting(24, 3, "u", UNIFORM, None), 0.7),
             (Setting(24, 3, "u", UNIFORM, None), 1.0), (Setting(24, 8, "v", LATENT_SAMPLER, 0.05), 0.5),
             (Setting(24, 8, "v", LATENT_SAMPLER, 0.05), 0.9), (Setting(24, 12, "u", PIXEL_SAMPLER, None), 0.3)]
    with single_thread():
        res = train_exact([c[0] for c in cases], mode="fixed", k=[c[1] for c in cases], steps=300, lr=0.05,
                          param="explicit", init="random", seed=ctx.seed)
    rows = []
    for i, (s, k) in enumerate(cases):
        P = res.P[i, :, : s.d].numpy()
        Ws = W_star(P, k, s.sampler, s.loss, s.clamp)
        dstar = float(delta_star(k, s.D, s.d, s.sampler, s.loss, s.clamp))
        rows.append({"setting": str(s), "k": k,
                     "w_rel_err": float(np.linalg.norm(res.W[i].numpy() - Ws) / np.linalg.norm(Ws)),
                     "loss": float(res.loss[i]), "delta_star": dstar,
                     "loss_rel_err": abs(float(res.loss[i]) - dstar) / dstar})
    w_max = max(r["w_rel_err"] for r in rows)
    l_max = max(r["loss_rel_err"] for r in rows)
    ev = {"cases": rows, "max_w_rel_err": w_max, "max_loss_rel_err": l_max,
          "method": "explicit D×D W from a random start, Adam on the exact population loss (256 quadrature nodes) "
                    "then L-BFGS; W* and Δ* from theory/optimal_loss (adaptive quadrature)"}
    if w_max < 1e-4 and l_max < 1e-4:
        return Result("verified", f"Trained W reaches W* to ‖W−W*‖/‖W*‖ ≤ {w_max:.1e} and the loss reaches Δ* to "
                      f"{l_max:.1e} (relative) over {len(rows)} settings (u and v losses, three samplers, k ∈ [0, 1]).", ev)
    return Result("refuted", f"Trained W misses W* by up to {w_max:.2e} or the loss misses Δ* by {l_max:.2e}.", ev)


# ---------------------------------------------------------------------------------------------------------
@claim("kdiff.sim.linear.mode_dynamics", paper="kdiff", where="§3.2, Eqs. (8)-(10)",
       statement="Under gradient descent the parallel part W PPᵀ and the perpendicular part W(I − PPᵀ) evolve "
                 "independently as the linear ODEs of Eq. (9), relaxing at rates ∫D̃α(α²+σ²) and ∫D̃α σ².",
       method="simulation", figures=("kdiff_sim_mode_dynamics",))
def mode_dynamics(ctx) -> Result:
    out = sweeps.mode_run(ctx.scale, ctx.seed)
    rows = [{k: v for k, v in r.items() if not isinstance(v, list)} for r in out["rows"]]
    disc = max(r["rel_err_vs_discrete_solution"] for r in rows)
    flow = max(r["rel_err_vs_flow_solution"] for r in rows)
    replay = max(r["trainer_vs_eq8_replay_maxabs"] for r in rows)
    ev = {"runs": rows, "max_rel_err_vs_exact_GD_solution": disc, "max_rel_err_vs_flow_solution": flow,
          "max_abs_gap_autograd_vs_eq8_gradient": replay}
    if disc < 1e-10 and replay < 1e-5:
        return Result("verified", f"Explicit D×D gradient descent from a random W0 (autograd gradient = Eq. 8 to "
                      f"{replay:.1e}) splits into W PPᵀ and W(I − PPᵀ) that follow Eq. (9)'s solution "
                      f"W* + (W0 − W*)(1 − η A)^n to {disc:.1e} (relative), with A_∥ = ∫D̃α(α²+σ²), A_⊥ = ∫D̃α σ² "
                      f"(A_∥/A_⊥ = {rows[0]['rate_par'] / rows[0]['rate_perp']:.3f} for the u-loss/uniform run). "
                      f"The continuous flow e^(−A η n) agrees to {flow:.1e}, the O(η) Euler gap at η = {rows[0]['lr']}.", ev)
    return Result("refuted", f"Mode trajectories deviate from Eq. (9)'s solution by {disc:.2e}.", ev)


# ---------------------------------------------------------------------------------------------------------
@claim("kdiff.sim.linear.learned_k_vs_kstar", paper="kdiff", where="§4 (k-Diff), Thm 3.2 generalised",
       statement="Learning k = sigmoid(w_k) by gradient descent on the linear model's loss lands on the k* that "
                 "minimises Δ*(k) for the loss, sampler and clamp actually used (D from 2 to 1024).",
       method="simulation", figures=("kdiff_sim_learned_vs_theory", "kdiff_sim_k_trajectories"))
def learned_k_vs_kstar(ctx) -> Result:
    sw = sweeps.learned_k_sweep(ctx.scale, ctx.seed)
    rows = sw["rows"]
    ok = [_reaches_minimiser(r) for r in rows]
    interior = [r for r in rows if 1e-6 < r["k_star"] < 1 - 1e-6]
    err_int = max(abs(r["k_learned"] - r["k_star"]) for r in interior)
    boundary = [r for r in rows if r not in interior]
    ev = {"table": rows, "max_abs_err_interior_k_star": err_int, "n_settings": len(rows),
          "n_boundary_k_star": len(boundary),
          "note": "k_after_steps: after the Adam steps; k_learned: the stationary point L-BFGS reaches from there"}
    if all(ok):
        return Result("verified", f"Over {len(rows)} settings (D 2…1024, d 1…8, u/v losses, uniform and logit-normal "
                      f"samplers, clamp 0.05) learned k reaches theory's minimiser: |k − k*| ≤ {err_int:.1e} where "
                      f"k* is interior; where k* is at the boundary (all v-loss cases, the pixel sampler with D ≤ 8) "
                      f"k runs to the boundary (sigmoid saturates), with Δ*(k_learned) = Δ*(k*) (D = d: a 0/1 tie).", ev)
    bad = [r for r, o in zip(rows, ok) if not o]
    return Result("refuted", f"{len(bad)} settings end away from k*: first {bad[0]}", ev)


@claim("kdiff.sim.linear.learned_k_is_D_over_D_plus_d", paper="kdiff", where="§3.3 Thm 3.2, §4-5 (k-Diff learns k*)",
       statement="k-Diff's learned k tracks the dimension ratio k* = D/(D+d) of Thm 3.2.",
       method="simulation", figures=("kdiff_sim_learned_vs_theory",))
def learned_k_is_D_over_D_plus_d(ctx) -> Result:
    rows = sweeps.learned_k_sweep(ctx.scale, ctx.seed)["rows"]
    by_fam = {}
    for r in rows:
        by_fam.setdefault(r["family"], []).append(abs(r["k_learned"] - r["D_over_D_plus_d"]))
    dev = {f: max(v) for f, v in by_fam.items()}
    v_rows = [r for r in rows if r["family"].startswith("v")]
    v_k = sorted({round(r["k_learned"], 4) for r in v_rows})
    ev = {"max_abs_dev_from_D_over_D_plus_d_by_family": dev, "v_loss_learned_k": v_k, "table": rows}
    uni = max(dev["u / uniform"], dev["u / logit-normal(0,1)"])
    detail = (f"Learned k equals D/(D+d) only under the u-loss (κ = 1) with a sampler of mean ½: max |k − D/(D+d)| = "
              f"{uni:.1e} (uniform, logit-normal(0,1)); the pixel sampler logit-normal(−0.8,0.8) moves it by up to "
              f"{dev['u / logit-normal(-0.8,0.8)']:.3f} (to k = 0 for D ≤ 2d). Under Alg. 1's v-loss (the paper's "
              f"training loss, clamp 0.05) the linear model's learned k runs to the boundary k = 1 (x-prediction) for "
              f"every D > d, and to 0 or 1 (a tie) for D = d: learned values {v_k}, max deviation from D/(D+d) "
              f"{max(dev[f] for f in dev if f.startswith('v')):.3f}. So in the model where Thm 3.2 is derived, the "
              f"interior values k = 0.522 / 0.66 reported for ImageNet latents cannot be read as D/(D+d).")
    return Result("corrected", detail, ev)


# ---------------------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def _sgd_runs(scale: str, seed: int):
    s = Setting(8, 2, "u", UNIFORM, None)
    steps = 1000 if scale == "quick" else 4000
    n_seeds = 3 if scale == "quick" else 6
    out = {}
    with single_thread():
        for latent in ("gaussian", "uniform"):
            out[latent] = [float(train_sgd(s, steps=steps, lr=0.03, batch=1024, latent=latent, seed=seed + j).k[0])
                           for j in range(n_seeds)]
    return s, steps, out


@claim("kdiff.sim.linear.sgd_learned_k", paper="kdiff", where="§4, Alg. 1 (minibatch training)",
       statement="With Monte Carlo minibatches of (x, n, t) the learned k lands on k* within its sampling noise.",
       method="simulation")
def sgd_learned_k(ctx) -> Result:
    s, steps, out = _sgd_runs(ctx.scale, ctx.seed)
    ks = np.array(out["gaussian"])
    k_star = sweeps.theory_k_star(s.D, s.d, s.sampler, s.loss, s.clamp)
    mean, sd = float(ks.mean()), float(ks.std(ddof=1))
    sem = sd / math.sqrt(len(ks))
    ev = {"setting": str(s), "steps": steps, "batch": 1024, "optimizer": "Adam lr 0.03 cosine", "k_seeds": ks,
          "mean": mean, "seed_sd": sd, "k_star": k_star, "z": (mean - k_star) / max(sem, 1e-12)}
    if abs(mean - k_star) <= 3 * sem + 1e-3:
        return Result("verified", f"SGD-trained k = {mean:.4f} ± {sd:.4f} (sd over {len(ks)} seeds) vs k* = {k_star:.4f} "
                      f"for {s}: within 3 standard errors (+1e-3).", ev)
    return Result("refuted", f"SGD-trained k = {mean:.4f} ± {sd:.4f} vs k* = {k_star:.4f}: outside sampling noise.", ev)


@claim("kdiff.sim.linear.non_gaussian_latent", paper="kdiff", where="§3.1, Eq. (6) (whitened x̃)",
       statement="Only the whitening E[x̃x̃ᵀ] = I matters: a non-Gaussian whitened latent trains to the same k.",
       method="simulation")
def non_gaussian_latent(ctx) -> Result:
    s, steps, out = _sgd_runs(ctx.scale, ctx.seed)
    g, u = np.array(out["gaussian"]), np.array(out["uniform"])
    diff = float(u.mean() - g.mean())
    se = float(math.sqrt(g.var(ddof=1) / len(g) + u.var(ddof=1) / len(u)))
    ev = {"setting": str(s), "k_gaussian": g, "k_uniform_latent": u, "mean_difference": diff, "se": se}
    if abs(diff) <= 3 * se + 1e-3:
        return Result("verified", f"Uniform(±√3) latent: k = {u.mean():.4f}, Gaussian latent: k = {g.mean():.4f}; "
                      f"difference {diff:+.4f} within 3 s.e. ({se:.4f}) — the population loss sees only E[xxᵀ] = PPᵀ.", ev)
    return Result("refuted", f"Latent distribution changes learned k by {diff:+.4f} (s.e. {se:.4f}).", ev)


# ---------------------------------------------------------------------------------------------------------
def _two_param_loss(setting: Setting, k0, k1, nodes=256):
    """min_W of the population loss at the two-parameter target u = k0 x − k1 n (App. E), via the
    generalised Eq. (12) of ``population.delta_star_closed``."""
    t, w = quadrature_nodes([setting.sampler] * len(k0), nodes)
    template, params, buffers = batched_target("two", 0.5, 1, len(k0))
    with torch.no_grad():
        params["kt.w_k"].copy_(torch.logit(torch.tensor(np.stack([k0, k1], -1), dtype=torch.float64)))
    phi, psi = target_coefficients(template, params, buffers, t)
    m = mode_moments(t, w, phi, psi, kappa_sq(t, phi, psi, setting.loss, setting.clamp, k_family=False))
    return delta_star_closed(m, setting.D, setting.d).detach().numpy()


@claim("kdiff.sim.linear.two_param_target", paper="kdiff", where="App. E, Table 3 (k0 x − k1 n: (0.556, 0.509))",
       statement="A two-parameter target k0 x − k1 n learns (0.556, 0.509) and brings nothing over a single k (0.522).",
       method="simulation")
def two_param_target(ctx) -> Result:
    s_clamp = Setting(16, 12, "v", LATENT_SAMPLER, 0.05)
    s_free = Setting(16, 12, "v", LATENT_SAMPLER, None)
    rng = np.random.default_rng(ctx.seed)
    k0, k1 = rng.uniform(0.2, 0.9, 6), rng.uniform(0.2, 0.9, 6)
    scales = np.array([1.0, 0.5, 0.1, 0.02])
    with single_thread():
        free = np.array([_two_param_loss(s_free, sc * k0, sc * k1) for sc in scales])
        clamped = np.array([_two_param_loss(s_clamp, sc * k0, sc * k1) for sc in scales])
        tr = train_exact([s_clamp, s_free], mode="two", k=0.5, steps=600, lr=0.05, seed=ctx.seed, polish=False)
    inv_gap = float(np.max(np.abs(free - free[0]) / free[0]))
    ratio_paper = 0.556 / (0.556 + 0.509)
    ev = {"setting": "D=16, d=12, v-loss, logit-normal(0,1)", "k0": k0, "k1": k1, "scales": scales,
          "min_W_loss_unclamped_by_scale": free, "min_W_loss_clamp0.05_by_scale": clamped,
          "max_rel_change_unclamped_under_scaling": inv_gap,
          "trained_k0_k1_clamp0.05": tr.k[0], "trained_loss_clamp0.05": float(tr.loss[0]),
          "trained_k0_k1_unclamped": tr.k[1], "trained_ratio_unclamped": float(tr.k[1][0] / tr.k[1].sum()),
          "paper_ratio_k0_over_k0_plus_k1": ratio_paper, "paper_single_k": 0.522}
    falls = bool(np.all(np.diff(clamped, axis=0) <= 1e-9 * np.abs(clamped[:-1])) and np.all(clamped[-1] < clamped[0]))
    detail = (f"The second parameter only adds a scale. Without the clamp the v-loss is invariant under "
              f"(k0, k1) → s(k0, k1) (measured: min_W loss changes by ≤ {inv_gap:.1e} for s ∈ {scales.tolist()}), so only "
              f"r = k0/(k0+k1) matters and it plays the role of the single k; the paper's (0.556, 0.509) has r = "
              f"{ratio_paper:.4f}, its single k is 0.522, as this invariance predicts. With Alg. 1's clamp 0.05 the "
              f"population loss has no minimiser in (0, 1]²: it {'never rises and ends lower' if falls else 'does not fall'} as "
              f"s → 0 (mean over {len(k0)} random pairs {clamped[0].mean():.3f} → {clamped[-1].mean():.4f} at s = {scales[-1]}; flat "
              f"while the clamp is inactive), because the clamped target shrinks with the scale (loss → 0 as s → 0); Adam drives (k0, k1) from (0.5, 0.5) to {np.round(tr.k[0], 4).tolist()} (loss "
              f"{float(tr.loss[0]):.4f}). The learned pair is therefore not identifiable in the linear model, and its "
              f"loss is not comparable with single-k training.")
    return Result("corrected", detail, ev)


# ---------------------------------------------------------------------------------------------------------
@claim("kdiff.sim.linear.binned_k_falls", paper="kdiff", where="§4, App. E, Fig. 5a",
       statement="A time-binned k(t) learns a profile that falls with t (0.56 near t = 0 to ≈ 0.3 near t = 1).",
       method="simulation", figures=("kdiff_sim_binned_k",))
def binned_k_falls(ctx) -> Result:
    out = sweeps.binned_run(ctx.scale, ctx.seed)
    rows = []
    for name, k in zip(out["settings"], out["k_adam"]):
        inner = k[2:-2]
        rows.append({"setting": name, "k_t_adam": np.round(k, 4), "k_first": float(k[1]), "k_last": float(k[-2]),
                     "monotone_falling_interior": bool(np.all(np.diff(inner) <= 1e-9))})
    falls = [r for r in rows if r["monotone_falling_interior"]]
    ev = {"runs": rows, "k_t_stationary": out["k_stationary"], "bin_ends_t": out["t_ends"],
          "training": "exact population loss, v-loss, logit-normal(0,1), clamp 0.05, Adam from k = 0.5"}
    detail = (f"In the linear model k(t) falls with t in {len(falls)} of {len(rows)} settings: "
              + "; ".join(f"{r['setting'].split(', loss')[0]}: {r['k_first']:.2f} → {r['k_last']:.2f}"
                          f"{'' if r['monotone_falling_interior'] else ' (not monotone)'}" for r in rows)
              + ". It falls when the data nearly fill the space (d/D ≥ 0.75 here) and stays near 1 (x-prediction) "
                "when D ≫ d, so a falling k(t) is a property of dense data, not of the k-family.")
    verdict = "verified" if len(falls) == len(rows) else "corrected"
    return Result(verdict, detail, ev)


@claim("kdiff.sim.linear.binned_k_ends", paper="kdiff", where="App. E, Fig. 5a-b",
       statement="k(t) stays near its initial 0.5 at the ends t ≈ 0, 1 because the logit-normal density vanishes there.",
       method="simulation", figures=("kdiff_sim_binned_k",))
def binned_k_ends(ctx) -> Result:
    out = sweeps.binned_run(ctx.scale, ctx.seed)
    k = out["k_sgd"]
    n_bins = len(k) - 1
    from scipy import special, stats

    edge = 1.0 / n_bins
    p_end = float(stats.norm.cdf(special.logit(edge)))  # P(t < 1/N) under logit-normal(0, 1) (= P(t > 1 − 1/N))
    n_draws = out["sgd_draws"]
    interior_move = float(np.max(np.abs(k[n_bins // 4: 3 * n_bins // 4] - 0.5)))
    end_move = float(max(abs(k[0] - 0.5), abs(k[-1] - 0.5)))
    ev = {"setting": out["sgd_setting"], "n_bins": n_bins, "k_t_sgd": np.round(k, 4), "k_ends": [float(k[0]), float(k[-1])],
          "P_t_in_end_bin": p_end, "minibatch_draws": n_draws, "expected_draws_in_each_end_bin": p_end * n_draws,
          "max_interior_move": interior_move, "max_end_move": end_move,
          "k_ends_exact_adam": [float(x) for x in out["k_adam"][0][[0, -1]]]}
    if end_move <= 0.3 * interior_move and interior_move > 0.1:
        return Result("verified", f"With minibatch Adam ({n_draws} draws of t, {n_bins} bins as in the paper) the end values "
                      f"stay at {k[0]:.3f}, {k[-1]:.3f} (moved ≤ {end_move:.3f}) while the interior moves by up to "
                      f"{interior_move:.2f}: an end bin "
                      f"holds P = {p_end:.1e} of the logit-normal mass, {p_end * n_draws:.2f} expected draws. With exact "
                      f"gradients Adam does move them (to {ev['k_ends_exact_adam'][0]:.2f}, {ev['k_ends_exact_adam'][1]:.2f}): "
                      f"the stagnation is the sampling density, as the paper says.", ev)
    return Result("refuted", f"The end values moved by {end_move:.3f}, more than 0.3 × the interior's {interior_move:.3f}, "
                  f"with {p_end * n_draws:.2f} expected draws per end bin.", ev)
