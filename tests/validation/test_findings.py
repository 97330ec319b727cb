"""Findings as a whole: order, exact counts whatever the display limit, provenance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.contract import count_by_severity
from readiness.ingest import Dataset
from readiness.validation import findings_frame, validate

TableFactory = Callable[..., pl.DataFrame]
AS_OF = dt.date(2024, 11, 25)


def test_findings_are_sorted_by_file_sheet_and_row(table: TableFactory) -> None:
    paser = table("personnel", [{"region_code": "64.01", "agency": "tni", "role": "security",
                                 "count": -1}], file="64.01-paser.xlsx")  # fmt: skip
    berau = table(
        "polling_stations",
        [{"region_code": "64.03.01", "tps": t} for t in (5, -1, 7, -2)],
        file="64.03-berau.xlsx",
    )
    berau_personnel = table("personnel", [{"region_code": "64.03", "agency": "polri",
                                           "role": "security", "count": -5}],
                            file="64.03-berau.xlsx")  # fmt: skip
    dataset = Dataset(
        name="kaltim",
        tables={
            "polling_stations": berau,
            "personnel": pl.concat([berau_personnel, paser]),
        },
    )
    findings = validate(dataset)
    assert [(f.file, f.sheet, f.row) for f in findings if f.rule == "schema.range"] == [
        ("64.01-paser.xlsx", "Personel", 2),
        ("64.03-berau.xlsx", "Personel", 2),
        ("64.03-berau.xlsx", "TPS", 3),
        ("64.03-berau.xlsx", "TPS", 5),
    ]


@settings(max_examples=25, deadline=None)
@given(
    counts=st.lists(st.one_of(st.none(), st.integers(-50, 50)), min_size=1, max_size=60),
    limit=st.one_of(st.none(), st.integers(1, 10)),
)
def test_counts_are_exact_whatever_the_display_limit(
    counts: list[int | None], limit: int | None
) -> None:
    frame = pl.DataFrame(
        {
            "region_code": [f"64.03.{i % 13 + 1:02d}" for i in range(len(counts))],
            "tps_number": list(range(1, len(counts) + 1)),
            "tps": counts,
            "as_of": [AS_OF] * len(counts),
            "_file": ["berau.xlsx"] * len(counts),
            "_sheet": ["TPS"] * len(counts),
            "_row": list(range(2, len(counts) + 2)),
        },
        schema_overrides={"tps": pl.Int64},
    )
    findings = validate(Dataset(name="t", tables={"polling_stations": frame}), max_per_rule=limit)
    ranges = [f for f in findings if f.rule == "schema.range"]
    negatives = sum(1 for c in counts if c is not None and c < 0)
    assert count_by_severity(ranges)["error"] == negatives
    shown = [f for f in ranges if f.count == 1]
    folded = limit is not None and negatives > limit + 1  # one more is shown, not folded
    assert len(shown) == (limit if folded else negatives)
    assert all(f.count >= 2 for f in ranges if f not in shown)
    assert [f.row for f in shown] == sorted(f.row for f in shown if f.row is not None)
    assert all(f.value is not None and int(f.value) < 0 for f in shown)


def test_findings_frame_in_english(table: TableFactory) -> None:
    frame = table("personnel", [{"region_code": "64.03", "agency": "polri", "role": "security",
                                 "count": -5}])  # fmt: skip
    findings = validate(Dataset(name="t", tables={"personnel": frame}))
    rows = findings_frame(findings, "en").select("rule", "row", "column", "message").rows()
    assert rows == [("schema.range", 2, "Count", "Count must not be negative; got -5.")]
