"""Start-up of the command line: help loads only the command line itself, and a command loads
only the layers it uses. Checked on the modules a fresh interpreter imported, never on time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "polars", "pandas", "pandera", "altair", "pyarrow", "numpy", "xlsxwriter", "fastexcel",
    "openpyxl",
)  # fmt: skip
"""Packages that take a large share of start-up and that help never needs."""

COMMANDS = ("template", "validate", "build", "indicators", "compare", "report", "synthetic")


def _imported_after(argv: list[str]) -> set[str]:
    """The modules a fresh interpreter holds after ``readiness ARGV`` returned or exited."""
    code = (
        "import json, sys\n"
        "from readiness.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('\\n' + json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return set(modules)


def _heavy(modules: set[str]) -> list[str]:
    return sorted({name.split(".")[0] for name in modules} & set(HEAVY))


def test_help_imports_no_data_library_and_no_command_layer() -> None:
    modules = _imported_after(["--help"])
    assert _heavy(modules) == []
    layers = {".".join(m.split(".")[:2]) for m in modules if m.startswith("readiness.")}
    assert layers <= {
        "readiness.cli",
        "readiness.config",
        "readiness.contract",
        "readiness.regions",  # the code pattern only: the reference is not read
    }
    assert "readiness.regions._reference" not in modules


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_imports_no_data_library(command: str) -> None:
    modules = _imported_after([command, "--help"])
    assert _heavy(modules) == []


def test_indicators_on_clean_data_do_not_import_pandera(tmp_path: Path) -> None:
    """pandera is loaded only when some row could fail a schema check; a synthetic province
    has none, so computing its indicators never imports it (nor pandas through it)."""
    from readiness import synthetic

    folder = synthetic.write_national(tmp_path / "kaltara", provinces=["65"])
    modules = _imported_after(["indicators", str(folder)])
    assert "readiness.indicators" in modules
    assert "pandera" not in modules
    assert "pandas" not in modules
