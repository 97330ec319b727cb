"""``run_by_province``: validate a partitioned national folder and compute its indicators."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from readiness.contract import Election, Finding, load_election
from readiness.indicators import (
    INDICATOR_SCHEMA,
    LEVELS,
    IndicatorInputError,
    Level,
    compute_levels,
)
from readiness.ingest import SourceFile, dataset_files, load_dataset
from readiness.validation import (
    DEFAULT_MAX_PER_RULE,
    folded_finding,
    invalid_rows,
    sort_findings,
    validate,
)

__all__ = ["BatchResult", "PartitionDone", "province_partitions", "run_by_province"]

_PARTITION = re.compile(r"^province=(\d{2})$")
_OUTSIDE = "-"
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
        groups.setdefault(match.group(1) if match else _OUTSIDE, []).append(file)
    return dict(sorted(groups.items()))


@dataclass(frozen=True)
class PartitionDone:
    """Progress: one partition read, validated and computed."""

    province: str
    position: int
    total: int
    rows: int


@dataclass
class BatchResult:
    """Findings, indicators per level, rows per table and files of a whole folder."""

    findings: list[Finding]
    indicators: dict[Level, pl.DataFrame]
    row_counts: dict[str, int]
    files: list[SourceFile] = field(default_factory=list)
    partitions: list[str] = field(default_factory=list)
    rejected_rows: int = 0
    """Error findings the indicators left rows out for (as :func:`invalid_rows` counts)."""


def run_by_province(
    folder: str | os.PathLike[str],
    *,
    levels: Sequence[Level] = LEVELS,
    election: str | Election = "pilkada-2024",
    as_of: dt.date | str | None = None,
    norms_override: Path | str | Mapping[str, float] | None = None,
    max_per_rule: int | None = DEFAULT_MAX_PER_RULE,
    on_partition: Callable[[PartitionDone], None] | None = None,
) -> BatchResult:
    """Validate a folder and compute its indicators at ``levels``, one province at a time.

    Each ``province=XX`` folder is loaded on its own (``_file`` stays relative to
    ``folder``), validated, and its indicators computed without the rows validation rejects;
    then it is released before the next. Findings are merged and sorted as
    :func:`readiness.validate` sorts them; indicator frames are concatenated per level.
    ``as_of`` is ``None`` (latest) or a date: a time series (``"all"``) needs every
    province's dates, so compute it with :func:`readiness.indicators.compute_indicators`.
    With no ``levels``, only validation runs.

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
            "as_of='all' cannot be computed one province at a time: each province would get "
            "only its own dates. Hint: give a date, or use compute_indicators on the whole "
            "dataset.",
            "Deret waktu (--as-of all) tidak dapat dihitung per provinsi: tiap provinsi hanya "
            "mendapat tanggalnya sendiri. Petunjuk: beri satu tanggal, atau hitung tanpa "
            "--by-province.",
        )
    root = Path(folder)
    chosen = load_election(election) if isinstance(election, str) else election
    groups = province_partitions(root) if root.is_dir() else {_OUTSIDE: [root]}
    findings: list[Finding] = []
    frames: dict[Level, list[pl.DataFrame]] = {level: [] for level in levels}
    rows: dict[str, int] = {}
    files: list[SourceFile] = []
    rejected_rows = 0
    for position, (province, paths) in enumerate(groups.items(), start=1):
        if root.is_dir():
            relative = [path.relative_to(root) for path in paths]
            dataset = load_dataset(root, name=root.resolve().name, files=relative)
        else:
            dataset = load_dataset(root)
        findings.extend(validate(dataset, election=chosen, max_per_rule=max_per_rule))
        if levels:
            rejected = invalid_rows(dataset, election=chosen)
            rejected_rows += rejected.height
            computed = compute_levels(
                dataset,
                levels,
                election=chosen,
                as_of=as_of,
                norms_override=norms_override,
                invalid=rejected,
            )
            for level, frame in computed.items():
                frames[level].append(frame)
            del rejected
        for table, count in dataset.row_counts().items():
            rows[table] = rows.get(table, 0) + count
        files.extend(dataset.files)
        if on_partition is not None:
            on_partition(PartitionDone(province, position, len(groups), sum(rows.values())))
        del dataset
    indicators = {
        level: pl.concat(parts, how="vertical") if parts else pl.DataFrame(schema=INDICATOR_SCHEMA)
        for level, parts in frames.items()
    }
    return BatchResult(
        findings=_merged(findings, max_per_rule),
        indicators=indicators,
        row_counts=rows,
        files=files,
        partitions=[key for key in groups if key != _OUTSIDE],
        rejected_rows=rejected_rows,
    )


def _merged(findings: list[Finding], max_per_rule: int | None) -> list[Finding]:
    """One list for the whole folder: sorted, at most ``max_per_rule`` listed per rule.

    Each partition already folded what it listed beyond the limit; the folds of a rule and
    whatever the merged list shows beyond the limit become one finding that counts them all.
    """
    listed = sort_findings([f for f in findings if f.count == 1])
    folded: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.count > 1:
            folded.setdefault(finding.rule, []).append(finding)
    if max_per_rule is None:
        return listed + [f for group in folded.values() for f in group]
    kept: list[Finding] = []
    shown: dict[str, int] = {}
    for finding in listed:
        if shown.get(finding.rule, 0) < max_per_rule:
            kept.append(finding)
            shown[finding.rule] = shown.get(finding.rule, 0) + 1
        else:
            folded.setdefault(finding.rule, []).append(finding)
    merged = [group[0] if len(group) == 1 else folded_finding(group) for group in folded.values()]
    return kept + merged
