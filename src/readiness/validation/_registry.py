"""The rule registry: each rule's id, severity and message/hint templates, next to its check.

A check is a function of the :class:`Context` returning a polars frame of *failing rows only*,
with the columns of :data:`FAILURE_COLUMNS` plus any template parameters. Templates are
``str.format`` strings; ``{column}`` is the column label in the message's language, every other
``{name}`` is a column of the failure frame shown the way a reader of that language expects.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, get_args

import polars as pl

from readiness.contract import (
    DEFAULT_MAX_PER_RULE,
    PROVENANCE_COLUMNS,
    PROVENANCE_SCHEMA,
    TABLES,
    Election,
    Finding,
    Language,
    Severity,
    TableName,
    Text,
    format_date,
    format_number,
)
from readiness.ingest import Dataset

__all__ = [
    "CHECKS",
    "DEFAULT_MAX_PER_RULE",
    "FAILURE_COLUMNS",
    "RULES",
    "VALUE_DATE_FORMAT",
    "Check",
    "Context",
    "Rule",
    "check",
    "failures_to_findings",
    "folds",
    "format_value",
    "show",
]

_BLANK = Text("(kosong)", "(blank)")
"""How a message names a cell left blank."""

FAILURE_COLUMNS = ("rule", "table", *PROVENANCE_COLUMNS, "column", "value")
"""Columns every failure frame carries; ``column`` is the canonical column name or null."""


@dataclass(frozen=True)
class Rule:
    """One validation rule: what it checks, how bad a failure is, and what to tell the user.

    >>> r = RULES["schema.range"]
    >>> r.severity, r.render("en", {"value": -3, "column": "TPS"})[0]
    ('error', 'TPS must not be negative; got -3.')
    """

    id: str
    severity: Severity
    title_id: str
    title_en: str
    message_id: str
    message_en: str
    hint_id: str
    hint_en: str

    def __post_init__(self) -> None:
        if self.severity not in get_args(Severity):
            raise ValueError(
                f"rule {self.id!r}: severity must be one of error, warning, info; "
                f"got {self.severity!r}"
            )
        if "." not in self.id:
            raise ValueError(f"rule id must look like 'family.name', got {self.id!r}")

    @property
    def text(self) -> Text:
        """The message and hint templates as one bilingual text."""
        return Text(self.message_id, self.message_en, hint=Text(self.hint_id, self.hint_en))

    def title(self, lang: Language = "id") -> str:
        """What the rule checks, in one line."""
        return Text(self.title_id, self.title_en).get(lang)

    def fold(self, rest: int, files: int | None = None) -> Finding:
        """One finding standing for ``rest`` failing rows not listed (in ``files`` files).

        >>> from readiness.validation import RULES
        >>> RULES["schema.range"].fold(12, 2).message("en")
        '… and 12 more rows with the same problem (counts are not negative) in 2 file(s).'
        """
        where_id = f" di {show(files, 'id')} berkas" if files is not None else ""
        where_en = f" in {show(files, 'en')} file(s)" if files is not None else ""
        return Finding(
            rule=self.id,
            severity=self.severity,
            message_id=(
                f"… dan {show(rest, 'id')} baris lain dengan masalah yang sama "
                f"({self.title_id.lower()}){where_id}."
            ),
            message_en=(
                f"… and {show(rest, 'en')} more rows with the same problem "
                f"({self.title_en.lower()}){where_en}."
            ),
            hint_id="Perbaiki yang ditampilkan lalu validasi ulang, atau tampilkan semua "
            "dengan --all.",
            hint_en="Fix the ones shown and validate again, or list them all with --all.",
            value=str(rest),
            count=rest,
        )

    def render(self, lang: Language, params: dict[str, Any]) -> tuple[str, str]:
        """The message and hint in ``lang`` with ``params`` filled in."""
        shown = _Params({key: show(value, lang) for key, value in params.items()}, lang)
        return self.text.get(lang).format_map(shown), self.text.hint_in(lang).format_map(shown)


class _Params(dict[str, str]):
    def __init__(self, values: dict[str, str], lang: Language) -> None:
        super().__init__(values)
        self.lang = lang

    def __missing__(self, key: str) -> str:
        return _BLANK.get(self.lang)


@dataclass(frozen=True)
class Context:
    """What a check sees: the dataset, the election (calendar, norms) and the province.

    ``dataset`` holds every canonical column in its canonical type (a column that was missing
    is null, a mistyped one cast where possible), so cross-table checks can rely on them;
    ``as_read`` holds the tables as they came, for the schema checks that report those flaws.
    ``reading_error_rows`` lists the records reading already found an error in (``table``,
    ``_file``, ``_sheet``, ``_row``). ``region_codes`` keeps, per table, what several checks
    derive from its region codes (see ``readiness.validation._region_rules.region_codes``).
    """

    dataset: Dataset
    election: Election
    province_code: str | None
    as_read: dict[TableName, pl.DataFrame] = field(default_factory=dict)
    reading_error_rows: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema={"table": pl.String, **PROVENANCE_SCHEMA})
    )
    region_codes: dict[TableName, pl.DataFrame] = field(default_factory=dict)


Check = Callable[[Context], pl.DataFrame]

RULES: dict[str, Rule] = {}
CHECKS: list[tuple[tuple[str, ...], Check]] = []


def check(*rules: Rule) -> Callable[[Check], Check]:
    """Register ``rules`` and the check function that produces their failures."""

    def register(function: Check) -> Check:
        for rule in rules:
            if rule.id in RULES:
                raise ValueError(f"rule {rule.id!r} is registered twice")
            RULES[rule.id] = rule
        CHECKS.append((tuple(rule.id for rule in rules), function))
        return function

    return register


def show(value: object, lang: Language = "id") -> str:
    """A value in a message, as the locale formatting writes it for ``lang``.

    >>> show(1588), show(1588, "en"), show(4.318, "id"), show(dt.date(2024, 11, 25))
    ('1.588', '1,588', '4,32', '25 November 2024')
    """
    if value is None:
        return _BLANK.get(lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value, lang)
    if isinstance(value, float):
        return format_number(value, lang, 2, trim=True)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return str(value)


VALUE_DATE_FORMAT = "%d/%m/%Y"
"""How a finding records a date it quotes (the way it is typed in a template)."""


def format_value(value: object) -> str | None:
    """The offending value as a finding records it (plain, language-neutral).

    >>> format_value(-3), format_value(712.0), format_value(666.667), format_value(None)
    ('-3', '712', '666.67', None)
    >>> format_value(dt.date(2024, 11, 25))
    '25/11/2024'
    """
    if value is None:
        return None
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else str(round(value, 2))
    if isinstance(value, dt.date):
        return value.strftime(VALUE_DATE_FORMAT)
    return str(value)


def _column_labels(table: str | None, column: str | None) -> tuple[str | None, str, str]:
    """The column as recorded, in Indonesian and in English; ``a, b`` names several."""
    if column is None:
        return None, "", ""
    labels_id, labels_en = [], []
    for name in column.split(", "):
        if table in TABLES and name in TABLES[table].column_names:
            spec = TABLES[table].column(name)
            labels_id.append(spec.label("id"))
            labels_en.append(spec.label("en"))
        else:
            labels_id.append(name)
            labels_en.append(name)
    return ", ".join(labels_id), ", ".join(labels_id), ", ".join(labels_en)


def folds(rows: int, max_per_rule: int | None) -> bool:
    """Whether a rule's list of ``rows`` failing rows is shortened to ``max_per_rule`` and an
    "and N more" line: only when at least two rows would go (folding a single row would
    hide it behind a line just as long).

    >>> folds(101, 100), folds(102, 100), folds(5000, None)
    (False, True, False)
    """
    return max_per_rule is not None and rows > max_per_rule + 1


def failures_to_findings(
    frame: pl.DataFrame, rule_ids: Iterable[str], max_per_rule: int | None
) -> tuple[list[Finding], list[Finding], dict[str, frozenset[str]]]:
    """Findings for the failing rows in ``frame`` (first ``max_per_rule`` per rule), one
    "and N more" finding (N ≥ 2) per rule whose list was shortened (see :func:`folds`), and
    per such rule the files of the rows it does not list."""
    listed: list[Finding] = []
    folded: list[Finding] = []
    unlisted: dict[str, frozenset[str]] = {}
    if frame.height == 0:
        return listed, folded, unlisted
    known = set(rule_ids)
    for rule_id, part in frame.partition_by("rule", as_dict=True, maintain_order=True).items():
        rule = RULES[str(rule_id[0])]
        if rule.id not in known:
            raise ValueError(f"a check returned rule {rule.id!r} it did not register")
        ordered = part.sort(list(PROVENANCE_COLUMNS), nulls_last=False, maintain_order=True)
        shown = ordered
        if max_per_rule is not None and folds(ordered.height, max_per_rule):
            shown = ordered.head(max_per_rule)
        for row in shown.iter_rows(named=True):
            label, label_id, label_en = _column_labels(row["table"], row["column"])
            message_id, hint_id = rule.render("id", {**row, "column": label_id})
            message_en, hint_en = rule.render("en", {**row, "column": label_en})
            listed.append(
                Finding(
                    rule=rule.id,
                    severity=rule.severity,
                    message_id=message_id,
                    message_en=message_en,
                    hint_id=hint_id,
                    hint_en=hint_en,
                    file=row["_file"],
                    sheet=row["_sheet"],
                    row=row["_row"],
                    column=label,
                    value=format_value(row["value"]),
                )
            )
        rest = ordered.height - shown.height
        if rest > 0:
            files = ordered.tail(rest)["_file"]
            folded.append(rule.fold(rest, files.n_unique()))
            unlisted[rule.id] = frozenset(files.drop_nulls().to_list())
    return listed, folded, unlisted
