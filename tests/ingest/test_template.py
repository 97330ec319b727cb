"""The Excel template: sheets, headers, pre-filled regions, dropdowns and number/date checks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import fastexcel
import pytest

from readiness.contract import CLOSED_SETS, CONTRACT_VERSION, TABLES
from readiness.ingest import template_file_name, write_template, write_templates
from readiness.ingest._template_layout import LISTS_SHEET
from readiness.regions import UnknownRegionError

DATA_SHEETS_ID = [spec.sheet("id") for spec in TABLES.values()]


@pytest.fixture(scope="module")
def berau(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template("64.03", tmp_path_factory.mktemp("tpl") / "berau.xlsx")


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    loaded = fastexcel.read_excel(path).load_sheet(sheet, header_row=None, dtypes="string")
    return loaded.to_polars().rows()


def _sheet_xml(path: Path, sheet: str) -> str:
    """The worksheet XML of a sheet, found through the workbook's relationships."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        rel_id = re.search(rf'<sheet name="{re.escape(sheet)}" sheetId="\d+"[^>]*r:id="(rId\d+)"',
                           workbook)  # fmt: skip
        assert rel_id is not None, f"no sheet {sheet!r}"
        target = re.search(rf'Id="{rel_id.group(1)}"[^>]*Target="([^"]+)"', rels)
        assert target is not None
        return archive.read("xl/" + target.group(1)).decode()


def _validations(path: Path, sheet: str) -> list[dict[str, str]]:
    xml = _sheet_xml(path, sheet)
    found = []
    for match in re.finditer(r"<dataValidation ([^>]*)>(.*?)</dataValidation>", xml, re.S):
        attributes = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        attributes["formula"] = re.sub(r"<[^>]+>", " ", match.group(2)).strip()
        found.append(attributes)
    return found


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def test_sheets_in_contract_order_with_instructions_first(berau: Path) -> None:
    names = fastexcel.read_excel(berau).sheet_names
    assert names == ["Petunjuk", *DATA_SHEETS_ID, "Wilayah", "Daftar"]


def test_lists_sheet_is_hidden(berau: Path) -> None:
    with zipfile.ZipFile(berau) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    assert re.search(r'<sheet name="Daftar"[^>]*state="hidden"', workbook)
    assert not re.search(r'<sheet name="Wilayah"[^>]*state="hidden"', workbook)


def test_headers_are_labels_with_required_marked(berau: Path) -> None:
    for spec in TABLES.values():
        header = _rows(berau, spec.sheet("id"))[0]
        expected = [c.label("id") + (" *" if c.required else "") for c in spec.columns]
        assert list(header) == expected, spec.name


def test_header_row_is_frozen_and_commented(berau: Path) -> None:
    xml = _sheet_xml(berau, "Logistik")
    assert 'ySplit="1"' in xml
    assert 'state="frozen"' in xml
    with zipfile.ZipFile(berau) as archive:
        comments = " ".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/comments")
        )
    assert TABLES["logistics"].column("stage").description("id") in comments


def test_berau_villages_and_kecamatan_prefilled_as_text(berau: Path) -> None:
    tps = _rows(berau, "TPS")[1:]
    assert len(tps) == 110
    assert tps[0][:2] == ("64.03.01.2001", "Merabu")
    assert all(row[2:] == (None,) * (len(row) - 2) for row in tps)
    logistics = _rows(berau, "Logistik")[1:]
    assert len(logistics) == 13
    assert ("64.03.09", "Teluk Bayur") in [row[:2] for row in logistics]
    assert _rows(berau, "Ringkasan")[1][:2] == ("64.03", "Kabupaten Berau")
    assert len(_rows(berau, "Personel")) == 1  # header only
    # codes are stored as strings (shared strings), so 64.10 keeps its trailing zero
    assert re.search(r'<c r="A2"[^>]*t="s"', _sheet_xml(berau, "TPS"))


def test_regions_sheet_lists_kecamatan_and_villages(berau: Path) -> None:
    rows = _rows(berau, "Wilayah")
    assert rows[0] == ("Kode", "Nama", "Tingkat", "Kode induk")
    levels = [row[2] for row in rows[1:]]
    assert levels.count("kecamatan") == 13
    assert levels.count("desa") + levels.count("kelurahan") == 110
    assert ("64.03.09", "Teluk Bayur", "kecamatan", "64.03") in rows


