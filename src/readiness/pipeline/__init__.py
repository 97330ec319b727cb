"""The pipeline in one call: a dataset's path to a run — loaded, validated once, indicators
computed without the rows validation rejects, regencies compared.

The command line, ``build``, the report engine and the briefings all start here, so the steps
are put together in one place. Dates are :class:`datetime.date` (the command line parses
text); :func:`cached_run` keeps runs for documents rendered in one process.

>>> from readiness.pipeline import Run, run
>>> Run.__name__, run.__name__
('Run', 'run')
"""

from readiness.pipeline._build import BuildError, BuildResult, build_dataset, write_processed
from readiness.pipeline._cache import FileStamp, cached_run, clear_runs, dataset_stamp
from readiness.pipeline._province import read_province
from readiness.pipeline._run import AsOf, Norms, Run, run

__all__ = [
    "AsOf",
    "BuildError",
    "BuildResult",
    "FileStamp",
    "Norms",
    "Run",
    "build_dataset",
    "cached_run",
    "clear_runs",
    "dataset_stamp",
    "read_province",
    "run",
    "write_processed",
]
