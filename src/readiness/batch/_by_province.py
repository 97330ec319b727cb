"""``run_by_province``: validate a partitioned national folder and compute its indicators."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from readiness.contract import (
    DEFAULT_ELECTION,
    Election,
    Finding,
    InputError,
    Text,
    load_election,
)
from readiness.indicators import (
    INDICATOR_SCHEMA,
    LEVELS,
    IndicatorInputError,
    Level,
    compute_levels,
)
from readiness.ingest import SourceFile, dataset_files, load_dataset
from readiness.validation import DEFAULT_MAX_PER_RULE, Validation, validate

__all__ = ["BatchResult", "PartitionDone", "province_partitions", "run_by_province"]

_PARTITION = re.compile(r"^province=(\d{2})$")
UNPARTITIONED = "-"
"""Partition key of files outside any ``province=XX`` folder."""


def province_partitions(folder: str | os.PathLike[str]) -> dict[str, list[Path]]:
    """The files of a dataset folder, grouped by their ``province=XX`` folder.

    Files outside such a folder are grouped under ``"-"``. A folder without partitions
    gives one group, so it is read as a whole.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("province=64/summary.parquet", "province=65/summary.parquet", "notes.csv"):
    ...     (root / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (root / name).write_bytes(b"")
    >>> {key: [p.relative_to(root).as_posix() for p in files]
    ...  for key, files in province_partitions(root).items()}
    {'-': ['notes.csv'], '64': ['province=64/summary.parquet'], '65': ['province=65/summary.parquet']}
    """
    root = Path(folder)
    groups: dict[str, list[Path]] = {}
    for file in dataset_files(root):
        top = file.relative_to(root).parts[0]
        match = _PARTITION.match(top) if len(file.relative_to(root).parts) > 1 else None
        groups.setdefault(match.group(1) if match else UNPARTITIONED, []).append(file)
    return dict(sorted(groups.items()))


@dataclass(frozen=True)
class PartitionDone:
    """Progress: one partition read, validated and computed."""

    province: str
    position: int
    total: int
    rows: int
    """Rows of this partition."""


@dataclass
class BatchResult:
    """The validation (partitions merged), indicators per level, rows per table and files of a
    whole folder."""

    validation: Validation
    indicators: dict[Level, pl.DataFrame]
    row_counts: dict[str, int]
    files: list[SourceFile] = field(default_factory=list)
    partitions: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """The findings of the whole folder, as :func:`readiness.validate` lists them."""
        return list(self.validation.findings)

    @property
    def rejected_rows(self) -> int:
        """Rows the indicators left out for errors (the height of ``invalid_rows``)."""
        return self.validation.invalid_rows.height


def run_by_province(
    folder: str | os.PathLike[str],
    *,
    levels: Sequence[Level] = LEVELS,
    election: str | Election = DEFAULT_ELECTION,
    as_of: dt.date | str | None = None,
    norms_override: Path | str | Mapping[str, float] | None = None,
    max_per_rule: int | None = DEFAULT_MAX_PER_RULE,
    on_partition: Callable[[PartitionDone], None] | None = None,
) -> BatchResult:
    """Validate a folder and compute its indicators at ``levels``, one province at a time.

    Each ``province=XX`` folder is loaded on its own (``_file`` stays relative to
    ``folder``) as that province's dataset, validated, and its indicators computed without
    the rows validation rejects; then it is released before the next. A record filed under
    another province's folder is reported as outside the province and left out. Findings
    are merged, listed at most ``max_per_rule`` per rule and sorted as
    :func:`readiness.validate` does; indicator frames are concatenated per level. A folder
    without partitions is read as a whole; data files beside partitions are refused, since
    no province would check them against the others.

    ``as_of`` is ``None`` (latest) or a date: a time series (``"all"``) needs every
    province's dates, so compute it on the whole folder. With no ``levels``, only validation
    runs.

    >>> import tempfile, pathlib, datetime as dt
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for code, tps in (("64.03", 475), ("65.01", 600)):
    ...     (root / f"province={code[:2]}").mkdir()
    ...     pl.DataFrame({"region_code": [code], "as_of": [dt.date(2024, 11, 25)],
    ...         "tps": [tps]}).write_parquet(root / f"province={code[:2]}" / "summary.parquet")
    >>> result = run_by_province(root, levels=["provinsi"])
    >>> result.partitions, result.row_counts["summary"], result.findings
    (['64', '65'], 2, [])
    >>> result.indicators["provinsi"].filter(pl.col("indicator") == "tps_per_village").rows()[0][:2]
    ('64', 'Kalimantan Timur')
    """
    if as_of == "all":
        raise IndicatorInputError(
            Text(
                "Deret waktu (as_of='all') tidak dapat dihitung per provinsi: tiap provinsi "
                "hanya mendapat tanggalnya sendiri.",
                "as_of='all' cannot be computed one province at a time: each province would "
                "get only its own dates.",
                hint=Text(
                    "beri satu tanggal, atau hitung seluruh data sekaligus (by_province=False/compute_indicators).",
                    "give a date, or compute the whole dataset at once (by_province=False/compute_indicators).",
                ),
            )
        )
    root = Path(folder)
    chosen_election = load_election(election) if isinstance(election, str) else election
    groups = _groups(root)
    validated: list[Validation] = []
    frames: dict[Level, list[pl.DataFrame]] = {level: [] for level in levels}
    rows: dict[str, int] = {}
    files: list[SourceFile] = []
    for position, (province, paths) in enumerate(groups.items(), start=1):
        if root.is_dir():
            relative = [path.relative_to(root) for path in paths]
            dataset = load_dataset(root, name=root.resolve().name, files=relative)
        else:
            dataset = load_dataset(root)
        if province != UNPARTITIONED:
            dataset.province_code = province
        validation = validate(dataset, election=chosen_election, max_per_rule=max_per_rule)
        validated.append(validation)
        if levels:
            computed = compute_levels(
                dataset,
                levels,
                election=chosen_election,
                as_of=as_of,
                norms_override=norms_override,
                invalid=validation.invalid_rows,
            )
            for level, frame in computed.items():
                frames[level].append(frame)
        counts = dataset.row_counts()
        for table, count in counts.items():
            rows[table] = rows.get(table, 0) + count
        files.extend(dataset.files)
        if on_partition is not None:
            on_partition(PartitionDone(province, position, len(groups), sum(counts.values())))
        del dataset
    indicators = {
        level: pl.concat(parts, how="vertical") if parts else pl.DataFrame(schema=INDICATOR_SCHEMA)
        for level, parts in frames.items()
    }
    return BatchResult(
        validation=Validation.merge(validated),
        indicators=indicators,
        row_counts=rows,
        files=files,
        partitions=[key for key in groups if key != UNPARTITIONED],
    )


def _groups(root: Path) -> dict[str, list[Path]]:
    """The partitions to read; one group for a file or a folder without partitions."""
    if not root.is_dir():
        return {UNPARTITIONED: [root]}
    groups = province_partitions(root)
    outside = groups.get(UNPARTITIONED, [])
    if outside and len(groups) > 1:
        names = ", ".join(path.relative_to(root).as_posix() for path in outside[:3])
        more = f" (+{len(outside) - 3})" if len(outside) > 3 else ""
        raise InputError(
            Text(
                f"{root}: {names}{more} berada di luar folder province=XX, sehingga tidak "
                "diperiksa bersama data provinsinya.",
                f"{root}: {names}{more} lie outside the province=XX folders, so no province "
                "would check them against its records.",
                hint=Text(
                    "pindahkan tiap berkas ke folder provinsinya, atau muat seluruh data "
                    "sekaligus (by_province=False).",
                    "move each file into its province's folder, or load the whole dataset at "
                    "once (by_province=False).",
                ),
            )
        )
    return groups or {UNPARTITIONED: []}
