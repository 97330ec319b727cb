"""Filled Excel templates for every regency of a province, from synthetic data.

A regency fills its template at the grain people work with by hand: TPS per village (with
each TPS lokasi khusus on its own row), logistics per kecamatan and item, personnel per
kecamatan, its neutrality cases and vulnerability records.
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from readiness.contract import STAGES, TableName, polars_schema
from readiness.ingest import Dataset, with_provenance, write_templates
from readiness.regions import ancestor_code_expr, get_region
from readiness.synthetic._generate import generate_province
from readiness.synthetic._params import SOURCE_LABEL, SyntheticOptions

__all__ = ["regency_view", "write_workbooks"]


def regency_view(tables: dict[TableName, pl.DataFrame]) -> dict[TableName, pl.DataFrame]:
    """The tables at the grain of a regency's workbook (latest logistics snapshot only).

    >>> from readiness.synthetic import generate
    >>> view = regency_view(generate(["65"]))
    >>> view["logistics"]["region_code"].str.count_matches(r"\\.").unique().to_list()
    [2]
    >>> view["polling_stations"]["tps"].sum() == generate(["65"])["polling_stations"].height
    True
    """
    stations = tables["polling_stations"]
    regular = (
        stations.filter(pl.col("tps_khusus") == 0)
        .group_by("region_code", "region_name", "as_of", "source")
        .agg(tps=pl.len().cast(pl.Int64), tps_khusus=pl.lit(0, pl.Int64), voters=pl.sum("voters"))
    )
    khusus = stations.filter(pl.col("tps_khusus") > 0)
    polling = pl.concat([regular, khusus], how="diagonal_relaxed").sort(
        "region_code", "tps_number", nulls_last=False
    )
    logistics = tables["logistics"]
    latest = logistics.filter(pl.col("as_of") == pl.col("as_of").max())
    order = list(STAGES.keys)
    per_kecamatan = (
        latest.with_columns(
            region_code=ancestor_code_expr(pl.col("region_code"), 3),
            _stage=pl.col("stage").replace_strict(order, list(range(len(order)))),
        )
        .group_by("region_code", "item", "as_of")
        .agg(
            _stage=pl.min("_stage"),
            quantity_required=pl.sum("quantity_required"),
            quantity_delivered=pl.col("quantity_delivered")
            .fill_null(pl.col("quantity_required"))
            .sum(),
            scheduled_date=pl.max("scheduled_date"),
        )
        .with_columns(
            stage=pl.col("_stage").replace_strict(list(range(len(order))), order),
            source=pl.lit(SOURCE_LABEL),
        )
        .sort("region_code", "item")
    )
    return {
        **tables,
        "polling_stations": _conform(polling, "polling_stations"),
        "logistics": _conform(per_kecamatan, "logistics"),
    }


def _conform(frame: pl.DataFrame, table: TableName) -> pl.DataFrame:
    return frame.select(
        [
            pl.col(name).cast(dtype) if name in frame.columns else pl.lit(None, dtype).alias(name)
            for name, dtype in polars_schema(table).items()
        ]
    )


def write_workbooks(
    province: str,
    out_dir: str | os.PathLike[str],
    options: SyntheticOptions | None = None,
) -> list[Path]:
    """One filled workbook per kabupaten/kota of ``province`` (Indonesian template).

    >>> import tempfile, pathlib
    >>> paths = write_workbooks("65", pathlib.Path(tempfile.mkdtemp()))
    >>> len(paths), paths[0].name
    (5, '65.01-bulungan.xlsx')
    """
    region = get_region(province)
    options = options or SyntheticOptions()
    view = regency_view(generate_province(region.code, options))
    dataset = Dataset(
        name=f"synthetic-{region.code}",
        tables={name: with_provenance(frame) for name, frame in view.items()},
    )
    return write_templates(
        region.code, out_dir, dataset=dataset, as_of=options.as_of, source=SOURCE_LABEL
    )
