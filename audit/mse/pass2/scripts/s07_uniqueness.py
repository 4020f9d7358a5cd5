"""mse Prop. 3 / coherence principle: (i) non-uniqueness in M and in the root; (ii) dependence of the MSE-diffusion on t_max
(contradicting the sub-interval motivation of lines 336-341); (iii) REPA sampler diffusion rate from its code vs line 413;
(iv) EDM2 learned uncertainty weighting (EDM2Loss: loss = weight/exp(logvar)*||D-X||^2 + logvar) effect on S_t."""
import numpy as np
from scipy.stats import norm
rr = lambda t: t/(1-t); lrp = lambda t: 1/(t*(1-t)); S2 = lambda t: 1/t**2     # Logis + Vel
def lam_pm(t, M, sign):
    s = np.sqrt(M*S2(t)); return (s + sign*np.sqrt(s*s - lrp(t)))**2
def coh_resid(t, M, lam): return (lam + lrp(t))**2/(4*lam) - M*S2(t)
t = np.array([0.1, 0.3, 0.5, 0.7, 0.9]); tm = 0.996; M = tm/(1-tm)
print("(i) Logis/Vel, tmax=0.996, M=%.1f" % M)
for Mf in [1, 2, 10]:
    lm = lam_pm(t, Mf*M, -1); lp_ = lam_pm(t, Mf*M, +1)
    print(f"   M'={Mf}xM: beta_- / lam_ring' = {np.round(lm/lrp(t), 6)}  residual(28) {np.max(abs(coh_resid(t, Mf*M, lm))):.1e};"
          f"  beta_+ / lam_ring' = {np.round(lp_/lrp(t), 1)} residual {np.max(abs(coh_resid(t, Mf*M, lp_))):.1e}; c_t(beta_-) min = {np.min((lrp(t)/lm)**2-1):.3g}")
print("(ii) dependence on t_max of lam_check'(t)/lam_ring'(t) at t=0.3 and 0.5:")
for tmx in [0.9, 0.96, 0.99, 0.996, 0.999]:
    Mx = tmx/(1-tmx); print(f"   tmax={tmx}: M={Mx:.1f}  ratio(0.3)={lam_pm(0.3, Mx, -1)/lrp(0.3):.3e}  ratio(0.5)={lam_pm(0.5, Mx, -1)/lrp(0.5):.3e}")
# (iii) REPA euler_maruyama_sampler: diffusion g^2 = 2*t_R with t_R = sigma (linear path alpha=1-t_R, sigma=t_R).
# Paper's SDE (35) in Z = alpha*Y has noise coefficient sigma*sqrt(2 lambda'), so lambda' = g^2/(2 sigma^2).
tt = np.array([0.2, 0.5, 0.8]); sig = 1 - tt
lam_repa = 2*sig/(2*sig**2)
print("(iii) REPA code: lambda'(t) = g^2/(2 sigma^2) =", np.round(lam_repa, 4), " = 1/(1-t):", np.round(1/(1-tt), 4),
      "; paper line 413 1/(2t):", np.round(1/(2*tt), 4), "; ML lambda_ring':", np.round(lrp(tt), 4))
# (iv) EDM2 uncertainty weighting: at the optimum exp(logvar(sigma)) = E[weighted loss at sigma] =: Lsig.
# Gaussian data N(0, diag c), mean c = 0.25: Lsig = mean_k 4(s^2+.25) c_k/(c_k+s^2)  (weight*(Bayes X-error)).
d = 2000; k = np.arange(1, d+1); c = k**-1.0; c *= 0.25/c.mean()
for s in [80, 10, 1, 0.3, 0.1, 0.01, 0.002]:
    L = np.mean(4*(s**2+.25)*c/(c+s**2)); print(f"   sigma={s:7}: optimal EDM2 weighted loss per dim = {L:.3f}  -> effective S^2 multiplier 1/L = {1/L:.3f}")
