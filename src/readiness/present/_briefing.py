"""The content of the briefing documents, computed once and shown piece by piece.

A :class:`Briefing` is the frozen briefing data (:class:`~readiness.present._briefing_core.
BriefingCore`) with every section's functions gathered as methods; they return displayable
objects (:class:`Markdown`, :class:`Table`, :class:`Figure`). The ``.qmd`` documents only
call these methods. Each section is its own module of free functions over the data:

======================  ==============================================================
``_section_summary``    title block, headings, key figures, rows left out
``_section_actions``    page 1's list of what needs action now
``_section_status``     status table, composite readiness and rank, map
``_section_indicators`` one indicator as a chart or in a table
``_section_logistics``  logistics by stage, over time, per kecamatan
``_section_tps``        polling stations and voters, published figures that disagree
``_section_security``   security personnel
``_section_neutrality`` neutrality cases
``_section_vulnerability`` vulnerabilities and mitigation
``_section_quality``    data coverage, status overview, validation findings
``_section_sources``    definitions, glossary, sources and input files
``_section_profile``    the regency profile
======================  ==============================================================
"""

from __future__ import annotations

from readiness.present import (
    _section_actions,
    _section_indicators,
    _section_logistics,
    _section_neutrality,
    _section_profile,
    _section_quality,
    _section_security,
    _section_sources,
    _section_status,
    _section_summary,
    _section_tps,
    _section_vulnerability,
)
from readiness.present._briefing_core import CORE_INDICATORS, BriefingCore

__all__ = ["CORE_INDICATORS", "Briefing"]


class Briefing(BriefingCore):
    """Everything a briefing shows, for one region (a province or one of its regencies),
    with the functions of every section as methods."""

    # summary
    title_block = _section_summary.title_block
    heading = _section_summary.heading
    key_figures = _section_summary.key_figures
    left_out_note = _section_summary.left_out_note
    # act now (page 1)
    actions = _section_actions.actions
    data_requests = _section_actions.data_requests
    # status of every regency
    status_table = _section_status.status_table
    composite_table = _section_status.composite_table
    regency_map = _section_status.regency_map
    # one indicator across the regencies
    indicator_chart = _section_indicators.indicator_chart
    indicator_table = _section_indicators.indicator_table
    # logistics
    logistics_stage_chart = _section_logistics.logistics_stage_chart
    logistics_over_time = _section_logistics.logistics_over_time
    kecamatan_table = _section_logistics.kecamatan_table
    # polling stations and voters
    tps_table = _section_tps.tps_table
    reconciliation = _section_tps.reconciliation
    # security
    security_table = _section_security.security_table
    personnel_table = _section_security.personnel_table
    # neutrality
    neutrality_chart = _section_neutrality.neutrality_chart
    neutrality_table = _section_neutrality.neutrality_table
    # vulnerability
    vulnerability_table = _section_vulnerability.vulnerability_table
    # data quality
    coverage_table = _section_quality.coverage_table
    status_overview = _section_quality.status_overview
    findings_table = _section_quality.findings_table
    # reference pages
    definitions = _section_sources.definitions
    glossary = _section_sources.glossary
    manifest_table = _section_sources.manifest_table
    sources_list = _section_sources.sources_list
    # regency profile
    regency_summary = _section_profile.regency_summary
    regency_facts = _section_profile.regency_facts
    regency_facts_table = _section_profile.regency_facts_table
    regency_indicator_table = _section_profile.regency_indicator_table
