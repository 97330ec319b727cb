"""Readiness status (siap / perlu perhatian / kritis) from thresholds and a direction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

import polars as pl

from readiness.contract import STATUSES, Status

__all__ = [
    "DIRECTIONS",
    "STATUSES",
    "Direction",
    "Status",
    "Thresholds",
    "status_expr",
]

Direction = Literal["higher", "lower", "target", "none"]
DIRECTIONS: tuple[Direction, ...] = get_args(Direction)
"""How a value is judged: more is better, less is better, closest to the norm, or ``none``
(descriptive: the value describes the region and is never given a status, score or rank)."""

_NORM_BOUND = re.compile(r"^norm(?:\s*\*\s*(?P<factor>[0-9.]+))?$")


@dataclass(frozen=True)
class Thresholds:
    """Where ``ready`` ends and ``critical`` starts, as numbers or relative to the norm.

    A bound is a number, ``"norm"`` or ``"norm*F"`` (the norm times a factor). For a
    ``higher`` indicator a value is ready at or above ``ready`` and critical below
    ``critical``; for ``lower`` ready at or below ``ready`` and critical above ``critical``;
    for ``target`` both bounds are tolerances on the distance to the norm. A descriptive
    indicator (direction ``none``) has no thresholds.

    >>> Thresholds(ready="norm", critical="norm*0.5").resolve(7.0)
    (7.0, 3.5)
    >>> Thresholds(ready=1, critical="nrom")
    Traceback (most recent call last):
    ...
    ValueError: threshold 'critical' must be a number, 'norm' or 'norm*F', got 'nrom'. Hint: write e.g. critical: norm*0.8
    """

    ready: float | str
    critical: float | str

    def __post_init__(self) -> None:
        for name in ("ready", "critical"):
            bound = getattr(self, name)
            if isinstance(bound, bool) or not (
                isinstance(bound, int | float)
                or (isinstance(bound, str) and _NORM_BOUND.match(bound.strip()))
            ):
                raise ValueError(
                    f"threshold {name!r} must be a number, 'norm' or 'norm*F', got {bound!r}. "
                    f"Hint: write e.g. {name}: norm*0.8"
                )

    @property
    def uses_norm(self) -> bool:
        """Whether a bound refers to the norm."""
        return isinstance(self.ready, str) or isinstance(self.critical, str)

    def bounds(self, norm: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        """Both bounds as expressions of the norm (null where a bound needs a missing norm)."""
        bounds = []
        for bound in (self.ready, self.critical):
            if isinstance(bound, str):
                match = _NORM_BOUND.match(bound.strip())
                factor = float(match.group("factor") or 1.0) if match else float("nan")
                bounds.append(norm * factor)
            else:
                bounds.append(pl.lit(float(bound), pl.Float64))
        return bounds[0], bounds[1]

    def resolve(self, norm: float | None) -> tuple[float, float] | None:
        """Both bounds as numbers, or None when they need a norm that is missing."""
        bounds = []
        for bound in (self.ready, self.critical):
            if isinstance(bound, str):
                match = _NORM_BOUND.match(bound.strip())
                if match is None or norm is None:
                    return None
                bounds.append(norm * float(match.group("factor") or 1.0))
            else:
                bounds.append(float(bound))
        return bounds[0], bounds[1]


def status_expr(
    value: pl.Expr,
    direction: Direction,
    thresholds: Thresholds | None,
    norm: float | pl.Expr | None,
) -> pl.Expr:
    """A ``status`` expression: ``ready``, ``attention`` or ``critical`` (null without value).

    ``norm`` is a number or an expression (e.g. the ``norm`` column, null where the norm does
    not apply): thresholds that refer to the norm, and ``target`` indicators, give no status
    where the norm is missing; a descriptive indicator (``none``) never gets one. This is the
    one place a status is decided.

    >>> frame = pl.DataFrame({"v": [0.9, 0.85, 0.5, None]})
    >>> frame.select(status_expr(pl.col("v"), "higher", Thresholds(0.9, 0.8), None))["status"].to_list()
    ['ready', 'attention', 'critical', None]
    >>> frame.select(status_expr(pl.col("v"), "lower", Thresholds(0.5, 0.86), None))["status"].to_list()
    ['critical', 'attention', 'ready', None]
    >>> per_row = pl.DataFrame({"v": [650.0, 650.0], "norm": [600.0, None]})
    >>> per_row.select(status_expr(pl.col("v"), "lower", Thresholds("norm", 800), pl.col("norm")))[
    ...     "status"].to_list()
    ['attention', None]
    >>> frame.with_columns(status_expr(pl.col("v"), "none", Thresholds(0.9, 0.8), None))[
    ...     "status"].to_list()
    [None, None, None, None]
    """
    if thresholds is None or direction == "none":
        return pl.lit(None, pl.String).alias("status")
    norm_expr = norm if isinstance(norm, pl.Expr) else pl.lit(norm, pl.Float64)
    ready, critical = thresholds.bounds(norm_expr)
    if direction == "higher":
        is_ready, is_critical = value >= ready, value < critical
    elif direction == "lower":
        is_ready, is_critical = value <= ready, value > critical
    else:
        distance = (value - norm_expr).abs()
        is_ready, is_critical = distance <= ready, distance > critical
    needs_norm = thresholds.uses_norm or direction == "target"
    unknown = value.is_null() | value.is_nan()
    if needs_norm:
        unknown = unknown | norm_expr.is_null()
    return (
        pl.when(unknown)
        .then(pl.lit(None, pl.String))
        .when(is_ready)
        .then(pl.lit("ready"))
        .when(is_critical)
        .then(pl.lit("critical"))
        .otherwise(pl.lit("attention"))
        .alias("status")
    )
