"""The Excel template a province sends to each regency, optionally filled from a dataset.

The layout (which the workbook reader relies on) and the text are in ``_template_layout.py``,
the writing of each sheet in ``_template_sheets.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import polars as pl

from readiness.contract import TABLES, Language, TableName
from readiness.ingest._dataset import Dataset
from readiness.ingest._template_layout import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    METADATA_LABELS,
    REGIONS_SHEET,
    TEMPLATE_TEXT,
)
from readiness.ingest._template_sheets import (
    list_ranges,
    make_formats,
    prefill_rows,
    write_instructions,
    write_lists,
    write_regions,
    write_table,
)
from readiness.regions import Region, UnknownRegionError, descendants, get_region

__all__ = [
    "INSTRUCTIONS_SHEET",
    "LISTS_SHEET",
    "METADATA_LABELS",
    "REGIONS_SHEET",
    "template_file_name",
    "write_template",
    "write_templates",
]


def write_template(
    region: str,
    path: str | os.PathLike[str],
    *,
    lang: Language = "id",
    dataset: Dataset | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
) -> Path:
    """Write the workbook for one kabupaten/kota and return its path.

    ``region`` is the regency's Kemendagri code (``"64.03"``, ``"6403"``). With ``dataset``,
    that regency's records are written into the data sheets as typed cells (numbers, dates,
    closed values as their labels). ``as_of`` and ``source`` fill the metadata block; with a
    dataset and no ``as_of``, the latest as-of date of the regency's summary rows is used.
    The file is written to a temporary file beside ``path`` and then renamed.

    >>> import tempfile, pathlib, fastexcel
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> out = write_template("64.03", folder / "berau.xlsx")
    >>> fastexcel.read_excel(out).sheet_names[:3]
    ['Petunjuk', 'Ringkasan', 'TPS']
    """
    target = Path(path)
    regency = _regency(region)
    if as_of is None and dataset is not None:
        as_of = _latest_as_of(dataset, regency.code)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.stem}-", suffix=".xlsx", dir=target.parent
    )
    os.close(handle)
    try:
        _write_workbook(Path(temporary), regency, lang, dataset, as_of, source)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return target


def write_templates(
    province: str,
    out_dir: str | os.PathLike[str],
    *,
    lang: Language = "id",
    dataset: Dataset | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
) -> list[Path]:
    """Write one workbook per kabupaten/kota of a province into ``out_dir``.

    Files are named ``<code>-<slug>.xlsx`` (see :func:`template_file_name`).

    >>> import tempfile, pathlib
    >>> paths = write_templates("64", pathlib.Path(tempfile.mkdtemp()))
    >>> len(paths), paths[2].name
    (10, '64.03-berau.xlsx')
    """
    parent = get_region(province)
    if parent.level != "provinsi":
        raise UnknownRegionError(
            f"expected a province code such as '64', got {parent.code!r} ({parent.name}, "
            f"{parent.level}). Hint: use write_template() for one kabupaten/kota."
        )
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    regencies = descendants(parent.code, depth=2).sort("code")
    return [
        write_template(
            code,
            folder / template_file_name(code, name),
            lang=lang,
            dataset=dataset,
            as_of=as_of,
            source=source,
        )
        for code, name in zip(regencies["code"], regencies["name"], strict=True)
    ]


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def template_file_name(code: str, name: str) -> str:
    """The workbook file name for a regency: code, then the name without its prefix.

    >>> template_file_name("64.11", "Kabupaten Mahakam Ulu")
    '64.11-mahakam-ulu.xlsx'
    >>> template_file_name("64.72", "Kota Samarinda")
    '64.72-samarinda.xlsx'
    """
    bare = re.sub(r"^(kabupaten|kota)\s+", "", name.strip(), flags=re.IGNORECASE)
    slug = re.sub(r"[^a-z0-9]+", "-", bare.lower().replace("'", "")).strip("-")
    return f"{code}-{slug}.xlsx"


def _regency(region: str) -> Region:
    found = get_region(region)
    if found.level not in ("kabupaten", "kota"):
        raise UnknownRegionError(
            f"a template is made for one kabupaten/kota, got {found.code!r} ({found.name}, "
            f"{found.level}). Hint: use a code such as '64.03'; for every regency of a "
            "province use write_templates()."
        )
    return found


def _latest_as_of(dataset: Dataset, code: str) -> dt.date | None:
    frame = _rows_for(dataset, "summary", code)
    if frame.height == 0:
        return None
    value = frame["as_of"].max()
    return value if isinstance(value, dt.date) else None


def _rows_for(dataset: Dataset, table: TableName, code: str) -> pl.DataFrame:
    frame = dataset.canonical(table)
    return frame.filter(
        (pl.col("region_code") == code) | pl.col("region_code").str.starts_with(code + ".")
    )


def _write_workbook(
    path: Path,
    regency: Region,
    lang: Language,
    dataset: Dataset | None,
    as_of: dt.date | None,
    source: str | None,
) -> None:
    import xlsxwriter  # only when writing: reading a dataset does not need it

    workbook = xlsxwriter.Workbook(str(path))
    created = dt.datetime.combine(as_of, dt.time()) if as_of else dt.datetime(2024, 1, 1)
    workbook.set_properties(
        {
            "title": TEMPLATE_TEXT["title"].format(name=regency.name, code=regency.code).get(lang),
            "created": created,
        }
    )
    formats = make_formats(workbook)
    region_rows = descendants(regency.code).sort("code")
    write_instructions(workbook, formats, regency, lang, as_of, source)
    ranges = list_ranges(lang)
    for spec in TABLES.values():
        rows = prefill_rows(spec.name, regency, region_rows)
        records = _rows_for(dataset, spec.name, regency.code) if dataset is not None else None
        write_table(workbook, formats, spec, lang, rows, records, ranges)
    write_regions(workbook, formats, region_rows, lang)
    write_lists(workbook, formats, lang)
    workbook.close()
