"""``readiness report`` exits as ``readiness validate`` would: documents written, rows rejected.

The exit code comes from the run the documents were rendered from (in the kernel that rendered
them); the command does not load or validate the dataset again after rendering."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

import readiness.pipeline._run
import readiness.render
import readiness.validation
from readiness.cli import _report, main
from readiness.ingest import load_dataset
from readiness.render import RenderResult
from readiness.validation import validate

FIXTURE = Path(__file__).parent / "fixture"


def _dataset(tmp_path: Path, *, bad: bool) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for source in FIXTURE.glob("*.csv"):
        text = source.read_text(encoding="utf-8")
        if bad and source.name == "summary.csv":
            text = text.replace(",475,3,,1588,", ",banyak,3,,1588,")
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder


def _run(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> int:
    """The command with a stand-in engine that says what the documents' run found."""
    written = tmp_path / "out" / "provinsi-64.html"
    counts = validate(load_dataset(path)).counts

    def render(*_: Any, **__: Any) -> RenderResult:
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text("<html></html>", encoding="utf-8")
        return RenderResult("builtin", (written,), 0.1, findings_count=dict(counts))

    _refuse_validation(monkeypatch)

    monkeypatch.setattr(readiness.render, "render_report", render)
    parser = argparse.ArgumentParser(prog="readiness")
    _report.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["report", str(path), "--format", "html", "-o", str(written.parent)])
    code: int = args.handler(args)
    assert written.exists()  # the documents are written either way
    return code


def test_report_exits_1_like_validate_when_rows_are_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(_dataset(tmp_path, bad=True), monkeypatch, tmp_path) == 1
    assert "1 kesalahan validasi" in capsys.readouterr().err


def test_report_exits_0_on_a_dataset_without_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(_dataset(tmp_path, bad=False), monkeypatch, tmp_path) == 0


def _refuse_validation(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make validating or running the pipeline in this process fail the test."""
    calls: list[str] = []

    def refused(*_: Any, **__: Any) -> Any:
        calls.append("validate")
        raise AssertionError("readiness report validated in its own process")

    monkeypatch.setattr(readiness.validation, "validate", refused)
    monkeypatch.setattr(readiness.pipeline._run, "validate", refused)
    return calls


def _boundaries_under_kode_kab(folder: Path) -> Path:
    """The packaged boundaries of Kalimantan Timur with each code, undotted, under
    ``kode_kab`` instead of ``code`` (as a provincial office's GIS file may have them)."""
    from readiness.regions import province_boundaries

    collection = province_boundaries("64")
    for feature in collection["features"]:
        feature["properties"] = {"kode_kab": feature["properties"]["code"].replace(".", "")}
    path = folder / "kab.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


@pytest.mark.slow
def test_report_takes_the_exit_code_from_the_run_it_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rendered for real: the kernel's run (one validation there) gives the exit code; the
    command itself validates nothing, before or after. The briefing's map is drawn from a
    user's GeoJSON whose codes sit under ``--geojson-property``."""
    data = _dataset(tmp_path, bad=True)
    geojson = _boundaries_under_kode_kab(tmp_path)
    calls = _refuse_validation(monkeypatch)
    out = tmp_path / "real"
    args = ["report", str(data), "--region", "64", "--format", "html", "--engine", "builtin"]
    boundaries = ["--geojson", str(geojson), "--geojson-property", "kode_kab"]
    assert main([*args, *boundaries, "-o", str(out)]) == 1
    assert "1 kesalahan validasi" in capsys.readouterr().err
    assert calls == []
    assert [path.name for path in out.iterdir()] == ["provinsi-64.html"]
    html = (out / "provinsi-64.html").read_text(encoding="utf-8")
    assert "kab.geojson" in html  # the map names the user's file as its source
    assert "Kutai Kartanegara" in html
