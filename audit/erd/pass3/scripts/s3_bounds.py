# ERD Thm 3.3/C.4 (Eq.4/45-46), Thm 3.4/C.6 (Eq.6/60-62), Remark 3.5 (Eq.7), Thm 3.8/D.4 (Eq.10/92): numeric check on a linear surrogate
import numpy as np, sympy as sp
rng=np.random.default_rng(0)
n=6; A=rng.standard_normal((n,n)); K=A@A.T/n+0.05*np.eye(n)   # frozen symmetric PSD kernel (fixed-noise surrogate)
M=0.7; dt=1e-4; T=5.0; steps=int(T/dt)
r=rng.standard_normal(n); r0=r.copy()
xi=lambda tau: np.array([np.sin(3*tau+k) for k in range(n)])*0.8  # Bayes forcing xi_tau
lt=lambda r: 0.5*M*r@r
# Eq.45: dr/dtau = -M K r - M K xi ; Eq.46 identity
hist=[]; ident_err=0
for i in range(steps):
    tau=i*dt; F=M*K@xi(tau)
    drdt=-M*K@r - F
    dl_pred=-M*(r@(M*K@r)) - M*(r@F)      # Eq.46 RHS
    rn=r+dt*drdt; dl_fd=(lt(rn)-lt(r))/dt
    ident_err=max(ident_err,abs(dl_fd-dl_pred)/(abs(dl_pred)+1e-9)) if i%5000==0 else ident_err
    hist.append((tau,lt(r),M*(r@(M*K@r))/max(lt(r),1e-300),F@F)); r=rn
hist=np.array(hist); print("Eq.46 identity: max rel err of finite difference (dt=1e-4):",ident_err)
mu_min=2*M*np.linalg.eigvalsh(K).min(); print("pathwise mu_tau >= 2 M lambda_min(K) =",mu_min," observed min mu_tau:",hist[:,2].min())
for beta in [0.25*mu_min,0.5*mu_min,0.9*mu_min]:
    # Eq.6 with mu_u = observed pathwise mu
    mu=hist[:,2]; cum=np.concatenate([[0],np.cumsum((mu[:-1]-beta)*dt)])
    G_T0=np.exp(-cum[-1]); G_Ts=np.exp(-(cum[-1]-cum))
    bound=G_T0*lt(r0)+M/(2*beta)*np.sum(G_Ts*hist[:,3])*dt
    # Eq.7 with mu const= mu_min, B = sup ||F||^2
    B=hist[:,3].max(); b7=np.exp(-(mu_min-beta)*T)*lt(r0)+M*B/(2*beta*(mu_min-beta))*(1-np.exp(-(mu_min-beta)*T))
    print(f" beta={beta:.3f}: l~(T)={lt(r):.5f} Eq.6 bound={bound:.5f} ok={lt(r)<=bound}  Eq.7 bound={b7:.4f} ok={lt(r)<=b7}")
# Eq.7 closed form from the integral
m_,b_,Tt,s_,B_,MM=sp.symbols('mu beta T s B M',positive=True)
I=sp.integrate(sp.exp(-(m_-b_)*(Tt-s_))*MM*B_/(2*b_),(s_,0,Tt))
print("Eq.7 forcing term integral - M B/(2 beta (mu-beta)) (1-e^{-(mu-beta)T}) =",sp.simplify(I-MM*B_/(2*b_*(m_-b_))*(1-sp.exp(-(m_-b_)*Tt))))
bb=sp.symbols('bb',positive=True); f=1/(bb*(m_-bb)); print(" neighbourhood minimised at beta =",sp.solve(sp.diff(f,bb),bb)," -> size 2MB/mu^2")
# Eq.92 modal bound (gamma>0), with a_j = <r,phi_j>, eta_j=<-M K xi, phi_j>
ev,V=np.linalg.eigh(K); r=r0.copy(); a0=V.T@r0
for gamma in [0.05,0.3,1.0]:
    r=r0.copy(); acc=np.zeros(n)
    for i in range(steps):
        tau=i*dt; eta=V.T@(-M*K@xi(tau)); acc=acc*np.exp(-(2*M*ev-gamma)*dt)+eta**2*dt
        r=r+dt*(-M*K@r - M*K@xi(tau))
    b92=M/2*np.sum(np.exp(-(2*M*ev-gamma)*T)*a0**2)+M/(2*gamma)*np.sum(acc)
    print(f" Eq.92 gamma={gamma}: l~(T)={lt(r):.5f} bound={b92:.5f} ok={lt(r)<=b92}")
