"""Bring a frame in canonical long format (Parquet) to the contract, vectorised.

Columns already of the contract's dtype pass through; text columns are parsed with polars
expressions first and only the distinct values left over go through the Python parsers, so
millions of rows load in seconds. Values that do not parse become null and a finding each
(at most :data:`MAX_FINDINGS_PER_COLUMN` per file and column, then one summary finding that
counts the rest).
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from readiness.contract import (
    CLOSED_SETS,
    PROVENANCE_COLUMNS,
    TABLES,
    ColumnSpec,
    Finding,
    TableName,
    polars_schema,
)
from readiness.ingest._headers import HeaderMap, map_headers
from readiness.ingest._records import (
    _REGION_DEPTHS,
    PROVENANCE_SCHEMA,
    _RegionNameError,
    _resolve_name,
    finding_from_error,
    frame_schema,
)
from readiness.ingest._values import (
    BLANK_WORDS,
    ValueParseError,
    parse_closed,
    parse_code,
    parse_count,
    parse_date,
    parse_decimal,
)

__all__ = ["MAX_FINDINGS_PER_COLUMN", "conform_frame"]

MAX_FINDINGS_PER_COLUMN = 100

_DOTTED = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"


def _text(expr: pl.Expr) -> pl.Expr:
    """Trimmed text with the "not reported" words turned into null."""
    trimmed = expr.cast(pl.String).str.strip_chars()
    return (
        pl.when(trimmed.str.to_lowercase().is_in(sorted(BLANK_WORDS))).then(None).otherwise(trimmed)
    )


def _code(expr: pl.Expr) -> pl.Expr:
    text = _text(expr)
    length = text.str.len_chars()
    digits = text.str.contains(r"^\d+$")

    def dotted(*widths: int) -> pl.Expr:
        parts, start = [], 0
        for width in widths:
            parts.append(text.str.slice(start, width))
            start += width
        return pl.concat_str(parts, separator=".")

    return (
        pl.when(text.str.contains(_DOTTED))
        .then(text)
        .when(digits & (length == 4))
        .then(dotted(2, 2))
        .when(digits & (length == 6))
        .then(dotted(2, 2, 2))
        .when(digits & (length == 10))
        .then(dotted(2, 2, 2, 4))
        .otherwise(None)
    )


def _fast(column: ColumnSpec, series: pl.Series) -> pl.Series:
    """The vectorised conversion; null where it could not decide (the Python parser tries)."""
    dtype = series.dtype
    frame = series.to_frame("value")
    value = pl.col("value")
    if column.kind == "code":
        expr = _code(value)
    elif column.kind == "date":
        if dtype == pl.Date:
            expr = value
        elif isinstance(dtype, pl.Datetime):
            expr = value.dt.date()
        elif dtype == pl.String:
            expr = _text(value).str.to_date("%Y-%m-%d", strict=False)
        else:
            expr = pl.lit(None, pl.Date)
    elif column.kind == "count":
        if dtype.is_integer():
            expr = value.cast(pl.Int64, strict=False)
        elif dtype.is_float():
            expr = pl.when(value.is_finite() & (value == value.floor())).then(value.cast(pl.Int64))
        elif dtype == pl.String:
            expr = _text(value).cast(pl.Int64, strict=False)
        else:
            expr = pl.lit(None, pl.Int64)
    elif column.kind == "number":
        if dtype.is_numeric():
            expr = value.cast(pl.Float64)
        elif dtype == pl.String:
            expr = _text(value).cast(pl.Float64, strict=False)
        else:
            expr = pl.lit(None, pl.Float64)
    elif column.kind == "closed" and column.closed_set is not None:
        keys = list(CLOSED_SETS[column.closed_set].keys)
        text = _text(value)
        expr = pl.when(text.is_in(keys)).then(text)
    else:
        expr = _text(value)
    return frame.select(expr.alias("value")).to_series()


def _parser(column: ColumnSpec) -> Callable[[object], object]:
    if column.kind == "code":
        return parse_code
    if column.kind == "date":
        return parse_date
    if column.kind == "count":
        return parse_count
    if column.kind == "number":
        return parse_decimal
    closed = CLOSED_SETS[column.closed_set or ""]
    return lambda value: parse_closed(value, closed)


def _convert(
    column: ColumnSpec, series: pl.Series, target: pl.DataType
) -> tuple[pl.Series, pl.Series, dict[object, ValueParseError]]:
    """Converted values, a mask of cells that failed, and the error per failing raw value.

    Text columns are converted once per distinct value and mapped back: national tables
    repeat the same codes, items and dates millions of times.
    """
    distinct = series.drop_nulls().unique() if series.dtype == pl.String else None
    if distinct is not None and distinct.len() * 4 < len(series):
        converted, failed, errors = _convert_values(column, distinct, target)
        return (
            series.replace_strict(distinct, converted, default=None, return_dtype=target),
            series.replace_strict(distinct, failed, default=False, return_dtype=pl.Boolean),
            errors,
        )
    return _convert_values(column, series, target)


def _convert_values(
    column: ColumnSpec, series: pl.Series, target: pl.DataType
) -> tuple[pl.Series, pl.Series, dict[object, ValueParseError]]:
    fast = _fast(column, series).cast(target)
    if column.kind == "text":
        return fast, _falses(len(series)), {}
    present = series.is_not_null()
    if series.dtype == pl.String:
        present = present & _text_series(series).is_not_null()
    undecided = present & fast.is_null()
    if not undecided.any():
        return fast, undecided, {}
    leftovers = series.filter(undecided)
    parse = _parser(column)
    mapping: dict[object, object] = {}
    errors: dict[object, ValueParseError] = {}
    for raw in leftovers.unique().to_list():
        try:
            mapping[raw] = parse(raw)
        except ValueParseError as error:
            errors[raw] = error
    if mapping:
        slow = series.replace_strict(mapping, default=None, return_dtype=target)
        fast = pl.select(pl.coalesce(fast, slow)).to_series()
    failed = undecided & series.is_in(list(errors)) if errors else undecided & False
    return fast, failed, errors


def _falses(length: int) -> pl.Series:
    return pl.repeat(False, length, dtype=pl.Boolean, eager=True)


def _nulls(name: str, length: int, dtype: pl.DataType) -> pl.Series:
    return pl.repeat(None, length, dtype=dtype, eager=True).alias(name)


def _text_series(series: pl.Series) -> pl.Series:
    return series.to_frame("value").select(_text(pl.col("value"))).to_series()


def _capped(
    findings: list[Finding], rows: pl.DataFrame, make: Callable[[dict[str, object]], Finding]
) -> None:
    for record in rows.head(MAX_FINDINGS_PER_COLUMN).iter_rows(named=True):
        findings.append(make(record))
    rest = rows.height - MAX_FINDINGS_PER_COLUMN
    if rest > 0:
        last = findings[-1]
        findings.append(
            Finding(
                rule=last.rule,
                severity=last.severity,
                message_id=f"dan {rest:,} baris lain dengan masalah yang sama".replace(",", "."),
                message_en=f"and {rest:,} more rows with the same problem",
                hint_id=last.hint_id,
                hint_en=last.hint_en,
                file=last.file,
                sheet=last.sheet,
                column=last.column,
                count=rest,
            )
        )


def conform_frame(
    table: TableName, frame: pl.DataFrame, file: str, *, processed: bool = False
) -> tuple[pl.DataFrame, list[Finding]]:
    """Map a long-format frame's columns to the contract, parse and cast them, add provenance.

    Provenance columns already present (a processed dataset) are kept; otherwise ``_file`` is
    ``file``, ``_sheet`` null and ``_row`` the record number (1 = first record). A
    ``processed`` frame was checked when it was built: it is only cast, names are not matched
    again and blank required cells not reported again.

    >>> raw = pl.DataFrame({"kode wilayah": ["6403", "64.03"], "Instansi": ["Polri", "tni"],
    ...                     "role": ["security"] * 2, "count": ["1.588", "x"],
    ...                     "as_of": ["2024-11-25", "25/11/2024"]})
    >>> frame, found = conform_frame("personnel", raw, "p.parquet")
    >>> frame.select("region_code", "agency", "count", "as_of").rows()
    [('64.03', 'polri', 1588, datetime.date(2024, 11, 25)), ('64.03', 'tni', None, datetime.date(2024, 11, 25))]
    >>> [(f.rule, f.row, f.column, f.value) for f in found]
    [('value.count', 2, 'count', 'x')]
    """
    spec = TABLES[table]
    data_columns = [c for c in frame.columns if c not in PROVENANCE_COLUMNS]
    header = map_headers(table, data_columns, file=file)
    findings = list(header.findings)
    height = frame.height
    provenance = _provenance(frame, file)
    schema = polars_schema(table)
    out: dict[str, pl.Series] = {}
    failed: dict[str, pl.Series] = {}
    positions = {name: position for position, name in header.columns.items()}
    for column in spec.columns:
        target = schema[column.name]
        if column.name not in positions:
            out[column.name] = _nulls(column.name, height, target)
            continue
        series = frame.get_column(data_columns[positions[column.name]])
        converted, failed[column.name], errors = _convert(column, series, target)
        out[column.name] = converted.alias(column.name)
        if failed[column.name].any():
            label = header.labels[column.name]
            bad = pl.DataFrame({"value": series, **provenance}).filter(failed[column.name])
            _capped(
                findings,
                bad,
                lambda record, label=label, errors=errors: finding_from_error(  # type: ignore[misc]
                    errors[record["value"]],
                    file=record["_file"],
                    sheet=record["_sheet"],
                    row=record["_row"],
                    column=label,
                ),
            )
    result = pl.DataFrame({**out, **provenance}).cast(frame_schema(table))  # type: ignore[arg-type]
    if processed:
        return result, findings
    if "region_name" in positions:
        result, unresolved = _resolve_names(table, result, failed, header.labels, findings)
        failed["region_code"] = failed.get("region_code", unresolved) | unresolved
    _required(table, result, header, findings, failed)
    return result, findings


def _provenance(frame: pl.DataFrame, file: str) -> dict[str, pl.Series]:
    height = frame.height
    columns: dict[str, pl.Series] = {}
    for name, dtype in PROVENANCE_SCHEMA.items():
        if name in frame.columns:
            columns[name] = frame.get_column(name).cast(dtype).alias(name)
        else:
            columns[name] = _nulls(name, height, dtype)
    columns["_file"] = columns["_file"].fill_null(file)
    if "_row" not in frame.columns:
        columns["_row"] = pl.int_range(1, height + 1, dtype=pl.Int64, eager=True).alias("_row")
    return columns


def _resolve_names(
    table: TableName,
    frame: pl.DataFrame,
    failed: dict[str, pl.Series],
    labels: dict[str, str],
    findings: list[Finding],
) -> tuple[pl.DataFrame, pl.Series]:
    """Fill blank codes from region names; returns the frame and the rows whose name failed."""
    wanted = frame["region_code"].is_null() & frame["region_name"].is_not_null()
    if "region_code" in failed:
        wanted = wanted & ~failed["region_code"]
    if not wanted.any():
        return frame, _falses(frame.height)
    codes: dict[str, str] = {}
    errors: dict[str, _RegionNameError] = {}
    for name in frame["region_name"].filter(wanted).unique().to_list():
        try:
            codes[name] = _resolve_name(name, None, _REGION_DEPTHS[table])
        except _RegionNameError as error:
            errors[name] = error
    resolved = frame["region_name"].replace_strict(codes, default=None, return_dtype=pl.String)
    frame = frame.with_columns(
        region_code=pl.when(pl.lit(wanted)).then(resolved).otherwise(pl.col("region_code"))
    )
    unresolved = wanted & frame["region_name"].is_in(list(errors))
    label = labels.get("region_name", "region_name")

    def make(record: dict[str, object]) -> Finding:
        error = errors[str(record["region_name"])]
        return Finding(
            rule=error.rule,
            severity="error",
            message_id=error.message_id,
            message_en=error.message_en,
            hint_id=error.hint_id,
            hint_en=error.hint_en,
            file=record["_file"],  # type: ignore[arg-type]
            sheet=record["_sheet"],  # type: ignore[arg-type]
            row=record["_row"],  # type: ignore[arg-type]
            column=label,
            value=str(record["region_name"]),
        )

    _capped(findings, frame.filter(unresolved), make)
    return frame, unresolved


def _required(
    table: TableName,
    frame: pl.DataFrame,
    header: HeaderMap,
    findings: list[Finding],
    failed: dict[str, pl.Series],
) -> None:
    """One finding per blank required cell (cells that failed to parse are reported already)."""
    mapped = header.mapped
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
        label = header.labels.get(column.name, column.name)

        def make(
            record: dict[str, object], column: ColumnSpec = column, label: str = label
        ) -> Finding:
            return Finding(
                rule="value.required",
                severity="error",
                message_id=f"{label!r} wajib diisi",
                message_en=f"{label!r} must be filled",
                hint_id=f"isi {column.label_id!r} ({column.description_id})",
                hint_en=f"fill in {column.label_en!r} ({column.description_en})",
                file=record["_file"],  # type: ignore[arg-type]
                sheet=record["_sheet"],  # type: ignore[arg-type]
                row=record["_row"],  # type: ignore[arg-type]
                column=label,
            )

        _capped(findings, frame.filter(blank), make)
