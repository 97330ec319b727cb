"""Readers for filled workbooks (xlsx and the other formats calamine reads), and the grid
reading CSV files share (see ``_csv``).

Both read every cell as text into a grid frame, find the header row, and hand the rows below
it to :func:`conform_table`, the one vectorised path every format goes through.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import polars as pl

from readiness.contract import TABLES, Finding, TableName
from readiness.ingest._conform import REJECTED_SCHEMA, conform_table
from readiness.ingest._headers import (
    find_header_row,
    fold_header,
    map_headers,
    match_table_name,
)
from readiness.ingest._records import Metadata, frame_schema, read_metadata
from readiness.regions import UnknownRegionError, get_region

if TYPE_CHECKING:
    import fastexcel

__all__ = [
    "HEADER_SEARCH_ROWS",
    "INSTRUCTION_SHEETS",
    "FileRead",
    "TablePart",
    "file_finding",
    "read_grid",
    "read_grid_frame",
    "read_workbook",
    "region_in_name",
    "table_for_stem",
    "unknown_table_finding",
    "unreadable",
]

TablePart = tuple[TableName, pl.DataFrame]
"""One table read from a file (canonical and provenance columns)."""

HEADER_SEARCH_ROWS = 11
"""Rows searched for the header row (title lines may sit above it)."""


@dataclass
class FileRead:
    """What one file gave: its tables, the findings, and the rows rejected while reading.

    ``read_tables`` counts the tables found in the file (a header-only sheet counts too):
    a file with none gave nothing readable.
    """

    parts: list[TablePart] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    rejected: list[pl.DataFrame] = field(default_factory=list)
    read_tables: int = 0

    def add(
        self, table: TableName, frame: pl.DataFrame, found: list[Finding], rejected: pl.DataFrame
    ) -> None:
        """Add one table read from the file."""
        self.findings.extend(found)
        if not any(f.rule == "header.not_found" for f in found):
            self.read_tables += 1
            self.parts.append((table, frame))
        if rejected.height:
            self.rejected.append(rejected)


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


def _sentence(error: Exception) -> str:
    text = str(error).strip().rstrip(".")
    return text + "." if text else ""


def unreadable(file: str, error: Exception, *, sheet: str | None = None) -> Finding:
    """The error for a file (or sheet) that cannot be read, with the reason.

    >>> unreadable("a.csv", ValueError("bad bytes")).message_en
    'The file cannot be read: bad bytes.'
    """
    return file_finding(
        "file.unreadable", "error", file,
        f"Berkas tidak dapat dibaca: {_sentence(error)}",
        f"The file cannot be read: {_sentence(error)}",
        "Buka dan simpan ulang berkas di Excel (format .xlsx), lalu coba lagi.",
        "Open the file in Excel, save it again as .xlsx, and retry.",
        sheet=sheet,
    )  # fmt: skip


_NUMERIC = r"^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$"
_WHOLE = r"^-?\d+$"


def _grid(reader: fastexcel.ExcelReader, sheet: str) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """Every cell as text, exactly as stored (numbers without inferred types, dates as ISO),
    from sheet row 1 so positions are the row numbers people see; and the mask of the cells
    that hold a number that is not whole (None when there is none).

    A number cell and a text cell look alike as text (``0.846``), and the text of a number
    cell is rounded for display (99.99999999999 shows as 100). Read as whole numbers, a
    number cell gives its integer part and a text cell with decimals gives nothing, which
    tells them apart; read as floats, a number cell gives its exact value, which replaces the
    display text.
    """
    loaded = reader.load_sheet(sheet, header_row=None, dtypes="string", skip_rows=0)
    grid: pl.DataFrame = loaded.to_polars().cast(pl.String)
    looks = grid.select(pl.all().str.contains(_NUMERIC).fill_null(False))
    candidates = [i for i, column in enumerate(looks.iter_columns()) if column.any()]
    if not candidates:
        return grid, None

    def load(dtype: Literal["int", "float"]) -> pl.DataFrame:
        found: pl.DataFrame = reader.load_sheet(
            sheet, header_row=None, dtypes=dtype, skip_rows=0, use_columns=candidates
        ).to_polars()
        return found

    whole, real = load("int"), load("float")
    typed = looks.select(pl.repeat(False, grid.height, dtype=pl.Boolean).alias(c)
                         for c in looks.columns)  # fmt: skip
    for position, index in enumerate(candidates):
        text = grid.to_series(index)
        integer, number = whole.to_series(position), real.to_series(position)
        holds_number = looks.to_series(index) & integer.is_not_null() & number.is_not_null()
        not_whole = ~text.str.contains(_WHOLE).fill_null(False) | (
            number != integer.cast(pl.Float64)
        ).fill_null(False)
        mask = (holds_number & not_whole).alias(text.name)
        typed = typed.with_columns(mask)
        grid = grid.with_columns(
            pl.when(mask).then(number.cast(pl.String)).otherwise(text).alias(text.name)
        )
    return grid, typed


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_grid(
    table: TableName,
    rows: Sequence[Sequence[object]],
    *,
    file: str | None = None,
    sheet: str | None = None,
    metadata: Metadata | None = None,
    row_numbers: Sequence[int] | None = None,
) -> tuple[pl.DataFrame, list[Finding]]:
    """Read one table from a grid of cells: find the header, parse every filled row.

    ``row_numbers`` gives the number a person sees for each grid row (default: position + 1,
    as in a spreadsheet).

    >>> frame, found = read_grid("personnel", [
    ...     ["Kode wilayah *", "Instansi *", "Peran *", "Jumlah *", "Per tanggal *"],
    ...     ["64.03", "Polri", "Pengamanan", "1.588 orang", "25/11/2024"],
    ...     ["64.03", "TNI", "Pengamanan", "banyak", "25/11/2024"],
    ... ], file="berau.xlsx", sheet="Personel")
    >>> frame.select("agency", "count", "_row").rows()
    [('polri', 1588, 2), ('tni', None, 3)]
    >>> [(f.rule, f.row, f.column, f.value) for f in found]
    [('value.count', 3, 'Jumlah', 'banyak')]

    A cell holding a number keeps it: 0.846 in a count is refused, never read as 846.

    >>> frame, found = read_grid("personnel", [
    ...     ["Kode wilayah *", "Instansi *", "Peran *", "Jumlah *", "Per tanggal *"],
    ...     ["64.03", "Polri", "Pengamanan", 0.846, "25/11/2024"],
    ...     ["64.03", "TNI", "Pengamanan", "0.846", "25/11/2024"],
    ... ])
    >>> frame["count"].to_list(), [(f.rule, f.row, f.value) for f in found]
    ([None, None], [('value.count_fraction', 2, '0.846'), ('value.count', 3, '0.846')])
    """
    width = max((len(row) for row in rows), default=0)
    grid = pl.DataFrame(
        [[_cell_text(row[i]) if i < len(row) else None for i in range(width)] for row in rows],
        schema={f"column_{i}": pl.String for i in range(width)},
        orient="row",
    )
    typed = pl.DataFrame(
        [[i < len(row) and _fractional_number(row[i]) for i in range(width)] for row in rows],
        schema={f"column_{i}": pl.Boolean for i in range(width)},
        orient="row",
    )
    if row_numbers is not None:
        grid = grid.with_columns(_row=pl.Series(list(row_numbers), dtype=pl.Int64))
    frame, findings, _ = read_grid_frame(
        table, grid, file=file, sheet=sheet, metadata=metadata, typed=typed
    )
    return frame, findings


def _fractional_number(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and not value.is_integer()


def read_grid_frame(
    table: TableName,
    grid: pl.DataFrame,
    *,
    file: str | None = None,
    sheet: str | None = None,
    metadata: Metadata | None = None,
    typed: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, list[Finding], pl.DataFrame]:
    """Read one table from a grid frame of text cells (row numbers in ``_row``, else
    position + 1); returns the table, the findings and the rejected rows.

    ``typed`` (booleans, one column per grid column but ``_row``) marks the cells that held a
    number in the file: they keep their number, never read as typed text would be.
    """
    if "_row" not in grid.columns:
        grid = grid.with_columns(_row=pl.int_range(1, grid.height + 1, dtype=pl.Int64))
    cells = grid.drop("_row")
    top = cells.head(HEADER_SEARCH_ROWS).rows()
    header_index = find_header_row(table, top)
    if header_index < 0:
        return (
            pl.DataFrame(schema=frame_schema(table)),
            [_no_header(table, file, sheet)],
            pl.DataFrame(schema=REJECTED_SCHEMA),
        )
    meta = metadata or Metadata()
    defaults = frozenset(
        name for name, value in (("as_of", meta.as_of), ("source", meta.source)) if value
    )
    header = map_headers(
        table, [_cell_text(c) for c in top[header_index]], defaults=defaults, file=file,
        sheet=sheet, row=int(grid["_row"][header_index]),
    )  # fmt: skip
    body = grid.slice(header_index + 1)
    numbers = typed.slice(header_index + 1) if typed is not None else None
    return conform_table(
        table, body, file, sheet=sheet, metadata=meta, header=header, typed=numbers
    )


def _no_header(table: TableName, file: str | None, sheet: str | None) -> Finding:
    spec = TABLES[table]
    return Finding(
        rule="header.not_found",
        severity="error",
        message_id=f"Baris judul kolom lembar {spec.sheet_id!r} tidak ditemukan di "
        f"{HEADER_SEARCH_ROWS} baris pertama.",
        message_en=f"No header row found for {spec.sheet_en!r} in the first "
        f"{HEADER_SEARCH_ROWS} rows.",
        hint_id="Baris pertama harus berisi judul kolom templat, mis. "
        f"{', '.join(c.label_id for c in spec.columns[:3])}.",
        hint_en="The first row must hold the template's column headers, e.g. "
        f"{', '.join(c.label_en for c in spec.columns[:3])}.",
        file=file,
        sheet=sheet,
    )


def read_workbook(path: Path, file: str) -> FileRead:
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
    >>> read = read_workbook(path, "berau.xlsx")
    >>> [(table, frame.select("tps", "security_personnel", "as_of").rows())
    ...  for table, frame in read.parts]
    [('summary', [(475, 1588, datetime.date(2024, 11, 25))])]
    """
    import fastexcel

    result = FileRead()
    try:
        reader = fastexcel.read_excel(path)
        names: list[str] = list(reader.sheet_names)
    except Exception as error:
        result.findings.append(unreadable(file, error))
        return result
    named = region_in_name(Path(file).stem)
    metadata = Metadata(region_code=named)
    for sheet in names:
        if fold_header(sheet) in INSTRUCTION_SHEETS:
            try:
                metadata, found = read_metadata(
                    _grid(reader, sheet)[0].rows(), file=file, sheet=sheet
                )
            except Exception as error:
                result.findings.append(unreadable(file, error, sheet=sheet))
                return result
            result.findings.extend(found)
            if metadata.region_code is None:
                metadata = replace(metadata, region_code=named)
            break
    for sheet in names:
        table = match_table_name(sheet)
        if table is None:
            continue
        try:
            grid, typed = _grid(reader, sheet)
        except Exception as error:
            result.findings.append(unreadable(file, error, sheet=sheet))
            continue
        if grid.height == 0:
            result.read_tables += 1
            continue
        frame, found, rejected = read_grid_frame(
            table, grid, file=file, sheet=sheet, metadata=metadata, typed=typed
        )
        result.add(table, frame, found, rejected)
    if not any(match_table_name(sheet) for sheet in names):
        expected_id = ", ".join(spec.sheet_id for spec in TABLES.values())
        expected_en = ", ".join(spec.sheet_en for spec in TABLES.values())
        result.findings.append(
            file_finding(
                "file.unknown_table",
                "warning",
                file,
                "Tidak ada lembar data yang dikenal; berkas dilewati.",
                "No known data sheet; the file is skipped.",
                f"Beri nama lembar sesuai templat: {expected_id}.",
                f"Name the sheets as in the template: {expected_en}.",
                value=", ".join(names),
            )
        )
    return result


