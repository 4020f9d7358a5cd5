"""difftheory: a referee's toolkit for three diffusion-model papers (kdiff, erd, mse).

Subpackages (each a top-level folder of the repository):
  difftheory.theory         SymPy derivations and their NumPy/PyTorch numeric twins
  difftheory.linear_model   linear-denoiser simulators (kdiff §3)
  difftheory.toy            MLP denoisers on manifolds and 2D GMMs, NTK tools
  difftheory.gpu_validation the k-Diff image pipeline
  difftheory.figures        one regenerating function per paper figure
Core: ``ledger`` (claims registry and runner), ``report`` (claims.json / report.md / report.html),
``validate`` (argument checks shared by the API and the CLI), ``cli`` (the ``difftheory`` command).
"""

__version__ = "0.1.0"
