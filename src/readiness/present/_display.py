"""Objects that display in Jupyter and in every report format from one execution.

Each object answers ``_repr_mimebundle_`` with several representations at once; the report
engine (or Quarto) picks the one that suits the output format:

* :class:`Markdown` — ``text/markdown`` (prose, headings, lists);
* :class:`Table` — ``text/html`` (styled, escaped) and ``text/markdown`` (a pipe table with
  relative column widths, so it fits the page in PDF and DOCX);
* :class:`Figure` — ``text/html`` (interactive vega-embed, no network), ``image/svg+xml``
  (for PDF) and ``image/png`` (for DOCX).

Executed by Quarto itself (``quarto render``), which loads require.js and jQuery from a CDN
as soon as any output offers ``text/html``, the objects offer no HTML: tables are Markdown,
a chart is the one image the document's ``fig-format`` asks for, followed by its caption.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from readiness.contract import MISSING, Language
from readiness.present._escape import escape_html, escape_markdown, escape_typst
from readiness.present._labels import STATUS_COLORS, status_label

__all__ = [
    "CAPTION_METADATA_KEY",
    "Figure",
    "Markdown",
    "StatusCell",
    "Table",
    "page_setup",
    "status_markdown",
]

CAPTION_METADATA_KEY = "readiness"
"""Output metadata key under which figures pass their caption and alt text."""

_ids = itertools.count(1)


def quarto_figure_format() -> str | None:
    """The ``fig-format`` of the format Quarto is executing the document for, or None when
    Quarto is not the one executing it (its Jupyter engine sets ``QUARTO_FIG_FORMAT``)."""
    return os.environ.get("QUARTO_FIG_FORMAT") or None


@dataclass(frozen=True)
class Markdown:
    """Pandoc Markdown written by the library (data inside it is escaped by the caller).

    >>> Markdown("## Logistik")._repr_mimebundle_()["text/markdown"]
    '## Logistik'
    """

    text: str

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/markdown": self.text, "text/plain": self.text}


@dataclass(frozen=True)
class StatusCell:
    """A status shown as a coloured label (``None`` = not reported)."""

    status: str | None
    lang: Language = "id"

    @property
    def label(self) -> str:
        return status_label(self.status, self.lang)


def status_markdown(status: str | None, lang: Language = "id") -> str:
    """A status label as Markdown: coloured in HTML, PDF (Typst) and DOCX alike.

    >>> "Kritis" in status_markdown("critical")
    True
    """
    cell = StatusCell(status, lang)
    key = status or "missing"
    color = STATUS_COLORS.get(key, STATUS_COLORS["missing"])
    label = cell.label
    html = f'<span class="status status-{key}">{escape_html(label)}</span>'
    typst = f'#text(fill: rgb("{color}"), weight: "bold")[● {escape_typst(label)}]'
    word = (
        f'<w:r><w:rPr><w:b/><w:color w:val="{color.lstrip("#").upper()}"/></w:rPr>'
        f'<w:t xml:space="preserve">● {escape_html(label)}</w:t></w:r>'
    )
    return f"`{html}`{{=html}}`{typst}`{{=typst}}`{word}`{{=openxml}}"


Cell = str | int | float | StatusCell | None


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return MISSING
    if isinstance(cell, StatusCell):
        return cell.label
    return str(cell)


@dataclass(frozen=True)
class Table:
    """A table that reads well in HTML, PDF and DOCX.

    ``align`` has one letter per column (``l``, ``r``, ``c``); ``widths`` are relative column
    widths (any scale). Every cell is text from the data and is escaped for each format.

    >>> t = Table(["Wilayah", "TPS"], [["Berau", "475"], ["<b>x</b>", None]], align="lr")
    >>> md = t._repr_mimebundle_()["text/markdown"]
    >>> md.splitlines()[0]
    '| Wilayah | TPS |'
    >>> "\\\\<b\\\\>x" in md and "&lt;b&gt;x" in t._repr_mimebundle_()["text/html"]
    True
    """

    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    align: str = ""
    widths: Sequence[float] = ()
    caption: str = ""
    note: str = ""
    source: str = ""
    """The "Sumber:"/"Source:" line under the table (its own paragraph, after the note)."""
    css_class: str = ""
    _extra: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        n = len(self.columns)
        if self.align and len(self.align) != n:
            raise ValueError(f"align needs one letter per column ({n}), got {self.align!r}")
        if self.widths and len(self.widths) != n:
            raise ValueError(f"widths needs one number per column ({n}), got {len(self.widths)}")
        for i, row in enumerate(self.rows):
            if len(row) != n:
                raise ValueError(f"row {i + 1} has {len(row)} cells, expected {n}")

    def _aligns(self) -> str:
        return self.align or "l" * len(self.columns)

    def to_markdown(self) -> str:
        """A Pandoc pipe table (with caption and note)."""
        if not self.rows:
            return ""
        n = len(self.columns)
        widths = list(self.widths) or [
            max(len(_cell_text(c)) for c in [name, *(r[i] for r in self.rows)])
            for i, name in enumerate(self.columns)
        ]
        total = sum(widths) or 1
        dashes = [max(3, round(100 * w / total)) for w in widths]
        rule = []
        for a, d in zip(self._aligns(), dashes, strict=True):
            left = ":" if a in "lc" else "-"
            right = ":" if a in "rc" else "-"
            rule.append(left + "-" * (d - 2) + right)
        lines = [
            "| " + " | ".join(escape_markdown(c) for c in self.columns) + " |",
            "|" + "|".join(rule) + "|",
        ]
        for row in self.rows:
            cells = []
            for cell in row[:n]:
                if isinstance(cell, StatusCell):
                    cells.append(status_markdown(cell.status, cell.lang))
                else:
                    cells.append(escape_markdown(_cell_text(cell)))
            lines.append("| " + " | ".join(cells) + " |")
        text = "\n".join(lines)
        if self.caption:
            text += f"\n\n: {escape_markdown(self.caption)}"
        if self.note:
            text += f"\n\n{escape_markdown(self.note)}"
        if self.source:
            text += f"\n\n{escape_markdown(self.source)}"
        return text + "\n"

    def to_html(self) -> str:
        """An HTML table; every cell escaped."""
        if not self.rows:
            return ""
        align = {"l": "left", "r": "right", "c": "center"}
        aligns = [align.get(a, "left") for a in self._aligns()]
        head = "".join(
            f'<th style="text-align:{a}">{escape_html(c)}</th>'
            for c, a in zip(self.columns, aligns, strict=True)
        )
        body = []
        for row in self.rows:
            cells = []
            for cell, a in zip(row, aligns, strict=True):
                if isinstance(cell, StatusCell):
                    key = cell.status or "missing"
                    inner = f'<span class="status status-{key}">{escape_html(cell.label)}</span>'
                else:
                    inner = escape_html(_cell_text(cell))
                cells.append(f'<td style="text-align:{a}">{inner}</td>')
            body.append("<tr>" + "".join(cells) + "</tr>")
        caption = f"<caption>{escape_html(self.caption)}</caption>" if self.caption else ""
        note = f'<p class="table-note">{escape_html(self.note)}</p>' if self.note else ""
        if self.source:
            note += f'<p class="table-note table-source">{escape_html(self.source)}</p>'
        css = f"rtable {self.css_class}".strip()
        return (
            f'<div class="table-wrap"><table class="{css}">{caption}<thead><tr>{head}</tr>'
            f"</thead><tbody>{''.join(body)}</tbody></table>{note}</div>"
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        bundle = {
            "text/markdown": self.to_markdown(),
            "text/plain": f"Table({len(self.rows)} rows)",
        }
        if quarto_figure_format() is None:
            bundle["text/html"] = self.to_html()
        return bundle


@lru_cache(maxsize=1)
def _vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (about 0.9 MB; two seconds to bundle),
    kept in :func:`readiness.config.cache_dir` per vl-convert version, so every document
    kernel after the first reads it."""
    from importlib.metadata import version

    from readiness.config import cache_dir

    kept = cache_dir() / f"vega-bundle-vl-convert-{version('vl-convert-python')}.js"
    try:
        return kept.read_text(encoding="utf-8")
    except OSError:
        pass
    import vl_convert as vlc

    bundle: str = vlc.javascript_bundle(
        "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite; window.vega = vega;"
    )
    try:  # written whole then renamed: a kernel reading at the same time sees all or nothing
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial = kept.with_name(f".{kept.name}.{os.getpid()}")
        partial.write_text(bundle, encoding="utf-8")
        partial.replace(kept)
    except OSError:
        pass  # an unwritable cache only means bundling again next time
    return bundle


