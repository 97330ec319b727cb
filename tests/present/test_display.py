"""Tables and figures carry every representation a format needs, escaped, offline."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import altair as alt
import pytest

from readiness.present import Figure, Markdown, StatusCell, Table, page_setup, status_markdown

NETWORK = re.compile(r"<(?:script|link|img)[^>]*(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


def _table() -> Table:
    return Table(
        ["Wilayah", "TPS", "Status"],
        [["Berau", "475", StatusCell("attention")], ["<script>x</script>", None, StatusCell(None)]],
        align="lrl",
        widths=[50, 20, 30],
        caption="Ringkasan",
    )


def test_table_markdown_is_a_pipe_table_with_relative_widths() -> None:
    lines = _table().to_markdown().splitlines()
    assert lines[0] == "| Wilayah | TPS | Status |"
    dashes = [len(cell) for cell in lines[1].strip("|").split("|")]
    assert dashes == [50, 20, 30]
    assert lines[1] == "|:" + "-" * 49 + "|" + "-" * 19 + ":|:" + "-" * 29 + "|"
    assert "\\<script\\>" in lines[3]
    assert "| – |" in lines[3]
    assert ": Ringkasan" in lines


def test_table_html_escapes_cells_and_colours_status() -> None:
    html = _table().to_html()
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert 'class="status status-attention">Perlu perhatian<' in html
    assert 'class="status status-missing">Tidak dilaporkan<' in html


def test_status_markdown_has_a_form_for_each_format() -> None:
    text = status_markdown("critical", "en")
    assert "{=html}" in text
    assert "{=typst}" in text
    assert "{=openxml}" in text
    assert text.count("Critical") == 3


def test_table_rejects_rows_of_the_wrong_length() -> None:
    with pytest.raises(ValueError, match="row 1 has 1 cells, expected 2"):
        Table(["a", "b"], [["x"]])


def test_figure_bundle_is_interactive_static_and_offline() -> None:
    chart = (
        alt.Chart(alt.Data(values=[{"a": "<b>Berau</b>", "n": 475}]))
        .mark_bar()
        .encode(x="n:Q", y="a:N")
    )
    data, metadata = Figure(chart, "TPS")._repr_mimebundle_()
    assert data["image/svg+xml"].startswith("<svg")
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    html = data["text/html"]
    assert "vegaEmbed(" in html
    assert "<b>Berau" not in html
    assert not NETWORK.search(html)
    assert metadata["readiness"]["caption"] == "TPS"


def test_page_setup_inlines_the_vega_scripts_without_network() -> None:
    bundle = page_setup()._repr_mimebundle_()
    assert len(bundle["text/html"]) > 100_000
    assert not NETWORK.search(bundle["text/html"])
    assert bundle["text/markdown"] == ""


def test_markdown_is_markdown() -> None:
    assert Markdown("## Logistik")._repr_mimebundle_()["text/markdown"] == "## Logistik"


def test_the_vega_scripts_are_bundled_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness.present import _display

    monkeypatch.setenv("READINESS_CACHE_DIR", str(tmp_path))
    _display._vega_bundle.cache_clear()
    try:
        bundled = _display._vega_bundle()
        (kept,) = tmp_path.glob("vega-bundle-vl-convert-*.js")
        assert kept.read_text(encoding="utf-8") == bundled
        assert "vegaEmbed" in bundled
        kept.write_text("/* kept */", encoding="utf-8")
        _display._vega_bundle.cache_clear()
        assert _display._vega_bundle() == "/* kept */"
        assert [p.name for p in tmp_path.iterdir()] == [kept.name]
    finally:
        _display._vega_bundle.cache_clear()
