"""A region's name beside its code: a name that belongs to another region (or to none) is
named, since the code wins and the name would otherwise be ignored silently."""

from __future__ import annotations

import polars as pl

from readiness.contract import PROVENANCE_COLUMNS
from readiness.regions import (
    UnknownRegionError,
    code_depth,
    get_region,
    match_region,
    normalize_name,
    parent_code,
    region_table,
)
from readiness.validation._registry import Context, Rule, check

__all__: list[str] = []

NAME_MISMATCH = Rule(
    "region.name_mismatch", "warning",
    "Nama wilayah sesuai kodenya", "Region name matches its code",
    "Nama wilayah '{value}' tidak sesuai kode {region_code} ({reference}); kode yang dipakai.",
    "Region name '{value}' does not match code {region_code} ({reference}); the code is used.",
    "Periksa mana yang benar: perbaiki kodenya bila namanya benar, atau namanya bila kodenya "
    "benar.",
    "Check which is right: fix the code if the name is right, or the name if the code is right.",
)  # fmt: skip


def _mismatch(code: str, name: str) -> str | None:
    """The reference name of ``code`` when ``name`` is not a way of writing it, else None."""
    try:
        reference = get_region(code).name
    except (KeyError, ValueError):
        return None  # an unknown code is the region rules' finding
    if normalize_name(name, keep_prefix=False) == normalize_name(reference, keep_prefix=False):
        return None
    depth = code_depth(code)
    try:
        matched = match_region(name, within=parent_code(code) if depth > 1 else None, depth=depth)
    except (UnknownRegionError, KeyError, ValueError):
        matched = None
    return None if matched == code else reference


def _distinct_pairs(frame: pl.DataFrame) -> pl.DataFrame:
    """The distinct (``region_code``, ``region_name``) pairs of ``frame`` with both filled.

    Rows of one place are usually read together: the first row of each run of equal pairs is
    kept before the pairs are grouped, so grouping sees thousands of rows instead of millions.
    """
    pair = ("region_code", "region_name")
    starts_run = pl.any_horizontal(pl.col(c).ne_missing(pl.col(c).shift(1)) for c in pair)
    return frame.select(pair).filter(starts_run).drop_nulls().unique()


@check(NAME_MISMATCH)
def check_names(context: Context) -> pl.DataFrame:
    """Each distinct (code, name) pair is looked up once; only mismatches go back to rows.

    A pair written exactly as the reference writes it matches without a lookup, so only the
    few pairs written differently go through the name matcher.
    """
    named = {
        table: frame
        for table, frame in context.dataset.tables.items()
        # a table whose names are all blank has no pair to look up (the count is known)
        if "region_name" in frame.columns
        and frame.get_column("region_name").null_count() < frame.height
    }
    if not named:
        return pl.DataFrame(schema={"rule": pl.String})
    pairs = pl.concat(
        [_distinct_pairs(frame).with_columns(table=pl.lit(table)) for table, frame in named.items()]
    )
    as_written = region_table().select(region_code="code", region_name="name")
    unusual = pairs.join(as_written, on=["region_code", "region_name"], how="anti")
    references = {
        (code, name): _mismatch(code, name)
        for code, name in unusual.select("region_code", "region_name").unique().iter_rows()
    }
    parts = []
    for table, frame in named.items():
        wrong = [
            (code, name, reference)
            for code, name in unusual.filter(pl.col("table") == table)
            .select("region_code", "region_name")
            .iter_rows()
            if (reference := references[code, name]) is not None
        ]
        if not wrong:
            continue
        mismatches = pl.DataFrame(
            wrong, schema=["region_code", "region_name", "reference"], orient="row"
        )
        parts.append(
            frame.lazy()
            .join(mismatches.lazy(), on=["region_code", "region_name"], how="inner")
            .select(
                pl.lit(NAME_MISMATCH.id).alias("rule"),
                pl.lit(table).alias("table"),
                *PROVENANCE_COLUMNS,
                pl.lit("region_name").alias("column"),
                pl.col("region_name").alias("value"),
                "region_code",
                "reference",
            )
            .collect()
        )
    if not parts:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(parts, how="diagonal_relaxed")
