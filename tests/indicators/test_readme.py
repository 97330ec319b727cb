"""The indicator reference page documents every indicator, generated from the registry."""

from __future__ import annotations

import subprocess
import sys

from readiness import config
from readiness.indicators import load_registry, registry_markdown


def _block() -> str:
    text = (config.project_root() / "docs" / "indicators.md").read_text(encoding="utf-8")
    start = text.index("<!-- generated:indicators-table -->")
    return text[start : text.index("<!-- /generated:indicators-table -->", start)]


def test_docs_table_is_the_generated_one() -> None:
    assert registry_markdown("en") in _block()


def test_every_indicator_is_documented_once() -> None:
    block = _block()
    for spec in load_registry():
        assert block.count(f"| `{spec.id}` |") == 1
        assert spec.formula("en").split()[0] in block


def test_update_script_reports_fresh_docs() -> None:
    script = config.project_root() / "scripts" / "update_readme.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_indonesian_table() -> None:
    text = registry_markdown("id")
    assert "| `tps_per_village` | TPS per desa/kelurahan |" in text
    assert "lebih tinggi lebih baik" in text
