"""Reading a Quarto ``.qmd`` source: front matter, Markdown cells and code cells with their
``#|`` options, and injecting parameters the way Quarto does (after the ``parameters`` cell).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from readiness.contract import load_yaml

__all__ = ["Cell", "QmdDocument", "parameters_source", "read_qmd"]

CellKind = Literal["markdown", "code"]


@dataclass(frozen=True)
class Cell:
    """One cell: Markdown text, or Python code with its ``#|`` options."""

    kind: CellKind
    source: str
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def tags(self) -> tuple[str, ...]:
        raw = self.options.get("tags") or ()
        return tuple(str(t) for t in (raw if isinstance(raw, list | tuple) else [raw]))


@dataclass(frozen=True)
class QmdDocument:
    """A parsed ``.qmd`` file."""

    path: Path
    front_matter: dict[str, Any]
    cells: tuple[Cell, ...]

    @property
    def parameters_index(self) -> int | None:
        """Position of the cell tagged ``parameters`` (where injected values follow)."""
        for index, cell in enumerate(self.cells):
            if cell.kind == "code" and "parameters" in cell.tags:
                return index
        return None


def _split_options(source: str) -> tuple[dict[str, Any], str]:
    option_lines = []
    lines = source.splitlines()
    while lines and lines[0].startswith("#|"):
        option_lines.append(lines.pop(0)[2:].strip())
    options = load_yaml("\n".join(option_lines)) if option_lines else {}
    return (options if isinstance(options, dict) else {}), "\n".join(lines)


def read_qmd(path: Path) -> QmdDocument:
    """Parse a ``.qmd`` file.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.qmd").write_text(
    ...     '---\\ntitle: T\\n---\\n\\nText.\\n\\n```{python}\\n#| tags: [parameters]\\nregion = "64.03"\\n```\\n')
    >>> doc = read_qmd(folder / "a.qmd")
    >>> doc.front_matter["title"], [c.kind for c in doc.cells], doc.parameters_index
    ('T', ['markdown', 'code'], 1)
    >>> doc.cells[1].source
    'region = "64.03"'
    """
    import jupytext

    notebook = jupytext.reads(Path(path).read_text(encoding="utf-8"), fmt="Rmd")
    front: dict[str, Any] = {}
    cells: list[Cell] = []
    for cell in notebook.cells:
        source = str(cell.source)
        if cell.cell_type == "raw" and source.startswith("---") and not cells and not front:
            loaded = load_yaml(source.strip().strip("-")) or {}
            front = loaded if isinstance(loaded, dict) else {}
        elif cell.cell_type == "code":
            options, code = _split_options(source)
            cells.append(Cell("code", code, options))
        else:
            cells.append(Cell("markdown", source))
    return QmdDocument(Path(path), front, tuple(cells))


def parameters_source(values: dict[str, Any]) -> str:
    """Python assignments for injected parameters (every value a literal).

    >>> print(parameters_source({"region": "64.03", "lang": "id"}))
    region = '64.03'
    lang = 'id'
    """
    return "\n".join(f"{name} = {value!r}" for name, value in values.items())
