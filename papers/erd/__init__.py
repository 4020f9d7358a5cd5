"""erd: "Elucidated Representation Diffusion" / representation degradation."""

from difftheory.paper import Paper

PAPER = Paper(
    name="erd",
    title="Elucidated Representation Diffusion (representation degradation)",
    claims=("difftheory.theory.claims_other_systems", "difftheory.theory.claims_erd_tables", "difftheory.theory.claims_erd", "difftheory.theory.claims_erd_external", "difftheory.toy.claims_erd_appf", "difftheory.toy.claims_erd_dynamics",
            "difftheory.toy.claims_erd_fig7", "difftheory.toy.claims_erd_ntk", "difftheory.toy.claims_erd_toy",
            "difftheory.toy.claims_erd_weighting"),
    data=__name__,
    figures=("difftheory.figures.erd_toy", "difftheory.figures.erd_dynamics"),
    decision_examples="tests/decision_examples",
    coverage_complete=True,
    commands=(("bayes-floor", "difftheory.papers.erd.commands.bayes_floor",
                "exact Bayes floor of App. F's 2D GMM for a target, schedule and t"),),
    order=1,
)
