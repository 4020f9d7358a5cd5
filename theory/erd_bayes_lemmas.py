"""erd's Bayes decomposition (Lemma C.1) and the high-noise degeneration bound (Lemma D.1): SymPy derivations
and NumPy twins.

Lemma C.1 is derived on a general finite joint law of (z, y): z takes m values, y takes k values with an
arbitrary (symbolic) joint pmf, the predictor r(z) is arbitrary; the Bayes predictor f*(z) = E[y | z] is
computed from the pmf, and the cross term and the decomposition are simplified to zero. (A finite law is
enough for an algebraic identity in the pmf; the continuous case is its limit, and it is checked on erd's
GMM numerically in ``toy/claims_erd_toy.py``.)"""

from __future__ import annotations

import numpy as np
import sympy as sp

from difftheory.theory.erd_weights import expect_independent
from difftheory.validate import check_float, check_int


def bayes_decomposition_symbolic(m: int = 2, k: int = 3) -> dict:
    """Derive erd Eq. (28)/(31)–(33) for a finite joint law: returns the simplified cross term E⟨r − f*, f* − y⟩
    and the residual ½M E(r − y)² − [½M E(f* − y)² + ½M E(r − f*)²] (both should be 0)."""
    m = check_int("m", m, 1, 6)
    k = check_int("k", k, 1, 6)
    M = sp.Symbol("M", positive=True)
    p = sp.Matrix(m, k, lambda i, j: sp.Symbol(f"p_{i}{j}", positive=True))  # joint pmf (unnormalised is fine)
    y = [sp.Symbol(f"y_{j}", real=True) for j in range(k)]
    r = [sp.Symbol(f"r_{i}", real=True) for i in range(m)]
    Z = sum(p)  # normalisation
    f_star = [sum(p[i, j] * y[j] for j in range(k)) / sum(p[i, j] for j in range(k)) for i in range(m)]  # E[y | z=i]

    def E(fn):
        return sum(p[i, j] * fn(i, j) for i in range(m) for j in range(k)) / Z

    cross = sp.simplify(E(lambda i, j: (r[i] - f_star[i]) * (f_star[i] - y[j])))
    total = M / 2 * E(lambda i, j: (r[i] - y[j]) ** 2)
    floor = M / 2 * E(lambda i, j: (f_star[i] - y[j]) ** 2)
    excess = M / 2 * E(lambda i, j: (r[i] - f_star[i]) ** 2)
    residual = sp.simplify(sp.together(total - floor - excess))
    return {"cross_term": cross, "residual": residual}


# ----------------------------------------------------------------------------- Lemma D.1
a_s, s_s, smax_s, m2_s, d_s = sp.symbols("alpha sigma sigma_max m2 d", positive=True)


def w2_coupling_bound_symbolic() -> sp.Expr:
    """E‖(α x0 + σ ε) − σ_max ε‖² under the shared-ε coupling, from the model: per coordinate x, ε independent,
    E ε = 0, E ε² = 1, E x² = m2/d (so E‖x0‖² = m2), summed over d coordinates  # erd Eq. (69)"""
    x, e = sp.symbols("x_i epsilon_i", real=True)
    per_coord = expect_independent((a_s * x + (s_s - smax_s) * e) ** 2, {x: {1: sp.Symbol("mx"), 2: m2_s / d_s},
                                                                         e: {1: 0, 2: 1}})
    return sp.expand(d_s * per_coord)


def w2_coupling_bound(alpha, sigma, sigma_max: float, second_moment: float, dim: int):
    """W2²(q_λ, N(0, σ_max² I)) ≤ α² E‖x0‖² + (σ − σ_max)² d  # erd Lemma D.1, Eq. (69)"""
    check_float("sigma_max", sigma_max, 0.0, None)
    check_float("second_moment", second_moment, 0.0, None)
    check_int("dim", dim, 1, None)
    a = np.asarray(alpha, float)
    s = np.asarray(sigma, float)
    return a**2 * second_moment + (s - sigma_max) ** 2 * dim


def gelbrich_lower_bound(mean, cov, sigma_max: float):
    """W2²(q, N(0, σ_max² I)) ≥ ‖m‖² + tr(Σ) + d σ_max² − 2 σ_max tr(Σ^{1/2}) (Gelbrich 1990: the W2 of the
    Gaussians with the same first two moments is a lower bound)."""
    mean = np.asarray(mean, float)
    cov = np.asarray(cov, float)
    vals = np.clip(np.linalg.eigvalsh(0.5 * (cov + cov.T)), 0.0, None)
    return float(mean @ mean + vals.sum() + len(mean) * sigma_max**2 - 2 * sigma_max * np.sqrt(vals).sum())
