"""The situation report as a reader sees it: sections (title, columns, rows, note) in one
language, and the summary lines; the text command and the document both show these.

>>> import datetime as dt, polars as pl
>>> from readiness.ingest import Dataset
>>> from readiness.present._sitrep import build_sitrep
>>> cases = pl.DataFrame({"case_id": ["A"], "region_code": ["64.03"],
...     "subject": ["civil_servant"], "status": ["reported"], "as_of": [dt.date(2024, 11, 25)]})
>>> report = build_sitrep(Dataset("x", tables={"neutrality_cases": cases}), "2024-11-25",
...     since="2024-11-24")
>>> [section.key for section in sitrep_sections(report, "en")][:3]
['new_critical', 'resolved', 'status_changes']
>>> summary_lines(report, "en")[-2]
'neutrality cases: 1 new, 0 moved along the flow, 0 concluded'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from readiness.contract import (
    CASE_STATUSES,
    CLOSED_SETS,
    Language,
    Text,
    format_date,
    format_in_unit,
)
from readiness.present._display import StatusCell
from readiness.present._labels import closed_label, lower_first, status_label
from readiness.present._labels import short as _short
from readiness.present._sitrep_text import SYNTHETIC_NOTICE, say
from readiness.present._sitrep_types import Sitrep, StatusChange

__all__ = ["SitrepSection", "indicator_name", "sitrep_sections", "summary_lines"]


@dataclass(frozen=True)
class SitrepSection:
    """One part of the sitrep: a title, a table (possibly empty), and a note."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str | StatusCell, ...], ...]
    note: str = ""
    empty: str = ""
    widths: tuple[float, ...] = ()
    """Relative column widths in a document (empty: from the content)."""


def _day(day: Any, lang: Language) -> str:
    return format_date(day, lang) if day is not None else say("not_reported", lang)


@cache
def _registry() -> Any:
    from readiness.indicators import load_registry

    return load_registry()


def indicator_name(indicator: str, lang: Language) -> str:
    try:
        spec = _registry()[indicator]
    except KeyError:
        return indicator
    return Text(spec.name_id, spec.name_en).get(lang)


def _value(change: StatusChange, lang: Language, *, before: bool = False) -> str:
    value = change.value_before if before else change.value_now
    day = change.as_of_before if before else change.as_of_now
    try:
        unit = _registry()[change.indicator].unit
    except KeyError:
        unit = None
    shown = format_in_unit(value, unit, lang)
    return f"{shown} ({format_date(day, lang)})" if day is not None else shown


def _owner(report: Sitrep, owners: Sequence[str | None], lang: Language) -> str:
    institutions = report.election.institutions
    names = [institutions[o].name.get(lang) for o in owners if o and o in institutions]
    return "; ".join(names) if names else say("not_reported", lang)


def _deadline(report: Sitrep, day: Any, lang: Language) -> str:
    if day is None:
        return say("no_deadline", lang)
    shown = format_date(day, lang)
    return say("passed", lang, day=shown) if day < report.as_of else shown


def _stage(key: str | None, lang: Language) -> str:
    return closed_label(CLOSED_SETS["stage"], key, lang) if key else say("not_reported", lang)


def _sources(values: Iterable[str | None], lang: Language) -> str:
    """Distinct sources, in order; the synthetic label reads in ``lang`` like the page."""
    shown = (
        SYNTHETIC_NOTICE.get(lang) if value == SYNTHETIC_NOTICE.indonesian else value
        for value in values
        if value
    )
    return "; ".join(dict.fromkeys(shown))


def _items_section(report: Sitrep, key: str, lang: Language) -> SitrepSection:
    resolved = key == "resolved"
    items = report.resolved if resolved else report.new_critical
    changes = {(c.region_code, c.indicator): c for c in report.status_changes}
    rows = []
    for item in items:
        change = changes[(item.region_code, item.indicator)]
        rows.append(
            (
                _short(item.region_name),
                indicator_name(item.indicator, lang),
                _value(change, lang, before=True) if resolved else _value(change, lang),
                _value(change, lang) if resolved else StatusCell(item.status_now, lang),
                _owner(report, item.owners, lang),
                _deadline(report, item.deadline, lang),
            )
        )
    columns = (
        say("regency", lang),
        say("indicator", lang),
        say("value_before" if resolved else "value", lang),
        say("value_now" if resolved else "status", lang),
        say("owner", lang),
        say("deadline", lang),
    )
    return SitrepSection(
        key, say(key, lang), columns, tuple(rows), empty=say("none", lang),
        widths=(13, 17, 17, 16, 20, 17),
    )  # fmt: skip


