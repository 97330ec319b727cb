"""The Quarto CLI as renderer: every document executed once in this environment's kernel,
handed to Quarto as one notebook per format, and all of them rendered by a single
``quarto render`` of a temporary project.

Why notebooks rather than ``quarto render file.qmd -P ...``: Quarto would start a kernel and
execute the document again for every format, and it loads require.js and jQuery from a CDN
as soon as any output offers ``text/html``. Here each output keeps only the representation its
format needs — HTML as raw HTML inside Markdown (interactive charts, scripts inlined), PDF
Markdown and SVG, DOCX Markdown and PNG — and figure captions become the cells' ``fig-cap``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from readiness.present import CAPTION_METADATA_KEY
from readiness.render._assemble import Format
from readiness.render._execute import CellResult
from readiness.render._qmd import QmdDocument, parameters_source

__all__ = [
    "QUARTO_FORMATS",
    "QuartoError",
    "QuartoInput",
    "quarto_command",
    "quarto_environment",
    "quarto_notebook",
    "run_quarto",
]

QUARTO_FORMATS: dict[Format, str] = {"html": "html", "pdf": "typst", "docx": "docx"}
"""Quarto's name of the format that writes each of our formats."""

_KEEP: dict[Format, tuple[str, ...]] = {
    "html": ("text/html", "text/markdown", "image/svg+xml", "image/png", "text/plain"),
    "pdf": ("text/markdown", "image/svg+xml", "image/png", "text/plain"),
    "docx": ("text/markdown", "image/png", "image/svg+xml", "text/plain"),
}
_PATH_OPTIONS = ("css", "include-in-header", "include-before-body", "reference-doc", "template")


class QuartoError(RuntimeError):
    """``quarto render`` failed; the message carries the end of its own output."""


