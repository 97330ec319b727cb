"""Reconciliation: published figures against each other, against the sum of their parts, and
against what regencies report; the KPPS and Linmas norm identities; lokasi khusus within TPS.

Every finding names both sides (source and date, or "reported by the regency"), both values
and the difference. Figures are compared as published: nothing here changes a value.
"""

from __future__ import annotations

import polars as pl

from readiness.contract import CODE_PATTERN, PROVENANCE_COLUMNS
from readiness.regions import code_depth_expr as depth
from readiness.regions import province_code_expr, region_table
from readiness.validation._registry import Context, Rule, check

__all__: list[str] = []

SOURCE_VS_SOURCE = Rule(
    "reconcile.source_vs_source", "warning",
    "Sumber-sumber sepakat tentang satu angka", "Sources agree on a figure",
    "{figure_id} {region}: {source_a} ({date_a}) menyebut {value_a}, {source_b} ({date_b}) "
    "menyebut {value_b}; selisih {difference}.",
    "{figure_en} {region}: “{source_a}” ({date_a}) gives {value_a}, “{source_b}” ({date_b}) "
    "gives {value_b}; difference {difference}.",
    "Tentukan angka yang berlaku (biasanya keputusan pleno terakhir) dan catat alasannya.",
    "Decide which figure holds (usually the latest plenary decision) and note why.",
)  # fmt: skip
TOTAL_VS_PARTS = Rule(
    "reconcile.total_vs_parts", "warning",
    "Total provinsi sama dengan jumlah kabupaten/kota", "Province total equals its regencies",
    "{figure_id} {region}: {source_a} ({date_a}) menyebut total {value_a}, tetapi rincian "
    "{parts} kabupaten/kota dari sumber yang sama berjumlah {value_b}; selisih {difference}.",
    "{figure_en} {region}: “{source_a}” ({date_a}) gives a total of {value_a}, but its "
    "breakdown over {parts} regencies from the same source adds up to {value_b}; difference "
    "{difference}.",
    "Tanyakan kepada penerbit angka mana yang benar: total atau rinciannya.",
    "Ask the publisher which is right: the total or its breakdown.",
)  # fmt: skip
PUBLISHED_VS_REPORTED = Rule(
    "reconcile.published_vs_reported", "warning",
    "Angka terbit sama dengan laporan daerah", "Published figure equals the regency's report",
    "{figure_id} {region}: {source_a} ({date_a}) menyebut {value_a}, laporan daerah "
    "({source_b}, per {date_b}) menyebut {value_b}; selisih {difference}.",
    "{figure_en} {region}: “{source_a}” ({date_a}) gives {value_a}, the regency's report "
    "({source_b}, as of {date_b}) gives {value_b}; difference {difference}.",
    "Pastikan kedua angka merujuk hal yang sama (tanggal, cakupan) atau perbaiki salah satunya.",
    "Check that both refer to the same thing (date, scope), or correct one of them.",
)  # fmt: skip
NORM_IDENTITY = Rule(
    "reconcile.norm_identity", "warning",
    "KPPS = 7 × TPS dan Linmas = 2 × TPS", "KPPS = 7 × TPS and Linmas = 2 × TPS",
    "{figure_id} {region}: {source_a} ({date_a}) menyebut {value_a}, padahal {factor} × "
    "{tps} TPS ({source_b}) = {value_b}; selisih {difference} (setara {implied} TPS).",
    "{figure_en} {region}: “{source_a}” ({date_a}) gives {value_a}, but {factor} × {tps} TPS "
    "({source_b}) = {value_b}; difference {difference} (as if {implied} TPS).",
    "Periksa apakah jumlah TPS atau jumlah petugas yang tertinggal diperbarui.",
    "Check whether the TPS count or the officer count was not updated.",
)  # fmt: skip
KHUSUS_WITHIN_TOTAL = Rule(
    "reconcile.khusus_within_total", "warning",
    "TPS lokasi khusus termasuk dalam jumlah TPS", "TPS lokasi khusus are within the TPS total",
    "TPS lokasi khusus {region}: {source_a} ({date_a}) menyebut {value_a}, lebih dari jumlah "
    "TPS {value_b} ({source_b}, {date_b}); selisih {difference}.",
    "TPS lokasi khusus {region}: “{source_a}” ({date_a}) gives {value_a}, more than the TPS "
    "total {value_b} (“{source_b}”, {date_b}); difference {difference}.",
    "Jumlah TPS mencakup TPS lokasi khusus; periksa kedua angka.",
    "The TPS total includes TPS lokasi khusus; check both figures.",
)  # fmt: skip

_FIGURE_LABELS = {
    "tps": ("Jumlah TPS", "TPS"), "tps_khusus": ("TPS lokasi khusus", "TPS lokasi khusus"),
    "tps_khusus_voters": ("Pemilih TPS khusus", "TPS khusus voters"),
    "voters": ("DPT", "Registered voters"), "voters_male": ("DPT laki-laki", "Voters (male)"),
    "voters_female": ("DPT perempuan", "Voters (female)"), "kpps": ("Anggota KPPS", "KPPS"),
    "linmas": ("Linmas", "Linmas"),
    "security_personnel": ("Personel pengamanan", "Security personnel"),
    "kecamatan_count": ("Jumlah kecamatan", "Kecamatan"),
    "village_count": ("Jumlah desa/kelurahan", "Villages"),
}  # fmt: skip
_REPORTED = ("tps", "tps_khusus", "tps_khusus_voters", "voters", "voters_male", "voters_female",
             "security_personnel", "kecamatan_count", "village_count")  # fmt: skip
