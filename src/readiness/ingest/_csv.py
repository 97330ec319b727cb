"""Read a CSV file: its encoding, separator and header line found, every record as text, and
a record whose fields do not line up with the header's refused and named.

A separator inside an unquoted cell (a ``;`` in a note, ``1,588`` in a comma file) shifts every
value after it into the wrong column; such a record is an error, never read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from readiness.contract import Finding, TableName
from readiness.ingest._headers import find_header_row, match_header
from readiness.ingest._readers import (
    HEADER_SEARCH_ROWS,
    FileRead,
    file_finding,
    read_grid_frame,
    unreadable,
)
from readiness.ingest._records import Metadata

__all__ = ["read_csv_file"]


def _header_layout(text: str, table: TableName) -> tuple[str, int]:
    """The separator (``;``, ``,`` or tab) and the count of physical lines above the header row:
    the pair under which a row of the first few names the most columns of ``table``."""
    best = (0, ",", 0)
    for separator in (";", ",", "\t"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        line = 0
        try:
            for index, record in enumerate(reader):
                if index >= HEADER_SEARCH_ROWS:
                    break
                named = sum(match_header(table, cell) is not None for cell in record)
                if named > best[0]:
                    best = (named, separator, line)
                line = reader.line_num
        except csv.Error:
            continue
    return best[1], best[2]


def _csv_grid(text: str, separator: str, skipped: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The CSV's records below ``skipped`` lines as a grid of text (line numbers in ``_row``),
    and per record its count of fields (``fields``) and of fields up to the last filled one
    (``filled``).

    A file without quotes is read by polars and its fields counted per line; a file with
    quotes (where a separator or a line break may sit inside a cell) is read record by record.
    """
    if '"' in text:
        return _quoted_csv_grid(text, separator, skipped)
    grid = pl.read_csv(
        io.BytesIO(text.encode("utf-8")),
        has_header=False,
        separator=separator,
        skip_lines=skipped,
        infer_schema=False,
        truncate_ragged_lines=True,
        quote_char=None,
    )
    physical = text.split("\n")[skipped:]
    if physical and physical[-1] == "":
        physical.pop()
    lines = pl.Series("line", physical, dtype=pl.String)
    if lines.len() != grid.height:  # a line the two readings count differently
        return _quoted_csv_grid(text, separator, skipped)
    grid = grid.with_columns(_row=pl.int_range(skipped + 1, skipped + 1 + grid.height,
                                               dtype=pl.Int64))  # fmt: skip
    counted = lines.to_frame().select(
        fields=pl.col("line").str.count_matches(separator, literal=True) + 1,
        filled=_filled_fields(pl.col("line"), separator),
    )
    return grid, counted


def _filled_fields(line: pl.Expr, separator: str) -> pl.Expr:
    kept = line.str.strip_chars_end(separator + " \t\r")
    return (
        pl.when(kept == "").then(0).otherwise(kept.str.count_matches(separator, literal=True) + 1)
    )


