"""Run every registered rule over a dataset and gather the findings."""

from __future__ import annotations

import dataclasses

import polars as pl

from readiness.contract import Election, Finding, TableName, load_election, polars_schema
from readiness.ingest import Dataset, with_provenance
from readiness.validation._registry import (
    CHECKS,
    DEFAULT_MAX_PER_RULE,
    Context,
    failures_to_findings,
)

__all__ = ["conformed", "dataset_province", "sort_findings", "validate"]


def dataset_province(dataset: Dataset) -> str | None:
    """The dataset's province: the one it declares, else the one holding most of its records.

    "Most" means more than half: a national dataset has no province, so no record of it is
    "outside"; a provincial one with a few stray codes has one, and the strays are findings.

    >>> dataset_province(Dataset(name="empty")) is None
    True
    """
    if dataset.province_code is not None:
        return dataset.province_code
    prefixes = pl.concat(
        [frame.select(pl.col("region_code").str.slice(0, 2)) for frame in dataset.tables.values()]
    ).filter(pl.col("region_code").str.contains(r"^\d{2}$"))
    if prefixes.height == 0:
        return None
    counts = (
        prefixes.group_by("region_code")
        .len()
        .sort(["len", "region_code"], descending=[True, False])
    )
    if 2 * int(counts["len"][0]) <= prefixes.height:
        return None
    return str(counts["region_code"][0])


def conformed(frame: pl.DataFrame, name: TableName) -> pl.DataFrame:
    """``frame`` with every canonical and provenance column in its canonical type.

    Missing columns come in as null; mistyped ones are cast leniently (what cannot be cast is
    null). The schema rules report both on the frame as it was read.

    >>> conformed(pl.DataFrame({"count": ["12", "x"]}), "personnel")["count"].to_list()
    [12, None]
    """
    schema = polars_schema(name)
    frame = with_provenance(frame)
    fixes = [
        pl.col(column).cast(dtype, strict=False)
        if column in frame.columns
        else pl.lit(None, dtype).alias(column)
        for column, dtype in schema.items()
        if frame.schema.get(column) != dtype
    ]
    return frame.with_columns(fixes) if fixes else frame


def _reading_error_rows(dataset: Dataset) -> pl.DataFrame:
    """Where reading found an error: the rows of error findings, and every rejected row (the
    findings list at most a hundred per column and file; ``rejected`` lists them all)."""
    keys = {"_file": pl.String, "_sheet": pl.String, "_row": pl.Int64}
    listed = pl.DataFrame(
        [
            {"_file": f.file, "_sheet": f.sheet, "_row": f.row}
            for f in dataset.findings
            if f.severity == "error" and f.row is not None
        ],
        schema=keys,
    )
    return pl.concat([listed, dataset.rejected.select(list(keys)).cast(keys)]).unique()  # type: ignore[arg-type]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings by file, sheet and row (whole-dataset ones first, "and N more" ones last).

    The sort is stable: at the same place, earlier findings stay first.
    """

    def key(f: Finding) -> tuple[bool, bool, str, bool, str, bool, int]:
        return (
            f.count > 1,
            f.file is not None, f.file or "",
            f.sheet is not None, f.sheet or "",
            f.row is not None, f.row or 0,
        )  # fmt: skip

    return sorted(findings, key=key)


def validate(
    dataset: Dataset,
    *,
    election: str | Election = "pilkada-2024",
    max_per_rule: int | None = DEFAULT_MAX_PER_RULE,
) -> list[Finding]:
    """Every problem in ``dataset``: what reading found, then every rule of the registry.

    Findings are sorted by file, sheet and row. Each rule lists at most ``max_per_rule``
    failing rows (``None`` lists all); the rest are folded into one finding per rule whose
    ``count`` says how many it stands for, so ``count_by_severity`` stays exact.

    >>> from readiness.ingest import Dataset
    >>> validate(Dataset(name="empty"))
    []
    """
    chosen = load_election(election) if isinstance(election, str) else election
    as_read = {name: with_provenance(frame) for name, frame in dataset.tables.items()}
    usable = {name: conformed(frame, name) for name, frame in as_read.items()}
    context = Context(
        dataset=dataclasses.replace(dataset, tables=usable),
        as_read=as_read,
        election=chosen,
        province_code=dataset_province(dataset),
        reading_error_rows=_reading_error_rows(dataset),
    )
    listed: list[Finding] = list(dataset.findings)
    folded: list[Finding] = []
    for rule_ids, run in CHECKS:
        shown, more = failures_to_findings(run(context), rule_ids, max_per_rule)
        listed.extend(shown)
        folded.extend(more)
    return sort_findings(listed) + folded
