"""kdiff App. B–C, derived with SymPy from the model of §3.1: x = P x̃ (PᵀP = I), E[x̃x̃ᵀ] = I, white noise n
independent of x̃ with E[n] = 0, z = αx + σn, u = φx + ψn, û = Wz, loss (4) with measure D̃α = κ² Dα.

Expectations are taken by a moment functional on polynomials in the random coordinates (``expect``);
the measure integral ∫D̃α is a linear functional, so a per-time polynomial in (α, σ, φ, ψ) integrates
monomial by monomial into moment symbols I[·] (``integrate_measure``). P is an exactly orthonormal
rational matrix: the first d columns of the Cayley transform (I − A)(I + A)⁻¹ of a skew-symmetric A.
The numeric twins are ``theory.kdiff_optimum`` (optimal_coefficients, W_star, delta_star_from_moments)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

alpha, sigma, phi, psi = sp.symbols("alpha sigma phi psi", real=True)
SCHEDULE = (alpha, sigma, phi, psi)


def cayley_P(D: int, d: int, seed: int = 0) -> sp.Matrix:
    """D×d rational matrix with PᵀP = I exactly: first d columns of (I − A)(I + A)⁻¹, A skew (integer entries)."""
    rng = np.random.default_rng(seed)
    A = sp.zeros(D, D)
    for i in range(D):
        for j in range(i + 1, D):
            v = sp.Rational(int(rng.integers(-3, 4)), int(rng.integers(1, 4)))
            A[i, j], A[j, i] = v, -v
    Q = (sp.eye(D) - A) * (sp.eye(D) + A).inv()   # I + A is invertible for skew A (eigenvalues 1 + iλ)
    return Q[:, :d]


def expect(expr, xt, n, mu):
    """E[expr] for a polynomial of degree ≤ 2 in x̃ (E[x̃_i] = μ_i, E[x̃_i x̃_j] = δ_ij, Eq. 6) and n
    (E[n_i] = 0, E[n_i n_j] = δ_ij, Eq. 7), x̃ and n independent (Eq. 30)."""
    gens = list(xt) + list(n)
    poly = sp.Poly(sp.expand(expr), *gens)
    dx = len(xt)
    out = sp.Integer(0)
    for exps, coef in poly.terms():
        ex, en = exps[:dx], exps[dx:]
        out += coef * _moment(ex, mu) * _moment(en, None)
    return sp.expand(out)


def _moment(exps, mu):
    deg = sum(exps)
    idx = [i for i, e in enumerate(exps) for _ in range(e)]
    if deg == 0:
        return sp.Integer(1)
    if deg == 1:
        return sp.Integer(0) if mu is None else mu[idx[0]]
    if deg == 2:
        return sp.Integer(1 if idx[0] == idx[1] else 0)
    raise ValueError(f"moments of degree {deg} are not needed by the linear model (got {exps})")


def model(D: int, d: int, seed: int = 0):
    """Random coordinates, the data map P and the vectors z, u of Eq. (1) at one time."""
    P = cayley_P(D, d, seed)
    xt = sp.Matrix(sp.symbols(f"xt0:{d}", real=True))
    n = sp.Matrix(sp.symbols(f"n0:{D}", real=True))
    mu = sp.symbols(f"mu0:{d}", real=True)      # E[x̃] is left arbitrary: it must not matter
    x = P * xt
    return P, xt, n, mu, alpha * x + sigma * n, phi * x + psi * n


def second_moments(D: int, d: int, seed: int = 0) -> dict:
    """E[zzᵀ], E[uzᵀ], E[uuᵀ], E[xnᵀ] from the expectation rules  # kdiff Eqs. (29)–(32), (40)"""
    P, xt, n, mu, zv, uv = model(D, d, seed)
    E = lambda M: M.applyfunc(lambda e: expect(e, xt, n, mu))  # noqa: E731
    proj, I = P * P.T, sp.eye(D)
    zz, uz, uu = E(zv * zv.T), E(uv * zv.T), E(uv * uv.T)
    xn = E((P * xt) * n.T)
    return {
        "PtP_is_I": sp.simplify(P.T * P - sp.eye(d)) == sp.zeros(d, d),
        "eq30_xn_zero": xn == sp.zeros(D, D),
        "eq31_xx": E((P * xt) * (P * xt).T) == proj,
        "eq32a_zz": sp.expand(zz - (alpha**2 * proj + sigma**2 * I)) == sp.zeros(D, D),
        "eq32b_uz": sp.expand(uz - (phi * alpha * proj + psi * sigma * I)) == sp.zeros(D, D),
        "eq40g_uu": sp.expand(uu - (phi**2 * proj + psi**2 * I)) == sp.zeros(D, D),
    }


