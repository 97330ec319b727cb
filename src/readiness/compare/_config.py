"""Comparison settings: weights, normalisation, thresholds, sensitivity; YAML, overridable."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from readiness.contract import InputError, Text, load_yaml
from readiness.indicators import Thresholds, load_registry

__all__ = [
    "NORMALISATIONS",
    "CompareConfig",
    "CompareConfigError",
    "Normalisation",
    "load_compare_config",
]

Normalisation = Literal["goalposts", "minmax"]
NORMALISATIONS: tuple[Normalisation, ...] = get_args(Normalisation)


class CompareConfigError(InputError):
    """A comparison setting that cannot be used: ``str()`` is English, :meth:`message` either.

    >>> error = CompareConfigError(Text("draws harus ≥ 1.", "draws must be ≥ 1."))
    >>> str(error), error.message("id")
    ('draws must be ≥ 1.', 'draws harus ≥ 1.')
    """


def _example_hint(example: str) -> Text:
    """A hint that is the same in both languages: a setting written as it should be."""
    return Text(example, example)


def _unknown_indicator(where: str, indicator_id: str, known: list[str]) -> CompareConfigError:
    close = difflib.get_close_matches(indicator_id, known, n=1)
    hint = (
        Text(f"maksudnya {close[0]!r}?", f"did you mean {close[0]!r}?")
        if close
        else Text("lihat tabel di docs/indicators.md.", "see the table in docs/indicators.md.")
    )
    return CompareConfigError(
        Text(
            f"{where}: indikator {indicator_id!r} tidak dikenal.",
            f"{where}: unknown indicator {indicator_id!r}.",
            hint=hint,
        )
    )


def _check_indicators(settings: dict[str, dict[str, Any]]) -> None:
    """Every indicator named in a setting exists and is not descriptive."""
    registry = load_registry()
    for where, ids in settings.items():
        for indicator_id in ids:
            if indicator_id not in registry:
                raise _unknown_indicator(where, indicator_id, list(registry.ids))
        descriptive = [i for i in ids if registry[i].direction == "none"]
        if descriptive:
            names = ", ".join(descriptive)
            raise CompareConfigError(
                Text(
                    f"{where}: {names} deskriptif (tanpa arah baik/buruk), tidak pernah "
                    "dinilai atau diperingkat.",
                    f"{where}: {names} is descriptive (no better or worse direction), "
                    "never scored or ranked.",
                    hint=Text(f"hapus {names} dari {where}.", f"remove {names} from {where}."),
                )
            )


@dataclass(frozen=True)
class CompareConfig:
    """Validated comparison settings (see ``compare/data/status.yaml``).

    >>> config = load_compare_config()
    >>> config.normalisation, config.bottom_group
    ('goalposts', 3)
    >>> CompareConfig(weights={"tps_per_villages": 1.0})
    Traceback (most recent call last):
    ...
    readiness.compare._config.CompareConfigError: weights: unknown indicator 'tps_per_villages'. Hint: did you mean 'tps_per_village'?
    """

    weights: dict[str, float] = field(
        default_factory=lambda: {"logistics_completion_kecamatan": 1.0}
    )
    normalisation: Normalisation = "goalposts"
    composite_thresholds: Thresholds = field(default_factory=lambda: Thresholds(0.75, 0.5))
    min_composite_coverage: float = 0.7
    bottom_group: int = 3
    draws: int = 1000
    concentration: float = 20.0
    seed: int = 20241127
    thresholds: dict[str, Thresholds] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_indicators({"weights": self.weights, "thresholds": self.thresholds})
        if not self.weights:
            raise CompareConfigError(
                Text(
                    "weights: perlu paling sedikit satu indikator.",
                    "weights: at least one indicator is needed.",
                    hint=_example_hint("weights: {data_coverage: 1}"),
                )
            )
        for indicator_id, weight in self.weights.items():
            if not weight > 0:
                raise CompareConfigError(
                    Text(
                        f"weights: {indicator_id} harus bilangan positif, tertulis {weight!r}.",
                        f"weights: {indicator_id} must be a positive number, got {weight!r}.",
                        hint=Text(
                            "hapus indikatornya alih-alih memberi bobot 0.",
                            "leave an indicator out instead of giving it 0.",
                        ),
                    )
                )
        if self.normalisation not in NORMALISATIONS:
            choices = ", ".join(map(repr, NORMALISATIONS))
            raise CompareConfigError(
                Text(
                    f"normalisation harus salah satu dari {choices}, tertulis "
                    f"{self.normalisation!r}.",
                    f"normalisation must be one of {choices}, got {self.normalisation!r}.",
                    hint=_example_hint("normalisation: goalposts"),
                )
            )
        if self.normalisation == "goalposts":
            missing = ", ".join(i for i in self.weights if self.thresholds_of(i) is None)
            if missing:
                raise CompareConfigError(
                    Text(
                        f"normalisation 'goalposts' memerlukan ambang untuk {missing}.",
                        f"normalisation 'goalposts' needs thresholds for {missing}.",
                        hint=Text(
                            "tambahkan di bawah 'thresholds', atau pakai normalisation: minmax.",
                            "add them under 'thresholds', or use normalisation: minmax.",
                        ),
                    )
                )
        if not 0 <= self.min_composite_coverage <= 1:
            got = self.min_composite_coverage
            raise CompareConfigError(
                Text(
                    f"min_composite_coverage harus di antara 0 dan 1, tertulis {got!r}.",
                    f"min_composite_coverage must lie in [0, 1], got {got!r}.",
                    hint=Text(
                        "0.5 berarti separuh bobot harus dilaporkan.",
                        "0.5 means half of the weights must be reported.",
                    ),
                )
            )
        if self.bottom_group < 1 or self.draws < 1 or self.concentration <= 0:
            got_values = f"{self.bottom_group}, {self.draws}, {self.concentration}"
            raise CompareConfigError(
                Text(
                    "bottom_group dan draws harus ≥ 1 dan concentration > 0, tertulis "
                    f"{got_values}.",
                    "bottom_group and sensitivity draws must be ≥ 1 and concentration > 0, got "
                    f"{got_values}.",
                    hint=_example_hint("bottom_group: 3, draws: 1000, concentration: 20."),
                )
            )

    def thresholds_of(self, indicator_id: str) -> Thresholds | None:
        """The status thresholds of an indicator: the override, else the registry's."""
        if indicator_id in self.thresholds:
            return self.thresholds[indicator_id]
        return load_registry()[indicator_id].thresholds


