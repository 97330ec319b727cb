"""Closed sets of the data contract, with their Indonesian and English labels.

Values are stable English keys; what people read or type (labels, common synonyms) maps to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal, get_args

__all__ = [
    "AGENCIES",
    "AGENCY_MIXES",
    "AUTHORITIES",
    "CASE_STATUSES",
    "CASE_SUBJECTS",
    "CLOSED_SETS",
    "FOLLOWED_UP_STATUSES",
    "ITEMS",
    "KHUSUS_TYPES",
    "LANGUAGES",
    "LOGISTICS_BASES",
    "MITIGATION_STATUSES",
    "OPEN_STATUSES",
    "PUBLISHED_FIGURES",
    "REFERRALS",
    "ROLES",
    "STAGES",
    "VULNERABILITY_CATEGORIES",
    "VULNERABILITY_INSTRUMENTS",
    "Agency",
    "AgencyMix",
    "Authority",
    "CaseStatus",
    "CaseSubject",
    "ClosedSet",
    "Item",
    "KhususType",
    "Language",
    "LogisticsBasis",
    "MitigationStatus",
    "PublishedFigure",
    "Referral",
    "Role",
    "Stage",
    "VulnerabilityCategory",
    "VulnerabilityInstrument",
]

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

Stage = Literal["kpu", "ppk", "pps", "tps"]
Item = Literal[
    "all", "ballot", "ballot_box", "voting_booth", "ink", "seal", "punch", "forms", "other"
]
Agency = Literal["polri", "tni", "linmas", "satpol_pp", "other"]
Role = Literal["security", "kpps", "other"]
KhususType = Literal["prison", "company", "campus", "social_institution", "relocation", "other"]
CaseSubject = Literal[
    "village_head", "village_official", "civil_servant", "contract_civil_servant",
    "tni", "polri", "other",
]  # fmt: skip
CaseStatus = Literal[
    "reported", "examined", "recommended", "decided", "sanctioned", "closed", "dismissed"
]  # fmt: skip
OPEN_STATUSES: tuple[CaseStatus, ...] = ("reported", "examined", "recommended", "decided")
"""Stages of a case still being handled."""
FOLLOWED_UP_STATUSES: tuple[CaseStatus, ...] = ("sanctioned", "closed", "dismissed")
"""Stages that end a case: only these count as followed up."""
LogisticsBasis = Literal["actual", "plan"]
AgencyMix = Literal[
    "polri", "polri_tni", "polri_linmas", "polri_tni_linmas", "tni", "linmas", "unknown"
]  # fmt: skip
Authority = Literal[
    "kpu_ri", "kpu_province", "kpu_regency", "bawaslu", "polri", "tni", "kemendagri",
    "regional_government", "news", "other",
]  # fmt: skip
PublishedFigure = Literal[
    "tps", "tps_khusus", "tps_khusus_voters", "voters", "voters_male", "voters_female", "kpps",
    "linmas", "security_personnel", "kecamatan_count", "village_count",
]  # fmt: skip
Referral = Literal["bkn", "commander", "gakkumdu", "none"]
VulnerabilityInstrument = Literal["ikp", "tps_rawan", "polri_grade"]
VulnerabilityCategory = Literal[
    "low", "medium", "high", "less_vulnerable", "vulnerable", "highly_vulnerable", "special"
]
MitigationStatus = Literal["planned", "in_progress", "done"]


@dataclass(frozen=True)
class ClosedSet:
    """A closed set of values: its keys in order, labels per language and accepted synonyms.

    >>> STAGES.label("ppk", "id")
    'PPK (kecamatan)'
    >>> STAGES.parse("Gudang KPU kab/kota")
    'kpu'
    >>> STAGES.parse("PPS") , STAGES.parse("desa")
    ('pps', 'pps')
    >>> STAGES.parse("gudang") is None
    True
    """

    name: str
    keys: tuple[str, ...]
    labels_id: tuple[str, ...]
    labels_en: tuple[str, ...]
    synonyms: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not (len(self.keys) == len(self.labels_id) == len(self.labels_en)):
            raise ValueError(f"closed set {self.name!r}: keys and labels differ in length")
        unknown = {key for _, key in self.synonyms} - set(self.keys)
        if unknown:
            raise ValueError(f"closed set {self.name!r}: synonyms point to unknown {unknown}")

    def label(self, key: str, lang: Language = "id") -> str:
        """The label people read for ``key``."""
        labels = self.labels_id if lang == "id" else self.labels_en
        return labels[self.keys.index(key)]

    def labels(self, lang: Language = "id") -> tuple[str, ...]:
        """All labels in key order."""
        return self.labels_id if lang == "id" else self.labels_en

    @cached_property
    def rank(self) -> dict[str, int]:
        """Each key's position in the set's order: for stages, how far along the way from
        the KPU warehouse to the TPS.

        >>> STAGES.rank["kpu"] < STAGES.rank["ppk"] < STAGES.rank["tps"]
        True
        """
        return {key: position for position, key in enumerate(self.keys)}

    def parse(self, text: str) -> str | None:
        """The key for a typed value (key, label in either language, or synonym), else None."""
        folded = _fold(text)
        for key, label_id, label_en in zip(self.keys, self.labels_id, self.labels_en, strict=True):
            if folded in (_fold(key), _fold(label_id), _fold(label_en)):
                return key
        for synonym, key in self.synonyms:
            if folded == _fold(synonym):
                return key
        return None


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("/", " / ").split())


def _closed(name: str, literal: object, id_: tuple[str, ...], en: tuple[str, ...],
            synonyms: tuple[tuple[str, str], ...] = ()) -> ClosedSet:  # fmt: skip
    return ClosedSet(name, get_args(literal), id_, en, synonyms)


STAGES = _closed(
    "stage",
    Stage,
    ("Gudang KPU kab/kota", "PPK (kecamatan)", "PPS (desa/kelurahan)", "KPPS (TPS)"),
    ("KPU regency warehouse", "PPK (district)", "PPS (village)", "KPPS (polling station)"),
    (("KPU", "kpu"), ("gudang KPU", "kpu"), ("warehouse", "kpu"), ("PPK", "ppk"),
     ("kecamatan", "ppk"), ("PPS", "pps"), ("desa", "pps"), ("kelurahan", "pps"),
     ("KPPS", "tps"), ("TPS", "tps")),
)  # fmt: skip
ITEMS = _closed(
    "item",
    Item,
    ("Seluruh logistik", "Surat suara", "Kotak suara", "Bilik suara", "Tinta", "Segel",
     "Alat coblos", "Formulir", "Lainnya"),
    ("All logistics", "Ballots", "Ballot boxes", "Voting booths", "Ink", "Seals",
     "Punch tools", "Forms", "Other"),
    (("semua", "all"), ("logistik", "all"), ("semua logistik", "all"), ("surat_suara", "ballot"),
     ("kotak_suara", "ballot_box"), ("bilik", "voting_booth"), ("alat coblos", "punch"),
     ("paku", "punch"), ("formulir", "forms")),
)  # fmt: skip
AGENCIES = _closed(
    "agency",
    Agency,
    ("Polri", "TNI", "Linmas", "Satpol PP", "Lainnya"),
    ("Police (Polri)", "Armed forces (TNI)", "Linmas", "Satpol PP", "Other"),
    (("polisi", "polri"), ("police", "polri"), ("brimob", "polri"), ("army", "tni"),
     ("perlindungan masyarakat", "linmas")),
)  # fmt: skip
ROLES = _closed(
    "role",
    Role,
    ("Pengamanan", "KPPS", "Lainnya"),
    ("Security", "KPPS (polling officers)", "Other"),
    (("keamanan", "security"), ("petugas KPPS", "kpps")),
)  # fmt: skip
KHUSUS_TYPES = _closed(
    "khusus_type",
    KhususType,
    ("Lapas/rutan", "Perusahaan/tambang", "Kampus", "Panti sosial", "Lokasi relokasi bencana",
     "Lainnya"),
    ("Prison", "Company/mine", "Campus", "Social institution", "Disaster relocation site",
     "Other"),
    (("lapas", "prison"), ("rutan", "prison"), ("perusahaan", "company"), ("tambang", "company"),
     ("panti", "social_institution")),
)  # fmt: skip
CASE_SUBJECTS = _closed(
    "subject",
    CaseSubject,
    ("Kepala desa/kampung", "Perangkat desa", "PNS", "PPPK", "TNI", "Polri", "Lainnya"),
    ("Village head", "Village official", "Civil servant (PNS)", "Contract civil servant (PPPK)",
     "Armed forces (TNI)", "Police (Polri)", "Other"),
    (("kepala desa", "village_head"), ("kepala kampung", "village_head"),
     ("kades", "village_head"), ("lurah", "village_head"), ("perangkat", "village_official"),
     ("ASN", "civil_servant"), ("P3K", "contract_civil_servant"),
     ("honorer", "contract_civil_servant")),
)  # fmt: skip
CASE_STATUSES = _closed(
    "status",
    CaseStatus,
    ("Dilaporkan", "Diperiksa Bawaslu", "Rekomendasi dikirim",
     "Diputuskan, menunggu pejabat pembina kepegawaian",
     "Disanksi pejabat pembina kepegawaian", "Selesai", "Dihentikan"),
    ("Reported", "Examined by Bawaslu", "Recommendation sent",
     "Decided, awaiting the civil-service appointing officer",
     "Sanctioned by the civil-service appointing officer", "Closed", "Dismissed"),
    (("laporan", "reported"), ("temuan", "reported"), ("pemeriksaan", "examined"),
     ("rekomendasi", "recommended"), ("direkomendasikan", "recommended"),
     ("recommendation issued", "recommended"), ("keputusan", "decided"),
     ("menunggu PPK", "decided"), ("Diputuskan, menunggu PPK", "decided"),
     ("Decided, awaiting the PPK", "decided"), ("sanksi", "sanctioned"),
     ("disanksi", "sanctioned"), ("Disanksi PPK", "sanctioned"),
     ("Sanctioned by the PPK", "sanctioned"),
     ("ditutup", "closed"), ("tidak terbukti", "dismissed")),
)  # fmt: skip
LOGISTICS_BASES = _closed(
    "basis",
    LogisticsBasis,
    ("Realisasi", "Rencana"),
    ("Actual", "Plan"),
    (("realisasi", "actual"), ("sudah tiba", "actual"), ("realised", "actual"),
     ("rencana", "plan"), ("jadwal", "plan"), ("planned", "plan"), ("schedule", "plan")),
)  # fmt: skip
AGENCY_MIXES = _closed(
    "agency_mix",
    AgencyMix,
    ("Polri saja", "Polri + TNI", "Polri + Linmas", "Polri + TNI + Linmas", "TNI saja",
     "Linmas saja", "Tidak dirinci"),
    ("Police only", "Police + TNI", "Police + Linmas", "Police + TNI + Linmas", "TNI only",
     "Linmas only", "Not broken down"),
    (("polri", "polri"), ("polisi", "polri"), ("tidak diketahui", "unknown"),
     ("campuran", "unknown")),
)  # fmt: skip
AUTHORITIES = _closed(
    "authority",
    Authority,
    ("KPU RI", "KPU provinsi", "KPU kabupaten/kota", "Bawaslu", "Polri (Polda/Polres)", "TNI",
     "Kemendagri", "Pemerintah daerah", "Media (mengutip instansi)", "Lainnya"),
    ("KPU (national)", "KPU (province)", "KPU (regency)", "Bawaslu", "Police (Polda/Polres)",
     "Armed forces (TNI)", "Ministry of Home Affairs", "Regional government",
     "News outlet (quoting an authority)", "Other"),
    (("polda", "polri"), ("polres", "polri"), ("pemda", "regional_government"),
     ("media", "news"), ("berita", "news")),
)  # fmt: skip
PUBLISHED_FIGURES = _closed(
    "figure",
    PublishedFigure,
    ("Jumlah TPS", "TPS lokasi khusus", "Pemilih TPS khusus", "DPT", "DPT laki-laki",
     "DPT perempuan", "Anggota KPPS", "Linmas", "Personel pengamanan", "Jumlah kecamatan",
     "Jumlah desa/kelurahan"),
    ("TPS", "TPS lokasi khusus", "TPS khusus voters", "Registered voters", "Voters (male)",
     "Voters (female)", "KPPS members", "Linmas", "Security personnel", "Kecamatan",
     "Villages"),
    (("tps", "tps"), ("dpt", "voters"), ("kpps", "kpps"), ("personel", "security_personnel")),
)  # fmt: skip
REFERRALS = _closed(
    "referral",
    Referral,
    ("BKN", "Atasan TNI/Polri", "Sentra Gakkumdu", "Tidak ada"),
    ("BKN (civil service agency)", "TNI/Polri commander", "Sentra Gakkumdu", "None"),
    (("komandan", "commander"), ("gakkumdu", "gakkumdu"), ("-", "none")),
)  # fmt: skip
VULNERABILITY_INSTRUMENTS = _closed(
    "instrument",
    VulnerabilityInstrument,
    ("IKP Bawaslu", "TPS rawan (Bawaslu)", "Tingkat kerawanan Polri"),
    ("Bawaslu IKP", "Vulnerable polling stations (Bawaslu)", "Polri vulnerability grade"),
    (("IKP", "ikp"), ("TPS rawan", "tps_rawan"), ("Polri", "polri_grade")),
)  # fmt: skip
VULNERABILITY_CATEGORIES = _closed(
    "category",
    VulnerabilityCategory,
    ("Rendah", "Sedang", "Tinggi", "Kurang rawan", "Rawan", "Sangat rawan", "Khusus"),
    ("Low", "Medium", "High", "Less vulnerable", "Vulnerable", "Highly vulnerable", "Special"),
    (("rawan rendah", "low"), ("rawan sedang", "medium"), ("rawan tinggi", "high")),
)  # fmt: skip
MITIGATION_STATUSES = _closed(
    "mitigation_status",
    MitigationStatus,
    ("Direncanakan", "Berjalan", "Selesai"),
    ("Planned", "In progress", "Done"),
    (("rencana", "planned"), ("proses", "in_progress"), ("sedang berjalan", "in_progress")),
)  # fmt: skip

CLOSED_SETS: dict[str, ClosedSet] = {
    s.name: s
    for s in (
        STAGES, ITEMS, AGENCIES, ROLES, KHUSUS_TYPES, CASE_SUBJECTS, CASE_STATUSES, REFERRALS,
        VULNERABILITY_INSTRUMENTS, VULNERABILITY_CATEGORIES, MITIGATION_STATUSES,
        LOGISTICS_BASES, AGENCY_MIXES, AUTHORITIES, PUBLISHED_FIGURES,
    )
}  # fmt: skip
