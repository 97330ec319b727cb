"""Formulas on polling stations, voters and security personnel, and the unit figures (TPS,
voters, personnel, villages) other formulas share; see ``_formulas.py`` for the conventions."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from readiness.indicators._context import Context
from readiness.indicators._quantities import (
    FLOAT,
    compact,
    compact_detail,
    compact_rows,
    detail,
    memo,
    ratio,
    reference_villages,
    summary,
    whole,
)

__all__ = [
    "AGENCY_SCOPED",
    "SECURITY_ROLE",
    "agency_scope",
    "per_tps",
    "police_vs_grade_requirement",
    "security_personnel",
    "security_personnel_per_tps",
    "station_detail",
    "station_input_dates",
    "tps",
    "tps_khusus",
    "tps_khusus_share",
    "tps_per_village",
    "voters",
    "voters_per_tps",
    "voters_per_tps_max",
]

_FLOAT = FLOAT
_POLICE_GRADES = ("highly_vulnerable", "vulnerable", "less_vulnerable", "special")
SECURITY_ROLE = pl.col("role") == "security"
AGENCY_SCOPED: tuple[str, ...] = ("security_personnel_per_tps",)
"""Indicators whose regency figures count different agencies (police only, police + Linmas,
not broken down): at a coarser level they are added only when every figure counts the same."""
_AGENCY_ORDER = ("polri", "tni", "linmas")
"""The agencies in the order an agency mix names them (``polri_tni_linmas``)."""


# --- quantities: one figure per unit with its coverage ------------------------------------


# --- quantities: one figure per unit with its coverage ------------------------------------


_STATION_COLUMNS = ("tps", "tps_khusus", "voters")
_USABLE_RATIO = pl.col("voters").is_not_null() & (pl.col("tps") > 0)


def _stations(ctx: Context) -> pl.LazyFrame:
    """Polling stations compacted once per snapshot (see :func:`compact`), with what
    ``voters_per_tps_max`` needs: the largest voters/TPS, and the rows giving one, and the
    oldest as-of date (see :func:`station_input_dates`)."""
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
            "oldest_as_of": pl.col("as_of").min(),
        },
    )


def station_input_dates(ctx: Context) -> pl.LazyFrame:
    """The oldest and newest as-of date of the latest polling-station rows, per record code
    (``region_code``, ``oldest``, ``newest``), from the compacted stations."""
    return (
        _stations(ctx)
        .group_by("region_code")
        .agg(oldest=pl.col("oldest_as_of").min(), newest=pl.col("as_of").max())
    )


def station_detail(ctx: Context, columns: tuple[str, ...]) -> pl.LazyFrame:
    """:func:`detail` of polling-station columns, from the compacted stations."""
    return compact_detail(ctx, _stations(ctx), columns, "polling_stations")


@memo
def tps(ctx: Context) -> pl.LazyFrame:
    return whole(station_detail(ctx, ("tps",)), "tps", summary(ctx, "tps"))


@memo
def tps_khusus(ctx: Context) -> pl.LazyFrame:
    parts = station_detail(ctx, ("tps_khusus",))
    return whole(parts, "tps_khusus", summary(ctx, "tps_khusus"))


@memo
def voters(ctx: Context) -> pl.LazyFrame:
    return whole(station_detail(ctx, ("voters",)), "voters", summary(ctx, "voters"))


@memo
def security_personnel(ctx: Context) -> pl.LazyFrame:
    parts = detail(ctx, "personnel", ("count",), SECURITY_ROLE)
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
    parts = station_detail(ctx, (num, den))
    return parts.select("_unit", "as_of", num=pl.col(num), den=pl.col(den))


# --- TPS, voters, personnel -----------------------------------------------------------------


def tps_per_village(ctx: Context) -> pl.LazyFrame:
    reported = station_detail(ctx, ("tps",))
    same_rows = reported.select("_unit", "as_of", num="tps", den="villages")
    return ratio(tps(ctx), _village_count(ctx), same_rows)


def voters_per_tps(ctx: Context) -> pl.LazyFrame:
    return ratio(voters(ctx), tps(ctx), _station_pair(ctx, "voters", "tps"))


def voters_per_tps_max(ctx: Context) -> pl.LazyFrame:
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


def tps_khusus_share(ctx: Context) -> pl.LazyFrame:
    return ratio(tps_khusus(ctx), tps(ctx), _station_pair(ctx, "tps_khusus", "tps"))


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
    frame = tps(ctx)
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


def security_personnel_per_tps(ctx: Context) -> pl.LazyFrame:
    figures = ratio(
        security_personnel(ctx), _tps_covered(ctx, SECURITY_ROLE, "security_tps_covered")
    )
    return figures.join(agency_scope(ctx), on="_unit", how="left")


def agency_scope(ctx: Context) -> pl.LazyFrame:
    """Per unit, which agencies its security personnel figure counts, as an agency mix
    (``polri``, ``polri_linmas``, ..., ``unknown``): the summary's ``security_agencies``, else
    the agencies of its detail rows in a security role. Figures of different scopes are
    never added (see ``SCOPED_ROLLUP`` in ``_rollup.py``)."""
    stated = (
        ctx.tables["summary"]
        .filter((pl.col("_depth") == 2) & pl.col("security_agencies").is_not_null())
        .sort("as_of")
        .group_by("_unit")
        .agg(stated=pl.col("security_agencies").last())
    )
    # per unit: which known agencies its rows name, and how many agencies they name
    known = {name: (pl.col("agency") == name).any() for name in _AGENCY_ORDER}
    named = [pl.when(pl.col(name)).then(pl.lit(name)) for name in _AGENCY_ORDER]
    listed = (
        ctx.tables["personnel"]
        .filter(SECURITY_ROLE & pl.col("agency").is_not_null() & (pl.col("count") > 0))
        .group_by("_unit")
        .agg(agencies=pl.col("agency").n_unique(), **known)
        .select(
            "_unit",
            listed=pl.when(pl.sum_horizontal(_AGENCY_ORDER) < pl.col("agencies"))
            .then(pl.lit("unknown"))
            .otherwise(pl.concat_str(named, separator="_", ignore_nulls=True)),
        )
    )
    return stated.join(listed, on="_unit", how="full", coalesce=True).select(
        "_unit", scope=pl.coalesce("stated", "listed")
    )


def per_tps(*, role: str, agency: str | None = None) -> Callable[[Context], pl.LazyFrame]:
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


def police_vs_grade_requirement(ctx: Context) -> pl.LazyFrame:
    return ratio(_personnel(ctx, role="security", agency="polri"), _police_required(ctx))
