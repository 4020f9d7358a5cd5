# ERD Lemma D.1 (Eq.68-70) and the pathwise coercivity assumption (Eq.5/59/71)
import numpy as np
from scipy.linalg import sqrtm
rng=np.random.default_rng(0)
# D.1: Gaussian data N(m,C) so exact W2 to N(0,smax^2 I) is closed form
d=3; m=np.array([1.,-2.,0.5]); C=np.diag([2.,0.5,1.])
def W2sq(mu1,C1,mu2,C2):
    r=sqrtm(C2); return float(np.sum((mu1-mu2)**2)+np.trace(C1+C2-2*np.real(sqrtm(r@C1@r))))
for nm,f in [('VP',lambda l:(np.sqrt(1/(1+np.exp(-l))),np.sqrt(1/(1+np.exp(l))))),('FM a+s=1',lambda l:(1/(1+np.exp(-l/2)),1/(1+np.exp(l/2))))]:
    for l in [0,-4,-8,-16]:
        a,s=f(l); ex=W2sq(a*m,a*a*C+s*s*np.eye(d),np.zeros(d),np.eye(d))
        bd=a*a*(m@m+np.trace(C))+(s-1)**2*d
        print(f" {nm:9s} lam={l:+4d} exact W2^2={ex:.3e}  Eq.69 coupling bound={bd:.3e}  bound>=exact: {bd>=ex-1e-12}")
# VE schedule: alpha=1, sigma=e^{-lam/2} -> no finite sigma_max: premise of D.1 fails
print(" VE: sigma(lam)=exp(-lam/2) -> infinity as lam->-inf; Lemma D.1 premise (finite sigma_max, alpha->0) fails; alpha=1 const.")
# Pathwise coercivity: random-feature model f(x)=W phi(x), NTK Theta(x,x')=phi(x)^T phi(x') I.
# Term in Eq.5: M(l) < r(.,l), M(l_tau) Theta((.,l),(x_tau,l_tau)) r(x_tau,l_tau) >_{L2(q_l)}
D=64; Wr=rng.standard_normal((D,3)); br=rng.uniform(0,2*np.pi,D)
phi=lambda X: np.sqrt(2/D)*np.cos(X@Wr.T+br)      # inputs (x1,x2,lambda)
Xev=np.c_[rng.standard_normal((4000,2)),np.zeros(4000)]      # evaluation level lambda=0
rfun=lambda X: np.c_[np.sin(X[:,0])+0.3*X[:,2], np.cos(X[:,1])*X[:,0]]   # an arbitrary residual field r(x,lambda)
Pev=phi(Xev); Rev=rfun(Xev); lt=0.5*np.mean(np.sum(Rev**2,1))
Xs=np.c_[rng.standard_normal((20000,2))*1.5,rng.uniform(-5,5,20000)]
k=Pev@phi(Xs).T            # Theta between eval points and sampled path points (scalar kernel x I)
terms=np.mean(np.sum(Rev[:,None,:]*0,2),0) if False else (np.mean(Rev[:,0,None]*k,0)*rfun(Xs)[:,0]+np.mean(Rev[:,1,None]*k,0)*rfun(Xs)[:,1])
print(f" pathwise coercivity term over 20000 sampled (x_tau,lambda_tau): fraction negative = {np.mean(terms<0):.3f}; mean/l~ = {terms.mean()/lt:.4f}; min/l~ = {terms.min()/lt:.3f}")
print("  -> Eq.5 with mu>0 cannot hold along a sample path when the term is negative at some sampled points; it holds only on average (population kernel is PSD)")
