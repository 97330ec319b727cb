"""Indicator formulas, found by the registry id.

Every formula computes, per unit (kabupaten/kota or kecamatan), a numerator ``num``, a
denominator ``den`` (null unless the formula is a ratio), a ``coverage`` in [0, 1] and the
``as_of`` date of the newest input used. The engine turns these into values and rolls them up
with one definition per aggregation kind (see ``_compute.py``):

- ``ratio``: value = num / den; a higher level sums num and den over the units where both
  are reported (a zero denominator gives no value);
- ``sum``: value = num; a higher level sums the reported units;
- ``max``: value = num; a higher level takes the maximum.

A figure for a unit comes from its detail (polling-station, village, kecamatan or agency
rows) only when that detail covers every village of the unit, else from the regency's summary
row (see ``_quantities.py``). The two terms of a ratio always come from one scope: both unit
figures, or both summed over the same detail rows; otherwise the value is null and the
coverage says how much was reported. Nothing missing is ever counted as zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import polars as pl

from readiness.indicators._context import Context
from readiness.indicators._formulas_coverage import (
    data_coverage,
    security_personnel_reconciliation_gap,
    tps_reconciliation_gap,
    village_count_reconciliation_gap,
)
from readiness.indicators._formulas_logistics import (
    ballot_reserve_share,
    logistics_days_behind,
    logistics_delivered_share,
    logistics_on_track,
    logistics_plan_on_time,
    stage_share,
)
from readiness.indicators._formulas_neutrality import (
    neutrality_cases,
    neutrality_cases_open,
    neutrality_cases_overdue,
    neutrality_days_in_stage_max,
    neutrality_followup_rate,
)
from readiness.indicators._formulas_stations import (
    per_tps,
    police_vs_grade_requirement,
    security_personnel_per_tps,
    tps_khusus_share,
    tps_per_village,
    voters_per_tps,
    voters_per_tps_max,
)

__all__ = ["FORMULAS", "Aggregation", "Formula"]

Aggregation = Literal["ratio", "sum", "max"]


@dataclass(frozen=True)
class Formula:
    """How an indicator is computed per unit and how it rolls up."""

    aggregation: Aggregation
    compute: Callable[[Context], pl.LazyFrame]


FORMULAS: dict[str, Formula] = {
    "tps_per_village": Formula("ratio", tps_per_village),
    "voters_per_tps": Formula("ratio", voters_per_tps),
    "voters_per_tps_max": Formula("max", voters_per_tps_max),
    "tps_khusus_share": Formula("ratio", tps_khusus_share),
    "security_personnel_per_tps": Formula("ratio", security_personnel_per_tps),
    "police_per_tps": Formula("ratio", per_tps(role="security", agency="polri")),
    "tni_per_tps": Formula("ratio", per_tps(role="security", agency="tni")),
    "linmas_per_tps": Formula("ratio", per_tps(role="security", agency="linmas")),
    "kpps_per_tps": Formula("ratio", per_tps(role="kpps")),
    "police_vs_grade_requirement": Formula("ratio", police_vs_grade_requirement),
    "logistics_completion_kecamatan": Formula("ratio", stage_share("ppk")),
    "logistics_at_pps_kecamatan": Formula("ratio", stage_share("pps")),
    "logistics_at_tps_kecamatan": Formula("ratio", stage_share("tps")),
    "logistics_on_track_kecamatan": Formula("ratio", logistics_on_track),
    "logistics_days_behind_max": Formula("max", logistics_days_behind),
    "logistics_plan_on_time_kecamatan": Formula("ratio", logistics_plan_on_time),
    "logistics_delivered_share": Formula("ratio", logistics_delivered_share),
    "ballot_reserve_share": Formula("ratio", ballot_reserve_share),
    "neutrality_cases": Formula("sum", neutrality_cases),
    "neutrality_cases_open": Formula("sum", neutrality_cases_open),
    "neutrality_followup_rate": Formula("ratio", neutrality_followup_rate),
    "neutrality_days_in_stage_max": Formula("max", neutrality_days_in_stage_max),
    "neutrality_cases_overdue": Formula("sum", neutrality_cases_overdue),
    "tps_reconciliation_gap": Formula("ratio", tps_reconciliation_gap),
    "security_personnel_reconciliation_gap": Formula(
        "ratio", security_personnel_reconciliation_gap
    ),
    "village_count_reconciliation_gap": Formula("ratio", village_count_reconciliation_gap),
    "data_coverage": Formula("ratio", data_coverage),
}
"""Formula per indicator id; the registry must name exactly these ids."""
