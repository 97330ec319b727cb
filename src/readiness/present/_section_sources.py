"""Briefing section: the reference pages — indicator definitions, glossary, the sources
cited in the data and the input files with their fingerprints."""

from __future__ import annotations

from readiness.contract import TABLES, Text, load_election
from readiness.present._briefing_core import BriefingCore
from readiness.present._display import Markdown, Table
from readiness.present._escape import escape_markdown
from readiness.present._format import format_number, format_value
from readiness.present._labels import GLOSSARY, unit_label

__all__ = ["definitions", "glossary", "manifest_table", "sources_list"]


def definitions(b: BriefingCore) -> Markdown:
    """Every indicator of the registry: name, unit, direction, formula in words, norm."""
    election = load_election("pilkada-2024")
    blocks = []
    for spec in b.registry:
        norm = ""
        if spec.norm and spec.norm in election.norms:
            n = election.norms[spec.norm]
            norm = (
                f"; {b.t('norm').lower()}: {format_value(n.value, n.unit, b.lang)}"
                f" ({escape_markdown(n.basis_in(b.lang))})"
            )
        blocks.append(
            f"**{escape_markdown(spec.name(b.lang))}** (`{spec.id}`)\n"
            f":   {escape_markdown(spec.description(b.lang))} "
            f"{b.t('formula')}: {escape_markdown(spec.formula(b.lang))} "
            f"{b.t('unit')}: {escape_markdown(unit_label(spec.unit, b.lang))}; "
            f"{b.t(spec.direction)}"
            f"{norm}."
        )
    return Markdown("\n\n".join(blocks))


def glossary(b: BriefingCore) -> Markdown:
    """Terms used in the document, each explained in plain words (a regency profile
    leaves out those of the comparison and the file list, which it does not show)."""
    skip = set() if b.is_province else {"weight", "rank", "fingerprint"}
    return Markdown("\n\n".join(
        f"**{escape_markdown(Text(*term).get(b.lang))}**\n"
        f":   {escape_markdown(Text(*meaning).get(b.lang))}"
        for key, (term, meaning) in GLOSSARY.items() if key not in skip
    ))  # fmt: skip


def manifest_table(b: BriefingCore) -> Table:
    """The input files with their size and SHA-256, so every figure can be traced."""
    rows = [[f.path, f.kind, format_number(f.size, b.lang), f.sha256[:16]]
            for f in b.dataset.files]  # fmt: skip
    columns = [b.t("file"), b.t("kind"), b.t("size"), b.t("sha256")]
    return Table(columns, rows, align="llrl", widths=[45, 8, 12, 20])


def sources_list(b: BriefingCore) -> Markdown:
    """The distinct sources cited in the data, per table."""
    lines = []
    for name in TABLES:
        frame = b.table(name, None if b.is_province else b.region)
        if "source" not in frame.columns:
            continue
        sources = sorted({s for s in frame["source"].drop_nulls().to_list() if s.strip()})
        for source in sources:
            lines.append(f"- {TABLES[name].sheet(b.lang)}: {escape_markdown(source)}")
    return Markdown("\n".join(lines) if lines else b.t("not_reported_here"))
