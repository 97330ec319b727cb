"""Briefing section: the reference pages — indicator definitions, glossary, the sources
cited in the data and the input files with their fingerprints."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from readiness.contract import TABLES, TableName, Text, load_election
from readiness.present._briefing_core import BriefingCore
from readiness.present._display import Markdown, Table
from readiness.present._escape import escape_markdown
from readiness.present._format import format_number, format_quoted, format_value, quoted_legend
from readiness.present._labels import GLOSSARY, unit_label
from readiness.present._source_line import REGIONAL_TABLES, date_range

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
    return Table(columns, rows, align="llrl", widths=[45, 8, 12, 20],
                 source=b.t("source_files", name=b.dataset.name))  # fmt: skip


def sources_list(b: BriefingCore) -> Markdown:
    """The sources cited in the data, grouped by regency (its name and files in bold, then
    each source with the sheets and dates it covers), then the published figures."""
    blocks: list[str] = []
    quoted: list[str] = []
    codes = b.regency_codes if b.is_province else [b.region]
    names = b.names()
    groups: list[tuple[Sequence[TableName], str | None, str]] = [
        (REGIONAL_TABLES, code, names.get(code, code)) for code in codes
    ]
    groups.append(
        (("published_figures",), None if b.is_province else b.region, b.t("published_figures"))
    )
    for tables, code, title in groups:
        block, sources = _sources_block(b, tables, code, title)
        if block:
            blocks.append(block)
            quoted += sources
    if not blocks:
        return Markdown(b.t("not_reported_here"))
    legend = quoted_legend(b.lang, quoted).rstrip()
    return Markdown("\n\n".join([*blocks, escape_markdown(legend)] if legend else blocks))


def _sources_block(
    b: BriefingCore, tables: Sequence[TableName], code: str | None, title: str
) -> tuple[str, list[str]]:
    """One group of the source list (a bold lead, then one line per distinct source), and
    the sources it quotes."""
    frames = []
    for name in tables:
        frame = b.table(name, code)
        if name == "published_figures" and code is not None:
            frame = b.table(name).filter(
                pl.col("region_code").is_in([code, b.province_code]).fill_null(False)
            )
        if frame.height:
            frames.append(
                frame.select("source", "as_of", "_file").with_columns(
                    sheet=pl.lit(TABLES[name].sheet(b.lang))
                )
            )
    if not frames:
        return "", []
    rows = pl.concat(frames).filter(pl.col("source").str.strip_chars().str.len_chars() > 0)
    files = sorted({f for f in pl.concat(frames)["_file"].drop_nulls().to_list()})
    lead = f"**{escape_markdown(title)}**" + (
        f" ({escape_markdown(', '.join(files))})" if files else ""
    )
    lines = [lead, ""]
    grouped = (
        rows.group_by("source")
        .agg(
            pl.col("sheet").unique(maintain_order=True),
            first=pl.col("as_of").min(),
            last=pl.col("as_of").max(),
        )
        .sort("first", "source", nulls_last=True)
    )
    order = [TABLES[name].sheet(b.lang) for name in TABLES]
    for row in grouped.iter_rows(named=True):
        sheets = ", ".join(sorted(row["sheet"], key=order.index))
        lines.append(
            f"- {escape_markdown(format_quoted(row['source'], b.lang))} — "
            + ("" if tables == ("published_figures",) else f"{escape_markdown(sheets)}; ")
            + date_range(row["first"], row["last"], b.lang)
        )
    if len(lines) == 2:
        lines.append(f"- {b.t('source_unstated')}")
    return "\n".join(lines), grouped["source"].to_list()
