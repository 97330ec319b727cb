"""The comparison: ranks honour direction, composite coverage, status, sensitivity, config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from readiness.compare import (
    CompareConfig,
    CompareConfigError,
    compare_regencies,
    load_compare_config,
    not_ranked_reason,
)
from readiness.indicators import INDICATOR_SCHEMA, Thresholds

REGENCIES = ["64.01", "64.02", "64.03", "64.07", "64.08"]


def _frame(rows: list[tuple[str, str, float | None]]) -> pl.DataFrame:
    records: list[dict[str, Any]] = [
        {"region_code": code, "region_name": f"R{code}", "indicator": indicator,
         "value": value, "unit": "", "coverage": 1.0 if value is not None else 0.0,
         "norm": 600.0 if indicator == "voters_per_tps" else None, "status": None,
         "as_of": None}
        for code, indicator, value in rows
    ]  # fmt: skip
    return pl.DataFrame(records, schema=INDICATOR_SCHEMA)


def _config(**changes: Any) -> CompareConfig:
    settings: dict[str, Any] = {
        "weights": {"logistics_completion_kecamatan": 1.0, "voters_per_tps": 1.0},
        "draws": 200,
    }
    settings.update(changes)
    return CompareConfig(**settings)


def test_rank_honours_direction_and_skips_missing() -> None:
    frame = _frame(
        [(c, "logistics_completion_kecamatan", v) for c, v in zip(REGENCIES, [1, 0.5, None, 0.9, 0.5], strict=True)]
        + [(c, "voters_per_tps", v) for c, v in zip(REGENCIES, [400, 700, 300, None, 500], strict=True)]
    )  # fmt: skip
    result = compare_regencies(frame, config=_config())
    ranks = {
        (r["indicator"], r["region_code"]): r["rank"]
        for r in result.indicators.iter_rows(named=True)
    }
    assert [ranks["logistics_completion_kecamatan", c] for c in REGENCIES] == [1, 3, None, 2, 3]
    # fewer voters per TPS is better
    assert [ranks["voters_per_tps", c] for c in REGENCIES] == [2, 4, 1, None, 3]
    # statuses are those of the indicator frame: the comparison does not decide them again
    assert result.indicators["status"].null_count() == result.indicators.height


def test_statuses_agree_with_compute_indicators_unless_overridden() -> None:
    import datetime as dt

    from readiness.indicators import compute_indicators
    from readiness.ingest import Dataset

    summary = pl.DataFrame(
        {"region_code": ["64.01", "64.02", "64.03"], "as_of": [dt.date(2024, 11, 25)] * 3,
         "tps": [100, 100, 100], "voters": [55_000, 70_000, 90_000],
         "security_personnel": [150, 250, 90]},
    )  # fmt: skip
    indicators = compute_indicators(Dataset("x", tables={"summary": summary}))
    config = _config(weights={"voters_per_tps": 1.0, "data_coverage": 1.0})
    compared = compare_regencies(indicators, config=config).indicators
    joined = compared.join(indicators, on=["region_code", "indicator"], suffix="_computed")
    assert joined["status"].to_list() == joined["status_computed"].to_list()
    voters = joined.filter(pl.col("indicator") == "voters_per_tps").sort("region_code")
    assert voters["status"].to_list()[:3] == ["ready", "attention", "critical"]
    stricter = _config(
        weights={"voters_per_tps": 1.0},
        thresholds={"voters_per_tps": Thresholds(ready=500, critical=650)},
    )
    strict = compare_regencies(indicators, config=stricter).indicators
    strict_voters = strict.filter(pl.col("indicator") == "voters_per_tps").sort("region_code")
    assert strict_voters["status"].to_list()[:3] == ["attention", "critical", "critical"]


def test_composite_coverage_and_status() -> None:
    frame = _frame(
        [("64.01", "logistics_completion_kecamatan", 1.0), ("64.01", "voters_per_tps", 500.0),
         ("64.02", "logistics_completion_kecamatan", 0.5), ("64.02", "voters_per_tps", None),
         ("64.03", "logistics_completion_kecamatan", None), ("64.03", "voters_per_tps", None)]
    )  # fmt: skip
    result = compare_regencies(frame, config=_config(min_composite_coverage=0.5))
    composite = {r["region_code"]: r for r in result.composite.iter_rows(named=True)}
    assert composite["64.01"]["coverage"] == 1.0
    assert composite["64.01"]["score"] == 1.0
    assert composite["64.01"]["status"] == "ready"
    # goalposts: 0.5 is below the critical bound (0.75) → 0; only half the weight reported
    assert composite["64.02"]["coverage"] == 0.5
    assert composite["64.02"]["score"] == 0.0
    assert composite["64.02"]["status"] == "critical"
    assert composite["64.03"]["score"] is None
    assert composite["64.03"]["coverage"] == 0.0
    assert composite["64.03"]["rank"] is None
    strict = compare_regencies(frame, config=_config(min_composite_coverage=0.75))
    assert strict.composite.filter(pl.col("region_code") == "64.02")["rank"].to_list() == [None]


def test_minmax_with_zero_range_is_safe() -> None:
    frame = _frame([(c, "logistics_completion_kecamatan", 0.8) for c in REGENCIES])
    config = _config(weights={"logistics_completion_kecamatan": 1.0}, normalisation="minmax")
    result = compare_regencies(frame, config=config)
    assert result.composite["score"].to_list() == [1.0] * len(REGENCIES)
    assert result.composite["rank"].to_list() == [1] * len(REGENCIES)


def test_sensitivity_is_seeded_and_bounded() -> None:
    rows = []
    for n, code in enumerate(REGENCIES):
        rows.append((code, "logistics_completion_kecamatan", 0.75 + 0.05 * n))
        rows.append((code, "voters_per_tps", 500.0 + 60 * (4 - n)))
    frame = _frame(rows)
    first = compare_regencies(frame, config=_config(seed=1))
    again = compare_regencies(frame, config=_config(seed=1))
    assert first.sensitivity.equals(again.sensitivity)
    table = first.sensitivity
    assert table.height == len(REGENCIES)
    for column in ("keeps_rank_share", "bottom_share"):
        assert table[column].is_between(0.0, 1.0).all()
    ranks = first.composite.join(table, on="region_code")
    assert (ranks["rank_min"] <= ranks["rank"]).all()
    assert (ranks["rank"] <= ranks["rank_max"]).all()
    # with one dominating regency, perturbing the weights cannot move it
    best = ranks.filter(pl.col("rank") == 1)
    assert best["keeps_rank_share"].to_list() == [1.0]


def test_config_errors_are_explained(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="did you mean 'tps_per_village'"):
        CompareConfig(weights={"tps_per_villages": 1.0})
    with pytest.raises(ValueError, match="must be a positive number"):
        CompareConfig(weights={"data_coverage": 0.0})
    with pytest.raises(ValueError, match="needs thresholds for police_per_tps"):
        CompareConfig(weights={"police_per_tps": 1.0})
    with pytest.raises(ValueError, match="normalisation must be one of"):
        CompareConfig(normalisation="zscore")  # type: ignore[arg-type]
    bad = tmp_path / "bad.yaml"
    bad.write_text("wieghts: {data_coverage: 1}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown setting.*wieghts"):
        load_compare_config(bad)


def test_config_errors_speak_indonesian_too(tmp_path: Path) -> None:
    with pytest.raises(CompareConfigError) as unknown:
        CompareConfig(weights={"tps_per_villages": 1.0})
    assert unknown.value.message("id") == (
        "weights: indikator 'tps_per_villages' tidak dikenal. Petunjuk: maksudnya "
        "'tps_per_village'?"
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("weights: [data_coverage\n", encoding="utf-8")
    with pytest.raises(CompareConfigError) as invalid:
        load_compare_config(broken)
    assert invalid.value.message("id").startswith(f"{broken} bukan YAML yang sah")
    assert "Hint: indent with spaces" in str(invalid.value)


def test_config_file_overrides_packaged_settings(tmp_path: Path) -> None:
    override = tmp_path / "status.yaml"
    override.write_text(
        "weights: {data_coverage: 1}\nsensitivity: {draws: 10}\n"
        "thresholds: {data_coverage: {ready: 0.9, critical: 0.6}}\n",
        encoding="utf-8",
    )
    config = load_compare_config(override)
    assert config.weights == {"data_coverage": 1.0}  # weights replace as a whole
    assert config.draws == 10
    assert config.seed == load_compare_config().seed  # the rest is kept
    frame = _frame([("64.01", "data_coverage", 0.85)])
    result = compare_regencies(frame, config=override)
    assert result.indicators["status"].to_list() == ["attention"]


def test_wrong_level_is_explained() -> None:
    frame = _frame([("64.03.01", "logistics_completion_kecamatan", 1.0)])
    with pytest.raises(ValueError, match=r"expects kabupaten/kota rows.*Hint"):
        compare_regencies(frame, config=_config())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("weights: [a, b]", "weights: expected settings as 'key: value' lines"),
        ("weights: {voters_per_tps: }", "weights.voters_per_tps: expected a number, got None"),
        ("sensitivity: [1]", "sensitivity: expected settings as 'key: value' lines"),
        ("sensitivity: {draws: 1.7}", "sensitivity.draws: expected a whole number, got 1.7"),
        ("min_composite_coverage: abc", "min_composite_coverage: expected a number, got 'abc'"),
        (
            "composite_thresholds: {ready: 0.2, critical: 0.9}",
            "ready (0.2) must not be below critical (0.9)",
        ),
    ],
)
def test_config_values_are_checked(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "status.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(CompareConfigError) as problem:
        load_compare_config(path)
    assert expected in str(problem.value)
    assert problem.value.message("id") != str(problem.value)


def test_unreadable_config_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(CompareConfigError, match=r"cannot read .*Hint: check the path"):
        load_compare_config(tmp_path / "missing.yaml")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CompareConfigError, match="not UTF-8"):
        load_compare_config(binary)


def test_below_the_minimum_coverage_a_regency_is_not_ranked_and_says_why() -> None:
    frame = _frame(
        [("64.01", "logistics_completion_kecamatan", 1.0), ("64.01", "voters_per_tps", 500.0),
         ("64.02", "logistics_completion_kecamatan", 1.0), ("64.02", "voters_per_tps", None)]
    )  # fmt: skip
    # the packaged minimum: 70 % of the weights; 64.02 has half of them, and a perfect score
    assert load_compare_config().min_composite_coverage == 0.7
    result = compare_regencies(frame, config=_config(min_composite_coverage=0.7))
    composite = {r["region_code"]: r for r in result.composite.iter_rows(named=True)}
    assert (composite["64.01"]["rank"], composite["64.01"]["status"]) == (1, "ready")
    assert composite["64.02"]["score"] == 1.0
    assert (composite["64.02"]["rank"], composite["64.02"]["status"]) == (None, None)
    assert result.not_ranked_reason("64.01") is None
    assert result.not_ranked_reason("64.02") == "data tersedia 50 % dari bobot, perlu ≥ 70 %"
    assert result.not_ranked_reason("64.02", "en") == (
        "data available for 50% of the weight, needs ≥ 70%"
    )
    # an unranked regency has no rank to keep: no sensitivity row
    assert result.sensitivity["region_code"].to_list() == ["64.01"]
    assert result.as_dict()["settings"]["min_composite_coverage"] == 0.7


def test_the_minimum_coverage_is_read_from_the_settings_file(tmp_path: Path) -> None:
    settings = tmp_path / "compare.yaml"
    settings.write_text("min_composite_coverage: 0.4\n", encoding="utf-8")
    assert load_compare_config(settings).min_composite_coverage == 0.4
    settings.write_text("min_composite_coverage: 1.5\n", encoding="utf-8")
    with pytest.raises(CompareConfigError, match=r"min_composite_coverage must lie in \[0, 1\]"):
        load_compare_config(settings)


def test_a_reason_never_reads_as_if_the_minimum_were_met() -> None:
    assert not_ranked_reason(0.6999, 0.7) == "data tersedia 69 % dari bobot, perlu ≥ 70 %"
    assert not_ranked_reason(0.0, 0.7, "en") == "data available for 0% of the weight, needs ≥ 70%"
    assert not_ranked_reason(0.7, 0.7) is None


def test_descriptive_indicators_are_never_scored_ranked_or_weighted() -> None:
    frame = _frame(
        [(c, "tps_per_village", v) for c, v in zip(REGENCIES, [4.3, 29.3, 1.5, None, 5.4], strict=True)]
        + [(c, "tps_khusus_share", v) for c, v in zip(REGENCIES, [0.01, 0.0, 0.006, 0.003, None], strict=True)]
        + [(c, "logistics_completion_kecamatan", 1.0) for c in REGENCIES]
    )  # fmt: skip
    result = compare_regencies(frame, config=_config(weights={"logistics_completion_kecamatan": 1}))
    descriptive = result.indicators.filter(
        pl.col("indicator").is_in(["tps_per_village", "tps_khusus_share"])
    )
    assert descriptive.height == 2 * len(REGENCIES)
    assert descriptive["rank"].null_count() == descriptive.height
    assert descriptive["score"].null_count() == descriptive.height
    assert descriptive["ranked"].to_list() == [0] * descriptive.height
    # their values are kept: they describe the regency
    assert descriptive["value"].null_count() == 2
    for where in ("weights", "thresholds"):
        setting: Any = 1.0 if where == "weights" else Thresholds(1, 0.5)
        with pytest.raises(CompareConfigError, match="tps_per_village is descriptive") as error:
            CompareConfig(**{where: {"tps_per_village": setting}})
        assert "deskriptif" in error.value.message("id")
