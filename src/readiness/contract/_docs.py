"""The contract as Markdown, for docs/contract.md and for users who ask."""

from __future__ import annotations

from readiness.contract._enums import CLOSED_SETS, Language
from readiness.contract._tables import CONTRACT_VERSION, TABLES

__all__ = ["contract_markdown"]

_KIND_LABELS: dict[str, tuple[str, str]] = {
    "code": ("kode Kemendagri", "Kemendagri code"),
    "date": ("tanggal", "date"),
    "count": ("bilangan bulat ≥ 0", "whole number ≥ 0"),
    "number": ("angka", "number"),
    "text": ("teks", "text"),
    "closed": ("pilihan", "choice"),
}


def contract_markdown(lang: Language = "en") -> str:
    """Every table, column and closed set of the contract as Markdown.

    >>> text = contract_markdown("en")
    >>> "### `logistics` — sheet *Logistik* / *Logistics*" in text
    True
    """
    index = 0 if lang == "id" else 1
    out = [f"Contract version **{CONTRACT_VERSION}**." if lang == "en" else
           f"Versi kontrak **{CONTRACT_VERSION}**."]  # fmt: skip
    for spec in TABLES.values():
        out.append("")
        out.append(f"### `{spec.name}` — sheet *{spec.sheet_id}* / *{spec.sheet_en}*")
        out.append("")
        out.append(spec.description(lang))
        key = ", ".join(f"`{k}`" for k in spec.key)
        out.append("")
        out.append(("Kunci baris: " if lang == "id" else "Row key: ") + key)
        out.append("")
        if lang == "id":
            out.append("| kolom | judul (id / en) | jenis | wajib | isi |")
        else:
            out.append("| column | header (id / en) | kind | required | holds |")
        out.append("|---|---|---|---|---|")
        for column in spec.columns:
            kind = _KIND_LABELS[column.kind][index]
            if column.closed_set is not None:
                kind = f"{kind}: `{column.closed_set}`"
            required = ("ya" if lang == "id" else "yes") if column.required else ""
            out.append(
                f"| `{column.name}` | {column.label_id} / {column.label_en} | {kind} "
                f"| {required} | {column.description(lang)} |"
            )
    out.append("")
    out.append("### " + ("Pilihan tertutup" if lang == "id" else "Closed sets"))
    out.append("")
    if lang == "id":
        out.append("| himpunan | kunci → label (id / en) |")
    else:
        out.append("| set | key → label (id / en) |")
    out.append("|---|---|")
    for closed in CLOSED_SETS.values():
        values = "; ".join(
            f"`{key}` → {closed.label(key, 'id')} / {closed.label(key, 'en')}"
            for key in closed.keys
        )
        out.append(f"| `{closed.name}` | {values} |")
    return "\n".join(out)
