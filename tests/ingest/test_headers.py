"""Header cells to canonical columns, in both languages."""

from __future__ import annotations

import pytest

from readiness.contract import TABLES
from readiness.ingest import match_header, match_table_name
from readiness.ingest._headers import find_header_row, fold_header, map_headers


def test_every_label_canonical_name_and_alias_maps_back_to_its_column() -> None:
    for table, spec in TABLES.items():
        for column in spec.columns:
            assert match_header(table, column.name) == column.name
            assert match_header(table, column.label_id) == column.name
            assert match_header(table, column.label_en) == column.name
            assert match_header(table, f"  {column.label_id.upper()} *") == column.name
            for alias in column.aliases:
                found = match_header(table, alias)
                if column.name in (found, "region_name"):
                    continue  # the region name's generic aliases yield to any other claim
                # otherwise the alias is another column's own label, which wins
                other = spec.column(str(found))
                spellings = {fold_header(s) for s in (other.name, other.label_id, other.label_en)}
                assert fold_header(alias) in spellings, (table, alias)


@pytest.mark.parametrize(
    ("table", "header", "column"),
    [
        ("polling_stations", "Jumlah TPS *", "tps"),
        ("polling_stations", "jumlah_tps", "tps"),
        ("polling_stations", "No. TPS", "tps_number"),
        ("polling_stations", "Desa/Kelurahan", "region_name"),
        ("summary", "Kecamatan", "kecamatan_count"),
        ("summary", "DPT (L)", "voters_male"),
        ("logistics", "Kecamatan", "region_name"),
        ("logistics", "Tahap tercapai *", "stage"),
        ("logistics", "Stage reached", "stage"),
        ("personnel", "KODE WILAYAH", "region_code"),
    ],
)
def test_headers_people_write(table: str, header: str, column: str) -> None:
    assert match_header(table, header) == column  # type: ignore[arg-type]


def test_unknown_header_is_a_warning_and_missing_required_an_error() -> None:
    found = map_headers(
        "logistics",
        ["Kode wilayah *", "Jenis logistik *", "Warna kotak", None, "Diterima"],
        file="a.xlsx",
        sheet="Logistik",
        row=3,
    )
    assert found.columns == {0: "region_code", 1: "item", 4: "quantity_delivered"}
    rules = sorted((f.rule, f.severity, f.column) for f in found.findings)
    assert rules == [
        ("header.missing", "error", "Per tanggal"),
        ("header.missing", "error", "Tahap tercapai"),
        ("header.unknown", "warning", "Warna kotak"),
    ]
    assert all((f.file, f.sheet, f.row) == ("a.xlsx", "Logistik", 3) for f in found.findings)
    unknown = next(f for f in found.findings if f.rule == "header.unknown")
    assert "Jenis logistik" in unknown.hint_id
    assert "Item" in unknown.hint_en


def test_defaults_and_region_names_stand_in_for_required_headers() -> None:
    found = map_headers(
        "personnel",
        ["Nama wilayah", "Instansi", "Peran", "Jumlah"],
        defaults=frozenset({"as_of"}),
    )
    assert found.findings == []


def test_a_header_given_twice_keeps_the_first() -> None:
    found = map_headers("personnel", ["Kode wilayah", "Jumlah", "count", "Instansi"])
    assert found.columns[1] == "count"
    assert 2 not in found.columns
    assert "header.duplicate" in {f.rule for f in found.findings}


def test_header_row_is_found_below_title_rows() -> None:
    rows = [["Laporan TPS Kabupaten Berau"], [], ["per 25/11/2024", "Kode"],
            ["Kode wilayah *", "Nama wilayah", "Jumlah TPS"], ["64.03.01", "Kelay", 20]]  # fmt: skip
    assert find_header_row("polling_stations", rows) == 3
    assert find_header_row("polling_stations", [["x"]] * 12 + rows) == -1


@pytest.mark.parametrize(
    ("text", "table"),
    [("Logistik", "logistics"), ("LOGISTICS", "logistics"), ("TPS", "polling_stations"),
     ("Polling stations", "polling_stations"), ("Netralitas", "neutrality_cases"),
     ("Ringkasan", "summary"), ("Kerawanan", "vulnerabilities"), ("Wilayah", None),
     ("Petunjuk", None), ("Daftar", None)],
)  # fmt: skip
def test_sheet_names(text: str, table: str | None) -> None:
    assert match_table_name(text) == table


@pytest.mark.parametrize(
    ("stem", "table"),
    [("logistics", "logistics"), ("64.03-logistik", "logistics"), ("berau-logistik", "logistics"),
     ("64.03_TPS", "polling_stations"), ("kaltim_neutrality_cases", "neutrality_cases"),
     ("berau", None), ("logistik-berau", None)],
)  # fmt: skip
def test_file_stems_with_prefixes(stem: str, table: str | None) -> None:
    assert match_table_name(stem, allow_prefix=True) == table
