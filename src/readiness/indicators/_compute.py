"""``compute_indicators``: every registry indicator at one level (or several), as tidy frames."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import polars as pl

from readiness import contract
from readiness.contract import (
    FRESHNESS_STATUSES,
    TABLES,
    Election,
    TableName,
    load_election,
    polars_schema,
)
from readiness.indicators._context import (
    Context,
    build_context,
    build_contexts,
    code_depth,
    reference_units,
    truncate_code,
)
from readiness.indicators._errors import IndicatorInputError
from readiness.indicators._formulas import FORMULAS
from readiness.indicators._registry import LEVELS, IndicatorSpec, Level, Registry, load_registry
from readiness.indicators._status import status_expr
from readiness.ingest import Dataset
from readiness.regions import province_code, province_code_expr

__all__ = [
    "FRESHNESS_STATUSES",
    "INDICATOR_SCHEMA",
    "LEVEL_DEPTH",
    "compute_indicators",
    "compute_levels",
    "prepare_context",
    "resolve_election",
]

LEVEL_DEPTH: dict[Level, int] = {"provinsi": 1, "kabupaten": 2, "kecamatan": 3}

INDICATOR_SCHEMA: dict[str, pl.DataType] = {
    "region_code": pl.String(),
    "region_name": pl.String(),
    "indicator": pl.String(),
    "value": pl.Float64(),
    "unit": pl.String(),
    "coverage": pl.Float64(),
    "norm": pl.Float64(),
    "status": pl.String(),
    "as_of": pl.Date(),
    "oldest_as_of": pl.Date(),
}
"""Columns and dtypes of the frame :func:`compute_indicators` returns: ``as_of`` is the date
of the newest input, ``oldest_as_of`` of the oldest (a figure is as old as what it rests on).
``status`` is ``ready``, ``attention`` or ``critical``; ``stale`` when an input is older than
the election's staleness limit for its table at the reference date (the cut-off, else the
newest date in the dataset); ``plan_only`` when only a plan was reported (no value)."""

AsOf = dt.date | str | Literal["all"] | None


def resolve_election(
    election: str | Election = contract.DEFAULT_ELECTION,
    norms_override: Path | str | Mapping[str, float] | None = None,
) -> Election:
    """The election with its norms, after overrides from a YAML file or a mapping.

    >>> resolve_election(norms_override={"max_voters_per_tps": 500}).norm("max_voters_per_tps").value
    500.0
    >>> resolve_election(norms_override={"max_voter_per_tps": 500})
    Traceback (most recent call last):
    ...
    readiness.indicators._errors.IndicatorInputError: norms_override: unknown norm 'max_voter_per_tps'. Hint: did you mean 'max_voters_per_tps'?
    """
    election_id = election.id if isinstance(election, Election) else election
    try:
        if isinstance(norms_override, str | Path):
            resolved = load_election(election_id, overrides=Path(norms_override))
        elif isinstance(election, Election):
            resolved = election
        else:
            resolved = load_election(election_id)
    except (OSError, ValueError) as error:
        where = f" ({norms_override})" if isinstance(norms_override, str | Path) else ""
        detail = str(error).rstrip(".")
        raise IndicatorInputError(
            f"the norms{where} cannot be used: {detail}. Hint: check the election id and the "
            f"norms file (same shape as the packaged one).",
            f"Norma{where} tidak dapat dipakai: {detail}. Petunjuk: periksa nama pemilihan dan "
            f"berkas norma (bentuknya sama dengan berkas bawaan).",
        ) from None
    if isinstance(norms_override, Mapping):
        norms = dict(resolved.norms)
        for norm_id, value in norms_override.items():
            if norm_id not in norms:
                import difflib

                close = difflib.get_close_matches(norm_id, list(norms), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(norms)}"
                petunjuk = (
                    f"maksudnya {close[0]!r}?" if close else f"yang dikenal: {', '.join(norms)}"
                )
                raise IndicatorInputError(
                    f"norms_override: unknown norm {norm_id!r}. Hint: {hint}",
                    f"Norma pengganti: norma {norm_id!r} tidak dikenal. Petunjuk: {petunjuk}",
                )
            norms[norm_id] = replace(norms[norm_id], value=float(value))
        resolved = replace(resolved, norms=norms)
    return resolved


_UNUSED = frozenset(
    {"region_name", "source", "note", "security_scope", "scope", "mitigation",
     "mitigation_owner", "reference"}
)  # fmt: skip
"""Free-text columns no formula reads (dropped early to keep memory low)."""


def _conform(frame: pl.DataFrame, name: TableName) -> pl.DataFrame:
    """The table in canonical columns and dtypes; absent columns are null (not reported)."""
    schema = {k: v for k, v in polars_schema(name).items() if k not in _UNUSED}
    return frame.select(
        [
            pl.col(column).cast(dtype, strict=False)
            if column in frame.columns
            else pl.lit(None, dtype).alias(column)
            for column, dtype in schema.items()
        ]
    )


def _provinces(dataset: Dataset, tables: Mapping[TableName, pl.DataFrame]) -> list[str]:
    if dataset.province_code:
        return [province_code(dataset.province_code)]
    codes = province_code_expr(pl.col("region_code").drop_nulls()).unique()
    plans = [
        frame.lazy().select(codes)
        for frame in tables.values()
        if frame.height and "region_code" in frame.columns
    ]
    found: set[str] = set()
    for part in pl.collect_all(plans):
        found.update(part["region_code"].to_list())
    return sorted(found)


def _unit_values(spec: IndicatorSpec, ctx: Context) -> pl.LazyFrame:
    """The formula's ``num``, ``den``, ``coverage`` and ``as_of`` for every unit of ``ctx``."""
    computed = FORMULAS[spec.id].compute(ctx)
    plan_only = (
        pl.col("plan_only").cast(pl.Boolean)
        if "plan_only" in computed.collect_schema().names()
        else pl.lit(False)
    )
    raw = computed.select(
        "_unit",
        pl.col("as_of").cast(pl.Date),
        pl.col("num").cast(pl.Float64),
        pl.col("den").cast(pl.Float64),
        pl.col("coverage").cast(pl.Float64),
        plan_only.alias("plan_only"),
    )
    frame = ctx.units.select("_unit").join(raw, on="_unit", how="left")
    frame = frame.join(_freshness(spec, ctx), on="_unit", how="left")
    return frame.with_columns(
        pl.col("coverage").fill_null(0.0).clip(0.0, 1.0),
        pl.col("num").fill_nan(None),
        pl.col("den").fill_nan(None),
        pl.col("plan_only").fill_null(False),
        # a figure that could not be computed is not reported, however old its inputs
        (pl.col("stale").fill_null(False) & pl.col("num").is_not_null()).alias("stale"),
    )


