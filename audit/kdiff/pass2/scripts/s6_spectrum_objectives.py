# kdiff: optimal k in the paper's linear model with a non-white spectrum, under (a) Thm 3.2's objective and
# (b) the paper's actual Table-4 objectives. Per-direction loss A(lam,k) = min_c int m [lam (c t - k)^2 + (c(1-t)+1-k)^2].
import numpy as np
from scipy.optimize import minimize_scalar
y = np.linspace(-45,45,36001); dy=y[1]-y[0]; t=1/(1+np.exp(-y)); omt=1/(1+np.exp(y))
def samp(name):
    if name=='U': return t*omt*dy
    m,s=name; return np.exp(-(y-m)**2/(2*s*s))/np.sqrt(2*np.pi)/s*dy
def ints(k, sp, crit, eps):
    p=samp(sp); den=k*omt+(1-k)*t
    kap2 = np.ones_like(t) if crit=='u' else 1/np.maximum(den, eps if eps>0 else 1e-300)**2
    m=p*kap2
    return dict(m=m.sum(), t2=(m*t*t).sum(), o2=(m*omt*omt).sum(), t1=(m*t).sum(), o1=(m*omt).sum())
def Dtot(k, lams, D, sp, crit, eps):
    I=ints(k,sp,crit,eps); lams=np.asarray(lams)
    a2 = lams*I['t2'] + I['o2']; a1 = lams*k*I['t1'] - (1-k)*I['o1']; a0 = lams*k*k*I['m'] + (1-k)**2*I['m']
    Apar = a0 - a1**2/a2
    Bperp = (1-k)**2*(I['m'] - I['o1']**2/I['o2']) if k<1 else 0.0
    return (Apar.sum() + (D-len(lams))*Bperp)/D
def kstar(lams,D,sp,crit,eps):
    ks=np.concatenate([np.linspace(0.005,0.995,199),1-np.logspace(-3,-6,7)])
    v=[Dtot(k,lams,D,sp,crit,eps) for k in ks]; i=int(np.argmin(v))
    lo,hi=ks[max(i-1,0)],ks[min(i+1,len(ks)-1)]
    r=minimize_scalar(lambda k:Dtot(k,lams,D,sp,crit,eps),bounds=(lo,hi),method='bounded',options={'xatol':1e-8}); return r.x
if __name__=='__main__':
    # check of the general form k* = D/(D+trSigma) for a symmetric non-uniform sampler (LN(0,1)), kappa=1
    rng=np.random.default_rng(0); lams=rng.exponential(1.0,40); D=100
    print(f"LN(0,1), kappa=1, random spectrum: k*={kstar(lams,D,(0,1),'u',0):.6f}  D/(D+trS)={D/(D+lams.sum()):.6f}")
    # ImageNet-like pixel statistics in [-1,1]: per-pixel mean of (0.485,0.456,0.406)*2-1, std 2*(0.229,0.224,0.225)
    mean = np.array([0.485,0.456,0.406])*2-1; std=np.array([0.229,0.224,0.225])*2
    m2 = np.mean(std**2+mean**2); print(f"ImageNet pixel second moment per dim in [-1,1] ~ {m2:.3f}")
    Dp = 196608
    # power-law spectrum lam_i ~ 1/i (natural-image PCA), normalised to total energy m2*Dp, full rank
    spec = 1/np.arange(1,Dp+1); spec *= m2*Dp/spec.sum()
    print(f"  top eigenvalue {spec[0]:.1f}, #dirs with lam>1: {(spec>1).sum()}, with lam>0.01: {(spec>0.01).sum()}")
    for name,sp_,crit,eps,ns in [("Thm3.2 objective (U, u-loss), noise scale 1", 'U','u',0,1.0),
                              ("Table4 pixel-256 (LN(-.8,.8), v-loss, clamp .05)",(-0.8,0.8),'v',0.05,1.0),
                              ("Thm3.2 objective, 512 noise scale 2 (lam/4)", 'U','u',0,2.0),
                              ("Table4 pixel-512 (noise scale 2, lam/4)",(-0.8,0.8),'v',0.05,2.0)]:
        L = spec/ns**2
        print(f"  {name:50s}: k*={kstar(L,Dp,sp_,crit,eps):.4f}   [D/(D+trS/s^2)={Dp/(Dp+L.sum()):.4f}]")
    # latent: VA-VAE f16d32, D=8192; if latents are normalised to unit variance per channel (tr=D):
    Dl=8192
    for frac in [1.0,0.5]:
        spec_l = 1/np.arange(1,Dl+1)**0.5; spec_l *= frac*Dl/spec_l.sum()
        print(f"latent D=8192, total energy {frac}*D, spectrum ~i^-0.5: Thm3.2-objective k*={kstar(spec_l,Dl,'U','u',0):.4f} ;"
              f" Table4-latent (LN(0,1), v-loss, no clamp) k*={kstar(spec_l,Dl,(0,1),'v',0):.4f}")
