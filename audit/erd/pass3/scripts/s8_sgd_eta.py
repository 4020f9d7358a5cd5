# Lemma C.3 surrogate vs real SGD: does the Bayes-forcing neighbourhood depend on step size eta?
# Linear model f=w.x, target y = w*.x + xi, xi zero-mean Bayes noise (E[xi|x]=0). Excess = 1/2 E[(w-w*).x]^2
import numpy as np
rng=np.random.default_rng(0); d=10; ws=rng.standard_normal(d); sig=1.0
for eta in [0.05,0.02,0.005,0.002]:
    w=np.zeros(d); steps=int(60/eta); ex=[]
    X=rng.standard_normal((steps,d)); XI=sig*rng.standard_normal(steps)
    for k in range(steps):
        x=X[k]; y=ws@x+XI[k]; w-=eta*(w@x-y)*x
        if k>steps//2 and k%10==0: ex.append(0.5*np.sum((w-ws)**2))
    print(f" eta={eta}: stationary excess {np.mean(ex):.5f}  excess/eta {np.mean(ex)/eta:.4f}  (theory ~ sig^2 d/4 = {sig**2*d/4:.2f} for small eta)")
print(" population gradient flow (Prop B.1) has no forcing term: E[x xi]=0 -> excess -> 0; the eta-free surrogate Eq.41 keeps an O(1) forcing")
