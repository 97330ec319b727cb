"""Quantities the formulas combine: one figure per unit, with the share of the unit it covers.

A *quantity* frame has ``_unit``, ``as_of``, ``value`` and ``cov``: ``value`` is a figure
for the unit as a whole, or null; ``cov`` is the share of the unit the reported inputs cover
(1 when ``value`` is known from what was reported, the partial share otherwise, 0 when
nothing was reported or the figure is the packaged Kemendagri reference).

Detail is counted against the reference: a row for the unit as a whole covers it; a
kecamatan row covers that kecamatan's villages; village and per-TPS rows cover their
village. Detail is *complete* only when it covers every village of the unit; only then does
it give the unit's figure (preferred over the summary row). Partial detail never stands for
the whole unit: it only raises ``cov``, or gives a ratio whose two terms come from the same
rows (see :func:`ratio`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

import polars as pl

from readiness.contract import TableName
from readiness.indicators._context import Context, with_units

__all__ = [
    "FLOAT",
    "compact",
    "compact_detail",
    "compact_rows",
    "count_rows",
    "detail",
    "gap",
    "memo",
    "ratio",
    "reference_villages",
    "summary",
    "whole",
]

FLOAT = pl.Float64
_COMPLETE = 1 - 1e-9


def memo(build: Callable[[Context], pl.LazyFrame]) -> Callable[[Context], pl.LazyFrame]:
    """Compute a quantity once per context, however many indicators use it."""

    @wraps(build)
    def cached(ctx: Context) -> pl.LazyFrame:
        return ctx.memo(build.__name__, lambda: build(ctx))

    return cached


def detail(
    ctx: Context,
    table: TableName,
    columns: tuple[str, ...],
    where: pl.Expr | None = None,
    derived: dict[str, pl.Expr] | None = None,
) -> pl.LazyFrame:
    """Sums of ``columns`` over the detail rows reporting all of them, per unit.

    Returns ``_unit``, ``as_of``, one sum per column, ``villages`` (the reference villages
    the rows cover), ``share`` (``villages`` over the unit's villages, 1 for a row for the
    unit as a whole) and ``complete`` (the rows cover every village). Where a coarser row
    and finer rows describe the same area, the coarser one is used (a kecamatan row over
    its villages, a village row over its per-TPS rows), so nothing is counted twice.
    ``derived`` adds computed columns (name → expression) before summing.
    """
    key = f"detail:{table}:{columns}:{where}:{derived}"
    return ctx.memo(key, lambda: _detail_plan(ctx, table, columns, where, derived or {}))


def _detail_plan(
    ctx: Context,
    table: TableName,
    columns: tuple[str, ...],
    where: pl.Expr | None,
    derived: dict[str, pl.Expr],
) -> pl.LazyFrame:
    rows = ctx.tables[table]
    if where is not None:
        rows = rows.filter(where)
    if derived:
        rows = rows.with_columns(**derived)
    rows = rows.filter(pl.all_horizontal([pl.col(c).is_not_null() for c in columns]))
    return _detail_of_rows(ctx, rows, columns)


def compact(
    ctx: Context,
    table: TableName,
    columns: tuple[str, ...],
    where: pl.Expr | None = None,
    extra: dict[str, pl.Expr] | None = None,
    prepared: dict[str, pl.Expr] | None = None,
) -> pl.LazyFrame:
    """The latest rows of ``table`` (those matching ``where``) summed per record code.

    One row per ``region_code``, kind of row (``_station``: one polling station, or not)
    and set of ``columns`` reported (``_has_<column>``), with the newest ``as_of``, the sum
    of each column and the ``extra`` aggregations (which may read the ``prepared`` row
    columns): what :func:`compact_detail` needs, in one pass over the table shared by every
    depth of the snapshot.
    """
    extra = extra or {}
    prepared = prepared or {}
    steps = [f"{name}={expr}" for name, expr in (*prepared.items(), *extra.items())]
    key = f"compact:{table}:{columns}:{where}:{';'.join(steps)}"

    def build() -> pl.LazyFrame:
        rows = ctx.latest[table]
        if where is not None:
            rows = rows.filter(where)
        if prepared:
            rows = rows.with_columns(**prepared)
        station = (
            pl.col("tps_number").is_not_null()
            if "tps_number" in rows.collect_schema()
            else pl.lit(False)
        )
        present = [pl.col(c).is_not_null().alias(f"_has_{c}") for c in columns]
        return rows.group_by("region_code", station.alias("_station"), *present).agg(
            pl.col("as_of").max(), *[pl.col(c).sum() for c in columns], **extra
        )

    return ctx.shared_memo(key, build)


def compact_rows(ctx: Context, compacted: pl.LazyFrame, name: str) -> pl.LazyFrame:
    """Compacted rows (see :func:`compact`) at the context's depth, with its unit columns."""
    return ctx.memo(
        f"compact-rows:{name}", lambda: with_units(compacted, ctx.depth, pl.col("_station"))
    )


