"""Loading datasets: workbooks, CSV, Parquet, processed folders; provenance and findings."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.contract import PROVENANCE_COLUMNS, TABLE_NAMES, Finding, polars_schema
from readiness.ingest import Dataset, load_dataset
from readiness.ingest._readers import read_grid
from readiness.ingest._records import Metadata

NOV25 = dt.date(2024, 11, 25)


def _workbook(path: Path) -> Path:
    """A filled Indonesian workbook as a regency would send it, with the usual oddities."""
    book = xlsxwriter.Workbook(str(path))
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    guide = book.add_worksheet("Petunjuk")
    guide.write_string(0, 0, "Templat laporan kesiapan Pilkada — Kabupaten Berau")
    guide.write_string(2, 0, "TPS")
    guide.write_string(2, 1, "TPS per desa/kelurahan")
    guide.write_string(5, 0, "Keterangan laporan")
    guide.write_string(6, 0, "Kode wilayah")
    guide.write_string(6, 1, "64.03")
    guide.write_string(7, 0, "Nama wilayah")
    guide.write_string(7, 1, "Kabupaten Berau")
    guide.write_string(8, 0, "Per tanggal")
    guide.write_datetime(8, 1, dt.datetime(2024, 11, 25), date)
    guide.write_string(9, 0, "Sumber")
    guide.write_string(9, 1, "KPU Berau")

    tps = book.add_worksheet("TPS")
    tps.write_string(0, 0, "Daftar TPS Kabupaten Berau")  # title rows above the header
    tps.write_string(1, 0, "per 25 November 2024")
    headers = ["Kode wilayah *", "Nama wilayah", "Jumlah TPS", "TPS lokasi khusus", "DPT",
               "Per tanggal *", "Sumber"]  # fmt: skip
    tps.write_row(2, 0, headers)
    tps.write_row(3, 0, ["64.03.01", "Kelay", 20, 0, "7.315"])  # row 4: numbers and text
    tps.write_row(4, 0, ["64.03.02", "Talisayan", "banyak", None, 9120])  # row 5: bad count
    tps.write_row(5, 0, ["64.03.03", "Sambaliung", None, None, None, "25/11/2024"])  # row 6:
    # the pre-filled region and a date copied down, nothing reported: dropped
    tps.write_row(6, 0, ["", "Kec. teluk  bayur", "31 TPS", "-", "n/a"])  # row 7: name → code
    tps.write_row(7, 0, ["", "Teluk Bayor", 12])  # row 8: misspelt name
    tps.write_row(8, 0, ["64.03.05", "Tabalar", -4, None, None, "26/11/2024", "PPK Tabalar"])
    tps.write_datetime(3, 5, dt.datetime(2024, 11, 24), date)

    logistics = book.add_worksheet("Logistik")
    logistics.write_row(0, 0, ["Kode wilayah *", "Nama wilayah", "Jenis logistik *",
                               "Tahap tercapai *", "Jadwal tiba"])  # fmt: skip
    logistics.write_row(1, 0, ["64.03.01", "Kelay", "Seluruh logistik", "PPK (kecamatan)"])
    logistics.write_row(2, 0, ["64.03.09", "Teluk Bayur", "Seluruh logistik", "", "25/11/2024"])
    logistics.write_row(3, 0, ["64.03.03", "Sambaliung", "Kotak suaraa", "Gudang KPU kab/kota"])
    logistics.write_row(4, 0, ["64.03.04", "Segah"])

    regions = book.add_worksheet("Wilayah")  # reference sheet: skipped
    regions.write_row(0, 0, ["Kode", "Nama", "Tingkat"])
    regions.write_row(1, 0, ["64.03.01", "Kelay", "kecamatan"])
    book.add_worksheet("Daftar").write_row(0, 0, ["Kode wilayah", "Jumlah TPS"])
    book.close()
    return path


@pytest.fixture
def workbook_dataset(tmp_path: Path) -> tuple[Dataset, Path]:
    folder = tmp_path / "berau"
    folder.mkdir()
    path = _workbook(folder / "64.03-berau.xlsx")
    return load_dataset(folder), path


def _findings(ds: Dataset) -> list[tuple[str, str | None, int | None, str | None, str | None]]:
    return [(f.rule, f.sheet, f.row, f.column, f.value) for f in ds.findings]


def test_workbook_rows_parse_with_defaults_and_provenance(
    workbook_dataset: tuple[Dataset, Path],
) -> None:
    ds, _ = workbook_dataset
    tps = ds.table("polling_stations")
    rows = {r["_row"]: r for r in tps.iter_rows(named=True)}
    assert sorted(rows) == [4, 5, 7, 8, 9]  # row 6 held only the pre-filled region
    kelay = rows[4]
    assert (kelay["region_code"], kelay["tps"], kelay["tps_khusus"], kelay["voters"]) == (
        "64.03.01", 20, 0, 7315,
    )  # fmt: skip
    assert kelay["as_of"] == dt.date(2024, 11, 24)  # its own date beats the default
    assert kelay["source"] == "KPU Berau"  # default from the instructions sheet
    assert kelay["_file"] == "64.03-berau.xlsx"
    assert kelay["_sheet"] == "TPS"
    assert rows[5]["tps"] is None
    assert rows[5]["voters"] == 9120
    assert rows[7]["region_code"] == "64.03.09"  # "Kec. teluk  bayur" matched within Berau
    assert (rows[7]["tps"], rows[7]["tps_khusus"], rows[7]["voters"]) == (31, None, None)
    assert rows[7]["as_of"] == NOV25
    assert rows[8]["region_code"] is None
    assert rows[9]["tps"] == -4  # negative is the schema's call, not a parse error
    assert (rows[9]["as_of"], rows[9]["source"]) == (dt.date(2024, 11, 26), "PPK Tabalar")
    assert tps.schema == pl.Schema({**polars_schema("polling_stations"),
                                    "_file": pl.String, "_sheet": pl.String, "_row": pl.Int64})  # fmt: skip


def test_workbook_findings_point_at_sheet_row_and_column(
    workbook_dataset: tuple[Dataset, Path],
) -> None:
    ds, _ = workbook_dataset
    found = _findings(ds)
    assert ("value.count", "TPS", 5, "Jumlah TPS", "banyak") in found
    assert ("region.unknown_name", "TPS", 8, "Nama wilayah", "Teluk Bayor") in found
    assert ("value.closed_set", "Logistik", 4, "Jenis logistik", "Kotak suaraa") in found
    assert ("value.required", "Logistik", 3, "Tahap tercapai", None) in found
    assert len(found) == 4, found  # nothing about row 6, the skipped sheets or the negative
    misspelt = next(f for f in ds.findings if f.rule == "region.unknown_name")
    assert misspelt.severity == "error"
    assert "Teluk Bayur (64.03.09)" in misspelt.hint_id
    assert "Teluk Bayur (64.03.09)" in misspelt.hint_en
    closed = next(f for f in ds.findings if f.rule == "value.closed_set")
    assert "Kotak suara" in closed.hint_id
    for finding in ds.findings:
        assert finding.file == "64.03-berau.xlsx"
        assert finding.message_id != finding.message_en
        assert finding.hint_id
        assert finding.hint_en


def test_raw_inputs_are_left_untouched(workbook_dataset: tuple[Dataset, Path]) -> None:
    ds, path = workbook_dataset
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    again = load_dataset(path.parent)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert [f.sha256 for f in ds.files] == [before] == [f.sha256 for f in again.files]
    assert ds.files[0].path == "64.03-berau.xlsx"
    assert ds.files[0].kind == "xlsx"
    assert ds.files[0].size == path.stat().st_size
    assert ds.province_code == "64"


def test_english_workbook_without_instructions(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "paser.xlsx"))
    sheet = book.add_worksheet("Personnel")
    sheet.write_row(0, 0, ["Region code *", "Agency *", "Role *", "Count *", "As of *", "Source"])
    sheet.write_row(1, 0, ["64.01", "Police (Polri)", "Security", 1200.0, "25 Nov 2024", "Polres"])
    sheet.write_row(2, 0, ["64.01", "Linmas", "Security", "2.404", 45621])
    book.close()
    ds = load_dataset(tmp_path / "paser.xlsx")
    assert ds.name == "paser"
    table = ds.table("personnel").select("agency", "count", "as_of", "source", "_row")
    assert table.rows() == [
        ("polri", 1200, NOV25, "Polres", 2),
        ("linmas", 2404, NOV25, None, 3),
    ]
    assert ds.findings == []


@pytest.mark.parametrize("separator", [",", ";"])
def test_csv_with_either_separator(tmp_path: Path, separator: str) -> None:
    lines = [
        ["Kode wilayah", "Jenis logistik", "Tahap tercapai", "Kebutuhan", "Diterima", "Per tanggal"],
        ["64.03.01", "Surat suara", "PPK", "12.500", "12.500", "25/11/2024"],
        ["6403.02", "Kotak suara", "PPS", "80", "lima", "25-11-2024"],
        ["64.03.03", "Tinta", "KPU", "", "-", "2024-11-25"],
    ]  # fmt: skip
    text = "\n".join(separator.join(line) for line in lines) + "\n"
    (tmp_path / "64.03-logistik.csv").write_text("\ufeff" + text, encoding="utf-8")
    ds = load_dataset(tmp_path)
    table = ds.table("logistics")
    assert table.select("item", "stage", "quantity_required", "quantity_delivered").rows() == [
        ("ballot", "ppk", 12500, 12500),
        ("ballot_box", "pps", 80, None),
        ("ink", "kpu", None, None),
    ]
    assert table["_row"].to_list() == [2, 3, 4]
    assert table["_sheet"].to_list() == [None, None, None]
    assert table["as_of"].to_list() == [NOV25] * 3
    assert _findings(ds) == [
        ("value.code", None, 3, "Kode wilayah", "6403.02"),
        ("value.count", None, 3, "Diterima", "lima"),
    ]


def test_csv_line_numbers_count_quoted_line_breaks(tmp_path: Path) -> None:
    text = (
        "case_id,region_code,subject,status,as_of,note\n"
        'K1,64.03,PNS,Diperiksa Bawaslu,25/11/2024,"two\nlines"\n'
        "K2,64.03,Kades,Dilaporkan,besok,\n"
    )
    (tmp_path / "neutrality_cases.csv").write_text(text, encoding="utf-8")
    ds = load_dataset(tmp_path / "neutrality_cases.csv")
    assert ds.table("neutrality_cases")["_row"].to_list() == [2, 4]
    assert _findings(ds) == [("value.date", None, 4, "as_of", "besok")]


def test_files_that_name_no_table_and_files_that_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "catatan.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text("# Sumber\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "~$64.03-berau.xlsx").write_bytes(b"lock")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "logistics.csv").write_text("garbage", encoding="utf-8")
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8")
    ds = load_dataset(tmp_path)
    assert sorted((f.rule, f.file) for f in ds.findings) == [
        ("dataset.empty", None),
        ("file.unknown_table", "catatan.csv"),
        ("file.unsupported", "foto.jpg"),
    ]
    assert [f.path for f in ds.files] == ["catatan.csv"]
    assert all(frame.height == 0 for frame in ds.tables.values())
    assert ds.province_code is None


def test_unreadable_workbook_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "rusak.xlsx").write_bytes(b"not a zip file")
    ds = load_dataset(tmp_path)
    assert [(f.rule, f.severity, f.file) for f in ds.findings] == [
        ("file.unreadable", "error", "rusak.xlsx"),
        ("dataset.empty", "error", None),
    ]


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        load_dataset(tmp_path / "nowhere")


def test_parquet_in_long_format_is_cast_to_the_contract(tmp_path: Path) -> None:
    sub = tmp_path / "detail"
    sub.mkdir()
    frame = pl.DataFrame(
        {
            "region_code": ["6403010001", "64.03.01.2002", "64.1", "64.03.01.2003"],
            "tps_number": [1, 2, 3, 4],
            "tps": [1, 1, 1, 1],
            "voters": [250.0, 300.0, None, 3.5],
            "as_of": [NOV25] * 4,
            "khusus_type": [None, "Lapas/rutan", "prison", "kebun"],
        }
    )
    frame.write_parquet(sub / "64.03-polling_stations.parquet")
    ds = load_dataset(tmp_path)
    table = ds.table("polling_stations")
    assert table["region_code"].to_list() == ["64.03.01.0001", "64.03.01.2002", None,
                                              "64.03.01.2003"]  # fmt: skip
    assert table["voters"].to_list() == [250, 300, None, None]
    assert table["khusus_type"].to_list() == [None, "prison", "prison", None]
    assert table["_file"].unique().to_list() == ["detail/64.03-polling_stations.parquet"]
    assert table["_row"].to_list() == [1, 2, 3, 4]
    assert sorted(_findings(ds)) == [
        ("value.closed_set", None, 4, "khusus_type", "kebun"),
        ("value.code", None, 3, "region_code", "64.1"),
        ("value.count_fraction", None, 4, "voters", "3.5"),
    ]
    assert ds.files[0].kind == "parquet"


def test_parquet_findings_are_capped_with_a_counted_summary(tmp_path: Path) -> None:
    n = 1_000
    pl.DataFrame(
        {"region_code": ["64.03"] * n, "agency": ["polri"] * n, "role": ["security"] * n,
         "count": ["banyak"] * n, "as_of": ["2024-11-25"] * n}
    ).write_parquet(tmp_path / "personnel.parquet")  # fmt: skip
    ds = load_dataset(tmp_path)
    counted = [f for f in ds.findings if f.rule == "value.count"]
    assert len(counted) == 101
    assert sum(f.count for f in counted) == n
    assert counted[-1].count == 900
    assert "900" in counted[-1].message_en


def test_partitioned_parquet_reads_as_each_file_alone(tmp_path: Path) -> None:
    """Files of one table are conformed together, yet each keeps its own provenance,
    findings (capped per file) and rejected rows, in the order of the files."""
    n = 300
    for province, agency in (("64", "polri"), ("72", "tni")):
        folder = tmp_path / f"province={province}"
        folder.mkdir()
        pl.DataFrame(
            {"region_code": [f"{province}.03"] * n, "agency": [agency] * n,
             "role": ["security"] * n, "count": ["banyak", "1.588"] * (n // 2),
             "as_of": ["2024-11-25"] * n}
        ).write_parquet(folder / "personnel.parquet")  # fmt: skip
    ds = load_dataset(tmp_path)
    table = ds.table("personnel")
    files = ["province=64/personnel.parquet", "province=72/personnel.parquet"]
    assert table["_file"].unique(maintain_order=True).to_list() == files
    assert table.filter(pl.col("_file") == files[1])["_row"].to_list() == list(range(1, n + 1))
    assert table.filter(pl.col("_file") == files[1])["agency"].unique().to_list() == ["tni"]
    alone = [load_dataset(tmp_path / file, name=ds.name) for file in files]

    def located(
        findings: list[Finding],
    ) -> list[tuple[str | None, int | None, str | None, str | None, int | None]]:
        return [(f.file, f.row, f.column, f.value, f.count) for f in findings]

    expected = [
        (file, row, column, value, count)
        for one, file in zip(alone, files, strict=True)
        for _, row, column, value, count in located(one.findings)
    ]
    assert located(ds.findings) == expected
    assert [f.count for f in ds.findings if f.row is None] == [n // 2 - 100] * 2
    assert ds.rejected["_file"].value_counts(sort=True)["count"].to_list() == [n // 2] * 2
    assert ds.rejected.filter(pl.col("_file") == files[0])["_row"].to_list() == list(
        range(1, n + 1, 2)
    )


def test_parquet_at_scale_stays_vectorised(tmp_path: Path) -> None:
    n = 300_000
    frame = pl.DataFrame(
        {
            "region_code": pl.Series(["64.03.01.2001", "6403012002"] * (n // 2)),
            "tps_number": pl.int_range(0, n, eager=True) % 30 + 1,
            "item": pl.Series(["ballot", "Kotak suara", "ink"] * (n // 3)),
            "stage": pl.Series(["tps"] * n),
            "quantity_required": pl.Series(["1.200", "300"] * (n // 2)),
            "quantity_delivered": pl.Series([1200.0, None] * (n // 2)),
            "as_of": pl.Series(["2024-11-25", "25/11/2024"] * (n // 2)),
        }
    )
    frame.write_parquet(tmp_path / "logistics.parquet")
    ds = load_dataset(tmp_path)
    table = ds.table("logistics")
    assert table.height == n
    assert ds.findings == []
    assert table["item"].value_counts().sort("item")["count"].to_list() == [n // 3] * 3
    assert table["quantity_required"].sum() == 1500 * (n // 2)
    assert table["quantity_delivered"].null_count() == n // 2
    assert table["as_of"].n_unique() == 1
    assert table["region_code"].str.len_chars().unique().to_list() == [13]


def test_processed_folder_loads_back_with_provenance(
    tmp_path: Path, workbook_dataset: tuple[Dataset, Path]
) -> None:
    ds, _ = workbook_dataset
    out = tmp_path / "processed"
    out.mkdir()
    for name in TABLE_NAMES:
        ds.table(name).write_parquet(out / f"{name}.parquet")
    manifest = {
        "name": "berau-2024",
        "files": [{"path": f.path, "kind": f.kind, "sha256": f.sha256, "size": f.size}
                  for f in ds.files],
        "findings": [f.__dict__ for f in ds.findings],
    }  # fmt: skip
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    back = load_dataset(out)
    assert back.name == "berau-2024"
    assert back.files == ds.files
    assert back.findings == ds.findings
    assert back.province_code == ds.province_code
    for name in TABLE_NAMES:
        assert back.table(name).equals(ds.table(name)), name
        assert set(PROVENANCE_COLUMNS) <= set(back.table(name).columns)


def test_a_built_dataset_loads_back_as_the_same_dataset(tmp_path: Path) -> None:
    from readiness.pipeline import build_dataset

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "64.03-personel.csv").write_text(
        "Kode wilayah;Instansi;Peran;Jumlah;Per tanggal;Sumber;Warna\n"
        "64.03;Polri;Pengamanan;1.588 orang;25/11/2024;Polres Berau;biru\n"
        "64.03;Linmas;Pengamanan;950;25/11/2024;Satpol PP Berau;\n",
        encoding="utf-8",
    )
    loaded = load_dataset(raw)
    assert [f.rule for f in loaded.findings] == ["header.unknown"]  # a warning: build goes on
    result = build_dataset(raw, tmp_path / "processed")
    assert result.written, result.findings
    back = load_dataset(tmp_path / "processed")
    assert back.name == loaded.name
    assert back.files == loaded.files
    assert back.findings == loaded.findings
    assert back.province_code == "64"
    for name in TABLE_NAMES:
        assert back.table(name).equals(loaded.table(name)), name


def test_a_name_at_two_levels_is_ambiguous_unless_its_prefix_or_tps_number_says() -> None:
    header = ["Kode wilayah", "Nama wilayah", "Nomor TPS", "Jumlah TPS", "Per tanggal"]
    rows = [
        header,
        ["", "Sambaliung", None, 5, "25/11/2024"],  # kecamatan 64.03.03 and kelurahan .1013
        ["", "Kecamatan Sambaliung", None, 9, "25/11/2024"],
        ["", "Kel. Sambaliung", None, 4, "25/11/2024"],
        ["", "Sambaliung", 1, 1, "25/11/2024"],  # a TPS sits in a village
    ]
    meta = Metadata(region_code="64.03")
    tps, found = read_grid("polling_stations", rows, metadata=meta, sheet="TPS")
    assert tps["region_code"].to_list() == [None, "64.03.03", "64.03.03.1013", "64.03.03.1013"]
    assert [(f.rule, f.severity, f.row, f.column, f.value) for f in found] == [
        ("region.ambiguous_name", "error", 2, "Nama wilayah", "Sambaliung")
    ]
    message = found[0].message_id
    assert "Kecamatan Sambaliung (64.03.03)" in message
    assert "Kelurahan Sambaliung (64.03.03.1013)" in message
    assert message[0].isupper()
    assert message.endswith(".")
    logistics, found = read_grid(
        "logistics",
        [["Kode wilayah", "Nama wilayah", "Jenis logistik", "Tahap tercapai", "Per tanggal"],
         ["", "Teluk Bayur", "Surat suara", "PPK", "25/11/2024"],
         ["", "Kec. Teluk Bayur", "Surat suara", "PPK", "25/11/2024"]],
        metadata=meta,
    )  # fmt: skip
    assert logistics["region_code"].to_list() == [None, "64.03.09"]
    assert [f.rule for f in found] == ["region.ambiguous_name"]


def _logistics_rows(n: int) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "Kode wilayah": pl.Series(["64.03.01", "640302", "", "64.03.03"] * (n // 4)),
            "Nama wilayah": pl.Series(
                ["Kelay", "Talisayan", "Kec. Segah", "Sambaliung"] * (n // 4)
            ),
            "Jenis logistik": pl.Series(["Surat suara", "kotak suara", "Tinta", ""] * (n // 4)),
            "Tahap tercapai": pl.Series(["PPK", "tps", "PPK (kecamatan)", ""] * (n // 4)),
            "Kebutuhan": pl.Series(["1.200", "banyak", "300", ""] * (n // 4)),
            "Per tanggal": pl.Series(["25/11/2024", "2024-11-25", "25-11-2024", ""] * (n // 4)),
        }
    )


def test_csv_and_parquet_read_the_same_way(tmp_path: Path) -> None:
    rows = _logistics_rows(8)
    csv_dir, parquet_dir = tmp_path / "csv", tmp_path / "parquet"
    csv_dir.mkdir()
    parquet_dir.mkdir()
    rows.write_csv(csv_dir / "64.03-logistik.csv", separator=";")
    rows.write_parquet(parquet_dir / "64.03-logistik.parquet")
    from_csv, from_parquet = load_dataset(csv_dir), load_dataset(parquet_dir)
    columns = [c for c in from_csv.table("logistics").columns if c not in PROVENANCE_COLUMNS]
    assert (
        from_csv.table("logistics")
        .select(columns)
        .equals(from_parquet.table("logistics").select(columns))
    )
    # the fourth row of each block holds only its region: nothing reported, dropped
    assert from_csv.table("logistics").height == 6
    # CSV rows are lines (header = 1); Parquet rows are records (first = 1)
    assert from_csv.table("logistics")["_row"].to_list() == [2, 3, 4, 6, 7, 8]
    assert from_parquet.table("logistics")["_row"].to_list() == [1, 2, 3, 5, 6, 7]
    shape = [(f.rule, f.column, f.value, f.message_en, f.hint_en) for f in from_csv.findings]
    assert shape == [
        (f.rule, f.column, f.value, f.message_en, f.hint_en) for f in from_parquet.findings
    ]
    assert sorted({f.rule for f in from_csv.findings}) == ["value.count"]
    for finding in from_csv.findings:
        for text in (finding.message_id, finding.hint_en):
            assert text[0].isupper(), text
            assert text.endswith("."), text


def test_csv_at_scale_goes_through_the_vectorised_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness.ingest import _convert

    calls: list[object] = []
    original = _convert.parser_for

    def counting(column: Any) -> Any:
        parse = original(column)

        def counted(value: object) -> object:
            calls.append(value)
            return parse(value)

        return counted

    monkeypatch.setattr(_convert, "parser_for", counting)
    n = 200_000
    _logistics_rows(n).write_csv(tmp_path / "logistics.csv")
    ds = load_dataset(tmp_path)
    # cell by cell in Python only for the few distinct values polars could not decide
    assert len(calls) < 100
    table = ds.table("logistics")
    assert table.height == n // 4 * 3
    assert table["region_code"].null_count() == 0
    assert table["quantity_required"].sum() == 1500 * (n // 4)
    counted = [f for f in ds.findings if f.rule == "value.count"]
    assert sum(f.count for f in counted) == n // 4
    assert ds.rejected.height == n // 4  # every rejected row listed, though findings are capped


_TYPED = st.sampled_from(
    ["", "-", "n/a", "0", "12", "1.588", "1.588 orang", "1,5", "banyak", "-3", "25/11/2024",
     "2024-11-25", "Surat suara", "PPK", "Kec. Segah", "Sambaliung", "64.03.01", "6403"]
)  # fmt: skip


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(st.lists(_TYPED, min_size=6, max_size=6), min_size=1, max_size=6))
def test_any_cells_read_alike_from_csv_and_parquet(tmp_path: Path, cells: list[list[str]]) -> None:
    header = ["Kode wilayah", "Nama wilayah", "Jenis logistik", "Tahap tercapai", "Kebutuhan",
              "Per tanggal"]  # fmt: skip
    rows = pl.DataFrame(cells, schema=header, orient="row")
    folder = tmp_path / f"case-{abs(hash(str(cells)))}"
    folder.mkdir()
    rows.write_csv(folder / "64.03-logistics.csv", separator=";")
    rows.write_parquet(folder / "64.03-logistics.parquet")
    from_csv = load_dataset(folder / "64.03-logistics.csv")
    from_parquet = load_dataset(folder / "64.03-logistics.parquet")
    canonical = [c for c in from_csv.table("logistics").columns if c not in PROVENANCE_COLUMNS]
    assert (
        from_csv.table("logistics")
        .select(canonical)
        .equals(from_parquet.table("logistics").select(canonical))
    )
    # the same row, numbered as a line (header = 1) or as a record (first = 1)
    assert (from_csv.table("logistics")["_row"] - 1).to_list() == from_parquet.table("logistics")[
        "_row"
    ].to_list()

    def shape(ds: Dataset) -> list[tuple[object, ...]]:
        return [(f.rule, f.column, f.value, f.message_id, f.count) for f in ds.findings]

    assert shape(from_csv) == shape(from_parquet)


def test_names_in_a_file_named_after_its_regency_are_looked_up_there(tmp_path: Path) -> None:
    (tmp_path / "64.03-logistik.csv").write_text(
        "Nama wilayah;Jenis logistik;Tahap tercapai;Per tanggal\n"
        "Kec. Segah;Surat suara;PPK;25/11/2024\n"
        "Sambaliung;Surat suara;PPK;25/11/2024\n"
        "Segha;Surat suara;PPK;25/11/2024\n",
        encoding="utf-8",
    )
    ds = load_dataset(tmp_path)
    assert ds.table("logistics")["region_code"].to_list() == ["64.03.04", None, None]
    ambiguous, unknown = ds.findings
    assert (ambiguous.rule, ambiguous.row) == ("region.ambiguous_name", 3)
    assert (unknown.rule, unknown.row, unknown.value) == ("region.unknown_name", 4, "Segha")
    assert "under 64.03" in unknown.message_en
    assert "Segah (64.03.04)" in unknown.hint_en


def test_csv_separator_and_header_line_are_found_past_a_title_with_commas(
    tmp_path: Path,
) -> None:
    (tmp_path / "64.03-kerawanan.csv").write_text(
        "Indeks kerawanan, Kabupaten Berau, 2024\n"
        "\n"
        "Kode wilayah;Instrumen;Kategori;Skor;Per tanggal\n"
        "64.03;IKP;Tinggi;55,5;25/11/2024\n",
        encoding="utf-8",
    )
    ds = load_dataset(tmp_path)
    assert ds.findings == []
    assert ds.table("vulnerabilities").select("score", "_row").rows() == [(55.5, 4)]


def test_a_parquet_column_with_no_value_at_all_is_not_reported(tmp_path: Path) -> None:
    rows = 3
    pl.DataFrame(
        {
            "region_code": ["64.03", "64.01", "64.02"],
            "as_of": ["2024-11-25"] * rows,
            "village_count": ["110", "144", "237"],
            "tps": pl.Series([None] * rows, dtype=pl.Null),
        }
    ).write_parquet(tmp_path / "summary.parquet")
    dataset = load_dataset(tmp_path)
    summary = dataset.tables["summary"]
    assert summary["village_count"].to_list() == [110, 144, 237]
    assert summary["tps"].to_list() == [None, None, None]
    assert [f.rule for f in dataset.findings if f.severity == "error"] == []
