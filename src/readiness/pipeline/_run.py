"""One call from a dataset's path to a run: loaded, validated, computed and compared."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import polars as pl

from readiness.contract import DEFAULT_ELECTION, Election, load_election
from readiness.indicators import LEVELS, Level, compute_levels, input_columns
from readiness.ingest import PartialDatasetError
from readiness.validation import DEFAULT_MAX_PER_RULE, Validation, validate

if TYPE_CHECKING:
    from readiness.batch import PartitionDone
    from readiness.compare import CompareConfig, Comparison
    from readiness.ingest import Dataset

__all__ = ["AsOf", "Norms", "Run", "run"]

AsOf = dt.date | Literal["all"] | None
"""Which snapshot: the latest (``None``), what was known on a day, or every day (``"all"``)."""

Norms = Path | str | Mapping[str, float] | None
"""Norm values replacing the election's: a YAML file of the election's shape, or a mapping."""


@dataclass(frozen=True, eq=False)
class Run:
    """A dataset taken through the pipeline: loaded, validated, its indicators computed without
    the rows validation rejects, and its regencies compared.

    ``dataset`` is None when the folder was read one province at a time (each partition is
    released once computed; ``validation`` is then the partitions' results merged), or when
    it was not to be kept (``run(..., keep_dataset=False)``).
    ``indicators`` holds one frame per level asked for; ``comparison`` is None without the
    ``kabupaten`` level, for a time series, or when it was not asked for.
    """

    path: Path
    dataset: Dataset | None
    validation: Validation
    indicators: Mapping[Level, pl.DataFrame]
    comparison: Comparison | None
    as_of: AsOf
    election: Election

    @cached_property
    def left_out(self) -> pl.DataFrame:
        """The rows validation rejects (``table``, ``_index``, ``_file``, ``_sheet``, ``_row``)
        with the region each belongs to (null where the row is in no table, or where the run
        kept no dataset to look it up in)."""
        invalid = self.validation.invalid_rows
        rows = invalid.filter(pl.col("_row").is_not_null() | pl.col("_index").is_not_null())
        located = []
        for (name,), part in rows.partition_by("table", as_dict=True).items():
            if self.dataset is None or name is None or part["_index"].is_null().all():
                located.append(part.with_columns(region_code=pl.lit(None, pl.String)))
                continue
            codes = self.dataset.table(name).select("region_code").with_row_index("_index")
            located.append(part.join(codes.cast({"_index": pl.Int64}), on="_index", how="left"))
        if not located:
            return rows.with_columns(region_code=pl.lit(None, pl.String))
        return pl.concat(located, how="diagonal_relaxed").select(
            "table", "_index", "_file", "_sheet", "_row", "region_code"
        )


def run(
    path: str | os.PathLike[str],
    *,
    levels: Sequence[Level] = LEVELS,
    election: str | Election = DEFAULT_ELECTION,
    as_of: AsOf = None,
    norms: Norms = None,
    compare: CompareConfig | Path | str | None = None,
    with_comparison: bool = True,
    max_per_rule: int | None = DEFAULT_MAX_PER_RULE,
    by_province: bool = False,
    on_partition: Callable[[PartitionDone], None] | None = None,
    keep_dataset: bool = True,
) -> Run:
    """Load the dataset at ``path``, validate it once, compute its indicators at ``levels``
    leaving out the rows validation rejects, and compare its regencies.

    ``election`` (an id or an :class:`~readiness.contract.Election`) gives the calendar and
    norms; ``norms`` replaces norm values for the indicators only. ``as_of`` is a
    :class:`datetime.date` (what was known that day), ``None`` (the latest) or ``"all"`` (a
    time series; nothing is compared). ``compare`` is the comparison's configuration (see
    :func:`readiness.compare.compare_regencies`); ``with_comparison=False`` leaves it out
    (``comparison`` is then None). ``max_per_rule`` caps the findings listed
    per rule. ``by_province`` reads a folder partitioned as ``province=XX`` one province at a
    time (see :func:`readiness.batch.run_by_province`; ``on_partition`` hears of each).
    ``keep_dataset=False`` leaves the dataset out of the run (``Run.dataset`` is None): a
    folder ``readiness build`` wrote, whose validation stands under ``election``, is then
    read only in the columns the indicators use.

    With no ``levels`` only validation runs.

    >>> import datetime as dt, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ringkasan.csv").write_text(
    ...     "Kode wilayah;Per tanggal;Jumlah TPS\\n64.03;25/11/2024;475\\n64.01;25/11/2024;-4\\n",
    ...     encoding="utf-8")
    >>> done = run(folder, levels=("kabupaten",), as_of=dt.date(2024, 11, 25))
    >>> done.validation.counts["error"], done.validation.invalid_rows["_row"].to_list()
    (1, [3])
    >>> done.comparison is not None, list(done.indicators)
    (True, ['kabupaten'])
    """
    source = Path(path)
    chosen = load_election(election) if isinstance(election, str) else election
    if as_of is not None and not isinstance(as_of, dt.date) and as_of != "all":
        raise TypeError(
            f"as_of must be a datetime.date, 'all' or None, got {as_of!r}. "
            "Hint: as_of=datetime.date(2024, 11, 25)."
        )
    dataset: Dataset | None
    if by_province:
        from readiness.batch import run_by_province

        batch = run_by_province(
            source, levels=levels, election=chosen, as_of=as_of, norms_override=norms,
            max_per_rule=max_per_rule, on_partition=on_partition,
        )  # fmt: skip
        dataset, validation, indicators = None, batch.validation, batch.indicators
    else:
        from readiness.ingest import load_dataset

        dataset = load_dataset(source, columns=None if keep_dataset else input_columns())
        try:
            validation = validate(dataset, election=chosen, max_per_rule=max_per_rule)
        except PartialDatasetError:  # the build's findings do not stand: the rules need all
            dataset = load_dataset(source)
            validation = validate(dataset, election=chosen, max_per_rule=max_per_rule)
        indicators = {}
        if levels:
            indicators = compute_levels(
                dataset, levels, election=chosen, as_of=as_of, norms_override=norms,
                invalid=validation.invalid_rows,
            )  # fmt: skip
    comparison = None
    if with_comparison and "kabupaten" in indicators and as_of != "all":
        from readiness.compare import compare_regencies

        comparison = compare_regencies(indicators["kabupaten"], config=compare)
    return Run(
        path=source,
        dataset=dataset if keep_dataset else None,
        validation=validation,
        indicators=MappingProxyType(dict(indicators)),
        comparison=comparison,
        as_of=as_of,
        election=chosen,
    )
