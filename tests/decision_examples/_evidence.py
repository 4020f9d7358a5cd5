"""Helpers shared by the synthetic-evidence files (loaded with this folder on sys.path)."""

import copy


def with_field(base: dict, path: str, value):
    """A deep copy of ``base`` with the field at ``|``-separated ``path`` set to ``value``."""
    out = copy.deepcopy(base)
    keys = path.split("|")
    d = out
    for k in keys[:-1]:
        d = d[k]
    d[keys[-1]] = value
    return out