def point_loss(D: int, d: int, seed: int = 0):
    """½ E‖Wz − u‖² at one time as a polynomial in W's entries and (α, σ, φ, ψ); returns (loss, W, P).
    By linearity of E (W is deterministic): ½ tr(W E[zzᵀ] Wᵀ) − tr(W E[zuᵀ]) + ½ tr E[uuᵀ], each second
    moment taken entrywise by ``expect``."""
    P, xt, n, mu, zv, uv = model(D, d, seed)
    E = lambda M: M.applyfunc(lambda e: expect(e, xt, n, mu))  # noqa: E731
    W = sp.Matrix(D, D, lambda i, j: sp.Symbol(f"W_{i}_{j}", real=True))
    zz, zu, uu = E(zv * zv.T), E(zv * uv.T), E(uv * uv.T)
    loss = sp.Rational(1, 2) * (W * zz * W.T).trace() - (W * zu).trace() + sp.Rational(1, 2) * uu.trace()
    return sp.expand(loss), W, P


def _is_zero(M) -> bool:
    """Exact zero test for (matrices of) rational functions: cancel each entry."""
    if isinstance(M, sp.MatrixBase):
        return all(sp.cancel(sp.together(e)) == 0 for e in M)
    return sp.cancel(sp.together(M)) == 0


def gradient_flow(D: int, d: int, seed: int = 0) -> dict:
    """−∂L/∂W per time point equals the integrand of Eq. (8); the integral over D̃α is linear, so this
    is Eq. (8) for every measure  # kdiff Eqs. (27)–(33)"""
    L, W, P = point_loss(D, d, seed)
    grad = sp.Matrix(D, D, lambda i, j: sp.diff(L, W[i, j]))
    proj = P * P.T
    integrand_8 = alpha**2 * W * proj + sigma**2 * W - phi * alpha * proj - psi * sigma * sp.eye(D)
    return {"eq8": sp.expand(grad - integrand_8) == sp.zeros(D, D)}


@lru_cache(maxsize=1)
def decoupling_projector() -> dict:
    """Eq. (9) from Eq. (8) in an abstract idempotent Π = PPᵀ (noncommutative algebra, Π² = Π) — valid for
    every D, d — plus the projector identities (34)  # kdiff Eqs. (9)–(10), (34)–(36)"""
    W, Pi, I = sp.symbols("W Pi I", commutative=False)

    def reduce(e):
        e = sp.expand(e)
        for _ in range(4):     # Π^m → Π, I is the identity
            e = sp.expand(e.replace(lambda a: a.is_Pow and a.base in (Pi, I), lambda a: a.base))
            e = sp.expand(e.subs({Pi * I: Pi, I * Pi: Pi, W * I: W, I * W: W}))
        return e

    G = alpha**2 * W * Pi + sigma**2 * W - phi * alpha * Pi - psi * sigma * I       # Eq. (8) integrand
    par = reduce(G * Pi)
    perp = reduce(G * (I - Pi))
    eq9a = (alpha**2 + sigma**2) * (W * Pi) - (phi * alpha + psi * sigma) * Pi
    eq9b = sigma**2 * (W - W * Pi) - psi * sigma * (I - Pi)
    return {
        "eq34b": reduce((I - Pi) * (I - Pi) - (I - Pi)) == 0,
        "eq34c": reduce(Pi * (I - Pi)) == 0 and reduce((I - Pi) * Pi) == 0,
        "eq9a": reduce(par - eq9a) == 0,
        "eq9b": reduce(perp - eq9b) == 0,
    }


