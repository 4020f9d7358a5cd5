"""mse's generator comparisons where the denoiser is exact: toy analogues of Table 1.

A 2-D Gaussian mixture has a closed-form posterior mean (``theory.gmm.GaussianMixture``), hence an exact
denoiser X̂_t(Y_t) for every schedule. We generate with Euler- and Heun-UDS (mse Eqs. 14–15) as Flow
(η = 0), MSE-diffusion (η̌) and ML-diffusion (η̊) at NFE 63 and 255, and, in Table 1's own environment
(Normal schedule, F-pred, EDM2's ρ = 7 grid), with EDM2's Heun sampler (Karras et al. 2022, Alg. 1 without
churn); then repeat with a small MLP trained by MSE on the Vel target (Logis), whose training implies the
Logis+Vel MSE-diffusion.

Scores: the exact-side MMD² to the mixture (unbiased; the data side is a closed-form Gaussian integral, so
its mean over seeds is the true MMD²) — the toy's FID; for the deterministic flows in the EDM2 setting also
the RMS distance of every sample to the exact ODE solution from the same start (a reference HeunEDM2 run on
a fine grid), which bounds the W2 distance between the solver's law and the exact flow's law.
Common random numbers: within a seed every generator starts from the same noise and uses the same ξ's.

Time convention: t ∈ (0, 1), 0 = noise, 1 = data (α increasing); the state is Y = Z/α (mse Eq. 7)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from difftheory.theory import mse_diffusion_size
from difftheory.theory import mse_generator
from difftheory.theory.gmm import GaussianMixture
from difftheory.theory.schedules import mse_schedule
from difftheory.theory.target_conversions import noisy, x_hat
from difftheory.threads import single_thread
from difftheory.validate import check_choice, check_float, check_int

NFES = (63, 255)
KINDS = mse_generator.KINDS  # flow, mse, ml
SOLVERS = mse_generator.SOLVERS  # euler, heun
EDM2_HEUN = "heun_edm2"  # EDM2's own sampler (flow only), Table 1's first column


@dataclass(frozen=True)
class Setting:
    name: str
    schedule: str
    param: str
    grid: str  # "uniform" on [1e-3, 1 − 1e-3] or "edm2" (EDM's ρ = 7 σ-grid)
    denoiser: str  # "exact" or "mlp"


SETTINGS = {
    "edm2": Setting("exact/normal+fpred(edm2 grid)", "normal", "fpred", "edm2", "exact"),  # Table 1's environment
    "logis": Setting("exact/logis+vel", "logis", "vel", "uniform", "exact"),  # the DiT/SiT/RAE family
    "mlp": Setting("mlp/logis+vel", "logis", "vel", "uniform", "mlp"),
}


def mse_gmm() -> GaussianMixture:
    """Six components on a circle of radius 2, sd 0.25, unequal weights (data scale ≈ 2)."""
    ang = np.arange(6) * np.pi / 3
    return GaussianMixture.isotropic(2.0 * np.c_[np.cos(ang), np.sin(ang)], 0.25, weights=[3, 1, 2, 1, 2, 1])


def steps_for(solver: str, nfe: int) -> int:
    """UDS steps N with ``mse_generator.nfe(solver, N) == nfe`` (63 → 62 Euler / 31 Heun; 255 → 254 / 127); the same
    count for EDM2's Heun (31 Heun steps + a final Euler step to σ = 0 on its 32-point grid: NFE 63)."""
    solver = check_choice("solver", solver, SOLVERS + (EDM2_HEUN,))
    nfe = check_int("nfe", nfe, 2)
    n = nfe - 1 if solver == "euler" else (nfe - 1) // 2
    if mse_generator.nfe("euler" if solver == "euler" else "heun", n) != nfe:
        raise ValueError(f"nfe must be odd for Heun, got {nfe}")
    return n


def make_grid(setting: Setting, steps: int) -> np.ndarray:
    if setting.grid == "edm2":
        return mse_diffusion_size.edm2_grid(steps + 1)
    return mse_diffusion_size.uniform_grid(mse_diffusion_size.DEFAULT_T0, mse_diffusion_size.DEFAULT_TMAX, steps)


def exact_denoiser(gmm: GaussianMixture, schedule):
    """X̂_t(y) = E[X | Z_t = α_t y] (closed form), Y units."""
    sch = mse_schedule(schedule)

    def den(y, t):
        a, s = float(sch.alpha(t)), float(sch.sigma(t))
        return gmm.posterior_mean(a * y, a, s)

    return den


