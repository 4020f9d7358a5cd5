"""Theory of kdiff's time-binned target k(t) (§4, App. E, Table 3, Fig. 5) in the linear model.

The target is φ(t) = k(t), ψ(t) = −(1 − k(t)), with k(t) the linear interpolation of N + 1 end values on N
equal bins of t (the paper's parameterisation, ``KTarget`` mode ``binned``: basis ``hat``) or constant k_b on
bin b (basis ``step``). Thm 3.1 (Eqs. 11–12) holds unchanged for any φ(t), ψ(t): W* and Δ* with k(t) inside the
integrals of the effective measure D̃α = p(t) κ(t)² dt. One W is shared by all times, so the bins couple
through W*'s two coefficients c_∥ = B_∥/A_∥ and c_⊥ = B_⊥/A_⊥ (Eq. 11b).

Derived here (SymPy in ``symbolic_*``, NumPy twins below, tested against each other):

(B1) u-loss (κ = 1), any basis k(t) = Σ_j k_j h_j(t):
         ∂Δ*/∂k_j = ∫ p h_j [(D + d) k(t) − g(t)],   g(t) = d(1 + c_∥) + (D − d)(1 + c_⊥ (1 − t)),
     so the optimal profile is the p-weighted L² projection of g/(D + d) onto the basis (bins: the bin average).
(B2) g is affine in t, and hats reproduce affine functions, so for every N ≥ 1 the u-loss optimum is exactly
         k*(t) = a + b (1 − t),  a = (D + d c_∥)/(D + d),  b = (D − d) c_⊥/(D + d),
(B3) with c_⊥ = S1 (c_∥ − 1)/(2 S2) and c_∥ = (D − n S1 − e S1²/(2S2)) / (n A_∥ − d − e S1²/(2S2)),
     n = D + d, e = D − d, S1 = E[1 − t], S2 = E[(1 − t)²], A_∥ = E[t² + (1 − t)²]   (while k*(t) stays in [0, 1]).
     c_⊥ < 0 for D > d: k*(t) rises with t (ε-like at the noise end, x-like at the data end); constant at D = d.
(B4) v-loss (Alg. 1), D = d: k(t) = 1 − t with W = 0 makes Alg. 1's v̂ = (2t − 1) z / (t² + (1 − t)²), the best
     linear predictor of v = x − n at every t (the posterior mean for Gaussian x̃), so it is the global optimum of
     the linear model; its denominator t² + (1 − t)² ≥ ½ never meets the 0.05 clamp. It falls from 1 to 0.
(B5) v-loss, any D, d: k(t) = 1 − γ(1 − t) with W_⊥ = −γ(I − PPᵀ) predicts the perpendicular velocity exactly
     (the perpendicular residual vanishes at every t where the clamp is inactive). For D ≫ d the perpendicular
     modes dominate Δ*, so the optimum approaches this family: flat (γ = 0) or rising, never falling.

Elsewhere (v-loss with clamp, D ≠ d) the optimum is computed: ``optimal_profile`` minimises Δ*[k] over the end
values in [0, 1] (L-BFGS-B with the analytic gradient, several starts).

Convention: t = 0 noise, t = 1 data, α = t, σ = 1 − t (kdiff §3.3).
"""

from __future__ import annotations

import functools

import numpy as np
from scipy import optimize, special

from difftheory.theory.kdiff_optimum import check_dims
from difftheory.theory.time_densities import TimeDensity
from difftheory.theory.target_conversions import velocity_denominator
from difftheory.validate import check_choice, check_float, check_int

BASES = ("hat", "step")
BINNED_LOSSES = ("u", "v")
NODES_PER_BIN = 12  # Gauss–Legendre nodes per bin (in logit t for logit-normal), at least MIN_NODES in all
MIN_NODES = 384  # few wide bins (a logit-normal end bin spans up to 12σ in logit t) need more nodes each: with ≥ 384
# in all, Δ* of a constant profile matches theory.kdiff_optimum's adaptive integral to ≤ 1e-9 (tests/test_kdiff_binned.py)
MAX_BINS = 4096
MASS_FRAC = 0.1  # an end point "carries mass" when ∫p h_j ≥ 10 % of the average: it gets ≥ 10 % of an average gradient


