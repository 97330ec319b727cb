"""Briefing section: page 1, the decision page. For each regency that is not ready, the
problem, who must act, by when, the items and the report date; then, from the next page,
what the province must ask the regencies for (data gaps are not actions)."""

from __future__ import annotations

import dataclasses
from typing import Any

from readiness.present._briefing_core import BriefingCore
from readiness.present._decision import decision_table, requests_block
from readiness.present._display import Markdown, Table
from readiness.present._source_line import REGIONAL_TABLES, source_line

__all__ = ["actions", "data_requests"]


def actions(b: BriefingCore) -> Table | Markdown:
    """For each regency not ready: the problem, who must act, by when, the items and the
    report date (:mod:`readiness.present._decision`), with the sources they come from."""
    shown = decision_table(b.decision, b.lang)
    if isinstance(shown, Table):
        return dataclasses.replace(shown, source=source_line(b, REGIONAL_TABLES))
    return shown


def data_requests(b: BriefingCore) -> Any:
    """What the province must ask each regency for; in PDF it starts the page after the
    decision page when that fits on the first page."""
    return requests_block(b.decision, b.lang)
