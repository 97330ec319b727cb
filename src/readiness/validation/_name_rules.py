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


@check(NAME_MISMATCH)
def check_names(context: Context) -> pl.DataFrame:
    """Each distinct (code, name) pair is looked up once; only mismatches go back to rows.

    A pair written exactly as the reference writes it matches without a lookup, so only the
    few pairs written differently go through the name matcher.
    """
    parts = []
    as_written = region_table().select(region_code="code", region_name="name")
    for table, frame in context.dataset.tables.items():
        if "region_name" not in frame.columns or frame.height == 0:
            continue
        pairs = (
            frame.select("region_code", "region_name")
            .drop_nulls()
            .unique()
            .join(as_written, on=["region_code", "region_name"], how="anti")
        )
        wrong = [
            (code, name, reference)
            for code, name in pairs.iter_rows()
            if (reference := _mismatch(code, name)) is not None
        ]
        if not wrong:
            continue
        mismatches = pl.DataFrame(
            wrong, schema=["region_code", "region_name", "reference"], orient="row"
        )
        parts.append(
            frame.join(mismatches, on=["region_code", "region_name"], how="inner").select(
                pl.lit(NAME_MISMATCH.id).alias("rule"),
                pl.lit(table).alias("table"),
                *PROVENANCE_COLUMNS,
                pl.lit("region_name").alias("column"),
                pl.col("region_name").alias("value"),
                "region_code",
                "reference",
            )
        )
    if not parts:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(parts, how="diagonal_relaxed")
