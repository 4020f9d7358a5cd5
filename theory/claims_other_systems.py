"""Claims on the papers' descriptions of other systems (issue 17): each stated setting of another model (EDM2's noise
law and sampler, SiT/REPA's SDE, RAE's and LightningDiT's training and grids, JiT's and LightningDiT's recipes behind
kdiff Table 4, DDPM/DDIM, Min-SNR, P2, …) against what that system's public code sets.

The facts live in ``difftheory/other_systems.toml`` (repository, path, commit, lines, value; loaded by
``difftheory.other_systems``); each claim here reads its statement's items, compares the paper's value with the
code's (``compare_item``), derives what the paper's formula implies where the code states it differently (EDM2's
(P_mean, P_std) from λ̊ = Φ⁻¹(t) + 0.4, SiT's λ' from its diffusion coefficient, …) and decides with one rule
(``decide_setting``):

- an item **holds** when the code's value equals the paper's (numbers to ``REL_TOL``; sets and per-preset tables
  element by element); it is **corrected** when it holds for some presets/configurations only, or when it fails
  but the paper's conclusion that rests on it survives with the code's value (computed, ``correction_holds``);
  **refuted** when it fails otherwise; **open** when no public code fixes it (``decides`` says what would);
- the claim's verdict combines its items (refuted > open > corrected > verified); ``error`` when our own twins
  disagree.

``*.beyond.*`` claims carry failed premises into the results that rest on them: Fig. 1's diffusion sizes and §6's
grouping recomputed with the training laws and grids of the code (``theory.mse_code_settings``)."""

from __future__ import annotations

import inspect
import math
from functools import lru_cache

import numpy as np
import sympy as sp
from scipy import special

from difftheory import other_systems
from difftheory.other_systems import REL_TOL, same
from difftheory.decide import combine, within
from difftheory.ledger import Decision, claim
from difftheory.paper_tables import epochs as epochs_of
from difftheory.theory import erd_weights, mse_code_settings, mse_diffusion_size
from difftheory.theory.claims_mse import BELOW, EDM2_TARGET, ABOUT_FACTOR, LATER_STAGE
from difftheory.theory.mse_code_settings import TrainingLaw
from difftheory.theory.schedules import mse_schedule

TWIN_TOL = 1e-9  # our λ-form sizes vs mse_diffusion_size on the paper's own pairs: float64 round-off is ~1e-13
SYM_TOL = 1e-8  # ln σ affine in z = Φ⁻¹(t): Φ(z) rounded near 1 moves z by ~1e-10 at |z| ≤ Z_MAX; a slip is ≫ 1e-8
Z_MAX = 5.0  # the z-range of that check (t ∈ [2.9e-7, 1 − 2.9e-7])
EPOCH_TOL = 0.5  # "64 epochs" from steps × batch / images: within half an epoch rounds to the stated number


def _facts():
    return other_systems.load()


# ================================================================================== comparing a stated value
def _cite(ref: str) -> str:
    if not ref:
        return ""
    return _facts().facts[ref.partition(":")[0]].cite()


def compare_item(name: str, stated, code, compare: str, ref: str = "", decides: str = "", **extra) -> dict:
    """Evidence for one item: ``holds`` (True/False, None = no code), and for per-key/set comparisons the keys or
    elements that hold (``holds_for``) out of ``of``."""
    out = {"name": name, "stated": stated, "code": code, "compare": compare, "source": _cite(ref)}
    if compare == "none":
        out.update(holds=None, decides=decides)
    elif compare == "per_key":
        ok = [k for k, v in code.items() if same(stated, v)]
        out.update(holds=len(ok) == len(code), holds_for=ok, of=list(code))
    elif compare == "set":
        ok = [x for x in stated if any(same(x, y) for y in code)]
        out.update(holds=same(stated, code, as_set=True), holds_for=ok, of=list(stated))
    else:
        out.update(holds=same(stated, code))
    out.update(extra)
    return out


def statement_evidence(claim_id: str, derived: dict | None = None, extra_items: list | None = None, **extra) -> dict:
    """The statement of ``claim_id`` with its facts and compared items. ``derived``: {item name: item evidence} for
    the items whose comparison the claim computes (compare 'derived', or a stated value derived from the paper);
    ``extra_items``: further derived items."""
    data = _facts()
    st = data.statement(claim_id)
    derived = derived or {}
    items = []
    for it in st.items:
        if it.name in derived:
            items.append(derived[it.name])
            continue
        if it.compare == "derived" or it.stated is other_systems.MISSING:
            raise ValueError(f"{claim_id}: item {it.name!r} must be derived by the claim")
        code = data.value(it.code) if it.code else None
        items.append(compare_item(it.name, it.stated, code, it.compare, it.code, it.decides))
    return {"statement": st.as_evidence(), "facts": [data.facts[f].as_evidence() for f in st.facts],
            "items": items + list(extra_items or []), **extra}


# ================================================================================== the rule
def item_verdict(it: dict) -> str:
    if it.get("holds") is None:
        return "open"
    if it["holds"]:
        return "verified"
    if it.get("holds_for") or it.get("correction_holds"):
        return "corrected"
    return "refuted"


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_fmt(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_fmt(x)}" for k, x in v.items()) + "}"
    return str(v)


def _fmt_item(it: dict) -> str:
    v = item_verdict(it)
    src = f" [{it['source']}]" if it.get("source") else ""
    head = f"{it['name']}: paper {_fmt(it['stated'])}"
    if v == "open":
        return f"{head}; no public code fixes it{src} — would be settled by {it.get('decides', '?')}"
    body = f"{head} vs code {_fmt(it['code'])}{src}"
    if v == "verified":
        return body + " — holds"
    if it.get("holds_for"):
        body += f" — holds for {', '.join(map(_fmt, it['holds_for']))} ({len(it['holds_for'])} of {len(it['of'])})"
    else:
        body += " — differs"
    if it.get("correction"):
        body += f"; {it['correction']}"
    return body


def decide_setting(ev) -> Decision:
    """verified iff every item holds; corrected iff every failing item holds for some presets or its conclusion
    survives with the code's value; refuted iff an item fails outright; open iff an item has no public code (and
    none fails outright); error iff our own twins disagree (``twins_agree`` False)."""
    if ev.get("twins_agree") is False:
        return Decision("error", f"Our own computations disagree ({ev.get('twins', '?')}): a bug here, not in the paper.")
    items = ev["items"]
    verdict = combine(item_verdict(it) for it in items)
    st = ev["statement"]
    where = f"{st['paper']} {st['file']}:{st['line']}" + (f" (l. {st['printed_line']})" if st.get("printed_line") else "")
    lines = "; ".join(_fmt_item(it) for it in items)
    note = f" {ev['note']}" if ev.get("note") else ""
    lead = {"verified": "The code sets what the paper states",
            "corrected": "The paper's statement holds only as corrected",
            "refuted": "The code contradicts the paper's statement",
            "open": "Public code cannot decide the statement"}[verdict]
    return Decision(verdict, f"{lead} ({where}: “{st['text']}”). {lines}.{note}")


