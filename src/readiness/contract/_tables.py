"""The tables of the data contract: columns, types, labels in both languages, keys.

One description serves the pandera schemas, the Excel template's headers, the header aliases
accepted on ingest and the contract reference page (docs/contract.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from readiness.contract._enums import CLOSED_SETS, Language
from readiness.contract._text import Text

__all__ = [
    "CONTRACT_VERSION",
    "PROVENANCE_COLUMNS",
    "TABLES",
    "TABLE_NAMES",
    "ColumnKind",
    "ColumnSpec",
    "TableName",
    "TableSpec",
    "table_spec",
]

CONTRACT_VERSION = "2.0.0"
"""2.0: logistics plan or actual, personnel scope and TPS covered, neutrality stages with their
dates, stated zero counts, and the table of published figures. 1.x files still read."""

TableName = Literal[
    "summary", "polling_stations", "logistics", "personnel", "neutrality_cases",
    "vulnerabilities", "published_figures",
]  # fmt: skip
TABLE_NAMES: tuple[TableName, ...] = get_args(TableName)

ColumnKind = Literal["code", "date", "count", "number", "text", "closed"]

PROVENANCE_COLUMNS: tuple[str, ...] = ("_file", "_sheet", "_row")
"""Columns the loader adds to every record: where it came from (file, sheet, row)."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column: canonical name, kind, whether it must be filled, and how people name it."""

    name: str
    kind: ColumnKind
    label_id: str
    label_en: str
    description_id: str
    description_en: str
    required: bool = False
    closed_set: str | None = None
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in get_args(ColumnKind):
            raise ValueError(
                f"column {self.name!r}: kind must be one of {get_args(ColumnKind)}, "
                f"got {self.kind!r}"
            )
        if (self.kind == "closed") != (self.closed_set is not None):
            raise ValueError(f"column {self.name!r}: a 'closed' column needs a closed_set")
        if self.closed_set is not None and self.closed_set not in CLOSED_SETS:
            raise ValueError(
                f"column {self.name!r}: unknown closed set {self.closed_set!r}; "
                f"known: {', '.join(CLOSED_SETS)}"
            )

    def label(self, lang: Language = "id") -> str:
        """The header people read."""
        return Text(self.label_id, self.label_en).get(lang)

    def description(self, lang: Language = "id") -> str:
        """What the column holds."""
        return Text(self.description_id, self.description_en).get(lang)


