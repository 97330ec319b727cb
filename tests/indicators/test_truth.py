"""Contract 2.0 on the default Kaltim dataset as of 25 Nov 2024, and each new rule on a small
input that triggers it: plans are not arrivals, old reports are stale, personnel are divided by
the TPS they cover, neutrality cases have stages, and a stated zero is zero."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from readiness.indicators import compute_indicators, compute_levels
from readiness.ingest import Dataset

DAY = dt.date(2024, 11, 25)
Pick = Callable[[pl.DataFrame, str, str], dict[str, Any]]
Compute = Callable[..., pl.DataFrame]


@pytest.fixture(scope="module")
def kaltim(read_default_dataset: Callable[[], Dataset]) -> Dataset:
    return read_default_dataset()


@pytest.fixture(scope="module")
def on_25_nov(kaltim: Dataset) -> dict[str, pl.DataFrame]:
    levels = compute_levels(kaltim, ("kabupaten", "provinsi"), as_of=DAY)
    return {"kabupaten": levels["kabupaten"], "provinsi": levels["provinsi"]}


def test_kutai_timur_has_a_plan_only(on_25_nov: dict[str, pl.DataFrame], pick: Pick) -> None:
    frame = on_25_nov["kabupaten"]
    for indicator in ("logistics_completion_kecamatan", "logistics_on_track_kecamatan",
                      "logistics_days_behind_max"):  # fmt: skip
        found = pick(frame, "64.08", indicator)
        # never 0 % and never critical: nothing actual was reported
        assert (found["value"], found["status"]) == (None, "plan_only"), indicator
    plan = pick(frame, "64.08", "logistics_plan_on_time_kecamatan")
    # 16 of the 17 named kecamatan are planned at the PPK by 25 Nov; Sangatta Utara on 26 Nov
    assert plan["value"] == pytest.approx(16 / 17)
    assert plan["status"] == "attention"


def test_mahakam_ulu_is_stale_not_on_time(
    on_25_nov: dict[str, pl.DataFrame], kaltim: Dataset, pick: Pick
) -> None:
    found = pick(on_25_nov["kabupaten"], "64.11", "logistics_on_track_kecamatan")
    assert found["status"] == "stale"
    assert found["oldest_as_of"] == found["as_of"] == dt.date(2024, 11, 14)
    # on the day of its report the same figure was current, and on time
    then = compute_indicators(kaltim, level="kabupaten", as_of=dt.date(2024, 11, 14))
    assert pick(then, "64.11", "logistics_on_track_kecamatan")["status"] == "ready"


def test_a_stale_regency_does_not_enter_the_province(
    on_25_nov: dict[str, pl.DataFrame], pick: Pick
) -> None:
    # only Berau's actual positions are fresh: 11 of 13 kecamatan at the PPK
    province = pick(on_25_nov["provinsi"], "64", "logistics_completion_kecamatan")
    assert province["value"] == pytest.approx(11 / 13)
    assert province["oldest_as_of"] == DAY  # Mahakam Ulu's 14 Nov report was left out
    assert province["status"] == "attention"
    behind = pick(on_25_nov["provinsi"], "64", "logistics_days_behind_max")
    assert (behind["value"], behind["status"]) == (0, "ready")  # Berau's, the only fresh one


def test_personnel_are_divided_by_the_tps_they_cover(
    on_25_nov: dict[str, pl.DataFrame], pick: Pick
) -> None:
    frame = on_25_nov["kabupaten"]
    assert pick(frame, "64.02", "police_per_tps")["value"] == pytest.approx(550 / 1301)
    assert pick(frame, "64.74", "police_per_tps")["value"] == pytest.approx(420 / 423)
    assert pick(frame, "64.74", "linmas_per_tps")["value"] == pytest.approx(846 / 423)
    # mixed scopes are shown, never judged against each other
    assert set(frame.filter(pl.col("indicator") == "security_personnel_per_tps")["status"]) == {
        None
    }


def test_berau_cases_await_the_ppk(kaltim: Dataset, on_25_nov: dict[str, pl.DataFrame],
                                   pick: Pick) -> None:  # fmt: skip
    cases = kaltim.canonical("neutrality_cases").filter(pl.col("region_code") == "64.03")
    assert cases["status"].to_list() == ["decided"] * 3
    frame = on_25_nov["kabupaten"]
    assert pick(frame, "64.03", "neutrality_cases_open")["value"] == 3
    assert pick(frame, "64.03", "neutrality_followup_rate")["value"] == 0.0


def test_old_case_reports_are_stale(on_25_nov: dict[str, pl.DataFrame], pick: Pick) -> None:
    paser = pick(on_25_nov["kabupaten"], "64.01", "neutrality_cases_open")
    assert (paser["value"], paser["status"]) == (6, "stale")  # Bawaslu Paser, 30 Oct


def test_plans_never_count_as_arrived(compute: Compute, pick: Pick) -> None:
    out = compute(
        as_of="2024-11-26",
        logistics=[
            {"region_code": "64.03", "item": "all", "stage": "tps", "basis": "plan",
             "scheduled_date": DAY, "as_of": DAY},
        ],
    )  # fmt: skip
    found = pick(out, "64.03", "logistics_completion_kecamatan")
    assert (found["value"], found["status"], found["coverage"]) == (None, "plan_only", 0.0)
    actual = compute(
        as_of="2024-11-26",
        logistics=[
            {"region_code": "64.03", "item": "all", "stage": "kpu", "as_of": DAY},
            {"region_code": "64.03", "item": "all", "stage": "tps", "basis": "plan",
             "scheduled_date": DAY, "as_of": DAY},
        ],
    )  # fmt: skip
    # the actual row says the warehouse: the plan to reach the TPS does not lift it
    assert pick(actual, "64.03", "logistics_completion_kecamatan")["value"] == 0.0


def test_a_late_plan_is_found(compute: Compute, pick: Pick) -> None:
    out = compute(
        logistics=[
            {"region_code": "64.03.01", "item": "all", "stage": "ppk", "basis": "plan",
             "scheduled_date": dt.date(2024, 11, 26), "as_of": DAY},
            {"region_code": "64.03.02", "item": "all", "stage": "ppk", "basis": "plan",
             "scheduled_date": dt.date(2024, 11, 24), "as_of": DAY},
        ],
    )  # fmt: skip
    assert pick(out, "64.03", "logistics_plan_on_time_kecamatan")["value"] == 0.5


def test_stale_limit_comes_from_the_election(compute: Compute, pick: Pick) -> None:
    rows = [{"region_code": "64.03", "item": "all", "stage": "ppk",
             "as_of": dt.date(2024, 11, 22)}]  # fmt: skip
    assert (
        pick(
            compute(logistics=rows, as_of="2024-11-25"), "64.03", "logistics_completion_kecamatan"
        )["status"]
        == "ready"
    )  # 3 days: the limit
    assert pick(compute(logistics=rows, as_of="2024-11-26"), "64.03",
                "logistics_completion_kecamatan")["status"] == "stale"  # fmt: skip


def test_a_stated_zero_is_zero_and_silence_is_missing(compute: Compute, pick: Pick) -> None:
    out = compute(
        summary=[{"region_code": "64.03", "as_of": DAY, "cases_stated": 0,
                  "tps_rawan_stated": 0}],
    )  # fmt: skip
    assert pick(out, "64.03", "neutrality_cases")["value"] == 0
    assert pick(out, "64.03", "neutrality_cases_open")["value"] == 0
    assert pick(out, "64.08", "neutrality_cases")["value"] is None
    # the stated 0 TPS rawan counts as a vulnerability report (1 of 7 core inputs)
    assert pick(out, "64.03", "data_coverage")["value"] == pytest.approx(1 / 7)
    assert pick(out, "64.08", "data_coverage")["value"] == 0


def test_days_in_stage_and_overdue_cases(compute: Compute, pick: Pick) -> None:
    cases = [
        {"case_id": "1", "region_code": "64.03", "subject": "civil_servant",
         "status": "recommended", "date_recommended": dt.date(2024, 11, 1), "as_of": DAY},
        {"case_id": "2", "region_code": "64.03", "subject": "village_head",
         "status": "decided", "date_decided": dt.date(2024, 11, 20), "as_of": DAY},
        {"case_id": "3", "region_code": "64.03", "subject": "village_head",
         "status": "sanctioned", "date_concluded": dt.date(2024, 11, 21), "as_of": DAY},
    ]  # fmt: skip
    out = compute(neutrality_cases=cases)
    assert pick(out, "64.03", "neutrality_days_in_stage_max")["value"] == 24
    assert pick(out, "64.03", "neutrality_cases_overdue")["value"] == 1  # limit 14 days
    assert pick(out, "64.03", "neutrality_cases_open")["value"] == 2
    assert pick(out, "64.03", "neutrality_followup_rate")["value"] == pytest.approx(1 / 3)