_NORMS = {"kpps": "kpps_per_tps", "linmas": "linmas_per_tps"}


def _published(context: Context) -> pl.DataFrame:
    frame = context.dataset.table("published_figures")
    if frame.height == 0:
        return frame
    return frame.filter(
        pl.col("region_code").str.contains(CODE_PATTERN)
        & pl.col("value").is_not_null()
        & pl.col("figure").is_not_null()
        & pl.col("tps_number").is_null()
    ).with_columns(
        region=pl.col("region_code"),
        date=pl.col("as_of"),
        source=pl.col("source").fill_null("?"),
    )


def _labels(figure: pl.Expr) -> dict[str, pl.Expr]:
    ids = {k: v[0] for k, v in _FIGURE_LABELS.items()}
    ens = {k: v[1] for k, v in _FIGURE_LABELS.items()}
    return {
        "figure_id": figure.replace_strict(ids, default=figure, return_dtype=pl.String),
        "figure_en": figure.replace_strict(ens, default=figure, return_dtype=pl.String),
    }


def _finish(frame: pl.DataFrame, rule: Rule, table: str = "published_figures") -> pl.DataFrame:
    names = region_table().select(pl.col("code").alias("region"), pl.col("name").alias("_name"))
    frame = frame.join(names, on="region", how="left").with_columns(
        region=pl.coalesce(pl.col("_name"), pl.col("region"))
    )
    return frame.with_columns(
        rule=pl.lit(rule.id),
        table=pl.lit(table),
        column=pl.lit("value"),
        value=pl.col("value_a"),
        difference=(pl.col("value_a") - pl.col("value_b")).abs(),
        **_labels(pl.col("figure")),
    )


def _source_vs_source(rows: pl.DataFrame) -> pl.DataFrame:
    left = rows.select("_row", "_file", "_sheet", "region", "figure", "source", "date", "value")
    pairs = left.join(
        left.select("region", "figure", pl.col("source").alias("source_b"),
                    pl.col("date").alias("date_b"), pl.col("value").alias("value_b"),
                    pl.col("_row").alias("_row_b")),
        on=["region", "figure"],
    ).filter((pl.col("_row") < pl.col("_row_b")) & (pl.col("value") != pl.col("value_b")))  # fmt: skip
    return _finish(
        pairs.rename({"source": "source_a", "date": "date_a", "value": "value_a"}),
        SOURCE_VS_SOURCE,
    )


def _total_vs_parts(rows: pl.DataFrame) -> pl.DataFrame:
    totals = rows.filter(depth(pl.col("region")) == 1)
    parts = (
        rows.filter(depth(pl.col("region")) == 2)
        .group_by(province_code_expr(pl.col("region")).alias("region"), "figure", "source", "date")
        .agg(value_b=pl.col("value").sum(), parts=pl.len())
    )
    joined = totals.join(parts, on=["region", "figure", "source", "date"], how="inner").filter(
        pl.col("value") != pl.col("value_b")
    )
    return _finish(
        joined.with_columns(source_a=pl.col("source"), date_a=pl.col("date")).rename(
            {"value": "value_a"}
        ),
        TOTAL_VS_PARTS,
    )


def _reported(context: Context) -> pl.DataFrame:
    summary = context.dataset.table("summary").filter(pl.col("region_code").is_not_null())
    if summary.height == 0:
        return pl.DataFrame()
    latest = summary.sort("as_of").group_by("region_code").last()
    present = [c for c in _REPORTED if c in latest.columns]
    return latest.select(
        pl.col("region_code").alias("region"),
        pl.col("as_of").alias("date_b"),
        pl.coalesce(pl.col("_file"), pl.col("source"), pl.lit("?")).alias("source_b"),
        *present,
    ).unpivot(index=["region", "date_b", "source_b"], variable_name="figure", value_name="value_b")


def _published_vs_reported(context: Context, rows: pl.DataFrame) -> pl.DataFrame:
    reported = _reported(context)
    if reported.height == 0:
        return pl.DataFrame()
    regencies = rows.filter(depth(pl.col("region")) == 2)
    joined = regencies.join(
        reported.filter(pl.col("value_b").is_not_null()), on=["region", "figure"], how="inner"
    ).filter(pl.col("value") != pl.col("value_b"))
    return _finish(
        joined.with_columns(
            pl.col("value_b").cast(pl.Int64), source_a=pl.col("source"), date_a=pl.col("date")
        ).rename({"value": "value_a"}),
        PUBLISHED_VS_REPORTED,
    )