# ------------------------------------------------------------------------------------------ the MLP denoiser
LOSS_GROWTH_LIMIT = 100.0  # training stops when the minibatch loss exceeds 100× its first-step value: it starts
# near E‖X − ε‖² ≈ 6 (untrained net ≈ 0) and only falls while training works; minibatch noise at batch 512 is < 2×
MLP = {"quick": dict(steps=1000, width=64), "full": dict(steps=8000, width=128)}
MLP_LR, MLP_BATCH = 2e-3, 512


def _mlp(width: int):
    import torch

    return torch.nn.Sequential(torch.nn.Linear(3, width), torch.nn.SiLU(), torch.nn.Linear(width, width),
                               torch.nn.SiLU(), torch.nn.Linear(width, width), torch.nn.SiLU(),
                               torch.nn.Linear(width, 2))


def _train(steps: int, width: int, seed: int, snapshot_at: int | None = None) -> dict:
    """Train v̂(z, t) by MSE on v = X − ε of z = tX + (1 − t)ε, t ~ U(0, 1) (Logis + Vel: the implied
    MSE-diffusion is Logis+Vel's), Adam with cosine-decayed lr. Returns the state dicts (end and, if asked, at
    ``snapshot_at``) and the loss trajectory, as tensors. Stops with one line on a non-finite loss or one grown
    ``LOSS_GROWTH_LIMIT``-fold over its first step."""
    import torch

    from difftheory.training import Adam, check_loss, cosine_lr

    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    gmm = mse_gmm()
    data = torch.tensor(gmm.sample(200_000, np.random.default_rng(seed + 7)), dtype=torch.float32)
    net = _mlp(width)
    params = list(net.parameters())
    opt = Adam(params)
    losses, first, snap = [], None, {}
    for i in range(steps):
        x = data[torch.randint(0, len(data), (MLP_BATCH,), generator=g)]
        e = torch.randn(x.shape, generator=g)
        t = torch.rand(len(x), 1, generator=g)
        z = noisy(x, e, t)  # z = t x + (1 − t) ε, the Logis path
        loss = ((net(torch.cat([z, t], 1)) - (x - e)) ** 2).sum(1).mean()
        val = float(loss.detach())
        first = val if first is None else first
        check_loss(val, first, LOSS_GROWTH_LIMIT,
                   f"at step {i} training the Vel MLP (width={width}, seed={seed}, lr={MLP_LR:g})")
        losses.append(val)
        for p in params:
            p.grad = None
        loss.backward()
        opt.step([p.grad for p in params], cosine_lr(MLP_LR, i, steps))  # to 0
        if snapshot_at is not None and i + 1 == snapshot_at:
            snap = {f"at80.{k}": v.detach().clone() for k, v in net.state_dict().items()}
    out = {f"end.{k}": v.detach().clone() for k, v in net.state_dict().items()}
    return {**out, **snap, "losses": torch.tensor(losses, dtype=torch.float64)}


@lru_cache(maxsize=4)
def train_vel_mlp(scale: str, seed: int) -> dict:
    """The Vel MLP of ``scale`` (trained once per settings, seed and code: on-disk cache) → {"end": net,
    "at80": net after 80 % of training, "losses": per-step minibatch losses}."""
    from difftheory import cache

    check_choice("scale", scale, tuple(MLP))
    check_int("seed", seed, 0)
    cfg = MLP[scale]
    snap = int(0.8 * cfg["steps"])
    with single_thread():  # a tiny model: one thread is ~4x faster than two on busy shared cores
        res = cache.cached("mse_vel_mlp", {**cfg, "seed": seed, "lr": MLP_LR, "batch": MLP_BATCH, "snapshot": snap},
                           lambda: _train(cfg["steps"], cfg["width"], seed, snap),
                           code=[__name__, "difftheory.theory.gmm", "difftheory.theory.schedules", "difftheory.training"])
    nets = {}
    for tag in ("end", "at80"):
        net = _mlp(cfg["width"])
        net.load_state_dict({k.split(".", 1)[1]: v for k, v in res.items() if k.startswith(tag + ".")})
        net.eval()
        nets[tag] = net
    return {**nets, "losses": res["losses"].numpy()}


def mlp_denoiser(net):
    """X̂ from v̂ via kdiff's x̂ (target_conversions.x_hat with φ = 1, ψ = −1 for v = X − ε), Y units, Logis."""
    import torch

    logis = mse_schedule("logis")

    def den(y, t):  # callers run it inside single_thread() (entering it per call costs ~2 ms of system time)
        z = t * y
        with torch.no_grad():
            inp = torch.tensor(np.c_[z, np.full(len(z), t)], dtype=torch.float32)
            v = net(inp).double().numpy()
        a, s = logis.alpha_sigma(t)  # α = t, σ = 1 − t
        return x_hat(z, v, a, s, 1.0, -1.0)

    return den


