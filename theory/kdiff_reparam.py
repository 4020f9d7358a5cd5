"""kdiff App. A and Alg. 1–2, derived with SymPy: reading x̂, n̂ back from a prediction û (Eqs. 16–18),
the loss scale κ between any two linear targets (Eqs. 19–26) and Alg. 1's velocity conversion (with the
clamp of §4 / Table 4). The numeric twins are ``theory.target_conversions`` (x_hat, n_hat, kappa, kappa_k,
velocity_from_u); ``twin_gaps`` measures them against these derivations.

Convention (kdiff §3): z = αx + σn, u = φx + ψn; flow matching α = t, σ = 1 − t (t = 0 noise, t = 1 data)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

alpha, sigma, phi, psi, xi, eta = sp.symbols("alpha sigma phi psi xi eta", real=True)
z, u, u_hat = sp.symbols("z u u_hat", real=True)
t, k, c = sp.symbols("t k c", real=True)


def solve_x_n(z_expr, u_expr):
    """Solve z = αx + σn, u = φx + ψn for (x, n)  # kdiff Eq. (16) → (17)/(18)"""
    xs, ns = sp.symbols("x_s n_s")
    sol = sp.solve([sp.Eq(z_expr, alpha * xs + sigma * ns), sp.Eq(u_expr, phi * xs + psi * ns)], [xs, ns], dict=True)
    (s,) = sol
    return sp.simplify(s[xs]), sp.simplify(s[ns])


# the paper's printed lines, to compare the derivations with (never used to derive)
PRINTED_18 = ((-psi * z + sigma * u_hat) / (phi * sigma - psi * alpha),   # kdiff Eq. (18a)
              (phi * z - alpha * u_hat) / (phi * sigma - psi * alpha))    # kdiff Eq. (18b)
PRINTED_22 = (xi * sigma - eta * alpha) / (phi * sigma - psi * alpha)    # kdiff Eq. (22)
PRINTED_23_26 = {                                                         # kdiff Eqs. (23)–(26)
    "u": sp.Integer(1),
    "x": sigma / (phi * sigma - psi * alpha),
    "eps": -alpha / (phi * sigma - psi * alpha),
    "v": (alpha + sigma) / (phi * sigma - psi * alpha),
}
LOSS_W = {"u": (phi, psi), "x": (1, 0), "eps": (0, 1), "v": (1, -1)}      # w = ξx + ηn per loss (App. A)
PRINTED_ALG1 = ((1 - 2 * k) * z + u_hat) / (k * (1 - t) + (1 - k) * t)    # kdiff Alg. 1 (v_pred)


def _same(a, b) -> bool:
    return sp.simplify(sp.together(a - b)) == 0


@lru_cache(maxsize=1)
def derive_appendix_a() -> dict:
    """App. A from the definitions: x̂, n̂ from (16); κ from ŵ − w; the four special cases."""
    x_hat, n_hat = solve_x_n(z, u_hat)                    # (16) → (18)
    x_true, n_true = solve_x_n(z, u)                      # (1) → (17)
    diff = sp.expand(xi * (x_hat - x_true) + eta * (n_hat - n_true))   # ŵ − w, Eq. (21a)
    kappa = sp.simplify(sp.diff(diff, u_hat))             # the coefficient of û
    residual = sp.simplify(diff - kappa * (u_hat - u))    # (21e): ŵ − w = κ (û − u) exactly, no z left
    special = {name: sp.simplify(kappa.subs({xi: a, eta: b}, simultaneous=True)) for name, (a, b) in LOSS_W.items()}
    return {
        "x_hat": x_hat, "n_hat": n_hat, "x": x_true, "n": n_true, "kappa": kappa, "residual": residual,
        "special": special,
        "matches": {
            "eq17a": _same(x_true, PRINTED_18[0].subs(u_hat, u)),
            "eq17b": _same(n_true, PRINTED_18[1].subs(u_hat, u)),
            "eq18a": _same(x_hat, PRINTED_18[0]),
            "eq18b": _same(n_hat, PRINTED_18[1]),
            "eq21e_no_z": residual == 0,
            "eq22": _same(kappa, PRINTED_22),
            **{f"eq{23 + i}_{name}": _same(special[name], PRINTED_23_26[name])
               for i, name in enumerate(("u", "x", "eps", "v"))},
        },
    }


