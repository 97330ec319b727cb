"""What the documents' displays offer when Quarto itself executes them: no ``text/html``
(Quarto would then load require.js and jQuery from a CDN), one image in the format the front
matter's ``fig-format`` asks for, and the caption in the document after it."""

from __future__ import annotations

from typing import Any

import altair as alt
import pytest

from readiness.present import Figure, Table, page_setup


def _figure() -> Figure:
    chart = alt.Chart(alt.Data(values=[{"x": 1, "y": 2}])).mark_bar().encode(x="x:Q", y="y:Q")
    return Figure(chart, "Kecamatan yang logistiknya sudah di PPK")


def _published(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import IPython.display

    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(
        IPython.display, "publish_display_data", lambda data, metadata=None: seen.append(data)
    )
    return seen


def test_outside_quarto_everything_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUARTO_FIG_FORMAT", raising=False)
    assert "text/html" in Table(["a"], [["1"]])._repr_mimebundle_()
    assert "text/html" in page_setup()._repr_mimebundle_()
    seen = _published(monkeypatch)
    _figure()._ipython_display_()
    assert len(seen) == 1
    assert {"text/html", "image/svg+xml", "image/png"} <= set(seen[0])


@pytest.mark.parametrize(("fig_format", "mime"), [("svg", "image/svg+xml"), ("png", "image/png")])
def test_under_quarto_no_html_one_image_and_its_caption(
    fig_format: str, mime: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUARTO_FIG_FORMAT", fig_format)
    table = Table(["Wilayah"], [["Berau"]])._repr_mimebundle_()
    assert "text/html" not in table
    assert table["text/markdown"].startswith("| Wilayah |")
    assert "text/html" not in page_setup()._repr_mimebundle_()
    seen = _published(monkeypatch)
    _figure()._ipython_display_()
    assert [list(data) for data in seen] == [[mime], ["text/markdown", "text/plain"]]
    assert seen[1]["text/markdown"] == (
        "*[Kecamatan yang logistiknya sudah di PPK]{.figure-caption}*"
    )
