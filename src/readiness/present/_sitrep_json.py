"""The situation report as JSON for a bot, and the published schema it validates against
(``present/data/sitrep.schema.json``)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from readiness.contract import Language
from readiness.present._sitrep_render import indicator_name
from readiness.present._sitrep_text import SCHEMA_VERSION, SYNTHETIC_NOTICE
from readiness.present._sitrep_types import Sitrep

__all__ = ["sitrep_json", "sitrep_schema"]


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def sitrep_json(report: Sitrep, lang: Language = "id") -> dict[str, Any]:
    """The sitrep as plain JSON data (dates ISO 8601, labels in ``lang``), valid against
    :func:`sitrep_schema`."""
    from readiness.regions import get_region

    province = report.province_code

    def owner(institution: str | None) -> dict[str, str] | None:
        found = report.election.institutions.get(institution) if institution else None
        return {"id": found.id, "name": found.name.get(lang)} if found else None

    def item(entry: Any) -> dict[str, Any]:
        return {
            "region_code": entry.region_code,
            "region_name": entry.region_name,
            "indicator": entry.indicator,
            "indicator_name": indicator_name(entry.indicator, lang),
            "status_before": entry.status_before,
            "status_now": entry.status_now,
            "owner": owner(entry.owners[0]) if entry.owners else None,
            "owners": [found for found in map(owner, entry.owners) if found],
            "deadline": _iso(entry.deadline),
            "deadline_passed": entry.deadline is not None and entry.deadline < report.as_of,
        }

    def stage_rise(a: Any) -> dict[str, Any]:
        return {
            "regency_code": a.regency_code,
            "region_code": a.region_code,
            "region_name": a.region_name,
            "item": a.item,
            "stage_before": a.stage_before,
            "stage_now": a.stage_now,
            "as_of_before": _iso(a.as_of_before),
            "as_of": a.as_of.isoformat(),
            "source": a.source,
        }

    return {
        "schema": SCHEMA_VERSION,
        "lang": lang,
        "synthetic": report.synthetic,
        "notice": SYNTHETIC_NOTICE.get(lang) if report.synthetic else None,
        "dataset": report.dataset_name,
        "province": {"code": province, "name": get_region(province).name} if province else None,
        "election": report.election.id,
        "as_of": report.as_of.isoformat(),
        "since": report.since.isoformat(),
        "rejected_rows": report.rejected_rows,
        "new_critical": [item(i) for i in report.new_critical],
        "resolved": [item(i) for i in report.resolved],
        "status_changes": [
            {
                "region_code": c.region_code,
                "region_name": c.region_name,
                "indicator": c.indicator,
                "indicator_name": indicator_name(c.indicator, lang),
                "kind": c.kind,
                "status_before": c.status_before,
                "status_now": c.status_now,
                "value_before": c.value_before,
                "value_now": c.value_now,
                "as_of_before": _iso(c.as_of_before),
                "as_of_now": _iso(c.as_of_now),
            }
            for c in report.status_changes
        ],
        "logistics_arrivals": [stage_rise(a) for a in report.arrivals],
        "logistics_first_at_warehouse": [stage_rise(a) for a in report.first_at_warehouse],
        "logistics_plans_due": [
            {
                "regency_code": p.regency_code,
                "region_code": p.region_code,
                "region_name": p.region_name,
                "item": p.item,
                "stage": p.stage,
                "scheduled_date": p.scheduled_date.isoformat(),
                "stage_reported": p.stage_reported,
                "as_of": p.as_of.isoformat(),
                "source": p.source,
            }
            for p in report.due_plans
        ],
        "neutrality_cases": [
            {
                "regency_code": c.regency_code,
                "case_id": c.case_id,
                "subject": c.subject,
                "kind": c.kind,
                "status_before": c.status_before,
                "status_now": c.status_now,
                "as_of": c.as_of.isoformat(),
                "source": c.source,
                "owner": owner(c.owner),
            }
            for c in report.cases
        ],
        "reporting": [
            {
                "region_code": r.region_code,
                "region_name": r.region_name,
                "latest_report": _iso(r.latest_report),
                "latest_logistics": _iso(r.latest_logistics),
                "latest_personnel": _iso(r.latest_personnel),
                "latest_cases": _iso(r.latest_cases),
                "silent": r.silent,
            }
            for r in report.reporting
        ],
    }


def sitrep_schema() -> dict[str, Any]:
    """The published JSON Schema of :func:`sitrep_json` (``present/data/sitrep.schema.json``)."""
    source = resources.files("readiness.present") / "data" / "sitrep.schema.json"
    schema: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return schema
