"""``readiness report`` refuses bad usage with exit code 2 and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.cli import main

FIXTURE = Path(__file__).parents[1] / "reports" / "fixture"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["report", "tidak/ada"], "not found"),
        (["report", str(FIXTURE), "--format", "odt"], "expected html, pdf or docx"),
        (["report", str(FIXTURE), "--region", "Berau"], "Hint: --region 64.03"),
        (["report", str(FIXTURE), "--region", "63.01"], "neither the province"),
        (["report", str(FIXTURE), "--as-of", "25/11/2024"], "Hint: 2024-11-25"),
        (["report", str(FIXTURE), "--geojson", "tidak.geojson"], "GeoJSON"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main([*args, "-o", str(tmp_path)]) == 2
    assert expected in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
