"""The linear-model experiments shared by the claims and the figures, computed once per (scale, seed).

``learned_k_sweep``: learned k (exact population loss, batched) over (D, d) and over the
loss / sampler / clamp families, beside theory's k* and D/(D+d). ``mode_run``: explicit-W gradient
descent at fixed k against the analytic Eq. (9) solution. ``binned_run``: time-binned k(t) (kdiff §4,
App. E) trained exactly and with minibatches. Quick and full run the same code on different sizes.
"""

from __future__ import annotations

import functools

import numpy as np
import torch

from difftheory.linear_model.modes import mode_trajectory, split_modes
from difftheory.linear_model.population import mode_moments, kappa_sq, quadrature_nodes
from difftheory.linear_model.trainer import (
    Setting,
    batched_target,
    target_coefficients,
    train_exact,
    train_sgd,
)
from difftheory.threads import single_thread
from difftheory.theory.optimal_loss import delta_star, k_star
from difftheory.theory.samplers import LATENT_SAMPLER, PIXEL_SAMPLER, TimeSampler

UNIFORM = TimeSampler()
# name -> (loss, sampler, clamp); the last two are the paper's training setting (Alg. 1, Table 4)
FAMILIES = {
    "u / uniform": ("u", UNIFORM, None),
    "u / logit-normal(0,1)": ("u", LATENT_SAMPLER, None),
    "u / logit-normal(-0.8,0.8)": ("u", PIXEL_SAMPLER, None),
    "v / logit-normal(0,1) / clamp 0.05": ("v", LATENT_SAMPLER, 0.05),
    "v / uniform / clamp 0.05": ("v", UNIFORM, 0.05),
}
SWEEP_D = {"quick": (2, 8, 64, 1024), "full": (2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)}
SWEEP_d = {"quick": (1, 4), "full": (1, 2, 4, 8)}
V_DIMS_QUICK = ((2, 1), (4, 4), (64, 4), (1024, 1))  # v-loss k* costs ~0.5 s each in theory/: fewer at quick


def sweep_dims(scale: str, family: str) -> list[tuple[int, int]]:
    if scale == "quick" and FAMILIES[family][0] == "v":
        return list(V_DIMS_QUICK)
    dims = [(D, d) for D in SWEEP_D[scale] for d in SWEEP_d[scale] if d <= D]
    return dims + ([(4, 4)] if (4, 4) not in dims else [])  # D = d: no perpendicular mode


@functools.lru_cache(maxsize=512)
def theory_k_star(D, d, sampler, loss, clamp) -> float:
    return k_star(D, d, sampler, loss, clamp).k_star


@functools.lru_cache(maxsize=4)
def learned_k_sweep(scale: str = "quick", seed: int = 0) -> dict:
    """Learned k (k-Diff's k = sigmoid(w_k) from 0.5, Adam on the exact population loss, then L-BFGS to
    the stationary point) for every family and (D, d); one batched training call."""
    settings, fams = [], []
    for fam, (loss, sampler, clamp) in FAMILIES.items():
        for D, d in sweep_dims(scale, fam):
            settings.append(Setting(D, d, loss, sampler, clamp))
            fams.append(fam)
    with single_thread():
        res = train_exact(settings, mode="learn", k=0.5, steps=600 if scale == "quick" else 2000, lr=0.2, seed=seed)
    rows = []
    for i, (s, fam) in enumerate(zip(settings, fams)):
        kl = float(res.k[i])
        rows.append({
            "family": fam, "D": s.D, "d": s.d,
            "k_learned": kl, "k_after_steps": float(res.k_steps[i]),
            "k_star": theory_k_star(s.D, s.d, s.sampler, s.loss, s.clamp),
            "D_over_D_plus_d": s.D / (s.D + s.d),
            "loss": float(res.loss[i]),
            "delta_star_at_learned": float(delta_star(min(kl, 1.0), s.D, s.d, s.sampler, s.loss, s.clamp)),
        })
    return {"rows": rows, "record_steps": res.record_steps, "k_traj": res.k_traj, "families": fams,
            "settings": settings}


MODE_SETTINGS = {  # (setting, fixed k)
    "quick": [(Setting(24, 3, "u", UNIFORM, None), 0.7), (Setting(24, 8, "v", LATENT_SAMPLER, 0.05), 0.5)],
    "full": [(Setting(96, 3, "u", UNIFORM, None), 0.7), (Setting(96, 8, "v", LATENT_SAMPLER, 0.05), 0.5),
             (Setting(96, 32, "u", PIXEL_SAMPLER, None), 0.9)],
}


@functools.lru_cache(maxsize=4)
def mode_run(scale: str = "quick", seed: int = 0, lr: float = 0.05, steps: int = 600) -> dict:
    """Explicit D×D gradient descent (constant step ``lr``) at fixed k from a random W0, with the
    parallel / perpendicular parts of W (Eq. 10) against the analytic solution of Eq. (9)."""
    pairs = MODE_SETTINGS[scale]
    out = []
    with single_thread():
        for s, k in pairs:  # one call per setting: explicit W needs one d for its projector padding
            res = train_exact([s], mode="fixed", k=k, steps=steps, lr=lr, optimizer="gd", param="explicit",
                              init="random", seed=seed, record_every=1, schedule="constant", polish=False,
                              nodes=256)
            out.append((s, k, res))
        rows = []
        for s, k, res in out:
            P = res.P[:, :, : s.d]
            rows.append(_mode_errors(s, k, res, P @ P.transpose(-1, -2), lr, steps, seed))
    return {"rows": rows}


