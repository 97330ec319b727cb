"""Run every registered rule over a dataset once, and hold what they found."""

from __future__ import annotations

from types import MappingProxyType

from readiness.contract import DEFAULT_ELECTION, Election, Finding
from readiness.ingest import Dataset
from readiness.validation._failures import (
    conformed,
    dataset_failures,
    dataset_province,
    packaged_election,
    with_source_rows,
)
from readiness.validation._from_build import from_build
from readiness.validation._invalid import rows_to_leave_out
from readiness.validation._registry import CHECKS, DEFAULT_MAX_PER_RULE, failures_to_findings
from readiness.validation._result import Validation, sort_findings, sorted_folds

__all__ = ["conformed", "dataset_province", "sort_findings", "validate"]


def validate(
    dataset: Dataset,
    *,
    election: str | Election = DEFAULT_ELECTION,
    max_per_rule: int | None = DEFAULT_MAX_PER_RULE,
    reuse_build: bool = True,
) -> Validation:
    """Every problem in ``dataset``: what reading found, then every rule of the registry.

    Every check runs once; the :class:`Validation` holds the findings (sorted by file, sheet
    and row; each rule lists at most ``max_per_rule`` failing rows, ``None`` lists all, the
    rest folded into one finding per rule whose ``count`` says how many it stands for, in
    the registry's order of rules), the rows to leave out of computations, the counts by
    severity and the files of the rows not listed. Nothing is remembered: validating again
    runs the checks again, so a dataset changed in between is seen as it is.

    A dataset that holds, unchanged, the tables ``readiness build`` wrote with these rules
    (same package version) under this election was validated by that build: its findings
    are read back from the build (see :mod:`readiness.validation._from_build`) instead of
    running every rule again, unless ``reuse_build`` is False.

    >>> from readiness.ingest import Dataset
    >>> validate(Dataset(name="empty")).findings
    ()
    """
    chosen = packaged_election(election) if isinstance(election, str) else election
    if reuse_build:
        built = from_build(dataset, chosen, max_per_rule)
        if built is not None:
            return built
    failures = dataset_failures(dataset, chosen)
    listed: list[Finding] = list(dataset.findings)
    folded: list[Finding] = []
    unlisted: dict[str, frozenset[str]] = {}
    every_check = failures.of_checks(range(len(CHECKS)))
    for (rule_ids, _), positioned in zip(CHECKS, every_check, strict=True):
        found = with_source_rows(positioned, failures.dataset.tables, ("_row", "first_row"))
        shown, more, files = failures_to_findings(found, rule_ids, max_per_rule)
        listed.extend(shown)
        folded.extend(more)
        unlisted.update(files)
    return Validation(
        findings=tuple(sort_findings(listed) + sorted_folds(folded)),
        invalid_rows=rows_to_leave_out(failures),
        max_per_rule=max_per_rule,
        reading=tuple(dataset.findings),
        unlisted=MappingProxyType(unlisted),
        table_rows=MappingProxyType(dataset.row_counts()),
    )