# ------------------------------------------------------------------------------------------ generators
def generate(setting: Setting, kind: str, solver: str, nfe: int, n: int, seed: int, denoiser) -> np.ndarray:
    """n samples of one UDS generator (mse Eqs. 13–15); seeded (same seed → same numbers, and the same start
    noise and ξ's for every kind and solver of that seed and NFE)."""
    check_choice("kind", kind, KINDS)
    steps = steps_for(solver, nfe)
    grid = make_grid(setting, steps)
    sch = mse_schedule(setting.schedule)
    etas = mse_generator.step_etas(kind, sch, setting.param, grid)
    rng = np.random.default_rng(seed)
    y0 = rng.standard_normal((n, 2)) / sch.rho(grid[0])  # Ŷ_{t0} = ρ̊_{t0}⁻¹ ε (mse Eq. 10)
    noise = rng.standard_normal((steps, n, 2))
    return mse_generator.uds_sample(denoiser, sch, grid, etas, y0, noise, solver=solver)


def heun_edm2(denoiser, points: int, y0: np.ndarray, sigmas=None) -> np.ndarray:
    """EDM2's deterministic sampler (Karras et al. 2022 Alg. 1 with S_churn = 0, EDM2's ``edm_sampler``): Heun on
    dx/dσ = (x − D(x; σ))/σ over σ_0 > … > σ_{N−1} (``sigmas``, default EDM2's ρ = 7 grid on [0.002, 80] with
    ``points`` points) and σ_N = 0, Euler on the last step (``mse_generator.edm_euler``/``edm_heun``); x_0 = σ_0 y0
    with y0 ~ N(0, I). ``denoiser(y, t)`` in mse time of the Normal schedule (α = 1, σ = e^{−λ̊}), so
    NFE = 2·points − 1 (63 for EDM2's 32 points)."""
    points = check_int("points", points, 2)
    sig = mse_diffusion_size.edm2_sigmas(points) if sigmas is None else np.asarray(sigmas, float)
    if sig.shape != (points,) or not np.all(np.isfinite(sig)) or np.any(sig <= 0) or np.any(np.diff(sig) >= 0):
        raise ValueError(f"sigmas must be {points} finite positive decreasing noise levels, got shape {sig.shape}")
    sig = np.r_[sig, 0.0]
    ts = mse_schedule("normal").t_of_lam(-np.log(sig[:-1]))
    x = np.asarray(y0, float) * sig[0]
    for i in range(points):
        d_s = denoiser(x, ts[i])
        x_next = mse_generator.edm_euler(x, d_s, sig[i], sig[i + 1])
        if i < points - 1:  # Heun correction (2nd order) everywhere but the final step to σ = 0
            x_next = mse_generator.edm_heun(x, d_s, x_next, denoiser(x_next, ts[i + 1]), sig[i], sig[i + 1])
        x = x_next
    return x


def mmd2_to_gmm(x: np.ndarray, gmm: GaussianMixture, h: float) -> float:
    """Unbiased MMD² between the sample ``x`` and the mixture itself (Gaussian kernel of width h): the data
    side is exact (Gaussian integrals), so the estimate has no finite-sample floor — its mean over seeds is
    the true MMD²."""
    from scipy.spatial.distance import pdist

    x = np.asarray(x, float)
    n, D = x.shape
    kxx = 2.0 * np.exp(-pdist(x, "sqeuclidean") / (2 * h * h)).sum() / (n * (n - 1))
    v1 = h * h + gmm.sds**2  # E_{y~N(μ, s²I)} k(x, y) = (h²/v1)^{D/2} exp(−‖x − μ‖²/(2 v1))
    dm = ((x[:, None, :] - gmm.means[None]) ** 2).sum(-1)
    kxp = np.mean(((h * h / v1) ** (D / 2) * np.exp(-dm / (2 * v1))) @ gmm.weights)
    return float(kxx - 2 * kxp + _kpq(gmm, gmm, h))


def _kpq(p: GaussianMixture, q: GaussianMixture, h: float) -> float:
    """E k(X, Y) for X ~ p, Y ~ q independent (isotropic mixtures, Gaussian kernel of width h)."""
    D = p.dim
    v = h * h + p.sds[:, None] ** 2 + q.sds[None] ** 2
    mm = ((p.means[:, None] - q.means[None]) ** 2).sum(-1)
    return float(p.weights @ ((h * h / v) ** (D / 2) * np.exp(-mm / (2 * v))) @ q.weights)


