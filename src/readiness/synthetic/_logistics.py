"""Logistics per TPS and item: a distribution plan per regency, phased per kecamatan."""

from __future__ import annotations

import random

import polars as pl

from readiness.synthetic._common import conform
from readiness.synthetic._params import ITEMS_PER_TPS, SOURCE_LABEL, SyntheticOptions

__all__ = ["logistics_table", "schedule"]

_STAGE_KEYS = ("kpu", "ppk", "pps", "tps")


def schedule(stations: pl.DataFrame, options: SyntheticOptions,
              rng: random.Random) -> pl.DataFrame:  # fmt: skip
    """Planned and actual arrival days (days before voting) per TPS and item."""
    regencies = stations["regency_code"].unique().sort().to_list()
    kecamatan = stations["kecamatan_code"].unique().sort().to_list()
    regency_plan = pl.DataFrame(
        {
            "regency_code": regencies,
            "_ppk_before": [rng.randint(5, 10) for _ in regencies],
            "_pps_gap": [rng.randint(1, 3) for _ in regencies],
        },
        schema={"regency_code": pl.String, "_ppk_before": pl.Int64, "_pps_gap": pl.Int64},
    )
    kecamatan_plan = pl.DataFrame(
        {
            "kecamatan_code": kecamatan,
            "_phase": [rng.randint(0, 2) for _ in kecamatan],
            "_tps_before": rng.choices((3, 2, 1), (0.2, 0.3, 0.5), k=len(kecamatan)),
        },
        schema={"kecamatan_code": pl.String, "_phase": pl.Int64, "_tps_before": pl.Int64},
    )
    items = pl.DataFrame(
        {
            "item": list(ITEMS_PER_TPS),
            "_item_delay": [1 if item == "ballot" else 0 for item in ITEMS_PER_TPS],
            "_per_tps": list(ITEMS_PER_TPS.values()),
        },
        schema={"item": pl.String, "_item_delay": pl.Int64, "_per_tps": pl.Int64},
    )
    rows = (
        stations.select("village_code", "kecamatan_code", "regency_code", "tps_number", "voters")
        .join(items, how="cross")
        .join(regency_plan, on="regency_code", how="left")
        .join(kecamatan_plan, on="kecamatan_code", how="left")
    )
    n = rows.height
    late_draw = [rng.random() for _ in range(n)]
    quantity_draw = [rng.random() for _ in range(n)]
    late = pl.col("_late_draw")
    return rows.with_columns(
        _late_draw=pl.Series(late_draw, dtype=pl.Float64),
        _quantity_draw=pl.Series(quantity_draw, dtype=pl.Float64),
    ).with_columns(
        # days before voting (larger = earlier); lateness pushes every later step back
        _late=pl.when(late < 0.04).then((late * 100).floor().cast(pl.Int64) + 1).otherwise(0),
        _plan_ppk=pl.col("_ppk_before") - pl.col("_phase") - pl.col("_item_delay"),
    ).with_columns(
        _plan_pps=pl.col("_plan_ppk") - pl.col("_pps_gap"),
    ).with_columns(
        _plan_tps=pl.min_horizontal(pl.col("_tps_before"), pl.col("_plan_pps") - 1),
    ).with_columns(
        _ppk=pl.col("_plan_ppk") - pl.col("_late"),
        _pps=pl.col("_plan_pps") - pl.col("_late"),
        _tps=pl.col("_plan_tps") - pl.col("_late"),
        quantity_required=pl.when(pl.col("_per_tps").is_null())
        .then((pl.col("voters") * 1.025).ceil().cast(pl.Int64))
        .otherwise(pl.col("_per_tps")),
    )  # fmt: skip


def logistics_table(schedule: pl.DataFrame, options: SyntheticOptions) -> pl.DataFrame:
    """One row per TPS, item and snapshot date: the stage reached and what arrived."""
    snapshots = pl.DataFrame(
        {
            "as_of": options.snapshot_dates,
            "_before": [(options.voting_day - d).days for d in options.snapshot_dates],
        },
        schema={"as_of": pl.Date, "_before": pl.Int64},
    )
    voting_day = pl.lit(options.voting_day, pl.Date)
    draw = pl.col("_quantity_draw")
    stage_index = (
        pl.when(pl.col("_before") <= pl.col("_tps"))
        .then(3)
        .when(pl.col("_before") <= pl.col("_pps"))
        .then(2)
        .when(pl.col("_before") <= pl.col("_ppk"))
        .then(1)
        .otherwise(0)
    )
    next_plan = (
        pl.when(pl.col("_stage") == 0)
        .then(pl.col("_plan_ppk"))
        .when(pl.col("_stage") == 1)
        .then(pl.col("_plan_pps"))
        .when(pl.col("_stage") == 2)
        .then(pl.col("_plan_tps"))
        .otherwise(None)
    )
    frame = (
        schedule.join(snapshots, how="cross")
        .with_columns(_stage=stage_index)
        .select(
            region_code="village_code",
            tps_number="tps_number",
            item="item",
            stage=pl.col("_stage").replace_strict(
                list(range(len(_STAGE_KEYS))), list(_STAGE_KEYS), return_dtype=pl.String
            ),
            quantity_required="quantity_required",
            quantity_delivered=pl.when(draw < 0.02)
            .then(None)
            .when(draw < 0.03)
            .then(
                pl.col("quantity_required")
                - 1
                - ((draw - 0.02) * 100 * pl.col("quantity_required") * 0.05).floor().cast(pl.Int64)
            )
            .otherwise(pl.col("quantity_required"))
            .clip(lower_bound=0),
            scheduled_date=voting_day - pl.duration(days=next_plan),
            as_of="as_of",
            source=pl.lit(SOURCE_LABEL),
        )
    )
    return conform(frame, "logistics")
