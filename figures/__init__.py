"""One regenerating function per paper figure, registered with ``@figure`` in ``figures.registry``.
Nothing in the toolkit imports from here except the ``difftheory figures`` command and claims that
attach figures."""
