"""kdiff's statements about other systems that the blind referee pass listed and the Table-4 claims
(theory/claims_other_systems.py) do not cover (issue 17, part 4): EDM's preconditioning read as v-prediction, the
prediction targets of the systems the introduction cites, and the baselines Tables 1–2 quote where a public
repository prints them. Facts: papers/kdiff/other_systems.toml (repository, path, commit, lines); the decision is the
shared rule of the other-systems claims (``decide_setting``); what the code sets is compared here, derived with SymPy
where the paper's word ('v-prediction') is a property of the code's formulas rather than a setting."""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from difftheory import other_systems
from difftheory.ledger import claim
from difftheory.paper_tables import load as load_tables
from difftheory.theory.claims_other_systems import compare_item, decide_setting, statement_evidence

CRITERIA = ("Per item of the stored statement (papers/kdiff/other_systems.toml): holds iff the code's value equals the "
            "paper's (printed numbers: within half a unit of the printed last digit; the EDM target: SymPy from the "
            "code's formulas); verified iff all hold; corrected iff each failing item's conclusion survives with the "
            "code's value; refuted iff an item fails outright; open iff an item has no public code.")


# ================================================================================== EDM's F-target is v
@lru_cache(maxsize=1)
def edm_target() -> dict:
    """EDM's network target from its preconditioning (NVlabs/edm training/networks.py ll. 660–667, loss.py ll. 75–79):
    D = c_skip·(y + n) + c_out·F, so F's regression target is F* = (y − c_skip(y + n))/c_out, n = σε. In the
    variance-preserving coordinates of the same process (x̄ = y/σ_d, ᾱ = σ_d/√(σ² + σ_d²), σ̄ = σ/√(σ² + σ_d²),
    c_in(y + n) = ᾱx̄ + σ̄ε) Salimans & Ho's velocity is v = ᾱε − σ̄x̄. Returns F* + v (0: F* = −v), the variance of F*
    for unit-variance x̄ and ε, the input's variance, and the loss weight times c_out² (1: an unweighted MSE on F)."""
    s, sd = sp.symbols("sigma sigma_d", positive=True)
    xb, eps = sp.symbols("xbar epsilon", real=True)
    c_skip = sd**2 / (s**2 + sd**2)                        # networks.py l. 660
    c_out = s * sd / sp.sqrt(s**2 + sd**2)                  # l. 661
    c_in = 1 / sp.sqrt(sd**2 + s**2)                        # l. 662
    weight = (s**2 + sd**2) / (s * sd) ** 2                 # loss.py l. 75
    y, n = sd * xb, s * eps                                 # data of standard deviation σ_d; n = σ·randn (l. 77)
    f_star = (y - c_skip * (y + n)) / c_out                 # D = c_skip x + c_out F (l. 667) equal to y (l. 79)
    a_bar, s_bar = sd / sp.sqrt(s**2 + sd**2), s / sp.sqrt(s**2 + sd**2)
    v = a_bar * eps - s_bar * xb
    coef = sp.Poly(sp.expand(f_star), xb, eps)
    var_f = sp.simplify(coef.coeff_monomial(xb) ** 2 + coef.coeff_monomial(eps) ** 2)
    inp = sp.Poly(sp.expand(c_in * (y + n)), xb, eps)
    return {"f_star_plus_v": sp.simplify(f_star + v), "var_f_star": var_f,
            "var_input": sp.simplify(inp.coeff_monomial(xb) ** 2 + inp.coeff_monomial(eps) ** 2),
            "weight_times_c_out_sq": sp.simplify(weight * c_out**2), "f_star": sp.simplify(f_star)}


def _edm_items() -> dict:
    e = edm_target()
    is_v = e["f_star_plus_v"] == 0
    target = compare_item("the network F's training target", "v (up to a constant factor)",
                          "F* = " + str(e["f_star"]) + (" = −v" if is_v else ""), "derived", "edm.precond_formulas",
                          holds=bool(is_v))
    var = compare_item("variance of F's target at every noise level σ", 1.0, str(e["var_f_star"]), "derived",
                       "edm.precond_formulas", holds=e["var_f_star"] == 1)
    return {"the network F's training target": target, "variance of F's target at every noise level σ": var}


