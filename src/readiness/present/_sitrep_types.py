"""The entries of a situation report and the report itself (frozen, typed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from readiness.contract import Election

__all__ = [
    "Arrival",
    "CaseChange",
    "CaseKind",
    "ChangeKind",
    "CriticalItem",
    "DuePlan",
    "RegencyReporting",
    "Sitrep",
    "SitrepError",
    "StatusChange",
]

ChangeKind = Literal["newly_critical", "recovered", "worsened", "improved", "stale", "first"]
CaseKind = Literal["new", "moved", "concluded"]


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
    """A planned stage whose day is past or today at ``as_of`` (the decision page's
    definition), with no arrival reported at it."""

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
    owner: str | None = None
    """The institution id that must move the case on from its stage (None when closed)."""


@dataclass(frozen=True)
class RegencyReporting:
    """When a regency last reported on its operations: the latest report of each operational
    table (logistics, personnel, neutrality cases) and the latest of those. The summary sheet
    is not an operational report: a meeting's summary rows do not make a regency current."""

    region_code: str
    region_name: str
    latest_report: dt.date | None
    """The latest of ``latest_logistics``, ``latest_personnel`` and ``latest_cases``."""
    latest_logistics: dt.date | None
    latest_personnel: dt.date | None
    latest_cases: dt.date | None
    silent: bool
    """No operational report after ``since`` (or never)."""


@dataclass(frozen=True)
class CriticalItem:
    """A critical indicator with the institution that must act and its deadline."""

    region_code: str
    region_name: str
    indicator: str
    status_before: str | None
    status_now: str | None
    owners: tuple[str, ...]
    """The institution ids that must act: for a neutrality indicator the owners of the open
    cases' stages (as on the decision page), otherwise the election's responsibilities."""
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
    first_at_warehouse: tuple[Arrival, ...] = ()
    """First logistics reports still at the KPU warehouse: the starting position, no arrival."""

    @property
    def silent(self) -> tuple[RegencyReporting, ...]:
        """The regencies with no report since ``since``."""
        return tuple(r for r in self.reporting if r.silent)

    def changes(self, *kinds: ChangeKind) -> tuple[StatusChange, ...]:
        """The status changes of the given kinds (all when none is given)."""
        return tuple(c for c in self.status_changes if not kinds or c.kind in kinds)