# ----------------------------------------------------------------------------------------- quadrature, basis
@functools.lru_cache(maxsize=64)
def bin_quadrature(sampler: TimeDensity, n_bins: int, per_bin: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Nodes t and weights w (Σ w = 1) for E_p[f(t)], Gauss–Legendre on each bin [b/N, (b + 1)/N] separately (in
    s = logit t for logit-normal, cut at the sampler's ±12σ), so kinks of k(t) at bin ends are never inside a panel;
    ``per_bin`` defaults to max(NODES_PER_BIN, ⌈MIN_NODES / N⌉)."""
    n_bins = check_int("n_bins", n_bins, 1, MAX_BINS)
    per_bin = max(NODES_PER_BIN, -(-MIN_NODES // n_bins)) if per_bin is None else per_bin
    x, wx = np.polynomial.legendre.leggauss(check_int("per_bin", per_bin, 2, 400))
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    if sampler.name == "uniform":
        lo, hi = edges[:-1, None], edges[1:, None]
        t = lo + 0.5 * (x + 1.0) * (hi - lo)
        w = 0.5 * wx * (hi - lo) * np.ones_like(t)
        return t.ravel(), (w / w.sum()).ravel()
    s_lo, s_hi = sampler._s_range()
    with np.errstate(divide="ignore"):
        se = np.clip(special.logit(edges), s_lo, s_hi)
    lo, hi = se[:-1, None], se[1:, None]
    s = lo + 0.5 * (x + 1.0) * (hi - lo)
    w = 0.5 * wx * (hi - lo) * np.exp(-0.5 * ((s - sampler.mu) / sampler.sigma) ** 2)
    return special.expit(s).ravel(), (w / w.sum()).ravel()


def basis_matrix(t: np.ndarray, n_bins: int, basis: str = "hat") -> np.ndarray:
    """H with k(t_i) = Σ_j H_ij k_j: hats on the N + 1 bin ends (linear interpolation, as ``KTarget`` binned), or
    indicators of the N bins."""
    check_choice("basis", basis, BASES)
    t = np.asarray(t, dtype=float)
    pos = np.clip(t, 0.0, 1.0) * n_bins
    i = np.minimum(np.floor(pos).astype(int), n_bins - 1)
    rows = np.arange(t.size)
    if basis == "step":
        H = np.zeros((t.size, n_bins))
        H[rows, i] = 1.0
        return H
    frac = pos - i
    H = np.zeros((t.size, n_bins + 1))
    H[rows, i] = 1.0 - frac
    H[rows, i + 1] += frac
    return H


def n_params(n_bins: int, basis: str) -> int:
    return n_bins + 1 if basis == "hat" else n_bins


def parameter_times(n_bins: int, basis: str) -> np.ndarray:
    """Where each parameter lives: the bin ends (hat) or the bin centres (step)."""
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    return edges if basis == "hat" else 0.5 * (edges[:-1] + edges[1:])


def parameter_mass(sampler: TimeDensity, n_bins: int, basis: str = "hat") -> np.ndarray:
    """∫ p h_j: the share of the sampler's mass (and of the gradient signal) each parameter carries."""
    t, w = bin_quadrature(sampler, n_bins)
    return w @ basis_matrix(t, n_bins, basis)


# ----------------------------------------------------------------------------------------- Δ*[k(·)]  (Thm 3.1)
def _kappa_sq(k, t, loss, clamp):
    """κ² and ∂κ²/∂k at the nodes. v-loss on the k-family: κ = 1/max(k(1 − t) + (1 − k)t, clamp)  # kdiff Eq. (22), Alg. 1"""
    if loss == "u":
        return np.ones_like(t), np.zeros_like(t)
    den = velocity_denominator(t, k)
    if clamp is None:
        return den**-2.0, -2.0 * (1 - 2 * t) * den**-3.0
    active = den >= clamp
    dc = np.maximum(den, clamp)
    return dc**-2.0, np.where(active, -2.0 * (1 - 2 * t) * dc**-3.0, 0.0)


def _check(D, d, sampler, loss, clamp, n_bins, basis):
    D, d = check_dims(D, d)
    if not isinstance(sampler, TimeDensity):
        raise ValueError(f"sampler must be a TimeDensity, got {sampler!r}")
    check_choice("loss", loss, BINNED_LOSSES)
    if clamp is not None:
        clamp = check_float("clamp", clamp, 0.0, 1.0, lo_open=True, hi_open=True)
    check_int("n_bins", n_bins, 1, MAX_BINS)
    check_choice("basis", basis, BASES)
    return D, d, clamp


def profile_delta_star(theta, D, d, sampler: TimeDensity, loss: str = "v", clamp=0.05, n_bins: int = 16,
                       basis: str = "hat", grad: bool = False):
    """Δ*[k(·)] of Thm 3.1 for the profile with parameters ``theta`` (N + 1 end values for hats, N for steps):

    Δ* = ½d(C_∥ − B_∥²/A_∥) + ½(D − d)(C_⊥ − B_⊥²/A_⊥)  # kdiff Eq. (12) with φ = k(t), ψ = −(1 − k(t))
    A_∥ = ∫D̃α(α² + σ²), B_∥ = ∫D̃α(φα + ψσ), C_∥ = ∫D̃α(φ² + ψ²), A_⊥ = ∫D̃α σ², B_⊥ = ∫D̃α ψσ, C_⊥ = ∫D̃α ψ².

    Returns a dict: ``delta``, ``c_par``, ``c_perp`` (W* = c_∥PPᵀ + c_⊥(I − PPᵀ), Eq. 11b) and with ``grad`` the
    analytic gradient ∂Δ*/∂theta."""
    D, d, clamp = _check(D, d, sampler, loss, clamp, n_bins, basis)
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (n_params(n_bins, basis),) or np.any(~np.isfinite(theta)) or np.any((theta < 0) | (theta > 1)):
        raise ValueError(f"theta must be {n_params(n_bins, basis)} values in [0, 1], got shape {theta.shape}")
    t, w = bin_quadrature(sampler, n_bins)
    H = basis_matrix(t, n_bins, basis)
    k = H @ theta
    k2, dk2 = _kappa_sq(k, t, loss, clamp)
    s = 1 - t
    f = {"aa": t * t, "ss": s * s, "pa": k * t, "ps": -(1 - k) * s, "pp": k * k, "qq": (1 - k) ** 2}
    M = {n: float(np.sum(w * k2 * v)) for n, v in f.items()}
    a_par, b_par, c_par_m = M["aa"] + M["ss"], M["pa"] + M["ps"], M["pp"] + M["qq"]
    a_perp, b_perp, c_perp_m = M["ss"], M["ps"], M["qq"]
    cp, cq = b_par / a_par, b_perp / a_perp
    delta = 0.5 * d * (c_par_m - b_par * cp) + 0.5 * (D - d) * (c_perp_m - b_perp * cq)
    out = {"delta": delta, "c_par": cp, "c_perp": cq}
    if grad:
        e = D - d
        dM = {"aa": 0.5 * d * cp**2, "ss": 0.5 * d * cp**2 + 0.5 * e * cq**2, "pa": -d * cp, "ps": -d * cp - e * cq,
              "pp": 0.5 * d, "qq": 0.5 * d + 0.5 * e}
        df = {"aa": 0.0, "ss": 0.0, "pa": t, "ps": s, "pp": 2 * k, "qq": -2 * (1 - k)}
        node = sum(dM[n] * w * (dk2 * f[n] + k2 * df[n]) for n in f)
        out["grad"] = H.T @ node
    return out


def profile_values(theta, t, n_bins: int, basis: str = "hat") -> np.ndarray:
    """k(t) of the profile at times ``t``."""
    return basis_matrix(np.atleast_1d(t), n_bins, basis) @ np.asarray(theta, dtype=float)


def optimal_profile(D, d, sampler: TimeDensity, loss: str = "v", clamp=0.05, n_bins: int = 16, basis: str = "hat",
                    starts: dict | None = None) -> dict:
    """argmin over profiles in [0, 1] of Δ*[k(·)] (L-BFGS-B, analytic gradient) from several starts: constant 0.5,
    constant 1, 1 − t, t (or ``starts``: name -> theta). Returns the best: ``theta``, ``delta``, ``c_par``,
    ``c_perp``, ``proj_grad`` (largest projected-gradient entry of Δ*/D, the convergence measure) and per start its
    Δ* and distance to the best, over all end points and over those carrying mass (``MASS_FRAC``), so a reader sees
    whether the minimiser is unique where the loss determines it."""
    D, d, clamp = _check(D, d, sampler, loss, clamp, n_bins, basis)
    tp = parameter_times(n_bins, basis)
    if starts is None:
        starts = {"0.5": np.full(tp.size, 0.5), "1": np.ones(tp.size), "1-t": 1 - tp, "t": tp.copy()}
    scale = float(D)
    # Jacobi preconditioning: the curvature along θ_j scales with the mass ∫p h_j it carries (tiny at the ends of a
    # logit-normal), so optimise y_j = θ_j·sqrt(mass_j / mean mass) (same minimiser, far fewer iterations)
    mass = parameter_mass(sampler, n_bins, basis)
    pre = np.sqrt(np.maximum(mass / mass.mean(), 1e-12))

    def fun(y):
        r = profile_delta_star(np.clip(y / pre, 0, 1), D, d, sampler, loss, clamp, n_bins, basis, grad=True)
        return r["delta"] / scale, r["grad"] / pre / scale

    results = {}
    for name, th0 in starts.items():
        res = optimize.minimize(fun, np.clip(np.asarray(th0, float), 0, 1) * pre, jac=True, method="L-BFGS-B",
                                bounds=list(zip(np.zeros(tp.size), pre)),
                                options={"maxiter": 20000, "maxfun": 40000, "ftol": 1e-16, "gtol": 1e-13, "maxcor": 30})
        results[name] = np.clip(res.x / pre, 0, 1)
    vals = {n: profile_delta_star(th, D, d, sampler, loss, clamp, n_bins, basis) for n, th in results.items()}
    best = min(vals, key=lambda n: vals[n]["delta"])
    th = results[best]
    r = profile_delta_star(th, D, d, sampler, loss, clamp, n_bins, basis, grad=True)
    g = r["grad"] / scale
    proj = np.where((th <= 0) & (g > 0) | (th >= 1) & (g < 0), 0.0, g)  # KKT: at a bound only the inward part counts
    on_mass = mass >= MASS_FRAC * mass.mean()
    return {"theta": th, "delta": r["delta"], "c_par": r["c_par"], "c_perp": r["c_perp"],
            "proj_grad": float(np.max(np.abs(proj))), "best_start": best,
            "starts": {n: {"delta": v["delta"], "max_abs_diff_from_best": float(np.max(np.abs(results[n] - th))),
                           "max_abs_diff_on_mass": float(np.max(np.abs(results[n] - th)[on_mass]))}
                       for n, v in vals.items()}}


def best_constant(D, d, sampler: TimeDensity, loss: str = "v", clamp=0.05, n_bins: int = 16) -> dict:
    """The best constant k on the same quadrature (bounded Brent on [0, 1], ends checked): ``k`` and ``delta``."""
    D, d, clamp = _check(D, d, sampler, loss, clamp, n_bins, "hat")

    def f(k):
        return profile_delta_star(np.full(n_bins + 1, k), D, d, sampler, loss, clamp, n_bins)["delta"]

    grid = np.linspace(0, 1, 41)
    vals = np.array([f(k) for k in grid])
    i = int(np.argmin(vals))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    res = optimize.minimize_scalar(f, bounds=(lo, hi), method="bounded", options={"xatol": 1e-10})
    k, v = (float(res.x), float(res.fun)) if res.fun <= vals[i] else (float(grid[i]), float(vals[i]))
    return {"k": k, "delta": v}


# ----------------------------------------------------------------------------------------- closed forms (twins)
def u_loss_optimum(D, d, sampler: TimeDensity) -> dict:
    """(B2)–(B3): the u-loss optimum k*(t) = a + b(1 − t) and W*'s (c_∥, c_⊥), from the sampler's moments S1 = E[1 − t],
    S2 = E[(1 − t)²], A_∥ = E[t² + (1 − t)²]. ``inside`` says whether k*(t) stays in [0, 1] on (0, 1) (else the
    box-constrained optimum differs and only ``optimal_profile`` gives it)."""
    D, d = check_dims(D, d)
    S1, S2 = (float(v) for v in sampler.expect(lambda t: np.stack([1 - t, (1 - t) ** 2], axis=-1)))
    A_par = 1 - 2 * S1 + 2 * S2
    n, e = D + d, D - d
    r = e * S1**2 / (2 * S2)
    c_par = (D - n * S1 - r) / (n * A_par - d - r)
    c_perp = S1 * (c_par - 1) / (2 * S2)
    a, b = (D + d * c_par) / n, e * c_perp / n
    ends = (a + b, a)  # k*(0), k*(1)
    return {"a": a, "b": b, "c_par": c_par, "c_perp": c_perp, "k_at_0": ends[0], "k_at_1": ends[1],
            "inside": bool(min(ends) >= 0 and max(ends) <= 1), "S1": S1, "S2": S2, "A_par": A_par}


def dense_v_optimum(t) -> np.ndarray:
    """(B4): k(t) = 1 − t, the v-loss optimum at D = d (with W = 0)."""
    return 1 - np.asarray(t, dtype=float)


def perp_exact_family_fit(theta, n_bins: int, basis: str, mask=None) -> dict:
    """(B5): the best fit of k(t) = 1 − γ(1 − t) (γ ∈ [0, 1]) to a profile, by least squares over the parameter
    times (``mask`` selects them); returns γ and the largest deviation."""
    tp = parameter_times(n_bins, basis)
    th = np.asarray(theta, dtype=float)
    m = np.ones(tp.size, bool) if mask is None else np.asarray(mask, bool)
    s = 1 - tp[m]
    gamma = float(np.clip(np.sum(s * (1 - th[m])) / max(np.sum(s * s), 1e-300), 0.0, 1.0))
    return {"gamma": gamma, "max_dev": float(np.max(np.abs(th[m] - (1 - gamma * s))))}


# ----------------------------------------------------------------------------------------- SymPy derivations
def symbolic_stationarity_step(n_bins: int = 3) -> dict:
    """(B1) with the step basis, derived: Δ* of Eq. (12) with symbolic bin masses w_b, first moments s_b = ∫_b p(1 − t)
    and global A_∥, A_⊥ (κ = 1); checks ∂Δ*/∂k_b = w_b(D + d)k_b − [d(1 + c_∥)w_b + (D − d)(w_b + c_⊥ s_b)]."""
    import sympy as sp

    D, d, Ap, Aq = sp.symbols("D d A_par A_perp", positive=True)
    k = sp.symbols(f"k0:{n_bins}", real=True)
    w = sp.symbols(f"w0:{n_bins}", positive=True)
    s = sp.symbols(f"s0:{n_bins}", positive=True)
    # u = k x − (1 − k) n on bin b: φα + ψσ = k_b t − (1 − k_b)(1 − t) = k_b − (1 − t)
    B_par = sum(kb * wb - sb for kb, wb, sb in zip(k, w, s))
    C_par = sum(wb * (kb**2 + (1 - kb) ** 2) for kb, wb in zip(k, w))
    B_perp = -sum((1 - kb) * sb for kb, sb in zip(k, s))
    C_perp = sum(wb * (1 - kb) ** 2 for kb, wb in zip(k, w))
    delta = sp.Rational(1, 2) * d * (C_par - B_par**2 / Ap) + sp.Rational(1, 2) * (D - d) * (C_perp - B_perp**2 / Aq)
    c_par, c_perp = B_par / Ap, B_perp / Aq
    residuals = []
    for kb, wb, sb in zip(k, w, s):
        stated = wb * (D + d) * kb - (d * (1 + c_par) * wb + (D - d) * (wb + c_perp * sb))
        residuals.append(sp.simplify(sp.diff(delta, kb) - stated))
    return {"residuals": [str(r) for r in residuals], "holds": all(r == 0 for r in residuals)}


@functools.lru_cache(maxsize=1)
def symbolic_u_loss_closed_form() -> dict:
    """(B2)–(B3) derived: insert k(t) = a + b(1 − t) with a = (D + d c_∥)/(D + d), b = (D − d)c_⊥/(D + d) (the (B1)
    projection of the affine g) into the definitions c_∥A_∥ = E[k − (1 − t)], c_⊥S2 = −E[(1 − k)(1 − t)] and solve;
    returns the solution and whether it equals the closed form coded in ``u_loss_optimum``."""
    import sympy as sp

    D, d, S1, S2, Ap = sp.symbols("D d S1 S2 A_par", positive=True)
    cp, cq = sp.symbols("c_par c_perp", real=True)
    n, e = D + d, D - d
    a, b = (D + d * cp) / n, e * cq / n
    # E[k] = a + b S1, E[k(1 − t)] = a S1 + b S2
    eq1 = sp.Eq(cp * Ap, a + b * S1 - S1)
    eq2 = sp.Eq(cq * S2, -(S1 - (a * S1 + b * S2)))
    sol = sp.solve([eq1, eq2], [cp, cq], dict=True)[0]
    r = e * S1**2 / (2 * S2)
    coded_cp = (D - n * S1 - r) / (n * Ap - d - r)
    coded_cq = S1 * (coded_cp - 1) / (2 * S2)
    ok = sp.simplify(sol[cp] - coded_cp) == 0 and sp.simplify(sol[cq] - coded_cq) == 0
    return {"c_par": str(sp.simplify(sol[cp])), "c_perp": str(sp.simplify(sol[cq])), "equals_coded": bool(ok),
            "symbols": (D, d, S1, S2, Ap), "c_par_expr": sol[cp], "c_perp_expr": sol[cq]}


def symbolic_hat_uniform(D: int = 3, d: int = 1, n_bins: int = 2) -> dict:
    """(B2) checked exactly: uniform t, hats on N equal bins, κ = 1; SymPy integrates Δ*[k] piecewise, solves ∇Δ* = 0
    and compares the exact optimum's end values with a + b(1 − t_j) of the closed form."""
    import sympy as sp

    t = sp.Symbol("t", positive=True)
    ks = sp.symbols(f"k0:{n_bins + 1}", real=True)
    pieces = []
    for b in range(n_bins):
        lo, hi = sp.Rational(b, n_bins), sp.Rational(b + 1, n_bins)
        kt = ks[b] + (ks[b + 1] - ks[b]) * (t - lo) * n_bins
        pieces.append((kt, lo, hi))

    def E(fn):
        return sum(sp.integrate(sp.expand(fn(kt)), (t, lo, hi)) for kt, lo, hi in pieces)

    A_par, A_perp = sp.Rational(2, 3), sp.Rational(1, 3)
    B_par = E(lambda kt: kt * t - (1 - kt) * (1 - t))
    C_par = E(lambda kt: kt**2 + (1 - kt) ** 2)
    B_perp = E(lambda kt: -(1 - kt) * (1 - t))
    C_perp = E(lambda kt: (1 - kt) ** 2)
    delta = sp.Rational(d, 2) * (C_par - B_par**2 / A_par) + sp.Rational(D - d, 2) * (C_perp - B_perp**2 / A_perp)
    sol = sp.solve([sp.diff(delta, k) for k in ks], ks, dict=True)[0]
    exact = [sol[k] for k in ks]
    cf = symbolic_u_loss_closed_form()
    Ds, ds, S1, S2, Ap = cf["symbols"]
    sub = {Ds: D, ds: d, S1: sp.Rational(1, 2), S2: sp.Rational(1, 3), Ap: sp.Rational(2, 3)}
    cp, cq = cf["c_par_expr"].subs(sub), cf["c_perp_expr"].subs(sub)
    a, b = (D + d * cp) / (D + d), (D - d) * cq / (D + d)
    closed = [sp.nsimplify(a + b * (1 - sp.Rational(j, n_bins))) for j in range(n_bins + 1)]
    return {"exact_end_values": [str(v) for v in exact], "closed_form_end_values": [str(v) for v in closed],
            "equal": all(sp.simplify(u - v) == 0 for u, v in zip(exact, closed)), "D": D, "d": d, "n_bins": n_bins}


def symbolic_v_identities() -> dict:
    """(B4) and (B5) derived. Alg. 1's v̂ = ((1 − 2k)z + Wz)/(k(1 − t) + (1 − k)t) per mode (W = c on the mode).
    (B4): D = d, W = 0, k = 1 − t: v̂ equals the best linear predictor Cov(v, z)/Var(z)·z = (2t − 1)/(t² + (1 − t)²)·z
    (x, n whitened, independent), and the denominator's minimum over t is ½.
    (B5): perpendicular mode (x_⊥ = 0, v_⊥ = −n_⊥, z_⊥ = (1 − t)n_⊥), k = 1 − γ(1 − t), c_⊥ = −γ: residual v̂_⊥ − v_⊥ = 0."""
    import sympy as sp

    t, g = sp.symbols("t gamma", positive=True)

    def den(k):
        return velocity_denominator(t, k)  # k(1 − t) + (1 − k) t

    k4 = 1 - t
    v_hat_coef = (1 - 2 * k4) / den(k4)
    lmmse = (t * 1 - (1 - t) * 1) / (t**2 + (1 - t) ** 2)  # Cov(x − n, t x + (1 − t) n) / Var(t x + (1 − t) n)
    b4 = sp.simplify(v_hat_coef - lmmse)
    den_min = sp.minimum(den(k4), t, sp.Interval(0, 1))
    k5 = 1 - g * (1 - t)
    resid = sp.simplify(((1 - 2 * k5) + (-g)) * (1 - t) / den(k5) + 1)  # coefficient of n_⊥ in v̂_⊥ − v_⊥
    return {"B4_v_hat_minus_lmmse": str(b4), "B4_holds": b4 == 0, "B4_denominator_min": str(den_min),
            "B4_clamp_inactive_above": float(den_min), "B5_perp_residual": str(resid), "B5_holds": resid == 0}
