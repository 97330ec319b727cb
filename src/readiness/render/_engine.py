"""Rendering the briefing documents: each ``.qmd`` executed once in a Jupyter kernel, then
written to every format by the Quarto CLI where it is installed, else by Pandoc and Typst.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from readiness import config
from readiness.contract import Text, as_language
from readiness.regions import province_code
from readiness.render._assemble import FORMATS, Format, assemble_markdown
from readiness.render._execute import CellResult, KernelSession
from readiness.render._naming import output_name
from readiness.render._pandoc import convert
from readiness.render._progress import Progress
from readiness.render._qmd import QmdDocument, read_qmd
from readiness.render._quarto import QuartoInput, quarto_notebook, run_quarto

__all__ = [
    "Engine",
    "RenderJob",
    "RenderResult",
    "parse_formats",
    "plan_jobs",
    "quarto_path",
    "render_report",
]

Engine = Literal["auto", "quarto", "builtin"]
DocumentKind = Literal["provinsi", "kabupaten", "sitrep"]


@dataclass(frozen=True)
class RenderJob:
    """One document to render: which source, for which region, with which parameters."""

    kind: DocumentKind
    region_code: str
    params: dict[str, Any]

    def source(self, reports_dir: Path) -> Path:
        """The ``.qmd`` this job renders."""
        return reports_dir / f"{self.kind}.qmd"


_PLANNED = Text(
    "mesin {engine}; {documents} dokumen × {formats} format",
    "engine {engine}; {documents} document(s) × {formats} format(s)",
)


@dataclass(frozen=True)
class RenderResult:
    """What a rendering produced: the engine that ran, the files, how long it took, and the
    findings by severity of the run the documents were rendered from (None when no document
    ran; with different runs — files changed midway — the one with the most errors)."""

    engine: str
    files: tuple[Path, ...]
    seconds: float
    jobs: tuple[RenderJob, ...] = field(default=())
    findings_count: dict[str, int] | None = None


_COUNTS = (
    "import datetime as _dt, json as _json\n"
    "from readiness.pipeline import cached_run as _cached_run\n"
    "_day = {as_of!r}\n"
    "print(_json.dumps(_cached_run({dataset!r}, as_of=_dt.date.fromisoformat(_day) if _day "
    "else None).validation.counts))"
)
"""Run in a kernel after a document: the counts of the run the document read (cached in the
kernel, so nothing is validated again)."""


def quarto_path() -> str | None:
    """The Quarto CLI: ``QUARTO_PATH`` when set, else ``quarto`` on ``PATH``, else None."""
    explicit = os.environ.get("QUARTO_PATH")
    if explicit:
        return explicit
    return shutil.which("quarto")


def parse_formats(text: str | Sequence[str]) -> tuple[Format, ...]:
    """Formats from ``"html,pdf,docx"`` (order kept, duplicates dropped).

    >>> parse_formats("pdf, html")
    ('pdf', 'html')
    >>> parse_formats("odt")
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'odt'; expected html, pdf or docx. Hint: e.g. 'html,pdf,docx'.
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    chosen: list[Format] = []
    for raw in items:
        item = raw.strip().lower()
        if not item:
            continue
        if item not in FORMATS:
            raise ValueError(
                f"unknown format {item!r}; expected html, pdf or docx. Hint: e.g. 'html,pdf,docx'."
            )
        if item not in chosen:
            chosen.append(item)
    if not chosen:
        raise ValueError("no format given. Hint: formats such as 'html,pdf,docx'.")
    return tuple(chosen)


def plan_jobs(
    dataset: Path,
    province_code: str,
    regency_codes: Sequence[str],
    region: str | None = None,
    lang: str = "id",
    as_of: dt.date | None = None,
    geojson: str | None = None,
    geojson_property: str = "code",
) -> list[RenderJob]:
    """The documents to render: with no ``region``, the provincial briefing and every
    regency profile; a province code gives the briefing only, a regency code its profile.

    >>> [j.region_code for j in plan_jobs(Path("d"), "64", ["64.03", "64.01"])]
    ['64', '64.01', '64.03']
    >>> [j.kind for j in plan_jobs(Path("d"), "64", ["64.03"], region="64.03")]
    ['kabupaten']
    """
    common = {"dataset": str(dataset), "as_of": as_of.isoformat() if as_of else "", "lang": lang}
    boundaries = {"geojson": geojson or "", "geojson_property": geojson_property}
    province = RenderJob(
        "provinsi", province_code, {**common, "region": province_code, **boundaries}
    )
    regencies = [
        RenderJob("kabupaten", code, {**common, "region": code}) for code in sorted(regency_codes)
    ]
    if region is None:
        return [province, *regencies]
    if region == province_code:
        return [province]
    matching = [job for job in regencies if job.region_code == region]
    if not matching:
        raise ValueError(
            f"region {region!r} is neither the province {province_code!r} nor one of its "
            f"kabupaten/kota ({', '.join(sorted(regency_codes))}). Hint: region='64.03'."
        )
    return matching


