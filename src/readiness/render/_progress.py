"""A small progress bar on stderr (no extra package)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """``[#####-----]  5/33  kabupaten-64.03.pdf`` on one line (a terminal) or one line per
    step (a log).

    >>> import io
    >>> out = io.StringIO()
    >>> bar = Progress(2, stream=out, width=4)
    >>> bar.step("a.html"); bar.step("b.pdf")
    >>> out.getvalue().splitlines()[-1].startswith("[####] 2/2")
    True
    """

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.width = width
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.perf_counter()
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def step(self, label: str) -> None:
        """Count one finished item and redraw."""
        self.done += 1
        filled = round(self.width * self.done / self.total)
        elapsed = time.perf_counter() - self.started
        line = (
            f"[{'#' * filled}{'-' * (self.width - filled)}] {self.done}/{self.total} "
            f"{elapsed:5.1f}s  {label}"
        )
        if self._tty:
            end = "\n" if self.done >= self.total else ""
            self.stream.write("\r\x1b[2K" + line + end)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
