"""Villages, their voters and their TPS: the backbone every other table hangs on."""

from __future__ import annotations

import math
import random

import polars as pl

from readiness.synthetic._common import conform
from readiness.synthetic._params import SOURCE_LABEL, SyntheticOptions, mean_voters_per_village

__all__ = ["polling_stations", "polling_table", "village_voters"]

_MAX_VOTERS_PER_TPS = 600
_VILLAGE_SIGMA = 0.55
_KELURAHAN_FACTOR = 2.6
_KHUSUS_TYPES = ("prison", "company", "social_institution", "campus", "relocation", "other")
_KHUSUS_WEIGHTS = (0.55, 0.2, 0.08, 0.07, 0.05, 0.05)


def village_voters(villages: pl.DataFrame, province_code: str, options: SyntheticOptions,
                    rng: random.Random) -> pl.DataFrame:  # fmt: skip
    """Voters and regular TPS per village: every village ≥ 1 TPS, at most 600 voters per TPS."""
    n = villages.height
    kelurahan_share = int(villages["kelurahan"].sum()) / n if n else 0.0
    mean = mean_voters_per_village(province_code)
    desa_mean = mean / (1 + (_KELURAHAN_FACTOR - 1) * kelurahan_share)
    mu = math.log(desa_mean) - _VILLAGE_SIGMA**2 / 2
    size = [rng.lognormvariate(mu, _VILLAGE_SIGMA) for _ in range(n)]
    per_tps_target = [rng.uniform(440.0, 590.0) for _ in range(n)]
    spread = [rng.random() for _ in range(n)]
    return (
        villages.with_columns(
            _size=pl.Series(size, dtype=pl.Float64),
            _target=pl.Series(per_tps_target, dtype=pl.Float64),
            _spread=pl.Series(spread, dtype=pl.Float64),
        )
        .with_columns(
            village_voters=(
                pl.col("_size")
                * pl.when(pl.col("kelurahan")).then(_KELURAHAN_FACTOR).otherwise(1.0)
            )
            .clip(lower_bound=40)
            .mul(options.scale)
            .round()
            .cast(pl.Int64),
        )
        .with_columns(
            regular_tps=(pl.col("village_voters") / pl.col("_target"))
            .ceil()
            .cast(pl.Int64)
            .clip(1),
        )
    )


def _khusus_per_village(villages: pl.DataFrame, options: SyntheticOptions,
                        rng: random.Random) -> list[int]:  # fmt: skip
    counts = []
    for kelurahan in villages["kelurahan"].to_list():
        chance = 0.025 if kelurahan else 0.011
        u = rng.random()
        count = 0
        if u < chance:
            count = 1 + (u < chance * 0.3) + (u < chance * 0.1)
        counts.append(count * options.scale)
    return counts


def polling_stations(villages: pl.DataFrame, options: SyntheticOptions,
                      rng: random.Random) -> pl.DataFrame:  # fmt: skip
    """One row per TPS: regular ones split the village's voters, khusus ones come after."""
    regular = (
        villages.with_columns(tps_number=pl.int_ranges(1, pl.col("regular_tps") + 1))
        .explode("tps_number")
        .with_columns(
            _base=pl.col("village_voters") // pl.col("regular_tps"),
            _rem=pl.col("village_voters") % pl.col("regular_tps"),
        )
        .with_columns(
            _shift=(
                pl.min_horizontal(
                    pl.lit(35),
                    _MAX_VOTERS_PER_TPS - 1 - pl.col("_base"),
                    pl.col("_base") // 3,
                )
                * pl.col("_spread")
            )
            .floor()
            .cast(pl.Int64)
        )
        .with_columns(
            voters=pl.col("_base")
            + (pl.col("tps_number") <= pl.col("_rem")).cast(pl.Int64)
            + pl.when((pl.col("tps_number") % 2 == 1) & (pl.col("tps_number") < pl.col("regular_tps")))
            .then(pl.col("_shift"))
            .when(pl.col("tps_number") % 2 == 0)
            .then(-pl.col("_shift"))
            .otherwise(0),
            tps_khusus=pl.lit(0, pl.Int64),
            khusus_type=pl.lit(None, pl.String),
        )
    )  # fmt: skip
    khusus_counts = _khusus_per_village(villages, options, rng)
    khusus = (
        villages.with_columns(_khusus=pl.Series(khusus_counts, dtype=pl.Int64))
        .filter(pl.col("_khusus") > 0)
        .with_columns(
            tps_number=pl.int_ranges(
                pl.col("regular_tps") + 1, pl.col("regular_tps") + 1 + pl.col("_khusus")
            )
        )
        .explode("tps_number")
    )
    khusus = khusus.with_columns(
        voters=pl.Series([rng.randint(100, 300) for _ in range(khusus.height)], dtype=pl.Int64),
        tps_khusus=pl.lit(1, pl.Int64),
        khusus_type=pl.Series(
            rng.choices(_KHUSUS_TYPES, _KHUSUS_WEIGHTS, k=khusus.height), dtype=pl.String
        ),
    )
    columns = ["village_code", "village_name", "kecamatan_code", "regency_code", "kelurahan",
               "tps_number", "voters", "tps_khusus", "khusus_type"]  # fmt: skip
    return pl.concat([regular.select(columns), khusus.select(columns)]).sort(
        "village_code", "tps_number"
    )


def polling_table(stations: pl.DataFrame, options: SyntheticOptions) -> pl.DataFrame:
    frame = stations.select(
        region_code="village_code",
        region_name="village_name",
        tps_number="tps_number",
        tps=pl.lit(1, pl.Int64),
        tps_khusus="tps_khusus",
        khusus_type="khusus_type",
        voters="voters",
        as_of=pl.lit(options.as_of, pl.Date),
        source=pl.lit(SOURCE_LABEL),
    )
    return conform(frame, "polling_stations")
