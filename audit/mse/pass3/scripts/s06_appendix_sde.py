"""mse Appendix A, Eqs. (31)-(37): generator (10) -> SDE -> (12)."""
import numpy as np, sympy as sp, json
from common import sched

out = {}
# (31): from (10), Y_t - Y_s = ((r_t - r_s)/r_t)(Xhat_s - Y_s) + beta xi.  Printed (31) lacks 1/r_t.
s, t = 0.40, 0.41
ds, dt_ = sched("Logis", s), sched("Logis", t)
rho_s, rho_t = 1.0, 1.03
r_s, r_t = rho_s * ds["rr"], rho_t * dt_["rr"]
Ys, Xs, xi = 0.8, -0.3, 0.5
beta = np.sqrt(1 - rho_s ** 2 / rho_t ** 2) / dt_["rr"]
Yt = (r_s * Ys + (r_t - r_s) * Xs) / r_t + beta * xi           # from (10)
D = t - s
printed31 = ((r_s - r_t) / D * Ys + (r_t - r_s) / D * Xs) * D + beta * xi
corrected31 = ((r_s - r_t) / (D * r_t) * Ys + (r_t - r_s) / (D * r_t) * Xs) * D + beta * xi
out["(31) printed: Y_t-Y_s vs printed"] = [float(Yt - Ys), float(printed31)]
out["(31) with 1/r_t: Y_t-Y_s vs corrected"] = [float(Yt - Ys), float(corrected31)]
out["r_t at this point (factor missing)"] = float(r_t)
# noise term of (31) equals beta
out["(31) noise coef vs beta"] = [float(np.sqrt((rho_t ** 2 - rho_s ** 2) / (D * rho_t ** 2)) * np.sqrt(D) / dt_["rr"]), float(beta)]

# (32): first-order expansions, delta = O(1/N)
T = sp.symbols("T", positive=True); h = sp.symbols("h", positive=True)
rfun = sp.Function("r"); pfun = sp.Function("p")
e1 = sp.series((rfun(T) - rfun(T - h)) / (h * rfun(T)) - sp.diff(sp.log(rfun(T)), T), h, 0, 2).removeO()
out["(32a) leading remainder"] = str(sp.simplify(e1))
e2 = sp.series((pfun(T) - pfun(T - h)) / (h * pfun(T)) * (pfun(T) + pfun(T - h)) / pfun(T) - 2 * sp.diff(sp.log(pfun(T)), T), h, 0, 2).removeO()
out["(32b) leading remainder"] = str(sp.simplify(e2))

# (35)-(36): (log r)' = lambda' + ringlambda' ; Xhat - Y = -rr^{-1} epshat  => (36) needs a minus sign
rr_, epsh, Yv = sp.symbols("rr epsh Y", positive=True)
Xh = Yv - epsh / rr_
out["Xhat - Y in terms of epshat"] = str(sp.simplify(Xh - Yv))

# (37): d(r_t Y_t) = r' Xhat dt + rho sqrt(2 (log rho)') dW  (Ito, deterministic coefficients)
tt = sp.symbols("t", positive=True)
rho = sp.Function("rho")(tt); rrf = sp.Function("R")(tt)
r = rho * rrf
drift_Y = sp.diff(sp.log(r), tt) * (sp.Symbol("Xh") - sp.Symbol("Yv"))
noise_Y = sp.sqrt(2 * sp.diff(sp.log(rho), tt)) / rrf
drift_rY = sp.diff(r, tt) * sp.Symbol("Yv") + r * drift_Y
out["(37) drift of r*Y minus r'*Xhat"] = str(sp.simplify(drift_rY - sp.diff(r, tt) * sp.Symbol("Xh")))
out["(37) noise of r*Y squared minus rho^2 * 2 (log rho)'"] = str(sp.simplify((r * noise_Y) ** 2 - rho ** 2 * 2 * sp.diff(sp.log(rho), tt)))

# Marginal preservation of the whole family (35) for Gaussian data X~N(0,v), exact denoiser Xhat = k Y
v, lp, lr1, R = sp.symbols("v lp lr1 R", positive=True)   # R = rr
V = v + R ** -2
k = v / (v + R ** -2)
dVdt_true = sp.diff(v + sp.Symbol("Rt") ** -2, sp.Symbol("Rt")) * lr1 * R  # dR/dt = lr1 * R
dVdt_true = dVdt_true.subs(sp.Symbol("Rt"), R)
dVdt_sde = 2 * (lp + lr1) * (k - 1) * V + 2 * lp * R ** -2
out["(35) variance ODE residual (should be 0 for every lambda')"] = str(sp.simplify(dVdt_sde - dVdt_true))

# Correspondence with EDM's beta(t) family / SiT-REPA 'diffusion': noise coef in Z-space g^2 = 2 lambda' sigma^2
out["Z-space g^2 = 2 lambda' sigma^2 (from (35) times alpha)"] = "alpha * rr^{-1} sqrt(2 lambda') = sigma sqrt(2 lambda')"
for kk, vv in out.items():
    print(kk, ":", vv)
json.dump(out, open("../out/s06.json", "w"), indent=1, default=str)
