"""Readiness statuses: the five an indicator can get, and the three more a table shows.

>>> STATUSES.label("attention", "id"), SHOWN_STATUSES.label("missing", "en")
('perlu perhatian', 'not reported')
"""

from __future__ import annotations

from typing import Literal, get_args

from readiness.contract._enums import ClosedSet

__all__ = [
    "FRESHNESS_STATUSES",
    "JUDGED_STATUSES",
    "SHOWN_STATUSES",
    "STATUSES",
    "ShownStatus",
    "Status",
]

Status = Literal["ready", "attention", "critical", "stale", "plan_only"]
STATUSES = ClosedSet(
    "readiness_status",
    get_args(Status),
    ("siap", "perlu perhatian", "kritis", "usang", "baru rencana"),
    ("ready", "needs attention", "critical", "stale", "plan only"),
    (("perhatian", "attention"),),
)
"""The readiness statuses an indicator can get, with Indonesian and English labels: three
judged from thresholds (:data:`JUDGED_STATUSES`, best to worst), and two that say a value
cannot be judged (:data:`FRESHNESS_STATUSES`: ``stale``, too old; ``plan_only``, a plan
only)."""

JUDGED_STATUSES: tuple[str, ...] = ("ready", "attention", "critical")
"""The statuses judged from thresholds, from best to worst."""

FRESHNESS_STATUSES: tuple[str, ...] = ("stale", "plan_only")
"""The statuses of a value that cannot be judged: too old, or a plan only."""

ShownStatus = Literal[
    "ready", "attention", "critical", "stale", "plan_only", "unrated", "insufficient", "missing"
]
SHOWN_STATUSES = ClosedSet(
    "shown_status",
    get_args(ShownStatus),
    (*STATUSES.labels_id, "tidak dinilai", "tidak diperingkat", "tidak dilaporkan"),
    (*STATUSES.labels_en, "not rated", "not ranked", "not reported"),
)
"""What a table or chart shows in a status cell, in this order: a status; ``unrated`` (a
value but no thresholds); ``insufficient`` (too little of the weight reported for a composite status and rank:
not ranked);
``missing`` (not reported)."""
