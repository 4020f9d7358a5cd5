"""The mse notebook runs end to end (quick scale)."""

from pathlib import Path

import pytest

NB = Path(__file__).resolve().parents[1] / "notebooks" / "mse.ipynb"


def test_mse_notebook_executes(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NB, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                      if o.get("name") != "stderr")
    assert "coherence residual" in outputs
    verdict_lines = [ln for ln in outputs.splitlines() if ln.split(" ")[-1].startswith("mse.")]
    assert len(verdict_lines) >= 20 and not any(ln.startswith("error") for ln in verdict_lines)
