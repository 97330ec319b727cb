"""The situation report as a reader sees it: sections (title, table, note) in one language,
the JSON a bot reads (valid against ``sitrep.schema.json``), and the document cells.

>>> import datetime as dt, polars as pl
>>> from readiness.ingest import Dataset
>>> from readiness.present._sitrep import build_sitrep
>>> cases = pl.DataFrame({"case_id": ["A"], "region_code": ["64.03"],
...     "subject": ["civil_servant"], "status": ["reported"], "as_of": [dt.date(2024, 11, 25)]})
>>> report = build_sitrep(Dataset("x", tables={"neutrality_cases": cases}), "2024-11-25",
...     since="2024-11-24")
>>> sitrep_json(report, "en")["neutrality_cases"][0]["kind"]
'new'
>>> [section.key for section in sitrep_sections(report, "en")][:3]
['new_critical', 'resolved', 'status_changes']
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from readiness.contract import (
    CASE_STATUSES,
    CLOSED_SETS,
    Language,
    Text,
    format_date,
    format_in_unit,
)
from readiness.present._display import Markdown, StatusCell, Table
from readiness.present._escape import escape_markdown
from readiness.present._labels import closed_label, lower_first, status_label
from readiness.present._sitrep import Sitrep, StatusChange

__all__ = [
    "SCHEMA_VERSION",
    "SYNTHETIC_NOTICE",
    "SitrepDocument",
    "SitrepSection",
    "sitrep_json",
    "sitrep_schema",
    "sitrep_sections",
]

SCHEMA_VERSION = "readiness.sitrep/1"
SYNTHETIC_NOTICE = Text(
    "CONTOH SINTETIS — bukan data resmi", "SYNTHETIC EXAMPLE — not official data"
)

_T: dict[str, Text] = {
    "title": Text("Laporan Situasi Pilkada", "Election Situation Report"),
    "period": Text("Perubahan sejak {since} sampai {as_of}", "Changes from {since} to {as_of}"),
    "summary": Text("Ringkasan", "Summary"),
    "new_critical": Text("Butir kritis baru", "New critical items"),
    "resolved": Text("Butir kritis yang selesai", "Critical items resolved"),
    "status_changes": Text("Status indikator lain yang berubah", "Other indicator status changes"),
    "arrivals": Text(
        "Logistik: tahap yang dilaporkan tercapai", "Logistics: stages reported reached"
    ),
    "due_plans": Text(
        "Logistik: rencana jatuh tempo tanpa laporan kedatangan",
        "Logistics: plans due with no arrival reported",
    ),
    "cases": Text("Kasus netralitas", "Neutrality cases"),
    "reporting": Text("Laporan terakhir per kabupaten/kota", "Latest report by regency"),
    "regency": Text("Kabupaten/kota", "Regency/city"),
    "indicator": Text("Indikator", "Indicator"),
    "value": Text("Nilai (per tanggal)", "Value (as of)"),
    "before_now": Text("Sebelum → kini", "Before → now"),
    "value_before": Text("Sebelumnya (per tanggal)", "Before (as of)"),
    "value_now": Text("Kini (per tanggal)", "Now (as of)"),
    "status": Text("Status", "Status"),
    "owner": Text("Penanggung jawab", "Responsible"),
    "deadline": Text("Tenggat", "Deadline"),
    "kecamatan": Text("Kecamatan", "District"),
    "item": Text("Jenis logistik", "Item"),
    "stage_change": Text("Tahap sebelum → kini", "Stage before → now"),
    "reported_on": Text("Tanggal laporan", "Report date"),
    "planned_stage": Text("Tahap direncanakan (jadwal)", "Planned stage (date)"),
    "last_stage": Text("Tahap terakhir dilaporkan", "Last stage reported"),
    "plan_date": Text("Rencana per", "Plan as of"),
    "cases_col": Text("Kasus (subjek)", "Cases (subject)"),
    "change": Text("Perubahan", "Change"),
    "latest": Text("Laporan terakhir", "Latest report"),
    "latest_logistics": Text("Laporan logistik terakhir", "Latest logistics report"),
    "silent_col": Text("Diam sejak {since}?", "Silent since {since}?"),
    "yes": Text("ya", "yes"),
    "no": Text("tidak", "no"),
    "never": Text("belum pernah", "never"),
    "not_reported": Text("belum dilaporkan", "not reported"),
    "no_deadline": Text("tanpa tenggat H-n", "no H-n deadline"),
    "passed": Text("{day} (lewat)", "{day} (passed)"),
    "none": Text("Tidak ada.", "None."),
    "sources": Text("Sumber: {sources}.", "Sources: {sources}."),
    "rejected": Text(
        "{count} baris yang ditolak validasi tidak dihitung.",
        "{count} row(s) rejected by validation are not counted.",
    ),
    "line_critical": Text("{count} butir kritis baru", "{count} new critical item(s)"),
    "line_resolved": Text("{count} butir kritis selesai", "{count} critical item(s) resolved"),
    "line_changes": Text(
        "{count} status indikator lain berubah", "{count} other indicator status change(s)"
    ),
    "line_first": Text(
        "{count} indikator mendapat status untuk pertama kali (laporan pertama): {where}",
        "{count} indicator(s) got a status for the first time (first report): {where}",
    ),
    "line_arrivals": Text(
        "{count} kecamatan dilaporkan mencapai tahap logistik baru",
        "{count} district(s) reported at a new logistics stage",
    ),
    "line_plans": Text(
        "{count} kecamatan dengan rencana jatuh tempo tanpa laporan kedatangan",
        "{count} district(s) with a plan due and no arrival reported",
    ),
    "line_cases": Text(
        "kasus netralitas: {new} baru, {moved} pindah tahap, {concluded} tuntas",
        "neutrality cases: {new} new, {moved} moved along the flow, {concluded} concluded",
    ),
    "line_silent": Text(
        "{count} kabupaten/kota tanpa laporan sejak {since}: {where}",
        "{count} regency(ies) with no report since {since}: {where}",
    ),
    "line_all_reported": Text(
        "semua {count} kabupaten/kota melapor sesudah {since}",
        "all {count} regencies reported after {since}",
    ),
    "kind_new": Text("baru", "new"),
    "kind_moved": Text("pindah tahap", "moved"),
    "kind_concluded": Text("tuntas", "concluded"),
    "kind_worsened": Text("memburuk", "worsened"),
    "kind_improved": Text("membaik", "improved"),
    "kind_stale": Text("menjadi usang", "went stale"),
    "first_note": Text(
        'Tahap sebelumnya "belum dilaporkan": laporan pertama, tanggal tibanya tidak diketahui.',
        'Stage before "not reported": a first report; the day of arrival is not known.',
    ),
    "plan_note": Text(
        "Rencana bukan kedatangan: tahap ini belum dilaporkan tercapai.",
        "A plan is not an arrival: this stage has not been reported reached.",
    ),
}


def _t(key: str, lang: Language, **values: Any) -> str:
    text = _T[key]
    return (text.format(**values) if values else text).get(lang)


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
    return format_date(day, lang) if day is not None else _t("not_reported", lang)


@cache
def _registry() -> Any:
    from readiness.indicators import load_registry

    return load_registry()


def _indicator_name(indicator: str, lang: Language) -> str:
    try:
        spec = _registry()[indicator]
    except KeyError:
        return indicator
    return str(spec.name_id if lang == "id" else spec.name_en)


def _value(change: StatusChange, lang: Language, *, before: bool = False) -> str:
    value = change.value_before if before else change.value_now
    day = change.as_of_before if before else change.as_of_now
    try:
        unit = _registry()[change.indicator].unit
    except KeyError:
        unit = None
    shown = format_in_unit(value, unit, lang)
    return f"{shown} ({format_date(day, lang)})" if day is not None else shown


def _owner(report: Sitrep, indicator: str, lang: Language) -> str:
    found = report.election.responsibilities.get(indicator)
    return found.owner.name.get(lang) if found else _t("not_reported", lang)


def _deadline(report: Sitrep, day: Any, lang: Language) -> str:
    if day is None:
        return _t("no_deadline", lang)
    shown = format_date(day, lang)
    return _t("passed", lang, day=shown) if day < report.as_of else shown


def _stage(key: str | None, lang: Language) -> str:
    return closed_label(CLOSED_SETS["stage"], key, lang) if key else _t("not_reported", lang)


def _short(name: str) -> str:
    """A regency's name without "Kabupaten" (a city keeps "Kota")."""
    return name.removeprefix("Kabupaten ")


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
                _indicator_name(item.indicator, lang),
                _value(change, lang, before=True) if resolved else _value(change, lang),
                _value(change, lang) if resolved else StatusCell(item.status_now, lang),
                _owner(report, item.indicator, lang),
                _deadline(report, item.deadline, lang),
            )
        )
    columns = (
        _t("regency", lang),
        _t("indicator", lang),
        _t("value_before" if resolved else "value", lang),
        _t("value_now" if resolved else "status", lang),
        _t("owner", lang),
        _t("deadline", lang),
    )
    return SitrepSection(
        key, _t(key, lang), columns, tuple(rows), empty=_t("none", lang),
        widths=(14, 18, 18, 18, 20, 12),
    )  # fmt: skip


