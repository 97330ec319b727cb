"""The synthetic generator at small scale: one province, seeded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from readiness.contract import TABLE_NAMES, TableName, polars_schema, table_schema
from readiness.ingest import load_dataset
from readiness.regions import count_by_level, descendants
from readiness.synthetic import (
    METADATA_FILE,
    SyntheticOptions,
    generate,
    generate_province,
    regency_view,
    scan_table,
    write_national,
    write_workbooks,
)

PROVINCE = "64"  # Kalimantan Timur: 10 regencies, 105 kecamatan, 1,038 villages


@pytest.fixture(scope="module")
def tables() -> dict[TableName, pl.DataFrame]:
    return generate_province(PROVINCE, SyntheticOptions(seed=11))


def test_same_seed_same_data_other_seed_other_data(
    tables: dict[TableName, pl.DataFrame],
) -> None:
    again = generate_province(PROVINCE, SyntheticOptions(seed=11))
    other = generate_province(PROVINCE, SyntheticOptions(seed=12))
    for name in TABLE_NAMES:
        assert tables[name].equals(again[name]), name
    assert not tables["polling_stations"].equals(other["polling_stations"])


def test_a_province_is_the_same_alone_or_with_others() -> None:
    options = SyntheticOptions(seed=3)
    alone = generate_province("65", options)["logistics"]
    together = generate(["64", "65"], options)["logistics"]
    assert together.filter(pl.col("region_code").str.starts_with("65.")).equals(alone)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_table_is_valid_against_the_contract(
    tables: dict[TableName, pl.DataFrame], name: TableName
) -> None:
    frame = tables[name]
    assert frame.height > 0
    assert frame.schema == pl.Schema(polars_schema(name))
    table_schema(name).validate(frame, lazy=True)


def test_every_village_has_a_tps_and_no_tps_is_above_600_voters(
    tables: dict[TableName, pl.DataFrame],
) -> None:
    stations = tables["polling_stations"]
    villages = descendants(PROVINCE, depth=4)["code"]
    with_tps = stations["region_code"].unique()
    assert villages.is_in(with_tps.implode()).all()
    assert with_tps.is_in(villages.implode()).all()
    assert stations["voters"].max() <= 600
    assert stations["voters"].min() > 0
    assert stations.select(pl.struct("region_code", "tps_number").is_unique().all()).item()


def test_kelurahan_hold_more_tps_than_desa_on_average(
    tables: dict[TableName, pl.DataFrame],
) -> None:
    per_village = (
        tables["polling_stations"]
        .group_by("region_code")
        .agg(tps=pl.col("tps").sum())
        .with_columns(kelurahan=pl.col("region_code").str.slice(9, 1) == "1")
    )
    means = dict(per_village.group_by("kelurahan").agg(pl.mean("tps")).iter_rows())
    assert means[True] > means[False]


def test_tps_lokasi_khusus_have_a_type_and_regular_ones_do_not(
    tables: dict[TableName, pl.DataFrame],
) -> None:
    stations = tables["polling_stations"]
    khusus = stations.filter(pl.col("tps_khusus") == 1)
    assert khusus.height > 0
    assert khusus["khusus_type"].null_count() == 0
    assert stations.filter(pl.col("tps_khusus") == 0)["khusus_type"].null_count() == (
        stations.height - khusus.height
    )


def test_summary_states_the_reference_counts_and_the_detail_totals(
    tables: dict[TableName, pl.DataFrame],
) -> None:
    summary = tables["summary"]
    stations = tables["polling_stations"]
    assert summary.height == 10
    berau = summary.filter(pl.col("region_code") == "64.03").row(0, named=True)
    counts = count_by_level("64.03")
    assert berau["kecamatan_count"] == counts["kecamatan"]
    assert berau["village_count"] == counts["desa"] + counts["kelurahan"]
    assert summary["voters"].sum() == stations["voters"].sum()
    assert (summary["voters_male"] + summary["voters_female"]).equals(summary["voters"])
    clean = generate_province(PROVINCE, SyntheticOptions(seed=11, inconsistencies=False))
    assert clean["summary"]["tps"].sum() == stations.height


def test_logistics_one_row_per_tps_and_item_with_delivery_not_above_need(
    tables: dict[TableName, pl.DataFrame],
) -> None:
    logistics = tables["logistics"]
    stations = tables["polling_stations"]
    assert logistics.height == stations.height * 7
    assert logistics.select(pl.struct("region_code", "tps_number", "item").is_unique().all()).item()
    delivered = logistics.drop_nulls("quantity_delivered")
    assert (delivered["quantity_delivered"] <= delivered["quantity_required"]).all()
    assert 0 < logistics["quantity_delivered"].null_count() < logistics.height * 0.05
    at_tps = logistics.filter(pl.col("stage") == "tps")
    assert at_tps["scheduled_date"].null_count() == at_tps.height
    pending = logistics.filter(pl.col("stage") != "tps")
    assert pending["scheduled_date"].null_count() == 0


def test_snapshots_only_move_logistics_forward() -> None:
    options = SyntheticOptions(seed=5, snapshots=4)
    logistics = generate_province("65", options)["logistics"]
    assert sorted(logistics["as_of"].unique().to_list()) == options.snapshot_dates
    assert options.snapshot_dates[-1] == dt.date(2024, 11, 25)
    order = {"kpu": 0, "ppk": 1, "pps": 2, "tps": 3}
    regressions = (
        logistics.with_columns(rank=pl.col("stage").replace_strict(order))
        .sort("as_of")
        .group_by("region_code", "tps_number", "item")
        .agg(worse=(pl.col("rank").diff() < 0).sum())
    )
    assert regressions["worse"].sum() == 0
    first, last = options.snapshot_dates[0], options.snapshot_dates[-1]
    share_at_tps = logistics.group_by("as_of").agg((pl.col("stage") == "tps").mean())
    shares = dict(share_at_tps.iter_rows())
    assert shares[last] > shares[first]


def test_scale_multiplies_tps_and_keeps_the_invariants() -> None:
    one = generate_province("65", SyntheticOptions(seed=2))["polling_stations"]
    two = generate_province("65", SyntheticOptions(seed=2, scale=2))["polling_stations"]
    assert 1.8 < two.height / one.height < 2.2
    assert two["voters"].max() <= 600


def test_written_parquet_reads_back_by_province(tmp_path: Path) -> None:
    options = SyntheticOptions(seed=9)
    out = write_national(tmp_path / "national", options, provinces=["65", "75"])
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["province=65", "province=75"]
    assert (out / METADATA_FILE).is_file()
    expected = generate(["65", "75"], options)["polling_stations"]
    assert scan_table(out, "polling_stations").collect().equals(expected)
    assert not list(tmp_path.glob(".national-*"))
    with pytest.raises(FileNotFoundError, match=r"no logistics\.parquet"):
        scan_table(tmp_path, "logistics")


def test_regency_view_keeps_totals_at_the_workbook_grain(
    tables: dict[TableName, pl.DataFrame],
) -> None:
    view = regency_view(tables)
    assert view["polling_stations"]["tps"].sum() == tables["polling_stations"].height
    assert view["polling_stations"]["voters"].sum() == tables["polling_stations"]["voters"].sum()
    logistics = view["logistics"]
    assert logistics.height == descendants(PROVINCE, depth=3).height * 7
    assert logistics["quantity_required"].sum() == tables["logistics"]["quantity_required"].sum()
    for name in TABLE_NAMES:
        table_schema(name).validate(view[name], lazy=True)


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="snapshots must be between 1 and 60"):
        SyntheticOptions(snapshots=0)
    with pytest.raises(ValueError, match="as_of must be before the voting day"):
        SyntheticOptions(as_of=dt.date(2024, 11, 27))
    with pytest.raises(ValueError, match="expected a province code"):
        generate_province("64.03")


def test_the_library_loader_reads_the_partitioned_parquet(tmp_path: Path) -> None:
    options = SyntheticOptions(seed=4)
    out = write_national(tmp_path / "two", options, provinces=["65", "75"])
    dataset = load_dataset(out)
    expected = generate(["65", "75"], options)
    assert [f for f in dataset.findings if f.severity == "error"] == []
    for name in TABLE_NAMES:
        loaded = dataset.canonical(name).sort(pl.all())
        assert loaded.equals(expected[name].sort(pl.all())), name
    assert {f.path.split("/")[0] for f in dataset.files} == {"province=65", "province=75"}


def test_filled_workbooks_read_back_with_the_same_totals(tmp_path: Path) -> None:
    paths = write_workbooks("65", tmp_path, SyntheticOptions(seed=6))
    assert [p.name for p in paths][:2] == ["65.01-bulungan.xlsx", "65.02-malinau.xlsx"]
    view = regency_view(generate_province("65", SyntheticOptions(seed=6)))
    dataset = load_dataset(tmp_path)
    assert [f for f in dataset.findings if f.severity == "error"] == []
    stations = dataset.table("polling_stations")
    assert stations["tps"].sum() == view["polling_stations"]["tps"].sum()
    assert stations["voters"].sum() == view["polling_stations"]["voters"].sum()
    logistics = dataset.table("logistics")
    assert logistics.height == view["logistics"].height
    assert sorted(logistics["stage"].unique().to_list()) == sorted(
        view["logistics"]["stage"].unique().to_list()
    )
    assert dataset.table("summary")["security_personnel"].to_list() == (
        view["summary"]["security_personnel"].to_list()
    )
