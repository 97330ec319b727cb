"""Indicators: one registry, norms as data, roll-ups with coverage.

>>> from readiness.indicators import load_registry
>>> load_registry()["logistics_completion_kecamatan"].unit
'share'
"""

from readiness.indicators._breakdowns import logistics_by_item, neutrality_breakdown
from readiness.indicators._compute import (
    FRESHNESS_STATUSES,
    INDICATOR_SCHEMA,
    LEVEL_DEPTH,
    compute_indicators,
    compute_levels,
)
from readiness.indicators._docs import registry_markdown
from readiness.indicators._errors import IndicatorInputError
from readiness.indicators._formulas import FORMULAS, Aggregation, Formula
from readiness.indicators._formulas_stations import AGENCY_SCOPED
from readiness.indicators._inputs import input_columns, resolve_election
from readiness.indicators._registry import (
    LEVELS,
    IndicatorSpec,
    Level,
    Registry,
    RegistryError,
    load_registry,
)
from readiness.indicators._status import (
    DIRECTIONS,
    STATUSES,
    Direction,
    Status,
    Thresholds,
    status_expr,
)

__all__ = [
    "AGENCY_SCOPED",
    "DIRECTIONS",
    "FORMULAS",
    "FRESHNESS_STATUSES",
    "INDICATOR_SCHEMA",
    "LEVELS",
    "LEVEL_DEPTH",
    "STATUSES",
    "Aggregation",
    "Direction",
    "Formula",
    "IndicatorInputError",
    "IndicatorSpec",
    "Level",
    "Registry",
    "RegistryError",
    "Status",
    "Thresholds",
    "compute_indicators",
    "compute_levels",
    "input_columns",
    "load_registry",
    "logistics_by_item",
    "neutrality_breakdown",
    "registry_markdown",
    "resolve_election",
    "status_expr",
]
