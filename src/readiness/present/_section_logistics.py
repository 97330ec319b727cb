"""Briefing section: logistics — where they stand by stage, completion over time, and the
detail per kecamatan of a regency."""

from __future__ import annotations

import polars as pl

from readiness.contract import ITEMS, LOGISTICS_BASES, STAGES, TABLES
from readiness.present import _charts as charts
from readiness.present._briefing_core import BriefingCore
from readiness.present._display import Figure, Markdown, Table
from readiness.present._format import format_date, format_quoted, quoted_legend
from readiness.present._labels import closed_label
from readiness.present._source_line import source_line, with_source

__all__ = ["kecamatan_table", "logistics_over_time", "logistics_stage_chart"]


def logistics_stage_chart(b: BriefingCore) -> Figure | Markdown:
    """Per regency, how many reporting units stand at each stage (latest actual report,
    its date beside the regency's name; plans are not positions)."""
    frame = b.logistics_latest(actual=True)
    if frame.height == 0:
        return Markdown(b.t("not_reported_here"))
    names = b.names()
    regency = pl.col("region_code").str.slice(0, 5)
    dated = frame.with_columns(regency=regency).with_columns(
        latest=pl.col("as_of").max().over("regency")
    )
    counted = (
        dated.group_by("regency", "latest", "stage")
        .len("units")
        .sort("regency", "stage")  # the same chart specification on every run
        .with_columns(
            regency_name=pl.col("regency").replace_strict(names, default=pl.col("regency"))
            + pl.lit(" (")
            + pl.col("latest").dt.strftime("%d/%m")
            + pl.lit(")")
        )
    )
    caption = with_source(b.t("logistics_stage_caption"), source_line(b, ["logistics"]))
    return Figure(charts.logistics_by_stage(counted, b.lang), caption)


def logistics_over_time(b: BriefingCore) -> Figure | Markdown:
    """Logistics completion over actual snapshots, when there are several."""
    frame = b.table("logistics").filter(~(pl.col("basis") == "plan").fill_null(False))
    snapshots = frame.group_by("region_code").agg(pl.col("as_of").n_unique().alias("n"))
    if frame.height == 0 or snapshots["n"].max() < 2:  # type: ignore[operator]
        return Markdown("")
    reached = {"ppk", "pps", "tps"}
    series = (
        frame.with_columns(pl.col("region_code").str.slice(0, 5).alias("regency"))
        .group_by("regency", "as_of")
        .agg(pl.col("stage").is_in(list(reached)).mean().alias("value"))
        .sort("regency", "as_of")
        .with_columns(
            pl.col("regency").replace_strict(b.names(), default=pl.col("regency"))
            .alias("region_name")
        )
    )  # fmt: skip
    caption = with_source(b.t("logistics"), source_line(b, ["logistics"]))
    return Figure(charts.logistics_over_time(series, b.lang), caption)


def kecamatan_table(b: BriefingCore) -> Table | Markdown:
    """Logistics and TPS detail per kecamatan, where the regency reported it."""
    logistics = b.logistics_latest(b.region)
    if logistics.height == 0:
        return Markdown(b.t("not_reported_here"))
    rows = [
        [r["region_name"] or r["region_code"], r["region_code"],
         closed_label(ITEMS, r["item"], b.lang), closed_label(LOGISTICS_BASES, r["basis"] or "actual",
                                                     b.lang),
         closed_label(STAGES, r["stage"], b.lang),
         format_date(r["scheduled_date"], b.lang), format_date(r["as_of"], b.lang),
         format_quoted(r["note"], b.lang)]
        for r in logistics.sort("region_code", "basis", "stage").iter_rows(named=True)
    ]  # fmt: skip
    columns = [b.t("kecamatan"), b.t("region"), b.t("item"),
               TABLES["logistics"].column("basis").label(b.lang), b.t("stage"),
               b.t("scheduled"), b.t("as_of"), b.t("note")]  # fmt: skip
    return Table(columns, rows, align="llllllll", widths=[12, 8, 8, 9, 11, 11, 11, 30],
                 note=quoted_legend(b.lang, logistics["note"]).rstrip(),
                 source=source_line(b, ["logistics"], b.region))  # fmt: skip
