"""Indicator formulas, found by the registry id.

Every formula computes, per unit (kabupaten/kota or kecamatan), a numerator ``num``, a
denominator ``den`` (null unless the formula is a ratio), a ``coverage`` in [0, 1] and the
``as_of`` date of the newest input used. The engine turns these into values and rolls them up
with one definition per aggregation kind (see ``_compute.py``):

- ``ratio``: value = num / den; a higher level sums num and den over the units where both
  are reported (a zero denominator gives no value);
- ``sum``: value = num; a higher level sums the reported units;
- ``max``: value = num; a higher level takes the maximum.

A figure for a unit comes from its detail (polling-station, village, kecamatan or agency
rows) only when that detail covers every village of the unit, else from the regency's summary
row (see ``_quantities.py``). The two terms of a ratio always come from one scope: both unit
figures, or both summed over the same detail rows; otherwise the value is null and the
coverage says how much was reported. Nothing missing is ever counted as zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import polars as pl

from readiness.contract import FOLLOWED_UP_STATUSES, OPEN_STATUSES, STAGES, TableName
from readiness.indicators._context import Context, code_depth, truncate_code
from readiness.indicators._quantities import (
    FLOAT,
    compact,
    compact_detail,
    compact_rows,
    count_rows,
    detail,
    gap,
    memo,
    ratio,
    reference_villages,
    summary,
    whole,
)

__all__ = ["FORMULAS", "STAGE_RANK", "Aggregation", "Formula", "logistics_positions"]

Aggregation = Literal["ratio", "sum", "max"]

_FLOAT = FLOAT
STAGE_RANK = {stage: rank for rank, stage in enumerate(STAGES.keys)}
_OPEN_CASES = OPEN_STATUSES
_FOLLOWED_UP = FOLLOWED_UP_STATUSES
_EVERY_ROW = pl.col("_unit").is_not_null()
_POLICE_GRADES = ("highly_vulnerable", "vulnerable", "less_vulnerable", "special")
_SECURITY = pl.col("role") == "security"


@dataclass(frozen=True)
class Formula:
    """How an indicator is computed per unit and how it rolls up."""

    aggregation: Aggregation
    compute: Callable[[Context], pl.LazyFrame]


# --- quantities: one figure per unit with its coverage ------------------------------------


_STATION_COLUMNS = ("tps", "tps_khusus", "voters")
_USABLE_RATIO = pl.col("voters").is_not_null() & (pl.col("tps") > 0)


def _stations(ctx: Context) -> pl.LazyFrame:
    """Polling stations compacted once per snapshot (see :func:`compact`), with what
    ``voters_per_tps_max`` needs: the largest voters/TPS, and the rows giving one."""
    return compact(
        ctx,
        "polling_stations",
        _STATION_COLUMNS,
        prepared={
            "_ratio": pl.when(_USABLE_RATIO).then(pl.col("voters") / pl.col("tps")),
            "_usable": _USABLE_RATIO.fill_null(False).cast(pl.Int64),
        },
        extra={
            "ratio_max": pl.col("_ratio").max(),
            "usable": pl.col("_usable").sum(),
            "rows": pl.len(),
        },
    )


def _station_detail(ctx: Context, columns: tuple[str, ...]) -> pl.LazyFrame:
    """:func:`detail` of polling-station columns, from the compacted stations."""
    return compact_detail(ctx, _stations(ctx), columns, "polling_stations")


@memo
def _tps(ctx: Context) -> pl.LazyFrame:
    return whole(_station_detail(ctx, ("tps",)), "tps", summary(ctx, "tps"))


@memo
def _tps_khusus(ctx: Context) -> pl.LazyFrame:
    parts = _station_detail(ctx, ("tps_khusus",))
    return whole(parts, "tps_khusus", summary(ctx, "tps_khusus"))


@memo
def _voters(ctx: Context) -> pl.LazyFrame:
    return whole(_station_detail(ctx, ("voters",)), "voters", summary(ctx, "voters"))


@memo
def _security_personnel(ctx: Context) -> pl.LazyFrame:
    parts = detail(ctx, "personnel", ("count",), _SECURITY)
    return whole(parts, "count", summary(ctx, "security_personnel"))


def _personnel(ctx: Context, *, role: str, agency: str | None = None) -> pl.LazyFrame:
    where = pl.col("role") == role
    if agency is not None:
        where = where & (pl.col("agency") == agency)
    return whole(detail(ctx, "personnel", ("count",), where), "count")


@memo
def _village_count(ctx: Context) -> pl.LazyFrame:
    """As reported in the summary, else the Kemendagri reference (which adds no coverage)."""
    return (
        reference_villages(ctx)
        .join(summary(ctx, "village_count"), on="_unit", how="left", suffix="_reported")
        .select(
            "_unit",
            as_of=pl.col("as_of_reported"),
            value=pl.coalesce("value_reported", "value"),
            cov=pl.col("cov_reported").fill_null(0.0),
        )
    )


def _station_pair(ctx: Context, num: str, den: str) -> pl.LazyFrame:
    """Both terms of a polling-station ratio summed over the same rows (those giving both)."""
    parts = _station_detail(ctx, (num, den))
    return parts.select("_unit", "as_of", num=pl.col(num), den=pl.col(den))


# --- logistics ------------------------------------------------------------------------------


def logistics_positions(ctx: Context, by: tuple[str, ...] = ()) -> pl.LazyFrame:
    """Per kecamatan (and ``by`` columns): the lowest stage reached, and the planned date
    (actual rows only: a plan is not a position).

    A row for a whole regency (no kecamatan) stands for all its kecamatan (``weight``), and
    is used only when the regency has no kecamatan rows.
    """
    frame = (
        ctx.tables["logistics"].filter(~_is_plan()).with_columns(rank=_stage_rank(pl.col("stage")))
    )
    aggregates = (
        pl.col("as_of").max(),
        pl.col("rank").min(),
        pl.col("scheduled_date").max().alias("scheduled"),
    )
    positions = (
        frame.filter(pl.col("_depth") >= 3)
        .group_by("_unit", "_kecamatan", *by)
        .agg(*aggregates)
        .select("_unit", *by, "as_of", "rank", "scheduled")
    )
    regencies = frame.filter(pl.col("_depth") == 2).group_by("_unit", *by).agg(*aggregates)
    return _with_regency_rows(ctx, positions, regencies)


def _with_regency_rows(
    ctx: Context, positions: pl.LazyFrame, regencies: pl.LazyFrame
) -> pl.LazyFrame:
    """Kecamatan ``positions`` (weight 1) and, at regency depth, the ``regencies`` rows of
    regencies without kecamatan rows, each weighing as many kecamatan as the regency has."""
    positions = positions.with_columns(weight=pl.lit(1, pl.Int64))
    if ctx.depth != 2:
        return positions
    standing_in = regencies.join(positions.select("_unit").unique(), on="_unit", how="anti").join(
        ctx.units.select("_unit", weight="n_kecamatan"), on="_unit", how="inner"
    )
    return pl.concat([positions, standing_in], how="diagonal_relaxed")


def _stage_rank(stage: pl.Expr) -> pl.Expr:
    """:data:`STAGE_RANK` of a stage (null when unknown), as a chain of comparisons, which
    is faster than a lookup over millions of rows."""
    rank = pl.lit(None, pl.Int8)
    for name, position in reversed(STAGE_RANK.items()):
        rank = pl.when(stage == name).then(pl.lit(position, pl.Int8)).otherwise(rank)
    return rank


def _is_plan() -> pl.Expr:
    return (pl.col("basis") == "plan").fill_null(False)


def _logistics_by_kecamatan(ctx: Context) -> pl.LazyFrame:
    """Logistics per kecamatan code (or coarser code) in one pass over the latest snapshot.

    Only actual rows give a position (``rank``, ``as_of``, ``scheduled``): a plan is never
    an arrival nor a missed one. ``plans`` counts plan rows and ``plan_late`` is the most
    days a planned arrival falls after its stage's deadline (0 when every plan meets it).
    ``rows`` and ``both`` count the rows and those giving both quantities, whose sums are
    ``required`` and ``delivered``. ``depth`` is the depth of ``_kecamatan``: a kecamatan
    code groups rows at depth 3 or finer; a coarser code groups only rows with that code.
    """
    both = pl.col("quantity_required").is_not_null() & pl.col("quantity_delivered").is_not_null()
    actual = ~_is_plan()
    ppk, pps, tps = _deadlines(ctx)
    deadline = (
        pl.when(pl.col("stage") == "ppk")
        .then(ppk)
        .when(pl.col("stage") == "pps")
        .then(pps)
        .when(pl.col("stage") == "tps")
        .then(tps)
    )
    return (
        ctx.latest["logistics"]
        .with_columns(
            _rank=pl.when(actual).then(_stage_rank(pl.col("stage"))),
            _actual_as_of=pl.when(actual).then(pl.col("as_of")),
            _actual_scheduled=pl.when(actual).then(pl.col("scheduled_date")),
            _plan=_is_plan().cast(pl.Int64),
            _plan_late=pl.when(_is_plan()).then(
                pl.max_horizontal(
                    pl.lit(0), (pl.col("scheduled_date") - deadline).dt.total_days()
                ).fill_null(0)
            ),
            _both=both.cast(pl.Int64),
            _required=pl.when(both).then(pl.col("quantity_required")),
            _delivered=pl.when(both).then(pl.col("quantity_delivered")),
        )
        .group_by(truncate_code(pl.col("region_code"), 3).alias("_kecamatan"))
        .agg(
            as_of=pl.col("_actual_as_of").max(),
            input_as_of=pl.col("as_of").max(),
            rank=pl.col("_rank").min(),
            scheduled=pl.col("_actual_scheduled").max(),
            plans=pl.col("_plan").sum(),
            plan_late=pl.col("_plan_late").max(),
            rows=pl.len(),
            both=pl.col("_both").sum(),
            required=pl.col("_required").sum(),
            delivered=pl.col("_delivered").sum(),
        )
        .with_columns(depth=code_depth(pl.col("_kecamatan")))
    )


@memo
def _logistics_kecamatan(ctx: Context) -> pl.LazyFrame:
    """Logistics per kecamatan (or regency row) of the context's units: every figure the
    formulas need, from one pass shared by every depth.

    ``fine`` marks kecamatan (not regency) rows; see :func:`_logistics_by_kecamatan`.
    """
    return (
        ctx.shared_memo("logistics_by_kecamatan", lambda: _logistics_by_kecamatan(ctx))
        .filter(pl.col("depth") >= ctx.depth)
        .with_columns(
            _unit=truncate_code(pl.col("_kecamatan"), ctx.depth), fine=pl.col("depth") >= 3
        )
    )


_POSITION = ("_unit", "as_of", "input_as_of", "rank", "scheduled", "plans", "plan_late")


@memo
def _logistics_positions(ctx: Context) -> pl.LazyFrame:
    """:func:`logistics_positions` without ``by``, from the one-pass aggregate, with the
    plan columns of :func:`_logistics_by_kecamatan`."""
    frame = _logistics_kecamatan(ctx)
    positions = frame.filter("fine").select(_POSITION)
    return _with_regency_rows(ctx, positions, frame.filter(~pl.col("fine")).select(_POSITION))


def _logistics_share(ctx: Context, reached: pl.Expr) -> pl.LazyFrame:
    """Share of kecamatan with an actual position where ``reached`` holds; a unit with plans
    only gets no value and ``plan_only``."""
    positions = _logistics_positions(ctx).join(ctx.units, on="_unit", how="inner")
    known = pl.col("rank").is_not_null()
    weight = pl.col("weight").filter(known)
    return positions.group_by("_unit").agg(
        as_of=pl.col("input_as_of").max(),
        num=pl.when(known.any()).then(
            (pl.col("weight") * reached.cast(pl.Int64)).filter(known).sum().cast(_FLOAT)
        ),
        den=pl.when(known.any()).then(weight.sum().cast(_FLOAT)),
        coverage=pl.min_horizontal(pl.lit(1.0), weight.sum() / pl.col("n_kecamatan").first()),
        plan_only=~known.any() & (pl.col("plans") > 0).any(),
    )


def _logistics_plan_on_time(ctx: Context) -> pl.LazyFrame:
    """Share of kecamatan with a plan whose planned arrivals all meet their deadlines."""
    positions = _logistics_positions(ctx).join(ctx.units, on="_unit", how="inner")
    planned = pl.col("plans") > 0
    weight = pl.col("weight").filter(planned)
    return positions.group_by("_unit").agg(
        as_of=pl.col("input_as_of").max(),
        num=pl.when(planned.any()).then(
            (pl.col("weight") * (pl.col("plan_late") == 0).cast(pl.Int64))
            .filter(planned)
            .sum()
            .cast(_FLOAT)
        ),
        den=pl.when(planned.any()).then(weight.sum().cast(_FLOAT)),
        coverage=pl.min_horizontal(pl.lit(1.0), weight.sum() / pl.col("n_kecamatan").first()),
    )


def _stage_share(stage: str) -> Callable[[Context], pl.LazyFrame]:
    def compute(ctx: Context) -> pl.LazyFrame:
        return _logistics_share(ctx, pl.col("rank") >= STAGE_RANK[stage])

    compute.__doc__ = f"Share of kecamatan whose logistics reached {stage} or beyond."
    return compute


def _deadlines(ctx: Context) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    return (
        pl.lit(ctx.deadline("logistics_at_ppk_days_before")),
        pl.lit(ctx.deadline("logistics_at_pps_days_before")),
        pl.lit(ctx.deadline("logistics_at_tps_days_before")),
    )


def _expected_rank(ctx: Context) -> pl.Expr:
    """The stage a kecamatan should have reached by its as-of date (deadlines passed)."""
    ppk, pps, tps = _deadlines(ctx)
    as_of = pl.col("as_of")
    return (as_of > ppk).cast(pl.Int8) + (as_of > pps).cast(pl.Int8) + (as_of > tps).cast(pl.Int8)


def _logistics_on_track(ctx: Context) -> pl.LazyFrame:
    return _logistics_share(ctx, pl.col("rank") >= _expected_rank(ctx))


def _logistics_days_behind(ctx: Context) -> pl.LazyFrame:
    ppk, pps, tps = _deadlines(ctx)
    next_deadline = (
        pl.when(pl.col("rank") == 0)
        .then(ppk)
        .when(pl.col("rank") == 1)
        .then(pps)
        .when(pl.col("rank") == 2)
        .then(tps)
    )
    late_now = (pl.col("as_of") - next_deadline).dt.total_days()
    late_planned = (pl.col("scheduled") - next_deadline).dt.total_days()
    behind = (
        pl.when(pl.col("rank").is_null())
        .then(None)
        .otherwise(pl.max_horizontal(pl.lit(0), late_now, late_planned).fill_null(0))
    )
    positions = _logistics_positions(ctx).join(ctx.units, on="_unit", how="inner")
    known = pl.col("rank").is_not_null()
    return positions.group_by("_unit").agg(
        as_of=pl.col("input_as_of").max(),
        num=behind.max().cast(_FLOAT),
        den=pl.lit(None, _FLOAT),
        coverage=pl.min_horizontal(
            pl.lit(1.0), pl.col("weight").filter(known).sum() / pl.col("n_kecamatan").first()
        ),
        plan_only=~known.any() & (pl.col("plans") > 0).any(),
    )


def _logistics_delivered_share(ctx: Context) -> pl.LazyFrame:
    reported = pl.col("both").sum() > 0
    return (
        _logistics_kecamatan(ctx)
        .group_by("_unit")
        .agg(
            as_of=pl.col("input_as_of").max(),
            num=pl.when(reported).then(pl.col("delivered").sum().cast(_FLOAT)),
            den=pl.when(reported).then(pl.col("required").sum().cast(_FLOAT)),
            coverage=(pl.col("both").sum() / pl.col("rows").sum()).cast(_FLOAT),
        )
    )


def _ballot_reserve_share(ctx: Context) -> pl.LazyFrame:
    delivered = ("quantity_delivered",)
    ballots = compact(ctx, "logistics", delivered, pl.col("item") == "ballot")
    parts = compact_detail(ctx, ballots, delivered, "ballot")
    frame = ratio(whole(parts, "quantity_delivered"), _voters(ctx))
    return frame.with_columns(num=pl.col("num") - pl.col("den"))


# --- TPS, voters, personnel -----------------------------------------------------------------


def _tps_per_village(ctx: Context) -> pl.LazyFrame:
    reported = _station_detail(ctx, ("tps",))
    same_rows = reported.select("_unit", "as_of", num="tps", den="villages")
    return ratio(_tps(ctx), _village_count(ctx), same_rows)


def _voters_per_tps(ctx: Context) -> pl.LazyFrame:
    return ratio(_voters(ctx), _tps(ctx), _station_pair(ctx, "voters", "tps"))


def _voters_per_tps_max(ctx: Context) -> pl.LazyFrame:
    return (
        compact_rows(ctx, _stations(ctx), "polling_stations")
        .group_by("_unit")
        .agg(
            as_of=pl.col("as_of").max(),
            num=pl.col("ratio_max").max().cast(_FLOAT),
            den=pl.lit(None, _FLOAT),
            coverage=(pl.col("usable").sum() / pl.col("rows").sum()).cast(_FLOAT),
        )
    )


def _tps_khusus_share(ctx: Context) -> pl.LazyFrame:
    return ratio(_tps_khusus(ctx), _tps(ctx), _station_pair(ctx, "tps_khusus", "tps"))


def _tps_covered(ctx: Context, where: pl.Expr, stated: str | None = None) -> pl.LazyFrame:
    """The TPS the counted personnel cover: the largest ``tps_covered`` of the unit's own
    personnel rows matching ``where``, else the summary's ``stated`` column, else the unit's
    TPS. Per-TPS ratios divide by the TPS the personnel actually cover."""
    rows = ctx.tables["personnel"].filter(
        where & pl.col("tps_covered").is_not_null() & (pl.col("_grain") == 0)
    )
    covered = rows.group_by("_unit").agg(
        as_of=pl.col("as_of").max(), value=pl.col("tps_covered").max().cast(_FLOAT)
    )
    choices = [covered]
    if stated is not None:
        choices.append(summary(ctx, stated).select("_unit", "as_of", "value"))
    frame = _tps(ctx)
    for position, choice in enumerate(choices):
        frame = frame.join(
            choice.select("_unit", **{f"as_of_{position}": "as_of", f"value_{position}": "value"}),
            on="_unit",
            how="full",
            coalesce=True,
        )
    preferred = [pl.col(f"value_{position}") for position in range(len(choices))]
    dates = [pl.col(f"as_of_{position}") for position in range(len(choices))]
    value = pl.coalesce(*preferred, pl.col("value"))
    return frame.select(
        "_unit",
        as_of=pl.coalesce(*[pl.when(v.is_not_null()).then(d) for v, d in zip(preferred, dates,
                                                                          strict=True)],
                          pl.col("as_of")),
        value=value,
        cov=pl.when(value.is_not_null()).then(1.0).otherwise(pl.col("cov").fill_null(0.0)),
    )  # fmt: skip


def _security_personnel_per_tps(ctx: Context) -> pl.LazyFrame:
    return ratio(_security_personnel(ctx), _tps_covered(ctx, _SECURITY, "security_tps_covered"))


def _per_tps(*, role: str, agency: str | None = None) -> Callable[[Context], pl.LazyFrame]:
    def compute(ctx: Context) -> pl.LazyFrame:
        where = pl.col("role") == role
        if agency is not None:
            where = where & (pl.col("agency") == agency)
        return ratio(_personnel(ctx, role=role, agency=agency), _tps_covered(ctx, where))

    compute.__doc__ = f"Personnel ({agency or 'any agency'}, {role}) per TPS."
    return compute


def _police_required(ctx: Context) -> pl.LazyFrame:
    per_grade = {grade: ctx.norm(f"police_per_tps_{grade}") for grade in _POLICE_GRADES}
    graded = (pl.col("instrument") == "polri_grade") & pl.col("category").is_in(_POLICE_GRADES)
    required = pl.col("tps_count") * pl.col("category").replace_strict(
        per_grade, default=None, return_dtype=_FLOAT
    )
    parts = detail(ctx, "vulnerabilities", ("required",), graded, {"required": required})
    return whole(parts, "required")


def _police_vs_grade_requirement(ctx: Context) -> pl.LazyFrame:
    return ratio(_personnel(ctx, role="security", agency="polri"), _police_required(ctx))


# --- neutrality -----------------------------------------------------------------------------


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


def _neutrality_cases(ctx: Context) -> pl.LazyFrame:
    counted = count_rows(ctx.tables["neutrality_cases"], _EVERY_ROW, None)
    return _with_stated(ctx, counted, pl.col("stated"))


def _neutrality_cases_open(ctx: Context) -> pl.LazyFrame:
    counted = count_rows(ctx.tables["neutrality_cases"], pl.col("status").is_in(_OPEN_CASES), None)
    # a stated zero is zero open cases; a stated count without rows says nothing of their stage
    return _with_stated(ctx, counted, pl.when(pl.col("stated") == 0).then(0.0))


def _neutrality_followup_rate(ctx: Context) -> pl.LazyFrame:
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


def _neutrality_days_in_stage_max(ctx: Context) -> pl.LazyFrame:
    cases = ctx.tables["neutrality_cases"].filter(pl.col("status").is_in(_OPEN_CASES))
    days = _days_in_stage(ctx)
    return cases.group_by("_unit").agg(
        as_of=pl.col("as_of").max(),
        num=days.max(),
        den=pl.lit(None, _FLOAT),
        coverage=(days.is_not_null().sum() / pl.len()).cast(_FLOAT),
    )


def _neutrality_cases_overdue(ctx: Context) -> pl.LazyFrame:
    cases = ctx.tables["neutrality_cases"].filter(pl.col("status").is_in(_OPEN_CASES))
    days = _days_in_stage(ctx)
    limit = ctx.norm("neutrality_case_open_days")
    return cases.group_by("_unit").agg(
        as_of=pl.col("as_of").max(),
        num=pl.when(days.is_not_null().any()).then((days > limit).sum().cast(_FLOAT)),
        den=pl.lit(None, _FLOAT),
        coverage=(days.is_not_null().sum() / pl.len()).cast(_FLOAT),
    )


# --- reconciliation and coverage ------------------------------------------------------------


def _tps_reconciliation_gap(ctx: Context) -> pl.LazyFrame:
    parts = whole(_station_detail(ctx, ("tps",)), "tps")
    return gap(summary(ctx, "tps"), parts)


def _security_personnel_reconciliation_gap(ctx: Context) -> pl.LazyFrame:
    parts = whole(detail(ctx, "personnel", ("count",), _SECURITY), "count")
    return gap(summary(ctx, "security_personnel"), parts)


def _village_count_reconciliation_gap(ctx: Context) -> pl.LazyFrame:
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
        _logistics_kecamatan(ctx)
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
    _tps,
    _voters,
    _tps_khusus,
    _security_personnel,
    _summary_village_count,
    _logistics_reported,
    _vulnerabilities_reported,
)
"""The core inputs whose presence ``data_coverage`` counts (a figure for the whole unit)."""


def _data_coverage(ctx: Context) -> pl.LazyFrame:
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


FORMULAS: dict[str, Formula] = {
    "tps_per_village": Formula("ratio", _tps_per_village),
    "voters_per_tps": Formula("ratio", _voters_per_tps),
    "voters_per_tps_max": Formula("max", _voters_per_tps_max),
    "tps_khusus_share": Formula("ratio", _tps_khusus_share),
    "security_personnel_per_tps": Formula("ratio", _security_personnel_per_tps),
    "police_per_tps": Formula("ratio", _per_tps(role="security", agency="polri")),
    "tni_per_tps": Formula("ratio", _per_tps(role="security", agency="tni")),
    "linmas_per_tps": Formula("ratio", _per_tps(role="security", agency="linmas")),
    "kpps_per_tps": Formula("ratio", _per_tps(role="kpps")),
    "police_vs_grade_requirement": Formula("ratio", _police_vs_grade_requirement),
    "logistics_completion_kecamatan": Formula("ratio", _stage_share("ppk")),
    "logistics_at_pps_kecamatan": Formula("ratio", _stage_share("pps")),
    "logistics_at_tps_kecamatan": Formula("ratio", _stage_share("tps")),
    "logistics_on_track_kecamatan": Formula("ratio", _logistics_on_track),
    "logistics_days_behind_max": Formula("max", _logistics_days_behind),
    "logistics_plan_on_time_kecamatan": Formula("ratio", _logistics_plan_on_time),
    "logistics_delivered_share": Formula("ratio", _logistics_delivered_share),
    "ballot_reserve_share": Formula("ratio", _ballot_reserve_share),
    "neutrality_cases": Formula("sum", _neutrality_cases),
    "neutrality_cases_open": Formula("sum", _neutrality_cases_open),
    "neutrality_followup_rate": Formula("ratio", _neutrality_followup_rate),
    "neutrality_days_in_stage_max": Formula("max", _neutrality_days_in_stage_max),
    "neutrality_cases_overdue": Formula("sum", _neutrality_cases_overdue),
    "tps_reconciliation_gap": Formula("ratio", _tps_reconciliation_gap),
    "security_personnel_reconciliation_gap": Formula(
        "ratio", _security_personnel_reconciliation_gap
    ),
    "village_count_reconciliation_gap": Formula("ratio", _village_count_reconciliation_gap),
    "data_coverage": Formula("ratio", _data_coverage),
}
"""Formula per indicator id; the registry must name exactly these ids."""
