"""Where the project keeps its files, in one place.

Every path can be overridden by an environment variable, so tests and reports can point the
library at other folders without touching code.

>>> from readiness import config
>>> config.raw_dir().name
'raw'
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "DEFAULT_DATASET",
    "cache_dir",
    "data_dir",
    "default_dataset",
    "output_dir",
    "processed_dir",
    "project_root",
    "raw_dir",
    "reports_dir",
]

DEFAULT_DATASET = "kaltim-2024"


def _from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


def project_root() -> Path:
    """The project checkout (``READINESS_ROOT``), else the folder holding ``src/``."""
    return _from_env("READINESS_ROOT", Path(__file__).resolve().parents[2])


def data_dir() -> Path:
    """``READINESS_DATA_DIR``, else ``<root>/data``."""
    return _from_env("READINESS_DATA_DIR", project_root() / "data")


def raw_dir() -> Path:
    """Immutable inputs: ``READINESS_RAW_DIR``, else ``<data>/raw``."""
    return _from_env("READINESS_RAW_DIR", data_dir() / "raw")


def default_dataset() -> Path:
    """The dataset used when none is named: ``<raw>/kaltim-2024``."""
    return raw_dir() / DEFAULT_DATASET


def processed_dir() -> Path:
    """Rebuilt outputs: ``READINESS_PROCESSED_DIR``, else ``<data>/processed``."""
    return _from_env("READINESS_PROCESSED_DIR", data_dir() / "processed")


def reports_dir() -> Path:
    """The Quarto sources: ``READINESS_REPORTS_DIR``, else ``<root>/reports``."""
    return _from_env("READINESS_REPORTS_DIR", project_root() / "reports")


def output_dir() -> Path:
    """Rendered documents: ``READINESS_OUTPUT_DIR``, else ``<reports>/_output``."""
    return _from_env("READINESS_OUTPUT_DIR", reports_dir() / "_output")


def cache_dir() -> Path:
    """What can be made again but costs time to make (the charts' inlined scripts):
    ``READINESS_CACHE_DIR``, else ``$XDG_CACHE_HOME/readiness``, else ``~/.cache/readiness``."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    default = Path(xdg) if xdg else Path.home() / ".cache"
    return _from_env("READINESS_CACHE_DIR", default / "readiness")