def _write_atomic(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)


class _Runner:
    """Shared state of one rendering: the job queue, results, errors and progress."""

    def __init__(
        self, jobs: Sequence[RenderJob], formats: Sequence[Format], output_dir: Path,
        reports_dir: Path, staging: Path, progress: Progress | None,
    ) -> None:  # fmt: skip
        self.jobs: queue.Queue[RenderJob] = queue.Queue()
        for job in jobs:
            self.jobs.put(job)
        self.formats = formats
        self.output_dir = output_dir
        self.reports_dir = reports_dir
        self.staging = staging
        self.progress = progress
        self.files: list[Path] = []
        self.errors: list[BaseException] = []
        self.lock = threading.Lock()
        self.documents: dict[str, QmdDocument] = {}
        self.executed: dict[tuple[str, str], list[CellResult]] = {}
        self.counts: list[dict[str, int]] = []

    def document(self, job: RenderJob) -> QmdDocument:
        with self.lock:
            if job.kind not in self.documents:
                self.documents[job.kind] = read_qmd(job.source(self.reports_dir))
            return self.documents[job.kind]

    def counted(self, session: KernelSession, job: RenderJob) -> None:
        """Keep the findings by severity of the run ``job``'s document read."""
        code = _COUNTS.format(dataset=job.params["dataset"], as_of=job.params["as_of"])
        counts = json.loads(session.evaluate(code))
        with self.lock:
            self.counts.append({str(key): int(value) for key, value in counts.items()})

    def findings_count(self) -> dict[str, int] | None:
        """The counts of the runs read: the one with the most errors."""
        return max(self.counts, key=lambda c: c.get("error", 0), default=None)

    def finished(self, path: Path) -> None:
        with self.lock:
            self.files.append(path)
            if self.progress is not None:
                self.progress.step(path.name)

    def _work(self, handle: Callable[[KernelSession, RenderJob], None]) -> None:
        """Take jobs until none is left (or one failed), each handled in this worker's
        kernel; a failure is kept for the caller."""
        try:
            with KernelSession(self.reports_dir) as session:
                while not self.errors:
                    try:
                        job = self.jobs.get_nowait()
                    except queue.Empty:
                        return
                    handle(session, job)
        except BaseException as error:
            with self.lock:
                self.errors.append(error)

    def builtin_worker(self) -> None:
        """Execute documents and write every format with Pandoc and Typst."""
        self._work(self._render_builtin)

    def execute_worker(self) -> None:
        """Execute documents only (Quarto writes the formats from the results)."""
        self._work(self._execute_only)

    def _render_builtin(self, session: KernelSession, job: RenderJob) -> None:
        document = self.document(job)
        results = session.run(document, job.params)
        self.counted(session, job)
        for fmt in self.formats:
            name = output_name(job.kind, job.region_code, fmt)
            work = self.staging / f"{job.kind}-{job.region_code}-{fmt}"
            work.mkdir(parents=True)
            markdown = assemble_markdown(document, results, fmt, work)
            source = work / "document.md"
            source.write_text(markdown, encoding="utf-8")
            built = convert(source, fmt, work / name, lang=job.params["lang"])
            target = self.output_dir / name
            _write_atomic(built, target)
            self.finished(target)

    def _execute_only(self, session: KernelSession, job: RenderJob) -> None:
        results = session.run(self.document(job), job.params)
        self.counted(session, job)
        with self.lock:
            self.executed[(job.kind, job.region_code)] = results
        if self.progress is not None:
            self.progress.step(f"{job.kind}-{job.region_code}")

    def render_with_quarto(self, quarto: str, jobs: Sequence[RenderJob], parallel: int) -> None:
        """One notebook per document and format; the documents split into ``parallel``
        temporary projects, each rendered by one ``quarto render``, side by side."""
        groups = [list(jobs[start::parallel]) for start in range(max(1, parallel))]
        projects: list[tuple[Path, list[QuartoInput]]] = []
        for number, group in enumerate(g for g in groups if g):
            project = self.staging / f"quarto-{number + 1}"
            inputs: list[QuartoInput] = []
            for job in group:
                for fmt in self.formats:
                    name = output_name(job.kind, job.region_code, fmt)
                    folder = project / fmt
                    folder.mkdir(parents=True, exist_ok=True)
                    notebook = folder / f"{Path(name).stem}.ipynb"
                    results = self.executed[(job.kind, job.region_code)]
                    content = quarto_notebook(self.document(job), results, fmt, job.params)
                    notebook.write_text(content, encoding="utf-8")
                    inputs.append(QuartoInput(notebook, folder / name))
            projects.append((project, inputs))

        def render(project: Path, inputs: list[QuartoInput]) -> None:
            try:
                run_quarto(quarto, project, inputs)
            except BaseException as error:
                with self.lock:
                    self.errors.append(error)

        threads = [threading.Thread(target=render, args=p, daemon=True) for p in projects]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if self.errors:
            raise self.errors[0]
        for _, inputs in projects:
            for item in inputs:
                target = self.output_dir / item.output.name
                _write_atomic(item.output, target)
                self.finished(target)


