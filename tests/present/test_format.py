"""Numbers, shares and dates as an Indonesian (or English) reader expects them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from readiness.present import format_date, format_number, format_percent, format_value


def test_founding_report_figures_in_indonesian() -> None:
    assert format_number(1588) == "1.588"
    assert format_number(2821202) == "2.821.202"
    assert format_percent(11 / 13) == "84,6 %"
    assert format_value(475 / 110, "tps/village") == "4,32"
    assert format_date(dt.date(2024, 11, 25)) == "25 November 2024"


def test_same_figures_in_english() -> None:
    assert format_number(1588, "en") == "1,588"
    assert format_percent(11 / 13, "en") == "84.6%"
    assert format_value(475 / 110, "tps/village", "en") == "4.32"
    assert format_date(dt.date(2024, 8, 17), "en") == "17 August 2024"
    assert format_date(dt.date(2024, 8, 17), "id") == "17 Agustus 2024"


def test_missing_is_a_dash_never_zero() -> None:
    for shown in (
        format_number(None),
        format_percent(None),
        format_value(None, "share"),
        format_value(float("nan"), "ratio"),
        format_date(None),
    ):
        assert shown == "–"
    assert format_number(0) == "0"
    assert format_percent(0.0) == "0,0 %"


def test_small_shares_keep_two_decimals() -> None:
    assert format_value(3 / 475, "share") == "0,63 %"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_indonesian_integers_read_back(number: int) -> None:
    shown = format_number(number)
    assert "," not in shown
    assert int(shown.replace(".", "")) == number


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_percent_is_within_bounds_and_uses_decimal_comma(share: float) -> None:
    shown = format_percent(share)
    assert shown.endswith(" %")
    value = float(shown.removesuffix(" %").replace(".", "").replace(",", "."))
    assert 0 <= value <= 100
    assert abs(value - share * 100) <= 0.05 + 1e-9
