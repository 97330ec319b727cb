"""(f) The floor: a minimal hand-written polars query for the core numbers, every level.

No library code: read the Parquet files, sum every table once per kecamatan, add the sums up
to each level, divide. This is what the library's indicators cannot beat, only approach; it
skips coverage, fallbacks to the summary, norms, status and everything else that makes the
library's figures safe to publish. ``core_numbers_by_level`` is the first version (the raw
rows aggregated again for each level), kept as the reference the agreement step checks the
one-pass version against.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

__all__ = [
    "LEVEL_LENGTHS",
    "core_numbers",
    "core_numbers_by_level",
    "read_built",
    "read_regions",
    "read_tables",
    "scan_tables",
]

LEVEL_LENGTHS = {"kecamatan": 8, "kabupaten": 5, "provinsi": 2}
"""Length of the dotted code at each level: the group key is a prefix of the record's code."""

TABLES = ("polling_stations", "logistics", "personnel", "neutrality_cases")


def read_tables(root: Path) -> dict[str, pl.DataFrame]:
    """Every province file of the tables the floor needs, read eagerly."""
    return {name: pl.read_parquet(root / "province=*" / f"{name}.parquet") for name in TABLES}


def scan_tables(root: Path) -> dict[str, pl.LazyFrame]:
    """The same tables, scanned lazily (nothing is read until the query runs)."""
    return {name: pl.scan_parquet(root / "province=*" / f"{name}.parquet") for name in TABLES}


def read_built(root: Path) -> dict[str, pl.LazyFrame]:
    """The same tables from a folder ``readiness build`` wrote (one file per table), scanned
    lazily, so that only the columns the query uses are read."""
    return {name: pl.scan_parquet(root / f"{name}.parquet") for name in TABLES}


REGIONS_FILE = Path(__file__).resolve().parents[1] / "src/readiness/regions/data/wilayah.parquet"
"""The Kemendagri region list the package ships (``code``, ``name``, ``level``, …)."""


def read_regions(path: Path = REGIONS_FILE) -> pl.DataFrame:
    """The region list, read plainly (no library code)."""
    return pl.read_parquet(path, columns=["code"])


def _villages(length: int, regions: pl.DataFrame) -> pl.DataFrame:
    table = regions.filter(pl.col("code").str.len_chars() == 13)
    return table.group_by(code=pl.col("code").str.slice(0, length)).agg(villages=pl.len())


def core_numbers(
    tables: dict[str, pl.DataFrame] | dict[str, pl.LazyFrame],
    regions: pl.DataFrame,
    *,
    streaming: bool = False,
    levels: tuple[str, ...] = tuple(LEVEL_LENGTHS),
) -> dict[str, pl.DataFrame]:
    """The numbers of :func:`core_numbers_by_level`, in one pass over the raw rows: each
    table is summed once per kecamatan (the finest level), and every level adds up those
    small sums (each number is a sum, a count or a ratio of sums, so rolling up is exact)."""
    latest = tables["logistics"].lazy().filter(pl.col("as_of") == pl.col("as_of").max())
    stage_rank = pl.col("stage").replace_strict(["kpu", "ppk", "pps", "tps"], [0, 1, 2, 3])
    finest = pl.col("region_code").str.slice(0, LEVEL_LENGTHS["kecamatan"]).alias("code")
    stations, people, stages, cases = pl.collect_all(
        [
            tables["polling_stations"].lazy().group_by(finest).agg(
                tps=pl.col("tps").sum(), voters=pl.col("voters").sum(),
                khusus=pl.col("tps_khusus").sum(),
            ),
            tables["personnel"].lazy().group_by(finest).agg(
                security=pl.col("count").filter(pl.col("role") == "security").sum(),
                kpps=pl.col("count").filter(pl.col("role") == "kpps").sum(),
            ),
            latest.group_by(finest).agg(
                reached_ppk=(stage_rank.min() >= 1).cast(pl.Int64),
                delivered=pl.col("quantity_delivered").sum(),
                required=pl.col("quantity_required")
                .filter(pl.col("quantity_delivered").is_not_null()).sum(),
            ),
            tables["neutrality_cases"].lazy().group_by(finest).agg(cases=pl.len()),
        ],
        engine="streaming" if streaming else "auto",
    )  # fmt: skip
    out = {}
    for level in levels:
        code = pl.col("code").str.slice(0, LEVEL_LENGTHS[level])
        rolled = [
            stations.group_by(code).agg(pl.col("tps", "voters", "khusus").sum()),
            people.group_by(code).agg(pl.col("security", "kpps").sum()),
            stages.group_by(code).agg(
                completion=pl.col("reached_ppk").mean(),
                delivered_share=pl.col("delivered").sum() / pl.col("required").sum(),
            ),
            cases.group_by(code).agg(pl.col("cases").sum()),
        ]
        joined = rolled[0].join(_villages(LEVEL_LENGTHS[level], regions), on="code", how="left")
        for part in rolled[1:]:
            joined = joined.join(part, on="code", how="left")
        out[level] = joined.select(
            "code",
            tps_per_village=pl.col("tps") / pl.col("villages"),
            voters_per_tps=pl.col("voters") / pl.col("tps"),
            tps_khusus_share=pl.col("khusus") / pl.col("tps"),
            security_personnel_per_tps=pl.col("security") / pl.col("tps"),
            kpps_per_tps=pl.col("kpps") / pl.col("tps"),
            logistics_completion_kecamatan=pl.col("completion"),
            logistics_delivered_share=pl.col("delivered_share"),
            neutrality_cases=pl.col("cases").cast(pl.UInt32),
        )
    return out


