"""The data contract: tables, columns, closed sets, pandera schemas and the finding shape.

>>> from readiness import contract
>>> contract.CONTRACT_VERSION
'2.0.0'
>>> [t.sheet("id") for t in contract.TABLES.values()]
['Ringkasan', 'TPS', 'Logistik', 'Personel', 'Netralitas', 'Kerawanan', 'Angka terbit']
"""

from typing import TYPE_CHECKING

from readiness.contract._docs import contract_markdown
from readiness.contract._enums import (
    AGENCIES,
    AGENCY_MIXES,
    AUTHORITIES,
    CASE_STATUSES,
    CASE_SUBJECTS,
    CLOSED_SETS,
    FOLLOWED_UP_STATUSES,
    ITEMS,
    KHUSUS_TYPES,
    LANGUAGES,
    LOGISTICS_BASES,
    MITIGATION_STATUSES,
    OPEN_STATUSES,
    PUBLISHED_FIGURES,
    REFERRALS,
    ROLES,
    STAGES,
    VULNERABILITY_CATEGORIES,
    VULNERABILITY_INSTRUMENTS,
    Agency,
    AgencyMix,
    Authority,
    CaseStatus,
    CaseSubject,
    ClosedSet,
    Item,
    KhususType,
    Language,
    LogisticsBasis,
    MitigationStatus,
    PublishedFigure,
    Referral,
    Role,
    Stage,
    VulnerabilityCategory,
    VulnerabilityInstrument,
)
from readiness.contract._findings import (
    DEFAULT_MAX_PER_RULE,
    SEVERITIES,
    Finding,
    InputError,
    Severity,
    count_by_severity,
)
from readiness.contract._locale import (
    MISSING,
    format_date,
    format_in_unit,
    format_number,
    format_percent,
    format_quoted,
    quoted_legend,
    vega_locale,
)
from readiness.contract._norms import (
    DEFAULT_ELECTION,
    Election,
    Institution,
    Norm,
    Responsibility,
    ScoreScale,
    available_elections,
    load_election,
)
from readiness.contract._schemas import (
    CODE_PATTERN,
    empty_table,
    polars_schema,
    regions_schema,
    table_schema,
)
from readiness.contract._status import (
    FRESHNESS_STATUSES,
    JUDGED_STATUSES,
    SHOWN_STATUSES,
    STATUSES,
    ShownStatus,
    Status,
)
from readiness.contract._tables import (
    CONTRACT_VERSION,
    PROVENANCE_COLUMNS,
    TABLE_NAMES,
    TABLES,
    ColumnKind,
    ColumnSpec,
    TableName,
    TableSpec,
    table_spec,
)
from readiness.contract._text import Text, as_language
from readiness.contract._yaml import load_yaml

if TYPE_CHECKING:
    from readiness.contract._schemas import PROVENANCE_SCHEMA

__all__ = [
    "AGENCIES",
    "AGENCY_MIXES",
    "AUTHORITIES",
    "CASE_STATUSES",
    "CASE_SUBJECTS",
    "CLOSED_SETS",
    "CODE_PATTERN",
    "CONTRACT_VERSION",
    "DEFAULT_ELECTION",
    "DEFAULT_MAX_PER_RULE",
    "FOLLOWED_UP_STATUSES",
    "FRESHNESS_STATUSES",
    "ITEMS",
    "JUDGED_STATUSES",
    "KHUSUS_TYPES",
    "LANGUAGES",
    "LOGISTICS_BASES",
    "MISSING",
    "MITIGATION_STATUSES",
    "OPEN_STATUSES",
    "PROVENANCE_COLUMNS",
    "PROVENANCE_SCHEMA",
    "PUBLISHED_FIGURES",
    "REFERRALS",
    "ROLES",
    "SEVERITIES",
    "SHOWN_STATUSES",
    "STAGES",
    "STATUSES",
    "TABLES",
    "TABLE_NAMES",
    "VULNERABILITY_CATEGORIES",
    "VULNERABILITY_INSTRUMENTS",
    "Agency",
    "AgencyMix",
    "Authority",
    "CaseStatus",
    "CaseSubject",
    "ClosedSet",
    "ColumnKind",
    "ColumnSpec",
    "Election",
    "Finding",
    "InputError",
    "Institution",
    "Item",
    "KhususType",
    "Language",
    "LogisticsBasis",
    "MitigationStatus",
    "Norm",
    "PublishedFigure",
    "Referral",
    "Responsibility",
    "Role",
    "ScoreScale",
    "Severity",
    "ShownStatus",
    "Stage",
    "Status",
    "TableName",
    "TableSpec",
    "Text",
    "VulnerabilityCategory",
    "VulnerabilityInstrument",
    "as_language",
    "available_elections",
    "contract_markdown",
    "count_by_severity",
    "empty_table",
    "format_date",
    "format_in_unit",
    "format_number",
    "format_percent",
    "format_quoted",
    "load_election",
    "load_yaml",
    "polars_schema",
    "quoted_legend",
    "regions_schema",
    "table_schema",
    "table_spec",
    "vega_locale",
]


def __getattr__(name: str) -> object:
    if name == "PROVENANCE_SCHEMA":  # built with polars on first use
        from readiness.contract import _schemas

        return _schemas.PROVENANCE_SCHEMA
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
