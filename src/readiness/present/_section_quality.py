"""Briefing section: data quality — coverage per regency, the status of every indicator,
and the validation findings of one regency."""

from __future__ import annotations

import polars as pl

from readiness.contract import TABLES, Finding, count_by_severity
from readiness.present import _charts as charts
from readiness.present._briefing_core import CORE_INDICATORS, BriefingCore, short
from readiness.present._display import Figure, Markdown, Table
from readiness.present._format import MISSING, format_number
from readiness.present._source_line import (
    REGIONAL_TABLES,
    indicator_tables,
    source_line,
    with_source,
)

__all__ = ["coverage_table", "findings_by_regency", "findings_table", "status_overview"]


def coverage_table(b: BriefingCore) -> Table:
    """Per regency: data coverage, which tables it did not send, what reading found."""
    names = b.names()
    findings = findings_by_regency(b)
    rows = []
    for code in b.regency_codes:
        missing = [TABLES[n].sheet(b.lang) for n in TABLES
                   if b.table(n, code, usable=False).height == 0]  # fmt: skip
        severity = count_by_severity(findings.get(code, []))
        found = b.value(b.regencies, code, "data_coverage")
        not_reported = b.regencies.filter(
            (pl.col("region_code") == code) & pl.col("value").is_null()
        ).height
        rows.append([
            short(names.get(code, code)), b.shown(found),
            format_number(not_reported, b.lang), ", ".join(missing) or MISSING,
            format_number(severity["error"], b.lang),
            format_number(severity["warning"], b.lang),
        ])  # fmt: skip
    columns = [
        b.t("regency"), b.name_of("data_coverage"),
        b.t("without_value"), b.t("empty_sheets"),
        b.t("errors"), b.t("warnings"),
    ]  # fmt: skip
    return Table(columns, rows, align="lrrlrr", widths=[14, 11, 10, 40, 7, 9],
                 source=source_line(b, REGIONAL_TABLES))  # fmt: skip


def status_overview(b: BriefingCore) -> Figure:
    """Every regency × core indicator, coloured by status."""
    frame = b.regencies.filter(pl.col("indicator").is_in(CORE_INDICATORS))
    names = {i: b.name_of(i) for i in CORE_INDICATORS}
    caption = with_source(
        b.t("overview_caption"), source_line(b, indicator_tables(CORE_INDICATORS))
    )
    return Figure(charts.status_overview(frame, names, b.lang), caption)


def findings_by_regency(b: BriefingCore) -> dict[str, list[Finding]]:
    """The validation findings of each regency: those on its rows, and those on no row of a
    file only it fills (a file shared with other regencies, such as the published figures,
    contributes only the findings on each regency's rows)."""
    row_of: dict[tuple[str | None, str | None, int | None], str] = {}
    regencies_of: dict[str, set[str]] = {}
    for name in TABLES:
        frame = b.table(name, usable=False)
        for file, sheet, row, code in frame.select(
            "_file", "_sheet", "_row", "region_code"
        ).iter_rows():
            regency = (code or "")[:5]
            if file is not None:
                regencies_of.setdefault(file, set()).add(regency)
            if regency:
                row_of[(file, sheet, row)] = regency
    owner = {file: next(iter(r)) for file, r in regencies_of.items() if len(r) == 1 and "" not in r}
    found: dict[str, list[Finding]] = {}
    for finding in b.findings:
        regency = row_of.get((finding.file, finding.sheet, finding.row))
        if regency is None and finding.row is None:
            regency = owner.get(finding.file or "")
        if regency:
            found.setdefault(regency, []).append(finding)
    return found


def findings_table(b: BriefingCore, limit: int = 40) -> Table | Markdown:
    """Validation findings about this regency: those on its rows, and those on no row of
    a file only it fills (a file shared with other regencies, such as the published
    figures, contributes only the findings on this regency's rows)."""
    mine = list(b.findings) if b.is_province else findings_by_regency(b).get(b.region, [])
    if not mine:
        return Markdown(b.t("no_findings"))
    severity = {"error": b.t("errors"), "warning": b.t("warnings")}
    rows = [[severity.get(f.severity, f.severity),
             f.rule.replace(".", ".\u200b").replace("_", "_\u200b"),
             f"{f.sheet or ''} {f.row or ''}".strip() or MISSING,
             f.message(b.lang), f.hint(b.lang) or MISSING]
            for f in mine[:limit]]  # fmt: skip
    columns = [b.t("severity"), b.t("rule"), b.t("location"), b.t("message"),
               b.t("hint")]  # fmt: skip
    return Table(columns, rows, align="lllll", widths=[8, 14, 10, 38, 30],
                 source=source_line(b, REGIONAL_TABLES, b.region))  # fmt: skip
