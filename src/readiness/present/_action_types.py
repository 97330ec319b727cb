"""The decision page's data: actions, data requests and the decision that holds them
(computed by :func:`readiness.present._actions.decision_items`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from readiness.contract import Institution, Text

__all__ = ["Action", "ActionKind", "DataRequest", "Decision", "Severity", "StaleTable"]

Severity = Literal["critical", "attention", "plan_only", "stale"]
ActionKind = Literal["act", "report"]


@dataclass(frozen=True)
class Action:
    """One problem of one regency, who must act on it, by when, and the items."""

    region_code: str
    region_name: str
    topic: str
    """``logistics``, ``neutrality``, ``police`` or the indicator id."""
    kind: ActionKind
    """``act`` (the problem itself) or ``report`` (a stale figure or a plan: get a current
    report first)."""
    severity: Severity
    indicators: tuple[str, ...]
    problem: Text
    owners: tuple[Institution, ...]
    deadline: dt.date | None
    items: tuple[Text, ...]
    report_date: dt.date | None
    """The date of the report the problem comes from (the oldest one for a stale figure)."""
    open_since: dt.date | None = None
    """The first snapshot of the dataset, before the decision date, since which this problem
    has been open without a break (``None``: new in this snapshot)."""
    undated: bool = False
    """No deadline because the data lacks the date it runs from (a case's stage date), not
    because no norm sets one."""

    @property
    def key(self) -> tuple[str, str]:
        """What stays the same while a problem is open: the regency and the topic."""
        return (self.region_code, self.topic)


@dataclass(frozen=True)
class StaleTable:
    """A table of a regency past its freshness limit, and the date of its last report."""

    what: Text
    last_report: dt.date


@dataclass(frozen=True)
class DataRequest:
    """What the province must ask one regency for: figures never reported, tables stale."""

    region_code: str
    region_name: str
    missing: tuple[Text, ...]
    stale: tuple[StaleTable, ...] = ()
    rejected: int = 0
    """Rows of the regency that validation rejected: to be corrected and sent again."""


@dataclass(frozen=True)
class Decision:
    """The decision page's content as of one day."""

    as_of: dt.date
    voting_day: dt.date
    actions: tuple[Action, ...]
    requests: tuple[DataRequest, ...]
    silent_logistics: tuple[str, ...] = ()
    """In the final week before voting day, the regencies (short names) that have sent no
    logistics report at all: not a data gap like the others, since nobody can say whether
    their ballots will reach the TPS."""

    @property
    def regencies(self) -> list[str]:
        """The codes of the regencies that need action, most urgent first."""
        return list(dict.fromkeys(action.region_code for action in self.actions))
