# Train toy models for erd App. F re-implementation. usage: python s03_train.py JOB
import sys, time, numpy as np, torch
from toy import *
job=sys.argv[1]; sch='linear'
def erdw(target):
    # ERD weight (erd Eq. 111) for linear schedule a=1-t, s=t, normalised to mean 1 over t~U(0,1)
    f={'eps':lambda t:t,'x0':lambda t:1-t,'v':lambda t:np.sqrt(2)*t*(1-t),'u':lambda t:np.sqrt((1-t)**2+t**2)}[target]
    tg=np.linspace(0,1,100001); m=f(tg).mean(); return lambda t:f(t)/m
bins=[(0,.2),(.2,.4),(.4,.6),(.6,.8),(.8,1.)]
specs={
 'A':[('glob_eps',dict(target='eps')),('glob_x0',dict(target='x0'))],
 'B':[('glob_v',dict(target='v')),('glob_u',dict(target='u'))],
 'C':[(f'pw_eps_{i}',dict(target='eps',tlo=b[0],thi=b[1])) for i,b in enumerate(bins)],
 'D':[(f'pw_x0_{i}',dict(target='x0',tlo=b[0],thi=b[1])) for i,b in enumerate(bins)],
 'E':[('glob10k_eps',dict(target='eps',iters=10000))],
 'F':[('glob10k_x0',dict(target='x0',iters=10000))],
 'G':[('erd_eps',dict(target='eps',weight=erdw('eps'))),('erd_x0',dict(target='x0',weight=erdw('x0'))),('erd_v',dict(target='v',weight=erdw('v')))],
 'H':[('glob_eps_s1',dict(target='eps',seed=1)),('erd_eps_s1',dict(target='eps',weight=erdw('eps'),seed=1))],
 'I':[('glob_x0_s1',dict(target='x0',seed=1)),('erd_x0_s1',dict(target='x0',weight=erdw('x0'),seed=1))],
}
for name,kw in specs[job]:
    t0=time.time(); net=train(sch,**kw); torch.save(net.state_dict(),f'models/{name}.pt'); print(name,'%.1fs'%(time.time()-t0),flush=True)
