"""mse's headline claim where the denoiser is exact: a toy analogue of Table 1.

A 2-D Gaussian mixture has a closed-form posterior mean (``toy.gmm.GaussianMixture``), hence an exact
denoiser X̂_t(Y_t) for every schedule. We generate with Euler- and Heun-UDS (mse Eqs. 14–15) as Flow
(η = 0), MSE-diffusion (η̌) and ML-diffusion (η̊) at NFE 63 and 255 and score each with the exact
2-Wasserstein distance (POT) to fresh data; then repeat with a small MLP trained by MSE on the Vel
target (Logis schedule), whose training implies the Logis+Vel MSE-diffusion.

Time convention: t ∈ (0, 1), 0 = noise, 1 = data (α increasing); the state is Y = Z/α (mse Eq. 7)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from difftheory.theory import mse_diffusion_size as mds
from difftheory.theory import mse_generator as mg
from difftheory.theory.mse_schedules import get_schedule
from difftheory.theory.targets import x_hat
from difftheory.toy.gmm import GaussianMixture
from difftheory.validate import check_choice, check_int
from difftheory.threads import single_thread
from difftheory.toy.distances import w2

NFES = (63, 255)
KINDS = mg.KINDS  # flow, mse, ml
SOLVERS = mg.SOLVERS  # euler, heun


@dataclass(frozen=True)
class Setting:
    name: str
    schedule: str
    param: str
    grid: str  # "uniform" on [1e-3, 1 − 1e-3] or "edm2" (EDM's ρ = 7 σ-grid)
    denoiser: str  # "exact" or "mlp"


SETTINGS = (
    Setting("exact/logis+vel", "logis", "vel", "uniform", "exact"),
    Setting("exact/normal+fpred(edm2 grid)", "normal", "fpred", "edm2", "exact"),
    Setting("mlp/logis+vel", "logis", "vel", "uniform", "mlp"),
)


def mse_gmm() -> GaussianMixture:
    """Six components on a circle of radius 2, sd 0.25, unequal weights (data scale ≈ 2)."""
    ang = np.arange(6) * np.pi / 3
    return GaussianMixture.isotropic(2.0 * np.c_[np.cos(ang), np.sin(ang)], 0.25, weights=[3, 1, 2, 1, 2, 1])


def steps_for(solver: str, nfe: int) -> int:
    """UDS steps N with ``mg.nfe(solver, N) == nfe`` (63 → 62 Euler / 31 Heun; 255 → 254 / 127)."""
    n = nfe - 1 if solver == "euler" else (nfe - 1) // 2
    if mg.nfe(solver, n) != nfe:
        raise ValueError(f"nfe must be odd for Heun, got {nfe}")
    return n


def make_grid(setting: Setting, steps: int) -> np.ndarray:
    if setting.grid == "edm2":
        return mds.edm2_grid(steps + 1)
    return mds.uniform_grid(mds.DEFAULT_T0, mds.DEFAULT_TMAX, steps)


def exact_denoiser(gmm: GaussianMixture, schedule):
    """X̂_t(y) = E[X | Z_t = α_t y] (closed form), Y units."""
    sch = get_schedule(schedule)

    def den(y, t):
        a, s = float(sch.alpha(t)), float(sch.sigma(t))
        return gmm.posterior_mean(a * y, a, s)

    return den


@lru_cache(maxsize=4)
def train_vel_mlp(scale: str, seed: int):
    """A small MLP v̂(z, t) trained by MSE on the velocity v = X − ε of z = tX + (1 − t)ε (Logis + Vel,
    t ~ U(0, 1), so the implied MSE-diffusion is Logis+Vel's). Returns (model, final loss)."""
    check_choice("scale", scale, ("quick", "full"))
    steps = 1500 if scale == "quick" else 8000
    with single_thread():  # a tiny model: one thread is ~4x faster than two on busy shared cores
        return _train(steps, scale, seed)


def _train(steps: int, scale: str, seed: int):
    import torch

    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    gmm = mse_gmm()
    data = torch.tensor(gmm.sample(200_000, np.random.default_rng(seed + 7)), dtype=torch.float32)
    net = torch.nn.Sequential(torch.nn.Linear(3, 128), torch.nn.SiLU(), torch.nn.Linear(128, 128), torch.nn.SiLU(),
                              torch.nn.Linear(128, 128), torch.nn.SiLU(), torch.nn.Linear(128, 2))
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    loss = torch.tensor(0.0)
    for i in range(steps):
        x = data[torch.randint(0, len(data), (512,), generator=g)]
        e = torch.randn(x.shape, generator=g)
        t = torch.rand(len(x), 1, generator=g)
        z = t * x + (1 - t) * e
        loss = ((net(torch.cat([z, t], 1)) - (x - e)) ** 2).sum(1).mean()
        if not torch.isfinite(loss):
            raise RuntimeError(f"non-finite loss at step {i} training the Vel MLP (scale={scale}, seed={seed}, lr=2e-3)")
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    net.eval()
    return net, float(loss.detach())


def mlp_denoiser(net):
    """X̂ from v̂ via kdiff's x̂ (targets.x_hat with φ = 1, ψ = −1 for v = X − ε), Y units, Logis."""
    import torch

    def den(y, t):
        z = t * y
        with torch.no_grad(), single_thread():
            inp = torch.tensor(np.c_[z, np.full(len(z), t)], dtype=torch.float32)
            v = net(inp).double().numpy()
        return x_hat(z, v, t, 1 - t, 1.0, -1.0)

    return den


def generate(setting: Setting, kind: str, solver: str, nfe: int, n: int, seed: int, denoiser) -> np.ndarray:
    """n samples of one generator; seeded (same seed → same numbers)."""
    check_choice("kind", kind, KINDS)
    steps = steps_for(solver, nfe)
    grid = make_grid(setting, steps)
    sch = get_schedule(setting.schedule)
    etas = mg.step_etas(kind, sch, setting.param, grid)
    rng = np.random.default_rng(seed)
    y0 = rng.standard_normal((n, 2)) / sch.rho(grid[0])  # Ŷ_{t0} = ρ̊_{t0}⁻¹ ε (mse Eq. 10)
    noise = rng.standard_normal((steps, n, 2))
    return mg.uds_sample(denoiser, sch, grid, etas, y0, noise, solver=solver)


def mmd2_to_gmm(x: np.ndarray, gmm: GaussianMixture, h: float) -> float:
    """Unbiased MMD² between the sample ``x`` and the mixture itself (Gaussian kernel of width h): the data
    side is exact (Gaussian integrals), so the estimate has no finite-sample floor — its mean over seeds is
    the true MMD²."""
    x = np.asarray(x, float)
    n, D = x.shape
    sq = np.sum(x * x, 1)
    d2 = np.maximum(sq[:, None] + sq[None] - 2 * x @ x.T, 0.0)
    kxx = (np.exp(-d2 / (2 * h * h)).sum() - n) / (n * (n - 1))
    v1 = h * h + gmm.sds**2  # E_{y~N(μ, s²I)} k(x, y) = (h²/v1)^{D/2} exp(−‖x − μ‖²/(2 v1))
    dm = ((x[:, None, :] - gmm.means[None]) ** 2).sum(-1)
    kxp = np.mean(((h * h / v1) ** (D / 2) * np.exp(-dm / (2 * v1))) @ gmm.weights)
    v2 = h * h + gmm.sds[:, None] ** 2 + gmm.sds[None] ** 2
    mm = ((gmm.means[:, None] - gmm.means[None]) ** 2).sum(-1)
    kpp = gmm.weights @ ((h * h / v2) ** (D / 2) * np.exp(-mm / (2 * v2))) @ gmm.weights
    return float(kxx - 2 * kxp + kpp)


def _interval(x) -> dict:
    """mean and a 95% t-interval over seeds."""
    from scipy import stats

    x = np.asarray(x, float)
    h = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x)) if len(x) > 1 else float("nan")
    return {"mean": float(x.mean()), "lo": float(x.mean() - h), "hi": float(x.mean() + h), "per_seed": x.tolist()}