def _mode_errors(s, k, res, proj, lr, steps, seed):
    """Replay the GD run storing W_∥, W_⊥ at a few steps and compare with Eq. (9)'s solution."""
    from difftheory.linear_model.population import grad_eq8, optimal_closed

    t, w = quadrature_nodes([s.sampler], 256)
    template, params, buffers = batched_target("fixed", k, 1, 1)
    phi, psi = target_coefficients(template, params, buffers, t)
    m = mode_moments(t, w, phi, psi, kappa_sq(t, phi, psi, s.loss, s.clamp))
    gen = torch.Generator().manual_seed(seed)
    _ = torch.randn(s.D, s.d, generator=gen, dtype=torch.float64)  # the draw random_projection made
    W = torch.randn(1, s.D, s.D, generator=gen, dtype=torch.float64) / s.D**0.5  # same W0 as train_exact
    W0 = W.clone()
    checkpoints = sorted({0, 1, 10, 50, 100, 200, 400, steps} & set(range(steps + 1)))
    sim_par, sim_perp = [], []
    for n in range(steps + 1):
        if n in checkpoints:
            a, b = split_modes(W, proj)
            sim_par.append(a[0])
            sim_perp.append(b[0])
        W = W - lr * grad_eq8(W, proj, m)  # kdiff Eq. (8)
    final_gap = float((W - res.W).abs().max())  # the replay is the trainer's autograd GD path
    times = torch.tensor(checkpoints, dtype=torch.float64) * lr
    dpar, dperp = mode_trajectory(W0, proj, m, times, discrete=True, lr=lr)
    cpar, cperp = mode_trajectory(W0, proj, m, times)
    sp, sq = torch.stack(sim_par), torch.stack(sim_perp)

    def rel(a, b):
        return float(torch.linalg.norm((a - b).flatten(1), dim=1).max() / torch.linalg.norm(b.flatten(1), dim=1).max())

    c_par, c_perp = optimal_closed(m)  # W* of Eq. (11b) from the same moments
    star_par = c_par[0] * proj[0]
    star_perp = c_perp[0] * (torch.eye(s.D, dtype=torch.float64) - proj[0])
    dist_par = [float(torch.linalg.norm(x - star_par)) for x in sp]
    dist_perp = [float(torch.linalg.norm(x - star_perp)) for x in sq]
    return {
        "setting": str(s), "k": k, "lr": lr, "steps": steps, "checkpoints": checkpoints,
        "rate_par": float(m.par[0][0]), "rate_perp": float(m.perp[0][0]),
        "trainer_vs_eq8_replay_maxabs": final_gap,
        "rel_err_vs_discrete_solution": max(rel(sp, dpar[:, 0]), rel(sq, dperp[:, 0])),
        "rel_err_vs_flow_solution": max(rel(sp, cpar[:, 0]), rel(sq, cperp[:, 0])),
        "dist_par": dist_par, "dist_perp": dist_perp,
        "flow_dist_par": [float(torch.linalg.norm(x - star_par)) for x in cpar[:, 0]],
        "flow_dist_perp": [float(torch.linalg.norm(x - star_perp)) for x in cperp[:, 0]],
    }


BINNED_SETTINGS = [Setting(4, 4, "v", LATENT_SAMPLER, 0.05), Setting(16, 12, "v", LATENT_SAMPLER, 0.05),
                   Setting(64, 4, "v", LATENT_SAMPLER, 0.05)]


@functools.lru_cache(maxsize=4)
def binned_run(scale: str = "quick", seed: int = 0, n_bins: int = 16, n_bins_sgd: int = 128) -> dict:
    """k(t) on bins (kdiff §4) under Alg. 1's v-loss, logit-normal(0, 1), clamp 0.05: exact Adam on
    ``n_bins`` bins (finite steps, and the stationary point), and minibatch Adam on the paper's 128 bins."""
    steps = 600 if scale == "quick" else 2000
    sgd_steps, batch = (1500, 256) if scale == "quick" else (6000, 256)
    with single_thread():
        adam = train_exact(BINNED_SETTINGS, mode="binned", n_bins=n_bins, steps=steps, lr=0.05, seed=seed, polish=False)
        stat = train_exact(BINNED_SETTINGS, mode="binned", n_bins=n_bins, steps=steps, lr=0.05, seed=seed)
        sgd = train_sgd(BINNED_SETTINGS[0], mode="binned", n_bins=n_bins_sgd, steps=sgd_steps, lr=0.01, batch=batch,
                        seed=seed)
    return {"settings": [str(s) for s in BINNED_SETTINGS], "t_ends": np.linspace(0, 1, n_bins + 1),
            "k_adam": adam.k, "k_stationary": stat.k, "k_sgd": sgd.k[0], "sgd_setting": str(BINNED_SETTINGS[0]),
            "sgd_draws": sgd_steps * batch, "t_ends_sgd": np.linspace(0, 1, n_bins_sgd + 1),
            "loss_adam": adam.loss, "loss_stationary": stat.loss}
