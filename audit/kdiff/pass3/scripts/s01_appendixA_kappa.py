"""kdiff App. A (Eqs. 16-26), Eq. (3), Eq. (13) special cases, and Alg. 1 identities.
Symbolic checks with sympy. Run: python s01_appendixA_kappa.py
"""
import sympy as sp

a, s, ph, ps, xi, eta, k, t = sp.symbols('alpha sigma varphi psi xi eta k t', real=True)
x, n, uh = sp.symbols('x n uhat', real=True)   # scalar stand-ins (everything is per-coordinate linear)

z = a*x + s*n
u = ph*x + ps*n
det = ph*s - ps*a
# Eq. (17a,b): x and n from z and u
x17 = (-ps*z + s*u)/det
n17 = (ph*z - a*u)/det
print("Eq17a  x - x17 =", sp.simplify(x - x17))
print("Eq17b  n - n17 =", sp.simplify(n - n17))
# Eq. (18): hats
xh = (-ps*z + s*uh)/det
nh = (ph*z - a*uh)/det
# consistency of Eq (16): z = a xh + s nh, uh = ph xh + ps nh
print("Eq16a  z - (a xh + s nh) =", sp.simplify(z - (a*xh + s*nh)))
print("Eq16b  uh - (ph xh + ps nh) =", sp.simplify(uh - (ph*xh + ps*nh)))
# Eq. (21)-(22)
w = xi*x + eta*n
wh = xi*xh + eta*nh
kappa = (xi*s - eta*a)/det
print("Eq21/22 (wh-w) - kappa (uh-u) =", sp.simplify(wh - w - kappa*(uh - u)))
# Eq. 23-26
print("Eq23 u-loss kappa:", sp.simplify(kappa.subs({xi: ph, eta: ps})))
print("Eq24 x-loss kappa:", sp.simplify(kappa.subs({xi: 1, eta: 0})))
print("Eq25 eps-loss kappa:", sp.simplify(kappa.subs({xi: 0, eta: 1})))
print("Eq26 v-loss kappa:", sp.simplify(kappa.subs({xi: 1, eta: -1})))

# Flow matching, k-parameterisation (Eq. 13): alpha=t, sigma=1-t, phi=k, psi=-(1-k)
sub = {a: t, s: 1 - t, ph: k, ps: -(1 - k)}
print("det (phi sigma - psi alpha) under k-param:", sp.expand(det.subs(sub)), " == k(1-t)+(1-k)t ?",
      sp.simplify(det.subs(sub) - (k*(1 - t) + (1 - k)*t)) == 0)
print("v-loss kappa under k-param:", sp.simplify(kappa.subs({xi: 1, eta: -1}).subs(sub)))

# Alg. 1: v = ((1-2k) z + u)/(k(1-t)+(1-k)t) must equal x - e for every k (unclamped)
zz = t*x + (1 - t)*n
uu = k*x - (1 - k)*n
den = k*(1 - t) + (1 - k)*t
v_alg = ((1 - 2*k)*zz + uu)/den
print("Alg1 v - (x - e) =", sp.simplify(v_alg - (x - n)))
# v_pred - v = (uhat - u)/den  => Alg.1 loss == Eq.(15) with kappa = 1/den (v-loss)
v_pred = ((1 - 2*k)*zz + uh)/den
print("Alg1 (v_pred - v) - (uhat-u)/den =", sp.simplify(v_pred - v_alg - (uh - uu)/den))
# general two-parameter target (App. E): u = k0 x - k1 n
k0, k1 = sp.symbols('k0 k1', positive=True)
sub2 = {a: t, s: 1 - t, ph: k0, ps: -k1}
xh2 = xh.subs(sub2); nh2 = nh.subs(sub2)
vpred2 = sp.simplify((xh2 - nh2).subs(uh, uh))
print("two-param v_pred =", sp.factor(sp.simplify(vpred2)))
# gauge: (k0,k1) = s*(kk,1-kk) with network output uh = s*g gives the 1-param v_pred
sc, g, kk = sp.symbols('s g kk', positive=True)
v2 = vpred2.subs({k0: sc*kk, k1: sc*(1 - kk), uh: sc*g})
v1 = ((1 - 2*kk)*zz + g)/(kk*(1 - t) + (1 - kk)*t)
print("two-param v_pred with scale gauge minus one-param v_pred:", sp.simplify(v2 - v1))
# Eq. (13) special cases
for kv, name in [(0, 'eps'), (sp.Rational(1, 2), 'v'), (1, 'x')]:
    print(f"k={kv}: u =", sp.expand(uu.subs(k, kv)), f"  ({name}-prediction up to scale)")
