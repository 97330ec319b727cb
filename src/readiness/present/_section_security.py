"""Briefing section: security personnel — as each regency reports them, with who is
counted, and for one regency by agency and role."""

from __future__ import annotations

from typing import Any

import polars as pl

from readiness.contract import AGENCIES, AGENCY_MIXES, ROLES, TABLES, TableName
from readiness.present._briefing_core import BriefingCore, short
from readiness.present._display import Markdown, Table
from readiness.present._format import MISSING, format_number, format_quoted, quoted_legend
from readiness.present._labels import closed_label
from readiness.present._source_line import source_line

__all__ = ["personnel_table", "security_table"]


def security_table(b: BriefingCore) -> Table | Markdown:
    """Personnel as reported, with who is counted (figures are often not comparable)."""
    names = b.names()
    summary = b.latest_summary()
    personnel = b.table("personnel")
    rows: list[list[Any]] = []
    scopes: list[str | None] = []
    for code in b.regency_codes:
        stated = summary.filter(pl.col("region_code") == code)
        parts = personnel.filter(pl.col("region_code").str.starts_with(code))
        by_agency = ", ".join(
            f"{closed_label(AGENCIES, r['agency'], b.lang)} {format_number(r['count'], b.lang)}"
            for r in parts.iter_rows(named=True)
        )
        scope = stated["security_scope"][0] if stated.height else None
        scopes.append(scope)
        count = stated["security_personnel"][0] if stated.height else None
        mix = stated["security_agencies"][0] if stated.height else None
        covered = stated["security_tps_covered"][0] if stated.height else None
        day = stated["as_of"][0] if stated.height and count is not None else None
        rows.append([short(names.get(code, code)), format_number(count, b.lang) + b.older(day),
                     closed_label(AGENCY_MIXES, mix, b.lang) if count is not None else MISSING,
                     format_number(covered, b.lang),
                     by_agency or MISSING, format_quoted(scope, b.lang)])  # fmt: skip
    columns = [b.t("regency"), b.t("personnel"),
               TABLES["summary"].column("security_agencies").label(b.lang),
               TABLES["summary"].column("security_tps_covered").label(b.lang),
               b.t("agency"), b.t("scope")]  # fmt: skip
    return Table(columns, rows, align="lrlrll", widths=[12, 8, 12, 8, 18, 38],
                 note=quoted_legend(b.lang, scopes) + b.t("missing_legend"),
                 source=source_line(b, ["summary", "personnel"]))  # fmt: skip


def personnel_table(b: BriefingCore) -> Table | Markdown:
    """Personnel of the regency by agency and role, else the total the regency stated."""
    frame = b.table("personnel", b.region)
    rows = [[closed_label(AGENCIES, r["agency"], b.lang), closed_label(ROLES, r["role"], b.lang),
             format_number(r["count"], b.lang) + b.older(r["as_of"]),
             format_quoted(r["scope"], b.lang)]
            for r in frame.iter_rows(named=True)]  # fmt: skip
    tables: list[TableName] = ["personnel"]
    scopes = frame["scope"].to_list() if "scope" in frame.columns else []
    if not rows:
        stated = (
            b.table("summary", b.region)
            .filter(pl.col("region_code") == b.region)
            .sort("as_of")
            .tail(1)
        )
        total = stated["security_personnel"][0] if stated.height else None
        if total is None:
            return Markdown(b.t("not_reported_here"))
        unsplit = b.t("not_broken_down")
        tables = ["summary"]
        scopes = [stated["security_scope"][0]]
        rows = [[unsplit, closed_label(ROLES, "security", b.lang),
                 format_number(total, b.lang) + b.older(stated["as_of"][0]),
                 format_quoted(stated["security_scope"][0], b.lang)]]  # fmt: skip
    columns = [b.t("agency"), b.t("role"), b.t("count"),
               b.t("scope")]  # fmt: skip
    return Table(columns, rows, align="llrl", widths=[16, 14, 10, 50],
                 note=quoted_legend(b.lang, scopes).rstrip(),
                 source=source_line(b, tables, b.region))  # fmt: skip
