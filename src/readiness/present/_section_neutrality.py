"""Briefing section: neutrality of officials — cases along the handling flow, per regency
and status, or one row per case for a regency."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from readiness.contract import CASE_STATUSES, CASE_SUBJECTS, REFERRALS, TABLES
from readiness.present import _charts as charts
from readiness.present._briefing_core import BriefingCore, short
from readiness.present._display import Figure, Markdown, Table
from readiness.present._format import (
    MISSING,
    format_date,
    format_number,
    format_quoted,
    quoted_legend,
)
from readiness.present._labels import closed_label
from readiness.present._source_line import source_line, with_source

__all__ = ["neutrality_chart", "neutrality_table"]


def neutrality_chart(b: BriefingCore) -> Figure | Markdown:
    """Cases along the handling flow, by subject."""
    cases = b.table("neutrality_cases")
    if cases.height == 0:
        return Markdown(b.t("not_reported_here"))
    caption = with_source(b.t("neutrality_caption"), source_line(b, ["neutrality_cases"]))
    return Figure(charts.neutrality_flow(cases, b.lang), caption)


def neutrality_table(b: BriefingCore, code: str | None = None) -> Table | Markdown:
    """Cases per regency and status (or one row per case for a regency)."""
    cases = b.table("neutrality_cases", code)
    if cases.height == 0:
        return Markdown(b.t("not_reported_here"))
    if code is not None:
        rows = [
            [r["case_id"] or MISSING, closed_label(CASE_SUBJECTS, r["subject"], b.lang),
             closed_label(CASE_STATUSES, r["status"], b.lang),
             closed_label(REFERRALS, r["referred_to"], b.lang), format_date(r["as_of"], b.lang),
             format_quoted(r["note"], b.lang)]
            for r in cases.sort("case_id").iter_rows(named=True)
        ]  # fmt: skip
        columns = [b.t("cases"), b.t("subject"), b.t("status"),
                   TABLES["neutrality_cases"].column("referred_to").label(b.lang),
                   b.t("as_of"), b.t("note")]  # fmt: skip
        return Table(columns, rows, align="llllll", widths=[10, 13, 14, 11, 14, 38],
                     note=quoted_legend(b.lang, cases["note"]).rstrip(),
                     source=source_line(b, ["neutrality_cases"], code))  # fmt: skip
    names = b.names()
    statuses = list(CASE_STATUSES.keys)
    counted = cases.with_columns(pl.col("region_code").str.slice(0, 5).alias("regency"))
    rows = []
    for regency in sorted(counted["regency"].unique().to_list()):
        mine = counted.filter(pl.col("regency") == regency)
        row: list[Any] = [short(names.get(regency, regency))]
        row += [format_number(mine.filter(pl.col("status") == s).height, b.lang)
                for s in statuses]  # fmt: skip
        row.append(format_number(mine.height, b.lang))
        row.append(_report_day(b, regency, mine["as_of"].max()))  # type: ignore[arg-type]
        rows.append(row)
    columns = [b.t("regency"), *(CASE_STATUSES.label(s, b.lang) for s in statuses),
               "Total", b.t("facts_report")]  # fmt: skip
    return Table(columns, rows, align="l" + "r" * (len(statuses) + 2),
                 widths=[12, 9, 11, 12, 15, 10, 8, 10, 7, 10],
                 source=source_line(b, ["neutrality_cases"]))  # fmt: skip


def _report_day(b: BriefingCore, regency: str, day: dt.date | None) -> str:
    """The date of a regency's latest case report, marked stale when it is past the
    freshness limit (as its neutrality indicators say)."""
    if day is None:
        return MISSING
    shown = f"{day.day:02d}/{day.month:02d}"
    found = b.value(b.regencies, regency, "neutrality_cases")
    return b.t("stale_on", date=shown) if found and found["status"] == "stale" else shown
