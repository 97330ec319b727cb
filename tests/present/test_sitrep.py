"""The situation report: the changes the fact file implies for 25 Nov 2024, its JSON against
the published schema, the command line, and the labelled synthetic example."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import polars as pl
import pytest

from readiness import config
from readiness.cli import main
from readiness.ingest import load_dataset
from readiness.present import (
    SitrepError,
    build_sitrep,
    load_sitrep,
    previous_snapshot,
    sitrep_json,
    sitrep_schema,
)
from readiness.present._sitrep_render import sitrep_sections, summary_lines

ROOT = Path(__file__).resolve().parents[2]
RAW = config.raw_dir() / config.DEFAULT_DATASET
EXAMPLE = ROOT / "data" / "examples" / "sitrep-contoh"
AS_OF = dt.date(2024, 11, 25)
LABEL = "CONTOH SINTETIS — bukan data resmi"


@pytest.fixture(scope="module")
def facts(script: Any) -> dict[str, Any]:
    loaded: dict[str, Any] = script.load_facts()
    return loaded


@pytest.fixture(scope="module")
def report() -> Any:
    if not RAW.exists():
        pytest.skip("the default dataset is not built")
    return load_sitrep(RAW, AS_OF)


def _dates(facts: dict[str, Any]) -> set[dt.date]:
    days = {facts["compiled_as_of"]}
    for table in ("polling_stations", "logistics", "personnel", "neutrality_cases",
                  "vulnerabilities", "published_figures"):  # fmt: skip
        days |= {record["as_of"] for record in facts.get(table, [])}
    return days


def test_since_defaults_to_the_previous_snapshot_of_the_facts(
    report: Any, facts: dict[str, Any]
) -> None:
    expected = max(day for day in _dates(facts) if day < AS_OF)
    assert report.since == expected == dt.date(2024, 11, 24)


def test_logistics_arrivals_are_the_actual_reports_dated_in_the_period(
    report: Any, facts: dict[str, Any], script: Any
) -> None:
    expected = {
        (code, record["stage"])
        for record in facts["logistics"]
        if record.get("basis", "actual") == "actual" and report.since < record["as_of"] <= AS_OF
        for code in script._region_codes(record)
    }
    earlier = [
        r for r in facts["logistics"] if r.get("basis") == "actual" and r["as_of"] <= report.since
    ]
    assert not any(code for r in earlier for code in script._region_codes(r) if code[:5] == "64.03")
    rises = {(a.region_code, a.stage_now) for a in (*report.arrivals, *report.first_at_warehouse)}
    assert rises == expected
    assert all(a.stage_before is None and a.as_of == AS_OF for a in report.arrivals)
    # Berau: 11 of 13 kecamatan reached the PPK; the other 2 are still in the KPU warehouse
    assert Counter(a.stage_now for a in report.arrivals) == {"ppk": 11}


def test_a_first_report_at_the_warehouse_is_not_an_arrival(report: Any) -> None:
    assert {a.region_name for a in report.first_at_warehouse} == {"Sambaliung", "Teluk Bayur"}
    assert {a.stage_now for a in report.first_at_warehouse} == {"kpu"}
    lines = summary_lines(report, "id")
    assert "11 kecamatan dilaporkan mencapai tahap logistik baru" in lines
    assert any(line.startswith("2 kecamatan dilaporkan pertama kali, masih di Gudang KPU")
               for line in lines)  # fmt: skip
    arrivals = next(s for s in sitrep_sections(report, "id") if s.key == "arrivals")
    assert not any("Sambaliung" in str(cell) for row in arrivals.rows for cell in row)
    assert "masih di Gudang KPU kab/kota" in arrivals.note
    assert "Sambaliung" in arrivals.note
    data = sitrep_json(report, "en")
    assert len(data["logistics_arrivals"]) == 11
    assert len(data["logistics_first_at_warehouse"]) == 2


def test_plans_due_follow_the_decision_page_definition(
    report: Any, facts: dict[str, Any], script: Any
) -> None:
    expected = {
        (code, record["stage"], record["scheduled_date"])
        for record in facts["logistics"]
        if record.get("basis") == "plan"
        and record["as_of"] <= AS_OF
        and record["scheduled_date"] <= AS_OF
        for code in script._region_codes(record)
    }
    got = {(p.region_code, p.stage, p.scheduled_date) for p in report.due_plans}
    assert got == expected
    # Kutai Timur's schedules of 23-25 Nov and Mahakam Ulu's; Samarinda's plan is for 26 Nov
    assert {p.regency_code for p in report.due_plans} == {"64.08", "64.11"}
    assert not any(a.regency_code in {"64.08", "64.11", "64.72"} for a in report.arrivals)
    kutim = {p.region_code for p in report.due_plans if p.regency_code == "64.08"}
    passed = {p.region_code for p in report.due_plans
              if p.regency_code == "64.08" and p.scheduled_date < AS_OF}  # fmt: skip
    assert (len(passed), len(kutim - passed)) == (13, 3)  # as on the decision page
    line = next(x for x in summary_lines(report, "id") if "jadwal" in x)
    assert "Kutai Timur 13 lewat + 3 hari ini" in line


def test_the_decision_page_lists_the_same_kutai_timur_schedules(report: Any) -> None:
    from readiness.present import load_briefing

    briefing = load_briefing(RAW, "64", as_of=AS_OF)
    items = [
        text.get("id")
        for action in briefing.decision.actions
        if action.region_code == "64.08"
        for text in action.items
    ]
    said = " ".join(items)
    kutim = [p for p in report.due_plans if p.regency_code == "64.08"]
    for plan in kutim:
        assert plan.region_name in said


def test_new_neutrality_cases_are_the_facts_cases_of_the_period(
    report: Any, facts: dict[str, Any]
) -> None:
    expected: Counter[str] = Counter()
    for record in facts["neutrality_cases"]:
        if report.since < record["as_of"] <= AS_OF:
            expected[record["region"]] += record.get("count", 1)
    assert Counter(c.regency_code for c in report.cases) == expected == {"64.03": 3, "64.08": 2}
    assert {c.kind for c in report.cases} == {"new"}
    assert {c.status_now for c in report.cases if c.regency_code == "64.03"} == {"decided"}


def test_new_critical_items_carry_owner_and_deadline(report: Any) -> None:
    items = {(i.region_code, i.indicator): i for i in report.new_critical}
    # Berau's 3 cases wait for the PPK and Kutai Timur's 2 for BKN: none followed up, 0 %
    assert set(items) == {
        ("64.03", "neutrality_followup_rate"),
        ("64.08", "neutrality_followup_rate"),
    }
    for item in items.values():
        assert item.deadline is None  # the election sets no H-n norm for it
    election = report.election
    assert items[("64.03", "neutrality_followup_rate")].owners == (
        election.case_owner("decided").id,
    )
    assert items[("64.08", "neutrality_followup_rate")].owners == (
        election.case_owner("recommended", "bkn").id,
    )
    data = sitrep_json(report, "id")
    owners = {i["region_code"]: i["owner"]["name"] for i in data["new_critical"]}
    assert owners == {
        "64.03": "Bupati/Wali Kota (pejabat pembina kepegawaian)",
        "64.08": "Badan Kepegawaian Negara (BKN)",
    }
    case_owners = {c["case_id"]: c["owner"]["name"] for c in data["neutrality_cases"]}
    assert case_owners["64.08-01"] == "Badan Kepegawaian Negara (BKN)"


def test_the_sitrep_names_the_same_case_owner_as_the_decision_page(report: Any) -> None:
    from readiness.present import load_briefing

    briefing = load_briefing(RAW, "64", as_of=AS_OF)
    decided = {
        action.region_code: {o.id for o in action.owners}
        for action in briefing.decision.actions
        if action.topic == "neutrality"
    }
    for item in report.new_critical:
        if item.indicator.startswith("neutrality"):
            assert set(item.owners) == decided[item.region_code]


def test_data_coverage_is_a_data_gap_not_a_critical_item(report: Any) -> None:
    indicators = {i.indicator for i in (*report.new_critical, *report.resolved)}
    assert "data_coverage" not in indicators
    assert report.resolved == ()  # the meeting's summary rows solve no problem
    lines = summary_lines(report, "id")
    assert "0 butir kritis selesai" in lines
    assert any(line.startswith("kelengkapan data (celah data") and "10 tidak lagi kritis" in line
               for line in lines)  # fmt: skip


def test_silence_is_judged_on_operational_tables_not_the_summary_sheet(
    report: Any, facts: dict[str, Any], script: Any
) -> None:
    # the summary sheet is dated 25 Nov for every regency: it must not make them current
    silent = {r.region_code: r for r in report.silent}
    assert set(silent) == {"64.01", "64.07", "64.11", "64.71", "64.72"}
    assert silent["64.01"].latest_cases == dt.date(2024, 10, 30)  # Paser's cases report
    assert silent["64.71"].latest_cases == dt.date(2024, 10, 4)  # Balikpapan's
    assert silent["64.11"].latest_logistics == dt.date(2024, 11, 14)
    for entry in report.reporting:
        days = [
            d for d in (entry.latest_logistics, entry.latest_personnel, entry.latest_cases) if d
        ]
        assert entry.latest_report == (max(days) if days else None)
    latest: dict[str, dt.date] = {}
    for record in facts["logistics"]:
        for code in script._region_codes(record):
            latest[code[:5]] = max(record["as_of"], latest.get(code[:5], record["as_of"]))
    assert {r.region_code: r.latest_logistics for r in report.reporting if r.latest_logistics} == (
        latest
    )
    no_reports = {c for c, e in facts["logistics_last_week"].items() if not e["reports"]}
    assert no_reports.isdisjoint(
        {
            r.region_code
            for r in report.reporting
            if r.latest_logistics and r.latest_logistics > AS_OF - dt.timedelta(days=7)
        }
    )
    line = next(x for x in summary_lines(report, "id") if "tanpa laporan operasional" in x)
    assert line.startswith("5 kabupaten/kota tanpa laporan operasional sesudah 24 November 2024")
    assert "Paser (logistik belum pernah, personel belum pernah, kasus 30 Oktober 2024)" in line
    assert not any("semua" in x for x in summary_lines(report, "id"))


def test_tables_use_the_briefing_short_names(report: Any) -> None:
    sections = sitrep_sections(report, "id")
    reporting = next(s for s in sections if s.key == "reporting")
    names = [row[0] for row in reporting.rows]
    assert "Balikpapan" in names
    assert "Kota Balikpapan" not in names
    assert not any(str(name).startswith(("Kota ", "Kabupaten ")) for name in names)


def test_json_validates_against_the_published_schema(report: Any) -> None:
    schema = sitrep_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for lang in ("id", "en"):
        data = json.loads(json.dumps(sitrep_json(report, lang)))
        validator.validate(data)
        assert data["since"] == "2024-11-24"
        assert data["synthetic"] is False
        assert data["notice"] is None
    broken = copy.deepcopy(sitrep_json(report, "id"))
    broken["logistics_arrivals"][0]["stage_now"] = "gudang"
    assert not validator.is_valid(broken)


def test_schema_file_is_the_one_in_the_package_docs_point_to() -> None:
    shipped = ROOT / "src" / "readiness" / "present" / "data" / "sitrep.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == sitrep_schema()
    assert "present/data/sitrep.schema.json" in (ROOT / "docs" / "sitrep.md").read_text("utf-8")


def test_previous_snapshot_and_wrong_dates() -> None:
    days = [dt.date(2024, 11, 20), dt.date(2024, 11, 25)]
    frame = pl.DataFrame({"case_id": ["A", "A"], "region_code": ["64.03"] * 2,
                          "status": ["reported", "closed"], "as_of": days})  # fmt: skip
    from readiness.ingest import Dataset

    dataset = Dataset("x", tables={"neutrality_cases": frame})
    assert previous_snapshot(dataset, dt.date(2024, 11, 25)) == days[0]
    assert [c.kind for c in build_sitrep(dataset, "2024-11-25").cases] == ["concluded"]
    with pytest.raises(SitrepError, match="must be before"):
        build_sitrep(dataset, "2024-11-25", since="2024-11-25")
    with pytest.raises(SitrepError, match="no report"):
        build_sitrep(dataset, "2024-11-20")


def test_cli_json_output_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not RAW.exists():
        pytest.skip("the default dataset is not built")
    out = tmp_path / "sitrep.json"
    code = main(["sitrep", str(RAW), "--as-of", "2024-11-25", "--format", "json", "-o", str(out)])
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, sitrep_schema())
    assert len(data["logistics_arrivals"]) == 11


def test_cli_text_is_indonesian_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    if not RAW.exists():
        pytest.skip("the default dataset is not built")
    assert main(["sitrep", str(RAW), "--as-of", "2024-11-25"]) == 0
    said = capsys.readouterr().out
    assert "perubahan 24 November 2024 → 25 November 2024" in said
    assert "Butir kritis baru" in said
    assert "Tindak lanjut kasus netralitas" in said
    assert "11: Kelay, Talisayan" in said
    assert main(["sitrep", str(RAW), "--as-of", "2024-11-25", "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert "New critical items" in english
    assert "Butir" not in english


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--as-of", "25-11-2024"], "--as-of harus tanggal YYYY-MM-DD"),
        (["--as-of", "2024-11-25", "--since", "2024-11-25"], "harus sebelum --as-of"),
        (["--as-of", "2024-07-13"], "tidak ada laporan bertanggal sebelum"),
        (["--as-of", "2024-11-25", "--format", "odt"], "--format 'odt' tidak dikenal"),
    ],
)
def test_cli_usage_errors_exit_2(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not RAW.exists():
        pytest.skip("the default dataset is not built")
    assert main(["sitrep", str(RAW), *arguments]) == 2
    assert message in capsys.readouterr().err


def test_cli_exits_1_when_the_dataset_has_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "64.03-netralitas.csv").write_text(
        "Kode wilayah;Nomor kasus;Subjek;Status;Per tanggal\n"
        "64.03;A;PNS;Dilaporkan;24/11/2024\n"
        "64.03;A;PNS;Selesai;25/11/2024\n"
        "64.03;B;PNS;Dilaporkan;31/11/2024\n",
        encoding="utf-8",
    )
    assert main(["sitrep", str(tmp_path), "--as-of", "2024-11-25", "--format", "json"]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [c["kind"] for c in data["neutrality_cases"]] == ["concluded"]
    assert "kesalahan validasi" in captured.err


def test_synthetic_example_is_labelled_in_every_file_and_output() -> None:
    files = sorted(p.name for p in EXAMPLE.iterdir())
    assert "CONTOH-SINTETIS.md" in files
    assert LABEL in (EXAMPLE / "CONTOH-SINTETIS.md").read_text(encoding="utf-8")
    workbooks = [name for name in files if name.endswith(".xlsx")]
    assert len(workbooks) == 10
    assert all(name.startswith("contoh-sintetis-") for name in workbooks)
    dataset = load_dataset(EXAMPLE)
    for name, frame in dataset.tables.items():
        if frame.height and "source" in frame.columns:
            assert frame["source"].unique().to_list() == [LABEL], name
    assert not any(p.name.startswith("contoh") for p in RAW.iterdir())  # never mixed in


def test_synthetic_example_shows_movement() -> None:
    report = load_sitrep(EXAMPLE, "2024-11-26")
    assert report.synthetic
    assert report.since == dt.date(2024, 11, 25)
    moved = {(a.region_name, a.stage_before, a.stage_now) for a in report.arrivals}
    assert ("Sambaliung", "kpu", "ppk") in moved
    assert ("Kelay", "ppk", "pps") in moved
    assert {(c.case_id, c.kind) for c in report.cases} >= {("64.03-01", "concluded"),
                                                           ("64.01-01", "moved"),
                                                           ("64.72-01", "new")}  # fmt: skip
    assert [(i.region_code, i.indicator) for i in report.new_critical] == [
        ("64.72", "neutrality_followup_rate")
    ]
    assert [(i.region_code, i.indicator) for i in report.resolved] == [
        ("64.03", "neutrality_followup_rate")
    ]
    assert {r.region_code for r in report.silent} == {"64.02", "64.07", "64.09", "64.71", "64.74"}
    data = sitrep_json(report, "id")
    jsonschema.validate(data, sitrep_schema())
    assert data["notice"] == LABEL
