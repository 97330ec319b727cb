"""The indicator registry: one packaged YAML file, validated on load."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from readiness.contract import TABLES, Language, Text, load_yaml
from readiness.indicators._status import DIRECTIONS, Direction, Thresholds

__all__ = [
    "LEVELS",
    "IndicatorSpec",
    "Level",
    "Registry",
    "RegistryError",
    "load_registry",
]

Level = Literal["kecamatan", "kabupaten", "provinsi"]
LEVELS: tuple[Level, ...] = get_args(Level)

_REQUIRED = (
    "id", "name_id", "name_en", "description_id", "description_en", "unit", "direction",
    "levels", "inputs", "formula_id", "formula_en",
)  # fmt: skip
_OPTIONAL = ("norm", "thresholds", "goes_stale")


class RegistryError(ValueError):
    """The registry file is malformed; the message names the indicator and ends with a hint."""


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator as the registry defines it."""

    id: str
    name_id: str
    name_en: str
    description_id: str
    description_en: str
    unit: str
    direction: Direction
    levels: tuple[Level, ...]
    inputs: tuple[str, ...]
    formula_id: str
    formula_en: str
    norm: str | None = None
    thresholds: Thresholds | None = None
    goes_stale: bool = True
    """Whether old inputs make the figure stale (not for counts of what was reported)."""

    def name(self, lang: Language = "id") -> str:
        """The indicator's name in ``lang``."""
        return Text(self.name_id, self.name_en).get(lang)

    def description(self, lang: Language = "id") -> str:
        """What the indicator says, in ``lang``."""
        return Text(self.description_id, self.description_en).get(lang)

    def formula(self, lang: Language = "id") -> str:
        """The formula in words, in ``lang``."""
        return Text(self.formula_id, self.formula_en).get(lang)


@dataclass(frozen=True)
class Registry:
    """All indicators in registry order.

    >>> registry = load_registry()
    >>> registry["tps_per_village"].direction
    'none'
    >>> "logistics_completion_kecamatan" in registry
    True
    """

    indicators: tuple[IndicatorSpec, ...]

    def __iter__(self) -> Iterator[IndicatorSpec]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __contains__(self, indicator_id: object) -> bool:
        return any(spec.id == indicator_id for spec in self.indicators)

    def __getitem__(self, indicator_id: str) -> IndicatorSpec:
        for spec in self.indicators:
            if spec.id == indicator_id:
                return spec
        raise KeyError(f"unknown indicator {indicator_id!r}.{_hint(indicator_id, self.ids)}")

    @property
    def ids(self) -> tuple[str, ...]:
        """Indicator ids in registry order."""
        return tuple(spec.id for spec in self.indicators)

    def at_level(self, level: Level) -> tuple[IndicatorSpec, ...]:
        """The indicators defined at ``level``."""
        return tuple(spec for spec in self.indicators if level in spec.levels)


