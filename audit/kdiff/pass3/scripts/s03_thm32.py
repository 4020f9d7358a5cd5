"""kdiff Theorem 3.2, App. D (Eqs. 51-55) and what the k*-formula means.
Run: python s03_thm32.py
"""
import sympy as sp
import numpy as np
from scipy import integrate, stats

k, t, D, d = sp.symbols('k t D d', positive=True)
al, sg, ph, ps = t, 1 - t, k, -(1 - k)
I = lambda f: sp.integrate(f, (t, 0, 1))       # uniform t, kappa = 1
par = sp.Rational(1, 2) * d * (I(ph**2 + ps**2) - I(ph * al + ps * sg)**2 / I(al**2 + sg**2))
perp = sp.Rational(1, 2) * (D - d) * (I(ps**2) - I(ps * sg)**2 / I(sg**2))
Delta = sp.simplify(par + perp)
print("Eq54b parallel  :", sp.factor(par), "   paper: d/2 (k^2/2 - k/2 + 5/8) ->",
      sp.simplify(par - d / 2 * (k**2 / 2 - k / 2 + sp.Rational(5, 8))) == 0)
print("Eq54b perpendic.:", sp.factor(perp), "   paper: (D-d)(1-k)^2/8 ->",
      sp.simplify(perp - (D - d) * (1 - k)**2 / 8) == 0)
print("Eq54d check     :", sp.simplify(Delta - (2 * (D + d) * k**2 - 4 * D * k + (2 * D + 3 * d)) / 16) == 0)
kstar = sp.solve(sp.diff(Delta, k), k)[0]
print("Eq55 k* =", sp.simplify(kstar), "; second derivative =", sp.diff(Delta, k, 2))

# Observation: Delta*(k) is an affine function of the target power E||u||^2 = k^2 d + (1-k)^2 D
Eu2 = k**2 * d + (1 - k)**2 * D
print("Delta*(k) - E||u||^2/8 =", sp.simplify(Delta - Eu2 / 8), " (k-independent)")
print("argmin_k E||u||^2 =", sp.solve(sp.diff(Eu2, k), k)[0])
# W* at D=d, k=1/2
cpar = I(ph * al + ps * sg) / I(al**2 + sg**2)
cperp = I(ps * sg) / I(sg**2)
print("W* coefficients: c_par =", sp.simplify(cpar), ", c_perp =", sp.simplify(cperp))
print("   at k=1/2: c_par =", cpar.subs(k, sp.Rational(1, 2)), " -> with D=d the optimal SNR-invariant linear model is W*=0")
FVU = sp.simplify(Delta / (Eu2 / 2))
print("fraction of target variance unexplained Delta*/(E||u||^2/2) at k*:", sp.simplify(FVU.subs(k, kstar)))
for r in [1, 2, 10, 100]:
    print(f"   D/d={r}: FVU(k*) = {float(FVU.subs({k: kstar}).subs({D: r, d: 1})):.4f}")

# losses at x-, v-prediction vs k*
print("\n D/d   k*      Delta(k*)/d  Delta(1/2)/Delta(k*)  Delta(1)/Delta(k*)  perp/par at k=1/2   perp/par at k*")
for r in [1, 1.94, 2, 9, 10, 100, 1000]:
    sub = {D: r, d: 1}
    ks = float(kstar.subs(sub))
    f = lambda kv: float(Delta.subs(sub).subs(k, kv))
    pp = lambda kv: float((perp / par).subs(sub).subs(k, kv))
    print(f"{r:6} {ks:.4f}  {f(ks):.4f}      {f(0.5)/f(ks):.4f}              {f(1)/f(ks):.4f}            {pp(0.5):.4f}            {pp(ks):.5f}")

# implied D/d from reported learned k values if Thm 3.2 were applied literally
for kv, lab in [(0.522, 'Table 3 latent ep64'), (0.66, 'Fig 3 latent ep800'), (0.99, 'pixel ~1.0'), (0.999, 'pixel ~1.0')]:
    print(f"k={kv} ({lab}): implied D/d = k/(1-k) = {kv/(1-kv):.3f}")
print("latent VA-VAE f16d32 at 256px: D = 16*16*32 =", 16 * 16 * 32, "-> implied d(k=0.66) =", round(16 * 16 * 32 * (1 - 0.66) / 0.66))
print("pixel 256x256x3: D =", 256 * 256 * 3, "; per 16x16 patch D =", 16 * 16 * 3)

# Sensitivity: k* with kappa = 1 but the paper's actual time samplers (logit-normal)
def kstar_general(pdf, Dd):
    m = lambda f: integrate.quad(lambda tt: f(tt) * pdf(tt), 0, 1, limit=200)[0]
    Et, Et2 = m(lambda tt: tt), m(lambda tt: tt**2)
    Es, Es2 = 1 - Et, m(lambda tt: (1 - tt)**2)
    S = Et2 + Es2
    rho = 1 - Es**2 / Es2
    # Delta(k) = 1/2[(k^2+(1-k)^2) - (k Et - (1-k) Es)^2/S] + (Dd-1)/2 (1-k)^2 rho  (d=1)
    kk = np.linspace(0, 1, 200001)
    val = 0.5 * ((kk**2 + (1 - kk)**2) - (kk * Et - (1 - kk) * Es)**2 / S) + 0.5 * (Dd - 1) * (1 - kk)**2 * rho
    return kk[np.argmin(val)], rho
ln = lambda mu, s: (lambda tt: stats.norm.pdf(np.log(tt / (1 - tt)), mu, s) / (tt * (1 - tt)))
print("\nk* under kappa=1 for other time samplers (D/d = 1, 2, 10, 100):")
for name, pdf in [('uniform', lambda tt: 1.0), ('logit-N(0,1) [latent]', ln(0, 1)), ('logit-N(-0.8,0.8) [pixel]', ln(-0.8, 0.8))]:
    out = [kstar_general(pdf, r) for r in [1, 2, 10, 100]]
    print(f"  {name:28s}", ["%.4f" % o[0] for o in out], " rho(perp coeff)=%.4f" % out[0][1])

# Scale dependence: compare targets at equal coefficient norm, u/sqrt(k^2+(1-k)^2)
# (k=1/2 target is v/2, with half the power of the unit-norm v/sqrt(2)).
print("\nscale-normalised comparison Delta*(k)/(k^2+(1-k)^2):")
Dn = Delta / (k**2 + (1 - k)**2)
kk = np.linspace(0, 1, 100001)
for r in [1, 2, 10, 100]:
    f = sp.lambdify(k, Dn.subs({D: r, d: 1}), 'numpy')
    v = f(kk)
    print(f"   D/d={r}: argmin = {kk[np.argmin(v)]:.4f} (value {v.min():.4f}); value at k=1/2: {f(0.5):.4f}; at k=0: {f(0.0):.4f}; at k=1: {f(1.0):.4f}")
