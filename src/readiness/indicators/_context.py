"""What a formula sees: the latest snapshot of every table, keyed by the unit it rolls up to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from readiness.contract import TABLES, Election, TableName
from readiness.regions import CODE_LENGTH, province_code_expr, region_table
from readiness.regions import ancestor_code_expr as truncate_code
from readiness.regions import code_depth_expr as code_depth

__all__ = [
    "CODE_LENGTH",
    "Context",
    "build_context",
    "build_contexts",
    "code_depth",
    "collect_few_rows",
    "reference_units",
    "truncate_code",
    "with_units",
]


@cache
def _reference_counts() -> pl.DataFrame:
    """Every unit down to kecamatan, in the reference's order, with its kecamatan and village
    counts: the villages are counted once per kecamatan code, and those counts added up to
    each coarser unit (one query, collected once)."""
    table = (
        region_table()
        .lazy()
        .select("code", "name", "level")
        .with_columns(depth=code_depth(pl.col("code")))
    )
    villages = (
        table.filter(pl.col("depth") == 4)
        .group_by(truncate_code(pl.col("code"), 3).alias("kecamatan"))
        .agg(n_villages=pl.len())
    )
    kecamatan = table.filter(pl.col("depth") == 3).select(kecamatan="code")
    counted = []
    for depth in (1, 2, 3):
        unit = truncate_code(pl.col("kecamatan"), depth).alias("code")
        counted.append(
            table.filter(pl.col("depth") == depth)
            .join(
                kecamatan.group_by(unit).agg(n_kecamatan=pl.len()),
                on="code",
                how="left",
                maintain_order="left",
            )
            .join(
                villages.group_by(unit).agg(pl.col("n_villages").sum()),
                on="code",
                how="left",
                maintain_order="left",
            )
        )
    counts = pl.concat(counted).with_columns(
        pl.col("n_kecamatan").fill_null(0).cast(pl.Int64),
        pl.col("n_villages").fill_null(0).cast(pl.Int64),
    )
    return counts.collect(engine="in-memory")


def reference_units(depth: int, provinces: Iterable[str]) -> pl.DataFrame:
    """Units at ``depth`` under the given provinces, with their kecamatan and village counts.

    >>> units = reference_units(2, ["64"])
    >>> units.filter(pl.col("code") == "64.03").select("n_kecamatan", "n_villages").row(0)
    (13, 110)
    """
    return _reference_counts().filter(
        (pl.col("depth") == depth) & province_code_expr(pl.col("code")).is_in(list(provinces))
    )


def collect_few_rows(plans: list[pl.LazyFrame]) -> list[pl.DataFrame]:
    """Queries over few rows (per unit and indicator: thousands, not millions), collected
    together on polars' in-memory engine, which starts faster than the streaming one.

    Every column of the results is then stored value by value: a column computed from a
    constant (a denominator of 7, say) may be kept as that one value, and polars divides by
    such a column by multiplying with its reciprocal, which can differ from the quotient in
    the last bit. Stored value by value, a ratio is always the quotient.

    >>> [frame] = collect_few_rows([pl.LazyFrame({"num": [5.0]}).with_columns(den=pl.lit(7.0))])
    >>> frame.select(pl.col("num") / pl.col("den")).item() == 5 / 7
    True
    """
    frames = pl.collect_all(plans, engine="in-memory")
    return [pl.DataFrame(frame.get_columns()) for frame in frames]


@dataclass(frozen=True)
class Context:
    """Inputs of the formulas at one unit depth (2 kabupaten/kota, 3 kecamatan).

    ``tables`` hold, per table, the latest snapshot of every record (as of the cut-off), only
    rows at the unit depth or finer, with ``_unit`` (the code at the unit depth),
    ``_kecamatan`` (the kecamatan code, or the code itself when coarser), ``_village`` (the
    village code, or null when coarser), ``_depth`` and ``_grain`` (0 a row for the unit as
    a whole, 1 a kecamatan of a regency, 2 a village, 3 one polling station). ``units`` lists
    every expected unit with ``n_kecamatan`` and ``n_villages``; ``kecamatan`` every
    kecamatan of those units with its ``n_villages``.

    ``latest`` holds the same snapshot before any of that (every depth, no derived
    columns), and ``shared`` the frames built from it, common to the contexts of one
    snapshot at every depth (see :meth:`shared_memo`).
    """

    depth: int
    tables: dict[TableName, pl.LazyFrame]
    units: pl.LazyFrame
    kecamatan: pl.LazyFrame
    election: Election
    norms: dict[str, float]
    cache: dict[str, pl.DataFrame] = field(default_factory=dict)
    latest: dict[TableName, pl.LazyFrame] = field(default_factory=dict)
    shared: dict[str, pl.DataFrame] = field(default_factory=dict)
    reference_date: dt.date | None = None
    """The date figures are judged at: the cut-off asked for, else the newest input date."""

    def memo(self, key: str, build: Callable[[], pl.LazyFrame]) -> pl.LazyFrame:
        """An intermediate frame shared by several formulas, computed once per context."""
        if key not in self.cache:
            self.cache[key] = build().collect(engine="in-memory")
        return self.cache[key].lazy()

    def shared_memo(self, key: str, build: Callable[[], pl.LazyFrame]) -> pl.LazyFrame:
        """A frame built from ``latest``, computed once for every depth of one snapshot."""
        if key not in self.shared:
            self.shared[key] = build().collect()
        return self.shared[key].lazy()

    def norm(self, norm_id: str) -> float:
        """A norm's value (after overrides)."""
        if norm_id not in self.norms:
            raise KeyError(f"unknown norm {norm_id!r}; known: {', '.join(sorted(self.norms))}")
        return self.norms[norm_id]

    def deadline(self, norm_id: str) -> dt.date:
        """The voting day minus a norm given in days."""
        return self.election.voting_day - dt.timedelta(days=self.norm(norm_id))


