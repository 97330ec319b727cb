"""The facts a regency profile opens with: one sentence and a small table.

TPS, kecamatan, desa/kelurahan, TPS khusus and DPT come from the regency's latest summary
report; personnel from the same report (and the personnel sheet, one line per agency, never
added across scopes); logistics from the kecamatan indicator ("arrived at the PPK" is the
indicator's value 1); neutrality cases from the indicator and its breakdown by stage. Nothing
is computed again: the figures are read from a :class:`~readiness.present.Briefing`.

A figure older than the briefing date carries the date of its report; a figure no report gave
is shown as ``–`` in the table and "belum dilaporkan" in the sentence, never as 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

import polars as pl

from readiness.contract import (
    AGENCIES,
    AGENCY_MIXES,
    CASE_STATUSES,
    MISSING,
    Language,
    format_date,
    format_number,
    format_quoted,
    quoted_legend,
)
from readiness.present._briefing_core import BriefingCore
from readiness.present._display import Markdown, Table
from readiness.present._escape import escape_markdown
from readiness.present._labels import closed_label, lower_first, text
from readiness.present._source_line import date_range

__all__ = ["Fact", "LogisticsFacts", "facts_sentence", "facts_table", "logistics_facts"]


@dataclass(frozen=True)
class Fact:
    """One line of the facts table: what, the value shown, a detail and the report date."""

    label: str
    value: str
    detail: str = ""
    as_of: dt.date | None = None


@dataclass(frozen=True)
class LogisticsFacts:
    """Kecamatan of a regency by whether their logistics reached the PPK (they add up to
    ``total``): ``arrived`` by count, the others by name."""

    arrived: int
    waiting: tuple[str, ...]
    unreported: tuple[str, ...]
    as_of: dt.date | None
    oldest_as_of: dt.date | None
    actual_as_of: dt.date | None = None
    """The date of the regency's latest actual (not planned) logistics report."""
    schedule: tuple[dt.date, dt.date] | None = None
    """The first and last day of its published KPU→PPK schedule (plan rows)."""

    @property
    def total(self) -> int:
        return self.arrived + len(self.waiting) + len(self.unreported)

    @property
    def plan_only(self) -> bool:
        """Only a schedule was reported: no arrival, so no count of arrivals either."""
        return self.actual_as_of is None and self.schedule is not None


def _briefing_date(briefing: BriefingCore) -> dt.date | None:
    return briefing.briefing_date


def _summary(briefing: BriefingCore) -> dict[str, Any]:
    """The regency's own latest summary row not after the briefing date ({} if none)."""
    frame = briefing.table("summary", briefing.region).filter(
        pl.col("region_code") == briefing.region
    )
    day = _briefing_date(briefing)
    if day is not None:
        frame = frame.filter(pl.col("as_of") <= day)
    if frame.height == 0:
        return {}
    row: dict[str, Any] = frame.sort("as_of").row(-1, named=True)
    return row


def _join(names: tuple[str, ...], lang: Language) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {text('facts_and', lang)} {names[-1]}"


def logistics_facts(briefing: BriefingCore) -> LogisticsFacts:
    """The regency's kecamatan: how many have their logistics at the PPK, which are still
    waiting and which did not report (a plan is not an arrival)."""
    frame = briefing.kecamatan.filter(
        pl.col("region_code").str.starts_with(briefing.region + ".")
        & (pl.col("indicator") == "logistics_completion_kecamatan")
    ).sort("region_code")
    plan = (pl.col("status") == "plan_only").fill_null(False)
    arrived = frame.filter((pl.col("value") >= 1).fill_null(False) & ~plan)
    unreported = frame.filter(pl.col("value").is_null() & ~plan)
    waiting = frame.filter(~pl.col("region_code").is_in(
        pl.concat([arrived["region_code"], unreported["region_code"]]).implode()
    ))  # fmt: skip
    reported = frame.filter(pl.col("as_of").is_not_null())

    def names(part: pl.DataFrame) -> tuple[str, ...]:
        return tuple(
            name or code for name, code in part.select("region_name", "region_code").iter_rows()
        )

    dates = reported["as_of"]
    actual = briefing.logistics_latest(briefing.region, actual=True)
    plans = (
        briefing.logistics_latest(briefing.region)
        .filter((pl.col("basis") == "plan") & (pl.col("stage") == "ppk"))["scheduled_date"]
        .drop_nulls()
    )
    return LogisticsFacts(
        arrived=arrived.height,
        waiting=names(waiting),
        unreported=names(unreported),
        as_of=cast("dt.date | None", dates.max() if reported.height else None),
        oldest_as_of=cast("dt.date | None", dates.min() if reported.height else None),
        actual_as_of=cast("dt.date | None", actual["as_of"].max() if actual.height else None),
        schedule=cast("tuple[dt.date, dt.date]", (plans.min(), plans.max()))
        if plans.len()
        else None,
    )


