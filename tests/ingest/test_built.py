"""The typed fast path: a folder ``readiness build`` wrote is read as it is, and gives exactly
what reading it through the contract gives (tables, findings, rejected rows, indicators)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from readiness import config, synthetic
from readiness.contract import TABLE_NAMES, load_election
from readiness.indicators import compute_levels, input_columns
from readiness.ingest import (
    BUILT_TABLES_KEY,
    Dataset,
    FileFacts,
    PartialDatasetError,
    load_dataset,
)
from readiness.pipeline import BuildError, build_dataset, run
from readiness.validation import invalid_rows, validate


def _with_manifest(built: Path, target: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the build at ``target`` whose manifest ``change`` edited."""
    shutil.copytree(built, target)
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    change(manifest)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return target


def _slow_copy(built: Path, target: Path) -> Path:
    """The same build without the manifest's list of files: read through the contract."""
    return _with_manifest(built, target, lambda manifest: manifest.pop(BUILT_TABLES_KEY))


def _assert_same(fast: Dataset, slow: Dataset) -> None:
    assert fast.built is not None
    assert slow.built is None
    for name, frame in slow.tables.items():
        assert fast.tables[name].schema == frame.schema, name
        assert fast.tables[name].equals(frame), name
    assert fast.findings == slow.findings
    assert fast.province_code == slow.province_code
    assert fast.files == slow.files
    assert invalid_rows(fast).equals(invalid_rows(slow))
    assert list(validate(fast, max_per_rule=None).findings) == list(
        validate(slow, max_per_rule=None).findings
    )
    fast_levels, slow_levels = compute_levels(fast), compute_levels(slow)
    for level, frame in slow_levels.items():
        assert frame.height > 0, level
        assert fast_levels[level].equals(frame), level


@pytest.fixture(scope="module")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("default") / "built"
    result = build_dataset(config.raw_dir() / "kaltim-2024", out)
    assert result.ok
    return out


def test_default_dataset_fast_path_equals_the_contract_path(
    default_build: Path, tmp_path: Path
) -> None:
    slow = load_dataset(_slow_copy(default_build, tmp_path / "slow"))
    _assert_same(load_dataset(default_build), slow)


def test_national_sample_fast_path_equals_the_contract_path(tmp_path: Path) -> None:
    raw = synthetic.write_national(
        tmp_path / "raw", synthetic.SyntheticOptions(seed=11, snapshots=2), provinces=["65"]
    )
    result = build_dataset(raw, tmp_path / "built")
    assert result.ok, [f.rule for f in result.findings if f.severity == "error"]
    slow = load_dataset(_slow_copy(tmp_path / "built", tmp_path / "slow"))
    fast = load_dataset(tmp_path / "built")
    assert fast.tables["logistics"]["as_of"].n_unique() == 2
    _assert_same(fast, slow)


def test_a_file_changed_after_the_build_is_read_through_the_contract(
    default_build: Path, tmp_path: Path
) -> None:
    edited = tmp_path / "edited"
    shutil.copytree(default_build, edited)
    personnel = pl.read_parquet(edited / "personnel.parquet")
    personnel.with_columns(pl.col("count").neg()).write_parquet(edited / "personnel.parquet")
    dataset = load_dataset(edited)
    assert dataset.built is None
    assert dataset.tables["personnel"]["count"].min() < 0  # type: ignore[operator]
    assert "schema.range" in set(invalid_rows(dataset)["rule"])


def test_another_contract_version_is_read_through_the_contract(
    default_build: Path, tmp_path: Path
) -> None:
    older = _with_manifest(
        default_build,
        tmp_path / "older",
        lambda manifest: manifest.update(contract_version="0.9.0"),
    )
    assert load_dataset(older).built is None


def test_a_table_replaced_after_loading_is_checked_again(default_build: Path) -> None:
    dataset = load_dataset(default_build)
    assert invalid_rows(dataset).height == 0
    personnel = dataset.tables["personnel"]
    dataset.tables["personnel"] = personnel.with_columns(pl.col("count").neg())
    assert "schema.range" in set(invalid_rows(dataset)["rule"])


