"""Shared pieces for the App. F toy reproduction (erd paper, Sec. F.1 settings).
GMM: 4 clusters at (+-2,+-2), s0 = 0.3. Schedules: linear (a=1-t, s=t), VP (beta 0.1..20), GVP (cos/sin).
Targets: eps, x0, v = a eps - s x0, u = eps - x0.
Network (F.1): x_t (2) ++ 64-d sinusoidal embedding of t -> 3 hidden SiLU layers of width 256 -> linear readout (2).
Training (F.1): Adam lr 1e-3, batch 512, 2000 iterations, t ~ U(0,1) (global) or U(bin) (piecewise).
"""
import math
import numpy as np
import torch

MU = torch.tensor([[2., 2.], [2., -2.], [-2., 2.], [-2., -2.]]); S0 = 0.3
T_EPS = 1e-3   # keep sigma>0 and alpha>0 away from the endpoints (Bayes predictor well defined)

def sched(name, t):
    if name == 'linear':
        return 1 - t, t
    if name == 'vp':
        a = torch.exp(-0.25*t**2*(20.0 - 0.1) - 0.5*t*0.1)
        return a, torch.sqrt(1 - a**2)
    if name == 'gvp':
        return torch.cos(math.pi*t/2), torch.sin(math.pi*t/2)
    raise ValueError(name)

def sample(n, sch, t=None, tlo=0.0, thi=1.0, gen=None, x0=None, k=None):
    if x0 is None:
        k = torch.randint(0, 4, (n,), generator=gen)
        x0 = MU[k] + S0*torch.randn(n, 2, generator=gen)
    eps = torch.randn(n, 2, generator=gen)
    if t is None:
        t = tlo + (thi - tlo)*torch.rand(n, generator=gen)
    elif not torch.is_tensor(t):
        t = torch.full((n,), float(t))
    t = t.clamp(T_EPS, 1 - T_EPS)
    a, s = sched(sch, t)
    xt = a[:, None]*x0 + s[:, None]*eps
    return x0, eps, t, xt, k

def target(name, x0, eps, t, sch):
    a, s = sched(sch, t); a = a[:, None]; s = s[:, None]
    return {'eps': eps, 'x0': x0, 'v': a*eps - s*x0, 'u': eps - x0}[name]

def bayes(name, xt, t, sch):
    """E[y | x_t] for the GMM (closed form)."""
    a, s = sched(sch, t); a = a[:, None]; s = s[:, None]
    v = a**2*S0**2 + s**2
    lg = -((xt[:, None, :] - a[:, None, :]*MU[None])**2).sum(-1)/(2*v)
    p = torch.softmax(lg, 1)
    m = MU[None] + (a*S0**2/v)[:, None, :]*(xt[:, None, :] - a[:, None, :]*MU[None])
    ex0 = (p[..., None]*m).sum(1)
    eeps = (xt - a*ex0)/s
    return {'eps': eeps, 'x0': ex0, 'v': a*eeps - s*ex0, 'u': eeps - ex0}[name], p

def temb(t, dim=64):
    half = dim//2
    freqs = torch.exp(-math.log(10000.0)*torch.arange(half)/half)
    ang = 1000.0*t[:, None]*freqs[None]
    return torch.cat([torch.sin(ang), torch.cos(ang)], 1)

class MLP(torch.nn.Module):
    def __init__(self, m=256):
        super().__init__()
        self.body = torch.nn.Sequential(torch.nn.Linear(2 + 64, m), torch.nn.SiLU(),
                                        torch.nn.Linear(m, m), torch.nn.SiLU(),
                                        torch.nn.Linear(m, m), torch.nn.SiLU())
        self.head = torch.nn.Linear(m, 2)
    def h(self, x, t):
        return self.body(torch.cat([x, temb(t)], 1))
    def forward(self, x, t):
        return self.head(self.h(x, t))

def train(tg, sch, tlo=0.0, thi=1.0, iters=2000, bs=512, lr=1e-3, seed=0, m=256):
    torch.manual_seed(seed)
    net = MLP(m)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    for it in range(iters):
        x0, eps, t, xt, _ = sample(bs, sch, tlo=tlo, thi=thi)
        y = target(tg, x0, eps, t, sch)
        loss = ((net(xt, t) - y)**2).mean()
        opt.zero_grad(); loss.backward(); opt.step()
    return net

def ntk_gram(net, xt, t):
    """Full empirical NTK Gram (2N x 2N) via torch.func."""
    from torch.func import functional_call, vmap, jacrev
    params = {k: v.detach() for k, v in net.named_parameters()}
    def f1(p, x, tt):
        return functional_call(net, p, (x[None], tt[None]))[0]
    J = vmap(jacrev(f1), in_dims=(None, 0, 0))(params, xt, t)   # dict of (N,2,*)
    Jf = torch.cat([v.reshape(xt.shape[0]*2, -1) for v in J.values()], 1)
    return Jf @ Jf.T, Jf
