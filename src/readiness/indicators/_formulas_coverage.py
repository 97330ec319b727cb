"""Reconciliation gaps (summary against detail) and the share of core inputs reported."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from readiness.contract import TableName
from readiness.indicators._context import Context
from readiness.indicators._formulas_logistics import logistics_kecamatan
from readiness.indicators._formulas_stations import (
    SECURITY_ROLE,
    security_personnel,
    station_detail,
    tps,
    tps_khusus,
    voters,
)
from readiness.indicators._quantities import (
    FLOAT,
    detail,
    gap,
    reference_villages,
    summary,
    whole,
)

__all__ = [
    "data_coverage",
    "security_personnel_reconciliation_gap",
    "tps_reconciliation_gap",
    "village_count_reconciliation_gap",
]

_FLOAT = FLOAT


def tps_reconciliation_gap(ctx: Context) -> pl.LazyFrame:
    parts = whole(station_detail(ctx, ("tps",)), "tps")
    return gap(summary(ctx, "tps"), parts)


def security_personnel_reconciliation_gap(ctx: Context) -> pl.LazyFrame:
    parts = whole(detail(ctx, "personnel", ("count",), SECURITY_ROLE), "count")
    return gap(summary(ctx, "security_personnel"), parts)


def village_count_reconciliation_gap(ctx: Context) -> pl.LazyFrame:
    reported = summary(ctx, "village_count")
    frame = gap(reference_villages(ctx), reported)
    # the reference is the yardstick, not an input: coverage is whether the count was reported
    return frame.join(reported.select("_unit", "cov"), on="_unit", how="left").select(
        "_unit", "as_of", "num", "den", coverage=pl.col("cov").fill_null(0.0)
    )


def _reported(ctx: Context, table: TableName) -> pl.LazyFrame:
    return (
        ctx.tables[table]
        .group_by("_unit")
        .agg(as_of=pl.col("as_of").max(), value=pl.lit(1.0), cov=pl.lit(1.0))
    )


def _logistics_reported(ctx: Context) -> pl.LazyFrame:
    return (
        logistics_kecamatan(ctx)
        .group_by("_unit")
        .agg(as_of=pl.col("input_as_of").max(), value=pl.lit(1.0), cov=pl.lit(1.0))
    )


def _vulnerabilities_reported(ctx: Context) -> pl.LazyFrame:
    """Vulnerability rows, or a stated number of vulnerable TPS (zero included)."""
    stated = (
        ctx.tables["summary"]
        .filter((pl.col("_depth") == 2) & pl.col("tps_rawan_stated").is_not_null())
        .group_by("_unit")
        .agg(as_of=pl.col("as_of").max(), value=pl.lit(1.0), cov=pl.lit(1.0))
    )
    return (
        pl.concat([_reported(ctx, "vulnerabilities"), stated])
        .group_by("_unit")
        .agg(pl.col("as_of").max(), pl.col("value").max(), pl.col("cov").max())
    )


def _summary_village_count(ctx: Context) -> pl.LazyFrame:
    return summary(ctx, "village_count")


_COVERAGE_INPUTS: tuple[Callable[[Context], pl.LazyFrame], ...] = (
    tps,
    voters,
    tps_khusus,
    security_personnel,
    _summary_village_count,
    _logistics_reported,
    _vulnerabilities_reported,
)
"""The core inputs whose presence ``data_coverage`` counts (a figure for the whole unit)."""


def data_coverage(ctx: Context) -> pl.LazyFrame:
    frame = ctx.units.select("_unit")
    flags = []
    dates = []
    for number, quantity in enumerate(_COVERAGE_INPUTS):
        part = quantity(ctx).select(
            "_unit",
            pl.col("value").is_not_null().alias(f"r{number}"),
            pl.col("as_of").alias(f"d{number}"),
        )
        frame = frame.join(part, on="_unit", how="left")
        flags.append(pl.col(f"r{number}").fill_null(False).cast(pl.Int64))
        dates.append(pl.col(f"d{number}"))
    return frame.select(
        "_unit",
        as_of=pl.max_horizontal(dates),
        num=pl.sum_horizontal(flags).cast(_FLOAT),
        den=pl.lit(float(len(_COVERAGE_INPUTS))),
        coverage=pl.lit(1.0),
    )
