"""Build small datasets from plain rows, the way a regency would fill the template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from readiness.contract import TableName, polars_schema
from readiness.indicators import compute_indicators
from readiness.ingest import Dataset, with_provenance

BERAU = "64.03"
KUTIM = "64.08"
MAHULU = "64.11"
DAY = dt.date(2024, 11, 25)


def table(name: TableName, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """A contract table from dict rows; columns not given are null (not reported)."""
    schema = polars_schema(name)
    full = [{column: row.get(column) for column in schema} for row in rows]
    return with_provenance(pl.DataFrame(full, schema=schema))


def dataset(**tables: list[dict[str, Any]]) -> Dataset:
    """A dataset from rows per table name."""
    return Dataset("test", tables={name: table(name, rows) for name, rows in tables.items()})  # type: ignore[misc]


def values(frame: pl.DataFrame, region: str) -> dict[str, float | None]:
    """indicator → value for one region."""
    rows = frame.filter(pl.col("region_code") == region)
    return dict(zip(rows["indicator"].to_list(), rows["value"].to_list(), strict=True))


def row(frame: pl.DataFrame, region: str, indicator: str) -> dict[str, Any]:
    """The single output row of one region and indicator."""
    found = frame.filter((pl.col("region_code") == region) & (pl.col("indicator") == indicator))
    assert found.height == 1, found
    return found.row(0, named=True)


@pytest.fixture
def pick() -> Callable[[pl.DataFrame, str, str], dict[str, Any]]:
    return row


@pytest.fixture
def make_dataset() -> Callable[..., Dataset]:
    return dataset


@pytest.fixture
def compute() -> Callable[..., pl.DataFrame]:
    def run(level: str = "kabupaten", **kwargs: Any) -> pl.DataFrame:
        options = {k: kwargs.pop(k) for k in ("as_of", "norms_override") if k in kwargs}
        return compute_indicators(dataset(**kwargs), level=level, **options)  # type: ignore[arg-type]

    return run
