"""The contract as Markdown, for docs/contract.md and for users who ask."""

from __future__ import annotations

from readiness.contract._enums import CLOSED_SETS, Language
from readiness.contract._tables import CONTRACT_VERSION, TABLES
from readiness.contract._text import Text

__all__ = ["contract_markdown"]

_KIND_LABELS: dict[str, Text] = {
    "code": Text("kode Kemendagri", "Kemendagri code"),
    "date": Text("tanggal", "date"),
    "count": Text("bilangan bulat ≥ 0", "whole number ≥ 0"),
    "number": Text("angka", "number"),
    "text": Text("teks", "text"),
    "closed": Text("pilihan", "choice"),
}

_TEXT: dict[str, Text] = {
    "version": Text("Versi kontrak **{version}**.", "Contract version **{version}**."),
    "row_key": Text("Kunci baris: ", "Row key: "),
    "columns_head": Text(
        "| kolom | judul (id / en) | jenis | wajib | isi |",
        "| column | header (id / en) | kind | required | holds |",
    ),
    "required": Text("ya", "yes"),
    "closed_sets": Text("Pilihan tertutup", "Closed sets"),
    "closed_head": Text(
        "| himpunan | kunci → label (id / en) |", "| set | key → label (id / en) |"
    ),
}


def contract_markdown(lang: Language = "en") -> str:
    """Every table, column and closed set of the contract as Markdown.

    >>> text = contract_markdown("en")
    >>> "### `logistics` — sheet *Logistik* / *Logistics*" in text
    True
    """
    say = {key: phrase.get(lang) for key, phrase in _TEXT.items()}
    out = [_TEXT["version"].format(version=CONTRACT_VERSION).get(lang)]
    for spec in TABLES.values():
        out.append("")
        out.append(f"### `{spec.name}` — sheet *{spec.sheet_id}* / *{spec.sheet_en}*")
        out.append("")
        out.append(spec.description(lang))
        key = ", ".join(f"`{k}`" for k in spec.key)
        out.append("")
        out.append(say["row_key"] + key)
        out.append("")
        out.append(say["columns_head"])
        out.append("|---|---|---|---|---|")
        for column in spec.columns:
            kind = _KIND_LABELS[column.kind].get(lang)
            if column.closed_set is not None:
                kind = f"{kind}: `{column.closed_set}`"
            required = say["required"] if column.required else ""
            out.append(
                f"| `{column.name}` | {column.label_id} / {column.label_en} | {kind} "
                f"| {required} | {column.description(lang)} |"
            )
    out.append("")
    out.append("### " + say["closed_sets"])
    out.append("")
    out.append(say["closed_head"])
    out.append("|---|---|")
    for closed in CLOSED_SETS.values():
        values = "; ".join(
            f"`{key}` → {closed.label(key, 'id')} / {closed.label(key, 'en')}"
            for key in closed.keys
        )
        out.append(f"| `{closed.name}` | {values} |")
    return "\n".join(out)
