"""Breakdowns behind the indicators: logistics by item and stage, neutrality by subject/status.

They use the same snapshot rule and roll-up as :func:`compute_indicators`, and keep
"not reported" null: a region without rows has no row here (see its coverage in the
indicators).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from readiness.indicators._compute import LEVEL_DEPTH, prepare_context
from readiness.indicators._context import reference_units, truncate_code
from readiness.indicators._formulas_logistics import STAGE_RANK, logistics_positions
from readiness.indicators._registry import Level
from readiness.ingest import Dataset
from readiness.regions import province_code_expr

__all__ = ["logistics_by_item", "neutrality_breakdown"]

LOGISTICS_SCHEMA = {
    "region_code": pl.String(),
    "region_name": pl.String(),
    "item": pl.String(),
    "kecamatan_reported": pl.Int64(),
    "coverage": pl.Float64(),
    "at_ppk_share": pl.Float64(),
    "at_pps_share": pl.Float64(),
    "at_tps_share": pl.Float64(),
    "quantity_required": pl.Int64(),
    "quantity_delivered": pl.Int64(),
    "delivered_share": pl.Float64(),
    "as_of": pl.Date(),
}
NEUTRALITY_SCHEMA = {
    "region_code": pl.String(),
    "region_name": pl.String(),
    "subject": pl.String(),
    "status": pl.String(),
    "cases": pl.Int64(),
    "as_of": pl.Date(),
}


def _names(level: Level, codes: pl.DataFrame) -> pl.DataFrame:
    provinces = codes.select(province_code_expr(pl.col("region_code")).unique()).to_series()
    return reference_units(LEVEL_DEPTH[level], provinces).select(
        pl.col("code").alias("region_code"), pl.col("name").alias("region_name")
    )


def logistics_by_item(
    dataset: Dataset, *, level: Level = "kabupaten", as_of: dt.date | str | None = None
) -> pl.DataFrame:
    """Per region and item: how many kecamatan reported, the share at each stage, quantities.

    ``coverage`` is the kecamatan reported over the kecamatan the region has; the shares are
    over the kecamatan reported; ``delivered_share`` is over rows giving both quantities.

    >>> import datetime as dt
    >>> from readiness.ingest import Dataset
    >>> rows = pl.DataFrame({"region_code": ["64.03.01", "64.03.02"], "item": ["ballot"] * 2,
    ...     "stage": ["ppk", "kpu"], "as_of": [dt.date(2024, 11, 25)] * 2})
    >>> out = logistics_by_item(Dataset("x", tables={"logistics": rows}))
    >>> out.select("region_code", "item", "kecamatan_reported", "at_ppk_share").row(0)
    ('64.03', 'ballot', 2, 0.5)
    """
    ctx = prepare_context(dataset, level, as_of=as_of)
    if ctx is None:
        return pl.DataFrame(schema=LOGISTICS_SCHEMA)
    depth = LEVEL_DEPTH[level]
    region = truncate_code(pl.col("_unit"), depth).alias("region_code")
    positions = logistics_positions(ctx, by=("item",))
    weight = pl.col("weight")

    def share(stage: str) -> pl.Expr:
        reached = (pl.col("rank") >= STAGE_RANK[stage]).cast(pl.Int64)
        return (weight * reached).sum() / weight.sum()

    stages = positions.group_by(region, "item").agg(
        kecamatan_reported=weight.sum(),
        at_ppk_share=share("ppk"),
        at_pps_share=share("pps"),
        at_tps_share=share("tps"),
        as_of=pl.col("as_of").max(),
    )
    expected = ctx.units.group_by(region).agg(n_kecamatan=pl.col("n_kecamatan").sum())
    both = pl.col("quantity_required").is_not_null() & pl.col("quantity_delivered").is_not_null()
    quantities = (
        ctx.tables["logistics"]
        .group_by(region, "item")
        .agg(
            quantity_required=pl.col("quantity_required").filter(both).sum(),
            quantity_delivered=pl.col("quantity_delivered").filter(both).sum(),
            reported=both.any(),
        )
    )
    frame = (
        stages.join(expected, on="region_code", how="left")
        .join(quantities, on=["region_code", "item"], how="left")
        .with_columns(
            coverage=pl.min_horizontal(
                pl.lit(1.0), pl.col("kecamatan_reported") / pl.col("n_kecamatan")
            ),
            quantity_required=pl.when("reported").then("quantity_required"),
            quantity_delivered=pl.when("reported").then("quantity_delivered"),
        )
        .with_columns(
            delivered_share=pl.when(pl.col("quantity_required") > 0).then(
                pl.col("quantity_delivered") / pl.col("quantity_required")
            )
        )
        .collect()
    )
    frame = frame.join(_names(level, frame), on="region_code", how="left")
    return frame.select([pl.col(k).cast(v) for k, v in LOGISTICS_SCHEMA.items()]).sort(
        "region_code", "item"
    )


def neutrality_breakdown(
    dataset: Dataset,
    *,
    level: Level = "kabupaten",
    as_of: dt.date | str | None = None,
    invalid: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Neutrality cases per region, subject and status along the handling flow, without the
    rows validation rejects (``invalid``, with ``table`` and ``_index``; found here when not
    given).

    >>> import datetime as dt
    >>> from readiness.ingest import Dataset
    >>> cases = pl.DataFrame({"case_id": ["1", "2"], "region_code": ["64.03"] * 2,
    ...     "subject": ["village_head", "village_head"], "status": ["recommended"] * 2,
    ...     "as_of": [dt.date(2024, 11, 25)] * 2})
    >>> neutrality_breakdown(Dataset("x", tables={"neutrality_cases": cases})).select(
    ...     "region_code", "subject", "status", "cases").row(0)
    ('64.03', 'village_head', 'recommended', 2)
    """
    ctx = prepare_context(dataset, level, as_of=as_of, invalid=invalid)
    if ctx is None:
        return pl.DataFrame(schema=NEUTRALITY_SCHEMA)
    region = truncate_code(pl.col("_unit"), LEVEL_DEPTH[level]).alias("region_code")
    frame = (
        ctx.tables["neutrality_cases"]
        .group_by(region, "subject", "status")
        .agg(cases=pl.len(), as_of=pl.col("as_of").max())
        .collect()
    )
    frame = frame.join(_names(level, frame), on="region_code", how="left")
    return frame.select([pl.col(k).cast(v) for k, v in NEUTRALITY_SCHEMA.items()]).sort(
        "region_code", "subject", "status"
    )
