"""kcore: shared numerical helpers for the kdiff referee scripts (no paper code used).
Optimal loss of the SNR-invariant linear model (kdiff Eq. 12, generalised to per-direction variance lam)
for an arbitrary time sampler and loss weight kappa(t)."""
import numpy as np
from scipy.special import expit, logit
from scipy.optimize import minimize_scalar


def grid_uniform(n=40_000):
    t = (np.arange(n) + 0.5)/n
    return t, np.full(n, 1.0/n)


def grid_logitnormal(mu, s, n=40_001, lo=-9.0, hi=9.0):
    g = np.linspace(lo, hi, n)
    w = np.exp(-0.5*g**2)/np.sqrt(2*np.pi)*(g[1]-g[0])
    t = expit(mu + s*g)
    return t, w/w.sum()


def moments(t, w):
    return float(np.sum(w*t)), float(np.sum(w*t**2))


def kappa2(t, k, loss="u", clamp=0.0):
    den = k*(1-t) + (1-k)*t
    if loss == "u":
        return np.ones_like(t)
    if loss == "v":            # Eq 26 in the k-family, denominator clamped as in Sec. 4 / Alg. 1
        return 1.0/np.maximum(den, clamp)**2 if clamp > 0 else 1.0/den**2
    if loss == "x":            # Eq 24
        return (1-t)**2/np.maximum(den, clamp)**2 if clamp > 0 else (1-t)**2/den**2
    raise ValueError


def per_dir(t, w, phi, psi, lam):
    """per-direction optimal loss (x2) for a t-independent scalar weight, variance lam in that direction"""
    a, s = t, 1-t
    Euu = np.sum(w*(phi**2*lam + psi**2))
    Euz = np.sum(w*(phi*a*lam + psi*s))
    Ezz = np.sum(w*(a**2*lam + s**2))
    return Euu - Euz**2/Ezz


def delta_star(k, D, d, t, w0, loss="u", clamp=0.0, lam=1.0):
    """kdiff Eq. (12) with phi=k, psi=-(1-k), alpha=t, sigma=1-t, measure w0*kappa^2."""
    w = w0*kappa2(t, k, loss, clamp)
    phi, psi = k, -(1-k)
    return 0.5*d*per_dir(t, w, phi, psi, lam) + 0.5*(D-d)*per_dir(t, w, phi, psi, 0.0)


def argmin_k(f, lo=1e-4, hi=1-1e-4):
    ks = np.linspace(lo, hi, 401)
    vals = np.array([f(k) for k in ks])
    i = int(np.argmin(vals))
    a, b = ks[max(i-1, 0)], ks[min(i+1, len(ks)-1)]
    r = minimize_scalar(f, bounds=(a, b), method="bounded", options=dict(xatol=1e-9))
    return float(r.x), float(r.fun)
