# EB: erd Prop 3.7/D.3 -- the Bayes-noise term M ∇h^T W^T ξ is conditionally zero-mean, so in a minibatch mean it shrinks ~1/sqrt(B),
# whereas the signal term M ∇h^T W^T r does not. Paper-config trained global models (m=256). Gradients w.r.t. feature params.
import numpy as np, torch; from toy import *
def gnorm(net,x,t,v):
    net.zero_grad(); f=net(T(x),T(t)); (f*T(v)).sum(1).mean().backward()
    return float(torch.sqrt(sum((p.grad**2).sum() for p in net.feat.parameters())))
rng=np.random.default_rng(3)
for tgt,tv in [('x0',0.95),('eps',0.02),('x0',0.3)]:
    net=Net(); net.load_state_dict(torch.load(f'models/glob_{tgt}.pt'))
    print(f"target {tgt}, t={tv}:")
    for B in [1,16,256,4096]:
        gr=[];gx=[]
        for rep in range(8 if B<4096 else 2):
            x,t,y,*_=make_batch(B,rng,'linear',tgt,t=tv); a,s=sched('linear',t); fs,_=bayes(x,a,s,tgt)
            with torch.no_grad(): f=net(T(x),T(t)).numpy()
            gr.append(gnorm(net,x,t,f-fs)); gx.append(gnorm(net,x,t,fs-y))
        print(f"   B={B:5d}: ||mean grad signal r||={np.mean(gr):.4e}  ||mean grad Bayes-noise ξ||={np.mean(gx):.4e}  ratio ξ/r={np.mean(gx)/np.mean(gr):.2f}")