def compact_detail(
    ctx: Context, compacted: pl.LazyFrame, columns: tuple[str, ...], name: str
) -> pl.LazyFrame:
    """:func:`detail` over compacted rows: the same figures, from far fewer rows.

    Sums of integer columns do not depend on how rows are grouped first, and every row of a
    compacted group has the same code, so the same village, kecamatan and grain. When every
    row reports every compacted column, any set of columns has the same rows: the detail of
    all of them is computed once and each set is read from it.
    """
    rows = compact_rows(ctx, compacted, name)
    flags = [column for column in rows.collect_schema().names() if column.startswith("_has_")]
    every = tuple(flag.removeprefix("_has_") for flag in flags)
    if set(columns) < set(every):
        reports_all = ctx.memo(
            f"compact-reports-all:{name}",
            lambda: rows.select(pl.all_horizontal(flags).all().alias("all")),
        )
        if reports_all.collect().item():
            shared = compact_detail(ctx, compacted, every, name)
            return shared.select("_unit", "as_of", *columns, "villages", "share", "complete")

    def build() -> pl.LazyFrame:
        reporting = pl.all_horizontal([pl.col(f"_has_{c}") for c in columns])
        return _detail_of_rows(ctx, rows.filter(reporting), columns)

    return ctx.memo(f"compact-detail:{name}:{columns}", build)


def _detail_of_rows(ctx: Context, rows: pl.LazyFrame, columns: tuple[str, ...]) -> pl.LazyFrame:
    grain = pl.col("_grain")
    coarsest = (
        pl.when(grain.min().over("_unit") == 0)
        .then(grain == 0)
        .when(grain.min().over("_kecamatan") == 1)
        .then(grain == 1)
        .otherwise(grain == grain.min().over("_village"))
    )
    # one grain only (e.g. every row a polling station): every row is the coarsest, so the
    # three window passes over the rows can be skipped
    grains = rows.select(low=grain.min(), high=grain.max()).collect()
    kept = rows if grains["low"][0] == grains["high"][0] else rows.filter(coarsest)
    sums = [pl.col(c).sum().cast(FLOAT) for c in columns]
    whole_rows = (
        kept.filter(grain == 0)
        .group_by("_unit")
        .agg(pl.col("as_of").max(), *sums)
        .with_columns(whole=pl.lit(True), covered=pl.lit(None, pl.Int64))
    )
    by_kecamatan = (
        kept.filter(grain > 0)
        .group_by("_unit", "_kecamatan")
        .agg(
            pl.col("as_of").max(),
            *sums,
            is_kecamatan=(grain == 1).any(),
            villages=pl.col("_village").drop_nulls().n_unique().cast(pl.Int64),
        )
        .join(ctx.kecamatan, on="_kecamatan", how="left")
        .with_columns(pl.col("n_villages").fill_null(0))
        .select(
            "_unit",
            "as_of",
            *columns,
            covered=pl.when("is_kecamatan")
            .then(pl.col("n_villages"))
            .otherwise(pl.min_horizontal("villages", "n_villages")),
        )
        .group_by("_unit")
        .agg(pl.col("as_of").max(), *[pl.col(c).sum() for c in columns], pl.col("covered").sum())
        .with_columns(whole=pl.lit(False))
    )
    frame = pl.concat([whole_rows, by_kecamatan], how="diagonal_relaxed").join(
        ctx.units.select("_unit", "n_villages"), on="_unit", how="inner"
    )
    villages = pl.when("whole").then(pl.col("n_villages")).otherwise(pl.col("covered"))
    share = (
        pl.when("whole")
        .then(1.0)
        .when(pl.col("n_villages") > 0)
        .then(pl.min_horizontal(pl.lit(1.0), pl.col("covered") / pl.col("n_villages")))
        .otherwise(0.0)
    )
    return frame.select(
        "_unit",
        "as_of",
        *columns,
        villages=villages.cast(FLOAT),
        share=share.cast(FLOAT),
    ).with_columns(complete=pl.col("share") >= _COMPLETE)


