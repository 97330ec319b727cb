"""Every cell a reader sees is read exactly, or named in a finding (row and column) and left
blank: generated CSV (separators, quotes, encodings, blank rows, unquoted separators) and
workbooks (number, date and text cells), in Indonesian and English writing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.contract import TABLES, Finding
from readiness.ingest import is_blank
from readiness.ingest._csv import read_csv_file
from readiness.ingest._readers import read_workbook

TABLE = "vulnerabilities"
COLUMNS = ("region_code", "instrument", "score", "tps_count", "mitigation", "as_of", "note")
LABELS = {name: TABLES[TABLE].column(name).label_id for name in COLUMNS}
ERROR = object()
"""The intended value of a cell that must be refused (a number cell with decimals in a count)."""


@dataclass(frozen=True)
class Cell:
    """A cell as written (text, or a typed number or date for a workbook) and what it means."""

    written: object
    intended: object


# ---- what people write ------------------------------------------------------------------------


def _group(digits: str, mark: str) -> str:
    head = len(digits) % 3 or 3
    return mark.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


@st.composite
def counts(draw: st.DrawFn, typed: bool) -> Cell:
    n = draw(st.one_of(st.integers(0, 50_000_000), st.integers(0, 10**20)))
    styles = ["plain", "id", "en", "unit", "spaced"] + (["number", "fraction"] if typed else [])
    style = draw(st.sampled_from(styles))
    if style == "number":  # what the workbook stores: 16 significant digits, a whole number
        stored = float(f"{float(n):.16g}")
        return Cell(stored, int(stored))
    if style == "fraction":  # a number cell holding decimals: refused, never rescaled
        part = draw(st.integers(1, 999))
        stored = float(f"{float(Decimal(n) + Decimal(part) / 1000):.16g}")
        return Cell(stored, int(stored) if stored.is_integer() else ERROR)
    text = {
        "plain": str(n), "id": _group(str(n), "."), "en": _group(str(n), ","),
        "unit": f"{_group(str(n), '.')} TPS", "spaced": f"  {n}  ",
    }[style]  # fmt: skip
    return Cell(text, n)


@st.composite
def decimals(draw: st.DrawFn, typed: bool) -> Cell:
    whole = draw(st.integers(0, 99_999))
    places = draw(st.integers(0, 3))
    fraction = draw(st.integers(0, 10**places - 1)) if places else 0
    digits = f"{fraction:0{places}d}" if places else ""
    exact = Decimal(f"{whole}.{digits}") if places else Decimal(whole)
    styles = ["id", "en", "id_grouped", "en_grouped"] + (["number"] if typed else [])
    style = draw(st.sampled_from(styles))
    if style == "number":  # any float a cell can hold, not only what looks short
        value = draw(st.one_of(st.just(float(exact)), st.floats(0, 1e9, allow_nan=False)))
        value = float(f"{value:.16g}")  # what the workbook stores (16 significant digits)
        return Cell(value, value)
    mark, group = {"id": (",", ""), "en": (".", ""), "id_grouped": (",", "."),
                   "en_grouped": (".", ",")}[style]  # fmt: skip
    head = _group(str(whole), group) if group else str(whole)
    text = f"{head}{mark}{digits}" if places else head
    return Cell(text, float(exact))


@st.composite
def dates(draw: st.DrawFn, typed: bool) -> Cell:
    day = draw(st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember"]  # fmt: skip
    styles = ["dmy", "iso", "named"] + (["date"] if typed else [])
    style = draw(st.sampled_from(styles))
    written: object = {
        "dmy": day.strftime("%d/%m/%Y"), "iso": day.isoformat(),
        "named": f"{day.day} {months[day.month - 1]} {day.year}", "date": day,
    }[style]  # fmt: skip
    return Cell(written, day)


_TEXT = st.text(
    alphabet=st.sampled_from([*list("abcXYZéñ019 ;,.\t\"'-/%()\n"), "ü", "ř", "—"]),
    min_size=0,
    max_size=12,
)


@st.composite
def texts(draw: st.DrawFn) -> Cell:
    text = draw(_TEXT)
    if text.startswith("=") or text.strip() == "":
        text = "x" + text
    intended = None if is_blank(text) else text.strip()
    return Cell(text, intended)


@st.composite
def instruments(draw: st.DrawFn) -> Cell:
    written, key = draw(st.sampled_from([("IKP Bawaslu", "ikp"), ("ikp", "ikp"),
                                         ("TPS rawan", "tps_rawan"), ("Polri", "polri_grade")]))  # fmt: skip
    return Cell(written, key)


@st.composite
def rows(draw: st.DrawFn, typed: bool) -> dict[str, Cell]:
    return {
        "region_code": Cell("64.03", "64.03"),
        "instrument": draw(instruments()),
        "score": draw(decimals(typed)),
        "tps_count": draw(counts(typed)),
        "mitigation": draw(texts()),
        "as_of": draw(dates(typed)),
        "note": draw(texts()),
    }


# ---- the property ---------------------------------------------------------------------------


def _check(frame: pl.DataFrame, findings: list[Finding], expected: dict[int, dict[str, Cell]],
           refused_rows: set[int]) -> None:  # fmt: skip
    """Every cell read exactly, or named by a finding and left blank; refused rows out."""
    by_row = {r["_row"]: r for r in frame.iter_rows(named=True)}
    named = {(f.row, f.column) for f in findings}
    for row in refused_rows:
        assert row not in by_row, f"row {row}: fields did not line up, yet it was used"
        assert any(f.row == row and f.rule == "file.field_count" for f in findings), row
    assert set(by_row) <= set(expected), f"rows read that were never written: {set(by_row)}"
    for row, cells in expected.items():
        if row in refused_rows:
            continue
        assert row in by_row, f"row {row} was written but not read: {cells}"
        for name, cell in cells.items():
            value = by_row[row][name]
            if cell.intended is not ERROR and value == cell.intended:
                continue
            assert (row, LABELS[name]) in named, (
                f"row {row}, {LABELS[name]}: {cell.written!r} means {cell.intended!r} but was "
                f"read as {value!r} without a finding"
            )
            assert value is None, f"row {row}, {LABELS[name]}: refused yet read as {value!r}"


_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(
    body=st.lists(
        st.one_of(rows(typed=False), st.just(None), st.tuples(st.just("naive"), rows(False))),
        min_size=1,
        max_size=8,
    ),
    separator=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    ending=st.sampled_from(["\n", "\r\n"]),
)
def test_every_csv_cell_is_read_exactly_or_named(
    tmp_path: Path, body: list[Any], separator: str, encoding: str, ending: str
) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator, lineterminator=ending)
    writer.writerow([LABELS[name] for name in COLUMNS])
    line = 2  # the line the next record starts on (header = 1)
    expected: dict[int, dict[str, Cell]] = {}
    refused: set[int] = set()
    for item in body:
        start = out.tell()
        if item is None:  # a blank line, or a row of empty fields
            out.write(separator * (line % 2) * (len(COLUMNS) - 1) + ending)
        elif isinstance(item, tuple):  # written by hand: no quotes around a separator
            cells = {n: c for n, c in item[1].items()}
            texts = [str(cells[name].written) for name in COLUMNS]
            if any('"' in t or "\n" in t or "\r" in t for t in texts):
                continue
            out.write(separator.join(texts) + ending)
            expected[line] = cells
            if sum(t.count(separator) for t in texts):
                refused.add(line)
        else:
            writer.writerow([str(item[name].written) for name in COLUMNS])
            expected[line] = item
        line += out.getvalue()[start:].count("\n")
    text = out.getvalue()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    path = tmp_path / f"case-{abs(hash((text, encoding)))}.csv"
    path.write_bytes(data)
    read = read_csv_file(path, path.name, TABLE)
    frame = read.parts[0][1] if read.parts else pl.DataFrame({"_row": []})
    _check(frame, read.findings, expected, refused)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.lists(st.one_of(rows(typed=True), st.just(None)), min_size=1, max_size=8))
def test_every_workbook_cell_is_read_exactly_or_named(
    tmp_path: Path, body: list[dict[str, Cell] | None]
) -> None:
    path = tmp_path / f"case-{abs(hash(repr(body)))}.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = book.add_worksheet(TABLES[TABLE].sheet_id)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, [LABELS[name] for name in COLUMNS])
    expected: dict[int, dict[str, Cell]] = {}
    for index, item in enumerate(body, start=1):
        if item is None:  # a blank row
            continue
        for column, name in enumerate(COLUMNS):
            written = item[name].written
            if isinstance(written, dt.date):
                sheet.write_datetime(index, column, dt.datetime.combine(written, dt.time()),
                                     date_format)  # fmt: skip
            elif isinstance(written, float):
                sheet.write_number(index, column, written)
            else:
                sheet.write_string(index, column, str(written))
        expected[index + 1] = item
    book.close()
    read = read_workbook(path, path.name)
    frame = read.parts[0][1] if read.parts else pl.DataFrame({"_row": []})
    _check(frame, read.findings, expected, set())


@pytest.mark.parametrize(
    ("written", "column", "intended"),
    [
        ("1.234", "score", None),  # 1234 the Indonesian way, 1.234 the English way: refused
        ("1,234", "score", None),
        ("0,846", "score", 0.846),
        ("1.234,5", "score", 1234.5),
        ("1.234", "tps_count", 1234),  # a count is whole: only the thousands reading is possible
        ("0.846", "tps_count", None),  # a fraction, not 846
    ],
)
def test_one_separator_and_three_digits(
    tmp_path: Path, written: str, column: str, intended: object
) -> None:
    path = tmp_path / "64.03-kerawanan.csv"
    header = ";".join(LABELS[n] for n in ("region_code", "instrument", column, "as_of"))
    path.write_text(f"{header}\n64.03;IKP;{written};25/11/2024\n", encoding="utf-8")
    read = read_csv_file(path, path.name, TABLE)
    frame = read.parts[0][1]
    assert frame[column].to_list() == [intended]
    if intended is None:
        (finding,) = read.findings
        assert (finding.row, finding.column, finding.value) == (2, LABELS[column], written)


def test_number_cells_keep_their_exact_value(tmp_path: Path) -> None:
    path = tmp_path / "64.03-berau.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Kerawanan")
    sheet.write_row(0, 0, [LABELS[n] for n in ("region_code", "instrument", "score", "tps_count",
                                               "as_of")])  # fmt: skip
    for row, (score, count) in enumerate(
        [(99.99999999999, 0.846), (77.04, 100.001), (13.46, 1588.0), (0.5, "1.588")], start=1
    ):
        sheet.write_row(row, 0, ["64.03", "IKP", score, count, "25/11/2024"])
    book.close()
    read = read_workbook(path, path.name)
    frame = read.parts[0][1]
    # shown as 100 in a narrow cell, but the cell holds 99.99999999999
    assert frame["score"].to_list() == [99.99999999999, 77.04, 13.46, 0.5]
    # a number cell with decimals is not a count: never 846 or 100001
    assert frame["tps_count"].to_list() == [None, None, 1588, 1588]
    assert [(f.rule, f.row, f.column, f.value) for f in read.findings] == [
        ("value.count_fraction", 2, "Jumlah TPS", "0.846"),
        ("value.count_fraction", 3, "Jumlah TPS", "100.001"),
    ]
    assert "846" in read.findings[0].hint_en


def test_a_count_too_large_to_store_is_refused_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "64.03-kerawanan.csv"
    path.write_text(
        "Kode wilayah;Instrumen;Jumlah TPS;Per tanggal\n64.03;IKP;99999999999999999999;25/11/2024\n",
        encoding="utf-8",
    )
    read = read_csv_file(path, path.name, TABLE)
    assert read.parts[0][1]["tps_count"].to_list() == [None]
    assert [(f.rule, f.row) for f in read.findings] == [("value.count", 2)]


@pytest.mark.parametrize(
    ("text", "refused", "found"),
    [
        # a semicolon inside a note of a semicolon CSV
        (
            "Kode wilayah;Instansi;Peran;Jumlah;Per tanggal;Catatan\n"
            "64.03;Polri;Pengamanan;1.588;25/11/2024;termasuk BKO; Brimob\n"
            "64.03;TNI;Pengamanan;300;25/11/2024;\n",
            2,
            7,
        ),
        # thousands written with a comma in a comma CSV: 1 person and a source "588" otherwise
        (
            "Kode wilayah,Instansi,Peran,Jumlah,Per tanggal,Sumber\n"
            "64.03,Polri,Pengamanan,1,588,25/11/2024,Laporan\n"
            "64.03,TNI,Pengamanan,300,25/11/2024,Laporan\n",
            2,
            7,
        ),
        # a value left out in the middle: every later value would move one column left
        (
            "Kode wilayah;Instansi;Peran;Jumlah;Per tanggal;Sumber\n"
            "64.03;TNI;Pengamanan;300;25/11/2024;Laporan\n"
            "64.03;Polri;1588;25/11/2024;Laporan\n",
            3,
            5,
        ),
    ],
)
def test_a_row_whose_fields_do_not_line_up_is_named_and_not_used(
    tmp_path: Path, text: str, refused: int, found: int
) -> None:
    path = tmp_path / "64.03-personel.csv"
    path.write_text(text, encoding="utf-8")
    read = read_csv_file(path, path.name, "personnel")
    frame = read.parts[0][1]
    assert refused not in frame["_row"].to_list()
    assert frame.height == 1
    (finding,) = read.findings
    assert (finding.rule, finding.severity, finding.file, finding.row) == (
        "file.field_count", "error", path.name, refused,
    )  # fmt: skip
    assert f"{found} fields where the header row has 6" in finding.message_en
    assert f"punya {found} kolom, padahal baris judul punya 6" in finding.message_id


def test_bytes_of_no_known_encoding_are_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "64.03-kerawanan.csv"
    # 0x81 is a letter neither in UTF-8 (alone) nor in Windows-1252
    path.write_bytes(
        b"Kode wilayah;Instrumen;Mitigasi;Per tanggal\n64.03;IKP;Patroli \x81;25/11/2024\n"
    )
    read = read_csv_file(path, path.name, TABLE)
    assert read.parts == []
    assert [(f.rule, f.severity) for f in read.findings] == [("file.unreadable", "error")]
    assert "utf-8" in read.findings[0].message_en.lower()


def test_parquet_floats_nan_is_blank_and_infinity_refused(tmp_path: Path) -> None:
    from readiness.ingest import load_dataset

    pl.DataFrame(
        {
            "region_code": ["64.03"] * 3,
            "instrument": ["ikp", "ikp", "tps_rawan"],
            "score": [77.04, float("nan"), float("inf")],
            "as_of": ["2024-11-25"] * 3,
        }
    ).write_parquet(tmp_path / "64.03-vulnerabilities.parquet")
    dataset = load_dataset(tmp_path)
    assert dataset.table(TABLE)["score"].to_list() == [77.04, None, None]
    assert [(f.rule, f.row, f.value) for f in dataset.findings] == [("value.number", 3, "inf")]


def test_a_long_column_read_as_written_is_kept_and_any_other_converted_cell_by_cell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from readiness.ingest import _convert
    from readiness.ingest._convert import convert_cells

    item = TABLES["logistics"].column("item")
    clean = pl.Series(["ballot", "ink", None] * 500)
    blank = pl.Series([None] * 1500, dtype=pl.String)
    with monkeypatch.context() as patch:

        def not_spread(self: object, per_value: pl.Series) -> pl.Series:
            raise AssertionError("a column read as written was spread back to its rows")

        patch.setattr(_convert.Repeated, "spread", not_spread)
        converted, failed, errors, _ = convert_cells(item, clean, None, pl.String())
        kept_blank, blank_failed, _, _ = convert_cells(item, blank, None, pl.String())
    assert converted.equals(clean)
    assert not failed.any()
    assert errors == {}
    assert kept_blank.dtype == pl.String
    assert kept_blank.null_count() == 1500
    assert not blank_failed.any()
    messy = pl.Series(["ballot", " ink ", "-", "surat suara", "xyz", None] * 300)
    converted, failed, errors, _ = convert_cells(item, messy, None, pl.String())
    assert converted.head(6).to_list() == ["ballot", "ink", None, "ballot", None, None]
    assert failed.head(6).to_list() == [False, False, False, False, True, False]
    assert list(errors) == ["xyz"]
    count = TABLES["summary"].column("tps")
    as_text = pl.Series(["475", "12", None] * 500)
    numbers, failed, _, _ = convert_cells(count, as_text, None, pl.Int64())
    assert numbers.head(3).to_list() == [475, 12, None]
    assert numbers.dtype == pl.Int64
    assert not failed.any()
