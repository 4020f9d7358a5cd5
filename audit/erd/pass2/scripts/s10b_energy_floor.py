# calibration for s10: energy distance between independent 4000-sample sets of the true GMM
import numpy as np, torch; from toy import sample_x0
def energy(X,Y):
    X=torch.tensor(X);Y=torch.tensor(Y); return float(2*torch.cdist(X,Y).mean()-torch.cdist(X,X).mean()-torch.cdist(Y,Y).mean())
rng=np.random.default_rng(99); ref,_=sample_x0(4000,rng)
v=[energy(sample_x0(4000,np.random.default_rng(s))[0],ref) for s in range(5)]
print("energy distance true-vs-true (5 draws):",np.round(v,4)," mean",np.mean(v).round(4))
