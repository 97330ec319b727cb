"""pandera (polars) schemas built from the table specs, and the canonical polars dtypes."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from readiness.contract._enums import CLOSED_SETS
from readiness.contract._tables import (
    PROVENANCE_COLUMNS,
    TABLES,
    ColumnKind,
    ColumnSpec,
    TableName,
)
from readiness.regions import CODE_PATTERN

if TYPE_CHECKING:
    import pandera.polars as pa
    import polars as pl

__all__ = [
    "CODE_PATTERN",
    "PROVENANCE_SCHEMA",
    "empty_table",
    "polars_schema",
    "regions_schema",
    "table_schema",
]


if TYPE_CHECKING:
    PROVENANCE_SCHEMA: dict[str, pl.DataType]
    """The provenance columns with their dtypes (the row is the one a reader sees: Excel's, or
    the CSV line with the header as 1); built with polars on first use."""


@cache
def _provenance_schema() -> dict[str, pl.DataType]:
    import polars as pl

    return dict(zip(PROVENANCE_COLUMNS, (pl.String(), pl.String(), pl.Int64()), strict=True))


def __getattr__(name: str) -> object:
    if name == "PROVENANCE_SCHEMA":
        return _provenance_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _dtypes() -> dict[ColumnKind, type[pl.DataType]]:
    """Column kind → polars dtype (polars is imported on first use: the contract's names and
    texts are read without it, e.g. by the command line's help)."""
    import polars as pl

    return {
        "code": pl.String,
        "date": pl.Date,
        "count": pl.Int64,
        "number": pl.Float64,
        "text": pl.String,
        "closed": pl.String,
    }


def _checks(column: ColumnSpec) -> list[pa.Check]:
    import pandera.polars as pa

    if column.kind == "code":
        return [pa.Check.str_matches(CODE_PATTERN)]
    if column.kind == "count":
        return [pa.Check.ge(0)]
    if column.kind == "closed" and column.closed_set is not None:
        return [pa.Check.isin(list(CLOSED_SETS[column.closed_set].keys))]
    return []


@cache
def table_schema(name: TableName) -> pa.DataFrameSchema:
    """The pandera schema of a contract table (provenance columns are allowed beside it).

    >>> schema = table_schema("personnel")
    >>> schema.columns["count"].nullable, schema.columns["scope"].nullable
    (False, True)
    """
    import pandera.polars as pa

    spec = TABLES[name]
    columns = {
        column.name: pa.Column(
            _dtypes()[column.kind],
            checks=_checks(column),
            nullable=not column.required,
            required=True,
            description=column.description_en,
        )
        for column in spec.columns
    }
    return pa.DataFrameSchema(columns, name=name, strict=False)


def polars_schema(name: TableName) -> dict[str, pl.DataType]:
    """Canonical column → polars dtype for a table, in contract order.

    >>> polars_schema("personnel")["count"]
    Int64
    """
    kinds = _dtypes()
    return {column.name: kinds[column.kind]() for column in TABLES[name].columns}


def empty_table(name: TableName) -> pl.DataFrame:
    """An empty frame with the table's canonical columns and dtypes."""
    import polars as pl

    return pl.DataFrame(schema=polars_schema(name))


@cache
def regions_schema() -> pa.DataFrameSchema:
    """The pandera schema of the packaged region reference."""
    import pandera.polars as pa
    import polars as pl

    return pa.DataFrameSchema(
        {
            "code": pa.Column(pl.String, checks=[pa.Check.str_matches(CODE_PATTERN)], unique=True),
            "name": pa.Column(pl.String),
            "level": pa.Column(
                pl.String,
                checks=[pa.Check.isin(["provinsi", "kabupaten", "kota", "kecamatan", "desa",
                                       "kelurahan"])],
            ),
            "parent_code": pa.Column(pl.String, nullable=True),
        },
        name="regions",
    )  # fmt: skip