def page_setup() -> Markdown | Any:
    """Once per HTML page: the Vega, Vega-Lite and vega-embed scripts, inlined (no network).

    In PDF and DOCX it shows nothing.
    """
    return _RawHtml(f"<script>{_vega_bundle()}</script>")


@dataclass(frozen=True)
class _RawHtml:
    html: str

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        if quarto_figure_format() is not None:
            return {"text/markdown": "", "text/plain": ""}
        return {"text/html": self.html, "text/markdown": "", "text/plain": ""}


def _script_json(spec: dict[str, Any]) -> str:
    text = json.dumps(spec, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class Figure:
    """An altair chart with a caption, shown interactive in HTML and static elsewhere."""

    chart: Any
    caption: str = ""
    scale: float = 2.0

    def spec(self) -> dict[str, Any]:
        """The Vega-Lite specification (with the data inlined)."""
        spec: dict[str, Any] = self.chart.to_dict()
        return spec

    def to_svg(self, spec: dict[str, Any] | None = None) -> str:
        """The chart as SVG (from ``spec`` when the caller already has it)."""
        import vl_convert as vlc

        svg: str = vlc.vegalite_to_svg(spec if spec is not None else self.spec())
        return svg

    def to_png(self, spec: dict[str, Any] | None = None) -> bytes:
        """The chart as PNG (``scale`` times the nominal size)."""
        import vl_convert as vlc

        png: bytes = vlc.vegalite_to_png(
            spec if spec is not None else self.spec(), scale=self.scale
        )
        return png

    def to_html(self, spec: dict[str, Any] | None = None) -> str:
        """A vega-embed block; needs :func:`page_setup` once on the page."""
        spec = spec if spec is not None else self.spec()
        uid = f"readiness-chart-{next(_ids)}"
        caption = f"<figcaption>{escape_html(self.caption)}</figcaption>" if self.caption else ""
        return (
            f'<figure class="chart"><div id="{uid}" class="vega-chart"></div>{caption}'
            f'<script type="text/javascript">vegaEmbed("#{uid}", {_script_json(spec)}, '
            '{"actions": false, "renderer": "svg"}).catch(console.error);</script></figure>'
        )

    def _ipython_display_(self) -> None:
        from IPython.display import publish_display_data as untyped_publish

        publish: Callable[[dict[str, Any], dict[str, Any]], None] = untyped_publish
        if quarto_figure_format() is None:
            data, metadata = self._repr_mimebundle_()
            publish(data, metadata)
            return
        if quarto_figure_format() == "svg":
            publish({"image/svg+xml": self.to_svg()}, {})
        else:
            publish({"image/png": base64.b64encode(self.to_png()).decode("ascii")}, {})
        if self.caption:
            caption = f"*[{escape_markdown(self.caption)}]{{.figure-caption}}*"
            publish({"text/markdown": caption, "text/plain": self.caption}, {})

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        spec = self.spec()  # one specification for the three forms
        data = {
            "text/html": self.to_html(spec),
            "image/svg+xml": self.to_svg(spec),
            "image/png": base64.b64encode(self.to_png(spec)).decode("ascii"),
            "text/plain": f"Figure({self.caption!r})",
        }
        return data, {CAPTION_METADATA_KEY: {"caption": self.caption}}
