"""mse Fig. 1 / Sec. 6: diffusion sizes beta_{t-dt,t} of ML- and MSE-diffusion for RAE, LightningDiT, SiD2, EDM2,
recomputed from the printed formulas: schedules (Sec. 2), Eq. (30) with M of Eq. (29), discrete eta_check (Sec. 5),
approximation eta^2 ~ 2 dt lambda' (line 390). t0/t_max are NOT stated in the paper for the uniform grids: several readings."""
import numpy as np
from scipy.stats import norm
from scipy.special import expit
L16 = np.log(16.0)
def logis(t):   lam = np.log(t/(1-t)); lp = 1/(t*(1-t)); return lam, lp
def sechint(t): lam = np.log(np.tan(np.pi*t/2)) + L16*(t-1); lp = np.pi/np.sin(np.pi*t) + L16; return lam, lp
def normal(t):  z = norm.ppf(t); return z + 0.4, 1/norm.pdf(z)
def S2_vel(t):   lam, lp = logis(t); return (lp*(1-t))**2
def S2_velln(t): lam, lp = logis(t); piLN = norm.pdf(np.log(t/(1-t)))/(t*(1-t)); return (lp*(1-t))**2*piLN
def S2_sigm(t):  lam, lp = sechint(t); return 2*lp*expit(-(2*lam+3))
def S2_fpred(t): lam, lp = normal(t); return 4*np.exp(-2*lam) + 1
MODELS = {"RAE (Logis,Vel)": (logis, S2_vel), "LightningDiT (Logis,VelLN)": (logis, S2_velln),
          "SiD2 (SechInter,Sigmoid)": (sechint, S2_sigm), "EDM2 (Normal,F-pred)": (normal, S2_fpred)}
def Mcont(sched, S2, t0, tm):
    u = np.linspace(t0, tm, 200001); lam, lp = sched(u); r = lp/S2(u); i = np.argmax(r); return r[i], u[i]
def lam_check_p(sched, S2, t, M):   # Eq. (30) with reading sqrt(M) S_t
    lam, lp = sched(t); s = np.sqrt(M*S2(t)); return (s - np.sqrt(np.maximum(s**2 - lp, 0)))**2
def sizes(name, grid):
    sched, S2 = MODELS[name]; t0, tm = grid[0], grid[-1]
    M, targ = Mcont(sched, S2, t0, tm)
    s, t = grid[:-1], grid[1:]; dt = t - s
    lam_s, _ = sched(s); lam_t, lp_t = sched(t); rr_t = np.exp(lam_t)
    gam = np.exp(2*(lam_t - lam_s))
    beta_ml = np.sqrt(1 - 1/gam)/rr_t                      # exact reversible size
    beta_ml_approx = np.sqrt(2*dt*lp_t)/rr_t               # line 390 approximation
    lcp = lam_check_p(sched, S2, t, M)
    beta_A = np.sqrt(2*dt*lcp)/rr_t                        # reading A: eta^2 = 2 dt lambda_check'
    # reading C: discrete Sec. 5 formula with M_d = max (gamma-1)/(2 S_t^2)
    S2t = S2(t); Md = np.max((gam - 1)/(2*S2t)); K = 2*Md*S2t
    eta_C = (gam - 1)/(np.sqrt(K*gam) + np.sqrt(np.maximum(K + 1 - gam, 0)))
    beta_C = eta_C/rr_t
    return dict(M=M, targ=targ, Md=Md, t=t, ml=beta_ml, mla=beta_ml_approx, A=beta_A, C=beta_C, etaA=beta_A*rr_t, etaC=eta_C, sig=1/np.sqrt(1+rr_t**2))
def summarize(name, grid, label):
    r = sizes(name, grid); t = r['t']; n = len(t)
    late = t >= grid[0] + 0.5*(grid[-1]-grid[0]); last = np.arange(n) >= int(0.75*n)
    def st(x, m): return f"max {x[m].max():.2e} med {np.median(x[m]):.2e}"
    print(f"  [{label}] t0={grid[0]:.3g} tmax={grid[-1]:.6g} N={n}  M_cont={r['M']:.4g} (attained at t={r['targ']:.6g}), M_disc={r['Md']:.4g}")
    print(f"     beta ML   2nd half: {st(r['ml'], late)} | first step {r['ml'][0]:.3g}")
    print(f"     beta MSE(A: eq30 + 2dt*lam')  2nd half: {st(r['A'], late)} | last quarter {st(r['A'], last)} | first step {r['A'][0]:.3g}")
    print(f"     beta MSE(C: discrete eta_check) 2nd half: {st(r['C'], late)} | last quarter {st(r['C'], last)} | first step {r['C'][0]:.3g}")
    print(f"     eta=beta*rho_ring (fraction of fresh noise): A 2nd half {st(r['etaA'], late)}; C 2nd half {st(r['etaC'], late)}")
    return r
res = {}
for name in ["RAE (Logis,Vel)", "LightningDiT (Logis,VelLN)", "SiD2 (SechInter,Sigmoid)"]:
    N = 512 if name.startswith("SiD2") else 250
    print(name, f"uniform grid, N={N}")
    for label, (t0, tm) in {"t0=1/N,tmax=1-1/N": (1/N, 1-1/N), "t0=1/N,tmax=0.999": (1/N, 0.999),
                            "t0=1/N,tmax=0.96 (REPA/SiT SDE last step)": (1/N, 0.96)}.items():
        res[(name, label)] = summarize(name, np.linspace(t0, tm, N+1), label)
# EDM2: Karras grid sigma_i, t = Phi(-log sigma - 0.4)
for nsteps in [32, 128]:
    i = np.arange(nsteps); smax, smin, rho = 80., 0.002, 7.
    sig = (smax**(1/rho) + i/(nsteps-1)*(smin**(1/rho) - smax**(1/rho)))**rho
    tg = norm.cdf(-np.log(sig) - 0.4)
    print(f"EDM2 Karras grid {nsteps} points sigma 80->0.002 (t0={tg[0]:.3g}, tmax=1-{1-tg[-1]:.3g}); sigma_data=0.5")
    r = summarize("EDM2 (Normal,F-pred)", tg, f"EDM2 {nsteps}")
    if nsteps == 32:
        print("     per-step (sigma_t, beta_ML, beta_MSE_A, beta_MSE_C, eta_C):")
        for j in range(0, 31, 3):
            print(f"       sigma={sig[j+1]:.4g}  ML={r['ml'][j]:.3g}  A={r['A'][j]:.3g}  C={r['C'][j]:.3g}  etaC={r['etaC'][j]:.3g}  C/sigma_data={r['C'][j]/0.5:.3g}")
# sensitivity of MSE size to t_max (Logis,Vel): beta_A at t=0.5, N=250
print("Sensitivity (RAE Logis/Vel, N=250, t=0.5): t_max -> M, beta_MSE_A(t=0.5), beta_ML(t=0.5)")
for tm in [0.9, 0.96, 0.99, 0.996, 0.999, 0.9999]:
    g = np.linspace(1/250, tm, 251); r = sizes("RAE (Logis,Vel)", g); j = np.argmin(abs(r['t']-0.5))
    print(f"   tmax={tm}: M={r['M']:.4g}  beta_MSE={r['A'][j]:.3e}  beta_ML={r['ml'][j]:.3e}")
