"""Datasets written by ``readiness build``, read back as typed columns without re-parsing.

A build writes every table in its canonical columns and dtypes plus provenance, and lists in
its manifest, under ``tables``, each file's SHA-256, size and row count. When a folder's
manifest was written under this contract version and every listed file is there, unchanged
(same hash) and of exactly the canonical schema, its tables are read as they are: no value is
parsed again. Anything else (a manifest of another contract version or without ``tables``, a
file edited after the build, a column of another type) is read through the contract as any
other Parquet.

When the manifest also says the build ran under this package version and a packaged election
with its norms unchanged, the dataset records that election (:attr:`BuiltStamp.election`):
the build wrote the files only because no rule found an error, so the rows validation
rejects are known to be none without running the rules again (see
:func:`readiness.validation.invalid_rows`), and what the rules found is the build's list of
findings, kept beside the tables in ``findings.parquet`` (:func:`read_built_findings`).

Each table file also records, in its Parquet metadata, facts that spare reading work
(:class:`FileFacts`): whether its rows are in region-code order, and which of its columns
hold no value (read back as nulls of their type without reading them). Inside the file, they
are covered by its hash: a file whose facts were edited is a changed file, read through the
contract.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from readiness.contract import CONTRACT_VERSION, TABLE_NAMES, Finding, TableName
from readiness.ingest._dataset import provinces_of
from readiness.ingest._records import frame_schema

__all__ = [
    "BUILT_FINDINGS_KEY",
    "BUILT_PROVINCES_KEY",
    "BUILT_TABLES_KEY",
    "FILE_FACTS_KEY",
    "FINDINGS_FILE",
    "FINDINGS_SCHEMA",
    "BuiltRead",
    "BuiltStamp",
    "FileFacts",
    "built_findings_entry",
    "built_provinces_entry",
    "built_tables_entry",
    "file_sha256",
    "findings_from_frame",
    "findings_store_frame",
    "read_built_findings",
    "read_built_tables",
]

BUILT_TABLES_KEY = "tables"
"""Key of the manifest listing the files a build wrote."""

BUILT_FINDINGS_KEY = "findings_file"
"""Key of the manifest describing the file of the build's findings."""

BUILT_PROVINCES_KEY = "provinces"
"""Key of the manifest listing, per table, the province codes of its rows."""

FILE_FACTS_KEY = "readiness.facts"
"""Key of a built table file's Parquet metadata holding its :class:`FileFacts` (JSON)."""

FINDINGS_FILE = "findings.parquet"
"""The build's findings, one row per finding in the order validation listed them."""

FINDINGS_SCHEMA: dict[str, pl.DataType] = {
    "rule": pl.String(),
    "severity": pl.String(),
    "message_id": pl.String(),
    "message_en": pl.String(),
    "hint_id": pl.String(),
    "hint_en": pl.String(),
    "file": pl.String(),
    "sheet": pl.String(),
    "row": pl.Int64(),
    "column": pl.String(),
    "value": pl.String(),
    "count": pl.Int64(),
}
"""Columns of :data:`FINDINGS_FILE`: the fields of :class:`~readiness.contract.Finding`."""


def findings_store_frame(findings: list[Finding]) -> pl.DataFrame:
    """``findings`` as a frame of :data:`FINDINGS_SCHEMA`, one row each, in order.

    >>> f = Finding(rule="schema.range", severity="error", message_id="m", message_en="m",
    ...     file="berau.xlsx", sheet="TPS", row=7, value="-4")
    >>> findings_from_frame(findings_store_frame([f])) == [f]
    True
    """
    columns = {name: [getattr(f, name) for f in findings] for name in FINDINGS_SCHEMA}
    return pl.DataFrame(columns, schema=FINDINGS_SCHEMA)


def findings_from_frame(frame: pl.DataFrame) -> list[Finding]:
    """The findings of a frame written by :func:`findings_store_frame`, in its order."""
    return [Finding(**row) for row in frame.iter_rows(named=True)]


