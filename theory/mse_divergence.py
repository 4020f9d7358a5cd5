"""KL weights of the generator and the diffusion rate (mse §4–§5): derivations (SymPy) and numeric twins.

Time convention: t ∈ (0, 1), 0 = noise, 1 = data (α increasing); s = t − Δt precedes t on the
generation grid. Notation: ρ̊ = α/σ (the schedule's SNR), ρ the diffusion schedule (only ρ_s/ρ_t
matters), λ' = (log ρ)' the diffusion rate, λ̊' = (log ρ̊)', S_t the parameterization,
η_st = √(1 − ρ_s²/ρ_t²), γ_st = ρ̊_t²/ρ̊_s².

Derivations return SymPy objects; the claims compare them with the printed statements."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp
from scipy import optimize

from difftheory.theory.mse_parameterizations import dlam_over_S2
from difftheory.theory.mse_schedules_symbolic import check_time
from difftheory.theory.schedules import mse_schedule
from difftheory.validate import check_float

# ---------------------------------------------------------------- symbolic derivations


@lru_cache(maxsize=1)
def derive_step_kl():
    """One-step KL (mse Eqs. 16–17) from the oracle (9) and the generator (10).

    Returns (w, printed_w, symbols): w is the derived weight with KL = w·(ε̂_s − ε_s)² per coordinate."""
    rs, rt, hs, ht, at, as_, st, ss = sp.symbols("rho_s rho_t rhoring_s rhoring_t alpha_t alpha_s sigma_t sigma_s",
                                                 positive=True)
    X, e, ehat, zs = sp.symbols("X epsilon_s epsilonhat_s z_s")
    # oracle (9): (ρ_t/σ_t) Z_t = (ρ_s/σ_s) Z_s + (r_t − r_s) X + √(ρ_t² − ρ_s²) ξ_s,  r = ρ ρ̊
    mean = st / rt * (rs / ss * zs + (rt * ht - rs * hs) * X)
    var = (st / rt) ** 2 * (rt**2 - rs**2)
    # the generator replaces X by X̂_s; with z_s = α_s X + σ_s ε_s and X̂_s = z_s/α_s − ε̂_s/ρ̊_s:
    mean_hat = mean.subs(X, zs / as_ - ehat / hs)
    kl = ((mean - mean_hat) ** 2 / (2 * var)).subs(zs, as_ * X + ss * e).subs(ss, as_ / hs)
    kl = sp.simplify(kl.subs(X, zs / as_ - e / hs))  # X in terms of z_s and the true ε_s
    w = sp.simplify(kl / (ehat - e) ** 2)
    printed = (ht / rs - rs / rt) ** 2 / (2 * (1 - rs**2 / rt**2))  # as printed in mse Eq. (17)
    return w, printed, dict(rho_s=rs, rho_t=rt, rhoring_s=hs, rhoring_t=ht)


def derive_w_eta():
    """w^N as a function of η = √(1 − ρ_s²/ρ_t²) and γ = ρ̊_t²/ρ̊_s² (mse §5 Discrete time).

    Returns (w_eta derived, printed, η̊ = argmin derived, min value, η, γ)."""
    eta, g1 = sp.symbols("eta gamma_minus_1", positive=True)
    gamma = 1 + g1  # γ > 1 since ρ̊ increases
    w, _, s = derive_step_kl()
    # ρ_s/ρ_t = √(1 − η²), ρ̊_t/ρ̊_s = √γ
    w_eta = sp.simplify(w.subs(s["rho_s"], s["rho_t"] * sp.sqrt(1 - eta**2)).subs(s["rhoring_t"], s["rhoring_s"] * sp.sqrt(gamma)))
    printed = (sp.sqrt(gamma) - sp.sqrt(1 - eta**2)) ** 2 / eta**2
    c = sp.Symbol("c", positive=True)  # c = √(1 − η²) ∈ (0, 1)
    f = (sp.sqrt(gamma) - c) ** 2 / (2 * (1 - c**2))
    crit = [r for r in sp.solve(sp.diff(f, c), c) if r != sp.sqrt(gamma)]
    c_star = crit[0]
    eta_ring = sp.sqrt(1 - c_star**2)
    return w_eta, printed, sp.simplify(eta_ring), sp.simplify(f.subs(c, c_star)), eta, gamma


def derive_eta_mse():
    """Discrete coherence w^N(η) = M S² (M absorbing Δt): both roots in η, the one ≤ η̊, and the M that
    makes it real (mse §5 Discrete time)."""
    eta, gamma, a = sp.symbols("eta gamma a", positive=True)  # a = 2 M S_t²
    # (√γ − √(1 − η²))² = a η²  ⇔  √(1 − η²) = √γ − √a η  (the side with √γ ≥ 1 ≥ √(1 − η²))
    quad = sp.expand((sp.sqrt(gamma) - sp.sqrt(a) * eta) ** 2 - (1 - eta**2))
    roots = sp.solve(quad, eta)
    printed = (gamma - 1) / (sp.sqrt(a * gamma) + sp.sqrt(a + 1 - gamma))
    disc = sp.discriminant(quad, eta)
    return roots, printed, sp.factor(disc), eta, gamma, a


def derive_chi2_form():
    """(λ' + λ̊')²/(4λ') − [λ̊' + χ²(λ', λ̊')/4]  (mse Eq. 24); simplifies to 0."""
    l, lr = sp.symbols("lambda_p lambdaring_p", positive=True)
    return sp.simplify((l + lr) ** 2 / (4 * l) - (lr + (l - lr) ** 2 / l / 4))


def derive_penalized_optimum():
    """argmin over λ' > 0 of the penalized weight λ̊' + (χ² + c λ')/4 (mse Eqs. 25–26)."""
    l, lr, c = sp.symbols("lambda_p lambdaring_p c", positive=True)
    weight = lr + ((l - lr) ** 2 / l + c * l) / 4
    sols = [s for s in sp.solve(sp.diff(weight, l), l) if s.is_positive is not False]
    second = sp.simplify(sp.diff(weight, l, 2).subs(l, sols[0]))
    return sols, second, weight, (l, lr, c)


def derive_prop3():
    """Coherence (28) ⇔ equal integrands (λ' + λ̊')²/(4λ') = M S² (mse Eq. 42): both roots, their product,
    and the penalty constants c_± of Eq. (26) they correspond to."""
    l, lr, s2 = sp.symbols("lambda_p lambdaring_p MS2", positive=True)  # MS2 = M S_t²
    roots = sp.solve(sp.Eq((l + lr) ** 2 / (4 * l), s2), l)
    minus = (sp.sqrt(s2) - sp.sqrt(s2 - lr)) ** 2
    plus = (sp.sqrt(s2) + sp.sqrt(s2 - lr)) ** 2
    product = sp.simplify(sp.expand(minus * plus))
    c_minus = (lr / minus) ** 2 - 1
    c_plus = (lr / plus) ** 2 - 1
    return dict(roots=roots, minus=minus, plus=plus, product=product, c_minus=c_minus, c_plus=c_plus,
                symbols=(l, lr, s2))


def derive_example(t=None, tmax=None):
    """Logis + Vel (mse §5 Example): λ̊', S, M, λ̌' and the printed compact form (SymPy)."""
    t = t or sp.Symbol("t", positive=True)
    tmax = tmax or sp.Symbol("t_max", positive=True)
    from difftheory.theory.mse_parameterizations import derive_S
    from difftheory.theory.mse_schedules_symbolic import T, derive_dlam

    dlam = derive_dlam("logis").subs(T, t)
    S = sp.simplify(derive_S("vel", "logis").subs(T, t))
    ratio = sp.simplify(dlam / S**2)  # increasing in t ⇒ max at t_max
    M = ratio.subs(t, tmax)
    rate = (sp.sqrt(M) * sp.Abs(S) - sp.sqrt(M * S**2 - dlam)) ** 2  # Eq. (30) as derived in derive_prop3
    g = sp.sqrt((tmax - t) / (tmax * (1 - t)))
    compact = -sp.log(t / (1 - t)) - sp.log((1 + g) / (1 - g)) + 2 * tmax / (1 - tmax) * (1 - t) / t * (g - 1)
    printed_rate = (sp.sqrt(tmax / (1 - tmax)) - sp.sqrt(tmax / (1 - tmax) - t / (1 - t))) ** 2 / t**2
    return dict(dlam=dlam, S=S, ratio=ratio, M=M, rate=rate, printed_rate=printed_rate, compact=compact, t=t, tmax=tmax)


# ---------------------------------------------------------------- numeric twins


def w_step(rhoring_s, rhoring_t, rho_ratio):
    """w^N_s = (ρ̊_t/ρ̊_s − ρ_s/ρ_t)² / (2(1 − ρ_s²/ρ_t²)), ``rho_ratio`` = ρ_s/ρ_t  # mse Eq. (17), corrected"""
    q = np.asarray(rho_ratio, float)
    return (np.asarray(rhoring_t) / np.asarray(rhoring_s) - q) ** 2 / (2 * (1 - q * q))


def w_eta(eta, gamma):
    """w^N(η) = (√γ − √(1 − η²))² / (2η²)  # mse §5 Discrete time (with the 1/2 of Eq. 17)"""
    eta = np.asarray(eta, float)
    return (np.sqrt(gamma) - np.sqrt(1 - eta * eta)) ** 2 / (2 * eta * eta)


def kl_weight(dlam_diff, dlam):
    """w̄_t = (λ'_t + λ̊'_t)² / (4λ'_t)  # mse Eq. (23)"""
    return (dlam_diff + dlam) ** 2 / (4 * dlam_diff)


def chi2(dlam_diff, dlam):
    """χ²(λ', λ̊') = (λ' − λ̊')²/λ'  # mse Eq. (24)"""
    return (dlam_diff - dlam) ** 2 / dlam_diff


def penalized_rate(dlam, c):
    """λ'_{c,t} = λ̊'_t / √(1 + c_t)  # mse Eq. (26)"""
    return dlam / np.sqrt(1 + np.asarray(c, float))


def mse_rate(dlam, S2, M):
    """λ̌'_t = (√M S_t − √(M S_t² − λ̊'_t))²  # mse Eq. (30), as derived (√M·S_t, not √(M S_t))

    Evaluated as λ̊'² / (√(MS²) + √(MS² − λ̊'))² (the same number, no cancellation). Needs MS² ≥ λ̊'."""
    a = M * np.asarray(S2, float)
    gap = a - dlam
    if np.any(gap < -1e-9 * np.maximum(a, 1e-300)):
        raise ValueError("M must satisfy M S_t² >= λ̊'_t on the whole interval (M >= max λ̊'/S², mse Eq. 29)")
    return dlam**2 / (np.sqrt(a) + np.sqrt(np.maximum(gap, 0.0))) ** 2


def mse_M(param: str, schedule, t0: float, tmax: float, n: int = 4097) -> tuple[float, float]:
    """M = max_{t∈[t0, tmax]} λ̊'_t/S_t² (mse Eq. 29) and its argmax: dense grid, then bounded refinement."""
    t0, tmax = check_interval(t0, tmax)
    ts = np.linspace(t0, tmax, n)
    r = dlam_over_S2(param, schedule, ts)
    if not np.all(np.isfinite(r)) or np.any(r <= 0):
        raise ValueError(f"λ̊'/S² of ({mse_schedule(schedule).name}, {param}) is not finite and positive on "
                         f"[{t0:g}, {tmax:g}]; this pair is not defined there")
    i = int(np.argmax(r))
    lo, hi = ts[max(i - 1, 0)], ts[min(i + 1, n - 1)]
    if hi > lo:
        res = optimize.minimize_scalar(lambda t: -float(dlam_over_S2(param, schedule, t)), bounds=(lo, hi),
                                       method="bounded", options={"xatol": 1e-13})
        if -res.fun > r[i]:
            return float(-res.fun), float(res.x)
    return float(r[i]), float(ts[i])


def eta_ml(gamma):
    """η̊_st = √(1 − 1/γ_st) = argmin_η w^N(η) (the ML / DDPM step)  # mse §5 Discrete time"""
    return np.sqrt(1 - 1 / np.asarray(gamma, float))


def M_discrete(gamma, S2_t):
    """M = max over the grid of (γ_st − 1)/(2S_t²)  # mse §5 Discrete time"""
    return float(np.max((np.asarray(gamma) - 1) / (2 * np.asarray(S2_t))))


def eta_mse(gamma, S2_t, M):
    """η̌_st = (γ − 1) / (√(2MS²γ) + √(2MS² + 1 − γ))  # mse §5 Discrete time (root ≤ η̊ of w^N(η) = M S²)"""
    a = 2 * M * np.asarray(S2_t, float)
    g = np.asarray(gamma, float)
    return (g - 1) / (np.sqrt(a * g) + np.sqrt(np.maximum(a + 1 - g, 0.0)))


def discrete_etas(dlam_steps, s2dt) -> tuple[np.ndarray, np.ndarray, float]:
    """Exact discrete step sizes of the ML- and the MSE-diffusion on a grid  # mse §5 Discrete time

    ``dlam_steps``: Δλ̊_i = λ̊_{t_i} − λ̊_{s_i} > 0 per step (γ_i = e^{2Δλ̊_i} = ρ̊_t²/ρ̊_s²); ``s2dt``: the per-step
    MSE weight S_{t_i}²Δt_i (on a uniform grid Δt cancels into M, giving the printed forms). Returns
    (η̊, η̌, M) with η̊ = √(1 − 1/γ), M = max_i (γ_i − 1)/(2 S_i²Δt_i) and η̌ the printed
    (γ − 1)/(√(2MS²γ) + √(2MS² + 1 − γ)), evaluated as η̊/(√r + √((r − 1)/γ)) with r_i = M/m_i ≥ 1,
    m_i = (γ_i − 1)/(2S_i²Δt_i) (the same number without cancellation; γ itself is never formed)."""
    dl = np.asarray(dlam_steps, float)
    s2dt = np.asarray(s2dt, float)
    if dl.ndim != 1 or dl.size == 0 or np.any(~(dl > 0)) or s2dt.shape != dl.shape or np.any(~(s2dt > 0)):
        raise ValueError("dlam_steps and s2dt must be equal-length 1-D arrays of positive numbers")
    eta_ring = np.sqrt(-np.expm1(-2 * dl))  # √(1 − 1/γ)
    m = np.expm1(2 * dl) / (2 * s2dt)  # (γ − 1)/(2 S² Δt)
    M = float(np.max(m))
    r = M / m
    eta_check = eta_ring / (np.sqrt(r) + np.sqrt((r - 1) * np.exp(-2 * dl)))
    return eta_ring, eta_check, M


def check_interval(t0, tmax) -> tuple[float, float]:
    """0 < t0 < tmax < 1 (mse §3: generation runs on [t0, tmax] ⊂ (0, 1))."""
    t0 = check_float("t0", t0, 0.0, 1.0, lo_open=True, hi_open=True)
    tmax = check_float("tmax", tmax, 0.0, 1.0, lo_open=True, hi_open=True)
    if not t0 < tmax:
        raise ValueError(f"t0 must be < tmax (both in (0, 1)), got t0={t0:g}, tmax={tmax:g}")
    return t0, tmax


def coherence_residual(param: str, schedule, t, M):
    """(λ̌' + λ̊')²/(4λ̌') − M S² along t: zero iff the rate (30) is coherent with MSE (mse Eq. 42)."""
    sch = mse_schedule(schedule)
    t = check_time(t)
    d = sch.dlam(t)
    s2 = d / dlam_over_S2(param, sch, t)
    lam_c = mse_rate(d, s2, M)
    return kl_weight(lam_c, d) / (M * s2) - 1.0


# ---------------------------------------------------------------- Prop. 1 and Prop. 2 checks


def path_kl_gaussian(rhoring, etas, k, v: float) -> float:
    """E_{Z_{t0},X} KL[p^N(·|Z_{t0},X) ‖ p̂^N(·|Z_{t0})] for 1-D X ~ N(0, v) and a linear denoiser
    X̂_{t_i}(y) = k_i y, computed from the joint Gaussian laws of the whole path (not the chain rule).

    ``rhoring`` = ρ̊ on the grid t_0..t_N (increasing), ``etas`` the N step η's (> 0), ``k`` the N gains at
    t_0..t_{N−1}. Oracle (8) and generator (10) in Y units (the KL is invariant to the scaling Z = αY)."""
    h = np.asarray(rhoring, float)
    eta = np.asarray(etas, float)
    k = np.asarray(k, float)
    n = len(eta)
    q = np.sqrt(1 - eta**2) * h[:-1] / h[1:]  # r_s/r_t
    beta = eta / h[1:]
    A = np.eye(n) - np.diag(q[1:], -1)  # oracle: y_i − q_i y_{i−1} = (1 − q_i) x + β_i ξ_i (+ q_1 y_0)
    a = q + (1 - q) * k  # generator: y_i = (q_i + (1 − q_i) k_{i−1}) y_{i−1} + β_i ξ_i
    Ah = np.eye(n) - np.diag(a[1:], -1)
    D2 = np.diag(beta**2)
    Ainv, Ahinv = np.linalg.inv(A), np.linalg.inv(Ah)
    cov, cov_h = Ainv @ D2 @ Ainv.T, Ahinv @ D2 @ Ahinv.T
    # means are linear in (y0, x): m = Ainv B c, m̂ = Âinv B̂ c with c = (y0, x)
    B = np.zeros((n, 2))
    B[0, 0], B[:, 1] = q[0], 1 - q
    Bh = np.zeros((n, 2))
    Bh[0, 0] = a[0]
    G = Ahinv @ Bh - Ainv @ B
    C = np.array([[v + h[0] ** -2, v], [v, v]])  # Cov(Y_{t0}, X) under the oracle
    P = np.linalg.inv(cov_h)
    # log det terms cancel: both covariances are unit-triangular transforms of diag(β²)
    return float(0.5 * (np.trace(P @ cov) - n + np.trace(G.T @ P @ G @ C)))


def prop1_sum(rhoring, etas, k, v: float) -> float:
    """Σ_i w^N_{t_i} E‖ε̂_{t_i} − ε‖² for the setting of ``path_kl_gaussian``  # mse Prop. 1 (21)

    ε̂ − ε = ρ̊(X − k Y) with Y = X + ε/ρ̊ ⇒ E(ε̂ − ε)² = ρ̊²[(1 − k)² v + k² ρ̊⁻²]."""
    h = np.asarray(rhoring, float)
    eta = np.asarray(etas, float)
    k = np.asarray(k, float)
    w = w_step(h[:-1], h[1:], np.sqrt(1 - eta**2))
    err = h[:-1] ** 2 * ((1 - k) ** 2 * v + k**2 * h[:-1] ** -2)
    return float(np.sum(w * err))


def prop2_gap(schedule, t0: float, t1: float, kappa: float, n: int) -> tuple[float, float]:
    """(L^N, L) for a constant denoising error E‖ε̂ − ε‖² = 1 and the rate λ' = κ λ̊' on [t0, t1]:
    L^N = Σ w^N (Prop. 1, uniform grid of n steps) and L = (1 + κ)²/(4κ) (λ̊_{t1} − λ̊_{t0}) (Eq. 23 in
    closed form)  # mse Prop. 2"""
    sch = mse_schedule(schedule)
    lam = sch.lam(np.linspace(t0, t1, n + 1))
    d = np.diff(lam)
    w = w_step(1.0, np.exp(d), np.exp(-kappa * d))
    return float(np.sum(w)), float((1 + kappa) ** 2 / (4 * kappa) * (lam[-1] - lam[0]))


# ---------------------------------------------------------------- §4.1 Eqs. (18)–(19): KL decompositions (Gaussian)


def gaussian_kl(m1, C1, m2, C2) -> float:
    """D[N(m1, C1) ‖ N(m2, C2)] (full covariances, Cholesky log-determinants)."""
    m1, m2 = np.atleast_1d(np.asarray(m1, float)), np.atleast_1d(np.asarray(m2, float))
    C1, C2 = np.atleast_2d(np.asarray(C1, float)), np.atleast_2d(np.asarray(C2, float))
    L1, L2 = np.linalg.cholesky(C1), np.linalg.cholesky(C2)
    P2 = np.linalg.inv(C2)
    d = m2 - m1
    logdet = 2 * (np.sum(np.log(np.diag(L2))) - np.sum(np.log(np.diag(L1))))
    return float(0.5 * (np.trace(P2 @ C1) - len(m1) + d @ P2 @ d + logdet))


def kl_variance_ratio(x):
    """D[N(0, (1 + x)c) ‖ N(0, c)] = (x − log(1 + x))/2 for x > −1 and any c > 0; a series below |x| = 1e-3 (no
    cancellation). With c = ρ̊⁻², x = vρ̊² it is the gap between the oracle's Y_t ~ N(0, v + ρ̊⁻²) and the generator's
    start ρ̊⁻¹ε; with c = v, x = ρ̊⁻²/v the gap between Y_t and X ~ N(0, v) (mse §3, generation interval)."""
    x = np.asarray(x, float)
    if np.any(~(x > -1)):
        raise ValueError(f"x must be > -1, got {x.min()!r}")
    small = np.abs(x) < 1e-3
    xs = np.where(small, x, 0.0)
    series = xs**2 / 4 - xs**3 / 6 + xs**4 / 8
    return np.where(small, series, 0.5 * (x - np.log1p(np.where(small, 0.0, x))))


def _cond(S, a, b):
    """Gaussian conditioning of a zero-mean joint with covariance ``S``: coefficient matrix G and covariance
    of u[a] given u[b] (E[u_a | u_b] = G u_b)."""
    Sab, Sbb = S[np.ix_(a, b)], S[np.ix_(b, b)]
    G = Sab @ np.linalg.inv(Sbb)
    return G, S[np.ix_(a, a)] - G @ Sab.T


def _expected_cond_kl(G1, C1, G2, C2, Sbb) -> float:
    """E_b D[N(G1 b, C1) ‖ N(G2 b, C2)] for b ~ N(0, Sbb)."""
    P2 = np.linalg.inv(C2)
    D = G1 - G2
    logdet = np.linalg.slogdet(C2)[1] - np.linalg.slogdet(C1)[1]
    return float(0.5 * (np.trace(P2 @ C1) - C1.shape[0] + logdet + np.trace(D.T @ P2 @ D @ Sbb)))


def kl_decompositions(rhoring, etas, k, v: float, recon_gain: float, recon_var: float) -> dict:
    """Both sides of mse Eqs. (18) and (19) for 1-D X ~ N(0, v), the oracle (8) and the generator (10) with a
    linear denoiser X̂_{t_i}(y) = k_i y on the grid with ρ̊ = ``rhoring`` (t_0..t_N) and step sizes ``etas``, and a
    Gaussian reconstruction p̄_t(x | y_N) = N(recon_gain·y_N, recon_var). Y units (Z = αY is a bijection per
    time, so every KL is the same in Z).

    The joints over u = (y_0, …, y_N, x) (mse §4.1): p = p^N(y_{1:N} | y_0, x) p_{t0}(y_0 | x) p_x(x) and
    p̂ = p̂^N(y_{1:N} | y_0) p_{t0}(y_0) p̄_t(x | y_N), p_{t0}(y_0) the oracle's marginal. Every term is computed
    separately from the joint covariances (no chain rule is assumed):
    ``joint`` = D[p ‖ p̂]; ``x_marginal`` = D[p_x ‖ p̂^N_x]; ``path_given_x`` = E_X D[p(y_{0:N} | X) ‖ p̂(y_{0:N} | X)];
    ``diffusion_loss`` = L̂^N (``path_kl_gaussian``); ``bias`` = B̄ = E_p log[p_{t0,x}(Y_0, X)/(p_{t0}(Y_0) p̄(X | Y_N))];
    ``bias_closed_form`` the same B̄ as E KL(p(x | y_N) ‖ p̄(x | y_N)) − [I(x; y_N) − I(x; y_0)] (a twin);
    ``bias_as_divergence`` = E_{y_N} D[p_{t0,x} ‖ p_{t0} p̄(· | y_N)] ≥ 0 (B̄ read as a divergence of (20));
    ``joint_prior_start`` = the joint KL when p̂ starts at ρ̊_{t0}⁻¹ε as (10) does, ``start_term`` = D[p_{t0} ‖
    N(0, ρ̊_{t0}⁻²)] (so joint_prior_start = joint + start_term);
    ``cond_twin_gap``: p(y_{0:N} | x) from the joint covariance vs from the oracle's own recursion (ours, ≈ 0)."""
    h = np.asarray(rhoring, float)
    eta = np.asarray(etas, float)
    k = np.asarray(k, float)
    n = len(eta)
    if h.shape != (n + 1,) or k.shape != (n,) or np.any(~(eta > 0)) or np.any(~(eta < 1)):
        raise ValueError(f"rhoring needs N + 1 points and k N for N = {n} etas in (0, 1); got rhoring {h.shape}, "
                         f"k {k.shape}, etas in [{eta.min() if n else None}, {eta.max() if n else None}]")
    v = check_float("v", v, 0.0, None, lo_open=True)
    recon_var = check_float("recon_var", recon_var, 0.0, None, lo_open=True)
    recon_gain = check_float("recon_gain", recon_gain)
    q = np.sqrt(1 - eta**2) * h[:-1] / h[1:]
    beta = eta / h[1:]
    m = n + 2  # u = (y_0..y_N, x), x last
    ix = m - 1

    def sem(L, D):  # u = L u + D w, w ~ N(0, I): Cov u = A D Dᵀ Aᵀ with A = (I − L)⁻¹
        A = np.linalg.inv(np.eye(m) - L)
        return A @ np.diag(D**2) @ A.T

    L, D = np.zeros((m, m)), np.zeros(m)  # oracle joint
    D[ix] = np.sqrt(v)
    L[0, ix], D[0] = 1.0, 1 / h[0]  # y_0 = x + ρ̊_0⁻¹ ε
    for i in range(1, n + 1):
        L[i, i - 1], L[i, ix], D[i] = q[i - 1], 1 - q[i - 1], beta[i - 1]  # Eq. (8)
    S = sem(L, D)
    Lh, Dh = np.zeros((m, m)), np.zeros(m)  # generator joint: y_0 ~ p_{t0}, steps (10), x ~ p̄(· | y_N)
    Dh[0] = np.sqrt(v + h[0] ** -2)
    for i in range(1, n + 1):
        Lh[i, i - 1], Dh[i] = q[i - 1] + (1 - q[i - 1]) * k[i - 1], beta[i - 1]
    Lh[ix, n], Dh[ix] = recon_gain, np.sqrt(recon_var)
    Sh = sem(Lh, Dh)
    zero = np.zeros(m)
    out = {"joint": gaussian_kl(zero, S, zero, Sh)}
    out["x_marginal"] = gaussian_kl([0.0], S[ix:, ix:], [0.0], Sh[ix:, ix:])
    ys = list(range(n + 1))
    G1, C1 = _cond(S, ys, [ix])
    G2, C2 = _cond(Sh, ys, [ix])
    out["path_given_x"] = _expected_cond_kl(G1, C1, G2, C2, S[ix:, ix:])
    # the oracle's p(y | x) from its own recursion: y = A (e_x x + D ξ) restricted to y
    A = np.linalg.inv(np.eye(m) - L)
    G_rec = A[:n + 1, ix:ix + 1]  # E[y | x] = A[y, x]·x: u = A D w and x = D_x w_x
    C_rec = A[:n + 1, :n + 1] @ np.diag(D[:n + 1] ** 2) @ A[:n + 1, :n + 1].T
    out["cond_twin_gap"] = float(max(np.max(np.abs(G_rec - G1)), np.max(np.abs(C_rec - C1)) / np.max(np.abs(C1))))
    out["diffusion_loss"] = path_kl_gaussian(h, eta, k, v)
    # B̄ = E_p[log p(y_0, x) − log p_{t0}(y_0) − log p̄(x | y_N)], each a Gaussian log density under p's moments
    S0x = S[np.ix_([0, ix], [0, ix])]
    e_log_joint = -0.5 * (2 * np.log(2 * np.pi) + np.linalg.slogdet(S0x)[1] + 2)
    v0 = v + h[0] ** -2
    e_log_start = -0.5 * (np.log(2 * np.pi * v0) + S[0, 0] / v0)
    resid2 = S[ix, ix] - 2 * recon_gain * S[ix, n] + recon_gain**2 * S[n, n]  # E (x − c y_N)²
    e_log_recon = -0.5 * np.log(2 * np.pi * recon_var) - resid2 / (2 * recon_var)
    out["bias"] = float(e_log_joint - e_log_start - e_log_recon)
    # B̄ in closed form (a second computation): E KL(p(x | y_N) ‖ p̄(x | y_N)) − [I(x; y_N) − I(x; y_0)] under the oracle,
    # negative whenever y_N tells more about x than y_0 does and p̄ is close to the posterior
    post_gain = S[ix, n] / S[n, n]
    post_var = S[ix, ix] - post_gain * S[ix, n]
    r = post_var / recon_var
    e_kl_post = 0.5 * (r - 1 - np.log(r) + (post_gain - recon_gain) ** 2 * S[n, n] / recon_var)
    mutual = lambda j: -0.5 * np.log1p(-S[ix, j] ** 2 / (S[ix, ix] * S[j, j]))  # noqa: E731  I(x; y_j), Gaussian
    out["bias_closed_form"] = float(e_kl_post - (mutual(n) - mutual(0)))
    # B̄ read as a divergence (≥ 0): E_{y_N} D[p_{t0,x} ‖ p_{t0}(·) p̄(· | y_N)], (y_0, x) ~ p_{t0,x} independent of y_N
    resid2_indep = S[ix, ix] + recon_gain**2 * S[n, n]  # E (x − c y_N)² with x independent of y_N
    out["bias_as_divergence"] = float(e_log_joint - e_log_start + 0.5 * np.log(2 * np.pi * recon_var)
                                      + resid2_indep / (2 * recon_var))
    # the generator as (10) prints it starts at ρ̊_{t0}⁻¹ε ~ N(0, ρ̊_{t0}⁻²), not at the oracle marginal p_{t0}: its joint
    # KL and the start term D[p_{t0} ‖ N(0, ρ̊_{t0}⁻²)] that §4.1's accounting leaves out
    Dh0 = Dh.copy()
    Dh0[0] = 1 / h[0]
    out["joint_prior_start"] = gaussian_kl(zero, S, zero, sem(Lh, Dh0))
    out["start_term"] = float(kl_variance_ratio(v * h[0] ** 2))
    return out


# ---------------------------------------------------------------- §6: REPA's rate λ' = 1/(2t) on Logis


def derive_repa():
    """REPA(Logis) (mse §6): λ'_t = 1/(2t) against the Logis λ̊'_t = 1/(t(1 − t)) — the ratio λ'/λ̊', its limits
    at t → 0⁺, 1⁻, the exact step η² = 1 − exp(−2∫_s^t λ') and the penalty c_t of Eq. (26) that gives this rate."""
    t, s = sp.symbols("t s", positive=True)
    tau = sp.Symbol("tau", positive=True)
    rate = 1 / (2 * t)
    dlam = 1 / (t * (1 - t))
    ratio = sp.simplify(rate / dlam)
    eta2 = sp.simplify(1 - sp.exp(-2 * sp.integrate(rate.subs(t, tau), (tau, s, t))))
    c = sp.simplify((dlam / rate) ** 2 - 1)
    return {"ratio": ratio, "ratio_at_0": sp.limit(ratio, t, 0, "+"), "ratio_at_1": sp.limit(ratio, t, 1, "-"),
            "d_ratio_dt": sp.simplify(sp.diff(ratio, t)), "eta2": eta2, "penalty_c": c, "t": t, "s": s}


def eta_repa(grid):
    """η_st = √(1 − s/t) per step of ``grid``: the exact step of λ'_t = 1/(2t) (REPA's rate, mse §6)."""
    g = np.asarray(grid, float)
    if g.ndim != 1 or g.size < 2 or np.any(~(np.diff(g) > 0)) or g[0] <= 0:
        raise ValueError("grid must be an increasing 1-D array of times in (0, 1) with at least 2 points")
    return np.sqrt(1 - g[:-1] / g[1:])
