"""Shared pieces of the generator: seeded random streams, canonical columns, region names."""

from __future__ import annotations

import random

import polars as pl

from readiness.contract import TableName, polars_schema
from readiness.regions import ancestor_code_expr, region_table
from readiness.synthetic._params import SyntheticOptions

__all__ = ["conform", "rng", "units", "with_names"]


def rng(options: SyntheticOptions, province_code: str, part: str) -> random.Random:
    """The random stream of one part of one province: independent of what else is drawn."""
    return random.Random(f"{options.seed}:{province_code}:{options.scale}:{part}")


def conform(frame: pl.DataFrame, table: TableName) -> pl.DataFrame:
    """The frame in the table's canonical columns and dtypes (absent columns are null)."""
    schema = polars_schema(table)
    return frame.select(
        [
            pl.col(name).cast(dtype) if name in frame.columns else pl.lit(None, dtype).alias(name)
            for name, dtype in schema.items()
        ]
    )


def units(province_code: str) -> pl.DataFrame:
    """Villages of a province with their kecamatan and regency codes and names, sorted."""
    table = region_table()
    villages = table.filter(
        pl.col("code").str.starts_with(province_code + "."),
        pl.col("level").is_in(["desa", "kelurahan"]),
    ).sort("code")
    return villages.select(
        village_code=pl.col("code"),
        village_name=pl.col("name"),
        kelurahan=pl.col("level") == "kelurahan",
        kecamatan_code=pl.col("parent_code"),
        regency_code=ancestor_code_expr(pl.col("code"), 2),
    )


def with_names(frame: pl.DataFrame) -> pl.DataFrame:
    """Add ``region_name`` from the reference to a frame with ``region_code``."""
    names = region_table().select(region_code="code", region_name="name")
    return frame.join(names, on="region_code", how="left")
