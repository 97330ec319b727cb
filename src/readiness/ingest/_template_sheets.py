"""The sheets of the Excel template: instructions, one sheet per table with its checks, the
regions and the hidden lists (layout and text in ``_template_layout.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from readiness.contract import (
    CLOSED_SETS,
    CONTRACT_VERSION,
    TABLES,
    ColumnSpec,
    Language,
    TableName,
    TableSpec,
)
from readiness.ingest._template_layout import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    METADATA_LABELS,
    PREFILL_DEPTH,
    REGIONS_SHEET,
    TEMPLATE_TEXT,
    VALIDATED_ROWS,
)
from readiness.regions import Region, code_depth_expr

__all__ = [
    "Formats",
    "list_ranges",
    "make_formats",
    "prefill_rows",
    "write_instructions",
    "write_lists",
    "write_regions",
    "write_table",
]

_DATE_FORMAT = "dd/mm/yyyy"


def _text(lang: Language) -> dict[str, str]:
    """:data:`TEMPLATE_TEXT` in ``lang``."""
    return {key: text.get(lang) for key, text in TEMPLATE_TEXT.items()}


@dataclass(frozen=True)
class Formats:
    """The cell formats of one workbook."""

    title: Any
    bold: Any
    wrap: Any
    header: Any
    required_header: Any
    text: Any
    date: Any
    label: Any


def make_formats(workbook: Any) -> Formats:
    return Formats(
        title=workbook.add_format({"bold": True, "font_size": 14}),
        bold=workbook.add_format({"bold": True}),
        wrap=workbook.add_format({"text_wrap": True, "valign": "top"}),
        header=workbook.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        ),
        required_header=workbook.add_format(
            {"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True}
        ),
        text=workbook.add_format({"num_format": "@"}),
        date=workbook.add_format({"num_format": _DATE_FORMAT}),
        label=workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1}),
    )


def write_instructions(
    workbook: Any,
    formats: Formats,
    regency: Region,
    lang: Language,
    as_of: dt.date | None,
    source: str | None,
) -> None:
    text = _text(lang)
    sheet = workbook.add_worksheet(INSTRUCTIONS_SHEET.get(lang))
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 90)
    sheet.write_string(0, 0, text["title"].format(name=regency.name, code=regency.code),
                       formats.title)  # fmt: skip
    sheet.write_string(1, 0, text["intro"])
    row = 3
    sheet.write_string(row, 0, text["what"], formats.bold)
    for spec in TABLES.values():
        row += 1
        sheet.write_string(row, 0, spec.sheet(lang))
        sheet.write_string(row, 1, spec.description(lang), formats.wrap)
    row += 2
    sheet.write_string(row, 0, text["how"], formats.bold)
    for line in text["rules"].splitlines():
        row += 1
        sheet.write_string(row, 0, line)
    row += 2
    sheet.write_string(row, 0, text["metadata"], formats.bold)
    values: dict[str, object] = {
        "region_code": regency.code,
        "region_name": regency.name,
        "as_of": as_of,
        "source": source,
        "contract_version": CONTRACT_VERSION,
    }
    for key, labels in METADATA_LABELS.items():
        row += 1
        sheet.write_string(row, 0, labels.get(lang), formats.label)
        value = values[key]
        if isinstance(value, dt.date):
            sheet.write_datetime(row, 1, dt.datetime.combine(value, dt.time()), formats.date)
        elif isinstance(value, str) and value:
            sheet.write_string(row, 1, value, formats.text)
        elif key == "as_of":
            sheet.write_blank(row, 1, None, formats.date)
            sheet.data_validation(row, 1, row, 1, _date_validation(lang))
    sheet.activate()


def prefill_rows(
    table: TableName, regency: Region, region_rows: pl.DataFrame
) -> list[tuple[str, str]]:
    depth = PREFILL_DEPTH.get(table)
    if depth is None:
        return []
    if depth == 2:
        return [(regency.code, regency.name)]
    at_depth = region_rows.filter(code_depth_expr(pl.col("code")) == depth)
    return list(zip(at_depth["code"].to_list(), at_depth["name"].to_list(), strict=True))


def list_ranges(lang: Language) -> dict[str, str]:
    sheet = LISTS_SHEET.get(lang)
    ranges = {}
    for index, closed in enumerate(CLOSED_SETS.values()):
        column = _column_name(index)
        last = len(closed.keys) + 1
        ranges[closed.name] = f"={sheet}!${column}$2:${column}${last}"
    return ranges


def _column_name(index: int) -> str:
    """The Excel column letters of a 0-based column index.

    >>> _column_name(0), _column_name(25), _column_name(26), _column_name(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(index))


def write_lists(workbook: Any, formats: Formats, lang: Language) -> None:
    sheet = workbook.add_worksheet(LISTS_SHEET.get(lang))
    for index, closed in enumerate(CLOSED_SETS.values()):
        sheet.write_string(0, index, closed.name, formats.bold)
        for offset, label in enumerate(closed.labels(lang), start=1):
            sheet.write_string(offset, index, label)
        sheet.set_column(index, index, max(len(x) for x in closed.labels(lang)) + 2)
    sheet.hide()


