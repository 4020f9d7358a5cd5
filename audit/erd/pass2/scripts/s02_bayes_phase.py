# erd Fig. 3 / Fig. 8 / Lemma C.1 / Thm D.2 "Bayes floor increases at high noise" on the App. F GMM (analytic posterior).
import numpy as np; from toy import *
rng=np.random.default_rng(0); n=20000
tg=np.array([0.001,0.02,0.05,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,0.98,0.999])
for sch in ['linear','vp','gvp']:
    print(f"\n=== schedule {sch} ===  t grid:",tg)
    for tgt in ['eps','x0','v','u']:
        sig=[];noi=[];erd=[]
        for tv in tg:
            x,t,y,*_=make_batch(n,rng,sch,tgt,t=tv); a,s=sched(sch,t)
            fs,_=bayes(x,a,s,tgt)
            sig.append(np.sqrt(np.mean(np.sum(fs**2,1)))); noi.append(np.sqrt(np.mean(np.sum((y-fs)**2,1))))
            cx,ce=coefs(tgt,a[:1],s[:1]); erd.append(np.sqrt((cx[0]*a[0])**2+(ce[0]*s[0])**2))
        sig=np.array(sig);noi=np.array(noi)
        print(f" {tgt:3s} recoverable RMS ||E[y|x]||:",np.round(sig,3))
        print(f" {tgt:3s} Bayes-noise RMS ||y-E[y|x]||:",np.round(noi,3))
        print(f" {tgt:3s} noise-dominated (noise>signal):",''.join('N' if a>b else '.' for a,b in zip(noi,sig)),
              f"  Bayes floor E||xi||^2 at t=0.001/0.5/0.999: {noi[0]**2:.3f}/{noi[7]**2:.3f}/{noi[-1]**2:.3f}")
        # correlation of ERD weight (Eq 110 with Cov(x0) not I here) and fraction recoverable
        frac=sig/np.sqrt(sig**2+noi**2)
        print(f" {tgt:3s} recoverable fraction sqrt(S/(S+N)):",np.round(frac,3)," ERD w_y:",np.round(np.array(erd),3))
# data covariance of the toy: Cov(x0)=diag(4.09) not I -> Eq 110 assumption
x0,_=sample_x0(200000,rng); print("\nToy Cov(x0) =",np.round(np.cov(x0.T),3)," mean",np.round(x0.mean(0),3))
