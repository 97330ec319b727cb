"""Neutrality formulas: cases counted from the rows or, where none are listed, from the number
the summary states; follow-up; days an open case has spent in its stage."""

from __future__ import annotations

import polars as pl

from readiness.contract import FOLLOWED_UP_STATUSES, OPEN_STATUSES
from readiness.indicators._context import Context
from readiness.indicators._quantities import FLOAT, count_rows

__all__ = [
    "neutrality_cases",
    "neutrality_cases_open",
    "neutrality_cases_overdue",
    "neutrality_days_in_stage_max",
    "neutrality_followup_rate",
]

_FLOAT = FLOAT
_OPEN_CASES = OPEN_STATUSES
_FOLLOWED_UP = FOLLOWED_UP_STATUSES
_EVERY_ROW = pl.col("_unit").is_not_null()


def _stated_cases(ctx: Context) -> pl.LazyFrame:
    """Units whose summary states a number of cases but that list none: a stated zero (or a
    count without detail) is a report, not a gap."""
    listed = ctx.tables["neutrality_cases"].select("_unit").unique()
    return (
        ctx.tables["summary"]
        .filter((pl.col("_depth") == 2) & pl.col("cases_stated").is_not_null())
        .sort("as_of")
        .group_by("_unit")
        .agg(pl.col("as_of").last(), stated=pl.col("cases_stated").last().cast(_FLOAT))
        .join(listed, on="_unit", how="anti")
    )


def _with_stated(ctx: Context, counted: pl.LazyFrame, stated: pl.Expr) -> pl.LazyFrame:
    """Case counts from the rows, else from the number the summary states (see
    :func:`_stated_cases`); ``stated`` turns that number into ``num``."""
    from_summary = _stated_cases(ctx).select(
        "_unit",
        "as_of",
        num=stated,
        den=pl.lit(None, _FLOAT),
        coverage=pl.lit(1.0),
    )
    return pl.concat([counted, from_summary], how="diagonal_relaxed")


def neutrality_cases(ctx: Context) -> pl.LazyFrame:
    counted = count_rows(ctx.tables["neutrality_cases"], _EVERY_ROW, None)
    return _with_stated(ctx, counted, pl.col("stated"))


def neutrality_cases_open(ctx: Context) -> pl.LazyFrame:
    counted = count_rows(ctx.tables["neutrality_cases"], pl.col("status").is_in(_OPEN_CASES), None)
    # a stated zero is zero open cases; a stated count without rows says nothing of their stage
    return _with_stated(ctx, counted, pl.when(pl.col("stated") == 0).then(0.0))


def neutrality_followup_rate(ctx: Context) -> pl.LazyFrame:
    followed_up = pl.col("status").is_in(_FOLLOWED_UP)
    return count_rows(ctx.tables["neutrality_cases"], followed_up, _EVERY_ROW)


def _stage_date() -> pl.Expr:
    """The date a case entered its current stage (null when not reported)."""
    return (
        pl.when(pl.col("status") == "reported")
        .then(pl.col("date_reported"))
        .when(pl.col("status") == "examined")
        .then(pl.col("date_examined"))
        .when(pl.col("status") == "recommended")
        .then(pl.col("date_recommended"))
        .when(pl.col("status") == "decided")
        .then(pl.col("date_decided"))
    )


def _days_in_stage(ctx: Context) -> pl.Expr:
    """Days an open case has spent in its current stage by the reference date."""
    return (pl.lit(ctx.reference_date) - _stage_date()).dt.total_days().cast(_FLOAT)


def neutrality_days_in_stage_max(ctx: Context) -> pl.LazyFrame:
    cases = ctx.tables["neutrality_cases"].filter(pl.col("status").is_in(_OPEN_CASES))
    days = _days_in_stage(ctx)
    return cases.group_by("_unit").agg(
        as_of=pl.col("as_of").max(),
        num=days.max(),
        den=pl.lit(None, _FLOAT),
        coverage=(days.is_not_null().sum() / pl.len()).cast(_FLOAT),
    )


def neutrality_cases_overdue(ctx: Context) -> pl.LazyFrame:
    cases = ctx.tables["neutrality_cases"].filter(pl.col("status").is_in(_OPEN_CASES))
    days = _days_in_stage(ctx)
    limit = ctx.norm("neutrality_case_open_days")
    return cases.group_by("_unit").agg(
        as_of=pl.col("as_of").max(),
        num=pl.when(days.is_not_null().any()).then((days > limit).sum().cast(_FLOAT)),
        den=pl.lit(None, _FLOAT),
        coverage=(days.is_not_null().sum() / pl.len()).cast(_FLOAT),
    )
