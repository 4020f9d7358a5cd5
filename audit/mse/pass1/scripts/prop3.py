"""mse §4.2-§5: Eqs. (24)-(30), coherence principle (28), Prop. 3 and its proof (42)-(43),
the Logis/Vel Example (lines 362-369), the discrete-time MSE-diffusion (lines 378-390), and the
data-scaling remark (lines 351-353).
Reading of (30): sqrt(M S_t) printed; restored sqrt(M S_t^2) = sqrt(M) S_t (evidence: proof Eq. (42)
'M S_t^2 = s^2' and the Example, which has sqrt(M)/t with S_t = 1/t).
Run: python prop3.py
"""
import numpy as np
import sympy as sp
from scipy import integrate

out = {}
lp, lr, c, M, S = sp.symbols('lp lr c M S', positive=True)   # lp = λ', lr = λ̊'
# (24)
out['eq24'] = sp.simplify((lp + lr)**2 / (4 * lp) - (lr + (lp - lr)**2 / lp / 4)) == 0
# (26): minimiser of (χ^2 + c λ')/4 in λ'
f = ((lp - lr)**2 / lp + c * lp) / 4
sol = sp.solve(sp.diff(f, lp), lp)
out['eq26_stationary_points'] = [str(sp.simplify(s_)) for s_ in sol]
out['eq26_second_derivative>0'] = str(sp.simplify(sp.diff(f, lp, 2)))
# Prop 3: (λ'+λ̊')^2/(4λ') = M S^2
roots = sp.solve(sp.Eq((lp + lr)**2 / (4 * lp), M * S**2), lp)
out['eq42_roots'] = [str(sp.simplify(r_)) for r_ in roots]
beta_m = (sp.sqrt(M) * S - sp.sqrt(M * S**2 - lr))**2
beta_p = (sp.sqrt(M) * S + sp.sqrt(M * S**2 - lr))**2
out['eq43_beta-_is_root'] = sp.simplify(((beta_m + lr)**2 / (4 * beta_m) - M * S**2)) == 0
out['eq43_beta+_is_root'] = sp.simplify(((beta_p + lr)**2 / (4 * beta_p) - M * S**2)) == 0
out['eq43_product'] = str(sp.simplify(sp.expand(beta_m * beta_p)))
# printed (30) as extracted: (sqrt(M S) - sqrt(M S^2 - lr))^2 -- numeric test
Mv, Sv, lrv = 3.0, 0.7, 1.1
printed = (np.sqrt(Mv * Sv) - np.sqrt(Mv * Sv**2 - lrv))**2
restored = (np.sqrt(Mv) * Sv - np.sqrt(Mv * Sv**2 - lrv))**2
wgt = lambda l: (l + lrv)**2 / (4 * l)
out['eq30_printed_weight_vs_MS2'] = (float(wgt(printed)), Mv * Sv**2)
out['eq30_restored_weight_vs_MS2'] = (float(wgt(restored)), Mv * Sv**2)
# c_- , c_+ (line 667)
cm = (lr / beta_m)**2 - 1; cp = (lr / beta_p)**2 - 1
vals = {M: Mv, S: Sv, lr: lrv}
out['c_minus,c_plus (example)'] = (float(cm.subs(vals)), float(cp.subs(vals)))

# ---- Example: Logis + Vel --------------------------------------------------------------------------
t, tm = sp.symbols('t t_max', positive=True)
lrL = 1 / (t * (1 - t)); SL = 1 / t
ratio = sp.simplify(lrL / SL**2)
out['Example_lamr/S^2'] = str(ratio)     # t/(1-t), increasing -> max at t_max
Mex = tm / (1 - tm)
lam_check = (sp.sqrt(Mex) * SL - sp.sqrt(Mex * SL**2 - lrL))**2
lam_paper = (sp.sqrt(Mex) - sp.sqrt(Mex - t / (1 - t)))**2 / t**2
tv = {t: sp.Rational(3, 10), tm: sp.Rational(9, 10)}
out['Example_lamcheck_prime_matches_formula'] = abs(float((lam_check - lam_paper).subs(tv))) < 1e-14
g = sp.sqrt((tm - t) / (tm * (1 - t)))
compact = -sp.log(t / (1 - t)) - sp.log((1 + g) / (1 - g)) + 2 * tm / (1 - tm) * (1 - t) / t * (g - 1)
dcompact = sp.diff(compact, t)
num = []
for tt_, tmv in [(0.2, 0.9), (0.5, 0.9), (0.7, 0.95), (0.05, 0.99), (0.9, 0.999)]:
    sub = {t: tt_, tm: tmv}
    num.append((tt_, tmv, float(dcompact.subs(sub)), float(lam_paper.subs(sub)), float(compact.subs(sub))))
out['Example_compact: (t,tmax, d/dt compact, lamcheck_prime, compact value)'] = num
# so the 'compact form for λ̌'_t' is the antiderivative λ̌_t (up to const), not λ̌'_t
# MSE = ML at t_max, and λ̌'/λ̊' at mid-interval for several t_max
rows = []
for tmv in (0.9, 0.99, 0.999, 0.9999):
    Mv_ = tmv / (1 - tmv)
    for tt_ in (0.1, 0.5, 0.9 * tmv, tmv):
        l = (np.sqrt(Mv_) - np.sqrt(max(Mv_ - tt_ / (1 - tt_), 0)))**2 / tt_**2
        rows.append((tmv, tt_, float(l / (1 / (tt_ * (1 - tt_))))))
