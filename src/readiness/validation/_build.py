"""Build a processed dataset: load, validate, and only when clean write Parquet and a manifest.

The output folder is written beside its final place and swapped in with renames, so a reader
sees either the previous build or the new one, never half of one. Raw inputs are only read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.contract import CONTRACT_VERSION, Election, Finding, count_by_severity, load_election
from readiness.ingest import BUILT_TABLES_KEY, Dataset, built_tables_entry
from readiness.validation._validate import validate

__all__ = ["BuildError", "BuildResult", "build_dataset", "write_processed"]

MANIFEST = "manifest.json"


class BuildError(ValueError):
    """The build cannot start: an output folder that is not a previous build, or inside input."""


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the findings, and the files written (none when there were errors)."""

    dataset: str
    out_dir: Path
    findings: list[Finding]
    written: list[Path] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when there were no errors and the output was written."""
        return count_by_severity(self.findings)["error"] == 0


def _package_version() -> str:
    from readiness import __version__

    return __version__


def _overlaps(out_dir: Path, source: Path) -> bool:
    out, src = out_dir.resolve(), source.resolve()
    if out == src or out in src.parents:
        return True
    return src.is_dir() and src in out.parents


def _check_destination(out_dir: Path, source: Path | None) -> None:
    if source is not None and _overlaps(out_dir, source):
        raise BuildError(
            f"output folder {out_dir} overlaps the input {source}; raw data is never "
            f"overwritten. Hint: write to data/processed/NAME."
        )
    if out_dir.exists():
        if not out_dir.is_dir():
            raise BuildError(f"output {out_dir} exists and is not a folder. Hint: choose a folder.")
        if any(out_dir.iterdir()) and not (out_dir / MANIFEST).exists():
            raise BuildError(
                f"output folder {out_dir} is not empty and holds no {MANIFEST}, so it is not a "
                f"previous build; it is left alone. Hint: choose a new or empty folder."
            )


def manifest_for(dataset: Dataset, findings: list[Finding], election: Election) -> dict[str, Any]:
    """The manifest of a build: what went in, which versions built it, what came out."""
    counts = count_by_severity(findings)
    return {
        "dataset": dataset.name,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "package_version": _package_version(),
        "contract_version": CONTRACT_VERSION,
        "election": election.id,
        "election_packaged": _is_packaged(election),
        "inputs": [dataclasses.asdict(f) for f in dataset.files],
        "row_counts": dataset.row_counts(),
        "findings_count": counts,
        "findings": [dataclasses.asdict(f) for f in findings],
    }


def _is_packaged(election: Election) -> bool:
    """Whether ``election`` is the packaged one of its id, norms and calendar unchanged."""
    try:
        return election == load_election(election.id)
    except ValueError:
        return False


def write_processed(dataset: Dataset, out_dir: Path, manifest: dict[str, Any]) -> list[Path]:
    """Write ``<table>.parquet`` per table and ``manifest.json`` into ``out_dir`` atomically.

    An existing ``out_dir`` is replaced only once the new one is complete.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:8]
    staging = out_dir.parent / f".{out_dir.name}.tmp-{token}"
    retired = out_dir.parent / f".{out_dir.name}.old-{token}"
    staging.mkdir()
    try:
        names = []
        for name, frame in dataset.tables.items():
            frame.write_parquet(staging / f"{name}.parquet")
            names.append(f"{name}.parquet")
        manifest[BUILT_TABLES_KEY] = built_tables_entry(staging, dataset.tables)
        (staging / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n",
            encoding="utf-8",
        )
        names.append(MANIFEST)
        if out_dir.exists():
            out_dir.rename(retired)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not out_dir.exists():
            retired.rename(out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return [out_dir / n for n in names]


def build_dataset(
    source: str | Path | Dataset,
    out_dir: str | Path,
    *,
    election: str | Election = "pilkada-2024",
) -> BuildResult:
    """Load ``source`` (a folder or file, or a loaded :class:`Dataset`), validate it, and when
    there is no error write one Parquet file per table (canonical and provenance columns) and a
    ``manifest.json`` into ``out_dir``. With errors nothing is written.

    >>> import tempfile
    >>> from readiness.ingest import Dataset
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     result = build_dataset(Dataset(name="empty"), Path(tmp) / "empty")
    ...     sorted(p.name for p in result.written)[:2], result.manifest["row_counts"]["summary"]
    (['logistics.parquet', 'manifest.json'], 0)
    """
    chosen = load_election(election) if isinstance(election, str) else election
    out = Path(out_dir)
    if not isinstance(source, Dataset):
        from readiness.ingest import load_dataset

        _check_destination(out, Path(source))
        dataset = load_dataset(Path(source))
    else:
        dataset = source
        root = dataset.root
        if root is not None and (
            out.resolve() == root.resolve() or out.resolve() in root.resolve().parents
        ):
            raise BuildError(
                f"output folder {out} would replace the input folder {root}. "
                f"Hint: write to data/processed/NAME."
            )
        _check_destination(out, None)
    findings = validate(dataset, election=chosen, max_per_rule=None)
    result = BuildResult(dataset=dataset.name, out_dir=out, findings=findings)
    if not result.ok:
        return result
    manifest = manifest_for(dataset, findings, chosen)
    written = write_processed(dataset, out, manifest)
    return dataclasses.replace(result, written=written, manifest=manifest)