def _register(cid: str, *, paper: str, where: str, statement: str, equations: tuple, method: str = "numeric",
              assumptions: tuple = ()):
    return claim(cid, paper=paper, where=where, statement=statement, method=method, equations=equations,
                 assumptions=assumptions, decide=decide_setting,
                 criteria=f"Per item of the stored statement (difftheory/other_systems.toml): holds iff the code's value "
                          f"equals the paper's (numbers to {REL_TOL:g}, sets and per-preset tables element-wise); "
                          "verified iff all hold; corrected iff each failing item holds for some presets/configurations "
                          "or its conclusion survives with the code's value; refuted iff an item fails outright; open "
                          "iff an item has no public code.")


def _generic(cid: str, **kw):
    """Register a claim whose items are all plain comparisons of stored values."""

    def fn(ctx):
        return statement_evidence(cid)

    fn.__name__ = fn.__qualname__ = cid.rsplit(".", 1)[-1]
    _register(cid, **kw)(fn)
    globals()[fn.__name__] = fn
    return fn


# ================================================================================== mse §2: EDM2's Normal schedule
def normal_law_of_printed_schedule() -> tuple[float, float, float]:
    """(mean, sd, nonlinearity) of ln σ = −λ̊_t for t ~ U(0, 1) under mse's printed Normal schedule (the repo's
    NumPy twin, ``mse_schedule('normal')``): with t = Φ(z), z ~ N(0, 1), ln σ is normal iff it is affine in z, and then
    its mean and sd are the intercept and slope of the line; ``nonlinearity`` is the largest residual against it on
    z ∈ [−Z_MAX, Z_MAX]."""
    z = np.linspace(-Z_MAX, Z_MAX, 201)
    ln_sigma = -mse_schedule("normal").lam(special.ndtr(z))
    slope, intercept = np.polyfit(z, ln_sigma, 1)
    return float(intercept), float(abs(slope)), float(np.max(np.abs(np.polyval([slope, intercept], z) - ln_sigma)))


def _lam_form(p_mean: float, p_std: float) -> str:
    """λ̊ in mse's form for ln σ ~ N(p_mean, p_std²): λ̊ = p_std Φ⁻¹(t) − p_mean."""
    return f"λ̊ = {p_std:g}Φ⁻¹(t) + {-p_mean:g}"


@_register("mse.external.edm2_training_noise", paper="mse", where="§2 Normal schedule (l. 114–115)",
           statement="mse's Normal schedule λ̊ = Φ⁻¹(t) + 0.4 is the one used in EDM2, i.e. EDM2 draws ln σ ~ N(−0.4, 1).",
           equations=("§2",),
           assumptions=("t ~ U(0, 1) and α = 1: λ̊ = −ln σ, so the printed schedule is the law ln σ = −Φ⁻¹(t) − 0.4",))
def edm2_training_noise(ctx):
    mean, sd, nonlin = normal_law_of_printed_schedule()
    stated = [round(mean, 9), round(sd, 9)]
    presets = _facts().value("edm2.presets")
    other = sorted({tuple(v) for v in presets.values() if not same(stated, v)})
    it = compare_item("(P_mean, P_std) of ln σ per EDM2 preset", stated, presets, "per_key", "edm2.presets",
                      correction="; ".join(f"presets with (P_mean, P_std) = ({a:g}, {b:g}) train on {_lam_form(a, b)}"
                                           for a, b in other))
    return statement_evidence("mse.external.edm2_training_noise", {it["name"]: it},
                              derivation={"ln σ mean": mean, "ln σ sd": sd, "nonlinearity in Φ⁻¹(t)": nonlin},
                              twins_agree=nonlin < SYM_TOL, twins=f"ln σ not affine in Φ⁻¹(t): residual {nonlin:.1e}",
                              note="The paper's EDM2 experiments (Table 1, Fig. 1) are ImageNet-512 (preset edm2-img512-s), "
                                   "the presets for which the statement holds.")


@_register("mse.external.edm_training_noise", paper="mse", where="§6 NVIDIA subgroup (l. 425–427)",
           statement="EDM, like EDM2, uses mse's Normal noise schedule λ̊ = Φ⁻¹(t) + 0.4.", equations=("§6",),
           assumptions=("'Normal' read as §2 defines it (P_mean = −0.4, P_std = 1); the correction reads it as the "
                        "log-normal family",))
def edm_training_noise(ctx):
    mean, sd, nonlin = normal_law_of_printed_schedule()
    stated = [round(mean, 9), round(sd, 9)]
    law = _facts().value("edm.loss")
    code = [law["p_mean"], law["p_std"]]
    it = compare_item("(P_mean, P_std) of ln σ in EDM", stated, code, "equal", "edm.loss",
                      correction_holds=law["sigma_law"] == "lognormal",
                      correction=f"EDM's law is log-normal too (Normal-type), with {_lam_form(*code)}")
    return statement_evidence("mse.external.edm_training_noise", {it["name"]: it},
                              twins_agree=nonlin < SYM_TOL, twins=f"ln σ not affine in Φ⁻¹(t): residual {nonlin:.1e}")


# ================================================================================== mse §2: F-pred in EDM/EDM2
def fpred_sigma_data() -> tuple[str, str]:
    """σ_data implied by the printed S² = 4ρ̊⁻² + 1 from EDM's preconditioning (SymPy): F = (X − c_skip·Y)/c_out with
    Y = X + σ_E ε, c_skip = σ_d²/(σ_E² + σ_d²), c_out = σ_Eσ_d/√(σ_E² + σ_d²); and weight·c_out² (EDM2Loss's weight
    (σ² + σ_d²)/(σσ_d)²), which is 1 iff the loss is the plain F-MSE ‖F̂ − F‖²."""
    sE, sd, X, E, Y = sp.symbols("sigma_E sigma_d X epsilon Y", positive=True)
    c_skip = sd**2 / (sE**2 + sd**2)
    c_out = sE * sd / sp.sqrt(sE**2 + sd**2)
    F = ((X - c_skip * Y) / c_out).subs(Y, X + sE * E)
    S2 = sp.simplify(sp.expand(F.subs(X, Y - sE * E)).coeff(E) ** 2)
    sol = sp.solve(sp.Eq(S2, 4 * sE**2 + 1), sd)  # printed S² with ρ̊⁻¹ = σ_E
    weight = (sE**2 + sd**2) / (sE * sd) ** 2
    return str(sol[0]) if len(sol) == 1 else str(sol), str(sp.simplify(weight * c_out**2))


