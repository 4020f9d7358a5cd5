"""mse paper: symbolic checks of Sec. 2-5 and App. A (sympy). Run: python s01_symbolic.py"""
import sympy as sp
out = {}
t, s, dt = sp.symbols('t s Delta', positive=True)
X, e, Y = sp.symbols('X epsilon Y', real=True)
a, sg = sp.Function('alpha')(t), sp.Function('sigma')(t)
rr = a/sg  # rho-ring
def chk(name, expr):
    v = sp.simplify(expr)
    out[name] = v
    print(f"{name:55s} -> {v}")

# Eq.(3) identity: u_hat-u = S(eps_hat-eps) = -rho_ring S (Xhat - X)
A, S, eh = sp.symbols('A S epshat', real=True)
Ybar = X + e/rr
uhat = A*Ybar + S*eh
u = A*Ybar + S*e
Xhat = Ybar - eh/rr
chk("Eq3: (uhat-u) - S(eh-e)", uhat-u - S*(eh-e))
chk("Eq3: S(eh-e) + rr*S*(Xhat-X)", S*(eh-e) + rr*S*(Xhat-X))
# data target u = B Ybar - C X  -> S = C/rr
B, C = sp.symbols('B C', real=True)
Yf = sp.symbols('Ybar_free', real=True)  # treat Ybar as the independent variable, X = Ybar - eps/rr
chk("data target: coeff of eps in B*Ybar-C*X minus C/rr", sp.expand(B*Yf - C*(Yf - e/rr)).coeff(e) - C/rr)
# Vel: v = a'X + s'eps = a' Ybar - lam_ring' sigma eps
lamr_p = sp.diff(sp.log(a/sg), t)
v = sp.diff(a, t)*X + sp.diff(sg, t)*e
chk("Vel: v - (a'Ybar - lamr' sigma eps)", v - (sp.diff(a, t)*Ybar - lamr_p*sg*e))
# F-pred EDM: F = (X - c_skip Ybar)/c_out, sigma_data=1/2, alpha=1, sigma=1/rr
r = sp.symbols('rho', positive=True)
sig = 1/r; sd = sp.Rational(1, 2)
cskip = sd**2/(sig**2+sd**2); cout = sig*sd/sp.sqrt(sig**2+sd**2)
Yb = X + sig*e
F = (X - cskip*Yb)/cout
Fpaper = sp.sqrt(4+r**2)*X - r**2/sp.sqrt(4+r**2)*Yb
chk("F-pred: EDM target - printed F_t", sp.simplify(F - Fpaper))
# S for F-pred: coefficient of eps in F (as function of X,eps)
Yf2 = sp.symbols('Ybar_free2', real=True)
F_Y = Fpaper.subs(X, Yf2 - e*sig)  # express target in (Ybar, eps): X = Ybar - eps/rr, and Yb -> Ybar
F_Y = sp.sqrt(4+r**2)*(Yf2 - e*sig) - r**2/sp.sqrt(4+r**2)*Yf2
Seps = sp.simplify(sp.expand(F_Y).coeff(e))
chk("F-pred: |coef eps| - sqrt(4/r^2+1)", sp.simplify(Seps**2 - (4/r**2+1)))
# Logis
tt = sp.symbols('t', positive=True)
lam_log = sp.log(tt/(1-tt))
chk("Logis lamr'", sp.diff(lam_log, tt) - 1/(tt*(1-tt)))
chk("Logis Vel S = lamr' sigma - 1/t", sp.diff(lam_log, tt)*(1-tt) - 1/tt)
# Sech: hyperbolic secant quantile: CDF F(x) = 2/pi atan(exp(pi x/2)); check F((2/pi) log tan(pi p/2)) = p
p = sp.symbols('p', positive=True)
xq = 2/sp.pi*sp.log(sp.tan(sp.pi*p/2))
import mpmath as mp
vals = [float(2/mp.pi*mp.atan(mp.e**(mp.pi*float(xq.subs(p, pv))/2))) - pv for pv in [0.1, 0.37, 0.8]]
out["Sech quantile residuals"] = vals; print("Sech quantile residuals", vals)
# SechInter alpha, sigma: alpha^2/sigma^2 = exp(2 lam)
lam = sp.symbols('lambda', real=True)
al2 = 1/(1+sp.exp(-2*lam)); chk("SechInter alpha^2/(1-alpha^2) - e^{2lam}", al2/(1-al2) - sp.exp(2*lam))
# VelN: logit-normal(0,1) density times Vel S^2
pi_t = 1/sp.sqrt(2*sp.pi)/(tt*(1-tt))*sp.exp(-lam_log**2/2)
S_veln = sp.diff(lam_log, tt)*(1-tt)*sp.exp(-lam_log**2/4)/((2*sp.pi)**sp.Rational(1, 4)*sp.sqrt(tt*(1-tt)))
chk("VelN: S^2 - pi_LN(t)*(lamr' sigma)^2", sp.simplify(S_veln**2 - pi_t*(sp.diff(lam_log, tt)*(1-tt))**2))
# Eq. (8),(9) from (5)
rs, rt, rrs, rrt, xi, es = sp.symbols('rho_s rho_t rr_s rr_t xi eps_s', positive=True)
et = (rs*es + sp.sqrt(rt**2-rs**2)*xi)/rt
Ys = X + es/rrs; Yt = X + et/rrt
chk("Eq8 residual", rt*rrt*Yt - (rs*rrs*Ys + (rt*rrt-rs*rrs)*X + sp.sqrt(rt**2-rs**2)*xi))
# mu_s two forms (Sec 4.1): with alpha_s, sigma_s etc
als, alt = sp.symbols('alpha_s alpha_t', positive=True)
sgs, sgt = als/rrs, alt/rrt
zs = als*X + sgs*es
mu1 = sgt*rs/(sgs*rt)*zs + sgt/rt*(rt*rrt - rs*rrs)*X
mu2 = alt/als*zs - sgt*(rrt/rrs - rs/rt)*es
chk("mu_s form1 - form2", mu1-mu2)
chk("mu_s form1 - (alpha_t X + sigma_t rho_s/rho_t eps_s)", mu1 - (alt*X + sgt*rs/rt*es))
# KL (17): ||mu-muhat||^2/(2 sigma_t^2 (1-rs^2/rt^2)) with mu-muhat = -sigma_t(rrt/rrs - rs/rt)(eps - epshat)
w17 = (rrt/rrs - rs/rt)**2/(2*(1-rs**2/rt**2))
out["w17"] = w17
# Prop 2 limit: w^N/Delta -> (lam'+lamr')^2/(4 lam')
lp, lrp = sp.symbols("lp lrp", positive=True)
wN = ((sp.exp(lrp*dt) - sp.exp(-lp*dt))**2/(2*(1-sp.exp(-2*lp*dt))))/dt
ser = sp.series(wN, dt, 0, 2).removeO()
chk("Prop2: lim w^N/Delta - (l'+lr')^2/(4l')", sp.limit(wN, dt, 0) - (lp+lrp)**2/(4*lp))
chk("Prop2: O(Delta) coefficient", sp.simplify(ser.coeff(dt, 1)))
# (24)
chk("Eq24", (lp+lrp)**2/(4*lp) - (lrp + (lp-lrp)**2/(4*lp)))
# (26): minimize (l-lr)^2/l + c l
c = sp.symbols('c', positive=True)
f = (lp-lrp)**2/lp + c*lp
sol = sp.solve(sp.diff(f, lp), lp)
out["Eq26 stationary points"] = sol; print("Eq26 stationary points", sol)
# Prop 3: roots of (b+bo)^2/(4b) = s2
b, bo, s2, Mv, St = sp.symbols('b bo s2 M S_t', positive=True)
roots = sp.solve(sp.Eq((b+bo)**2/(4*b), s2), b)
out["Prop3 roots"] = roots; print("Prop3 roots", roots)
bm = (sp.sqrt(s2)-sp.sqrt(s2-bo))**2; bpl = (sp.sqrt(s2)+sp.sqrt(s2-bo))**2
chk("Prop3 beta_- solves (42)", (bm+bo)**2/(4*bm) - s2)
chk("Prop3 beta_+ solves (42)", (bpl+bo)**2/(4*bpl) - s2)
chk("Prop3 beta_- beta_+ - bo^2", sp.expand(bm*bpl) - bo**2)
# Example: Logis+Vel
tm = sp.symbols('t_max', positive=True)
lrp_ex = 1/(tt*(1-tt)); S_ex = 1/tt
ratio = sp.simplify(lrp_ex/S_ex**2); print("Example lamr'/S^2 =", ratio)
M_ex = tm/(1-tm)
lchk = (sp.sqrt(M_ex)*S_ex - sp.sqrt(M_ex*S_ex**2 - lrp_ex))**2
lchk_paper = (sp.sqrt(M_ex) - sp.sqrt(M_ex - tt/(1-tt)))**2/tt**2
import numpy as np
for tv, tmv in [(0.3, 0.9), (0.7, 0.99), (0.05, 0.996)]:
    d = float((lchk - lchk_paper).subs({tt: tv, tm: tmv}))
    print(f"Example lam_check' printed vs (30) at t={tv},tmax={tmv}: diff={d:.3e}")
