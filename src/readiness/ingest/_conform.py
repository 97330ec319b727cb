"""Bring a table read from any file to the contract, vectorised: one path for every format.

Workbook sheets, CSV files and Parquet files all arrive here as a frame whose columns are
mapped by their headers. Columns already of the contract's dtype pass through; text columns
are parsed with polars expressions first and only the distinct values left over go through
the Python parsers, so millions of rows load in seconds. Rows that carry only a region (a
template's pre-filled list) are dropped: nothing was reported there. Values that do not parse
become null and a finding each (at most :data:`MAX_FINDINGS_PER_COLUMN` per file and column,
then one finding that counts the rest); every such row is listed, uncapped, in the frame of
rejected rows.

A text grid may come with a mask of the cells that held a number in their file (an Excel
number cell): those are read as the number they are, never through the thousands reading
meant for typed text, so a number cell holding 0.846 in a count column is an error, not 846.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from readiness.contract import (
    PROVENANCE_COLUMNS,
    TABLES,
    ColumnSpec,
    Finding,
    TableName,
    format_number,
    polars_schema,
)
from readiness.ingest._convert import (
    DISTINCT_FROM_ROWS,
    convert_cells,
    decide_text_columns,
    falses,
    nulls,
    takes_typed_cells,
    text_cells,
    text_expr,
)
from readiness.ingest._headers import IDENTITY_COLUMNS, HeaderMap, map_headers
from readiness.ingest._names import REGION_DEPTHS, RegionNameError, resolve_name
from readiness.ingest._records import (
    PROVENANCE_SCHEMA,
    Metadata,
    finding_from_error,
    frame_schema,
)
from readiness.ingest._tps_id import split_kpu_tps_ids

__all__ = [
    "MAX_FINDINGS_PER_COLUMN",
    "REJECTED_SCHEMA",
    "TableColumns",
    "conform_columns",
    "conform_frame",
    "conform_table",
    "table_columns",
]

MAX_FINDINGS_PER_COLUMN = 100

REJECTED_SCHEMA: dict[str, pl.DataType] = dict(PROVENANCE_SCHEMA)
"""Columns of the frame of rejected rows: the provenance of each row with a reading error."""


def _capped(
    findings: list[Finding], rows: pl.DataFrame, make: Callable[[dict[str, object]], Finding]
) -> None:
    """Findings for ``rows``, at most :data:`MAX_FINDINGS_PER_COLUMN` per file."""
    if rows.height > MAX_FINDINGS_PER_COLUMN and rows["_file"].n_unique() > 1:
        for part in rows.partition_by("_file", maintain_order=True):
            _capped(findings, part, make)
        return
    for record in rows.head(MAX_FINDINGS_PER_COLUMN).iter_rows(named=True):
        findings.append(make(record))
    rest = rows.height - MAX_FINDINGS_PER_COLUMN
    if rest > 0:
        last = findings[-1]
        findings.append(
            Finding(
                rule=last.rule,
                severity=last.severity,
                message_id=f"… dan {format_number(rest, 'id')} baris lain dengan masalah yang sama.",
                message_en=f"… and {format_number(rest, 'en')} more rows with the same problem.",
                hint_id=last.hint_id,
                hint_en=last.hint_en,
                file=last.file,
                sheet=last.sheet,
                column=last.column,
                count=rest,
            )
        )


def conform_frame(
    table: TableName,
    frame: pl.DataFrame,
    file: str,
    *,
    processed: bool = False,
    sheet: str | None = None,
    metadata: Metadata | None = None,
    header: HeaderMap | None = None,
) -> tuple[pl.DataFrame, list[Finding]]:
    """Map a frame's columns to the contract, parse and cast them, add provenance.

    Provenance columns already present are kept (a reader puts the line or sheet row in
    ``_row``); otherwise ``_file`` is ``file``, ``_sheet`` ``sheet`` and ``_row`` the record
    number (1 = first record). ``metadata`` (a workbook's instructions
    sheet) gives the default as-of date and source and the regency in which names are looked
    up; ``header`` maps the frame's columns by position when the header row was read apart.
    A ``processed`` frame was checked when it was built: it is only cast.

    >>> raw = pl.DataFrame({"kode wilayah": ["6403", "64.03", "64.03"],
    ...                     "Instansi": ["Polri", "tni", None], "role": ["security"] * 2 + [None],
    ...                     "count": ["1.588", "x", None], "as_of": ["2024-11-25", "25/11/2024", None]})
    >>> frame, found = conform_frame("personnel", raw, "p.parquet")
    >>> frame.select("region_code", "agency", "count", "as_of", "_row").rows()
    [('64.03', 'polri', 1588, datetime.date(2024, 11, 25), 1), ('64.03', 'tni', None, datetime.date(2024, 11, 25), 2)]
    >>> [(f.rule, f.row, f.column, f.value) for f in found]
    [('value.count', 2, 'count', 'x')]
    """
    result, findings, _ = conform_table(
        table, frame, file, processed=processed, sheet=sheet, metadata=metadata,
        header=header,
    )  # fmt: skip
    return result, findings


def conform_table(
    table: TableName,
    frame: pl.DataFrame,
    file: str | None,
    *,
    processed: bool = False,
    sheet: str | None = None,
    metadata: Metadata | None = None,
    header: HeaderMap | None = None,
    typed: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, list[Finding], pl.DataFrame]:
    """:func:`conform_frame`, plus the provenance of every row with a reading error (uncapped).

    ``typed`` (booleans, the data columns of ``frame`` by position) marks the text cells that
    held a number in their file.
    """
    columns = table_columns(
        table, frame, file, sheet=sheet, metadata=metadata, header=header, typed=typed
    )
    return conform_columns(table, columns, processed=processed)


@dataclass
class TableColumns:
    """A frame's columns mapped to one table's, ready to be conformed: ``raw`` (contract
    name → cells), ``numbers`` (the typed-cell masks), ``provenance``. The frame itself is
    not held: :func:`conform_columns` lets each raw column go once it is converted, so a
    national table is never held twice over."""

    header: HeaderMap
    meta: Metadata
    raw: dict[str, pl.Series]
    numbers: dict[str, pl.Series]
    provenance: dict[str, pl.Series]
    height: int


def table_columns(
    table: TableName,
    frame: pl.DataFrame,
    file: str | None,
    *,
    sheet: str | None = None,
    metadata: Metadata | None = None,
    header: HeaderMap | None = None,
    typed: pl.DataFrame | None = None,
) -> TableColumns:
    """The columns of ``frame`` as :func:`conform_table` reads them (see it)."""
    meta = metadata or Metadata()
    data_columns = [c for c in frame.columns if c not in PROVENANCE_COLUMNS]
    if header is None:
        defaults = frozenset(
            name for name, value in (("as_of", meta.as_of), ("source", meta.source)) if value
        )
        header = map_headers(table, data_columns, defaults=defaults, file=file, sheet=sheet)
    positions = {name: position for position, name in header.columns.items()}
    numbers: dict[str, pl.Series] = {}
    if typed is not None:
        numbers = {name: typed.to_series(p) for name, p in positions.items() if p < typed.width}
    return TableColumns(
        header=header,
        meta=meta,
        raw={name: frame.get_column(data_columns[p]) for name, p in positions.items()},
        numbers=numbers,
        provenance=_provenance(frame, file, sheet),
        height=frame.height,
    )


def conform_columns(
    table: TableName, columns: TableColumns, *, processed: bool = False
) -> tuple[pl.DataFrame, list[Finding], pl.DataFrame]:
    """:func:`conform_table` of the columns :func:`table_columns` read; each raw column is
    taken out of ``columns.raw`` once converted, so ``columns`` serves one call only."""
    spec = TABLES[table]
    header, meta, raw = columns.header, columns.meta, columns.raw
    numbers, provenance = columns.numbers, columns.provenance
    findings = list(header.findings)
    mapped = set(raw)
    if not processed and columns.height:
        keep = _reported_rows(
            {name: series for name, series in raw.items() if name not in IDENTITY_COLUMNS}
        )
        if not keep.all():
            for name, series in raw.items():
                raw[name] = series.filter(keep)
            numbers = {name: series.filter(keep) for name, series in numbers.items()}
            provenance = {name: series.filter(keep) for name, series in provenance.items()}
    height = provenance["_row"].len()
    for name, series in split_kpu_tps_ids(raw, "tps_number" in spec.column_names).items():
        raw[name] = series  # a region code or TPS number taken from a KPU id, where one is
    schema = polars_schema(table)
    decided = decide_text_columns(
        {
            column.name: (column, raw[column.name], schema[column.name])
            for column in spec.columns
            if column.name in raw
            and len(raw[column.name]) < DISTINCT_FROM_ROWS
            and not takes_typed_cells(column, raw[column.name], numbers.get(column.name))
        }
    )
    out: dict[str, pl.Series] = {}
    failed: dict[str, pl.Series] = {}
    for column in spec.columns:
        target = schema[column.name]
        if column.name not in raw:
            out[column.name] = nulls(column.name, height, target)
            continue
        series = raw.pop(column.name)
        converted, failed[column.name], errors, typed_failed = convert_cells(
            column,
            series,
            numbers.get(column.name),
            target,
            decided=decided.pop(column.name, None),
        )
        out[column.name] = converted.alias(column.name)
        if failed[column.name].any():
            label = header.labels[column.name]
            bad = pl.DataFrame({"value": series, "_typed": typed_failed, **provenance}).filter(
                failed[column.name]
            )
            _capped(
                findings,
                bad,
                lambda record, label=label, errors=errors: finding_from_error(  # type: ignore[misc]
                    errors[("typed", record["value"]) if record["_typed"] else record["value"]],
                    file=record["_file"],
                    sheet=record["_sheet"],
                    row=record["_row"],
                    column=label,
                ),
            )
    for name, default in (("as_of", meta.as_of), ("source", meta.source)):
        if default is not None and not processed:
            fill = out[name].is_null()
            if name in failed:
                fill = fill & ~failed[name]
            out[name] = (
                pl.select(pl.when(pl.lit(fill)).then(pl.lit(default)).otherwise(pl.lit(out[name])))
                .to_series()
                .cast(schema[name])
                .alias(name)
            )
    result = pl.DataFrame({**out, **provenance}).cast(frame_schema(table))  # type: ignore[arg-type]
    if processed:
        return result, findings, pl.DataFrame(schema=REJECTED_SCHEMA)
    if "region_name" in mapped:
        result, unresolved = _resolve_names(table, result, failed, header.labels, meta, findings)
        failed["region_code"] = failed.get("region_code", unresolved) | unresolved
    blank = _required(table, result, header, findings, failed)
    masks = [*failed.values(), *blank]
    if masks:
        rejected = result.filter(pl.any_horizontal(masks)).select(list(REJECTED_SCHEMA))
    else:
        rejected = pl.DataFrame(schema=REJECTED_SCHEMA)
    return result, findings, rejected


def _reported_rows(columns: dict[str, pl.Series]) -> pl.Series:
    """Whether each row holds something in one of ``columns`` (blank words and NaN count as
    empty). A long text column is looked at once per distinct value, and when one is filled
    on every row the others need not be looked at; the rest is decided in one query."""
    if not columns:
        return pl.select(pl.lit(False)).to_series()
    cells: list[pl.Series] = []
    filled_cells: list[pl.Expr] = []
    for name, series in columns.items():
        if len(series) >= DISTINCT_FROM_ROWS and series.dtype == pl.String:
            distinct = series.drop_nulls().unique()
            filled = distinct.filter(text_cells(distinct).is_not_null())
            if series.null_count() == 0 and filled.len() == distinct.len():
                return pl.Series([True]).new_from_index(0, len(series))
            cells.append(series.is_in(filled.implode()).fill_null(False).alias(name))
            filled_cells.append(pl.col(name))
        else:
            cells.append(series.alias(name))
            filled_cells.append(_filled(pl.col(name), series.dtype))
    return pl.DataFrame(cells).select(pl.any_horizontal(filled_cells)).to_series()


def _filled(cell: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """Whether a cell of ``dtype`` holds something (blank words and NaN count as empty)."""
    if dtype == pl.String:
        return text_expr(cell).is_not_null()
    if dtype.is_float():
        return cell.is_not_null() & ~cell.is_nan()
    return cell.is_not_null()


def _provenance(frame: pl.DataFrame, file: str | None, sheet: str | None) -> dict[str, pl.Series]:
    height = frame.height
    columns: dict[str, pl.Series] = {}
    for name, dtype in PROVENANCE_SCHEMA.items():
        if name in frame.columns:
            columns[name] = frame.get_column(name).cast(dtype).alias(name)
        else:
            columns[name] = nulls(name, height, dtype)
    if file is not None:
        columns["_file"] = columns["_file"].fill_null(file)
    if sheet is not None:
        columns["_sheet"] = columns["_sheet"].fill_null(sheet)
    if "_row" not in frame.columns:
        columns["_row"] = pl.int_range(1, height + 1, dtype=pl.Int64, eager=True).alias("_row")
    return columns


def _resolve_names(
    table: TableName,
    frame: pl.DataFrame,
    failed: dict[str, pl.Series],
    labels: dict[str, str],
    meta: Metadata,
    findings: list[Finding],
) -> tuple[pl.DataFrame, pl.Series]:
    """Fill blank codes from region names; returns the frame and the rows whose name failed.

    A row with a TPS number sits in a village, so its name is looked up among villages only.
    """
    wanted = frame["region_code"].is_null() & frame["region_name"].is_not_null()
    if "region_code" in failed:
        wanted = wanted & ~failed["region_code"]
    if not wanted.any():
        return frame, falses(frame.height)
    at_tps = pl.col("tps_number").is_not_null() if "tps_number" in frame.columns else pl.lit(False)
    keyed = frame.select(pl.col("region_name").alias("name"), at_tps.alias("at_tps"))
    codes: list[dict[str, object]] = []
    errors: dict[tuple[str, bool], RegionNameError] = {}
    for name, in_village in keyed.filter(wanted).unique().iter_rows():
        depths = (4,) if in_village else REGION_DEPTHS[table]
        try:
            code = resolve_name(name, meta.region_code, depths, suggest=False)
        except RegionNameError as error:
            errors[(name, in_village)] = error
            continue
        codes.append({"name": name, "at_tps": in_village, "code": code})
    lookup = pl.DataFrame(
        codes, schema={"name": pl.String, "at_tps": pl.Boolean, "code": pl.String}
    )
    resolved = keyed.join(lookup, on=["name", "at_tps"], how="left", maintain_order="left")["code"]
    frame = frame.with_columns(
        region_code=pl.when(pl.lit(wanted)).then(pl.lit(resolved)).otherwise(pl.col("region_code"))
    )
    unresolved = wanted & resolved.is_null()
    label = labels.get("region_name", "region_name")
    at_tps_mask = keyed["at_tps"]

    def make(record: dict[str, object]) -> Finding:
        name, in_village = str(record["region_name"]), bool(record["_at_tps"])
        error = errors[(name, in_village)]
        if error.rule == "region.unknown_name":  # a finding shown: worth the suggestions
            depths = (4,) if in_village else REGION_DEPTHS[table]
            try:
                resolve_name(name, meta.region_code, depths, suggest=True)
            except RegionNameError as suggested:
                error = suggested
        return finding_from_error(
            error,
            file=record["_file"],  # type: ignore[arg-type]
            sheet=record["_sheet"],  # type: ignore[arg-type]
            row=record["_row"],  # type: ignore[arg-type]
            column=label,
            value=str(record["region_name"]),
        )

    _capped(findings, frame.with_columns(_at_tps=pl.lit(at_tps_mask)).filter(unresolved), make)
    return frame, unresolved


def _required(
    table: TableName,
    frame: pl.DataFrame,
    header: HeaderMap,
    findings: list[Finding],
    failed: dict[str, pl.Series],
) -> list[pl.Series]:
    """One finding per blank required cell on a row that holds data (cells that failed to
    parse are reported already); returns the masks of those rows."""
    mapped = header.mapped
    masks: list[pl.Series] = []
    for column in TABLES[table].columns:
        in_frame = column.name in mapped or (
            column.name == "region_code" and "region_name" in mapped
        )
        if not column.required or not in_frame:
            continue
        blank = frame[column.name].is_null()
        if column.name in failed:
            blank = blank & ~failed[column.name]
        if not blank.any():
            continue
        masks.append(blank)
        label = header.labels.get(column.name, column.label_id)

        def make(
            record: dict[str, object], column: ColumnSpec = column, label: str = label
        ) -> Finding:
            return Finding(
                rule="value.required",
                severity="error",
                message_id=f"Kolom {label!r} wajib diisi pada baris yang berisi data.",
                message_en=f"The column {column.label_en!r} must be filled on a row that holds "
                "data.",
                hint_id=f"Isi {label!r} ({column.description_id}), atau kosongkan seluruh baris.",
                hint_en=f"Fill in {column.label_en!r} ({column.description_en}), or clear the "
                "whole row.",
                file=record["_file"],  # type: ignore[arg-type]
                sheet=record["_sheet"],  # type: ignore[arg-type]
                row=record["_row"],  # type: ignore[arg-type]
                column=label,
            )

        _capped(findings, frame.filter(blank), make)
    return masks