out['Example_ratio lamcheck/lamring (tmax, t, ratio)'] = rows

# ---- coherence (28): both roots are coherent, and any M' >= M also works ---------------------------
def coherence_ratio(which, Mfac, t0=0.05, tmax=0.95, vd=0.5):
    tt = np.linspace(t0, tmax, 20001)
    R = tt / (1 - tt); lr_ = 1 / (tt * (1 - tt)); S_ = 1 / tt
    Mv_ = Mfac * np.max(lr_ / S_**2)
    root = np.sqrt(np.maximum(Mv_ * S_**2 - lr_, 0))
    lp_ = (np.sqrt(Mv_) * S_ - root)**2 if which == '-' else (np.sqrt(Mv_) * S_ + root)**2
    e = vd * R**2 / (1 + vd * R**2)       # optimal-denoiser ε-error for N(0, vd) data (per dim)
    Lint = integrate.cumulative_trapezoid((lp_ + lr_)**2 / (4 * lp_) * e, tt, initial=0)
    Mint = integrate.cumulative_trapezoid(S_**2 * e, tt, initial=0)
    rr = Lint[100:] / Mint[100:]
    return float(rr.min()), float(rr.max()), float(Mv_)
for which in ('-', '+'):
    for Mfac in (1.0, 2.0):
        out[f'coherence L/M̂ ratio range, root {which}, M = {Mfac}*max'] = coherence_ratio(which, Mfac)

# ---- data-scaling remark (351-353): both L̂ and M̂ are integrals of the same e(t) ---------------------
def LM(vd, t0=0.05, tmax=0.95):
    tt = np.linspace(t0, tmax, 20001)
    R = tt / (1 - tt); lr_ = 1 / (tt * (1 - tt)); S_ = 1 / tt
    e = vd * R**2 / (1 + vd * R**2)
    return float(integrate.trapezoid(lr_ * e, tt)), float(integrate.trapezoid(S_**2 * e, tt))
rows = []
for vd in (0.25, 1.0, 4.0):
    Lv, Mv2 = LM(vd)
    rows.append((vd, Lv, Mv2, Lv / Mv2))
out['scaling: (data var, L̂_ML, M̂, ratio)'] = rows

# ---- discrete time (lines 378-390) ------------------------------------------------------------------
eta, gam, K = sp.symbols('eta gamma K', positive=True)
# from (17): w = (sqrt(γ) - ρ_s/ρ_t)^2 / (2 η^2), with ρ_s/ρ_t = sqrt(1-η^2)
w17 = (sp.sqrt(gam) - sp.sqrt(1 - eta**2))**2 / (2 * eta**2)
w384 = (sp.sqrt(gam) - sp.sqrt(1 - eta**2))**2 / eta**2
out['line384_printed/(17)'] = str(sp.simplify(w384 / w17))
# argmin over η (line 386)
gv = 1.3
etas = np.linspace(1e-4, 1 - 1e-9, 2_000_001)
wv = (np.sqrt(gv) - np.sqrt(1 - etas**2))**2 / (2 * etas**2)
out['line386_argmin_numeric, sqrt(1-1/γ)'] = (float(etas[np.argmin(wv)]), float(np.sqrt(1 - 1 / gv)))
out['line388_min_w17 = (γ-1)/2'] = (float(wv.min()), (gv - 1) / 2)
# η̌ printed (line 388): (γ-1)/( sqrt(2 M S^2 γ) + sqrt(2 M S^2 + 1 - γ) ); K := M S^2 (discrete M already contains Δt)
def eta_printed(g_, K_):
    return (g_ - 1) / (np.sqrt(2 * K_ * g_) + np.sqrt(2 * K_ + 1 - g_))
def eta_solutions(g_, K_, half=True):
    ww = (np.sqrt(g_) - np.sqrt(1 - etas**2))**2 / ((2 if half else 1) * etas**2)
    d = ww - K_
    idx = np.where(np.sign(d[:-1]) != np.sign(d[1:]))[0]
    return [float(etas[i]) for i in idx]
rows = []
for g_, Kf in [(1.3, 1.0), (1.3, 2.0), (1.05, 1.5), (1.01, 5.0)]:
    K_ = Kf * (g_ - 1) / 2            # K >= min w = (γ-1)/2
    rows.append(dict(gamma=g_, K=K_, eta_printed=float(eta_printed(g_, K_)), roots_w17=eta_solutions(g_, K_),
                     roots_w384=eta_solutions(g_, K_, half=False)))
out['line388_eta_check'] = rows
# closed-form small root of w17(η) = K:  with b = sqrt(1-η^2): (1+2K) b^2 - 2 sqrt(γ) b + γ - 2K = 0, larger b
def eta_exact(g_, K_):
    b = (np.sqrt(g_) + np.sqrt(2 * K_ * (2 * K_ + 1 - g_))) / (1 + 2 * K_)
    return np.sqrt(1 - b**2)
out['eta_exact_closed_form (same cases)'] = [float(eta_exact(rw['gamma'], rw['K'])) for rw in rows]
# approximation 2Δtλ' ≈ η^2 (line 390) : η^2 = 1 - exp(-2Δλ)
for dl in (0.1, 0.01):
    out[f'line390 eta^2 vs 2*dlam (dlam={dl})'] = (float(1 - np.exp(-2 * dl)), 2 * dl)

if __name__ == '__main__':
    for k_, v_ in out.items():
        print(f'{k_}: {v_}')
