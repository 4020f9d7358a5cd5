"""kdiff: Jin & Wang, "Revisiting Diffusion Model Predictions Through Dimensionality" (arXiv 2601.21419)."""

from difftheory.paper import Paper

PAPER = Paper(
    name="kdiff",
    title="Revisiting Diffusion Model Predictions Through Dimensionality (Jin & Wang, arXiv 2601.21419)",
    claims=("difftheory.theory.claims_other_systems", "difftheory.gpu_validation.claims_cited_code", "difftheory.theory.claims_kdiff_tables", "difftheory.theory.claims_kdiff_theory", "difftheory.theory.claims_kdiff_external", "difftheory.linear_model.claims_linear",
            "difftheory.toy.claims_kdiff_toy", "difftheory.gpu_validation.claims_gpu"),
    data=__name__,
    figures=("difftheory.figures.kdiff_theory", "difftheory.figures.kdiff_sim_linear", "difftheory.figures.kdiff_sim_mlp",
             "difftheory.figures.kdiff_gpu_sweep"),
    decision_examples="tests/decision_examples",
    coverage_complete=True,
    commands=(("kstar", "difftheory.papers.kdiff.commands.kstar",
                "optimal k of the linear model for a (D, d, sampler, loss, clamp)"),
              ("linear", "difftheory.papers.kdiff.commands.linear",
               "train the linear denoiser (exact or SGD) and compare with theory"),
              ("gpu-validate", "difftheory.papers.kdiff.commands.gpu_validate",
               "train / sample / evaluate the k-Diff image pipeline")),
    order=0,
)
