"""One indicator's formula per unit (with the freshness of its inputs), and its roll-up to a
coarser level with one definition per aggregation kind, the norm and the status."""

from __future__ import annotations

import datetime as dt

import polars as pl

from readiness.contract import Election, TableName, Text
from readiness.indicators._context import Context, code_depth, truncate_code
from readiness.indicators._errors import IndicatorInputError
from readiness.indicators._formulas import FORMULAS
from readiness.indicators._formulas_logistics import logistics_input_dates
from readiness.indicators._formulas_stations import station_input_dates
from readiness.indicators._registry import IndicatorSpec
from readiness.indicators._status import status_expr

__all__ = ["evaluate", "values_per_unit"]


def values_per_unit(spec: IndicatorSpec, ctx: Context) -> pl.LazyFrame:
    """The formula's ``num``, ``den``, ``coverage`` and ``as_of`` for every unit of ``ctx``."""
    computed = FORMULAS[spec.id].compute(ctx)
    names = computed.collect_schema().names()
    plan_only = pl.col("plan_only").cast(pl.Boolean) if "plan_only" in names else pl.lit(False)
    # a figure whose scope (which agencies it counts) is not stated has an unknown scope
    scope = (
        pl.col("scope").cast(pl.String).fill_null("unknown")
        if "scope" in names
        else pl.lit(None, pl.String)
    )
    raw = computed.select(
        "_unit",
        pl.col("as_of").cast(pl.Date),
        pl.col("num").cast(pl.Float64),
        pl.col("den").cast(pl.Float64),
        pl.col("coverage").cast(pl.Float64),
        plan_only.alias("plan_only"),
        scope.alias("scope"),
    )
    # in the order of the units, so that a roll-up adds a group's figures in a fixed order
    frame = ctx.units.select("_unit").join(raw, on="_unit", how="left", maintain_order="left")
    frame = frame.join(_freshness(spec, ctx), on="_unit", how="left", maintain_order="left")
    return frame.with_columns(
        pl.col("coverage").fill_null(0.0).clip(0.0, 1.0),
        pl.col("num").fill_nan(None),
        pl.col("den").fill_nan(None),
        pl.col("plan_only").fill_null(False),
        # a figure that could not be computed is not reported, however old its inputs
        (pl.col("stale").fill_null(False) & pl.col("num").is_not_null()).alias("stale"),
    )


def _dates_by_code(ctx: Context, name: TableName) -> pl.LazyFrame:
    """The oldest and newest as-of date of a table's latest rows, per record code
    (``region_code``, ``oldest``, ``newest``): far fewer rows than the table, shared by
    every depth of the snapshot."""
    if name == "logistics":
        return logistics_input_dates(ctx)

    def build() -> pl.LazyFrame:
        if name == "polling_stations":
            return station_input_dates(ctx)
        return (
            ctx.latest[name]
            .group_by("region_code")
            .agg(oldest=pl.col("as_of").min(), newest=pl.col("as_of").max())
        )

    return ctx.shared_memo(f"input_dates:{name}", build)


def _input_dates(ctx: Context) -> pl.LazyFrame:
    """Per unit and table: the oldest and newest as-of date of its rows, and whether the
    oldest is past the election's staleness limit for the table at the reference date."""
    parts = []
    for name in ctx.tables:
        limit = ctx.election.staleness_days.get(name)
        oldest = pl.col("oldest").min()
        stale = (
            oldest < pl.lit(ctx.reference_date - dt.timedelta(days=limit))
            if limit is not None and ctx.reference_date is not None
            else pl.lit(False)
        )
        # the rows of a unit are those at its depth or finer (see ``with_units``)
        parts.append(
            _dates_by_code(ctx, name)
            .filter(code_depth(pl.col("region_code")) >= ctx.depth)
            .group_by(truncate_code(pl.col("region_code"), ctx.depth).alias("_unit"))
            .agg(table=pl.lit(name), oldest=oldest, newest=pl.col("newest").max(), stale=stale)
        )
    return pl.concat(parts, how="vertical_relaxed")


def _freshness(spec: IndicatorSpec, ctx: Context) -> pl.LazyFrame:
    """Per unit: the oldest input date of the indicator's tables, and whether it is stale."""
    tables = sorted({item.split(".")[0] for item in spec.inputs})

    def build() -> pl.LazyFrame:
        dates = ctx.memo("input_dates", lambda: _input_dates(ctx))
        return (
            dates.filter(pl.col("table").is_in(tables))
            .group_by("_unit")
            .agg(
                oldest_as_of=pl.col("oldest").min(),
                stale=pl.col("stale").any() if spec.goes_stale else pl.lit(False),
            )
        )

    # indicators over the same tables share one frame
    return ctx.memo(f"freshness:{'+'.join(tables)}:{spec.goes_stale}", build)


