"""erd: exact-posterior (closed-form GMM) checks, numpy only.
 - Lemma 3.2 / Lemma C.1 (Eqs. 28-34): l = l* + lbar, cross term = 0, for an arbitrary predictor.
 - Fig. 2/7 Bayes floors, Fig. 3/8 signal-vs-noise phase space, for 4 targets x 3 schedules of App. F.
 - Thm D.2 narrative ("Bayes floor increases at high noise") per target.
 - Prop E.1 proxy w_y vs the exact recoverable RMS ||E[y|x]|| (paper's own Fig.2/3 measure).
 - Lemma D.1 (Eq. 68-69) W2 bound vs an empirical W2 (assignment) estimate.
 - Fig. 1b direction check: anisotropy of the Bayes noise prediction E[eps|x_t] for data on a ring.
Data: App. F GMM: 4 clusters at (+-2,+-2), s0 = 0.3 (Cov = 4.09 I); standardised copy (Cov = I).
Run: python s03_bayes_gmm.py  (~40 s)
"""
import json, math
import numpy as np
from scipy.optimize import linear_sum_assignment
rng = np.random.default_rng(0)
MU = np.array([[2., 2.], [2., -2.], [-2., 2.], [-2., -2.]]); S0 = 0.3

def sched(name, t):
    t = np.asarray(t, float)
    if name == 'linear':
        return 1 - t, t
    if name == 'vp':
        bmin, bmax = 0.1, 20.0
        a = np.exp(-0.25*t**2*(bmax - bmin) - 0.5*t*bmin)
        return a, np.sqrt(1 - a**2)
    if name == 'gvp':
        return np.cos(np.pi*t/2), np.sin(np.pi*t/2)

def gmm_sample(n, mu=MU, s0=S0):
    k = rng.integers(0, len(mu), n)
    return mu[k] + s0*rng.standard_normal((n, mu.shape[1])), k

def post_x0(x, a, s, mu=MU, s0=S0):
    v = a**2*s0**2 + s**2
    d2 = ((x[:, None, :] - a*mu[None])**2).sum(-1)
    lg = -d2/(2*v); lg -= lg.max(1, keepdims=True); p = np.exp(lg); p /= p.sum(1, keepdims=True)
    m = mu[None] + (a*s0**2/v)*(x[:, None, :] - a*mu[None])
    return (p[..., None]*m).sum(1)

def coefs(target, a, s):
    return {'eps': (0., 1.), 'x0': (1., 0.), 'v': (-s, a), 'u': (-1., 1.)}[target]

res = {}
# ---------------- Lemma C.1 ----------------
n = 400000
x0, _ = gmm_sample(n); eps = rng.standard_normal((n, 2))
a, s = sched('gvp', 0.6); xt = a*x0 + s*eps
fstar = post_x0(xt, a, s); y = x0
f = 0.5*xt + np.sin(xt)   # arbitrary predictor
M = 1.7
l = 0.5*M*((f - y)**2).sum(1).mean()
lstar = 0.5*M*((fstar - y)**2).sum(1).mean()
lbar = 0.5*M*((f - fstar)**2).sum(1).mean()
cross = M*((f - fstar)*(fstar - y)).sum(1).mean()
se_cross = M*((f - fstar)*(fstar - y)).sum(1).std()/math.sqrt(n)
res['C1'] = dict(l=l, lstar=lstar, lbar=lbar, l_minus_sum=l - lstar - lbar, cross=cross, cross_MC_se=se_cross)

# ---------------- floors / phase space per schedule & target ----------------
tgrid = np.array([0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98])
n = 100000
table = {}
for sch in ['linear', 'vp', 'gvp']:
    for std in [False, True]:
        scale = 1/math.sqrt(4 + S0**2) if std else 1.0
        mu, s0 = MU*scale, S0*scale
        for tg in ['eps', 'x0', 'v', 'u']:
            rows = []
            for t in tgrid:
                a, s = sched(sch, t)
                x0, _ = gmm_sample(n, mu, s0); eps = rng.standard_normal((n, 2)); xt = a*x0 + s*eps
                ex0 = post_x0(xt, a, s, mu, s0); eeps = (xt - a*ex0)/s
                cx, ce = coefs(tg, a, s)
                yv = cx*x0 + ce*eps; ey = cx*ex0 + ce*eeps
                sig = np.linalg.norm(ey, axis=1).mean(); noi = np.linalg.norm(yv - ey, axis=1).mean()
                floor = ((yv - ey)**2).sum(1).mean()/2        # per-dim Bayes floor (unweighted MSE)
                rec_rms = math.sqrt((ey**2).sum(1).mean()/2)
                var0 = 4 + S0**2 if not std else 1.0
                wy = math.sqrt(cx**2*a**2*var0 + ce**2*s**2)      # Eq.(110) with the data variance
                wy_unit = math.sqrt(cx**2*a**2 + ce**2*s**2)       # Eq.(110) as printed (Cov=I)
                rows.append(dict(t=float(t), alpha=float(a), sigma=float(s), signal_norm=float(sig), noise_norm=float(noi),
                                 noise_dominated=bool(noi > sig), floor_per_dim=float(floor), rec_rms=float(rec_rms),
                                 w_y=float(wy), w_y_printed=float(wy_unit)))
            table[f'{sch}|{"std" if std else "raw"}|{tg}'] = rows

