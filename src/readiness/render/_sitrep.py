"""Rendering the situation report ``reports/sitrep.qmd`` with the same engines as the briefing.

One document per call, named ``sitrep-<province>-<as_of>.<format>`` (one per day, so the
day before is kept).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from readiness import config
from readiness.render._assemble import FORMATS
from readiness.render._engine import Engine, RenderJob, RenderResult, _Runner, parse_formats
from readiness.render._engine import quarto_path as _quarto_path
from readiness.render._progress import Progress

__all__ = ["render_sitrep", "sitrep_job"]


def sitrep_job(
    dataset: Path, province_code: str, as_of: dt.date, since: dt.date | None, lang: str
) -> RenderJob:
    """The render job of one sitrep (its output name carries the province and the date).

    >>> job = sitrep_job(Path("d"), "64", dt.date(2024, 11, 25), None, "id")
    >>> job.kind, job.region_code, job.params["since"]
    ('sitrep', '64-2024-11-25', '')
    """
    params = {
        "dataset": str(dataset),
        "as_of": as_of.isoformat(),
        "since": since.isoformat() if since else "",
        "lang": lang,
    }
    return RenderJob("sitrep", f"{province_code}-{as_of.isoformat()}", params)


def render_sitrep(
    dataset: str | Path,
    *,
    province_code: str,
    as_of: dt.date,
    since: dt.date | None = None,
    formats: str | Sequence[str] = FORMATS,
    lang: str = "id",
    output_dir: str | Path | None = None,
    engine: Engine = "auto",
    progress: bool | TextIO = True,
) -> RenderResult:
    """Render the sitrep of ``dataset`` as of ``as_of`` (since ``since``, default the previous
    snapshot) to each format, written atomically into ``output_dir`` (default
    ``config.output_dir()``)."""
    if lang not in ("id", "en"):
        raise ValueError(f"lang must be 'id' or 'en', got {lang!r}. Hint: --lang id")
    chosen = parse_formats(formats)
    path = Path(dataset).resolve()
    started = time.perf_counter()
    job = sitrep_job(path, province_code, as_of, since, lang)
    out = (Path(output_dir) if output_dir is not None else config.output_dir()).resolve()
    out.mkdir(parents=True, exist_ok=True)
    quarto = _quarto_path() if engine in ("auto", "quarto") else None
    if engine == "quarto" and quarto is None:
        raise RuntimeError(
            "the Quarto CLI was not found. Hint: set QUARTO_PATH or --engine builtin"
        )
    stream = progress if not isinstance(progress, bool) else (sys.stderr if progress else None)
    bar = Progress(len(chosen) + (1 if quarto else 0), stream=stream) if stream else None
    used = "quarto" if quarto else "builtin (Jupyter + Pandoc + Typst)"
    with tempfile.TemporaryDirectory(prefix=".render-", dir=out) as staging:
        runner = _Runner([job], chosen, out, config.reports_dir(), Path(staging), bar)
        if quarto:
            runner.execute_worker()
        else:
            runner.builtin_worker()
        if runner.errors:
            raise runner.errors[0]
        if quarto:
            runner.render_with_quarto(quarto, [job], 1)
    files = tuple(sorted(runner.files, key=lambda p: chosen.index(p.suffix.lstrip("."))))
    return RenderResult(used, files, time.perf_counter() - started, (job,))
