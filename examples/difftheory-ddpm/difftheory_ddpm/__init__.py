"""ddpm: Ho, Jain & Abbeel, "Denoising Diffusion Probabilistic Models" (NeurIPS 2020) — an example difftheory
plug-in that checks three closed forms of the forward process. Everything the toolkit needs is in this package:
the registration (``PAPER``), the claims (``claims.py``), a figure (``figures.py``) and the data files
(``coverage.toml``, ``assumptions.toml``) in this folder."""

from difftheory.paper import Paper

PAPER = Paper(
    name="ddpm",
    title="Denoising Diffusion Probabilistic Models (Ho, Jain & Abbeel, NeurIPS 2020)",
    claims=("difftheory_ddpm.claims",),
    data=__name__,
    figures=("difftheory_ddpm.figures",),
    decision_examples="tests/decision_examples",
    coverage_complete=False,  # only §2–§3's forward process is mapped: the rest of the paper is left 'missing'
)
