"""Each indicator on small hand-computed cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from readiness.regions import descendants

Compute = Callable[..., pl.DataFrame]
Pick = Callable[..., dict[str, Any]]

BERAU, KUTIM, MAHULU = "64.03", "64.08", "64.11"
DAY = dt.date(2024, 11, 25)
KEC = descendants(BERAU, depth=3)["code"].to_list()


def _summary(**values: Any) -> dict[str, Any]:
    return {"region_code": BERAU, "as_of": DAY, **values}


@pytest.mark.parametrize(
    ("voters", "expected_status"),
    [(600_000, "ready"), (700_000, "attention"), (900_000, "critical")],
)
def test_voters_per_tps_against_the_cap(
    compute: Compute, pick: Pick, voters: int, expected_status: str
) -> None:
    out = compute(summary=[_summary(voters=voters, tps=1000)])
    result = pick(out, BERAU, "voters_per_tps")
    assert result["value"] == voters / 1000
    assert result["norm"] == 600.0
    assert result["status"] == expected_status


def test_voters_per_tps_max_from_per_tps_rows(compute: Compute, pick: Pick) -> None:
    village = descendants(BERAU, depth=4)["code"][0]
    rows = [
        {"region_code": village, "tps_number": n, "tps": 1, "voters": v, "as_of": DAY}
        for n, v in enumerate([500, 650, 300], start=1)
    ]
    rows.append({"region_code": village, "tps_number": 4, "tps": 1, "voters": None, "as_of": DAY})
    out = compute(polling_stations=rows)
    result = pick(out, BERAU, "voters_per_tps_max")
    assert result["value"] == 650.0
    assert result["status"] == "critical"
    assert result["coverage"] == 0.75
    # the mean over the same rows: the TPS without a voter figure is not in the denominator
    mean = pick(out, BERAU, "voters_per_tps")
    assert mean["value"] == pytest.approx(1450 / 3)
    assert mean["coverage"] == pytest.approx(1 / 110)  # one of Berau's 110 villages


def test_detail_covering_every_kecamatan_wins_over_summary(compute: Compute, pick: Pick) -> None:
    out = compute(
        summary=[_summary(tps=100, village_count=110)],
        polling_stations=[{"region_code": code, "tps": 10, "as_of": DAY} for code in KEC],
    )
    assert pick(out, BERAU, "tps_per_village")["value"] == pytest.approx(130 / 110)
    gap = pick(out, BERAU, "tps_reconciliation_gap")
    assert gap["value"] == pytest.approx(30 / 100)
    assert gap["status"] == "critical"


def test_partial_detail_does_not_replace_the_summary(compute: Compute, pick: Pick) -> None:
    # the default dataset lists where two of Berau's three TPS khusus are, not all kecamatan
    listed = [{"region_code": code, "tps_khusus": 1, "as_of": DAY} for code in KEC[3:5]]
    out = compute(summary=[_summary(tps=475, tps_khusus=3)], polling_stations=listed)
    assert pick(out, BERAU, "tps_khusus_share")["value"] == pytest.approx(3 / 475)
    assert pick(out, BERAU, "tps_reconciliation_gap")["value"] is None
    without_summary = compute(summary=[_summary(tps=475)], polling_stations=listed)
    partial = pick(without_summary, BERAU, "tps_khusus_share")
    # two kecamatan's TPS khusus over the whole regency's TPS would mix scopes: no value
    assert partial["value"] is None
    listed_villages = sum(descendants(code, depth=4).height for code in KEC[3:5])
    assert partial["coverage"] == pytest.approx((listed_villages / 110 + 1) / 2)


def test_personnel_by_agency_and_role(compute: Compute, pick: Pick) -> None:
    personnel = [
        ("polri", "security", 100), ("tni", "security", 50), ("linmas", "security", 200),
        ("other", "kpps", 700),
    ]  # fmt: skip
    out = compute(
        summary=[_summary(tps=100, security_personnel=999)],
        personnel=[
            {"region_code": BERAU, "agency": a, "role": r, "count": c, "as_of": DAY}
            for a, r, c in personnel
        ],
    )
    got = {i: pick(out, BERAU, i) for i in (
        "police_per_tps", "tni_per_tps", "linmas_per_tps", "kpps_per_tps",
        "security_personnel_per_tps", "security_personnel_reconciliation_gap")}  # fmt: skip
    assert got["police_per_tps"]["value"] == 1.0
    assert got["tni_per_tps"]["value"] == 0.5
    assert (got["linmas_per_tps"]["value"], got["linmas_per_tps"]["status"]) == (2.0, "ready")
    assert (got["kpps_per_tps"]["value"], got["kpps_per_tps"]["norm"]) == (7.0, 7.0)
    assert got["kpps_per_tps"]["status"] == "ready"
    assert got["security_personnel_per_tps"]["value"] == 3.5  # agency detail, not the 999
    assert got["security_personnel_reconciliation_gap"]["value"] == pytest.approx(649 / 999)


def test_kpps_short_of_the_norm(compute: Compute, pick: Pick) -> None:
    out = compute(
        summary=[_summary(tps=10)],
        personnel=[{"region_code": BERAU, "agency": "other", "role": "kpps", "count": 60,
                    "as_of": DAY}],
    )  # fmt: skip
    assert pick(out, BERAU, "kpps_per_tps")["status"] == "attention"  # 6 < 7, ≥ 4.9


def _grades(**counts: int) -> list[dict[str, Any]]:
    return [
        {"region_code": BERAU, "instrument": "polri_grade", "category": c, "tps_count": n,
         "as_of": DAY}
        for c, n in counts.items()
    ]  # fmt: skip


def test_police_against_grade_requirement(compute: Compute, pick: Pick) -> None:
    tables: dict[str, Any] = {
        "vulnerabilities": _grades(
            highly_vulnerable=10, vulnerable=20, less_vulnerable=40, special=2
        ),
        "personnel": [
            {"region_code": BERAU, "agency": "polri", "role": "security", "count": 64,
             "as_of": DAY}
        ],
    }  # fmt: skip
    out = compute(**tables)
    # required = 10×2 + 20×1 + 40×0.5 + 2×2 = 64
    assert pick(out, BERAU, "police_vs_grade_requirement")["value"] == 1.0
    local = compute(norms_override={"police_per_tps_less_vulnerable": 0.25}, **tables)
    assert pick(local, BERAU, "police_vs_grade_requirement")["value"] == pytest.approx(64 / 54)


def _logistics(stages: list[tuple[str, str, str]], as_of: dt.date = DAY) -> list[dict[str, Any]]:
    return [
        {"region_code": code, "item": item, "stage": stage, "as_of": as_of}
        for code, item, stage in stages
    ]


def test_logistics_by_stage_uses_the_lowest_item(compute: Compute, pick: Pick) -> None:
    out = compute(
        logistics=_logistics([
            (KEC[0], "all", "ppk"), (KEC[1], "all", "pps"), (KEC[2], "all", "tps"),
            (KEC[3], "all", "ppk"), (KEC[3], "ballot", "kpu"),
        ])
    )  # fmt: skip
    completion = pick(out, BERAU, "logistics_completion_kecamatan")
    assert completion["value"] == 3 / 4
    assert completion["coverage"] == pytest.approx(4 / 13)
    assert completion["status"] == "attention"  # 0.75 is the critical bound itself
    assert pick(out, BERAU, "logistics_at_pps_kecamatan")["value"] == 2 / 4
    assert pick(out, BERAU, "logistics_at_tps_kecamatan")["value"] == 1 / 4


def test_logistics_against_milestones(compute: Compute, pick: Pick) -> None:
    h1 = dt.date(2024, 11, 26)  # PPK deadline (H-2, 25 Nov) has passed, PPS (H-1) not yet
    rows = _logistics([(KEC[0], "all", "ppk"), (KEC[1], "all", "kpu")], as_of=h1)
    out = compute(logistics=rows)
    assert pick(out, BERAU, "logistics_on_track_kecamatan")["value"] == 0.5
    behind = pick(out, BERAU, "logistics_days_behind_max")
    assert (behind["value"], behind["status"]) == (1.0, "attention")


def test_planned_arrival_after_the_deadline_counts_as_late(compute: Compute, pick: Pick) -> None:
    row = {"region_code": KEC[0], "item": "all", "stage": "kpu", "as_of": dt.date(2024, 11, 20),
           "scheduled_date": dt.date(2024, 11, 28)}  # fmt: skip
    out = compute(logistics=[row])
    assert pick(out, BERAU, "logistics_on_track_kecamatan")["value"] == 1.0
    behind = pick(out, BERAU, "logistics_days_behind_max")
    assert (behind["value"], behind["status"]) == (3.0, "critical")  # 28 Nov vs 25 Nov


def test_regency_wide_logistics_row_stands_for_all_its_kecamatan(
    compute: Compute, pick: Pick
) -> None:
    row = {"region_code": MAHULU, "item": "all", "stage": "kpu", "as_of": dt.date(2024, 11, 14),
           "scheduled_date": dt.date(2024, 11, 23)}  # fmt: skip
    out = compute(logistics=[row])
    completion = pick(out, MAHULU, "logistics_completion_kecamatan")
    assert (completion["value"], completion["coverage"]) == (0.0, 1.0)
    assert pick(out, MAHULU, "logistics_on_track_kecamatan")["value"] == 1.0
    assert pick(out, MAHULU, "logistics_days_behind_max")["value"] == 0.0


def test_delivered_share_uses_rows_with_both_quantities(compute: Compute, pick: Pick) -> None:
    rows = [
        {"region_code": KEC[0], "item": "ballot", "stage": "ppk", "quantity_required": 100,
         "quantity_delivered": 80, "as_of": DAY},
        {"region_code": KEC[1], "item": "ballot", "stage": "ppk", "quantity_required": 50,
         "quantity_delivered": 50, "as_of": DAY},
        {"region_code": KEC[2], "item": "ballot", "stage": "ppk", "quantity_delivered": 70,
         "as_of": DAY},
    ]  # fmt: skip
    result = pick(compute(logistics=rows), BERAU, "logistics_delivered_share")
    assert result["value"] == pytest.approx(130 / 150)
    assert result["coverage"] == pytest.approx(2 / 3)
    assert result["status"] == "critical"  # < 0.9


@pytest.mark.parametrize(
    ("ballots", "expected", "status"),
    [(10_250, 0.025, "ready"), (10_100, 0.01, "attention"), (9_900, -0.01, "critical")],
)
def test_ballot_reserve(
    compute: Compute, pick: Pick, ballots: int, expected: float, status: str
) -> None:
    out = compute(
        summary=[_summary(voters=10_000)],
        logistics=[{"region_code": BERAU, "item": "ballot", "stage": "kpu",
                    "quantity_delivered": ballots, "as_of": DAY}],
    )  # fmt: skip
    result = pick(out, BERAU, "ballot_reserve_share")
    assert result["value"] == pytest.approx(expected)
    assert result["status"] == status
    assert result["coverage"] == 1.0


def test_ballots_of_one_kecamatan_are_not_set_against_the_regency_voters(
    compute: Compute, pick: Pick
) -> None:
    out = compute(
        summary=[_summary(voters=10_000)],
        logistics=[{"region_code": KEC[0], "item": "ballot", "stage": "kpu",
                    "quantity_delivered": 10_250, "as_of": DAY}],
    )  # fmt: skip
    result = pick(out, BERAU, "ballot_reserve_share")
    assert result["value"] is None
    share = descendants(KEC[0], depth=4).height / 110
    assert result["coverage"] == pytest.approx((share + 1) / 2)


def test_neutrality_cases(compute: Compute, pick: Pick) -> None:
    cases = [
        {"case_id": str(n), "region_code": BERAU, "subject": s, "status": st, "as_of": DAY}
        for n, (s, st) in enumerate(
            [("village_head", "reported"), ("civil_servant", "examined"),
             ("contract_civil_servant", "closed")]
        )
    ]  # fmt: skip
    out = compute(neutrality_cases=cases)
    assert pick(out, BERAU, "neutrality_cases")["value"] == 3.0
    assert pick(out, BERAU, "neutrality_cases_open")["value"] == 2.0
    # only a concluded case (sanctioned, closed, dismissed) is followed up
    assert pick(out, BERAU, "neutrality_followup_rate")["value"] == pytest.approx(1 / 3)
    # nothing reported for Kutai Timur is unknown, not zero cases
    kutim = pick(out, KUTIM, "neutrality_cases")
    assert (kutim["value"], kutim["coverage"]) == (None, 0.0)


def test_village_count_against_reference(compute: Compute, pick: Pick) -> None:
    out = compute(summary=[_summary(village_count=100)])
    assert pick(out, BERAU, "village_count_reconciliation_gap")["value"] == pytest.approx(10 / 110)


def test_village_count_falls_back_to_reference(compute: Compute, pick: Pick) -> None:
    out = compute(summary=[_summary(tps=220)])
    result = pick(out, BERAU, "tps_per_village")
    # 220 / 110 from Kemendagri; the packaged reference is not a reported input
    assert (result["value"], result["coverage"]) == (2.0, 0.5)
    gap = pick(out, BERAU, "village_count_reconciliation_gap")
    assert (gap["value"], gap["coverage"]) == (None, 0.0)


def test_zero_denominator_gives_null_not_infinity(compute: Compute, pick: Pick) -> None:
    out = compute(summary=[_summary(tps=0, tps_khusus=0)])
    assert pick(out, BERAU, "tps_khusus_share")["value"] is None


def test_data_coverage_counts_core_inputs(compute: Compute, pick: Pick) -> None:
    out = compute(
        summary=[_summary(tps=475, village_count=110, tps_khusus=3, security_personnel=1588)],
        logistics=_logistics([(KEC[0], "all", "ppk")]),
    )
    result = pick(out, BERAU, "data_coverage")
    assert result["value"] == pytest.approx(5 / 7)
    assert pick(out, KUTIM, "data_coverage")["value"] == 0.0


@pytest.mark.parametrize("basis", [None, "actual"])
def test_logistics_without_plans_take_the_short_pass_with_the_same_figures(
    basis: str | None,
) -> None:
    from readiness import config
    from readiness.contract import load_election
    from readiness.indicators._context import build_contexts
    from readiness.indicators._formulas_logistics import _has_plans, _logistics_by_code
    from readiness.ingest import load_dataset

    tables = load_dataset(config.raw_dir() / "kaltim-2024").tables
    logistics = tables["logistics"].filter(pl.col("basis").ne_missing("plan"))
    logistics = logistics.with_columns(basis=pl.lit(basis, pl.String))
    election = load_election()
    norms = {norm_id: norm.value for norm_id, norm in election.norms.items()}
    [ctx] = build_contexts({"logistics": logistics}, (2,), ["64"], election, norms, None).values()
    assert not _has_plans(ctx.latest["logistics"])
    short = _logistics_by_code(ctx, has_plans=False).collect().sort("region_code")
    general = _logistics_by_code(ctx, has_plans=True).collect().sort("region_code")
    assert short.height > 0
    assert short.equals(general)
    assert short.schema == general.schema
    assert _has_plans(pl.LazyFrame({"basis": ["actual", "plan"]}))
