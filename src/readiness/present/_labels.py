"""Words the documents and charts show, in Indonesian and English."""

from __future__ import annotations

from readiness.contract import Language

__all__ = ["STATUS_COLORS", "STATUS_KEYS", "status_label", "text"]

STATUS_KEYS: tuple[str, ...] = ("ready", "attention", "critical")
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
_STATUS = {
    "ready": ("Siap", "Ready"),
    "attention": ("Perlu perhatian", "Needs attention"),
    "critical": ("Kritis", "Critical"),
    "missing": ("Tidak dilaporkan", "Not reported"),
    "insufficient": ("Data belum cukup", "Insufficient data"),
    "unrated": ("Tanpa ambang", "No threshold"),
    "stale": ("Usang", "Stale"),
    "plan_only": ("Baru rencana", "Plan only"),
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
    "sources": ("Sumber dan manifes masukan", "Sources and input manifest"),
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
    "sha256": ("SHA-256 (awal)", "SHA-256 (prefix)"),
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
    "errors": ("Galat", "Errors"),
    "warnings": ("Peringatan", "Warnings"),
    "missing_legend": (
        "Tanda – berarti tidak dilaporkan (bukan nol).",
        "A dash – means not reported (not zero).",
    ),
    "higher": ("lebih tinggi lebih baik", "higher is better"),
    "lower": ("lebih rendah lebih baik", "lower is better"),
    "target": ("sedekat mungkin dengan norma", "as close to the norm as possible"),
    "generated": ("Dibuat dengan readiness", "Made with readiness"),
    "tile_map": ("Peta status kabupaten/kota", "Status map of regencies"),
    "norm_line": ("garis: norma", "line: norm"),
    "reconciliation": (
        "Angka yang tidak cocok antarsumber (TPS, DPT, petugas)",
        "Figures that disagree between sources (TPS, voters, officers)",
    ),
}


def text(key: str, lang: Language = "id") -> str:
    """A fixed phrase in ``lang``.

    >>> text("logistics"), text("logistics", "en")
    ('Logistik', 'Logistics')
    """
    try:
        pair = _TEXT[key]
    except KeyError:
        raise KeyError(f"no text {key!r}; known: {', '.join(sorted(_TEXT))}") from None
    return pair[0] if lang == "id" else pair[1]


def status_label(status: str | None, lang: Language = "id") -> str:
    """The label of a status key (``None`` reads as not reported).

    >>> status_label("attention"), status_label(None, "en")
    ('Perlu perhatian', 'Not reported')
    """
    pair = _STATUS.get(status or "missing", _STATUS["missing"])
    return pair[0] if lang == "id" else pair[1]
