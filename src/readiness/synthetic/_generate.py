"""Draw one province's tables on the real region list.

Randomness comes from :class:`random.Random` seeded by ``(seed, province, scale)``, so a
province comes out the same whether it is generated alone or as part of the country. Draws
are made per village, kecamatan, regency or row as plain lists; everything else is polars.
"""

from __future__ import annotations

import polars as pl

from readiness.contract import TableName, polars_schema
from readiness.regions import get_region
from readiness.synthetic._common import rng, units
from readiness.synthetic._logistics import logistics_table, schedule
from readiness.synthetic._params import SyntheticOptions
from readiness.synthetic._records import (
    neutrality_table,
    personnel_table,
    summary_table,
    vulnerability_table,
)
from readiness.synthetic._stations import polling_stations, polling_table, village_voters

__all__ = ["generate_province"]


def generate_province(province_code: str, options: SyntheticOptions | None = None,
                      ) -> dict[TableName, pl.DataFrame]:  # fmt: skip
    """All contract tables of one province, in canonical columns and dtypes.

    >>> tables = generate_province("65")  # Kalimantan Utara, the smallest by villages
    >>> sorted(tables)  # doctest: +NORMALIZE_WHITESPACE
    ['logistics', 'neutrality_cases', 'personnel', 'polling_stations', 'published_figures',
     'summary', 'vulnerabilities']
    >>> tables["summary"].height  # one row per kabupaten/kota
    5
    >>> tables["polling_stations"]["voters"].max() <= 600
    True
    """
    options = options or SyntheticOptions()
    region = get_region(province_code)
    if region.level != "provinsi":
        raise ValueError(
            f"expected a province code such as '64', got {province_code!r} ({region.level}). "
            "Hint: generate the province and filter its regencies."
        )
    code = region.code
    villages = village_voters(units(code), code, options, rng(options, code, "villages"))
    stations = polling_stations(villages, options, rng(options, code, "tps"))
    personnel = personnel_table(stations, options, rng(options, code, "personnel"))
    plan = schedule(stations, options, rng(options, code, "logistics"))
    summary = summary_table(stations, personnel, options, rng(options, code, "summary"))
    return {
        "summary": summary,
        "polling_stations": polling_table(stations, options),
        "logistics": logistics_table(plan, options),
        "personnel": personnel,
        "neutrality_cases": neutrality_table(stations, options, rng(options, code, "cases")),
        "vulnerabilities": vulnerability_table(stations, options, rng(options, code, "vuln")),
        "published_figures": published_table(code, region.name, summary),
    }


def published_table(code: str, name: str, summary: pl.DataFrame) -> pl.DataFrame:
    """The province's TPS total as its KPU would publish it: the sum of its regencies'."""
    frame = pl.DataFrame(
        {
            "region_code": [code],
            "region_name": [name],
            "figure": ["tps"],
            "value": [int(summary["tps"].sum())],
            "authority": ["kpu_province"],
            "as_of": [summary["as_of"].max()],
            "source": ["KPU provinsi, penetapan DPT (data sintetis)"],
        }
    )
    return frame.select(
        [
            pl.col(column).cast(dtype)
            if column in frame.columns
            else pl.lit(None, dtype).alias(column)
            for column, dtype in polars_schema("published_figures").items()
        ]
    )
