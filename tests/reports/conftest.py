"""Rendered documents shared by the report tests (each rendering runs once per session).

They test the built-in engine, whether or not a Quarto CLI is installed; the Quarto engine
has its own tests in ``tests/render``."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from readiness import config
from readiness.render import RenderResult, render_report

FIXTURE = Path(__file__).parent / "fixture"


@pytest.fixture(scope="session")
def default_render(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    """Every document of the default dataset in every format, as ``make report`` does."""
    out = tmp_path_factory.mktemp("default")
    return render_report(
        config.raw_dir() / config.DEFAULT_DATASET, formats="html,pdf,docx", output_dir=out,
        progress=io.StringIO(), engine="builtin",
    )  # fmt: skip


@pytest.fixture(scope="session")
def fixture_profile(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    """The small fixture's Berau profile in every format (hostile notes inside)."""
    out = tmp_path_factory.mktemp("fixture")
    return render_report(
        FIXTURE, region="64.03", output_dir=out, progress=io.StringIO(), engine="builtin"
    )


@pytest.fixture(scope="session")
def fixture_briefing_en(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    """The small fixture's provincial briefing in English, HTML and PDF, written to a folder
    given relative to the working directory."""
    base = tmp_path_factory.mktemp("fixture-en")
    before = Path.cwd()
    os.chdir(base)
    try:
        return render_report(
            FIXTURE, region="64", formats="html,pdf", lang="en", output_dir="out",
            progress=io.StringIO(), engine="builtin",
        )  # fmt: skip
    finally:
        os.chdir(before)
