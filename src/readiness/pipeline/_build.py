"""Build a processed dataset: the pipeline's load and validation, then — only when there is
no error — Parquet per table, the findings (``findings.parquet``) and a manifest.

The output is written into a version folder beside its final place, and the output path — a
link to the current version — is switched to it in one atomic rename: a reader sees either the
previous build or the new one, never half of one, even when the build is killed. Raw inputs are
only read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.contract import (
    CONTRACT_VERSION,
    DEFAULT_ELECTION,
    Election,
    Finding,
    count_by_severity,
    load_election,
)
from readiness.ingest import (
    BUILT_FINDINGS_KEY,
    BUILT_PROVINCES_KEY,
    BUILT_TABLES_KEY,
    FINDINGS_FILE,
    Dataset,
    FileFacts,
    built_findings_entry,
    built_provinces_entry,
    built_tables_entry,
)
from readiness.pipeline._run import run
from readiness.validation import validate

__all__ = ["BuildError", "BuildResult", "build_dataset", "recover", "write_processed"]

MANIFEST = "manifest.json"
_KINDS = ("tmp-", "old-", "v-", "link-")
"""What a build puts beside its output ``NAME``: ``.NAME.<kind><token>``."""


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
    """The manifest of a build: what went in, which versions built it, what came out (the
    findings themselves go to their own file, see :func:`write_processed`)."""
    counts = count_by_severity(findings)
    return {
        "dataset": dataset.name,
        "province_code": dataset.province_code,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "package_version": _package_version(),
        "contract_version": CONTRACT_VERSION,
        "election": election.id,
        "election_packaged": _is_packaged(election),
        "inputs": [dataclasses.asdict(f) for f in dataset.files],
        "row_counts": dataset.row_counts(),
        "findings_count": counts,
    }


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2`` with ``RENAME_EXCHANGE``);
    False where the system cannot."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return bool(done == 0)


def _token() -> str:
    """Eight random hexadecimal digits naming a build's hidden folders."""
    return os.urandom(4).hex()


def _leftovers(out_dir: Path) -> list[Path]:
    """Hidden folders and links of earlier builds of ``out_dir`` beside it."""
    prefix = f".{out_dir.name}."
    if not out_dir.parent.is_dir():
        return []
    return sorted(
        p
        for p in out_dir.parent.iterdir()
        if p.name.startswith(prefix) and p.name[len(prefix) :].startswith(_KINDS)
    )


def _complete(folder: Path) -> bool:
    return (folder / MANIFEST).is_file() and not folder.is_symlink()


def recover(out_dir: str | Path) -> None:
    """Finish or roll back a build interrupted while it swapped ``out_dir``, then remove what
    interrupted builds left beside it (``.NAME.tmp-*``, ``.NAME.old-*``, unused versions).

    Every build does this first. ``out_dir`` is a link to a complete version folder; when a
    crash left no ``out_dir`` at all (only possible while a plain folder of an older build is
    replaced by the link on a system without an atomic exchange), the newest complete version
    is linked, or else the retired previous build is put back.
    """
    out_dir = Path(out_dir)
    current = out_dir.resolve() if out_dir.is_symlink() and out_dir.exists() else None
    if not out_dir.exists():
        if out_dir.is_symlink():  # a link whose version is gone
            out_dir.unlink()
        versions = [p for p in _leftovers(out_dir) if ".v-" in p.name and _complete(p)]
        retired = [p for p in _leftovers(out_dir) if ".old-" in p.name and _complete(p)]
        if versions:
            newest = max(versions, key=lambda p: (p / MANIFEST).stat().st_mtime)
            _link(out_dir, newest)
            current = newest.resolve()
        elif retired:
            retired[-1].rename(out_dir)
    for leftover in _leftovers(out_dir):
        if current is not None and leftover.resolve() == current and not leftover.is_symlink():
            continue
        if leftover.is_symlink() or leftover.is_file():
            leftover.unlink()
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _link(out_dir: Path, version: Path) -> None:
    """Point ``out_dir`` at ``version`` in one atomic step (a link renamed over the old one)."""
    link = out_dir.parent / f".{out_dir.name}.link-{_token()}"
    link.symlink_to(version.name, target_is_directory=True)
    if out_dir.exists() and not out_dir.is_symlink():
        # a plain folder from an older build: exchanged with the link in one step where the
        # system can, else retired then replaced (recover() completes an interrupted swap)
        if _exchange(link, out_dir):
            shutil.rmtree(link, ignore_errors=True)
            return
        out_dir.rename(out_dir.parent / f".{out_dir.name}.old-{_token()}")
    os.replace(link, out_dir)