def latest_records(frame: pl.LazyFrame, name: TableName, cutoff: dt.date | None) -> pl.LazyFrame:
    """Keep, for every record, its last snapshot on or before ``cutoff`` (all dates if None).

    A record is identified by the table's key without ``as_of``. A neutrality case without a
    case number cannot be followed across snapshots: each such row is its own record.

    >>> frame = pl.LazyFrame({"region_code": ["64.03"] * 2, "as_of": [dt.date(2024, 11, 20),
    ...     dt.date(2024, 11, 25)], "tps": [470, 475]})
    >>> latest_records(frame, "summary", None).collect()["tps"].to_list()
    [475]
    >>> latest_records(frame, "summary", dt.date(2024, 11, 22)).collect()["tps"].to_list()
    [470]
    >>> cases = pl.LazyFrame({"case_id": [None, None], "region_code": ["64.03"] * 2,
    ...     "subject": ["civil_servant"] * 2, "as_of": [dt.date(2024, 11, 20),
    ...     dt.date(2024, 11, 25)]})
    >>> latest_records(cases, "neutrality_cases", None).collect().height
    2
    """
    # a snapshot of one logistics record may hold several planned stages: the stage is part
    # of the row's key, not of the record's
    key = [column for column in TABLES[name].key if column not in ("as_of", "stage")]
    if cutoff is not None:
        frame = frame.filter(pl.col("as_of") <= cutoff)
    if "case_id" in key:
        anonymous = pl.col("case_id").is_null()
        frame = frame.with_row_index("_record").with_columns(
            _record=pl.when(anonymous).then(pl.col("_record"))
        )
        key.append("_record")
    latest = frame.group_by(key).agg(_latest=pl.col("as_of").max())
    return (
        frame.join(latest, on=key, how="inner", nulls_equal=True)
        .filter(pl.col("as_of") == pl.col("_latest"))
        .drop("_latest", "_record", strict=False)
    )


def with_units(frame: pl.LazyFrame, depth: int, per_station: pl.Expr) -> pl.LazyFrame:
    """The rows at ``depth`` or finer, with the columns :class:`Context` describes.

    ``per_station`` tells rows for one polling station from rows for a whole village.

    >>> rows = pl.LazyFrame({"region_code": ["64.03", "64.03.01", "64.03.01.2001"]})
    >>> with_units(rows, 3, pl.lit(False)).collect()["_grain"].to_list()
    [0, 2]
    """
    return (
        frame.with_columns(_depth=code_depth(pl.col("region_code")))
        .filter(pl.col("_depth") >= depth)
        .with_columns(
            _unit=truncate_code(pl.col("region_code"), depth),
            _kecamatan=truncate_code(pl.col("region_code"), 3),
            _village=pl.when(pl.col("_depth") >= 4).then(truncate_code(pl.col("region_code"), 4)),
            _grain=pl.when(pl.col("_depth") == depth)
            .then(0)
            .when(pl.col("_depth") == 3)
            .then(1)
            .when(per_station)
            .then(3)
            .otherwise(2)
            .cast(pl.Int8),
        )
    )


