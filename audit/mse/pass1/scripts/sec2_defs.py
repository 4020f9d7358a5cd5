"""mse §2: schedules and parameterizations (Eqs. 1-3, lines 81-151).
Reading: ρ̊_t = α_t/σ_t and λ̊_t = log ρ̊_t (text shows them as \\dot\\rho, \\hat\\rho, \\dot\\lambda,
\\hat\\lambda; line 82-83 says the ring marks these functions).
Run: python sec2_defs.py
"""
import sympy as sp
import numpy as np
from scipy import stats, integrate

out = {}
t = sp.symbols('t', positive=True)
X, eps = sp.symbols('X epsilon', real=True)
al, si = sp.Function('alpha')(t), sp.Function('sigma')(t)
rho_r = al / si                      # ρ̊
lam_r = sp.log(rho_r)                # λ̊

# Eq. (1): Z̄ = α Ȳ = αX + σ ε
Ybar = X + eps / rho_r
out['eq1'] = sp.simplify(al * Ybar - (al * X + si * eps)) == 0

# Eq. (3) and line 102: û-u = S(ε̂-ε) = -ρ̊ S (X̂-X)
A, S, uh = sp.symbols('A S uhat', real=True)
rr = sp.symbols('rr', positive=True)   # ρ̊ as a symbol
Yb = X + eps / rr
u = A * Yb + S * eps
eh = (uh - A * Yb) / S
Xh = Yb - eh / rr
out['line102_a'] = sp.simplify((uh - u) - S * (eh - eps)) == 0
out['line102_b'] = sp.simplify((uh - u) + rr * S * (Xh - X)) == 0

# line 103-104: data target u = B Ȳ - C X  => S = C/ρ̊
B, C = sp.symbols('B C', positive=True)
u2 = B * Yb - C * X
Xh2 = (B * Yb - uh) / C          # network -> X̂
eh2 = rr * (Yb - Xh2)            # via (1)
out['line104_S=C/rho'] = sp.simplify((uh - u2) - (C / rr) * (eh2 - eps)) == 0

# line 107: Kingma & Gao weighting. KG loss = 1/2 E_t[ w(λ_KG) * (-dλ_KG/dt_KG) ||ε̂-ε||^2 ], λ_KG = log SNR = 2 λ̊.
# In forward time the density of ||ε̂-ε||^2 is (1/2) w * 2 λ̊'  = w λ̊'  ==> S^2 = w λ̊'  ==> w = S^2/λ̊'.
lp = sp.symbols('lp', positive=True); w = sp.symbols('w', positive=True)
out['line107_w=S2/lamr_prime'] = sp.simplify(sp.Rational(1, 2) * w * 2 * lp - w * lp) == 0

# Schedules --------------------------------------------------------------
tt = np.linspace(1e-4, 1 - 1e-4, 20001)
# Normal: λ̊ = Φ^{-1}(t)+0.4, α=1, σ=exp(-λ̊). ln σ = -0.4 - Φ^{-1}(t) ~ N(-0.4, 1) when t~U(0,1)
rng = np.random.default_rng(0)
tu = rng.uniform(size=2_000_000)
lnsig = -(stats.norm.ppf(tu) + 0.4)
out['Normal_lnsigma_mean_std'] = (float(lnsig.mean()), float(lnsig.std()))
# Logis: λ̊ = log(t/(1-t)) = logistic quantile
out['Logis_quantile_maxerr'] = float(np.max(np.abs(np.log(tt / (1 - tt)) - stats.logistic.ppf(tt))))
# Sech: (2/π) λ̊ = quantile of hyperbolic secant with pdf 1/2 sech(pi x/2) (unit variance form)
lam_sech = np.log(np.tan(np.pi * tt / 2))
# unit-variance hyperbolic secant: cdf F(x) = (2/π) arctan(exp(π x/2))
F = lambda x: 2 / np.pi * np.arctan(np.exp(np.pi * x / 2))
out['Sech_(2/pi)lam_is_quantile_maxerr'] = float(np.max(np.abs(F(2 / np.pi * lam_sech) - tt)))
# scipy's hypsecant (pdf sech(x)/π) has quantile log tan(πp/2) = λ̊ itself (a different standardisation)
out['Sech_lam_is_scipy_hypsecant_quantile_maxerr'] = float(np.max(np.abs(stats.hypsecant.ppf(tt) - lam_sech)))
v = stats.hypsecant.var()
out['scipy_hypsecant_var'] = float(v)
# variance of (2/π)λ̊ when t~U : should be 1 (unit-variance hyperbolic secant)
out['var_(2/pi)lam_sech'] = float(integrate.quad(lambda p: (2 / np.pi * np.log(np.tan(np.pi * p / 2)))**2, 0, 1, limit=200)[0])
# SechInter: λ̊ = log tan(πt/2) + log16 (t-1); α = (1+e^{-2λ̊})^{-1/2}, σ^2 = 1-α^2 => α/σ = e^{λ̊}
ls = np.log(np.tan(np.pi * tt / 2)) + np.log(16) * (tt - 1)
a = (1 + np.exp(-2 * ls))**-0.5
s_ = np.sqrt(1 - a**2)
out['SechInter_alpha/sigma=e^lam_maxrelerr'] = float(np.max(np.abs(a / s_ / np.exp(ls) - 1)))
out['SechInter_lam_prime_min'] = float(np.min(np.pi / np.sin(np.pi * tt) + np.log(16)))
# interpolation identity: t*(cos+0) + (1-t)*(cos - log16) = cos + log16 (t-1)
out['SechInter_interp_identity'] = sp.simplify(t * (sp.Symbol('c') + 0) + (1 - t) * (sp.Symbol('c') - sp.log(16)) - (sp.Symbol('c') + sp.log(16) * (t - 1))) == 0
# endpoints of ρ̊ (line 238): ρ̊_0=0, ρ̊_1=∞
def rho_normal(t): return np.exp(stats.norm.ppf(t) + 0.4)
ends = {}
for name, f in [('Normal', rho_normal), ('Logis', lambda t: t / (1 - t)), ('Sech', lambda t: np.tan(np.pi * t / 2)),
                ('SechInter', lambda t: np.tan(np.pi * t / 2) * 16.0**(t - 1))]:
    ends[name] = (float(f(1e-12)), float(f(1 - 1e-12)))