def _changes_section(report: Sitrep, lang: Language) -> SitrepSection:
    rows = tuple(
        (
            _short(c.region_name),
            _indicator_name(c.indicator, lang),
            _t(f"kind_{c.kind}", lang),
            f"{status_label(c.status_before, lang)} → {lower_first(status_label(c.status_now, lang))}",
            _value(c, lang),
        )
        for c in report.changes("worsened", "improved", "stale")
    )
    columns = (
        _t("regency", lang),
        _t("indicator", lang),
        _t("change", lang),
        _t("before_now", lang),
        _t("value", lang),
    )
    return SitrepSection(
        "status_changes", _t("status_changes", lang), columns, rows, empty=_t("none", lang),
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
        _t("regency", lang),
        _t("kecamatan", lang),
        _t("item", lang),
        _t("stage_change", lang),
        _t("reported_on", lang),
    )
    firsts = any(a.stage_before is None for a in report.arrivals)
    note = " ".join(
        part
        for part in (
            _t("first_note", lang) if firsts else "",
            _t("sources", lang, sources=_sources((a.source for a in report.arrivals), lang))
            if report.arrivals
            else "",
        )
        if part
    )
    return SitrepSection(
        "arrivals", _t("arrivals", lang), columns, rows, note=note, empty=_t("none", lang),
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
            f"{_stage(stage, lang)} ({format_date(scheduled, lang)})",
            _stage(reported, lang),
            format_date(plan_day, lang),
        )
        for (regency, _item, stage, scheduled, reported, plan_day), members in groups
    )
    columns = (
        _t("regency", lang),
        _t("kecamatan", lang),
        _t("planned_stage", lang),
        _t("last_stage", lang),
        _t("plan_date", lang),
    )
    note = ""
    if report.due_plans:
        note = (
            _t("plan_note", lang)
            + " "
            + _t("sources", lang, sources=_sources((p.source for p in report.due_plans), lang))
        )
    return SitrepSection(
        "due_plans", _t("due_plans", lang), columns, rows, note=note, empty=_t("none", lang),
        widths=(13, 34, 21, 18, 14),
    )  # fmt: skip


