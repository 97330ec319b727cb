"""Where a table or chart comes from: the "Sumber:" line under it, and the dates of reports.

A source line names whose reports a figure rests on (the regency, or how many regencies), the
sheets read, the published figures it is checked against (by publisher) and the dates, e.g.
``Sumber: laporan 10 kabupaten/kota (Ringkasan), 24–25 November 2024; angka terbit: KPU
Kaltim 16–22 September 2024``. Only the rows a figure may use count: usable rows, reported
on or before the briefing date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

import polars as pl

from readiness.contract import TABLES, Language, TableName
from readiness.present._briefing_core import BriefingCore
from readiness.present._format import format_date

_BRACKETS = re.compile(r"\s*\([^()]*\)")

__all__ = [
    "REGIONAL_TABLES",
    "date_range",
    "indicator_tables",
    "origins",
    "report_dates",
    "source_line",
    "sources_of",
    "with_source",
]

REGIONAL_TABLES: tuple[TableName, ...] = tuple(
    name for name in TABLES if name != "published_figures"
)
"""The tables the regencies fill (published figures are quoted from publishers)."""

_INDICATOR_TABLES: tuple[tuple[str, tuple[TableName, ...]], ...] = (
    ("logistics_", ("logistics",)),
    ("tps_", ("summary", "polling_stations")),
    ("voters_", ("summary", "polling_stations")),
    ("police_", ("summary", "personnel")),
    ("security_", ("summary", "personnel")),
    ("neutrality_", ("neutrality_cases",)),
    ("vulnerab", ("vulnerabilities",)),
)


def indicator_tables(indicators: Iterable[str]) -> tuple[TableName, ...]:
    """The tables the given indicators are computed from (every regional table for one that
    draws on all of them, such as data coverage).

    >>> indicator_tables(["logistics_completion_kecamatan", "neutrality_cases_open"])
    ('logistics', 'neutrality_cases')
    """
    found: list[TableName] = []
    for indicator in indicators:
        tables = next((t for prefix, t in _INDICATOR_TABLES if indicator.startswith(prefix)), None)
        for name in tables or REGIONAL_TABLES:
            if name not in found:
                found.append(name)
    return tuple(name for name in TABLES if name in found)


def date_range(first: dt.date | None, last: dt.date | None, lang: Language = "id") -> str:
    """Two dates as one compact range (one date when they are the same day).

    >>> import datetime as dt
    >>> date_range(dt.date(2024, 11, 14), dt.date(2024, 11, 25))
    '14–25 November 2024'
    >>> date_range(dt.date(2024, 10, 4), dt.date(2024, 11, 25), "en")
    '4 October–25 November 2024'
    >>> date_range(dt.date(2024, 7, 13), dt.date(2024, 7, 13))
    '13 Juli 2024'
    """
    if first is None or last is None or first == last:
        return format_date(first or last, lang)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{format_date(last, lang)}"
    if first.year == last.year:
        return f"{format_date(first, lang).rsplit(' ', 1)[0]}–{format_date(last, lang)}"
    return f"{format_date(first, lang)}–{format_date(last, lang)}"


def origins(source: str | None) -> list[str]:
    """Who a source cell names: of each ``;``-separated source, its text before the first
    comma (what is in brackets, such as the outlet that reported it, left out).

    >>> origins("KPU Kaltim, pleno DPT (Narasi; Sekala); Bawaslu Kaltim, DPT"), origins(None)
    (['KPU Kaltim', 'Bawaslu Kaltim'], [])
    """
    plain = _BRACKETS.sub("", source or "")
    heads = (part.split(",")[0].strip() for part in plain.split(";"))
    return [head for head in heads if head]


def report_dates(b: BriefingCore, code: str | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The oldest and newest date of the rows the regencies reported (those of ``code`` and
    its parts when it is a regency), up to the briefing date."""
    frame = pl.concat([_rows(b, name, code) for name in REGIONAL_TABLES])
    if frame.height == 0:
        return None, None
    return frame["as_of"].min(), frame["as_of"].max()  # type: ignore[return-value]


def _rows(b: BriefingCore, name: TableName, code: str | None) -> pl.DataFrame:
    frame = b.table(name, None if code is None or code == b.province_code else code)
    frame = frame.filter(pl.col("as_of").is_not_null())
    if b.as_of is not None:
        frame = frame.filter(pl.col("as_of") <= b.as_of)
    return frame.select("region_code", "as_of", "source")


def _regional(b: BriefingCore, tables: Sequence[TableName], code: str | None) -> str:
    used = [(name, _rows(b, name, code)) for name in tables if name in REGIONAL_TABLES]
    used = [(name, frame) for name, frame in used if frame.height]
    if not used:
        return ""
    frame = pl.concat([frame for _, frame in used])
    sheets = ", ".join(TABLES[name].sheet(b.lang) for name, _ in used)
    dates = date_range(frame["as_of"].min(), frame["as_of"].max(), b.lang)  # type: ignore[arg-type]
    if code is None or code == b.province_code:
        regencies = frame["region_code"].str.slice(0, 5).n_unique()
        return b.t("source_regencies", count=regencies, sheets=sheets, dates=dates)
    named = sorted({o for source in frame["source"].to_list() for o in origins(source)})
    return b.t(
        "source_regency",
        name=b.region_name if code == b.region else code,
        sheets=sheets,
        origins=f": {', '.join(named)}" if named else "",
        dates=dates,
    )


def _published(b: BriefingCore, code: str | None) -> str:
    frame = b.table("published_figures")
    if code is not None and code != b.province_code:
        frame = frame.filter(
            (pl.col("region_code") == code) | (pl.col("region_code") == b.province_code)
        )
    if b.as_of is not None:
        frame = frame.filter(pl.col("as_of").is_null() | (pl.col("as_of") <= b.as_of))
    if frame.height == 0:
        return ""
    by_origin = (
        frame.with_columns(
            origin=pl.col("source").map_elements(origins, return_dtype=pl.List(pl.String))
        )
        .explode("origin")
        .filter(pl.col("origin").is_not_null())
        .group_by("origin")
        .agg(first=pl.col("as_of").min(), last=pl.col("as_of").max())
        .sort("first", "origin", nulls_last=True)
    )
    named = [
        f"{row['origin']} {date_range(row['first'], row['last'], b.lang)}".strip()
        for row in by_origin.iter_rows(named=True)
    ]
    return b.t("source_published", origins="; ".join(named)) if named else ""


def source_line(
    b: BriefingCore,
    tables: Sequence[TableName],
    code: str | None = None,
    *,
    published: bool = False,
) -> str:
    """The "Sumber:" line of a table or chart drawn from ``tables`` for ``code`` (every
    regency when None or the province), with the published figures when ``published``."""
    return b.t("source_line", parts=sources_of(b, tables, code, published=published))


def sources_of(
    b: BriefingCore,
    tables: Sequence[TableName],
    code: str | None = None,
    *,
    published: bool = False,
) -> str:
    """What :func:`source_line` names, without its "Sumber:"."""
    parts = [_regional(b, tables, code), _published(b, code) if published else ""]
    return "; ".join(part for part in parts if part) or b.t("source_nothing")


def with_source(caption: str, source: str) -> str:
    """A chart's caption followed by its source line.

    >>> with_source("Polisi per TPS", "Sumber: laporan 4 kabupaten/kota (Ringkasan).")
    'Polisi per TPS. Sumber: laporan 4 kabupaten/kota (Ringkasan).'
    """
    return f"{caption.rstrip('. ')}. {source}" if caption else source