SCALES = {"quick": dict(n=600, n_w2=600, seeds=3, settings=(0, 2)),
          "full": dict(n=3000, n_w2=1500, seeds=6, settings=(0, 1, 2))}
MMD_BANDWIDTH = 0.25  # the components' sd: sensitive to mode shapes and weights


@lru_cache(maxsize=4)
def generator_comparison(scale: str, seed: int) -> dict:
    """W2 (POT, on ``n_w2`` samples) and exact-side MMD² to the data for every setting × solver × kind × NFE,
    over several seeds with common random numbers (the same start noise, ξ's and reference sample for
    every generator within a seed), and the paired differences to the flow. Cached per (scale, seed).

    Returns {setting: {"w2": {key: interval}, "mmd2": {...}, "d_w2": {key: interval of W2(kind) − W2(flow)},
    "d_mmd2": {...}, "w2_floor": interval of W2 between two data samples, ...}}, key = "solver/kind/nfe"."""
    check_choice("scale", scale, tuple(SCALES))
    check_int("seed", seed, 0)
    cfg = SCALES[scale]
    gmm = mse_gmm()
    out = {}
    from tqdm import tqdm

    settings = [SETTINGS[i] for i in cfg["settings"]]
    bar = tqdm(total=len(settings) * cfg["seeds"] * len(SOLVERS) * len(KINDS) * len(NFES),
               desc="mse toy generators", leave=False, disable=scale == "quick")
    for s in settings:
        extra = {}
        if s.denoiser == "exact":
            den = exact_denoiser(gmm, s.schedule)
        else:
            net, loss = train_vel_mlp(scale, seed)
            den, extra = mlp_denoiser(net), {"final_train_loss": loss}
        w2s, mmds, floors = {}, {}, []
        for r in range(cfg["seeds"]):
            rs = seed * 1000 + r
            ref = gmm.sample(cfg["n_w2"], np.random.default_rng(rs + 10**6))
            floors.append(w2(gmm.sample(cfg["n_w2"], np.random.default_rng(rs + 2 * 10**6)), ref))
            for sv in SOLVERS:
                for f in NFES:
                    for k in KINDS:
                        x = generate(s, k, sv, f, cfg["n"], rs, den)
                        if not np.all(np.isfinite(x)):
                            raise RuntimeError(f"non-finite samples from {s.name} {sv}/{k} NFE {f}")
                        key = f"{sv}/{k}/{f}"
                        w2s.setdefault(key, []).append(w2(x[: cfg["n_w2"]], ref))
                        mmds.setdefault(key, []).append(mmd2_to_gmm(x, gmm, MMD_BANDWIDTH))
                        bar.update()
        d_w2 = {k: _interval(np.subtract(v, w2s[k.replace(k.split("/")[1], "flow")])) for k, v in w2s.items()
                if "/flow/" not in k}
        d_mmd = {k: _interval(np.subtract(v, mmds[k.replace(k.split("/")[1], "flow")])) for k, v in mmds.items()
                 if "/flow/" not in k}
        out[s.name] = {"w2": {k: _interval(v) for k, v in w2s.items()}, "mmd2": {k: _interval(v) for k, v in mmds.items()},
                       "d_w2": d_w2, "d_mmd2": d_mmd, "w2_floor": _interval(floors), "n": cfg["n"],
                       "n_w2": cfg["n_w2"], "seeds": cfg["seeds"], **extra}
    bar.close()
    return out
