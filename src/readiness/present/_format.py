"""Numbers, shares and dates in the documents: the contract's locale formatting.

``format_value`` is the name the documents have always used for
:func:`readiness.contract.format_in_unit`.
"""

from __future__ import annotations

from readiness.contract import (
    MISSING,
    format_date,
    format_number,
    format_percent,
    format_quoted,
    quoted_legend,
    vega_locale,
)
from readiness.contract import format_in_unit as format_value

__all__ = [
    "MISSING",
    "format_date",
    "format_number",
    "format_percent",
    "format_quoted",
    "format_value",
    "quoted_legend",
    "vega_locale",
]
