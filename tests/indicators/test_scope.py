"""A summary with partial detail, rejected rows, and case records: what an analyst would check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from readiness.cli import main
from readiness.regions import descendants

Compute = Callable[..., pl.DataFrame]
Pick = Callable[..., dict[str, Any]]

BERAU = "64.03"
DAY = dt.date(2024, 11, 25)
KECAMATAN = descendants(BERAU, depth=3)["code"].to_list()
VILLAGES = descendants(BERAU, depth=4)["code"].to_list()
FOUNDING = {"region_code": BERAU, "as_of": DAY, "village_count": 110, "tps": 475,
            "tps_khusus": 3, "security_personnel": 1588}  # fmt: skip


def _first_village(kecamatan: str) -> str:
    return next(code for code in VILLAGES if code.startswith(kecamatan + "."))


def _villages_of(kecamatan: list[str]) -> int:
    return sum(descendants(code, depth=4).height for code in kecamatan)


def test_one_village_per_kecamatan_does_not_replace_the_summary(
    compute: Compute, pick: Pick
) -> None:
    # a row for 13 of Berau's 110 villages reaches every kecamatan but not every village
    rows = [{"region_code": _first_village(k), "tps": 1, "as_of": DAY} for k in KECAMATAN]
    out = compute(summary=[FOUNDING], polling_stations=rows)
    expected = {"tps_per_village": 475 / 110, "tps_khusus_share": 3 / 475,
                "security_personnel_per_tps": 1588 / 475}  # fmt: skip
    for indicator, value in expected.items():
        result = pick(out, BERAU, indicator)
        assert result["value"] == pytest.approx(value), indicator
        assert result["coverage"] == 1.0, indicator
    # 13 villages are not the regency: no reconciliation against them
    gap = pick(out, BERAU, "tps_reconciliation_gap")
    assert gap["value"] is None
    assert gap["coverage"] == pytest.approx((1 + 13 / 110) / 2)


def test_detail_reaching_every_village_replaces_the_summary(compute: Compute, pick: Pick) -> None:
    # kecamatan rows for twelve kecamatan, village rows for all villages of the thirteenth
    last = KECAMATAN[-1]
    rows = [{"region_code": k, "tps": 30, "as_of": DAY} for k in KECAMATAN[:-1]]
    rows += [{"region_code": v, "tps": 2, "as_of": DAY} for v in VILLAGES if v.startswith(last)]
    out = compute(summary=[FOUNDING], polling_stations=rows)
    total = 12 * 30 + 2 * _villages_of([last])
    result = pick(out, BERAU, "tps_per_village")
    assert (result["value"], result["coverage"]) == (pytest.approx(total / 110), 1.0)
    assert pick(out, BERAU, "tps_reconciliation_gap")["value"] == pytest.approx(
        abs(475 - total) / 475
    )


def test_a_kecamatan_row_is_not_added_to_its_own_villages(compute: Compute, pick: Pick) -> None:
    first = KECAMATAN[0]
    rows = [{"region_code": k, "tps": 30, "as_of": DAY} for k in KECAMATAN]
    rows += [{"region_code": v, "tps": 5, "as_of": DAY} for v in VILLAGES if v.startswith(first)]
    out = compute(polling_stations=rows)
    assert pick(out, BERAU, "tps_per_village")["value"] == pytest.approx(13 * 30 / 110)


def test_partial_detail_alone_gives_a_value_over_the_villages_it_covers(
    compute: Compute, pick: Pick
) -> None:
    covered = KECAMATAN[:4]
    rows = [{"region_code": k, "tps": 40, "voters": 16_000, "as_of": DAY} for k in covered]
    out = compute(polling_stations=rows)
    villages = _villages_of(covered)
    per_village = pick(out, BERAU, "tps_per_village")
    assert per_village["value"] == pytest.approx(160 / villages)
    # TPS reported for part of Berau; the village count is the reference (not reported)
    assert per_village["coverage"] == pytest.approx(villages / 110 / 2)
    per_tps = pick(out, BERAU, "voters_per_tps")
    assert per_tps["value"] == pytest.approx(400.0)
    assert per_tps["coverage"] == pytest.approx(villages / 110)


def test_voters_of_some_kecamatan_are_not_divided_by_the_regency_tps(
    compute: Compute, pick: Pick
) -> None:
    covered = KECAMATAN[:4]
    voters_only = [{"region_code": k, "voters": 30_000, "as_of": DAY} for k in covered]
    out = compute(summary=[FOUNDING], polling_stations=voters_only)
    result = pick(out, BERAU, "voters_per_tps")
    assert result["value"] is None
    assert result["status"] is None
    assert result["coverage"] == pytest.approx((_villages_of(covered) / 110 + 1) / 2)
    # the same kecamatan with their own TPS: a value over those kecamatan only
    both = [{**row, "tps": 60} for row in voters_only]
    result = pick(compute(summary=[FOUNDING], polling_stations=both), BERAU, "voters_per_tps")
    assert result["value"] == pytest.approx(500.0)


def test_rows_validation_rejects_are_left_out(compute: Compute, pick: Pick) -> None:
    rows = [{"region_code": k, "tps": 30, "voters": 12_000, "as_of": DAY} for k in KECAMATAN]
    duplicated = [*rows, rows[0]]
    out = compute(polling_stations=duplicated)
    assert pick(out, BERAU, "voters_per_tps")["value"] == pytest.approx(400.0)
    assert pick(out, BERAU, "tps_per_village")["value"] == pytest.approx(13 * 30 / 110)
    negative = [*rows[:-1], {**rows[-1], "tps": -4, "voters": 300}]
    out = compute(polling_stations=negative)
    result = pick(out, BERAU, "voters_per_tps")
    assert result["value"] == pytest.approx(400.0)  # the rejected row's voters are not used
    assert result["coverage"] < 1.0


def test_cases_without_a_number_are_each_their_own_record(compute: Compute, pick: Pick) -> None:
    anonymous = [
        {"region_code": BERAU, "subject": "civil_servant", "status": "reported",
         "as_of": dt.date(2024, 11, 20)},
        {"region_code": BERAU, "subject": "civil_servant", "status": "examined", "as_of": DAY},
    ]  # fmt: skip
    out = compute(neutrality_cases=anonymous)
    assert pick(out, BERAU, "neutrality_cases")["value"] == 2.0
    assert pick(out, BERAU, "neutrality_followup_rate")["value"] == 0.0  # none concluded
    numbered = [{**case, "case_id": "64.03-01"} for case in anonymous]
    out = compute(neutrality_cases=numbered)
    assert pick(out, BERAU, "neutrality_cases")["value"] == 1.0  # one case, two snapshots
    assert pick(out, BERAU, "neutrality_followup_rate")["value"] == 0.0  # examined is still open


def test_cli_says_how_many_errors_and_leaves_their_rows_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "Kode wilayah;Per tanggal;Jumlah desa/kelurahan;Jumlah TPS;Personel pengamanan",
        "64.03;25/11/2024;110;475;1588",
        "64.08;25/11/2024;141;-4;900",
        "64.07;25/11/2024;194;banyak;700",
    ]
    (tmp_path / "ringkasan.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["indicators", str(tmp_path), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1
    assert "2 kesalahan" in captured.err
    assert "readiness validate" in captured.err
    import json

    records = {(r["region_code"], r["indicator"]): r for r in json.loads(captured.out)}
    assert round(records["64.03", "tps_per_village"]["value"], 2) == 4.32
    for regency in ("64.08", "64.07"):  # a negative count; a count that cannot be read
        rejected = records[regency, "security_personnel_per_tps"]
        assert (rejected["value"], rejected["coverage"]) == (None, 0.0)  # the row is not used
    code = main(["indicators", str(tmp_path), "--lang", "en"])
    assert code == 1
    assert "2 error(s) in the data" in capsys.readouterr().err
    assert main(["compare", str(tmp_path), "--format", "json"]) == 1
    assert "2 kesalahan" in capsys.readouterr().err
