"""mse Sec. 4.2-5 (lines 291-390): Eq. (24)-(26), coherence (27)-(28), Prop. 3 (29)-(30) and proof (42)-(43),
Example (lines 362-369), discrete-time statements (lines 378-390)."""
import numpy as np, json
from scipy.integrate import quad, cumulative_trapezoid
from scipy.optimize import minimize_scalar, brentq
from common import sched, S_of, mse_rate_ratio

out = {}
v = 0.6
sch, par = "Logis", "Vel"
t0, tmax = 0.05, 0.95
tt = np.linspace(t0, tmax, 20001)
d = sched(sch, tt); S = S_of(par, sch, tt); lr1 = d["lr1"]
E = v * d["rr"] ** 2 / (1 + v * d["rr"] ** 2)          # any positive error curve
M = np.max(lr1 / S ** 2)
out["Example_M_numeric_vs_tmax/(1-tmax)"] = [float(M), tmax / (1 - tmax)]

def rate(Mv, sign=-1):
    return (np.sqrt(Mv) * S + sign * np.sqrt(np.maximum(Mv * S ** 2 - lr1, 0))) ** 2

def coherence_ratio(lp):
    w = (lp + lr1) ** 2 / (4 * lp)
    L = cumulative_trapezoid(w * E, tt, initial=0)[1:]
    Mh = cumulative_trapezoid(S ** 2 * E, tt, initial=0)[1:]
    r = L / Mh
    return float(r.min()), float(r.max())

out["coherence L/Mhat range, beta_- (MSE-diffusion)"] = coherence_ratio(rate(M, -1))
out["coherence L/Mhat range, beta_+ (other root)"] = coherence_ratio(rate(M, +1))
out["coherence L/Mhat range, M'=3M, beta_-"] = coherence_ratio(rate(3 * M, -1))
out["coherence L/Mhat range, M'=100M, beta_-"] = coherence_ratio(rate(100 * M, -1))
# pointwise mixing of roots: also coherent
mix = np.where(tt < 0.5, rate(M, -1), rate(M, +1))
out["coherence L/Mhat range, mixed roots"] = coherence_ratio(mix)
# literal reading of (30): (sqrt(M S) - sqrt(M S^2 - lr1))^2
lit = (np.sqrt(M * S) - np.sqrt(M * S ** 2 - lr1)) ** 2
out["coherence L/Mhat range, literal sqrt(M*S_t) reading"] = coherence_ratio(lit)
# ML diffusion is not coherent (ratio not constant)
out["coherence L/Mhat range, ML (lambda'=lr1)"] = coherence_ratio(lr1.copy())
# product of roots and penalty constants
bm, bp = rate(M, -1), rate(M, +1)
out["max|beta_- beta_+ - lr1^2|/lr1^2"] = float(np.max(np.abs(bm * bp / lr1 ** 2 - 1)))
cm = (lr1 / bm) ** 2 - 1; cp = (lr1 / bp) ** 2 - 1
out["c_-: min, c_+: max"] = [float(cm.min()), float(cp.max())]
# (26): argmin of lr1 + (chi2 + c lam)/4 over lam
for c in [0.0, 1.0, 10.0]:
    res = minimize_scalar(lambda lam: 2.0 + ((lam - 2.0) ** 2 / lam + c * lam) / 4, bounds=(1e-6, 50), method="bounded")
    out[f"eq26_argmin(c={c}) vs lr1/sqrt(1+c) (lr1=2)"] = [float(res.x), 2 / np.sqrt(1 + c)]
# closed form ratio lambda'_MSE/lr1 = kappa/(1+sqrt(1-kappa))^2
kap = lr1 / (M * S ** 2)
out["ratio formula check max dev"] = float(np.max(np.abs(bm / lr1 - mse_rate_ratio(kap))))
# at argmax t (here t_max) MSE rate == ML rate
out["MSE/ML at t_max"] = float(bm[-1] / lr1[-1])
out["MSE/ML at t=0.5"] = float(np.interp(0.5, tt, bm / lr1))

# ---- Example formula (line 365) and 'compact form' (line 368), which must be lambda_check (antiderivative)
def lam1_example(t, tm):
    Mv = tm / (1 - tm)
    return (np.sqrt(Mv) - np.sqrt(Mv - t / (1 - t))) ** 2 / t ** 2
def compact(t, tm):
    g = np.sqrt((tm - t) / (tm * (1 - t)))
    return -np.log(t / (1 - t)) - np.log((1 + g) / (1 - g)) + 2 * tm / (1 - tm) * (1 - t) / t * (g - 1)