def _thresholds(raw: Any, where: str) -> Thresholds:
    if not isinstance(raw, dict) or set(raw) != {"ready", "critical"}:
        raise CompareConfigError(
            Text(
                f"{where}: seharusnya {{ready: ..., critical: ...}}, tertulis {raw!r}.",
                f"{where}: expected {{ready: ..., critical: ...}}, got {raw!r}.",
                hint=_example_hint("{ready: 0.75, critical: 0.5}"),
            )
        )
    try:
        return Thresholds(ready=raw["ready"], critical=raw["critical"])
    except (TypeError, ValueError) as problem:
        raise CompareConfigError(
            Text(
                f"{where}: ambang harus angka, 'norm' atau 'norm*F', tertulis {raw!r}. "
                "Petunjuk: mis. critical: norm*0.8.",
                f"{where}: {problem}",
            )
        ) from None


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
    data: dict[str, Any] = load_yaml(source.read_text(encoding="utf-8"))
    if path is not None:
        extra = _read_settings(Path(path))
        known = set(data)
        unknown = sorted(set(extra) - known)
        if unknown:
            names, known_names = ", ".join(unknown), ", ".join(sorted(known))
            raise CompareConfigError(
                Text(
                    f"{path}: pengaturan {names} tidak dikenal.",
                    f"{path}: unknown setting(s) {names}.",
                    hint=Text(
                        f"yang dikenal: {known_names}.", f"known settings are {known_names}."
                    ),
                )
            )
        data = _merge(data, extra)
    sensitivity = _mapping(data.get("sensitivity"), "sensitivity")
    composite = _thresholds(data["composite_thresholds"], "composite_thresholds")
    ready, critical = composite.ready, composite.critical
    if isinstance(ready, int | float) and isinstance(critical, int | float) and ready < critical:
        raise CompareConfigError(
            Text(
                f"composite_thresholds: ready ({ready}) tidak boleh di bawah critical "
                f"({critical}): skor lebih tinggi lebih baik.",
                f"composite_thresholds: ready ({ready}) must not be below critical ({critical}): "
                "a higher score is better.",
                hint=_example_hint("{ready: 0.75, critical: 0.5}"),
            )
        )
    weights = _mapping(data.get("weights"), "weights")
    thresholds = _mapping(data.get("thresholds"), "thresholds")
    return CompareConfig(
        weights={str(k): _number(v, f"weights.{k}") for k, v in weights.items()},
        normalisation=data.get("normalisation", "goalposts"),
        composite_thresholds=composite,
        min_composite_coverage=_number(
            data.get("min_composite_coverage", 0.7), "min_composite_coverage"
        ),
        bottom_group=_whole(data.get("bottom_group", 3), "bottom_group"),
        draws=_whole(sensitivity.get("draws", 1000), "sensitivity.draws"),
        concentration=_number(sensitivity.get("concentration", 20), "sensitivity.concentration"),
        seed=_whole(sensitivity.get("seed", CompareConfig.seed), "sensitivity.seed"),
        thresholds={str(k): _thresholds(v, f"thresholds.{k}") for k, v in thresholds.items()},
    )


