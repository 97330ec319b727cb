"""The province of a dataset from a light read: file names and Parquet code columns."""

from __future__ import annotations

import os
import re
from pathlib import Path

import polars as pl

from readiness.ingest import dataset_files
from readiness.regions import province_code_expr

__all__ = ["read_province"]

_NAMED = re.compile(r"^(\d{2})(?:\.\d{2,4})*-")
"""A file named as the templates are: ``64.03-berau.xlsx``, ``64-angka-terbit.csv``."""


def read_province(path: str | os.PathLike[str]) -> str | None:
    """The province every data file at ``path`` belongs to, without reading the records:
    the code a file's name starts with (as :func:`readiness.ingest.template_file_name` names
    them), else a Parquet file's ``region_code`` column alone. None when a file tells
    neither, or the files tell different provinces: then only loading the dataset can say.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("64.03-berau.xlsx", "64-angka-terbit.csv", "README.md"):
    ...     _ = (folder / name).write_bytes(b"")
    >>> read_province(folder)
    '64'
    >>> _ = (folder / "ringkasan.csv").write_bytes(b"")
    >>> read_province(folder) is None
    True
    """
    root = Path(path)
    files = [root] if root.is_file() else dataset_files(root)
    provinces: set[str] = set()
    for file in files:
        named = _NAMED.match(file.name)
        if named is not None:
            provinces.add(named.group(1))
        elif file.suffix.lower() == ".parquet" and "region_code" in pl.read_parquet_schema(file):
            found = (
                pl.scan_parquet(file)
                .select(province_code_expr(pl.col("region_code")).drop_nulls().unique())
                .collect()
                .to_series()
            )
            provinces.update(str(code) for code in found)
        else:
            return None
    return provinces.pop() if len(provinces) == 1 else None
