"""The card: one portrait image per regency (or province) for messaging groups.

A :class:`Card` holds the five figures that matter on a given day — TPS, logistics (in how
many kecamatan), security personnel with its scope, neutrality cases with their stage,
vulnerability — and the overall readiness status, each with the status colour of its
indicator, the as-of date and the sources used. The figures are read from a
:class:`~readiness.present.Briefing` computed as of that day (its indicators, its comparison
and the latest report not after the date); nothing is computed again here.
:func:`card_markup` lays a card out in Typst and :func:`render_card` compiles it to PNG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from readiness.contract import (
    CASE_STATUSES,
    CASE_SUBJECTS,
    VULNERABILITY_CATEGORIES,
    VULNERABILITY_INSTRUMENTS,
    Language,
    Text,
    format_date,
    format_number,
    format_quoted,
)
from readiness.present._briefing_core import BriefingCore
from readiness.present._labels import closed_label, lower_first, status_label
from readiness.present._source_line import origins

__all__ = ["Card", "CardFigure", "card_for", "province_card", "regency_card"]

NOT_REPORTED = Text("belum dilaporkan", "not reported")
"""What a card shows for a figure no report gave (never 0)."""

_T: dict[str, Text] = {
    "tps": Text("TPS", "Polling stations (TPS)"),
    "tps_detail": Text("{khusus} di lokasi khusus", "{khusus} at special locations"),
    "logistics": Text("Logistik sampai PPK", "Logistics at the PPK"),
    "of_kecamatan": Text("{done} dari {total}", "{done} of {total}"),
    "kecamatan_detail": Text(
        "kecamatan; {reported} dari {total} melapor", "kecamatan; {reported} of {total} reported"
    ),
    "personnel": Text("Personel pengamanan", "Security personnel"),
    "scope_unknown": Text("cakupan tidak disebutkan", "scope not stated"),
    "neutrality": Text("Kasus netralitas", "Neutrality cases"),
    "no_cases": Text("dilaporkan nihil", "reported none"),
    "vulnerability": Text("Kerawanan", "Vulnerability"),
    "status": Text("Status kesiapan", "Readiness status"),
    "as_of": Text("per {date}", "as of {date}"),
    "source": Text("Sumber", "Source"),
    "source_unknown": Text("sumber tidak disebutkan", "source not stated"),
    "report_of": Text("laporan per {date}", "reports as of {date}"),
    "kabkota_reported": Text(
        "{reported} dari {total} kab/kota melapor", "{reported} of {total} regencies reported"
    ),
    "not_summed": Text(
        "cakupan berbeda antarwilayah: tidak dijumlahkan",
        "scopes differ between regencies: not added up",
    ),
    "status_regencies": Text("Status kab/kota", "Regency statuses"),
    "regencies": Text("IKP Bawaslu, jumlah kab/kota", "Bawaslu IKP, number of regencies"),
    "more_sources": Text("dan {count} sumber lain", "and {count} more sources"),
    "scope": Text("Cakupan: {scope}", "Scope: {scope}"),
}


@dataclass(frozen=True)
class CardFigure:
    """One figure of a card: its label, the value shown big, a detail line, a status key."""

    label: str
    value: str
    detail: str = ""
    status: str | None = None
    wide: bool = False


@dataclass(frozen=True)
class Card:
    """Everything one card shows, in one language."""

    region_code: str
    region_name: str
    as_of: dt.date
    lang: Language
    status: str | None
    status_text: str
    figures: tuple[CardFigure, ...]
    sources: str
    election: str
    status_title: str = ""
    status_note: str = ""
    """Why there is no overall status, for a regency not ranked (else empty)."""


def _latest(frame: pl.DataFrame, code: str, as_of: dt.date) -> pl.DataFrame:
    """The rows of ``code`` (or below it) from the latest report not after ``as_of``."""
    mine = frame.filter(
        ((pl.col("region_code") == code) | pl.col("region_code").str.starts_with(code + "."))
        & (pl.col("as_of") <= as_of)
    )
    if mine.height == 0:
        return mine
    return mine.filter(pl.col("as_of") == pl.col("as_of").max().over("region_code"))


def _indicator(briefing: BriefingCore, frame: pl.DataFrame, code: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] | None = briefing.value(frame, code, name)
    return found or {"value": None, "status": None, "coverage": None, "as_of": None}


def _shortened(text: str, limit: int) -> str:
    """``text`` cut at the last space within ``limit`` characters, with ``…``; whole when it
    fits.

    >>> _shortened("Polres Kukar saja (termasuk 70 BKO Polda Kaltim)", 30)
    'Polres Kukar saja (termasuk 70…'
    >>> _shortened("Polri", 30)
    'Polri'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:") + "…"


