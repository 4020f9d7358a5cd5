# ERD Prop E.1 (Eqs.108-111), Remarks E.2/E.3, Sec 3.4 -- derived from definitions
import sympy as sp, numpy as np
a,s=sp.symbols('alpha sigma',positive=True)
targets={'x0':(1,0),'eps':(0,1),'u=eps-x0':(-1,1),'v=a*eps-s*x0':(-s,a)}
print("Eq.110 w=sqrt((cx a)^2+(ce s)^2) from E||cx a x0 + ce s eps||^2/d with Cov(x0)=I:")
for k,(cx,ce) in targets.items():
    w=sp.sqrt((cx*a)**2+(ce*s)**2); print(f"  {k:15s} w_y={sp.simplify(w)}   sign-sensitive linear c_x a+c_e s = {sp.simplify(cx*a+ce*s)}")
# Monte Carlo of Eq.109 with non-Gaussian x0 (Rademacher) d=8
rng=np.random.default_rng(0); d=8; N=400000
x0=rng.choice([-1.,1.],size=(N,d)); e=rng.standard_normal((N,d))
for av,sv in [(0.6,0.8),(0.3,0.95)]:
    for k,(cx,ce) in targets.items():
        cxv=float(sp.sympify(cx).subs({a:av,s:sv})); cev=float(sp.sympify(ce).subs({a:av,s:sv}))
        mc=np.sqrt(np.mean(np.sum((cxv*av*x0+cev*sv*e)**2,1))/d); fo=np.sqrt((cxv*av)**2+(cev*sv)**2)
        print(f"  MC a={av} s={sv} {k:14s} {mc:.4f} formula {fo:.4f}")
# with Cov(x0)=C != I the formula changes:
C=np.diag([4,0.25]); print("  Cov(x0)=diag(4,.25): E||cx a x0||^2/d = cx^2 a^2 tr(C)/d -> factor tr(C)/d =",np.trace(C)/2)
# Remark E.3: v has c_x a + c_e s = 0 identically -> 'spurious collapse' of linear alignment: holds
# Recoverability for Gaussian data (exact): E||E[y|x]||^2/d = (cx a + ce s)^2/(a^2+s^2)
print("Gaussian x0 ~ N(0,I): recoverable energy per dim of y = (cx a+ce s)^2/(a^2+s^2); ERD proxy^2 = (cx a)^2+(ce s)^2")
for k,(cx,ce) in targets.items():
    print(f"  {k:15s} recov={sp.simplify((cx*a+ce*s)**2/(a**2+s**2))}  proxy^2={sp.simplify((cx*a)**2+(ce*s)**2)}")
# v: proxy maximal at a=s (sqrt2/2 under VP) where v is exactly independent of x for Gaussian data
lam=np.linspace(-10,10,2001); av=np.sqrt(1/(1+np.exp(-lam))); sv=np.sqrt(1/(1+np.exp(lam)))
wv=np.sqrt(2)*av*sv; print("  VP: argmax_lambda w_v =",lam[np.argmax(wv)], " max",wv.max())
# Eq.111 printed v entry reads 'a(lambda)a(N)' ~ alpha*sigma; derivation gives sqrt(2)*alpha*sigma
print("  v: derived sqrt(2) alpha sigma vs printed alpha sigma: ratio sqrt2 (absorbed by per-target normalization)")
# Remark E.2: uniform lambda with t linear in lambda; cosine schedule (used in G.1): lambda(t)=-2 log tan(pi t/2)
t=sp.symbols('t'); lam_t=-2*sp.log(sp.tan(sp.pi*t/2)); print("  cosine: dlambda/dt =",sp.simplify(sp.diff(lam_t,t)), "(not constant) -> Remark E.2 premise fails for t~U with cosine schedule")
# ERD eps weight under VP = sigma; compare with P2 weighting (k=1,gamma=0.5): 1/(k+SNR)^gamma = 1/sqrt(1+SNR)=sigma
snr=sp.symbols('snr',positive=True); print("  P2(k=1,g=1/2) under VP =",sp.simplify(1/sp.sqrt(1+snr)), " ; ERD-eps sigma = 1/sqrt(1+snr) under VP (a^2+s^2=1)")
# Min-SNR-5 for eps: min(snr,5)/snr
for l in [-6,-2,0,2,6]:
    sn=np.exp(l); print(f"   lam={l:+d} ERD-eps(VP)={1/np.sqrt(1+sn):.4f}  P2(1,.5)={1/np.sqrt(1+sn):.4f}  MinSNR5-eps={min(sn,5)/sn:.4f}")
