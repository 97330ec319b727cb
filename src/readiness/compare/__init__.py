"""Comparison of regencies: ranks, statuses, a composite readiness score and its stability.

>>> from readiness.compare import load_compare_config
>>> load_compare_config().weights["logistics_completion_kecamatan"]
3.0
"""

from readiness.compare._compare import (
    Comparison,
    compare_regencies,
    not_ranked_reason,
    shown_coverage,
)
from readiness.compare._config import (
    NORMALISATIONS,
    CompareConfig,
    CompareConfigError,
    Normalisation,
    load_compare_config,
)
from readiness.compare._normalise import goalposts, minmax, oriented

__all__ = [
    "NORMALISATIONS",
    "CompareConfig",
    "CompareConfigError",
    "Comparison",
    "Normalisation",
    "compare_regencies",
    "goalposts",
    "load_compare_config",
    "minmax",
    "not_ranked_reason",
    "oriented",
    "shown_coverage",
]
