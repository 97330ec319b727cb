"""Properties of the roll-up: bounds, monotonicity, null handling."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.contract import polars_schema
from readiness.indicators import compute_indicators
from readiness.ingest import Dataset
from readiness.regions import children

REGENCIES = children("64")["code"].to_list()
DAY = dt.date(2024, 11, 25)

maybe_count = st.one_of(st.none(), st.integers(min_value=0, max_value=5_000))
regency_inputs = st.lists(
    st.tuples(maybe_count, maybe_count), min_size=len(REGENCIES), max_size=len(REGENCIES)
)


def _province(pairs: list[tuple[int | None, int | None]]) -> dict[str, object]:
    voters = [None if v is None else v * 100 for v, _ in pairs]
    summary = pl.DataFrame(
        {"region_code": REGENCIES, "as_of": [DAY] * len(REGENCIES), "voters": voters,
         "tps": [t for _, t in pairs]},
    ).cast({k: v for k, v in polars_schema("summary").items() if k in ("voters", "tps")})  # fmt: skip
    out = compute_indicators(
        Dataset("p", tables={"summary": summary}), level="provinsi", indicators=["voters_per_tps"]
    )
    return out.row(0, named=True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regency_inputs)
def test_province_value_is_ratio_of_sums_over_complete_regencies(
    pairs: list[tuple[int | None, int | None]],
) -> None:
    result = _province(pairs)
    complete = [(v * 100, t) for v, t in pairs if v is not None and t]
    if complete:
        expected = sum(v for v, _ in complete) / sum(t for _, t in complete)
        assert abs(result["value"] - expected) < 1e-9 * max(1.0, expected)
    else:
        assert result["value"] is None  # nothing complete: unknown, never 0
        assert result["status"] is None
    reported = sum((v is not None) + (t is not None) for v, t in pairs) / 2
    assert abs(result["coverage"] - reported / len(REGENCIES)) < 1e-12
    assert 0.0 <= result["coverage"] <= 1.0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    regency_inputs,
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=1, max_value=10_000),
)
def test_more_voters_never_lowers_voters_per_tps(
    pairs: list[tuple[int | None, int | None]], index: int, extra: int
) -> None:
    voters, tps = pairs[index]
    if voters is None or not tps:
        pairs[index] = (0 if voters is None else voters, tps or 1)
    before = _province(pairs)["value"]
    voters, tps = pairs[index]
    assert voters is not None
    pairs[index] = (voters + extra, tps)
    after = _province(pairs)["value"]
    assert before is not None
    assert after is not None
    assert after >= before
