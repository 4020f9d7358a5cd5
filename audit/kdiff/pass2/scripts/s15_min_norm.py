# kdiff Thm 3.2: the optimal loss (Eq. 54d) is an affine function of the target's second moment E||u||^2,
# so k* = argmin_k E||k x - (1-k) n||^2 = D/(D + E||x||^2). Check for uniform and for any symmetric sampler.
import sympy as sp
k,D,d,m2 = sp.symbols('k D d m2', positive=True)
Eu2 = d*(k**2+(1-k)**2) + (D-d)*(1-k)**2          # whitened x on d dims, unit noise
Delta_uniform = (2*(D+d)*k**2-4*D*k+(2*D+3*d))/16   # Eq. 54d
print("Eq.54d - (E||u||^2/8 + 3d/16) =", sp.simplify(Delta_uniform-(Eu2/8+3*d/16)))
# symmetric sampler: E t = 1/2, E t^2 = E (1-t)^2 = m2
A = (k**2+(1-k)**2) - (k/2-(1-k)/2)**2/(2*m2)
B = (1-k)**2*(1-sp.Rational(1,4)/m2)
Delta_sym = sp.Rational(1,2)*(d*A+(D-d)*B)
q = 1/(4*m2)
print("symmetric sampler: Delta - [(1-q)/2 E||u||^2 + d q/4] =", sp.simplify(Delta_sym-((1-q)/2*Eu2 + d*q/4)))
print("argmin_k E||u||^2 =", sp.solve(sp.diff(Eu2,k),k))
