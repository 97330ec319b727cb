"""Polling-station and logistics rules: villages without a TPS, villages missing from per-TPS
data, voters per TPS above the norm (per row of TPS data and on a regency's summary), more TPS
khusus than TPS, more delivered than required."""

from __future__ import annotations

import polars as pl

from readiness.contract import CODE_PATTERN, PROVENANCE_COLUMNS
from readiness.regions import ancestor_code_expr, code_depth_expr, region_table
from readiness.validation._region_rules import region_codes
from readiness.validation._registry import Context, Rule, check

__all__: list[str] = []

VILLAGE_WITHOUT_TPS = Rule(
    "tps.village_without_tps", "warning",
    "Desa berpemilih punya TPS", "A village with voters has a TPS",
    "Desa/kelurahan ini punya {voters} pemilih tetapi {value} TPS.",
    "This village has {voters} registered voters but {value} polling stations.",
    "Setiap desa/kelurahan berpemilih memiliki paling sedikit satu TPS; periksa angka TPS atau "
    "DPT-nya.",
    "Every village with voters has at least one polling station; check its TPS or voter count.",
)  # fmt: skip
VOTERS_ABOVE_NORM = Rule(
    "tps.voters_above_norm", "warning",
    "Pemilih per TPS dalam batas norma", "Voters per TPS within the norm",
    "Rata-rata {value} pemilih per TPS di baris ini, di atas batas {norm} ({basis}).",
    "{value} voters per polling station on this row, above the limit of {norm} ({basis}).",
    "Periksa DPT dan jumlah TPS; TPS di atas batas perlu dipecah atau dijelaskan di Catatan.",
    "Check the voters and the TPS count; a station above the limit needs splitting or a note.",
)  # fmt: skip
VILLAGE_MISSING = Rule(
    "tps.village_missing", "warning",
    "Data per TPS mencakup semua desa", "Per-TPS data covers every village",
    "Desa/kelurahan {value} ({name}) tidak punya baris TPS, padahal kecamatan {kecamatan} "
    "dilaporkan per TPS.",
    "Village {value} ({name}) has no TPS rows, though district {kecamatan} is reported per TPS.",
    "Setiap desa/kelurahan berpemilih punya TPS: tambahkan TPS-nya, atau catat bila memang "
    "tidak berpemilih.",
    "Every village with voters has a polling station: add its TPS, or note why it has none.",
)  # fmt: skip
KHUSUS_ABOVE_TOTAL = Rule(
    "tps.khusus_above_total", "error",
    "TPS khusus tidak melebihi jumlah TPS", "TPS khusus do not exceed all TPS",
    "TPS lokasi khusus ({value}) lebih banyak dari jumlah TPS ({tps}).",
    "TPS at special locations ({value}) exceed all polling stations ({tps}).",
    "Jumlah TPS sudah termasuk TPS lokasi khusus; periksa kedua angka.",
    "The TPS count includes the special-location ones; check both figures.",
)  # fmt: skip
DELIVERED_ABOVE_REQUIRED = Rule(
    "logistics.delivered_above_required", "warning",
    "Diterima tidak melebihi kebutuhan", "Delivered does not exceed required",
    "Diterima {value}, lebih dari kebutuhan {required}.",
    "Delivered {value}, more than the {required} required.",
    "Periksa apakah kebutuhan sudah termasuk cadangan 2,5% surat suara.",
    "Check whether the requirement includes the 2.5% ballot reserve.",
)  # fmt: skip

_BASE = PROVENANCE_COLUMNS


def _rule_columns(rule: Rule, table: str, column: str) -> list[pl.Expr]:
    return [
        pl.lit(rule.id).alias("rule"),
        pl.lit(table).alias("table"),
        *(pl.col(c) for c in _BASE),
        pl.lit(column).alias("column"),
    ]


def _village_codes(context: Context) -> pl.Series:
    """The well-formed village codes of the polling-station table."""
    codes = region_codes(context, "polling_stations").select(pl.col("region_code").unique())
    return codes.filter(
        pl.col("region_code").str.contains(CODE_PATTERN)
        & (code_depth_expr(pl.col("region_code")) == 4)
    ).to_series()