def _dated(detail: str, day: object, as_of: dt.date, lang: Language) -> str:
    """The detail, with the report's date when it is older than the card's."""
    if not isinstance(day, dt.date) or day >= as_of:
        return detail
    stamp = _T["as_of"].format(date=format_date(day, lang)).get(lang)
    return f"{detail} · {stamp}" if detail else stamp


_SUBJECTS_SHOWN = 3
"""Case subjects named on a card (the most frequent first), so the tile keeps its size."""
_SCOPE_CHARS = 110
"""Characters of a stated scope a card shows (the profile shows it whole), so that the scope
and the report's date stay within the personnel tile in either language."""
_SOURCE_NAMES = 5
"""Sources named on a card before the rest are counted ("and 5 more")."""


def _sources(frames: Sequence[pl.DataFrame], lang: Language) -> str:
    """Who reported, grouped by the date of their report: ``Pemkab Berau (laporan per …)``."""
    by_day: dict[dt.date, list[str]] = {}
    for frame in frames:
        if frame.height == 0 or "source" not in frame.columns:
            continue
        for source, day in frame.select("source", "as_of").unique().iter_rows():
            names = origins(source) or [_T["source_unknown"].get(lang)]
            known = by_day.setdefault(day, [])
            known.extend(name for name in sorted(names) if name not in known)
    parts = []
    shown = 0
    hidden = 0
    for day, names in sorted(by_day.items(), key=lambda item: item[0], reverse=True):
        room = max(_SOURCE_NAMES - shown, 1)
        hidden += max(len(names) - room, 0)
        shown += min(len(names), room)
        stamp = _T["report_of"].format(date=format_date(day, lang)).get(lang)
        parts.append(f"{', '.join(names[:room])} ({stamp})")
    line = "; ".join(parts) if parts else NOT_REPORTED.get(lang)
    if hidden:
        line += " " + _T["more_sources"].format(count=format_number(hidden, lang)).get(lang)
    return line


def _logistics(briefing: BriefingCore, code: str, lang: Language) -> CardFigure:
    """Kecamatan whose logistics reached the PPK, over the kecamatan that reported."""
    kecamatan = briefing.kecamatan.filter(
        pl.col("region_code").str.starts_with(code + ".")
        & (pl.col("indicator") == "logistics_completion_kecamatan")
    )
    reported = kecamatan.filter(pl.col("value").is_not_null())
    level = briefing.province if code == briefing.province_code else briefing.regencies
    row = _indicator(briefing, level, code, "logistics_completion_kecamatan")
    label = _T["logistics"].get(lang)
    if reported.height == 0:
        return CardFigure(label, NOT_REPORTED.get(lang), status="missing")
    done = reported.filter(pl.col("value") >= 1).height
    value = (
        _T["of_kecamatan"]
        .format(done=format_number(done, lang), total=format_number(reported.height, lang))
        .get(lang)
    )
    detail = (
        _T["kecamatan_detail"]
        .format(
            reported=format_number(reported.height, lang),
            total=format_number(kecamatan.height, lang),
        )
        .get(lang)
    )
    return CardFigure(label, value, detail, row["status"])


