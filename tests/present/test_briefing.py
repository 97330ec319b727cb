"""The briefing's pieces on a small fixture: the figures an analyst would check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readiness.indicators import load_registry
from readiness.present import Briefing, Figure, Markdown, Table, load_briefing

FIXTURE = Path(__file__).parents[1] / "reports" / "fixture"


@pytest.fixture(scope="module")
def province() -> Briefing:
    return load_briefing(FIXTURE, "64")


@pytest.fixture(scope="module")
def berau() -> Briefing:
    return load_briefing(FIXTURE, "6403", lang="en")


def test_key_figures_add_up_reported_regencies_only(province: Briefing) -> None:
    text = province.key_figures().text
    assert "**2** / 10 kabupaten/kota" in text
    assert "**752** TPS (2 dari 10 melapor)" in text
    assert "**134.567** pemilih terdaftar (DPT) (1 dari 10 melapor)" in text


def test_status_table_lists_every_regency_with_missing_as_dash(province: Briefing) -> None:
    table = province.status_table()
    assert len(table.rows) == 10
    names = [row[0] for row in table.rows]
    assert "Berau" in names
    assert "Mahakam Ulu" in names
    berau = table.rows[names.index("Berau")]
    assert "4,32" in berau
    mahulu = table.rows[names.index("Mahakam Ulu")]
    assert set(mahulu[2:-1]) == {"–"}
    assert table.columns[-1] == "Kelengkapan data"
    assert mahulu[-1] == "0,0 % ▼"  # it reported nothing: coverage is a real 0, and critical


def test_tps_table_shows_reported_counts(province: Briefing) -> None:
    rows = {row[0]: row for row in province.tps_table().rows}
    assert rows["Berau"][3] == "475"
    assert rows["Berau"][5] == "–"
    assert rows["Bontang"][5] == "134.567"


def test_kecamatan_detail_keeps_hostile_notes_as_data(berau: Briefing) -> None:
    table = berau.kecamatan_table()
    assert isinstance(table, Table)
    notes = [row[-1] for row in table.rows]
    # an English document quotes the regency's own (Indonesian) words, and says so
    assert "“<script>alert(1)</script>”" in notes
    assert table.note.startswith("Text in quotation marks is quoted as its source wrote it")
    markdown = table.to_markdown()
    assert "<script>" not in markdown
    assert "\\<script\\>alert\\(1\\)\\<\\/script\\>" in markdown
    assert "Stage" in table.columns
    assert "Actual or plan" in table.columns
    assert table.rows[0][3:5] == ["Actual", "PPK (district)"]  # a blank basis reads as actual


def test_regency_profile_compares_with_province_and_ranks(berau: Briefing) -> None:
    table = berau.regency_indicator_table()
    rows = {row[0]: row for row in table.rows}
    tps = rows[load_registry()["tps_per_village"].name("en")]
    assert tps[1] == "4.32"
    assert tps[5] == "–"  # descriptive: shown, never ranked
    khusus = rows[load_registry()["tps_khusus_share"].name("en")]
    assert (khusus[1], khusus[5]) == ("0.63%", "–")
    assert rows[load_registry()["data_coverage"].name("en")][5] == "1/10"
    assert berau.title_block().text.startswith("---\ntitle: ")
    assert "Kabupaten Berau" in berau.title_block().text


def test_personnel_without_agency_rows_shows_the_stated_total(berau: Briefing) -> None:
    personnel = berau.personnel_table()
    assert isinstance(personnel, Table)
    assert personnel.rows == [
        ["Not broken down", "Security", "1,588", "“Personel pengamanan; komposisi tidak disebut”"]
    ]
    assert "1.301 there means 1,301" in personnel.note


def test_sections_without_data_say_not_reported() -> None:
    paser = load_briefing(FIXTURE, "64.01", lang="en")
    personnel = paser.personnel_table()
    assert isinstance(personnel, Markdown)
    assert personnel.text == "Not reported."


def test_definitions_cover_the_whole_registry(province: Briefing) -> None:
    text = province.definitions().text
    for spec in load_registry():
        assert f"(`{spec.id}`)" in text


def test_manifest_and_coverage(province: Briefing) -> None:
    manifest = province.manifest_table()
    assert sorted(row[0] for row in manifest.rows) == [
        "logistics.csv", "neutrality_cases.csv", "summary.csv",
    ]  # fmt: skip
    assert all(len(row[3]) == 16 for row in manifest.rows)
    coverage = {row[0]: row for row in province.coverage_table().rows}
    assert "Logistik" in coverage["Bontang"][3]
    assert "Logistik" not in coverage["Berau"][3]


def test_charts_are_figures(province: Briefing) -> None:
    regency_map = province.regency_map()
    assert isinstance(regency_map, Figure)
    shapes = regency_map.spec()["layer"][0]["data"]["values"]
    assert len(shapes) == len(province.regency_codes) == 10
    assert isinstance(province.indicator_chart("voters_per_tps"), Figure)
    assert isinstance(province.neutrality_chart(), Figure)


def test_a_value_without_threshold_is_not_called_unreported(berau: Briefing) -> None:
    table = berau.regency_indicator_table()
    rows = {row[0]: row for row in table.rows}
    tps = rows[load_registry()["tps_per_village"].name("en")]
    assert tps[3].label in {"Not rated", "Ready", "Needs attention", "Critical"}
    missing = [row for row in table.rows if row[1] == "–"]
    assert missing
    assert all(row[3].label == "Not reported" for row in missing)


def test_glossary_explains_the_terms_each_document_uses(
    province: Briefing, berau: Briefing
) -> None:
    whole = province.glossary().text
    assert "**Data tersedia \\(bobot\\)**" in whole
    profile = berau.glossary().text
    assert "weight" not in profile.lower()
    assert "bobot" not in profile.lower()
    assert "**Not rated**" in profile


KALTIM = Path(__file__).parents[2] / "data" / "raw" / "kaltim-2024"


@pytest.fixture(scope="module")
def kaltim() -> Briefing:
    if not KALTIM.exists():
        pytest.skip("the default dataset is not built")
    return load_briefing(KALTIM, "64", as_of="2024-11-25")


def test_page_one_never_adds_personnel_of_differing_scopes(kaltim: Briefing) -> None:
    text = kaltim.key_figures().text
    assert "6.954" not in text  # 550 + 1.588 + 443 + 3.107 + 1.266, five different scopes
    assert "tidak dijumlahkan" in text
    assert "Polri saja: Kutai Kartanegara 550 untuk 1.301 TPS, Penajam Paser Utara 443" in text
    assert "Polri + Linmas: Samarinda 3.107, Bontang 1.266 untuk 423 TPS" in text
    assert "Tidak dirinci: Berau 1.588" in text


def test_status_table_says_plan_and_stale(kaltim: Briefing) -> None:
    table = kaltim.status_table()
    rows = {row[0]: row for row in table.rows}
    logistics = table.columns.index(kaltim.name_of("logistics_completion_kecamatan"))
    assert rows["Kutai Timur"][logistics] == "rencana"  # not 0 %, not critical
    assert rows["Mahakam Ulu"][logistics] == "usang 14/11"  # its last report
    assert rows["Berau"][logistics] == "84,6 % ▽"
    police = table.columns.index(kaltim.name_of("police_per_tps"))
    assert rows["Kutai Kartanegara"][police] == "0,42"  # 550 police for the 1.301 TPS they cover


def test_the_tps_conflict_is_shown_with_both_sources(kaltim: Briefing) -> None:
    text = kaltim.reconciliation().text.replace("\\", "")
    assert "6.262" in text
    assert "6.274" in text
    assert "selisih 12" in text
    assert "6.264" in text
    assert "selisih 2" in text
    assert "pleno" in text
    assert "pernyataan" in text


def test_stale_and_planned_values_say_so_in_charts(kaltim: Briefing) -> None:
    names = (
        kaltim.dated_names(kaltim.regencies)
        .filter(kaltim.regencies["indicator"] == "logistics_completion_kecamatan")["region_name"]
        .to_list()
    )
    assert "Kabupaten Mahakam Ulu (usang 14/11)" in names
    assert "Kabupaten Kutai Timur (rencana)" in names


def test_a_profile_lists_only_its_own_findings() -> None:
    if not KALTIM.exists():
        pytest.skip("the default dataset is not built")
    berau = load_briefing(KALTIM, "64.03", as_of="2024-11-25").findings_table()
    assert isinstance(berau, Table)
    # the published figures file is shared: only the row about Berau (469 vs 475) is Berau's
    assert len(berau.rows) == 1
    assert "Berau" in berau.rows[0][3]
    assert "469" in berau.rows[0][3]


def test_a_rejected_row_is_left_out_of_every_figure_and_said(tmp_path: Path) -> None:
    # one bad cell in Berau's summary row: the whole row is rejected by validation
    for source in FIXTURE.glob("*.csv"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    summary = tmp_path / "summary.csv"
    summary.write_text(
        summary.read_text(encoding="utf-8").replace(",475,3,,1588,", ",banyak,3,,1588,"),
        encoding="utf-8",
    )
    province = load_briefing(tmp_path, "64")
    rows = {row[0]: row for row in province.tps_table().rows}
    # kecamatan, villages, TPS, TPS khusus, DPT: nothing from the rejected row
    assert rows["Berau"][1:6] == ["–"] * 5
    assert rows["Bontang"][3] == "277"
    security = {row[0]: row for row in province.security_table().rows}
    assert security["Berau"][1] == "–"
    figures = province.key_figures().text
    assert "**277** TPS (1 dari 10 melapor)" in figures
    assert "1 baris ditolak validasi dan tidak dipakai dalam angka mana pun" in figures
    assert "summary.csv baris 2" in figures.replace("\\", "")
    requests = province.data_requests()._repr_mimebundle_()["text/markdown"]
    rejected = [line for line in requests.splitlines() if "ditolak validasi" in line]
    assert len(rejected) == 1
    assert "Berau (1)" in rejected[0].replace("\\", "")
    profile = load_briefing(tmp_path, "64.03", lang="en")
    assert "1 row(s) rejected by validation are left out" in profile.regency_summary().text
    bontang = load_briefing(tmp_path, "64.74", lang="en")
    assert "rejected" not in bontang.regency_summary().text.replace("or were rejected", "")


def test_a_dataset_without_rejected_rows_says_nothing_was_left_out(province: Briefing) -> None:
    assert province.left_out_rows().height == 0
    assert province.left_out_note() == ""
    assert "ditolak" not in province.data_requests()._repr_mimebundle_()["text/markdown"]
    assert "ditolak" not in province.key_figures().text


def test_a_profile_summary_counts_add_up_to_its_indicators(kaltim: Briefing) -> None:
    for code in ("64.03", "64.08", "64.11"):
        text = load_briefing(KALTIM, code, as_of="2024-11-25").regency_summary().text
        counts = text.split("Dari ", 1)[1]  # after the status and why it is not ranked
        total, *parts = (int(n) for n in re.findall(r"(?<![\d.,])(\d+) (?!November)", counts))
        assert total == sum(parts), text


def test_ranking_tables_are_sorted_by_rank_with_the_unranked_last(kaltim: Briefing) -> None:
    import dataclasses

    from readiness.compare import compare_regencies, load_compare_config

    # the default minimum (70 % of the weights) ranks no Kaltim regency on 25 November
    table = kaltim.composite_table()
    assert {row[4] for row in table.rows} == {"–"}
    assert {row[6] for row in table.rows} == {"–"}  # no "Peringkat tetap" without a rank
    assert {row[2] for row in table.rows} == {"–"}  # nor a score on too little of the weights
    assert {row[1].label for row in table.rows} == {"Tidak diperingkat"}
    assert "Tidak diperingkat (data tersedia kurang dari 70 % dari bobot): Paser," in table.note
    assert ", Samarinda, Bontang." in table.note
    coverage = {row[0]: row[3] for row in table.rows}
    assert (coverage["Samarinda"], coverage["Bontang"]) == ("46 %", "23 %")
    # with a lower minimum some are ranked: those come first, by rank, then the rest by code
    settings = dataclasses.replace(load_compare_config(), min_composite_coverage=0.35)
    lower = dataclasses.replace(
        kaltim, comparison=compare_regencies(kaltim.regencies, config=settings)
    )
    composite = lower.composite.sort("rank", "region_code", nulls_last=True)
    ranked = composite.filter(composite["rank"].is_not_null())
    assert ranked.height == 3  # Berau 54 %, Samarinda 46 %, Penajam Paser Utara 38 %
    rows = lower.composite_table().rows
    assert [row[4] for row in rows[:3]] == [str(r) for r in ranked["rank"]]
    assert all(row[4] == "–" and row[6] == "–" and row[2] == "–" for row in rows[3:])
    assert all(row[2] != "–" for row in rows[:3])
    ranks = [int(row[4]) for row in rows[:3]]
    assert ranks == sorted(ranks)
    unranked = [row[0] for row in rows[3:]]
    codes = lower.codes_by_rank()
    assert codes[:3] == ranked["region_code"].to_list()
    assert codes[3:] == sorted(codes[3:])
    assert len(unranked) == 7
    # the status table follows the same order
    assert [row[0] for row in lower.status_table().rows] == [row[0] for row in rows]
    assert "kurang dari 35 % dari bobot" in lower.composite_table().note


def test_definitions_call_the_descriptive_indicators_descriptive(province: Briefing) -> None:
    text = province.definitions().text
    entry = next(block for block in text.split("\n\n") if "(`tps_per_village`)" in block)
    assert "deskriptif, tidak dinilai atau diperingkat" in entry
    assert "lebih tinggi lebih baik" not in entry


PRESENT = Path(__file__).parents[2] / "src" / "readiness" / "present"


def test_the_briefing_speaks_through_the_text_catalogue() -> None:
    modules = [*PRESENT.glob("_briefing*.py"), *PRESENT.glob("_section_*.py")]
    assert len(modules) >= 10
    for path in modules:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"lang\s*==", source), f"{path.name} chooses a language inline"
        assert len(source.splitlines()) < 500, f"{path.name} is over 500 lines"


def test_the_briefing_is_frozen(province: Briefing) -> None:
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        province.lang = "en"  # type: ignore[misc]


def test_berau_profile_says_why_it_is_not_ranked() -> None:
    berau = load_briefing(KALTIM, "64.03", as_of="2024-11-25")
    assert "**Tidak diperingkat** (data tersedia 54 % dari bobot, perlu ≥ 70 %)" in (
        berau.regency_summary().text
    )
    english = load_briefing(KALTIM, "64.03", lang="en", as_of="2024-11-25")
    assert "**Not ranked** (data available for 54% of the weight, needs ≥ 70%)" in (
        english.regency_summary().text
    )


def test_the_header_gives_the_range_of_report_dates(kaltim: Briefing) -> None:
    header = kaltim.title_block().text
    assert "Keadaan per 25 November 2024" in header
    assert "laporan kabupaten\\\\/kota bertanggal 13 Juli–25 November 2024" in header
    berau = load_briefing(KALTIM, "64.03", lang="en", as_of="2024-11-25").title_block().text
    assert "reports of Kabupaten Berau dated 13 July–25 November 2024" in berau


def test_every_table_and_chart_names_its_source(kaltim: Briefing) -> None:
    shown = [
        kaltim.actions(), kaltim.status_table(), kaltim.composite_table(), kaltim.regency_map(),
        kaltim.indicator_chart("police_per_tps"), kaltim.indicator_table(["voters_per_tps"]),
        kaltim.logistics_stage_chart(), kaltim.tps_table(), kaltim.security_table(),
        kaltim.neutrality_chart(), kaltim.neutrality_table(), kaltim.vulnerability_table(),
        kaltim.coverage_table(), kaltim.status_overview(), kaltim.manifest_table(),
    ]  # fmt: skip
    for piece in shown:
        said = piece.source if isinstance(piece, Table) else getattr(piece, "caption", "")
        assert "Sumber: " in said, piece
    tps = kaltim.tps_table().source
    assert tps.startswith("Sumber: laporan 10 kabupaten/kota (Ringkasan), 25 November 2024")
    assert "angka terbit: KPU Kaltim 16–22 September 2024" in tps
    assert "laporan 4 kabupaten/kota (Logistik), 14–25 November 2024" in (
        kaltim.logistics_stage_chart().caption  # type: ignore[union-attr]
    )


def test_a_profile_names_the_regency_in_its_sources() -> None:
    berau = load_briefing(KALTIM, "64.03", as_of="2024-11-25")
    assert berau.kecamatan_table().source == (  # type: ignore[union-attr]
        "Sumber: laporan Kabupaten Berau (Logistik: Pemkab Berau), 25 November 2024."
    )
    assert berau.regency_facts_table().source.startswith("Sumber: laporan Kabupaten Berau")
    listed = berau.sources_list().text
    assert listed.startswith("**Kabupaten Berau** (64\\.03\\-berau\\.xlsx)")
    assert "**Angka terbit**" in listed
    assert "Ringkasan:" not in listed


def test_the_source_list_is_grouped_by_regency(kaltim: Briefing) -> None:
    listed = kaltim.sources_list().text
    leads = re.findall(r"^\*\*(.+?)\*\*", listed, flags=re.MULTILINE)
    assert leads[:2] == ["Kabupaten Paser", "Kabupaten Kutai Kartanegara"]
    assert len(leads) == 11  # ten regencies, then the published figures
    assert leads[-1] == "Angka terbit"


def test_a_figure_older_than_the_briefing_shows_its_date(kaltim: Briefing) -> None:
    samarinda = kaltim.value(kaltim.regencies, "64.72", "police_vs_grade_requirement")
    assert samarinda is not None
    assert kaltim.status_cell(samarinda).endswith("(24/11)")
    paser = kaltim.neutrality_table()
    assert isinstance(paser, Table)
    rows = {row[0]: row for row in paser.rows}
    assert rows["Paser"][-1] == "usang 30/10"
    assert rows["Berau"][-1] == "25/11"
    berau = load_briefing(KALTIM, "64.03", as_of="2024-11-25").vulnerability_table("64.03")
    assert isinstance(berau, Table)
    assert berau.rows[0][-1] == "13/07"


def test_warnings_of_a_shared_file_count_for_the_regency_of_their_row(kaltim: Briefing) -> None:
    # the published figures file is shared: its TPS mismatch for Berau counts for Berau
    # only, never all of the file's warnings for whichever regency came first
    rows = {row[0]: row for row in kaltim.coverage_table().rows}
    assert rows["Berau"][-1] == "1"
    assert rows["Kutai Timur"][-1] == "1"
    assert rows["Bontang"][-1] == "0"


def test_key_figures_say_how_many_regencies_sent_any_logistics_report(kaltim: Briefing) -> None:
    text = kaltim.key_figures().text
    assert "**10** / 10 kabupaten/kota mengirim ringkasan" in text
    assert "laporan logistik (kedatangan atau jadwal) dari **4** / 10" in text


def test_indonesian_documents_show_the_reports_words_as_they_are(province: Briefing) -> None:
    table = province.security_table()
    assert isinstance(table, Table)
    scopes = [row[-1] for row in table.rows if row[-1] != "–"]
    assert scopes, "the fixture states at least one scope"
    assert not any(scope.startswith("“") for scope in scopes)
    assert table.note == "Tanda – berarti tidak dilaporkan (bukan nol)."


def test_the_english_legend_stands_only_under_quoted_text() -> None:
    kaltim = load_briefing("", "64", lang="en")
    vulnerability = kaltim.vulnerability_table()  # no regency wrote a mitigation: none quoted
    security = kaltim.security_table()
    assert isinstance(vulnerability, Table)
    assert isinstance(security, Table)
    assert vulnerability.note == "A dash – means not reported (not zero)."
    assert security.note.startswith("Text in quotation marks is quoted as its source wrote it")
    assert security.note.endswith(
        "1.301 there means 1,301. A dash – means not reported (not zero)."
    )
