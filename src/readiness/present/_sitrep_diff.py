"""What changed between two dates, table by table: the computations behind
:func:`readiness.present.build_sitrep` (indicator statuses, logistics stages, plans due,
neutrality cases, latest reports). Each function takes the accepted rows of one table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import polars as pl

from readiness.contract import FOLLOWED_UP_STATUSES, JUDGED_STATUSES, STAGES, Election
from readiness.present._action_items import usable
from readiness.present._sitrep_types import (
    Arrival,
    CaseChange,
    CaseKind,
    ChangeKind,
    CriticalItem,
    DuePlan,
    RegencyReporting,
    StatusChange,
)

if TYPE_CHECKING:
    from readiness.ingest import Dataset

__all__ = [
    "OPERATIONAL_TABLES",
    "STAGE_ORDER",
    "accepted_tables",
    "case_changes",
    "critical_items",
    "due_plans",
    "regency_names",
    "reporting",
    "stage_rises",
    "status_changes",
]

OPERATIONAL_TABLES: tuple[str, ...] = ("logistics", "personnel", "neutrality_cases")
"""The tables whose reports say a regency is current (the summary sheet does not)."""

STAGE_ORDER: tuple[str, ...] = STAGES.keys
"""Logistics stages from the KPU warehouse to the TPS, in the order they are reached."""


def accepted_tables(dataset: Dataset, invalid: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """Every table of the dataset without the rows validation rejected."""
    return {str(name): usable(dataset, name, invalid) for name in dataset.tables}


def _regency_of(code: str) -> str:
    return ".".join(code.split(".")[:2])


def regency_names(dataset: Dataset, tables: dict[str, pl.DataFrame]) -> dict[str, str]:
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


def status_changes(
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
    if before in JUDGED_STATUSES and now in JUDGED_STATUSES:
        return (
            "worsened" if JUDGED_STATUSES.index(now) > JUDGED_STATUSES.index(before) else "improved"
        )
    return "first"


def critical_items(
    changes: Sequence[StatusChange],
    election: Election,
    kind: ChangeKind,
    cases: pl.DataFrame,
    now: dt.date,
) -> tuple[CriticalItem, ...]:
    """Indicators that became critical (or recovered), data gaps left out: a gap in the data
    is a request to the regency, not an operational item (as on the decision page). A
    neutrality item names the owners of its open cases' stages, as the decision page does."""
    from readiness.present._action_items import open_cases
    from readiness.present._actions import DATA_GAP_INDICATORS

    items = []
    for change in changes:
        if change.kind != kind or change.indicator in DATA_GAP_INDICATORS:
            continue
        responsibility = election.responsibilities.get(change.indicator)
        owners: tuple[str, ...] = (responsibility.owner.id,) if responsibility else ()
        if change.indicator.startswith("neutrality") and cases.height:
            found = [
                election.case_owner(row["status"], row.get("referred_to"))
                for row in open_cases(cases, change.region_code, now).iter_rows(named=True)
            ]
            stage_owners = tuple(dict.fromkeys(o.id for o in found if o is not None))
            owners = stage_owners or owners
        items.append(
            CriticalItem(
                region_code=change.region_code,
                region_name=change.region_name,
                indicator=change.indicator,
                status_before=change.status_before,
                status_now=change.status_now,
                owners=owners,
                deadline=election.deadline(change.indicator),
            )
        )
    return tuple(items)


def _stage_rank(stage: str | None) -> int:
    return STAGES.rank.get(stage, -1) if stage is not None else -1


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
        actual.with_columns(rank=pl.col("stage").replace_strict(STAGES.rank, return_dtype=pl.Int64))
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


def stage_rises(
    logistics: pl.DataFrame, names: dict[str, str], before: dt.date, now: dt.date
) -> tuple[tuple[Arrival, ...], tuple[Arrival, ...]]:
    """Kecamatan whose stage rose beyond the KPU warehouse (arrivals), and kecamatan reported
    for the first time, still at the KPU warehouse (a starting position, not an arrival)."""
    rises = _stage_rises(logistics, names, before, now)
    return (
        tuple(a for a in rises if a.stage_now != STAGE_ORDER[0]),
        tuple(a for a in rises if a.stage_now == STAGE_ORDER[0]),
    )


def _stage_rises(
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


def due_plans(logistics: pl.DataFrame, names: dict[str, str], now: dt.date) -> tuple[DuePlan, ...]:
    """Planned stages whose day is past or today at ``now`` with no arrival reported at them,
    whenever the day fell: the decision page's schedules "passed with no arrival" and "due
    today" (``present/_action_items.py``), not only those due since the previous snapshot."""
    if logistics.height == 0:
        return ()
    plans = (
        logistics.filter(
            (pl.col("basis") == "plan")
            & (pl.col("as_of") <= now)
            & (pl.col("scheduled_date") <= now)
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


def case_changes(
    cases: pl.DataFrame,
    names: dict[str, str],
    before: dt.date,
    now: dt.date,
    election: Election,
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
                owner=_case_owner(election, row),
            )
        )
    return tuple(result)


def _case_owner(election: Election, row: dict[str, object]) -> str | None:
    found = election.case_owner(str(row["status"]), row.get("referred_to"))  # type: ignore[arg-type]
    return found.id if found is not None else None


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


def reporting(
    tables: dict[str, pl.DataFrame], names: dict[str, str], before: dt.date, now: dt.date
) -> tuple[RegencyReporting, ...]:
    """Per regency, the latest report of each operational table and whether it has been
    silent since ``before``. The summary sheet does not count: its rows are the province's
    meeting records, not a regency's report on its operations."""
    latest = {
        table: _latest_by_regency(tables.get(table, pl.DataFrame()), now)
        for table in OPERATIONAL_TABLES
    }
    result = []
    for code, name in sorted(names.items()):
        days = [found[code] for found in latest.values() if code in found]
        overall = max(days) if days else None
        result.append(
            RegencyReporting(
                region_code=code,
                region_name=name,
                latest_report=overall,
                latest_logistics=latest["logistics"].get(code),
                latest_personnel=latest["personnel"].get(code),
                latest_cases=latest["neutrality_cases"].get(code),
                silent=overall is None or overall <= before,
            )
        )
    return tuple(result)
