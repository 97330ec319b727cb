"""Regenerate the README sections that are derived from the package.

Run ``python scripts/update_readme.py`` after changing the contract or the indicator
registry; ``--check`` exits 1 when the README is stale (the tests call it that way).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from readiness.contract import contract_markdown
from readiness.indicators import registry_markdown
from readiness.validation import rules_markdown

README = Path(__file__).resolve().parents[1] / "README.md"

GENERATED: dict[str, Callable[[], str]] = {
    "contract-tables": lambda: contract_markdown("en"),
    "indicators-table": lambda: registry_markdown("en"),
    "validation-rules": lambda: rules_markdown("en"),
}


def render(text: str) -> str:
    """The README text with every generated section rewritten."""
    for name, make in GENERATED.items():
        pattern = re.compile(
            rf"(<!-- generated:{name} -->\n).*?(<!-- /generated:{name} -->)", re.DOTALL
        )
        if not pattern.search(text):
            raise SystemExit(f"README.md has no '<!-- generated:{name} -->' block")
        text = pattern.sub(lambda m, make=make: m.group(1) + make() + "\n" + m.group(2), text)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is stale")
    args = parser.parse_args()
    current = README.read_text(encoding="utf-8")
    updated = render(current)
    if args.check:
        if updated != current:
            print("README.md is stale: run python scripts/update_readme.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
