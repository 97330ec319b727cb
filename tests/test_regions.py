"""The packaged Kemendagri reference and tolerant name matching."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness import regions
from readiness.contract import regions_schema


def test_reference_holds_all_of_indonesia() -> None:
    counts = regions.region_table().group_by("level").len()
    found = dict(zip(counts["level"], counts["len"], strict=True))
    assert found == {
        "provinsi": 38,
        "kabupaten": 416,
        "kota": 98,
        "kecamatan": 7285,
        "desa": 75266,
        "kelurahan": 8496,
    }


def test_reference_passes_its_schema_and_parents_exist() -> None:
    table = regions.region_table()
    regions_schema().validate(table)
    orphans = table.filter(
        pl.col("parent_code").is_not_null() & ~pl.col("parent_code").is_in(table["code"].implode())
    )
    assert orphans.height == 0
    assert table["parent_code"].to_list() == [regions.parent_code(c) for c in table["code"]]


def test_kaltim_counts_match_the_decree() -> None:
    assert regions.count_by_level("64") == {
        "kabupaten": 7,
        "kota": 3,
        "kecamatan": 105,
        "desa": 841,
        "kelurahan": 197,
    }
    assert regions.count_by_level("64.03") == {"kecamatan": 13, "desa": 100, "kelurahan": 10}


def test_village_codes_tell_desa_from_kelurahan() -> None:
    villages = regions.descendants("64", depth=4)
    marker = villages["code"].str.split(".").list.last().str.slice(0, 1)
    kinds = villages.with_columns(marker=marker).group_by("level").agg(pl.col("marker").unique())
    by_level = {row["level"]: set(row["marker"]) for row in kinds.to_dicts()}
    assert by_level == {"desa": {"2"}, "kelurahan": {"1"}}


def test_kemendagri_not_bps_numbering() -> None:
    assert regions.get_region("64.03").name == "Kabupaten Berau"
    assert regions.get_region("64.02").name == "Kabupaten Kutai Kartanegara"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kab. Berau", "64.03"),
        ("KABUPATEN BERAU", "64.03"),
        ("Berau", "64.03"),
        ("Kukar", "64.02"),
        ("Kutim", "64.08"),
        ("Kubar", "64.07"),
        ("PPU", "64.09"),
        ("Mahulu", "64.11"),
        ("Mahakam Hulu", "64.11"),
        ("Kota Samarinda", "64.72"),
        ("Kota  Bontang", "64.74"),
    ],
)
def test_regency_names_match_tolerantly(name: str, code: str) -> None:
    assert regions.match_region(name, within="64", depth=2) == code


def test_names_with_apostrophes_match_without_them() -> None:
    villages = regions.descendants("64", depth=4)
    with_apostrophe = villages.filter(pl.col("name").str.contains("'", literal=True))
    assert with_apostrophe.height > 0
    name, code = with_apostrophe.row(0)[1], with_apostrophe.row(0)[0]
    parent = regions.parent_code(code)
    assert regions.match_region(name.replace("'", ""), within=parent) == code


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(regions.UnknownRegionError, match=r"did you mean Sambaliung \(64\.03\.03\)"):
        regions.match_region("Sambaliong", within="64.03", depth=3)


def test_same_name_at_two_levels_is_ambiguous_without_depth() -> None:
    with pytest.raises(regions.UnknownRegionError, match="ambiguous"):
        regions.match_region("Teluk Bayur", within="64.03")


def test_unknown_code_is_a_clear_error() -> None:
    with pytest.raises(regions.UnknownRegionError, match="not in the Kemendagri reference"):
        regions.get_region("64.99")
    with pytest.raises(regions.UnknownRegionError, match="looks like"):
        regions.get_region("Berau")


@given(st.sampled_from(regions.region_table()["code"].to_list()))
def test_codes_round_trip_without_dots(code: str) -> None:
    assert regions.normalize_code(code.replace(".", "")) == code
    assert regions.get_region(code).code == code


@given(st.floats(allow_nan=False) | st.none() | st.booleans())
def test_non_text_codes_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="region code"):
        regions.normalize_code(value)