def _schedule(logistics: LogisticsFacts, lang: Language) -> str:
    """ "jadwal KPU→PPK 23–26 November 2024", or "" without a schedule."""
    if logistics.schedule is None:
        return ""
    return text("facts_schedule", lang).format(days=date_range(*logistics.schedule, lang))


def _no_arrival(logistics: LogisticsFacts, lang: Language) -> str:
    """What a regency with only a schedule reported: no arrival yet, and when it is due."""
    schedule = _schedule(logistics, lang)
    phrase = text("facts_no_arrival_report", lang)
    return f"{phrase}; {schedule}" if schedule else phrase


def _dated(phrase: str, day: dt.date | None, briefing: Any) -> str:
    """The phrase, with the date of its report when it is older than the briefing."""
    today = _briefing_date(briefing)
    if day is None or today is None or day >= today:
        return phrase
    stamp = text("facts_report_of", briefing.lang).format(date=format_date(day, briefing.lang))
    return f"{phrase} ({stamp})"


def _old_report_first(phrase: str, logistics: LogisticsFacts, briefing: BriefingCore) -> str:
    """The logistics phrase, led by the date of its report when that is older than the
    briefing (an old count is not today's state), and followed by the schedule of the
    kecamatan still waiting."""
    day = logistics.actual_as_of or logistics.oldest_as_of
    today = _briefing_date(briefing)
    if day is not None and today is not None and day < today:
        lead = text("facts_last_report", briefing.lang).format(date=format_date(day, briefing.lang))
        phrase = f"{lead}, {phrase}"
    schedule = _schedule(logistics, briefing.lang)
    return f"{phrase}; {schedule}" if schedule and logistics.waiting else phrase


def _count(value: Any, lang: Language) -> str:
    """A count in the sentence: the number, or "belum dilaporkan"."""
    return text("facts_not_reported", lang) if value is None else format_number(value, lang)


def facts_sentence(briefing: BriefingCore) -> Markdown:
    """One sentence: the regency's TPS, kecamatan, villages, TPS khusus and DPT, and in how
    many kecamatan its logistics reached the PPK, naming the others."""
    lang: Language = briefing.lang
    row = _summary(briefing)
    structure = text("facts_structure", lang).format(
        region=escape_markdown(briefing.region_name),
        tps=f"**{_count(row.get('tps'), lang)}**",
        khusus=_count(row.get("tps_khusus"), lang),
        kecamatan=f"**{_count(row.get('kecamatan_count'), lang)}**",
        villages=f"**{_count(row.get('village_count'), lang)}**",
    )
    if row.get("voters") is None:
        structure += "; " + text("facts_voters_missing", lang)
    else:
        voters = format_number(row["voters"], lang)
        structure += ", " + text("facts_voters_clause", lang).format(voters=voters)
    parts = [_dated(structure, row.get("as_of"), briefing)]
    logistics = logistics_facts(briefing)
    if logistics.plan_only:
        parts.append(_no_arrival(logistics, lang))
    elif logistics.total == 0 or logistics.as_of is None:
        parts.append(text("facts_logistics_none", lang))
    else:
        phrase = text("facts_logistics", lang).format(
            done=f"**{format_number(logistics.arrived, lang)}**",
            total=format_number(logistics.total, lang),
        )
        if logistics.waiting:
            names = escape_markdown(_join(logistics.waiting, lang))
            phrase += ", " + text("facts_waiting", lang).format(names=f"**{names}**")
        if logistics.unreported:
            names = escape_markdown(_join(logistics.unreported, lang))
            phrase += ", " + text("facts_unreported", lang).format(names=names)
        parts.append(_old_report_first(phrase, logistics, briefing))
    return Markdown("; ".join(parts) + ".")


def _personnel_sheet(briefing: BriefingCore) -> pl.DataFrame:
    """The regency's personnel sheet, its latest report not after the briefing date."""
    day = _briefing_date(briefing)
    sheet: pl.DataFrame = briefing.table("personnel", briefing.region)
    if day is not None and sheet.height:
        sheet = sheet.filter(pl.col("as_of") <= day)
        sheet = sheet.filter(pl.col("as_of") == pl.col("as_of").max())
    return sheet