g = sp.sqrt((tm-tt)/(tm*(1-tt)))
compact = -sp.log(tt/(1-tt)) - sp.log((1+g)/(1-g)) + 2*tm/(1-tm)*(1-tt)/tt*(g-1)
dcompact = sp.diff(compact, tt)
for tv, tmv in [(0.3, 0.9), (0.7, 0.99), (0.05, 0.996), (0.5, 0.95)]:
    v1 = float(dcompact.subs({tt: tv, tm: tmv})); v2 = float(lchk_paper.subs({tt: tv, tm: tmv}))
    v3 = float(compact.subs({tt: tv, tm: tmv}))
    print(f"compact form: t={tv} tmax={tmv}: d/dt(compact)={v1:.6g}, lam_check'={v2:.6g}, compact itself={v3:.6g}")
# Discrete (Sec 5): w(eta) from (17)
gam, eta, K = sp.symbols('gamma eta K', positive=True)
a_ = sp.sqrt(1-eta**2)
w_from17 = (sp.sqrt(gam) - a_)**2/(2*eta**2)
w_printed = (sp.sqrt(gam) - a_)**2/(eta**2)
chk("discrete w: printed/(17)", w_printed/w_from17)
etaring = sp.sqrt(1-1/gam)
chk("d w/d eta at eta_ring (printed argmin)", sp.diff(w_from17, eta).subs(eta, etaring))
chk("min w (17 version) at eta_ring", w_from17.subs(eta, etaring) - (gam-1)/2)
# eta_check printed: (g-1)/(sqrt(2 M S^2 g) + sqrt(2 M S^2 + 1 - g)) with K = 2 M S^2
eta_chk = (gam-1)/(sp.sqrt(K*gam) + sp.sqrt(K+1-gam))
for gv, Kv in [(1.5, 1.0), (1.9, 17.7), (4.54, 3.54), (1.02, 0.5)]:
    ev = float(eta_chk.subs({gam: gv, K: Kv}))
    w17v = float(w_from17.subs({gam: gv, eta: ev})); wpv = float(w_printed.subs({gam: gv, eta: ev}))
    print(f"eta_check gamma={gv} K=2MS^2={Kv}: eta={ev:.6f} w(17)={w17v:.6f} (target MS^2=K/2={Kv/2}) w_printed={wpv:.6f}")