def _input_dates(ctx: Context) -> pl.LazyFrame:
    """Per unit and table: the oldest and newest as-of date of its rows, and whether the
    oldest is past the election's staleness limit for the table at the reference date."""
    parts = []
    for name, frame in ctx.tables.items():
        limit = ctx.election.staleness_days.get(name)
        oldest = pl.col("as_of").min()
        stale = (
            oldest < pl.lit(ctx.reference_date - dt.timedelta(days=limit))
            if limit is not None and ctx.reference_date is not None
            else pl.lit(False)
        )
        parts.append(
            frame.group_by("_unit").agg(
                table=pl.lit(name), oldest=oldest, newest=pl.col("as_of").max(), stale=stale
            )
        )
    return pl.concat(parts, how="vertical_relaxed")


def _freshness(spec: IndicatorSpec, ctx: Context) -> pl.LazyFrame:
    """Per unit: the oldest input date of the indicator's tables, and whether it is stale."""
    tables = sorted({item.split(".")[0] for item in spec.inputs})
    dates = ctx.memo("input_dates", lambda: _input_dates(ctx)).filter(pl.col("table").is_in(tables))
    return dates.group_by("_unit").agg(
        oldest_as_of=pl.col("oldest").min(),
        stale=pl.col("stale").any() if spec.goes_stale else pl.lit(False),
    )


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