def _cases_section(report: Sitrep, lang: Language) -> SitrepSection:
    groups = _grouped(
        report.cases,
        lambda c: (c.regency_name, c.kind, c.status_before, c.status_now, c.as_of),
    )
    rows = []
    for (regency, kind, before, now, day), members in groups:
        subjects = ", ".join(
            f"{m.case_id} ({closed_label(CLOSED_SETS['subject'], m.subject, lang)})"
            for m in members
        )
        before_label = (
            closed_label(CASE_STATUSES, before, lang) if before else _t("not_reported", lang)
        )
        rows.append(
            (
                _short(regency),
                subjects,
                _t(f"kind_{kind}", lang),
                f"{before_label} → {lower_first(closed_label(CASE_STATUSES, now, lang))}",
                format_date(day, lang),
            )
        )
    columns = (
        _t("regency", lang),
        _t("cases_col", lang),
        _t("change", lang),
        _t("before_now", lang),
        _t("reported_on", lang),
    )
    note = (
        _t("sources", lang, sources=_sources((c.source for c in report.cases), lang))
        if report.cases
        else ""
    )
    return SitrepSection(
        "cases", _t("cases", lang), columns, tuple(rows), note=note, empty=_t("none", lang),
        widths=(13, 36, 11, 26, 14),
    )  # fmt: skip


