"""Cross-table totals: what a regency states in its summary against the sum of its details.

Figures are compared for the same regency and the same as-of date. Each part is counted once:
a kecamatan's own row when it has one, else its villages; a village's own row when it has one,
else its rows per TPS. A sum is compared only when every detail value is reported; a sum
below the stated total is a finding only when the detail covers every kecamatan of the regency
in the reference (otherwise the detail is just incomplete).
"""

from __future__ import annotations

import polars as pl

from readiness.contract import CODE_PATTERN, PROVENANCE_COLUMNS
from readiness.regions import ancestor_code_expr, code_depth_expr, region_table
from readiness.validation._registry import Context, Rule, check

__all__: list[str] = []

KECAMATAN_SUM = Rule(
    "total.kecamatan_sum", "warning",
    "Ringkasan sama dengan jumlah rincian", "Summary equals the sum of its details",
    "{column} di ringkasan tertulis {value}, tetapi jumlah rincian di lembar TPS adalah {sum} "
    "({kecamatan} kecamatan, {rows} baris) per tanggal yang sama.",
    "{column} in the summary says {value}, but the details on the TPS sheet add up to {sum} "
    "({kecamatan} districts, {rows} rows) on the same date.",
    "Samakan angka ringkasan dengan rinciannya, atau tulis sebab perbedaannya di kolom Catatan.",
    "Make the summary agree with its details, or explain the difference in the Note column.",
)  # fmt: skip
PERSONNEL_SUM = Rule(
    "total.personnel_sum", "warning",
    "Personel per instansi sama dengan totalnya", "Personnel by agency add up to the total",
    "{column} di ringkasan tertulis {value}, tetapi baris pengamanan per instansi di lembar "
    "Personel berjumlah {sum} ({agencies}).",
    "{column} in the summary says {value}, but the security rows per agency on the Personnel "
    "sheet add up to {sum} ({agencies}).",
    "Periksa apakah total mencakup BKO atau Linmas; tulis cakupannya di kolom Cakupan personel.",
    "Check whether the total includes reinforcements (BKO) or Linmas; state it in Personnel "
    "scope.",
)  # fmt: skip
VOTERS_BY_SEX = Rule(
    "total.voters_by_sex", "warning",
    "DPT laki-laki + perempuan = DPT", "Male + female voters = voters",
    "DPT tertulis {value}, tetapi DPT laki-laki + perempuan = {sum}.",
    "Registered voters say {value}, but male + female add up to {sum}.",
    "Salin ketiga angka dari rekapitulasi DPT yang sama.",
    "Copy all three figures from the same DPT recapitulation.",
)  # fmt: skip

REFERENCE_COUNT = Rule(
    "total.reference_count", "warning",
    "Jumlah kecamatan dan desa sesuai referensi", "District and village counts match the reference",
    "{column} tertulis {value}, tetapi referensi Kemendagri (Kepmendagri 300.2.2-2430/2025) "
    "mencatat {reference}.",
    "{column} says {value}, but the Kemendagri reference (Kepmendagri 300.2.2-2430/2025) lists "
    "{reference}.",
    "Periksa angkanya; bila ada pemekaran yang belum masuk referensi, tulis di kolom Catatan.",
    "Check the figure; if a recent split is not in the reference yet, say so in the Note column.",
)  # fmt: skip

_MEASURES = ("tps", "tps_khusus", "voters")


