"""Round trip: write templates filled by code, load them back, get the same records.

Also checks the committed default dataset ``data/raw/kaltim-2024``: it is what
``scripts/make_default_dataset.py`` makes from its fact file, and it carries the published facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import fastexcel
import polars as pl
import pytest

from readiness import config
from readiness.contract import TABLES, TableName
from readiness.ingest import Dataset, load_dataset, write_template, write_templates

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "data" / "raw" / config.DEFAULT_DATASET


@pytest.fixture(scope="module")
def facts_dataset(script: ModuleType) -> Dataset:
    dataset: Dataset = script.build_dataset(script.load_facts())
    return dataset


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


def _comparable(frame: pl.DataFrame, name: TableName) -> pl.DataFrame:
    # region_name is the reference name in both; every other column must come back as written
    return _sorted(frame.select(TABLES[name].column_names))


def test_roundtrip_of_the_fact_dataset(
    tmp_path: Path, facts_dataset: Dataset, script: ModuleType
) -> None:
    # published figures are the province desk's: one CSV, not the regencies' workbooks
    reported = Dataset(
        name="reported",
        tables={**facts_dataset.tables,
                "published_figures": facts_dataset.tables["published_figures"].clear()},
    )  # fmt: skip
    write_templates("64", tmp_path, dataset=reported, as_of=dt.date(2024, 11, 25))
    published = script.published_csv(facts_dataset)
    (tmp_path / script.PUBLISHED_FILE).write_text(published, encoding="utf-8")
    loaded = load_dataset(tmp_path)
    assert loaded.findings == []
    for name in TABLES:
        written = _comparable(facts_dataset.canonical(name), name)
        back = _comparable(loaded.canonical(name), name)
        assert back.height == written.height, name
        assert back.equals(written), name


def test_roundtrip_in_english_with_defaults_from_metadata(tmp_path: Path) -> None:
    # rows that leave as_of and source blank take them from the instructions sheet
    dataset = Dataset(
        name="one",
        tables={
            "personnel": pl.DataFrame(
                {
                    "region_code": ["64.11"],
                    "agency": ["polri"],
                    "role": ["security"],
                    "count": [120],
                    "as_of": [None],
                },
                schema_overrides={"as_of": pl.Date},
            )
        },
    )
    dataset.tables["personnel"] = pl.concat(
        [Dataset(name="x").table("personnel"), dataset.tables["personnel"]], how="diagonal"
    )
    path = write_template(
        "64.11", tmp_path / "mahulu.xlsx", lang="en", dataset=dataset,
        as_of=dt.date(2024, 11, 14), source="KPU Mahulu",
    )  # fmt: skip
    loaded = load_dataset(path)
    assert loaded.findings == []
    row = loaded.canonical("personnel").row(0, named=True)
    assert row["region_code"] == "64.11"
    assert row["agency"] == "polri"
    assert row["count"] == 120
    assert row["as_of"] == dt.date(2024, 11, 14)
    assert row["source"] == "KPU Mahulu"
    assert loaded.canonical("logistics").height == 0  # pre-filled rows alone are not records


def test_default_dataset_matches_its_fact_file(tmp_path: Path, script: ModuleType) -> None:
    fresh = script.write_dataset(tmp_path / "kaltim-2024", script.load_facts())
    committed = sorted(p.name for p in DEFAULT.iterdir())
    assert committed == sorted([p.name for p in fresh] + ["SOURCES.md"])
    for path in fresh:
        if path.suffix == ".csv":
            assert path.read_text(encoding="utf-8") == (DEFAULT / path.name).read_text("utf-8")
            continue
        new, old = fastexcel.read_excel(path), fastexcel.read_excel(DEFAULT / path.name)
        assert new.sheet_names == old.sheet_names
        for sheet in new.sheet_names:
            a = new.load_sheet(sheet, header_row=None, dtypes="string").to_polars()
            b = old.load_sheet(sheet, header_row=None, dtypes="string").to_polars()
            assert a.equals(b), (path.name, sheet)
    sources = (DEFAULT / "SOURCES.md").read_text(encoding="utf-8")
    assert sources == (tmp_path / "kaltim-2024" / "SOURCES.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def default(read_default_dataset: Callable[[], Dataset]) -> Dataset:
    return read_default_dataset()


def test_default_dataset_loads_cleanly(default: Dataset) -> None:
    assert default.findings == []
    assert len(default.files) == 11  # ten regency workbooks and the published figures
    assert default.canonical("published_figures").height == 17
    assert default.province_code == "64"
    summary = default.canonical("summary")
    assert summary.height == 10
    # the per-regency TPS add up to KPU Kaltim's provincial total of 6,274
    assert summary["tps"].sum() == 6274


def test_berau_as_reported_on_25_november(default: Dataset) -> None:
    berau = default.canonical("summary").filter(pl.col("region_code") == "64.03").row(0, named=True)
    assert (berau["tps"], berau["kecamatan_count"], berau["village_count"]) == (475, 13, 110)
    assert (berau["tps_khusus"], berau["security_personnel"]) == (3, 1588)
    assert berau["voters"] is None  # Berau's DPT was not published: not reported, not 0
    assert berau["as_of"] == dt.date(2024, 11, 25)
    logistics = default.canonical("logistics").filter(
        pl.col("region_code").str.starts_with("64.03.")
    )
    stages = logistics.group_by("stage").len().sort("stage").rows()
    assert stages == [("kpu", 2), ("ppk", 11)]
    late = logistics.filter(pl.col("stage") == "kpu")["region_name"].sort().to_list()
    assert late == ["Sambaliung", "Teluk Bayur"]
    cases = default.canonical("neutrality_cases").filter(pl.col("region_code") == "64.03")
    assert sorted(cases["subject"]) == ["civil_servant", "contract_civil_servant", "village_head"]
    assert set(cases["referred_to"]) == {"bkn"}
    khusus = default.canonical("polling_stations").filter(
        pl.col("region_code").str.starts_with("64.03")
    )
    assert sorted(khusus["region_name"]) == ["Pulau Derawan", "Segah"]
    assert set(khusus["khusus_type"]) == {"company"}


def test_published_schedules(default: Dataset) -> None:
    logistics = default.canonical("logistics")
    kutim = logistics.filter(pl.col("region_code").str.starts_with("64.08."))
    assert kutim.height == 17  # Bengalon is not named in KPU Kutim's schedule
    assert "Bengalon" not in kutim["region_name"].to_list()
    # a schedule is a plan (arrival at the PPK on the day), not an actual position
    assert set(kutim["stage"]) == {"ppk"}
    assert set(kutim["basis"]) == {"plan"}
    first_day = kutim.filter(pl.col("scheduled_date") == dt.date(2024, 11, 23))
    assert first_day.height == 7
    mahulu = logistics.filter(pl.col("region_code").str.starts_with("64.11."))
    # the 14 Nov report, as of 14 Nov: in the warehouse, with its plan for 23 and 25 Nov
    assert set(mahulu["as_of"]) == {dt.date(2024, 11, 14)}
    actual = mahulu.filter(pl.col("basis") == "actual")
    assert (actual.height, set(actual["stage"])) == (5, {"kpu"})
    plan = mahulu.filter(pl.col("basis") == "plan").group_by("stage", "scheduled_date").len()
    assert sorted(plan.rows()) == [
        ("ppk", dt.date(2024, 11, 23), 5), ("pps", dt.date(2024, 11, 25), 5),
    ]  # fmt: skip


def test_personnel_cases_and_vulnerabilities(default: Dataset) -> None:
    personnel = default.canonical("personnel")
    assert sorted(set(personnel["region_code"])) == ["64.02", "64.09", "64.72", "64.74"]
    samarinda = personnel.filter(pl.col("region_code") == "64.72")
    assert samarinda["count"].sum() == 3107
    assert personnel.filter(pl.col("region_code") == "64.74")["count"].sum() == 1266
    cases = default.canonical("neutrality_cases").group_by("region_code").len().sort("region_code")
    assert cases.rows() == [("64.01", 6), ("64.03", 3), ("64.08", 2), ("64.71", 1)]
    ikp = default.canonical("vulnerabilities").filter(pl.col("instrument") == "ikp")
    assert ikp.height == 10
    assert sorted(ikp.filter(pl.col("category") == "high")["region_code"]) == ["64.02", "64.07"]
    assert ikp.filter(pl.col("region_code") == "64.11")["score"].to_list() == [35.0]


def test_default_dataset_has_no_validation_errors(default: Dataset) -> None:
    from readiness.validation import validate

    errors = [f for f in list(validate(default).findings) if f.severity == "error"]
    assert errors == []
