"""Every check's failing rows of one dataset under one election, each check run once.

:func:`readiness.validation.validate` runs every check once on a fresh
:class:`DatasetFailures` and derives from the same frames the findings, the rows to leave out
and the files of the rows it folds; :func:`readiness.validation.invalid_rows` runs only the
checks that can reject a row. Nothing is remembered between calls: the result of
:func:`~readiness.validation.validate` holds what was found. The checks run on the tables with
``_row`` set to each record's position in its table, so a failure names its record exactly
even when provenance is missing or repeated; :func:`with_source_rows` turns positions back
into the rows that were read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from readiness.contract import (
    PROVENANCE_COLUMNS,
    PROVENANCE_SCHEMA,
    Election,
    TableName,
    load_election,
    polars_schema,
)
from readiness.ingest import Dataset, PartialDatasetError, with_provenance
from readiness.regions import province_code_expr
from readiness.validation._region_rules import distinct_region_codes
from readiness.validation._registry import CHECKS, Context

__all__ = [
    "PLACE",
    "DatasetFailures",
    "conformed",
    "dataset_failures",
    "dataset_province",
    "packaged_election",
    "with_source_rows",
]

PLACE = PROVENANCE_COLUMNS
"""Where a record was read."""

_PARALLEL_CHECKS = 2
"""Checks run at once: one waits on its Python parts while another computes."""


@dataclass
class DatasetFailures:
    """The failing rows of one dataset under one election, filled check by check on demand.

    ``dataset`` is a copy of the caller's whose tables have provenance columns. ``reading`` holds the reading errors
    (``_finding``, ``_file``, ``_sheet``, ``_row``, ``rule``), with ``table`` and ``_index``
    where the record was found in a table.
    """

    dataset: Dataset
    election: Election
    reading: list[pl.DataFrame]
    found: dict[int, pl.DataFrame] = field(default_factory=dict)
    _context: Context | None = None

    def of_check(self, index: int) -> pl.DataFrame:
        """The failure frame of ``CHECKS[index]``, ``_row`` being the record's position."""
        if index not in self.found:
            self.found[index] = CHECKS[index][1](self.context())
        return self.found[index]

    def of_checks(self, indices: Iterable[int]) -> list[pl.DataFrame]:
        """The failure frames of several checks; those not found yet run side by side (polars
        releases the interpreter while it computes, so the checks overlap)."""
        wanted = list(indices)
        missing = [index for index in wanted if index not in self.found]
        if len(missing) > 1:
            context = self.context()
            with ThreadPoolExecutor(max_workers=_PARALLEL_CHECKS) as pool:
                found = pool.map(lambda index: CHECKS[index][1](context), missing)
                self.found.update(zip(missing, found, strict=True))
        return [self.of_check(index) for index in wanted]

    def context(self) -> Context:
        """What the checks see, with ``_row`` set to each record's position in its table."""
        if self._context is None:
            by_position = {
                name: frame.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"))
                for name, frame in self.dataset.tables.items()
            }
            usable = {name: conformed(frame, name) for name, frame in by_position.items()}
            codes = {}
            if self.dataset.province_code is None:
                codes = dict(zip(usable, distinct_region_codes(*usable.values()), strict=True))
            province = _province(self.dataset, lambda: list(codes.values()))
            self._context = Context(
                dataset=dataclasses.replace(self.dataset, tables=usable),
                as_read=by_position,
                election=self.election,
                province_code=province,
                reading_error_rows=_reading_error_positions(self.reading),
                region_codes=codes,
            )
        return self._context


def dataset_province(dataset: Dataset) -> str | None:
    """The dataset's province: the one it declares, else the one holding most of its records.

    "Most" means more than half: a national dataset has no province, so no record of it is
    "outside"; a provincial one with a few stray codes has one, and the strays are findings.
    A folder partitioned as ``province=XX/`` with two or more partitions is national.

    >>> dataset_province(Dataset(name="empty")) is None
    True
    """
    return _province(
        dataset,
        lambda: pl.collect_all(
            [frame.lazy().group_by("region_code").len() for frame in dataset.tables.values()]
        ),
    )


def _province(dataset: Dataset, code_counts: Callable[[], list[pl.DataFrame]]) -> str | None:
    """:func:`dataset_province`, counting codes with ``code_counts`` only when it must."""
    if dataset.province_code is not None:
        return dataset.province_code
    if _spans_partitions(dataset):
        return None
    return _most_common_province(code_counts())


def _spans_partitions(dataset: Dataset) -> bool:
    """Whether the dataset was read from two or more ``province=XX`` folders: a national
    folder, where no province is the dataset's, however many records one holds."""
    provinces = {
        source.path.split("/", 1)[0]
        for source in dataset.files
        if source.path.startswith("province=") and "/" in source.path
    }
    return len(provinces) > 1


def _most_common_province(code_counts: list[pl.DataFrame]) -> str | None:
    """The province prefix of more than half the rows, from ``region_code`` and ``len`` (rows
    holding the code) frames."""
    prefixes = (
        pl.concat(
            [
                counts.select(province_code_expr(pl.col("region_code")), "len")
                for counts in code_counts
            ]
        )
        .filter(pl.col("region_code").str.contains(r"^\d{2}$"))
        .group_by("region_code")
        .agg(pl.col("len").cast(pl.Int64).sum())
    )
    if prefixes.height == 0:
        return None
    ranked = prefixes.sort(["len", "region_code"], descending=[True, False])
    if 2 * int(ranked["len"][0]) <= int(prefixes["len"].sum()):
        return None
    return str(ranked["region_code"][0])


