"""``readiness indicators`` and ``readiness compare`` on the default dataset."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from readiness import config
from readiness.cli import main
from readiness.ingest import Dataset

DATASET = config.raw_dir() / "kaltim-2024"
needs_dataset = pytest.mark.skipif(not DATASET.exists(), reason="default dataset not built")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@needs_dataset
def test_json_gives_the_founding_report_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "indicators", str(DATASET), "--level", "kabupaten",
                        "--format", "json")  # fmt: skip
    assert code == 0
    records: list[dict[str, Any]] = json.loads(out)
    berau = {r["indicator"]: r for r in records if r["region_code"] == "64.03"}
    assert round(berau["tps_per_village"]["value"], 2) == 4.32
    assert round(berau["security_personnel_per_tps"]["value"], 2) == 3.34
    assert round(berau["logistics_completion_kecamatan"]["value"], 3) == 0.846
    assert round(berau["tps_khusus_share"]["value"], 4) == 0.0063
    assert berau["tps_per_village"]["as_of"] == "2024-11-25"
    # Berau's DPT was not published: null with its coverage, never 0
    assert berau["voters_per_tps"]["value"] is None
    assert 0 < berau["voters_per_tps"]["coverage"] < 1
    assert {r["region_code"] for r in records} == {
        "64.01", "64.02", "64.03", "64.07", "64.08", "64.09", "64.11", "64.71", "64.72", "64.74",
    }  # fmt: skip
    assert set(records[0]) == {"region_code", "region_name", "indicator", "value", "unit",
                               "coverage", "norm", "status", "as_of", "oldest_as_of"}  # fmt: skip


@needs_dataset
def test_table_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "indicators", str(DATASET), "--level", "provinsi")
    assert code == 0
    assert "Kalimantan Timur" in out
    assert "TPS per desa/kelurahan" in out
    code, out, _ = _run(capsys, "indicators", str(DATASET), "--format", "csv", "--lang", "en")
    assert code == 0
    assert (
        out.splitlines()[0]
        == "region_code,region_name,indicator,value,unit,coverage,norm,status,as_of,oldest_as_of"
    )


@needs_dataset
def test_compare_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "compare", str(DATASET), "--lang", "en")
    assert code == 0
    assert "Keeps rank" in out
    assert "Kabupaten Berau" in out
    code, out, _ = _run(capsys, "compare", str(DATASET), "--format", "json")
    assert code == 0
    assert set(json.loads(out)) == {"indicators", "composite", "sensitivity", "settings"}


@needs_dataset
def test_compare_lists_by_rank_and_says_why_a_regency_is_not_ranked(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    code, out, _ = _run(capsys, "compare", str(DATASET))
    assert code == 0
    assert "tidak diperingkat — Kota Samarinda: data tersedia 46 % dari bobot, perlu ≥ 70 %" in out
    assert "tidak diperingkat — Kabupaten Berau: data tersedia 54 % dari bobot" in out
    settings = tmp_path / "compare.yaml"
    settings.write_text("min_composite_coverage: 0.35\n", encoding="utf-8")
    code, out, _ = _run(capsys, "compare", str(DATASET), "--config", str(settings))
    assert code == 0
    rows = [line.split("  ")[0].strip() for line in out.splitlines()[2:12]]
    ranks = [int(rank) for rank in rows if rank != "–"]
    assert len(ranks) == 3
    assert ranks == sorted(ranks)
    assert rows[:3] == [str(rank) for rank in ranks]  # the unranked come last
    assert rows[3:] == ["–"] * 7


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    code, _, err = _run(capsys, "indicators", str(tmp_path / "nowhere"))
    assert code == 2
    assert "tidak ditemukan" in err
    assert "Petunjuk" in err


def test_unknown_election_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    code, _, err = _run(capsys, "indicators", str(tmp_path), "--election", "pemilu-2029",
                        "--lang", "en")  # fmt: skip
    assert code == 2
    assert "unknown election 'pemilu-2029'" in err


@needs_dataset
def test_bad_as_of_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "indicators", str(DATASET), "--as-of", "kemarin")
    assert code == 2
    assert "harus berupa tanggal" in err
    assert "Petunjuk" in err
    code, _, err = _run(capsys, "indicators", str(DATASET), "--as-of", "kemarin", "--lang", "en")
    assert code == 2
    assert "--as-of must be a date" in err


@needs_dataset
def test_regencies_that_sent_nothing_for_an_indicator_show_null_and_zero_coverage(
    capsys: pytest.CaptureFixture[str], read_default_dataset: Callable[[], Dataset]
) -> None:
    from readiness.indicators import load_registry

    code, out, _ = _run(capsys, "indicators", str(DATASET), "--format", "json")
    assert code == 0
    tables = read_default_dataset().tables
    checked = 0
    for record in json.loads(out):
        spec = load_registry()[record["indicator"]]
        if spec.id == "data_coverage":  # counts what was reported: 0 is a real figure
            continue
        sent = False
        for item in spec.inputs:
            table, column = item.split(".")
            rows = tables[table].filter(  # type: ignore[index]
                pl.col("region_code").str.starts_with(record["region_code"])
                & pl.col(column).is_not_null()
            )
            sent = sent or rows.height > 0
        if not sent:
            checked += 1
            assert record["value"] is None, record
            assert record["coverage"] == 0.0, record
    assert checked > 20  # the default dataset leaves many inputs unreported


def test_table_shows_shares_as_percentages() -> None:
    import datetime as dt

    from readiness.cli._indicators import format_indicator_table

    frame = pl.DataFrame(
        {"region_code": ["64.03"] * 2, "region_name": ["Kabupaten Berau"] * 2,
         "indicator": ["tps_khusus_share", "ballot_reserve_share"], "value": [3 / 475, 0.031],
         "unit": ["share"] * 2, "coverage": [1.0, 0.5], "norm": [None, 0.025],
         "status": [None, "ready"], "as_of": [dt.date(2024, 11, 25)] * 2},
    )  # fmt: skip
    indonesian = format_indicator_table(frame, "id")
    assert "0,63 %" in indonesian
    assert "3,1 %" in indonesian
    assert "2,5 %" in indonesian  # the norm in the indicator's unit
    english = format_indicator_table(frame, "en")
    assert "0.63%" in english  # English writes no space before the percent sign
    assert "25 November 2024" in english
