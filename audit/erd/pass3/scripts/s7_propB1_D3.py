# ERD Prop B.1 (Eq.18), Lemma C.2 (Eq.36), Prop 3.7/D.3 (Eq.9/77-78): finite-difference checks on a small tanh network
import numpy as np
rng=np.random.default_rng(0); d=2; H=16; n=200
X=rng.standard_normal((n,d)); L=rng.uniform(-3,3,n); Y=rng.standard_normal((n,d))
def unpack(th):
    V=th[:H*d].reshape(H,d); c=th[H*d:H*d+H]; W=th[H*d+H:].reshape(d,H); return V,c,W
def f(th,x,l):
    V,c,W=unpack(th); return W@np.tanh(V@x+c*l)
def jac(th,x,l,eps=1e-6):
    J=np.zeros((d,th.size))
    for k in range(th.size):
        e=np.zeros(th.size); e[k]=eps; J[:,k]=(f(th+e,x,l)-f(th-e,x,l))/(2*eps)
    return J
th=rng.standard_normal(H*d+H+d*H)*0.5
Js=[jac(th,X[i],L[i]) for i in range(n)]; E=np.array([f(th,X[i],L[i])-Y[i] for i in range(n)])
grad=np.mean([Js[i].T@E[i] for i in range(n)],0)     # grad of 1/2 E||f-y||^2
for eta in [1e-2,1e-3,1e-4]:
    th2=th-eta*grad; i0=3
    lhs=(f(th2,X[i0],L[i0])-f(th,X[i0],L[i0]))/eta
    rhs=-np.mean([Js[i0]@Js[i].T@E[i] for i in range(n)],0)   # -E[Theta((x,l),(x',l')) e(x',l')]
    print(f" Prop B.1 eta={eta}: rel err {np.linalg.norm(lhs-rhs)/np.linalg.norm(rhs):.2e}")
# Prop D.3: f = W h_psi(x,l); grad wrt psi of 1/2 M||f-y||^2 = M (d h)^T W^T (r + xi), with r=f-f*, xi=f*-y
M=0.8; x=X[0]; l=L[0]; y=Y[0]; fstar=np.array([0.3,-0.2])
V,c,W=unpack(th); h=lambda p: np.tanh(p[:H*d].reshape(H,d)@x+p[H*d:]*l); psi=th[:H*d+H]
Jh=np.array([(h(psi+e)-h(psi-e))/2e-6 for e in np.eye(psi.size)*1e-6]).T
g_direct=np.array([(0.5*M*np.sum((W@h(psi+e)-y)**2)-0.5*M*np.sum((W@h(psi-e)-y)**2))/2e-6 for e in np.eye(psi.size)*1e-6])
r=W@h(psi)-fstar; xi=fstar-y; g_dec=M*Jh.T@W.T@r + M*Jh.T@W.T@xi
print(f" Eq.77 decomposition rel err {np.linalg.norm(g_direct-g_dec)/np.linalg.norm(g_direct):.2e}")
bd=M*np.linalg.norm(Jh,2)*np.linalg.norm(W,2)*(np.linalg.norm(r)+np.linalg.norm(xi))
print(f" Eq.78: ||grad||={np.linalg.norm(g_direct):.4f} <= bound {bd:.4f}: {np.linalg.norm(g_direct)<=bd}")
print(f" ratio of xi-term to r-term norms = {np.linalg.norm(M*Jh.T@W.T@xi)/np.linalg.norm(M*Jh.T@W.T@r):.3f} (scaling M leaves it unchanged)")
