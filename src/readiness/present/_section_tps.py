"""Briefing section: polling stations (TPS) and voters — the reported figures per regency
and the published figures that disagree with them."""

from __future__ import annotations

from typing import Any

import polars as pl

from readiness.contract import TABLES
from readiness.present._briefing_core import BriefingCore, short
from readiness.present._display import Markdown, Table
from readiness.present._escape import escape_markdown
from readiness.present._format import format_number, quoted_legend
from readiness.present._source_line import source_line

__all__ = ["reconciliation", "tps_table"]


def tps_table(b: BriefingCore) -> Table:
    """The reported figures per regency: kecamatan, villages, TPS (lokasi khusus), DPT,
    with TPS per village and voters per TPS."""
    names = b.names()
    summary = b.latest_summary()
    rows: list[list[Any]] = []
    for code in b.regency_codes:
        found = summary.filter(pl.col("region_code") == code)
        row = found.row(0, named=True) if found.height else {}
        rows.append([
            short(names.get(code, code)) + b.older(row.get("as_of")),
            format_number(row.get("kecamatan_count"), b.lang),
            format_number(row.get("village_count"), b.lang),
            format_number(row.get("tps"), b.lang),
            format_number(row.get("tps_khusus"), b.lang),
            format_number(row.get("voters"), b.lang),
            b.shown(b.value(b.regencies, code, "tps_per_village")),
            b.shown(b.value(b.regencies, code, "voters_per_tps")),
        ])  # fmt: skip
    columns = [b.t("regency")] + [
        TABLES["summary"].column(c).label(b.lang)
        for c in ("kecamatan_count", "village_count", "tps", "tps_khusus", "voters")
    ] + [b.name_of("tps_per_village"), b.name_of("voters_per_tps")]  # fmt: skip
    return Table(columns, rows, align="lrrrrrrr", widths=[16, 10, 11, 9, 10, 12, 11, 11],
                 note=b.t("missing_legend"),
                 source=source_line(b, ["summary"], published=True))  # fmt: skip


def reconciliation(b: BriefingCore) -> Markdown:
    """Published figures that disagree with each other or with the regencies' reports:
    each names both sources, both values and the difference."""
    found = [f for f in b.findings if f.rule.startswith("reconcile.")]
    if not found:
        return Markdown(b.t("reconciled"))
    messages = [f.message(b.lang) for f in found]
    lines = [f"**{b.t('reconciliation')}**", ""] + [f"- {escape_markdown(m)}" for m in messages]
    legend = quoted_legend(b.lang, messages).rstrip()
    if legend:
        lines += ["", escape_markdown(legend)]
    return Markdown("\n".join(lines))
