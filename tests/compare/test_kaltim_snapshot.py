"""Snapshot of the Kaltim 2024 provincial comparison, from the default dataset.

Regenerate after an intended change with ``READINESS_UPDATE_SNAPSHOTS=1 pytest tests/compare``
and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from readiness.compare import Comparison, compare_regencies
from readiness.indicators import compute_indicators, load_registry
from readiness.ingest import Dataset

SNAPSHOT = Path(__file__).parent / "snapshots" / "kaltim_2024_comparison.json"


def _rounded(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def _stable(records: list[dict[str, Any]], keep: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{key: _rounded(record[key]) for key in keep} for record in records]


@pytest.fixture(scope="module")
def comparison(read_default_dataset: Callable[[], Dataset]) -> dict[str, Any]:
    indicators = compute_indicators(read_default_dataset(), level="kabupaten")
    result = compare_regencies(indicators).as_dict()
    return {
        "composite": _stable(
            result["composite"],
            ("region_code", "score", "coverage", "n_indicators", "rank", "status"),
        ),
        "sensitivity": _stable(
            result["sensitivity"],
            ("region_code", "keeps_rank_share", "bottom_share", "rank_min", "rank_max"),
        ),
        "indicators": _stable(
            result["indicators"],
            ("region_code", "indicator", "value", "coverage", "rank", "status", "as_of"),
        ),
        "settings": result["settings"],
    }


def test_kaltim_comparison_matches_snapshot(comparison: dict[str, Any]) -> None:
    if os.environ.get("READINESS_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(
            json.dumps(comparison, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    assert SNAPSHOT.exists(), "no snapshot: run with READINESS_UPDATE_SNAPSHOTS=1 and review it"
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert comparison == expected


def test_kaltim_comparison_covers_every_regency(comparison: dict[str, Any]) -> None:
    codes = [row["region_code"] for row in comparison["composite"]]
    assert codes == sorted(codes)
    assert len(codes) == 10
    berau = next(row for row in comparison["indicators"]
                 if row["region_code"] == "64.03"
                 and row["indicator"] == "logistics_completion_kecamatan")  # fmt: skip
    assert round(berau["value"], 3) == 0.846


AS_OF = dt.date(2024, 11, 25)
DESCRIPTIVE = ("tps_per_village", "tps_khusus_share", "security_personnel_per_tps")


@pytest.fixture(scope="module")
def on_the_eve(read_default_dataset: Callable[[], Dataset]) -> Comparison:
    indicators = compute_indicators(read_default_dataset(), level="kabupaten", as_of=AS_OF)
    return compare_regencies(indicators)


def test_no_regency_below_the_minimum_coverage_is_ranked(on_the_eve: Comparison) -> None:
    minimum = on_the_eve.config.min_composite_coverage
    assert minimum == 0.7
    composite = on_the_eve.composite
    below = composite.filter(pl.col("coverage") < minimum)
    assert below.height > 0  # the default dataset does have thin evidence
    assert below["rank"].null_count() == below.height
    assert below["status"].null_count() == below.height
    for code in below["region_code"]:
        reason = on_the_eve.not_ranked_reason(code)
        assert reason is not None
        assert reason.endswith("perlu ≥ 70 %")
    # Samarinda and Bontang were once ranked first on under half of the weights
    for code in ("64.72", "64.74"):
        row = composite.filter(pl.col("region_code") == code).row(0, named=True)
        assert row["coverage"] < minimum
        assert row["rank"] is None
    ranked = set(composite.filter(pl.col("rank").is_not_null())["region_code"])
    assert set(on_the_eve.sensitivity["region_code"]) == ranked


def test_no_descriptive_indicator_is_scored_or_ranked(on_the_eve: Comparison) -> None:
    registry = load_registry()
    descriptive = {spec.id for spec in registry if spec.direction == "none"}
    assert descriptive == set(DESCRIPTIVE)
    rows = on_the_eve.indicators.filter(pl.col("indicator").is_in(list(descriptive)))
    assert rows["value"].drop_nulls().len() > 0  # Balikpapan's 29,29 TPS per village is kept
    assert rows["score"].null_count() == rows.height
    assert rows["rank"].null_count() == rows.height
    assert rows["status"].null_count() == rows.height
    assert not descriptive & set(on_the_eve.config.weights)
