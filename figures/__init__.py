"""One regenerating function per paper figure, registered with ``@figure`` in ``figures.registry``.
Nothing in the toolkit imports from here except the ``difftheory figures`` command and the verify runner
(which renders the figures a claim names by id); the role folders never do."""