def _is_packaged(election: Election) -> bool:
    """Whether ``election`` is the packaged one of its id, norms and calendar unchanged."""
    try:
        return election == load_election(election.id)
    except ValueError:
        return False


def write_processed(
    dataset: Dataset,
    out_dir: Path,
    manifest: dict[str, Any],
    findings: list[Finding] | None = None,
) -> list[Path]:
    """Write ``<table>.parquet`` per table, ``findings.parquet`` (``findings``, in their order;
    none when None) and ``manifest.json`` into ``out_dir`` atomically.

    The files are written into a new version folder beside ``out_dir`` (``.NAME.v-*``); once
    it is complete, ``out_dir`` — a link — is switched to it in one atomic rename, and the
    previous version is removed. At every instant ``out_dir`` holds the previous complete
    build or the new one; a build killed midway leaves hidden folders that the next build
    removes (see :func:`recover`).
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    previous = out_dir.resolve() if out_dir.is_symlink() else None
    token = _token()
    staging = out_dir.parent / f".{out_dir.name}.tmp-{token}"
    version = out_dir.parent / f".{out_dir.name}.v-{token}"
    staging.mkdir()
    try:
        names = []
        for name, frame in dataset.tables.items():
            frame.write_parquet(
                staging / f"{name}.parquet", metadata=FileFacts.of_frame(frame).metadata()
            )
            names.append(f"{name}.parquet")
        manifest[BUILT_TABLES_KEY] = built_tables_entry(staging, dataset.tables)
        manifest[BUILT_PROVINCES_KEY] = built_provinces_entry(dataset.tables)
        if findings is not None:
            manifest[BUILT_FINDINGS_KEY] = built_findings_entry(staging, findings)
            names.append(FINDINGS_FILE)
        (staging / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n",
            encoding="utf-8",
        )
        names.append(MANIFEST)
        staging.rename(version)
        _link(out_dir, version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # only a version this build kept beside the output is removed, never a folder elsewhere
    # that a link made by hand pointed to
    ours = out_dir.parent.resolve()
    if (
        previous is not None
        and previous != version.resolve()
        and previous.parent == ours
        and previous.name.startswith(f".{out_dir.name}.v-")
    ):
        shutil.rmtree(previous, ignore_errors=True)
    recover(out_dir)
    return [out_dir / n for n in names]


def build_dataset(
    source: str | Path | Dataset,
    out_dir: str | Path,
    *,
    election: str | Election = DEFAULT_ELECTION,
) -> BuildResult:
    """Load ``source`` (a folder or file, or a loaded :class:`Dataset`), validate it, and when
    there is no error write one Parquet file per table (canonical and provenance columns), the
    findings (``findings.parquet``) and a ``manifest.json`` into ``out_dir``. With errors
    nothing is written.

    >>> import tempfile
    >>> from readiness.ingest import Dataset
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     result = build_dataset(Dataset(name="empty"), Path(tmp) / "empty")
    ...     sorted(p.name for p in result.written)[:2], result.manifest["row_counts"]["summary"]
    (['findings.parquet', 'logistics.parquet'], 0)
    """
    chosen = load_election(election) if isinstance(election, str) else election
    out = Path(out_dir)
    if not isinstance(source, Dataset):
        _check_destination(out, Path(source))
        done = run(source, levels=(), election=chosen, max_per_rule=None)
        assert done.dataset is not None  # read whole, not by province
        dataset, validation = done.dataset, done.validation
    else:
        dataset = source
        if dataset.partial:
            raise BuildError(
                f"dataset {dataset.name!r} holds only some columns of its build and cannot be "
                "built again. Hint: load it without columns=."
            )
        root = dataset.root
        if root is not None and (
            out.resolve() == root.resolve() or out.resolve() in root.resolve().parents
        ):
            raise BuildError(
                f"output folder {out} would replace the input folder {root}. "
                f"Hint: write to data/processed/NAME."
            )
        _check_destination(out, None)
        validation = validate(dataset, election=chosen, max_per_rule=None)
    recover(out)
    findings = list(validation.findings)
    result = BuildResult(dataset=dataset.name, out_dir=out, findings=findings)
    if not result.ok:
        return result
    manifest = manifest_for(dataset, findings, chosen)
    written = write_processed(dataset, out, manifest, findings)
    return dataclasses.replace(result, written=written, manifest=manifest)