def _personnel(briefing: BriefingCore, row: dict[str, Any]) -> list[Fact]:
    """The stated personnel with who is counted, and the personnel sheet one agency a line:
    figures of different scopes are listed, never added."""
    lang: Language = briefing.lang
    label = text("facts_personnel", lang)
    facts = []
    sheet = _personnel_sheet(briefing)
    single = sheet.height == 1 and sheet["count"][0] == row.get("security_personnel")
    if row.get("security_personnel") is not None and not single:
        detail = text("facts_personnel_detail", lang).format(
            agencies=closed_label(AGENCY_MIXES, row.get("security_agencies") or "unknown", lang),
            covered=format_number(row.get("security_tps_covered"), lang),
        )
        facts.append(
            Fact(label, format_number(row["security_personnel"], lang), detail, row.get("as_of"))
        )
    for line in sheet.sort("agency", "role").iter_rows(named=True):
        detail = text("facts_personnel_agency", lang).format(
            scope=format_quoted(line["scope"], lang),
            covered=format_number(line.get("tps_covered"), lang),
        )
        agency = f"{label}: {closed_label(AGENCIES, line['agency'], lang)}"
        facts.append(Fact(agency, format_number(line["count"], lang), detail, line["as_of"]))
    return facts or [Fact(label, MISSING, text("facts_not_reported", lang))]


def _neutrality(briefing: BriefingCore) -> Fact:
    """The regency's cases, and how many are at each stage of handling (they add up)."""
    from readiness.indicators import neutrality_breakdown

    lang: Language = briefing.lang
    label = text("facts_neutrality", lang)
    found = briefing.value(briefing.regencies, briefing.region, "neutrality_cases")
    if found is None or found["value"] is None:
        return Fact(label, MISSING, text("facts_not_reported", lang))
    if found["value"] == 0:
        return Fact(label, format_number(0, lang), text("facts_no_cases", lang), found["as_of"])
    stages = (
        neutrality_breakdown(
            briefing.dataset,
            level="kabupaten",
            as_of=_briefing_date(briefing),
            invalid=briefing.left_out,
        )
        .filter(pl.col("region_code") == briefing.region)
        .group_by("status")
        .agg(pl.col("cases").sum())
    )
    counted = dict(stages.iter_rows())
    detail = "; ".join(
        f"{format_number(counted[key], lang)} {lower_first(CASE_STATUSES.label(key, lang))}"
        for key in CASE_STATUSES.keys
        if counted.get(key)
    )
    return Fact(label, format_number(found["value"], lang), detail, found["as_of"])


def regency_facts(briefing: BriefingCore) -> list[Fact]:
    """The lines of the facts table, in reading order."""
    lang: Language = briefing.lang
    row = _summary(briefing)
    day = row.get("as_of")
    logistics = logistics_facts(briefing)
    details = [] if logistics.as_of is not None else [text("facts_not_reported", lang)]
    if logistics.waiting:
        details.append(text("facts_waiting", lang).format(names=_join(logistics.waiting, lang)))
    if logistics.unreported and logistics.as_of is not None:
        names = _join(logistics.unreported, lang)
        details.append(text("facts_unreported", lang).format(names=names))
    arrived = (
        text("facts_of_kecamatan", lang).format(
            done=format_number(logistics.arrived, lang),
            total=format_number(logistics.total, lang),
        )
        if logistics.as_of is not None and not logistics.plan_only
        else MISSING
    )
    if logistics.plan_only:
        details = [_no_arrival(logistics, lang)]
    khusus_voters = row.get("tps_khusus_voters")
    return [
        Fact(text("facts_tps", lang), format_number(row.get("tps"), lang), as_of=day),
        Fact(text("facts_kecamatan", lang), format_number(row.get("kecamatan_count"), lang),
             as_of=day),
        Fact(text("facts_villages", lang), format_number(row.get("village_count"), lang),
             as_of=day),
        Fact(text("facts_khusus", lang), format_number(row.get("tps_khusus"), lang),
             text("facts_khusus_detail", lang).format(voters=format_number(khusus_voters, lang))
             if khusus_voters is not None else "", day),
        Fact(text("facts_voters", lang), format_number(row.get("voters"), lang), as_of=day),
        *_personnel(briefing, row),
        Fact(text("facts_logistics_row", lang), arrived, "; ".join(details),
             logistics.actual_as_of or logistics.oldest_as_of),
        _neutrality(briefing),
    ]  # fmt: skip


def facts_table(briefing: BriefingCore) -> Table:
    """The facts, one a line, each with the date of the report it comes from."""
    lang: Language = briefing.lang
    rows = [
        [fact.label, fact.value, fact.detail or "", format_date(fact.as_of, lang)]
        for fact in regency_facts(briefing)
    ]
    columns = [text(key, lang) for key in ("facts_figure", "value", "facts_detail",
                                             "facts_report")]  # fmt: skip
    sheet = _personnel_sheet(briefing)
    scopes = sheet["scope"].to_list() if "scope" in sheet.columns else []
    return Table(columns, rows, align="lrll", widths=[20, 18, 44, 16],
                 note=quoted_legend(lang, scopes) + text("missing_legend", lang))  # fmt: skip
