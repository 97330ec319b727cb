"""Contract 2.0 on ingest: 1.x files still read (with a note), KPU TPS identifiers, and the
template's new columns and sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import fastexcel
import polars as pl

from readiness.contract import CONTRACT_VERSION, TABLES
from readiness.ingest import load_dataset, write_template

OLD = Path(__file__).parent / "data"


def test_contract_is_version_2() -> None:
    assert CONTRACT_VERSION == "2.0.0"


def test_a_1x_workbook_still_loads_with_a_note(tmp_path: Path) -> None:
    # the Berau workbook as written under contract 1.0.0
    dataset = load_dataset(OLD / "contract-1.0-berau.xlsx")
    notes = [f for f in dataset.findings if f.rule == "file.contract_version"]
    assert len(notes) == 1
    assert notes[0].severity in ("warning", "info")
    assert notes[0].value == "1.0.0"
    assert [f for f in dataset.findings if f.severity == "error"] == []
    summary = dataset.canonical("summary").row(0, named=True)
    assert (summary["tps"], summary["security_personnel"]) == (475, 1588)
    assert summary["security_agencies"] is None  # not in 1.x: not reported
    logistics = dataset.canonical("logistics")
    assert logistics.height == 13
    assert logistics["basis"].null_count() == 13  # blank basis reads as actual
    cases = dataset.canonical("neutrality_cases")
    assert cases["status"].to_list() == ["recommended"] * 3


def test_a_1x_schedule_still_counts_as_the_warehouse() -> None:
    from readiness.indicators import compute_indicators

    dataset = load_dataset(OLD / "contract-1.0-kutai-timur.xlsx")
    out = compute_indicators(dataset, level="kabupaten", as_of=dt.date(2024, 11, 25))
    found = out.filter(
        (pl.col("region_code") == "64.08")
        & (pl.col("indicator") == "logistics_completion_kecamatan")
    ).row(0, named=True)
    # 1.x had no plan rows: what was written as the warehouse is read as the warehouse
    assert found["value"] == 0.0


def test_kpu_tps_identifier_is_a_village_and_a_tps_number(tmp_path: Path) -> None:
    path = tmp_path / "64.03-tps.csv"
    path.write_text(
        "Kode wilayah;Jumlah TPS;DPT;Per tanggal\n"
        "6403012001001;1;310;25/11/2024\n"
        "6403012001002;1;295;25/11/2024\n",
        encoding="utf-8",
    )
    dataset = load_dataset(path)
    assert dataset.findings == []
    stations = dataset.canonical("polling_stations")
    assert stations["region_code"].to_list() == ["64.03.01.2001"] * 2
    assert stations["tps_number"].to_list() == [1, 2]


def test_template_has_the_new_columns_and_sheet(tmp_path: Path) -> None:
    path = write_template("64.03", tmp_path / "berau.xlsx")
    workbook = fastexcel.read_excel(path)
    assert TABLES["published_figures"].sheet("id") in workbook.sheet_names
    headers = {
        sheet: workbook.load_sheet(sheet, header_row=None, n_rows=12).to_polars()
        for sheet in ("Logistik", "Personel", "Netralitas", "Ringkasan")
    }
    text = {sheet: " ".join(str(v) for row in frame.rows() for v in row if v) for sheet, frame
            in headers.items()}  # fmt: skip
    assert "Realisasi/rencana" in text["Logistik"]
    assert "TPS yang diamankan" in text["Personel"]
    assert "Tanggal keputusan" in text["Netralitas"]
    assert "Instansi yang dihitung" in text["Ringkasan"]
    assert "Kasus netralitas (jumlah)" in text["Ringkasan"]
