# erd App. F.4 (Figs. 10-12): empirical NTK top eigenvalues, Shannon effective rank, normalized Gram block structure,
# for the trained global width-256 models (own re-implementation), vs the same net at initialization and an input-only RBF kernel.
import numpy as np, torch, sys
from torch.func import functional_call, vmap, jacrev
from toy import *
torch.manual_seed(0)
tg=[0.02,0.05,0.1,0.2,0.3,0.5,0.7,0.8,0.9,0.95,0.98]
nper=12  # samples per cluster -> 48 samples, Gram 96x96
def gram(net,x,t):
    params={k:v.detach() for k,v in net.named_parameters()}
    def f(p,xx,tt): return functional_call(net,p,(xx[None],tt[None]))[0]
    J=vmap(jacrev(f),in_dims=(None,0,0))(params,T(x),T(t))   # dict of (n,2,...)
    Jm=torch.cat([v.reshape(v.shape[0],2,-1) for v in J.values()],2).reshape(len(x)*2,-1)
    return (Jm@Jm.T).double().numpy()
def stats(K,k):
    ev=np.clip(np.linalg.eigvalsh(K)[::-1],0,None); p=ev/ev.sum(); er=np.exp(-np.sum(p[p>0]*np.log(p[p>0])))
    n=len(k); S=np.array([[np.trace(K[2*i:2*i+2,2*j:2*j+2])/2 for j in range(n)] for i in range(n)])
    d=np.sqrt(np.diag(S)); C=S/np.outer(d,d); same=(k[:,None]==k[None]); off=~np.eye(n,dtype=bool)
    return ev[:3],er,C[same&off].mean(),C[~same].mean()
def rbf_stats(x,k):
    D=((x[:,None]-x[None])**2).sum(-1); h=np.median(D[D>0]); C=np.exp(-D/h)
    same=(k[:,None]==k[None]); off=~np.eye(len(k),dtype=bool); return C[same&off].mean(),C[~same].mean()
rng=np.random.default_rng(5)
x0=np.concatenate([MU[c]+S0*rng.standard_normal((nper,2)) for c in range(4)]); kk=np.repeat(np.arange(4),nper); e=rng.standard_normal((4*nper,2))
targets=sys.argv[1:] or ['eps','x0','v','u']
for tgt in targets:
    net=Net(); net.load_state_dict(torch.load(f'models/glob_{tgt}.pt')); torch.manual_seed(0); net0=Net()
    print(f"\n=== target {tgt} (linear schedule, trained 2000 it, m=256) ===")
    print(" t     k1        k2        k3       effrank | normNTK within  between | init: k1  effrank within between | RBF(x_t) within between")
    for tv in tg:
        t=np.full(len(x0),tv); a,s=sched('linear',t); x=a[:,None]*x0+s[:,None]*e
        (k1,k2,k3),er,w,b=stats(gram(net,x,t),kk); (i1,_,_),er0,w0,b0=stats(gram(net0,x,t),kk); rw,rb=rbf_stats(x,kk)
        print(f" {tv:4.2f} {k1:9.3e} {k2:9.3e} {k3:9.3e} {er:6.2f} | {w:6.3f} {b:6.3f} | {i1:9.3e} {er0:6.2f} {w0:6.3f} {b0:6.3f} | {rw:6.3f} {rb:6.3f}",flush=True)
