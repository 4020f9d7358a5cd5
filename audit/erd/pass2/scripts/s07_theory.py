# Numerical checks of erd Prop. B.1 (Eq. 18), Lemma C.1 (Eq. 28), Thm C.4 (Eqs. 45-46), Prop D.3 (Eqs. 77-78),
# pathwise coercivity (Eq. 59) sign, and zero-mean of the Bayes forcing.
import numpy as np, torch, torch.nn as nn, math
from toy import sample_x0, sched, coefs, bayes, make_batch
torch.set_num_threads(1); torch.manual_seed(0); torch.set_default_dtype(torch.float64)
rng=np.random.default_rng(0); SCH='linear'; TGT='eps'
class Small(nn.Module):
    def __init__(s,m=64):
        super().__init__(); s.feat=nn.Sequential(nn.Linear(3,m),nn.SiLU(),nn.Linear(m,m),nn.SiLU()); s.head=nn.Linear(m,2)
    def h(s,x,t): return s.feat(torch.cat([x,t[:,None]],1))
    def forward(s,x,t): return s.head(s.h(x,t))
net=Small(); P=list(net.parameters())
def flat_grad(out_scalar,params):
    g=torch.autograd.grad(out_scalar,params,allow_unused=True,retain_graph=True); return torch.cat([(gi if gi is not None else torch.zeros_like(p)).reshape(-1) for gi,p in zip(g,params)])
def jac(x,t,params=None):
    params=params or P; f=net(x,t); rows=[]
    for i in range(f.shape[0]):
        for j in range(2): rows.append(flat_grad(f[i,j],params))
    return torch.stack(rows)  # (2n, p)
def tt(a): return torch.as_tensor(a)
def snapshot(): return [p.detach().clone() for p in P]
def restore(s):
    with torch.no_grad():
        for p,q in zip(P,s): p.copy_(q)
# ---------- Prop B.1: GD on empirical joint objective (deterministic targets y(x,λ))
N=32; x,t,y,*_=make_batch(N,rng,SCH,TGT); X,Tt,Y=tt(x),tt(t),tt(y)
xe,te,_,*_=make_batch(8,rng,SCH,TGT); XE,TE=tt(xe),tt(te)
eta=1e-6; s0=snapshot()
with torch.no_grad(): fe0=net(XE,TE); e=net(X,Tt)-Y
L=0.5*((net(X,Tt)-Y)**2).sum(1).mean(); g=torch.autograd.grad(L,P)
with torch.no_grad():
    for p,gi in zip(P,g): p-=eta*gi
    fe1=net(XE,TE)
restore(s0)
Je=jac(XE,TE); Jt=jac(X,Tt)
Theta=Je@Jt.T   # (16, 64)
pred=-(Theta@e.reshape(-1))/N
obs=((fe1-fe0)/eta).reshape(-1)
print("PropB.1 Eq18: rel.err |Δf/η - (-E[Θ e])|/|.| =",float((obs-pred).norm()/pred.norm()))
# ---------- Lemma C.1 with random targets: MC decomposition
n=200000; x,t,y,*_=make_batch(n,rng,SCH,TGT,t=0.3); a,s=sched(SCH,t); fs,_=bayes(x,a,s,TGT)
with torch.no_grad(): f=net(tt(x),tt(t)).numpy()
lhs=np.mean(np.sum((f-y)**2,1)); ex=np.mean(np.sum((f-fs)**2,1)); bf=np.mean(np.sum((fs-y)**2,1)); cr=2*np.mean(np.sum((f-fs)*(fs-y),1))
print(f"LemmaC.1 t=0.3: E||f-y||^2={lhs:.5f}  excess+floor={ex+bf:.5f} (excess {ex:.4f}, floor {bf:.4f}), cross term={cr:.2e} (MC s.e.~{2*np.std(np.sum((f-fs)*(fs-y),1))/np.sqrt(n):.1e})")
# ---------- Thm C.4 Eq. 45/46: one SGD step on one sample (x_s, λ_s); M ≡ 1 (uniform)
lam_eval=0.3; ne=256; xe,te,ye,*_=make_batch(ne,rng,SCH,TGT,t=lam_eval); ae,se=sched(SCH,te); fse,_=bayes(xe,ae,se,TGT)
XE,TE,FSE=tt(xe),tt(te),tt(fse)
xs,ts,ys,*_=make_batch(1,rng,SCH,TGT); a1,s1=sched(SCH,ts); fss,_=bayes(xs,a1,s1,TGT)
XS,TS,YS,FSS=tt(xs),tt(ts),tt(ys),tt(fss)
def lbar():
    with torch.no_grad(): r=net(XE,TE)-FSE; return 0.5*float((r**2).sum(1).mean()), r
