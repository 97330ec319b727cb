"""The concrete items of an action, read from the dataset: kecamatan by name, schedules,
TPS khusus, neutrality cases by subject and stage, TPS covered; and the phrases they use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import polars as pl

from readiness.contract import (
    CASE_STATUSES,
    CASE_SUBJECTS,
    OPEN_STATUSES,
    REFERRALS,
    STAGES,
    TABLES,
    Election,
    Institution,
    Language,
    Text,
    format_date,
    format_number,
    polars_schema,
    vega_locale,
)
from readiness.present._labels import closed_label, short
from readiness.validation import usable_rows

__all__ = [
    "PHRASES",
    "both",
    "case_deadline",
    "case_items",
    "day_text",
    "h_text",
    "logistics_items",
    "names_list",
    "open_cases",
    "rows_of",
    "security_items",
    "short",
    "short_date",
    "summary_row",
    "tps_items",
    "usable",
]

_STAGE_DATE = {"reported": "date_reported", "examined": "date_examined",
               "recommended": "date_recommended", "decided": "date_decided"}  # fmt: skip
"""The date column of each open case status."""

# ---- phrases -------------------------------------------------------------------------------
PHRASES: dict[str, Text] = {
    "stale_problem": Text("Laporan per {date} sudah usang — {figure}",
                          "The report of {date} is stale — {figure}"),
    "plan_problem": Text("Baru jadwal, belum ada laporan realisasi — {figure}",
                         "A schedule only, no actual report yet — {figure}"),
    "plan_short": Text("baru jadwal, belum ada laporan realisasi",
                       "a schedule only, no actual report yet"),
    "waiting_at": Text("Masih di {stage}", "Still at the {stage}"),
    "report_of": Text("laporan {date}", "report of {date}"),
    "scheduled_today": Text("dijadwalkan hari ini ke {stage}", "due today at the {stage}"),
    "scheduled_on": Text("dijadwalkan ke {stage} {date}", "scheduled at the {stage} {date}"),
    "plan_passed": Text("jadwal ke {stage} {date} sudah lewat tanpa laporan tiba",
                        "schedule at the {stage} on {date} passed with no arrival reported"),
    "plan_late": Text("dijadwalkan ke {stage} {date}, setelah tenggat {deadline}",
                      "scheduled at the {stage} on {date}, after the deadline {deadline}"),
    "no_logistics_report": Text("Belum ada laporan logistik", "No logistics report"),
    "khusus": Text("Pastikan juga logistik {count} TPS khusus{where}",
                   "Also confirm the logistics of the {count} special TPS{where}"),
    "khusus_other": Text("{count} lainnya", "{count} other"),
    "case_group": Text("{subjects}: {stage}{since}", "{subjects}: {stage}{since}"),
    "case_to": Text("{stage} ke {referral}", "{stage} to {referral}"),
    "case_since": Text(" sejak {date}", " since {date}"),
    "case_owner": Text(" — {owner}", " — {owner}"),
    "tps_covered": Text("TPS yang dijaga: {covered} dari {tps}", "TPS covered: {covered} of {tps}"),
    "tps_covered_none": Text("Jumlah TPS yang dijaga belum dilaporkan",
                             "The number of TPS covered is not reported"),
    "tps_over": Text("TPS di atas {norm} pemilih: {tps}", "TPS above {norm} voters: {tps}"),
    "and": Text("dan", "and"),
    "and_more": Text("dan {count} lainnya", "and {count} more"),
    "not_stated_zero": Text("{what} (isi 0 bila nihil)", "{what} (enter 0 if none)"),
    "security_personnel": Text("Personel pengamanan", "Security personnel"),
    "deadline_on": Text("{h}, {day}", "{h}, {day}"),
    "deadline_today": Text("Hari ini, {h}, {day}", "Today, {h}, {day}"),
    "deadline_past": Text("Segera — tenggat {h}, {day} sudah lewat",
                          "Now — the deadline {h}, {day} has passed"),
    "deadline_undated": Text("Segera — tanggal tahap kasusnya tidak dilaporkan",
                             "Now — the date of the cases' stage is not reported"),
    "deadline_none": Text("Segera — norma tidak menetapkan tenggat",
                          "Now — the norms set no deadline"),
    "h_minus": Text("H-{n}", "D-{n}"),
    "h_plus": Text("H+{n}", "D+{n}"),
    "voting_day": Text("hari H", "voting day"),
}  # fmt: skip


def both(render: Callable[[Language], str]) -> Text:
    """A text built the same way in both languages."""
    return Text(render("id"), render("en"))


def _join(parts: Iterable[str], lang: Language) -> str:
    names = list(parts)
    if len(names) <= 1:
        return "".join(names)
    word = PHRASES["and"].get(lang)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def day_text(day: dt.date, lang: Language) -> str:
    """``Selasa 26 November 2024``: the week day and the date in words."""
    weekday = vega_locale(lang)["time"]["days"][(day.weekday() + 1) % 7]
    return f"{weekday} {format_date(day, lang)}"


def h_text(day: dt.date, voting_day: dt.date, lang: Language) -> str:
    days = (voting_day - day).days
    if days == 0:
        return PHRASES["voting_day"].get(lang)
    key = "h_minus" if days > 0 else "h_plus"
    return PHRASES[key].format(n=abs(days)).get(lang)


# ---- reading the dataset -------------------------------------------------------------------
def usable(dataset: Any, name: str, invalid: pl.DataFrame | None) -> pl.DataFrame:
    """A table of the dataset without the rows validation rejected, with every column of its
    contract (a column the dataset lacks is null: not reported); empty if absent."""
    tables: Mapping[str, pl.DataFrame] = dataset.tables
    if name not in TABLES:
        return tables.get(name, pl.DataFrame())
    schema = polars_schema(name)
    frame = tables.get(name, pl.DataFrame(schema=schema))
    absent = [pl.lit(None, dtype).alias(column) for column, dtype in schema.items()
              if column not in frame.columns]  # fmt: skip
    if absent:
        frame = frame.with_columns(absent)
    if invalid is not None and invalid.height and "_index" in invalid.columns:
        frame = usable_rows(frame, name, invalid)
    return frame


def rows_of(frame: pl.DataFrame, code: str, as_of: dt.date, *, parts: bool = True) -> pl.DataFrame:
    """Rows of a region (and of its parts with ``parts``) known on ``as_of``."""
    if frame.height == 0 or "region_code" not in frame.columns:
        return frame.clear() if frame.width else frame
    mine = pl.col("region_code") == code
    if parts:
        mine = mine | pl.col("region_code").str.starts_with(code + ".")
    rows = frame.filter(mine.fill_null(False))
    if "as_of" in rows.columns:
        rows = rows.filter((pl.col("as_of") <= as_of).fill_null(False))
    return rows


def summary_row(summary: pl.DataFrame, code: str, as_of: dt.date) -> dict[str, Any]:
    rows = rows_of(summary, code, as_of, parts=False)
    if rows.height == 0:
        return {}
    found: dict[str, Any] = rows.sort("as_of").row(-1, named=True)
    return found


def names_list(names: Sequence[str], lang: Language, limit: int = 8) -> str:
    shown = list(names[:limit])
    more = len(names) - len(shown)
    if more > 0:
        shown.append(PHRASES["and_more"].format(count=more).get(lang))
        return ", ".join(shown)
    return _join(shown, lang)


# ---- items per topic -----------------------------------------------------------------------
_STAGE_RANK = STAGES.rank


def _stage(key: str, lang: Language) -> str:
    """A stage without its explanation: ``PPK``, ``Gudang KPU kab/kota``."""
    label: str = STAGES.label(key, lang)
    return label.split(" (", 1)[0]


def logistics_items(
    code: str, as_of: dt.date, election: Election, logistics: pl.DataFrame,
    summary: pl.DataFrame, polling: pl.DataFrame, kecamatan: Mapping[str, str],
) -> tuple[Text, ...]:  # fmt: skip
    """Kecamatan still waiting (by stage and schedule), schedules passed with no arrival,
    schedules after the deadline, kecamatan with no report, and the TPS khusus."""
    rows = rows_of(logistics, code, as_of)
    if rows.height == 0:
        return ()
    rows = rows.filter(pl.col("region_code").str.count_matches(r"\.") >= 2)
    latest = rows.filter(pl.col("as_of") == pl.col("as_of").max().over("region_code"))
    deadlines = {
        "ppk": _norm_deadline(election, "logistics_at_ppk_days_before"),
        "pps": _norm_deadline(election, "logistics_at_pps_days_before"),
        "tps": _norm_deadline(election, "logistics_at_tps_days_before"),
    }
    groups: dict[tuple[Any, ...], list[str]] = {}
    for kec, part in (
        latest.sort("region_code")
        .partition_by("region_code", as_dict=True, maintain_order=True)
        .items()
    ):
        kec_code = str(kec[0])
        state = _kecamatan_state(part, as_of, deadlines)
        if state is not None:
            name = kecamatan.get(kec_code) or str(part["region_name"][0] or kec_code)
            groups.setdefault(state, []).append(name)
    # kecamatan whose schedules passed on different days read as one group
    merged: dict[tuple[Any, ...], tuple[list[str], set[tuple[str, dt.date]]]] = {}
    for (waiting, stale_report, scheduled), names in groups.items():
        shape = {(what, stage, None if what == "passed" else day) for what, stage, day in scheduled}
        key = (waiting, stale_report, tuple(sorted(shape, key=str)))
        entry = merged.setdefault(key, ([], set()))
        entry[0].extend(names)
        entry[1].update((stage, day) for what, stage, day in scheduled if what == "passed")
    items = [
        _waiting_text(key, names, passed, deadlines) for key, (names, passed) in merged.items()
    ]
    reported = set(latest["region_code"].to_list())
    silent = [name for kec, name in kecamatan.items() if kec not in reported]
    if silent and reported:
        items.append(both(lambda lang: f"{PHRASES['no_logistics_report'].get(lang)}: "
                                        f"{names_list(silent, lang)}"))  # fmt: skip
    khusus = _khusus_item(code, as_of, summary, polling, kecamatan)
    return (*items, *khusus)


def _kecamatan_state(
    part: pl.DataFrame, as_of: dt.date, deadlines: Mapping[str, dt.date | None]
) -> tuple[Any, ...] | None:
    """How far one kecamatan's logistics are behind: the stage it is still at (below the
    PPK), the date of its report when older than ``as_of``, and its schedules that passed
    with no arrival, fall today, fall after the deadline, or are planned before it (``None``:
    nothing to act on)."""
    actual = part.filter(pl.col("basis").fill_null("actual") == "actual")
    reached = -1
    if actual.height:
        reached = min(
            max(_STAGE_RANK.get(s, -1) for s in item["stage"].to_list())
            for _, item in actual.group_by("item")
        )
    waiting = STAGES.keys[reached] if actual.height and 0 <= reached < _STAGE_RANK["ppk"] else None
    scheduled: set[tuple[str, str, dt.date]] = set()
    for row in part.filter(pl.col("scheduled_date").is_not_null()).iter_rows(named=True):
        is_plan = (row["basis"] or "actual") == "plan"
        target = row["stage"] if is_plan else _next_stage(row["stage"])
        if target is None or _STAGE_RANK.get(target, -1) <= reached:
            continue
        day: dt.date = row["scheduled_date"]
        limit = deadlines.get(target)
        if limit is not None and day > limit:
            scheduled.add(("late", target, day))
        elif day <= as_of:
            scheduled.add(("passed" if day < as_of else "today", target, day))
        elif is_plan:
            scheduled.add(("upcoming", target, day))
    if waiting is None and not scheduled:
        return None
    report: dt.date | None = part["as_of"].max()  # type: ignore[assignment]
    stale_report = report if report is not None and report < as_of else None
    return (waiting, stale_report, tuple(sorted(scheduled)))


def _khusus_item(
    code: str, as_of: dt.date, summary: pl.DataFrame, polling: pl.DataFrame,
    kecamatan: Mapping[str, str],
) -> tuple[Text, ...]:  # fmt: skip
    """The regency's TPS khusus, with the kecamatan of those the TPS sheet places."""
    khusus = summary_row(summary, code, as_of).get("tps_khusus")
    if not khusus:
        return ()
    places = rows_of(polling, code, as_of)
    if places.height:
        places = places.filter((pl.col("tps_khusus") > 0).fill_null(False))
    named = [
        kecamatan.get(c) or str(n or c)
        for c, n in places.select("region_code", "region_name").unique().sort("region_code").iter_rows()
    ] if places.height else []  # fmt: skip
    rest = int(khusus) - int(places["tps_khusus"].sum() or 0) if named else 0

    def render(lang: Language) -> str:
        parts = list(named)
        if named and rest > 0:
            parts.append(PHRASES["khusus_other"].format(count=rest).get(lang))
        where = f" ({', '.join(parts)})" if parts else ""
        return PHRASES["khusus"].format(count=format_number(khusus, lang), where=where).get(lang)

    return (both(render),)


