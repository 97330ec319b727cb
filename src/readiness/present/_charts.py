"""Charts over the library's frames, all in the ``readiness`` theme.

Every function takes tidy polars frames (indicator frames have the columns ``region_code``,
``region_name``, ``indicator``, ``value``, ``unit``, ``coverage``, ``norm``, ``status``,
``as_of``) and returns an altair chart, which displays in Jupyter as it is and in reports
through :class:`readiness.present.Figure`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import altair as alt
import polars as pl

from readiness.contract import CASE_STATUSES, CASE_SUBJECTS, SHOWN_STATUSES, STAGES, Language
from readiness.present._format import format_value, vega_locale
from readiness.present._labels import STATUS_COLORS, status_label, text
from readiness.present._theme import enable_theme

__all__ = [
    "Chart",
    "indicator_bars",
    "localized",
    "logistics_by_stage",
    "logistics_over_time",
    "neutrality_flow",
    "status_overview",
]

Chart = alt.Chart | alt.LayerChart | alt.FacetChart
"""What the chart functions return: an altair chart, displayable in Jupyter."""

_STATUS_ORDER = SHOWN_STATUSES.keys


def _status_scale(lang: Language, keys: tuple[str, ...] = _STATUS_ORDER) -> alt.Scale:
    return alt.Scale(
        domain=[status_label(s if s != "missing" else None, lang) for s in keys],
        range=[STATUS_COLORS[s] for s in keys],
    )


_INDICATOR_STATUSES = tuple(s for s in _STATUS_ORDER if s != "insufficient")
"""An indicator has a status or not; only a composite can lack the data for one."""


def localized(chart: Chart, lang: Language) -> Chart:
    """The chart drawn with the number and date conventions of ``lang`` (decimal mark,
    percent sign, month and day names on its axes)."""
    configured: Chart = chart.configure(locale=vega_locale(lang))
    return configured


def _data(values: list[dict[str, Any]]) -> alt.Data:
    return alt.Data(values=values)  # type: ignore[no-untyped-call]


def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return json.loads(frame.write_json())  # type: ignore[no-any-return]


def _short_name(name: str) -> str:
    for prefix in ("Kabupaten ", "Kota ", "Kecamatan "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


def _with_labels(frame: pl.DataFrame, lang: Language) -> pl.DataFrame:
    labels = {s: status_label(s if s != "missing" else None, lang) for s in _STATUS_ORDER}
    status = pl.col("status")
    if "value" in frame.columns:
        status = (
            pl.when(status.is_null() & pl.col("value").is_not_null())
            .then(pl.lit("unrated"))
            .otherwise(status)
        )
    return frame.with_columns(
        status.fill_null("missing").replace_strict(labels, default=labels["missing"])
        .alias("status_label"),
        pl.col("region_name").map_elements(_short_name, return_dtype=pl.String).alias("name"),
    )  # fmt: skip


def status_overview(
    indicators: pl.DataFrame,
    names: Mapping[str, str] | None = None,
    lang: Language = "id",
) -> Chart:
    """A grid: one row per region, one column per indicator, coloured by status.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"region_code": ["64.03"], "region_name": ["Kabupaten Berau"],
    ...     "indicator": ["tps_per_village"], "value": [4.32], "unit": ["ratio"],
    ...     "status": ["ready"]})
    >>> status_overview(frame).to_dict()["mark"]["type"]
    'rect'
    """
    enable_theme()
    names = dict(names or {})
    frame = _with_labels(indicators, lang).with_columns(
        pl.col("indicator").replace_strict(names, default=pl.col("indicator")).alias("label"),
        pl.struct("value", "unit")
        .map_elements(lambda r: format_value(r["value"], r["unit"], lang), return_dtype=pl.String)
        .alias("shown"),
    )
    order = list(dict.fromkeys(frame["label"].to_list()))
    chart: Chart = (
        alt.Chart(_data(_records(frame.select("name", "label", "status_label", "shown"))))
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("name:N", title=None, sort="ascending",
                    axis=alt.Axis(labelAngle=-40, orient="top", labelLimit=200)),
            color=alt.Color("status_label:N", scale=_status_scale(lang), title=text("status", lang),
                            legend=alt.Legend(columns=3)),
            tooltip=[alt.Tooltip("name:N", title=text("region", lang)),
                     alt.Tooltip("label:N", title=text("indicator", lang)),
                     alt.Tooltip("shown:N", title=text("value", lang)),
                     alt.Tooltip("status_label:N", title=text("status", lang))],
        )
        .properties(width=alt.Step(30), height=alt.Step(22))
    )  # fmt: skip
    return localized(chart, lang)


def indicator_bars(
    indicators: pl.DataFrame,
    indicator: str,
    title: str = "",
    lang: Language = "id",
    axis_format: str | None = None,
    highlight: str | None = None,
) -> Chart:
    """One indicator across regions: bars coloured by status, the norm as a vertical rule;
    ``highlight`` marks one region (its code) with ``▶``.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"region_code": ["64.03", "64.02"], "region_name": ["Berau",
    ...     "Kukar"], "indicator": ["voters_per_tps"] * 2, "value": [420.0, None],
    ...     "unit": ["voters"] * 2, "norm": [600.0, 600.0], "status": ["ready", None]})
    >>> len(indicator_bars(frame, "voters_per_tps").to_dict()["layer"])
    3
    """
    enable_theme()
    frame = _with_labels(indicators.filter(pl.col("indicator") == indicator), lang)
    if highlight is not None:
        frame = frame.with_columns(
            pl.when(pl.col("region_code") == highlight)
            .then(pl.lit("▶ ") + pl.col("name"))
            .otherwise(pl.col("name"))
            .alias("name")
        )
    if "norm" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, pl.Float64).alias("norm"))
    unit = frame["unit"].drop_nulls().first() if frame.height else None
    share = str(unit or "").lower() in {"share", "percent", "%", "proportion"}
    fmt = axis_format or ("%" if share else ",.2~f")
    frame = frame.with_columns(
        pl.struct("value", "unit")
        .map_elements(lambda r: format_value(r["value"], r["unit"], lang), return_dtype=pl.String)
        .alias("shown"),
        pl.col("value").fill_null(0.0).alias("bar"),
    )
    data = _data(_records(frame.select("name", "bar", "value", "shown",
                                                 "status_label", "norm")))  # fmt: skip
    order = frame.sort("bar", "name", descending=[True, False])["name"].to_list()
    base = alt.Chart(data).encode(y=alt.Y("name:N", sort=order, title=None))
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("bar:Q", title=title or indicator, axis=alt.Axis(format=fmt)),
        color=alt.Color("status_label:N", scale=_status_scale(lang, _INDICATOR_STATUSES),
                        title=text("status", lang)),
        tooltip=[alt.Tooltip("name:N", title=text("region", lang)),
                 alt.Tooltip("shown:N", title=text("value", lang))],
    )  # fmt: skip
    labels = base.mark_text(align="left", dx=3, fontSize=10).encode(x="bar:Q", text="shown:N")
    norm = (
        alt.Chart(data)
        .transform_filter("isValid(datum.norm)")
        .transform_aggregate(norm="max(norm)")
        .mark_rule(strokeDash=[4, 3], strokeWidth=1.5)
        .encode(x="norm:Q")
    )
    chart: Chart = alt.layer(bars, labels, norm).properties(width=360, height=alt.Step(18))
    return localized(chart, lang)


def logistics_by_stage(logistics: pl.DataFrame, lang: Language = "id") -> Chart:
    """Where logistics stand: per region, the number of reporting units at each stage
    (latest snapshot per unit), stacked along the chain KPU → PPK → PPS → KPPS.

    ``logistics`` has the columns ``regency_name``, ``stage`` and ``units``.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"regency_name": ["Berau", "Berau"], "stage": ["ppk", "kpu"],
    ...     "units": [11, 2]})
    >>> logistics_by_stage(frame).to_dict()["mark"]["type"]
    'bar'
    """
    enable_theme()
    labels = {k: STAGES.label(k, lang) for k in STAGES.keys}
    order = [labels[k] for k in STAGES.keys]
    frame = logistics.with_columns(
        pl.col("stage").replace_strict(labels, default=pl.col("stage")).alias("stage_label"),
        pl.col("stage").replace_strict({k: i for i, k in enumerate(STAGES.keys)}, default=9)
        .alias("stage_order"),
        pl.col("regency_name").map_elements(_short_name, return_dtype=pl.String).alias("name"),
    )  # fmt: skip
    chart: Chart = (
        alt.Chart(_data(_records(frame)))
        .mark_bar()
        .encode(
            y=alt.Y("name:N", title=None),
            x=alt.X("sum(units):Q", stack="normalize", axis=alt.Axis(format="%"),
                    title=text("stage", lang)),
            color=alt.Color("stage_label:N", sort=order, title=text("stage", lang),
                            scale=alt.Scale(domain=order,
                                            range=["#cf222e", "#d29922", "#54aeff", "#1a7f37"])),
            order=alt.Order("stage_order:Q"),
            tooltip=["name:N", "stage_label:N", "sum(units):Q"],
        )
        .properties(width=360, height=alt.Step(18))
    )  # fmt: skip
    return localized(chart, lang)


def logistics_over_time(series: pl.DataFrame, lang: Language = "id") -> Chart:
    """An indicator over snapshots (``as_of``, ``region_name``, ``value`` in 0–1), one line per
    region.

    >>> import polars as pl, datetime as dt
    >>> frame = pl.DataFrame({"as_of": [dt.date(2024, 11, 23), dt.date(2024, 11, 25)],
    ...     "region_name": ["Berau"] * 2, "value": [0.5, 0.846]})
    >>> logistics_over_time(frame).to_dict()["mark"]["type"]
    'line'
    """
    enable_theme()
    frame = series.with_columns(pl.col("as_of").cast(pl.String))
    chart: Chart = (
        alt.Chart(_data(_records(frame.select("as_of", "region_name", "value"))))
        .mark_line(point=True)
        .encode(
            x=alt.X("as_of:T", title=text("as_of", lang), scale=alt.Scale(type="utc"),
                    axis=alt.Axis(format="%e %b", tickCount={"interval": "day", "step": 1})),
            y=alt.Y("value:Q", axis=alt.Axis(format="%"), title=None,
                    scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("region_name:N", title=text("region", lang)),
        )
        .properties(width=360, height=200)
    )  # fmt: skip
    return localized(chart, lang)


def neutrality_flow(cases: pl.DataFrame, lang: Language = "id") -> Chart:
    """Neutrality cases along the handling flow (reported → … → closed), stacked by subject.

    ``cases`` has one row per case with ``subject`` and ``status`` keys.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"subject": ["village_head", "civil_servant"],
    ...     "status": ["reported", "recommended"]})
    >>> neutrality_flow(frame).to_dict()["mark"]["type"]
    'bar'
    """
    enable_theme()
    status_labels = {k: CASE_STATUSES.label(k, lang) for k in CASE_STATUSES.keys}
    subject_labels = {k: CASE_SUBJECTS.label(k, lang) for k in CASE_SUBJECTS.keys}
    counted = (
        cases.group_by("status", "subject").len("cases").sort("status", "subject")
        .with_columns(
            pl.col("status").replace_strict(status_labels, default=pl.col("status"))
            .alias("status_label"),
            pl.col("subject").replace_strict(subject_labels, default=pl.col("subject"))
            .alias("subject_label"),
        )
    )  # fmt: skip
    order = [status_labels[k] for k in CASE_STATUSES.keys]
    chart: Chart = (
        alt.Chart(_data(_records(counted)))
        .mark_bar()
        .encode(
            y=alt.Y("status_label:N", sort=order, title=None, scale=alt.Scale(domain=order)),
            x=alt.X("sum(cases):Q", title=text("cases", lang), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("subject_label:N", title=text("subject", lang)),
            tooltip=["status_label:N", "subject_label:N", "sum(cases):Q"],
        )
        .properties(width=340, height=alt.Step(22))
    )  # fmt: skip
    return localized(chart, lang)
