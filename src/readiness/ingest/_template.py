"""The Excel template a province sends to each regency, optionally filled from a dataset.

Layout (the workbook reader relies on it):

* ``Petunjuk`` (``Instructions``): title, what to fill and how, then a metadata block with
  labels in column A and values in column B: region code, region name, as-of date, source and
  contract version. The as-of date and source are the defaults for rows that leave them blank.
* one data sheet per contract table, named ``TableSpec.sheet(lang)``, in contract order: row 1
  holds the column labels (required ones end with ``" *"``), data start on row 2.
* ``Wilayah`` (``Regions``): the regency's kecamatan and villages from the Kemendagri reference.
* ``Daftar`` (``Lists``, hidden): the labels of every closed set, used by the dropdowns.

Rows pre-filled from the reference carry only the region code and name; the reader ignores a
row with nothing else filled.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
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
from readiness.ingest._dataset import Dataset
from readiness.regions import Region, UnknownRegionError, descendants, get_region

__all__ = [
    "INSTRUCTIONS_SHEET",
    "LISTS_SHEET",
    "METADATA_LABELS",
    "REGIONS_SHEET",
    "template_file_name",
    "write_template",
    "write_templates",
]

INSTRUCTIONS_SHEET: dict[Language, str] = {"id": "Petunjuk", "en": "Instructions"}
REGIONS_SHEET: dict[Language, str] = {"id": "Wilayah", "en": "Regions"}
LISTS_SHEET: dict[Language, str] = {"id": "Daftar", "en": "Lists"}

METADATA_LABELS: dict[str, dict[Language, str]] = {
    "region_code": {"id": "Kode wilayah", "en": "Region code"},
    "region_name": {"id": "Nama wilayah", "en": "Region name"},
    "as_of": {"id": "Per tanggal", "en": "As of"},
    "source": {"id": "Sumber", "en": "Source"},
    "contract_version": {"id": "Versi kontrak", "en": "Contract version"},
}
"""Labels of the metadata block on the instructions sheet (column A; values in column B)."""

VALIDATED_ROWS = 2000
"""Rows below the header that carry dropdowns and number/date checks (more if pre-filled)."""

_DATE_FORMAT = "dd/mm/yyyy"
_PREFILL: dict[TableName, int] = {"summary": 2, "polling_stations": 4, "logistics": 3}
"""Tables pre-filled with one row per region at this depth (2 regency, 3 kecamatan, 4 village)."""

_TEXT: dict[Language, dict[str, str]] = {
    "id": {
        "title": "Templat laporan kesiapan Pilkada — {name} ({code})",
        "intro": (
            "Isi satu lembar per tabel. Data dari kabupaten/kota dikumpulkan provinsi, "
            "diperiksa otomatis, lalu dibandingkan antarwilayah."
        ),
        "what": "Yang diisi",
        "how": "Cara mengisi",
        "rules": "\n".join(
            (
                "• Tanggal ditulis dd/mm/yyyy, mis. 25/11/2024.",
                "• Sel kosong berarti TIDAK DILAPORKAN. Jangan menulis 0 untuk angka yang "
                "tidak diketahui: 0 berarti memang nol.",
                "• Kolom bertanda * wajib diisi. Per tanggal dan Sumber yang kosong diambil "
                "dari blok keterangan di bawah.",
                "• Kolom berdaftar (jenis logistik, tahap, instansi, subjek, status, kategori) "
                "dipilih dari daftar tarik-turun.",
                "• Kode wilayah ditulis sebagai teks dengan titik (64.03.01), bukan angka.",
                "• Baris yang hanya berisi kode dan nama wilayah diabaikan; tambahkan baris "
                "baru di bawah bila perlu (mis. satu baris per TPS atau per jenis logistik).",
                "• Daftar kecamatan dan desa/kelurahan ada di lembar Wilayah.",
            )
        ),
        "metadata": "Keterangan laporan",
        "regions_header": "Kode|Nama|Tingkat|Kode induk",
        "count_title": "Bilangan bulat ≥ 0",
        "count_message": "Tulis angka bulat, mis. 1588. Kosongkan bila tidak dilaporkan; "
        "jangan tulis 0 untuk yang tidak diketahui.",
        "date_title": "Tanggal",
        "date_message": "Tulis tanggal dd/mm/yyyy, mis. 25/11/2024.",
        "list_title": "Pilih dari daftar",
        "list_message": "Pilih salah satu nilai dari daftar.",
        "required": "Wajib diisi.",
    },
    "en": {
        "title": "Pilkada readiness report template — {name} ({code})",
        "intro": (
            "Fill one sheet per table. The province collects every regency's data, checks it "
            "automatically and compares regions."
        ),
        "what": "What to fill",
        "how": "How to fill it",
        "rules": "\n".join(
            (
                "• Write dates as dd/mm/yyyy, e.g. 25/11/2024.",
                "• A blank cell means NOT REPORTED. Never write 0 for an unknown figure: 0 "
                "means zero.",
                "• Columns marked * are required. A blank As of or Source is taken from the "
                "block below.",
                "• Listed columns (item, stage, agency, subject, status, category) are picked "
                "from the dropdown.",
                "• Write region codes as text with dots (64.03.01), not as numbers.",
                "• Rows holding only a region code and name are ignored; add rows below when "
                "needed (e.g. one row per polling station or per item).",
                "• The Regions sheet lists the districts and villages.",
            )
        ),
        "metadata": "About this report",
        "regions_header": "Code|Name|Level|Parent code",
        "count_title": "Whole number ≥ 0",
        "count_message": "Write a whole number, e.g. 1588. Leave blank when not reported; "
        "never write 0 for unknown.",
        "date_title": "Date",
        "date_message": "Write the date as dd/mm/yyyy, e.g. 25/11/2024.",
        "list_title": "Pick from the list",
        "list_message": "Pick one value from the list.",
        "required": "Required.",
    },
}


@dataclass(frozen=True)
class _Formats:
    title: Any
    bold: Any
    wrap: Any
    header: Any
    required_header: Any
    text: Any
    date: Any
    label: Any


def write_template(
    region: str,
    path: str | os.PathLike[str],
    *,
    lang: Language = "id",
    dataset: Dataset | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
) -> Path:
    """Write the workbook for one kabupaten/kota and return its path.

    ``region`` is the regency's Kemendagri code (``"64.03"``, ``"6403"``). With ``dataset``,
    that regency's records are written into the data sheets as typed cells (numbers, dates,
    closed values as their labels). ``as_of`` and ``source`` fill the metadata block; with a
    dataset and no ``as_of``, the latest as-of date of the regency's summary rows is used.
    The file is written to a temporary file beside ``path`` and then renamed.

    >>> import tempfile, pathlib, fastexcel
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> out = write_template("64.03", folder / "berau.xlsx")
    >>> fastexcel.read_excel(out).sheet_names[:3]
    ['Petunjuk', 'Ringkasan', 'TPS']
    """
    target = Path(path)
    regency = _regency(region)
    if as_of is None and dataset is not None:
        as_of = _latest_as_of(dataset, regency.code)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.stem}-", suffix=".xlsx", dir=target.parent
    )
    os.close(handle)
    try:
        _write_workbook(Path(temporary), regency, lang, dataset, as_of, source)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return target


def write_templates(
    province: str,
    out_dir: str | os.PathLike[str],
    *,
    lang: Language = "id",
    dataset: Dataset | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
) -> list[Path]:
    """Write one workbook per kabupaten/kota of a province into ``out_dir``.

    Files are named ``<code>-<slug>.xlsx`` (see :func:`template_file_name`).

    >>> import tempfile, pathlib
    >>> paths = write_templates("64", pathlib.Path(tempfile.mkdtemp()))
    >>> len(paths), paths[2].name
    (10, '64.03-berau.xlsx')
    """
    parent = get_region(province)
    if parent.level != "provinsi":
        raise UnknownRegionError(
            f"expected a province code such as '64', got {parent.code!r} ({parent.name}, "
            f"{parent.level}). Hint: use write_template() for one kabupaten/kota."
        )
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    regencies = descendants(parent.code, depth=2).sort("code")
    return [
        write_template(
            code,
            folder / template_file_name(code, name),
            lang=lang,
            dataset=dataset,
            as_of=as_of,
            source=source,
        )
        for code, name in zip(regencies["code"], regencies["name"], strict=True)
    ]


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def template_file_name(code: str, name: str) -> str:
    """The workbook file name for a regency: code, then the name without its prefix.

    >>> template_file_name("64.11", "Kabupaten Mahakam Ulu")
    '64.11-mahakam-ulu.xlsx'
    >>> template_file_name("64.72", "Kota Samarinda")
    '64.72-samarinda.xlsx'
    """
    bare = re.sub(r"^(kabupaten|kota)\s+", "", name.strip(), flags=re.IGNORECASE)
    slug = re.sub(r"[^a-z0-9]+", "-", bare.lower().replace("'", "")).strip("-")
    return f"{code}-{slug}.xlsx"


def _regency(region: str) -> Region:
    found = get_region(region)
    if found.level not in ("kabupaten", "kota"):
        raise UnknownRegionError(
            f"a template is made for one kabupaten/kota, got {found.code!r} ({found.name}, "
            f"{found.level}). Hint: use a code such as '64.03'; for every regency of a "
            "province use write_templates()."
        )
    return found


def _latest_as_of(dataset: Dataset, code: str) -> dt.date | None:
    frame = _rows_for(dataset, "summary", code)
    if frame.height == 0:
        return None
    value = frame["as_of"].max()
    return value if isinstance(value, dt.date) else None


def _rows_for(dataset: Dataset, table: TableName, code: str) -> pl.DataFrame:
    frame = dataset.canonical(table)
    return frame.filter(
        (pl.col("region_code") == code) | pl.col("region_code").str.starts_with(code + ".")
    )


def _write_workbook(
    path: Path,
    regency: Region,
    lang: Language,
    dataset: Dataset | None,
    as_of: dt.date | None,
    source: str | None,
) -> None:
    import xlsxwriter  # only when writing: reading a dataset does not need it

    workbook = xlsxwriter.Workbook(str(path))
    created = dt.datetime.combine(as_of, dt.time()) if as_of else dt.datetime(2024, 1, 1)
    workbook.set_properties(
        {
            "title": _TEXT[lang]["title"].format(name=regency.name, code=regency.code),
            "created": created,
        }
    )
    formats = _formats(workbook)
    region_rows = descendants(regency.code).sort("code")
    _write_instructions(workbook, formats, regency, lang, as_of, source)
    list_ranges = _list_ranges(lang)
    for spec in TABLES.values():
        rows = _prefill(spec.name, regency, region_rows)
        records = _rows_for(dataset, spec.name, regency.code) if dataset is not None else None
        _write_table(workbook, formats, spec, lang, rows, records, list_ranges)
    _write_regions(workbook, formats, region_rows, lang)
    _write_lists(workbook, formats, lang)
    workbook.close()


def _formats(workbook: Any) -> _Formats:
    return _Formats(
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


def _write_instructions(
    workbook: Any,
    formats: _Formats,
    regency: Region,
    lang: Language,
    as_of: dt.date | None,
    source: str | None,
) -> None:
    text = _TEXT[lang]
    sheet = workbook.add_worksheet(INSTRUCTIONS_SHEET[lang])
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
        sheet.write_string(row, 0, labels[lang], formats.label)
        value = values[key]
        if isinstance(value, dt.date):
            sheet.write_datetime(row, 1, dt.datetime.combine(value, dt.time()), formats.date)
        elif isinstance(value, str) and value:
            sheet.write_string(row, 1, value, formats.text)
        elif key == "as_of":
            sheet.write_blank(row, 1, None, formats.date)
            sheet.data_validation(row, 1, row, 1, _date_validation(lang))
    sheet.activate()


def _prefill(table: TableName, regency: Region, region_rows: pl.DataFrame) -> list[tuple[str, str]]:
    depth = _PREFILL.get(table)
    if depth is None:
        return []
    if depth == 2:
        return [(regency.code, regency.name)]
    at_depth = region_rows.filter(pl.col("code").str.count_matches(".", literal=True) == depth - 1)
    return list(zip(at_depth["code"].to_list(), at_depth["name"].to_list(), strict=True))


def _list_ranges(lang: Language) -> dict[str, str]:
    sheet = LISTS_SHEET[lang]
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


def _write_lists(workbook: Any, formats: _Formats, lang: Language) -> None:
    sheet = workbook.add_worksheet(LISTS_SHEET[lang])
    for index, closed in enumerate(CLOSED_SETS.values()):
        sheet.write_string(0, index, closed.name, formats.bold)
        for offset, label in enumerate(closed.labels(lang), start=1):
            sheet.write_string(offset, index, label)
        sheet.set_column(index, index, max(len(x) for x in closed.labels(lang)) + 2)
    sheet.hide()


def _write_regions(
    workbook: Any, formats: _Formats, region_rows: pl.DataFrame, lang: Language
) -> None:
    sheet = workbook.add_worksheet(REGIONS_SHEET[lang])
    for index, label in enumerate(_TEXT[lang]["regions_header"].split("|")):
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


def _write_table(
    workbook: Any,
    formats: _Formats,
    spec: TableSpec,
    lang: Language,
    prefilled: Sequence[tuple[str, str]],
    records: pl.DataFrame | None,
    list_ranges: dict[str, str],
) -> None:
    text = _TEXT[lang]
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
    formats: _Formats,
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
    text = _TEXT[lang]
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
    text = _TEXT[lang]
    return {
        "validate": "date",
        "criteria": "between",
        "minimum": dt.date(2000, 1, 1),
        "maximum": dt.date(2100, 12, 31),
        "input_title": text["date_title"],
        "input_message": text["date_message"],
        "error_type": "warning",
    }
