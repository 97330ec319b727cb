"""Runs kept for the life of the process, for documents that each ask for the same one.

A report renders some thirty documents from one dataset in one process (a Jupyter kernel);
each asks for the run of that dataset as of one day. :func:`cached_run` computes it the first
time and gives the same :class:`~readiness.pipeline.Run` after, as long as the dataset's files
are unchanged: the key is the resolved path, every file's path, size and modification time,
and the as-of date. Nothing else is cached; :func:`readiness.pipeline.run` always computes.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from readiness.pipeline._run import AsOf, Run, run

__all__ = ["FileStamp", "cached_run", "clear_runs", "dataset_stamp"]

FileStamp = tuple[tuple[str, int, float], ...]
"""Every file under a dataset path: its path, size in bytes and modification time."""

_KEPT = 8
"""Runs kept at once; the least recently used goes first."""


def dataset_stamp(path: str | os.PathLike[str]) -> FileStamp:
    """What changes when a file of the dataset at ``path`` is written, added or removed.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> before = dataset_stamp(folder)
    >>> _ = (folder / "ringkasan.csv").write_text("Kode wilayah\\n64.03\\n", encoding="utf-8")
    >>> before, dataset_stamp(folder) == before
    ((), False)
    """
    root = Path(path)
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    stamps = []
    for file in files:
        status = file.stat()
        stamps.append((str(file), status.st_size, status.st_mtime))
    return tuple(stamps)


def cached_run(path: str | os.PathLike[str], *, as_of: AsOf = None) -> Run:
    """The run of the dataset at ``path`` as of ``as_of`` with every level, the packaged
    default election and norms: computed once per process while its files do not change.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ringkasan.csv").write_text(
    ...     "Kode wilayah;Per tanggal;Jumlah TPS\\n64.03;25/11/2024;475\\n", encoding="utf-8")
    >>> cached_run(folder) is cached_run(str(folder))
    True
    """
    resolved = Path(path).resolve()
    return _cached(resolved, dataset_stamp(resolved), as_of)


def clear_runs() -> None:
    """Forget every cached run."""
    _cached.cache_clear()


@lru_cache(maxsize=_KEPT)
def _cached(path: Path, stamp: FileStamp, as_of: AsOf) -> Run:
    del stamp  # part of the key only
    return run(path, as_of=as_of)
