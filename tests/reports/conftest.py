"""Rendered documents shared by the report tests (each rendering runs once per session).

They test the built-in engine, whether or not a Quarto CLI is installed; the Quarto engine
has its own tests in ``tests/render``.

When the suite runs on several worker processes (``make pytest``: ``pytest -n 2``), the
first worker to need a document set renders it into the run's shared temporary folder,
holding a lock, and the others wait for it and read the same files: each set is rendered
once per run, not once per worker.
"""

from __future__ import annotations

import fcntl
import io
import os
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from readiness import config
from readiness.render import RenderResult, render_report

FIXTURE = Path(__file__).parent / "fixture"


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _once(
    factory: pytest.TempPathFactory, name: str, render: Callable[[Path], RenderResult]
) -> RenderResult:
    """``render`` into a new folder, once per test run even across worker processes."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return render(factory.mktemp(name))
    shared = factory.getbasetemp().parent  # one per run, shared by its workers
    saved = shared / f"{name}.pickle"
    with _locked(shared / f"{name}.lock"):
        if saved.exists():
            result: RenderResult = pickle.loads(saved.read_bytes())
            return result
        folder = shared / name
        folder.mkdir()
        result = render(folder)
        saved.write_bytes(pickle.dumps(result))
        return result


@pytest.fixture(scope="session")
def default_render(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    """Every document of the default dataset in every format, as ``make report`` does."""
    return _once(
        tmp_path_factory, "default",
        lambda out: render_report(
            config.raw_dir() / config.DEFAULT_DATASET, formats="html,pdf,docx", output_dir=out,
            progress=io.StringIO(), engine="builtin",
        ),
    )  # fmt: skip


@pytest.fixture(scope="session")
def fixture_profile(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    """The small fixture's Berau profile in every format (hostile notes inside)."""
    return _once(
        tmp_path_factory, "fixture",
        lambda out: render_report(
            FIXTURE, region="64.03", output_dir=out, progress=io.StringIO(), engine="builtin"
        ),
    )  # fmt: skip


def _briefing_en(base: Path) -> RenderResult:
    before = Path.cwd()
    os.chdir(base)
    try:
        return render_report(
            FIXTURE, region="64", formats="html,pdf", lang="en", output_dir="out",
            progress=io.StringIO(), engine="builtin",
        )  # fmt: skip
    finally:
        os.chdir(before)


@pytest.fixture(scope="session")
def fixture_briefing_en(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    """The small fixture's provincial briefing in English, HTML and PDF, written to a folder
    given relative to the working directory."""
    return _once(tmp_path_factory, "fixture-en", _briefing_en)
