"""The package as a whole: public API, light import, generated docs, no machine paths."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
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


def test_generated_docs_are_fresh() -> None:
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


def test_readme_is_a_short_front_page_whose_links_resolve() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 12 * 1024
    for heading in ("## Two commands", "## Command line", "## In a notebook", "## Layout"):
        assert heading in text
    assert ".venv/bin/readiness" in text
    links = re.findall(r"\]\(([^)#]+)\)", text)
    assert "docs/contract.md" in links
    for page in ROOT.joinpath("docs").glob("*.md"):
        assert f"docs/{page.name}" in links, f"{page.name} is not linked from the README"
    for link in links:
        assert (ROOT / link).exists(), link


def test_version_has_one_home() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/readiness/__init__.py"
    sources = [p for p in (ROOT / "src").rglob("*.py") if readiness.__version__ in p.read_text()]
    assert sources == [ROOT / "src/readiness/__init__.py"]
