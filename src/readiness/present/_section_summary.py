"""Briefing section: the title block, headings and the executive summary (key figures and
the rows left out of every figure)."""

from __future__ import annotations

import json

import polars as pl

from readiness.contract import AGENCY_MIXES, TABLES, Text, load_election
from readiness.present._briefing_core import BriefingCore, short
from readiness.present._display import Markdown
from readiness.present._escape import escape_markdown
from readiness.present._format import format_date, format_number
from readiness.present._labels import closed_label
from readiness.present._source_line import date_range, report_dates

__all__ = ["heading", "key_figures", "left_out_note", "title_block"]


def title_block(b: BriefingCore) -> Markdown:
    """The document title, subtitle and date as a Pandoc metadata block."""
    kind = "title_province" if b.is_province else "title_regency"
    election = load_election("pilkada-2024")
    day = b.as_of or b.latest_as_of()
    first, last = report_dates(b, b.region)
    reports = (
        b.t("report_dates_province" if b.is_province else "report_dates_regency",
            name=b.region_name, dates=date_range(first, last, b.lang))
        if first is not None
        else ""
    )  # fmt: skip
    meta = {
        "title": f"{b.t(kind)} — {b.region_name}",
        "subtitle": Text(election.name_id, election.name_en).get(b.lang),
        "date": " · ".join(
            part for part in (f"{b.t('as_of')} {format_date(day, b.lang)}", reports) if part
        ),
        "lang": b.lang,
    }
    lines = [f"{key}: {json.dumps(escape_markdown(value), ensure_ascii=False)}"
             for key, value in meta.items()]  # fmt: skip
    return Markdown("---\n" + "\n".join(lines) + "\n---")


def heading(b: BriefingCore, key: str, level: int = 2) -> Markdown:
    """A section heading from the fixed phrases."""
    return Markdown(f"{'#' * level} {b.t(key)}")


def left_out_note(b: BriefingCore, code: str | None = None, limit: int = 6) -> str:
    """One sentence: how many rows were left out of every figure, and where ("" if none)."""
    rows = b.left_out_rows(code)
    if rows.height == 0:
        return ""
    places = []
    for row in rows.head(limit).iter_rows(named=True):
        where = " ".join(str(part) for part in (row["_file"], row["_sheet"]) if part) or TABLES[
            row["table"]
        ].sheet(b.lang)
        places.append(
            b.t("left_out_row", where=where, row=row["_row"]) if row["_row"] is not None else where
        )
    more = rows.height - len(places)
    if more > 0:
        places.append(b.t("left_out_more", count=more))
    return b.t(
        "left_out",
        count=format_number(rows.height, b.lang),
        places=escape_markdown("; ".join(places)),
    )


def key_figures(b: BriefingCore) -> Markdown:
    """The province in a few sentences: who reported, TPS, voters, personnel."""
    summary = b.latest_summary()
    reported = summary["region_code"].n_unique()
    total = format_number(len(b.regency_codes), b.lang)
    logistics = b.logistics_latest()
    with_logistics = logistics["region_code"].str.slice(0, 5).n_unique() if logistics.height else 0
    counts = {"reported": reported, "logistics": with_logistics}
    lines = [
        b.t(
            "regencies_reported",
            total=total,
            **{k: format_number(v, b.lang) for k, v in counts.items()},
        )
    ]
    for column, label_key in (("tps", "key_tps"), ("voters", "key_voters")):
        values = summary[column].drop_nulls()
        count = values.len()
        label = b.t(label_key)
        if count == 0:
            lines.append(b.t("key_not_reported", label=label, missing=b.t("not_reported_here")))
            continue
        lines.append(
            b.t(
                "key_total",
                sum=format_number(int(values.sum()), b.lang),
                label=label,
                count=format_number(count, b.lang),
                total=total,
            )
        )
    lines.append(_personnel_by_scope(b, summary))
    note = left_out_note(b)
    if note:
        lines.append(f"- {note}")
    return Markdown("\n".join(lines))


def _personnel_by_scope(b: BriefingCore, summary: pl.DataFrame) -> str:
    """Security personnel per regency, grouped by who is counted: never one total over
    differing scopes (police only, police + Linmas, not broken down)."""
    names = b.names()
    stated = summary.filter(pl.col("security_personnel").is_not_null())
    if stated.height == 0:
        return b.t(
            "key_not_reported", label=b.t("personnel_label"), missing=b.t("not_reported_here")
        )
    groups = []
    for key in AGENCY_MIXES.keys:
        mine = stated.filter(pl.col("security_agencies").fill_null("unknown") == key)
        if mine.height == 0:
            continue
        parts = []
        for row in mine.sort("region_code").iter_rows(named=True):
            covered = row.get("security_tps_covered")
            tps = (
                b.t("personnel_for_tps", count=format_number(covered, b.lang))
                if covered is not None
                else ""
            )
            parts.append(
                f"{escape_markdown(short(names.get(row['region_code'], row['region_code'])))}"
                f" {format_number(row['security_personnel'], b.lang)}{tps}"
            )
        groups.append(f"{closed_label(AGENCY_MIXES, key, b.lang)}: {', '.join(parts)}")
    return b.t("personnel_by_scope", groups="; ".join(groups))
