"""Readers for filled workbooks (xlsx and the other formats calamine reads) and CSV files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import fastexcel
import polars as pl

from readiness.contract import TABLES, Finding, TableName
from readiness.ingest._headers import fold_header, match_table_name
from readiness.ingest._records import Metadata, read_grid, read_metadata

__all__ = [
    "INSTRUCTION_SHEETS",
    "TablePart",
    "file_finding",
    "read_csv_file",
    "read_workbook",
    "table_for_stem",
    "unknown_table_finding",
]

TablePart = tuple[TableName, pl.DataFrame]

INSTRUCTION_SHEETS: frozenset[str] = frozenset({"petunjuk", "instructions"})
"""Folded names of the sheet holding the metadata block (region, as-of date, source)."""


def file_finding(
    rule: str,
    severity: str,
    file: str,
    message_id: str,
    message_en: str,
    hint_id: str,
    hint_en: str,
    *,
    sheet: str | None = None,
    value: str | None = None,
) -> Finding:
    """A finding about a whole file or sheet.

    >>> file_finding("file.unsupported", "warning", "a.pdf", "dilewati", "skipped", "", "").row
    """
    return Finding(
        rule=rule,
        severity=severity,  # type: ignore[arg-type]
        message_id=message_id,
        message_en=message_en,
        hint_id=hint_id,
        hint_en=hint_en,
        file=file,
        sheet=sheet,
        value=value,
    )


def _unreadable(file: str, error: Exception) -> Finding:
    return file_finding(
        "file.unreadable", "error", file,
        f"berkas tidak dapat dibaca: {error}", f"the file cannot be read: {error}",
        "buka dan simpan ulang berkas di Excel (format .xlsx), lalu coba lagi",
        "open the file in Excel, save it again as .xlsx, and retry",
    )  # fmt: skip


def _grid(reader: fastexcel.ExcelReader, sheet: str) -> list[tuple[object, ...]]:
    # Every cell as text, exactly as stored (numbers without inferred types, dates as ISO),
    # from sheet row 1 so positions are the row numbers people see.
    loaded = reader.load_sheet(sheet, header_row=None, dtypes="string", skip_rows=0)
    rows: list[tuple[object, ...]] = loaded.to_polars().rows()
    return rows


def read_workbook(path: Path, file: str) -> tuple[list[TablePart], list[Finding]]:
    """Read every data sheet of a workbook (named like a table in either language).

    ``file`` is the path shown in findings and provenance. Other sheets (instructions, region
    lists, dropdown lists) are skipped; the instructions sheet's metadata block supplies the
    regency, the default as-of date and the default source.

    >>> import tempfile, pathlib, xlsxwriter
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "berau.xlsx"
    >>> book = xlsxwriter.Workbook(str(path))
    >>> guide = book.add_worksheet("Petunjuk")
    >>> guide.write_row(0, 0, ["Per tanggal", "25/11/2024"])
    0
    >>> sheet = book.add_worksheet("Ringkasan")
    >>> sheet.write_row(0, 0, ["Kode wilayah *", "Jumlah TPS", "Personel pengamanan"])
    0
    >>> sheet.write_row(1, 0, ["64.03", 475, "1.588"])
    0
    >>> book.close()
    >>> parts, found = read_workbook(path, "berau.xlsx")
    >>> [(table, frame.select("tps", "security_personnel", "as_of").rows()) for table, frame in parts]
    [('summary', [(475, 1588, datetime.date(2024, 11, 25))])]
    """
    try:
        reader = fastexcel.read_excel(path)
        names: list[str] = list(reader.sheet_names)
    except Exception as error:
        return [], [_unreadable(file, error)]
    findings: list[Finding] = []
    metadata = Metadata()
    for sheet in names:
        if fold_header(sheet) in INSTRUCTION_SHEETS:
            try:
                metadata, found = read_metadata(_grid(reader, sheet), file=file, sheet=sheet)
            except Exception as error:
                return [], [_unreadable(file, error)]
            findings.extend(found)
            break
    parts: list[TablePart] = []
    for sheet in names:
        table = match_table_name(sheet)
        if table is None:
            continue
        try:
            rows = _grid(reader, sheet)
        except Exception as error:
            findings.append(_unreadable(file, error))
            continue
        if not rows:
            continue
        frame, found = read_grid(table, rows, file=file, sheet=sheet, metadata=metadata)
        findings.extend(found)
        parts.append((table, frame))
    if not any(match_table_name(sheet) for sheet in names):
        expected_id = ", ".join(spec.sheet_id for spec in TABLES.values())
        expected_en = ", ".join(spec.sheet_en for spec in TABLES.values())
        findings.append(
            file_finding(
                "file.unknown_table",
                "warning",
                file,
                "tidak ada lembar data yang dikenal; berkas dilewati",
                "no known data sheet; the file is skipped",
                f"beri nama lembar sesuai templat: {expected_id}",
                f"name the sheets as in the template: {expected_en}",
                value=", ".join(names),
            )
        )
    return parts, findings


def table_for_stem(stem: str) -> TableName | None:
    """The table a CSV/Parquet file holds, from its name: ``logistics``, ``64.03-logistik``.

    >>> table_for_stem("64.03_TPS"), table_for_stem("berau-neutrality_cases")
    ('polling_stations', 'neutrality_cases')
    """
    return match_table_name(stem, allow_prefix=True)


def unknown_table_finding(file: str, stem: str) -> Finding:
    """The warning for a CSV/Parquet file whose name names no table.

    >>> unknown_table_finding("catatan.csv", "catatan").rule
    'file.unknown_table'
    """
    names = ", ".join(TABLES)
    sheets = ", ".join(spec.sheet_id.lower() for spec in TABLES.values())
    return file_finding(
        "file.unknown_table", "warning", file,
        f"nama berkas {stem!r} tidak menunjuk tabel mana pun; berkas dilewati",
        f"the file name {stem!r} names no table; the file is skipped",
        f"namai berkas menurut tabelnya, mis. 64.03-logistik.csv; nama yang dikenal: {sheets}",
        f"name the file after its table, e.g. 64.03-logistics.csv; known names: {names}",
        value=stem,
    )  # fmt: skip


def _separator(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            counts = {sep: line.count(sep) for sep in (";", ",", "\t")}
            best = max(counts, key=lambda sep: counts[sep])
            return best if counts[best] else ","
    return ","


def read_csv_file(path: Path, file: str, table: TableName) -> tuple[list[TablePart], list[Finding]]:
    """Read a CSV file (UTF-8, ``,``, ``;`` or tab separated, detected) as text cells.

    Rows are numbered as lines, the header line being 1.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tps.csv"
    >>> _ = path.write_text("Kode wilayah;Jumlah TPS;Per tanggal\\n64.03.01;20;25/11/2024\\n")
    >>> [(t, f.select("region_code", "tps", "_row").rows()) for t, f in
    ...  read_csv_file(path, "tps.csv", "polling_stations")[0]]
    [('polling_stations', [('64.03.01', 20, 2)])]
    """
    findings: list[Finding] = []
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [], [_unreadable(file, error)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        findings.append(
            file_finding(
                "file.encoding",
                "warning",
                file,
                "berkas CSV bukan UTF-8; dibaca sebagai Windows-1252",
                "the CSV file is not UTF-8; it was read as Windows-1252",
                "simpan sebagai 'CSV UTF-8' agar huruf khusus terbaca benar",
                "save it as 'CSV UTF-8' so that special letters read correctly",
            )
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    rows: list[list[str]] = []
    numbers: list[int] = []
    first_line = 1
    try:
        for record in reader:
            rows.append(record)
            numbers.append(first_line)
            first_line = reader.line_num + 1
    except csv.Error as error:
        findings.append(_unreadable(file, error))
        return [], findings
    if not rows:
        return [], findings
    frame, found = read_grid(table, rows, file=file, sheet=None, row_numbers=numbers)
    return [(table, frame)], findings + found