def test_a_build_under_changed_norms_vouches_for_nothing(tmp_path: Path) -> None:
    election = load_election("pilkada-2024")
    norm = election.norm("max_voters_per_tps")
    norms = {**election.norms, norm.id: dataclasses.replace(norm, value=700.0)}
    changed = dataclasses.replace(election, norms=norms)
    result = build_dataset(config.raw_dir() / "kaltim-2024", tmp_path / "built", election=changed)
    assert result.ok
    assert result.manifest["election_packaged"] is False
    dataset = load_dataset(tmp_path / "built")
    assert dataset.built is None
    assert dataset.tables["polling_stations"].height > 0


@pytest.fixture(scope="module")
def two_province_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("two")
    raw = synthetic.write_national(
        folder / "raw", synthetic.SyntheticOptions(seed=5), provinces=["64", "65"]
    )
    result = build_dataset(raw, folder / "built")
    assert result.ok, [f.rule for f in result.findings if f.severity == "error"]
    return folder / "built"


def test_a_build_records_the_provinces_of_each_table(two_province_build: Path) -> None:
    manifest = json.loads((two_province_build / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["province_code"] is None
    assert manifest["provinces"]["logistics"] == ["64", "65"]
    assert manifest["provinces"]["summary"] == ["64", "65"]
    fast = load_dataset(two_province_build)
    assert fast.built is not None
    assert fast.built.provinces is not None
    assert fast.built.provinces["polling_stations"] == ("64", "65")


def test_indicators_of_a_build_take_its_provinces_without_reading_the_rows(
    two_province_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness.indicators import _inputs

    expected = compute_levels(load_dataset(two_province_build), ("provinsi",))["provinsi"]
    assert expected["region_code"].unique().sort().to_list() == ["64", "65"]

    def not_read(frames: object) -> list[str]:
        raise AssertionError("the provinces were read from the rows")

    monkeypatch.setattr(_inputs, "provinces_of", not_read)
    fast = compute_levels(load_dataset(two_province_build), ("provinsi",))["provinsi"]
    assert fast.equals(expected)


def test_a_build_records_the_order_of_each_table_in_its_file(
    two_province_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness.contract import load_election
    from readiness.indicators._inputs import usable_inputs
    from readiness.validation import INVALID_ROWS_SCHEMA

    facts = FileFacts.of_file(two_province_build / "logistics.parquet", "logistics")
    assert facts.in_order is True
    fast = load_dataset(two_province_build, columns=input_columns())
    assert fast.built is not None
    assert fast.built.in_order["logistics"] is True
    checked = compute_levels(load_dataset(_slow_copy(two_province_build, tmp_path / "slow")))

    def not_checked(self: pl.Series) -> bool:
        raise AssertionError("the order the build recorded was checked again")

    with monkeypatch.context() as patch:
        patch.setattr(pl.Series, "is_sorted", not_checked)
        inputs = usable_inputs(
            fast, load_election(), None, pl.DataFrame(schema=INVALID_ROWS_SCHEMA)
        )
    for name in ("logistics", "polling_stations"):
        assert inputs.tables[name]["region_code"].flags["SORTED_ASC"], name
    trusted = compute_levels(fast)
    for level, frame in checked.items():
        assert trusted[level].equals(frame), level


def test_columns_without_any_value_are_not_read_but_come_back_null(
    two_province_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = two_province_build / "logistics.parquet"
    assert "basis" in FileFacts.of_file(file, "logistics").empty_columns
    stored = pl.read_parquet(file)
    assert stored["basis"].null_count() == stored.height
    read: list[list[str] | None] = []
    real_read = pl.read_parquet

    def recording(source: Path, *, columns: list[str] | None = None) -> pl.DataFrame:
        if Path(source).name == file.name:
            read.append(columns)
        return real_read(source, columns=columns)

    monkeypatch.setattr(pl, "read_parquet", recording)
    whole = load_dataset(two_province_build).tables["logistics"]
    some = load_dataset(two_province_build, columns=input_columns()).tables["logistics"]
    assert len(read) == 2
    for columns in read:
        assert columns is not None
        assert "basis" not in columns
        assert "region_code" in columns
    assert whole.equals(stored)
    assert whole.schema == stored.schema
    assert some.equals(stored.select(input_columns()["logistics"]))


def test_facts_edited_in_a_file_make_it_a_changed_file(
    two_province_build: Path, tmp_path: Path
) -> None:
    edited = tmp_path / "edited"
    shutil.copytree(two_province_build, edited)
    file = edited / "logistics.parquet"
    stored = pl.read_parquet(file)
    lying = FileFacts(in_order=True, empty_columns=frozenset({"quantity_delivered"}))
    stored.write_parquet(file, metadata=lying.metadata())
    dataset = load_dataset(edited)
    assert dataset.built is None
    assert dataset.tables["logistics"]["quantity_delivered"].null_count() < stored.height


def test_a_build_without_facts_in_its_files_is_read_whole_and_its_order_checked(
    two_province_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness.ingest import built_tables_entry

    older = tmp_path / "older"
    shutil.copytree(two_province_build, older)
    for name in ("logistics", "polling_stations"):
        file = older / f"{name}.parquet"
        pl.read_parquet(file).write_parquet(file)  # as a build before the facts wrote it
    tables = {name: pl.read_parquet(older / f"{name}.parquet") for name in TABLE_NAMES}
    manifest_path = older / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest[BUILT_TABLES_KEY] = built_tables_entry(older, tables)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert FileFacts.of_file(older / "logistics.parquet", "logistics") == FileFacts()
    dataset = load_dataset(older)
    assert dataset.built is not None
    assert "logistics" not in dataset.built.in_order
    checked: list[int] = []
    real_is_sorted = pl.Series.is_sorted

    def counting(self: pl.Series, *args: object, **kwargs: object) -> bool:
        checked.append(len(self))
        return bool(real_is_sorted(self, *args, **kwargs))

    monkeypatch.setattr(pl.Series, "is_sorted", counting)
    levels = compute_levels(dataset)
    assert len(checked) >= 2
    for level, frame in compute_levels(load_dataset(two_province_build)).items():
        assert levels[level].equals(frame), level


def test_provinces_are_read_from_the_rows_when_some_are_left_out(
    two_province_build: Path,
) -> None:
    dataset = load_dataset(two_province_build)
    # every row of province 65 in every table the indicators read, rejected
    invalid = pl.concat(
        [
            dataset.tables[name]
            .with_row_index("_index")
            .filter(pl.col("region_code").str.starts_with("65"))
            .select(
                pl.lit(name).alias("table"),
                pl.col("_index").cast(pl.Int64),
                "_file",
                "_sheet",
                "_row",
                pl.lit("test").alias("rule"),
            )
            for name in dataset.tables
        ]
    )
    assert invalid.filter(pl.col("table") == "polling_stations").height > 0
    provinces = compute_levels(dataset, ("provinsi",), invalid=invalid)["provinsi"]
    assert provinces["region_code"].unique().to_list() == ["64"]


def test_reading_only_the_indicators_columns_gives_the_same_indicators(
    default_build: Path,
) -> None:
    whole = load_dataset(default_build)
    some = load_dataset(default_build, columns=input_columns())
    assert some.partial
    assert not whole.partial
    assert some.tables["logistics"].columns == input_columns()["logistics"]
    assert "_file" not in some.tables["summary"].columns
    assert some.tables["published_figures"].equals(whole.tables["published_figures"])
    assert validate(some).findings == validate(whole).findings
    for level, frame in compute_levels(whole).items():
        assert compute_levels(some)[level].equals(frame), level


def test_a_dataset_of_some_columns_is_never_checked_by_the_rules(default_build: Path) -> None:
    some = load_dataset(default_build, columns=input_columns())
    with pytest.raises(ValueError, match=r"only some columns.*Hint: load it without columns="):
        validate(some, reuse_build=False)


def test_unknown_columns_are_named(default_build: Path) -> None:
    with pytest.raises(ValueError, match="'logistics' does not have: kecamatan_name"):
        load_dataset(default_build, columns={"logistics": ["region_code", "kecamatan_name"]})


def test_a_build_of_another_package_version_is_read_whole(
    default_build: Path, tmp_path: Path
) -> None:
    older = _with_manifest(
        default_build, tmp_path / "older", lambda manifest: manifest.update(package_version="0.0.1")
    )
    dataset = load_dataset(older, columns=input_columns())
    assert not dataset.partial
    assert "_file" in dataset.tables["logistics"].columns


def test_a_run_that_keeps_no_dataset_computes_the_same(default_build: Path) -> None:
    kept = run(default_build, levels=("kabupaten",))
    lean = run(default_build, levels=("kabupaten",), keep_dataset=False)
    assert lean.dataset is None
    assert kept.dataset is not None
    assert lean.indicators["kabupaten"].equals(kept.indicators["kabupaten"])
    assert lean.validation.findings == kept.validation.findings


def test_a_run_under_another_election_reads_the_build_whole_and_checks_it(
    default_build: Path,
) -> None:
    election = load_election("pilkada-2024")
    norm = election.norm("max_voters_per_tps")
    changed = dataclasses.replace(
        election, norms={**election.norms, norm.id: dataclasses.replace(norm, value=250.0)}
    )
    lean = run(default_build, levels=("kabupaten",), election=changed, keep_dataset=False)
    expected = validate(load_dataset(default_build), election=changed, reuse_build=False)
    assert lean.validation.findings == expected.findings
    assert lean.validation.findings != validate(load_dataset(default_build)).findings


def test_columns_of_an_unknown_table_are_named(default_build: Path) -> None:
    with pytest.raises(ValueError, match="table 'logistik' the contract does not have"):
        load_dataset(default_build, columns={"logistik": ["region_code"]})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="'summary' does not have: tps_count"):
        load_dataset(config.raw_dir() / "kaltim-2024", columns={"summary": ["tps_count"]})


def test_a_raw_folder_is_read_whole_whatever_columns_names() -> None:
    """Only a build is read in some columns; the test suite's shared reads rely on this."""
    raw = Path(__file__).parents[1] / "reports" / "fixture"
    some = load_dataset(raw, columns=input_columns())
    whole = load_dataset(raw)
    assert not some.partial
    assert some.tables.keys() == whole.tables.keys()
    for name, frame in whole.tables.items():
        assert some.tables[name].equals(frame, null_equal=True), name


def test_indicators_refuse_a_dataset_without_their_columns(default_build: Path) -> None:
    narrow = load_dataset(default_build, columns={"logistics": ["region_code", "as_of"]})
    with pytest.raises(PartialDatasetError, match="logistics tps_number, item, stage"):
        compute_levels(narrow, ("provinsi",))


def test_a_dataset_of_some_columns_is_never_built_again(
    default_build: Path, tmp_path: Path
) -> None:
    some = load_dataset(default_build, columns=input_columns())
    with pytest.raises(BuildError, match="only some columns"):
        build_dataset(some, tmp_path / "again")
    assert not (tmp_path / "again").exists()


def test_a_run_reads_a_build_whole_when_its_findings_cannot_be_read_back(
    default_build: Path, tmp_path: Path
) -> None:
    listless = _with_manifest(
        default_build, tmp_path / "listless", lambda manifest: manifest.pop("findings_file")
    )
    lean = run(listless, levels=("kabupaten",), keep_dataset=False)
    kept = run(default_build, levels=("kabupaten",))
    assert lean.indicators["kabupaten"].equals(kept.indicators["kabupaten"])
    assert lean.validation.findings == kept.validation.findings


@pytest.mark.parametrize(
    "recorded",
    [
        "not json",
        "[1, 2]",
        '{"in_order": "yes", "empty_columns": [["basis"]]}',
        '{"empty_columns": [{"a": 1}]}',
        '{"empty_columns": ["no such column"]}',
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_facts_of_another_shape_are_no_facts(recorded: str, tmp_path: Path) -> None:
    from readiness.ingest import FILE_FACTS_KEY

    file = tmp_path / "logistics.parquet"
    pl.DataFrame({"region_code": ["64.03"]}).write_parquet(
        file, metadata={FILE_FACTS_KEY: recorded}
    )
    assert FileFacts.of_file(file, "logistics") == FileFacts()