def mmd2_width_error(gmm: GaussianMixture, rel: float, h: float) -> float:
    """Exact MMD² between the mixture and the same mixture with every component's sd scaled by 1 + ``rel``."""
    rel = check_float("rel", rel, -1.0, None, lo_open=True)
    q = GaussianMixture(gmm.means, gmm.sds * (1 + rel), gmm.weights)
    return _kpq(gmm, gmm, h) - 2 * _kpq(gmm, q, h) + _kpq(q, q, h)


SCALES = {"quick": dict(n=800, seeds=3, settings=("edm2", "mlp")),
          "full": dict(n=3000, seeds=8, settings=("edm2", "logis", "mlp"))}
MMD_BANDWIDTH = 0.25  # the components' sd: sensitive to mode shapes and weights
REF_POINTS = 512  # reference ODE solution: HeunEDM2 on 512 points; its own error (2nd order, ≈ 0.0006·(128/512)²
# ≈ 4e-5 RMS, from the 128-point run's) is < 10 % of the smallest path error it measures (NFE 255)


def _key(solver: str, kind: str, nfe: int) -> str:
    return f"{solver}/{kind}/{nfe}"


def generator_keys(setting: str) -> list[str]:
    keys = [_key(sv, k, f) for sv in SOLVERS for k in KINDS for f in NFES]
    return keys + [_key(EDM2_HEUN, "flow", f) for f in NFES] if setting == "edm2" else keys


@lru_cache(maxsize=4)
def generator_comparison(scale: str, seed: int) -> dict:
    """See ``_comparison``; runs single-threaded (small arrays: threads only contend)."""
    check_choice("scale", scale, tuple(SCALES))
    check_int("seed", seed, 0)
    with single_thread():
        return _comparison(scale, seed)


def _comparison(scale: str, seed: int) -> dict:
    """Exact-side MMD² to the data for every generator of every setting of ``scale`` over ``seeds`` seeds with
    common random numbers, and in the EDM2 setting the RMS path error of each deterministic flow.

    Returns {setting: {"mmd2": {key: [per seed]}, "path_rms": {key: [per seed]} (edm2), "n", "seeds", ...}},
    key = "solver/kind/nfe" (solver euler | heun | heun_edm2). The MLP setting also carries "mmd2_at80" (the
    same generators with the network after 80 % of training) and the training losses."""
    cfg = SCALES[scale]
    gmm = mse_gmm()
    out = {}
    for name in cfg["settings"]:
        s = SETTINGS[name]
        extra = {}
        if s.denoiser == "exact":
            dens = {"mmd2": exact_denoiser(gmm, s.schedule)}
        else:
            nets = train_vel_mlp(scale, seed)
            dens = {"mmd2": mlp_denoiser(nets["end"]), "mmd2_at80": mlp_denoiser(nets["at80"])}
            extra = {"losses": nets["losses"], "mlp": dict(MLP[scale])}
        res = {tag: {} for tag in dens}
        path = {}
        for r in range(cfg["seeds"]):
            rs = seed * 1000 + r
            for tag, den in dens.items():
                for key in generator_keys(name):
                    sv, k, f = key.split("/")
                    f = int(f)
                    if sv == EDM2_HEUN:
                        y0 = np.random.default_rng(rs).standard_normal((cfg["n"], 2))  # generate()'s start noise
                        x = heun_edm2(den, steps_for(sv, f) + 1, y0)
                    else:
                        x = generate(s, k, sv, f, cfg["n"], rs, den)
                    if not np.all(np.isfinite(x)):
                        raise FloatingPointError(f"non-finite samples from {s.name} {key} (seed {rs})")
                    res[tag].setdefault(key, []).append(mmd2_to_gmm(x, gmm, MMD_BANDWIDTH))
                    if name == "edm2" and k == "flow":
                        path.setdefault(key, []).append(x)
            if path:
                ref = heun_edm2(dens["mmd2"], REF_POINTS, np.random.default_rng(rs).standard_normal((cfg["n"], 2)))
                for key in list(path):
                    x = path[key].pop()
                    path[key].append(float(np.sqrt(np.mean(np.sum((x - ref) ** 2, 1)))))
        out[name] = {"setting": s.name, **res, "n": cfg["n"], "seeds": cfg["seeds"], **extra}
        if path:
            out[name]["path_rms"] = path
    return out