def _norm_deadline(election: Election, norm_id: str) -> dt.date | None:
    if norm_id not in election.norms:
        return None
    return election.voting_day - dt.timedelta(days=int(election.norm(norm_id).value))


def _next_stage(stage: str | None) -> str | None:
    rank = _STAGE_RANK.get(stage or "", -1)
    return STAGES.keys[rank + 1] if 0 <= rank < len(STAGES.keys) - 1 else None


def _waiting_text(
    key: tuple[Any, ...], names: list[str], passed: set[tuple[str, dt.date]],
    deadlines: Mapping[str, dt.date | None],
) -> Text:  # fmt: skip
    waiting, stale_report, scheduled = key

    def render(lang: Language) -> str:
        parts = []
        if waiting is not None:
            head = PHRASES["waiting_at"].format(stage=_stage(waiting, lang)).get(lang)
            if stale_report is not None:
                stamp = PHRASES["report_of"].format(date=short_date(stale_report, lang))
                head += f" ({stamp.get(lang)})"
            parts.append(head)
        for what, stage, day in scheduled:
            if what == "passed":
                when = _date_range({d for s, d in passed if s == stage}, lang)
            else:
                when = short_date(day, lang)
            values = {"stage": _stage(stage, lang), "date": when}
            if what == "late":
                limit = deadlines.get(stage)
                values["deadline"] = short_date(limit, lang) if limit else ""
                parts.append(PHRASES["plan_late"].format(**values).get(lang))
            elif what == "passed":
                parts.append(PHRASES["plan_passed"].format(**values).get(lang))
            elif what == "upcoming":
                parts.append(PHRASES["scheduled_on"].format(**values).get(lang))
            else:
                parts.append(PHRASES["scheduled_today"].format(**values).get(lang))
        text = "; ".join(parts)
        return f"{text[:1].upper()}{text[1:]}: {names_list(names, lang, 20)}"

    return both(render)


