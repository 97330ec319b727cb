"""Who must act on an indicator, and by when: the election's responsibilities table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from readiness.contract import load_election
from readiness.indicators import load_registry


def test_every_responsibility_names_a_registered_indicator() -> None:
    election = load_election("pilkada-2024")
    registered = {indicator.id for indicator in load_registry()}
    assert set(election.responsibilities) <= registered


def test_descriptive_indicators_have_no_owner() -> None:
    election = load_election("pilkada-2024")
    descriptive = {i.id for i in load_registry() if i.direction == "none"}
    assert descriptive, "the registry has descriptive indicators"
    assert not descriptive & set(election.responsibilities)


def test_logistics_at_the_tps_is_due_the_day_before_voting() -> None:
    election = load_election("pilkada-2024")
    owner = election.responsibilities["logistics_at_tps_kecamatan"].owner
    assert owner.name.get("id") == "KPU kabupaten/kota"
    assert election.deadline("logistics_at_tps_kecamatan") == dt.date(2024, 11, 26)
    assert election.deadline("logistics_completion_kecamatan") == dt.date(2024, 11, 25)
    assert election.deadline("neutrality_cases_open") is None


def test_an_owner_outside_the_institutions_is_refused(tmp_path: Path) -> None:
    override = tmp_path / "override.yaml"
    override.write_text("responsibilities:\n  voters_per_tps: {owner: nobody}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected an owner among the institutions"):
        load_election("pilkada-2024", override)