@_register("mse.external.edm2_fpred", paper="mse", where="§2 F-pred (l. 138)",
           statement="The F-pred target with S² = 4ρ̊⁻² + 1 is the one EDM and EDM2 train (σ_data = 0.5), with the plain F-MSE.",
           equations=("§2",), method="symbolic")
def edm2_fpred(ctx):
    sd, weight_cout2 = fpred_sigma_data()
    sd_num = float(sp.sympify(sd))
    data = _facts()
    items = {n: compare_item(n, sd_num, data.value(ref), "equal", ref) for n, ref in
             (("σ_data of EDM2's preconditioning", "edm2.precond:sigma_data"),
              ("σ_data of EDM's preconditioning", "edm.precond:sigma_data"))}
    loss = compare_item("EDM2's loss weight × c_out² (1: the loss is ‖F̂ − F‖²)", "1", weight_cout2, "equal", "edm2.loss")
    return statement_evidence("mse.external.edm2_fpred", items, [loss], derivation={"sigma_data_from_printed_S2": sd})


@_register("mse.external.edm2_uncertainty_weight", paper="mse", where="§2 (K&G weight ω = S²/λ̊'); §6",
           statement="EDM2's MSE training is determined by its (λ̊, S) = (Normal, F-pred) alone.", equations=("§2", "§6"))
def edm2_uncertainty_weight(ctx):
    loss = _facts().value("edm2.loss")
    return statement_evidence("mse.external.edm2_uncertainty_weight",
                              note=f"EDM2Loss divides the F-MSE by exp(u(σ)) and adds u(σ) (learned_uncertainty = "
                                   f"{loss['learned_uncertainty']}); M of mse Eq. (29) would be max λ̊'/(S²e^{{−u}}).")


# ================================================================================== mse Fig. 1 / Table 1: EDM2's sampler
@_register("mse.external.edm2_sampler", paper="mse", where="§6 Fig. 1 caption; Table 1",
           statement="EDM2's generator: 32 steps on a non-uniform (ρ = 7) grid of σ ∈ [0.002, 80], Heun, deterministic "
                     "(a flow), NFE 63 (and 255 with more steps), as used for Fig. 1 and Table 1.",
           equations=("Fig. 1", "Table 1"))
def edm2_sampler(ctx):
    s = _facts().value("edm2.sampler")
    ours = {"σ_min of the grid used for Fig. 1 (theory/mse_diffusion_size.EDM2_SIGMA_MIN)": ("sigma_min", mse_diffusion_size.EDM2_SIGMA_MIN),
            "σ_max of the grid used for Fig. 1 (EDM2_SIGMA_MAX)": ("sigma_max", mse_diffusion_size.EDM2_SIGMA_MAX),
            "ρ of the grid used for Fig. 1 (EDM2_RHO)": ("rho", mse_diffusion_size.EDM2_RHO)}
    derived = {n: compare_item(n, v, s[k], "equal", f"edm2.sampler:{k}") for n, (k, v) in ours.items()}
    n = s["num_steps"]
    nfe = n + (n - 1 if s["heun_skipped_on_last_step"] else n)  # one Euler evaluation per step, a correction on all but the last
    n255 = (255 + 1) / 2
    extra = [compare_item("NFE of the code's loop at 32 steps (Table 1: 63)", 63, nfe, "equal", "edm2.sampler"),
             compare_item("NFE 255 reachable: steps = (255 + 1)/2 is a whole number", True, float(n255).is_integer(),
                          "equal", "edm2.sampler"),
             compare_item("grid non-uniform in σ (ρ ≠ 1)", True, not same(s["rho"], 1.0), "equal", "edm2.sampler:rho")]
    return statement_evidence("mse.external.edm2_sampler", derived, extra,
                              note="Guided EDM2-S preset: guidance 1.4 with the XS unconditional model as guide (FID 2.23 "
                                   "in the code's comment; the paper's HeunEDM2 at NFE 63: 2.28).")


_generic("mse.external.edm_sampler_flow", paper="mse", where="§6 NVIDIA subgroup (l. 426–427)",
         statement="EDM and EDM2 generate flows (deterministic samplers).", equations=("§6",))


