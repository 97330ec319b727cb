"""A card laid out in Typst and compiled to a portrait PNG (1080 × 1350 pixels)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from readiness.contract import Text, format_date
from readiness.present._card import Card, CardFigure
from readiness.present._escape import escape_typst
from readiness.present._labels import STATUS_COLORS

__all__ = ["CARD_PIXELS", "card_markup", "render_card"]

CARD_PIXELS = (1080, 1350)
"""Width and height of a card in pixels (portrait 4:5, what messaging apps show whole)."""

_PPI = 144
_INK = "#1f2328"
_MUTED = "#57606a"
_NEUTRAL = "#d0d7de"
_FONTS = '("DejaVu Sans", "Liberation Sans", "Libertinus Serif")'

_T = {
    "kicker": Text("KESIAPAN", "READINESS"),
    "as_of": Text("Keadaan per {date}", "As of {date}"),
    "status": Text("Status kesiapan", "Readiness status"),
    "source": Text("Sumber", "Source"),
    "footer": Text(
        "Dihitung dengan readiness dari laporan yang masuk; abu-abu: belum dilaporkan.",
        "Computed with readiness from the reports received; grey: not reported.",
    ),
}


def _colour(status: str | None) -> str:
    return STATUS_COLORS.get(status or "", _NEUTRAL)


def _value_size(figure: CardFigure) -> str:
    """Big for a number, smaller for words, so that a value stays on one line of its tile."""
    if figure.status == "missing":
        return "18pt"
    length = len(figure.value)
    if length <= (14 if figure.wide else 9):
        return "34pt"
    return "24pt" if length <= (24 if figure.wide else 13) else "18pt"


def _tile(figure: CardFigure) -> str:
    missing = figure.status == "missing"
    value_size = _value_size(figure)
    value_fill = _MUTED if missing else _INK
    lines = "#linebreak()".join(escape_typst(line) for line in figure.detail.split("\n"))
    detail = f'#v(4pt)#text(size: 13.5pt, fill: rgb("{_MUTED}"))[{lines}]' if lines else ""
    body = (
        f'#text(size: 13.5pt, weight: "bold", fill: rgb("{_MUTED}"))'
        f"[{escape_typst(figure.label)}]#linebreak()"
        f'#text(size: {value_size}, weight: "bold", fill: rgb("{value_fill}"))'
        f"[{escape_typst(figure.value)}]{detail}"
    )
    cell = (
        f"block(width: 100%, height: 100%, inset: (left: 14pt, rest: 10pt), radius: 6pt, "
        f'fill: rgb("#f6f8fa"), stroke: (left: 7pt + rgb("{_colour(figure.status)}")))'
        f"[{body}]"
    )
    return f"grid.cell(colspan: 2, {cell})" if figure.wide else cell


def _banner(card: Card) -> str:
    """The status label and the status, side by side, or stacked when the status is long."""
    title = card.status_title or _T["status"].get(card.lang)
    label = f"text(size: 13pt, fill: white)[{escape_typst(title)}]"
    note = (
        f"linebreak() + text(size: 10pt, fill: white)[{escape_typst(card.status_note)}]"
        if card.status_note
        else ""
    )
    if len(card.status_text) <= 24:
        status = f'text(size: 20pt, weight: "bold", fill: white)[{escape_typst(card.status_text)}]'
        return (
            f"#grid(columns: (auto, 1fr), align: (left + horizon, right + horizon), "
            f"{label + (' + ' + note if note else '')}, {status})"
        )
    status = f'text(size: 16pt, weight: "bold", fill: white)[{escape_typst(card.status_text)}]'
    return f"#{label}#linebreak()#{status}" + (f"#{note}" if note else "")


def card_markup(card: Card) -> str:
    """The Typst source of a card: title, status banner, the figures as tiles, sources.

    Every text from the data is escaped; the page is 540 × 675 pt, compiled at 144 ppi.
    """
    lang = card.lang
    tiles = ",\n  ".join(_tile(figure) for figure in card.figures)
    rows = sum(1 if f.wide else 0.5 for f in card.figures)
    heights = ", ".join(["1fr"] * int(rows + 0.5))
    return f"""#set page(width: 540pt, height: 675pt, margin: (x: 26pt, top: 24pt, bottom: 20pt))
#set text(font: {_FONTS}, size: 13pt, lang: "{lang}", fill: rgb("{_INK}"))
#set par(leading: 0.45em)
#text(size: 12pt, weight: "bold", fill: rgb("{_MUTED}"))[{escape_typst(_T["kicker"].get(lang))} · {escape_typst(card.election)}]
#v(2pt)
#text(size: 27pt, weight: "bold")[{escape_typst(card.region_name)}]
#v(-6pt)
#text(size: 15pt)[{escape_typst(_T["as_of"].format(date=format_date(card.as_of, lang)).get(lang))}]
#v(4pt)
#block(width: 100%, inset: (x: 14pt, y: 10pt), radius: 6pt, fill: rgb("{_colour(card.status)}"))[
  {_banner(card)}
]
#v(2pt)
#block(width: 100%, height: 1fr)[#grid(columns: (1fr, 1fr), rows: ({heights}), gutter: 9pt,
  {tiles}
)]
#v(6pt)
#text(size: 12pt, fill: rgb("{_MUTED}"))[*{escape_typst(_T["source"].get(lang))}:* {escape_typst(card.sources)}]
#v(-4pt)
#text(size: 10.5pt, fill: rgb("{_MUTED}"))[{escape_typst(_T["footer"].get(lang))}]
"""


def render_card(card: Card, output: Path) -> Path:
    """Compile ``card`` to a PNG at ``output`` (written whole or not at all)."""
    import typst

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="readiness-card-") as folder:
        source = Path(folder) / "card.typ"
        source.write_text(card_markup(card), encoding="utf-8")
        image = typst.compile(str(source), format="png", ppi=_PPI)
    if not isinstance(image, bytes):  # one image per page: a card that overflowed its page
        raise ValueError(f"the card of {card.region_code} does not fit on one page")
    staged = output.with_name(f".{output.name}.tmp")
    staged.write_bytes(image)
    os.replace(staged, output)
    return output
