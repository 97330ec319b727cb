"""The quickstart notebook runs from top to bottom and shows a dataset summary and charts."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from readiness import config
from readiness.ingest import Dataset
from readiness.render import check_kernel

pytestmark = pytest.mark.slow


def test_quickstart_notebook_executes_and_displays() -> None:
    path = config.project_root() / "notebooks" / "quickstart.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, kernel_name=check_kernel(), timeout=180,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()  # fmt: skip
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert "Dataset kaltim-2024" in code[0].outputs[0]["data"]["text/html"]
    charts = [
        output for cell in code[-2:] for output in cell.outputs
        if "image/svg+xml" in output.get("data", {})
    ]  # fmt: skip
    assert len(charts) == 2
    assert all("Berau" in chart["data"]["image/svg+xml"] for chart in charts)


def test_dataset_shows_a_summary_in_jupyter() -> None:
    html = Dataset(name="contoh")._repr_html_()
    assert "Dataset contoh" in html
    assert "<table" in html
