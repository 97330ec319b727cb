"""Snapshot of the Kaltim 2024 provincial comparison, from the default dataset.

Regenerate after an intended change with ``READINESS_UPDATE_SNAPSHOTS=1 pytest tests/compare``
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from readiness import config
from readiness.compare import compare_regencies
from readiness.indicators import compute_indicators

SNAPSHOT = Path(__file__).parent / "snapshots" / "kaltim_2024_comparison.json"
DATASET = config.raw_dir() / "kaltim-2024"


def _rounded(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def _stable(records: list[dict[str, Any]], keep: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{key: _rounded(record[key]) for key in keep} for record in records]


@pytest.fixture(scope="module")
def comparison() -> dict[str, Any]:
    if not DATASET.exists():
        pytest.skip("the default dataset is not built")
    from readiness.ingest import load_dataset

    indicators = compute_indicators(load_dataset(DATASET), level="kabupaten")
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
