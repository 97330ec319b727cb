"""Briefing section: the regency profile — its summary, its facts, and its indicators
against the norm, the province and the other regencies."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import polars as pl

from readiness.compare import CompareConfig
from readiness.contract import AGENCY_MIXES, FRESHNESS_STATUSES, JUDGED_STATUSES, TableName
from readiness.indicators import AGENCY_SCOPED
from readiness.present._briefing_core import SEVERITY_RANK, BriefingCore, short
from readiness.present._display import Markdown, StatusCell, Table
from readiness.present._format import MISSING, format_number, format_percent, format_value
from readiness.present._labels import closed_label, status_label
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
    not_added = []
    for row in mine.iter_rows(named=True):
        indicator = row["indicator"]
        province = b.value(b.province, b.province_code, indicator)
        if _scopes_differ(b, indicator, province):
            not_added.append(b.t("province_not_added", indicator=b.name_of(indicator),
                                 groups=_scope_groups(b, indicator)))  # fmt: skip
        rows.append([
            b.name_of(indicator), b.dated_value(row),
            format_value(row["norm"], row["unit"], b.lang),
            StatusCell(_status_key(row), b.lang),
            _province_cell(b, indicator, province),
            _rank(b, row), format_percent(row["coverage"], b.lang, 0),
        ])  # fmt: skip
    mine_and_all = (sources_of(b, REGIONAL_TABLES, b.region),
                    b.t("source_compared", source=sources_of(b, REGIONAL_TABLES)))  # fmt: skip
    source = b.t("source_line", parts="; ".join(mine_and_all))
    total = len(b.regency_codes)
    legend = b.t("rank_legend", needed=_rank_minimum(b), total=total)
    return Table(columns, rows, align="lrrlrrr", widths=[27, 10, 7, 15, 16, 7, 8],
                 note="".join(not_added) + legend + b.t("dated_legend") + b.t("missing_legend"),
                 source=source)  # fmt: skip


def _current(b: BriefingCore, indicator: str) -> pl.DataFrame:
    """The regencies' current figures of ``indicator`` (a stale figure or a plan is not one)."""
    return b.regencies.filter(
        (pl.col("indicator") == indicator)
        & pl.col("value").is_not_null()
        & ~pl.col("status").is_in(["stale", "plan_only"]).fill_null(False)
    )


def _rank_minimum(b: BriefingCore) -> int:
    """How many regencies must report an indicator for a rank among them to mean something:
    the comparison's minimum coverage of the regencies."""
    share = (b.comparison.config if b.comparison else CompareConfig()).min_composite_coverage
    return max(1, math.ceil(share * len(b.regency_codes) - 1e-9))


def _province_cell(b: BriefingCore, indicator: str, province: dict[str, Any] | None) -> str:
    """The provincial figure, saying on how many regencies it rests when not on all."""
    cell = b.status_cell(province, marks=False)
    if province is None or province["value"] is None or province["status"] in FRESHNESS_STATUSES:
        return cell
    count, total = _current(b, indicator).height, len(b.regency_codes)
    if 0 < count < total:
        return b.t("province_of_some", value=cell, count=count, total=total)
    return cell


def _scopes_differ(b: BriefingCore, indicator: str, province: dict[str, Any] | None) -> bool:
    """Whether the provincial figure is missing because the regencies count different
    agencies (never added), though more than one reports it."""
    if indicator not in AGENCY_SCOPED or (province is not None and province["value"] is not None):
        return False
    return _current(b, indicator).height > 1


def _scope_groups(b: BriefingCore, indicator: str) -> str:
    """The regencies reporting ``indicator`` grouped by the agencies their figure counts,
    e.g. "Polri saja: Kutai Kartanegara, Penajam Paser Utara; Tidak dirinci: Berau"."""
    reporting = set(_current(b, indicator)["region_code"].to_list())
    summary = b.latest_summary().filter(pl.col("region_code").is_in(reporting))
    stated = dict(zip(summary["region_code"], summary["security_agencies"], strict=True))
    detail = b.table("personnel").filter(
        (pl.col("role") == "security") & pl.col("region_code").str.slice(0, 5).is_in(reporting)
    )
    names = b.names()
    groups = []
    for key in AGENCY_MIXES.keys:
        codes = sorted(
            code for code in reporting
            if (stated.get(code) or _mix_of(detail, code)) == key
        )  # fmt: skip
        if codes:
            regencies = ", ".join(short(names.get(code, code)) for code in codes)
            groups.append(f"{closed_label(AGENCY_MIXES, key, b.lang)}: {regencies}")
    return "; ".join(groups)


def _mix_of(detail: pl.DataFrame, code: str) -> str:
    """The agency mix of a regency's personnel rows, when its summary does not state it."""
    agencies = set(detail.filter(pl.col("region_code").str.starts_with(code))["agency"].to_list())
    named = [agency for agency in ("polri", "tni", "linmas") if agency in agencies]
    return "_".join(named) if named and len(named) == len(agencies) else "unknown"


def _status_key(row: dict[str, Any]) -> str | None:
    """The status, or ``unrated`` for a value that has no threshold to be judged by."""
    if row["status"] is None and row["value"] is not None:
        return "unrated"
    status: str | None = row["status"]
    return status


def _rank(b: BriefingCore, row: dict[str, Any]) -> str:
    """The regency's rank among the regencies reporting the indicator: only for a rated
    indicator (a descriptive one, or one without thresholds, is not better or worse) and
    when enough regencies report it (a rank on a third of the evidence is not a rank)."""
    indicator = row["indicator"]
    if indicator not in b.registry or row["status"] not in JUDGED_STATUSES:
        return MISSING
    direction = b.registry[indicator].direction
    if direction == "none":  # descriptive: never ranked
        return MISSING
    # a stale figure or a plan is not ranked against current ones
    frame = _current(b, indicator)
    if frame.height < _rank_minimum(b) or b.region not in frame["region_code"].to_list():
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
