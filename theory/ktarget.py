"""PyTorch twins of kdiff's k-target family, model-agnostic: the learnable / fixed / two-parameter /
time-binned target (kdiff Eq. 13, §4, App. E), Alg. 1's loss and Alg. 2's Euler step (+ Heun).

``KTarget`` gives the target coefficients (φ(t), ψ(t)) with u = φx + ψn. Convention: t = 0 noise,
t = 1 data, z = t x + (1 − t) n."""

from __future__ import annotations

import math

import torch
from torch import nn

from difftheory.theory.targets import velocity_from_target
from difftheory.validate import check_choice, check_float, check_int

KMODES = ("learn", "fixed", "two", "binned")


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


class KTarget(nn.Module):
    """Target coefficients for the k-family.

    mode ``learn``: k = sigmoid(w_k), w_k learnable, k initialised at ``k_init`` (0.5)   # kdiff §4
    mode ``fixed``: k constant (0 → ε-, 0.5 → v-, 1 → x-prediction up to scale)          # kdiff §3.3
    mode ``two``:   u = k0 x − k1 n, k0 = sigmoid(w0), k1 = sigmoid(w1)                   # kdiff App. E
    mode ``binned``: k(t) on ``n_bins`` bins: learnable w at the N + 1 bin end points, k(t) the linear
                    interpolation of sigmoid(w) between them                              # kdiff §4, App. E
    """

    def __init__(self, mode: str = "learn", k: float = 0.5, n_bins: int = 128):
        super().__init__()
        self.mode = check_choice("mode", mode, KMODES)
        if mode == "fixed":
            self.register_buffer("k_fixed", torch.tensor(check_float("k", k, 0.0, 1.0), dtype=torch.float64))
        else:
            k = check_float("k", k, 0.0, 1.0, lo_open=True, hi_open=True)
            if mode == "learn":
                self.w_k = nn.Parameter(torch.tensor(_logit(k)))
            elif mode == "two":
                self.w_k = nn.Parameter(torch.full((2,), _logit(k)))
            else:
                self.n_bins = check_int("n_bins", n_bins, 1)
                self.w_k = nn.Parameter(torch.full((self.n_bins + 1,), _logit(k)))

    @property
    def k(self) -> torch.Tensor:
        """The constant k (modes learn/fixed); for ``two`` the pair (k0, k1); for ``binned`` the end-point values."""
        if self.mode == "fixed":
            return self.k_fixed
        return torch.sigmoid(self.w_k)

    def k_of_t(self, t: torch.Tensor) -> torch.Tensor:
        """k(t) for the binned mode (linear interpolation of sigmoid end points); constant k otherwise."""
        if self.mode != "binned":
            return self.k.to(t.dtype).expand_as(t) if self.mode != "two" else self.k[0].to(t.dtype).expand_as(t)
        ends = torch.sigmoid(self.w_k).to(t.dtype)
        pos = t.clamp(0, 1) * self.n_bins
        i = pos.floor().long().clamp(max=self.n_bins - 1)
        frac = pos - i.to(t.dtype)
        return ends[i] * (1 - frac) + ends[i + 1] * frac

    def coefficients(self, t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(φ(t), ψ(t)) with u = φ x + ψ n, each shaped like ``t``."""
        if self.mode == "two":
            k0, k1 = self.k.to(t.dtype)
            return k0.expand_as(t), (-k1).expand_as(t)
        k = self.k_of_t(t)
        return k, -(1 - k)

    def target(self, x, n, t):
        """u = φ(t) x + ψ(t) n  # kdiff Eq. (13) / App. E"""
        phi, psi = (_bcast(c, x) for c in self.coefficients(t))
        return phi * x + psi * n

    def velocity(self, z, u, t, clamp=None):
        """v from (z, u): Alg. 1's conversion for this target  # kdiff Alg. 1"""
        phi, psi = (_bcast(c, z) for c in self.coefficients(t))
        return velocity_from_target(z, u, _bcast(t, z), phi, psi, clamp)


def _bcast(c: torch.Tensor, like: torch.Tensor) -> torch.Tensor:
    """Reshape a per-sample (B,) tensor to broadcast against (B, ...)."""
    return c.reshape(c.shape + (1,) * (like.dim() - c.dim()))


def kdiff_loss(net_u, target: KTarget, x, t, n, clamp: float | None = 0.05, cond=None):
    """Alg. 1: z = t x + (1 − t) n; v and v̂ from u and û by the clamped conversion; mean squared error
    over the batch (summed over data dimensions).  # kdiff Alg. 1"""
    tb = _bcast(t, x)
    z = tb * x + (1 - tb) * n
    u = target.target(x, n, t)
    u_pred = net_u(z, t) if cond is None else net_u(z, t, cond)
    v = target.velocity(z, u, t, clamp)
    v_pred = target.velocity(z, u_pred, t, clamp)
    return (v_pred - v).pow(2).flatten(1).sum(1).mean()


@torch.no_grad()
def euler_step(velocity_fn, z, t: float, t_next: float):
    """z_next = z + (t_next − t) v̂(z, t)  # kdiff Alg. 2"""
    return z + (t_next - t) * velocity_fn(z, t)


@torch.no_grad()
def heun_step(velocity_fn, z, t: float, t_next: float):
    """Heun's second-order step (Heun 1900), as used for kdiff's 50-step sampling (kdiff §5.1, Table 4)."""
    v0 = velocity_fn(z, t)
    z_e = z + (t_next - t) * v0
    return z + 0.5 * (t_next - t) * (v0 + velocity_fn(z_e, t_next))


@torch.no_grad()
def sample(velocity_fn, z0, steps: int = 50, solver: str = "heun", t0: float = 0.0, t1: float = 1.0):
    """Integrate dz/dt = v̂ from t0 (noise) to t1 (data) on a linear grid. Heun on every interval but the
    last, which is an Euler step (so NFE = 2·steps − 1, e.g. 99 for 50 steps as in kdiff §5.1)."""
    steps = check_int("steps", steps, 1)
    check_choice("solver", solver, ("euler", "heun"))
    ts = torch.linspace(t0, t1, steps + 1, dtype=torch.float64).tolist()   # float64 grid: float32 moved t by ~1e-8
    z = z0
    for i in range(steps):
        last = i == steps - 1
        step = euler_step if (solver == "euler" or last) else heun_step
        z = step(velocity_fn, z, ts[i], ts[i + 1])
    return z
