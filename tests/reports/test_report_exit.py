"""``readiness report`` exits as ``readiness validate`` would: documents written, rows rejected."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

import readiness.render
from readiness.cli import _report
from readiness.render import RenderResult

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
    written = tmp_path / "out" / "provinsi-64.html"

    def render(*_: Any, **__: Any) -> RenderResult:
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text("<html></html>", encoding="utf-8")
        return RenderResult("builtin", (written,), 0.1)

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
