"""The situation report: what changed in a province between two snapshot dates.

A sitrep compares the dataset as of ``since`` (by default the previous snapshot date, the
latest report date before ``as_of``) with the dataset as of ``as_of``, each read from the latest
report not after its date, exactly as the briefing reads it:

* indicators of each regency whose status crossed a threshold (newly critical, recovered,
  worsened, improved, gone stale) and those that got a status for the first time;
* logistics: kecamatan whose reported stage rose (arrivals, from actual reports only), and
  plans due in the period that no arrival report confirms;
* neutrality cases that are new, moved along the flow, or were concluded;
* when each regency last reported, and which have been silent since ``since``;
* new critical items and items resolved, with the institution that must act and its deadline
  from the election's responsibilities.

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import polars as pl

from readiness.contract import DEFAULT_ELECTION, FOLLOWED_UP_STATUSES, Election, load_election

if TYPE_CHECKING:
    from readiness.ingest import Dataset

__all__ = [
    "STAGE_ORDER",
    "SYNTHETIC_MARKER",
    "Arrival",
    "CaseChange",
    "ChangeKind",
    "CriticalItem",
    "DuePlan",
    "RegencyReporting",
    "Sitrep",
    "SitrepError",
    "StatusChange",
    "build_sitrep",
    "is_synthetic_example",
    "load_sitrep",
    "previous_snapshot",
]

ChangeKind = Literal["newly_critical", "recovered", "worsened", "improved", "stale", "first"]
CaseKind = Literal["new", "moved", "concluded"]
STAGE_ORDER: tuple[str, ...] = ("kpu", "ppk", "pps", "tps")
"""Logistics stages from the KPU warehouse to the TPS, in the order they are reached."""
_JUDGED = ("ready", "attention", "critical")


class SitrepError(ValueError):
    """The dates asked for cannot make a situation report (no earlier snapshot, wrong order)."""


@dataclass(frozen=True)
class StatusChange:
    """One indicator of one regency whose status differs between the two dates."""

    region_code: str
    region_name: str
    indicator: str
    kind: ChangeKind
    status_before: str | None
    status_now: str | None
    value_before: float | None
    value_now: float | None
    as_of_before: dt.date | None
    as_of_now: dt.date | None


@dataclass(frozen=True)
class Arrival:
    """A kecamatan whose reported logistics stage rose: reached ``stage_now`` by ``as_of``."""

    regency_code: str
    regency_name: str
    region_code: str
    region_name: str
    item: str
    stage_before: str | None
    stage_now: str
    as_of_before: dt.date | None
    as_of: dt.date
    source: str | None


@dataclass(frozen=True)
class DuePlan:
    """A planned stage whose day fell in the period, with no arrival reported at it."""

    regency_code: str
    regency_name: str
    region_code: str
    region_name: str
    item: str
    stage: str
    scheduled_date: dt.date
    stage_reported: str | None
    as_of: dt.date
    source: str | None


@dataclass(frozen=True)
class CaseChange:
    """A neutrality case that is new, moved along the flow, or was concluded."""

    regency_code: str
    regency_name: str
    case_id: str
    subject: str | None
    kind: CaseKind
    status_before: str | None
    status_now: str | None
    as_of: dt.date
    source: str | None


@dataclass(frozen=True)
class RegencyReporting:
    """When a regency last reported (any table), and its logistics in particular."""

    region_code: str
    region_name: str
    latest_report: dt.date | None
    latest_logistics: dt.date | None
    silent: bool
    """No report in any table after ``since`` (or never)."""


@dataclass(frozen=True)
class CriticalItem:
    """A critical indicator with the institution that must act and its deadline."""

    region_code: str
    region_name: str
    indicator: str
    status_before: str | None
    status_now: str | None
    owner: str | None
    """The institution id in the election's responsibilities (None when it names none)."""
    deadline: dt.date | None