@dataclass(frozen=True)
class BuiltStamp:
    """What a build vouches for: the tables as read (compared by identity, so a replaced
    table voids the stamp) had no error under ``election`` with rules of ``package_version``,
    and its rules found what ``findings`` (the manifest's :data:`BUILT_FINDINGS_KEY` entry,
    resolved in ``root``) lists, when the build kept them (see :func:`read_built_findings`).
    ``provinces`` are those of each table's rows (:data:`BUILT_PROVINCES_KEY`), when recorded."""

    election: str
    package_version: str
    tables: tuple[pl.DataFrame, ...]
    root: Path | None = None
    findings: dict[str, Any] | None = None
    provinces: dict[TableName, tuple[str, ...]] | None = None
    """The province codes of each table's rows, as the build recorded them."""
    in_order: Mapping[TableName, bool] = field(default_factory=dict)
    """Whether each table's rows are in region-code order, for the tables whose file
    recorded it (see :class:`FileFacts`)."""

    def covers(self, tables: dict[TableName, pl.DataFrame]) -> bool:
        """Whether ``tables`` are still exactly the frames the build wrote."""
        current = tuple(tables.get(name) for name in TABLE_NAMES)
        return len(current) == len(self.tables) and all(
            a is b for a, b in zip(current, self.tables, strict=True)
        )


def file_sha256(file: Path) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def built_tables_entry(folder: Path, tables: dict[TableName, pl.DataFrame]) -> dict[str, Any]:
    """The manifest's ``tables`` entry for the ``<table>.parquet`` files just written into
    ``folder``: file name, SHA-256, size and rows of each.

    >>> import tempfile
    >>> from readiness.contract import empty_table
    >>> folder = Path(tempfile.mkdtemp())
    >>> frame = empty_table("summary")
    >>> frame.write_parquet(folder / "summary.parquet")
    >>> entry = built_tables_entry(folder, {"summary": frame})
    >>> entry["summary"]["file"], entry["summary"]["rows"], len(entry["summary"]["sha256"])
    ('summary.parquet', 0, 64)
    """
    entry: dict[str, Any] = {}
    for name, frame in tables.items():
        file = folder / f"{name}.parquet"
        entry[name] = {
            "file": file.name,
            "sha256": file_sha256(file),
            "size": file.stat().st_size,
            "rows": frame.height,
        }
    return entry


@dataclass(frozen=True)
class BuiltRead:
    """The tables of a build folder read as they are, and the election the build checked
    them under when the build ran under this package version (else None)."""

    tables: dict[TableName, pl.DataFrame]
    election: str | None
    root: Path | None = None
    findings: dict[str, Any] | None = None
    provinces: dict[TableName, tuple[str, ...]] | None = None
    partial: bool = False
    """Whether only some columns were read (only ever with an :attr:`election`)."""
    in_order: Mapping[TableName, bool] = field(default_factory=dict)
    """Whether each table's rows are in region-code order, as its file recorded it."""

    def stamp(self, tables: dict[TableName, pl.DataFrame]) -> BuiltStamp | None:
        """The stamp of the dataset holding ``tables`` (the frames it ended up with)."""
        if self.election is None:
            return None
        frames = tuple(tables[name] for name in TABLE_NAMES)
        return BuiltStamp(
            self.election,
            _package_version(),
            frames,
            self.root,
            self.findings,
            self.provinces,
            self.in_order,
        )


