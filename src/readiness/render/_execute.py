"""Executing a document's code cells in a Jupyter kernel, one execution for every format.

A :class:`KernelSession` keeps one kernel alive across documents (module imports and the
library's caches are reused); every document starts from an empty namespace.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.render._qmd import QmdDocument, parameters_source

__all__ = ["CellResult", "ExecutionError", "KernelSession", "check_kernel"]


class ExecutionError(RuntimeError):
    """A code cell of a document failed; the message names the document and the cell."""


@dataclass(frozen=True)
class CellResult:
    """Outputs of one code cell (nbformat output dicts), by the document's cell index."""

    index: int
    outputs: tuple[dict[str, Any], ...]


_RESET = "get_ipython().run_line_magic('reset', '-f')"
_SETUP = (
    "import warnings\n"
    "warnings.filterwarnings('ignore', category=DeprecationWarning)\n"
    "get_ipython().display_formatter.active_types = ['text/plain', 'text/html', "
    "'text/markdown', 'image/svg+xml', 'image/png']"
)


def _code_cell(source: str) -> Any:
    import nbformat

    return nbformat.v4.new_code_cell(source)  # type: ignore[no-untyped-call]


def check_kernel() -> str:
    """The kernel name to use, after checking that it runs this interpreter.

    Jupyter replaces a kernelspec's ``python`` with the running interpreter, so the
    ``python3`` kernel of this environment runs the Python that has ``readiness`` installed.

    >>> check_kernel()
    'python3'
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        argv = KernelSpecManager().get_kernel_spec("python3").argv
    except NoSuchKernel:
        raise RuntimeError(
            "no Jupyter kernel 'python3' found. Hint: install ipykernel in this environment"
        ) from None
    interpreter = argv[0] if argv else ""
    accepted = {"python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"}
    if (
        interpreter not in accepted
        and Path(interpreter).resolve() != Path(sys.executable).resolve()
    ):
        raise RuntimeError(
            f"the 'python3' kernel runs {interpreter!r}, not {sys.executable!r}. "
            f"Hint: run `{sys.executable} -m ipykernel install --sys-prefix`"
        )
    return "python3"


class KernelSession:
    """One running kernel (this interpreter, started in ``cwd``), reused across documents.

    Use as a context manager; :meth:`run` executes one document with injected parameters.
    """

    def __init__(self, cwd: Path, timeout: int = 300) -> None:
        self.cwd = Path(cwd)
        self.timeout = timeout
        self._km: Any = None

    def __enter__(self) -> KernelSession:
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name=check_kernel())
        env = dict(os.environ)
        env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        km.start_kernel(
            cwd=str(self.cwd),
            env=env,
            extra_arguments=["--HistoryManager.enabled=False", "--IPKernelApp.log_level=ERROR"],
        )
        self._km = km
        return self

    def __exit__(self, *exc: object) -> None:
        if self._km is not None:
            self._km.shutdown_kernel(now=True)
            self._km = None

    def _execute(self, cells: list[Any], failed: str) -> Any:
        """Run ``cells`` as one notebook in the kernel; the executed notebook, or
        :class:`ExecutionError` starting with ``failed`` when a cell fails."""
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        if self._km is None:
            raise RuntimeError("a KernelSession runs cells only inside `with KernelSession(...)`")
        notebook = nbformat.v4.new_notebook(cells=cells)  # type: ignore[no-untyped-call]
        client = NotebookClient(
            notebook, km=self._km, timeout=self.timeout, allow_errors=False,
            resources={"metadata": {"path": str(self.cwd)}},
        )  # fmt: skip
        try:
            client.execute()
        except CellExecutionError as error:
            raise ExecutionError(f"{failed}\n{error}") from None
        return notebook

    def run(self, document: QmdDocument, params: dict[str, Any]) -> list[CellResult]:
        """Execute the document's code cells; returns their outputs in order."""
        cells = [_code_cell(_RESET), _code_cell(_SETUP)]
        index_of: list[int | None] = [None, None]
        params_at = document.parameters_index
        for index, cell in enumerate(document.cells):
            if cell.kind != "code":
                continue
            cells.append(_code_cell(cell.source))
            index_of.append(index)
            if index == params_at:
                cells.append(_code_cell(parameters_source(params)))
                index_of.append(None)
        if params_at is None and params:
            cells.insert(2, _code_cell(parameters_source(params)))
            index_of.insert(2, None)
        notebook = self._execute(cells, f"{document.path.name}: a code cell failed.")
        return [
            CellResult(i, tuple(dict(o) for o in c.get("outputs", [])))
            for i, c in zip(index_of, notebook.cells, strict=True)
            if i is not None
        ]

    def evaluate(self, source: str) -> str:
        """What ``source`` prints when run in this kernel, after the documents run so far
        (their imports and the library's caches are still there)."""
        notebook = self._execute([_code_cell(source)], "a cell run after the documents failed.")
        outputs = notebook.cells[0].get("outputs", [])
        return "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
