"""erd: miscellaneous numeric checks.
 - IDDPM cosine schedule (T=1000, s=0.008, beta clipped at 0.999): log-SNR range of the discrete training grid.
 - Normalisation "to preserve the average loss scale" (Sec. 3.4): E_t[w_y] under t~U with the cosine schedule per target.
 - "ELBO" reading of Eq.(1)/(23): Kingma & Gao-type weighting in lambda-measure, w_KG(lambda) = w(lambda)*|dt/dlambda|
   for the eps-loss, for baseline (w=1) and ERD-eps (w=sigma); is it monotone in lambda?
Run: python s08_misc.py
"""
import json, math
import numpy as np
res = {}
T = 1000; s = 0.008
f = lambda t: np.cos((t/T + s)/(1 + s)*np.pi/2)**2
ab = f(np.arange(T + 1))/f(0)
betas = np.clip(1 - ab[1:]/ab[:-1], 0, 0.999)
abar = np.cumprod(1 - betas)
lam = np.log(abar/(1 - abar))
res['iddpm_cosine_lambda'] = dict(t1=float(lam[0]), t500=float(lam[499]), t999=float(lam[-2]), t1000=float(lam[-1]))
# uniform t in [0,1], continuous cosine alpha=cos(pi t/2)
tt = (np.arange(200000) + 0.5)/200000
a, sg = np.cos(np.pi*tt/2), np.sin(np.pi*tt/2)
res['mean_w_over_t_uniform_cosine'] = dict(eps=float(sg.mean()), x0=float(a.mean()), v=float((math.sqrt(2)*a*sg).mean()),
                                           u=float(np.sqrt(a**2 + sg**2).mean()))
L = np.linspace(-15, 15, 3001)
dtdl = 1/(2*np.pi*np.cosh(L/2))
sig = np.sqrt(1/(1 + np.exp(L)))
kg_base = dtdl; kg_erd = sig*dtdl
def mono_dec(x):
    return bool(np.all(np.diff(x) <= 1e-15))
res['kingma_gao_weight'] = dict(base_monotone_decreasing=mono_dec(kg_base), erd_eps_monotone_decreasing=mono_dec(kg_erd),
                                erd_eps_argmax_lambda=float(L[kg_erd.argmax()]), base_argmax_lambda=float(L[kg_base.argmax()]))
print(json.dumps(res, indent=1)); json.dump(res, open('s08_misc_out.json', 'w'), indent=1)
