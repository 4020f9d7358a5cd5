"""Simulate Alg. 1 (k = sigmoid(w_k), trained by backprop with Adam) on the paper's toy data
x = P x~ (D=16, d=4, so D/(D+d) = 0.8) with several denoisers and objectives:
  A  SNR-invariant linear W (the Thm 3.1/3.2 model), u-loss (kappa=1), t~U[0,1]      -> expect D/(D+d)
  B  same model, v-loss as in Alg.1 with clamp 0.05, t~logitN(0,1) (latent config)  -> s04 predicts ~1
  C  same model, v-loss, clamp 0.05, t~logitN(-0.8,0.8) (pixel config)               -> s04 predicts ~0.85 (D/d=4)
  D  time-conditioned linear W(t) (32 bins), u-loss, t~U[0,1]                       -> analysis predicts 0.5 for ANY D/d
  E  time-conditioned linear W(t), v-loss, clamp 0.05, logitN(0,1)                  -> k unidentified (flat)
  F  as D but data with D/d = 64 (D=64, d=1)                                         -> still ~0.5
Run: python s05_learn_k_sim.py   (A,B,C,G only: ~40 s CPU)
     python s05_learn_k_sim.py --tcond  (adds D,E,F: ~4 min CPU; output kept in s05_full_with_tcond.out)
"""
import math
import torch
torch.manual_seed(0)
torch.set_num_threads(1)

def run(D, d, model, loss, sampler, clamp=0.05, steps=3000, bs=2048, lr=1e-2, nb=32, seed=0):
    g = torch.Generator().manual_seed(seed)
    Q, _ = torch.linalg.qr(torch.randn(D, D, generator=g))
    P = Q[:, :d]
    if model == 'lin':
        W = torch.zeros(D, D, requires_grad=True); params = [W]
    else:
        W = torch.zeros(nb, D, D, requires_grad=True); params = [W]
    wk = torch.zeros((), requires_grad=True)
    opt = torch.optim.Adam(params + [wk], lr=lr, betas=(0.9, 0.95))
    traj = []
    for it in range(steps):
        x = torch.randn(bs, d, generator=g) @ P.T
        e = torch.randn(bs, D, generator=g)
        if sampler == 'uniform':
            t = torch.rand(bs, 1, generator=g)
        else:
            mu, s = sampler
            t = torch.sigmoid(torch.randn(bs, 1, generator=g) * s + mu)
        k = torch.sigmoid(wk)
        z = t * x + (1 - t) * e
        u = k * x - (1 - k) * e
        if model == 'lin':
            u_pred = z @ W.T
        else:
            b = torch.clamp((t[:, 0] * nb).long(), max=nb - 1)
            u_pred = torch.einsum('bij,bj->bi', W[b], z)
        if loss == 'u':
            L = 0.5 * ((u_pred - u)**2).sum(1).mean()
        else:
            den = torch.clamp(k * (1 - t) + (1 - k) * t, min=clamp)
            v = ((1 - 2 * k) * z + u) / den
            v_pred = ((1 - 2 * k) * z + u_pred) / den
            L = 0.5 * ((v - v_pred)**2).sum(1).mean()
        opt.zero_grad(); L.backward(); opt.step()
        if it % 500 == 0 or it == steps - 1:
            traj.append(round(float(torch.sigmoid(wk.detach())), 3))
    return traj

cfgs = [
    ('A lin,u-loss,U[0,1],D=16,d=4', dict(D=16, d=4, model='lin', loss='u', sampler='uniform')),
    ('B lin,v-loss,logitN(0,1),D=16,d=4', dict(D=16, d=4, model='lin', loss='v', sampler=(0.0, 1.0))),
    ('C lin,v-loss,logitN(-.8,.8),D=16,d=4', dict(D=16, d=4, model='lin', loss='v', sampler=(-0.8, 0.8))),
    ('D W(t),u-loss,U[0,1],D=16,d=4', dict(D=16, d=4, model='tcond', loss='u', sampler='uniform')),
    ('E W(t),v-loss,logitN(0,1),D=16,d=4', dict(D=16, d=4, model='tcond', loss='v', sampler=(0.0, 1.0))),
    ('F W(t),u-loss,U[0,1],D=64,d=1', dict(D=64, d=1, model='tcond', loss='u', sampler='uniform')),
    ('G lin,u-loss,U[0,1],D=64,d=1', dict(D=64, d=1, model='lin', loss='u', sampler='uniform')),
]
import sys
for name, kw in cfgs:
    if kw['model'] == 'tcond' and '--tcond' not in sys.argv:
        continue
    tr = run(**kw)
    print(f"{name:40s} k trajectory (every 500 steps): {tr}")
print("Thm 3.2 prediction D/(D+d): D=16,d=4 -> 0.800 ; D=64,d=1 -> %.3f" % (64 / 65))
