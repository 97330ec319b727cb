"""Charts: one theme, the statuses in their colours, the norm drawn."""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl

from readiness.present import (
    STATUS_COLORS,
    indicator_bars,
    logistics_by_stage,
    neutrality_flow,
    status_overview,
)


def _values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    if "datasets" in spec:
        return list(_values(spec))
    return list(spec["data"]["values"])


def _indicators() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "region_code": ["64.03", "64.02", "64.74"],
            "region_name": ["Kabupaten Berau", "Kabupaten Kutai Kartanegara", "Kota Bontang"],
            "indicator": ["voters_per_tps"] * 3,
            "value": [420.0, None, 650.0],
            "unit": ["voters/tps"] * 3,
            "norm": [600.0] * 3,
            "status": ["ready", None, "critical"],
        }
    )


def test_charts_use_the_readiness_theme() -> None:
    indicator_bars(_indicators(), "voters_per_tps")
    assert alt.theme.active == "readiness"


def test_indicator_bars_sorted_by_value_with_norm_and_missing_kept() -> None:
    spec = indicator_bars(_indicators(), "voters_per_tps", highlight="64.03").to_dict()
    values = _values(spec)
    names = spec["layer"][0]["encoding"]["y"]["sort"]
    assert names == ["Bontang", "▶ Berau", "Kutai Kartanegara"]
    missing = next(v for v in values if v["name"] == "Kutai Kartanegara")
    assert missing["value"] is None
    assert missing["shown"] == "–"
    assert spec["layer"][2]["mark"]["type"] == "rule"
    colours = spec["layer"][0]["encoding"]["color"]["scale"]["range"]
    assert STATUS_COLORS["critical"] in colours


def test_stage_and_flow_charts_follow_the_contract_order() -> None:
    stages = logistics_by_stage(
        pl.DataFrame({"regency_name": ["Berau"] * 2, "stage": ["ppk", "kpu"], "units": [11, 2]})
    ).to_dict()
    assert stages["encoding"]["color"]["sort"][0] == "Gudang KPU kab/kota"
    flow = neutrality_flow(
        pl.DataFrame({"subject": ["village_head"], "status": ["recommended"]}), "en"
    ).to_dict()
    assert flow["encoding"]["y"]["sort"][0] == "Reported"


def test_status_overview_labels_indicators_with_given_names() -> None:
    frame = _indicators().with_columns(pl.lit(None, pl.Date).alias("as_of"))
    spec = status_overview(frame, {"voters_per_tps": "Pemilih per TPS"}).to_dict()
    values = _values(spec)
    assert {v["label"] for v in values} == {"Pemilih per TPS"}


def _svg_texts(chart: Any) -> list[str]:
    import re

    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(chart.to_dict())
    return [t.replace("\xa0", " ") for t in re.findall(r">([^<]+)</text>", svg)]


def test_axis_ticks_use_the_decimal_mark_and_percent_of_the_document() -> None:
    frame = _indicators().with_columns(
        pl.Series("value", [0.38, None, 4.57]), pl.lit(None, pl.Float64).alias("norm")
    )
    ticks_id = _svg_texts(indicator_bars(frame, "voters_per_tps", lang="id"))
    ticks_en = _svg_texts(indicator_bars(frame, "voters_per_tps", lang="en"))
    assert "0,5" in ticks_id
    assert "0.5" not in ticks_id
    assert "0.5" in ticks_en
    stages = pl.DataFrame(
        {"regency_name": ["Berau"] * 2, "stage": ["ppk", "kpu"], "units": [11, 2]}
    )
    assert "50 %" in _svg_texts(logistics_by_stage(stages, "id"))
    assert "50%" in _svg_texts(logistics_by_stage(stages, "en"))


def test_time_axis_names_months_in_the_document_language_once_per_day() -> None:
    import datetime as dt

    from readiness.present import logistics_over_time

    series = pl.DataFrame({"as_of": [dt.date(2024, 8, 4), dt.date(2024, 8, 6)],
                           "region_name": ["Berau"] * 2, "value": [0.2, 0.5]})  # fmt: skip
    ticks_id = [t for t in _svg_texts(logistics_over_time(series, "id")) if t[0].isdigit()]
    assert [t for t in ticks_id if "%" not in t] == ["4 Agu", "5 Agu", "6 Agu"]
    ticks_en = _svg_texts(logistics_over_time(series, "en"))
    assert "4 Aug" in ticks_en
