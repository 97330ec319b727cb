"""Date rules: every date within the election calendar; a case not reported after its as-of."""

from __future__ import annotations

import polars as pl

from readiness.contract import PROVENANCE_COLUMNS, TABLES
from readiness.validation._registry import Context, Rule, check

__all__: list[str] = []

OUTSIDE_CALENDAR = Rule(
    "date.outside_calendar", "error",
    "Tanggal dalam kalender pemilihan", "Date within the election calendar",
    "{column} {value} di luar kalender {election_id} ({start} s.d. {end}).",
    "{column} {value} is outside the calendar of the {election_en} ({start} to {end}).",
    "Periksa tahunnya dan urutan hari/bulan; tulis tanggal sebagai dd/mm/yyyy, mis. 25/11/2024.",
    "Check the year and the day/month order; write dates as dd/mm/yyyy, e.g. 25/11/2024.",
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


@check(OUTSIDE_CALENDAR, AFTER_AS_OF)
def check_dates(context: Context) -> pl.DataFrame:
    """Dates against the election's calendar, and report dates against the as-of date."""
    election = context.election
    parts = []
    for name, frame in context.dataset.tables.items():
        for column in (c for c in TABLES[name].columns if c.kind == "date"):
            value = pl.col(column.name)
            parts.append(
                frame.filter(
                    (value < election.calendar_start) | (value > election.calendar_end)
                ).select(
                    pl.lit(OUTSIDE_CALENDAR.id).alias("rule"),
                    pl.lit(name).alias("table"),
                    *PROVENANCE_COLUMNS,
                    pl.lit(column.name).alias("column"),
                    value.alias("value"),
                    pl.lit(election.name_id).alias("election_id"),
                    pl.lit(election.name_en).alias("election_en"),
                    pl.lit(election.calendar_start).alias("start"),
                    pl.lit(election.calendar_end).alias("end"),
                )
            )
    cases = context.dataset.table("neutrality_cases")
    parts.append(
        cases.filter(pl.col("date_reported") > pl.col("as_of")).select(
            pl.lit(AFTER_AS_OF.id).alias("rule"),
            pl.lit("neutrality_cases").alias("table"),
            *PROVENANCE_COLUMNS,
            pl.lit("date_reported").alias("column"),
            pl.col("date_reported").alias("value"),
            "as_of",
        )
    )
    found = [p for p in parts if p.height > 0]
    if not found:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(found, how="diagonal_relaxed")
