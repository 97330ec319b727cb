"""Region rules: codes that are not in the Kemendagri reference, outside the dataset's province,
or at a level the table does not hold."""

from __future__ import annotations

import polars as pl

from readiness.contract import CODE_PATTERN, PROVENANCE_COLUMNS, TableName
from readiness.regions import code_depth_expr, province_code_expr, region_table
from readiness.validation._registry import Context, Rule, check

__all__ = ["ALLOWED_DEPTHS", "LEVEL_NAMES", "distinct_region_codes", "region_codes"]

ALLOWED_DEPTHS: dict[str, tuple[int, ...]] = {
    "summary": (2,),
    "polling_stations": (3, 4),
    "logistics": (2, 3, 4),
    "personnel": (2, 3),
    "neutrality_cases": (2, 3, 4),
    "vulnerabilities": (1, 2, 3, 4),
    "published_figures": (1, 2, 3, 4),
}
"""Region levels each table holds (1 province, 2 kabupaten/kota, 3 kecamatan, 4 village)."""

LEVEL_NAMES: dict[int, tuple[str, str]] = {
    1: ("provinsi", "province"),
    2: ("kabupaten/kota", "regency/city"),
    3: ("kecamatan", "district"),
    4: ("desa/kelurahan", "village"),
}

UNKNOWN_CODE = Rule(
    "region.unknown_code", "error",
    "Kode ada dalam referensi Kemendagri", "Code is in the Kemendagri reference",
    "Kode wilayah {value} tidak ada dalam referensi Kemendagri (Kepmendagri "
    "300.2.2-2430/2025).",
    "Region code {value} is not in the Kemendagri reference (Kepmendagri 300.2.2-2430/2025).",
    "Periksa kode pada lembar Wilayah di templat; kode BPS berbeda dari kode Kemendagri.",
    "Check the code on the template's Wilayah sheet; BPS codes differ from Kemendagri codes.",
)  # fmt: skip
OUTSIDE_PROVINCE = Rule(
    "region.outside_province", "error",
    "Wilayah di dalam provinsi dataset", "Region inside the dataset's province",
    "Kode wilayah {value} berada di luar provinsi dataset ({province}).",
    "Region code {value} lies outside the dataset's province ({province}).",
    "Periksa dua digit pertama kode; data provinsi lain masuk ke dataset terpisah.",
    "Check the first two digits of the code; another province's data belongs in its own "
    "dataset.",
)  # fmt: skip
WRONG_LEVEL = Rule(
    "region.wrong_level", "error",
    "Tingkat wilayah sesuai tabel", "Region level fits the table",
    "Kode {value} adalah {level_id}, padahal lembar ini memuat {allowed_id}.",
    "Code {value} is a {level_en}, but this sheet holds {allowed_en}.",
    "Gunakan kode {allowed_id}; baris per TPS (Nomor TPS terisi) memakai kode desa/kelurahan.",
    "Use a {allowed_en} code; rows per polling station (TPS number filled) use a village code.",
)  # fmt: skip


def _per_tps(frame: pl.DataFrame) -> pl.Expr:
    if "tps_number" in frame.columns:
        return pl.col("tps_number").is_not_null().alias("per_tps")
    return pl.lit(value=False).alias("per_tps")


def distinct_region_codes(*frames: pl.DataFrame) -> list[pl.DataFrame]:
    """For each frame, each distinct ``region_code`` with ``per_tps`` (its rows name a TPS) and
    how many rows hold the pair (``len``); all frames are grouped in one query.

    >>> [codes] = distinct_region_codes(pl.DataFrame({"region_code": ["64.03", "64.03", None]}))
    >>> codes.sort("region_code", nulls_last=True).rows()
    [('64.03', False, 2), (None, False, 1)]
    """
    # rows of one place are usually read together: count runs first, then group the runs
    # (eagerly: the streaming engine's run-length node fails on frames of several chunks)
    runs = [
        frame.select(pl.struct("region_code", _per_tps(frame)).rle().alias("run"))
        .unnest("run")
        .unnest("value")
        for frame in frames
    ]
    return pl.collect_all(
        [run.lazy().group_by("region_code", "per_tps").agg(pl.col("len").sum()) for run in runs]
    )