@dataclass(frozen=True)
class TableSpec:
    """One table: its columns, the sheet it lives on, and the columns that identify a row."""

    name: TableName
    sheet_id: str
    sheet_en: str
    description_id: str
    description_en: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        missing = [k for k in self.key if k not in names]
        if missing:
            raise ValueError(f"table {self.name!r}: key columns {missing} are not columns")
        if len(set(names)) != len(names):
            raise ValueError(f"table {self.name!r}: duplicate column names")

    @property
    def column_names(self) -> tuple[str, ...]:
        """Canonical column names in order."""
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> ColumnSpec:
        """The spec of one column."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    def sheet(self, lang: Language = "id") -> str:
        """The sheet name in the template."""
        return Text(self.sheet_id, self.sheet_en).get(lang)

    def description(self, lang: Language = "id") -> str:
        """What the table holds."""
        return Text(self.description_id, self.description_en).get(lang)


def _region(level_id: str, level_en: str, example: str) -> ColumnSpec:
    return ColumnSpec(
        "region_code", "code", "Kode wilayah", "Region code",
        f"Kode Kemendagri {level_id}, mis. {example}", f"Kemendagri code of the {level_en}, "
        f"e.g. {example}", required=True,
        aliases=("kode", "kode kemendagri", "kode wilayah kemendagri", "code", "region", "wilayah"),
    )  # fmt: skip


_REGION_NAME = ColumnSpec(
    "region_name", "text", "Nama wilayah", "Region name",
    "Nama wilayah (dipakai bila kode kosong)", "Region name (used when the code is blank)",
    aliases=("nama", "name", "kabupaten/kota", "kecamatan", "desa/kelurahan"),
)  # fmt: skip
_AS_OF = ColumnSpec(
    "as_of", "date", "Per tanggal", "As of",
    "Tanggal keadaan data (dd/mm/yyyy)", "Date the figures refer to (dd/mm/yyyy)",
    required=True, aliases=("tanggal", "tanggal data", "date", "as of date", "tanggal laporan"),
)  # fmt: skip
_SOURCE = ColumnSpec(
    "source", "text", "Sumber", "Source",
    "Sumber data: instansi, dokumen atau tautan", "Where the figure comes from",
    aliases=("sumber data", "reference source"),
)  # fmt: skip
_NOTE = ColumnSpec(
    "note", "text", "Catatan", "Note", "Keterangan bebas", "Free-text remarks",
    aliases=("keterangan", "notes", "remarks"),
)  # fmt: skip
_TPS_NUMBER = ColumnSpec(
    "tps_number", "count", "Nomor TPS", "TPS number",
    "Nomor TPS di desa/kelurahan; kosong bila baris merangkum wilayah",
    "Polling station number within the village; blank when the row sums up a region",
    aliases=("no tps", "tps no", "polling station number"),
)  # fmt: skip


def _count(name: str, label_id: str, label_en: str, desc_id: str, desc_en: str,
           *aliases: str, required: bool = False) -> ColumnSpec:  # fmt: skip
    return ColumnSpec(name, "count", label_id, label_en, desc_id, desc_en, required, None, aliases)


def _closed(name: str, closed_set: str, label_id: str, label_en: str, desc_id: str,
            desc_en: str, *aliases: str, required: bool = False) -> ColumnSpec:  # fmt: skip
    return ColumnSpec(
        name, "closed", label_id, label_en, desc_id, desc_en, required, closed_set, aliases
    )


def _text(name: str, label_id: str, label_en: str, desc_id: str, desc_en: str,
          *aliases: str) -> ColumnSpec:  # fmt: skip
    return ColumnSpec(name, "text", label_id, label_en, desc_id, desc_en, False, None, aliases)


SUMMARY = TableSpec(
    "summary", "Ringkasan", "Summary",
    "Angka yang disampaikan kabupaten/kota dalam rapat kesiapan: satu baris per tanggal.",
    "What a regency states in a readiness meeting: one row per as-of date.",
    (
        _region("kabupaten/kota", "regency or city", "64.03"), _REGION_NAME, _AS_OF,
        _count("kecamatan_count", "Jumlah kecamatan", "Kecamatan", "Jumlah kecamatan",
               "Number of districts", "kecamatan", "jumlah kecamatan"),
        _count("village_count", "Jumlah desa/kelurahan", "Villages",
               "Jumlah desa/kampung dan kelurahan", "Number of villages (desa and kelurahan)",
               "desa/kelurahan", "jumlah desa", "villages"),
        _count("tps", "Jumlah TPS", "TPS", "Jumlah TPS termasuk lokasi khusus",
               "Polling stations, lokasi khusus included", "tps", "polling stations"),
        _count("tps_khusus", "TPS lokasi khusus", "TPS lokasi khusus",
               "TPS di lokasi khusus (lapas/rutan, perusahaan, kampus, ...)",
               "Polling stations at special locations", "tps khusus", "special tps"),
        _count("tps_khusus_voters", "Pemilih TPS khusus", "TPS khusus voters",
               "Pemilih terdaftar di TPS lokasi khusus", "Registered voters at TPS khusus",
               "dpt tps khusus"),
        _count("voters", "DPT", "Registered voters", "Daftar pemilih tetap",
               "Final voter list (DPT)", "jumlah dpt", "pemilih", "dpt total"),
        _count("voters_male", "DPT laki-laki", "Voters (male)", "DPT laki-laki",
               "Registered voters, male", "dpt l", "laki-laki"),
        _count("voters_female", "DPT perempuan", "Voters (female)", "DPT perempuan",
               "Registered voters, female", "dpt p", "perempuan"),
        _count("security_personnel", "Personel pengamanan", "Security personnel",
               "Jumlah personel pengamanan yang disampaikan",
               "Security personnel as stated", "personel", "jumlah personel", "personnel"),
        _text("security_scope", "Cakupan personel", "Personnel scope",
              "Siapa yang dihitung (Polri saja, dengan BKO, dengan Linmas, ...)",
              "Who is counted (police only, with reinforcements, with Linmas, ...)",
              "cakupan", "scope"),
        _closed("security_agencies", "agency_mix", "Instansi yang dihitung",
                "Agencies counted", "Instansi dalam angka personel: Polri saja, Polri + Linmas, "
                "..., atau tidak dirinci", "Agencies in the personnel figure: police only, "
                "police + Linmas, ..., or not broken down", "instansi dihitung"),
        _count("security_tps_covered", "TPS yang diamankan", "TPS covered",
               "Jumlah TPS yang diamankan personel itu (bisa berbeda dari TPS daerah)",
               "Polling stations those personnel cover (may differ from the regency's TPS)",
               "tps diamankan", "tps covered"),
        _count("cases_stated", "Kasus netralitas (jumlah)", "Neutrality cases (stated)",
               "Jumlah kasus netralitas yang dinyatakan per tanggal; 0 berarti tidak ada kasus",
               "Neutrality cases stated as of the date; 0 means none", "jumlah kasus"),
        _count("tps_rawan_stated", "TPS rawan (jumlah)", "Vulnerable TPS (stated)",
               "Jumlah TPS rawan yang dinyatakan per tanggal; 0 berarti tidak ada",
               "Vulnerable polling stations stated as of the date; 0 means none",
               "jumlah tps rawan"),
        _SOURCE, _NOTE,
    ),
    ("region_code", "as_of"),
)  # fmt: skip

POLLING_STATIONS = TableSpec(
    "polling_stations", "TPS", "Polling stations",
    "TPS per desa/kelurahan (atau per kecamatan), atau satu baris per TPS.",
    "Polling stations per village (or district), or one row per polling station.",
    (
        _region("kecamatan atau desa/kelurahan", "district or village", "64.03.01.2001"), _REGION_NAME,
        _TPS_NUMBER,
        _count("tps", "Jumlah TPS", "TPS", "Jumlah TPS di wilayah (1 untuk baris per TPS)",
               "Polling stations in the region (1 for a per-TPS row)", "tps",
               "polling stations"),
        _count("tps_khusus", "TPS lokasi khusus", "TPS lokasi khusus",
               "Berapa dari TPS itu di lokasi khusus", "How many of them are at special "
               "locations", "tps khusus"),
        _closed("khusus_type", "khusus_type", "Jenis lokasi khusus", "Special location type",
                "Jenis lokasi TPS khusus", "Kind of special location", "jenis tps khusus"),
        _count("voters", "DPT", "Registered voters", "Pemilih terdaftar (DPT)",
               "Registered voters (DPT)", "jumlah dpt", "pemilih"),
        _AS_OF, _SOURCE, _NOTE,
    ),
    ("region_code", "tps_number", "as_of"),
)  # fmt: skip

LOGISTICS = TableSpec(
    "logistics", "Logistik", "Logistics",
    "Posisi logistik per kecamatan, desa atau TPS dan jenis barang pada suatu tanggal.",
    "Where logistics stand per district, village or polling station and item, on a date.",
    (
        _region("kecamatan, desa/kelurahan", "district or village", "64.03.01"), _REGION_NAME, _TPS_NUMBER,
        _closed("item", "item", "Jenis logistik", "Item", "Barang yang didistribusikan",
                "Item distributed", "barang", "logistik", required=True),
        _closed("stage", "stage", "Tahap tercapai", "Stage reached",
                "Sampai mana logistik sudah tiba (atau, untuk rencana, akan tiba): Gudang KPU → "
                "PPK → PPS → KPPS", "How far it has got (or, for a plan, will get): KPU "
                "warehouse → PPK → PPS → KPPS", "tahap", "posisi", required=True),
        _closed("basis", "basis", "Realisasi/rencana", "Actual or plan",
                "Realisasi (sudah tiba) atau rencana (jadwal); kosong berarti realisasi",
                "Actual (arrived) or plan (schedule); blank means actual", "jenis data"),
        _count("quantity_required", "Kebutuhan", "Quantity required",
               "Jumlah yang dibutuhkan", "Quantity required", "jumlah kebutuhan", "required"),
        _count("quantity_delivered", "Diterima", "Quantity delivered",
               "Jumlah yang sudah tiba", "Quantity delivered", "jumlah diterima", "delivered"),
        ColumnSpec("scheduled_date", "date", "Jadwal tiba", "Scheduled arrival",
                   "Tanggal rencana tiba: di tahap berikutnya (realisasi) atau di tahap baris "
                   "ini (rencana)", "Planned arrival: at the next stage (actual rows) or at "
                   "this row's stage (plan rows)", aliases=("jadwal", "schedule")),
        _AS_OF, _SOURCE, _NOTE,
    ),
    ("region_code", "tps_number", "item", "basis", "stage", "as_of"),
)  # fmt: skip

PERSONNEL = TableSpec(
    "personnel", "Personel", "Personnel",
    "Personel per instansi dan peran.", "Personnel per agency and role.",
    (
        _region("kabupaten/kota atau kecamatan", "regency or district", "64.03"), _REGION_NAME,
        _closed("agency", "agency", "Instansi", "Agency", "Instansi asal personel",
                "Agency the personnel belong to", "satuan", required=True),
        _closed("role", "role", "Peran", "Role", "Tugas personel", "What they do", "tugas",
                required=True),
        _count("count", "Jumlah", "Count", "Jumlah orang", "Number of people", "jumlah personel",
               "jumlah orang", "number", required=True),
        _text("scope", "Cakupan", "Scope", "Catatan cakupan (mis. termasuk BKO)",
              "Scope note (e.g. includes reinforcements)", "cakupan personel"),
        _count("tps_covered", "TPS yang diamankan", "TPS covered",
               "Jumlah TPS yang dicakup personel ini; kosong berarti semua TPS wilayah",
               "Polling stations these personnel cover; blank means all of the region's",
               "tps diamankan", "tps covered"),
        _AS_OF, _SOURCE, _NOTE,
    ),
    ("region_code", "agency", "role", "as_of"),
)  # fmt: skip

NEUTRALITY_CASES = TableSpec(
    "neutrality_cases", "Netralitas", "Neutrality cases",
    "Satu baris per dugaan pelanggaran netralitas, dengan posisinya dalam alur penanganan.",
    "One row per neutrality case, with how far it has got along the handling flow.",
    (
        _text("case_id", "Nomor kasus", "Case id", "Nomor register atau kode kasus",
              "Register number or case code", "no kasus", "nomor register"),
        _region("kabupaten/kota, kecamatan atau desa", "regency, district or village", "64.03"),
        _REGION_NAME,
        _closed("subject", "subject", "Subjek", "Subject", "Siapa yang diduga melanggar",
                "Who is alleged to have breached neutrality", "terlapor", required=True),
        _closed("status", "status", "Status", "Status",
                "Tahap sekarang: laporan → pemeriksaan Bawaslu → rekomendasi dikirim → "
                "keputusan → sanksi pejabat pembina kepegawaian / selesai / dihentikan",
                "Current stage: reported → examined → recommendation sent → decision → "
                "sanctioned by the appointing officer / closed / dismissed", "tahap penanganan",
                required=True),
        _closed("referred_to", "referral", "Diteruskan ke", "Referred to",
                "Ke mana rekomendasi diteruskan", "Where the recommendation went",
                "rekomendasi ke"),
        ColumnSpec("date_reported", "date", "Tanggal laporan", "Date reported",
                   "Tanggal laporan atau temuan", "Date of the report or finding",
                   aliases=("tanggal lapor", "reported on")),
        ColumnSpec("date_examined", "date", "Tanggal pemeriksaan", "Date examined",
                   "Tanggal Bawaslu memeriksa", "Date Bawaslu examined the case"),
        ColumnSpec("date_recommended", "date", "Tanggal rekomendasi", "Date recommended",
                   "Tanggal rekomendasi dikirim (BKN, atasan TNI/Polri, Gakkumdu)",
                   "Date the recommendation was sent (BKN, commander, Gakkumdu)"),
        ColumnSpec("date_decided", "date", "Tanggal keputusan", "Date decided",
                   "Tanggal keputusan/rekomendasi BKN atau atasan terbit",
                   "Date BKN or the commander decided"),
        ColumnSpec("date_concluded", "date", "Tanggal tuntas", "Date concluded",
                   "Tanggal sanksi PPK, penutupan atau penghentian",
                   "Date of the PPK's sanction, closure or dismissal"),
        _text("reference", "Rujukan", "Reference", "Nomor surat atau tautan berita",
              "Letter number or news link", "nomor surat", "link"),
        _AS_OF, _SOURCE, _NOTE,
    ),
    ("case_id", "region_code", "subject", "as_of"),
)  # fmt: skip

VULNERABILITIES = TableSpec(
    "vulnerabilities", "Kerawanan", "Vulnerabilities",
    "Tingkat kerawanan per wilayah atau TPS, menurut instrumennya, dengan mitigasinya.",
    "Vulnerability per region or polling station, by instrument, with its mitigation.",
    (
        _region("wilayah", "region", "64.03"), _REGION_NAME, _TPS_NUMBER,
        _closed("instrument", "instrument", "Instrumen", "Instrument",
                "IKP Bawaslu, TPS rawan, atau tingkat kerawanan Polri",
                "Bawaslu IKP, vulnerable-TPS indicators, or Polri grade", required=True),
        _closed("category", "category", "Kategori", "Category", "Kategori kerawanan",
                "Vulnerability category", "tingkat", "tingkat kerawanan"),
        ColumnSpec("score", "number", "Skor", "Score", "Skor (IKP: 0–100)",
                   "Score (IKP: 0–100)", aliases=("nilai",)),
        _count("tps_count", "Jumlah TPS", "TPS count",
               "Jumlah TPS dalam kategori ini (untuk TPS rawan / tingkat Polri)",
               "Polling stations in this category", "jumlah tps rawan"),
        _text("mitigation", "Mitigasi", "Mitigation", "Langkah mitigasi", "Mitigation step"),
        _text("mitigation_owner", "Penanggung jawab", "Owner", "Instansi penanggung jawab",
              "Agency responsible", "pj"),
        _closed("mitigation_status", "mitigation_status", "Status mitigasi",
                "Mitigation status", "Status mitigasi", "Mitigation status"),
        _AS_OF, _SOURCE, _NOTE,
    ),
    ("region_code", "tps_number", "instrument", "category", "as_of"),
)  # fmt: skip

PUBLISHED_FIGURES = TableSpec(
    "published_figures", "Angka terbit", "Published figures",
    "Angka yang diterbitkan instansi (KPU, Bawaslu, Polri, Kemendagri, atau media yang "
    "mengutipnya) untuk provinsi, kabupaten/kota, kecamatan, desa atau TPS, dengan sumber, "
    "tanggal dan rujukan dokumen. Satu angka boleh punya beberapa sumber pada tanggal yang sama.",
    "Figures published by an authority (KPU, Bawaslu, police, the Home Affairs ministry, or a "
    "news outlet quoting one) for a province, regency, district, village or polling station, "
    "with source, date and document reference. One figure may have several sources on a date.",
    (
        _region("provinsi, kabupaten/kota, kecamatan atau desa", "province, regency, district "
                "or village", "64"), _REGION_NAME, _TPS_NUMBER,
        _closed("figure", "figure", "Angka", "Figure", "Apa yang dihitung", "What is counted",
                "jenis angka", required=True),
        _count("value", "Nilai", "Value", "Angka seperti diterbitkan", "The figure as published",
               "jumlah", required=True),
        _closed("authority", "authority", "Instansi penerbit", "Authority",
                "Siapa yang menerbitkan angka itu", "Who published the figure", "penerbit",
                "instansi", required=True),
        _AS_OF,
        ColumnSpec("source", "text", "Sumber", "Source",
                   "Dokumen, pernyataan atau tautan berita", "Document, statement or news link",
                   required=True, aliases=("sumber data",)),
        _text("reference", "Rujukan dokumen", "Document reference",
              "Nomor keputusan, berita acara atau judul dokumen", "Decree, minutes or title",
              "nomor dokumen", "rujukan"),
        _NOTE,
    ),
    ("region_code", "tps_number", "figure", "authority", "source", "as_of"),
)  # fmt: skip

TABLES: dict[TableName, TableSpec] = {
    t.name: t
    for t in (SUMMARY, POLLING_STATIONS, LOGISTICS, PERSONNEL, NEUTRALITY_CASES, VULNERABILITIES,
              PUBLISHED_FIGURES)
}  # fmt: skip


def table_spec(name: str) -> TableSpec:
    """The spec of a table by canonical name.

    >>> table_spec("logistics").sheet("id")
    'Logistik'
    >>> table_spec("logistik")
    Traceback (most recent call last):
    ...
    KeyError: "unknown table 'logistik'; expected one of summary, polling_stations, logistics, personnel, neutrality_cases, vulnerabilities, published_figures"
    """
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}")
    return TABLES[name]
