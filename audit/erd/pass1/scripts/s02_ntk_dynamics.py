"""erd: numerical checks of the NTK / gradient identities with a small torch MLP (CPU, float64).
 - Prop 3.1 / Prop B.1 (Eq.3/18): df/dtau = -E[Theta e] under gradient flow of Eq.(16)
   and the fact that, at population level, e can be replaced by the Bayes-centred residual r
   (the Bayes noise xi averages out: no forcing in the true population flow).
 - Lemma C.2 (Eq.36), Thm C.4 (Eq.45/46) under the sample-path surrogate Eq.(41).
 - Prop 3.7 / Prop D.3 (Eq.77/78): representation-gradient decomposition and the norm bound.
 - Beyond: pathwise coercivity Eq.(5)/(59) sign test; minibatch averaging of the xi-term.
Data: 2D GMM of App. F (4 clusters at (+-2,+-2), s0=0.3); target y = x0 (x0-prediction), GVP schedule
alpha=cos(pi t/2), sigma=sin(pi t/2). Bayes predictor E[x0|x_t] in closed form.
Run: python s02_ntk_dynamics.py  (~20 s)
"""
import math, json
import numpy as np
import torch
torch.set_default_dtype(torch.float64)
torch.manual_seed(0); np.random.seed(0)
torch.set_num_threads(1)

MU = torch.tensor([[2., 2.], [2., -2.], [-2., 2.], [-2., -2.]]); S0 = 0.3

def sched(t):
    return torch.cos(math.pi*t/2), torch.sin(math.pi*t/2)

def sample(n, t=None):
    k = torch.randint(0, 4, (n,)); x0 = MU[k] + S0*torch.randn(n, 2); eps = torch.randn(n, 2)
    if t is None: t = 0.05 + 0.9*torch.rand(n)
    else: t = torch.full((n,), float(t))
    a, s = sched(t); xt = a[:, None]*x0 + s[:, None]*eps
    return x0, eps, t, xt, k

def bayes_x0(xt, t):
    a, s = sched(t); a = a[:, None]; s = s[:, None]
    v = a**2*S0**2 + s**2                                  # per-dim variance of x_t | k
    logits = -((xt[:, None, :] - a[:, None, :]*MU[None])**2).sum(-1)/(2*v)   # (n,4)
    p = torch.softmax(logits, 1)
    m = MU[None] + (a*S0**2/v)[:, None, :]*(xt[:, None, :] - a[:, None, :]*MU[None])
    return (p[..., None]*m).sum(1)

class Net(torch.nn.Module):
    def __init__(self, m=32):
        super().__init__()
        self.l1 = torch.nn.Linear(3, m); self.l2 = torch.nn.Linear(m, m); self.W = torch.nn.Linear(m, 2, bias=False)
    def h(self, x, t):
        z = torch.cat([x, t[:, None]], 1)
        return torch.nn.functional.silu(self.l2(torch.nn.functional.silu(self.l1(z))))
    def forward(self, x, t):
        return self.W(self.h(x, t))

net = Net()
params = list(net.parameters())
P = sum(p.numel() for p in params)

def jac(x, t, which=None):
    """J[i*2+o, :] = d f_o(x_i,t_i)/d theta (flattened)."""
    ps = params if which is None else which
    rows = []
    f = net(x, t)
    for i in range(x.shape[0]):
        for o in range(2):
            g = torch.autograd.grad(f[i, o], ps, retain_graph=True, allow_unused=True)
            rows.append(torch.cat([(gg if gg is not None else torch.zeros_like(p)).reshape(-1) for gg, p in zip(g, ps)]))
    return torch.stack(rows)

def flat_grad(loss):
    g = torch.autograd.grad(loss, params)
    return torch.cat([gg.reshape(-1) for gg in g])

def apply_step(vec, h):
    with torch.no_grad():
        i = 0
        for p in params:
            n = p.numel(); p.add_(h*vec[i:i+n].reshape(p.shape)); i += n

