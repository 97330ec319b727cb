"""Logistics formulas: stage positions per kecamatan, shares reaching a stage, days behind,
plans against deadlines and quantities delivered. A plan is never an arrival."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from readiness.contract import STAGES
from readiness.indicators._context import Context, code_depth, truncate_code
from readiness.indicators._formulas_stations import voters
from readiness.indicators._quantities import (
    FLOAT,
    compact,
    compact_detail,
    memo,
    ratio,
    whole,
)

__all__ = [
    "STAGE_RANK",
    "ballot_reserve_share",
    "logistics_days_behind",
    "logistics_delivered_share",
    "logistics_input_dates",
    "logistics_kecamatan",
    "logistics_on_track",
    "logistics_plan_on_time",
    "logistics_positions",
    "stage_share",
]

_FLOAT = FLOAT
STAGE_RANK = STAGES.rank


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


def _logistics_by_code(ctx: Context, *, has_plans: bool | None = None) -> pl.LazyFrame:
    """Logistics per record code in one pass over the latest snapshot (see
    :func:`_logistics_by_kecamatan`, which adds these up), with ``oldest_as_of`` the oldest
    as-of date of any row (see :func:`logistics_input_dates`).

    Every figure is a count, an integer sum, a minimum or a maximum, so adding up these
    figures per kecamatan gives exactly the figures of the kecamatan's rows.

    ``has_plans`` says whether the snapshot has plan rows (found out when None). Without any,
    every row is an actual one, and the figures of actual rows are those of all rows:
    the same frame comes from fewer aggregations.
    """
    rows = ctx.latest["logistics"]
    if has_plans is None:
        has_plans = _has_plans(rows)
    both = pl.col("quantity_required").is_not_null() & pl.col("quantity_delivered").is_not_null()
    quantities = {
        "_both": both.cast(pl.Int64),
        "_required": pl.when(both).then(pl.col("quantity_required")),
        "_delivered": pl.when(both).then(pl.col("quantity_delivered")),
    }
    figures = {
        "input_as_of": pl.col("as_of").max(),
        "oldest_as_of": pl.col("as_of").min(),
        "rank": pl.col("_rank").min(),
        "rows": pl.len().cast(pl.Int64),
        "both": pl.col("_both").sum(),
        "required": pl.col("_required").sum(),
        "delivered": pl.col("_delivered").sum(),
    }
    if not has_plans:
        return (
            rows.with_columns(_rank=_stage_rank(pl.col("stage")), **quantities)
            .group_by("region_code")
            .agg(scheduled=pl.col("scheduled_date").max(), **figures)
            .with_columns(
                as_of=pl.col("input_as_of"),
                plans=pl.lit(0, pl.Int64),
                plan_late=pl.lit(None, pl.Int64),
            )
            .select(_BY_CODE)
        )
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
        rows.with_columns(
            _rank=pl.when(actual).then(_stage_rank(pl.col("stage"))),
            _actual_as_of=pl.when(actual).then(pl.col("as_of")),
            _actual_scheduled=pl.when(actual).then(pl.col("scheduled_date")),
            _plan=_is_plan().cast(pl.Int64),
            _plan_late=pl.when(_is_plan()).then(
                pl.max_horizontal(
                    pl.lit(0), (pl.col("scheduled_date") - deadline).dt.total_days()
                ).fill_null(0)
            ),
            **quantities,
        )
        .group_by("region_code")
        .agg(
            as_of=pl.col("_actual_as_of").max(),
            scheduled=pl.col("_actual_scheduled").max(),
            plans=pl.col("_plan").sum(),
            plan_late=pl.col("_plan_late").max(),
            **figures,
        )
        .select(_BY_CODE)
    )


_BY_CODE = (
    "region_code",
    "as_of",
    "input_as_of",
    "oldest_as_of",
    "rank",
    "scheduled",
    "plans",
    "plan_late",
    "rows",
    "both",
    "required",
    "delivered",
)
"""Columns of :func:`_logistics_by_code`, in order."""


def _has_plans(rows: pl.LazyFrame) -> bool:
    """Whether any row is a plan (a column of no basis at all is answered without reading
    it row by row)."""
    basis = pl.col("basis")
    unknown = rows.select(unknown=basis.null_count() == pl.len()).collect(engine="in-memory")
    if unknown.item():
        return False
    return bool(rows.select(_is_plan().any()).collect(engine="in-memory").item())


def _shared_by_code(ctx: Context) -> pl.LazyFrame:
    return ctx.shared_memo("logistics_by_code", lambda: _logistics_by_code(ctx))


def logistics_input_dates(ctx: Context) -> pl.LazyFrame:
    """The oldest and newest as-of date of the latest logistics rows, per record code
    (``region_code``, ``oldest``, ``newest``), from the one pass shared by every depth."""
    return _shared_by_code(ctx).select("region_code", oldest="oldest_as_of", newest="input_as_of")


def _logistics_by_kecamatan(ctx: Context) -> pl.LazyFrame:
    """Logistics per kecamatan code (or coarser code), added up from the figures per record
    code (:func:`_logistics_by_code`).

    Only actual rows give a position (``rank``, ``as_of``, ``scheduled``): a plan is never
    an arrival nor a missed one. ``plans`` counts plan rows and ``plan_late`` is the most
    days a planned arrival falls after its stage's deadline (0 when every plan meets it).
    ``rows`` and ``both`` count the rows and those giving both quantities, whose sums are
    ``required`` and ``delivered``. ``depth`` is the depth of ``_kecamatan``: a kecamatan
    code groups rows at depth 3 or finer; a coarser code groups only rows with that code.
    """
    return (
        _shared_by_code(ctx)
        .group_by(truncate_code(pl.col("region_code"), 3).alias("_kecamatan"))
        .agg(
            pl.col("as_of").max(),
            pl.col("input_as_of").max(),
            pl.col("rank").min(),
            pl.col("scheduled").max(),
            pl.col("plans").sum(),
            pl.col("plan_late").max(),
            pl.col("rows").sum().cast(pl.UInt32),
            pl.col("both").sum(),
            pl.col("required").sum(),
            pl.col("delivered").sum(),
        )
        .with_columns(depth=code_depth(pl.col("_kecamatan")))
    )


@memo
def logistics_kecamatan(ctx: Context) -> pl.LazyFrame:
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
    frame = logistics_kecamatan(ctx)
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


def logistics_plan_on_time(ctx: Context) -> pl.LazyFrame:
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


def stage_share(stage: str) -> Callable[[Context], pl.LazyFrame]:
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


def logistics_on_track(ctx: Context) -> pl.LazyFrame:
    return _logistics_share(ctx, pl.col("rank") >= _expected_rank(ctx))


def logistics_days_behind(ctx: Context) -> pl.LazyFrame:
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


def logistics_delivered_share(ctx: Context) -> pl.LazyFrame:
    reported = pl.col("both").sum() > 0
    return (
        logistics_kecamatan(ctx)
        .group_by("_unit")
        .agg(
            as_of=pl.col("input_as_of").max(),
            num=pl.when(reported).then(pl.col("delivered").sum().cast(_FLOAT)),
            den=pl.when(reported).then(pl.col("required").sum().cast(_FLOAT)),
            coverage=(pl.col("both").sum() / pl.col("rows").sum()).cast(_FLOAT),
        )
    )


def ballot_reserve_share(ctx: Context) -> pl.LazyFrame:
    delivered = ("quantity_delivered",)
    ballots = compact(ctx, "logistics", delivered, pl.col("item") == "ballot")
    parts = compact_detail(ctx, ballots, delivered, "ballot")
    frame = ratio(whole(parts, "quantity_delivered"), voters(ctx))
    return frame.with_columns(num=pl.col("num") - pl.col("den"))
