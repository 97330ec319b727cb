"""Presentation: the ``readiness`` altair theme and charts, tables that read well in every
format, Indonesian number and date formatting, escaping of text from the data.

>>> from readiness import present
>>> present.format_number(1588), present.format_percent(11 / 13)
('1.588', '84,6 %')
"""

from readiness.present._actions import (
    Action,
    DataRequest,
    Decision,
    StaleTable,
    deadline_text,
    decision_items,
)
from readiness.present._briefing import CORE_INDICATORS, Briefing
from readiness.present._card import Card, CardFigure, card_for, province_card, regency_card
from readiness.present._card_render import CARD_PIXELS, card_markup, render_card
from readiness.present._charts import (
    Chart,
    indicator_bars,
    logistics_by_stage,
    logistics_over_time,
    neutrality_flow,
    status_overview,
)
from readiness.present._corrections import (
    CORRECTION_FILES,
    CorrectionPack,
    CorrectionsResult,
    correction_deadline,
    correction_message,
    is_corrections_folder,
    plan_corrections,
    write_corrections,
)
from readiness.present._display import (
    CAPTION_METADATA_KEY,
    Figure,
    Markdown,
    StatusCell,
    Table,
    page_setup,
    status_markdown,
)
from readiness.present._escape import escape_html, escape_markdown, escape_typst
from readiness.present._format import (
    MISSING,
    format_date,
    format_number,
    format_percent,
    format_value,
)
from readiness.present._geo import BoundaryError
from readiness.present._labels import STATUS_COLORS, STATUS_KEYS, status_label, text
from readiness.present._load_briefing import load_briefing
from readiness.present._map import MAP_STATUSES, choropleth, read_boundaries
from readiness.present._marking import (
    CORRECTIONS_SHEET,
    SEVERITY_FILLS,
    comment_text,
    mark_workbook,
)
from readiness.present._sitrep import (
    SYNTHETIC_MARKER,
    build_sitrep,
    is_synthetic_example,
    load_sitrep,
    previous_snapshot,
)
from readiness.present._sitrep_document import SitrepDocument
from readiness.present._sitrep_json import sitrep_json, sitrep_schema
from readiness.present._sitrep_render import SitrepSection, sitrep_sections, summary_lines
from readiness.present._sitrep_text import SYNTHETIC_NOTICE
from readiness.present._sitrep_types import (
    Arrival,
    CaseChange,
    CriticalItem,
    DuePlan,
    RegencyReporting,
    Sitrep,
    SitrepError,
    StatusChange,
)
from readiness.present._theme import THEME_NAME, enable_theme, setup_notebook

__all__ = [
    "CAPTION_METADATA_KEY",
    "CARD_PIXELS",
    "CORE_INDICATORS",
    "CORRECTIONS_SHEET",
    "CORRECTION_FILES",
    "MAP_STATUSES",
    "MISSING",
    "SEVERITY_FILLS",
    "STATUS_COLORS",
    "STATUS_KEYS",
    "SYNTHETIC_MARKER",
    "SYNTHETIC_NOTICE",
    "THEME_NAME",
    "Action",
    "Arrival",
    "BoundaryError",
    "Briefing",
    "Card",
    "CardFigure",
    "CaseChange",
    "Chart",
    "CorrectionPack",
    "CorrectionsResult",
    "CriticalItem",
    "DataRequest",
    "Decision",
    "DuePlan",
    "Figure",
    "Markdown",
    "RegencyReporting",
    "Sitrep",
    "SitrepDocument",
    "SitrepError",
    "SitrepSection",
    "StaleTable",
    "StatusCell",
    "StatusChange",
    "Table",
    "build_sitrep",
    "card_for",
    "card_markup",
    "choropleth",
    "comment_text",
    "correction_deadline",
    "correction_message",
    "deadline_text",
    "decision_items",
    "enable_theme",
    "escape_html",
    "escape_markdown",
    "escape_typst",
    "format_date",
    "format_number",
    "format_percent",
    "format_value",
    "indicator_bars",
    "is_corrections_folder",
    "is_synthetic_example",
    "load_briefing",
    "load_sitrep",
    "logistics_by_stage",
    "logistics_over_time",
    "mark_workbook",
    "neutrality_flow",
    "page_setup",
    "plan_corrections",
    "previous_snapshot",
    "province_card",
    "read_boundaries",
    "regency_card",
    "render_card",
    "setup_notebook",
    "sitrep_json",
    "sitrep_schema",
    "sitrep_sections",
    "status_label",
    "status_markdown",
    "status_overview",
    "summary_lines",
    "text",
    "write_corrections",
]
