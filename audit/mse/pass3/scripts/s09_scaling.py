"""mse lines 351-353: 'L is invariant to data scaling ... whereas MSE depends on data scaling'.
Gaussian data X~N(0,v) with Bayes denoiser: E_t = E(epshat-eps)^2 = v rr^2/(1+v rr^2)."""
import numpy as np, json
from scipy.integrate import quad
from common import sched, S_of
out = {}
t0, tm = 0.05, 0.95
M = tm / (1 - tm)
lr1 = lambda t: sched("Logis", t)["lr1"]; S = lambda t: S_of("Vel", "Logis", t); rr = lambda t: sched("Logis", t)["rr"]
lmse = lambda t: (np.sqrt(M) * S(t) - np.sqrt(M * S(t) ** 2 - lr1(t))) ** 2
for v in [0.25, 1.0, 4.0]:
    E = lambda t: v * rr(t) ** 2 / (1 + v * rr(t) ** 2)
    L_ml = quad(lambda t: lr1(t) * E(t), t0, tm)[0]            # ML weight = lr1
    L_mse = quad(lambda t: (lmse(t) + lr1(t)) ** 2 / (4 * lmse(t)) * E(t), t0, tm, limit=200)[0]
    Mh = quad(lambda t: S(t) ** 2 * E(t), t0, tm)[0]
    out[f"v={v}"] = dict(L_ML=L_ml, L_MSEdiff=L_mse, Mhat=Mh, ratio_L_MSEdiff_over_Mhat=L_mse / Mh, M=M)
for k, vv in out.items(): print(k, vv)
json.dump(out, open("../out/s09.json", "w"), indent=1)
