"""Validation: every rule per table and across tables, as findings with id/en messages and hints.

>>> from readiness.validate import RULES
>>> RULES["duplicate.row"].severity
'error'

``readiness.validate`` is both this package and the function of the same name: once the
package is imported Python binds the name to it, so the package itself can be called.

>>> import readiness
>>> from readiness.ingest import Dataset
>>> readiness.validate(Dataset(name="empty")), readiness.validate(Dataset(name="empty"))
([], [])
"""

import sys
import types
from typing import Any

from readiness.validate import (
    _date_rules,
    _duplicate_rules,
    _region_rules,
    _schema_rules,
    _total_rules,
    _tps_rules,
)
from readiness.validate._build import BuildError, BuildResult, build_dataset, write_processed
from readiness.validate._display import (
    SEVERITY_LABELS,
    column_label,
    findings_frame,
    findings_json,
    fold_findings,
    summary_line,
)
from readiness.validate._docs import rules_markdown
from readiness.validate._registry import DEFAULT_MAX_PER_RULE, RULES, Rule
from readiness.validate._validate import dataset_province, sort_findings, validate

__all__ = [
    "DEFAULT_MAX_PER_RULE",
    "RULES",
    "SEVERITY_LABELS",
    "BuildError",
    "BuildResult",
    "Rule",
    "build_dataset",
    "column_label",
    "dataset_province",
    "findings_frame",
    "findings_json",
    "fold_findings",
    "rules_markdown",
    "sort_findings",
    "summary_line",
    "validate",
    "write_processed",
]

del _date_rules, _duplicate_rules, _region_rules, _schema_rules, _total_rules, _tps_rules


class _CallablePackage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return validate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
