"""Exact population loss of kdiff's linear denoiser û = Wz for ANY target coefficients (φ(t), ψ(t)).

kdiff Eq. (4) with Eq. (32): for z = αx + σn, u = φx + ψn, E[xxᵀ] = PPᵀ, E[nnᵀ] = I,

    L(W) = ½ ∫ D̃α  E‖Wz − u‖²
         = ½ [ M_aa ‖WP‖² + M_ss ‖W‖² − 2 M_φa tr(PᵀWP) − 2 M_ψs tr W + M_φφ d + M_ψψ D ],

with the six "mode moments" M_f = ∫ p(t) κ(t)² f(t) dt, f ∈ {α², σ², φα, ψσ, φ², ψ²}. φ, ψ may depend on
t (binned k(t), kdiff §4) and on learnable parameters: they sit inside the integrals, which are taken with
the sampler's fixed quadrature nodes (``TimeDensity.quadrature``) so the loss is differentiable in the
target parameters. On W = c_∥ PPᵀ + c_⊥ (I − PPᵀ) the loss only needs the two coefficients (closed
coordinates); Eq. (8)–(12) are the special case of constant φ = k, ψ = −(1 − k).

Convention: kdiff flow matching, α = t, σ = 1 − t (t = 0 noise, t = 1 data). Everything is batched over a
leading configuration axis B.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
import torch

from difftheory.theory.time_densities import TimeDensity
from difftheory.theory.schedules import KDIFF_LINEAR
from difftheory.theory.target_conversions import kappa_k, velocity_from_target
from difftheory.validate import check_choice, check_int

SIM_LOSSES = ("u", "v")


class ModeMoments(NamedTuple):
    """The six moments ∫ p κ² f of the population loss; each a tensor of shape (B,)."""

    aa: torch.Tensor  # ∫ D̃α α²
    ss: torch.Tensor  # ∫ D̃α σ²
    phi_a: torch.Tensor  # ∫ D̃α φα
    psi_s: torch.Tensor  # ∫ D̃α ψσ
    phi_phi: torch.Tensor  # ∫ D̃α φ²
    psi_psi: torch.Tensor  # ∫ D̃α ψ²

    # the parallel / perpendicular blocks of kdiff Eq. (9): rate A, drive B, constant C
    @property
    def par(self):
        return self.aa + self.ss, self.phi_a + self.psi_s, self.phi_phi + self.psi_psi

    @property
    def perp(self):
        return self.ss, self.psi_s, self.psi_psi


PANEL_NODES = 16  # Gauss–Legendre nodes per panel of the composite rule (``nodes`` > 512)
UNIFORM_S_MAX = 30.0  # the composite rule integrates the uniform sampler in s = logit t over |s| ≤ 30 (t within 1e-13
# of the ends; the mass left out, 2e-13, is below the rule's accuracy)


@functools.lru_cache(maxsize=64)
def _nodes(sampler: TimeDensity, n: int) -> tuple[np.ndarray, np.ndarray]:
    if n <= 512:
        return sampler.quadrature(n)
    return _composite(sampler, n // PANEL_NODES)


def _composite(sampler: TimeDensity, panels: int) -> tuple[np.ndarray, np.ndarray]:
    """Composite Gauss–Legendre in s = logit t: ``panels`` equal panels of PANEL_NODES nodes over the sampler's s-range
    (|s| ≤ UNIFORM_S_MAX for uniform, with dt = t(1 − t) ds) — no single n-point rule, whose nodes cost an n×n
    eigenproblem (24 s at n = 4096), and local panels around kinks and the ends."""
    x, wx = np.polynomial.legendre.leggauss(PANEL_NODES)
    edges = np.linspace(0.0, 1.0, panels + 1)
    s_lo, s_hi = (-UNIFORM_S_MAX, UNIFORM_S_MAX) if sampler.name == "uniform" else sampler._s_range()
    se = s_lo + edges * (s_hi - s_lo)
    lo, hi = se[:-1, None], se[1:, None]
    s = (lo + 0.5 * (x + 1.0) * (hi - lo)).ravel()
    t = 1.0 / (1.0 + np.exp(-s))
    if sampler.name == "uniform":  # dt = t(1 − t) ds: panels equal in s crowd geometrically towards t = 0 and 1
        dens = t * (1.0 - t)
    else:
        dens = np.exp(-0.5 * ((s - sampler.mu) / sampler.sigma) ** 2)
    w = (0.5 * wx * (hi - lo)).ravel() * dens
    return t, w / w.sum()


def quadrature_nodes(samplers, n: int = 256, dtype=torch.float64) -> tuple[torch.Tensor, torch.Tensor]:
    """Stacked quadrature nodes t (B, n) and weights (B, n) for a list of samplers: the sampler's n-point rule for
    n ≤ 512, a composite rule of n // 16 panels × 16 nodes above."""
    n = check_int("nodes", n, 8, 100_000)
    ts, ws = zip(*(_nodes(s, n) for s in samplers))
    return torch.as_tensor(np.stack(ts), dtype=dtype), torch.as_tensor(np.stack(ws), dtype=dtype)


