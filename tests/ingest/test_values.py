"""Parsing what people type: examples and properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness.contract import CLOSED_SETS, ITEMS, STAGES
from readiness.ingest import (
    ValueParseError,
    is_blank,
    parse_closed,
    parse_code,
    parse_count,
    parse_date,
    parse_decimal,
    parse_percent,
    parse_text,
)
from readiness.ingest._dates import excel_serial_to_date
from readiness.ingest._values import BLANK_WORDS

PARSERS = [parse_count, parse_decimal, parse_percent, parse_date, parse_code, parse_text]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.588", 1588),
        ("1.588 orang", 1588),
        ("1,588", 1588),
        ("475 TPS", 475),
        (475.0, 475),
        ("475.0", 475),
        (1588, 1588),
        ("1.234.567", 1234567),
        ("1 588", 1588),
        ("1\u00a0588", 1588),
        ("0", 0),
        ("-3", -3),
        ("-1.588", -1588),
        ("1.588,00", 1588),
        ("  12  ", 12),
    ],
)
def test_count_reads_indonesian_and_english_writing(typed: object, expected: int) -> None:
    assert parse_count(typed) == expected


@pytest.mark.parametrize("typed", ["banyak", "1,5", "12.5", "1.58", "12%", True, "sekitar 100"])
def test_count_refuses_what_is_not_a_whole_number(typed: object) -> None:
    with pytest.raises(ValueParseError) as caught:
        parse_count(typed)
    error = caught.value
    assert error.rule == "value.count"
    assert "1.588" in error.message_id
    assert "1.588" in error.message_en
    assert error.hint_id
    assert error.hint_en


def test_a_negative_count_parses_so_the_schema_can_call_it_negative() -> None:
    assert parse_count("-5 TPS") == -5


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("84,6", 84.6), ("84.6", 84.6), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("35", 35.0),
     (12.25, 12.25), ("-2,5", -2.5), ("35 poin", 35.0)],
)  # fmt: skip
def test_decimal(typed: object, expected: float) -> None:
    assert parse_decimal(typed) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("84,6%", 0.846), ("84.6 %", 0.846), ("100%", 1.0), ("0%", 0.0), (0.846, 0.846),
     ("1%", 0.01), ("0,5%", 0.005), ("50 persen", 0.5)],
)  # fmt: skip
def test_percent_is_a_fraction(typed: object, expected: float) -> None:
    assert parse_percent(typed) == pytest.approx(expected)


@pytest.mark.parametrize("typed", ["1", "0,5", "84,6", "0.846"])
def test_percent_text_without_its_sign_is_refused_not_guessed(typed: str) -> None:
    with pytest.raises(ValueParseError) as caught:
        parse_percent(typed)
    assert caught.value.rule == "value.percent"
    assert "%" in caught.value.hint_id


def test_percent_and_decimal_errors_name_their_rule() -> None:
    with pytest.raises(ValueParseError, match="percentage"):
        parse_percent("hampir semua")
    with pytest.raises(ValueParseError) as caught:
        parse_decimal("84,6%")
    assert caught.value.rule == "value.number"


@pytest.mark.parametrize(
    "typed",
    ["25/11/2024", "25-11-2024", "2024-11-25", "25.11.2024", 45621, 45621.0, "45621",
     "25 Nov 2024", "25 November 2024", "25 Nopember 2024", "25 nop 2024", "25-Nov-2024",
     "Senin, 25 November 2024", "2024-11-25 00:00:00", "2024-11-25T08:30:00", "25/11/24",
     dt.date(2024, 11, 25), dt.datetime(2024, 11, 25, 7, 0)],
)  # fmt: skip
def test_date_forms_people_use(typed: object) -> None:
    assert parse_date(typed) == dt.date(2024, 11, 25)


def test_indonesian_month_abbreviations() -> None:
    assert parse_date("17 Agt 2024") == dt.date(2024, 8, 17)
    assert parse_date("17 Agustus 2024") == dt.date(2024, 8, 17)
    assert parse_date("1 Mei 2024") == dt.date(2024, 5, 1)
    assert parse_date("31 Des 2024") == dt.date(2024, 12, 31)
    assert parse_date("3 Okt 2024") == dt.date(2024, 10, 3)


@pytest.mark.parametrize("typed", ["11/25/2024", "31/02/2024", "besok", "25 Nopem 2024", True])
def test_impossible_dates_are_errors_with_the_expected_format(typed: object) -> None:
    with pytest.raises(ValueParseError) as caught:
        parse_date(typed)
    assert caught.value.rule == "value.date"
    assert "25/11/2024" in caught.value.message_id
    assert "dd/mm/yyyy" in caught.value.hint_en


def test_codes() -> None:
    assert parse_code("6403") == "64.03"
    assert parse_code("64.03.09") == "64.03.09"
    assert parse_code(6403.0) == "64.03"
    assert parse_code("6403092001") == "64.03.09.2001"
    for bad in ("64.1", 64.1, "Berau", "640"):
        with pytest.raises(ValueParseError) as caught:
            parse_code(bad)
        assert caught.value.rule == "value.code"
        assert "64.10" in caught.value.hint_id


def test_closed_values_in_both_languages_and_suggestions() -> None:
    assert parse_closed("Gudang KPU kab/kota", STAGES) == "kpu"
    assert parse_closed("KPPS (polling station)", STAGES) == "tps"
    assert parse_closed("surat suara", ITEMS) == "ballot"
    with pytest.raises(ValueParseError) as caught:
        parse_closed("Kotak suaraa", ITEMS)
    error = caught.value
    assert error.rule == "value.closed_set"
    assert "Kotak suara" in error.hint_id
    assert "Ballot boxes" in error.hint_en


def test_text_is_trimmed_and_whole_numbers_lose_their_point_zero() -> None:
    assert parse_text("  Polres Berau ") == "Polres Berau"
    assert parse_text(12.0) == "12"
    assert parse_text(dt.datetime(2024, 11, 25)) == "2024-11-25"


# ---- properties ------------------------------------------------------------------------------

blank_spellings = (
    st.sampled_from(sorted(BLANK_WORDS))
    .flatmap(
        lambda word: st.tuples(
            st.just(word),
            st.sampled_from([str.lower, str.upper, str.title]),
            st.sampled_from(["", " ", "  "]),
        )
    )
    .map(lambda t: f"{t[2]}{t[1](t[0])}{t[2]}")
)


@given(blank_spellings, st.sampled_from(PARSERS))
def test_blanks_are_never_zero(text: str, parser: object) -> None:
    assert is_blank(text)
    assert parser(text) is None  # type: ignore[operator]
    assert parse_closed(text, ITEMS) is None


def _indonesian(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from(["", " orang", " TPS"]))
def test_any_integer_written_the_indonesian_way_parses_back(number: int, unit: str) -> None:
    assert parse_count(_indonesian(number) + unit) == number
    assert parse_count(f"{number:,}") == number
    assert parse_count(str(number)) == number
    assert parse_count(float(number)) == number


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimals_written_with_a_decimal_comma_parse_back(whole: int, hundredths: int) -> None:
    text = f"{_indonesian(whole)},{hundredths:02d}"
    assert parse_decimal(text) == pytest.approx(whole + hundredths / 100)
    assert parse_percent(text + "%") == pytest.approx((whole + hundredths / 100) / 100)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_dates_round_trip_through_ddmmyyyy_and_excel_serials(day: dt.date) -> None:
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(day.strftime("%d-%m-%Y")) == day
    assert parse_date(day.isoformat()) == day
    serial = (day - dt.date(1899, 12, 30)).days
    assert parse_date(serial) == day
    assert parse_date(float(serial) + 0.5) == day
    assert excel_serial_to_date(serial) == day


@given(
    st.sampled_from(sorted(CLOSED_SETS)).flatmap(
        lambda name: st.tuples(st.just(name), st.sampled_from(CLOSED_SETS[name].keys))
    ),
    st.sampled_from(["id", "en"]),
    st.sampled_from([str.lower, str.upper, str.strip]),
)
def test_every_closed_label_parses_to_its_key(
    pair: tuple[str, str], lang: str, case: object
) -> None:
    name, key = pair
    closed = CLOSED_SETS[name]
    typed = case(closed.label(key, lang))  # type: ignore[arg-type, operator]
    assert parse_closed(f" {typed} ", closed) == key


@given(st.lists(st.integers(min_value=0, max_value=99), min_size=1, max_size=3),
       st.one_of(st.none(), st.integers(min_value=1000, max_value=9999)))  # fmt: skip
def test_codes_with_or_without_dots_normalize_to_the_same_code(
    parts: list[int], village: int | None
) -> None:
    pieces = [f"{p:02d}" for p in parts]
    if village is not None and len(pieces) == 3:
        pieces.append(str(village))
    dotted = ".".join(pieces)
    assert parse_code(dotted) == dotted
    assert parse_code("".join(pieces)) == dotted


@pytest.mark.parametrize(
    ("parse", "typed", "expected"),
    [
        # one separator and three digits: 1234 the Indonesian way, 1.234 the English way
        (parse_decimal, "1.234", None),
        (parse_decimal, "1,234", None),
        (parse_decimal, "12.500 km", None),
        (parse_percent, "1.234%", None),
        (parse_percent, "84,600 %", None),
        # unambiguous writings read exactly
        (parse_decimal, "0,846", 0.846),
        (parse_decimal, "0.846", 0.846),
        (parse_decimal, "1.234,5", 1234.5),
        (parse_decimal, "1,234.5", 1234.5),
        (parse_decimal, "1.234.567", 1234567.0),
        (parse_decimal, "1,23", 1.23),
        (parse_decimal, 1.234, 1.234),  # a number cell is no writing: it keeps its number
        (parse_percent, "84,6%", 0.846),
        (parse_percent, "1.234,5%", 12.345),
        (parse_percent, "0,846%", 0.00846),
        (parse_count, "1.234", 1234),  # a count is whole: thousands is the only reading
        (parse_count, "1,234", 1234),
    ],
)
def test_one_separator_followed_by_three_digits(
    parse: Any, typed: object, expected: object
) -> None:
    if expected is None:
        with pytest.raises(ValueParseError) as caught:
            parse(typed)
        assert caught.value.rule == "value.ambiguous_number"
        assert "1234" in caught.value.hint_id
        assert "1234" in caught.value.hint_en
    else:
        assert parse(typed) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("typed", [0.846, 100.001, Decimal("2.5")])
def test_a_number_cell_with_decimals_is_not_a_count(typed: object) -> None:
    with pytest.raises(ValueParseError) as caught:
        parse_count(typed)
    assert caught.value.rule == "value.count_fraction"
