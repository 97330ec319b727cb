"""Settings and shared fixtures for the whole test suite.

Property tests run without Hypothesis's per-example deadline: a wall-clock limit fails on a
busy machine, not on a wrong result (speed is measured by the benchmark, never in tests).

The checked-in datasets (the default dataset and the examples under ``data/examples``) are
read once per test process: :func:`read_default_dataset` gives the tests that check what a
read gives their own copy of that read, and every call of ``readiness.ingest.load_dataset`` on
those folders from the library (the commands, the pipeline, the sitrep) gets one too
(:class:`SharedReads`), read again whenever a file of the folder changed. Commands run as a
user runs them; only the parsing of the same unchanged workbooks is not repeated.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from readiness.ingest import Dataset
    from readiness.pipeline import FileStamp

ROOT = Path(__file__).resolve().parents[1]
CHECKED_IN = (ROOT / "data" / "raw" / "kaltim-2024", ROOT / "data" / "examples")
"""Dataset folders of the checkout, which no test writes to."""

settings.register_profile("readiness", deadline=None)
settings.load_profile("readiness")

LONGEST_FIRST = (
    "tests/reports/test_reports.py",
    "tests/render/test_quarto_real.py",
    "tests/validation/test_build_kill.py",
    "tests/present/test_map.py",
    "tests/indicators/test_properties.py",
    "tests/batch/test_by_province.py",
    "tests/reports/test_sitrep_pdf.py",
    "tests/render/test_quarto_fake.py",
    "tests/reports/test_report_exit.py",
    "tests/reports/test_profile_facts_pdf.py",
    "tests/pipeline/test_run.py",
    "tests/reports/test_notebook.py",
    "tests/present/test_sitrep.py",
    "tests/indicators/test_cli.py",
)
"""The modules that take longest (``--durations``), run first; the others keep their order.

On worker processes (``make pytest``: ``-n 2 --dist loadfile --no-loadscope-reorder``) each
module goes whole to the next free worker in this order, so the run ends on short modules
instead of leaving one worker alone with a long one."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the modules of :data:`LONGEST_FIRST` first, in its order (a stable sort)."""
    rank = {name: position for position, name in enumerate(LONGEST_FIRST)}

    def position(item: pytest.Item) -> int:
        return rank.get(item.nodeid.split("::")[0], len(rank))

    items.sort(key=position)


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


def _fresh(read: Dataset) -> Dataset:
    """A :class:`Dataset` of its own (its own table mapping and lists) over the same polars
    frames, which are immutable: a test that changes its dataset changes no other test's."""
    return dataclasses.replace(
        read, tables=dict(read.tables), findings=list(read.findings), files=list(read.files)
    )


class SharedReads:
    """``load_dataset`` that reads each checked-in dataset folder once per test process.

    A call naming a folder inside :data:`CHECKED_IN` (spelled as before, with no other
    option than ``columns``, which a folder of raw files is read whole for once they are
    checked) gets a fresh copy of the first read of it, as long as none of its files was
    written, added or removed since (:func:`readiness.pipeline.dataset_stamp`); any other
    call reads as ``load_dataset`` does.
    """

    def __init__(self, load: Callable[..., Dataset]) -> None:
        self.load = load
        self.reads: dict[str, tuple[FileStamp, Dataset]] = {}
        functools.update_wrapper(self, load)  # its name, docstring and signature

    def __call__(self, path: str | os.PathLike[str], **options: Any) -> Dataset:
        from readiness.ingest._load import _check_arguments
        from readiness.pipeline import dataset_stamp

        given = {key: value for key, value in options.items() if value is not None}
        resolved = Path(path).resolve()
        columns = given.pop("columns", None)
        raw_folder = resolved.is_dir() and not (resolved / "manifest.json").is_file()
        checked_in = any(resolved.is_relative_to(folder) for folder in CHECKED_IN)
        if given or not checked_in or (columns is not None and not raw_folder):
            return self.load(path, **options)
        _check_arguments(resolved, None, columns)
        key = os.fspath(path)
        stamp = dataset_stamp(resolved)
        kept = self.reads.get(key)
        if kept is None or kept[0] != stamp:
            kept = (stamp, self.load(path))
            self.reads[key] = kept
        return _fresh(kept[1])


@pytest.fixture(scope="session", autouse=True)
def shared_reads() -> Iterator[SharedReads]:
    """Every ``readiness.ingest.load_dataset`` of a checked-in dataset in this test process
    shares one read (see :class:`SharedReads`)."""
    import readiness.ingest

    shared = SharedReads(readiness.ingest.load_dataset)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(readiness.ingest, "load_dataset", shared)
        yield shared


@pytest.fixture(scope="session")
def read_default_dataset(shared_reads: SharedReads) -> Callable[[], Dataset]:
    """``load_dataset`` of the default dataset's raw folder, read once per test process.

    Each call gives a :class:`Dataset` of its own (its own table mapping and lists) over the
    same polars frames, which are immutable: a test that changes its dataset changes no
    other test's. Tests skip when the default dataset is not there.
    """
    from readiness import config

    path = config.raw_dir() / config.DEFAULT_DATASET
    if not path.exists():
        pytest.skip("the default dataset is not built")
    shared_reads(path)

    def fresh() -> Dataset:
        return shared_reads(path)

    return fresh