@claim("kdiff.external.edm_v_prediction", paper="kdiff", where="§2 (related work, l. 31)", method="symbolic",
       equations=("§2",),
       statement="Through its parameterisation the EDM framework (Karras et al., 2022) uses v-prediction, so that the "
                 "network's output keeps a constant variance across the whole SNR range.",
       criteria=CRITERIA, decide=decide_setting)
def edm_v_prediction(ctx):
    e = edm_target()
    return statement_evidence("kdiff.external.edm_v_prediction", _edm_items(),
                              input_variance=str(e["var_input"]), loss_weight_times_c_out_sq=str(e["weight_times_c_out_sq"]),
                              note=(f"In the variance-preserving coordinates of the same process F's target is −v (Salimans "
                                    f"& Ho's v = ᾱε − σ̄x̄, x̄ = y/σ_d); the input c_in·(y + n) has variance "
                                    f"{e['var_input']} and EDM's loss weight times c_out² is {e['weight_times_c_out_sq']}, so "
                                    f"EDM trains F with an unweighted MSE on −v (SymPy from the code's formulas)."))


# ================================================================================== the targets of the cited systems
@claim("kdiff.external.cited_targets", paper="kdiff", where="§1 (ll. 13–17), §2 (ll. 31–33)", method="symbolic",
       equations=("§1", "§2"),
       statement="The cited systems use the prediction targets the paper assigns them: DDPM (Ho et al., 2020) ε, EDM "
                 "(Karras et al., 2022) v, flow matching (LightningDiT, kdiff's latent baseline) the velocity, JiT (Li & "
                 "He, 2025) x.",
       criteria=CRITERIA, decide=decide_setting)
def cited_targets(ctx):
    edm = _edm_items()["the network F's training target"]
    name = "EDM (Karras et al., 2022) predicts v"
    return statement_evidence("kdiff.external.cited_targets", {name: {**edm, "name": name}},
                              note="The trends the paper describes around them ('largely superseded', 'often yields "
                                   "superior results') are not fixed by any code (coverage: §1, the history of "
                                   "prediction targets).")


# ================================================================================== Tables 1–2: baselines with public sources
# item name → (table, row, column) of kdiff's transcription (papers/kdiff/tables.toml)
BASELINE_CELLS = {
    "Table 1 DiT-XL/2 FID": ("Table 1", "DiT-XL/2", "FID"), "Table 1 DiT-XL/2 IS": ("Table 1", "DiT-XL/2", "IS"),
    "Table 1 DiT-XL/2 Gflops": ("Table 1", "DiT-XL/2", "Gflops"), "Table 1 SiT-XL/2 FID": ("Table 1", "SiT-XL/2", "FID"),
    "Table 1 SiT-XL/2 IS": ("Table 1", "SiT-XL/2", "IS"), "Table 1 SiT-XL/2 Gflops": ("Table 1", "SiT-XL/2", "Gflops"),
    "Table 1 REPA (SiT-XL/2) FID": ("Table 1", "REPA (SiT-XL/2)", "FID"),
    "Table 1 LightningDiT-XL/1 FID": ("Table 1", "LightningDiT-XL/1", "FID"), "Table 1 ADM-G FID": ("Table 1", "ADM-G", "FID"),
    "Table 2 DiT-XL/2 FID": ("Table 2", "DiT-XL/2", "FID"), "Table 2 DiT-XL/2 IS": ("Table 2", "DiT-XL/2", "IS"),
    "Table 2 DiT-XL/2 Gflops": ("Table 2", "DiT-XL/2", "Gflops"), "Table 2 SiT-XL/2 FID": ("Table 2", "SiT-XL/2", "FID"),
    "Table 2 SiT-XL/2 IS": ("Table 2", "SiT-XL/2", "IS"), "Table 2 SiT-XL/2 Gflops": ("Table 2", "SiT-XL/2", "Gflops"),
    "Table 2 ADM-G FID": ("Table 2", "ADM-G", "FID"),
}
KDIFF_ROW = {"Table 1": "k-Diff (LightningDiT-XL/1)", "Table 2": "k-Diff (JiT-B/32)"}