def render_report(
    dataset: str | Path | None = None,
    *,
    region: str | None = None,
    formats: str | Sequence[str] = FORMATS,
    lang: str = "id",
    output_dir: str | Path | None = None,
    as_of: dt.date | None = None,
    engine: Engine = "auto",
    workers: int | None = None,
    progress: bool | TextIO = True,
    geojson: str | Path | None = None,
    geojson_property: str = "code",
) -> RenderResult:
    """Render the provincial briefing and/or regency profiles of a dataset, as of ``as_of``
    (None: the latest data).

    ``dataset`` is a raw or processed dataset folder (default: the packaged default dataset
    under ``config.raw_dir()``). With no ``region`` every document is rendered. Files are
    named ``provinsi-64.html``, ``kabupaten-64.03.pdf``, ... and written atomically into
    ``output_dir`` (default ``config.output_dir()``). ``geojson`` (a boundary file whose
    features carry the Kemendagri code, dotted or not, in ``properties[geojson_property]``) replaces the packaged
    boundaries of the briefing's map; it is checked before anything is rendered
    (:class:`readiness.present.BoundaryError` names codes that match no regency).

    The province comes from a light read of the files (:func:`readiness.pipeline.read_province`),
    else from loading the dataset (the province of every record), else from ``region``. The documents validate the data in
    their own process; the result's ``findings_count`` says what they found.
    """
    from readiness.pipeline import read_province
    from readiness.regions import children

    if lang not in ("id", "en"):
        raise ValueError(f"lang must be 'id' or 'en', got {lang!r}. Hint: lang='id'.")
    chosen = parse_formats(formats)
    path = Path(dataset) if dataset is not None else config.default_dataset()
    if not path.exists():
        raise FileNotFoundError(f"dataset {str(path)!r} does not exist. Hint: check the path")
    path = path.resolve()
    started = time.perf_counter()
    province = read_province(path) or _loaded_province(path) or _province_of(region)
    if province is None:
        raise ValueError(
            f"cannot tell the province of {str(path)!r}: its records are empty or mixed. "
            "Hint: give region a regency code, e.g. region='64.03'."
        )
    regencies = children(province)["code"].to_list()
    boundaries = str(Path(geojson).resolve()) if geojson else None
    if boundaries is not None:
        from readiness.present import read_boundaries

        read_boundaries(
            province, boundaries, code_property=geojson_property, lang=as_language(lang)
        )
    jobs = plan_jobs(
        path, province, regencies, region=region, lang=lang, as_of=as_of, geojson=boundaries,
        geojson_property=geojson_property,
    )  # fmt: skip
    out = (Path(output_dir) if output_dir is not None else config.output_dir()).resolve()
    out.mkdir(parents=True, exist_ok=True)
    reports = config.reports_dir()
    quarto = quarto_path() if engine in ("auto", "quarto") else None
    if engine == "quarto" and quarto is None:
        raise RuntimeError(
            "the Quarto CLI was not found. Hint: set QUARTO_PATH, or engine='builtin'."
        )
    stream = progress if not isinstance(progress, bool) else (sys.stderr if progress else None)
    steps = len(jobs) * (len(chosen) + (1 if quarto else 0))
    bar = Progress(steps, stream=stream) if stream is not None else None
    used = "quarto" if quarto else "builtin (Jupyter + Pandoc + Typst)"
    if stream is not None:
        stream.write(
            "readiness: "
            + _PLANNED.format(engine=used, documents=len(jobs), formats=len(chosen)).get(
                as_language(lang)
            )
            + "\n"
        )
    with tempfile.TemporaryDirectory(prefix=".render-", dir=out) as staging_dir:
        runner = _Runner(jobs, chosen, out, reports, Path(staging_dir), bar)
        count = workers or min(2, os.cpu_count() or 1, len(jobs))
        worker = runner.execute_worker if quarto else runner.builtin_worker
        threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(count, 1))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if runner.errors:
            raise runner.errors[0]
        if quarto:
            runner.render_with_quarto(quarto, jobs, max(count, 1))
    order = {
        output_name(j.kind, j.region_code, f): i
        for i, (j, f) in enumerate((j, f) for j in jobs for f in chosen)
    }
    files = tuple(sorted(runner.files, key=lambda p: order.get(p.name, 0)))
    seconds = time.perf_counter() - started
    return RenderResult(used, files, seconds, tuple(jobs), runner.findings_count())


def _province_of(region: str | None) -> str | None:
    return province_code(region) if region else None


def _loaded_province(path: Path) -> str | None:
    """The province of every record (None when they are mixed or none is read), when the file
    names do not tell it."""
    from readiness.ingest import load_dataset

    return load_dataset(path).province_code
