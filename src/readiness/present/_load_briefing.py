"""Loading a briefing: the dataset read (cached while its files do not change), validated,
its indicators computed at every level and its regencies compared."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from readiness.contract import Language
from readiness.present._briefing import Briefing

__all__ = ["load_briefing"]


def _compare(regencies: pl.DataFrame) -> Any:
    from readiness.compare import compare_regencies

    return compare_regencies(regencies)


@lru_cache(maxsize=8)
def _load(path: str, stamp: tuple[tuple[str, float], ...], as_of: str) -> tuple[Any, ...]:
    from readiness.indicators import compute_levels, load_registry
    from readiness.ingest import load_dataset
    from readiness.validation import invalid_rows, validate

    dataset = load_dataset(Path(path))
    findings = validate(dataset)
    invalid = invalid_rows(dataset)
    day = dt.date.fromisoformat(as_of) if as_of else None
    levels = compute_levels(
        dataset, ("kabupaten", "provinsi", "kecamatan"), as_of=day, invalid=invalid
    )
    left_out = _left_out(dataset, invalid)
    return dataset, findings, levels, load_registry(), _compare(levels["kabupaten"]), left_out


def _left_out(dataset: Any, invalid: pl.DataFrame) -> pl.DataFrame:
    """The rejected rows with the region each belongs to (where the row is in a table)."""
    rows = invalid.filter(pl.col("_row").is_not_null() | pl.col("_index").is_not_null())
    located = []
    for (name,), part in rows.partition_by("table", as_dict=True).items():
        if name is None or part["_index"].is_null().all():
            located.append(part.with_columns(region_code=pl.lit(None, pl.String)))
            continue
        codes = dataset.table(name).select("region_code").with_row_index("_index")
        located.append(part.join(codes.cast({"_index": pl.Int64}), on="_index", how="left"))
    if not located:
        return rows.with_columns(region_code=pl.lit(None, pl.String))
    return pl.concat(located, how="diagonal_relaxed").select(
        "table", "_index", "_file", "_sheet", "_row", "region_code"
    )


def _stamp(path: Path) -> tuple[tuple[str, float], ...]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime) for p in files)


def load_briefing(
    dataset: str | Path, region: str, *, lang: str = "id", as_of: str | dt.date | None = None
) -> Briefing:
    """Load a dataset (cached while its files do not change), validate it, compute its
    indicators at every level and compare its regencies.

    ``region`` is the province code (provincial briefing) or a regency code (profile);
    an empty ``dataset`` means the default dataset, an empty ``as_of`` the latest snapshot.
    """
    from readiness import config
    from readiness.regions import get_region

    if not str(dataset):
        dataset = config.raw_dir() / config.DEFAULT_DATASET
    code = str(get_region(str(region)).code)
    language: Language = "en" if lang == "en" else "id"
    day = as_of.isoformat() if isinstance(as_of, dt.date) else str(as_of or "")
    path = Path(dataset).resolve()
    loaded, findings, levels, registry, comparison, left_out = _load(str(path), _stamp(path), day)
    return Briefing(
        dataset=loaded, region=code, lang=language, findings=list(findings),
        regencies=levels["kabupaten"], province=levels["provinsi"],
        kecamatan=levels["kecamatan"], registry=registry,
        as_of=dt.date.fromisoformat(day) if day else None, comparison=comparison,
        left_out=left_out,
    )  # fmt: skip
