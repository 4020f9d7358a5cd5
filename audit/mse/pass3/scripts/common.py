"""Shared definitions for the standalone audit of mse ("Flows beat diffusions ...").

Paper time t in (0,1) runs forward: signal alpha_t increasing, noise sigma_t decreasing.
ring-rho  rr(t) = alpha/sigma  (printed as \\dot\\rho or \\hat\\rho in the txt)
ring-lam  lr(t) = log rr(t),  lr1(t) = d lr / dt.
All formulas below are our own reading of mse Sec. 2 (lines 111-151).
"""
import numpy as np
from scipy.stats import norm

LOG16 = np.log(16.0)


# ---------------- noise schedules (mse lines 114-127) -----------------
def sched(name, t):
    """return dict with lr, lr1, alpha, sigma, rr for schedule `name` at t (array)."""
    t = np.asarray(t, dtype=float)
    if name == "Normal":
        z = norm.ppf(t)
        lr = z + 0.4
        lr1 = 1.0 / norm.pdf(z)
        alpha = np.ones_like(t)
        sigma = np.exp(-lr)
    elif name == "Logis":
        lr = np.log(t / (1 - t))
        lr1 = 1.0 / (t * (1 - t))
        alpha, sigma = t, 1 - t
    elif name == "Sech":
        lr = np.log(np.tan(np.pi * t / 2))
        lr1 = np.pi / np.sin(np.pi * t)
        alpha, sigma = np.sin(np.pi * t / 2), np.cos(np.pi * t / 2)
    elif name == "SechInter":
        lr = np.log(np.tan(np.pi * t / 2)) + LOG16 * (t - 1)
        lr1 = np.pi / np.sin(np.pi * t) + LOG16
        alpha = (1 + np.exp(-2 * lr)) ** -0.5
        sigma = np.sqrt(1 - alpha ** 2)
    else:
        raise ValueError(name)
    return dict(lr=lr, lr1=lr1, alpha=alpha, sigma=sigma, rr=np.exp(lr))


# ---------------- parameterizations S_t (mse lines 129-151) -----------
def S_of(param, sched_name, t):
    d = sched(sched_name, t)
    t = np.asarray(t, dtype=float)
    if param == "Noise":
        return np.ones_like(t)
    if param == "Data":
        return 1.0 / d["rr"]
    if param == "Fpred":
        return np.sqrt(4.0 / d["rr"] ** 2 + 1.0)
    if param == "Vel":
        return d["lr1"] * d["sigma"]
    if param == "VelN":  # logit-normal(0,1) importance weight, line 146
        lg = np.log(t / (1 - t))
        return d["lr1"] * d["sigma"] * np.exp(-0.25 * lg ** 2) / ((2 * np.pi) ** 0.25 * np.sqrt(t * (1 - t)))
    if param == "Sigmoid":  # line 150
        return np.sqrt(2 * d["lr1"] / (1 + np.exp(2 * d["lr"] + 3)))
    raise ValueError(param)


# ---------------- MSE-diffusion (Prop. 3, Eq. 30, read as (sqrt(M) S - sqrt(M S^2 - lr1))^2) -----
def kappa(param, sched_name, t, M):
    d = sched(sched_name, t)
    S = S_of(param, sched_name, t)
    return d["lr1"] / (M * S ** 2)


def mse_rate_ratio(k):
    """lambda'_MSE / ringlambda' as a function of kappa = ringlambda'/(M S^2) in (0,1].
    From (30): (sqrt(M)S - sqrt(MS^2-lr1))^2 / lr1 = (1-sqrt(1-k))^2/k = k/(1+sqrt(1-k))^2."""
    k = np.clip(k, 0, 1)
    return k / (1 + np.sqrt(1 - k)) ** 2


def beta_from_rate_integral(I, rr_t):
    """diffusion size beta_{st} = rr_t^{-1} sqrt(1 - rho_s^2/rho_t^2), rho_s/rho_t = exp(-I), I = int_s^t lambda' """
    return np.sqrt(-np.expm1(-2 * I)) / rr_t
