"""Every rule of the registry: a bad input that triggers it, and a clean input that does not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from readiness.contract import Finding
from readiness.ingest import Dataset
from readiness.regions import descendants
from readiness.validation import RULES, validate

AS_OF = dt.date(2024, 11, 25)
TableFactory = Callable[..., pl.DataFrame]

BERAU_KECAMATAN = descendants("64.03", depth=3)["code"].to_list()


def clean_tables() -> dict[str, list[dict[str, Any]]]:
    """A small Berau submission that breaks no rule (detail covers 3 of 13 kecamatan)."""
    return {
        "summary": [
            {"region_code": "64.03", "tps": 475, "tps_khusus": 3, "voters": 190_000,
             "voters_male": 100_000, "voters_female": 90_000, "security_personnel": 1588,
             "kecamatan_count": 13, "village_count": 110}
        ],
        "polling_stations": [
            {"region_code": "64.03.01", "tps": 40, "tps_khusus": 0, "voters": 16_000},
            {"region_code": "64.03.02", "tps": 30, "tps_khusus": 1, "voters": 12_000},
            {"region_code": "64.03.11.2001", "tps_number": 1, "tps": 1, "voters": 400},
            # Maratua is reported per TPS: every one of its 4 villages has its TPS
            {"region_code": "64.03.11.2002", "tps_number": 1, "tps": 1, "voters": 350},
            {"region_code": "64.03.11.2003", "tps_number": 1, "tps": 1, "voters": 350},
            {"region_code": "64.03.11.2004", "tps_number": 1, "tps": 1, "voters": 350},
        ],
        "logistics": [
            {"region_code": "64.03.01", "item": "ballot", "stage": "ppk",
             "quantity_required": 100, "quantity_delivered": 100,
             "scheduled_date": dt.date(2024, 11, 26)},
        ],
        "personnel": [
            {"region_code": "64.03", "agency": "polri", "role": "security", "count": 1588},
        ],
        "neutrality_cases": [
            {"case_id": "01/PL/2024", "region_code": "64.03.01", "subject": "village_head",
             "status": "reported", "date_reported": dt.date(2024, 11, 20)},
        ],
        "vulnerabilities": [
            {"region_code": "64.03", "instrument": "ikp", "category": "high", "score": 60.0},
        ],
        "published_figures": [
            {"region_code": "64.03", "figure": "tps", "value": 475, "authority": "kpu_regency",
             "source": "KPU Berau"},
        ],
    }  # fmt: skip


def published(**row: Any) -> dict[str, Any]:
    """A published figure of KPU Berau (override any field)."""
    return {"region_code": "64.03", "authority": "kpu_regency", "source": "KPU Berau", **row}


def with_rows(table: str, *rows: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    tables = clean_tables()
    tables[table] = [*tables[table], *rows]
    return tables


def replace(table: str, index: int, **values: Any) -> dict[str, list[dict[str, Any]]]:
    tables = clean_tables()
    tables[table][index] = {**tables[table][index], **values}
    return tables


def run(tables: dict[str, list[dict[str, Any]]] | Dataset, table: TableFactory) -> list[Finding]:
    if isinstance(tables, Dataset):
        return list(validate(tables).findings)
    frames = {name: table(name, rows) for name, rows in tables.items()}
    return list(validate(Dataset(name="test", tables=frames)).findings)


def full_kecamatan(tps: int) -> dict[str, list[dict[str, Any]]]:
    """TPS detail for all 13 Berau kecamatan summing to ``tps``."""
    tables = clean_tables()
    rows = [{"region_code": code, "tps": 36} for code in BERAU_KECAMATAN[:-1]]
    rows.append({"region_code": BERAU_KECAMATAN[-1], "tps": tps - 36 * 12})
    tables["polling_stations"] = rows
    return tables


def dtype_mismatch(table: TableFactory) -> Dataset:
    personnel = table("personnel", clean_tables()["personnel"]).with_columns(
        pl.col("count").cast(pl.String)
    )
    return Dataset(name="test", tables={"personnel": personnel})


def column_missing(table: TableFactory) -> Dataset:
    personnel = table("personnel", clean_tables()["personnel"]).drop("scope")
    return Dataset(name="test", tables={"personnel": personnel})


# rule id → (bad input, sheet, row, column label, value)
CASES: dict[str, tuple[Callable[[TableFactory], Any], str, int | None, str | None, str | None]] = {
    "schema.required": (lambda _: replace("personnel", 0, count=None), "Personel", 2, "Jumlah", None),
    "schema.range": (lambda _: replace("polling_stations", 1, tps=-3), "TPS", 3, "Jumlah TPS", "-3"),
    "schema.closed_set": (
        lambda _: replace("logistics", 0, stage="gudang"), "Logistik", 2, "Tahap tercapai", "gudang"
    ),
    "schema.code_format": (
        lambda _: replace("personnel", 0, region_code="64-03"), "Personel", 2, "Kode wilayah", "64-03"
    ),
    "schema.dtype": (dtype_mismatch, "Personel", None, "Jumlah", "String"),
    "schema.column_missing": (column_missing, "Personel", None, "Cakupan", None),
    "duplicate.row": (
        lambda _: with_rows("polling_stations", clean_tables()["polling_stations"][1]),
        "TPS", 8, "Kode wilayah, Per tanggal", "64.03.02, 25/11/2024",
    ),
    "duplicate.key": (
        lambda _: with_rows(
            "vulnerabilities",
            {"region_code": "64.03", "instrument": "ikp", "category": "high", "score": 55.0},
        ),
        "Kerawanan", 3, "Kode wilayah, Instrumen, Kategori, Per tanggal",
        "64.03, ikp, high, 25/11/2024",
    ),
    "region.unknown_code": (
        lambda _: replace("logistics", 0, region_code="64.03.99"), "Logistik", 2, "Kode wilayah",
        "64.03.99",
    ),
    "region.outside_province": (
        lambda _: replace("logistics", 0, region_code="63.01.01"), "Logistik", 2, "Kode wilayah",
        "63.01.01",
    ),
    "region.name_mismatch": (
        lambda _: replace("polling_stations", 1, region_name="Kelai"), "TPS", 3,
        "Nama wilayah", "Kelai",
    ),
    "region.wrong_level": (
        lambda _: replace("personnel", 0, region_code="64.03.01.2001"), "Personel", 2,
        "Kode wilayah", "64.03.01.2001",
    ),
    "total.kecamatan_sum": (lambda _: full_kecamatan(470), "Ringkasan", 2, "Jumlah TPS", "475"),
    "total.personnel_sum": (
        lambda _: with_rows("personnel", {"region_code": "64.03", "agency": "tni",
                                        "role": "security", "count": 100}),
        "Ringkasan", 2, "Personel pengamanan", "1588",
    ),
    "total.reference_count": (
        lambda _: replace("summary", 0, village_count=100), "Ringkasan", 2,
        "Jumlah desa/kelurahan", "100",
    ),
    "total.voters_by_sex": (
        lambda _: replace("summary", 0, voters_female=80_000), "Ringkasan", 2, "DPT", "190000"
    ),
    "tps.village_without_tps": (
        lambda _: with_rows("polling_stations", {"region_code": "64.03.01.2002", "tps": 0,
                                               "voters": 250}),
        "TPS", 8, "Jumlah TPS", "0",
    ),
    "tps.village_missing": (
        lambda _: {**clean_tables(), "polling_stations": clean_tables()["polling_stations"][:5]},
        "TPS", None, "Kode wilayah", "64.03.11.2004",
    ),
    "tps.voters_above_norm": (
        lambda _: replace("polling_stations", 2, voters=712), "TPS", 4, "DPT", "712"
    ),
    "tps.khusus_above_total": (
        lambda _: replace("polling_stations", 2, tps_khusus=2), "TPS", 4, "TPS lokasi khusus", "2"
    ),
    "logistics.delivered_above_required": (
        lambda _: replace("logistics", 0, quantity_delivered=120), "Logistik", 2, "Diterima", "120"
    ),
    "date.outside_calendar": (
        lambda _: replace("logistics", 0, as_of=dt.date(2014, 11, 25)), "Logistik", 2,
        "Per tanggal", "25/11/2014",
    ),
    "date.after_voting_day": (
        lambda _: replace("logistics", 0, as_of=dt.date(2024, 11, 28)), "Logistik", 2,
        "Per tanggal", "28/11/2024",
    ),
    "date.plan_after_milestone": (
        # reached the KPU warehouse; due at the PPK by H-2 (25/11/2024), planned for 26/11
        lambda _: replace("logistics", 0, stage="kpu", quantity_delivered=None), "Logistik", 2,
        "Jadwal tiba", "26/11/2024",
    ),
    "vulnerability.score_range": (
        lambda _: replace("vulnerabilities", 0, score=140.0), "Kerawanan", 2, "Skor", "140"
    ),
    "vulnerability.score_category": (
        lambda _: replace("vulnerabilities", 0, score=77.04, category="low"), "Kerawanan", 2,
        "Skor", "77.04",
    ),
    "logistics.plan_after_milestone": (
        lambda _: with_rows("logistics", {"region_code": "64.03.02", "item": "all", "stage": "ppk",
                                         "basis": "plan", "scheduled_date": dt.date(2024, 11, 26)}),
        "Logistik", 3, "Jadwal tiba", "26/11/2024",
    ),
    "reconcile.source_vs_source": (
        lambda _: with_rows(
            "published_figures", published(figure="kpps", value=3325),
            published(figure="kpps", value=3300, authority="news", source="Berau Post"),
        ),
        "Angka terbit", 3, "Nilai", "3325",
    ),
    "reconcile.total_vs_parts": (
        lambda _: with_rows("published_figures", published(region_code="64", figure="tps",
                                                           value=470)),
        "Angka terbit", 3, "Nilai", "470",
    ),
    "reconcile.published_vs_reported": (
        lambda _: replace("published_figures", 0, value=469), "Angka terbit", 2, "Nilai", "469"
    ),
    "reconcile.norm_identity": (
        lambda _: with_rows("published_figures", published(figure="kpps", value=3318)),
        "Angka terbit", 3, "Nilai", "3318",
    ),
    "reconcile.norm_identity[personnel]": (
        lambda _: with_rows("personnel", {"region_code": "64.03", "agency": "other",
                                        "role": "kpps", "count": 3300}),
        "Personel", 3, "Jumlah", "3300",
    ),
    "reconcile.khusus_within_total": (
        lambda _: with_rows(
            "published_figures", published(region_code="64.03.01", figure="tps", value=40),
            published(region_code="64.03.01", figure="tps_khusus", value=41),
        ),
        "Angka terbit", 4, "Nilai", "41",
    ),
    "date.after_as_of": (
        lambda _: replace("neutrality_cases", 0, date_reported=dt.date(2024, 11, 26)),
        "Netralitas", 2, "Tanggal laporan", "26/11/2024",
    ),
}  # fmt: skip


def test_every_rule_has_a_case() -> None:
    assert {case.partition("[")[0] for case in CASES} == set(RULES)


def test_clean_input_has_no_findings(table: TableFactory) -> None:
    assert run(clean_tables(), table) == []


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_triggers_once_at_the_right_place(rule_id: str, table: TableFactory) -> None:
    make, sheet, row, column, value = CASES[rule_id]
    findings = run(make(table), table)
    rule_id = rule_id.partition("[")[0]
    assert [f.rule for f in findings] == [rule_id]
    (finding,) = findings
    assert finding.severity == RULES[rule_id].severity
    assert (finding.sheet, finding.row, finding.column, finding.value) == (
        sheet, row, column, value,
    )  # fmt: skip
    if finding.sheet is not None and rule_id not in ("schema.dtype", "schema.column_missing"):
        assert finding.file == "berau.xlsx"
    for text in (finding.message_id, finding.message_en, finding.hint_id, finding.hint_en):
        assert text
        assert "{" not in text
    assert finding.message_id != finding.message_en


def test_summary_average_above_the_norm_is_a_finding(table: TableFactory) -> None:
    # 300,000 voters over 475 TPS: 631.6 per TPS on the regency's own summary row
    findings = run(replace("summary", 0, voters=300_000, voters_male=150_000,
                           voters_female=150_000), table)  # fmt: skip
    assert [(f.rule, f.sheet, f.row, f.value) for f in findings] == [
        ("tps.voters_above_norm", "Ringkasan", 2, "631.6")
    ]
    assert "600" in findings[0].message_en


@pytest.mark.parametrize(
    ("code", "score", "category", "expected"),
    [
        ("64.03", 49.33, "high", []),
        ("64.03", 49.32, "high", ["vulnerability.score_category"]),
        ("64.03", 13.47, "medium", []),
        ("64.03", 13.46, "low", []),
        ("64.03", 13.46, "medium", ["vulnerability.score_category"]),
        ("64", 77.04, "high", []),
        ("64", 50.0, "high", ["vulnerability.score_category"]),
        ("64", 21.7, "medium", []),
        ("64", 21.69, "low", []),
        ("64.03", -0.5, None, ["vulnerability.score_range"]),
        ("64.03", 100.0, "high", []),
    ],
)
def test_ikp_category_follows_the_published_cut_points(
    table: TableFactory, code: str, score: float, category: str | None, expected: list[str]
) -> None:
    findings = run(replace("vulnerabilities", 0, region_code=code, score=score,
                           category=category), table)  # fmt: skip
    assert [f.rule for f in findings] == expected


def test_a_pre_vote_as_of_on_voting_day_passes_and_cases_may_follow_the_vote(
    table: TableFactory,
) -> None:
    tables = replace("personnel", 0, as_of=dt.date(2024, 11, 27))
    tables["neutrality_cases"][0].update(
        as_of=dt.date(2024, 12, 5), date_reported=dt.date(2024, 12, 1)
    )
    assert run(tables, table) == []


def test_messages_speak_the_readers_language(table: TableFactory) -> None:
    (finding,) = run(replace("polling_stations", 1, tps=-1234), table)
    assert finding.message_id == "Jumlah TPS tidak boleh negatif; tertulis -1234."
    assert finding.message_en == "TPS must not be negative; got -1234."


def test_sum_below_total_is_fine_while_detail_is_partial(table: TableFactory) -> None:
    tables = full_kecamatan(470)
    tables["polling_stations"] = tables["polling_stations"][:5]
    assert run(tables, table) == []


def test_sum_above_total_is_found_even_when_partial(table: TableFactory) -> None:
    tables = clean_tables()
    tables["polling_stations"][0]["tps"] = 500
    findings = run(tables, table)
    assert [(f.rule, f.column) for f in findings] == [("total.kecamatan_sum", "Jumlah TPS")]
    assert "534" in findings[0].message_id  # 500 + 30 + Maratua's 4 TPS


def test_sum_with_a_detail_not_reported_is_not_compared(table: TableFactory) -> None:
    tables = full_kecamatan(470)
    tables["polling_stations"][0]["tps"] = None
    assert run(tables, table) == []


def test_each_part_is_counted_once_in_sums(table: TableFactory) -> None:
    tables = full_kecamatan(475)
    villages = descendants("64.03.01", depth=4)["code"].to_list()
    # 64.03.01 has its own row (36 TPS): its villages' partial rows do not count again
    tables["polling_stations"] += [{"region_code": code, "tps": 2} for code in villages[:3]]
    # 64.03.13 has none: its village row (43 TPS) and that village's TPS rows are the same TPS
    last = BERAU_KECAMATAN[-1]
    village = descendants(last, depth=4)["code"][0]
    tables["polling_stations"] = [r for r in tables["polling_stations"] if r["region_code"] != last]
    tables["polling_stations"] += [{"region_code": village, "tps": 43}] + [
        {"region_code": village, "tps_number": n, "tps": 1, "voters": 300} for n in (1, 2, 3)
    ]

    def totals() -> list[str]:
        return [f.rule for f in run(tables, table) if f.rule.startswith("total.")]

    assert totals() == []
    tables["polling_stations"][-4]["tps"] = 40
    assert totals() == ["total.kecamatan_sum"]


def test_sums_only_compare_the_same_as_of_date(table: TableFactory) -> None:
    tables = full_kecamatan(470)
    for row in tables["polling_stations"]:
        row["as_of"] = AS_OF - dt.timedelta(days=1)
    assert run(tables, table) == []


def test_missing_figure_in_detail_is_not_zero_for_norms(table: TableFactory) -> None:
    findings = run(replace("polling_stations", 0, tps=None), table)
    assert findings == []


def test_per_tps_row_must_be_a_village(table: TableFactory) -> None:
    tables = with_rows("polling_stations", {"region_code": "64.03.05", "tps_number": 1, "tps": 1})
    (finding,) = run(tables, table)
    assert (finding.rule, finding.row) == ("region.wrong_level", 8)
    assert "desa/kelurahan" in finding.message_id


def test_required_blank_after_a_reading_error_is_not_reported_twice(table: TableFactory) -> None:
    tables = replace("personnel", 0, region_code=None)
    frames = {name: table(name, rows) for name, rows in tables.items()}
    reading = Finding(
        rule="region.unknown_name", severity="error", message_id="tidak dikenal",
        message_en="unknown", file="berau.xlsx", sheet="Personel", row=2,
        column="Nama wilayah", value="Tanjung Redep",
    )  # fmt: skip
    dataset = Dataset(name="test", tables=frames, findings=[reading])
    assert list(validate(dataset).findings) == [reading]


def test_norm_comes_from_the_election(table: TableFactory) -> None:
    from dataclasses import replace as dc_replace

    from readiness.contract import load_election

    election = load_election("pilkada-2024")
    strict = dc_replace(
        election,
        norms={
            **election.norms,
            "max_voters_per_tps": dc_replace(election.norm("max_voters_per_tps"), value=300),
        },
    )
    tables = clean_tables()
    frames = {name: table(name, rows) for name, rows in tables.items()}
    findings = list(validate(Dataset(name="t", tables=frames), election=strict).findings)
    assert {(f.rule, f.row) for f in findings} == {
        ("tps.voters_above_norm", 2),
        ("tps.voters_above_norm", 3),
        ("tps.voters_above_norm", 4),
        ("tps.voters_above_norm", 5),
        ("tps.voters_above_norm", 6),
        ("tps.voters_above_norm", 7),
    }


def test_a_bare_frame_is_checked_without_crashing() -> None:
    bare = pl.DataFrame({"region_code": ["64.03.01"], "tps": [-1], "as_of": [AS_OF]})
    findings = list(validate(Dataset(name="bare", tables={"polling_stations": bare})).findings)
    assert {f.rule for f in findings} == {"schema.column_missing", "schema.range"}
    (negative,) = [f for f in findings if f.rule == "schema.range"]
    assert (negative.file, negative.row, negative.column) == (None, None, "Jumlah TPS")


@pytest.mark.parametrize("name", ["Kec. Talisayan", "talisayan ", "Kecamatan TALISAYAN"])
def test_a_name_written_another_way_is_no_mismatch(name: str, table: TableFactory) -> None:
    assert run(replace("polling_stations", 1, region_name=name), table) == []
