"""Date rules: every date within the election calendar; figures that describe the state before
the vote not dated after voting day; planned arrivals not after their milestone; a case not
reported after its as-of.

The calendar (first day, voting day, last day) and the logistics milestones (H-n per stage)
come from the election's YAML file, so another election or an override moves them.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from readiness.contract import PROVENANCE_COLUMNS, TABLES, Election, TableName
from readiness.validation._registry import Context, Rule, check

__all__ = ["PRE_VOTE_TABLES", "stage_milestones"]

PRE_VOTE_TABLES: tuple[TableName, ...] = (
    "summary",
    "polling_stations",
    "logistics",
    "personnel",
    "vulnerabilities",
)
"""Tables that describe readiness before the vote: their as-of (for logistics, the day the
stage was reached) lies on or before voting day. Neutrality cases go on after the vote."""

_NEXT_STAGE_MILESTONE = {
    "kpu": "logistics_at_ppk_days_before",
    "ppk": "logistics_at_pps_days_before",
    "pps": "logistics_at_tps_days_before",
}
"""For the stage reached, the norm (H-n) by which the next stage must be reached."""

OUTSIDE_CALENDAR = Rule(
    "date.outside_calendar", "error",
    "Tanggal dalam kalender pemilihan", "Date within the election calendar",
    "{column} {value} di luar kalender {election_id} ({start} s.d. {end}).",
    "{column} {value} is outside the calendar of the {election_en} ({start} to {end}).",
    "Periksa tahunnya dan urutan hari/bulan; tulis tanggal sebagai dd/mm/yyyy, mis. 25/11/2024.",
    "Check the year and the day/month order; write dates as dd/mm/yyyy, e.g. 25/11/2024.",
)  # fmt: skip
AFTER_VOTING_DAY = Rule(
    "date.after_voting_day", "error",
    "Data kesiapan tidak sesudah hari pemungutan suara",
    "Readiness figures not dated after voting day",
    "{column} {value} jatuh sesudah hari pemungutan suara ({voting_day}); tabel ini memuat "
    "keadaan sebelum pemungutan suara.",
    "{column} {value} falls after voting day ({voting_day}); this table holds the state before "
    "the vote.",
    "Periksa tanggalnya (urutan hari/bulan, tahun); keadaan sesudah pemungutan suara tidak "
    "dilaporkan di tabel ini.",
    "Check the date (day/month order, year); the state after the vote is not reported in this "
    "table.",
)  # fmt: skip
PLAN_AFTER_MILESTONE = Rule(
    "date.plan_after_milestone", "warning",
    "Jadwal tahap berikutnya tidak melewati batasnya",
    "Next stage scheduled no later than its milestone",
    "{column} {value} sesudah batas tiba di tahap berikutnya ({milestone}, H-{days}).",
    "{column} {value} is after the deadline for the next stage ({milestone}, D-{days}).",
    "Jadwal ini terlambat menurut batas tahapan; periksa tanggalnya atau laporkan "
    "keterlambatannya dan langkah penanganannya di Catatan.",
    "This plan is late against the milestone; check the date, or report the delay and what is "
    "done about it in the Note.",
)  # fmt: skip
AFTER_AS_OF = Rule(
    "date.after_as_of", "error",
    "Tanggal laporan tidak sesudah 'Per tanggal'", "Report date not after the as-of date",
    "{column} {value} jatuh sesudah tanggal data ({as_of}).",
    "{column} {value} falls after the date the figures refer to ({as_of}).",
    "Data per suatu tanggal hanya memuat kasus yang dilaporkan sampai tanggal itu; periksa "
    "kedua tanggal.",
    "Figures as of a date only hold cases reported by then; check both dates.",
)  # fmt: skip


def stage_milestones(election: Election) -> dict[str, tuple[dt.date, int]]:
    """Per stage reached, the day by which the next stage is due and its H-n.

    >>> from readiness.contract import load_election
    >>> stage_milestones(load_election())["kpu"]
    (datetime.date(2024, 11, 25), 2)
    """
    milestones = {}
    for stage, norm_id in _NEXT_STAGE_MILESTONE.items():
        if norm_id in election.norms:
            days = int(election.norm(norm_id).value)
            milestones[stage] = (election.voting_day - dt.timedelta(days=days), days)
    return milestones


def _located(rule: Rule, table: str, column: str, value: pl.Expr) -> list[pl.Expr | str]:
    return [
        pl.lit(rule.id).alias("rule"),
        pl.lit(table).alias("table"),
        *PROVENANCE_COLUMNS,
        pl.lit(column).alias("column"),
        value.alias("value"),
    ]


def _planned_late(frame: pl.DataFrame, election: Election) -> pl.DataFrame:
    milestones = stage_milestones(election)
    if not milestones or frame.height == 0:
        return frame.head(0)
    due = pl.col("stage").replace_strict(
        {stage: day for stage, (day, _) in milestones.items()}, default=None, return_dtype=pl.Date
    )
    days = pl.col("stage").replace_strict(
        {stage: n for stage, (_, n) in milestones.items()}, default=None, return_dtype=pl.Int64
    )
    # comparisons per stage instead of a lookup per row: the table may be millions long
    late = pl.any_horizontal(
        (pl.col("stage") == stage) & (pl.col("scheduled_date") > day)
        for stage, (day, _) in milestones.items()
    )
    actual = pl.col("basis").is_null() | (pl.col("basis") != "plan")
    # lazily, so that only the columns the findings need are filtered
    return (
        frame.lazy()
        .filter(late.fill_null(value=False) & actual)
        .select(
            *_located(
                PLAN_AFTER_MILESTONE, "logistics", "scheduled_date", pl.col("scheduled_date")
            ),
            due.alias("milestone"),
            days.alias("days"),
        )
        .collect()
    )


@check(OUTSIDE_CALENDAR, AFTER_VOTING_DAY, PLAN_AFTER_MILESTONE, AFTER_AS_OF)
def check_dates(context: Context) -> pl.DataFrame:
    """Dates against the election's calendar and voting day, plans against their milestones,
    and report dates against the as-of date."""
    election = context.election
    parts = []
    for name, frame in context.dataset.tables.items():
        for column in (c for c in TABLES[name].columns if c.kind == "date"):
            value = pl.col(column.name)
            pre_vote = name in PRE_VOTE_TABLES and column.name == "as_of"
            late = value > election.voting_day if pre_vote else value > election.calendar_end
            parts.append(
                frame.filter((value < election.calendar_start) | late)
                .select(
                    *_located(OUTSIDE_CALENDAR, name, column.name, value),
                    pl.lit(election.name_id).alias("election_id"),
                    pl.lit(election.name_en).alias("election_en"),
                    pl.lit(election.calendar_start).alias("start"),
                    pl.lit(election.calendar_end).alias("end"),
                )
                # a pre-vote as-of after voting day is reported by the voting-day rule alone
                .with_columns(
                    rule=pl.when(pl.col("value") > election.voting_day)
                    .then(pl.lit(AFTER_VOTING_DAY.id))
                    .otherwise(pl.col("rule"))
                    if pre_vote
                    else pl.col("rule"),
                    voting_day=pl.lit(election.voting_day),
                )
            )
    parts.append(_planned_late(context.dataset.table("logistics"), election))
    cases = context.dataset.table("neutrality_cases")
    parts.append(
        cases.filter(pl.col("date_reported") > pl.col("as_of")).select(
            *_located(AFTER_AS_OF, "neutrality_cases", "date_reported", pl.col("date_reported")),
            "as_of",
        )
    )
    found = [p for p in parts if p.height > 0]
    if not found:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(found, how="diagonal_relaxed")
