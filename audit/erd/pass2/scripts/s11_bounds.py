# erd Prop C.5 / Thm C.6 (Eqs. 52,60-62) / Remark 3.5 (Eq. 7) / Thm D.4 (Eqs. 98-105): numeric checks of the inequalities
import numpy as np; from scipy.integrate import solve_ivp
rng=np.random.default_rng(0)
# --- Young step (Eq. 56-58): |M<r,F>| <= β ℓ̄ + M/(2β)||F||^2 with ℓ̄ = M||r||^2/2
worst=0
for _ in range(100000):
    M=rng.uniform(0.01,10); r=rng.standard_normal(5); F=rng.standard_normal(5)*rng.uniform(0,3); b=rng.uniform(0.01,5)
    lhs=abs(M*r@F); rhs=b*M*(r@r)/2+M/(2*b)*(F@F); worst=max(worst,lhs/rhs)
print("PropC.5 Young step: max lhs/rhs over 1e5 random draws =",round(worst,6))
# --- Thm C.6: integrate dℓ/dτ = -(μ_τ-β)ℓ + M/(2β)||F_τ||^2 (worst case equality) with random μ_τ, F_τ; compare to Eq. 60
M,b=2.0,0.3; mu=lambda s:1.0+0.5*np.sin(3*s); FF=lambda s:0.4+0.3*np.cos(5*s)**2
sol=solve_ivp(lambda s,l:-(mu(s)-b)*l+M/(2*b)*FF(s),(0,6),[1.5],dense_output=True,rtol=1e-10,atol=1e-12)
from scipy.integrate import quad
Tt=6.0; phi=lambda s,T:quad(lambda u:mu(u)-b,s,T)[0]
rhs=np.exp(-phi(0,Tt))*1.5+quad(lambda s:np.exp(-phi(s,Tt))*M/(2*b)*FF(s),0,Tt,limit=200)[0]
print(f"ThmC.6 Eq.60 (equality case): ODE ℓ(T)={sol.y[0,-1]:.8f}  formula={rhs:.8f}")
# with strict coercivity slack (actual decay faster), ODE must be below the bound
sol2=solve_ivp(lambda s,l:-(mu(s)+0.3-b)*l+0.7*M/(2*b)*FF(s),(0,6),[1.5],rtol=1e-10,atol=1e-12)
print(f"   slack case: ODE {sol2.y[0,-1]:.6f} <= bound {rhs:.6f}: {sol2.y[0,-1]<=rhs}")
# --- Remark 3.5 Eq. 7 closed form (constant μ, B)
mu0,B=1.2,0.5
sol=solve_ivp(lambda s,l:-(mu0-b)*l+M*B/(2*b),(0,4),[1.5],rtol=1e-10,atol=1e-12)
cf=np.exp(-(mu0-b)*4)*1.5+M*B/(2*b*(mu0-b))*(1-np.exp(-(mu0-b)*4))
print(f"Remark3.5 Eq.7: ODE {sol.y[0,-1]:.8f} closed form {cf:.8f}; neighbourhood M B/(2β(μ-β))={M*B/(2*b*(mu0-b)):.4f}; optimal β=μ/2 gives 2MB/μ^2={2*M*B/mu0**2:.4f}")
# time to reach ε above neighbourhood
eps=1e-3; N=M*B/(2*b*(mu0-b)); Tneed=np.log(abs(1.5-N)/eps)/(mu0-b)
print(f"   time to ε={eps} above nbhd: {Tneed:.3f} = (μ-β)^-1 log(|ℓ0-N|/ε)")
# --- Thm D.4 modal bound (Eq. 102): a' = -Mκ a + η(τ); |a_T|^2 <= e^{-(2Mκ-γ)T}|a0|^2 + ∫ e^{-(2Mκ-γ)(T-s)} γ^{-1}|η_s|^2 ds
worst=0
for _ in range(200):
    Mk=rng.uniform(0.01,3); g=rng.uniform(0.01,3); a0=rng.standard_normal(); w=rng.uniform(0.5,6); A=rng.uniform(0,2)
    eta=lambda s:A*np.cos(w*s+1.0)
    T=rng.uniform(0.5,5); s_=solve_ivp(lambda s,a:-Mk*a+eta(s),(0,T),[a0],rtol=1e-10,atol=1e-12)
    c=2*Mk-g; bnd=np.exp(-c*T)*a0**2+quad(lambda s:np.exp(-c*(T-s))*eta(s)**2/g,0,T,limit=200)[0]
    worst=max(worst,s_.y[0,-1]**2/bnd)
print("ThmD.4 Eq.102: max |a_T|^2/bound over 200 random cases =",round(worst,4))
