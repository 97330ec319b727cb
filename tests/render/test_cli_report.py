"""``readiness report`` refuses bad usage with exit code 2 and a hint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readiness.cli import main

FIXTURE = Path(__file__).parents[1] / "reports" / "fixture"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["report", "tidak/ada"], "tidak ditemukan"),
        (["report", "tidak/ada", "--lang", "en"], "not found"),
        (["report", str(FIXTURE), "--format", "odt"], "expected html, pdf or docx"),
        (["report", str(FIXTURE), "--region", "Berau"], "Petunjuk: --region 64.03"),
        (["report", str(FIXTURE), "--region", "63.01"], "neither the province"),
        (["report", str(FIXTURE), "--as-of", "25/11/2024"], "Petunjuk: 2024-11-25"),
        (["report", str(FIXTURE), "--geojson", "tidak.geojson"], "GeoJSON"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main([*args, "-o", str(tmp_path)]) == 2
    assert expected in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_geojson_numbered_by_bps_is_refused_before_rendering(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from readiness.regions import province_boundaries

    collection = province_boundaries("64")
    bps = {"64.02": "6403", "64.03": "6405", "64.07": "6402", "64.08": "6404"}
    for feature in collection["features"]:
        code = feature["properties"]["code"]
        feature["properties"]["code"] = bps.get(code, code.replace(".", ""))
    path = tmp_path / "bps.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(FIXTURE), "--geojson", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "64.05" in err
    assert "64.04" in err
    assert "BPS" in err
    assert not out.exists() or list(out.iterdir()) == []


def test_a_geojson_with_its_codes_under_another_property_needs_geojson_property(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Refused before rendering without ``--geojson-property``; the same file rendered with
    it is checked in ``tests/reports/test_report_exit.py`` (one rendering for both)."""
    from readiness.regions import province_boundaries

    collection = province_boundaries("64")
    for feature in collection["features"]:
        feature["properties"] = {"kode_kab": feature["properties"]["code"].replace(".", "")}
    path = tmp_path / "kab.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    refused = tmp_path / "refused"
    assert main(["report", str(FIXTURE), "--geojson", str(path), "-o", str(refused)]) == 2
    assert "code" in capsys.readouterr().err
    assert not refused.exists() or list(refused.iterdir()) == []
