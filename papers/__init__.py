"""The three built-in papers, each registered like any plug-in (``pyproject.toml``'s ``difftheory.papers`` entry
points): ``difftheory.papers.<name>.PAPER``. Each subpackage's folder holds that paper's data files."""
