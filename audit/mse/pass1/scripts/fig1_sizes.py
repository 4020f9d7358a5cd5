"""mse Fig. 1 / §6 (lines 400-401, 522, 527): diffusion sizes β_{t-Δt,t} = η_{st}/ρ̊_t of ML- and MSE-diffusions,
recomputed from the printed formulas:
  ML  : η̊ = sqrt(1 - 1/γ),  γ = ρ̊_t^2/ρ̊_s^2              (line 386)
  MSE : η̌ = (γ-1)/(sqrt(2 M S_t^2 γ) + sqrt(2 M S_t^2 + 1 - γ)),  M = max_grid (γ-1)/(2 S_t^2)   (line 388)
  MSEc: continuous (30) with M = max λ̊'/S^2 over [t0,tmax] and η^2 ≈ 2Δt λ̌' (line 390)
Grids (the paper does not print t0, tmax; choices stated here):
  Logis models (RAE, LightningDiT, REPA): uniform t_i = i/N, N=250, steps (t_{i-1},t_i) for i=2..N-1
  SiD2: SechInter, Sigmoid, uniform N=512, same truncation
  EDM2: Normal, F-pred, EDM rho=7 grid, 32 sigmas in [0.002, 80] (the last step to sigma=0 excluded)
Run: python fig1_sizes.py
"""
import numpy as np
from scipy import stats

out = {}

def schedules(name, t):
    if name == 'Logis':
        R = t / (1 - t); lr = 1 / (t * (1 - t))
    elif name == 'SechInter':
        lam = np.log(np.tan(np.pi * t / 2)) + np.log(16) * (t - 1)
        R = np.exp(lam); lr = np.pi / np.sin(np.pi * t) + np.log(16)
    elif name == 'Normal':
        z = stats.norm.ppf(t); R = np.exp(z + 0.4); lr = 1 / stats.norm.pdf(z)
    return R, lr

def Sfun(name, t, R, lr):
    if name == 'Vel':       # Logis only: λ̊' σ
        return lr * (1 - t)
    if name == 'VelLN':
        lg = np.log(t / (1 - t))
        return lr * (1 - t) * np.exp(-lg**2 / 4) / ((2 * np.pi)**0.25 * np.sqrt(t * (1 - t)))
    if name == 'Sigmoid':
        return np.sqrt(2 * lr / (1 + np.exp(2 * np.log(R) + 3)))
    if name == 'Fpred':
        return np.sqrt(4 / R**2 + 1)
    if name == 'Noise':
        return np.ones_like(t)

def sizes(sched, param, t):
    R, lr = schedules(sched, t)
    Rs, Rt = R[:-1], R[1:]
    tt = t[1:]
    gam = (Rt / Rs)**2
    eta_ml = np.sqrt(1 - 1 / gam)
    S = Sfun(param, t, R, lr)
    St = S[1:]
    Md = np.max((gam - 1) / (2 * St**2))
    K = Md * St**2
    eta_mse = (gam - 1) / (np.sqrt(2 * K * gam) + np.sqrt(np.maximum(2 * K + 1 - gam, 0)))
    # continuous (30) + line 390
    Mc = np.max(lr / S**2)
    lmse = (np.sqrt(Mc) * S - np.sqrt(np.maximum(Mc * S**2 - lr, 0)))**2
    dt = np.diff(t)
    eta_c = np.sqrt(np.minimum(2 * dt * lmse[1:], 1))
    return dict(t=tt, beta_ml=eta_ml / Rt, beta_mse=eta_mse / Rt, beta_msec=eta_c / Rt, sigma_over_alpha=1 / Rt,
                Md=Md, Mc=Mc, argM=float(tt[np.argmax((gam - 1) / (2 * St**2))]))

def summary(d, label):
    t = d['t']
    res = {}
    for k in ('beta_ml', 'beta_mse', 'beta_msec'):
        b = d[k]
        res[k] = dict(first=float(b[0]), max_t_ge_0p5=float(b[t >= 0.5].max()),
                      median_t_ge_0p5=float(np.median(b[t >= 0.5])), last=float(b[-1]))
    res['Md'] = float(d['Md']); res['Mc'] = float(d['Mc']); res['t_at_M'] = d['argM']
    mask = t >= 0.5
    res['max beta_mse/beta_ml (t>=0.5)'] = float(np.max(d['beta_mse'][mask] / d['beta_ml'][mask]))
    res['median beta_mse/beta_ml (t>=0.5)'] = float(np.median(d['beta_mse'][mask] / d['beta_ml'][mask]))
    return res

