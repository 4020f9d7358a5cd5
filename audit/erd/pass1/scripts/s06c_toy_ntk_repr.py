"""erd App. F.3 / F.4 reproduction on the trained global models of s06a (linear schedule by default):
 - Fig. 9: hidden representation h (256-d, before the readout) at t in {0.1,0.4,0.7,0.9}, PCA fitted at t=0.1;
   radius in the PC plane, total variance, cluster separability (nearest-class-mean accuracy on held-out
   samples) compared with the Bayes-optimal accuracy of the cluster label from x_t (information limit).
 - Fig. 10/11: top-3 NTK eigenvalues and Shannon effective rank vs t (trained and at initialisation).
 - Fig. 12: normalised NTK Gram: within-cluster minus between-cluster mean cosine at t = 0.05 vs 0.95.
 - Beyond: pathwise sign of the coercivity coupling (Eq. 5/59) for trained nets.
Usage: python s06c_toy_ntk_repr.py [linear|vp|gvp] [iters]  (~60 s, 1 thread)
"""
import sys, json, math
import numpy as np
import torch
from toy_common import *
torch.set_num_threads(1)
sch = sys.argv[1] if len(sys.argv) > 1 else 'linear'
iters = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
res = {}
g = torch.Generator().manual_seed(7)

def load(tg):
    net = MLP(); net.load_state_dict(torch.load(f'toy_models/global_{sch}_{tg}_{iters}.pt')); return net

def init_net():
    torch.manual_seed(0); return MLP()

# common evaluation points: fixed x0 per cluster
nper = 128
k = torch.arange(4).repeat_interleave(nper)
x0 = MU[k] + S0*torch.randn(4*nper, 2, generator=g)
x0b = MU[k] + S0*torch.randn(4*nper, 2, generator=g)   # held-out set for the probe

def ncm_acc(Htr, ktr, Hte, kte):
    means = torch.stack([Htr[ktr == c].mean(0) for c in range(4)])
    pred = torch.cdist(Hte, means).argmin(1)
    return float((pred == kte).float().mean())

def fisher(H, kk):
    mu_all = H.mean(0); between = sum(((H[kk == c].mean(0) - mu_all)**2).sum() for c in range(4))/4
    within = sum(((H[kk == c] - H[kk == c].mean(0))**2).sum(1).mean() for c in range(4))/4
    return float(between/within)

# ---------- Fig 9 ----------
fig9 = {}
for tg in ['eps', 'x0', 'v', 'u', 'init']:
    net = init_net() if tg == 'init' else load(tg)
    rows = []; pca = None
    for tt in [0.1, 0.4, 0.7, 0.9]:
        _, _, t, xt, _ = sample(len(x0), sch, t=tt, gen=g, x0=x0, k=k)
        _, _, t2, xt2, _ = sample(len(x0b), sch, t=tt, gen=g, x0=x0b, k=k)
        with torch.no_grad():
            H = net.h(xt, t); H2 = net.h(xt2, t2)
        if pca is None:
            m0 = H.mean(0); U, S, Vt = torch.linalg.svd(H - m0, full_matrices=False); pca = (m0, Vt[:2])
        Z = (H - pca[0]) @ pca[1].T
        _, post = bayes('x0', xt2, t2, sch)
        rows.append(dict(t=tt, pc_radius_mean=float(Z.norm(dim=1).mean()), pc_centroid_spread=float(torch.stack([Z[k == c].mean(0) for c in range(4)]).norm(dim=1).mean()),
                         total_var_h=float(((H - H.mean(0))**2).sum(1).mean()), fisher_ratio=fisher(H, k),
                         ncm_probe_acc=ncm_acc(H, k, H2, k), bayes_label_acc=float((post.argmax(1) == k).float().mean())))
    fig9[tg] = rows
res['fig9'] = fig9

