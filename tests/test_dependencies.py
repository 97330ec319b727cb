"""Every third-party package the code imports is declared in ``pyproject.toml``.

Imports are read with :mod:`ast` (inside functions too); the package code may use only the
runtime dependencies, tests, scripts and benchmarks also the ``dev`` extra.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them: ``PyYAML`` and ``pyyaml`` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _normalise(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0])


@cache
def declared() -> dict[str, frozenset[str]]:
    """Declared distributions: ``runtime`` and ``dev`` (which includes runtime)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = frozenset(_requirement_name(r) for r in project["dependencies"])
    dev = frozenset(_requirement_name(r) for r in project["optional-dependencies"]["dev"])
    return {"runtime": runtime, "dev": runtime | dev}


def top_level_imports(source: str) -> set[str]:
    """The top-level module names ``source`` imports (absolute imports only).

    >>> sorted(top_level_imports("import a.b\\nfrom c import d\\nfrom . import e\\n"))
    ['a', 'c']
    """
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def undeclared(folder: Path, allowed: frozenset[str]) -> list[str]:
    """``file: module`` for each third-party import in ``folder`` that no declared
    distribution provides."""
    providers = packages_distributions()
    missing = []
    for path in sorted(folder.rglob("*.py")):
        for name in sorted(top_level_imports(path.read_text(encoding="utf-8"))):
            if name in sys.stdlib_module_names or name in {"readiness", "__future__"}:
                continue
            if name in {"conftest"} or (folder / f"{name}.py").exists():
                continue  # a module of the folder itself
            distributions = {_normalise(d) for d in providers.get(name, [])}
            if not distributions & allowed:
                missing.append(f"{path.relative_to(folder)}: {name}")
    return missing


def test_the_package_imports_only_its_runtime_dependencies() -> None:
    assert undeclared(ROOT / "src" / "readiness", declared()["runtime"]) == []


@pytest.mark.parametrize("folder", ["tests", "scripts", "benchmarks"])
def test_tests_scripts_and_benchmarks_import_only_declared_packages(folder: str) -> None:
    assert undeclared(ROOT / folder, declared()["dev"]) == []


def test_the_check_sees_an_undeclared_import(tmp_path: Path) -> None:
    (tmp_path / "probe.py").write_text("import yaml\nimport hypothesis\n", encoding="utf-8")
    found = undeclared(tmp_path, declared()["runtime"])
    assert [hit.split(": ")[1] for hit in found] == ["hypothesis"]