def _neutrality(briefing: BriefingCore, code: str, as_of: dt.date, lang: Language) -> CardFigure:
    from readiness.indicators import neutrality_breakdown

    level: Literal["provinsi", "kabupaten"] = (
        "provinsi" if code == briefing.province_code else "kabupaten"
    )
    frame = briefing.province if level == "provinsi" else briefing.regencies
    row = _indicator(briefing, frame, code, "neutrality_cases")
    status = _indicator(briefing, frame, code, "neutrality_cases_open")["status"]
    label = _T["neutrality"].get(lang)
    if row["value"] is None:
        return CardFigure(label, NOT_REPORTED.get(lang), status="missing")
    if row["value"] == 0:
        return CardFigure(label, "0", _T["no_cases"].get(lang), status)
    stages = (
        neutrality_breakdown(briefing.dataset, level=level, as_of=as_of, invalid=briefing.left_out)
        .filter(pl.col("region_code") == code)
        .group_by("status")
        .agg(pl.col("cases").sum())
        .sort("cases", "status", descending=[True, False])
    )
    detail = "; ".join(
        f"{format_number(n, lang)} {lower_first(closed_label(CASE_STATUSES, s, lang))}"
        for s, n in stages.iter_rows()
    )
    if level == "kabupaten":
        subjects = (
            briefing.table("neutrality_cases")
            .pipe(_latest, code, as_of)
            .group_by("subject")
            .len()
            .sort("len", "subject", descending=[True, False])
        )
        named = ", ".join(
            f"{closed_label(CASE_SUBJECTS, s, lang)} {format_number(n, lang)}"
            for s, n in subjects.head(_SUBJECTS_SHOWN).iter_rows()
        ) + (", …" if subjects.height > _SUBJECTS_SHOWN else "")
        detail = f"{detail}\n{named}" if named else detail
    return CardFigure(label, format_number(row["value"], lang), detail, status)


def _vulnerability(briefing: BriefingCore, code: str, as_of: dt.date, lang: Language) -> CardFigure:
    rows = _latest(briefing.table("vulnerabilities"), code, as_of)
    label = _T["vulnerability"].get(lang)
    if rows.height == 0:
        return CardFigure(label, NOT_REPORTED.get(lang), status="missing")
    if code == briefing.province_code:
        ikp = rows.filter((pl.col("instrument") == "ikp") & pl.col("category").is_not_null())
        counted = dict(ikp.group_by("category").len().iter_rows())
        value = " · ".join(
            f"{closed_label(VULNERABILITY_CATEGORIES, c, lang)} {format_number(counted[c], lang)}"
            for c in reversed(VULNERABILITY_CATEGORIES.keys)
            if c in counted
        )
        return CardFigure(label, value or NOT_REPORTED.get(lang), _T["regencies"].get(lang))
    first = rows.sort("instrument").row(0, named=True)
    category = first["category"]
    value = (
        closed_label(VULNERABILITY_CATEGORIES, category, lang)
        if category
        else NOT_REPORTED.get(lang)
    )
    detail = closed_label(VULNERABILITY_INSTRUMENTS, first["instrument"], lang)
    return CardFigure(label, value, _dated(detail, first["as_of"], as_of, lang))


def regency_card(briefing: BriefingCore, code: str) -> Card:
    """The card of one regency of ``briefing`` (computed as of the briefing's date)."""
    lang: Language = briefing.lang
    as_of = _card_date(briefing)
    stated = _latest(briefing.table("summary"), code, as_of).filter(pl.col("region_code") == code)
    summary = stated.row(0, named=True) if stated.height else {}
    tps = summary.get("tps")
    khusus = summary.get("tps_khusus")
    tps_detail = (
        _T["tps_detail"].format(khusus=format_number(khusus, lang)).get(lang)
        if khusus is not None
        else ""
    )
    personnel = summary.get("security_personnel")
    stated_scope = summary.get("security_scope")
    shown_scope = (
        format_quoted(_shortened(stated_scope, _SCOPE_CHARS), lang)
        if stated_scope
        else _T["scope_unknown"].get(lang)
    )
    scope = _T["scope"].format(scope=shown_scope).get(lang)
    per_tps = _indicator(briefing, briefing.regencies, code, "security_personnel_per_tps")
    figures = (
        CardFigure(
            _T["tps"].get(lang),
            format_number(tps, lang) if tps is not None else NOT_REPORTED.get(lang),
            _dated(tps_detail, summary.get("as_of"), as_of, lang),
            None if tps is not None else "missing",
        ),
        _logistics(briefing, code, lang),
        CardFigure(
            _T["personnel"].get(lang),
            format_number(personnel, lang) if personnel is not None else NOT_REPORTED.get(lang),
            _dated(scope if personnel is not None else "", summary.get("as_of"), as_of, lang),
            per_tps["status"] if personnel is not None else "missing",
            wide=True,
        ),
        _neutrality(briefing, code, as_of, lang),
        _vulnerability(briefing, code, as_of, lang),
    )
    status = briefing.composite_of(code)
    reason = briefing.comparison.not_ranked_reason(code, lang) if briefing.comparison else None
    used = [
        _latest(briefing.table(name), code, as_of)
        for name in ("summary", "logistics", "personnel", "neutrality_cases", "vulnerabilities")
    ]
    return Card(
        region_code=code, region_name=_region_name(code), as_of=as_of, lang=lang,
        status=status, status_text=status_label(status, lang), figures=figures,
        sources=_sources(used, lang), election=_election_name(lang),
        status_title=_T["status"].get(lang), status_note=reason or "",
    )  # fmt: skip