def read_built_tables(
    root: Path,
    manifest: dict[str, Any],
    columns: Mapping[TableName, Sequence[str]] | None = None,
) -> BuiltRead | None:
    """Every table of a build folder read as typed columns; None when the folder cannot be
    trusted to hold exactly what a build of this contract version wrote (it is then read
    through the contract).

    ``columns`` names, for some tables, the only columns to read; they are read so only
    when the build ran under this package version and a packaged election (its validation
    then stands for the tables, see :attr:`BuiltRead.partial`), else every column is. A
    column its file records as without any value (:class:`FileFacts`) is given as nulls of
    its type, unread.

    >>> read_built_tables(Path("."), {"contract_version": "0.0.1", "tables": {}}) is None
    True
    """
    listed = manifest.get(BUILT_TABLES_KEY)
    if manifest.get("contract_version") != CONTRACT_VERSION or not isinstance(listed, dict):
        return None
    if set(listed) != set(TABLE_NAMES):
        return None
    election = manifest.get("election")
    same_rules = (
        isinstance(election, str)
        and manifest.get("package_version") == _package_version()
        and manifest.get("election_packaged") is True
    )
    wanted = columns if columns is not None and same_rules else {}
    tables: dict[TableName, pl.DataFrame] = {}
    in_order: dict[TableName, bool] = {}
    for name in TABLE_NAMES:
        described = listed[name]
        if not isinstance(described, dict):
            return None
        file = root / f"{name}.parquet"
        if not _unchanged(file, described):
            return None
        if pl.read_parquet_schema(file) != frame_schema(name):
            return None
        facts = FileFacts.of_file(file, name)
        chosen = wanted.get(name)
        names = list(chosen) if chosen is not None else list(frame_schema(name))
        frame = _read_table(file, name, names, facts.empty_columns)
        if frame.height != described.get("rows"):
            return None
        tables[name] = frame
        if facts.in_order is not None:
            in_order[name] = facts.in_order
    findings = manifest.get(BUILT_FINDINGS_KEY)
    return BuiltRead(
        tables,
        election if isinstance(election, str) and same_rules else None,
        root,
        findings if isinstance(findings, dict) else None,
        _recorded_provinces(manifest.get(BUILT_PROVINCES_KEY)),
        partial=bool(wanted),
        in_order=in_order,
    )


@dataclass(frozen=True)
class FileFacts:
    """What a build recorded about one table file, in its Parquet metadata
    (:data:`FILE_FACTS_KEY`): whether every row has a region code and the codes ascend
    (``in_order``; None when not recorded), and the columns where no row has a value
    (``empty_columns``; none for a table without rows).

    >>> frame = pl.DataFrame({"region_code": ["64.03", "64.04"], "tps": [None, None]},
    ...     schema={"region_code": pl.String, "tps": pl.Int64})
    >>> FileFacts.of_frame(frame)
    FileFacts(in_order=True, empty_columns=frozenset({'tps'}))
    >>> FileFacts.of_frame(frame.reverse()).metadata()
    {'readiness.facts': '{"in_order": false, "empty_columns": ["tps"]}'}
    """

    in_order: bool | None = None
    empty_columns: frozenset[str] = frozenset()

    @classmethod
    def of_frame(cls, frame: pl.DataFrame) -> FileFacts:
        """The facts of a table about to be written."""
        codes = frame.get_column("region_code") if "region_code" in frame.columns else None
        return cls(
            in_order=codes is not None and codes.null_count() == 0 and codes.is_sorted(),
            empty_columns=frozenset(
                column
                for column in frame.columns
                if frame.height and frame[column].null_count() == frame.height
            ),
        )

    def metadata(self) -> dict[str, str]:
        """The Parquet metadata recording these facts."""
        facts = {"in_order": self.in_order, "empty_columns": sorted(self.empty_columns)}
        return {FILE_FACTS_KEY: json.dumps(facts)}

    @classmethod
    def of_file(cls, file: Path, name: TableName) -> FileFacts:
        """The facts a table file recorded; none when it recorded none, or not in this shape
        (a list of the table's columns, a boolean)."""
        try:
            recorded = json.loads(pl.read_parquet_metadata(file).get(FILE_FACTS_KEY, "{}"))
        except (ValueError, RecursionError):
            return cls()
        if not isinstance(recorded, dict):
            return cls()
        in_order = recorded.get("in_order")
        empty = recorded.get("empty_columns", [])
        columns = set(frame_schema(name))
        if not isinstance(empty, list) or not all(
            isinstance(column, str) and column in columns for column in empty
        ):
            empty = []
        return cls(in_order if isinstance(in_order, bool) else None, frozenset(empty))


