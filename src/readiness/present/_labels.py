"""Words the documents and charts show, in Indonesian and English."""

from __future__ import annotations

from readiness.contract import (
    JUDGED_STATUSES,
    MISSING,
    SHOWN_STATUSES,
    ClosedSet,
    Language,
    Text,
)
from readiness.present._sentences import SENTENCES

__all__ = [
    "GLOSSARY",
    "STATUS_COLORS",
    "STATUS_KEYS",
    "closed_label",
    "lower_first",
    "short",
    "status_label",
    "text",
    "unit_label",
]

STATUS_KEYS: tuple[str, ...] = JUDGED_STATUSES
STATUS_COLORS: dict[str, str] = {
    "ready": "#1a7f37",
    "attention": "#d29922",
    "critical": "#cf222e",
    "missing": "#afb8c1",
    "insufficient": "#8c959f",
    "unrated": "#54aeff",
    "stale": "#8250df",
    "plan_only": "#0969da",
}

_TEXT: dict[str, Text] = {
    "title_province": Text("Laporan Kesiapan Pilkada", "Election Readiness Briefing"),
    "title_regency": Text("Profil Kesiapan Pilkada", "Election Readiness Profile"),
    "as_of": Text("Keadaan per", "As of"),
    "exec_summary": Text("Ringkasan eksekutif", "Executive summary"),
    "act_now": Text("Perlu tindakan sekarang", "Needs action now"),
    "nothing_to_act": Text(
        "Tidak ada indikator berstatus kritis.",
        "No indicator is in critical status.",
    ),
    "logistics": Text("Logistik", "Logistics"),
    "tps_voters": Text("TPS dan pemilih", "Polling stations and voters"),
    "security": Text("Keamanan", "Security"),
    "neutrality": Text("Netralitas ASN dan aparat desa", "Neutrality of officials"),
    "vulnerability": Text("Kerawanan dan mitigasi", "Vulnerabilities and mitigation"),
    "data_quality": Text("Kualitas dan cakupan data", "Data quality and coverage"),
    "definitions": Text("Definisi indikator", "Indicator definitions"),
    "sources": Text("Sumber dan daftar berkas masukan", "Sources and list of input files"),
    "glossary": Text("Daftar istilah", "Glossary"),
    "indicators": Text("Indikator", "Indicators"),
    "kecamatan_detail": Text("Rincian per kecamatan", "Detail by district"),
    "findings": Text("Temuan validasi", "Validation findings"),
    "no_findings": Text("Tidak ada temuan validasi.", "No validation findings."),
    "not_reported_here": Text("Tidak dilaporkan.", "Not reported."),
    "region": Text("Wilayah", "Region"),
    "code": Text("Kode", "Code"),
    "regency": Text("Kabupaten/kota", "Regency/city"),
    "kecamatan": Text("Kecamatan", "District"),
    "indicator": Text("Indikator", "Indicator"),
    "value": Text("Nilai", "Value"),
    "norm": Text("Norma", "Norm"),
    "status": Text("Status", "Status"),
    "province": Text("Provinsi", "Province"),
    "rank": Text("Peringkat", "Rank"),
    "coverage": Text("Cakupan", "Coverage"),
    "composite": Text("Status gabungan", "Overall status"),
    "missing_items": Text("Belum dilaporkan", "Not reported"),
    "unit": Text("Satuan", "Unit"),
    "direction": Text("Arah", "Direction"),
    "formula": Text("Rumus", "Formula"),
    "basis": Text("Dasar", "Basis"),
    "file": Text("Berkas", "File"),
    "kind": Text("Jenis", "Kind"),
    "size": Text("Ukuran (bita)", "Size (bytes)"),
    "sha256": Text("Sidik berkas (SHA-256, awal)", "File fingerprint (SHA-256, start)"),
    "rows": Text("Baris", "Rows"),
    "source": Text("Sumber", "Source"),
    "note": Text("Catatan", "Note"),
    "stage": Text("Tahap", "Stage"),
    "item": Text("Jenis logistik", "Item"),
    "scheduled": Text("Jadwal", "Scheduled"),
    "count": Text("Jumlah", "Count"),
    "cases": Text("Kasus", "Cases"),
    "subject": Text("Subjek", "Subject"),
    "instrument": Text("Instrumen", "Instrument"),
    "category": Text("Kategori", "Category"),
    "mitigation": Text("Mitigasi", "Mitigation"),
    "owner": Text("Penanggung jawab", "Owner"),
    "severity": Text("Tingkat", "Severity"),
    "rule": Text("Aturan", "Rule"),
    "message": Text("Pesan", "Message"),
    "location": Text("Lokasi", "Location"),
    "scope": Text("Cakupan personel", "Personnel scope"),
    "personnel": Text("Personel", "Personnel"),
    "agency": Text("Instansi", "Agency"),
    "errors": Text("Kesalahan", "Errors"),
    "warnings": Text("Peringatan", "Warnings"),
    "missing_legend": Text(
        "Tanda – berarti tidak dilaporkan (bukan nol).",
        "A dash – means not reported (not zero).",
    ),
    "higher": Text("lebih tinggi lebih baik", "higher is better"),
    "lower": Text("lebih rendah lebih baik", "lower is better"),
    "target": Text("sedekat mungkin dengan norma", "as close to the norm as possible"),
    "none": Text(
        "deskriptif, tidak dinilai atau diperingkat", "descriptive, never scored or ranked"
    ),
    "generated": Text("Dibuat dengan readiness", "Made with readiness"),
    "regency_map": Text("Peta status kabupaten/kota", "Status map of regencies"),
    "norm_line": Text("garis: norma", "line: norm"),
    "reconciliation": Text(
        "Angka yang tidak cocok antarsumber (TPS, DPT, petugas)",
        "Figures that disagree between sources (TPS, voters, officers)",
    ),
    "facts": Text("Data pokok", "Key facts"),
    "facts_figure": Text("Data", "Figure"),
    "facts_detail": Text("Keterangan", "Detail"),
    "facts_report": Text("Laporan per", "Report of"),
    "facts_not_reported": Text("belum dilaporkan", "not reported"),
    "facts_report_of": Text("laporan per {date}", "report of {date}"),
    "facts_structure": Text(
        "{region} memiliki {tps} TPS ({khusus} di antaranya TPS khusus) di {kecamatan} kecamatan "
        "dan {villages} desa/kelurahan",
        "{region} has {tps} polling stations (TPS; {khusus} of them special TPS) in {kecamatan} "
        "districts (kecamatan) and {villages} villages",
    ),
    "facts_voters_clause": Text(
        "dengan {voters} pemilih terdaftar (DPT)",
        "with {voters} registered voters (DPT)",
    ),
    "facts_voters_missing": Text(
        "DPT belum dilaporkan", "the voter register (DPT) is not reported"
    ),
    "facts_logistics": Text(
        "logistik sudah sampai di PPK di {done} dari {total} kecamatan",
        "logistics have reached the PPK in {done} of {total} districts",
    ),
    "facts_logistics_none": Text(
        "logistik per kecamatan belum dilaporkan",
        "logistics by district are not reported",
    ),
    "facts_no_arrival_report": Text(
        "belum ada laporan kedatangan logistik di PPK",
        "no arrival of logistics at the PPK reported yet",
    ),
    "facts_last_report": Text(
        "menurut laporan terakhir ({date})", "according to the last report ({date})"
    ),
    "facts_schedule": Text("jadwal KPU→PPK {days}", "KPU→PPK schedule {days}"),
    "facts_waiting": Text("masih ditunggu: {names}", "still waiting: {names}"),
    "facts_unreported": Text("belum melapor: {names}", "not reported: {names}"),
    "facts_and": Text("dan", "and"),
    "facts_tps": Text("TPS", "Polling stations (TPS)"),
    "facts_kecamatan": Text("Kecamatan", "Districts (kecamatan)"),
    "facts_villages": Text("Desa/kelurahan", "Villages (desa/kelurahan)"),
    "facts_khusus": Text("TPS khusus", "Special TPS"),
    "facts_khusus_detail": Text("{voters} pemilih di TPS khusus", "{voters} voters at special TPS"),
    "facts_voters": Text("Pemilih terdaftar (DPT)", "Registered voters (DPT)"),
    "facts_personnel": Text("Personel pengamanan", "Security personnel"),
    "facts_personnel_detail": Text(
        "yang dihitung: {agencies}; TPS yang dijaga: {covered}",
        "counted: {agencies}; TPS covered: {covered}",
    ),
    "facts_personnel_agency": Text(
        "cakupan: {scope}; TPS yang dijaga: {covered}",
        "scope: {scope}; TPS covered: {covered}",
    ),
    "facts_logistics_row": Text("Logistik sampai PPK", "Logistics at the PPK"),
    "facts_of_kecamatan": Text("{done} dari {total} kecamatan", "{done} of {total} districts"),
    "facts_neutrality": Text("Kasus netralitas", "Neutrality cases"),
    "facts_no_cases": Text("dilaporkan nihil", "reported none"),
}


