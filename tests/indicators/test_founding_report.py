"""The founding report's Berau figures (25 Nov 2024), computed from the report's own inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from readiness.regions import descendants

BERAU = "64.03"
DAY = dt.date(2024, 11, 25)


@pytest.fixture
def berau(compute: Callable[..., pl.DataFrame]) -> pl.DataFrame:
    kecamatan = descendants(BERAU, depth=3)["code"].to_list()
    assert len(kecamatan) == 13
    return compute(
        summary=[
            {"region_code": BERAU, "as_of": DAY, "kecamatan_count": 13, "village_count": 110,
             "tps": 475, "tps_khusus": 3, "security_personnel": 1588},
        ],
        logistics=[
            {"region_code": code, "item": "all", "stage": "ppk" if n < 11 else "kpu",
             "as_of": DAY, "scheduled_date": None if n < 11 else DAY}
            for n, code in enumerate(kecamatan)
        ],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "expected", "digits"),
    [
        ("tps_per_village", 4.32, 2),  # 475 / (100 kampung + 10 kelurahan)
        ("security_personnel_per_tps", 3.34, 2),  # 1,588 / 475
        ("logistics_completion_kecamatan", 0.846, 3),  # 11 of 13 kecamatan at PPK
        ("tps_khusus_share", 0.0063, 4),  # 3 / 475
    ],
)
def test_berau_figures_match_the_founding_report(
    berau: pl.DataFrame, pick: Callable[..., dict[str, Any]], indicator: str, expected: float,
    digits: int,
) -> None:  # fmt: skip
    result = pick(berau, BERAU, indicator)
    assert round(result["value"], digits) == expected
    assert result["coverage"] == 1.0
    assert result["as_of"] == DAY
    assert result["region_name"] == "Kabupaten Berau"


def test_berau_statuses(berau: pl.DataFrame, pick: Callable[..., dict[str, Any]]) -> None:
    # Berau's 1,588 are not broken down by agency: a ratio, but no status to compare by
    assert pick(berau, BERAU, "security_personnel_per_tps")["status"] is None
    # 84.6 % of kecamatan supplied two days before the vote: needs attention, not critical
    assert pick(berau, BERAU, "logistics_completion_kecamatan")["status"] == "attention"
    # Sambaliung and Teluk Bayur were scheduled for 25 Nov, the PPK deadline (H-2): on track
    assert pick(berau, BERAU, "logistics_on_track_kecamatan")["value"] == 1.0
    assert pick(berau, BERAU, "logistics_days_behind_max")["value"] == 0.0


def test_berau_voters_not_published_stay_null(
    berau: pl.DataFrame, pick: Callable[..., dict[str, Any]]
) -> None:
    voters = pick(berau, BERAU, "voters_per_tps")
    assert voters["value"] is None
    assert voters["status"] is None
    assert voters["coverage"] == 0.5  # TPS reported, voters not
    assert voters["norm"] == 600.0


def test_other_regencies_show_null_with_zero_coverage(berau: pl.DataFrame) -> None:
    others = berau.filter(pl.col("region_code") != BERAU)
    assert others["region_code"].n_unique() == 9
    # they sent nothing at all: every indicator is unknown, and nothing of it was reported.
    # data_coverage is the exception by definition: it counts what was reported (0 of 7).
    indicators = others.filter(pl.col("indicator") != "data_coverage")
    assert indicators["value"].null_count() == indicators.height
    assert indicators["status"].null_count() == indicators.height
    assert indicators["coverage"].to_list() == [0.0] * indicators.height
    assert others.filter(pl.col("indicator") == "data_coverage")["value"].to_list() == [0.0] * 9