def _quoted_csv_grid(text: str, separator: str, skipped: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    body = text.split("\n", skipped)[-1] if skipped else text
    if skipped and text.count("\n") < skipped:
        body = ""
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=separator, strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    line = 0
    for record in reader:
        records.append(record)
        starts.append(skipped + line + 1)
        line = reader.line_num
    width = max((len(r) for r in records), default=0)
    grid = pl.DataFrame(
        [[r[i] if i < len(r) and r[i] != "" else None for i in range(width)] for r in records],
        schema={f"column_{i}": pl.String for i in range(width)},
        orient="row",
    ).with_columns(_row=pl.Series(starts, dtype=pl.Int64))
    filled = []
    for record in records:
        last = len(record)
        while last and not record[last - 1].strip():
            last -= 1
        filled.append(last)
    counted = pl.DataFrame(
        {"fields": [len(r) for r in records], "filled": filled},
        schema={"fields": pl.Int64, "filled": pl.Int64},
    )
    return grid, counted


def _drop_misfits(
    table: TableName, grid: pl.DataFrame, fields: pl.DataFrame, file: str
) -> tuple[pl.DataFrame, list[Finding]]:
    """The grid without the records below the header whose fields do not line up with the
    header's (a separator inside an unquoted cell shifts every value after it), and an error
    finding for each: such a row is never used.

    A record may stop short of header fields that have no name (``a;b;c;;`` over ``1;2;3``);
    one with more fields than the header, or fewer than its last name, is refused. A record of
    empty fields is a blank line.
    """
    header_index = find_header_row(table, grid.drop("_row").head(HEADER_SEARCH_ROWS).rows())
    if header_index < 0 or grid.height == 0:
        return grid, []
    header_fields = int(fields["fields"][header_index])
    header_filled = int(fields["filled"][header_index])
    position = pl.int_range(0, pl.len())
    misfit = fields.select(
        (position > header_index)
        & (pl.col("filled") > 0)
        & ((pl.col("fields") < header_filled) | (pl.col("fields") > header_fields))
    ).to_series()
    if not misfit.any():
        return grid, []
    bad = pl.concat([grid.select("_row"), fields], how="horizontal").filter(misfit)
    findings = [
        _field_count_finding(file, row, header_fields, found)
        for row, found in bad.select("_row", "fields").iter_rows()
    ]
    return grid.filter(~misfit), findings


def _field_count_finding(file: str, row: int, expected: int, found: int) -> Finding:
    return Finding(
        rule="file.field_count",
        severity="error",
        message_id=f"Baris ini punya {found} kolom, padahal baris judul punya {expected}; "
        "barisnya tidak dipakai.",
        message_en=f"This row has {found} fields where the header row has {expected}; the row "
        "is not used.",
        hint_id="Pemisah kolom di dalam isi sel menggeser nilai sesudahnya: beri tanda kutip "
        'pada sel itu (mis. "1,588" atau "catatan; lanjutan"), atau tulis angka tanpa pemisah '
        "ribuan.",
        hint_en="A separator inside a cell shifts every value after it: quote that cell "
        '(e.g. "1,588" or "note; more"), or write numbers without a thousands separator.',
        file=file,
        row=row,
        value=f"{found}/{expected}",
    )


def read_csv_file(
    path: Path, file: str, table: TableName, *, metadata: Metadata | None = None
) -> FileRead:
    """Read a CSV file (UTF-8, ``,``, ``;`` or tab separated, detected), every cell as text.

    Rows are numbered as lines, the header line being 1 (title lines above it count too).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tps.csv"
    >>> _ = path.write_text("Kode wilayah;Jumlah TPS;Per tanggal\\n64.03.01;20;25/11/2024\\n")
    >>> [(t, f.select("region_code", "tps", "_row").rows()) for t, f in
    ...  read_csv_file(path, "tps.csv", "polling_stations").parts]
    [('polling_stations', [('64.03.01', 20, 2)])]
    """
    result = FileRead()
    try:
        raw = path.read_bytes()
    except OSError as error:
        result.findings.append(unreadable(file, error))
        return result
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as not_utf8:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:  # bytes no letter stands for: refused, never replaced
            result.findings.append(unreadable(file, not_utf8))
            return result
        result.findings.append(
            file_finding(
                "file.encoding",
                "warning",
                file,
                "Berkas CSV bukan UTF-8; dibaca sebagai Windows-1252.",
                "The CSV file is not UTF-8; it was read as Windows-1252.",
                "Simpan sebagai 'CSV UTF-8' agar huruf khusus terbaca benar.",
                "Save it as 'CSV UTF-8' so that special letters read correctly.",
            )
        )
    if not text.strip():
        return result
    separator, skipped = _header_layout(text, table)
    try:
        grid, fields = _csv_grid(text, separator, skipped)
    except (pl.exceptions.PolarsError, ValueError, csv.Error) as error:
        result.findings.append(unreadable(file, error))
        return result
    grid, misfits = _drop_misfits(table, grid, fields, file)
    result.findings.extend(misfits)
    frame, found, rejected = read_grid_frame(table, grid, file=file, metadata=metadata)
    result.add(table, frame, found, rejected)
    return result
