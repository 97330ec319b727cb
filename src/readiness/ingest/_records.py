"""Turn a grid of cells (a sheet, a CSV file) into one canonical table plus findings.

The grid holds raw cell values (text as typed, numbers as Excel stored them); every cell is
parsed by its column's kind. Pre-filled rows that carry only a region (and TPS number) are
dropped: nothing was reported there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from readiness.contract import (
    CLOSED_SETS,
    CONTRACT_VERSION,
    TABLES,
    ColumnSpec,
    Finding,
    TableName,
    polars_schema,
)
from readiness.ingest._headers import (
    IDENTITY_COLUMNS,
    HeaderMap,
    find_header_row,
    fold_header,
    map_headers,
)
from readiness.ingest._values import (
    ValueParseError,
    is_blank,
    parse_closed,
    parse_code,
    parse_count,
    parse_date,
    parse_decimal,
    parse_text,
)
from readiness.regions import (
    UnknownRegionError,
    descendants,
    match_region,
    normalize_name,
    region_table,
    suggest_regions,
)

__all__ = [
    "PROVENANCE_SCHEMA",
    "Metadata",
    "finding_from_error",
    "frame_schema",
    "read_grid",
    "read_metadata",
]

PROVENANCE_SCHEMA: dict[str, pl.DataType] = {
    "_file": pl.String(),
    "_sheet": pl.String(),
    "_row": pl.Int64(),
}

# Depths a region may sit at, per table, most likely first (2 = kabupaten/kota, 3 = kecamatan,
# 4 = desa/kelurahan): the template lists villages on the TPS sheet, kecamatan on Logistik.
# A name that exists at two levels (Kecamatan and Kelurahan Teluk Bayur) takes the first,
# unless its prefix (Kec., Kel., Desa, Kampung) says otherwise.
_REGION_DEPTHS: dict[TableName, tuple[int, ...]] = {
    "summary": (2,),
    "polling_stations": (4, 3),
    "logistics": (3, 4),
    "personnel": (2, 3),
    "neutrality_cases": (2, 3, 4),
    "vulnerabilities": (2, 3, 4),
}
_PREFIX_DEPTH = {"kabupaten": 2, "kota": 2, "kecamatan": 3, "desa": 4, "kelurahan": 4, "kampung": 4}


def frame_schema(table: TableName) -> dict[str, pl.DataType]:
    """Canonical columns and provenance columns with their dtypes.

    >>> list(frame_schema("personnel"))[-3:]
    ['_file', '_sheet', '_row']
    """
    return {**polars_schema(table), **PROVENANCE_SCHEMA}


@dataclass(frozen=True)
class Metadata:
    """The metadata block of a workbook's instructions sheet.

    ``as_of`` and ``source`` fill rows that leave theirs blank; ``region_code`` (the regency)
    is where region names are looked up.
    """

    region_code: str | None = None
    region_name: str | None = None
    as_of: dt.date | None = None
    source: str | None = None
    contract_version: str | None = None


_METADATA_LABELS = {
    "kode wilayah": "region_code",
    "region code": "region_code",
    "nama wilayah": "region_name",
    "region name": "region_name",
    "per tanggal": "as_of",
    "as of": "as_of",
    "sumber": "source",
    "source": "source",
    "versi kontrak": "contract_version",
    "contract version": "contract_version",
}
_METADATA_PARSERS: dict[str, Callable[[object], object]] = {
    "region_code": parse_code,
    "region_name": parse_text,
    "as_of": parse_date,
    "source": parse_text,
    "contract_version": parse_text,
}


def finding_from_error(
    error: ValueParseError,
    *,
    file: str | None,
    sheet: str | None,
    row: int | None,
    column: str | None,
) -> Finding:
    """The error finding for a cell that could not be parsed.

    >>> try:
    ...     parse_date("besok")
    ... except ValueParseError as error:
    ...     found = finding_from_error(error, file="a.csv", sheet=None, row=3, column="Per tanggal")
    >>> found.rule, found.severity, found.row, found.value
    ('value.date', 'error', 3, 'besok')
    """
    return Finding(
        rule=error.rule,
        severity="error",
        message_id=error.message_id,
        message_en=error.message_en,
        hint_id=error.hint_id,
        hint_en=error.hint_en,
        file=file,
        sheet=sheet,
        row=row,
        column=column,
        value=error.value,
    )


def read_metadata(
    rows: Sequence[Sequence[object]], *, file: str | None = None, sheet: str | None = None
) -> tuple[Metadata, list[Finding]]:
    """Read the label/value block of an instructions sheet (first occurrence of each label).

    >>> meta, found = read_metadata([["Petunjuk pengisian"], ["Kode wilayah", "64.03"],
    ...                              ["Per tanggal", "25/11/2024"], ["Sumber", None]])
    >>> meta.region_code, str(meta.as_of), meta.source, found
    ('64.03', '2024-11-25', None, [])
    """
    values: dict[str, object] = {}
    seen: set[str] = set()
    findings: list[Finding] = []
    for index, row in enumerate(rows):
        cells = list(row)
        for position, cell in enumerate(cells):
            if is_blank(cell):
                continue
            key = _METADATA_LABELS.get(fold_header(cell))
            if key is not None and key not in seen:
                seen.add(key)
                raw = cells[position + 1] if position + 1 < len(cells) else None
                try:
                    values[key] = _METADATA_PARSERS[key](raw)
                except ValueParseError as error:
                    findings.append(
                        finding_from_error(
                            error, file=file, sheet=sheet, row=index + 1, column=str(cell).strip()
                        )
                    )
            break  # only the first filled cell of a row can be a label
    meta = Metadata(**values)  # type: ignore[arg-type]
    if meta.region_code is None and meta.region_name is not None:
        with suppress(UnknownRegionError):  # else rows need their own codes
            meta = Metadata(
                match_region(meta.region_name, depth=2),
                meta.region_name,
                meta.as_of,
                meta.source,
                meta.contract_version,
            )
    if (
        meta.contract_version
        and meta.contract_version.split(".")[0] != (CONTRACT_VERSION.split(".")[0])
    ):
        findings.append(
            Finding(
                rule="file.contract_version",
                severity="warning",
                message_id=f"templat versi kontrak {meta.contract_version}, "
                f"program memakai {CONTRACT_VERSION}",
                message_en=f"template of contract version {meta.contract_version}, "
                f"this program reads {CONTRACT_VERSION}",
                hint_id="unduh templat terbaru dengan `readiness template` dan salin datanya",
                hint_en="write a fresh template with `readiness template` and copy the data over",
                file=file,
                sheet=sheet,
                value=meta.contract_version,
            )
        )
    return meta, findings


def _parser(column: ColumnSpec) -> Callable[[object], object]:
    if column.kind == "code":
        return parse_code
    if column.kind == "date":
        return parse_date
    if column.kind == "count":
        return parse_count
    if column.kind == "number":
        return parse_decimal
    if column.kind == "closed" and column.closed_set is not None:
        closed = CLOSED_SETS[column.closed_set]
        return lambda value: parse_closed(value, closed)
    return parse_text


@lru_cache(maxsize=256)
def _name_index(
    within: str | None, depth: int
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Folded names (with and without Kab./Kec. prefix) → codes, for one scope and level."""
    if within is not None:
        table = descendants(within, depth)
    else:
        table = region_table().filter(
            pl.col("code").str.count_matches(".", literal=True) == depth - 1
        )
    full: dict[str, list[str]] = {}
    bare: dict[str, list[str]] = {}
    for code, name in zip(table["code"].to_list(), table["name"].to_list(), strict=True):
        full.setdefault(normalize_name(name), []).append(code)
        bare.setdefault(normalize_name(name, keep_prefix=False), []).append(code)
    return full, bare