def _villages_missing(stations: pl.DataFrame) -> pl.DataFrame:
    # Rows of one place are read together: the first row of each run of rows alike in code,
    # date and whether they name a TPS stands for its run (the first row of a kecamatan's
    # per-TPS rows starts a run, so the file and sheet it gives are the same).
    alike = (pl.col("region_code"), pl.col("as_of"), pl.col("tps_number").is_not_null())
    starts_run = pl.any_horizontal(value.ne_missing(value.shift(1)) for value in alike)
    runs = stations.select("region_code", "tps_number", "as_of", "_file", "_sheet").filter(
        starts_run
    )
    valid = runs.filter(
        pl.col("region_code").str.contains(CODE_PATTERN) & pl.col("as_of").is_not_null()
    )
    per_tps = valid.filter(
        pl.col("tps_number").is_not_null() & (code_depth_expr(pl.col("region_code")) == 4)
    )
    if per_tps.height == 0:
        return pl.DataFrame()
    covered = per_tps.group_by(
        ancestor_code_expr(pl.col("region_code"), 3).alias("kecamatan"), "as_of"
    ).agg(pl.col("_file").first(), pl.col("_sheet").first())
    villages = (
        region_table()
        .filter(code_depth_expr(pl.col("code")) == 4)
        .select(
            pl.col("code").alias("region_code"), "name", pl.col("parent_code").alias("kecamatan")
        )
    )
    present = valid.select("region_code", "as_of").unique()
    return (
        covered.join(villages, on="kecamatan")
        .join(present, on=["region_code", "as_of"], how="anti")
        .select(
            pl.lit(VILLAGE_MISSING.id).alias("rule"),
            pl.lit("polling_stations").alias("table"),
            "_file",
            "_sheet",
            pl.lit(None, pl.Int64).alias("_row"),
            pl.lit("region_code").alias("column"),
            pl.col("region_code").alias("value"),
            "name",
            "kecamatan",
        )
    )


@check(
    VILLAGE_WITHOUT_TPS, VILLAGE_MISSING, VOTERS_ABOVE_NORM, KHUSUS_ABOVE_TOTAL,
    DELIVERED_ABOVE_REQUIRED,
)  # fmt: skip
def check_polling_stations(context: Context) -> pl.DataFrame:
    """TPS against voters and the election's voters-per-TPS norm; logistics quantities."""
    stations = context.dataset.table("polling_stations").lazy()
    norm = context.election.norm("max_voters_per_tps")
    village = pl.col("region_code").is_in(_village_codes(context).implode())
    without = stations.filter(
        village & pl.col("tps_number").is_null() & (pl.col("voters") > 0) & (pl.col("tps") == 0)
    ).select(*_rule_columns(VILLAGE_WITHOUT_TPS, "polling_stations", "tps"),
             pl.col("tps").alias("value"), "voters")  # fmt: skip

    in_force = pl.lit(value=True)
    if norm.valid_from is not None:
        in_force = in_force & (pl.col("as_of") >= norm.valid_from)
    if norm.valid_to is not None:
        in_force = in_force & (pl.col("as_of") <= norm.valid_to)
    per_station = (
        pl.when(pl.col("tps_number").is_not_null() & pl.col("tps").is_null())
        .then(pl.col("voters").cast(pl.Float64))
        .when(pl.col("tps") > 0)
        .then(pl.col("voters") / pl.col("tps"))
    )
    above = stations.filter(in_force.fill_null(value=True) & (per_station > norm.value)).select(
        *_rule_columns(VOTERS_ABOVE_NORM, "polling_stations", "voters"),
        per_station.round(1).alias("value"),
        pl.lit(int(norm.value)).alias("norm"),
        pl.lit(norm.basis).alias("basis"),
    )
    summary = context.dataset.table("summary").lazy()
    # a regency's own figures: its average over all its TPS against the same norm
    summary_in_force = in_force.fill_null(value=True) & (pl.col("tps") > 0)
    summary_average = pl.col("voters") / pl.col("tps")
    above_summary = summary.filter(summary_in_force & (summary_average > norm.value)).select(
        *_rule_columns(VOTERS_ABOVE_NORM, "summary", "voters"),
        summary_average.round(1).alias("value"),
        pl.lit(int(norm.value)).alias("norm"),
        pl.lit(norm.basis).alias("basis"),
    )
    khusus = [
        frame.filter((pl.col("tps_khusus") > pl.col("tps")) & (pl.col("tps") >= 0)).select(
            *_rule_columns(KHUSUS_ABOVE_TOTAL, name, "tps_khusus"),
            pl.col("tps_khusus").alias("value"),
            "tps",
        )
        for name, frame in (("summary", summary), ("polling_stations", stations))
    ]
    logistics = context.dataset.table("logistics").lazy()
    delivered = logistics.filter(pl.col("quantity_delivered") > pl.col("quantity_required")).select(
        *_rule_columns(DELIVERED_ABOVE_REQUIRED, "logistics", "quantity_delivered"),
        pl.col("quantity_delivered").alias("value"),
        pl.col("quantity_required").alias("required"),
    )
    # eagerly, as before: the findings list the missing villages in the order found
    missing = _villages_missing(context.dataset.table("polling_stations"))
    # one query plan: the per-table filters run side by side
    without_found, *others = pl.collect_all([without, above, above_summary, *khusus, delivered])
    parts = [p for p in (without_found, missing, *others) if p.height > 0]
    if not parts:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(parts, how="diagonal_relaxed")
