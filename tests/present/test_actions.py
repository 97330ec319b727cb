"""The decision page as the governor's staff read it on 26 Nov 2024: for each regency not
ready, the problem, who must act, by when and the items; data gaps as requests; problems
carried over from earlier snapshots say since when."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from readiness import config
from readiness.contract import TableName, load_election, polars_schema
from readiness.indicators import compute_levels
from readiness.ingest import Dataset, with_provenance
from readiness.present import (
    Action,
    Decision,
    Table,
    deadline_text,
    decision_items,
    load_briefing,
)
from readiness.present._decision import decision_table, requests_table

DAY = dt.date(2024, 11, 25)
KALTIM = config.raw_dir() / config.DEFAULT_DATASET


@pytest.fixture(scope="module")
def kaltim() -> Decision:
    if not KALTIM.exists():
        pytest.skip("the default dataset is not built")
    briefing = load_briefing(KALTIM, "64", as_of=DAY)
    return decision_items(
        {"kabupaten": briefing.regencies}, briefing.dataset, load_election(), DAY, province="64"
    )


def _actions(decision: Decision, name: str) -> list[Action]:
    return [action for action in decision.actions if action.region_name == name]


def _topic(decision: Decision, name: str, topic: str) -> Action:
    (found,) = [action for action in _actions(decision, name) if action.topic == topic]
    return found


def test_berau_logistics_names_the_kecamatan_waiting_the_owner_and_the_deadline(
    kaltim: Decision,
) -> None:
    logistics = _topic(kaltim, "Berau", "logistics")
    items = " ".join(item.get("id") for item in logistics.items)
    assert "Sambaliung" in items
    assert "Teluk Bayur" in items
    assert "3 TPS khusus" in items
    assert [owner.name.get("id") for owner in logistics.owners] == ["KPU kabupaten/kota"]
    # the PPK milestone (H-2) is the deadline of "logistics at the PPK"
    election = load_election()
    assert logistics.deadline == election.deadline("logistics_completion_kecamatan")
    assert logistics.deadline == dt.date(2024, 11, 25)
    assert deadline_text(logistics.deadline, DAY, election.voting_day).get("id") == (
        "Hari ini, H-2, Senin 25 November 2024"
    )
    assert logistics.report_date == DAY
    assert logistics.open_since is None  # Berau reported nothing before 25 Nov


def test_berau_neutrality_goes_to_the_regent_as_staffing_officer(kaltim: Decision) -> None:
    cases = _topic(kaltim, "Berau", "neutrality")
    assert cases.severity == "critical"
    assert [owner.name.get("id") for owner in cases.owners] == [
        "Bupati/Wali Kota (pejabat pembina kepegawaian)"
    ]
    (item,) = cases.items
    assert (
        item.get("id")
        == "1 Kepala desa/kampung, 1 PNS, 1 PPPK: diputuskan, menunggu pejabat pembina kepegawaian"
    )


def test_kutai_timur_names_the_kecamatan_whose_schedule_passed_with_no_arrival(
    kaltim: Decision,
) -> None:
    logistics = _topic(kaltim, "Kutai Timur", "logistics")
    items = [item.get("id") for item in logistics.items]
    passed = next(item for item in items if "sudah lewat tanpa laporan tiba" in item)
    assert "Muara Ancalong" in passed
    assert "Karangan" in passed
    assert "Sangatta Selatan" not in passed  # due today, not late
    assert any("setelah tenggat 25 Nov: Sangatta Utara" in item for item in items)
    assert any(item.endswith("Belum ada laporan logistik: Bengalon") for item in items)
    owners = {owner.id for owner in logistics.owners}
    assert owners == {"kpu_regency", "regency_desk"}  # a plan only: the desk gets the report


def test_stale_figures_are_actions_to_get_a_current_report(kaltim: Decision) -> None:
    mahulu = _topic(kaltim, "Mahakam Ulu", "logistics")
    assert (mahulu.kind, mahulu.severity) == ("report", "stale")
    assert [owner.id for owner in mahulu.owners] == ["regency_desk"]
    assert mahulu.report_date == dt.date(2024, 11, 14)
    assert "Laporan per 14 Nov sudah usang" in mahulu.problem.get("id")
    # open in the 14 Nov snapshot already (nothing at the PPK), and still open
    assert mahulu.open_since == dt.date(2024, 11, 14)
    paser = _topic(kaltim, "Paser", "neutrality")
    assert paser.open_since == dt.date(2024, 10, 30)
    assert (
        deadline_text(paser.deadline, DAY, dt.date(2024, 11, 27))
        .get("id")
        .startswith("Segera — tenggat H-14")
    )


def test_critical_regencies_come_first(kaltim: Decision) -> None:
    assert kaltim.regencies[:2] == ["64.03", "64.08"]
    assert [a.severity for a in kaltim.actions[:1]] == ["critical"]


def test_data_gaps_are_requests_not_actions(kaltim: Decision) -> None:
    assert not any("data_coverage" in action.indicators for action in kaltim.actions)
    requests = {request.region_name: request for request in kaltim.requests}
    # Kutai Barat is short of data only: it is asked for it, not listed as an action
    assert "64.07" not in kaltim.regencies
    asked = [what.get("id") for what in requests["Kutai Barat"].missing]
    assert "Logistik" in asked
    assert "Personel pengamanan" in asked
    assert [what.get("id") for what in requests["Berau"].missing] == ["DPT"]
    table = requests_table(kaltim, "id")
    assert isinstance(table, Table)
    rows = {row[0]: row[1] for row in table.rows}
    assert "Kutai Barat" in rows["Logistik"]
    assert "Berau" not in rows["Logistik"]


def test_the_decision_table_speaks_one_language(kaltim: Decision) -> None:
    english = decision_table(kaltim, "en")
    assert isinstance(english, Table)
    text = " ".join(str(cell) for row in english.rows for cell in row)
    for word in ("Segera", "Kritis", "kabupaten/kota", "Masih di", "sudah usang"):
        assert word not in text
    assert "Today, D-2, Monday 25 November 2024" in text
    assert "Regent/mayor (civil-service appointing officer)" in text


# ---- carry-over on a dataset built here: two snapshots of Berau's logistics ----------------
def _table(name: TableName, rows: list[dict[str, Any]]) -> pl.DataFrame:
    schema = polars_schema(name)
    return with_provenance(
        pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema)
    )


def _snapshots() -> Dataset:
    logistics = []
    for day in (dt.date(2024, 11, 20), dt.date(2024, 11, 25)):
        logistics += [
            {"region_code": "64.03.03", "region_name": "Sambaliung", "item": "all",
             "stage": "kpu", "basis": "actual", "as_of": day},
            {"region_code": "64.03.05", "region_name": "Tanjung Redeb", "item": "all",
             "stage": "ppk", "basis": "actual", "as_of": day},
        ]  # fmt: skip
    cases = [
        {"case_id": "64.03-01", "region_code": "64.03", "subject": "civil_servant",
         "status": "decided", "referred_to": "bkn", "as_of": dt.date(2024, 11, 25)},
    ]  # fmt: skip
    return Dataset(
        "two-snapshots",
        tables={"logistics": _table("logistics", logistics),
                "neutrality_cases": _table("neutrality_cases", cases)},
    )  # fmt: skip


def test_an_item_open_in_the_earlier_snapshot_says_since_when() -> None:
    data = _snapshots()
    election = load_election()
    levels = compute_levels(data, ("kabupaten",), as_of=DAY)
    decision = decision_items(levels, data, election, DAY, province="64")
    logistics = _topic(decision, "Berau", "logistics")
    assert logistics.open_since == dt.date(2024, 11, 20)
    assert "Sambaliung" in logistics.items[0].get("id")
    cases = _topic(decision, "Berau", "neutrality")
    assert cases.open_since is None  # reported for the first time on 25 Nov
    table = decision_table(decision, "id")
    assert isinstance(table, Table)
    problems = [row[1] for row in table.rows if "PPK" in row[1] and "Kecamatan" in row[1]]
    assert problems == [f"{problems[0].split('.')[0]}. Terbuka sejak 20 November 2024."]
    # without the earlier snapshot the same item is new
    later = Dataset("one", tables={name: frame.filter(pl.col("as_of") == DAY)
                                   for name, frame in data.tables.items()})  # fmt: skip
    fresh = decision_items(compute_levels(later, ("kabupaten",), as_of=DAY), later, election,
                           DAY, province="64")  # fmt: skip
    assert _topic(fresh, "Berau", "logistics").open_since is None


def test_the_province_first_snapshot_has_nothing_carried_over() -> None:
    data = _snapshots()
    day = dt.date(2024, 11, 20)
    decision = decision_items(compute_levels(data, ("kabupaten",), as_of=day), data,
                              load_election(), day, province="64")  # fmt: skip
    assert [a.open_since for a in decision.actions] == [None]


def test_a_day_later_the_passed_schedules_are_dated_per_stage() -> None:
    if not KALTIM.exists():
        pytest.skip("the default dataset is not built")
    day = dt.date(2024, 11, 26)
    briefing = load_briefing(KALTIM, "64", as_of=day)
    decision = decision_items(
        {"kabupaten": briefing.regencies}, briefing.dataset, load_election(), day, province="64"
    )
    (item,) = _topic(decision, "Mahakam Ulu", "logistics").items
    text = item.get("id")
    assert "jadwal ke PPK 23 Nov sudah lewat" in text
    assert "jadwal ke PPS 25 Nov sudah lewat" in text
    berau = _topic(decision, "Berau", "logistics")
    deadline = deadline_text(berau.deadline, day, decision.voting_day).get("id")
    assert deadline == "Segera — tenggat H-2, Senin 25 November 2024 sudah lewat"
    assert berau.open_since == dt.date(2024, 11, 25)


def test_a_case_without_its_stage_date_says_so_instead_of_no_deadline(kaltim: Decision) -> None:
    cases = _topic(kaltim, "Berau", "neutrality")
    assert cases.deadline is None
    assert cases.undated
    table = decision_table(kaltim, "id")
    assert isinstance(table, Table)
    (row,) = [r for r in table.rows if r[0] == "Berau" and "netralitas" in str(r[1])]
    assert row[3] == "Segera — tanggal tahap kasusnya tidak dilaporkan"
    balikpapan = _topic(kaltim, "Balikpapan", "neutrality")
    assert balikpapan.deadline == dt.date(2024, 10, 18)  # recommended 4 Oct + 14 days
    assert not balikpapan.undated


def test_regencies_without_any_logistics_report_in_the_final_week_are_named_on_page_one(
    kaltim: Decision,
) -> None:
    silent = {"Paser", "Kutai Kartanegara", "Kutai Barat", "Penajam Paser Utara", "Balikpapan",
              "Bontang"}  # fmt: skip
    assert set(kaltim.silent_logistics) == silent
    table = decision_table(kaltim, "id")
    assert isinstance(table, Table)
    assert table.note.startswith("Tanpa laporan logistik sama sekali, 2 hari sebelum pemungutan")
    assert all(name in table.note for name in silent)
    english = decision_table(kaltim, "en")
    assert isinstance(english, Table)
    assert english.note.startswith("No logistics report at all, 2 day(s) before voting")


def test_before_the_final_week_a_missing_logistics_report_is_only_a_request() -> None:
    if not KALTIM.exists():
        pytest.skip("the default dataset is not built")
    early = dt.date(2024, 11, 10)
    briefing = load_briefing(KALTIM, "64", as_of=early)
    decision = decision_items(
        {"kabupaten": briefing.regencies}, briefing.dataset, load_election(), early,
        province="64",
    )  # fmt: skip
    assert decision.silent_logistics == ()


def test_a_schedule_still_ahead_is_named_with_its_day(kaltim: Decision) -> None:
    samarinda = _topic(kaltim, "Samarinda", "logistics")
    first = samarinda.items[0].get("id")
    assert first.startswith("Dijadwalkan ke KPPS 26 Nov: ")
    assert "Palaran" in first