def _date_range(days: set[dt.date], lang: Language) -> str:
    first, last = min(days), max(days)
    if first == last:
        return short_date(first, lang)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{short_date(last, lang)}"
    return f"{short_date(first, lang)}–{short_date(last, lang)}"


def short_date(day: dt.date, lang: Language) -> str:
    """``25 Nov`` — a date inside an item, the year being the election's.

    >>> import datetime as dt
    >>> short_date(dt.date(2024, 10, 4), "id"), short_date(dt.date(2024, 10, 4), "en")
    ('4 Okt', '4 Oct')
    """
    months: list[str] = vega_locale(lang)["time"]["shortMonths"]
    return f"{day.day} {months[day.month - 1]}"


def open_cases(cases: pl.DataFrame, code: str, as_of: dt.date) -> pl.DataFrame:
    """The regency's cases still open on ``as_of``, each at its latest report."""
    rows = rows_of(cases, code, as_of)
    if rows.height == 0:
        return rows
    key = "case_id" if rows["case_id"].null_count() == 0 else None
    if key is not None:
        rows = rows.sort("as_of").group_by("region_code", key, maintain_order=True).last()
    return rows.filter(pl.col("status").is_in(list(OPEN_STATUSES)).fill_null(False))


def case_deadline(row: Mapping[str, Any], election: Election) -> dt.date | None:
    stage_day = row.get(_STAGE_DATE.get(row["status"], ""))
    if stage_day is None or "neutrality_case_open_days" not in election.norms:
        return None
    days = int(election.norm("neutrality_case_open_days").value)
    deadline: dt.date = stage_day + dt.timedelta(days=days)
    return deadline