def _evaluate(
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
                coverage=_mean_in_order("coverage"),
                stale=(given & pl.col("stale")).any() & ~complete.any(),
                **{**dates, **_dates_of(complete)},
            )
            value = pl.when(pl.col("complete") > 0).then(num / den)
        elif formula.aggregation == "sum":
            frame = frame.group_by(region).agg(
                num=pl.when(known.any()).then(num.sum()),
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
            f"indicator {spec.id!r} needs norm {spec.norm!r}, which election {election.id!r} "
            f"does not define. Hint: add it to the election's norms.",
            f"Indikator {spec.id!r} memerlukan norma {spec.norm!r}, yang tidak ada pada "
            f"pemilihan {election.id!r}. Petunjuk: tambahkan norma itu ke pemilihan.",
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


@dataclass(frozen=True)
class _Inputs:
    """What every computation starts from: the election, and the usable tables."""

    election: Election
    norms: dict[str, float]
    tables: dict[TableName, pl.DataFrame]
    provinces: list[str]


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise IndicatorInputError(
            f"level must be one of {', '.join(map(repr, LEVELS))}, got {level!r}. "
            f"Hint: 'kabupaten' covers kabupaten and kota.",
            f"Tingkat harus salah satu dari {', '.join(map(repr, LEVELS))}, tertulis "
            f"{level!r}. Petunjuk: 'kabupaten' mencakup kabupaten dan kota.",
        )


def _usable(dataset: Dataset, invalid: pl.DataFrame) -> dict[TableName, pl.DataFrame]:
    """Every table in canonical columns, without the rows validation rejects."""
    rejected = invalid.filter(pl.col("_index").is_not_null() & pl.col("table").is_not_null())
    tables: dict[TableName, pl.DataFrame] = {}
    for name in TABLES:
        if name == "published_figures":  # reconciled by validation, not an indicator input
            continue
        frame = dataset.canonical(name)
        drop = rejected.filter(pl.col("table") == name)["_index"]
        if drop.len():
            frame = (
                frame.with_row_index("_position")
                .filter(~pl.col("_position").cast(pl.Int64).is_in(drop.implode()))
                .drop("_position")
            )
        tables[name] = _conform(frame, name)
    return tables


def _inputs(
    dataset: Dataset,
    election: str | Election,
    norms_override: Path | str | Mapping[str, float] | None,
    invalid: pl.DataFrame | None,
) -> _Inputs:
    """The shared start of :func:`compute_levels` and :func:`prepare_context`."""
    resolved = resolve_election(election, norms_override)
    norms = {norm_id: norm.value for norm_id, norm in resolved.norms.items()}
    if invalid is None:
        from readiness.validation import invalid_rows

        invalid = invalid_rows(dataset, election=resolved)
    tables = _usable(dataset, invalid)
    return _Inputs(resolved, norms, tables, _provinces(dataset, tables))


def prepare_context(
    dataset: Dataset,
    level: Level,
    *,
    election: str | Election = contract.DEFAULT_ELECTION,
    as_of: dt.date | str | None = None,
    norms_override: Path | str | Mapping[str, float] | None = None,
    invalid: pl.DataFrame | None = None,
) -> Context | None:
    """The formulas' context for one level and cut-off; None when the dataset is empty."""
    _check_level(level)
    inputs = _inputs(dataset, election, norms_override, invalid)
    if not inputs.provinces:
        return None
    cutoff = _parse_as_of(as_of) if as_of is not None else None
    return build_context(
        inputs.tables,
        max(2, LEVEL_DEPTH[level]),
        inputs.provinces,
        inputs.election,
        inputs.norms,
        cutoff,
    )


def _parse_as_of(as_of: dt.date | str) -> dt.date:
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(as_of)
    except ValueError:
        raise IndicatorInputError(
            f"as_of must be a date (YYYY-MM-DD), 'all' or None, got {as_of!r}. "
            f"Hint: as_of='2024-11-25'.",
            f"Tanggal data (as_of) harus berupa tanggal (YYYY-MM-DD) atau 'all', tertulis "
            f"{as_of!r}. Petunjuk: as_of='2024-11-25'.",
        ) from None


def _snapshot_dates(tables: Mapping[TableName, pl.DataFrame]) -> list[dt.date]:
    dates: set[dt.date] = set()
    for frame in tables.values():
        if frame.height and "as_of" in frame.columns:
            dates.update(frame["as_of"].drop_nulls().unique().to_list())
    return sorted(dates)


def _level_specs(
    registry: Registry, level: Level, indicators: Sequence[str] | None
) -> tuple[IndicatorSpec, ...]:
    specs = registry.at_level(level)
    if indicators is None:
        return specs
    wanted = set(indicators)
    return tuple(spec for spec in specs if spec.id in wanted)


def _finish(
    frame: pl.DataFrame, level: Level, registry: Registry, provinces: list[str]
) -> pl.DataFrame:
    """Region names, the registry's order and the output schema, at ``level`` only."""
    target_depth = LEVEL_DEPTH[level]
    order = {indicator_id: position for position, indicator_id in enumerate(registry.ids)}
    names = reference_units(target_depth, provinces).select(
        pl.col("code").alias("region_code"), pl.col("name").alias("region_name")
    )
    result = (
        frame.join(names, on="region_code", how="left")
        .with_columns(_order=pl.col("indicator").replace_strict(order, return_dtype=pl.Int32))
        .sort("region_code", "_order", "as_of", nulls_last=True)
        .select([pl.col(name).cast(dtype) for name, dtype in INDICATOR_SCHEMA.items()])
    )
    return result.filter(code_depth(pl.col("region_code")) == target_depth)


def compute_levels(
    dataset: Dataset,
    levels: Sequence[Level] = ("kecamatan", "kabupaten", "provinsi"),
    *,
    election: str | Election = contract.DEFAULT_ELECTION,
    as_of: AsOf = None,
    norms_override: Path | str | Mapping[str, float] | None = None,
    indicators: Sequence[str] | None = None,
    invalid: pl.DataFrame | None = None,
) -> dict[Level, pl.DataFrame]:
    """Every registry indicator at each of ``levels``, computed together: level → frame.

    Each frame is exactly what :func:`compute_indicators` returns for that level (same
    keyword arguments), but the work is shared: the tables are prepared once, the rows
    validation rejects are found once, kabupaten and provinsi read the same per-regency
    figures (a province is the roll-up of its regencies), and the frames are computed
    together.

    >>> import polars as pl, datetime as dt
    >>> from readiness.ingest import Dataset
    >>> summary = pl.DataFrame({"region_code": ["64.03"], "as_of": [dt.date(2024, 11, 25)],
    ...     "village_count": [110], "tps": [475]})
    >>> frames = compute_levels(Dataset("berau", tables={"summary": summary}),
    ...     ("kabupaten", "provinsi"), indicators=["tps_per_village"])
    >>> [(level, frame.height) for level, frame in frames.items()]
    [('kabupaten', 10), ('provinsi', 1)]
    >>> round(frames["kabupaten"].filter(pl.col("region_code") == "64.03")["value"].item(), 4)
    4.3182
    """
    for level in levels:
        _check_level(level)
    registry = load_registry()
    if indicators is not None:
        for indicator_id in set(indicators):
            registry[indicator_id]  # raises with a hint when unknown
    specs = {level: _level_specs(registry, level, indicators) for level in levels}
    fixed_cutoff = _parse_as_of(as_of) if as_of not in (None, "all") else None
    inputs = _inputs(dataset, election, norms_override, invalid)
    if as_of == "all":
        cutoffs: list[dt.date | None] = list(_snapshot_dates(inputs.tables))
    else:
        cutoffs = [fixed_cutoff]
    wanted = list(dict.fromkeys(level for level in levels if specs[level]))
    results = {level: pl.DataFrame(schema=INDICATOR_SCHEMA) for level in levels}
    if not inputs.provinces or not cutoffs or not wanted:
        return results
    depths = sorted({max(2, LEVEL_DEPTH[level]) for level in wanted})
    computed: dict[tuple[int, dt.date | None, str], pl.DataFrame] = {}
    for cutoff in cutoffs:
        # one snapshot at a time, so only its tables are held; what is kept is per unit
        contexts = build_contexts(
            inputs.tables, depths, inputs.provinces, inputs.election, inputs.norms, cutoff
        )
        unit_values: dict[tuple[int, dt.date | None, str], pl.LazyFrame] = {}
        for level in wanted:
            depth = max(2, LEVEL_DEPTH[level])
            for spec in specs[level]:
                if (depth, cutoff, spec.id) not in unit_values:
                    unit_values[depth, cutoff, spec.id] = _unit_values(spec, contexts[depth])
        frames = pl.collect_all(list(unit_values.values()))
        computed.update(zip(unit_values, frames, strict=True))
    plans = []
    for level in wanted:
        depth = max(2, LEVEL_DEPTH[level])
        blocks = []
        for cutoff in cutoffs:
            for spec in specs[level]:
                frame = computed[depth, cutoff, spec.id].lazy()
                block = _evaluate(spec, frame, depth, LEVEL_DEPTH[level], inputs.election)
                if as_of == "all":
                    block = block.with_columns(as_of=pl.lit(cutoff, pl.Date))
                blocks.append(block)
        plans.append(pl.concat(blocks, how="vertical_relaxed"))
    for level, collected in zip(wanted, pl.collect_all(plans), strict=True):
        results[level] = _finish(collected, level, registry, inputs.provinces)
    return results


def compute_indicators(
    dataset: Dataset,
    *,
    level: Level = "kabupaten",
    election: str | Election = contract.DEFAULT_ELECTION,
    as_of: AsOf = None,
    norms_override: Path | str | Mapping[str, float] | None = None,
    indicators: Sequence[str] | None = None,
    invalid: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every registry indicator defined at ``level``, one row per region and indicator.

    ``level`` is ``kecamatan``, ``kabupaten`` (kabupaten and kota) or ``provinsi``; every
    region of the dataset's province(s) at that level gets a row per indicator, with a null
    ``value`` and its ``coverage`` when inputs are missing (never 0).

    ``as_of`` picks the snapshot: ``None`` uses the latest record of everything (the
    ``as_of`` column then gives the newest input date used per region); a date (or
    ``YYYY-MM-DD``) uses what was known on that day; ``"all"`` returns a time series with one
    block per distinct as-of date in the dataset, each computed as of that day
    (``as_of`` = that day).

    ``norms_override`` replaces norm values: a YAML file of the election's shape or a
    mapping ``{norm_id: value}``. ``indicators`` restricts the output to some ids.

    Rows that validation rejects (any error finding: unreadable values, duplicates, negative
    counts, unknown regions, …) are left out. ``invalid`` is the frame of
    :func:`readiness.validation.invalid_rows`, when the caller has it already (it is
    computed otherwise); an empty frame leaves every row in. For several levels of one
    dataset, :func:`compute_levels` shares the work between them.

    >>> import polars as pl, datetime as dt
    >>> from readiness.ingest import Dataset
    >>> summary = pl.DataFrame({"region_code": ["64.03"], "as_of": [dt.date(2024, 11, 25)],
    ...     "village_count": [110], "tps": [475], "tps_khusus": [3],
    ...     "security_personnel": [1588]})
    >>> out = compute_indicators(Dataset("berau", tables={"summary": summary}))
    >>> berau = out.filter(pl.col("region_code") == "64.03")
    >>> {r["indicator"]: round(r["value"], 4) for r in berau.iter_rows(named=True)
    ...  if r["indicator"] in ("tps_per_village", "security_personnel_per_tps")}
    {'tps_per_village': 4.3182, 'security_personnel_per_tps': 3.3432}
    >>> berau.filter(pl.col("indicator") == "voters_per_tps").select("value", "coverage").row(0)
    (None, 0.5)
    """
    _check_level(level)
    return compute_levels(
        dataset,
        (level,),
        election=election,
        as_of=as_of,
        norms_override=norms_override,
        indicators=indicators,
        invalid=invalid,
    )[level]
