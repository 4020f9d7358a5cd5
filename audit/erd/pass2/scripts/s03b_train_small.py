# Reduced-cost toy runs (width m=128, batch 256, Adam 1e-3) for Fig. 7 excess comparisons & ERD test.
# usage: python s03b_train_small.py JOB
import sys, time, numpy as np, torch
from toy import *
job=sys.argv[1]; sch='linear'; KW=dict(m=128,bs=256)
def erdw(target):
    f={'eps':lambda t:t,'x0':lambda t:1-t,'v':lambda t:np.sqrt(2)*t*(1-t)}[target]
    tg=np.linspace(0,1,100001); m=f(tg).mean(); return lambda t:f(t)/m
bins=[(0,.2),(.2,.4),(.4,.6),(.6,.8),(.8,1.)]
specs={
 'P':[('S_glob_eps',dict(target='eps')),('S_glob_x0',dict(target='x0')),('S_erd_eps',dict(target='eps',weight=erdw('eps'))),('S_erd_x0',dict(target='x0',weight=erdw('x0')))]
     +[(f'S_pw_eps_{i}',dict(target='eps',tlo=b[0],thi=b[1])) for i,b in enumerate(bins)],
 'Q':[(f'S_pw_x0_{i}',dict(target='x0',tlo=b[0],thi=b[1])) for i,b in enumerate(bins)]
     +[('S_glob_v',dict(target='v')),('S_erd_v',dict(target='v',weight=erdw('v')))],
 'R':[('S_glob10k_eps',dict(target='eps',iters=10000))],
 'S':[('S_glob10k_x0',dict(target='x0',iters=10000))],
 'T':[(f'S_glob_eps_s{k}',dict(target='eps',seed=k)) for k in (1,2)]+[(f'S_erd_eps_s{k}',dict(target='eps',weight=erdw('eps'),seed=k)) for k in (1,2)],
 'U':[(f'S_glob_x0_s{k}',dict(target='x0',seed=k)) for k in (1,2)]+[(f'S_erd_x0_s{k}',dict(target='x0',weight=erdw('x0'),seed=k)) for k in (1,2)],
}
for name,kw in specs[job]:
    t0=time.time(); net=train(sch,**kw,**KW); torch.save(net.state_dict(),f'models/{name}.pt'); print(name,'%.1fs'%(time.time()-t0),flush=True)
