"""Synthetic evidence for the decision of gpu_validation/claims_cited_code.py (only the fields it reads)."""

_R = lambda status, **kw: {"config": "jit-b16", "setting": "lr", "ours": 2e-4, "code": 2e-4, "table4": 2e-4,  # noqa: E731
                           "source": "LTH14/JiT:main_jit.py@cbc743a L174–187", "status": status, **kw}

EXAMPLES = {
    "kdiff.beyond.gpu_configs_vs_cited_code": {
        "verified": [{"rows": [_R("matches the code")]},
                     {"rows": [_R("matches the code"), _R("follows kdiff Table 4", ours=[0.9996], code=[0.9999],
                                                          table4=[0.9996])]}],
        "refuted": {"rows": [_R("matches the code"), _R("own deviation", ours=0.1, code=0.9999, table4=None)]},
    },
}
