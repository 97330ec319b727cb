"""Sentences of the briefing documents, in Indonesian and English, one entry per sentence.

Short words and column names live in :mod:`readiness.present._labels`; the sentences here are
templates whose ``{fields}`` the sections fill. :func:`readiness.present.text` finds both.

>>> SENTENCES["left_out_more"].format(count=3).get("en")
'… 3 more'
"""

from __future__ import annotations

from readiness.contract import Text

__all__ = ["SENTENCES"]

SENTENCES: dict[str, Text] = {
    # ---- shared marks ------------------------------------------------------------------
    "stale": Text("usang", "stale"),
    "stale_on": Text("usang {date}", "stale {date}"),
    "plan": Text("rencana", "plan"),
    "plan_only": Text("rencana", "plan only"),
    "dated_as_of": Text("per {date}", "as of {date}"),
    "report_dates_province": Text(
        "angka dari laporan kabupaten/kota bertanggal {dates}",
        "figures from regency reports dated {dates}",
    ),
    "report_dates_regency": Text(
        "angka dari laporan {name} bertanggal {dates}", "figures from the reports of {name} dated {dates}"
    ),
    # ---- sources ----------------------------------------------------------------------
    "source_line": Text("Sumber: {parts}.", "Source: {parts}."),
    "source_regencies": Text(
        "laporan {count} kabupaten/kota ({sheets}), {dates}",
        "reports of {count} regencies ({sheets}), {dates}",
    ),
    "source_regency": Text(
        "laporan {name} ({sheets}{origins}), {dates}", "report of {name} ({sheets}{origins}), {dates}"
    ),
    "source_published": Text("angka terbit: {origins}", "published figures: {origins}"),
    "published_figures": Text("Angka terbit", "Published figures"),
    "source_unstated": Text("sumber tidak disebutkan di berkas", "no source stated in the file"),
    "source_files": Text("Sumber: berkas dataset {name}.", "Source: the files of dataset {name}."),
    "source_nothing": Text("tidak ada data yang dilaporkan", "no data reported"),
    "source_indicators": Text(
        "indikator readiness dari laporan kabupaten/kota", "readiness indicators from the regency reports"
    ),
    "source_compared": Text(
        "kolom Provinsi dan Peringkat: {source}", "Province and Rank columns: {source}"
    ),
    "dated_legend": Text(
        "(dd/mm): tanggal laporan, bila lebih tua dari tanggal laporan ini. ",
        "(dd/mm): the date of the report, when older than this briefing's date. ",
    ),
    "province_of_some": Text("{value} ({count} dari {total})", "{value} ({count} of {total})"),
    "province_not_added": Text(
        "{indicator}, Provinsi –: instansi yang dihitung berbeda antardaerah ({groups}), jadi "
        "angkanya tidak dijumlahkan. ",
        "{indicator}, Province –: the agencies counted differ between regencies ({groups}), so "
        "the figures are not added. ",
    ),
    "rank_legend": Text(
        "Peringkat hanya bila sedikitnya {needed} dari {total} kabupaten/kota melaporkan "
        "indikatornya dan indikator itu dinilai; (n dari {total}): Provinsi dihitung dari n "
        "kabupaten/kota. ",
        "Ranked only when at least {needed} of {total} regencies report the indicator and it "
        "is rated; (n of {total}): Province computed from n regencies. ",
    ),
    # ---- summary -----------------------------------------------------------------------
    "left_out_row": Text("{where} baris {row}", "{where} row {row}"),
    "left_out_more": Text("… {count} lainnya", "… {count} more"),
    "left_out": Text(
        "{count} baris ditolak validasi dan tidak dipakai dalam angka mana pun: {places}. "
        "Lihat bagian Temuan.",
        "{count} row(s) rejected by validation are left out of every figure: {places}. "
        "See the Findings section.",
    ),
    "regencies_reported": Text(
        "- **{reported}** / {total} kabupaten/kota mengirim ringkasan; laporan logistik "
        "(kedatangan atau jadwal) dari **{logistics}** / {total}.",
        "- **{reported}** / {total} regencies sent a summary; a logistics report (arrivals or "
        "schedule) came from **{logistics}** / {total}.",
    ),
    "key_tps": Text("TPS", "polling stations (TPS)"),
    "key_voters": Text("pemilih terdaftar (DPT)", "registered voters (DPT)"),
    "key_total": Text(
        "- **{sum}** {label} ({count} dari {total} melapor)",
        "- **{sum}** {label} ({count} of {total} reporting)",
    ),
    "key_not_reported": Text("- {label}: {missing}", "- {label}: {missing}"),
    "personnel_label": Text("Personel pengamanan", "Security personnel"),
    "personnel_for_tps": Text(" untuk {count} TPS", " for {count} TPS"),
    "personnel_by_scope": Text(
        "- Personel pengamanan, tidak dijumlahkan karena yang dihitung berbeda — {groups}.",
        "- Security personnel, not added up because what is counted differs — {groups}.",
    ),
    "status_note": Text(
        "▼ kritis, ▽ perlu perhatian; usang: laporan terakhir lebih tua dari batas kesegaran "
        "(tanggalnya ditulis), rencana: hanya jadwal, belum ada realisasi; (dd/mm): tanggal "
        "laporan, bila lebih tua dari tanggal laporan ini. ",
        "▼ critical, ▽ attention; stale: the last report is older than the freshness "
        "limit (its date shown), plan: a schedule only, nothing actual yet; (dd/mm): the date "
        "of the report, when older than this briefing's date. ",
    ),
    "not_ranked_why": Text(
        "data tersedia kurang dari {minimum} dari bobot",
        "data available for less than {minimum} of the weight",
    ),
    "composite_columns": Text(
        "Kabupaten/kota|Status gabungan|Skor (0–1)|Data tersedia (bobot)|Peringkat|"
        "Rentang peringkat|Peringkat tetap|Di kelompok bawah",
        "Regency/city|Overall status|Score (0–1)|Data available (weight)|Rank|Rank range|"
        "Keeps rank|In bottom group",
    ),
    "composite_note": Text(
        "Diurutkan menurut peringkat. Peringkat dan status gabungan hanya bila data "
        "tersedia ≥ {minimum} dari bobot.{unranked} Rentang dan persentase "
        "dihitung dengan mengubah bobot indikator sedikit secara acak.",
        "Sorted by rank. A rank and an overall status only with data available for "
        "≥ {minimum} of the weight.{unranked} Range and shares come from "
        "changing the indicator weights slightly at random.",
    ),
    # ---- act now -----------------------------------------------------------------------
    "act_rejected": Text(" — {count} baris ditolak validasi", " — {count} row(s) rejected by validation"),
    "act_more": Text("- … {count} lainnya (lihat tabel status)", "- … {count} more (see the status table)"),
    # ---- sections ----------------------------------------------------------------------
    "logistics_stage_caption": Text(
        "Posisi logistik per tahap menurut laporan realisasi terakhir (tanggalnya di "
        "samping nama; rencana tidak dihitung)",
        "Where logistics stand, by stage, from the latest actual report (its date "
        "beside the name; plans are not counted)",
    ),
    "reconciled": Text(
        "Angka terbit dan laporan daerah cocok.",
        "Published figures and the regencies' reports agree.",
    ),
    "not_broken_down": Text("Tidak dirinci", "Not broken down"),
    "role": Text("Peran", "Role"),
    "neutrality_caption": Text(
        "Kasus netralitas menurut tahap penanganan dan subjek",
        "Neutrality cases by handling stage and subject",
    ),
    "without_value": Text("Indikator tanpa nilai", "Indicators without value"),
    "empty_sheets": Text("Lembar kosong", "Empty sheets"),
    "overview_caption": Text(
        "Status per indikator dan kabupaten/kota (abu-abu: tidak dilaporkan)",
        "Status per indicator and regency (grey: not reported)",
    ),
    "hint": Text("Saran", "Hint"),
    # ---- regency profile ---------------------------------------------------------------
    "profile_unrated": Text("{count} tidak dinilai (tanpa ambang), ", "{count} are not rated (no thresholds), "),
    "profile_stale": Text(
        "{count} usang (laporannya melewati batas kesegaran), ",
        "{count} are stale (their report is past the freshness limit), ",
    ),
    "profile_plan": Text("{count} baru berupa rencana, ", "{count} are a plan only, "),
    "profile_summary": Text(
        "Status gabungan: **{status}**{why}. Dari {total} indikator, {critical} kritis, "
        "{attention} perlu perhatian, {ready} siap, {extra}dan {missing} tidak dapat dihitung "
        "karena datanya belum dilaporkan atau ditolak validasi.",
        "Overall status: **{status}**{why}. Of {total} indicators, {critical} are critical, "
        "{attention} need attention, {ready} are ready, {extra}and {missing} cannot be "
        "computed because their data were not reported or were rejected by validation.",
    ),
}  # fmt: skip
"""Sentence templates by key (see :class:`readiness.contract.Text`)."""
