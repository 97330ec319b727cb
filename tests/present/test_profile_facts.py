"""A regency profile opens with its facts: Berau on 25 Nov 2024 as an official would check it."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.contract import Language
from readiness.present import Briefing, load_briefing
from readiness.present._profile_facts import logistics_facts, regency_facts

KALTIM = Path(__file__).parents[2] / "data" / "raw" / "kaltim-2024"


def _briefing(region: str, lang: Language = "id") -> Briefing:
    if not KALTIM.exists():
        pytest.skip("the default dataset is not built")
    return load_briefing(KALTIM, region, lang=lang, as_of="2024-11-25")


@pytest.fixture(scope="module")
def berau() -> Briefing:
    return _briefing("64.03")


def _plain(markdown: str) -> str:
    return markdown.replace("\\", "").replace("**", "")


def test_berau_sentence_states_its_facts_and_the_kecamatan_waiting(berau: Briefing) -> None:
    sentence = _plain(berau.regency_facts().text)
    assert "Kabupaten Berau memiliki 475 TPS (3 di antaranya TPS khusus)" in sentence
    assert "di 13 kecamatan dan 110 desa/kelurahan" in sentence
    assert "di PPK di 11 dari 13 kecamatan, masih ditunggu: Sambaliung dan Teluk Bayur" in sentence
    assert "DPT belum dilaporkan" in sentence  # not reported is not 0
    assert "laporan per" not in sentence  # every figure is of the briefing date


def test_berau_sentence_in_english(berau: Briefing) -> None:
    sentence = _plain(_briefing("64.03", "en").regency_facts().text)
    assert "475 polling stations (TPS; 3 of them special TPS) in 13 districts" in sentence
    assert "11 of 13 districts, still waiting: Sambaliung and Teluk Bayur" in sentence
    assert "belum" not in sentence


def test_berau_table_has_each_fact_with_its_date(berau: Briefing) -> None:
    rows = {row[0]: row[1:] for row in berau.regency_facts_table().rows}
    assert rows["TPS"] == ["475", "", "25 November 2024"]
    assert rows["Kecamatan"][0] == "13"
    assert rows["Desa/kelurahan"][0] == "110"
    assert rows["TPS khusus"][:2] == ["3", "935 pemilih di TPS khusus"]
    assert rows["Pemilih terdaftar (DPT)"][0] == "–"
    assert rows["Personel pengamanan"][:2] == [
        "1.588",
        "yang dihitung: Tidak dirinci; TPS yang dijaga: –",
    ]
    assert rows["Logistik sampai PPK"][:2] == [
        "11 dari 13 kecamatan", "masih ditunggu: Sambaliung dan Teluk Bayur"
    ]  # fmt: skip
    assert rows["Kasus netralitas"][:2] == [
        "3",
        "3 diputuskan, menunggu pejabat pembina kepegawaian",
    ]


def test_kecamatan_add_up_to_the_regency(berau: Briefing) -> None:
    logistics = logistics_facts(berau)
    assert (logistics.arrived, logistics.waiting, logistics.unreported) == (
        11, ("Sambaliung", "Teluk Bayur"), ()
    )  # fmt: skip
    assert logistics.total == 13


def test_an_older_report_carries_its_date() -> None:
    mahulu = _briefing("64.11")
    sentence = _plain(mahulu.regency_facts().text)
    # the date leads: an old count is not today's state
    assert "menurut laporan terakhir (14 November 2024), logistik sudah sampai di PPK di 0 dari 5" \
        in sentence  # fmt: skip
    assert "jadwal KPU→PPK 23 November 2024" in sentence
    rows = {row[0]: row[1:] for row in mahulu.regency_facts_table().rows}
    assert rows["Logistik sampai PPK"][2] == "14 November 2024"


def test_a_schedule_alone_is_not_shown_as_zero_arrivals() -> None:
    kutim = _briefing("64.08")
    sentence = _plain(kutim.regency_facts().text)
    assert "belum ada laporan kedatangan logistik di PPK; jadwal KPU→PPK 23–26 November 2024" \
        in sentence  # fmt: skip
    assert "0 dari 18" not in sentence
    assert "masih ditunggu" not in sentence
    rows = {row[0]: row[1:] for row in kutim.regency_facts_table().rows}
    assert rows["Logistik sampai PPK"][:2] == [
        "–", "belum ada laporan kedatangan logistik di PPK; jadwal KPU→PPK 23–26 November 2024"
    ]  # fmt: skip
    english = _plain(_briefing("64.08", "en").regency_facts().text)
    assert "no arrival of logistics at the PPK reported yet; KPU→PPK schedule 23–26 November" \
        in english  # fmt: skip
    assert "0 of 18" not in english


def test_missing_is_a_dash_and_zero_reported_is_zero() -> None:
    paser = _briefing("64.01")
    assert "logistik per kecamatan belum dilaporkan" in paser.regency_facts().text
    rows = {row[0]: row[1:] for row in paser.regency_facts_table().rows}
    assert rows["Logistik sampai PPK"] == ["–", "belum dilaporkan", "–"]
    assert rows["Personel pengamanan"] == ["–", "belum dilaporkan", "–"]
    assert rows["Kasus netralitas"] == ["6", "6 rekomendasi dikirim", "30 Oktober 2024"]
    mahulu = {fact.label: fact.value for fact in regency_facts(_briefing("64.11"))}
    assert mahulu["TPS khusus"] == "0"  # reported as zero, shown as zero


def test_personnel_of_differing_scopes_are_listed_not_added() -> None:
    samarinda = _briefing("64.72")
    lines = [(f.label, f.value) for f in regency_facts(samarinda) if "Personel" in f.label]
    assert lines == [
        ("Personel pengamanan", "3.107"),
        ("Personel pengamanan: Linmas", "2.404"),
        ("Personel pengamanan: Polri", "703"),
    ]
    text = samarinda.regency_facts_table().to_markdown()
    assert "5.511" not in text.replace("\\", "")  # 3.107 + 2.404, counted twice


def _indicator_rows(briefing: Briefing) -> dict[str, list[object]]:
    from readiness.indicators import load_registry

    names = {spec.name(briefing.lang): spec.id for spec in load_registry()}
    return {names[row[0]]: row for row in briefing.regency_indicator_table().rows}


def test_province_never_adds_personnel_counted_with_different_agencies() -> None:
    for region in ("64.03", "64.08"):
        profile = _briefing(region)
        security = _indicator_rows(profile)["security_personnel_per_tps"]
        assert security[4] == "–"  # not 1,88: police-only and police + Linmas are not added
        note = profile.regency_indicator_table().note or ""
        assert "Provinsi –: instansi yang dihitung berbeda antardaerah (Polri saja: Kutai " \
            "Kartanegara, Penajam Paser Utara; Polri + Linmas: Samarinda, Bontang; Tidak " \
            "dirinci: Berau)" in note  # fmt: skip
    berau = _indicator_rows(_briefing("64.03"))
    assert berau["security_personnel_per_tps"][1] == "3,34"  # the regency's own figure stays


def test_no_rank_on_thin_evidence_and_the_province_says_what_it_rests_on() -> None:
    berau = _indicator_rows(_briefing("64.03"))
    # Berau is the only regency reporting arrivals: its own figure is the province's
    assert berau["logistics_completion_kecamatan"][4:6] == ["84,6 % (1 dari 10)", "–"]
    # a count of cases is not better or worse: never ranked
    assert berau["neutrality_cases"][5] == "–"
    # reported by every regency and rated: ranked, and the province rests on all of them
    assert berau["data_coverage"][4:6] == ["82,9 %", "2/10"]
    kutim = _indicator_rows(_briefing("64.08"))
    assert kutim["voters_per_tps"][4:6] == ["452 (9 dari 10)", "4/9"]
    assert kutim["neutrality_cases"][5] == "–"
    assert kutim["neutrality_followup_rate"][5] == "–"  # two of ten regencies: no rank
