"""Per-step profile of EDM2 (Normal/Fpred, 32-step EDM grid) diffusion sizes: continuous (Eq. 30) vs discrete (line 388)
MSE-diffusion, ML, and the discrete definition with the step length included (uniform-in-t analogue)."""
import numpy as np, json
from scipy.stats import norm
from scipy.integrate import quad
from common import sched, S_of, mse_rate_ratio
out = {}
for nst in [32, 128]:
    i = np.arange(nst); smax, smin, rho = 80., 0.002, 7.
    sig = (smax ** (1 / rho) + i / (nst - 1) * (smin ** (1 / rho) - smax ** (1 / rho))) ** rho
    tg = norm.cdf(-np.log(sig) - 0.4)
    d = sched("Normal", tg); rr = d["rr"]
    gam = rr[1:] ** 2 / rr[:-1] ** 2
    S = S_of("Fpred", "Normal", tg[1:])
    Md = np.max((gam - 1) / (2 * S ** 2)); m_ = Md * S ** 2
    eta_d = (gam - 1) / (np.sqrt(2 * m_ * gam) + np.sqrt(2 * m_ + 1 - gam))
    # discrete with step-length: per-step MSE weight S^2 * dt_i  (Riemann sum of (27) on the non-uniform grid)
    dt = np.diff(tg)
    Md2 = np.max((gam - 1) / (2 * S ** 2 * dt)); m2 = Md2 * S ** 2 * dt
    eta_d2 = (gam - 1) / (np.sqrt(2 * m2 * gam) + np.sqrt(2 * m2 + 1 - gam))
    # continuous
    tf = np.concatenate([np.linspace(tg[0], tg[-1], 200001), tg[-1] - np.logspace(-12, -1, 2000)])
    Mc = np.max(sched("Normal", tf)["lr1"] / S_of("Fpred", "Normal", tf) ** 2)
    f = lambda t: mse_rate_ratio(sched("Normal", t)["lr1"] / (Mc * S_of("Fpred", "Normal", t) ** 2)) * sched("Normal", t)["lr1"]
    eta_c = np.array([np.sqrt(-np.expm1(-2 * quad(f, tg[k], tg[k + 1], limit=200)[0])) for k in range(nst - 1)])
    eta_ml = np.sqrt(1 - 1 / gam)
    rows = [dict(step=k + 1, sigma_t=float(sig[k + 1]), beta_ML=float(eta_ml[k] * sig[k + 1]), beta_MSE_cont=float(eta_c[k] * sig[k + 1]),
                 beta_MSE_disc388=float(eta_d[k] * sig[k + 1]), beta_MSE_disc_with_dt=float(eta_d2[k] * sig[k + 1]),
                 eta_disc388=float(eta_d[k]), eta_ML=float(eta_ml[k])) for k in range(nst - 1)]
    out[nst] = dict(M_disc=float(Md), argmax_step=int(np.argmax((gam - 1) / (2 * S ** 2))) + 1, rows=rows)
    if nst == 32:
        print(f"{'k':>3} {'sigma_t':>9} {'b_ML':>9} {'b_MSEc':>9} {'b_MSE388':>9} {'b_MSEdt':>9} {'eta388':>7} {'etaML':>7}")
        for r in rows:
            print(f"{r['step']:3d} {r['sigma_t']:9.4f} {r['beta_ML']:9.4f} {r['beta_MSE_cont']:9.5f} {r['beta_MSE_disc388']:9.5f} {r['beta_MSE_disc_with_dt']:9.5f} {r['eta_disc388']:7.4f} {r['eta_ML']:7.4f}")
    print(nst, "M_disc", Md, "argmax step", out[nst]["argmax_step"])
json.dump(out, open("../out/s07b.json", "w"), indent=1)
