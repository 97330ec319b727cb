"""Run every registered rule over a dataset and gather the findings."""

from __future__ import annotations

from readiness.contract import DEFAULT_ELECTION, Election, Finding
from readiness.ingest import Dataset
from readiness.validation._failures import (
    conformed,
    dataset_failures,
    dataset_province,
    packaged_election,
    with_source_rows,
)
from readiness.validation._registry import CHECKS, DEFAULT_MAX_PER_RULE, failures_to_findings

__all__ = ["conformed", "dataset_province", "sort_findings", "unlisted_files", "validate"]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings by file, sheet and row (whole-dataset ones first, "and N more" ones last).

    The sort is stable: at the same place, earlier findings stay first.
    """

    def key(f: Finding) -> tuple[bool, bool, str, bool, str, bool, int]:
        return (
            f.count > 1,
            f.file is not None, f.file or "",
            f.sheet is not None, f.sheet or "",
            f.row is not None, f.row or 0,
        )  # fmt: skip

    return sorted(findings, key=key)


def validate(
    dataset: Dataset,
    *,
    election: str | Election = DEFAULT_ELECTION,
    max_per_rule: int | None = DEFAULT_MAX_PER_RULE,
) -> list[Finding]:
    """Every problem in ``dataset``: what reading found, then every rule of the registry.

    Findings are sorted by file, sheet and row. Each rule lists at most ``max_per_rule``
    failing rows (``None`` lists all); the rest are folded into one finding per rule whose
    ``count`` says how many it stands for, so ``count_by_severity`` stays exact.

    The rules run once per dataset and election: :func:`invalid_rows` (and another call of
    this) reuses their results as long as the dataset holds the same table frames, findings
    and rejected rows; assigning a new frame to ``dataset.tables[...]`` checks again. A frame
    changed in place (the same object, e.g. ``replace_column``) is not seen: assign a new one.

    >>> from readiness.ingest import Dataset
    >>> validate(Dataset(name="empty"))
    []
    """
    chosen = packaged_election(election) if isinstance(election, str) else election
    failures = dataset_failures(dataset, chosen)
    listed: list[Finding] = list(dataset.findings)
    folded: list[Finding] = []
    every_check = failures.of_checks(range(len(CHECKS)))
    for (rule_ids, _), positioned in zip(CHECKS, every_check, strict=True):
        found = with_source_rows(positioned, failures.dataset.tables, ("_row", "first_row"))
        shown, more = failures_to_findings(found, rule_ids, max_per_rule)
        listed.extend(shown)
        folded.extend(more)
    return sort_findings(listed) + folded


def unlisted_files(
    dataset: Dataset,
    *,
    election: str | Election = "pilkada-2024",
    max_per_rule: int | None = DEFAULT_MAX_PER_RULE,
) -> dict[str, set[str]]:
    """Per rule whose rows :func:`validate` folds into "and N more", the files of those rows
    (from the same cached results: the rules do not run again).

    >>> from readiness.ingest import Dataset
    >>> unlisted_files(Dataset(name="empty"))
    {}
    """
    chosen = packaged_election(election) if isinstance(election, str) else election
    failures = dataset_failures(dataset, chosen)
    files: dict[str, set[str]] = {}
    if max_per_rule is None:
        return files
    for positioned in failures.of_checks(range(len(CHECKS))):
        found = with_source_rows(positioned, failures.dataset.tables, ("_row", "first_row"))
        if found.height == 0:
            continue
        for (rule_id,), part in found.partition_by("rule", as_dict=True).items():
            if part.height > max_per_rule + 1:
                ordered = part.sort(["_file", "_sheet", "_row"], nulls_last=False,
                                    maintain_order=True)  # fmt: skip
                rest = ordered.tail(part.height - max_per_rule)["_file"].drop_nulls()
                files.setdefault(str(rule_id), set()).update(rest.to_list())
    return files