_UNITS: dict[str, Text] = {
    "tps/village": Text("TPS per desa/kelurahan", "polling stations per village"),
    "voters/tps": Text("pemilih per TPS", "voters per polling station"),
    "persons/tps": Text("orang per TPS", "persons per polling station"),
    "share": Text("persentase", "percentage"),
    "cases": Text("kasus", "cases"),
    "days": Text("hari", "days"),
    "ratio": Text("rasio", "ratio"),
    "count": Text("jumlah", "count"),
    "tps": Text("TPS", "polling stations"),
    "voters": Text("pemilih", "voters"),
    "persons": Text("orang", "persons"),
    "kecamatan": Text("kecamatan", "districts"),
}

GLOSSARY: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "coverage": (("Cakupan", "Coverage"),
     ("Bagian dari data yang dibutuhkan sebuah indikator yang benar-benar dilaporkan "
      "(mis. 9 dari 10 kecamatan = 90 %).",
      "The share of the data an indicator needs that was actually reported (e.g. 9 of 10 "
      "districts = 90%).")),
    "weight": (("Data tersedia (bobot)", "Data available (weight)"),
     ("Bagian dari bobot status gabungan yang indikatornya punya nilai. Di bawah batas dalam "
      "pengaturan perbandingan (bawaan 70 %) kabupaten/kota tidak diberi status gabungan dan "
      "tidak diperingkat.",
      "The share of the overall status's weights whose indicators have a value. Below the "
      "minimum in the comparison settings (70% by default) a regency gets no overall status "
      "and is not ranked.")),
    "unrated": (("Tidak dinilai", "Not rated"),
     ("Nilainya ada, tetapi tidak ada norma untuk menilainya baik atau buruk.",
      "There is a value, but no norm to judge it good or bad.")),
    "missing": (("Tidak dilaporkan", "Not reported"),
     ("Data tidak dikirim. Ditandai – dan tidak pernah dihitung sebagai nol.",
      "The data was not sent. Shown as – and never counted as zero.")),
    "insufficient": (("Tidak diperingkat", "Not ranked"),
     ("Data yang tersedia belum cukup (di bawah batas dalam pengaturan perbandingan, bawaan "
      "70 %), jadi tidak diberi status gabungan maupun peringkat.",
      "Too little data is available (below the minimum in the comparison settings, 70% by "
      "default), so there is no overall status and no rank.")),
    "norm": (("Norma", "Norm"),
     ("Patokan yang ditetapkan aturan atau praktik (mis. paling banyak 600 pemilih per TPS), "
      "dengan dasar hukumnya.",
      "A benchmark set by regulation or practice (e.g. at most 600 voters per polling "
      "station), with its legal basis.")),
    "rank": (("Peringkat tetap / Rentang peringkat", "Keeps rank / Rank range"),
     ("Seberapa sering peringkat tidak berubah, dan peringkat terendah dan tertinggi, bila "
      "bobot indikator diubah sedikit secara acak.",
      "How often the rank stays the same, and the lowest and highest rank, when the "
      "indicator weights are changed slightly at random.")),
    "findings": (("Kesalahan / Peringatan", "Errors / Warnings"),
     ("Temuan pemeriksaan data: kesalahan membuat baris tidak dipakai; peringatan perlu "
      "diperiksa tetapi barisnya tetap dipakai.",
      "Findings of the data checks: an error keeps a row out; a warning needs checking but "
      "the row is still used.")),
    "fingerprint": (("Sidik berkas (SHA-256)", "File fingerprint (SHA-256)"),
     ("Kode yang berubah bila isi berkas berubah sedikit pun; untuk memastikan angka berasal "
      "dari berkas yang sama.",
      "A code that changes when a file's content changes at all; it shows that figures come "
      "from the same file.")),
    "h_minus": (("H-n", "D-n"),
     ("n hari sebelum hari pemungutan suara (H-1 = sehari sebelumnya).",
      "n days before voting day (D-1 = the day before).")),
}  # fmt: skip
"""Terms a reader may not know, with a plain explanation: key → ((term id, en), (text id, en))."""


