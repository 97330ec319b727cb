"""Several levels at once: ``compute_levels`` gives exactly what ``compute_indicators`` gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from readiness.indicators import (
    INDICATOR_SCHEMA,
    LEVELS,
    IndicatorInputError,
    compute_indicators,
    compute_levels,
)
from readiness.ingest import Dataset
from readiness.regions import descendants

EARLY, DAY = dt.date(2024, 11, 20), dt.date(2024, 11, 25)
BERAU, KUTIM = "64.03", "64.08"


def _mixed(make_dataset: Callable[..., Dataset]) -> Dataset:
    """Every kind of row the formulas read: summary, stations per village and per TPS,
    logistics per kecamatan and per regency, personnel, cases, vulnerabilities, at two dates."""
    kecamatan = descendants(BERAU, depth=3)["code"].to_list()
    villages = descendants(BERAU, depth=4)["code"].to_list()
    summary = [
        {"region_code": code, "as_of": day, "village_count": 110, "tps": tps, "voters": 9000,
         "tps_khusus": 2, "security_personnel": 900}
        for code, day, tps in ((BERAU, EARLY, 470), (BERAU, DAY, 475), (KUTIM, DAY, 1000))
    ]  # fmt: skip
    stations = [
        {"region_code": village, "tps_number": number, "tps": 1, "tps_khusus": number % 2,
         "voters": None if number == 3 else 250 + number, "as_of": DAY}
        for village in villages[:40] for number in (1, 2, 3)
    ] + [{"region_code": village, "tps": 2, "voters": 500, "as_of": EARLY}
         for village in villages[40:60]]  # fmt: skip
    logistics = [
        {"region_code": code, "item": item, "stage": stage, "quantity_required": 100,
         "quantity_delivered": None if item == "seal" else 90, "as_of": day,
         "scheduled_date": dt.date(2024, 11, 22)}
        for code, stage in zip(kecamatan, ["kpu", "ppk", "pps", "tps"] * 4, strict=False)
        for item in ("ballot", "seal") for day in (EARLY, DAY)
    ] + [{"region_code": villages[0], "tps_number": 1, "item": "ballot", "stage": "tps",
          "quantity_delivered": 300, "as_of": DAY},
         {"region_code": KUTIM, "item": "ballot", "stage": "ppk", "as_of": DAY}]  # fmt: skip
    personnel = [
        {"region_code": BERAU, "agency": agency, "role": role, "count": 300, "as_of": DAY}
        for agency, role in (("polri", "security"), ("tni", "security"), ("kpu", "kpps"))
    ]
    cases = [
        {"case_id": f"c{n}", "region_code": BERAU, "subject": "civil_servant",
         "status": status, "as_of": DAY}
        for n, status in enumerate(("reported", "examined", "closed"))
    ]  # fmt: skip
    vulnerabilities = [
        {"region_code": villages[0], "instrument": "polri_grade", "category": "vulnerable",
         "tps_count": 3, "as_of": DAY}
    ]  # fmt: skip
    return make_dataset(
        summary=summary,
        polling_stations=stations,
        logistics=logistics,
        personnel=personnel,
        neutrality_cases=cases,
        vulnerabilities=vulnerabilities,
    )


@pytest.mark.parametrize("as_of", [None, EARLY, "2024-11-22", "all"])
def test_every_level_equals_compute_indicators(
    make_dataset: Callable[..., Dataset], as_of: Any
) -> None:
    dataset = _mixed(make_dataset)
    together = compute_levels(dataset, as_of=as_of)
    assert list(together) == ["kecamatan", "kabupaten", "provinsi"]
    for level, frame in together.items():
        alone = compute_indicators(dataset, level=level, as_of=as_of)
        assert alone.height > 0
        assert_frame_equal(frame, alone, check_exact=True)


def test_options_apply_to_every_level(make_dataset: Callable[..., Dataset]) -> None:
    dataset = _mixed(make_dataset)
    options: dict[str, Any] = {
        "indicators": ["voters_per_tps", "tps_per_village"],
        "norms_override": {"max_voters_per_tps": 500},
        "invalid": pl.DataFrame(schema={"table": pl.String, "_index": pl.Int64}),
    }
    together = compute_levels(dataset, ("provinsi", "kabupaten"), **options)
    assert list(together) == ["provinsi", "kabupaten"]
    for level, frame in together.items():
        assert set(frame["indicator"]) <= {"voters_per_tps", "tps_per_village"}
        assert_frame_equal(frame, compute_indicators(dataset, level=level, **options))


def test_empty_dataset_and_unknown_level() -> None:
    frames = compute_levels(Dataset("empty"))
    assert set(frames) == set(LEVELS)
    assert all(frame.schema == pl.Schema(INDICATOR_SCHEMA) for frame in frames.values())
    with pytest.raises(IndicatorInputError, match="level must be one of"):
        compute_levels(Dataset("empty"), ("kabupaten", "regency"))  # type: ignore[arg-type]


@pytest.mark.parametrize("as_of", [None, "all"])
def test_the_order_of_rows_changes_nothing(
    make_dataset: Callable[..., Dataset], as_of: Any
) -> None:
    """Rows in code order (as ``readiness build`` writes them) take a faster path: codes
    flagged as sorted. Any other order gives exactly the same frames, for a dataset of two
    provinces (every row kept, as for a clean build)."""
    from readiness.contract import load_election
    from readiness.indicators._inputs import usable_inputs

    mixed = _mixed(make_dataset)
    summary, vulnerabilities = mixed.tables["summary"], mixed.tables["vulnerabilities"]
    banggai = summary.head(1).with_columns(region_code=pl.lit("72.01"))
    graded = vulnerabilities.with_columns(tps_count=pl.col("tps_count") + 2)
    tables = {
        **mixed.tables,
        "summary": pl.concat([summary, banggai]),
        "vulnerabilities": pl.concat([vulnerabilities, graded]),
    }
    # rows in code order, as read from a file (not flagged as sorted by polars' own sort)
    in_order = Dataset(
        "in order",
        tables={
            name: pl.DataFrame(
                frame.sort("region_code").to_dict(as_series=False), schema=frame.schema
            )
            for name, frame in tables.items()
        },
    )
    assert not in_order.tables["logistics"]["region_code"].flags["SORTED_ASC"]
    reversed_ = Dataset("reversed", tables={n: f.reverse() for n, f in tables.items()})
    every_row = pl.DataFrame(schema={"table": pl.String, "_index": pl.Int64})
    inputs = usable_inputs(in_order, load_election(), None, every_row)
    assert inputs.provinces == ["64", "72"]
    assert inputs.tables["logistics"]["region_code"].flags["SORTED_ASC"]
    assert not inputs.tables["vulnerabilities"]["region_code"].flags["SORTED_ASC"]  # fractions
    assert usable_inputs(reversed_, load_election(), None, every_row).provinces == ["64", "72"]
    expected = compute_levels(reversed_, as_of=as_of, invalid=every_row)
    for level, frame in compute_levels(in_order, as_of=as_of, invalid=every_row).items():
        assert frame.filter(pl.col("region_code").str.starts_with("72")).height > 0
        assert_frame_equal(frame, expected[level], check_exact=True)
