# ERD App. F GMM: exact Bayes predictors, Lemma C.1 orthogonality, Fig 3/7/8 claims, Fig 9 Bayes radius
import numpy as np
rng=np.random.default_rng(1)
MU=np.array([[2,2],[2,-2],[-2,2],[-2,-2]],float); S0=0.3
def sched(name,t):
    if name=='linear': return 1-t, t            # reading sigma_t = t (printed "sigma_t = 1" is OCR damage)
    if name=='gvp': return np.cos(np.pi*t/2), np.sin(np.pi*t/2)
    if name=='vp':
        la=-0.25*t**2*(20-0.1)-0.5*t*0.1; a=np.exp(la); return a, np.sqrt(1-a**2)
def sample(N):
    k=rng.integers(0,4,N); return MU[k]+S0*rng.standard_normal((N,2)),k
def post(x,a,s):
    v=a*a*S0*S0+s*s
    ll=-np.sum((x[:,None,:]-a*MU[None])**2,2)/(2*v); ll-=ll.max(1,keepdims=True); r=np.exp(ll); r/=r.sum(1,keepdims=True)
    m=MU[None]+ (a*S0*S0/v)*(x[:,None,:]-a*MU[None])   # E[x0|x,k]
    Ex0=np.sum(r[:,:,None]*m,1); return Ex0,r
N=200000
res={}
for sc in ['linear','vp','gvp']:
    print("== schedule",sc)
    for t in [0.02,0.1,0.3,0.5,0.7,0.9,0.98]:
        a,s=sched(sc,t); x0,k=sample(N); e=rng.standard_normal((N,2)); x=a*x0+s*e
        Ex0,r=post(x,a,s); Eeps=(x-a*Ex0)/s
        tg={'eps':(e,Eeps),'x0':(x0,Ex0),'v':(a*e-s*x0,a*Eeps-s*Ex0),'u':(e-x0,Eeps-Ex0)}
        line=f" t={t:.2f} lam={np.log(a*a/s/s):+6.2f} acc={np.mean(r.argmax(1)==k):.2f} |"
        for nm,(y,fy) in tg.items():
            fl=np.mean(np.sum((y-fy)**2,1)); sig=np.sqrt(np.mean(np.sum(fy**2,1))); noi=np.sqrt(fl)
            # Lemma C.1: arbitrary predictor g(x)=0.7*fy+0.1*sin(x): l = floor + excess exactly
            g=0.7*fy+0.1*np.sin(x); l=np.mean(np.sum((g-y)**2,1)); ex=np.mean(np.sum((g-fy)**2,1))
            cross=2*np.mean(np.sum((g-fy)*(fy-y),1))
            line+=f" {nm}: floor={fl:.3f} sig={sig:.2f} noise={noi:.2f} nf={noi/(sig+noi):.2f} cross/l={cross/l:+.4f};"
            res[(sc,t,nm)]=(fl,sig,noi)
        print(line)
    # Fig 9 Bayes analogue: rms radius of E[x0|x_t]
    print("  rms|E[x0|x_t]| at t=0.1,0.4,0.7,0.9:",[round(float(np.sqrt(np.mean(np.sum(post(sched(sc,t)[0]*sample(50000)[0]+sched(sc,t)[1]*rng.standard_normal((50000,2)),*sched(sc,t))[0]**2,1)))),3) for t in [0.1,0.4,0.7,0.9]])
# Fig 8 caption "universally migrate from signal-dominated to noise-dominated as t increases"
for sc in ['linear','vp','gvp']:
    for nm in ['eps','x0','v','u']:
        nf=[res[(sc,t,nm)][2]/(res[(sc,t,nm)][1]+res[(sc,t,nm)][2]) for t in [0.02,0.1,0.3,0.5,0.7,0.9,0.98]]
        print(f" {sc:6s} {nm:3s} noise fraction over t: {np.round(nf,2)}  increasing-in-t: {all(np.diff(nf)>-0.02)}")
