"""``readiness template``: exit codes, outputs and messages."""

from __future__ import annotations

import argparse
from pathlib import Path

import fastexcel
import pytest

from readiness.cli import _template


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="readiness")
    _template.register(parser.add_subparsers())
    args = parser.parse_args(["template", *argv])
    code: int = args.handler(args)
    return code


def test_regency_code_writes_one_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "berau.xlsx"
    assert run("64.03", "-o", str(target)) == 0
    assert fastexcel.read_excel(target).sheet_names[0] == "Petunjuk"
    out = capsys.readouterr().out
    assert "Kabupaten Berau (64.03)" in out
    assert "13 kecamatan, 110 desa/kelurahan" in out


def test_regency_name_into_a_folder(tmp_path: Path) -> None:
    assert run("Kutim", "-o", str(tmp_path), "--lang", "en") == 0
    written = tmp_path / "64.08-kutai-timur.xlsx"
    assert fastexcel.read_excel(written).sheet_names[0] == "Instructions"


def test_province_code_writes_one_per_regency(tmp_path: Path) -> None:
    assert run("64", "-o", str(tmp_path / "kaltim")) == 0
    assert len(list((tmp_path / "kaltim").glob("*.xlsx"))) == 10


def test_unknown_code_suggests_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("64.99", "-o", str(tmp_path / "x.xlsx")) == 2
    error = capsys.readouterr().err
    assert "64.99" in error
    assert "64.03 Kabupaten Berau" in error
    assert list(tmp_path.iterdir()) == []


def test_misspelt_name_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("Beruu", "--lang", "en") == 2
    assert "did you mean Kabupaten Berau (64.03)" in capsys.readouterr().err


def test_kecamatan_code_points_to_its_regency(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("64.03.09") == 2
    assert "64.03 (Kabupaten Berau)" in capsys.readouterr().err


def test_wrong_output_paths_exit_2(tmp_path: Path) -> None:
    assert run("64.03", "-o", str(tmp_path / "berau.csv")) == 2
    existing = tmp_path / "file.xlsx"
    existing.write_bytes(b"")
    assert run("64", "-o", str(existing)) == 2


def test_output_without_suffix_is_a_folder(tmp_path: Path) -> None:
    assert run("Mahulu", "-o", str(tmp_path / "templat")) == 0
    assert (tmp_path / "templat" / "64.11-mahakam-ulu.xlsx").is_file()


def test_unwritable_target_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    assert run("64.03", "-o", str(blocker / "berau.xlsx")) == 2
    assert "tidak dapat ditulis" in capsys.readouterr().err
