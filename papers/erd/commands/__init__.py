"""The paper's own `difftheory` subcommands (registered in its Paper, run by difftheory.cli)."""
