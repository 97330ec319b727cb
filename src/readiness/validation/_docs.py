"""The rules table for docs/validation.md, generated from the registry."""

from __future__ import annotations

from readiness.contract import Language, Text
from readiness.validation._registry import RULES, Rule

_PLACEHOLDERS: dict[Language, dict[str, str]] = {
    "id": {"column": "kolom itu", "allowed_id": "nilai dalam daftar pilihan",
           "expected": "tipe menurut kontrak"},
    "en": {"column": "the column", "allowed_en": "the values in the list",
           "expected": "the contract's type"},
}  # fmt: skip
_RULE_PLACEHOLDERS: dict[str, dict[Language, dict[str, str]]] = {
    "region.wrong_level": {"id": {"allowed_id": "kecamatan atau desa/kelurahan"},
                           "en": {"allowed_en": "district or village"}},
    "schema.column_missing": {"id": {"column": "yang tidak ada"},
                              "en": {"column": "it lacks"}},
}  # fmt: skip


class _Placeholders(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def example_hint(rule: Rule, lang: Language = "id") -> str:
    """A rule's hint with its placeholders in words, for documentation.

    >>> example_hint(RULES["schema.closed_set"], "en")
    'Choose one of: the values in the list.'
    >>> example_hint(RULES["region.wrong_level"], "en").split(";")[0]
    'Use a district or village code'
    """
    template = rule.text.hint_in(lang)
    words = {**_PLACEHOLDERS[lang], **_RULE_PLACEHOLDERS.get(rule.id, {}).get(lang, {})}
    return template.format_map(_Placeholders(words))


__all__ = ["example_hint", "rules_markdown"]


def rules_markdown(lang: Language = "id") -> str:
    """A Markdown table of every rule: id, severity, what it checks, and its hint.

    >>> print(rules_markdown("en").splitlines()[0])
    | rule | severity | checks | example hint |
    """
    head = Text(
        "| aturan | tingkat | yang diperiksa | contoh petunjuk |",
        "| rule | severity | checks | example hint |",
    )
    lines = [head.get(lang), "|---|---|---|---|"]
    for rule in sorted(RULES.values(), key=lambda r: r.id):
        hint = example_hint(rule, lang)
        lines.append(f"| `{rule.id}` | {rule.severity} | {rule.title(lang)} | {hint} |")
    return "\n".join(lines)
