"""Per-table rules through the contract's pandera schemas (``lazy=True``: every failure at once).

pandera's ``failure_cases`` are mapped back to the record's file, sheet and row through the
provenance columns, and each pandera check to one rule of the registry.
"""

from __future__ import annotations

import polars as pl

from readiness.contract import (
    CLOSED_SETS,
    CODE_PATTERN,
    PROVENANCE_COLUMNS,
    PROVENANCE_SCHEMA,
    TABLES,
    Language,
    TableName,
    polars_schema,
    table_schema,
)
from readiness.validation._region_rules import region_codes
from readiness.validation._registry import Context, Rule, check

__all__ = ["schema_failures"]

_PROVENANCE = {**PROVENANCE_SCHEMA}

REQUIRED = Rule(
    "schema.required", "error",
    "Kolom wajib diisi", "Required column filled",
    "Kolom {column} wajib diisi, tetapi kosong.",
    "{column} is required but blank.",
    "Isi {column} pada baris ini (lihat lembar Petunjuk untuk formatnya).",
    "Fill in {column} on this row (the Instructions sheet shows the format).",
)  # fmt: skip
RANGE = Rule(
    "schema.range", "error",
    "Bilangan cacah tidak negatif", "Counts are not negative",
    "{column} tidak boleh negatif; tertulis {value}.",
    "{column} must not be negative; got {value}.",
    "Tulis jumlah 0 atau lebih; bila belum ada datanya, kosongkan sel.",
    "Write a count of 0 or more; leave the cell blank when it is not reported.",
)  # fmt: skip
CLOSED_SET = Rule(
    "schema.closed_set", "error",
    "Nilai dari daftar pilihan", "Value from the closed list",
    "{column} berisi {value}, yang tidak ada dalam daftar pilihan.",
    "{column} holds {value}, which is not one of the allowed values.",
    "Pilih salah satu: {allowed_id}.",
    "Choose one of: {allowed_en}.",
)  # fmt: skip
CODE_FORMAT = Rule(
    "schema.code_format", "error",
    "Format kode Kemendagri", "Kemendagri code format",
    "{column} berisi {value}, yang bukan bentuk kode Kemendagri.",
    "{column} holds {value}, which is not shaped like a Kemendagri code.",
    "Tulis kode bertitik seperti 64.03 (kabupaten), 64.03.01 (kecamatan) atau 64.03.01.2001 "
    "(desa/kelurahan).",
    "Write a dotted code such as 64.03 (regency), 64.03.01 (district) or 64.03.01.2001 "
    "(village).",
)  # fmt: skip
DTYPE = Rule(
    "schema.dtype", "error",
    "Tipe data kolom", "Column data type",
    "Kolom {column} bertipe {value}, padahal seharusnya {expected}.",
    "Column {column} has type {value}; expected {expected}.",
    "Simpan kolom ini sebagai {expected} (angka, tanggal atau teks) di berkas sumber.",
    "Store this column as {expected} (number, date or text) in the source file.",
)  # fmt: skip
COLUMN_MISSING = Rule(
    "schema.column_missing", "error",
    "Kolom tabel lengkap", "Table has all its columns",
    "Tabel {table} tidak memiliki kolom {column}.",
    "Table {table} has no column {column}.",
    "Tambahkan kolom {column} (boleh kosong bila tidak wajib).",
    "Add the column {column} (it may stay blank unless it is required).",
)  # fmt: skip


_CHECK_RULES = (
    ("not_nullable", REQUIRED),
    ("greater_than_or_equal_to", RANGE),
    ("isin", CLOSED_SET),
    ("str_matches", CODE_FORMAT),
    ("dtype", DTYPE),
    ("column_in_dataframe", COLUMN_MISSING),
)


def _rule_of(check_name: pl.Expr) -> pl.Expr:
    """The rule of a pandera check name (vectorised: a failure frame may be millions long)."""
    rule: pl.Expr = pl.lit(None, pl.String)
    for prefix, found in reversed(_CHECK_RULES):
        rule = pl.when(check_name.str.starts_with(prefix)).then(pl.lit(found.id)).otherwise(rule)
    return rule


def _allowed(table: str, lang: Language) -> pl.DataFrame:
    rows = []
    for column in TABLES[table].columns:  # type: ignore[index]
        if column.closed_set is not None:
            labels = CLOSED_SETS[column.closed_set].labels(lang)
            rows.append({"column": column.name, f"allowed_{lang}": ", ".join(labels)})
    return pl.DataFrame(rows, schema={"column": pl.String, f"allowed_{lang}": pl.String})


