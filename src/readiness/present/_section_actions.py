"""Briefing section: page 1's list of what needs action now (critical statuses first, then
attention). Kept on its own so the decision page can take its place."""

from __future__ import annotations

import polars as pl

from readiness.present._briefing_core import SEVERITY_RANK, BriefingCore, short
from readiness.present._display import Markdown
from readiness.present._escape import escape_markdown
from readiness.present._format import format_number, format_value
from readiness.present._labels import status_label

__all__ = ["actions"]


def actions(b: BriefingCore, limit: int = 8) -> Markdown:
    """The few things that need action now: critical statuses first, then attention."""
    flagged = (
        b.regencies.filter(pl.col("status").is_in(["critical", "attention"]))
        .with_columns(pl.col("status").replace_strict(SEVERITY_RANK, default=9).alias("rank"))
        .sort("rank", "region_code")
    )
    if flagged.height == 0:
        return Markdown(b.t("nothing_to_act"))
    names = b.names()
    lines = []
    rejected = b.left_out_rows()
    for row in flagged.head(limit).iter_rows(named=True):
        own = rejected.filter(pl.col("region_code").str.starts_with(row["region_code"]))
        cause = ""
        if own.height and row["indicator"] == "data_coverage":
            cause = b.t("act_rejected", count=format_number(own.height, b.lang))
        norm = (
            f" ({b.t('norm').lower()} {format_value(row['norm'], row['unit'], b.lang)})"
            if row["norm"] is not None
            else ""
        )
        lines.append(
            f"- **{escape_markdown(short(names.get(row['region_code'], row['region_code'])))}"
            f"** — {escape_markdown(b.name_of(row['indicator']))}: "
            f"{format_value(row['value'], row['unit'], b.lang)}{norm} · "
            f"*{status_label(row['status'], b.lang)}*{cause}"
        )
    more = flagged.height - limit
    if more > 0:
        lines.append(b.t("act_more", count=more))
    return Markdown("\n".join(lines))