summ = {}
for key, rows in table.items():
    nd = [r['t'] for r in rows if r['noise_dominated']]
    rec = np.array([r['rec_rms'] for r in rows]); wy = np.array([r['w_y_printed'] for r in rows])
    fl = np.array([r['floor_per_dim'] for r in rows])
    summ[key] = dict(noise_dominated_t=nd,
                     floor_t002=float(fl[0]), floor_t098=float(fl[-1]),
                     rec_rms_t002=float(rec[0]), rec_rms_t05=float(rec[6]), rec_rms_t098=float(rec[-1]),
                     w_y_t002=float(wy[0]), w_y_t05=float(wy[6]), w_y_t098=float(wy[-1]),
                     corr_wy_vs_rec=float(np.corrcoef(wy, rec)[0, 1]) if rec.std() > 0 and wy.std() > 0 else None,
                     argmax_t_rec=float(tgrid[rec.argmax()]), argmax_t_wy=float(tgrid[wy.argmax()]))
res['phase_and_proxy_summary'] = summ

# ---------------- Lemma D.1 W2 ----------------
w2 = []
for sch in ['linear', 'vp', 'gvp']:
    for t in [0.5, 0.9, 0.99, 0.999]:
        a, s = sched(sch, t); smax = 1.0
        m2 = 2*(4 + S0**2) + 4*0  # E||x0||^2 = 2*(4+0.09) (means have norm^2 8) -> compute exactly
        m2 = (MU**2).sum(1).mean() + 2*S0**2
        bound = a**2*m2 + (s - smax)**2*2
        k = 1500
        x0, _ = gmm_sample(k); eps = rng.standard_normal((k, 2)); xt = a*x0 + s*eps
        z = smax*rng.standard_normal((k, 2))
        C = ((xt[:, None, :] - z[None])**2).sum(-1); ri, ci = linear_sum_assignment(C)
        emp = C[ri, ci].mean()
        # same-size sample of the target itself (finite-sample bias floor of the empirical W2)
        z2 = smax*rng.standard_normal((k, 2)); C2 = ((z2[:, None, :] - z[None])**2).sum(-1); r2, c2 = linear_sum_assignment(C2)
        w2.append(dict(schedule=sch, t=t, bound_W2sq=float(bound), empirical_W2sq=float(emp), empirical_null_W2sq=float(C2[r2, c2].mean())))
res['D1_W2'] = w2

# ---------------- Fig 1b direction: ring data, Bayes eps prediction anisotropy --------------
th = np.linspace(0, 2*np.pi, 256, endpoint=False); ring = np.stack([np.cos(th), np.sin(th)], 1)*1.0
aniso = []
for t in [0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.95]:
    a, s = sched('gvp', t)
    x0, _ = gmm_sample(40000, ring, 0.01); eps = rng.standard_normal(x0.shape); xt = a*x0 + s*eps
    ex0 = post_x0(xt, a, s, ring, 0.01); eeps = (xt - a*ex0)/s
    # local anisotropy: covariance of predicted eps in radial vs tangential frame of each x0
    rad = x0/np.linalg.norm(x0, axis=1, keepdims=True); tan = np.stack([-rad[:, 1], rad[:, 0]], 1)
    vr = ((eeps*rad).sum(1)**2).mean(); vt = ((eeps*tan).sum(1)**2).mean()
    aniso.append(dict(t=t, var_radial=float(vr), var_tangential=float(vt), ratio=float(vr/max(vt, 1e-12))))
res['Fig1b_ring_bayes_eps_anisotropy'] = aniso

json.dump(dict(res=res, table=table), open('s03_bayes_gmm_out.json', 'w'), indent=1)
print(json.dumps(res, indent=1))
