"""Readiness statuses: the three an indicator can earn, and the three more a table shows.

>>> STATUSES.label("attention", "id"), SHOWN_STATUSES.label("missing", "en")
('perlu perhatian', 'not reported')
"""

from __future__ import annotations

from typing import Literal, get_args

from readiness.contract._enums import ClosedSet

__all__ = ["SHOWN_STATUSES", "STATUSES", "ShownStatus", "Status"]

Status = Literal["ready", "attention", "critical"]
STATUSES = ClosedSet(
    "readiness_status",
    get_args(Status),
    ("siap", "perlu perhatian", "kritis"),
    ("ready", "needs attention", "critical"),
    (("perhatian", "attention"),),
)
"""The three readiness statuses, from best to worst, with Indonesian and English labels."""

ShownStatus = Literal["ready", "attention", "critical", "unrated", "insufficient", "missing"]
SHOWN_STATUSES = ClosedSet(
    "shown_status",
    get_args(ShownStatus),
    (*STATUSES.labels_id, "tidak dinilai", "data belum cukup", "tidak dilaporkan"),
    (*STATUSES.labels_en, "not rated", "insufficient data", "not reported"),
)
"""What a table or chart shows in a status cell, in this order: a status; ``unrated`` (a
value but no thresholds); ``insufficient`` (too little data for a composite status);
``missing`` (not reported)."""
