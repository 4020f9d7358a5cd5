# erd App. F.3 (Fig. 9): PCA of hidden representations h(x_t,t) fitted at t=0.1, projected at t in {0.1,0.4,0.7,0.9}.
# Adds: variance captured by the t=0.1 subspace vs own subspace; cluster separability (between/total variance, by source
# cluster of x0) for h, for the raw input x_t and for the Bayes-optimal output E[y|x_t].
import numpy as np, torch, sys
from toy import *
def sep(Z,k):
    mu=Z.mean(0); tot=((Z-mu)**2).sum(); bw=sum((k==c).sum()*((Z[k==c].mean(0)-mu)**2).sum() for c in range(4)); return bw/tot
rng=np.random.default_rng(7); n=2000
for tgt in (sys.argv[1:] or ['eps','x0','v','u']):
    net=Net(); net.load_state_dict(torch.load(f'models/glob_{tgt}.pt'))
    x0,k=sample_x0(n,rng); e=rng.standard_normal((n,2)); H={}
    for tv in [0.1,0.4,0.7,0.9]:
        t=np.full(n,tv); a,s=sched('linear',t); x=a[:,None]*x0+s[:,None]*e
        with torch.no_grad(): h=net.h(T(x),T(t)).numpy()
        fs,_=bayes(x,a,s,tgt); H[tv]=(h,x,fs)
    h1=H[0.1][0]; m1=h1.mean(0); U,S,Vt=np.linalg.svd(h1-m1,full_matrices=False); V2=Vt[:2].T
    print(f"\n=== target {tgt} === (PCA basis fitted at t=0.1; top-2 PCs explain {100*(S[:2]**2).sum()/(S**2).sum():.1f}% at t=0.1)")
    print(" t   RMS radius in t=0.1 PC plane | var frac captured by t=0.1 PCs vs own top-2 | cluster sep: h(PC-proj) h(full) x_t  E[y|x_t]")
    for tv,(h,x,fs) in H.items():
        Z=(h-m1)@V2; rad=np.sqrt(((Z-Z.mean(0))**2).sum(1).mean())
        hc=h-h.mean(0); tot=(hc**2).sum(); cap=((hc@V2)**2).sum()/tot; s_own=np.linalg.svd(hc,compute_uv=False); own=(s_own[:2]**2).sum()/tot
        print(f" {tv:.1f}  {rad:8.3f}   | {cap:6.3f} vs {own:6.3f} | {sep(Z,k):6.3f} {sep(h,k):6.3f} {sep(x,k):6.3f} {sep(fs,k):6.3f}  (mean shift of PC-proj centre {np.linalg.norm(Z.mean(0)):.3f})")
