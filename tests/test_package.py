"""The package as a whole: public API, light import, generated docs, no machine paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import readiness

ROOT = Path(__file__).resolve().parents[1]


def test_public_api_is_pinned() -> None:
    assert sorted(readiness.__all__) == [
        "CONTRACT_VERSION",
        "Dataset",
        "__version__",
        "build_dataset",
        "compare_regencies",
        "compute_indicators",
        "config",
        "contract",
        "load_dataset",
        "regions",
        "render_report",
        "validate",
        "write_template",
    ]
    for name in readiness.__all__:
        assert getattr(readiness, name) is not None


def test_importing_the_package_stays_light() -> None:
    code = (
        "import sys, readiness; "
        "heavy = [m for m in ('altair', 'nbclient', 'pandas', 'great_tables', 'typst', "
        "'vl_convert', 'jupytext', 'xlsxwriter') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_readme_generated_sections_are_fresh() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_package_ships_its_type_marker_and_reference() -> None:
    package = Path(readiness.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "regions" / "data" / "wilayah.parquet").exists()
