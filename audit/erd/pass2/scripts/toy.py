# Shared toy utilities for erd App. F (2D GMM) re-implementation (own code).
import numpy as np, torch, torch.nn as nn, math
torch.set_num_threads(1)
MU=np.array([[2.,2.],[2.,-2.],[-2.,2.],[-2.,-2.]]); S0=0.3
def sample_x0(n,rng):
    k=rng.integers(0,4,n); return MU[k]+S0*rng.standard_normal((n,2)), k
def sched(name,t):
    t=np.asarray(t,float)
    if name=='linear': return 1-t, t
    if name=='gvp': return np.cos(t*np.pi/2), np.sin(t*np.pi/2)
    if name=='vp':
        bmin,bmax=0.1,20.0; logal=-0.25*t**2*(bmax-bmin)-0.5*t*bmin
        a=np.exp(logal); return a, np.sqrt(1-a**2)
def coefs(target,a,s):
    one=np.ones_like(a)
    return {'eps':(0*one,one),'x0':(one,0*one),'v':(-s,a),'u':(-one,one)}[target]
def bayes(x,a,s,target):
    """E[y|x_t] for GMM; a,s arrays (n,) """
    a=a[:,None]; s=s[:,None]
    v=a**2*S0**2+s**2
    ll=np.stack([-np.sum((x-a*m)**2,1)/(2*v[:,0]) for m in MU],1)
    ll-=ll.max(1,keepdims=True); p=np.exp(ll); p/=p.sum(1,keepdims=True)
    Ex0=sum(p[:,[k]]*(MU[k]+(a*S0**2/v)*(x-a*MU[k])) for k in range(4))
    Ee=sum(p[:,[k]]*((s/v)*(x-a*MU[k])) for k in range(4))
    cx,ce=coefs(target,a[:,0],s[:,0])
    return cx[:,None]*Ex0+ce[:,None]*Ee, p
def make_batch(n,rng,schedname,target,tlo=0.,thi=1.,t=None):
    x0,k=sample_x0(n,rng); e=rng.standard_normal((n,2))
    if t is None: t=rng.uniform(tlo,thi,n)
    else: t=np.full(n,t,float)
    a,s=sched(schedname,t); x=a[:,None]*x0+s[:,None]*e
    cx,ce=coefs(target,a,s); y=cx[:,None]*x0+ce[:,None]*e
    return x,t,y,x0,e,k
def temb(t,dim=64):
    half=dim//2; f=torch.exp(-math.log(10000.)*torch.arange(half)/half)
    arg=1000.*t[:,None]*f[None]   # time scaled by 1000 (paper does not state the scale)
    return torch.cat([torch.sin(arg),torch.cos(arg)],1)
class Net(nn.Module):
    def __init__(s,m=256):
        super().__init__()
        s.feat=nn.Sequential(nn.Linear(66,m),nn.SiLU(),nn.Linear(m,m),nn.SiLU(),nn.Linear(m,m),nn.SiLU())
        s.head=nn.Linear(m,2)
    def h(s,x,t): return s.feat(torch.cat([x,temb(t)],1))
    def forward(s,x,t): return s.head(s.h(x,t))
def T(a): return torch.as_tensor(a,dtype=torch.float32)
def train(schedname,target,iters=2000,tlo=0.,thi=1.,seed=0,weight=None,bs=512,lr=1e-3,m=256):
    rng=np.random.default_rng(seed); torch.manual_seed(seed)
    net=Net(m); opt=torch.optim.Adam(net.parameters(),lr=lr)
    for it in range(iters):
        x,t,y,*_=make_batch(bs,rng,schedname,target,tlo,thi)
        w=np.ones(bs) if weight is None else weight(t)
        loss=(T(w)*((net(T(x),T(t))-T(y))**2).sum(1)).mean()
        opt.zero_grad(); loss.backward(); opt.step()
    return net
def eval_excess(net,schedname,target,tgrid,n=4000,seed=123):
    """returns per t: empirical MSE, Bayes floor, excess (=E||f-f*||^2), all summed over 2 dims"""
    rng=np.random.default_rng(seed); out=[]
    with torch.no_grad():
        for tv in tgrid:
            x,t,y,*_=make_batch(n,rng,schedname,target,t=tv)
            a,s=sched(schedname,t); fs,_=bayes(x,a,s,target)
            f=net(T(x),T(t)).numpy()
            out.append((np.mean(np.sum((f-y)**2,1)),np.mean(np.sum((fs-y)**2,1)),np.mean(np.sum((f-fs)**2,1))))
    return np.array(out)
