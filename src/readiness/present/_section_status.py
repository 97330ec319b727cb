"""Briefing section: the status of every regency — the status table, the composite
readiness with its rank and stability, and the map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from readiness.present._briefing_core import CORE_INDICATORS, BriefingCore, short
from readiness.present._display import Figure, StatusCell, Table
from readiness.present._format import MISSING, format_number, format_percent
from readiness.present._labels import status_label
from readiness.present._map import choropleth
from readiness.present._source_line import (
    REGIONAL_TABLES,
    indicator_tables,
    source_line,
    with_source,
)

__all__ = ["composite_table", "regency_map", "status_table"]


def status_table(b: BriefingCore) -> Table:
    """All regencies: overall status and the core indicators with their status."""
    names = b.names()
    present = [i for i in CORE_INDICATORS if i in set(b.regencies["indicator"].to_list())]
    columns = [b.t("regency"), b.t("composite"), *(b.name_of(i) for i in present)]
    rows: list[list[Any]] = []
    for code in b.codes_by_rank():
        row: list[Any] = [short(names.get(code, code)), StatusCell(b.composite_of(code),
                                                                     b.lang)]  # fmt: skip
        for indicator in present:
            found = b.value(b.regencies, code, indicator)
            row.append(b.status_cell(found))
        rows.append(row)
    widths = [12, 12, *(11 if i == "data_coverage" else 9 for i in present)]
    note = b.t("status_note") + b.t("missing_legend")
    return Table(columns, rows, align="ll" + "r" * len(present), widths=widths, note=note,
                 source=source_line(b, indicator_tables(present)))  # fmt: skip


def _not_ranked_note(b: BriefingCore) -> str:
    """The unranked regencies and why, for the note under the composite table."""
    if b.comparison is None:
        return ""
    names = b.names()
    unranked = [
        short(names.get(code, code))
        for code in b.codes_by_rank()
        if b.comparison.not_ranked_reason(code, b.lang) is not None
    ]
    if not unranked:
        return ""
    minimum = format_percent(b.comparison.config.min_composite_coverage, b.lang, 0)
    why = b.t("not_ranked_why", minimum=minimum)
    label = status_label("insufficient", b.lang)
    return f" {label} ({why}): {', '.join(unranked)}."


def composite_table(b: BriefingCore) -> Table:
    """The composite readiness per regency and how stable its rank is when the weights
    move (random weights around the configured ones), by rank with the unranked last."""
    names = b.names()
    composite = b.composite
    sensitivity = b.comparison.sensitivity if b.comparison is not None else pl.DataFrame()
    rows: list[list[Any]] = []
    for code in b.codes_by_rank():
        found = composite.filter(pl.col("region_code") == code)
        row = found.row(0, named=True) if found.height else {}
        # an unranked regency has no rank to keep: its stability is not shown
        stable = (
            sensitivity.filter(pl.col("region_code") == code)
            if sensitivity.height and row.get("rank") is not None
            else sensitivity.clear()
        )
        srow = stable.row(0, named=True) if stable.height else {}
        rank_range = (
            f"{srow['rank_min']}–{srow['rank_max']}"
            if srow.get("rank_min") is not None
            else MISSING
        )
        rows.append([
            short(names.get(code, code)), StatusCell(b.composite_of(code), b.lang),
            # a score on too little of the weights is no score: shown only with a rank
            format_number(row.get("score") if row.get("rank") is not None else None,
                          b.lang, 2),
            format_percent(b.coverage_shown(row.get("coverage")), b.lang, 0),
            format_number(row.get("rank"), b.lang), rank_range,
            format_percent(srow.get("keeps_rank_share"), b.lang, 0),
            format_percent(srow.get("bottom_share"), b.lang, 0),
        ])  # fmt: skip
    columns = b.t("composite_columns").split("|")
    minimum = (
        format_percent(b.comparison.config.min_composite_coverage, b.lang, 0)
        if b.comparison is not None
        else MISSING
    )
    note = b.t("composite_note", minimum=minimum, unranked=_not_ranked_note(b))
    return Table(columns, rows, align="llrrrrrr", widths=[15, 14, 9, 9, 9, 10, 9, 10],
                 note=note, source=source_line(b, REGIONAL_TABLES))  # fmt: skip


def regency_map(
    b: BriefingCore, geojson: str | Path | None = None, code_property: str = "code"
) -> Figure:
    """The province's regencies on a map coloured by overall status, from the packaged
    boundaries or a user GeoJSON (Kemendagri codes, dotted or not, in
    ``properties[code_property]``)."""
    frame = pl.DataFrame(
        {
            "region_code": b.regency_codes,
            "status": [b.composite_of(c) for c in b.regency_codes],
        },
        schema={"region_code": pl.String, "status": pl.String},
    )
    chart = choropleth(
        frame, b.province_code, b.lang, geojson=geojson or None,
        code_property=code_property,
    )  # fmt: skip
    return Figure(chart, with_source(b.t("regency_map"), source_line(b, REGIONAL_TABLES)))