def _baseline_item(name: str, ref: str) -> dict:
    """A printed baseline against the repository's number: holds iff they agree to half a unit of the printed last
    digit. A failing IS keeps its conclusion when k-Diff's IS (same table) ranks the same against either value."""
    label, row, col = BASELINE_CELLS[name]
    tables = load_tables("kdiff")
    cell = tables.table(label).cell(row, col)
    stated, code = cell.number, float(other_systems.load().value(ref))
    half = 0.5 * 10.0 ** -(cell.decimals or 0)
    extra = {"half_unit": half, "gap": abs(code - stated), "where": cell.where,
             "holds": abs(code - stated) <= half + 1e-12}
    if not extra["holds"] and col == "IS":
        kd = tables.table(label).cell(KDIFF_ROW[label], "IS")
        if not kd.damaged:
            same_rank = (kd.number > stated) == (kd.number > code)
            extra.update(correction_holds=same_rank,
                         correction=(f"{stated:g} is not in the repository's public files. k-Diff's IS {kd.number:g} "
                                     f"({KDIFF_ROW[label]}) ranks {'above' if kd.number > code else 'below'} either value"
                                     if same_rank else f"k-Diff's IS {kd.number:g} ranks differently against {code:g}"))
    return compare_item(name, stated, code, "derived", ref, **extra)


@claim("kdiff.external.quoted_baselines", paper="kdiff", where="Tables 1–2 (baselines with public repositories)",
       method="numeric", equations=("Table 1", "Table 2"),
       statement="Tables 1–2 quote the baselines as their public repositories report them: DiT-XL/2 (119 and 525 "
                 "Gflops, FID 2.27/3.04, IS 278.2/240.8), SiT-XL/2 (119 and 525 Gflops, FID 2.06/2.62, IS 277.5/252.2), "
                 "REPA (FID 1.42), LightningDiT-XL/1 (FID 1.35) and ADM-G (FID 4.59/7.72).",
       criteria=CRITERIA, decide=decide_setting)
def quoted_baselines(ctx):
    st = other_systems.load().statement("kdiff.external.quoted_baselines")
    return statement_evidence("kdiff.external.quoted_baselines", {it.name: _baseline_item(it.name, it.code) for it in st.items},
                              note="The other baselines of Tables 1–2 (DDT, RAE, RIN, SiD, VDM++, SiD2, PixelFlow, PixNerd, "
                                   "JiT) and the remaining columns print no such number in a stored public repository (coverage: "
                                   "Tables 1–2, quoted baselines).")


# ================================================================================== Table 1: the tokenizer decoders (+49M)
DECODER_HALF_UNIT = 0.5  # Table 1 prints the decoder in whole millions: a count within ±0.5 M rounds to it


def ldm_decoder_params(c: dict, embed_dim: int) -> int:
    """Parameters of the latent-diffusion VAE decoder described by the config ``c`` (ddconfig) plus its 1×1
    post_quant_conv, in closed form (the structure of fact ldit.vavae_decoder; the kl-f8 decoder is the same)."""
    def conv(i, o, k):
        return i * o * k * k + o

    def norm(ch):
        return 2 * ch

    def resnet(i, o):
        return norm(i) + conv(i, o, 3) + norm(o) + conv(o, o, 3) + (conv(i, o, 1) if i != o else 0)

    def attn(ch):
        return norm(ch) + 4 * conv(ch, ch, 1)

    ch, mult, nrb = c["ch"], list(c["ch_mult"]), c["num_res_blocks"]
    block = ch * mult[-1]
    res = c["resolution"] // 2 ** (len(mult) - 1)
    n = conv(c["z_channels"], block, 3) + 2 * resnet(block, block) + attn(block)
    for level in reversed(range(len(mult))):
        out = ch * mult[level]
        for _ in range(nrb + 1):
            n += resnet(block, out) + (attn(out) if res in c["attn_resolutions"] else 0)
            block = out
        if level:
            n += conv(block, block, 3)
            res *= 2
    return n + norm(block) + conv(block, c["out_ch"], 3) + conv(embed_dim, embed_dim, 1)


