"""A region code survives every way of passing it to a document (``-P region:33.10`` arrives
as the number 33.1), and one function reads it for both documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readiness import config
from readiness.regions import UnknownRegionError, get_region, normalize_region_parameter


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (33.1, "33.10"),  # Klaten, as YAML reads -P region:33.10
        (33.2, "33.20"),  # Jepara
        (73.1, "73.10"),
        (64.01, "64.01"),
        (64.11, "64.11"),
        (64.71, "64.71"),
        ("33.10", "33.10"),
        ("3310", "33.10"),
        (3310, "33.10"),
        (3310.0, "33.10"),
        (" 64.03 ", "64.03"),
        (64, "64"),
        (64.0, "64"),
        ("64", "64"),
    ],
)
def test_codes_come_back_dotted(given: object, expected: str) -> None:
    assert normalize_region_parameter(given) == expected


def test_codes_ending_in_zero_name_their_own_regency() -> None:
    assert get_region(normalize_region_parameter(33.1)).name == "Kabupaten Klaten"
    assert get_region(normalize_region_parameter(33.2)).name == "Kabupaten Jepara"


@pytest.mark.parametrize(
    ("given", "named"),
    [("64.1", "'64.1'"), (64.035, "'64.035'"), ("Berau", "'Berau'"), (True, "True")],
)
def test_a_malformed_code_is_named_as_typed(given: object, named: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"region {named} is not a Kemendagri code")):
        normalize_region_parameter(given)


@pytest.mark.parametrize(
    ("given", "named"), [(99.1, "region '99.1' (read as 99.10)"), ("6499", "region '6499' (read")]
)
def test_an_unknown_code_is_named_as_typed(given: object, named: str) -> None:
    with pytest.raises(UnknownRegionError, match=re.escape(named)):
        normalize_region_parameter(given)


@pytest.mark.parametrize("name", ["kabupaten.qmd", "provinsi.qmd"])
def test_both_documents_read_the_region_through_the_one_function(name: str) -> None:
    text = (config.reports_dir() / name).read_text(encoding="utf-8")
    assert "region = regions.normalize_region_parameter(region)" in text
    assert "str(region)" not in text


def test_the_function_lives_in_its_own_module() -> None:
    module = Path(normalize_region_parameter.__code__.co_filename)
    assert module.name == "_normalize.py"
