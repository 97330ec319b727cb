"""The registry: one-to-one with the formulas, validated on load with useful errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from readiness.contract import load_election
from readiness.indicators import FORMULAS, RegistryError, load_registry
from readiness.indicators._registry import parse_registry

FOUNDING = ("tps_per_village", "security_personnel_per_tps", "logistics_completion_kecamatan",
            "tps_khusus_share", "voters_per_tps")  # fmt: skip


def test_registry_and_formulas_are_one_to_one() -> None:
    registry = load_registry()
    assert sorted(registry.ids) == sorted(FORMULAS)
    assert len(set(registry.ids)) == len(registry)


def test_fixed_ids_exist() -> None:
    registry = load_registry()
    for indicator_id in FOUNDING:
        assert indicator_id in registry


def test_every_norm_exists_in_the_election() -> None:
    election = load_election("pilkada-2024")
    for spec in load_registry():
        if spec.norm is not None:
            assert spec.norm in election.norms, spec.id
        assert spec.name("id")
        assert spec.name("en")
        assert spec.formula("id")
        assert spec.formula("en")


def _entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": "tps_per_village", "name_id": "TPS per desa", "name_en": "TPS per village",
        "description_id": "d", "description_en": "d", "unit": "tps/village",
        "direction": "higher", "levels": ["kabupaten"], "inputs": ["summary.tps"],
        "formula_id": "f", "formula_en": "f",
    }  # fmt: skip
    entry.update(changes)
    return entry


def _parse(*entries: dict[str, object]) -> None:
    parse_registry(yaml.safe_dump({"indicators": list(entries)}), "test.yaml", FORMULAS)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "tps_per_vilage"}, r"no formula with id 'tps_per_vilage'.*did you mean 'tps_per_village'"),
        ({"inputs": ["summary.tpss"]}, r"unknown input 'summary.tpss'.*did you mean 'summary.tps'"),
        ({"direction": "up"}, r"direction must be one of 'higher', 'lower', 'target', 'none', got 'up'.*'none' for a descriptive"),
        ({"direction": "none", "thresholds": {"ready": 1, "critical": 0}}, r"descriptive indicator \(direction 'none'\) is never judged"),
        ({"levels": ["regency"]}, r"levels must be a list drawn from kecamatan"),
        ({"thresholds": {"ready": "norm", "critical": 1}}, r"thresholds refer to the norm but no norm"),
        ({"thresholds": {"ready": 1}}, r"thresholds must have exactly 'ready' and 'critical'"),
        ({"thresholds": {"ready": 1, "critical": "lots"}}, r"threshold 'critical' must be a number"),
        ({"unit": None}, r"missing field\(s\) unit"),
        ({"colour": "red"}, r"unknown field\(s\) colour"),
    ],
)  # fmt: skip
def test_malformed_entries_are_explained(changes: dict[str, object], message: str) -> None:
    with pytest.raises(RegistryError, match=message) as error:
        _parse(_entry(**changes))
    assert "Hint" in str(error.value)
    assert "test.yaml" in str(error.value)


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(RegistryError, match="defined twice"):
        _parse(_entry(), _entry())


def test_file_without_indicators_list() -> None:
    with pytest.raises(RegistryError, match="Hint: start the file with 'indicators:'"):
        parse_registry("- a\n- b\n", "x.yaml", FORMULAS)


def test_load_registry_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "registry.yaml"
    path.write_text(yaml.safe_dump({"indicators": [_entry()]}), encoding="utf-8")
    assert load_registry(path).ids == ("tps_per_village",)


def test_the_descriptive_indicators_have_no_direction_and_no_thresholds() -> None:
    registry = load_registry()
    for indicator_id in ("tps_per_village", "tps_khusus_share"):
        assert registry[indicator_id].direction == "none"
        assert registry[indicator_id].thresholds is None
    _parse(_entry(direction="none"))  # a descriptive entry without thresholds is valid
