"""mse line 473: 'HeunUDS (15) in the flow version performs worse than the original HeunEDM2 - likely due to the choice of the
EDM2 non-uniform time grid'. Test on Gaussian data (exact denoiser) whether the gap depends on the grid: same grids for both."""
import numpy as np, importlib.util, sys
spec = importlib.util.spec_from_file_location("t1", "s04_gauss_table1.py")
src = open("s04_gauss_table1.py").read().split("def table(")[0]   # reuse definitions only
ns = {}; exec(src, ns)
c, FD, run_uds, run_edm_heun = ns['c'], ns['FD'], ns['run_uds'], ns['run_edm_heun']
def karras(n, rho, smax=80., smin=0.002):
    i = np.arange(n); return (smax**(1/rho) + i/(n-1)*(smin**(1/rho) - smax**(1/rho)))**rho
def loguni(n, smax=80., smin=0.002): return np.exp(np.linspace(np.log(smax), np.log(smin), n))
print("32 noise levels, exact denoiser; FD HeunEDM2 vs HeunUDS-flow vs EulerUDS-flow(63 levels)")
for name, g in [("karras rho=3", karras(32, 3)), ("karras rho=5", karras(32, 5)), ("karras rho=7 (EDM2)", karras(32, 7)),
                ("karras rho=12", karras(32, 12)), ("log-uniform", loguni(32))]:
    print(f"  {name:22s} HeunEDM2={FD(run_edm_heun(g, c)):.4e}  HeunUDS={FD(run_uds(g, c, 'flow', True)):.4e}")
# DDPM identity (line 228-229): EulerUDS with reversible eta equals the DDPM posterior step q(x_{t}|x_s, x0=Xhat) in Y-scale
s, t = 0.7, 0.3   # sigmas: s noisier
rr_s, rr_t = 1/s, 1/t
ddpm_mean_coef_Y = (t**2/s**2)                      # E[Y_t|Y_s,X] = X + (sig_t^2/sig_s^2)(Y_s - X)
ddpm_var = t**2*(1 - t**2/s**2)
q = (rr_s/rr_t)**2; beta2 = (1/rr_t)**2*(1 - rr_s**2/rr_t**2)
print("DDPM identity: q - sig_t^2/sig_s^2 =", q - ddpm_mean_coef_Y, "; beta^2 - posterior var =", beta2 - ddpm_var)
# DDIM identity: flow: q = rr_s/rr_t ; DDIM: Y_t = Xhat + (sig_t/sig_s)(Y_s - Xhat)
print("DDIM identity: q_flow - sig_t/sig_s =", rr_s/rr_t - t/s)
