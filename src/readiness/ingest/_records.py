"""What every reader shares: the table schema with provenance, the workbook's metadata block,
and the finding for a cell that could not be parsed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass

import polars as pl

from readiness.contract import (
    CONTRACT_VERSION,
    LANGUAGES,
    PROVENANCE_SCHEMA,
    Finding,
    TableName,
    polars_schema,
)
from readiness.ingest._dates import parse_date
from readiness.ingest._headers import (
    fold_header,
)
from readiness.ingest._names import RegionNameError
from readiness.ingest._template_layout import METADATA_LABELS
from readiness.ingest._values import (
    ValueParseError,
    is_blank,
    parse_code,
    parse_text,
)
from readiness.regions import (
    UnknownRegionError,
    match_region,
)

__all__ = ["PROVENANCE_SCHEMA", "Metadata", "finding_from_error", "frame_schema", "read_metadata"]


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
    fold_header(label.get(lang)): key
    for key, label in METADATA_LABELS.items()
    for lang in LANGUAGES
}
"""Folded metadata label (either language) → metadata key."""
_METADATA_PARSERS: dict[str, Callable[[object], object]] = {
    "region_code": parse_code,
    "region_name": parse_text,
    "as_of": parse_date,
    "source": parse_text,
    "contract_version": parse_text,
}


def finding_from_error(
    error: ValueParseError | RegionNameError,
    *,
    file: str | None,
    sheet: str | None,
    row: int | None,
    column: str | None,
    value: str | None = None,
) -> Finding:
    """The error finding for a cell that could not be parsed (or a region name that names no
    region); ``value`` is what the cell held, when the error does not carry it.

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
        value=error.value if isinstance(error, ValueParseError) else value,
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
                message_id=f"Templat memakai kontrak versi {meta.contract_version}, "
                f"program ini membaca versi {CONTRACT_VERSION}.",
                message_en=f"The template is of contract version {meta.contract_version}, "
                f"this program reads version {CONTRACT_VERSION}.",
                hint_id="Tulis templat baru dengan `readiness template` lalu salin datanya.",
                hint_en="Write a fresh template with `readiness template` and copy the data over.",
                file=file,
                sheet=sheet,
                value=meta.contract_version,
            )
        )
    return meta, findings