# Appendix: SDE (36) sign: (lam'+lamr')(Xhat - Y) with Xhat = Y - eps_hat/rr
Yv, ehv, rrv = sp.symbols('Y eh rr', positive=True)
chk("App (36): (Xhat-Y) + eh/rr  [0 => drift = -(1/rr)(l'+lr')eh]", (Yv - ehv/rrv) - Yv + ehv/rrv)
# (31): from (10): Yt - Ys = (rs/rt - 1) Ys + (1 - rs/rt) Xs + beta xi
Rs, Rt, Ysv, Xsv = sp.symbols('r_s r_t Y_s X_s', positive=True)
lhs = (Rs/Rt - 1)*Ysv + (1-Rs/Rt)*Xsv
printed31 = ((Rs-Rt)/dt*Ysv + (Rt-Rs)/dt*Xsv)*dt
chk("(31) printed drift - derived drift (should be 0)", sp.simplify(printed31 - lhs))
# Oracle variance check for SDE (34) conditional on X: v' = -2(l'+lr')v + 2 l'/rr^2 with v = rr^-2
chk("marginal: d/dt rr^-2 - [-2(l'+lr') rr^-2 + 2 l' rr^-2]", -2*lrp/rrv**2 - (-2*(lp+lrp)/rrv**2 + 2*lp/rrv**2))
import pickle
