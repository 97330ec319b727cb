"""Text from the data stays text in Markdown (hence HTML, DOCX) and in Typst (hence PDF)."""

from __future__ import annotations

import html
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.present import escape_markdown, escape_typst
from readiness.render import pandoc_path

HOSTILE = [
    "<script>alert(1)</script>",
    "#set page(width: 1cm) *tebal* | pipa @kutip $x$ ]",
    "Long La'ai [link](http://x) `kode` \\ _miring_ ~coret~ ^atas^",
    "<!-- komentar --> &amp; 50% {.kelas}",
]


def _pandoc(markdown: str, to: str) -> str:
    done = subprocess.run(
        [pandoc_path(), "-f", "markdown", "-t", to],
        input=markdown, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escaping_gives_the_text_back_as_plain_text(text: str) -> None:
    assert _pandoc(escape_markdown(text), "plain").strip() == text


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_markdown_never_becomes_html_markup(text: str) -> None:
    out = _pandoc(escape_markdown(text), "html").strip()
    assert out.startswith("<p>")
    assert out.endswith("</p>")
    inner = out[3:-4]
    assert "<" not in inner
    assert html.unescape(inner) == text


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40))
def test_any_printable_text_round_trips_through_pandoc(text: str) -> None:
    expected = " ".join(text.split())
    assert _pandoc(escape_markdown(text), "plain").strip() == expected


def test_typst_escaping_compiles_to_the_same_text(tmp_path: object) -> None:
    import pathlib

    import pypdf
    import typst

    folder = pathlib.Path(str(tmp_path))
    body = "\n\n".join(f"[{escape_typst(t)}]" for t in HOSTILE)
    (folder / "a.typ").write_text(body, encoding="utf-8")
    typst.compile(str(folder / "a.typ"), output=str(folder / "a.pdf"))
    pdf_text = " ".join(p.extract_text() for p in pypdf.PdfReader(folder / "a.pdf").pages)
    squashed = "".join(pdf_text.split())
    for text in HOSTILE:
        assert "".join(text.split()) in squashed
