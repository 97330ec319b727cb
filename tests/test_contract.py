"""The data contract: table specs, closed sets, schemas, elections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandera.errors
import polars as pl
import pytest

from readiness import contract


def test_every_table_has_code_date_and_source() -> None:
    for spec in contract.TABLES.values():
        names = spec.column_names
        assert {"region_code", "as_of", "source"} <= set(names), spec.name
        assert spec.column("region_code").required
        assert spec.column("as_of").required


def test_closed_sets_parse_keys_labels_and_synonyms_in_both_languages() -> None:
    for closed in contract.CLOSED_SETS.values():
        for key in closed.keys:
            assert closed.parse(key) == key
            assert closed.parse(closed.label(key, "id")) == key
            assert closed.parse(closed.label(key, "en").upper()) == key
    assert contract.CASE_SUBJECTS.parse("Kepala Kampung") == "village_head"
    assert contract.CASE_SUBJECTS.parse("P3K") == "contract_civil_servant"


def test_labels_are_unambiguous_within_a_set() -> None:
    for closed in contract.CLOSED_SETS.values():
        for lang in contract.LANGUAGES:
            labels = [label.lower() for label in closed.labels(lang)]
            assert len(labels) == len(set(labels)), closed.name


def test_header_labels_are_unique_within_a_table() -> None:
    for spec in contract.TABLES.values():
        for lang in contract.LANGUAGES:
            labels = [c.label(lang).lower() for c in spec.columns]
            assert len(labels) == len(set(labels)), (spec.name, lang)


def test_schema_rejects_negative_counts_and_unknown_keys() -> None:
    frame = pl.DataFrame(
        {
            "region_code": ["64.03", "64.03"],
            "agency": ["polri", "army"],
            "role": ["security", "security"],
            "count": [-1, 5],
            "as_of": [dt.date(2024, 11, 25)] * 2,
        }
    )
    full = frame.select(
        [
            pl.col(c) if c in frame.columns else pl.lit(None, dtype).alias(c)
            for c, dtype in contract.polars_schema("personnel").items()
        ]
    )
    with pytest.raises(pandera.errors.SchemaErrors) as caught:
        contract.table_schema("personnel").validate(full, lazy=True)
    failures = caught.value.failure_cases
    assert set(failures["column"].to_list()) == {"agency", "count"}


def test_spec_refuses_a_bad_kind() -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        contract.ColumnSpec("x", "money", "X", "X", "", "")  # type: ignore[arg-type]


def test_finding_refuses_an_unknown_severity() -> None:
    with pytest.raises(ValueError, match="severity must be one of"):
        contract.Finding(rule="r", severity="fatal", message_id="", message_en="")  # type: ignore[arg-type]


def test_election_norms_carry_basis_and_validity() -> None:
    election = contract.load_election("pilkada-2024")
    cap = election.norm("max_voters_per_tps")
    assert cap.value == 600
    assert "PKPU 7/2024" in cap.basis
    assert cap.valid_on(election.voting_day)
    assert not cap.valid_on(dt.date(2019, 4, 17))


def test_norms_can_be_overridden_from_a_file(tmp_path: Path) -> None:
    override = tmp_path / "norms.yaml"
    override.write_text("norms:\n  max_voters_per_tps:\n    value: 500\n", encoding="utf-8")
    election = contract.load_election("pilkada-2024", overrides=override)
    assert election.norm("max_voters_per_tps").value == 500
    assert election.norm("max_voters_per_tps").basis.startswith("PKPU")
    assert election.norm("kpps_per_tps").value == 7


def test_unknown_election_and_norm_say_what_exists() -> None:
    with pytest.raises(ValueError, match="expected one of pilkada-2024"):
        contract.load_election("pemilu-2029")
    with pytest.raises(KeyError, match="known:"):
        contract.load_election().norm("nope")