def _single_date(frame: pl.DataFrame) -> bool:
    dates = frame["as_of"]
    return frame.height == 0 or (dates.null_count() == 0 and dates.min() == dates.max())


def build_context(
    tables: dict[TableName, pl.DataFrame],
    depth: int,
    provinces: Iterable[str],
    election: Election,
    norms: dict[str, float],
    cutoff: dt.date | None,
) -> Context:
    """Prepare the tables for formulas computing at ``depth``."""
    return build_contexts(tables, (depth,), provinces, election, norms, cutoff)[depth]


def _latest(frame: pl.DataFrame, name: TableName, cutoff: dt.date | None) -> pl.DataFrame:
    """The latest snapshot of every record (see :func:`latest_records`).

    A snapshot of one date keeps that date once for all its rows (a constant column, which
    the queries aggregate without reading it row by row)."""
    if _single_date(frame) and (
        cutoff is None or frame.height == 0 or frame.filter(pl.col("as_of") > cutoff).is_empty()
    ):
        if frame.height == 0:
            return frame
        return frame.with_columns(pl.lit(frame["as_of"].first(), pl.Date).alias("as_of"))
    return latest_records(frame.lazy(), name, cutoff).collect()


_ON_DEMAND: frozenset[TableName] = frozenset({"logistics", "polling_stations"})
"""Tables the formulas read only through a few aggregates (see ``_formulas.py``): their
derived columns are computed within each aggregate instead of being kept for every row."""


def _per_station(frame: pl.DataFrame) -> pl.Expr:
    """Whether a row is for one polling station (it names a TPS number)."""
    return pl.col("tps_number").is_not_null() if "tps_number" in frame.columns else pl.lit(False)


def build_contexts(
    tables: dict[TableName, pl.DataFrame],
    depths: Iterable[int],
    provinces: Iterable[str],
    election: Election,
    norms: dict[str, float],
    cutoff: dt.date | None,
) -> dict[int, Context]:
    """Prepare the tables for formulas computing at each of ``depths``, sharing the work.

    >>> from readiness.contract import load_election
    >>> summary = pl.DataFrame({"region_code": ["64.03"], "as_of": [dt.date(2024, 11, 25)]})
    >>> contexts = build_contexts({"summary": summary}, (2, 3), ["64"],
    ...     load_election(), {}, None)
    >>> {depth: ctx.tables["summary"].collect().height for depth, ctx in contexts.items()}
    {2: 1, 3: 0}
    """
    depths = tuple(depths)
    provinces = list(provinces)
    names = list(tables)
    latest_tables = {name: _latest(tables[name], name, cutoff) for name in names}
    plans = {
        (name, depth): with_units(latest_tables[name].lazy(), depth, _per_station(tables[name]))
        for name in names
        for depth in depths
    }
    kept = [key for key in plans if key[0] not in _ON_DEMAND]
    collected = dict(zip(kept, pl.collect_all([plans[key] for key in kept]), strict=True))
    per_depth = {
        depth: {
            name: collected[name, depth].lazy()
            if (name, depth) in collected
            else plans[name, depth]
            for name in names
        }
        for depth in depths
    }
    kecamatan = (
        reference_units(3, provinces)
        .select(pl.col("code").alias("_kecamatan"), "n_villages")
        .lazy()
    )
    contexts = {}
    latest_frames = {name: frame.lazy() for name, frame in latest_tables.items()}
    reference = cutoff if cutoff is not None else _newest_date(latest_tables.values())
    shared: dict[str, pl.DataFrame] = {}
    for depth in depths:
        units = (
            reference_units(depth, provinces)
            .select(pl.col("code").alias("_unit"), "n_kecamatan", "n_villages")
            .with_columns(n_kecamatan=pl.lit(1, pl.Int64) if depth == 3 else pl.col("n_kecamatan"))
            .lazy()
        )
        contexts[depth] = Context(
            depth,
            per_depth[depth],
            units,
            kecamatan,
            election,
            norms,
            latest=latest_frames,
            shared=shared,
            reference_date=reference,
        )
    return contexts


def _newest_date(frames: Iterable[pl.DataFrame]) -> dt.date | None:
    """The newest as-of date of any row (None for an empty dataset)."""
    dates = [frame["as_of"].max() for frame in frames if frame.height and "as_of" in frame.columns]
    known = [date for date in dates if isinstance(date, dt.date)]
    return max(known) if known else None
