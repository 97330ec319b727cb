"""Normalisers: pure polars expressions mapping an indicator onto [0, 1], 1 = best.

Both honour the indicator's direction and never divide by zero: a zero range (every value
equal, or ``ready`` equal to ``critical`` up to rounding) gives a step instead of a ratio.
"""

from __future__ import annotations

import polars as pl

from readiness.indicators import Direction

__all__ = ["goalposts", "minmax", "oriented"]


def oriented(value: pl.Expr, direction: Direction, norm: float | None = None) -> pl.Expr:
    """The value turned so that larger is better (``target``: minus the distance to the norm).

    >>> pl.select(oriented(pl.lit(650.0), "lower")).item()
    -650.0
    """
    if direction == "higher":
        return value
    if direction == "lower":
        return -value
    return -(value - (norm if norm is not None else 0.0)).abs()


def minmax(value: pl.Expr, direction: Direction, norm: float | None = None) -> pl.Expr:
    """Relative score: worst of the compared values → 0, best → 1; all equal → 1; null stays null.

    >>> frame = pl.DataFrame({"v": [2.0, 4.0, None, 3.0]})
    >>> frame.select(minmax(pl.col("v"), "lower")).to_series().to_list()
    [1.0, 0.0, None, 0.5]
    >>> pl.DataFrame({"v": [5.0, 5.0]}).select(minmax(pl.col("v"), "higher")).to_series().to_list()
    [1.0, 1.0]
    """
    turned = oriented(value, direction, norm)
    low, high = turned.min(), turned.max()
    return (
        pl.when(turned.is_null())
        .then(None)
        .when((high - low) <= 1e-12 * pl.max_horizontal(pl.lit(1.0), high.abs(), low.abs()))
        .then(1.0)
        .otherwise(((turned - low) / (high - low)).clip(0.0, 1.0).fill_nan(1.0))
    )


def goalposts(
    value: pl.Expr,
    direction: Direction,
    ready: float,
    critical: float,
    norm: float | None = None,
) -> pl.Expr:
    """Absolute score: at the critical bound 0, at the ready bound 1, linear between, clipped.

    For ``target`` the bounds are tolerances on the distance to the norm.

    >>> frame = pl.DataFrame({"v": [0.7, 0.8, 0.9, 1.0, None]})
    >>> frame.select(goalposts(pl.col("v"), "higher", 1.0, 0.8)).to_series().round(3).to_list()
    [0.0, 0.0, 0.5, 1.0, None]
    >>> frame.select(goalposts(pl.col("v"), "lower", 0.8, 0.8)).to_series().to_list()
    [1.0, 1.0, 0.0, 0.0, None]
    """
    if direction == "higher":
        gain, span, meets = value - critical, ready - critical, value >= ready
    elif direction == "lower":
        gain, span, meets = critical - value, critical - ready, value <= ready
    else:
        distance = (value - (norm if norm is not None else 0.0)).abs()
        gain, span, meets = critical - distance, critical - ready, distance <= ready
    if abs(span) <= 1e-12 * max(1.0, abs(ready), abs(critical)):
        return pl.when(value.is_null()).then(None).otherwise(meets.cast(pl.Float64))
    return (
        pl.when(value.is_null())
        .then(None)
        .when(meets)
        .then(1.0)
        .otherwise((gain / span).clip(0.0, 1.0).fill_nan(0.0))
    )
