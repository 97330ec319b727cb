"""The layer order, pinned from the import graph: a layer imports only the layers above it.

Every module under ``src/readiness`` is parsed with :mod:`ast` (imports inside functions and
under ``TYPE_CHECKING`` count too: a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "readiness"

LAYERS = (
    "regions",
    "contract",
    "ingest",
    "validation",
    "indicators",
    "batch",
    "compare",
    "pipeline",
    "present",
    "render",
    "cli",
)
"""Top to bottom: data flows this way, and each layer may import only those before it."""

SIDE_BRANCHES = {"synthetic": frozenset({"regions", "contract", "ingest"})}
"""``synthetic`` stands in for the regencies that send data: it builds records on the region
reference, in the contract's shapes, and writes them with ingest's templates, so it sits below
ingest; but it is not a step of the pipeline, so no layer imports it except the command line
(and benchmarks and tests, which are outside the package)."""

SHARED = frozenset({"config", "__version__"})
"""Paths and the package version, for every layer; ``config`` itself imports no layer."""


def allowed_imports(layer: str) -> frozenset[str]:
    """The parts of the package that ``layer`` may import (itself and ``config`` included)."""
    if layer in SIDE_BRANCHES:
        return SIDE_BRANCHES[layer] | SHARED | {layer}
    if layer in SHARED:
        return frozenset({layer})
    above = LAYERS[: LAYERS.index(layer) + 1]
    if layer == "cli":
        return frozenset(above) | SHARED | frozenset(SIDE_BRANCHES)
    return frozenset(above) | SHARED


def _layer_of(module: Path, package: Path) -> str | None:
    """The layer a source file belongs to (``None`` for the package's own ``__init__``)."""
    parts = module.relative_to(package).with_suffix("").parts
    return None if parts == ("__init__",) else parts[0]


def _imported_parts(tree: ast.AST) -> set[tuple[str, int]]:
    """Every ``readiness.<part>`` a module imports, with the line of the import."""
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = node.module.split(".")
            if names[0] != "readiness":
                continue
            if len(names) > 1:
                found.add((names[1], node.lineno))
            else:  # from readiness import config, regions
                found.update((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names = alias.name.split(".")
                if names[0] == "readiness" and len(names) > 1:
                    found.add((names[1], node.lineno))
    return found


def upward_imports(module: Path, package: Path = PACKAGE) -> list[str]:
    """The imports in ``module`` that break the layer order, as ``file:line layer imports part``."""
    layer = _layer_of(module, package)
    if layer is None:
        return []
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    allowed = allowed_imports(layer)
    return [
        f"{module.relative_to(package)}:{line} {layer} imports {part}"
        for part, line in sorted(_imported_parts(tree))
        if part not in allowed
    ]


def test_every_package_part_has_a_place() -> None:
    parts = {
        path.stem if path.is_file() else path.name
        for path in PACKAGE.iterdir()
        if (path.is_dir() and (path / "__init__.py").exists()) or path.suffix == ".py"
    }
    placed = set(LAYERS) | set(SIDE_BRANCHES) | SHARED | {"__init__"}
    assert parts <= placed, f"not placed in the layer order: {sorted(parts - placed)}"


def test_no_layer_imports_a_layer_below_it() -> None:
    broken = [hit for module in sorted(PACKAGE.rglob("*.py")) for hit in upward_imports(module)]
    assert broken == [], "imports against the layer order:\n" + "\n".join(broken)


@pytest.mark.parametrize(
    ("source", "layer", "expected"),
    [
        ("from readiness.present import MISSING\n", "contract", ["contract imports present"]),
        ("import readiness.cli._common\n", "regions", ["regions imports cli"]),
        ("from readiness import validation\n", "ingest", ["ingest imports validation"]),
        ("from readiness.synthetic import generate\n", "compare", ["compare imports synthetic"]),
        ("def f():\n    from readiness.render import x\n", "present", ["present imports render"]),
        ("from readiness.contract import TABLES\nfrom readiness import config\n", "ingest", []),
        ("from readiness.synthetic import generate\n", "cli", []),
        ("from readiness import load_dataset\n", "regions", ["regions imports load_dataset"]),
        ("from readiness import __version__\n", "validation", []),
    ],
)
def test_the_check_sees_upward_imports(
    tmp_path: Path, source: str, layer: str, expected: list[str]
) -> None:
    (tmp_path / layer).mkdir()
    module = tmp_path / layer / "_probe.py"
    module.write_text(source, encoding="utf-8")
    found = [hit.split(" ", 1)[1] for hit in upward_imports(module, tmp_path)]
    assert found == expected
