"""Rendering the briefing documents in ``reports/`` to HTML, PDF and DOCX.

One execution, two ways to write the formats: a Jupyter kernel of this environment executes
each document once; then the Quarto CLI, where it is installed (on ``PATH`` or through
``QUARTO_PATH``), renders the executed notebooks, or else Pandoc (``pypandoc-binary``) and
Typst (``typst``) do.
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
from readiness.render._quarto import (
    QuartoError,
    quarto_command,
    quarto_environment,
    quarto_notebook,
)
from readiness.render._sitrep import render_sitrep, sitrep_job

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
    "QuartoError",
    "RenderJob",
    "RenderResult",
    "assemble_markdown",
    "check_kernel",
    "convert",
    "output_name",
    "pandoc_path",
    "parse_formats",
    "plan_jobs",
    "quarto_command",
    "quarto_environment",
    "quarto_notebook",
    "quarto_path",
    "read_qmd",
    "render_report",
    "render_sitrep",
    "sitrep_job",
]