def case_items(
    open_cases: pl.DataFrame, election: Election, *, with_owner: bool
) -> tuple[Text, ...]:
    """Open cases grouped by stage, referral and stage date: subjects counted, with the owner
    of the stage when the cases have several owners."""
    if open_cases.height == 0:
        return ()
    grouped: dict[tuple[Any, ...], list[str]] = {}
    for row in open_cases.iter_rows(named=True):
        stage_day = row.get(_STAGE_DATE.get(row["status"], ""))
        key = (row["status"], row.get("referred_to"), stage_day)
        grouped.setdefault(key, []).append(row.get("subject") or "other")
    order = {status: rank for rank, status in enumerate(CASE_STATUSES.keys)}
    items = []
    for (status, referral, stage_day), subjects in sorted(
        grouped.items(), key=lambda entry: (order.get(entry[0][0], 9), str(entry[0][1]))
    ):
        owner = election.case_owner(status, referral)

        def render(lang: Language, status: str = status, referral: Any = referral,
                   stage_day: Any = stage_day, subjects: list[str] = subjects,
                   owner: Institution | None = owner) -> str:  # fmt: skip
            counted = {s: subjects.count(s) for s in dict.fromkeys(subjects)}
            who = ", ".join(
                f"{format_number(n, lang)} {closed_label(CASE_SUBJECTS, s, lang)}"
                for s, n in counted.items()
            )
            stage = closed_label(CASE_STATUSES, status, lang)
            stage = stage[:1].lower() + stage[1:]
            if status == "recommended" and referral not in (None, "none"):
                stage = (
                    PHRASES["case_to"]
                    .format(stage=stage, referral=closed_label(REFERRALS, referral, lang))
                    .get(lang)
                )
            since = (
                PHRASES["case_since"].format(date=short_date(stage_day, lang)).get(lang)
                if stage_day is not None
                else ""
            )
            text = PHRASES["case_group"].format(subjects=who, stage=stage, since=since).get(lang)
            if with_owner and owner is not None:
                text += PHRASES["case_owner"].format(owner=owner.name.get(lang)).get(lang)
            return text

        items.append(both(render))
    return tuple(items)