def table_for_stem(stem: str) -> TableName | None:
    """The table a CSV/Parquet file holds, from its name: ``logistics``, ``64.03-logistik``.

    >>> table_for_stem("64.03_TPS"), table_for_stem("berau-neutrality_cases")
    ('polling_stations', 'neutrality_cases')
    """
    return match_table_name(stem, allow_prefix=True)


_NAME_CODE = re.compile(r"^(\d{2})(?:\.?(\d{2}))?(?!\d)")


def region_in_name(stem: str) -> str | None:
    """The province or regency a file name starts with, when it is in the reference.

    Region names in the file are looked up there (a workbook names its regency on its
    instructions sheet instead).

    >>> region_in_name("64.03-logistik"), region_in_name("6403_tps"), region_in_name("64-tps")
    ('64.03', '64.03', '64')
    >>> region_in_name("logistics"), region_in_name("99.99-tps"), region_in_name("2024-tps")
    (None, None, None)
    """
    match = _NAME_CODE.match(stem)
    if match is None:
        return None
    code = ".".join(part for part in match.groups() if part)
    try:
        get_region(code)
    except UnknownRegionError:
        return None
    return code


def unknown_table_finding(file: str, stem: str) -> Finding:
    """The warning for a CSV/Parquet file whose name names no table.

    >>> unknown_table_finding("catatan.csv", "catatan").rule
    'file.unknown_table'
    """
    names = ", ".join(TABLES)
    sheets = ", ".join(spec.sheet_id.lower() for spec in TABLES.values())
    return file_finding(
        "file.unknown_table", "warning", file,
        f"Nama berkas {stem!r} tidak menunjuk tabel mana pun; berkas dilewati.",
        f"The file name {stem!r} names no table; the file is skipped.",
        f"Namai berkas menurut tabelnya, mis. 64.03-logistik.csv; nama yang dikenal: {sheets}.",
        f"Name the file after its table, e.g. 64.03-logistics.csv; known names: {names}.",
        value=stem,
    )  # fmt: skip
