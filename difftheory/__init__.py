"""difftheory: a referee's toolkit for diffusion-model papers; each paper is a plug-in (``difftheory.paper``).

Subpackages (each a top-level folder of the repository):
  difftheory.theory         SymPy derivations and their NumPy/PyTorch numeric twins
  difftheory.linear_model   linear-denoiser simulators
  difftheory.toy            MLP denoisers on manifolds and 2D GMMs, NTK tools
  difftheory.gpu_validation the k-Diff image pipeline
  difftheory.figures        one regenerating function per paper figure
  difftheory.papers         the built-in papers' registrations, data files and commands
Core: ``ledger`` (claims registry), ``runner`` (runs claims, renders their figures), ``report`` (claims.json /
report.md / report.html), ``io`` (atomic writes, JSON output: NaN/±inf → null), ``training`` (divergence guard, LR
schedules, Adam), ``validate`` (argument checks shared by the API and the CLI), ``cli`` (the ``difftheory``
command). Layering (tests/test_import_graph.py): the role folders never import ``figures`` or ``commands``;
``toy`` and ``linear_model`` never import each other; ``theory`` imports none of them.
"""

__version__ = "0.1.0"
