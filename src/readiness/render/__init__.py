"""Rendering the briefing documents in ``reports/`` to HTML, PDF and DOCX.

Two engines, one set of ``.qmd`` sources: the Quarto CLI where it is installed (on ``PATH``
or through ``QUARTO_PATH``), and a built-in path made of registry packages only — a Jupyter
kernel executes each document once, and Pandoc (``pypandoc-binary``) and Typst (``typst``)
turn that one execution into every format.
"""

from readiness.render._assemble import FORMATS, Format, assemble_markdown
from readiness.render._engine import (
    Engine,
    RenderJob,
    RenderResult,
    parse_formats,
    plan_jobs,
    quarto_path,
    render_report,
)
from readiness.render._execute import ExecutionError, KernelSession, check_kernel
from readiness.render._naming import output_name
from readiness.render._pandoc import ConversionError, convert, pandoc_path
from readiness.render._progress import Progress
from readiness.render._qmd import Cell, QmdDocument, read_qmd

__all__ = [
    "FORMATS",
    "Cell",
    "ConversionError",
    "Engine",
    "ExecutionError",
    "Format",
    "KernelSession",
    "Progress",
    "QmdDocument",
    "RenderJob",
    "RenderResult",
    "assemble_markdown",
    "check_kernel",
    "convert",
    "output_name",
    "pandoc_path",
    "parse_formats",
    "plan_jobs",
    "quarto_path",
    "read_qmd",
    "render_report",
]