@lru_cache(maxsize=8192)
def _match_name(name: str, within: str | None, depth: int) -> str:
    full, bare = _name_index(within, depth)
    for index, folded in (
        (full, normalize_name(name)),
        (bare, normalize_name(name, keep_prefix=False)),
    ):
        codes = index.get(folded, [])
        if len(codes) == 1:
            return codes[0]
    # aliases, ambiguity and suggestions: the reference's own matcher says it best
    return match_region(name, within=within, depth=depth)


def _scope_for(scope: str | None, depth: int) -> str | None:
    if scope is None:
        return None
    parts = scope.split(".")
    if depth > len(parts):
        return scope
    return ".".join(parts[: depth - 1]) or None


class _RegionNameError(Exception):
    def __init__(self, rule: str, message_id: str, message_en: str, hint_id: str, hint_en: str):
        super().__init__(message_en)
        self.rule = rule
        self.message_id, self.message_en = message_id, message_en
        self.hint_id, self.hint_en = hint_id, hint_en


def _resolve_name(name: str, scope: str | None, depths: tuple[int, ...]) -> str:
    """The code for a region name within the workbook's regency, trying each allowed depth."""
    found: dict[int, str] = {}
    ambiguous: list[str] = []
    for depth in depths:
        try:
            found[depth] = _match_name(name, _scope_for(scope, depth), depth)
        except UnknownRegionError as error:
            if "ambiguous" in str(error):
                ambiguous.append(str(error))
    if found:
        words = normalize_name(name).split()
        preferred = _PREFIX_DEPTH.get(words[0]) if words else None
        if preferred in found:
            return found[preferred]
        return next(found[depth] for depth in depths if depth in found)
    where_id = f" di {scope}" if scope else ""
    where_en = f" under {scope}" if scope else ""
    if ambiguous:
        raise _RegionNameError(
            "region.ambiguous_name",
            f"nama wilayah {name!r}{where_id} cocok dengan lebih dari satu wilayah",
            f"region name {name!r}{where_en} matches more than one region",
            "isi kode wilayah, atau tulis nama lengkap dengan Kecamatan/Desa/Kelurahan",
            "fill in the region code, or write the full name with Kecamatan/Desa/Kelurahan",
        )
    per_depth = [suggest_regions(name, within=_scope_for(scope, d), depth=d) for d in depths]
    suggestions: list[str] = []
    for rank in range(3):  # the best of each level first
        for options in per_depth:
            if rank < len(options) and options[rank] not in suggestions:
                suggestions.append(options[rank])
    if suggestions:
        hint_id = f"mungkin maksudnya {' atau '.join(suggestions[:3])}? Atau isi kode wilayah."
        hint_en = f"did you mean {' or '.join(suggestions[:3])}? Or fill in the region code."
    else:
        hint_id = "periksa ejaan (lihat lembar Wilayah), atau isi kode wilayah"
        hint_en = "check the spelling (see the Regions sheet), or fill in the region code"
    raise _RegionNameError(
        "region.unknown_name",
        f"nama wilayah {name!r} tidak ditemukan{where_id}",
        f"no region named {name!r}{where_en}",
        hint_id,
        hint_en,
    )


