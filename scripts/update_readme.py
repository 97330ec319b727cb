"""Regenerate the documentation blocks that are derived from the package.

The README is the short front page; the reference pages under ``docs/`` hold blocks generated
from the code (contract tables, validation rules, indicator table). Run
``python scripts/update_readme.py`` after changing the contract, the rules or the indicator
registry; ``--check`` exits 1 when a page is stale (the tests call it that way).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from readiness.contract import contract_markdown
from readiness.indicators import registry_markdown
from readiness.present import sitrep_schema
from readiness.validation import rules_markdown

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def sitrep_fields_markdown() -> str:
    """The top-level fields of the sitrep JSON Schema with their types and descriptions."""
    schema = sitrep_schema()
    lines = ["| field | type | description |", "|---|---|---|"]
    for name, spec in schema["properties"].items():
        kind = spec.get("type") or ("const" if "const" in spec else "")
        if isinstance(kind, list):
            kind = " or ".join(kind)
        if "$ref" in spec:
            kind = spec["$ref"].rsplit("/", 1)[-1]
        if "enum" in spec:
            kind = " / ".join(f"`{value}`" for value in spec["enum"])
        if "oneOf" in spec:
            kind = "object or null"
        if kind == "array":
            kind = f"array of {spec['items'].get('$ref', '#/object').rsplit('/', 1)[-1]}"
        text = spec.get("description", "")
        lines.append(f"| `{name}` | {kind} | {text} |")
    return "\n".join(lines)


GENERATED: dict[str, tuple[Path, Callable[[], str]]] = {
    "contract-tables": (DOCS / "contract.md", lambda: contract_markdown("en")),
    "indicators-table": (DOCS / "indicators.md", lambda: registry_markdown("en")),
    "validation-rules": (DOCS / "validation.md", lambda: rules_markdown("en")),
    "sitrep-schema": (DOCS / "sitrep.md", sitrep_fields_markdown),
}


def render(text: str, name: str, make: Callable[[], str]) -> str:
    """``text`` with its ``<!-- generated:NAME -->`` block rewritten by ``make``."""
    pattern = re.compile(
        rf"(<!-- generated:{name} -->\n).*?(<!-- /generated:{name} -->)", re.DOTALL
    )
    if not pattern.search(text):
        raise SystemExit(f"no '<!-- generated:{name} -->' block to fill")
    return pattern.sub(lambda m: m.group(1) + make() + "\n" + m.group(2), text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a page is stale")
    args = parser.parse_args()
    stale = []
    for name, (page, make) in GENERATED.items():
        current = page.read_text(encoding="utf-8")
        updated = render(current, name, make)
        if updated == current:
            continue
        if args.check:
            stale.append(page.relative_to(ROOT).as_posix())
        else:
            page.write_text(updated, encoding="utf-8")
    if stale:
        print(f"stale: {', '.join(stale)}; run python scripts/update_readme.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
