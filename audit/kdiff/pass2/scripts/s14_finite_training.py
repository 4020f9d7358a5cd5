# kdiff: finite training time in the paper's linear model (Eq. 9, kappa=1, U[0,1], W(0)=0).
# Each mode: c(T) = c*(1-exp(-lam T)), loss = L* + a/2 * c*^2 exp(-2 lam T), with a = int D~(alpha^2+sigma^2) (par) or int D~ sigma^2 (perp), lam = a/tau.
import numpy as np
from scipy.optimize import minimize_scalar
def loss(k, r, T):   # per ambient dim, tau=1
    apar, aperp = 2/3, 1/3
    cpar = (k-0.5)/apar; cperp = -(1-k)*0.5/aperp
    Lpar = 0.5*(0.5*k**2-0.5*k+0.625) + 0.5*apar*cpar**2*np.exp(-2*apar*T)
    Lperp = 0.5*(1-k)**2/4 + 0.5*aperp*cperp**2*np.exp(-2*aperp*T)
    return r*Lpar + (1-r)*Lperp
for r in [0.5, 0.1]:
    out=[]
    for T in [0, 0.5, 1, 2, 4, 8, 1e3]:
        out.append(f"T={T:g}:{minimize_scalar(lambda k: loss(k,r,T), bounds=(0,1), method='bounded').x:.3f}")
    print(f"d/D={r} (k*_inf={1/(1+r):.3f}): argmin_k loss(W(T)) ->", "  ".join(out))