def core_numbers_by_level(
    tables: dict[str, pl.DataFrame] | dict[str, pl.LazyFrame],
    regions: pl.DataFrame,
    *,
    streaming: bool = False,
) -> dict[str, pl.DataFrame]:
    """The reference: TPS per village, voters per TPS, TPS khusus share, security personnel per
    TPS, KPPS per TPS, logistics completion per kecamatan (share at PPK or beyond), delivered share and
    neutrality cases, per kecamatan, kabupaten/kota and province (latest snapshot).

    Every record is taken at its latest snapshot (the table's last as-of date, which is the
    latest of every record in the synthetic data)."""
    stations = tables["polling_stations"].lazy()
    logistics = tables["logistics"].lazy()
    latest = logistics.filter(pl.col("as_of") == pl.col("as_of").max())
    stage_rank = pl.col("stage").replace_strict(["kpu", "ppk", "pps", "tps"], [0, 1, 2, 3])
    per_kecamatan_stage = latest.group_by(kecamatan=pl.col("region_code").str.slice(0, 8)).agg(
        reached_ppk=(stage_rank.min() >= 1).cast(pl.Int64)
    )
    personnel = tables["personnel"].lazy()
    cases = tables["neutrality_cases"].lazy()
    out = {}
    for level, length in LEVEL_LENGTHS.items():
        code = pl.col("region_code").str.slice(0, length).alias("code")
        tps = stations.group_by(code).agg(
            tps=pl.col("tps").sum(),
            voters=pl.col("voters").sum(),
            khusus=pl.col("tps_khusus").sum(),
        )
        people = personnel.group_by(code).agg(
            security=pl.col("count").filter(pl.col("role") == "security").sum(),
            kpps=pl.col("count").filter(pl.col("role") == "kpps").sum(),
        )
        stages = per_kecamatan_stage.group_by(code=pl.col("kecamatan").str.slice(0, length)).agg(
            completion=pl.col("reached_ppk").mean()
        )
        delivered = latest.group_by(code).agg(
            delivered_share=pl.col("quantity_delivered").sum()
            / pl.col("quantity_required").filter(pl.col("quantity_delivered").is_not_null()).sum()
        )
        neutrality = cases.group_by(code).agg(cases=pl.len())
        out[level] = (
            tps.join(_villages(length, regions).lazy(), on="code", how="left")
            .join(people, on="code", how="left")
            .join(stages, on="code", how="left")
            .join(delivered, on="code", how="left")
            .join(neutrality, on="code", how="left")
            .select(
                "code",
                tps_per_village=pl.col("tps") / pl.col("villages"),
                voters_per_tps=pl.col("voters") / pl.col("tps"),
                tps_khusus_share=pl.col("khusus") / pl.col("tps"),
                security_personnel_per_tps=pl.col("security") / pl.col("tps"),
                kpps_per_tps=pl.col("kpps") / pl.col("tps"),
                logistics_completion_kecamatan=pl.col("completion"),
                logistics_delivered_share=pl.col("delivered_share"),
                neutrality_cases=pl.col("cases"),
            )
        )
    collected = pl.collect_all(list(out.values()), engine="streaming" if streaming else "auto")
    return dict(zip(out, collected, strict=True))
