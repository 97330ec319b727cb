"""Personnel, neutrality cases, vulnerabilities and the regency summaries."""

from __future__ import annotations

import datetime as dt
import random

import polars as pl

from readiness.contract import load_election
from readiness.regions import ancestor_code_expr, code_depth_expr, region_table
from readiness.synthetic._common import conform, with_names
from readiness.synthetic._params import SOURCE_LABEL, SyntheticOptions

__all__ = ["neutrality_table", "personnel_table", "summary_table", "vulnerability_table"]


def personnel_table(stations: pl.DataFrame, options: SyntheticOptions,
                     rng: random.Random) -> pl.DataFrame:  # fmt: skip
    """Per kecamatan: Polri, TNI, Linmas and Satpol PP on security, KPPS members."""
    per_kecamatan = stations.group_by("kecamatan_code").agg(tps=pl.len()).sort("kecamatan_code")
    rows: list[dict[str, object]] = []
    for code, tps in per_kecamatan.iter_rows():
        polri = max(2, round(tps * rng.uniform(0.45, 0.9)))
        tni = round(tps * rng.uniform(0.1, 0.3))
        linmas = round(tps * (rng.uniform(1.7, 2.0) if rng.random() < 0.06 else 2.0))
        linmas += round(tps * rng.uniform(0.0, 0.8))
        satpol = round(tps * rng.uniform(0.0, 0.1))
        kpps = tps * 7 - (rng.randint(1, max(1, tps // 4)) if rng.random() < 0.05 else 0)
        for agency, role, count, scope in (
            ("polri", "security", polri, "Polres dan BKO Brimob"),
            ("tni", "security", tni, "Kodim"),
            ("linmas", "security", linmas, "Linmas desa/kelurahan"),
            ("satpol_pp", "security", satpol, None),
            ("other", "kpps", kpps, "Anggota KPPS"),
        ):
            rows.append(
                {
                    "region_code": code,
                    "agency": agency,
                    "role": role,
                    "count": count,
                    "scope": scope,
                }
            )
    frame = pl.DataFrame(
        rows,
        schema={
            "region_code": pl.String,
            "agency": pl.String,
            "role": pl.String,
            "count": pl.Int64,
            "scope": pl.String,
        },
    ).with_columns(as_of=pl.lit(options.as_of, pl.Date), source=pl.lit(SOURCE_LABEL))
    return conform(with_names(frame), "personnel")


_SUBJECTS = ("village_head", "village_official", "civil_servant", "contract_civil_servant",
             "tni", "polri", "other")  # fmt: skip
_SUBJECT_WEIGHTS = (0.3, 0.2, 0.3, 0.1, 0.02, 0.03, 0.05)
_STATUSES = ("reported", "examined", "recommended", "sanctioned", "closed", "dismissed")
_STATUS_WEIGHTS = (0.15, 0.2, 0.25, 0.15, 0.1, 0.15)


def _referral(subject: str, status: str) -> str | None:
    if status in ("reported", "examined"):
        return None
    if status == "dismissed":
        return "none"
    if subject in ("tni", "polri"):
        return "commander"
    if subject == "other":
        return "gakkumdu"
    return "bkn"


def neutrality_table(stations: pl.DataFrame, options: SyntheticOptions,
                      rng: random.Random) -> pl.DataFrame:  # fmt: skip
    """A few cases per regency, at regency, kecamatan or village level, along the flow."""
    villages_by_regency: dict[str, list[tuple[str, str]]] = {}
    for village, kecamatan, regency in (
        stations.select("village_code", "kecamatan_code", "regency_code").unique().sort(
            "village_code").iter_rows()
    ):  # fmt: skip
        villages_by_regency.setdefault(regency, []).append((village, kecamatan))
    rows: list[dict[str, object]] = []
    for regency, villages in sorted(villages_by_regency.items()):
        cases = sum(rng.random() < 0.35 for _ in range(6)) * options.scale
        for number in range(1, cases + 1):
            subject = rng.choices(_SUBJECTS, _SUBJECT_WEIGHTS)[0]
            status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
            village, kecamatan = rng.choice(villages)
            region = village if subject in ("village_head", "village_official") else kecamatan
            reported = options.as_of - dt.timedelta(days=rng.randint(2, 80))
            rows.append(
                {
                    "case_id": f"{number:03d}/Reg/{regency.replace('.', '')}/{reported:%m}/2024",
                    "region_code": region,
                    "subject": subject,
                    "status": status,
                    "referred_to": _referral(subject, status),
                    "date_reported": reported,
                    "reference": f"Register Bawaslu {regency}",
                }
            )
    frame = pl.DataFrame(
        rows,
        schema={
            "case_id": pl.String,
            "region_code": pl.String,
            "subject": pl.String,
            "status": pl.String,
            "referred_to": pl.String,
            "date_reported": pl.Date,
            "reference": pl.String,
        },
    ).with_columns(as_of=pl.lit(options.as_of, pl.Date), source=pl.lit(SOURCE_LABEL))
    return conform(with_names(frame), "neutrality_cases")


_MITIGATIONS = (
    ("Patroli gabungan dan penambahan personel", "Polri"),
    ("Pengawasan melekat oleh Pengawas TPS", "Bawaslu"),
    ("Distribusi logistik lebih awal", "KPU"),
    ("Sosialisasi pemilih dan tokoh masyarakat", "Kesbangpol"),
)
_MITIGATION_STATUSES = ("planned", "in_progress", "done")


def vulnerability_table(stations: pl.DataFrame, options: SyntheticOptions,
                         rng: random.Random) -> pl.DataFrame:  # fmt: skip
    """IKP per regency, TPS rawan per TPS, and the Polri grade counts per regency."""
    as_of = options.as_of
    n = stations.height
    draws = [rng.random() for _ in range(n)]
    mitigation_index = [rng.randrange(len(_MITIGATIONS)) for _ in range(n)]
    status_index = [rng.randrange(3) for _ in range(n)]
    graded = stations.with_columns(
        _draw=pl.Series(draws, dtype=pl.Float64),
        _mitigation=pl.Series(mitigation_index, dtype=pl.Int64),
        _status=pl.Series(status_index, dtype=pl.Int64),
    ).with_columns(
        _grade=pl.when(pl.col("_draw") < 0.015)
        .then(pl.lit("highly_vulnerable"))
        .when(pl.col("_draw") < 0.08)
        .then(pl.lit("vulnerable"))
        .otherwise(pl.lit("less_vulnerable"))
    )
    tps_rawan = graded.filter(pl.col("_grade") != "less_vulnerable").select(
        region_code="village_code",
        region_name="village_name",
        tps_number="tps_number",
        instrument=pl.lit("tps_rawan"),
        category="_grade",
        tps_count=pl.lit(1, pl.Int64),
        mitigation=pl.col("_mitigation").replace_strict(
            list(range(len(_MITIGATIONS))), [m for m, _ in _MITIGATIONS], return_dtype=pl.String
        ),
        mitigation_owner=pl.col("_mitigation").replace_strict(
            list(range(len(_MITIGATIONS))), [o for _, o in _MITIGATIONS], return_dtype=pl.String
        ),
        mitigation_status=pl.col("_status").replace_strict(
            [0, 1, 2], list(_MITIGATION_STATUSES), return_dtype=pl.String
        ),
    )
    polri = (
        graded.group_by("regency_code", "_grade")
        .agg(tps_count=pl.len().cast(pl.Int64))
        .select(
            region_code="regency_code",
            instrument=pl.lit("polri_grade"),
            category="_grade",
            tps_count="tps_count",
            mitigation_owner=pl.lit("Polri"),
        )
    )
    regencies = graded["regency_code"].unique().sort().to_list()
    scores = [round(rng.uniform(20.0, 85.0), 2) for _ in regencies]
    # the category the published cut-points give a regency's score
    scale = load_election().scores["ikp"]
    ikp = pl.DataFrame(
        {
            "region_code": regencies,
            "score": scores,
            "category": [scale.category(score, "regency") for score in scores],
        },
        schema={"region_code": pl.String, "score": pl.Float64, "category": pl.String},
    ).with_columns(instrument=pl.lit("ikp"), mitigation_owner=pl.lit("Bawaslu"))
    regency_rows = with_names(pl.concat([polri, ikp], how="diagonal"))
    frame = pl.concat([regency_rows, tps_rawan], how="diagonal").with_columns(
        as_of=pl.lit(as_of, pl.Date), source=pl.lit(SOURCE_LABEL)
    )
    return conform(frame, "vulnerabilities").sort("region_code", "tps_number", "instrument",
                                                   "category", nulls_last=False)  # fmt: skip


def summary_table(stations: pl.DataFrame, personnel: pl.DataFrame, options: SyntheticOptions,
                   rng: random.Random) -> pl.DataFrame:  # fmt: skip
    """What each regency states: totals from its detail, a few of them stated differently."""
    table = region_table()
    regencies = stations["regency_code"].unique().sort()
    admin = (
        table.filter(code_depth_expr(pl.col("code")) > 2)
        .with_columns(regency_code=ancestor_code_expr(pl.col("code"), 2))
        .filter(pl.col("regency_code").is_in(regencies.implode()))
        .group_by("regency_code")
        .agg(
            kecamatan_count=(pl.col("level") == "kecamatan").sum().cast(pl.Int64),
            village_count=pl.col("level").is_in(["desa", "kelurahan"]).sum().cast(pl.Int64),
        )
    )
    detail = stations.group_by("regency_code").agg(
        tps=pl.len().cast(pl.Int64),
        tps_khusus=pl.col("tps_khusus").sum(),
        tps_khusus_voters=(pl.col("voters") * pl.col("tps_khusus")).sum(),
        voters=pl.col("voters").sum(),
    )
    security = (
        personnel.filter(pl.col("role") == "security")
        .group_by(regency_code=ancestor_code_expr(pl.col("region_code"), 2))
        .agg(security_personnel=pl.col("count").sum())
    )
    codes = regencies.to_list()
    female_share = [rng.uniform(0.495, 0.51) for _ in codes]
    tps_off = [
        rng.choice((-3, -2, -1, 1, 2)) if options.inconsistencies and rng.random() < 0.05 else 0
        for _ in codes
    ]
    personnel_off = [
        rng.randint(-40, 120) if options.inconsistencies and rng.random() < 0.05 else 0
        for _ in codes
    ]
    noise = pl.DataFrame(
        {
            "regency_code": codes,
            "_female": female_share,
            "_tps_off": tps_off,
            "_personnel_off": personnel_off,
        },
        schema={
            "regency_code": pl.String,
            "_female": pl.Float64,
            "_tps_off": pl.Int64,
            "_personnel_off": pl.Int64,
        },
    )
    frame = (
        detail.join(admin, on="regency_code", how="left")
        .join(security, on="regency_code", how="left")
        .join(noise, on="regency_code", how="left")
        .with_columns(
            region_code="regency_code",
            tps=pl.col("tps") + pl.col("_tps_off"),
            security_personnel=pl.col("security_personnel") + pl.col("_personnel_off"),
            voters_female=(pl.col("voters") * pl.col("_female")).round().cast(pl.Int64),
            security_scope=pl.lit("Polri, TNI, Linmas dan Satpol PP"),
            as_of=pl.lit(options.as_of, pl.Date),
            source=pl.lit(SOURCE_LABEL),
        )
        .with_columns(voters_male=pl.col("voters") - pl.col("voters_female"))
        .sort("region_code")
    )
    return conform(with_names(frame), "summary")
