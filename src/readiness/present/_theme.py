"""The ``readiness`` altair theme: one look for every chart of the project."""

from __future__ import annotations

from typing import Any

import altair as alt

__all__ = ["FONT", "THEME_NAME", "enable_theme", "setup_notebook"]

THEME_NAME = "readiness"
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
_INK = "#1f2328"
_MUTED = "#57606a"


def _theme() -> dict[str, Any]:
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "view": {"stroke": None, "continuousWidth": 440, "continuousHeight": 260},
            "title": {"fontSize": 13, "anchor": "start", "color": _INK, "fontWeight": 600},
            "axis": {
                "labelColor": _MUTED, "titleColor": _INK, "labelFontSize": 11,
                "titleFontSize": 11, "gridColor": "#eaeef2", "domainColor": "#d0d7de",
                "tickColor": "#d0d7de", "labelLimit": 220,
            },
            "legend": {
                "labelColor": _MUTED, "titleColor": _INK, "labelFontSize": 11,
                "titleFontSize": 11, "orient": "bottom", "labelLimit": 260,
            },
            "range": {
                "category": [
                    "#0969da", "#8250df", "#bf8700", "#1a7f37", "#cf222e", "#57606a",
                    "#1b7c83", "#bc4c00",
                ],
            },
            "bar": {"color": "#0969da"},
            "rule": {"color": _INK},
            "text": {"color": _INK, "fontSize": 11},
        }
    }  # fmt: skip


@alt.theme.register(THEME_NAME, enable=False)
def _registered() -> Any:
    return _theme()


def enable_theme() -> str:
    """Make the ``readiness`` theme the active altair theme; returns its name.

    >>> enable_theme()
    'readiness'
    >>> import altair as alt
    >>> alt.theme.active
    'readiness'
    """
    alt.theme.enable(THEME_NAME)
    return THEME_NAME


def setup_notebook(renderer: str = "svg") -> str:
    """Get Jupyter ready for ``readiness`` charts: the house theme, and a renderer that works
    offline and is stored in the notebook (``svg``, drawn by vl-convert; ``"png"`` also works;
    altair's ``"default"`` loads its scripts from a CDN). Returns the renderer's name.

    >>> setup_notebook()
    'svg'
    """
    enable_theme()
    alt.renderers.enable(renderer)
    return renderer
