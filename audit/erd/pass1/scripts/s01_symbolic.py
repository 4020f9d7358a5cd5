"""erd: symbolic checks (SymPy) of the printed formulas.
Covers: Eq.(13) lambda, Eq.(1)/(23) allocation measure M and Remark E.2 (Eq.120),
Prop. E.1 Eqs.(109)-(111),(116)-(119), Remark E.3, Young/Gronwall chain of Prop C.5 / Thm C.6 /
Remark 3.5 (Eqs. 52,56,57,60,61,7), modal bound Thm D.4 (Eqs. 99-102,105,92), Lemma D.1 Eq.(69),
ERD vs P2 / Min-SNR identities, exact (Gaussian) recoverability vs w_y.
Run: python s01_symbolic.py  (few seconds)
"""
import sympy as sp

out = []
def rep(k, v):
    out.append((k, v)); print(f"{k}: {v}")

lam, t = sp.symbols('lambda t', real=True)
a, s = sp.symbols('alpha sigma', positive=True)
cx, ce = sp.symbols('c_x c_e', real=True)
d = sp.symbols('d', positive=True, integer=True)

# ---- Prop E.1: Eq (116)-(119): w_y^2 = (1/d) E||cx a x0 + ce s eps||^2 with E x0=0, Cov x0=I, eps~N(0,I) indep
# E||A x0 + B eps||^2 = A^2 tr(I) + B^2 tr(I) + 2AB E<x0,eps> = d(A^2+B^2)
A, B = cx*a, ce*s
w2 = sp.simplify((A**2*d + B**2*d + 2*A*B*0)/d)
rep("E1.w_y^2 (Eq.118)", w2)
w = sp.sqrt(w2)
# canonical targets (Eq.111)
targets = {
    'x0': (1, 0), 'eps': (0, 1), 'u=eps-x0': (-1, 1), 'v=a eps - s x0': (-s, a)}
for k, (c1, c2) in targets.items():
    rep(f"E1.w[{k}] (Eq.111)", sp.simplify(w.subs({cx: c1, ce: c2})))
rep("E1.v printed a*s, derived sqrt(2)*a*s ratio", sp.simplify(w.subs({cx: -s, ce: a})/(a*s)))
# sign invariance (Remark E.3)
rep("E3.sign invariance w(cx,ce)=w(-cx,ce)", sp.simplify(w - w.subs(cx, -cx)) == 0)

# ---- Exact recoverability for Gaussian data x0~N(0,I) (the Prop E.1 assumptions + Gaussianity)
# E[y|x] = Cov(y,x)/Var(x) x, Cov(y,x)= cx a + ce s, Var(x)= a^2+s^2 (per dim)
rec = sp.Abs(cx*a + ce*s)/sp.sqrt(a**2 + s**2)   # RMS of E[y|x] per dim
floor = sp.simplify(cx**2 + ce**2 - (cx*a + ce*s)**2/(a**2 + s**2))  # Bayes floor per dim
rep("EB.gauss floor per dim", sp.factor(floor))
for k, (c1, c2) in targets.items():
    rep(f"EB.gauss exact recoverable RMS[{k}]", sp.simplify(rec.subs({cx: c1, ce: c2})))
    rep(f"EB.gauss Bayes floor[{k}]", sp.simplify(floor.subs({cx: c1, ce: c2})))
# VP: a^2+s^2=1 -> exact recoverable equals w_y for x0 and eps, but v has zero recoverable signal
vp = {s: sp.sqrt(1 - a**2)}
for k, (c1, c2) in targets.items():
    r_ = sp.simplify(rec.subs({cx: c1, ce: c2}).subs(vp))
    w_ = sp.simplify(w.subs({cx: c1, ce: c2}).subs(vp))
    rep(f"EB.VP exact-vs-w[{k}]", (r_, w_))

# ---- ERD in terms of SNR under VP: a^2 = SNR/(1+SNR), s^2 = 1/(1+SNR)
snr = sp.symbols('SNR', positive=True)
a_snr, s_snr = sp.sqrt(snr/(1+snr)), sp.sqrt(1/(1+snr))
rep("EB.ERD eps weight (VP) = sigma", sp.simplify(s_snr))
k_, g_ = sp.Integer(1), sp.Rational(1, 2)
p2 = 1/(k_ + snr)**g_
rep("EB.ERD eps == P2(k=1,gamma=1/2)?", sp.simplify(s_snr - p2) == 0)
rep("EB.ERD x0 weight (VP)", sp.simplify(a_snr))
# epsilon-equivalent weights: ||x0-x0hat||^2 = ||eps-epshat||^2/SNR ; ||v - vhat||^2 = ||eps-epshat||^2/alpha^2
rep("EB.ERD x0 eps-equivalent", sp.simplify(a_snr/snr))
rep("EB.ERD v eps-equivalent", sp.simplify(sp.sqrt(2)*a_snr*s_snr/a_snr**2))

