"""Comparison settings: weights, normalisation, thresholds, sensitivity; YAML, overridable."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from readiness.indicators import Thresholds, load_registry

__all__ = ["NORMALISATIONS", "CompareConfig", "Normalisation", "load_compare_config"]

Normalisation = Literal["goalposts", "minmax"]
NORMALISATIONS: tuple[Normalisation, ...] = get_args(Normalisation)


@dataclass(frozen=True)
class CompareConfig:
    """Validated comparison settings (see ``compare/data/status.yaml``).

    >>> config = load_compare_config()
    >>> config.normalisation, config.bottom_group
    ('goalposts', 3)
    >>> CompareConfig(weights={"tps_per_villages": 1.0})
    Traceback (most recent call last):
    ...
    ValueError: weights: unknown indicator 'tps_per_villages'. Hint: did you mean 'tps_per_village'?
    """

    weights: dict[str, float] = field(
        default_factory=lambda: {"logistics_completion_kecamatan": 1.0}
    )
    normalisation: Normalisation = "goalposts"
    composite_thresholds: Thresholds = field(default_factory=lambda: Thresholds(0.75, 0.5))
    min_composite_coverage: float = 0.3
    bottom_group: int = 3
    draws: int = 1000
    concentration: float = 20.0
    seed: int = 20241127
    thresholds: dict[str, Thresholds] = field(default_factory=dict)

    def __post_init__(self) -> None:
        registry = load_registry()
        for where, ids in (("weights", self.weights), ("thresholds", self.thresholds)):
            for indicator_id in ids:
                if indicator_id not in registry:
                    try:
                        registry[indicator_id]
                    except KeyError as error:
                        raise ValueError(f"{where}: {error.args[0]}") from None
        if not self.weights:
            raise ValueError(
                "weights: at least one indicator is needed. Hint: weights: {data_coverage: 1}"
            )
        for indicator_id, weight in self.weights.items():
            if not weight > 0:
                raise ValueError(
                    f"weights: {indicator_id} must be a positive number, got {weight!r}. "
                    f"Hint: leave an indicator out instead of giving it 0."
                )
        if self.normalisation not in NORMALISATIONS:
            raise ValueError(
                f"normalisation must be one of {', '.join(map(repr, NORMALISATIONS))}, "
                f"got {self.normalisation!r}. Hint: normalisation: goalposts"
            )
        if self.normalisation == "goalposts":
            missing = [i for i in self.weights if self.thresholds_of(i) is None]
            if missing:
                raise ValueError(
                    f"normalisation 'goalposts' needs thresholds for {', '.join(missing)}. "
                    f"Hint: add them under 'thresholds', or use normalisation: minmax."
                )
        if not 0 <= self.min_composite_coverage <= 1:
            raise ValueError(
                f"min_composite_coverage must lie in [0, 1], got {self.min_composite_coverage!r}."
                " Hint: 0.5 means half of the weights must be reported."
            )
        if self.bottom_group < 1 or self.draws < 1 or self.concentration <= 0:
            raise ValueError(
                "bottom_group and sensitivity draws must be ≥ 1 and concentration > 0, got "
                f"{self.bottom_group}, {self.draws}, {self.concentration}. "
                "Hint: bottom_group: 3, draws: 1000, concentration: 20."
            )

    def thresholds_of(self, indicator_id: str) -> Thresholds | None:
        """The status thresholds of an indicator: the override, else the registry's."""
        if indicator_id in self.thresholds:
            return self.thresholds[indicator_id]
        return load_registry()[indicator_id].thresholds


def _thresholds(raw: Any, where: str) -> Thresholds:
    if not isinstance(raw, dict) or set(raw) != {"ready", "critical"}:
        raise ValueError(
            f"{where}: expected {{ready: ..., critical: ...}}, got {raw!r}. "
            "Hint: {ready: 0.75, critical: 0.5}"
        )
    return Thresholds(ready=raw["ready"], critical=raw["critical"])


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key != "weights" and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_compare_config(path: Path | str | None = None) -> CompareConfig:
    """The packaged settings, with a YAML file's values on top (weights replace as a whole).

    >>> load_compare_config().composite_thresholds
    Thresholds(ready=0.75, critical=0.5)
    """
    source = resources.files("readiness.compare") / "data" / "status.yaml"
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    if path is not None:
        extra = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(extra, dict):
            raise ValueError(f"{path}: expected a mapping of settings, got {extra!r}")
        known = set(data)
        unknown = sorted(set(extra) - known)
        if unknown:
            raise ValueError(
                f"{path}: unknown setting(s) {', '.join(unknown)}. "
                f"Hint: known settings are {', '.join(sorted(known))}."
            )
        data = _merge(data, extra)
    sensitivity = data.get("sensitivity") or {}
    return CompareConfig(
        weights={str(k): float(v) for k, v in (data.get("weights") or {}).items()},
        normalisation=data.get("normalisation", "goalposts"),
        composite_thresholds=_thresholds(data["composite_thresholds"], "composite_thresholds"),
        min_composite_coverage=float(data.get("min_composite_coverage", 0.3)),
        bottom_group=int(data.get("bottom_group", 3)),
        draws=int(sensitivity.get("draws", 1000)),
        concentration=float(sensitivity.get("concentration", 20)),
        seed=int(sensitivity.get("seed", 0)),
        thresholds={
            str(k): _thresholds(v, f"thresholds.{k}")
            for k, v in (data.get("thresholds") or {}).items()
        },
    )
