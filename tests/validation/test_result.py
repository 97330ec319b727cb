"""`validate` returns a `Validation`: findings, rows to leave out, counts, and a merge of parts
that equals validating the parts together."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from readiness.contract import Finding
from readiness.ingest import Dataset
from readiness.validation import Validation, invalid_rows, validate

from .conftest import make_table


def _part(code: str, file: str, negative: int) -> Dataset:
    """One province's summary: a snapshot a day, the first ``negative`` with a negative TPS."""
    rows = [
        {"region_code": code, "as_of": dt.date(2024, 11, 15 + day),
         "tps": -1 if day < negative else 400, "tps_khusus": 0}
        for day in range(8)
    ]  # fmt: skip
    return Dataset(name=file, tables={"summary": make_table("summary", rows, file=file)})


def _unreadable(file: str, row: int) -> Finding:
    return Finding(
        rule="value.count", severity="error", message_id="Bukan angka.", message_en="Not a number.",
        file=file, sheet="Ringkasan", row=row, column="tps", value="banyak",
    )  # fmt: skip


def test_the_result_says_ok_and_counts_every_row_it_folds() -> None:
    validation = validate(_part("64.03", "berau.xlsx", negative=6), max_per_rule=2)
    assert not validation.ok
    assert validation.errors == validation.counts["error"] == 6
    assert [f.count for f in validation.findings if f.rule == "schema.range"] == [1, 1, 4]
    assert validation.invalid_rows.height == 6
    assert validation.unlisted == {"schema.range": frozenset({"berau.xlsx"})}
    assert validation.invalid_rows.equals(invalid_rows(_part("64.03", "berau.xlsx", negative=6)))
    clean = validate(_part("64.03", "berau.xlsx", negative=0))
    assert clean.ok
    assert clean.counts == {"error": 0, "warning": 0, "info": 0}


def test_the_result_cannot_be_changed() -> None:
    validation = validate(Dataset(name="empty"))
    with pytest.raises(AttributeError):
        validation.findings = ()  # type: ignore[misc]
    assert isinstance(validation.findings, tuple)


@pytest.mark.parametrize("limit", [None, 2, 4])
def test_merging_two_partitions_equals_validating_them_together(limit: int | None) -> None:
    first = _part("64.03", "province=64/ringkasan.xlsx", negative=3)
    second = _part("65.01", "province=65/ringkasan.xlsx", negative=5)
    second.findings.append(_unreadable("province=65/ringkasan.xlsx", 4))
    whole = Dataset(
        name="whole",
        tables={"summary": pl.concat([first.tables["summary"], second.tables["summary"]])},
        findings=list(second.findings),
    )
    merged = Validation.merge(
        [validate(first, max_per_rule=limit), validate(second, max_per_rule=limit)]
    )
    expected = validate(whole, max_per_rule=limit)
    assert [repr(f) for f in merged.findings] == [repr(f) for f in expected.findings]
    assert merged.counts == expected.counts
    assert merged.ok is expected.ok is False
    assert_frame_equal(
        merged.invalid_rows.sort("table", "_index", "rule"),
        expected.invalid_rows.sort("table", "_index", "rule"),
    )
    assert merged.unlisted == expected.unlisted
    assert merged.table_rows == expected.table_rows
    assert [id(f) for f in merged.reading] == [id(f) for f in second.findings]


def test_parts_listing_different_numbers_of_rows_do_not_merge() -> None:
    part = _part("64.03", "berau.xlsx", negative=1)
    with pytest.raises(ValueError, match="max_per_rule"):
        Validation.merge([validate(part, max_per_rule=2), validate(part, max_per_rule=None)])
    with pytest.raises(ValueError, match="at least one"):
        Validation.merge([])
