# Beyond-the-paper numbers: schedule dependence of ERD weight, ERD mass reallocation under cosine t~U, Lemma D.1 rate for VP
import numpy as np
print("ERD-eps weight at equal lambda, VE (alpha=1, sigma=e^{-lam/2}) vs VP (sigma=1/sqrt(1+e^lam)):")
for l in [-10,-6,-3,0,3,6]:
    ve=np.exp(-l/2); vp=1/np.sqrt(1+np.exp(l)); print(f"  lam={l:+d} VE {ve:.4f} VP {vp:.4f} ratio {ve/vp:.2f}")
# cosine schedule, t~U(0,1): alpha=cos(pi t/2), sigma=sin(pi t/2) (IDDPM cosine ~ this without offset)
t=(np.arange(200000)+0.5)/200000; a=np.cos(np.pi*t/2); s=np.sin(np.pi*t/2); lam=np.log(a**2/s**2)
for nm,w in [('baseline',np.ones_like(t)),('ERD-eps w=sigma',s),('ERD-x0 w=alpha',a),('ERD-v w=sqrt2 a s',np.sqrt(2)*a*s)]:
    w=w/w.mean(); m=lambda msk: float(np.mean(w*msk))
    print(f"  cosine t~U {nm:18s}: norm const(mean raw)={'%.4f'%(w.mean())} mass lam<-4 {m(lam<-4):.3f}  -4..4 {m((lam>=-4)&(lam<=4)):.3f}  >4 {m(lam>4):.3f}")
print("  mean of sigma under t~U cosine =",np.mean(s)," (2/pi =",2/np.pi,")")
for l in [-4,-8,-12]:
    al=np.sqrt(1/(1+np.exp(-l))); sg=np.sqrt(1/(1+np.exp(l))); print(f"  VP lam={l}: (1-sigma)/alpha^2 = {(1-sg)/al**2:.4f} (->1/2): W2^2 bound = alpha^2(E|x0|^2 + O(alpha^2) d) = O(e^lam)")