def read_grid(
    table: TableName,
    rows: Sequence[Sequence[object]],
    *,
    file: str | None = None,
    sheet: str | None = None,
    metadata: Metadata | None = None,
    row_numbers: Sequence[int] | None = None,
) -> tuple[pl.DataFrame, list[Finding]]:
    """Read one table from a grid of raw cells: find the header, parse every filled row.

    ``row_numbers`` gives the number a person sees for each grid row (default: position + 1,
    as in a spreadsheet).

    >>> frame, found = read_grid("personnel", [
    ...     ["Kode wilayah *", "Instansi *", "Peran *", "Jumlah *", "Per tanggal *"],
    ...     ["64.03", "Polri", "Pengamanan", "1.588 orang", "25/11/2024"],
    ...     ["64.03", "TNI", "Pengamanan", "banyak", "25/11/2024"],
    ... ], file="berau.xlsx", sheet="Personel")
    >>> frame.select("agency", "count", "_row").rows()
    [('polri', 1588, 2), ('tni', None, 3)]
    >>> [(f.rule, f.row, f.column, f.value) for f in found]
    [('value.count', 3, 'Jumlah', 'banyak')]
    """
    meta = metadata or Metadata()
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(rows) + 1))
    spec = TABLES[table]
    schema = frame_schema(table)
    header_index = find_header_row(table, rows)
    if header_index < 0:
        return pl.DataFrame(schema=schema), [_no_header(table, file, sheet)]
    defaults = frozenset(
        name for name, value in (("as_of", meta.as_of), ("source", meta.source)) if value
    )
    header = map_headers(
        table, rows[header_index], defaults=defaults, file=file, sheet=sheet,
        row=numbers[header_index],
    )  # fmt: skip
    findings = list(header.findings)
    parsers = {name: _parser(spec.column(name)) for name in header.mapped}
    data: dict[str, list[object]] = {name: [] for name in schema}
    for index in range(header_index + 1, len(rows)):
        record, row_findings = _read_row(
            table, rows[index], header, parsers, meta, file, sheet, numbers[index]
        )
        findings.extend(row_findings)
        if record is None:
            continue
        for name in spec.column_names:
            data[name].append(record.get(name))
        data["_file"].append(file)
        data["_sheet"].append(sheet)
        data["_row"].append(numbers[index])
    return pl.DataFrame(data, schema=schema), findings


