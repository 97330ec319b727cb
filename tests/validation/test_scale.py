"""A national-size table: every failing row counted, the listing folded per rule.

How long it takes is measured by the benchmark script, not asserted here.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from readiness.contract import polars_schema
from readiness.ingest import Dataset
from readiness.regions import region_table
from readiness.validation import validate


def test_half_a_million_rows_are_all_counted_and_folded_per_rule() -> None:
    villages = region_table().filter(pl.col("code").str.count_matches(".", literal=True) == 3)[
        "code"
    ]
    per_village = 5
    n = villages.len() * per_village  # ~420k rows, one per TPS, like Pilkada 2024's 435k
    stations = pl.DataFrame(
        {
            "region_code": villages.to_frame()
            .select(pl.col("code").repeat_by(per_village))
            .explode("code")["code"],
            "tps_number": pl.int_range(1, per_village + 1, eager=True).to_list() * villages.len(),
            "tps": [1] * n,
            "voters": pl.int_range(0, n, eager=True) % 500 + 50,
            "as_of": [dt.date(2024, 11, 25)] * n,
        }
    )
    stations = pl.concat(
        [pl.DataFrame(schema=polars_schema("polling_stations")), stations], how="diagonal_relaxed"
    ).with_columns(
        _file=pl.col("region_code").str.slice(0, 5) + ".xlsx",
        _sheet=pl.lit("TPS"),
        _row=pl.int_range(2, n + 2),
    )
    # 1,000 stations over the norm, 1,000 negative counts, 1,000 repeated rows
    broken = pl.concat(
        [
            stations.head(1000).with_columns(voters=pl.lit(700, pl.Int64)),
            stations.slice(1000, 1000).with_columns(tps=pl.lit(-1, pl.Int64)),
            stations.slice(2000, n - 2000),
            stations.tail(1000).with_columns(_row=pl.col("_row") + n),
        ]
    )
    dataset = Dataset(name="national", tables={"polling_stations": broken})
    findings = list(validate(dataset, max_per_rule=50).findings)
    by_rule = {f.rule: f.count for f in findings if f.count > 1}
    assert by_rule == {
        "tps.voters_above_norm": 950,
        "schema.range": 950,
        "duplicate.row": 950,
    }
    assert len(findings) == 3 * 51
