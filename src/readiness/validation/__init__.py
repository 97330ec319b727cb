"""Validation: every rule per table and across tables, as findings with id/en messages and hints.

>>> from readiness.validation import RULES
>>> RULES["duplicate.row"].severity
'error'

>>> import readiness
>>> from readiness.ingest import Dataset
>>> import readiness.validation
>>> readiness.validate(Dataset(name="empty")).ok
True
"""

from readiness.validation import (
    _date_rules,
    _duplicate_rules,
    _name_rules,
    _plan_rules,
    _reconcile_rules,
    _region_rules,
    _schema_rules,
    _score_rules,
    _total_rules,
    _tps_rules,
)
from readiness.validation._display import (
    SEVERITY_LABELS,
    column_label,
    findings_frame,
    findings_json,
    fold_findings,
    summary_line,
)
from readiness.validation._docs import rules_markdown
from readiness.validation._invalid import INVALID_ROWS_SCHEMA, invalid_rows, usable_rows
from readiness.validation._registry import DEFAULT_MAX_PER_RULE, RULES, Rule
from readiness.validation._result import Validation, sort_findings
from readiness.validation._validate import dataset_province, validate

__all__ = [
    "DEFAULT_MAX_PER_RULE",
    "INVALID_ROWS_SCHEMA",
    "RULES",
    "SEVERITY_LABELS",
    "Rule",
    "Validation",
    "column_label",
    "dataset_province",
    "findings_frame",
    "findings_json",
    "fold_findings",
    "invalid_rows",
    "rules_markdown",
    "sort_findings",
    "summary_line",
    "usable_rows",
    "validate",
]

del (
    _date_rules,
    _duplicate_rules,
    _name_rules,
    _plan_rules,
    _reconcile_rules,
    _region_rules,
    _schema_rules,
    _score_rules,
    _total_rules,
    _tps_rules,
)
