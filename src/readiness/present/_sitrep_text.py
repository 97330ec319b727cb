"""The words of the situation report, in Indonesian and English (one catalogue)."""

from __future__ import annotations

from typing import Any

from readiness.contract import Language, Text

__all__ = ["SCHEMA_VERSION", "SYNTHETIC_NOTICE", "TEXT", "say"]

SCHEMA_VERSION = "readiness.sitrep/1"
SYNTHETIC_NOTICE = Text(
    "CONTOH SINTETIS — bukan data resmi", "SYNTHETIC EXAMPLE — not official data"
)

TEXT: dict[str, Text] = {
    "title": Text("Laporan Situasi Pilkada", "Election Situation Report"),
    "period": Text("Perubahan sejak {since} sampai {as_of}", "Changes from {since} to {as_of}"),
    "summary": Text("Ringkasan", "Summary"),
    "new_critical": Text("Butir kritis baru", "New critical items"),
    "resolved": Text("Butir kritis yang selesai", "Critical items resolved"),
    "status_changes": Text("Status indikator lain yang berubah", "Other indicator status changes"),
    "arrivals": Text(
        "Logistik: tahap yang dilaporkan tercapai", "Logistics: stages reported reached"
    ),
    "due_plans": Text(
        "Logistik: jadwal lewat atau hari ini tanpa laporan kedatangan",
        "Logistics: schedules passed or due today with no arrival reported",
    ),
    "cases": Text("Kasus netralitas", "Neutrality cases"),
    "reporting": Text(
        "Laporan operasional terakhir per kabupaten/kota", "Latest operational report by regency"
    ),
    "regency": Text("Kabupaten/kota", "Regency/city"),
    "indicator": Text("Indikator", "Indicator"),
    "value": Text("Nilai (per tanggal)", "Value (as of)"),
    "before_now": Text("Sebelum → kini", "Before → now"),
    "value_before": Text("Sebelumnya (per tanggal)", "Before (as of)"),
    "value_now": Text("Kini (per tanggal)", "Now (as of)"),
    "status": Text("Status", "Status"),
    "owner": Text("Penanggung jawab", "Responsible"),
    "deadline": Text("Tenggat", "Deadline"),
    "kecamatan": Text("Kecamatan", "District"),
    "item": Text("Jenis logistik", "Item"),
    "stage_change": Text("Tahap sebelum → kini", "Stage before → now"),
    "reported_on": Text("Tanggal laporan", "Report date"),
    "planned_stage": Text("Tahap direncanakan (jadwal)", "Planned stage (date)"),
    "last_stage": Text("Tahap terakhir dilaporkan", "Last stage reported"),
    "plan_date": Text("Rencana per", "Plan as of"),
    "cases_col": Text("Kasus (subjek)", "Cases (subject)"),
    "change": Text("Perubahan", "Change"),
    "latest": Text("Laporan terakhir", "Latest report"),
    "latest_logistics": Text("Laporan logistik terakhir", "Latest logistics report"),
    "silent_col": Text("Diam sejak {since}?", "Silent since {since}?"),
    "yes": Text("ya", "yes"),
    "no": Text("tidak", "no"),
    "never": Text("belum pernah", "never"),
    "not_reported": Text("belum dilaporkan", "not reported"),
    "no_deadline": Text("tanpa tenggat H-n", "no H-n deadline"),
    "passed": Text("{day} (lewat)", "{day} (passed)"),
    "none": Text("Tidak ada.", "None."),
    "sources": Text("Sumber: {sources}.", "Sources: {sources}."),
    "rejected": Text(
        "{count} baris yang ditolak validasi tidak dihitung.",
        "{count} row(s) rejected by validation are not counted.",
    ),
    "line_critical": Text("{count} butir kritis baru", "{count} new critical item(s)"),
    "line_resolved": Text("{count} butir kritis selesai", "{count} critical item(s) resolved"),
    "line_changes": Text(
        "{count} status indikator lain berubah", "{count} other indicator status change(s)"
    ),
    "line_first": Text(
        "{count} indikator mendapat status untuk pertama kali (laporan pertama): {where}",
        "{count} indicator(s) got a status for the first time (first report): {where}",
    ),
    "line_arrivals": Text(
        "{count} kecamatan dilaporkan mencapai tahap logistik baru",
        "{count} district(s) reported at a new logistics stage",
    ),
    "line_plans": Text(
        "{count} kecamatan dengan jadwal yang sudah lewat atau jatuh hari ini tanpa laporan "
        "kedatangan{where}",
        "{count} district(s) with a schedule passed or due today and no arrival reported{where}",
    ),
    "line_cases": Text(
        "kasus netralitas: {new} baru, {moved} pindah tahap, {concluded} tuntas",
        "neutrality cases: {new} new, {moved} moved along the flow, {concluded} concluded",
    ),
    "line_silent": Text(
        "{count} kabupaten/kota tanpa laporan operasional sesudah {since}: {where}",
        "{count} regency(ies) with no operational report after {since}: {where}",
    ),
    "line_all_reported": Text(
        "semua {count} kabupaten/kota mengirim laporan operasional sesudah {since}",
        "all {count} regencies sent an operational report after {since}",
    ),
    "line_warehouse": Text(
        "{count} kecamatan dilaporkan pertama kali, masih di Gudang KPU kab/kota (bukan "
        "kedatangan)",
        "{count} district(s) reported for the first time, still at the KPU warehouse (not an "
        "arrival)",
    ),
    "warehouse_note": Text(
        "Laporan pertama, masih di Gudang KPU kab/kota (posisi awal, bukan kedatangan): {where}.",
        "First report, still at the KPU warehouse (the starting position, not an arrival): "
        "{where}.",
    ),
    "plan_passed": Text("lewat", "passed"),
    "plan_today": Text("hari ini", "today"),
    "count_passed": Text("{count} lewat", "{count} passed"),
    "count_today": Text("{count} hari ini", "{count} due today"),
    "latest_personnel": Text("Laporan personel terakhir", "Latest personnel report"),
    "latest_cases": Text("Laporan kasus netralitas terakhir", "Latest neutrality cases report"),
    "reporting_note": Text(
        "Hanya laporan operasional (logistik, personel, kasus netralitas). Lembar ringkasan "
        "tidak dihitung: barisnya adalah catatan rapat provinsi, bukan laporan keadaan.",
        "Operational reports only (logistics, personnel, neutrality cases). The summary sheet "
        "does not count: its rows are the province's meeting records, not a report of the "
        "situation.",
    ),
    "table_logistics": Text("logistik", "logistics"),
    "table_personnel": Text("personel", "personnel"),
    "table_cases": Text("kasus", "cases"),
    "line_data_gaps": Text(
        "kelengkapan data (celah data, diminta ke kabupaten/kota, bukan butir tindakan): "
        "{better} tidak lagi kritis, {worse} menjadi kritis",
        "data coverage (a data gap, requested from the regency, not an action item): "
        "{better} no longer critical, {worse} became critical",
    ),
    "kind_new": Text("baru", "new"),
    "kind_moved": Text("pindah tahap", "moved"),
    "kind_concluded": Text("tuntas", "concluded"),
    "kind_worsened": Text("memburuk", "worsened"),
    "kind_improved": Text("membaik", "improved"),
    "kind_stale": Text("menjadi usang", "went stale"),
    "first_note": Text(
        'Tahap sebelumnya "belum dilaporkan": laporan pertama, tanggal tibanya tidak diketahui.',
        'Stage before "not reported": a first report; the day of arrival is not known.',
    ),
    "plan_note": Text(
        "Rencana bukan kedatangan: tahap ini belum dilaporkan tercapai.",
        "A plan is not an arrival: this stage has not been reported reached.",
    ),
}


def say(key: str, lang: Language, **values: Any) -> str:
    """The phrase ``key`` in ``lang``, its ``{fields}`` filled.

    >>> say("period", "en", since="24 November 2024", as_of="25 November 2024")
    'Changes from 24 November 2024 to 25 November 2024'
    """
    text = TEXT[key]
    return (text.format(**values) if values else text).get(lang)
