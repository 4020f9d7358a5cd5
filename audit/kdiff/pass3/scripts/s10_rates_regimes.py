"""(1) Relaxation rates of the two modes in Eq. (9): rate_par = int D~a (a^2+s^2), rate_perp = int D~a s^2
    (per unit 1/tau).  Do they depend on k (i.e. does the theory say anything about training *speed*)?
(2) Remark 'Third' (l.123): share of the perpendicular term at k = 1/2 and at k* (kappa=1, uniform).
Run: python s10_rates_regimes.py
"""
import numpy as np
from scipy import stats

y = np.linspace(-14, 14, 40001); t = 1 / (1 + np.exp(-y)); jac = t * (1 - t) * (y[1] - y[0])
samplers = {'uniform': np.ones_like(t), 'logitN(0,1)': stats.norm.pdf(y, 0, 1) / (t * (1 - t)),
            'logitN(-0.8,0.8)': stats.norm.pdf(y, -0.8, 0.8) / (t * (1 - t))}
print("(1) mode relaxation rates (units of 1/tau)")
for name, p in samplers.items():
    for loss in ['u (kappa=1)', 'v (Alg.1, clamp .05)']:
        row = []
        for k in [0.5, 0.66, 0.9, 0.99]:
            w = p * jac
            if loss.startswith('v'):
                w = w / np.maximum(k * (1 - t) + (1 - k) * t, 0.05)**2
            row.append((np.sum(w * (t**2 + (1 - t)**2)), np.sum(w * (1 - t)**2)))
        print(f"  {name:17s} {loss:22s} k=0.5,0.66,0.9,0.99 -> (par, perp):", " ".join("(%.3f,%.3f)" % r for r in row))

print("\n(2) perpendicular / parallel contribution (kappa=1, uniform): at k=1/2 and at k*=D/(D+d)")
r = np.array([1.5, 2, 2.5, 3, 4, 9, 10, 100])
for rr in r:
    ks = rr / (rr + 1)
    par = lambda k: 0.25 * (k**2 - k + 1.25)
    perp = lambda k: (rr - 1) * (1 - k)**2 / 8
    print(f"  D/d={rr:6.1f}: at k=1/2: {perp(0.5)/par(0.5):.4f};  at k*: {perp(ks)/par(ks):.4f}")
rr = np.linspace(1, 1000, 200000); ks = rr / (rr + 1)
ratio = (rr - 1) * (1 - ks)**2 / 8 / (0.25 * (ks**2 - ks + 1.25))
print(f"  max over D/d of perp/par at k*: {ratio.max():.4f} at D/d = {rr[np.argmax(ratio)]:.2f}")
print("  D/d needed for perp > par at k=1/2: (D-d)/32 > d/4  <=>  D/d > 9")