def unit_label(unit: str | None, lang: Language = "id") -> str:
    """The unit of an indicator in words of ``lang`` (unknown units are shown as they are).

    >>> unit_label("tps/village"), unit_label("voters/tps", "en")
    ('TPS per desa/kelurahan', 'voters per polling station')
    """
    words = _UNITS.get((unit or "").strip().lower())
    if words is None:
        return unit or ""
    return words.get(lang)


def text(key: str, lang: Language = "id") -> str:
    """A fixed phrase, or a sentence template of :mod:`readiness.present._sentences`, in
    ``lang``.

    >>> text("logistics"), text("logistics", "en")
    ('Logistik', 'Logistics')
    >>> text("left_out_more", "en").format(count=2)
    '… 2 more'
    """
    if key in SENTENCES:
        return SENTENCES[key].get(lang)
    try:
        phrase = _TEXT[key]
    except KeyError:
        known = ", ".join(sorted({*_TEXT, *SENTENCES}))
        raise KeyError(f"no text {key!r}; known: {known}") from None
    return phrase.get(lang)


def status_label(status: str | None, lang: Language = "id") -> str:
    """The label of a status key (``None`` reads as not reported).

    >>> status_label("attention"), status_label(None, "en")
    ('Perlu perhatian', 'Not reported')
    """
    key = status if status in SHOWN_STATUSES.keys else "missing"
    return SHOWN_STATUSES.label(key, lang).capitalize()


def short(name: str) -> str:
    """A regency's name without "Kabupaten"/"Kota", as tables show it.

    >>> short("Kabupaten Berau"), short("Kota Bontang"), short("Kalimantan Timur")
    ('Berau', 'Bontang', 'Kalimantan Timur')
    """
    for prefix in ("Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


def closed_label(closed: ClosedSet, key: object, lang: Language = "id") -> str:
    """The label of a key of a closed set; a key outside it is shown as it came, a missing
    one as ``–``.

    >>> from readiness.contract import CASE_STATUSES
    >>> closed_label(CASE_STATUSES, "decided"), closed_label(CASE_STATUSES, None)
    ('Diputuskan, menunggu pejabat pembina kepegawaian', '–')
    """
    if key is None:
        return MISSING
    try:
        return closed.label(str(key), lang)
    except ValueError:
        return str(key)


def lower_first(label: str) -> str:
    """A label inside a sentence: its first letter small, acronyms kept.

    >>> lower_first("Diperiksa Bawaslu")
    'diperiksa Bawaslu'
    """
    return label[:1].lower() + label[1:]
