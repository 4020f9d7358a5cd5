"""PyTorch twins of kdiff's k-target family, model-agnostic: the learnable / fixed / two-parameter /
time-binned target (kdiff Eq. 13, §4, App. E), Alg. 1's loss and Alg. 2's Euler step (+ Heun).

``TargetSpec`` says which target a model trains with (k mode, initial or fixed k, bins): the one spec shared
by the linear trainer, the MLP toys, the GPU stage and the CLI. ``KTarget`` (built by ``TargetSpec.build``)
gives the target coefficients (φ(t), ψ(t)) with u = φx + ψn. The current k and k(t) are read in one place,
from a module or from its parameters by name (``k_from_state``, ``binned_k_of_t``, ``k_summary``), for one
target or a stack of them. Convention: t = 0 noise, t = 1 data, z = t x + (1 − t) n."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import torch
from torch import nn

from difftheory.theory.target_conversions import velocity_from_target
from difftheory.validate import check_choice, check_float, check_int

KMODES = ("learn", "fixed", "two", "binned")


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def check_k(k_mode: str, k: float) -> float:
    """``k`` checked for ``k_mode``: a fixed k lies in [0, 1]; the initial value of a learned k = sigmoid(w) lies
    strictly inside (0, 1). ValueErrors name ``k``."""
    if k_mode == "fixed":
        return check_float("k", k, 0.0, 1.0)
    return check_float("k", k, 0.0, 1.0, lo_open=True, hi_open=True)


@dataclass(frozen=True)
class TargetSpec:
    """Which k-target a model trains with (checked on construction; ValueErrors name the field):

    ``k_mode``: learn | fixed | two | binned (see ``KTarget``); ``k``: the fixed k, or the initial value of
    a learned one (k0 and k1 for ``two``, every bin end for ``binned``); ``n_bins``: bins of k(t) (binned only).
    """

    k_mode: str = "learn"
    k: float = 0.5
    n_bins: int = 128

    def __post_init__(self):
        check_choice("k_mode", self.k_mode, KMODES)
        object.__setattr__(self, "k", check_k(self.k_mode, self.k))
        object.__setattr__(self, "n_bins", check_int("n_bins", self.n_bins, 1))

    def build(self) -> "KTarget":
        return KTarget(self.k_mode, self.k, self.n_bins)

    def to_dict(self) -> dict:
        return asdict(self)


class KTarget(nn.Module):
    """Target coefficients for the k-family.

    k_mode ``learn``: k = sigmoid(w_k), w_k learnable, k initialised at ``k`` (0.5)       # kdiff §4
    k_mode ``fixed``: k constant (0 → ε-, 0.5 → v-, 1 → x-prediction up to scale)        # kdiff §3.3
    k_mode ``two``:   u = k0 x − k1 n, k0 = sigmoid(w0), k1 = sigmoid(w1)                 # kdiff App. E
    k_mode ``binned``: k(t) on ``n_bins`` bins: learnable w at the N + 1 bin end points, k(t) the linear
                      interpolation of sigmoid(w) between them                            # kdiff §4, App. E
    """

    def __init__(self, k_mode: str = "learn", k: float = 0.5, n_bins: int = 128):
        super().__init__()
        self.k_mode = check_choice("k_mode", k_mode, KMODES)
        k = check_k(k_mode, k)
        if k_mode == "fixed":
            self.register_buffer("k_fixed", torch.tensor(k, dtype=torch.float64))
        elif k_mode == "learn":
            self.w_k = nn.Parameter(torch.tensor(_logit(k)))
        elif k_mode == "two":
            self.w_k = nn.Parameter(torch.full((2,), _logit(k)))
        else:
            self.n_bins = check_int("n_bins", n_bins, 1)
            self.w_k = nn.Parameter(torch.full((self.n_bins + 1,), _logit(k)))

    @property
    def k(self) -> torch.Tensor:
        """The constant k (modes learn/fixed); for ``two`` the pair (k0, k1); for ``binned`` the end-point values."""
        return k_of(None, self.k_fixed) if self.k_mode == "fixed" else k_of(self.w_k)

    def k_of_t(self, t: torch.Tensor) -> torch.Tensor:
        """k(t) for the binned mode (linear interpolation of sigmoid end points); constant k otherwise."""
        if self.k_mode != "binned":
            return self.k.to(t.dtype).expand_as(t) if self.k_mode != "two" else self.k[0].to(t.dtype).expand_as(t)
        return binned_k_of_t(self.k.to(t.dtype), t, self.n_bins)

    def coefficients(self, t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(φ(t), ψ(t)) with u = φ x + ψ n, each shaped like ``t``."""
        if self.k_mode == "two":
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


# ---------------------------------------------------------------------------- the one readout of k and k(t)
K_PARAM = "w_k"  # the name of a learned target's logit parameter(s): k = sigmoid(w_k)


def k_of(w_k: torch.Tensor | None, k_fixed: torch.Tensor | None = None) -> torch.Tensor:
    """k = sigmoid(w_k) of a learned target, else the fixed k (any leading stack dimension is kept)."""
    return torch.sigmoid(w_k) if w_k is not None else k_fixed


def k_from_state(state: Mapping[str, torch.Tensor], prefix: str = "") -> torch.Tensor:
    """k of a KTarget from its parameters and buffers by name (a ``state_dict``, or the stacked ``params | buffers``
    of ``torch.func.stack_module_state``, leading dimension = model), the target under ``prefix`` (e.g.
    ``"target."``): the same value as ``KTarget.k``."""
    return k_of(state.get(prefix + K_PARAM), state.get(prefix + "k_fixed"))


def binned_k_of_t(ends: torch.Tensor, t: torch.Tensor, n_bins: int) -> torch.Tensor:
    """k(t) of the binned target: linear interpolation of the N + 1 bin end values ``ends`` at t ∈ [0, 1]
    (``ends`` (N + 1,) with any t, or stacked (B, N + 1) with t (B, n))  # kdiff §4, App. E"""
    pos = t.clamp(0, 1) * n_bins
    i = pos.floor().long().clamp(max=n_bins - 1)
    frac = pos - i.to(t.dtype)
    if ends.dim() == 1:
        return ends[i] * (1 - frac) + ends[i + 1] * frac
    return torch.gather(ends, 1, i) * (1 - frac) + torch.gather(ends, 1, i + 1) * frac


def k_summary(target: KTarget, time_sampler=None) -> dict:
    """The current k of one target in loggable floats: ``k`` (for binned: the mean of k(t) under
    ``time_sampler``'s 64-node quadrature), ``k1`` for the two-parameter target, and ``k_grad`` = dL/dk =
    dL/dw_k / (k(1 − k)) (the mean over w_k's entries) when w_k holds a gradient; NaN where not defined."""
    out = {"k": float("nan"), "k1": float("nan"), "k_grad": float("nan")}
    with torch.no_grad():
        if target.k_mode == "two":
            out["k"], out["k1"] = (float(v) for v in target.k)
        elif target.k_mode == "binned":
            nodes, weights = time_sampler.quadrature(64)
            tt = torch.as_tensor(nodes, dtype=torch.float32, device=target.w_k.device)
            out["k"] = float((target.k_of_t(tt).cpu().double().numpy() * weights).sum())
        else:
            out["k"] = float(target.k)
        g = getattr(target, "w_k", None)
        if g is not None and g.grad is not None:
            kk = torch.sigmoid(g.detach())
            out["k_grad"] = float((g.grad / (kk * (1 - kk))).mean())  # dL/dk = dL/dw_k / (k(1 − k))
    return out


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