l0,r0=lbar()
with torch.no_grad(): rs=net(XS,TS)-FSS; xi=FSS-YS
Lk=0.5*((net(XS,TS)-YS)**2).sum(); g=torch.autograd.grad(Lk,P)
eta=1e-7
with torch.no_grad():
    for p,gi in zip(P,g): p-=eta*gi
l1,r1=lbar(); restore(s0)
Je=jac(XE,TE); Js=jac(XS,TS); Th=Je@Js.T  # (2ne,2)
dr_pred=-(Th@(rs+xi).reshape(-1)); dr_obs=((r1-r0)/eta).reshape(-1)
print("ThmC.4 Eq45: rel.err of ∂τ r =",float((dr_obs-dr_pred).norm()/dr_pred.norm()))
contr=-float((r0.reshape(-1)*(Th@rs.reshape(-1))).sum()/ne); forc=-float((r0.reshape(-1)*(Th@xi.reshape(-1))).sum()/ne)
print(f"ThmC.4 Eq46: dℓ̄/dτ observed={(l1-l0)/eta:.6e}  predicted contraction+forcing={contr+forc:.6e} (contraction {contr:.3e}, forcing {forc:.3e})")
# ---------- Prop D.3: gradient wrt representation params (feat) = M ∇h^T W^T (r+ξ); norm bound Eq. 78
Pf=list(net.feat.parameters())
Lk=0.5*((net(XS,TS)-YS)**2).sum(); gfe=torch.cat([gi.reshape(-1) for gi in torch.autograd.grad(Lk,Pf)])
hS=net.h(XS,TS); Jh=torch.stack([flat_grad(hS[0,k],Pf) for k in range(hS.shape[1])])  # (m,pf)
W=net.head.weight.detach()
t1=Jh.T@(W.T@rs.reshape(-1)); t2=Jh.T@(W.T@xi.reshape(-1))
print("PropD.3 Eq77 rel.err =",float((gfe-(t1+t2)).norm()/gfe.norm()))
bound=float(Jh.norm()*torch.linalg.matrix_norm(W,2)*(rs.norm()+xi.norm()))
print(f"PropD.3 Eq78: ||grad||={float(gfe.norm()):.4f} <= bound {bound:.4f}  (ratio {float(gfe.norm())/bound:.3f})")
# ---------- zero-mean Bayes forcing & coercivity sign (Eq. 59), frozen kernel at init
K=400; xs,ts,ys,*_=make_batch(K,rng,SCH,TGT); a1,s1=sched(SCH,ts); fss,_=bayes(xs,a1,s1,TGT)
XS,FSS,YS=tt(xs),tt(fss),tt(ys)
with torch.no_grad(): rsK=net(XS,tt(ts))-FSS; xiK=FSS-YS
Js=jac(XS,tt(ts))      # (2K,p)
A=(Je.T@r0.reshape(-1))/ne   # p-vector: E_x[J(x,λ)^T r(x,λ)]
# per-sample coercivity term C_s = <r(.,λ), Θ(.,s) r_s> = A·(J_s^T r_s)
Jr=torch.stack([Js[2*i:2*i+2].T@rsK[i] for i in range(K)])   # (K,p)
Jx=torch.stack([Js[2*i:2*i+2].T@xiK[i] for i in range(K)])
C=(Jr@A).numpy(); Fo=(Jx@A).numpy()
print(f"Coercivity Eq59 at λ(t)={lam_eval}: per-sample C_s/ℓ̄: frac negative={np.mean(C<0):.3f}, min={C.min()/l0:.3f}, median={np.median(C)/l0:.3f}, mean={C.mean()/l0:.3f}")
tsn=np.asarray(ts); near=np.abs(tsn-lam_eval)<0.05
print(f"   restricted to samples with |t_s-t|<0.05 (n={near.sum()}): frac negative={np.mean(C[near]<0):.3f}")
print(f"Bayes forcing <r,Θξ_s>: mean over samples={Fo.mean():.4e}, RMS per sample={np.sqrt(np.mean(Fo**2)):.4e}, mean/RMS*sqrt(K)={Fo.mean()/np.sqrt(np.mean(Fo**2))*np.sqrt(K):.2f} (≈N(0,1) if zero-mean)")