def write_regions(
    workbook: Any, formats: Formats, region_rows: pl.DataFrame, lang: Language
) -> None:
    sheet = workbook.add_worksheet(REGIONS_SHEET.get(lang))
    for index, label in enumerate(TEMPLATE_TEXT["regions_header"].get(lang).split("|")):
        sheet.write_string(0, index, label, formats.header)
    sheet.set_column(0, 0, 16, formats.text)
    sheet.set_column(1, 1, 32)
    sheet.set_column(2, 2, 12)
    sheet.set_column(3, 3, 14, formats.text)
    sheet.freeze_panes(1, 0)
    columns = ("code", "name", "level", "parent_code")
    for row, values in enumerate(region_rows.select(columns).iter_rows(), start=1):
        for column, value in enumerate(values):
            if value is not None:
                sheet.write_string(row, column, str(value))
    sheet.autofilter(0, 0, max(region_rows.height, 1), len(columns) - 1)


def _column_width(column: ColumnSpec, lang: Language) -> int:
    if column.name in ("source", "note", "mitigation", "scope", "security_scope", "reference"):
        return 40
    if column.name == "region_name":
        return 30
    if column.kind == "closed":
        return 24
    return max(len(column.label(lang)) + 4, 14)


def write_table(
    workbook: Any,
    formats: Formats,
    spec: TableSpec,
    lang: Language,
    prefilled: Sequence[tuple[str, str]],
    records: pl.DataFrame | None,
    list_ranges: dict[str, str],
) -> None:
    text = _text(lang)
    sheet = workbook.add_worksheet(spec.sheet(lang))
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 30)
    for index, column in enumerate(spec.columns):
        label = column.label(lang) + (" *" if column.required else "")
        header = formats.required_header if column.required else formats.header
        sheet.write_string(0, index, label, header)
        note = column.description(lang) + (f" {text['required']}" if column.required else "")
        sheet.write_comment(0, index, note, {"x_scale": 2, "y_scale": 1.2})
        cell_format = {"code": formats.text, "date": formats.date}.get(column.kind)
        sheet.set_column(index, index, _column_width(column, lang), cell_format)

    rows = _layout_rows(spec, prefilled, records)
    for row, values in enumerate(rows, start=1):
        for index, column in enumerate(spec.columns):
            _write_value(sheet, formats, row, index, column, values.get(column.name), lang)

    last = max(VALIDATED_ROWS, len(rows) + 500)
    for index, column in enumerate(spec.columns):
        validation = _validation(column, lang, list_ranges)
        if validation is not None:
            sheet.data_validation(1, index, last, index, validation)


def _layout_rows(
    spec: TableSpec, prefilled: Sequence[tuple[str, str]], records: pl.DataFrame | None
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [
        {"region_code": code, "region_name": name} for code, name in prefilled
    ]
    free: dict[str, list[int]] = {}
    for position, (code, _) in enumerate(prefilled):
        free.setdefault(code, []).append(position)
    if records is None:
        return rows
    for record in records.iter_rows(named=True):
        slots = free.get(str(record.get("region_code")))
        if slots:
            position = slots.pop(0)
            merged = {k: v for k, v in record.items() if v is not None}
            rows[position] = {**rows[position], **merged}
        else:
            rows.append(dict(record))
    return rows


def _write_value(
    sheet: Any,
    formats: Formats,
    row: int,
    index: int,
    column: ColumnSpec,
    value: object,
    lang: Language,
) -> None:
    if value is None:
        return
    if column.kind == "date" and isinstance(value, dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        sheet.write_datetime(row, index, moment, formats.date)
    elif column.kind in ("count", "number") and isinstance(value, (int, float)):
        sheet.write_number(row, index, value)
    elif column.kind == "closed" and column.closed_set is not None:
        closed = CLOSED_SETS[column.closed_set]
        key = str(value)
        label = closed.label(key, lang) if key in closed.keys else key
        sheet.write_string(row, index, label)
    elif column.kind == "code":
        sheet.write_string(row, index, str(value), formats.text)
    else:
        sheet.write_string(row, index, str(value))


def _validation(
    column: ColumnSpec, lang: Language, list_ranges: dict[str, str]
) -> dict[str, Any] | None:
    text = _text(lang)
    if column.kind == "closed" and column.closed_set is not None:
        return {
            "validate": "list",
            "source": list_ranges[column.closed_set],
            "input_title": text["list_title"],
            "input_message": text["list_message"],
            "error_type": "warning",
        }
    if column.kind == "count":
        return {
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "input_title": text["count_title"],
            "input_message": text["count_message"],
            "error_type": "warning",
            "ignore_blank": True,
        }
    if column.kind == "date":
        return _date_validation(lang)
    return None


def _date_validation(lang: Language) -> dict[str, Any]:
    text = _text(lang)
    return {
        "validate": "date",
        "criteria": "between",
        "minimum": dt.date(2000, 1, 1),
        "maximum": dt.date(2100, 12, 31),
        "input_title": text["date_title"],
        "input_message": text["date_message"],
        "error_type": "warning",
    }
