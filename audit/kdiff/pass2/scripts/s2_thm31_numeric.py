# kdiff Thm 3.1 (Eqs. 8-12): numeric check with arbitrary time-varying phi, psi, kappa, random P.
import numpy as np
rng = np.random.default_rng(0)
D, d = 10, 3
Q,_ = np.linalg.qr(rng.standard_normal((D,D))); P = Q[:, :d]; PP = P@P.T
# Gauss-Legendre quadrature over alpha in [0,1]; sampling density p(alpha)=Beta(2,3) ; kappa^2 arbitrary
xg, wg = np.polynomial.legendre.leggauss(200); al = 0.5*(xg+1); wq = 0.5*wg
pdf = 12*al*(1-al)**2
sig = np.sqrt(1-al**2)              # VP-like schedule, not flow matching
phi = 0.3+np.sin(3*al); psi = -0.7+al**2   # arbitrary targets
kap2 = 1+4*al                        # arbitrary loss weighting
m = wq*pdf*kap2                      # effective measure D~alpha
# exact expected loss as function of W:
def loss(W):
    tot=0.
    for j in range(len(al)):
        Ezz = al[j]**2*PP + sig[j]**2*np.eye(D); Euz = phi[j]*al[j]*PP + psi[j]*sig[j]*np.eye(D)
        Euu = phi[j]**2*PP + psi[j]**2*np.eye(D)
        tot += m[j]*np.trace(W@Ezz@W.T - 2*W@Euz.T + Euu)
    return 0.5*tot
# closed-form minimiser: W* = (int m Euz)(int m Ezz)^{-1}
A = sum(m[j]*(al[j]**2*PP+sig[j]**2*np.eye(D)) for j in range(len(al)))
B = sum(m[j]*(phi[j]*al[j]*PP+psi[j]*sig[j]*np.eye(D)) for j in range(len(al)))
Wls = B@np.linalg.inv(A)
c_par = np.sum(m*(phi*al+psi*sig))/np.sum(m*(al**2+sig**2)); c_perp = np.sum(m*psi*sig)/np.sum(m*sig**2)
W11 = c_par*PP + c_perp*(np.eye(D)-PP)
print("max|W_LS - W*(Eq11)| =", np.abs(Wls-W11).max())
D12 = 0.5*d*(np.sum(m*(phi**2+psi**2)) - np.sum(m*(phi*al+psi*sig))**2/np.sum(m*(al**2+sig**2))) \
    + 0.5*(D-d)*(np.sum(m*psi**2) - np.sum(m*psi*sig)**2/np.sum(m*sig**2))
print("loss(W*) =", loss(W11), " Eq12 =", D12, " rel.diff=", abs(loss(W11)-D12)/D12)
# perturbations increase loss (global min of convex quadratic)
print("min loss increase over 20 random perturbations:", min(loss(W11+1e-2*rng.standard_normal((D,D)))-loss(W11) for _ in range(20)))
# gradient flow Eq 8 from random init converges to W*; check decoupling Eq 9: d(W PP)/dt depends only on W PP
W = rng.standard_normal((D,D)); lr=0.05
grad = lambda W: -(W@A - B)
for it in range(4000): W = W + lr*grad(W)
print("gradient flow -> W*: max diff", np.abs(W-W11).max())
W1 = rng.standard_normal((D,D)); W2 = W1 + rng.standard_normal((D,D))@(np.eye(D)-PP)  # differ only in perp part
print("decoupling: ||grad(W1)PP - grad(W2)PP|| =", np.linalg.norm(grad(W1)@PP-grad(W2)@PP))
# Monte Carlo SGD-free least squares with sampled data (non-Gaussian x~ on a subspace)
N=200000
xt = rng.choice([-1.,1.],size=(N,d))      # whitened but non-Gaussian intrinsic data
X = xt@P.T; E = rng.standard_normal((N,D))
aj = rng.beta(2,3,size=N); sj=np.sqrt(1-aj**2); ph_=0.3+np.sin(3*aj); ps_=-0.7+aj**2; kw=np.sqrt(1+4*aj)
Z = aj[:,None]*X+sj[:,None]*E; U = ph_[:,None]*X+ps_[:,None]*E
Zw = Z*kw[:,None]; Uw=U*kw[:,None]
Wmc = np.linalg.lstsq(Zw,Uw,rcond=None)[0].T
print("Monte-Carlo LS (N=2e5, Rademacher x~): max|W_MC - W*| =", np.abs(Wmc-W11).max())
