"""One execution, three formats: each format takes the representation that suits it."""

from __future__ import annotations

import base64
from pathlib import Path

from readiness.render import assemble_markdown
from readiness.render._execute import CellResult
from readiness.render._qmd import Cell, QmdDocument

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()


def _document() -> QmdDocument:
    cells = (
        Cell("code", "x = 1", {"tags": ["parameters"], "include": False}),
        Cell("markdown", "Teks tetap."),
        Cell("code", "figure()", {}),
        Cell("code", "table()", {}),
        Cell("code", "print('## Judul')", {"output": "asis"}),
        Cell("code", "hidden()", {"include": False}),
    )
    return QmdDocument(Path("doc.qmd"), {}, cells)


def _results() -> list[CellResult]:
    figure = {
        "output_type": "display_data",
        "data": {"text/html": "<div id='c'></div>", "image/svg+xml": '<svg width="490"></svg>',
                 "image/png": PNG, "text/plain": "Figure"},
        "metadata": {"readiness": {"caption": "TPS <per> desa"}},
    }  # fmt: skip
    table = {
        "output_type": "execute_result",
        "data": {"text/html": "<table></table>", "text/markdown": "| a |\n|---|\n| 1 |"},
        "metadata": {},
    }
    return [
        CellResult(0, ({"output_type": "stream", "name": "stdout", "text": "secret"},)),
        CellResult(2, (figure,)),
        CellResult(3, (table,)),
        CellResult(4, ({"output_type": "stream", "name": "stdout", "text": "## Judul\n"},)),
        CellResult(5, (table,)),
    ]


def test_html_takes_the_interactive_forms(tmp_path: Path) -> None:
    text = assemble_markdown(_document(), _results(), "html", tmp_path)
    assert "```{=html}\n<div id='c'></div>\n```" in text
    assert "```{=html}\n<table></table>\n```" in text
    assert "Teks tetap." in text
    assert "## Judul" in text
    assert "secret" not in text
    assert text.count("<table>") == 1
    assert list(tmp_path.iterdir()) == []


def test_pdf_takes_svg_and_markdown(tmp_path: Path) -> None:
    text = assemble_markdown(_document(), _results(), "pdf", tmp_path)
    assert "![TPS \\<per\\> desa](figure-1.svg){width=75%}" in text
    assert "| a |" in text
    assert "<table>" not in text
    assert (tmp_path / "figure-1.svg").read_text().startswith("<svg")


def test_docx_takes_png(tmp_path: Path) -> None:
    text = assemble_markdown(_document(), _results(), "docx", tmp_path)
    assert "](figure-1.png)" in text
    assert (tmp_path / "figure-1.png").read_bytes().startswith(b"\x89PNG")