out['rho_ring_at_0_and_1'] = ends
# Normal: α≡1 is not an increasing function (line 82 requires increasing α)
out['Normal_alpha_const_note'] = 'alpha_t := 1 is constant, not increasing as line 82 assumes'

# Parameterizations --------------------------------------------------------
r = sp.symbols('r', positive=True)   # ρ̊ symbol
# F-pred with EDM(2) preconditioning, sigma_data = 1/2, alpha = 1 (so σ = 1/ρ̊), Y = X + σ ε
sd = sp.Rational(1, 2); sg = 1 / r
c_skip = sd**2 / (sg**2 + sd**2); c_out = sg * sd / sp.sqrt(sg**2 + sd**2)
Yv = X + sg * eps
F_edm = (X - c_skip * Yv) / c_out
F_paper = sp.sqrt(4 + r**2) * X - r**2 / sp.sqrt(4 + r**2) * Yv
out['Fpred_target_matches_EDM_sd0.5'] = sp.simplify(F_edm - F_paper) == 0
# S: error in F = (X̂-X)/c_out ; need |û-u| = ρ̊ S |X̂-X| => S = 1/(ρ̊ c_out)
S_F = sp.simplify(1 / (r * c_out))
out['Fpred_S'] = str(S_F)
out['Fpred_S_equals_sqrt(4/r^2+1)'] = sp.simplify(S_F**2 - (4 / r**2 + 1)) == 0
# EDM loss weight λ(σ)=(σ^2+σd^2)/(σ σd)^2 ; λ(σ) c_out^2 = 1
out['EDM_lambda*c_out^2'] = sp.simplify((sg**2 + sd**2) / (sg * sd)**2 * c_out**2)
# Vel: v = α'X + σ'ε = α' Ȳ - λ̊' σ ε
a_, s2 = sp.Function('a')(t), sp.Function('s')(t)
lamr = sp.log(a_ / s2)
vv = sp.diff(a_, t) * X + sp.diff(s2, t) * eps
Ybt = X + s2 / a_ * eps
out['Vel_identity'] = sp.simplify(vv - (sp.diff(a_, t) * Ybt - sp.diff(lamr, t) * s2 * eps)) == 0
# Logis + Vel: S = λ̊'σ = 1/t
lamL = sp.log(t / (1 - t))
out['LogisVel_S'] = sp.simplify(sp.diff(lamL, t) * (1 - t))
# VelN: logit-normal(0,1) time density π(t) ; S = S_vel sqrt(π(t))
pi_t = sp.exp(-sp.log(t / (1 - t))**2 / 2) / (sp.sqrt(2 * sp.pi) * t * (1 - t))
S_velN_paper = sp.diff(lamL, t) * (1 - t) * sp.exp(-sp.Rational(1, 4) * sp.log(t / (1 - t))**2) / ((2 * sp.pi)**sp.Rational(1, 4) * sp.sqrt(t * (1 - t)))
out['VelN_S=S_vel*sqrt(logitnormal pdf)'] = sp.simplify(S_velN_paper**2 - (sp.diff(lamL, t) * (1 - t))**2 * pi_t) == 0
out['logitnormal_pdf_integrates_to'] = float(integrate.quad(sp.lambdify(t, pi_t), 0, 1)[0])
# Sigmoid: KG weight w(λ_KG) = sigmoid(b - λ_KG), λ_KG = 2λ̊ ; S^2 = w λ̊' (from line 107 with KG's 1/2 and dλ_KG = 2 dλ̊) -> paper S^2 = 2λ̊'/(1+e^{2λ̊+3})
# paper's S^2 = 2 λ̊' w  => differs from w λ̊' by the constant 2 (irrelevant); bias b = -3
L_, b = sp.symbols('L b', real=True)
w_sig = 1 / (1 + sp.exp(-(b - 2 * L_)))
out['Sigmoid_bias_matching'] = sp.solve(sp.Eq(sp.exp(-(b - 2 * L_)), sp.exp(2 * L_ + 3)), b)

if __name__ == '__main__':
    for k, v in out.items():
        print(f'{k}: {v}')
