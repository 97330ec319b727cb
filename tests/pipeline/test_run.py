"""`readiness.pipeline.run`: one call from a path to a run, the same as the steps one by one."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from readiness import config
from readiness.batch import run_by_province
from readiness.compare import compare_regencies
from readiness.indicators import LEVELS, compute_levels
from readiness.ingest import Dataset, load_dataset
from readiness.pipeline import Run, cached_run, clear_runs, dataset_stamp, read_province, run
from readiness.synthetic import SyntheticOptions, write_national
from readiness.validation import invalid_rows, validate

DATASET = config.raw_dir() / config.DEFAULT_DATASET
FIXTURE = Path(__file__).parents[1] / "reports" / "fixture"
SNAPSHOT = Path(__file__).parents[1] / "compare" / "snapshots" / "kaltim_2024_comparison.json"
ELECTION_EVE = dt.date(2024, 11, 25)

needs_dataset = pytest.mark.skipif(not DATASET.exists(), reason="the default dataset is not built")


@pytest.fixture(scope="module")
def kaltim() -> Run:
    return run(DATASET, as_of=ELECTION_EVE)


@needs_dataset
def test_the_run_equals_the_steps_one_by_one(
    kaltim: Run, read_default_dataset: Callable[[], Dataset]
) -> None:
    dataset = read_default_dataset()
    rejected = invalid_rows(dataset)
    steps = compute_levels(dataset, LEVELS, as_of=ELECTION_EVE, invalid=rejected)
    assert list(kaltim.indicators) == list(LEVELS)
    for level in LEVELS:
        assert_frame_equal(kaltim.indicators[level], steps[level])
    assert kaltim.comparison is not None
    expected = compare_regencies(steps["kabupaten"])
    assert_frame_equal(kaltim.comparison.composite, expected.composite)
    assert_frame_equal(kaltim.comparison.indicators, expected.indicators)
    assert kaltim.validation.findings == tuple(validate(dataset).findings)
    assert_frame_equal(kaltim.validation.invalid_rows, rejected)
    assert kaltim.as_of == ELECTION_EVE
    assert kaltim.dataset is not None
    assert kaltim.dataset.province_code == "64"


@needs_dataset
def test_the_latest_run_matches_the_comparison_snapshot() -> None:
    latest = run(DATASET, levels=("kabupaten",))
    assert latest.comparison is not None
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["composite"]
    composite = latest.comparison.as_dict()["composite"]
    keys = ("region_code", "rank", "status", "n_indicators")
    assert [{k: row[k] for k in keys} for row in composite] == [
        {k: row[k] for k in keys} for row in expected
    ]
    assert [round(row["score"], 6) if row["score"] is not None else None for row in composite] == [
        row["score"] for row in expected
    ]


@needs_dataset
def test_the_province_is_read_from_the_file_names() -> None:
    assert read_province(DATASET) == "64"
    assert read_province(FIXTURE) is None  # names without codes: only loading can tell


def test_without_levels_only_validation_runs(tmp_path: Path) -> None:
    done = run(FIXTURE, levels=())
    assert done.indicators == {}
    assert done.comparison is None
    assert done.validation.findings == validate(load_dataset(FIXTURE)).findings


def test_a_time_series_is_not_compared() -> None:
    series = run(FIXTURE, levels=("kabupaten",), as_of="all")
    assert series.comparison is None
    assert series.indicators["kabupaten"]["as_of"].n_unique() >= 1


def test_dates_are_dates_not_text() -> None:
    with pytest.raises(TypeError, match=r"datetime\.date"):
        run(FIXTURE, as_of="2024-11-25")  # type: ignore[arg-type]


def test_rejected_rows_are_left_out_and_located(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(FIXTURE, folder)
    summary = folder / "summary.csv"
    summary.write_text(
        summary.read_text(encoding="utf-8").replace(",475,3,,1588,", ",banyak,3,,1588,"),
        encoding="utf-8",
    )
    done = run(folder)
    assert done.validation.errors == 1
    assert done.left_out.select("_file", "_row", "region_code").rows() == [
        ("summary.csv", 2, "64.03")
    ]


def test_runs_are_cached_until_a_file_changes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    clear_runs()
    first = cached_run(folder)
    assert cached_run(folder) is first
    assert cached_run(folder, as_of=ELECTION_EVE) is not first
    before = dataset_stamp(folder)
    (folder / "summary.csv").write_text(
        (folder / "summary.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert dataset_stamp(folder) != before
    assert cached_run(folder) is not first


def test_by_province_merges_the_partitions(tmp_path: Path) -> None:
    out = write_national(tmp_path / "n", SyntheticOptions(seed=3), provinces=["65", "75"])
    done = run(out, levels=("provinsi",), by_province=True, max_per_rule=None)
    batch = run_by_province(out, levels=("provinsi",), max_per_rule=None)
    assert done.dataset is None
    assert [repr(f) for f in done.validation.findings] == [repr(f) for f in batch.findings]
    assert_frame_equal(done.indicators["provinsi"], batch.indicators["provinsi"])
    assert done.indicators["provinsi"].select(
        pl.col("region_code").unique().sort()
    ).to_series().to_list() == ["65", "75"]