def test_metadata_block(berau: Path) -> None:
    block = {row[0]: row[1] for row in _rows(berau, "Petunjuk") if row[0]}
    assert block["Kode wilayah"] == "64.03"
    assert block["Nama wilayah"] == "Kabupaten Berau"
    assert block["Versi kontrak"] == CONTRACT_VERSION
    assert block["Per tanggal"] is None
    assert block["Sumber"] is None
    rules = " ".join(str(row[0]) for row in _rows(berau, "Petunjuk") if row[0])
    assert "dd/mm/yyyy" in rules
    assert "Jangan menulis 0" in rules


def test_lists_hold_each_closed_set(berau: Path) -> None:
    rows = _rows(berau, "Daftar")
    for index, closed in enumerate(CLOSED_SETS.values()):
        column = [row[index] for row in rows if row[index] is not None]
        assert column == [closed.name, *closed.labels("id")]


def test_every_closed_count_and_date_column_is_validated(berau: Path) -> None:
    lists = list(CLOSED_SETS)
    for spec in TABLES.values():
        validations = {
            v["sqref"].split(":")[0].rstrip("0123456789"): v
            for v in _validations(berau, spec.sheet("id"))
        }
        for index, column in enumerate(spec.columns):
            letter = _column_letter(index)
            found = validations.get(letter)
            if column.kind == "closed":
                assert found is not None, (spec.name, column.name)
                assert found["type"] == "list", (spec.name, column.name)
                position = _column_letter(lists.index(str(column.closed_set)))
                assert f"Daftar!${position}$2" in found["formula"]
                assert found["sqref"] == f"{letter}2:{letter}2001"
            elif column.kind == "count":
                assert found is not None, (spec.name, column.name)
                assert found["type"] == "whole", (spec.name, column.name)
                assert found["errorStyle"] == "warning"
                assert found["operator"] == "greaterThanOrEqual"
                assert "promptTitle" in found
            elif column.kind == "date":
                assert found is not None, (spec.name, column.name)
                assert found["type"] == "date", (spec.name, column.name)
                assert found["errorStyle"] == "warning"
            else:
                assert found is None, (spec.name, column.name)


def test_english_template(tmp_path: Path) -> None:
    path = write_template("6411", tmp_path / "mahulu.xlsx", lang="en")
    names = fastexcel.read_excel(path).sheet_names
    assert names == ["Instructions", *[s.sheet("en") for s in TABLES.values()], "Regions", "Lists"]
    header = _rows(path, "Logistics")[0]
    assert header[:4] == ("Region code *", "Region name", "TPS number", "Item *")
    lists = _rows(path, LISTS_SHEET.get("en"))
    assert lists[1][list(CLOSED_SETS).index("stage")] == "KPU regency warehouse"
    block = {row[0]: row[1] for row in _rows(path, "Instructions") if row[0]}
    assert block["Region code"] == "64.11"
    assert len(_rows(path, "Logistics")) == 1 + 5


def test_write_templates_writes_one_per_regency(tmp_path: Path) -> None:
    paths = write_templates("64", tmp_path / "kaltim")
    assert sorted(p.name for p in paths) == sorted(
        [
            "64.01-paser.xlsx", "64.02-kutai-kartanegara.xlsx", "64.03-berau.xlsx",
            "64.07-kutai-barat.xlsx", "64.08-kutai-timur.xlsx", "64.09-penajam-paser-utara.xlsx",
            "64.11-mahakam-ulu.xlsx", "64.71-balikpapan.xlsx", "64.72-samarinda.xlsx",
            "64.74-bontang.xlsx",
        ]
    )  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "kaltim").iterdir()) == sorted(p.name for p in paths)
    samarinda = _rows(tmp_path / "kaltim" / "64.72-samarinda.xlsx", "TPS")
    assert len(samarinda) == 1 + 59


def test_file_names() -> None:
    assert template_file_name("64.09", "Kabupaten Penajam Paser Utara") == (
        "64.09-penajam-paser-utara.xlsx"
    )
    assert template_file_name("81.01", "Kabupaten Maluku Tenggara Barat") == (
        "81.01-maluku-tenggara-barat.xlsx"
    )


@pytest.mark.parametrize("code", ["64.03.09", "64", "64.99"])
def test_only_a_regency_gets_a_template(tmp_path: Path, code: str) -> None:
    with pytest.raises(UnknownRegionError):
        write_template(code, tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_write_templates_needs_a_province(tmp_path: Path) -> None:
    with pytest.raises(UnknownRegionError, match="province"):
        write_templates("64.03", tmp_path)


def test_failed_write_leaves_previous_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "berau.xlsx"
    target.write_bytes(b"previous")

    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("readiness.ingest._template._write_workbook", broken)
    with pytest.raises(RuntimeError):
        write_template("64.03", target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["berau.xlsx"]