def _reporting_section(report: Sitrep, lang: Language) -> SitrepSection:
    since = format_date(report.since, lang)
    rows = tuple(
        (
            _short(r.region_name),
            format_date(r.latest_report, lang) if r.latest_report else _t("never", lang),
            format_date(r.latest_logistics, lang) if r.latest_logistics else _t("never", lang),
            _t("yes" if r.silent else "no", lang),
        )
        for r in report.reporting
    )
    columns = (
        _t("regency", lang),
        _t("latest", lang),
        _t("latest_logistics", lang),
        _t("silent_col", lang, since=since),
    )
    return SitrepSection("reporting", _t("reporting", lang), columns, rows, empty=_t("none", lang))


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
        _t("line_critical", lang, count=len(report.new_critical)),
        _t("line_resolved", lang, count=len(report.resolved)),
        _t("line_changes", lang, count=len(report.changes("worsened", "improved", "stale"))),
    ]
    if firsts:
        where = ", ".join(f"{name} {count}" for name, count in by_regency.items())
        lines.append(_t("line_first", lang, count=len(firsts), where=where))
    lines += [
        _t("line_arrivals", lang, count=len({a.region_code for a in report.arrivals})),
        _t("line_plans", lang, count=len({p.region_code for p in report.due_plans})),
        _t("line_cases", lang, **kinds),
        _t("line_silent", lang, count=len(silent), since=since,
           where=", ".join(_short(r.region_name) for r in silent))
        if silent
        else _t("line_all_reported", lang, count=len(report.reporting), since=since),
    ]  # fmt: skip
    if report.rejected_rows:
        lines.append(_t("rejected", lang, count=report.rejected_rows))
    return lines


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def sitrep_json(report: Sitrep, lang: Language = "id") -> dict[str, Any]:
    """The sitrep as plain JSON data (dates ISO 8601, labels in ``lang``), valid against
    :func:`sitrep_schema`."""
    from readiness.regions import get_region

    province = report.province_code

    def owner(indicator: str) -> dict[str, str] | None:
        found = report.election.responsibilities.get(indicator)
        return {"id": found.owner.id, "name": found.owner.name.get(lang)} if found else None

    def item(entry: Any) -> dict[str, Any]:
        return {
            "region_code": entry.region_code,
            "region_name": entry.region_name,
            "indicator": entry.indicator,
            "indicator_name": _indicator_name(entry.indicator, lang),
            "status_before": entry.status_before,
            "status_now": entry.status_now,
            "owner": owner(entry.indicator),
            "deadline": _iso(entry.deadline),
            "deadline_passed": entry.deadline is not None and entry.deadline < report.as_of,
        }

    return {
        "schema": SCHEMA_VERSION,
        "lang": lang,
        "synthetic": report.synthetic,
        "notice": SYNTHETIC_NOTICE.get(lang) if report.synthetic else None,
        "dataset": report.dataset_name,
        "province": {"code": province, "name": get_region(province).name} if province else None,
        "election": report.election.id,
        "as_of": report.as_of.isoformat(),
        "since": report.since.isoformat(),
        "rejected_rows": report.rejected_rows,
        "new_critical": [item(i) for i in report.new_critical],
        "resolved": [item(i) for i in report.resolved],
        "status_changes": [
            {
                "region_code": c.region_code,
                "region_name": c.region_name,
                "indicator": c.indicator,
                "indicator_name": _indicator_name(c.indicator, lang),
                "kind": c.kind,
                "status_before": c.status_before,
                "status_now": c.status_now,
                "value_before": c.value_before,
                "value_now": c.value_now,
                "as_of_before": _iso(c.as_of_before),
                "as_of_now": _iso(c.as_of_now),
            }
            for c in report.status_changes
        ],
        "logistics_arrivals": [
            {
                "regency_code": a.regency_code,
                "region_code": a.region_code,
                "region_name": a.region_name,
                "item": a.item,
                "stage_before": a.stage_before,
                "stage_now": a.stage_now,
                "as_of_before": _iso(a.as_of_before),
                "as_of": a.as_of.isoformat(),
                "source": a.source,
            }
            for a in report.arrivals
        ],
        "logistics_plans_due": [
            {
                "regency_code": p.regency_code,
                "region_code": p.region_code,
                "region_name": p.region_name,
                "item": p.item,
                "stage": p.stage,
                "scheduled_date": p.scheduled_date.isoformat(),
                "stage_reported": p.stage_reported,
                "as_of": p.as_of.isoformat(),
                "source": p.source,
            }
            for p in report.due_plans
        ],
        "neutrality_cases": [
            {
                "regency_code": c.regency_code,
                "case_id": c.case_id,
                "subject": c.subject,
                "kind": c.kind,
                "status_before": c.status_before,
                "status_now": c.status_now,
                "as_of": c.as_of.isoformat(),
                "source": c.source,
            }
            for c in report.cases
        ],
        "reporting": [
            {
                "region_code": r.region_code,
                "region_name": r.region_name,
                "latest_report": _iso(r.latest_report),
                "latest_logistics": _iso(r.latest_logistics),
                "silent": r.silent,
            }
            for r in report.reporting
        ],
    }


