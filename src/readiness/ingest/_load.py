"""Load a dataset: a folder of filled workbooks and CSV/Parquet files, or one such file.

A processed dataset (``manifest.json`` beside ``<table>.parquet``) loads back the same way.
Inputs are only read, never written.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from readiness.contract import PROVENANCE_COLUMNS, TABLE_NAMES, Finding, TableName
from readiness.ingest._built import (
    BUILT_FINDINGS_KEY,
    FINDINGS_FILE,
    findings_from_frame,
    read_built_findings,
    read_built_tables,
)
from readiness.ingest._conform import (
    conform_columns,
    conform_frame,
    conform_table,
    table_columns,
)
from readiness.ingest._csv import read_csv_file
from readiness.ingest._dataset import Dataset, SourceFile, provinces_of
from readiness.ingest._headers import map_headers
from readiness.ingest._readers import (
    FileRead,
    file_finding,
    read_workbook,
    region_in_name,
    table_for_stem,
    unknown_table_finding,
)
from readiness.ingest._records import Metadata, frame_schema

__all__ = [
    "IGNORED_NAMES",
    "WORKBOOK_SUFFIXES",
    "dataset_files",
    "empty_dataset_finding",
    "is_reading_rule",
    "load_dataset",
]

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
_KINDS = {**{suffix: "xlsx" for suffix in WORKBOOK_SUFFIXES}, ".csv": "csv", ".parquet": "parquet"}
IGNORED_NAMES = frozenset({"manifest.json"})
_IGNORED_SUFFIXES = frozenset({".md", ".txt"})


def load_dataset(
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    files: Sequence[str | os.PathLike[str]] | None = None,
    columns: Mapping[TableName, Sequence[str]] | None = None,
) -> Dataset:
    """Read every table of a dataset folder (recursively) or of one file.

    ``files`` restricts a folder to some of its files (paths relative to the folder, or
    absolute paths inside it); ``_file`` still names them relative to the folder. This is
    how one province of a national folder is read on its own (see :mod:`readiness.batch`).

    ``columns`` names, for some tables, the only columns a caller will use. A folder
    ``readiness build`` wrote, unchanged, under this package version and a packaged election,
    is then read in those columns only (no provenance unless named) and the dataset is
    :attr:`~Dataset.partial`: it can be computed from under the build's validation, not
    validated again. Anything else is read whole.

    Each record keeps where it came from: ``_file`` (relative to the folder), ``_sheet`` and
    ``_row`` (the row number a person sees). Values that cannot be parsed are left null and
    reported in ``dataset.findings``; nothing is guessed.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "64.03-personel.csv").write_text(
    ...     "Kode wilayah;Instansi;Peran;Jumlah;Per tanggal\\n"
    ...     "64.03;Polri;Pengamanan;1.588 orang;25/11/2024\\n", encoding="utf-8")
    >>> ds = load_dataset(folder)
    >>> ds.table("personnel").select("region_code", "agency", "count", "_file", "_row").rows()
    [('64.03', 'polri', 1588, '64.03-personel.csv', 2)]
    >>> ds.province_code, ds.findings
    ('64', [])
    """
    root = Path(path)
    _check_arguments(root, files, columns)
    if root.is_dir() and (root / "manifest.json").is_file():
        return _load_processed(root, name, columns)
    base = root.parent if root.is_file() else root
    chosen = [root] if root.is_file() else _chosen(root, files) if files is not None else None
    files_read = chosen if chosen is not None else dataset_files(root)
    parts: dict[TableName, list[pl.DataFrame]] = {table: [] for table in TABLE_NAMES}
    findings: list[Finding] = []
    sources: list[SourceFile] = []
    rejected: list[pl.DataFrame] = []
    read_tables = 0
    reads: list[FileRead] = []
    pending: list[_ParquetPart] = []
    barrier = 0
    for file in files_read:
        relative = file.relative_to(base).as_posix()
        kind = _KINDS.get(file.suffix.lower())
        if kind is None:
            reads.append(FileRead(findings=[_unsupported(relative)]))
            continue
        sources.append(_source(file, relative, kind))
        if kind == "parquet":
            read, part = _read_parquet(file, relative, len(reads), barrier)
            if part is not None:
                pending.append(part)
        else:
            read = _read_file(file, relative, kind)
            barrier += 1
        reads.append(read)
    _conform_parquet(pending, reads)
    for read in reads:
        findings.extend(read.findings)
        rejected.extend(read.rejected)
        read_tables += read.read_tables
        for table, frame in read.parts:
            parts[table].append(frame)
        read.parts.clear()  # the tables are assembled from ``parts`` alone, and release them
    dataset_name = name or (root.stem if root.is_file() else root.resolve().name)
    dataset = _assemble(dataset_name, parts, findings, sources, base)
    if rejected:
        dataset.rejected = pl.concat(rejected).unique(maintain_order=True)
    if sum(dataset.row_counts().values()) == 0:
        dataset.findings.append(empty_dataset_finding(dataset_name, readable=read_tables > 0))
    return dataset


def _check_arguments(
    root: Path,
    files: Sequence[str | os.PathLike[str]] | None,
    columns: Mapping[TableName, Sequence[str]] | None,
) -> None:
    """The path exists, ``files=`` picks files of a raw folder, and ``columns=`` names only
    tables and columns of the contract (provenance included)."""
    if not root.exists():
        raise FileNotFoundError(
            f"tidak ada berkas atau folder {str(root)!r} / no such file or folder {str(root)!r}"
        )
    if files is not None and (root.is_file() or (root / "manifest.json").is_file()):
        raise ValueError(
            f"files= memilih berkas di dalam folder data mentah, bukan {str(root)!r} / "
            f"files= picks files inside a folder of raw data, not {str(root)!r}"
        )
    for name, chosen in (columns or {}).items():
        if name not in TABLE_NAMES:
            raise ValueError(
                f"columns= names a table {name!r} the contract does not have. "
                f"Hint: the tables are {', '.join(TABLE_NAMES)}."
            )
        schema = frame_schema(name)
        unknown = [column for column in chosen if column not in schema]
        if unknown:
            raise ValueError(
                f"columns= names columns table {name!r} does not have: {', '.join(unknown)}. "
                f"Hint: its columns are {', '.join(schema)}."
            )


def is_reading_rule(rule: str) -> bool:
    """Whether a finding rule belongs to reading (as opposed to validation rules).

    >>> is_reading_rule("value.count"), is_reading_rule("region.unknown_name")
    (True, True)
    >>> is_reading_rule("schema.range"), is_reading_rule("region.outside_province")
    (False, False)
    """
    return (
        rule.startswith(("value.", "header.", "file.", "dataset.")) or rule in _READING_REGION_RULES
    )


_READING_REGION_RULES = frozenset({"region.unknown_name", "region.ambiguous_name"})


def _chosen(root: Path, files: Sequence[str | os.PathLike[str]]) -> list[Path]:
    base = os.path.abspath(root)
    chosen: dict[Path, None] = {}
    for file in files:
        candidate = os.path.abspath(os.path.join(base, file))
        if os.path.commonpath([base, candidate]) != base:
            raise ValueError(
                f"berkas {str(file)!r} tidak berada di folder {str(root)!r} / "
                f"file {str(file)!r} is not inside folder {str(root)!r}"
            )
        if not os.path.isfile(candidate):
            raise FileNotFoundError(f"tidak ada berkas {candidate!r} / no such file {candidate!r}")
        chosen[root / os.path.relpath(candidate, base)] = None
    return sorted(chosen)


def dataset_files(root: Path) -> list[Path]:
    """The files :func:`load_dataset` reads in a folder, sorted: hidden files and folders,
    Excel lock files, ``manifest.json`` and notes (``.md``, ``.txt``) are left out.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.csv", "a.xlsx", "README.md", "~$a.xlsx"):
    ...     _ = (folder / name).write_bytes(b"")
    >>> [path.name for path in dataset_files(folder)]
    ['a.xlsx', 'b.csv']
    """
    found = []
    for file in sorted(root.rglob("*")):
        if not file.is_file():
            continue
        relative = file.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or file.name.startswith("~$"):
            continue
        if file.name in IGNORED_NAMES or file.suffix.lower() in _IGNORED_SUFFIXES:
            continue
        found.append(file)
    return found


def _source(file: Path, relative: str, kind: str) -> SourceFile:
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return SourceFile(relative, kind, digest.hexdigest(), file.stat().st_size)


def _read_file(file: Path, relative: str, kind: str) -> FileRead:
    if kind == "xlsx":
        return read_workbook(file, relative)
    table = table_for_stem(file.stem)
    if table is None:
        return FileRead(findings=[unknown_table_finding(relative, file.stem)])
    metadata = Metadata(region_code=region_in_name(file.stem))
    return read_csv_file(file, relative, table, metadata=metadata)


@dataclass(frozen=True)
class _ParquetPart:
    """A Parquet file whose schema was read, its rows read only when its table is conformed
    (so only one table's raw rows are held at a time); ``key`` says which files conform
    together."""

    index: int
    relative: str
    table: TableName
    file: Path
    columns: tuple[str, ...]
    metadata: Metadata
    key: tuple[object, ...]

    def read(self, reads: list[FileRead]) -> pl.DataFrame | None:
        """The file's rows; None, with the finding in its read, when they cannot be read."""
        try:
            return pl.read_parquet(self.file)
        except Exception as error:
            reads[self.index].findings.append(_unreadable_parquet(self.relative, error))
            return None


def _read_parquet(
    file: Path, relative: str, index: int, barrier: int
) -> tuple[FileRead, _ParquetPart | None]:
    table = table_for_stem(file.stem)
    if table is None:
        return FileRead(findings=[unknown_table_finding(relative, file.stem)]), None
    try:
        schema = pl.read_parquet_schema(file)
    except Exception as error:
        return FileRead(findings=[_unreadable_parquet(relative, error)]), None
    metadata = Metadata(region_code=region_in_name(file.stem))
    key = (table, barrier, metadata, tuple(schema.items()))
    return FileRead(), _ParquetPart(index, relative, table, file, tuple(schema), metadata, key)


def _unreadable_parquet(relative: str, error: Exception) -> Finding:
    return file_finding(
        "file.unreadable",
        "error",
        relative,
        f"Berkas Parquet tidak dapat dibaca: {str(error).rstrip('.')}.",
        f"The Parquet file cannot be read: {str(error).rstrip('.')}.",
        "Tulis ulang berkas dengan polars atau pyarrow.",
        "Write the file again with polars or pyarrow.",
    )


def _conform_parquet(pending: list[_ParquetPart], reads: list[FileRead]) -> None:
    """Conform the Parquet files read, in one pass per run of files of the same table and
    columns (a national folder holds one file per province and table); each file keeps its
    own provenance, findings and rejected rows, as if it had been conformed alone."""
    runs: dict[TableName, list[list[_ParquetPart]]] = {}
    for part in pending:
        table_runs = runs.setdefault(part.table, [])
        if table_runs and table_runs[-1][-1].key == part.key and _combinable(part.columns):
            table_runs[-1].append(part)
        else:
            table_runs.append([part])
    pending.clear()  # from here on a run's raw frames are released once it is conformed
    for table_runs in runs.values():
        while table_runs:
            run = table_runs.pop(0)
            if len(run) > 1 and _conform_run(run, reads):
                continue
            while run:
                part = run.pop(0)
                frame = part.read(reads)
                if frame is None:
                    continue
                conformed, found, rejected = conform_table(
                    part.table, frame, part.relative, metadata=part.metadata
                )
                reads[part.index].add(part.table, conformed, found, rejected)


def _combinable(columns: Sequence[str]) -> bool:
    return not any(name in columns for name in PROVENANCE_COLUMNS)


def _conform_run(run: list[_ParquetPart], reads: list[FileRead]) -> bool:
    """Conform files of identical columns together; False (nothing done) when they cannot be
    (the files are then conformed one by one)."""
    first = run[0]
    if not all(_combinable(part.columns) for part in run):
        return False
    header = map_headers(first.table, list(first.columns), file=first.relative)
    if header.findings:  # findings about the header name their file: conform one by one
        return False
    frames = [(part, part.read(reads)) for part in run]
    run[:] = [part for part, frame in frames if frame is not None]
    if len(run) <= 1:  # what could be read is conformed one by one
        return False
    # the combined frame is not kept: its columns go one by one as they are converted
    columns = table_columns(
        first.table,
        pl.concat(
            [
                frame.with_columns(
                    _file=pl.lit(part.relative, pl.String),
                    _row=pl.int_range(1, frame.height + 1, dtype=pl.Int64),
                )
                for part, frame in frames
                if frame is not None
            ]
        ),
        None,
        metadata=first.metadata,
        header=header,
    )
    del frames
    by_file = {part.relative: reads[part.index] for part in run}
    for part in run:
        reads[part.index].read_tables += 1
    run.clear()  # the combined columns hold every row now: the files' frames can go
    conformed, found, rejected = conform_columns(first.table, columns)
    del columns
    for finding in found:
        by_file.get(finding.file or "", reads[first.index]).findings.append(finding)
    reads[first.index].parts.append((first.table, conformed))
    if rejected.height:
        for piece in rejected.partition_by("_file", maintain_order=True):
            by_file.get(str(piece["_file"][0]), reads[first.index]).rejected.append(piece)
    return True


def empty_dataset_finding(name: str, *, readable: bool) -> Finding:
    """The ``dataset.empty`` finding: an error when no file could be read as a table, a
    warning when the tables read hold no record.

    >>> empty_dataset_finding("berau", readable=False).severity
    'error'
    >>> print(empty_dataset_finding("berau", readable=True).message_en)
    The dataset 'berau' holds no record: every table read is empty.
    """
    if not readable:
        return Finding(
            rule="dataset.empty",
            severity="error",
            message_id=f"Dataset {name!r} tidak berisi berkas data yang terbaca.",
            message_en=f"The dataset {name!r} holds no readable data file.",
            hint_id="Isi folder dengan templat terisi (.xlsx) atau berkas CSV/Parquet yang "
            "namanya menunjuk tabel, mis. 64.03-logistik.csv.",
            hint_en="Put filled templates (.xlsx) or CSV/Parquet files named after their table "
            "into the folder, e.g. 64.03-logistics.csv.",
            value=name,
        )
    return Finding(
        rule="dataset.empty",
        severity="warning",
        message_id=f"Dataset {name!r} tidak berisi satu baris data pun: semua tabel yang "
        "terbaca kosong.",
        message_en=f"The dataset {name!r} holds no record: every table read is empty.",
        hint_id="Isi baris data di bawah baris judul kolom; baris yang hanya berisi wilayah "
        "tidak dihitung.",
        hint_en="Fill in data rows below the header row; a row holding only its region does "
        "not count.",
        value=name,
    )


def _unsupported(relative: str) -> Finding:
    return file_finding(
        "file.unsupported",
        "warning",
        relative,
        "Jenis berkas tidak dibaca; berkas dilewati.",
        "The file type is not read; the file is skipped.",
        "Simpan data sebagai .xlsx, .csv atau .parquet.",
        "Save the data as .xlsx, .csv or .parquet.",
        value=Path(relative).suffix,
    )


def _assemble(
    name: str,
    parts: dict[TableName, list[pl.DataFrame]],
    findings: list[Finding],
    sources: list[SourceFile],
    root: Path,
    *,
    find_province: bool = True,
) -> Dataset:
    """The dataset of the tables read, with its one province found from the region codes
    (unless ``find_province`` is False: a build recorded it)."""
    tables: dict[TableName, pl.DataFrame] = {}
    for table, frames in parts.items():
        schema = frame_schema(table)
        if frames:
            tables[table] = pl.concat([f.select(list(schema)).cast(schema) for f in frames])  # type: ignore[arg-type]
        else:
            tables[table] = pl.DataFrame(schema=schema)
    return Dataset(
        name=name,
        tables=tables,
        findings=findings,
        files=sources,
        root=root,
        province_code=_province(tables) if find_province else None,
    )


def _province(tables: dict[TableName, pl.DataFrame]) -> str | None:
    provinces = provinces_of(tables.values())
    return provinces[0] if len(provinces) == 1 else None


def _load_processed(
    root: Path, name: str | None, columns: Mapping[TableName, Sequence[str]] | None
) -> Dataset:
    """A dataset folder written by ``build_dataset``: Parquet per table, provenance kept
    (only ``columns`` of some tables, when the build's validation stands for them)."""
    manifest_path = root / "manifest.json"
    try:
        manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(
            f"manifest.json di {str(root)!r} tidak dapat dibaca / cannot be read: {error}"
        ) from error
    findings = _reading_findings(root, manifest)
    typed = read_built_tables(root, manifest, columns)
    manifest_name = manifest.get("name") or manifest.get("dataset")
    dataset_name = name or (manifest_name if isinstance(manifest_name, str) else root.name)
    sources = _sources_from(manifest)
    if typed is None:
        parts: dict[TableName, list[pl.DataFrame]] = {table: [] for table in TABLE_NAMES}
        for table in TABLE_NAMES:
            file = root / f"{table}.parquet"
            if file.is_file():
                frame, found = conform_frame(
                    table, pl.read_parquet(file), file.name, processed=True
                )
                parts[table].append(frame)
                findings.extend(found)
        return _assemble(dataset_name, parts, findings, sources, root)
    recorded = manifest.get("province_code", "")
    # the build recorded its one province, or None for several ("" for an older build)
    known = recorded is None or (isinstance(recorded, str) and recorded)
    dataset = Dataset(
        name=dataset_name,
        tables=dict(typed.tables),
        findings=findings,
        files=sources,
        root=root,
        province_code=(recorded or None) if known else _province(typed.tables),
        partial=typed.partial,
    )
    dataset.built = typed.stamp(dataset.tables)
    return dataset


def _sources_from(manifest: dict[str, Any]) -> list[SourceFile]:
    entries = manifest.get("files") or manifest.get("inputs") or []
    if isinstance(entries, dict):
        entries = [{"path": path, **info} for path, info in entries.items()]
    sources = []
    for entry in entries:
        if isinstance(entry, dict) and "path" in entry:
            path = str(entry["path"])
            kind = str(entry.get("kind") or _KINDS.get(Path(path).suffix.lower(), "other"))
            sources.append(
                SourceFile(path, kind, str(entry.get("sha256", "")), int(entry.get("size", 0)))
            )
    return sources


def _reading_findings(root: Path, manifest: dict[str, Any]) -> list[Finding]:
    """What reading the inputs found, from the build's findings (its file, or the list an
    older manifest holds): the dataset holds only those, validation finds the rest."""
    entry = manifest.get(BUILT_FINDINGS_KEY)
    if not isinstance(entry, dict):
        listed = manifest.get("findings")
        items = filter(_is_reading_item, listed if isinstance(listed, list) else [])
        return [f for f in map(_finding_from_json, items) if f is not None]
    frame = read_built_findings(root, entry, rules=is_reading_rule)
    if frame is None:
        raise ValueError(
            f"{FINDINGS_FILE} di {str(root)!r} hilang atau berubah setelah build / is missing "
            f"or changed after the build (manifest.json: {entry.get('rows')} temuan/findings, "
            f"SHA-256 {str(entry.get('sha256', ''))[:16]}…). "
            "Petunjuk / Hint: readiness build lagi / run readiness build again."
        )
    return findings_from_frame(frame)


def _is_reading_item(item: object) -> bool:
    """Whether a manifest's finding entry is one reading found (by its rule)."""
    if not isinstance(item, dict):
        return False
    rule = item.get("rule")
    return isinstance(rule, str) and is_reading_rule(rule)


def _finding_from_json(item: object) -> Finding | None:
    if not isinstance(item, dict) or "rule" not in item or "severity" not in item:
        return None
    fields = Finding.__dataclass_fields__
    values = {key: value for key, value in item.items() if key in fields}
    values.setdefault("message_id", item.get("message", ""))
    values.setdefault("message_en", item.get("message", ""))
    if "hint" in item:
        values.setdefault("hint_id", item["hint"])
        values.setdefault("hint_en", item["hint"])
    try:
        return Finding(**values)
    except (TypeError, ValueError):
        return None
