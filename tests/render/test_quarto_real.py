"""Against a real Quarto CLI: run when ``QUARTO_PATH`` names one, skipped otherwise.

One regency profile through ``readiness report`` in all three formats, and one document
rendered the way a user would, ``quarto render kabupaten.qmd -P region:33.10``, for a
province whose regency codes end in 0.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from readiness import config
from readiness.render import RenderResult, render_report

QUARTO = os.environ.get("QUARTO_PATH", "")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (QUARTO and Path(QUARTO).is_file()),
        reason="no real Quarto: set QUARTO_PATH to run these",
    ),
]

FIXTURE = Path(__file__).parents[1] / "reports" / "fixture"
JATENG = Path(__file__).parent / "fixture-jateng"
_NETWORK = re.compile(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


_REPORTS_SEEN: dict[str, list[Path]] = {}


@dataclass(frozen=True)
class _Started:
    """A ``quarto render`` running in the background, its output and its stderr."""

    process: subprocess.Popen[bytes]
    output: Path
    stderr: Path


def _listing(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory, klaten_started: _Started) -> RenderResult:
    """Berau's profile from the small fixture, rendered by Quarto in every format (while
    the Klaten document renders beside it)."""
    out = tmp_path_factory.mktemp("quarto-profile")
    _REPORTS_SEEN["before"] = _listing(config.reports_dir())
    result = render_report(
        FIXTURE, region="64.03", engine="quarto", output_dir=out, progress=io.StringIO()
    )
    _REPORTS_SEEN["after"] = _listing(config.reports_dir())
    return result


def _file(result: RenderResult, suffix: str) -> Path:
    return next(p for p in result.files if p.suffix == suffix)


def _pdf_text(path: Path) -> str:
    """The words of every page, one space between them (Typst sets non-breaking spaces)."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_quarto_writes_the_three_files_and_leaves_nothing_else(profile: RenderResult) -> None:
    assert profile.engine == "quarto"
    folder = profile.files[0].parent
    assert sorted(p.name for p in folder.iterdir()) == [
        "kabupaten-64.03.docx", "kabupaten-64.03.html", "kabupaten-64.03.pdf",
    ]  # fmt: skip
    assert _REPORTS_SEEN["after"] == _REPORTS_SEEN["before"]  # no .quarto/, *_files/, *.html


def test_html_loads_nothing_from_the_network(profile: RenderResult) -> None:
    html = _file(profile, ".html").read_text(encoding="utf-8")
    assert _NETWORK.findall(html) == []
    assert "vegaEmbed(" in html  # the interactive charts, with their scripts inlined
    assert "Kabupaten Berau" in html


def test_pdf_has_captions_and_tables_that_do_not_run_together(profile: RenderResult) -> None:
    text = _pdf_text(_file(profile, ".pdf"))
    assert "Profil Kesiapan Pilkada — Kabupaten Berau" in text  # the parameters were honoured
    assert "Gambar 1: Kecamatan yang logistiknya sudah di PPK" in text
    assert "Indikator Nilai Norma Status Provinsi Peringkat Cakupan" in text
    assert "ProvinsiPeringkat" not in text
    assert "echo:" not in text  # no front matter or code printed as text
    assert "b.heading(" not in text


def test_docx_has_png_charts_with_captions(profile: RenderResult) -> None:
    with zipfile.ZipFile(_file(profile, ".docx")) as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        body = docx.read("word/document.xml").decode("utf-8")
    assert media
    assert all(n.endswith(".png") for n in media)
    assert "Kecamatan yang logistiknya sudah di PPK" in body
    assert "ImageCaption" in body


@pytest.fixture(scope="module")
def klaten_started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Started]:
    """``quarto render kabupaten.qmd -P region:33.10`` on two Jawa Tengah regencies, in
    English, from a copy of the documents (so the checkout stays untouched), started in the
    background: Quarto waits on its kernel and its tools much of the time, so the other
    render of this module runs beside it."""
    base = tmp_path_factory.mktemp("quarto-direct")
    dataset = JATENG.resolve()
    reports = base / "reports"
    reports.mkdir()
    for name in ("kabupaten.qmd", "_quarto.yml"):
        shutil.copy(config.reports_dir() / name, reports / name)
    resources = Path(__file__).parents[2] / "src" / "readiness" / "render" / "resources"
    shutil.copytree(resources, base / "src" / "readiness" / "render" / "resources")
    env = {**os.environ, "QUARTO_PYTHON": sys.executable}
    args = [
        QUARTO, "render", "kabupaten.qmd", "--to", "html", "-P", "region:33.10",
        "-P", f"dataset:{dataset}", "-P", "lang:en", "-M", "lang:en",
    ]  # fmt: skip
    stderr = base / "quarto-stderr.txt"
    with stderr.open("wb") as errors:
        process = subprocess.Popen(
            args, cwd=reports, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
    try:
        yield _Started(process, reports / "_output" / "kabupaten.html", stderr)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


@pytest.fixture(scope="module")
def klaten(klaten_started: _Started) -> Path:
    """The Klaten document, once its ``quarto render`` has ended without error."""
    code = klaten_started.process.wait(timeout=600)
    assert code == 0, klaten_started.stderr.read_text(encoding="utf-8", errors="replace")[-3000:]
    return klaten_started.output


def test_a_code_ending_in_zero_renders_its_own_regency(klaten: Path) -> None:
    html = klaten.read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]*Kabupaten Klaten</title>", html)


def test_quarto_executing_the_document_itself_stays_offline(klaten: Path) -> None:
    html = klaten.read_text(encoding="utf-8")
    assert _NETWORK.findall(html) == []
    assert "<svg" in html or "data:image/svg+xml" in html  # charts as images
    assert 'class="figure-caption"' in html
    assert "Table of contents" in html  # Quarto's own labels in the document's language