# ================================================================================== mse §6: Xie's models
def ddpm_linear_lam(beta_start: float, beta_end: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """(t, λ̊) of the DDPM linear β schedule on its uniform training grid, in mse time (t = 1 − i/T, data at 1)."""
    betas = np.linspace(beta_start, beta_end, steps)
    abar = np.cumprod(1 - betas)
    i = np.arange(1, steps + 1)
    return 1 - i / steps, 0.5 * (np.log(abar) - np.log1p(-abar))


LOGIS_TOL = 0.05  # "the Logis schedule": λ̊ within 0.05 of logit t on the training grid (a 5 % change of ρ̊)


@_register("mse.external.dit_generator", paper="mse", where="§6 Xie's models (l. 409–412)",
           statement="DiT uses DDPM's noise schedule, Noise parameterization and generator: a reversible ML(Logis) diffusion.",
           equations=("§6",))
def dit_generator(ctx):
    data = _facts()
    dit, ddpm = data.value("dit.beta_schedule"), data.value("ddpm.cifar")
    sched = compare_item("β schedule (DDPM's linear 1e-4 → 0.02)", [ddpm["beta_start"], ddpm["beta_end"], ddpm["steps"]],
                         [dit["beta_start"], dit["beta_end"], dit["steps"]], "equal", "dit.beta_schedule")
    t, lam = ddpm_linear_lam(dit["beta_start"], dit["beta_end"], dit["steps"])
    inner = (t > 0) & (t < 1)
    gap = float(np.max(np.abs(lam[inner] - special.logit(t[inner]))))
    logis = compare_item("ML(Logis): DiT's schedule is Logis (max |λ̊ − logit t| on its grid)", f"≤ {LOGIS_TOL:g}",
                         f"{gap:.3g}", "derived", "dit.beta_schedule", holds=gap <= LOGIS_TOL,
                         correction="DiT's λ̊ is the DDPM-linear one")
    var = compare_item("generator variance (reversible ML = posterior β̃)", "posterior",
                       data.value("dit.diffusion:var_type"), "equal", "dit.diffusion",
                       correction="DiT samples with a learned variance exp(v log β + (1 − v) log β̃) per pixel; the "
                                  "reversible size is its v = 0 end")
    return statement_evidence("mse.external.dit_generator", {sched["name"]: sched, var["name"]: var}, [logis])


def sit_repa_rate_derivation(diffusion_rate) -> dict:
    """λ' of an SDE generator with noise-variance rate w(t) on the linear path (mse time, σ = 1 − t): the noise of
    mse Eq. (35) in Y is ρ̊⁻¹√(2λ'), so in Z = αY it is σ√(2λ'): w = 2σ²λ'. Twin: the reversible choice (SiT's
    'SBDM' form, w = 2(α'/α σ² − σσ')) must give λ' = λ̊'. Returns the rate, the twin residual and the readings."""
    t = sp.Symbol("t", positive=True)
    alpha, sigma = t, 1 - t
    lam_ring_d = sp.diff(sp.log(alpha / sigma), t)
    w_sbdm = 2 * (sp.diff(alpha, t) / alpha * sigma**2 - sigma * sp.diff(sigma, t))
    twin = sp.simplify(w_sbdm / (2 * sigma**2) - lam_ring_d)
    rate = sp.simplify(diffusion_rate(sigma) / (2 * sigma**2))
    readings = {"mse time: 1/(2t)": 1 / (2 * t), "REPA’s time t_R = 1 − t (σ): 1/(2σ)": 1 / (2 * sigma)}
    ratio = sp.simplify(rate / lam_ring_d)
    return {"t": t, "rate": rate, "twin": twin, "ratio": ratio,
            "readings": {k: sp.simplify(rate - v) == 0 for k, v in readings.items()},
            "reading_ratios": {k: str(sp.simplify(rate / v)) for k, v in readings.items()}}


@_register("mse.external.sit_repa_rate", paper="mse", where="§6 Xie's models (l. 412–413)",
           statement="SiT, REPA and REPA-E generate with the limited diffusion λ'_t = 1/(2t) (REPA(Logis)).",
           equations=("§6",), method="symbolic",
           assumptions=("mse's generator noise ρ̊⁻¹√(2λ')dW in Y (Eq. 35), i.e. w = 2σ²λ' in Z = αY",
                        "SiT's defaults: diffusion form 'sigma', norm 1, noise √(2·diffusion); REPA: diffusion 2t, noise √diffusion"))
def sit_repa_rate(ctx):
    d = sit_repa_rate_derivation(lambda sigma: 2 * sigma)  # SiT: 2·(1·σ_t); REPA: 2·t_REPA = 2σ
    t = d["t"]
    r = d["ratio"]
    lo, hi = (float(sp.limit(r, t, 0, "+")), float(sp.limit(r, t, 1, "-")))
    mono = bool(sp.simplify(sp.diff(r, t)).is_positive or sp.simplify(sp.diff(r, t)).is_negative)
    limited = mono and min(lo, hi) >= 0 and max(lo, hi) <= 1
    rate = "1/(1 − t)" if sp.simplify(d["rate"] - 1 / (1 - t)) == 0 else str(d["rate"])
    it = compare_item("λ'_t of SiT's/REPA's SDE (mse time)", "1/(2t)", rate, "derived", "sit.path",
                      holds=any(d["readings"].values()), readings=d["readings"], reading_ratios=d["reading_ratios"],
                      correction_holds=limited,
                      correction=f"λ'_t = {rate} = 1/σ_t (w = 2σ_t; the paper's 1/(2t) read in REPA's time t_R = σ is "
                                 f"off by the factor {d['reading_ratios']['REPA’s time t_R = 1 − t (σ): 1/(2σ)']}); "
                                 f"λ'/λ̊' = {r} runs from {lo:g} to {hi:g}, so "
                                 f"the generator is {'still' if limited else 'not'} a limited diffusion between the flow "
                                 "and the reversible one, but it approaches the reversible one at the data end")
    twin_ok = d["twin"] == 0
    data = _facts()
    same_sde = [compare_item(f"{sys}'s SDE noise rate w(t_R) and σ(t_R) (REPA's: 2t_R, t_R)",
                             [data.value("repa.sampler:noise_rate"), data.value("repa.sampler:sigma")],
                             [data.value(f"{fid}:noise_rate"), data.value(f"{fid}:sigma")], "equal", fid)
                for sys, fid in (("REPA-E", "repae.sampler"),)]
    return statement_evidence("mse.external.sit_repa_rate", extra_items=[it, *same_sde], twins_agree=twin_ok,
                              twins=f"the reversible SBDM form gives λ' − λ̊' = {d['twin']}")


_generic("mse.external.sit_repa_logis_vel", paper="mse", where="§6 Xie's models (l. 410–411)",
         statement="SiT, REPA (and RAE) use the Logis noise schedule (linear path) and the Vel parameterization.",
         equations=("§6",))


def rae_shift() -> float:
    c = _facts().value("rae.sampling_config")
    return math.sqrt(c["shift_dim"] / c["shift_base"])


@_register("mse.external.rae_sampler", paper="mse", where="§6 (l. 414); Fig. 1 caption",
           statement="RAE generates a deterministic flow with 250 steps on a uniform grid (Fig. 1).", equations=("§6", "Fig. 1"))
def rae_sampler(ctx):
    s = rae_shift()
    it = compare_item("uniform time grid (time shift 1)", "uniform", f"shift s = √(196608/4096) = {s:.4g}", "derived",
                      "rae.ode_grid", holds=same(s, 1.0))
    return statement_evidence("mse.external.rae_sampler", {it["name"]: it})


@_register("mse.external.rae_training_law", paper="mse", where="§6 (l. 414); Fig. 1 (RAE as Logis + Vel)",
           statement="RAE is trained as MSE(Logis, Vel): velocity loss with t ~ U(0, 1).", equations=("§6", "Fig. 1"))
def rae_training_law(ctx):
    s = rae_shift()
    c = _facts().value("rae.training_config")
    it = compare_item("training time law (Vel: t ~ U(0, 1))", "uniform",
                      f"{c['time_law']}({c['mu']:g}, {c['std']:g}) shifted by s = {s:.4g}", "derived", "rae.training_config",
                      holds=c["time_law"] == "uniform",
                      correction=f"in mse time logit t ~ N({-math.log(s):.4g}, 1): a VelLN law centred at λ̊ = −log s "
                                 "(Fig. 1's MSE(Logis, Vel) is not RAE's; mse.beyond.fig1_code_settings has its sizes)")
    return statement_evidence("mse.external.rae_training_law", {it["name"]: it})


_generic("mse.external.lightningdit_training", paper="mse", where="§6 (l. 418–419)",
         statement="LightningDiT uses the Logis noise schedule and VelLN (velocity with logit-normal(0, 1) time).",
         equations=("§6",))


@_register("mse.external.lightningdit_sampler", paper="mse", where="§6 (l. 418); Fig. 1 caption",
           statement="LightningDiT generates a flow with 250 steps on a uniform grid (Fig. 1).", equations=("§6", "Fig. 1"))
def lightningdit_sampler(ctx):
    derived = {}
    for k in ("64", "800"):
        name = f"uniform time grid (timestep_shift 0 or 1), {k}-epoch config"
        s = _facts().value(f"ldit.config{k}:timestep_shift")
        derived[name] = compare_item(name, "uniform", f"shift {s:g}", "derived", f"ldit.config{k}:timestep_shift",
                                     holds=same(s, 0.0) or same(s, 1.0),
                                     correction=f"the grid is t ↦ {s:g}t/(1 − {1 - s:g}t) of linspace(0, 1, 250): "
                                                "denser at the noise end")
    return statement_evidence("mse.external.lightningdit_sampler", derived)


_generic("mse.external.sd3_flow", paper="mse", where="§6 (l. 417–419)",
         statement="SD3 generates a flow and uses the Logis schedule with VelLN.", equations=("§6",))
_generic("mse.external.pixart_schedule", paper="mse", where="§6 (l. 418–420)",
         statement="PixArt uses a beta-linear noise schedule, the Noise parameterization, and generates a flow.",
         equations=("§6",))


def iddpm_cosine_vs_sech(offset: float) -> float:
    """max |λ̊_cosine − λ̊_Sech| on t ∈ [0.01, 0.99] (mse time) for IDDPM's cosine ᾱ with ``offset``."""
    t = np.linspace(0.01, 0.99, 981)
    f = lambda x: np.cos((x + offset) / (1 + offset) * np.pi / 2) ** 2  # noqa: E731  (τ = 1 − t: 1 = noise)
    abar = f(1 - t) / f(0.0)
    return float(np.max(np.abs(0.5 * (np.log(abar) - np.log1p(-abar)) - mse_schedule("sech").lam(t))))


@_register("mse.external.adm_schedule", paper="mse", where="§6 U-Net models (l. 422–424)",
           statement="ADM operated with the Sech (cosine) noise schedule, Noise parameterization and the DDPM generator.",
           equations=("§6",))
def adm_schedule(ctx):
    gap = iddpm_cosine_vs_sech(_facts().value("iddpm.cosine:offset"))
    return statement_evidence("mse.external.adm_schedule",
                              note=f"IDDPM's cosine schedule is Sech up to its offset s = 0.008: max |Δλ̊| = {gap:.3g} on "
                                   "t ∈ [0.01, 0.99], largest at the data end. The released models also learn the "
                                   "sampler variance (--learn_sigma True).", cosine_vs_sech=gap)


_generic("mse.external.sid2_schedule", paper="mse", where="§2 SechInter, Sigmoid; §6; Fig. 1 caption",
         statement="SiD/SiD2 use SechInter with Noise/Sigmoid parameterizations, generate reversible diffusions, 512 steps.",
         equations=("§2", "§6", "Fig. 1"))


@_register("mse.external.ddpm_ddim_solvers", paper="mse", where="§3 UDS remark 2 (l. 229–230)",
           statement="DDPM's solver samples the reversible diffusion (posterior variance) and DDIM's the flow (β = 0).",
           equations=("§3",))
def ddpm_ddim_solvers(ctx):
    data = _facts()
    per = {"CIFAR-10 (scripts/run_cifar.py)": data.value("ddpm.cifar:var_type"),
           "CelebA-HQ/LSUN (diffusion_utils.py)": data.value("ddpm.celebahq:var_type")}
    name = "DDPM's sampler variance per released configuration (reversible = posterior β̃)"
    it = compare_item(name, "posterior", per, "per_key", "ddpm.cifar",
                      correction="DDPM's CIFAR-10 run samples with σ_t² = β_t ('fixedlarge'), above the reversible size")
    return statement_evidence("mse.external.ddpm_ddim_solvers", {name: it})


# ================================================================================== kdiff Table 4: JiT and LightningDiT
for _cid, _stmt in (("jit_architecture", "JiT-B's architecture (depth, width, heads, patch, bottleneck, in-context tokens)"),
                    ("jit_ema", "JiT's EMA decays are {0.9996, 0.9998, 0.9999}"),
                    ("jit_time_sampler", "JiT's time sampler logit-normal(−0.8, 0.8), noise scale image_size/256, class drop 0.1"),
                    ("jit_sampler", "JiT's sampler: Heun, 50 steps, linear grid on [0, 1], CFG 2.9 in [0.1, 1]"),
                    ("lightningdit_architecture", "LightningDiT-XL/1 on VA-VAE f16d32: depth 28, width 1152, 16 heads, patch 1"),
                    ("lightningdit_loss", "LightningDiT's training loss is the v-loss (MSE of the velocity)"),
                    ("lightningdit_optimizer", "LightningDiT's optimiser: Adam (0.9, 0.95), batch 1024, lr 2e-4 constant, "
                                               "no warm-up, no weight decay"),
                    ("lightningdit_ema", "LightningDiT's EMA decays are {0.9996, 0.9998, 0.9999}"),
                    ("lightningdit_time_sampler", "LightningDiT's time sampler logit-normal(0, 1), noise scale 1, no clamp "
                                                  "for v-prediction, class drop 0.1"),
                    ("lightningdit_reported_sampler", "LightningDiT's report: CFG 10.0, Euler, 250 steps, FID 2.11 at 64 "
                                                      "epochs (1.35 at 800)")):
    _generic(f"kdiff.external.{_cid}", paper="kdiff",
             where="§5.1 (LightningDiT's report)" if _cid == "lightningdit_reported_sampler" else "App. F, Table 4",
             statement=_stmt + " (kdiff adopts the cited system's configuration).",
             equations=("§5.1",) if _cid == "lightningdit_reported_sampler" else ("Table 4", "App. F"))


@_register("kdiff.external.jit_optimizer", paper="kdiff", where="App. F, Table 4",
           statement="JiT's optimiser: Adam (0.9, 0.95), batch 1024, lr 2e-4 constant, 5 warm-up epochs, 200/600 epochs, "
                     "no weight decay (kdiff strictly follows JiT).", equations=("Table 4", "App. F"))
def jit_optimizer(ctx):
    data = _facts()
    r, a = data.value("jit.readme"), data.value("jit.args")
    batch = r["gpus"] * r["batch_per_gpu"]
    derived = {"batch size = GPUs × batch per GPU": compare_item("batch size = GPUs × batch per GPU", 1024, batch, "equal",
                                                                 "jit.readme"),
               "learning rate = blr × batch / 256": compare_item("learning rate = blr × batch / 256", 2e-4,
                                                                 a["blr"] * batch / 256, "equal", "jit.optim")}
    return statement_evidence("kdiff.external.jit_optimizer", derived)


@_register("kdiff.external.jit_clamp", paper="kdiff", where="§4 (clamp 0.05, 'following the practice in Li & He'); Table 4",
           statement="JiT clamps the velocity denominator 1 − t at 0.05; k-Diff's clamp of k(1 − t) + (1 − k)t follows it.",
           equations=("§4", "Table 4"))
def jit_clamp(ctx):
    return statement_evidence("kdiff.external.jit_clamp")


@_register("kdiff.external.lightningdit_epochs", paper="kdiff", where="App. F, Table 4",
           statement="LightningDiT trains 64 epochs (ablation) and 800 epochs.", equations=("Table 4", "App. F"))
def lightningdit_epochs(ctx):
    c = _facts().value("ldit.config64")
    epochs = epochs_of(c["max_steps"], c["batch"])
    name = "epochs (ablation) = max_steps × batch / ImageNet-1k train size"
    it = compare_item(name, 64, round(epochs, 3), "derived", "ldit.config64", holds=abs(epochs - 64) <= EPOCH_TOL)
    return statement_evidence("kdiff.external.lightningdit_epochs", {name: it})


# ================================================================================== erd: settings of the cited systems
for _cid, _where, _eq, _stmt in (
        ("ddpm_framework", "§4.1 Training", ("§4.1",), "DDPM's framework: T = 1000 steps and EMA decay 0.9999."),
        ("iddpm_cosine", "App. G.1 Diffusion setting", ("App. G.1",), "The cosine noise schedule of IDDPM (offset 0.008)."),
        ("edm_heun", "§4.1 Evaluation; App. G.1", ("§4.1", "App. G.1"), "EDM's Heun sampler is deterministic."),
        ("dit_architecture", "App. G.1 Table 5", ("Table 5",),
         "DiT-B/2, L/2, XL/2: 12/24/28 layers, 768/1024/1152 wide, 12/16/16 heads; AdamW lr 1e-4, betas (0.9, 0.999).")):
    _generic(f"erd.external.{_cid}", paper="erd", where=_where, statement=_stmt, equations=_eq)


@_register("erd.external.sd_vae", paper="erd", where="§4.1 Datasets",
           statement="The latents are 32×32×4 codes of the Stable Diffusion VQ-VAE encoder.", equations=("§4.1",))
def sd_vae(ctx):
    v = _facts().value("sd.vae")
    side = 256 // 2 ** (len(v["ch_mult"]) - 1)
    name = "latent side for 256² images = 256 / 2^(len(ch_mult) − 1)"
    shape = compare_item(name, 32, side, "equal", "sd.vae:ch_mult")
    kind = compare_item("autoencoder kind", "VQ", v["kind"], "equal", "sd.vae:kind",
                        correction_holds=shape["holds"],
                        correction="it is Stable Diffusion's KL-regularised AutoencoderKL (erd App. G.1 calls it the "
                                   "'Stable Diffusion VAE'); the 32×32×4 latent shape holds")
    return statement_evidence("erd.external.sd_vae", {name: shape, "autoencoder kind": kind})


@_register("erd.external.uvit_architecture", paper="erd", where="App. G.1 Table 5",
           statement="U-ViT-M/L/H: 17/21/29 layers, 768/1024/1152 wide, 12/16/16 heads, betas (0.99, 0.99).",
           equations=("Table 5",))
def uvit_architecture(ctx):
    v = _facts().value("uvit.configs")
    name = "(layers, hidden, heads) per U-ViT model; layers = depth + 1 (in-blocks, mid-block, out-blocks)"
    stated = _facts().item("erd.external.uvit_architecture", name).stated
    code = {k: [v[k][0] + 1, v[k][1], v[k][2]] for k in stated}
    return statement_evidence("erd.external.uvit_architecture", {name: compare_item(name, stated, code, "equal", "uvit.configs")})


def _weight_default(param: str) -> float:
    return float(inspect.signature(erd_weights.weight).parameters[param].default)


@_register("erd.external.min_snr_weight", paper="erd", where="§4.3 / Fig. 6 baselines (Hang et al.)",
           statement="The Min-SNR baseline (erd.baselines.*: min(SNR, γ) in x0-space, min(SNR, γ)/(SNR + 1) for v on VP "
                     "schedules, γ = 5) is Min-SNR's own weight and γ.", equations=("§4.3", "Fig. 6"))
def min_snr_weight(ctx):
    v = _facts().value("minsnr.weights")
    name = "γ of our Min-SNR baseline (theory/erd_weights.weight default) vs Min-SNR's configs"
    it = compare_item(name, _weight_default("gamma"), v["k"], "equal", "minsnr.weights:k")
    forms = [compare_item(f"{t}-prediction weight form", mine, v[t], "equal", "minsnr.weights") for t, mine in
             (("x0", "min(snr, k)"), ("eps", "min(snr, k)/snr"), ("v", "min(snr, k)/(snr + 1)"))]
    return statement_evidence("erd.external.min_snr_weight", {name: it}, forms,
                              note="The forms are those of theory/erd_weights (x0-space min(SNR, γ), moved to ε and, on VP "
                                   "schedules, to v); erd.baselines.min_snr_v derives the v-form.")


@_register("erd.external.p2_weight", paper="erd", where="§4.3 / Fig. 6 baselines (Choi et al.)",
           statement="The P2 baseline (erd.baselines.*: 1/(k + SNR)^p on ε, k = 1, p = 1) is P2's own weight and setting.",
           equations=("§4.3", "Fig. 6"))
def p2_weight(ctx):
    v = _facts().value("p2.weight")
    k_name = "k of our P2 baseline (theory/erd_weights.weight default)"
    p_name = "p (P2's γ) of our P2 baseline among P2's published values"
    p = _weight_default("p")
    derived = {k_name: compare_item(k_name, _weight_default("k"), v["k"], "equal", "p2.weight:k"),
               p_name: compare_item(p_name, p, v["gamma"], "derived", "p2.weight:gamma",
                                    holds=any(same(p, g) for g in v["gamma"]))}
    form = compare_item("ε-loss weight form", "1/(k + snr)^gamma", v["eps"], "equal", "p2.weight")
    return statement_evidence("erd.external.p2_weight", derived, [form])


# ================================================================================== beyond: Fig. 1 and §6 with the code's settings
NEAR_ZERO_READINGS = ("data units", "σ_data")


@lru_cache(maxsize=1)
def code_settings() -> dict:
    """Each Fig. 1 model (and EDM2's other presets) with the training law and generation grid its public code uses:
    {name: (TrainingLaw, λ̊ grid, grid description, σ_data)}."""
    data = _facts()
    e = data.value("edm2.sampler")
    edm2_grid = mse_code_settings.edm2_code_grid(e["num_steps"], e["sigma_min"], e["sigma_max"], e["rho"])
    presets = data.value("edm2.presets")
    p512, p64 = presets["edm2-img512-s"], presets["edm2-img64-s"]
    sit = data.value("sit.sde_defaults")
    ld = data.value("ldit.config64")
    rae = data.value("rae.sampling_config")
    s_rae = rae_shift()
    grid_edm2 = f"{e['num_steps']} σ-points, ρ = {e['rho']:g}, σ ∈ [{e['sigma_min']:g}, {e['sigma_max']:g}] (+ final σ = 0)"
    return {
        "EDM2 (img512 presets)": (TrainingLaw("edm2-img512", "lognormal-sigma", "fpred", p512[0], p512[1], sigma_data=0.5),
                                  edm2_grid, grid_edm2, 0.5),
        "EDM2 (img64 presets)": (TrainingLaw("edm2-img64", "lognormal-sigma", "fpred", p64[0], p64[1], sigma_data=0.5),
                                 edm2_grid, grid_edm2, 0.5),
        "SiT/REPA": (TrainingLaw("sit", "uniform-logis", "vel"),
                     mse_code_settings.logis_lam(mse_code_settings.sit_code_grid(sit["steps"], sit["last_step_size"])),
                     f"SDE points linspace(0, {1 - sit['last_step_size']:g}, {sit['steps']}) (+ mean step to t = 1)", 1.0),
        "LightningDiT": (TrainingLaw("lightningdit", "logit-normal", "vel"),
                         mse_code_settings.logis_lam(mse_code_settings.lightningdit_code_grid(ld["steps"], ld["timestep_shift"])),
                         f"{ld['steps']} points, shift {ld['timestep_shift']:g} (ends left out)", 1.0),
        "RAE": (TrainingLaw("rae", "logit-normal", "vel", mu=-math.log(s_rae)),
                mse_code_settings.logis_lam(mse_code_settings.rae_code_grid(rae["steps"], s_rae)),
                f"{rae['steps']} points, shift {s_rae:.4g} (ends left out)", 1.0),
    }


def _later_max(beta) -> float:
    return mse_diffusion_size.later_stage_max(beta, LATER_STAGE)


@lru_cache(maxsize=1)
def _paper_settings() -> dict:
    """Later-stage max β_MSE of Fig. 1's own models (the paper's settings, mse_diffusion_size.SOTA_MODELS)."""
    out = {}
    for m in mse_diffusion_size.SOTA_MODELS:
        d = mse_diffusion_size.diffusion_sizes(m.schedule, m.param, mse_diffusion_size.model_grid(m))
        out[m.name] = {"later_max": _later_max(d["beta_mse"]), "sigma_data": m.sigma_data, "steps": m.steps, "grid": m.grid}
    return out


def decide_fig1_code_settings(ev) -> Decision:
    if not all(within(v, TWIN_TOL) for v in ev["twins"].values()):
        return Decision("error", f"λ-form sizes disagree with mse_diffusion_size on the paper's own pairs: {ev['twins']}")
    models = ev["models"]
    others = {k: m for k, m in models.items() if not k.startswith("EDM2")}
    per_reading = {r: [k for k, m in others.items() if m["later_max"] > BELOW * (1.0 if r == "data units" else m["sigma_data"])]
                   for r in NEAR_ZERO_READINGS}
    holds = any(not v for v in per_reading.values())
    rows = "; ".join(f"{k} ({m['grid']}): {m['later_max']:.4g} = {m['later_max'] / m['sigma_data']:.2%} of σ_data = "
                     f"{m['sigma_data']:g}, ML {m['later_max_ml']:.3g}" for k, m in models.items())
    paper = "; ".join(f"{k} {m['later_max'] / m['sigma_data']:.2%}" for k, m in ev["paper_settings"].items())
    lo, hi = EDM2_TARGET / ABOUT_FACTOR, EDM2_TARGET * ABOUT_FACTOR
    edm2 = "; ".join(f"{k}: {m['later_max'] / m['sigma_data']:.2%} of σ_data ({'inside' if lo <= m['later_max'] / m['sigma_data'] <= hi else 'outside'} "
                     f"'about 5 %' = [{lo:.1%}, {hi:.0%}])" for k, m in models.items() if k.startswith("EDM2"))
    body = (f"Later-stage (last {LATER_STAGE:.0%} of the steps) max of the exact discrete MSE-diffusion size with the code's "
            f"training laws and grids — {rows}. With Fig. 1's own settings: {paper}. EDM2: {edm2}.")
    if holds:
        return Decision("verified", body + f" Every non-EDM2 model stays below {BELOW:.0%}: §6's conclusion survives the "
                                           "code's settings.")
    worst = per_reading["σ_data"] or per_reading["data units"]
    return Decision("refuted", body + f" Above {BELOW:.0%} under both scale readings: {', '.join(worst)} — §6's 'below 1 % "
                                      "in the later stages for all but EDM2' rests on Fig. 1's assumed grids and laws, "
                                      "not on the models' own.")


@claim("mse.beyond.fig1_code_settings", paper="mse", where="§6 Fig. 1 with the models' own code settings (issue 17)",
       statement="(premise check) With the training laws and generation grids of the models' public code, the later-stage "
                 "MSE-diffusion size is still below 1 % for all models but EDM2 (§6).",
       method="numeric", equations=("Fig. 1", "§6"),
       assumptions=("training laws: EDM2 ln σ ~ N(P_mean, P_std²) per preset + F-pred (σ_data 0.5); SiT/REPA Logis + Vel, "
                    "t ~ U; LightningDiT Logis + VelLN(0, 1); RAE Logis + VelLN(−log √48, 1) (other_systems.toml)",
                    "grids: the samplers' points without the exact ends (σ = 0/∞, t ∈ {0, 1}), where β = 0 or undefined",
                    "exact discrete η of §5 (discrete_etas) with the per-step weight S²p(t)Δt",
                    "the LightningDiT cosine-loss term and EDM2's learned u(σ) are left out (MSE of the stated target)"),
       criteria=f"Per non-EDM2 model the later-stage (last {LATER_STAGE:.0%}) max of β_MSE against {BELOW:.0%} of the data "
                "scale (data units or σ_data): verified iff some scale reading has every model below; refuted otherwise; "
                f"error iff our λ-form sizes differ from mse_diffusion_size by more than {TWIN_TOL:g} on the paper's own "
                "pairs. EDM2's presets are reported against 'about 5 %', not decided on (mse.fig1.edm2_5pct).",
       decide=decide_fig1_code_settings)
def fig1_code_settings(ctx):
    models = {}
    for name, (law, lam, desc, sd) in code_settings().items():
        d = mse_code_settings.sizes(law, lam)
        models[name] = {"grid": desc, "steps": int(len(d["lam"])), "lam_range": [float(lam[0]), float(lam[-1])],
                        "later_max": _later_max(d["beta_mse"]), "later_max_ml": _later_max(d["beta_ml"]),
                        "sigma_data": sd, "M_discrete": d["M_discrete"]}
    return {"models": models, "paper_settings": _paper_settings(), "twins": mse_code_settings.twin_check()}


def eta_code_rate(grid):
    """Exact step of λ'_t = 1/(1 − t) (SiT's/REPA's SDE in mse time): η² = 1 − exp(−2∫_s^t λ') = 1 − ((1 − t)/(1 − s))²."""
    g = np.asarray(grid, float)
    s, t = g[:-1], g[1:]
    return np.sqrt(-np.expm1(2 * (np.log1p(-t) - np.log1p(-s))))


QUAD_TOL = 1e-10  # closed-form η vs the rate integrated numerically (Gauss–Legendre, 16 nodes per step: ~1e-14)


def decide_repa_code_rate(ev) -> Decision:
    if not within(ev["eta_closed_vs_quad"], QUAD_TOL):
        return Decision("error", f"closed-form η of λ' = 1/(1 − t) differs from the integrated rate by {ev['eta_closed_vs_quad']:.1e}")
    between = ev["steps_not_between"] == 0
    body = (f"On SiT's/REPA's {ev['steps']} SDE steps of [{ev['t0']:.4g}, {ev['tmax']:g}]: later-stage max β — code λ' = "
            f"1/(1 − t): {ev['later_max_code']:.3g}, the paper's λ' = 1/(2t): {ev['later_max_paper']:.3g}, reversible ML: "
            f"{ev['later_max_ml']:.3g}, MSE(Logis, Vel): {ev['later_max_mse']:.3g}. β_code/β_ML over the later stage: "
            f"{ev['later_ratio_min']:.2f}–{ev['later_ratio_max']:.2f} (the paper's rate: {ev['paper_ratio_min']:.2f}–"
            f"{ev['paper_ratio_max']:.2f}).")
    if between:
        return Decision("verified", body + " 0 < β_code < β_ML at every step: SiT/REPA's generator is a limited diffusion, "
                                           "strictly between the flow and the reversible one — but near the reversible one in "
                                           "the later stages, not near the flow as λ' = 1/(2t) would make it.")
    return Decision("refuted", body + f" β_code is not strictly between 0 and β_ML on {ev['steps_not_between']} steps.")


@claim("mse.beyond.repa_code_rate", paper="mse", where="§6 Xie's models with SiT's/REPA's own SDE (issue 17)",
       statement="(premise check) With the diffusion coefficient of SiT's/REPA's code (λ' = 1/(1 − t)), their generator is "
                 "still a limited diffusion between the flow and the reversible ML(Logis) — §6's 'evolution from reversible "
                 "diffusion to flows'.",
       method="numeric", equations=("§6",),
       assumptions=("SiT's default SDE grid: linspace(0, 0.96, 250), t = 0 left out, then a mean step (no noise)",
                    "Logis schedule (linear path), exact steps η² = 1 − exp(−2∫λ')"),
       criteria="verified iff 0 < β_code < β_ML at every step of the grid; refuted otherwise; the later-stage ratios to "
                f"β_ML are reported; error iff the closed-form η differs from the numerically integrated rate by more than "
                f"{QUAD_TOL:g}.",
       decide=decide_repa_code_rate)
def repa_code_rate(ctx):
    sit = _facts().value("sit.sde_defaults")
    grid = mse_code_settings.sit_code_grid(sit["steps"], sit["last_step_size"])
    s, t = grid[:-1], grid[1:]
    x, w = np.polynomial.legendre.leggauss(16)
    mid, half = (t + s) / 2, (t - s) / 2
    integral = half * ((1 / (1 - (mid[:, None] + half[:, None] * x[None, :]))) @ w)
    eta_quad = np.sqrt(-np.expm1(-2 * integral))
    eta_code = eta_code_rate(grid)
    from difftheory.theory.mse_divergence import eta_repa

    eta_paper = eta_repa(grid)
    d = mse_diffusion_size.diffusion_sizes("logis", "vel", grid)
    rho = mse_schedule("logis").rho(t)
    b_code, b_paper = eta_code / rho, eta_paper / rho
    later = int(len(t) * (1 - LATER_STAGE))
    r_code, r_paper = b_code[later:] / d["beta_ml"][later:], b_paper[later:] / d["beta_ml"][later:]
    return {"steps": int(len(t)), "t0": float(grid[0]), "tmax": float(grid[-1]),
            "eta_closed_vs_quad": float(np.max(np.abs(eta_code - eta_quad))),
            "steps_not_between": int(np.sum(~((b_code > 0) & (b_code < d["beta_ml"])))),
            "later_max_code": _later_max(b_code), "later_max_paper": _later_max(b_paper),
            "later_max_ml": _later_max(d["beta_ml"]), "later_max_mse": _later_max(d["beta_mse"]),
            "later_ratio_min": float(r_code.min()), "later_ratio_max": float(r_code.max()),
            "paper_ratio_min": float(r_paper.min()), "paper_ratio_max": float(r_paper.max())}