def _one_scope(used: pl.Expr) -> pl.Expr:
    """Whether the figures a roll-up adds (``used``) all count the same thing: one stated
    scope (e.g. police only), or a single figure. Police-only and police-plus-Linmas counts,
    or counts not broken down, are never added; formulas without a scope always are."""
    scopes = pl.col("scope").filter(used)
    return (scopes.n_unique() <= 1) & ~((scopes == "unknown").any() & (used.sum() > 1))


def _mean_in_order(column: str) -> pl.Expr:
    """The mean of a group's values summed in sorted order: the same to the last bit on every
    run, however the engine splits the group between threads."""
    return pl.col(column).sort().implode().list.mean()


def _dates_of(used: pl.Expr) -> dict[str, pl.Expr]:
    """The newest and oldest input dates of the units a roll-up used (all units when it
    used none)."""
    return {
        column: pl.when(used.any())
        .then(getattr(pl.col(column).filter(used), how)())
        .otherwise(getattr(pl.col(column), how)())
        for column, how in (("as_of", "max"), ("oldest_as_of", "min"))
    }


def evaluate(
    spec: IndicatorSpec,
    frame: pl.LazyFrame,
    unit_depth: int,
    target_depth: int,
    election: Election,
) -> pl.LazyFrame:
    """Values, norm and status at ``target_depth`` from the unit values (rolled up if coarser)."""
    formula = FORMULAS[spec.id]
    num, den = pl.col("num"), pl.col("den")
    value: pl.Expr
    if target_depth < unit_depth:
        region = truncate_code(pl.col("_unit"), target_depth).alias("region_code")
        known = num.is_not_null()
        dates = {
            "as_of": pl.col("as_of").max(),
            "oldest_as_of": pl.col("oldest_as_of").min(),
            "plan_only": pl.col("plan_only").any() & ~known.any(),
        }
        if formula.aggregation == "ratio":
            # a stale unit's figure does not enter a fresh total; all stale, the total is stale
            given = known & den.is_not_null() & (den != 0)
            complete = given & ~pl.col("stale")
            frame = frame.group_by(region).agg(
                num=num.filter(complete).sum(),
                den=den.filter(complete).sum(),
                complete=complete.sum(),
                one_scope=_one_scope(complete),
                coverage=_mean_in_order("coverage"),
                stale=(given & pl.col("stale")).any() & ~complete.any(),
                **{**dates, **_dates_of(complete)},
            )
            value = pl.when((pl.col("complete") > 0) & pl.col("one_scope")).then(num / den)
        elif formula.aggregation == "sum":
            frame = frame.group_by(region).agg(
                num=pl.when(known.any() & _one_scope(known)).then(num.sum()),
                coverage=_mean_in_order("coverage"),
                stale=(known & pl.col("stale")).any(),
                **dates,
            )
            value = num
        else:
            # the largest fresh value; the largest stale one only when nothing is fresh
            fresh = known & ~pl.col("stale")
            frame = frame.group_by(region).agg(
                num=pl.when(fresh.any()).then(num.filter(fresh).max()).otherwise(num.max()),
                coverage=_mean_in_order("coverage"),
                stale=(known & pl.col("stale")).any() & ~fresh.any(),
                **{**dates, **_dates_of(fresh)},
            )
            value = num
    else:
        frame = frame.rename({"_unit": "region_code"})
        if formula.aggregation == "ratio":
            value = pl.when(num.is_not_null() & den.is_not_null() & (den != 0)).then(num / den)
        else:
            value = num
    norm = election.norms.get(spec.norm) if spec.norm else None
    if spec.norm and norm is None:
        raise IndicatorInputError(
            Text(
                f"Indikator {spec.id!r} memerlukan norma {spec.norm!r}, yang tidak ada pada "
                f"pemilihan {election.id!r}.",
                f"indicator {spec.id!r} needs norm {spec.norm!r}, which election {election.id!r} "
                f"does not define.",
                hint=Text("tambahkan norma itu ke pemilihan.", "add it to the election's norms."),
            )
        )
    frame = frame.select(
        "region_code", "as_of", "oldest_as_of", "coverage", "stale", "plan_only", value=value
    )
    norm_expr: pl.Expr
    if norm is not None:
        valid = pl.col("as_of").is_null() | (
            (pl.lit(norm.valid_from) <= pl.col("as_of") if norm.valid_from else pl.lit(True))
            & (pl.col("as_of") <= pl.lit(norm.valid_to) if norm.valid_to else pl.lit(True))
        )
        norm_expr = pl.when(valid).then(pl.lit(norm.value))
    else:
        norm_expr = pl.lit(None, pl.Float64)
    judged = status_expr(pl.col("value"), spec.direction, spec.thresholds, pl.col("norm"))
    status = (
        pl.when(pl.col("stale"))
        .then(pl.lit("stale"))
        .when(pl.col("plan_only") & pl.col("value").is_null())
        .then(pl.lit("plan_only"))
        .otherwise(judged)
    )
    return (
        frame.with_columns(
            indicator=pl.lit(spec.id),
            unit=pl.lit(spec.unit),
            norm=norm_expr.cast(pl.Float64),
        )
        .with_columns(status=status.cast(pl.String))
        .drop("stale", "plan_only")
    )
