"""Map the header cells people write (Indonesian, English, aliases) to canonical columns."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from readiness.contract import TABLES, Finding, TableName, TableSpec
from readiness.ingest._values import is_blank

__all__ = [
    "IDENTITY_COLUMNS",
    "HeaderMap",
    "find_header_row",
    "fold_header",
    "map_headers",
    "match_header",
    "match_table_name",
]

_NON_WORD = re.compile(r"[^0-9a-z]+")

IDENTITY_COLUMNS: tuple[str, ...] = ("region_code", "region_name", "tps_number", "as_of", "source")
"""Columns that say where, when and from whom, not what: a row with nothing else filled (a
template's pre-filled region, perhaps with a date copied down) reports nothing and is dropped."""


def fold_header(text: object) -> str:
    """Fold a header for comparison: case, spacing, punctuation and a trailing ``*``.

    >>> fold_header("  Jumlah TPS * "), fold_header("Desa/Kelurahan"), fold_header("as_of")
    ('jumlah tps', 'desa kelurahan', 'as of')
    """
    return _NON_WORD.sub(" ", str(text).lower().replace("*", " ")).strip()


@cache
def _index(table: TableName) -> dict[str, str]:
    """Folded spelling → canonical column, strongest claim first.

    Canonical names beat labels, labels beat aliases, and the region name's generic aliases
    (``kecamatan``, ``desa/kelurahan``) yield to any other column that claims the same word.
    """
    spec = TABLES[table]
    claims: dict[str, tuple[int, str]] = {}

    def claim(spelling: str, rank: int, column: str) -> None:
        folded = fold_header(spelling)
        if folded and (folded not in claims or rank < claims[folded][0]):
            claims[folded] = (rank, column)

    for column in spec.columns:
        claim(column.name, 0, column.name)
        claim(column.label_id, 1, column.name)
        claim(column.label_en, 1, column.name)
        for alias in column.aliases:
            claim(alias, 3 if column.name == "region_name" else 2, column.name)
    return {spelling: column for spelling, (_, column) in claims.items()}


def match_header(table: TableName, header: object) -> str | None:
    """The canonical column a header cell names in ``table``, or None.

    >>> match_header("polling_stations", "Jumlah TPS *"), match_header("summary", "Kecamatan")
    ('tps', 'kecamatan_count')
    >>> match_header("logistics", "KECAMATAN"), match_header("logistics", "Warna")
    ('region_name', None)
    """
    if is_blank(header):
        return None
    return _index(table).get(fold_header(header))


@dataclass
class HeaderMap:
    """Which cell of the header row holds which canonical column, and what was wrong."""

    table: TableName
    columns: dict[int, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def mapped(self) -> set[str]:
        """Canonical columns present."""
        return set(self.columns.values())


def _shown(header: object) -> str:
    text = str(header).strip()
    return text[:-1].rstrip() if text.endswith("*") else text


def map_headers(
    table: TableName,
    headers: Sequence[object],
    *,
    defaults: frozenset[str] = frozenset(),
    file: str | None = None,
    sheet: str | None = None,
    row: int | None = None,
) -> HeaderMap:
    """Map a header row: unknown headers are warnings, absent required columns errors.

    ``defaults`` names columns that need no header because a default fills them (the
    workbook's ``Per tanggal`` for ``as_of``). A region code column is not required when the
    region name is there: names are matched to codes.

    >>> found = map_headers("personnel", ["Kode wilayah *", "Instansi", "Warna", "Jumlah"])
    >>> found.columns
    {0: 'region_code', 1: 'agency', 3: 'count'}
    >>> sorted((f.rule, f.severity, f.column) for f in found.findings)
    [('header.missing', 'error', 'Per tanggal'), ('header.missing', 'error', 'Peran'), ('header.unknown', 'warning', 'Warna')]
    """
    spec = TABLES[table]
    result = HeaderMap(table)
    for position, header in enumerate(headers):
        if is_blank(header):
            continue
        column = match_header(table, header)
        if column is None:
            result.findings.append(_unknown(spec, header, file, sheet, row))
        elif column in result.labels:
            result.findings.append(_duplicate(spec, column, header, file, sheet, row))
        else:
            result.columns[position] = column
            result.labels[column] = _shown(header)
    satisfied = set(result.mapped) | defaults
    if "region_name" in satisfied:
        satisfied.add("region_code")
    for spec_column in spec.columns:
        if spec_column.required and spec_column.name not in satisfied:
            result.findings.append(
                Finding(
                    rule="header.missing",
                    severity="error",
                    message_id=f"Kolom wajib {spec_column.label_id!r} tidak ada di baris judul.",
                    message_en=f"The required column {spec_column.label_en!r} is not in the "
                    "header row.",
                    hint_id=f"Tambahkan kolom {spec_column.label_id!r} "
                    f"({spec_column.description_id}).",
                    hint_en=f"Add a column {spec_column.label_en!r} ({spec_column.description_en}).",
                    file=file,
                    sheet=sheet,
                    row=row,
                    column=spec_column.label_id,
                )
            )
    return result


def _unknown(
    spec: TableSpec, header: object, file: str | None, sheet: str | None, row: int | None
) -> Finding:
    labels = [c.label_id for c in spec.columns] + [c.label_en for c in spec.columns]
    close = difflib.get_close_matches(_shown(header), labels, n=2, cutoff=0.5)
    guess_id = f"Mungkin maksudnya {' atau '.join(close)}? " if close else ""
    guess_en = f"Did you mean {' or '.join(close)}? " if close else ""
    known_id = ", ".join(c.label_id for c in spec.columns)
    known_en = ", ".join(c.label_en for c in spec.columns)
    return Finding(
        rule="header.unknown",
        severity="warning",
        message_id=f"Judul kolom {_shown(header)!r} tidak dikenal; kolom ini diabaikan.",
        message_en=f"The column header {_shown(header)!r} is unknown; the column is ignored.",
        hint_id=f"{guess_id}Judul yang dikenal untuk lembar ini: {known_id}.",
        hint_en=f"{guess_en}Headers known for this sheet: {known_en}.",
        file=file,
        sheet=sheet,
        row=row,
        column=_shown(header),
        value=str(header),
    )


def _duplicate(
    spec: TableSpec,
    column: str,
    header: object,
    file: str | None,
    sheet: str | None,
    row: int | None,
) -> Finding:
    label = spec.column(column)
    return Finding(
        rule="header.duplicate",
        severity="warning",
        message_id=f"Kolom {label.label_id!r} muncul dua kali; yang kedua diabaikan.",
        message_en=f"The column {label.label_en!r} appears twice; the second one is ignored.",
        hint_id="Hapus atau ganti nama salah satu kolom.",
        hint_en="Delete or rename one of the two columns.",
        file=file,
        sheet=sheet,
        row=row,
        column=_shown(header),
        value=str(header),
    )


def find_header_row(table: TableName, rows: Sequence[Sequence[object]], limit: int = 11) -> int:
    """Index of the header row: the first (of ``limit``) with two cells naming columns; -1 if none.

    >>> find_header_row("logistics", [["Laporan logistik"], [], ["Kode wilayah", "Tahap"]])
    2
    """
    for index, row in enumerate(rows[:limit]):
        if sum(match_header(table, cell) is not None for cell in row) >= 2:
            return index
    return -1


@cache
def _table_spellings() -> dict[str, TableName]:
    spellings: dict[str, TableName] = {}
    for spec in TABLES.values():
        for spelling in (spec.name, spec.sheet_id, spec.sheet_en):
            spellings[fold_header(spelling)] = spec.name
    return spellings


def match_table_name(text: str, *, allow_prefix: bool = False) -> TableName | None:
    """The table a sheet name or file stem stands for (canonical, Indonesian or English).

    With ``allow_prefix``, words in front are skipped, so ``64.03-logistik`` and
    ``berau_polling_stations`` name their tables.

    >>> match_table_name("Logistik"), match_table_name("polling stations")
    ('logistics', 'polling_stations')
    >>> match_table_name("64.03-logistik", allow_prefix=True), match_table_name("Wilayah")
    ('logistics', None)
    """
    words = fold_header(text).split()
    starts = range(len(words)) if allow_prefix else range(1)
    for start in starts:
        found = _table_spellings().get(" ".join(words[start:]))
        if found is not None:
            return found
    return None