def province_card(briefing: BriefingCore) -> Card:
    """The province's card: totals with how many regencies reported; personnel counts of
    different scope are not added up, statuses are counted."""
    lang: Language = briefing.lang
    as_of = _card_date(briefing)
    code = briefing.province_code
    total = len(briefing.regency_codes)
    stated = _latest(briefing.table("summary"), code, as_of)
    stated = stated.filter(pl.col("region_code").is_in(briefing.regency_codes))
    tps = stated["tps"].drop_nulls()
    personnel = stated["security_personnel"].drop_nulls()

    def reported(n: int) -> str:
        return (
            _T["kabkota_reported"]
            .format(reported=format_number(n, lang), total=format_number(total, lang))
            .get(lang)
        )

    statuses = [briefing.composite_of(c) for c in briefing.regency_codes]
    counted = {s: statuses.count(s) for s in ("critical", "attention", "ready", "insufficient")}
    status_text = " · ".join(
        f"{status_label(s, lang)} {format_number(n, lang)}" for s, n in counted.items() if n
    )
    worst = next((s for s in ("critical", "attention", "ready") if counted[s]), None)
    figures = (
        CardFigure(
            _T["tps"].get(lang),
            format_number(int(tps.sum()), lang) if tps.len() else NOT_REPORTED.get(lang),
            reported(tps.len()),
            None if tps.len() else "missing",
        ),
        _logistics(briefing, code, lang),
        CardFigure(
            _T["personnel"].get(lang),
            reported(personnel.len()),
            _T["not_summed"].get(lang),
            None if personnel.len() else "missing",
            wide=True,
        ),
        _neutrality(briefing, code, as_of, lang),
        _vulnerability(briefing, code, as_of, lang),
    )
    used = [
        _latest(briefing.table(name), code, as_of)
        for name in ("summary", "logistics", "neutrality_cases", "vulnerabilities")
    ]
    return Card(
        region_code=code, region_name=_region_name(code), as_of=as_of, lang=lang,
        status=worst, status_text=status_text or status_label(None, lang), figures=figures,
        sources=_sources(used, lang), election=_election_name(lang),
        status_title=_T["status_regencies"].get(lang),
    )  # fmt: skip


def _card_date(briefing: BriefingCore) -> dt.date:
    """The day a card shows: the briefing's date, else its latest report's."""
    day = briefing.as_of or briefing.latest_as_of()
    if day is None:
        raise ValueError("a card needs a date: the briefing has no as-of date and no dated report")
    return day


def card_for(briefing: BriefingCore, code: str) -> Card:
    """The province's card or one regency's, by code."""
    if code == briefing.province_code:
        return province_card(briefing)
    return regency_card(briefing, code)


def _region_name(code: str) -> str:
    from readiness.regions import get_region

    return str(get_region(code).name)


def _election_name(lang: Language) -> str:
    from readiness.contract import DEFAULT_ELECTION, load_election

    election = load_election(DEFAULT_ELECTION)
    return election.name(lang)
