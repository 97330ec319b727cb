"""The situation report: what changed in a province between two snapshot dates.

A sitrep compares the dataset as of ``since`` (by default the previous snapshot date, the
latest report date before ``as_of``) with the dataset as of ``as_of``, each read from the latest
report not after its date, exactly as the briefing reads it:

* indicators of each regency whose status crossed a threshold (newly critical, recovered,
  worsened, improved, gone stale) and those that got a status for the first time;
* logistics: kecamatan whose reported stage rose beyond the KPU warehouse (arrivals, from
  actual reports only; a first report still at the warehouse is listed apart, not as an
  arrival), and schedules passed or due today that no arrival report confirms (the decision
  page's definition);
* neutrality cases that are new, moved along the flow, or were concluded, with the owner of
  each case's stage;
* when each regency last reported on its operations (logistics, personnel, neutrality cases;
  not the summary sheet), and which have been silent since ``since``;
* new critical items and items resolved, with the institution that must act (for neutrality,
  the owner of the open cases' stages, as on the decision page) and its deadline; data
  coverage is a data gap, not an item.

Rows that validation rejects count nowhere, as in every document.

>>> import datetime as dt, polars as pl
>>> from readiness.ingest import Dataset
>>> cases = pl.DataFrame({"case_id": ["A", "A", "B"], "region_code": ["64.03"] * 3,
...     "subject": ["civil_servant"] * 3, "status": ["reported", "recommended", "reported"],
...     "as_of": [dt.date(2024, 11, 24), dt.date(2024, 11, 25), dt.date(2024, 11, 25)]})
>>> report = build_sitrep(Dataset("x", tables={"neutrality_cases": cases}), "2024-11-25")
>>> report.since.isoformat(), [(c.case_id, c.kind) for c in report.cases]
('2024-11-24', [('A', 'moved'), ('B', 'new')])
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.contract import DEFAULT_ELECTION, Election, load_election
from readiness.present import _sitrep_diff as diff
from readiness.present._sitrep_types import Sitrep, SitrepError

if TYPE_CHECKING:
    import polars as pl

    from readiness.ingest import Dataset

__all__ = [
    "SYNTHETIC_MARKER",
    "build_sitrep",
    "is_synthetic_example",
    "load_sitrep",
    "previous_snapshot",
]


def previous_snapshot(dataset: Dataset, as_of: dt.date) -> dt.date | None:
    """The latest report date before ``as_of`` in any table (None when there is none).

    >>> import polars as pl
    >>> from readiness.ingest import Dataset
    >>> days = [dt.date(2024, 11, 14), dt.date(2024, 11, 25)]
    >>> ds = Dataset("x", tables={"summary": pl.DataFrame({"region_code": ["64.03"] * 2,
    ...     "as_of": days})})
    >>> previous_snapshot(ds, dt.date(2024, 11, 25))
    datetime.date(2024, 11, 14)
    """
    dates = [
        day
        for frame in dataset.tables.values()
        if frame.height and "as_of" in frame.columns
        for day in frame["as_of"].drop_nulls().unique().to_list()
        if day < as_of
    ]
    return max(dates) if dates else None


def _day(value: str | dt.date, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SitrepError(f"{what} must be a date YYYY-MM-DD, got {value!r}") from None


def build_sitrep(
    dataset: Dataset,
    as_of: str | dt.date,
    since: str | dt.date | None = None,
    *,
    election: str | Election = DEFAULT_ELECTION,
    synthetic: bool = False,
    invalid: pl.DataFrame | None = None,
) -> Sitrep:
    """The situation report of ``dataset`` between ``since`` and ``as_of``.

    ``invalid`` are the rows validation rejected (``Validation.invalid_rows``), left out of
    every figure; without it they are found here.

    Raises :class:`SitrepError` when ``since`` is not before ``as_of`` or when no report
    predates ``as_of`` (there is nothing to compare with).
    """
    from readiness.validation import invalid_rows

    chosen = load_election(election) if isinstance(election, str) else election
    now = _day(as_of, "as_of")
    if since is None:
        before = previous_snapshot(dataset, now)
        if before is None:
            raise SitrepError(
                f"no report in the dataset is dated before {now.isoformat()}, so there is no "
                "earlier snapshot to compare with. Hint: pass an earlier date as since"
            )
    else:
        before = _day(since, "since")
    if before >= now:
        raise SitrepError(
            f"since ({before.isoformat()}) must be before as_of ({now.isoformat()}). "
            "Hint: e.g. since 2024-11-24 with as_of 2024-11-25"
        )
    if invalid is None:
        invalid = invalid_rows(dataset, election=chosen)
    tables = diff.accepted_tables(dataset, invalid)
    names = diff.regency_names(dataset, tables)
    changes = diff.status_changes(dataset, chosen, invalid, before, now)
    cases = tables["neutrality_cases"]
    arrived, first_at_warehouse = diff.stage_rises(tables["logistics"], names, before, now)
    return Sitrep(
        province_code=dataset.province_code,
        dataset_name=dataset.name,
        election=chosen,
        as_of=now,
        since=before,
        synthetic=synthetic,
        status_changes=changes,
        arrivals=arrived,
        first_at_warehouse=first_at_warehouse,
        due_plans=diff.due_plans(tables["logistics"], names, now),
        cases=diff.case_changes(tables["neutrality_cases"], names, before, now, chosen),
        reporting=diff.reporting(tables, names, before, now),
        new_critical=diff.critical_items(changes, chosen, "newly_critical", cases, now),
        resolved=diff.critical_items(changes, chosen, "recovered", cases, now),
        rejected_rows=int(invalid["_index"].drop_nulls().len()) if invalid.height else 0,
    )


SYNTHETIC_MARKER = "CONTOH-SINTETIS.md"
"""A file that marks a dataset folder as a synthetic example (not official figures)."""


def load_sitrep(
    path: str | Path,
    as_of: str | dt.date,
    since: str | dt.date | None = None,
    *,
    election: str | Election = DEFAULT_ELECTION,
) -> Sitrep:
    """Read the dataset at ``path`` (empty: the default dataset) and build its sitrep.

    A folder holding ``CONTOH-SINTETIS.md`` is a synthetic example: the sitrep says so.
    """
    from readiness import config
    from readiness.ingest import load_dataset

    folder = Path(path) if str(path) else config.default_dataset()
    dataset = load_dataset(folder)
    return build_sitrep(
        dataset, as_of, since, election=election, synthetic=is_synthetic_example(folder)
    )


def is_synthetic_example(path: str | Path) -> bool:
    """Whether the dataset folder is marked as a synthetic example (``CONTOH-SINTETIS.md``)."""
    folder = Path(path)
    return folder.is_dir() and (folder / SYNTHETIC_MARKER).is_file()