out["Example line365 vs eq30 max dev"] = float(np.max(np.abs(lam1_example(tt, tmax) - bm)))
ts_ = np.linspace(0.1, 0.9, 9); h = 1e-6
dnum = (compact(ts_ + h, tmax) - compact(ts_ - h, tmax)) / (2 * h)
out["compact form: d/dt(compact) / lam1_example"] = [float(x) for x in dnum / lam1_example(ts_, tmax)]
out["compact form itself / lam1_example (if read as lambda')"] = [float(x) for x in compact(ts_, tmax) / lam1_example(ts_, tmax)]
# sensitivity of the MSE-diffusion to t_max (motivation lines 336-340 vs M depending on t_max)
sens = {}
for tm in [0.9, 0.96, 0.99, 0.996, 0.999, 0.9999]:
    sens[tm] = {tq: float(lam1_example(tq, tm) / (1 / (tq * (1 - tq)))) for tq in [0.1, 0.5, 0.8]}
out["lambda'_MSE/lambda'_ML at t in {0.1,0.5,0.8} vs t_max (Logis/Vel)"] = sens

# ---- discrete time (lines 378-390)
def w_eta(eta, gam):      # from (17): rho_s/rho_t = sqrt(1-eta^2)
    return (np.sqrt(gam) - np.sqrt(1 - eta ** 2)) ** 2 / (2 * eta ** 2)
gam = 1.3
et = np.linspace(1e-3, 0.999, 200001)
imin = np.argmin(w_eta(et, gam))
out["argmin eta numeric vs sqrt(1-1/gamma)"] = [float(et[imin]), float(np.sqrt(1 - 1 / gam))]
out["min w (with 1/2) vs (gamma-1)/2"] = [float(w_eta(et[imin], gam)), (gam - 1) / 2]
out["printed line384 (no 1/2) at eta=0.3 vs (17)"] = [float(2 * w_eta(0.3, gam)), float(w_eta(0.3, gam))]
# eta_check formula: solve w(eta) = m with m = M S^2 >= (gamma-1)/2
for m_ in [0.2, 0.5, 3.0]:
    eta_f = (gam - 1) / (np.sqrt(2 * m_ * gam) + np.sqrt(2 * m_ + 1 - gam))
    roots = []
    f = lambda e: w_eta(e, gam) - m_
    grid = np.linspace(1e-4, 0.9999, 20001); fv = f(grid)
    for i in np.where(np.sign(fv[:-1]) != np.sign(fv[1:]))[0]:
        roots.append(brentq(f, grid[i], grid[i + 1]))
    out[f"eta_check(m={m_}): formula vs roots of w(eta)=m"] = [float(eta_f), [float(r) for r in roots]]
# continuum consistency: eta^2 ~ 2 dt lambda'_MSE with discrete M ~ dt * M_cont
Nn = 250; tg = np.linspace(t0, tmax, Nn + 1); dt_ = tg[1] - tg[0]
dg = sched(sch, tg); Sg = S_of(par, sch, tg)
gm = dg["rr"][1:] ** 2 / dg["rr"][:-1] ** 2
Md = np.max((gm - 1) / (2 * Sg[1:] ** 2))
m_ = Md * Sg[1:] ** 2
eta_d = (gm - 1) / (np.sqrt(2 * m_ * gm) + np.sqrt(2 * m_ + 1 - gm))
lam_c = (np.sqrt(M) * Sg[1:] - np.sqrt(np.maximum(M * Sg[1:] ** 2 - dg["lr1"][1:], 0))) ** 2
out["discrete M / (dt*M_cont)"] = float(Md / (dt_ * M))
sel = [10, 125, 240]
out["eta_check^2 vs 2 dt lambda'_MSE at steps"] = [(int(i), float(eta_d[i] ** 2), float(2 * dt_ * lam_c[i])) for i in sel]
# accuracy of 2 dt lambda' ~ eta^2 for ML on this grid (exact eta^2 = 1 - rr_s^2/rr_t^2)
eta_ml2 = 1 - 1 / gm
out["ML: exact eta^2 vs 2 dt lr1 at steps"] = [(int(i), float(eta_ml2[i]), float(2 * dt_ * dg["lr1"][i + 1])) for i in sel]
for k, vv in out.items():
    print(k, ":", vv)
json.dump(out, open("../out/s05.json", "w"), indent=1, default=float)
