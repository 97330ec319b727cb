"""A built dataset is validated by reading back its build's findings: the same result as
running every rule again, without running them; anything that voids the build runs them."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from readiness import config, synthetic
from readiness.contract import load_election
from readiness.ingest import load_dataset
from readiness.pipeline import build_dataset
from readiness.validation import Validation, validate
from readiness.validation import _validate as validate_module
from readiness.validation._from_build import from_build


def _same(fast: Validation, slow: Validation) -> None:
    assert fast.findings == slow.findings
    assert fast.counts == slow.counts
    assert fast.invalid_rows.equals(slow.invalid_rows)
    assert dict(fast.unlisted) == dict(slow.unlisted)
    assert fast.reading == slow.reading
    assert dict(fast.table_rows) == dict(slow.table_rows)


def _rules_must_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("the rules ran on a dataset its build had validated")

    monkeypatch.setattr(validate_module, "dataset_failures", refuse)


@pytest.fixture(scope="module")
def national_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("national")
    raw = synthetic.write_national(
        root / "raw", synthetic.SyntheticOptions(seed=5, snapshots=2), provinces=["65"]
    )
    result = build_dataset(raw, root / "built")
    assert result.ok, [f.rule for f in result.findings if f.severity == "error"]
    return root / "built"


@pytest.fixture(scope="module")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("default") / "built"
    assert build_dataset(config.raw_dir() / "kaltim-2024", out).ok
    return out


@pytest.mark.parametrize("max_per_rule", [100, None, 2, 0])
def test_a_built_national_sample_validates_as_the_rules_do(
    national_build: Path, max_per_rule: int | None
) -> None:
    dataset = load_dataset(national_build)
    slow = validate(dataset, max_per_rule=max_per_rule, reuse_build=False)
    folded = [f for f in slow.findings if f.count > 1]
    if max_per_rule == 2:
        assert folded, "the sample must have a rule with more than three rows"
    _same(validate(dataset, max_per_rule=max_per_rule), slow)


def test_the_default_build_validates_without_running_the_rules(
    default_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = load_dataset(default_build)
    slow = validate(dataset, reuse_build=False)
    assert slow.counts["warning"] > 0
    _rules_must_not_run(monkeypatch)
    _same(validate(dataset), slow)


def test_the_manifest_counts_the_findings_its_file_lists(default_build: Path) -> None:
    manifest = json.loads((default_build / "manifest.json").read_text(encoding="utf-8"))
    assert "findings" not in manifest
    stored = pl.read_parquet(default_build / "findings.parquet")
    counts = stored.group_by("severity").agg(pl.col("count").sum())
    assert dict(counts.rows()) == {k: v for k, v in manifest["findings_count"].items() if v}
    assert manifest["findings_file"]["rows"] == stored.height


def test_a_changed_findings_file_is_an_error_naming_it(default_build: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(default_build, copy)
    stored = pl.read_parquet(copy / "findings.parquet")
    stored.head(stored.height - 1).write_parquet(copy / "findings.parquet")
    with pytest.raises(ValueError, match=r"findings\.parquet .*readiness build"):
        load_dataset(copy)


def test_another_election_or_a_changed_table_runs_the_rules(default_build: Path) -> None:
    dataset = load_dataset(default_build)
    packaged = load_election("pilkada-2024")
    assert from_build(dataset, packaged, 100) is not None
    other = dataclasses.replace(packaged, id="pilkada-ulang")
    changed = dataclasses.replace(
        dataset, tables={**dataset.tables, "summary": dataset.tables["summary"].head(3)}
    )
    assert from_build(dataset, other, 100) is None
    assert from_build(changed, packaged, 100) is None
    assert validate(changed).table_rows["summary"] == 3
