"""Words the documents and charts show, in Indonesian and English."""

from __future__ import annotations

from readiness.contract import JUDGED_STATUSES, MISSING, SHOWN_STATUSES, ClosedSet, Language
from readiness.present._sentences import SENTENCES

__all__ = [
    "GLOSSARY",
    "STATUS_COLORS",
    "STATUS_KEYS",
    "closed_label",
    "lower_first",
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

_TEXT: dict[str, tuple[str, str]] = {
    "title_province": ("Laporan Kesiapan Pilkada", "Election Readiness Briefing"),
    "title_regency": ("Profil Kesiapan Pilkada", "Election Readiness Profile"),
    "as_of": ("Keadaan per", "As of"),
    "exec_summary": ("Ringkasan eksekutif", "Executive summary"),
    "act_now": ("Perlu tindakan sekarang", "Needs action now"),
    "nothing_to_act": (
        "Tidak ada indikator berstatus kritis.",
        "No indicator is in critical status.",
    ),
    "logistics": ("Logistik", "Logistics"),
    "tps_voters": ("TPS dan pemilih", "Polling stations and voters"),
    "security": ("Keamanan", "Security"),
    "neutrality": ("Netralitas ASN dan aparat desa", "Neutrality of officials"),
    "vulnerability": ("Kerawanan dan mitigasi", "Vulnerabilities and mitigation"),
    "data_quality": ("Kualitas dan cakupan data", "Data quality and coverage"),
    "definitions": ("Definisi indikator", "Indicator definitions"),
    "sources": ("Sumber dan daftar berkas masukan", "Sources and list of input files"),
    "glossary": ("Daftar istilah", "Glossary"),
    "indicators": ("Indikator", "Indicators"),
    "kecamatan_detail": ("Rincian per kecamatan", "Detail by district"),
    "findings": ("Temuan validasi", "Validation findings"),
    "no_findings": ("Tidak ada temuan validasi.", "No validation findings."),
    "not_reported_here": ("Tidak dilaporkan.", "Not reported."),
    "region": ("Wilayah", "Region"),
    "regency": ("Kabupaten/kota", "Regency/city"),
    "kecamatan": ("Kecamatan", "District"),
    "indicator": ("Indikator", "Indicator"),
    "value": ("Nilai", "Value"),
    "norm": ("Norma", "Norm"),
    "status": ("Status", "Status"),
    "province": ("Provinsi", "Province"),
    "rank": ("Peringkat", "Rank"),
    "coverage": ("Cakupan", "Coverage"),
    "composite": ("Status gabungan", "Overall status"),
    "missing_items": ("Belum dilaporkan", "Not reported"),
    "unit": ("Satuan", "Unit"),
    "direction": ("Arah", "Direction"),
    "formula": ("Rumus", "Formula"),
    "basis": ("Dasar", "Basis"),
    "file": ("Berkas", "File"),
    "kind": ("Jenis", "Kind"),
    "size": ("Ukuran (bita)", "Size (bytes)"),
    "sha256": ("Sidik berkas (SHA-256, awal)", "File fingerprint (SHA-256, start)"),
    "rows": ("Baris", "Rows"),
    "source": ("Sumber", "Source"),
    "note": ("Catatan", "Note"),
    "stage": ("Tahap", "Stage"),
    "item": ("Jenis logistik", "Item"),
    "scheduled": ("Jadwal", "Scheduled"),
    "count": ("Jumlah", "Count"),
    "cases": ("Kasus", "Cases"),
    "subject": ("Subjek", "Subject"),
    "instrument": ("Instrumen", "Instrument"),
    "category": ("Kategori", "Category"),
    "mitigation": ("Mitigasi", "Mitigation"),
    "owner": ("Penanggung jawab", "Owner"),
    "severity": ("Tingkat", "Severity"),
    "rule": ("Aturan", "Rule"),
    "message": ("Pesan", "Message"),
    "location": ("Lokasi", "Location"),
    "scope": ("Cakupan personel", "Personnel scope"),
    "personnel": ("Personel", "Personnel"),
    "agency": ("Instansi", "Agency"),
    "errors": ("Kesalahan", "Errors"),
    "warnings": ("Peringatan", "Warnings"),
    "missing_legend": (
        "Tanda – berarti tidak dilaporkan (bukan nol).",
        "A dash – means not reported (not zero).",
    ),
    "higher": ("lebih tinggi lebih baik", "higher is better"),
    "lower": ("lebih rendah lebih baik", "lower is better"),
    "target": ("sedekat mungkin dengan norma", "as close to the norm as possible"),
    "none": ("deskriptif, tidak dinilai atau diperingkat", "descriptive, never scored or ranked"),
    "generated": ("Dibuat dengan readiness", "Made with readiness"),
    "regency_map": ("Peta status kabupaten/kota", "Status map of regencies"),
    "norm_line": ("garis: norma", "line: norm"),
    "reconciliation": (
        "Angka yang tidak cocok antarsumber (TPS, DPT, petugas)",
        "Figures that disagree between sources (TPS, voters, officers)",
    ),
    "facts": ("Data pokok", "Key facts"),
    "facts_figure": ("Data", "Figure"),
    "facts_detail": ("Keterangan", "Detail"),
    "facts_report": ("Laporan per", "Report of"),
    "facts_not_reported": ("belum dilaporkan", "not reported"),
    "facts_report_of": ("laporan per {date}", "report of {date}"),
    "facts_structure": (
        "{region} memiliki {tps} TPS ({khusus} di antaranya TPS khusus) di {kecamatan} kecamatan "
        "dan {villages} desa/kelurahan",
        "{region} has {tps} polling stations (TPS; {khusus} of them special TPS) in {kecamatan} "
        "districts (kecamatan) and {villages} villages",
    ),
    "facts_voters_clause": (
        "dengan {voters} pemilih terdaftar (DPT)",
        "with {voters} registered voters (DPT)",
    ),
    "facts_voters_missing": ("DPT belum dilaporkan", "the voter register (DPT) is not reported"),
    "facts_logistics": (
        "logistik sudah sampai di PPK di {done} dari {total} kecamatan",
        "logistics have reached the PPK in {done} of {total} districts",
    ),
    "facts_logistics_none": (
        "logistik per kecamatan belum dilaporkan",
        "logistics by district are not reported",
    ),
    "facts_waiting": ("masih ditunggu: {names}", "still waiting: {names}"),
    "facts_unreported": ("belum melapor: {names}", "not reported: {names}"),
    "facts_and": ("dan", "and"),
    "facts_tps": ("TPS", "Polling stations (TPS)"),
    "facts_kecamatan": ("Kecamatan", "Districts (kecamatan)"),
    "facts_villages": ("Desa/kelurahan", "Villages (desa/kelurahan)"),
    "facts_khusus": ("TPS khusus", "Special TPS"),
    "facts_khusus_detail": ("{voters} pemilih di TPS khusus", "{voters} voters at special TPS"),
    "facts_voters": ("Pemilih terdaftar (DPT)", "Registered voters (DPT)"),
    "facts_personnel": ("Personel pengamanan", "Security personnel"),
    "facts_personnel_detail": (
        "yang dihitung: {agencies}; TPS yang dijaga: {covered}",
        "counted: {agencies}; TPS covered: {covered}",
    ),
    "facts_personnel_agency": (
        "cakupan: {scope}; TPS yang dijaga: {covered}",
        "scope: {scope}; TPS covered: {covered}",
    ),
    "facts_logistics_row": ("Logistik sampai PPK", "Logistics at the PPK"),
    "facts_of_kecamatan": ("{done} dari {total} kecamatan", "{done} of {total} districts"),
    "facts_neutrality": ("Kasus netralitas", "Neutrality cases"),
    "facts_no_cases": ("dilaporkan nihil", "reported none"),
}


_UNITS: dict[str, tuple[str, str]] = {
    "tps/village": ("TPS per desa/kelurahan", "polling stations per village"),
    "voters/tps": ("pemilih per TPS", "voters per polling station"),
    "persons/tps": ("orang per TPS", "persons per polling station"),
    "share": ("persentase", "percentage"),
    "cases": ("kasus", "cases"),
    "days": ("hari", "days"),
    "ratio": ("rasio", "ratio"),
    "count": ("jumlah", "count"),
    "tps": ("TPS", "polling stations"),
    "voters": ("pemilih", "voters"),
    "persons": ("orang", "persons"),
    "kecamatan": ("kecamatan", "districts"),
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
    pair = _UNITS.get((unit or "").strip().lower())
    if pair is None:
        return unit or ""
    return pair[0] if lang == "id" else pair[1]


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
        pair = _TEXT[key]
    except KeyError:
        known = ", ".join(sorted({*_TEXT, *SENTENCES}))
        raise KeyError(f"no text {key!r}; known: {known}") from None
    return pair[0] if lang == "id" else pair[1]


def status_label(status: str | None, lang: Language = "id") -> str:
    """The label of a status key (``None`` reads as not reported).

    >>> status_label("attention"), status_label(None, "en")
    ('Perlu perhatian', 'Not reported')
    """
    key = status if status in SHOWN_STATUSES.keys else "missing"
    return SHOWN_STATUSES.label(key, lang).capitalize()


def closed_label(closed: ClosedSet, key: object, lang: Language = "id") -> str:
    """The label of a key of a closed set; a key outside it is shown as it came, a missing
    one as ``–``.

    >>> from readiness.contract import CASE_STATUSES
    >>> closed_label(CASE_STATUSES, "decided"), closed_label(CASE_STATUSES, None)
    ('Diputuskan, menunggu PPK', '–')
    """
    if key is None:
        return MISSING
    try:
        return closed.label(str(key), lang)
    except ValueError:
        return str(key)


def lower_first(label: str) -> str:
    """A label inside a sentence: its first letter small, acronyms kept.

    >>> lower_first("Diputuskan, menunggu PPK")
    'diputuskan, menunggu PPK'
    """
    return label[:1].lower() + label[1:]
