"""``compute_indicators``: every registry indicator at one level (or several), as tidy frames."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

import polars as pl

from readiness import contract
from readiness.contract import FRESHNESS_STATUSES, Election, TableName, Text
from readiness.indicators._context import (
    Context,
    build_context,
    build_contexts,
    collect_few_rows,
    reference_units,
)
from readiness.indicators._errors import IndicatorInputError
from readiness.indicators._inputs import usable_inputs
from readiness.indicators._registry import LEVELS, IndicatorSpec, Level, Registry, load_registry
from readiness.indicators._rollup import evaluate, values_per_unit
from readiness.ingest import Dataset

__all__ = [
    "FRESHNESS_STATUSES",
    "INDICATOR_SCHEMA",
    "LEVEL_DEPTH",
    "compute_indicators",
    "compute_levels",
    "prepare_context",
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


def _check_level(level: str) -> None:
    if level not in LEVELS:
        levels = ", ".join(map(repr, LEVELS))
        raise IndicatorInputError(
            Text(
                f"Tingkat harus salah satu dari {levels}, tertulis {level!r}.",
                f"level must be one of {levels}, got {level!r}.",
                hint=Text(
                    "'kabupaten' mencakup kabupaten dan kota.",
                    "'kabupaten' covers kabupaten and kota.",
                ),
            )
        )


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
    inputs = usable_inputs(dataset, election, norms_override, invalid)
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
            Text(
                f"Tanggal data (as_of) harus berupa tanggal (YYYY-MM-DD), 'all' atau None, "
                f"tertulis {as_of!r}.",
                f"as_of must be a date (YYYY-MM-DD), 'all' or None, got {as_of!r}.",
                hint=Text("as_of='2024-11-25'.", "as_of='2024-11-25'."),
            )
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
    frame: pl.LazyFrame, level: Level, provinces: list[str], *, series: bool
) -> pl.LazyFrame:
    """Region names, the registry's order (``_order``, set per indicator), the dates of a
    ``series`` in order, and the output schema."""
    names = reference_units(LEVEL_DEPTH[level], provinces).select(
        pl.col("code").alias("region_code"), pl.col("name").alias("region_name")
    )
    return (
        frame.join(names.lazy(), on="region_code", how="left")
        .sort("region_code", "_order", *(["as_of"] if series else []), nulls_last=True)
        .select([pl.col(name).cast(dtype) for name, dtype in INDICATOR_SCHEMA.items()])
    )


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
    inputs = usable_inputs(dataset, election, norms_override, invalid)
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
                    unit_values[depth, cutoff, spec.id] = values_per_unit(spec, contexts[depth])
        frames = collect_few_rows(list(unit_values.values()))
        computed.update(zip(unit_values, frames, strict=True))
    order = {indicator_id: position for position, indicator_id in enumerate(registry.ids)}
    plans = []
    for level in wanted:
        depth = max(2, LEVEL_DEPTH[level])
        blocks = []
        for cutoff in cutoffs:
            for spec in specs[level]:
                frame = computed[depth, cutoff, spec.id].lazy()
                block = evaluate(spec, frame, depth, LEVEL_DEPTH[level], inputs.election)
                block = block.with_columns(_order=pl.lit(order[spec.id], pl.Int32))
                if as_of == "all":
                    block = block.with_columns(as_of=pl.lit(cutoff, pl.Date))
                blocks.append(block)
        level_blocks = pl.concat(blocks, how="vertical_relaxed")
        plans.append(_finish(level_blocks, level, inputs.provinces, series=as_of == "all"))
    results.update(zip(wanted, collect_few_rows(plans), strict=True))
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
