"""The typed fast path: a folder ``readiness build`` wrote is read as it is, and gives exactly
what reading it through the contract gives (tables, findings, rejected rows, indicators)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from readiness import config, synthetic
from readiness.contract import load_election
from readiness.indicators import compute_levels
from readiness.ingest import BUILT_TABLES_KEY, Dataset, load_dataset
from readiness.pipeline import build_dataset
from readiness.validation import invalid_rows, validate


def _slow_copy(built: Path, target: Path) -> Path:
    """The same build without the manifest's list of files: read through the contract."""
    shutil.copytree(built, target)
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest[BUILT_TABLES_KEY]
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return target


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
    older = tmp_path / "older"
    shutil.copytree(default_build, older)
    manifest = json.loads((older / "manifest.json").read_text(encoding="utf-8"))
    manifest["contract_version"] = "0.9.0"
    (older / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
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