@lru_cache(maxsize=1)
def derive_alg1() -> dict:
    """Alg. 1's conversion v̂ = x̂ − n̂ for the k-target on α = t, σ = 1 − t, its κ for the v-loss, and what
    the clamp max(den, c) does to the target (``v_c``) and to κ."""
    a = derive_appendix_a()
    sub = {alpha: t, sigma: 1 - t, phi: k, psi: -(1 - k)}
    v_hat = sp.simplify((a["x_hat"] - a["n_hat"]).subs(sub))
    den = k * (1 - t) + (1 - k) * t
    kappa_v = sp.simplify(a["special"]["v"].subs(sub))
    xs, ns = sp.symbols("x n", real=True)
    z_fm, u_k = t * xs + (1 - t) * ns, k * xs - (1 - k) * ns
    v_exact = sp.simplify((v_hat.subs({u_hat: u_k, z: z_fm})))          # û = u gives the true velocity?
    dz_dt = sp.diff(z_fm, t)
    v_clamped = ((1 - 2 * k) * z_fm + u_k) / c                           # where den < c
    return {
        "v_hat": v_hat, "kappa_v": kappa_v, "den": den, "v_exact": v_exact,
        "v_clamped_over_v": sp.simplify(v_clamped / (xs - ns)),
        "matches": {
            "alg1_v": _same(v_hat, PRINTED_ALG1),
            "alg1_v_is_dz_dt": _same(v_exact, dz_dt),
            "kappa_v_is_1_over_den": _same(kappa_v, 1 / den),
            "clamped_target_is_den_over_c_times_v": _same(v_clamped, den / c * (xs - ns)),
        },
    }


def twin_gaps(rng: np.random.Generator, n: int = 200) -> dict:
    """Max |numeric twin − lambdified derivation| at random points (target_conversions.x_hat, n_hat, kappa, velocity_from_u)."""
    from difftheory.theory import target_conversions

    a, g = derive_appendix_a(), derive_alg1()
    args = (z, u_hat, alpha, sigma, phi, psi)
    f_x, f_n = sp.lambdify(args, a["x_hat"], "numpy"), sp.lambdify(args, a["n_hat"], "numpy")
    f_k = sp.lambdify((alpha, sigma, phi, psi, xi, eta), a["kappa"], "numpy")
    f_v = sp.lambdify((z, u_hat, t, k), g["v_hat"], "numpy")
    Z, U, A, S, F, Ps, X, E = rng.normal(size=(8, n))
    T, K = rng.uniform(0.01, 0.99, size=(2, n))
    keep = np.abs(F * S - Ps * A) > 0.05                      # away from the pole φσ = ψα
    Z, U, A, S, F, Ps, X, E, T, K = (v[keep] for v in (Z, U, A, S, F, Ps, X, E, T, K))
    return {
        "x_hat": float(np.max(np.abs(target_conversions.x_hat(Z, U, A, S, F, Ps) - f_x(Z, U, A, S, F, Ps)))),
        "n_hat": float(np.max(np.abs(target_conversions.n_hat(Z, U, A, S, F, Ps) - f_n(Z, U, A, S, F, Ps)))),
        "kappa": float(np.max(np.abs(target_conversions.kappa(A, S, F, Ps, X, E) - f_k(A, S, F, Ps, X, E)))),
        "velocity_from_u": float(np.max(np.abs(target_conversions.velocity_from_u(Z, U, T, K) - f_v(Z, U, T, K)))),
        "kappa_k_v": float(np.max(np.abs(target_conversions.kappa_k(T, K, "v") - sp.lambdify((t, k), g["kappa_v"])(T, K)))),
    }


@lru_cache(maxsize=1)
def derive_two_param_invariance() -> dict:
    """App. E's two-parameter target u = k0 x − k1 n under Alg. 1's v-loss: a common scale c of (k0, k1) together
    with û → c û (W → cW, inside the linear model class) leaves v̂ and v unchanged, so the v-loss depends on
    (k0, k1) only through k = k0/(k0 + k1). With the clamp, max(c·den, 0.05) ≠ c·max(den, 0.05): exact only
    where den >= 0.05/c."""
    k0, k1, cs = sp.symbols("k0 k1 c", positive=True)
    a = derive_appendix_a()
    sub = {alpha: t, sigma: 1 - t}
    v_hat = sp.simplify((a["x_hat"] - a["n_hat"]).subs(sub))                 # any (φ, ψ), Eq. (18)
    v_two = v_hat.subs({phi: k0, psi: -k1})
    v_scaled = v_hat.subs({phi: cs * k0, psi: -cs * k1, u_hat: cs * u_hat})
    kk = k0 / (k0 + k1)
    v_one = v_hat.subs({phi: kk, psi: -(1 - kk), u_hat: u_hat / (k0 + k1)})  # the one-parameter target, rescaled
    return {
        "v_hat_general": v_hat,
        "matches": {
            "scale_invariant": sp.simplify(v_scaled - v_two) == 0,
            "equals_k_target_with_k0_over_k0_plus_k1": sp.simplify(v_one - v_two) == 0,
        },
    }
