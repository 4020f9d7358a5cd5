# kdiff: Thm 3.2 with a non-white data spectrum (kappa=1, uniform t). Conjecture from s4: k* = D/(D + tr Sigma_x)
# (noise variance 1). Check numerically for heterogeneous spectra; d drops out, only tr Sigma_x matters.
import numpy as np
from scipy.optimize import minimize_scalar
def A(lam,k):   # per-direction optimal loss, variance lam, uniform t, kappa=1  (integrals exact)
    # int (c t - k)^2 lam + (c(1-t)+(1-k))^2 dt ; minimise over c
    a2 = lam/3 + 1/3; a1 = lam*k/2 - (1-k)/2; a0 = lam*k**2 + (1-k)**2
    return a0 - a1**2/a2
def Delta(k, lams, D):
    lams = np.asarray(lams); return sum(A(l,k) for l in lams) + (D-len(lams))*A(0.0,k)
rng = np.random.default_rng(1)
for D, lams in [(100, np.ones(10)), (100, 0.1*np.ones(100)), (100, rng.exponential(1.0, 30)),
                (1000, 1/np.arange(1,501)**1.0), (50, rng.uniform(0,4,50)), (8192, np.ones(8192)*1.0), (196608, 0.25*np.ones(196608))]:
    res = minimize_scalar(lambda k: Delta(k,lams,D), bounds=(0,1), method='bounded', options={'xatol':1e-10})
    print(f"D={D:6d} d={len(lams):6d} trSigma={lams.sum():9.3f}: k*_num={res.x:.6f}  D/(D+trSigma)={D/(D+lams.sum()):.6f}  D/(D+d)={D/(D+len(lams)):.6f}")
