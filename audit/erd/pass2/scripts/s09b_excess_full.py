# Excess / loss-to-floor of the paper-setting global models (m=256, batch 512, 2000 it) -- erd Fig. 7 top rows.
import numpy as np, torch; from toy import *
tg=np.array([0.02,0.1,0.2,0.3,0.5,0.7,0.8,0.9,0.95,0.98])
for tgt in ['eps','x0','v','u']:
    net=Net(); net.load_state_dict(torch.load(f'models/glob_{tgt}.pt')); r=eval_excess(net,'linear',tgt,tg)
    print(f"{tgt}: floor",np.round(r[:,1],4)); print(f"   excess",np.round(r[:,2],4),f"mean {r[:,2].mean():.4f}"); print("   loss/floor",np.round(r[:,0]/np.maximum(r[:,1],1e-12),2))
