"""Parse the dates people type, and Excel date cells and serial day numbers.

A date that cannot be read raises :class:`ValueParseError` (``value.date``), saying what was
expected, in Indonesian and English, with a hint; a blank cell is ``None`` (not reported).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from readiness.ingest._values import ValueParseError, is_blank

__all__ = ["excel_serial_to_date", "parse_date"]

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "aug", "agu", "agt", "ags", "agust"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov", "nop"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2_958_465  # 31 Dec 9999
_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_DMY = re.compile(r"^(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}|\d{2})$")
_DAY_MONTH_NAME = re.compile(
    r"^(?P<d>\d{1,2})[\s./-]*(?P<m>[a-z]+)\.?[\s./,-]*(?P<y>\d{4}|\d{2})$", re.IGNORECASE
)
_SERIAL = re.compile(r"^\d{1,7}(?:\.\d+)?$")
_WEEKDAY = re.compile(
    r"^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\s*,?\s*",
    re.IGNORECASE,
)

_DATE_EXPECTED = (
    "tanggal seperti 25/11/2024, 2024-11-25 atau 25 November 2024",
    "a date such as 25/11/2024, 2024-11-25 or 25 November 2024",
)
_DATE_HINT = (
    "Tulis tanggal sebagai hari/bulan/tahun (dd/mm/yyyy) atau pakai sel tanggal Excel.",
    "Write the date as day/month/year (dd/mm/yyyy) or use an Excel date cell.",
)


def excel_serial_to_date(serial: float) -> dt.date:
    """The date of an Excel serial day number (1900 system, as Excel counts it).

    >>> excel_serial_to_date(45621)
    datetime.date(2024, 11, 25)
    >>> excel_serial_to_date(45621.75)
    datetime.date(2024, 11, 25)
    """
    if not 1 <= serial <= _EXCEL_MAX_SERIAL:
        raise ValueError(f"an Excel date serial lies between 1 and {_EXCEL_MAX_SERIAL}")
    days = math.floor(serial)
    if days < 60:  # Excel counts a 29 Feb 1900 that never was
        days += 1
    return _EXCEL_EPOCH + dt.timedelta(days=days)


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def parse_date(value: object) -> dt.date | None:
    """A calendar date from how people write it, or from an Excel date cell or serial.

    >>> [str(parse_date(v)) for v in ("25/11/2024", "25-11-2024", "2024-11-25", 45621)]
    ['2024-11-25', '2024-11-25', '2024-11-25', '2024-11-25']
    >>> [str(parse_date(v)) for v in ("25 Nov 2024", "25 Nopember 2024", "17 Agt 2024",
    ...                                "Senin, 25 November 2024", "2024-11-25 00:00:00")]
    ['2024-11-25', '2024-11-25', '2024-08-17', '2024-11-25', '2024-11-25']
    >>> parse_date("11/25/2024")
    Traceback (most recent call last):
    ...
    readiness.ingest._values.ValueParseError: Expected a date such as 25/11/2024, 2024-11-25 or 25 November 2024, got '11/25/2024'.
    """
    if is_blank(value):
        return None
    error = ValueParseError("value.date", value, *_DATE_EXPECTED, *_DATE_HINT)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise error
    if isinstance(value, (int, float)):
        try:
            return excel_serial_to_date(value)
        except ValueError:
            raise error from None
    text = _WEEKDAY.sub("", str(value).strip())
    try:
        if _SERIAL.match(text):
            return excel_serial_to_date(float(text))
        for pattern in (_ISO, _DMY):
            match = pattern.match(text)
            if match:
                return dt.date(_year(match["y"]), int(match["m"]), int(match["d"]))
        match = _DAY_MONTH_NAME.match(text)
        if match and match["m"].lower() in _MONTHS:
            return dt.date(_year(match["y"]), _MONTHS[match["m"].lower()], int(match["d"]))
    except ValueError:
        raise error from None
    raise error