@dataclass(frozen=True)
class QuartoInput:
    """One notebook to render: where it is written and which output file it gives."""

    notebook: Path
    output: Path


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _raw_html(html: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", html)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{{=html}}\n{html}\n{ticks}"


def _front_matter(document: QmdDocument, fmt: Format, lang: str) -> dict[str, Any]:
    """The document's front matter for one format, its relative resource paths made absolute
    (the notebook lives in a temporary folder), and no execution."""
    front = {k: v for k, v in document.front_matter.items() if k != "format"}
    formats = document.front_matter.get("format") or {}
    block = formats.get(QUARTO_FORMATS[fmt]) if isinstance(formats, dict) else None
    options: dict[str, Any] = dict(block) if isinstance(block, dict) else {}
    folder = document.path.parent.resolve()
    for key in _PATH_OPTIONS:
        value = options.get(key)
        if isinstance(value, str) and not Path(value).is_absolute():
            options[key] = str((folder / value).resolve())
    front["format"] = {QUARTO_FORMATS[fmt]: options or "default"}
    front["lang"] = lang
    execute = front.get("execute")
    front["execute"] = {**(execute if isinstance(execute, dict) else {}), "enabled": False}
    return front


def _pick(output: dict[str, Any], fmt: Format) -> tuple[dict[str, Any], str | None]:
    """The output reduced to the one representation ``fmt`` takes, and a figure's caption."""
    kind = output.get("output_type")
    if kind not in ("display_data", "execute_result"):
        return output, None
    data: dict[str, Any] = output.get("data", {})
    mime = next((m for m in _KEEP[fmt] if m in data), None)
    caption = None
    if mime in ("image/svg+xml", "image/png"):
        meta = output.get("metadata", {}).get(CAPTION_METADATA_KEY) or {}
        caption = str(meta.get("caption") or "") or None
    if mime is None:
        kept: dict[str, Any] = {}
    elif mime == "text/html":
        kept = {"text/markdown": _raw_html(_text(data[mime]))}
    else:
        kept = {mime: data[mime]}
    return {"output_type": "display_data", "data": kept, "metadata": {}}, caption


def quarto_notebook(
    document: QmdDocument,
    results: Sequence[CellResult],
    fmt: Format,
    params: Mapping[str, Any],
) -> str:
    """An executed notebook (nbformat 4, as JSON text) that renders ``document`` to ``fmt``.

    The cell that followed the ``parameters`` cell holds the values the document ran with.

    >>> import json, pathlib, tempfile
    >>> from readiness.render import read_qmd
    >>> source = pathlib.Path(tempfile.mkdtemp()) / "a.qmd"
    >>> _ = source.write_text("---\\nformat:\\n  typst:\\n    include-in-header: h.typ\\n---\\n"
    ...     "\\n```{python}\\n#| tags: [parameters]\\nregion = '64'\\n```\\n")
    >>> notebook = json.loads(quarto_notebook(read_qmd(source), [], "pdf", {"region": "64.10"}))
    >>> front = "".join(notebook["cells"][0]["source"])
    >>> "enabled: false" in front, f"include-in-header: {source.parent}/h.typ" in front
    (True, True)
    >>> "".join(notebook["cells"][2]["source"])
    "#| include: false\\nregion = '64.10'"
    """
    import nbformat

    by_index = {r.index: r for r in results}
    lang = str(params.get("lang") or document.front_matter.get("lang") or "id")
    front = _front_matter(document, fmt, lang)
    cells: list[Any] = [
        nbformat.v4.new_raw_cell("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---")  # type: ignore[no-untyped-call]
    ]
    for index, cell in enumerate(document.cells):
        if cell.kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell.source))  # type: ignore[no-untyped-call]
            continue
        options = dict(cell.options)
        outputs, captions = [], []
        for output in by_index[index].outputs if index in by_index else ():
            kept, caption = _pick(dict(output), fmt)
            if kept.get("output_type") == "display_data" and not kept.get("data"):
                continue
            outputs.append(kept)
            if caption:
                captions.append(caption)
        if captions:
            options["fig-cap"] = captions[0] if len(captions) == 1 else captions
        header = "".join(
            f"#| {line}\n" for line in yaml.safe_dump(options, allow_unicode=True, width=10_000).splitlines()
        ) if options else ""  # fmt: skip
        code = nbformat.v4.new_code_cell(header + cell.source)  # type: ignore[no-untyped-call]
        code.outputs = [nbformat.from_dict(o) for o in outputs]  # type: ignore[no-untyped-call]
        cells.append(code)
        if index == document.parameters_index:
            injected = nbformat.v4.new_code_cell(  # type: ignore[no-untyped-call]
                "#| include: false\n" + parameters_source(dict(params))
            )
            injected.metadata["tags"] = ["injected-parameters"]
            cells.append(injected)
    notebook = nbformat.v4.new_notebook(cells=cells)  # type: ignore[no-untyped-call]
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python",
    }  # fmt: skip
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.metadata["papermill"] = {"parameters": dict(params)}
    text: str = nbformat.writes(notebook)  # type: ignore[no-untyped-call]
    return text


def quarto_environment() -> dict[str, str]:
    """Quarto's environment: this interpreter runs Python (``QUARTO_PYTHON``), not whatever
    ``python3`` is first on ``PATH``.

    >>> quarto_environment()["QUARTO_PYTHON"] == sys.executable
    True
    """
    env = dict(os.environ)
    env["QUARTO_PYTHON"] = sys.executable
    return env


def quarto_command(quarto: str) -> list[str]:
    """Render the project in the working directory, without executing anything again.

    >>> quarto_command("quarto")
    ['quarto', 'render', '--no-execute', '--quiet']
    """
    return [quarto, "render", "--no-execute", "--quiet"]


def run_quarto(quarto: str, project: Path, inputs: Sequence[QuartoInput]) -> None:
    """Write the notebooks' project file and render it with ``project`` as working directory;
    raise :class:`QuartoError` when Quarto fails or an output is missing."""
    project.mkdir(parents=True, exist_ok=True)
    listing = [str(i.notebook.relative_to(project)) for i in inputs]
    config = {"project": {"type": "default", "render": listing}}
    (project / "_quarto.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    done = subprocess.run(
        quarto_command(quarto), cwd=project, env=quarto_environment(),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    missing = [i.output.name for i in inputs if not i.output.is_file()]
    if done.returncode != 0 or missing:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise QuartoError(
            f"quarto render failed (exit {done.returncode})"
            + (f"; not written: {', '.join(missing[:5])}" if missing else "")
            + f": {detail}. Hint: render again with engine='builtin', or check `quarto check`"
        )
