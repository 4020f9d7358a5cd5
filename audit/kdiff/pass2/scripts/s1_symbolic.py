# kdiff: symbolic checks of Eqs. (3),(17)-(26) (App. A), (51)-(55) (App. D), Thm 3.2 (Eq. 14),
# Algorithm 1 identity, EDM F-target equivalence.
import sympy as sp
a,s,ph,ps,xi,eta,k,t,D,d = sp.symbols('alpha sigma varphi psi xi eta k t D d', real=True)
x,n,uh = sp.symbols('x n uhat')
z = a*x+s*n; u = ph*x+ps*n
den = ph*s-ps*a
# Eq 17
print("Eq17a:", sp.simplify((-ps*z+s*u)/den - x)==0, " Eq17b:", sp.simplify((ph*z-a*u)/den - n)==0)
xh = (-ps*z+s*uh)/den; nh=(ph*z-a*uh)/den
# Eq 16 consistency
print("Eq16a:", sp.simplify(a*xh+s*nh - z)==0, " Eq16b:", sp.simplify(ph*xh+ps*nh-uh)==0)
kap = sp.simplify(((xi*xh+eta*nh)-(xi*x+eta*n))/(uh-u))
print("kappa (Eq22):", sp.factor(kap), " matches:", sp.simplify(kap-(xi*s-eta*a)/den)==0)
for name,(X,E),pr in [("u-loss(23)",(ph,ps),1),("x(24)",(1,0),s/den),("eps(25)",(0,1),-a/den),("v(26)",(1,-1),(a+s)/den)]:
    kk = (X*s-E*a)/den
    print(name, sp.simplify(kk-pr)==0)
# Algorithm 1: with alpha=t, sigma=1-t, phi=k, psi=-(1-k)
e = n
zt = t*x+(1-t)*e; ut = k*x-(1-k)*e; dn = k*(1-t)+(1-k)*t
v = sp.simplify(((1-2*k)*zt+ut)/dn)
print("Alg1 v target =", sp.simplify(v), "  (independent of k?)", sp.simplify(v-(x-e))==0)
print("Alg1 denominator equals phi*sigma-psi*alpha:", sp.simplify(den.subs({a:t,s:1-t,ph:k,ps:-(1-k)})-dn)==0)
print("den linear: den(t=0)=",dn.subs(t,0)," den(t=1)=",dn.subs(t,1), " den-1/2-(1-2k)(t-1/2)=", sp.expand(dn-sp.Rational(1,2)-(1-2*k)*(t-sp.Rational(1,2))))
# v-loss kappa in Alg 1:
print("Alg1 kappa (v-loss) =", sp.simplify(((t+(1-t))/dn)))
# App D, Eq 51-55 with uniform t, kappa=1
I = lambda f: sp.integrate(f,(t,0,1))
par = (k**2+(1-k)**2)*I(1) - (k*I(t)-(1-k)*I(1-t))**2/I(t**2+(1-t)**2)
perp = (1-k)**2*I(1) - (1-k)**2*I(1-t)**2/I((1-t)**2)
Delta = sp.Rational(1,2)*d*par + sp.Rational(1,2)*(D-d)*perp
print("54b check:", sp.simplify(Delta - (sp.Rational(1,2)*d*(k**2/2-k/2+sp.Rational(5,8))+sp.Rational(1,8)*(D-d)*(1-k)**2))==0)
print("54c check:", sp.simplify(Delta - (d/4*(k**2-k+sp.Rational(5,4))+(D-d)*(1-k)**2/8))==0)
print("54d check:", sp.simplify(Delta - (2*(D+d)*k**2-4*D*k+(2*D+3*d))/16)==0)
ks = sp.solve(sp.diff(Delta,k),k); print("k* =", ks, " second deriv:", sp.simplify(sp.diff(Delta,k,2)))
# direct per-direction derivation of Eq 12 (independent of paper's algebra): parallel residual (c a - phi) x + (c s - psi) n
c = sp.symbols('c')
Lpar = I(((c*t-k)**2 + (c*(1-t)+(1-k))**2))
cst = sp.solve(sp.diff(Lpar,c),c)[0]
Lperp = I((c*(1-t)+(1-k))**2); cpt = sp.solve(sp.diff(Lperp,c),c)[0]
Dd = sp.Rational(1,2)*d*Lpar.subs(c,cst)+sp.Rational(1,2)*(D-d)*Lperp.subs(c,cpt)
print("direct per-direction Delta == 54d:", sp.simplify(Dd-(2*(D+d)*k**2-4*D*k+(2*D+3*d))/16)==0, " c_par*=",sp.simplify(cst)," c_perp*=",sp.simplify(cpt))
# Remark 'Third': share of perpendicular loss at k=k*
kst = D/(D+d)
par_v = d/4*(kst**2-kst+sp.Rational(5,4)); perp_v = (D-d)*(1-kst)**2/8
for rr in [1,2,10,100,1000]:
    vals = {D:rr, d:1}
    print(f"D/d={rr}: k*={float(kst.subs(vals)):.4f}  par={float(par_v.subs(vals)):.4f} perp={float(perp_v.subs(vals)):.5f} perp share={float((perp_v/(par_v+perp_v)).subs(vals)):.4f}"
          f" | at k=0.5: perp share={float(((D-d)/32/((d/4)*(1.0)+(D-d)/32)).subs(vals)):.4f}")
# EDM F target with sigma_d=1 vs Salimans-Ho v (VP): F = (sigma*y - sd^2 eps)/(sd*sqrt(sigma^2+sd^2))
sg, sd, y, ep = sp.symbols('sigma_e sigma_d y epsilon', positive=True)
cskip = sd**2/(sg**2+sd**2); cout = sg*sd/sp.sqrt(sg**2+sd**2)
F = (y - cskip*(y+sg*ep))/cout
F1 = sp.simplify(F.subs(sd,1))
al = 1/sp.sqrt(1+sg**2); sv = sg/sp.sqrt(1+sg**2)
vSH = al*ep - sv*y
print("EDM F (sigma_d=1) + v_SH == 0 :", sp.simplify(F1 + vSH)==0, "  F =", F1)