def _norm_identity(context: Context, rows: pl.DataFrame) -> pl.DataFrame:
    tps = rows.filter(pl.col("figure") == "tps").select(
        "region", "source", "date", tps=pl.col("value")
    )
    parts = []
    for figure, norm_id in _NORMS.items():
        if norm_id not in context.election.norms:
            continue
        factor = int(context.election.norms[norm_id].value)
        officers = rows.filter(pl.col("figure") == figure).join(
            tps, on=["region", "source", "date"], how="inner"
        )
        parts.append(
            officers.with_columns(
                factor=pl.lit(factor),
                value_b=pl.col("tps") * factor,
                implied=(pl.col("value") / factor).round(1),
                source_a=pl.col("source"),
                date_a=pl.col("date"),
                source_b=pl.col("source"),
            ).filter(pl.col("value") != pl.col("value_b"))
        )
    found = [part.rename({"value": "value_a"}) for part in parts]
    if not found:
        return pl.DataFrame()
    return _finish(pl.concat(found, how="diagonal_relaxed"), NORM_IDENTITY)


def _personnel_norm_identity(context: Context) -> pl.DataFrame:
    """Linmas and KPPS rows of the personnel sheet against 2 × and 7 × the TPS they cover
    (the ``tps_covered`` column, else the regency's latest summary TPS)."""
    personnel = context.dataset.table("personnel").filter(
        pl.col("region_code").str.contains(CODE_PATTERN) & pl.col("count").is_not_null()
    )
    officers = personnel.filter(
        ((pl.col("agency") == "linmas") & (pl.col("role") == "security"))
        | (pl.col("role") == "kpps")
    )
    if officers.height == 0:
        return pl.DataFrame()
    summary = context.dataset.table("summary").filter(pl.col("tps").is_not_null())
    latest_tps = (
        summary.sort("as_of")
        .group_by("region_code")
        .agg(pl.col("tps").last().alias("_tps"), pl.col("_file").last().alias("_tps_file"))
    )
    norms = context.election.norms
    factors = {
        "kpps": int(norms["kpps_per_tps"].value) if "kpps_per_tps" in norms else None,
        "linmas": int(norms["linmas_per_tps"].value) if "linmas_per_tps" in norms else None,
    }
    figure = pl.when(pl.col("role") == "kpps").then(pl.lit("kpps")).otherwise(pl.lit("linmas"))
    frame = (
        officers.join(latest_tps, on="region_code", how="left")
        .with_columns(figure=figure, tps=pl.coalesce("tps_covered", "_tps"))
        .with_columns(factor=pl.col("figure").replace_strict(factors, return_dtype=pl.Int64))
        .filter(pl.col("tps").is_not_null() & pl.col("factor").is_not_null())
        .with_columns(value_b=pl.col("tps") * pl.col("factor"))
        .filter(pl.col("count") != pl.col("value_b"))
    )
    if frame.height == 0:
        return pl.DataFrame()
    return _finish(
        frame.with_columns(
            region=pl.col("region_code"),
            value_a=pl.col("count"),
            implied=(pl.col("count") / pl.col("factor")).round(1),
            source_a=pl.coalesce(pl.col("source"), pl.col("_file"), pl.lit("?")),
            date_a=pl.col("as_of"),
            source_b=pl.when(pl.col("tps_covered").is_not_null())
            .then(pl.col("_file"))
            .otherwise(pl.col("_tps_file"))
            .fill_null("?"),
        ),
        NORM_IDENTITY,
        table="personnel",
    ).with_columns(column=pl.lit("count"))


def _khusus_within_total(rows: pl.DataFrame) -> pl.DataFrame:
    khusus = rows.filter(pl.col("figure") == "tps_khusus")
    totals = rows.filter(pl.col("figure") == "tps").select(
        "region", source_b="source", date_b="date", value_b="value"
    )
    joined = khusus.join(totals, on="region", how="inner").filter(
        pl.col("value") > pl.col("value_b")
    )
    return _finish(
        joined.with_columns(source_a=pl.col("source"), date_a=pl.col("date")).rename(
            {"value": "value_a"}
        ),
        KHUSUS_WITHIN_TOTAL,
    )


@check(SOURCE_VS_SOURCE, TOTAL_VS_PARTS, PUBLISHED_VS_REPORTED, NORM_IDENTITY, KHUSUS_WITHIN_TOTAL)
def check_reconciliation(context: Context) -> pl.DataFrame:
    """Every disagreement between published figures, and with what regencies report."""
    rows = _published(context)
    parts = [_personnel_norm_identity(context)]
    if rows.height:
        parts += [
            _source_vs_source(rows),
            _total_vs_parts(rows),
            _published_vs_reported(context, rows),
            _norm_identity(context, rows),
            _khusus_within_total(rows),
        ]
    found = [part for part in parts if part.height]
    if not found:
        return pl.DataFrame(schema={"rule": pl.String})
    keep = ("rule", "table", *PROVENANCE_COLUMNS, "column", "value", "region", "figure_id",
            "figure_en", "source_a", "date_a", "value_a", "source_b", "date_b", "value_b",
            "difference", "parts", "factor", "tps", "implied")  # fmt: skip
    return pl.concat(
        [part.select([c for c in keep if c in part.columns]) for part in found],
        how="diagonal_relaxed",
    )