def conformed(frame: pl.DataFrame, name: TableName) -> pl.DataFrame:
    """``frame`` with every canonical and provenance column in its canonical type.

    Missing columns come in as null; mistyped ones are cast leniently (what cannot be cast is
    null). The schema rules report both on the frame as it was read.

    >>> conformed(pl.DataFrame({"count": ["12", "x"]}), "personnel")["count"].to_list()
    [12, None]
    """
    schema = polars_schema(name)
    if not set(PLACE).issubset(frame.columns):
        frame = with_provenance(frame)
    fixes = [
        pl.col(column).cast(dtype, strict=False)
        if column in frame.columns
        else pl.lit(None, dtype).alias(column)
        for column, dtype in schema.items()
        if frame.schema.get(column) != dtype
    ]
    return frame.with_columns(fixes) if fixes else frame


def _reading_error_positions(reading: list[pl.DataFrame]) -> pl.DataFrame:
    """The records reading found an error in, as ``table``, ``_file``, ``_sheet`` and position."""
    keys = {"table": pl.String(), **PROVENANCE_SCHEMA}
    located = [
        part.select(
            pl.col("table").cast(pl.String), "_file", "_sheet", pl.col("_index").cast(pl.Int64)
        ).rename({"_index": "_row"})
        for part in reading
        if "_index" in part.columns
    ]
    return pl.concat(located).unique() if located else pl.DataFrame(schema=keys)


def _reading_errors(dataset: Dataset, tables: dict[TableName, pl.DataFrame]) -> list[pl.DataFrame]:
    """Every error reading found (each rejected row too), located in its table where it can be."""
    places = PROVENANCE_SCHEMA
    reading = pl.DataFrame(
        [
            {"_file": f.file, "_sheet": f.sheet, "_row": f.row, "rule": f.rule}
            for f in dataset.findings
            if f.severity == "error"
        ],
        schema={**places, "rule": pl.String},
    )
    beyond_listed = (
        dataset.rejected.select(list(places))
        .cast(places)  # type: ignore[arg-type]
        .join(reading.select(list(places)), on=list(places), how="anti", nulls_equal=True)
        .with_columns(pl.lit("value.rejected").alias("rule"))
    )
    reading = pl.concat([reading, beyond_listed]).with_row_index("_finding")
    placed = reading.filter(pl.col("_row").is_not_null())
    located = []
    for name, frame in tables.items():
        if placed.height == 0:
            break
        found = (
            frame.select(PLACE)
            .with_row_index("_index")
            .join(placed, on=list(PLACE), how="inner", nulls_equal=True)
        )
        if found.height:
            located.append(found.with_columns(pl.lit(name).alias("table")))
    for part in located:
        reading = reading.join(part.select("_finding"), on="_finding", how="anti")
    return [*located, reading]


@cache
def packaged_election(election_id: str) -> Election:
    """A packaged election, read once (checks only read it; it never reaches the caller)."""
    return load_election(election_id)


def dataset_failures(dataset: Dataset, election: Election) -> DatasetFailures:
    """A fresh, empty record of the failures of ``dataset`` under ``election``: each check
    runs when first asked for, once.

    >>> from readiness.contract import load_election
    >>> found = dataset_failures(Dataset(name="empty"), load_election("pilkada-2024"))
    >>> len(found.found), found.of_check(0).height, len(found.found)
    (0, 0, 1)
    """
    if dataset.partial:
        raise PartialDatasetError(
            f"dataset {dataset.name!r} holds only some columns of its build "
            "(load_dataset(..., columns=...)) and cannot be checked again under election "
            f"{election.id!r}. Hint: load it without columns= to validate it."
        )
    tables = {name: with_provenance(frame) for name, frame in dataset.tables.items()}
    return DatasetFailures(
        dataset=dataclasses.replace(dataset, tables=tables),
        election=election,
        reading=_reading_errors(dataset, tables),
    )


def with_source_rows(
    found: pl.DataFrame, tables: dict[TableName, pl.DataFrame], columns: tuple[str, ...]
) -> pl.DataFrame:
    """``found`` with each position in ``columns`` replaced by the row it was read from."""
    present = [c for c in columns if c in found.columns]
    if found.height == 0 or not present or "table" not in found.columns:
        return found
    for column in present:
        lookup = []
        for (name,), part in found.group_by("table"):
            if name not in tables:
                continue
            positions = part.get_column(column).drop_nulls().unique().cast(pl.Int64)
            if positions.len() == 0:
                continue
            lookup.append(
                pl.DataFrame(
                    {
                        "table": pl.Series([name] * positions.len(), dtype=pl.String),
                        column: positions,
                        "_source": tables[name].get_column("_row").gather(positions),
                    }
                )
            )
        if not lookup:
            continue
        found = (
            found.with_columns(pl.col(column).cast(pl.Int64))
            .join(pl.concat(lookup), on=["table", column], how="left", maintain_order="left")
            .with_columns(pl.col("_source").alias(column))
            .drop("_source")
        )
    return found