def decoupling_explicit(D: int, d: int, seed: int = 0) -> dict:
    """Eq. (9) on an explicit rational orthonormal P: (8)'s integrand times PPᵀ and I − PPᵀ."""
    P = cayley_P(D, d, seed)
    W = sp.Matrix(D, D, lambda i, j: sp.Symbol(f"W_{i}_{j}", real=True))
    proj, I = P * P.T, sp.eye(D)
    G = alpha**2 * W * proj + sigma**2 * W - phi * alpha * proj - psi * sigma * I
    eq9a = (alpha**2 + sigma**2) * W * proj - (phi * alpha + psi * sigma) * proj
    eq9b = sigma**2 * W * (I - proj) - psi * sigma * (I - proj)
    zero = sp.zeros(D, D)
    return {
        "eq34a": proj * proj == proj,
        "eq9a": sp.expand(G * proj - eq9a) == zero,
        "eq9b": sp.expand(G * (I - proj) - eq9b) == zero,
    }


# ---------- App. C: the measure as a linear functional; W* and Δ* ----------

MONOMIALS = {"aa": alpha**2, "ss": sigma**2, "pa": phi * alpha, "ps": psi * sigma, "pp": phi**2, "qq": psi**2,
             "as": alpha * sigma, "ap": alpha * psi, "sp": sigma * phi, "pq": phi * psi}
MOMENT = {key: sp.Symbol(f"I_{key}", positive=True) if key in ("aa", "ss", "pp", "qq") else sp.Symbol(f"I_{key}", real=True)
          for key in MONOMIALS}


def integrate_measure(expr):
    """∫D̃α expr for expr polynomial in (α, σ, φ, ψ) of degree 2: each monomial → its moment symbol I[·]."""
    poly = sp.Poly(sp.expand(expr), *SCHEDULE)
    lookup = {sp.Poly(m, *SCHEDULE).monoms()[0]: MOMENT[key] for key, m in MONOMIALS.items()}
    out = sp.Integer(0)
    for exps, coef in poly.terms():
        if sum(exps) == 0:
            out += coef * sp.Symbol("I_1", positive=True)
        else:
            out += coef * lookup[exps]
    return sp.expand(out)


def printed_11b():
    """The paper's (c_∥, c_⊥) of Eq. (11b) in moment symbols (for comparison only)."""
    I = MOMENT
    return (I["pa"] + I["ps"]) / (I["aa"] + I["ss"]), I["ps"] / I["ss"]


def printed_12(D, d):
    """The paper's Eq. (12) in moment symbols (for comparison only)."""
    I = MOMENT
    return (sp.Rational(1, 2) * d * (I["pp"] + I["qq"] - (I["pa"] + I["ps"]) ** 2 / (I["aa"] + I["ss"]))
            + sp.Rational(1, 2) * (D - d) * (I["qq"] - I["ps"] ** 2 / I["ss"]))