# ---------- Fig 10/11/12 ----------
ng = 12
kk = torch.arange(4).repeat_interleave(ng)
xs0 = MU[kk] + S0*torch.randn(4*ng, 2, generator=g)
tgrid = [0.05, 0.2, 0.4, 0.6, 0.8, 0.95]
ntk = {}
for tg in ['eps', 'x0', 'v', 'u', 'init']:
    net = init_net() if tg == 'init' else load(tg)
    rows = []
    for tt in tgrid:
        _, _, t, xt, _ = sample(len(xs0), sch, t=tt, gen=g, x0=xs0, k=kk)
        K, _ = ntk_gram(net, xt, t)
        ev = torch.linalg.eigvalsh(K).flip(0).clamp_min(0)
        p = ev/ev.sum(); er = float(torch.exp(-(p[p > 0]*p[p > 0].log()).sum()))
        Ks = K.reshape(len(xs0), 2, len(xs0), 2).diagonal(dim1=1, dim2=3).sum(-1)   # trace over outputs
        dgn = Ks.diag().sqrt(); C = Ks/(dgn[:, None]*dgn[None])
        same = (kk[:, None] == kk[None]) & ~torch.eye(len(kk), dtype=bool); diff = kk[:, None] != kk[None]
        evC = torch.linalg.eigvalsh(C).flip(0)
        rows.append(dict(t=tt, top3=[float(v) for v in ev[:3]], eff_rank=er,
                         cos_within=float(C[same].mean()), cos_between=float(C[diff].mean()),
                         block_contrast=float(C[same].mean() - C[diff].mean()),
                         top_eig_share_normgram=float(evC[0]/evC.sum())))
    ntk[tg] = rows
res['ntk'] = ntk

# ---------- coercivity sign on trained nets ----------
coer = {}
for tg in ['eps', 'x0']:
    net = load(tg); params = list(net.parameters())
    _, _, te, xte, _ = sample(1024, sch, t=0.5, gen=g)
    fs, _ = bayes(tg, xte, te, sch)
    r_e = (net(xte, te) - fs).detach()
    gl = torch.autograd.grad((net(xte, te)*r_e).sum(1).mean(), params)    # E_x[J^T r] at eval level
    x0s, eps, ts, xts, _ = sample(2000, sch, gen=g)
    fss, _ = bayes(tg, xts, ts, sch)
    with torch.no_grad():
        f0 = net(xts, ts); rs = f0 - fss
        hstep = 1e-4
        for p, gg in zip(params, gl): p.add_(hstep*gg)
        f1 = net(xts, ts)
        for p, gg in zip(params, gl): p.sub_(hstep*gg)
    cpl = ((f1 - f0)/hstep*rs).sum(1)     # <J(x_tau)^T r(x_tau), E_x J^T r>
    coer[tg] = dict(frac_negative=float((cpl < 0).float().mean()), mean=float(cpl.mean()),
                    q05=float(cpl.quantile(0.05)), q95=float(cpl.quantile(0.95)))
res['coercivity_trained'] = coer

# ---------- minibatch: xi-term vs r-term of the representation gradient (Prop 3.7 / D.3) ----------
mbr = {}
for tg, tt in [('x0', 0.9), ('eps', 0.05), ('x0', 0.5)]:
    net = load(tg); rp = list(net.body.parameters())
    out_b = {}
    for B in [1, 16, 256, 4096]:
        vals = []
        for rep_ in range(8 if B < 4096 else 2):
            x0s, eps, ts, xts, _ = sample(B, sch, t=tt, gen=g)
            y = target(tg, x0s, eps, ts, sch); fs, _ = bayes(tg, xts, ts, sch)
            with torch.no_grad():
                r = net(xts, ts) - fs; xi = fs - y
            gr_ = torch.autograd.grad((net(xts, ts)*r).sum(1).mean(), rp)
            gx_ = torch.autograd.grad((net(xts, ts)*xi).sum(1).mean(), rp)
            nr = torch.sqrt(sum((a**2).sum() for a in gr_)); nx = torch.sqrt(sum((a**2).sum() for a in gx_))
            vals.append(float(nx/nr))
        out_b[B] = float(np.median(vals))
    mbr[f'{tg}@t={tt}'] = out_b
res['minibatch_xi_over_r_repr_grad_trained'] = mbr
json.dump(res, open(f's06c_{sch}_{iters}_out.json', 'w'), indent=1)
for key in ['fig9', 'ntk']:
    for tg, rows in res[key].items():
        print(key, tg)
        for r in rows: print('   ', {a: (round(b, 4) if isinstance(b, float) else [round(x, 4) for x in b] if isinstance(b, list) else b) for a, b in r.items()})
print(json.dumps(res['coercivity_trained'], indent=1)); print(json.dumps(mbr, indent=1))
