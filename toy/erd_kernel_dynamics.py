"""erd's learning-dynamics statements (App. C–D, §3.2–3.3) as exactly integrated frozen-kernel dynamics.

The kernel is the empirical NTK Θ of a network (erd Eq. 2 / Eq. 17), frozen (erd Eq. 53); the residuals live
on a finite set of points, so every L²(q_λ) inner product is the empirical one,
⟨u, v⟩ = (1/n) Σ_i u(x_i)·v(x_i), over n draws x_i ~ q_λ. Every statement below holds for any probability
measure in place of q_λ, so the empirical measure checks the statements themselves, not an approximation.

Dynamics (time τ = training time; ``m`` is the allocation M(λ) of erd Eq. 23, here a per-sample loss weight):

- **sample-path surrogate** (erd Lemma C.3, Eq. 41, with the frozen kernel): SGD takes one sample
  (z_k, λ_k, y_k) per step; the surrogate holds it for τ ∈ [kη, (k+1)η). On that interval every residual
  moves by ∂_τ r(x) = −m_k Θ(x, z_k)(r(z_k) + ξ_k), ξ_k = f*(z_k) − y_k  # erd Eq. (45).
  Solved exactly: e = r(z_k) + ξ_k obeys ė = −m_k Θ_kk e, so with G(s) = m ∫₀ˢ exp(−m u Θ_kk) du,
  r(x, s) = r(x, 0) − Θ(x, z_k) G(s) e(0)  (``flow_gain``, ``sample_path_exact``).
- **fixed-noise surrogate** (erd Thm D.4, Eq. 87): ∂_τ r = −M(λ) K_λ r + η_τ with K_λ the fixed-noise kernel
  operator on L²(q_λ) and the forcing η_τ = −M(λ_τ) Θ(·, z_τ) ξ_τ of the same sample path. In the eigenbasis
  K_λ φ_j = κ_j φ_j it is da_j/dτ = −M κ_j a_j + η_j  # erd Eq. (98), solved exactly per interval
  (``modal_exact``).
- **SGD** on the linearised model (erd Eq. 40): r ← r − η m_k Θ(·, z_k)(r(z_k) + ξ_k) (``sgd_linearized``).

Twins: every exact solution has an RK4 integrator of the same ODE beside it (``sample_path_rk4``,
``modal_rk4``); the comparison bound of erd Thm C.6 (the solution of U' = −(μ_τ − β)U + c_τ) is integrated
by RK4 at two step sizes (``comparison_bound``).

Time in the toy world is erd App. F's: t = 0 data, t = 1 noise."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from difftheory.validate import check_choice, check_float, check_int

GL_NODES = 8  # Gauss–Legendre nodes per interval: exact to round-off for the smooth exponentials of one interval
RK4_A_STEP = 0.1  # RK4 sub-step h with h · max|rate| ≤ 0.1: local error ≈ 0.1⁵/120 ≈ 1e-7 relative (Richardson-checked)
MAX_SUBSTEPS = 512


# ======================================================================================= linear algebra
def _phi1(x):
    """(1 − e^{−x})/x, continuous at 0 (x ≥ −700)."""
    x = np.asarray(x, float)
    small = np.abs(x) < 1e-8
    safe = np.where(small, 1.0, x)
    return np.where(small, 1.0 - x / 2, -np.expm1(-safe) / safe)


def flow_gain(theta: np.ndarray, m: float, s) -> np.ndarray:
    """G(s) = m ∫₀ˢ exp(−m u Θ) du for a symmetric PSD block Θ (O, O); ``s`` (S,) → (S, O, O).
    Θ G(s) = I − exp(−m s Θ) (the sample point's own residual decays by the matrix exponential)."""
    lam, V = np.linalg.eigh(0.5 * (theta + theta.T))
    lam = np.clip(lam, 0.0, None)
    s = np.atleast_1d(np.asarray(s, float))
    phi = m * s[:, None] * _phi1(m * s[:, None] * lam[None, :])  # (S, O)
    return np.einsum("ab,sb,cb->sac", V, phi, V)


def propagator(theta: np.ndarray, m: float, s) -> np.ndarray:
    """exp(−m s Θ) for a symmetric PSD block Θ; ``s`` (S,) → (S, O, O)."""
    lam, V = np.linalg.eigh(0.5 * (theta + theta.T))
    lam = np.clip(lam, 0.0, None)
    s = np.atleast_1d(np.asarray(s, float))
    return np.einsum("ab,sb,cb->sac", V, np.exp(-m * s[:, None] * lam[None, :]), V)


def _check_path(K4, path, r0, xi, m_path, eta, n_steps):
    if K4.ndim != 4 or K4.shape[0] != K4.shape[2] or K4.shape[1] != K4.shape[3]:
        raise ValueError(f"K4 must have shape (N, O, N, O), got {K4.shape}")
    N, O = K4.shape[:2]
    n_steps = check_int("n_steps", n_steps, 0, len(path))
    check_float("eta", eta, 0.0, None, lo_open=True)
    if r0.shape != (N, O):
        raise ValueError(f"r0 must have shape {(N, O)}, got {r0.shape}")
    if xi.shape[0] < n_steps or m_path.shape[0] < n_steps:
        raise ValueError(f"xi and m_path need ≥ n_steps = {n_steps} rows, got {xi.shape[0]} and {m_path.shape[0]}")
    if np.any(np.asarray(m_path[:n_steps]) < 0):
        raise ValueError("m_path (the allocation M(λ_k)) must be >= 0")
    return n_steps


def sample_path_exact(K4, path, r0, xi, m_path, eta, n_steps) -> np.ndarray:
    """Residuals at the interval ends τ = 0, η, …, n_steps·η of the sample-path surrogate with frozen kernel
    (erd Eqs. 41, 45), exactly: (n_steps + 1, N, O)."""
    n_steps = _check_path(K4, path, r0, xi, m_path, eta, n_steps)
    path = np.asarray(path)[:n_steps]
    G = flow_gains(K4[path, :, path, :], np.asarray(m_path[:n_steps], float), [eta])[:, 0]  # (k, O, O)
    R = np.empty((n_steps + 1,) + r0.shape)
    R[0] = r = r0.copy()
    for k in range(n_steps):
        p = path[k]
        r = r - K4[:, :, p, :] @ (G[k] @ (r[p] + xi[k]))
        R[k + 1] = r
    return R


def sample_path_rk4(K4, path, r0, xi, m_path, eta, n_steps, substeps: int = 16) -> np.ndarray:
    """Twin of ``sample_path_exact``: classical RK4 on ∂_τ r = −m_k Θ(·, z_k)(r(z_k) + ξ_k)  # erd Eq. (45)."""
    n_steps = _check_path(K4, path, r0, xi, m_path, eta, n_steps)
    substeps = check_int("substeps", substeps, 1, 10**6)
    h = eta / substeps
    R = np.empty((n_steps + 1,) + r0.shape)
    R[0] = r = r0.copy()
    for k in range(n_steps):
        p, m, x = path[k], m_path[k], xi[k]
        col = K4[:, :, p, :]

        def f(rr):
            return -m * (col @ (rr[p] + x))

        for _ in range(substeps):
            k1 = f(r)
            k2 = f(r + 0.5 * h * k1)
            k3 = f(r + 0.5 * h * k2)
            k4 = f(r + h * k3)
            r = r + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        R[k + 1] = r
    return R


def sgd_linearized(K4, path, r0, xi, m_path, eta, n_steps) -> np.ndarray:
    """SGD (erd Eq. 40) on the linearised network f = f₀ + J(θ − θ₀) with one sample per step and step η:
    θ ← θ − η m_k J_kᵀ e_k moves every output by −η m_k Θ(·, z_k) e_k exactly. (n_steps + 1, N, O)."""
    n_steps = _check_path(K4, path, r0, xi, m_path, eta, n_steps)
    R = np.empty((n_steps + 1,) + r0.shape)
    R[0] = r = r0.copy()
    for k in range(n_steps):
        p = path[k]
        r = r - eta * m_path[k] * (K4[:, :, p, :] @ (r[p] + xi[k]))
        R[k + 1] = r
    return R


# ======================================================================================= excess statistics
@dataclass(frozen=True)
class Levels:
    """Evaluation levels: rows ``start[L] : start[L] + n`` of the point set carry n draws from q_{λ_L}; ``m[L]``
    is M(λ_L)."""

    start: tuple
    n: int
    m: tuple

    def rows(self) -> np.ndarray:
        return np.concatenate([np.arange(s, s + self.n) for s in self.start])


def flow_gains(thetas: np.ndarray, ms: np.ndarray, s) -> np.ndarray:
    """Batched ``flow_gain``: blocks (k, O, O), allocations (k,), offsets (S,) → (k, S, O, O)."""
    lam, V = np.linalg.eigh(0.5 * (thetas + np.swapaxes(thetas, -1, -2)))
    lam = np.clip(lam, 0.0, None)  # (k, O)
    s = np.atleast_1d(np.asarray(s, float))
    x = ms[:, None, None] * s[None, :, None] * lam[:, None, :]  # (k, S, O)
    phi = ms[:, None, None] * s[None, :, None] * _phi1(x)
    return np.einsum("kab,ksb,kcb->ksac", V, phi, V)


@dataclass
class PathBlocks:
    """The kernel blocks the sample path needs: rows × path samples ``Krp`` (R, O, K, O) and each sample's own
    block ``Kpp`` (K, O, O); ``rows`` index the evaluation points in the full point set."""

    Krp: np.ndarray
    Kpp: np.ndarray
    rows: np.ndarray

    @classmethod
    def of(cls, K4, path, rows):
        path = np.asarray(path)
        return cls(K4[np.asarray(rows)][:, :, path, :], K4[path, :, path, :], np.asarray(rows))


def _interval_states(B: PathBlocks, R, path, xi, m_path, k_idx, s):
    """Residuals within intervals ``k_idx`` at offsets ``s`` (S,): at the rows → (k, S, R, O); at the interval's
    sample point → (k, S, O). ``R`` holds the exact residuals at the interval starts (n_steps + 1, N, O)."""
    k_idx = np.asarray(k_idx)
    p = np.asarray(path)[k_idx]
    rp0 = R[k_idx, p]  # (k, O)
    e0 = rp0 + xi[k_idx]
    d = np.einsum("ksab,kb->ksa", flow_gains(B.Kpp[k_idx], m_path[k_idx], s), e0)  # (k, S, O)
    r_rows = R[k_idx][:, B.rows][:, None] - np.einsum("roKq,Ksq->Ksro", B.Krp[:, :, k_idx, :], d)
    r_p = rp0[:, None] - np.einsum("Kab,Ksb->Ksa", B.Kpp[k_idx], d)
    return r_rows, r_p


def level_terms(B: PathBlocks, xi, m_path, levels: "Levels", k_idx, r_rows, r_p) -> dict:
    """At each (interval k, offset s) and level L: the excess ℓ̃ = ½ M_L ‖r‖² (erd Eq. 26), the contraction
    C = M_L ⟨r, M_k Θ(·, z_k) r(z_k)⟩ and forcing P = M_L ⟨r, M_k Θ(·, z_k) ξ_k⟩ of erd Eq. (46) (so
    dℓ̃/dτ = −C − P), and the forcing energies ‖F‖² = ‖M_k Θ(·, z_k) ξ_k‖² (erd Eq. 60: M(λ_s) inside) and
    ‖M_L Θ(·, z_k) ξ_k‖² (the main text's reading of F_s in Thm 3.4). Shapes (k, S, L) or (k, L).
    ``B.rows`` must be ``levels.rows()``."""
    n = levels.n
    nL = len(levels.start)
    k_idx = np.asarray(k_idx)
    mk = m_path[k_idx]
    mL = np.asarray(levels.m, float)
    O = r_p.shape[-1]
    rr = r_rows.reshape(r_rows.shape[0], r_rows.shape[1], nL, n, O)  # (k, S, L, n, O)
    theta = B.Krp[:, :, k_idx, :].reshape(nL, n, O, len(k_idx), O)
    v_r = np.einsum("lnoKq,Ksq->Kslno", theta, r_p)  # Θ(x_i, z_k) r(z_k)
    v_x = np.einsum("lnoKq,Kq->Klno", theta, xi[k_idx])  # Θ(x_i, z_k) ξ_k
    lt = 0.5 * mL * (rr**2).sum(-1).mean(-1)  # (k, S, L)
    C = mL * mk[:, None, None] * (rr * v_r).sum(-1).mean(-1)
    P = mL * mk[:, None, None] * (rr * v_x[:, None]).sum(-1).mean(-1)
    vx2 = (v_x**2).sum(-1).mean(-1)  # (k, L)
    return {"lt": lt, "C": C, "P": P, "F2": mk[:, None] ** 2 * vx2, "F2_main": mL[None] ** 2 * vx2}


def _gl(n=GL_NODES):
    x, w = np.polynomial.legendre.leggauss(n)
    return (x + 1) / 2, w / 2


def excess_along_path(B: PathBlocks, path, R, xi, m_path, eta, levels: Levels, chunk: int = 64) -> dict:
    """Gauss–Legendre nodes of every interval: ℓ̃, C, P (erd Eq. 46) per level, and ℓ̃ at the interval ends
    from the exact residuals ``R`` (n_steps + 1, N, O). Returns node arrays (k, GL, L), node times (k, GL),
    weights, per-interval ‖F‖² (k, L) both readings, and ``lt_ends`` (k + 1, L)."""
    n_steps = R.shape[0] - 1
    x, w = _gl()
    rows = levels.rows()
    parts = []
    for lo in range(0, n_steps, chunk):
        ks = np.arange(lo, min(n_steps, lo + chunk))
        r_rows, r_p = _interval_states(B, R, path, xi, m_path, ks, eta * x)
        parts.append(level_terms(B, xi, m_path, levels, ks, r_rows, r_p))
    out = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    nL = len(levels.start)
    rr = R[:, rows].reshape(n_steps + 1, nL, levels.n, -1)
    out["lt_ends"] = 0.5 * np.asarray(levels.m, float) * (rr**2).sum(-1).mean(-1)
    out["tau_nodes"] = eta * (np.arange(n_steps)[:, None] + x[None])
    out["gl_weights"] = eta * w
    return out


def identity_check(ex: dict, ratio_m: np.ndarray | None = None) -> dict:
    """erd Eq. (46) integrated: ℓ̃(T) − ℓ̃(0) against ∫₀ᵀ (−C − P) dτ (Gauss–Legendre on the exact residuals),
    at every interval end T; relative to ∫₀ᵀ (|C| + |P|) dτ. Also two misreadings of the printed identity:
    M(λ) in place of M(λ_τ) (``ratio_m`` = M_L/M_k per interval, (k, L)) and no outer M(λ) (divide by M_L)."""
    w = ex["gl_weights"]
    rhs = -(ex["C"] + ex["P"])  # (k, GL, L)
    integ = np.cumsum(np.einsum("ksl,s->kl", rhs, w), 0)
    scale = np.cumsum(np.einsum("ksl,s->kl", np.abs(ex["C"]) + np.abs(ex["P"]), w), 0)
    delta = ex["lt_ends"][1:] - ex["lt_ends"][0]
    out = {"delta": delta, "integral": integ, "scale": scale,
           "rel_err": np.abs(delta - integ) / np.maximum(scale, 1e-300)}
    if ratio_m is not None:
        alt = np.cumsum(np.einsum("ksl,s->kl", rhs, w) * ratio_m, 0)
        out["rel_err_M_lambda_inside"] = np.abs(delta - alt) / np.maximum(scale, 1e-300)
    return out


# ======================================================================================= bounds
def comparison_bound(B: PathBlocks, path, R, xi, m_path, eta, levels: Levels, betas, f2, rate_max,
                     chunk: int = 32):
    """Right-hand side of erd Eq. (60) at every interval end: U(T) = exp(−∫₀ᵀ(μ−β)) ℓ̃₀ + ∫₀ᵀ exp(−∫ₛᵀ(μ−β))
    (M_L/2β) ‖F_s‖² ds is the solution of U' = −(μ_τ − β)U + (M_L/2β)‖F_τ‖², U(0) = ℓ̃₀, with
    μ_τ = C/ℓ̃ the pathwise coercivity ratio of erd Eq. (59) (the largest admissible μ_τ). Integrated by RK4
    (μ from the exact residuals at the stage times), written as a product of per-sub-step affine maps, with
    ``substeps_for(rate_max)`` sub-steps per interval in each chunk of intervals (``rate_max`` (n_steps,):
    a bound on |μ_τ − β| per interval). ``f2``: (n_steps, L, R) forcing energies for R readings of ‖F‖².
    Returns U (n_steps + 1, L, R, B), the same with half the sub-steps (the twin; for a 4th-order method
    |U − U_half|/15 estimates U's own integration error), and the sub-step counts used."""
    betas = np.asarray(betas, float)
    n_steps = R.shape[0] - 1
    rows = levels.rows()
    nL = len(levels.start)
    mL = np.asarray(levels.m, float)
    U0 = 0.5 * mL * (R[0, rows].reshape(nL, levels.n, -1) ** 2).sum(-1).mean(-1)
    shape = (nL, f2.shape[2], len(betas))
    U = np.empty((n_steps + 1,) + shape)
    Uh = np.empty_like(U)
    U[0] = Uh[0] = np.broadcast_to(U0[:, None, None], shape)
    c_coef = mL[:, None, None] / (2 * betas[None, None, :])  # (L, 1, B)
    used = []
    for lo in range(0, n_steps, chunk):
        ks = np.arange(lo, min(n_steps, lo + chunk))
        S = substeps_for(float(np.max(rate_max[ks])), eta)
        used.append(S)
        grid = np.linspace(0.0, eta, 2 * S + 1)
        r_rows, r_p = _interval_states(B, R, path, xi, m_path, ks, grid)
        t = level_terms(B, xi, m_path, levels, ks, r_rows, r_p)
        mu = t["C"] / t["lt"]  # (k, 2S+1, L)
        lam = -(mu[..., None] - betas)  # (k, 2S+1, L, B): U' = lam U + c
        maps = [_rk4_affine(lam, eta / S * step, step) for step in (1, 2)]  # each (k, L, B) twice
        for j, k in enumerate(ks):
            c = c_coef * f2[k][:, :, None]  # (L, R, B)
            for out, (A, Bc) in zip((U, Uh), maps):
                out[k + 1] = A[j][:, None, :] * out[k] + Bc[j][:, None, :] * c
    return U, Uh, used


def substeps_for(rate_max: float, eta: float) -> int:
    """Even number of RK4 sub-steps per interval with h · rate_max ≤ RK4_A_STEP (at least 4)."""
    s = max(4, int(math.ceil(rate_max * eta / RK4_A_STEP)))
    return min(MAX_SUBSTEPS, s + (s % 2))


def _rk4_affine(lam, h, step):
    """RK4 over one interval for U' = λ(s)U + c, λ sampled at spacing h/2 (every ``step``-th grid point used):
    the map U ↦ A U + B c composed over the sub-steps. ``lam`` (k, 2S+1, ...) → A, B (k, ...)."""
    lam = lam[:, ::step]
    l0, lm, l1 = lam[:, 0:-2:2], lam[:, 1:-1:2], lam[:, 2::2]
    p1, q1 = l0, 1.0
    p2, q2 = lm * (1 + h / 2 * p1), lm * (h / 2 * q1) + 1
    p3, q3 = lm * (1 + h / 2 * p2), lm * (h / 2 * q2) + 1
    p4, q4 = l1 * (1 + h * p3), l1 * (h * q3) + 1
    a = 1 + h / 6 * (p1 + 2 * p2 + 2 * p3 + p4)  # (k, S, ...)
    b = h / 6 * (q1 + 2 * q2 + 2 * q3 + q4)
    # U_S = (Π_i a_i) U_0 + Σ_i b_i Π_{j>i} a_j c
    suffix = np.concatenate([np.cumprod(a[:, :0:-1], axis=1)[:, ::-1], np.ones_like(a[:, :1])], axis=1)
    return np.prod(a, axis=1), (b * suffix).sum(1)


def constant_rate_bound(lt0, mL, mu, beta, f2, eta) -> np.ndarray:
    """erd Eq. (61) with a constant rate μ > β at every interval end: e^{−(μ−β)T} ℓ̃₀ +
    Σ_k (M_L/2β)‖F_k‖² ∫_{I_k} e^{−(μ−β)(T−s)} ds, for ‖F‖² piecewise constant (``f2`` (n_steps,))."""
    a = mu - beta
    n = len(f2)
    decay = math.exp(-a * eta)
    out = np.empty(n + 1)
    out[0] = acc = lt0
    src = mL / (2 * beta) * eta * _phi1(a * eta)
    for k in range(n):
        acc = decay * acc + src * f2[k]
        out[k + 1] = acc
    return out


def remark35_bound(lt0, mL, mu, beta, B, T) -> np.ndarray:
    """erd Eq. (7): e^{−(μ−β)T} ℓ̃₀ + M_L B/(2β(μ−β)) (1 − e^{−(μ−β)T})."""
    a = mu - beta
    T = np.asarray(T, float)
    return np.exp(-a * T) * lt0 + mL * B / (2 * beta * a) * (-np.expm1(-a * T))


# ======================================================================================= fixed-noise modes
def fixed_noise_modes(K4, rows) -> tuple[np.ndarray, np.ndarray]:
    """Eigensystem of the fixed-noise kernel operator (K r)(x) = (1/n) Σ_j Θ(x, x_j) r(x_j) on L²(q̂_λ; R^O)
    (erd Eq. 89): eigenvalues κ (descending, ≥ 0) and orthonormal eigenvectors U (n·O, J) of Θ/n; the
    eigenfunctions are φ_j = √n U[:, j] (orthonormal in L²(q̂_λ))."""
    n, O = len(rows), K4.shape[1]
    Kl = K4[rows][:, :, rows, :].reshape(n * O, n * O) / n
    kap, V = np.linalg.eigh(0.5 * (Kl + Kl.T))
    order = np.argsort(kap)[::-1]
    return np.clip(kap[order], 0.0, None), V[:, order]


def modal_coefficients(V, r_rows) -> np.ndarray:
    """a_j = ⟨r, φ_j⟩_{L²(q̂)} = U_jᵀ r / √n  # erd Eq. (90). ``r_rows`` (..., n, O) → (..., J)."""
    n = r_rows.shape[-2]
    return r_rows.reshape(r_rows.shape[:-2] + (-1,)) @ V / math.sqrt(n)


def modal_exact(kappa, a0, forcing, m, eta) -> np.ndarray:
    """da_j/dτ = −m κ_j a_j + η_{k,j} on interval k (piecewise-constant forcing)  # erd Eq. (98), exactly:
    a ← e^{−mκη} a + η_k · η φ₁(mκη). Returns (n_steps + 1, J)."""
    c = m * np.asarray(kappa, float)
    decay = np.exp(-c * eta)
    gain = eta * _phi1(c * eta)
    A = np.empty((forcing.shape[0] + 1, len(c)))
    A[0] = a = np.asarray(a0, float)
    for k in range(forcing.shape[0]):
        a = decay * a + gain * forcing[k]
        A[k + 1] = a
    return A


def modal_rk4(kappa, a0, forcing, m, eta, substeps: int = 8) -> np.ndarray:
    """Twin of ``modal_exact`` by classical RK4."""
    c = m * np.asarray(kappa, float)
    h = eta / substeps
    A = np.empty((forcing.shape[0] + 1, len(c)))
    A[0] = a = np.asarray(a0, float)
    for k in range(forcing.shape[0]):
        f_k = forcing[k]
        for _ in range(substeps):
            k1 = -c * a + f_k
            k2 = -c * (a + 0.5 * h * k1) + f_k
            k3 = -c * (a + 0.5 * h * k2) + f_k
            k4 = -c * (a + h * k3) + f_k
            a = a + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        A[k + 1] = a
    return A


def modal_bound(kappa, a0, forcing, m, eta, gamma) -> np.ndarray:
    """erd Eq. (102) per mode at every interval end: e^{−(2mκ_j−γ)T}|a_j(0)|² +
    γ⁻¹ ∫₀ᵀ e^{−(2mκ_j−γ)(T−s)} |η_j(s)|² ds, with η piecewise constant. ``gamma`` (G,) → (n_steps+1, G, J)."""
    gamma = np.atleast_1d(np.asarray(gamma, float))
    c = 2 * m * np.asarray(kappa, float)[None, :] - gamma[:, None]  # (G, J)
    decay = np.exp(-c * eta)
    src = eta * _phi1(c * eta) / gamma[:, None]
    out = np.empty((forcing.shape[0] + 1,) + c.shape)
    out[0] = acc = np.broadcast_to(np.asarray(a0, float) ** 2, c.shape).copy()
    for k in range(forcing.shape[0]):
        acc = decay * acc + src * forcing[k] ** 2
        out[k + 1] = acc
    return out


# ======================================================================================= allocation measure
def dt_dlambda(schedule: str, t) -> np.ndarray:
    """|dt/dλ| of erd App. F's schedules at t (t = 0 data), λ = log(α²/σ²): the Jacobian that turns a
    time sampler p(t) and weight w into the allocation M(λ) = w(λ) p(t(λ)) |dt/dλ|  # erd Eq. (23), Eq. (120).
    linear: t(1 − t)/2; GVP: sin(πt)/(2π); VP: σ²/β(t) with β(t) = β_min + t(β_max − β_min)."""
    from difftheory.theory.schedules import ERD_SCHEDULES, erd_schedule

    check_choice("schedule", schedule, ERD_SCHEDULES)
    t = np.asarray(t, float)
    if np.any((t <= 0) | (t >= 1)):
        raise ValueError("t must lie in the open interval (0, 1)")
    if schedule == "linear":
        return t * (1 - t) / 2
    if schedule == "gvp":
        return np.sin(np.pi * t) / (2 * np.pi)
    vp = erd_schedule("vp")
    _, s = vp.alpha_sigma(t)
    return s**2 / vp.beta(t)


# ======================================================================================= the toy world
@dataclass(frozen=True)
class DynamicsScale:
    n_eval: int  # draws from q_λ per evaluation level
    levels: tuple  # evaluation times t (App. F: 0 = data)
    n_steps: int  # samples on the path (one per SGD step)
    eta_scale: float = 0.5  # step η = eta_scale / max_k M_k λ_max(Θ_kk): every step moves its own residual by ≤ 1 − e^{−1/2}
    rk4_substeps: int = 8  # twin of the exact residual flow: h·Mλ ≤ 1/16, RK4 global error ~1e-8 relative
    twin_steps: int = 64  # the RK4 twins run over the first 64 intervals (the exact solution's formula is the same on all)
    c3_k0: int = 32  # Lemma C.3: the same K0 samples at η, η/2, η/4, ...
    c3_halvings: int = 6  # the local order reaches its asymptotic 1 after ~5 halvings on the App. F kernels
    rep_n: int = 16  # Prop. 3.7: samples per t
    rep_ts: tuple = (0.05, 0.5, 0.95)
    minibatch_n: int = 256  # samples per mismatch regime for the minibatch moments (two halves of n/2)


DYNAMICS_SCALES = {
    "quick": DynamicsScale(n_eval=32, levels=(0.1, 0.5, 0.9), n_steps=256, twin_steps=32),
    "full": DynamicsScale(n_eval=96, levels=(0.05, 0.3, 0.5, 0.7, 0.95), n_steps=1024, c3_k0=64, c3_halvings=7,
                          twin_steps=128, rep_n=32, minibatch_n=1024),
}
ALLOCATIONS = ("uniform", "erd")  # M ≡ 1 (App. F's training) and M = ERD's normalised w_y (Prop. E.1)
RATE_GRID = (0.01, 0.1, 1.0, 10.0, 100.0)  # β·T_h and γ·T_h (T_h = n_steps·η, the horizon)


def get_dynamics_scale(scale: str) -> DynamicsScale:
    return DYNAMICS_SCALES[check_choice("scale", scale, tuple(DYNAMICS_SCALES))]


def posterior_components(target, schedule, t, z, gmm=None):
    """Per mixture component j: responsibilities π_j(z), posterior means m_j(z) and variances c_j of x0 | z, j,
    and y(x0) = c_x x0 + c_ε (z − α x0)/σ's coefficients, written from the model (not via gmm.posterior_target):
    z | j ~ N(α μ_j, v_j I), v_j = α² s_j² + σ², m_j = μ_j + (α s_j²/v_j)(z − α μ_j), c_j = s_j² σ²/v_j."""
    from scipy.special import softmax

    from difftheory.theory.schedules import erd_schedule
    from difftheory.theory.target_conversions import erd_target_coefficients
    from difftheory.theory.gmm import erd_gmm

    g = erd_gmm() if gmm is None else gmm
    a, s = erd_schedule(schedule).alpha_sigma(np.asarray(t, float))
    a, s = np.reshape(a, (-1, 1)), np.reshape(s, (-1, 1))
    cx, ce = erd_target_coefficients(target, a, s)
    v = a**2 * g.sds[None] ** 2 + s**2  # (N, K)
    d2 = ((z[:, None, :] - a[:, :, None] * g.means[None]) ** 2).sum(-1)
    logp = np.log(g.weights)[None] - 0.5 * d2 / v - 0.5 * g.dim * np.log(v)
    pi = softmax(logp, axis=1)
    mean = g.means[None] + (a * g.sds[None] ** 2 / v)[..., None] * (z[:, None, :] - a[:, :, None] * g.means[None])
    var = g.sds[None] ** 2 * s**2 / v
    return pi, mean, var, (a, s, cx, ce)


def conditional_mse(f, target, schedule, t, z) -> np.ndarray:
    """E[‖f(z) − y‖² | z] (N,) by Gauss–Hermite over the exact posterior of x0 given z (3 nodes per dimension:
    exact, the integrand is quadratic in x0) — directly from the definition, not via the Bayes split."""
    from numpy.polynomial.hermite_e import hermegauss

    pi, mean, var, (a, s, cx, ce) = posterior_components(target, schedule, t, z)
    x, w = hermegauss(3)
    w = w / w.sum()
    nodes = np.stack(np.meshgrid(x, x, indexing="ij"), -1).reshape(-1, 2)
    wts = np.outer(w, w).ravel()
    x0 = mean[:, :, None, :] + np.sqrt(var)[:, :, None, None] * nodes[None, None]  # (N, K, Q, 2)
    a_, s_, cx_, ce_ = (q[:, :, None, None] for q in (a, s, cx, ce))
    y = cx_ * x0 + ce_ * (z[:, None, None, :] - a_ * x0) / s_
    err = ((f[:, None, None, :] - y) ** 2).sum(-1)
    return np.einsum("nkq,nk,q->n", err, pi, wts)


def world_points(target: str, schedule: str, cfg: DynamicsScale, seed: int) -> dict:
    """The point set: ``n_eval`` draws of z_t at each evaluation level, then ``n_steps`` path samples
    (x0, ε, t ~ U(0, 1)) in order; y, the exact f* = E[y | z] and tr Var[y | z] at every point."""
    from difftheory.theory.schedules import erd_schedule
    from difftheory.theory.target_conversions import erd_target_coefficients
    from difftheory.theory.gmm import erd_gmm

    rng = np.random.default_rng(seed)
    g = erd_gmm()
    n_lev = cfg.n_eval * len(cfg.levels)
    t = np.concatenate([np.repeat(np.asarray(cfg.levels, float), cfg.n_eval), rng.uniform(0.0, 1.0, cfg.n_steps)])
    t = np.clip(t, 1e-4, 1 - 1e-4)  # the weights are evaluated on [1e-4, 1 − 1e-4] in training too
    x0 = g.sample(len(t), rng)
    eps = rng.standard_normal((len(t), 2))
    a, s = erd_schedule(schedule).alpha_sigma(t)
    cx, ce = erd_target_coefficients(target, a, s)
    z = a[:, None] * x0 + s[:, None] * eps
    y = cx[:, None] * x0 + ce[:, None] * eps
    fstar, var = g.posterior_target(z, a, s, cx, ce)
    return {"z": z, "t": t, "y": y, "fstar": fstar, "var_trace": var.sum(1), "n_levels_rows": n_lev,
            "path": np.arange(n_lev, len(t))}


def allocation(name: str, target: str, schedule: str, t) -> np.ndarray:
    """M at times t: ``uniform`` (App. F's training, M ≡ 1) or ``erd`` (ERD's w_y normalised to mean 1 over
    t ~ U(0, 1), erd §3.4 / Prop. E.1)."""
    from difftheory.theory.erd_weights import normalized_weight
    from difftheory.theory.schedules import erd_schedule

    check_choice("allocation", name, ALLOCATIONS)
    t = np.asarray(t, float)
    if name == "uniform":
        return np.ones_like(t)
    return np.asarray(normalized_weight("erd", target, erd_schedule(schedule).alpha_sigma)(t), float)


def network_kernel(params, z, t) -> tuple[np.ndarray, np.ndarray]:
    """Frozen empirical NTK Θ (N, O, N, O) of one App. F network (float64, erd Eq. 2) and its outputs (N, O)."""
    import torch

    from difftheory.toy import ntk
    from difftheory.toy.erd_model import mlp_forward

    p = [(W.detach().double(), b.detach().double()) for W, b in params]
    zt, tt = torch.as_tensor(z, dtype=torch.float64), torch.as_tensor(t, dtype=torch.float64)
    with torch.no_grad():
        K = ntk.ntk_structured(p, zt, tt).numpy()
        f = mlp_forward(p, zt, tt).numpy()
    N, O = f.shape
    return K.reshape(N, O, N, O), f


CROSS_WINDOW = 0.1  # a path sample is "cross-noise" for level t_L when |t_k − t_L| ≥ 0.1 (two App. F time bins apart)


def _summary(x) -> dict:
    x = np.asarray(x, float).ravel()
    return {"max": float(x.max()), "median": float(np.median(x)), "min": float(x.min())}


def _worst(ratio, axes_names, axes_values):
    """Location and value of the largest entry of ``ratio`` with its coordinates named."""
    idx = np.unravel_index(int(np.nanargmax(ratio)), ratio.shape)
    return {name: (vals[i] if vals is not None else int(i)) for name, vals, i in zip(axes_names, axes_values, idx)}, idx


def analyse_path(world: dict, K4: np.ndarray, r0: np.ndarray, target: str, schedule: str, alloc: str,
                 cfg: DynamicsScale) -> dict:
    """All sample-path and fixed-noise quantities of one network under one allocation (see module docstring)."""
    t, path = world["t"], world["path"]
    xi = world["fstar"][path] - world["y"][path]  # ξ_k = f*(z_k) − y_k  # erd Eq. (41)
    m_all = allocation(alloc, target, schedule, t)
    m_path = m_all[path]
    n = cfg.n_eval
    starts = tuple(L * n for L in range(len(cfg.levels)))
    levels = Levels(start=starts, n=n, m=tuple(float(m_all[s]) for s in starts))
    mL = np.asarray(levels.m)
    Kpp = K4[path, :, path, :]
    eta = cfg.eta_scale / float(np.max(m_path * np.linalg.eigvalsh(Kpp).max(-1)))
    K = cfg.n_steps
    T_h = K * eta
    taus = eta * np.arange(1, K + 1)
    R = sample_path_exact(K4, path, r0, xi, m_path, eta, K)
    K_tw = min(K, cfg.twin_steps)
    R_rk = sample_path_rk4(K4, path, r0, xi, m_path, eta, K_tw, cfg.rk4_substeps)
    B = PathBlocks.of(K4, path, levels.rows())
    ex = excess_along_path(B, path, R, xi, m_path, eta, levels)
    out = {"eta": eta, "horizon": T_h, "M_levels": mL.tolist(),
           "rk4_vs_exact": float(np.abs(R[:K_tw + 1] - R_rk).max() / np.abs(R[:K_tw + 1]).max()),
           "rk4_twin_steps": K_tw}

    # ---- Thm 3.3 / C.4: the identity, integrated (and two misreadings)
    ic = identity_check(ex, ratio_m=mL[None, :] / m_path[:K, None])
    delta, integ, scale = ic["delta"], ic["integral"], ic["scale"]
    out["identity"] = {"rel_err_max": float(ic["rel_err"].max()),
                       "rel_err_M_lambda_inside_max": float(ic["rel_err_M_lambda_inside"].max()),
                       "rel_err_no_outer_M_max": float((np.abs(delta - integ / mL) / scale).max()),
                       "delta_end": delta[-1].tolist(), "integral_end": integ[-1].tolist()}

    # ---- Prop. C.5 (Eq. 52/54) at every Gauss–Legendre node, β on the grid
    betas = np.asarray(RATE_GRID) / T_h
    lt, C, P = ex["lt"], ex["C"], ex["P"]
    lhs = -(C + P)  # dℓ̃/dτ by Eq. (46)
    young = betas * lt[..., None] + mL[None, None, :, None] / (2 * betas) * ex["F2"][:, None, :, None]
    rhs = -C[..., None] + young
    viol = (lhs[..., None] - rhs) / (np.abs(lhs[..., None]) + np.abs(rhs))
    used = np.abs(P)[..., None] / young
    where, idx = _worst(viol, ("interval", "node", "level", "beta"), (None, None, list(cfg.levels), betas.tolist()))
    out["prop_c5"] = {"worst_normalised_excess": float(viol.max()), "worst_at": where,
                      "worst_lhs": float(lhs[idx[:3]]), "worst_rhs": float(rhs[idx]),
                      "young_used": _summary(used), "n_points": int(viol.size)}

    # ---- pathwise coercivity ratio μ_τ = C/ℓ̃ (Eq. 59 with equality)
    mu = C / lt
    w = ex["gl_weights"]
    mu_mean = np.einsum("ksl,s->l", mu, w) / T_h
    out["mu"] = {"min": mu.min(axis=(0, 1)).tolist(), "max": mu.max(axis=(0, 1)).tolist(),
                 "negative_fraction": (mu < 0).mean(axis=(0, 1)).tolist(), "time_average": mu_mean.tolist(),
                 "time_average_times_horizon": (mu_mean * T_h).tolist()}

    # ---- Thm 3.4 / C.6 (Eq. 60), readings of ‖F‖²: Eq. (60) M(λ_s) inside; main text Eq. (6) M(λ) inside
    f2 = np.stack([ex["F2"], ex["F2_main"]], -1)
    rate_max = np.abs(mu).max(axis=(1, 2)) + betas.max()  # from the Gauss–Legendre nodes; the RK4 twin checks the rest
    U, Uh, S = comparison_bound(B, path, R, xi, m_path, eta, levels, betas, f2, rate_max)
    ratio = ex["lt_ends"][1:, :, None, None] / U[1:]  # (K, L, reading, β)
    integ_err = float((np.abs(U - Uh) / 15 / U).max())
    readings = {}
    for j, name in enumerate(("Eq. (60): M(λ_s) in F_s", "Eq. (6) main text: M(λ) in F_s")):
        r = ratio[:, :, j]
        where, idx = _worst(r, ("T", "level", "beta"), (taus.tolist(), list(cfg.levels), betas.tolist()))
        readings[name] = {"max_ratio": float(r.max()), "median_ratio": float(np.median(r)), "worst_at": where,
                          "measured": float(ex["lt_ends"][1:][idx[0], idx[1]]), "bound": float(U[1:, :, j][idx])}
    out["curves"] = {"tau": np.r_[0.0, taus], "excess": ex["lt_ends"], "bound_eq60": U[:, :, 0, :], "betas": betas,
                     "mu_nodes": mu, "tau_nodes": ex["tau_nodes"]}
    out["thm3_4"] = {"readings": readings, "substeps_max": max(S), "integration_rel_err": integ_err,
                     "n_points": int(ratio[:, :, 0].size)}

    # ---- Eq. (61) / Remark 3.5 on the sample path: need μ_τ ≥ μ > β > 0 for all τ
    mu_floor = 0.99 * mu.min(axis=(0, 1))  # 1 % below the minimum over the nodes: the hypothesis' μ
    B_force = ex["F2"].max(0)
    rem = []
    for L in range(len(cfg.levels)):
        if mu_floor[L] <= 0:
            continue
        for frac in (0.1, 0.5, 0.9):
            beta = frac * mu_floor[L]
            b61 = constant_rate_bound(ex["lt_ends"][0, L], mL[L], mu_floor[L], beta, ex["F2"][:, L], eta)
            b7 = remark35_bound(ex["lt_ends"][0, L], mL[L], mu_floor[L], beta, B_force[L], np.r_[0, taus])
            rem.append({"level": cfg.levels[L], "beta": beta,
                        "eq61_max_ratio": float((ex["lt_ends"][1:, L] / b61[1:]).max()),
                        "eq7_max_ratio": float((ex["lt_ends"][1:, L] / b7[1:]).max())})
    out["sample_path_rate"] = {"mu_floor": mu_floor.tolist(), "applicable_levels": [r["level"] for r in rem],
                               "checks": rem}

    # ---- Thm 3.6 / D.2 (Eq. 72): the full local ELBO density against floor + bound
    rows = levels.rows()
    floor = 0.5 * mL * world["var_trace"][rows].reshape(len(starts), n).mean(1)
    th6 = []
    for Ti in sorted({K // 4, K // 2, K}):
        f_T = world["fstar"][rows] + R[Ti, rows]
        mse = np.concatenate([conditional_mse(f_T[L * n:(L + 1) * n], target, schedule, cfg.levels[L],
                                              world["z"][rows][L * n:(L + 1) * n]) for L in range(len(starts))])
        ell = 0.5 * mL * mse.reshape(len(starts), n).mean(1)
        split = floor + ex["lt_ends"][Ti]
        th6.append({"T": Ti * eta, "ell": ell.tolist(), "floor": floor.tolist(),
                    "twin_rel_err": float((np.abs(ell - split) / ell).max()),
                    "ratio_by_beta": (ell[:, None] / (floor[:, None] + U[Ti, :, 0, :])).tolist()})
    out["thm3_6"] = {"points": th6, "floor": floor.tolist(), "excess0": ex["lt_ends"][0].tolist(),
                     "floor_share_tau0": (floor / (floor + ex["lt_ends"][0])).tolist()}

    # ---- cross-noise share of the forcing energy (Thm 3.6 / D.2: forcing through the joint NTK)
    tk = t[path][:K]
    share = [float((ex["F2"][:, L] * (np.abs(tk - cfg.levels[L]) >= CROSS_WINDOW)).sum() / ex["F2"][:, L].sum())
             for L in range(len(starts))]
    frac_out = [float((np.abs(tk - lv) >= CROSS_WINDOW).mean()) for lv in cfg.levels]
    out["cross_noise"] = {"share": share, "sample_fraction_outside": frac_out}

    # ---- Lemma C.3: SGD (Eq. 40) vs the surrogate (Eq. 41) on the same K0 samples, η halved
    gaps, etas = [], []
    for h in range(cfg.c3_halvings + 1):
        e_h = eta / 2**h
        sur = sample_path_exact(K4, path, r0, xi, m_path, e_h, cfg.c3_k0)[-1][rows]
        sgd = sgd_linearized(K4, path, r0, xi, m_path, e_h, cfg.c3_k0)[-1][rows]
        gaps.append(float(np.linalg.norm(sgd - sur) / np.linalg.norm(sur - r0[rows])))
        etas.append(e_h)
    slopes = np.diff(np.log(gaps)) / np.diff(np.log(etas))
    out["lemma_c3"] = {"etas": etas, "steps": cfg.c3_k0, "relative_gap": gaps,
                       "order": float(np.polyfit(np.log(etas), np.log(gaps), 1)[0]),
                       "local_orders": slopes.tolist()}

    # ---- fixed-noise surrogate (Thm D.4) per level, and the joint dynamics projected on its modes
    gammas = np.asarray(RATE_GRID) / T_h
    x_gl, _ = _gl()
    fixed = []
    for L, s0 in enumerate(starts):
        rl = np.arange(s0, s0 + n)
        kap, V = fixed_noise_modes(K4, rl)
        a0 = modal_coefficients(V, r0[rl])
        v_x = np.einsum("noKq,Kq->Kno", K4[rl][:, :, path[:K], :], xi[:K])
        forcing = -(m_path[:K, None] * (v_x.reshape(K, -1) @ V)) / math.sqrt(n)  # η_{k,j}  # erd Eq. (91)
        A = modal_exact(kap, a0, forcing, mL[L], eta)
        A_rk = modal_rk4(kap, a0, forcing[:K_tw], mL[L], eta, cfg.rk4_substeps)
        Bm = modal_bound(kap, a0, forcing, mL[L], eta, gammas)  # (K+1, G, J)
        Bf = modal_bound(kap, np.zeros_like(a0), forcing, mL[L], eta, gammas)
        mode_ratio = A[1:, None, :] ** 2 / Bm[1:]
        where, idx = _worst(mode_ratio, ("T", "gamma", "mode"), (taus.tolist(), gammas.tolist(), None))
        lt_d4 = 0.5 * mL[L] * (A[1:] ** 2).sum(-1)  # (K,)
        init_part = (Bm - Bf)[1:].sum(-1)
        forced_part = Bf[1:].sum(-1)  # includes γ⁻¹
        totals = {"M/(2γ) (Eq. 105, derived)": 0.5 * mL[L] * (init_part + forced_part),
                  "1/(2γ) (M dropped)": 0.5 * mL[L] * init_part + 0.5 * forced_part}
        tot = {k: {"max_ratio": float((lt_d4[:, None] / v).max()), "median_ratio": float(np.median(lt_d4[:, None] / v))}
               for k, v in totals.items()}
        parseval = float(np.abs((forcing**2).sum(1) - ex["F2"][:, L]).max() / ex["F2"][:, L].max())
        # Remark 3.5 / Eq. (61) on this surrogate: μ_τ = 2 M Σκ a²/Σa² ≥ 2Mκ_min > 0 (K_λ is PSD)
        c = mL[L] * kap
        s_nodes = eta * x_gl
        a_nodes = (np.exp(-c[None, None] * s_nodes[None, :, None]) * A[:-1, None, :]
                   + forcing[:, None, :] * s_nodes[None, :, None] * _phi1(c[None, None] * s_nodes[None, :, None]))
        mu_d4 = 2 * mL[L] * (kap * a_nodes**2).sum(-1) / (a_nodes**2).sum(-1)
        mu_fl = 0.99 * float(mu_d4.min())
        Bf_max = float((forcing**2).sum(1).max())
        rem_d4 = []
        for frac in (0.1, 0.5, 0.9):
            beta = frac * mu_fl
            b7 = remark35_bound(0.5 * mL[L] * (a0**2).sum(), mL[L], mu_fl, beta, Bf_max, taus)
            b61 = constant_rate_bound(0.5 * mL[L] * (a0**2).sum(), mL[L], mu_fl, beta, (forcing**2).sum(1), eta)[1:]
            rem_d4.append({"beta": beta, "eq7_max_ratio": float((lt_d4 / b7).max()),
                           "eq7_median_ratio": float(np.median(lt_d4 / b7)),
                           "eq61_max_ratio": float((lt_d4 / b61).max())})
        # weak modes: forced response per unit forcing power against κ
        Af = modal_exact(kap, np.zeros_like(a0), forcing, mL[L], eta)
        power = (forcing**2).mean(0)
        keep = (kap > 1e-10 * kap[0]) & (power > 1e-14 * power.max())
        chi = (Af[K // 2 + 1:] ** 2).mean(0)[keep] / power[keep]
        # the joint (sample-path) dynamics projected on the fixed-noise modes, against the same bound
        a_joint = modal_coefficients(V, R[1:, rl])
        joint_ratio = a_joint[:, None, :] ** 2 / Bm[1:]
        jwhere, jidx = _worst(joint_ratio, ("T", "gamma", "mode"), (taus.tolist(), gammas.tolist(), None))
        joint_total = ex["lt_ends"][1:, L][:, None] / totals["M/(2γ) (Eq. 105, derived)"]
        fixed.append({
            "level": cfg.levels[L], "kappa_top": kap[:3].tolist(), "kappa_min": float(kap[-1]),
            "rk4_vs_exact": float(np.abs(A[:K_tw + 1] - A_rk).max() / np.abs(A[:K_tw + 1]).max()),
            "parseval_rel_err": parseval,
            "mode_max_ratio": float(mode_ratio.max()), "mode_median_ratio": float(np.median(mode_ratio)),
            "mode_worst_at": where, "mode_worst_kappa": float(kap[idx[2]]),
            "mode_worst_measured": float(A[1:][idx[0], idx[2]] ** 2), "mode_worst_bound": float(Bm[1:][idx]),
            "total": tot, "mu_floor": mu_fl, "forcing_bound_B": Bf_max, "remark35": rem_d4,
            "log_kappa": np.log(kap[keep]).tolist(), "log_susceptibility": np.log(chi).tolist(),
            "log_forcing_power": np.log(power[keep]).tolist(),
            "joint_mode_max_ratio": float(joint_ratio.max()), "joint_mode_worst_at": jwhere,
            "joint_mode_worst_measured": float(a_joint[jidx[0], jidx[2]] ** 2),
            "joint_mode_worst_bound": float(Bm[1:][jidx]),
            "joint_total_max_ratio": float(joint_total.max()),
            "joint_total_median_ratio": float(np.median(joint_total)),
            "d4_excess_end": float(lt_d4[-1]), "joint_excess_end": float(ex["lt_ends"][-1, L]),
            "curves": {"kappa": kap, "measured_end": A[-1] ** 2, "bound_end": Bm[-1], "joint_end": a_joint[-1] ** 2,
                       "gammas": gammas, "excess_d4": np.r_[0.5 * mL[L] * (a0**2).sum(), lt_d4],
                       "bound_total": np.vstack([np.full(len(gammas), 0.5 * mL[L] * (a0**2).sum()),
                                                 totals["M/(2γ) (Eq. 105, derived)"]])}})
    out["fixed_noise"] = fixed
    return out


def analyse_model(spec, params, cfg: DynamicsScale, seed: int, keep_arrays: bool = False) -> dict:
    """One global App. F model: its frozen NTK on the point set, then ``analyse_path`` per allocation."""
    world = world_points(spec.target, spec.schedule, cfg, seed)
    K4, f = network_kernel(params, world["z"], world["t"])
    r0 = f - world["fstar"]  # Bayes-centred residual  # erd Eq. (26)
    out = {"target": spec.target, "schedule": spec.schedule,
           "allocations": {a: analyse_path(world, K4, r0, spec.target, spec.schedule, a, cfg) for a in ALLOCATIONS}}
    if keep_arrays:
        out["arrays"] = {"world": world, "K4": K4, "r0": r0}
    return out


@lru_cache(maxsize=2)
def dynamics_study(scale: str = "quick", seed: int = 0) -> dict:
    """Every global App. F model (``erd_experiments.global_models``) analysed; shared by the claims of
    ``claims_erd_dynamics`` and the figures of ``figures/erd_dynamics``."""
    from difftheory.threads import single_thread
    from difftheory.toy.erd_experiments import global_models

    cfg = get_dynamics_scale(scale)
    gm = global_models(scale, seed)
    models = []
    with single_thread():
        for m, spec in enumerate(gm["specs"]):
            params = [(W[m], b[m]) for W, b in gm["params"]]
            models.append(analyse_model(spec, params, cfg, seed + 101 + m))
    return {"scale": scale, "seed": seed, "levels": list(cfg.levels), "n_eval": cfg.n_eval, "n_steps": cfg.n_steps,
            "rate_grid": list(RATE_GRID), "models": models}


# ======================================================================================= Prop. 3.7 / D.3
def representation_gradients(params, z, t, y, fstar, M: float = 1.0, twin_samples: int = 2) -> dict:
    """erd Prop. D.3 per sample, for f = W h (h the last hidden layer, W the readout; ϑ = all hidden-layer
    parameters): the autograd gradient g = ∇_ϑ ½M‖f − y‖² against g_r + g_ξ with g_r = M (∇_ϑ h)ᵀ Wᵀ r,
    g_ξ = M (∇_ϑ h)ᵀ Wᵀ ξ (r = f − f*, ξ = f* − y)  # erd Eq. (77); the bound
    M ‖∇_ϑ h‖_F ‖W‖_op (‖r‖ + ‖ξ‖)  # erd Eq. (78), with ‖∇_ϑ h‖_F² = Σ_layers Σ_k ‖Δ_k‖²(‖a‖² + 1) from the
    per-layer backprop signals (no Jacobian is built; checked against a per-unit VJP on ``twin_samples`` samples);
    and the 2×2 ϑ-kernel Θ_ϑ = G Gᵀ, G = (∇_ϑ h)ᵀ Wᵀ (P × O), whose condition number brackets
    ‖g_ξ‖/‖g_r‖ ∈ [ρ/√cond, ρ √cond], ρ = ‖ξ‖/‖r‖. Arrays (n,) of float64."""
    import torch
    from torch.func import grad, vjp, vmap

    from difftheory.toy import ntk
    from difftheory.toy.erd_model import mlp_forward

    check_float("M", M, 0.0, None, lo_open=True)
    p = [(W.detach().double(), b.detach().double()) for W, b in params]
    hidden, (W_out, b_out) = [tuple(q) for q in p[:-1]], p[-1]  # f = h W_out + b: erd's W is W_outᵀ
    z, t, y, fstar = (torch.as_tensor(np.asarray(v), dtype=torch.float64) for v in (z, t, y, fstar))

    def h_of(hp, zi, ti):
        return mlp_forward(list(hp) + [(W_out, b_out)], zi[None], ti[None], return_hidden=True)[1][0]

    def loss_of(hp, zi, ti, yi):
        return 0.5 * M * ((h_of(hp, zi, ti) @ W_out + b_out - yi) ** 2).sum()

    def flat(g):
        return torch.cat([x.reshape(x.shape[0], -1) for pair in g for x in pair], 1)

    def pull(hp, zi, ti, cot):
        return vjp(lambda q: h_of(q, zi, ti), hp)[1](cot)[0]

    with torch.no_grad():
        f = mlp_forward(p, z, t)
    r, xi = f - fstar, fstar - y
    g_full = flat(vmap(grad(loss_of), in_dims=(None, 0, 0, 0))(hidden, z, t, y))
    g_r = M * flat(vmap(pull, in_dims=(None, 0, 0, 0))(hidden, z, t, r @ W_out.T))  # (∇h)ᵀ Wᵀ r
    g_x = M * flat(vmap(pull, in_dims=(None, 0, 0, 0))(hidden, z, t, xi @ W_out.T))
    G = torch.stack([flat(vmap(pull, in_dims=(None, 0, 0, None))(hidden, z, t, W_out[:, o]))
                     for o in range(W_out.shape[1])], 1)  # (n, O, P)
    theta = G @ G.transpose(1, 2)  # (n, O, O)
    # ‖∇_ϑ h‖_F² from the per-layer signals of the network whose "head" is the identity (outputs = h)
    eye = [(torch.eye(W_out.shape[0], dtype=torch.float64), torch.zeros(W_out.shape[0], dtype=torch.float64))]
    with torch.no_grad():
        inputs, deltas = ntk.layer_signals([tuple(q) for q in hidden] + eye, z, t)
        jac_f2 = sum((D**2).sum((1, 2)) * ((a**2).sum(1) + 1) for a, D in zip(inputs[:-1], deltas[:-1]))
    twin = []
    eye_h = torch.eye(W_out.shape[0], dtype=torch.float64)
    for i in range(min(twin_samples, len(z))):
        sq = sum(flat(vmap(pull, in_dims=(None, None, None, 0))(hidden, z[i], t[i], eye_h[c:c + 32])).pow(2).sum()
                 for c in range(0, len(eye_h), 32))  # ‖∇_ϑ h‖_F² row by row, 32 units at a time
        twin.append(float(abs(sq - jac_f2[i]) / jac_f2[i]))
    W_op = float(torch.linalg.matrix_norm(W_out, ord=2))
    nr, nx = r.norm(dim=1), xi.norm(dim=1)
    bound = M * jac_f2.sqrt() * W_op * (nr + nx)
    ev = torch.linalg.eigvalsh(theta)
    cond = (ev[:, -1] / ev[:, 0].clamp_min(1e-300)).sqrt()
    n_r, n_x, n_g = g_r.norm(dim=1), g_x.norm(dim=1), g_full.norm(dim=1)
    quad_x = (M**2 * torch.einsum("no,nop,np->n", xi, theta, xi)).clamp_min(0).sqrt()
    out = {"split_rel_err": (g_r + g_x - g_full).norm(dim=1) / n_g, "norm": n_g, "bound": bound,
           "g_r": n_r, "g_xi": n_x, "r": nr, "xi": nx, "sqrt_cond": cond,
           "quad_form_rel_err": (quad_x - n_x).abs() / n_x.clamp_min(1e-300)}
    out = {k: v.detach().numpy() for k, v in out.items()}
    out["jacobian_twin_rel_err"] = max(twin) if twin else 0.0
    return out


def representation_points(target: str, schedule: str, ts, n: int, seed: int) -> dict:
    """n draws of (z_t, y, f*) at each t of ``ts`` (App. F's world, t = 0 data)."""
    from difftheory.theory.schedules import erd_schedule
    from difftheory.theory.target_conversions import erd_target_coefficients
    from difftheory.theory.gmm import erd_gmm

    rng = np.random.default_rng(seed)
    g = erd_gmm()
    t = np.repeat(np.asarray(ts, float), n)
    x0, eps = g.sample(len(t), rng), rng.standard_normal((len(t), 2))
    a, s = erd_schedule(schedule).alpha_sigma(t)
    cx, ce = erd_target_coefficients(target, a, s)
    z = a[:, None] * x0 + s[:, None] * eps
    return {"z": z, "t": t, "y": cx[:, None] * x0 + ce[:, None] * eps,
            "fstar": g.posterior_target(z, a, s, cx, ce)[0]}


@lru_cache(maxsize=2)
def representation_study(scale: str = "quick", seed: int = 0) -> dict:
    """``representation_gradients`` for every global App. F model at the times ``rep_ts`` (M = 1: the ratio
    statements do not depend on M)."""
    from difftheory.threads import single_thread
    from difftheory.toy.erd_experiments import global_models

    cfg = get_dynamics_scale(scale)
    gm = global_models(scale, seed)
    out = []
    with single_thread():
        for m, spec in enumerate(gm["specs"]):
            params = [(W[m], b[m]) for W, b in gm["params"]]
            pts = representation_points(spec.target, spec.schedule, cfg.rep_ts, cfg.rep_n, seed + 211 + m)
            parts = [representation_gradients(params, *(pts[k][sl] for k in ("z", "t", "y", "fstar")),
                                              twin_samples=2 if sl.start == 0 else 0)
                     for sl in (slice(i, i + cfg.rep_n) for i in range(0, len(pts["t"]), cfg.rep_n))]  # memory: one t at a time
            g = {k: np.concatenate([q[k] for q in parts]) for k in parts[0] if k != "jacobian_twin_rel_err"}
            g["jacobian_twin_rel_err"] = max(q["jacobian_twin_rel_err"] for q in parts)
            out.append({"target": spec.target, "schedule": spec.schedule, "t": pts["t"], **g})
    return {"ts": list(cfg.rep_ts), "n": cfg.rep_n, "models": out}


def representation_gradient_moments(params, z, t, y, fstar, chunk: int = 128) -> dict:
    """Moments of the per-sample representation-gradient parts of erd Eq. (77) (M = 1), g_r = (∇_ϑh)ᵀWᵀr and
    g_ξ = (∇_ϑh)ᵀWᵀξ over n i.i.d. samples at one level, accumulated ``chunk`` samples at a time, for each half of
    the samples: n, Σ‖g‖² and ‖Σ g‖². From them ‖E g‖² (unbiased, (‖Σg‖² − Σ‖g‖²)/(n(n − 1))) and E‖g‖² give the
    expected squared norm of a B-sample average, E‖ḡ_B‖² = ‖E g‖² + (E‖g‖² − ‖E g‖²)/B."""
    import torch
    from torch.func import vjp, vmap

    from difftheory.toy.erd_model import mlp_forward

    p = [(W.detach().double(), b.detach().double()) for W, b in params]
    hidden, (W_out, b_out) = [tuple(q) for q in p[:-1]], p[-1]
    z, t, y, fstar = (torch.as_tensor(np.asarray(v), dtype=torch.float64) for v in (z, t, y, fstar))

    def h_of(hp, zi, ti):
        return mlp_forward(list(hp) + [(W_out, b_out)], zi[None], ti[None], return_hidden=True)[1][0]

    def pull(hp, zi, ti, cot):
        return vjp(lambda q: h_of(q, zi, ti), hp)[1](cot)[0]

    def flat(g):
        return torch.cat([x.reshape(x.shape[0], -1) for pair in g for x in pair], 1)

    n = len(z)
    halves = []
    for lo, hi in ((0, n // 2), (n // 2, n)):
        acc = {"n": hi - lo, "sq_r": 0.0, "sq_xi": 0.0, "sum_r": None, "sum_xi": None}
        for a in range(lo, hi, chunk):
            sl = slice(a, min(a + chunk, hi))
            with torch.no_grad():
                f = mlp_forward(p, z[sl], t[sl])
            r, xi = f - fstar[sl], fstar[sl] - y[sl]
            for key, res in (("r", r), ("xi", xi)):
                g = flat(vmap(pull, in_dims=(None, 0, 0, 0))(hidden, z[sl], t[sl], res @ W_out.T))
                acc[f"sq_{key}"] += float((g**2).sum())
                acc[f"sum_{key}"] = g.sum(0) if acc[f"sum_{key}"] is None else acc[f"sum_{key}"] + g.sum(0)
        halves.append({"n": acc["n"], "sq_r": acc["sq_r"], "sq_xi": acc["sq_xi"],
                       "norm_sum_r_sq": float((acc["sum_r"] ** 2).sum()), "norm_sum_xi_sq": float((acc["sum_xi"] ** 2).sum()),
                       "sum_r": acc["sum_r"], "sum_xi": acc["sum_xi"]})
    full = {"n": n, "sq_r": halves[0]["sq_r"] + halves[1]["sq_r"], "sq_xi": halves[0]["sq_xi"] + halves[1]["sq_xi"],
            "norm_sum_r_sq": float(((halves[0]["sum_r"] + halves[1]["sum_r"]) ** 2).sum()),
            "norm_sum_xi_sq": float(((halves[0]["sum_xi"] + halves[1]["sum_xi"]) ** 2).sum())}
    strip = lambda h: {k: v for k, v in h.items() if not k.startswith("sum_")}  # noqa: E731
    return {"full": full, "halves": [strip(h) for h in halves]}


def coherent_share(m: dict, key: str) -> float:
    """‖E g‖²/E‖g‖² from ``representation_gradient_moments`` (one entry; unbiased numerator, may dip below 0)."""
    n, sq, ns = m["n"], m[f"sq_{key}"], m[f"norm_sum_{key}_sq"]
    return float((ns - sq) / (n * (n - 1)) / (sq / n))


def minibatch_ratio(m: dict, B: int) -> float:
    """sqrt(E‖ḡ_ξ,B‖² / E‖ḡ_r,B‖²) for B-sample averages, from ``representation_gradient_moments`` (one entry). The
    Bayes part has E g_ξ = E[(∇_ϑh)ᵀWᵀ E[ξ | z]] = 0 exactly, so it averages as E‖g_ξ‖²/B; the residual part keeps its
    mean ‖E g_r‖² (estimated unbiasedly, clipped at 0)."""
    mean_r, mean_x = m["sq_r"] / m["n"], m["sq_xi"] / m["n"]
    coherent = max(coherent_share(m, "r"), 0.0) * mean_r
    return float(np.sqrt((mean_x / B) / (coherent + (mean_r - coherent) / B)))


@lru_cache(maxsize=2)
def minibatch_study(scale: str = "quick", seed: int = 0) -> dict:
    """``representation_gradient_moments`` in Prop. 3.7's mismatch regimes (§3.3: ε at low noise, x0 at high noise) of
    every schedule, on the trained global App. F models, ``minibatch_n`` samples each."""
    from difftheory.threads import single_thread
    from difftheory.toy.erd_experiments import global_models

    cfg = get_dynamics_scale(scale)
    gm = global_models(scale, seed)
    out = {}
    with single_thread():
        for m, spec in enumerate(gm["specs"]):
            regime = {"eps": 0.05, "x0": 0.95}.get(spec.target)
            if regime is None:
                continue
            params = [(W[m], b[m]) for W, b in gm["params"]]
            pts = representation_points(spec.target, spec.schedule, (regime,), cfg.minibatch_n, seed + 401 + m)
            out[f"{spec.target}/{spec.schedule} t={regime:g}"] = representation_gradient_moments(
                params, *(pts[k] for k in ("z", "t", "y", "fstar")))
    return {"n": cfg.minibatch_n, "regimes": out}


@dataclass(frozen=True)
class ForcingScale:
    features: int  # random Fourier features of (z_t, t): a model linear in θ, so its NTK is exactly constant
    population: int  # draws for the population Gram G and the best-in-class predictor W*
    chains: int  # independent SGD chains (the interval of the slope is over chains)
    horizon: float  # training time τ = kη, in units of 1/λ_max(G)
    step_shares: tuple = (0.4, 0.2, 0.1, 0.05)  # η·λ_max(G)
    batches: tuple = (1, 8)


FORCING_SCALES = {"quick": ForcingScale(features=64, population=40_000, chains=8, horizon=40.0),
                  "full": ForcingScale(features=200, population=200_000, chains=16, horizon=60.0)}


@lru_cache(maxsize=2)
def sgd_forcing_study(scale: str = "quick", seed: int = 0) -> dict:
    """Is the Bayes forcing of Lemma C.3 / Thm 3.3 a population effect or SGD's gradient noise? On a model linear in
    its parameters (random Fourier features φ(z_t, t), D of them: the NTK is exactly constant, Eq. 53 holds), target
    x0 on App. F's GMM, GVP schedule, t ~ U(0.05, 0.95): SGD started at the best-in-class W* (population least squares)
    runs for a fixed training time τ = kη at several steps η and batches B; the excess over W*,
    tr((W − W*)ᵀ G (W − W*)) with G the population Gram, is averaged over the second half of τ, per chain."""
    from difftheory.theory.gmm import erd_gmm
    from difftheory.theory.schedules import erd_schedule

    cfg = FORCING_SCALES[check_choice("scale", scale, tuple(FORCING_SCALES))]
    rng = np.random.default_rng([seed, 5])
    g = erd_gmm()
    D = cfg.features
    omega = rng.standard_normal((D, 3)) * np.array([0.6, 0.6, 3.0])
    phase = rng.uniform(0, 2 * np.pi, D)

    def draw(n, gen):
        x0 = g.sample(n, gen)
        t = gen.uniform(0.05, 0.95, n)
        a, s = erd_schedule("gvp").alpha_sigma(t)
        z = a[:, None] * x0 + s[:, None] * gen.standard_normal((n, 2))
        feats = np.sqrt(2.0 / D) * np.cos(np.concatenate([z, t[:, None]], 1) @ omega.T + phase)
        return feats, x0

    P, y = draw(cfg.population, rng)
    G = P.T @ P / len(P)
    W_star = np.linalg.solve(G + 1e-10 * np.eye(D), P.T @ y / len(P))
    lam_max = float(np.linalg.eigvalsh(G)[-1])
    out = {}
    for B in cfg.batches:
        for c in cfg.step_shares:
            eta = c / lam_max
            steps = int(round(cfg.horizon / c))
            W = np.repeat(W_star[None], cfg.chains, 0)
            gen = np.random.default_rng([seed, 7, B, int(round(c * 1e4))])
            acc, cnt = np.zeros(cfg.chains), 0
            for k in range(steps):
                feats, x0 = draw(cfg.chains * B, gen)
                feats, x0 = feats.reshape(cfg.chains, B, D), x0.reshape(cfg.chains, B, 2)
                resid = np.einsum("cbd,cdo->cbo", feats, W) - x0
                W = W - eta * np.einsum("cbd,cbo->cdo", feats, resid) / B
                if k >= steps // 2:
                    dW = W - W_star[None]
                    acc += np.einsum("cdo,de,ceo->c", dW, G, dW)
                    cnt += 1
            out[(B, c)] = acc / cnt
    return {"lambda_max": lam_max, "features": D, "chains": cfg.chains, "horizon": cfg.horizon,
            "step_shares": list(cfg.step_shares), "batches": list(cfg.batches), "excess": out}


# ======================================================================================= the kernel moving
def real_sgd(params, z, t, y, m, eta, n_steps, z_eval, t_eval) -> tuple[np.ndarray, list]:
    """Plain SGD (erd Eq. 40) on the actual network, one sample per step, step η, from ``params``: the outputs
    at the evaluation inputs afterwards (float64) and the parameters reached."""
    import torch

    from difftheory.toy.erd_model import mlp_forward

    leaves = [q.detach().double().clone().requires_grad_() for pair in params for q in pair]
    pairs = [(leaves[j], leaves[j + 1]) for j in range(0, len(leaves), 2)]
    zt, tt, yt = (torch.as_tensor(np.asarray(v), dtype=torch.float64) for v in (z, t, y))
    for k in range(n_steps):
        out = mlp_forward(pairs, zt[k:k + 1], tt[k:k + 1])[0]
        loss = 0.5 * float(m[k]) * ((out - yt[k]) ** 2).sum()
        grads = torch.autograd.grad(loss, leaves)
        with torch.no_grad():
            for leaf, g in zip(leaves, grads):
                leaf -= eta * g
    with torch.no_grad():
        f = mlp_forward(pairs, torch.as_tensor(z_eval, dtype=torch.float64),
                        torch.as_tensor(t_eval, dtype=torch.float64)).numpy()
    return f, [(a.detach(), b.detach()) for a, b in pairs]


def _rel_fro(A, B):
    return float(np.linalg.norm((A - B).ravel()) / np.linalg.norm(B.ravel()))


def kernel_motion(spec, params, init_params, cfg: DynamicsScale, seed: int, n_steps: int,
                  late_params=None) -> dict:
    """How far the frozen-kernel assumption (erd Eq. 53) is from the trained App. F network:
    (1) the NTK on the evaluation points at initialisation (and at ``late_params``, e.g. 80 % of training) vs after
    training (relative Frobenius change, and the top eigenvalue of Θ/n per level); (2) ``n_steps`` of plain SGD on
    the actual network from the trained parameters (same samples, allocation M ≡ 1 and step η as the sample-path
    study) against the frozen-kernel prediction (``sgd_linearized``), and the kernel's change over those steps."""
    world = world_points(spec.target, spec.schedule, cfg, seed)
    K4, f = network_kernel(params, world["z"], world["t"])
    path = world["path"]
    rows = np.arange(world["n_levels_rows"])
    eta = cfg.eta_scale / float(np.max(np.linalg.eigvalsh(K4[path, :, path, :]).max(-1)))
    K0, _ = network_kernel(init_params, world["z"][rows], world["t"][rows])
    Ke = K4[rows][:, :, rows, :]
    n, nL = cfg.n_eval, len(cfg.levels)
    top = []
    for L in range(nL):
        sl = np.arange(L * n, (L + 1) * n)
        top.append([float(np.linalg.eigvalsh(X[sl][:, :, sl, :].reshape(2 * n, 2 * n) / n)[-1]) for X in (K0, Ke)])
    late = None
    if late_params is not None:
        Kl, _ = network_kernel(late_params, world["z"][rows], world["t"][rows])
        late = _rel_fro(Ke, Kl)
    r0 = f - world["fstar"]
    xi = world["fstar"][path] - world["y"][path]
    m = np.ones(len(path))
    lin = sgd_linearized(K4, path, r0, xi, m, eta, n_steps)[-1][rows]
    f_real, p_after = real_sgd(params, world["z"][path], world["t"][path], world["y"][path], m, eta, n_steps,
                               world["z"][rows], world["t"][rows])
    real = f_real - world["fstar"][rows]
    K_after, _ = network_kernel(p_after, world["z"][rows], world["t"][rows])
    return {"training_kernel_change": _rel_fro(Ke, K0), "late_training_kernel_change": late,
            "top_eig_init_vs_trained": top, "sgd_steps": n_steps, "eta": eta,
            "real_vs_frozen": float(np.linalg.norm(real - lin) / np.linalg.norm(lin - r0[rows])),
            "segment_kernel_change": _rel_fro(K_after, Ke)}


@lru_cache(maxsize=2)
def kernel_motion_study(scale: str = "quick", seed: int = 0) -> dict:
    """``kernel_motion`` for every global App. F model; the initial parameters are rebuilt exactly as
    ``erd_train`` draws them (``_init_seed``, ``init_mlp``); the late-training kernel is the models' 80 %
    checkpoint where ``global_models`` keeps one."""
    import torch

    from difftheory.threads import single_thread
    from difftheory.toy.erd_experiments import get_scale, global_models
    from difftheory.toy.erd_model import init_mlp
    from difftheory.toy.erd_train import _init_seed

    cfg = get_dynamics_scale(scale)
    gm = global_models(scale, seed)
    tc = gm.get("config") or get_scale(scale).train
    ck = gm.get("params_checkpoint")
    out = []
    with single_thread():
        for m, spec in enumerate(gm["specs"]):
            params = [(W[m], b[m]) for W, b in gm["params"]]
            late = None if ck is None else [(W[m], b[m]) for W, b in ck]
            init = init_mlp(tc.width, tc.depth, generator=torch.Generator().manual_seed(_init_seed(spec, seed)))
            out.append({"target": spec.target, "schedule": spec.schedule,
                        **kernel_motion(spec, params, init, cfg, seed + 101 + m, cfg.c3_k0 * 2, late)})
    return {"models": out, "checkpoint_iteration": gm.get("checkpoint_iteration"),
            "iterations": getattr(tc, "iterations", None)}
