"""readiness: election-readiness reports from Indonesian regencies, validated and compared.

The package is layered; data flows one way::

    regions → contract → ingest → validation → indicators → batch → compare → pipeline →
    present → render → cli

Importing ``readiness`` is light: the functions below load their layer on first use.

>>> import readiness
>>> readiness.regions.get_region("64.03").name
'Kabupaten Berau'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from readiness import config, contract
from readiness.contract import CONTRACT_VERSION

if TYPE_CHECKING:
    from readiness import regions
    from readiness.compare import compare_regencies
    from readiness.indicators import compute_indicators
    from readiness.ingest import Dataset, load_dataset, write_template
    from readiness.pipeline import build_dataset
    from readiness.render import render_report
    from readiness.validation import validate

__version__ = "0.1.0"
"""The package's version: its one home (``pyproject.toml`` reads it from here)."""


_LAZY = {
    "Dataset": "readiness.ingest",
    "load_dataset": "readiness.ingest",
    "write_template": "readiness.ingest",
    "validate": "readiness.validation",
    "build_dataset": "readiness.pipeline",
    "compute_indicators": "readiness.indicators",
    "compare_regencies": "readiness.compare",
    "render_report": "readiness.render",
}

__all__ = [
    "CONTRACT_VERSION",
    "Dataset",
    "__version__",
    "build_dataset",
    "compare_regencies",
    "compute_indicators",
    "config",
    "contract",
    "load_dataset",
    "regions",
    "render_report",
    "validate",
    "write_template",
]


def __getattr__(name: str) -> Any:
    if name == "regions":  # a subpackage: loaded (with polars) on first use
        return import_module("readiness.regions")
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'readiness' has no attribute {name!r}")
