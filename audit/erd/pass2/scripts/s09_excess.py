# erd App. F.2 (Fig. 7): excess E||f-f*||^2 and loss vs analytic Bayes floor per t, for global vs piecewise models
# (reduced-cost runs m=128, batch 256), compute-matched global (10k it = 5x) and ERD-weighted global (erd Eq. 111).
import numpy as np, torch, os
from toy import *
tg=np.array([0.02,0.1,0.2,0.3,0.5,0.7,0.8,0.9,0.95,0.98])
def load(name):
    net=Net(128); net.load_state_dict(torch.load(f'models/{name}.pt')); return net
class PW:
    def __init__(s,tgt): s.n=[load(f'S_pw_{tgt}_{i}') for i in range(5)]
    def __call__(s,x,t):
        i=min(int(float(t[0])*5),4); return s.n[i](x,t)
for tgt in ['eps','x0']:
    print(f"\n=== target {tgt} (linear) : t grid {tg}")
    models={'global2k':load(f'S_glob_{tgt}'),'piecewise':PW(tgt)}
    if os.path.exists(f'models/S_glob10k_{tgt}.pt'): models['global10k']=load(f'S_glob10k_{tgt}')
    models['ERD2k']=load(f'S_erd_{tgt}')
    base=None
    for k,m in models.items():
        r=eval_excess(m,'linear',tgt,tg)
        if base is None: print(" Bayes floor     :",np.round(r[:,1],4))
        print(f" excess {k:9s}:",np.round(r[:,2],4),f" mean={r[:,2].mean():.4f}")
        print(f"   loss/floor {k:9s}:",np.round(r[:,0]/np.maximum(r[:,1],1e-12),2))
        base=1
