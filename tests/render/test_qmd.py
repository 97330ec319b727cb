"""The report sources: parameters as Quarto expects them, and only library calls."""

from __future__ import annotations

import ast

import pytest

from readiness import config
from readiness.render import read_qmd
from readiness.render._qmd import parameters_source

DOCUMENTS = ["provinsi.qmd", "kabupaten.qmd"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_parameters_cell_is_tagged_hidden_and_complete(name: str) -> None:
    document = read_qmd(config.reports_dir() / name)
    index = document.parameters_index
    assert index is not None
    cell = document.cells[index]
    assert cell.options["include"] is False
    names = {target.id for node in ast.parse(cell.source).body
             for target in getattr(node, "targets", []) if isinstance(target, ast.Name)}  # fmt: skip
    assert {"dataset", "region", "as_of", "lang"} <= names
    assert names - {"dataset", "region", "as_of", "lang"} <= {"geojson", "geojson_property"}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_documents_only_call_the_library(name: str) -> None:
    """No metric logic in a report: code cells import the package and call it, nothing else
    (no arithmetic, no loops, no polars)."""
    document = read_qmd(config.reports_dir() / name)
    for cell in document.cells:
        if cell.kind != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(node, ast.BinOp | ast.For | ast.ListComp | ast.Lambda), (
                f"{name}: computation in a report cell:\n{cell.source}"
            )
            if isinstance(node, ast.ImportFrom):
                assert node.module == "readiness"


def test_region_codes_are_injected_as_strings() -> None:
    source = parameters_source({"region": "64.10", "as_of": "", "lang": "id"})
    namespace: dict[str, object] = {}
    exec(source, namespace)
    assert namespace["region"] == "64.10"