def security_items(code: str, as_of: dt.date, summary: pl.DataFrame) -> tuple[Text, ...]:
    row = summary_row(summary, code, as_of)
    covered, tps = row.get("security_tps_covered"), row.get("tps")
    if covered is None:
        return (PHRASES["tps_covered_none"],)
    return (
        both(lambda lang: PHRASES["tps_covered"].format(
            covered=format_number(covered, lang), tps=format_number(tps, lang)).get(lang)),
    )  # fmt: skip


def tps_items(
    code: str, as_of: dt.date, election: Election, polling: pl.DataFrame
) -> tuple[Text, ...]:
    if "max_voters_per_tps" not in election.norms:
        return ()
    norm = election.norm("max_voters_per_tps").value
    over = rows_of(polling, code, as_of).filter(
        (pl.col("voters") > norm).fill_null(False) & pl.col("tps_number").is_not_null()
    )
    if over.height == 0:
        return ()
    labels = [f"{name or kec} TPS {number}" for kec, name, number in
              over.select("region_code", "region_name", "tps_number").iter_rows()]  # fmt: skip
    return (
        both(lambda lang: PHRASES["tps_over"].format(
            norm=format_number(norm, lang), tps=names_list(labels, lang, 6)).get(lang)),
    )  # fmt: skip
