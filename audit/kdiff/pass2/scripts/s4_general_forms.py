# kdiff: general forms of Thm 3.2 (kappa=1): arbitrary sampler moments, non-whitened data (variance lam), and
# the v-loss landscape at D=d (Alg. 1 objective) -- closed forms with sympy.
import sympy as sp
k,r,lam,c,t = sp.symbols('k r lambda c t', real=True)
mu1, m2 = sp.symbols('mu1 m2', positive=True)   # E[t], E[t^2] under sampler
# kappa=1: per-dim parallel A(k) and perp B(k) with E t = mu1, E t^2 = m2, E(1-t)=1-mu1, E(1-t)^2 = 1-2mu1+m2
E1t = 1-mu1; E1t2 = 1-2*mu1+m2
A = (k**2+(1-k)**2) - (k*mu1-(1-k)*E1t)**2/(m2+E1t2)
B = (1-k)**2*(1 - E1t**2/E1t2)
Delta = r*A + (1-r)*B
ks = sp.solve(sp.diff(Delta,k),k)[0]
print("general k* (kappa=1, any sampler):", sp.simplify(ks))
print("symmetric sampler mu1=1/2 :", sp.simplify(ks.subs(mu1,sp.Rational(1,2))), "(should be 1/(1+r) = D/(D+d))")
import numpy as np
from scipy import integrate
def ln_moments(m,s):
    f=lambda y,p: (1/(1+np.exp(-y)))**p*np.exp(-(y-m)**2/(2*s*s))/np.sqrt(2*np.pi)/s
    return integrate.quad(lambda y:f(y,1),-40,40)[0], integrate.quad(lambda y:f(y,2),-40,40)[0]
for name,(m,s) in [("LN(0,1) latent",(0,1)),("LN(-0.8,0.8) pixel",(-0.8,0.8))]:
    a1,a2 = ln_moments(m,s)
    print(f"{name}: E t={a1:.4f}, E t^2={a2:.4f}")
    for rv in [1,0.5,0.1,0.01]:
        kv = float(ks.subs({mu1:a1,m2:a2,r:rv}))
        print(f"   d/D={rv}: unconstrained k*={kv:.4f}  (clipped to [0,1]: {min(max(kv,0),1):.4f})   D/(D+d)={1/(1+rv):.4f}")
# non-whitened: parallel directions have variance lam (noise variance 1), uniform t, kappa=1
Ipar = sp.integrate(lam*(c*t-k)**2 + (c*(1-t)+(1-k))**2,(t,0,1))
cst = sp.solve(sp.diff(Ipar,c),c)[0]; Apar = sp.simplify(Ipar.subs(c,cst))
Bperp = (1-k)**2/4
ksl = sp.solve(sp.diff(r*Apar+(1-r)*Bperp,k),k)
print("\nnon-whitened k*(lambda, r) solutions:", [sp.simplify(s_) for s_ in ksl])
kfun = sp.lambdify((lam,r), ksl[0])
for lv in [0.0625,0.25,1,4]:
    print(f"  lambda={lv}: " + "  ".join(f"d/D={rv}: k*={kfun(lv,rv):.4f}" for rv in [1,0.5,0.1,0.01]))
# v-loss (kappa=1/den), uniform t, D=d: A_v(k); is k=1/2 a local max?
den = k*(1-t)+(1-k)*t
a = sp.symbols('a')
# v_pred = a z / den, target v = x - n ; per-dim loss (a t/den - 1)^2 + (a (1-t)/den + 1)^2
kv = sp.Rational(1,2)
L05 = sp.integrate(((a*t/kv-1)**2 + (a*(1-t)/kv+1)**2).subs(k,kv),(t,0,1))
print("\nv-loss, D=d, uniform, k=1/2: min_a loss =", sp.simplify(L05.subs(a, sp.solve(sp.diff(L05,a),a)[0])))
import numpy as np
tt = np.linspace(0,1,400001)[1:-1]; wt = np.full_like(tt, 1/len(tt))
def Av(kk, p=None):
    p = wt if p is None else p
    dn = kk*(1-tt)+(1-kk)*tt
    M = np.array([[np.sum(p*((tt/dn)**2+((1-tt)/dn)**2))]]); b = np.sum(p*((tt/dn)-((1-tt)/dn)))
    aa = b/M[0,0]; return np.sum(p*((aa*tt/dn-1)**2+(aa*(1-tt)/dn+1)**2))
print("v-loss D=d uniform: A_v(k) for k in [0.05,0.1,0.3,0.45,0.5,0.55,0.7,0.9,0.95,0.99]:")
print("  ", [round(Av(kk),5) for kk in [0.05,0.1,0.3,0.45,0.5,0.55,0.7,0.9,0.95,0.99]])
