"""Logistics plans against the H-minus milestones of the election."""

from __future__ import annotations

import datetime as dt

import polars as pl

from readiness.validation._registry import Context, Rule, check

__all__: list[str] = []

PLAN_AFTER_MILESTONE = Rule(
    "logistics.plan_after_milestone", "warning",
    "Rencana tiba tidak sesudah tenggat tahapnya", "Planned arrival not after its milestone",
    "{column} {value} untuk tahap {stage_id} jatuh sesudah tenggatnya ({deadline}, H-{days}).",
    "{column} {value} for the {stage_en} stage falls after its milestone ({deadline}, D-{days}).",
    "Bila jadwal memang demikian, laporkan ke KPU kabupaten/kota sebagai risiko keterlambatan.",
    "If that is the schedule, raise it with the KPU of the regency as a risk of delay.",
)  # fmt: skip

_MILESTONES = {
    "ppk": ("logistics_at_ppk_days_before", "PPK", "PPK"),
    "pps": ("logistics_at_pps_days_before", "PPS", "PPS"),
    "tps": ("logistics_at_tps_days_before", "KPPS (TPS)", "KPPS (polling station)"),
}


@check(PLAN_AFTER_MILESTONE)
def check_plans(context: Context) -> pl.DataFrame:
    """Plan rows whose scheduled arrival at their stage falls after that stage's deadline."""
    logistics = context.dataset.table("logistics")
    plans = logistics.filter(
        (pl.col("basis") == "plan").fill_null(False) & pl.col("scheduled_date").is_not_null()
    )
    parts = []
    for stage, (norm_id, stage_id, stage_en) in _MILESTONES.items():
        if norm_id not in context.election.norms:
            continue
        days = int(context.election.norms[norm_id].value)
        deadline = context.election.voting_day - dt.timedelta(days=days)
        late = plans.filter((pl.col("stage") == stage) & (pl.col("scheduled_date") > deadline))
        parts.append(
            late.select(
                pl.lit(PLAN_AFTER_MILESTONE.id).alias("rule"),
                pl.lit("logistics").alias("table"),
                "_file",
                "_sheet",
                "_row",
                pl.lit("scheduled_date").alias("column"),
                pl.col("scheduled_date").alias("value"),
                pl.lit(stage_id).alias("stage_id"),
                pl.lit(stage_en).alias("stage_en"),
                pl.lit(deadline).alias("deadline"),
                pl.lit(days).alias("days"),
            )
        )
    found = [part for part in parts if part.height]
    if not found:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(found, how="diagonal_relaxed")