def kappa_sq(t, phi, psi, loss: str, clamp=None, k_family: bool = True):
    """κ(t)² of the loss for the target u = φx + ψn  # kdiff Eqs. (22), (23), (26)

    u-loss: κ = 1. v-loss: κ = ∂v̂/∂û of Alg. 1's (clamped) conversion, i.e. 1 / max(φσ − ψα, clamp);
    for the k-target (φ − ψ = 1) this is ``target_conversions.kappa_k``, taken from there; for the two-parameter
    target (``k_family=False``) it is read off ``target_conversions.velocity_from_target`` (linear in û)."""
    check_choice("loss", loss, SIM_LOSSES)
    if loss == "u":
        return torch.ones_like(t)
    clamp_t = None if clamp is None else _as_col(clamp, t)
    if k_family:
        return kappa_k(t, phi, "v", clamp_t) ** 2
    dv_du = velocity_from_target(torch.zeros_like(t), torch.ones_like(t), t, phi, psi, clamp_t)
    return dv_du**2


def _as_col(c, like):
    """A per-configuration scalar or (B,) sequence as a (B, 1) tensor broadcasting against (B, n)."""
    c = torch.as_tensor(c, dtype=like.dtype)
    return c.reshape(-1, 1) if c.dim() > 0 else c


def mode_moments(t, w, phi, psi, k2) -> ModeMoments:
    """∫ p κ² f(t) dt ≈ Σ_i w_i κ_i² f(t_i) for the six f of the population loss (shapes (B, n) → (B,))."""
    a, s = KDIFF_LINEAR.alpha_sigma(t)  # α = t, σ = 1 − t
    ww = w * k2
    return ModeMoments(*(torch.sum(ww * f, dim=-1) for f in (a * a, s * s, phi * a, psi * s, phi * phi, psi * psi)))


def population_loss_closed(c_par, c_perp, m: ModeMoments, D, d):
    """L(c_∥ PPᵀ + c_⊥ (I − PPᵀ))  # kdiff Eq. (4) with Eq. (32), traces Tr PPᵀ = d, Tr(I − PPᵀ) = D − d"""
    a_par, b_par, k_par = m.par
    a_perp, b_perp, k_perp = m.perp
    par = a_par * c_par**2 - 2 * b_par * c_par + k_par
    perp = a_perp * c_perp**2 - 2 * b_perp * c_perp + k_perp
    return 0.5 * (d * par + (D - d) * perp)


def population_loss_matrix(W, proj, m: ModeMoments, d):
    """L(W) for explicit W (B, D, D) and projector PPᵀ (B, D, D)  # kdiff Eq. (4) with Eq. (32)"""
    D = W.shape[-1]
    wp = torch.sum((W @ proj) * W, dim=(-2, -1))  # ‖WP‖²_F = tr(W PPᵀ Wᵀ)
    ww = torch.sum(W * W, dim=(-2, -1))
    tr_wp = torch.sum(W * proj, dim=(-2, -1))  # tr(W PPᵀ) (PPᵀ symmetric)
    tr_w = torch.diagonal(W, dim1=-2, dim2=-1).sum(-1)
    return 0.5 * (m.aa * wp + m.ss * ww - 2 * m.phi_a * tr_wp - 2 * m.psi_s * tr_w + m.phi_phi * d + m.psi_psi * D)


def grad_eq8(W, proj, m: ModeMoments):
    """∂L/∂W = ∫ D̃α (α² W PPᵀ + σ² W − φα PPᵀ − ψσ I)  # kdiff Eq. (8) (right-hand side, sign flipped)"""
    eye = torch.eye(W.shape[-1], dtype=W.dtype)
    col = lambda x: x.reshape(-1, 1, 1)  # noqa: E731
    return col(m.aa) * (W @ proj) + col(m.ss) * W - col(m.phi_a) * proj - col(m.psi_s) * eye


def optimal_closed(m: ModeMoments):
    """(c_∥*, c_⊥*) = (∫D̃α(φα + ψσ) / ∫D̃α(α² + σ²), ∫D̃α ψσ / ∫D̃α σ²)  # kdiff Eq. (11b), φ, ψ may vary in t"""
    a_par, b_par, _ = m.par
    a_perp, b_perp, _ = m.perp
    return b_par / a_par, b_perp / a_perp


def delta_star_closed(m: ModeMoments, D, d):
    """Δ* = ½d(C_∥ − B_∥²/A_∥) + ½(D − d)(C_⊥ − B_⊥²/A_⊥)  # kdiff Eq. (12), φ, ψ may vary in t"""
    a_par, b_par, k_par = m.par
    a_perp, b_perp, k_perp = m.perp
    return 0.5 * d * (k_par - b_par**2 / a_par) + 0.5 * (D - d) * (k_perp - b_perp**2 / a_perp)
