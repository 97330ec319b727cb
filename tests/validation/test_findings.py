"""Findings as a whole: order, exact counts whatever the display limit, provenance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.contract import count_by_severity
from readiness.ingest import Dataset, load_dataset
from readiness.validation import findings_frame, validate

TableFactory = Callable[..., pl.DataFrame]
AS_OF = dt.date(2024, 11, 25)


def test_findings_are_sorted_by_file_sheet_and_row(table: TableFactory) -> None:
    paser = table("personnel", [{"region_code": "64.01", "agency": "tni", "role": "security",
                                 "count": -1}], file="64.01-paser.xlsx")  # fmt: skip
    berau = table(
        "polling_stations",
        [{"region_code": "64.03.01", "tps": t} for t in (5, -1, 7, -2)],
        file="64.03-berau.xlsx",
    )
    berau_personnel = table("personnel", [{"region_code": "64.03", "agency": "polri",
                                           "role": "security", "count": -5}],
                            file="64.03-berau.xlsx")  # fmt: skip
    dataset = Dataset(
        name="kaltim",
        tables={
            "polling_stations": berau,
            "personnel": pl.concat([berau_personnel, paser]),
        },
    )
    findings = list(validate(dataset).findings)
    assert [(f.file, f.sheet, f.row) for f in findings if f.rule == "schema.range"] == [
        ("64.01-paser.xlsx", "Personel", 2),
        ("64.03-berau.xlsx", "Personel", 2),
        ("64.03-berau.xlsx", "TPS", 3),
        ("64.03-berau.xlsx", "TPS", 5),
    ]


@settings(max_examples=25, deadline=None)
@given(
    counts=st.lists(st.one_of(st.none(), st.integers(-50, 50)), min_size=1, max_size=60),
    limit=st.one_of(st.none(), st.integers(1, 10)),
)
def test_counts_are_exact_whatever_the_display_limit(
    counts: list[int | None], limit: int | None
) -> None:
    frame = pl.DataFrame(
        {
            "region_code": [f"64.03.{i % 13 + 1:02d}" for i in range(len(counts))],
            "tps_number": list(range(1, len(counts) + 1)),
            "tps": counts,
            "as_of": [AS_OF] * len(counts),
            "_file": ["berau.xlsx"] * len(counts),
            "_sheet": ["TPS"] * len(counts),
            "_row": list(range(2, len(counts) + 2)),
        },
        schema_overrides={"tps": pl.Int64},
    )
    findings = list(
        validate(Dataset(name="t", tables={"polling_stations": frame}), max_per_rule=limit).findings
    )
    ranges = [f for f in findings if f.rule == "schema.range"]
    negatives = sum(1 for c in counts if c is not None and c < 0)
    assert count_by_severity(ranges)["error"] == negatives
    shown = [f for f in ranges if f.count == 1]
    folded = limit is not None and negatives > limit + 1  # one more is shown, not folded
    assert len(shown) == (limit if folded else negatives)
    assert all(f.count >= 2 for f in ranges if f not in shown)
    assert [f.row for f in shown] == sorted(f.row for f in shown if f.row is not None)
    assert all(f.value is not None and int(f.value) < 0 for f in shown)


def test_findings_frame_in_english(table: TableFactory) -> None:
    frame = table("personnel", [{"region_code": "64.03", "agency": "polri", "role": "security",
                                 "count": -5}])  # fmt: skip
    findings = list(validate(Dataset(name="t", tables={"personnel": frame})).findings)
    rows = findings_frame(findings, "en").select("rule", "row", "column", "message").rows()
    assert rows == [("schema.range", 2, "Count", "Count must not be negative; got -5.")]


def test_every_finding_is_a_sentence_that_points_at_its_cell(
    tmp_path: Path, workbook: Callable[..., Path]
) -> None:
    """Reading findings and rule findings read alike: capitalised, a full stop, a hint, and
    for a cell its file, sheet, row, column and (unless blank) value."""
    folder = tmp_path / "berau"
    folder.mkdir()
    tps = [
        ["Kode wilayah", "Nama wilayah", "Jumlah TPS", "DPT", "Per tanggal", "Warna"],
        ["", "Sambaliung", 3, 900, "25/11/2024", "biru"],  # ambiguous name
        ["", "Sambaling", 3, 900, "25/11/2024"],  # unknown name
        ["64.03.01", "", "tiga", 900, "31/02/2024"],  # text in a count, impossible date
        ["64.03.02", "", -1, 900, "25/11/2024"],  # negative
        ["64.03.02", "", -1, 900, "25/11/2024"],  # repeated
    ]
    logistics = [
        ["Kode wilayah", "Jenis logistik", "Tahap tercapai", "Per tanggal"],
        ["64.03.01", "Surat suaraa", "PPK", "25/11/2024"],  # not in the list
        ["64.03.02", "", "PPK", "25/11/2024"],  # required item blank
    ]
    workbook(folder / "64.03-berau.xlsx", {"TPS": tps, "Logistik": logistics})
    (folder / "64.03-personel.csv").write_text("Kode wilayah;Instansi\n", encoding="utf-8")
    findings = list(validate(load_dataset(folder)).findings)
    rules = {f.rule for f in findings}
    assert {"region.ambiguous_name", "region.unknown_name", "value.count", "value.date",
            "schema.range", "duplicate.row", "value.closed_set", "value.required",
            "header.unknown", "header.missing"} <= rules  # fmt: skip
    for finding in findings:
        for text in (finding.message_id, finding.message_en, finding.hint_id, finding.hint_en):
            assert text[:1].isupper() or text.startswith("…"), (finding.rule, text)
            assert text.endswith((".", "?")), (finding.rule, text)
        assert finding.file is not None, finding
        if finding.row is not None:
            assert finding.column, finding
            assert finding.sheet or finding.file.endswith(".csv"), finding
            if not finding.rule.endswith(("required", "missing")):  # a blank cell has no value
                assert finding.value, finding


def test_a_cell_that_did_not_parse_is_reported_once_however_many_rows(tmp_path: Path) -> None:
    """Reading lists 100 bad cells per column and counts the rest; validation still knows
    every one of those rows, so none comes back as a blank required cell."""
    dates = [AS_OF - dt.timedelta(days=i) for i in range(150)]
    rows = "".join(f"64.03;Polri;Pengamanan;banyak;{d:%d/%m/%Y};\n" for d in dates)
    (tmp_path / "64.03-personel.csv").write_text(
        "Kode wilayah;Instansi;Peran;Jumlah;Per tanggal;Catatan\n" + rows, encoding="utf-8"
    )
    dataset = load_dataset(tmp_path)
    assert dataset.rejected.height == 150
    findings = list(validate(dataset).findings)
    assert {f.rule for f in findings} == {"value.count"}
    assert count_by_severity(findings)["error"] == 150


def test_invalid_rows_reach_past_the_listed_findings(tmp_path: Path) -> None:
    from readiness.regions import descendants
    from readiness.validation import invalid_rows

    villages = descendants("64.02", depth=4)["code"].to_list()
    lines = ["region_code,tps,as_of"]
    lines += [f"{code},banyak,25/11/2024" for code in villages[:150]]
    lines += [f"{villages[150]},12,25/11/2024"]
    (tmp_path / "polling_stations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = load_dataset(tmp_path)
    listed = [f for f in dataset.findings if f.rule == "value.count"]
    assert sum(f.count for f in listed) == 150
    assert len(listed) < 150
    rejected = invalid_rows(dataset).filter(pl.col("table") == "polling_stations")
    assert rejected["_index"].n_unique() == 150
    assert set(rejected["rule"].unique()) <= {"value.count", "value.rejected"}
    assert 150 not in rejected["_index"].to_list()
