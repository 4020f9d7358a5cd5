"""mse Sec. 6 (lines 397-431 and the paragraph at line 522, Fig. 1 caption line 527):
diffusion sizes beta_{t-dt,t} of ML- and MSE-diffusions for the four SOTA set-ups, computed from
the paper's own formulas (30) [continuous] and line 388 [discrete], under stated grid assumptions.
Also the REPA generator of line 413 (lambda'=1/(2t)) vs the rate implied by REPA/SiT public code."""
import numpy as np, json
from scipy.stats import norm
from scipy.integrate import quad
from common import sched, S_of, mse_rate_ratio

out = {}

def ratio_fn(sch, par, M):
    def f(t):
        d = sched(sch, t); S = S_of(par, sch, t)
        return mse_rate_ratio(d["lr1"] / (M * S ** 2)) * d["lr1"]
    return f

def analyse(label, sch, par, tg, tmax_for_M=None, fine=20001):
    t0, tmax = tg[0], tg[-1] if tmax_for_M is None else tmax_for_M
    # continuous M over [t0, tmax] (dense, log-spaced near both ends)
    tf = np.unique(np.concatenate([np.linspace(t0, tmax, fine), t0 + (tmax - t0) * np.logspace(-9, 0, 4000), tmax - (tmax - t0) * np.logspace(-9, 0, 4000)]))
    tf = tf[(tf >= t0) & (tf <= tmax)]
    d = sched(sch, tf); S = S_of(par, sch, tf)
    Mc = float(np.max(d["lr1"] / S ** 2)); targ = float(tf[np.argmax(d["lr1"] / S ** 2)])
    f = ratio_fn(sch, par, Mc)
    dg = sched(sch, tg); rr = dg["rr"]
    rows = []
    for i in range(1, len(tg)):
        s, t = tg[i - 1], tg[i]
        # integrate lambda'_MSE in lr-variable for accuracy: d tau = d lr / lr1
        I = quad(f, s, t, limit=200, epsabs=0, epsrel=1e-9)[0]
        eta_mse = np.sqrt(-np.expm1(-2 * I))
        eta_ml = np.sqrt(-np.expm1(-2 * (dg["lr"][i] - dg["lr"][i - 1])))
        rows.append((float(t), float(eta_mse / rr[i]), float(eta_ml / rr[i]), float(eta_mse), float(eta_ml)))
    rows = np.array(rows)
    # discrete (line 388)
    gam = rr[1:] ** 2 / rr[:-1] ** 2
    Sg = S_of(par, sch, tg[1:])
    Md = np.max((gam - 1) / (2 * Sg ** 2))
    m_ = Md * Sg ** 2
    eta_d = (gam - 1) / (np.sqrt(2 * m_ * gam) + np.sqrt(2 * m_ + 1 - gam))
    beta_d = eta_d / rr[1:]
    n = len(rows); half = slice(n // 2, n)
    res = dict(M_cont=Mc, argmax_t=targ, tmax=float(tmax), t0=float(t0), M_disc=float(Md),
               beta_MSE_first3=rows[:3, 1].tolist(), beta_ML_first3=rows[:3, 2].tolist(),
               beta_MSE_max_2nd_half=float(rows[half, 1].max()), beta_ML_max_2nd_half=float(rows[half, 2].max()),
               beta_MSE_disc_max_2nd_half=float(beta_d[half].max()),
               eta_MSE_last=float(rows[-1, 3]), eta_ML_last=float(rows[-1, 4]),
               beta_MSE_overall_max=float(rows[:, 1].max()), t_at_max=float(rows[np.argmax(rows[:, 1]), 0]),
               beta_MSE_disc_first3=beta_d[:3].tolist())
    return res, rows, beta_d

# ---------- EDM2: Normal/Fpred, EDM rho=7 grid sigma 80 -> 0.002, 32 (and 128) steps ----------
def edm_grid(n, smax=80., smin=0.002, rho=7.):
    i = np.arange(n)
    sig = (smax ** (1 / rho) + i / (n - 1) * (smin ** (1 / rho) - smax ** (1 / rho))) ** rho
    lr = -np.log(sig)
    return norm.cdf(lr - 0.4), sig
for nst in [32, 128]:
    tg, sig = edm_grid(nst)
    res, rows, bd = analyse(f"EDM2_{nst}", "Normal", "Fpred", tg)
    res["sigma_grid_first3"] = sig[:3].tolist()
    res["t0,tmax (Normal schedule)"] = [float(tg[0]), float(1 - tg[-1])]
    # beta relative to sigma_data=0.5 at a few steps
    res["beta_MSE/0.5 at steps (t, value)"] = [(float(rows[i, 0]), float(rows[i, 1] / 0.5)) for i in range(0, len(rows), max(1, len(rows) // 8))]
    res["beta_ML/0.5 at steps"] = [(float(rows[i, 0]), float(rows[i, 2] / 0.5)) for i in range(0, len(rows), max(1, len(rows) // 8))]
    res["sigma_t at those steps"] = [float(sig[i + 1]) for i in range(0, len(rows), max(1, len(rows) // 8))]
    out[f"EDM2_{nst}steps"] = res

# ---------- RAE-like (Logis/Vel) and LightningDiT-like (Logis/VelN): uniform grid, 250 steps ----------
for lab, par in [("Logis_Vel(RAE)", "Vel"), ("Logis_VelN(LightningDiT)", "VelN")]:
    for tmax in [0.96, 0.996, 0.999]:
        tg = np.linspace(1e-3, tmax, 250)
        res, rows, bd = analyse(lab, "Logis", par, tg)
        out[f"{lab}_tmax={tmax}"] = res

# ---------- SiD2-like (SechInter/Sigmoid), 512 uniform steps ----------
for tmax in [1 - 1 / 512, 0.999, 0.9999]:
    tg = np.linspace(1 / 512, tmax, 512)
    res, rows, bd = analyse("SiD2", "SechInter", "Sigmoid", tg)
    res["lr(tmax) i.e. half log-SNR"] = float(sched("SechInter", tmax)["lr"])
    out[f"SechInter_Sigmoid(SiD2)_tmax={tmax:.6f}"] = res

# ---------- REPA/SiT SDE generator (line 413) ----------
# public code: REPA samplers.py compute_diffusion(t)=2t (REPA time t_R = sigma = 1-t), noise sqrt(2 t_R dt)
# SiT default diffusion_form='sigma': diffusion=sigma, noise sqrt(2*diffusion*dt).  Both: g^2 = 2 sigma.
# Paper family in Z-space: g^2 = 2 lambda' sigma^2  => lambda'_REPA = 1/sigma = 1/(1-t) (paper time).
tq = np.array([0.05, 0.25, 0.5, 0.75, 0.95])
lr1 = 1 / (tq * (1 - tq))
out["REPA lambda' from code 1/(1-t) / ML"] = (1 / (1 - tq) / lr1).tolist()
out["REPA lambda' printed 1/(2t) / ML"] = (1 / (2 * tq) / lr1).tolist()
out["REPA t grid (paper time)"] = tq.tolist()
# beta on REPA's grid: t from 0 to 0.96 with 250 points (SiT), then a final mean step
tg = np.linspace(1e-4, 0.96, 250)
rr = tg / (1 - tg)
def beta_of(lam_int):
    return np.sqrt(-np.expm1(-2 * lam_int)) / rr[1:]
I_code = np.log((1 - tg[:-1]) / (1 - tg[1:]))          # int 1/(1-t)
I_print = 0.5 * np.log(tg[1:] / tg[:-1])                  # int 1/(2t)
I_ml = np.log(rr[1:] / rr[:-1])
out["REPA beta (code) at t~0.5, 0.9, last"] = [float(beta_of(I_code)[i]) for i in (124, 233, 248)]
out["REPA beta (printed 1/(2t)) at t~0.5, 0.9, last"] = [float(beta_of(I_print)[i]) for i in (124, 233, 248)]
out["ML beta at t~0.5, 0.9, last"] = [float(beta_of(I_ml)[i]) for i in (124, 233, 248)]

for k, v in out.items():
    print(k, ":", v)
json.dump(out, open("../out/s07.json", "w"), indent=1, default=float)
