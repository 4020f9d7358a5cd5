"""What does the paper's own linear model (Thm 3.1, Eq. 12) predict for the *training objective
actually used* (Table 4: v-loss; Alg. 1: kappa = 1/max(den, clamp); logit-normal time samplers)?
Eq. (12) with D~alpha = p(t) * kappa(t,k)^2,  kappa = 1/max(k(1-t)+(1-k)t, c).
Run: python s04_vloss_kstar.py   (~20 s)
"""
import numpy as np
from scipy import stats

# time grid in logit space (dense near both ends) -> weights for an integral over t in (0,1)
y = np.linspace(-14, 14, 40001); dy = y[1] - y[0]
tt = 1 / (1 + np.exp(-y)); jac = tt * (1 - tt)          # dt = t(1-t) dy

def pdf_uniform(t): return np.ones_like(t)
def pdf_ln(mu, s): return lambda t: stats.norm.pdf(np.log(t / (1 - t)), mu, s) / (t * (1 - t))

def mode_losses(k, pdf, c):
    den = k * (1 - tt) + (1 - k) * tt
    kap2 = 1.0 / np.maximum(den, c)**2
    w = pdf(tt) * jac * dy * kap2
    al, sg, ph, ps = tt, 1 - tt, k, -(1 - k)
    par = 0.5 * (np.sum(w * (ph**2 + ps**2)) - np.sum(w * (ph * al + ps * sg))**2 / np.sum(w * (al**2 + sg**2)))
    perp = 0.5 * (np.sum(w * ps**2) - np.sum(w * ps * sg)**2 / np.sum(w * sg**2)) if k < 1 else 0.0
    return par, perp

ks = np.concatenate([[0.0001, 0.001, 0.005], np.linspace(0.01, 0.99, 99), [0.995, 0.999, 0.9999, 1.0]])
samplers = [('uniform', pdf_uniform), ('logitN(0,1)', pdf_ln(0, 1)), ('logitN(-0.8,0.8)', pdf_ln(-0.8, 0.8))]
ratios = [1, 1.1, 1.5, 2, 4, 10, 100]
for c in [0.05, 0.0]:
    print(f"\n=== v-loss, clamp c = {c} ===")
    for name, pdf in samplers:
        if name == 'uniform' and c == 0.0:
            print("uniform, c=0: v-loss weight 1/den^2 is non-integrable at k in {0,1}; skipped")
            continue
        tab = np.array([mode_losses(kv, pdf, c) for kv in ks])   # (par, perp) per dim
        row = []
        for r in ratios:
            tot = tab[:, 0] + (r - 1) * tab[:, 1]
            row.append(ks[np.argmin(tot)])
        print(f"{name:18s} k*_v for D/d={ratios}: {['%.4f' % v for v in row]}")
        for r in [1, 2]:
            tot = tab[:, 0] + (r - 1) * tab[:, 1]
            print(f"   D/d={r}: Delta_v/d at k=0.0001 {tot[0]:.4f}, k=0.5 {tot[np.argmin(abs(ks-0.5))]:.4f}, k=0.66 {tot[np.argmin(abs(ks-0.66))]:.4f}, k=0.9 {tot[np.argmin(abs(ks-0.9))]:.4f}, k=0.99 {tot[np.argmin(abs(ks-0.99))]:.4f}, k=1 {tot[-1]:.4f}")
        i5 = np.argmin(abs(ks - 0.5))
        print(f"   parallel per-dim loss: k=0.1 {tab[np.argmin(abs(ks-0.1)),0]:.4f}, k=0.3 {tab[np.argmin(abs(ks-0.3)),0]:.4f}, "
              f"k=0.5 {tab[i5,0]:.4f}, k=0.7 {tab[np.argmin(abs(ks-0.7)),0]:.4f}, k=0.9 {tab[np.argmin(abs(ks-0.9)),0]:.4f}, k=0.99 {tab[np.argmin(abs(ks-0.99)),0]:.4f}")
        print(f"   perp per-dim loss    : k=0.5 {tab[i5,1]:.4f}, k=0.9 {tab[np.argmin(abs(ks-0.9)),1]:.4f}, k=0.99 {tab[np.argmin(abs(ks-0.99)),1]:.5f}")

# For comparison, the kappa=1 (Thm 3.2) answer D/(D+d)
print("\nThm 3.2 (kappa=1, uniform) k* for same D/d:", ['%.3f' % (r / (r + 1)) for r in ratios])

# D=d: is k=1/2 a local max of the v-loss optimum (symmetric samplers)?
for name, pdf in samplers[:2]:
    for c in [0.05]:
        f = lambda kv: mode_losses(kv, pdf, c)[0]
        print(f"D=d, {name}, c={c}: Delta_v(0.5)={f(0.5):.4f}, Delta_v(0.45)={f(0.45):.4f}, Delta_v(0.55)={f(0.55):.4f}, Delta_v(0.25)={f(0.25):.4f}, Delta_v(0.75)={f(0.75):.4f}")
