"""Numbers, shares, dates and the missing mark the way a reader of each language expects them.

The one home of this vocabulary: findings, the command line and the documents all format with
these functions, so ``1.588``, ``84,6 %`` and ``25 November 2024`` (Indonesian) or ``1,588``,
``84.6%`` and ``25 November 2024`` (English) read the same everywhere.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

from readiness.contract._enums import Language

__all__ = [
    "MISSING",
    "format_date",
    "format_in_unit",
    "format_number",
    "format_percent",
    "format_quoted",
    "quoted_legend",
    "vega_locale",
]

MISSING = "–"
"""What a table shows for a value that was not reported (never ``0``)."""

_MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _is_missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(
    value: float | int | None, lang: Language = "id", decimals: int = 0, *, trim: bool = False
) -> str:
    """A number with the thousands and decimal separators of ``lang``; ``–`` when missing.
    With ``trim``, trailing zeros of the decimals are dropped (up to ``decimals`` shown).

    >>> format_number(1588)
    '1.588'
    >>> format_number(1588, "en")
    '1,588'
    >>> format_number(4.318, decimals=2), format_number(4.318, "en", decimals=2)
    ('4,32', '4.32')
    >>> format_number(712.0, decimals=2, trim=True), format_number(2.5, decimals=2, trim=True)
    ('712', '2,5')
    >>> format_number(None)
    '–'
    """
    if value is None or _is_missing(value):
        return MISSING
    text = f"{value:,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return "-" + text[1:] if text.startswith("-") and text.strip("-0.,") == "" else text


def format_percent(share: float | None, lang: Language = "id", decimals: int = 1) -> str:
    """A share (0–1) as a percentage: ``84,6 %`` in Indonesian, ``84.6%`` in English.

    >>> format_percent(11 / 13)
    '84,6 %'
    >>> format_percent(11 / 13, "en")
    '84.6%'
    >>> format_percent(3 / 475, decimals=2)
    '0,63 %'
    >>> format_percent(None)
    '–'
    """
    if share is None or _is_missing(share):
        return MISSING
    number = format_number(share * 100, lang, decimals)
    return f"{number} %" if lang == "id" else f"{number}%"


def format_date(day: dt.date | dt.datetime | None, lang: Language = "id") -> str:
    """A date written out: ``25 November 2024`` (id) or ``25 November 2024`` (en).

    >>> import datetime as dt
    >>> format_date(dt.date(2024, 8, 4)), format_date(dt.date(2024, 8, 4), "en")
    ('4 Agustus 2024', '4 August 2024')
    >>> format_date(None)
    '–'
    """
    if day is None:
        return MISSING
    months = _MONTHS_ID if lang == "id" else _MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_quoted(text: str | None, lang: Language = "id") -> str:
    """Free text as a regency or a publisher wrote it (a scope, a note, a mitigation, a
    source's name): as it is in an Indonesian document; between quotation marks in an English
    one, so that its words, and the separators of its numbers, are read as the report's and
    not the document's. ``–`` when missing.

    >>> format_quoted("Polres Kukar saja, 1.301 TPS")
    'Polres Kukar saja, 1.301 TPS'
    >>> format_quoted("Polres Kukar saja, 1.301 TPS", "en")
    '“Polres Kukar saja, 1.301 TPS”'
    >>> format_quoted(None, "en"), format_quoted("", "en")
    ('–', '–')
    """
    if not text:
        return MISSING
    return f"“{text}”" if lang == "en" else text


def quoted_legend(lang: Language, texts: Iterable[str | None]) -> str:
    """The sentence under a table or list holding :func:`format_quoted` ``texts``: in English,
    when one of them is filled, what the quotation marks mean and how to read the numbers
    inside them; nothing otherwise, nor in Indonesian. Like every legend sentence it ends with
    a space, so that another can follow.

    >>> quoted_legend("id", ["Polres Kukar saja"])
    ''
    >>> quoted_legend("en", [None, ""])
    ''
    >>> quoted_legend("en", ["Polres Kukar saja"])[-38:]
    ' Indonesian: 1.301 there means 1,301. '
    """
    if lang == "en" and any(texts):
        return (
            "Text in quotation marks is quoted as its source wrote it, in Indonesian: "
            "1.301 there means 1,301. "
        )
    return ""


_SHARE_UNITS = {"share", "proportion", "fraction", "percent", "%"}
_COUNT_UNITS = {"count", "tps", "cases", "persons", "people", "voters", "days", "kecamatan"}


def format_in_unit(value: float | int | None, unit: str | None, lang: Language = "id") -> str:
    """An indicator value formatted for its unit: shares as percentages, counts whole, ratios
    with two decimals (whole numbers from 100 up).

    >>> format_in_unit(0.846, "share"), format_in_unit(1588, "count")
    ('84,6 %', '1.588')
    >>> format_in_unit(4.318, "ratio"), format_in_unit(4.318, "ratio", "en")
    ('4,32', '4.32')
    >>> format_in_unit(452.29, "voters/tps"), format_in_unit(None, "share", "en")
    ('452', '–')
    """
    if value is None or _is_missing(value):
        return MISSING
    kind = (unit or "").strip().lower()
    if kind in _SHARE_UNITS:
        return format_percent(float(value), lang, 2 if 0 < abs(value) < 0.01 else 1)
    if kind in _COUNT_UNITS or (isinstance(value, int) and not isinstance(value, bool)):
        return format_number(value, lang, 0 if float(value).is_integer() else 1)
    return format_number(value, lang, 0 if abs(value) >= 100 else 2)


_VEGA_LOCALES: dict[Language, dict[str, Any]] = {
    "id": {
        "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""],
                   "percent": "\u00a0%"},
        "time": {"dateTime": "%A, %e %B %Y %X", "date": "%d/%m/%Y", "time": "%H.%M.%S",
                 "periods": ["", ""],
                 "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
                 "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
                 "months": list(_MONTHS_ID),
                 "shortMonths": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep",
                                 "Okt", "Nov", "Des"]},
    },
    "en": {
        "number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
        "time": {"dateTime": "%A, %e %B %Y %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
                 "periods": ["AM", "PM"],
                 "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                          "Saturday"],
                 "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
                 "months": list(_MONTHS_EN),
                 "shortMonths": [m[:3] for m in _MONTHS_EN]},
    },
}  # fmt: skip


def vega_locale(lang: Language = "id") -> dict[str, Any]:
    """The number and time locale a chart of ``lang`` is drawn with (Vega-Lite
    ``config.locale``): axis ticks get the same decimal mark, percent sign and month and day
    names as the text beside them.

    >>> vega_locale()["number"]["decimal"], vega_locale("en")["number"]["decimal"]
    (',', '.')
    >>> vega_locale()["time"]["shortDays"][1]
    'Sen'
    """
    return copy.deepcopy(_VEGA_LOCALES[lang])