N = 250
tL = np.arange(1, N) / N            # t = 1/N .. (N-1)/N
for param, lab in (('Vel', 'RAE (Logis,Vel)'), ('VelLN', 'LightningDiT (Logis,VelLN)')):
    out[lab] = summary(sizes('Logis', param, tL), lab)
tS = np.arange(1, 512) / 512
out['SiD2 (SechInter,Sigmoid)'] = summary(sizes('SechInter', 'Sigmoid', tS), 'SiD2')
out['SiD (SechInter,Noise)'] = summary(sizes('SechInter', 'Noise', tS), 'SiD')
# EDM2 grid
smin, smax, rho_, n = 0.002, 80.0, 7, 32
i = np.arange(n)
sig = (smax**(1 / rho_) + i / (n - 1) * (smin**(1 / rho_) - smax**(1 / rho_)))**rho_
tE = stats.norm.cdf(-np.log(sig) - 0.4)
dE = sizes('Normal', 'Fpred', tE)
out['EDM2 (Normal,Fpred) 32-step grid'] = summary(dE, 'EDM2')
out['EDM2 t-grid (first, last)'] = (float(tE[0]), float(tE[-1]))
# EDM2 per-step table for the later stage (sigma < 1): beta_mse absolute and relative to sigma_data=0.5
rows = []
for k in range(len(dE['t'])):
    s_t = float(1 / schedules('Normal', np.array([dE['t'][k]]))[0][0])
    if s_t < 2.0:
        rows.append((round(s_t, 4), round(float(dE['beta_ml'][k]), 4), round(float(dE['beta_mse'][k]), 4),
                     round(float(dE['beta_mse'][k]) / 0.5, 4), round(float(dE['beta_msec'][k]), 5)))
out['EDM2 later steps (sigma_t, beta_ML, beta_MSE, beta_MSE/sigma_data, beta_MSEcont)'] = rows

# REPA(Logis) lambda' = 1/(2t) (paper) vs 1/(2(1-t)) (SiT 'sigma' diffusion w_t=σ_t read in the paper's time)
R = tL / (1 - tL)
b_repa = np.sqrt(1 - tL[:-1] / tL[1:]) / R[1:]                 # ρ = sqrt(t)
b_repa_alt = np.sqrt(1 - (1 - tL[1:]) / (1 - tL[:-1])) / R[1:]  # ρ = (1-t)^{-1/2}
mL = tL[1:] >= 0.5
out['REPA lambda=1/(2t): beta max(t>=.5), last'] = (float(b_repa[mL].max()), float(b_repa[-1]))
out['REPA lambda=1/(2(1-t)): beta max(t>=.5), last'] = (float(b_repa_alt[mL].max()), float(b_repa_alt[-1]))
# diffusion coefficient g^2 = 2 σ^2 λ' in Z-units for the two readings (σ = 1-t)
tc = np.array([0.1, 0.5, 0.9])
out['g^2 = 2σ^2λ\' for λ\'=1/(2t) at t=.1,.5,.9'] = [float(x) for x in (1 - tc)**2 / tc]
out['g^2 = 2σ^2λ\' for λ\'=1/(2(1-t)) at t=.1,.5,.9 (= σ_t)'] = [float(x) for x in (1 - tc)]

# sensitivity of MSE sizes to tmax (Logis/Vel, uniform N=250 on [1/N, tmax])
rows = []
for tmax in (0.9, 0.96, 0.99, 0.996):
    tg = np.linspace(1 / N, tmax, int(round((tmax - 1 / N) * N)) + 1)
    d = sizes('Logis', 'Vel', tg)
    m = d['t'] >= 0.5
    rows.append((tmax, float(d['Md']), float(np.median(d['beta_mse'][m])), float(np.median(d['beta_ml'][m])),
                 float(np.median(d['beta_mse'][m] / d['beta_ml'][m]))))
out['Logis/Vel tmax sensitivity (tmax, M_disc, median beta_MSE t>=.5, median beta_ML, median ratio)'] = rows

if __name__ == '__main__':
    for k_, v_ in out.items():
        print(f'{k_}: {v_}')
