"""The dataset: every table of a submission folder, with where each record came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from readiness.contract import (
    PROVENANCE_COLUMNS,
    PROVENANCE_SCHEMA,
    TABLES,
    Finding,
    TableName,
    count_by_severity,
    empty_table,
)
from readiness.regions import province_code_expr

if TYPE_CHECKING:
    from readiness.ingest._built import BuiltStamp

__all__ = ["Dataset", "PartialDatasetError", "SourceFile", "provinces_of", "with_provenance"]


class PartialDatasetError(ValueError):
    """A dataset read in some columns only (:attr:`Dataset.partial`) was asked for what needs
    others: the rules, a build, or indicators whose inputs were not read."""


@dataclass(frozen=True)
class SourceFile:
    """One input file: its path relative to the dataset folder, kind and SHA-256."""

    path: str
    kind: str
    sha256: str
    size: int


@dataclass
class Dataset:
    """All tables of one dataset, in canonical columns plus ``_file``, ``_sheet``, ``_row``.

    Tables that no file provided are present and empty. ``findings`` holds what was found
    while reading (values that could not be parsed, unknown headers, unknown region names);
    cross-record rules are checked by :func:`readiness.validate`. ``rejected`` lists the
    provenance (``_file``, ``_sheet``, ``_row``) of every record with a reading error, also
    where the findings were shortened to "and N more". ``built`` is set when the tables
    were read unchanged from a folder ``readiness build`` wrote (see
    :mod:`readiness.ingest._built`). ``partial`` is set when only some columns of such a
    folder were read (``load_dataset(..., columns=...)``): such a dataset can be computed
    from, under the build's validation, but not validated again.

    >>> ds = Dataset(name="empty")
    >>> ds.table("logistics").height
    0
    >>> "_row" in ds.table("logistics").columns
    True
    """

    name: str
    tables: dict[TableName, pl.DataFrame] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    root: Path | None = None
    province_code: str | None = None
    rejected: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=PROVENANCE_SCHEMA))
    built: BuiltStamp | None = field(default=None, repr=False, compare=False)
    partial: bool = False

    def __post_init__(self) -> None:
        for name in TABLES:
            if name not in self.tables:
                self.tables[name] = with_provenance(empty_table(name))

    def table(self, name: TableName) -> pl.DataFrame:
        """One table with provenance columns."""
        return self.tables[name]

    def canonical(self, name: TableName) -> pl.DataFrame:
        """One table in its canonical columns only (what is written to Parquet)."""
        return self.tables[name].drop(PROVENANCE_COLUMNS, strict=False)

    def row_counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: frame.height for name, frame in self.tables.items()}

    def summary(self) -> pl.DataFrame:
        """Rows, regions and as-of dates per table."""
        rows = []
        for name, frame in self.tables.items():
            dates = frame["as_of"].drop_nulls()
            rows.append(
                {
                    "table": name,
                    "rows": frame.height,
                    "regions": frame["region_code"].n_unique() if frame.height else 0,
                    "first_as_of": dates.min() if dates.len() else None,
                    "last_as_of": dates.max() if dates.len() else None,
                }
            )
        return pl.DataFrame(rows, schema_overrides={"first_as_of": pl.Date, "last_as_of": pl.Date})

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.row_counts().items())
        return f"Dataset({self.name!r}, files={len(self.files)}, {counts})"

    def _repr_html_(self) -> str:
        import html

        severity = count_by_severity(self.findings)
        head = (
            f"<p><strong>Dataset {html.escape(self.name)}</strong> — {len(self.files)} file(s); "
            f"reading found {severity['error']} error(s), {severity['warning']} warning(s).</p>"
        )
        return head + self.summary()._repr_html_()


def with_provenance(frame: pl.DataFrame) -> pl.DataFrame:
    """Add empty provenance columns to a frame that lacks them."""
    return frame.with_columns(
        [
            pl.lit(None, dtype).alias(col)
            for col, dtype in PROVENANCE_SCHEMA.items()
            if col not in frame.columns
        ]
    )


def provinces_of(frames: Iterable[pl.DataFrame]) -> list[str]:
    """The province codes of the rows of ``frames`` (from ``region_code``), sorted.

    >>> provinces_of([pl.DataFrame({"region_code": ["64.03", "64.01.02", None]}),
    ...     pl.DataFrame({"region_code": ["11.01"]}), pl.DataFrame()])
    ['11', '64']
    """
    # the distinct codes first: far fewer than the rows, so only they are cut to a province
    codes = province_code_expr(pl.col("region_code").drop_nulls().unique()).unique()
    plans = [
        frame.lazy().select(codes)
        for frame in frames
        if frame.height and "region_code" in frame.columns
    ]
    found: set[str] = set()
    for part in pl.collect_all(plans):
        found.update(part["region_code"].to_list())
    return sorted(found)