res = {}
# ---------------- Prop B.1 (Eq. 18) -----------------
N = 200
x0, eps, tt, xt, _ = sample(N)
y = x0.clone()
xe, te = sample(5)[3], torch.full((5,), 0.3)
with torch.no_grad():
    f0 = net(xe, te); e_tr = net(xt, tt) - y
Jtr = jac(xt, tt); Je = jac(xe, te)
# predicted: df(x)/dtau = -(1/N) sum_i Theta(x, x_i) e_i, Theta = J(x) J(x_i)^T
pred = -(Je @ (Jtr.T @ e_tr.reshape(-1)))/N
L = 0.5*((net(xt, tt) - y)**2).sum(1).mean()
g = flat_grad(L)
h = 1e-6
apply_step(-g, h)
with torch.no_grad():
    fd = (net(xe, te) - f0).reshape(-1)/h
apply_step(g, h)
res['B1.rel_err_df_dtau'] = float((fd - pred).norm()/pred.norm())

# population: e vs Bayes-centred r.  (1/n) sum_i Theta(x,x_i) v_i = J(x) grad_theta[(1/n) sum_i f(x_i).v_i]
Nbig = 200000
x0b, epsb, tb, xtb, _ = sample(Nbig)
with torch.no_grad():
    fstar_b = bayes_x0(xtb, tb); xib = fstar_b - x0b; rb = net(xtb, tb) - fstar_b
for n in [1000, 10000, 100000, 200000]:
    gx = flat_grad((net(xtb[:n], tb[:n])*xib[:n]).sum(1).mean())
    gr_ = flat_grad((net(xtb[:n], tb[:n])*rb[:n]).sum(1).mean())
    res[f'B1.pop ||E_n[Theta xi]||/||E_n[Theta r]|| n={n}'] = float((Je @ gx).norm()/(Je @ gr_).norm())
# ---------------- Lemma C.2 + Thm C.4 (Eq. 36, 45, 46) -----------------
lam_eval_t = 0.5; Mlam = 0.7; Mtau = 1.3
xq = sample(400, lam_eval_t)[3]; tq = torch.full((400,), lam_eval_t)
x0s, epss, ts, xts, _ = sample(1, 0.8)
with torch.no_grad():
    fstar_s = bayes_x0(xts, ts); xi = fstar_s - x0s
    r_q0 = net(xq, tq) - bayes_x0(xq, tq)
    r_s = net(xts, ts) - fstar_s
# Lemma C.2: grad of 0.5 M ||f - y||^2 equals M J^T r + M J^T xi
loss_s = 0.5*Mtau*((net(xts, ts) - x0s)**2).sum()
gs = flat_grad(loss_s)
Js = jac(xts, ts)
res['C2.decomp_rel_err'] = float((gs - (Mtau*Js.T @ r_s.reshape(-1) + Mtau*Js.T @ xi.reshape(-1))).norm()/gs.norm())
# surrogate flow: dtheta/dtau = -M(l_tau) J_s^T (r_s + xi)
vel = -(Mtau*Js.T @ (r_s + xi).reshape(-1))
Jq = jac(xq, tq)
pred_dr = (Jq @ vel).reshape(-1, 2)
Theta_qs = Jq @ Js.T  # (800,2)
pred45 = -(Mtau*Theta_qs @ r_s.reshape(-1)).reshape(-1, 2) - (Mtau*Theta_qs @ xi.reshape(-1)).reshape(-1, 2)
h = 1e-7
apply_step(vel, h)
with torch.no_grad():
    r_q1 = net(xq, tq) - bayes_x0(xq, tq)
apply_step(-vel, h)
fd_dr = (r_q1 - r_q0)/h
res['C4.Eq45_rel_err'] = float((fd_dr - pred45).norm()/pred45.norm())
ellbar = lambda r: 0.5*Mlam*(r**2).sum(1).mean()
fd_dl = (ellbar(r_q1) - ellbar(r_q0))/h
term1 = -Mlam*(r_q0*(Mtau*Theta_qs @ r_s.reshape(-1)).reshape(-1, 2)).sum(1).mean()
term2 = -Mlam*(r_q0*(Mtau*Theta_qs @ xi.reshape(-1)).reshape(-1, 2)).sum(1).mean()
res['C4.Eq46_fd'] = float(fd_dl); res['C4.Eq46_formula'] = float(term1 + term2)
res['C4.Eq46_terms(contraction,forcing)'] = [float(term1), float(term2)]

