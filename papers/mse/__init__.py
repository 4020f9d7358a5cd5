"""mse: "Flows beat diffusions on image synthesis — and there are good reasons why"."""

from difftheory.paper import Paper

PAPER = Paper(
    name="mse",
    title="Flows beat diffusions on image synthesis — and there are good reasons why",
    claims=("difftheory.theory.claims_other_systems", "difftheory.theory.claims_mse_tables", "difftheory.theory.claims_mse", "difftheory.theory.claims_mse_sde", "difftheory.toy.claims_mse_toy"),
    data=__name__,
    figures=("difftheory.figures.mse_diffusion_sizes", "difftheory.figures.mse_toy_generators", "difftheory.figures.mse_table1_exact"),
    decision_examples="tests/decision_examples",
    coverage_complete=True,
    commands=(("diffusion-size", "difftheory.papers.mse.commands.diffusion_size",
                "ML- and MSE-diffusion sizes of a schedule and parameterization (§6)"),),
    order=2,
)