def _valid_codes(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter(pl.col("region_code").str.contains(CODE_PATTERN)).with_columns(
        depth=code_depth_expr(pl.col("region_code")),
        regency=ancestor_code_expr(pl.col("region_code"), 2),
        kecamatan=ancestor_code_expr(pl.col("region_code"), 3),
    )


def _summary_rows(context: Context) -> pl.DataFrame:
    return context.dataset.table("summary").filter(
        pl.col("region_code").is_not_null() & pl.col("as_of").is_not_null()
    )


def _kecamatan_counts() -> pl.DataFrame:
    return (
        region_table()
        .filter(code_depth_expr(pl.col("code")) == 3)
        .group_by(pl.col("parent_code").alias("region_code"))
        .agg(pl.len().alias("reference_kecamatan"))
    )


def _kecamatan_sums(context: Context, summary: pl.DataFrame) -> pl.DataFrame:
    # only the columns the sums need: the filters below copy what they keep
    stations = context.dataset.table("polling_stations").select(
        "region_code", "tps_number", "as_of", *_MEASURES
    )
    detail = _valid_codes(stations).filter(
        pl.col("depth").is_in([3, 4]) & pl.col("as_of").is_not_null()
    )
    if detail.height == 0 or summary.height == 0:
        return pl.DataFrame()
    village_total = pl.col("tps_number").is_null()
    village = ["region_code", "as_of"]
    kecamatan_row = pl.col("depth") == 3
    kecamatan = ["regency", "kecamatan", "as_of"]
    # without any village (or kecamatan) row, every row is the finest: skip the window
    has_village_total, has_kecamatan_row = detail.select(
        village_total.any(), kecamatan_row.any()
    ).row(0)
    per_village = detail
    if has_village_total:
        per_village = detail.filter(
            kecamatan_row | (village_total == village_total.any().over(village))
        )
    finest = per_village
    if has_kecamatan_row:
        finest = per_village.filter(kecamatan_row == kecamatan_row.any().over(kecamatan))
    sums = finest.group_by(pl.col("regency").alias("region_code"), "as_of").agg(
        pl.len().alias("rows"),
        pl.col("kecamatan").n_unique().alias("kecamatan"),
        *(pl.col(m).sum().alias(f"{m}_sum") for m in _MEASURES),
        *(pl.col(m).null_count().alias(f"{m}_nulls") for m in _MEASURES),
    )
    joined = summary.join(sums, on=["region_code", "as_of"], how="inner").join(
        _kecamatan_counts(), on="region_code", how="left"
    )
    complete = pl.col("kecamatan") >= pl.col("reference_kecamatan")
    parts = []
    for measure in _MEASURES:
        stated, summed = pl.col(measure), pl.col(f"{measure}_sum")
        failing = (
            stated.is_not_null()
            & (pl.col(f"{measure}_nulls") == 0)
            & ((summed > stated) | (complete & (summed != stated)))
        )
        parts.append(
            joined.filter(failing).select(
                pl.lit(KECAMATAN_SUM.id).alias("rule"),
                pl.lit("summary").alias("table"),
                *PROVENANCE_COLUMNS,
                pl.lit(measure).alias("column"),
                stated.alias("value"),
                summed.alias("sum"),
                "kecamatan",
                "rows",
            )
        )
    return pl.concat(parts)


def _personnel_sums(context: Context, summary: pl.DataFrame) -> pl.DataFrame:
    personnel = _valid_codes(context.dataset.table("personnel")).filter(
        (pl.col("role") == "security")
        & pl.col("depth").is_in([2, 3])
        & pl.col("as_of").is_not_null()
        & pl.col("count").is_not_null()
    )
    if personnel.height == 0 or summary.height == 0:
        return pl.DataFrame()
    group = ["regency", "as_of"]
    finest = personnel.filter((pl.col("depth") == 2) == (pl.col("depth") == 2).any().over(group))
    by_agency = finest.group_by("regency", "as_of", "agency").agg(pl.col("count").sum())
    sums = (
        by_agency.sort("agency")
        .group_by(pl.col("regency").alias("region_code"), "as_of")
        .agg(
            pl.col("count").sum().alias("sum"),
            pl.concat_str([pl.col("agency"), pl.col("count").cast(pl.String)], separator=" ")
            .str.join(", ")
            .alias("agencies"),
        )
    )
    joined = summary.join(sums, on=["region_code", "as_of"], how="inner")
    return joined.filter(
        pl.col("security_personnel").is_not_null() & (pl.col("security_personnel") != pl.col("sum"))
    ).select(
        pl.lit(PERSONNEL_SUM.id).alias("rule"),
        pl.lit("summary").alias("table"),
        *PROVENANCE_COLUMNS,
        pl.lit("security_personnel").alias("column"),
        pl.col("security_personnel").alias("value"),
        "sum",
        "agencies",
    )


def _reference_counts(summary: pl.DataFrame) -> pl.DataFrame:
    regions = region_table().select("code", code_depth_expr(pl.col("code")).alias("depth"))
    counts = (
        regions.filter(pl.col("depth").is_in([3, 4]))
        .group_by(ancestor_code_expr(pl.col("code"), 2).alias("region_code"))
        .agg(
            (pl.col("depth") == 3).sum().cast(pl.Int64).alias("kecamatan_reference"),
            (pl.col("depth") == 4).sum().cast(pl.Int64).alias("village_reference"),
        )
    )
    joined = summary.join(counts, on="region_code", how="inner")
    parts = []
    for column, reference in (
        ("kecamatan_count", "kecamatan_reference"),
        ("village_count", "village_reference"),
    ):
        parts.append(
            joined.filter(
                pl.col(column).is_not_null() & (pl.col(column) != pl.col(reference))
            ).select(
                pl.lit(REFERENCE_COUNT.id).alias("rule"),
                pl.lit("summary").alias("table"),
                *PROVENANCE_COLUMNS,
                pl.lit(column).alias("column"),
                pl.col(column).alias("value"),
                pl.col(reference).alias("reference"),
            )
        )
    return pl.concat(parts)


def _voters_by_sex(summary: pl.DataFrame) -> pl.DataFrame:
    total = pl.col("voters_male") + pl.col("voters_female")
    return summary.filter(
        total.is_not_null() & pl.col("voters").is_not_null() & (total != pl.col("voters"))
    ).select(
        pl.lit(VOTERS_BY_SEX.id).alias("rule"),
        pl.lit("summary").alias("table"),
        *PROVENANCE_COLUMNS,
        pl.lit("voters").alias("column"),
        pl.col("voters").alias("value"),
        total.alias("sum"),
    )


@check(KECAMATAN_SUM, PERSONNEL_SUM, VOTERS_BY_SEX, REFERENCE_COUNT)
def check_totals(context: Context) -> pl.DataFrame:
    """Regency summaries against their details, the DPT split and the reference counts."""
    summary = _summary_rows(context)
    parts = [
        part
        for part in (
            _kecamatan_sums(context, summary),
            _personnel_sums(context, summary),
            _voters_by_sex(summary),
            _reference_counts(summary),
        )
        if part.height > 0
    ]
    if not parts:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(parts, how="diagonal_relaxed")
