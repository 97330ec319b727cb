"""Roll-ups to kecamatan, kabupaten and provinsi, coverage, snapshots and options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import polars as pl
import pytest

from readiness.indicators import (
    INDICATOR_SCHEMA,
    IndicatorInputError,
    compute_indicators,
    load_registry,
    resolve_election,
)
from readiness.ingest import Dataset
from readiness.regions import descendants

Compute = Callable[..., pl.DataFrame]
Pick = Callable[..., dict[str, Any]]
BERAU, KUTIM = "64.03", "64.08"
DAY = dt.date(2024, 11, 25)


def _summary(code: str, **values: Any) -> dict[str, Any]:
    return {"region_code": code, "as_of": DAY, **values}


def test_output_columns_and_types(compute: Compute) -> None:
    out = compute(summary=[_summary(BERAU, tps=475)])
    assert out.schema == pl.Schema(INDICATOR_SCHEMA)
    kabupaten = load_registry().at_level("kabupaten")
    assert out.height == 10 * len(kabupaten)  # every regency of Kaltim, every indicator


def test_province_sums_complete_regencies_only(compute: Compute, pick: Pick) -> None:
    out = compute(
        "provinsi",
        summary=[
            _summary(BERAU, tps=475, voters=200_000),
            _summary(KUTIM, tps=1000, voters=None),
        ],
    )
    # voters per TPS: only Berau has both inputs → 200,000 / 475 (Kutai Timur's TPS not used)
    result = pick(out, "64", "voters_per_tps")
    assert result["value"] == pytest.approx(200_000 / 475)
    # coverage: Berau 1, Kutai Timur 0.5, eight regencies 0 → 1.5 / 10
    assert result["coverage"] == pytest.approx(0.15)
    assert result["region_name"] == "Kalimantan Timur"


def test_province_never_adds_personnel_counted_with_different_agencies(
    compute: Compute, pick: Pick
) -> None:
    # Kutai Kartanegara counts police only, Samarinda police + Linmas, Berau does not say
    police_only = _summary("64.02", tps=1301, security_personnel=550, security_agencies="polri")
    with_linmas = _summary("64.72", tps=1000, security_personnel=3107,
                           security_agencies="polri_linmas")  # fmt: skip
    unsplit = _summary(BERAU, tps=475, security_personnel=1588, security_agencies="unknown")
    mixed = compute("provinsi", summary=[police_only, with_linmas, unsplit])
    assert pick(mixed, "64", "security_personnel_per_tps")["value"] is None
    assert pick(mixed, "64", "security_personnel_per_tps")["coverage"] > 0  # reported, not added
    # a figure not broken down is not added to one that is, nor to another not broken down
    assert pick(compute("provinsi", summary=[police_only, unsplit]), "64",
                "security_personnel_per_tps")["value"] is None  # fmt: skip
    # the same scope everywhere: added
    same = _summary("64.09", tps=900, security_personnel=443, security_agencies="polri")
    alike = compute("provinsi", summary=[police_only, same])
    assert pick(alike, "64", "security_personnel_per_tps")["value"] == pytest.approx(
        (550 + 443) / (1301 + 900)
    )
    # a regency's own figure keeps its value whatever its scope
    kabupaten = compute("kabupaten", summary=[police_only, with_linmas, unsplit])
    assert pick(kabupaten, BERAU, "security_personnel_per_tps")["value"] == pytest.approx(
        1588 / 475
    )


def test_province_police_per_tps_adds_police_of_every_regency(compute: Compute, pick: Pick) -> None:
    # police counted by agency are one scope, whatever else each regency counts
    personnel = [
        {"region_code": "64.02", "agency": "polri", "role": "security", "count": 550, "as_of": DAY},
        {"region_code": "64.72", "agency": "polri", "role": "security", "count": 703, "as_of": DAY},
        {"region_code": "64.72", "agency": "linmas", "role": "security", "count": 2404,
         "as_of": DAY},
    ]  # fmt: skip
    out = compute("provinsi", personnel=personnel,
                  summary=[_summary("64.02", tps=1301), _summary("64.72", tps=1202)])  # fmt: skip
    assert pick(out, "64", "police_per_tps")["value"] == pytest.approx((550 + 703) / (1301 + 1202))
    assert pick(out, "64", "security_personnel_per_tps")["value"] is None


def test_province_logistics_is_the_share_of_all_reporting_kecamatan(
    compute: Compute, pick: Pick
) -> None:
    berau = descendants(BERAU, depth=3)["code"].to_list()
    kutim = descendants(KUTIM, depth=3)["code"].to_list()
    rows = [{"region_code": c, "item": "all", "stage": "ppk", "as_of": DAY} for c in berau[:11]]
    rows += [{"region_code": c, "item": "all", "stage": "kpu", "as_of": DAY} for c in berau[11:]]
    rows += [{"region_code": c, "item": "all", "stage": "kpu", "as_of": DAY} for c in kutim[:5]]
    out = compute("provinsi", logistics=rows)
    assert pick(out, "64", "logistics_completion_kecamatan")["value"] == pytest.approx(11 / 18)


def test_kecamatan_level_uses_detail_and_reference_villages(compute: Compute, pick: Pick) -> None:
    kecamatan = descendants(BERAU, depth=3)
    first = kecamatan["code"][0]
    villages = descendants(first, depth=4)["code"].to_list()
    rows = [{"region_code": v, "tps": 2, "as_of": DAY} for v in villages]
    out = compute("kecamatan", polling_stations=rows, summary=[_summary(BERAU, tps=475)])
    assert out["region_code"].str.len_chars().unique().to_list() == [8]
    assert pick(out, first, "tps_per_village")["value"] == 2.0
    # a kecamatan without detail does not inherit the regency summary
    other = pick(out, kecamatan["code"][1], "tps_per_village")
    assert other["value"] is None
    assert "tps_reconciliation_gap" not in out["indicator"].to_list()


def test_snapshots_latest_by_default_and_time_series_on_request(
    compute: Compute, pick: Pick
) -> None:
    early, late = dt.date(2024, 11, 20), DAY
    summary = [
        {"region_code": BERAU, "as_of": early, "tps": 470, "village_count": 110},
        {"region_code": BERAU, "as_of": late, "tps": 475, "village_count": 110},
    ]
    latest = pick(compute(summary=summary), BERAU, "tps_per_village")
    assert (latest["value"], latest["as_of"]) == (pytest.approx(475 / 110), late)
    then = pick(compute(summary=summary, as_of=early), BERAU, "tps_per_village")
    assert then["value"] == pytest.approx(470 / 110)
    assert pick(compute(summary=summary, as_of="2024-11-22"), BERAU, "tps_per_village")[
        "value"
    ] == pytest.approx(470 / 110)
    series = compute(summary=summary, as_of="all").filter(
        (pl.col("region_code") == BERAU) & (pl.col("indicator") == "tps_per_village")
    )
    assert series.select("as_of", "value").rows() == [
        (early, pytest.approx(470 / 110)),
        (late, pytest.approx(475 / 110)),
    ]


def test_latest_record_per_kecamatan_across_dates(compute: Compute, pick: Pick) -> None:
    kecamatan = descendants(BERAU, depth=3)["code"].to_list()
    rows = [
        {
            "region_code": kecamatan[0],
            "item": "all",
            "stage": "kpu",
            "as_of": dt.date(2024, 11, 23),
        },
        {"region_code": kecamatan[0], "item": "all", "stage": "ppk", "as_of": DAY},
        {
            "region_code": kecamatan[1],
            "item": "all",
            "stage": "kpu",
            "as_of": dt.date(2024, 11, 24),
        },
    ]
    result = pick(compute(logistics=rows), BERAU, "logistics_completion_kecamatan")
    assert result["value"] == 0.5
    assert result["as_of"] == DAY


def test_norm_override_from_mapping_and_file(compute: Compute, pick: Pick, tmp_path: Any) -> None:
    summary = [_summary(BERAU, tps=1000, voters=550_000)]
    assert pick(compute(summary=summary), BERAU, "voters_per_tps")["status"] == "ready"
    strict = compute(summary=summary, norms_override={"max_voters_per_tps": 500})
    assert pick(strict, BERAU, "voters_per_tps")["norm"] == 500.0
    assert pick(strict, BERAU, "voters_per_tps")["status"] == "attention"
    override = tmp_path / "norms.yaml"
    override.write_text("norms:\n  max_voters_per_tps:\n    value: 500\n", encoding="utf-8")
    from_file = compute(summary=summary, norms_override=override)
    assert pick(from_file, BERAU, "voters_per_tps")["norm"] == 500.0


def test_bad_options_are_explained_in_both_languages() -> None:
    dataset = Dataset("x")
    with pytest.raises(IndicatorInputError, match=r"level must be one of .*Hint") as level:
        compute_indicators(dataset, level="regency")  # type: ignore[arg-type]
    assert "Petunjuk" in level.value.message("id")
    with pytest.raises(IndicatorInputError, match="did you mean 'max_voters_per_tps'") as norm:
        compute_indicators(dataset, norms_override={"max_voter_per_tps": 1})
    assert "maksudnya 'max_voters_per_tps'" in norm.value.message("id")
    with pytest.raises(IndicatorInputError, match="as_of must be a date") as day:
        compute_indicators(dataset, as_of="kemarin")
    assert day.value.message("id").startswith("Tanggal data")


def test_empty_dataset_gives_empty_frame() -> None:
    out = compute_indicators(Dataset("empty"))
    assert out.height == 0
    assert out.schema == pl.Schema(INDICATOR_SCHEMA)


def test_restrict_to_some_indicators(compute: Compute) -> None:
    out = compute_indicators(
        Dataset("x", tables={"summary": pl.DataFrame({"region_code": [BERAU], "as_of": [DAY]})}),
        indicators=["tps_per_village"],
    )
    assert out["indicator"].unique().to_list() == ["tps_per_village"]


def test_norm_outside_its_validity_is_not_applied(pick: Pick) -> None:
    election = resolve_election("pilkada-2024")
    expired = replace(election.norms["max_voters_per_tps"], valid_to=dt.date(2024, 11, 1))
    election = replace(election, norms={**election.norms, "max_voters_per_tps": expired})
    summary = pl.DataFrame({"region_code": [BERAU], "as_of": [DAY], "tps": [10], "voters": [9000]})
    out = compute_indicators(Dataset("x", tables={"summary": summary}), election=election)
    result = pick(out, BERAU, "voters_per_tps")
    assert result["value"] == 900.0
    assert result["norm"] is None
    assert result["status"] is None
