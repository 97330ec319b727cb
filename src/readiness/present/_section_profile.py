"""Briefing section: the regency profile — its summary, its facts, and its indicators
against the norm, the province and the other regencies."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import polars as pl

from readiness.contract import TableName
from readiness.present._briefing_core import SEVERITY_RANK, BriefingCore
from readiness.present._display import Markdown, StatusCell, Table
from readiness.present._format import MISSING, format_number, format_percent, format_value
from readiness.present._labels import status_label
from readiness.present._profile_facts import facts_sentence, facts_table
from readiness.present._section_summary import left_out_note
from readiness.present._source_line import REGIONAL_TABLES, source_line, sources_of

_FACT_TABLES: tuple[TableName, ...] = ("summary", "logistics", "personnel", "neutrality_cases")
"""The tables the regency's facts are read from."""

__all__ = ["regency_facts", "regency_facts_table", "regency_indicator_table", "regency_summary"]


def regency_summary(b: BriefingCore) -> Markdown:
    """One paragraph: overall status and how many indicators need attention."""
    mine = b.regencies.filter(pl.col("region_code") == b.region)
    counts = {
        s: mine.filter(pl.col("status") == s).height for s in (*SEVERITY_RANK, "stale", "plan_only")
    }
    missing = mine.filter(
        pl.col("value").is_null() & ~pl.col("status").is_in(["stale", "plan_only"]).fill_null(False)
    ).height
    unrated = mine.filter(pl.col("value").is_not_null() & pl.col("status").is_null()).height
    status = status_label(b.composite_of(b.region), b.lang)
    reason = b.comparison.not_ranked_reason(b.region, b.lang) if b.comparison else None
    extra = "".join(
        b.t(key, count=count)
        for key, count in (("profile_unrated", unrated), ("profile_stale", counts["stale"]),
                           ("profile_plan", counts["plan_only"]))
        if count
    )  # fmt: skip
    body = b.t(
        "profile_summary", status=status, why=f" ({reason})" if reason else "", total=format_number(mine.height, b.lang),
        critical=counts["critical"], attention=counts["attention"], ready=counts["ready"],
        extra=extra, missing=missing,
    )  # fmt: skip
    note = left_out_note(b, b.region)
    return Markdown(f"{body} {note}" if note else body)


def regency_facts(b: BriefingCore) -> Markdown:
    """The regency's facts in one sentence (TPS, kecamatan, villages, DPT, logistics)."""
    return facts_sentence(b)


def regency_facts_table(b: BriefingCore) -> Table:
    """The regency's facts one a line, each with the date of its report."""
    facts = facts_table(b)
    return replace(facts, source=source_line(b, _FACT_TABLES, b.region))


def regency_indicator_table(b: BriefingCore) -> Table:
    """This regency's indicators against the norm and against the province."""
    mine = b.regencies.filter(pl.col("region_code") == b.region)
    columns = [b.t("indicator"), b.t("value"), b.t("norm"), b.t("status"),
               b.t("province"), b.t("rank"), b.t("coverage")]  # fmt: skip
    rows: list[list[Any]] = []
    for row in mine.iter_rows(named=True):
        indicator = row["indicator"]
        province = b.value(b.province, b.province_code, indicator)
        rows.append([
            b.name_of(indicator), b.dated_value(row),
            format_value(row["norm"], row["unit"], b.lang),
            StatusCell(_status_key(row), b.lang),
            b.status_cell(province, marks=False),
            _rank(b, indicator), format_percent(row["coverage"], b.lang, 0),
        ])  # fmt: skip
    mine_and_all = (sources_of(b, REGIONAL_TABLES, b.region),
                    b.t("source_compared", source=sources_of(b, REGIONAL_TABLES)))  # fmt: skip
    source = b.t("source_line", parts="; ".join(mine_and_all))
    return Table(columns, rows, align="lrrlrrr", widths=[30, 11, 8, 17, 9, 8, 8],
                 note=b.t("dated_legend") + b.t("missing_legend"), source=source)  # fmt: skip


def _status_key(row: dict[str, Any]) -> str | None:
    """The status, or ``unrated`` for a value that has no threshold to be judged by."""
    if row["status"] is None and row["value"] is not None:
        return "unrated"
    status: str | None = row["status"]
    return status


def _rank(b: BriefingCore, indicator: str) -> str:
    if indicator not in b.registry:
        return MISSING
    direction = b.registry[indicator].direction
    if direction == "none":  # descriptive: never ranked
        return MISSING
    # a stale figure or a plan is not ranked against current ones
    frame = b.regencies.filter(
        (pl.col("indicator") == indicator)
        & pl.col("value").is_not_null()
        & ~pl.col("status").is_in(["stale", "plan_only"]).fill_null(False)
    )
    if frame.height == 0 or b.region not in frame["region_code"].to_list():
        return MISSING
    if direction == "target":
        key = (pl.col("value") - pl.col("norm")).abs()
        descending = False
    else:
        key = pl.col("value")
        descending = direction == "higher"
    ranked = frame.with_columns(key.rank("min", descending=descending).alias("rank"))
    rank = ranked.filter(pl.col("region_code") == b.region)["rank"][0]
    return f"{int(rank)}/{frame.height}"
