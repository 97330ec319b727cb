"""A template filled from a dataset: typed cells, rows placed by region code."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import fastexcel
import polars as pl
import pytest

from readiness.contract import TableName, polars_schema
from readiness.ingest import Dataset, with_provenance, write_template

AS_OF = dt.date(2024, 11, 25)


def _table(name: TableName, rows: list[dict[str, Any]]) -> pl.DataFrame:
    return with_provenance(pl.DataFrame(rows, schema=polars_schema(name)))


def sample_dataset() -> Dataset:
    return Dataset(
        name="sample",
        tables={
            "summary": _table(
                "summary",
                [
                    {"region_code": "64.03", "as_of": AS_OF, "tps": 475, "source": "rapat"},
                    {"region_code": "64.08", "as_of": AS_OF, "tps": 701},
                ],
            ),
            "logistics": _table(
                "logistics",
                [
                    {
                        "region_code": "64.03.09",
                        "item": "all",
                        "stage": "kpu",
                        "as_of": AS_OF,
                        "scheduled_date": AS_OF,
                    },
                    {
                        "region_code": "64.03.09",
                        "item": "ballot",
                        "stage": "ppk",
                        "as_of": AS_OF,
                        "quantity_delivered": 1200,
                    },
                    {"region_code": "64.03.11", "item": "all", "stage": "ppk", "as_of": AS_OF},
                ],
            ),
            "neutrality_cases": _table(
                "neutrality_cases",
                [
                    {
                        "region_code": "64.03",
                        "subject": "contract_civil_servant",
                        "status": "recommended",
                        "referred_to": "bkn",
                        "as_of": AS_OF,
                    }
                ],
            ),
        },
    )


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("filled")
    return write_template("64.03", folder / "berau.xlsx", dataset=sample_dataset())


def _sheet(path: Path, name: str) -> pl.DataFrame:
    return fastexcel.read_excel(path).load_sheet(name).to_polars()


def test_rows_fill_prefilled_region_rows_and_extra_rows_are_appended(filled: Path) -> None:
    logistics = _sheet(filled, "Logistik")
    assert logistics.height == 13 + 1
    codes = logistics["Kode wilayah *"].to_list()
    assert codes[:13] == [f"64.03.{n:02d}" for n in range(1, 14)]
    assert codes[13] == "64.03.09"
    teluk_bayur = logistics.row(8, named=True)
    assert teluk_bayur["Nama wilayah"] == "Teluk Bayur"
    assert teluk_bayur["Jenis logistik *"] == "Seluruh logistik"
    assert teluk_bayur["Tahap tercapai *"] == "Gudang KPU kab/kota"
    appended = logistics.row(13, named=True)
    assert appended["Jenis logistik *"] == "Surat suara"
    assert appended["Diterima"] == 1200
    untouched = logistics.row(0, named=True)
    assert untouched["Tahap tercapai *"] is None


def test_values_are_typed_cells(filled: Path) -> None:
    logistics = _sheet(filled, "Logistik")
    assert logistics.schema["Per tanggal *"] == pl.Datetime("ms")
    assert logistics.schema["Diterima"] == pl.Float64
    assert logistics["Jadwal tiba"][8] == dt.datetime(2024, 11, 25)
    summary = _sheet(filled, "Ringkasan")
    assert summary.height == 1
    assert summary["Jumlah TPS"].to_list() == [475]


def test_only_the_regency_rows_are_written(filled: Path) -> None:
    summary = _sheet(filled, "Ringkasan")
    assert summary["Kode wilayah *"].to_list() == ["64.03"]
    cases = _sheet(filled, "Netralitas")
    assert cases["Subjek *"].to_list() == ["PPPK"]
    assert cases["Diteruskan ke"].to_list() == ["BKN"]


def _excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def _metadata_cell(path: Path, sheet_index: int, row: int) -> str:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(f"xl/worksheets/sheet{sheet_index}.xml").decode()
    cell = re.search(rf'<c r="B{row}"[^>]*>(.*?)</c>', xml)
    assert cell is not None
    return cell.group(0)


def _metadata_row(path: Path, sheet: str, label: str) -> int:
    rows = fastexcel.read_excel(path).load_sheet(sheet, header_row=None).to_polars().rows()
    return next(index for index, row in enumerate(rows, start=1) if row[0] == label)


def test_metadata_as_of_is_a_date_from_the_summary(filled: Path) -> None:
    row = _metadata_row(filled, "Petunjuk", "Per tanggal")
    cell = _metadata_cell(filled, 1, row)
    assert 't="s"' not in cell
    assert f"<v>{_excel_serial(AS_OF)}</v>" in cell


def test_explicit_metadata_and_english_labels(tmp_path: Path) -> None:
    path = write_template(
        "64.03", tmp_path / "b.xlsx", lang="en", dataset=sample_dataset(),
        as_of=dt.date(2024, 11, 20), source="Desk Pilkada",
    )  # fmt: skip
    row = _metadata_row(path, "Instructions", "As of")
    assert f"<v>{_excel_serial(dt.date(2024, 11, 20))}</v>" in _metadata_cell(path, 1, row)
    rows = fastexcel.read_excel(path).load_sheet("Instructions", header_row=None).to_polars()
    block = {row[0]: row[1] for row in rows.rows() if row[0]}
    assert block["Source"] == "Desk Pilkada"
    logistics = _sheet(path, "Logistics")
    assert logistics["Stage reached *"][8] == "KPU regency warehouse"