@lru_cache(maxsize=8)
def optimum_explicit(D: int, d: int, seed: int = 0) -> dict:
    """W* of the loss (4) with a full D×D W (D² unknowns) on an explicit P: solve ∂L/∂W = 0, check the
    Hessian, substitute back  # kdiff Thm 3.1, App. C"""
    Lt, W, P = point_loss(D, d, seed)
    L = integrate_measure(Lt)                                 # Eq. (4): ∫D̃α ½E‖Wz − u‖²
    wvars = list(W)
    grad = [sp.diff(L, w) for w in wvars]
    sol = sp.solve(grad, wvars, dict=True)
    (sol,) = sol
    W_opt = W.subs(sol)
    proj, I = P * P.T, sp.eye(D)
    c_par, c_perp = printed_11b()
    H = sp.hessian(L, wvars)
    # Hessian = A ⊗ I_D-blocks with A = I_aa PPᵀ + I_ss I: eigenvalues I_aa + I_ss (on P) and I_ss (on P⊥)
    A = MOMENT["aa"] * proj + MOMENT["ss"] * I
    hess_blocks = all(sp.expand(H[i * D:(i + 1) * D, i * D:(i + 1) * D] - A) == sp.zeros(D, D) for i in range(D))
    hess_offdiag = all(H[r, c_] == 0 for r in range(D * D) for c_ in range(D * D) if r // D != c_ // D)
    eig_par = _is_zero(A * P - (MOMENT["aa"] + MOMENT["ss"]) * P)
    eig_perp = _is_zero(A * (I - proj) - MOMENT["ss"] * (I - proj))
    delta = sp.factor(sp.cancel(sp.together(L.subs(sol))))
    return {
        "eq11b": _is_zero(W_opt - (c_par * proj + c_perp * (I - proj))),
        "hessian_block_diagonal": hess_blocks and hess_offdiag,
        "hessian_eigen_par_is_Iaa_plus_Iss": eig_par,
        "hessian_eigen_perp_is_Iss": eig_perp,
        "eq12": _is_zero(delta - printed_12(D, d)),
        "delta_star": delta,
    }


@lru_cache(maxsize=1)
def equilibrium_modes() -> dict:
    """Equilibria of the mode flows (9a), (9b) on an explicit P: W_∥ and W_⊥ as free matrices restricted to
    their ranges (W_∥ = W_∥PPᵀ, W_⊥ = W_⊥(I − PPᵀ)); solve dW/dt̃ = 0  # kdiff Eqs. (37)–(38) → (11)"""
    D, d = 3, 1
    P = cayley_P(D, d, 1)
    proj, I = P * P.T, sp.eye(D)
    M1 = sp.Matrix(D, D, lambda i, j: sp.Symbol(f"A_{i}_{j}", real=True))
    M2 = sp.Matrix(D, D, lambda i, j: sp.Symbol(f"B_{i}_{j}", real=True))
    Wp, Wq = M1 * proj, M2 * (I - proj)
    flow_a = (Wp * (alpha**2 + sigma**2) - (phi * alpha + psi * sigma) * proj).applyfunc(integrate_measure)
    flow_b = (Wq * sigma**2 - psi * sigma * (I - proj)).applyfunc(integrate_measure)
    sa = sp.solve(list(flow_a), list(M1), dict=True)[0]
    sb = sp.solve(list(flow_b), list(M2), dict=True)[0]
    c_par, c_perp = printed_11b()
    return {
        "eq11b_parallel": _is_zero(Wp.subs(sa) - c_par * proj),
        "eq11b_perpendicular": _is_zero(Wq.subs(sb) - c_perp * (I - proj)),
    }


@lru_cache(maxsize=1)
def mode_problems() -> dict:
    """Δ* for symbolic D, d: in a basis [P, P⊥] the loss separates into d parallel coordinates
    (z = αx̃ᵢ + σnᵢ, u = φx̃ᵢ + ψnᵢ) and D − d perpendicular ones (z = σnⱼ, u = ψnⱼ), each a scalar least
    squares in one coefficient; Δ* = d·min ℓ_∥ + (D − d)·min ℓ_⊥  # kdiff Eqs. (11)–(12), (47)–(50)"""
    a, b = sp.symbols("a b", real=True)
    xt, n = sp.symbols("xt n", real=True)
    mu = (sp.Symbol("mu", real=True),)
    l_par = integrate_measure(expect(sp.Rational(1, 2) * (a * (alpha * xt + sigma * n) - (phi * xt + psi * n)) ** 2,
                                     [xt], [n], mu))
    l_perp = integrate_measure(expect(sp.Rational(1, 2) * (b * sigma * n - psi * n) ** 2, [], [n], None))
    a_opt = sp.solve(sp.diff(l_par, a), a)[0]
    b_opt = sp.solve(sp.diff(l_perp, b), b)[0]
    D, d = sp.symbols("D d", positive=True)
    delta = sp.simplify(d * l_par.subs(a, a_opt) + (D - d) * l_perp.subs(b, b_opt))
    c_par, c_perp = printed_11b()
    return {
        "a_opt": a_opt, "b_opt": b_opt, "delta_star": delta, "D": D, "d": d,
        "second_derivatives": (sp.diff(l_par, a, 2), sp.diff(l_perp, b, 2)),
        "matches": {
            "eq11b_c_par": sp.simplify(a_opt - c_par) == 0,
            "eq11b_c_perp": sp.simplify(b_opt - c_perp) == 0,
            "eq12": sp.simplify(delta - printed_12(D, d)) == 0,
        },
    }


def delta_star_expr(D=None, d=None):
    """The derived Δ* in moment symbols (general D, d unless given)."""
    m = mode_problems()
    e = m["delta_star"]
    if D is not None:
        e = e.subs({m["D"]: D, m["d"]: d})
    return e
