"""A validation read back from the build that wrote a dataset, instead of running the rules.

``readiness build`` validates with every row listed (no rule folded) and keeps the findings in
``findings.parquet`` beside the tables, in the order validation sorted them. When a dataset holds
those tables unchanged, under the same election and package version, running the rules again
would find exactly those findings: :func:`from_build` takes them and folds each rule's list past
``max_per_rule`` as :func:`readiness.validation.validate` does.
"""

from __future__ import annotations

from types import MappingProxyType

import polars as pl

from readiness.contract import Election, Finding
from readiness.ingest import Dataset, findings_from_frame, read_built_findings
from readiness.validation._invalid import INVALID_ROWS_SCHEMA, built_clean
from readiness.validation._registry import CHECKS, RULES, folds
from readiness.validation._result import Validation, sort_findings, sorted_folds

__all__ = ["from_build"]

_CHECKED_RULES = frozenset(rule for rule_ids, _ in CHECKS for rule in rule_ids)


def from_build(dataset: Dataset, election: Election, max_per_rule: int | None) -> Validation | None:
    """What validating ``dataset`` under ``election`` gives, from the findings its build kept;
    None when the dataset is not the unchanged output of a clean build of these rules and
    this election, or its findings file is missing or changed (the rules must run).

    >>> from readiness.contract import load_election
    >>> from_build(Dataset(name="in code"), load_election("pilkada-2024"), 100) is None
    True
    """
    stamp = dataset.built
    if stamp is None or stamp.root is None or stamp.findings is None:
        return None
    if not built_clean(dataset, election):
        return None
    checked = read_built_findings(stamp.root, stamp.findings, rules=_CHECKED_RULES.__contains__)
    if checked is None:
        return None
    if (checked["count"] > 1).any():
        return None  # a build lists every row; a folded line means another writer
    shown, folded, unlisted = _fold(checked, max_per_rule)
    return Validation(
        findings=tuple(sort_findings([*dataset.findings, *shown]) + folded),
        invalid_rows=pl.DataFrame(schema=INVALID_ROWS_SCHEMA),
        max_per_rule=max_per_rule,
        reading=tuple(dataset.findings),
        unlisted=MappingProxyType(unlisted),
        table_rows=MappingProxyType(dataset.row_counts()),
    )


def _fold(
    checked: pl.DataFrame, max_per_rule: int | None
) -> tuple[list[Finding], list[Finding], dict[str, frozenset[str]]]:
    """The findings each rule lists (its first ``max_per_rule`` rows in the stored order, or
    all of them when folding would hide a single row), one "and N more" finding per rule
    shortened, and the files of the rows each shortened rule does not list."""
    counts = checked.group_by("rule").len()
    long = [rule for rule, rows in counts.iter_rows() if folds(rows, max_per_rule)]
    if max_per_rule is None or not long:
        return findings_from_frame(checked), [], {}
    past_limit = pl.int_range(pl.len()).over("rule") >= max_per_rule
    hidden = checked.select(pl.col("rule").is_in(long) & past_limit).to_series()
    shown = checked.filter(~hidden)
    rest = checked.select("rule", "file").filter(hidden)
    per_rule = rest.group_by("rule").agg(
        rows=pl.len(), files=pl.col("file").n_unique(), named=pl.col("file").drop_nulls().unique()
    )
    folded: list[Finding] = []
    unlisted: dict[str, frozenset[str]] = {}
    for rule, rows, files, named in per_rule.iter_rows():
        folded.append(RULES[rule].fold(rows, files))
        unlisted[rule] = frozenset(named)
    shown_findings = findings_from_frame(shown)
    return shown_findings, sorted_folds(folded), dict(sorted(unlisted.items()))
