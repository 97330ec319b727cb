"""The validation reference page lists exactly the registered rules."""

from __future__ import annotations

from readiness import config
from readiness.validation import RULES, rules_markdown


def validation_section() -> str:
    text = (config.project_root() / "docs" / "validation.md").read_text(encoding="utf-8")
    start = text.index("<!-- section:validation -->")
    return text[start : text.index("<!-- /section:validation -->", start)]


def test_rules_table_matches_the_registry() -> None:
    assert rules_markdown("en") in validation_section()


def test_every_rule_is_documented_once() -> None:
    section = validation_section()
    for rule_id in RULES:
        assert section.count(f"| `{rule_id}` |") == 1
