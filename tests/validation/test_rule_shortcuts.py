"""Rules that look at a few distinct values or the first row of each run instead of every row
find exactly what looking at every row finds."""

from __future__ import annotations

import polars as pl

from readiness.contract import Finding, TableName
from readiness.ingest import Dataset
from readiness.validation import validate

from .conftest import TableFactory

MARATUA = ["64.03.11.2001", "64.03.11.2002", "64.03.11.2003", "64.03.11.2004"]


def _found(rule: str, tables: dict[TableName, pl.DataFrame]) -> list[Finding]:
    findings = validate(Dataset(name="test", tables=tables), max_per_rule=None).findings
    return [f for f in findings if f.rule == rule]


def test_a_wrong_name_is_found_on_every_row_of_every_table(table: TableFactory) -> None:
    bohe, payung = MARATUA[0], MARATUA[1]
    stations = table(
        "polling_stations",
        [
            # written as the reference writes it, then in capitals: both are Bohe Silian
            {"region_code": bohe, "region_name": "Bohe Silian", "tps_number": 1, "tps": 1},
            {"region_code": bohe, "region_name": "BOHE SILIAN", "tps_number": 2, "tps": 1},
            # a right name, then a wrong one on two rows in a row, then a blank one
            {"region_code": payung, "region_name": "Payung-Payung", "tps_number": 1, "tps": 1},
            {"region_code": payung, "region_name": "Kelai", "tps_number": 2, "tps": 1},
            {"region_code": payung, "region_name": "Kelai", "tps_number": 3, "tps": 1},
            {"region_code": payung, "region_name": None, "tps_number": 4, "tps": 1},
        ],
    )
    vulnerabilities = table(
        "vulnerabilities",
        [{"region_code": MARATUA[1], "region_name": "Kelai", "tps_number": 1,
          "instrument": "ikp", "category": "high", "score": 60.0}],
    )  # fmt: skip
    logistics = table(
        "logistics",
        [{"region_code": MARATUA[1], "tps_number": 1, "item": "ballot", "stage": "pps",
          "quantity_required": 300}],
    )  # fmt: skip

    found = _found(
        "region.name_mismatch",
        {"polling_stations": stations, "vulnerabilities": vulnerabilities, "logistics": logistics},
    )

    assert [(f.sheet, f.row, f.value) for f in found] == [
        ("Kerawanan", 2, "Kelai"),
        ("TPS", 5, "Kelai"),
        ("TPS", 6, "Kelai"),
    ]
    assert "Payung-Payung" in found[0].message("en")


def test_a_missing_village_names_the_file_of_its_kecamatans_first_per_tps_row(
    table: TableFactory,
) -> None:
    # the village's own total, read first from another file, is not a per-TPS row
    village_total = table("polling_stations", [{"region_code": MARATUA[0], "tps": 2}], "a.xlsx")
    first = table(
        "polling_stations",
        [{"region_code": MARATUA[0], "tps_number": n, "tps": 1, "voters": 300} for n in (1, 2)],
        "b.xlsx",
    )
    then = table(
        "polling_stations",
        [{"region_code": MARATUA[1], "tps_number": 1, "tps": 1, "voters": 300}],
        "c.xlsx",
    )
    stations = pl.concat([village_total, first, then])

    found = _found("tps.village_missing", {"polling_stations": stations})

    assert [(f.file, f.value) for f in found] == [
        ("b.xlsx", MARATUA[2]),
        ("b.xlsx", MARATUA[3]),
    ]


def test_per_tps_rows_alone_are_summed_against_the_summary(table: TableFactory) -> None:
    summary = table("summary", [{"region_code": "64.03", "tps": 3}])
    stations = table(
        "polling_stations",
        [{"region_code": code, "tps_number": 1, "tps": 1, "voters": 300} for code in MARATUA],
    )

    found = _found("total.kecamatan_sum", {"summary": summary, "polling_stations": stations})

    assert [(f.value, f.message("en").split("add up to ")[1].split(" ")[0]) for f in found] == [
        ("3", "4")
    ]