def _read_settings(path: Path) -> dict[str, Any]:
    """A settings file as a mapping, or an error saying what is wrong with it."""
    try:
        with path.open(encoding="utf-8") as stream:
            extra = load_yaml(stream) or {}
    except yaml.YAMLError as problem:
        detail = " ".join(str(problem).split())
        raise CompareConfigError(
            Text(
                f"{path} bukan YAML yang sah: {detail}.",
                f"{path} is not valid YAML: {detail}.",
                hint=Text(
                    "pakai spasi untuk indentasi, 'kunci: nilai'.",
                    "indent with spaces, 'key: value'.",
                ),
            )
        ) from None
    except (OSError, UnicodeDecodeError) as problem:
        detail = (problem.strerror or str(problem)) if isinstance(problem, OSError) else "not UTF-8"
        raise CompareConfigError(
            Text(
                f"{path} tidak dapat dibaca: {detail}.",
                f"cannot read {path}: {detail}.",
                hint=Text(
                    "periksa lokasinya, dan simpan berkas sebagai UTF-8.",
                    "check the path, and save the file as UTF-8.",
                ),
            )
        ) from None
    return _mapping(extra, str(path))


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CompareConfigError(
            Text(
                f"{where}: seharusnya pengaturan berbentuk 'kunci: nilai', tertulis {value!r}.",
                f"{where}: expected settings as 'key: value' lines, got {value!r}.",
                hint=_example_hint("weights: {data_coverage: 1}"),
            )
        )
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CompareConfigError(
            Text(
                f"{where}: seharusnya angka, tertulis {value!r}.",
                f"{where}: expected a number, got {value!r}.",
                hint=Text("tulis seperti 0.5 atau 3.", "write it like 0.5 or 3."),
            )
        )
    return float(value)


def _whole(value: Any, where: str) -> int:
    number = _number(value, where)
    if not number.is_integer():
        raise CompareConfigError(
            Text(
                f"{where}: seharusnya bilangan bulat, tertulis {value!r}.",
                f"{where}: expected a whole number, got {value!r}.",
                hint=Text("tulis seperti 1000.", "write it like 1000."),
            )
        )
    return int(number)
