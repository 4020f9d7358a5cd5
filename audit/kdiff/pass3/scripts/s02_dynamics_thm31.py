"""kdiff Eqs. (8)-(12), Theorem 3.1, App. B-C: numerical verification with generic
(alpha, sigma, phi, psi, kappa) schedules and the Remark after Thm 3.1.
Run: python s02_dynamics_thm31.py   (~10 s CPU)
"""
import numpy as np
import torch
torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(0)

D, d = 7, 3
Q, _ = np.linalg.qr(rng.standard_normal((D, D)))
P = Q[:, :d]                      # D x d, P^T P = I
PP = P @ P.T
I = np.eye(D)

# quadrature over alpha in (0,1): Gauss-Legendre
ag, wg = np.polynomial.legendre.leggauss(200)
al = 0.5 * (ag + 1); w_al = 0.5 * wg
# generic schedules (deliberately not flow matching)
sig = np.sqrt(1 - al**2) * (1 + 0.3 * al)            # arbitrary sigma(alpha)
phi = 0.7 + 0.5 * np.sin(3 * al)                      # arbitrary phi(alpha)
psi = -0.4 + 0.9 * al**2                               # arbitrary psi(alpha)
dens = np.exp(-(al - 0.4)**2 / 0.1)                    # sampling density (unnormalised)
dens /= np.sum(w_al * dens)
xi_, eta_ = 1.0, -1.0                                  # "v-loss" target w = x - n
kap = (xi_ * sig - eta_ * al) / (phi * sig - psi * al)  # Eq. 22
Dt = w_al * dens * kap**2                              # effective measure  D~alpha (Eq. 5)

def Ezz(i): return al[i]**2 * PP + sig[i]**2 * I
def Euz(i): return phi[i] * al[i] * PP + psi[i] * sig[i] * I
def Euu(i): return phi[i]**2 * PP + psi[i]**2 * I

def loss(W):
    L = 0.0
    for i in range(len(al)):
        L += 0.5 * Dt[i] * np.trace(W @ Ezz(i) @ W.T - 2 * W @ Euz(i).T + Euu(i))
    return L

def grad_eq8(W):   # Eq. (8):  -tau dW/dt  = int D~a (a^2 W PP^T + s^2 W - phi a PP^T - psi s I)
    G = np.zeros((D, D))
    for i in range(len(al)):
        G += Dt[i] * (al[i]**2 * W @ PP + sig[i]**2 * W - phi[i] * al[i] * PP - psi[i] * sig[i] * I)
    return G

# (1) Eq. 8 against autograd of the loss
W0 = rng.standard_normal((D, D))
Wt = torch.tensor(W0, requires_grad=True)
Lt = 0
for i in range(len(al)):
    Lt = Lt + 0.5 * Dt[i] * torch.trace(Wt @ torch.tensor(Ezz(i)) @ Wt.T - 2 * Wt @ torch.tensor(Euz(i)).T + torch.tensor(Euu(i)))
Lt.backward()
print("Eq8: max|autograd - Eq8| =", np.abs(Wt.grad.numpy() - grad_eq8(W0)).max())

# (2) Eq. 9a/9b decoupling: right-multiply Eq. 8 by PP^T and I-PP^T
G = grad_eq8(W0)
Wpar, Wperp = W0 @ PP, W0 @ (I - PP)
G9a = sum(Dt[i] * ((al[i]**2 + sig[i]**2) * Wpar - (phi[i] * al[i] + psi[i] * sig[i]) * PP) for i in range(len(al)))
G9b = sum(Dt[i] * (sig[i]**2 * Wperp - psi[i] * sig[i] * (I - PP)) for i in range(len(al)))
print("Eq9a: max|G PP^T - (9a)| =", np.abs(G @ PP - G9a).max())
print("Eq9b: max|G (I-PP^T) - (9b)| =", np.abs(G @ (I - PP) - G9b).max())

# (3) Eq. 11: W* closed form vs direct normal-equation solve
cpar = np.sum(Dt * (phi * al + psi * sig)) / np.sum(Dt * (al**2 + sig**2))
cperp = np.sum(Dt * psi * sig) / np.sum(Dt * sig**2)
W11 = cpar * PP + cperp * (I - PP)
A = sum(Dt[i] * Ezz(i) for i in range(len(al)))
B = sum(Dt[i] * Euz(i) for i in range(len(al)))
Wsolve = B @ np.linalg.inv(A)
print("Eq11: max|W*(Eq11) - solve| =", np.abs(W11 - Wsolve).max())
# gradient flow from random init reaches W*
W = W0.copy(); lr = 0.5 / np.linalg.eigvalsh(A).max()
for _ in range(20000):
    W -= lr * grad_eq8(W) if False else lr * (W @ A - B)
print("gradient flow: max|W(T) - W*| =", np.abs(W - W11).max())

# (4) Eq. 12 closed form vs loss(W*)
par = 0.5 * d * (np.sum(Dt * (phi**2 + psi**2)) - np.sum(Dt * (phi * al + psi * sig))**2 / np.sum(Dt * (al**2 + sig**2)))
perp = 0.5 * (D - d) * (np.sum(Dt * psi**2) - np.sum(Dt * psi * sig)**2 / np.sum(Dt * sig**2))
print(f"Eq12: closed form = {par+perp:.10f}, loss(W*) = {loss(W11):.10f}, loss(solve) = {loss(Wsolve):.10f}")
print(f"      parallel = {par:.6f}, perpendicular = {perp:.6f}; both >= 0 by Cauchy-Schwarz")

# (5) Monte-Carlo with non-Gaussian whitened latent (Rademacher) : only 2nd moments matter
N = 200000
xt = rng.choice([-1.0, 1.0], size=(N, d)); X = xt @ P.T
nn = rng.standard_normal((N, D))
idx = rng.choice(len(al), size=N, p=Dt / Dt.sum())
Z = al[idx, None] * X + sig[idx, None] * nn
U = phi[idx, None] * X + psi[idx, None] * nn
e_ = 0.5 * Dt.sum() * np.sum((Z @ W11.T - U)**2, axis=1)
print(f"MC (Rademacher latent) loss at W* = {e_.mean():.4f} +- {e_.std()/np.sqrt(N):.4f} (1 s.e.)  vs Eq12 {par+perp:.4f}")

# (6) Remark 'Fourth': perpendicular term vanishes iff psi proportional to sigma (Cauchy-Schwarz)
def perp_term(psi_, Dt_):
    return 0.5 * (D - d) * (np.sum(Dt_ * psi_**2) - np.sum(Dt_ * psi_ * sig)**2 / np.sum(Dt_ * sig**2))
print("perp term with psi=0           :", perp_term(0 * sig, Dt))
print("perp term with psi=-0.7*sigma  :", perp_term(-0.7 * sig, Dt), " (also zero: x-prediction is not the only choice)")

# (7) Remark 'Second': perpendicular contribution independent of phi?  With kappa = v-loss weight,
#     D~alpha itself depends on phi, so changing phi changes the perpendicular term.
for phi_alt in [phi, phi + 0.3]:
    kap_ = (xi_ * sig - eta_ * al) / (phi_alt * sig - psi * al)
    Dt_ = w_al * dens * kap_**2
    print(f"perp term under v-loss weighting, mean(phi)={phi_alt.mean():.3f}: {perp_term(psi, Dt_):.5f}")
Dt1 = w_al * dens
for phi_alt in [phi, phi + 0.3]:
    print(f"perp term under kappa=1 (u-loss), mean(phi)={phi_alt.mean():.3f}: {perp_term(psi, Dt1):.5f}")