# ---------------- Prop D.3 (Eq. 77,78) -----------------
rep_params = [net.l1.weight, net.l1.bias, net.l2.weight, net.l2.bias]
ok78 = []; err77 = []
for trial in range(20):
    x0s, epss, ts, xts, _ = sample(1)
    with torch.no_grad():
        fs = bayes_x0(xts, ts); r = net(xts, ts) - fs; xi = fs - x0s
    lossv = 0.5*Mtau*((net(xts, ts) - x0s)**2).sum()
    gv = torch.cat([gg.reshape(-1) for gg in torch.autograd.grad(lossv, rep_params)])
    # Jacobian of h wrt representation params
    hv = net.h(xts, ts)[0]
    Jh = torch.stack([torch.cat([gg.reshape(-1) for gg in torch.autograd.grad(hv[j], rep_params, retain_graph=True)]) for j in range(hv.numel())])
    W = net.W.weight.detach()
    g77 = Mtau*Jh.T @ W.T @ r[0] + Mtau*Jh.T @ W.T @ xi[0]
    err77.append(float((gv - g77).norm()/gv.norm()))
    rhs = Mtau*Jh.norm()*torch.linalg.matrix_norm(W, 2)*(r.norm() + xi.norm())
    ok78.append(float(gv.norm()/rhs))
res['D3.Eq77_max_rel_err'] = max(err77)
res['D3.Eq78_max_ratio_lhs_over_rhs'] = max(ok78)

# ---------------- Beyond: pathwise coercivity sign ----------------
# coupling(x_tau, l_tau) = M(l) M(l_tau) < E_x[J(x)^T r(x)] , J(x_tau)^T r(x_tau) >
with torch.no_grad():
    rq = net(xq, tq) - bayes_x0(xq, tq)
gl = (Jq.T @ rq.reshape(-1))/xq.shape[0]
negs = {}
for tl in [0.5, 0.1, 0.9, None]:
    x0s, epss, ts, xts, _ = sample(300, tl)
    with torch.no_grad():
        rs = net(xts, ts) - bayes_x0(xts, ts)
    Jss = jac(xts, ts)
    per = (Jss @ gl).reshape(-1, 2)
    cpl = (per*rs).sum(1)
    negs[str(tl)] = dict(frac_negative=float((cpl < 0).float().mean()), mean=float(cpl.mean()), min=float(cpl.min()))
res['EB.coercivity_pathwise_sign (eval t=0.5; sampled t)'] = negs

# ---------------- Beyond: minibatch averaging of the xi-term ----------------
tl = 0.9
x0s, epss, ts, xts, _ = sample(4096, tl)
with torch.no_grad():
    fs = bayes_x0(xts, ts); r = net(xts, ts) - fs; xi = fs - x0s
Jbig = jac(xts[:1024], ts[:1024])
gr = (Jbig.T*0)  # placeholder
per_r = []; per_x = []
mb = {}
for B in [1, 16, 256, 1024]:
    ratios = []
    for rep_ in range(4 if B < 1024 else 1):
        idx = torch.randperm(1024)[:B]
        rows = torch.stack([2*idx, 2*idx+1], 1).reshape(-1)
        Jr = Jbig[rows]
        tr = Jr.T @ r[idx].reshape(-1)/B; tx = Jr.T @ xi[idx].reshape(-1)/B
        ratios.append(float(tx.norm()/tr.norm()))
    mb[B] = float(np.mean(ratios))
res['EB.minibatch ||xi-term||/||r-term|| at t=0.9 (x0-target)'] = mb
res['EB.mean ||xi||/||r|| per sample t=0.9'] = float(xi.norm(dim=1).mean()/r.norm(dim=1).mean())

print(json.dumps(res, indent=1))
json.dump(res, open('s02_ntk_dynamics_out.json', 'w'), indent=1)
