"""notebooks/kdiff.ipynb runs top to bottom at quick scale."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "kdiff.ipynb"


def test_kdiff_notebook_executes(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "all printed lines match: True" in outputs
    assert "error" not in [line.split()[0] for line in outputs.splitlines() if line.strip() and line.split()[0] in
                           ("verified", "corrected", "refuted", "open", "error")]