def _decoder_params_built(c: dict, embed_dim: int) -> int:
    """The same count from torch modules built on the meta device (the twin of ``ldm_decoder_params``)."""
    import torch
    from torch import nn

    def resnet(i, o):
        mods = [nn.GroupNorm(32, i), nn.Conv2d(i, o, 3), nn.GroupNorm(32, o), nn.Conv2d(o, o, 3)]
        return mods + ([nn.Conv2d(i, o, 1)] if i != o else [])

    def attn(ch):
        return [nn.GroupNorm(32, ch)] + [nn.Conv2d(ch, ch, 1) for _ in range(4)]

    with torch.device("meta"):
        ch, mult, nrb = c["ch"], list(c["ch_mult"]), c["num_res_blocks"]
        block = ch * mult[-1]
        res = c["resolution"] // 2 ** (len(mult) - 1)
        mods = [nn.Conv2d(c["z_channels"], block, 3)] + resnet(block, block) + attn(block) + resnet(block, block)
        for level in reversed(range(len(mult))):
            for _ in range(nrb + 1):
                mods += resnet(block, ch * mult[level]) + (attn(ch * mult[level]) if res in c["attn_resolutions"] else [])
                block = ch * mult[level]
            if level:
                mods.append(nn.Conv2d(block, block, 3))
                res *= 2
        mods += [nn.GroupNorm(32, block), nn.Conv2d(block, c["out_ch"], 3), nn.Conv2d(embed_dim, embed_dim, 1)]
        return sum(p.numel() for p in nn.ModuleList(mods).parameters())


@claim("kdiff.external.tokenizer_decoder_params", paper="kdiff", where="Table 1 (params: '675+49M' of the latent rows)",
       method="numeric", equations=("Table 1",),
       statement="Table 1 counts the tokenizer decoder of the latent models as 49 M (its caption: parameters include the "
                 "generator and the tokenizer decoder required at inference time): for LightningDiT-XL/1 and k-Diff "
                 "(LightningDiT-XL/1) that is VA-VAE f16d32's decoder, for DiT-XL/2, SiT-XL/2 and REPA the SD-VAE (kl-f8).",
       criteria="Per tokenizer: the decoder's parameters (with its post_quant_conv) counted from the public config and the "
                "decoder's structure in the code, in closed form; holds iff within ±0.5 M of the printed 49 M; a "
                "failing count is corrected (the conclusion that k-Diff and its backbone print the same total survives) — "
                "verified iff both hold; error iff the closed form and a torch build of the same structure differ.",
       decide=decide_setting)
def tokenizer_decoder_params(ctx):
    osys = other_systems.load()
    st = osys.statement("kdiff.external.tokenizer_decoder_params")
    items, twins = {}, {}
    for it in st.items:
        cfg = osys.value(it.code)
        n = ldm_decoder_params(cfg, cfg["embed_dim"])
        twins[it.code] = abs(n - _decoder_params_built(cfg, cfg["embed_dim"]))
        m = n / 1e6
        holds = abs(m - it.stated) <= DECODER_HALF_UNIT
        items[it.name] = compare_item(it.name, it.stated, round(m, 2), "derived", it.code, holds=holds,
                                      **({} if holds else {
                                          "correction_holds": True,
                                          "correction": f"the decoder has {m:.1f} M parameters: the rows read 675+{m:.0f}M; "
                                                        "k-Diff and its backbone LightningDiT-XL/1 still print the same total"}))
    cell = load_tables("kdiff").table("Table 1").cell("k-Diff (LightningDiT-XL/1)", "params")
    return statement_evidence("kdiff.external.tokenizer_decoder_params", items, twins_agree=max(twins.values()) == 0,
                              twins=f"closed form vs torch build: {twins}", kdiff_cell=cell.cite(),
                              note="49 M is the SD-VAE decoder's size; VA-VAE's decoder has fewer channels on its "
                                   "low-resolution levels (ch_mult 1, 1, 2, 2, 4) and attention at 16×16.")
