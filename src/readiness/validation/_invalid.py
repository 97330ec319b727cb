"""The rows validation rejects, so that computations can leave them out."""

from __future__ import annotations

import dataclasses

import polars as pl

from readiness.contract import Election, TableName, load_election
from readiness.ingest import Dataset, with_provenance
from readiness.validation._registry import CHECKS, RULES, Context
from readiness.validation._validate import conformed, dataset_province

__all__ = ["INVALID_ROWS_SCHEMA", "invalid_rows"]

INVALID_ROWS_SCHEMA = {
    "table": pl.String(),
    "_index": pl.Int64(),
    "_file": pl.String(),
    "_sheet": pl.String(),
    "_row": pl.Int64(),
    "rule": pl.String(),
}
"""Columns of :func:`invalid_rows`."""

_PLACE = ("_file", "_sheet", "_row")


def _with_place(
    failures: pl.DataFrame, tables: dict[TableName, pl.DataFrame]
) -> list[pl.DataFrame]:
    """``failures`` (``table``, ``_index``, ``rule``) with where each row was read."""
    parts = []
    for (name,), failed in failures.partition_by("table", as_dict=True).items():
        if name not in tables:
            parts.append(failed)
            continue
        places = tables[name].select(_PLACE).with_row_index("_index")
        parts.append(failed.join(places.cast({"_index": pl.Int64}), on="_index", how="left"))
    return parts


def _locate(reading: pl.DataFrame, tables: dict[TableName, pl.DataFrame]) -> list[pl.DataFrame]:
    """Reading errors (``_finding``, ``_file``, ``_sheet``, ``_row``) with table and index."""
    placed = reading.filter(pl.col("_row").is_not_null())
    located = []
    for name, frame in tables.items():
        if placed.height == 0:
            break
        found = (
            frame.select(_PLACE)
            .with_row_index("_index")
            .join(placed, on=list(_PLACE), how="inner", nulls_equal=True)
        )
        if found.height:
            located.append(found.with_columns(pl.lit(name).alias("table")))
    for part in located:
        reading = reading.join(part.select("_finding"), on="_finding", how="anti")
    return [*located, reading]


def invalid_rows(dataset: Dataset, *, election: str | Election = "pilkada-2024") -> pl.DataFrame:
    """One row per error finding: which record it rejects, and the rule.

    ``table`` and ``_index`` (the record's position in ``dataset.tables[table]``) identify the
    record even when it has no provenance (a dataset built in code); ``_file``, ``_sheet`` and
    ``_row`` say where it was read. Errors about no single record (a file that cannot be read,
    a missing column) have a null ``_index``; the count of rows is the count of errors, as
    ``readiness validate --all`` lists them. Nothing is capped, and every rule runs on whole
    columns, so this scales with the rules themselves.

    >>> import datetime as dt
    >>> from readiness.ingest import Dataset
    >>> summary = pl.DataFrame({"region_code": ["64.03", "64.03"], "tps": [475, -4],
    ...     "as_of": [dt.date(2024, 11, 25), dt.date(2024, 11, 20)]})
    >>> rejected = invalid_rows(Dataset("x", tables={"summary": summary}))
    >>> rejected.filter(pl.col("_index").is_not_null()).select("table", "_index", "rule").rows()
    [('summary', 1, 'schema.range')]
    """
    chosen = load_election(election) if isinstance(election, str) else election
    tables = {name: with_provenance(frame) for name, frame in dataset.tables.items()}
    reading = pl.DataFrame(
        [
            {"_file": f.file, "_sheet": f.sheet, "_row": f.row, "rule": f.rule}
            for f in dataset.findings
            if f.severity == "error"
        ],
        schema={"_file": pl.String, "_sheet": pl.String, "_row": pl.Int64, "rule": pl.String},
    )
    places = {"_file": pl.String, "_sheet": pl.String, "_row": pl.Int64}
    beyond_listed = (
        dataset.rejected.select(list(places))
        .cast(places)  # type: ignore[arg-type]
        .join(reading.select(list(places)), on=list(places), how="anti", nulls_equal=True)
        .with_columns(pl.lit("value.rejected").alias("rule"))
    )
    reading = pl.concat([reading, beyond_listed]).with_row_index("_finding")
    read = _locate(reading, tables)
    # the checks name each failing row by ``_row``: make it the row's position here
    as_read = {
        name: frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"))
        for name, frame in tables.items()
    }
    context = Context(
        dataset=dataclasses.replace(
            dataset, tables={name: conformed(frame, name) for name, frame in as_read.items()}
        ),
        as_read=as_read,
        election=chosen,
        province_code=dataset_province(dataset),
        reading_error_rows=pl.concat(
            [
                part.select("_file", "_sheet", pl.col("_index").cast(pl.Int64).alias("_row"))
                for part in read
                if "_index" in part.columns
            ]
            or [pl.DataFrame(schema={"_file": pl.String, "_sheet": pl.String, "_row": pl.Int64})]
        ).unique(),
    )
    errors = {rule.id for rule in RULES.values() if rule.severity == "error"}
    failures = [
        found.filter(pl.col("rule").is_in(errors)).select(
            pl.col("table").cast(pl.String), pl.col("_row").cast(pl.Int64).alias("_index"), "rule"
        )
        for rule_ids, run in CHECKS
        if errors.intersection(rule_ids) and (found := run(context)).height
    ]
    checked = _with_place(pl.concat(failures), tables) if failures else []
    parts = [*read, *checked]
    return pl.concat(
        [
            part.select(
                pl.col(name).cast(dtype)
                if name in part.columns
                else pl.lit(None, dtype).alias(name)
                for name, dtype in INVALID_ROWS_SCHEMA.items()
            )
            for part in parts
        ]
    )
