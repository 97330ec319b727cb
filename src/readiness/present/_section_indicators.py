"""Briefing section: one indicator across the regencies, as a chart against its norm or
in a table beside others (used by the logistics, polling-station and security sections)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from readiness.present import _charts as charts
from readiness.present._briefing_core import BriefingCore, short
from readiness.present._display import Figure, Table
from readiness.present._format import format_percent
from readiness.present._source_line import indicator_tables, source_line, with_source

__all__ = ["indicator_chart", "indicator_table"]


def indicator_chart(b: BriefingCore, indicator: str) -> Figure:
    """One indicator across the regencies, against its norm."""
    frame = b.dated_names(b.regencies)
    highlight = b.region if not b.is_province else None
    chart = charts.indicator_bars(
        frame, indicator, b.name_of(indicator), b.lang, highlight=highlight
    )
    norm_note = ""
    rows = frame.filter(pl.col("indicator") == indicator)["norm"].drop_nulls()
    if rows.len():
        norm_note = f" — {b.t('norm_line')}"
    source = source_line(b, indicator_tables([indicator]))
    return Figure(chart, with_source(f"{b.name_of(indicator)}{norm_note}", source))


def indicator_table(b: BriefingCore, indicators: Sequence[str]) -> Table:
    """Regencies × a few indicators (value and coverage)."""
    names = b.names()
    present = [i for i in indicators if i in set(b.regencies["indicator"].to_list())]
    columns = [b.t("regency")]
    for indicator in present:
        columns += [b.name_of(indicator), b.t("coverage")]
    rows = []
    for code in b.regency_codes:
        row: list[Any] = [short(names.get(code, code))]
        for indicator in present:
            found = b.value(b.regencies, code, indicator)
            row += [
                b.status_cell(found, marks=False),
                format_percent(found["coverage"] if found else None, b.lang, 0),
            ]
        rows.append(row)
    widths = [16, *([12, 7] * len(present))]
    return Table(columns, rows, align="l" + "rr" * len(present), widths=widths,
                 note=b.t("dated_legend") + b.t("missing_legend"), source=source_line(b, indicator_tables(present)))  # fmt: skip
