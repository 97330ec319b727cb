"""Normalisers: bounds, monotonicity, direction, null handling, zero range."""

from __future__ import annotations

import itertools
import math

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from readiness.compare import goalposts, minmax

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
values = st.lists(st.one_of(st.none(), finite), min_size=1, max_size=30)


def _apply(expr_of: object, data: list[float | None]) -> list[float | None]:
    frame = pl.DataFrame({"v": data}, schema={"v": pl.Float64})
    return frame.select(expr_of(pl.col("v"))).to_series().to_list()  # type: ignore[operator]


@given(values, st.sampled_from(["higher", "lower"]))
def test_minmax_bounds_nulls_and_order(data: list[float | None], direction: str) -> None:
    scores = _apply(lambda v: minmax(v, direction), data)  # type: ignore[arg-type]
    for value, score in zip(data, scores, strict=True):
        if value is None:
            assert score is None
        else:
            assert score is not None
            assert 0.0 <= score <= 1.0
            assert not math.isnan(score)
    pairs = [(v, s) for v, s in zip(data, scores, strict=True) if v is not None]
    for (a, sa), (b, sb) in itertools.pairwise(pairs):
        assert s_ok(a, b, sa, sb, direction)


def s_ok(a: float, b: float, sa: float | None, sb: float | None, direction: str) -> bool:
    assert sa is not None
    assert sb is not None
    if a == b:
        return sa == sb
    better_a = a > b if direction == "higher" else a < b
    return sa >= sb if better_a else sa <= sb


@given(values)
def test_minmax_direction_mirrors(data: list[float | None]) -> None:
    up = _apply(lambda v: minmax(v, "higher"), data)
    down = _apply(lambda v: minmax(v, "lower"), data)
    present = [v for v in data if v is not None]
    spread = max(present) - min(present) if present else 0.0
    if present and spread > 1e-9 * max(1.0, abs(max(present)), abs(min(present))):
        for a, b in zip(up, down, strict=True):
            if a is not None and b is not None:
                assert abs(a + b - 1.0) < 1e-9


@given(st.lists(finite, min_size=1, max_size=5).map(lambda xs: [xs[0]] * len(xs)))
def test_minmax_zero_range_does_not_divide_by_zero(data: list[float]) -> None:
    assert _apply(lambda v: minmax(v, "higher"), data) == [1.0] * len(data)  # type: ignore[arg-type]


@given(values, finite, finite, st.sampled_from(["higher", "lower", "target"]))
def test_goalposts_bounds_and_monotonicity(
    data: list[float | None], ready: float, critical: float, direction: str
) -> None:
    if direction == "higher":
        ready, critical = max(ready, critical), min(ready, critical)
    else:
        ready, critical = min(abs(ready), abs(critical)), max(abs(ready), abs(critical))
    scores = _apply(lambda v: goalposts(v, direction, ready, critical, 0.0), data)  # type: ignore[arg-type]
    for value, score in zip(data, scores, strict=True):
        if value is None:
            assert score is None
            continue
        assert score is not None
        assert 0.0 <= score <= 1.0
        if direction == "higher" and value >= ready:
            assert score == 1.0
        if direction == "lower" and value <= ready:
            assert score == 1.0
        if direction == "lower" and value > critical:
            assert score == 0.0
    if direction in ("higher", "lower"):
        pairs = sorted((v, s) for v, s in zip(data, scores, strict=True) if v is not None)
        for (_, sa), (_, sb) in itertools.pairwise(pairs):
            assert sa is not None
            assert sb is not None
            assert (sb >= sa) if direction == "higher" else (sb <= sa)