def _hint(value: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    if close:
        return f" Hint: did you mean {close[0]!r}?"
    return f" Hint: known values are {', '.join(sorted(known))}."


def _known_inputs() -> set[str]:
    return {f"{name}.{column}" for name, spec in TABLES.items() for column in spec.column_names}


def _parse(raw: Any, where: str, formulas: Collection[str]) -> IndicatorSpec:
    if not isinstance(raw, dict):
        raise RegistryError(f"{where}: expected a mapping of fields, got {raw!r}")
    missing = [key for key in _REQUIRED if raw.get(key) in (None, "", [])]
    if missing:
        raise RegistryError(
            f"{where}: missing field(s) {', '.join(missing)}. "
            f"Hint: every indicator needs {', '.join(_REQUIRED)}."
        )
    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise RegistryError(
            f"{where}: unknown field(s) {', '.join(unknown)}."
            f"{_hint(unknown[0], (*_REQUIRED, *_OPTIONAL))}"
        )
    indicator_id = str(raw["id"])
    where = f"{where} ({indicator_id})"
    if indicator_id not in formulas:
        raise RegistryError(
            f"{where}: no formula with id {indicator_id!r} in indicators/_formulas.py."
            f"{_hint(indicator_id, formulas)}"
        )
    direction = raw["direction"]
    if direction not in DIRECTIONS:
        raise RegistryError(
            f"{where}: direction must be one of {', '.join(map(repr, DIRECTIONS))}, "
            f"got {direction!r}. Hint: 'higher' when more is better, 'none' for a "
            f"descriptive figure that is never judged or ranked."
        )
    levels = raw["levels"]
    if not isinstance(levels, list) or any(level not in LEVELS for level in levels):
        raise RegistryError(
            f"{where}: levels must be a list drawn from {', '.join(LEVELS)}, got {levels!r}. "
            f"Hint: kabupaten covers kabupaten and kota."
        )
    known_inputs = _known_inputs()
    inputs = [str(item) for item in raw["inputs"]]
    for item in inputs:
        if item not in known_inputs:
            raise RegistryError(
                f"{where}: unknown input {item!r}; inputs are written table.column."
                f"{_hint(item, known_inputs)}"
            )
    thresholds = None
    if raw.get("thresholds") is not None:
        bounds = raw["thresholds"]
        if not isinstance(bounds, dict) or set(bounds) != {"ready", "critical"}:
            raise RegistryError(
                f"{where}: thresholds must have exactly 'ready' and 'critical', got {bounds!r}. "
                f"Hint: thresholds: {{ready: norm, critical: norm*0.8}}"
            )
        try:
            thresholds = Thresholds(ready=bounds["ready"], critical=bounds["critical"])
        except ValueError as error:
            raise RegistryError(f"{where}: {error}") from None
        if direction == "none":
            raise RegistryError(
                f"{where}: a descriptive indicator (direction 'none') is never judged, so it "
                f"takes no thresholds, got {bounds!r}. Hint: remove thresholds, or give it a "
                f"direction."
            )
        if thresholds.uses_norm and not raw.get("norm"):
            raise RegistryError(
                f"{where}: thresholds refer to the norm but no norm is set. "
                f"Hint: add e.g. norm: max_voters_per_tps, or use numbers."
            )
    return IndicatorSpec(
        id=indicator_id,
        name_id=str(raw["name_id"]),
        name_en=str(raw["name_en"]),
        description_id=str(raw["description_id"]).strip(),
        description_en=str(raw["description_en"]).strip(),
        unit=str(raw["unit"]),
        direction=direction,
        levels=tuple(levels),
        inputs=tuple(inputs),
        formula_id=str(raw["formula_id"]).strip(),
        formula_en=str(raw["formula_en"]).strip(),
        norm=str(raw["norm"]) if raw.get("norm") else None,
        thresholds=thresholds,
        goes_stale=bool(raw.get("goes_stale", True)),
    )


def parse_registry(text: str, source: str, formulas: Collection[str]) -> Registry:
    """Parse and validate registry YAML text against the known formula ids."""
    data = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise RegistryError(
            f"{source}: expected a mapping with a list under 'indicators'. "
            f"Hint: start the file with 'indicators:'."
        )
    specs = [
        _parse(raw, f"{source}: indicator #{number}", formulas)
        for number, raw in enumerate(data["indicators"], start=1)
    ]
    seen: set[str] = set()
    for spec in specs:
        if spec.id in seen:
            raise RegistryError(
                f"{source}: indicator {spec.id!r} is defined twice. Hint: ids are unique."
            )
        seen.add(spec.id)
    return Registry(tuple(specs))


@cache
def _packaged() -> Registry:
    from readiness.indicators._formulas import FORMULAS

    source = resources.files("readiness.indicators") / "data" / "registry.yaml"
    return parse_registry(source.read_text(encoding="utf-8"), "registry.yaml", FORMULAS)


def load_registry(path: Path | None = None) -> Registry:
    """The packaged registry, or one read from ``path``; validated against the formulas.

    >>> len(load_registry()) >= 4
    True
    """
    if path is None:
        return _packaged()
    from readiness.indicators._formulas import FORMULAS

    return parse_registry(Path(path).read_text(encoding="utf-8"), str(path), FORMULAS)
