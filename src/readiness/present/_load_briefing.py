"""Loading a briefing: the pipeline's run of a dataset (read, validated once, its indicators
computed at every level and its regencies compared), seen from one region."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from readiness.contract import as_language
from readiness.present._briefing import Briefing

__all__ = ["load_briefing"]


def load_briefing(
    dataset: str | Path, region: str, *, lang: str = "id", as_of: str | dt.date | None = None
) -> Briefing:
    """The briefing of ``region`` from the pipeline's run of ``dataset`` (computed once per
    process while its files do not change, see :func:`readiness.pipeline.cached_run`).

    ``region`` is the province code (provincial briefing) or a regency code (profile);
    an empty ``dataset`` means the default dataset, an empty ``as_of`` the latest snapshot.
    """
    from readiness import config
    from readiness.indicators import load_registry
    from readiness.pipeline import cached_run
    from readiness.regions import get_region

    if not str(dataset):
        dataset = config.default_dataset()
    code = str(get_region(str(region)).code)
    language = as_language(lang)
    day = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of) if as_of else None
    done = cached_run(dataset, as_of=day)
    if done.dataset is None:  # never: a cached run reads the whole dataset
        raise ValueError(f"the run of {str(dataset)!r} holds no dataset")
    return Briefing(
        dataset=done.dataset, region=code, lang=language, findings=list(done.validation.findings),
        regencies=done.indicators["kabupaten"], province=done.indicators["provinsi"],
        kecamatan=done.indicators["kecamatan"], registry=load_registry(),
        as_of=day, comparison=done.comparison, left_out=done.left_out,
    )  # fmt: skip
