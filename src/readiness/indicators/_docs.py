"""The indicator reference table (docs/indicators.md), generated from the registry and norms."""

from __future__ import annotations

from readiness.contract import (
    DEFAULT_ELECTION,
    MISSING,
    STATUSES,
    Language,
    Text,
    load_election,
)
from readiness.indicators._registry import IndicatorSpec, Registry, load_registry

__all__ = ["registry_markdown"]

_TEXT: dict[str, Text] = {
    "columns": Text(
        "| id | indikator | rumus | satuan | arah | norma | status | tingkat |",
        "| id | indicator | formula | unit | direction | norm | status | levels |",
    ),
    "higher": Text("lebih tinggi lebih baik", "higher is better"),
    "lower": Text("lebih rendah lebih baik", "lower is better"),
    "target": Text("mendekati norma", "closest to the norm"),
    "none": Text(
        "deskriptif (tanpa arah, tidak dinilai atau diperingkat)",
        "descriptive (no direction, never scored or ranked)",
    ),
    "no_norm": Text(MISSING, MISSING),
}


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _bound(bound: float | str) -> str:
    return f"{bound:g}" if isinstance(bound, int | float) else bound.replace("*", "×")


def _thresholds(spec: IndicatorSpec, lang: Language) -> str:
    if spec.thresholds is None:
        return MISSING
    ready, critical = _bound(spec.thresholds.ready), _bound(spec.thresholds.critical)
    names = STATUSES.label("ready", lang), STATUSES.label("critical", lang)
    if spec.direction == "higher":
        return f"{names[0]} ≥ {ready}; {names[1]} < {critical}"
    if spec.direction == "lower":
        return f"{names[0]} ≤ {ready}; {names[1]} > {critical}"
    return f"{names[0]} \\|Δ\\| ≤ {ready}; {names[1]} \\|Δ\\| > {critical}"


def registry_markdown(
    lang: Language = "en", registry: Registry | None = None, election: str = DEFAULT_ELECTION
) -> str:
    """A Markdown table of every indicator: formula in words, unit, direction, norm, levels.

    >>> text = registry_markdown("en")
    >>> "| `tps_per_village` | Polling stations per village |" in text
    True
    >>> "600 — PKPU 7/2024" in registry_markdown("en")
    True
    >>> "| tps/village | descriptive (no direction" in text
    True
    """
    registry = registry or load_registry()
    norms = load_election(election).norms
    text = {key: phrase.get(lang) for key, phrase in _TEXT.items()}
    lines = [text["columns"], "|---|---|---|---|---|---|---|---|"]
    for spec in registry:
        if spec.norm:
            norm = norms[spec.norm]
            value = f"{norm.value:g}"
            norm_text = f"{value} — {norm.basis}" if norm.basis else value
        else:
            norm_text = text["no_norm"]
        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{spec.id}`",
                    _cell(spec.name(lang)),
                    _cell(spec.formula(lang)),
                    spec.unit,
                    text[spec.direction],
                    _cell(norm_text),
                    _thresholds(spec, lang),
                    ", ".join(spec.levels),
                ]
            )
            + " |"
        )
    return "\n".join(lines)
