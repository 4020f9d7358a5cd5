"""Where does the dimension dependence of k* come from?  Exact (closed-form, per-bin Eq. 12) optimum
of a *time-conditioned* linear denoiser W(t) that is constant on each of nb equal-width t-bins.
nb = 1 is the paper's SNR-invariant model (Thm 3.2); nb -> infinity is the per-t Wiener filter,
i.e. what any t-conditioned network can represent at least.
Also: a per-t rank-r ("bottleneck") linear denoiser, to show a capacity-based mechanism.
Run: python s06_tcond_analytic.py   (~5 s)
"""
import numpy as np
from scipy import stats

def bin_losses(k, nb, pdf, loss='u', c=0.05, npts=4000):
    """per-dim (parallel, perpendicular) optimal losses, summed over bins (Eq. 12 applied per bin)."""
    par = perp = 0.0
    edges = np.linspace(0, 1, nb + 1)
    for b in range(nb):
        t = np.linspace(edges[b], edges[b + 1], npts + 2)[1:-1]
        w = pdf(t) * (edges[b + 1] - edges[b]) / npts
        if loss == 'v':
            w = w / np.maximum(k * (1 - t) + (1 - k) * t, c)**2
        al, sg, ph, ps = t, 1 - t, k, -(1 - k)
        par += 0.5 * (np.sum(w * (ph**2 + ps**2)) - np.sum(w * (ph * al + ps * sg))**2 / np.sum(w * (al**2 + sg**2)))
        perp += 0.5 * (np.sum(w * ps**2) - np.sum(w * ps * sg)**2 / np.sum(w * sg**2))
    return par, perp

uni = lambda t: np.ones_like(t)
ln01 = lambda t: stats.norm.pdf(np.log(t / (1 - t)), 0, 1) / (t * (1 - t))
ks = np.linspace(0.005, 0.995, 199)
print("u-loss (kappa=1), t~U[0,1]: k* of the time-binned linear denoiser")
print("  nb \\ D/d :      1       4      64    1000")
for nb in [1, 2, 4, 8, 32, 128]:
    tab = np.array([bin_losses(kv, nb, uni, 'u') for kv in ks])
    row = [ks[np.argmin(tab[:, 0] + (r - 1) * tab[:, 1])] for r in [1, 4, 64, 1000]]
    print(f"  {nb:4d}        " + "  ".join("%.3f" % v for v in row), "   perp loss/dim at k=0.5: %.2e" % bin_losses(0.5, nb, uni)[1])
# per-t limit: parallel loss = 1/2 int den^2/(t^2+(1-t)^2) dt, perp = 0
t = np.linspace(1e-6, 1 - 1e-6, 200001)
lim = [0.5 * np.trapezoid((kv * (1 - t) + (1 - kv) * t)**2 / (t**2 + (1 - t)**2), t) for kv in ks]
print("  inf (per-t Wiener): k* =", ks[np.argmin(lim)], "for every D/d (perpendicular loss is exactly 0)")

print("\nv-loss (Alg. 1, clamp 0.05), t~logitN(0,1): spread of optimal loss over k in [0.05,0.95] (flat => k unidentifiable)")
for nb in [1, 8, 32, 128]:
    tab = np.array([bin_losses(kv, nb, ln01, 'v') for kv in ks])
    for r in [1, 4]:
        tot = tab[:, 0] + (r - 1) * tab[:, 1]
        m = (ks > 0.05) & (ks < 0.95)
        print(f"  nb={nb:4d} D/d={r}: min={tot[m].min():.5f} max={tot[m].max():.5f} rel.spread={(tot[m].max()-tot[m].min())/tot[m].min():.2e} argmin={ks[m][np.argmin(tot[m])]:.3f}")

# per-t reduced-rank (rank r) linear denoiser, u-loss, uniform t.  Directions are uncorrelated, so the
# best rank-r map keeps the r directions of largest explained variance at each t.
def rank_loss(k, D, d, r, loss='u', c=0.05):
    tt = np.linspace(1e-4, 1 - 1e-4, 4001)
    al, sg = tt, 1 - tt
    tot_par = k**2 + (1 - k)**2
    e_par = (k * al - (1 - k) * sg)**2 / (al**2 + sg**2)         # explained var per parallel dir
    e_perp = (1 - k)**2 * np.ones_like(tt)                         # explained var per perp dir
    L = []
    for i in range(len(tt)):
        ev = np.sort(np.concatenate([np.full(d, e_par[i]), np.full(D - d, e_perp[i])]))[::-1]
        Li = d * tot_par + (D - d) * (1 - k)**2 - ev[:r].sum()
        if loss == 'v':
            Li = Li / max(k * (1 - tt[i]) + (1 - k) * tt[i], c)**2
        L.append(Li)
    return 0.5 * np.trapezoid(L, tt)
print("\nper-t rank-r linear denoiser, u-loss, uniform t: k*   (D=768 ~ one 16x16x3 patch; JiT bottleneck r=128)")
ks2 = np.linspace(0.30, 0.999, 141)
for D, d, r in [(16, 4, 16), (16, 4, 8), (16, 4, 4), (768, 32, 768), (768, 32, 128), (768, 128, 128)]:
    vals = [rank_loss(kv, D, d, r) for kv in ks2]
    print(f"  D={D:4d} d={d:4d} r={r:4d}: k* = {ks2[np.argmin(vals)]:.3f}   (Thm 3.2 would say {D/(D+d):.3f})")
