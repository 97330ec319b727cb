"""The briefing documents, rendered for real: every file, the expected figures, offline HTML,
escaped text from the data."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypdf
import pytest

from readiness.regions import children
from readiness.render import RenderResult

pytestmark = pytest.mark.slow

NETWORK = re.compile(
    r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
    r"|@import\s+url\(\s*[\"']?(?:https?:)?//|url\(\s*[\"']?https?://",
    re.I,
)
A4 = (595, 842)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def _docx_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _by_name(result: RenderResult) -> dict[str, Path]:
    return {path.name: path for path in result.files}


def test_default_dataset_gives_33_files_named_by_region(default_render: RenderResult) -> None:
    names = set(_by_name(default_render))
    codes = ["64", *children("64")["code"].to_list()]
    expected = {
        f"{'provinsi' if code == '64' else 'kabupaten'}-{code}.{fmt}"
        for code in codes
        for fmt in ("html", "pdf", "docx")
    }
    assert names == expected
    assert all(path.stat().st_size > 5_000 for path in default_render.files)
    folder = default_render.files[0].parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
    assert default_render.engine.startswith("builtin")


def test_provincial_pdf_names_every_regency_and_berau_475(default_render: RenderResult) -> None:
    text = _pdf_text(_by_name(default_render)["provinsi-64.pdf"])
    flat = " ".join(text.split())
    for name in children("64")["name"].to_list():
        short = name.removeprefix("Kabupaten ").removeprefix("Kota ")
        assert short in flat, short
    assert "475" in flat
    assert "Ringkasan eksekutif" in flat
    assert "Perlu tindakan sekarang" in flat
    assert "6.274" in flat
    assert "angka dari laporan kabupaten/kota bertanggal 13 Juli–25 November 2024" in flat
    # a source line under every table and chart of the provincial briefing
    assert flat.count("Sumber: ") == 19  # 11 tables (page 1 included), 8 charts
    assert "Sumber: laporan 4 kabupaten/kota (Logistik), 14–25 November 2024." in flat


def test_pdfs_are_a4(default_render: RenderResult) -> None:
    for path in default_render.files:
        if path.suffix == ".pdf":
            page = pypdf.PdfReader(path).pages[0]
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4


def test_berau_profile_holds_its_figures_in_every_format(default_render: RenderResult) -> None:
    files = _by_name(default_render)
    pdf = " ".join(_pdf_text(files["kabupaten-64.03.pdf"]).split())
    assert "Kabupaten Berau" in pdf
    assert "84,6 %" in pdf
    assert "4,32" in pdf
    assert "3,34" in pdf
    html = files["kabupaten-64.03.html"].read_text(encoding="utf-8")
    assert "84,6 %" in html
    assert "Sambaliung" in html
    docx = _docx_xml(files["kabupaten-64.03.docx"])
    assert "84,6 %" in docx
    assert "Sambaliung" in docx


def test_no_html_loads_anything_from_the_network(default_render: RenderResult) -> None:
    for path in default_render.files:
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            assert not NETWORK.search(html), path.name
            assert "vegaEmbed(" in html


def test_docx_files_open_as_word_documents(default_render: RenderResult) -> None:
    for path in default_render.files:
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None
                assert "word/document.xml" in archive.namelist()
                assert any(n.startswith("word/media/") and n.endswith(".png")
                           for n in archive.namelist())  # fmt: skip


HOSTILE = "<script>alert(1)</script>"
TYPST_LIKE = "#set page(width: 1cm) *tebal* | pipa @kutip $x$ ]"


def test_script_in_a_kecamatan_note_shows_as_text_in_html(fixture_profile: RenderResult) -> None:
    html = _by_name(fixture_profile)["kabupaten-64.03.html"].read_text(encoding="utf-8")
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "#set page(width: 1cm) *tebal* | pipa @kutip $x$ ]" in html


def test_hostile_notes_do_not_break_pdf_or_docx(fixture_profile: RenderResult) -> None:
    files = _by_name(fixture_profile)
    pdf = "".join(_pdf_text(files["kabupaten-64.03.pdf"]).split())
    assert "".join(HOSTILE.split()) in pdf
    assert "".join(TYPST_LIKE.split()) in pdf
    page = pypdf.PdfReader(files["kabupaten-64.03.pdf"]).pages[0]
    assert round(float(page.mediabox.width)) == A4[0]
    docx = _docx_xml(files["kabupaten-64.03.docx"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in docx
    assert "<script>" not in docx


def test_fixture_briefing_in_english(fixture_briefing_en: RenderResult) -> None:
    files = _by_name(fixture_briefing_en)
    assert set(files) == {"provinsi-64.html", "provinsi-64.pdf"}
    text = " ".join(_pdf_text(files["provinsi-64.pdf"]).split())
    assert "Executive summary" in text
    assert "Needs action now" in text
    assert "752 polling stations" in text
    assert "Kutai Barat" in text
    html = files["provinsi-64.html"].read_text(encoding="utf-8")
    assert 'lang="en"' in html
    assert "Polres + Brimob + Linmas &lt;b&gt;BKO&lt;/b&gt;" in html


def test_fixture_briefing_pages_are_numbered_and_requests_open_page_two(
    fixture_briefing_en: RenderResult,
) -> None:
    """The decision page fits on page 1 here, so the data requests start page 2; every page
    footer carries its own number (a page break Typst could not settle numbered them all 1)."""
    pages = pypdf.PdfReader(_by_name(fixture_briefing_en)["provinsi-64.pdf"]).pages
    lines = [[line for line in page.extract_text().splitlines() if line.strip()] for page in pages]
    assert [page[-1].strip() for page in lines] == [str(n) for n in range(1, len(pages) + 1)]
    assert lines[1][0].startswith("Data requests to regencies")
