"""Misc checks (mse):
 (a) lines 231-233: Euler-Maruyama / plain Euler on the SDE/ODE (34) vs EulerUDS (14): exact Gaussian errors.
 (b) EDM's Euler step in σ (Karras et al. 2022, Alg. 1 without 2nd-order correction) equals EulerUDS-flow (DDIM) when α=1.
 (c) line 409-412: DiT 'noise schedule from DDPM' (linear β) vs the label ML(Logis): compare λ̊.
 (d) line 413: REPA(Logis) λ'=1/(2t): SiT-type SDE with diffusion coefficient w_t (dZ noise g^2 = w_t):
     λ' = w_t / (2 σ_t^2) from the paper's own (36) in Z-units.
Run: python misc_checks.py
"""
import numpy as np
import sympy as sp

out = {}
# (a) Logis schedule, Gaussian data N(0,v), exact denoiser, flow ODE dY/dt = λ̊'(X̂ - Y) (Eq. 34 with λ'=0)
v = 0.5
def run(N, scheme, t0=0.02, t1=0.98):
    ts = np.linspace(t0, t1, N + 1); R = ts / (1 - ts); lr = 1 / (ts * (1 - ts))
    a = v * R**2 / (1 + v * R**2)
    m = 1.0
    for i in range(N):
        if scheme == 'euler_t':
            m = m * (1 + lr[i] * (a[i] - 1) * (ts[i + 1] - ts[i]))
        else:
            qv = R[i] / R[i + 1]
            m = m * (qv + (1 - qv) * a[i])
    vo = m**2 * (v + 1 / R[0]**2)
    ex = v + 1 / R[-1]**2
    return float(vo), float(ex)
rows = []
for N in (8, 16, 32, 64, 256):
    e1, ex = run(N, 'euler_t'); e2, _ = run(N, 'uds')
    rows.append((N, round(e1, 5), round(e2, 5), round(ex, 5)))
out['(a) flow, Logis [0.02,0.98]: (N, plain Euler in t, EulerUDS, exact var)'] = rows
# (b)
xs, D, ss, st = sp.symbols('x_s D sigma_s sigma_t', positive=True)
edm_euler = xs + (st - ss) * (xs - D) / ss
ddim = (st / ss) * xs + (1 - st / ss) * D
out['(b) EDM Euler in sigma == EulerUDS flow'] = sp.simplify(edm_euler - ddim) == 0
# (c) DDPM linear beta schedule (Ho et al.: 1e-4..0.02, T=1000); paper time t = 1 - i/T
T = 1000
betas = np.linspace(1e-4, 0.02, T)
abar = np.cumprod(1 - betas)
lam_ddpm = 0.5 * np.log(abar / (1 - abar))
tpap = 1 - np.arange(1, T + 1) / T
lam_logis = np.log(np.clip(tpap, 1e-12, None) / (1 - tpap))
idx = [99, 249, 499, 749, 899]
out['(c) (t, λ̊_DDPM-linear, λ̊_Logis)'] = [(round(float(tpap[i]), 3), round(float(lam_ddpm[i]), 3), round(float(lam_logis[i]), 3)) for i in idx]
# (d)
t = sp.symbols('t', positive=True)
sig = 1 - t
for lab, w in (('w_t = sigma_t (SiT "sigma" form, if sigma_t = 1-t in the paper time)', sig),
               ('w_t = 1 - t', 1 - t)):
    out[f'(d) λ\' for {lab}'] = str(sp.simplify(w / (2 * sig**2)))
out['(d) g^2 implied by λ\'=1/(2t)'] = str(sp.simplify(2 * sig**2 / (2 * t)))
out['(d) ML (reversible) g^2 = 2σ^2 λ̊\''] = str(sp.simplify(2 * sig**2 / (t * (1 - t))))

if __name__ == '__main__':
    for k, val in out.items():
        print(f'{k}: {val}')