def _read_row(
    table: TableName,
    cells: Sequence[object],
    header: HeaderMap,
    parsers: dict[str, Callable[[object], object]],
    meta: Metadata,
    file: str | None,
    sheet: str | None,
    row: int,
) -> tuple[dict[str, object] | None, list[Finding]]:
    raw = {
        name: cells[position] if position < len(cells) else None
        for position, name in header.columns.items()
    }
    spec = TABLES[table]
    filled = [name for name in spec.column_names if name in raw and not is_blank(raw[name])]
    if not set(filled) - set(IDENTITY_COLUMNS):
        return None, []
    record: dict[str, object] = {}
    findings: list[Finding] = []
    reported: set[str] = set()
    for name in filled:
        try:
            record[name] = parsers[name](raw[name])
        except ValueParseError as error:
            reported.add(name)
            findings.append(
                finding_from_error(
                    error, file=file, sheet=sheet, row=row, column=header.labels[name]
                )
            )
    if record.get("as_of") is None and "as_of" not in reported:
        record["as_of"] = meta.as_of
    if record.get("source") is None and "source" not in reported:
        record["source"] = meta.source
    name_text = record.get("region_name")
    if record.get("region_code") is None and "region_code" not in reported and name_text:
        depths = (4,) if record.get("tps_number") is not None else _REGION_DEPTHS[table]
        scope = meta.region_code
        try:
            record["region_code"] = _resolve_name(str(name_text), scope, depths)
        except _RegionNameError as error:
            reported.add("region_code")
            findings.append(
                Finding(
                    rule=error.rule,
                    severity="error",
                    message_id=error.message_id,
                    message_en=error.message_en,
                    hint_id=error.hint_id,
                    hint_en=error.hint_en,
                    file=file,
                    sheet=sheet,
                    row=row,
                    column=header.labels.get("region_name", "Nama wilayah"),
                    value=str(name_text),
                )
            )
    has_name = "region_name" in header.mapped
    for column in spec.columns:
        in_header = column.name in header.mapped or (column.name == "region_code" and has_name)
        if (
            not column.required
            or not in_header  # reported once, as header.missing
            or record.get(column.name) is not None
            or column.name in reported
        ):
            continue
        label = header.labels.get(column.name, column.label_id)
        findings.append(
            Finding(
                rule="value.required",
                severity="error",
                message_id=f"{label!r} wajib diisi pada baris yang berisi data",
                message_en=f"{column.label_en!r} must be filled on a row that holds data",
                hint_id=f"isi {label!r} ({column.description_id}), atau kosongkan seluruh baris",
                hint_en=f"fill in {column.label_en!r} ({column.description_en}), or clear the "
                "whole row",
                file=file,
                sheet=sheet,
                row=row,
                column=label,
            )
        )
    return record, findings


def _no_header(table: TableName, file: str | None, sheet: str | None) -> Finding:
    spec = TABLES[table]
    return Finding(
        rule="header.not_found",
        severity="error",
        message_id=f"baris judul kolom lembar {spec.sheet_id!r} tidak ditemukan di 11 baris "
        "pertama",
        message_en=f"no header row found for {spec.sheet_en!r} in the first 11 rows",
        hint_id="baris pertama harus berisi judul kolom templat, mis. "
        f"{', '.join(c.label_id for c in spec.columns[:3])}",
        hint_en="the first row must hold the template's column headers, e.g. "
        f"{', '.join(c.label_en for c in spec.columns[:3])}",
        file=file,
        sheet=sheet,
    )
