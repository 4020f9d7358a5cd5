"""CLI adapters, one module per ``difftheory`` subcommand. Each defines ``add_arguments(parser)`` and
``run(args) -> int``; only the chosen one is imported, so light commands start fast."""