def schema_failures(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Failing cells of one table as a failure frame (see ``FAILURE_COLUMNS``).

    >>> import polars as pl
    >>> from readiness.contract import empty_table
    >>> from readiness.ingest import with_provenance
    >>> bad = pl.concat([empty_table("personnel"), pl.DataFrame({
    ...     "region_code": ["64.03"], "agency": ["polri"], "role": ["security"], "count": [-5],
    ...     "as_of": [__import__("datetime").date(2024, 11, 25)],
    ...     "_file": ["berau.xlsx"], "_sheet": ["Personel"], "_row": [2]})],
    ...     how="diagonal_relaxed")
    >>> schema_failures("personnel", bad).select("rule", "_row", "column", "value").rows()
    [('schema.range', 2, 'count', '-5')]
    """
    import pandera.polars as pa  # only here: most datasets have no suspect rows to check

    spec = TABLES[table]  # type: ignore[index]
    try:
        table_schema(spec.name).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases: pl.DataFrame = errors.failure_cases
    else:
        return _empty()
    cases = cases.with_columns(rule=_rule_of(pl.col("check"))).filter(pl.col("rule").is_not_null())
    located = (
        frame.select(*_PROVENANCE)
        .with_row_index("index")
        .with_columns(pl.col("index").cast(pl.Int32))
    )
    per_row = (
        cases.filter(pl.col("index").is_not_null())
        .join(located, on="index", how="left")
        .select(
            "rule",
            pl.lit(table).alias("table"),
            *PROVENANCE_COLUMNS,
            "column",
            pl.col("failure_case").alias("value"),
            pl.lit(None, pl.String).alias("expected"),
        )
    )
    expected_types = {c.name: c.kind for c in spec.columns}
    whole_table = (
        cases.filter(
            pl.col("index").is_null() & pl.col("rule").is_in([DTYPE.id, COLUMN_MISSING.id])
        )
        .with_columns(
            column=pl.when(pl.col("rule") == COLUMN_MISSING.id)
            .then(pl.col("failure_case"))
            .otherwise(pl.col("column")),
        )
        .select(
            "rule",
            pl.lit(table).alias("table"),
            pl.lit(None, pl.String).alias("_file"),
            pl.lit(spec.sheet_id).alias("_sheet"),
            pl.lit(None, pl.Int64).alias("_row"),
            "column",
            pl.when(pl.col("rule") == DTYPE.id).then(pl.col("failure_case")).alias("value"),
            pl.col("column").replace_strict(expected_types, default=None).alias("expected"),
        )
    )
    result = pl.concat([per_row, whole_table], how="vertical_relaxed")
    return result.join(_allowed(table, "id"), on="column", how="left").join(
        _allowed(table, "en"), on="column", how="left"
    )


def _empty() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            "rule": pl.String, "table": pl.String, "_file": pl.String, "_sheet": pl.String,
            "_row": pl.Int64, "column": pl.String, "value": pl.String,
        }
    )  # fmt: skip


def _suspects(context: Context, name: TableName, frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of ``frame`` its schema may fail: those with a value the schema's checks would
    reject, or every row when a column is missing or not of its canonical type.

    Each condition is exactly a pandera check's failure (``ignore_na``: a blank cell passes
    every check but ``not_nullable``), so pandera, run on these rows only, fails the same cells.
    """
    if any(frame.schema.get(c) != dtype for c, dtype in polars_schema(name).items()):
        return frame
    suspect = []
    for column in TABLES[name].columns:
        value = pl.col(column.name)
        if column.required:
            suspect.append(value.is_null())
            if column.kind == "number":
                suspect.append(value.is_nan())
        if column.kind == "code":
            if column.name == "region_code" and context.dataset.tables.get(name) is frame:
                # every distinct code is checked once; rows are matched only for failing ones
                malformed = (
                    region_codes(context, name)
                    .filter(~pl.col("region_code").str.contains(CODE_PATTERN))
                    .get_column("region_code")
                )
                if malformed.len():
                    suspect.append(value.is_in(malformed.implode()))
            else:
                suspect.append(~value.str.contains(CODE_PATTERN))
        elif column.kind == "count":
            suspect.append(value < 0)
        elif column.kind == "closed" and column.closed_set is not None:
            suspect.append(~value.is_in(list(CLOSED_SETS[column.closed_set].keys)))
    if not suspect:
        return frame.head(0)
    return frame.filter(pl.any_horizontal(suspect))


@check(REQUIRED, RANGE, CLOSED_SET, CODE_FORMAT, DTYPE, COLUMN_MISSING)
def check_schemas(context: Context) -> pl.DataFrame:
    """Every table against its pandera schema.

    A required cell left blank because reading it already failed (text in a number cell, an
    unknown region name) is not reported twice: the reading finding on that row says why.
    """
    parts = [
        schema_failures(name, suspects)
        for name, frame in (context.as_read or context.dataset.tables).items()
        if frame.height > 0 and (suspects := _suspects(context, name, frame)).height > 0
    ]
    if not parts:
        return _empty()
    failures = pl.concat(parts, how="diagonal_relaxed")
    consequences = failures.filter(pl.col("rule") == REQUIRED.id).join(
        context.reading_error_rows,
        on=["table", *PROVENANCE_COLUMNS],
        how="semi",
        nulls_equal=True,
    )
    return failures.join(
        consequences.select("rule", *PROVENANCE_COLUMNS, "column"),
        on=["rule", *PROVENANCE_COLUMNS, "column"],
        how="anti",
        nulls_equal=True,
    )
