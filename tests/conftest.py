"""Settings and shared fixtures for the whole test suite.

Property tests run without Hypothesis's per-example deadline: a wall-clock limit fails on a
busy machine, not on a wrong result (speed is measured by the benchmark, never in tests).

The default dataset's raw files are read once per test process (:func:`read_default_dataset`)
for the tests that check what a read gives; tests of a command still read it themselves.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from readiness.ingest import Dataset

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


@pytest.fixture(scope="session")
def read_default_dataset() -> Callable[[], Dataset]:
    """``load_dataset`` of the default dataset's raw folder, read once per test process.

    Each call gives a :class:`Dataset` of its own (its own table mapping and lists) over the
    same polars frames, which are immutable: a test that changes its dataset changes no
    other test's. Tests skip when the default dataset is not there.
    """
    from readiness import config
    from readiness.ingest import load_dataset

    path = config.raw_dir() / config.DEFAULT_DATASET
    if not path.exists():
        pytest.skip("the default dataset is not built")
    read = load_dataset(path)

    def fresh() -> Dataset:
        return dataclasses.replace(
            read, tables=dict(read.tables), findings=list(read.findings), files=list(read.files)
        )

    return fresh
