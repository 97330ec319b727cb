"""From executed cells to one Pandoc Markdown text per output format.

Each output format takes the representation that suits it from every display, in the same
order of preference Quarto uses: interactive HTML for HTML, Markdown for everything text,
SVG for PDF (Typst) and PNG for DOCX.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, get_args

from readiness.present import CAPTION_METADATA_KEY, escape_markdown
from readiness.render._execute import CellResult
from readiness.render._qmd import QmdDocument

__all__ = ["FORMATS", "Format", "assemble_markdown"]

Format = Literal["html", "pdf", "docx"]
FORMATS: tuple[Format, ...] = get_args(Format)

_PREFERENCE: dict[Format, tuple[str, ...]] = {
    "html": ("text/html", "text/markdown", "image/svg+xml", "image/png", "text/plain"),
    "pdf": ("text/markdown", "image/svg+xml", "image/png", "text/plain"),
    "docx": ("text/markdown", "image/png", "image/svg+xml", "text/plain"),
}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _fence(text: str, info: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{text}\n{ticks}"


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


_TEXT_WIDTH_PT = 490.0
_SVG_WIDTH = re.compile(r'<svg[^>]*?\swidth="([0-9.]+)')


def _width_percent(svg: str | None, data: dict[str, Any]) -> int:
    """The share of the text width a chart takes at its natural size (CSS px = 0.75 pt)."""
    source = svg if svg is not None else _text(data.get("image/svg+xml", ""))
    match = _SVG_WIDTH.search(source)
    if not match:
        return 100
    return max(20, min(100, round(float(match.group(1)) * 0.75 / _TEXT_WIDTH_PT * 100)))


def _option(options: dict[str, Any], name: str, default: Any) -> Any:
    return options.get(name, default)


def assemble_markdown(
    document: QmdDocument,
    results: Sequence[CellResult],
    fmt: Format,
    figures_dir: Path,
) -> str:
    """The document as Pandoc Markdown for ``fmt``; figures are written into ``figures_dir``
    and referenced by file name."""
    by_index = {r.index: r for r in results}
    execute = document.front_matter.get("execute") or {}
    default_echo = bool(execute.get("echo", False)) if isinstance(execute, dict) else False
    parts: list[str] = []
    figure_count = 0
    for index, cell in enumerate(document.cells):
        if cell.kind == "markdown":
            parts.append(cell.source)
            continue
        options = cell.options
        if _option(options, "echo", default_echo) is True:
            parts.append(_fence(cell.source, "python"))
        if _option(options, "include", True) is False or _option(options, "output", True) is False:
            continue
        asis = _option(options, "output", True) == "asis"
        for output in by_index[index].outputs if index in by_index else ():
            kind = output.get("output_type")
            if kind == "stream":
                text = _ANSI.sub("", _text(output.get("text", "")))
                if output.get("name") == "stdout" and asis:
                    parts.append(text)
                elif output.get("name") == "stdout" and text.strip():
                    parts.append(_fence(text.rstrip("\n"), ""))
                continue
            if kind not in ("display_data", "execute_result"):
                continue
            data: dict[str, Any] = output.get("data", {})
            metadata: dict[str, Any] = output.get("metadata", {})
            mime = next((m for m in _PREFERENCE[fmt] if m in data), None)
            if mime is None:
                continue
            value = _text(data[mime])
            if mime == "text/html":
                parts.append(_fence(value, "{=html}"))
            elif mime == "text/markdown":
                parts.append(value)
            elif mime in ("image/svg+xml", "image/png"):
                figure_count += 1
                suffix = "svg" if mime == "image/svg+xml" else "png"
                name = f"figure-{figure_count}.{suffix}"
                target = figures_dir / name
                if suffix == "svg":
                    target.write_text(value, encoding="utf-8")
                else:
                    target.write_bytes(base64.b64decode(value))
                caption = str(
                    (metadata.get(CAPTION_METADATA_KEY) or {}).get("caption")
                    or _option(options, "fig-cap", "")
                )
                width = _width_percent(value if suffix == "svg" else None, data)
                parts.append(f"![{escape_markdown(caption)}]({name}){{width={width}%}}")
            elif asis:
                parts.append(value)
            elif value.strip():
                parts.append(_fence(value, ""))
    return "\n\n".join(p.strip("\n") for p in parts if p.strip()) + "\n"
