"""Settings and shared fixtures for the whole test suite.

Property tests run without Hypothesis's per-example deadline: a wall-clock limit fails on a
busy machine, not on a wrong result (speed is measured by the benchmark, never in tests).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

settings.register_profile("readiness", deadline=None)
settings.load_profile("readiness")


@pytest.fixture(scope="session")
def script() -> ModuleType:
    """``scripts/make_default_dataset.py`` as a module: the fact file's loader and the
    default dataset's builder, as the tests compare against them."""
    path = Path(__file__).resolve().parents[1] / "scripts" / "make_default_dataset.py"
    spec = importlib.util.spec_from_file_location("make_default_dataset", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