def sitrep_schema() -> dict[str, Any]:
    """The published JSON Schema of :func:`sitrep_json` (``present/data/sitrep.schema.json``)."""
    source = resources.files("readiness.present") / "data" / "sitrep.schema.json"
    schema: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return schema


@dataclass(frozen=True)
class SitrepDocument:
    """The cells of ``reports/sitrep.qmd``: each method returns what one cell shows."""

    report: Sitrep
    lang: Language = "id"

    def title_block(self) -> Markdown:
        """Title, subtitle (the period) and date as a Pandoc metadata block."""
        lang = self.lang
        title = _t("title", lang)
        if self.report.province_code:
            from readiness.regions import get_region

            title += f" — {get_region(self.report.province_code).name}"
        if self.report.synthetic:
            title = f"{SYNTHETIC_NOTICE.get(lang)}: {title}"
        election = self.report.election
        meta = {
            "title": title,
            "subtitle": (election.name_id if lang == "id" else election.name_en)
            + " · "
            + _t(
                "period",
                lang,
                since=format_date(self.report.since, lang),
                as_of=format_date(self.report.as_of, lang),
            ),
            "date": format_date(self.report.as_of, lang),
            "lang": lang,
        }
        lines = [
            f"{key}: {json.dumps(escape_markdown(value), ensure_ascii=False)}"
            for key, value in meta.items()
        ]
        return Markdown("---\n" + "\n".join(lines) + "\n---")

    def notice(self) -> Markdown:
        """The synthetic-example banner (nothing for real data)."""
        if not self.report.synthetic:
            return Markdown("")
        return Markdown(f"**{escape_markdown(SYNTHETIC_NOTICE.get(self.lang))}**")

    def summary(self) -> Markdown:
        """The summary heading and one bullet per kind of change."""
        bullets = "\n".join(
            f"- {escape_markdown(line)}" for line in summary_lines(self.report, self.lang)
        )
        return Markdown(f"## {_t('summary', self.lang)}\n\n{bullets}")

    def sections(self) -> list[Markdown | Table]:
        """Every section: a heading, then its table (or "none") and its note."""
        shown: list[Markdown | Table] = []
        for section in sitrep_sections(self.report, self.lang):
            shown.append(Markdown(f"## {escape_markdown(section.title)}"))
            if not section.rows:
                shown.append(Markdown(escape_markdown(section.empty)))
                continue
            shown.append(
                Table(section.columns, section.rows, widths=section.widths, note=section.note)
            )
        return shown

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        parts = [self.notice(), self.summary(), *self.sections()]
        text = "\n\n".join(
            part.text if isinstance(part, Markdown) else part.to_markdown() for part in parts
        )
        return {"text/markdown": text, "text/plain": text}
