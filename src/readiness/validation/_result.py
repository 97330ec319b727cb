"""What validating a dataset gives: findings, rows to leave out, counts — and how partitions merge."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import polars as pl

from readiness.contract import Finding, Severity, count_by_severity
from readiness.validation._invalid import INVALID_ROWS_SCHEMA
from readiness.validation._registry import RULES, folds

__all__ = ["Validation", "sort_findings", "sorted_folds"]


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
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


_RULE_ORDER = {rule_id: position for position, rule_id in enumerate(RULES)}


def sorted_folds(folded: Iterable[Finding]) -> list[Finding]:
    """The "and N more" findings in the order of the rules' registry, whichever check or
    part found them first."""
    return sorted(folded, key=lambda finding: _RULE_ORDER.get(finding.rule, len(_RULE_ORDER)))


def _frozen(mapping: Mapping[str, Iterable[str]]) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({key: frozenset(values) for key, values in sorted(mapping.items())})


@dataclass(frozen=True, eq=False)
class Validation:
    """The result of :func:`readiness.validation.validate`: computed once, then only read.

    ``findings`` are sorted by file, sheet and row; each rule lists at most ``max_per_rule``
    failing rows (``None``: all) and folds the rest into one "and N more" finding whose
    ``count`` says how many it stands for, so :attr:`counts` stays exact. ``reading`` are the
    findings that reading the files made (each is also in ``findings``). ``invalid_rows``
    holds one row per error (columns ``INVALID_ROWS_SCHEMA``): the records to leave out of any
    computation, ``_index`` being the record's position in its table. ``unlisted`` gives, per
    rule that was folded, the files of the rows not listed; ``table_rows`` the rows per table
    of the dataset validated (what :meth:`merge` needs to place the partitions' positions).

    >>> from readiness.ingest import Dataset
    >>> from readiness.validation import validate
    >>> result = validate(Dataset(name="empty"))
    >>> result.ok, result.counts, result.findings, result.invalid_rows.height
    (True, {'error': 0, 'warning': 0, 'info': 0}, (), 0)
    """

    findings: tuple[Finding, ...]
    invalid_rows: pl.DataFrame
    max_per_rule: int | None
    reading: tuple[Finding, ...] = ()
    unlisted: Mapping[str, frozenset[str]] = field(default_factory=lambda: _frozen({}))
    table_rows: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def counts(self) -> dict[Severity, int]:
        """Problems by severity; a folded finding counts for every row it stands for."""
        return count_by_severity(self.findings)

    @property
    def errors(self) -> int:
        """How many errors (rows or files validation rejects)."""
        return self.counts["error"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings may remain)."""
        return self.errors == 0

    @classmethod
    def merge(cls, parts: Sequence[Validation]) -> Validation:
        """One result for datasets validated one part at a time, as validating them together
        gives it: everything reading found, at most ``max_per_rule`` rows per rule (one more
        is shown rather than folded), sorted, then one finding per rule counting the rows not
        listed; ``invalid_rows`` with each ``_index`` placed as in the parts' tables one after
        another, in the order given.

        The parts must not share files (each holds its own rows; the first rows of a file are
        among those its part listed) and share one ``max_per_rule``.

        >>> from readiness.ingest import Dataset
        >>> from readiness.validation import validate
        >>> both = Validation.merge([validate(Dataset(name="a")), validate(Dataset(name="b"))])
        >>> both.ok, both.findings
        (True, ())
        """
        if not parts:
            raise ValueError("Validation.merge needs at least one part")
        limits = {part.max_per_rule for part in parts}
        if len(limits) > 1:
            raise ValueError(
                f"the parts list different numbers of rows per rule ({sorted(map(str, limits))}). "
                "Hint: validate every part with the same max_per_rule."
            )
        max_per_rule = parts[0].max_per_rule
        reading: list[Finding] = []
        checked: list[Finding] = []
        unlisted: dict[str, set[str]] = {}
        for part in parts:
            read = {id(finding) for finding in part.reading}
            reading.extend(part.reading)
            checked.extend(finding for finding in part.findings if id(finding) not in read)
            for rule_id, files in part.unlisted.items():
                unlisted.setdefault(rule_id, set()).update(files)
        findings, folded_files = _merged(reading, checked, max_per_rule, unlisted)
        table_rows: dict[str, int] = {}
        for part in parts:
            for name, rows in part.table_rows.items():
                table_rows[name] = table_rows.get(name, 0) + rows
        return cls(
            findings=tuple(findings),
            invalid_rows=_placed(parts),
            max_per_rule=max_per_rule,
            reading=tuple(reading),
            unlisted=_frozen(folded_files),
            table_rows=MappingProxyType(table_rows),
        )


def _placed(parts: Sequence[Validation]) -> pl.DataFrame:
    """The parts' rows to leave out, each ``_index`` shifted past the earlier parts' rows."""
    frames = []
    before: dict[str, int] = {}
    for part in parts:
        frame = part.invalid_rows
        if before and frame.height:
            offsets = pl.DataFrame(
                {"table": list(before), "_offset": list(before.values())},
                schema={"table": pl.String, "_offset": pl.Int64},
            )
            frame = (
                frame.join(offsets, on="table", how="left", maintain_order="left")
                .with_columns(pl.col("_index") + pl.col("_offset").fill_null(0))
                .drop("_offset")
            )
        frames.append(frame.select(list(INVALID_ROWS_SCHEMA)))
        for name, rows in part.table_rows.items():
            before[name] = before.get(name, 0) + rows
    return pl.concat(frames, how="vertical")


def _merged(
    reading: list[Finding],
    checked: list[Finding],
    max_per_rule: int | None,
    unlisted: Mapping[str, set[str]],
) -> tuple[list[Finding], dict[str, set[str]]]:
    """The merged findings (see :meth:`Validation.merge`) and, per rule folded, the files of
    the rows not listed. ``unlisted`` gives, per rule, the files of the rows the parts
    folded."""
    ordered = sort_findings(checked)
    listed_by_rule: dict[str, list[Finding]] = {}
    uncounted: dict[str, int] = {}
    for finding in ordered:
        if finding.count > 1:
            uncounted[finding.rule] = uncounted.get(finding.rule, 0) + finding.count
        else:
            listed_by_rule.setdefault(finding.rule, []).append(finding)
    shown: set[int] = set()
    folded: list[Finding] = []
    folded_files: dict[str, set[str]] = {}
    for rule_id in dict.fromkeys([*listed_by_rule, *uncounted]):
        group = listed_by_rule.get(rule_id, [])
        total = len(group) + uncounted.get(rule_id, 0)
        if max_per_rule is None or not folds(total, max_per_rule):
            shown.update(map(id, group))
            continue
        shown.update(map(id, group[:max_per_rule]))
        named = {f.file for f in group[max_per_rule:]}
        files: int | None = len(named)
        if rule_id in uncounted:  # rows a part folded: their files, when known
            files = len(named | unlisted[rule_id]) if rule_id in unlisted else None
        folded.append(RULES[rule_id].fold(total - max_per_rule, files))
        folded_files[rule_id] = {file for file in named if file is not None}
        folded_files[rule_id].update(unlisted.get(rule_id, set()))
    listed = [finding for finding in ordered if id(finding) in shown]
    return sort_findings(reading + listed) + sorted_folds(folded), folded_files
