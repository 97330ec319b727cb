"""The issue's acceptance: a regency workbook with four mistakes gives exactly four findings,
each at the right sheet, row and column, and the command exits 1."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from readiness.contract import TABLES
from readiness.ingest import load_dataset
from readiness.validation import validate

HEADER = [TABLES["polling_stations"].column(c).label("id") for c in
          ("region_code", "region_name", "tps_number", "tps", "voters", "as_of", "source")]  # fmt: skip


def rows_with_four_mistakes() -> list[list[object]]:
    return [
        HEADER,
        ["64.03.01", "Kelay", None, 20, 5_000, "25/11/2024", "KPU Berau"],
        [None, "Sambaling", None, 31, 9_000, "25/11/2024", "KPU Berau"],  # misspelt kecamatan
        ["64.03.04", "Segah", None, -2, 7_000, "25/11/2024", "KPU Berau"],  # negative TPS
        ["64.03.05", "Tanjung Redeb", None, "banyak", 60_000, "25/11/2024", "KPU Berau"],  # text
        ["64.03.06", "Gunung Tabur", None, 40, 15_000, "25/11/2024", "KPU Berau"],
        ["64.03.06", "Gunung Tabur", None, 40, 15_000, "25/11/2024", "KPU Berau"],  # repeated
        ["64.03.09", "Teluk Bayur", None, 45, 17_000, "25/11/2024", "KPU Berau"],
    ]


@pytest.fixture
def submission(tmp_path: Path, workbook: Callable[..., Path]) -> Path:
    folder = tmp_path / "berau"
    folder.mkdir()
    workbook(folder / "64.03-berau.xlsx", {"TPS": rows_with_four_mistakes()})
    return folder


def test_each_mistake_gives_exactly_one_finding(submission: Path) -> None:
    findings = list(validate(load_dataset(submission)).findings)
    got = [(f.file, f.sheet, f.row, f.severity) for f in findings]
    assert got == [
        ("64.03-berau.xlsx", "TPS", 3, "error"),
        ("64.03-berau.xlsx", "TPS", 4, "error"),
        ("64.03-berau.xlsx", "TPS", 5, "error"),
        ("64.03-berau.xlsx", "TPS", 7, "error"),
    ]
    misspelt, negative, text, repeated = findings
    assert misspelt.value == "Sambaling"
    assert "Sambaliung" in misspelt.hint_id
    suggested = re.findall(r"\((\d[\d.]+)\)", misspelt.hint_en)
    assert suggested, misspelt.hint_en
    assert all(code.startswith("64.03.") for code in suggested)  # the file names its regency
    assert (negative.rule, negative.column, negative.value) == ("schema.range", "Jumlah TPS", "-2")
    assert (text.column, text.value) == ("Jumlah TPS", "banyak")
    assert repeated.rule == "duplicate.row"
    assert "baris 6" in repeated.message_id
    assert (repeated.column, repeated.value) == (
        "Kode wilayah, Per tanggal",
        "64.03.06, 25/11/2024",
    )
    for finding in findings:  # one style: full sentences, every place named, with a hint
        for text in (finding.message_id, finding.message_en, finding.hint_id, finding.hint_en):
            assert text[0].isupper(), text
            assert text.endswith("."), text
        assert finding.column
        assert finding.value


def test_cli_reports_them_and_exits_1(
    submission: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    code, out, _ = cli("validate", str(submission), "--format", "json", "--lang", "en")
    assert code == 1
    report = json.loads(out)
    assert report["errors"] == 4
    assert [(f["sheet"], f["row"], f["column"]) for f in report["findings"]] == [
        ("TPS", 3, "Region name"),
        ("TPS", 4, "TPS"),
        ("TPS", 5, "TPS"),
        ("TPS", 7, "Region code, As of"),
    ]


def test_once_fixed_it_validates(tmp_path: Path, workbook: Callable[..., Path],
                                 cli: Callable[..., tuple[int, str, str]]) -> None:  # fmt: skip
    rows = rows_with_four_mistakes()
    rows[2][:2] = ["64.03.03", "Sambaliung"]
    rows[3][3] = 25
    rows[4][3] = 120
    del rows[6]
    workbook(tmp_path / "64.03-berau.xlsx", {"TPS": rows})
    code, out, _ = cli("validate", str(tmp_path))
    assert code == 0, out
    assert "Tidak ada temuan" in out
