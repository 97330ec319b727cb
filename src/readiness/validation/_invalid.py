"""The rows validation rejects, so that computations can leave them out."""

from __future__ import annotations

import polars as pl

from readiness.contract import (
    DEFAULT_ELECTION,
    PROVENANCE_SCHEMA,
    Election,
    TableName,
    count_by_severity,
)
from readiness.ingest import Dataset
from readiness.validation._failures import (
    PLACE,
    DatasetFailures,
    dataset_failures,
    packaged_election,
)
from readiness.validation._registry import CHECKS, RULES

__all__ = ["INVALID_ROWS_SCHEMA", "built_clean", "invalid_rows", "rows_to_leave_out", "usable_rows"]

INVALID_ROWS_SCHEMA = {
    "table": pl.String(),
    "_index": pl.Int64(),
    **PROVENANCE_SCHEMA,
    "rule": pl.String(),
}
"""Columns of :func:`invalid_rows`."""


def usable_rows(frame: pl.DataFrame, table: str, invalid: pl.DataFrame) -> pl.DataFrame:
    """``frame`` (the dataset's table ``table``, its rows in their order) without the rows
    ``invalid`` (columns :data:`INVALID_ROWS_SCHEMA`) rejects.

    >>> invalid = pl.DataFrame({"table": ["summary"], "_index": [1]})
    >>> usable_rows(pl.DataFrame({"tps": [475, -4, 12]}), "summary", invalid)["tps"].to_list()
    [475, 12]
    """
    drop = invalid.filter((pl.col("table") == table) & pl.col("_index").is_not_null())["_index"]
    if drop.len() == 0:
        return frame
    return (
        frame.with_row_index("_position")
        .filter(~pl.col("_position").cast(pl.Int64).is_in(drop.implode()))
        .drop("_position")
    )


def _with_place(
    failures: pl.DataFrame, tables: dict[TableName, pl.DataFrame]
) -> list[pl.DataFrame]:
    """``failures`` (``table``, ``_index``, ``rule``) with where each row was read."""
    parts = []
    for (name,), failed in failures.partition_by("table", as_dict=True).items():
        if name not in tables:
            parts.append(failed)
            continue
        places = tables[name].select(PLACE).with_row_index("_index")
        parts.append(failed.join(places.cast({"_index": pl.Int64}), on="_index", how="left"))
    return parts


def built_clean(dataset: Dataset, election: Election) -> bool:
    """Whether ``dataset`` holds, unchanged, tables that ``readiness build`` wrote after these
    very rules (same package version) found no error under this very election: a build
    writes nothing when there is one, so no row is rejected and the rules need not run."""
    stamp = dataset.built
    if stamp is None or not stamp.covers(dataset.tables):
        return False
    try:
        vouched = packaged_election(stamp.election)
    except ValueError:
        return False
    return (
        election == vouched
        and count_by_severity(dataset.findings)["error"] == 0
        and dataset.rejected.height == 0
    )


def invalid_rows(dataset: Dataset, *, election: str | Election = DEFAULT_ELECTION) -> pl.DataFrame:
    """One row per error finding: which record it rejects, and the rule.

    The same frame as ``validate(dataset).invalid_rows``, for a caller that needs only the
    rows to leave out (indicators computed on their own): only the checks that can reject a
    row run, and none when ``dataset`` holds the unchanged tables of a clean build. A caller
    that validates anyway takes the frame from its :class:`~readiness.validation.Validation`.

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
    chosen = packaged_election(election) if isinstance(election, str) else election
    if built_clean(dataset, chosen):
        return pl.DataFrame(schema=INVALID_ROWS_SCHEMA)
    return rows_to_leave_out(dataset_failures(dataset, chosen))


def rows_to_leave_out(found: DatasetFailures) -> pl.DataFrame:
    """The rows of :func:`invalid_rows` from the failures of the checks that can reject a row
    (those not run yet run now)."""
    errors = {rule.id for rule in RULES.values() if rule.severity == "error"}
    # checks of warnings only cannot reject a row
    rejecting = [
        index for index, (rule_ids, _) in enumerate(CHECKS) if errors.intersection(rule_ids)
    ]
    failures = [
        failed.filter(pl.col("rule").is_in(errors)).select(
            pl.col("table").cast(pl.String), pl.col("_row").cast(pl.Int64).alias("_index"), "rule"
        )
        for failed in found.of_checks(rejecting)
        if failed.height
    ]
    tables = found.dataset.tables
    read = found.reading
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
