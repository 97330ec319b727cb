"""Findings for people: column labels in the reader's language, a frame, folding long lists."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from readiness.contract import (
    SEVERITIES,
    TABLES,
    Finding,
    Language,
    Severity,
    Text,
    count_by_severity,
)
from readiness.validation._registry import show

__all__ = [
    "SEVERITY_LABELS",
    "column_label",
    "findings_frame",
    "findings_json",
    "fold_findings",
    "summary_line",
]

SEVERITY_LABELS: dict[Language, dict[Severity, str]] = {
    "id": {"error": "kesalahan", "warning": "peringatan", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}

_SEVERAL: dict[Severity, Text] = {
    "error": Text("kesalahan", "errors"),
    "warning": Text("peringatan", "warnings"),
    "info": Text("info", "info"),
}
"""A severity after a count other than one."""

_SUMMARY: dict[str, Text] = {
    "none": Text(
        "Tidak ada temuan: data lolos semua pemeriksaan.",
        "No findings: the data passed every check.",
    ),
    "counts": Text("{parts} di {files} berkas.", "{parts} in {files} file(s)."),
}


def _fold(text: str) -> str:
    return " ".join(text.lower().rstrip("* ").split())


def column_label(finding: Finding, lang: Language = "id") -> str | None:
    """The finding's column as a reader of ``lang`` names it.

    Findings record the Indonesian header label. It is translated through the contract: by the
    finding's sheet when it names a table, else when the label means one thing in every table;
    anything else (a header as the user typed it) is kept as is.

    >>> f = Finding(rule="schema.range", severity="error", message_id="", message_en="",
    ...             sheet="Personel", column="Jumlah")
    >>> column_label(f, "en"), column_label(f, "id")
    ('Count', 'Jumlah')
    >>> from dataclasses import replace
    >>> column_label(replace(f, sheet=None), "en")
    'Count'
    >>> column_label(replace(f, sheet="TPS", column="Kode wilayah, Per tanggal"), "en")
    'Region code, As of'
    """
    if finding.column is None:
        return None
    translated = _translate(finding.column, finding.sheet, lang)
    if translated is None and ", " in finding.column:  # several columns, e.g. a record's key
        parts = finding.column.split(", ")
        return ", ".join(_translate(part, finding.sheet, lang) or part for part in parts)
    return translated or finding.column


def _translate(label: str, sheet_name: str | None, lang: Language) -> str | None:
    wanted = _fold(label)
    sheet = _fold(sheet_name) if sheet_name is not None else None
    on_sheet: set[str] = set()
    anywhere: set[str] = set()
    for spec in TABLES.values():
        for column in spec.columns:
            if wanted in (_fold(column.label_id), _fold(column.label_en), column.name):
                anywhere.add(column.label(lang))
                if sheet in (_fold(spec.sheet_id), _fold(spec.sheet_en)):
                    on_sheet.add(column.label(lang))
    for candidates in (on_sheet, anywhere):
        if len(candidates) == 1:
            return candidates.pop()
    return None


def _as_dict(finding: Finding, lang: Language) -> dict[str, str | int | None]:
    return {**finding.as_dict(lang), "column": column_label(finding, lang)}


def findings_frame(findings: Sequence[Finding], lang: Language = "id") -> pl.DataFrame:
    """Findings as a frame (rule, severity, file, sheet, row, column, value, message, hint).

    >>> findings_frame([]).columns[:3]
    ['rule', 'severity', 'file']
    """
    return pl.DataFrame(
        [_as_dict(f, lang) for f in findings],
        schema={
            "rule": pl.String, "severity": pl.String, "file": pl.String, "sheet": pl.String,
            "row": pl.Int64, "column": pl.String, "value": pl.String, "message": pl.String,
            "hint": pl.String,
        },
    )  # fmt: skip


def findings_json(findings: Sequence[Finding], lang: Language = "id") -> dict[str, object]:
    """The JSON report: ``{"errors": N, "warnings": N, "findings": [...]}``.

    Counts are exact even when long lists were folded into "and N more" findings.

    >>> findings_json([])
    {'errors': 0, 'warnings': 0, 'findings': []}
    """
    counts = count_by_severity(findings)
    return {
        "errors": counts["error"],
        "warnings": counts["warning"],
        "findings": [_as_dict(f, lang) for f in findings],
    }


def summary_line(
    findings: Sequence[Finding], lang: Language = "id", *, files_read: int | None = None
) -> str:
    """One line: how many errors, warnings and notes, in how many files.

    A finding about no single file (a folded "and N more", a missing column) concerns every
    file read: with ``files_read`` given, those are counted too.

    >>> summary_line([], "en")
    'No findings: the data passed every check.'
    >>> folded = Finding(rule="schema.range", severity="error", message_id="", message_en="",
    ...                  count=3)
    >>> summary_line([folded], "id", files_read=1)
    '3 kesalahan, 0 peringatan, 0 info di 1 berkas.'
    """
    counts = count_by_severity(findings)
    if not findings:
        return _SUMMARY["none"].get(lang)
    files = len({f.file for f in findings if f.file is not None})
    if files_read is not None and any(f.file is None for f in findings):
        files = max(files, files_read)
    parts = [
        f"{show(counts[s], lang)} "
        + (SEVERITY_LABELS[lang][s] if counts[s] == 1 else _SEVERAL[s].get(lang))
        for s in SEVERITIES
    ]
    return _SUMMARY["counts"].format(parts=", ".join(parts), files=show(files, lang)).get(lang)


def fold_findings(findings: Sequence[Finding], max_per_rule: int | None) -> list[Finding]:
    """Keep the first ``max_per_rule`` findings of each rule and fold the rest (two or more)
    into one.

    >>> many = [Finding(rule="schema.range", severity="error", message_id="", message_en="",
    ...                 row=r) for r in range(5)]
    >>> folded = fold_findings(many, 2)
    >>> len(folded), folded[-1].count, count_by_severity(folded)["error"]
    (3, 3, 5)
    """
    if max_per_rule is None:
        return list(findings)
    kept: list[Finding] = []
    rest: dict[str, list[Finding]] = {}
    seen: dict[str, int] = {}
    for finding in findings:
        if finding.count > 1 or seen.get(finding.rule, 0) < max_per_rule:
            kept.append(finding)
            seen[finding.rule] = seen.get(finding.rule, 0) + (finding.count == 1)
        else:
            rest.setdefault(finding.rule, []).append(finding)
    for rule, extra in rest.items():
        n = sum(f.count for f in extra)
        if n == 1:
            kept.extend(extra)
            continue
        kept.append(
            Finding(
                rule=rule,
                severity=extra[0].severity,
                message_id=f"… dan {show(n, 'id')} temuan lain untuk aturan {rule}.",
                message_en=f"… and {show(n, 'en')} more findings of rule {rule}.",
                hint_id="Perbaiki yang ditampilkan lalu validasi ulang.",
                hint_en="Fix the ones shown and validate again.",
                value=str(n),
                count=n,
            )
        )
    return kept
