# ERD App F.1 toy: 3-layer SiLU MLP (256), 64-d sinusoidal t-embedding, Adam 1e-3, batch 512, 2000 it. Linear schedule a=1-t, s=t.
# Checks Fig.7 (excess vs floor, global vs piecewise), Fig.9 (PCA radius), Fig.10/11/12 (NTK top eig, eff. rank, homogenisation), ERD weight effect.
import numpy as np, torch, time, json, sys
torch.set_num_threads(2); torch.manual_seed(0); rng=np.random.default_rng(0)
MU=np.array([[2,2],[2,-2],[-2,2],[-2,-2]],float); S0=0.3
def sample(N):
    k=rng.integers(0,4,N); return MU[k]+S0*rng.standard_normal((N,2))
def post_x0(x,a,s):
    v=a*a*S0*S0+s*s; ll=-np.sum((x[:,None,:]-a*MU[None])**2,2)/(2*v); ll-=ll.max(1,keepdims=True); r=np.exp(ll); r/=r.sum(1,keepdims=True)
    return np.sum(r[:,:,None]*(MU[None]+(a*S0*S0/v)*(x[:,None,:]-a*MU[None])),1)
def emb(t):
    f=torch.exp(-np.log(10000)*torch.arange(32)/32); a=t[:,None]*1000*f[None]; return torch.cat([torch.sin(a),torch.cos(a)],1)
class Net(torch.nn.Module):
    def __init__(s):
        super().__init__(); s.h=torch.nn.Sequential(torch.nn.Linear(66,256),torch.nn.SiLU(),torch.nn.Linear(256,256),torch.nn.SiLU(),torch.nn.Linear(256,256),torch.nn.SiLU()); s.o=torch.nn.Linear(256,2)
    def feat(s,x,t): return s.h(torch.cat([x,emb(t)],1))
    def forward(s,x,t): return s.o(s.feat(x,t))
def target(tg,x0,e,a,s): return e if tg=='eps' else x0
def train(tg,lo=0.,hi=1.,weight=None,iters=2000):
    net=Net(); opt=torch.optim.Adam(net.parameters(),1e-3)
    for it in range(iters):
        x0=torch.tensor(sample(512),dtype=torch.float32); e=torch.randn(512,2); t=lo+(hi-lo)*torch.rand(512)
        a=(1-t)[:,None]; s=t[:,None]; x=a*x0+s*e; y=target(tg,x0,e,a,s)
        w=torch.ones(512) if weight is None else weight(t)
        loss=(w*((net(x,t)-y)**2).sum(1)).mean(); opt.zero_grad(); loss.backward(); opt.step()
    return net
def excess_floor(nets,tg,tgrid):
    out=[]
    for t in tgrid:
        x0=sample(20000); e=rng.standard_normal((20000,2)); a,s=1-t,t; x=a*x0+s*e
        Ex0=post_x0(x,a,s); fy=(x-a*Ex0)/s if tg=='eps' else Ex0; y=e if tg=='eps' else x0
        net=nets(t)
        with torch.no_grad(): p=net(torch.tensor(x,dtype=torch.float32),torch.full((20000,),t,dtype=torch.float32)).numpy()
        out.append((t,np.mean(np.sum((y-fy)**2,1)),np.mean(np.sum((p-fy)**2,1)),np.mean(np.sum((p-y)**2,1))))
    return out
tgrid=[0.01,0.05,0.1,0.3,0.5,0.7,0.9,0.99]
mode=sys.argv[1]; tg=sys.argv[2] if len(sys.argv)>2 else 'eps'; t0=time.time()
if mode=='erd':
    g=train(tg,weight=lambda t: t/0.5)
else:
    g=train(tg)
v=excess_floor(lambda t:g,tg,tgrid)
print(f"[{tg} {mode}] "+" ".join(f"t={t}:fl={fl:.3f},ex={ex:.4f}" for t,fl,ex,_ in v)); sys.stdout.flush()
if mode=='global':
    X0=sample(2000); E=rng.standard_normal((2000,2))
    with torch.no_grad():
        H={t:g.feat(torch.tensor((1-t)*X0+t*E,dtype=torch.float32),torch.full((2000,),t)).numpy() for t in [0.1,0.4,0.7,0.9]}
    m=H[0.1].mean(0); U=np.linalg.svd(H[0.1]-m,full_matrices=False)[2][:2]
    print(f"[{tg}] Fig9 RMS radius in t=0.1 PCA plane:",{t:round(float(np.sqrt(np.mean(np.sum(((h-m)@U.T)**2,1)))),2) for t,h in H.items()},
          " total hidden variance:",{t:round(float(np.var(h,0).sum()),2) for t,h in H.items()})
    params=list(g.parameters()); Xc=np.repeat(MU,8,0)+S0*rng.standard_normal((32,2)); Ec=rng.standard_normal((32,2))
    for t in [0.05,0.2,0.5,0.8,0.95]:
        x=torch.tensor((1-t)*Xc+t*Ec,dtype=torch.float32); tt=torch.full((32,),t)
        J=[]
        for i in range(32):
            out=g(x[i:i+1],tt[i:i+1])[0]; rows=[]
            for o in range(2):
                gr=torch.autograd.grad(out[o],params,retain_graph=True); rows.append(torch.cat([q.flatten() for q in gr]))
            J.append(torch.stack(rows))
        J=torch.stack(J).reshape(64,-1); K=(J@J.T).numpy(); Kt=K.reshape(32,2,32,2).trace(axis1=1,axis2=3)
        ev=np.clip(np.linalg.eigvalsh(K)[::-1],0,None); p=ev/ev.sum(); er=np.exp(-np.sum(p[p>0]*np.log(p[p>0])))
        dg=np.sqrt(np.diag(Kt)); C=Kt/dg[:,None]/dg[None]; lab=np.repeat(np.arange(4),8); same=lab[:,None]==lab[None]
        print(f"[{tg}] NTK t={t}: top3 eig {np.round(ev[:3],1)} eff.rank {er:.2f} | normalised Gram mean within-cluster {C[same&~np.eye(32,dtype=bool)].mean():.2f} between {C[~same].mean():.2f}"); sys.stdout.flush()
print("elapsed",round(time.time()-t0))
