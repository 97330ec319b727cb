"""A copy of a regency's workbook with every cell to correct filled and commented.

The source workbook is only read; the copy gets a fill on each failing cell, a comment carrying
each finding (message and hint in the reader's language) and a ``Koreksi`` (``Corrections``)
sheet listing every finding of the file, those without a cell included.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from readiness.contract import Finding, Language, Severity, Text
from readiness.ingest import match_header, match_table_name

__all__ = [
    "CORRECTIONS_SHEET",
    "SEVERITY_FILLS",
    "comment_text",
    "mark_workbook",
]

CORRECTIONS_SHEET: dict[Language, str] = {"id": "Koreksi", "en": "Corrections"}
"""The sheet added to the copy, listing every finding of the file."""

SEVERITY_FILLS: dict[Severity, str] = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
"""Fill colour (RGB hex) of a failing cell, by the worst severity of its findings."""

_HEADER_ROWS = 10
"""Rows searched for the header cell naming a finding's column."""

_SEVERITY_WORDS: dict[Severity, Text] = {
    "error": Text("KESALAHAN", "ERROR"),
    "warning": Text("PERINGATAN", "WARNING"),
    "info": Text("INFO", "INFO"),
}
_RANK: dict[Severity, int] = {"error": 0, "warning": 1, "info": 2}

_SHEET_TEXT: dict[str, Text] = {
    "title": Text("Daftar koreksi — {file}", "Corrections — {file}"),
    "note": Text(
        "Sel yang perlu diperbaiki diberi warna (merah: kesalahan, kuning: peringatan) dan "
        "komentar. Perbaiki di berkas asli Anda lalu kirim ulang; lembar ini tidak perlu "
        "dikirim kembali.",
        "Cells to correct are coloured (red: error, yellow: warning) and commented. Correct "
        "them in your original file and send it again; this sheet need not be sent back.",
    ),
    "headers": Text(
        "Lembar|Baris|Kolom|Nilai tertulis|Tingkat|Pesan|Petunjuk|Aturan",
        "Sheet|Row|Column|Value written|Severity|Message|Hint|Rule",
    ),
    "hint": Text("Petunjuk", "Hint"),
    "rule": Text("aturan", "rule"),
}


def comment_text(finding: Finding, lang: Language = "id") -> str:
    """What a cell comment says about one finding: severity, message, hint and rule.

    >>> f = Finding(rule="schema.range", severity="error", sheet="Ringkasan", row=2,
    ...             column="Jumlah TPS", value="-5",
    ...             message_id="Jumlah TPS tidak boleh negatif; tertulis -5.",
    ...             message_en="TPS must not be negative; got -5.",
    ...             hint_id="Tulis 0 atau lebih.", hint_en="Write 0 or more.")
    >>> print(comment_text(f))
    KESALAHAN: Jumlah TPS tidak boleh negatif; tertulis -5.
    Petunjuk: Tulis 0 atau lebih.
    (aturan schema.range)
    """
    lines = [f"{_SEVERITY_WORDS[finding.severity].get(lang)}: {finding.message(lang)}"]
    if finding.hint(lang):
        lines.append(f"{_SHEET_TEXT['hint'].get(lang)}: {finding.hint(lang)}")
    lines.append(f"({_SHEET_TEXT['rule'].get(lang)} {finding.rule})")
    return "\n".join(lines)


def _fold(text: object) -> str:
    return " ".join(str(text).lower().rstrip("* ").split())


def _column_index(sheet: Any, sheet_name: str, label: str) -> int | None:
    """The 1-based column whose header names ``label`` (a contract label, either language,
    or the header as the user typed it)."""
    table = match_table_name(sheet_name)
    wanted = match_header(table, label) if table is not None else None
    for row in sheet.iter_rows(min_row=1, max_row=_HEADER_ROWS):
        for cell in row:
            if cell.value is None:
                continue
            if _fold(cell.value) == _fold(label):
                return int(cell.column)
            if (
                wanted is not None
                and table is not None
                and match_header(table, cell.value) == wanted
            ):
                return int(cell.column)
    return None


def _cells_of(sheet: Any, finding: Finding) -> list[tuple[int, int]]:
    """The (row, column) cells a finding points at: its column(s) on its row, or the whole
    row when it names no column it can be found by; none without a row."""
    if finding.row is None or finding.sheet is None:
        return []
    columns: list[int] = []
    if finding.column is not None:
        labels = [finding.column, *finding.column.split(", ")]
        for label in labels:
            index = _column_index(sheet, finding.sheet, label)
            if index is not None and index not in columns:
                columns.append(index)
            if columns and label == finding.column:
                break
    if not columns:
        columns = list(range(1, max(int(sheet.max_column), 1) + 1))
    return [(finding.row, column) for column in columns]


def mark_workbook(
    source: Path, target: Path, findings: Sequence[Finding], lang: Language = "id"
) -> int:
    """Copy ``source`` to ``target`` with the findings marked; returns how many cells were
    marked. ``source`` is opened read-only in effect: only ``target`` is written.

    Each failing cell gets the fill of its worst finding and one comment gathering all of
    them; a finding without a cell (no sheet or row, or a sheet the workbook lacks) is listed
    only on the corrections sheet, which lists every finding and opens first.
    """
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    with warnings.catch_warnings():
        # openpyxl says it drops data-validation extensions it does not know; the copy is
        # for reading the marks, the regency keeps its own file.
        warnings.simplefilter("ignore", UserWarning)
        book = load_workbook(source)
    by_cell: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.sheet is None or finding.sheet not in book.sheetnames:
            continue
        for row, column in _cells_of(book[finding.sheet], finding):
            by_cell[(finding.sheet, row, column)].append(finding)
    for (sheet_name, row, column), found in by_cell.items():
        cell = book[sheet_name].cell(row=row, column=column)
        worst = min((f.severity for f in found), key=_RANK.__getitem__)
        cell.fill = PatternFill(fill_type="solid", start_color=SEVERITY_FILLS[worst])
        body = "\n\n".join(comment_text(f, lang) for f in found)
        comment = Comment(body, "readiness")
        comment.width = 360
        comment.height = min(60 + 18 * body.count("\n") + len(body) // 2, 600)
        cell.comment = comment
    _add_corrections_sheet(book, source.name, findings, lang)
    book.save(target)
    return len(by_cell)


def _add_corrections_sheet(
    book: Any, file_name: str, findings: Sequence[Finding], lang: Language
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    name = CORRECTIONS_SHEET[lang]
    if name in book.sheetnames:
        del book[name]
    sheet = book.create_sheet(name, 0)
    sheet["A1"] = _SHEET_TEXT["title"].format(file=file_name).get(lang)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = _SHEET_TEXT["note"].get(lang)
    headers = _SHEET_TEXT["headers"].get(lang).split("|")
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=4, column=column, value=header)
        cell.font = Font(bold=True)
    ordered = sorted(findings, key=lambda f: (_RANK[f.severity], f.sheet or "", f.row or 0))
    for offset, finding in enumerate(ordered):
        row = 5 + offset
        values = [
            finding.sheet, finding.row, finding.column, finding.value,
            _SEVERITY_WORDS[finding.severity].get(lang).lower(), finding.message(lang),
            finding.hint(lang), finding.rule,
        ]  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=5).fill = PatternFill(
            fill_type="solid", start_color=SEVERITY_FILLS[finding.severity]
        )
    for letter, width in zip("ABCDEFGH", (12, 7, 20, 16, 11, 60, 50, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    book.active = 0
    for other in book.worksheets[1:]:
        other.sheet_view.tabSelected = False
