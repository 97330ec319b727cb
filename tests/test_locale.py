"""One locale: findings, the command line and the documents write figures the same way."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from readiness.cli._indicators import format_indicator_table
from readiness.contract import MISSING, Language, format_date, format_number, format_percent
from readiness.present import format_value
from readiness.validation import RULES
from readiness.validation._registry import show

VOTE = dt.date(2024, 11, 27)


@pytest.mark.parametrize(
    ("lang", "number", "share", "ratio", "day"),
    [
        ("id", "1.588", "84,6 %", "4,32", "27 November 2024"),
        ("en", "1,588", "84.6%", "4.32", "27 November 2024"),
    ],
)
def test_the_founding_figures_in_each_language(
    lang: Language, number: str, share: str, ratio: str, day: str
) -> None:
    assert format_number(1588, lang) == number
    assert format_percent(11 / 13, lang) == share
    assert format_value(475 / 110, "tps/village", lang) == ratio
    assert format_date(VOTE, lang) == day


@pytest.mark.parametrize("lang", ["id", "en"])
def test_findings_use_the_locale(lang: Language) -> None:
    assert show(1588, lang) == format_number(1588, lang)
    assert show(475 / 110, lang) == format_number(475 / 110, lang, 2)
    assert show(VOTE, lang) == format_date(VOTE, lang)
    message, _ = RULES["date.after_as_of"].render(
        lang, {"column": "x", "value": VOTE, "as_of": dt.date(2024, 11, 25)}
    )
    assert format_date(VOTE, lang) in message
    assert "27/11/2024" not in message


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_command_line_table_uses_the_locale(lang: Language) -> None:
    frame = pl.DataFrame(
        {"region_code": ["64.03"] * 2, "region_name": ["Kabupaten Berau"] * 2,
         "indicator": ["tps_per_village", "tps_khusus_share"], "value": [475 / 110, None],
         "unit": ["tps/village", "share"], "coverage": [1.0, 0.0], "norm": [None, None],
         "status": [None, None], "as_of": [dt.date(2024, 11, 25), None]},
    )  # fmt: skip
    table = format_indicator_table(frame, lang)
    assert format_value(475 / 110, "tps/village", lang) in table
    assert format_percent(1.0, lang, 0) in table
    assert format_date(dt.date(2024, 11, 25), lang) in table
    assert MISSING in table.splitlines()[-1]