def summary(ctx: Context, column: str) -> pl.LazyFrame:
    """A column of the regency's summary row as a quantity (nothing at kecamatan level)."""
    return ctx.memo(
        f"summary:{column}",
        lambda: (
            ctx.tables["summary"]
            .filter(pl.col("_depth") == 2)
            .group_by("_unit")
            .agg(as_of=pl.col("as_of").max(), value=pl.col(column).drop_nulls().last().cast(FLOAT))
            .with_columns(cov=pl.col("value").is_not_null().cast(FLOAT))
        ),
    )


def whole(parts: pl.LazyFrame, column: str, fallback: pl.LazyFrame | None = None) -> pl.LazyFrame:
    """The unit's figure: complete detail, else ``fallback`` (the summary), else null.

    ``cov`` is 1 when the figure is known, else the share the partial detail covers.
    """
    detail_part = parts.select(
        "_unit", "as_of", value=pl.when("complete").then(pl.col(column)), share="share"
    )
    if fallback is None:
        return detail_part.select(
            "_unit",
            "as_of",
            "value",
            cov=pl.when(pl.col("value").is_not_null()).then(1.0).otherwise("share"),
        )
    joined = detail_part.join(
        fallback.select("_unit", "as_of", "value", cov_fb="cov"),
        on="_unit",
        how="full",
        coalesce=True,
        suffix="_fb",
    )
    use_detail = pl.col("value").is_not_null()
    value = pl.when(use_detail).then("value").otherwise("value_fb")
    return joined.select(
        "_unit",
        as_of=pl.when(use_detail)
        .then("as_of")
        .when(pl.col("value_fb").is_not_null())
        .then("as_of_fb")
        .otherwise(pl.max_horizontal("as_of", "as_of_fb")),
        value=value,
        cov=pl.when(value.is_not_null())
        .then(1.0)
        .otherwise(
            pl.max_horizontal(pl.col("share").fill_null(0.0), pl.col("cov_fb").fill_null(0.0))
        ),
    )


def reference_villages(ctx: Context) -> pl.LazyFrame:
    """The Kemendagri count of desa + kelurahan: a figure, but nothing reported (``cov`` 0)."""
    return ctx.units.select(
        "_unit",
        as_of=pl.lit(None, pl.Date),
        value=pl.col("n_villages").cast(FLOAT),
        cov=pl.lit(0.0),
    )


def ratio(
    numerator: pl.LazyFrame, denominator: pl.LazyFrame, joint: pl.LazyFrame | None = None
) -> pl.LazyFrame:
    """``num``/``den`` from one scope: both unit figures, else the ``joint`` rows, else null.

    ``joint`` (``_unit``, ``as_of``, ``num``, ``den``) holds both terms summed over the same
    detail rows (rows reporting both); it is used only when a unit figure is missing, so the
    two terms never come from different scopes. ``coverage`` is the mean of the two inputs'
    ``cov``, whichever scope gives the value.
    """
    frame = numerator.join(denominator, on="_unit", how="full", coalesce=True, suffix="_den")
    both = pl.col("value").is_not_null() & pl.col("value_den").is_not_null()
    num: pl.Expr = pl.when(both).then("value")
    den: pl.Expr = pl.when(both).then("value_den")
    as_of = pl.max_horizontal("as_of", "as_of_den")
    if joint is not None:
        frame = frame.join(
            joint.select("_unit", as_of_joint="as_of", num_joint="num", den_joint="den"),
            on="_unit",
            how="full",
            coalesce=True,
        )
        use_joint = ~both.fill_null(False) & pl.col("num_joint").is_not_null()
        num = pl.when(use_joint).then("num_joint").otherwise(num)
        den = pl.when(use_joint).then("den_joint").otherwise(den)
        as_of = pl.max_horizontal(as_of, "as_of_joint")
    return frame.select(
        "_unit",
        as_of=as_of,
        num=num,
        den=den,
        coverage=(pl.col("cov").fill_null(0.0) + pl.col("cov_den").fill_null(0.0)) / 2,
    )


def gap(reported: pl.LazyFrame, parts: pl.LazyFrame) -> pl.LazyFrame:
    """|reported − parts| over reported, for units where both figures are known."""
    frame = ratio(reported, parts)
    return frame.select(
        "_unit", "as_of", "coverage", num=(pl.col("num") - pl.col("den")).abs(), den=pl.col("num")
    )


def count_rows(
    frame: pl.LazyFrame, numerator: pl.Expr, denominator: pl.Expr | None
) -> pl.LazyFrame:
    """Counts of rows per unit (``den`` null unless a denominator is given)."""
    return frame.group_by("_unit").agg(
        as_of=pl.col("as_of").max(),
        num=numerator.sum().cast(FLOAT),
        den=denominator.sum().cast(FLOAT) if denominator is not None else pl.lit(None, FLOAT),
        coverage=pl.lit(1.0),
    )