def _read_table(
    file: Path, name: TableName, names: list[str], empty: frozenset[str]
) -> pl.DataFrame:
    """The columns ``names`` of a build's table file; those the build recorded as without any
    value (``empty``) are not read but given as null columns of their type."""
    read = [column for column in names if column not in empty] or names[:1]
    frame = pl.read_parquet(file, columns=read)
    if len(read) == len(names):
        return frame
    schema = frame_schema(name)
    nulls = [pl.lit(None, schema[column]).alias(column) for column in names if column not in read]
    return frame.with_columns(nulls).select(names)


def built_provinces_entry(tables: dict[TableName, pl.DataFrame]) -> dict[str, list[str]]:
    """The manifest's :data:`BUILT_PROVINCES_KEY` entry: the province codes of each table's
    rows.

    >>> built_provinces_entry({"summary": pl.DataFrame({"region_code": ["64.03", "11.01"]})})
    {'summary': ['11', '64']}
    """
    return {name: provinces_of([frame]) for name, frame in tables.items()}


def _recorded_provinces(entry: object) -> dict[TableName, tuple[str, ...]] | None:
    """The manifest's provinces per table; None unless it lists every table, each with a
    list of province codes."""
    if not isinstance(entry, dict) or set(entry) != set(TABLE_NAMES):
        return None
    recorded: dict[TableName, tuple[str, ...]] = {}
    for name in TABLE_NAMES:
        codes = entry[name]
        if not isinstance(codes, list) or not all(
            isinstance(code, str) and code.isdigit() and len(code) == 2 for code in codes
        ):
            return None
        recorded[name] = tuple(codes)
    return recorded


def built_findings_entry(folder: Path, findings: list[Finding]) -> dict[str, Any]:
    """Write ``findings`` to :data:`FINDINGS_FILE` in ``folder``; the manifest's
    :data:`BUILT_FINDINGS_KEY` entry describing it (file name, SHA-256, size, rows).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> entry = built_findings_entry(folder, [])
    >>> entry["file"], entry["rows"], read_built_findings(folder, entry).height
    ('findings.parquet', 0, 0)
    """
    file = folder / FINDINGS_FILE
    findings_store_frame(findings).write_parquet(file)
    return {
        "file": file.name,
        "sha256": file_sha256(file),
        "size": file.stat().st_size,
        "rows": len(findings),
    }


def read_built_findings(
    root: Path, entry: dict[str, Any], rules: Callable[[str], bool] | None = None
) -> pl.DataFrame | None:
    """The findings a build listed (columns :data:`FINDINGS_SCHEMA`, in the build's order);
    None unless the file is there exactly as the build wrote it. With ``rules``, only the
    findings of the rules it accepts (the others are left out as the file is read).

    >>> import tempfile
    >>> from readiness.contract import Finding
    >>> folder = Path(tempfile.mkdtemp())
    >>> entry = built_findings_entry(folder, [Finding(rule=rule, severity="warning",
    ...     message_id="m", message_en="m") for rule in ("value.count", "schema.range")])
    >>> read_built_findings(folder, entry)["rule"].to_list()
    ['value.count', 'schema.range']
    >>> read_built_findings(folder, entry, rules=lambda rule: rule.startswith("value.")).height
    1
    """
    file = root / str(entry.get("file", FINDINGS_FILE))
    if not _unchanged(file, entry) or pl.read_parquet_schema(file) != FINDINGS_SCHEMA:
        return None
    stored = pl.scan_parquet(file)
    if stored.select(pl.len()).collect().item() != entry.get("rows"):
        return None
    if rules is None:
        return stored.collect()
    listed = stored.select(pl.col("rule").unique(maintain_order=True)).collect()["rule"]
    kept = [rule for rule in listed.drop_nulls().to_list() if rules(rule)]
    if not kept:
        return pl.DataFrame(schema=FINDINGS_SCHEMA)
    return stored.filter(pl.col("rule").is_in(kept)).collect()


def _unchanged(file: Path, described: dict[str, Any]) -> bool:
    if not file.is_file() or file.stat().st_size != described.get("size"):
        return False
    return file_sha256(file) == described.get("sha256")


def _package_version() -> str:
    from readiness import __version__

    return __version__