def _changes_section(report: Sitrep, lang: Language) -> SitrepSection:
    rows = tuple(
        (
            _short(c.region_name),
            indicator_name(c.indicator, lang),
            say(f"kind_{c.kind}", lang),
            f"{status_label(c.status_before, lang)} → {lower_first(status_label(c.status_now, lang))}",
            _value(c, lang),
        )
        for c in report.changes("worsened", "improved", "stale")
    )
    columns = (
        say("regency", lang),
        say("indicator", lang),
        say("change", lang),
        say("before_now", lang),
        say("value", lang),
    )
    return SitrepSection(
        "status_changes", say("status_changes", lang), columns, rows, empty=say("none", lang),
        widths=(14, 22, 10, 24, 18),
    )  # fmt: skip


def _grouped(values: Sequence[Any], key: Any) -> list[tuple[Any, list[Any]]]:
    groups: dict[Any, list[Any]] = defaultdict(list)
    for value in values:
        groups[key(value)].append(value)
    return list(groups.items())


def _arrivals_section(report: Sitrep, lang: Language) -> SitrepSection:
    groups = _grouped(
        report.arrivals,
        lambda a: (a.regency_name, a.item, a.stage_before, a.stage_now, a.as_of),
    )
    rows = tuple(
        (
            _short(regency),
            f"{len(members)}: " + ", ".join(m.region_name for m in members),
            closed_label(CLOSED_SETS["item"], item, lang),
            f"{_stage(before, lang)} → {_stage(now, lang)}",
            format_date(day, lang),
        )
        for (regency, item, before, now, day), members in groups
    )
    columns = (
        say("regency", lang),
        say("kecamatan", lang),
        say("item", lang),
        say("stage_change", lang),
        say("reported_on", lang),
    )
    firsts = any(a.stage_before is None for a in report.arrivals)
    warehouse = "; ".join(
        f"{_short(regency)} {len(members)}: " + ", ".join(m.region_name for m in members)
        for regency, members in _grouped(report.first_at_warehouse, lambda a: a.regency_name)
    )
    note = " ".join(
        part
        for part in (
            say("first_note", lang) if firsts else "",
            say("warehouse_note", lang, where=warehouse) if warehouse else "",
            say("sources", lang, sources=_sources((a.source for a in report.arrivals), lang))
            if report.arrivals
            else "",
        )
        if part
    )
    return SitrepSection(
        "arrivals", say("arrivals", lang), columns, rows, note=note, empty=say("none", lang),
        widths=(13, 40, 12, 21, 14),
    )  # fmt: skip


def _plans_section(report: Sitrep, lang: Language) -> SitrepSection:
    groups = _grouped(
        report.due_plans,
        lambda p: (p.regency_name, p.item, p.stage, p.scheduled_date, p.stage_reported, p.as_of),
    )
    rows = tuple(
        (
            _short(regency),
            f"{len(members)}: " + ", ".join(m.region_name for m in members),
            f"{_stage(stage, lang)} ({format_date(scheduled, lang)}, "
            f"{say('plan_today' if scheduled == report.as_of else 'plan_passed', lang)})",
            _stage(reported, lang),
            format_date(plan_day, lang),
        )
        for (regency, _item, stage, scheduled, reported, plan_day), members in groups
    )
    columns = (
        say("regency", lang),
        say("kecamatan", lang),
        say("planned_stage", lang),
        say("last_stage", lang),
        say("plan_date", lang),
    )
    note = ""
    if report.due_plans:
        note = (
            say("plan_note", lang)
            + " "
            + say("sources", lang, sources=_sources((p.source for p in report.due_plans), lang))
        )
    return SitrepSection(
        "due_plans", say("due_plans", lang), columns, rows, note=note, empty=say("none", lang),
        widths=(13, 34, 21, 18, 14),
    )  # fmt: skip


def _cases_section(report: Sitrep, lang: Language) -> SitrepSection:
    groups = _grouped(
        report.cases,
        lambda c: (c.regency_name, c.kind, c.status_before, c.status_now, c.as_of, c.owner),
    )
    rows = []
    for (regency, kind, before, now, day, owner), members in groups:
        subjects = ", ".join(
            f"{m.case_id} ({closed_label(CLOSED_SETS['subject'], m.subject, lang)})"
            for m in members
        )
        before_label = (
            closed_label(CASE_STATUSES, before, lang) if before else say("not_reported", lang)
        )
        rows.append(
            (
                _short(regency),
                subjects,
                say(f"kind_{kind}", lang),
                f"{before_label} → {lower_first(closed_label(CASE_STATUSES, now, lang))}",
                _owner(report, (owner,), lang) if owner else "—",
                format_date(day, lang),
            )
        )
    columns = (
        say("regency", lang),
        say("cases_col", lang),
        say("change", lang),
        say("before_now", lang),
        say("owner", lang),
        say("reported_on", lang),
    )
    note = (
        say("sources", lang, sources=_sources((c.source for c in report.cases), lang))
        if report.cases
        else ""
    )
    return SitrepSection(
        "cases", say("cases", lang), columns, tuple(rows), note=note, empty=say("none", lang),
        widths=(14, 26, 9, 21, 16, 14),
    )  # fmt: skip