@dataclass(frozen=True)
class Sitrep:
    """Everything that changed between ``since`` and ``as_of``; see the module docstring."""

    province_code: str | None
    dataset_name: str
    election: Election
    as_of: dt.date
    since: dt.date
    synthetic: bool
    status_changes: tuple[StatusChange, ...]
    arrivals: tuple[Arrival, ...]
    due_plans: tuple[DuePlan, ...]
    cases: tuple[CaseChange, ...]
    reporting: tuple[RegencyReporting, ...]
    new_critical: tuple[CriticalItem, ...]
    resolved: tuple[CriticalItem, ...]
    rejected_rows: int

    @property
    def silent(self) -> tuple[RegencyReporting, ...]:
        """The regencies with no report since ``since``."""
        return tuple(r for r in self.reporting if r.silent)

    def changes(self, *kinds: ChangeKind) -> tuple[StatusChange, ...]:
        """The status changes of the given kinds (all when none is given)."""
        return tuple(c for c in self.status_changes if not kinds or c.kind in kinds)


def previous_snapshot(dataset: Dataset, as_of: dt.date) -> dt.date | None:
    """The latest report date before ``as_of`` in any table (None when there is none).

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
) -> Sitrep:
    """The situation report of ``dataset`` between ``since`` and ``as_of``.

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
    invalid = invalid_rows(dataset, election=chosen)
    tables = _accepted_tables(dataset, invalid)
    names = _regency_names(dataset, tables)
    changes = _status_changes(dataset, chosen, invalid, before, now)
    return Sitrep(
        province_code=dataset.province_code,
        dataset_name=dataset.name,
        election=chosen,
        as_of=now,
        since=before,
        synthetic=synthetic,
        status_changes=changes,
        arrivals=_arrivals(tables["logistics"], names, before, now),
        due_plans=_due_plans(tables["logistics"], names, before, now),
        cases=_case_changes(tables["neutrality_cases"], names, before, now),
        reporting=_reporting(tables, names, before, now),
        new_critical=_items(changes, chosen, "newly_critical"),
        resolved=_items(changes, chosen, "recovered"),
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

    folder = Path(path) if str(path) else config.raw_dir() / config.DEFAULT_DATASET
    dataset = load_dataset(folder)
    return build_sitrep(
        dataset, as_of, since, election=election, synthetic=is_synthetic_example(folder)
    )


def is_synthetic_example(path: str | Path) -> bool:
    """Whether the dataset folder is marked as a synthetic example (``CONTOH-SINTETIS.md``)."""
    folder = Path(path)
    return folder.is_dir() and (folder / SYNTHETIC_MARKER).is_file()


def _accepted_tables(dataset: Dataset, invalid: pl.DataFrame) -> dict[str, pl.DataFrame]:
    tables = {}
    for name, frame in dataset.tables.items():
        rejected = invalid.filter((pl.col("table") == name) & pl.col("_index").is_not_null())[
            "_index"
        ].to_list()
        indexed = frame.with_row_index("_position")
        if rejected:
            indexed = indexed.filter(~pl.col("_position").is_in(rejected))
        tables[str(name)] = indexed.drop("_position")
    return tables


def _regency_of(code: str) -> str:
    return ".".join(code.split(".")[:2])


def _regency_names(dataset: Dataset, tables: dict[str, pl.DataFrame]) -> dict[str, str]:
    from readiness.regions import children, get_region

    province = dataset.province_code
    if province is not None:
        frame = children(province)
        return dict(zip(frame["code"].to_list(), frame["name"].to_list(), strict=True))
    codes = {
        _regency_of(code)
        for frame in tables.values()
        if "region_code" in frame.columns
        for code in frame["region_code"].drop_nulls().to_list()
        if code.count(".") >= 1
    }
    return {code: get_region(code).name for code in sorted(codes)}


def _region_name(code: str) -> str:
    from readiness.regions import get_region

    try:
        return str(get_region(code).name)
    except (KeyError, ValueError):
        return code


def _status_changes(
    dataset: Dataset, election: Election, invalid: pl.DataFrame, before: dt.date, now: dt.date
) -> tuple[StatusChange, ...]:
    from readiness.indicators import compute_levels

    frames = [
        compute_levels(dataset, ("kabupaten",), election=election, as_of=day, invalid=invalid)[
            "kabupaten"
        ].select("region_code", "region_name", "indicator", "value", "status", "as_of")
        for day in (before, now)
    ]
    joined = frames[1].join(
        frames[0], on=["region_code", "indicator"], how="full", coalesce=True, suffix="_before"
    )
    changed = joined.filter(pl.col("status").ne_missing(pl.col("status_before"))).sort(
        "region_code", "indicator"
    )
    result = []
    for row in changed.iter_rows(named=True):
        kind = _kind(row["status_before"], row["status"])
        if kind is None:
            continue
        result.append(
            StatusChange(
                region_code=row["region_code"],
                region_name=row["region_name"] or row["region_name_before"],
                indicator=row["indicator"],
                kind=kind,
                status_before=row["status_before"],
                status_now=row["status"],
                value_before=row["value_before"],
                value_now=row["value"],
                as_of_before=row["as_of_before"],
                as_of_now=row["as_of"],
            )
        )
    return tuple(result)


def _kind(before: str | None, now: str | None) -> ChangeKind | None:
    """How a status moved; None for a move the sitrep does not list (to no status at all).

    >>> _kind("attention", "critical"), _kind(None, "critical"), _kind("critical", "ready")
    ('newly_critical', 'newly_critical', 'recovered')
    >>> _kind(None, "ready"), _kind("ready", "stale"), _kind("ready", None)
    ('first', 'stale', None)
    """
    if now == "critical":
        return "newly_critical"
    if now is None:
        return None
    if before == "critical" and now in ("ready", "attention"):
        return "recovered"
    if now == "stale":
        return "stale"
    if before in _JUDGED and now in _JUDGED:
        return "worsened" if _JUDGED.index(now) > _JUDGED.index(before) else "improved"
    return "first"


def _items(
    changes: Sequence[StatusChange], election: Election, kind: ChangeKind
) -> tuple[CriticalItem, ...]:
    items = []
    for change in changes:
        if change.kind != kind:
            continue
        responsibility = election.responsibilities.get(change.indicator)
        items.append(
            CriticalItem(
                region_code=change.region_code,
                region_name=change.region_name,
                indicator=change.indicator,
                status_before=change.status_before,
                status_now=change.status_now,
                owner=responsibility.owner.id if responsibility else None,
                deadline=election.deadline(change.indicator),
            )
        )
    return tuple(items)


def _stage_rank(stage: str | None) -> int:
    return STAGE_ORDER.index(stage) if stage in STAGE_ORDER else -1


def _stages_as_of(
    logistics: pl.DataFrame, day: dt.date
) -> dict[tuple[str, str], tuple[str, dt.date, str | None]]:
    """(kecamatan, item) → (stage, report date, source): the lowest stage among the units of
    the kecamatan (the kecamatan itself or its TPS), each at its latest actual report."""
    if logistics.height == 0:
        return {}
    actual = logistics.filter(
        (pl.col("basis").fill_null("actual") == "actual")
        & (pl.col("as_of") <= day)
        & pl.col("stage").is_not_null()
        & (pl.col("region_code").str.count_matches(r"\.") >= 2)
    )
    if actual.height == 0:
        return {}
    latest = (
        actual.with_columns(
            rank=pl.col("stage").replace_strict(
                {stage: i for i, stage in enumerate(STAGE_ORDER)}, return_dtype=pl.Int64
            )
        )
        .sort("as_of", "rank")
        .group_by("region_code", "tps_number", "item", maintain_order=True)
        .last()
        .with_columns(kecamatan=pl.col("region_code").str.split(".").list.head(3).list.join("."))
    )
    by_kecamatan = (
        latest.sort("rank", "as_of")
        .group_by("kecamatan", "item", maintain_order=True)
        .agg(pl.col("stage").first(), pl.col("as_of").max(), pl.col("source").first())
    )
    return {
        (row["kecamatan"], row["item"]): (row["stage"], row["as_of"], row["source"])
        for row in by_kecamatan.iter_rows(named=True)
    }


def _arrivals(
    logistics: pl.DataFrame, names: dict[str, str], before: dt.date, now: dt.date
) -> tuple[Arrival, ...]:
    earlier = _stages_as_of(logistics, before)
    result = []
    for (kecamatan, item), (stage, day, source) in sorted(_stages_as_of(logistics, now).items()):
        previous = earlier.get((kecamatan, item))
        if previous is not None and _stage_rank(previous[0]) >= _stage_rank(stage):
            continue
        regency = _regency_of(kecamatan)
        result.append(
            Arrival(
                regency_code=regency,
                regency_name=names.get(regency, regency),
                region_code=kecamatan,
                region_name=_region_name(kecamatan),
                item=item,
                stage_before=previous[0] if previous else None,
                stage_now=stage,
                as_of_before=previous[1] if previous else None,
                as_of=day,
                source=source,
            )
        )
    return tuple(result)


def _due_plans(
    logistics: pl.DataFrame, names: dict[str, str], before: dt.date, now: dt.date
) -> tuple[DuePlan, ...]:
    if logistics.height == 0:
        return ()
    plans = (
        logistics.filter(
            (pl.col("basis") == "plan")
            & (pl.col("as_of") <= now)
            & pl.col("scheduled_date").is_between(before, now, closed="right")
            & (pl.col("region_code").str.count_matches(r"\.") >= 2)
        )
        .sort("as_of")
        .group_by("region_code", "item", "stage", maintain_order=True)
        .last()
        .sort("region_code", "scheduled_date")
    )
    reached = _stages_as_of(logistics, now)
    result = []
    for row in plans.iter_rows(named=True):
        kecamatan = ".".join(row["region_code"].split(".")[:3])
        reported = reached.get((kecamatan, row["item"]))
        if reported is not None and _stage_rank(reported[0]) >= _stage_rank(row["stage"]):
            continue
        regency = _regency_of(kecamatan)
        result.append(
            DuePlan(
                regency_code=regency,
                regency_name=names.get(regency, regency),
                region_code=kecamatan,
                region_name=_region_name(kecamatan),
                item=row["item"],
                stage=row["stage"],
                scheduled_date=row["scheduled_date"],
                stage_reported=reported[0] if reported else None,
                as_of=row["as_of"],
                source=row["source"],
            )
        )
    return tuple(result)


def _cases_as_of(cases: pl.DataFrame, day: dt.date) -> dict[str, dict[str, object]]:
    if cases.height == 0:
        return {}
    latest = (
        cases.filter(pl.col("as_of") <= day)
        .with_columns(key=pl.coalesce(pl.col("case_id"), pl.col("region_code")))
        .sort("as_of")
        .group_by("key", maintain_order=True)
        .last()
    )
    return {row["key"]: row for row in latest.iter_rows(named=True)}


def _case_changes(
    cases: pl.DataFrame, names: dict[str, str], before: dt.date, now: dt.date
) -> tuple[CaseChange, ...]:
    earlier = _cases_as_of(cases, before)
    result = []
    for key, row in sorted(_cases_as_of(cases, now).items()):
        previous = earlier.get(key)
        status = row["status"]
        old = previous["status"] if previous else None
        kind: CaseKind
        if previous is None:
            kind = "new"
        elif status == old:
            continue
        elif status in FOLLOWED_UP_STATUSES:
            kind = "concluded"
        else:
            kind = "moved"
        regency = _regency_of(str(row["region_code"]))
        result.append(
            CaseChange(
                regency_code=regency,
                regency_name=names.get(regency, regency),
                case_id=str(key),
                subject=row.get("subject"),  # type: ignore[arg-type]
                kind=kind,
                status_before=old,  # type: ignore[arg-type]
                status_now=status,  # type: ignore[arg-type]
                as_of=row["as_of"],  # type: ignore[arg-type]
                source=row.get("source"),  # type: ignore[arg-type]
            )
        )
    return tuple(result)


def _latest_by_regency(frame: pl.DataFrame, day: dt.date) -> dict[str, dt.date]:
    if frame.height == 0 or "as_of" not in frame.columns or "region_code" not in frame.columns:
        return {}
    latest = (
        frame.filter((pl.col("as_of") <= day) & pl.col("region_code").str.contains(r"\."))
        .with_columns(regency=pl.col("region_code").str.split(".").list.head(2).list.join("."))
        .group_by("regency")
        .agg(pl.col("as_of").max())
    )
    return dict(zip(latest["regency"].to_list(), latest["as_of"].to_list(), strict=True))


def _reporting(
    tables: dict[str, pl.DataFrame], names: dict[str, str], before: dt.date, now: dt.date
) -> tuple[RegencyReporting, ...]:
    overall: dict[str, dt.date] = {}
    for frame in tables.values():
        for regency, day in _latest_by_regency(frame, now).items():
            overall[regency] = max(day, overall.get(regency, day))
    logistics = _latest_by_regency(tables["logistics"], now)
    return tuple(
        RegencyReporting(
            region_code=code,
            region_name=name,
            latest_report=overall.get(code),
            latest_logistics=logistics.get(code),
            silent=overall.get(code) is None or overall[code] <= before,
        )
        for code, name in sorted(names.items())
    )
