"""A partitioned national folder, one province at a time: the same answers as all at once."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from readiness.batch import PartitionDone, province_partitions, run_by_province
from readiness.contract import InputError, count_by_severity
from readiness.indicators import LEVELS, compute_indicators
from readiness.ingest import load_dataset
from readiness.synthetic import SyntheticOptions, write_national
from readiness.validation import invalid_rows, validate


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three provinces (none holds most records, as in the whole country), two logistics
    snapshots, and mistakes planted in one of them."""
    out = write_national(
        tmp_path_factory.mktemp("national"),
        SyntheticOptions(seed=7, snapshots=2),
        provinces=["65", "75", "76"],
    )
    stations = out / "province=75" / "polling_stations.parquet"
    frame = pl.read_parquet(stations)
    planted = frame.with_columns(
        tps=pl.when(pl.int_range(pl.len()) < 3).then(-1).otherwise(pl.col("tps"))
    )
    pl.concat([planted, planted.head(2)]).write_parquet(stations)
    return out


def test_partitions_are_the_province_folders(national: Path) -> None:
    groups = province_partitions(national)
    assert list(groups) == ["65", "75", "76"]
    assert all(path.parent.name == f"province={key}" for key, paths in groups.items()
               for path in paths)  # fmt: skip


def test_same_findings_and_indicators_as_the_whole_folder(national: Path) -> None:
    progress: list[PartitionDone] = []
    result = run_by_province(national, max_per_rule=None, on_partition=progress.append)
    whole = load_dataset(national)
    expected = list(validate(whole, max_per_rule=None).findings)
    assert sorted(map(repr, result.findings)) == sorted(map(repr, expected))
    # three negative counts, two repeats of them (negative too)
    assert count_by_severity(result.findings)["error"] == 7
    rejected = invalid_rows(whole)
    for level in LEVELS:
        assert_frame_equal(
            result.indicators[level], compute_indicators(whole, level=level, invalid=rejected)
        )
    assert result.row_counts == whole.row_counts()
    assert sorted(f.path for f in result.files) == sorted(f.path for f in whole.files)
    assert [(p.province, p.position, p.total) for p in progress] == [
        ("65", 1, 3),
        ("75", 2, 3),
        ("76", 3, 3),
    ]


def test_listing_limit_applies_to_the_whole_folder(national: Path) -> None:
    result = run_by_province(national, levels=["provinsi"], max_per_rule=1)
    ranges = [f for f in result.findings if f.rule == "schema.range"]
    assert [f.count for f in ranges] == [1, 4]
    assert ranges[0].file == "province=75/polling_stations.parquet"
    assert count_by_severity(result.findings)["error"] == 7


def test_a_record_filed_under_another_province_is_reported(tmp_path: Path) -> None:
    out = write_national(tmp_path / "n", SyntheticOptions(seed=3), provinces=["65", "75"])
    summary = out / "province=75" / "summary.parquet"
    stray = pl.read_parquet(out / "province=65" / "summary.parquet").head(1)
    pl.concat([pl.read_parquet(summary), stray]).write_parquet(summary)
    result = run_by_province(out, levels=["kabupaten"])
    outside = [f for f in result.findings if f.rule == "region.outside_province"]
    assert [(f.file, f.value) for f in outside] == [
        ("province=75/summary.parquet", stray["region_code"][0])
    ]
    # left out of the indicators: each regency appears once, from its own province
    kabupaten = result.indicators["kabupaten"]
    assert kabupaten.select("region_code", "indicator").is_duplicated().sum() == 0


def test_listing_limit_matches_the_whole_folder(tmp_path: Path) -> None:
    out = write_national(tmp_path / "n", SyntheticOptions(seed=5), provinces=["65", "75", "76"])
    for province in ("65", "76"):
        stations = out / f"province={province}" / "polling_stations.parquet"
        frame = pl.read_parquet(stations)
        frame.with_columns(
            tps=pl.when(pl.int_range(pl.len()) < 2).then(-1).otherwise(pl.col("tps"))
        ).write_parquet(stations)
    whole = load_dataset(out)
    for limit in (1, 2, 3, 10):
        expected = list(validate(whole, max_per_rule=limit).findings)
        found = run_by_province(out, levels=(), max_per_rule=limit).findings
        assert [repr(f) for f in found] == [repr(f) for f in expected], limit


def test_files_beside_partitions_are_refused(national: Path, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed"
    for path in national.rglob("*.parquet"):
        target = mixed / path.relative_to(national)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (mixed / "summary.parquet").write_bytes(
        (national / "province=65" / "summary.parquet").read_bytes()
    )
    with pytest.raises(InputError, match=r"summary.parquet lie outside the province=XX folders"):
        run_by_province(mixed)


def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    result = run_by_province(tmp_path, levels=["kabupaten"])
    assert [f.rule for f in result.findings] == ["dataset.empty"]
    assert result.indicators["kabupaten"].height == 0


def test_a_folder_without_partitions_is_read_whole(tmp_path: Path) -> None:
    out = write_national(tmp_path / "n", SyntheticOptions(seed=3), provinces=["65"])
    flat = tmp_path / "flat"
    flat.mkdir()
    for path in (out / "province=65").glob("*.parquet"):
        (flat / path.name).write_bytes(path.read_bytes())
    result = run_by_province(flat, levels=["kabupaten"])
    assert result.partitions == []
    assert result.indicators["kabupaten"]["region_code"].str.starts_with("65.").all()


def test_load_dataset_reads_only_the_files_asked_for(national: Path) -> None:
    dataset = load_dataset(national, files=["province=65/summary.parquet"])
    assert dataset.row_counts()["summary"] > 0
    assert dataset.row_counts()["logistics"] == 0
    assert {f.path for f in dataset.files} == {"province=65/summary.parquet"}
    with pytest.raises(ValueError, match="is not inside folder"):
        load_dataset(national / "province=65", files=[national / "province=75" / "summary.parquet"])


def test_cli_validate_by_province_lists_the_same_findings(
    national: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from readiness.cli import main

    assert main(["validate", str(national), "--lang", "en", "--format", "json"]) == 1
    whole = capsys.readouterr().out
    assert main(["validate", str(national), "--lang", "en", "--format", "json",
                 "--by-province"]) == 1  # fmt: skip
    assert capsys.readouterr().out == whole


def test_cli_indicators_by_province(national: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from readiness.cli import main

    args = ["indicators", str(national), "--level", "provinsi", "--format", "csv"]
    assert main(args) == 1
    whole = capsys.readouterr()
    assert main([*args, "--by-province"]) == 1
    by_province = capsys.readouterr()
    # sums run in another order: equal to floating-point rounding
    assert_frame_equal(pl.read_csv(by_province.out.encode()), pl.read_csv(whole.out.encode()))
    assert "7" in by_province.err  # rows left out for errors, said on stderr
    assert main([*args, "--by-province", "--as-of", "all", "--lang", "en"]) == 2
    assert "cannot be computed one province at a time" in capsys.readouterr().err


def test_a_folder_of_two_provinces_is_national_even_when_one_is_larger(tmp_path: Path) -> None:
    out = write_national(tmp_path / "n", SyntheticOptions(seed=2), provinces=["65", "75"])
    whole = list(validate(load_dataset(out), max_per_rule=None).findings)
    assert not [f for f in whole if f.rule == "region.outside_province"]
    found = run_by_province(out, levels=(), max_per_rule=None).findings
    assert [repr(f) for f in found] == [repr(f) for f in whole]