def _reporting_section(report: Sitrep, lang: Language) -> SitrepSection:
    since = format_date(report.since, lang)

    def day(value: Any) -> str:
        return format_date(value, lang) if value else say("never", lang)

    rows = tuple(
        (
            _short(r.region_name),
            day(r.latest_logistics),
            day(r.latest_personnel),
            day(r.latest_cases),
            say("yes" if r.silent else "no", lang),
        )
        for r in report.reporting
    )
    columns = (
        say("regency", lang),
        say("latest_logistics", lang),
        say("latest_personnel", lang),
        say("latest_cases", lang),
        say("silent_col", lang, since=since),
    )
    return SitrepSection(
        "reporting", say("reporting", lang), columns, rows, note=say("reporting_note", lang),
        empty=say("none", lang), widths=(20, 20, 20, 20, 20),
    )  # fmt: skip


def sitrep_sections(report: Sitrep, lang: Language = "id") -> list[SitrepSection]:
    """The sections of the sitrep in reading order, every cell in ``lang``."""
    return [
        _items_section(report, "new_critical", lang),
        _items_section(report, "resolved", lang),
        _changes_section(report, lang),
        _arrivals_section(report, lang),
        _plans_section(report, lang),
        _cases_section(report, lang),
        _reporting_section(report, lang),
    ]


def _plans_line(report: Sitrep, lang: Language) -> str:
    """Kecamatan with a schedule passed or due today and no arrival, per regency: a kecamatan
    with any schedule passed counts as passed."""
    state: dict[tuple[str, str], bool] = {}
    for plan in report.due_plans:
        key = (_short(plan.regency_name), plan.region_code)
        state[key] = state.get(key, False) or plan.scheduled_date < report.as_of
    parts = []
    for regency in dict.fromkeys(name for name, _ in state):
        passed = sum(v for (name, _), v in state.items() if name == regency)
        today = sum(not v for (name, _), v in state.items() if name == regency)
        counts = [
            say(key, lang, count=n)
            for key, n in (("count_passed", passed), ("count_today", today))
            if n
        ]
        parts.append(f"{regency} {' + '.join(counts)}")
    where = f": {'; '.join(parts)}" if parts else ""
    return say("line_plans", lang, count=len(state), where=where)


def _silent_where(entry: Any, lang: Language) -> str:
    """A silent regency with the latest report of each operational table."""
    tables = (
        ("table_logistics", entry.latest_logistics),
        ("table_personnel", entry.latest_personnel),
        ("table_cases", entry.latest_cases),
    )
    shown = ", ".join(
        f"{say(key, lang)} {format_date(day, lang) if day else say('never', lang)}"
        for key, day in tables
    )
    return f"{_short(entry.region_name)} ({shown})"


def _data_gaps_line(report: Sitrep, lang: Language) -> str:
    """Data coverage apart: a gap in the data is a request, not a critical item."""
    coverage = [c for c in report.status_changes if c.indicator == "data_coverage"]
    better = sum(c.kind == "recovered" for c in coverage)
    worse = sum(c.kind == "newly_critical" for c in coverage)
    if not better and not worse:
        return ""
    return say("line_data_gaps", lang, better=better, worse=worse)


def summary_lines(report: Sitrep, lang: Language = "id") -> list[str]:
    """The summary: one line per kind of change, counts first."""
    since = format_date(report.since, lang)
    firsts = report.changes("first")
    by_regency: dict[str, int] = defaultdict(int)
    for change in firsts:
        by_regency[_short(change.region_name)] += 1
    kinds = defaultdict(
        int, {k: sum(c.kind == k for c in report.cases) for k in ("new", "moved", "concluded")}
    )
    silent = report.silent
    lines = [
        say("line_critical", lang, count=len(report.new_critical)),
        say("line_resolved", lang, count=len(report.resolved)),
        say("line_changes", lang, count=len(report.changes("worsened", "improved", "stale"))),
    ]
    if firsts:
        where = ", ".join(f"{name} {count}" for name, count in by_regency.items())
        lines.append(say("line_first", lang, count=len(firsts), where=where))
    lines.append(say("line_arrivals", lang, count=len({a.region_code for a in report.arrivals})))
    if report.first_at_warehouse:
        count = len({a.region_code for a in report.first_at_warehouse})
        lines.append(say("line_warehouse", lang, count=count))
    lines += [
        _plans_line(report, lang),
        say("line_cases", lang, **kinds),
        say("line_silent", lang, count=len(silent), since=since,
            where="; ".join(_silent_where(r, lang) for r in silent))
        if silent
        else say("line_all_reported", lang, count=len(report.reporting), since=since),
    ]  # fmt: skip
    gaps = _data_gaps_line(report, lang)
    if gaps:
        lines.append(gaps)
    if report.rejected_rows:
        lines.append(say("rejected", lang, count=report.rejected_rows))
    return lines