# ---- Eq (13) and cosine schedule log-SNR; density of lambda if t~U(0,1) (Remark E.2 / Eq.1 Jacobian)
ac, sc = sp.cos(sp.pi*t/2), sp.sin(sp.pi*t/2)
lam_t = sp.log(ac**2/sc**2)
tl = 2/sp.pi*sp.atan(sp.exp(-lam/2))
rep("A1.cosine lambda(t(l)) == l", sp.simplify(lam_t.subs(t, tl) - lam))
dtdl = sp.simplify(sp.diff(tl, lam))
rep("EB.cosine |dt/dlambda| (= lambda-density when t~U)", sp.simplify(-dtdl.rewrite(sp.exp)))
rep("EB.check equals sech(l/2)/(2 pi)", sp.simplify(-dtdl - 1/(2*sp.pi*sp.cosh(lam/2))).rewrite(sp.exp).simplify() == 0)
import math
rep("EB.cosine density ratio p(0)/p(+-10)", float(sp.cosh(5)))
# linear FM: a=1-t, s=t -> lambda=2 log((1-t)/t); dt/dlambda
lf = 2*sp.log((1-t)/t)
rep("EB.linearFM dlambda/dt", sp.simplify(sp.diff(lf, t)))

# ---- Young + Gronwall (Prop C.5, Thm C.6, Remark 3.5)
M, beta, mu, r2, F2, ellb = sp.symbols('M beta mu r2 F2 ellbar', positive=True)
# |M<r,F>| <= M (beta/2 ||r||^2 + 1/(2beta)||F||^2) and ||r||^2 = 2 ellbar/M  (Eq.57)
young = M*(beta/2*(2*ellb/M) + F2/(2*beta))
rep("C5.Young term (Eq.52)", sp.expand(young))
# Gronwall with constants: ellbar' <= -(mu-beta) ellbar + M B/(2 beta)
tau, s_ = sp.symbols('tau s', positive=True)
Bc, l0 = sp.symbols('B ell0', positive=True)
dlt = sp.symbols('delta', positive=True)  # delta = mu - beta > 0 (Remark 3.5 requires beta < mu)
sol = (sp.exp(-dlt*tau)*l0 + sp.integrate(sp.exp(-dlt*(tau-s_))*M*Bc/(2*beta), (s_, 0, tau))).subs(dlt, mu-beta)
rep("R3.5 Gronwall solution (Eq.7)", sp.simplify(sol))
target7 = sp.exp(-(mu-beta)*tau)*l0 + M*Bc/(2*beta*(mu-beta))*(1-sp.exp(-(mu-beta)*tau))
rep("R3.5 matches Eq.7", sp.simplify(sol - target7) == 0)
nb = M*Bc/(2*beta*(mu-beta))
bopt = sp.solve(sp.diff(nb, beta), beta)
rep("EB.optimal beta for neighbourhood", bopt)
rep("EB.optimal neighbourhood", sp.simplify(nb.subs(beta, bopt[0])))
# unweighted residual: ||r||^2 = 2 ellbar/M -> bound independent of M(lambda) at eval level
rep("EB.unweighted neighbourhood 2*nb/M", sp.simplify(2*nb/M))
# time to reach eps above neighbourhood
epsl = sp.symbols('epsilon', positive=True)
rep("R3.5 time to reach eps: solve e^{-(mu-b)tau} l0 = eps", sp.solve(sp.exp(-(mu-beta)*tau)*l0 - epsl, tau))

# ---- Thm D.4 modal: d|a|^2/dt = -2 M k |a|^2 + 2 a eta <= -(2Mk - g)|a|^2 + eta^2/g
k, g, aa, et = sp.symbols('kappa gamma a eta', real=True)
lhs = -2*M*k*aa**2 + 2*aa*et
rhs = -(2*M*k - g)*aa**2 + et**2/g
rep("D4.Young gap rhs-lhs (should be (sqrt(g)a - eta/sqrt(g))^2)", sp.factor(sp.simplify(rhs - lhs)))
rep("D4.ellbar = M/2 sum|a|^2 -> forcing coefficient M/(2 gamma)", sp.Rational(1, 2)*M*(1/g))

# ---- Lemma D.1 Eq.(69)
sm = sp.symbols('sigma_max', positive=True)
m2 = sp.symbols('m2', positive=True)  # E||x0||^2
bound69 = a**2*m2 + (s - sm)**2*d
rep("D1.bound (Eq.69)", bound69)
# exact W2^2 for x0~N(0, c^2 I): q = N(0,(a^2 c^2+s^2) I): W2^2 = d (sqrt(a^2c^2+s^2)-sm)^2
c = sp.symbols('c', positive=True)
exact = d*(sp.sqrt(a**2*c**2 + s**2) - sm)**2
diff_ = sp.simplify(bound69.subs(m2, d*c**2) - exact)
import random
ok = True
for _ in range(2000):
    vals = {a: random.uniform(0, 1), s: random.uniform(0, 3), sm: random.uniform(0, 3), c: random.uniform(0, 3), d: 2}
    if float(diff_.subs(vals)) < -1e-12: ok = False
rep("D1.bound >= exact Gaussian W2^2 on 2000 random draws", ok)

import json
json.dump([(k, str(v)) for k, v in out], open('s01_symbolic_out.json', 'w'), indent=1)