def region_codes(context: Context, table: TableName) -> pl.DataFrame:
    """:func:`distinct_region_codes` of a table of ``context.dataset``, found once per context.

    Region codes are the longest strings of the large tables: the province, the region and the
    schema checks all start from the distinct ones instead of reading every row again.
    """
    if table not in context.region_codes:
        [context.region_codes[table]] = distinct_region_codes(context.dataset.tables[table])
    return context.region_codes[table]


def _distinct_codes(context: Context) -> pl.DataFrame:
    parts = [
        region_codes(context, name).select(pl.lit(name).alias("table"), "region_code", "per_tps")
        for name, frame in context.dataset.tables.items()
        if frame.height > 0
    ]
    if not parts:
        return pl.DataFrame(
            schema={"table": pl.String, "region_code": pl.String, "per_tps": pl.Boolean}
        )
    return pl.concat(parts).filter(pl.col("region_code").str.contains(CODE_PATTERN))


def _names(mapping: dict[int, str]) -> pl.Expr:
    return pl.col("depth").replace_strict(mapping, default=None, return_dtype=pl.String)


def _failing_codes(context: Context) -> pl.DataFrame:
    codes = _distinct_codes(context)
    known = region_table().select(pl.col("code").alias("region_code"))
    parts = [
        codes.join(known, on="region_code", how="anti").with_columns(rule=pl.lit(UNKNOWN_CODE.id))
    ]
    codes = codes.join(known, on="region_code", how="semi")
    if context.province_code is not None:
        parts.append(
            codes.filter(
                province_code_expr(pl.col("region_code")) != context.province_code
            ).with_columns(rule=pl.lit(OUTSIDE_PROVINCE.id), province=pl.lit(context.province_code))
        )
    allowed = pl.DataFrame(
        {
            "table": list(ALLOWED_DEPTHS),
            "allowed": [list(v) for v in ALLOWED_DEPTHS.values()],
            "allowed_id": [
                " atau ".join(LEVEL_NAMES[d][0] for d in v) for v in ALLOWED_DEPTHS.values()
            ],
            "allowed_en": [
                " or ".join(LEVEL_NAMES[d][1] for d in v) for v in ALLOWED_DEPTHS.values()
            ],
        }
    )
    levelled = codes.with_columns(depth=code_depth_expr(pl.col("region_code"))).join(
        allowed, on="table", how="left"
    )
    per_tps_village = pl.col("per_tps") & (pl.col("depth") != 4)
    parts.append(
        levelled.filter(~pl.col("allowed").list.contains(pl.col("depth")) | per_tps_village)
        .with_columns(
            rule=pl.lit(WRONG_LEVEL.id),
            allowed_id=pl.when(per_tps_village)
            .then(pl.lit("desa/kelurahan"))
            .otherwise("allowed_id"),
            allowed_en=pl.when(per_tps_village).then(pl.lit("village")).otherwise("allowed_en"),
            level_id=_names({k: v[0] for k, v in LEVEL_NAMES.items()}),
            level_en=_names({k: v[1] for k, v in LEVEL_NAMES.items()}),
        )
        .drop("allowed", "depth")
    )
    return pl.concat(parts, how="diagonal_relaxed")


@check(UNKNOWN_CODE, OUTSIDE_PROVINCE, WRONG_LEVEL)
def check_regions(context: Context) -> pl.DataFrame:
    """Codes against the reference, the dataset's province, and the table's levels.

    Each distinct code is checked once per table; only failing codes are joined back to rows.
    """
    failing = _failing_codes(context)
    parts = []
    for name in failing["table"].unique().sort().to_list():
        frame = context.dataset.tables[name]
        rows = frame.select(*PROVENANCE_COLUMNS, "region_code", _per_tps(frame)).join(
            failing.filter(pl.col("table") == name), on=["region_code", "per_tps"], how="inner"
        )
        parts.append(
            rows.select(
                "rule",
                "table",
                *PROVENANCE_COLUMNS,
                pl.lit("region_code").alias("column"),
                pl.col("region_code").alias("value"),
                pl.exclude("rule", "table", *PROVENANCE_COLUMNS, "region_code", "per_tps"),
            )
        )
    if not parts:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(parts, how="diagonal_relaxed")
